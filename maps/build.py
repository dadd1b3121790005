"""Build the strike map (folium) from its payload and save it as one HTML file."""

from __future__ import annotations

import copy
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import folium
from branca.element import Figure

from gazetteer.exc import OutputError
from geo.tables.output import write_text
from maps.assets import ASSET_MODES, LEAFLET, MARKERCLUSTER
from maps.elements import (
    ASSETS_KWARG,
    Attribution,
    BaseTiles,
    BoundaryData,
    Choropleth,
    Controls,
    EventLayer,
    Layout,
    Legend,
    Outlines,
    PageAssets,
    RegionPanel,
    StrikeMapLibrary,
    TitleBox,
)
from maps.payload import TILES, map_payload
from maps.safe import html_text
from maps.tree import renumber

__all__ = ["build_map", "draw_map", "save_map", "map_html", "TILES"]


def build_map(
    events: Any,
    summary: Any,
    *,
    title: str | None = None,
    boundaries: Any = None,
    cluster_threshold: int = 200,
    tiles: str | None = "OpenStreetMap",
) -> folium.Map:
    """Draw merged strike events and the region summary on a folium map.

    The map has one circle marker per event (colour by weapon class, size by
    casualties, a popup with date, place, figures, weapons, targets and each
    source's evidence sentences), a time slider, one layer group per month
    (per day when the events span at most 31 days), choropleths of events and
    casualties per oblast, a panel of the oblasts with events, a legend and a
    title with the date range.  The panel, the choropleths and their tooltips
    follow the time slider and the period layers.  Filters (weapon class,
    target, location precision, who fired, a minimum of killed + injured that
    no event without a stated figure meets), a timeline of events or
    casualties per day that can be brushed to a date range, place search in
    English or Ukrainian, a sortable event list with a CSV download and a
    shareable link (the view in the URL fragment) make every panel follow
    the same selection.  Markers cluster above
    ``cluster_threshold`` events.  The base is the country's and the oblasts'
    outlines; web tiles are an optional layer, off when the page opens, so the
    page makes no request until a reader asks for them.  The same input gives
    the same HTML.

    This is :func:`maps.payload.map_payload` (what the page shows) followed
    by :func:`draw_map` (the folium elements).

    Parameters
    ----------
    events : geopandas.GeoDataFrame or list of dict
        Merged events in the event schema, as a GeoDataFrame of points or as
        GeoJSON Feature dicts.
    summary : pandas.DataFrame or None
        The region summary table (one row per first-level unit, columns read
        by name: :data:`geo.tables.summary.REGION_COLUMNS`), shown while every
        event is on show.  A missing ``killed``/``injured`` is "not stated",
        never 0.  With ``None`` (or a table without ``killed_not_stated`` and
        ``injured_not_stated``) the page works the rows out from the events.
    title : str, optional
        Heading and page title; defaults to "Strikes on Ukraine".  The date
        range and figures are shown under it.
    boundaries : geopandas.GeoDataFrame, optional
        First-level units with ``admin1_code``, ``admin1`` and polygons;
        defaults to ``gazetteer.admin1_boundaries()`` (read from the bundled
        gazetteer).
    cluster_threshold : int, default 200
        Cluster the markers when there are more events than this.
    tiles : str or None, default "OpenStreetMap"
        A key of :data:`TILES`: offered as a layer that is off when the page
        opens.  ``None`` offers no tiles at all.

    Returns
    -------
    folium.Map
        Ready to render or pass to :func:`save_map`.

    Raises
    ------
    InputError
        When ``events``, ``summary`` or ``boundaries`` cannot be read.
    ValueError
        When ``tiles`` is not a key of :data:`TILES`.
    """
    if boundaries is None:
        import gazetteer

        boundaries = gazetteer.admin1_boundaries()
    payload = map_payload(
        events,
        summary,
        boundaries=boundaries,
        title=title,
        cluster_threshold=cluster_threshold,
        tiles=tiles,
    )
    return draw_map(payload)


def draw_map(payload: Mapping[str, Any]) -> folium.Map:
    """Turn a map payload into a folium map: one element per part of the page.

    Parameters
    ----------
    payload : mapping
        From :func:`maps.payload.map_payload`.

    Returns
    -------
    folium.Map
        Its elements in page order, with deterministic ids.
    """
    m = folium.Map(
        location=[48.4, 31.2],
        zoom_start=6,
        tiles=None,
        min_zoom=4,
        max_zoom=18,
        control_scale=True,
        zoom_snap=0.25,
        zoom_control=False,
    )
    # folium passes the zoom range to the tile layer only; the marker-cluster
    # plugin needs it on the map.
    m.options.update(minZoom=4, maxZoom=18)
    # Per-map asset lists (never folium's class-level ones): PageAssets
    # writes Leaflet itself, from the XStatic packages.
    m.default_js = []
    m.default_css = []
    figure = m.get_root()
    assert isinstance(figure, Figure)  # folium.Map makes its own
    figure.title = html_text(payload["title"])

    clustered = payload["cluster"]
    PageAssets(LEAFLET + (MARKERCLUSTER if clustered else ())).add_to(m)
    StrikeMapLibrary().add_to(m)
    Controls().add_to(m)
    data = BoundaryData(payload["boundaries"], payload["summary"])
    data.add_to(m)
    outlines = Outlines(data, name="Country and oblast outlines")
    outlines.add_to(m)
    if payload["tiles"] is not None:
        BaseTiles(outlines, payload["tiles"]).add_to(m)
    choropleths = [Choropleth(data, layer) for layer in payload["choropleths"]]
    for layer in choropleths:
        layer.add_to(m)
    groups = [
        folium.FeatureGroup(name=p["label"], show=True) for p in payload["periods"]
    ]
    for group in groups:
        group.add_to(m)
    TitleBox(payload["title"], payload["subtitle"]).add_to(m)
    RegionPanel(data).add_to(m)
    EventLayer(payload, groups, data).add_to(m)
    Legend(payload["legend"], choropleths, payload["choropleths"]).add_to(m)
    Attribution(payload["attribution"]).add_to(m)
    folium.LayerControl(collapsed=len(groups) > 8).add_to(m)
    Layout(payload["bounds"]).add_to(m)
    renumber(figure)
    return m


def map_html(m: folium.Map, *, assets: str = "inline") -> str:
    """Render a map to a complete HTML page.

    The map is left as it was: the page is rendered from a copy.

    Parameters
    ----------
    m : folium.Map
        A map, usually from :func:`build_map`.
    assets : {"inline", "cdn"}, default "inline"
        ``"inline"`` writes Leaflet's scripts, stylesheets and images into the
        page (from the XStatic packages), so it loads nothing from the
        network; ``"cdn"`` links them on jsDelivr instead (a smaller file).

    Returns
    -------
    str
        The page.

    Raises
    ------
    ValueError
        When ``assets`` is not one of ``maps.assets.ASSET_MODES``.
    OutputError
        When an XStatic package is missing.
    """
    if assets not in ASSET_MODES:
        raise ValueError(f"assets must be one of {ASSET_MODES}, not {assets!r}")
    root = renumber(m.get_root())  # elements added since build_map get ids too
    # Rendering adds to the tree (the figure collects every element's parts;
    # folium's layers add an "addTo" child each time), so a second render of
    # the same tree would repeat lines: render a copy.  The large data are
    # strings in the elements, so the copy is cheap.
    return copy.deepcopy(root).render(**{ASSETS_KWARG: assets})


def save_map(
    m: folium.Map,
    path: str | os.PathLike,
    *,
    assets: str = "inline",
) -> Path:
    """Write a map to an HTML file (atomically).

    Parameters
    ----------
    m : folium.Map
        A map, usually from :func:`build_map`.
    path : str or os.PathLike
        Output file; missing parent directories are created.
    assets : {"inline", "cdn"}, default "inline"
        How the page gets Leaflet (see :func:`map_html`).  With ``"inline"``
        the page makes no network request until a reader switches on the
        tile layer (and none at all from a map built with ``tiles=None``).

    Returns
    -------
    pathlib.Path
        The written file.

    Raises
    ------
    OutputError
        When the file cannot be written or an XStatic package is missing.
    """
    path = Path(path)
    html = map_html(m, assets=assets)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write the map: {exc.strerror}") from exc
    # the one writer: atomic over a file, through a symlink, into a FIFO
    write_text(path, html)
    return path
