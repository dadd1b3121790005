"""Documents to strike reports.

Sentences, place mentions resolved by the gazetteer, their roles, the struck
places and their attributes and dates.

:class:`~geo.extract.extractor.Extractor` runs the stages on one article and
returns an :class:`~geo.extract.records.Extraction`: text in, records out,
no I/O.
"""

from geo.extract.extractor import MAX_MENTIONS, MAX_SENTENCE, Extractor, extract
from geo.extract.records import Extraction, Ignored, Outside, Report

__all__ = [
    "MAX_MENTIONS",
    "MAX_SENTENCE",
    "Extraction",
    "Extractor",
    "Ignored",
    "Outside",
    "Report",
    "extract",
]
