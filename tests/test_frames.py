from __future__ import annotations

import datetime as dt
import json
import math

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import Point, box

import gazetteer
from gazetteer.boundaries import admin1_join
from gazetteer.exc import InputError
from geo.events.coerce import coerce_properties as normalize_properties
from geo.events.coerce import is_missing
from geo.events.vocab import PROPERTIES
from geo.tables.frames import (
    FRAME_COLUMNS,
    check_admin1_agreement,
    event_dates,
    events_to_frame,
    filter_dates,
    frame_to_features,
)


@pytest.fixture(scope="session")
def sample(data_dir) -> list[dict]:
    path = data_dir / "events" / "sample.geojson"
    return json.loads(path.read_text(encoding="utf-8"))["features"]


@pytest.fixture(scope="session")
def frame(sample) -> gpd.GeoDataFrame:
    return events_to_frame(sample)


def feature(lon, lat, **props) -> dict:
    base = {"id": "0123456789abcdef", "place": "X", "admin1_code": "", "admin1": ""}
    base.update(props)
    geometry = None if lon is None else {"type": "Point", "coordinates": [lon, lat]}
    return {"type": "Feature", "geometry": geometry, "properties": base}


# ---------------------------------------------------------------- the frame


def test_frame_columns_crs_and_order(frame, sample):
    assert list(frame.columns) == list(FRAME_COLUMNS)
    assert frame.crs.to_epsg() == 4326
    assert list(frame["id"]) == [f["properties"]["id"] for f in sample]
    assert list(frame.index) == list(range(len(sample)))


def test_frame_dtypes_and_missing_values(frame):
    assert str(frame["killed"].dtype) == "Int64"
    assert str(frame["injured"].dtype) == "Int64"
    assert all(d is None or isinstance(d, str) for d in frame["date"])
    assert frame["date"].isna().sum() == 1
    assert None in list(frame["date"])  # None, not NaN
    assert all(isinstance(w, list) for w in frame["weapons"])
    assert all(isinstance(s, list) for s in frame["sources"])


def test_frame_keeps_lon_lat_order(frame):
    kharkiv = frame.loc[frame["place"] == "Kharkiv"].geometry.iloc[0]
    assert kharkiv.x == pytest.approx(36.25475)
    assert kharkiv.y == pytest.approx(49.98177)


@pytest.mark.parametrize(
    "empty", [[], iter(()), {"type": "FeatureCollection", "features": []}]
)
def test_empty_input_gives_typed_empty_frame(empty):
    gdf = events_to_frame(empty)
    assert len(gdf) == 0
    assert list(gdf.columns) == list(FRAME_COLUMNS)
    assert gdf.crs.to_epsg() == 4326
    assert str(gdf["killed"].dtype) == "Int64"


def test_feature_collection_and_geo_interface_inputs(sample):
    fc = {"type": "FeatureCollection", "features": sample}
    assert list(events_to_frame(fc)["id"]) == [f["properties"]["id"] for f in sample]

    class Wrapped:
        __geo_interface__ = fc

    assert len(events_to_frame(Wrapped())) == len(sample)


def test_null_geometry_is_kept_and_joins_nothing():
    gdf = events_to_frame([feature(None, None, admin1_code="UA-63")])
    assert len(gdf) == 1
    assert gdf.geometry.iloc[0] is None
    assert gdf["admin1_code_join"].iloc[0] is None
    assert gdf["admin1_code"].iloc[0] == "UA-63"
    assert check_admin1_agreement(gdf) == []


def test_non_point_geometry_is_an_input_error():
    bad = feature(30.5, 50.4)
    bad["geometry"] = {"type": "LineString", "coordinates": [[30, 50], [31, 50]]}
    with pytest.raises(InputError, match="not Point"):
        events_to_frame([bad])


# ---------------------------------------------------------------- the join

# Points from GeoNames (../shared/data/geonames/UA.txt), with their ISO unit.
CITIES = [
    ("Kyiv", 50.45466, 30.5238, "UA-30"),
    ("Kharkiv", 49.98177, 36.25475, "UA-63"),
    ("Odesa", 46.48572, 30.74383, "UA-51"),
    ("Sevastopol", 44.60795, 33.52134, "UA-40"),
    ("Simferopol", 44.95719, 34.11079, "UA-43"),
    ("Kerch", 45.35675, 36.47542, "UA-43"),
    ("Uzhhorod", 48.6242, 22.2947, "UA-21"),
    ("Lviv", 49.83826, 24.02324, "UA-46"),
    ("Dnipro", 48.46664, 35.04066, "UA-12"),
    ("Donetsk", 48.023, 37.80224, "UA-14"),
    ("Luhansk", 48.56814, 39.30553, "UA-09"),
    ("Zaporizhzhia", 47.85167, 35.11714, "UA-23"),
    ("Kherson", 46.63695, 32.61458, "UA-65"),
    ("Chernihiv", 51.50541, 31.28656, "UA-74"),
    ("Lutsk", 50.75784, 25.35024, "UA-07"),
    ("Brovary", 50.51097, 30.79106, "UA-32"),
    # about 1 km from a border with another unit:
    ("Vyshhorod", 50.58312, 30.48566, "UA-32"),
    ("Petropavlivska Borshchahivka", 50.43379, 30.32871, "UA-32"),
    ("Pidvolochysk", 49.53131, 26.14401, "UA-61"),
    ("Volochysk", 49.53606, 26.20681, "UA-68"),
    ("Andriyivka", 44.81663, 33.56313, "UA-40"),
]


@pytest.mark.parametrize(("name", "lat", "lon", "code"), CITIES)
def test_join_agrees_with_admin1_for_real_places(name, lat, lon, code):
    gdf = events_to_frame([feature(lon, lat, place=name, admin1_code=code)])
    assert gdf["admin1_code_join"].iloc[0] == code
    assert check_admin1_agreement(gdf) == []


def test_join_agrees_for_all_cities_at_once():
    feats = [feature(lon, lat, place=n, admin1_code=c) for n, lat, lon, c in CITIES]
    gdf = events_to_frame(feats)
    assert list(gdf["admin1_code_join"]) == [c for *_, c in CITIES]
    assert check_admin1_agreement(gdf) == []


def test_join_names_come_from_the_boundaries():
    units = gazetteer.admin1_boundaries()
    names = dict(zip(units["admin1_code"], units["admin1"], strict=True))
    gdf = events_to_frame([feature(36.25475, 49.98177)])
    assert gdf["admin1_join"].iloc[0] == names["UA-63"]


def test_missing_admin1_is_filled_from_the_join():
    gdf = events_to_frame([feature(30.5238, 50.45466, admin1_code="", admin1="")])
    assert gdf["admin1_code"].iloc[0] == "UA-30"
    assert gdf["admin1"].iloc[0] == gdf["admin1_join"].iloc[0]
    assert check_admin1_agreement(gdf) == []


def test_missing_admin1_name_is_filled_from_the_code():
    gdf = events_to_frame([feature(None, None, admin1_code="UA-63", admin1="")])
    assert gdf["admin1"].iloc[0] == "Kharkiv Oblast"


def test_gazetteer_admin1_is_kept_and_disagreement_reported():
    # Brovary lies in Kyiv Oblast; pretend the gazetteer said Kyiv city.
    ev = feature(
        30.79106, 50.51097, place="Brovary", admin1_code="UA-30", admin1="Kyiv"
    )
    gdf = events_to_frame([ev])
    assert gdf["admin1_code"].iloc[0] == "UA-30"
    assert gdf["admin1_code_join"].iloc[0] == "UA-32"
    problems = check_admin1_agreement(gdf)
    assert len(problems) == 1
    assert "0123456789abcdef" in problems[0]
    assert "Brovary" in problems[0]
    assert "UA-30" in problems[0] and "UA-32" in problems[0]


def test_swapped_coordinates_lie_in_no_unit_and_are_reported():
    gdf = events_to_frame([feature(49.98177, 36.25475, admin1_code="UA-63")])
    assert gdf["admin1_code_join"].iloc[0] is None
    problems = check_admin1_agreement(gdf)
    assert len(problems) == 1 and "no first-level unit" in problems[0]


def test_sample_fixture_agrees_with_the_boundaries(frame):
    assert check_admin1_agreement(frame) == []


# Two 100 km squares side by side, in metres (EPSG:3035), around central Ukraine.
X0, Y0 = 5_800_000, 2_900_000


@pytest.fixture(scope="module")
def squares() -> gpd.GeoDataFrame:
    gdf = gpd.GeoDataFrame(
        {"admin1_code": ["UA-02", "UA-01"], "admin1": ["East", "West"]},
        geometry=[
            box(X0 + 100_000, Y0, X0 + 200_000, Y0 + 100_000),
            box(X0, Y0, X0 + 100_000, Y0 + 100_000),
        ],
        crs="EPSG:3035",
    )
    return gdf.to_crs("EPSG:4326")


def metric_feature(x: float, y: float) -> dict:
    p = gpd.GeoSeries([Point(x, y)], crs="EPSG:3035").to_crs("EPSG:4326").iloc[0]
    return feature(p.x, p.y)


@pytest.mark.parametrize(
    ("x", "y", "code"),
    [
        (X0 + 50_000, Y0 + 50_000, "UA-01"),  # inside West
        (X0 + 150_000, Y0 + 50_000, "UA-02"),  # inside East
        (X0 + 50_000, Y0 - 1_000, "UA-01"),  # 1 km south of West
        (X0 + 150_000, Y0 + 104_000, "UA-02"),  # 4 km north of East
        (X0 - 4_500, Y0 + 50_000, "UA-01"),  # 4.5 km west of West
        (X0 + 203_000, Y0 + 50_000, "UA-02"),  # 3 km east of East
        (X0 + 50_000, Y0 - 6_000, None),  # 6 km off: too far
        (X0 + 150_000, Y0 + 150_000, None),  # 50 km off
    ],
)
def test_nearest_unit_within_five_km(squares, x, y, code):
    gdf = events_to_frame([metric_feature(x, y)], boundaries=squares)
    assert gdf["admin1_code_join"].iloc[0] == code
    assert gdf["admin1_code"].iloc[0] == (code or "")


def test_point_on_a_shared_border_takes_the_lowest_code(squares):
    gdf = events_to_frame([metric_feature(X0 + 100_000, Y0 + 50_000)], squares)
    assert gdf["admin1_code_join"].iloc[0] == "UA-01"


def test_mixed_inside_outside_and_null_keep_row_alignment(squares):
    feats = [
        metric_feature(X0 + 150_000, Y0 + 50_000),
        feature(None, None),
        metric_feature(X0 - 2_000, Y0 + 50_000),
        metric_feature(X0 + 150_000, Y0 + 300_000),
        metric_feature(X0 + 50_000, Y0 + 50_000),
    ]
    gdf = events_to_frame(feats, boundaries=squares)
    assert list(gdf["admin1_code_join"]) == ["UA-02", None, "UA-01", None, "UA-01"]


def reference_join(lons, lats, units: gpd.GeoDataFrame) -> tuple[list, int]:
    """The join as geopandas states it: sjoin, then sjoin_nearest within 5 km.

    Returns the codes and how many points joined by the nearest unit.
    """
    left = gpd.GeoDataFrame(geometry=gpd.points_from_xy(lons, lats), crs="EPSG:4326")
    hits = gpd.sjoin(left, units, predicate="intersects").reset_index()
    hits = hits.sort_values(["index", "admin1_code"]).drop_duplicates("index")
    out = dict(zip(hits["index"], hits["admin1_code"], strict=True))
    rest = left.loc[~left.index.isin(list(out))].to_crs("EPSG:3035")
    near = gpd.sjoin_nearest(
        rest, units.to_crs("EPSG:3035"), max_distance=5000, distance_col="d"
    ).reset_index()
    near = near.sort_values(["index", "d", "admin1_code"]).drop_duplicates("index")
    out.update(zip(near["index"], near["admin1_code"], strict=True))
    return [out.get(i) for i in range(len(left))], len(near)


def test_one_join_for_frames_and_the_reverse_geocoder():
    # a coarse grid over the country and a fine one over the coast, where points
    # off every polygon join the nearest unit within 5 km
    grid = np.mgrid[44.0:52.6:0.25, 22.0:40.6:0.25].reshape(2, -1)
    coast = np.mgrid[44.3:47.1:0.04, 29.5:38.6:0.04].reshape(2, -1)
    lats, lons = np.concatenate([grid, coast], axis=1)
    units = gazetteer.admin1_boundaries()
    expected, nearest = reference_join(lons, lats, units)
    assert nearest > 100  # points off the coast, within 5 km
    assert sum(code is None for code in expected) > 100  # and farther
    feats = [feature(lo, la) for lo, la in zip(lons, lats, strict=True)]
    frame = events_to_frame(feats)
    assert list(frame["admin1_code_join"]) == expected
    for i in range(0, len(lats), 37):
        assert gazetteer.admin1_at(lats[i], lons[i]) == expected[i]


# ---------------------------------------------------------------- filters


@pytest.mark.parametrize(
    ("since", "until", "expected"),
    [
        (None, None, 8),  # no filter: undated kept
        (dt.date(2026, 1, 1), None, 6),
        (None, dt.date(2026, 1, 12), 3),  # inclusive upper bound
        (dt.date(2026, 1, 12), dt.date(2026, 1, 12), 2),  # a single day
        ("2026-01-13", "2026-01-31", 2),  # ISO strings accepted
        (dt.date(2026, 2, 3), None, 1),
        (dt.date(2027, 1, 1), None, 0),
        (dt.date(2000, 1, 1), dt.date(2100, 1, 1), 7),  # undated dropped
    ],
)
def test_filter_dates(frame, since, until, expected):
    out = filter_dates(frame, since, until)
    assert len(out) == expected
    assert list(out.columns) == list(frame.columns)
    if since is not None or until is not None:
        assert out["date"].notna().all()


def test_filter_dates_returns_a_copy(frame):
    out = filter_dates(frame, None, None)
    out.loc[out.index[0], "place"] = "changed"
    assert frame["place"].iloc[0] != "changed"


def test_filter_dates_on_empty_frame():
    assert len(filter_dates(events_to_frame([]), dt.date(2026, 1, 1), None)) == 0


@pytest.mark.parametrize("far", ["9999-12-31", "0001-01-01", "2300-06-01"])
def test_dates_beyond_pandas_nanoseconds_do_not_crash(far):
    # nanosecond timestamps end in 2262; any ISO day is a date all the same
    frame = events_to_frame(
        [
            feature(30.52, 50.45, id="a" * 16, date=far),
            feature(30.52, 50.45, id="b" * 16, date="2026-01-02"),
            feature(30.52, 50.45, id="c" * 16, date=None),
        ]
    )
    dates = event_dates(frame)
    assert list(dates.iloc[:2]) == [pd.Timestamp(far), pd.Timestamp("2026-01-02")]
    assert pd.isna(dates.iloc[2])
    assert len(filter_dates(frame, "2026-01-01", "2026-12-31")) == 1
    assert len(filter_dates(frame, far, far)) == 1


def test_event_dates_of_a_date_column_read_back_from_a_file():
    frame = pd.DataFrame(
        {
            "date": pd.Series(
                [pd.Timestamp("2026-01-02"), pd.NaT], dtype="datetime64[ms]"
            )
        }
    )
    dates = event_dates(frame)
    assert dates.iloc[0] == pd.Timestamp("2026-01-02") and pd.isna(dates.iloc[1])


# ---------------------------------------------------------------- normalising


@pytest.mark.parametrize(
    ("key", "raw", "expected"),
    [
        ("weapons", ["missile", "drone", "drone"], ["drone", "missile"]),
        ("weapons", "missile;drone", ["drone", "missile"]),
        ("weapons", '["rocket","bomb"]', ["bomb", "rocket"]),
        ("weapons", None, []),
        ("weapons", np.array(["drone"], dtype=object), ["drone"]),
        ("targets", ("port",), ["port"]),
        (
            "launched",
            {"missile": np.int64(11), "drone": 550},
            {"drone": 550, "missile": 11},
        ),
        ("launched", '{"drone": 3}', {"drone": 3}),
        ("launched", None, {}),
        ("killed", np.int64(4), 4),
        ("killed", float("nan"), None),
        ("killed", pd.NA, None),
        ("killed", 0, 0),
        ("date", dt.date(2026, 2, 1), "2026-02-01"),
        ("date", pd.Timestamp("2026-02-01 13:00"), "2026-02-01"),
        ("date", "2026-02-01T08:00:00", "2026-02-01"),
        ("date", "", None),
        ("date", None, None),
        ("date_precision", None, "unknown"),
        ("admin2", "", None),
        ("note", float("nan"), None),
        ("place", None, ""),
    ],
)
def test_normalize_properties_values(key, raw, expected):
    out = normalize_properties({key: raw})
    assert out[key] == expected
    assert type(out[key]) is type(expected)


def test_normalize_properties_order_and_extras():
    out = normalize_properties({"note": "n", "extra": 1, "id": "a"})
    assert tuple(out) == PROPERTIES


def test_normalize_sources_order_and_keys():
    raw = [
        {"evidence": "b", "article": "z", "published": "2026-01-02", "extra": 1},
        {"article": "a", "published": "2026-01-02", "killed": np.int64(2)},
        {"article": "m", "published": "2026-01-01", "injured": math.nan},
    ]
    out = normalize_properties({"sources": raw})["sources"]
    assert [s["article"] for s in out] == ["m", "a", "z"]
    # the schema's keys in its order; keys outside it are dropped, like properties
    assert list(out[2]) == [
        "article",
        "url",
        "published",
        "lang",
        "evidence",
        "killed",
        "injured",
    ]
    assert out[2]["evidence"] == ["b"]  # the sentences, as a list
    assert out[1]["killed"] == 2 and type(out[1]["killed"]) is int
    assert out[0]["injured"] is None


def test_frame_to_features_round_trip(sample, frame):
    back = frame_to_features(frame)
    assert [f["properties"] for f in back] == [
        normalize_properties(f["properties"]) for f in sample
    ]
    for got, want in zip(back, sample, strict=True):
        assert got["geometry"]["coordinates"] == pytest.approx(
            want["geometry"]["coordinates"]
        )
        assert "admin1_join" not in got["properties"]


def test_frame_to_features_reprojects(frame):
    back = frame_to_features(frame.to_crs("EPSG:3035"))
    assert back[0]["geometry"]["coordinates"] == pytest.approx([36.25475, 49.98177])


# ------------------------------------------------- joins asked once per point


def test_repeated_points_join_as_when_asked_one_by_one(squares):
    # inside, near, far, on the border, without a point; each several times,
    # and 0.0 beside -0.0 (one point)
    inside = metric_feature(X0 + 150_000, Y0 + 50_000)
    near = metric_feature(X0 - 2_000, Y0 + 50_000)
    far = metric_feature(X0 + 150_000, Y0 + 300_000)
    border = metric_feature(X0 + 100_000, Y0 + 50_000)
    feats = [inside, near, feature(None, None), far, inside, border, near]
    feats += [feature(None, None), border, far, inside]
    feats += [feature(0.0, 0.0), feature(-0.0, 0.0), feature(0.0, -0.0)]
    gdf = events_to_frame(feats, boundaries=squares)
    one_by_one = [
        events_to_frame([f], boundaries=squares)["admin1_code_join"].iloc[0]
        for f in feats
    ]
    assert list(gdf["admin1_code_join"]) == one_by_one
    assert one_by_one[:7] == ["UA-02", "UA-01", None, None, "UA-02", "UA-01", "UA-01"]


def test_repeated_points_join_as_the_whole_join(squares):
    from geo.tables.frames import _join_distinct

    rng = np.random.default_rng(7)
    lon0, lat0, lon1, lat1 = squares.total_bounds
    base = np.column_stack(
        [
            rng.uniform(lon0 - 0.2, lon1 + 0.2, 40),
            rng.uniform(lat0 - 0.2, lat1 + 0.2, 40),
        ]
    )
    base[3] = np.nan
    xy = base[rng.integers(0, 40, 400)]
    assert _join_distinct(xy, squares) == admin1_join(xy[:, 0], xy[:, 1], squares)


def _every_row_checked(gdf) -> list[str]:
    """check_admin1_agreement's rule applied to every row (no candidates)."""
    out = []
    for row in gdf.itertuples(index=False):
        geom = row.geometry
        if geom is None or geom.is_empty or not row.admin1_code:
            continue
        label = f"{row.id} {row.place}"
        if is_missing(row.admin1_code_join):
            out.append(
                f"{label}: admin1_code {row.admin1_code} (gazetteer) but the point "
                f"[{geom.x:.6f}, {geom.y:.6f}] lies in no first-level unit"
            )
        elif row.admin1_code_join != row.admin1_code:
            out.append(
                f"{label}: admin1_code {row.admin1_code} (gazetteer) but the point "
                f"lies in {row.admin1_code_join} ({row.admin1_join})"
            )
    return out


def test_agreement_check_skips_only_rows_that_agree():
    feats = [
        feature(30.79106, 50.51097, id="a" * 16, admin1_code="UA-30", admin1="Kyiv"),
        feature(30.5238, 50.45466, id="b" * 16, admin1_code="UA-30", admin1="Kyiv"),
        feature(49.98177, 36.25475, id="c" * 16, admin1_code="UA-63"),
        feature(None, None, id="d" * 16, admin1_code="UA-63"),
        feature(30.5238, 50.45466, id="e" * 16, admin1_code="", admin1=""),
        feature(30.79106, 50.51097, id="f" * 16, admin1_code="UA-32", admin1="K"),
        feature(30.79106, 50.51097, id="0" * 16, admin1_code="UA-30", admin1="Kyiv"),
    ]
    gdf = events_to_frame(feats)
    expected = _every_row_checked(gdf)
    assert [p[:16] for p in expected] == ["a" * 16, "c" * 16, "0" * 16]
    assert check_admin1_agreement(gdf) == expected
    # cells a table read back may hold: NA and None codes, an empty point
    odd = gdf.copy()
    odd["admin1_code"] = pd.Series(["UA-30", pd.NA, None, "UA-63", "", "UA-32", 1])
    odd.loc[1, "geometry"] = Point()
    odd["admin1_code_join"] = odd["admin1_code_join"].astype(object)
    odd.loc[5, "admin1_code_join"] = np.nan
    assert check_admin1_agreement(odd) == _every_row_checked(odd)
    assert len(_every_row_checked(odd)) == 3
    # NA beside a point: the rule asks its truth value and raises either way
    odd.loc[1, "geometry"] = Point(30.5238, 50.45466)
    for check in (check_admin1_agreement, _every_row_checked):
        with pytest.raises(TypeError):
            check(odd)
