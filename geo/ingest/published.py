"""Publication dates: reading date strings, the header line, the dateline.

A document's publication date comes from the record or its metadata (read
with :func:`metadata_date`), from a ``date YYYY-MM-DD`` header line
(:func:`split_header`), or from a dateline near the top of its text
(:func:`find_publication_date`).  Dates are never guessed, and only those
within :data:`PUBLISHED_RANGE` count (:func:`in_published_range`).

Month and weekday words come from the language seam
(``geo/lang/<code>/calendar.json`` of every language, with the case forms of
inflected ones: "19 листопада 2025"), the table the extraction's date grammar
reads too; the dateline cue words of languages other than English
("Опубліковано", "Оновлено") and the words a dateline may hold besides its
date ("2025 року", "о 10:15") are their ``dates.json``'s ``publication_cues``
and ``publication_filler``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from gazetteer import compiled
from geo.lang import LANGUAGES, language

__all__ = [
    "DATELINE_WINDOW",
    "PUBLISHED_RANGE",
    "DateMatch",
    "HeaderSplit",
    "PublicationDate",
    "find_publication_date",
    "first_metadata_date",
    "in_published_range",
    "metadata_date",
    "parse_iso_date",
    "search_date",
    "split_header",
]

#: First and last publication date taken as real.  Anything outside is a typo
#: or a placeholder (``0001-01-01``, ``9999-12-31``), and would not fit the
#: date types of the outputs (pandas holds 1677 to 2262).
PUBLISHED_RANGE = (dt.date(1900, 1, 1), dt.date(2100, 12, 31))

#: How many non-empty lines from the top are searched for a dateline.
DATELINE_WINDOW = 15


@dataclass(frozen=True, slots=True)
class PublicationDate:
    """A publication date and the rule that gave it.

    Attributes
    ----------
    date : datetime.date or None
        The date; None when no rule found one.
    rule : str
        ``"header"``, ``"published-line"`` or ``"none"`` from
        :func:`find_publication_date`; :attr:`Article.date_source` adds
        ``"jsonl"`` and ``"option"``.
    """

    date: dt.date | None
    rule: str


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A date written in a string, and where (``s[start:end]``)."""

    date: dt.date
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class HeaderSplit:
    """A text split at its ``date YYYY-MM-DD`` header line.

    Attributes
    ----------
    date : datetime.date or None
        The header's date; None when there is no header, or its date is not
        a real day (the header is removed all the same).
    text : str
        The text after the header (all of it when there is none).
    """

    date: dt.date | None
    text: str


@dataclass(frozen=True, slots=True, order=True)
class _Candidate:
    """A dateline candidate: the lowest rank wins, then the highest line."""

    rank: int
    index: int
    date: dt.date = field(compare=False)


# --------------------------------------------------------------------------
# Words
# --------------------------------------------------------------------------


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of *words*, longest first; spaces match any blanks."""
    ordered = sorted(words, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


def _weekday_words(weekdays: Iterable[str]) -> list[str]:
    """Weekday names and their abbreviations: every prefix of three letters or more.

    ("Wed", "Tues", "Thurs", "Sat"...).
    """
    return [day[:n] for day in weekdays for n in range(3, len(day) + 1)]


def _lookup(table: Mapping[str, int], found: str) -> int:
    """The value of the word of *table* that a case-insensitive pattern matched.

    ``re.IGNORECASE`` also takes a few letters whose lower case is not an
    ASCII letter ("ſ" for "s", "İ" for "i"); those are looked up by matching.
    """
    key = " ".join(found.lower().split())
    if key in table:
        return table[key]
    for word, value in table.items():
        if re.fullmatch(_alternation([word]), found, re.IGNORECASE):
            return value
    raise KeyError(found)  # found was matched by an alternation of the table


def _calendar_words() -> tuple[dict[str, int], list[str]]:
    """Month words (to numbers) and weekday words of every language.

    English (the first) keeps its weekday abbreviations (every prefix of
    three letters or more); inflected languages add their case forms.
    """
    months: dict[str, int] = {}
    weekdays: list[str] = []
    for code in LANGUAGES:
        lang = language(code)
        cal = lang.data("calendar")
        for word, num in [*lang.months.items(), *cal.get("month_forms", {}).items()]:
            months.setdefault(word, num)
        if code == "en":
            weekdays += _weekday_words(lang.weekdays)
        else:
            weekdays += [*lang.weekdays, *cal.get("weekday_forms", {})]
            weekdays += cal.get("weekday_abbreviations", [])
    return months, weekdays


def _apostrophes(pattern: str) -> str:
    """An apostrophe of a word pattern matches ' ’ ʼ."""
    return pattern.replace("'", "['’\u02bc]")


def _other_languages(key: str) -> list[Any]:
    """``dates.json[key]`` of the languages other than English, in order."""
    return [
        language(code).dates[key]
        for code in LANGUAGES
        if code != "en" and key in language(code).dates
    ]


_MONTHS, _WEEKDAY_WORDS = _calendar_words()
_MONTH = _alternation(_MONTHS)
_WEEKDAY = _apostrophes(_alternation(_WEEKDAY_WORDS))

# --------------------------------------------------------------------------
# Patterns
# --------------------------------------------------------------------------

_ISO_TIME = r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
_ORD = r"(?:st|nd|rd|th)?"

# Each pattern yields (year, month, day) through its named groups.
_DATE_PATTERNS = (
    compiled.compile(
        rf"(?<![\d-])(?P<y>\d{{4}})-(?P<m>\d{{1,2}})-(?P<d>\d{{1,2}}){_ISO_TIME}"
        r"(?![\d-])"
    ),
    compiled.compile(r"(?<![\d/])(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})(?![\d/])"),
    compiled.compile(
        rf"\b(?P<mn>{_MONTH})\.?\s+(?P<d>\d{{1,2}}){_ORD},?\s+(?P<y>\d{{4}})\b",
        re.IGNORECASE,
    ),
    compiled.compile(
        rf"\b(?P<d>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<mn>{_MONTH})\.?,?\s+(?P<y>\d{{4}})\b",
        re.IGNORECASE,
    ),
    compiled.compile(
        r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})(?![\d.])"
    ),
    # d/m/Y or m/d/Y: only used when the order is unambiguous.
    compiled.compile(r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})(?![\d/])"),
)

# Every pattern above needs a year of four digits: a text without four digits
# in a row holds no date (a cheap, exact test before the patterns).
_YEAR_DIGITS_RE = compiled.compile(r"\d{4}")

_ISO_DATE_RE = compiled.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ](.+))?")

_HEADER_RE = compiled.compile(
    rf"\A\s*date:?[ \t]+(?P<iso>\d{{4}}-\d{{2}}-\d{{2}}){_ISO_TIME}"
    r"(?:[ \t]+|(?=\n)|\Z)",
    re.IGNORECASE,
)

# Words that introduce a dateline, and how much they are trusted (lower wins).
_CUES = {
    "published": 0,
    "posted": 0,
    "first published": 0,
    "date": 0,
    "dated": 0,
    "updated": 2,
    "last updated": 2,
    "modified": 2,
    "last modified": 2,
}
for _more in _other_languages("publication_cues"):
    for _word, _rank in _more.items():
        _CUES.setdefault(_word, _rank)
_FILLER = ["at", "on"]
for _more in _other_languages("publication_filler"):
    _FILLER += [w for w in _more if w not in _FILLER]
_RANK_BYLINE = 1
_RANK_DATE_ONLY = 1
_CUE_RE = compiled.compile(
    r"(?:^|[|•·]\s*|\s[-–—]\s+)(?P<cue>"
    + _alternation(_CUES)
    + r")\b(?:\s+(?:on|at))?\s*:?",
    re.IGNORECASE,
)
_BYLINE_RE = compiled.compile(r"^by\s+\S", re.IGNORECASE)
_WEEKDAY_RE = compiled.compile(rf"\b(?:{_WEEKDAY})\b\.?", re.IGNORECASE)
_TIME_RE = compiled.compile(
    r"\b\d{1,2}(?:[:.]\d{2}){1,2}(?:\s*[ap]\.?m\b\.?)?|\b\d{1,2}\s*[ap]\.?m\b\.?",
    re.IGNORECASE,
)
_TZ_RE = compiled.compile(
    r"\b(?:GMT|UTC|BST|CET|CEST|EET|EEST|MSK|EST|EDT|CST|CDT|PST|PDT|ET|PT|CT|Kyiv time"
    r"|local time)\b(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?|[+-]\d{2}:?\d{2}\b",
    re.IGNORECASE,
)
_FILLER_RE = compiled.compile(
    r"^[\s,.;:|/•·()\[\]\-–—]*(?:(?:" + "|".join(_FILLER) + r")[\s,.;:|/•·()\-–—]*)*$",
    re.IGNORECASE,
)
_MAX_DATELINE_CHARS = 160
# A wire dateline opening the first paragraph, with a full date ("DNIPRO,
# Ukraine, March 3, 2025 (AP) — ...", "Київ, 19 листопада 2025 (Укрінформ) —
# ..."): the least trusted rule, for texts with no other date.
_RANK_WIRE = 3
_UP = "A-ZА-ЯІЇЄҐ"
# the head of a wire dateline is at most this many characters
_WIRE_HEAD_CHARS = 101
_WIRE_HEAD_RE = compiled.compile(
    rf"^(?P<head>[{_UP}][^\n]{{0,{_WIRE_HEAD_CHARS - 1}}}?)\s(?:[—–]|--?)(?:\s|$)"
)
_WIRE_WORDS = rf"[{_UP}][\w'’ʼ.\-]*(?:[ \t]+[{_UP}][\w'’ʼ.\-]*){{0,3}}"
# what stands before the date (the place, a country) and after it (the agency)
_WIRE_BEFORE_RE = compiled.compile(
    rf"^{_WIRE_WORDS}(?:[,.][ \t]*{_WIRE_WORDS})?[,.]\s*$"
)
_WIRE_AFTER_RE = compiled.compile(r"^\s*(?:\([^()\n]{1,40}\))?\s*$")

# --------------------------------------------------------------------------
# Date strings
# --------------------------------------------------------------------------


def in_published_range(date: dt.date) -> bool:
    """Tell whether *date* lies within :data:`PUBLISHED_RANGE` (bounds included).

    Parameters
    ----------
    date : datetime.date

    Returns
    -------
    bool

    Examples
    --------
    >>> in_published_range(dt.date(1900, 1, 1)), in_published_range(dt.date(1, 1, 1))
    (True, False)
    """
    return PUBLISHED_RANGE[0] <= date <= PUBLISHED_RANGE[1]


def _valid_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _date_from_match(m: re.Match[str]) -> dt.date | None:
    groups = m.groupdict()
    y = int(groups["y"])
    if groups.get("mn"):
        month = _lookup(_MONTHS, groups["mn"])
        return _valid_date(y, month, int(groups["d"]))
    if groups.get("a"):
        a, b = int(groups["a"]), int(groups["b"])
        if a > 12 >= b:
            return _valid_date(y, b, a)
        if b > 12 >= a:
            return _valid_date(y, a, b)
        return None  # ambiguous: 03/02/2026 may be March or February
    return _valid_date(y, int(groups["m"]), int(groups["d"]))


def search_date(s: str) -> DateMatch | None:
    """Find the earliest real date written in *s*.

    Dates are read as ``2026-02-03`` (with an optional ISO time),
    ``2026/02/03``, ``February 3, 2026``, ``3rd of Feb. 2026``,
    ``03.02.2026``, or ``13/02/2026`` when the order of day and month is
    unambiguous.  Impossible days ("February 30") are passed over.

    Parameters
    ----------
    s : str

    Returns
    -------
    DateMatch or None

    Examples
    --------
    >>> search_date("Posted Sept 9, 2025 at noon")
    DateMatch(date=datetime.date(2025, 9, 9), start=7, end=19)
    """
    if _YEAR_DIGITS_RE.search(s) is None:
        return None
    best: DateMatch | None = None
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(s):
            if best is not None and m.start() >= best.start:
                break
            found = _date_from_match(m)
            if found is not None:
                best = DateMatch(found, m.start(), m.end())
                break
    return best


def parse_iso_date(value: str) -> dt.date:
    """Parse an ISO 8601 date or date-time into a date.

    Parameters
    ----------
    value : str
        ``YYYY-MM-DD``, optionally followed by a time (``T`` or space
        separated) and a zone (``Z`` or ``+HH:MM``).  The date is taken as
        written, without converting zones.

    Returns
    -------
    datetime.date

    Raises
    ------
    ValueError
        When *value* is not an ISO 8601 date.

    Examples
    --------
    >>> parse_iso_date("2026-02-03T01:30:00Z")
    datetime.date(2026, 2, 3)
    """
    m = _ISO_DATE_RE.fullmatch(value.strip())
    if m is None:
        raise ValueError(f"not an ISO 8601 date: {value!r}")
    found = _valid_date(int(m[1]), int(m[2]), int(m[3]))
    if found is None:
        raise ValueError(f"not a valid date: {value!r}")
    if m[4] is not None:
        time_part = m[4].replace("Z", "+00:00").replace("z", "+00:00")
        try:
            dt.datetime.fromisoformat(f"{m[1]}-{m[2]}-{m[3]}T{time_part}")
        except ValueError:
            raise ValueError(f"not an ISO 8601 date-time: {value!r}") from None
    return found


def metadata_date(value: str) -> dt.date | None:
    """Read a date that metadata states: ISO 8601 first, then any written-out date.

    Parameters
    ----------
    value : str
        An HTML ``<meta>`` content, ``<time datetime>``, JSON-LD or front
        matter value.

    Returns
    -------
    datetime.date or None

    Examples
    --------
    >>> metadata_date("2026-02-03T10:00:00Z"), metadata_date("Feb 3, 2026, 10:00")
    (datetime.date(2026, 2, 3), datetime.date(2026, 2, 3))
    """
    try:
        return parse_iso_date(value)
    except ValueError:
        found = search_date(value)
        return found.date if found else None


def first_metadata_date(values: Iterable[str]) -> dt.date | None:
    """The first of *values* that :func:`metadata_date` reads as a date.

    Parameters
    ----------
    values : iterable of str
        Stated dates, best first (as :attr:`Markup.stated_dates
        <geo.ingest.records.Markup.stated_dates>`); read lazily, up to the
        first that is a date.

    Returns
    -------
    datetime.date or None
    """
    for value in values:
        found = metadata_date(value)
        if found is not None:
            return found
    return None


# --------------------------------------------------------------------------
# Header and dateline
# --------------------------------------------------------------------------


def split_header(text: str) -> HeaderSplit:
    """Split a leading ``date YYYY-MM-DD`` header off *text*.

    The header is ``date`` or ``date:`` (any case), blanks, an ISO date and
    an optional ISO time, at the very start of the text (after white space).

    Parameters
    ----------
    text : str

    Returns
    -------
    HeaderSplit

    Examples
    --------
    >>> split_header(" date 2026-02-03 Drones hit Sumy.")
    HeaderSplit(date=datetime.date(2026, 2, 3), text='Drones hit Sumy.')
    """
    m = _HEADER_RE.match(text)
    if m is None:
        return HeaderSplit(None, text)
    y, mo, d = map(int, m["iso"].split("-"))
    return HeaderSplit(_valid_date(y, mo, d), text[m.end() :])


def _only_time_words(s: str) -> bool:
    """Tell whether *s* holds only weekdays, times, zones and punctuation."""
    for pattern in (_WEEKDAY_RE, _TIME_RE, _TZ_RE):
        s = pattern.sub(" ", s)
    return _FILLER_RE.match(s) is not None


def _date_only(line: str) -> dt.date | None:
    """Return the date when *line* holds a date and nothing but time words."""
    if len(line) > _MAX_DATELINE_CHARS:
        return None
    found = search_date(line)
    if found is None:
        return None
    rest = line[: found.start] + " " + line[found.end :]
    return found.date if _only_time_words(rest) else None


def _cued_date(after: str, next_line: str | None) -> dt.date | None:
    """The date a cue word introduces, from the text *after* it on its line.

    Only time words may stand between the cue and its date.  A cue alone on
    its line takes a line holding only a date just below it.
    """
    found = search_date(after)
    if found is not None and _only_time_words(after[: found.start]):
        return found.date
    if not after.strip() and next_line is not None:
        return _date_only(next_line)
    return None


def _wire_date(line: str) -> dt.date | None:
    """The full date of a wire dateline opening *line*, if it has one."""
    m = _WIRE_HEAD_RE.match(line)
    if m is None:
        return None
    head = m["head"]
    found = search_date(head)
    if found is None:
        return None
    before, after = head[: found.start], head[found.end :]
    if _WIRE_BEFORE_RE.match(before) and _WIRE_AFTER_RE.match(after):
        return found.date
    return None


def _line_candidate(window: list[str], i: int, half: int) -> _Candidate | None:
    """What line *i* of the dateline window offers as the publication date."""
    line = window[i]
    wire = _wire_date(line)
    if wire is not None:
        return _Candidate(_RANK_WIRE, i, wire)
    if len(line) > _MAX_DATELINE_CHARS:
        return None
    cue = _CUE_RE.search(line)
    if cue is not None:
        next_line = window[i + 1] if i + 1 < len(window) else None
        found = _cued_date(line[cue.end() :], next_line)
        return _Candidate(_lookup(_CUES, cue["cue"]), i, found) if found else None
    if _BYLINE_RE.match(line):
        byline = search_date(line)
        return _Candidate(_RANK_BYLINE, i, byline.date) if byline else None
    # An uncued date line in the lower half of a short text is more likely a
    # related-stories list than the dateline.
    only = _date_only(line) if i < half else None
    return _Candidate(_RANK_DATE_ONLY, i, only) if only else None


def _dateline(text: str) -> dt.date | None:
    """Find the publication date in the dateline area at the top of *text*."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    window = lines[:DATELINE_WINDOW]
    half = max(1, (len(lines) + 1) // 2)
    # every offer is a date, and every date has four digits in a row: on its
    # own line, or on the next one (a cue alone on its line); a line with
    # neither offers nothing and is not read (most lines of an article).  A
    # line too long to be a dateline offers only a wire dateline's date, in
    # its head
    dated = [
        _YEAR_DIGITS_RE.search(
            line, 0, len(line) if len(line) <= _MAX_DATELINE_CHARS else _WIRE_HEAD_CHARS
        )
        is not None
        for line in window
    ]
    dated.append(False)
    offers = (
        _line_candidate(window, i, half)
        for i in range(len(window))
        if dated[i] or dated[i + 1]
    )
    best = min((c for c in offers if c is not None), default=None)
    return best.date if best else None


def find_publication_date(text: str) -> PublicationDate:
    r"""Find the publication date of an article's text, and the rule that found it.

    Two rules are tried in order:

    ``"header"``
        The text starts with a ``date YYYY-MM-DD`` header (optionally
        ``date:`` and a time), as in exported article collections.
    ``"published-line"``
        A dateline among the first :data:`DATELINE_WINDOW` non-empty lines:
        a cue word followed by a date ("Published February 3, 2026",
        "Published: 3 February 2026", "Updated 2025-07-04 10:32 GMT"), a
        byline with a date, or a line holding only a date and time
        ("Feb 3, 2026 10:00 GMT"), or a wire dateline with a full date
        opening a paragraph ("DNIPRO, Ukraine, March 3, 2025 (AP) — ...",
        trusted least).  "Published"/"Posted" lines win over "Updated" ones.
        A cue word with no date after it, on its line or alone on the next
        one, gives nothing.

    Dates are never taken from further down (related-story lists) and never
    guessed: an undated text gives ``PublicationDate(None, "none")``.

    Parameters
    ----------
    text : str
        Plain text of the article.

    Returns
    -------
    PublicationDate
        The date and ``"header"``, ``"published-line"`` or ``"none"``.

    Examples
    --------
    >>> find_publication_date("Headline\nPublished: 3 February 2026\nBody.")
    PublicationDate(date=datetime.date(2026, 2, 3), rule='published-line')
    """
    header = split_header(text)
    if header.date is not None:
        return PublicationDate(header.date, "header")
    found = _dateline(header.text)
    if found is not None:
        return PublicationDate(found, "published-line")
    return PublicationDate(None, "none")
