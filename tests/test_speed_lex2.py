"""The lexicon matcher's and extractor's shortcuts, second wave (issue 14).

Each shortcut is compared here with the full path it stands for, on texts
where it skips work and on texts where it must not, English and Ukrainian.
"""

from __future__ import annotations

import random
import re
from datetime import date

import pytest
from fast_patterns import built_patterns, spans

from geo.extract import extractor as ex
from geo.extract import lexicon as lx
from geo.extract.dates import Block, block_at, dated_blocks
from geo.lang import Language

# --- FastPattern._runs: starts found with a shortened run, kept apart -------

# starts with runs of digits and spaces written shorter ("298 ", "kh-101",
# "12   km"), next to starts written as they are ("2 ", "1st"), each text
# asked twice so that the second reading takes the kept method
RUN_TEXTS = [
    ("en", "Russia launched 298 drones and 12 missiles; 298 drones were downed."),
    ("en", "Of 40 Kh-101 missiles, 14 were shot down; a Kh-101 hit 2 homes."),
    ("en", "A 16-storey and a 9-storey block, 12   km from the 1st line."),
    ("en", "12 km away, 12 drones; 123 km away, 123 drones; 1 km, 1 drone."),
    ("en", "In 2024, 2,345 drones and 1.5 km; 10\t\tdrones at 10 km."),
    ("en", "Nothing with a number here."),
    ("uk", "Ворог випустив 298 ударних БпЛА та 12 ракет Х-101; 298 БпЛА збито."),
    ("uk", "За 15 км від міста, 15 дронів; 9-поверховий та 16-поверховий будинки."),
    ("uk", "Уночі 24 серпня 10 ракет, з них 2 Х-101, за 30   км від Києва."),
    ("uk", "Без чисел."),
]


@pytest.fixture(scope="module")
def fast_patterns() -> list[lx.FastPattern]:
    return built_patterns(RUN_TEXTS)


def test_every_pattern_matches_as_its_regex_twice(
    fast_patterns: list[lx.FastPattern],
) -> None:
    assert len(fast_patterns) > 20
    for fp in fast_patterns:
        for _, text in RUN_TEXTS:
            full = spans(fp.regex.finditer(text))
            for _ in range(2):  # the second time, from the kept methods
                assert spans(fp.matches(text)) == full, (fp.regex.pattern, text)
                first = fp.search(text)
                want = full[0][:2] if full else None
                assert (first.span() if first else None) == want, text
    assert any(fp._runs for fp in fast_patterns)  # the shortcut was taken


def test_runs_kept_apart_from_the_trie_starts() -> None:
    # "12 km" and "12 dron" are both written shorter and admit different entries:
    # the method kept for one must never be taken for the other
    fp = lx.FastPattern.from_entries([("dist", r"\d+\s+km"), ("n", r"\d+\s+drones")])
    text = "12 km away, 12 drones; 123 km, 123 drones, 12  km, 1 km, 1 drones"
    full = spans(fp.regex.finditer(text))
    assert [c for _, _, c in full] == ["dist", "n", "dist", "n", "dist", "dist", "n"]
    for _ in range(3):
        assert spans(fp.matches(text)) == full
    assert set(fp._runs) == {"12 km", "12 dron", "123 km", "123 dron", "12  km"}
    # the trie's starts alone in _at, as before: no number adds a key there
    trie_starts = {"0 km", "0 dron", "1 km", "1 dron"}
    assert {k for k in fp._at if isinstance(k, str)} == trie_starts


@pytest.mark.parametrize("code", ["en", "uk"])
def test_runs_kept_are_bounded(code: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lx, "_RUNS_KEPT", 3)
    word = "drones" if code == "en" else "дронів"
    fp = lx.FastPattern.from_entries([("n", rf"\d+\s+{word}"), ("k", r"\d+\s+km")])
    text = ", ".join(f"{n} {word}, {n} km" for n in range(10, 40))
    full = spans(fp.regex.finditer(text))
    assert len(full) == 60
    for _ in range(2):
        assert spans(fp.matches(text)) == full
        assert len(fp._runs) <= 3


# --- _Walk.block_of: the last block found, kept for the offsets it covers --

_D = date(2026, 11, 30)


def _blocks(*spans: tuple[int, int]) -> list[Block]:
    return [Block(a, b, _D, "published") for a, b in spans]


BLOCK_LAYOUTS = [
    _blocks(),
    _blocks((0, 50)),
    _blocks((0, 20), (20, 35), (35, 50)),  # contiguous, as dated_blocks gives
    _blocks((0, 10), (15, 30), (40, 50)),  # gaps: None between blocks
    _blocks((0, 30), (10, 20), (25, 50)),  # overlaps: the later start wins
    _blocks((0, 10), (10, 10), (10, 50)),  # an empty block
    _blocks((5, 10), (10, 20), (20, 20)),  # nothing before 5; an empty last
    _blocks((20, 50), (0, 20)),  # not sorted: never kept
    _blocks((0, 40), (50, 60), (5, 8), (60, 70)),  # bisect finds (5, 8) at 5
]


@pytest.mark.parametrize("blocks", BLOCK_LAYOUTS)
def test_block_of_as_block_at(blocks: list[Block]) -> None:
    offsets = list(range(-2, 55))
    rng = random.Random(14)
    for order in (offsets, offsets[::-1], rng.sample(offsets, len(offsets)) * 2):
        walk = ex._Walk(None, Language("en"), blocks, None, 0)  # type: ignore[arg-type]
        for off in order:
            assert walk.block_of(off) is block_at(blocks, off), (blocks, off)


BLOCK_TEXTS = [
    (
        "en",
        "KYIV, Nov 29 (Reuters) - Drones hit Kharkiv overnight.\n\n"
        "Updated 3 hours ago\nMissiles struck Odesa on Friday. Two were hurt.",
    ),
    ("en", "Nov 28, 2026\nA strike on Sumy.\nNov 29, 2026\nA strike on Dnipro."),
    (
        "uk",
        "29 листопада 2026\nДрони атакували Харків.\n\n"
        "28 листопада 2026\nРакети влучили в Одесу. Поранено двох.",
    ),
    ("uk", "Уночі ворог атакував Київ. Збито 10 дронів."),
]


@pytest.mark.parametrize(("code", "text"), BLOCK_TEXTS)
def test_block_of_on_dated_blocks(code: str, text: str) -> None:
    lang = Language(code)
    blocks = dated_blocks(text, _D, lang)
    walk = ex._Walk(None, lang, blocks, None, 0)  # type: ignore[arg-type]
    for off in [*range(len(text) + 2), *range(len(text) + 1, -1, -3)]:
        assert walk.block_of(off) is block_at(blocks, off), off


# --- _trie: the first characters apart, never a class at the top -----------

TRIE_WORDS = [
    ["x-", "х-", "ab", "b", "c"],  # x and х share a continuation
    ["a", "b", "c"],  # all of one character: a class is kept
    ["kh-", "kh ", "kab", "drone", "drones"],
    ["s-300", "с-300", "s-400", "shahed", "шахед"],
]


def _longest_first(words: list[str]) -> re.Pattern[str]:
    """The plain alternation, the longest word first (what a trie finds)."""
    return re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))


@pytest.mark.parametrize(
    "words",
    [
        *TRIE_WORDS,
        sorted(set(Language("en").lexicon["launch"]["keywords"])),
        sorted(set(Language("uk").lexicon["launch"]["keywords"])),
    ],
)
def test_trie_finds_what_the_alternation_does(words: list[str]) -> None:
    trie = re.compile(lx.starts_alternation(words))
    plain = _longest_first(words)
    texts = [
        "x-101 and х-22, ab b c; kh-101, kh 22 kab, drones",
        "ворог випустив 58 шахедів, 3 ракети х-101 та с-300",
        "russia launched 58 drones and three kh-101 missiles",
        *words,
        *(f"({w}) {w[1:]} {w[:-1]}" for w in words),
    ]
    for text in texts:
        assert [m.span() for m in trie.finditer(text)] == [
            m.span() for m in plain.finditer(text)
        ], text
