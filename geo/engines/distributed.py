"""The pipeline on Dask: workers read and extract, the driver merges.

:func:`run_dask` runs the same job as :func:`geo.engines.pipeline.run` on a
``distributed`` cluster and returns the same :class:`~geo.engines.pipeline.RunResult`,
so ``to_geojson(result.features)`` is byte-identical to the local engine's.

How the work is cut, and why driver memory stays flat:

* The driver walks the inputs with :func:`geo.ingest.articles.walk_inputs`, the
  walker :func:`geo.ingest.articles.iter_articles` uses (same order, same skips),
  but reads no article.  It emits small *tasks*:
  a text/HTML/Markdown file (its path), a range of lines of a plain ``.jsonl``
  file (byte offsets found by one streaming pass counting lines), or a skip.
  Only compressed JSONL and standard input, which cannot be split by offset,
  are read in the driver, as raw lines shipped with their task.  A line longer
  than :data:`~geo.ingest.articles.MAX_RECORD_BYTES` is never held: it travels as its
  length, and the worker reports it skipped.
* Tasks are grouped into partitions of about ``partition_size`` articles.
  Each partition is one Dask task: the worker reads its own input, parses it,
  extracts every article with the process's cached
  :class:`~geo.extract.extractor.Extractor` (the gazetteer is loaded once per worker),
  and returns, in order, the lean article fields, the extraction as
  :func:`~geo.engines.pipeline.extraction_to_json` data and whether it came from the
  cache.  Texts never come back.
* Partitions are submitted through a sliding window of at most twice the
  cluster's threads, consumed in input order and released at once, so
  neither the driver nor the workers hold more than a few partitions whatever
  the size of the corpus.  (A ``dask.bag`` built over all partitions would put
  every partition, raw lines included, in the driver's graph up front.)
* With a cache folder, workers look up and store each article's extraction
  under the same key as the local engine (:mod:`geo.engines.pipeline`), writing as
  they go: the local and Dask engines share a cache, and a killed run keeps
  everything already written.  The folder must be reachable at the same path
  by the workers (always so for the default local cluster; a shared file
  system for a remote one).

Only the merge (:func:`~geo.events.merge.merge_reports`,
:func:`~geo.events.merge.event_features`) runs in the driver, as in the local engine,
with the renaming of duplicate ids (:class:`~geo.ingest.articles.UniqueIds`), which
needs every id in reading order.
"""

from __future__ import annotations

import gzip
import io
import os
import sys
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from gazetteer.exc import InputError, StrikemapError
from geo.engines.pipeline import (
    ArticleStatus,
    RunResult,
    _Cache,
    _cache_key,
    collect,
    extraction_from_json,
    extraction_to_json,
)
from geo.ingest.articles import (
    Article,
    InputFile,
    Skipped,
    UniqueIds,
    bounded_lines,
    read_document,
    read_jsonl_line,
    walk_inputs,
)

__all__ = ["run_dask", "DEFAULT_PARTITION_SIZE"]

#: Articles per Dask task.
DEFAULT_PARTITION_SIZE = 256

# A task is a small tuple; its first field says what it is:
#   ("doc", open_path, source, id, kind)             one document file
#   ("range", open_path, source, id_prefix, start, end, first_lineno, n)
#                                                   lines of a plain .jsonl file
#   ("lines", source, id_prefix, first_lineno, [bytes | int, ...])
#                                                   raw JSONL lines (gz, stdin), or
#                                                   the length of one too long
#   ("skip", source, reason)                        an input that was not read
Task = tuple


# -- driver: inputs to tasks ----------------------------------------------------------
#: Most bytes of a .jsonl file one range task reads at once.
_RANGE_BYTES = 64 * 1024 * 1024


def _read_reason(exc: BaseException) -> str:
    reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return f"cannot read: {reason}"


def _jsonl_ranges(item: InputFile, size: int) -> Iterator[Task]:
    """Cut a plain JSONL file into ranges of ``size`` lines, reading no record.

    A range also ends at :data:`_RANGE_BYTES`, so a worker never reads much
    more at once; a line too long to read becomes a task of its own holding
    its length.
    """
    assert item.path is not None
    source, id_prefix = item.source, item.id
    open_path = os.path.abspath(item.path)
    start = pos = count = 0
    first = 1

    def task() -> Task:
        return ("range", open_path, source, id_prefix, start, pos, first, count)

    try:
        with open(item.path, "rb") as fh:
            for lineno, line in enumerate(bounded_lines(fh), start=1):
                if isinstance(line, int):
                    if count:
                        yield task()
                    yield ("lines", source, id_prefix, lineno, [line])
                    pos += line
                    start, first, count = pos, lineno + 1, 0
                    continue
                pos += len(line)
                count += 1
                if count == size or pos - start >= _RANGE_BYTES:
                    yield task()
                    start, first, count = pos, lineno + 1, 0
    except OSError as exc:
        if count:
            yield task()
        yield ("skip", source, _read_reason(exc))
        return
    if count:
        yield task()


def _line_chunks(
    lines: Iterable[bytes | str | int], source: str, id_prefix: str, size: int
) -> Iterator[Task]:
    """Group raw JSONL lines read in the driver into tasks of ``size`` lines."""
    chunk: list[bytes | str | int] = []
    first = 1
    for lineno, line in enumerate(lines, start=1):
        chunk.append(line)
        if len(chunk) == size:
            yield ("lines", source, id_prefix, first, chunk)
            chunk, first = [], lineno + 1
    if chunk:
        yield ("lines", source, id_prefix, first, chunk)


def _gzip_tasks(item: InputFile, size: int) -> Iterator[Task]:
    """Raw lines of a ``.jsonl.gz`` file, read in the driver, then any error."""
    error: list[BaseException] = []

    path = item.path
    assert path is not None

    def lines() -> Iterator[bytes | str | int]:
        try:
            with gzip.open(path, "rb") as fh:
                yield from bounded_lines(fh)
        except (OSError, EOFError, zlib.error) as exc:
            error.append(exc)

    yield from _line_chunks(lines(), item.source, item.id, size)
    if error:
        yield ("skip", item.source, _read_reason(error[0]))


def _stdin_tasks(size: int) -> Iterator[Task]:
    stream: Any = getattr(sys.stdin, "buffer", None) or sys.stdin
    raw = (
        ln.encode("utf-8", "surrogateescape") if isinstance(ln, str) else ln
        for ln in bounded_lines(stream)
    )
    yield from _line_chunks(raw, "<stdin>", "<stdin>", size)


def _tasks(inputs: Iterable[str | os.PathLike], size: int) -> Iterator[Task]:
    """Turn inputs into tasks, in the order :func:`iter_articles` reads them."""
    for item in walk_inputs(inputs):
        if isinstance(item, Skipped):
            yield ("skip", item.source, item.reason)
        elif item.path is None:
            yield from _stdin_tasks(size)
        elif item.kind != "jsonl":
            path = os.path.abspath(item.path)
            yield ("doc", path, item.source, item.id, item.kind)
        elif item.path.name.lower().endswith(".gz"):
            yield from _gzip_tasks(item, size)
        else:
            yield from _jsonl_ranges(item, size)


def _weight(task: Task) -> int:
    kind = task[0]
    if kind == "doc":
        return 1
    if kind == "range":
        return task[7]
    if kind == "lines":
        return len(task[4])
    return 0


def _partitions(tasks: Iterable[Task], size: int) -> Iterator[list[Task]]:
    """Group tasks into partitions of about ``size`` articles each."""
    part: list[Task] = []
    weight = 0
    for task in tasks:
        part.append(task)
        weight += _weight(task)
        if weight >= size:
            yield part
            part, weight = [], 0
    if part:
        yield part


# -- workers --------------------------------------------------------------------------
def _lean(a: Article) -> tuple:
    published = a.published.isoformat() if a.published else None
    return (a.id, published, a.date_source, a.url, a.title, a.source, a.warnings)


def _jsonl_lines(
    lines: Iterable[bytes | str | int],
    source: str,
    id_prefix: str,
    first: int,
    default_date: date | None,
) -> Iterator[Article | Skipped]:
    for lineno, line in enumerate(lines, start=first):
        try:
            article = read_jsonl_line(
                line,
                source=f"{source}:{lineno}",
                fallback_id=f"{id_prefix}:{lineno}",
                default_date=default_date,
            )
        except InputError as exc:
            yield Skipped(exc.source, exc.reason)
            continue
        if article is not None:
            yield article


def _read_task(task: Task, default_date: date | None) -> Iterator[Article | Skipped]:
    """Read the articles (and skips) of one task, in the worker."""
    kind = task[0]
    if kind == "skip":
        yield Skipped(task[1], task[2])
    elif kind == "doc":
        _, open_path, source, id_, doc_kind = task
        try:
            yield read_document(
                Path(open_path),
                id=id_,
                source=source,
                kind=doc_kind,
                default_date=default_date,
            )
        except InputError as exc:
            yield Skipped(exc.source, exc.reason)
    elif kind == "range":
        _, open_path, source, id_prefix, start, end, first, _n = task
        try:
            with open(open_path, "rb") as fh:
                fh.seek(start)
                data = fh.read(end - start)
        except OSError as exc:
            yield Skipped(source, _read_reason(exc))
            return
        yield from _jsonl_lines(
            bounded_lines(io.BytesIO(data)),
            source,
            id_prefix,
            first,
            default_date,
        )
    elif kind == "lines":
        _, source, id_prefix, first, lines = task
        yield from _jsonl_lines(lines, source, id_prefix, first, default_date)
    else:  # pragma: no cover - tasks are made above
        raise ValueError(f"unknown task {kind!r}")


def _process(
    tasks: list[Task], default_date: date | None, cache: str | None
) -> list[tuple]:
    """Read and extract one partition (runs in a worker).

    Returns, in input order, ``("a", lean article, extraction json, cached)``
    for each article and ``("s", source, reason)`` for each skip.
    """
    from geo.extract.extractor import _default_extractor

    extractor = _default_extractor()
    store = _Cache(cache) if cache else None
    out: list[tuple] = []
    for task in tasks:
        for item in _read_task(task, default_date):
            if isinstance(item, Skipped):
                out.append(("s", item.source, item.reason))
                continue
            key = _cache_key(item) if store else None
            data = store.get(key) if store else None
            cached = data is not None
            if data is None:
                data = extraction_to_json(extractor.extract(item))
                if store:
                    store.put(key, data)
            out.append(("a", _lean(item), data, cached))
    return out


# -- driver: cluster, window, merge ---------------------------------------------------
def _import_distributed():
    try:
        import distributed
    except ImportError:
        raise StrikemapError(
            "the dask engine needs dask and distributed: install strikemap[dask]"
        ) from None
    return distributed


@contextmanager
def _client(scheduler: Any) -> Iterator[Any]:
    if scheduler is not None and hasattr(scheduler, "submit"):
        yield scheduler  # a connected client: the caller closes it
        return
    distributed = _import_distributed()
    if scheduler is None:
        with (
            distributed.LocalCluster(
                n_workers=2,
                threads_per_worker=1,
                processes=True,
                dashboard_address=":0",  # any free port: no clash, no warning
            ) as cluster,
            distributed.Client(cluster) as client,
        ):
            yield client
        return
    try:
        client = distributed.Client(scheduler)
    except (OSError, ValueError) as exc:
        raise StrikemapError(
            f"cannot connect to the Dask scheduler {scheduler}: {exc}"
        ) from None
    with client:
        yield client


def _results(
    client: Any, partitions: Iterable[list[Task]], default_date, cache
) -> Iterator[tuple]:
    """Submit partitions through a sliding window; yield their items in order."""
    limit = max(2, 2 * sum(client.nthreads().values()))  # 2 partitions per thread
    window: deque = deque()
    parts = iter(partitions)

    def fill() -> None:
        while len(window) < limit:
            part = next(parts, None)
            if part is None:
                return
            window.append(
                client.submit(_process, part, default_date, cache, pure=False)
            )

    fill()
    try:
        while window:
            future = window.popleft()
            items = future.result()
            future.release()
            fill()
            yield from items
    finally:
        for future in window:
            future.cancel()


def run_dask(
    inputs: Iterable[str | os.PathLike],
    *,
    default_date: date | None = None,
    scheduler: Any = None,
    cache: str | os.PathLike | None = None,
    on_article: Callable[[ArticleStatus], None] | None = None,
    partition_size: int = DEFAULT_PARTITION_SIZE,
) -> RunResult:
    """Read inputs, extract on a Dask cluster, merge: the events and the run report.

    The result equals :func:`geo.engines.pipeline.run`'s for the same inputs: the
    same features (byte-identical GeoJSON), article statuses, skips, places
    outside coverage and ignored mentions, in input order.

    Parameters
    ----------
    inputs : iterable of path
        Files, folders, JSONL(.gz) files, ``-`` for JSONL on stdin.
    default_date : date, optional
        Publication date for undated input (``--date``).
    scheduler : str or distributed.Client, optional
        Address of a Dask scheduler, or a connected client (anything with the
        ``submit`` and ``nthreads`` methods of :class:`distributed.Client`;
        left open).  By default a local cluster of two worker processes with
        one thread each is started and closed.
    cache : path, optional
        Folder of cached extractions, shared with the local engine; it must be
        reachable at this path by the workers.
    on_article : callable, optional
        Called in the driver with each article's status, in input order.
    partition_size : int
        Articles per Dask task.

    Returns
    -------
    RunResult

    Raises
    ------
    StrikemapError
        When dask/distributed are not installed, or the scheduler cannot be
        reached.
    """
    if partition_size < 1:
        raise ValueError("partition_size must be at least 1")
    cache_dir = None
    if cache:
        cache_dir = str(_Cache(cache).folder.resolve())  # creates it
    gazetteer = None
    unique = UniqueIds()

    def stream():
        nonlocal gazetteer
        tasks = _tasks(inputs, partition_size)
        with _client(scheduler) as client:
            partitions = _partitions(tasks, partition_size)
            for item in _results(client, partitions, default_date, cache_dir):
                if item[0] == "s":
                    _, source, reason = item
                    yield Skipped(source, reason)
                    continue
                _, lean, data, cached = item
                aid, published, date_source, url, title, source, warnings = lean
                article = unique(
                    Article(
                        aid,
                        "",
                        date.fromisoformat(published) if published else None,
                        date_source,
                        url,
                        title,
                        source,
                        tuple(warnings),
                    )
                )
                if data["reports"] and gazetteer is None:
                    from gazetteer import get_gazetteer

                    gazetteer = get_gazetteer()
                yield article, extraction_from_json(data, article, gazetteer), cached

    return collect(stream(), on_article)
