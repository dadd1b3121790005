"""What a run produced: one status per input, the merged events, the run report.

Both engines end in :func:`collect`, which turns the stream of extractions
and skips (in input order) into a :class:`RunResult`; its
:meth:`RunResult.to_report` is ``report.json``.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from typing import Any

from geo.events.merge import event_features, merge_reports
from geo.extract.records import Extraction, Ignored, Outside, Report
from geo.ingest import Article, Skipped
from geo.lang import NAMES, for_article

__all__ = ["ArticleStatus", "RunResult", "collect", "within_dates"]


@dataclass(frozen=True, slots=True)
class ArticleStatus:
    """What became of one input: one line of the run report.

    Attributes
    ----------
    article : str
        The article's id; for a skipped input, its source.
    source : str
        Where it came from: the path, or ``"path:LINE"``.
    status : str
        ``"events"``, ``"no events"``, ``"language not supported"`` (an
        article in a language strikemap cannot read yet, e.g. Russian) or
        ``"skipped"``.
    published : str or None
        ISO publication date.
    date_source : str or None
        Which rule gave the date (see :class:`~geo.ingest.articles.Article`).
    reports : int
        Strike reports extracted.
    reason : str or None
        Why a skipped input was skipped.
    cached : bool
        Whether the extraction came from the cache.
    warnings : tuple of str
        Problems met reading the article (e.g. a legacy encoding, a date out
        of range) and extracting it (e.g. a sentence or mention cap), in that
        order.
    lang : str or None
        The article's language (``"en"``, ``"uk"``, ``"ru"``), None when
        unknown or skipped.
    """

    article: str
    source: str
    status: str  # "events", "no events", "language not supported", "skipped"
    published: str | None = None
    date_source: str | None = None
    reports: int = 0
    reason: str | None = None
    cached: bool = False
    warnings: tuple[str, ...] = ()
    lang: str | None = None


@dataclass
class RunResult:
    """Everything a run produced.

    Attributes
    ----------
    features : list of dict
        The merged events, as GeoJSON Features (a
        :class:`~geo.extract.records.Normalized` list).
    articles : list of ArticleStatus
        Every input, read or skipped, in input order.
    outside : list of Outside
        Strikes placed outside Ukraine, one per report.
    ignored : list of Ignored
        Ukrainian places attack sentences name for another reason.
    warnings : list of str
        Problems of the run itself, tied to no article (e.g. a cache that
        could not be written).
    """

    features: list[dict] = field(default_factory=list)
    articles: list[ArticleStatus] = field(default_factory=list)
    outside: list[Outside] = field(default_factory=list)
    ignored: list[Ignored] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def skipped(self) -> list[ArticleStatus]:
        """Inputs that could not be read."""
        return [a for a in self.articles if a.status == "skipped"]

    @property
    def undated(self) -> list[ArticleStatus]:
        """Articles read without a publication date."""
        return [a for a in self.articles if a.status != "skipped" and not a.published]

    @property
    def nothing_read(self) -> bool:
        """Whether there were inputs and every one of them was skipped."""
        return bool(self.articles) and all(a.status == "skipped" for a in self.articles)

    def to_report(
        self,
        *,
        since: date | str | None = None,
        until: date | str | None = None,
    ) -> dict:
        """The run report (``report.json``).

        Parameters
        ----------
        since, until : datetime.date or ISO str, optional
            The date filter of the outputs (both inclusive): ``events``,
            ``oblasts`` and ``oblast_names`` count the events within it, as
            the event table and the summaries do (see :func:`within_dates`);
            ``events_total`` counts them all.

        Returns
        -------
        dict
            JSON-ready.  Every entry about an input (``articles``,
            ``skipped``, ``undated``, ``warnings``) names it by ``article``
            (the id; a skipped input's source) and ``source``.
            ``outside_coverage`` has one entry per place outside Ukraine.
        """
        shown = within_dates(self.features, since, until)
        names: dict[str, str] = {}
        for f in shown:
            p = f["properties"]
            names.setdefault(p["admin1_code"], p.get("admin1"))
        return {
            "articles_read": sum(a.status != "skipped" for a in self.articles),
            "articles_with_events": sum(a.status == "events" for a in self.articles),
            "languages": _languages(self.articles),
            "undated": [_named(a) for a in self.undated],
            "not_supported": [
                {
                    **_named(a),
                    "lang": a.lang,
                    "language": NAMES.get(a.lang or "", a.lang),
                }
                for a in self.articles
                if a.status == "language not supported"
            ],
            "skipped": [{**_named(a), "reason": a.reason} for a in self.skipped],
            "since": _iso(since),
            "until": _iso(until),
            "events": len(shown),
            "events_total": len(self.features),
            "oblasts": sorted(names),
            "oblast_names": {code: names[code] for code in sorted(names)},
            "outside_coverage": _outside_places(self.outside),
            "not_events": [_as_dict(i) for i in self.ignored],
            "warnings": [
                {**_named(a), "warning": w} for a in self.articles for w in a.warnings
            ]
            + [{"article": None, "source": None, "warning": w} for w in self.warnings],
            "articles": [_as_dict(a) for a in self.articles],
        }


def _languages(articles: Iterable[ArticleStatus]) -> dict[str, int]:
    """Articles read per language (``"unknown"``: no letters to tell by)."""
    counts: dict[str, int] = {}
    for a in articles:
        if a.status != "skipped":
            key = a.lang or "unknown"
            counts[key] = counts.get(key, 0) + 1
    return dict(sorted(counts.items()))


def _status(article: Article, ex: Extraction) -> str:
    if ex.reports:
        return "events"
    if for_article(getattr(article, "lang", None)) is None:
        return "language not supported"
    return "no events"


#: Values :func:`dataclasses.asdict` gives back as they are (its deep copy of
#: an immutable scalar is the scalar itself).
_SCALARS = frozenset({str, int, float, bool, type(None)})


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: Any) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(cls))
    return names


def _as_dict(record: object) -> dict:
    """:func:`dataclasses.asdict` of a flat record, without its recursive walk.

    A record whose fields all hold scalars, or tuples of scalars (an
    :class:`ArticleStatus`, an :class:`Ignored`), gives an equal dict with
    the values as they are (asdict copies the tuples: equal, and immutable
    either way); any other value (a nested record, a list, a subclass of a
    scalar) is left to asdict.  The walk cost ~10 us a status: 1 s for
    100,000 articles.
    """
    out = {}
    for name in _field_names(type(record)):
        value = getattr(record, name)
        kind = type(value)
        if kind is tuple:
            if not all(type(v) in _SCALARS for v in value):
                return asdict(record)  # type: ignore[call-overload]
        elif kind not in _SCALARS:
            return asdict(record)  # type: ignore[call-overload]
        out[name] = value
    return out


def _named(status: ArticleStatus) -> dict:
    return {"article": status.article, "source": status.source}


def _iso(day: date | str | None) -> str | None:
    return day.isoformat() if isinstance(day, date) else day


def _outside_places(outside: Iterable[Outside]) -> list[dict]:
    """One entry per place outside Ukraine: its reports, articles and sentences."""
    places: dict[tuple[str, str], dict] = {}
    for o in outside:
        entry = places.get((o.place, o.country))
        if entry is None:
            entry = places[o.place, o.country] = {
                "place": o.place,
                "country": o.country,
                "reports": 0,
                # dicts as ordered sets (first seen first): a list searched per
                # report grew with the square of a region's articles (20,000
                # in a 100,000-article run)
                "articles": {},
                "evidence": {},
            }
        entry["reports"] += 1
        entry["articles"][o.article] = None
        entry["evidence"][o.evidence] = None
    for entry in places.values():
        entry["articles"] = list(entry["articles"])
        entry["evidence"] = list(entry["evidence"])
    return [places[k] for k in sorted(places)]


def within_dates(
    features: list[dict],
    since: date | str | None = None,
    until: date | str | None = None,
) -> list[dict]:
    """The events dated within ``[since, until]`` (both inclusive).

    The same rule as :func:`geo.tables.frames.filter_dates`, on features.

    Parameters
    ----------
    features : list of dict
        Event Features.
    since, until : datetime.date or ISO str, optional
        Bounds; ``None`` leaves that side open.

    Returns
    -------
    list of dict
        ``features`` itself when no bound is given.  Otherwise a new list of
        the same type (a :class:`~geo.extract.records.Normalized` list stays one);
        events with a null date are dropped, since nothing says they fall
        inside the range.
    """
    if since is None and until is None:
        return features
    lo = _iso(since) or ""
    hi = _iso(until) or "9999-12-31"
    return type(features)(
        f
        for f in features
        if f["properties"]["date"] and lo <= f["properties"]["date"][:10] <= hi
    )


def collect(
    items: Iterable[Skipped | tuple[Article, Extraction, bool]],
    on_article: Callable[[ArticleStatus], None] | None = None,
) -> RunResult:
    """Turn a stream of extractions and skips into the events and the run report.

    Both engines (:func:`geo.engines.pipeline.run` and
    :func:`geo.engines.distributed.run_dask`) end here.

    Parameters
    ----------
    items : iterable
        In input order: a :class:`~geo.ingest.articles.Skipped`, or an
        ``(article, extraction, cached)`` triple.
    on_article : callable, optional
        Called with each status as it is noted.

    Returns
    -------
    RunResult
    """
    with _keeping():
        return _collect(items, on_article)


@contextmanager
def _keeping() -> Iterator[None]:
    """Collect cyclic garbage rarely while a run keeps what it reads.

    A run holds every report until the end and makes next to no cyclic
    garbage, yet the collector rescans all it holds as it grows: that took a
    fifth of the main process's time.  Inside, collections are rare and what
    has been kept is frozen out of them (:func:`gc.freeze`) every few thousand
    articles; the thresholds are restored and the objects unfrozen after.
    """
    before = gc.get_threshold()
    gc.set_threshold(100_000, 50, 100)
    try:
        yield
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()


def _collect(
    items: Iterable[Skipped | tuple[Article, Extraction, bool]],
    on_article: Callable[[ArticleStatus], None] | None,
) -> RunResult:
    result = RunResult()
    reports: list[Report] = []
    for n, item in enumerate(items, 1):
        if n % 4096 == 0:
            gc.freeze()
        if isinstance(item, Skipped):
            status = ArticleStatus(
                article=item.source,
                source=item.source,
                status="skipped",
                reason=item.reason,
            )
        else:
            article, ex, cached = item
            reports.extend(ex.reports)
            result.outside.extend(ex.outside)
            result.ignored.extend(ex.ignored)
            status = ArticleStatus(
                article=article.id,
                source=article.source,
                status=_status(article, ex),
                published=article.published.isoformat() if article.published else None,
                date_source=article.date_source,
                reports=len(ex.reports),
                cached=cached,
                # reading problems, then extraction problems (when either
                # records them)
                warnings=tuple(getattr(article, "warnings", ()))
                + tuple(getattr(ex, "warnings", ())),
                lang=getattr(article, "lang", None),
            )
        result.articles.append(status)
        if on_article:
            on_article(status)
    result.features = event_features(merge_reports(reports))
    return result
