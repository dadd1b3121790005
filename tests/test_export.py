from __future__ import annotations

import contextlib
import copy
import datetime as dt
import json
import os
import random
import sqlite3
import stat
import sys
import threading

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest

from gazetteer.exc import InputError, OutputError
from geo.events.coerce import coerce_properties as normalize_properties
from geo.events.schema import validate_geojson
from geo.events.vocab import PROPERTIES
from geo.tables.export import (
    CSV_GEOMETRY_COLUMNS,
    FORMATS,
    format_for_path,
    normalize_features,
    read_events,
    to_geojson,
    write_events,
)
from geo.tables.frames import events_to_frame


@pytest.fixture(scope="session")
def sample(data_dir) -> list[dict]:
    path = data_dir / "events" / "sample.geojson"
    return json.loads(path.read_text(encoding="utf-8"))["features"]


@pytest.fixture(scope="session")
def text(sample) -> str:
    return to_geojson(sample)


@pytest.fixture(scope="session")
def parsed(text) -> dict:
    return json.loads(text)


def by_place(parsed: dict, place: str) -> dict:
    return next(f for f in parsed["features"] if f["properties"]["place"] == place)


# ---------------------------------------------------------------- RFC 7946


def test_output_is_valid(parsed):
    assert parsed["type"] == "FeatureCollection"
    assert validate_geojson(parsed) == []


def test_kharkiv_is_lon_lat_never_swapped(parsed):
    lon, lat = by_place(parsed, "Kharkiv")["geometry"]["coordinates"]
    assert lon == pytest.approx(36.25, abs=0.05)
    assert lat == pytest.approx(49.98, abs=0.05)


def test_no_crs_member_anywhere(text, parsed):
    assert '"crs"' not in text
    assert "crs" not in parsed
    assert all("crs" not in f for f in parsed["features"])


def test_properties_in_schema_order(parsed):
    for f in parsed["features"]:
        assert tuple(f["properties"]) == PROPERTIES
        assert list(f) == ["type", "geometry", "properties"]


def test_features_sorted_by_date_nulls_last_then_code_place_id(parsed):
    keys = [
        (p["date"] is None, p["date"] or "", p["admin1_code"], p["place"], p["id"])
        for p in (f["properties"] for f in parsed["features"])
    ]
    assert keys == sorted(keys)
    assert parsed["features"][-1]["properties"]["date"] is None
    assert parsed["features"][0]["properties"]["date"] == "2025-12-29"
    # same date: admin1_code decides (UA-30 Kyiv before UA-63 Kharkiv)
    same_day = [f["properties"]["place"] for f in parsed["features"][1:3]]
    assert same_day == ["Kyiv", "Kharkiv"]


@pytest.mark.parametrize(
    ("lon", "lat", "expected"),
    [
        (36.123456789, 49.987654321, [36.123457, 49.987654]),
        (36.25, 50.0, [36.25, 50.0]),
        (30.0000004, 50.0000006, [30.0, 50.000001]),
    ],
)
def test_coordinates_rounded_to_six_decimals(lon, lat, expected):
    feat = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}}
    feat["properties"] = {"id": "0" * 16}
    out = json.loads(to_geojson([feat]))
    assert out["features"][0]["geometry"]["coordinates"] == expected
    for number in (
        to_geojson([feat]).split('"coordinates":[')[1].split("]")[0].split(",")
    ):
        assert len(number.split(".")[1]) <= 6


def test_text_layout(text, sample):
    assert text.endswith("]}\n")
    lines = text.splitlines()
    assert lines[0] == '{"type":"FeatureCollection","features":['
    assert lines[-1] == "]}"
    assert len(lines) == len(sample) + 2  # one feature per line
    assert "Харків" in text  # ensure_ascii=False
    assert "\\n" in text  # a newline inside evidence stays escaped


def test_empty_collection():
    out = to_geojson([])
    assert out == '{"type":"FeatureCollection","features":[]}\n'
    assert validate_geojson(json.loads(out)) == []


# ---------------------------------------------------------------- determinism


def test_two_calls_give_identical_bytes(sample):
    assert to_geojson(sample).encode() == to_geojson(sample).encode()


def test_input_order_does_not_matter(sample, text):
    shuffled = copy.deepcopy(sample)
    random.Random(7).shuffle(shuffled)
    for f in shuffled:  # key order and list order inside do not matter either
        f["properties"] = dict(reversed(list(f["properties"].items())))
        f["properties"]["weapons"] = list(reversed(f["properties"]["weapons"]))
        f["properties"]["sources"] = list(reversed(f["properties"]["sources"]))
    assert to_geojson(shuffled) == text


def test_frame_and_features_give_the_same_text(sample, text):
    assert to_geojson(events_to_frame(sample)) == text


def test_extra_properties_are_not_written(sample, text):
    extra = copy.deepcopy(sample)
    for f in extra:
        f["properties"]["debug"] = "x"
    assert to_geojson(extra) == text


def test_write_is_byte_identical(tmp_path, sample):
    a, b = tmp_path / "a.geojson", tmp_path / "b.geojson"
    write_events(sample, a)
    write_events(list(reversed(sample)), b)
    assert a.read_bytes() == b.read_bytes()
    assert a.read_bytes() == to_geojson(sample).encode("utf-8")


# ---------------------------------------------------------------- round trips


def test_round_trip_through_geopandas(tmp_path, sample):
    path = tmp_path / "events.geojson"
    write_events(sample, path)
    gdf = gpd.read_file(path)
    assert len(gdf) == len(sample)
    assert gdf.crs.to_epsg() == 4326
    kharkiv = gdf.loc[gdf["place"] == "Kharkiv"].geometry.iloc[0]
    assert (kharkiv.x, kharkiv.y) == pytest.approx((36.25475, 49.98177))
    assert sorted(gdf["id"]) == sorted(f["properties"]["id"] for f in sample)
    # and back through the frame to the same text
    assert to_geojson(events_to_frame(gdf)) == to_geojson(sample)


def read_back(path, fmt) -> pd.DataFrame:
    if fmt == "csv":
        return pd.read_csv(path, keep_default_na=False, na_values=[""], dtype=str)
    if fmt == "parquet":
        return gpd.read_parquet(path)
    return gpd.read_file(path)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_writes_and_reads_back(tmp_path, sample, fmt):
    path = tmp_path / f"events{FORMATS[fmt]}"
    write_events(sample, path, format=fmt)
    df = read_back(path, fmt)
    expected = normalize_features(sample)
    assert len(df) == len(expected)
    assert list(df["id"]) == [f["properties"]["id"] for f in expected]
    if fmt == "csv":
        lon, lat = df["lon"].astype(float), df["lat"].astype(float)
    else:
        assert df.crs.to_epsg() == 4326
        lon, lat = df.geometry.x, df.geometry.y
    kh = (df["place"] == "Kharkiv").to_numpy()
    assert lon[kh].iloc[0] == pytest.approx(36.25475)
    assert lat[kh].iloc[0] == pytest.approx(49.98177)
    # every row reads back to the same normalised properties
    for record, want in zip(df.to_dict("records"), expected, strict=True):
        assert normalize_properties(record) == want["properties"]


@pytest.mark.parametrize("fmt", ["gpkg", "parquet"])
def test_nested_columns_are_json_text(tmp_path, sample, fmt):
    path = tmp_path / f"events{FORMATS[fmt]}"
    write_events(sample, path, format=fmt)
    df = read_back(path, fmt)
    kyiv = df.loc[df["place"] == "Kyiv"].iloc[0]
    assert json.loads(kyiv["weapons"]) == ["ballistic_missile", "drone"]
    assert json.loads(kyiv["launched"]) == {"ballistic_missile": 4, "drone": 120}
    assert json.loads(kyiv["sources"])[0]["article"] == "a1"


def test_csv_columns(tmp_path, sample):
    path = tmp_path / "events.csv"
    write_events(sample, path, format="csv")
    df = read_back(path, "csv")
    assert list(df.columns) == [*PROPERTIES, "lon", "lat", "WKT"]
    assert CSV_GEOMETRY_COLUMNS == ("lon", "lat", "WKT")
    kyiv = df.loc[df["place"] == "Kyiv"].iloc[0]
    assert kyiv["weapons"] == "ballistic_missile;drone"
    assert json.loads(kyiv["sources"])[0]["killed"] == 0
    assert pd.isna(kyiv["admin2"])


def test_csv_opens_in_geopandas_with_no_options(tmp_path, sample):
    path = tmp_path / "events.csv"
    write_events(
        [*sample, {**sample[0], "geometry": None}], path, format="csv"
    )  # and an event without a point
    gdf = gpd.read_file(path)
    assert isinstance(gdf, gpd.GeoDataFrame)
    expected = normalize_features([*sample, {**sample[0], "geometry": None}])
    assert list(gdf["id"]) == [f["properties"]["id"] for f in expected]
    for point, feature in zip(gdf.geometry, expected, strict=True):
        if feature["geometry"] is None:
            assert point is None
        else:
            assert (point.x, point.y) == tuple(feature["geometry"]["coordinates"])
    # the numbers and the WKT say the same
    kh = gdf.loc[gdf["place"] == "Kharkiv"].iloc[0]
    assert kh["WKT"] == f"POINT ({kh['lon']} {kh['lat']})"


def test_gpkg_column_types(tmp_path, sample):
    path = tmp_path / "events.gpkg"
    write_events(sample, path, format="gpkg")
    with sqlite3.connect(path) as db:
        types = {row[1]: row[2] for row in db.execute("pragma table_info(events)")}
        rows = {
            place: (date, killed, injured, kinds)
            for place, date, killed, injured, kinds in db.execute(
                "select place, date, killed, injured, "
                "typeof(killed) || ',' || typeof(injured) from events"
            )
        }
    assert types["date"] == "DATE"
    assert types["killed"] == types["injured"] == "INTEGER"
    assert types["id"] == types["sources"] == "TEXT"
    assert rows["Lviv"] == ("2025-12-29", None, None, "null,null")  # not stated
    assert rows["Kyiv"] == ("2026-01-12", 0, 3, "integer,integer")  # 0 said
    assert rows["Brovary"][0] is None  # undated
    info = pyogrio.read_info(path, layer="events")
    fields = dict(zip(info["fields"], info["ogr_types"], strict=True))
    assert fields["date"] == "OFTDate"
    assert fields["killed"] == fields["injured"] == "OFTInteger64"
    gdf = gpd.read_file(path)
    assert pd.api.types.is_datetime64_any_dtype(gdf["date"])
    kyiv = gdf.loc[gdf["place"] == "Kyiv"].iloc[0]
    assert kyiv["date"] == pd.Timestamp("2026-01-12")
    assert gdf.loc[gdf["place"] == "Lviv", "killed"].isna().all()


def test_parquet_column_types(tmp_path, sample):
    pq = pytest.importorskip("pyarrow.parquet")
    import pyarrow as pa

    path = tmp_path / "events.parquet"
    write_events(sample, path, format="parquet")
    schema = pq.read_schema(path)
    assert schema.field("date").type == pa.date32()
    assert schema.field("killed").type == pa.int64()
    table = pq.read_table(path).to_pydict()
    lviv = table["place"].index("Lviv")
    assert table["killed"][lviv] is None and table["injured"][lviv] is None
    assert table["date"][lviv] == dt.date(2025, 12, 29)


def test_gpkg_keeps_dates_pandas_cannot_hold(tmp_path, sample):
    far = copy.deepcopy(sample[0])
    far["properties"]["date"] = "9999-12-31"
    path = tmp_path / "far.gpkg"
    write_events([far], path, format="gpkg")
    with sqlite3.connect(path) as db:
        assert db.execute("select date from events").fetchall() == [("9999-12-31",)]


@pytest.mark.parametrize("fmt", ["geojsonl", "geojsons"])
def test_text_sequences(tmp_path, sample, fmt):
    path = tmp_path / f"events{FORMATS[fmt]}"
    write_events(sample, path, format=fmt)
    raw = path.read_text(encoding="utf-8")
    lines = raw.split("\n")  # not splitlines(): it splits at U+001E too
    assert lines.pop() == ""
    assert len(lines) == len(sample)
    assert all(ln.startswith("\x1e{" if fmt == "geojsons" else "{") for ln in lines)


@pytest.mark.parametrize("fmt", ["geojson", "geojsonl", "geojsons"])
def test_read_events_round_trip(tmp_path, sample, fmt):
    path = tmp_path / f"events{FORMATS[fmt]}"
    write_events(sample, path, format=fmt)
    assert read_events(path) == normalize_features(sample)


def test_empty_events_in_every_format(tmp_path):
    for fmt, suffix in FORMATS.items():
        path = tmp_path / f"empty{suffix}"
        write_events([], path, format=fmt)
        assert path.exists(), fmt
    assert len(gpd.read_file(tmp_path / "empty.gpkg")) == 0
    assert read_events(tmp_path / "empty.geojson") == []


# ---------------------------------------------------------------- errors


def test_unknown_format(tmp_path, sample):
    with pytest.raises(OutputError, match="unknown output format 'kml'"):
        write_events(sample, tmp_path / "x.kml", format="kml")


def test_symlink_stays_a_link(tmp_path, sample):
    target = tmp_path / "real.geojson"
    target.write_text("old")
    link = tmp_path / "events.geojson"
    link.symlink_to(target.name)
    write_events(sample, link)
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == to_geojson(sample)


def test_fifo_stays_a_fifo(tmp_path, sample):
    fifo = tmp_path / "events.geojson"
    os.mkfifo(fifo)
    spare = tmp_path / "spare"
    os.link(fifo, spare)  # the FIFO under a second name, to read it
    got = []
    reader = threading.Thread(target=lambda: got.append(spare.read_bytes()))
    reader.daemon = True
    reader.start()
    try:
        write_events(sample, fifo)
        assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
        reader.join(60)
        assert got == [to_geojson(sample).encode("utf-8")]
    finally:  # a wrong writer leaves the reader waiting: release it
        while reader.is_alive():
            with contextlib.suppress(OSError):
                os.close(os.open(spare, os.O_WRONLY | os.O_NONBLOCK))
            reader.join(0.05)


def test_missing_directory(tmp_path, sample):
    with pytest.raises(OutputError, match="does not exist") as info:
        write_events(sample, tmp_path / "nope" / "x.geojson")
    assert "\n" not in str(info.value)


def test_path_is_a_directory(tmp_path, sample):
    (tmp_path / "d.geojson").mkdir()
    with pytest.raises(OutputError, match="cannot write"):
        write_events(sample, tmp_path / "d.geojson")


def test_parquet_without_pyarrow(tmp_path, sample, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import now fails
    path = tmp_path / "x.parquet"
    with pytest.raises(OutputError, match="pyarrow") as info:
        write_events(sample, path, format="parquet")
    assert "\n" not in str(info.value)
    assert list(tmp_path.iterdir()) == []  # nothing half-written left behind


def test_failed_write_keeps_the_old_file(tmp_path, sample, monkeypatch):
    path = tmp_path / "x.parquet"
    path.write_bytes(b"old")
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(OutputError):
        write_events(sample, path, format="parquet")
    assert path.read_bytes() == b"old"


def test_non_point_geometry_is_an_input_error(sample):
    bad = copy.deepcopy(sample[0])
    bad["geometry"] = {
        "type": "Polygon",
        "coordinates": [[[30, 50], [31, 50], [30, 50]]],
    }
    with pytest.raises(InputError):
        to_geojson([bad])


@pytest.mark.parametrize(
    "content",
    ["not json at all", '{"type":"FeatureCollection","features":[{"type":"Feature"}]}'],
)
def test_read_events_rejects_bad_files(tmp_path, content):
    path = tmp_path / "bad.geojson"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match="bad.geojson"):
        read_events(path)


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("a.geojson", "geojson"),
        ("a.GeoJSON", "geojson"),
        ("a.json", "geojson"),
        ("a.geojsonl", "geojsonl"),
        ("a.ndjson", "geojsonl"),
        ("a.geojsons", "geojsons"),
        ("a.csv", "csv"),
        ("a.gpkg", "gpkg"),
        ("a.parquet", "parquet"),
        ("a", "geojson"),
    ],
)
def test_format_for_path(name, fmt):
    assert format_for_path(name) == fmt


# ---------------------------------------------------------------- validation


def mutate(parsed: dict, fn) -> dict:
    obj = copy.deepcopy(parsed)
    fn(obj)
    return obj


def props0(obj):
    return obj["features"][0]["properties"]


def geom0(obj):
    return obj["features"][0]["geometry"]


INVALID = {
    "crs member": (
        lambda o: o.update(crs={"type": "name", "properties": {"name": "EPSG:4326"}}),
        "crs",
    ),
    "crs in feature": (lambda o: o["features"][0].update(crs={}), "crs"),
    "not a collection": (lambda o: o.update(type="Feature"), "FeatureCollection"),
    "features not a list": (lambda o: o.update(features={}), "not a list"),
    "feature type": (lambda o: o["features"][0].update(type="feature"), "'Feature'"),
    "swapped lon/lat": (
        lambda o: geom0(o).update(coordinates=[49.98177, 36.25475]),
        "swapped",
    ),
    "lat out of range": (lambda o: geom0(o).update(coordinates=[30.5, 55.0]), "lat 55"),
    "lon out of range": (lambda o: geom0(o).update(coordinates=[10.0, 50.0]), "lon 10"),
    "three coordinates": (
        lambda o: geom0(o).update(coordinates=[30.5, 50.4, 100.0]),
        "pair",
    ),
    "nan coordinate": (
        lambda o: geom0(o).update(coordinates=[float("nan"), 50.4]),
        "finite",
    ),
    "string coordinate": (
        lambda o: geom0(o).update(coordinates=["30.5", 50.4]),
        "finite",
    ),
    "bool coordinate": (lambda o: geom0(o).update(coordinates=[True, 50.4]), "finite"),
    "polygon": (lambda o: geom0(o).update(type="Polygon"), "Point"),
    "null geometry": (lambda o: o["features"][0].update(geometry=None), "geometry"),
    "missing property": (lambda o: props0(o).pop("killed"), "missing killed"),
    "no properties": (lambda o: o["features"][0].update(properties=None), "properties"),
    "bad month": (lambda o: props0(o).update(date="2026-13-01"), "ISO date"),
    "us date": (lambda o: props0(o).update(date="01/12/2026"), "ISO date"),
    "datetime": (lambda o: props0(o).update(date="2026-01-12T10:00:00"), "ISO date"),
    "negative killed": (lambda o: props0(o).update(killed=-1), "killed"),
    "string injured": (lambda o: props0(o).update(injured="3"), "injured"),
    "float killed": (lambda o: props0(o).update(killed=2.0), "killed"),
    "bool killed": (lambda o: props0(o).update(killed=True), "killed"),
    "unknown weapon": (lambda o: props0(o).update(weapons=["laser"]), "laser"),
    "unsorted weapons": (
        lambda o: props0(o).update(weapons=["missile", "drone"]),
        "sorted",
    ),
    "weapons not list": (lambda o: props0(o).update(weapons="drone"), "list"),
    "unknown target": (lambda o: props0(o).update(targets=["zoo"]), "zoo"),
    "bad id": (lambda o: props0(o).update(id="XYZ"), "hex"),
    "bad admin1_code": (lambda o: props0(o).update(admin1_code="63"), "UA-NN"),
    "bad kind": (lambda o: props0(o).update(kind="city"), "kind"),
    "bad precision": (lambda o: props0(o).update(precision="exact"), "precision"),
    "bad date_precision": (
        lambda o: props0(o).update(date_precision="year"),
        "date_precision",
    ),
    "empty place": (lambda o: props0(o).update(place=""), "place"),
    "launched not object": (lambda o: props0(o).update(launched=[]), "launched"),
    "launched bad count": (
        lambda o: props0(o).update(launched={"drone": "many"}),
        "launched",
    ),
    "sources not list": (lambda o: props0(o).update(sources={}), "sources"),
    "source without article": (
        lambda o: props0(o).update(sources=[{"url": "u"}]),
        "article",
    ),
    "source bad published": (
        lambda o: props0(o).update(sources=[{"article": "a", "published": "today"}]),
        "published",
    ),
    "note not text": (lambda o: props0(o).update(note=5), "note"),
}


@pytest.mark.parametrize("case", sorted(INVALID))
def test_validate_reports_problems(parsed, case):
    fn, needle = INVALID[case]
    problems = validate_geojson(mutate(parsed, fn))
    assert problems, case
    assert any(needle in p for p in problems), problems


@pytest.mark.parametrize("obj", [None, [], "text", 3])
def test_validate_non_objects(obj):
    assert validate_geojson(obj) == ["top level: not a JSON object"]


def test_validate_allows_extras_and_bbox(parsed):
    obj = mutate(parsed, lambda o: o.update(bbox=[22.0, 44.0, 40.5, 52.5]))
    props0(obj)["confidence"] = 0.5
    assert validate_geojson(obj) == []


def test_validate_names_the_feature(parsed):
    obj = mutate(parsed, lambda o: o["features"][3]["properties"].update(date="x"))
    assert validate_geojson(obj) == [
        "features[3].properties.date: 'x' is not an ISO date (YYYY-MM-DD)"
    ]


def test_normalized_events_are_not_normalised_again(tmp_path, sample, text):
    from geo.events.records import Normalized

    once = normalize_features(sample)
    assert isinstance(once, Normalized)
    assert normalize_features(once) == once
    assert to_geojson(once) == text
    for fmt in ("geojson", "csv"):
        write_events(once, tmp_path / f"a.{fmt}", fmt)
        write_events(sample, tmp_path / f"b.{fmt}", fmt)
        assert (tmp_path / f"a.{fmt}").read_bytes() == (
            tmp_path / f"b.{fmt}"
        ).read_bytes()
    a = events_to_frame(once)
    b = events_to_frame(list(once))  # normalised again
    assert a.geometry.geom_equals(b.geometry).all()
    pd.testing.assert_frame_equal(
        a.drop(columns="geometry"), b.drop(columns="geometry")
    )
    # a subset or reordering stays normalised; sorting is restored on output
    part = Normalized(reversed(once[:3]))
    assert to_geojson(part) == to_geojson(list(once[:3]))
