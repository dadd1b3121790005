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

from branca.element import CssLink, Element, Figure, JavascriptLink, MacroElement
from folium.map import Layer

from maps.safe import html_text, script_json

__all__ = [
    "RawHTML",
    "StrikeMapLibrary",
    "BoundaryData",
    "Outlines",
    "Choropleth",
    "EventLayer",
    "Panel",
    "TitleBox",
    "Attribution",
]


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

    js_links: Sequence[tuple[str, str]] = ()
    css_links: Sequence[tuple[str, str]] = ()

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
        for name, url in self.js_links:
            figure.header.add_child(JavascriptLink(url), name=name)
        for name, url in self.css_links:
            figure.header.add_child(CssLink(url), name=name)
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
    """The oblast polygons and the region summary, shared by the layers."""

    def __init__(self, geo: dict, summary_columns: list[str], summary: dict):
        super().__init__()
        self._name = "BoundaryData"
        self.payload = {
            "geo": geo,
            "summaryColumns": summary_columns,
            "summary": summary,
        }

    def script_part(self) -> str:
        """Declare the data as a JavaScript variable."""
        return f"var {self.get_name()} = {script_json(self.payload)};"


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
    """Oblast outlines; filled like land when the map has no tiles."""

    def __init__(self, data: BoundaryData, filled: bool, name: str, show: bool = True):
        super().__init__(data, name=name, show=show)
        self._name = "Outlines"
        self.filled = filled

    def build_js(self) -> str:
        """Call ``StrikeMap.outlines``."""
        return (
            f"StrikeMap.outlines({self._parent.get_name()}, {self.data.get_name()}, "
            f"{script_json(self.filled)})"
        )


class Choropleth(_DataLayer):
    """One oblast choropleth (event counts or casualties) with region tooltips.

    Parameters
    ----------
    data : BoundaryData
        The shared polygons and summary rows.
    colors : dict
        Fill colour per ISO 3166-2 code (regions with value 0 are absent).
    zero_color : str
        Fill of regions without a value.
    name : str
        Name in the layer control.
    show : bool
        Whether the layer is on when the page opens.
    """

    def __init__(
        self,
        data: BoundaryData,
        colors: dict[str, str],
        zero_color: str,
        name: str,
        show: bool,
    ):
        super().__init__(data, name=name, show=show)
        self._name = "Choropleth"
        self.colors = colors
        self.zero_color = zero_color

    @property
    def legend_id(self) -> str:
        """DOM id of this layer's section of the legend."""
        return f"{self.get_name()}_legend"

    def build_js(self) -> str:
        """Call ``StrikeMap.choropleth``."""
        config = {
            "colors": self.colors,
            "zeroColor": self.zero_color,
            "legendId": self.legend_id,
        }
        return (
            f"StrikeMap.choropleth({self._parent.get_name()}, "
            f"{self.data.get_name()}, {script_json(config)})"
        )


class EventLayer(_RawMacro):
    """All event markers, the per-period layer groups' behaviour and the slider.

    Parameters
    ----------
    config : dict
        ``columns``, ``rows``, ``classes``, ``start``, ``days``, ``undated``
        and ``cluster`` (see ``strikemap.js``).
    groups : sequence of folium.FeatureGroup
        The per-period layer groups, indexed by each row's ``group``.
    js_links, css_links : sequence of (name, url)
        Third-party assets (the marker-cluster plugin when clustering).
    """

    def __init__(
        self,
        config: dict,
        groups: Sequence[Layer],
        js_links: Sequence[tuple[str, str]] = (),
        css_links: Sequence[tuple[str, str]] = (),
    ):
        super().__init__()
        self._name = "EventLayer"
        self.config = config
        self.groups = list(groups)
        self.js_links = tuple(js_links)
        self.css_links = tuple(css_links)

    def script_part(self) -> str:
        """Call ``StrikeMap.events`` with the data and the group variables."""
        map_name = self._parent.get_name()
        groups = ", ".join(g.get_name() for g in self.groups)
        return (
            f"StrikeMap.events({map_name}, {script_json(map_name)}, "
            f"{script_json(self.config)}, [{groups}]);"
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


class TitleBox(Panel):
    """The title over the top centre of the map."""

    def __init__(self, body: Any):
        super().__init__(body, position="", css_class="sm-title")
        self._name = "TitleBox"

    def script_part(self) -> str:
        """Put the block over the map container."""
        return (
            f"StrikeMap.overlay({self._parent.get_name()}, "
            f"{script_json(self.get_name())});"
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
