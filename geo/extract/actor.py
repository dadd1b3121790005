"""Which side fired: the ``actor`` of a strike report (issue 13, rule 5).

The words are data (``geo/lang/<code>/actors.json``): a side's *claims* ("the
General Staff said its forces hit ..."), its *agents* (the subject or the
weapon of a strike: "Russian forces", "Ukrainian drones", "Russia launched",
"ворог", "ЗСУ", "наші воїни") and the phrases that say the side is *unknown*
("an unidentified drone").  :func:`stated_actor` reads one clause:

1. a claim names its side;
2. else the earliest agent does (the subject comes before its object:
   "Ukrainian forces struck Russian positions" is Ukraine), unless the
   agent is the source of the report ("Ukrainian forces said", "according
   to the Russian military");
3. else a phrase saying the side is unknown gives ``"unknown"``;
4. else the clause says nothing (``None``), and the caller reads the
   sentence, then the article (:func:`prevailing`).

Merging reports of one strike (:func:`geo.events.merge.merge_actors`): a
known side beats ``unknown``; sources that name both sides give ``unknown``
(they disagree, and no side is preferred).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from gazetteer import compiled
from geo.extract.cues import foreign_places
from geo.extract.lexicon import FastPattern
from geo.lang import Language, or_default

__all__ = ["ACTORS", "UNKNOWN", "abroad_clause", "prevailing", "stated_actor"]

#: The values of ``actor``: who fired, as the text says.
ACTORS: tuple[str, ...] = ("russia", "ukraine", "unknown")
#: The side is not stated (or sources disagree).
UNKNOWN = "unknown"

_START = r"(?<![\w'’ʼ-])"


@dataclass(frozen=True, slots=True)
class _Actors:
    """One language's actor words, compiled."""

    claims: FastPattern | None
    agents: FastPattern | None
    unknown: re.Pattern[str] | None
    source_after: re.Pattern[str] | None
    source_before: re.Pattern[str] | None
    sides: tuple[str, ...]
    inside: re.Pattern[str] | None = None
    stated: FastPattern | None = None


def _side_pattern(
    section: Mapping[str, Any], sides: tuple[str, ...], gap: str
) -> FastPattern | None:
    """One alternation, a named group ``s<i>`` per side of ``sides``.

    Searched through its prefilter (:class:`~geo.extract.lexicon.FastPattern`):
    the same matches, tried only where a side's words may start.
    """
    parts = []
    for i, side in enumerate(sides):
        frags = [f.replace("{gap}", gap) for f in section.get(side, ())]
        if frags:
            parts.append(rf"(?P<s{i}>{_START}(?:{'|'.join(frags)}))")
    return (
        FastPattern(compiled.compile("|".join(parts), re.IGNORECASE)) if parts else None
    )


def _any_pattern(raw: Mapping[str, Any], gap: str) -> FastPattern | None:
    """Every claim, agent and unknown phrase of every side, as one alternation.

    Where it finds nothing, none of the three patterns of :class:`_Actors`
    can match (each alternative is one of theirs, behind the same look-behind),
    so the clause states no side: one search instead of three.
    """
    frags = [
        f.replace("{gap}", gap)
        for key in ("claims", "agents")
        for words in raw.get(key, {}).values()
        for f in words
    ]
    frags += raw.get("unknown") or ()
    if not frags:
        return None
    return FastPattern(
        compiled.compile(_START + "(?:" + "|".join(frags) + ")", re.IGNORECASE)
    )


@cache
def _actors(lang: Language) -> _Actors:
    try:
        raw = lang.data("actors")
    except FileNotFoundError:
        return _Actors(None, None, None, None, None, ())
    inside = raw.get("inside_country")
    gap = raw.get("gap", "")
    sides = tuple(dict.fromkeys([*raw.get("agents", {}), *raw.get("claims", {})]))
    unknown = raw.get("unknown") or ()
    after = raw.get("source_after")
    before = raw.get("source_before")
    return _Actors(
        _side_pattern(raw.get("claims", {}), sides, gap),
        _side_pattern(raw.get("agents", {}), sides, gap),
        compiled.compile(_START + "(?:" + "|".join(unknown) + ")", re.I)
        if unknown
        else None,
        compiled.compile(after, re.I) if after else None,
        compiled.compile(before, re.I) if before else None,
        sides,
        compiled.compile(inside, re.I) if inside else None,
        _any_pattern(raw, gap),
    )


def _side(m: re.Match[str], sides: tuple[str, ...]) -> str:
    return sides[int((m.lastgroup or "s0")[1:])]


@lru_cache(maxsize=4096)
def _stated(text: str, lang: Language) -> str | None:
    g = _actors(lang)
    if g.stated is None or g.stated.search(text) is None:
        return None  # no claim, agent or unknown phrase: nothing below matches
    if g.claims is not None:
        m = g.claims.search(text)
        if m is not None:
            return _side(m, g.sides)
    if g.agents is not None:
        for m in g.agents.finditer(text):
            if g.source_after is not None and g.source_after.match(text, m.end()):
                continue  # "Ukrainian forces said ...": the source
            if g.source_before is not None and g.source_before.search(
                text, max(0, m.start() - 40), m.start()
            ):
                continue  # "according to the Russian military"
            return _side(m, g.sides)
    if g.unknown is not None and g.unknown.search(text):
        return UNKNOWN
    return None


def stated_actor(text: str, lang: Language | None = None) -> str | None:
    """The side a clause says fired, if it says.

    Parameters
    ----------
    text : str
        A clause or sentence that reports a strike.
    lang : Language, optional
        English by default; a language without ``actors.json`` states none.

    Returns
    -------
    str or None
        ``"russia"``, ``"ukraine"``, ``"unknown"`` (the text says the side is
        not known), or None (the text does not say).
    """
    return _stated(text, or_default(lang))


def abroad_clause(clause: str, lang: Language | None = None) -> bool:
    """Whether a clause speaks of a place abroad as where something happened.

    A foreign city or region ("the Belgorod region", "Kursk"), or a country
    after the language's ``inside_country`` words ("targets inside Russia");
    a country as a subject ("Russia launched") is not.

    Parameters
    ----------
    clause : str
        Part of a sentence.
    lang : Language, optional
        English by default.

    Returns
    -------
    bool
    """
    lang = or_default(lang)
    inside = _actors(lang).inside
    for f in foreign_places(clause, lang):
        if f.kind != "country":
            return True
        if inside is not None and inside.search(clause, max(0, f.start - 30), f.start):
            return True
    return False


def prevailing(actors: Iterable[str | None]) -> str | None:
    """The side an article's attack sentences name most (the first on a tie).

    What a report whose own sentences name no side falls back on: in an
    article about a Russian attack, "a drone hit a house in X" is Russia's.

    Parameters
    ----------
    actors : iterable of (str or None)
        The stated actors of the article's attack sentences, in text order.

    Returns
    -------
    str or None
        A known side, or None when no sentence names one.
    """
    known = [a for a in actors if a is not None and a != UNKNOWN]
    if not known:
        return None
    counts = Counter(known)
    top = max(counts.values())
    return next(a for a in known if counts[a] == top)
