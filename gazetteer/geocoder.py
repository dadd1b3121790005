"""An offline geopy geocoder over the bundled gazetteer."""

from __future__ import annotations

from functools import cached_property

from geopy.geocoders.base import Geocoder as _GeopyGeocoder
from geopy.location import Location
from geopy.point import Point

from gazetteer.boundaries import admin1_at
from gazetteer.core import Gazetteer, get_gazetteer
from gazetteer.geodesy import distances_km
from gazetteer.records import Place, Resolution

__all__ = ["Geocoder", "place_record", "PLACE_FIELDS"]

#: The fields of :func:`place_record`, in order.
PLACE_FIELDS = (
    "id",
    "name",
    "name_uk",
    "lat",
    "lon",
    "kind",
    "admin1",
    "admin1_code",
    "admin2",
    "population",
    "geonameid",
    "feature_code",
)


def place_record(place: Place) -> dict:
    """A JSON-ready mapping of a place's attributes."""
    return {
        "id": place.id,
        "name": place.name,
        "name_uk": place.name_uk,
        "lat": place.lat,
        "lon": place.lon,
        "kind": place.kind,
        "admin1": place.admin1,
        "admin1_code": place.admin1_code,
        "admin2": place.admin2 or None,
        "population": place.population,
        "geonameid": place.geonameid,
        "feature_code": place.feature_code,
    }


def _address(place: Place) -> str:
    parts = [place.name]
    if place.admin2 and place.kind not in ("oblast", "raion"):
        parts.append(place.admin2)
    if place.admin1 and place.admin1 != place.name and place.kind != "oblast":
        parts.append(place.admin1)
    parts.append("Ukraine")
    return ", ".join(parts)


class Geocoder(_GeopyGeocoder):
    """Offline geocoder for Ukrainian place names; makes no network call.

    A drop-in geopy geocoder: ``geopandas.tools.geocode(names,
    provider=strikemap.Geocoder)`` works, since geopandas instantiates the class.

    Parameters
    ----------
    gazetteer : Gazetteer, optional
        The gazetteer to use; the bundled one by default.
    **kwargs
        Passed to :class:`geopy.geocoders.base.Geocoder` (ignored offline).
    """

    def __init__(self, *, gazetteer: Gazetteer | None = None, **kwargs):
        super().__init__(**kwargs)
        self._gazetteer = gazetteer

    @cached_property
    def gazetteer(self) -> Gazetteer:
        """The gazetteer answering queries."""
        return self._gazetteer or get_gazetteer()

    def geocode(
        self,
        query: str,
        *,
        exactly_one: bool = True,
        context: str | None = None,
        kind: str | None = None,
        timeout=None,
        **kwargs,
    ):
        """Resolve a place name.

        Parameters
        ----------
        query : str
            A name in any supported spelling, optionally with context after a
            comma (``"Rubizhne, Kharkiv region"``).
        exactly_one : bool
            Return the best :class:`~geopy.location.Location` (``True``) or all
            candidates, best first.
        context : str, optional
            Text around the name.
        kind : str, optional
            Only places of this kind.
        timeout : ignored
            Accepted for geopy compatibility.

        Returns
        -------
        Location, list of Location, or None
            ``None`` when nothing matches (never ``[]``). ``raw`` holds the
            place's attributes, ``confidence``, ``score`` (raw), ``why`` and
            ``alternatives``, each with its ``confidence`` (on the scale of
            the best's) and raw ``score``.
        """
        res = self.gazetteer.lookup(str(query), context=context, kind=kind)
        if res is None:
            return None
        if exactly_one:
            return self._location(res.place, res)
        places = [(res.place, res.confidence)] + [
            (c.place, None) for c in res.alternatives
        ]
        return [
            self._location(p, res if i == 0 else None)
            for i, (p, _) in enumerate(places)
        ]

    def _location(self, place: Place, res: Resolution | None) -> Location:
        raw = place_record(place)
        if res is not None:
            raw["confidence"] = res.confidence
            raw["score"] = res.score
            raw["why"] = res.why
            raw["alternatives"] = [
                {**place_record(c.place), "confidence": conf, "score": c.score}
                for c, conf in zip(
                    res.alternatives, res.alternative_confidences, strict=True
                )
            ]
        return Location(_address(place), (place.lat, place.lon), raw)

    def reverse(self, query, *, exactly_one: bool = True, timeout=None, **kwargs):
        """The nearest settlement to a point, and its first-level unit.

        Parameters
        ----------
        query : tuple of (lat, lon), str or geopy.point.Point
            The point.
        exactly_one : bool
            Return the nearest settlement, or the five nearest.

        Returns
        -------
        Location, list of Location, or None
            ``None`` for points outside Ukraine. ``raw["admin1_code"]`` is the
            unit containing the point (point-in-polygon), which may differ from
            the settlement's near a border; ``raw["distance_km"]`` is the
            distance to the settlement.
        """
        pt = Point(query)
        lat, lon = pt.latitude, pt.longitude
        code = admin1_at(lat, lon)
        if code is None:
            return None
        nearest = self._nearest(lat, lon, 1 if exactly_one else 5)
        out = []
        for dist, place in nearest:
            raw = place_record(place)
            raw["distance_km"] = round(dist, 3)
            raw["point_admin1_code"] = code
            raw["point_admin1"] = self.gazetteer.admin1(code).name
            out.append(Location(_address(place), (place.lat, place.lon), raw))
        return out[0] if exactly_one else out

    @cached_property
    def _settlements(self):
        import numpy as np

        places = [
            p
            for p in self.gazetteer.store.iter_places()
            if p.kind == "settlement" and p.feature_code not in ("PPLH", "PPLQ", "PPLW")
        ]
        coords = np.array([[p.lat, p.lon] for p in places])
        return places, coords

    def _nearest(self, lat: float, lon: float, k: int):
        import numpy as np

        places, coords = self._settlements
        d = distances_km(lat, lon, coords[:, 0], coords[:, 1])
        idx = np.argsort(d, kind="stable")[:k]
        return [(float(d[i]), places[int(i)]) for i in idx]
