"""Calendar words written with letters the case-insensitive grammar folds.

Python's ``re`` with ``IGNORECASE`` reads "ᲀ" as "в", "ſ" as "s", "ı" and
"İ" as "i", though ``lower()`` keeps them apart; a month or weekday the
grammar matched must then be found in the calendar's tables, or reading
the date would fail (it raised ``KeyError`` and stopped the whole run).
The texts are invented for these tests.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from geo.extract.dates import _grammar, event_date
from geo.extract.extractor import Extractor
from geo.ingest import Article
from geo.lang import Language

#: letters the grammar folds onto others, and two that lower() splits or maps
ODD = [
    *"\u0131\u017f\u1c80\u1c81\u1c82\u1c83\u1c84\u1c85\u1c86\u1c87\u1c88",
    "\u0130",
    "\u212a",
    "\ufb05",
    "\ufb06",
]


def _odd_spellings(word: str) -> list[str]:
    """The word with one letter written as an odd letter the regex equates."""
    out = []
    for i, letter in enumerate(word):
        for odd in ODD:
            if odd != letter and re.fullmatch(re.escape(letter), odd, re.IGNORECASE):
                out.append(word[:i] + odd + word[i + 1 :])
    return out


@pytest.mark.parametrize("code", ["en", "uk"])
def test_a_folded_month_or_weekday_is_read_as_written_plainly(code):
    g = _grammar(Language(code))
    seen = 0
    for table, read in ((g.months, g.month), (g.weekdays, g.weekday)):
        for word, number in table.items():
            for odd in _odd_spellings(word):
                seen += 1
                assert read(odd) == number, odd
    assert seen > 10  # the test has odd spellings to try


@pytest.mark.parametrize(
    ("code", "text", "day"),
    [
        ("uk", "Уночі 3 \u1c80ересня ворог атакував Одесу.", date(2026, 9, 3)),
        ("en", "On fr\u0130day Russia struck Kyiv.", date(2026, 11, 27)),
        ("en", "On \u017funday Russia struck Kyiv.", date(2026, 11, 29)),
    ],
)
def test_a_sentence_with_a_folded_date_is_dated(code, text, day):
    assert event_date(text, date(2026, 11, 30), lang=Language(code)).date == day


def test_an_article_with_a_folded_month_is_extracted():
    text = "Уночі 3 \u1c80ересня ворог атакував Одесу дронами. Пошкоджено склад."
    article = Article("t", text, date(2026, 11, 30), "txt", None, None, "t", (), "uk")
    reports = Extractor().extract(article).reports
    assert [(r.place.name, r.date) for r in reports] == [("Odesa", date(2026, 9, 3))]
