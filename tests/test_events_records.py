"""The event record: Event and Source, to and from GeoJSON features, and from tables."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import json

import numpy as np
import pandas as pd
import pytest

from gazetteer.exc import InputError
from geo import run
from geo.events import (
    Event,
    Normalized,
    Source,
    coerce_feature,
    event_features,
    make_event,
    merge_reports,
)
from geo.events.vocab import PROPERTIES, SOURCE_KEYS
from geo.tables.export import to_geojson
from geo.tables.frames import events_to_frame, frame_to_events


@pytest.fixture(scope="module")
def articles_features(data_dir) -> list[dict]:
    return run([data_dir / "articles"], jobs=1).features


@pytest.fixture(scope="module")
def seeds_features(seeds_dir) -> list[dict]:
    return run([seeds_dir], jobs=1).features


@pytest.fixture(params=["articles", "seeds"])
def features(request) -> list[dict]:
    return request.getfixturevalue(f"{request.param}_features")


def dumped(feature: dict) -> str:
    """The bytes events.geojson holds for a feature: key order counts."""
    return json.dumps(feature, ensure_ascii=False, separators=(",", ":"))


# ---------------------------------------------------------------- round trips


def test_pipeline_output_is_not_empty(features):
    assert len(features) >= 5
    assert isinstance(features, Normalized)


def test_feature_to_event_to_feature_is_the_identity(features):
    for f in features:
        event = Event.from_feature(f)
        back = event.to_feature()
        assert back == f
        assert dumped(back) == dumped(f)  # the order of every key too


def test_unchecked_reading_gives_the_same_event(features):
    for f in features:
        assert Event.from_feature(f, validate=False) == Event.from_feature(f)


def test_the_feature_has_the_schema_order(features):
    for f in features:
        assert list(f) == ["type", "geometry", "properties"]
        assert tuple(f["properties"]) == PROPERTIES
        for s in f["properties"]["sources"]:
            assert tuple(s) == SOURCE_KEYS


def test_loose_reading_of_a_valid_feature_gives_the_same_event(features):
    for f in features:
        assert coerce_feature(f) == Event.from_feature(f)


def test_a_frame_reads_back_to_the_same_events(features):
    events = [Event.from_feature(f) for f in features]
    assert frame_to_events(events_to_frame(features)) == events
    assert frame_to_events(events_to_frame(list(features))) == events


def test_the_geojson_text_reads_back_to_the_same_events(features):
    text = to_geojson(features)
    back = [Event.from_feature(f) for f in json.loads(text)["features"]]
    assert sorted(back, key=Event.sort_key) == sorted(
        (Event.from_feature(f) for f in features), key=Event.sort_key
    )


def test_records_are_frozen_and_hashable(features):
    event = Event.from_feature(features[0])
    with pytest.raises(dataclasses.FrozenInstanceError):
        event.place = "elsewhere"  # type: ignore[misc]
    assert hash(event) == hash(Event.from_feature(copy.deepcopy(features[0])))
    assert isinstance(event.sources[0], Source)
    assert isinstance(event.date, dt.date | type(None))


# ---------------------------------------------------------------- merging


def report(article: str, day: dt.date, **kw):
    from gazetteer import lookup
    from geo.extract.records import Report

    fields = {
        "article": article,
        "url": f"https://example.org/{article}",
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
        "evidence": (f"Drones hit the city, {article} said.",),
    }
    fields.update(kw)
    return Report(**fields)


def _merged_by_the_rule(reports) -> list[list]:
    """merge_reports' rule as it reads: each place's reports by key, first fit
    among every earlier group, groups ordered by their least report's key."""
    from geo.events.merge import _report_key

    by_place: dict = {}
    for r in reports:
        by_place.setdefault(r.place.id, []).append(r)
    groups: list[list] = []
    for pid in sorted(by_place):
        mine: list[list] = []
        for r in sorted(by_place[pid], key=_report_key):
            for g in mine:
                lo = max(x.window[0] for x in g) if g[0].window else None
                hi = min(x.window[1] for x in g) if g[0].window else None
                if r.window is None or g[0].window is None:
                    fits = r.window is None and g[0].window is None
                    fits = fits and r.article == g[0].article
                else:
                    fits = r.window[0] <= hi and lo <= r.window[1]
                if fits:
                    g.append(r)
                    break
            else:
                mine.append([r])
        groups.extend(mine)
    return sorted(groups, key=lambda rs: _report_key(min(rs, key=_report_key)))


def test_merging_keeps_the_order_of_reports_with_equal_keys():
    # equal keys (same article, window and sentence) in several places and
    # days, told apart by their figures: ties keep the input order
    from gazetteer import lookup

    rng = np.random.default_rng(3)
    places = [lookup(n).place for n in ("Kharkiv", "Odesa", "Sumy")]
    days = [dt.date(2026, 3, d) for d in (1, 2, 3, 5)]
    reports = []
    for i in range(300):
        day = days[rng.integers(len(days))]
        window = (day - dt.timedelta(days=int(rng.integers(0, 3))), day)
        undated = rng.random() < 0.1
        reports.append(
            report(
                f"a{rng.integers(4)}",
                day,
                place=places[rng.integers(len(places))],
                killed=i,
                date=None if undated else day,
                window=None if undated else window,
                evidence=(f"s{rng.integers(2)}",),
            )
        )
    got = merge_reports(reports)
    want = _merged_by_the_rule(reports)
    assert [[r.killed for r in g] for g in got] == [[r.killed for r in g] for g in want]
    assert 10 < len(got) < 200


def test_merging_makes_events_and_their_features():
    day = dt.date(2026, 3, 4)
    reports = [
        report("b", day, killed=2, weapons=("missile",)),
        report("a", day, injured=5, launched=(("drone", 40),)),
    ]
    (group,) = merge_reports(reports)
    event = make_event(group)
    assert isinstance(event, Event)
    assert [s.article for s in event.sources] == ["a", "b"]
    assert (event.killed, event.injured) == (2, 5)  # each the highest stated
    assert event.weapons == ("drone", "missile")
    assert event.launched == (("drone", 40),)
    features = event_features([group])
    assert isinstance(features, Normalized)
    assert features == [event.to_feature()]
    assert Event.from_feature(features[0]) == event


def test_unknown_figures_stay_null_through_the_record():
    day = dt.date(2026, 3, 4)
    event = make_event([report("a", day)])
    props = event.to_feature()["properties"]
    assert props["killed"] is None and props["injured"] is None
    assert props["sources"][0]["killed"] is None
    assert Event.from_feature(event.to_feature()).killed is None


# ---------------------------------------------------------------- bad features


def broken(feature: dict, change) -> dict:
    out = copy.deepcopy(feature)
    change(out)
    return out


BAD = {
    "no properties": (lambda f: f.pop("properties"), "missing properties"),
    "missing killed": (lambda f: f["properties"].pop("killed"), "missing killed"),
    "bad date": (
        lambda f: f["properties"].update(date="2026-02-30"),
        "properties.date: '2026-02-30' is not an ISO date",
    ),
    "unknown weapon": (
        lambda f: f["properties"].update(weapons=["catapult"]),
        "'catapult' not one of",
    ),
    "unsorted targets": (
        lambda f: f["properties"].update(targets=["residential", "energy"]),
        "targets: not sorted",
    ),
    "negative injured": (
        lambda f: f["properties"].update(injured=-3),
        "injured: -3 is below the minimum 0",
    ),
    "polygon": (
        lambda f: f["geometry"].update(type="Polygon"),
        "geometry: type is 'Polygon', not 'Point'",
    ),
    "swapped point": (
        lambda f: f["geometry"].update(coordinates=[49.98, 36.25]),
        "lon 49.98 outside",
    ),
    "source without article": (
        lambda f: f["properties"]["sources"][0].pop("article"),
        "sources[0]: missing article",
    ),
    "evidence not a list": (
        lambda f: f["properties"]["sources"][0].update(evidence=[1]),
        "evidence[0]: not a string",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_bad_feature_gives_one_line(articles_features, case):
    change, needle = BAD[case]
    feature = broken(articles_features[0], change)
    with pytest.raises(InputError) as info:
        Event.from_feature(feature)
    message = str(info.value)
    assert "\n" not in message
    assert needle in message
    ident = articles_features[0]["properties"]["id"]
    assert info.value.source == (
        f"event {ident}" if case != "no properties" else "event ?"
    )


def test_the_error_counts_the_other_problems(articles_features):
    feature = broken(
        articles_features[0],
        lambda f: f["properties"].update(killed=-1, injured="many", note=3),
    )
    with pytest.raises(InputError, match=r"\(and 2 more\)$"):
        Event.from_feature(feature, where="file.geojson: features[0]")


@pytest.mark.parametrize("value", [None, [], "a feature", 3])
def test_a_non_feature_gives_one_line(value):
    with pytest.raises(InputError, match="not a JSON object") as info:
        Event.from_feature(value)  # type: ignore[arg-type]
    assert "\n" not in str(info.value)


# ---------------------------------------------------------------- loose values


def loose(**props) -> dict:
    base = {"id": "0123456789abcdef", "place": "Kharkiv", "admin1_code": "UA-63"}
    base.update(props)
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [36.2547512, -0.0]},
        "properties": base,
    }


def test_loose_values_are_read_into_the_record():
    event = coerce_feature(
        loose(
            date=pd.Timestamp("2026-01-02 23:00"),
            killed=np.int64(3),
            injured=pd.NA,
            weapons="missile;drone",
            launched='{"drone": 12}',
            sources='[{"article": "x", "evidence": "One.", "published": "2026-01-03"}]',
        )
    )
    assert (event.lon, event.lat) == (36.254751, 0.0)
    assert event.date == dt.date(2026, 1, 2)
    assert (event.killed, event.injured) == (3, None)
    assert event.weapons == ("drone", "missile")
    assert event.launched == (("drone", 12),)
    assert event.sources == (
        Source(article="x", published=dt.date(2026, 1, 3), evidence=("One.",)),
    )
    assert event.date_precision == "unknown" and event.admin2 is None


@pytest.mark.parametrize(
    ("props", "needle"),
    [
        ({"killed": "many"}, "'many' is not a count"),
        ({"killed": 2.5}, "2.5 is not a count"),
        ({"date": "someday"}, "'someday' is not an ISO date"),
        ({"launched": {"drone": None}}, "launched 'drone'"),
        ({"sources": [{"article": "a", "published": "2026-13-01"}]}, "ISO date"),
    ],
)
def test_loose_values_that_cannot_be_read_give_one_line(props, needle):
    with pytest.raises(InputError, match=needle) as info:
        coerce_feature(loose(**props))
    assert info.value.source == "event 0123456789abcdef"
    assert "\n" not in str(info.value)


def test_a_loose_geometry_must_be_a_point():
    feature = loose()
    feature["geometry"] = {"type": "LineString", "coordinates": [[30, 50], [31, 50]]}
    with pytest.raises(InputError, match="geometry is LineString, not Point"):
        coerce_feature(feature)
    feature["geometry"] = None
    assert coerce_feature(feature).lon is None
    assert coerce_feature(feature).to_feature()["geometry"] is None


@pytest.mark.parametrize(
    ("articles", "events"),
    [
        (("a", "b"), 2),  # two articles: no evidence they report the same strike
        (("a", "a"), 1),  # one article naming the place twice: one strike
        (("a", "b", "a"), 2),
    ],
)
def test_undated_reports_merge_within_one_article_only(articles, events):
    day = dt.date(2026, 3, 4)
    undated = [
        report(art, day, date=None, date_precision="unknown", window=None, killed=i + 1)
        for i, art in enumerate(articles)
    ]
    groups = merge_reports(undated)
    assert len(groups) == events
    assert all(len({r.article for r in g}) == 1 for g in groups)
    features = event_features(groups)
    ids = [f["properties"]["id"] for f in features]
    assert len(set(ids)) == len(ids)
    # each event keeps its own article's figure, never the highest of another's
    for f in features:
        (src,) = f["properties"]["sources"]
        assert f["properties"]["killed"] == src["killed"]


@pytest.mark.parametrize("killed", [None, 0, 7])
@pytest.mark.parametrize("count", [1, 2, 3])
def test_a_source_of_one_report_is_the_source_of_many(killed, count):
    from geo.events.merge import _highest, _source

    day = dt.date(2026, 3, 4)
    evidence = ("Drones hit the city.", "Two died.", "Drones hit the city.")
    reports = [
        report("a", day, killed=killed, injured=None if i else 3, evidence=evidence)
        for i in range(count)
    ]
    # the rule for any number of reports, as it reads
    full = Source(
        "a",
        reports[0].url,
        reports[0].published,
        tuple(dict.fromkeys(ev for r in reports for ev in r.evidence)),
        _highest([r.killed for r in reports]),
        _highest([r.injured for r in reports]),
        reports[0].lang,
    )
    assert _source("a", reports) == full
    assert full.evidence == ("Drones hit the city.", "Two died.")
