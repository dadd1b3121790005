"""Validating events.geojson against its JSON Schema, with one-line messages.

The schema is ``geo/events/data/events.schema.json`` (draft 2020-12), shipped
with the package so that other tools can check strikemap's output too.  This
module checks against it with a small built-in checker rather than the
``jsonschema`` package: strikemap keeps no extra dependency, the check is a
compiled closure per schema node (fast enough to check every event a large
run reads back), and every problem is one line that says where, in the
project's terms (``features[3].properties.date: 'x' is not an ISO date
(YYYY-MM-DD)``).  The checker knows the keywords the schema uses; a schema
with any other keyword is refused when it is compiled, so the file cannot
say more than is checked.  ``tests/test_events_schema.py`` checks that
``jsonschema``, where installed, agrees.

Besides the schema, three rules JSON Schema cannot state are checked here:
``weapons`` and ``targets`` are sorted; a point whose coordinates are out of
range but in range once swapped is named as swapped; a date is a real
calendar day (``format: date``).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from functools import cache
from typing import Any

from geo.events.vocab import LAT_RANGE, LON_RANGE, schema

__all__ = ["check_feature", "is_iso_day", "validate_geojson"]

# path segments: str keys and int indices; rendered only when a check fails
_Path = tuple[Any, ...]
_Check = Callable[[Any, _Path, list[str]], None]

_ANNOTATIONS = frozenset({"$schema", "$id", "$comment", "title", "description"})
_KNOWN = _ANNOTATIONS | {
    "$ref",
    "$defs",
    "type",
    "const",
    "enum",
    "required",
    "properties",
    "additionalProperties",
    "propertyNames",
    "items",
    "prefixItems",
    "minItems",
    "maxItems",
    "uniqueItems",
    "minimum",
    "maximum",
    "minLength",
    "pattern",
    "format",
    "not",
}

_TYPE_WORDS = {
    "object": "a JSON object",
    "array": "a list",
    "string": "a string",
    "integer": "an integer",
    "number": "a finite number",
    "boolean": "true or false",
    "null": "null",
}

_ISO_DAY = re.compile(r"\d{4}-\d\d-\d\d")


def _render(path: _Path) -> str:
    """``("features", 3, "properties", "date")`` → ``features[3].properties.date``."""
    if not path:
        return "top level"
    out = ""
    for seg in path:
        if isinstance(seg, int):
            out += f"[{seg}]"
        else:
            out += f".{seg}" if out else str(seg)
    return out


def _is_type(value: Any, name: str) -> bool:
    if name == "object":
        return isinstance(value, dict)
    if name == "array":
        return isinstance(value, list)
    if name == "string":
        return isinstance(value, str)
    if name == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if name == "number":
        return (
            isinstance(value, int | float)
            and not isinstance(value, bool)
            and math.isfinite(value)
        )
    if name == "boolean":
        return isinstance(value, bool)
    if name == "null":
        return value is None
    raise ValueError(f"unknown JSON Schema type {name!r}")


def is_iso_day(value: Any) -> bool:
    """Whether ``value`` is a real calendar day written ``YYYY-MM-DD``.

    Parameters
    ----------
    value : Any
        Anything.

    Returns
    -------
    bool
    """
    if not isinstance(value, str) or not _ISO_DAY.fullmatch(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _resolve(ref: str) -> Any:
    if not ref.startswith("#/"):
        raise ValueError(f"only local references are supported, not {ref!r}")
    node: Any = schema()
    for part in ref[2:].split("/"):
        node = node[part]
    return node


def _nothing(value: Any, path: _Path, out: list[str]) -> None:
    """The check of the empty schema: every value passes."""


def _compile(node: Any, refs: dict[str, _Check]) -> _Check:
    """A function that appends the problems of a value at a path to a list."""
    if node is True or node == {}:
        return _nothing
    unknown = set(node) - _KNOWN
    if unknown:
        raise ValueError(f"the schema uses unsupported keywords: {sorted(unknown)}")
    checks: list[_Check] = []
    title = node.get("title")

    if "$ref" in node:
        ref = node["$ref"]
        if ref not in refs:
            refs[ref] = _nothing  # a placeholder while compiling (recursion)
            compiled = _compile(_resolve(ref), refs)
            refs[ref] = compiled

        def referred(value: Any, path: _Path, out: list[str], ref: str = ref) -> None:
            refs[ref](value, path, out)

        checks.append(referred)

    if "not" in node:
        desc = node.get("description")

        def forbidden(value: Any, path: _Path, out: list[str]) -> None:
            why = f" ({desc})" if desc else ""
            if path and isinstance(path[-1], str):
                out.append(f"{_render(path[:-1])}: has a {path[-1]!r} member{why}")
            else:
                out.append(f"{_render(path)}: not allowed{why}")

        if node["not"] != {}:
            raise ValueError("'not' is supported only as {} (a forbidden member)")
        return forbidden

    types = node.get("type")
    names: tuple[str, ...] = (
        () if types is None else (types,) if isinstance(types, str) else tuple(types)
    )
    words = " or ".join(_TYPE_WORDS[n] for n in names)

    if "const" in node:
        const = node["const"]

        def constant(value: Any, path: _Path, out: list[str]) -> None:
            if value != const or type(value) is not type(const):
                if path and isinstance(path[-1], str):
                    out.append(
                        f"{_render(path[:-1])}: {path[-1]} is {value!r}, not {const!r}"
                    )
                else:
                    out.append(f"{_render(path)}: {value!r}, not {const!r}")

        checks.append(constant)

    if "enum" in node:
        if not all(isinstance(v, str) for v in node["enum"]):
            raise ValueError("'enum' is supported for strings only")
        allowed = frozenset(node["enum"])
        shown = sorted(node["enum"])

        def member(value: Any, path: _Path, out: list[str]) -> None:
            if not isinstance(value, str) or value not in allowed:
                out.append(f"{_render(path)}: {value!r} not one of {shown}")

        checks.append(member)

    if "minLength" in node:
        least = node["minLength"]

        def long_enough(value: Any, path: _Path, out: list[str]) -> None:
            if isinstance(value, str) and len(value) < least:
                out.append(
                    f"{_render(path)}: "
                    + ("empty" if least == 1 else f"shorter than {least}")
                )

        checks.append(long_enough)

    if "pattern" in node:
        pattern = re.compile(node["pattern"])
        noun = title or f"matching {node['pattern']!r}"

        def matches(value: Any, path: _Path, out: list[str]) -> None:
            if isinstance(value, str) and not pattern.search(value):
                out.append(f"{_render(path)}: {value!r} is not {noun}")

        checks.append(matches)

    if "format" in node:
        if node["format"] != "date":
            raise ValueError(f"unsupported format {node['format']!r}")
        day_noun = title or "an ISO date (YYYY-MM-DD)"
        shape = re.compile(node.get("pattern", ""))

        def calendar(value: Any, path: _Path, out: list[str]) -> None:
            if not isinstance(value, str) or is_iso_day(value):
                return
            if shape.search(value):  # a bad pattern is said already
                out.append(f"{_render(path)}: {value!r} is not {day_noun}")

        checks.append(calendar)

    if "minimum" in node or "maximum" in node:
        low, high = node.get("minimum"), node.get("maximum")

        def in_range(value: Any, path: _Path, out: list[str]) -> None:
            if not _is_type(value, "number"):
                return
            if (low is None or value >= low) and (high is None or value <= high):
                return
            where = _render(path)
            if low is not None and high is not None:
                name = f"{title} " if title else ""
                out.append(f"{where}: {name}{value} outside [{low}, {high}]")
            elif low is not None:
                out.append(f"{where}: {value} is below the minimum {low}")
            else:
                out.append(f"{where}: {value} is above the maximum {high}")

        checks.append(in_range)

    if "required" in node:
        required = tuple(node["required"])

        def present(value: Any, path: _Path, out: list[str]) -> None:
            if isinstance(value, dict):
                missing = [k for k in required if k not in value]
                if missing:
                    out.append(f"{_render(path)}: missing {', '.join(missing)}")

        checks.append(present)

    if "properties" in node:
        props = {k: _compile(v, refs) for k, v in node["properties"].items()}

        def members(value: Any, path: _Path, out: list[str]) -> None:
            if isinstance(value, dict):
                for key, check in props.items():
                    if key in value:
                        check(value[key], (*path, key), out)

        checks.append(members)

    if "propertyNames" in node:
        names_check = _compile(node["propertyNames"], refs)

        def keys(value: Any, path: _Path, out: list[str]) -> None:
            if isinstance(value, dict):
                for key in value:
                    names_check(key, path, out)

        checks.append(keys)

    if "additionalProperties" in node:
        extra = _compile(node["additionalProperties"], refs)
        known = frozenset(node.get("properties", ()))

        def others(value: Any, path: _Path, out: list[str]) -> None:
            if isinstance(value, dict):
                for key, item in value.items():
                    if key not in known:
                        extra(item, (*path, str(key)), out)

        checks.append(others)

    if "minItems" in node or "maxItems" in node:
        fewest, most = node.get("minItems", 0), node.get("maxItems")

        size_noun = title or f"a list of {fewest} to {most} items"

        def sized(value: Any, path: _Path, out: list[str]) -> None:
            if not isinstance(value, list):
                return
            if len(value) < fewest or (most is not None and len(value) > most):
                out.append(f"{_render(path)}: not {size_noun}")

        checks.append(sized)

    if "prefixItems" in node:
        firsts = [_compile(n, refs) for n in node["prefixItems"]]

        def leading(value: Any, path: _Path, out: list[str]) -> None:
            if isinstance(value, list):
                for i, (item, check) in enumerate(zip(value, firsts, strict=False)):
                    check(item, (*path, i), out)

        checks.append(leading)

    if "items" in node:
        each = _compile(node["items"], refs)
        skip = len(node.get("prefixItems", ()))

        def items(value: Any, path: _Path, out: list[str]) -> None:
            if isinstance(value, list):
                for i in range(skip, len(value)):
                    each(value[i], (*path, i), out)

        checks.append(items)

    if node.get("uniqueItems"):

        def unique(value: Any, path: _Path, out: list[str]) -> None:
            if isinstance(value, list) and all(isinstance(v, str) for v in value):
                if len(set(value)) != len(value):
                    out.append(f"{_render(path)}: has repeated items")

        checks.append(unique)

    def check(value: Any, path: _Path, out: list[str]) -> None:
        # a value of the wrong type gets one message, not one per keyword
        if names and not any(_is_type(value, n) for n in names):
            out.append(f"{_render(path)}: not {words}")
            return
        for c in checks:
            c(value, path, out)

    return check


@cache
def _checks() -> tuple[_Check, _Check]:
    refs: dict[str, _Check] = {}
    root = _compile(schema(), refs)
    feature = _compile({"$ref": "#/$defs/feature"}, refs)
    return root, feature


def _beyond_schema(feature: Any, path: _Path, out: list[str]) -> None:
    """The rules JSON Schema cannot state: sorted lists and swapped coordinates."""
    if not isinstance(feature, dict):
        return
    geometry = feature.get("geometry")
    coords = geometry.get("coordinates") if isinstance(geometry, dict) else None
    if (
        isinstance(coords, list)
        and len(coords) == 2
        and all(_is_type(c, "number") for c in coords)
    ):
        lon, lat = coords

        def inside(v: float, r: tuple[float, float]) -> bool:
            return r[0] <= v <= r[1]

        if not (inside(lon, LON_RANGE) and inside(lat, LAT_RANGE)) and (
            inside(lat, LON_RANGE) and inside(lon, LAT_RANGE)
        ):
            out.append(
                f"{_render(path)}: coordinates look swapped; GeoJSON is [lon, lat]"
            )
    props = feature.get("properties")
    if isinstance(props, dict):
        for key in ("weapons", "targets"):
            value = props.get(key)
            if (
                isinstance(value, list)
                and all(isinstance(v, str) for v in value)
                and value != sorted(set(value))
            ):
                out.append(f"{_render((*path, 'properties', key))}: not sorted")


def check_feature(feature: Any, where: _Path = ()) -> list[str]:
    """Check one event Feature against the schema.

    Parameters
    ----------
    feature : Any
        A parsed GeoJSON Feature.
    where : tuple, optional
        Its path in a document, for messages (``("features", 3)``).

    Returns
    -------
    list of str
        One line per problem (``properties.killed: -1 is below the minimum
        0``); empty when the feature is a valid event.
    """
    out: list[str] = []
    _checks()[1](feature, where, out)
    _beyond_schema(feature, where, out)
    return out


def validate_geojson(obj: Any) -> list[str]:
    """Check event GeoJSON against RFC 7946 and the event schema.

    Parameters
    ----------
    obj : Any
        Parsed GeoJSON (``json.loads`` of events.geojson).

    Returns
    -------
    list of str
        One line per problem, each naming where (``features[3].properties
        .date: 'x' is not an ISO date (YYYY-MM-DD)``); empty when valid.
        Checked: everything ``geo/events/data/events.schema.json`` says (a
        FeatureCollection with a ``features`` list and no ``crs`` member
        anywhere; each a Feature with a Point of two finite numbers, lon in
        [22, 40.5] and lat in [44, 52.5]; every event property present with
        its type, pattern or vocabulary; counts non-negative integers or
        null; sources with an article), and the rules beyond it (sorted
        weapons and targets, swapped coordinates named as such, real
        calendar dates).  Extra members and properties are allowed.
    """
    if not isinstance(obj, dict):
        return ["top level: not a JSON object"]
    out: list[str] = []
    features = obj.get("features")
    if isinstance(features, list):
        # the collection's own members first, then each feature's problems together
        _checks()[0]({**obj, "features": []}, (), out)
        for i, feature in enumerate(features):
            out += check_feature(feature, ("features", i))
    else:
        _checks()[0](obj, (), out)
    return out
