"""The lexicons of extraction compiled into matchers, once per language.

The word lists live in each language's ``lexicon.json`` (``geo/lang/<code>/``:
attack cues, weapon and target classes, not-event cues, places outside
Ukraine, casualty and launch words), read through :class:`geo.lang.Language`.
This module holds no words: it compiles a section into one alternation regex
(one named group per class), searched through a cheap prefilter, and caches
the result per language (:func:`class_matcher`, :func:`outside_matcher`) so
that callers never compile patterns per call.

Pattern syntax of the JSON file: a Python regex fragment, matched
case-insensitively as whole words; a plain space matches any run of whitespace,
an apostrophe matches ``'`` or ``’``; ``(?-i:...)`` is case-sensitive.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from gazetteer import compiled
from gazetteer.frozen import quick_init
from geo.lang import Language, or_default

__all__ = [
    "FOLDED",
    "Hit",
    "ClassMatcher",
    "ForeignPlace",
    "PlaceListMatcher",
    "class_matcher",
    "outside_matcher",
    "fragment",
    "alternation",
    "bucketed",
    "first_chars",
    "prefixes",
    "literal_starts",
    "starts_alternation",
    "entry_starts",
    "runs_written",
    "compile_starts",
    "prefilter",
    "FastPattern",
]


#: The apostrophes an apostrophe of a pattern matches: the typewriter one, the
#: typographic one and the modifier letter Ukrainian orthography uses (U+02BC).
APOSTROPHES = "'’\u02bc"
_APOSTROPHE_CLASS = "[" + APOSTROPHES + "]"


#: Letters that case-insensitive matching equates with another letter although
#: lower() keeps them (dotless ı ~ i, long ſ ~ s, old Cyrillic ᲀ ~ в, final
#: ς ~ σ, ...: the extra cases of Python's re module, 3.11): a lowered text
#: holding one is not matched case-sensitively in place of the text.
FOLDED = compiled.compile(
    "[\xb5\u0131\u017f\u0345\u0390\u03b0\u03c2\u03d0\u03d1\u03d5\u03d6"
    "\u03f0\u03f1\u03f5\u1c80-\u1c88\u1e9b\u1fbe\u1fd3\u1fe3\ufb05\ufb06]"
)


#: the digest of this module's code: the pattern analyses below are
#: remembered across runs keyed by it (see :func:`_remembered`)
_SOURCE = compiled.code_digest(__file__)


def _remembered(kind: str, key: Any, make: Any) -> Any:
    """:func:`gazetteer.compiled.remembered_by` this module's code."""
    return compiled.remembered_by(_SOURCE, kind, key, make)


def fragment(pattern: str) -> str:
    r"""Translate one lexicon pattern into a Python regex fragment.

    Outside character classes, a run of spaces becomes ``\s+`` (``\s*`` when
    a ``?`` follows it: ``air ?strikes?``) and an apostrophe
    (any of :data:`APOSTROPHES`) matches any of them; everything else is kept.

    Parameters
    ----------
    pattern : str
        A pattern as written in the lexicon file.

    Returns
    -------
    str
        The regex fragment.

    Examples
    --------
    >>> print(fragment("Kyiv's mayor"))
    Kyiv['’ʼ]s\s+mayor
    """
    out: list[str] = []
    in_class = escaped = False
    behind = 0  # > 0 inside a look-behind, which must keep a fixed width
    depth = 0
    for i, ch in enumerate(pattern):
        if escaped:
            out.append(ch)
            escaped = False
        elif ch == "\\":
            out.append(ch)
            escaped = True
        elif in_class:
            in_class = ch != "]"
            out.append(ch)
        elif ch == "[":
            in_class = True
            out.append(ch)
        elif ch == "(":
            depth += 1
            if not behind and pattern.startswith(("(?<!", "(?<="), i):
                behind = depth
            out.append(ch)
        elif ch == ")":
            if behind == depth:
                behind = 0
            depth -= 1
            out.append(ch)
        elif behind:
            out.append(ch)
        elif ch == "?" and out and out[-1] == r"\s+":
            out[-1] = r"\s*"  # "air ?strikes?": the space is optional
        elif ch == " ":
            if not out or out[-1] != r"\s+":
                out.append(r"\s+")
        elif ch in APOSTROPHES:
            out.append(_APOSTROPHE_CLASS)
        else:
            out.append(ch)
    return "".join(out)


def alternation(patterns: Iterable[str]) -> str:
    """Join lexicon patterns into one non-capturing alternation fragment.

    Parameters
    ----------
    patterns : iterable of str
        Patterns as written in the lexicon file, tried in the given order.

    Returns
    -------
    str
        ``(?:p1|p2|...)`` with each pattern passed through :func:`fragment`.
    """
    return "(?:" + "|".join(fragment(p) for p in patterns) + ")"


def first_chars(pattern: str) -> frozenset[str] | None:
    r"""Return the lower-cased characters a match of ``pattern`` may start with.

    The first character of :func:`prefixes`, less the letters that
    case-insensitive matching of ``i`` and ``s`` already covers (ı, ſ); an
    apostrophe stands for each way it is typed (:data:`APOSTROPHES`), as
    :func:`fragment` reads it.

    Parameters
    ----------
    pattern : str
        A regex (lexicon) pattern.

    Returns
    -------
    frozenset of str or None
        None when it cannot be told (the pattern may start with ``.``,
        ``\w``, a negated class, or match the empty string).
    """
    found = prefixes(pattern, 1)
    if found is None:
        return None
    if not found.isdisjoint(APOSTROPHES):  # fragment() reads it as each of them
        found = found | frozenset(APOSTROPHES)
    return frozenset(found - set(_FOLDS.values())) or found


def _class_char(c: str) -> str:
    """Escape one character for use inside ``[...]``."""
    return "\\" + c if c in "\\]^-[" else c


def bucketed(entries: Sequence[tuple[str, str]]) -> str:
    """Join named regex fragments into one alternation dispatched on first character.

    Each alternative keeps its relative order, but is only tried where the text
    starts with a character it can start with (a cheap look-ahead), which makes
    a long alternation several times faster.  Alternatives whose first
    character cannot be told are tried last.

    Parameters
    ----------
    entries : sequence of (str, str)
        ``(group name or "", lexicon pattern)`` in order of preference; a
        non-empty name wraps the pattern in a named group (names may repeat
        across entries: each use gets a numbered suffix ``name__k``).

    Returns
    -------
    str
        A regex fragment.
    """
    key = tuple((str(name), str(pattern)) for name, pattern in entries)
    # a pure function of the entries, kept across runs (gazetteer.compiled)
    return _remembered("bucketed", key, lambda: _bucketed(key))


def _bucketed(entries: Sequence[tuple[str, str]]) -> str:
    """:func:`bucketed`, worked out."""
    buckets: dict[str, list[tuple[str, str]]] = {}
    anywhere: list[tuple[str, str]] = []
    for name, pattern in entries:
        chars = first_chars(pattern)
        frag = fragment(pattern)
        if chars is None:
            anywhere.append((name, frag))
            continue
        for c in sorted(chars):
            buckets.setdefault(c, []).append((name, frag))
    counter = 0

    def group(items: list[tuple[str, str]]) -> str:
        nonlocal counter
        parts: list[str] = []
        # consecutive entries of one name share a group
        run_name: str | None = None
        run: list[str] = []
        for name, frag in [*items, ("\0", "")]:
            if name != run_name and run:
                body = "|".join(run)
                if run_name:
                    counter += 1
                    parts.append(f"(?P<{run_name}__{counter}>{body})")
                else:
                    parts.append(f"(?:{body})")
                run = []
            run_name = name
            run.append(frag)
        return "|".join(parts)

    alts = [
        f"(?=[{_class_char(c)}])(?:{group(items)})"
        for c, items in sorted(buckets.items())
    ]
    if anywhere:
        alts.append(f"(?:{group(anywhere)})")
    return "(?:" + "|".join(alts) + ")"


try:  # the regex parser, to read what a pattern's matches start with
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # Python 3.10
    import sre_parse as _sre_parse  # type: ignore[no-redef]

_PREFIX_MAX = 512  # more distinct starts than this: no prefilter for the pattern


def prefixes(pattern: str, length: int = 3) -> frozenset[str] | None:
    r"""Return the lower-cased strings every match of ``pattern`` starts with.

    Each string has ``length`` characters, or fewer when a match may be that
    short or what follows a repeated item cannot be told; zero-width assertions
    are skipped.  ``\s`` stands for every Unicode space and ``\d`` for the
    ASCII digits (a text with other digits must be searched in full).  A
    matcher can then
    look for these few literal starts first and try the whole pattern only
    there.

    Parameters
    ----------
    pattern : str
        A Python regex, read case-insensitively.
    length : int
        How many leading characters to tell.

    Returns
    -------
    frozenset of str or None
        None when it cannot be told: a match may start with ``\w``, ``.``,
        a negated or wide class, or be empty, or has too many starts.

    Examples
    --------
    >>> sorted(prefixes(r"(?:bomb|drone)s?|rocket"))
    ['bom', 'dro', 'roc']
    """
    # a pure function of its arguments, kept across runs (gazetteer.compiled)
    return _remembered(
        "prefixes", (pattern, length), lambda: _prefixes(pattern, length)
    )


def _prefixes(pattern: str, length: int, runs: bool = False) -> frozenset[str] | None:
    """:func:`prefixes`, worked out (:func:`_run_prefixes` if ``runs``)."""
    try:
        parsed = _sre_parse.parse(pattern, re.IGNORECASE)
        opened, closed = _starts(list(parsed), length, runs)
    except (re.error, _NoPrefix, RecursionError):
        return None
    found = opened | closed
    if "" in found:
        return None
    return frozenset(found)


def _run_prefixes(pattern: str, length: int) -> frozenset[str] | None:
    r""":func:`prefixes`, where ``" "`` stands for a run of spaces, ``"0"`` of digits.

    Every character ``\s`` matches is written ``" "`` and every digit 0-9
    ``"0"``; a repeated one (``\s+``, ``\s*``, ``\d+``, ``\d{1,3}``) is
    one ``" "`` (``"0"``) too, after which the starts go on, and two that
    meet are one: ``in\s+flames`` starts ``"in fla"`` (:func:`prefixes`:
    ``"in "`` and the six other spaces), ``\d+-stor`` ``"0-stor"``
    (:func:`prefixes`: the ten digits).  Each match, its runs of spaces
    written ``" "`` and of digits ``"0"`` (:func:`runs_written`), starts with
    one of them.  A trie of them (``_trie(..., runs=True)``) reads ``" "`` as
    ``\s+`` and ``"0"`` as ``[0-9]+``.
    """
    # a pure function of its arguments, kept across runs (gazetteer.compiled)
    return _remembered(
        "run_prefixes",
        (pattern, length),
        lambda: _prefixes(pattern, length, runs=True),
    )


class _NoPrefix(Exception):
    """A match start that cannot be told, or too many of them."""


#: Every character ``\s`` matches in a str pattern (tested against Unicode).
SPACES = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680"
    + "".join(map(chr, range(0x2000, 0x200B)))
    + "\u2028\u2029\u202f\u205f\u3000"
)
# The character a run of spaces (digits) is written as by _run_prefixes, and
# the regex of that run in a prefilter's trie.
_RUN_CHAR = {**dict.fromkeys(SPACES, " "), **dict.fromkeys("0123456789", "0")}
_RUN_REGEX = {" ": r"\s+", "0": "[0-9]+"}

# Letters that case-insensitive matching equates with an ASCII letter although
# lower-casing does not turn them into it.
_FOLDS = {"i": "ı", "s": "ſ"}


def _starts(items: list, length: int, runs: bool = False) -> tuple[set[str], set[str]]:
    """The starts of a sequence of regex items, up to ``length`` characters.

    Returns the starts the next items may still extend (``opened``) and those
    that are all that can be told (``closed``: full length, or cut short by a
    repeated item).  With ``runs``, a space (``"0"``) stands for a run of
    spaces (digits; see :func:`_run_prefixes`): two that meet are one; and an
    item whose starts cannot be told ends the starts before it instead of
    them all.
    """
    opened = {""}
    closed: set[str] = set()
    for op, av in items:
        try:
            more, done = _options(op, av, length, runs)
        except _NoPrefix:
            if not runs:
                raise
            # runs: what follows a run of spaces may not be told ("x\s+\w");
            # every match still starts with one of the starts so far
            closed |= opened
            break
        grown: set[str] = set()
        for s in opened:
            for o in more:
                t = _join(s, o) if runs else s + o
                (closed if len(t) >= length else grown).add(t[:length])
            for o in done:
                closed.add((_join(s, o) if runs else s + o)[:length])
        opened = grown
        if len(opened) + len(closed) > _PREFIX_MAX:
            raise _NoPrefix
        if not opened:
            break
    return opened, closed


def _chars(op: Any, av: Any) -> set[str]:
    """The lower-cased characters one literal or class matches."""
    c = _sre_parse
    if op is c.LITERAL:
        ch = chr(av).lower()
        return {ch, *_FOLDS.get(ch, "")}
    chars: set[str] = set()
    for o, a in av:
        if o is c.LITERAL:
            chars |= _chars(o, a)
        elif o is c.RANGE and a[1] - a[0] <= 32:
            for k in range(a[0], a[1] + 1):
                chars |= _chars(c.LITERAL, k)
        elif o is c.CATEGORY and a in (c.CATEGORY_SPACE, c.CATEGORY_UNI_SPACE):
            chars |= set(SPACES)
        elif o is c.CATEGORY and a in (c.CATEGORY_DIGIT, c.CATEGORY_UNI_DIGIT):
            chars |= set("0123456789")  # other digits: see FastPattern
        else:
            raise _NoPrefix
    return chars


def _join(s: str, o: str) -> str:
    """``s + o`` of :func:`_run_prefixes`: two runs that meet are one."""
    return s + o[1:] if s[-1:] in _RUN_REGEX and o[:1] == s[-1:] else s + o


def _options(
    op: Any, av: Any, length: int, runs: bool = False
) -> tuple[set[str], set[str]]:
    """The starts one regex item may contribute: (extendable, final)."""
    c = _sre_parse
    if op is c.LITERAL or op is c.IN:
        chars = _chars(op, av)
        if runs:  # every space one " ", every digit "0": each stands for a run
            chars = {_RUN_CHAR.get(ch, ch) for ch in chars}
        return chars, set()
    if op is c.SUBPATTERN:
        return _starts(list(av[-1]), length, runs)
    if op is c.BRANCH:
        more: set[str] = set()
        done: set[str] = set()
        for branch in av[1]:
            m, d = _starts(list(branch), length, runs)
            more |= m
            done |= d
        return more, done
    if op in (c.MAX_REPEAT, c.MIN_REPEAT):
        lo, hi, sub = av
        more, done = _starts(list(sub), length, runs)  # the first repetition
        if runs and hi >= 1 and len(more) == 1 and more <= _RUN_REGEX.keys():
            if not done:
                # a run of spaces (\s+, \s*) or digits (\d+): " " ("0")
                # stands for it, what follows it can be told
                return more | {""} if lo == 0 else more, set()
        if hi > 1:  # it may repeat: what follows it cannot be told
            more, done = set(), done | more
        if lo == 0:
            more = more | {""}
        return more, done
    if op in (c.ASSERT, c.ASSERT_NOT, c.AT):
        return {""}, set()
    raise _NoPrefix


def literal_starts(patterns: Iterable[str]) -> frozenset[str] | None:
    """The lower-cased strings a match of any of ``patterns`` starts with.

    :func:`prefixes` of each pattern, three characters long, or fewer where
    that is all it can tell; None when one pattern's starts cannot be told.

    Parameters
    ----------
    patterns : iterable of str
        Python regexes, read case-insensitively.

    Returns
    -------
    frozenset of str or None
    """
    found: set[str] = set()
    for pattern in patterns:
        starts = next(
            (p for n in (3, 2, 1) if (p := prefixes(pattern, n)) is not None), None
        )
        if starts is None:
            return None
        found |= starts
    return frozenset(found)


def starts_alternation(starts: Iterable[str]) -> str:
    """A regex fragment matching any of ``starts``, shared starts factored out.

    Parameters
    ----------
    starts : iterable of str
        Literal strings, such as :func:`literal_starts` gives.

    Returns
    -------
    str
    """
    return _trie(sorted(starts))


def _trie(strings: Iterable[str], runs: bool = False) -> str:
    r"""A regex fragment matching any of ``strings``, shared starts factored out.

    With ``runs``, a space of the strings matches a run of spaces (``\s+``)
    and a ``"0"`` a run of digits 0-9 (see :func:`_run_prefixes`).
    """
    tree: dict = {}
    for s in strings:
        node = tree
        for ch in s:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict, top: bool = False) -> str:
        # characters whose continuations are the same share one class
        by_rest: dict[str, list[str]] = {}
        alone: list[str] = []  # runs of spaces or digits (runs)
        for ch in sorted(k for k in node if k):
            sub = node[ch]
            rest = emit(sub) if len(sub) > ("" in sub) else ""
            if rest and "" in sub:
                rest = f"(?:{rest})?"
            if runs and ch in _RUN_REGEX:
                alone.append(_RUN_REGEX[ch] + rest)
            else:
                by_rest.setdefault(rest, []).append(ch)
        if top and not runs and len(by_rest) + len(alone) > 1:
            # the first characters apart ("x-|х-", not "[xх]-"): an
            # alternation whose every branch opens with a literal lets the
            # regex engine skip to the positions holding one of them (a class
            # among them makes it try every position); the branches open with
            # different characters, so at most one matches at a place
            alts = [re.escape(ch) + rest for rest, chs in by_rest.items() for ch in chs]
        else:
            alts = [
                (re.escape(chs[0]) if len(chs) == 1 else _char_class(chs)) + rest
                for rest, chs in by_rest.items()
            ]
        alts += alone
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return emit(tree, top=True)


def _char_class(chars: Iterable[str]) -> str:
    return "[" + "".join(_class_char(c) for c in chars) + "]"


def prefilter(regex: re.Pattern) -> re.Pattern | None:
    """Compile the cheap first pass of a case-insensitive ``regex``.

    The first pass finds, in the lower-cased text, the places where a match of
    ``regex`` can begin (see :func:`prefixes`; a run of spaces counts as one
    character and does not end what is told), at word starts when every match
    starts a word; :class:`FastPattern` tries the whole ``regex`` only there.

    Parameters
    ----------
    regex : re.Pattern
        A compiled pattern.

    Returns
    -------
    re.Pattern or None
        None when the starts of a match cannot be told.
    """
    return _first_pass(regex.pattern, regex.flags)


# Lengths of literal starts a prefilter compares (a run of spaces one
# character): longer starts are rarer in text, if there are not too many of
# them.  Six tells "in the" from "in fla" and "the ca" from "the ai": each
# start that fails costs a search and a match call more.
_LENGTHS = (6, 5, 4, 3)


def entry_starts(pattern: str) -> frozenset[str] | None:
    """The literal starts of a lexicon entry, as :class:`FastPattern` reads them.

    Parameters
    ----------
    pattern : str
        One entry (a regex fragment).

    Returns
    -------
    frozenset of str or None
        Its starts, lower case, up to six characters long, each run of
        spaces written ``" "`` and of digits ``"0"`` (:func:`runs_written`);
        None when they cannot be told.
    """
    for length in _LENGTHS:
        starts = _run_prefixes(pattern, length)
        if starts is not None:
            return starts
    return None


def _first_pass(pattern: str, flags: int = 0) -> re.Pattern | None:
    """The prefilter of ``pattern`` (see :func:`prefilter`)."""
    told = _first_starts(pattern, flags)
    return None if told is None else compile_starts(*told)


def _first_starts(pattern: str, flags: int = 0) -> tuple[frozenset[str], bool] | None:
    """The starts :func:`_first_pass` compiles, and whether at word starts only."""
    for length in _LENGTHS:
        starts = _run_prefixes(pattern, length)
        if starts is not None:
            at_word = _after_non_word(pattern, flags) or (
                pattern.startswith(r"\b") and all(_WORDCHAR.match(s) for s in starts)
            )
            return starts, at_word
    return None


def _after_non_word(pattern: str, flags: int = 0) -> bool:
    r"""Whether every match of ``pattern`` must follow a non-word character.

    True when each of its alternatives opens with a negative look-behind at
    one character class that holds ``\w`` (``(?<!\w)``, ``(?<![\w\-])``): a
    match can then only start where no word character precedes, and its
    prefilter may look at word starts only.
    """
    return bool(
        _remembered(
            "after_non_word",
            (pattern, int(flags)),
            lambda: _reads_after_non_word(pattern, flags),
        )
    )


def _reads_after_non_word(pattern: str, flags: int) -> bool:
    r""":func:`_after_non_word`, worked out.

    Always from the parsed pattern: a pattern that opens with ``(?<!\w)``
    may still have a top-level branch without it (``(?<!\w)abc|def``).
    """
    try:
        parsed = _sre_parse.parse(pattern, flags)
    except (re.error, RecursionError):
        return False
    if parsed.state.flags & (re.ASCII | re.LOCALE):  # another \w than the prefilter's
        return False
    return _opens_after_non_word(list(parsed))


def _opens_after_non_word(items: list) -> bool:
    r"""Whether a parsed sequence opens with a look-behind refusing ``\w``."""
    if not items:
        return False
    c = _sre_parse
    op, av = items[0]
    if op is c.SUBPATTERN:
        return _opens_after_non_word(list(av[-1]))
    if op is c.BRANCH:
        return all(_opens_after_non_word(list(b)) for b in av[1])
    if op is c.ASSERT_NOT and av[0] == -1:
        body = list(av[1])
        return (
            len(body) == 1
            and body[0][0] is c.IN
            and not any(o is c.NEGATE for o, _ in body[0][1])
            and any(
                o is c.CATEGORY and a in (c.CATEGORY_WORD, c.CATEGORY_UNI_WORD)
                for o, a in body[0][1]
            )
        )
    return False


def _shift(first: re.Pattern | None) -> re.Pattern | None:
    r"""The prefilter ``(?<!\w)X`` as ``\W(X)``, or None for another one.

    Both find the same candidates at positions after the first: ``X`` where
    the character before is not a word character.  The look-behind is tried
    by the regex engine at every position; ``\W`` opens the pattern with a
    character class, which the engine skips to in a tight loop (the search
    starts one character earlier, and a candidate at the very start of the
    text, with no character before it, is asked of ``first`` alone).
    """
    if first is None or not first.pattern.startswith(_AT_WORD):
        return None
    return compiled.compile(r"\W(" + first.pattern[len(_AT_WORD) :] + ")", first.flags)


_AT_WORD = r"(?<!\w)"


#: The blocks of characters the quick prefilters are written for (see _quick):
#: Latin, Greek and Cyrillic with their extensions, and the punctuation,
#: currency and other symbols of the news (U+2000-U+2BFF).  No digit but 0-9
#: is among them.
_COMMON = ((0x0000, 0x052F), (0x1E00, 0x1FFF), (0x2000, 0x2BFF))


def _ranges_class(ranges: Iterable[tuple[int, int]], negate: bool = False) -> str:
    """A character class of code point ranges (``[^...]`` if ``negate``)."""
    body = "".join(
        _class_char(chr(a)) + ("-" + _class_char(chr(b)) if b > a else "")
        for a, b in ranges
    )
    return ("[^" if negate else "[") + body + "]"


def _cut(ranges: Iterable[tuple[int, int]], chars: str) -> list[tuple[int, int]]:
    """``ranges`` less the code points of ``chars``."""
    out: list[tuple[int, int]] = []
    for a, b in ranges:
        for c in sorted(ord(ch) for ch in chars if a <= ord(ch) <= b):
            if c > a:
                out.append((a, c - 1))
            a = c + 1
        if a <= b:
            out.append((a, b))
    return out


# What a lower-cased text searched with a quick prefilter may not hold (see
# _plain): a character outside the _COMMON blocks, and the two letters
# case-insensitive matching equates with "i" and "s" although lower() keeps
# them (see _FOLDS).  A digit other than 0-9 is outside the blocks too, so one
# search of a text tells _comparable about both.
_ODD = compiled.compile(_ranges_class(_cut(_COMMON, "".join(_FOLDS.values())), True))


@cache
def nonword_class() -> str:
    r"""A character class matching what ``\W`` matches in the :data:`_COMMON` blocks.

    Their word characters written out as ranges and negated: the regex engine
    tests a character against such a class with a bitmap, and ``\W`` with
    several Unicode database look-ups.  Outside the blocks the class matches
    every character, word or not (see :data:`_ODD`).

    Returns
    -------
    str
        ``[^...]``, a superset of ``\W`` on every text (case-sensitive: its
        ranges hold letters).
    """
    return _ranges_class(_word_runs(), True)


@cache
def _word_runs() -> tuple[tuple[int, int], ...]:
    """The word characters of the :data:`_COMMON` blocks, as code point ranges."""
    runs: list[tuple[int, int]] = []
    for a, b in _COMMON:
        block = "".join(map(chr, range(a, b + 1)))
        runs.extend(
            (a + m.start(), a + m.end() - 1) for m in re.finditer(r"\w+", block)
        )
    return tuple(runs)


_nonword_class = nonword_class  # the name the quick prefilters use


def _quick(starts: Iterable[str]) -> re.Pattern | None:
    r"""The :func:`_shift` of a prefilter for the texts :func:`_plain` admits.

    ``[^<word characters>](X)`` (:func:`_nonword_class`) where ``X`` is the
    trie of the ``starts`` less those holding a letter of :data:`_FOLDS` (ı,
    ſ).  In a lower-cased text without ı, ſ or a character outside the
    :data:`_COMMON` blocks it finds what ``\W(X')`` finds, ``X'`` the trie
    of all the starts: the class is ``\W`` there, and the starts left out
    cannot occur in it (the trie finds the longest start at a place, the same
    among all starts or those without ı and ſ).  Faster: the class costs a
    bitmap test per character, and ``X`` has no ``[iı]`` nor ``[sſ]``
    classes among its literals.  None when no start is left.
    """
    plain = _unfolded(starts)
    return compiled.compile(_nonword_class() + _quick_trie(plain)) if plain else None


def _unfolded(starts: Iterable[str]) -> tuple[str, ...]:
    """The ``starts`` without a letter of :data:`_FOLDS` (ı, ſ), sorted."""
    folds = tuple(_FOLDS.values())
    return tuple(sorted(s for s in starts if not any(f in s for f in folds)))


def _quick_trie(plain: tuple[str, ...]) -> str:
    """``(X)``: the group a :func:`_quick` prefilter and its twin find."""
    return "(" + _remembered("first_trie", plain, lambda: _trie(plain, True)) + ")"


def _spaced(starts: Iterable[str]) -> re.Pattern | None:
    r"""``" (X)"``: the :func:`_quick` prefilter with a space for its class.

    In a text :func:`_spaced_text` admits, every non-word character that a
    word character follows is a space; where every start (less those
    :func:`_quick` leaves out) begins with a word character, ``[^<word
    characters>](X)`` can match only with a space for its class, so the two
    find the same matches with the same group 1.  The regex engine looks for
    a pattern's literal first character in a tight loop, about 13 times
    faster than it tests each character against a class.  None when
    :func:`_quick` gives none or a start begins with a non-word character.
    """
    plain = _unfolded(starts)
    if not plain or not all(_WORDCHAR.match(s) for s in plain):
        return None
    return compiled.compile(" " + _quick_trie(plain))


@cache
def _other_start() -> re.Pattern:
    r"""A non-word character other than the space, before a word character.

    For the texts :func:`_plain` admits (where the class is ``[^\w ]``).
    """
    other = _ranges_class((*_word_runs(), (32, 32)), True)
    return compiled.compile(other + r"(?=\w)")


# The last lower-cased text judged by _spaced_text, with the answer: the stages
# ask many patterns about one sentence in a row.
_LAST_SPACED: tuple[str | None, bool] = (None, False)


def _spaced_text(low: str) -> bool:
    """Whether a :func:`_spaced` prefilter may search ``low`` for its :func:`_quick`.

    ``low`` is a text :func:`_plain` admits; true when no non-word character
    but the space stands before a word character in it (remembered for the
    last text asked).
    """
    global _LAST_SPACED
    last = _LAST_SPACED
    if last[0] is low:  # the same object: the same answer
        return last[1]
    ok = _other_start().search(low) is None
    _LAST_SPACED = (low, ok)
    return ok


# The last lower-cased text judged by _plain, with the answer: the stages ask
# many patterns about one sentence in a row.
_LAST_PLAIN: tuple[str | None, bool] = (None, False)


def _plain(low: str) -> bool:
    """Whether a :func:`_quick` prefilter may search ``low`` (see :data:`_ODD`)."""
    global _LAST_PLAIN
    if low.isascii():
        return True
    if _LAST_COMPARABLE[1] is low:  # told with the text's digits (the rule)
        return _LAST_COMPARABLE[3]
    last = _LAST_PLAIN
    if last[0] is low:  # the same object: the same answer
        return last[1]
    ok = _ODD.search(low) is None
    _LAST_PLAIN = (low, ok)
    return ok


def shifted_starts(starts: Iterable[str]) -> tuple[re.Pattern, re.Pattern | None]:
    r"""``compile_starts(starts, True)`` shifted (:func:`_shift`), with its quick twin.

    The look-behind ``(?<!\w)`` is tried by the regex engine at every
    position; the shifted form opens with a class, which it skips to in a
    tight loop, and the quick one (:func:`_quick`) with a class it tests by
    a bitmap.

    Parameters
    ----------
    starts : iterable of str
        Starts as :func:`entry_starts` writes them.

    Returns
    -------
    shifted : re.Pattern
        ``\W(X)``: searched from ``p - 1``, its group 1 is the match of
        ``compile_starts(starts, True)`` searched from ``p``, for ``p >= 1``
        (a start at offset 0, with no character before it, is asked of that
        pattern's ``match``).
    quick : re.Pattern or None
        :func:`_quick`: the same group 1 as ``shifted`` in the lower-cased
        texts :func:`_plain` admits.  In any lower-cased text without ı or ſ
        it finds those and more: also after a word character outside the
        :data:`_COMMON` blocks (its class matches every character there), so
        a caller whose own match reads ``(?<!\w)`` again may use it on all
        such texts.  None when every start holds ı or ſ.
    """
    starts = frozenset(starts)
    shifted = _shift(compile_starts(starts, True))
    assert shifted is not None  # compile_starts opens with the look-behind
    return shifted, _quick(starts)


def compile_starts(starts: Iterable[str], at_word: bool) -> re.Pattern:
    """A regex matching any of the ``starts``, at word starts if ``at_word``.

    Parameters
    ----------
    starts : iterable of str
        Starts as :func:`entry_starts` writes them: a space matches a run of
        spaces, a ``"0"`` a run of digits.
    at_word : bool
        Match only where no word character stands before.

    Returns
    -------
    re.Pattern
        Their trie, compiled (both remembered across runs).
    """
    # the trie is a pure function of the starts (in any order), kept across
    # runs (gazetteer.compiled): a start-up builds no prefilter's trie again
    key = tuple(sorted(starts))
    trie = _remembered("first_trie", key, lambda: _trie(key, True))
    return compiled.compile((_AT_WORD if at_word else "") + trie)


_WORDCHAR = compiled.compile(r"\w")
_RUN = compiled.compile(r"(\s+)|[0-9]+")


def runs_written(text: str) -> str:
    """``text``, its runs of spaces written ``" "`` and of digits ``"0"``.

    Parameters
    ----------
    text : str
        A start found in a text.

    Returns
    -------
    str
        Written as :func:`entry_starts` writes the starts it may be.
    """
    return _RUN.sub(lambda m: " " if m.group(1) else "0", text)


_OTHER_DIGIT = compiled.compile(r"[^\D0-9]")  # a digit other than 0-9
#: the letters case-insensitive matching reads as others (FOLDED) that prefixes
#: do not list, as they do ı and ſ: "ᲀибухів" matches "вибухів"
_UNLISTED_FOLD = compiled.compile(
    FOLDED.pattern.translate(dict.fromkeys(map(ord, _FOLDS.values())))
)


# The last non-ASCII pair judged by _comparable, with the answer and whether
# a quick prefilter may search it (see _plain): callers pass one sentence and
# its lower-cased text to many patterns in a row.
_LAST_COMPARABLE: tuple[str | None, str | None, bool, bool] = (
    None,
    None,
    False,
    False,
)


def _comparable(text: str, low: str) -> bool:
    r"""Whether a prefilter can search ``low`` for ``text`` (see :func:`prefixes`).

    Not when lower-casing changed the length (offsets would differ) or the text
    has non-ASCII digits, which ``\d`` matches but prefixes do not list.  The
    answer for the last pair of objects is remembered (a search of the whole
    text otherwise, which tells :func:`_plain` too: such digits are
    :data:`_ODD`).
    """
    global _LAST_COMPARABLE
    if low.isascii():
        return True
    last = _LAST_COMPARABLE
    if last[1] is low and last[0] is text:  # the same two objects: same answer
        return last[2]
    ok = plain = len(low) == len(text)
    if ok:
        m = _ODD.search(low)
        if m is not None:  # rare: which kind of character is it?
            plain = False
            ok = (
                _OTHER_DIGIT.search(low, m.start()) is None
                and _UNLISTED_FOLD.search(low, m.start()) is None
            )
    _LAST_COMPARABLE = (text, low, ok, plain)
    return ok


# The last text lowered by _low, with its result: the stages ask many patterns
# about one sentence in a row.
_LAST_LOW: tuple[str, str | None] = ("", "")


def _low(text: str) -> str | None:
    """``text.lower()`` when a prefilter can search it, else None (remembered)."""
    global _LAST_LOW
    last = _LAST_LOW
    if last[0] is text:
        return last[1]
    low: str | None = text.lower()
    if not _comparable(text, low):  # type: ignore[arg-type]
        low = None
    _LAST_LOW = (text, low)
    return low


# A window searched in a longer text is lower-cased alone (from one character
# before it, for the prefilter's look-behind): searching a few words of a long
# sentence costs a few words, not the sentence.
_WINDOW = 1024


def _bounds(text: str, pos: int, endpos: int) -> tuple[int, int]:
    """``pos`` and ``endpos`` as :meth:`re.Pattern.search` reads them."""
    n = len(text)
    return min(max(pos, 0), n), min(max(endpos, 0), n)


def _lowered(text: str, pos: int, endpos: int) -> tuple[str | None, int]:
    """The lower-cased text a prefilter searches ``text[pos:endpos]`` in.

    Returns it with the offset in ``text`` it starts at: the whole text (0),
    or only the window when that is much shorter.  None when the prefilter
    cannot be used there (see :func:`_comparable`).
    """
    if endpos - pos >= _WINDOW or len(text) <= 2 * (endpos - pos) + _WINDOW // 4:
        low = text.lower()
        return (low if _comparable(text, low) else None), 0
    base = max(0, pos - 1)
    part = text[base:endpos]
    low = part.lower()
    return (low if _comparable(part, low) else None), base


_UNSET = object()

#: How many starts found with a shortened run (:attr:`FastPattern._runs`) a
#: pattern keeps; past it they are forgotten and found again.
_RUNS_KEPT = 4096


class FastPattern:
    """A compiled regex searched through its :func:`prefilter`.

    A long alternation (a lexicon) is tried by the regex engine at every
    position of a text; the prefilter finds the few positions where one of its
    literal starts occurs, and the pattern is tried only there.  When the
    pattern was built from lexicon entries (:meth:`from_entries`), only the
    entries that can start with the text found there are tried.  Results are
    those of the pattern itself.

    Parameters
    ----------
    regex : re.Pattern
        The pattern.

    Attributes
    ----------
    regex : re.Pattern
        The pattern.
    first : re.Pattern or None
        Its prefilter, or None when every position must be tried.
    """

    __slots__ = (
        "regex",
        "_first",
        "_shifted",
        "_quick",
        "_spaced",
        "_entries",
        "_source",
        "_template",
        "_at",
        "_runs",
        "_plain",
    )

    def __init__(self, regex: re.Pattern):
        self.regex = regex
        self._first: Any = _UNSET  # worked out on first use: imports stay cheap
        self._shifted: re.Pattern | None = None  # see _shift
        self._quick: re.Pattern | None = None  # see _quick
        self._spaced: re.Pattern | None = None  # see _spaced
        self._source: Sequence[tuple[str, str]] | None = None
        self._entries: list[tuple[str, str, frozenset[str]]] | None = None
        self._template = "{}"
        self._plain = False  # entries are regexes joined as they are, in order
        # start found (or the entries it admits) -> match method to try there
        self._at: dict[Any, Any] = {}
        # start found with a run shortened when written ("298 ", "kh-101") ->
        # its match method: such starts are as many as the numbers in the
        # texts, so they are kept apart from _at, at most _RUNS_KEPT of them
        self._runs: dict[str, Any] = {}

    @classmethod
    def from_entries(
        cls,
        entries: Sequence[tuple[str, str]],
        template: str = r"(?<!\w){}(?!\w)",
        flags: int = re.IGNORECASE,
    ) -> FastPattern:
        """Compile named lexicon entries as :func:`bucketed` does, for fast search.

        Parameters
        ----------
        entries : sequence of (str, str)
            ``(group name or "", lexicon pattern)``, as for :func:`bucketed`.
        template : str
            The whole regex, with ``{}`` where the alternation goes.
        flags : int
            Regex flags.

        Returns
        -------
        FastPattern
        """
        self = cls(compiled.compile(template.format(bucketed(entries)), flags))
        if template.startswith(("{}", r"(?<!\w){}")):  # nothing before the entries
            self._source = tuple(entries)
            self._template = template
        return self

    @classmethod
    def from_alternatives(
        cls, alternatives: Sequence[str], template: str, flags: int = 0
    ) -> FastPattern:
        """Compile ``template`` around the alternation of regexes, for fast search.

        The pattern is ``template.format("|".join(alternatives))``; where the
        prefilter finds a start, only the alternatives that can begin there
        are tried, in their order, so the first that matches is the one the
        whole alternation would give.

        Parameters
        ----------
        alternatives : sequence of str
            Regexes, tried in this order.
        template : str
            The whole regex, with ``{}`` where the alternation goes; what it
            puts before the ``{}`` must match the empty string (a look-behind).
        flags : int
            Regex flags.

        Returns
        -------
        FastPattern
        """
        self = cls(compiled.compile(template.format("|".join(alternatives)), flags))
        self._source = tuple(("", a) for a in alternatives)
        self._template = template
        self._plain = True
        return self

    @property
    def first(self) -> re.Pattern | None:
        """The prefilter, or None when every position must be tried."""
        if self._first is _UNSET:
            self._prepare()
        return self._first

    def _prepare(self) -> None:
        starts = self._find_first()
        self._shifted = _shift(self._first)
        if self._shifted is not None and starts is not None:
            self._quick = _quick(starts)
            self._spaced = _spaced(starts) if self._quick is not None else None

    def _find_first(self) -> frozenset[str] | None:
        """Set the prefilter; return the starts it finds (None: not told)."""
        if self._source is not None:
            # each entry's starts, as long as can be told (see _first_pass):
            # the prefilter's trie finds the longest start at a place, and
            # every start of an entry that can match there is a prefix of it,
            # so _matcher keeps that entry whatever the lengths are
            # one stored answer for the whole lexicon (pure: its entries in)
            # rather than one look-up of the store per entry
            plain, source = self._plain, self._source
            found = _remembered(
                "entry_starts_all",
                (plain, tuple(p for _, p in source)),
                lambda: tuple(
                    entry_starts(p if plain else fragment(p)) for _, p in source
                ),
            )
            starts = [s for s in found if s is not None]
            if len(starts) == len(found):
                self._entries = [
                    (name, p, s)
                    for (name, p), s in zip(self._source, starts, strict=True)
                ]
                every = frozenset[str]().union(*starts)
                self._first = compile_starts(
                    every,
                    _after_non_word(self.regex.pattern, self.regex.flags)
                    if self._plain
                    else self._template.startswith(r"(?<!\w)"),
                )
                return every
        told = _first_starts(self.regex.pattern, self.regex.flags)
        self._first = None if told is None else compile_starts(*told)
        return None if told is None else told[0]

    def _matcher(self, start: str) -> Any:
        """The match method to try where the text starts with ``start``."""
        entries = self._entries
        runs = self._runs
        fn: Any = runs.get(start)
        if fn is not None:  # a number seen before: no substitution again
            return fn
        # the start found, its runs written as in the entries' starts: starts
        # written alike admit the same entries (kept under the written one)
        written = runs_written(start)
        fn = self._at.get(written)
        if fn is None:
            fn = (
                self.regex.match
                if entries is None
                else self._admitted(entries, written)
            )
            self._at[written] = fn
        # the start as found is kept too when no run in it was shortened: the
        # starts kept stay as few as the trie's, whatever runs the texts hold
        # (one written is itself written alike: the same method)
        if len(written) == len(start):
            self._at[start] = fn
        else:
            # the method is a function of the written start, hence of the one
            # found: kept for it too ("298 " recurs in wire copy), bounded
            if len(runs) >= _RUNS_KEPT:
                runs.clear()
            runs[start] = fn
        return fn

    def _admitted(
        self, entries: list[tuple[str, str, frozenset[str]]], written: str
    ) -> Any:
        """The match method of the ``entries`` admitted where ``written`` was found."""
        keep = tuple(
            i for i, (_, _, s) in enumerate(entries) if any(map(written.startswith, s))
        )
        fn = self._at.get(keep)  # starts that admit the same entries share one
        if fn is None:
            kept = [entries[i][:2] for i in keep]
            body = "|".join(p for _, p in kept) if self._plain else bucketed(kept)
            rx = compiled.compile(self._template.format(body), self.regex.flags)
            fn = self._at[keep] = rx.match
        return fn

    def finditer(
        self, text: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match]:
        """Iterate over the matches of the pattern, as ``regex.finditer`` would.

        Parameters
        ----------
        text : str
            Any text.
        pos, endpos : int
            Where to search, as for :meth:`re.Pattern.finditer`.

        Returns
        -------
        iterator of re.Match
            Non-overlapping matches, left to right.
        """
        return iter(self.matches(text, pos=pos, endpos=endpos))

    def matches(
        self,
        text: str,
        low: str | None = None,
        pos: int = 0,
        endpos: int = sys.maxsize,
    ) -> list[re.Match]:
        """Return the matches of the pattern: ``list(regex.finditer(...))``.

        Parameters
        ----------
        text : str
            Any text.
        low : str, optional
            ``text.lower()``, when the caller has it already.
        pos, endpos : int
            Where to search, as for :meth:`re.Pattern.finditer`.

        Returns
        -------
        list of re.Match
            Non-overlapping matches, left to right.
        """
        first = self._first if self._first is not _UNSET else self.first
        if first is None:
            return list(self.regex.finditer(text, pos, endpos))
        base = 0
        if low is None:
            if len(text) <= _WINDOW or (pos <= 0 and endpos >= len(text)):
                low = _low(text)  # the whole text: the common case, kept fast
            else:
                pos, endpos = _bounds(text, pos, endpos)
                low, base = _lowered(text, pos, endpos)
        elif not _comparable(text, low):
            low = None
        if low is None:
            return list(self.regex.finditer(text, pos, endpos))
        if self._shifted is not None:
            return self._shifted_matches(text, low, base, pos, endpos)
        at = self._at
        search = first.search  # candidates may overlap: step, don't iterate
        out = []
        c = search(low, pos - base, endpos - base)
        while c is not None:
            start = base + c.start()
            found = c.group()
            m = (at.get(found) or self._matcher(found))(text, start, endpos)
            if m is None:
                c = search(low, start + 1 - base, endpos - base)
            else:
                out.append(m)
                end = m.end()
                c = search(
                    low, (end if end > start else start + 1) - base, endpos - base
                )
        return out

    def _shifted_for(self, low: str) -> re.Pattern | None:
        """The shifted prefilter to search ``low`` with (None: there is none).

        Its quick form where that finds the same candidates (see
        :func:`_quick`), and the quick form's spaced twin where that does
        (see :func:`_spaced`).
        """
        quick = self._quick
        if quick is None or not _plain(low):
            return self._shifted
        spaced = self._spaced
        return spaced if spaced is not None and _spaced_text(low) else quick

    def _shifted_matches(
        self, text: str, low: str, base: int, pos: int, endpos: int
    ) -> list[re.Match]:
        """:meth:`matches` with the :func:`_shift` of the prefilter.

        ``low`` is the lower-cased ``text[base:...]``, searchable (not None).
        """
        at = self._at
        search = self._shifted_for(low).search  # type: ignore[union-attr]
        ep = endpos - base
        p = pos - base
        out: list[re.Match] = []
        # a candidate at the very start has no character before it: asked alone
        c = self._first.match(low, p, ep) if p <= 0 else None
        if c is not None:
            q, found = c.start(), c.group()
        else:
            c = search(low, p - 1, ep)  # its non-word character may be at p - 1
            if c is None:
                return out
            q, found = c.start(1), c.group(1)
        while True:
            start = base + q
            m = (at.get(found) or self._matcher(found))(text, start, endpos)
            if m is None:
                nxt = q + 1  # candidates may overlap: step, don't iterate
            else:
                out.append(m)
                end = m.end()
                nxt = (end if end > start else start + 1) - base
            c = search(low, nxt - 1, ep)
            if c is None:
                return out
            q, found = c.start(1), c.group(1)

    def overlapping(
        self, text: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match]:
        """Yield the match starting at each position where the pattern matches.

        Unlike :meth:`finditer`, a match may start inside the previous one:
        this is :meth:`search` repeated from one character after each match.

        Parameters
        ----------
        text : str
            Any text.
        pos, endpos : int
            Where to search.

        Yields
        ------
        re.Match
            Left to right by start.
        """
        if len(text) > _WINDOW:
            pos, endpos = _bounds(text, pos, endpos)
            low, base = _lowered(text, pos, endpos)
        else:
            low, base = _low(text), 0
        m = self._search(text, pos, endpos, low, base)
        while m is not None:
            yield m
            m = self._search(text, m.start() + 1, endpos, low, base)

    def search(
        self,
        text: str,
        pos: int = 0,
        endpos: int = sys.maxsize,
        *,
        low: str | None = None,
    ) -> re.Match | None:
        """Return the first match of the pattern, as ``regex.search`` would.

        Parameters
        ----------
        text : str
            Any text.
        pos, endpos : int
            Where to search, as for :meth:`re.Pattern.search`.
        low : str, optional
            ``text.lower()``, when the caller has it already.

        Returns
        -------
        re.Match or None
        """
        if low is None and len(text) > _WINDOW:
            pos, endpos = _bounds(text, pos, endpos)
            low, base = _lowered(text, pos, endpos)
            return self._search(text, pos, endpos, low, base)
        if low is None:
            return self._search(text, pos, endpos, _low(text), 0)
        return self._search(
            text, pos, endpos, low if _comparable(text, low) else None, 0
        )

    def _search(
        self, text: str, pos: int, endpos: int, low: str | None, base: int
    ) -> re.Match | None:
        """:meth:`search` in bounds, ``low`` the lower-cased ``text[base:...]``.

        ``low`` is None when the prefilter cannot be used (see
        :func:`_lowered`).
        """
        first = self._first if self._first is not _UNSET else self.first
        if first is None or low is None:
            return self.regex.search(text, pos, endpos)
        at = self._at
        shifted = self._shifted_for(low)
        if shifted is not None:
            ep = endpos - base
            p = pos - base
            # as in _shifted_matches: a candidate at the start is asked alone
            c = first.match(low, p, ep) if p <= 0 else None
            if c is not None:
                m = (at.get(c.group()) or self._matcher(c.group()))(
                    text, base + c.start(), endpos
                )
                if m is not None:
                    return m
                p = c.start() + 1
            c = shifted.search(low, p - 1, ep)
            while c is not None:
                found = c.group(1)
                q = c.start(1)
                m = (at.get(found) or self._matcher(found))(text, base + q, endpos)
                if m is not None:
                    return m
                c = shifted.search(low, q, ep)
            return None
        c = first.search(low, pos - base, endpos - base)
        while c is not None:
            found = c.group()
            m = (at.get(found) or self._matcher(found))(text, base + c.start(), endpos)
            if m is not None:
                return m
            c = first.search(low, c.start() + 1, endpos - base)
        return None


@quick_init  # ~26 hits per article of the attack lexicon alone: made quickly
@dataclass(frozen=True, slots=True)
class Hit:
    """One lexicon match in a text.

    Attributes
    ----------
    start, end : int
        Character offsets (``text[start:end]`` is the match).
    text : str
        The matched words.
    cls : str
        The class of the lexicon that matched (``"drone"``, ``"energy"``, ...).
    """

    start: int
    end: int
    text: str
    cls: str


# What may stand between two hits naming the same thing, besides modifiers:
# spaces, hyphens, dashes and quotes ("БпЛА типу «Шахед»").
_JOIN = r"[\s\-–«»\"“”„]"


class ClassMatcher:
    """One compiled alternation over the classes of a lexicon section.

    The section is a mapping with ``classes`` (class -> patterns, tried in
    order), and optionally ``exclude`` (phrases consumed first that count for
    nothing), ``exclude_before`` (class -> phrases that, just before a hit of
    that class, void it: "taken to" before "hospital"), ``generic`` (generic
    class -> the specific classes it yields to) and ``modifiers`` (words
    allowed between two hits naming the same thing).

    Parameters
    ----------
    section : Mapping
        A section of a language's lexicon, such as ``lang.lexicon["weapons"]``.
    """

    __slots__ = (
        "classes",
        "regex",
        "_names",
        "_generic",
        "_gap",
        "_before",
        "_fast",
        "_last",
    )

    def __init__(self, section: Mapping[str, Any]):
        entries: list[tuple[str, str]] = [("x", p) for p in section.get("exclude", ())]
        names: list[str] = []
        for i, (cls, patterns) in enumerate(section["classes"].items()):
            entries.extend((f"c{i}", p) for p in patterns)
            names.append(cls)
        self.classes: tuple[str, ...] = tuple(names)
        # group name ("c3", "c3__17") -> class; the numbered names are added
        # as matches meet them (each regex FastPattern tries numbers its own)
        self._names = {f"c{i}": cls for i, cls in enumerate(names)}
        self._names["x"] = "x"
        # the last text read and its hits: the stages of one sentence often
        # ask about the same text object in a row (see hits)
        self._last: tuple[str | None, list[Hit]] = (None, [])
        self._fast = FastPattern.from_entries(entries)
        self.regex = self._fast.regex
        self._before = {
            cls: compiled.compile(alternation(pats) + r"\Z", re.IGNORECASE)
            for cls, pats in section.get("exclude_before", {}).items()
        }
        self._generic = {
            g: frozenset(specific) for g, specific in section.get("generic", {}).items()
        }
        mods = section.get("modifiers", ())
        mod_alt = alternation(mods) if mods else "(?!)"
        self._gap = compiled.compile(rf"{_JOIN}*(?:" + mod_alt + rf"{_JOIN}+)*", re.I)

    def hits(self, text: str) -> list[Hit]:
        """Return every class match in ``text``, in order, exclusions removed.

        Parameters
        ----------
        text : str
            Any text (a sentence, an article).

        Returns
        -------
        list of Hit
        """
        last = self._last
        if last[0] is text:
            # the same str object as the last call: its hits cannot differ
            # (the answer is a pure function of the text; one entry, compared
            # by identity, so texts of other articles never hit it)
            return list(last[1])
        names = self._names
        before = self._before
        out = []
        for m in self._fast.matches(text):
            group = m.lastgroup or ""
            cls = names.get(group)
            if cls is None:
                cls = names[group] = names[group.partition("__")[0]]
            if cls == "x":
                continue
            if cls in before:
                start = m.start()
                if before[cls].search(text, max(0, start - 60), start):
                    continue
            out.append(Hit(m.start(), m.end(), m.group(), cls))
        self._last = (text, out)
        return list(out)

    def specific_hits(self, text: str) -> list[Hit]:
        """Return the hits of ``text``, less generic hits naming the same thing.

        A hit of a generic class (``missile``) next to a hit of one of its
        specific classes (``cruise_missile``) with only modifiers between them
        ("Kh-22 cruise missiles", "Kinzhal hypersonic missiles") is dropped.

        Parameters
        ----------
        text : str
            Any text.

        Returns
        -------
        list of Hit
        """
        found = self.hits(text)
        if not self._generic or len(found) < 2:
            return found
        keep: list[Hit] = []
        for i, hit in enumerate(found):
            specific = self._generic.get(hit.cls)
            if specific:
                prev = found[i - 1] if i > 0 else None
                nxt = found[i + 1] if i + 1 < len(found) else None
                if (
                    prev is not None
                    and prev.cls in specific
                    and self.joined(text, prev.end, hit.start)
                ) or (
                    nxt is not None
                    and nxt.cls in specific
                    and self.joined(text, hit.end, nxt.start)
                ):
                    continue
            keep.append(hit)
        return keep

    def joined(self, text: str, start: int, end: int) -> bool:
        """Tell whether ``text[start:end]`` holds only spaces, hyphens and modifiers.

        Parameters
        ----------
        text : str
            The text two hits were found in.
        start, end : int
            The end of the first hit and the start of the second.

        Returns
        -------
        bool
            True when the two hits name the same thing ("Kh-101 cruise missiles").
        """
        return self._gap.fullmatch(text, start, end) is not None

    def classify(self, text: str) -> tuple[str, ...]:
        """Return the sorted, distinct classes named in ``text``.

        Parameters
        ----------
        text : str
            Any text.

        Returns
        -------
        tuple of str
            Sorted class names; empty when nothing matches.
        """
        return tuple(sorted({h.cls for h in self.specific_hits(text)}))


@dataclass(frozen=True, slots=True)
class ForeignPlace:
    """A place outside Ukraine named in a text.

    Attributes
    ----------
    start, end : int
        Character offsets of the name in the text.
    surface : str
        The name as written.
    name : str
        Canonical English name (``"Rostov oblast"``).
    country : str
        ISO 3166-1 alpha-2 code (``"RU"``, ``"BY"``, ...).
    kind : str
        ``"city"``, ``"region"``, ``"country"``, ``"airbase"``, ``"port"``, ...
    """

    start: int
    end: int
    surface: str
    name: str
    country: str
    kind: str


class PlaceListMatcher:
    """Case-sensitive whole-name matcher over ``outside_ukraine`` places.

    Names never match when glued to a hyphen, so ``Belgorod`` does not match
    inside ``Belgorod-Dnestrovsky``.

    Parameters
    ----------
    places : iterable of Mapping
        Records with ``name``, ``country``, ``kind`` and ``aliases``.
    """

    __slots__ = ("regex", "_by_alias", "_fast", "_last")

    def __init__(self, places: Iterable[Mapping[str, Any]]):
        by_alias: dict[str, tuple[str, str, str]] = {}
        for place in places:
            for alias in place["aliases"]:
                key = " ".join(alias.split())
                by_alias[key] = (place["name"], place["country"], place["kind"])
        self._by_alias = by_alias
        aliases = sorted(by_alias, key=len, reverse=True)
        self._fast = FastPattern.from_alternatives(
            [re.escape(a).replace(r"\ ", r"\s+") for a in aliases],
            r"(?<![\w\-])(?:{})(?![\w\-])",
        )
        self.regex = self._fast.regex
        # the last text read and its places (see find)
        self._last: tuple[str | None, list[ForeignPlace]] = (None, [])

    def find(self, text: str) -> list[ForeignPlace]:
        """Return the foreign places named in ``text``, in order.

        Parameters
        ----------
        text : str
            Any text.

        Returns
        -------
        list of ForeignPlace
        """
        last = self._last
        if last[0] is text:  # the same str object as the last call (see hits)
            return list(last[1])
        out = []
        for m in self._fast.matches(text):
            surface = m.group()
            name, country, kind = self._by_alias[" ".join(surface.split())]
            out.append(ForeignPlace(m.start(), m.end(), surface, name, country, kind))
        self._last = (text, out)
        return list(out)

    def lookup(self, name: str) -> ForeignPlace | None:
        """Return the foreign place a whole name denotes, or None.

        Parameters
        ----------
        name : str
            A place name as written (``"Rostov-on-Don"``).

        Returns
        -------
        ForeignPlace or None
            With offsets 0 and ``len(name)``.
        """
        key = " ".join(name.split())
        hit = self._by_alias.get(key)
        if hit is None:
            return None
        return ForeignPlace(0, len(name), name, *hit)


#: The sections of ``lexicon.json`` that :func:`class_matcher` compiles.
CLASS_SECTIONS = ("attack", "weapons", "targets")


def class_matcher(section: str, lang: Language | None = None) -> ClassMatcher:
    """The compiled :class:`ClassMatcher` of a lexicon section (made once).

    Parameters
    ----------
    section : str
        ``"attack"`` (classes ``attack``, ``effect``, ``defence``),
        ``"weapons"`` or ``"targets"``.
    lang : Language, optional
        The language; English by default.

    Returns
    -------
    ClassMatcher
    """
    return _class_matcher(section, or_default(lang))


@cache
def _class_matcher(section: str, lang: Language) -> ClassMatcher:
    return ClassMatcher(lang.lexicon[section])


def outside_matcher(lang: Language | None = None) -> PlaceListMatcher:
    """The matcher of the places outside Ukraine a language names (made once).

    Parameters
    ----------
    lang : Language, optional
        The language; English by default.

    Returns
    -------
    PlaceListMatcher
    """
    return _outside_matcher(or_default(lang))


@cache
def _outside_matcher(lang: Language) -> PlaceListMatcher:
    return PlaceListMatcher(lang.lexicon["outside_ukraine"]["places"])
