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
from itertools import chain
from typing import Any

from geo.engines.cache import extractor_digest
from geo.engines.codec import extraction_from_json, extraction_to_json
from geo.engines.plan import (
    DEFAULT_CHUNK,
    Task,
    batches,
    plan,
    plan_articles,
    weight,
)
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
    "SMALL_RUN",
    "ArticleStatus",
    "RunResult",
    "run",
    "collect",
    "extract_all",
    "extractor_digest",
    "extraction_to_json",
    "extraction_from_json",
    "small_plan",
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
#: A run whose whole plan holds no more articles than this is extracted in
#: this process whatever ``jobs`` is: that is one full batch (TASK_ARTICLES),
#: which one worker would take alone anyway, and starting the pool (forking,
#: sending the articles' extractions back as JSON and decoding them) costs
#: more than extracting that many articles here.
SMALL_RUN = TASK_ARTICLES


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

    fork = hasattr(os, "fork")
    if fork:
        warm_up(freeze=False)  # here, once: forked workers find it loaded
    ctx = mp.get_context("fork" if fork else "spawn")
    with ctx.Pool(jobs, initializer=warm_up) as pool:

        def submit(part: tuple[Task, ...]) -> Pending:
            return _Async(pool.apply_async(process, (part, settings)))

        parts = batches(tasks, TASK_ARTICLES, start=_CHUNK)
        yield from in_order(parts, submit, WINDOW_PER_JOB * jobs)


def small_plan(
    tasks: Iterable[Task], limit: int
) -> tuple[list[Task], Iterator[Task] | None]:
    """Read a plan until it holds more than ``limit`` articles, or to its end.

    Parameters
    ----------
    tasks : iterable of Task
        The plan, read lazily.
    limit : int
        Most articles (by :func:`~geo.engines.plan.weight`) of a small plan.

    Returns
    -------
    (list of Task, iterator of Task or None)
        The tasks read, and the rest of the plan; the rest is ``None`` when
        the plan ended within ``limit`` articles (the tasks read are all).
    """
    it = iter(tasks)
    head: list[Task] = []
    total = 0
    for task in it:
        head.append(task)
        total += weight(task)
        if total > limit:
            return head, it
    return head, None


def _runner(
    settings: Settings, jobs: int, extractor: Extractor | None = None
) -> Callable[[Iterable[Task]], Iterable[TaskResult]]:
    """Where the local engine runs tasks: here, or in a pool of ``jobs``.

    A small plan (:data:`SMALL_RUN` articles or fewer) runs here even with
    ``jobs > 1``: the output is the same either way.
    """

    def run_tasks(tasks: Iterable[Task]) -> Iterable[TaskResult]:
        if jobs <= 1:
            return in_process(tasks, settings, extractor)
        head, rest = small_plan(tasks, SMALL_RUN)
        if rest is None:
            return in_process(head, settings, extractor)
        return _pooled(chain(head, rest), settings, jobs)

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
    tasks: Iterable[Task] = plan_articles(articles, 1 if jobs <= 1 else _CHUNK)
    if jobs > 1:
        head, rest = small_plan(tasks, SMALL_RUN)
        if rest is None:
            jobs, tasks = 1, head
        else:
            tasks = chain(head, rest)
    if jobs <= 1:
        results = in_process(tasks, settings, extractor or Extractor())
    else:
        results = _pooled(tasks, settings, jobs)
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
