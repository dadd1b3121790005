"""Running the pipeline over many articles.

Locally on N processes (:mod:`geo.engines.pipeline`) or on Dask
(:mod:`geo.engines.distributed`).
"""

from geo.engines.pipeline import ArticleStatus, RunResult, run

__all__ = ["ArticleStatus", "RunResult", "run"]
