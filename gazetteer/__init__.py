"""The bundled Ukrainian gazetteer: places, names, boundaries and resolution.

Everything works offline from package data built by ``python -m gazetteer.build``
from GeoNames (CC BY 4.0), geoBoundaries/OpenStreetMap (ODbL 1.0) and the WRI
Global Power Plant Database (CC BY 4.0).
"""

from gazetteer.classcode import remembered_code

# the record classes' methods compiled by an earlier run (see gazetteer.classcode)
with remembered_code():
    from gazetteer.boundaries import admin1_at, admin1_boundaries
    from gazetteer.core import Gazetteer, get_gazetteer
    from gazetteer.exc import (
        GazetteerError,
        InputError,
        OutputError,
        PlaceNotFound,
        StrikemapError,
    )
    from gazetteer.geodesy import distance_km
    from gazetteer.normalize import fold
    from gazetteer.records import KINDS, Candidate, Mention, Place, Resolution
    from gazetteer.translit import kmu2010, russian

__all__ = [
    "KINDS",
    "Candidate",
    "Gazetteer",
    "GazetteerError",
    "Geocoder",
    "InputError",
    "Mention",
    "OutputError",
    "Place",
    "PlaceNotFound",
    "Resolution",
    "StrikemapError",
    "admin1_at",
    "admin1_boundaries",
    "admin1_units",
    "distance_km",
    "fold",
    "get_gazetteer",
    "kmu2010",
    "lookup",
    "place_record",
    "russian",
]


def __getattr__(name: str):
    # geopy is imported only when the geocoder is asked for: loading the
    # gazetteer stays cheap for worker processes.
    if name in ("Geocoder", "place_record"):
        from gazetteer import geocoder

        return getattr(geocoder, name)
    raise AttributeError(f"module 'gazetteer' has no attribute {name!r}")


def admin1_units() -> tuple[Place, ...]:
    """The 27 first-level units as :class:`Place` records, by ISO code."""
    return get_gazetteer().admin1_units()


def lookup(query: str, **kwargs) -> Resolution | None:
    """Resolve a name with the bundled gazetteer (see :meth:`Gazetteer.lookup`)."""
    return get_gazetteer().lookup(query, **kwargs)
