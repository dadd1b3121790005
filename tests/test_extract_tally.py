"""The extractor's cheap tests say no only where the full reading finds nothing.

The texts are invented for these tests.
"""

from __future__ import annotations

import re

import pytest

from geo.extract.extractor import _may_tally, _tally_words
from geo.lang import language


def _may_tally_plain(text: str, code: str) -> bool:
    """The test written plainly: a number, and any weapon word as a substring.

    A number is a digit, or a number word standing as a word of its own
    however it is punctuated, hyphenated or its apostrophe typed.
    """
    lang = language(code)
    low = text.lower().replace("\u2019", "'").replace("\u02bc", "'")
    has_number = re.search(r"\d", text) is not None or any(
        re.search(rf"(?<![\w']){re.escape(w.lower())}(?![\w'])", low)
        for w in lang.numbers["words"]
    )
    return has_number and any(w in low for w in lang.lexicon["launch"]["keywords"])


#: a number word with punctuation stuck to it is not a token between spaces
#: (reading the words closer costs more than the rare tally it finds)
_STUCK = "a number word with punctuation stuck to it is missed"


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("en", "Russia launched 90 drones and four missiles overnight."),
        ("en", "Of the fifty-two Shaheds, 40 were downed."),
        ("en", "Twelve people were injured in Kharkiv."),
        ("en", "Air defence shot down 17 of 20 DRONES."),
        ("en", "No numbers and no weapons here."),
        ("uk", "Ворог випустив 47 ударних БпЛА типу «Шахед»."),
        ("uk", "Вночі росіяни атакували область двома ракетами."),
        ("uk", "У Харкові пролунали вибухи."),
        # number words the split on spaces alone missed
        ("en", "Russia launched a dozen drones overnight."),
        ("en", "Russia launched twenty-five drones at the city."),
        ("en", "Overnight the enemy fired a couple of missiles."),
        pytest.param(
            "en",
            "Drones launched: twelve, the air force said.",
            marks=pytest.mark.xfail(strict=True, reason=_STUCK),
        ),
        pytest.param(
            "en",
            "The army counted (nine) missiles.",
            marks=pytest.mark.xfail(strict=True, reason=_STUCK),
        ),
        ("en", "A dozen people were hurt."),
        ("en", "Twenty-five houses were damaged."),
        ("uk", "Окупанти випустили п’ять ракет."),
        ("uk", "Ворог запустив дев\u02bcять ударних дронів."),
        pytest.param(
            "uk",
            "Ворог запустив «шахеди» (дванадцять).",
            marks=pytest.mark.xfail(strict=True, reason=_STUCK),
        ),
        ("uk", "Збито п’ять цілей."),
    ],
)
def test_may_tally_equals_the_plain_test(code, text):
    lang = language(code)
    _may_tally.cache_clear()
    assert _may_tally(text, lang) == _may_tally_plain(text, code)


@pytest.mark.parametrize("code", ["en", "uk"])
def test_every_launch_keyword_is_found_as_a_substring(code):
    lang = language(code)
    _, weapons = _tally_words(lang)
    for word in lang.lexicon["launch"]["keywords"]:
        assert weapons.search(f"x{word}y") is not None, word


@pytest.mark.parametrize(
    ("code", "text", "counts"),
    [
        ("en", "Russia launched a dozen drones at Odesa overnight.", {"drone": 12}),
        ("en", "Russia launched twenty-five drones overnight.", {"drone": 25}),
        ("uk", "Окупанти випустили п’ять ракет.", {"missile": 5}),
        ("uk", "Окупанти випустили дев\u02bcять ракет.", {"missile": 9}),
    ],
)
def test_a_tally_in_words_passes_the_test(code, text, counts):
    """What ``launched`` reads from a sentence the cheap test lets through."""
    from geo.extract.attributes import launched

    lang = language(code)
    _may_tally.cache_clear()
    assert launched(text, lang) == counts
    assert _may_tally(text, lang)


@pytest.mark.parametrize(
    ("code", "text", "counts"),
    [
        (
            "en",
            "Russia launched a dozen drones at Odesa overnight. A drone hit a "
            "warehouse in Odesa, injuring two people, the governor said.",
            (("drone", 12),),
        ),
        (
            "uk",
            "Уночі ворог атакував Одесу ударними дронами. Загалом росіяни "
            "запустили дев’ять ударних дронів.",
            (("drone", 9),),
        ),
    ],
)
def test_a_tally_in_words_reaches_the_report(code, text, counts):
    from datetime import date

    from geo.extract.extractor import Extractor
    from geo.ingest import Article

    article = Article("t", text, date(2026, 11, 30), "txt", None, None, "t", (), code)
    reports = Extractor().extract(article).reports
    assert [r.place.name for r in reports] == ["Odesa"]
    assert reports[0].launched == counts
