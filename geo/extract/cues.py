"""Sentence- and mention-level cues: is this attack language, why is a place named.

- :func:`attack_cues` / :func:`cue_hits` find the words that report an attack
  (``attack``), what it left (``effect``: damage, fire, casualties) and air
  defence at work (``defence``).  An air-raid alert alone is not an attack.
- :func:`mention_role` says why a sentence names a place when it is not the
  place struck ("talks in Istanbul", "Kyiv has warned", "captured Pokrovsk",
  "west of Kyiv", "not to fire on Kyiv", ...), judging only the words of the
  mention's own clause.
- :func:`foreign_places` finds places outside Ukraine (Russia, Belarus, ...).

All word lists are in ``geo/data/lexicon.json`` (sections ``attack``,
``mention_roles``, ``outside_ukraine``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from geo.extract.lexicon import (
    ATTACK,
    LEXICON,
    OUTSIDE_UKRAINE,
    FastPattern,
    ForeignPlace,
    Hit,
    alternation,
    fragment,
)

__all__ = [
    "ROLES",
    "attack_cues",
    "cue_hits",
    "has_attack",
    "mention_role",
    "foreign_places",
    "foreign_place",
]

_SECTION = LEXICON["mention_roles"]
#: Every reason :func:`mention_role` may return, in the order they are tried.
ROLES: tuple[str, ...] = tuple(_SECTION["order"])

_WORD = re.compile(r"[\w'’\-]+")
_BREAKS = re.compile(
    "|".join(
        [
            "["
            + "".join(
                re.escape(m) for m in _SECTION["clause_break_marks"] if len(m) == 1
            )
            + "]",
            *(
                r"\s" + re.escape(m.strip()) + r"\s"
                for m in _SECTION["clause_break_marks"]
                if len(m) > 1
            ),
            r",?\s+(?:" + "|".join(_SECTION["clause_break_words"]) + r")\s",
            r",\s+(?:" + "|".join(_SECTION["clause_break_after_comma"]) + r")\s",
        ]
    ),
    re.IGNORECASE,
)
_BLOCKERS = re.compile(
    r"(?<!\w)" + alternation(_SECTION["gap_blockers"]) + r"(?!\w)", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class _Role:
    name: str
    rank: int
    max_gap: int
    gap_words: frozenset[str] | None
    allow_attack_nouns: bool
    not_after: re.Pattern[str] | None


def _role(rank: int, name: str, spec: Mapping[str, Any]) -> _Role:
    gap_words = spec.get("gap_words")
    not_after = spec.get("not_after")
    return _Role(
        name=name,
        rank=rank,
        max_gap=int(spec.get("max_gap", 0)),
        gap_words=frozenset(w.lower() for w in gap_words) if gap_words else None,
        allow_attack_nouns=bool(spec.get("allow_attack_nouns", False)),
        not_after=re.compile(fragment(not_after)) if not_after else None,
    )


def _combined(key: str, template: str) -> FastPattern:
    """One regex over every role's ``key`` triggers, a named group per role."""
    entries = [
        (name, p) for name in ROLES for p in _SECTION["roles"][name].get(key, ())
    ]
    return FastPattern.from_entries(entries, template)


_ROLE_SPECS = {n: _role(i, n, _SECTION["roles"][n]) for i, n in enumerate(ROLES)}
_BEFORE = _combined("before", r"(?<!\w){}")
_AFTER = _combined("after", r"\s*{}(?!\w)")
_CLAUSE = _combined("clause", r"(?<!\w){}(?!\w)")
_MAX_GAP = max(r.max_gap for r in _ROLE_SPECS.values())
_NOT_AFTER = tuple(r for r in _ROLE_SPECS.values() if r.not_after is not None)
_CLAUSE_RANK = min(
    r.rank for r in _ROLE_SPECS.values() if _SECTION["roles"][r.name].get("clause")
)


def _role_of(m: re.Match[str]) -> _Role:
    return _ROLE_SPECS[m.lastgroup.partition("__")[0]]


# -------------------------------------------------------------- attack cues


def cue_hits(sentence: str) -> tuple[Hit, ...]:
    """Return every attack-lexicon match in ``sentence``, with its class.

    Parameters
    ----------
    sentence : str
        One sentence.

    Returns
    -------
    tuple of Hit
        Classes ``"attack"`` (the act: struck, shelling, explosions, ...),
        ``"effect"`` (damaged, set on fire, killed, ...) and ``"defence"``
        (shot down, intercepted, ...), in text order.
    """
    return tuple(ATTACK.hits(sentence))


def attack_cues(sentence: str) -> tuple[str, ...]:
    """Return the attack cues of ``sentence``, lower-cased, in order, distinct.

    Every class counts (attack, effect, defence); use :func:`has_attack` or
    :func:`cue_hits` to require the act itself.  Air-raid alerts, "strike a
    deal", "hit a record", "attack drones" (as a noun phrase) and statements
    that nothing was damaged are not cues.

    Parameters
    ----------
    sentence : str
        One sentence.

    Returns
    -------
    tuple of str
        Empty when the sentence has no attack language.
    """
    seen: dict[str, None] = {}
    for hit in ATTACK.hits(sentence):
        seen.setdefault(" ".join(hit.text.lower().split()), None)
    return tuple(seen)


def has_attack(sentence: str) -> bool:
    """Tell whether ``sentence`` names an attack itself (class ``"attack"``).

    Parameters
    ----------
    sentence : str
        One sentence.

    Returns
    -------
    bool
    """
    return any(h.cls == "attack" for h in ATTACK.hits(sentence))


# ------------------------------------------------------------- mention role


# the same, matched case-sensitively on lower-cased text (several times faster)
_BREAKS_LOW = (
    _BREAKS
    if re.search(r"\\[A-Z]", _BREAKS.pattern)  # \S, \W: lower-casing would break it
    else re.compile(_BREAKS.pattern.lower())
)


@lru_cache(maxsize=512)
def _breaks(sentence: str) -> tuple[list[int], list[int]]:
    """The starts and the ends of the clause breaks of a sentence, in order."""
    low = sentence.lower()
    if len(low) != len(sentence):
        found = [m.span() for m in _BREAKS.finditer(sentence)]
    else:
        found = [m.span() for m in _BREAKS_LOW.finditer(low)]
    return [a for a, _ in found], [b for _, b in found]


def _clause(sentence: str, start: int, end: int) -> tuple[int, int]:
    """Return the bounds of the clause holding ``sentence[start:end]``.

    The breaks do not overlap, so their starts and ends are both in order: two
    binary searches, whatever the number of breaks and mentions.
    """
    starts, ends = _breaks(sentence)
    i = bisect_right(ends, start)  # breaks ending at or before the mention
    j = bisect_left(starts, end, i)  # the first starting at or after its end
    lo = ends[i - 1] if i else 0
    hi = starts[j] if j < len(starts) else len(sentence)
    return lo, hi


def _gap_ok(role: _Role, gap: str) -> bool:
    words = _WORD.findall(gap)
    if len(words) > role.max_gap:
        return False
    if role.gap_words is not None and any(
        w.lower() not in role.gap_words for w in words
    ):
        return False
    if words and _BLOCKERS.search(gap):
        return False
    if words and not role.allow_attack_nouns:
        if any(h.cls == "attack" for h in ATTACK.hits(gap)):
            return False
    return True


@lru_cache(maxsize=512)
def _clause_roles(sentence: str, lo: int, hi: int) -> tuple[_Role, ...]:
    """Clause-wide roles (forecast, alert) of a clause without attack words.

    Cached: every place named in one clause shares the answer.
    """
    found = tuple(_role_of(m) for m in _CLAUSE.finditer(sentence, lo, hi))
    if found and any(h.cls == "attack" for h in ATTACK.hits(sentence[lo:hi])):
        return ()
    return found


def mention_role(sentence: str, start: int, end: int) -> str | None:
    """Say why a sentence names the place at ``sentence[start:end]``.

    Only the words of the mention's clause are judged (clauses end at ``;``,
    dashes, quotes, and at "as", "after", "while", "but", ", and", ...).

    Parameters
    ----------
    sentence : str
        The sentence.
    start, end : int
        Offsets of the place mention in ``sentence``.

    Returns
    -------
    str or None
        None when nothing says the place is named for another reason than
        being struck; otherwise one of :data:`ROLES`:

        - ``"official"``: the place is in an official's title ("the mayor of
          Kharkiv", "Kyiv's military administration"): the sentence attributes
          a report and the place is legitimately the one it speaks of;
        - ``"name"``: part of another name (Dynamo Kyiv, Kyiv Independent,
          Dnipro River, Kyiv time, Kyiv-based);
        - ``"outside"``: named as in Russia or Belarus ("Russia's Kursk region");
        - ``"request"``: asked not to be attacked, a pause or truce over it;
        - ``"captured"``: captured, seized, advanced on, liberated, fell;
        - ``"launch_site"``: weapons launched from it;
        - ``"direction"``: a bearing or distance from it ("west of Kyiv",
          "30 km from Kharkiv"), or heading towards it;
        - ``"origin"``: people or reports from it ("evacuated from Kupiansk");
        - ``"talks"``: talks, a summit or meeting held there;
        - ``"visit"``: someone travelled there;
        - ``"statement"``: the place stands for its government ("Kyiv has
          warned", "Kyiv's allies", "the Kyiv regime");
        - ``"forecast"``: weather (only in a clause without attack verbs);
        - ``"alert"``: an air-raid alert there (idem).

    Examples
    --------
    >>> s = "Zhytomyr, west of Kyiv, was hit."
    >>> mention_role(s, 18, 22), mention_role(s, 0, 8)
    ('direction', None)
    """
    lo, hi = _clause(sentence, start, end)
    best: _Role | None = None
    blocked = [
        r
        for r in _NOT_AFTER
        if r.not_after is not None and r.not_after.match(sentence, end, hi)
    ]
    # triggers before the mention (overlapping matches are all seen)
    for m in _BEFORE.overlapping(sentence, max(lo, start - 80 - 16 * _MAX_GAP), start):
        role = _role_of(m)
        if role not in blocked and (best is None or role.rank < best.rank):
            if _gap_ok(role, sentence[m.end() : start]):
                best = role
    m = _AFTER.regex.match(sentence, end, hi)
    if m is not None:
        role = _role_of(m)
        if role not in blocked and (best is None or role.rank < best.rank):
            best = role
    if best is None or best.rank > _CLAUSE_RANK:
        # clause-wide roles (forecast, alert) hold only in a clause without
        # attack words; the attack lexicon is consulted only when one is found
        for role in _clause_roles(sentence, lo, hi):
            if best is None or role.rank < best.rank:
                best = role
    return best.name if best is not None else None


# ----------------------------------------------------------- foreign places


def foreign_places(text: str) -> tuple[ForeignPlace, ...]:
    """Return the places outside Ukraine named in ``text``, in order.

    Crimea and every occupied place are Ukraine and never returned;
    "Belgorod" never matches inside "Belgorod-Dnestrovsky".

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    tuple of ForeignPlace
    """
    return tuple(OUTSIDE_UKRAINE.find(text))


def foreign_place(name: str) -> ForeignPlace | None:
    """Return the foreign place a whole name denotes ("Rostov-on-Don"), or None.

    Parameters
    ----------
    name : str
        A place name as written.

    Returns
    -------
    ForeignPlace or None
    """
    return OUTSIDE_UKRAINE.lookup(name)
