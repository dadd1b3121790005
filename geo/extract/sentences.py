"""Sentence and paragraph boundaries of news text, as character offsets.

News pages scraped to text put one paragraph, headline or caption per line, and
headlines carry no final punctuation: a line break therefore ends a sentence,
unless the line was hard-wrapped in the middle of a sentence (the next line
starts in lower case, or the line ends with a comma, hyphen or a function
word).  Inside a line, ``.``, ``!``, ``?`` and ellipses end a sentence when
followed by space and a sentence start; titles (``Mr.``, ``Dr.``, ``St.``),
initials (``J.``), acronyms (``U.S.``), decimals and quotes after the period are
handled.  A wire dateline opening a paragraph ("KYIV, Nov 25 (Reuters) - ",
"Київ, 19 листопада (Укрінформ) — ", see :func:`geo.extract.dates.datelines`)
is a sentence of its own, so the place it names is never read with the
paragraph's first sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from gazetteer import compiled
from geo.extract.dates import datelines
from geo.lang import Language, or_default

__all__ = [
    "ListBlock",
    "list_blocks",
    "sentence_spans",
    "paragraph_spans",
    "sentences",
    "split_long",
]

# Candidate boundaries: terminal punctuation or a line break, with what follows
# (closing quotes, brackets, whitespace).  One leading character class lets the
# regex engine skip through the text quickly; the rest is judged in Python.
_CANDIDATE = compiled.compile(r"[.!?…\n][.!?…\"'”’»)\]\s]*")
_CLOSERS = "\"'”’»)]"
_MARKS = ".!?…" + _CLOSERS
#: the last characters of a line that never runs on into the next one
_ENDS_LINE = ".!?…:\"”'’"
#: the marks after which list items run together in one line are cut
_INLINE_MARKS = ";:"
_BLANK_LINE = compiled.compile(r"\n[ \t]*\n")
_LINE = compiled.compile(r"[^\n]+")
_NEXT_WORD = compiled.compile(r"[\"'“‘(\[]*([\w’']+)")
#: the characters of the token before a period (\w is str.isalnum() or "_")
_WORD_CHARS = compiled.compile(r"[\w.'’]*")
# what the word before a period makes of it (see _Rules.period_word)
_PLAIN, _ABBREV, _ABBREV_NUM, _INITIAL = range(4)


class _Rules:
    """The sentence words of one language (``sentences.json``), compiled."""

    __slots__ = (
        "abbrev",
        "abbrev_num",
        "starters",
        "initial",
        "wrapped_end",
        "clause_cuts",
        "item_start",
        "inline_item",
        "item_ends",
        "_kinds",
    )

    def __init__(self, lang: Language):
        raw = lang.sentences
        months = set(lang.month_abbreviations)
        #: abbreviations that never end a sentence (compared case-insensitively)
        self.abbrev = frozenset(raw["abbreviations"]) | months
        #: abbreviations that end a sentence only when no number follows
        self.abbrev_num = frozenset(raw["abbreviations_before_numbers"]) | months
        #: words that start a sentence after an acronym ("in the U.S. The ...")
        self.starters = frozenset(raw["starters"])
        #: one letter that, with a period, is an initial ("J.")
        self.initial = compiled.compile(raw["initial"])
        #: a line that continues on the next line (hard wrap)
        self.wrapped_end = compiled.compile(
            r"(?:[,\-–—(/]|\b(?:" + "|".join(raw["wrap_words"]) + "))$",
            re.IGNORECASE,
        )
        # where a long sentence may be cut, best first: after a clause mark,
        # before a clause word, at a space
        self.clause_cuts = (
            compiled.compile(r"[;:,–—)\]](?=\s)|\s[-–—](?=\s)"),
            compiled.compile(
                r"\s(?=(?:" + "|".join(raw["clause_words"]) + r")\s)", re.IGNORECASE
            ),
            compiled.compile(r"\s"),
        )
        # list items (a language without "list_markers" has none): a line
        # starting with a marker is an item of its own; items run together in
        # one line are cut after the ";" or ":" before their marker
        markers = raw.get("list_markers")
        #: the start of a list item at a line start, or None
        self.item_start = compiled.compile(markers) if markers else None
        #: where items run together in one line are cut, or None: a match is
        #: one character of _INLINE_MARKS, its look-ahead taking none (see
        #: _inline_cuts)
        self.inline_item = (
            compiled.compile(rf"[{_INLINE_MARKS}](?=[ \t]+(?:{markers}))")
            if markers
            else None
        )
        #: characters that end a list item at the end of a line
        self.item_ends = raw.get("item_ends", "")
        # period_word's answers: the words before periods repeat (bounded)
        self._kinds: dict[str, int] = {}

    def period_word(self, word: str) -> int:
        """What the word before a lone ``.`` makes of it.

        ``_ABBREV``: no end; ``_ABBREV_NUM``: an end unless a number
        follows; ``_INITIAL`` (an initial or an acronym): an end when a
        starter follows; ``_PLAIN``: an end.
        """
        kind = self._kinds.get(word)
        if kind is None:
            bare = word.rstrip(".").lower()
            if bare in self.abbrev:
                kind = _ABBREV_NUM if bare in self.abbrev_num else _ABBREV
            elif self.initial.fullmatch(word) or "." in word.strip("."):
                kind = _INITIAL
            else:
                kind = _PLAIN
            if len(self._kinds) >= 4096:
                self._kinds.clear()  # a page of odd tokens: start again
            self._kinds[word] = kind
        return kind


@cache
def _rules(lang: Language) -> _Rules:
    return _Rules(lang)


def _next_char(text: str, pos: int) -> tuple[str, int]:
    """Return the first non-space character at or after ``pos`` and its index."""
    n = len(text)
    while pos < n and text[pos].isspace():
        pos += 1
    return (text[pos], pos) if pos < n else ("", n)


def _next_word(text: str, pos: int) -> str:
    m = _NEXT_WORD.match(text[pos : pos + 40])
    return m.group(1) if m else ""


def sentence_spans(text: str, lang: Language | None = None) -> list[tuple[int, int]]:
    r"""Return the sentences of ``text`` as ``(start, end)`` character offsets.

    Spans are stripped of surrounding whitespace, in order, non-overlapping;
    empty spans are skipped.  This is the project's one sentence splitter:
    the gazetteer reads the sentences it is given
    (:meth:`gazetteer.Gazetteer.resolve_mentions`).

    Parameters
    ----------
    text : str
        Article text, one paragraph or headline per line.
    lang : Language, optional
        Its language (abbreviations, hard-wrap words); English by default.

    Returns
    -------
    list of tuple of int
        ``text[start:end]`` is one sentence.

    Examples
    --------
    >>> t = "Kyiv hit overnight\nMr. Smith said 2.5 km. Then it ended."
    >>> [t[s:e] for s, e in sentence_spans(t)]
    ['Kyiv hit overnight', 'Mr. Smith said 2.5 km.', 'Then it ended.']
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for end in [*_cuts(text, _rules(or_default(lang)), lang), len(text)]:
        if end <= start:
            continue
        s, e = _strip(text, start, end)
        if e > s:
            spans.append((s, e))
        start = end
    return spans


def _cuts(text: str, rules: _Rules, lang: Language | None) -> list[int]:
    """The end offsets (exclusive) of the sentences of ``text``."""
    cuts = _sentence_cuts(text, rules)
    if rules.inline_item is not None:
        inline = _inline_cuts(text, rules.inline_item)
        if inline:
            cuts = sorted({*cuts, *inline})
    wire = datelines(text, lang)
    if wire:
        # a wire dateline is a sentence of its own ("KYIV, Nov 25 (Reuters)
        # -"): its place is no mention of the paragraph's first sentence
        inside = [(d.start, d.end) for d in wire]
        cuts = sorted(
            {c for c in cuts if not any(a < c < b for a, b in inside)}
            | {x for d in wire for x in (d.start, d.end)}
        )
    return cuts


def _inline_cuts(text: str, item: re.Pattern[str]) -> list[int]:
    """The ends of the matches of ``item`` (``_Rules.inline_item``) in ``text``.

    Each match is one character of :data:`_INLINE_MARKS` (the look-ahead
    takes none), so the matches are the marks it matches at, left to right:
    found by ``str.find``, many times quicker than the regex's own scan of a
    Cyrillic text (which has them only a few times), and asked only there.
    """
    ends: list[int] = []
    for mark in _INLINE_MARKS:
        i = text.find(mark)
        while i >= 0:
            if item.match(text, i) is not None:
                ends.append(i + 1)
            i = text.find(mark, i + 1)
    ends.sort()
    return ends


def _word_before(text: str, start: int) -> str:
    """The token before ``start``: letters, digits, ``._'’``, 40 at most."""
    lo = start - 40 if start > 40 else 0
    # mostly a space stands before it: one search back, one check of the
    # token (a token with other characters is walked back)
    i = text.rfind(" ", lo, start) + 1 or lo
    word = text[i:start]
    if _WORD_CHARS.fullmatch(word):
        return word
    i = start
    while i > lo and (text[i - 1].isalnum() or text[i - 1] in "._'’"):
        i -= 1
    return text[i:start]


def _sentence_cuts(text: str, rules: _Rules) -> list[int]:
    """The cuts at terminal punctuation and line breaks."""
    cuts: list[int] = []
    append = cuts.append
    n = len(text)
    for m in _CANDIDATE.finditer(text):
        tok = m.group()
        nl = tok.find("\n")
        if nl >= 0:
            nl_start = m.start() + nl
            # the line's last non-space character is in the token when it
            # opens with a mark: after ".", "?", a quote ... it never runs
            # on (_wrapped would say no), which need not be asked
            before = tok[:nl].rstrip()
            if (
                (before and before[-1] in _ENDS_LINE)
                or tok.count("\n") > 1
                or not _wrapped(text, nl_start, rules)
            ):
                append(nl_start)
            continue
        # no line break: the token opens with its marks, then a space when
        # anything follows them in it
        rest = tok.lstrip(_MARKS)
        start = m.start()
        tok_end = m.end()
        end = tok_end - len(rest)
        if not rest:
            if end == n:
                append(end)  # the text ends
            # else a word goes on: "2.5", "U.S" inside a word
            continue
        # the first character after the spaces: in the token (a quote, a
        # bracket), else the one the token stops at
        rest = rest.lstrip()
        if rest:
            nxt = rest[0]
        elif tok_end < n:
            nxt = text[tok_end]
        else:
            append(end)
            continue
        if nxt.islower() or nxt in ",;:)":
            continue
        # only a lone "." may not end the sentence (other marks, closers
        # after it: an end)
        if end - start == 1 and tok[0] == ".":
            kind = rules.period_word(_word_before(text, start))
            if kind == _ABBREV:
                continue
            if kind == _ABBREV_NUM:
                if nxt.isdigit():
                    continue
            elif kind == _INITIAL:
                nxt_pos = tok_end - len(rest)
                if _next_word(text, nxt_pos).lower() not in rules.starters:
                    continue
        append(end)
    return cuts


@dataclass(frozen=True, slots=True)
class ListBlock:
    """A list: the sentence that heads it and the sentences that are its items.

    Attributes
    ----------
    head : int
        The index of the head sentence (``"Внаслідок обстрілів:"``, or the
        sentence before a run of bulleted lines).
    items : tuple of int
        The indices of the sentences that start an item, in order (an item's
        further sentences are not listed).
    """

    head: int
    items: tuple[int, ...]


def list_blocks(
    text: str, spans: Sequence[tuple[int, int]], lang: Language | None = None
) -> list[ListBlock]:
    r"""Find the lists of a text among its sentences.

    A list is headed by a sentence ending with ``:`` or followed by a
    sentence starting with a list marker (the language's ``list_markers``:
    a dash, a bullet, an emoji, ``1)``).  Its items are the sentences that
    start with a marker and, after a ``:`` head, the lines that follow it
    without a blank line; a sentence inside an item's line belongs to the
    item.  A language without list markers (English) has no lists.

    Parameters
    ----------
    text : str
        The text.
    spans : sequence of (int, int)
        Its sentences (as :func:`sentence_spans`).
    lang : Language, optional
        English by default.

    Returns
    -------
    list of ListBlock
        In text order, not overlapping.

    Examples
    --------
    >>> from geo.lang import Language
    >>> t = "Внаслідок обстрілів:\n– у Сумах;\n– у Шостці."
    >>> list_blocks(t, sentence_spans(t, Language("uk")), Language("uk"))
    [ListBlock(head=0, items=(1, 2))]
    """
    marker = _rules(or_default(lang)).item_start
    if marker is None or not spans:
        return []

    def marked(i: int) -> bool:
        return marker.match(text, spans[i][0]) is not None

    out: list[ListBlock] = []
    n = len(spans)
    i = 0
    while i < n - 1:
        colon = text[spans[i][1] - 1] == ":"
        if not (colon or marked(i + 1)):
            i += 1
            continue
        items: list[int] = []
        j = i + 1
        while j < n:
            gap = text[spans[j - 1][1] : spans[j][0]]
            if marked(j):
                items.append(j)
            elif "\n" not in gap:
                if not items:
                    break  # the head's own line goes on: no list
            elif colon and gap.count("\n") == 1:
                items.append(j)
            else:
                break
            j += 1
        if items:
            out.append(ListBlock(i, tuple(items)))
            i = j
        else:
            i += 1
    return out


def _wrapped(text: str, nl_start: int, rules: _Rules) -> bool:
    """Whether the line ending at ``nl_start`` was hard-wrapped mid-sentence."""
    line_start = text.rfind("\n", 0, nl_start) + 1
    line = text[line_start:nl_start].rstrip()
    nxt, nxt_pos = _next_char(text, nl_start + 1)
    if rules.item_start is not None and (
        (line and line[-1] in rules.item_ends) or rules.item_start.match(text, nxt_pos)
    ):
        return False  # a list item ends, or the next line is one
    return bool(
        line
        and nxt
        and (nxt.islower() or rules.wrapped_end.search(line[-16:]))
        and line[-1] not in _ENDS_LINE
    )


def split_long(
    text: str,
    spans: Sequence[tuple[int, int]],
    limit: int,
    *,
    keep: Sequence[tuple[int, int]] = (),
    lang: Language | None = None,
) -> list[tuple[int, int]]:
    """Cut every span longer than ``limit`` characters into shorter parts.

    A part ends at the last clause mark (``;``, ``,``, a dash) in the second
    half of its ``limit`` characters, else before the last clause word
    ("and", "while", ...), else at the last space, else after ``limit``
    characters; never inside one of the ``keep`` spans (place names), which a
    part may then overrun.  Each cut looks at ``limit`` characters at most, so
    the work is linear in the text.

    Parameters
    ----------
    text : str
        The text the spans are offsets in.
    spans : sequence of (int, int)
        Stripped, ordered, non-overlapping spans (as :func:`sentence_spans`).
    limit : int
        The longest part, in characters (at least 2).
    keep : sequence of (int, int)
        Spans, ordered by start, that no cut may fall inside.
    lang : Language, optional
        Its language (the clause words); English by default.

    Returns
    -------
    list of (int, int)
        ``spans`` with every long span replaced by its stripped parts.

    Examples
    --------
    >>> t = "one two, three four five six"
    >>> [t[a:b] for a, b in split_long(t, [(0, len(t))], 12)]
    ['one two,', 'three four', 'five six']
    """
    if limit < 2:
        raise ValueError(f"limit must be at least 2, not {limit}")
    clause_cuts = _rules(or_default(lang)).clause_cuts
    starts = [a for a, _ in keep]
    reach: list[int] = []  # the furthest end of the keep spans up to each one
    for _, b in keep:
        reach.append(max(b, reach[-1]) if reach else b)

    def inside(pos: int) -> int:
        """The end of the keep span ``pos`` falls strictly inside, or -1."""
        i = bisect_left(starts, pos) - 1
        return reach[i] if i >= 0 and reach[i] > pos else -1

    out: list[tuple[int, int]] = []
    for s0, s1 in spans:
        start = s0
        while s1 - start > limit:
            cut = -1
            lo, hi = start + limit // 2, start + limit
            for rule in clause_cuts:
                found = [m.end() for m in rule.finditer(text, lo, hi)]
                for pos in reversed(found):
                    if inside(pos) < 0:
                        cut = pos
                        break
                if cut > 0:
                    break
            if cut < 0:
                cut = hi
                end = inside(cut)
                while end > 0:  # a cut inside a name moves past it
                    cut, end = end, inside(end)
            if cut >= s1:
                break
            a, b = _strip(text, start, cut)
            if b > a:
                out.append((a, b))
            start = cut
        a, b = _strip(text, start, s1)
        if b > a:
            out.append((a, b))
    return out


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def sentences(text: str, lang: Language | None = None) -> list[str]:
    """Return the sentences of ``text`` as strings (see :func:`sentence_spans`).

    Parameters
    ----------
    text : str
        Article text.
    lang : Language, optional
        English by default.

    Returns
    -------
    list of str
    """
    return [text[s:e] for s, e in sentence_spans(text, lang)]


def paragraph_spans(text: str, lang: Language | None = None) -> list[tuple[int, int]]:
    """Return the paragraphs of ``text`` as stripped ``(start, end)`` offsets.

    When the text separates paragraphs by blank lines, a paragraph is a run of
    non-blank lines; otherwise (one paragraph per line, as scraped pages come)
    every non-blank line is a paragraph.

    Parameters
    ----------
    text : str
        Article text.
    lang : Language, optional
        Its language (hard-wrap words); English by default.

    Returns
    -------
    list of tuple of int
    """
    spans: list[tuple[int, int]] = []
    if _BLANK_LINE.search(text) and _hard_wrapped(text, _rules(or_default(lang))):
        pieces = []
        start = 0
        for m in _BLANK_LINE.finditer(text):
            pieces.append((start, m.start()))
            start = m.end()
        pieces.append((start, len(text)))
    else:
        pieces = [(m.start(), m.end()) for m in _LINE.finditer(text)]
    for s, e in pieces:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
    return spans


def _hard_wrapped(text: str, rules: _Rules) -> bool:
    """Tell whether some non-blank line runs on into the next one (hard wrap)."""
    lines = text.split("\n")
    for a, b in zip(lines, lines[1:], strict=False):
        a, b = a.rstrip(), b.lstrip()
        if a and b and (b[0].islower() or rules.wrapped_end.search(a[-16:])):
            if a[-1] not in ".!?…:\"”'’":
                return True
    return False
