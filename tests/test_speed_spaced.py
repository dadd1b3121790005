"""The quick prefilters' spaced twins (issue 14, sixth round).

A spaced twin (``lexicon._spaced``, ``" (X)"``) stands for a pattern's quick
prefilter (``[^<word characters>](X)``) on the texts ``lexicon._spaced_text``
admits: those where every non-word character that a word character follows is
a space.  It is compared here with the quick prefilter, and every pattern with
its own regex, on texts where the twin is taken and on texts where it must not
be (a quote, a hyphen, a slash, a bracket, a line break or an apostrophe before
a word), English and Ukrainian.
"""

from __future__ import annotations

import re

import pytest
from fast_patterns import assert_as_regex, built_patterns

from geo.extract import lexicon as lx

# (language, text, whether the spaced twins may search it)
TEXTS = [
    ("en", "Russian drones struck Kyiv overnight, killing 3 people.", True),
    (
        "en",
        "Air defence shot down 40 of 52 drones; a missile hit 2 homes.",
        True,
    ),
    ("en", "Missiles hit an energy facility in Kharkiv, officials said.", True),
    ("en", "Drones struck Kyiv. Missiles hit Odesa; 4 killed, 9 wounded.", True),
    ("en", "Officials said “drones struck Kyiv” and a missile hit Odesa.", False),
    (
        "en",
        "A Shahed-type drone hit a block; a missile-strike hit Sumy.",
        False,
    ),
    ("en", "Drones struck Kyiv (overnight) and killed 3 people.", False),
    ("en", "Drones/missiles struck Kyiv overnight, killing 3 people.", False),
    ("en", "Drones struck Kyiv overnight.\nMissiles hit Odesa, killing 2.", False),
    ("en", "Kyiv's mayor said drones struck the city, killing 3 people.", False),
    ("uk", "Вночі російські дрони атакували Київ, загинули 3 людини.", True),
    ("uk", "Ворог випустив 298 ударних дронів та 12 ракет по Харкову.", True),
    ("uk", "Ракета влучила в енергетичний об'єкт у Бєлгороді та Курську.", False),
    ("uk", "Дрони «Шахед» атакували Київ, загинули 3 людини.", False),
    ("uk", "Ракети Х-101 влучили в Одесу, поранені 5 людей.", False),
    ("uk", "Вночі дрони атакували Київ.\nРакети влучили в Одесу.", False),
]


@pytest.fixture(scope="module")
def patterns() -> list[lx.FastPattern]:
    """Every FastPattern an extraction builds that has a spaced twin."""
    found = built_patterns((code, text) for code, text, _ in TEXTS)
    for fp in found:
        fp.first  # noqa: B018 (prepared: the prefilters made)
        assert fp._spaced is None or fp._quick is not None
    spaced = [fp for fp in found if fp._spaced is not None]
    assert len(spaced) > 20  # the lexicons, the cues, the attributes' patterns
    return spaced


def _found(rx: re.Pattern, low: str, pos: int = 0, endpos: int | None = None):
    """Every candidate ``rx.search`` gives, searched on from each position."""
    end = len(low) if endpos is None else endpos
    return [
        (m.start(), m.start(1), m.group(1))
        for p in range(pos, end + 1)
        if (m := rx.search(low, p, end))
    ]


@pytest.mark.parametrize(("code", "text", "spaced"), TEXTS)
def test_spaced_text_tells_a_text_with_only_spaces_before_words(
    code: str, text: str, spaced: bool
) -> None:
    low = text.lower()
    assert lx._plain(low)
    lx._LAST_SPACED = (None, False)
    assert lx._spaced_text(low) is spaced
    assert lx._spaced_text(low) is spaced  # remembered: the same answer
    assert spaced is (re.search(r"[^\w ](?=\w)", low) is None)


@pytest.mark.parametrize(("code", "text", "spaced"), TEXTS)
def test_the_twin_finds_what_the_quick_prefilter_finds(
    patterns: list[lx.FastPattern], code: str, text: str, spaced: bool
) -> None:
    low = text.lower()
    differ = 0
    for fp in patterns:
        twin, quick = _found(fp._spaced, low), _found(fp._quick, low)
        if spaced:
            assert twin == quick, fp.regex.pattern[:80]
            cut = len(low) // 2  # an end inside the text: the same there
            assert _found(fp._spaced, low, 3, cut) == _found(fp._quick, low, 3, cut)
        differ += twin != quick
    if not spaced and "'" not in text:
        # where the twins would not find the same, so the test of the text
        # is needed (no lexicon start follows the apostrophes here)
        assert differ


@pytest.mark.parametrize(("code", "text", "spaced"), TEXTS)
def test_every_pattern_matches_and_searches_as_its_regex(
    patterns: list[lx.FastPattern], code: str, text: str, spaced: bool
) -> None:
    for fp in patterns:
        assert_as_regex(fp, text)


def test_a_start_that_opens_with_a_non_word_character_has_no_twin() -> None:
    assert lx._spaced(["drone", "missile"]).pattern.startswith(" (")
    assert lx._spaced(["drone", "'s"]) is None
    assert lx._spaced(["drone", " x"]) is None
    assert lx._spaced(["ſtruck"]) is None  # what _quick leaves out, it does too
