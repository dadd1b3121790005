"""The local engine: the task plan run in this process or in a pool of workers.

Inputs are cut into tasks (:func:`geo.engines.plan.plan`) that hold paths and
offsets, not texts; with ``jobs > 1`` the workers read and extract them, each
loading the gazetteer once, and send back the extractions as JSON.  Results
are taken in input order, so the output is identical to ``jobs=1`` and to the
Dask engine's (:mod:`geo.engines.distributed`), which runs the same tasks
elsewhere.  Only the extractions (small) are kept, so memory stays flat as the
corpus grows.

With a cache folder, each article's extraction is stored where it is made
(:mod:`geo.engines.cache`); a re-run reads only what is new or changed.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import Any

from geo.engines.cache import extractor_digest
from geo.engines.codec import extraction_from_json, extraction_to_json
from geo.engines.plan import DEFAULT_CHUNK, Task, batches, plan, plan_articles
from geo.engines.result import ArticleStatus, RunResult, collect, within_dates
from geo.engines.work import (
    Pending,
    Settings,
    TaskResult,
    Warnings,
    execute,
    gather,
    in_order,
    in_process,
    process,
    warm_up,
)
from geo.extract.extractor import Extractor
from geo.extract.records import Extraction
from geo.ingest import Article, Skipped

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

#: Most articles in one batch handed to a pool worker.  Large batches matter:
#: each costs both sides pickling and a wake-up, and 64 articles a batch ran
#: 1.4 times faster than 4.  The first batches are smaller (16, 32, then 64)
#: so that a small run is shared among the workers too.
TASK_ARTICLES = 64
#: Articles per task of the plan (batches are made of whole tasks).
_CHUNK = DEFAULT_CHUNK
#: Tasks in flight per worker: the workers start on the next while this
#: process hands on the results of the last.
WINDOW_PER_JOB = 4


class _Async:
    """A batch handed to the pool."""

    def __init__(self, result: Any) -> None:
        self._result = result

    def wait(self) -> TaskResult:
        result: TaskResult = self._result.get()
        return result

    def cancel(self) -> None:
        pass  # the pool is terminated when the run ends


def _pooled(
    tasks: Iterable[Task], settings: Settings, jobs: int
) -> Iterator[TaskResult]:
    import multiprocessing as mp

    from gazetteer import get_gazetteer

    get_gazetteer()  # loaded once here, before the workers fork
    ctx = mp.get_context("fork" if hasattr(os, "fork") else "spawn")
    with ctx.Pool(jobs, initializer=warm_up) as pool:

        def submit(part: tuple[Task, ...]) -> Pending:
            return _Async(pool.apply_async(process, (part, settings)))

        parts = batches(tasks, TASK_ARTICLES, start=_CHUNK)
        yield from in_order(parts, submit, WINDOW_PER_JOB * jobs)


def _runner(
    settings: Settings, jobs: int, extractor: Extractor | None = None
) -> Callable[[Iterable[Task]], Iterable[TaskResult]]:
    """Where the local engine runs tasks: here, or in a pool of ``jobs``."""

    def run_tasks(tasks: Iterable[Task]) -> Iterable[TaskResult]:
        if jobs <= 1:
            return in_process(tasks, settings, extractor)
        return _pooled(tasks, settings, jobs)

    return run_tasks


def extract_all(
    articles: Iterable[Article],
    *,
    jobs: int = 1,
    cache: str | os.PathLike | None = None,
    extractor: Extractor | None = None,
    on_warning: Callable[[str], None] | None = None,
) -> Iterator[tuple[Article, Extraction, bool]]:
    """Extract articles already read, streaming, in input order.

    The same work as :func:`run` (same workers, same cache), over
    :class:`~geo.engines.plan.Articles` tasks.

    Parameters
    ----------
    articles : iterable of Article
        Read lazily: one article ahead with ``jobs=1``, a bounded window of
        tasks ahead otherwise.
    jobs : int
        Worker processes (1: in this process).
    cache : path, optional
        Folder of cached extractions.  An entry that does not read back whole
        is extracted again and rewritten; a cache that cannot be written is
        left alone after one warning.
    extractor : Extractor, optional
        For ``jobs=1``; a new one by default.
    on_warning : callable, optional
        Called once with each run-level warning (a cache that cannot be
        written); by default they are logged.

    Yields
    ------
    (Article, Extraction, bool)
        The article (its text dropped, every other field kept), its
        extraction, and whether it came from the cache.
    """
    settings = Settings.new(cache=cache)
    if jobs <= 1:
        results = in_process(
            plan_articles(articles, 1), settings, extractor or Extractor()
        )
    else:
        results = _pooled(plan_articles(articles, _CHUNK), settings, jobs)
    for item in gather(results, warn=Warnings(on_warning)):
        if not isinstance(item, Skipped):  # Articles tasks skip nothing
            yield item


def run(
    inputs: Iterable[str | os.PathLike],
    *,
    default_date: date | None = None,
    jobs: int = 1,
    cache: str | os.PathLike | None = None,
    on_article: Callable[[ArticleStatus], None] | None = None,
    on_warning: Callable[[str], None] | None = None,
    telegram_username: str | None = None,
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
        Called once with each run-level warning as it happens (a cache that
        cannot be written); by default they are logged.  Either way they are
        in :attr:`RunResult.warnings`.
    telegram_username : str, optional
        The channel username for the URLs of Telegram export articles
        (default: the one the export's ``t.me`` links name).

    Returns
    -------
    RunResult
        The same, byte for byte once written, whatever ``jobs`` is: skipped
        inputs keep their place among the articles.
    """
    settings = Settings.new(
        default_date=default_date, cache=cache, telegram_username=telegram_username
    )
    return execute(
        plan(inputs, _CHUNK),
        _runner(settings, jobs),
        on_article=on_article,
        on_warning=on_warning,
    )
