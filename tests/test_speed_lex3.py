"""The lexicon matcher's quick prefilters, third wave (issue 14).

A quick prefilter (``lexicon._quick``) stands for a pattern's shifted one
(``\\W(X)``) on the lower-cased texts ``lexicon._plain`` admits: those without
ı, ſ or a character outside the Latin, Greek, Cyrillic and punctuation blocks
(``lexicon._COMMON``).  It is compared here with the shifted prefilter and
every pattern with its own regex, on texts where the quick one is taken and
on texts where it must not be, English and Ukrainian.
"""

from __future__ import annotations

import re
import sys

import pytest
from fast_patterns import assert_as_regex, built_patterns

from geo.extract import lexicon as lx

# texts the quick prefilters search (plain) and texts they must not (ı, ſ, a
# character past the BMP or of another script, a digit other than 0-9), each
# with lexicon words
TEXTS = [
    ("en", "Russian drones struck Kyiv overnight, killing 3 people.", True),
    ("en", "Air defence shot down 40 of 52 Shahed drones; a Kh-101 hit 2 homes.", True),
    ("en", "Missiles hit an energy facility in Kharkiv – “a massive attack”.", True),
    ("en", "Russian drones kılled 3 people; shells hıt Kherson.", False),
    ("en", "A missile ſtruck the port; drones ſtruck Odesa and Belgorod.", False),
    ("en", "An 𝐀attack: 𝐀killed and 𝐀drones, 💥drones struck Kyiv.", False),
    ("en", "Drones struck Kyiv, killing ٣ people and wounding 5.", False),
    ("en", "日drones struck Kyiv; 한drones hit 2 homes.", False),
    ("uk", "Вночі російські дрони атакували Київ, загинули 3 людини.", True),
    ("uk", "Ворог випустив 298 ударних БпЛА та 12 ракет Х-101 по Харкову.", True),
    ("uk", "Ракета влучила в енергетичний об'єкт у Бєлгороді та Курську.", True),
    ("uk", "Ракети Kınzhal та Iſkander, системи NAſAMS над Київом.", False),
    ("uk", "𝐀атакували 𝐀дрони, 💥дрони атакували Київ.", False),
    ("uk", "Вночі дрони атакували Київ, загинули ٣ людини.", False),
    ("uk", "日дрони атакували Київ, 한ракети влучили в Одесу.", False),
]


@pytest.fixture(scope="module")
def patterns() -> list[lx.FastPattern]:
    """Every FastPattern an extraction builds, each with a quick prefilter."""
    found = built_patterns((code, text) for code, text, _ in TEXTS)
    for fp in found:
        assert fp.first is not None or fp._quick is None
    quick = [fp for fp in found if fp._quick is not None]
    assert len(quick) > 20  # the lexicons, the cues, the attributes' patterns
    return quick


def _candidates(rx: re.Pattern, low: str) -> list[tuple[int, str]]:
    return [(m.start(1), m.group(1)) for m in rx.finditer(low)]


@pytest.mark.parametrize(("code", "text", "plain"), TEXTS)
def test_plain_tells_which_texts_the_quick_prefilter_may_search(
    code: str, text: str, plain: bool
) -> None:
    low = text.lower()
    lx._LAST_COMPARABLE = (None, None, False, False)
    lx._LAST_PLAIN = (None, False)
    # told alone, and told by _comparable with the text's digits
    assert lx._plain(low) is plain or "٣" in text
    if lx._comparable(text, low):
        assert lx._plain(low) is plain
    assert lx._comparable(text, low) is (
        len(low) == len(text) and lx._OTHER_DIGIT.search(low) is None
    )


@pytest.mark.parametrize(("code", "text", "plain"), TEXTS)
def test_quick_prefilter_finds_the_shifted_candidates(
    patterns: list[lx.FastPattern], code: str, text: str, plain: bool
) -> None:
    low = text.lower()
    differ = 0
    for fp in patterns:
        assert fp._shifted is not None
        quick = _candidates(fp._quick, low)
        full = _candidates(fp._shifted, low)
        if plain:
            assert quick == full, fp.regex.pattern[:80]
        differ += quick != full
    if not plain and "٣" not in text:
        # the texts the quick prefilters must not search: where they would not
        # find the same candidates (so the test of _plain is needed)
        assert differ


@pytest.mark.parametrize(("code", "text", "plain"), TEXTS)
def test_every_pattern_matches_and_searches_as_its_regex(
    patterns: list[lx.FastPattern], code: str, text: str, plain: bool
) -> None:
    for fp in patterns:
        assert_as_regex(fp, text)


def test_nonword_class_is_the_nonword_category_in_the_common_blocks() -> None:
    common = "".join(chr(c) for a, b in lx._COMMON for c in range(a, b + 1))
    nonword = re.compile(lx._nonword_class())
    want = [m.start() for m in re.finditer(r"\W", common)]
    assert [m.start() for m in nonword.finditer(common)] == want


def test_odd_is_all_but_the_common_blocks_and_the_folds() -> None:
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    common = {chr(c) for a, b in lx._COMMON for c in range(a, b + 1)}
    odd = {m.group() for m in lx._ODD.finditer(every)}
    assert odd == set(every) - common | set("ıſ")
    # every digit other than 0-9 is odd: one search tells _comparable of both
    assert {m.group() for m in lx._OTHER_DIGIT.finditer(every)} <= odd
