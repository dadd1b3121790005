"""Interactive strike maps (folium): markers, time slider, oblast choropleths.

``build_map`` draws merged events and the region summary; ``save_map`` writes
one HTML file, with every script and stylesheet inlined when ``offline=True``
(the files come from the npm registry: ``python -m maps.assets`` fetches them
into a cache, see :mod:`maps.assets`).
"""

from __future__ import annotations

from typing import Any

from maps.build import build_map, map_html, save_map
from maps.style import weapon_class

__all__ = [
    "build_map",
    "save_map",
    "map_html",
    "weapon_class",
    "fetch_assets",
    "inline_assets",
]

_LAZY = {"fetch_assets", "inline_assets"}


def __getattr__(name: str) -> Any:
    # maps.assets is imported on first use, so that ``python -m maps.assets``
    # does not find the module already imported by the package.
    if name in _LAZY:
        from maps import assets

        return getattr(assets, name)
    raise AttributeError(f"module 'maps' has no attribute {name!r}")
