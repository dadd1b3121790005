"""How events and regions look: weapon classes, colours, radii, colour bins.

The palette is data (``maps/data/palette.json``) so that a reviewer can read
and change it in one place.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = [
    "WeaponClass",
    "ClusterClass",
    "ColorScale",
    "weapon_classes",
    "weapon_class",
    "cluster_classes",
    "region_colors",
    "marker_radius",
    "radius_examples",
    "color_scale",
]


@dataclass(frozen=True, slots=True)
class WeaponClass:
    """One marker class of the legend.

    Attributes
    ----------
    key : str
        Weapon key of the schema (``"drone"``), or ``"unknown"``.
    label : str
        Legend text.
    color : str
        Hex RGB colour.
    """

    key: str
    label: str
    color: str


@dataclass(frozen=True, slots=True)
class ClusterClass:
    """One size class of the marker clusters (maps with many events).

    Attributes
    ----------
    max : int or None
        Largest number of events of a cluster of this class; ``None`` for the
        last class.
    label : str
        Legend text.
    color : str
        Hex RGB fill, far from every weapon colour.
    size : int
        Diameter of the disc in pixels.
    """

    max: int | None
    label: str
    color: str
    size: int


@dataclass(frozen=True, slots=True)
class ColorScale:
    """A binned sequential colour scale for a choropleth.

    Attributes
    ----------
    label : str
        Legend heading.
    breaks : tuple of int
        Inclusive upper bound of each bin, ascending; values above the last
        break fall in the last bin.
    colors : tuple of str
        One colour per bin.
    zero_color : str or None
        Colour of a stated 0 (the casualty scale: sources say no one was
        hurt); ``None`` when 0 has no class of its own (an oblast with no
        events takes :func:`region_colors` ``no_events``).
    zero_label : str
        Legend text of ``zero_color``.
    layer : str
        Name of the choropleth in the layer control (short).
    """

    label: str
    breaks: tuple[int, ...]
    colors: tuple[str, ...]
    zero_color: str | None = None
    zero_label: str = ""
    layer: str = ""

    def color(self, value: float | None) -> str | None:
        """Return the colour of ``value``.

        ``None`` (unknown) gives ``None``; 0 gives ``zero_color``; a positive
        value its bin's colour.
        """
        if value is None or value != value:  # None or NaN: unknown
            return None
        if value <= 0:
            return self.zero_color
        for bound, color in zip(self.breaks, self.colors, strict=True):
            if value <= bound:
                return color
        return self.colors[-1] if self.colors else None

    def labels(self) -> list[str]:
        """Return the legend text of each bin (``"1"``, ``"2–4"``, ...)."""
        out = []
        low = 1
        for bound in self.breaks:
            out.append(str(bound) if low >= bound else f"{low}\u2013{bound}")
            low = bound + 1
        return out


@cache
def _palette() -> dict:
    text = resources.files("maps").joinpath("data/palette.json").read_text("utf-8")
    return json.loads(text)


def weapon_classes() -> tuple[WeaponClass, ...]:
    """Return the marker classes, from the most specific to the least.

    Returns
    -------
    tuple of WeaponClass
        Ends with the ``"unknown"`` class.
    """
    return tuple(
        WeaponClass(c["key"], c["label"], c["color"])
        for c in _palette()["weapon_classes"]
    )


def weapon_class(weapons: Iterable[str]) -> WeaponClass:
    """Return the class of an event: its most specific weapon.

    Parameters
    ----------
    weapons : iterable of str
        The event's weapon keys (schema ``weapons``).

    Returns
    -------
    WeaponClass
        ``ballistic_missile`` before ``cruise_missile`` before ``missile``
        before ``glide_bomb`` before ``drone`` before ``rocket`` before
        ``artillery`` before ``bomb``; ``unknown`` when none is known.

    Examples
    --------
    >>> weapon_class(["drone", "missile"]).key
    'missile'
    >>> weapon_class([]).key
    'unknown'
    """
    have = set(weapons)
    classes = weapon_classes()
    for cls in classes:
        if cls.key in have:
            return cls
    return classes[-1]


def cluster_classes() -> tuple[ClusterClass, ...]:
    """Return the cluster size classes, smallest first.

    Returns
    -------
    tuple of ClusterClass
        The last one has ``max=None``.
    """
    return tuple(
        ClusterClass(c["max"], c["label"], c["color"], int(c["size"]))
        for c in _palette()["clusters"]
    )


def region_colors() -> dict[str, str]:
    """Return the oblast fills that are not a value's colour.

    Returns
    -------
    dict
        ``no_events`` (an oblast with no event in the period) and
        ``not_stated`` (an oblast whose events state no casualty figure).
    """
    return dict(_palette()["regions"])


def marker_radius(killed: int | None, injured: int | None) -> float:
    """Return a marker's radius in pixels from the casualties of its event.

    The area grows with the number of casualties (square-root scale), from the
    minimum radius for none or unknown casualties up to a cap (so the
    smallest marker means "0 or not stated").

    Parameters
    ----------
    killed, injured : int or None
        ``None`` counts as 0.

    Returns
    -------
    float
        Radius rounded to 0.1 pixel.

    Examples
    --------
    >>> marker_radius(None, None)
    4.0
    >>> marker_radius(10_000, 0)
    20.0
    """
    spec = _palette()["radius"]
    total = max(0, killed or 0) + max(0, injured or 0)
    radius = spec["min"] + spec["per_sqrt_casualty"] * math.sqrt(total)
    return round(min(spec["max"], radius), 1)


def radius_examples() -> list[tuple[int, float]]:
    """Return (casualties, radius) pairs for the legend's size key."""
    return [(n, marker_radius(n, 0)) for n in (0, 5, 25, 100)]


def color_scale(kind: str, values: Sequence[float | int | None]) -> ColorScale:
    """Build the binned colour scale of one choropleth.

    Bins are quantiles of the non-zero values, rounded up to whole numbers and
    made distinct, so small and large counts both get readable classes.

    Parameters
    ----------
    kind : str
        ``"events"`` or ``"casualties"`` (a key of the palette's choropleths).
    values : sequence of number or None
        One value per region; ``None`` (unknown) and 0 make no bin.

    Returns
    -------
    ColorScale
        With up to five bins (fewer when there are few distinct values).

    Examples
    --------
    >>> color_scale("events", [0, 1, 2, 3, 10, 40]).breaks
    (1, 2, 3, 10, 40)
    """
    spec = _palette()["choropleth"][kind]
    colors: list[str] = spec["colors"]
    positive = sorted(math.ceil(v) for v in values if v is not None and v > 0)
    breaks: list[int] = []
    if positive:
        n = len(colors)
        for i in range(1, n + 1):
            q = positive[min(len(positive) - 1, math.ceil(i * len(positive) / n) - 1)]
            if not breaks or q > breaks[-1]:
                breaks.append(q)
    # Spread the colours of fewer bins over the whole ramp, darkest last.
    if breaks:
        k = len(breaks)
        picks = [round(i * (len(colors) - 1) / max(1, k - 1)) for i in range(k)]
        if k == 1:
            picks = [len(colors) - 1]
        chosen = tuple(colors[p] for p in picks)
    else:
        chosen = ()
    zero = spec.get("zero") or {}
    return ColorScale(
        spec["label"],
        tuple(breaks),
        chosen,
        zero.get("color"),
        zero.get("label", ""),
        spec.get("layer", spec["label"]),
    )
