"""Shortcuts of geo.extract.dates and geo.extract.dating give the full answers."""

from __future__ import annotations

import bisect
from datetime import date

import pytest

from geo.extract import dates
from geo.extract.dates import _candidates, _clause_starts, _grammar, _one_clause
from geo.lang import Language

EN = Language("en")
UK = Language("uk")
REF = date(2025, 11, 20)  # a Thursday

# (language, sentence, the word the anchor is at, whether no break stands
# between the dates and the anchor)
CASES = [
    (EN, "Drones hit Kharkiv on Monday night.", "Kharkiv", True),
    (EN, "On Tuesday two missiles struck Odesa and Sumy overnight.", "Odesa", False),
    (EN, "Drones hit Kharkiv on Monday, and missiles struck Odesa on Tuesday.",
     "Odesa", False),
    (EN, "On Monday Kharkiv was hit; on Tuesday Odesa was hit.", "Odesa", False),
    (EN, "Sumy was shelled on May 4 and overnight on May 5.", "Sumy", False),
    (EN, "Sumy was shelled overnight on May 4 2025.", "Sumy", True),
    (UK, "У ніч на 19 листопада дрони атакували Харків.", "Харків", True),
    (UK, "Учора ввечері росіяни обстріляли Суми, а вночі атакували Одесу.",
     "Одесу", False),
    (UK, "Раніше, 3 листопада, ворог бив по Херсону; вночі дрони атакували Суми.",
     "Суми", False),
    (UK, "Минулого тижня внаслідок удару загинули двоє, вночі обстріляли Суми.",
     "Суми", False),
    (UK, "Вночі 19 листопада росіяни атакували Одесу дронами.", "Одесу", True),
    # a dash after a comma: the search from an offset finds " - " inside
    # the whole search's ", " break (a break the full path does not cut)
    (UK, "Вночі Суми , - обстріляли 19 листопада.", "Суми", False),
    (EN, "Overnight Sumy , - was shelled on Monday.", "Sumy", False),
    # a break right at the anchor ("and", "і" as the anchor word)
    (EN, "Sumy was shelled overnight and Odesa burned.", "and", False),
    (UK, "Минулого тижня обстріляли Суми і Одесу.", "і Одесу", False),
]  # fmt: skip


def _full(monkeypatch, sentence, anchor, lang):
    """event_date with the shortcut turned off: every break of the sentence cut."""
    with monkeypatch.context() as m:
        m.setattr(dates, "_one_clause", lambda *a: False)
        dates._scan.cache_clear()
        return dates.event_date(sentence, REF, anchor=anchor, lang=lang)


@pytest.mark.parametrize(("lang", "sentence", "word", "one"), CASES)
def test_one_clause_gives_the_full_answer(monkeypatch, lang, sentence, word, one):
    anchor = sentence.index(word)
    g = _grammar(lang)
    found = _candidates(sentence, REF, g)
    assert found
    assert _one_clause(sentence, found, anchor, g) is one
    full = _full(monkeypatch, sentence, anchor, lang)
    dates._scan.cache_clear()
    assert dates.event_date(sentence, REF, anchor=anchor, lang=lang) == full


@pytest.mark.parametrize(("lang", "sentence"), [(c[0], c[1]) for c in CASES])
def test_one_clause_only_where_no_break_between(monkeypatch, lang, sentence):
    """At every word start as the anchor: True means the full cuts agree."""
    g = _grammar(lang)
    found = _candidates(sentence, REF, g)
    cuts = _clause_starts(sentence, g)
    for anchor in range(len(sentence)):
        if anchor and sentence[anchor - 1].isalnum():
            continue
        if _one_clause(sentence, found, anchor, g):
            here = bisect.bisect_right(cuts, anchor)
            assert all(bisect.bisect_right(cuts, c.start) == here for c in found)
        full = _full(monkeypatch, sentence, anchor, lang)
        dates._scan.cache_clear()
        assert dates.event_date(sentence, REF, anchor=anchor, lang=lang) == full
