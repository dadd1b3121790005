"""The Dask engine: the task plan run on a ``distributed`` cluster.

:func:`run_dask` runs the same job as :func:`geo.engines.pipeline.run`, over
the same tasks (:func:`geo.engines.plan.plan`), processed by the same code
(:func:`geo.engines.work.process`) and gathered the same way
(:func:`geo.engines.work.execute`); only where the tasks run differs.  So it
returns the same :class:`~geo.engines.result.RunResult`: byte-identical
GeoJSON, the same statuses and the same run-level warnings (a cache that
cannot be written on a worker reaches ``on_warning`` and the report once).

Why driver memory stays flat:

* the plan holds paths and offsets; only compressed JSONL, standard input and
  FIFOs, which cannot be split by offset, are read in the driver, as raw
  lines shipped with their task;
* tasks are grouped into partitions of about ``partition_size`` articles,
  each one Dask task: the worker reads its own input, extracts it with the
  process's extractor (the gazetteer is loaded once per worker) and returns
  the lean articles and their extractions as JSON.  Texts never come back;
* partitions go through a sliding window of at most twice the cluster's
  threads, consumed in input order and released at once.  (A ``dask.bag``
  over all partitions would put every one, raw lines included, in the
  driver's graph up front.)

With a cache folder, workers look up and store each article's extraction
under the same key as the local engine: the engines share a cache, and a
killed run keeps everything already written.  The folder must be reachable at
the same path by the workers (always so for the default local cluster; a
shared file system for a remote one).
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from gazetteer.exc import StrikemapError
from geo.engines.plan import Task, batches, plan
from geo.engines.result import ArticleStatus, RunResult
from geo.engines.work import Pending, Settings, TaskResult, execute, in_order, process

__all__ = ["run_dask", "DEFAULT_PARTITION_SIZE"]

#: Articles per Dask task.
DEFAULT_PARTITION_SIZE = 256


def _import_distributed() -> Any:
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
    error = None
    try:
        client = distributed.Client(scheduler)
    except (OSError, ValueError) as exc:
        error = f"cannot connect to the Dask scheduler {scheduler}: {exc}"
    if error is not None:
        # the half-made client lingers in reference cycles; its finalizer must
        # run now, not in a later collection that may fall while another
        # cluster starts its event loop (and deadlocks it)
        gc.collect()
        raise StrikemapError(error)
    with client:
        yield client


class _Future:
    """A partition submitted to the cluster."""

    def __init__(self, future: Any) -> None:
        self._future = future

    def wait(self) -> TaskResult:
        result: TaskResult = self._future.result()
        self._future.release()
        return result

    def cancel(self) -> None:
        self._future.cancel()


def _on_cluster(
    scheduler: Any, settings: Settings, partition_size: int
) -> Callable[[Iterable[Task]], Iterator[TaskResult]]:
    """Where the Dask engine runs tasks: partitions on the cluster's workers."""

    def run_tasks(tasks: Iterable[Task]) -> Iterator[TaskResult]:
        with _client(scheduler) as client:
            limit = max(2, 2 * sum(client.nthreads().values()))  # 2 per thread

            def submit(part: tuple[Task, ...]) -> Pending:
                return _Future(client.submit(process, part, settings, pure=False))

            parts = batches(tasks, partition_size)
            yield from in_order(parts, submit, limit)

    return run_tasks


def run_dask(
    inputs: Iterable[str | os.PathLike],
    *,
    default_date: date | None = None,
    scheduler: Any = None,
    cache: str | os.PathLike | None = None,
    on_article: Callable[[ArticleStatus], None] | None = None,
    on_warning: Callable[[str], None] | None = None,
    partition_size: int = DEFAULT_PARTITION_SIZE,
    telegram_username: str | None = None,
) -> RunResult:
    """Read inputs, extract on a Dask cluster, merge: the events and the run report.

    The result equals :func:`geo.engines.pipeline.run`'s for the same inputs: the
    same features (byte-identical GeoJSON), article statuses, skips, places
    outside coverage, ignored mentions and run-level warnings, in input order.

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
    on_warning : callable, optional
        Called in the driver once with each run-level warning (a cache a
        worker cannot write); by default they are logged.  Either way they
        are in :attr:`RunResult.warnings`.
    partition_size : int
        Articles per Dask task.
    telegram_username : str, optional
        The channel username for the URLs of Telegram export articles.

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
    settings = Settings.new(
        default_date=default_date, cache=cache, telegram_username=telegram_username
    )
    return execute(
        plan(inputs),
        _on_cluster(scheduler, settings, partition_size),
        on_article=on_article,
        on_warning=on_warning,
    )
