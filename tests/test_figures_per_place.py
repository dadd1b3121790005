"""Each place of a sentence naming several gets its own casualty figures.

Texts written for these tests (issue 13): figures after a contrast
connective, elided verbs, a total over several places (with and without a
breakdown), a relative clause attached to one place.
"""

from __future__ import annotations

import datetime

import pytest

from geo.extract.extractor import extract
from geo.ingest import Article

Figures = dict[str, tuple[int | None, int | None]]


def _figures(text: str, lang: str | None = None) -> Figures:
    article = Article(
        id="v-test",
        text=text,
        published=datetime.date(2025, 3, 12),
        date_source="jsonl",
        url=None,
        title=None,
        source="test",
        lang=lang,
    )
    return {r.place.name: (r.killed, r.injured) for r in extract(article).reports}


CASES = [
    # 1. a contrast or parallel connective starts another place's clause
    (
        "Russian shelling hit Prymorske in the Vasylivka district, injuring a "
        "woman who was feeding her chickens, while in the Sumy region a drone "
        "struck a car near Vorozhba, killing the driver.",
        {"Prymorske": (None, 1), "Vorozhba": (1, None)},
    ),
    (
        "A glide bomb hit a warehouse in Kupiansk on Monday, killing two guards, "
        "whereas in Balakliia a drone wounded two women.",
        {"Kupiansk": (2, None), "Balakliia": (None, 2)},
    ),
    # 2. elided verbs: the count after "and" carries the verb before it
    (
        "Four people were killed in Pokrovsk and three in Myrnohrad on Monday "
        "after Russian shelling.",
        {"Pokrovsk": (4, None), "Myrnohrad": (3, None)},
    ),
    (
        "Russian shelling on Monday left five wounded across Nikopol and two in "
        "Marhanets.",
        {"Nikopol": (None, 5), "Marhanets": (None, 2)},
    ),
    # 3. a total over several places: its breakdown, or nobody's
    (
        "Russian drones attacked Sumy and Okhtyrka on Monday, wounding eight "
        "people: five in Sumy and three in Okhtyrka.",
        {"Sumy": (None, 5), "Okhtyrka": (None, 3)},
    ),
    (
        "Russian drones attacked Sumy and Okhtyrka on Monday, wounding eight people.",
        {"Sumy": (None, None), "Okhtyrka": (None, None)},
    ),
    (
        "Russian missiles hit Poltava and Myrhorod on Monday and killed seven "
        "people: four in Poltava and 3 in Myrhorod.",
        {"Poltava": (4, None), "Myrhorod": (3, None)},
    ),
    # 4. a relative clause is the place it follows; another's figures stay there
    (
        "Russian artillery shelled Kupiansk on Monday, wounding a 45-year-old man, "
        "and Balakliia, where no casualties were reported.",
        {"Kupiansk": (None, 1), "Balakliia": (0, 0)},
    ),
    (
        "Russian troops shelled Huliaipole and Orikhiv, where no casualties were "
        "reported, wounding a 62-year-old man in Huliaipole.",
        {"Huliaipole": (None, 1), "Orikhiv": (0, 0)},
    ),
    # a clause describing the place before it is still that place's
    (
        "On Friday a Russian drone hit a van in Komyshany, a suburb of Kherson, "
        "wounding three passengers.",
        {"Komyshany": (None, 3), "Kherson": (None, None)},
    ),
    # a comma before "and two ..." already ends the first place's clause
    (
        "In the Kharkiv region, a 71-year-old woman was killed by shelling in "
        "Izium, and two men were hurt when a drone hit a car in Balakliia.",
        {"Izium": (1, None), "Balakliia": (None, 2)},
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_each_place_gets_its_own_figures(text: str, expected: Figures) -> None:
    got = _figures(text)
    assert {name: got.get(name) for name in expected} == expected


# A sentence with figures and no place of its own, after an event naming
# several places: its figures are of them all together, no one place's.
NEXT_SENTENCE = [
    (
        "Russian drones hit Kharkiv, Sumy and Poltava overnight. Five people "
        "were injured.",
        None,
        {"Kharkiv": (None, None), "Sumy": (None, None), "Poltava": (None, None)},
    ),
    (
        "Ворог атакував Білозерку, Антонівку та Херсон. Унаслідок обстрілів "
        "одна людина загинула, ще п'ятеро дістали поранень. В Антонівці поранено "
        "трьох людей.",
        "uk",
        {"Bilozerka": (None, None), "Antonivka": (None, 3), "Kherson": (None, None)},
    ),
    # "no one was hurt" is said of each place
    (
        "Russian drones hit Kharkiv, Sumy and Poltava overnight. No one was injured.",
        None,
        {"Kharkiv": (None, 0), "Sumy": (None, 0), "Poltava": (None, 0)},
    ),
    # a city and its district are one place: the figures are the city's
    (
        "Ворог завдав удару по Харкову: ракета влучила у двір будинку в "
        "Салтівському районі. Постраждали четверо людей.",
        "uk",
        {"Kharkiv": (None, 4)},
    ),
    # two hromadas are two places
    (
        "Ворог атакував Білопільську та Краснопільську громади. Поранено двох людей.",
        "uk",
        {"Bilopilska hromada": (None, None), "Krasnopilska hromada": (None, None)},
    ),
    # one place: the figures are its own, as before
    (
        "Russian drones hit Sumy overnight. Five people were injured.",
        None,
        {"Sumy": (None, 5)},
    ),
]


@pytest.mark.parametrize(("text", "lang", "expected"), NEXT_SENTENCE)
def test_figures_after_an_event_of_several_places(
    text: str, lang: str | None, expected: Figures
) -> None:
    assert _figures(text, lang) == expected


# A Ukrainian total before a colon and its breakdown after it: the total is no
# place's, each count of the breakdown is its place's, with the total's verb;
# a count after a dash ("у Марганці — двох") takes the verb before it.
BREAKDOWN = [
    (
        "За минулу добу росіяни вбили 4 мешканців області: 3 у Покровську та 1 у "
        "Мирнограді.",
        {"Pokrovsk": (3, None), "Myrnohrad": (1, None)},
    ),
    (
        "Поранено п'ятьох людей: трьох у Херсоні, двох у Білозерці.",
        {"Kherson": (None, 3), "Bilozerka": (None, 2)},
    ),
    # a total with no breakdown is no place's
    (
        "Загинули двоє людей: у Херсоні та Білозерці.",
        {"Kherson": (None, None), "Bilozerka": (None, None)},
    ),
    # a count after a dash takes the verb of the place before it
    (
        "У Нікополі поранено трьох людей, у Марганці — двох.",
        {"Nikopol": (None, 3), "Marhanets": (None, 2)},
    ),
    (
        "У Нікополі загинула жінка, у Марганці — двоє чоловіків.",
        {"Nikopol": (1, None), "Marhanets": (2, None)},
    ),
    (
        "Поранено п'ятьох людей: у Херсоні поранено трьох, в Антонівці — двох.",
        {"Kherson": (None, 3), "Antonivka": (None, 2)},
    ),
    # ... not a dash before damage, and not when the place states its own
    (
        "У Нікополі поранено трьох, у Марганці – лінію електропередачі.",
        {"Nikopol": (None, 3), "Marhanets": (None, None)},
    ),
    (
        "У Нікополі пошкоджено будинок, у Марганці — двох поранено.",
        {"Nikopol": (None, None), "Marhanets": (None, 2)},
    ),
    # no total before the colon: each place's part is read as before
    (
        "Наслідки обстрілів: у Херсоні загинула жінка, а в Білозерці поранено двох.",
        {"Kherson": (1, None), "Bilozerka": (None, 2)},
    ),
]


@pytest.mark.parametrize(("text", "expected"), BREAKDOWN)
def test_a_ukrainian_breakdown_after_a_colon(text: str, expected: Figures) -> None:
    assert _figures(text, "uk") == expected
