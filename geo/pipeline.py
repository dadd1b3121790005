"""From inputs to merged events: the whole job, streamed, on one or more cores.

Articles are read one at a time; only their extractions (small) are kept, so
memory stays flat as the corpus grows.  With ``jobs > 1`` extraction runs in
worker processes, each loading the gazetteer once; results come back in input
order, so the output is identical to ``jobs=1``.  With a cache folder, each
article's extraction is stored under the hash of its text, date and the
extractor's version: a re-run reads only what is new or changed, and a killed
run loses nothing already written.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from geo.articles import Article, Skipped, iter_articles
from geo.extract import Extractor
from geo.merge import event_features, merge_reports
from geo.records import Extraction, Ignored, Outside, Report

__all__ = [
    "ArticleStatus",
    "RunResult",
    "run",
    "collect",
    "extract_all",
    "EXTRACTOR_VERSION",
    "extraction_to_json",
    "extraction_from_json",
]

#: Bump when extraction rules change: cached extractions of older versions are
#: ignored.
EXTRACTOR_VERSION = "1"


@dataclass(frozen=True, slots=True)
class ArticleStatus:
    """What became of one input: one line of the run report."""

    article: str
    source: str
    status: str  # "events", "no events", "skipped"
    published: str | None = None
    date_source: str | None = None
    reports: int = 0
    reason: str | None = None
    cached: bool = False


@dataclass
class RunResult:
    """Everything a run produced."""

    features: list[dict] = field(default_factory=list)
    articles: list[ArticleStatus] = field(default_factory=list)
    outside: list[Outside] = field(default_factory=list)
    ignored: list[Ignored] = field(default_factory=list)

    @property
    def skipped(self) -> list[ArticleStatus]:
        """Inputs that could not be read."""
        return [a for a in self.articles if a.status == "skipped"]

    @property
    def undated(self) -> list[ArticleStatus]:
        """Articles read without a publication date."""
        return [a for a in self.articles if a.status != "skipped" and not a.published]

    def to_report(self) -> dict:
        """The run report (``report.json``)."""
        return {
            "articles_read": sum(a.status != "skipped" for a in self.articles),
            "articles_with_events": sum(a.status == "events" for a in self.articles),
            "undated": [a.article for a in self.undated],
            "skipped": [{"source": a.source, "reason": a.reason} for a in self.skipped],
            "events": len(self.features),
            "oblasts": sorted({f["properties"]["admin1_code"] for f in self.features}),
            "outside_coverage": [asdict(o) for o in self.outside],
            "not_events": [asdict(i) for i in self.ignored],
            "articles": [asdict(a) for a in self.articles],
        }


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
    return Extraction(
        article=article.id,
        published=article.published,
        reports=tuple(reports),
        outside=tuple(Outside(article.id, *o) for o in data["outside"]),
        ignored=tuple(Ignored(article.id, *i) for i in data["ignored"]),
    )


def _cache_key(article: Article) -> str:
    h = hashlib.sha256()
    for part in (
        EXTRACTOR_VERSION,
        article.id,
        article.url or "",
        article.published.isoformat() if article.published else "",
        article.text,
    ):
        h.update(part.encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()


class _Cache:
    """Extractions stored as one small JSON file each, written atomically."""

    def __init__(self, folder: str | os.PathLike):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict | None:
        try:
            return json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def put(self, key: str, data: dict) -> None:
        path = self._path(key)
        path.parent.mkdir(exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False)
        os.replace(tmp, path)


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
) -> Iterator[tuple[Article, Extraction, bool]]:
    """Extract every article, streaming, in input order.

    Parameters
    ----------
    articles : iterable of Article
        Read lazily.
    jobs : int
        Worker processes (1: in this process).
    cache : path, optional
        Folder of cached extractions.
    extractor : Extractor, optional
        For ``jobs=1``; a new one by default.

    Yields
    ------
    (Article, Extraction, bool)
        The article (its text dropped), its extraction, and whether it came
        from the cache.
    """
    ex = extractor or Extractor()
    store = _Cache(cache) if cache else None

    def lean(a: Article) -> Article:
        return Article(a.id, "", a.published, a.date_source, a.url, a.title, a.source)

    def pending() -> Iterator[tuple[Article, str | None, dict | None]]:
        for a in articles:
            key = _cache_key(a) if store else None
            hit = store.get(key) if store else None
            yield a, key, hit

    if jobs <= 1:
        for a, key, hit in pending():
            if hit is not None:
                yield lean(a), extraction_from_json(hit, a, ex.gazetteer), True
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
                    yield lean(a), extraction_from_json(hit, a, ex.gazetteer), True

        batch: list[tuple[Article, str | None, dict | None]] = []
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

    Both engines (:func:`run` and :func:`geo.distributed.run_dask`) end here.

    Parameters
    ----------
    items : iterable
        In input order: a :class:`~geo.articles.Skipped`, or an
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

    Returns
    -------
    RunResult
        The same, byte for byte once written, whatever ``jobs`` is: skipped
        inputs keep their place among the articles.
    """
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
        for i, item in enumerate(extract_all(articles(), jobs=jobs, cache=cache)):
            while skips and skips[0][0] <= i:
                yield skips.popleft()[1]
            yield item
        while skips:
            yield skips.popleft()[1]

    return collect(stream(), on_article)
