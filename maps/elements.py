"""The folium elements of a strike map.

Every element here renders its HTML and JavaScript as plain strings (never
through a second Jinja2 pass, which folium's ``MacroElement`` performs on the
output of its macros), built from :func:`maps.safe.html_text` and
:func:`maps.safe.script_json`.  The page's behaviour lives in
``maps/templates/strikemap.js``, which puts untrusted text into the DOM with
``textContent`` only.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import Any

from branca.element import Element, Figure, MacroElement
from folium.map import Layer

from maps.assets import Asset, asset_tags
from maps.safe import html_text, script_json

__all__ = [
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
    "Attribution",
    "Controls",
    "Layout",
]

#: Keyword of ``Figure.render`` that picks how third-party files are loaded.
ASSETS_KWARG = "strikemap_assets"


@cache
def _template(name: str) -> str:
    return resources.files("maps").joinpath(f"templates/{name}").read_text("utf-8")


class RawHTML(Element):
    """A piece of markup or script that renders as it is, with no Jinja2 pass."""

    def __init__(self, text: str):
        super().__init__()
        self._name = "RawHTML"
        self.text = text

    def render(self, **kwargs: Any) -> str:
        """Return the text unchanged."""
        return self.text


class _RawMacro(MacroElement):
    """A MacroElement whose parts are Python strings, not Jinja2 macros."""

    def header_part(self) -> str | None:
        """Markup for the page's ``<head>``."""
        return None

    def html_part(self) -> str | None:
        """Markup for the page's ``<body>``."""
        return None

    def script_part(self) -> str | None:
        """JavaScript for the page's closing script."""
        return None

    def render(self, **kwargs: Any) -> None:
        """Add this element's parts to the figure, then render its children."""
        figure = self.get_root()
        if not isinstance(figure, Figure):
            raise TypeError("a strikemap element must be inside a Figure to render")
        parts = (
            (figure.header, self.header_part()),
            (figure.html, self.html_part()),
            (figure.script, self.script_part()),
        )
        for target, text in parts:
            if text is not None:
                target.add_child(RawHTML(text), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)


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
        self._name = "PageAssets"
        self.assets = tuple(assets)

    def render(self, **kwargs: Any) -> None:
        """Add the tags to the page head, first, under a fixed name."""
        figure = self.get_root()
        if not isinstance(figure, Figure):
            raise TypeError("a strikemap element must be inside a Figure to render")
        text = asset_tags(self.assets, kwargs.get(ASSETS_KWARG, "inline"))
        figure.header.add_child(RawHTML(text), name="strikemap_assets")


class StrikeMapLibrary(_RawMacro):
    """The page's own stylesheet and script (``maps/templates``), inlined."""

    def __init__(self) -> None:
        super().__init__()
        self._name = "StrikeMapLibrary"

    def render(self, **kwargs: Any) -> None:
        """Add the library to the page head once, under a fixed name."""
        figure = self.get_root()
        if not isinstance(figure, Figure):
            raise TypeError("a strikemap element must be inside a Figure to render")
        text = (
            f"<style>\n{_template('strikemap.css')}</style>\n"
            f"<script>\n{_template('strikemap.js')}</script>\n"
        )
        figure.header.add_child(RawHTML(text), name="strikemap_library")


class BoundaryData(_RawMacro):
    """The oblast polygons, the country outline and the region summary.

    Shared by the outline, choropleth and panel layers; the event layer
    publishes the numbers of the period on show through it (strikemap.js).

    Parameters
    ----------
    geo_json : str
        The FeatureCollection of the first-level units, already through
        :func:`maps.safe.script_json`.
    country_json : str
        The country's outline (lists of GeoJSON LineString coordinates),
        already through :func:`maps.safe.script_json`.
    summary_columns : list of str
        Column names of the summary rows.
    summary : dict or None
        Summary row per ``admin1_code`` (all events), or ``None`` when the
        page computes the rows from its events.
    names : dict
        Unit name per ``admin1_code``.
    """

    def __init__(
        self,
        geo_json: str,
        country_json: str,
        summary_columns: list[str],
        summary: dict | None,
        names: dict[str, str],
    ):
        super().__init__()
        self._name = "BoundaryData"
        self.geo_json = geo_json
        self.country_json = country_json
        self.payload = {
            "summaryColumns": summary_columns,
            "summary": summary,
            "names": names,
        }

    def script_part(self) -> str:
        """Declare the data as a JavaScript variable."""
        rest = script_json(self.payload)
        return (
            f'var {self.get_name()} = {{"geo":{self.geo_json},'
            f'"country":{self.country_json},{rest[1:]};'
        )


class _DataLayer(_RawMacro, Layer):
    """A Leaflet layer built by strikemap.js from :class:`BoundaryData`."""

    def __init__(self, data: BoundaryData, name: str, show: bool):
        Layer.__init__(self, name=name, overlay=True, control=True, show=show)
        self.data = data

    def build_js(self) -> str:
        """Return the JavaScript expression that creates the layer."""
        raise NotImplementedError

    def script_part(self) -> str:
        """Create the layer and add it to the map when shown."""
        name = self.get_name()
        lines = [f"var {name} = {self.build_js()};"]
        if self.show:
            lines.append(f"{name}.addTo({self._parent.get_name()});")
        return "\n".join(lines)


class Outlines(_DataLayer):
    """Oblast and country outlines over a land fill: the base of the map."""

    def __init__(self, data: BoundaryData, name: str, show: bool = True):
        super().__init__(data, name=name, show=show)
        self._name = "Outlines"

    def build_js(self) -> str:
        """Call ``StrikeMap.outlines``."""
        return f"StrikeMap.outlines({self._parent.get_name()}, {self.data.get_name()})"


class BaseTiles(_RawMacro, Layer):
    """An optional web tile layer, off when the page opens.

    The page requests tiles only once a reader switches the layer on; the
    outlines' land fill is cleared while it is on.

    Parameters
    ----------
    outlines : Outlines
        The base layer whose fill gives way to the tiles.
    url : str
        Tile URL template (``{z}/{x}/{y}``).
    attribution : str
        Trusted markup credited while the layer is on.
    name : str
        Name in the layer control.
    max_zoom : int
        Deepest zoom the server has.
    """

    def __init__(
        self, outlines: Outlines, url: str, attribution: str, name: str, max_zoom: int
    ):
        Layer.__init__(self, name=name, overlay=True, control=True, show=False)
        self._name = "BaseTiles"
        self.outlines = outlines
        self.config = {"url": url, "attribution": attribution, "maxZoom": max_zoom}

    def script_part(self) -> str:
        """Create the tile layer (not added to the map)."""
        return (
            f"var {self.get_name()} = StrikeMap.tiles({self._parent.get_name()}, "
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
    kind : {"events", "casualties"}
        What the colour shows.
    scale : dict
        ``breaks`` and ``colors`` of the bins, ``zeroColor`` (a stated 0, or
        ``None``), ``noEvents`` and ``notStated`` fills.
    name : str
        Name in the layer control.
    show : bool
        Whether the layer is on when the page opens.
    """

    def __init__(
        self, data: BoundaryData, kind: str, scale: dict, name: str, show: bool
    ):
        super().__init__(data, name=name, show=show)
        self._name = "Choropleth"
        self.kind = kind
        self.scale = scale

    @property
    def legend_id(self) -> str:
        """DOM id of this layer's section of the legend."""
        return f"{self.get_name()}_legend"

    def build_js(self) -> str:
        """Call ``StrikeMap.choropleth``."""
        config = {"kind": self.kind, "legendId": self.legend_id, **self.scale}
        return (
            f"StrikeMap.choropleth({self._parent.get_name()}, "
            f"{self.data.get_name()}, {script_json(config)})"
        )


class EventLayer(_RawMacro):
    """All event markers, the per-period layer groups' behaviour and the slider.

    Parameters
    ----------
    config : dict
        ``columns``, ``rows``, ``classes``, ``start``, ``days``, ``undated``,
        ``cluster`` and ``clusterClasses`` (see ``strikemap.js``).
    groups : sequence of folium.FeatureGroup
        The per-period layer groups, indexed by each row's ``group``.
    data : BoundaryData
        Where the numbers of the period on show are published.
    """

    def __init__(self, config: dict, groups: Sequence[Layer], data: BoundaryData):
        super().__init__()
        self._name = "EventLayer"
        self.config = config
        self.groups = list(groups)
        self.data = data

    def script_part(self) -> str:
        """Call ``StrikeMap.events`` with the data and the group variables."""
        map_name = self._parent.get_name()
        groups = ", ".join(g.get_name() for g in self.groups)
        return (
            f"StrikeMap.events({map_name}, {script_json(map_name)}, "
            f"{script_json(self.config)}, [{groups}], {self.data.get_name()});"
        )


class Panel(_RawMacro):
    """A block of escaped markup shown in a corner of the map (legend, summary).

    Parameters
    ----------
    body : callable
        Returns the inner markup (already escaped) when the page renders.
    position : str
        Leaflet control corner (``"topleft"``, ``"bottomright"``, ...).
    css_class : str
        Class of the block.
    """

    def __init__(self, body: Any, position: str, css_class: str):
        super().__init__()
        self._name = "Panel"
        self.body = body
        self.position = position
        self.css_class = css_class

    def html_part(self) -> str:
        """Return the hidden block; the script moves it into a control."""
        return (
            f'<div id="{self.get_name()}" class="sm-box {html_text(self.css_class)}" '
            f"hidden>{self.body()}</div>"
        )

    def script_part(self) -> str:
        """Move the block into a Leaflet control."""
        return (
            f"StrikeMap.panel({self._parent.get_name()}, "
            f"{script_json(self.get_name())}, {script_json(self.position)});"
        )


class RegionPanel(Panel):
    """The oblasts with events in the period on show, filled by the page.

    Parameters
    ----------
    data : BoundaryData
        The rows to list.
    body : callable
        Returns the panel's initial (escaped) markup.
    """

    def __init__(self, data: BoundaryData, body: Any):
        super().__init__(body, position="topleft", css_class="sm-panel")
        self._name = "RegionPanel"
        self.data = data

    def script_part(self) -> str:
        """Move the block into a control and keep it up to date."""
        return (
            f"StrikeMap.regionPanel({self._parent.get_name()}, "
            f"{self.data.get_name()}, {script_json(self.get_name())});"
        )


class TitleBox(Panel):
    """The title and the run's figures, first in the top-left corner."""

    def __init__(self, body: Any):
        super().__init__(body, position="topleft", css_class="sm-title")
        self._name = "TitleBox"


class Controls(_RawMacro):
    """Leaflet's own controls in strikemap's places (zoom: top right).

    Must come before the layer control, which goes under the zoom buttons.
    """

    def __init__(self) -> None:
        super().__init__()
        self._name = "Controls"

    def script_part(self) -> str:
        """Call ``StrikeMap.controls``."""
        return f"StrikeMap.controls({self._parent.get_name()});"


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
        self._name = "Layout"
        self.bounds = bounds

    def script_part(self) -> str:
        """Call ``StrikeMap.layout``."""
        return (
            f"StrikeMap.layout({self._parent.get_name()}, {script_json(self.bounds)});"
        )


class Attribution(_RawMacro):
    """Credits added to the map's attribution control.

    Parameters
    ----------
    markup : str
        Trusted markup (links to the data sources); never built from input.
    """

    def __init__(self, markup: str):
        super().__init__()
        self._name = "Attribution"
        self.markup = markup

    def script_part(self) -> str:
        """Add the credits."""
        return (
            f"StrikeMap.attribution({self._parent.get_name()}, "
            f"{script_json(self.markup)});"
        )
