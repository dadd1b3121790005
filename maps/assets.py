"""Leaflet and Leaflet.markercluster for map pages, from their Python packages.

A strike map needs two third-party libraries: Leaflet (BSD-2-Clause) and, for
large runs, Leaflet.markercluster (MIT).  Both ship as Python packages,
``XStatic-Leaflet`` and ``XStatic-Leaflet-MarkerCluster``, whose package
directory (``xstatic.pkg.<name>.BASE_DIR``) holds the distributed files.  They
are project dependencies, so the files are on disk wherever strikemap is
installed: no npm, no download, no cache.

A page gets them in one of two ways (:data:`ASSET_MODES`):

- ``"inline"`` (the default): each script and stylesheet is written into the
  page, stylesheets with their images as ``data:`` URIs, so the page loads
  nothing from anywhere;
- ``"cdn"``: ``<script src>`` and ``<link>`` tags pointing at jsDelivr's copy
  of the same npm release (a smaller file that needs the network).

``python -m maps.assets`` lists the files and where they come from.
"""

from __future__ import annotations

import argparse
import base64
import importlib
import mimetypes
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from gazetteer.exc import OutputError

__all__ = [
    "ASSET_MODES",
    "Asset",
    "LEAFLET",
    "MARKERCLUSTER",
    "asset_path",
    "asset_text",
    "asset_tags",
    "main",
]

#: How a page gets its third-party files: written into it, or linked.
ASSET_MODES: tuple[str, ...] = ("inline", "cdn")

_PACKAGES = {
    "leaflet": ("XStatic-Leaflet", "leaflet"),
    "leaflet_markercluster": ("XStatic-Leaflet-MarkerCluster", "leaflet.markercluster"),
}
_SOURCE_MAP = re.compile(r"^[ \t]*(?://|/\*)# sourceMappingURL=[^\n]*\n?", re.M)
_CSS_URL = re.compile(r"url\(\s*([\"']?)(?P<ref>[^\"')]+)\1\s*\)")
_CLOSE = re.compile(r"</(script|style)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Asset:
    """One third-party file of a map page.

    Attributes
    ----------
    package : str
        The XStatic package's module name under ``xstatic.pkg``
        (``"leaflet"`` or ``"leaflet_markercluster"``).
    file : str
        Path of the file inside the package's ``BASE_DIR``.
    kind : str
        ``"script"`` or ``"style"``.
    """

    package: str
    file: str
    kind: str

    @property
    def version(self) -> str:
        """The library's version, as the XStatic package states it."""
        return str(_module(self.package).VERSION)

    @property
    def cdn_url(self) -> str:
        """The same file of the same npm release on jsDelivr."""
        npm = _PACKAGES[self.package][1]
        return f"https://cdn.jsdelivr.net/npm/{npm}@{self.version}/dist/{self.file}"


#: Leaflet's script and stylesheet (every map).
LEAFLET: tuple[Asset, ...] = (
    Asset("leaflet", "leaflet.js", "script"),
    Asset("leaflet", "leaflet.css", "style"),
)
#: The marker-cluster plugin (maps with many events).  Its
#: ``MarkerCluster.Default.css`` is not used: strikemap draws its own cluster
#: icons, in colours no weapon class uses.
MARKERCLUSTER: tuple[Asset, ...] = (
    Asset("leaflet_markercluster", "leaflet.markercluster.js", "script"),
    Asset("leaflet_markercluster", "MarkerCluster.css", "style"),
)


def _module(package: str):
    if package not in _PACKAGES:
        raise ValueError(f"unknown asset package {package!r}")
    try:
        return importlib.import_module(f"xstatic.pkg.{package}")
    except ImportError as exc:
        dist = _PACKAGES[package][0]
        raise OutputError(
            f"the map needs the Python package {dist}, which is not installed "
            f"(pip install {dist})"
        ) from exc


def asset_path(asset: Asset) -> Path:
    """Return the file of an asset inside its installed XStatic package.

    Parameters
    ----------
    asset : Asset
        One of :data:`LEAFLET` or :data:`MARKERCLUSTER` (or another file of
        those packages).

    Returns
    -------
    pathlib.Path

    Raises
    ------
    OutputError
        When the package is not installed or lacks the file.
    """
    path = Path(_module(asset.package).BASE_DIR) / asset.file
    if not path.is_file():
        dist = _PACKAGES[asset.package][0]
        raise OutputError(f"{dist} has no file {asset.file} (looked in {path.parent})")
    return path


@cache
def asset_text(asset: Asset) -> str:
    """Return an asset's text, ready to sit inside a ``<script>`` or ``<style>``.

    Source-map comments are dropped; a stylesheet's ``url(...)`` references to
    files of its package (Leaflet's layer and marker icons) become ``data:``
    URIs; ``</script`` and ``</style`` are escaped so the text cannot close
    its element.

    Parameters
    ----------
    asset : Asset
        The file.

    Returns
    -------
    str

    Raises
    ------
    OutputError
        When the file is missing or a stylesheet refers to a missing file.
    """
    path = asset_path(asset)
    text = _SOURCE_MAP.sub("", path.read_text("utf-8"))
    if asset.kind == "style":
        text = _CSS_URL.sub(lambda m: _data_uri(m, path.parent), text)
    return _CLOSE.sub(lambda m: "<\\/" + m.group(1), text)


def _data_uri(match: re.Match, base: Path) -> str:
    ref = match.group("ref").strip()
    if ref.startswith(("#", "data:")):  # url(#default#VML): no request
        return match.group(0)
    if re.match(r"^(?:[a-z][a-z0-9+.-]*:)?//", ref, re.I):
        raise OutputError(f"a map stylesheet refers to a remote file: {ref}")
    target = base / ref.split("?", 1)[0].split("#", 1)[0]
    if not target.is_file():
        raise OutputError(f"a map stylesheet refers to a missing file: {target}")
    mime = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
    payload = base64.b64encode(target.read_bytes()).decode("ascii")
    return f'url("data:{mime};base64,{payload}")'


def asset_tags(assets: Iterable[Asset], mode: str = "inline") -> str:
    """Return the ``<head>`` markup that loads the assets.

    Parameters
    ----------
    assets : iterable of Asset
        In load order.
    mode : {"inline", "cdn"}
        ``"inline"`` writes each file into the page (``<script>`` and
        ``<style>`` elements; no request); ``"cdn"`` links jsDelivr's copies.

    Returns
    -------
    str

    Raises
    ------
    ValueError
        When ``mode`` is not one of :data:`ASSET_MODES`.
    OutputError
        When an XStatic package or file is missing.
    """
    if mode not in ASSET_MODES:
        raise ValueError(f"assets must be one of {ASSET_MODES}, not {mode!r}")
    out = []
    for asset in assets:
        label = f"{_PACKAGES[asset.package][1]} {asset.version} {asset.file}"
        if mode == "cdn":
            if asset.kind == "script":
                out.append(f'<script src="{asset.cdn_url}"></script>')
            else:
                out.append(f'<link rel="stylesheet" href="{asset.cdn_url}"/>')
        elif asset.kind == "script":
            out.append(f"<script>/* {label} */\n{asset_text(asset)}\n</script>")
        else:
            out.append(f"<style>/* {label} */\n{asset_text(asset)}\n</style>")
    return "\n".join(out) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """List the map's third-party files (``python -m maps.assets``).

    Parameters
    ----------
    argv : sequence of str, optional
        Command-line arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        0 when every file is installed, 1 otherwise.
    """
    parser = argparse.ArgumentParser(
        prog="python -m maps.assets",
        description="List the Leaflet files strikemap writes into map pages "
        "(from the XStatic-Leaflet and XStatic-Leaflet-MarkerCluster packages).",
    )
    parser.parse_args(argv)
    try:
        for asset in (*LEAFLET, *MARKERCLUSTER):
            path = asset_path(asset)
            print(f"{asset.version}\t{path.stat().st_size}\t{path}")
    except OutputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
