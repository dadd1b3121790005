"""Stages 4 and 6 of extraction, attributes and reports (geo.extract.reports),
and the extractor's thread of sentences (geo.extract.extractor)."""

from __future__ import annotations

from datetime import date

import pytest

from gazetteer import get_gazetteer
from geo.extract.dating import DatedPlace
from geo.extract.extractor import Extractor, extract
from geo.extract.reports import Draft, combine, to_reports
from geo.extract.roles import StruckPlace
from geo.ingest import Article

REF = date(2025, 3, 12)


@pytest.fixture(scope="module")
def gaz():
    return get_gazetteer()


def draft(place, day=REF, window=None, dated=True, note=None) -> Draft:
    window = window or (day, day)
    return Draft.of(
        DatedPlace(StruckPlace(place, 0.8, note, 0), day, "day", window, dated, None)
    )


def art(text: str) -> Article:
    return Article("a.txt", text, REF, "option", None, None, "a.txt")


def test_a_draft_gathers_what_its_sentences_say(gaz):
    d = draft(gaz.lookup("Odesa").place)
    assert (d.killed, d.weapons, d.evidence) == (None, set(), {})
    s1 = "Russia fired 40 drones and 3 missiles at Odesa, killing two people."
    d.add(s1, 0)
    d.add("A school was damaged and five were injured.", 80)
    d.add(s1, 0)  # the same sentence once
    assert (d.killed, d.injured) == (2, 5)
    assert d.weapons == {"drone", "missile"}
    assert d.targets == {"education"}
    assert d.launched == {"drone": 40, "missile": 3}
    assert list(d.evidence) == [0, 80]


def test_casualty_text_limits_the_figures_to_the_places_part(gaz):
    d = draft(gaz.lookup("Odesa").place)
    d.add(
        "Two died in Kharkiv, and drones hit Odesa.",
        0,
        casualty_text=", and drones hit Odesa.",
    )
    assert d.killed is None


def test_combine_merges_the_same_place_on_the_same_day(gaz):
    odesa = gaz.lookup("Odesa").place
    a = draft(odesa, window=(date(2025, 3, 11), REF))
    b = draft(odesa, dated=False)
    b.killed = 3
    c = draft(odesa, day=date(2025, 3, 1))
    out = combine([a, b, c])
    assert out == [a, c] and a.killed == 3


def test_combine_merges_the_oblast_into_its_one_settlement(gaz):
    odesa = gaz.lookup("Odesa").place
    oblast = gaz.admin1(odesa.admin1_code)
    assert combine([draft(oblast), draft(odesa)])[0].place == odesa


def test_an_oblast_reported_place_by_place_is_no_event_of_its_own(gaz):
    odesa, izmail = gaz.lookup("Odesa").place, gaz.lookup("Izmail").place
    oblast = gaz.admin1(odesa.admin1_code)
    summary = draft(oblast)
    summary.killed = 5  # a total of the places' figures: added to none
    out = combine([summary, draft(odesa), draft(izmail)])
    assert [d.place for d in out] == [odesa, izmail]
    assert all(d.killed is None for d in out)


@pytest.mark.parametrize(
    ("other", "day"),
    [
        ("Kharkiv", REF),  # places in another oblast
        ("Izmail", date(2025, 3, 1)),  # the oblast's places, on another day
    ],
)
def test_an_oblast_with_no_place_of_its_own_that_day_stays(gaz, other, day):
    odesa = gaz.lookup("Odesa").place
    oblast = gaz.admin1(odesa.admin1_code)
    others = [draft(gaz.lookup(other).place, day=day), draft(gaz.lookup("Sumy").place)]
    out = combine([draft(oblast), *others])
    assert oblast in [d.place for d in out]


def test_to_reports(gaz):
    d = draft(gaz.lookup("Odesa").place, note="near Odesa")
    d.add("Drones hit Odesa.", 0)
    (r,) = to_reports(art("x"), [d])
    assert (r.article, r.place.name, r.precision, r.date, r.note) == (
        "a.txt",
        "Odesa",
        "settlement",
        REF,
        "near Odesa",
    )
    assert r.weapons == ("drone",) and r.evidence == ("Drones hit Odesa.",)
    assert r.actor == "unknown"  # no side given


def test_to_reports_takes_each_drafts_side(gaz):
    a, b = draft(gaz.lookup("Odesa").place), draft(gaz.lookup("Sumy").place)
    reports = to_reports(art("x"), [a, b], ["russia", "ukraine"])
    assert [(r.place.name, r.actor) for r in reports] == [
        ("Odesa", "russia"),
        ("Sumy", "ukraine"),
    ]
    with pytest.raises(ValueError, match="2 drafts but 1 actors"):
        to_reports(art("x"), [a, b], ["russia"])


# -- the extractor's thread: sentences with no place of their own -----------------
def test_the_capital_is_kyiv():
    (r,) = extract(art("Missiles struck the Ukrainian capital overnight.")).reports
    assert r.place.name == "Kyiv"


def test_casualty_news_adds_to_the_event_just_reported():
    text = "Drones hit Sumy overnight. Three people were killed."
    (r,) = extract(art(text)).reports
    assert r.killed == 3 and len(r.evidence) == 2


def test_the_thread_reaches_only_carry_sentences():
    text = "Drones hit Sumy overnight. One. Two. Three people were killed."
    assert extract(art(text)).reports[0].killed is None
    (r,) = Extractor(carry=3).extract(art(text)).reports
    assert r.killed == 3


def test_a_generic_sentence_adds_nothing():
    text = "Drones hit Sumy overnight. Previously, 40 people were killed."
    assert extract(art(text)).reports[0].killed is None
