"""Running the pipeline over many articles.

One task plan (:mod:`geo.engines.plan`), processed by one worker code
(:mod:`geo.engines.work`), here or in a pool of processes
(:mod:`geo.engines.pipeline`) or on Dask (:mod:`geo.engines.distributed`);
the extraction cache (:mod:`geo.engines.cache`, :mod:`geo.engines.codec`);
what a run produced (:mod:`geo.engines.result`); and a whole ``strikemap
run`` job, from inputs to an output folder (:mod:`geo.engines.job`).
"""

# ``plan`` (the function) is not lifted here: it would hide the module
# ``geo.engines.plan``; import it from there.
from geo.engines.job import (
    EngineOptions,
    JobOptions,
    JobResult,
    extract_events,
    run_job,
)
from geo.engines.pipeline import extract_all, run
from geo.engines.plan import Task
from geo.engines.result import ArticleStatus, RunResult, collect, within_dates
from geo.engines.work import TaskResult, process

__all__ = [
    "ArticleStatus",
    "EngineOptions",
    "JobOptions",
    "JobResult",
    "RunResult",
    "Task",
    "TaskResult",
    "collect",
    "extract_all",
    "extract_events",
    "process",
    "run",
    "run_job",
    "within_dates",
]
