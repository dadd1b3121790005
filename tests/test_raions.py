"""Raions and admin2: every raion checked against the official KATOTTG codifier.

The truth is read from ``../shared/data/katottg`` (the codifier) and
``../shared/data/names`` (the crosswalks), never from the gazetteer itself.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from gazetteer import get_gazetteer, kmu2010


@dataclass(frozen=True)
class Unit:
    """A row of the codifier."""

    oblast: str  # ISO 3166-2 code
    raion: str  # p-code ("UA1404"), "" when the codifier gives none
    hromada: str
    code: str
    category: str
    name: str


@dataclass(frozen=True)
class Codifier:
    raions: dict[str, str]  # p-code -> adjectival Ukrainian name
    units: list[Unit]  # settlements (cities M, selyshches X, villages C, K)


@pytest.fixture(scope="module")
def codifier(shared_dir: Path) -> Codifier:
    names = shared_dir / "data" / "names"
    with open(names / "admin2_crosswalk.tsv", encoding="utf-8-sig") as fh:
        pcode = {
            r["katottg"]: r["pcode_cod"] for r in csv.DictReader(fh, delimiter="\t")
        }
    with open(names / "admin1_crosswalk.tsv", encoding="utf-8-sig") as fh:
        iso = {r["katottg"]: r["iso3166_2"] for r in csv.DictReader(fh, delimiter="\t")}
    (path,) = sorted((shared_dir / "data" / "katottg").glob("kodifikator-*.csv"))
    raions, units = {}, []
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = csv.reader(fh, delimiter=";")
        next(rows)
        for l1, l2, l3, l4, l5, cat, name, *_ in rows:
            if cat == "P":
                raions[pcode[l2]] = name.strip()
            elif cat in "MXCK" and not l5 and (l4 or cat == "K"):
                units.append(
                    Unit(iso[l1], pcode.get(l2, ""), l3, l4, cat, name.strip())
                )
    return Codifier(raions, units)


@pytest.fixture(scope="module")
def gaz():
    return get_gazetteer()


@pytest.fixture(scope="module")
def raions(gaz):
    return {p.admin2_code: p for p in gaz.store.iter_places() if p.kind == "raion"}


def _stem(name: str) -> str:
    return re.sub("['’ʼ]", "", name.lower())


def test_136_raions(codifier, raions):
    assert len(codifier.raions) == 136
    assert set(raions) == set(codifier.raions)


def test_every_raion_has_its_codifier_name(codifier, raions):
    wrong = {
        code: (raions[code].name_uk, f"{adj} район")
        for code, adj in codifier.raions.items()
        if raions[code].name_uk != f"{adj} район"
    }
    assert wrong == {}


def test_every_raion_english_name_is_kmu2010(codifier, raions):
    """``<town> Raion`` after the town (a hromada centre) the official name derives
    from, both in KMU-2010; or the KMU-2010 form of the official name itself."""
    wrong = {}
    for code, adj in codifier.raions.items():
        name = raions[code].name
        base = name.removesuffix(" Raion")
        towns = {
            kmu2010(u.name): u.name
            for u in codifier.units
            if u.raion == code and u.category in "MX" and u.code[9:12] == "001"
        }
        ok = (
            name.endswith(" Raion")
            and name.isascii()
            and not re.search("['’ʼь]", name)
            and (
                base == kmu2010(adj)
                or (base in towns and _stem(adj)[:3] == _stem(towns[base])[:3])
            )
        )
        if not ok:
            wrong[code] = (adj, name)
    assert wrong == {}


@pytest.mark.parametrize(
    "code, name",
    [
        ("UA1404", "Volnovakha Raion"),  # not "Vilne Raion", after a village
        ("UA1410", "Kalmiuske Raion"),  # no soft-sign apostrophes
        ("UA7304", "Dnistrovskyi Raion"),  # after the river, not the village Dnistrivka
        ("UA4602", "Drohobych Raion"),
        ("UA0702", "Volodymyr Raion"),  # renamed town (Volodymyr-Volynskyi)
        ("UA5908", "Sumy Raion"),
        ("UA3508", "Oleksandriia Raion"),  # the city, not the selyshche Oleksandriiske
    ],
)
def test_raion_names(raions, code, name):
    assert raions[code].name == name


@pytest.mark.parametrize(
    "query, raion",
    [
        ("Volnovakha district", "UA1404"),
        ("Volnovaskyi raion", "UA1404"),
        ("Kalmiuske district", "UA1410"),
        ("Kalmiuskyi raion", "UA1410"),
        ("Волноваський район", "UA1404"),
        ("Sumy district", "UA5908"),
        ("Sumskyi raion", "UA5908"),
    ],
)
def test_raion_forms_resolve(gaz, query, raion):
    res = gaz.lookup(query)
    assert (res.place.kind, res.place.admin2_code) == ("raion", raion)


@pytest.mark.parametrize(
    "query, name_uk",
    [
        ("Volnovakha", "Волноваха"),
        ("Vuhledar", "Вугледар"),
        ("Velyka Novosilka", "Велика Новосілка"),
    ],
)
def test_volnovakha_raion_settlements(gaz, codifier, raions, query, name_uk):
    """The settlements of issue 9 lie in Volnovakha Raion, as the codifier says."""
    (unit,) = [u for u in codifier.units if u.name == name_uk and u.oblast == "UA-14"]
    place = gaz.lookup(query).place
    assert place.admin2_code == unit.raion == "UA1404"
    assert place.admin2 == raions["UA1404"].name == "Volnovakha Raion"


@pytest.mark.parametrize(
    "name_uk, oblast, admin2",
    [
        ("Докучаєвськ", "UA-14", "Kalmiuske Raion"),
        ("Курахове", "UA-14", "Pokrovsk Raion"),
        ("Трускавець", "UA-46", "Drohobych Raion"),
        ("Устилуг", "UA-07", "Volodymyr Raion"),
        ("Новодністровськ", "UA-77", "Dnistrovskyi Raion"),
        ("Енергодар", "UA-23", "Vasylivka Raion"),
        ("Гола Пристань", "UA-65", "Skadovsk Raion"),
        ("Армянськ", "UA-43", "Perekopskyi Raion"),
        ("Бровари", "UA-32", "Brovary Raion"),
    ],
)
def test_cities_across_oblasts_have_their_raion(gaz, codifier, name_uk, oblast, admin2):
    """The raion is the codifier's; its English name as written here."""
    (unit,) = [u for u in codifier.units if u.name == name_uk and u.oblast == oblast]
    place = gaz.lookup(kmu2010(name_uk), context=oblast).place
    assert (place.admin2_code, place.admin2) == (unit.raion, admin2)


#: The one city whose unit GeoNames and the codifier disagree on: GeoNames puts
#: Inkerman in Sevastopol (UA-40, no raions), the codifier in Crimea's
#: Bakhchysarai raion. The gazetteer follows GeoNames and the boundaries.
ADMIN2_EXCEPTIONS = {"Інкерман"}


def test_every_city_has_its_codifier_raion(gaz, codifier, raions):
    """All 461 cities of the codifier, each resolved in its oblast, carry its raion
    (or none where the codifier gives none: Kyiv, Sevastopol, Chornobyl, Prypiat)."""
    cities = [u for u in codifier.units if u.category in "MK"]
    assert len(cities) == 463
    wrong = []
    for u in cities:
        if u.name in ADMIN2_EXCEPTIONS:
            continue
        res = gaz.lookup(kmu2010(u.name), context=u.oblast, kind="settlement")
        p = res.place if res else None
        want = (u.oblast, u.raion, raions[u.raion].name if u.raion else "")
        got = (p.admin1_code, p.admin2_code, p.admin2) if p else None
        if got != want:
            wrong.append((u.name, want, got))
    assert wrong == []


def test_settlement_names_are_the_codifier_names(gaz, codifier):
    """A city's English name is the KMU-2010 form of its codifier name, which is
    its ``name_uk`` (GeoNames writes "Kal'mius'ke", "Brovari", "Svetlodarsk")."""
    wrong = []
    for u in codifier.units:
        if u.category not in "M" or u.name in ADMIN2_EXCEPTIONS:
            continue
        p = gaz.lookup(kmu2010(u.name), context=u.oblast, kind="settlement").place
        if (p.name, p.name_uk) != (kmu2010(u.name), u.name):
            wrong.append((u.name, p.name, p.name_uk))
    assert wrong == []


def test_no_english_name_keeps_an_apostrophe(gaz):
    """KMU-2010 drops the soft sign and the apostrophe: no English name has one."""
    bad = [p.name for p in gaz.store.iter_places() if re.search("['’ʼ]", p.name)]
    assert bad == []
