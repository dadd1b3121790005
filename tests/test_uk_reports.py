"""A hromada and a settlement are one strike only when the settlement is in it.

The texts are written for these tests (Ukrainian day summaries of other
places than tests/data/uk): a hromada named beside a town of the same raion
that is not in it stays a strike of its own; a hromada and its own centre or
member village reported the same day are one.
"""

from __future__ import annotations

from datetime import date

import pytest

from gazetteer import get_gazetteer
from geo.extract.dating import DatedPlace
from geo.extract.extractor import Extractor
from geo.extract.reports import Draft, combine
from geo.extract.roles import StruckPlace
from geo.ingest import Article
from geo.lang import Language

REF = date(2025, 10, 7)
UK = Language("uk")


@pytest.fixture(scope="module")
def gaz():
    return get_gazetteer()


def _place(gaz, text: str, kind: str):
    found = [
        r.place
        for _, r in gaz.resolve_mentions(text, gaz.find_mentions(text))
        if r.place.kind == kind
    ]
    assert found, text
    return found[0]


def _draft(place) -> Draft:
    return Draft.of(
        DatedPlace(StruckPlace(place, 0.8, None, 0), REF, "day", (REF, REF), True, None)
    )


def test_a_settlement_of_another_hromada_stays_apart(gaz):
    # Томаківська громада and Нікополь: the same raion, not the same hromada
    hromada = _place(gaz, "У Томаківській громаді пошкоджено ферму.", "hromada")
    town = _place(gaz, "У Нікополі пошкоджено будинок.", "settlement")
    assert hromada.admin2_code == town.admin2_code
    out = combine([_draft(town), _draft(hromada)])
    assert {d.place.id for d in out} == {town.id, hromada.id}


def test_a_hromada_and_its_centre_are_one(gaz):
    hromada = _place(gaz, "Удар по Томаківській громаді.", "hromada")
    centre = _place(gaz, "Вибухи у Томаківці.", "settlement")
    out = combine([_draft(centre), _draft(hromada)])
    assert [d.place.id for d in out] == [centre.id]


def test_a_hromada_and_its_member_village_are_one(gaz):
    hromada = _place(gaz, "Удар по Томаківській громаді.", "hromada")
    members = [
        p
        for p in gaz.store.iter_places()
        if p.kind == "settlement" and p.parent == hromada.id and p.id != hromada.parent
    ]
    assert members, "the gazetteer knows the hromada's villages"
    out = combine([_draft(members[0]), _draft(hromada)])
    assert [d.place.id for d in out] == [members[0].id]


def test_hromadas_of_a_day_summary_beside_a_town_are_strikes_of_their_own():
    text = (
        "Минулої доби ворог обстрілював Нікопольський район з артилерії та дронів. "
        "Під ударами були Нікополь, Томаківська та Покровська громади.\n"
        "У Нікополі пошкоджено багатоповерхівку, поранено жінку.\n"
        "У Томаківській громаді пошкоджено господарську будівлю.\n"
        "У Покровській громаді дрон влучив у приватний будинок."
    )
    article = Article("t.txt", text, REF, "option", None, None, "t.txt")
    reports = Extractor(lang=UK).extract(article).reports
    kinds = sorted((r.place.kind, r.place.name) for r in reports)
    assert ("settlement", "Nikopol") in kinds
    assert ("hromada", "Tomakivska hromada") in kinds
    assert sum(k == "hromada" for k, _ in kinds) == 2, kinds
