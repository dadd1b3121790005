"""Stages 4 and 6, attributes and reports: one article's drafts become reports.

A :class:`Draft` is a report being assembled: each sentence that speaks of
its strike adds itself as evidence with its casualties, weapons, targets and
launch counts (stage 4, attributes).  :func:`combine` merges the drafts that
report the same strike (same place, dates that may be the same day; a city
and a part of it; a raion or oblast and the one smaller place the article
reports in it) and :func:`to_reports` turns them into
:class:`~geo.extract.records.Report` records (stage 6).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from gazetteer.records import Place
from geo.extract.attributes import Attributes, Casualties, attributes, casualties
from geo.extract.dating import DatedPlace
from geo.extract.records import LEVEL_OF_KIND, PRECISION_OF_KIND, Report
from geo.extract.roles import km
from geo.ingest import Article
from geo.lang import Language

__all__ = ["Draft", "combine", "sentence_casualties", "to_reports"]

# A sentence naming several places is read once, not once per place.
_casualties = lru_cache(maxsize=4096)(casualties)
_attributes = lru_cache(maxsize=4096)(attributes)


def sentence_casualties(text: str, lang: Language | None = None) -> Casualties:
    """:func:`geo.extract.attributes.casualties`, remembered for the last texts."""
    return _casualties(text, lang)


@dataclass(slots=True)
class Draft:
    """A report being assembled from one or more sentences (mutable)."""

    place: Place
    date: datetime.date | None
    date_precision: str
    window: tuple[datetime.date, datetime.date] | None
    dated: bool  # the date came from words in the text, not the default
    confidence: float
    note: str | None = None
    killed: int | None = None
    injured: int | None = None
    weapons: set[str] = field(default_factory=set)
    targets: set[str] = field(default_factory=set)
    launched: dict[str, int] = field(default_factory=dict)
    evidence: dict[int, str] = field(default_factory=dict)  # sentence start -> text

    @classmethod
    def of(cls, dated: DatedPlace) -> Draft:
        """A new draft for a dated struck place (no evidence yet)."""
        struck = dated.struck
        # by position (place, date, date_precision, window, dated, confidence,
        # note): one draft per dated place, keywords cost more than the rest
        return cls(
            struck.place,
            dated.date,
            dated.precision,
            dated.window,
            dated.dated,
            struck.confidence,
            struck.note,
        )

    def add(
        self,
        sentence: str,
        start: int,
        lang: Language | None = None,
        *,
        casualty_text: str | None = None,
    ) -> None:
        """Add a sentence as evidence, with its figures, weapons and targets.

        Parameters
        ----------
        sentence : str
            The sentence.
        start : int
            Its offset in the article (sentences are kept in text order, once).
        lang : Language, optional
            English by default.
        casualty_text : str, optional
            The part of the sentence that speaks of this place when the
            sentence names several (see :func:`geo.extract.dating.segments`).
        """
        self.evidence.setdefault(start, sentence)
        c: Casualties = _casualties(
            sentence if casualty_text is None else casualty_text, lang
        )
        # _most(self.killed, c.killed) and the same for injured, written out
        # (one call per figure of every sentence added): a figure replaces
        # the draft's when it is stated and higher, or the draft has none
        killed, injured = c.killed, c.injured
        if killed is not None and (self.killed is None or killed > self.killed):
            self.killed = killed
        if injured is not None and (self.injured is None or injured > self.injured):
            self.injured = injured
        a: Attributes = _attributes(sentence, lang)
        if a.weapons:  # most sentences name none
            self.weapons.update(a.weapons)
        if a.targets:
            self.targets.update(a.targets)
        for weapon, n in a.launched:
            self.launched[weapon] = max(self.launched.get(weapon, 0), n)


def _most(a: int | None, b: int | None) -> int | None:
    """The higher of two figures, where None means "not stated"."""
    return a if b is None else b if a is None else max(a, b)


def overlap(a: Draft, b: Draft) -> bool:
    """Whether two drafts' dates may be the same day."""
    if a.window is None or b.window is None:
        return a.date == b.date
    return a.window[0] <= b.window[1] and b.window[0] <= a.window[1]


def absorb(into: Draft, other: Draft) -> None:
    """Merge ``other`` into ``into`` (same strike)."""
    into.killed = _most(into.killed, other.killed)
    into.injured = _most(into.injured, other.injured)
    into.weapons |= other.weapons
    into.targets |= other.targets
    for w, n in other.launched.items():
        into.launched[w] = max(into.launched.get(w, 0), n)
    for start, sentence in other.evidence.items():
        into.evidence.setdefault(start, sentence)
    # the dates: keep the narrowest window both allow; "dated" beats the default
    if into.window and other.window:
        lo = max(into.window[0], other.window[0])
        hi = min(into.window[1], other.window[1])
        if lo <= hi:
            into.window = (lo, hi)
            into.date = hi
    if other.dated and not into.dated and other.date is not None:
        into.date, into.window = other.date, other.window
        into.date_precision, into.dated = other.date_precision, True
    into.confidence = max(into.confidence, other.confidence)
    if into.note is None:
        into.note = other.note


def combine(drafts: list[Draft]) -> list[Draft]:
    """Merge one article's drafts that report the same strike.

    Each rule looks only at the drafts of the same place, oblast or raion
    (indexed once), never at every pair.

    Parameters
    ----------
    drafts : list of Draft
        In text order; merged drafts are changed in place.

    Returns
    -------
    list of Draft
        The drafts left, in order.
    """
    out = _same_place(drafts)
    out = _undated_into_dated(out)
    out = _parts_into_cities(out)
    for level in ("hromada", "raion", "oblast"):
        out = _area_into_place(out, level)
    return out


def _same_place(drafts: list[Draft]) -> list[Draft]:
    """Drafts of one place whose dates may be the same day are one."""
    out: list[Draft] = []
    by_place: dict[str, list[Draft]] = {}
    for d in drafts:
        same = by_place.get(d.place.id)
        if same is None:  # the place's first draft
            by_place[d.place.id] = [d]
            out.append(d)
            continue
        for o in same:
            if overlap(o, d):
                absorb(o, d)
                break
        else:
            out.append(d)
            same.append(d)
    return out


def _undated_into_dated(out: list[Draft]) -> list[Draft]:
    """An undated draft of a place the article reports with a date is that strike.

    A mention the text does not date (a headline, an aside).  Absorbing an
    undated draft never makes or unmakes a dated one, so they are counted
    once.
    """
    if all(d.dated for d in out):
        return out  # no undated draft: nothing to absorb (the index unbuilt)
    dated_of: dict[str, list[Draft]] = defaultdict(list)
    for o in out:
        if o.dated:
            dated_of[o.place.id].append(o)
    gone: set[int] = set()
    for d in out:
        if not d.dated:
            dated = dated_of.get(d.place.id, ())
            if len(dated) == 1:
                absorb(dated[0], d)
                gone.add(id(d))
    return [d for d in out if id(d) not in gone]


def _parts_into_cities(out: list[Draft]) -> list[Draft]:
    """A part of a city and the city itself on the same day are one strike.

    A district, neighbourhood or port: the strike is on the city, the part
    kept in the note.
    """
    parts = [d for d in out if city_part(d.place)]
    if not parts:
        return out  # no part of a city: the index of cities is not built
    cities_in: dict[str, list[Draft]] = defaultdict(list)
    for o in out:
        if o.place.kind == "settlement" and o.place.population >= 50_000:
            cities_in[o.place.admin1_code].append(o)
    gone: set[int] = set()
    for d in parts:
        cities = [
            o
            for o in cities_in.get(d.place.admin1_code, ())
            if o is not d and km(o.place, d.place) <= 15.0 and overlap(o, d)
        ]
        if cities:
            city = min(cities, key=lambda o: km(o.place, d.place))
            absorb(city, d)
            city.note = "; ".join(x for x in (city.note, d.place.name) if x)
            gone.add(id(d))
    return [d for d in out if id(d) not in gone]


def _area_into_place(out: list[Draft], level: str) -> list[Draft]:
    """An area's draft and the one smaller place reported in it that day are one.

    A hromada-, raion- or oblast-level draft: the article cannot tell them
    apart.  A hromada's smaller place must be in it (the gazetteer's
    membership, or its centre), not merely in its raion.
    """
    areas = [d for d in out if d.place.kind == level]
    if not areas:
        return out  # no draft of this level: the index below is not built
    rank = LEVEL_OF_KIND[level]
    below: dict[tuple[str, str | None], list[Draft]] = defaultdict(list)
    for o in out:
        if LEVEL_OF_KIND.get(o.place.kind, 0) < rank:
            a2 = None if level == "oblast" else o.place.admin2_code
            below[(o.place.admin1_code, a2)].append(o)
    gone: set[int] = set()
    for d in areas:
        a2 = None if level == "oblast" else d.place.admin2_code
        local = []
        for o in below.get((d.place.admin1_code, a2), ()):
            if level == "hromada" and not _in_hromada(o.place, d.place):
                continue  # another hromada's settlement of the raion
            if overlap(o, d):
                local.append(o)
                if len(local) > 1:
                    break  # more than one: the article tells them apart
        if len(local) == 1:
            absorb(local[0], d)
            gone.add(id(d))
        elif local and level == "oblast":
            # an oblast the article reports strikes in, place by place: its
            # own draft is a summary of them (a headline, a day's total)
            gone.add(id(d))
    return [d for d in out if id(d) not in gone]


def _in_hromada(place: Place, hromada: Place) -> bool:
    """Whether a place belongs to a hromada: its member or its centre."""
    return place.parent == hromada.id or hromada.parent == place.id


def city_part(place: Place) -> bool:
    """Whether a place is part of a city (a district, a neighbourhood, a port)."""
    return (
        place.kind == "district"
        or (place.kind == "settlement" and place.feature_code == "PPLX")
        or (place.kind == "feature" and place.feature_code in ("PRT", "RSTN"))
    )


def to_reports(
    article: Article,
    drafts: Iterable[Draft],
    actors: Iterable[str] | None = None,
) -> tuple[Report, ...]:
    """The reports of an article, one per draft.

    Parameters
    ----------
    article : Article
        The article.
    drafts : iterable of Draft
        Its combined drafts.
    actors : iterable of str, optional
        The side that fired, per draft (see :mod:`geo.extract.actor`);
        ``"unknown"`` for each when not given.

    Returns
    -------
    tuple of Report
    """
    drafts = list(drafts)
    sides = list(actors) if actors is not None else ["unknown"] * len(drafts)
    if len(sides) != len(drafts):
        raise ValueError(f"{len(drafts)} drafts but {len(sides)} actors")
    art_id, url, published, lang = (
        article.id,
        article.url,
        article.published,
        article.lang,
    )
    out = []
    for d, side in zip(drafts, sides, strict=True):
        weapons, targets, launched = d.weapons, d.targets, d.launched
        # the fields in their order, passed by position: 18 keywords take
        # about as long to read as the quick_init __init__ takes to set them
        # (tests/test_speed_attr3.py compares it with the keyword form); a
        # set of none or one is in order already
        out.append(
            Report(
                art_id,  # article
                url,  # url
                published,  # published
                d.place,  # place
                PRECISION_OF_KIND.get(d.place.kind, "settlement"),  # precision
                d.date,  # date
                d.date_precision if d.date else "unknown",  # date_precision
                d.window,  # window
                d.killed,  # killed
                d.injured,  # injured
                tuple(sorted(weapons)) if len(weapons) > 1 else tuple(weapons),
                tuple(sorted(targets)) if len(targets) > 1 else tuple(targets),
                tuple(sorted(launched.items())) if launched else (),  # launched
                tuple(d.evidence.values()),  # evidence
                d.note,  # note
                round(d.confidence, 3),  # confidence
                lang,  # lang
                side,  # actor
            )
        )
    return tuple(out)
