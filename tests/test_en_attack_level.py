"""Attributes belong to their place, tallies to the attack (issue 13, rules 6 and 7).

Our own texts.  Rule 6: a weapon or target goes to the places whose clause
states it (a headline's only to the places it names; a sentence that goes on
with the last event but speaks of an attack launched from abroad adds none).
Rule 7: "Russia launched 85 drones and 3 missiles overnight" is the
attack's: every report of the article dated in that night gets it, wherever
the tally stands, and no report of another day or of the other side's strike.
"""

from __future__ import annotations

from datetime import date

import pytest

from geo.extract import extract
from geo.extract.scope import attribute_scopes
from geo.ingest import Article
from geo.lang import language

DAY = date(2026, 6, 9)  # a Tuesday


def art(text: str, lang: str = "en") -> Article:
    return Article("a.txt", text, DAY, "option", None, None, "a.txt", lang=lang)


def by_place(text: str, lang: str = "en") -> dict:
    return {r.place.name: r for r in extract(art(text, lang)).reports}


# ------------------------------------------------------------------ rule 6


@pytest.mark.parametrize(
    ("text", "place", "weapons", "targets"),
    [
        (  # a headline of two clauses: each place its own
            "Missile hits Dnipro hospital; Pavlohrad shelled\n\n"
            "A Russian missile hit a hospital in Dnipro on Tuesday, injuring six.",
            "Pavlohrad",
            ("artillery",),
            (),
        ),
        (
            "Missile hits Dnipro hospital; Pavlohrad shelled\n\n"
            "A Russian missile hit a hospital in Dnipro on Tuesday, injuring six.",
            "Dnipro",
            ("missile",),
            ("medical",),
        ),
        (  # ", while": the second place's clause
            "On Tuesday drones hit a power substation in Kherson, while "
            "artillery shelled houses in Beryslav.",
            "Kherson",
            ("drone",),
            ("energy",),
        ),
        (
            "On Tuesday drones hit a power substation in Kherson, while "
            "artillery shelled houses in Beryslav.",
            "Beryslav",
            ("artillery",),
            ("residential",),
        ),
        (  # a clause with no place goes with the place before it
            "Two people were hurt in Sumy on Tuesday after a drone hit a school; "
            "in Okhtyrka, shelling damaged a railway depot.",
            "Sumy",
            ("drone",),
            ("education",),
        ),
        (  # a sentence about where the drones came from adds no weapon
            "Russian artillery shelled Marhanets on Tuesday, wounding a woman.\n\n"
            "Officials said most drones used in the night's attacks had been "
            "launched from the Belgorod region.",
            "Marhanets",
            ("artillery",),
            (),
        ),
    ],
)
def test_an_attribute_goes_to_the_places_whose_clause_states_it(
    text, place, weapons, targets
):
    r = by_place(text)[place]
    assert (r.weapons, r.targets) == (weapons, targets)


def test_places_of_one_clause_share_its_weapon():
    reports = by_place("Russian drones hit Konotop and Shostka on Tuesday.")
    assert {p: r.weapons for p, r in reports.items()} == {
        "Konotop": ("drone",),
        "Shostka": ("drone",),
    }


def test_scopes_of_one_clause_are_the_whole_sentence():
    text = "Drones hit Izium and Balakliia."
    assert attribute_scopes(text, [11, 21], language("en")) == [None, None]
    two = "Drones hit Izium; shells fell on Balakliia."
    assert attribute_scopes(two, [11, 33], language("en")) == [
        "Drones hit Izium",
        "; shells fell on Balakliia.",
    ]


# ------------------------------------------------------------------ rule 7

_NIGHT = (
    "Russian drones hit Chernihiv overnight, damaging a warehouse, the governor "
    "said on Tuesday.\n\n"
    "In the Poltava region, a drone hit a farm near Lubny, injuring a man.\n\n"
    "Russia launched 72 Shahed drones and 4 cruise missiles overnight, the air "
    "force said, adding that 60 drones were shot down."
)


@pytest.mark.parametrize("place", ["Chernihiv", "Lubny"])
def test_a_tally_goes_to_every_report_of_that_night(place):
    r = by_place(_NIGHT)[place]
    assert dict(r.launched) == {"drone": 72, "cruise_missile": 4}


@pytest.mark.parametrize(
    "text",
    [
        # the tally first, the places after
        "Of the 45 drones Russia launched overnight, 30 were shot down.\n\n"
        "A drone hit a house in Uman, injuring two, officials said on Tuesday.\n\n"
        "In Vinnytsia, debris damaged a shop.",
        # a tally with no attack words of its own
        "A drone hit a house in Uman overnight, injuring two.\n\n"
        "Debris damaged a shop in Vinnytsia.\n\n"
        "In all, 45 drones were launched, the air force said.",
    ],
)
def test_a_tally_anywhere_in_the_article_is_the_attacks(text):
    reports = by_place(text)
    assert {p: dict(r.launched) for p, r in reports.items()} == {
        "Uman": {"drone": 45},
        "Vinnytsia": {"drone": 45},
    }


def test_a_tally_is_not_given_to_another_days_strike():
    text = (
        "Russia launched 50 drones at Ukraine overnight, the air force said on "
        "Tuesday.\n\n"
        "A drone hit a garage in Bila Tserkva overnight.\n\n"
        "On May 30, a missile strike on Kropyvnytskyi killed two people."
    )
    reports = by_place(text)
    assert dict(reports["Bila Tserkva"].launched) == {"drone": 50}
    assert reports["Kropyvnytskyi"].launched == ()


def test_a_tally_is_not_given_to_the_other_sides_strike():
    text = (
        "Russia launched 38 drones overnight, the air force said on Tuesday.\n\n"
        "A drone hit a kindergarten in Bilhorod-Dnistrovskyi overnight.\n\n"
        "Ukrainian drones struck an ammunition depot in occupied Melitopol "
        "overnight, the General Staff said."
    )
    reports = by_place(text)
    assert dict(reports["Bilhorod-Dnistrovskyi"].launched) == {"drone": 38}
    assert reports["Melitopol"].launched == ()
    assert reports["Melitopol"].actor == "ukraine"


def test_a_headline_tally_is_no_places_weapon():
    text = (
        "Russia fires 70 drones and 5 missiles; Rivne and Lutsk hit\n\n"
        "Drones hit an energy facility in Rivne overnight.\n\n"
        "In Lutsk, debris damaged houses."
    )
    reports = by_place(text)
    assert "missile" not in reports["Lutsk"].weapons
    assert dict(reports["Lutsk"].launched) == {"drone": 70, "missile": 5}


def test_a_ukrainian_tally_goes_to_the_day_of_the_summary():
    text = (
        "Протягом минулої доби росіяни застосували 6 КАБів та 14 ударних БпЛА.\n"
        "Під ударом були Золочів та Богодухів.\n"
        "У Золочеві пошкоджено будинок, у Богодухові поранено жінку."
    )
    reports = by_place(text, "uk")
    assert set(reports) >= {"Zolochiv", "Bohodukhiv"}
    for name in ("Zolochiv", "Bohodukhiv"):
        launched = dict(reports[name].launched)
        assert launched.get("drone") == 14, (name, launched)
        assert reports[name].actor == "russia"
