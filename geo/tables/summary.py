"""Per-region and per-period summaries of the event frame, as CSV and Markdown.

An event counts for the first-level unit in its ``admin1_code`` column (the
gazetteer's unit, filled from the spatial join by
:func:`geo.tables.frames.events_to_frame` when the gazetteer gave none).  Events
whose code is not one of the 27 units are left out of both tables.

Unknown is not zero: ``killed``/``injured`` are sums of the figures the
events state, null (an empty CSV cell, "not stated" in Markdown) where the
events of a row state none, and ``killed_not_stated``/``injured_not_stated``
count the events that gave no figure.  The CSV files keep the schema's
weapon and target codes for programs; the Markdown uses words for people.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

import gazetteer
from geo.events.coerce import codes, coerce_sources, is_missing
from geo.events.vocab import labels

from .frames import event_dates, events_to_frame
from .output import write_text

__all__ = [
    "REGION_COLUMNS",
    "PERIOD_COLUMNS",
    "UNDATED",
    "NOT_STATED",
    "region_summary",
    "period_summary",
    "summary_markdown",
    "write_summary",
]

#: Columns of :func:`region_summary`, in order (read them by name).
REGION_COLUMNS: tuple[str, ...] = (
    "admin1_code",
    "admin1",
    "events",
    "days",
    "killed",
    "injured",
    "killed_not_stated",
    "injured_not_stated",
    "first_date",
    "last_date",
    "top_weapons",
    "top_targets",
    "sources",
)

#: Columns of :func:`period_summary`, in order.
PERIOD_COLUMNS: tuple[str, ...] = (
    "period",
    "admin1_code",
    "admin1",
    "events",
    "killed",
    "injured",
    "killed_not_stated",
    "injured_not_stated",
)

#: The period of events with a null date.
UNDATED = "undated"

#: What the Markdown shows for a null killed/injured figure.
NOT_STATED = "not stated"

_FIGURES = ("killed", "injured")
_INT_COLUMNS = ("events", "days", "killed_not_stated", "injured_not_stated", "sources")
_TOP_N = 3

#: Markdown column headings (CSV keeps the column names).
_HEADINGS = {
    "admin1_code": "code",
    "admin1": "region",
    "killed_not_stated": "no killed figure",
    "injured_not_stated": "no injured figure",
}

_NOTE = (
    "Killed and injured are sums of the figures the sources give; "
    f'"{NOT_STATED}" means no event there gave a figure, and the columns '
    '"no killed figure" and "no injured figure" count the events that gave none.'
)


def _units() -> list[tuple[str, str]]:
    """(admin1_code, English name) of the 27 first-level units, by code."""
    return sorted((p.admin1_code, p.name) for p in gazetteer.admin1_units())


def _as_frame(gdf: Any) -> pd.DataFrame:
    if isinstance(gdf, pd.DataFrame):
        return gdf
    return events_to_frame(gdf)


def _figure(values: Iterable[Any]) -> tuple[int | None, int]:
    """(sum of the stated figures, number of events that state none).

    The sum is ``None`` when events exist and none states a figure; with no
    events it is 0 (there is nothing unstated).
    """
    total, stated, missing = 0, 0, 0
    for value in values:
        if is_missing(value):
            missing += 1
        else:
            total += int(value)
            stated += 1
    return (None if missing and not stated else total), missing


def _top(lists: Iterable[Any]) -> str:
    """``"drone (12), missile (3)"``: events per item, at most 3, ties by name."""
    counts: Counter[str] = Counter()
    # a cell that is a list of str (every cell of a frame from events) gives
    # codes as a function of its items: each distinct one is read once, with
    # the events that give it (a large run has a few hundred distinct lists
    # among 180,000 events); any other cell is read on its own
    same: Counter[tuple[str, ...]] = Counter()
    for items in lists:
        if type(items) is list and all(type(x) is str for x in items):
            same[tuple(items)] += 1
        else:
            counts.update(codes(items))
    for items, n in same.items():
        for code in codes(list(items)):
            counts[code] += n
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:_TOP_N]
    return ", ".join(f"{name} ({n})" for name, n in ranked)


def _articles(sources_column: Iterable[Any]) -> set[str]:
    seen: set[str] = set()
    for sources in sources_column:
        if type(sources) is list and all(type(s) is dict for s in sources):
            # a frame from events: no need to read them again
            keys = [s.get("article") or s.get("url") for s in sources]
        else:
            keys = [s.article or s.url for s in coerce_sources(sources)]
        seen.update(str(k) for k in keys if k)
    return seen


def _rows_by_code(column: pd.Series) -> dict[str, list[int]] | None:
    """The positions of each code in a column of str, in one pass.

    The same rows as ``column == code`` for each of the 27 codes (27 passes
    over a large run's 180,000 events); None when a cell is not a str (the
    comparison then decides, as it does).
    """
    values = column.tolist()
    if not all(type(v) is str for v in values):
        return None
    where: dict[str, list[int]] = {}
    for i, v in enumerate(values):
        where.setdefault(v, []).append(i)
    return where


def region_summary(gdf: pd.DataFrame) -> pd.DataFrame:
    """Summarise the events per first-level unit.

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame
        An event frame from :func:`geo.tables.frames.events_to_frame` (an iterable of
        Features is accepted too and converted first).

    Returns
    -------
    pandas.DataFrame
        Exactly 27 rows, one per unit (zeros included), columns
        :data:`REGION_COLUMNS`: ``events`` (number of events), ``days``
        (distinct dates), ``killed``/``injured`` (sums of the figures the
        events state, nullable ``Int64``: ``<NA>`` when the unit has events
        and none of them states a figure, never 0 for "unknown"; 0 for a
        unit with no events), ``killed_not_stated``/``injured_not_stated``
        (how many events state no figure), ``first_date``/``last_date``
        (ISO, ``""`` when no event is dated), ``top_weapons``/``top_targets``
        (``"drone (12), glide_bomb (3)"``: how many events list each schema
        code, at most three, ties broken alphabetically, ``""`` when none)
        and ``sources`` (distinct articles, by ``article`` or else ``url``).
        The other count columns are ``int64``.  Sorted by events descending,
        then admin1_code.
    """
    frame = _as_frame(gdf)
    dates = event_dates(frame) if len(frame) else pd.Series([], dtype="datetime64[us]")
    rows = []
    where = _rows_by_code(frame["admin1_code"])
    for code, name in _units():
        if where is None:
            mask = (frame["admin1_code"] == code).to_numpy(dtype=bool)
        else:
            mask = np.zeros(len(frame), dtype=bool)
            mask[where.get(code, [])] = True
        sub = frame.loc[mask]
        sub_dates = dates.loc[mask].dropna()
        killed, killed_missing = _figure(sub["killed"])
        injured, injured_missing = _figure(sub["injured"])
        rows.append(
            {
                "admin1_code": code,
                "admin1": name,
                "events": len(sub),
                "days": sub_dates.nunique(),
                "killed": killed,
                "injured": injured,
                "killed_not_stated": killed_missing,
                "injured_not_stated": injured_missing,
                "first_date": sub_dates.min().date().isoformat()
                if len(sub_dates)
                else "",
                "last_date": sub_dates.max().date().isoformat()
                if len(sub_dates)
                else "",
                "top_weapons": _top(sub["weapons"]),
                "top_targets": _top(sub["targets"]),
                "sources": len(_articles(sub["sources"])),
            }
        )
    out = pd.DataFrame(rows, columns=list(REGION_COLUMNS))
    out = out.astype(
        {**dict.fromkeys(_INT_COLUMNS, "int64"), **dict.fromkeys(_FIGURES, "Int64")}
    )
    out = out.sort_values(
        ["events", "admin1_code"], ascending=[False, True], kind="stable"
    )
    return out.reset_index(drop=True)


def _period_label(ts: pd.Timestamp, by: str) -> str:
    if pd.isna(ts):
        return UNDATED
    if by == "week":
        year, week, _ = ts.isocalendar()
        return f"{year}-W{week:02d}"
    return f"{ts.year}-{ts.month:02d}"


def period_summary(gdf: pd.DataFrame, by: str) -> pd.DataFrame:
    """Summarise the events per period and first-level unit.

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame
        An event frame (or an iterable of Features).
    by : {"week", "month"}
        ``"week"`` labels periods by ISO week (``"2026-W05"``; the ISO year,
        so 2025-12-29 is in ``"2026-W01"``), ``"month"`` by month
        (``"2026-02"``).  Events with a null date go to period ``"undated"``.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`PERIOD_COLUMNS`, one row per (period, unit) with at
        least one event, sorted by period (``"undated"`` last) then
        admin1_code.  ``killed``/``injured`` are nullable ``Int64`` sums of
        the stated figures (``<NA>`` when no event of the row states one),
        the other counts ``int64``.  ``attrs["by"]`` holds ``by``.

    Raises
    ------
    ValueError
        When ``by`` is neither ``"week"`` nor ``"month"``.
    """
    if by not in ("week", "month"):
        raise ValueError(f"by must be 'week' or 'month', not {by!r}")
    frame = _as_frame(gdf)
    names = dict(_units())
    groups: dict[tuple[str, str], list[list[Any]]] = {}
    if len(frame):
        dates = event_dates(frame)
        for ts, code, killed, injured in zip(
            dates, frame["admin1_code"], frame["killed"], frame["injured"], strict=True
        ):
            if code not in names:
                continue
            figures = groups.setdefault((_period_label(ts, by), code), [[], []])
            figures[0].append(killed)
            figures[1].append(injured)
    keys = sorted(groups, key=lambda k: (k[0] == UNDATED, k[0], k[1]))
    rows = []
    for period, code in keys:
        killed_values, injured_values = groups[period, code]
        killed, killed_missing = _figure(killed_values)
        injured, injured_missing = _figure(injured_values)
        rows.append(
            {
                "period": period,
                "admin1_code": code,
                "admin1": names[code],
                "events": len(killed_values),
                "killed": killed,
                "injured": injured,
                "killed_not_stated": killed_missing,
                "injured_not_stated": injured_missing,
            }
        )
    out = pd.DataFrame(rows, columns=list(PERIOD_COLUMNS))
    out = out.astype(
        {
            "events": "int64",
            "killed_not_stated": "int64",
            "injured_not_stated": "int64",
            **dict.fromkeys(_FIGURES, "Int64"),
        }
    )
    out.attrs["by"] = by
    return out


# ---------------------------------------------------------------- Markdown


def _cell(value: Any, missing: str = "") -> str:
    """One Markdown table cell: backslash, ``|`` and newlines escaped."""
    if is_missing(value):
        return missing
    text = str(value)
    text = text.replace("\\", "\\\\").replace("|", "\\|")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")
    return text.strip()


def _words(top: Any, labels: dict[str, str]) -> Any:
    """``"glide_bomb (3), drone (1)"`` → ``"glide bomb (3), drone (1)"``."""
    if not isinstance(top, str) or not top:
        return top
    parts = []
    for part in top.split(", "):
        code, sep, rest = part.rpartition(" (")
        if not sep:
            code, rest = part, ""
        word = labels.get(code, code.replace("_", " "))
        parts.append(f"{word} ({rest}" if sep else word)
    return ", ".join(parts)


def _table(frame: pd.DataFrame) -> list[str]:
    shown = frame.copy()
    for column, kind in (("top_weapons", "weapons"), ("top_targets", "targets")):
        if column in shown.columns:
            words = labels(kind)
            shown[column] = [_words(v, words) for v in shown[column]]
    header = (
        "| "
        + " | ".join(
            _cell(_HEADINGS.get(str(c), str(c).replace("_", " ")))
            for c in frame.columns
        )
        + " |"
    )
    align = "|" + "|".join(
        "---:" if pd.api.types.is_numeric_dtype(frame[c]) else "---"
        for c in frame.columns
    )
    missing = [NOT_STATED if c in _FIGURES else "" for c in frame.columns]
    lines = [header, align + "|"]
    for row in shown.itertuples(index=False):
        cells = (_cell(v, m) for v, m in zip(row, missing, strict=True))
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"


def _as_iso(value: dt.date | str | None) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _header(
    summary: pd.DataFrame,
    *,
    articles: int | None,
    undated: int | None,
    since: dt.date | str | None,
    until: dt.date | str | None,
) -> list[str]:
    lines = []
    columns = set(summary.columns)
    if {"first_date", "last_date"} <= columns:
        firsts = sorted(d for d in summary["first_date"] if isinstance(d, str) and d)
        lasts = sorted(d for d in summary["last_date"] if isinstance(d, str) and d)
        dates = f"{firsts[0]} to {lasts[-1]}" if firsts and lasts else "no dated events"
        if undated:
            dates += f" ({_plural(undated, 'event')} undated)"
        lines.append(f"- Dates: {dates}")
    lo, hi = _as_iso(since), _as_iso(until)
    if lo or hi:
        bounds = f"{lo} to {hi}" if lo and hi else f"from {lo}" if lo else f"until {hi}"
        lines.append(f"- Date filter: events dated {bounds}; undated events left out")
    if {"events", "admin1_code"} <= columns:
        events = int(sum(_count(v) for v in summary["events"]))
        hit = int(sum(1 for v in summary["events"] if _count(v)))
        lines.append(
            f"- Events: {events:,}, in {hit} of {_plural(len(summary), 'region')}"
        )
    if articles is not None:
        lines.append(f"- Articles read: {articles:,}")
    if columns & set(_FIGURES):
        lines.append(f"- {_NOTE}")
    return lines


def _count(value: Any) -> int:
    return 0 if is_missing(value) else int(value)


def summary_markdown(
    summary: pd.DataFrame,
    periods: pd.DataFrame | None = None,
    title: str = "Strike events by region",
    *,
    articles: int | None = None,
    undated: int | None = None,
    since: dt.date | str | None = None,
    until: dt.date | str | None = None,
) -> str:
    r"""Render the summaries as GitHub-flavoured Markdown, for people to read.

    Parameters
    ----------
    summary : pandas.DataFrame
        The table from :func:`region_summary` (any frame renders; header
        lines whose columns are missing are left out).
    periods : pandas.DataFrame, optional
        The table from :func:`period_summary`, rendered under a second
        heading ("By period").
    title : str
        The level-1 heading.
    articles : int, optional
        How many articles the run read (the summary cannot know).
    undated : int, optional
        How many events have no date (the summary cannot know).
    since, until : datetime.date or ISO str, optional
        The run's date filter, if any.

    Returns
    -------
    str
        The heading; a list of what the tables cover (``- Dates: first to
        last`` over the units' first and last dates, the date filter, ``-
        Events: N, in K of 27 regions``, ``- Articles read: N`` and what
        killed/injured mean), each line present when known; then a pipe
        table per frame, ending with a newline.  Tables use words, not codes:
        headings such as ``code``, ``region``, ``no killed figure``; weapon
        and target codes in ``top_weapons``/``top_targets`` become words
        (``glide_bomb`` → ``glide bomb``, from ``geo/events/data/labels.json``); a
        null killed/injured shows :data:`NOT_STATED`, other nulls an empty
        cell.  Numeric columns are right-aligned.  In cells, ``\`` and ``|``
        are backslash-escaped and line breaks become ``<br>``, so no cell
        text can break the table.
    """
    lines = [f"# {' '.join(title.split())}", ""]
    head = _header(
        summary, articles=articles, undated=undated, since=since, until=until
    )
    if head:
        lines += [*head, ""]
    lines += _table(summary)
    if periods is not None:
        lines += ["", "## By period", "", *_table(periods)]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- files


def _csv_text(frame: pd.DataFrame) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(frame.columns)
    for row in frame.itertuples(index=False):
        writer.writerow("" if is_missing(v) else v for v in row)
    return buf.getvalue()


def _period_kind(periods: pd.DataFrame, by: str | None) -> str:
    if by:
        return by
    if periods.attrs.get("by") in ("week", "month"):
        return str(periods.attrs["by"])
    labels = [p for p in periods.get("period", []) if isinstance(p, str)]
    if any("-W" in p for p in labels):
        return "week"
    if any(p != UNDATED for p in labels):
        return "month"
    return "period"


def write_summary(
    summary: pd.DataFrame,
    csv_path: str | os.PathLike[str] | None,
    md_path: str | os.PathLike[str] | None,
    periods: pd.DataFrame | None = None,
    *,
    periods_csv_path: str | os.PathLike[str] | None = None,
    by: str | None = None,
    title: str = "Strike events by region",
    articles: int | None = None,
    undated: int | None = None,
    since: dt.date | str | None = None,
    until: dt.date | str | None = None,
) -> list[Path]:
    r"""Write the region summary (and the per-period table) as CSV and Markdown.

    Every file goes through :mod:`geo.tables.output`: a regular file is replaced
    atomically, a symlink written through, a FIFO or device streamed into.

    Parameters
    ----------
    summary : pandas.DataFrame
        The table from :func:`region_summary`.
    csv_path, md_path : path or None
        Where to write the CSV and the Markdown
        (:func:`summary_markdown`); ``None`` skips that file.  The CSV is for
        programs: UTF-8, ``\n`` line ends, no index, the column names of
        :data:`REGION_COLUMNS`, weapon and target codes as in the events,
        and an empty cell for a null (a killed/injured figure no event
        states).
    periods : pandas.DataFrame, optional
        The table from :func:`period_summary`: appended to the Markdown and
        written as CSV too (same conventions).
    periods_csv_path : path, optional
        Where to write the periods CSV; by default beside ``csv_path``,
        named ``<stem>_by_<by>.csv`` (``regions_by_week.csv``,
        ``regions_by_month.csv``).  Without either path it is not written.
    by : {"week", "month"}, optional
        The period kind, for that name; by default ``periods.attrs["by"]``
        (set by :func:`period_summary`), else guessed from the labels.
    title, articles, undated, since, until
        Passed to :func:`summary_markdown` for its heading and header.

    Returns
    -------
    list of pathlib.Path
        The paths written, in order (CSV, periods CSV, Markdown).

    Raises
    ------
    gazetteer.exc.OutputError
        With one line, when a file cannot be written; a file that was there
        stays as it was.
    """
    written: list[Path] = []
    if csv_path is not None:
        write_text(csv_path, _csv_text(summary))
        written.append(Path(csv_path))
    if periods is not None:
        if periods_csv_path is None and csv_path is not None:
            stem = Path(csv_path)
            kind = _period_kind(periods, by)
            periods_csv_path = stem.with_name(f"{stem.stem}_by_{kind}.csv")
        if periods_csv_path is not None:
            write_text(periods_csv_path, _csv_text(periods))
            written.append(Path(periods_csv_path))
    if md_path is not None:
        text = summary_markdown(
            summary,
            periods,
            title=title,
            articles=articles,
            undated=undated,
            since=since,
            until=until,
        )
        write_text(md_path, text)
        written.append(Path(md_path))
    return written
