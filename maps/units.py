"""The first-level units (oblasts) as a map page needs them.

:func:`unit_shapes` turns a boundaries frame into compact GeoJSON, the
country's outline, names and bounds (worked out once per set of polygons and
cached); :func:`event_codes` finds the unit of each event that names none.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
from shapely.geometry import mapping

from gazetteer.exc import InputError
from maps.events import MapEvent

__all__ = ["UKRAINE_BOUNDS", "Units", "unit_shapes", "event_codes"]

#: Ukraine's extent, ``[[south, west], [north, east]]`` (folium's order).
UKRAINE_BOUNDS = [[44.38, 22.13], [52.38, 40.23]]


@dataclass(frozen=True)
class Units:
    """The first-level units, worked out once per set of polygons.

    The dicts and lists are shared by every map drawn with the same
    boundaries: read them, never change them.

    Attributes
    ----------
    geo : dict
        Compact FeatureCollection (coordinates to 4 decimals) with
        ``admin1_code`` and ``admin1`` properties.
    shapes : dict
        Polygon per ``admin1_code``.
    names : dict
        Unit name per ``admin1_code``.
    country : list
        The country's outline: GeoJSON LineString coordinate lists.
    bounds : list
        ``[[south, west], [north, east]]`` of the polygons.
    """

    geo: dict
    shapes: dict[str, Any]
    names: dict[str, str]
    country: list
    bounds: list[list[float]]


_CACHE: dict[str, Units] = {}


def unit_shapes(boundaries: Any) -> Units:
    """Return the units of a boundaries frame, cached by the polygons' content.

    Parameters
    ----------
    boundaries : geopandas.GeoDataFrame
        First-level units with ``admin1_code`` (or geoBoundaries'
        ``shapeISO``), ``admin1`` (or ``shapeName``) and polygons; reprojected
        to EPSG:4326 when in another CRS.

    Returns
    -------
    Units

    Raises
    ------
    InputError
        When ``boundaries`` is not a GeoDataFrame with unit codes.
    """
    if not hasattr(boundaries, "geometry"):
        raise InputError("boundaries", "expected a GeoDataFrame of first-level units")
    gdf = boundaries
    if "admin1_code" not in gdf.columns and "shapeISO" in gdf.columns:
        gdf = gdf.rename(columns={"shapeISO": "admin1_code", "shapeName": "admin1"})
    if "admin1_code" not in gdf.columns:
        raise InputError("boundaries", "no admin1_code column")
    if gdf.crs is not None and not gdf.crs.equals("EPSG:4326"):
        gdf = gdf.to_crs("EPSG:4326")
    names = gdf["admin1"] if "admin1" in gdf.columns else gdf["admin1_code"]
    geoms = np.asarray(gdf.geometry.values, dtype=object)
    digest = hashlib.sha256()
    for code, name, wkb in zip(
        gdf["admin1_code"], names, shapely.to_wkb(geoms), strict=True
    ):
        digest.update(f"{code}\0{name}\0".encode())
        digest.update(wkb or b"")
    key = digest.hexdigest()
    if key not in _CACHE:
        if len(_CACHE) >= 4:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = _work_out(gdf["admin1_code"], names, geoms)
    return _CACHE[key]


def _work_out(codes: Any, names: Any, geoms: np.ndarray) -> Units:
    rounded = shapely.transform(geoms, lambda c: np.round(c, 4))
    features = []
    shapes: dict[str, Any] = {}
    for code, name, geom in zip(codes, names, rounded, strict=True):
        if geom is None or geom.is_empty:
            continue
        features.append(
            {
                "type": "Feature",
                "properties": {"admin1_code": str(code), "admin1": str(name)},
                "geometry": mapping(geom),
            }
        )
        shapes[str(code)] = geom
    geo = {"type": "FeatureCollection", "features": features}
    return Units(
        geo=geo,
        shapes=shapes,
        names={
            str(f["properties"]["admin1_code"]): f["properties"]["admin1"]
            for f in features
        },
        country=_country_line(shapes),
        bounds=_bounds(geo),
    )


def _country_line(polygons: dict[str, Any]) -> list:
    """The outer edge of the units' union, simplified to about 100 m.

    The units' own edges do not meet exactly (slivers), so only the union's
    exterior rings are drawn: the country border and coast.
    """
    if not polygons:
        return []
    union = shapely.union_all(list(polygons.values()))
    parts = getattr(union, "geoms", [union])
    lines = []
    for part in parts:
        if part.geom_type != "Polygon" or part.area < 0.01:
            continue
        ring = shapely.simplify(shapely.LineString(part.exterior.coords), 0.001)
        coords = np.round(np.asarray(ring.coords), 3)
        lines.append(coords.tolist())
    return lines


def _bounds(geo: dict) -> list[list[float]]:
    """``[[south, west], [north, east]]`` of the polygons, or Ukraine's."""
    xs: list[float] = []
    ys: list[float] = []
    for feature in geo["features"]:
        minx, miny, maxx, maxy = shapely.geometry.shape(feature["geometry"]).bounds
        xs += [minx, maxx]
        ys += [miny, maxy]
    if not xs:
        return UKRAINE_BOUNDS
    return [[min(ys), min(xs)], [max(ys), max(xs)]]


def event_codes(
    records: Sequence[MapEvent], polygons: dict[str, Any]
) -> list[str | None]:
    """Return each event's first-level unit: its own code, else the one it lies in.

    Parameters
    ----------
    records : sequence of MapEvent
        The events.
    polygons : dict
        Polygon per ``admin1_code`` (:attr:`Units.shapes`).

    Returns
    -------
    list of str or None
        One code per event, in order; an event just off the coast or a border
        gets the nearest unit; ``None`` only when there are no polygons.
    """
    out: list[str | None] = [e.admin1_code or None for e in records]
    missing = [i for i, code in enumerate(out) if code is None]
    if not missing or not polygons:
        return out
    codes = list(polygons)
    tree = shapely.STRtree([polygons[c] for c in codes])
    points = shapely.points([[records[i].lon, records[i].lat] for i in missing])
    inside = tree.query(points, predicate="intersects")
    found: dict[int, str] = {}
    for p, g in sorted(zip(inside[0], inside[1], strict=True)):
        found.setdefault(int(p), codes[int(g)])
    for k, i in enumerate(missing):
        if k in found:
            out[i] = found[k]
        else:  # just off the coast or a border: the nearest unit
            out[i] = codes[int(tree.nearest(points[k]))]
    return out
