"""Scoring strike events against a hand annotation (the gold format).

The gold format is the one of ``shared/gold/seeds.json``: one row per
(article, place, date) report in ``events`` (``required`` or optional),
``not_events`` (places an article names that were not struck) and ``merged``
(reports of one event by several articles).  The events to score are the
GeoJSON features strikemap writes; a feature that merges several articles is
expanded into one report per source article before matching.

Matching is per article, greedy and one to one, best pair first: a gold event
of precision ``"city"`` matches a report in the same oblast (ISO 3166-2
``admin1``) within :data:`RADIUS_KM` of the gold point; one of precision
``"region"`` matches any report in the same oblast.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeGuard

from gazetteer.exc import InputError
from gazetteer.geodesy import distance_km
from geo.events.coerce import coerce_feature
from geo.events.files import load_events
from geo.events.records import Event
from geo.events.vocab import ACTORS, PRECISIONS

__all__ = [
    "RADIUS_KM",
    "EvalResult",
    "Match",
    "Miss",
    "FalsePositive",
    "NotEventHit",
    "DateError",
    "CasualtyError",
    "ActorError",
    "MergeResult",
    "evaluate",
    "format_report",
    "load_gold",
    "load_features",
]

#: Largest distance, in km, between a report and a gold ``city`` event it matches.
RADIUS_KM = 25.0

_PRECISIONS = ("city", "region")
_CASUALTY_FIELDS = ("killed", "injured")
# Report precisions that fit each gold precision best (used to order pairs).
# (the schema lists precisions finest first: settlement, district | raion, oblast)
_FINE = frozenset(PRECISIONS[:2])
_COARSE = frozenset(PRECISIONS[2:])
# Generic words ignored when comparing a not-event's name with a report's place.
_GENERIC_WORDS = frozenset(
    {"oblast", "region", "city", "raion", "district", "province"}
)


# --------------------------------------------------------------------------
# Result records
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Match:
    """A gold event and the report matched to it."""

    article: str
    gold_place: str
    report_place: str
    feature_id: str
    required: bool
    distance_km: float | None
    date_ok: bool


@dataclass(frozen=True, slots=True)
class Miss:
    """A required gold event no report matched.

    ``nearest`` describes a report of the same article that came close (same
    oblast, or within the radius) and why it did not match; "" when none did.
    """

    article: str
    place: str
    admin1: str
    precision: str
    nearest: str


@dataclass(frozen=True, slots=True)
class FalsePositive:
    """A report that matches no gold event."""

    article: str
    place: str
    admin1: str | None
    feature_id: str
    reason: str


@dataclass(frozen=True, slots=True)
class NotEventHit:
    """A report placed where the gold says nothing was struck."""

    article: str
    place: str
    admin1: str | None
    feature_id: str
    gold_place: str
    why: str


@dataclass(frozen=True, slots=True)
class DateError:
    """A matched event whose date is wrong (or invented)."""

    article: str
    place: str
    expected: tuple[str, str] | None
    got: str | None
    reason: str
    required: bool


@dataclass(frozen=True, slots=True)
class CasualtyError:
    """A matched event whose killed or injured count differs from the gold."""

    article: str
    place: str
    field: str
    expected: int
    got: int | None


@dataclass(frozen=True, slots=True)
class ActorError:
    """A matched event whose side that fired (``actor``) differs from the gold."""

    article: str
    place: str
    expected: str
    got: str


@dataclass(frozen=True, slots=True)
class MergeResult:
    """Whether one feature carries all the articles of a gold ``merged`` entry."""

    place: str
    date: str | None
    articles: tuple[str, ...]
    satisfied: bool
    feature_id: str | None


@dataclass(frozen=True, slots=True)
class EvalResult:
    """The scores of one evaluation, with the lists behind them.

    Attributes
    ----------
    n_articles : int
        Articles the gold covers; reports of other articles are ignored.
    n_required, n_found : int
        Required gold events, and how many were matched (place and oblast).
    recall : float or None
        ``n_found / n_required``.
    n_found_oblast, recall_oblast :
        The same when only the oblast must agree (no distance test).
    n_found_km, recall_km :
        The same when only the distance must agree (``city`` events within
        :data:`RADIUS_KM` in any oblast; ``region`` events by oblast).
    n_optional, n_optional_found : int
        Optional gold events, and how many were matched.
    n_reports : int
        (article, event) reports in covered articles.
    n_excluded : int
        Reports matched to optional events: neither true nor false positives.
    n_false_positives : int
        Reports matched to no gold event (including not-event hits).
    precision : float or None
        ``n_found / (n_reports - n_excluded)``.
    f1 : float or None
        Harmonic mean of precision and recall.
    n_date_checked, n_date_correct, date_accuracy :
        Matched required events, and how many have a right date.
    n_casualty_checked, n_casualty_agree, casualty_agreement :
        Killed/injured figures the gold states for matched required events,
        and how many the reports repeat exactly.
    n_casualty_events, n_casualty_events_ok, casualty_event_agreement :
        Matched required events, and how many have both figures right: the
        killed and the injured the article's source gives equal the gold's,
        a figure the gold leaves out (the text does not state it) included,
        which the source must leave null too.
    n_merged, n_merged_ok : int
        Gold ``merged`` entries, and how many one feature satisfies.
    matches, misses, false_positives, not_event_hits : tuple
        The records behind the numbers (not-event hits are also listed among
        the false positives).
    date_errors, casualty_errors, merge_results : tuple
        The records behind the date, casualty and merge scores.
    n_actor_checked, n_actor_agree, actor_agreement :
        Matched required events whose gold row gives an ``actor``, and how
        many events name the same side (``russia``, ``ukraine``,
        ``unknown``); 0, 0 and None when the gold gives none.
    actor_errors : tuple of ActorError
        The records behind the actor score.
    """

    n_articles: int
    n_required: int
    n_found: int
    recall: float | None
    n_found_oblast: int
    recall_oblast: float | None
    n_found_km: int
    recall_km: float | None
    n_optional: int
    n_optional_found: int
    n_reports: int
    n_excluded: int
    n_false_positives: int
    precision: float | None
    f1: float | None
    n_date_checked: int
    n_date_correct: int
    date_accuracy: float | None
    n_casualty_checked: int
    n_casualty_agree: int
    casualty_agreement: float | None
    n_casualty_events: int
    n_casualty_events_ok: int
    casualty_event_agreement: float | None
    n_merged: int
    n_merged_ok: int
    matches: tuple[Match, ...]
    misses: tuple[Miss, ...]
    false_positives: tuple[FalsePositive, ...]
    not_event_hits: tuple[NotEventHit, ...]
    date_errors: tuple[DateError, ...]
    casualty_errors: tuple[CasualtyError, ...]
    merge_results: tuple[MergeResult, ...]
    n_actor_checked: int = 0
    n_actor_agree: int = 0
    actor_agreement: float | None = None
    actor_errors: tuple[ActorError, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Return the result as plain JSON-ready data (lists and dicts).

        Returns
        -------
        dict
        """
        return json.loads(json.dumps(dataclasses.asdict(self)))


# --------------------------------------------------------------------------
# Internal records
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Gold:
    index: int
    article: str
    place: str
    admin1: str
    precision: str
    lat: float | None
    lon: float | None
    window: tuple[dt.date, dt.date] | None
    required: bool
    killed: int | None
    injured: int | None
    actor: str | None = None


@dataclass(frozen=True, slots=True)
class _NotEvent:
    article: str
    place: str
    admin1: str | None
    lat: float | None
    lon: float | None
    why: str


@dataclass(frozen=True, slots=True)
class _Merged:
    place: str
    date: str | None
    articles: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Report:
    index: int
    article: str
    feature_id: str
    place: str
    admin1: str | None
    precision: str
    lat: float | None
    lon: float | None
    date: dt.date | None
    killed: int | None
    injured: int | None
    actor: str = "unknown"


# --------------------------------------------------------------------------
# Parsing
# --------------------------------------------------------------------------


def _iso(value: Any, what: str, source: str) -> dt.date:
    if not isinstance(value, str):
        raise InputError(source, f"{what}: expected an ISO date, got {value!r}")
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        raise InputError(source, f"{what}: bad date {value!r}") from None


def _number(value: Any) -> TypeGuard[int | float]:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _count(value: Any, what: str, source: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InputError(source, f"{what}: expected a count, got {value!r}")
    return value


def _actor(value: Any, what: str, source: str) -> str | None:
    if value is None:
        return None
    if value not in ACTORS:
        raise InputError(
            source, f"{what}: expected one of {', '.join(ACTORS)}, got {value!r}"
        )
    return str(value)


def _parse_gold(
    gold: Any, source: str
) -> tuple[list[_Gold], list[_NotEvent], list[_Merged], set[str]]:
    if not isinstance(gold, Mapping):
        raise InputError(source, "gold is not a JSON object")
    events = gold.get("events")
    if not isinstance(events, list):
        raise InputError(source, "gold has no 'events' list")
    golds: list[_Gold] = []
    for i, e in enumerate(events):
        what = f"events[{i}]"
        if not isinstance(e, Mapping):
            raise InputError(source, f"{what}: not an object")
        article, admin1 = e.get("article"), e.get("admin1")
        if not isinstance(article, str) or not article:
            raise InputError(source, f"{what}: missing 'article'")
        if not isinstance(admin1, str) or not admin1:
            raise InputError(source, f"{what}: missing 'admin1'")
        precision = e.get("precision")
        if precision not in _PRECISIONS:
            raise InputError(source, f"{what}: precision must be 'city' or 'region'")
        lat, lon = e.get("lat"), e.get("lon")
        if precision == "city" and not (_number(lat) and _number(lon)):
            raise InputError(source, f"{what}: a 'city' event needs lat and lon")
        window = e.get("date_window")
        if window is not None:
            if not isinstance(window, list) or len(window) != 2:
                raise InputError(
                    source, f"{what}: date_window must be [from, to] or null"
                )
            lo, hi = (_iso(w, f"{what}.date_window", source) for w in window)
            if lo > hi:
                raise InputError(source, f"{what}: date_window ends before it starts")
            window = (lo, hi)
        required = e.get("required", True)
        if not isinstance(required, bool):
            raise InputError(source, f"{what}: 'required' must be true or false")
        golds.append(
            _Gold(
                index=i,
                article=article,
                place=str(e.get("place") or admin1),
                admin1=admin1,
                precision=precision,
                lat=float(lat) if _number(lat) else None,
                lon=float(lon) if _number(lon) else None,
                window=window,
                required=required,
                killed=_count(e.get("killed"), f"{what}.killed", source),
                injured=_count(e.get("injured"), f"{what}.injured", source),
                actor=_actor(e.get("actor"), f"{what}.actor", source),
            )
        )
    not_events: list[_NotEvent] = []
    for i, n in enumerate(gold.get("not_events") or []):
        what = f"not_events[{i}]"
        if not isinstance(n, Mapping):
            raise InputError(source, f"{what}: not an object")
        article, place, admin1 = n.get("article"), n.get("place"), n.get("admin1")
        if not isinstance(article, str) or not isinstance(place, str) or not place:
            raise InputError(source, f"{what}: needs 'article' and 'place'")
        if admin1 is not None and not isinstance(admin1, str):
            raise InputError(source, f"{what}: 'admin1' must be a code or null")
        lat, lon = n.get("lat"), n.get("lon")
        point = (float(lat), float(lon)) if _number(lat) and _number(lon) else None
        not_events.append(
            _NotEvent(
                article=article,
                place=place,
                admin1=admin1 or None,
                lat=point[0] if point else None,
                lon=point[1] if point else None,
                why=str(n.get("why") or ""),
            )
        )
    merged: list[_Merged] = []
    for i, m in enumerate(gold.get("merged") or []):
        what = f"merged[{i}]"
        arts = m.get("articles") if isinstance(m, Mapping) else None
        if (
            not isinstance(arts, list)
            or not arts
            or not all(isinstance(a, str) for a in arts)
        ):
            raise InputError(source, f"{what}: needs a list of 'articles'")
        date = m.get("date")
        merged.append(
            _Merged(
                place=str(m.get("place") or ""),
                date=date if isinstance(date, str) else None,
                articles=tuple(arts),
            )
        )
    articles = gold.get("articles") or {}
    if not isinstance(articles, Mapping):
        raise InputError(source, "'articles' must be an object")
    covered = set(articles) | {g.article for g in golds}
    covered |= {n.article for n in not_events}
    return golds, not_events, merged, covered


def _events(features: Sequence[Event | Mapping[str, Any]], source: str) -> list[Event]:
    """The events to score: Events as they are, feature dicts read leniently."""
    events: list[Event] = []
    for fi, feature in enumerate(features):
        if isinstance(feature, Event):
            events.append(feature)
            continue
        if not isinstance(feature, Mapping):
            raise InputError(source, f"feature {fi}: not an object")
        if not isinstance(feature.get("properties"), Mapping):
            raise InputError(source, f"feature {fi}: no properties")
        try:
            events.append(coerce_feature(feature))
        except InputError as exc:
            raise InputError(source, f"{exc.source}: {exc.reason}") from None
    return events


def _reports(events: Sequence[Event]) -> list[_Report]:
    """One report per (event, article): a merged event counts once per source."""
    reports: list[_Report] = []
    for fi, event in enumerate(events):
        fid = event.id or str(fi)
        seen: set[str] = set()
        for s in event.sources:
            if not s.article or s.article in seen:
                continue
            seen.add(s.article)
            reports.append(
                _Report(
                    index=len(reports),
                    article=s.article,
                    feature_id=fid,
                    place=event.place,
                    admin1=event.admin1_code or None,
                    precision=event.precision,
                    lat=event.lat,
                    lon=event.lon,
                    date=event.date,
                    # gold rows are per article: of an event several articles
                    # report, the figures this one gives (the event has the
                    # highest of them all)
                    killed=s.killed if len(event.sources) > 1 else event.killed,
                    injured=s.injured if len(event.sources) > 1 else event.injured,
                    actor=event.actor,
                )
            )
    return reports


# --------------------------------------------------------------------------
# Matching
# --------------------------------------------------------------------------


def _distance(g: _Gold | _NotEvent, r: _Report) -> float | None:
    if g.lat is None or g.lon is None or r.lat is None or r.lon is None:
        return None
    return distance_km(g.lat, g.lon, r.lat, r.lon)


def _date_ok(window: tuple[dt.date, dt.date] | None, got: dt.date | None) -> bool:
    if window is None:
        return got is None
    return got is not None and window[0] <= got <= window[1]


# A fit test: (gold, report, radius) -> (matches, distance in km or None).
_Fit = Callable[[_Gold, _Report, float], tuple[bool, float | None]]


def _fit_both(g: _Gold, r: _Report, radius: float) -> tuple[bool, float | None]:
    if r.admin1 != g.admin1:
        return False, None
    if g.precision == "region":
        return True, _distance(g, r)
    d = _distance(g, r)
    return d is not None and d <= radius, d


def _fit_oblast(g: _Gold, r: _Report, radius: float) -> tuple[bool, float | None]:
    return r.admin1 == g.admin1, _distance(g, r)


def _fit_km(g: _Gold, r: _Report, radius: float) -> tuple[bool, float | None]:
    if g.precision == "region":
        return r.admin1 == g.admin1, _distance(g, r)
    d = _distance(g, r)
    return d is not None and d <= radius, d


def _greedy(
    golds: Sequence[_Gold],
    by_article: Mapping[str, Sequence[_Report]],
    fit: _Fit,
    radius: float,
) -> dict[int, tuple[_Report, float | None]]:
    """Match gold events to reports one to one, best pair first.

    Pairs are ranked: required events first, then a right date, then a
    report whose precision suits the gold one (a settlement for a city, an
    oblast for a region), then the shorter distance, then input order.
    """
    pairs = []
    for g in golds:
        for r in by_article.get(g.article, ()):
            ok, d = fit(g, r, radius)
            if not ok:
                continue
            suits = r.precision in (_FINE if g.precision == "city" else _COARSE)
            key = (
                not g.required,
                not _date_ok(g.window, r.date),
                not suits,
                0.0 if g.precision == "region" or d is None else d,
                g.index,
                r.index,
            )
            pairs.append((key, g, r, d))
    pairs.sort(key=lambda p: p[0])
    taken: set[int] = set()
    out: dict[int, tuple[_Report, float | None]] = {}
    for _, g, r, d in pairs:
        if g.index in out or r.index in taken:
            continue
        out[g.index] = (r, d)
        taken.add(r.index)
    return out


def _name_key(name: str) -> str:
    text = re.sub(r"\([^)]*\)", " ", name).casefold()
    words = re.sub(r"[^\w\s-]", "", text).replace("-", " ").split()
    while len(words) > 1 and words[-1] in _GENERIC_WORDS:
        words.pop()
    return " ".join(words)


def _not_event_for(
    r: _Report, not_events: Iterable[_NotEvent], radius: float
) -> _NotEvent | None:
    for n in not_events:
        if n.article != r.article:
            continue
        if n.admin1 is not None and n.admin1 != r.admin1:
            continue
        if _name_key(n.place) == _name_key(r.place):
            return n
        d = _distance(n, r)
        if d is not None and d <= radius:
            return n
    return None


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def _fmt_window(window: tuple[dt.date, dt.date] | None) -> tuple[str, str] | None:
    return None if window is None else (window[0].isoformat(), window[1].isoformat())


# --------------------------------------------------------------------------
# Evaluation
# --------------------------------------------------------------------------


def evaluate(
    gold: Mapping[str, Any],
    features: Sequence[Event | Mapping[str, Any]],
    *,
    radius_km: float = RADIUS_KM,
) -> EvalResult:
    """Score strikemap's events against a gold annotation.

    Parameters
    ----------
    gold : mapping
        The gold annotation (format of ``shared/gold/seeds.json``).
    features : sequence of Event or mapping
        strikemap's events: :class:`~geo.events.records.Event` records, or
        GeoJSON features read with :func:`geo.events.coerce.coerce_feature`
        (what is scored: ``date``, ``admin1_code``, ``place``,
        ``precision``, ``killed``, ``injured``, the point and the
        ``sources``' articles).
    radius_km : float, optional
        Largest distance for a ``city`` match (inclusive).

    Returns
    -------
    EvalResult

    Raises
    ------
    InputError
        When the gold or a feature is malformed (source ``"gold"`` or
        ``"events"``).

    Notes
    -----
    A report matched to no gold event is a false positive.  Its reason says
    whether it hits a ``not_events`` entry (same article, same oblast when
    the entry gives one, and the same place name or, when the entry has
    coordinates, within *radius_km*), duplicates an event already matched,
    or is misplaced.  A date is right when it lies in the gold
    ``date_window`` (inclusive); for a null window only a null date is right.
    """
    golds, not_events, merged, covered = _parse_gold(gold, "gold")
    all_reports = _reports(_events(features, "events"))
    reports = [r for r in all_reports if r.article in covered]
    by_article: dict[str, list[_Report]] = defaultdict(list)
    for r in reports:
        by_article[r.article].append(r)

    main = _greedy(golds, by_article, _fit_both, radius_km)
    oblast = _greedy(golds, by_article, _fit_oblast, radius_km)
    km = _greedy(golds, by_article, _fit_km, radius_km)
    required = [g for g in golds if g.required]
    optional = [g for g in golds if not g.required]
    n_found = sum(g.index in main for g in required)

    matches: list[Match] = []
    misses: list[Miss] = []
    date_errors: list[DateError] = []
    casualty_errors: list[CasualtyError] = []
    actor_errors: list[ActorError] = []
    n_date_correct = n_cas_checked = n_cas_agree = n_cas_events_ok = 0
    n_actor_checked = n_actor_agree = 0
    for g in golds:
        if g.index not in main:
            if g.required:
                misses.append(_miss(g, by_article, radius_km))
            continue
        r, d = main[g.index]
        ok = _date_ok(g.window, r.date)
        matches.append(
            Match(g.article, g.place, r.place, r.feature_id, g.required, d, ok)
        )
        if not ok:
            date_errors.append(_date_error(g, r))
        if not g.required:
            continue
        n_date_correct += ok
        if g.actor is not None:
            n_actor_checked += 1
            if r.actor == g.actor:
                n_actor_agree += 1
            else:
                actor_errors.append(ActorError(g.article, g.place, g.actor, r.actor))
        n_cas_events_ok += all(
            getattr(r, name) == getattr(g, name) for name in _CASUALTY_FIELDS
        )
        for name in _CASUALTY_FIELDS:
            expected = getattr(g, name)
            if expected is None:
                continue
            got = getattr(r, name)
            n_cas_checked += 1
            if got == expected:
                n_cas_agree += 1
            else:
                casualty_errors.append(
                    CasualtyError(g.article, g.place, name, expected, got)
                )

    matched_to = {main[g.index][0].index: g for g in golds if g.index in main}
    false_positives: list[FalsePositive] = []
    not_event_hits: list[NotEventHit] = []
    n_excluded = 0
    for r in reports:
        hit = matched_to.get(r.index)
        if hit is not None:
            n_excluded += not hit.required
            continue
        n = _not_event_for(r, not_events, radius_km)
        if n is not None:
            not_event_hits.append(
                NotEventHit(r.article, r.place, r.admin1, r.feature_id, n.place, n.why)
            )
            reason = f"not an event: {n.place}" + (f" ({n.why})" if n.why else "")
        else:
            reason = _fp_reason(r, golds, main, radius_km)
        false_positives.append(
            FalsePositive(r.article, r.place, r.admin1, r.feature_id, reason)
        )

    merge_results = [_merge_result(m, all_reports) for m in merged]
    n_scored = len(reports) - n_excluded
    precision = _ratio(n_found, n_scored)
    recall = _ratio(n_found, len(required))
    f1 = (
        2 * precision * recall / (precision + recall)
        if precision is not None and recall is not None and precision + recall > 0
        else None
    )
    return EvalResult(
        n_articles=len(covered),
        n_required=len(required),
        n_found=n_found,
        recall=recall,
        n_found_oblast=sum(g.index in oblast for g in required),
        recall_oblast=_ratio(sum(g.index in oblast for g in required), len(required)),
        n_found_km=sum(g.index in km for g in required),
        recall_km=_ratio(sum(g.index in km for g in required), len(required)),
        n_optional=len(optional),
        n_optional_found=sum(g.index in main for g in optional),
        n_reports=len(reports),
        n_excluded=n_excluded,
        n_false_positives=len(false_positives),
        precision=precision,
        f1=f1,
        n_date_checked=n_found,
        n_date_correct=n_date_correct,
        date_accuracy=_ratio(n_date_correct, n_found),
        n_casualty_checked=n_cas_checked,
        n_casualty_agree=n_cas_agree,
        casualty_agreement=_ratio(n_cas_agree, n_cas_checked),
        n_casualty_events=n_found,
        n_casualty_events_ok=n_cas_events_ok,
        casualty_event_agreement=_ratio(n_cas_events_ok, n_found),
        n_merged=len(merged),
        n_merged_ok=sum(m.satisfied for m in merge_results),
        matches=tuple(matches),
        misses=tuple(misses),
        false_positives=tuple(false_positives),
        not_event_hits=tuple(not_event_hits),
        date_errors=tuple(date_errors),
        casualty_errors=tuple(casualty_errors),
        merge_results=tuple(merge_results),
        n_actor_checked=n_actor_checked,
        n_actor_agree=n_actor_agree,
        actor_agreement=_ratio(n_actor_agree, n_actor_checked),
        actor_errors=tuple(actor_errors),
    )


def _date_error(g: _Gold, r: _Report) -> DateError:
    if g.window is None:
        reason = "invented date: the text gives none"
    elif r.date is None:
        reason = "no date"
    else:
        reason = "outside the window"
    return DateError(
        article=g.article,
        place=g.place,
        expected=_fmt_window(g.window),
        got=r.date.isoformat() if r.date else None,
        reason=reason,
        required=g.required,
    )


def _describe_near(g: _Gold, r: _Report, radius: float) -> str:
    d = _distance(g, r)
    where = f"{r.place or '?'} [{r.admin1 or 'no oblast'}]"
    if r.admin1 != g.admin1:
        return f"{where}: other oblast than {g.admin1}"
    if g.precision == "city" and (d is None or d > radius):
        return f"{where}: " + (f"{d:.0f} km away" if d is not None else "no point")
    return f"{where}: already matched to another event"


def _miss(g: _Gold, by_article: Mapping[str, Sequence[_Report]], radius: float) -> Miss:
    close = [
        r
        for r in by_article.get(g.article, ())
        if _fit_oblast(g, r, radius)[0] or _fit_km(g, r, radius)[0]
    ]
    if not close:
        return Miss(g.article, g.place, g.admin1, g.precision, "")
    nearest = min(close, key=lambda r: (_distance(g, r) is None, _distance(g, r) or 0))
    return Miss(
        g.article, g.place, g.admin1, g.precision, _describe_near(g, nearest, radius)
    )


def _fp_reason(
    r: _Report,
    golds: Sequence[_Gold],
    main: Mapping[int, tuple[_Report, float | None]],
    radius: float,
) -> str:
    for g in golds:
        if g.article == r.article and _fit_both(g, r, radius)[0]:
            return f"duplicate of {g.place}"
    for g in golds:
        if g.article != r.article or g.index in main:
            continue
        if _fit_oblast(g, r, radius)[0] or _fit_km(g, r, radius)[0]:
            d = _distance(g, r)
            if r.admin1 != g.admin1:
                return f"misplaced: {g.place} is in {g.admin1}"
            if d is not None:
                return f"misplaced: {g.place} is {d:.0f} km away"
            return f"misplaced: no point to compare with {g.place}"
    return "no such event in the gold"


def _merge_result(m: _Merged, reports: Sequence[_Report]) -> MergeResult:
    by_feature: dict[str, set[str]] = defaultdict(set)
    for r in reports:
        by_feature[r.feature_id].add(r.article)
    wanted = set(m.articles)
    for fid, arts in by_feature.items():
        if wanted <= arts:
            return MergeResult(m.place, m.date, m.articles, True, fid)
    return MergeResult(m.place, m.date, m.articles, False, None)


# --------------------------------------------------------------------------
# Files and report
# --------------------------------------------------------------------------


def _read_json(path: str | os.PathLike[str]) -> Any:
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise InputError(str(path), "not UTF-8 text") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            str(path), f"invalid JSON: {exc.msg} (line {exc.lineno})"
        ) from None


def load_gold(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Read and check a gold annotation file.

    Parameters
    ----------
    path : str or path-like
        JSON file in the format of ``shared/gold/seeds.json``.

    Returns
    -------
    dict
        The parsed gold, ready for :func:`evaluate`.

    Raises
    ------
    InputError
        When the file cannot be read, is not JSON or is not in the gold
        format (the reason names the offending entry).
    """
    gold = _read_json(path)
    _parse_gold(gold, str(path))
    return gold


def load_features(path: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """Read strikemap's events: a GeoJSON FeatureCollection or feature sequence.

    Parameters
    ----------
    path : str or path-like
        A FeatureCollection, a Feature, or one Feature per line (GeoJSON text
        sequence, RFC 8142, or newline-delimited).

    Returns
    -------
    list of dict
        The features in file order, each read through its record
        (:func:`geo.events.files.load_events`, then
        :meth:`~geo.events.records.Event.to_feature`).

    Raises
    ------
    InputError
        When the file cannot be read or is not valid event GeoJSON (one line:
        the first problem of :func:`geo.events.schema.validate_geojson`).
    """
    return [e.to_feature() for e in load_events(path)]


def _pct(num: int, den: int) -> str:
    return f"{num}/{den}".rjust(7) + (
        f"  {100 * num / den:5.1f}%" if den else "    n/a"
    )


def format_report(result: EvalResult) -> str:
    """Render an evaluation for people: the scores, then misses and errors by name.

    Parameters
    ----------
    result : EvalResult

    Returns
    -------
    str
        Several lines, without a trailing newline.
    """
    r = result
    n_scored = r.n_reports - r.n_excluded
    lines = [
        f"Evaluation: {r.n_articles} articles, {r.n_required} required events "
        f"({r.n_optional} optional), {r.n_reports} reports",
        f"  recall             {_pct(r.n_found, r.n_required)}",
        f"    oblast only      {_pct(r.n_found_oblast, r.n_required)}",
        f"    distance only    {_pct(r.n_found_km, r.n_required)}",
        f"  precision          {_pct(r.n_found, n_scored)}"
        + (
            f"   ({r.n_excluded} reports of optional events not counted)"
            if r.n_excluded
            else ""
        ),
        "  F1" + " " * 26 + (f"{100 * r.f1:5.1f}%" if r.f1 is not None else "  n/a"),
        f"  dates right        {_pct(r.n_date_correct, r.n_date_checked)}",
        f"  casualties agree   {_pct(r.n_casualty_agree, r.n_casualty_checked)}",
        f"    per event        {_pct(r.n_casualty_events_ok, r.n_casualty_events)}"
        "   (killed and injured both right)",
        f"  merges             {_pct(r.n_merged_ok, r.n_merged)}",
        f"  optional found     {_pct(r.n_optional_found, r.n_optional)}",
    ]
    if r.n_actor_checked:
        lines.insert(
            -2, f"  actor agrees       {_pct(r.n_actor_agree, r.n_actor_checked)}"
        )
    if r.misses:
        lines.append(f"Misses ({len(r.misses)}):")
        for m in r.misses:
            near = f"; nearest: {m.nearest}" if m.nearest else ""
            lines.append(f"  {m.article}  {m.place} [{m.admin1}, {m.precision}]{near}")
    if r.false_positives:
        lines.append(f"False positives ({len(r.false_positives)}):")
        for f in r.false_positives:
            lines.append(
                f"  {f.article}  {f.place or '?'} [{f.admin1 or 'no oblast'}]"
                f"  feature {f.feature_id}: {f.reason}"
            )
    if r.date_errors:
        lines.append(f"Date errors ({len(r.date_errors)}):")
        for e in r.date_errors:
            expected = "no date" if e.expected is None else " to ".join(e.expected)
            opt = "" if e.required else " (optional event)"
            lines.append(
                f"  {e.article}  {e.place}: expected {expected}, "
                f"got {e.got or 'no date'} ({e.reason}){opt}"
            )
    if r.casualty_errors:
        lines.append(f"Casualty mismatches ({len(r.casualty_errors)}):")
        for c in r.casualty_errors:
            got = "none" if c.got is None else c.got
            lines.append(
                f"  {c.article}  {c.place}: {c.field} {got}, gold {c.expected}"
            )
    if r.actor_errors:
        lines.append(f"Actor mismatches ({len(r.actor_errors)}):")
        for a in r.actor_errors:
            lines.append(f"  {a.article}  {a.place}: {a.got}, gold {a.expected}")
    if r.merge_results:
        lines.append("Merges:")
        for mr in r.merge_results:
            state = f"ok (feature {mr.feature_id})" if mr.satisfied else "NOT MERGED"
            lines.append(
                f"  {mr.place} {mr.date or ''}".rstrip()
                + f": {', '.join(mr.articles)}: {state}"
            )
    return "\n".join(lines)
