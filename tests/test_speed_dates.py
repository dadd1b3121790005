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


# Texts whose date words start after runs of spaces and digits of every
# length, and words that share the first letters of date expressions
RUN_TEXTS = [
    (EN, "Drones hit Kyiv on  Monday night and on\tTuesday, 12  May 2025."),
    (EN, "The the  night of 3 to 4\xa0July, the 28th, the day before, 2025-05-28."),
    (EN, "In the early hours of Sunday, 123456 people; at least 12 pe ople, 7 p.m."),
    (EN, "Overnight\non Sat, a day after  the attack; two  days ago; May 4th."),
    (UK, "У ніч на 19 листопада дрони атакували Київ, у  ма шинах пожежа."),
    (UK, "У\xa0ніч  з 3 на 4 липня; 12   листопада 2025 р. пролунали вибухи."),
    (UK, "Попередньо, по 1 дрону; по обіді, вчора ввечері, 101.5 тис. у лікарні."),
    (UK, "Минулого тижня, 2025-11-19, 19.11.2025, у  вівторок і в неділю вночі."),
    (UK, "Станом на 08:00 19 листопада, протягом доби, за добу, 1234567 у на."),
]


def _read(matches):
    """Each match: its span, its kind, the groups that matched."""
    return [
        (m.span(), m.lastgroup, {k: v for k, v in m.groupdict().items() if v})
        for m in matches
    ]


@pytest.mark.parametrize(("lang", "text"), RUN_TEXTS)
def test_run_starts_find_every_match(monkeypatch, lang, text):
    """The first pass over run starts finds what the whole grammar finds."""
    g = _grammar(lang)
    assert g.event_at._runs  # the run starts can be told
    for pos in (0, 3, 17):
        full = _read(g.event.finditer(text, pos))
        assert _read(g.event_at.finditer(text, pos)) == full
        assert _read(g.event_at.finditer(text.upper(), pos)) == _read(
            g.event.finditer(text.upper(), pos)
        )
    # with no start as found kept (written ones only), the same
    monkeypatch.setattr(dates, "_HEADS_KEPT", 0)
    monkeypatch.setattr(g.event_at, "_of", {})
    assert _read(g.event_at.finditer(text)) == _read(g.event.finditer(text))


# Texts with clause breaks and demoting words in every case, with Unicode
# spaces and the letters case-insensitive matching equates with others
LED_TEXTS = [
    (EN, "Since Monday, the city AND its suburbs; after the strike\u2009— drones"),
    (EN, "SINCE the attack, planned to begin\xa0next week, ſince ſunday, until"),
    (EN, "Compared  with May: the night of\tFriday – before and after it and"),
    (UK, "З понеділка, і вночі; А ТАКОЖ та вдень — Після удару - але проте"),
    (UK, "Починаючи з\xa0вівторка, очікується ТОДІ  ЯК, напередодні й ніж до"),
    (UK, "Планують наступного тижня: Й у неділю\u2003– відбудеться, однак раніше"),
]


@pytest.mark.parametrize(("lang", "text"), LED_TEXTS)
def test_led_patterns_match_as_the_plain_ones(lang, text):
    """clause_cut and demote, led by their first characters, match as before."""
    import re

    g = _grammar(lang)
    raw = lang.dates
    plain_cut = re.compile(raw["clause_cut"], re.IGNORECASE)
    plain_demote = re.compile(
        rf"\b(?:{'|'.join(raw['demote'])})\b(?:\W+\w+){{0,5}}\W*$", re.IGNORECASE
    )
    assert g.clause_cut.pattern.startswith("(?=[")  # led: the shortcut is on
    assert g.demote.pattern.startswith("(?=[")
    for t in (text, text.upper(), text.lower()):
        assert [m.span() for m in g.clause_cut.finditer(t)] == [
            m.span() for m in plain_cut.finditer(t)
        ]
        for end in range(len(t) + 1):  # every lead a date expression may have
            lead = t[max(0, end - 60) : end]
            a, b = g.demote.search(lead), plain_demote.search(lead)
            assert (a and a.span()) == (b and b.span())
