"""Events from tables: frame rows, CSV and GeoPackage read back, hand-made dicts.

:meth:`geo.events.records.Event.from_feature` reads events.geojson, checked
against the schema.  Events also arrive in looser forms: a GeoDataFrame row
(``pandas.NA``, numpy scalars, ``Int64`` counts, timestamps), a CSV or
GeoPackage read back (lists as ``;``-joined or JSON text), a dict written
by hand with properties missing.  :func:`coerce_feature` turns any of them
into an :class:`~geo.events.records.Event`, converting values and filling what
is missing, and never checks vocabularies (the validator reports those).
This is the one place that does so: the frames, the writers and the map all
read loose events through it.

No pandas or numpy import: their missing markers and scalars are told apart
by their types' names and their ``tolist`` method.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

from gazetteer.exc import InputError
from geo.events.records import Event, Source
from geo.events.vocab import ACTORS

__all__ = [
    "codes",
    "coerce_feature",
    "coerce_properties",
    "coerce_sources",
    "is_missing",
    "plain",
]

# values that need no conversion (most of them, in events the pipeline made)
_PLAIN_TYPES = frozenset({str, int, bool, list, dict, tuple})
_MISSING_TYPES = frozenset({"NAType", "NaTType"})  # pandas.NA, pandas.NaT
_ISO_DAY = re.compile(r"\d{4}-\d\d-\d\d")
_DECIMALS = 6


def is_missing(value: Any) -> bool:
    """Whether a table cell means "no value".

    Parameters
    ----------
    value : Any
        A cell.

    Returns
    -------
    bool
        True for ``None``, NaN (any float type), ``pandas.NA``, ``pandas.NaT``
        and numpy's ``NaT``.
    """
    if value is None:
        return True
    kind = type(value)
    if kind in _PLAIN_TYPES:
        return False
    if kind.__name__ in _MISSING_TYPES:
        return True
    if hasattr(value, "__len__"):  # arrays, strings
        return False
    try:
        return bool(value != value)  # NaN and NaT are not equal to themselves
    except (TypeError, ValueError):
        return False


def plain(value: Any) -> Any:
    """A cell as a plain value: numpy scalars and arrays converted, missing → None.

    Parameters
    ----------
    value : Any
        A cell.

    Returns
    -------
    Any
    """
    if value is None or type(value) in _PLAIN_TYPES:
        return value
    if is_missing(value):
        return None
    module = type(value).__module__
    if hasattr(value, "tolist") and module.startswith(("numpy", "pandas")):
        return value.tolist()  # numpy scalars; lists read back by pyogrio/pyarrow
    return value


def _json_or(value: Any) -> Any:
    """JSON text of a list or an object (a CSV or GeoPackage cell) decoded."""
    if isinstance(value, str):
        text = value.strip()
        if text[:1] in ("[", "{"):
            try:
                return json.loads(text)
            except ValueError:
                return value
    return value


def _day(value: Any) -> dt.date | None:
    if type(value) is str and _ISO_DAY.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value!r} is not an ISO date") from None
    value = plain(value)
    if value is None:
        return None
    if isinstance(value, dt.datetime):  # pandas.Timestamp too
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if not text:
        return None
    if _ISO_DAY.match(text):
        try:
            return dt.date.fromisoformat(text[:10])
        except ValueError:
            pass
    raise ValueError(f"{value!r} is not an ISO date")


def _count(value: Any) -> int | None:
    value = plain(value)
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a count")
    if isinstance(value, int):
        return value
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{value!r} is not a count") from None
    if number != number:
        return None
    if not number.is_integer():
        raise ValueError(f"{value!r} is not a count")
    return int(number)


def _text(value: Any) -> str:
    value = plain(value)
    return "" if value is None else str(value)


def _nullable_text(value: Any) -> str | None:
    value = plain(value)
    if value is None:
        return None
    text = str(value)
    return text if text else None


def codes(value: Any) -> list[str]:
    """A list cell (weapons, targets) as sorted unique codes.

    Parameters
    ----------
    value : Any
        A list, a tuple, an array, JSON text or ``;``-joined text.

    Returns
    -------
    list of str
        Stripped, blanks and missing items dropped.
    """
    if type(value) is list and all(type(x) is str for x in value):
        return sorted({x.strip() for x in value} - {""})  # what the rest would give
    value = _json_or(plain(value))
    if value is None or value == "":
        return []
    items = value.split(";") if isinstance(value, str) else list(value)
    return sorted({str(plain(x)).strip() for x in items if not is_missing(x)} - {""})


def _launched(value: Any) -> tuple[tuple[str, int], ...]:
    value = _json_or(plain(value))
    if value is None or value == "":
        return ()
    out = []
    for k, v in sorted(dict(value).items()):
        n = _count(v)
        if n is None:
            raise ValueError(f"launched {k!r}: {v!r} is not a count")
        out.append((str(k), n))
    return tuple(out)


def _evidence(value: Any) -> tuple[str, ...]:
    value = _json_or(plain(value))
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, Mapping):
        return (json.dumps(value, ensure_ascii=False),)
    out: list[str] = []
    for item in value if isinstance(value, Iterable) else [value]:
        item = plain(item)
        if item is None:
            continue
        if isinstance(item, list | tuple):
            out.extend(_evidence(list(item)))
        else:
            out.append(str(item))
    return tuple(out)


def _source(value: Any) -> Source:
    if not isinstance(value, Mapping):
        return Source(article=_text(value))
    return Source(
        article=_text(value.get("article")),
        url=_nullable_text(value.get("url")),
        published=_day(value.get("published")),
        evidence=_evidence(value.get("evidence")),
        killed=_count(value.get("killed")),
        injured=_count(value.get("injured")),
        lang=_nullable_text(value.get("lang")),
    )


def coerce_sources(value: Any) -> tuple[Source, ...]:
    """A sources cell as Sources, in events.geojson order.

    Parameters
    ----------
    value : Any
        A list of source dicts, or its JSON text.

    Returns
    -------
    tuple of Source
        Sorted by (published, article, url); keys outside the schema dropped.

    Raises
    ------
    ValueError
        When a date or a count cannot be read.
    """
    value = _json_or(plain(value))
    if value is None or value == "":
        return ()
    if isinstance(value, Mapping):
        value = [value]
    return tuple(sorted((_source(s) for s in value), key=Source.sort_key))


def _coordinate(value: Any) -> float:
    return round(float(value), _DECIMALS) + 0.0  # + 0.0 turns -0.0 into 0.0


def _point(geometry: Any) -> tuple[float | None, float | None]:
    """(lon, lat) of a GeoJSON or shapely Point, rounded; (None, None) for none."""
    if geometry is None:
        return None, None
    if hasattr(geometry, "geom_type"):  # shapely
        if geometry.is_empty:
            return None, None
        geometry = geometry.__geo_interface__
    if not isinstance(geometry, Mapping):
        raise ValueError(f"geometry is {type(geometry).__name__}, not Point")
    if geometry.get("type") != "Point":
        raise ValueError(f"geometry is {geometry.get('type')}, not Point")
    coords: Any = geometry.get("coordinates") or ()
    if len(coords) < 2:
        raise ValueError("Point needs [lon, lat]")
    return _coordinate(coords[0]), _coordinate(coords[1])


def _actor(value: Any) -> str:
    """An actor cell: one of the vocabulary, ``"unknown"`` when empty."""
    text = _text(value).strip().lower()
    if not text:
        return "unknown"
    if text not in ACTORS:
        raise ValueError(f"actor {text!r} is not one of {', '.join(ACTORS)}")
    return text


def _event(props: Mapping[str, Any], geometry: Any) -> Event:
    lon, lat = _point(geometry)
    return Event(
        id=_text(props.get("id")),
        lon=lon,
        lat=lat,
        date=_day(props.get("date")),
        date_precision=_text(props.get("date_precision")) or "unknown",
        place=_text(props.get("place")),
        place_uk=_text(props.get("place_uk")),
        kind=_text(props.get("kind")),
        precision=_text(props.get("precision")),
        admin1=_text(props.get("admin1")),
        admin1_code=_text(props.get("admin1_code")),
        admin2=_nullable_text(props.get("admin2")),
        killed=_count(props.get("killed")),
        injured=_count(props.get("injured")),
        weapons=tuple(codes(props.get("weapons"))),
        launched=_launched(props.get("launched")),
        targets=tuple(codes(props.get("targets"))),
        actor=_actor(props.get("actor")),
        sources=coerce_sources(props.get("sources")),
        note=_nullable_text(props.get("note")),
    )


def coerce_feature(feature: Mapping[str, Any]) -> Event:
    """An event from a loose Feature (a frame row's, a table's, one made by hand).

    Parameters
    ----------
    feature : Mapping
        ``{"geometry": ..., "properties": ...}``: geometry a GeoJSON Point, a
        shapely Point or ``None``; properties as a Feature, a frame row or a
        CSV/GeoPackage row read back hold them.

    Returns
    -------
    Event
        Missing text becomes ``""`` (``None`` for ``admin2`` and ``note``,
        ``"unknown"`` for ``date_precision``); dates become days (the first
        ten characters of a timestamp); counts become ``int`` or ``None``;
        ``weapons``/``targets`` sorted unique codes; ``launched`` sorted by
        weapon; ``sources`` sorted by (published, article, url), their
        ``evidence`` a tuple of text; coordinates rounded to 6 decimals.
        Properties and source keys outside the schema are dropped.

    Raises
    ------
    gazetteer.exc.InputError
        One line naming the event, when its geometry is not a Point or a
        date or a count cannot be read.
    """
    props = feature.get("properties") or {}
    try:
        return _event(props, feature.get("geometry"))
    except (ValueError, TypeError) as exc:
        ident = _text(props.get("id")) or "?"
        raise InputError(f"event {ident}", str(exc)) from None


def coerce_properties(props: Mapping[str, Any]) -> dict[str, Any]:
    """Loose event properties in schema order with plain values.

    Parameters
    ----------
    props : Mapping
        The properties of one event (a Feature's, a frame row, a row read
        back from CSV or GeoPackage).

    Returns
    -------
    dict
        Exactly the keys of :data:`geo.events.vocab.PROPERTIES`, in order, as
        :meth:`Event.properties` gives them (see :func:`coerce_feature`).
    """
    return coerce_feature({"properties": props, "geometry": None}).properties()
