"""First-level boundaries: the GeoDataFrame, and the unit each point lies in.

:func:`admin1_join` is the one point-in-oblast join of strikemap: the event
frames (:func:`geo.tables.frames.events_to_frame`) and the reverse geocoder
(:func:`admin1_at`) both use it.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from gazetteer.store import admin1_geojson

__all__ = ["NEAREST_MAX_KM", "admin1_at", "admin1_boundaries", "admin1_join"]

#: Points outside every polygon (a coast, the simplification) join the nearest
#: unit within this distance, in km.
NEAREST_MAX_KM: float = 5.0

# Equal-area projection for Europe; metres, low distortion over Ukraine.
_METRIC_CRS = "EPSG:3035"


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


class _Units:
    """Polygons to join against: codes, names, a tree in lon/lat, one in metres."""

    def __init__(self, codes: list[str], names: list[str], geoms: Any) -> None:
        import numpy as np
        import shapely

        self.codes = codes
        self.names = names
        self.geoms = np.asarray(geoms, dtype=object)
        self.tree = shapely.STRtree(self.geoms)
        self._metric: Any = None

    @property
    def metric(self) -> Any:
        """The polygons' tree in EPSG:3035 (made when first needed)."""
        if self._metric is None:
            import shapely

            self._metric = shapely.STRtree(_metric(self.geoms))
        return self._metric


def _metric(geoms: Any) -> Any:
    """Geometries in lon/lat projected to EPSG:3035 (metres), as geopandas does."""
    import geopandas as gpd

    return gpd.GeoSeries(geoms, crs="EPSG:4326").to_crs(_METRIC_CRS).to_numpy()


@lru_cache(maxsize=1)
def _bundled_units() -> _Units:
    import shapely

    features = admin1_geojson()["features"]
    return _Units(
        [f["properties"]["admin1_code"] for f in features],
        [f["properties"]["admin1"] for f in features],
        [shapely.geometry.shape(f["geometry"]) for f in features],
    )


def _units(boundaries: Any) -> _Units:
    if boundaries is None:
        return _bundled_units()
    frame = boundaries.to_crs("EPSG:4326")
    return _Units(
        [str(c) for c in frame["admin1_code"]],
        [str(n) for n in frame["admin1"]],
        list(frame.geometry),
    )


def admin1_join(
    lons: Any, lats: Any, boundaries: Any = None, *, max_km: float = NEAREST_MAX_KM
) -> list[tuple[str, str] | None]:
    """The first-level unit each point lies in.

    Point-in-polygon first (a point on a shared border takes the lowest
    code); a point in no polygon takes the nearest one within ``max_km``,
    measured in an equal-area metric projection (EPSG:3035; ties take the
    lowest code).

    Parameters
    ----------
    lons, lats : array-like of float
        WGS84 degrees; NaN where there is no point.
    boundaries : geopandas.GeoDataFrame, optional
        Polygons with columns ``admin1_code``, ``admin1`` and ``geometry``;
        the bundled units (:func:`admin1_boundaries`) by default.
    max_km : float
        How far outside every polygon a point may lie.

    Returns
    -------
    list of (str, str) or None
        ``(admin1_code, admin1)`` per point, ``None`` where a point joins no
        unit.
    """
    import numpy as np
    import shapely

    x = np.asarray(lons, dtype=float).reshape(-1)
    y = np.asarray(lats, dtype=float).reshape(-1)
    out: list[tuple[str, str] | None] = [None] * len(x)
    present = np.flatnonzero(np.isfinite(x) & np.isfinite(y))
    if not len(present):
        return out
    units = _units(boundaries)
    codes = units.codes
    best: dict[int, int] = {}
    points = shapely.points(x[present], y[present])
    where, which = units.tree.query(points, predicate="intersects")
    for k, g in zip(where.tolist(), which.tolist(), strict=True):
        if k not in best or codes[g] < codes[best[k]]:
            best[k] = g
    missing = np.array([k for k in range(len(present)) if k not in best], dtype=int)
    if len(missing):
        (near_k, near_g), distance = units.metric.query_nearest(
            _metric(points[missing]),
            max_distance=max_km * 1000.0,
            return_distance=True,
            all_matches=True,
        )
        ranked: dict[int, tuple[float, str, int]] = {}
        for k, g, d in zip(
            near_k.tolist(), near_g.tolist(), distance.tolist(), strict=True
        ):
            key = (d, codes[g], g)
            if k not in ranked or key < ranked[k]:
                ranked[k] = key
        for k, (_, _, g) in ranked.items():
            best[int(missing[k])] = g
    for k, g in best.items():
        out[int(present[k])] = (codes[g], units.names[g])
    return out


def admin1_at(lat: float, lon: float, *, max_km: float = NEAREST_MAX_KM) -> str | None:
    """ISO 3166-2 code of the first-level unit containing a point.

    The point joins a unit as in :func:`admin1_join`: the polygon it lies in,
    else the nearest within ``max_km``.

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
    (hit,) = admin1_join([lon], [lat], max_km=max_km)
    return None if hit is None else hit[0]
