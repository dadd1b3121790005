"""Disambiguation: which of the places a name may denote is meant.

The rules, in order of strength:

1. **A named oblast in context wins.** A candidate in an oblast named in the
   same sentence ("Rubizhne, Kharkiv region", "Pokrovsk in Donetsk Oblast")
   gets a large bonus; one in an oblast named elsewhere in the article a small
   one.
2. **Name quality**: a place's own name (or a region form) beats another
   place's alternate or Russian-derived spelling. A former or other name
   (``Chornobyl`` among the names of Lazurnyi, a village once so called) never
   beats another place's official current name (or a spelling of it), however
   big its place: it scores :data:`FORMER_SCORE` or :data:`OTHER_SCORE`
   whatever the population, so only context (its oblast named around it, "the
   city of") can make it win. Against a city's official name (one of
   :data:`BIG_CITY` people or more) the oblast is not enough context: the
   place's raion must be named too (``Слов'янськ`` in a text naming
   Dnipropetrovsk oblast is still Sloviansk, not Nikopol, once so called).
3. **Population** (log scale) and **feature rank** (the capital, oblast
   centres, raion centres, towns, villages) weigh the rest.

A region phrase ("Kharkiv region", "Donetsk Oblast") is indexed only under the
oblast, so it never resolves to the capital city.  Every answer carries a
confidence and the ranked alternatives, each with a confidence on the same
scale (:func:`confidence`).
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from gazetteer.records import Candidate, Place, Resolution

__all__ = [
    "score",
    "rank",
    "choose",
    "confidence",
    "SENTENCE_BONUS",
    "ARTICLE_BONUS",
    "FORMER_SCORE",
    "OTHER_SCORE",
    "BIG_CITY",
]

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
    "o": 1.0,
}
#: Tier of a name: 0 a current name or a spelling of one, 1 a former name
#: (``renamed_places.tsv``), 2 another name (an alternate that is no spelling of
#: the place's current name). A lower tier wins unless context backs the other.
_TIER = {"f": 1, "o": 2}
#: Score of a place named by a former name that a current name outranks (plus
#: its context bonus): below the lowest a current name or a spelling of one can
#: score (a hamlet's alternate, 0.3 * 1.0 + 0 + 1.0), whatever the place's size.
FORMER_SCORE = 1.0
#: Score of a place named by another of its names that a current or a former
#: name outranks (plus its context bonus).
OTHER_SCORE = 0.5
_FLAT = (0.0, FORMER_SCORE, OTHER_SCORE)
# GeoNames feature codes are uneven for towns (Sloviansk, 105,000 people, is a
# plain PPL), so rank weighs less than population once that is known.
_RANK_WEIGHT = 0.3
#: Bonus for a candidate in an oblast named in the same sentence.
SENTENCE_BONUS = 6.0
#: A settlement of this many people is a city whose official name an oblast
#: named around it cannot make another place's former or other name beat.
BIG_CITY = 100_000
#: Bonus for a candidate in an oblast named elsewhere in the article.
ARTICLE_BONUS = 1.5


def score(place: Place, quality: str = "p") -> float:
    """Context-free score of ``place`` as the meaning of a name.

    This is the score of the place alone; :func:`rank` lowers a former or
    other name to :data:`FORMER_SCORE` or :data:`OTHER_SCORE` when another
    place's current name competes with it.

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
    return _base(place) + _QUALITY_BONUS.get(quality, 0.0)


_BASE: dict[str, float] = {}  # the context-free part of a place's score


def _base(place: Place) -> float:
    """The part of :func:`score` that depends on the place alone (cached by id)."""
    base = _BASE.get(place.id)
    if base is None:
        if place.kind == "settlement":
            rank_ = _CODE_RANK.get(place.feature_code, 3.0)
        else:
            rank_ = _KIND_RANK.get(place.kind, 3.0)
        base = _BASE[place.id] = _RANK_WEIGHT * rank_ + math.log10(place.population + 1)
    return base


def rank(
    entries: Iterable[tuple[Place, str]],
    context: Mapping[str, float] | None = None,
    *,
    kind: str | None = None,
) -> list[Candidate]:
    """Rank candidate places, best first.

    A place named by a former name (quality ``f``) ranks below every place
    whose official current name it is (:attr:`Place.official`), whatever their
    sizes, unless the context backs it: its bonus from context exceeds theirs
    ("Chornobyl" is the town in Kyiv oblast; "Chornobyl, Donetsk region" the
    village once so named). A place named by another name (quality ``o``)
    ranks so below those and below the former names.

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
    if not kind and type(entries) is tuple:
        if len(entries) == 1:
            return _rank_one(entries[0], context)
        if len(entries) >= _PREPARE_FROM:
            prepared = _prepared(entries)
            ranked = None if prepared is None else prepared.rank(context)
            if ranked is not None:
                return ranked
        else:
            ranked = _free_ranking(entries, context)
            if ranked is not None:
                return ranked
    return _rank_all(entries, context, kind)


def _rank_all(
    entries: Iterable[tuple[Place, str]],
    context: Mapping[str, float] | None,
    kind: str | None,
) -> list[Candidate]:
    """:func:`rank`, candidate by candidate."""
    # place id -> (tier, score, context bonus, why, place)
    best: dict[str, tuple[int, float, float, str, Place]] = {}
    lower_tiers = False
    # score() inlined (its cached base plus the quality bonus): this loop runs
    # for every candidate of every mention
    bases = _BASE
    for place, quality in entries:
        if kind and place.kind != kind:
            continue
        base = bases.get(place.id)
        if base is None:
            base = _base(place)
        s = base + _QUALITY_BONUS.get(quality, 0.0)
        b, why = _bonus(place, context) if context else (0.0, "rank")
        tier = _TIER.get(quality, 0)
        if tier:
            lower_tiers = True
        old = best.get(place.id)
        if old is None or (tier, -(s + b)) < (old[0], -old[1]):
            best[place.id] = (tier, s + b, b, why, place)
    if lower_tiers:
        # the context bonus a candidate must exceed to be ranked on its merits:
        # the highest of the candidates of a better tier (of an official name,
        # for the current names: an outdated GeoNames name does not count)
        above = [float("-inf")] * 3
        for tier, _, b, _, place in best.values():
            if tier or place.official:
                _raise_bars(above, tier, b, place)
        for pid, (tier, _, b, why, place) in best.items():
            if tier and b <= above[tier]:
                best[pid] = (tier, _FLAT[tier] + b, b, why, place)
    if len(best) == 1:
        ((_, s, _, why, place),) = best.values()
        return [Candidate(place, round(s, 3), why)]
    # order: score (rounded, as the candidates show it), then population, then
    # id (unique: ``best`` is keyed by it), so the places are never compared
    order = sorted(
        (-round(s, 3), -place.population, place.id, why, place)
        for _, s, _, why, place in best.values()
    )
    return [Candidate(place, -ns, why) for ns, _, _, why, place in order]


def _raise_bars(above: list[float], tier: int, b: float, place: Place) -> None:
    """Raise the bars of the tiers below ``tier`` to a candidate's bonus ``b``.

    ``above[t]`` is the context bonus a candidate of tier ``t`` must exceed
    to be ranked on its merits (see :func:`_rank_all`): the highest bonus of
    the candidates of a better tier that count (of an official name, for
    the current names; the caller checks).
    """
    # a city's official name ("Слов'янськ", 105,000 people) is not beaten by
    # another place's old name (Nikopol's, 1780-82) on its oblast alone: that
    # place's raion must be named too
    if tier == 0 and place.kind == "settlement" and place.population >= BIG_CITY:
        b += SENTENCE_BONUS
    for t in range(tier + 1, 3):
        above[t] = max(above[t], b)


def _bonus(place: Place, context: Mapping[str, float]) -> tuple[float, str]:
    """The context bonus of ``place`` and why, as :func:`rank` adds it up."""
    why = "rank"
    b = 0.0
    bonus = context.get(place.admin1_code, 0.0)
    if bonus:
        b += bonus
        why = "oblast in context"
    if place.admin2_code and place.kind != "raion":
        bonus = context.get(place.admin2_code, 0.0)
        if bonus:
            b += bonus
            why = "raion in context"
    village = context.get("village", 0.0)
    if village and place.population < 100_000:
        b += village
    city = context.get("city", 0.0)
    if city and place.kind == "settlement":
        b += city
    return b, why


def _rank_one(
    entry: tuple[Place, str], context: Mapping[str, float] | None
) -> list[Candidate]:
    """:func:`rank` of a single candidate.

    Its tier does not matter: with no other candidate nothing lowers it.
    """
    place, quality = entry
    base = _BASE.get(place.id)
    if base is None:
        base = _base(place)
    s = base + _QUALITY_BONUS.get(quality, 0.0)
    if not context:
        return [Candidate(place, round(s + 0.0, 3), "rank")]
    b, why = _bonus(place, context)
    return [Candidate(place, round(s + b, 3), why)]


#: Candidate lists this long are ranked from a sorted copy made once
#: (:class:`_Prepared`).
_PREPARE_FROM = 6


@dataclass(frozen=True)
class _Prepared:
    """A long candidate list, ranked once per value of "village" and "city".

    A context changes the score of the candidates in an oblast or raion it
    names ("moved") and, when it says "village" or "city" (those keys), of
    the candidates those words favour. The list is ranked once with only the
    latter (the ranking with no context, or with those keys alone: a
    "variant"); the moved candidates are then taken out of it and put back
    where their new score puts them (the order key, score, population and
    id, is unique, as the ids are). That is :func:`rank` exactly when no
    candidate moves (the variant itself, whatever the names), or, in a list
    where no candidate is named by a former or other name only, when no
    bonus is negative. In a list where one is (a candidate of tier 1 or 2,
    lowered when its bonus is at most the bar of its tier, see
    :func:`_rank_all`), the candidates whose lowering changes are re-placed
    too (:meth:`_moved_in_tiers`), when no moved candidate's bonus is below
    its bonus in the variant. Otherwise :meth:`rank` gives ``None``, and the
    list is ranked in full.
    """

    entries: tuple[tuple[Place, str], ...]
    scores: dict[str, float]  # place id -> its unrounded score before lowering
    tiers: dict[str, int]  # place id -> its tier (0: a current name)
    by_code: dict[str, tuple[str, ...]]  # oblast or raion code -> place ids
    # (village, city) -> the order keys (-score, -population, id), sorted, the
    # candidates ranked with that context alone, and each place id's position
    # in that ranking
    variants: dict[
        tuple[float, float],
        tuple[list[tuple[float, int, str]], list[Candidate], dict[str, int]],
    ]
    #: whether a candidate is named by a former or other name only (tier 1 or 2)
    tiered: bool = False
    # (village, city) -> the bar of each tier, each place's bonus and whether
    # each tiered candidate is lowered, in that variant (see _bars)
    bars: dict[
        tuple[float, float], tuple[list[float], dict[str, float], dict[str, bool]]
    ] = field(default_factory=dict)

    def rank(self, context: Mapping[str, float] | None) -> list[Candidate] | None:
        if not context:
            return list(self._variant(0.0, 0.0)[1])
        village = context.get("village", 0.0)
        city = context.get("city", 0.0)
        by_code = self.by_code
        moved: set[str] = set()
        for code, bonus in context.items():
            if bonus and code in by_code:
                moved.update(by_code[code])
        keys, ranked, position = self._variant(village, city)
        if not moved:
            # every candidate's bonus is its bonus in the variant's context
            # (no oblast or raion of one is named): the variant, whatever
            # the tiers
            return list(ranked)
        if self.tiered:
            changed = self._moved_in_tiers(context, village, city, moved)
            return None if changed is None else _replace(keys, ranked, changed)
        # the moved candidates, found by their positions (each place is ranked
        # once), are taken out and put back where their new score puts them:
        # no walk over the whole list
        new = []
        for i in sorted([position[pid] for pid in moved]):
            place = ranked[i].place
            b, why = _bonus(place, context)
            if b < 0:
                return None
            score = round(self.scores[place.id] + b, 3)
            new.append((i, Candidate(place, score, why)))
        return _replace(keys, ranked, new)

    def _moved_in_tiers(
        self,
        context: Mapping[str, float],
        village: float,
        city: float,
        moved: set[str],
    ) -> list[tuple[int, Candidate]] | None:
        """The candidates whose place in the variant ``context`` changes, re-scored.

        For a list with a former or other name (a candidate of tier 1 or 2):
        each candidate of a lower tier is lowered when its bonus is at most
        the bar of its tier, the highest bonus of the candidates of a better
        tier that count (:func:`_raise_bars`). The moved candidates' bonuses
        only add the codes' to their bonus in the variant (None otherwise:
        ranked in full), so a bar only rises: it is the variant's bar raised
        to the moved candidates' new bonuses, and an unmoved candidate of a
        lower tier changes only when it is now lowered and was not. Those and
        the moved candidates are re-scored as :func:`_rank_all` scores them,
        with their positions in the variant.
        """
        keys, ranked, position = self._variant(village, city)
        bars, bonuses, lowered = self._bars(village, city)
        above = list(bars)
        tiers = self.tiers
        moved_bonus: dict[str, tuple[float, str]] = {}
        for pid in moved:
            place = ranked[position[pid]].place
            b, why = _bonus(place, context)
            if b < bonuses[pid]:
                return None  # a negative bonus: a bar could fall
            moved_bonus[pid] = (b, why)
            tier = tiers[pid]
            if tier or place.official:
                _raise_bars(above, tier, b, place)
        changed = set(moved)
        for pid, was_lowered in lowered.items():
            if (
                not was_lowered
                and pid not in moved
                and bonuses[pid] <= above[tiers[pid]]
            ):
                changed.add(pid)  # lowered now: a bar rose past its bonus
        out = []
        for i in sorted([position[pid] for pid in changed]):
            place = ranked[i].place
            pid = place.id
            b, why = moved_bonus.get(pid) or _bonus(place, context)
            tier = tiers[pid]
            score = self.scores[pid] + b
            if tier and b <= above[tier]:
                score = _FLAT[tier] + b
            out.append((i, Candidate(place, round(score, 3), why)))
        return out

    def _bars(
        self, village: float, city: float
    ) -> tuple[list[float], dict[str, float], dict[str, bool]]:
        """The variant's bars, each place's bonus in it, and which tiered are lowered.

        Made once per variant, as :func:`_rank_all` makes them in the
        variant's context: the bar of each tier (:func:`_raise_bars`), the
        context bonus of each place (by id) and, for each candidate of tier
        1 or 2, whether it is lowered.
        """
        found = self.bars.get((village, city))
        if found is None:
            _, ranked, _ = self._variant(village, city)
            context = {"village": village, "city": city} if village or city else None
            tiers = self.tiers
            above = [float("-inf")] * 3
            bonuses: dict[str, float] = {}
            for c in ranked:
                place = c.place
                b = _bonus(place, context)[0] if context else 0.0
                bonuses[place.id] = b
                tier = tiers[place.id]
                if tier or place.official:
                    _raise_bars(above, tier, b, place)
            lowered = {
                pid: bonuses[pid] <= above[tier] for pid, tier in tiers.items() if tier
            }
            if len(self.bars) > 8:
                self.bars.clear()
            found = self.bars[village, city] = (above, bonuses, lowered)
        return found

    def _variant(
        self, village: float, city: float
    ) -> tuple[list[tuple[float, int, str]], list[Candidate], dict[str, int]]:
        """The ranking with only "village" and "city" in context (made once)."""
        variant = self.variants.get((village, city))
        if variant is None:
            if len(self.variants) > 8:
                self.variants.clear()
            context = {"village": village, "city": city} if village or city else None
            ranked = _rank_all(self.entries, context, None)
            keys = [(-c.score, -c.place.population, c.place.id) for c in ranked]
            position = {c.place.id: i for i, c in enumerate(ranked)}
            variant = self.variants[village, city] = (keys, ranked, position)
        return variant


def _replace(
    keys: list[tuple[float, int, str]],
    ranked: list[Candidate],
    new: list[tuple[int, Candidate]],
) -> list[Candidate]:
    """``ranked`` with the candidates at the positions of ``new`` re-placed.

    ``keys`` are the order keys of ``ranked`` (-score, -population, id),
    sorted; ``new`` gives, in the order of their positions, the candidates
    whose score changed. They are taken out and put back where their new
    score puts them (the keys are unique, as the ids are).
    """
    keys = list(keys)
    out = list(ranked)
    for i, _ in reversed(new):
        del keys[i], out[i]
    for _, candidate in new:
        key = (-candidate.score, -candidate.place.population, candidate.place.id)
        i = bisect_left(keys, key)
        keys.insert(i, key)
        out.insert(i, candidate)
    return out


# id of an entries tuple -> (the tuple, its _Prepared, or None when the tuple
# was seen once); the tuple is kept so that its id is not reused while the
# entry lives
_PREPARED: dict[int, tuple[tuple, _Prepared | None]] = {}


def _prepared(entries: tuple) -> _Prepared | None:
    """The :class:`_Prepared` ranking of ``entries`` (None the first time).

    Made once per candidate tuple, the second time it is ranked: the matcher
    hands out one tuple per name, but a list it narrowed (to one oblast, one
    city's districts) is a new tuple, often ranked once.
    """
    hit = _PREPARED.get(id(entries))
    if len(_PREPARED) > 20_000:
        _PREPARED.clear()
    if hit is None or hit[0] is not entries:
        _PREPARED[id(entries)] = (entries, None)
        return None
    if hit[1] is not None:
        return hit[1]
    # each place's best (tier, score) as _rank_all picks it with a bonus
    # that is the same for all its names
    best: dict[str, tuple[int, float]] = {}
    by_code: dict[str, set[str]] = {}
    for place, quality in entries:
        base = _BASE.get(place.id)
        if base is None:
            base = _base(place)
        s = base + _QUALITY_BONUS.get(quality, 0.0)
        tier = _TIER.get(quality, 0)
        old = best.get(place.id)
        if old is None or (tier, -s) < (old[0], -old[1]):
            best[place.id] = (tier, s)
        by_code.setdefault(place.admin1_code, set()).add(place.id)
        if place.admin2_code and place.kind != "raion":
            by_code.setdefault(place.admin2_code, set()).add(place.id)
    prepared = _Prepared(
        entries=entries,
        scores={pid: s for pid, (_, s) in best.items()},
        tiers={pid: tier for pid, (tier, _) in best.items()},
        by_code={code: tuple(sorted(ids)) for code, ids in by_code.items()},
        variants={},
        tiered=any(tier for tier, _ in best.values()),
    )
    _PREPARED[id(entries)] = (entries, prepared)
    return prepared


# id of a short entries tuple -> (the tuple, the oblast and raion codes of its
# candidates or None, its ranking with no context or None); the tuple is kept
# so that its id is not reused while the entry lives
_FREE: dict[int, tuple[tuple, frozenset[str] | None, list[Candidate] | None]] = {}


def _free_ranking(
    entries: tuple, context: Mapping[str, float] | None
) -> list[Candidate] | None:
    """The ranking of a short list when ``context`` moves none of its candidates.

    A context that names neither the oblast nor the raion of any candidate
    and says neither "village" nor "city" gives every candidate the bonus
    0 and the reason "rank" (:func:`_bonus`), as no context does: the list
    ranks as with no context, which is made once per candidate tuple (the
    matcher hands out one tuple per name) and copied. None the first time a
    tuple is seen (a tuple the matcher narrowed is new, often ranked once)
    and for a context that moves a candidate: the list is then ranked in
    full.
    """
    hit = _FREE.get(id(entries))
    if hit is None or hit[0] is not entries:
        if len(_FREE) > 20_000:
            _FREE.clear()
        _FREE[id(entries)] = (entries, None, None)
        return None
    _, codes, ranked = hit
    if codes is None:
        codes = frozenset(
            [p.admin1_code for p, _ in entries]
            + [p.admin2_code for p, _ in entries if p.admin2_code]
        )
    if context and (
        context.get("village")
        or context.get("city")
        or any(context.get(code) for code in codes)
    ):
        if hit[1] is None:
            _FREE[id(entries)] = (entries, codes, ranked)
        return None
    if ranked is None:
        ranked = _rank_all(entries, None, None)
    if hit[1] is None or hit[2] is None:
        _FREE[id(entries)] = (entries, codes, ranked)
    return list(ranked)


def confidence(margin: float) -> float:
    """How sure a choice is, from 0 to 1, given its score's margin over a rival.

    The distribution function of a standard Laplace law: 0.5 at a tie, towards
    1 as the margin grows, towards 0 as it falls below the rival's score
    (``confidence(-m) == 1 - confidence(m)``). :func:`choose` gives the best
    candidate ``confidence(best - runner-up)`` and each alternative
    ``confidence(alternative - best)``, so all are on one scale and the best's
    is never below an alternative's.

    Parameters
    ----------
    margin : float
        Score of the choice minus the score of its strongest rival
        (:attr:`Candidate.score` units).

    Returns
    -------
    float
        Rounded to 3 decimals.
    """
    if margin >= 0:
        return round(1.0 - 0.5 * math.exp(-margin), 3)
    return round(0.5 * math.exp(margin), 3)


def choose(query: str, candidates: list[Candidate]) -> Resolution | None:
    """Turn ranked candidates into a :class:`Resolution`.

    The confidence grows with the margin between the best and the runner-up
    (:func:`confidence`); a runner-up in the same oblast and within 5 km (the
    same place twice, e.g. a power plant from two sources) does not lower it.
    The resolution keeps the best's score, so the alternatives can be put on
    the same scale (:attr:`Resolution.alternative_confidences`).
    """
    if not candidates:
        return None
    top = candidates[0]
    if len(candidates) == 1:
        return Resolution(query, top.place, _NO_RIVAL, "only candidate", (), top.score)
    rival = next(
        (
            c
            for c in candidates[1:]
            if not (
                c.place.admin1_code == top.place.admin1_code
                and abs(c.place.lat - top.place.lat) < 0.05
                and abs(c.place.lon - top.place.lon) < 0.07
            )
        ),
        None,
    )
    margin = top.score - rival.score if rival is not None else _NO_RIVAL_MARGIN
    return Resolution(
        query,
        top.place,
        confidence(max(margin, 0.0)),
        top.why
        if rival is not None
        else ("only candidate" if len(candidates) == 1 else top.why),
        tuple(candidates[1:]),
        top.score,
    )


# the margin of a choice with no rival (0.999 confident)
_NO_RIVAL_MARGIN = 6.0
_NO_RIVAL = confidence(_NO_RIVAL_MARGIN)
