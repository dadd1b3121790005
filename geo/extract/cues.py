"""Sentence- and mention-level cues: is this attack language, why is a place named.

- :func:`attack_cues` / :func:`cue_hits` find the words that report an attack
  (``attack``), what it left (``effect``: damage, fire, casualties) and air
  defence at work (``defence``).  An air-raid alert alone is not an attack.
- :func:`mention_role` says why a sentence names a place when it is not the
  place struck ("talks in Istanbul", "Kyiv has warned", "captured Pokrovsk",
  "west of Kyiv", "not to fire on Kyiv", ...), judging only the words of the
  mention's own clause.
- :func:`foreign_places` finds places outside Ukraine (Russia, Belarus, ...).

- :func:`discourse` compiles the cues that link sentences to places beyond
  their names ("the capital", generic statements, negation, "near").

No words here: they are in the language's ``lexicon.json`` (sections
``attack``, ``mention_roles``, ``outside_ukraine``) and ``discourse.json``
(``geo/lang/<code>/``); every function takes the :class:`~geo.lang.Language`,
English by default.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from gazetteer import compiled
from geo.extract.lexicon import (
    FOLDED,
    FastPattern,
    ForeignPlace,
    Hit,
    alternation,
    class_matcher,
    fragment,
    outside_matcher,
    prefilter,
    prefixes,
)
from geo.lang import Language, or_default

try:  # the regex parser, to read what every match of a discourse entry holds
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # Python 3.10
    import sre_parse as _sre_parse  # type: ignore[no-redef]

__all__ = [
    "Discourse",
    "Gated",
    "NOT_EVENT_ROLES",
    "attack_cues",
    "clause_break_starts",
    "cue_hits",
    "discourse",
    "has_attack",
    "mention_role",
    "foreign_places",
    "foreign_place",
    "roles",
]

#: Roles of a mention (see :func:`mention_role`) that make it no event.
NOT_EVENT_ROLES = frozenset(
    {
        "name",
        "outside",
        "request",
        "captured",
        "launch_site",
        "direction",
        "origin",
        "talks",
        "visit",
        "statement",
        "person",
        "forecast",
        "alert",
        "airspace",
    }
)

_WORD = compiled.compile(r"[\w'’\-]+")
# A digit other than 0-9: a prefilter's starts list only those (see
# geo.extract.lexicon.prefixes), so a text holding one is not prefiltered.
_OTHER_DIGIT = compiled.compile(r"[^\D0-9]")
# Text of these characters only (ASCII, Latin-1 but the micro sign, Cyrillic,
# general punctuation) holds neither a folded letter (FOLDED) nor a digit
# other than 0-9: one scan that answers both searches for most non-ASCII text
# (tests/test_speed_cues2.py checks every character of the class).
_PLAIN = compiled.compile(r"[\x00-\xb4\xb6-\xff\u0400-\u04ff\u2000-\u206f]*")


@dataclass(frozen=True, slots=True)
class _Role:
    name: str
    rank: int
    max_gap: int
    gap_words: frozenset[str] | None
    allow_attack_nouns: bool
    quiet_clause: bool
    not_after: re.Pattern[str] | None
    # ``not_after`` may run past the mention's clause, to the sentence end
    # ("visited Sumy, where a missile strike killed 35")
    not_after_sentence: bool = False


def _role(rank: int, name: str, spec: Mapping[str, Any]) -> _Role:
    gap_words = spec.get("gap_words")
    not_after = spec.get("not_after")
    return _Role(
        name=name,
        rank=rank,
        max_gap=int(spec.get("max_gap", 0)),
        gap_words=frozenset(w.lower() for w in gap_words) if gap_words else None,
        allow_attack_nouns=bool(spec.get("allow_attack_nouns", False)),
        quiet_clause=bool(spec.get("quiet_clause", False)),
        not_after=compiled.compile(fragment(not_after)) if not_after else None,
        not_after_sentence=spec.get("not_after_reach") == "sentence",
    )


def _break_kinds(section: Mapping[str, Any]) -> list[tuple[str, str]]:
    r"""The kinds of clause break, in order, each as its first character and the rest.

    Marks, and words after which a new clause starts: a match of a kind is one
    character of its lead (a one-character class) followed by a match of its
    rest.  ``,?\s+`` before the clause-break words is two kinds, one led by
    the comma (``\s+`` then) and one by a space (``\s*`` then): a comma and a
    space are never the same character.
    """
    marks = section["clause_break_marks"]
    singles = "".join(re.escape(m) for m in marks if len(m) == 1)
    words = "|".join(section["clause_break_words"])
    after_comma = "|".join(section["clause_break_after_comma"])
    return [
        ("[" + singles + "]", ""),
        *((r"\s", re.escape(m.strip()) + r"\s") for m in marks if len(m) > 1),
        (",", rf"\s+(?:{words})\s"),
        (r"\s", rf"\s*(?:{words})\s"),
        (",", rf"\s+(?:{after_comma})\s"),
    ]


def _breaks_regex(section: Mapping[str, Any]) -> re.Pattern[str]:
    """Where a clause ends: marks, and words after which a new clause starts.

    The same matches as the plain alternation of the kinds, each kind's lead
    then its rest, in order (``tests/clause_reference.py``): one character
    of any kind's lead, then, after a look-behind at that character for each
    lead, the rests of that lead's kinds in their order.  At any position only the
    kinds of one lead can match (the leads share no character), and those
    are tried in the same order as before, each matching where it did.  A
    pattern led by a character class (not a look-ahead, nor a branch) is one
    the regex engine scans for with that class, without entering the pattern
    at most characters; one look-behind per lead (not per kind) is then
    tested where it stops.
    """
    rests: dict[str, list[str]] = {}
    for lead, rest in _break_kinds(section):
        rests.setdefault(lead, []).append(rest)
    led = "|".join(f"(?<={lead})(?:{'|'.join(r)})" for lead, r in rests.items())
    marks = section["clause_break_marks"]
    singles = "".join(re.escape(m) for m in marks if len(m) == 1)
    return compiled.compile(rf"[{singles},\s](?:{led})", re.IGNORECASE)


class _Roles:
    """The mention-role rules of one language, compiled (see :func:`roles`)."""

    __slots__ = (
        "order",
        "specs",
        "before",
        "after",
        "clause",
        "max_gap",
        "not_after",
        "quiet",
        "clause_rank",
        "breaks",
        "breaks_low",
        "blockers",
        "attack",
        "after_first",
        "after_untold",
        "reach",
    )

    def __init__(self, lang: Language):
        section = lang.lexicon["mention_roles"]
        self.order: tuple[str, ...] = tuple(section["order"])
        self.specs = {
            n: _role(i, n, section["roles"][n]) for i, n in enumerate(self.order)
        }

        def listed(key: str) -> list[tuple[str, str]]:
            return [
                (name, p)
                for name in self.order
                for p in section["roles"][name].get(key, ())
            ]

        def combined(key: str, template: str) -> FastPattern:
            return FastPattern.from_entries(listed(key), template)

        self.before = combined("before", r"(?<!\w){}")
        self.after = combined("after", r"\s*{}(?!\w)")
        self.clause = combined("clause", r"(?<!\w){}(?!\w)")
        # The 'after' triggers whose starts can be told, by their prefilter
        # (without the leading spaces), and the others ("(?<=ОВА)", which
        # matches the empty string), by their own pattern: where neither
        # matches, the trigger pattern cannot (see _may_follow).  Which are
        # told is only a guess (prefixes, remembered: no compiling at start):
        # a wrong one leaves the told ones no prefilter, and the pattern is
        # then always tried, as it is with no told trigger.
        told: list[tuple[str, str]] = []
        untold: list[tuple[str, str]] = []
        for entry in listed("after"):
            tellable = prefixes(fragment(entry[1]), 1) is not None
            (told if tellable else untold).append(entry)
        self.after_first = (
            prefilter(FastPattern.from_entries(told, r"{}(?!\w)").regex)
            if told
            else None
        )
        self.after_untold = (
            FastPattern.from_entries(untold, r"\s*{}(?!\w)").regex if untold else None
        )
        self.max_gap = max(r.max_gap for r in self.specs.values())
        # how far before a mention its 'before' triggers are looked for
        self.reach = 80 + 16 * self.max_gap
        self.not_after = tuple(r for r in self.specs.values() if r.not_after)
        self.quiet = tuple(r for r in self.specs.values() if r.quiet_clause)
        self.clause_rank = min(
            r.rank
            for r in self.specs.values()
            if section["roles"][r.name].get("clause")
        )
        self.breaks = _breaks_regex(section)
        # the same, matched case-sensitively on lower-cased text (several times
        # faster); not when \S or \W would change meaning in lower case
        self.breaks_low = (
            self.breaks
            if re.search(r"\\[A-Z]", self.breaks.pattern)
            else compiled.compile(self.breaks.pattern.lower())
        )
        self.blockers = compiled.compile(
            r"(?<!\w)" + alternation(section["gap_blockers"]) + r"(?!\w)",
            re.IGNORECASE,
        )
        self.attack = class_matcher("attack", lang)

    def of(self, m: re.Match[str]) -> _Role:
        """The role a match of one of the combined triggers names."""
        return self.specs[(m.lastgroup or "").partition("__")[0]]


def roles(lang: Language | None = None) -> tuple[str, ...]:
    """Every reason :func:`mention_role` may return, in the order they are tried.

    Parameters
    ----------
    lang : Language, optional
        English by default.

    Returns
    -------
    tuple of str
    """
    return _rules(or_default(lang)).order


@cache
def _rules(lang: Language) -> _Roles:
    return _Roles(lang)


# -------------------------------------------------------------- attack cues


def cue_hits(sentence: str, lang: Language | None = None) -> tuple[Hit, ...]:
    """Return every attack-lexicon match in ``sentence``, with its class.

    Parameters
    ----------
    sentence : str
        One sentence.
    lang : Language, optional
        English by default.

    Returns
    -------
    tuple of Hit
        Classes ``"attack"`` (the act: struck, shelling, explosions, ...),
        ``"effect"`` (damaged, set on fire, killed, ...) and ``"defence"``
        (shot down, intercepted, ...), in text order.
    """
    return tuple(class_matcher("attack", lang).hits(sentence))


def attack_cues(sentence: str, lang: Language | None = None) -> tuple[str, ...]:
    """Return the attack cues of ``sentence``, lower-cased, in order, distinct.

    Every class counts (attack, effect, defence); use :func:`has_attack` or
    :func:`cue_hits` to require the act itself.  Air-raid alerts, "strike a
    deal", "hit a record", "attack drones" (as a noun phrase) and statements
    that nothing was damaged are not cues.

    Parameters
    ----------
    sentence : str
        One sentence.
    lang : Language, optional
        English by default.

    Returns
    -------
    tuple of str
        Empty when the sentence has no attack language.
    """
    seen: dict[str, None] = {}
    for hit in class_matcher("attack", lang).hits(sentence):
        seen.setdefault(" ".join(hit.text.lower().split()), None)
    return tuple(seen)


def has_attack(sentence: str, lang: Language | None = None) -> bool:
    """Tell whether ``sentence`` names an attack itself (class ``"attack"``).

    Parameters
    ----------
    sentence : str
        One sentence.
    lang : Language, optional
        English by default.

    Returns
    -------
    bool
    """
    return any(h.cls == "attack" for h in class_matcher("attack", lang).hits(sentence))


# ------------------------------------------------------------- mention role


def _breaks(sentence: str, rules: _Roles) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The starts and the ends of the clause breaks of a sentence, in order."""
    starts, ends, _ = _read(sentence, rules)
    return starts, ends


@lru_cache(maxsize=512)
def _read(
    sentence: str, rules: _Roles
) -> tuple[tuple[int, ...], tuple[int, ...], str | None]:
    """:func:`_breaks`, with the lower-cased sentence a prefilter may read.

    That is ``sentence.lower()`` when a prefilter can search it in place of
    the sentence (the same length, no digit but 0-9), else None.
    """
    low = sentence.lower()
    same = len(low) == len(sentence)
    # an ASCII text holds neither a folded letter nor another digit (both are
    # non-ASCII), nor does a plain one (_PLAIN: Cyrillic, say): the two
    # searches are for the others only
    plain = low.isascii() or _PLAIN.fullmatch(low) is not None
    if same and (plain or not FOLDED.search(low)):
        found = [m.span() for m in rules.breaks_low.finditer(low)]
    else:
        found = [m.span() for m in rules.breaks.finditer(sentence)]
    readable = low if same and (plain or not _OTHER_DIGIT.search(low)) else None
    if not found:
        return (), (), readable
    return tuple(a for a, _ in found), tuple(b for _, b in found), readable


def clause_break_starts(sentence: str, lang: Language | None = None) -> tuple[int, ...]:
    """Where the clause breaks of a sentence start, in order.

    The breaks :func:`mention_role` cuts clauses at (the language's
    ``clause_break_marks``, ``clause_break_words`` and
    ``clause_break_after_comma``), as the case-insensitive regex finds them.
    Remembered for the last sentences asked: the stages ask about one
    sentence in a row.

    Parameters
    ----------
    sentence : str
        The sentence.
    lang : Language, optional
        English by default.

    Returns
    -------
    tuple of int
    """
    return _read(sentence, _rules(or_default(lang)))[0]


def _clause(sentence: str, start: int, end: int, rules: _Roles) -> tuple[int, int]:
    """Return the bounds of the clause holding ``sentence[start:end]``."""
    starts, ends, _ = _read(sentence, rules)
    return _between(sentence, start, end, starts, ends)


def _between(
    sentence: str,
    start: int,
    end: int,
    starts: tuple[int, ...],
    ends: tuple[int, ...],
) -> tuple[int, int]:
    """:func:`_clause`, given the ``starts`` and ``ends`` of the breaks.

    The breaks do not overlap, so their starts and ends are both in order: two
    binary searches, whatever the number of breaks and mentions.
    """
    i = bisect_right(ends, start)  # breaks ending at or before the mention
    j = bisect_left(starts, end, i)  # the first starting at or after its end
    lo = ends[i - 1] if i else 0
    hi = starts[j] if j < len(starts) else len(sentence)
    return lo, hi


def _gap_ok(role: _Role, gap: str, rules: _Roles) -> bool:
    words = _WORD.findall(gap)
    if len(words) > role.max_gap:
        return False
    if role.gap_words is not None and any(
        w.lower() not in role.gap_words for w in words
    ):
        return False
    if words and rules.blockers.search(gap):
        return False
    if words and not role.allow_attack_nouns:
        if any(h.cls == "attack" for h in rules.attack.hits(gap)):
            return False
    return True


@lru_cache(maxsize=512)
def _loud(sentence: str, lo: int, hi: int, rules: _Roles) -> bool:
    """Whether a clause has attack words (class ``attack``)."""
    return any(h.cls == "attack" for h in rules.attack.hits(sentence[lo:hi]))


@lru_cache(maxsize=512)
def _clause_roles(sentence: str, lo: int, hi: int, rules: _Roles) -> tuple[_Role, ...]:
    """Clause-wide roles (forecast, alert) of a clause without attack words.

    Cached: every place named in one clause shares the answer.  Whether the
    clause has attack words is :func:`_loud`'s answer (cached too: the
    clause is not read again when the caller has asked already).
    """
    # the clause triggers match only where their prefilter does: one search of
    # the lower-cased clause (the sentence's, remembered) turns most away
    first = rules.clause.first
    low = _read(sentence, rules)[2]
    if first is not None and low is not None and first.search(low, lo, hi) is None:
        return ()
    found = tuple(rules.of(m) for m in rules.clause.finditer(sentence, lo, hi))
    if found and _loud(sentence, lo, hi, rules):
        return ()
    return found


def _barred(
    role: _Role, sentence: str, end: int, lo: int, hi: int, rules: _Roles
) -> bool:
    """Whether ``role`` cannot hold in the clause ``sentence[lo:hi]``.

    It is blocked by what follows the mention (its ``not_after``, matched at
    the mention's ``end``), or it is a quiet role (``quiet_clause``) and the
    clause has attack words.  Asked only of a role a trigger was found for:
    most mentions have none, and no ``not_after`` is then matched at all.
    """
    if role.not_after is not None and role.not_after.match(
        sentence, end, len(sentence) if role.not_after_sentence else hi
    ):
        return True
    return role.quiet_clause and _loud(sentence, lo, hi, rules)


def _may_follow(
    sentence: str, low: str | None, end: int, hi: int, rules: _Roles
) -> bool:
    r"""Whether an 'after' trigger may match at ``end`` (a cheap test).

    ``\s*X`` matches at ``end`` only if a trigger of ``X`` matches at ``end``
    or after some of the spaces that follow it: one whose starts can be told
    only where their prefilter matches (in the lower-cased text ``low``), one
    of the others only where ``\s*`` and the others match at ``end``.  True
    when that cannot be told (no prefilter, or no ``low`` it can read).
    """
    first = rules.after_first
    if first is None or low is None:
        return True
    q = end
    while first.match(low, q, hi) is None:
        if q >= hi or not sentence[q].isspace():
            untold = rules.after_untold
            return untold is not None and untold.match(sentence, end, hi) is not None
        q += 1
    return True


def mention_role(
    sentence: str, start: int, end: int, lang: Language | None = None
) -> str | None:
    """Say why a sentence names the place at ``sentence[start:end]``.

    Only the words of the mention's clause are judged (clauses end at ``;``,
    dashes, quotes, and at the clause-break words of the language).

    Parameters
    ----------
    sentence : str
        The sentence.
    start, end : int
        Offsets of the place mention in ``sentence``.
    lang : Language, optional
        English by default.

    Returns
    -------
    str or None
        None when nothing says the place is named for another reason than
        being struck; otherwise one of :func:`roles`:

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
        - ``"person"``: a person of that surname ("according to Bucha",
          "Lozova told reporters");
        - ``"forecast"``: weather (only in a clause without attack verbs);
        - ``"alert"``: an air-raid alert there (idem);
        - ``"airspace"``: weapons shot down over it ("збили над Київщиною"),
          where a language's rules say so.

    Examples
    --------
    >>> s = "Zhytomyr, west of Kyiv, was hit."
    >>> mention_role(s, 18, 22), mention_role(s, 0, 8)
    ('direction', None)
    """
    rules = _rules(or_default(lang))
    starts, ends, low = _read(sentence, rules)
    lo, hi = _between(sentence, start, end, starts, ends)
    best: _Role | None = None
    # the quiet roles hold only in a clause without attack words, and a role
    # may be blocked by what follows the mention: both are asked (_barred)
    # only when a trigger of the role is found, as the answers change nothing
    # for the other roles
    # triggers before the mention (overlapping matches are all seen)
    reach = max(lo, start - rules.reach)
    for m in rules.before.overlapping(sentence, reach, start):
        role = rules.of(m)
        if (best is None or role.rank < best.rank) and not _barred(
            role, sentence, end, lo, hi, rules
        ):
            if _gap_ok(role, sentence[m.end() : start], rules):
                best = role
    after = (
        rules.after.regex.match(sentence, end, hi)
        if _may_follow(sentence, low, end, hi, rules)
        else None
    )
    if after is not None:
        role = rules.of(after)
        if (best is None or role.rank < best.rank) and not _barred(
            role, sentence, end, lo, hi, rules
        ):
            best = role
    if best is None or best.rank > rules.clause_rank:
        # clause-wide roles (forecast, alert) hold only in a clause without
        # attack words; the attack lexicon is consulted only when one is found
        for role in _clause_roles(sentence, lo, hi, rules):
            if best is None or role.rank < best.rank:
                best = role
    return best.name if best is not None else None


# ----------------------------------------------------------- foreign places


def foreign_places(text: str, lang: Language | None = None) -> tuple[ForeignPlace, ...]:
    """Return the places outside Ukraine named in ``text``, in order.

    Crimea and every occupied place are Ukraine and never returned;
    "Belgorod" never matches inside "Belgorod-Dnestrovsky".

    Parameters
    ----------
    text : str
        Any text.
    lang : Language, optional
        English by default.

    Returns
    -------
    tuple of ForeignPlace
    """
    return tuple(outside_matcher(lang).find(text))


def foreign_place(name: str, lang: Language | None = None) -> ForeignPlace | None:
    """Return the foreign place a whole name denotes ("Rostov-on-Don"), or None.

    Parameters
    ----------
    name : str
        A place name as written.
    lang : Language, optional
        English by default.

    Returns
    -------
    ForeignPlace or None
    """
    return outside_matcher(lang).lookup(name)


# ---------------------------------------------------------------- discourse


def _lead(op: Any, av: Any) -> str:
    """The literal characters every match of one parsed regex item starts with."""
    c = _sre_parse
    if op is c.LITERAL:
        return chr(av)
    if op is c.SUBPATTERN:
        return _seq_lead(list(av[-1]))
    if op is c.BRANCH:
        leads = [_seq_lead(list(b)) for b in av[1]]
        out = leads[0]
        for lead in leads[1:]:
            n = 0
            while n < min(len(out), len(lead)) and out[n] == lead[n]:
                n += 1
            out = out[:n]
        return out
    return ""


def _seq_lead(items: list[Any]) -> str:
    """:func:`_lead` of a sequence of parsed items."""
    out = ""
    for op, av in items:
        if op is not _sre_parse.LITERAL:
            return out + _lead(op, av)
        out += chr(av)
    return out


def _spaced(items: list[Any]) -> bool:
    """Whether a parsed regex sequence has a space, or a class of spaces, in it."""
    c = _sre_parse
    for op, av in items:
        if op is c.LITERAL and chr(av).isspace():
            return True
        if op is c.IN and any(
            (o is c.LITERAL and chr(a).isspace())
            or (o is c.CATEGORY and a in (c.CATEGORY_SPACE, c.CATEGORY_UNI_SPACE))
            for o, a in av
        ):
            return True
        if op is c.SUBPATTERN and _spaced(list(av[-1])):
            return True
        if op is c.BRANCH and any(_spaced(list(b)) for b in av[1]):
            return True
        if op in (c.MAX_REPEAT, c.MIN_REPEAT) and _spaced(list(av[2])):
            return True
    return False


def _needed(entry: str) -> str | None:
    r"""A string every match of ``entry`` holds after a gap of words, or None.

    The longest run (3 characters or more) of the entry's top-level literals
    and of the start every match of the item after them shares, found after
    a gap of words (an item with a space, repeated from none to several
    times, such as ``(?: \w+){0,3}``): "обстріл... не було" holds " не"
    wherever it matches.  Such an entry starts at common words (here attack
    words, in most sentences asked) and fails only after trying its gap.
    """
    c = _sre_parse
    best, gap, run = "", False, ""
    for op, av in c.parse(entry, re.IGNORECASE):
        if op is c.LITERAL:
            run += chr(av)
            continue
        run += _lead(op, av)  # what follows may differ: the run ends here
        if gap and len(run) > len(best):
            best = run
        run = ""
        if op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] == 0 and av[1] > 1:
            gap = gap or _spaced(list(av[2]))  # words, each after a space
    if gap and len(run) > len(best):
        best = run
    return best if len(best) >= 3 else None


class Gated:
    """A discourse pattern searched without the entries a text cannot match.

    Some entries start at common words but need a string further on (the
    Ukrainian "обстріл... не було" starts at every "обстріл", in most
    sentences asked, and needs " не"; see :func:`_needed`): where a text
    lacks that string the entries that need it cannot match anywhere, and
    the pattern without them (fewer starts for its prefilter) finds what the
    whole one does, at each position the same alternative first.

    Parameters
    ----------
    full : FastPattern
        The whole pattern.
    needs : tuple of str
        The strings some entries need, lower-cased, each of letters that
        case-insensitive matching equates only with what lower() makes them
        (see :func:`_lowers_alike`): looked for in the lower-cased text.
    without : callable
        The pattern without the entries that need the strings given (a
        non-empty frozenset of ``needs``); made once for each set asked.
    """

    __slots__ = ("full", "needs", "_without", "_made")

    def __init__(
        self,
        full: FastPattern,
        needs: tuple[str, ...],
        without: Callable[[frozenset[str]], FastPattern],
    ):
        self.full = full
        self.needs = needs
        self._without = without
        self._made: dict[frozenset[str], FastPattern] = {}

    def search(self, text: str) -> re.Match[str] | None:
        """Return the first match of the whole pattern in ``text``, or None.

        Parameters
        ----------
        text : str
            Any text.

        Returns
        -------
        re.Match or None
            As ``full.search(text)``.
        """
        if not self.needs:
            return self.full.search(text)
        # lower-cased once, for the needs and for the search's prefilter
        low = text.lower()
        if len(low) != len(text):  # offsets differ: a need may hide
            return self.full.search(text, low=low)
        lacks = frozenset(n for n in self.needs if n not in low)
        if not lacks:
            return self.full.search(text, low=low)
        pattern = self._made.get(lacks)
        if pattern is None:
            pattern = self._made[lacks] = self._without(lacks)
        return pattern.search(text, low=low)


def _folded_chars() -> str:
    """Every letter of :data:`~geo.extract.lexicon.FOLDED`."""
    c = _sre_parse
    out = []
    for op, av in _sre_parse.parse(FOLDED.pattern):
        for o, a in av if op is c.IN else [(op, av)]:
            if o is c.LITERAL:
                out.append(chr(a))
            elif o is c.RANGE:
                out.extend(map(chr, range(a[0], a[1] + 1)))
    return "".join(out)


def _lowers_alike(needed: str) -> bool:
    """Whether a text holds ``needed`` lower-cased wherever re finds it.

    Case-insensitive re equates two characters that lower() makes one, and
    the folded letters (FOLDED) with another: a string none of whose
    characters is, or is equated with, a folded letter is matched by a text
    only where its lower-cased text (of the same length) holds it.
    """
    folded = _folded_chars()
    return not any(
        ch in folded
        or any(re.fullmatch(re.escape(ch), f, re.IGNORECASE) for f in folded)
        for ch in needed
    )


@dataclass(frozen=True, slots=True)
class Discourse:
    """The discourse cues of one language, compiled (see :func:`discourse`).

    Each is searched case-insensitively from a word start; the lists are in
    the language's ``discourse.json``.

    Attributes
    ----------
    capital : FastPattern
        Phrases naming the capital ("the Ukrainian capital").
    anaphora : FastPattern
        Words referring back to the last place ("the city", "there").
    generic : FastPattern
        The war in general or the past: no new event, nothing carried over.
    negation : FastPattern
        The sentence says a strike did not happen.
    ground_combat : FastPattern
        Words of ground fighting.
    habitual : FastPattern
        How often a place is hit ("20 times this year").
    not_report : FastPattern
        Something about strikes that is no strike (an exhibition, a trial).
    no_report : FastPattern
        ``negation`` or ``not_report``, as one pattern: it finds a match
        where either does, in one search of the sentence instead of two.
    combat_or_habit : FastPattern
        ``ground_combat`` or ``habitual``, as one pattern (idem).
    any_bar : FastPattern
        ``no_report`` or ``combat_or_habit``, as one pattern: a match of the
        first is in its group ``no``, of the second in its group ``ch``
        (``no`` tried first where both match); it finds a match where
        either does, in one search of the sentence instead of two.
    quick_no_report : Gated
        ``no_report``, searched without the entries a text cannot match
        (see :class:`Gated`): the same answers, fewer candidates.
    quick_any_bar : Gated
        ``any_bar``, idem.
    near : FastPattern
        A "near" phrase ending right before a place name (searched in the
        words before it).
    qualifier_gap : re.Pattern
        The words between two place names when the second says where the
        first is ("in the").
    city_part_gap : re.Pattern
        The words between a city and its district when the district says
        where in the city ("Kharkiv city - Kyivskyi district"); never matches
        in a language without the entry.
    located_head : re.Pattern
        What stands between a place and a "near" phrase that says where it
        is (", a village", in "Kizomys, a village near Kherson"); matched
        whole; never matches in a language without the entry.
    possessive : tuple of str
        Endings that make a place name a possessive ("'s").
    """

    capital: FastPattern
    anaphora: FastPattern
    generic: FastPattern
    negation: FastPattern
    ground_combat: FastPattern
    habitual: FastPattern
    not_report: FastPattern
    no_report: FastPattern
    combat_or_habit: FastPattern
    any_bar: FastPattern
    quick_no_report: Gated
    quick_any_bar: Gated
    near: FastPattern
    qualifier_gap: re.Pattern[str]
    possessive: tuple[str, ...]
    city_part_gap: re.Pattern[str] = re.compile("(?!)")
    located_head: re.Pattern[str] = re.compile("(?!)")


def discourse(lang: Language | None = None) -> Discourse:
    """The compiled discourse cues of a language (made once per language).

    Parameters
    ----------
    lang : Language, optional
        English by default.

    Returns
    -------
    Discourse
    """
    return _discourse(or_default(lang))


# The discourse lists whose entries may be gated (see Gated): those of
# no_report, searched in every sentence reports_strike is asked about.
_BARS = ("negation", "not_report")


#: the digest of this module's code, which the remembered :func:`_needs` keys
_CODE = compiled.code_digest(__file__)


def _needs(entries: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """The entries that need a string (see :class:`Gated`), with the string.

    A pure function of the entries and this code (parsing each entry's regex
    costs a few ms a language): remembered across runs.
    """

    def make() -> tuple[tuple[str, str], ...]:
        return tuple(
            (e, n.lower())
            for e in entries
            if (n := _needed(e)) is not None and _lowers_alike(n.lower())
        )

    found: tuple[tuple[str, str], ...] = compiled.remembered_by(
        _CODE, "discourse_needs", entries, make
    )
    return found


@cache
def _discourse(lang: Language) -> Discourse:
    raw = lang.discourse

    def alt(key: str, tail: str = "") -> FastPattern:
        body = "|".join(sorted(raw[key], key=len, reverse=True))
        return FastPattern(compiled.compile(rf"\b(?:{body}){tail}", re.IGNORECASE))

    # the entries that need a string (see Gated), with the string
    needs = dict(_needs(tuple(e for k in _BARS for e in raw[k])))

    def body(*keys: tuple[str, str], lacks: frozenset[str] = frozenset()) -> str:
        # each (key, tail): its entries longest first, then the tail; a match
        # of one key's pattern is a match of this one where it starts, and
        # this one matches only where one of them does (without the entries
        # that need a string of ``lacks``; "(?!)" for a list left empty)
        return "|".join(
            "(?:"
            + (
                "|".join(
                    sorted(
                        (e for e in raw[k] if needs.get(e) not in lacks),
                        key=len,
                        reverse=True,
                    )
                )
                or "(?!)"
            )
            + ")"
            + tail
            for k, tail in keys
        )

    def either(
        *keys: tuple[str, str], lacks: frozenset[str] = frozenset()
    ) -> FastPattern:
        return FastPattern(
            compiled.compile(rf"\b(?:{body(*keys, lacks=lacks)})", re.IGNORECASE)
        )

    def bars(lacks: frozenset[str] = frozenset()) -> FastPattern:
        # the two below, each in its group: \b(?:A|B) is \b(?:(?P<no>A)|...)
        no = body(*no_report, lacks=lacks)
        ch = body(*combat_or_habit, lacks=lacks)
        return FastPattern(
            compiled.compile(rf"\b(?:(?P<no>{no})|(?P<ch>{ch}))", re.IGNORECASE)
        )

    no_report = (("negation", ""), ("not_report", ""))
    combat_or_habit = (("ground_combat", r"\b"), ("habitual", ""))
    gated = tuple(sorted(set(needs.values())))
    full_no_report, full_any_bar = either(*no_report), bars()

    near = "|".join(sorted(raw["near"], key=len, reverse=True))
    return Discourse(
        capital=alt("capital", r"\b"),
        anaphora=alt("anaphora", r"(?!\w)"),
        generic=alt("generic"),
        negation=alt("negation"),
        ground_combat=alt("ground_combat", r"\b"),
        habitual=alt("habitual"),
        not_report=alt("not_report"),
        no_report=full_no_report,
        combat_or_habit=either(*combat_or_habit),
        any_bar=full_any_bar,
        quick_no_report=Gated(
            full_no_report, gated, lambda lacks: either(*no_report, lacks=lacks)
        ),
        quick_any_bar=Gated(full_any_bar, gated, bars),
        near=FastPattern(
            compiled.compile(rf"\b(?:{near}){raw['near_tail']}$", re.IGNORECASE)
        ),
        qualifier_gap=compiled.compile(f"^{raw['qualifier_gap']}$", re.IGNORECASE),
        possessive=tuple(raw["possessive"]),
        city_part_gap=compiled.compile(f"^{raw.get('city_part_gap', '(?!)')}$", re.I),
        located_head=compiled.compile(raw.get("located_head", "(?!)"), re.I),
    )
