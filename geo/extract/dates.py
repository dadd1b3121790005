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

Nothing here ever looks at today's date.
"""

from __future__ import annotations

import bisect
import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import median

from geo.extract.lexicon import first_chars

__all__ = [
    "Block",
    "DateGuess",
    "WEEKDAYS",
    "MONTHS",
    "dated_blocks",
    "block_at",
    "event_date",
    "parse_date_line",
]

#: Weekday names, Monday first (index = ``date.weekday()``).
WEEKDAYS = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)
#: Month names, January first (index + 1 = month number).
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTH_NUM = {m: i + 1 for i, m in enumerate(MONTHS)}
_MONTH_NUM.update({m[:3]: i + 1 for i, m in enumerate(MONTHS)})
_MONTH_NUM["sept"] = 9
_WEEKDAY_NUM = {d: i for i, d in enumerate(WEEKDAYS)}

# Month names are matched capitalized only ("may" is a verb, "march" a noun).
_MON = (
    r"(?-i:(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?"
    r"|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
    r"|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER"
    r"|NOVEMBER|DECEMBER)\.?"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"
_WD = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"


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
        publication date is unknown), ``"date_line"`` (the teaser's own date
        line) or ``"relative_line"`` (a teaser dated "3 hours ago", taken as the
        publication day; "2 days ago" gives None).
    """

    start: int
    end: int
    ref_date: date | None
    dated_by: str


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

    date: date | None
    precision: str
    window: tuple[date, date] | None
    cue: str


# ---------------------------------------------------------------- date lines

_TIME = (
    r"(?:[,\s]+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?"
    r"(?:\s*\(?(?:GMT|UTC|BST|CET|CEST|EET|EEST|ET|EST|EDT|PT|PST|PDT|MSK|"
    r"Kyiv time|local time)(?:[+-]\d{1,2})?\)?)?)?"
)
_LINE_PREFIX = (
    r"(?:(?:last\s+)?(?:updated|published|posted|modified|first\s+published|date)"
    r"(?:\s+on|\s+at)?\s*:?\s*)?(?:" + _WD + r",?\s+)?"
)
_LINE_DATES = (
    rf"(?P<d1>{_DAY})(?:\s+of)?\s+(?P<m1>{_MON}),?\s+(?P<y1>{_YEAR})",
    rf"(?P<m2>{_MON})\s+(?P<d2>{_DAY}),?\s+(?P<y2>{_YEAR})",
    rf"(?P<y3>{_YEAR})-(?P<m3>\d{{1,2}})-(?P<d3>\d{{1,2}})",
    rf"(?P<d4>\d{{1,2}})[./](?P<m4>\d{{1,2}})[./](?P<y4>{_YEAR})",
)
_DATE_LINE = re.compile(
    rf"^\s*{_LINE_PREFIX}(?:{'|'.join(_LINE_DATES)}){_TIME}"
    r"(?:\s*[|·•]\s*[^\n.!?]{0,40})?\s*$",
    re.IGNORECASE,
)
_RELATIVE_LINE = re.compile(
    r"^\s*(?:(?:updated|published|posted)\s*:?\s*)?(?:"
    r"(?P<n>\d+|an?|one)\s+(?P<unit>sec(?:ond)?s?|min(?:ute)?s?|hours?|hrs?|h|days?"
    r"|weeks?|months?|years?)\s+ago|(?P<word>just\s+now|today|yesterday))\s*$",
    re.IGNORECASE,
)


def parse_date_line(
    line: str, published: date | None = None
) -> tuple[date | None, str] | None:
    """Read a line that is only a date ("May 25, 2025", "3 hours ago").

    Parameters
    ----------
    line : str
        One line of text.
    published : date or None
        Publication date, the anchor of relative lines ("3 hours ago").

    Returns
    -------
    tuple or None
        None when the line is not a date line; else ``(date, kind)`` with kind
        ``"date_line"`` or ``"relative_line"``.  A relative line of minutes or
        hours (or "today") gives ``published``; days, weeks and more give None
        (the page was rendered on an unknown day).
    """
    m = _DATE_LINE.match(line)
    if m:
        d = _date_from_groups(m)
        if d is not None:
            return d, "date_line"
        return None
    m = _RELATIVE_LINE.match(line)
    if m:
        if m.group("word"):
            word = m.group("word").lower()
            return (published if word != "yesterday" else None), "relative_line"
        unit = m.group("unit").lower()
        if unit == "h" or unit.startswith(("sec", "min", "hour", "hr")):
            return published, "relative_line"
        return None, "relative_line"
    return None


def _date_from_groups(m: re.Match[str]) -> date | None:
    g = m.groupdict()
    try:
        if g["y1"]:
            return date(int(g["y1"]), _month(g["m1"]), _int_day(g["d1"]))
        if g["y2"]:
            return date(int(g["y2"]), _month(g["m2"]), _int_day(g["d2"]))
        if g["y3"]:
            return date(int(g["y3"]), int(g["m3"]), int(g["d3"]))
        if g["y4"]:
            return date(int(g["y4"]), int(g["m4"]), int(g["d4"]))
    except ValueError:
        return None
    return None


def _month(name: str) -> int:
    key = name.rstrip(".").lower()
    return 9 if key.startswith("sept") else _MONTH_NUM[key[:3]]


def _int_day(text: str) -> int:
    return int(re.match(r"\d+", text).group())


# ------------------------------------------------------------------- blocks

_LINE_RE = re.compile(r"[^\n]*")


def _lines(text: str) -> list[tuple[int, int]]:
    """Non-blank lines as stripped (start, end) offsets."""
    out = []
    for m in _LINE_RE.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def _headline_like(line: str) -> bool:
    return len(line) <= 160 and line.rstrip()[-1:] not in ".!?…"


def _teaser_like(text: str, span: tuple[int, int]) -> bool:
    line = text[span[0] : span[1]]
    return len(line) <= 400 and parse_date_line(line) is None


def _contentful(line: str) -> bool:
    return len(line.split()) >= 8


def dated_blocks(text: str, published: date | None) -> list[Block]:
    """Cut a page into blocks, each with the date its text is relative to.

    A date line is a line that holds only a date (optionally with a time, a
    weekday, "Updated"/"Published", or a relative "3 hours ago").  Rules:

    - a date line among the first lines of the page, before the body, dates
      the whole page when ``published`` is None (``"dateline"``) and is
      otherwise ignored;
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

    Returns
    -------
    list of Block
    """
    if not text:
        return []
    lines = _lines(text)
    dates: list[tuple[int, date | None, str]] = []  # (line index, date, kind)
    for i, (s, e) in enumerate(lines):
        if e - s > 80:
            continue
        parsed = parse_date_line(text[s:e], published)
        if parsed is not None:
            dates.append((i, parsed[0], parsed[1]))
    body_ref, body_by = published, "published"
    if dates and _is_header(text, lines, dates):
        d0 = dates[0][1]
        dates = dates[1:]
        if published is None and d0 is not None:
            body_ref, body_by = d0, "dateline"
    if not dates:
        return [Block(0, len(text), body_ref, body_by)]

    # teaser line ranges [a, b) of `lines`, each with its date
    teasers: list[tuple[int, int, date | None, str]] = []
    idx = [i for i, _, _ in dates]
    gaps = [b - a - 1 for a, b in zip(idx, idx[1:], strict=False)]
    k = max(1, min(int(median(gaps)) if gaps else 2, 6))
    tail = lines[idx[-1] + 1 :]
    after = not any(_contentful(text[s:e]) for s, e in tail[:k])
    if after:  # each date line closes the teaser above it
        for n, (i, d, kind) in enumerate(dates):
            if n:
                a = idx[n - 1] + 1
            else:
                a = i
                while a > 0 and i - a < k and _teaser_like(text, lines[a - 1]):
                    a -= 1
                if not gaps:
                    a = _single_teaser_start(text, lines, a, i)
            teasers.append((a, i + 1, d, kind))
    else:  # each date line heads the teaser below it
        for n, (i, d, kind) in enumerate(dates):
            if n + 1 < len(dates):
                b = idx[n + 1]
            else:
                b = i + 1
                while b < len(lines) and b - i - 1 < k and _teaser_like(text, lines[b]):
                    b += 1
            teasers.append((i, b, d, kind))

    pieces: list[tuple[int, int, date | None, str]] = []
    pos = 0
    for a, b, d, kind in teasers:
        start, end = lines[a][0], lines[b - 1][1]
        if text[pos:start].strip():
            pieces.append((pos, start, body_ref, body_by))
        pieces.append((max(start, pos), end, d, kind))
        pos = end
    if pos < len(text):
        pieces.append((pos, len(text), body_ref, body_by))
    blocks: list[Block] = []
    for _start, end, d, kind in pieces:
        if (
            blocks
            and blocks[-1].dated_by == kind == body_by
            and blocks[-1].ref_date == d
        ):
            blocks[-1] = Block(blocks[-1].start, end, d, kind)
        else:
            blocks.append(Block(blocks[-1].end if blocks else 0, end, d, kind))
    last = blocks[-1]
    blocks[-1] = Block(last.start, len(text), last.ref_date, last.dated_by)
    return blocks


def _is_header(
    text: str, lines: list[tuple[int, int]], dates: list[tuple[int, date | None, str]]
) -> bool:
    """Tell whether the first date line heads the page rather than a teaser."""
    i0, _, kind0 = dates[0]
    first_long = next((i for i, (s, e) in enumerate(lines) if e - s >= 150), len(lines))
    if kind0 != "date_line" or i0 >= min(first_long, 4):
        return False
    if len(dates) == 1:
        return True
    idx = [i for i, _, _ in dates]
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
    i = bisect.bisect_right([b.start for b in blocks], offset) - 1
    if i < 0:
        return None
    blk = blocks[i]
    return (
        blk
        if blk.start <= offset < blk.end or offset == blk.end == blocks[-1].end
        else None
    )


# --------------------------------------------------------------- event dates

_ORD = r"(?:st|nd|rd|th)"
_PATTERNS: list[tuple[str, str]] = [
    # night of 3 to 4 July (2025) / night of July 3 to 4 / night of 3-4 July
    (
        "night_dm",
        r"\bnight\s+of\s+(?:the\s+)?(?P<da>\d{1,2})"
        + _ORD
        + r"?\s*(?:to|into|-|–|and)\s*"
        r"(?:the\s+)?(?P<db>\d{1,2})" + _ORD + r"?(?:\s+of)?\s+(?P<mon>" + _MON + r")"
        r"(?:,?\s+(?P<year>" + _YEAR + r"))?",
    ),
    (
        "night_md",
        r"\bnight\s+of\s+(?P<mon>" + _MON + r")\s+(?P<da>\d{1,2})" + _ORD + r"?\s*"
        r"(?:to|into|-|–|and)\s*(?P<db>\d{1,2})"
        + _ORD
        + r"?(?:,?\s+(?P<year>"
        + _YEAR
        + r"))?",
    ),
    ("iso", r"\b(?P<year>" + _YEAR + r")-(?P<mm>\d{2})-(?P<dd>\d{2})\b"),
    (
        "numeric",
        r"(?<![\d.])(?P<a>\d{1,2})(?P<sep>[./])(?P<b>\d{1,2})(?P=sep)(?P<year>"
        + _YEAR
        + r")\b",
    ),
    (
        "dmy",
        r"\b(?P<dd>"
        + _DAY
        + r")(?:\s+of)?\s+(?P<mon>"
        + _MON
        + r"),?\s+(?P<year>"
        + _YEAR
        + r")\b",
    ),
    (
        "mdy",
        r"\b(?P<mon>"
        + _MON
        + r")\s+(?P<dd>"
        + _DAY
        + r")\b,?\s+(?P<year>"
        + _YEAR
        + r")\b",
    ),
    (
        "my",
        r"\b(?:(?:early|late|mid)[\s-]+)?(?P<mon>"
        + _MON
        + r")\s+(?P<year>"
        + _YEAR
        + r")\b",
    ),
    (
        "dm",
        r"\b(?:the\s+)?(?P<dd>"
        + _DAY
        + r")(?:\s+of)?\s+(?P<mon>"
        + _MON
        + r")(?![\w])",
    ),
    ("md", r"\b(?P<mon>" + _MON + r")\s+(?P<dd>" + _DAY + r")\b(?![:.,]?\d)"),
    ("dom", r"\bon\s+the\s+(?P<dd>[12]\d|3[01]|[1-9])" + _ORD + r"\b"),
    # night of Thursday to Friday / Thursday night into Friday / overnight from ... to
    (
        "wd_range",
        r"\b(?:(?:the\s+)?night\s+(?:of|from)\s+|overnight\s+(?:from\s+)?|between\s+)?"
        r"(?P<wa>"
        + _WD
        + r")(?:\s+night)?\s+(?:to|into|and|-|–)\s+(?P<wb>"
        + _WD
        + r")\b"
        r"(?:\s+night)?",
    ),
    (
        "wd",
        r"\b(?P<pre>(?:(?:(?:in\s+)?the\s+early\s+hours\s+of|overnight|early|late|last|"
        r"this|next|on|since|until|by|before|after|from|each|every)\s+){0,3})"
        r"(?P<wd>" + _WD + r")(?:['’]s)?\b"
        r"(?P<post>(?:\s+(?:early\s+)?(?:morning|afternoon|evening|night|"
        r"nighttime|overnight|daytime))?)(?:\s+(?:into|to)\s+(?P<wb>" + _WD + r"))?",
    ),
    (
        "ago",
        r"\b(?P<n>\d+|one|two|three|four|five|six|seven|a)\s+(?P<unit>days?|weeks?)\s+ago\b",
    ),
    ("day_before", r"\bthe\s+day\s+before\s+yesterday\b"),
    (
        "yesterday",
        r"\byesterday(?:['’]s)?(?P<post>\s+(?:morning|afternoon|evening|night))?\b",
    ),
    ("tonight", r"\b(?:tonight|this\s+evening)\b"),
    (
        "overnight",
        r"\b(?:overnight|last\s+night|through(?:out)?\s+the\s+night|during\s+the\s+night|"
        r"in\s+the\s+early\s+hours(?:\s+of\s+(?:the\s+morning|today))?|early\s+(?:this\s+)?morning"
        r"|before\s+dawn|at\s+dawn|after\s+midnight|shortly\s+after\s+midnight)\b",
    ),
    (
        "today",
        r"\b(?:today|this\s+morning|this\s+afternoon|earlier\s+today|later\s+today|"
        r"on\s+the\s+same\s+day)\b",
    ),
    (
        "previous_day",
        r"\b(?:the\s+(?:previous|prior)\s+day|a\s+day\s+(?:earlier|before))\b",
    ),
    ("last_weekend", r"\b(?:last|over\s+the|this\s+past|at\s+the)\s+weekend\b"),
    ("last_week", r"\blast\s+week\b"),
    ("this_week", r"\b(?:earlier\s+)?this\s+week\b"),
    ("last_month", r"\blast\s+month\b"),
    ("this_month", r"\b(?:earlier\s+)?this\s+month\b"),
    (
        "month",
        r"\b(?P<pre>in|during|early|late|mid|throughout|since|this|last|until|by|of)[\s-]+"
        r"(?:(?:early|late|mid)[\s-]+)?(?P<mon>" + _MON + r")(?![\w])(?!\s*\d)",
    ),
]


def _dispatch(name: str, pattern: str) -> str:
    """Name ``pattern``'s groups after ``name``; lead it by a look-ahead.

    The look-ahead is on the characters it can start with, read before the
    renaming: the renamed pattern's back-references only resolve in the whole
    expression.
    """
    chars = first_chars(pattern)
    pattern = pattern.replace("(?P<", f"(?P<{name}_")
    if not chars:
        return pattern
    cls = "".join(sorted({c.lower() for c in chars} | {c.upper() for c in chars}))
    return f"(?=[{re.escape(cls)}])" + pattern


# One expression over every pattern, a named group per pattern; tried only at
# word starts, and each pattern only where its first character can stand.
_EVENT_RE = re.compile(
    r"(?<!\w)(?:"
    + "|".join(
        f"(?P<_{name}>{_dispatch(name, pat)})" for name, pat in _PATTERNS
    ).replace("(?P=sep)", "(?P=numeric_sep)")
    + ")",
    re.IGNORECASE,
)
# Words that make a date expression refer to another event than the one
# reported ("a week after the May 25 attack", "talks due on Wednesday").
_DEMOTE = re.compile(
    r"\b(?:since|after|before|following|until|till|ahead\s+of|than|compared\s+(?:to|with)|"
    r"will|would|shall|scheduled|due|set\s+to|plans?\s+to|planned|expected|to\s+be\s+held|"
    r"to\s+begin|to\s+start|next|upcoming|from)\b(?:\W+\w+){0,5}\W*$",
    re.IGNORECASE,
)
# A weekday led by these words dates something else ("since Monday").
_IGNORED_LEAD = frozenset(
    ("next", "each", "every", "since", "until", "by", "before", "after", "from")
)
_EXPLICIT = frozenset(("iso", "numeric", "dmy", "mdy", "dm", "md", "dom"))
_APPOSITION = re.compile(r"[,\s]*(?:the\s+)?")
_CLAUSE_CUT = re.compile(r"[;:,–—]\s|\band\b", re.IGNORECASE)


# Cheap test before the big expression: words without which nothing dates.
_KEYWORDS = (
    "day", "night", "week", "month", "ago", "morning", "afternoon", "evening",
    "dawn", "midnight", "hours", "tonight",
)  # fmt: skip
_MONTH_STARTS = re.compile(
    r"(?-i:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|JAN|FEB|MAR|APR|MAY|JUN|JUL"
    r"|AUG|SEP|OCT|NOV|DEC)|\d(?:[-./]\d|st\b|nd\b|rd\b|th\b)"
)


def _first_cue(sentence: str) -> int:
    """Return where the first possible date word is (-1 when none)."""
    low = sentence.lower()
    found = [i for i in (low.find(k) for k in _KEYWORDS) if i >= 0]
    m = _MONTH_STARTS.search(sentence)
    if m:
        found.append(m.start())
    return min(found) if found else -1


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


def _interpret(name: str, m: re.Match[str], ref: date | None) -> DateGuess | None:
    """Turn one matched date expression into a guess; None to ignore it."""
    g = {
        k[len(name) + 1 :]: v
        for k, v in m.groupdict().items()
        if k.startswith(name + "_")
    }
    cue = " ".join(m.group(f"_{name}").split())
    unknown = DateGuess(None, "unknown", None, cue)
    if name in ("night_dm", "night_md"):
        month = _month(g["mon"])
        db, da = int(g["db"]), int(g["da"])
        if g.get("year"):
            year = int(g["year"])
        elif ref is not None:
            year = _year_for(month, db, ref)
        else:
            return unknown
        end = _safe_date(year, month, db)
        if end is None:
            return None
        start = (
            end - timedelta(days=1)
            if da == db - 1
            else _safe_date(year, month, da) or end
        )
        return _day_guess(end, cue, (min(start, end), end))
    if name == "iso":
        d = _safe_date(int(g["year"]), int(g["mm"]), int(g["dd"]))
        return _day_guess(d, cue) if d else None
    if name == "numeric":
        a, b, year = int(g["a"]), int(g["b"]), int(g["year"])
        dmy, mdy = _safe_date(year, b, a), _safe_date(year, a, b)
        if g["sep"] == "." or dmy == mdy or mdy is None:
            d = dmy
        elif dmy is None:
            d = mdy
        elif ref is None:
            d = dmy
        else:  # ambiguous day/month: the reading nearest ref, not after it
            past = [x for x in (dmy, mdy) if x <= ref] or [dmy, mdy]
            d = min(past, key=lambda x: abs((ref - x).days))
        return _day_guess(d, cue) if d else None
    if name in ("dmy", "mdy"):
        d = _safe_date(int(g["year"]), _month(g["mon"]), _int_day(g["dd"]))
        return _day_guess(d, cue) if d else None
    if name == "my":
        return _month_guess(int(g["year"]), _month(g["mon"]), cue)
    if name in ("dm", "md"):
        if ref is None:
            return unknown
        month, day = _month(g["mon"]), _int_day(g["dd"])
        d = _safe_date(_year_for(month, day, ref), month, day)
        return _day_guess(d, cue) if d else None
    if name == "dom":
        if ref is None:
            return unknown
        day = int(g["dd"])
        y, mth = ref.year, ref.month
        if day > ref.day:
            y, mth = (y - 1, 12) if mth == 1 else (y, mth - 1)
        d = _safe_date(y, mth, day)
        return _day_guess(d, cue) if d else None
    if ref is None:
        return unknown
    if name == "wd_range":
        end = _weekday_on_or_before(ref, _WEEKDAY_NUM[g["wb"].lower()])
        start = end - timedelta(
            days=(_WEEKDAY_NUM[g["wb"].lower()] - _WEEKDAY_NUM[g["wa"].lower()]) % 7
            or 1
        )
        return _day_guess(end, cue, (start, end))
    if name == "wd":
        pre = g["pre"].lower().split()
        post = (g["post"] or "").lower().split()
        if _IGNORED_LEAD.intersection(pre) and not _STRIKE_OWNED.match(
            m.string, m.end() - 2
        ):
            # "from Monday to Friday"; but "from Thursday's strike" dates it
            return None
        wd = _WEEKDAY_NUM[g["wd"].lower()]
        d = _weekday_on_or_before(ref, wd)
        if "last" in pre and d == ref:
            d -= timedelta(days=7)
        if g.get("wb"):
            end = _weekday_on_or_before(ref, _WEEKDAY_NUM[g["wb"].lower()])
            return _day_guess(end, cue, (end - timedelta(days=1), end))
        if (
            "overnight" in pre
            or "early" in pre
            or "overnight" in post
            or "hours" in pre
        ):
            return _day_guess(d, cue, (d - timedelta(days=1), d))
        if "night" in post or "nighttime" in post or ("late" in pre and not post):
            return _day_guess(
                d,
                cue,
                (d, d + timedelta(days=1))
                if "night" in post or "nighttime" in post
                else (d, d),
            )
        return _day_guess(d, cue)
    if name == "ago":
        n = g["n"].lower()
        n = {
            "a": 1,
            "one": 1,
            "two": 2,
            "three": 3,
            "four": 4,
            "five": 5,
            "six": 6,
            "seven": 7,
        }.get(n) or int(n)
        if g["unit"].lower().startswith("week"):
            d = ref - timedelta(days=7 * n)
            return DateGuess(
                d, "week", (d - timedelta(days=3), d + timedelta(days=3)), cue
            )
        return _day_guess(ref - timedelta(days=n), cue)
    if name == "day_before":
        return _day_guess(ref - timedelta(days=2), cue)
    if name == "yesterday":
        d = ref - timedelta(days=1)
        if g.get("post") and "night" in g["post"].lower():
            return _day_guess(d, cue, (d, ref))
        return _day_guess(d, cue)
    if name == "tonight":
        return _day_guess(ref, cue, (ref, ref + timedelta(days=1)))
    if name == "overnight":
        return _day_guess(ref, cue, (ref - timedelta(days=1), ref))
    if name == "today":
        return _day_guess(ref, cue)
    if name == "previous_day":
        return _day_guess(ref - timedelta(days=1), cue)
    if name == "last_weekend":
        sat = _weekday_on_or_before(ref - timedelta(days=1), 5)
        return DateGuess(sat, "week", (sat, min(sat + timedelta(days=1), ref)), cue)
    if name == "last_week":
        monday = ref - timedelta(days=ref.weekday() + 7)
        return DateGuess(monday, "week", (monday, monday + timedelta(days=6)), cue)
    if name == "this_week":
        monday = ref - timedelta(days=ref.weekday())
        return DateGuess(monday, "week", (monday, ref), cue)
    if name == "last_month":
        y, mth = (ref.year - 1, 12) if ref.month == 1 else (ref.year, ref.month - 1)
        return _month_guess(y, mth, cue)
    if name == "this_month":
        return _month_guess(ref.year, ref.month, cue, upto=ref)
    if name == "month":
        pre = g["pre"].lower()
        if pre in ("since", "until", "by"):
            return None
        month = _month(g["mon"])
        year = _year_for(month, None, ref)
        if pre == "last" and year == ref.year and month == ref.month:
            year -= 1
        return _month_guess(
            year,
            month,
            cue,
            upto=ref if (year, month) == (ref.year, ref.month) else None,
        )
    return None


def event_date(
    sentence: str, ref_date: date | None, *, anchor: int | None = None
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
    - "last week": precision "week", the Monday of the previous ISO week, window
      that Monday to Sunday; "this week": Monday of ref's week to ref;
    - "last month", "earlier this month", "in May": precision "month", the
      first of the month, window the month (up to ``ref`` for the current one);
    - explicit dates: "28 May 2022", "May 28, 2022", "2022-05-28", "28.05.2022";
      "on May 28", "on February 2nd", "on the 28th" take the year (month) that
      puts them on or before ``ref_date``.

    Expressions led by "since", "after", "before", "will", "scheduled", ...
    date another event and are passed over.  Several candidates: when
    ``anchor`` is given (e.g. the offset of the place mention), the nearest one
    in the anchor's clause (clauses cut at commas, semicolons, dashes and
    "and"), else the nearest; without an anchor, the first.  When nothing
    dates the sentence, ``ref_date`` with precision "day" and cue "published"
    (a strike report tells the latest events); when ``ref_date`` is None,
    relative expressions and the default give date None and precision
    "unknown", while explicit full dates still work.  An expression that
    reaches past the calendar ("99999999 days ago", "overnight" from
    0001-01-01) gives date None and precision "unknown" too.

    Parameters
    ----------
    sentence : str
        One sentence (or a short passage).
    ref_date : date or None
        The date the text is relative to.
    anchor : int, optional
        Character offset in ``sentence`` to prefer the nearest expression to.

    Returns
    -------
    DateGuess
    """
    candidates: list[tuple[int, int, DateGuess, str]] = []
    first = _first_cue(sentence)
    scan = _EVENT_RE.finditer(sentence, max(0, first - 40)) if first >= 0 else ()
    for m in scan:
        name = m.lastgroup[1:] if m.lastgroup and m.lastgroup.startswith("_") else None
        if name is None:
            name = next(
                k[1:]
                for k, v in m.groupdict().items()
                if k.startswith("_") and v is not None
            )
        try:
            guess = _interpret(name, m, ref_date)
        except (OverflowError, ValueError):
            # counted past what ``datetime.date`` holds (year 1 to 9999):
            # a date no calendar arithmetic can give, so unknown
            guess = DateGuess(None, "unknown", None, " ".join(m.group().split()))
        if guess is None:
            continue
        if _demoted(sentence, m.start()):
            continue
        if (
            candidates
            and candidates[-1][3] == "wd"
            and name in _EXPLICIT
            and _APPOSITION.fullmatch(sentence, candidates[-1][1], m.start())
        ):
            candidates.pop()  # "on Tuesday, February 2nd": the date decides
        candidates.append((m.start(), m.end(), guess, name))
    if candidates:
        # "Thursday's missile strike", "Monday's attack": the possessive dates
        # the strike itself, whatever else the sentence dates ("rose on Saturday")
        owned = [
            c
            for c in candidates
            if _STRIKE_OWNED.match(sentence, c[1] - 2)
            or _STRIKE_OWNED.match(sentence, c[1])
        ]
        if owned:
            return owned[0][2]
        explicit = [c for c in candidates if c[3] in _EXPLICIT]
        if explicit and len(explicit) < len(candidates):
            # "overnight on May 4": the date decides; the relative word only
            # says the night before it counts too
            night = any(c[3] in _NIGHT_CUES for c in candidates)
            candidates = [
                (a, b, _overnight(g) if night and g.precision == "day" else g, n)
                for a, b, g, n in explicit
            ]
        if anchor is None:
            return candidates[0][2]
        cuts = [m.start() for m in _CLAUSE_CUT.finditer(sentence)]
        here = bisect.bisect_right(cuts, anchor)

        def distance(c: tuple[int, int, DateGuess, str]) -> tuple[bool, int]:
            same = bisect.bisect_right(cuts, c[0]) == here
            if c[0] <= anchor < c[1]:
                return (not same, 0)
            return (not same, min(abs(c[0] - anchor), abs(c[1] - anchor)))

        return min(candidates, key=distance)[2]
    if ref_date is None:
        return DateGuess(None, "unknown", None, "")
    return DateGuess(ref_date, "day", (ref_date, ref_date), "published")


_NIGHT_CUES = frozenset(("overnight", "lastnight"))


def _overnight(g: DateGuess) -> DateGuess:
    """The same day, its window opened to the evening before."""
    if g.date is None or g.date == date.min:
        return g
    return DateGuess(g.date, g.precision, (g.date - timedelta(days=1), g.date), g.cue)


# "Thursday's missile strike": a possessive date owning the attack itself
_STRIKE_OWNED = re.compile(
    r"['’]s\s+(?:[\w-]+\s+){0,2}?(?:strikes?|attacks?|shelling|bombardment|barrage"
    r"|raids?|explosions?|blasts?|assault)\b",
    re.IGNORECASE,
)


def _demoted(sentence: str, start: int) -> bool:
    """Tell whether the expression at ``start`` is led by since/after/will/...

    Only words of the same clause count.
    """
    lead = sentence[max(0, start - 60) : start]
    cuts = list(_CLAUSE_CUT.finditer(lead))
    if cuts:
        lead = lead[cuts[-1].end() :]
    return _DEMOTE.search(lead) is not None
