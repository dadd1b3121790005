"""First-level boundaries: the GeoDataFrame, and the oblast at a point."""

from __future__ import annotations

from functools import lru_cache

from gazetteer.store import admin1_geojson

__all__ = ["admin1_boundaries", "admin1_at"]


def admin1_boundaries():
    """The 27 first-level units as a GeoDataFrame (EPSG:4326).

    Columns: ``admin1_code`` (ISO 3166-2), ``admin1`` (English name),
    ``admin1_uk`` (Ukrainian name) and ``geometry`` (simplified to about
    200 m, valid, counter-clockwise exterior rings).

    Returns
    -------
    geopandas.GeoDataFrame
    """
    return _frame().copy()


@lru_cache(maxsize=1)
def _frame():
    import geopandas as gpd

    data = admin1_geojson()
    return gpd.GeoDataFrame.from_features(data["features"], crs="EPSG:4326")[
        ["admin1_code", "admin1", "admin1_uk", "geometry"]
    ]


@lru_cache(maxsize=1)
def _tree():
    import shapely

    data = admin1_geojson()
    geoms = [shapely.geometry.shape(f["geometry"]) for f in data["features"]]
    codes = [f["properties"]["admin1_code"] for f in data["features"]]
    return shapely.STRtree(geoms), geoms, codes


def admin1_at(lat: float, lon: float, *, max_km: float = 5.0) -> str | None:
    """ISO 3166-2 code of the first-level unit containing a point.

    A point just outside every polygon (a coast, the simplification) goes to
    the nearest unit within ``max_km``.

    Parameters
    ----------
    lat, lon : float
        WGS84 coordinates.
    max_km : float
        How far outside the boundaries a point may lie.

    Returns
    -------
    str or None
        ``None`` for points outside Ukraine.
    """
    import shapely

    tree, geoms, codes = _tree()
    pt = shapely.Point(lon, lat)
    hits = tree.query(pt, predicate="intersects")
    if len(hits):
        return codes[int(min(hits))]
    idx = tree.nearest(pt)
    if idx is None:
        return None
    # degrees to km, roughly, at Ukraine's latitude
    d = geoms[int(idx)].distance(pt) * 111.0 * 0.8
    return codes[int(idx)] if d <= max_km else None
