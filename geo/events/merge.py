"""Merging reports across articles into strike events, and events as GeoJSON.

Two reports are the same strike when they are at the same place and their
dates may be the same day (their date windows overlap: an overnight attack is
reported for the evening before by one outlet and for the morning by
another).  (Within one article, an oblast-level report has already joined the
one settlement the article reports in that oblast that day: see
:mod:`geo.extract.extractor`. Across articles that is not done: a strike "in the
Dnipropetrovsk region" in one article may be far from Dnipro in another.)
The event keeps every source with its own figures and takes the highest
figures any source gives.

The output is deterministic: events and sources are sorted, and the event id
is a hash of the date and the place's id, so the same input gives
byte-identical GeoJSON whatever the order articles were read in.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from geo.events.records import Event, Normalized, Source
from geo.events.vocab import DATE_PRECISIONS, PRECISIONS

if TYPE_CHECKING:  # reports are only read here: no import of the extraction
    from geo.extract.records import Report

__all__ = ["event_features", "event_id", "make_event", "merge_actors", "merge_reports"]

# finest first, as the schema lists them
_PRECISION_ORDER = {p: i for i, p in enumerate(DATE_PRECISIONS)}
_SPATIAL_ORDER = {p: i for i, p in enumerate(PRECISIONS)}


def event_id(day: date | None, place_id: str, article: str | None = None) -> str:
    """Stable 16-hex-digit id of an event: a hash of its date and place.

    An undated event is one article's (undated reports never merge across
    articles), so its id hashes the article too.
    """
    key = f"{day.isoformat() if day else 'undated'}|{place_id}"
    if day is None and article is not None:
        key += f"|{article}"
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]


class _Group:
    __slots__ = ("reports", "window")

    def __init__(self, report: Report):
        self.reports = [report]
        self.window = report.window

    def accepts(self, r: Report) -> bool:
        if self.window is None or r.window is None:
            # without a date there is no evidence two articles report the
            # same strike: undated reports merge within one article only
            return (
                self.window is None
                and r.window is None
                and r.article == self.reports[0].article
            )
        return r.window[0] <= self.window[1] and self.window[0] <= r.window[1]

    def add(self, r: Report) -> None:
        self.reports.append(r)
        if self.window and r.window:
            lo = max(self.window[0], r.window[0])
            hi = min(self.window[1], r.window[1])
            if lo <= hi:
                self.window = (lo, hi)


def _report_key(r: Report) -> tuple:
    return (
        r.window or (date.max, date.max),
        r.place.id,
        r.article,
        r.evidence,
    )


def merge_reports(reports: Iterable[Report]) -> list[list[Report]]:
    """Group reports of the same strike.

    Reports of one place merge when their date windows share a day; undated
    reports merge only with undated reports of the same article (without a
    date nothing says two articles report the same strike).

    Parameters
    ----------
    reports : iterable of Report
        Reports from any number of articles, in any order.

    Returns
    -------
    list of list of Report
        One list per event, in a deterministic order.
    """
    by_place: dict[str, list[Report]] = defaultdict(list)
    for r in reports:
        by_place[r.place.id].append(r)
    groups: list[_Group] = []
    for place_id in sorted(by_place):
        mine: list[_Group] = []
        # reports come by window start, and a group's window only narrows: a
        # group that ends before this report starts accepts no later one, so
        # only the groups still open are tried (first fit, in creation order)
        open_: list[_Group] = []
        for r in sorted(by_place[place_id], key=_report_key):
            if r.window is not None:
                start = r.window[0]
                open_ = [g for g in open_ if g.window is None or g.window[1] >= start]
            for g in open_:
                if g.accepts(r):
                    g.add(r)
                    break
            else:
                g = _Group(r)
                mine.append(g)
                open_.append(g)
        groups.extend(mine)
    out = [g.reports for g in groups]
    return sorted(out, key=lambda rs: _report_key(min(rs, key=_report_key)))


def _event_date(reports: list[Report]) -> tuple[date | None, str]:
    """The date of an event and its precision.

    When every report gives a window and they share days, the last shared day
    (an overnight strike is dated by the morning that reports it); otherwise
    the date of the most precise report.
    """
    if len(reports) == 1:  # most events: what follows, for one report
        r = reports[0]
        if r.date is None:
            return None, "unknown"
        w = r.window
        if w and w[0] <= w[1] and _PRECISION_ORDER.get(r.date_precision, 3) == 0:
            return w[1], r.date_precision
        return r.date, r.date_precision
    dated = [r for r in reports if r.date is not None]
    if not dated:
        return None, "unknown"
    best = min(_PRECISION_ORDER.get(r.date_precision, 3) for r in dated)
    precise = [r for r in dated if _PRECISION_ORDER.get(r.date_precision, 3) == best]
    windows = [r.window for r in precise if r.window]
    dates = sorted(r.date for r in precise if r.date is not None)  # all of them
    if windows and len(windows) == len(precise):
        lo = max(w[0] for w in windows)
        hi = min(w[1] for w in windows)
        if lo <= hi:
            if best == 0:
                return hi, precise[0].date_precision
            return dates[0], precise[0].date_precision
    return dates[len(dates) // 2], precise[0].date_precision


def make_event(reports: list[Report]) -> Event:
    """The event that a group of reports of one strike make.

    Parameters
    ----------
    reports : list of Report
        One group of :func:`merge_reports`.

    Returns
    -------
    Event
        At the most precise place any report names; dated by
        :func:`_event_date`; the highest figures any source gives; one
        :class:`~geo.events.records.Source` per article, its evidence the
        distinct sentences in order.
    """
    launched: dict[str, int] = {}
    for r in reports:
        for w, n in r.launched:
            launched[w] = max(launched.get(w, 0), n)
    if len(reports) == 1:  # most events: what follows, for one report
        lead = r = reports[0]
        sources: tuple[Source, ...] = (
            Source(
                r.article,
                r.url,
                r.published,
                tuple(dict.fromkeys(r.evidence)),
                r.killed,
                r.injured,
                r.lang,
            ),
        )
        killed, injured = r.killed, r.injured
        weapons = tuple(sorted(set(r.weapons)))
        targets = tuple(sorted(set(r.targets)))
        note = r.note or None
        actor = r.actor
    else:
        # the most precise place names the event
        lead = min(
            reports,
            key=lambda r: (
                _SPATIAL_ORDER.get(r.precision, 9),
                -r.confidence,
                r.article,
            ),
        )
        by_article: dict[str, list[Report]] = defaultdict(list)
        for r in reports:
            by_article[r.article].append(r)
        sources = tuple(
            sorted(
                (_source(art, rs) for art, rs in by_article.items()),
                key=Source.sort_key,
            )
        )
        # the highest figure any source states; None when none does
        killed = _highest([r.killed for r in reports])
        injured = _highest([r.injured for r in reports])
        weapons = tuple(sorted({w for r in reports for w in r.weapons}))
        targets = tuple(sorted({t for r in reports for t in r.targets}))
        notes = sorted({r.note for r in reports if r.note})
        note = "; ".join(notes) if notes else None
        actor = merge_actors(r.actor for r in reports)
    place = lead.place
    day, precision = _event_date(reports)
    return Event(
        id=event_id(day, place.id, reports[0].article),
        lon=round(place.lon, 6),
        lat=round(place.lat, 6),
        date=day,
        date_precision=precision,
        place=place.name,
        place_uk=place.name_uk,
        kind=place.kind,
        precision=lead.precision,
        admin1=place.admin1,
        admin1_code=place.admin1_code,
        admin2=place.admin2 or None,
        killed=killed,
        injured=injured,
        weapons=weapons,
        launched=tuple(sorted(launched.items())),
        targets=targets,
        sources=sources,
        note=note,
        actor=actor,
    )


def _source(article: str, reports: list[Report]) -> Source:
    """One article's source of an event, from its reports of it."""
    first = reports[0]
    if len(reports) == 1:  # most sources: what follows, for one report
        evidence = tuple(dict.fromkeys(first.evidence))
        killed, injured = first.killed, first.injured
    else:
        # distinct, in order (a dict: an article may give thousands)
        evidence = tuple(dict.fromkeys(ev for r in reports for ev in r.evidence))
        killed = _highest([r.killed for r in reports])
        injured = _highest([r.injured for r in reports])
    return Source(
        article, first.url, first.published, evidence, killed, injured, first.lang
    )


def merge_actors(actors: Iterable[str | None]) -> str:
    """Which side fired, from the reports of one strike.

    Parameters
    ----------
    actors : iterable of (str or None)
        The reports' actors (None: not stated).

    Returns
    -------
    str
        The one known side they name; ``"unknown"`` when none names a side or
        they name both (the sources disagree: no side is preferred).
    """
    known = {a for a in actors if a is not None and a != "unknown"}
    return known.pop() if len(known) == 1 else "unknown"


def _highest(figures: list[int | None]) -> int | None:
    """The highest figure stated, or None when none is (unknown is not zero)."""
    return max([n for n in figures if n is not None], default=None)


def event_features(groups: Iterable[list[Report]]) -> Normalized:
    """GeoJSON features (RFC 7946) of merged events, in the documented schema.

    Parameters
    ----------
    groups : iterable of list of Report
        As returned by :func:`merge_reports`.

    Returns
    -------
    Normalized
        :meth:`Event.to_feature` of :func:`make_event` of each group, in
        order: Point geometry ``[lon, lat]`` and the event properties.
    """
    return Normalized(
        _one_report_feature(reports[0])
        if len(reports) == 1
        else make_event(reports).to_feature()
        for reports in groups
    )


def _one_report_feature(r: Report) -> dict[str, Any]:
    """``make_event([r]).to_feature()``, without making the Event and Source.

    Most events have one report (about four in five of a large run's); their
    feature is written straight from the report, the same values in the same
    order as :meth:`Event.to_feature` and :meth:`Source.to_dict` give them
    (``tests/test_speed_post.py`` compares the two).
    """
    place = r.place
    day = r.date
    precision = r.date_precision
    if day is None:
        precision = "unknown"
    else:  # _event_date of one report
        w = r.window
        if w and w[0] <= w[1] and _PRECISION_ORDER.get(precision, 3) == 0:
            day = w[1]
    launched: dict[str, int] = {}
    for w_, n in r.launched:
        launched[w_] = max(launched.get(w_, 0), n)
    lon = round(place.lon, 6)
    lat = round(place.lat, 6)
    published = r.published
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": {
            "id": event_id(day, place.id, r.article),
            "date": None if day is None else day.isoformat(),
            "date_precision": precision,
            "place": place.name,
            "place_uk": place.name_uk,
            "kind": place.kind,
            "precision": r.precision,
            "admin1": place.admin1,
            "admin1_code": place.admin1_code,
            "admin2": place.admin2 or None,
            "killed": r.killed,
            "injured": r.injured,
            "weapons": sorted(set(r.weapons)),
            "launched": dict(sorted(launched.items())),
            "targets": sorted(set(r.targets)),
            "actor": r.actor,
            "sources": [
                {
                    "article": r.article,
                    "url": r.url,
                    "published": None if published is None else published.isoformat(),
                    "lang": r.lang,
                    "evidence": list(dict.fromkeys(r.evidence)),
                    "killed": r.killed,
                    "injured": r.injured,
                }
            ],
            "note": r.note or None,
        },
    }
