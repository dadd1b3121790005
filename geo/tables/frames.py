"""Merged strike events as a GeoDataFrame, joined to the first-level units.

Events are read through their record (:mod:`geo.events`): a
:class:`~geo.events.records.Normalized` list as it is, anything else through
:func:`geo.events.coerce.coerce_feature`.  This module turns them into a
:class:`geopandas.GeoDataFrame` (EPSG:4326), checks each event's gazetteer
``admin1_code`` against the point-in-polygon join
:func:`gazetteer.boundaries.admin1_join`, and filters events by date.

Frame columns are the schema properties in order
(:data:`geo.events.vocab.PROPERTIES`), then ``admin1_join`` and
``admin1_code_join`` (the unit the point lies in, ``None`` when it lies in
none), then ``geometry``.  Text and nested columns have ``object`` dtype and
hold ``None`` (never ``NaN``) for missing values; ``killed`` and ``injured``
are nullable integers (``Int64``, missing = ``<NA>``); ``date`` is an ISO
``YYYY-MM-DD`` string or ``None``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

import gazetteer
from gazetteer.boundaries import admin1_join
from geo.events.coerce import coerce_feature, is_missing
from geo.events.records import Event, Normalized
from geo.events.vocab import PROPERTIES
from geo.tables.features import iter_features

__all__ = [
    "JOIN_COLUMNS",
    "FRAME_COLUMNS",
    "events_to_frame",
    "frame_to_events",
    "frame_to_features",
    "check_admin1_agreement",
    "event_dates",
    "filter_dates",
]

#: Columns the spatial join adds.
JOIN_COLUMNS: tuple[str, ...] = ("admin1_join", "admin1_code_join")

#: Every column of an event frame, in order.
FRAME_COLUMNS: tuple[str, ...] = (*PROPERTIES, *JOIN_COLUMNS, "geometry")

_COUNTS = ("killed", "injured")


def _empty_frame() -> gpd.GeoDataFrame:
    data = {c: pd.Series([], dtype=object) for c in FRAME_COLUMNS[:-1]}
    for c in _COUNTS:
        data[c] = pd.Series([], dtype="Int64")
    return gpd.GeoDataFrame(data, geometry=gpd.GeoSeries([], crs="EPSG:4326"))


def events_to_frame(
    features: Iterable[Mapping[str, Any]],
    boundaries: gpd.GeoDataFrame | None = None,
) -> gpd.GeoDataFrame:
    """Build the event frame and join each point to its first-level unit.

    Parameters
    ----------
    features : iterable of dict
        Merged events as GeoJSON Features (a FeatureCollection dict or any
        object with ``__geo_interface__`` is accepted too).  A
        :class:`~geo.events.records.Normalized` list is taken as it is; other
        features are read with :func:`geo.events.coerce.coerce_feature`.  A
        ``None`` geometry is kept (and joins to nothing).
    boundaries : geopandas.GeoDataFrame, optional
        Polygons with columns ``admin1_code``, ``admin1``, ``geometry``;
        defaults to :func:`gazetteer.admin1_boundaries`.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per event, EPSG:4326, columns :data:`FRAME_COLUMNS`, in input
        order with a fresh ``RangeIndex``.  ``admin1``/``admin1_code`` keep
        the gazetteer's value; where ``admin1_code`` is missing both are
        filled from the join (:func:`gazetteer.boundaries.admin1_join`).
        Empty input gives an empty frame with the same columns and CRS.

    Raises
    ------
    gazetteer.exc.InputError
        When a feature's geometry is not a Point, or a value cannot be read.
    """
    rows: list[dict[str, Any]]
    coords: list[Any]
    if isinstance(features, Normalized):
        # made by Event.to_feature: properties as they are
        rows = [f["properties"] for f in features]
        coords = [(f["geometry"] or {}).get("coordinates") for f in features]
    else:
        events = [coerce_feature(f) for f in iter_features(features)]
        rows = [e.properties() for e in events]
        coords = [None if e.lon is None else (e.lon, e.lat) for e in events]
    if not rows:
        return _empty_frame()
    # points made in one call
    have = np.array([c is not None for c in coords], dtype=bool)
    xy = np.array([c[:2] if c is not None else (np.nan, np.nan) for c in coords])
    geoms = np.full(len(coords), None, dtype=object)
    geoms[have] = shapely.points(xy[have])

    data = {c: pd.Series([r[c] for r in rows], dtype=object) for c in PROPERTIES}
    for c in _COUNTS:
        data[c] = pd.Series([r[c] for r in rows], dtype="Int64")
    joined = _join_distinct(xy, boundaries)
    data["admin1_join"] = pd.Series([j and j[1] for j in joined], dtype=object)
    data["admin1_code_join"] = pd.Series([j and j[0] for j in joined], dtype=object)
    points = gpd.GeoSeries(geoms, crs="EPSG:4326")
    gdf = gpd.GeoDataFrame(data, geometry=points, crs="EPSG:4326")

    if boundaries is None:
        boundaries = gazetteer.admin1_boundaries()
    names = dict(zip(boundaries["admin1_code"], boundaries["admin1"], strict=True))
    no_code = gdf["admin1_code"] == ""
    gdf.loc[no_code, "admin1_code"] = gdf.loc[no_code, "admin1_code_join"].fillna("")
    gdf.loc[no_code, "admin1"] = gdf.loc[no_code, "admin1_join"].fillna("")
    no_name = (gdf["admin1"] == "") & (gdf["admin1_code"] != "")
    gdf.loc[no_name, "admin1"] = gdf.loc[no_name, "admin1_code"].map(names).fillna("")
    return gdf


def _join_distinct(xy: np.ndarray, boundaries: Any) -> list[Any]:
    """:func:`admin1_join` of each row of ``xy``, asked once per distinct point.

    The join is a function of the point alone (the polygon it lies in, else
    the nearest unit), and every event at a place has the place's point: a
    large run has ~10 events per distinct point, so asking for each distinct
    point once gives the same answers for a tenth of the work.  (A NaN makes
    a new key each time, so rows without a point are asked as they are; 0.0
    and -0.0 are one key and one point.)
    """
    index: dict[tuple[float, float], int] = {}
    rows = [index.setdefault((x, y), len(index)) for x, y in xy.tolist()]
    if len(index) == len(rows):
        return admin1_join(xy[:, 0], xy[:, 1], boundaries)
    distinct = np.array(list(index), dtype=float).reshape(-1, 2)
    answers = admin1_join(distinct[:, 0], distinct[:, 1], boundaries)
    return [answers[i] for i in rows]


def frame_to_events(gdf: pd.DataFrame) -> list[Event]:
    """Read the events of a frame.

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame or pandas.DataFrame
        An event frame, or a table read back from a file (any CRS;
        reprojected to EPSG:4326).  Columns outside the schema (such as the
        join columns) are ignored.

    Returns
    -------
    list of Event
        In frame order (:func:`geo.events.coerce.coerce_feature` of each row).
    """
    if isinstance(gdf, gpd.GeoDataFrame) and gdf.crs is not None and len(gdf):
        gdf = gdf.to_crs("EPSG:4326")
    geometry = gdf.geometry if isinstance(gdf, gpd.GeoDataFrame) else None
    return [
        coerce_feature(
            {
                "properties": row,
                "geometry": None if geometry is None else geometry.iloc[i],
            }
        )
        for i, row in enumerate(gdf.to_dict("records"))
    ]


def frame_to_features(gdf: pd.DataFrame) -> Normalized:
    """Turn an event frame back into GeoJSON Feature dicts.

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame
        An event frame (any CRS; reprojected to EPSG:4326).  Columns outside
        the schema (such as the join columns) are dropped.

    Returns
    -------
    Normalized
        :meth:`Event.to_feature` of :func:`frame_to_events`, in frame order.
    """
    return Normalized(e.to_feature() for e in frame_to_events(gdf))


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
    # only a row whose two codes are not the same string can disagree: the
    # others are passed over without making their row (a large run has a
    # few hundred candidates among 100,000 events)
    candidates = [
        i
        for i, (code, joined) in enumerate(
            zip(gdf["admin1_code"], gdf["admin1_code_join"], strict=True)
        )
        if not (type(code) is str and type(joined) is str and code == joined)
    ]
    if len(candidates) < len(gdf):
        gdf = gdf.iloc[candidates]
    for row in gdf.itertuples(index=False):
        geom = row.geometry
        if geom is None or geom.is_empty or not row.admin1_code:
            continue
        label = f"{row.id} {row.place}"
        if is_missing(row.admin1_code_join):
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
