"""Read merged events (GeoDataFrame or GeoJSON features) into map records.

Every event is read through its record, :class:`geo.events.records.Event`;
:class:`MapEvent` is the part of it the map shows.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from gazetteer.exc import InputError
from gazetteer.frozen import quick_init
from geo.events.coerce import coerce_feature
from geo.events.records import Event, Normalized, Source

__all__ = ["MapSource", "MapEvent", "read_events"]

log = logging.getLogger(__name__)


@quick_init
@dataclass(frozen=True, slots=True)
class MapSource:
    """One article's report of an event, as the popup lists it.

    Attributes
    ----------
    article : str
        Article id.
    url : str or None
        The article's URL as given (it becomes a link only if http/https).
    published : str or None
        Publication date.
    evidence : tuple of str
        The sentences the event was read from, in order (untrusted text).
    killed, injured : int or None
        The figures this article gives.
    lang : str or None
        The language of the article and so of its evidence (``"uk"``).
    """

    article: str
    url: str | None
    published: str | None
    evidence: tuple[str, ...]
    killed: int | None
    injured: int | None
    lang: str | None = None

    @classmethod
    def from_source(cls, source: Source) -> MapSource:
        """The popup's view of an event's source.

        Parameters
        ----------
        source : geo.events.records.Source

        Returns
        -------
        MapSource
        """
        return cls(
            article=source.article,
            url=source.url or None,
            published=source.published.isoformat() if source.published else None,
            evidence=_sentences(source.evidence),
            killed=source.killed,
            injured=source.injured,
            lang=source.lang,
        )


@quick_init
@dataclass(frozen=True, slots=True)
class MapEvent:
    """A merged strike event reduced to what the map shows.

    Attributes mirror the event schema; ``day`` is the parsed ``date``;
    ``place_uk`` is the Ukrainian name ("" when unknown).
    """

    id: str
    lon: float
    lat: float
    day: dt.date | None
    date_precision: str
    place: str
    precision: str
    admin1: str
    admin1_code: str
    killed: int | None
    injured: int | None
    weapons: tuple[str, ...]
    launched: tuple[tuple[str, int], ...]
    targets: tuple[str, ...]
    sources: tuple[MapSource, ...]
    note: str | None
    place_uk: str = ""
    actor: str = "unknown"

    @classmethod
    def from_event(cls, event: Event) -> MapEvent:
        """The map's view of an event (which must have a point).

        Parameters
        ----------
        event : geo.events.records.Event

        Returns
        -------
        MapEvent
        """
        if event.lon is None or event.lat is None:
            raise InputError(f"event {event.id or '?'}", "no point to map")
        return cls(
            id=event.id,
            lon=event.lon,
            lat=event.lat,
            day=event.date,
            date_precision=event.date_precision,
            place=event.place,
            precision=event.precision,
            admin1=event.admin1,
            admin1_code=event.admin1_code,
            killed=event.killed,
            injured=event.injured,
            weapons=event.weapons,
            launched=event.launched,
            targets=event.targets,
            sources=tuple(MapSource.from_source(s) for s in event.sources),
            note=event.note or None,
            place_uk=event.place_uk or "",
            actor=event.actor,
        )

    @property
    def casualties(self) -> int:
        """Killed plus injured, unknown figures counted as 0."""
        return (self.killed or 0) + (self.injured or 0)


def read_events(events: Any) -> list[MapEvent]:
    """Turn merged events into :class:`MapEvent` records, through their Event record.

    Parameters
    ----------
    events : geopandas.GeoDataFrame or list of dict or dict
        A GeoDataFrame in the event schema (Point geometries; reprojected to
        EPSG:4326 when it has another CRS), a list of GeoJSON Feature dicts, or
        a FeatureCollection dict.  A :class:`~geo.events.records.Normalized`
        list is read as it is (:meth:`Event.from_feature` without checks);
        anything else with :func:`geo.events.coerce.coerce_feature`.  Events
        without a point geometry are skipped with a warning on the
        ``maps.events`` logger.

    Returns
    -------
    list of MapEvent
        In input order.

    Raises
    ------
    InputError
        When ``events`` is none of the accepted forms, or a value cannot be
        read.
    """
    out: list[MapEvent] = []
    skipped = 0
    if isinstance(events, Normalized):
        # a map's events fall on a few hundred days: each parsed once
        days: dict[str, Any] = {}
        for feature in events:
            if _point(feature.get("geometry")) is None:
                skipped += 1
            else:
                out.append(_from_normalized(feature, days))
    else:
        for feature in _features(events):
            if _point(feature.get("geometry")) is None:
                skipped += 1
            else:
                out.append(MapEvent.from_event(coerce_feature(feature)))
    if skipped:
        log.warning("%d event(s) without a point geometry are not on the map", skipped)
    return out


def _from_normalized(
    feature: Mapping[str, Any], days: dict[str, Any] | None = None
) -> MapEvent:
    """``MapEvent.from_event(Event.from_feature(feature, validate=False))``.

    For a feature of a :class:`~geo.events.records.Normalized` list with a
    point: the same values read straight from its properties, without the
    Event and Source records in between (a map of 50,000 events made and
    dropped 150,000 of them).  A source's ``published`` is parsed and written
    back as the records do, so a value they would refuse is refused here too.
    ``days`` remembers what each ISO text (an event's date, a source's
    publication date) parsed to, across the events of one map; a text that
    is refused is not remembered.
    """
    if days is None:
        days = {}
    p = feature["properties"]
    lon, lat = feature["geometry"]["coordinates"][:2]
    day = p["date"]
    return MapEvent(
        id=p["id"],
        lon=lon,
        lat=lat,
        day=None if day is None else _parsed(day, days),
        date_precision=p["date_precision"],
        place=p["place"],
        precision=p["precision"],
        admin1=p["admin1"],
        admin1_code=p["admin1_code"],
        killed=p["killed"],
        injured=p["injured"],
        weapons=tuple(p["weapons"]),
        launched=tuple(p["launched"].items()),
        targets=tuple(p["targets"]),
        sources=tuple(
            MapSource(
                article=s["article"],
                url=s.get("url") or None,
                published=None
                if (published := s.get("published")) is None
                else _parsed(published, days).isoformat(),
                evidence=_sentences(s.get("evidence") or ()),
                killed=s.get("killed"),
                injured=s.get("injured"),
                lang=s.get("lang"),
            )
            for s in p["sources"]
        ),
        note=p["note"] or None,
        place_uk=p["place_uk"] or "",
        actor=p["actor"],
    )


def _parsed(text: str, days: dict[str, Any]) -> dt.date:
    """``datetime.date.fromisoformat(text)``, remembered in ``days``."""
    day = days.get(text)
    if day is None:
        day = days[text] = dt.date.fromisoformat(text)
    return day


def _features(events: Any) -> Iterable[Mapping[str, Any]]:
    if isinstance(events, Mapping):
        if events.get("type") == "FeatureCollection":
            return events.get("features") or []
        if events.get("type") == "Feature":
            return [events]
        raise InputError("events", "a dict must be a GeoJSON Feature or collection")
    if hasattr(events, "iterfeatures") and hasattr(events, "geometry"):
        gdf = events
        if gdf.crs is not None and not gdf.crs.equals("EPSG:4326"):
            gdf = gdf.to_crs("EPSG:4326")
        rows = gdf.drop(columns=gdf.geometry.name).to_dict("records")
        return (
            {"properties": row, "geometry": geometry}
            for row, geometry in zip(rows, gdf.geometry, strict=True)
        )
    if isinstance(events, (list, tuple)):
        if not all(isinstance(f, Mapping) for f in events):
            raise InputError("events", "every item must be a GeoJSON Feature dict")
        return events
    raise InputError(
        "events", f"expected a GeoDataFrame or GeoJSON features, not {type(events)}"
    )


def _point(geometry: Any) -> tuple[float, float] | None:
    """The point of a GeoJSON or shapely geometry: finite, or None."""
    if geometry is None:
        return None
    if hasattr(geometry, "__geo_interface__"):
        if getattr(geometry, "is_empty", False):
            return None
        geometry = geometry.__geo_interface__
    if not isinstance(geometry, Mapping) or geometry.get("type") != "Point":
        return None
    coords: Any = geometry.get("coordinates") or ()
    if len(coords) < 2:
        return None
    try:
        lon, lat = float(coords[0]), float(coords[1])
    except (TypeError, ValueError):
        return None
    if not (math.isfinite(lon) and math.isfinite(lat)):
        return None
    return lon, lat


def _sentences(evidence: Iterable[str]) -> tuple[str, ...]:
    """The evidence as the popup quotes it: stripped, blank sentences dropped."""
    return tuple(text for item in evidence if (text := item.strip()))
