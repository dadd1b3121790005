"""The end phase's shortcuts of the fifth speed round give what they replace.

Issue 14 (``strikemap run``'s own process, after the pool). The map's event
rows are laid out in columns (:func:`maps.elements.compact_rows`) by one
``itemgetter`` per row and per source instead of a comparison of every
column's name; the result is compared, as lists and as the page's JSON, with
the rule column by column on the payloads of English and Ukrainian events
and on rows made to reach each value (no sources, several, nulls, unusual
values).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from gazetteer import admin1_boundaries
from geo.engines.pipeline import extract_all
from geo.events.merge import event_features, merge_reports
from geo.events.records import Normalized
from geo.ingest import read_articles
from geo.tables.export import normalize_features
from maps.elements import compact_rows
from maps.payload import EVENT_COLUMNS, SOURCE_COLUMNS, map_payload
from maps.safe import script_json

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def features() -> Normalized:
    articles, _ = read_articles(
        [DATA / "articles", DATA / "uk" / "articles", DATA / "heldout" / "uk"]
    )
    reports = [r for _, ex, _ in extract_all(articles) for r in ex.reports]
    assert {r.lang for r in reports} >= {"en", "uk"}
    return normalize_features(event_features(merge_reports(reports)))


def _by_column(rows: list[dict[str, Any]]) -> list[list[Any]]:
    """The layout column by column, as compact_rows wrote it before."""
    return [
        [
            [[s[c] for c in SOURCE_COLUMNS] for s in row["sources"]]
            if column == "sources"
            else row[column]
            for column in EVENT_COLUMNS
        ]
        for row in rows
    ]


def _same(rows: list[dict[str, Any]]) -> None:
    got, want = compact_rows(rows), _by_column(rows)
    assert got == want
    # lists all the way down (the page's JSON is the same either way, but the
    # function's result is documented as lists)
    assert all(type(r) is list and type(r[-1]) is list for r in got)
    assert all(type(s) is list for r in got for s in r[-1])
    assert script_json(got) == script_json(want)


def test_compact_rows_of_english_and_ukrainian_events(features):
    rows = map_payload(features, None, boundaries=admin1_boundaries(), spellings=False)[
        "events"
    ]
    langs = {s["lang"] for r in rows for s in r["sources"]}
    assert {"en", "uk"} <= langs
    assert any(len(r["sources"]) > 1 for r in rows)
    _same(rows)


def _row(**kw: Any) -> dict[str, Any]:
    source = dict.fromkeys(SOURCE_COLUMNS, None) | {"article": "a", "evidence": []}
    row: dict[str, Any] = dict.fromkeys(EVENT_COLUMNS, None)
    row |= {"id": "e1", "lon": 36.25, "lat": 49.98, "sources": [source]}
    row.update(kw)
    return row


_SOURCE = dict.fromkeys(SOURCE_COLUMNS, "x") | {"evidence": ["Харків", "b"]}

_ROWS = {
    "plain": [_row()],
    "no sources": [_row(sources=[])],
    "several sources": [_row(sources=[_SOURCE, dict(_SOURCE, article="b")])],
    "values of each kind": [
        _row(day=0, cls=2, radius=4.5, killed=0, injured=None, place_uk="Харків")
    ],
    "keys in another order": [dict(reversed(list(_row(note="n").items())))],
    "none": [],
    "many": [_row(id=str(i), day=i) for i in range(5)],
}


@pytest.mark.parametrize("case", sorted(_ROWS))
def test_compact_rows_of_made_rows(case):
    _same(_ROWS[case])


def test_compact_rows_refuses_a_row_without_a_column():
    row = _row()
    del row["note"]
    with pytest.raises(KeyError):
        compact_rows([row])
    with pytest.raises(KeyError):
        _by_column([row])


def test_the_page_reads_the_sources_last():
    # compact_rows puts the sources' lists in the row's last place
    assert EVENT_COLUMNS[-1] == "sources"
    assert json.loads(script_json(compact_rows([_row()])))[0][-1] == [
        [None if c != "article" else "a" for c in SOURCE_COLUMNS[:3]]
        + [[]]
        + [None] * (len(SOURCE_COLUMNS) - 4)
    ]
