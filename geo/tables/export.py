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
* each event as its record gives it (:meth:`geo.events.records.Event.to_feature`):
  properties in schema order (:data:`geo.events.vocab.PROPERTIES`); other
  properties (such as the frame's join columns) are not written;
* features sorted by (date, nulls last; admin1_code; place; id);
* UTF-8, ending with a newline.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from gazetteer.exc import InputError, OutputError
from geo.events.coerce import coerce_feature
from geo.events.files import load_events
from geo.events.records import Normalized
from geo.events.vocab import PROPERTIES

from .features import is_frame, iter_features
from .output import open_output, output_path, write_text

__all__ = [
    "CSV_GEOMETRY_COLUMNS",
    "FILE_ONLY_FORMATS",
    "FORMATS",
    "normalize_features",
    "to_geojson",
    "write_events",
    "read_events",
    "format_for_path",
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

_RS = "\x1e"  # RFC 8142 record separator
_JSON_COLUMNS = ("weapons", "launched", "targets", "sources")
_COUNT_COLUMNS = ("killed", "injured")


# one encoder for every feature (json.dumps with options makes one per call)
_dumps = json.JSONEncoder(
    ensure_ascii=False, sort_keys=False, separators=(",", ":"), allow_nan=False
).encode


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
        :meth:`~geo.events.records.Event.to_feature` of each event (read with
        :func:`geo.events.coerce.coerce_feature` unless they are
        :class:`~geo.events.records.Normalized` already): geometry a Point
        with ``[lon, lat]`` rounded to 6 decimals (or ``None``), properties in
        schema order; sorted by (date with nulls last, admin1_code, place,
        id).  Passed back to this module's writers or to
        :func:`geo.tables.frames.events_to_frame`, it is not read again.

    Raises
    ------
    gazetteer.exc.InputError
        When a geometry is not a Point, or a value cannot be read.
    """
    if is_frame(events):
        from .frames import frame_to_features  # pandas only for a frame

        events = frame_to_features(events)
    if not isinstance(events, Normalized):
        events = (coerce_feature(f).to_feature() for f in iter_features(events))
    return Normalized(sorted(events, key=_sort_key))


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
    import numpy as np

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
    import numpy as np

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
    import numpy as np
    import shapely

    out = np.full(len(features), None, dtype=object)
    have = np.array([f["geometry"] is not None for f in features], dtype=bool)
    if have.any():
        xy = [f["geometry"]["coordinates"][:2] for f in features if f["geometry"]]
        out[have] = shapely.points(np.array(xy, dtype=float))
    return out


def _write_gpkg(features: list[dict[str, Any]], path: Path) -> None:
    """Layer ``events``: ``date`` a GeoPackage DATE, counts nullable INTEGER."""
    import pyogrio.raw
    import shapely

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
    import geopandas as gpd
    import pandas as pd

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


def read_events(path: str | os.PathLike[str]) -> Normalized:
    """Read events written as geojson, geojsonl or geojsons.

    Parameters
    ----------
    path : path
        A file written by :func:`write_events` in a GeoJSON format.

    Returns
    -------
    Normalized
        The Features, sorted like :func:`normalize_features`
        (:func:`geo.events.files.load_events`, then
        :meth:`~geo.events.records.Event.to_feature`).

    Raises
    ------
    gazetteer.exc.InputError
        When the file cannot be read or is not valid event GeoJSON (the reason
        names the first problem :func:`geo.events.schema.validate_geojson`
        finds).
    """
    return Normalized(
        sorted((e.to_feature() for e in load_events(path)), key=_sort_key)
    )
