"""The folium elements of a strike map, each drawn from a part of the payload.

Every element here renders its HTML and JavaScript as plain strings (never
through a second Jinja2 pass, which folium's ``MacroElement`` performs on the
output of its macros), built from :mod:`maps.markup` and
:func:`maps.safe.script_json`.  The page's behaviour lives in
``maps/templates/strikemap.js``, which puts untrusted text into the DOM with
``textContent`` only.

The page's data keeps its compact form: event rows, their sources and the
summary rows are JSON arrays in column order (the columns are sent once),
because strikemap.js reads them by column index and because 10,000 events
would weigh about 2.5 MB more as objects.  On the Python side every row is a
dict by name (:class:`maps.payload.EventRow`); :func:`compact_rows` is the one
place that lays them out in columns.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from importlib import resources
from operator import itemgetter
from typing import Any, ClassVar

from branca.element import Element, Figure, MacroElement
from folium.map import Layer

from maps.assets import Asset, asset_tags
from maps.markup import legend_html, region_panel_html, title_html
from maps.payload import EVENT_COLUMNS, SOURCE_COLUMNS, SUMMARY_COLUMNS, EventRow
from maps.safe import html_text, script_json
from maps.tree import parent_name, set_js_name

__all__ = [
    "ASSETS_KWARG",
    "RawHTML",
    "PageAssets",
    "StrikeMapLibrary",
    "BoundaryData",
    "Outlines",
    "BaseTiles",
    "Choropleth",
    "EventLayer",
    "Panel",
    "RegionPanel",
    "TitleBox",
    "Legend",
    "Attribution",
    "Controls",
    "Layout",
    "compact_rows",
]

#: Keyword of ``Figure.render`` that picks how third-party files are loaded.
ASSETS_KWARG = "strikemap_assets"


@cache
def _template(name: str) -> str:
    return resources.files("maps").joinpath(f"templates/{name}").read_text("utf-8")


def _figure(element: Element) -> Figure:
    figure = element.get_root()
    if not isinstance(figure, Figure):
        raise TypeError("a strikemap element must be inside a Figure to render")
    return figure


def compact_rows(rows: Sequence[EventRow]) -> list[list[Any]]:
    """Lay event rows out as the page reads them: values in column order.

    Parameters
    ----------
    rows : sequence of EventRow
        Payload ``events``.

    Returns
    -------
    list of list
        One list per event in :data:`maps.payload.EVENT_COLUMNS` order, its
        ``sources`` as lists in :data:`maps.payload.SOURCE_COLUMNS` order.
    """
    # the sources are the row's last column (checked where the getters are
    # made): each row is its values in one C call, then its sources' lists
    sources = _SOURCE_VALUES
    out: list[list[Any]] = []
    for row in rows:
        values = list(_EVENT_VALUES(row))
        values[-1] = [list(sources(s)) for s in values[-1]]
        out.append(values)
    return out


# every row is a dict by name: its values in column order come from one
# itemgetter each (tuples, made lists so the page's data keeps its form);
# both have more than one column, so each getter returns a tuple
if EVENT_COLUMNS[-1] != "sources" or len(SOURCE_COLUMNS) < 2:
    raise ImportError("compact_rows expects sources last and several source columns")
_EVENT_VALUES = itemgetter(*EVENT_COLUMNS)
_SOURCE_VALUES = itemgetter(*SOURCE_COLUMNS)


_SHARED_JSON: dict[int, tuple[Any, str]] = {}


def _shared_json(value: Any) -> str:
    """``script_json`` of unit data shared by every payload of the same boundaries.

    The oblast polygons are the largest part of a small page and the same
    objects for every map of the same boundaries (see
    :class:`maps.units.Units`); their JSON is remembered by identity (the
    entry keeps the object alive, so its id is not reused).
    """
    hit = _SHARED_JSON.get(id(value))
    if hit is not None and hit[0] is value:
        return hit[1]
    text = script_json(value)
    if len(_SHARED_JSON) >= 8:
        _SHARED_JSON.pop(next(iter(_SHARED_JSON)))
    _SHARED_JSON[id(value)] = (value, text)
    return text


class RawHTML(Element):
    """A piece of markup or script that renders as it is, with no Jinja2 pass."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def render(self, **kwargs: Any) -> str:
        """Return the text unchanged."""
        return self.text


class _RawMacro(MacroElement):
    """A MacroElement whose parts are Python strings, not Jinja2 macros.

    The JavaScript variable is named after the class (``js_name`` overrides).
    """

    js_name: ClassVar[str | None] = None

    def __init__(self, **layer: Any):
        super().__init__(**layer)  # folium's Layer takes name, overlay, ...
        set_js_name(self, self.js_name or type(self).__name__)

    def header_part(self) -> str | None:
        """Markup for the page's ``<head>``."""
        return None

    def html_part(self) -> str | None:
        """Markup for the page's ``<body>``."""
        return None

    def script_part(self) -> str | None:
        """JavaScript for the page's closing script."""
        return None

    def render(self, **kwargs: Any) -> str:
        """Add this element's parts to the figure, then render its children.

        Returns
        -------
        str
            Nothing (``""``): the parts go into the figure.
        """
        figure = _figure(self)
        parts = (
            (figure.header, self.header_part()),
            (figure.html, self.html_part()),
            (figure.script, self.script_part()),
        )
        for target, text in parts:
            if text is not None:
                target.add_child(RawHTML(text), name=self.get_name())
        # branca's own rendering of the children (its empty template adds no
        # part); folium's Layer.render is skipped on purpose: script_part
        # writes the layer's addTo itself.
        MacroElement.render(self, **kwargs)
        return ""


class PageAssets(_RawMacro):
    """Leaflet (and the cluster plugin) in the page head, inlined or linked.

    The mode is the ``strikemap_assets`` keyword of the figure's ``render``
    (see :func:`maps.build.map_html`): ``"inline"`` (the default) or
    ``"cdn"``.

    Parameters
    ----------
    assets : sequence of maps.assets.Asset
        In load order.
    """

    def __init__(self, assets: Sequence[Asset]):
        super().__init__()
        self.assets = tuple(assets)

    def render(self, **kwargs: Any) -> str:
        """Add the tags to the page head, first, under a fixed name."""
        text = asset_tags(self.assets, kwargs.get(ASSETS_KWARG, "inline"))
        _figure(self).header.add_child(RawHTML(text), name="strikemap_assets")
        return ""


class StrikeMapLibrary(_RawMacro):
    """The page's own stylesheet and scripts (``maps/templates``), inlined.

    ``strikemap.js`` draws the layers, slider and panels; ``views.js`` adds the
    filters, the timeline, place search, the event list (with its CSV) and the
    view in the URL fragment.
    """

    def render(self, **kwargs: Any) -> str:
        """Add the library to the page head once, under a fixed name."""
        text = (
            f"<style>\n{_template('strikemap.css')}</style>\n"
            f"<script>\n{_template('strikemap.js')}</script>\n"
            f"<script>\n{_template('views.js')}</script>\n"
        )
        _figure(self).header.add_child(RawHTML(text), name="strikemap_library")
        return ""


class BoundaryData(_RawMacro):
    """The oblast polygons, the country outline and the region summary.

    Shared by the outline, choropleth and panel layers; the event layer
    publishes the numbers of the period on show through it (strikemap.js).

    Parameters
    ----------
    boundaries : mapping
        Payload ``boundaries`` (``geo``, ``country``, ``names``).
    summary : mapping or None
        Payload ``summary``: a row per ``admin1_code`` (all events), or
        ``None`` when the page works the rows out from its events.
    """

    def __init__(
        self,
        boundaries: Mapping[str, Any],
        summary: Mapping[str, Mapping[str, Any]] | None,
    ):
        super().__init__()
        rest = {
            "summaryColumns": SUMMARY_COLUMNS,
            "summary": None
            if summary is None
            else {
                code: [row[c] for c in SUMMARY_COLUMNS] for code, row in summary.items()
            },
            "names": boundaries["names"],
        }
        self.data_json = (
            f'{{"geo":{_shared_json(boundaries["geo"])},'
            f'"country":{_shared_json(boundaries["country"])},'
            f"{script_json(rest)[1:]}"
        )

    def script_part(self) -> str:
        """Declare the data as a JavaScript variable."""
        return f"var {self.get_name()} = {self.data_json};"


class _DataLayer(_RawMacro, Layer):
    """A Leaflet layer built by strikemap.js from :class:`BoundaryData`."""

    def __init__(self, data: BoundaryData, name: str, show: bool):
        super().__init__(name=name, overlay=True, control=True, show=show)
        self.data = data

    def build_js(self) -> str:
        """Return the JavaScript expression that creates the layer."""
        raise NotImplementedError

    def script_part(self) -> str:
        """Create the layer and add it to the map when shown."""
        name = self.get_name()
        lines = [f"var {name} = {self.build_js()};"]
        if self.show:
            lines.append(f"{name}.addTo({parent_name(self)});")
        return "\n".join(lines)


class Outlines(_DataLayer):
    """Oblast and country outlines over a land fill: the base of the map."""

    def __init__(self, data: BoundaryData, name: str, show: bool = True):
        super().__init__(data, name=name, show=show)

    def build_js(self) -> str:
        """Call ``StrikeMap.outlines``."""
        return f"StrikeMap.outlines({parent_name(self)}, {self.data.get_name()})"


class BaseTiles(_RawMacro, Layer):
    """An optional web tile layer, off when the page opens.

    The page requests tiles only once a reader switches the layer on; the
    outlines' land fill is cleared while it is on.

    Parameters
    ----------
    outlines : Outlines
        The base layer whose fill gives way to the tiles.
    tiles : mapping
        Payload ``tiles``: ``url`` (``{z}/{x}/{y}`` template), trusted
        ``attribution`` markup, ``label`` (name in the layer control) and
        ``max_zoom``.
    """

    def __init__(self, outlines: Outlines, tiles: Mapping[str, Any]):
        super().__init__(name=tiles["label"], overlay=True, control=True, show=False)
        self.outlines = outlines
        self.config = {
            "url": tiles["url"],
            "attribution": tiles["attribution"],
            "maxZoom": tiles["max_zoom"],
        }

    def script_part(self) -> str:
        """Create the tile layer (not added to the map)."""
        return (
            f"var {self.get_name()} = StrikeMap.tiles({parent_name(self)}, "
            f"{self.outlines.get_name()}, {script_json(self.config)});"
        )


class Choropleth(_DataLayer):
    """One oblast choropleth (event counts or casualties) with region tooltips.

    The page colours each oblast by the numbers of the period on show (the
    time slider and the period layers), with fixed bins.

    Parameters
    ----------
    data : BoundaryData
        The shared polygons and summary rows.
    layer : mapping
        One of payload ``choropleths``: ``kind`` (``"events"`` or
        ``"casualties"``), ``layer`` (name in the layer control), ``show``,
        and the bins: ``breaks``, ``colors``, ``zero_color`` (a stated 0, or
        ``None``), ``no_events`` and ``not_stated`` fills.
    """

    def __init__(self, data: BoundaryData, layer: Mapping[str, Any]):
        super().__init__(data, name=layer["layer"], show=layer["show"])
        self.kind = layer["kind"]
        self.scale = {
            "breaks": layer["breaks"],
            "colors": layer["colors"],
            "zeroColor": layer["zero_color"],
            "noEvents": layer["no_events"],
            "notStated": layer["not_stated"],
        }

    @property
    def legend_id(self) -> str:
        """DOM id of this layer's section of the legend."""
        return f"{self.get_name()}_legend"

    def build_js(self) -> str:
        """Call ``StrikeMap.choropleth``."""
        config = {"kind": self.kind, "legendId": self.legend_id, **self.scale}
        return (
            f"StrikeMap.choropleth({parent_name(self)}, "
            f"{self.data.get_name()}, {script_json(config)})"
        )


class EventLayer(_RawMacro):
    """All event markers, the per-period layer groups' behaviour and the slider.

    Parameters
    ----------
    payload : mapping
        From :func:`maps.payload.map_payload`; reads ``events``,
        ``weapon_classes``, ``timeline``, ``cluster``, ``filters``,
        ``spellings`` (when there) and ``cluster_classes``.
    groups : sequence of folium.FeatureGroup
        The per-period layer groups, indexed by each row's ``group``.
    data : BoundaryData
        Where the numbers of the period on show are published.
    """

    def __init__(
        self, payload: Mapping[str, Any], groups: Sequence[Layer], data: BoundaryData
    ):
        super().__init__()
        timeline = payload["timeline"]
        config = {
            "columns": EVENT_COLUMNS,
            "rows": compact_rows(payload["events"]),
            "classes": [
                [c["key"], c["label"], c["color"]] for c in payload["weapon_classes"]
            ],
            "start": timeline["start"],
            "days": timeline["days"],
            "undated": timeline["undated"],
            "cluster": payload["cluster"],
            "filters": payload["filters"],
            "spellings": payload.get("spellings") or {},
            "clusterClasses": [
                [c["max"], c["color"], c["size"]] for c in payload["cluster_classes"]
            ],
        }
        self.config_json = script_json(config)  # text: cheap to copy and render
        self.groups = list(groups)
        self.data = data

    def script_part(self) -> str:
        """Call ``StrikeMap.events`` with the data and the group variables."""
        map_name = parent_name(self)
        groups = ", ".join(g.get_name() for g in self.groups)
        return (
            f"StrikeMap.events({map_name}, {script_json(map_name)}, "
            f"{self.config_json}, [{groups}], {self.data.get_name()});"
        )


class Panel(_RawMacro):
    """A block of escaped markup shown in a corner of the map.

    Parameters
    ----------
    body : str
        The inner markup, already escaped.
    position : str
        Leaflet control corner (``"topleft"``, ``"bottomright"``, ...).
    css_class : str
        Class of the block.
    """

    def __init__(self, body: str, position: str, css_class: str):
        super().__init__()
        self.body = body
        self.position = position
        self.css_class = css_class

    def body_html(self) -> str:
        """Return the inner markup."""
        return self.body

    def html_part(self) -> str:
        """Return the hidden block; the script moves it into a control."""
        return (
            f'<div id="{self.get_name()}" class="sm-box {html_text(self.css_class)}" '
            f"hidden>{self.body_html()}</div>"
        )

    def script_part(self) -> str:
        """Move the block into a Leaflet control."""
        return (
            f"StrikeMap.panel({parent_name(self)}, "
            f"{script_json(self.get_name())}, {script_json(self.position)});"
        )


class TitleBox(Panel):
    """The title and the run's figures, first in the top-left corner.

    Parameters
    ----------
    title, subtitle : str
        Payload ``title`` and ``subtitle`` (plain text).
    """

    def __init__(self, title: str, subtitle: str):
        super().__init__(title_html(title, subtitle), "topleft", "sm-title")


class RegionPanel(Panel):
    """The oblasts with events in the period on show, filled by the page.

    Parameters
    ----------
    data : BoundaryData
        The rows to list.
    """

    def __init__(self, data: BoundaryData):
        super().__init__(region_panel_html(), "topleft", "sm-panel")
        self.data = data

    def script_part(self) -> str:
        """Move the block into a control and keep it up to date."""
        return (
            f"StrikeMap.regionPanel({parent_name(self)}, "
            f"{self.data.get_name()}, {script_json(self.get_name())});"
        )


class Legend(Panel):
    """The legend, bottom right; its choropleth sections follow their layers.

    Parameters
    ----------
    legend : mapping
        Payload ``legend``.
    choropleths : sequence of Choropleth
        The layers, whose DOM ids the legend's sections carry.
    layers : sequence of mapping
        Payload ``choropleths``, in the same order.
    """

    js_name = "Panel"

    def __init__(
        self,
        legend: Mapping[str, Any],
        choropleths: Sequence[Choropleth],
        layers: Sequence[Mapping[str, Any]],
    ):
        super().__init__("", "bottomright", "sm-legend")
        self.legend = legend
        self.choropleths = list(choropleths)
        self.layers = list(layers)

    def body_html(self) -> str:
        """Return the legend (the layers' ids are known once numbered)."""
        ids = {c.kind: c.legend_id for c in self.choropleths}
        return legend_html(self.legend, self.layers, ids)


class Controls(_RawMacro):
    """Leaflet's own controls in strikemap's places (zoom: top right).

    Must come before the layer control, which goes under the zoom buttons.
    """

    def script_part(self) -> str:
        """Call ``StrikeMap.controls``."""
        return f"StrikeMap.controls({parent_name(self)});"


class Layout(_RawMacro):
    """Fit the country between the panels and keep the panels apart.

    Must come after the layer control, whose size it measures.

    Parameters
    ----------
    bounds : list
        ``[[south, west], [north, east]]`` to show.
    """

    def __init__(self, bounds: list):
        super().__init__()
        self.bounds = bounds

    def script_part(self) -> str:
        """Call ``StrikeMap.layout``."""
        return f"StrikeMap.layout({parent_name(self)}, {script_json(self.bounds)});"


class Attribution(_RawMacro):
    """Credits added to the map's attribution control.

    Parameters
    ----------
    markup : str
        Trusted markup (links to the data sources); never built from input.
    """

    def __init__(self, markup: str):
        super().__init__()
        self.markup = markup

    def script_part(self) -> str:
        """Add the credits."""
        return (
            f"StrikeMap.attribution({parent_name(self)}, {script_json(self.markup)});"
        )
