"""Tests for geo.evaluate.score: scoring hand-built FeatureCollections against gold."""

from __future__ import annotations

import json
import math

import pytest

from gazetteer.exc import InputError
from gazetteer.geodesy import EARTH_RADIUS_KM
from gazetteer.geodesy import distance_km as haversine_km
from geo.evaluate.score import (
    RADIUS_KM,
    EvalResult,
    evaluate,
    format_report,
    load_features,
    load_gold,
)

# A made-up city and a made-up oblast code: the tests know no real geography.
LAT, LON = 49.0, 32.0
A1, A2 = "UA-71", "UA-53"


def north(km: float) -> float:
    """Latitude *km* north of LAT along the meridian."""
    return LAT + math.degrees(km / EARTH_RADIUS_KM)


def gevent(article="a.txt", place="Town", admin1=A1, precision="city", **kw):
    e = {
        "article": article,
        "place": place,
        "admin1": admin1,
        "precision": precision,
        "date_window": ["2026-02-02", "2026-02-03"],
        "required": True,
    }
    if precision == "city":
        e.update(lat=LAT, lon=LON)
    e.update(kw)
    return e


def gold_of(events, not_events=(), merged=(), articles=("a.txt",)):
    return {
        "articles": {a: {"published": "2026-02-03"} for a in articles},
        "events": list(events),
        "not_events": list(not_events),
        "merged": list(merged),
    }


def feat(
    fid="f1",
    place="Town",
    admin1=A1,
    lat=LAT,
    lon=LON,
    date="2026-02-03",
    articles=("a.txt",),
    precision="settlement",
    **props,
):
    p = {
        "id": fid,
        "date": date,
        "date_precision": "day",
        "place": place,
        "place_uk": "",
        "kind": "strike",
        "precision": precision,
        "admin1": "Somewhere oblast",
        "admin1_code": admin1,
        "admin2": "",
        "killed": None,
        "injured": None,
        "weapons": [],
        "launched": None,
        "targets": [],
        "sources": [
            {"article": a, "url": None, "published": None, "evidence": "..."}
            for a in articles
        ],
    }
    p.update(props)
    geometry = None if lat is None else {"type": "Point", "coordinates": [lon, lat]}
    return {"type": "Feature", "geometry": geometry, "properties": p}


# --------------------------------------------------------------------------
# Basic metrics
# --------------------------------------------------------------------------


def test_perfect_match():
    r = evaluate(gold_of([gevent()]), [feat()])
    assert (r.n_required, r.n_found, r.recall, r.precision, r.f1) == (
        1,
        1,
        1.0,
        1.0,
        1.0,
    )
    assert (r.n_date_checked, r.n_date_correct, r.date_accuracy) == (1, 1, 1.0)
    assert r.misses == r.false_positives == r.date_errors == ()
    assert r.matches[0].feature_id == "f1" and r.matches[0].date_ok


def test_nothing_found():
    r = evaluate(gold_of([gevent()]), [])
    assert (r.recall, r.precision, r.f1) == (0.0, None, None)
    assert [(m.article, m.place) for m in r.misses] == [("a.txt", "Town")]


def test_empty_gold():
    r = evaluate(gold_of([]), [feat()])
    assert (r.n_required, r.recall, r.precision) == (0, None, 0.0)
    assert r.n_false_positives == 1


@pytest.mark.parametrize(
    ("km", "found"),
    [(0.0, True), (10.0, True), (24.99, True), (25.01, False), (60.0, False)],
)
def test_city_radius_boundary(km, found):
    r = evaluate(gold_of([gevent()]), [feat(lat=north(km))])
    assert r.n_found == int(found)
    assert r.n_found_km == int(found)
    assert r.n_found_oblast == 1  # the oblast agrees whatever the distance
    assert r.n_false_positives == int(not found)


def test_radius_is_a_parameter():
    r = evaluate(gold_of([gevent()]), [feat(lat=north(40))], radius_km=50)
    assert r.n_found == 1
    assert RADIUS_KM == 25.0


def test_haversine_matches_the_meridian_arc():
    assert haversine_km(LAT, LON, north(25), LON) == pytest.approx(25, abs=1e-9)
    assert haversine_km(0, 0, 0, 180) == pytest.approx(math.pi * EARTH_RADIUS_KM)


@pytest.mark.parametrize(
    ("lat", "lon"),
    [(LAT, LON), (50.45, 30.52), (44.5, 40.2), (0.0, 0.0), (-33.9, 18.4)],
)
def test_one_formula_for_one_point_and_for_many(lat, lon):
    from gazetteer.geodesy import distances_km

    lats = [LAT, north(25), -LAT, 0.0, lat]
    lons = [LON, LON, LON + 180, 179.9, lon]
    many = distances_km(lat, lon, lats, lons)
    one = [haversine_km(lat, lon, la, lo) for la, lo in zip(lats, lons, strict=True)]
    assert list(many) == pytest.approx(one, rel=1e-12, abs=1e-9)


def test_city_needs_the_same_oblast():
    r = evaluate(gold_of([gevent()]), [feat(admin1=A2)])
    assert (r.n_found, r.n_found_km, r.n_found_oblast) == (0, 1, 0)
    assert "other oblast" in r.misses[0].nearest
    assert "misplaced" in r.false_positives[0].reason


def test_city_report_without_a_point_is_not_a_city_match():
    r = evaluate(gold_of([gevent()]), [feat(lat=None)])
    assert (r.n_found, r.n_found_oblast) == (0, 1)


@pytest.mark.parametrize("precision", ["oblast", "settlement", "raion"])
def test_region_matches_any_report_in_the_oblast(precision):
    g = gevent(precision="region", place="Some oblast")
    far = feat(lat=north(300), precision=precision)
    r = evaluate(gold_of([g]), [far])
    assert (r.n_found, r.n_found_km, r.n_found_oblast) == (1, 1, 1)
    r = evaluate(gold_of([g]), [feat(admin1=A2, precision=precision)])
    assert (r.n_found, r.n_found_km, r.n_found_oblast) == (0, 0, 0)


def test_other_articles_do_not_match():
    r = evaluate(
        gold_of([gevent()], articles=("a.txt", "b.txt")), [feat(articles=["b.txt"])]
    )
    assert r.n_found == 0 and r.n_false_positives == 1


def test_articles_the_gold_does_not_cover_are_ignored():
    features = [feat(), feat("f2", articles=["elsewhere.txt"]), feat("f3", articles=[])]
    r = evaluate(gold_of([gevent()]), features)
    assert (r.n_reports, r.precision) == (1, 1.0)


def test_gold_articles_cover_even_without_events():
    gold = gold_of([gevent()], articles=("a.txt", "quiet.txt"))
    r = evaluate(gold, [feat(), feat("f2", articles=["quiet.txt"])])
    assert (r.n_articles, r.n_reports, r.n_false_positives) == (2, 2, 1)
    assert r.false_positives[0].reason == "no such event in the gold"


# --------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("window", "date", "ok", "reason"),
    [
        (["2026-02-02", "2026-02-03"], "2026-02-02", True, ""),
        (["2026-02-02", "2026-02-03"], "2026-02-03", True, ""),
        (["2026-02-02", "2026-02-03"], "2026-02-01", False, "outside the window"),
        (["2026-02-02", "2026-02-03"], "2026-02-04", False, "outside the window"),
        (["2026-02-02", "2026-02-03"], None, False, "no date"),
        (None, None, True, ""),
        (None, "2026-02-03", False, "invented date"),
    ],
)
def test_date_window(window, date, ok, reason):
    r = evaluate(gold_of([gevent(date_window=window)]), [feat(date=date)])
    assert r.n_found == 1  # a wrong date does not undo the match
    assert (r.n_date_correct, r.date_accuracy) == (int(ok), float(ok))
    assert len(r.date_errors) == int(not ok)
    if not ok:
        e = r.date_errors[0]
        assert reason in e.reason and e.required
        assert e.expected == (None if window is None else tuple(window))
        assert e.got == date


def test_datetime_strings_are_read_as_dates():
    r = evaluate(gold_of([gevent()]), [feat(date="2026-02-03T04:00:00+02:00")])
    assert r.n_date_correct == 1


def test_right_date_is_preferred_when_matching():
    features = [feat("wrong", date="2026-01-01"), feat("right", date="2026-02-02")]
    r = evaluate(gold_of([gevent()]), features)
    assert r.matches[0].feature_id == "right" and r.n_date_correct == 1
    assert [f.feature_id for f in r.false_positives] == ["wrong"]
    assert r.false_positives[0].reason == "duplicate of Town"


def test_optional_event_dates_are_checked_but_not_scored():
    g = gevent(required=False, date_window=None)
    r = evaluate(gold_of([g]), [feat(date="2026-02-03")])
    assert (r.n_date_checked, r.date_accuracy) == (0, None)
    assert [(e.reason.split(":")[0], e.required) for e in r.date_errors] == [
        ("invented date", False)
    ]


# --------------------------------------------------------------------------
# Optional events, matching order, duplicates
# --------------------------------------------------------------------------


def test_optional_events_are_neither_true_nor_false_positives():
    events = [gevent(), gevent(place="Far town", required=False, lat=north(100))]
    features = [feat(), feat("f2", lat=north(100))]
    r = evaluate(gold_of(events), features)
    assert (r.n_reports, r.n_excluded, r.n_false_positives, r.precision) == (
        2,
        1,
        0,
        1.0,
    )
    assert (r.n_optional, r.n_optional_found, r.recall) == (1, 1, 1.0)


def test_missing_optional_event_is_not_a_miss():
    events = [gevent(), gevent(place="Far town", required=False, lat=north(100))]
    r = evaluate(gold_of(events), [feat()])
    assert r.misses == () and r.recall == 1.0 and r.n_optional_found == 0


def test_required_events_choose_first():
    # One report fits both a required city event and an optional region event.
    events = [
        gevent(precision="region", place="The oblast", required=False),
        gevent(),
    ]
    r = evaluate(gold_of(events), [feat()])
    assert (r.n_found, r.n_optional_found, r.n_excluded) == (1, 0, 0)


def test_suitable_precision_chooses_first():
    # The oblast-level report goes to the region event, the town to the city.
    events = [gevent(precision="region", place="The oblast"), gevent()]
    features = [feat("town"), feat("obl", precision="oblast", place="The oblast")]
    r = evaluate(gold_of(events), features)
    assert {(m.gold_place, m.feature_id) for m in r.matches} == {
        ("The oblast", "obl"),
        ("Town", "town"),
    }
    # in the other order too
    r = evaluate(gold_of(events), features[::-1])
    assert r.n_found == 2


def test_matching_is_one_to_one():
    events = [gevent(place="Town A"), gevent(place="Town B")]
    r = evaluate(gold_of(events), [feat()])
    assert r.n_found == 1 and len(r.misses) == 1
    assert "already matched" in r.misses[0].nearest


def test_nearer_report_wins():
    features = [feat("far", lat=north(20)), feat("near", lat=north(2))]
    r = evaluate(gold_of([gevent()]), features)
    assert r.matches[0].feature_id == "near"
    # points are read as events.geojson holds them: 6 decimals, about 0.1 m
    assert r.matches[0].distance_km == pytest.approx(2, abs=1e-3)


# --------------------------------------------------------------------------
# Not-events
# --------------------------------------------------------------------------


def not_event(place="Depot", admin1=A1, article="a.txt", **kw):
    return {
        "article": article,
        "place": place,
        "admin1": admin1,
        "why": "a captured hub",
        **kw,
    }


@pytest.mark.parametrize(
    ("ne", "report_place", "report_admin1", "hit"),
    [
        (not_event(), "Depot", A1, True),
        (not_event(), "depot", A1, True),  # case-insensitive
        (not_event("Depot (rail hub)"), "DEPOT", A1, True),
        (not_event("Depot oblast"), "Depot", A1, True),
        (not_event(), "Depot", A2, False),  # other oblast
        (not_event(article="b.txt"), "Depot", A1, False),  # other article
        (not_event(), "Depotville", A1, False),
        (not_event("Rostov oblast (Russia)", admin1=None), "Rostov", A2, True),
        (not_event(lat=north(10), lon=LON), "Other name", A1, True),
        (not_event(lat=north(30), lon=LON), "Other name", A1, False),
    ],
)
def test_not_events(ne, report_place, report_admin1, hit):
    gold = gold_of([], not_events=[ne], articles=("a.txt", "b.txt"))
    f = feat(place=report_place, admin1=report_admin1, lat=LAT)
    r = evaluate(gold, [f])
    assert r.n_false_positives == 1  # a false positive either way
    assert len(r.not_event_hits) == int(hit)
    assert r.false_positives[0].reason.startswith("not an event") == hit
    if hit:
        assert r.not_event_hits[0].why == "a captured hub"
        assert r.not_event_hits[0].gold_place == ne["place"]


def test_matched_report_is_not_a_not_event_hit():
    gold = gold_of([gevent(place="Depot")], not_events=[not_event()])
    r = evaluate(gold, [feat(place="Depot")])
    assert (r.n_found, r.n_false_positives, r.not_event_hits) == (1, 0, ())


# --------------------------------------------------------------------------
# Casualties
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("gold_kw", "feat_kw", "checked", "agree"),
    [
        ({"killed": 2, "injured": 5}, {"killed": 2, "injured": 5}, 2, 2),
        ({"killed": 2, "injured": 5}, {"killed": 2, "injured": 4}, 2, 1),
        ({"killed": 0}, {"killed": None}, 1, 0),  # unknown is not "none killed"
        ({"killed": 0}, {"killed": 0, "injured": 7}, 1, 1),  # gold silent on injured
        ({}, {"killed": 3}, 0, 0),
    ],
)
def test_casualties(gold_kw, feat_kw, checked, agree):
    r = evaluate(gold_of([gevent(**gold_kw)]), [feat(**feat_kw)])
    assert (r.n_casualty_checked, r.n_casualty_agree) == (checked, agree)
    assert len(r.casualty_errors) == checked - agree
    expected_ratio = agree / checked if checked else None
    assert r.casualty_agreement == expected_ratio


def test_casualties_of_optional_events_are_not_scored():
    r = evaluate(gold_of([gevent(required=False, killed=3)]), [feat(killed=1)])
    assert (r.n_casualty_checked, r.casualty_errors) == (0, ())


# --------------------------------------------------------------------------
# Merges
# --------------------------------------------------------------------------

MERGED = {"place": "Town", "date": "2026-02-03", "articles": ["a.txt", "b.txt"]}


def two_article_gold():
    events = [gevent(), gevent(article="b.txt")]
    return gold_of(events, merged=[MERGED], articles=("a.txt", "b.txt"))


def test_merge_satisfied_by_one_feature():
    r = evaluate(two_article_gold(), [feat("m", articles=["a.txt", "b.txt"])])
    assert (r.n_merged, r.n_merged_ok) == (1, 1)
    assert r.merge_results[0].feature_id == "m"
    # one feature, two sources: two reports, both matched
    assert (r.n_reports, r.n_found, r.precision) == (2, 2, 1.0)


def test_merge_not_satisfied_by_two_features():
    features = [feat("x", articles=["a.txt"]), feat("y", articles=["b.txt"])]
    r = evaluate(two_article_gold(), features)
    assert (r.n_found, r.n_merged_ok) == (2, 0)
    assert r.merge_results[0].satisfied is False
    assert r.merge_results[0].articles == ("a.txt", "b.txt")


def test_repeated_source_article_counts_once():
    r = evaluate(gold_of([gevent()]), [feat(articles=["a.txt", "a.txt"])])
    assert (r.n_reports, r.n_false_positives) == (1, 0)


# --------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------


def mixed_result() -> EvalResult:
    events = [
        gevent(place="Town", killed=1),
        gevent(place="Lost village", lat=north(80)),
        gevent(place="Undated town", lat=north(200), date_window=None),
    ]
    features = [
        feat("ok", killed=2),
        feat("invented", lat=north(200), date="2026-02-03"),
        feat("bad", place="Depot", lat=north(400)),
        feat("stray", place="Nowhere", admin1=A2, lat=north(600)),
    ]
    return evaluate(gold_of(events, not_events=[not_event()], merged=[]), features)


def test_format_report_names_misses_and_false_positives():
    text = format_report(mixed_result())
    for fragment in [
        "recall",
        "2/3",
        "Misses (1)",
        "Lost village",
        "False positives (2)",
        "Depot",
        "not an event: Depot (a captured hub)",
        "Nowhere",
        "Date errors (1)",
        "Undated town: expected no date, got 2026-02-03",
        "Casualty mismatches (1)",
        "Town: killed 2, gold 1",
    ]:
        assert fragment in text
    assert not text.endswith("\n")


def test_format_report_without_denominators():
    text = format_report(evaluate(gold_of([]), []))
    assert "n/a" in text and "Misses" not in text


def test_to_dict_is_json():
    d = mixed_result().to_dict()
    assert json.loads(json.dumps(d)) == d
    assert d["n_found"] == 2 and d["recall"] == pytest.approx(2 / 3)
    assert d["misses"][0]["place"] == "Lost village"
    assert d["not_event_hits"][0]["place"] == "Depot"
    assert d["date_errors"][0]["expected"] is None


# --------------------------------------------------------------------------
# Bad input
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("gold", "reason"),
    [
        ([], "not a JSON object"),
        ({}, "no 'events'"),
        (gold_of([{"place": "x"}]), "missing 'article'"),
        (gold_of([gevent(admin1="")]), "missing 'admin1'"),
        (gold_of([gevent(precision="town")]), "precision"),
        (gold_of([{**gevent(), "lat": None}]), "needs lat and lon"),
        (gold_of([gevent(date_window=["2026-02-02"])]), "date_window"),
        (gold_of([gevent(date_window=["2026-02-03", "2026-02-01"])]), "ends before"),
        (gold_of([gevent(date_window=["soon", "2026-02-01"])]), "bad date"),
        (gold_of([gevent(required="yes")]), "required"),
        (gold_of([gevent(killed=-1)]), "count"),
        (gold_of([], not_events=[{"article": "a.txt"}]), "not_events[0]"),
        (gold_of([], merged=[{"articles": []}]), "merged[0]"),
    ],
)
def test_bad_gold(gold, reason):
    with pytest.raises(
        InputError, match=reason.replace("[", r"\[").replace("]", r"\]")
    ):
        evaluate(gold, [])


@pytest.mark.parametrize(
    ("features", "reason"),
    [
        (["x"], "not an object"),
        ([{"type": "Feature"}], "no properties"),
        ([feat(date="someday")], "'someday' is not an ISO date"),
    ],
)
def test_bad_features(features, reason):
    with pytest.raises(InputError, match=reason) as info:
        evaluate(gold_of([gevent()]), features)
    assert info.value.source == "events"


def test_load_gold_errors(tmp_path):
    missing = tmp_path / "missing.json"
    with pytest.raises(InputError, match="cannot read") as info:
        load_gold(missing)
    assert info.value.source == str(missing)
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="invalid JSON"):
        load_gold(bad)
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps({"events": [{"article": "a"}]}), encoding="utf-8")
    with pytest.raises(InputError, match=r"events\[0\]"):
        load_gold(wrong)


def test_load_gold_seeds(gold_path):
    gold = load_gold(gold_path)
    r = evaluate(gold, [])
    assert r.n_required == sum(e.get("required", True) for e in gold["events"])
    assert r.n_articles == len(gold["articles"]) and r.recall == 0.0


def valid_feat(fid: str, **props) -> dict:
    """A feature as events.geojson holds it (the schema's types and order)."""
    f = feat(
        fid,
        place_uk="Місто",
        kind="settlement",
        admin2=None,
        launched={},
        note=None,
        actor="unknown",
        **props,
    )
    for s in f["properties"]["sources"]:
        s.update(lang=None, evidence=["A sentence."], killed=None, injured=None)
    return f


def test_load_features_collection_and_sequences(tmp_path):
    features = [valid_feat("0" * 15 + "1"), valid_feat("0" * 15 + "2")]
    fc = tmp_path / "events.geojson"
    fc.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    assert load_features(fc) == features
    seq = tmp_path / "events.geojsons"
    seq.write_text("".join(f"\x1e{json.dumps(f)}\n" for f in features))
    assert load_features(seq) == features
    nd = tmp_path / "events.geojsonl"
    nd.write_text("\n".join(json.dumps(f) for f in features) + "\n\n")
    assert load_features(nd) == features
    one = tmp_path / "one.geojson"
    one.write_text(json.dumps(features[0]))
    assert load_features(one) == features[:1]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ('{"type": "FeatureCollection"}', "top level: missing features"),
        ("[1, 2]", "top level: not a JSON object"),
        ('{"type": "Feature"}\n{oops', "line 2: invalid JSON"),
        ('{"type": "Feature"}\n[1]', "line 2: not a GeoJSON Feature"),
        ('{"type": "Feature"}', r"features\[0\]: missing geometry, properties"),
        (json.dumps(valid_feat("one")), r"properties\.id: 'one' is not 16 lowercase"),
        ("\udcff", "not UTF-8"),
    ],
)
def test_load_features_errors(tmp_path, content, reason):
    path = tmp_path / "x.geojson"
    path.write_bytes(content.encode("utf-8", "surrogateescape"))
    with pytest.raises(InputError, match=reason) as info:
        load_features(path)
    assert info.value.source == str(path)
    assert "\n" not in str(info.value)


def test_miss_names_the_nearest_report():
    g = gevent(place="Lost village")
    features = [feat("far", lat=north(400)), feat("near", lat=north(80))]
    r = evaluate(gold_of([g]), features)
    assert r.misses[0].nearest == "Town [UA-71]: 80 km away"
    assert "Lost village is 80 km away" in r.false_positives[1].reason


@pytest.mark.parametrize(
    ("gold_kw", "feat_kw", "ok"),
    [
        ({"killed": 2, "injured": 5}, {"killed": 2, "injured": 5}, 1),
        ({"killed": 2, "injured": 5}, {"killed": 2, "injured": 4}, 0),
        ({"killed": 2}, {"killed": 2}, 1),  # neither states the injured
        ({"killed": 2}, {"killed": 2, "injured": 0}, 0),  # a figure the text lacks
        ({}, {"injured": 3}, 0),
        ({}, {}, 1),
    ],
)
def test_casualties_per_event_need_both_figures_right(gold_kw, feat_kw, ok):
    r = evaluate(gold_of([gevent(**gold_kw)]), [feat(**feat_kw)])
    assert (r.n_casualty_events, r.n_casualty_events_ok) == (1, ok)
    assert "per event" in format_report(r)


def test_casualties_per_event_read_the_article_s_own_source():
    gold = gold_of([gevent(killed=2)])
    f = feat(killed=9)
    f["properties"]["sources"] = [
        {"article": "a.txt", "killed": 2, "injured": None},
        {"article": "later.txt", "killed": 9, "injured": None},
    ]
    r = evaluate(gold, [f])
    assert (r.n_casualty_events_ok, r.n_casualty_agree) == (1, 1)
