"""Build the strike map (folium) and save it as one HTML file."""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import folium
import numpy as np
import shapely
from shapely.geometry import mapping

from gazetteer.exc import InputError, OutputError
from geo.tables.output import write_text
from geo.tables.summary import REGION_COLUMNS
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
    Outlines,
    PageAssets,
    Panel,
    RegionPanel,
    StrikeMapLibrary,
    TitleBox,
)
from maps.events import MapEvent, read_events
from maps.ids import renumber, walk
from maps.safe import html_text, http_url, script_json
from maps.style import (
    ColorScale,
    cluster_classes,
    color_scale,
    marker_radius,
    radius_examples,
    region_colors,
    weapon_class,
    weapon_classes,
)

__all__ = ["build_map", "save_map", "map_html", "UKRAINE_BOUNDS", "TILES"]

#: Ukraine's extent, ``[[south, west], [north, east]]`` (folium's order).
UKRAINE_BOUNDS = [[44.38, 22.13], [52.38, 40.23]]

#: Credits for the data drawn on every map (the tile layer brings its own).
ATTRIBUTION = (
    'Places: <a href="https://www.geonames.org/">GeoNames</a> (CC BY 4.0)'
    " | Oblast boundaries: \u00a9 OpenStreetMap contributors, ODbL 1.0; via "
    '<a href="https://www.geoboundaries.org/">geoBoundaries</a>'
)


@dataclass(frozen=True, slots=True)
class TileSource:
    """A web tile service the map may offer as an optional layer.

    Attributes
    ----------
    url : str
        URL template with ``{z}``, ``{x}`` and ``{y}``.
    attribution : str
        Trusted markup credited while the layer is on.
    label : str
        Name in the layer control.
    max_zoom : int
        Deepest zoom the service has.
    """

    url: str
    attribution: str
    label: str
    max_zoom: int


#: Tile services by the name ``build_map(tiles=...)`` takes.
TILES = {
    "OpenStreetMap": TileSource(
        "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'
        " contributors",
        "OpenStreetMap base map (online)",
        19,
    ),
}

#: Columns of the region summary table the map reads, by name (geo.tables.summary's).
SUMMARY_COLUMNS = list(REGION_COLUMNS)
#: Columns the map needs to show a summary row as it is; without them (an
#: older table that counted an unknown figure as 0) the page works the rows
#: out from its events.
_NEEDED = ("admin1_code", "events", "killed", "injured")
_NOT_STATED = ("killed_not_stated", "injured_not_stated")

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
    "code",
    "killed",
    "injured",
    "weapons",
    "targets",
    "launched",
    "note",
    "sources",
]

DEFAULT_TITLE = "Strikes on Ukraine"


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
    follow the time slider and the period layers.  Markers cluster above
    ``cluster_threshold`` events.  The base is the country's and the oblasts'
    outlines; web tiles are an optional layer, off when the page opens, so the
    page makes no request until a reader asks for them.  The same input gives
    the same HTML.

    Parameters
    ----------
    events : geopandas.GeoDataFrame or list of dict
        Merged events in the event schema, as a GeoDataFrame of points or as
        GeoJSON Feature dicts.
    summary : pandas.DataFrame or None
        The region summary table (one row per first-level unit, columns read
        by name: :data:`geo.tables.summary.REGION_COLUMNS`), shown while every event
        is on show.  A missing ``killed``/``injured`` is "not stated", never
        0.  With ``None`` (or a table without ``killed_not_stated`` and
        ``injured_not_stated``) the page works the rows out from the events.
    title : str, optional
        Heading and page title; defaults to "Strikes on Ukraine".  The date
        range and figures are shown under it.
    boundaries : geopandas.GeoDataFrame, optional
        First-level units with ``admin1_code``, ``admin1`` and polygons;
        defaults to ``gazetteer.admin1_boundaries()``.
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
    if tiles is not None and tiles not in TILES:
        raise ValueError(f"tiles must be one of {sorted(TILES)} or None, not {tiles!r}")
    records = read_events(events)
    if boundaries is None:
        import gazetteer

        boundaries = gazetteer.admin1_boundaries()
    units = _units(boundaries)
    codes = _event_codes(records, units.shapes)
    summary_rows = _summary_rows(summary)

    days = sorted({e.day for e in records if e.day is not None})
    start = days[0] if days else None
    span = (days[-1] - days[0]).days + 1 if days else 0
    clustered = len(records) > cluster_threshold

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
    # Per-map asset lists (never folium's module-level ones): PageAssets
    # writes Leaflet itself, from the XStatic packages.
    m.default_js = []
    m.default_css = []
    heading = title or DEFAULT_TITLE
    m.get_root().title = html_text(heading)

    PageAssets(LEAFLET + (MARKERCLUSTER if clustered else ())).add_to(m)
    StrikeMapLibrary().add_to(m)
    Controls().add_to(m)
    data = BoundaryData(
        units.geo_json, units.country_json, SUMMARY_COLUMNS, summary_rows, units.names
    ).add_to(m)
    outlines = Outlines(data, name="Country and oblast outlines").add_to(m)
    if tiles is not None:
        source = TILES[tiles]
        BaseTiles(
            outlines, source.url, source.attribution, source.label, source.max_zoom
        ).add_to(m)

    events_values, casualty_values = _region_values(records, codes, summary_rows)
    scales = {
        "events": color_scale("events", events_values),
        "casualties": color_scale("casualties", casualty_values),
    }
    fills = region_colors()
    choropleths = {
        kind: Choropleth(
            data,
            kind,
            {
                "breaks": list(scale.breaks),
                "colors": list(scale.colors),
                "zeroColor": scale.zero_color,
                "noEvents": fills["no_events"],
                "notStated": fills["not_stated"],
            },
            name=scale.layer,
            show=kind == "events",
        ).add_to(m)
        for kind, scale in scales.items()
    }

    keys, group_of = _periods(records, per_day=0 < span <= 31)
    counts = Counter(group_of)
    groups = []
    for i, key in enumerate(keys):
        label = (
            f"Undated ({counts[i]:,})"
            if key is None
            else f"Events {key} ({counts[i]:,})"
        )
        groups.append(folium.FeatureGroup(name=label, show=True).add_to(m))

    classes = weapon_classes()
    class_index = {c.key: i for i, c in enumerate(classes)}
    rows = [
        _event_row(
            e, start, class_index[weapon_class(e.weapons).key], group_of[i], codes[i]
        )
        for i, e in enumerate(records)
    ]
    undated = sum(1 for e in records if e.day is None)
    config = {
        "columns": EVENT_COLUMNS,
        "rows": rows,
        "classes": [[c.key, c.label, c.color] for c in classes],
        "start": start.isoformat() if start else None,
        "days": span,
        "undated": undated,
        "cluster": clustered,
        "clusterClasses": [[c.max, c.color, c.size] for c in cluster_classes()],
    }
    TitleBox(lambda: _title_html(heading, records, days)).add_to(m)
    RegionPanel(data, _panel_html).add_to(m)
    EventLayer(config, groups, data).add_to(m)

    class_counts = Counter(r[4] for r in rows)
    Panel(
        lambda: _legend_html(
            classes, class_counts, scales, choropleths, fills, clustered, undated
        ),
        position="bottomright",
        css_class="sm-legend",
    ).add_to(m)
    Attribution(ATTRIBUTION).add_to(m)
    folium.LayerControl(collapsed=len(groups) > 8).add_to(m)
    Layout(units.bounds).add_to(m)
    renumber(m.get_root())
    return m


def map_html(m: folium.Map, *, assets: str = "inline") -> str:
    """Render a map to a complete HTML page.

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
    root = m.get_root()
    renumber(root)
    # Rendering adds helper elements to the tree (folium's Layer adds an
    # "addTo" child each time); restore the tree so every render is the same.
    saved = [(e, e._children.copy()) for e in walk(root, figure_parts=True)]
    try:
        html = root.render(**{ASSETS_KWARG: assets})
    finally:
        for element, children in saved:
            element._children = children
    return html


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


def _event_row(
    e: MapEvent, start: dt.date | None, cls: int, group: int, code: str | None
) -> list:
    day = (e.day - start).days if e.day is not None and start is not None else None
    sources = [
        [s.article, http_url(s.url), s.published, list(s.evidence), s.killed, s.injured]
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
        code,
        e.killed,
        e.injured,
        ", ".join(e.weapons),  # schema keys; the page says them in words
        ", ".join(e.targets),
        launched,
        e.note,
        sources,
    ]


@dataclass(frozen=True)
class _Units:
    """The first-level units as the page needs them (worked out once)."""

    geo: dict  # compact FeatureCollection with admin1_code/admin1
    shapes: dict[str, Any]  # polygons by code
    names: dict[str, str]  # name by code
    geo_json: str  # script_json(geo): the largest part of a small page
    country_json: str  # script_json of the country outline's lines
    bounds: list[list[float]]


_UNITS_CACHE: dict[str, _Units] = {}


def _units(boundaries: Any) -> _Units:
    """The units of a boundaries frame, cached by the polygons' content."""
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
    geoms = np.asarray(gdf.geometry.values, dtype=object)
    digest = hashlib.sha256()
    for code, name, wkb in zip(
        gdf["admin1_code"], names, shapely.to_wkb(geoms), strict=True
    ):
        digest.update(f"{code}\0{name}\0".encode())
        digest.update(wkb or b"")
    key = digest.hexdigest()
    if key not in _UNITS_CACHE:
        if len(_UNITS_CACHE) >= 4:
            _UNITS_CACHE.pop(next(iter(_UNITS_CACHE)))
        _UNITS_CACHE[key] = _work_out_units(gdf["admin1_code"], names, geoms)
    return _UNITS_CACHE[key]


def _work_out_units(codes: Any, names: Any, geoms: np.ndarray) -> _Units:
    rounded = shapely.transform(geoms, lambda c: np.round(c, 4))
    features = []
    shapes: dict[str, Any] = {}
    for code, name, geom in zip(codes, names, rounded, strict=True):
        if geom is None or geom.is_empty:
            continue
        features.append(
            {
                "type": "Feature",
                "properties": {"admin1_code": str(code), "admin1": str(name)},
                "geometry": mapping(geom),
            }
        )
        shapes[str(code)] = geom
    geo = {"type": "FeatureCollection", "features": features}
    return _Units(
        geo=geo,
        shapes=shapes,
        names={
            str(f["properties"]["admin1_code"]): f["properties"]["admin1"]
            for f in features
        },
        geo_json=script_json(geo),
        country_json=script_json(_country_line(shapes)),
        bounds=_bounds(geo),
    )


def _country_line(polygons: dict[str, Any]) -> list:
    """The outer edge of the units' union, simplified to about 100 m.

    The units' own edges do not meet exactly (slivers), so only the union's
    exterior rings are drawn: the country border and coast.
    """
    if not polygons:
        return []
    union = shapely.union_all(list(polygons.values()))
    parts = getattr(union, "geoms", [union])
    lines = []
    for part in parts:
        if part.geom_type != "Polygon" or part.area < 0.01:
            continue
        ring = shapely.simplify(shapely.LineString(part.exterior.coords), 0.001)
        coords = np.round(np.asarray(ring.coords), 3)
        lines.append(coords.tolist())
    return lines


def _event_codes(
    records: Sequence[MapEvent], polygons: dict[str, Any]
) -> list[str | None]:
    """Each event's first-level unit: its own code, else the unit it lies in."""
    out: list[str | None] = [e.admin1_code or None for e in records]
    missing = [i for i, code in enumerate(out) if code is None]
    if not missing or not polygons:
        return out
    codes = list(polygons)
    tree = shapely.STRtree([polygons[c] for c in codes])
    points = shapely.points([[records[i].lon, records[i].lat] for i in missing])
    inside = tree.query(points, predicate="intersects")
    found: dict[int, str] = {}
    for p, g in sorted(zip(inside[0], inside[1], strict=True)):
        found.setdefault(int(p), codes[int(g)])
    for k, i in enumerate(missing):
        if k in found:
            out[i] = found[k]
        else:  # just off the coast or a border: the nearest unit
            out[i] = codes[int(tree.nearest(points[k]))]
    return out


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


def _summary_rows(summary: Any) -> dict[str, list] | None:
    """Return the summary as ``{admin1_code: [cells in SUMMARY_COLUMNS order]}``.

    Columns are read by name; a missing column gives ``None`` cells, and a
    missing or empty figure stays ``None`` (not stated).  ``None`` when there
    is no usable table (the page then works the rows out from the events).
    """
    if summary is None:
        return None
    if not hasattr(summary, "to_dict") or not hasattr(summary, "columns"):
        raise InputError("summary", "expected a pandas DataFrame")
    if "admin1_code" not in summary.columns:
        raise InputError("summary", "no admin1_code column")
    if not all(c in summary.columns for c in (*_NEEDED, *_NOT_STATED)):
        return None
    rows: dict[str, list] = {}
    for record in summary.to_dict("records"):
        code = _cell(record.get("admin1_code"))
        if not code:
            continue
        cells = [_cell(record.get(c)) for c in SUMMARY_COLUMNS]
        for i, name in enumerate(SUMMARY_COLUMNS):
            if cells[i] == "" and name not in ("top_weapons", "top_targets"):
                cells[i] = None  # an empty CSV cell: not stated
        rows[str(code)] = cells
    return rows


def _region_values(
    records: Sequence[MapEvent],
    codes: Sequence[str | None],
    summary_rows: dict[str, list] | None,
) -> tuple[list[int], list[int | None]]:
    """Events and stated casualties per unit with events, over all events."""
    events: Counter[str] = Counter()
    casualties: dict[str, int | None] = {}
    if summary_rows is not None:
        ix = {c: i for i, c in enumerate(SUMMARY_COLUMNS)}
        for code, row in summary_rows.items():
            n = row[ix["events"]] or 0
            if n <= 0:
                continue
            events[code] = n
            casualties[code] = _stated_sum(row[ix["killed"]], row[ix["injured"]])
    else:
        for e, code in zip(records, codes, strict=True):
            if code is None:
                continue
            events[code] += 1
            stated = _stated_sum(e.killed, e.injured)
            if stated is not None:
                casualties[code] = (casualties.get(code) or 0) + stated
            else:
                casualties.setdefault(code, None)
    return list(events.values()), list(casualties.values())


def _stated_sum(*figures: int | float | None) -> int | None:
    """The sum of the stated figures; ``None`` when none is stated."""
    stated = [f for f in figures if f is not None]
    return int(sum(stated)) if stated else None


# ---- markup (every value through html_text) ----


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def _figure_text(total: int | None, not_stated: int, word: str) -> str:
    """Say a summed figure with how many events gave none.

    Parameters
    ----------
    total : int or None
        The sum over the events that state the figure; ``None`` when none
        does.
    not_stated : int
        How many events state no figure.
    word : str
        ``"killed"`` or ``"injured"``.

    Returns
    -------
    str
        ``"12 killed"``, ``"12 killed (3 events: not stated)"`` or
        ``"killed: not stated"``; never 0 for a figure no source states.
    """
    if total is None:
        return f"{word}: not stated"
    text = f"{total:,} {word}"
    if not_stated:
        text += f" ({_plural(not_stated, 'event')}: not stated)"
    return text


def _title_html(title: str, records: Sequence[MapEvent], days: list[dt.date]) -> str:
    n = len(records)
    if days:
        first, last = days[0].isoformat(), days[-1].isoformat()
        span = first if first == last else f"{first} \u2013 {last}"
    else:
        span = "dates unknown"
    parts = [span, _plural(n, "event")]
    undated = sum(1 for e in records if e.day is None)
    if undated and days:
        parts[-1] += f" ({undated:,} undated)"
    if n:
        figures = []
        for word in ("killed", "injured"):
            values = [getattr(e, word) for e in records]
            stated = [v for v in values if v is not None]
            figures.append(
                _figure_text(
                    sum(stated) if stated else None, len(values) - len(stated), word
                )
            )
        parts.append(", ".join(figures))
    return (
        f"<h1>{html_text(title)}</h1>"
        f'<div class="sm-subtitle">{html_text(" · ".join(parts))}</div>'
    )


def _panel_html() -> str:
    """The oblast panel's frame; strikemap.js fills it for the period on show."""
    return (
        "<details open><summary>Oblasts with events</summary>"
        '<div class="sm-panel-scope sm-muted"></div>'
        '<div class="sm-panel-body"></div></details>'
    )


def _swatches(rows: Sequence[tuple[str, str]], css: str = "sm-square") -> str:
    return "".join(
        f'<li><span class="{css}" style="background:{html_text(color)}">'
        f"</span>{html_text(label)}</li>"
        for color, label in rows
    )


def _legend_html(
    classes: Sequence[Any],
    class_counts: Counter,
    scales: dict[str, ColorScale],
    choropleths: dict[str, Choropleth],
    fills: dict[str, str],
    clustered: bool,
    undated: int,
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
    examples = radius_examples()
    sizes = "".join(
        f'<span><i style="width:{2 * r:.0f}px;height:{2 * r:.0f}px"></i>'
        f"{'0 or not stated' if n == 0 else n}</span>"
        for n, r in examples
    )
    parts = [
        "<details open><summary>Legend</summary>",
        "<h2>Marker colour: weapon</h2>",
        f"<ul>{''.join(items)}</ul>",
        "<h2>Marker size: killed + injured</h2>",
        f'<div class="sm-sizes">{sizes}</div>',
    ]
    if clustered:
        discs = "".join(
            f'<li><span class="sm-cluster-key" style="background:{html_text(c.color)}">'
            f"</span>{html_text(c.label)}</li>"
            for c in cluster_classes()
        )
        parts.append(
            "<h2>Numbered discs: clusters</h2>"
            '<div class="sm-note">Nearby events grouped; the number is how many. '
            "Click a disc to zoom in.</div>"
            f"<ul>{discs}</ul>"
        )
    if undated:
        parts.append(
            '<div class="sm-note">'
            f"{_plural(undated, 'undated event')}: shown at every slider date, "
            "as their date is unknown; the layer \u201cUndated\u201d hides "
            f"{'it' if undated == 1 else 'them'}.</div>"
        )
    parts.append(
        '<div class="sm-note">Oblast colours and the oblast panel count the '
        "events on show (time slider and layers).</div>"
    )
    for kind, scale in scales.items():
        layer = choropleths[kind]
        swatches = [(fills["no_events"], "no events")]
        if kind == "casualties":
            swatches.append((fills["not_stated"], "events, no figure stated"))
        if scale.zero_color:
            swatches.append((scale.zero_color, scale.zero_label))
        swatches += list(zip(scale.colors, scale.labels(), strict=True))
        hidden = "" if layer.show else " hidden"
        parts.append(
            f'<div id="{layer.legend_id}"{hidden}><h2>{html_text(scale.label)}</h2>'
            f"<ul>{_swatches(swatches)}</ul></div>"
        )
    parts.append("</details>")
    return "".join(parts)
