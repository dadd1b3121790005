"""Reading events.geojson back: the one reader of event files.

A FeatureCollection (``strikemap events -o FILE``), a single Feature, or one
Feature per line (newline-delimited, or an RFC 8142 text sequence whose
records start with U+001E).  Every file is checked against the schema
(:func:`geo.events.schema.validate_geojson`) before any event is made, and
any problem is one line naming the file.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from gazetteer.exc import InputError
from geo.events.records import Event
from geo.events.schema import validate_geojson

__all__ = ["load_events", "parse_events"]

_RS = "\x1e"  # RFC 8142 record separator


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _collection(text: str, source: str) -> Any:
    """The parsed document, a lone Feature or a sequence made a FeatureCollection."""
    try:
        obj = json.loads(text)
    except ValueError:
        pass
    else:
        if isinstance(obj, dict) and obj.get("type") == "Feature":
            return {"type": "FeatureCollection", "features": [obj]}
        return obj
    features = []
    for lineno, line in enumerate(text.split("\n"), start=1):
        line = line.strip().strip(_RS).strip()
        if not line:
            continue
        try:
            item = json.loads(line)
        except ValueError as exc:
            reason = getattr(exc, "msg", None) or _one_line(str(exc))
            raise InputError(source, f"line {lineno}: invalid JSON: {reason}") from None
        if not isinstance(item, dict) or item.get("type") != "Feature":
            raise InputError(source, f"line {lineno}: not a GeoJSON Feature")
        features.append(item)
    return {"type": "FeatureCollection", "features": features}


def parse_events(text: str, source: str = "events") -> list[Event]:
    r"""Events from the text of an event file.

    Parameters
    ----------
    text : str
        A FeatureCollection, a Feature, or one Feature per line (``\\n`` or
        RFC 8142 separators).
    source : str
        What to name in an error.

    Returns
    -------
    list of Event
        In file order.

    Raises
    ------
    gazetteer.exc.InputError
        When the text is not JSON or not valid event GeoJSON: the reason is
        the first problem the validator finds (and how many more).
    """
    obj = _collection(text.lstrip("\ufeff"), source)
    problems = validate_geojson(obj)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise InputError(source, problems[0] + more)
    return [Event.from_feature(f, validate=False) for f in obj["features"]]


def load_events(path: str | os.PathLike[str]) -> list[Event]:
    """Read an event file (geojson, geojsonl or geojsons).

    Parameters
    ----------
    path : path
        A file that ``strikemap events`` wrote in a GeoJSON format, or any
        file of valid event features.

    Returns
    -------
    list of Event
        In file order.

    Raises
    ------
    gazetteer.exc.InputError
        One line naming the file, when it cannot be read, is not UTF-8, is
        not JSON, or is not valid event GeoJSON.
    """
    source = os.fspath(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputError(source, "not UTF-8 text") from None
    except OSError as exc:
        raise InputError(
            source, f"cannot read: {exc.strerror or _one_line(str(exc))}"
        ) from None
    return parse_events(text, source)
