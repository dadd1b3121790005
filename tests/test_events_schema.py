"""The JSON Schema of events.geojson: shipped, used to validate, met by the pipeline."""

from __future__ import annotations

import copy
import json
from importlib import resources

import pytest

from geo import run
from geo.events import schema as schema_module
from geo.events.schema import check_feature, validate_geojson
from geo.events.vocab import (
    DATE_PRECISIONS,
    EVENT_KINDS,
    PRECISIONS,
    PROPERTIES,
    TARGETS,
    WEAPONS,
    label,
    labels,
    schema,
)
from geo.tables.export import to_geojson


@pytest.fixture(scope="module")
def written(data_dir, seeds_dir) -> dict:
    """events.geojson as strikemap writes it for our articles and the seeds."""
    features = run([data_dir / "articles", seeds_dir], jobs=1).features
    assert len(features) >= 10
    return json.loads(to_geojson(features))


def schema_file() -> dict:
    path = resources.files("geo.events").joinpath("data", "events.schema.json")
    return json.loads(path.read_text("utf-8"))


# ---------------------------------------------------------------- the file


def test_the_schema_ships_with_the_package_and_is_the_one_read():
    assert schema() == schema_file()
    assert schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_the_vocabularies_come_from_the_schema():
    defs = schema_file()["$defs"]
    props = defs["properties"]["properties"]
    assert PROPERTIES == tuple(props) == tuple(defs["properties"]["required"])
    assert WEAPONS == tuple(defs["weapon"]["enum"])
    assert TARGETS == tuple(defs["target"]["enum"])
    assert EVENT_KINDS == tuple(props["kind"]["enum"])
    assert PRECISIONS == ("settlement", "district", "raion", "oblast")
    assert DATE_PRECISIONS == ("day", "week", "month", "unknown")


def test_every_code_has_words():
    assert set(labels("weapons")) == set(WEAPONS)
    assert set(labels("targets")) == set(TARGETS)
    assert label("glide_bomb") == "glide bomb"
    assert label("not_a_code") == "not a code"


def test_the_checker_refuses_keywords_it_does_not_check():
    with pytest.raises(ValueError, match="unsupported keywords"):
        schema_module._compile({"oneOf": [{"type": "string"}]}, {})
    with pytest.raises(ValueError, match="format"):
        schema_module._compile({"format": "email"}, {})


# ---------------------------------------------------------------- pipeline output


def test_every_feature_the_pipeline_writes_validates(written):
    assert validate_geojson(written) == []
    for feature in written["features"]:
        assert check_feature(feature) == []


def test_jsonschema_agrees_on_what_the_pipeline_writes(written):
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator
    validator.check_schema(schema_file())
    checker = validator(schema_file(), format_checker=validator.FORMAT_CHECKER)
    assert list(checker.iter_errors(written)) == []


# ---------------------------------------------------------------- broken files


def first(obj: dict) -> dict:
    return obj["features"][0]


BROKEN = {
    "crs member": (lambda o: o.update(crs={}), "top level: has a 'crs' member"),
    "no features": (lambda o: o.pop("features"), "top level: missing features"),
    "feature type": (
        lambda o: first(o).update(type="feature"),
        "features[0]: type is 'feature', not 'Feature'",
    ),
    "null geometry": (
        lambda o: first(o).update(geometry=None),
        "features[0].geometry: not a JSON object",
    ),
    "three coordinates": (
        lambda o: first(o)["geometry"]["coordinates"].append(0.0),
        "coordinates: not a [lon, lat] pair",
    ),
    "lat out of range": (
        lambda o: first(o)["geometry"].update(coordinates=[30.5, 55.0]),
        "coordinates[1]: lat 55.0 outside [44.0, 52.5]",
    ),
    "string coordinate": (
        lambda o: first(o)["geometry"].update(coordinates=["30.5", 50.0]),
        "coordinates[0]: not a finite number",
    ),
    "missing property": (
        lambda o: first(o)["properties"].pop("targets"),
        "features[0].properties: missing targets",
    ),
    "bad id": (
        lambda o: first(o)["properties"].update(id="ABC"),
        "properties.id: 'ABC' is not 16 lowercase hex digits",
    ),
    "not a calendar day": (
        lambda o: first(o)["properties"].update(date="2026-02-29"),
        "properties.date: '2026-02-29' is not an ISO date (YYYY-MM-DD)",
    ),
    "unknown kind": (
        lambda o: first(o)["properties"].update(kind="city"),
        "properties.kind: 'city' not one of",
    ),
    "empty place": (
        lambda o: first(o)["properties"].update(place=""),
        "properties.place: empty",
    ),
    "bad admin1_code": (
        lambda o: first(o)["properties"].update(admin1_code="63"),
        "'63' is not an ISO 3166-2 code UA-NN",
    ),
    "float count": (
        lambda o: first(o)["properties"].update(killed=2.5),
        "properties.killed: not an integer or null",
    ),
    "launched unknown weapon": (
        lambda o: first(o)["properties"].update(launched={"laser": 2}),
        "properties.launched: 'laser' not one of",
    ),
    "launched negative": (
        lambda o: first(o)["properties"].update(launched={"drone": -2}),
        "properties.launched.drone: -2 is below the minimum 0",
    ),
    "repeated weapon": (
        lambda o: first(o)["properties"].update(weapons=["drone", "drone"]),
        "properties.weapons: has repeated items",
    ),
    "source published": (
        lambda o: first(o)["properties"]["sources"][0].update(published="today"),
        "sources[0].published: 'today' is not an ISO date",
    ),
    "note not text": (
        lambda o: first(o)["properties"].update(note=5),
        "properties.note: not a string or null",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_files_do_not_validate(written, case):
    change, needle = BROKEN[case]
    obj = copy.deepcopy(written)
    change(obj)
    problems = validate_geojson(obj)
    assert problems, case
    assert any(needle in p for p in problems), problems
    assert all("\n" not in p for p in problems)


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_jsonschema_agrees_on_broken_files(written, case):
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator
    checker = validator(schema_file(), format_checker=validator.FORMAT_CHECKER)
    obj = copy.deepcopy(written)
    BROKEN[case][0](obj)
    assert list(checker.iter_errors(obj)), case


@pytest.mark.parametrize(
    ("change", "needle"),
    [
        (
            lambda p: p.update(weapons=sorted(WEAPONS, reverse=True)),
            "weapons: not sorted",
        ),
        (lambda p: p.update(targets=["residential", "energy"]), "targets: not sorted"),
    ],
)
def test_rules_beyond_the_schema(written, change, needle):
    obj = copy.deepcopy(written)
    change(first(obj)["properties"])
    assert any(needle in p for p in validate_geojson(obj))


def test_a_swapped_point_is_named_as_such(written):
    obj = copy.deepcopy(written)
    lon, lat = first(obj)["geometry"]["coordinates"]
    first(obj)["geometry"]["coordinates"] = [lat, lon]
    problems = validate_geojson(obj)
    assert "features[0]: coordinates look swapped; GeoJSON is [lon, lat]" in problems


def test_problems_of_one_feature_come_together(written):
    obj = copy.deepcopy(written)
    first(obj)["properties"].update(killed=-1, targets=["zoo", "art"])
    obj["features"][1]["properties"]["note"] = 1
    problems = validate_geojson(obj)
    at = [p.split(":")[0].split(".")[0] for p in problems]
    assert at == sorted(at, key=lambda w: int(w[len("features[") : -1]))
