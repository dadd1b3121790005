"""Records of the extraction: what one article reports (events: :mod:`geo.events`)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from datetime import date

from gazetteer.frozen import quick_init
from gazetteer.records import Place

__all__ = [
    "Report",
    "Outside",
    "Ignored",
    "Extraction",
    "PRECISION_OF_KIND",
    "LEVEL_OF_KIND",
]

#: ACLED-style location precision of an event by the kind of place it is at.
PRECISION_OF_KIND = {
    "settlement": "settlement",
    "feature": "settlement",
    "district": "district",
    "raion": "raion",
    "hromada": "raion",
    "oblast": "oblast",
}
#: How large a kind of place is, smallest 0: a place of a higher level may hold
#: one of a lower level.
LEVEL_OF_KIND = {
    "settlement": 0,
    "feature": 0,
    "district": 1,
    "hromada": 2,
    "raion": 3,
    "oblast": 4,
}


@quick_init
@dataclass(frozen=True, slots=True)
class Report:
    """One article's report of a strike at one place on one date.

    Attributes
    ----------
    article : str
        The article's id.
    url : str or None
        The article's URL.
    published : date or None
        The article's publication date.
    place : Place
        Where the strike was.
    precision : str
        ``settlement``, ``district``, ``raion`` or ``oblast``.
    date : date or None
        The strike's date; None when the text gives no way to know it.
    date_precision : str
        ``day``, ``week``, ``month`` or ``unknown``.
    window : tuple of date or None
        First and last day the strike may have happened on.
    killed, injured : int or None
        The highest figures the article gives; None when not stated.
    weapons, targets : tuple of str
        Sorted classes from the lexicon.
    launched : tuple of (str, int)
        Weapons launched, where stated (sorted pairs).
    evidence : tuple of str
        The sentences that report it.
    note : str or None
        E.g. ``"near Kharkiv"``.
    confidence : float
        How sure the place resolution was.
    lang : str or None
        The language of the article (``"en"``, ``"uk"``), None when unknown.
    actor : str
        Which side fired, as the text says: ``"russia"``, ``"ukraine"`` or
        ``"unknown"`` (see :mod:`geo.extract.actor`).
    """

    article: str
    url: str | None
    published: date | None
    place: Place
    precision: str
    date: datetime.date | None
    date_precision: str
    window: tuple[datetime.date, datetime.date] | None
    killed: int | None
    injured: int | None
    weapons: tuple[str, ...]
    targets: tuple[str, ...]
    launched: tuple[tuple[str, int], ...]
    evidence: tuple[str, ...]
    note: str | None = None
    confidence: float = 1.0
    lang: str | None = None
    actor: str = "unknown"


@dataclass(frozen=True, slots=True)
class Outside:
    """A strike an article places outside Ukraine (reported, never mapped)."""

    article: str
    place: str
    country: str
    evidence: str


@dataclass(frozen=True, slots=True)
class Ignored:
    """A Ukrainian place an attack sentence names for another reason."""

    article: str
    place: str
    reason: str


@dataclass(frozen=True, slots=True)
class Extraction:
    """What became of one article.

    ``warnings`` are one-line messages about what the extraction did not read
    (a sentence cut into parts, place mentions past the per-article cap); they
    name neither the article nor its source, which the caller adds.
    """

    article: str
    published: date | None
    reports: tuple[Report, ...] = field(default=())
    outside: tuple[Outside, ...] = field(default=())
    ignored: tuple[Ignored, ...] = field(default=())
    warnings: tuple[str, ...] = field(default=())
