"""Which words of a sentence state each place's weapons and targets (issue 13, rule 6).

An attribute belongs to the places whose clause states it: in "Glide bombs
kill two in Zaporizhzhia; Nikopol shelled" the glide bombs are Zaporizhzhia's
and the shelling Nikopol's.  A sentence is cut into clauses at the clause
breaks of its language (``mention_roles`` in ``geo/lang/<code>/roles.json``:
marks such as ";" and " — ", words such as "while", ", and").  A clause that
names struck places states the attributes of those places; a clause that
names none ("after a Russian drone hit a house") goes with the nearest
clause before it that names some (or, at the start of the sentence, the
first after it) -- unless it speaks of something else (a launch tally of
the whole attack, "Russia launched 93 drones and 4 missiles; Izmail and
Kryvyi Rih hit", or strikes abroad, "Ukrainian drones hit targets inside
Russia; Shostka left without power"), which goes to none.  A sentence
whose struck places are all in one clause, with no such clause, is read
whole.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable

from geo.extract.cues import clause_break_starts
from geo.lang import Language

__all__ = ["attribute_scopes"]


def attribute_scopes(
    sentence: str,
    anchors: list[int],
    lang: Language | None = None,
    *,
    elsewhere: Callable[[str], bool] | None = None,
) -> list[str | None]:
    """The text each place's weapons and targets are read from.

    Parameters
    ----------
    sentence : str
        The sentence.
    anchors : list of int
        The offset in the sentence of each struck place's name.
    lang : Language, optional
        English by default.
    elsewhere : callable, optional
        Whether a clause that names no struck place speaks of something else
        (a launch tally, places abroad); such a clause goes to no place.

    Returns
    -------
    list of (str or None)
        One per anchor: its clause and the clauses with no place that go
        with it, joined by a space; None (the whole sentence) when all the
        anchors are in one clause.
    """
    if not anchors or (elsewhere is None and len(set(anchors)) < 2):
        return [None] * len(anchors)
    cuts = [0]
    # the clause breaks of mention_role, which has cut this sentence already
    for start in clause_break_starts(sentence, lang):
        if start > cuts[-1]:
            cuts.append(start)
    cuts.append(len(sentence))
    n = len(cuts) - 1
    clause_of = [max(0, min(n - 1, bisect_right(cuts, a) - 1)) for a in anchors]
    named = sorted(set(clause_of))
    owner: list[int | None] = []
    for c in range(n):  # the nearest named clause before, else the first after
        if (
            c not in named
            and elsewhere is not None
            and elsewhere(sentence[cuts[c] : cuts[c + 1]])
        ):
            owner.append(None)
            continue
        before = [k for k in named if k <= c]
        owner.append(before[-1] if before else named[0])
    if len(named) < 2 and None not in owner:
        return [None] * len(anchors)
    return [
        " ".join(sentence[cuts[c] : cuts[c + 1]] for c in range(n) if owner[c] == k)
        for k in clause_of
    ]
