"""From articles to strike events, geospatial frames, region summaries and exports.

The data flow, one folder per step (see the README's "How the code is laid
out"): :mod:`geo.ingest` (inputs to documents with a publication date) →
:mod:`geo.extract` (place mentions resolved by the gazetteer, strike reports
per sentence, over the lexicons in ``geo/data``) → :mod:`geo.events` (one event
per place and day across articles) → :mod:`geo.tables` (GeoDataFrame, spatial
join, summaries, exports, the output writer).  :mod:`geo.engines` runs it all,
streamed, on one or more cores or on Dask; :mod:`geo.evaluate` scores events
against a gold annotation.
"""

from importlib import import_module

from gazetteer.classcode import remembered_code

# the record classes' methods compiled by an earlier run (see gazetteer.classcode)
with remembered_code():
    from geo.engines import JobOptions, JobResult, run_job
    from geo.engines.pipeline import (
        ArticleStatus,
        RunResult,
        extract_all,
        extractor_digest,
        run,
        within_dates,
    )
    from geo.events import Event, Source, load_events
    from geo.events.merge import event_features, event_id, merge_reports
    from geo.events.records import Normalized
    from geo.extract.extractor import Extractor
    from geo.extract.records import Extraction, Ignored, Outside, Report
    from geo.ingest import Article, Skipped, iter_articles, read_articles
    from geo.lang import Language, language

# Modules that import geopandas (and the scorer, which no run needs) load on
# first use, so the command line and extraction workers start fast.
_LAZY = {
    "EvalResult": "geo.evaluate.score",
    "format_report": "geo.evaluate.score",
    "load_features": "geo.evaluate.score",
    "load_gold": "geo.evaluate.score",
    "normalize_features": "geo.tables.export",
    "read_events": "geo.tables.export",
    "to_geojson": "geo.tables.export",
    "validate_geojson": "geo.events.schema",
    "write_events": "geo.tables.export",
    "check_admin1_agreement": "geo.tables.frames",
    "events_to_frame": "geo.tables.frames",
    "filter_dates": "geo.tables.frames",
    "frame_to_features": "geo.tables.frames",
    "period_summary": "geo.tables.summary",
    "region_summary": "geo.tables.summary",
    "summary_markdown": "geo.tables.summary",
    "write_summary": "geo.tables.summary",
    "OutputSet": "geo.tables.output",
    "make_dir": "geo.tables.output",
    "write_text": "geo.tables.output",
}


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'geo' has no attribute {name!r}")


__all__ = [
    "Event",
    "JobOptions",
    "JobResult",
    "Language",
    "Source",
    "language",
    "load_events",
    "run_job",
    "Article",
    "ArticleStatus",
    "EvalResult",
    "Extraction",
    "Extractor",
    "Ignored",
    "Normalized",
    "OutputSet",
    "Outside",
    "Report",
    "RunResult",
    "Skipped",
    "check_admin1_agreement",
    "event_features",
    "event_id",
    "events_to_frame",
    "extract_all",
    "extractor_digest",
    "filter_dates",
    "format_report",
    "frame_to_features",
    "iter_articles",
    "load_features",
    "load_gold",
    "make_dir",
    "merge_reports",
    "normalize_features",
    "period_summary",
    "read_articles",
    "read_events",
    "region_summary",
    "run",
    "summary_markdown",
    "to_geojson",
    "validate_geojson",
    "write_events",
    "write_summary",
    "write_text",
    "within_dates",
]
