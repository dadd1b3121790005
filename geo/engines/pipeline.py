"""From inputs to merged events: the whole job, streamed, on one or more cores.

Articles are read one at a time; only their extractions (small) are kept, so
memory stays flat as the corpus grows.  With ``jobs > 1`` extraction runs in
worker processes, each loading the gazetteer once; results come back in input
order, so the output is identical to ``jobs=1``.

With a cache folder, each article's extraction is stored under the hash of its
id, URL, date and text and of :func:`extractor_digest` (the extractor's code
and every lexicon and gazetteer data file): a re-run reads only what is new or
changed, any change to the rules invalidates what they made, and a killed run
loses nothing already written.  The cache never stops a run: an entry that
does not read back whole is a miss (and is written again), and when the cache
cannot be written (a full disk) the run goes on uncached with one warning.
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import hashlib
import json
import logging
import os
import re
import socket
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from gazetteer.exc import StrikemapError
from geo.events.merge import event_features, merge_reports
from geo.extract.extractor import Extractor
from geo.extract.records import Extraction, Ignored, Outside, Report
from geo.ingest.articles import Article, Skipped, iter_articles

if TYPE_CHECKING:
    from importlib.abc import Traversable

__all__ = [
    "ArticleStatus",
    "RunResult",
    "run",
    "collect",
    "extract_all",
    "extractor_digest",
    "extraction_to_json",
    "extraction_from_json",
    "within_dates",
]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ArticleStatus:
    """What became of one input: one line of the run report.

    Attributes
    ----------
    article : str
        The article's id; for a skipped input, its source.
    source : str
        Where it came from: the path, or ``"path:LINE"``.
    status : str
        ``"events"``, ``"no events"`` or ``"skipped"``.
    published : str or None
        ISO publication date.
    date_source : str or None
        Which rule gave the date (see :class:`~geo.ingest.articles.Article`).
    reports : int
        Strike reports extracted.
    reason : str or None
        Why a skipped input was skipped.
    cached : bool
        Whether the extraction came from the cache.
    warnings : tuple of str
        Problems met reading the article (e.g. a legacy encoding, a date out
        of range) and extracting it (e.g. a sentence or mention cap), in that
        order.
    """

    article: str
    source: str
    status: str  # "events", "no events", "skipped"
    published: str | None = None
    date_source: str | None = None
    reports: int = 0
    reason: str | None = None
    cached: bool = False
    warnings: tuple[str, ...] = ()


@dataclass
class RunResult:
    """Everything a run produced.

    Attributes
    ----------
    features : list of dict
        The merged events, as GeoJSON Features (a
        :class:`~geo.extract.records.Normalized` list).
    articles : list of ArticleStatus
        Every input, read or skipped, in input order.
    outside : list of Outside
        Strikes placed outside Ukraine, one per report.
    ignored : list of Ignored
        Ukrainian places attack sentences name for another reason.
    warnings : list of str
        Problems of the run itself, tied to no article (e.g. a cache that
        could not be written).
    """

    features: list[dict] = field(default_factory=list)
    articles: list[ArticleStatus] = field(default_factory=list)
    outside: list[Outside] = field(default_factory=list)
    ignored: list[Ignored] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def skipped(self) -> list[ArticleStatus]:
        """Inputs that could not be read."""
        return [a for a in self.articles if a.status == "skipped"]

    @property
    def undated(self) -> list[ArticleStatus]:
        """Articles read without a publication date."""
        return [a for a in self.articles if a.status != "skipped" and not a.published]

    def to_report(
        self,
        *,
        since: date | str | None = None,
        until: date | str | None = None,
    ) -> dict:
        """The run report (``report.json``).

        Parameters
        ----------
        since, until : datetime.date or ISO str, optional
            The date filter of the outputs (both inclusive): ``events``,
            ``oblasts`` and ``oblast_names`` count the events within it, as
            the event table and the summaries do (see :func:`within_dates`);
            ``events_total`` counts them all.

        Returns
        -------
        dict
            JSON-ready.  Every entry about an input (``articles``,
            ``skipped``, ``undated``, ``warnings``) names it by ``article``
            (the id; a skipped input's source) and ``source``.
            ``outside_coverage`` has one entry per place outside Ukraine.
        """
        shown = within_dates(self.features, since, until)
        names: dict[str, str] = {}
        for f in shown:
            p = f["properties"]
            names.setdefault(p["admin1_code"], p.get("admin1"))
        return {
            "articles_read": sum(a.status != "skipped" for a in self.articles),
            "articles_with_events": sum(a.status == "events" for a in self.articles),
            "undated": [_named(a) for a in self.undated],
            "skipped": [{**_named(a), "reason": a.reason} for a in self.skipped],
            "since": _iso(since),
            "until": _iso(until),
            "events": len(shown),
            "events_total": len(self.features),
            "oblasts": sorted(names),
            "oblast_names": {code: names[code] for code in sorted(names)},
            "outside_coverage": _outside_places(self.outside),
            "not_events": [asdict(i) for i in self.ignored],
            "warnings": [
                {**_named(a), "warning": w} for a in self.articles for w in a.warnings
            ]
            + [{"article": None, "source": None, "warning": w} for w in self.warnings],
            "articles": [asdict(a) for a in self.articles],
        }


def _named(status: ArticleStatus) -> dict:
    return {"article": status.article, "source": status.source}


def _iso(day: date | str | None) -> str | None:
    return day.isoformat() if isinstance(day, date) else day


def _outside_places(outside: Iterable[Outside]) -> list[dict]:
    """One entry per place outside Ukraine: its reports, articles and sentences."""
    places: dict[tuple[str, str], dict] = {}
    for o in outside:
        entry = places.get((o.place, o.country))
        if entry is None:
            entry = places[o.place, o.country] = {
                "place": o.place,
                "country": o.country,
                "reports": 0,
                "articles": [],
                "evidence": [],
            }
        entry["reports"] += 1
        if o.article not in entry["articles"]:
            entry["articles"].append(o.article)
        if o.evidence not in entry["evidence"]:
            entry["evidence"].append(o.evidence)
    return [places[k] for k in sorted(places)]


def within_dates(
    features: list[dict],
    since: date | str | None = None,
    until: date | str | None = None,
) -> list[dict]:
    """The events dated within ``[since, until]`` (both inclusive).

    The same rule as :func:`geo.tables.frames.filter_dates`, on features.

    Parameters
    ----------
    features : list of dict
        Event Features.
    since, until : datetime.date or ISO str, optional
        Bounds; ``None`` leaves that side open.

    Returns
    -------
    list of dict
        ``features`` itself when no bound is given.  Otherwise a new list of
        the same type (a :class:`~geo.extract.records.Normalized` list stays one);
        events with a null date are dropped, since nothing says they fall
        inside the range.
    """
    if since is None and until is None:
        return features
    lo = _iso(since) or ""
    hi = _iso(until) or "9999-12-31"
    return type(features)(
        f
        for f in features
        if f["properties"]["date"] and lo <= f["properties"]["date"][:10] <= hi
    )


# -- serialization (cache, workers) ---------------------------------------------------
def _report_json(r: Report) -> dict:
    return {
        "place": r.place.id,
        "precision": r.precision,
        "date": r.date.isoformat() if r.date else None,
        "date_precision": r.date_precision,
        "window": [d.isoformat() for d in r.window] if r.window else None,
        "killed": r.killed,
        "injured": r.injured,
        "weapons": list(r.weapons),
        "targets": list(r.targets),
        "launched": [list(x) for x in r.launched],
        "evidence": list(r.evidence),
        "note": r.note,
        "confidence": r.confidence,
    }


def extraction_to_json(ex: Extraction) -> dict:
    """A JSON-ready form of an extraction (article fields are not repeated)."""
    return {
        "reports": [_report_json(r) for r in ex.reports],
        "outside": [[o.place, o.country, o.evidence] for o in ex.outside],
        "ignored": [[i.place, i.reason] for i in ex.ignored],
        "warnings": list(getattr(ex, "warnings", ())),
    }


def extraction_from_json(data: dict, article: Article, gazetteer) -> Extraction:
    """Rebuild an extraction stored by :func:`extraction_to_json`."""
    reports = []
    for r in data["reports"]:
        reports.append(
            Report(
                article=article.id,
                url=article.url,
                published=article.published,
                place=gazetteer.place(r["place"]),
                precision=r["precision"],
                date=date.fromisoformat(r["date"]) if r["date"] else None,
                date_precision=r["date_precision"],
                window=tuple(date.fromisoformat(d) for d in r["window"])
                if r["window"]
                else None,
                killed=r["killed"],
                injured=r["injured"],
                weapons=tuple(r["weapons"]),
                targets=tuple(r["targets"]),
                launched=tuple((w, n) for w, n in r["launched"]),
                evidence=tuple(r["evidence"]),
                note=r["note"],
                confidence=r["confidence"],
            )
        )
    extra = {}
    if "warnings" in Extraction.__dataclass_fields__:
        extra["warnings"] = tuple(data.get("warnings", ()))
    return Extraction(
        article=article.id,
        published=article.published,
        reports=tuple(reports),
        outside=tuple(Outside(article.id, *o) for o in data["outside"]),
        ignored=tuple(Ignored(article.id, *i) for i in data["ignored"]),
        **extra,
    )


# -- what the cache key follows --------------------------------------------------------
#: The packages whose code and data extraction runs on.
_PACKAGES = ("geo", "gazetteer")
#: Where extraction starts (and the cache's own format): these modules and every
#: module of :data:`_PACKAGES` they import, directly or not, are part of the key.
_ROOTS = ("geo.extract.extractor", "geo.engines.pipeline")


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


def _cache_key(article: Article) -> str:
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
    "launched evidence note confidence".split()
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
_HOST = hashlib.sha256(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:8]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True  # someone else's process, or not a pid: leave it
    return True


class _Cache:
    """Extractions stored as one small JSON file each, written atomically.

    Entries are ``<key[:2]>/<key>.json``; each is written to ``tmp/`` first (a
    name carrying the writer's process and host) and renamed into place.
    Opening the cache removes the temporary files of writers that are gone
    (killed mid-write) and any older than a day.  Reading never fails: an
    entry that is missing, unreadable or not whole is a miss.  Writing never
    fails either: the first error (a full disk) is reported once through
    ``on_warning`` (default: a logged warning) and the cache then only reads.

    Parameters
    ----------
    folder : path
        The cache folder, made if missing.
    on_warning : callable, optional
        Called with the one-line message when the cache cannot be written.
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
                    host == _HOST and pid.isdigit() and not _alive(int(pid))
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
            (self.on_warning or logger.warning)(self.warning)

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict | None:
        """The entry under ``key`` if it is whole and current, else None."""
        try:
            data = json.loads(self._path(key).read_bytes())
        except (OSError, ValueError, RecursionError):
            return None
        return data if _is_entry(data) else None

    def put(self, key: str, data: dict) -> None:
        """Store an entry (extraction JSON); on error, warn once and stop writing."""
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
            prefix = f"{os.getpid()}-{_HOST}-"
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


def _decoded(data: dict, article: Article, gazetteer) -> Extraction | None:
    """A cached extraction, or None when it names a place the gazetteer lacks."""
    try:
        return extraction_from_json(data, article, gazetteer)
    except (StrikemapError, KeyError):
        return None


# -- workers --------------------------------------------------------------------------
# Articles per worker in one batch handed to the pool (at most three batches are
# read ahead: some 12 MB of text with two workers), and the most articles in one
# task.  Large tasks matter: each costs both sides pickling and a wake-up, and 64
# articles a task ran 1.4 times faster than 4.
_BATCH_PER_JOB = 512
_CHUNK = 64
_WORKER: Extractor | None = None


def _init_worker() -> None:
    global _WORKER
    _WORKER = Extractor()
    _WORKER.gazetteer.find_mentions("Kyiv")  # loads the gazetteer now
    # the gazetteer lives as long as the worker: the cyclic collector need not
    # rescan it after every few thousand articles (about 5% of the worker's time)
    gc.freeze()


def _work(article: Article) -> dict:
    assert _WORKER is not None
    return extraction_to_json(_WORKER.extract(article))


def extract_all(
    articles: Iterable[Article],
    *,
    jobs: int = 1,
    cache: str | os.PathLike | None = None,
    extractor: Extractor | None = None,
    on_warning: Callable[[str], None] | None = None,
) -> Iterator[tuple[Article, Extraction, bool]]:
    """Extract every article, streaming, in input order.

    Parameters
    ----------
    articles : iterable of Article
        Read lazily.
    jobs : int
        Worker processes (1: in this process).
    cache : path, optional
        Folder of cached extractions.  An entry that does not read back whole
        is extracted again and rewritten; a cache that cannot be written is
        left alone after one warning.
    extractor : Extractor, optional
        For ``jobs=1``; a new one by default.
    on_warning : callable, optional
        Called with each run-level warning (a cache that cannot be written);
        by default they are logged.

    Yields
    ------
    (Article, Extraction, bool)
        The article (its text dropped, every other field kept), its
        extraction, and whether it came from the cache.
    """
    ex = extractor or Extractor()
    store = _Cache(cache, on_warning) if cache else None

    def lean(a: Article) -> Article:
        return dataclasses.replace(a, text="")

    def pending() -> Iterator[tuple[Article, str | None, Extraction | None]]:
        for a in articles:
            key = hit = None
            if store:
                key = _cache_key(a)
                data = store.get(key)
                if data is not None:
                    hit = _decoded(data, a, ex.gazetteer)
            yield a, key, hit

    if jobs <= 1:
        for a, key, hit in pending():
            if hit is not None:
                yield lean(a), hit, True
                continue
            result = ex.extract(a)
            if store:
                store.put(key, extraction_to_json(result))
            yield lean(a), result, False
        return

    import multiprocessing as mp

    ctx = mp.get_context("fork" if hasattr(os, "fork") else "spawn")
    with ctx.Pool(jobs, initializer=_init_worker) as pool:
        # bounded batches, two in flight: the workers start on the next batch
        # while this process reads it and hands on the results of the last
        inflight: deque[tuple[list, Iterator[dict]]] = deque()

        def submit(todo: list) -> None:
            misses = [a for a, _, hit in todo if hit is None]
            # large tasks, but at least four per worker
            chunk = max(1, min(_CHUNK, len(misses) // (4 * jobs)))
            results = pool.imap(_work, misses, chunksize=chunk) if misses else iter(())
            inflight.append((todo, results))

        def drain() -> Iterator[tuple[Article, Extraction, bool]]:
            todo, results = inflight.popleft()
            for a, key, hit in todo:
                if hit is None:
                    # results come in input order as they are done, and each is
                    # cached at once (a kill loses only what is in flight)
                    data = next(results)
                    if store:
                        store.put(key, data)
                    yield lean(a), extraction_from_json(data, a, ex.gazetteer), False
                else:
                    yield lean(a), hit, True

        batch: list[tuple[Article, str | None, Extraction | None]] = []
        for item in pending():
            batch.append(item)
            if len(batch) >= _BATCH_PER_JOB * jobs:
                submit(batch)
                batch = []
                if len(inflight) > 2:
                    yield from drain()
        if batch:
            submit(batch)
        while inflight:
            yield from drain()


def collect(
    items: Iterable[Skipped | tuple[Article, Extraction, bool]],
    on_article: Callable[[ArticleStatus], None] | None = None,
) -> RunResult:
    """Turn a stream of extractions and skips into the events and the run report.

    Both engines (:func:`run` and :func:`geo.engines.distributed.run_dask`) end here.

    Parameters
    ----------
    items : iterable
        In input order: a :class:`~geo.ingest.articles.Skipped`, or an
        ``(article, extraction, cached)`` triple.
    on_article : callable, optional
        Called with each status as it is noted.

    Returns
    -------
    RunResult
    """
    with _keeping():
        return _collect(items, on_article)


@contextmanager
def _keeping() -> Iterator[None]:
    """Collect cyclic garbage rarely while a run keeps what it reads.

    A run holds every report until the end and makes next to no cyclic
    garbage, yet the collector rescans all it holds as it grows: that took a
    fifth of the main process's time.  Inside, collections are rare and what
    has been kept is frozen out of them (:func:`gc.freeze`) every few thousand
    articles; the thresholds are restored and the objects unfrozen after.
    """
    before = gc.get_threshold()
    gc.set_threshold(100_000, 50, 100)
    try:
        yield
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()


def _collect(
    items: Iterable[Skipped | tuple[Article, Extraction, bool]],
    on_article: Callable[[ArticleStatus], None] | None,
) -> RunResult:
    result = RunResult()
    reports: list[Report] = []
    for n, item in enumerate(items, 1):
        if n % 4096 == 0:
            gc.freeze()
        if isinstance(item, Skipped):
            status = ArticleStatus(
                article=item.source,
                source=item.source,
                status="skipped",
                reason=item.reason,
            )
        else:
            article, ex, cached = item
            reports.extend(ex.reports)
            result.outside.extend(ex.outside)
            result.ignored.extend(ex.ignored)
            status = ArticleStatus(
                article=article.id,
                source=article.source,
                status="events" if ex.reports else "no events",
                published=article.published.isoformat() if article.published else None,
                date_source=article.date_source,
                reports=len(ex.reports),
                cached=cached,
                # reading problems, then extraction problems (when either
                # records them)
                warnings=tuple(getattr(article, "warnings", ()))
                + tuple(getattr(ex, "warnings", ())),
            )
        result.articles.append(status)
        if on_article:
            on_article(status)
    result.features = event_features(merge_reports(reports))
    return result


def run(
    inputs: Iterable[str | os.PathLike],
    *,
    default_date: date | None = None,
    jobs: int = 1,
    cache: str | os.PathLike | None = None,
    on_article: Callable[[ArticleStatus], None] | None = None,
    on_warning: Callable[[str], None] | None = None,
) -> RunResult:
    """Read inputs, extract, merge: the events and the run report.

    Parameters
    ----------
    inputs : iterable of path
        Files, folders, JSONL(.gz) files, ``-`` for JSONL on stdin.
    default_date : date, optional
        Publication date for undated input (``--date``).
    jobs : int
        Worker processes.
    cache : path, optional
        Folder of cached extractions.
    on_article : callable, optional
        Called with each article's status as it is done (progress, logging).
    on_warning : callable, optional
        Called with each run-level warning as it happens (a cache that cannot
        be written); by default they are logged.  Either way they are in
        :attr:`RunResult.warnings`.

    Returns
    -------
    RunResult
        The same, byte for byte once written, whatever ``jobs`` is: skipped
        inputs keep their place among the articles.
    """
    warnings: list[str] = []

    def warn(message: str) -> None:
        warnings.append(message)
        (on_warning or logger.warning)(message)

    skips: deque[tuple[int, Skipped]] = deque()
    pulled = 0

    def on_skip(s: Skipped) -> None:
        skips.append((pulled, s))

    def articles() -> Iterator[Article]:
        nonlocal pulled
        for a in iter_articles(inputs, default_date=default_date, on_skip=on_skip):
            yield a
            pulled += 1

    def stream():
        extracted = extract_all(articles(), jobs=jobs, cache=cache, on_warning=warn)
        for i, item in enumerate(extracted):
            while skips and skips[0][0] <= i:
                yield skips.popleft()[1]
            yield item
        while skips:
            yield skips.popleft()[1]

    result = collect(stream(), on_article)
    result.warnings.extend(warnings)
    return result
