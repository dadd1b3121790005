"""Prefilters at word starts for patterns that open with a look-behind class.

A pattern opening with ``(?<![\\w\\-])`` (names of places abroad, numbers,
side cues) can only match where no word character precedes; its prefilter
looks at word starts only, and its matches stay those of the regex.
"""

from __future__ import annotations

import re

import pytest

from geo.extract.lexicon import FastPattern, _after_non_word, outside_matcher
from geo.lang import language


@pytest.mark.parametrize(
    ("pattern", "flags", "expected"),
    [
        (r"(?<!\w)(?:drones?|missiles?)", 0, True),
        (r"(?<![\w\-])(?:Belgorod|Kursk)(?![\w\-])", 0, True),
        (r"(?<![\w,.])(?P<n>\d+)", 0, True),
        (r"(?<![\w,-])(?<!no )(?:at\s+least)", re.I, True),
        (r"(?P<a>(?<![\w'-])russian)|(?P<b>(?<![\w-])moscow)", re.I, True),
        (r"(?P<a>(?<![\w'-])russian)|(?P<b>moscow)", re.I, False),
        (r"(?<![\w-]x)ab", 0, False),  # a look-behind wider than one character
        (r"(?<![^\w])ab", 0, False),  # a negated class: after a word character
        (r"(?<![,.])ab", 0, False),  # no \w in the class
        (r"(?a)(?<![\w-])ab", 0, False),  # an ASCII \w is not the prefilter's
        (r"(?<![\w-])ab", re.ASCII, False),
        (r"\bab", 0, False),
        (r"ab", 0, False),
        (r"(?<!\w)abc|def", 0, False),  # a top-level branch without it
        (r"(?<!\w)(?:abc|def)", 0, True),
    ],
)
def test_after_non_word(pattern, flags, expected):
    assert _after_non_word(pattern, flags) is expected


def test_a_branch_without_the_look_behind_is_found_after_a_word() -> None:
    regex = re.compile(r"(?<!\w)abc|def")
    fast = FastPattern(regex)
    for text in ("xdef", "abc xdef", "xabc def"):
        want = [(m.span(), m.group()) for m in regex.finditer(text)]
        assert [(m.span(), m.group()) for m in fast.matches(text)] == want
        assert (fast.search(text) and fast.search(text).span()) == (
            regex.search(text) and regex.search(text).span()
        )


TEXTS = [
    "Belgorod and Kursk were named; anti-Belgorod, xKursk, Kursk-2 were not.",
    "Kursk",
    "-Kursk Belgorod_ _Belgorod 12Kursk Kursk12 Kursk.",
    "Über Kursk, ßBelgorod, Курськ, Belgorod\u2019s outskirts",
    "At least 3,5 and 12, no at least 4, 1.5 at least 7",
    "İKursk Kursk",  # lower-casing changes the length: searched in full
]


@pytest.mark.parametrize(
    ("pattern", "flags"),
    [
        (r"(?<![\w\-])(?:Belgorod|Kursk)(?![\w\-])", 0),
        (r"(?<![\w,.])(?P<n>\d+)", 0),
        (r"(?<![\w,-])(?<!no )(?:at\s+least)\s+\d+", re.I),
        (r"(?P<a>(?<![\w'-])belgorod)|(?P<b>(?<![\w-])kursk)", re.I),
    ],
)
@pytest.mark.parametrize("text", TEXTS)
def test_matches_are_the_regexs(pattern, flags, text):
    regex = re.compile(pattern, flags)
    fast = FastPattern(regex)
    assert fast.first is not None and fast.first.pattern.startswith(r"(?<!\w)")
    want = [(m.span(), m.group()) for m in regex.finditer(text)]
    assert [(m.span(), m.group()) for m in fast.matches(text)] == want
    for pos in range(len(text) + 1):
        got = fast.search(text, pos)
        exp = regex.search(text, pos)
        assert (got and got.span()) == (exp and exp.span())


@pytest.mark.parametrize("code", ["en", "uk"])
def test_places_abroad_prefilter_at_word_starts(code):
    fast = outside_matcher(language(code))._fast
    assert fast.first is not None
    assert fast.first.pattern.startswith(r"(?<!\w)")


def test_other_digits_are_every_digit_but_ascii():
    from geo.extract.lexicon import _OTHER_DIGIT

    digit = re.compile(r"\d")
    for c in range(0x110000):
        ch = chr(c)
        if c < 0x80 or ch.isdecimal() or ch.isdigit() or ch.isnumeric():
            want = digit.match(ch) is not None and not "0" <= ch <= "9"
            assert (_OTHER_DIGIT.match(ch) is not None) is want, hex(c)


ALIASES = ["Rostov-on-Don", "Rostov Oblast", "Rostov", "Kursk", "Kurskaya", "Oryol"]
TEMPLATE = r"(?<![\w\-])(?:{})(?![\w\-])"


@pytest.mark.parametrize(
    "text",
    [
        "Drones hit Rostov-on-Don and Rostov  Oblast, then Rostov and Kursk.",
        "Rostov-on-Donets, Rostovs, rostov, KURSK, Kurskaya, Kurskayas, Oryol's",
        "Rostov\nOblast; -Kursk Kursk- xOryol Oryol",
        "",
    ],
)
def test_from_alternatives_matches_the_alternation(text):
    alts = [re.escape(a).replace(r"\ ", r"\s+") for a in ALIASES]
    regex = re.compile(TEMPLATE.format("|".join(alts)))
    fast = FastPattern.from_alternatives(alts, TEMPLATE)
    assert fast.regex.pattern == regex.pattern
    assert fast.first is not None
    want = [(m.span(), m.group()) for m in regex.finditer(text)]
    assert [(m.span(), m.group()) for m in fast.matches(text)] == want
    for pos in range(len(text) + 1):
        got, exp = fast.search(text, pos), regex.search(text, pos)
        assert (got and got.span()) == (exp and exp.span())


@pytest.mark.parametrize("code", ["en", "uk"])
def test_places_abroad_found_as_by_their_regex(code):
    matcher = outside_matcher(language(code))
    names = sorted(matcher._by_alias)[:400:7]
    text = ", ".join(names) + ". " + " і ".join(n.upper() for n in names[:20])
    text += " " + "-".join(names[:10]) + " " + "x".join(names[10:20])
    want = [m.span() for m in matcher.regex.finditer(text)]
    assert [(p.start, p.end) for p in matcher.find(text)] == want
    assert len(want) >= len(names) // 2


def test_a_prefilter_trie_is_the_same_whatever_the_order_of_its_starts() -> None:
    # compile_starts remembers the trie across runs under its sorted starts
    import random

    from geo.extract.lexicon import _AT_WORD, _trie, compile_starts

    starts = ["in fla", "in the", "0-stor", "drone", "dron", "ракет", "the ai", "a"]
    want = _trie(sorted(starts), True)
    rng = random.Random(3)
    for _ in range(20):
        rng.shuffle(starts)
        assert _trie(starts, True) == want
        assert compile_starts(set(starts), True).pattern == _AT_WORD + want
        assert compile_starts(list(starts), False).pattern == want
