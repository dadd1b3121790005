"""Merged strike events as a GeoDataFrame, joined to the first-level units.

The event schema (see the project README) is a GeoJSON Feature per merged
event: a Point geometry ``[lon, lat]`` and properties in the order of
:data:`PROPERTIES`.  This module turns such features into a
:class:`geopandas.GeoDataFrame` (EPSG:4326), checks each event's gazetteer
``admin1_code`` against a point-in-polygon join with
:func:`gazetteer.admin1_boundaries`, and filters events by date.

Frame columns are the schema properties in order, then ``admin1_join`` and
``admin1_code_join`` (the unit the point lies in, ``None`` when it lies in
none), then ``geometry``.  Text and nested columns have ``object`` dtype and
hold ``None`` (never ``NaN``) for missing values; ``killed`` and ``injured``
are nullable integers (``Int64``, missing = ``<NA>``); ``date`` is an ISO
``YYYY-MM-DD`` string or ``None``.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Iterable, Mapping
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import Point

import gazetteer
from gazetteer.exc import InputError
from geo.extract.records import Normalized

__all__ = [
    "PROPERTIES",
    "JOIN_COLUMNS",
    "FRAME_COLUMNS",
    "WEAPONS",
    "TARGETS",
    "EVENT_KINDS",
    "PRECISIONS",
    "DATE_PRECISIONS",
    "NEAREST_MAX_METRES",
    "normalize_properties",
    "Normalized",
    "events_to_frame",
    "frame_to_features",
    "check_admin1_agreement",
    "event_dates",
    "filter_dates",
]

#: Schema properties of a merged event, in output order.
PROPERTIES: tuple[str, ...] = (
    "id",
    "date",
    "date_precision",
    "place",
    "place_uk",
    "kind",
    "precision",
    "admin1",
    "admin1_code",
    "admin2",
    "killed",
    "injured",
    "weapons",
    "launched",
    "targets",
    "sources",
    "note",
)

#: Columns the spatial join adds.
JOIN_COLUMNS: tuple[str, ...] = ("admin1_join", "admin1_code_join")

#: Every column of an event frame, in order.
FRAME_COLUMNS: tuple[str, ...] = (*PROPERTIES, *JOIN_COLUMNS, "geometry")

#: Weapon classes an event may list.
WEAPONS: frozenset[str] = frozenset(
    {
        "drone",
        "missile",
        "ballistic_missile",
        "cruise_missile",
        "glide_bomb",
        "artillery",
        "rocket",
        "bomb",
    }
)

#: Target classes an event may list.
TARGETS: frozenset[str] = frozenset(
    {
        "residential",
        "education",
        "kindergarten",
        "medical",
        "energy",
        "railway",
        "commercial",
        "industrial",
        "port",
        "diplomatic",
        "cultural",
        "administrative",
        "infrastructure",
        "military",
    }
)

#: Kinds of place an event may be located at.
EVENT_KINDS: frozenset[str] = frozenset(
    {"settlement", "oblast", "raion", "hromada", "district", "feature"}
)

#: Location precisions (ACLED geo_precision 1/2/3).
PRECISIONS: frozenset[str] = frozenset({"settlement", "district", "raion", "oblast"})

#: Date precisions.
DATE_PRECISIONS: frozenset[str] = frozenset({"day", "week", "month", "unknown"})

#: Points outside every polygon join the nearest one within this distance.
NEAREST_MAX_METRES: float = 5000.0

# Equal-area projection for Europe; metres, low distortion over Ukraine.
_METRIC_CRS = "EPSG:3035"

_TEXT = ("id", "place", "place_uk", "kind", "precision", "admin1", "admin1_code")
_NULLABLE_TEXT = ("admin2", "note")
_COUNTS = ("killed", "injured")
_LISTS = ("weapons", "targets")
_SOURCE_KEYS = ("article", "url", "published", "evidence", "killed", "injured")


# --------------------------------------------------------------------------
# value normalisation (shared with geo.tables.export)
# --------------------------------------------------------------------------


# values that need no conversion (most of them, in features the pipeline made)
_PLAIN_TYPES = frozenset({str, int, bool, list, dict, tuple})


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    if type(value) in _PLAIN_TYPES:
        return False
    if value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, np.floating) and bool(np.isnan(value))


def _plain(value: Any) -> Any:
    """Convert numpy scalars and missing markers to plain Python values."""
    if value is None or type(value) in _PLAIN_TYPES:
        return value
    if _is_missing(value):
        return None
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):  # lists read back by pyogrio or pyarrow
        return value.tolist()
    return value


_ISO_DAY = re.compile(r"\d{4}-\d\d-\d\d")


def _iso_date(value: Any) -> str | None:
    if type(value) is str and _ISO_DAY.fullmatch(value):
        return value  # what the checks below would give back
    value = _plain(value)
    if value is None:
        return None
    if isinstance(value, dt.datetime | pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        return text  # left as given; validate_geojson reports it


def _count(value: Any) -> int | None:
    value = _plain(value)
    if value is None or value == "":
        return None
    return int(value)


def _text(value: Any) -> str:
    value = _plain(value)
    return "" if value is None else str(value)


def _nullable_text(value: Any) -> str | None:
    value = _plain(value)
    if value is None:
        return None
    text = str(value)
    return text if text else None


def _json_or(value: Any) -> Any:
    if isinstance(value, str):
        text = value.strip()
        if text[:1] in ("[", "{"):
            return json.loads(text)
    return value


def _str_list(value: Any) -> list[str]:
    if type(value) is list and all(type(x) is str for x in value):
        return sorted({x.strip() for x in value} - {""})  # what the rest would give
    value = _json_or(_plain(value))
    if value is None or value == "":
        return []
    if isinstance(value, str):
        items = value.split(";")
    else:
        items = list(value)
    return sorted({str(_plain(x)).strip() for x in items if not _is_missing(x)} - {""})


def _launched(value: Any) -> dict[str, int]:
    value = _json_or(_plain(value))
    if value is None or value == "":
        return {}
    return {str(k): int(_plain(v)) for k, v in sorted(dict(value).items())}


def _source(value: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in _SOURCE_KEYS:
        raw = _plain(value.get(key))
        if key in _COUNTS:
            out[key] = _count(raw)
        elif key == "published":
            out[key] = _iso_date(raw)
        else:
            out[key] = raw
    for key in sorted(set(value) - set(_SOURCE_KEYS)):
        out[str(key)] = _plain(value[key])
    return out


def _sources(value: Any) -> list[dict[str, Any]]:
    value = _json_or(_plain(value))
    if value is None or value == "":
        return []
    items = [_source(s) for s in value]

    def key(s: dict[str, Any]) -> tuple[str, str, str]:
        return (s["published"] or "", str(s["article"] or ""), str(s["url"] or ""))

    return sorted(items, key=key)


def normalize_properties(props: Mapping[str, Any]) -> dict[str, Any]:
    """Return an event's properties in schema order with plain Python values.

    Parameters
    ----------
    props : Mapping
        The properties of one merged event (a Feature's ``properties``, a
        frame row, or a row read back from CSV/GPKG where lists are JSON text
        or ``;``-joined).

    Returns
    -------
    dict
        Exactly the keys of :data:`PROPERTIES`, in order.  Missing text
        becomes ``""`` (``None`` for ``admin2`` and ``note``); ``date`` and the
        sources' ``published`` become ISO strings or ``None``; counts become
        ``int`` or ``None``; ``weapons``/``targets`` become sorted unique
        lists; ``launched`` a dict sorted by key; ``sources`` a list of dicts
        with keys ``article, url, published, evidence, killed, injured``
        (then any others, sorted), ordered by (published, article, url) so
        the result does not depend on the order articles were processed.
        Properties outside the schema are dropped.
    """
    out: dict[str, Any] = {}
    for key in PROPERTIES:
        value = props.get(key)
        if key == "date":
            out[key] = _iso_date(value)
        elif key == "date_precision":
            out[key] = _text(value) or "unknown"
        elif key in _TEXT:
            out[key] = _text(value)
        elif key in _NULLABLE_TEXT:
            out[key] = _nullable_text(value)
        elif key in _COUNTS:
            out[key] = _count(value)
        elif key in _LISTS:
            out[key] = _str_list(value)
        elif key == "launched":
            out[key] = _launched(value)
        else:  # sources
            out[key] = _sources(value)
    return out


# --------------------------------------------------------------------------
# features -> frame
# --------------------------------------------------------------------------


def _iter_features(features: Any) -> Iterable[Mapping[str, Any]]:
    if hasattr(features, "__geo_interface__") and not isinstance(features, Mapping):
        features = features.__geo_interface__
    if isinstance(features, Mapping):
        if features.get("type") == "FeatureCollection":
            return features.get("features") or []
        return [features]
    return features


def _point(feature: Mapping[str, Any], ident: str) -> Point | None:
    geom = feature.get("geometry")
    if geom is None:
        return None
    if hasattr(geom, "geom_type"):  # a shapely geometry already
        return geom
    if geom.get("type") != "Point":
        raise InputError(f"event {ident}", f"geometry is {geom.get('type')}, not Point")
    coords = geom.get("coordinates") or []
    if len(coords) < 2:
        raise InputError(f"event {ident}", "Point needs [lon, lat]")
    return Point(float(coords[0]), float(coords[1]))


def _empty_frame() -> gpd.GeoDataFrame:
    data = {c: pd.Series([], dtype=object) for c in FRAME_COLUMNS[:-1]}
    for c in _COUNTS:
        data[c] = pd.Series([], dtype="Int64")
    return gpd.GeoDataFrame(data, geometry=gpd.GeoSeries([], crs="EPSG:4326"))


def _join_admin1(points: gpd.GeoSeries, boundaries: gpd.GeoDataFrame) -> pd.DataFrame:
    """Find the unit name and code of each point (index-aligned with ``points``).

    Point-in-polygon first (a point on a shared border takes the lowest
    code); points in no polygon take the nearest one within
    :data:`NEAREST_MAX_METRES`, measured in an equal-area metric projection.
    """
    out = pd.DataFrame(
        {"admin1_join": None, "admin1_code_join": None},
        index=points.index,
        dtype=object,
    )
    present = points[~(points.isna() | points.is_empty)]
    if present.empty:
        return out
    units = boundaries[["admin1_code", "admin1", "geometry"]].to_crs("EPSG:4326")
    left = gpd.GeoDataFrame(geometry=present.rename("geometry"))
    left.index.name = "_row"
    hits = gpd.sjoin(left, units, how="inner", predicate="intersects")
    missing = left.loc[~left.index.isin(hits.index)]
    if not missing.empty:
        near = gpd.sjoin_nearest(
            missing.to_crs(_METRIC_CRS),
            units.to_crs(_METRIC_CRS),
            how="inner",
            max_distance=NEAREST_MAX_METRES,
            distance_col="_distance",
        )
        near = near.reset_index().sort_values(["_row", "_distance", "admin1_code"])
        inside = hits.reset_index().sort_values(["_row", "admin1_code"])
        cols = ["_row", "admin1", "admin1_code"]
        hits = pd.concat([pd.DataFrame(inside[cols]), pd.DataFrame(near[cols])])
    else:
        hits = hits.reset_index().sort_values(["_row", "admin1_code"])
    hits = hits.drop_duplicates("_row").set_index("_row")
    out.loc[hits.index, "admin1_join"] = hits["admin1"].astype(object)
    out.loc[hits.index, "admin1_code_join"] = hits["admin1_code"].astype(object)
    return out


def events_to_frame(
    features: Iterable[Mapping[str, Any]],
    boundaries: gpd.GeoDataFrame | None = None,
) -> gpd.GeoDataFrame:
    """Build the event frame and join each point to its first-level unit.

    Parameters
    ----------
    features : iterable of dict
        Merged events as GeoJSON Features (a FeatureCollection dict or any
        object with ``__geo_interface__`` is accepted too).  A ``None``
        geometry is kept (and joins to nothing).
    boundaries : geopandas.GeoDataFrame, optional
        Polygons with columns ``admin1_code``, ``admin1``, ``geometry``;
        defaults to :func:`gazetteer.admin1_boundaries`.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per event, EPSG:4326, columns :data:`FRAME_COLUMNS`, in input
        order with a fresh ``RangeIndex``.  ``admin1``/``admin1_code`` keep
        the gazetteer's value; where ``admin1_code`` is missing both are
        filled from the join.  Empty input gives an empty frame with the same
        columns and CRS.

    Raises
    ------
    gazetteer.exc.InputError
        When a feature's geometry is not a Point.
    """
    rows: list[dict[str, Any]] = []
    geoms: Any
    if isinstance(features, Normalized):
        # checked already: properties as they are, points made in one call
        rows = [f["properties"] for f in features]
        coords = [(f["geometry"] or {}).get("coordinates") for f in features]
        have = np.array([c is not None for c in coords], dtype=bool)
        xy = np.array([c[:2] if c is not None else (0.0, 0.0) for c in coords])
        geoms = np.full(len(coords), None, dtype=object)
        if len(coords):
            geoms[have] = shapely.points(xy[have])
    else:
        geoms = []
        for feature in _iter_features(features):
            props = normalize_properties(feature.get("properties") or {})
            geoms.append(_point(feature, props["id"] or "?"))
            rows.append(props)
    if not rows:
        return _empty_frame()

    data = {c: pd.Series([r[c] for r in rows], dtype=object) for c in PROPERTIES}
    for c in _COUNTS:
        data[c] = pd.Series([r[c] for r in rows], dtype="Int64")
    points = gpd.GeoSeries(geoms, crs="EPSG:4326")
    if boundaries is None:
        boundaries = gazetteer.admin1_boundaries()
    joined = _join_admin1(points, boundaries)
    data["admin1_join"] = joined["admin1_join"]
    data["admin1_code_join"] = joined["admin1_code_join"]
    gdf = gpd.GeoDataFrame(data, geometry=points, crs="EPSG:4326")

    names = dict(zip(boundaries["admin1_code"], boundaries["admin1"], strict=True))
    no_code = gdf["admin1_code"] == ""
    gdf.loc[no_code, "admin1_code"] = gdf.loc[no_code, "admin1_code_join"].fillna("")
    gdf.loc[no_code, "admin1"] = gdf.loc[no_code, "admin1_join"].fillna("")
    no_name = (gdf["admin1"] == "") & (gdf["admin1_code"] != "")
    gdf.loc[no_name, "admin1"] = gdf.loc[no_name, "admin1_code"].map(names).fillna("")
    return gdf


def frame_to_features(gdf: pd.DataFrame) -> list[dict[str, Any]]:
    """Turn an event frame back into GeoJSON Feature dicts.

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame
        An event frame (any CRS; reprojected to EPSG:4326).  Columns outside
        the schema (such as the join columns) are dropped.

    Returns
    -------
    list of dict
        ``{"type": "Feature", "geometry": ..., "properties": ...}`` in frame
        order, properties normalised by :func:`normalize_properties`.
    """
    if isinstance(gdf, gpd.GeoDataFrame) and gdf.crs is not None and len(gdf):
        gdf = gdf.to_crs("EPSG:4326")
    geometry = gdf.geometry if isinstance(gdf, gpd.GeoDataFrame) else None
    features = []
    for i, row in enumerate(gdf.to_dict("records")):
        geom = None if geometry is None else geometry.iloc[i]
        if geom is None or geom.is_empty:
            gj = None
        else:
            gj = {"type": "Point", "coordinates": [geom.x, geom.y]}
        features.append(
            {"type": "Feature", "geometry": gj, "properties": normalize_properties(row)}
        )
    return features


# --------------------------------------------------------------------------
# checks and filters
# --------------------------------------------------------------------------


def check_admin1_agreement(gdf: pd.DataFrame) -> list[str]:
    """List events whose gazetteer unit differs from the unit their point is in.

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame
        A frame from :func:`events_to_frame`.

    Returns
    -------
    list of str
        One line per disagreeing event, e.g. ``"1f0c… Brovary: admin1_code
        UA-30 (gazetteer) but the point lies in UA-32 (Kyiv Oblast)"``, and
        one per event with a point that lies in no unit (more than 5 km
        outside every polygon: bad or swapped coordinates).  Events without a
        geometry or without a gazetteer code are not listed.  Empty when all
        agree.
    """
    problems: list[str] = []
    for row in gdf.itertuples(index=False):
        geom = row.geometry
        if geom is None or geom.is_empty or not row.admin1_code:
            continue
        label = f"{row.id} {row.place}"
        if row.admin1_code_join is None or _is_missing(row.admin1_code_join):
            problems.append(
                f"{label}: admin1_code {row.admin1_code} (gazetteer) but the point "
                f"[{geom.x:.6f}, {geom.y:.6f}] lies in no first-level unit"
            )
        elif row.admin1_code_join != row.admin1_code:
            problems.append(
                f"{label}: admin1_code {row.admin1_code} (gazetteer) but the point "
                f"lies in {row.admin1_code_join} ({row.admin1_join})"
            )
    return problems


def _as_date(value: dt.date | str | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value.date() if isinstance(value, dt.datetime) else value
    return dt.date.fromisoformat(str(value))


def event_dates(gdf: pd.DataFrame) -> pd.Series:
    """Parse the ``date`` column to ``datetime64`` (``NaT`` for null or bad dates).

    Parameters
    ----------
    gdf : pandas.DataFrame
        An event frame.

    Returns
    -------
    pandas.Series
        Index-aligned with ``gdf``, ``datetime64[us]``: every date from
        0001-01-01 to 9999-12-31 fits (nanoseconds end in 2262).
    """
    return pd.to_datetime(
        gdf["date"].astype(object), format="%Y-%m-%d", errors="coerce"
    ).astype("datetime64[us]")


def filter_dates(
    gdf: gpd.GeoDataFrame,
    since: dt.date | str | None = None,
    until: dt.date | str | None = None,
) -> gpd.GeoDataFrame:
    """Keep the events dated within ``[since, until]`` (both inclusive).

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame
        An event frame.
    since, until : datetime.date or ISO str, optional
        Bounds; ``None`` leaves that side open.

    Returns
    -------
    geopandas.GeoDataFrame
        A copy.  With no bound given, every event is kept.  As soon as one
        bound is given, events with a null (or unparsable) ``date`` are
        dropped, since nothing says they fall inside the range.
    """
    since, until = _as_date(since), _as_date(until)
    if since is None and until is None:
        return gdf.copy()
    dates = event_dates(gdf)
    keep = dates.notna()
    if since is not None:
        keep &= dates >= pd.Timestamp(since)
    if until is not None:
        keep &= dates <= pd.Timestamp(until)
    return gdf.loc[keep].copy()
