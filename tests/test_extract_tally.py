"""The extractor's cheap tests say no only where the full reading finds nothing.

The texts are invented for these tests.
"""

from __future__ import annotations

import re

import pytest

from geo.extract.extractor import _may_tally, _tally_words
from geo.lang import language


def _may_tally_plain(text: str, code: str) -> bool:
    """The test as first written: a number, and any weapon word as a substring."""
    lang = language(code)
    numbers = {w.lower() for w in lang.numbers["words"]}
    low = text.lower()
    if re.search(r"\d", text) is None and numbers.isdisjoint(low.split()):
        return False
    return any(w in low for w in lang.lexicon["launch"]["keywords"])


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
