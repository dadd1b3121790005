"""Running the task plan: what a worker does with a task, and the driver's side.

Both engines run the same three steps and differ only in where the middle
one runs:

1. the driver cuts the inputs into tasks (:func:`geo.engines.plan.plan`);
2. a :class:`Worker` reads each task's articles and extracts them, looking
   each up in (and adding it to) the cache: in the driver's own process
   (``jobs=1``), in pool workers or on Dask workers (:func:`process`, which
   sends back :class:`Packed` items: JSON, not places);
3. the driver takes the :class:`TaskResult` of every task in input order
   (:func:`execute`): it renames duplicate ids, decodes what came back,
   passes each run-level warning on once, and merges (:func:`collect`).

So the local and the Dask engine give the same tasks, the same results and
the same warnings (a cache that cannot be written, wherever that is found
out) for the same inputs.
"""

from __future__ import annotations

import dataclasses
import gc
import logging
import os
import secrets
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any, Protocol

from gazetteer.exc import StrikemapError
from geo.engines.cache import Cache, cache_key
from geo.engines.codec import extraction_from_json, extraction_to_json
from geo.engines.plan import Task, read_task
from geo.engines.result import ArticleStatus, RunResult, collect
from geo.extract.extractor import Extractor
from geo.extract.records import Extraction
from geo.ingest import Article, Skipped, UniqueIds

__all__ = [
    "Extracted",
    "Packed",
    "Pending",
    "Settings",
    "TaskResult",
    "Warnings",
    "Worker",
    "execute",
    "gather",
    "in_order",
    "in_process",
    "process",
    "warm_up",
]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Settings:
    """What every task of one run is processed with.

    Attributes
    ----------
    default_date : datetime.date or None
        Publication date for undated articles (``--date``).
    cache : str or None
        Absolute path of the cache folder (the same for every worker).
    run : str
        A token naming the run: a worker process keeps one cache per run, so
        a cache that failed in one run is tried again in the next.
    telegram_username : str or None
        The channel username for the URLs of Telegram export articles
        (``--telegram-username``; default: the one the export's links name).
    """

    default_date: date | None = None
    cache: str | None = None
    run: str = ""
    telegram_username: str | None = None

    @classmethod
    def new(
        cls,
        *,
        default_date: date | None = None,
        cache: Any = None,
        telegram_username: str | None = None,
    ) -> Settings:
        """Settings for a new run (a fresh token; the cache path made absolute).

        Parameters
        ----------
        default_date : datetime.date, optional
        cache : path, optional
        telegram_username : str, optional

        Returns
        -------
        Settings
        """
        folder = os.path.abspath(os.fspath(cache)) if cache else None
        return cls(default_date, folder, secrets.token_hex(8), telegram_username)


@dataclass(frozen=True, slots=True)
class Extracted:
    """One article extracted in the driver's own process.

    Attributes
    ----------
    article : Article
        The article, its text dropped.
    extraction : Extraction
    cached : bool
        Whether it came from the cache.
    """

    article: Article
    extraction: Extraction
    cached: bool


@dataclass(frozen=True, slots=True)
class Packed:
    """One article extracted in another process: its extraction as JSON.

    Attributes
    ----------
    article : Article
        The article, its text dropped.
    data : dict
        :func:`~geo.engines.codec.extraction_to_json`'s form (places by id).
    cached : bool
        Whether it came from the cache.
    """

    article: Article
    data: dict
    cached: bool


@dataclass(frozen=True, slots=True)
class TaskResult:
    """What processing tasks gave, in input order.

    Attributes
    ----------
    items : tuple
        :class:`Extracted` or :class:`Packed` per article, and
        :class:`~geo.ingest.articles.Skipped` per input not read.
    warnings : tuple of str
        Run-level problems found meanwhile (a cache that cannot be written).
    """

    items: tuple[Extracted | Packed | Skipped, ...]
    warnings: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def _extractor() -> Extractor:
    """The process's extractor (the gazetteer is loaded once per process)."""
    return Extractor()


def warm_up(*, freeze: bool = True) -> None:
    """Make a worker process ready: its extractor and gazetteer, loaded now.

    They live as long as the process, so they are frozen out of the cyclic
    collector, which need not rescan them every few thousand articles
    (about 5% of a worker's time).

    Parameters
    ----------
    freeze : bool
        Freeze everything made so far out of the cyclic collector (a worker
        does; a driver that loads them before forking its workers need not).
    """
    _extractor().gazetteer.find_mentions("Kyiv")  # loads the matcher too
    if freeze:
        gc.freeze()


class Worker:
    """Reads and extracts tasks in one process, with the run's cache.

    Parameters
    ----------
    settings : Settings
    extractor : Extractor, optional
        The process's own by default.
    pack : bool
        Give :class:`Packed` items (to send to another process) instead of
        :class:`Extracted` ones.
    """

    def __init__(
        self,
        settings: Settings,
        extractor: Extractor | None = None,
        *,
        pack: bool = False,
    ) -> None:
        self.settings = settings
        self.extractor = extractor or _extractor()
        self.pack = pack
        self.cache = Cache(settings.cache) if settings.cache else None
        self._warned = False

    def warnings(self) -> tuple[str, ...]:
        """Run-level warnings not yet given (each once per worker)."""
        if self._warned or self.cache is None or self.cache.warning is None:
            return ()
        self._warned = True
        return (self.cache.warning,)

    def items(self, task: Task) -> Iterator[Extracted | Packed | Skipped]:
        """Read and extract one task, one article at a time.

        Parameters
        ----------
        task : Task

        Yields
        ------
        Extracted, Packed or Skipped
            In input order.  An article whose extraction fails (a bug of
            strikemap's, never the input's fault) is skipped with the reason,
            and the run goes on with the next.
        """
        for found in read_task(
            task,
            self.settings.default_date,
            telegram_username=self.settings.telegram_username,
        ):
            if isinstance(found, Skipped):
                yield found
                continue
            try:
                item: Extracted | Packed | Skipped = self.extract(found)
            except Exception as exc:  # one article must not stop the run
                logger.debug("extraction failed: %s", found.source, exc_info=True)
                item = Skipped(found.source, _failed(exc))
            yield item

    def extract(self, article: Article) -> Extracted | Packed:
        """Extract one article (or take it from the cache).

        Parameters
        ----------
        article : Article

        Returns
        -------
        Extracted or Packed
            With the article's text dropped.
        """
        key = None
        lean = dataclasses.replace(article, text="")
        if self.cache is not None:
            key = cache_key(article)
            data = self.cache.get(key)
            if data is not None:
                try:
                    # a place the gazetteer lacks makes the entry a miss
                    hit = extraction_from_json(data, article, self.extractor.gazetteer)
                except (StrikemapError, KeyError):
                    pass
                else:
                    if self.pack:
                        return Packed(lean, data, True)
                    return Extracted(lean, hit, True)
        ex = self.extractor.extract(article)
        if self.cache is None and not self.pack:
            return Extracted(lean, ex, False)
        data = extraction_to_json(ex)
        if self.cache is not None and key is not None:
            self.cache.put(key, data)
        if self.pack:
            return Packed(lean, data, False)
        return Extracted(lean, ex, False)


def _failed(exc: BaseException) -> str:
    """The one-line reason an article whose extraction raised is skipped."""
    return (
        f"extraction failed ({type(exc).__name__}): a bug in strikemap, "
        "please report it with this article"
    )


_current: Worker | None = None


def process(tasks: Iterable[Task], settings: Settings) -> TaskResult:
    """Process tasks in a worker process (a pool's, or a Dask worker's).

    The process keeps one :class:`Worker` per run: its extractor, and its
    cache, whose warning is given once.

    Parameters
    ----------
    tasks : iterable of Task
        One batch.
    settings : Settings
        The run's.

    Returns
    -------
    TaskResult
        With :class:`Packed` items.
    """
    global _current
    if _current is None or _current.settings != settings:
        _current = Worker(settings, pack=True)
    worker = _current
    items = tuple(item for task in tasks for item in worker.items(task))
    return TaskResult(items, worker.warnings())


def in_process(
    tasks: Iterable[Task], settings: Settings, extractor: Extractor | None = None
) -> Iterator[TaskResult]:
    """Process tasks here, one article at a time (no read-ahead)."""
    worker = Worker(settings, extractor)
    for task in tasks:
        for item in worker.items(task):
            yield TaskResult((item,), worker.warnings())
    last = worker.warnings()
    if last:
        yield TaskResult((), last)


class Pending(Protocol):
    """A task batch submitted somewhere: wait for its result, or cancel it."""

    def wait(self) -> TaskResult:
        """Block until done; return the result and let it go."""
        ...

    def cancel(self) -> None:
        """Drop it (the consumer stopped early)."""
        ...


def in_order(
    parts: Iterable[tuple[Task, ...]],
    submit: Callable[[tuple[Task, ...]], Pending],
    limit: int,
) -> Iterator[TaskResult]:
    """Submit batches through a sliding window; yield their results in order.

    At most ``limit`` batches are in flight, so neither side holds more than
    a few whatever the size of the corpus.

    Parameters
    ----------
    parts : iterable of tuple of Task
        The batches, read lazily.
    submit : callable
        Starts a batch where it runs.
    limit : int
        Most batches in flight.

    Yields
    ------
    TaskResult
    """
    window: deque[Pending] = deque()
    it = iter(parts)

    def fill() -> None:
        while len(window) < limit:
            part = next(it, None)
            if part is None:
                return
            window.append(submit(part))

    fill()
    try:
        while window:
            pending = window.popleft()
            result = pending.wait()
            fill()
            yield result
    finally:
        for pending in window:
            pending.cancel()


class Warnings:
    """Run-level warnings, each passed on once, in the order first met.

    Parameters
    ----------
    on_warning : callable, optional
        Called with each new warning; by default it is logged.
    """

    def __init__(self, on_warning: Callable[[str], None] | None = None) -> None:
        self.on_warning = on_warning
        self.seen: list[str] = []

    def __call__(self, message: str) -> None:
        """Note a warning; pass it on unless it was given before."""
        if message in self.seen:
            return
        self.seen.append(message)
        (self.on_warning or logger.warning)(message)


def gather(
    results: Iterable[TaskResult],
    *,
    warn: Callable[[str], None],
    unique: UniqueIds | None = None,
    gazetteer: Callable[[], Any] | None = None,
) -> Iterator[Skipped | tuple[Article, Extraction, bool]]:
    """The driver's side: results, in order, as :func:`collect` takes them.

    Parameters
    ----------
    results : iterable of TaskResult
        In input order.
    warn : callable
        Called with each run-level warning (see :class:`Warnings`).
    unique : UniqueIds, optional
        Renames duplicate ids, in reading order.
    gazetteer : callable, optional
        Gives the gazetteer that decodes :class:`Packed` items (the bundled
        one by default), called only once one is met.

    Yields
    ------
    Skipped or (Article, Extraction, bool)
    """
    gaz: Any = None
    for result in results:
        for message in result.warnings:
            warn(message)
        for item in result.items:
            if isinstance(item, Skipped):
                yield item
                continue
            article = unique(item.article) if unique else item.article
            if isinstance(item, Packed) or article is not item.article:
                if gaz is None:
                    gaz = _gazetteer() if gazetteer is None else gazetteer()
                data = (
                    item.data
                    if isinstance(item, Packed)
                    else extraction_to_json(item.extraction)
                )
                extraction = extraction_from_json(data, article, gaz)
            else:
                extraction = item.extraction
            yield article, extraction, item.cached


def _gazetteer() -> Any:
    from gazetteer import get_gazetteer

    return get_gazetteer()


def execute(
    tasks: Iterable[Task],
    run_tasks: Callable[[Iterable[Task]], Iterable[TaskResult]],
    *,
    on_article: Callable[[ArticleStatus], None] | None = None,
    on_warning: Callable[[str], None] | None = None,
) -> RunResult:
    """Run a plan and gather the events and the run report.

    Parameters
    ----------
    tasks : iterable of Task
        From :func:`~geo.engines.plan.plan`.
    run_tasks : callable
        Processes the tasks where the engine runs them and gives their
        results in input order.
    on_article : callable, optional
        Called with each article's status, in input order.
    on_warning : callable, optional
        Called once with each run-level warning; by default they are logged.
        Either way they are in :attr:`RunResult.warnings`.

    Returns
    -------
    RunResult
    """
    warnings = Warnings(on_warning)
    items = gather(run_tasks(tasks), warn=warnings, unique=UniqueIds())
    result = collect(items, on_article)
    result.warnings.extend(warnings.seen)
    return result
