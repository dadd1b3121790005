"""The main process's shortcuts of the fifth speed round give what they replace.

Issue 14 (``strikemap run``'s own process). :func:`geo.events.merge.event_features`
writes the feature of an event of one report straight from the report
(``_one_report_feature``) instead of making the Event and its Source; it is
compared, value and key order, with ``make_event([report]).to_feature()`` on
every report of English and Ukrainian articles and on reports made to reach
each branch (no date, a day window, a window of several days, duplicate
evidence, launch figures, an empty note and raion).

The event records (``Event``, ``Source``) and the map's (``MapEvent``,
``MapSource``) are made by :func:`gazetteer.frozen.quick_init`'s
``__init__``; each is compared with the record the dataclass's own
``__init__`` makes.  The map reads each distinct ISO date of its events once
(``maps.events._from_normalized`` with a shared ``days``); its records are
compared with those read one event at a time, and a date the records refuse
is refused with the memo too, even after a good one.

:func:`geo.tables.summary._top` reads each distinct list-of-str cell once,
with the number of events that give it; it is compared with the rule read
cell by cell on the weapons and targets of English and Ukrainian events and
on cells of every other form (tuples, JSON and ``;`` text, arrays, missing
values, lists with blanks, duplicates, spaces or non-str items).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from gazetteer import lookup
from gazetteer.exc import InputError
from gazetteer.frozen import dataclass_init
from geo.engines.pipeline import extract_all
from geo.events.coerce import codes
from geo.events.merge import (
    _one_report_feature,
    event_features,
    make_event,
    merge_reports,
)
from geo.events.records import Event, Normalized, Source
from geo.extract.records import Report
from geo.ingest import read_articles
from geo.tables.summary import _TOP_N, _top
from maps.events import MapEvent, MapSource, _from_normalized, read_events

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


@pytest.mark.parametrize("cls", [Event, Source, MapEvent, MapSource])
def test_quick_records_are_the_dataclass_records(cls):
    fields = dataclasses.fields(cls)
    values = [(f.name, "v") for f in fields]
    want = object.__new__(cls)
    dataclass_init(cls)(want, *values)
    got = cls(*values)
    assert [getattr(got, f.name) for f in fields] == values
    assert got == want and hash(got) == hash(want) and repr(got) == repr(want)
    keywords = {f.name: v for f, v in zip(fields, values, strict=True)}
    assert cls(**keywords) == want
    required = [f.name for f in fields if f.default is dataclasses.MISSING]
    short = cls(*values[: len(required)])
    assert short == dataclasses.replace(
        want, **{f.name: f.default for f in fields[len(required) :]}
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        got.__setattr__(fields[0].name, "w")


@pytest.fixture(scope="module")
def features(reports) -> Normalized:
    return event_features(merge_reports(reports))


def test_the_map_reads_each_day_once_to_the_same_records(features):
    days: dict = {}
    shared = [_from_normalized(f, days) for f in features]
    alone = [_from_normalized(f) for f in features]
    assert shared == alone
    assert read_events(features) == alone
    assert days  # the memo was used
    # the same as through the records
    assert alone == [
        MapEvent.from_event(Event.from_feature(f, validate=False)) for f in features
    ]


@pytest.mark.parametrize("bad", ["2026-13-01", "yesterday", "2026-03-04T10:00"])
def test_a_bad_date_is_refused_with_the_memo_too(features, bad):
    good = features[0]
    days: dict = {}
    _from_normalized(good, days)
    for where in ("date", "published"):
        f = json.loads(json.dumps(good))
        if where == "date":
            f["properties"]["date"] = bad
        else:
            f["properties"]["sources"][0]["published"] = bad
        errors = []
        for memo in (None, days, days):
            try:
                _from_normalized(f, memo)
            except (ValueError, InputError) as exc:
                errors.append(type(exc))
        assert len(errors) == 3, (where, bad)
        assert bad not in days


def _top_by_cell(lists) -> str:
    """``_top`` as first written: every cell read on its own."""
    from collections import Counter

    counts: Counter = Counter()
    for items in lists:
        counts.update(codes(items))
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:_TOP_N]
    return ", ".join(f"{name} ({n})" for name, n in ranked)


def test_top_of_english_and_ukrainian_events_is_the_cell_by_cell_rule(features):
    for column in ("weapons", "targets"):
        cells = [f["properties"][column] for f in features]
        assert _top(cells) == _top_by_cell(cells)
        assert _top(cells[::3]) == _top_by_cell(cells[::3])


_CELLS = {
    "lists": [["drone"], ["drone", "missile"], ["missile"], ["drone"], []],
    "untidy lists": [[" drone", "drone "], ["", "missile"], ["b", "a", "b"]],
    "ties": [["b"], ["a"], ["c"], ["d"]],
    "tuples": [("drone",), ("drone", "missile"), ["drone"]],
    "text": ['["drone","missile"]', "drone;missile", "drone", "", None],
    "not str items": [["drone", None], ["drone", 3], [["missile"]], ["drone"]],
    "missing": [None, float("nan"), ["drone"]],
}


@pytest.mark.parametrize("case", sorted(_CELLS))
def test_top_of_other_cells_is_the_cell_by_cell_rule(case):
    import numpy as np

    cells = list(_CELLS[case])
    assert _top(cells) == _top_by_cell(cells)
    arrays = [np.array(c, dtype=object) if isinstance(c, list) else c for c in cells]
    assert _top(arrays) == _top_by_cell(arrays)
