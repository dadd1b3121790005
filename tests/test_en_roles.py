"""English roles and places (issue 13): coded-report verbs, "Place, Oblast"
appositions, people and metonymy, funerals, city districts, namesakes.

Every text here is our own, with other places and figures than the test sets.
"""

from __future__ import annotations

from datetime import date

import pytest

from gazetteer import get_gazetteer
from geo.extract.extractor import extract
from geo.extract.lexicon import fragment
from geo.ingest import Article


def art(text: str) -> Article:
    return Article("r.txt", text, date(2025, 9, 20), "option", None, None, "r.txt")


def places(text: str) -> list[tuple[str, str]]:
    """(name, oblast code) of each report, in the extractor's order."""
    return [(r.place.name, r.place.admin1_code) for r in extract(art(text)).reports]


# -- rule 3: the verbs of coded reports are attack language ----------------------------
@pytest.mark.parametrize(
    "text, place",
    [
        (
            "On 12 June 2025, Russian forces fired mortars and artillery at "
            "Bohodukhiv.",
            ("Bohodukhiv", "UA-63"),
        ),
        (
            "On 14 June 2025, Russian forces fired artillery at Kivsharivka.",
            ("Kivsharivka", "UA-63"),
        ),
        (
            "On 3 July 2025, Russian aviation carried out airstrikes near Toretsk.",
            ("Toretsk", "UA-14"),
        ),
        (
            "On 5 July 2025, Russian forces conducted an airstrike near Krasnohorivka.",
            ("Krasnohorivka", "UA-14"),
        ),
        (
            "On 8 July 2025, Russian forces dropped an UAV-borne explosive on Borova.",
            ("Borova", "UA-63"),
        ),
        (
            "On 9 July 2025, Russian troops used grenade launchers to fire upon "
            "positions near Nelipivka.",
            ("Nelipivka", "UA-14"),
        ),
        (
            "On 1 July 2025, Ukrainian forces struck Russian positions near "
            "Hola Prystan.",
            ("Hola Prystan", "UA-65"),
        ),
        (
            "On 2 July 2025, the enemy was firing shells at Hirnyk from the east.",
            ("Hirnyk", "UA-14"),
        ),
    ],
)
def test_coded_report_verbs_are_attacks(text, place):
    assert places(text) == [place]


def test_a_space_before_a_question_mark_is_optional():
    assert fragment("air ?strikes?") == r"air\s*strikes?"


@pytest.mark.parametrize(
    "text",
    [
        "On 4 July 2025, Russian troops attacked Ukrainian positions near Toretsk.",
        "Ukrainian units repelled nine assaults near Hirnyk on Friday.",
    ],
)
def test_ground_attacks_on_positions_stay_ground_combat(text):
    assert places(text) == []


# -- rule 4: "Place, Oblast" qualifies, is no event ------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Russian drones hit Novoselivka, Chernihiv.", [("Novoselivka", "UA-74")]),
        (
            "Russian forces shelled Ivanivka, Beryslav district, Kherson.",
            [("Ivanivka", "UA-65")],
        ),
        ("Drones struck Petrivka, Odesa, injuring two.", [("Petrivka", "UA-51")]),
        (
            "Russian forces shelled Kamianka, Izium district, Kharkiv.",
            [("Kamianka", "UA-63")],
        ),
        (
            "A drone hit a house in Tarasivka, Fastiv district, Kyiv.",
            [("Tarasivka", "UA-32")],
        ),
        (
            "Russian artillery hit Mykhailivka (Zaporizhzhia).",
            [("Mykhailivka", "UA-23")],
        ),
        (
            "Russian shelling hit Borova, Izium district, injuring 2.",
            [("Borova", "UA-63")],
        ),
        (
            "Russian forces fired artillery at Vilkhuvatka and Kurylivka, Kupiansk "
            "district, Kharkiv.",
            [("Vilkhuvatka", "UA-63"), ("Kurylivka", "UA-63")],
        ),
    ],
)
def test_oblast_after_a_place_qualifies_it(text, expected):
    assert places(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Russian missiles struck Izium, Kharkiv and Sumy.",
            {("Izium", "UA-63"), ("Kharkiv", "UA-63"), ("Sumy", "UA-59")},
        ),
        ("Drones hit Odesa, Kharkiv.", {("Odesa", "UA-51"), ("Kharkiv", "UA-63")}),
    ],
)
def test_a_list_of_cities_is_no_apposition(text, expected):
    assert set(places(text)) == expected


@pytest.mark.parametrize(
    "text, name, code",
    [
        ("Artillery hit Stepanivka, Kharkiv.", "Stepanivka", "UA-63"),
        ("Artillery hit Stepanivka (Kherson).", "Stepanivka", "UA-65"),
        ("Artillery hit Stepanivka, Kupiansk district.", "Stepanivka", "UA-63"),
    ],
)
def test_qualifier_picks_the_namesake(text, name, code):
    gz = get_gazetteer()
    (res,) = [r for m, r in gz.resolve_mentions(text) if m.surface == name]
    assert res.place.admin1_code == code


# -- namesakes follow the place named again and the places named with them -------------
@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Drones hit Chornobaivka, Bilozerka and Tokarivka.",
            [("Chornobaivka", "UA-65"), ("Bilozerka", "UA-65"), ("Tokarivka", "UA-65")],
        ),
        (
            "Russian forces shelled Dniprovske and Kizomys, Kherson district, Kherson. "
            "Two people were injured in Dniprovske.",
            [("Dniprovske", "UA-65"), ("Kizomys", "UA-65")],
        ),
    ],
)
def test_namesakes_follow_their_neighbours(text, expected):
    assert places(text) == expected


def test_a_name_is_one_place_in_a_ukrainian_text():
    text = (
        "Дрони атакували Чорнобаївку, Білозерку і Токарівку. "
        "У Токарівці поранено чоловіка."
    )
    gz = get_gazetteer()
    codes = {r.place.admin1_code for m, r in gz.resolve_mentions(text)}
    assert codes == {"UA-65"}


# -- rule 2: metonymy, people, funerals ------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Drones hit a depot in Shostka overnight, according to Lozova, an energy "
            "company official.",
            [("Shostka", "UA-59")],
        ),
        (
            "Drones hit Shostka overnight, Lozova told reporters.",
            [("Shostka", "UA-59")],
        ),
        (
            "Drones struck Uman overnight, as Kyiv pressed its partners for more "
            "Patriot systems.",
            [("Uman", "UA-71")],
        ),
        (
            "A missile hit Sarny on Monday, as Kyiv imposed new sanctions on Moscow.",
            [("Sarny", "UA-56")],
        ),
    ],
)
def test_people_and_governments_are_not_struck(text, expected):
    assert places(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Mourners in Ternopil attended the funeral of three soldiers killed in "
        "fighting near Toretsk.",
        "Residents of Dnipro laid flowers at a memorial wall for those killed in "
        "last year's missile attack.",
        "Uzhhorod bid farewell to a paratrooper who was killed near Hirnyk.",
    ],
)
def test_funerals_and_memorials_are_not_strikes(text):
    assert places(text) == []


# -- rule 5: "City - District" is the district -----------------------------------------
@pytest.mark.parametrize(
    "text, kind, code",
    [
        (
            "A missile hit Odesa city - Kyivskyi district, injuring five.",
            "district",
            "UA-51",
        ),
        (
            "Drones struck Kharkiv – Kyivskyi district overnight, injuring one.",
            "district",
            "UA-63",
        ),
        (
            "A missile hit Kyiv (Pecherskyi district), injuring two.",
            "district",
            "UA-30",
        ),
    ],
)
def test_city_dash_district_is_the_district(text, kind, code):
    (report,) = extract(art(text)).reports
    assert (report.place.kind, report.place.admin1_code) == (kind, code)
    assert report.injured is not None


def test_a_place_on_the_outskirts_of_another_is_one_place():
    text = "A drone killed a man in Chornobaivka, on the outskirts of Kherson."
    assert places(text) == [("Chornobaivka", "UA-65")]
