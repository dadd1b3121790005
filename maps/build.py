"""Build the strike map (folium) and save it as one HTML file."""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import tempfile
from collections import Counter
from collections.abc import Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import folium
import numpy as np
import shapely
from shapely.geometry import mapping

from gazetteer.exc import InputError, OutputError
from geo.summary import REGION_COLUMNS
from maps.elements import (
    Attribution,
    BoundaryData,
    Choropleth,
    EventLayer,
    Outlines,
    Panel,
    StrikeMapLibrary,
    TitleBox,
)
from maps.events import MapEvent, read_events
from maps.ids import renumber, walk
from maps.safe import html_text, http_url
from maps.style import (
    ColorScale,
    color_scale,
    marker_radius,
    radius_examples,
    weapon_class,
    weapon_classes,
)

__all__ = ["build_map", "save_map", "map_html", "UKRAINE_BOUNDS"]

#: Ukraine's extent, ``[[south, west], [north, east]]`` (folium's order).
UKRAINE_BOUNDS = [[44.38, 22.13], [52.38, 40.23]]

#: Credits for the data drawn on every map (the tile layer brings its own).
ATTRIBUTION = (
    'Places: <a href="https://www.geonames.org/">GeoNames</a> (CC BY 4.0)'
    " | Oblast boundaries: \u00a9 OpenStreetMap contributors, ODbL 1.0; via "
    '<a href="https://www.geoboundaries.org/">geoBoundaries</a>'
)

#: Columns of the region summary table, in order (owned by geo.summary).
SUMMARY_COLUMNS = list(REGION_COLUMNS)

#: Columns of one event row in the page's data (see strikemap.js).
EVENT_COLUMNS = [
    "id",
    "lon",
    "lat",
    "day",
    "cls",
    "radius",
    "group",
    "date",
    "date_precision",
    "place",
    "precision",
    "admin1",
    "killed",
    "injured",
    "weapons",
    "targets",
    "launched",
    "note",
    "sources",
]

DEFAULT_TITLE = "Strikes on Ukraine"


@cache
def _asset_urls() -> dict[str, str]:
    """Return the third-party asset URLs the maps use, by file name."""
    text = resources.files("maps").joinpath("data/cdn.json").read_text("utf-8")
    return {url.rsplit("/", 1)[1]: url for url in json.loads(text)["strikemap"]}


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
    casualties, a popup with date, place, figures, weapons, targets, evidence
    and sources), a time slider, one layer group per month (per day when the
    events span at most 31 days), choropleths of events and casualties per
    oblast with the summary row as tooltip, a legend, a summary panel and a
    title with the date range.  Markers cluster above ``cluster_threshold``
    events.  The same input gives the same HTML.

    Parameters
    ----------
    events : geopandas.GeoDataFrame or list of dict
        Merged events in the event schema, as a GeoDataFrame of points or as
        GeoJSON Feature dicts.
    summary : pandas.DataFrame or None
        The region summary table (one row per first-level unit).
    title : str, optional
        Heading; defaults to "Strikes on Ukraine".  The date range and counts
        are shown under it.
    boundaries : geopandas.GeoDataFrame, optional
        First-level units with ``admin1_code``, ``admin1`` and polygons;
        defaults to ``gazetteer.admin1_boundaries()``.
    cluster_threshold : int, default 200
        Cluster the markers when there are more events than this.
    tiles : str or None, default "OpenStreetMap"
        folium tile layer name; ``None`` draws no tiles (the oblasts are filled
        as the base instead): use it for maps meant to work offline.

    Returns
    -------
    folium.Map
        Ready to render or pass to :func:`save_map`.

    Raises
    ------
    InputError
        When ``events``, ``summary`` or ``boundaries`` cannot be read.
    """
    records = read_events(events)
    if boundaries is None:
        import gazetteer

        boundaries = gazetteer.admin1_boundaries()
    geo = _boundaries_geojson(boundaries)
    columns, summary_rows = _summary_rows(summary)

    days = sorted({e.day for e in records if e.day is not None})
    start = days[0] if days else None
    span = (days[-1] - days[0]).days + 1 if days else 0

    m = folium.Map(
        location=[48.4, 31.2],
        zoom_start=6,
        tiles=tiles,
        min_zoom=4,
        max_zoom=18,
        control_scale=True,
        zoom_snap=0.25,
    )
    # folium passes the zoom range to the tile layer only; the marker-cluster
    # plugin needs it on the map, with or without tiles.
    m.options.update(minZoom=4, maxZoom=18)
    # Per-map asset lists (never folium's module-level ones): Leaflet only.
    urls = _asset_urls()
    m.default_js = [("leaflet", urls["leaflet.js"])]
    m.default_css = [("leaflet_css", urls["leaflet.css"])]

    StrikeMapLibrary().add_to(m)
    data = BoundaryData(geo, columns, summary_rows).add_to(m)
    Outlines(data, filled=tiles is None, name="Oblast boundaries").add_to(m)

    events_values = {c: r[columns.index("events")] for c, r in summary_rows.items()}
    casualties_values = {
        c: (r[columns.index("killed")] or 0) + (r[columns.index("injured")] or 0)
        for c, r in summary_rows.items()
    }
    scales = {
        "events": color_scale("events", list(events_values.values())),
        "casualties": color_scale("casualties", list(casualties_values.values())),
    }
    choropleths = {
        kind: Choropleth(
            data,
            colors={c: scales[kind].color(v) for c, v in values.items() if v and v > 0},
            zero_color=scales[kind].zero_color,
            name=scales[kind].label,
            show=kind == "events",
        ).add_to(m)
        for kind, values in (
            ("events", events_values),
            ("casualties", casualties_values),
        )
    }

    keys, group_of = _periods(records, per_day=0 < span <= 31)
    counts = Counter(group_of)
    groups = []
    for i, key in enumerate(keys):
        label = (
            f"Undated ({counts[i]})" if key is None else f"Events {key} ({counts[i]})"
        )
        groups.append(folium.FeatureGroup(name=html_text(label), show=True).add_to(m))

    classes = weapon_classes()
    class_index = {c.key: i for i, c in enumerate(classes)}
    rows = [
        _event_row(e, start, class_index[weapon_class(e.weapons).key], group_of[i])
        for i, e in enumerate(records)
    ]
    clustered = len(records) > cluster_threshold
    config = {
        "columns": EVENT_COLUMNS,
        "rows": rows,
        "classes": [[c.key, c.label, c.color] for c in classes],
        "start": start.isoformat() if start else None,
        "days": span,
        "undated": sum(1 for e in records if e.day is None),
        "cluster": clustered,
    }
    js_links: list[tuple[str, str]] = []
    css_links: list[tuple[str, str]] = []
    if clustered:
        js_links = [("markercluster_js", urls["leaflet.markercluster.js"])]
        css_links = [
            ("markercluster_css", urls["MarkerCluster.css"]),
            ("markercluster_default_css", urls["MarkerCluster.Default.css"]),
        ]
    EventLayer(config, groups, js_links=js_links, css_links=css_links).add_to(m)

    class_counts = Counter(rows_cls for rows_cls in (r[4] for r in rows))
    Panel(
        lambda: _legend_html(classes, class_counts, scales, choropleths),
        position="bottomright",
        css_class="sm-legend",
    ).add_to(m)
    Panel(
        lambda: _summary_html(columns, summary_rows),
        position="topleft",
        css_class="sm-panel",
    ).add_to(m)
    heading = _title_html(title or DEFAULT_TITLE, records, days)
    TitleBox(lambda: heading).add_to(m)
    Attribution(ATTRIBUTION).add_to(m)

    # Keep the country clear of the summary panel (left), the title (top), the
    # layer control and legend (right) and the slider (bottom).
    m.fit_bounds(
        _bounds(geo), padding_top_left=(290, 60), padding_bottom_right=(230, 70)
    )
    folium.LayerControl(collapsed=len(groups) > 8).add_to(m)
    renumber(m.get_root())
    return m


def map_html(m: folium.Map, *, offline: bool = False) -> str:
    """Render a map to a complete HTML page.

    Parameters
    ----------
    m : folium.Map
        A map, usually from :func:`build_map`.
    offline : bool, default False
        Inline every third-party script and stylesheet from the asset cache
        (see :mod:`maps.assets`), so the page needs no network but for tiles.

    Returns
    -------
    str
        The page.

    Raises
    ------
    OutputError
        When ``offline`` and an asset is not in the cache.
    """
    root = m.get_root()
    renumber(root)
    # Rendering adds helper elements to the tree (folium's Layer adds an
    # "addTo" child each time); restore the tree so every render is the same.
    saved = [(e, e._children.copy()) for e in walk(root, figure_parts=True)]
    try:
        html = root.render()
    finally:
        for element, children in saved:
            element._children = children
    if offline:
        from maps.assets import inline_assets

        html = inline_assets(html)
    return html


def save_map(m: folium.Map, path: str | os.PathLike, *, offline: bool = False) -> Path:
    """Write a map to an HTML file (atomically).

    Parameters
    ----------
    m : folium.Map
        A map, usually from :func:`build_map`.
    path : str or os.PathLike
        Output file; missing parent directories are created.
    offline : bool, default False
        Inline all scripts and stylesheets (see :func:`map_html`).  Build the
        map with ``tiles=None`` for a page that makes no network request.

    Returns
    -------
    pathlib.Path
        The written file.

    Raises
    ------
    OutputError
        When the file cannot be written or an offline asset is missing.
    """
    path = Path(path)
    html = map_html(m, offline=offline)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
                f.write(html)
            # mkstemp makes the file private; a map is meant to be published
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise OutputError(f"{path}: cannot write the map: {exc}") from exc
    return path


# ---- data for the page ----


def _periods(
    records: Sequence[MapEvent], *, per_day: bool
) -> tuple[list[str | None], list[int]]:
    """Period keys (months, or days) in order, and each record's key index."""
    width = 10 if per_day else 7
    keys_of = [e.day.isoformat()[:width] if e.day else None for e in records]
    dated = sorted({k for k in keys_of if k is not None})
    keys: list[str | None] = list(dated)
    if any(k is None for k in keys_of):
        keys.append(None)
    index = {k: i for i, k in enumerate(keys)}
    return keys, [index[k] for k in keys_of]


def _label(key: str) -> str:
    return key.replace("_", " ")


def _event_row(e: MapEvent, start: dt.date | None, cls: int, group: int) -> list:
    day = (e.day - start).days if e.day is not None and start is not None else None
    sources = [
        [s.article, http_url(s.url), s.published, s.evidence, s.killed, s.injured]
        for s in e.sources
    ]
    launched = ", ".join(f"{_label(k)} {n}" for k, n in e.launched) or None
    precision = e.date_precision if e.date_precision != "day" else None
    return [
        e.id,
        e.lon,
        e.lat,
        day,
        cls,
        marker_radius(e.killed, e.injured),
        group,
        e.day.isoformat() if e.day else None,
        precision,
        e.place,
        e.precision,
        e.admin1,
        e.killed,
        e.injured,
        ", ".join(_label(w) for w in e.weapons),
        ", ".join(_label(t) for t in e.targets),
        launched,
        e.note,
        sources,
    ]


def _boundaries_geojson(boundaries: Any) -> dict:
    """Polygons as a compact FeatureCollection with ``admin1_code``/``admin1``."""
    if not hasattr(boundaries, "geometry"):
        raise InputError("boundaries", "expected a GeoDataFrame of first-level units")
    gdf = boundaries
    if "admin1_code" not in gdf.columns and "shapeISO" in gdf.columns:
        gdf = gdf.rename(columns={"shapeISO": "admin1_code", "shapeName": "admin1"})
    if "admin1_code" not in gdf.columns:
        raise InputError("boundaries", "no admin1_code column")
    if gdf.crs is not None and not gdf.crs.equals("EPSG:4326"):
        gdf = gdf.to_crs("EPSG:4326")
    names = gdf["admin1"] if "admin1" in gdf.columns else gdf["admin1_code"]
    geoms = shapely.transform(
        np.asarray(gdf.geometry.values, dtype=object), lambda c: np.round(c, 4)
    )
    features = []
    for code, name, geom in zip(gdf["admin1_code"], names, geoms, strict=True):
        if geom is None or geom.is_empty:
            continue
        features.append(
            {
                "type": "Feature",
                "properties": {"admin1_code": str(code), "admin1": str(name)},
                "geometry": mapping(geom),
            }
        )
    return {"type": "FeatureCollection", "features": features}


def _bounds(geo: dict) -> list[list[float]]:
    """``[[south, west], [north, east]]`` of the polygons, or Ukraine's."""
    xs: list[float] = []
    ys: list[float] = []
    for feature in geo["features"]:
        minx, miny, maxx, maxy = shapely.geometry.shape(feature["geometry"]).bounds
        xs += [minx, maxx]
        ys += [miny, maxy]
    if not xs:
        return UKRAINE_BOUNDS
    return [[min(ys), min(xs)], [max(ys), max(xs)]]


def _cell(value: Any) -> Any:
    """Return a summary cell as JSON-friendly data (NaN and NA become None)."""
    if value is None:
        return None
    if isinstance(value, (np.integer, int)) and not isinstance(value, bool):
        return int(value)
    if isinstance(value, (np.floating, float)):
        if not math.isfinite(value):
            return None
        return int(value) if float(value).is_integer() else float(value)
    try:
        import pandas as pd

        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    return str(value)


def _summary_rows(summary: Any) -> tuple[list[str], dict[str, list]]:
    """Return the summary as ``{admin1_code: [cells in SUMMARY_COLUMNS order]}``."""
    if summary is None:
        return list(SUMMARY_COLUMNS), {}
    if not hasattr(summary, "to_dict"):
        raise InputError("summary", "expected a pandas DataFrame")
    if "admin1_code" not in summary.columns:
        raise InputError("summary", "no admin1_code column")
    rows: dict[str, list] = {}
    for record in summary.to_dict("records"):
        code = _cell(record.get("admin1_code"))
        if not code:
            continue
        cells = [_cell(record.get(c)) for c in SUMMARY_COLUMNS]
        for name in ("events", "days", "killed", "injured", "sources"):
            i = SUMMARY_COLUMNS.index(name)
            cells[i] = cells[i] if isinstance(cells[i], (int, float)) else 0
        rows[str(code)] = cells
    return list(SUMMARY_COLUMNS), rows


# ---- markup (every value through html_text) ----


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def _title_html(title: str, records: Sequence[MapEvent], days: list[dt.date]) -> str:
    n = len(records)
    killed = sum(e.killed or 0 for e in records)
    injured = sum(e.injured or 0 for e in records)
    if days:
        first, last = days[0].isoformat(), days[-1].isoformat()
        span = first if first == last else f"{first} \u2013 {last}"
    else:
        span = "dates unknown"
    parts = [span, _plural(n, "event"), f"{killed:,} killed, {injured:,} injured"]
    undated = sum(1 for e in records if e.day is None)
    if undated and days:
        parts.append(f"{undated:,} undated")
    return (
        f"<h1>{html_text(title)}</h1>"
        f'<div class="sm-subtitle">{html_text(" · ".join(parts))}</div>'
    )


def _legend_html(
    classes: Sequence[Any],
    class_counts: Counter,
    scales: dict[str, ColorScale],
    choropleths: dict[str, Choropleth],
) -> str:
    items = []
    for i, cls in enumerate(classes):
        if not class_counts.get(i):
            continue
        items.append(
            f'<li><span class="sm-swatch" style="background:{html_text(cls.color)}">'
            f"</span>{html_text(cls.label)} "
            f'<span class="sm-muted">({class_counts[i]:,})</span></li>'
        )
    if not items:
        items.append('<li class="sm-muted">no events</li>')
    sizes = "".join(
        f'<span><i style="width:{2 * r:.0f}px;height:{2 * r:.0f}px"></i>{n}</span>'
        for n, r in radius_examples()
    )
    parts = [
        "<details open><summary>Legend</summary>",
        "<h2>Marker colour: weapon</h2>",
        f"<ul>{''.join(items)}</ul>",
        "<h2>Marker size: killed + injured</h2>",
        f'<div class="sm-sizes">{sizes}</div>',
    ]
    for kind, scale in scales.items():
        layer = choropleths[kind]
        swatches = [(scale.zero_color, "0")]
        swatches += list(zip(scale.colors, scale.labels(), strict=True))
        rows = [
            f'<li><span class="sm-square" style="background:{html_text(color)}">'
            f"</span>{html_text(label)}</li>"
            for color, label in swatches
        ]
        hidden = "" if layer.show else " hidden"
        parts.append(
            f'<div id="{layer.legend_id}"{hidden}><h2>{html_text(scale.label)}</h2>'
            f"<ul>{''.join(rows)}</ul></div>"
        )
    parts.append("</details>")
    return "".join(parts)


def _summary_html(columns: list[str], rows: dict[str, list]) -> str:
    ix = {c: i for i, c in enumerate(columns)}
    with_events = sorted(
        (r for r in rows.values() if (r[ix["events"]] or 0) > 0),
        key=lambda r: (-(r[ix["events"]] or 0), str(r[ix["admin1_code"]])),
    )
    items = []
    for r in with_events:

        def cell(name: str, row: list = r) -> str:
            value = row[ix[name]]
            return html_text("\u2013" if value in (None, "") else value)

        name = cell("admin1") if r[ix["admin1"]] else cell("admin1_code")
        first, last = r[ix["first_date"]], r[ix["last_date"]]
        dates = (
            cell("first_date")
            if first == last
            else (f"{cell('first_date')} \u2192 {cell('last_date')}")
        )
        dates = f'<span class="sm-nowrap">{dates}</span>'
        days_text = _plural(r[ix["days"]] or 0, "day")
        items.append(
            "<li>"
            f'<div class="sm-region-line">{name}: <b>{cell("events")}</b> events, '
            f"{cell('killed')} killed, {cell('injured')} injured</div>"
            f'<div class="sm-region-more">{days_text} with events · {dates}'
            f"<br>Weapons: {cell('top_weapons')}<br>Targets: {cell('top_targets')}"
            f" · {cell('sources')} sources</div>"
            "</li>"
        )
    if not items:
        body = '<div class="sm-muted">No oblast has events.</div>'
    else:
        body = f"<ol>{''.join(items)}</ol>"
    return (
        f"<details open><summary>Oblasts with events ({len(items)})</summary>"
        f"{body}</details>"
    )
