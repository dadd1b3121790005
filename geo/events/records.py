"""The strike event record: an :class:`Event` per place and day, and its sources.

Every reader and writer of events goes through these records: merging makes
them (:mod:`geo.events.merge`), :meth:`Event.to_feature` gives the GeoJSON
Feature that every table and file is written from, and
:meth:`Event.from_feature` reads one back, checked against the schema
(:mod:`geo.events.schema`).  Values that come from a table rather than from
GeoJSON (a frame row, CSV text, ``pandas.NA``) are turned into an Event by
:func:`geo.events.coerce.coerce_feature`.

A :class:`Normalized` list holds features as :meth:`Event.to_feature` gives
them: readers that get one take it as it is instead of reading every event
again, which a large run would pay for several times.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from gazetteer.exc import InputError
from gazetteer.frozen import quick_init
from geo.events.schema import check_feature

__all__ = ["Event", "Normalized", "Source"]


_NO_DAY = dt.date.min  # in sort keys, beside a flag that sorts null days first


def _day(value: str | None) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


def _iso(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


@quick_init
@dataclass(frozen=True, slots=True)
class Source:
    """One article's report of an event.

    Attributes
    ----------
    article : str
        The article's id.
    url : str or None
        The article's URL, as given (untrusted).
    published : datetime.date or None
        The article's publication date.
    evidence : tuple of str
        The sentences that report the strike, in order (untrusted text).
    killed, injured : int or None
        The highest figures this article gives; ``None`` when it states none.
    lang : str or None
        The article's language (ISO 639-1: ``"en"``, ``"uk"``); the evidence
        is in it.  None when unknown.
    """

    article: str
    url: str | None = None
    published: dt.date | None = None
    evidence: tuple[str, ...] = ()
    killed: int | None = None
    injured: int | None = None
    lang: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The source as written in events.geojson (keys in schema order).

        Returns
        -------
        dict
        """
        return {
            "article": self.article,
            "url": self.url,
            "published": None if self.published is None else self.published.isoformat(),
            "lang": self.lang,
            "evidence": list(self.evidence),
            "killed": self.killed,
            "injured": self.injured,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Source:
        """A source from its events.geojson form, taken as valid.

        Parameters
        ----------
        data : Mapping
            A source as :meth:`to_dict` gives it (missing keys are null).

        Returns
        -------
        Source
        """
        return cls(
            article=data["article"],
            url=data.get("url"),
            published=_day(data.get("published")),
            evidence=tuple(data.get("evidence") or ()),
            killed=data.get("killed"),
            injured=data.get("injured"),
            lang=data.get("lang"),
        )

    def sort_key(self) -> tuple[bool, dt.date, str, str]:
        """The order of an event's sources: (published, article, url), nulls first."""
        published = self.published
        return (
            published is not None,
            published or _NO_DAY,
            self.article,
            self.url or "",
        )


@quick_init
@dataclass(frozen=True, slots=True)
class Event:
    """A merged strike event: one place, one day, every article that reports it.

    The attributes are the properties of events.geojson (see the README and
    ``geo/events/data/events.schema.json``) and the point.

    Attributes
    ----------
    id : str
        Stable hash (16 hex digits) of the date and the place.
    lon, lat : float or None
        WGS84 degrees, 6 decimals; ``None`` for an event with no point.
    date : datetime.date or None
        The day of the strike; ``None`` when the text gives no way to know.
    date_precision : str
        ``day``, ``week``, ``month`` or ``unknown``.
    place, place_uk : str
        English (KMU-2010) and Ukrainian names.
    kind : str
        Kind of place (``settlement``, ``oblast``, ...).
    precision : str
        ``settlement``, ``district``, ``raion`` or ``oblast``.
    admin1, admin1_code : str
        First-level unit and its ISO 3166-2 code.
    admin2 : str or None
        Raion.
    killed, injured : int or None
        The highest figure any source gives; ``None`` when none states one.
    weapons, targets : tuple of str
        Sorted codes of the vocabularies (:mod:`geo.events.vocab`).
    launched : tuple of (str, int)
        Weapons launched where stated, sorted by weapon.
    actor : str
        Which side fired: ``"russia"``, ``"ukraine"`` or ``"unknown"`` (not
        stated, or the sources disagree).
    sources : tuple of Source
        One per article, sorted by (published, article, url).
    note : str or None
        E.g. ``"near Kharkiv"``.
    """

    id: str
    lon: float | None
    lat: float | None
    date: dt.date | None
    date_precision: str
    place: str
    place_uk: str
    kind: str
    precision: str
    admin1: str
    admin1_code: str
    admin2: str | None
    killed: int | None
    injured: int | None
    weapons: tuple[str, ...]
    launched: tuple[tuple[str, int], ...]
    targets: tuple[str, ...]
    sources: tuple[Source, ...]
    note: str | None
    actor: str = "unknown"

    def properties(self) -> dict[str, Any]:
        """The event's GeoJSON properties, in schema order.

        Returns
        -------
        dict
        """
        return {
            "id": self.id,
            "date": None if self.date is None else self.date.isoformat(),
            "date_precision": self.date_precision,
            "place": self.place,
            "place_uk": self.place_uk,
            "kind": self.kind,
            "precision": self.precision,
            "admin1": self.admin1,
            "admin1_code": self.admin1_code,
            "admin2": self.admin2,
            "killed": self.killed,
            "injured": self.injured,
            "weapons": list(self.weapons),
            "launched": dict(self.launched),
            "targets": list(self.targets),
            "actor": self.actor,
            "sources": [s.to_dict() for s in self.sources],
            "note": self.note,
        }

    def to_feature(self) -> dict[str, Any]:
        """The event as a GeoJSON Feature (RFC 7946), as events.geojson holds it.

        Returns
        -------
        dict
            ``{"type": "Feature", "geometry": Point or None, "properties":
            ...}``, properties in schema order.
        """
        geometry = (
            None
            if self.lon is None or self.lat is None
            else {"type": "Point", "coordinates": [self.lon, self.lat]}
        )
        return {
            "type": "Feature",
            "geometry": geometry,
            "properties": self.properties(),
        }

    @classmethod
    def from_feature(
        cls, feature: Mapping[str, Any], *, validate: bool = True, where: str = ""
    ) -> Event:
        """Read an event from its GeoJSON Feature.

        Parameters
        ----------
        feature : Mapping
            A Feature as events.geojson holds it.
        validate : bool, optional
            Check it against the schema first (the default).  ``False`` takes
            it as valid: for features that :meth:`to_feature` made, or that
            were checked already (a :class:`Normalized` list, a file that
            :func:`~geo.events.schema.validate_geojson` passed).
        where : str, optional
            What to name in an error (``"events.geojson: features[3]"``);
            ``"event <id>"`` by default.

        Returns
        -------
        Event
            ``Event.from_feature(f).to_feature() == f`` for every valid
            feature strikemap writes.

        Raises
        ------
        gazetteer.exc.InputError
            One line naming the first problem (and how many more), when
            ``validate`` is true and the feature is not a valid event.
        """
        if validate:
            problems = check_feature(feature)
            if problems:
                props = (
                    feature.get("properties") if isinstance(feature, Mapping) else None
                )
                ident = props.get("id") if isinstance(props, Mapping) else None
                source = where or f"event {ident if isinstance(ident, str) else '?'}"
                more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
                raise InputError(source, problems[0] + more)
        p = feature["properties"]
        geometry = feature.get("geometry")
        lon = lat = None
        if geometry is not None:
            lon, lat = geometry["coordinates"][:2]
        return cls(
            id=p["id"],
            lon=lon,
            lat=lat,
            date=_day(p["date"]),
            date_precision=p["date_precision"],
            place=p["place"],
            place_uk=p["place_uk"],
            kind=p["kind"],
            precision=p["precision"],
            admin1=p["admin1"],
            admin1_code=p["admin1_code"],
            admin2=p["admin2"],
            killed=p["killed"],
            injured=p["injured"],
            weapons=tuple(p["weapons"]),
            launched=tuple(p["launched"].items()),
            targets=tuple(p["targets"]),
            actor=p["actor"],
            sources=tuple(Source.from_dict(s) for s in p["sources"]),
            note=p["note"],
        )

    def sort_key(self) -> tuple[bool, str, str, str, str]:
        """The order of events.geojson: date (nulls last), admin1_code, place, id."""
        day = _iso(self.date)
        return (day is None, day or "", self.admin1_code, self.place, self.id)


class Normalized(list):  # type: ignore[type-arg]
    """A list of event Features as :meth:`Event.to_feature` gives them.

    Each feature's properties are in schema order with plain Python values and
    its geometry a rounded Point (or ``None``).  :func:`geo.events.merge.event_features`
    and :func:`geo.tables.export.normalize_features` return one; the frames
    (:func:`geo.tables.frames.events_to_frame`), the writers of
    :mod:`geo.tables.export` and the map take such a list as it is instead of
    reading every event again.  A subset or reordering of one
    (``Normalized(f for f in events if ...)``) is one too.
    """

    __slots__ = ()
