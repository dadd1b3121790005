"""Documents to strike reports.

Sentences, place mentions resolved by the gazetteer, their roles, the struck
places and their attributes and dates, in language-neutral stages that read
their words from a :class:`geo.lang.Language`:

1. mentions (:mod:`geo.extract.mentions`);
2. roles and 3. struck places (:mod:`geo.extract.roles`);
4. attributes (:mod:`geo.extract.attributes`, :class:`~geo.extract.reports.Draft`);
5. dates (:mod:`geo.extract.dates`, :mod:`geo.extract.dating`);
6. reports (:mod:`geo.extract.reports`).

:class:`~geo.extract.extractor.Extractor` runs the stages on one article and
returns an :class:`~geo.extract.records.Extraction`: text in, records out,
no I/O but one: the compiled patterns are kept in the user cache across runs
(:mod:`gazetteer.compiled`; :func:`engine_name` says where).
"""

from gazetteer.compiled import engine_name
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
    "engine_name",
    "extract",
]
