"""The page's server-written markup (title, oblast panel, legend) from a payload.

Every value goes through :func:`maps.safe.html_text`; the markup is plain
strings, never a Jinja2 template (folium renders some of its output a second
time as a template).  ``maps/templates/strikemap.js`` moves each block into a
Leaflet control and fills the oblast panel for the period on show.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from maps.payload import plural
from maps.safe import html_text

__all__ = ["title_html", "region_panel_html", "legend_html"]


def title_html(title: str, subtitle: str) -> str:
    """Return the title block: the heading and the line of figures under it.

    Parameters
    ----------
    title, subtitle : str
        Plain text (payload ``title`` and ``subtitle``).

    Returns
    -------
    str
    """
    return (
        f"<h1>{html_text(title)}</h1>"
        f'<div class="sm-subtitle">{html_text(subtitle)}</div>'
    )


def region_panel_html() -> str:
    """Return the oblast panel's frame; strikemap.js fills it for the period on show."""
    return (
        "<details open><summary>Oblasts with events</summary>"
        '<div class="sm-panel-scope sm-muted"></div>'
        '<div class="sm-panel-body"></div></details>'
    )


def legend_html(
    legend: Mapping[str, Any],
    choropleths: Sequence[Mapping[str, Any]],
    legend_ids: Mapping[str, str],
) -> str:
    """Return the legend: marker colours and sizes, clusters, oblast colours.

    Parameters
    ----------
    legend : mapping
        Payload ``legend``.
    choropleths : sequence of mapping
        Payload ``choropleths``; each gets a section, hidden while its layer
        is off.
    legend_ids : mapping
        DOM id of each choropleth's section, by ``kind`` (the page shows and
        hides it with its layer).

    Returns
    -------
    str
    """
    items = [
        f'<li data-sm-cls="{int(w.get("cls", -1))}">'
        f'<span class="sm-swatch" style="background:{html_text(w["color"])}">'
        f"</span>{html_text(w['label'])} "
        f'<span class="sm-muted">(<span class="sm-count">{w["count"]:,}</span>)'
        "</span></li>"
        for w in legend["weapons"]
    ] or ['<li class="sm-muted">no events</li>']
    sizes = "".join(
        f'<span><i style="width:{2 * s["radius"]:.0f}px;'
        f'height:{2 * s["radius"]:.0f}px"></i>{html_text(s["label"])}</span>'
        for s in legend["sizes"]
    )
    parts = [
        "<details open><summary>Legend</summary>",
        "<h2>Marker colour: weapon</h2>",
        f"<ul>{''.join(items)}</ul>",
        "<h2>Marker size: killed + injured</h2>",
        f'<div class="sm-sizes">{sizes}</div>',
    ]
    if legend["clusters"]:
        discs = _swatches(legend["clusters"], "sm-cluster-key")
        parts.append(
            "<h2>Numbered discs: clusters</h2>"
            '<div class="sm-note">Nearby events grouped; the number is how many. '
            "Click a disc to zoom in.</div>"
            f"<ul>{discs}</ul>"
        )
    undated = legend["undated"]
    if undated:
        parts.append(
            '<div class="sm-note">'
            f"{plural(undated, 'undated event')}: shown at every slider date, "
            "as their date is unknown; the layer \u201cUndated\u201d hides "
            f"{'it' if undated == 1 else 'them'}.</div>"
        )
    parts.append(
        '<div class="sm-note">Oblast colours, the oblast panel and the counts '
        "above follow the events on show (dates, filters and layers).</div>"
    )
    for layer in choropleths:
        hidden = "" if layer["show"] else " hidden"
        parts.append(
            f'<div id="{html_text(legend_ids[layer["kind"]])}"{hidden}>'
            f"<h2>{html_text(layer['heading'])}</h2>"
            f"<ul>{_swatches(layer['swatches'])}</ul></div>"
        )
    parts.append("</details>")
    return "".join(parts)


def _swatches(rows: Sequence[Mapping[str, str]], css: str = "sm-square") -> str:
    return "".join(
        f'<li><span class="{css}" style="background:{html_text(r["color"])}">'
        f"</span>{html_text(r['label'])}</li>"
        for r in rows
    )
