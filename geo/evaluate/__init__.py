"""Scoring events against a gold annotation (``docs/gold-format.md``)."""

from geo.evaluate.score import (
    EvalResult,
    evaluate,
    format_report,
    load_features,
    load_gold,
)

__all__ = ["EvalResult", "evaluate", "format_report", "load_features", "load_gold"]
