"""The lexicon prefilter (geo.extract.lexicon): same matches, faster."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from fast_patterns import spans
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from geo.extract import attributes, cues
from geo.extract.lexicon import (
    SPACES,
    ClassMatcher,
    FastPattern,
    PlaceListMatcher,
    _run_prefixes,
    class_matcher,
    outside_matcher,
    prefilter,
    prefixes,
)
from geo.lang import language

ATTACK, WEAPONS, TARGETS = (class_matcher(s) for s in ("attack", "weapons", "targets"))

# ------------------------------------------------------------------ prefixes


@pytest.mark.parametrize(
    ("pattern", "length", "expected"),
    [
        (r"(?:air )?strikes?|hit", 3, {"air", "hit", "str"}),
        (r"(?<!\w)Shahed", 4, {"shah"}),
        (r"(?:ab)+c", 3, {"ab"}),  # after a repeat, the next character is unknown
        (r"(?:ab)?c", 3, {"abc", "c"}),
        (r"x(?:ab)*c", 3, {"xab", "xc"}),
        (r"[0-9]+ drones", 3, set("0123456789")),
        (r"\d+ drones", 3, set("0123456789")),
        (r"hi", 4, {"hi"}),  # shorter than asked: the whole match
        (r"(?:no|n)\b", 3, {"n", "no"}),
        (r"ki", 3, {"ki"}),
    ],
)
def test_prefixes(pattern: str, length: int, expected: set[str]) -> None:
    found = prefixes(pattern, length)
    # the letters case-insensitive matching equates with i and s come along
    unfolded = {s.replace("ı", "i").replace("ſ", "s") for s in found}
    assert unfolded == expected
    if any(c in "is" for s in expected for c in s):
        assert found != frozenset(expected)


@pytest.mark.parametrize(
    "pattern", [r"\w+ killed", r".x", r"[^a]b", r"a?", r"(?:x|)", r"\S"]
)
def test_prefixes_unknown(pattern: str) -> None:
    assert prefixes(pattern) is None


def test_prefixes_fold_letters() -> None:
    assert prefixes("ki") == frozenset({"ki", "kı"})
    assert prefixes("s") == frozenset({"s", "ſ"})
    assert re.match("ki", "KI", re.I) and re.match("ki", "kı", re.I)


def test_prefixes_nested_repeat_inside_group() -> None:
    # "no\s+one": the group's repeat ends what can be told, even inside a group
    found = prefixes(r"(?:no\s+one|nobody)\s+was", 4)
    assert "nobo" in found
    assert all(len(s) == 3 or s.startswith("nob") for s in found)
    assert {"no ", "no\xa0", "no\n"} <= found


def test_spaces_are_every_regex_space() -> None:
    every = "".join(
        chr(i) for i in range(sys.maxunicode + 1) if re.match(r"\s", chr(i))
    )
    assert every == SPACES


def test_prefilter_of_unbounded_pattern_is_none() -> None:
    assert prefilter(re.compile(r"\w+ attack", re.I)) is None
    fp = FastPattern(re.compile(r"\w+ attack", re.I))
    assert [m.group() for m in fp.finditer("a big attack")] == ["big attack"]


# ------------------------------------------------ FastPattern = the regex itself

TRICKY = [
    "Missiles struck Kyiv overnight.",
    "Missiles\xa0struck Kyiv; a drone\u2009attack hit Odesa.",  # Unicode spaces
    "ſtrikes and ſhelling hit the cıty.",  # letters case-folding equates
    "\u212aill: the Kelvin sign folds to k; STRUCK, Struck, sTrUcK.",
    "İstanbul talks; drones hit İzmail.",  # lower() changes the length
    "Launched ٣٥ drones and 12 missiles; 35 drones were shot down.",
    "in the town and in the city, no one was injured, nobody was hurt.",
    "Two\u00a0people were killed and 3\u202finjured in the attack.",
    "the the the in in no no",  # overlapping candidate starts
    "",
    "x",
    "Kh-101 cruise missiles and Kh-22 missiles; Shahed-136 drones; Iskander-M.",
    "A nine-storey building, a 5-storey block and a TPP were damaged.",
]


def _corpus(data_dir: Path) -> list[str]:
    texts = list(TRICKY)
    for path in sorted((data_dir / "articles").glob("*")):
        if path.suffix in (".txt", ".md", ".html"):
            texts.append(path.read_text("utf-8"))
    return texts


def _fast_slots(obj: object) -> list[tuple[str, FastPattern]]:
    """The FastPatterns a compiled grammar object holds, by slot name."""
    names = [n for cls in type(obj).__mro__ for n in getattr(cls, "__slots__", ())]
    return [
        (n, getattr(obj, n))
        for n in names
        if isinstance(getattr(obj, n, None), FastPattern)
    ]


def _patterns() -> list[tuple[str, FastPattern]]:
    en = language("en")
    rules = cues._rules(en)
    found = [
        ("ATTACK", ATTACK._fast),
        ("WEAPONS", WEAPONS._fast),
        ("TARGETS", TARGETS._fast),
        ("outside", outside_matcher()._fast),
        ("roles.before", rules.before),
        ("roles.clause", rules.clause),
    ]
    found += [(f"discourse.{k}", v) for k, v in _fast_slots(cues.discourse(en))]
    for grammar in (attributes._casualty_grammar(en), attributes._launch_grammar(en)):
        found += [(f"attributes.{k}", v) for k, v in _fast_slots(grammar)]
    assert len(found) > 20
    return found


@pytest.mark.parametrize(("name", "fp"), _patterns(), ids=lambda x: str(x)[:20])
def test_fast_pattern_finds_what_the_regex_finds(
    name: str, fp: FastPattern, data_dir: Path
) -> None:
    for text in _corpus(data_dir):
        assert spans(fp.finditer(text)) == spans(fp.regex.finditer(text)), name
        assert spans(fp.matches(text)) == spans(fp.regex.finditer(text)), name
        got, want = fp.search(text, low=text.lower()), fp.regex.search(text)
        assert spans([got] if got else []) == spans([want] if want else [])
        for pos, endpos in ((0, len(text)), (5, len(text) // 2), (len(text) // 3, 400)):
            got = fp.search(text, pos, endpos)
            want = fp.regex.search(text, pos, endpos)
            assert spans([got] if got else []) == spans([want] if want else [])
            assert spans(fp.finditer(text, pos, endpos)) == spans(
                fp.regex.finditer(text, pos, endpos)
            )
            assert spans(fp.overlapping(text, pos, endpos)) == spans(
                _overlapping(fp.regex, text, pos, endpos)
            )


def _overlapping(regex: re.Pattern, text: str, pos: int, endpos: int) -> list:
    out = []
    m = regex.search(text, pos, endpos)
    while m is not None:
        out.append(m)
        m = regex.search(text, m.start() + 1, endpos)
    return out


def test_fast_pattern_on_the_seeds(seeds_dir: Path) -> None:
    texts = [p.read_text("utf-8") for p in sorted(seeds_dir.iterdir()) if p.is_file()]
    assert texts
    for name, fp in _patterns():
        for text in texts:
            assert spans(fp.finditer(text)) == spans(fp.regex.finditer(text)), name


def test_prefilter_is_worked_out_on_first_use() -> None:
    fp = FastPattern.from_entries([("a", "air strikes?"), ("b", "shell(?:ing|ed)")])
    assert fp._first is not None and fp._entries is None  # nothing done yet
    found = fp.finditer("Air strikes and shelling")
    assert [m.lastgroup.partition("__")[0] for m in found] == ["a", "b"]
    assert fp._entries is not None


def test_main_lexicons_are_prefiltered() -> None:
    # a lexicon edit that makes a start unknowable would silently slow every
    # article down: the three scanned over whole texts must keep a prefilter
    for matcher in (ATTACK, WEAPONS, TARGETS):
        assert matcher._fast.first is not None
        assert matcher._fast._entries is not None


# ------------------------------------------- the last text read, remembered

SECTIONS = {"attack": ATTACK, "weapons": WEAPONS, "targets": TARGETS}


def _fresh(text: str) -> str:
    """An equal str that is another object (no identity shared)."""
    copy = "".join([text[:1], text[1:]])
    assert copy == text and copy is not text
    return copy


@pytest.mark.parametrize("section", sorted(SECTIONS))
def test_class_hits_of_the_same_text_again_are_the_full_answer(
    section: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    matcher = SECTIONS[section]
    unshared = ClassMatcher(language("en").lexicon[section])  # its own memory
    texts = [_fresh(t) for t in TRICKY if len(t) > 1]
    full = {t: unshared.hits(_fresh(t)) for t in texts}
    assert any(full.values())
    calls: list[int] = []
    real = FastPattern.matches

    def counted(self: FastPattern, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(FastPattern, "matches", counted)
    for a, b in zip(texts, [*texts[1:], texts[0]], strict=True):
        mine = matcher.hits(a)
        assert mine == full[a]
        mine.append(mine[0] if mine else None)  # the caller's list is its own
        n = len(calls)
        assert matcher.hits(a) == full[a]  # the same object: not read again
        assert matcher.specific_hits(a) == unshared.specific_hits(_fresh(a))
        assert len(calls) == n + 1  # only the unshared matcher read it
        assert matcher.hits(b) == full[b]  # another text: read
        assert matcher.hits(_fresh(a)) == full[a]  # equal, another object: read
        assert len(calls) == n + 3


def test_foreign_places_of_the_same_text_again_are_the_full_answer() -> None:
    matcher = outside_matcher()
    unshared = PlaceListMatcher(language("en").lexicon["outside_ukraine"]["places"])
    texts = [
        "Drones hit Belgorod and Kursk overnight; Rostov-on-Don was quiet.",
        "Belgorod-Dnestrovsky is in Ukraine; Belgorod is not.",
        "Nothing abroad in this one.",
    ]
    full = [unshared.find(t) for t in texts]
    assert full[0] and full[1] and not full[2]
    for text, want in zip([*texts, texts[0]], [*full, full[0]], strict=True):
        text = _fresh(text)
        mine = matcher.find(text)
        assert mine == want
        mine.clear()  # the caller's list is its own
        assert matcher.find(text) == want
        assert [(m.start(), m.end()) for m in unshared.regex.finditer(text)] == [
            (p.start, p.end) for p in want
        ]


def test_comparable_remembers_only_the_same_two_objects() -> None:
    from geo.extract.lexicon import _comparable

    def full(text: str, low: str) -> bool:
        return low.isascii() or (
            len(low) == len(text) and not re.search(r"[^\D0-9]", low)
        )

    uk = _fresh("Київ: 35 дронів")
    pairs = [
        (uk, uk.lower()),
        (uk, _fresh(uk).lower()),
        (uk, uk.lower().replace("35", "٣٥")),  # same text, another low object
        (_fresh("Одеса ٣٥ дронів"), "одеса ٣٥ дронів"),
        (_fresh("İzmail і Київ"), "İzmail і Київ".lower()),  # lower() is longer
        (_fresh("Kyiv 35"), "kyiv 35"),
    ]
    assert {full(t, low) for t, low in pairs} == {True, False}
    for text, low in [*pairs, *pairs[::-1], *pairs]:
        assert _comparable(text, low) == full(text, low)
        assert _comparable(text, low) == full(text, low)  # remembered


# ------------------------------------- each entry's starts as long as told


def test_entries_keep_their_own_start_length() -> None:
    # "abc\w+[de]" is told at 3 characters only, "abxy" at 4, "abcdef" at 6:
    # each keeps its own, and the longest start found admits every entry it
    # should
    entries = [
        ("short", r"abc\w+[de]"),
        ("long", "abcdef"),
        ("other", "abxy"),
        ("spaced", "ab cd"),
    ]
    fp = FastPattern.from_entries(entries)
    assert fp.first is not None and fp._entries is not None
    lengths = {name: {len(s) for s in starts} for name, _, starts in fp._entries}
    assert lengths["short"] == {3} and lengths["other"] == {4}
    assert lengths["long"] == {6} and lengths["spaced"] == {5}
    texts = [
        "abcdef abce abcde abcdx abcxd abxyz abxy ab cd ab  cd abcdefg",
        "ABCDEF, Abce; abcd\u2009ab\u00a0cd abc abcde abxy.",
        "xabcdef abcdef_ abce",
    ]
    for text in texts:
        assert spans(fp.matches(text)) == spans(fp.regex.finditer(text))
        assert spans(fp.overlapping(text)) == spans(
            _overlapping(fp.regex, text, 0, len(text))
        )
    assert len(fp.matches(texts[0])) == 6


@pytest.mark.parametrize("section", ["attack", "weapons", "targets"])
def test_ukrainian_lexicons_find_what_their_regex_finds(
    section: str, data_dir: Path
) -> None:
    fp = class_matcher(section, language("uk"))._fast
    assert fp.first is not None and fp._entries is not None
    assert any(len(s) == 4 for _, _, starts in fp._entries for s in starts)
    texts = [p.read_text("utf-8") for p in sorted((data_dir / "uk").rglob("*.txt"))]
    assert len(texts) > 10
    for text in texts:
        assert spans(fp.matches(text)) == spans(fp.regex.finditer(text))
        for sentence in text.splitlines():
            got = fp.search(sentence)
            want = fp.regex.search(sentence)
            assert spans([got] if got else []) == spans([want] if want else [])


# ------------------------------------- the shifted prefilter (issue 14)

SHIFT_ENTRIES = [
    ("a", "in flames"),
    ("b", "in"),
    ("c", "«shahed»"),
    ("d", "-?22 missiles?"),
    ("e", "hit"),
    ("f", "air ?strikes?"),
    ("g", "«a b"),  # a candidate that fails right before one that matches
    ("h", "a"),
]


@pytest.fixture(scope="module")
def shifted_fp() -> FastPattern:
    fp = FastPattern.from_entries(SHIFT_ENTRIES)
    assert fp.first is not None and fp.first.pattern.startswith(r"(?<!\w)")
    assert fp._shifted is not None  # the path under test
    return fp


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.lists(
        st.sampled_from(
            [
                "in",
                " ",
                "flames",
                "«",
                "shahed",
                "»",
                "-",
                "22",
                "missile",
                "s",
                "hit",
                "HIT",
                "air",
                "strike",
                "x",
                ",",
                "\u00a0",
                "ı",
                "a",
                "b",
                "Kh",
            ]
        ),
        max_size=14,
    ).map("".join),
    st.integers(-2, 40),
    st.integers(-2, 60),
)
@example(" in", 1, 10)  # a candidate right at pos, its space before pos
@example("in", 0, 2)  # a candidate at the very start
@example("«shahed»", 0, 9)  # a start that is no word character
@example("«a c", 0, 9)  # "«a " fails, "a" one character on matches
@example("x «a c", 0, 9)  # the same, not at the start
def test_shifted_prefilter_finds_what_the_regex_finds(
    shifted_fp: FastPattern, text: str, pos: int, endpos: int
) -> None:
    fp, rx = shifted_fp, shifted_fp.regex
    assert spans(fp.matches(text)) == spans(rx.finditer(text))
    assert spans(fp.finditer(text, pos, endpos)) == spans(
        rx.finditer(text, pos, endpos)
    )
    got, want = fp.search(text, pos, endpos), rx.search(text, pos, endpos)
    assert spans([got] if got else []) == spans([want] if want else [])
    assert spans(fp.overlapping(text, pos, endpos)) == spans(
        _overlapping(rx, text, pos, endpos)
    )


# ------------------ starts read past a run of spaces or digits (_run_prefixes)


@pytest.mark.parametrize(
    ("pattern", "length", "expected"),
    [
        (r"in\s+flames", 4, {"in f"}),  # prefixes: "in " and every other space
        (r"air[- ]raid", 5, {"air-r", "air r"}),
        (r"air\s*strikes?", 5, {"airst", "air s"}),
        (r"no\s+\w+ was", 6, {"no "}),  # what follows cannot be told: cut there
        (r"a\s\s+b", 4, {"a b"}),  # spaces that meet are one run
        ("x\t\u00a0y", 3, {"x y"}),
        (r"(?:no\s+one|nobody)\s+was", 6, {"no one", "nobody"}),
        (r"\d+\s+drones", 4, {"0 dr"}),  # "0": a run of digits
        (r"(?:\d{1,3}(?:,\d{3})+|1st)", 4, {"0,0", "0st"}),
        (r"\d[\d.]*\s+km", 4, {"0", "0.", "0 km"}),  # "[\d.]*" cuts, or is empty
        (r"(?:ab)?\s*c", 3, {"abc", "ab ", " c", "c"}),
    ],
)
def test_run_prefixes(pattern: str, length: int, expected: set[str]) -> None:
    found = _run_prefixes(pattern, length)
    assert found is not None
    assert {s.replace("ı", "i").replace("ſ", "s") for s in found} == expected


@pytest.mark.parametrize("pattern", [r"\w+ killed", r".x", r"a?", r"\s*"])
def test_spaced_prefixes_unknown(pattern: str) -> None:
    assert _run_prefixes(pattern, 4) is None


def test_a_run_of_spaces_does_not_end_the_start() -> None:
    # "in flames" is tried only where "in fla" stands, not after every "in ";
    # before, the prefilter stopped at the space and found "in " five times
    fp = FastPattern.from_entries([("a", "in flames"), ("b", "and\tthen")])
    text = "in the town and in a city, in\u00a0 flames and\tthen in fog, in f"
    assert spans(fp.matches(text)) == spans(fp.regex.finditer(text))
    assert len(fp.matches(text)) == 2
    found = {k for k in fp._at if isinstance(k, str)}
    # the starts written with one space for a run, and as found when that is
    # as long: a long run of spaces adds no start kept
    assert found == {"in fla", "and th", "and\tth"}


def test_a_run_of_digits_does_not_end_the_start() -> None:
    fp = FastPattern.from_entries([("a", r"\d+-stor(?:ey|ies)"), ("b", "1st")])
    text = "12 people, 1 man and 123 homes in 2 towns; a 9-storey and a 16-storey 1st"
    assert spans(fp.matches(text)) == spans(fp.regex.finditer(text))
    assert len(fp.matches(text)) == 3
    found = {k for k in fp._at if isinstance(k, str)}
    assert found == {"0-stor", "9-stor", "0st", "1st"}


SPACED_ALTERNATIVES = [
    r"air raid",  # one space only
    r"air\s+strikes?",
    r"air[ -]?defen[cs]e",
    r"air\s*force",
    r"no\s+\w+ (?:was|were)",
    "a\tb",
    r"a\s+b\s+c",
    r"a(?=\s)",
    r"\s+x",
    r"\d+\s+drones?",
    r"(?:\d{1,3}(?:,\d{3})+|\d+)\s*km",
    r"1st",
]


@pytest.fixture(scope="module")
def spaced_fps() -> list[FastPattern]:
    fps = [
        FastPattern.from_alternatives(SPACED_ALTERNATIVES, r"(?<!\w)(?:{})(?!\w)"),
        FastPattern.from_alternatives(SPACED_ALTERNATIVES, "(?:{})", re.I),
        FastPattern(re.compile(r"\b(?:" + "|".join(SPACED_ALTERNATIVES) + ")", re.I)),
        FastPattern.from_entries([("s", p) for p in ("air raid", "a b c", "no one")]),
    ]
    for fp in fps:
        assert fp.first is not None
    return fps


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.lists(
        st.sampled_from(
            ["air", "AIR", " ", "  ", "\t", "\u00a0", "\u2009", "\n", "raid", "-"]
            + ["strike", "s", "defence", "force", "no", "one", "was", "a", "b"]
            + ["c", "x", "X", ",", "1", "12", "0", "drone", "km", "st", "\u0663"]
        ),
        max_size=14,
    ).map("".join),
    st.integers(-2, 40),
    st.integers(-2, 60),
)
@example("air  raid air raid", 0, 40)  # two spaces where the pattern has one
@example("air \tstrikes", 0, 40)
@example("air force airforce air-defence", 0, 40)
@example(" x  x", 0, 9)  # a start that is a run of spaces
@example("1,234km 12 drones 1st 11st", 0, 40)
def test_spaced_prefilter_finds_what_the_regex_finds(
    spaced_fps: list[FastPattern], text: str, pos: int, endpos: int
) -> None:
    for fp in spaced_fps:
        rx = fp.regex
        assert spans(fp.matches(text)) == spans(rx.finditer(text))
        assert spans(fp.finditer(text, pos, endpos)) == spans(
            rx.finditer(text, pos, endpos)
        )
        got, want = fp.search(text, pos, endpos), rx.search(text, pos, endpos)
        assert spans([got] if got else []) == spans([want] if want else [])
        assert spans(fp.overlapping(text, pos, endpos)) == spans(
            _overlapping(rx, text, pos, endpos)
        )
