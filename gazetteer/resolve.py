"""Disambiguation: which of the places a name may denote is meant.

The rules, in order of strength:

1. **A named oblast in context wins.** A candidate in an oblast named in the
   same sentence ("Rubizhne, Kharkiv region", "Pokrovsk in Donetsk Oblast")
   gets a large bonus; one in an oblast named elsewhere in the article a small
   one.
2. **Name quality**: a place's own name (or a region form, a curated former
   name) beats another place's alternate or Russian-derived spelling.
3. **Population** (log scale) and **feature rank** (the capital, oblast
   centres, raion centres, towns, villages) weigh the rest.

A region phrase ("Kharkiv region", "Donetsk Oblast") is indexed only under the
oblast, so it never resolves to the capital city.  Every answer carries a
confidence and the ranked alternatives.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

from gazetteer.records import Candidate, Place, Resolution

__all__ = ["score", "rank", "choose", "SENTENCE_BONUS", "ARTICLE_BONUS"]

_CODE_RANK = {
    "PPLC": 10.0,
    "PPLA": 9.0,
    "PPLA2": 7.0,
    "PPLA3": 5.5,
    "PPLA4": 5.0,
    "PPL": 4.0,
    "PPLX": 3.5,
    "PPLL": 3.0,
    "PPLS": 3.0,
    "PPLF": 2.0,
    "PPLQ": 1.5,
    "PPLH": 1.5,
    "PPLW": 1.0,
}
_KIND_RANK = {
    "oblast": 8.5,
    "raion": 6.5,
    "hromada": 5.5,
    "district": 6.0,
    "feature": 6.0,
}
_QUALITY_BONUS = {
    "p": 3.0,
    "g": 3.0,
    "s": 2.5,
    "f": 2.0,
    "t": 1.5,
    "a": 1.0,
    "r": 1.5,
}
# GeoNames feature codes are uneven for towns (Sloviansk, 105,000 people, is a
# plain PPL), so rank weighs less than population once that is known.
_RANK_WEIGHT = 0.3
#: Bonus for a candidate in an oblast named in the same sentence.
SENTENCE_BONUS = 6.0
#: Bonus for a candidate in an oblast named elsewhere in the article.
ARTICLE_BONUS = 1.5


def score(place: Place, quality: str = "p") -> float:
    """Context-free score of ``place`` as the meaning of a name.

    Parameters
    ----------
    place : Place
        The candidate.
    quality : str
        How the name matched (a code of :data:`gazetteer.store.QUALITY`).

    Returns
    -------
    float
        Higher is more likely.
    """
    base = _BASE.get(place.id)
    if base is None:
        if place.kind == "settlement":
            rank_ = _CODE_RANK.get(place.feature_code, 3.0)
        else:
            rank_ = _KIND_RANK.get(place.kind, 3.0)
        base = _BASE[place.id] = _RANK_WEIGHT * rank_ + math.log10(place.population + 1)
    return base + _QUALITY_BONUS.get(quality, 0.0)


_BASE: dict[str, float] = {}  # the context-free part of a place's score


def rank(
    entries: Iterable[tuple[Place, str]],
    context: Mapping[str, float] | None = None,
    *,
    kind: str | None = None,
) -> list[Candidate]:
    """Rank candidate places, best first.

    Parameters
    ----------
    entries : iterable of (Place, str)
        Candidates with the quality code of the name that matched them.
    context : mapping of str to float, optional
        Bonus per ISO 3166-2 code for oblasts named around the name
        (use :data:`SENTENCE_BONUS` and :data:`ARTICLE_BONUS`), per raion
        p-code (``"UA6312"``) for raions named there, under ``"village"``
        for places below 100,000 people when the text says "the village of",
        and under ``"city"`` for settlements when it says "the city of".
    kind : str, optional
        Keep only candidates of this kind.

    Returns
    -------
    list of Candidate
        Deterministic order: score, then population, then id.
    """
    best: dict[str, Candidate] = {}
    for place, quality in entries:
        if kind and place.kind != kind:
            continue
        s = score(place, quality)
        why = "rank"
        if context:
            bonus = context.get(place.admin1_code, 0.0)
            if bonus:
                s += bonus
                why = "oblast in context"
            if place.admin2_code and place.kind != "raion":
                bonus = context.get(place.admin2_code, 0.0)
                if bonus:
                    s += bonus
                    why = "raion in context"
            if context.get("village", 0.0) and place.population < 100_000:
                s += context["village"]
            if context.get("city", 0.0) and place.kind == "settlement":
                s += context["city"]
        old = best.get(place.id)
        if old is None or s > old.score:
            best[place.id] = Candidate(place, round(s, 3), why)
    return sorted(
        best.values(),
        key=lambda c: (-c.score, -c.place.population, c.place.id),
    )


def choose(query: str, candidates: list[Candidate]) -> Resolution | None:
    """Turn ranked candidates into a :class:`Resolution`.

    The confidence grows with the margin between the best and the runner-up;
    a runner-up in the same oblast and within 5 km (the same place twice, e.g.
    a power plant from two sources) does not lower it.
    """
    if not candidates:
        return None
    top = candidates[0]
    rivals = [
        c
        for c in candidates[1:]
        if not (
            c.place.admin1_code == top.place.admin1_code
            and abs(c.place.lat - top.place.lat) < 0.05
            and abs(c.place.lon - top.place.lon) < 0.07
        )
    ]
    margin = top.score - rivals[0].score if rivals else 6.0
    confidence = round(1.0 - 0.5 * math.exp(-max(margin, 0.0)), 3)
    return Resolution(
        query=query,
        place=top.place,
        confidence=confidence,
        why=top.why
        if rivals
        else ("only candidate" if len(candidates) == 1 else top.why),
        alternatives=tuple(candidates[1:]),
    )
