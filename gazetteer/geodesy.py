"""Distances on the WGS84 sphere: the one great-circle formula of the project.

:func:`distance_km` takes one pair of points (gazetteer build, extraction,
evaluation); :func:`distances_km` the same formula from one point to many at
once, over numpy arrays (the reverse geocoder's nearest settlements).
"""

from __future__ import annotations

import math
from typing import Any

__all__ = ["EARTH_RADIUS_KM", "distance_km", "distances_km"]

#: Mean Earth radius (IUGG), km.
EARTH_RADIUS_KM = 6371.0088


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance between two WGS84 points, in kilometres.

    Parameters
    ----------
    lat1, lon1, lat2, lon2 : float
        Degrees.

    Returns
    -------
    float

    Examples
    --------
    >>> round(distance_km(50.4547, 30.5238, 49.9818, 36.2548))
    411
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def distances_km(lat: float, lon: float, lats: Any, lons: Any) -> Any:
    """Great-circle distances from one point to many, in kilometres.

    The formula of :func:`distance_km`, over arrays.

    Parameters
    ----------
    lat, lon : float
        The point, in degrees.
    lats, lons : array-like of float
        The other points, in degrees.

    Returns
    -------
    numpy.ndarray
        One distance per point of ``lats``/``lons``.

    Examples
    --------
    >>> [round(d) for d in distances_km(50.4547, 30.5238, [49.9818], [36.2548])]
    [411]
    """
    import numpy as np

    p1 = math.radians(lat)
    p2 = np.radians(np.asarray(lats, dtype=float))
    dp = p2 - p1
    dl = np.radians(np.asarray(lons, dtype=float) - lon)
    h = np.sin(dp / 2) ** 2 + math.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(h)))
