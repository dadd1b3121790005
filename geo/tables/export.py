"""Write merged events as GeoJSON (RFC 7946), text sequences, CSV, GPKG, GeoParquet.

GeoJSON is written by hand from the feature dicts (not via
``GeoDataFrame.to_json``) so that the bytes depend only on the events, never
on library versions:

* a FeatureCollection with no ``crs`` member (RFC 7946 section 4: WGS84 lon/lat);
* one compact feature per line (``separators=(",", ":")``,
  ``ensure_ascii=False``), so the file is small yet diffs line by line::

      {"type":"FeatureCollection","features":[
      {"type":"Feature","geometry":{...},"properties":{...}},
      {"type":"Feature","geometry":{...},"properties":{...}}
      ]}

* coordinates ``[lon, lat]`` rounded to 6 decimals (about 0.1 m);
* properties in schema order (:data:`geo.tables.frames.PROPERTIES`), values
  normalised by :func:`geo.tables.frames.normalize_properties`; other properties
  (such as the frame's join columns) are not written;
* features sorted by (date, nulls last; admin1_code; place; id);
* UTF-8, ending with a newline.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from gazetteer.exc import InputError, OutputError

from .frames import (
    _ISO_DAY,
    DATE_PRECISIONS,
    EVENT_KINDS,
    PRECISIONS,
    PROPERTIES,
    TARGETS,
    WEAPONS,
    Normalized,
    _iter_features,
    frame_to_features,
    normalize_properties,
)
from .output import open_output, output_path, write_text

__all__ = [
    "CSV_GEOMETRY_COLUMNS",
    "FILE_ONLY_FORMATS",
    "FORMATS",
    "LON_RANGE",
    "LAT_RANGE",
    "normalize_features",
    "to_geojson",
    "write_events",
    "read_events",
    "format_for_path",
    "validate_geojson",
]

#: Output formats of :func:`write_events` and their usual file suffixes.
FORMATS: dict[str, str] = {
    "geojson": ".geojson",
    "geojsonl": ".geojsonl",
    "geojsons": ".geojsons",
    "csv": ".csv",
    "gpkg": ".gpkg",
    "parquet": ".parquet",
}

#: Formats that need a regular (seekable) file: never a FIFO, a device or stdout.
FILE_ONLY_FORMATS: frozenset[str] = frozenset({"gpkg", "parquet"})

#: Columns the CSV adds after the properties: the point as numbers and as WKT.
CSV_GEOMETRY_COLUMNS: tuple[str, ...] = ("lon", "lat", "WKT")

#: Lon/lat bounds (Ukraine with a margin) that :func:`validate_geojson` accepts.
LON_RANGE: tuple[float, float] = (22.0, 40.5)
LAT_RANGE: tuple[float, float] = (44.0, 52.5)

_DECIMALS = 6
_RS = "\x1e"  # RFC 8142 record separator
_JSON_COLUMNS = ("weapons", "launched", "targets", "sources")
_COUNT_COLUMNS = ("killed", "injured")
_ID = re.compile(r"[0-9a-f]{16}")
_ADMIN1_CODE = re.compile(r"UA-\d{2}")


# one encoder for every feature (json.dumps with options makes one per call)
_dumps = json.JSONEncoder(
    ensure_ascii=False, sort_keys=False, separators=(",", ":"), allow_nan=False
).encode


def _coordinate(value: float) -> float:
    value = round(float(value), _DECIMALS)
    return value + 0.0  # turns -0.0 into 0.0


def _sort_key(feature: Mapping[str, Any]) -> tuple[bool, str, str, str, str]:
    p = feature["properties"]
    return (p["date"] is None, p["date"] or "", p["admin1_code"], p["place"], p["id"])


def normalize_features(events: Any) -> Normalized:
    """Return the events as normalised, sorted GeoJSON Feature dicts.

    Parameters
    ----------
    events : iterable of dict or geopandas.GeoDataFrame
        Merged events as Features, or an event frame.

    Returns
    -------
    Normalized
        A list of ``{"type", "geometry", "properties"}`` per event: geometry a
        Point with ``[lon, lat]`` rounded to 6 decimals (or ``None``),
        properties in schema order; sorted by (date with nulls last,
        admin1_code, place, id).  Passed back to this module's writers or to
        :func:`geo.tables.frames.events_to_frame`, it is not normalised again.

    Raises
    ------
    gazetteer.exc.InputError
        When a geometry is not a Point.
    """
    if isinstance(events, Normalized):
        return Normalized(sorted(events, key=_sort_key))
    if isinstance(events, pd.DataFrame):
        events = frame_to_features(events)
    out = []
    for feature in _iter_features(events):
        props = normalize_properties(feature.get("properties") or {})
        geom = feature.get("geometry")
        if hasattr(geom, "geom_type"):
            geom = None if geom.is_empty else geom.__geo_interface__
        if geom is not None:
            if geom.get("type") != "Point" or len(geom.get("coordinates") or ()) < 2:
                raise InputError(
                    f"event {props['id'] or '?'}", "geometry is not a Point"
                )
            lon, lat = geom["coordinates"][:2]
            geom = {
                "type": "Point",
                "coordinates": [_coordinate(lon), _coordinate(lat)],
            }
        out.append({"type": "Feature", "geometry": geom, "properties": props})
    return Normalized(sorted(out, key=_sort_key))


def to_geojson(events: Any) -> str:
    """Serialise events as deterministic RFC 7946 GeoJSON text.

    Parameters
    ----------
    events : iterable of dict or geopandas.GeoDataFrame
        Merged events as Features, or an event frame.

    Returns
    -------
    str
        A FeatureCollection, one compact feature per line (see the module
        docstring for the exact layout); the same events always give the same
        text, whatever their input order.
    """
    features = normalize_features(events)
    if not features:
        return '{"type":"FeatureCollection","features":[]}\n'
    body = ",\n".join(_dumps(f) for f in features)
    return '{"type":"FeatureCollection","features":[\n' + body + "\n]}\n"


def _write_stream(features: list[dict[str, Any]], fh: Any, fmt: str) -> None:
    """Write normalized features as ``geojson``, ``geojsonl`` or ``geojsons``.

    The ``geojson`` layout is byte for byte the text of :func:`to_geojson`.
    """
    if fmt == "geojson":
        if not features:
            fh.write('{"type":"FeatureCollection","features":[]}\n')
            return
        fh.write('{"type":"FeatureCollection","features":[\n')
        for i, f in enumerate(features):
            if i:
                fh.write(",\n")
            fh.write(_dumps(f))
        fh.write("\n]}\n")
        return
    separator = _RS if fmt == "geojsons" else ""
    for f in features:
        fh.write(f"{separator}{_dumps(f)}\n")


def _wkt(geometry: Mapping[str, Any] | None) -> str:
    if not geometry:
        return ""
    lon, lat = geometry["coordinates"][:2]
    return f"POINT ({lon!r} {lat!r})"


def _csv(features: list[dict[str, Any]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([*PROPERTIES, *CSV_GEOMETRY_COLUMNS])
    for f in features:
        p = f["properties"]
        row: list[Any] = []
        for key in PROPERTIES:
            value = p[key]
            if key in ("weapons", "targets"):
                value = ";".join(value)
            elif key in ("launched", "sources"):
                value = _dumps(value)
            row.append("" if value is None else value)
        coords = f["geometry"]["coordinates"] if f["geometry"] else ["", ""]
        writer.writerow([*row, *coords, _wkt(f["geometry"])])
    return buf.getvalue()


def _day(value: str | None, ident: str) -> Any:
    """An event date as ``numpy.datetime64[D]`` (``NaT`` for null)."""
    if value is None:
        return np.datetime64("NaT", "D")
    try:
        return np.datetime64(dt.date.fromisoformat(value), "D")
    except ValueError:
        raise InputError(
            f"event {ident}", f"date {value!r} is not an ISO date"
        ) from None


def _columns(features: list[dict[str, Any]]) -> dict[str, Any]:
    """The property columns of GPKG and GeoParquet, as numpy arrays.

    ``date`` is ``datetime64[D]``; ``killed``/``injured`` are ``int64`` with a
    mask of nulls (returned under ``"<name>_mask"``); nested values are JSON
    text; other text is ``object`` with ``None`` for null.
    """
    cols: dict[str, Any] = {}
    for key in PROPERTIES:
        values = [f["properties"][key] for f in features]
        if key == "date":
            ids = [f["properties"]["id"] for f in features]
            cols[key] = np.array(
                [_day(v, i) for v, i in zip(values, ids, strict=True)],
                dtype="datetime64[D]",
            )
        elif key in _COUNT_COLUMNS:
            cols[f"{key}_mask"] = np.array([v is None for v in values], dtype=bool)
            cols[key] = np.array([0 if v is None else v for v in values], dtype="int64")
        else:
            if key in _JSON_COLUMNS:
                values = [_dumps(v) for v in values]
            cols[key] = np.array(values, dtype=object)
    return cols


def _points(features: list[dict[str, Any]]) -> Any:
    """The events' points as an object array of shapely Points (``None`` if none)."""
    out = np.full(len(features), None, dtype=object)
    have = np.array([f["geometry"] is not None for f in features], dtype=bool)
    if have.any():
        xy = [f["geometry"]["coordinates"][:2] for f in features if f["geometry"]]
        out[have] = shapely.points(np.array(xy, dtype=float))
    return out


def _write_gpkg(features: list[dict[str, Any]], path: Path) -> None:
    """Layer ``events``: ``date`` a GeoPackage DATE, counts nullable INTEGER."""
    import pyogrio.raw

    cols = _columns(features)
    geometry = shapely.to_wkb(_points(features))
    pyogrio.raw.write(
        os.fspath(path),
        geometry,
        [cols[k] for k in PROPERTIES],
        list(PROPERTIES),
        field_mask=[cols.get(f"{k}_mask") for k in PROPERTIES],
        layer="events",
        driver="GPKG",
        geometry_type="Point",
        crs="EPSG:4326",
        encoding="UTF-8",
    )


def _write_parquet(features: list[dict[str, Any]], path: Path) -> None:
    """GeoParquet: ``date`` an Arrow date32, counts nullable int64."""
    try:
        import pyarrow as pa
    except ImportError as exc:
        raise OutputError(
            "writing GeoParquet needs pyarrow: pip install 'strikemap[parquet]'"
        ) from exc
    cols = _columns(features)
    data: dict[str, Any] = {}
    for key in PROPERTIES:
        if key == "date":
            data[key] = pd.Series(
                pa.array(cols[key], type=pa.date32()), dtype=pd.ArrowDtype(pa.date32())
            )
        elif key in _COUNT_COLUMNS:
            data[key] = pd.arrays.IntegerArray(cols[key], cols[f"{key}_mask"])
        else:
            data[key] = pd.Series(cols[key], dtype=object)
    points = gpd.GeoSeries(_points(features), crs="EPSG:4326")
    gpd.GeoDataFrame(data, geometry=points).to_parquet(path, index=False)


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return " ".join(text.split())


def format_for_path(path: str | os.PathLike[str]) -> str:
    """Guess the output format from a file suffix.

    Parameters
    ----------
    path : path
        The output file name.

    Returns
    -------
    str
        One of :data:`FORMATS` (``.json`` counts as geojson, ``.ndjson``
        and ``.geojsonseq`` as geojsonl); ``"geojson"`` for unknown suffixes.
    """
    suffix = Path(path).suffix.lower()
    aliases = {".json": "geojson", ".ndjson": "geojsonl", ".geojsonseq": "geojsonl"}
    by_suffix = {v: k for k, v in FORMATS.items()}
    return by_suffix.get(suffix) or aliases.get(suffix, "geojson")


def write_events(
    events: Any,
    path: str | os.PathLike[str],
    format: str = "geojson",  # noqa: A002 - the name the CLI option uses
) -> None:
    """Write events to a file, a FIFO, a device or standard output.

    Parameters
    ----------
    events : iterable of dict or geopandas.GeoDataFrame
        Merged events as Features, or an event frame.
    path : path or ``"-"``
        The output, written with :mod:`geo.tables.output`: a regular file (or
        nothing) is replaced atomically, so a failed write never leaves a
        half-written file; a symlink is written through to its target; a
        FIFO, a character device or ``"-"`` (standard output) is streamed
        into, except for ``gpkg`` and ``parquet``
        (:data:`FILE_ONLY_FORMATS`), which need a regular file.  Its folder
        must exist.
    format : str
        ``"geojson"`` (:func:`to_geojson`); ``"geojsonl"`` (newline-delimited
        features, one per line); ``"geojsons"`` (RFC 8142 text sequence: each
        feature preceded by the record separator U+001E); ``"csv"`` (schema
        columns, then ``lon``, ``lat`` and ``WKT`` (``POINT (lon lat)``, a
        column GDAL's CSV driver reads as the geometry, so
        ``geopandas.read_file`` needs no options; a CSV has no CRS: the
        coordinates are WGS84, EPSG:4326); ``weapons``/``targets`` joined with
        ``;``; ``launched`` and ``sources`` as JSON text; empty cells for
        nulls); ``"gpkg"`` (layer ``events``; ``date`` a GeoPackage ``DATE``,
        ``killed``/``injured`` ``INTEGER`` with ``NULL`` where not stated;
        ``weapons``, ``targets``, ``launched``, ``sources`` as JSON text);
        ``"parquet"`` (GeoParquet, the same columns as gpkg, ``date`` an Arrow
        ``date32``, counts nullable ``int64``; needs pyarrow).  Every format
        lists the events in the order of :func:`to_geojson`.

    Raises
    ------
    gazetteer.exc.OutputError
        With a one-line message, for an unknown format, a missing folder,
        missing pyarrow, a path that cannot take the format, or any failure
        while writing.
    """
    fmt = format.lower()
    if fmt not in FORMATS:
        known = ", ".join(FORMATS)
        raise OutputError(f"unknown output format {format!r} (known: {known})")
    if fmt == "parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError as exc:
            raise OutputError(
                "writing GeoParquet needs pyarrow: pip install 'strikemap[parquet]'"
            ) from exc
    target = os.fspath(path)
    features = normalize_features(events)
    try:
        if fmt in FILE_ONLY_FORMATS:
            what = "GeoPackage" if fmt == "gpkg" else "GeoParquet"
            with output_path(target, what=what) as staged:
                if fmt == "gpkg":
                    _write_gpkg(features, staged)
                else:
                    _write_parquet(features, staged)
        elif fmt == "csv":
            write_text(target, _csv(features))
        else:
            # written feature by feature: a large run never holds the text
            with open_output(target, "w") as fh:
                _write_stream(features, fh, fmt)
    except OutputError:
        raise
    except Exception as exc:  # pyogrio, pyarrow and encoding errors alike
        shown = target if target.isprintable() else repr(target)
        raise OutputError(f"cannot write {shown}: {_one_line(exc)}") from exc


def read_events(path: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """Read events written as geojson, geojsonl or geojsons.

    Parameters
    ----------
    path : path
        A file written by :func:`write_events` in a GeoJSON format.

    Returns
    -------
    list of dict
        The Features, normalised and sorted like :func:`normalize_features`.

    Raises
    ------
    gazetteer.exc.InputError
        When the file cannot be read or is not valid event GeoJSON (the reason
        names the first problem :func:`validate_geojson` finds).
    """
    source = os.fspath(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(source, _one_line(exc)) from exc
    try:
        obj = json.loads(text)
    except ValueError:
        try:
            records = [json.loads(r) for r in re.split(r"[\x1e\n]", text) if r.strip()]
        except ValueError as exc:
            raise InputError(source, f"not GeoJSON: {_one_line(exc)}") from exc
        obj = {"type": "FeatureCollection", "features": records}
    if isinstance(obj, dict) and obj.get("type") == "Feature":
        obj = {"type": "FeatureCollection", "features": [obj]}
    problems = validate_geojson(obj)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise InputError(source, problems[0] + more)
    return normalize_features(obj["features"])


# --------------------------------------------------------------------------
# validation
# --------------------------------------------------------------------------


def _is_number(value: Any) -> bool:
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
    )


def _is_count(value: Any) -> bool:
    return value is None or (
        isinstance(value, int) and not isinstance(value, bool) and value >= 0
    )


def _is_iso_date(value: Any) -> bool:
    if not isinstance(value, str) or not _ISO_DAY.fullmatch(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _check_geometry(geom: Any, where: str) -> list[str]:
    if not isinstance(geom, dict):
        return [f"{where}.geometry: not an object"]
    if geom.get("type") != "Point":
        return [f"{where}.geometry: type is {geom.get('type')!r}, not 'Point'"]
    coords = geom.get("coordinates")
    if not isinstance(coords, list) or len(coords) != 2:
        return [f"{where}.geometry.coordinates: not a [lon, lat] pair"]
    if not all(_is_number(c) for c in coords):
        return [f"{where}.geometry.coordinates: not two finite numbers"]
    lon, lat = coords
    problems = []
    if not LON_RANGE[0] <= lon <= LON_RANGE[1]:
        problems.append(f"{where}: lon {lon} outside [{LON_RANGE[0]}, {LON_RANGE[1]}]")
    if not LAT_RANGE[0] <= lat <= LAT_RANGE[1]:
        problems.append(f"{where}: lat {lat} outside [{LAT_RANGE[0]}, {LAT_RANGE[1]}]")
    if (
        problems
        and LON_RANGE[0] <= lat <= LON_RANGE[1]
        and LAT_RANGE[0] <= lon <= LAT_RANGE[1]
    ):
        problems.append(f"{where}: coordinates look swapped; GeoJSON is [lon, lat]")
    return problems


def _check_vocabulary(value: Any, vocab: frozenset[str], where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return [f"{where}: not a list of strings"]
    problems = [f"{where}: unknown value {v!r}" for v in value if v not in vocab]
    if value != sorted(set(value)):
        problems.append(f"{where}: not sorted and unique")
    return problems


def _check_source(src: Any, where: str) -> list[str]:
    if not isinstance(src, dict):
        return [f"{where}: not an object"]
    problems = []
    if not isinstance(src.get("article"), str) or not src.get("article"):
        problems.append(f"{where}.article: not a non-empty string")
    if src.get("url") is not None and not isinstance(src["url"], str):
        problems.append(f"{where}.url: not a string or null")
    if src.get("published") is not None and not _is_iso_date(src["published"]):
        problems.append(f"{where}.published: not an ISO date or null")
    evidence = src.get("evidence")
    if not (
        evidence is None
        or isinstance(evidence, str)
        or (isinstance(evidence, list) and all(isinstance(e, str) for e in evidence))
    ):
        problems.append(f"{where}.evidence: not text")
    for key in ("killed", "injured"):
        if not _is_count(src.get(key)):
            problems.append(f"{where}.{key}: not a non-negative integer or null")
    return problems


def _check_properties(props: Any, where: str) -> list[str]:
    if not isinstance(props, dict):
        return [f"{where}.properties: not an object"]
    missing = [k for k in PROPERTIES if k not in props]
    if missing:
        return [f"{where}.properties: missing {', '.join(missing)}"]
    w = f"{where}.properties"
    problems = []
    if not isinstance(props["id"], str) or not _ID.fullmatch(props["id"]):
        problems.append(f"{w}.id: not 16 lowercase hex digits")
    if props["date"] is not None and not _is_iso_date(props["date"]):
        problems.append(f"{w}.date: {props['date']!r} is not an ISO date (YYYY-MM-DD)")
    for key, vocab in (
        ("date_precision", DATE_PRECISIONS),
        ("kind", EVENT_KINDS),
        ("precision", PRECISIONS),
    ):
        if props[key] not in vocab:
            problems.append(f"{w}.{key}: {props[key]!r} not one of {sorted(vocab)}")
    for key in ("place", "admin1"):
        if not isinstance(props[key], str) or not props[key]:
            problems.append(f"{w}.{key}: not a non-empty string")
    if not isinstance(props["place_uk"], str):
        problems.append(f"{w}.place_uk: not a string")
    code = props["admin1_code"]
    if not isinstance(code, str) or not _ADMIN1_CODE.fullmatch(code):
        problems.append(f"{w}.admin1_code: {code!r} is not an ISO 3166-2 code UA-NN")
    for key in ("admin2", "note"):
        if props[key] is not None and not isinstance(props[key], str):
            problems.append(f"{w}.{key}: not a string or null")
    for key in ("killed", "injured"):
        if not _is_count(props[key]):
            problems.append(f"{w}.{key}: not a non-negative integer or null")
    problems += _check_vocabulary(props["weapons"], WEAPONS, f"{w}.weapons")
    problems += _check_vocabulary(props["targets"], TARGETS, f"{w}.targets")
    launched = props["launched"]
    if not isinstance(launched, dict):
        problems.append(f"{w}.launched: not an object")
    else:
        for weapon, n in launched.items():
            if weapon not in WEAPONS or not _is_count(n) or n is None:
                problems.append(f"{w}.launched: bad entry {weapon!r}: {n!r}")
    sources = props["sources"]
    if not isinstance(sources, list):
        problems.append(f"{w}.sources: not a list")
    else:
        for j, src in enumerate(sources):
            problems += _check_source(src, f"{w}.sources[{j}]")
    return problems


def validate_geojson(obj: Any) -> list[str]:
    """Check event GeoJSON against RFC 7946 and the event schema.

    Parameters
    ----------
    obj : dict
        Parsed GeoJSON (``json.loads`` of :func:`to_geojson` output).

    Returns
    -------
    list of str
        One message per problem, each naming where (``features[3].properties
        .date: ...``); empty when valid.  Checked: a FeatureCollection with a
        ``features`` list and no ``crs`` member anywhere; each feature of type
        Feature with a Point geometry of exactly two finite numbers, lon in
        [22, 40.5] and lat in [44, 52.5] (Ukraine; a swapped pair is named as
        such); every schema property present, with the schema's type
        (``id`` 16 hex digits, ``date`` ISO or null, vocabularies for
        date_precision, kind, precision, weapons, targets, launched, sorted
        lists, counts non-negative ints or null, sources with an article).
        Extra properties are allowed.
    """
    if not isinstance(obj, dict):
        return ["top level: not a JSON object"]
    problems = []
    if obj.get("type") != "FeatureCollection":
        problems.append(
            f"top level: type is {obj.get('type')!r}, not 'FeatureCollection'"
        )
    if "crs" in obj:
        problems.append("top level: has a 'crs' member (RFC 7946 forbids it)")
    features = obj.get("features")
    if not isinstance(features, list):
        return [*problems, "top level: 'features' is not a list"]
    for i, feature in enumerate(features):
        where = f"features[{i}]"
        if not isinstance(feature, dict):
            problems.append(f"{where}: not an object")
            continue
        if feature.get("type") != "Feature":
            problems.append(f"{where}: type is {feature.get('type')!r}, not 'Feature'")
        if "crs" in feature:
            problems.append(f"{where}: has a 'crs' member (RFC 7946 forbids it)")
        problems += _check_geometry(feature.get("geometry"), where)
        problems += _check_properties(feature.get("properties"), where)
    return problems
