"""The main process's shortcuts of the fifth speed round give what they replace.

Issue 14 (``strikemap run``'s own process). :func:`geo.events.merge.event_features`
writes the feature of an event of one report straight from the report
(``_one_report_feature``) instead of making the Event and its Source; it is
compared, value and key order, with ``make_event([report]).to_feature()`` on
every report of English and Ukrainian articles and on reports made to reach
each branch (no date, a day window, a window of several days, duplicate
evidence, launch figures, an empty note and raion).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from gazetteer import lookup
from geo.engines.pipeline import extract_all
from geo.events.merge import (
    _one_report_feature,
    event_features,
    make_event,
    merge_reports,
)
from geo.extract.records import Report
from geo.ingest import read_articles

DATA = Path(__file__).parent / "data"


def dumped(feature: dict) -> str:
    """The bytes events.geojson holds for a feature: key order counts."""
    return json.dumps(feature, ensure_ascii=False, separators=(",", ":"))


@pytest.fixture(scope="module")
def reports() -> list[Report]:
    articles, _ = read_articles(
        [DATA / "articles", DATA / "uk" / "articles", DATA / "heldout" / "uk"]
    )
    out = [r for _, ex, _ in extract_all(articles) for r in ex.reports]
    assert {r.lang for r in out} >= {"en", "uk"}
    return out


def _made(**kw) -> Report:
    day = dt.date(2026, 3, 4)
    fields = {
        "article": "a",
        "url": "https://example.org/a",
        "published": day,
        "place": lookup("Kharkiv").place,
        "precision": "settlement",
        "date": day,
        "date_precision": "day",
        "window": (day, day),
        "killed": None,
        "injured": None,
        "weapons": ("drone",),
        "targets": (),
        "launched": (),
        "evidence": ("Drones hit the city.",),
    }
    fields.update(kw)
    return Report(**fields)


_DAY = dt.date(2026, 3, 4)
_MADE = {
    "plain": {},
    "undated": {"date": None, "window": None, "date_precision": "unknown"},
    "undated, a precision left": {"date": None, "window": None},
    "overnight": {"window": (_DAY - dt.timedelta(1), _DAY + dt.timedelta(1))},
    "a week": {"window": (_DAY, _DAY + dt.timedelta(6)), "date_precision": "week"},
    "reversed window": {"window": (_DAY + dt.timedelta(2), _DAY)},
    "no publication": {"published": None, "url": None, "lang": "uk"},
    "duplicate evidence": {"evidence": ("x", "y", "x", "y", "z")},
    "launched": {"launched": (("shahed", 40), ("missile", 3), ("shahed", 12))},
    "figures, weapons, targets": {
        "killed": 0,
        "injured": 7,
        "weapons": ("missile", "drone", "missile"),
        "targets": ("port", "energy", "port"),
    },
    "empty note": {"note": ""},
    "note": {"note": "near Kharkiv", "actor": "ukraine"},
    "oblast": {"place": lookup("Kharkiv Oblast").place, "precision": "oblast"},
}


@pytest.mark.parametrize("case", sorted(_MADE))
def test_one_report_feature_is_make_events(case):
    r = _made(**_MADE[case])
    want = make_event([r]).to_feature()
    got = _one_report_feature(r)
    assert got == want
    assert dumped(got) == dumped(want)


def test_one_report_feature_of_english_and_ukrainian_reports(reports):
    for r in reports:
        want = make_event([r]).to_feature()
        assert dumped(_one_report_feature(r)) == dumped(want)
    # the raion of an oblast-level place is empty: written as null
    for r in reports[:5]:
        flat = dataclasses.replace(r, place=lookup("Kharkiv Oblast").place)
        assert dumped(_one_report_feature(flat)) == dumped(
            make_event([flat]).to_feature()
        )


def test_event_features_is_make_event_of_each_group(reports):
    groups = merge_reports(reports)
    assert any(len(g) == 1 for g in groups) and any(len(g) > 1 for g in groups)
    got = event_features(groups)
    want = [make_event(g).to_feature() for g in groups]
    assert [dumped(f) for f in got] == [dumped(f) for f in want]
