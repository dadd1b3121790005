"""The spellings a map page carries for its search (maps.search)."""

from __future__ import annotations

import pytest

from gazetteer import get_gazetteer
from gazetteer.normalize import fold
from maps.search import place_key, place_spellings


def event_at(name: str, code: str) -> tuple[str, str, str, str, float, float]:
    """An event on the gazetteer's point of the place ``name`` in ``code``."""
    g = get_gazetteer()
    p = max(
        (p for p, _ in g.store.entries(fold(name)) if p.admin1_code == code),
        key=lambda p: p.population,
    )
    return (p.name, p.name_uk, p.admin1, p.admin1_code, p.lon, p.lat)


@pytest.mark.parametrize(
    ("name", "code", "other"),
    [
        ("Kharkiv", "UA-63", "kharkov"),
        ("Bakhmut", "UA-14", "artemivsk"),  # the former name
        ("Bakhmut", "UA-14", "артемівськ"),  # and in Ukrainian
        ("Kryvyi Rih", "UA-12", "krivoi rog"),
        ("Kyiv", "UA-30", "kiev"),
    ],
)
def test_a_place_carries_its_other_spellings(name, code, other):
    e = event_at(name, code)
    spell = place_spellings([e])
    assert other in spell[place_key(e[0], e[2])]


def test_own_names_are_left_to_the_page_and_the_lists_are_sorted():
    e = event_at("Kharkiv", "UA-63")
    names = place_spellings([e, e])[place_key(e[0], e[2])]
    assert fold(e[0]) not in names and fold(e[1]) not in names
    assert names == sorted(set(names))


def test_a_name_at_another_point_gets_no_spellings():
    place, uk, admin1, code, lon, lat = event_at("Kharkiv", "UA-63")
    assert place_spellings([(place, uk, admin1, code, lon + 1.0, lat)]) == {}
    assert place_spellings([(place, uk, admin1, "UA-46", lon, lat)]) == {}


def test_a_name_the_gazetteer_does_not_know_gets_none():
    assert (
        place_spellings(
            [("Nowhere-on-Earth", "", "Kharkiv Oblast", "UA-63", 36.0, 50.0)]
        )
        == {}
    )


def test_namesakes_in_two_oblasts_keep_their_own_spellings():
    a = event_at("Kharkiv", "UA-63")
    b = event_at("Bakhmut", "UA-14")
    spell = place_spellings([b, a])
    assert list(spell) == sorted(spell)
    assert "kharkov" not in spell[place_key(b[0], b[2])]
    assert "artemivsk" not in spell[place_key(a[0], a[2])]


def test_a_name_that_only_lengthens_another_is_dropped():
    e = event_at("Kharkiv", "UA-63")
    names = place_spellings([e])[place_key(e[0], e[2])]
    assert "kharkov" in names and "kharkov city" not in names
    assert "kharkiv city" not in names  # "kharkiv" is the page's own
