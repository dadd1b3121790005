"""Third-party scripts and stylesheets for offline maps, from the npm registry.

folium pages load Leaflet and plugins from CDNs.  For a map that works offline
every such ``<script src>`` and ``<link rel="stylesheet">`` is replaced by the
file's content.  The files are not kept in the repository: :func:`fetch_assets`
(``python -m maps.assets``) downloads the npm packages that contain them with
``npm pack`` into a cache directory and records a manifest;
:func:`inline_assets` reads them from there.

``maps/data/cdn.json`` says which npm package and file each CDN URL is; URLs
of the form ``https://cdn.jsdelivr.net/npm/NAME@VERSION/FILE`` need no entry.

The cache is ``$STRIKEMAP_ASSETS`` when set, else
``$XDG_CACHE_HOME/strikemap/assets`` (``~/.cache/strikemap/assets``).
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import logging
import mimetypes
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path, PurePosixPath

from gazetteer.exc import OutputError

__all__ = [
    "ENV_VAR",
    "FETCH_COMMAND",
    "Asset",
    "asset_for",
    "resolve_cache_dir",
    "map_urls",
    "known_urls",
    "fetch_assets",
    "inline_assets",
    "main",
]

log = logging.getLogger(__name__)

#: Environment variable naming the asset cache directory.
ENV_VAR = "STRIKEMAP_ASSETS"
#: The command that fills the cache (named in error messages).
FETCH_COMMAND = "python -m maps.assets"
MANIFEST = "manifest.json"

_JSDELIVR_NPM = re.compile(
    r"https?://cdn\.jsdelivr\.net/npm/((?:@[^/@]+/)?[^/@]+)@([^/]+)/(.+)"
)
_SCRIPT_TAG = re.compile(
    r"<script\b[^>]*?\bsrc\s*=\s*([\"'])(?P<url>[^\"']+)\1[^>]*>\s*</script\s*>",
    re.IGNORECASE,
)
_LINK_TAG = re.compile(r"<link\b[^>]*>", re.IGNORECASE)
_HREF = re.compile(r"\bhref\s*=\s*([\"'])(?P<url>[^\"']+)\1", re.IGNORECASE)
_STYLESHEET = re.compile(r"\brel\s*=\s*([\"']?)stylesheet\1", re.IGNORECASE)
_CSS_URL = re.compile(r"url\(\s*([\"']?)(?P<ref>[^\"')]+)\1\s*\)")
_SOURCE_MAP = re.compile(r"^\s*(?://|/\*)# sourceMappingURL=.*$", re.MULTILINE)
_REMOTE = re.compile(r"^(?:https?:)?//", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Asset:
    """Where a CDN URL's file is on the npm registry.

    Attributes
    ----------
    url : str
        The URL as written in the page.
    package : str or None
        npm package name; ``None`` when no npm release has the file.
    version : str
        Package version.
    file : str
        Path of the file inside the package.
    note : str
        Why there is no package, when there is none.
    """

    url: str
    package: str | None
    version: str
    file: str
    note: str = ""

    @property
    def spec(self) -> str:
        """``name@version`` for ``npm pack``."""
        return f"{self.package}@{self.version}"

    @property
    def relpath(self) -> str:
        """Path of the extracted file inside the cache directory."""
        return f"{self.package}@{self.version}/{self.file}"


@cache
def _table() -> dict:
    text = resources.files("maps").joinpath("data/cdn.json").read_text("utf-8")
    return json.loads(text)


def asset_for(url: str) -> Asset | None:
    """Return the npm package and file behind a CDN URL.

    Parameters
    ----------
    url : str
        A script or stylesheet URL.

    Returns
    -------
    Asset or None
        ``None`` when the URL is neither in ``maps/data/cdn.json`` nor a
        jsDelivr npm URL.

    Examples
    --------
    >>> asset_for("https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js").spec
    'leaflet@1.9.3'
    """
    entry = _table()["urls"].get(url)
    if entry is not None:
        return Asset(
            url,
            entry["package"],
            entry["version"],
            entry["file"],
            entry.get("note", ""),
        )
    match = _JSDELIVR_NPM.fullmatch(url)
    if match:
        return Asset(url, match.group(1), match.group(2), match.group(3))
    return None


def map_urls() -> list[str]:
    """Return the asset URLs strikemap's own maps use (Leaflet, marker clusters)."""
    return list(_table()["strikemap"])


def known_urls() -> list[str]:
    """Return every asset URL the table knows: strikemap's and folium 0.20's."""
    return list(dict.fromkeys([*map_urls(), *_table()["urls"], *_folium_urls()]))


def _folium_urls() -> list[str]:
    """URLs folium's map and the common plugins put into pages."""
    try:
        import folium
        import folium.plugins as plugins
    except ImportError:  # pragma: no cover - folium is a dependency
        return []
    urls = []
    for obj in (folium.Map, plugins.MarkerCluster, plugins.TimestampedGeoJson):
        urls += [u for _, u in obj.default_js] + [u for _, u in obj.default_css]
    return urls


def resolve_cache_dir(path: str | os.PathLike | None = None) -> Path:
    """Return the asset cache directory (not created).

    Parameters
    ----------
    path : str or os.PathLike, optional
        An explicit directory; else ``$STRIKEMAP_ASSETS``, else
        ``$XDG_CACHE_HOME/strikemap/assets`` or ``~/.cache/strikemap/assets``.

    Returns
    -------
    pathlib.Path
    """
    if path is not None:
        return Path(path)
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "strikemap" / "assets"


def _read_manifest(directory: Path) -> dict:
    path = directory / MANIFEST
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise OutputError(f"{path}: unreadable asset manifest ({exc})") from exc
    return data.get("assets", {}) if isinstance(data, dict) else {}


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fetch_assets(
    cache_dir: str | os.PathLike | None = None,
    *,
    urls: Iterable[str] | None = None,
    npm: str = "npm",
) -> Path:
    """Download the npm packages behind asset URLs into the cache.

    Each package is fetched once with ``npm pack NAME@VERSION`` (npm checks the
    tarball's integrity against the registry) and extracted under
    ``<cache>/NAME@VERSION/``; ``manifest.json`` records, per URL, the package,
    file, size and SHA-256.  Files already in the manifest and on disk with the
    recorded hash are not fetched again.

    Parameters
    ----------
    cache_dir : str or os.PathLike, optional
        Where to put the files (see :func:`resolve_cache_dir`).
    urls : iterable of str, optional
        Asset URLs to fetch; defaults to :func:`map_urls`.
    npm : str, default "npm"
        The npm executable.

    Returns
    -------
    pathlib.Path
        The cache directory.

    Raises
    ------
    OutputError
        When a URL has no npm package, npm is missing or fails, or a file is
        not in its package.
    """
    directory = resolve_cache_dir(cache_dir)
    wanted = list(dict.fromkeys(urls if urls is not None else map_urls()))
    assets = []
    for url in wanted:
        asset = asset_for(url)
        if asset is None or asset.package is None:
            why = asset.note if asset is not None else "not in maps/data/cdn.json"
            raise OutputError(f"no npm package for asset {url} ({why})")
        assets.append(asset)

    manifest = _read_manifest(directory)
    missing = [a for a in assets if not _cached(directory, manifest.get(a.url))]
    specs = list(dict.fromkeys(a.spec for a in missing))
    if specs:
        directory.mkdir(parents=True, exist_ok=True)
        exe = shutil.which(npm)
        if exe is None:
            raise OutputError(
                f"npm is not installed: it is needed to fetch {', '.join(specs)} "
                f"for offline maps (install Node.js and npm, then run {FETCH_COMMAND})"
            )
        for spec in specs:
            _fetch_package(exe, spec, directory)
    for asset in assets:
        path = directory / asset.relpath
        if not path.is_file():
            raise OutputError(
                f"{asset.spec} has no file {asset.file} (for {asset.url})"
            )
        manifest[asset.url] = {
            "package": asset.package,
            "version": asset.version,
            "file": asset.file,
            "path": asset.relpath,
            "bytes": path.stat().st_size,
            "sha256": _sha256(path),
        }
    _write_manifest(directory, manifest)
    return directory


def _cached(directory: Path, entry: dict | None) -> bool:
    if not entry:
        return False
    path = directory / entry.get("path", "")
    return path.is_file() and _sha256(path) == entry.get("sha256")


def _fetch_package(npm: str, spec: str, directory: Path) -> None:
    log.info("npm pack %s", spec)
    with tempfile.TemporaryDirectory(prefix="strikemap-npm-") as tmp:
        cmd = [npm, "pack", spec, "--json", "--pack-destination", tmp]
        try:
            proc = subprocess.run(
                cmd, capture_output=True, text=True, timeout=300, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise OutputError(f"`{' '.join(cmd)}` failed: {exc}") from exc
        tarballs = sorted(Path(tmp).glob("*.tgz"))
        if proc.returncode != 0 or not tarballs:
            tail = (proc.stderr or proc.stdout).strip().splitlines()[-5:]
            raise OutputError(
                f"`npm pack {spec}` failed (exit {proc.returncode}): "
                + " | ".join(tail)
            )
        target = directory / spec
        staging = Path(
            tempfile.mkdtemp(prefix=f".{spec.replace('/', '_')}.", dir=directory)
        )
        try:
            _extract(tarballs[0], staging)
            if target.exists():
                shutil.rmtree(target)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging, target)
        finally:
            if staging.exists():
                shutil.rmtree(staging, ignore_errors=True)


def _extract(tarball: Path, target: Path) -> None:
    """Extract the regular files under ``package/`` (no links, no escapes)."""
    with tarfile.open(tarball, "r:gz") as tar:
        for member in tar.getmembers():
            if not member.isfile():
                continue
            parts = PurePosixPath(member.name).parts
            if (
                len(parts) < 2
                or any(p in ("..", "") for p in parts)
                or member.name.startswith("/")
            ):
                continue
            dest = target.joinpath(*parts[1:])
            dest.parent.mkdir(parents=True, exist_ok=True)
            source = tar.extractfile(member)
            if source is None:
                continue
            with source, open(dest, "wb") as out:
                shutil.copyfileobj(source, out)


def _write_manifest(directory: Path, manifest: dict) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    data = {
        "about": "strikemap offline map assets: CDN URL -> file fetched with npm pack",
        "assets": dict(sorted(manifest.items())),
    }
    fd, tmp = tempfile.mkstemp(prefix=".manifest.", dir=directory)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=1)
        f.write("\n")
    os.replace(tmp, directory / MANIFEST)


def inline_assets(html: str, cache_dir: str | os.PathLike | None = None) -> str:
    """Replace every remote ``<script src>`` and stylesheet link by its content.

    Scripts become inline ``<script>`` elements (with ``</script`` escaped and
    source-map comments dropped); stylesheets become ``<style>`` elements whose
    ``url(...)`` references to files of the same package (icons, fonts) are
    turned into ``data:`` URIs.  Tile URL templates and links in the text are
    left alone.

    Parameters
    ----------
    html : str
        A rendered page.
    cache_dir : str or os.PathLike, optional
        The asset cache (see :func:`resolve_cache_dir`).

    Returns
    -------
    str
        The page with no remote script or stylesheet reference.

    Raises
    ------
    OutputError
        When an asset is not in the cache; the message names the assets and
        the command that fetches them.
    """
    directory = resolve_cache_dir(cache_dir)
    manifest = _read_manifest(directory)
    missing: list[str] = []

    def lookup(url: str) -> Path | None:
        entry = manifest.get(url)
        path = directory / entry["path"] if entry else None
        if path is None or not path.is_file():
            missing.append(url)
            return None
        return path

    def script(match: re.Match) -> str:
        url = match.group("url")
        if not _REMOTE.match(url):
            return match.group(0)
        path = lookup(url)
        if path is None:
            return match.group(0)
        return f"<script>/* {_comment(url)} */\n{_script_text(path)}\n</script>"

    def link(match: re.Match) -> str:
        tag = match.group(0)
        href = _HREF.search(tag)
        if not _STYLESHEET.search(tag) or href is None:
            return tag
        url = href.group("url")
        if not _REMOTE.match(url):
            return tag
        path = lookup(url)
        if path is None:
            return tag
        return f"<style>/* {_comment(url)} */\n{_style_text(path)}\n</style>"

    out = _SCRIPT_TAG.sub(script, html)
    out = _LINK_TAG.sub(link, out)
    if missing:
        lines = []
        for url in dict.fromkeys(missing):
            asset = asset_for(url)
            where = (
                f" (npm {asset.spec} {asset.file})" if asset and asset.package else ""
            )
            lines.append(f"  {url}{where}")
        raise OutputError(
            f"offline map: {len(lines)} asset(s) not in the cache {directory}:\n"
            + "\n".join(lines)
            + f"\nfetch them with: {FETCH_COMMAND}"
            + (f" --cache-dir {directory}" if os.environ.get(ENV_VAR) is None else "")
        )
    return out


def _comment(url: str) -> str:
    return url.replace("*/", "*\\/")


def _script_text(path: Path) -> str:
    text = _SOURCE_MAP.sub("", path.read_text("utf-8"))
    text = re.sub(r"</(script)", r"<\\/\1", text, flags=re.IGNORECASE)
    return text.replace("<!--", "<\\!--")


def _style_text(path: Path) -> str:
    text = _SOURCE_MAP.sub("", path.read_text("utf-8"))

    def data_uri(match: re.Match) -> str:
        ref = match.group("ref").strip()
        if ref.startswith(("#", "data:")) or _REMOTE.match(ref):
            return match.group(0)
        target = (path.parent / ref.split("?", 1)[0].split("#", 1)[0]).resolve()
        if not target.is_file():
            log.warning("%s: %s not found; left as is", path.name, ref)
            return match.group(0)
        mime = _mime(target)
        payload = base64.b64encode(target.read_bytes()).decode("ascii")
        return f'url("data:{mime};base64,{payload}")'

    text = _CSS_URL.sub(data_uri, text)
    return re.sub(r"</(style)", r"<\\/\1", text, flags=re.IGNORECASE)


def _mime(path: Path) -> str:
    extra = {".woff2": "font/woff2", ".woff": "font/woff", ".ttf": "font/ttf"}
    return extra.get(path.suffix.lower()) or (
        mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Fetch the offline map assets (``python -m maps.assets``).

    Parameters
    ----------
    argv : sequence of str, optional
        Command-line arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        0 on success, 1 when fetching failed.
    """
    parser = argparse.ArgumentParser(
        prog=FETCH_COMMAND,
        description="Fetch the scripts and stylesheets offline maps inline "
        "(npm pack from the npm registry) into the asset cache.",
    )
    parser.add_argument(
        "--cache-dir",
        help=f"cache directory (default: ${ENV_VAR} or ~/.cache/strikemap/assets)",
    )
    parser.add_argument(
        "--all",
        action="store_true",
        help="also fetch the assets of folium's other default pages and plugins",
    )
    parser.add_argument(
        "--list", action="store_true", help="print the manifest and fetch nothing"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    directory = resolve_cache_dir(args.cache_dir)
    if args.list:
        for url, entry in _read_manifest(directory).items():
            print(f"{entry['package']}@{entry['version']}\t{entry['file']}\t{url}")
        return 0
    urls = map_urls()
    if args.all:
        urls = [u for u in known_urls() if (a := asset_for(u)) and a.package]
    try:
        fetch_assets(directory, urls=urls)
    except OutputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(directory)
    return 0


if __name__ == "__main__":
    sys.exit(main())
