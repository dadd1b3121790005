"""The extraction cache: one small JSON file per article, keyed by content and rules.

Each article's extraction is stored under :func:`cache_key`: the hash of its
id, URL, publication date and text and of :func:`extractor_digest` (the
extractor's code and every lexicon and gazetteer data file), so a re-run
reads only what is new or changed, and any change to the rules invalidates
what they made.  Entries are written where the article is extracted (in the
process, a pool worker or a Dask worker), so a killed run loses nothing
already written and the local and Dask engines share a cache.

The cache never stops a run: an entry that does not read back whole is a
miss (and is written again), and when the cache cannot be written (a full
disk) it says so once (:attr:`Cache.warning`) and only reads from then on.

Entries are not written with :func:`geo.tables.output.write_bytes`: that
writer makes outputs durable (an fsync of the file and of its folder) and
removes abandoned temporaries beside each file it writes (a listing of the
folder), which for a cache of 100,000 entries means 200,000 fsyncs and a
quadratic number of names listed, for data that is only ever a miss when lost.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import tempfile
import time
from collections.abc import Callable
from datetime import date
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from geo.ingest import Article

if TYPE_CHECKING:
    from importlib.abc import Traversable

__all__ = ["Cache", "cache_key", "extractor_digest"]


# -- what the cache key follows --------------------------------------------------------
#: The packages whose code and data extraction runs on.
_PACKAGES = ("geo", "gazetteer")
#: Where extraction starts (and the cache's own format): these modules and every
#: module of :data:`_PACKAGES` they import, directly or not, are part of the key.
_ROOTS = ("geo.extract.extractor", "geo.engines.codec", "geo.engines.cache")


def _module_file(name: str) -> Traversable | None:
    """The source file of a module of :data:`_PACKAGES` (None for others)."""
    top, *rest = name.split(".")
    if top not in _PACKAGES:
        return None
    node = resources.files(top)
    for part in rest[:-1]:
        node = node / part
    if rest:
        py = node / f"{rest[-1]}.py"
        if py.is_file():
            return py
        node = node / rest[-1]
    init = node / "__init__.py"
    return init if init.is_file() else None


# ``import a.b, c`` and ``from .a import (b, c)`` at the start of a line: read
# with a regular expression, not parsed (a parse of the extractor's modules
# costs 0.1 s a process).  A docstring line that looks like an import can only
# add a file to the key, never leave one out.
_IMPORT = re.compile(
    r"^[ \t]*(?:from[ \t]+(\.*[\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n;]*)"
    r"|import[ \t]+([^\n;]*))",
    re.M,
)


def _imported(name: str, source: str, is_package: bool) -> set[str]:
    """Names of the modules (and candidate submodules) a module imports."""
    out: set[str] = set()
    package = name if is_package else name.rpartition(".")[0]
    for module, names, plain in _IMPORT.findall(source):
        if plain:
            out.update(_import_names(plain))
            continue
        base = module.lstrip(".")
        level = len(module) - len(base)
        if level:
            parts = package.split(".")
            parts = parts[: len(parts) - level + 1] + ([base] if base else [])
            base = ".".join(parts)
        out.add(base)
        out.update(f"{base}.{n}" for n in _import_names(names))
    return out


def _import_names(text: str) -> list[str]:
    """``a.b as c, d`` (or ``(a, b)``, with comments) → ``["a.b", "d"]``."""
    text = re.sub(r"#[^\n]*", "", text).translate({ord(c): " " for c in "()\\"})
    return [item.split()[0] for item in text.split(",") if item.split()]


def _extractor_files() -> list[tuple[str, Traversable]]:
    """What extraction depends on, by name (``"geo/cues.py"``), sorted.

    The source of the modules of :data:`_ROOTS` and of every module of ours
    they import (read from the source, so the answer does not depend on what
    happens to be imported), and every data file of the packages: lexicons,
    cue lists, the gazetteer.  The map, exports and summaries are not in it.
    """
    files: dict[str, Traversable] = {}
    todo = list(_ROOTS)
    seen: set[str] = set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        path = _module_file(name)
        if path is None:
            continue
        is_package = path.name == "__init__.py"
        parts = name.split(".") + (["__init__.py"] if is_package else [])
        if not is_package:
            parts[-1] += ".py"
        files["/".join(parts)] = path
        source = path.read_bytes().decode("utf-8", "replace")
        todo.extend(_imported(name, source, is_package) - seen)
    for top in _PACKAGES:
        stack: list[tuple[str, Traversable]] = [(top, resources.files(top))]
        while stack:
            prefix, folder = stack.pop()
            for entry in folder.iterdir():
                name = f"{prefix}/{entry.name}"
                if entry.is_dir():
                    if entry.name != "__pycache__":
                        stack.append((name, entry))
                elif not entry.name.endswith((".py", ".pyc", ".pyo")):
                    files[name] = entry
    return sorted(files.items())


@functools.lru_cache(maxsize=1)
def extractor_digest() -> str:
    """A digest of the extractor: its code and every rule and gazetteer data file.

    Part of every cache key, so that any change to what extraction runs on
    (a rule, a lexicon entry, a gazetteer row) invalidates the extractions
    cached before it.  Computed once per process.

    Returns
    -------
    str
        64 hex digits.
    """
    h = hashlib.sha256()
    for name, path in _extractor_files():
        data = path.read_bytes()
        h.update(f"{name}\0{len(data)}\0".encode())
        h.update(data)
    return h.hexdigest()


def cache_key(article: Article) -> str:
    """The key of an article's entry: its content and :func:`extractor_digest`.

    Parameters
    ----------
    article : Article
        As read (before any renaming of a duplicate id).

    Returns
    -------
    str
        64 hex digits.
    """
    h = hashlib.sha256()
    for part in (
        extractor_digest(),
        article.id,
        article.url or "",
        article.published.isoformat() if article.published else "",
        article.text,
    ):
        # lone surrogates (from JSON escapes) are kept, never an error
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


# -- the cache -------------------------------------------------------------------------
_REPORT_KEYS = frozenset(
    "place precision date date_precision window killed injured weapons targets "
    "launched evidence note confidence actor".split()
)


def _is_str(x: object) -> bool:
    return isinstance(x, str)


def _is_count(x: object) -> bool:
    return x is None or (isinstance(x, int) and not isinstance(x, bool))


def _is_day(x: object) -> bool:
    if not isinstance(x, str):
        return False
    try:
        date.fromisoformat(x)
    except ValueError:
        return False
    return True


def _is_strs(x: object) -> bool:
    return isinstance(x, list) and all(isinstance(s, str) for s in x)


def _is_rows(x: object, width: int) -> bool:
    return isinstance(x, list) and all(
        isinstance(row, list) and len(row) == width and all(map(_is_str, row))
        for row in x
    )


def _is_report(r: object) -> bool:
    return (
        isinstance(r, dict)
        and r.keys() == _REPORT_KEYS
        and _is_str(r["place"])
        and _is_str(r["precision"])
        and (r["date"] is None or _is_day(r["date"]))
        and _is_str(r["date_precision"])
        and (
            r["window"] is None
            or (
                isinstance(r["window"], list)
                and len(r["window"]) == 2
                and all(map(_is_day, r["window"]))
            )
        )
        and _is_count(r["killed"])
        and _is_count(r["injured"])
        and _is_strs(r["weapons"])
        and _is_strs(r["targets"])
        and isinstance(r["launched"], list)
        and all(
            isinstance(x, list)
            and len(x) == 2
            and _is_str(x[0])
            and _is_count(x[1])
            and x[1] is not None
            for x in r["launched"]
        )
        and _is_strs(r["evidence"])
        and (r["note"] is None or _is_str(r["note"]))
        and isinstance(r["confidence"], (int, float))
        and r["actor"] in ("russia", "ukraine", "unknown")
        and not isinstance(r["confidence"], bool)
    )


def _is_entry(data: object) -> bool:
    """Whether a cache entry is one this extractor wrote, whole."""
    return (
        isinstance(data, dict)
        and data.get("extractor") == extractor_digest()
        and isinstance(data.get("reports"), list)
        and all(map(_is_report, data["reports"]))
        and _is_rows(data.get("outside"), 3)
        and _is_rows(data.get("ignored"), 2)
        and _is_strs(data.get("warnings", []))
    )


def _shown(path: Path) -> str:
    text = os.fspath(path)
    return text if text.isprintable() else repr(text)[1:-1]


#: A temporary file this old is stale whoever wrote it (another host's writer).
_STALE_TMP_SECONDS = 86400


@functools.lru_cache(maxsize=1)
def _host() -> str:
    """The hash of the host name, in the names of temporary files.

    Worked out on first use: importing :mod:`socket` costs a command that
    uses no cache some 8 ms of start-up.
    """
    import socket

    name = socket.gethostname().encode("utf-8", "replace")
    return hashlib.sha256(name).hexdigest()[:8]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True  # someone else's process, or not a pid: leave it
    return True


class Cache:
    """Extractions stored as one small JSON file each, written atomically.

    Entries are ``<key[:2]>/<key>.json``; each is written to ``tmp/`` first (a
    name carrying the writer's process and host) and renamed into place.
    Opening the cache removes the temporary files of writers that are gone
    (killed mid-write) and any older than a day.  Reading never fails: an
    entry that is missing, unreadable or not whole is a miss.  Writing never
    fails either: the first error (a full disk, a folder that cannot be made)
    is kept in :attr:`warning`, passed to ``on_warning`` when given, and the
    cache then only reads.

    Parameters
    ----------
    folder : path
        The cache folder, made if missing.
    on_warning : callable, optional
        Called with the one-line message when the cache cannot be written.

    Attributes
    ----------
    warning : str or None
        Why the cache cannot be written, once it cannot.
    """

    def __init__(
        self,
        folder: str | os.PathLike,
        on_warning: Callable[[str], None] | None = None,
    ):
        self.folder = Path(folder)
        self.tmp = self.folder / "tmp"
        self.on_warning = on_warning
        self.warning: str | None = None
        self.writable = True
        self._made: set[Path] = set()
        try:
            self.tmp.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self._failed(exc)
            return
        self._clean()

    def _clean(self) -> None:
        """Remove temporary files left by killed writers."""
        now = time.time()
        try:
            entries = list(os.scandir(self.tmp))
        except OSError:
            return
        for entry in entries:
            if not entry.name.endswith(".tmp"):
                continue
            pid, host, _ = (entry.name.split("-", 2) + ["", ""])[:3]
            try:
                stale = now - entry.stat().st_mtime > _STALE_TMP_SECONDS or (
                    host == _host() and pid.isdigit() and not _alive(int(pid))
                )
                if stale:
                    os.unlink(entry.path)
            except OSError:
                pass  # gone already, or not ours to remove

    def _failed(self, exc: OSError) -> None:
        self.writable = False
        if self.warning is None:
            self.warning = (
                f"cannot write to the cache {_shown(self.folder)} "
                f"({exc.strerror or exc}): going on without caching"
            )
            if self.on_warning is not None:
                self.on_warning(self.warning)

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict | None:
        """The entry under ``key`` if it is whole and current, else None.

        Parameters
        ----------
        key : str
            From :func:`cache_key`.

        Returns
        -------
        dict or None
            The extraction as :func:`~geo.engines.codec.extraction_to_json`
            gave it.
        """
        try:
            data = json.loads(self._path(key).read_bytes())
        except (OSError, ValueError, RecursionError):
            return None
        if not _is_entry(data):
            return None
        del data["extractor"]
        return data

    def put(self, key: str, data: dict) -> None:
        """Store an entry; on an error, note the warning and stop writing.

        Parameters
        ----------
        key : str
            From :func:`cache_key`.
        data : dict
            The extraction as :func:`~geo.engines.codec.extraction_to_json`
            gives it.
        """
        if not self.writable:
            return
        # ASCII JSON: lone surrogates in the evidence are escaped, not an error
        payload = json.dumps(
            {"extractor": extractor_digest(), **data}, separators=(",", ":")
        ).encode("ascii")
        path = self._path(key)
        tmp = None
        try:
            if path.parent not in self._made:
                path.parent.mkdir(exist_ok=True)
                self._made.add(path.parent)
            # the name says who writes it: a later run can tell a killed writer
            prefix = f"{os.getpid()}-{_host()}-"
            fd, tmp = tempfile.mkstemp(dir=self.tmp, prefix=prefix, suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                fh.write(payload)
            os.replace(tmp, path)
            tmp = None
        except OSError as exc:
            self._failed(exc)
        finally:
            if tmp is not None:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
