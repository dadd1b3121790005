"""Per-region and per-period summaries of the event frame, as CSV and Markdown.

An event counts for the first-level unit in its ``admin1_code`` column (the
gazetteer's unit, filled from the spatial join by
:func:`geo.frames.events_to_frame` when the gazetteer gave none).  Events
whose code is not one of the 27 units are left out of both tables.
"""

from __future__ import annotations

import csv
import io
import os
from collections import Counter
from collections.abc import Iterable
from typing import Any

import pandas as pd

import gazetteer
from gazetteer.exc import OutputError

from .frames import (
    _is_missing,
    _plain,
    _sources,
    _str_list,
    event_dates,
    events_to_frame,
)

__all__ = [
    "REGION_COLUMNS",
    "PERIOD_COLUMNS",
    "UNDATED",
    "region_summary",
    "period_summary",
    "summary_markdown",
    "write_summary",
]

#: Columns of :func:`region_summary`, in order.
REGION_COLUMNS: tuple[str, ...] = (
    "admin1_code",
    "admin1",
    "events",
    "days",
    "killed",
    "injured",
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
)

#: The period of events with a null date.
UNDATED = "undated"

_INT_COLUMNS = ("events", "days", "killed", "injured", "sources")
_TOP_N = 3


def _units() -> list[tuple[str, str]]:
    """(admin1_code, English name) of the 27 first-level units, by code."""
    return sorted((p.admin1_code, p.name) for p in gazetteer.admin1_units())


def _as_frame(gdf: Any) -> pd.DataFrame:
    if isinstance(gdf, pd.DataFrame):
        return gdf
    return events_to_frame(gdf)


def _count(value: Any) -> int:
    return 0 if _is_missing(value) else int(value)


def _top(lists: Iterable[Any]) -> str:
    """``"drone (12), missile (3)"``: events per item, at most 3, ties by name."""
    counts: Counter[str] = Counter()
    for items in lists:
        counts.update(_str_list(items))
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:_TOP_N]
    return ", ".join(f"{name} ({n})" for name, n in ranked)


def _articles(sources_column: Iterable[Any]) -> set[str]:
    seen: set[str] = set()
    for sources in sources_column:
        if type(sources) is list and all(type(s) is dict for s in sources):
            items = sources  # a frame from events: no need to normalise them
        else:
            items = _sources(sources)
        for src in items:
            key = _plain(src.get("article")) or _plain(src.get("url"))
            if key:
                seen.add(str(key))
    return seen


def region_summary(gdf: pd.DataFrame) -> pd.DataFrame:
    """Summarise the events per first-level unit.

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame
        An event frame from :func:`geo.frames.events_to_frame` (an iterable of
        Features is accepted too and converted first).

    Returns
    -------
    pandas.DataFrame
        Exactly 27 rows, one per unit (zeros included), columns
        :data:`REGION_COLUMNS`: ``events`` (number of events), ``days``
        (distinct dates), ``killed``/``injured`` (sums; a null figure counts
        as 0), ``first_date``/``last_date`` (ISO, ``""`` when no event is
        dated), ``top_weapons``/``top_targets`` (``"drone (12), missile
        (3)"``: how many events list each, at most three, ties broken
        alphabetically, ``""`` when none) and ``sources`` (distinct articles,
        by ``article`` or else ``url``).  Count columns are ``int64``.  Sorted
        by events descending, then admin1_code.
    """
    frame = _as_frame(gdf)
    dates = event_dates(frame) if len(frame) else pd.Series([], dtype="datetime64[ns]")
    rows = []
    for code, name in _units():
        mask = (frame["admin1_code"] == code).to_numpy(dtype=bool)
        sub = frame.loc[mask]
        sub_dates = dates.loc[mask].dropna()
        rows.append(
            {
                "admin1_code": code,
                "admin1": name,
                "events": len(sub),
                "days": sub_dates.nunique(),
                "killed": sum(_count(v) for v in sub["killed"]),
                "injured": sum(_count(v) for v in sub["injured"]),
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
    out = out.astype(dict.fromkeys(_INT_COLUMNS, "int64"))
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
        admin1_code.  Count columns are ``int64``.

    Raises
    ------
    ValueError
        When ``by`` is neither ``"week"`` nor ``"month"``.
    """
    if by not in ("week", "month"):
        raise ValueError(f"by must be 'week' or 'month', not {by!r}")
    frame = _as_frame(gdf)
    names = dict(_units())
    groups: dict[tuple[str, str], list[int]] = {}
    if len(frame):
        dates = event_dates(frame)
        for ts, code, killed, injured in zip(
            dates, frame["admin1_code"], frame["killed"], frame["injured"], strict=True
        ):
            if code not in names:
                continue
            totals = groups.setdefault((_period_label(ts, by), code), [0, 0, 0])
            totals[0] += 1
            totals[1] += _count(killed)
            totals[2] += _count(injured)
    keys = sorted(groups, key=lambda k: (k[0] == UNDATED, k[0], k[1]))
    rows = [
        {
            "period": period,
            "admin1_code": code,
            "admin1": names[code],
            "events": groups[period, code][0],
            "killed": groups[period, code][1],
            "injured": groups[period, code][2],
        }
        for period, code in keys
    ]
    out = pd.DataFrame(rows, columns=list(PERIOD_COLUMNS))
    return out.astype({"events": "int64", "killed": "int64", "injured": "int64"})


def _cell(value: Any) -> str:
    """One Markdown table cell: backslash, ``|`` and newlines escaped."""
    if _is_missing(value):
        return ""
    text = str(value)
    text = text.replace("\\", "\\\\").replace("|", "\\|")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")
    return text.strip()


def _table(frame: pd.DataFrame) -> list[str]:
    header = "| " + " | ".join(_cell(c) for c in frame.columns) + " |"
    align = "|" + "|".join(
        "---:" if pd.api.types.is_numeric_dtype(frame[c]) else "---"
        for c in frame.columns
    )
    lines = [header, align + "|"]
    for row in frame.itertuples(index=False):
        lines.append("| " + " | ".join(_cell(v) for v in row) + " |")
    return lines


def summary_markdown(
    summary: pd.DataFrame,
    periods: pd.DataFrame | None = None,
    title: str = "Strike events by region",
) -> str:
    r"""Render the summaries as GitHub-flavoured Markdown.

    Parameters
    ----------
    summary : pandas.DataFrame
        The table from :func:`region_summary` (any frame renders).
    periods : pandas.DataFrame, optional
        The table from :func:`period_summary`, rendered under a second
        heading ("By period").
    title : str
        The level-1 heading.

    Returns
    -------
    str
        A heading and a pipe table per frame, numeric columns right-aligned,
        ending with a newline.  In cells, ``\`` and ``|`` are
        backslash-escaped and line breaks become ``<br>``, so no cell text can
        break the table.
    """
    lines = [f"# {' '.join(title.split())}", "", *_table(summary)]
    if periods is not None:
        lines += ["", "## By period", "", *_table(periods)]
    return "\n".join(lines) + "\n"


def _csv_text(frame: pd.DataFrame) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(frame.columns)
    for row in frame.itertuples(index=False):
        writer.writerow("" if _is_missing(v) else v for v in row)
    return buf.getvalue()


def _write_text(path: str | os.PathLike[str], text: str) -> None:
    try:
        with open(path, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise OutputError(f"cannot write {os.fspath(path)}: {reason}") from exc


def write_summary(
    summary: pd.DataFrame,
    csv_path: str | os.PathLike[str] | None,
    md_path: str | os.PathLike[str] | None,
    periods: pd.DataFrame | None = None,
    *,
    periods_csv_path: str | os.PathLike[str] | None = None,
    title: str = "Strike events by region",
) -> None:
    r"""Write the region summary as CSV and Markdown.

    Parameters
    ----------
    summary : pandas.DataFrame
        The table from :func:`region_summary`.
    csv_path, md_path : path or None
        Where to write the CSV (UTF-8, ``\n`` line ends, no index) and the
        Markdown (:func:`summary_markdown`); ``None`` skips that file.
    periods : pandas.DataFrame, optional
        The table from :func:`period_summary`, appended to the Markdown.
    periods_csv_path : path, optional
        Where to write ``periods`` as CSV too.
    title : str
        The Markdown heading.

    Raises
    ------
    gazetteer.exc.OutputError
        When a file cannot be written.
    """
    if csv_path is not None:
        _write_text(csv_path, _csv_text(summary))
    if periods is not None and periods_csv_path is not None:
        _write_text(periods_csv_path, _csv_text(periods))
    if md_path is not None:
        _write_text(md_path, summary_markdown(summary, periods, title=title))
