"""Stage 5 of extraction, dates of struck places (geo.extract.dating)."""

from __future__ import annotations

from datetime import date

import pytest

from gazetteer import get_gazetteer
from geo.extract.dates import Block, DateGuess
from geo.extract.dating import DatedPlace, Story, date_places, segments
from geo.extract.roles import StruckPlace

REF = date(2025, 3, 12)  # a Wednesday
BLOCK = Block(0, 1000, REF, "published")


@pytest.fixture(scope="module")
def places():
    gaz = get_gazetteer()
    return {n: gaz.lookup(n).place for n in ("Kharkiv", "Odesa", "Sumy")}


def struck(places, sentence: str, *names: str) -> tuple[StruckPlace, ...]:
    return tuple(StruckPlace(places[n], 1.0, None, sentence.index(n)) for n in names)


def test_each_place_takes_the_date_nearest_its_name(places):
    s = "Drones hit Kharkiv on Monday, and missiles struck Odesa on Tuesday."
    dating = date_places(s, struck(places, s, "Kharkiv", "Odesa"), REF, BLOCK, None)
    kharkiv, odesa = dating.places
    assert isinstance(kharkiv, DatedPlace)
    assert (kharkiv.date, odesa.date) == (date(2025, 3, 10), date(2025, 3, 11))
    assert kharkiv.dated and odesa.dated
    # the story goes on with the last date read
    assert dating.story == Story(
        BLOCK, DateGuess(odesa.date, "day", odesa.window, "on Tuesday")
    )


def test_an_undated_sentence_is_that_day_or_the_night_before(places):
    s = "Drones hit Sumy."
    (sumy,) = date_places(s, struck(places, s, "Sumy"), REF, BLOCK, None).places
    assert (sumy.date, sumy.dated) == (REF, False)
    assert sumy.window == (date(2025, 3, 11), REF)
    assert sumy.precision == "day"


def test_an_undated_sentence_goes_on_with_its_storys_date(places):
    story = Story(BLOCK, DateGuess(date(2025, 3, 9), "day", None, "on Sunday"))
    s = "Drones hit Sumy."
    dating = date_places(s, struck(places, s, "Sumy"), REF, BLOCK, story)
    (sumy,) = dating.places
    assert (sumy.date, sumy.dated) == (date(2025, 3, 9), True)
    assert sumy.window == (date(2025, 3, 9), date(2025, 3, 9))
    # not across blocks: a teaser's story is not the body's
    other = Story(Block(1000, 2000, REF, "date_line"), story.guess)
    (sumy,) = date_places(s, struck(places, s, "Sumy"), REF, BLOCK, other).places
    assert (sumy.date, sumy.dated) == (REF, False)


def test_a_place_named_twice_is_dated_once(places):
    s = "Drones hit Sumy and then Sumy again."
    twice = (
        StruckPlace(places["Sumy"], 1.0, None, 11),
        StruckPlace(places["Sumy"], 1.0, None, 25),
    )
    assert len(date_places(s, twice, REF, BLOCK, None).places) == 1


def test_no_reference_date_leaves_the_date_unknown(places):
    s = "Drones hit Sumy overnight."
    (sumy,) = date_places(s, struck(places, s, "Sumy"), None, None, None).places
    assert sumy.date is None and sumy.window is None and sumy.precision == "unknown"


def test_segments_give_each_place_its_clause(places):
    s = "Three were killed in Kharkiv, and a man died in Odesa."
    kharkiv, odesa = segments(s, struck(places, s, "Kharkiv", "Odesa"))
    assert kharkiv == "Three were killed in Kharkiv"
    assert odesa == ", and a man died in Odesa."
    (alone,) = segments(s, struck(places, s, "Odesa"))
    assert alone is None  # one place: the whole sentence


class _Counting:
    """A pattern that counts its searches of whole sentences."""

    def __init__(self, pattern, sentence: str):
        self.pattern, self.sentence, self.calls = pattern, sentence, 0

    def finditer(self, text: str, *args):
        if text == self.sentence and not args:
            self.calls += 1
        return self.pattern.finditer(text, *args)


@pytest.mark.parametrize(
    ("code", "sentence"),
    [
        ("en", "Drones hit Kharkiv on Monday, Sumy on Tuesday and Odesa on Sunday."),
        ("uk", "У понеділок удар по Kharkiv, у вівторок по Sumy, а в неділю Odesa."),
    ],
)
def test_a_sentences_clauses_are_cut_once_for_all_its_places(
    places, monkeypatch, code: str, sentence: str
) -> None:
    from geo.extract import dates
    from geo.extract.dates import event_date
    from geo.lang import language

    lang = language(code)
    found = struck(places, sentence, "Kharkiv", "Sumy", "Odesa")
    # each place as event_date reads it alone (nothing remembered between)
    alone = []
    for p in found:
        monkeypatch.setattr(dates, "_LAST_CUTS", (None, None, []), raising=False)
        alone.append(event_date(sentence, REF, anchor=p.anchor, lang=lang))
    assert len({g.date for g in alone}) == 3  # each its own day
    g = dates._compiled(lang)
    counting = _Counting(g.clause_cut, sentence)
    monkeypatch.setattr(g, "clause_cut", counting)
    monkeypatch.setattr(dates, "_LAST_CUTS", (None, None, []), raising=False)
    dating = date_places(sentence, found, REF, BLOCK, None, lang)
    assert [(d.date, d.window) for d in dating.places] == [
        (a.date, a.window) for a in alone
    ]
    assert counting.calls == 1
