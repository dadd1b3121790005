"""Finding gazetteer names in running text."""

from __future__ import annotations

import pytest

from gazetteer import get_gazetteer


@pytest.fixture(scope="module")
def gaz():
    return get_gazetteer()


def found(gaz, text):
    return [
        (m.surface, r.place.name, r.place.admin1_code)
        for m, r in gaz.resolve_mentions(text)
    ]


def test_ordinary_sentences_yield_no_mentions(gaz, data_dir):
    lines = [
        ln.strip()
        for ln in (data_dir / "no_mentions.txt")
        .read_text(encoding="utf-8")
        .splitlines()
        if ln.strip() and not ln.startswith("#")
    ]
    assert len(lines) >= 60
    hits = {ln: [m.surface for m in gaz.find_mentions(ln)] for ln in lines}
    assert {k: v for k, v in hits.items() if v} == {}


def test_offsets_point_at_the_surface(gaz):
    text = "Drones hit Kharkiv's Saltivka; Odessa and L’viv were quiet. KYIV too."
    for m in gaz.find_mentions(text):
        assert text[m.start : m.end] == m.surface
    assert [m.surface for m in gaz.find_mentions(text)] == [
        "Kharkiv's",
        "Saltivka",
        "Odessa",
        "L’viv",
        "KYIV",
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Missiles hit Kiev and Kharkov.",
            [("Kiev", "Kyiv", "UA-30"), ("Kharkov", "Kharkiv", "UA-63")],
        ),
        (
            "Explosions in Zaporizhia, Zaporozhye and Запоріжжя.",
            [
                ("Zaporizhia", "Zaporizhzhia", "UA-23"),
                ("Zaporozhye", "Zaporizhzhia", "UA-23"),
                ("Запоріжжя", "Zaporizhzhia", "UA-23"),
            ],
        ),
        (
            "The strikes hit the regions of Sumy, Kharkiv and Chernihiv.",
            [
                ("Sumy", "Sumy Oblast", "UA-59"),
                ("Kharkiv", "Kharkiv Oblast", "UA-63"),
                ("Chernihiv", "Chernihiv Oblast", "UA-74"),
            ],
        ),
        (  # a headline in title case: the list head is read ignoring case
            "Drones Hit The Regions Of Sumy And Kharkiv",
            [
                ("Sumy", "Sumy Oblast", "UA-59"),
                ("Kharkiv", "Kharkiv Oblast", "UA-63"),
            ],
        ),
        (
            "Drones attacked the Odesa and Mykolaiv regions.",
            [
                ("Odesa", "Odesa Oblast", "UA-51"),
                ("Mykolaiv regions", "Mykolaiv Oblast", "UA-48"),
            ],
        ),
        (
            "A train was attacked in the eastern region of Kharkiv.",
            [("Kharkiv", "Kharkiv Oblast", "UA-63")],
        ),
        (
            "Shelling hit Rubizhne, Kharkiv region.",
            [
                ("Rubizhne", "Rubizhne", "UA-63"),
                ("Kharkiv region", "Kharkiv Oblast", "UA-63"),
            ],
        ),
        (
            "Glide bombs fell on Pokrovsk in Donetsk Oblast.",
            [
                ("Pokrovsk", "Pokrovsk", "UA-14"),
                ("Donetsk Oblast", "Donetsk Oblast", "UA-14"),
            ],
        ),
        (
            "Drones hit the village of Kyiv in the Mykolaiv region.",
            [
                ("Kyiv", "Kyiv", "UA-48"),
                ("Mykolaiv region", "Mykolaiv Oblast", "UA-48"),
            ],
        ),
        # "place, oblast" (news and coded event data): the oblast's own name
        # after a comma confirms a name that needs context
        (
            "A drone dropped explosives on Stanislav, Kherson.",
            [
                ("Stanislav", "Stanislav", "UA-65"),
                ("Kherson", "Kherson Oblast", "UA-65"),
            ],
        ),
        (
            "Missiles hit an air base near Saky, Crimea.",
            [("Saky", "Saky", "UA-43"), ("Crimea", "Crimea", "UA-43")],
        ),
        # a hyphenated compound before a name is no first name
        (
            "Artillery shelled Russian-held Vasylivka on Tuesday.",
            [("Vasylivka", "Vasylivka", "UA-23")],
        ),
    ],
)
def test_mentions_in_context(gaz, text, expected):
    assert found(gaz, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Volodymyr Zelensky spoke to Dmitry Peskov's counterpart.",
        "Smoke rose over the Dnipro River near the bridge.",
        "Shakhtar Donetsk beat Dynamo Kyiv on Sunday.",
        "The Bar was closed and the union went on strike.",
        "Kyivstar restored mobile service after the outage.",
        "Sergei Lavrov and Dmitry Medvedev made statements.",
        # a first name before a comma and no oblast: no place
        "Stanislav, the driver, said the road was closed.",
    ],
)
def test_not_places(gaz, text):
    got = [(m.surface) for m in gaz.find_mentions(text)]
    assert "Volodymyr" not in got and "Dnipro" not in got and "Bar" not in got
    assert "Peskov" not in got and "Lavrov" not in got and "Medvedev" not in got
    assert "Donetsk" not in got and "Kyiv" not in got and "Stanislav" not in got


def test_stop_listed_town_with_context_is_found(gaz):
    assert [m.surface for m in gaz.find_mentions("Drones hit the town of Bar.")] == [
        "Bar"
    ]
