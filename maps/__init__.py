"""Interactive strike maps (folium): markers, time slider, oblast choropleths.

``map_payload`` works out everything a page shows as plain data (no folium,
no I/O); ``build_map`` draws merged events and the region summary (the
payload, then ``draw_map``); ``save_map`` writes one HTML file that needs no
network: Leaflet and Leaflet.markercluster are written into the page from the
``XStatic-Leaflet`` and ``XStatic-Leaflet-MarkerCluster`` packages (see
:mod:`maps.assets`), and web tiles are an optional layer that is off when the
page opens.  ``save_map(..., assets="cdn")`` links the libraries on jsDelivr
instead.
"""

from __future__ import annotations

from gazetteer.classcode import remembered_code

# the record classes' methods compiled by an earlier run (see gazetteer.classcode)
with remembered_code():
    from maps.assets import ASSET_MODES
    from maps.build import build_map, draw_map, map_html, save_map
    from maps.payload import TILES, map_payload
    from maps.style import weapon_class

__all__ = [
    "map_payload",
    "build_map",
    "draw_map",
    "save_map",
    "map_html",
    "weapon_class",
    "ASSET_MODES",
    "TILES",
]
