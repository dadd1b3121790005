"""Which day a piece of news text speaks of.

Two jobs:

- :func:`dated_blocks` cuts a page into blocks, each with the date its text is
  relative to.  The body belongs to the publication date, but pages end with
  lists of "related stories" whose teasers (a headline and a one-line summary)
  carry a date line of their own ("May 25, 2025", "25 May 2025", "2025-05-25",
  "3 hours ago"), placed after each teaser or before it.
- :func:`event_date` reads the date of an event from one sentence, relative to
  the block's date ("overnight", "on Monday night", "yesterday", "On 28 May
  2022", "the night of Thursday to Friday", ...).

The words are the language's (``calendar.json`` and ``dates.json`` in
``geo/lang/<code>/``): each kind of date expression is one pattern there,
and this module says what each kind means.  Nothing here ever looks at
today's date.
"""

from __future__ import annotations

import bisect
import calendar
import datetime
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, lru_cache
from operator import attrgetter
from statistics import median
from typing import Any

from gazetteer import compiled
from gazetteer.frozen import quick_init
from geo.extract.lexicon import (
    FOLDED,
    _comparable,
    compile_starts,
    entry_starts,
    first_chars,
    literal_starts,
    nonword_class,
    prefixes,
    runs_written,
    shifted_starts,
    starts_alternation,
)
from geo.lang import Language, or_default

try:  # the regex parser, to tell how clause cuts open (see _opens_at_non_word)
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_parse as _sre_parse  # type: ignore[no-redef]

__all__ = [
    "Block",
    "Pivot",
    "counts_from_another_day",
    "DateGuess",
    "Dateline",
    "dated_blocks",
    "datelines",
    "block_at",
    "event_date",
    "has_date_words",
    "parse_date_line",
]

_YEAR = r"(?:19|20)\d{2}"


@quick_init
@dataclass(frozen=True, slots=True)
class Block:
    """A stretch of a page and the date its text is relative to.

    Attributes
    ----------
    start, end : int
        Character offsets into the page text.
    ref_date : date or None
        The date relative expressions in this block refer to.
    dated_by : str
        Where ``ref_date`` comes from: ``"published"`` (the article's date),
        ``"dateline"`` (a date line heading the page, used when the
        publication date is unknown), ``"wire_dateline"`` (the date of a wire
        dateline opening the story), ``"date_line"`` (the teaser's own date
        line) or ``"relative_line"`` (a teaser dated "3 hours ago", taken as the
        publication day; "2 days ago" gives None).
    """

    start: int
    end: int
    ref_date: date | None
    dated_by: str


@quick_init
@dataclass(frozen=True, slots=True)
class DateGuess:
    """The date of an event read from a sentence.

    Attributes
    ----------
    date : date or None
        Best single date (None when the text gives no way to know it).
    precision : str
        ``"day"``, ``"week"``, ``"month"`` or ``"unknown"``.
    window : tuple of date or None
        First and last date the event may fall on (overnight events straddle
        midnight: ``(day before, day)``); None when unknown.
    cue : str
        The words that dated it (``"on Monday night"``), ``"published"`` when
        the reference date was used by default, ``""`` when nothing dates it.
    """

    date: datetime.date | None
    precision: str
    window: tuple[datetime.date, datetime.date] | None
    cue: str


# ------------------------------------------------------------------ grammar


def _month_regex(lang: Language) -> str:
    """A month name of the calendar, with its abbreviations, then an optional period.

    Each month's forms nest when each is a prefix of the next (``Sep``,
    ``Sept``, ``September``: ``Sep(?:t(?:ember)?)?``).  With
    ``months_capitalized`` a form matches only capitalized, or a full name in
    capitals ("may" is a verb).  A calendar's ``month_forms`` (the case forms
    of inflected languages: "листопада", "у листопаді") are forms too; with
    ``abbreviations_need_period`` an abbreviation matches only with its
    period ("лист." but not "лист", a letter).
    """
    cal = lang.data("calendar")
    if cal.get("month_forms") or cal.get("abbreviations_need_period"):
        return _inflected_month_regex(cal)
    forms: dict[int, list[str]] = {}
    for word, num in lang.months.items():
        forms.setdefault(num, []).append(word)
    capital = bool(cal.get("months_capitalized", False))
    alts = []
    for num in sorted(forms):
        words = sorted(forms[num], key=len)
        if capital:
            words = [w.capitalize() for w in words]
        alts.append(_nested(words))
    if not capital:
        return "(?:" + "|".join(alts) + r")\.?"
    upper = "|".join(m.upper() for m in cal["months"])
    return "(?-i:(?:" + "|".join(alts) + ")|" + upper + r")\.?"


def _inflected_month_regex(cal: Mapping[str, Any]) -> str:
    """Month words of a calendar with case forms: every form, longest first."""
    full = [*cal["months"], *cal.get("month_forms", {})]
    abbr = list(cal.get("month_abbreviations", {}))
    dot = r"\." if cal.get("abbreviations_need_period") else r"\.?"
    alts = [_word(w) for w in sorted(full, key=lambda w: (-len(w), w))]
    alts += [_word(w) + dot for w in sorted(abbr, key=lambda w: (-len(w), w))]
    return "(?:" + "|".join(alts) + ")"


def _word(word: str) -> str:
    """A calendar word as a regex: escaped, an apostrophe matching any of them."""
    return re.escape(word).replace("'", _APOSTROPHE)


_APOSTROPHE = "['’\u02bc]"


def _unify(word: str) -> str:
    """A matched calendar word in the spelling of the calendar's tables.

    The case-insensitive grammar reads some letters as others that
    ``lower()`` keeps apart (``FOLDED``: "ᲀересня" is "вересня", "ſunday" is
    "sunday"; "İ" lowers to "i" and a combining dot): they are read here as
    the letter they match.
    """
    low = word.lower().replace("’", "'").replace("\u02bc", "'")
    if low.isascii():
        return low
    low = low.replace("i\u0307", "i")
    if FOLDED.search(low) is None:
        return low
    return "".join(c.upper().lower() if FOLDED.match(c) else c for c in low)


def _month_table(lang: Language) -> dict[str, int]:
    """Month words (with case forms and abbreviations) to month numbers."""
    table = lang.months
    for word, num in lang.data("calendar").get("month_forms", {}).items():
        table.setdefault(word, num)
    return table


def _weekday_table(lang: Language) -> dict[str, int]:
    """Weekday words (with case forms) to ``date.weekday()`` numbers."""
    table = lang.weekdays
    for word, num in lang.data("calendar").get("weekday_forms", {}).items():
        table.setdefault(word, num)
    return table


def _weekday_regex(lang: Language) -> str:
    """A weekday word; with case forms, every form longest first."""
    cal = lang.data("calendar")
    if not cal.get("weekday_forms"):
        return "(?:" + "|".join(cal["weekdays"]) + ")"
    words = sorted(_weekday_table(lang), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(_word(w) for w in words) + ")"


def _nested(words: list[str]) -> str:
    """``a(?:b(?:c)?)?`` for words each a prefix of the next, else ``abc|ab|a``."""
    if all(b.startswith(a) for a, b in zip(words, words[1:], strict=False)):
        out = ""
        for prev, word in reversed(list(zip(["", *words], words, strict=False))):
            rest = re.escape(word[len(prev) :])
            out = rest + (f"(?:{out})?" if out else "")
        return out
    return "|".join(re.escape(w) for w in reversed(words))


def _fill(template: str, parts: dict[str, str]) -> str:
    """Put the named parts into ``{NAME}`` placeholders of a pattern template."""
    return re.sub(r"\{([A-Z_]+)\}", lambda m: parts[m.group(1)], template)


class _Grammar:
    """The date grammar of one language, compiled from its data."""

    __slots__ = (
        "months", "weekdays", "date_line", "relative_line", "event", "demote",
        "strike_owned", "apposition", "clause_cut", "keywords", "month_starts",
        "month_heads", "month_heads_low", "cue_low", "digit_starts",
        "ago_numbers", "wd_words", "month_words", "strike_owned_lead", "other_event",
        "keyword", "kind_groups", "dateline", "after_strike", "attack", "pivoted",
        "place_relative",
        "event_at", "clause_shifted",
    )  # fmt: skip

    def __init__(self, lang: Language):
        raw = lang.dates
        self.months = _month_table(lang)
        self.weekdays = _weekday_table(lang)
        ordinal = "(?:" + "|".join(raw["ordinal_suffixes"]) + ")"
        parts = {
            "MON": _month_regex(lang),
            "DAY": r"(?:[12]\d|3[01]|0?[1-9])" + ordinal + "?",
            "ORD": ordinal,
            "YEAR": _YEAR,
            "WD": _weekday_regex(lang),
            "AGO_N": "|".join([r"\d+", *(_word(w) for w in raw["ago_numbers"])]),
        }
        self.ago_numbers: dict[str, int] = dict(raw["ago_numbers"])
        self.wd_words = {k: frozenset(v) for k, v in raw["weekday_words"].items()}
        self.month_words = {k: frozenset(v) for k, v in raw["month_words"].items()}
        dates = "|".join(_fill(t, parts) for t in raw["line_dates"])
        self.date_line = compiled.compile(
            rf"^\s*{_fill(raw['line_prefix'], parts)}(?:{dates}){raw['time']}"
            r"(?:\s*[|·•]\s*[^\n.!?]{0,40})?\s*$",
            re.IGNORECASE,
        )
        self.relative_line = compiled.compile(raw["relative_line"], re.IGNORECASE)
        # one expression over every pattern, a named group per pattern; tried
        # only at word starts, and each only where its first character can stand
        branches = [
            (f"(?P<_{name}>{_dispatch(name, _fill(t, parts))})", _lead_chars(t, parts))
            for name, t in raw["patterns"]
        ]
        self.event = compiled.compile(
            r"(?<!\w)(?:" + "|".join(b for b, _ in branches) + ")", re.IGNORECASE
        )
        self.event_at = _Dispatch(self.event, branches)
        self.demote = _led(rf"\b(?:{'|'.join(raw['demote'])})\b(?:\W+\w+){{0,5}}\W*$")
        self.strike_owned = compiled.compile(raw["strike_owned"], re.IGNORECASE)
        lead = raw.get("strike_owned_lead")
        self.strike_owned_lead = compiled.compile(lead, re.IGNORECASE) if lead else None
        other = raw.get("other_event")
        self.other_event = compiled.compile(other, re.IGNORECASE) if other else None
        attack = raw.get("attack_words")
        #: an attack a few words on ("a day after a Russian missile attack");
        #: a language may say where instead ("after_attack", {ATTACK} for the
        #: attack words)
        after = raw.get("after_attack", r"\W+(?:[\w'’-]+\W+){0,5}?(?:{ATTACK})\b")
        self.after_strike = (
            compiled.compile(after.replace("{ATTACK}", attack), re.IGNORECASE)
            if attack
            else None
        )
        rel = raw.get("place_relative")
        #: a relative clause after a place ("Sumy, where a strike killed ...")
        self.place_relative = (
            compiled.compile(rf"[\s,]*(?:{rel})\b", re.IGNORECASE) if rel else None
        )
        #: attack words anywhere (does a clause report a strike of its own?)
        self.attack = (
            compiled.compile(rf"\b(?:{attack})\b", re.IGNORECASE) if attack else None
        )
        self.apposition = compiled.compile(raw["apposition"])
        self.clause_cut = _led(raw["clause_cut"])
        self.clause_shifted = _shifted_cut(raw["clause_cut"], self.clause_cut)
        self.keywords = tuple(raw["keywords"])
        # the keywords with their shared starts factored out: the same places
        # found, each tried once per shared start rather than once per word
        self.keyword = compiled.compile(
            starts_alternation(self.keywords) if self.keywords else "(?!)"
        )
        # each kind's groups: (group name in the whole expression, own name)
        names = sorted(self.event.groupindex.items(), key=lambda kv: kv[1])
        self.kind_groups = {
            kind: tuple(
                (k, k[len(kind) + 1 :]) for k, _ in names if k.startswith(kind + "_")
            )
            for kind, _ in raw["patterns"]
        }
        # cheap test before the big expression: a month's first letters, or a
        # digit in a date ("3-4", "2.5", "4th")
        cal = lang.data("calendar")
        starts = list(dict.fromkeys(m[:3] for m in cal["months"]))
        if cal.get("months_capitalized", False):
            first = [w.capitalize() for w in starts] + [w.upper() for w in starts]
            month = "(?-i:" + "|".join(first) + ")"
        else:
            month = "(?i:" + "|".join(starts) + ")"
        ords = "|".join(rf"{o}\b" for o in raw["ordinal_suffixes"])
        self.month_starts = compiled.compile(rf"{month}|\d(?:[-./]\d|{ords})")
        # :attr:`month_starts` as two searches the regex engine skips to by
        # their first characters (its alternation of a group with flags and a
        # digit it tries at every offset): the month starts, in the text, or
        # (any case) in the lower-cased text; and the digits
        if cal.get("months_capitalized", False):
            self.month_heads = compiled.compile("|".join(map(re.escape, first)))
            self.month_heads_low = None
        else:
            self.month_heads = compiled.compile(
                "|".join(map(re.escape, starts)), re.IGNORECASE
            )
            self.month_heads_low = compiled.compile("|".join(map(re.escape, starts)))
        #: ``keyword`` or ``month_heads_low`` (None without the latter): where
        #: the first of either starts, in one search of the lower-cased text
        self.cue_low = (
            compiled.compile(f"{self.keyword.pattern}|{self.month_heads_low.pattern}")
            if self.month_heads_low is not None
            else None
        )
        self.digit_starts = compiled.compile(rf"\d(?:[-./]\d|{ords})")
        self.dateline = _dateline_regex(parts)
        pivoted = [_fill(t, parts) for name, t in raw["patterns"] if name in _PIVOTED]
        #: the expressions counted from another day ("the previous evening")
        self.pivoted = (
            compiled.compile("|".join(f"(?:{p})" for p in pivoted), re.IGNORECASE)
            if pivoted
            else None
        )

    def month(self, name: str) -> int:
        """The number of a month word as matched (``"Sept."`` is 9)."""
        return self.months[_unify(name.rstrip("."))]

    def weekday(self, name: str) -> int:
        """The ``date.weekday()`` of a weekday word."""
        return self.weekdays[_unify(name)]

    def ago(self, word: str) -> int:
        """The number an "ago" count word stands for."""
        return self.ago_numbers.get(_unify(word)) or int(word)


def _grammar(lang: Language | None) -> _Grammar:
    return _compiled(or_default(lang))


@cache
def _compiled(lang: Language) -> _Grammar:
    return _Grammar(lang)


def _led(pattern: str) -> re.Pattern[str]:
    """``pattern``, case-insensitive, led by a look-ahead on its first characters.

    The same matches: the look-ahead only refuses the places no match can
    start at, where the regex engine would otherwise enter every branch of an
    alternation (case-insensitive literals are not skipped by their first
    character), as :func:`_dispatch` leads the date expressions.  The
    pattern as it is when its first characters cannot be told, or may be
    digits (a look-ahead on 0-9 would refuse the other digits a digit class
    matches), or it cannot be wrapped (global flags must open a pattern).
    """
    chars = first_chars(pattern)
    if chars and not any(c.isdigit() for c in chars):
        cls = "".join(sorted({c.lower() for c in chars} | {c.upper() for c in chars}))
        try:
            return compiled.compile(f"(?=[{re.escape(cls)}])(?:{pattern})", re.I)
        except re.error:
            pass
    return compiled.compile(pattern, re.IGNORECASE)


#: Characters a first item of ``clause_cut`` may match for
#: :func:`_opens_at_non_word`: the non-word ones of ASCII and of the General
#: Punctuation block, none of which case-insensitive matching equates with
#: another character.
_PLAIN_NON_WORD = compiled.compile(r"[^\w\u0080-\u1fff\u2070-\U0010ffff]")


def _opens_at_non_word(pattern: str) -> bool:
    r"""Whether each match past offset 0 has a non-word character at or before it.

    At its start or just before it: each branch of ``pattern`` opens with a
    character of :data:`_PLAIN_NON_WORD` (a literal, a class of them, or
    ``\s``), or with ``\b`` and consumes a character
    (a boundary inside the text stands between a word and a non-word
    character).  False when it cannot be told.
    """
    try:
        parsed = _sre_parse.parse(pattern, re.IGNORECASE)
    except re.error:
        return False
    c = _sre_parse
    top = parsed.data
    subs = top[0][1][1] if len(top) == 1 and top[0][0] is c.BRANCH else [parsed]
    for sub in subs:
        if not sub.data:
            return False
        op, av = sub.data[0]
        if op is c.AT and av in (c.AT_BOUNDARY, c.AT_UNI_BOUNDARY):
            if sub.getwidth()[0] < 1:  # a boundary at the text's end
                return False
            continue
        if op is c.LITERAL:
            members = [(c.LITERAL, av)]
        elif op is c.IN:
            members = list(av)
        else:
            return False
        for mop, mav in members:
            if mop is c.LITERAL:
                ok = _PLAIN_NON_WORD.match(chr(mav)) is not None
            elif mop is c.CATEGORY:
                ok = mav in (c.CATEGORY_SPACE, c.CATEGORY_UNI_SPACE)
            else:
                ok = False
            if not ok:
                return False
    return True


def _shifted_cut(raw: str, led: re.Pattern[str]) -> re.Pattern[str] | None:
    r"""``clause_cut`` searched from the non-word characters its matches lean on.

    ``(?-i:N)(?:(?<=(?=P).)|(?=P)(?P<_after>))``, ``N`` the lexicon's
    :func:`~geo.extract.lexicon.nonword_class` (a superset of ``\W``, tested
    by a bitmap, which the regex engine skips to), ``P`` the pattern: a match
    at ``y`` is one of ``P`` at ``y``, or at ``y + 1`` when ``_after`` took
    part.  Where every match of ``P`` past offset 0 has a non-word character
    at its start or just before it (:func:`_opens_at_non_word`), the first
    one from ``y0`` finds the first match of ``P`` from ``y0 + 1`` (or one
    at ``y0`` itself, which the caller skips).  None when that cannot be told.
    """
    if not _opens_at_non_word(raw):
        return None
    first = led.pattern if led.pattern.startswith("(?=[") else raw
    try:
        return compiled.compile(
            f"(?-i:{nonword_class()})(?:(?<=(?=(?:{raw})).)|(?=(?:{first}))(?P<_after>))",
            re.IGNORECASE,
        )
    except re.error:  # pragma: no cover - named groups of its own twice
        return None


def _lead_chars(template: str, parts: dict[str, str]) -> str | None:
    """The characters (both cases) :func:`_dispatch` leads an expression by."""
    chars = first_chars(_fill(template, parts))
    if not chars:
        return None
    return "".join(sorted({c.lower() for c in chars} | {c.upper() for c in chars}))


class _Dispatch:
    """The matches of the whole date grammar, each start tried with its own part.

    The grammar is an alternation of expressions, each led by a look-ahead
    on the characters it can start with; the regex engine tries every one at
    every word start.  Here a cheap first pass finds the word starts where
    some expression may start, and only the expressions that can start there
    are tried, in their order: the matches are those of ``event.finditer``.

    The first pass looks for the literal starts of the expressions
    (:func:`~geo.extract.lexicon.prefixes`: "on ", "yes", "mar", a digit) in
    the lower-cased text, as :class:`~geo.extract.lexicon.FastPattern` does,
    and tries the expressions with a literal start there ("that" tries the
    two that "th" may start, not every one "t" may start); where lower-casing
    could move offsets, or the text has digits other than 0-9 or letters the
    regex equates with others though lower() keeps them apart (``FOLDED``:
    "ᲀчора" is "вчора" to the regex), it looks for their first characters in
    the text itself and tries the expressions that character may start.
    """

    __slots__ = (
        "event", "first", "starts", "_branches", "_at", "_own", "_of", "_by", "_runs",
        "_shifted", "_quick", "_heads",
    )  # fmt: skip

    def __init__(self, event: re.Pattern[str], branches: list[tuple[str, str | None]]):
        self.event = event
        self._branches = branches
        self._at: dict[str, Any] = {}
        self._of: dict[str, Any] = {}  # the text at a word start -> match
        self._by: dict[tuple[int, ...], Any] = {}  # expressions tried -> match
        leads = [c for _, c in branches if c]
        self.first = None  # some expression may start anywhere: try them all
        self.starts = None
        #: each expression's literal starts (when the first pass reads them)
        self._own: list[frozenset[str]] = []
        #: whether they are run starts (:func:`_run_starts`), else plain ones
        self._runs = False
        #: with run starts, ``starts`` shifted and its quick twin
        #: (:func:`~geo.extract.lexicon.shifted_starts`)
        self._shifted: re.Pattern[str] | None = None
        self._quick: re.Pattern[str] | None = None
        #: the characters a run start may begin with (None: not told)
        self._heads: frozenset[str] | None = None
        if leads and len(leads) == len(branches):
            chars = "".join(sorted(set("".join(leads))))
            self.first = compiled.compile(
                r"(?<!\w)[" + re.escape(chars) + "]", re.IGNORECASE
            )
            runs = _run_starts([b for b, _ in branches])
            if runs is not None:
                every = frozenset[str]().union(*runs)
                self.starts = compile_starts(every, True)
                self._shifted, self._quick = shifted_starts(every)
                self._heads = _heads(every)
                self._own, self._runs = runs, True
            else:
                self.starts = _starts_regex([b for b, _ in branches])
                if self.starts is not None:
                    self._own = [_branch_starts(b) for b, _ in branches]

    def _subset(self, own: list[str]) -> Any:
        """The ``match`` of the expressions ``own``, in order, at a word start."""
        return compiled.compile(
            r"(?<!\w)(?:" + "|".join(own) + ")", re.IGNORECASE
        ).match

    def _matcher(self, ch: str) -> Any:
        own = [
            b
            for b, c in self._branches
            if re.match("[" + re.escape(c or "") + "]", ch, re.IGNORECASE)
        ]
        fn = self._at[ch] = self._subset(own)
        return fn

    def _start_matcher(self, head: str) -> Any:
        """The expressions with a literal start that ``head`` starts with.

        ``head``: the lower-cased text at a word start, its first
        :data:`_HEAD` characters (the literal starts are at most that long);
        with run starts, the first pass's match there (its runs of spaces and
        digits are read as :func:`_run_starts` writes them).
        """
        if self._runs:
            written = runs_written(head)
            fn = self._of.get(written)
            if fn is None:
                keep = tuple(
                    i
                    for i, o in enumerate(self._own)
                    if any(map(written.startswith, o))
                )
                fn = self._of[written] = self._kept(keep)
            # the start as found too ("12 лис", written "0 лис"), while the
            # starts kept are few: runs of digits make them many
            if len(self._of) < _HEADS_KEPT:
                self._of[head] = fn
            return fn
        heads = {head[:k] for k in range(1, len(head) + 1)}
        keep = tuple(i for i, o in enumerate(self._own) if not heads.isdisjoint(o))
        fn = self._of[head] = self._kept(keep)
        return fn

    def _kept(self, keep: tuple[int, ...]) -> Any:
        """The ``match`` of the expressions numbered ``keep`` (one per set)."""
        fn = self._by.get(keep)
        if fn is None:
            own = [self._branches[i][0] for i in keep]
            fn = self._by[keep] = self._subset(own) if own else _no_match
        return fn

    def finditer(
        self,
        text: str,
        pos: int = 0,
        *,
        lowered: str | None = None,
        reads: bool | None = None,
    ) -> list[re.Match[str]]:
        """``list(event.finditer(text, pos))``.

        ``lowered``: ``text.lower()``, when the caller has it; ``reads``:
        :func:`_reads_as` of the two, when the caller has it.
        """
        if self.first is None:
            return list(self.event.finditer(text, pos))
        # candidates are found in ``low``, at the same offsets as in ``text``
        # and with the letters the case-insensitive regex reads (no FOLDED
        # one: "ᲀчора" is "вчора" to the regex, and has no literal start);
        # there an expression can match only where ``low`` has one of its
        # literal starts
        low, first = text, self.first
        if self.starts is not None:
            if lowered is None:
                lowered = text.lower()
            if reads is None:
                reads = _reads_as(text, lowered)
            if reads:
                low, first = lowered, self.starts
        by_start = low is not text
        runs = by_start and self._runs
        if runs and self._shifted is not None:
            found = self._by_runs(text, low, pos)
            return list(self.event.finditer(text, pos)) if found is None else found
        at, of = self._at, self._of
        search = first.search
        out = []
        c = search(low, pos)
        while c is not None:
            start = c.start()
            if runs:
                # the start the first pass found: what it admits is known
                head = c.group()
                m = (of.get(head) or self._start_matcher(head))(text, start)
            elif by_start:
                head = low[start : start + _HEAD]
                m = (of.get(head) or self._start_matcher(head))(text, start)
            else:
                ch = text[start]
                m = (at.get(ch) or self._matcher(ch))(text, start)
            if m is None:
                c = search(low, start + 1)
                continue
            end = m.end()
            if end == start:  # an empty match: finditer's own rules
                return list(self.event.finditer(text, pos))
            out.append(m)
            c = search(low, end)
        return out

    def _by_runs(self, text: str, low: str, pos: int) -> list[re.Match[str]] | None:
        r""":meth:`finditer` by run starts, ``low`` reading as ``text``.

        The first pass is searched shifted, from one character before
        (:func:`~geo.extract.lexicon.shifted_starts`), not with its
        look-behind tried at every position; by the quick twin, whose class
        is a bitmap test: ``low`` reads as the text, so it holds no ı nor ſ
        (``FOLDED``), and the twin finds every candidate ``\W(X)`` finds,
        with the same start, and more only after a word character outside
        the blocks it is written for, where the expressions' own look-behind
        (:meth:`_subset`) matches nothing.  None on an empty match
        (``finditer``'s own rules decide).
        """
        of = self._of
        search = (self._quick or self._shifted).search  # type: ignore[union-attr]
        out: list[re.Match[str]] = []
        # a start at offset 0 has no character before it: asked of ``starts``
        # (only where its first character may begin one: most texts start
        # with a word no date expression starts with)
        heads = self._heads
        c = (
            self.starts.match(low)  # type: ignore[union-attr]
            if pos <= 0 and (heads is None or low[:1] in heads)
            else None
        )
        if c is not None:
            start, head = 0, c.group()
        else:
            c = search(low, pos - 1)  # its non-word character may be at pos - 1
            if c is None:
                return out
            start, head = c.start(1), c.group(1)
        while True:
            m = (of.get(head) or self._start_matcher(head))(text, start)
            if m is None:
                nxt = start + 1
            else:
                nxt = m.end()
                if nxt == start:  # an empty match
                    return None
                out.append(m)
            c = search(low, nxt - 1)
            if c is None:
                return out
            start, head = c.start(1), c.group(1)


#: How many starts as found :class:`_Dispatch` keeps the matcher of.
_HEADS_KEPT = 20_000

#: How many characters of a word start :class:`_Dispatch` reads to pick the
#: expressions to try there: the first pass finds three ("pro"), and an
#: expression's literal starts are read up to four long where they can be
#: told, so "prol" (пролунали) tries none of those "prot" (протягом) starts.
_HEAD = 4


def _branch_starts(pattern: str) -> frozenset[str]:
    """An expression's literal starts, as long as can be told up to :data:`_HEAD`.

    Every match of ``pattern`` starts, lower-cased, with one of them
    (:func:`~geo.extract.lexicon.prefixes`).
    """
    for n in range(_HEAD, 0, -1):
        found = prefixes(pattern, n)
        if found is not None:
            return found
    return frozenset()  # pragma: no cover - the first pass told every start


def _run_starts(branches: list[str]) -> list[frozenset[str]] | None:
    """Each expression's literal starts, its runs of spaces and digits one character.

    :func:`~geo.extract.lexicon._run_prefixes` up to six long ("у ніч",
    "0 лис", "the ni"), as :class:`~geo.extract.lexicon.FastPattern` reads
    them: longer than :data:`_HEAD` and across spaces, so "у ма" or "the "
    no longer tries every expression "у" or "the" may start.  None when an
    expression's starts cannot be told.
    """
    found = [entry_starts(b) for b in branches]
    if any(s is None for s in found):
        return None
    return [s for s in found if s is not None]


def _heads(starts: frozenset[str]) -> frozenset[str] | None:
    r"""The characters the trie of run ``starts`` may match first, or None.

    A start's first character, a digit of 0-9 for a run of digits
    (``"0"``: ``[0-9]+``); None when one opens with a run of spaces (``\s``
    matches many characters) or is empty.
    """
    if any(s[:1] in ("", " ") for s in starts):
        return None
    heads = {s[0] for s in starts}
    if "0" in heads:
        heads.update("0123456789")
    return frozenset(heads)


def _no_match(text: str, pos: int) -> None:
    """A matcher that never matches."""
    return None


def _starts_regex(branches: list[str]) -> re.Pattern[str] | None:
    """The first pass of :class:`_Dispatch` over lower-cased text, or None.

    A word start where the literal start of some expression stands
    (:func:`~geo.extract.lexicon.literal_starts`).  None when an expression's
    starts cannot be told.
    """
    found = literal_starts(branches)
    if found is None:
        return None
    return compiled.compile(r"(?<!\w)" + starts_alternation(found))


def _dispatch(name: str, pattern: str) -> str:
    """Name ``pattern``'s groups after ``name``; lead it by a look-ahead.

    The look-ahead is on the characters it can start with, read before the
    renaming: the renamed pattern's back-references only resolve in the whole
    expression.
    """
    chars = first_chars(pattern)
    pattern = pattern.replace("(?P<", f"(?P<{name}_")
    pattern = re.sub(r"\(\?P=(\w+)\)", rf"(?P={name}_\1)", pattern)
    if not chars:
        return pattern
    cls = "".join(sorted({c.lower() for c in chars} | {c.upper() for c in chars}))
    return f"(?=[{re.escape(cls)}])" + pattern


# ---------------------------------------------------------------- date lines


@dataclass(frozen=True, slots=True)
class DateLine:
    """A line of a page that is only a date.

    Attributes
    ----------
    date : date or None
        The date it gives (None: a relative line of days or more).
    kind : str
        ``"date_line"`` ("May 25, 2025") or ``"relative_line"`` ("3 hours
        ago").
    """

    date: datetime.date | None
    kind: str


def parse_date_line(
    line: str, published: date | None = None, lang: Language | None = None
) -> DateLine | None:
    """Read a line that is only a date ("May 25, 2025", "3 hours ago").

    Parameters
    ----------
    line : str
        One line of text.
    published : date or None
        Publication date, the anchor of relative lines ("3 hours ago").
    lang : Language, optional
        English by default.

    Returns
    -------
    DateLine or None
        None when the line is not a date line.  A relative line of minutes or
        hours (or "today") gives ``published``; days, weeks and more give
        date None (the page was rendered on an unknown day).
    """
    g = _grammar(lang)
    m = g.date_line.match(line)
    if m:
        d = _date_from_groups(m, g)
        return DateLine(d, "date_line") if d is not None else None
    m = g.relative_line.match(line)
    if m:
        same_day = m.group("today") or m.group("same")
        return DateLine(published if same_day else None, "relative_line")
    return None


def _date_from_groups(m: re.Match[str], g: _Grammar) -> date | None:
    d = m.groupdict()
    try:
        if d.get("y1"):
            return date(int(d["y1"]), g.month(d["m1"]), _int_day(d["d1"]))
        if d.get("y2"):
            return date(int(d["y2"]), g.month(d["m2"]), _int_day(d["d2"]))
        if d.get("y3"):
            return date(int(d["y3"]), int(d["m3"]), int(d["d3"]))
        if d.get("y4"):
            return date(int(d["y4"]), int(d["m4"]), int(d["d4"]))
    except ValueError:
        return None
    return None


_DIGITS = compiled.compile(r"\d+")


def _int_day(text: str) -> int:
    m = _DIGITS.match(text)
    return int(m.group()) if m else 0


# ------------------------------------------------------------ wire datelines

# Capital letters (Latin and Cyrillic): a dateline's place and agency start
# with one.  Written out because ``re`` has no Unicode classes.
_UP = "A-ZА-ЯІЇЄҐЎ"
_TITLE_WORD = rf"[{_UP}][\w'’ʼ.\-]*+"
# an agency in brackets: one name ("Reuters", "Interfax-Ukraine",
# "Укрінформ"); a longer one ("Radio Liberty") only after a capitals place
# or a date (a Title place and a bracketed region, "Nikopol (Dnipropetrovsk
# region) –", is a list item, not a dateline)
_AGENCY = rf"[{_UP}][\w'’ʼ.&/\-]{{0,30}}+"


def _dateline_regex(parts: Mapping[str, str]) -> re.Pattern[str]:
    """A wire dateline at a line start, from the grammar's month and day parts.

    ``PLACE[, Country][, DATE] [(Agency)] —`` ("KYIV, Nov 25 (Reuters) -",
    "ODESA, Ukraine —", "Київ, 19 листопада (Укрінформ) —") or ``Place •
    AGENCY`` ("Kyiv • UNN").  Which matches are datelines is judged by
    :func:`datelines`.
    """
    mon, day, year = parts["MON"], parts["DAY"], parts["YEAR"]
    date_re = (
        rf"(?:(?P<mon_a>{mon})\s+(?P<day_a>{day})|(?P<day_b>{day})\s+(?P<mon_b>{mon}))"
        rf"(?:,?\s+(?P<year>{year}))?"
    )
    place = rf"(?P<place>{_TITLE_WORD}(?:[ \t]+{_TITLE_WORD}){{0,3}})"
    return compiled.compile(
        rf"[ \t]*{place}"
        rf"(?:"
        rf"(?:[,.][ \t]*(?P<country>{_TITLE_WORD}(?:[ \t]+{_TITLE_WORD})?))?"
        rf"(?:[,.]?[ \t]+(?P<date>{date_re}))?"
        rf"(?:[ \t]*\((?P<agency>{_AGENCY}(?:[ \t]+{_AGENCY}){{0,3}})\)"
        rf"|[ \t]+(?P<caps_agency>(?-i:[{_UP}]{{2,8}})))?"
        rf"[ \t]*(?P<dash>[—–]|--?)(?=[ \t\n]|\Z)"
        rf"|[ \t]*[•·|][ \t]*(?P<bullet_agency>{_AGENCY})[ \t]*(?:[—–]|--?)?"
        rf"(?=[ \t]+[{_UP}\"“«]|[ \t]*(?:\n|\Z))"
        rf")[ \t]*"
    )


@dataclass(frozen=True, slots=True)
class Dateline:
    """A wire dateline opening a paragraph: where and when a story was filed.

    "KYIV, Nov 25 (Reuters) - ", "ODESA, Ukraine — ", "Kyiv • UNN",
    "Київ, 19 листопада (Укрінформ) — ".  Its place is never a struck place;
    its date dates the story.

    Attributes
    ----------
    start, end : int
        Its offsets in the text, the dash and the blanks after it included
        (the paragraph's first sentence starts at ``end``).
    place : str
        The place as written.
    month, day : int or None
        Its date, when it gives one.
    year : int or None
        Its year, when it gives one.
    """

    start: int
    end: int
    place: str
    month: int | None
    day: int | None
    year: int | None

    def date(self, ref: date | None) -> datetime.date | None:
        """The dateline's date, its year from ``ref`` when it gives none.

        The year is the one putting the date nearest ``ref`` (a story filed
        on Dec 31 and published on Jan 1 keeps its year).

        Parameters
        ----------
        ref : date or None
            The publication date.

        Returns
        -------
        date or None
            None without a date, or without a year and ``ref``.
        """
        if self.month is None or self.day is None:
            return None
        if self.year is not None:
            return _safe_date(self.year, self.month, self.day)
        if ref is None:
            return None
        options = [
            d
            for y in (ref.year - 1, ref.year, ref.year + 1)
            if (d := _safe_date(y, self.month, self.day)) is not None
        ]
        return min(options, key=lambda d: abs((d - ref).days), default=None)


def datelines(text: str, lang: Language | None = None) -> list[Dateline]:
    """Find the wire datelines that open the paragraphs of a text.

    A dateline is a place at a line start, then optionally a country
    (", Ukraine"), a date ("Nov 25", "12 March", "19 листопада"), an agency
    ("(Reuters)", "(AP)", "CNN"), then a dash; or a place, a bullet and an
    agency ("Kyiv • UNN").  A place in capitals ("KYIV —", "ODESA, Ukraine
    —") needs nothing more; a place in title case needs a date or an agency
    (so "Kharkiv, Sumy — under fire" and "Nikopol (Dnipropetrovsk region) –"
    are no datelines).

    Parameters
    ----------
    text : str
        The text.
    lang : Language, optional
        Its language (month names); English by default.

    Returns
    -------
    list of Dateline
        In text order.

    Examples
    --------
    >>> found = datelines("KYIV, Nov 25 (Reuters) - Drones hit Sumy.")
    >>> [(d.place, d.month, d.day, d.end) for d in found]
    [('KYIV', 11, 25, 25)]
    """
    global _LAST_DATELINES
    lang = or_default(lang)
    found = _datelines(text, lang)
    _LAST_DATELINES = (text, lang, found)
    return list(found)


# The last text :func:`datelines` was asked for (the splitter asks for the
# whole article's), with its language and its datelines.
_LAST_DATELINES: tuple[str | None, Language | None, tuple[Dateline, ...]] = (
    None,
    None,
    (),
)


@lru_cache(maxsize=16)
def _datelines(text: str, lang: Language) -> tuple[Dateline, ...]:
    """:func:`datelines`, remembered (the splitter and the blocks ask)."""
    return tuple(_datelines_at(text, _grammar(lang), _line_starts(text)))


def _datelines_at(text: str, g: _Grammar, starts: Iterable[int]) -> list[Dateline]:
    """The datelines of ``text`` at the line starts ``starts``."""
    out = []
    for start in starts:
        m = g.dateline.match(text, start)
        if m is None:
            continue
        place = m["place"].rstrip(".")
        caps = place.upper() == place and sum(c.isalpha() for c in place) >= 3
        agency = m["agency"] or m["caps_agency"] or m["bullet_agency"]
        country = m["country"] or ""
        if " " in country and country.split()[-1].isupper():
            agency = agency or country.split()[-1]  # "Kyiv, Ukraine CNN —"
        elif not (m["date"] or agency or country) and len(place.split()) > 2:
            continue  # "RUSSIAN DRONES HIT KHARKIV — ..." is a headline
        if m["agency"] and " " in m["agency"] and not (caps or m["date"]):
            continue
        if not (caps or m["date"] or agency):
            continue
        if m["bullet_agency"] and not m["bullet_agency"].isupper():
            continue  # "Kyiv • UNN", "Київ • УНН"; "Kyiv • Lviv" lists places
        month = day = year = None
        if m["date"]:
            month = g.month(m["mon_a"] or m["mon_b"])
            day = _int_day(m["day_a"] or m["day_b"])
            year = int(m["year"]) if m["year"] else None
        end = m.end()
        out.append(Dateline(m.start("place"), end, place, month, day, year))
    return out


# a line start with a capital letter (a literal newline first: found fast)
_CAPITAL_LINE = compiled.compile(rf"\n[ \t]*[{_UP}]")
_CAPITAL_FIRST = compiled.compile(rf"[ \t]*[{_UP}]")


def _line_starts(text: str) -> list[int]:
    """The starts of the lines of ``text`` that begin with a capital letter."""
    out = [0] if _CAPITAL_FIRST.match(text) else []
    out.extend(m.start() + 1 for m in _CAPITAL_LINE.finditer(text))
    return out


def _head_dateline(
    text: str, lines: list[tuple[int, int]], lang: Language | None
) -> Dateline | None:
    """The first dated wire dateline among the first lines of a page."""
    last = _LAST_DATELINES
    if last[0] is text and last[1] == or_default(lang):
        # the splitter just read the whole page's datelines: most of the cut
        # text's are among them (the cut text misses the cache)
        found: Iterable[Dateline] = _head_of(text, lines, last[2], last[1])
    else:
        if len(lines) > _DATELINE_LINES:
            text = text[: lines[_DATELINE_LINES][0]]
        found = datelines(text, lang)
    return next((d for d in found if d.month is not None), None)


def _head_of(
    text: str,
    lines: list[tuple[int, int]],
    whole: tuple[Dateline, ...],
    lang: Language,
) -> list[Dateline]:
    r""":func:`datelines` of ``text`` cut before its line ``_DATELINE_LINES``.

    From ``whole``, the datelines of the whole text (``lines``: its
    :func:`_lines`), without matching the first lines again.  A dateline
    match stays on its line but for the blanks (``\s+``) before its day,
    its month and its year, so a match from a line start reaches at most two
    lines further: from a line before the last two of the cut text, it never
    reads the cut's end, and is what it is in the whole text (the dateline
    of ``whole`` on that line, or none).  The last two lines may reach the
    cut: they are matched again, in the cut text.
    """
    if len(lines) <= _DATELINE_LINES:
        return list(whole)
    first = lines[_DATELINE_LINES - 2][0]  # the first line that may reach the cut
    out = [d for d in whole if d.start < first]
    head = text[: lines[_DATELINE_LINES][0]]
    # the line starts (as :func:`_line_starts`) after the first lines but
    # the last two: a newline, blanks, a capital, within the cut text
    after = lines[_DATELINE_LINES - 3][1]
    starts = [m.start() + 1 for m in _CAPITAL_LINE.finditer(head, after)]
    out.extend(_datelines_at(head, _grammar(lang), starts))
    return out


#: How many non-blank lines from the top may hold the dateline that dates a page.
_DATELINE_LINES = 6


# ------------------------------------------------------------------- blocks

# a line's text from its first to its last character that is no space (as
# str.isspace: what the regex calls \s): the regex engine skips to the first,
# runs to the line's end and steps back over its trailing spaces
_LINE_RE = compiled.compile(r"\S(?:[^\n]*\S)?")


def _lines(text: str) -> list[tuple[int, int]]:
    """Non-blank lines as stripped (start, end) offsets."""
    return [m.span() for m in _LINE_RE.finditer(text)]


def _headline_like(line: str) -> bool:
    return len(line) <= 160 and line.rstrip()[-1:] not in ".!?…"


def _teaser_like(text: str, span: tuple[int, int], lang: Language | None) -> bool:
    line = text[span[0] : span[1]]
    return len(line) <= 400 and parse_date_line(line, lang=lang) is None


def _contentful(line: str) -> bool:
    return len(line.split()) >= 8


@dataclass(frozen=True, slots=True)
class _Dated:
    """A date line of a page: its line number and what it says."""

    line: int
    date: datetime.date | None
    kind: str


@dataclass(frozen=True, slots=True)
class _Teaser:
    """Lines ``[first, stop)`` of a page that belong to one date line."""

    first: int
    stop: int
    date: datetime.date | None
    kind: str


def dated_blocks(
    text: str, published: date | None, lang: Language | None = None
) -> list[Block]:
    """Cut a page into blocks, each with the date its text is relative to.

    A date line is a line that holds only a date (optionally with a time, a
    weekday, "Updated"/"Published", or a relative "3 hours ago").  Rules:

    - a date line among the first lines of the page, before the body, dates
      the whole page when ``published`` is None (``"dateline"``) and is
      otherwise ignored;
    - a wire dateline with a date opening one of the first lines ("KYIV, Nov
      25 (Reuters) -", see :func:`datelines`) dates the body: the day the
      story was filed, which its "overnight" and "on Tuesday" are relative
      to; its year is taken from ``published`` (or the date line) when it
      gives none (``"wire_dateline"``);
    - the other date lines form teaser lists.  When nothing (or only short
      boilerplate) follows the last date line, each date line closes the
      teaser above it: the text between two date lines belongs to the lower
      one, and the first teaser takes as many lines above the first date line
      as the other teasers have (two, headline and summary, when there is
      only one date line).  Otherwise each date line heads the teaser below
      it, and the last teaser takes that many lines;
    - everything else belongs to ``published`` (``"published"``).

    Blocks are contiguous, in order, and cover the whole text.

    Parameters
    ----------
    text : str
        Page text, one paragraph or headline per line.
    published : date or None
        Publication date of the article.
    lang : Language, optional
        English by default.

    Returns
    -------
    list of Block
    """
    if not text:
        return []
    lines = _lines(text)
    dates: list[_Dated] = []
    for i, (s, e) in enumerate(lines):
        if e - s > 80:
            continue
        parsed = parse_date_line(text[s:e], published, lang)
        if parsed is not None:
            dates.append(_Dated(i, parsed.date, parsed.kind))
    body = Block(0, len(text), published, "published")
    if dates and _is_header(lines, dates):
        d0 = dates[0].date
        dates = dates[1:]
        if published is None and d0 is not None:
            body = Block(0, len(text), d0, "dateline")
    wire = _head_dateline(text, lines, lang)
    if wire is not None and (d := wire.date(body.ref_date)) is not None:
        body = Block(0, len(text), d, "wire_dateline")
    if not dates:
        return [body]
    return _blocks(text, _teasers(text, lines, dates, lang), lines, body)


def _teasers(
    text: str, lines: list[tuple[int, int]], dates: list[_Dated], lang: Language | None
) -> list[_Teaser]:
    """The line ranges of the teasers the date lines belong to."""
    teasers: list[_Teaser] = []
    idx = [d.line for d in dates]
    gaps = [b - a - 1 for a, b in zip(idx, idx[1:], strict=False)]
    k = max(1, min(int(median(gaps)) if gaps else 2, 6))
    tail = lines[idx[-1] + 1 :]
    after = not any(_contentful(text[s:e]) for s, e in tail[:k])
    if after:  # each date line closes the teaser above it
        for n, d in enumerate(dates):
            i = d.line
            if n:
                a = idx[n - 1] + 1
            else:
                a = i
                while a > 0 and i - a < k and _teaser_like(text, lines[a - 1], lang):
                    a -= 1
                if not gaps:
                    a = _single_teaser_start(text, lines, a, i)
            teasers.append(_Teaser(a, i + 1, d.date, d.kind))
    else:  # each date line heads the teaser below it
        for n, d in enumerate(dates):
            i = d.line
            if n + 1 < len(dates):
                b = idx[n + 1]
            else:
                b = i + 1
                while (
                    b < len(lines)
                    and b - i - 1 < k
                    and _teaser_like(text, lines[b], lang)
                ):
                    b += 1
            teasers.append(_Teaser(i, b, d.date, d.kind))
    return teasers


def _blocks(
    text: str, teasers: list[_Teaser], lines: list[tuple[int, int]], body: Block
) -> list[Block]:
    """Contiguous blocks: the teasers, and the body's date between them."""
    pieces: list[Block] = []
    pos = 0
    for t in teasers:
        start, end = lines[t.first][0], lines[t.stop - 1][1]
        if text[pos:start].strip():
            pieces.append(Block(pos, start, body.ref_date, body.dated_by))
        pieces.append(Block(max(start, pos), end, t.date, t.kind))
        pos = end
    if pos < len(text):
        pieces.append(Block(pos, len(text), body.ref_date, body.dated_by))
    blocks: list[Block] = []
    for piece in pieces:
        end, d, kind = piece.end, piece.ref_date, piece.dated_by
        if (
            blocks
            and blocks[-1].dated_by == kind == body.dated_by
            and blocks[-1].ref_date == d
        ):
            blocks[-1] = Block(blocks[-1].start, end, d, kind)
        else:
            blocks.append(Block(blocks[-1].end if blocks else 0, end, d, kind))
    last = blocks[-1]
    blocks[-1] = Block(last.start, len(text), last.ref_date, last.dated_by)
    return blocks


def _is_header(lines: list[tuple[int, int]], dates: list[_Dated]) -> bool:
    """Tell whether the first date line heads the page rather than a teaser."""
    first_long = next((i for i, (s, e) in enumerate(lines) if e - s >= 150), len(lines))
    if dates[0].kind != "date_line" or dates[0].line >= min(first_long, 4):
        return False
    if len(dates) == 1:
        return True
    idx = [d.line for d in dates]
    gap0 = idx[1] - idx[0] - 1
    others = [b - a - 1 for a, b in zip(idx[1:], idx[2:], strict=False)]
    return gap0 >= 6 or (bool(others) and gap0 > 2 * median(others))


def _single_teaser_start(
    text: str, lines: list[tuple[int, int]], a: int, i: int
) -> int:
    """For a lone date line, keep the lines above it only if they read as a teaser."""
    cand = list(range(a, i))
    if not cand:
        return i
    first = text[lines[cand[0]][0] : lines[cand[0]][1]]
    if len(cand) >= 2 and _headline_like(first):
        return cand[0]
    last = text[lines[cand[-1]][0] : lines[cand[-1]][1]]
    if _headline_like(last):
        return cand[-1]
    return i


_block_start = attrgetter("start")  # bisect's key: no list of starts per call


def block_at(blocks: list[Block], offset: int) -> Block | None:
    """Return the block holding character ``offset`` (None when outside all).

    Parameters
    ----------
    blocks : list of Block
        Contiguous blocks as returned by :func:`dated_blocks`.
    offset : int
        A character offset into the text.

    Returns
    -------
    Block or None
    """
    if not blocks:
        return None
    i = bisect.bisect_right(blocks, offset, key=_block_start) - 1
    if i < 0:
        return None
    blk = blocks[i]
    return (
        blk
        if blk.start <= offset < blk.end or offset == blk.end == blocks[-1].end
        else None
    )


# --------------------------------------------------------------- event dates

_EXPLICIT = frozenset(("iso", "numeric", "dmy", "mdy", "dm", "md", "dom", "numeric_dm"))


def _weekday_on_or_before(ref: date, wd: int) -> date:
    return ref - timedelta(days=(ref.weekday() - wd) % 7)


def _year_for(month: int, day: int | None, ref: date) -> int:
    """Return the year that puts month/day on or before ``ref`` (never after)."""
    year = ref.year
    if (month, day or 1) > (ref.month, ref.day):
        year -= 1
    return year


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _day_guess(
    d: date | None, cue: str, window: tuple[date, date] | None = None
) -> DateGuess:
    if d is None:
        return DateGuess(None, "unknown", None, cue)
    return DateGuess(d, "day", window or (d, d), cue)


def _month_guess(y: int, m: int, cue: str, upto: date | None = None) -> DateGuess:
    first = date(y, m, 1)
    last = date(y, m, calendar.monthrange(y, m)[1])
    if upto is not None and upto < last:
        last = upto
    return DateGuess(first, "month", (first, last), cue)


@quick_init  # ~1.5 made per sentence with date words
@dataclass(frozen=True, slots=True)
class _Found:
    """One date expression of a sentence, matched and read."""

    start: int
    end: int
    guess: DateGuess
    kind: str


class _Match:
    """A matched date expression: its kind, groups, and the grammar reading it."""

    __slots__ = ("kind", "m", "groups", "cue", "g")

    def __init__(self, kind: str, m: re.Match[str], g: _Grammar):
        self.kind, self.m, self.g = kind, m, g
        # a match of one part of the grammar (see :class:`_Dispatch`) lacks the
        # groups of the other parts, which are None in a match of the whole
        index = m.re.groupindex
        self.groups: dict[str, Any] = {
            own: m.group(k) if k in index else None for k, own in g.kind_groups[kind]
        }
        self.cue = " ".join((m.group(f"_{kind}") or "").split())

    def words(self, group: str) -> list[str]:
        """The lower-cased words of a group (none when it did not match)."""
        return (self.groups.get(group) or "").lower().split()

    def unknown(self) -> DateGuess:
        return DateGuess(None, "unknown", None, self.cue)


# Each kind of date expression (the names in dates.json) and how to read it:
# absolute ones need no reference date, relative ones get ``ref`` not None.
_Reader = Callable[[_Match, date], "DateGuess | None"]


def _night_range(x: _Match, ref: date | None) -> DateGuess | None:
    """A night range ("the night of 3 to 4 July"): the 4th, from the 3rd.

    Without a first day ("у ніч на 4 липня", the night into the 4th) the night
    starts the day before; a numeric month ("у ніч на 04.07") reads as one.
    """
    g = x.groups
    month = int(g["mm"]) if g.get("mm") else x.g.month(g["mon"])
    db = int(g["db"])
    da = int(g["da"]) if g.get("da") else db - 1
    if g.get("year"):
        year = int(g["year"])
    elif ref is not None:
        year = _year_for(month, db, ref)
    else:
        return x.unknown()
    end = _safe_date(year, month, db)
    if end is None:
        return None
    start = (
        end - timedelta(days=1) if da == db - 1 else _safe_date(year, month, da) or end
    )
    return _day_guess(end, x.cue, (min(start, end), end))


def _iso(x: _Match, ref: date | None) -> DateGuess | None:
    g = x.groups
    d = _safe_date(int(g["year"]), int(g["mm"]), int(g["dd"]))
    return _day_guess(d, x.cue) if d else None


def _numeric(x: _Match, ref: date | None) -> DateGuess | None:
    """Digits ("28.05.2022", "5/28/2022"): day first unless it cannot be."""
    g = x.groups
    a, b, year = int(g["a"]), int(g["b"]), int(g["year"])
    dmy, mdy = _safe_date(year, b, a), _safe_date(year, a, b)
    if g["sep"] == "." or dmy == mdy or mdy is None:
        d = dmy
    elif dmy is None:
        d = mdy
    elif ref is None:
        d = dmy
    else:  # ambiguous day/month: the reading nearest ref, not after it
        past = [c for c in (dmy, mdy) if c <= ref] or [dmy, mdy]
        d = min(past, key=lambda c: abs((ref - c).days))
    return _day_guess(d, x.cue) if d else None


def _full_date(x: _Match, ref: date | None) -> DateGuess | None:
    g = x.groups
    d = _safe_date(int(g["year"]), x.g.month(g["mon"]), _int_day(g["dd"]))
    return _day_guess(d, x.cue) if d else None


def _month_year(x: _Match, ref: date | None) -> DateGuess | None:
    return _month_guess(int(x.groups["year"]), x.g.month(x.groups["mon"]), x.cue)


def _day_month(x: _Match, ref: date | None) -> DateGuess | None:
    """A day and month ("on May 28"): the year putting it on or before ``ref``."""
    if ref is None:
        return x.unknown()
    month, day = x.g.month(x.groups["mon"]), _int_day(x.groups["dd"])
    d = _safe_date(_year_for(month, day, ref), month, day)
    return _day_guess(d, x.cue) if d else None


def _day_of_month(x: _Match, ref: date | None) -> DateGuess | None:
    """A day ("on the 28th"): this month's, or last month's when after ``ref``."""
    if ref is None:
        return x.unknown()
    day = int(x.groups["dd"])
    y, mth = ref.year, ref.month
    if day > ref.day:
        y, mth = (y - 1, 12) if mth == 1 else (y, mth - 1)
    d = _safe_date(y, mth, day)
    return _day_guess(d, x.cue) if d else None


def _numeric_day_month(x: _Match, ref: date | None) -> DateGuess | None:
    """Day and month in digits without a year ("19.11"): on or before ``ref``."""
    if ref is None:
        return x.unknown()
    month, day = int(x.groups["mm"]), int(x.groups["dd"])
    d = _safe_date(_year_for(month, day, ref), month, day)
    return _day_guess(d, x.cue) if d else None


def _as_of(x: _Match, ref: date | None) -> DateGuess | None:
    """A summary's time stamp ("станом на 08:00 19 листопада"): the day before it."""
    g = x.groups
    month = int(g["mm"]) if g.get("mm") else x.g.month(g["mon"])
    day = _int_day(g["dd"])
    if g.get("year"):
        year = int(g["year"])
    elif ref is not None:
        year = _year_for(month, day, ref)
    else:
        return x.unknown()
    d = _safe_date(year, month, day)
    if d is None:
        return None
    return _day_guess(d - timedelta(days=1) if d > date.min else d, x.cue)


def _weekday_range(x: _Match, ref: date) -> DateGuess | None:
    """A weekday range ("the night of Thursday to Friday"): Thursday to Friday."""
    wa, wb = x.g.weekday(x.groups["wa"]), x.g.weekday(x.groups["wb"])
    end = _weekday_on_or_before(ref, wb)
    start = end - timedelta(days=(wb - wa) % 7 or 1)
    return _day_guess(end, x.cue, (start, end))


def _weekday(x: _Match, ref: date) -> DateGuess | None:
    """A weekday ("on Tuesday", "early Tuesday", "Monday night", "last Tuesday")."""
    words = x.g.wd_words
    pre, post = set(x.words("pre")), set(x.words("post"))
    if pre & words["ignored_lead"] and not x.g.strike_owned.match(
        x.m.string, x.m.end() - 2
    ):
        # "from Monday to Friday"; but "from Thursday's strike" dates it
        return None
    d = _weekday_on_or_before(ref, x.g.weekday(x.groups["wd"]))
    if pre & words["last"] and d == ref:
        d -= timedelta(days=7)
    if x.groups.get("wb"):
        end = _weekday_on_or_before(ref, x.g.weekday(x.groups["wb"]))
        return _day_guess(end, x.cue, (end - timedelta(days=1), end))
    if pre & words["night_before"] or post & words["night_before_post"]:
        return _day_guess(d, x.cue, (d - timedelta(days=1), d))
    night = bool(post & words["night"])
    if night or (pre & words["late"] and not post):
        return _day_guess(d, x.cue, (d, d + timedelta(days=1)) if night else (d, d))
    return _day_guess(d, x.cue)


def _days_ago(x: _Match, ref: date) -> DateGuess | None:
    n = x.g.ago(x.groups["n"]) if x.groups.get("n") else 1
    if x.groups.get("weeks"):
        d = ref - timedelta(days=7 * n)
        return DateGuess(
            d, "week", (d - timedelta(days=3), d + timedelta(days=3)), x.cue
        )
    return _day_guess(ref - timedelta(days=n), x.cue)


def _day_before(x: _Match, ref: date) -> DateGuess | None:
    """The day before ("yesterday"); its night runs into ``ref``.

    Also "the day before yesterday" with ``ref`` one day back ("позавчора
    ввечері", "позавчора вночі").
    """
    d = ref - timedelta(days=1)
    if set(x.words("post")) & x.g.wd_words["night"]:
        return _day_guess(d, x.cue, (d, ref))
    return _day_guess(d, x.cue)


def _month_name(x: _Match, ref: date) -> DateGuess | None:
    """A month ("in May", "last March"): the latest such month up to ``ref``."""
    pre = x.groups["pre"].lower()
    if pre in x.g.month_words["ignored_lead"]:
        return None
    month = x.g.month(x.groups["mon"])
    year = _year_for(month, None, ref)
    if pre in x.g.month_words["last"] and year == ref.year and month == ref.month:
        year -= 1
    upto = ref if (year, month) == (ref.year, ref.month) else None
    return _month_guess(year, month, x.cue, upto=upto)


def _last_weekend(x: _Match, ref: date) -> DateGuess:
    sat = _weekday_on_or_before(ref - timedelta(days=1), 5)
    return DateGuess(sat, "week", (sat, min(sat + timedelta(days=1), ref)), x.cue)


def _last_week(x: _Match, ref: date) -> DateGuess:
    monday = ref - timedelta(days=ref.weekday() + 7)
    return DateGuess(monday, "week", (monday, monday + timedelta(days=6)), x.cue)


def _this_week(x: _Match, ref: date) -> DateGuess:
    monday = ref - timedelta(days=ref.weekday())
    return DateGuess(monday, "week", (monday, ref), x.cue)


def _last_month(x: _Match, ref: date) -> DateGuess:
    y, mth = (ref.year - 1, 12) if ref.month == 1 else (ref.year, ref.month - 1)
    return _month_guess(y, mth, x.cue)


#: Kinds read without a reference date where they can be.
_ABSOLUTE: dict[str, Callable[[_Match, date | None], DateGuess | None]] = {
    "night_dm": _night_range,
    "night_md": _night_range,
    "iso": _iso,
    "numeric": _numeric,
    "dmy": _full_date,
    "mdy": _full_date,
    "my": _month_year,
    "dm": _day_month,
    "md": _day_month,
    "dom": _day_of_month,
    "night_into": _night_range,
    "night_into_num": _night_range,
    "numeric_dm": _numeric_day_month,
    "as_of": _as_of,
    "as_of_num": _as_of,
}
#: Kinds relative to the reference date.
_RELATIVE: dict[str, _Reader] = {
    "weekday_range": _weekday_range,
    "weekday": _weekday,
    "days_ago": _days_ago,
    "two_days_before": lambda x, ref: _day_before(x, ref - timedelta(days=1)),
    "day_before": _day_before,
    "this_night": lambda x, ref: _day_guess(ref, x.cue, (ref, ref + timedelta(days=1))),
    "past_night": lambda x, ref: _day_guess(ref, x.cue, (ref - timedelta(days=1), ref)),
    "same_day": lambda x, ref: _day_guess(ref, x.cue),
    "previous_day": lambda x, ref: _day_guess(ref - timedelta(days=1), x.cue),
    "last_weekend": _last_weekend,
    "last_week": _last_week,
    "this_week": _this_week,
    "last_month": _last_month,
    "this_month": lambda x, ref: _month_guess(ref.year, ref.month, x.cue, upto=ref),
    "month": _month_name,
    "vague": lambda x, ref: x.unknown(),
}


def _days_after(x: _Match, ref: date) -> DateGuess | None:
    """An attack some time before ``ref`` ("a day after", "hours after" it)."""
    if x.groups.get("hours"):
        return _day_guess(ref, x.cue, (ref - timedelta(days=1), ref))
    n = x.g.ago(x.groups["n"]) if x.groups.get("n") else 1
    if x.groups.get("weeks"):
        d = ref - timedelta(days=7 * n)
        return DateGuess(
            d, "week", (d - timedelta(days=3), d + timedelta(days=3)), x.cue
        )
    return _day_guess(ref - timedelta(days=n), x.cue)


_RELATIVE.update(
    {
        "day_before_that": lambda x, ref: _day_guess(ref - timedelta(days=1), x.cue),
        "night_before_that": lambda x, ref: _day_guess(
            ref, x.cue, (ref - timedelta(days=1), ref)
        ),
        "days_after": _days_after,
    }
)
#: Kinds counted from another day the sentence (or the story) names, not from
#: the reference day: "the previous evening", "a day after the attack".
_PIVOTED = frozenset(("day_before_that", "night_before_that", "days_after"))
#: Kinds that speak of the night before the day they give.
_NIGHT_CUES = frozenset(("past_night",))


def _interpret(x: _Match, ref: date | None) -> DateGuess | None:
    """Turn one matched date expression into a guess; None to ignore it."""
    absolute = _ABSOLUTE.get(x.kind)
    if absolute is not None:
        return absolute(x, ref)
    if ref is None:
        return x.unknown()
    relative = _RELATIVE.get(x.kind)
    return relative(x, ref) if relative is not None else None


def _kind(m: re.Match[str]) -> str:
    """The kind of date expression a match of the whole grammar is."""
    if m.lastgroup and m.lastgroup.startswith("_"):
        return m.lastgroup[1:]
    return next(
        k[1:] for k, v in m.groupdict().items() if k.startswith("_") and v is not None
    )


#: The day relative expressions count from when the sentence names none, or
#: a function giving it (called only when needed).
Pivot = date | Callable[[], date | None] | None


def _read_match(x: _Match, ref: date | None) -> DateGuess | None:
    """:func:`_interpret`, unknown for a date past what the calendar holds."""
    try:
        return _interpret(x, ref)
    except (OverflowError, ValueError):
        # counted past what ``datetime.date`` holds (year 1 to 9999): a date
        # no calendar arithmetic can give, so unknown
        return DateGuess(None, "unknown", None, x.cue)


def _candidates(
    sentence: str, ref_date: date | None, g: _Grammar, pivot: Pivot = None
) -> list[_Found]:
    """Every date expression of a sentence that dates its event, in order.

    An expression relative to another day (:data:`_PIVOTED`) counts from the
    nearest day the sentence names before it, else after it, else from
    ``pivot``, else from ``ref_date``; "a day after" counts only when an
    attack follows it.
    """
    scanned, pivoted = _scan(sentence, ref_date, g)
    found = list(scanned)
    for i, x in pivoted:
        day = _pivot(found, i)
        if day is None:
            day = pivot() if callable(pivot) else pivot
        if day is not None:
            guess = _read_match(x, day)
            if guess is not None:
                f = found[i]
                found[i] = _Found(f.start, f.end, guess, f.kind)
    return found


@lru_cache(maxsize=4096)
def _scan(
    sentence: str, ref_date: date | None, g: _Grammar
) -> tuple[tuple[_Found, ...], tuple[tuple[int, _Match], ...]]:
    """The date expressions of a sentence, read from ``ref_date``.

    With the pivoted ones among them (by index), still to read from their
    day.  Cached: the stages ask for a sentence's dates more than once (a tally,
    its places, the story), and wire copy repeats sentences.
    """
    found: list[_Found] = []
    pivoted: dict[int, _Match] = {}
    low = sentence.lower()
    # whether ``low`` reads as the sentence does, asked once for both passes
    # (the first asks only where it searches ``low`` for months)
    reads = folds = None
    if g.cue_low is not None:
        reads = _reads_as(sentence, low)
        folds = reads or _folds_as_regex(sentence, low)
    first = _first_cue(sentence, g, low, folds)
    scan: Iterable[re.Match[str]] = ()
    if first >= 0:
        if reads is None:
            reads = _reads_as(sentence, low)
        scan = g.event_at.finditer(
            sentence, max(0, first - 40), lowered=low, reads=reads
        )
    for m in scan:
        x = _Match(_kind(m), m, g)
        if x.kind == "days_after" and not _after_strike(sentence, m.end(), g):
            continue  # "two days after the talks": another event
        guess = _read_match(x, ref_date)
        if guess is None or (
            _demoted(sentence, m.start(), g) and not _owns_strike(sentence, m.end(), g)
        ):
            continue  # "since Monday"; but "from Monday's strike" dates it
        if (
            found
            and found[-1].kind == "weekday"
            and x.kind in _EXPLICIT
            and g.apposition.fullmatch(sentence, found[-1].end, m.start())
        ):
            found.pop()  # "on Tuesday, February 2nd": the date decides
        if x.kind in _PIVOTED:
            pivoted[len(found)] = x
        found.append(_Found(m.start(), m.end(), guess, x.kind))
    return tuple(found), tuple(pivoted.items())


def _after_strike(sentence: str, end: int, g: _Grammar) -> bool:
    """Whether an undated attack follows "a day after" ending at ``end``.

    "a day after a Russian missile attack" dates that attack; "a week after
    the May 25 attack" dates the sentence's event from that date, and "two
    days after the talks" another event.
    """
    m = g.after_strike.match(sentence, end) if g.after_strike else None
    return m is not None and g.event.search(sentence, end, m.end()) is None


def _pivot(found: list[_Found], i: int) -> date | None:
    """The day the ``i``-th expression counts from (the nearest before, else after)."""
    days = [
        (j > i, abs(j - i), f.guess.date)
        for j, f in enumerate(found)
        if f.kind not in _PIVOTED and f.guess.precision == "day" and f.guess.date
    ]
    return min(days)[2] if days else None


def event_date(
    sentence: str,
    ref_date: date | None,
    *,
    anchor: int | None = None,
    lang: Language | None = None,
    pivot: Pivot = None,
) -> DateGuess:
    """Read the date of the event a sentence reports.

    Relative expressions are resolved against ``ref_date`` (the publication
    date, or a teaser's own date):

    - "overnight", "last night", "in the early hours": ``ref_date``, window
      ``(ref - 1, ref)``; "tonight": ``ref``, window ``(ref, ref + 1)``;
    - "on Tuesday", "Tuesday morning": the latest Tuesday on or before
      ``ref_date``; "early Tuesday", "overnight Tuesday": window ``(Mon, Tue)``;
      "Monday night": Monday, window ``(Mon, Tue)``; "last Tuesday": strictly
      before ``ref_date``; "next Tuesday" is ignored;
    - "the night of Thursday to Friday": Friday, window ``(Thu, Fri)``;
    - "yesterday": ``ref - 1``; "today", "this morning": ``ref``;
    - relative to another day (the nearest day the sentence names before,
      else after, else ``pivot``, else ``ref_date``): "the previous evening",
      "the day before", "a day earlier" are the day before it; "the previous
      night" the night into it; "a day after", "two days after", "hours
      after" followed by an attack date that attack back from it, and own
      it: "visited Odesa on Tuesday, a day after a missile attack on the
      city" is Monday's attack (unless the place's own clause reports a
      strike: "drones hit Sumy on Tuesday, a day after ...");
    - "last week": precision "week", the Monday of the previous ISO week, window
      that Monday to Sunday; "this week": Monday of ref's week to ref;
    - "last month", "earlier this month", "in May": precision "month", the
      first of the month, window the month (up to ``ref`` for the current one);
    - explicit dates: "28 May 2022", "May 28, 2022", "2022-05-28", "28.05.2022";
      "on May 28", "on February 2nd", "on the 28th" take the year (month) that
      puts them on or before ``ref_date``.

    Expressions led by "since", "after", "before", "will", "scheduled", ...
    date another event and are passed over.  Several candidates: see
    :func:`_choose`.  When nothing dates the sentence, ``ref_date`` with
    precision "day" and cue "published" (a strike report tells the latest
    events); when ``ref_date`` is None, relative expressions and the default
    give date None and precision "unknown", while explicit full dates still
    work.  An expression that reaches past the calendar ("99999999 days
    ago", "overnight" from 0001-01-01) gives date None and precision
    "unknown" too.

    Parameters
    ----------
    sentence : str
        One sentence (or a short passage).
    ref_date : date or None
        The date the text is relative to.
    anchor : int, optional
        Character offset in ``sentence`` to prefer the nearest expression to.
    lang : Language, optional
        English by default.
    pivot : date or callable, optional
        The day the story gave last: what "the previous evening" counts from
        when the sentence names no day of its own; a function giving it is
        called only then.

    Returns
    -------
    DateGuess
    """
    g = _grammar(lang)
    found = _candidates(sentence, ref_date, g, pivot)
    cuts = None  # where the sentence's clauses start, read once when needed
    if found and anchor is not None and g.other_event is not None:
        if _one_clause(sentence, found, anchor, g):
            # no clause break between the dates and the anchor: every date is
            # of the anchor's clause, which keeps them all; and no cut tells
            # them apart, as if the sentence had none
            cuts = []
        else:
            cuts = _clause_starts(sentence, g)
            found = _own_clause(sentence, found, anchor, g, cuts)
    if found:
        return _choose(sentence, found, anchor, g, cuts)
    if ref_date is None:
        return DateGuess(None, "unknown", None, "")
    return DateGuess(ref_date, "day", (ref_date, ref_date), "published")


def _choose(
    sentence: str,
    found: list[_Found],
    anchor: int | None,
    g: _Grammar,
    cuts: list[int] | None = None,
) -> DateGuess:
    """The date of a sentence that has date expressions: :func:`_choose_among`.

    One expression is the date whatever the rules say: the possessive or the
    expression an attack noun owns is it, "a day after" is it or is kept as
    the only one, explicit dates keep it, and the nearest of one is it.
    """
    if len(found) == 1:
        return found[0].guess
    return _choose_among(sentence, found, anchor, g, cuts)


def _choose_among(
    sentence: str,
    found: list[_Found],
    anchor: int | None,
    g: _Grammar,
    cuts: list[int] | None = None,
) -> DateGuess:
    """The date of a sentence that has several date expressions.

    A possessive date owning the attack ("Thursday's missile strike") wins;
    else explicit dates beat relative words; then, with an ``anchor`` (the
    offset of the place mention), the nearest one in the anchor's clause
    (clauses cut at commas, semicolons, dashes and "and"), else the nearest;
    without an anchor, the first.  ``cuts``: :func:`_clause_starts` of the
    sentence, when the caller has them.
    """
    # "Thursday's missile strike", "Monday's attack": the possessive dates the
    # strike itself, whatever else the sentence dates ("rose on Saturday")
    for c in found:
        if _owns_strike(sentence, c.end, g):
            return c.guess
    if g.strike_owned_lead is not None:
        # "після удару 19 листопада по ...": the attack noun before it owns it
        for c in found:
            if c.kind in _OWNABLE and g.strike_owned_lead.search(
                sentence, max(0, c.start - 60), c.start
            ):
                return c.guess
    after = [c for c in found if c.kind == "days_after"]
    if after and anchor is not None:
        # "visited Odesa on Tuesday, a day after a missile attack on the city":
        # the attack dates a place whose own clause reports none; a place
        # whose clause does ("drones hit Sumy, a day after ...") keeps its own
        c = after[0]
        if anchor < c.start:
            # (the clause breaks before the anchor, apart from ``cuts``: when
            # the attack words keep the place's own date, its clause is told
            # below by every break of the sentence)
            ends = [m.end() for m in g.clause_cut.finditer(sentence, 0, anchor)]
            lead = sentence[ends[-1] if ends else 0 : c.start]
            if g.attack is not None and not g.attack.search(lead):
                return c.guess
            found = [f for f in found if f.kind != "days_after"] or found
    explicit = [c for c in found if c.kind in _EXPLICIT]
    if explicit and len(explicit) < len(found):
        # "overnight on May 4": the date decides; the relative word only
        # says the night before it counts too
        night = any(c.kind in _NIGHT_CUES for c in found)
        found = [
            _Found(c.start, c.end, _overnight(c.guess), c.kind)
            if night and c.guess.precision == "day"
            else c
            for c in explicit
        ]
    if anchor is None or len(found) == 1:
        return found[0].guess  # the first; or the only one, whatever its distance
    if cuts is None:
        # one clause (see :func:`_one_clause`): no cut tells the dates apart
        cuts = [] if _one_clause(sentence, found, anchor, g) else None
    if cuts is None:
        cuts = _clause_starts(sentence, g)
    here = bisect.bisect_right(cuts, anchor)
    if cuts and g.attack is not None:
        found = _relative_clause_dates(sentence, found, cuts, here, g)

    def distance(c: _Found) -> tuple[bool, int]:
        same = bisect.bisect_right(cuts, c.start) == here
        if c.start <= anchor < c.end:
            return (not same, 0)
        return (not same, min(abs(c.start - anchor), abs(c.end - anchor)))

    return min(found, key=distance).guess


def _relative_clause_dates(
    sentence: str, found: list[_Found], cuts: list[int], here: int, g: _Grammar
) -> list[_Found]:
    """The dates of a relative clause telling the attack, when the anchor's does not.

    "Zelenskiy on Tuesday visited Sumy, where a missile strike killed 35 on
    Sunday": the anchor's clause has no attack words and the next starts with
    a word of ``place_relative`` ("where"); the clauses from it to Sunday tell
    the attack, and Sunday dates the strike at Sumy.  Otherwise ``found`` as
    it is ("hit Kharkiv on Monday, Sumy on Tuesday": an elided verb).
    """
    assert g.attack is not None

    def clause(k: int) -> tuple[int, int]:
        return (cuts[k - 1] if k else 0, cuts[k] if k < len(cuts) else len(sentence))

    lo, hi = clause(here)
    if (
        g.place_relative is None
        or not g.place_relative.match(sentence, hi)
        or g.attack.search(sentence, lo, hi)
    ):
        return found
    told = []
    for c in found:
        k = bisect.bisect_right(cuts, c.start)
        # the clauses from the anchor's to the date's, the date's with them
        # (", including children, on Sunday" ends the attack's clause)
        if k > here and g.attack.search(sentence, hi, clause(k)[1]):
            told.append(c)
    return told or found


def _owns_strike(sentence: str, end: int, g: _Grammar) -> bool:
    """Whether the date ending at ``end`` is a possessive owning an attack.

    "Thursday's missile strike", "yesterday's attack" (the ``'s`` inside
    the match or just after it).
    """
    return bool(
        g.strike_owned.match(sentence, max(0, end - 2))
        or g.strike_owned.match(sentence, end)
    )


#: Kinds an attack noun before them may own ("удар 19 листопада").
_OWNABLE = _EXPLICIT | {
    "night_dm", "night_md", "night_into", "night_into_num", "weekday", "weekday_range",
}  # fmt: skip


def _clause_starts(sentence: str, g: _Grammar) -> list[int]:
    """Where the clauses of a sentence start, after the first (``clause_cut``).

    The answer for the last sentence object asked is remembered: a sentence
    naming several places is asked once for each (see
    :func:`geo.extract.dating.date_places`).  Callers only read the list.
    """
    global _LAST_CUTS
    last = _LAST_CUTS
    if last[0] is sentence and last[1] is g:
        return last[2]
    cuts = [m.start() for m in g.clause_cut.finditer(sentence)]
    _LAST_CUTS = (sentence, g, cuts)
    return cuts


def _one_clause(sentence: str, found: list[_Found], anchor: int, g: _Grammar) -> bool:
    r"""Whether no clause of the sentence starts between the dates and ``anchor``.

    True means every date starts in the anchor's clause, as
    :func:`_clause_starts` would cut it: one search from just after the
    first of them (or the anchor) to the first break, rather than every
    break of the sentence.  A search from an offset reads the characters
    before it as the whole sentence's search does (``\b``), so a break the
    whole search finds at ``x`` is found at ``x`` or before; a break found
    only here (inside another one) gives False: the full path decides.
    """
    lo = hi = anchor
    for c in found:
        if c.start < lo:
            lo = c.start
        elif c.start > hi:
            hi = c.start
    x = _next_cut(sentence, lo, g.clause_cut, g.clause_shifted)
    return x < 0 or x > hi


def _next_cut(
    sentence: str, lo: int, cut: re.Pattern[str], shifted: re.Pattern[str] | None
) -> int:
    """Where the first match of ``cut`` after ``lo`` starts (-1 when none).

    ``shifted``: :func:`_shifted_cut` of ``cut``, searched from ``lo``, where
    breaks lean on a non-word character; None to search ``cut`` itself.
    """
    if shifted is not None:
        s = shifted.search(sentence, lo)
        if s is None:
            return -1
        x = s.start() if s.start("_after") < 0 else s.start() + 1
        if x > lo:
            return x
        # a break at ``lo`` itself: the next is asked of ``cut``
    # (``finditer``: the only method of the pattern the tests' counting
    # stand-in has)
    m = next(cut.finditer(sentence, lo + 1), None)
    return -1 if m is None else m.start()


# The last sentence object _clause_starts cut, with its grammar and the cuts.
_LAST_CUTS: tuple[str | None, _Grammar | None, list[int]] = (None, None, [])


def _own_clause(
    sentence: str, found: list[_Found], anchor: int, g: _Grammar, cuts: list[int]
) -> list[_Found]:
    """Drop the dates of other clauses that tell another, earlier event.

    A date outside the anchor's clause does not date the anchor when its own
    clause marks an earlier event (``other_event``: "раніше", "востаннє")
    or when it is only a week or a month ("минулого тижня внаслідок удару
    загинули ...", "у березні росіяни вже атакували ..."): that date stays
    with its clause.  ``cuts``: :func:`_clause_starts` of the sentence.
    """
    assert g.other_event is not None
    here = bisect.bisect_right(cuts, anchor)
    kept = []
    for c in found:
        clause = bisect.bisect_right(cuts, c.start)
        if clause != here and not c.start <= anchor < c.end:
            if c.guess.precision in ("week", "month"):
                continue
            lo = cuts[clause - 1] if clause else 0
            hi = cuts[clause] if clause < len(cuts) else len(sentence)
            if g.other_event.search(sentence, lo, hi):
                continue
        kept.append(c)
    return kept


def counts_from_another_day(sentence: str, lang: Language | None = None) -> bool:
    """Whether a sentence has a date counted from another day.

    "the previous evening", "the day before", "a day after": the day they
    give depends on the day the story named last (``pivot`` of
    :func:`event_date`) when the sentence names none.

    Parameters
    ----------
    sentence : str
        The sentence.
    lang : Language, optional
        English by default.

    Returns
    -------
    bool
    """
    g = _grammar(lang)
    return g.pivoted is not None and g.pivoted.search(sentence) is not None


def has_date_words(sentence: str, lang: Language | None = None) -> bool:
    """Whether a sentence has a word a date expression may start with.

    A quick test before :func:`event_date`: False means no date words.

    Parameters
    ----------
    sentence : str
        The sentence.
    lang : Language, optional
        English by default.

    Returns
    -------
    bool
    """
    return _first_cue(sentence, _grammar(lang)) >= 0


def _first_cue(
    sentence: str, g: _Grammar, low: str | None = None, folds: bool | None = None
) -> int:
    """Return where the first possible date word is (-1 when none).

    ``low``: ``sentence.lower()``, when the caller has it; ``folds``:
    :func:`_folds_as_regex` of the two, when the caller has it.
    """
    if low is None:
        low = sentence.lower()
    if g.cue_low is not None and (
        _folds_as_regex(sentence, low) if folds is None else folds
    ):
        # the first keyword or month start: one search of their union (its
        # first match starts where the first match of either does)
        k = g.cue_low.search(low)
        found = [k.start()] if k else []
    else:
        k = g.keyword.search(low)
        found = [k.start()] if k else []
        # the first match of ``month_starts``: of its month part, else of its
        # digit part, whichever starts first
        m = g.month_heads.search(sentence)
        if m:
            found.append(m.start())
    m = g.digit_starts.search(sentence)
    if m:
        found.append(m.start())
    return min(found) if found else -1


#: The characters that may keep a lower-cased text from reading as the text
#: (:func:`_reads_as`): the letters ``FOLDED`` lists, and every code point from
#: U+0660 on but the blocks U+2000-U+214F (punctuation, super- and subscripts,
#: currency and letterlike symbols: dashes, quotes, "№", "₴"), which hold no
#: digit: every digit other than 0-9 is among them (the first is U+0660,
#: ARABIC-INDIC DIGIT ZERO).  One search of a charset, where the digits' own
#: test (``[^\D0-9]``) costs twice the time of the letters'.
_MAY_NOT_READ = compiled.compile(
    FOLDED.pattern[:-1] + "\u0660-\u1fff\u2150-\U0010ffff]"
)


def _reads_as(text: str, low: str) -> bool:
    """Whether a first pass may search ``low`` (``text.lower()``) for ``text``.

    ``_comparable(text, low) and _folds_as_regex(text, low)``: the same
    offsets, no digit other than 0-9, no letter the regex folds though
    lower() keeps it.  A text with no character of :data:`_MAY_NOT_READ`
    (most texts, in any of our languages) passes all three in one search.
    """
    if len(low) == len(text) and (low.isascii() or _MAY_NOT_READ.search(low) is None):
        return True
    return _comparable(text, low) and _folds_as_regex(text, low)


def _folds_as_regex(text: str, low: str) -> bool:
    """Whether ``low`` (``text.lower()``) matches as ``text`` does case-insensitively.

    At the same offsets (lower-casing kept the length) and with the same
    letters: none that the regex equates with another though lower() keeps
    it apart (``FOLDED``: dotless ı, long ſ, ...).  A case-sensitive search
    of lower-cased words in ``low`` then finds what the case-insensitive
    search finds in ``text``.
    """
    if len(low) != len(text):
        return False
    return low.isascii() or FOLDED.search(low) is None


def _overnight(g: DateGuess) -> DateGuess:
    """The same day, its window opened to the evening before."""
    if g.date is None or g.date == date.min:
        return g
    return DateGuess(g.date, g.precision, (g.date - timedelta(days=1), g.date), g.cue)


def _demoted(sentence: str, start: int, g: _Grammar) -> bool:
    """Tell whether the expression at ``start`` is led by since/after/will/...

    Only words of the same clause count.
    """
    lead = sentence[max(0, start - 60) : start]
    if g.demote.search(lead) is None:
        # nothing in the whole lead: nothing in its last clause either.  A
        # clause cut ends after a blank or before a non-word character (its
        # ``\s``, its words' ``\b``), so where ``\b`` holds at the clause's
        # start it holds at that offset of the lead; and ``demote`` reads
        # nothing else left of a match (no look-behind): a match in the
        # clause is one in the lead.  Demote words are rare; cuts (in
        # Ukrainian) are not, and finding them all is the dearer search.
        return False
    cuts = list(g.clause_cut.finditer(lead))
    if cuts:
        lead = lead[cuts[-1].end() :]
    return g.demote.search(lead) is not None
