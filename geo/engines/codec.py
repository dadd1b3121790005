"""Extractions as JSON: the form that is cached and that workers send back.

A place travels as its gazetteer id and is looked up again on the way in, so
the JSON is small and the places are the gazetteer's own objects.  The
article's fields (id, URL, publication date) are not repeated: they are
taken from the article the extraction is decoded for.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from geo.extract.records import Extraction, Ignored, Outside, Report
from geo.ingest import Article

__all__ = ["extraction_from_json", "extraction_to_json"]


def _day(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _report_json(r: Report) -> dict:
    return {
        "place": r.place.id,
        "precision": r.precision,
        "date": _day(r.date),
        "date_precision": r.date_precision,
        "window": [_day(d) for d in r.window] if r.window else None,
        "killed": r.killed,
        "injured": r.injured,
        "weapons": list(r.weapons),
        "targets": list(r.targets),
        "launched": [list(x) for x in r.launched],
        "evidence": list(r.evidence),
        "note": r.note,
        "confidence": r.confidence,
        "actor": r.actor,
    }


def extraction_to_json(ex: Extraction) -> dict:
    """A JSON-ready form of an extraction (article fields are not repeated).

    Parameters
    ----------
    ex : Extraction
        One article's extraction.

    Returns
    -------
    dict
        ``reports`` (places by id), ``outside``, ``ignored`` and ``warnings``.
    """
    return {
        "reports": [_report_json(r) for r in ex.reports],
        "outside": [[o.place, o.country, o.evidence] for o in ex.outside],
        "ignored": [[i.place, i.reason] for i in ex.ignored],
        "warnings": list(getattr(ex, "warnings", ())),
    }


def _window(days: list[str] | None) -> tuple[date, date] | None:
    if not days:
        return None
    first, last = days
    return date.fromisoformat(first), date.fromisoformat(last)


def extraction_from_json(data: dict, article: Article, gazetteer: Any) -> Extraction:
    """Rebuild an extraction stored by :func:`extraction_to_json`.

    Parameters
    ----------
    data : dict
        What :func:`extraction_to_json` gave (read back from JSON).
    article : Article
        The article it is the extraction of: its id, URL and publication
        date go into every record.
    gazetteer : Gazetteer
        Looks the places up by id (unused when there are no reports).

    Returns
    -------
    Extraction

    Raises
    ------
    gazetteer.exc.PlaceNotFound
        When a report names a place the gazetteer does not have.
    """
    reports = []
    for r in data["reports"]:
        reports.append(
            Report(
                article=article.id,
                url=article.url,
                published=article.published,
                place=gazetteer.place(r["place"]),
                precision=r["precision"],
                date=date.fromisoformat(r["date"]) if r["date"] else None,
                date_precision=r["date_precision"],
                window=_window(r["window"]),
                killed=r["killed"],
                injured=r["injured"],
                weapons=tuple(r["weapons"]),
                targets=tuple(r["targets"]),
                launched=tuple((w, n) for w, n in r["launched"]),
                evidence=tuple(r["evidence"]),
                note=r["note"],
                confidence=r["confidence"],
                lang=article.lang,
                actor=r.get("actor", "unknown"),
            )
        )
    extra = {}
    if "warnings" in Extraction.__dataclass_fields__:
        extra["warnings"] = tuple(data.get("warnings", ()))
    return Extraction(
        article=article.id,
        published=article.published,
        reports=tuple(reports),
        outside=tuple(Outside(article.id, *o) for o in data["outside"]),
        ignored=tuple(Ignored(article.id, *i) for i in data["ignored"]),
        **extra,
    )
