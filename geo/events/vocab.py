"""The event schema's vocabularies, read from the schema file shipped with the package.

``geo/events/data/events.schema.json`` (JSON Schema, draft 2020-12) is the one
statement of what an event is: which properties, in which order, and which
values the coded ones take.  This module reads it once and gives its
vocabularies as Python constants; ``geo/events/data/labels.json`` gives the
words people read for the weapon and target codes (regions.md, the map).
Nothing else in strikemap lists these values.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

__all__ = [
    "DATE_PRECISIONS",
    "EVENT_KINDS",
    "LAT_RANGE",
    "LON_RANGE",
    "PRECISIONS",
    "ACTORS",
    "PROPERTIES",
    "SOURCE_KEYS",
    "TARGETS",
    "WEAPONS",
    "label",
    "labels",
    "schema",
]


@cache
def _read(name: str) -> Any:
    text = resources.files("geo.events").joinpath("data", name).read_text("utf-8")
    return json.loads(text)


def schema() -> dict[str, Any]:
    """The JSON Schema of events.geojson (``geo/events/data/events.schema.json``).

    Returns
    -------
    dict
        The parsed schema (one shared object: do not change it).
    """
    return _read("events.schema.json")


def _defs() -> dict[str, Any]:
    return schema()["$defs"]


def _enum(name: str) -> tuple[str, ...]:
    return tuple(_defs()[name]["enum"])


def _prop_enum(name: str) -> tuple[str, ...]:
    return tuple(_defs()["properties"]["properties"][name]["enum"])


def _range(index: int) -> tuple[float, float]:
    node = _defs()["point"]["properties"]["coordinates"]["prefixItems"][index]
    return float(node["minimum"]), float(node["maximum"])


#: Properties of an event, in the order they are written.
PROPERTIES: tuple[str, ...] = tuple(_defs()["properties"]["properties"])

#: Keys of one source (one article's report), in the order they are written.
SOURCE_KEYS: tuple[str, ...] = tuple(_defs()["source"]["properties"])

#: Weapon classes, most general first as the schema lists them.
WEAPONS: tuple[str, ...] = _enum("weapon")

#: Target classes.
TARGETS: tuple[str, ...] = _enum("target")

#: Which side fired (the ``actor`` of an event).
ACTORS: tuple[str, ...] = _prop_enum("actor")

#: Kinds of place an event may be at.
EVENT_KINDS: tuple[str, ...] = _prop_enum("kind")

#: Location precisions, finest first (ACLED geo-precision 1, 1, 2, 3).
PRECISIONS: tuple[str, ...] = _prop_enum("precision")

#: Date precisions, finest first.
DATE_PRECISIONS: tuple[str, ...] = _prop_enum("date_precision")

#: Longitudes and latitudes an event may have (Ukraine with a margin).
LON_RANGE: tuple[float, float] = _range(0)
LAT_RANGE: tuple[float, float] = _range(1)


def labels(vocabulary: str) -> dict[str, str]:
    """Words for the codes of a vocabulary (``geo/events/data/labels.json``).

    Parameters
    ----------
    vocabulary : {"weapons", "targets"}
        Which codes.

    Returns
    -------
    dict
        Code to lower-case words, e.g. ``{"glide_bomb": "glide bomb", ...}``.
    """
    return dict(_read("labels.json")[vocabulary])


def label(code: str) -> str:
    """Words for a weapon or target code.

    Parameters
    ----------
    code : str
        A code of :data:`WEAPONS` or :data:`TARGETS`.

    Returns
    -------
    str
        Its words (``"glide_bomb"`` → ``"glide bomb"``); a code with none
        is shown with its underscores as spaces.

    Examples
    --------
    >>> label("rocket")
    'MLRS rocket'
    """
    words = _read("labels.json")
    return (
        words["weapons"].get(code)
        or words["targets"].get(code)
        or code.replace("_", " ")
    )
