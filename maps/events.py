"""Read merged events (GeoDataFrame or GeoJSON features) into map records."""

from __future__ import annotations

import datetime as dt
import json
import logging
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from gazetteer.exc import InputError

__all__ = ["MapSource", "MapEvent", "read_events"]

log = logging.getLogger(__name__)


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
    """

    article: str
    url: str | None
    published: str | None
    evidence: tuple[str, ...]
    killed: int | None
    injured: int | None


@dataclass(frozen=True, slots=True)
class MapEvent:
    """A merged strike event reduced to what the map shows.

    Attributes mirror the event schema; ``day`` is the parsed ``date``.
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

    @property
    def casualties(self) -> int:
        """Killed plus injured, unknown figures counted as 0."""
        return (self.killed or 0) + (self.injured or 0)


def read_events(events: Any) -> list[MapEvent]:
    """Turn merged events into :class:`MapEvent` records.

    Parameters
    ----------
    events : geopandas.GeoDataFrame or list of dict or dict
        A GeoDataFrame in the event schema (Point geometries; reprojected to
        EPSG:4326 when it has another CRS), a list of GeoJSON Feature dicts, or
        a FeatureCollection dict.  Events without a point geometry are skipped
        with a warning on the ``maps.events`` logger.

    Returns
    -------
    list of MapEvent
        In input order.

    Raises
    ------
    InputError
        When ``events`` is none of the accepted forms.
    """
    features = list(_features(events))
    out: list[MapEvent] = []
    skipped = 0
    for feature in features:
        event = _event(feature)
        if event is None:
            skipped += 1
        else:
            out.append(event)
    if skipped:
        log.warning("%d event(s) without a point geometry are not on the map", skipped)
    return out


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
        return gdf.iterfeatures(na="null", drop_id=True)
    if isinstance(events, (list, tuple)):
        if not all(isinstance(f, Mapping) for f in events):
            raise InputError("events", "every item must be a GeoJSON Feature dict")
        return events
    raise InputError(
        "events", f"expected a GeoDataFrame or GeoJSON features, not {type(events)}"
    )


def _event(feature: Mapping[str, Any]) -> MapEvent | None:
    geometry = feature.get("geometry")
    props: Mapping[str, Any] = feature.get("properties") or {}
    point = _point(geometry)
    if point is None:
        return None
    lon, lat = point
    weapons = tuple(sorted(str(w) for w in _listish(props.get("weapons"))))
    targets = tuple(sorted(str(t) for t in _listish(props.get("targets"))))
    launched_raw = _jsonish(props.get("launched")) or {}
    launched = tuple(
        (str(k), n)
        for k, v in sorted(dict(launched_raw).items())
        if (n := _int(v)) is not None
    )
    sources = tuple(_source(s) for s in _listish(props.get("sources")))
    return MapEvent(
        id=_text(props.get("id")),
        lon=round(lon, 6),
        lat=round(lat, 6),
        day=_day(props.get("date")),
        date_precision=_text(props.get("date_precision")) or "day",
        place=_text(props.get("place")),
        precision=_text(props.get("precision")),
        admin1=_text(props.get("admin1")),
        admin1_code=_text(props.get("admin1_code")),
        killed=_int(props.get("killed")),
        injured=_int(props.get("injured")),
        weapons=weapons,
        launched=launched,
        targets=targets,
        sources=sources,
        note=_text(props.get("note")) or None,
    )


def _point(geometry: Any) -> tuple[float, float] | None:
    if geometry is None:
        return None
    if hasattr(geometry, "__geo_interface__"):
        geometry = geometry.__geo_interface__
    if not isinstance(geometry, Mapping) or geometry.get("type") != "Point":
        return None
    coords = geometry.get("coordinates") or ()
    if len(coords) < 2:
        return None
    try:
        lon, lat = float(coords[0]), float(coords[1])
    except (TypeError, ValueError):
        return None
    if not (math.isfinite(lon) and math.isfinite(lat)):
        return None
    return lon, lat


def _source(raw: Any) -> MapSource:
    if not isinstance(raw, Mapping):
        return MapSource(_text(raw), None, None, (), None, None)
    url = raw.get("url")
    published = raw.get("published")
    return MapSource(
        article=_text(raw.get("article")),
        url=_text(url) or None,
        published=_text(published) or None,
        evidence=_sentences(raw.get("evidence")),
        killed=_int(raw.get("killed")),
        injured=_int(raw.get("injured")),
    )


def _sentences(value: Any) -> tuple[str, ...]:
    """The evidence as sentences: a list (the schema), or one text, or JSON text.

    Blank items are dropped; nothing is ever shown as a Python or JSON list.
    """
    items = _listish(value)
    out = []
    for item in items:
        if isinstance(item, (list, tuple)):
            out.extend(_sentences(list(item)))
            continue
        text = _text(item).strip()
        if text:
            out.append(text)
    return tuple(out)


def _jsonish(value: Any) -> Any:
    """Decode JSON text (lists and dicts read back from CSV or GPKG columns)."""
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _listish(value: Any) -> list[Any]:
    value = _jsonish(value)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return []
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, Mapping):
        return [value]
    try:
        return list(value)
    except TypeError:
        return [value]


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def _int(value: Any) -> int | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    if not math.isfinite(number):
        return None
    return int(number)


def _day(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime) or (
        hasattr(value, "date") and not isinstance(value, dt.date)
    ):
        try:
            value = value.date()  # datetime, pandas.Timestamp
        except (TypeError, ValueError):
            return None
    if isinstance(value, dt.date):
        # pandas.NaT passes for a datetime and its date() is NaT again.
        return value if type(value) is dt.date else None
    text = _text(value).strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None
