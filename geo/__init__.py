"""From articles to strike events, geospatial frames, region summaries and exports.

The data flow, one module per step: :mod:`geo.articles` (inputs to
documents with a publication date) → :mod:`geo.extract` (place mentions
resolved by the gazetteer, strike reports per sentence, with
:mod:`geo.text`, :mod:`geo.dates`, :mod:`geo.cues` and :mod:`geo.attributes`
over the lexicons in ``geo/data``) → :mod:`geo.merge` (one event per place
and day across articles) → :mod:`geo.frames` (GeoDataFrame, spatial join) →
:mod:`geo.summary` and :mod:`geo.export`. :mod:`geo.pipeline` runs it all,
streamed, on one or more cores; :mod:`geo.evaluate` scores events against a
gold annotation.

The functions :func:`geo.extract.extract` and :func:`geo.evaluate.evaluate` are
not re-exported here, so that ``geo.extract`` and ``geo.evaluate`` stay the
modules.
"""

from importlib import import_module

from geo.articles import Article, Skipped, iter_articles, read_articles
from geo.evaluate import EvalResult, format_report, load_features, load_gold
from geo.extract import Extractor
from geo.merge import event_features, event_id, merge_reports
from geo.pipeline import (
    ArticleStatus,
    RunResult,
    extract_all,
    extractor_digest,
    run,
    within_dates,
)
from geo.records import Extraction, Ignored, Normalized, Outside, Report

# Modules that import geopandas load on first use, so extraction workers start fast.
_LAZY = {
    "normalize_features": "geo.export",
    "read_events": "geo.export",
    "to_geojson": "geo.export",
    "validate_geojson": "geo.export",
    "write_events": "geo.export",
    "check_admin1_agreement": "geo.frames",
    "events_to_frame": "geo.frames",
    "filter_dates": "geo.frames",
    "frame_to_features": "geo.frames",
    "period_summary": "geo.summary",
    "region_summary": "geo.summary",
    "summary_markdown": "geo.summary",
    "write_summary": "geo.summary",
    "OutputSet": "geo.output",
    "make_dir": "geo.output",
    "write_text": "geo.output",
}


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'geo' has no attribute {name!r}")


__all__ = [
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
