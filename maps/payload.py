"""Everything a strike map page shows, as plain data: no folium, no I/O.

:func:`map_payload` reads merged events, the region summary and the
first-level units into one dict of JSON-able data: the event rows, the period
layers, the oblast polygons and summary rows, the colour scales, the legend
entries and the title.  :func:`maps.build.build_map` turns it into folium
elements, and ``maps/templates/strikemap.js`` draws it in the page.

Text in the payload is plain (unescaped): whatever writes it into a page
escapes it there (:mod:`maps.markup`, :func:`maps.safe.script_json`).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypedDict

import numpy as np

from gazetteer.exc import InputError
from geo.events.vocab import ACTORS, PRECISIONS, TARGETS
from geo.tables.summary import REGION_COLUMNS
from maps.events import MapEvent, read_events
from maps.safe import http_url
from maps.search import place_spellings
from maps.style import (
    WeaponClass,
    cluster_classes,
    color_scale,
    marker_radius,
    radius_examples,
    region_colors,
    weapon_class,
    weapon_classes,
)
from maps.units import event_codes, unit_shapes

__all__ = [
    "map_payload",
    "filter_options",
    "EventRow",
    "SourceRow",
    "EVENT_COLUMNS",
    "SOURCE_COLUMNS",
    "SUMMARY_COLUMNS",
    "TileSource",
    "TILES",
    "ATTRIBUTION",
    "DEFAULT_TITLE",
]

DEFAULT_TITLE = "Strikes on Ukraine"

#: Credits for the data drawn on every map (the tile layer brings its own).
ATTRIBUTION = (
    'Places: <a href="https://www.geonames.org/">GeoNames</a> (CC BY 4.0)'
    " | Oblast boundaries: \u00a9 OpenStreetMap contributors, ODbL 1.0; via "
    '<a href="https://www.geoboundaries.org/">geoBoundaries</a>'
)


@dataclass(frozen=True, slots=True)
class TileSource:
    """A web tile service the map may offer as an optional layer.

    Attributes
    ----------
    url : str
        URL template with ``{z}``, ``{x}`` and ``{y}``.
    attribution : str
        Trusted markup credited while the layer is on.
    label : str
        Name in the layer control.
    max_zoom : int
        Deepest zoom the service has.
    """

    url: str
    attribution: str
    label: str
    max_zoom: int


#: Tile services by the name ``map_payload(tiles=...)`` takes.
TILES = {
    "OpenStreetMap": TileSource(
        "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'
        " contributors",
        "OpenStreetMap base map (online)",
        19,
    ),
}


class SourceRow(TypedDict):
    """One article's report of an event, as the popup lists it."""

    article: str
    url: str | None  # only an http(s) URL; anything else is dropped
    published: str | None
    evidence: list[str]  # the sentences, in order
    killed: int | None
    injured: int | None
    lang: str | None  # the article's language, for the quotes' lang attribute


class EventRow(TypedDict):
    """One event as the page draws it (marker, popup, slider, layers)."""

    id: str
    lon: float
    lat: float
    day: int | None  # days after the first event's date; None: undated
    cls: int  # index of the weapon class (payload "weapon_classes")
    radius: float  # marker radius in pixels
    group: int  # index of the period layer (payload "periods")
    date: str | None
    date_precision: str | None  # None for "day"
    place: str
    place_uk: str | None  # the Ukrainian name, when it differs from ``place``
    precision: str
    admin1: str
    code: str | None  # the unit's code: its own, else the unit it lies in
    killed: int | None
    injured: int | None
    weapons: str  # schema keys joined by ", "; the page says them in words
    targets: str
    launched: str | None  # "ballistic missile 4, drone 30"
    actor: str  # who fired: "russia", "ukraine" or "unknown"
    note: str | None
    sources: list[SourceRow]


#: Names of an event row's fields, in the order of the page's compact rows.
EVENT_COLUMNS: tuple[str, ...] = tuple(EventRow.__annotations__)
#: Names of a source's fields, in the order of the page's compact sources.
SOURCE_COLUMNS: tuple[str, ...] = tuple(SourceRow.__annotations__)
#: Columns of the region summary table the map reads, by name.
SUMMARY_COLUMNS: tuple[str, ...] = tuple(REGION_COLUMNS)
#: Columns the map needs to show a summary row as it is; without them (an
#: older table that counted an unknown figure as 0) the page works the rows
#: out from its events.
_NEEDED = ("admin1_code", "events", "killed", "injured")
_NOT_STATED = ("killed_not_stated", "injured_not_stated")
_KEPT_EMPTY = ("top_weapons", "top_targets")


def map_payload(
    events: Any,
    summary: Any,
    *,
    boundaries: Any,
    title: str | None = None,
    cluster_threshold: int = 200,
    tiles: str | None = "OpenStreetMap",
    spellings: bool = True,
) -> dict[str, Any]:
    """Work out everything a strike map page shows, as plain JSON-able data.

    Pure: reads nothing from disk but package data (the boundaries are an
    argument; the palette, and the gazetteer for ``spellings``, are read
    once) and draws nothing;
    the same input gives an equal payload.  A figure no source states stays
    ``None`` everywhere.

    Parameters
    ----------
    events : geopandas.GeoDataFrame or list of dict or dict
        Merged events in the event schema (see
        :func:`maps.events.read_events`); events without a point are skipped.
    summary : pandas.DataFrame or None
        The region summary table, read by column name
        (:data:`SUMMARY_COLUMNS`).  ``None``, or a table without
        ``killed_not_stated``/``injured_not_stated``, gives ``"summary":
        None`` (the page works the rows out from the events).
    boundaries : geopandas.GeoDataFrame
        First-level units with ``admin1_code``, ``admin1`` and polygons (e.g.
        ``gazetteer.admin1_boundaries()``).
    title : str, optional
        Heading; defaults to :data:`DEFAULT_TITLE`.
    cluster_threshold : int, default 200
        Markers cluster when there are more events than this.
    tiles : str or None, default "OpenStreetMap"
        A key of :data:`TILES` (an optional layer), or ``None``.
    spellings : bool, default True
        Whether to add every spelling the gazetteer knows for the places on
        the map, for the page's search (:func:`maps.search.place_spellings`).

    Returns
    -------
    dict
        ``title`` and ``subtitle`` (plain text); ``bounds``
        (``[[south, west], [north, east]]``); ``boundaries`` (``geo``: the
        units as GeoJSON, ``country``: outline lines, ``names``: name per
        code; shared between payloads of the same boundaries, read-only);
        ``summary`` (``{code: {column: cell}}`` or ``None``); ``periods``
        (``key``, ``label``, ``count`` per layer, months or days, undated
        last); ``events`` (one :class:`EventRow` each, in input order);
        ``timeline`` (``start``, ``days``, ``undated``); ``cluster``
        (bool); ``weapon_classes`` and ``cluster_classes``;
        ``choropleths`` (one per kind: ``kind``, ``layer``, ``heading``,
        ``show``, ``breaks``, ``colors``, ``zero_color``, ``no_events``,
        ``not_stated``, ``swatches``); ``legend`` (``weapons`` with counts,
        ``sizes``, ``clusters``, ``undated``); ``filters`` (see
        :func:`filter_options`); ``tiles`` (or ``None``);
        ``attribution`` (trusted markup); ``spellings`` (``{place key:
        [folded name, ...]}``, empty without ``spellings``).

    Raises
    ------
    InputError
        When ``events``, ``summary`` or ``boundaries`` cannot be read.
    ValueError
        When ``tiles`` is not a key of :data:`TILES`.

    Examples
    --------
    >>> import gazetteer
    >>> p = map_payload([], None, boundaries=gazetteer.admin1_boundaries())
    >>> p["subtitle"], p["events"], p["summary"]
    ('dates unknown · 0 events', [], None)
    """
    if tiles is not None and tiles not in TILES:
        raise ValueError(f"tiles must be one of {sorted(TILES)} or None, not {tiles!r}")
    records = read_events(events)
    units = unit_shapes(boundaries)
    codes = event_codes(records, units.shapes)
    summary_rows = read_summary(summary)

    days = sorted({e.day for e in records if e.day is not None})
    start = days[0] if days else None
    span = (days[-1] - days[0]).days + 1 if days else 0
    periods, group_of = _periods(records, per_day=0 < span <= 31)

    classes = weapon_classes()
    class_index = {c.key: i for i, c in enumerate(classes)}
    # the class is a function of the weapons: worked out once per distinct
    # tuple of them (a few dozen on a map of 50,000 events)
    class_of: dict[tuple[str, ...], int] = {}
    for e in records:
        if e.weapons not in class_of:
            class_of[e.weapons] = class_index[weapon_class(e.weapons).key]
    rows = [
        event_row(
            e,
            start=start,
            cls=class_of[e.weapons],
            group=group,
            code=code,
        )
        for e, group, code in zip(records, group_of, codes, strict=True)
    ]
    undated = sum(1 for e in records if e.day is None)
    clustered = len(records) > cluster_threshold
    choropleths = _choropleths(*_region_values(records, codes, summary_rows))
    class_counts = Counter(r["cls"] for r in rows)
    return {
        "title": title or DEFAULT_TITLE,
        "subtitle": subtitle(records, days),
        "bounds": [list(corner) for corner in units.bounds],
        "boundaries": {
            "geo": units.geo,  # large: shared, read-only
            "country": units.country,  # likewise
            "names": dict(units.names),
        },
        "summary": summary_rows,
        "periods": periods,
        "events": rows,
        "timeline": {
            "start": start.isoformat() if start else None,
            "days": span,
            "undated": undated,
        },
        "cluster": clustered,
        "weapon_classes": [
            {"key": c.key, "label": c.label, "color": c.color} for c in classes
        ],
        "cluster_classes": [
            {"max": c.max, "label": c.label, "color": c.color, "size": c.size}
            for c in cluster_classes()
        ],
        "choropleths": choropleths,
        "legend": _legend(classes, class_counts, clustered, undated),
        "filters": filter_options(rows, classes),
        "tiles": _tiles(tiles),
        "attribution": ATTRIBUTION,
        "spellings": place_spellings(
            (e.place, e.place_uk, e.admin1, e.admin1_code, e.lon, e.lat)
            for e in records
        )
        if spellings and records
        else {},
    }


def _legend(
    classes: Sequence[WeaponClass],
    class_counts: Mapping[int, int],
    clustered: bool,
    undated: int,
) -> dict[str, Any]:
    """The legend's entries (the choropleths bring their own)."""
    return {
        "weapons": [
            {"cls": i, "label": c.label, "color": c.color, "count": class_counts[i]}
            for i, c in enumerate(classes)
            if class_counts.get(i)
        ],
        "sizes": [
            {"label": "0 or not stated" if n == 0 else str(n), "radius": r}
            for n, r in radius_examples()
        ],
        "clusters": [{"label": c.label, "color": c.color} for c in cluster_classes()]
        if clustered
        else [],
        "undated": undated,
    }


#: Words of the actor keys in the page's filters.
_ACTOR_LABELS = {"russia": "Russia", "ukraine": "Ukraine", "unknown": "not stated"}


def filter_options(
    rows: Sequence[EventRow], classes: Sequence[WeaponClass]
) -> dict[str, list[dict[str, Any]]]:
    """Return the choices of the page's filters, with how many events each has.

    Only values some event has are offered, in the schema's order; an event
    with no target named is counted under the key ``""`` ("not stated").

    Parameters
    ----------
    rows : sequence of EventRow
        The events on the map.
    classes : sequence of WeaponClass
        The weapon (marker) classes; a row's ``cls`` indexes them.

    Returns
    -------
    dict
        ``weapons`` (``cls``, ``key``, ``label``, ``color``, ``count``),
        ``targets``, ``precisions`` and ``actors`` (``key``, ``label``,
        ``count``).

    Examples
    --------
    >>> filter_options([], [])
    {'weapons': [], 'targets': [], 'precisions': [], 'actors': []}
    """
    cls = Counter(r["cls"] for r in rows)
    targets: Counter[str] = Counter()
    for r in rows:
        targets.update(r["targets"].split(", ") if r["targets"] else [""])
    precisions = Counter(r["precision"] for r in rows)
    actors = Counter(r["actor"] for r in rows)

    def choices(keys: Iterable[str], counts: Counter[str], label: Any) -> list:
        known = [k for k in keys if counts.get(k)]
        extra = sorted(k for k in counts if k not in known and k)
        return [
            {"key": k, "label": label(k), "count": counts[k]} for k in (*known, *extra)
        ] + (
            [{"key": "", "label": "not stated", "count": counts[""]}]
            if counts.get("")
            else []
        )

    return {
        "weapons": [
            {
                "cls": i,
                "key": c.key,
                "label": c.label,
                "color": c.color,
                "count": cls[i],
            }
            for i, c in enumerate(classes)
            if cls.get(i)
        ],
        "targets": choices(TARGETS, targets, lambda k: k.replace("_", " ")),
        "precisions": choices(PRECISIONS, precisions, str),
        "actors": choices(ACTORS, actors, lambda k: _ACTOR_LABELS.get(k, k)),
    }


def _tiles(name: str | None) -> dict[str, Any] | None:
    if name is None:
        return None
    source = TILES[name]
    return {
        "url": source.url,
        "attribution": source.attribution,
        "label": source.label,
        "max_zoom": source.max_zoom,
    }


# ---- events ----


def event_row(
    e: MapEvent, *, start: dt.date | None, cls: int, group: int, code: str | None
) -> EventRow:
    """Return the page's row of one event.

    Parameters
    ----------
    e : MapEvent
        The event.
    start : datetime.date or None
        The first event's date (``day`` counts from it).
    cls : int
        Index of the event's weapon class.
    group : int
        Index of the event's period layer.
    code : str or None
        The event's first-level unit.

    Returns
    -------
    EventRow
    """
    return {
        "id": e.id,
        "lon": e.lon,
        "lat": e.lat,
        "day": (e.day - start).days
        if e.day is not None and start is not None
        else None,
        "cls": cls,
        "radius": marker_radius(e.killed, e.injured),
        "group": group,
        "date": e.day.isoformat() if e.day else None,
        "date_precision": e.date_precision if e.date_precision != "day" else None,
        "place": e.place,
        "place_uk": e.place_uk if e.place_uk and e.place_uk != e.place else None,
        "precision": e.precision,
        "admin1": e.admin1,
        "code": code,
        "killed": e.killed,
        "injured": e.injured,
        "weapons": ", ".join(e.weapons),
        "targets": ", ".join(e.targets),
        "launched": ", ".join(f"{k.replace('_', ' ')} {n}" for k, n in e.launched)
        or None,
        "actor": e.actor,
        "note": e.note,
        "sources": [
            {
                "article": s.article,
                "url": http_url(s.url),
                "published": s.published,
                "evidence": list(s.evidence),
                "killed": s.killed,
                "injured": s.injured,
                "lang": s.lang,
            }
            for s in e.sources
        ],
    }


def _periods(
    records: Sequence[MapEvent], *, per_day: bool
) -> tuple[list[dict[str, Any]], list[int]]:
    """The period layers (months, or days; undated last) and each record's."""
    width = 10 if per_day else 7
    keys_of = [e.day.isoformat()[:width] if e.day else None for e in records]
    keys: list[str | None] = [*sorted({k for k in keys_of if k is not None})]
    if any(k is None for k in keys_of):
        keys.append(None)
    index = {k: i for i, k in enumerate(keys)}
    counts = Counter(keys_of)
    periods = [
        {
            "key": key,
            "label": f"Undated ({counts[key]:,})"
            if key is None
            else f"Events {key} ({counts[key]:,})",
            "count": counts[key],
        }
        for key in keys
    ]
    return periods, [index[k] for k in keys_of]


# ---- the summary table ----


def read_summary(summary: Any) -> dict[str, dict[str, Any]] | None:
    """Return the summary as ``{admin1_code: {column: cell}}``.

    Columns are read by name, in :data:`SUMMARY_COLUMNS` order; a missing
    column gives ``None`` cells, and a missing or empty figure stays ``None``
    (not stated).

    Parameters
    ----------
    summary : pandas.DataFrame or None
        The region summary table.

    Returns
    -------
    dict or None
        ``None`` when there is no usable table: no table, or one without the
        not-stated counts (which may count an unknown figure as 0).

    Raises
    ------
    InputError
        When ``summary`` is not a table with an ``admin1_code`` column.
    """
    if summary is None:
        return None
    if not hasattr(summary, "to_dict") or not hasattr(summary, "columns"):
        raise InputError("summary", "expected a pandas DataFrame")
    if "admin1_code" not in summary.columns:
        raise InputError("summary", "no admin1_code column")
    if not all(c in summary.columns for c in (*_NEEDED, *_NOT_STATED)):
        return None
    rows: dict[str, dict[str, Any]] = {}
    for record in summary.to_dict("records"):
        code = _cell(record.get("admin1_code"))
        if not code:
            continue
        row = {name: _cell(record.get(name)) for name in SUMMARY_COLUMNS}
        for name, cell in row.items():
            if cell == "" and name not in _KEPT_EMPTY:
                row[name] = None  # an empty CSV cell: not stated
        rows[str(code)] = row
    return rows


def _cell(value: Any) -> Any:
    """Return a summary cell as JSON-friendly data (NaN and NA become None)."""
    if value is None:
        return None
    if isinstance(value, (np.integer, int)) and not isinstance(value, bool):
        return int(value)
    if isinstance(value, (np.floating, float)):
        if not math.isfinite(value):
            return None
        return int(value) if float(value).is_integer() else float(value)
    try:
        import pandas as pd

        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    return str(value)


# ---- choropleths ----


def _region_values(
    records: Sequence[MapEvent],
    codes: Sequence[str | None],
    summary_rows: Mapping[str, Mapping[str, Any]] | None,
) -> tuple[list[int], list[int | None]]:
    """Events and stated casualties per unit with events, over all events."""
    events: Counter[str] = Counter()
    casualties: dict[str, int | None] = {}
    if summary_rows is not None:
        for code, row in summary_rows.items():
            n = row["events"] or 0
            if n <= 0:
                continue
            events[code] = n
            casualties[code] = _stated_sum(row["killed"], row["injured"])
    else:
        for e, unit in zip(records, codes, strict=True):
            if unit is None:
                continue
            events[unit] += 1
            stated = _stated_sum(e.killed, e.injured)
            if stated is not None:
                casualties[unit] = (casualties.get(unit) or 0) + stated
            else:
                casualties.setdefault(unit, None)
    return list(events.values()), list(casualties.values())


def _stated_sum(*figures: int | float | None) -> int | None:
    """The sum of the stated figures; ``None`` when none is stated."""
    stated = [f for f in figures if f is not None]
    return int(sum(stated)) if stated else None


def _choropleths(
    event_values: Sequence[int], casualty_values: Sequence[int | None]
) -> list[dict[str, Any]]:
    """The two choropleths (events shown, casualties off) with their legends."""
    fills = region_colors()
    out = []
    for kind, values in (("events", event_values), ("casualties", casualty_values)):
        scale = color_scale(kind, values)
        swatches = [(fills["no_events"], "no events")]
        if kind == "casualties":
            swatches.append((fills["not_stated"], "events, no figure stated"))
        if scale.zero_color:
            swatches.append((scale.zero_color, scale.zero_label))
        swatches += list(zip(scale.colors, scale.labels(), strict=True))
        out.append(
            {
                "kind": kind,
                "layer": scale.layer,
                "heading": scale.label,
                "show": kind == "events",
                "breaks": list(scale.breaks),
                "colors": list(scale.colors),
                "zero_color": scale.zero_color,
                "no_events": fills["no_events"],
                "not_stated": fills["not_stated"],
                "swatches": [{"color": c, "label": t} for c, t in swatches],
            }
        )
    return out


# ---- the title ----


def plural(n: int, word: str) -> str:
    """Return ``"1 event"``, ``"2 events"`` (with thousands separators)."""
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def figure_text(total: int | None, not_stated: int, word: str) -> str:
    """Say a summed figure with how many events gave none.

    Parameters
    ----------
    total : int or None
        The sum over the events that state the figure; ``None`` when none
        does.
    not_stated : int
        How many events state no figure.
    word : str
        ``"killed"`` or ``"injured"``.

    Returns
    -------
    str
        ``"12 killed"``, ``"12 killed (3 events: not stated)"`` or
        ``"killed: not stated"``; never 0 for a figure no source states.
    """
    if total is None:
        return f"{word}: not stated"
    text = f"{total:,} {word}"
    if not_stated:
        text += f" ({plural(not_stated, 'event')}: not stated)"
    return text


def subtitle(records: Sequence[MapEvent], days: Iterable[dt.date]) -> str:
    """Return the line under the title: date range, events, figures.

    Parameters
    ----------
    records : sequence of MapEvent
        The events on the map.
    days : iterable of datetime.date
        Their distinct dates, sorted.

    Returns
    -------
    str
        E.g. ``"2026-01-05 – 2026-03-20 · 23 events (2 undated) · 4 killed,
        injured: not stated"`` (plain text).
    """
    days = list(days)
    n = len(records)
    if days:
        first, last = days[0].isoformat(), days[-1].isoformat()
        span = first if first == last else f"{first} \u2013 {last}"
    else:
        span = "dates unknown"
    parts = [span, plural(n, "event")]
    undated = sum(1 for e in records if e.day is None)
    if undated and days:
        parts[-1] += f" ({undated:,} undated)"
    if n:
        killed = _summed([e.killed for e in records], "killed")
        injured = _summed([e.injured for e in records], "injured")
        parts.append(f"{killed}, {injured}")
    return " · ".join(parts)


def _summed(values: Sequence[int | None], word: str) -> str:
    stated = [v for v in values if v is not None]
    total = sum(stated) if stated else None
    return figure_text(total, len(values) - len(stated), word)
