"""Reading input into documents: articles with their publication date.

Inputs are plain-text, Markdown and HTML files, folders of them, JSON Lines
files (optionally gzipped) and JSON Lines on standard input (``-``).  They are
read one article at a time, so a corpus never has to fit in memory.  Whatever
cannot be read is reported as a :class:`Skipped` record with a one-line reason
and reading goes on: nothing is lost silently.  What was read but doubtful (a
legacy encoding, a date out of range, a renamed duplicate id) is kept, with a
one-line note in :attr:`Article.warnings`.

The publication date comes, in this order, from the record itself (JSONL
``date``), from the document's metadata (a first-line ``date YYYY-MM-DD``
header, HTML ``<meta>``/``<time>``, Markdown front matter), from a dateline
near the top of the text ("Published February 3, 2026"), or from a default the
caller gives.  Today's date is never used: an undated article stays undated.
Only dates within :data:`PUBLISHED_RANGE` (1900 to 2100) count; one outside
it is taken as no date (with a warning), and the next rule is tried.

Hostile input is bounded: every step is linear in the size of the input
(HTML and Markdown are read by linear scanners, not backtracking patterns), a
file may hold at most :data:`MAX_FILE_BYTES` and a JSON Lines record at most
:data:`MAX_RECORD_BYTES`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import errno
import gzip
import json
import logging
import os
import re
import stat
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from typing import Any

from gazetteer.exc import InputError

__all__ = [
    "Article",
    "Skipped",
    "SUPPORTED_SUFFIXES",
    "iter_articles",
    "read_articles",
    "parse_document",
    "html_to_text",
    "find_publication_date",
    "parse_iso_date",
    "decode_bytes",
    "decode_text",
    "InputFile",
    "walk_inputs",
    "read_document",
    "read_jsonl_line",
    "bounded_lines",
    "UniqueIds",
    "PUBLISHED_RANGE",
    "MAX_FILE_BYTES",
    "MAX_RECORD_BYTES",
]

logger = logging.getLogger(__name__)

#: File name endings read as articles, mapped to the kind of document.
SUPPORTED_SUFFIXES: dict[str, str] = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".jsonl.gz": "jsonl",
}

#: Document kinds :func:`parse_document` understands (and JSONL ``format`` values).
KINDS = ("text", "markdown", "html")

#: Files larger than this are skipped rather than read into memory.
MAX_FILE_BYTES = 32 * 1024 * 1024

#: JSON Lines records (lines) longer than this are skipped, unread.
MAX_RECORD_BYTES = 4 * 1024 * 1024

#: First and last publication date taken as real.  Anything outside is a typo
#: or a placeholder (``0001-01-01``, ``9999-12-31``), and would not fit the
#: date types of the outputs (pandas holds 1677 to 2262).
PUBLISHED_RANGE = (dt.date(1900, 1, 1), dt.date(2100, 12, 31))

#: How many non-empty lines from the top are searched for a dateline.
DATELINE_WINDOW = 15


@dataclass(frozen=True, slots=True)
class Article:
    r"""One input document, reduced to plain text.

    Attributes
    ----------
    id : str
        File name (the POSIX relative path under a folder input) or the JSONL
        ``id``.
    text : str
        Plain text: HTML reduced to text, Markdown without markup, the
        ``date`` header line removed.
    published : datetime.date or None
        Publication date, None when the input gives no way to know it.
    date_source : str
        Which rule gave ``published``: ``"jsonl"`` (the record's ``date``),
        ``"header"`` (document metadata: a ``date YYYY-MM-DD`` first line, HTML
        ``<meta>``/``<time>``, Markdown front matter), ``"published-line"`` (a
        dateline near the top), ``"option"`` (the caller's default) or
        ``"none"``.
    url : str or None
        Address of the article, when known.
    title : str or None
        Title, when the input states one.
    source : str
        Where it came from: the path, or ``"path:LINE"`` for JSON Lines
        (``"<stdin>:LINE"`` for standard input).
    warnings : tuple of str
        One line each: what was doubtful about the input but did not stop it
        being read (decoded from a legacy encoding, a publication date out of
        range, lone surrogates replaced, a duplicate id renamed).

    Ids and sources are printable: characters that are not (control
    characters, bytes of a file name that are not UTF-8) are written as
    Python escapes (``\n``, ``\xff``).
    """

    id: str
    text: str
    published: dt.date | None
    date_source: str
    url: str | None
    title: str | None
    source: str
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that was not read, and why (one line).

    ``source`` is printable, as :attr:`Article.source`; ``reason`` quotes no
    more than a short, escaped part of the input.
    """

    source: str
    reason: str


# --------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------

_MONTH_NAMES = (
    "january february march april may june july august september october november "
    "december"
).split()
_MONTHS = {name: i for i, name in enumerate(_MONTH_NAMES, start=1)}
_MONTHS.update({name[:3]: i for name, i in _MONTHS.items()})
_MONTHS["sept"] = 9
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_ISO_TIME = r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
_ORD = r"(?:st|nd|rd|th)?"

# Each pattern yields (year, month, day) through its named groups.
_DATE_PATTERNS = (
    re.compile(
        rf"(?<![\d-])(?P<y>\d{{4}})-(?P<m>\d{{1,2}})-(?P<d>\d{{1,2}}){_ISO_TIME}"
        r"(?![\d-])"
    ),
    re.compile(r"(?<![\d/])(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})(?![\d/])"),
    re.compile(
        rf"\b(?P<mn>{_MONTH})\.?\s+(?P<d>\d{{1,2}}){_ORD},?\s+(?P<y>\d{{4}})\b",
        re.IGNORECASE,
    ),
    re.compile(
        rf"\b(?P<d>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<mn>{_MONTH})\.?,?\s+(?P<y>\d{{4}})\b",
        re.IGNORECASE,
    ),
    re.compile(r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})(?![\d.])"),
    # d/m/Y or m/d/Y: only used when the order is unambiguous.
    re.compile(r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})(?![\d/])"),
)

_HEADER_RE = re.compile(
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
_RANK_BYLINE = 1
_RANK_DATE_ONLY = 1
_CUE_RE = re.compile(
    r"(?:^|[|•·]\s*|\s[-–—]\s+)(?P<cue>"
    + "|".join(
        sorted(
            (re.escape(c).replace(r"\ ", r"\s+") for c in _CUES), key=len, reverse=True
        )
    )
    + r")\b(?:\s+(?:on|at))?\s*:?",
    re.IGNORECASE,
)
_BYLINE_RE = re.compile(r"^by\s+\S", re.IGNORECASE)
_WEEKDAY_RE = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mon|tues|tue|wed|thurs|thur|thu|fri|sat|sun)\b\.?",
    re.IGNORECASE,
)
_TIME_RE = re.compile(
    r"\b\d{1,2}(?:[:.]\d{2}){1,2}(?:\s*[ap]\.?m\b\.?)?|\b\d{1,2}\s*[ap]\.?m\b\.?",
    re.IGNORECASE,
)
_TZ_RE = re.compile(
    r"\b(?:GMT|UTC|BST|CET|CEST|EET|EEST|MSK|EST|EDT|CST|CDT|PST|PDT|ET|PT|CT|Kyiv time"
    r"|local time)\b(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?|[+-]\d{2}:?\d{2}\b",
    re.IGNORECASE,
)
_FILLER_RE = re.compile(
    r"^[\s,.;:|/•·()\[\]\-–—]*(?:(?:at|on)[\s,.;:|/•·()\-–—]*)*$", re.IGNORECASE
)
_MAX_DATELINE_CHARS = 160


def _valid_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _date_from_match(m: re.Match[str]) -> dt.date | None:
    groups = m.groupdict()
    y = int(groups["y"])
    if groups.get("mn"):
        month = _MONTHS[groups["mn"].lower()]
        return _valid_date(y, month, int(groups["d"]))
    if groups.get("a"):
        a, b = int(groups["a"]), int(groups["b"])
        if a > 12 >= b:
            return _valid_date(y, b, a)
        if b > 12 >= a:
            return _valid_date(y, a, b)
        return None  # ambiguous: 03/02/2026 may be March or February
    return _valid_date(y, int(groups["m"]), int(groups["d"]))


def _search_date(s: str) -> tuple[dt.date, int, int] | None:
    """Return the earliest valid date in *s* with its span, or None."""
    best: tuple[dt.date, int, int] | None = None
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(s):
            if best is not None and m.start() >= best[1]:
                break
            found = _date_from_match(m)
            if found is not None:
                best = (found, m.start(), m.end())
                break
    return best


def _only_time_words(s: str) -> bool:
    """Tell whether *s* holds only weekdays, times, zones and punctuation."""
    for pattern in (_WEEKDAY_RE, _TIME_RE, _TZ_RE):
        s = pattern.sub(" ", s)
    return _FILLER_RE.match(s) is not None


def _is_date_only(line: str) -> dt.date | None:
    """Return the date when *line* holds a date and nothing but time words."""
    if len(line) > _MAX_DATELINE_CHARS:
        return None
    found = _search_date(line)
    if found is None:
        return None
    rest = line[: found[1]] + " " + line[found[2] :]
    return found[0] if _only_time_words(rest) else None


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
    s = value.strip()
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:[T ](.+))?", s)
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


def _loose_date(value: str) -> dt.date | None:
    """Read a metadata date: ISO 8601 first, then any written-out date."""
    try:
        return parse_iso_date(value)
    except ValueError:
        found = _search_date(value)
        return found[0] if found else None


def _split_header(text: str) -> tuple[dt.date | None, str, bool]:
    """Split a leading ``date YYYY-MM-DD`` header off *text*.

    Returns the header's date (None if absent or invalid), the remaining text
    and whether a header was present.
    """
    m = _HEADER_RE.match(text)
    if m is None:
        return None, text, False
    return _valid_date(*map(int, m["iso"].split("-"))), text[m.end() :], True


def _dateline(text: str) -> dt.date | None:
    """Find the publication date in the dateline area at the top of *text*."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    window = lines[:DATELINE_WINDOW]
    # An uncued date line in the lower half of a short text is more likely a
    # related-stories list than the dateline.
    half = max(1, (len(lines) + 1) // 2)
    best: tuple[int, int, dt.date] | None = None

    def offer(rank: int, index: int, found: dt.date) -> None:
        nonlocal best
        if best is None or (rank, index) < best[:2]:
            best = (rank, index, found)

    for i, line in enumerate(window):
        if len(line) > _MAX_DATELINE_CHARS:
            continue
        cue = _CUE_RE.search(line)
        if cue is not None:
            rank = _CUES[re.sub(r"\s+", " ", cue["cue"].lower())]
            after = line[cue.end() :]
            found = _search_date(after)
            # Only time words may stand between the cue and its date.
            if found is not None and _only_time_words(after[: found[1]]):
                offer(rank, i, found[0])
                continue
            # "Published" alone on its line: the date may be the next line.
            if not after.strip() and i + 1 < len(window):
                next_date = _is_date_only(window[i + 1])
                if next_date is not None:
                    offer(rank, i, next_date)
            continue
        if _BYLINE_RE.match(line):
            found = _search_date(line)
            if found is not None:
                offer(_RANK_BYLINE, i, found[0])
            continue
        if i < half:
            only = _is_date_only(line)
            if only is not None:
                offer(_RANK_DATE_ONLY, i, only)
    return best[2] if best else None


def find_publication_date(text: str) -> tuple[dt.date | None, str]:
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
        ("Feb 3, 2026 10:00 GMT").  "Published"/"Posted" lines win over
        "Updated" ones.  A cue word with no date after it, on its line or
        alone on the next one, gives nothing.

    Dates are never taken from further down (related-story lists) and never
    guessed: an undated text gives ``(None, "none")``.

    Parameters
    ----------
    text : str
        Plain text of the article.

    Returns
    -------
    tuple of (datetime.date or None, str)
        The date and ``"header"``, ``"published-line"`` or ``"none"``.

    Examples
    --------
    >>> find_publication_date("Headline\nPublished: 3 February 2026\\nBody.")
    (datetime.date(2026, 2, 3), 'published-line')
    """
    header_date, rest, _ = _split_header(text)
    if header_date is not None:
        return header_date, "header"
    found = _dateline(rest)
    if found is not None:
        return found, "published-line"
    return None, "none"


# --------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------

_DROP_TAGS = frozenset(
    (
        "script style noscript nav footer aside form template svg iframe button "
        "select textarea "
    ).split()
)
# What may stand in <head>: any other start tag ends it (HTML5 lets a page
# leave out </head> and <body>).
_HEAD_TAGS = frozenset(
    (
        "base basefont bgsound head html link meta noscript script style template title"
    ).split()
)
_BLOCK_TAGS = frozenset(
    (
        "address article blockquote br dd details dialog div dl dt fieldset "
        "figcaption figure h1 h2 h3 h4 h5 h6 header hr li main ol p pre section "
        "summary table tr ul "
    ).split()
)
_CELL_TAGS = frozenset({"td", "th"})
# Elements that "<x/>" does not open (and close) here: opening them would keep
# them open to the end of the page.
_NOT_EMPTY = frozenset(("article", "main", "header", "pre", "h1", "title", "head"))
# Metadata naming the publication date, best first.
_META_DATE_KEYS = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "publishdate",
    "publish-date",
    "pubdate",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.date",
    "dcterms.created",
    "parsely-pub-date",
    "sailthru.date",
)
_JSONLD_DATE_RE = re.compile(r'"datePublished"\s*:\s*"([^"]{6,40})"')


@dataclass(frozen=True, slots=True)
class _HtmlDoc:
    text: str
    title: str | None
    published: dt.date | None
    url: str | None


# -- a linear HTML tokenizer ---------------------------------------------------------
# The standard library's HTMLParser rescans unclosed constructs ("<a " repeated,
# "<!--" repeated, an unclosed quote) from every "<" on: quadratic, minutes for
# a hostile page of a few hundred KB.  This scanner moves forward only and
# follows the HTML5 rules where it matters: a tag, comment or quoted value left
# open at the end of the page swallows the rest; script and style hold raw
# text up to their end tag; title and textarea hold text with entities.
_TAG_NAME_RE = re.compile(r"[A-Za-z][^\t\n\f\r />]*")
_ATTR_NAME_RE = re.compile(r"[^\t\n\f\r />][^\t\n\f\r /=>]*")
_TAG_GAP_RE = re.compile(r"[\t\n\f\r /]*")
_SPACE_RE = re.compile(r"[\t\n\f\r ]*")
_UNQUOTED_RE = re.compile(r"[^\t\n\f\r >]*")
_RAW_TEXT = frozenset(("script", "style"))
_RCDATA = frozenset(("title", "textarea"))
_RAW_END_RE = {
    tag: re.compile(rf"</{tag}(?=[\t\n\f\r />])", re.IGNORECASE)
    for tag in _RAW_TEXT | _RCDATA
}


def _start_tag(
    html: str, lt: int
) -> tuple[int, str, list[tuple[str, str | None]], bool] | None:
    """Read the start tag at ``html[lt]``: (end, name, attributes, self-closing).

    None when the page ends inside the tag.
    """
    n = len(html)
    m = _TAG_NAME_RE.match(html, lt + 1)
    assert m is not None  # the caller saw a letter after "<"
    tag = m.group().lower()
    i = m.end()
    attrs: list[tuple[str, str | None]] = []
    while True:
        i = _TAG_GAP_RE.match(html, i).end()  # type: ignore[union-attr]
        if i >= n:
            return None
        if html[i] == ">":
            return i + 1, tag, attrs, html[i - 1] == "/"
        m = _ATTR_NAME_RE.match(html, i)
        assert m is not None  # html[i] is not a gap or ">"
        name = m.group().lower()
        j = _SPACE_RE.match(html, m.end()).end()  # type: ignore[union-attr]
        value: str | None = None
        if j < n and html[j] == "=":
            j = _SPACE_RE.match(html, j + 1).end()  # type: ignore[union-attr]
            if j >= n:
                return None
            quote = html[j]
            if quote in "\"'":
                close = html.find(quote, j + 1)
                if close < 0:
                    return None
                value = unescape(html[j + 1 : close])
                j = close + 1
            else:
                v = _UNQUOTED_RE.match(html, j)
                assert v is not None
                value = unescape(v.group())
                j = v.end()
        attrs.append((name, value))
        i = j


def _tokenize_html(html: str, sink: _TextExtractor) -> None:
    """Feed the tags and text of ``html`` to ``sink``, in one forward pass."""
    n = len(html)
    find = html.find
    pos = 0
    while pos < n:
        lt = find("<", pos)
        if lt < 0:
            sink.handle_data(unescape(html[pos:]))
            return
        if lt > pos:
            sink.handle_data(unescape(html[pos:lt]))
        nxt = html[lt + 1 : lt + 2]
        if nxt.isascii() and nxt.isalpha():
            found = _start_tag(html, lt)
            if found is None:
                return  # the page ends inside a tag: the tag is dropped
            pos, tag, attrs, closed = found
            if closed and tag not in _RAW_END_RE:  # "<script/>" opens all the same
                sink.handle_startendtag(tag, attrs)
                continue
            sink.handle_starttag(tag, attrs)
            if tag in _RAW_END_RE:
                m = _RAW_END_RE[tag].search(html, pos)
                stop = m.start() if m else n
                raw = html[pos:stop]
                if raw:
                    sink.handle_data(raw if tag in _RAW_TEXT else unescape(raw))
                pos = stop
        elif nxt == "/":
            after = html[lt + 2 : lt + 3]
            gt = find(">", lt + 2)
            if after.isascii() and after.isalpha():
                if gt < 0:
                    return
                m = _TAG_NAME_RE.match(html, lt + 2)
                assert m is not None
                sink.handle_endtag(m.group().lower())
            elif not after:
                sink.handle_data("</")
                return
            pos = n if gt < 0 else gt + 1  # "</>" and "</ x>" are dropped
        elif nxt == "!" and html.startswith("<!--", lt):
            if html.startswith(("<!-->", "<!--->"), lt):
                pos = html.index(">", lt + 4) + 1
            else:
                close = find("-->", lt + 4)
                pos = n if close < 0 else close + 3
        elif nxt in ("!", "?"):  # doctype, CDATA, processing instruction
            gt = find(">", lt + 2)
            pos = n if gt < 0 else gt + 1
        else:
            sink.handle_data("<")
            pos = lt + 1


class _TextExtractor:
    """Collects visible text and publication metadata from an HTML page."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.drop_depth = 0
        self.in_head = False
        self.header_drops = 0
        self.article_depth = 0
        self.pre_depth = 0
        self.in_title = False
        self.title_parts: list[str] = []
        self.h1_parts: list[str] | None = None
        self.h1_text: str | None = None
        self.meta: dict[str, str] = {}
        self.time_date: dt.date | None = None
        self.jsonld_date: dt.date | None = None
        self.script_is_jsonld = False
        self.url: str | None = None

    @property
    def dropping(self) -> bool:
        """Whether text here is not shown (head, script, navigation, ...)."""
        return self.drop_depth > 0 or self.in_head

    # -- tags -------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "head":
            self.in_head = True
        elif self.in_head and tag not in _HEAD_TAGS:
            self.in_head = False  # <body>, or content with </head> left out
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            self._meta(a)
            return
        if tag == "link":
            if "canonical" in a.get("rel", "").lower().split() and a.get("href"):
                self.url = self.url or a["href"].strip()
            return
        if tag == "title":
            self.in_title = True
            return
        if tag == "time" and self.time_date is None and not self.dropping:
            value = a.get("datetime", "")
            if value:
                self.time_date = _loose_date(value)
        if a.get("itemprop", "").lower() == "datepublished":
            value = a.get("content") or a.get("datetime")
            if value:
                self.meta.setdefault("datepublished", value)
        if tag == "script":
            self.script_is_jsonld = "ld+json" in a.get("type", "").lower()
        if tag in ("article", "main"):
            self.article_depth += 1
        if tag == "header" and self.article_depth == 0:
            # Page-level headers hold navigation; an article's own header
            # holds its headline and is kept.
            self.header_drops += 1
            self.drop_depth += 1
        elif tag in _DROP_TAGS:
            self.drop_depth += 1
        if tag == "pre":
            self.pre_depth += 1
        if tag == "h1" and not self.dropping and self.h1_text is None:
            self.h1_parts = []
        self._boundary(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROP_TAGS or tag in _NOT_EMPTY:
            return  # "<title/>" and the like: HTML reads no end in the slash
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self.in_head = False
            return
        if tag == "title":
            self.in_title = False
            return
        if tag == "script":
            self.script_is_jsonld = False
        if tag == "header" and self.header_drops > 0:
            self.header_drops -= 1
            self.drop_depth = max(0, self.drop_depth - 1)
        elif tag in _DROP_TAGS and tag != "header":
            self.drop_depth = max(0, self.drop_depth - 1)
        if tag in ("article", "main"):
            self.article_depth = max(0, self.article_depth - 1)
        if tag == "pre":
            self.pre_depth = max(0, self.pre_depth - 1)
        if tag == "h1" and self.h1_parts is not None:
            text = " ".join("".join(self.h1_parts).split())
            self.h1_text = text or None
            self.h1_parts = None
        self._boundary(tag)

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)
            return
        if self.in_head and self.drop_depth == 0 and not data.isspace():
            self.in_head = False  # text ends <head> as a body tag would
        if self.script_is_jsonld and self.jsonld_date is None:
            m = _JSONLD_DATE_RE.search(data)
            if m:
                self.jsonld_date = _loose_date(m[1])
        if self.dropping:
            return
        if self.h1_parts is not None:
            self.h1_parts.append(data)
        if self.pre_depth > 0:
            self.parts.append(data)
        else:
            self.parts.append(re.sub(r"\s+", " ", data))

    # -- helpers ----------------------------------------------------------
    def _boundary(self, tag: str) -> None:
        if self.dropping:
            return
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")
        elif tag in _CELL_TAGS:
            self.parts.append(" ")

    def _meta(self, a: dict[str, str]) -> None:
        key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
        content = a.get("content", "").strip()
        if not key or not content:
            return
        if key in ("og:url",):
            self.url = self.url or content
        self.meta.setdefault(key, content)

    def result(self) -> _HtmlDoc:
        lines = (" ".join(ln.split()) for ln in "".join(self.parts).splitlines())
        text = "\n".join(ln for ln in lines if ln)
        title = " ".join("".join(self.title_parts).split()) or None
        title = title or self.meta.get("og:title") or self.h1_text
        published = None
        for key in _META_DATE_KEYS[:2]:
            if key in self.meta:
                published = _loose_date(self.meta[key])
                if published:
                    break
        if published is None:
            published = self.jsonld_date
        if published is None:
            for key in _META_DATE_KEYS[2:]:
                if key in self.meta:
                    published = _loose_date(self.meta[key])
                    if published:
                        break
        if published is None:
            published = self.time_date
        return _HtmlDoc(text=text, title=title, published=published, url=self.url)


def _parse_html(html: str) -> _HtmlDoc:
    extractor = _TextExtractor()
    _tokenize_html(html, extractor)
    return extractor.result()


def html_to_text(html: str) -> str:
    r"""Reduce an HTML page to its visible text.

    The content of ``script``, ``style``, ``noscript``, ``nav``, ``footer``,
    ``aside``, ``form`` (and similar non-prose elements) is dropped, as is a
    page-level ``header`` (one inside ``article``/``main`` is the article's
    own header and is kept).  Block elements become line breaks, runs of
    white space collapse to one space, entities are unescaped and empty
    lines are removed.

    Parameters
    ----------
    html : str
        The page.

    Returns
    -------
    str
        One paragraph (block) per line.

    Examples
    --------
    >>> html_to_text("<p>Drones hit&nbsp;Kharkiv.</p><script>x()</script><p>2 hurt.")
    'Drones hit Kharkiv.\n2 hurt.'
    """
    return _parse_html(html).text


# --------------------------------------------------------------------------
# Markdown
# --------------------------------------------------------------------------

_FRONT_MATTER_RE = re.compile(
    r"\A---[ \t]*\n(?P<body>.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL
)
_FM_DATE_KEYS = (
    "date",
    "published",
    "published_at",
    "pubdate",
    "publishdate",
    "created",
)
_FM_URL_KEYS = ("url", "link", "canonical", "canonical_url", "source")


# Every rule is linear: block rules hold to one line (no class crosses "\n"),
# and no inline rule's content may hold its own opening mark, so the text each
# attempt scans never overlaps another's (``'**x ' * 8000`` took 15 s with
# ``(.+?)``; a single unclosed "[" or "<" no longer rescans the rest).
def _heading_text(m: re.Match[str]) -> str:
    # "## Title ##" -> "Title": trailing marks and blanks go (by string
    # methods: the pattern ``(.*?)[ \t]*#*[ \t]*$`` is quadratic in blanks)
    return m[1].rstrip(" \t").rstrip("#").rstrip(" \t")


_MD_BLOCK_RULES: tuple[tuple[re.Pattern[str], str | Callable], ...] = (
    (re.compile(r"^[ \t]{0,3}(?:```|~~~)[^\n]*$", re.MULTILINE), ""),  # fences
    (
        re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*\S[^\n]*$", re.MULTILINE),
        "",
    ),  # link reference definitions
    (re.compile(r"^[ \t]{0,3}(?:[-*_][ \t]*){3,}$", re.MULTILINE), ""),  # rules
    (re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+([^\n]*)$", re.MULTILINE), _heading_text),
    (re.compile(r"^[ \t]{0,3}(?:>[ \t]?)+", re.MULTILINE), ""),  # quotes
    (re.compile(r"^[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+", re.MULTILINE), ""),  # lists
)
# Link texts and addresses may run over lines, but hold no bracket or
# parenthesis: each scan stops at the next one, so scans never overlap.
_MD_LINK_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"!\[([^\[\]]*)\]\([^()\[\]]*\)"), r"\1"),  # images -> alt text
    (re.compile(r"\[([^\[\]]+)\]\([^()\[\]]*\)"), r"\1"),  # inline links
    (re.compile(r"\[([^\[\]]+)\]\[[^\[\]]*\]"), r"\1"),  # reference links
    (re.compile(r"<(https?://[^<>\s]+)>"), r"\1"),  # autolinks
    (re.compile(r"</?[A-Za-z][^<>\n]*>"), ""),  # inline HTML tags
)
_MD_EMPHASIS_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\*\*(?=\S)([^*\n]+?)(?<=\S)\*\*"), r"\1"),  # strong
    (re.compile(r"__(?=\S)([^_\n]+?)(?<=\S)__"), r"\1"),
    (re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])"), r"\1"),  # em
    (re.compile(r"(?<!\w)_(?=\S)([^_\n]+?)(?<=\S)_(?!\w)"), r"\1"),
)
_MD_TAIL_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"~~([^~\n]+)~~"), r"\1"),  # strike-through
    (re.compile(r"`([^`\n]*)`"), r"\1"),  # inline code
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!>])"), r"\1"),  # escapes
)
# Emphasis is unwrapped twice: "**bold *and* italic**" loses the inner marks
# first, then the outer ones.
_MD_RULES = (
    _MD_BLOCK_RULES
    + _MD_LINK_RULES
    + _MD_EMPHASIS_RULES
    + _MD_EMPHASIS_RULES
    + _MD_TAIL_RULES
)
_MD_H1_RE = re.compile(r"^[ \t]{0,3}#[ \t]+([^\n]*)$", re.MULTILINE)


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    m = _FRONT_MATTER_RE.match(text)
    if m is None:
        return {}, text
    fields: dict[str, str] = {}
    for line in m["body"].splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip() and not key.startswith((" ", "\t", "-")):
            fields.setdefault(key.strip().lower(), value.strip().strip("'\""))
    return fields, text[m.end() :]


def _markdown_body(text: str) -> str:
    for pattern, repl in _MD_RULES:
        text = pattern.sub(repl, text)
    lines = [ln.rstrip() for ln in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines))


def _markdown_to_text(text: str) -> tuple[str, str | None]:
    """Return the text of a Markdown document and its first heading."""
    heading = _MD_H1_RE.search(text)
    title = _markdown_body(_heading_text(heading)).strip() if heading else None
    return _markdown_body(text), title or None


# --------------------------------------------------------------------------
# Documents
# --------------------------------------------------------------------------


def parse_document(
    raw: str,
    *,
    id: str,
    source: str,
    kind: str = "text",
    default_date: dt.date | None = None,
    url: str | None = None,
    title: str | None = None,
    date: dt.date | str | None = None,
    warnings: Iterable[str] = (),
) -> Article:
    """Turn the text of one document into an :class:`Article`.

    Parameters
    ----------
    raw : str
        The document, already decoded.
    id : str
        Article id (file name or JSONL ``id``).
    source : str
        Where it came from, for messages.
    kind : {"text", "markdown", "html"}
        How to read *raw*.
    default_date : datetime.date, optional
        Publication date to use when the document gives none
        (``date_source="option"``).
    url, title : str, optional
        Known address and title; they win over what the document says.
    date : datetime.date or str, optional
        Publication date given with the record (JSONL ``date``, ISO 8601);
        it wins over the document (``date_source="jsonl"``).
    warnings : iterable of str, optional
        Notes on the document found before (how it was decoded); they lead
        the article's :attr:`~Article.warnings`.

    Returns
    -------
    Article
        Lone surrogates (which no UTF-8 writer takes) in *raw*, *id*, *url*
        and *title* are replaced by U+FFFD, and characters of *id* and
        *source* that are not printable are escaped, each with a warning.  A
        publication date outside :data:`PUBLISHED_RANGE`, from any rule, is
        passed over with a warning and the next rule is tried.

    Raises
    ------
    InputError
        When the document has no text, or *date* is not an ISO 8601 date.
    ValueError
        When *kind* is not one of :data:`KINDS`.

    Examples
    --------
    >>> a = parse_document(" date 2026-02-03 Drones hit Sumy.", id="a.txt", source="a")
    >>> a.published, a.date_source, a.text
    (datetime.date(2026, 2, 3), 'header', 'Drones hit Sumy.')
    """
    if kind not in KINDS:
        raise ValueError(f"unknown document kind {kind!r}; expected one of {KINDS}")
    notes = list(warnings)
    source = _printable(source)
    replaced = [
        name
        for name, value in (("id", id), ("text", raw), ("url", url), ("title", title))
        if value and _SURROGATE_RE.search(value)
    ]
    if replaced:
        id, raw = _no_surrogates(id), _no_surrogates(raw)
        url = _no_surrogates(url) if url else url
        title = _no_surrogates(title) if title else title
        notes.append(f"lone surrogates replaced with U+FFFD in {', '.join(replaced)}")
    if not id.isprintable():
        id = _printable(id)
        notes.append(f"id has characters that are not printable: read as {_short(id)}")
    text = raw.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    meta_date: dt.date | None = None
    doc_title: str | None = None
    doc_url: str | None = None
    if kind == "html":
        doc = _parse_html(text)
        text, doc_title, meta_date, doc_url = (
            doc.text,
            doc.title,
            doc.published,
            doc.url,
        )
    elif kind == "markdown":
        fields, text = _front_matter(text)
        for key in _FM_DATE_KEYS:
            if fields.get(key):
                meta_date = _loose_date(fields[key])
                if meta_date:
                    break
        doc_url = next((fields[k] for k in _FM_URL_KEYS if fields.get(k)), None)
        text, doc_title = _markdown_to_text(text)
        doc_title = fields.get("title") or doc_title

    header_date, text, _ = _split_header(text)
    text = text.strip()
    if not text:
        raise InputError(source, "no text" if raw.strip() else "empty")

    if isinstance(date, str):
        try:
            date = parse_iso_date(date)
        except ValueError:
            raise InputError(source, f"bad date {_short(date)}") from None

    def sane(found: dt.date | None, rule: str) -> dt.date | None:
        if found is None or PUBLISHED_RANGE[0] <= found <= PUBLISHED_RANGE[1]:
            return found
        lo, hi = PUBLISHED_RANGE
        notes.append(
            f"publication date {found.isoformat()} ({rule}) outside "
            f"{lo.year}..{hi.year}: ignored"
        )
        return None

    published: dt.date | None = None
    date_source = "none"
    for found, rule in (
        (date, "jsonl"),
        (meta_date, "header"),
        (header_date, "header"),
    ):
        published = sane(found, rule)
        if published is not None:
            date_source = rule
            break
    if published is None:
        found, rule = find_publication_date(text)
        published = sane(found, rule)
        if published is not None:
            date_source = rule
        else:
            published = sane(default_date, "option")
            date_source = "option" if published is not None else "none"
    return Article(
        id=id,
        text=text,
        published=published,
        date_source=date_source,
        url=url or doc_url or None,
        title=title or doc_title or None,
        source=source,
        warnings=tuple(notes),
    )


# --------------------------------------------------------------------------
# Names, surrogates, messages
# --------------------------------------------------------------------------

_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def _no_surrogates(s: str) -> str:
    return _SURROGATE_RE.sub("\ufffd", s)


def _escape_char(c: str) -> str:
    if "\udc80" <= c <= "\udcff":  # a byte of a file name that is not UTF-8
        return f"\\x{ord(c) - 0xDC00:02x}"
    return c.encode("unicode_escape").decode("ascii")


def _printable(name: str) -> str:
    r"""Return *name* fit for a one-line message and any UTF-8 writer.

    Characters that are not printable are written as Python escapes
    (``"\n"`` as ``\n``); the bytes of a file name that are not UTF-8, which
    Python holds as lone surrogates (``os.fsdecode``), as ``\xff``.
    """
    if name.isprintable():
        return name
    return "".join(c if c.isprintable() else _escape_char(c) for c in name)


def _short(value: object, limit: int = 60) -> str:
    """``repr(value)``, cut to *limit* characters, for a one-line reason."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


# --------------------------------------------------------------------------
# Bytes
# --------------------------------------------------------------------------

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")

#: Legacy encodings a file that is not UTF-8 may be decoded from, best first
#: when two readings are equally plausible: Western European and Cyrillic
#: Windows code pages, and KOI8-U (Ukrainian and Russian).
LEGACY_ENCODINGS = ("cp1252", "cp1251", "koi8_u")
_ENCODING_LABELS = {
    "cp1252": "windows-1252",
    "cp1251": "windows-1251",
    "koi8_u": "KOI8-U",
}
# Non-ASCII marks of ordinary prose in these encodings (typographic quotes and
# dashes, currency, degrees...): any other non-letter is a sign of a misreading.
_PROSE_MARKS = frozenset("\u00a0\u00ad‘’‚“”„–—―…•·«»‹›°№€£¥¢§©®™±×÷¹²³½¼¾‰†‡´¨¸¿¡")
# The same, inside a word ("don’t", "Saint‑Denis").
_WORD_MARKS = frozenset("’‘\u2011\u00ad·")


def _looks_like_text(s: str, *, strict: bool) -> bool:
    if not s:
        return True
    if len(_CONTROL_RE.findall(s)) > len(s) // 100:
        return False
    if not strict:
        return True
    visible = [c for c in s if not c.isspace()]
    letters = sum(c.isalpha() for c in visible)
    return not visible or letters >= 0.5 * len(visible)


def _script(c: str) -> str:
    o = ord(c)
    if o < 0x80 or 0xC0 <= o <= 0x24F or 0x1E00 <= o <= 0x1EFF:
        return "latin"
    if 0x400 <= o <= 0x52F:
        return "cyrillic"
    return "other"


def _misread_word(core: str) -> bool:
    """Tell whether a word holding non-ASCII characters reads as a misdecoding.

    Signs: letters of two scripts ("Cafй"), a non-letter inside the word
    ("Êè¿â"), a lower-case letter before a capital ("сДЮП"), or a Latin word
    of three letters or more with no ASCII letter ("Óäàð").
    """
    scripts = set()
    latin_ascii = False
    letters = 0
    previous_lower = False
    for c in core:
        if c.isalpha():
            letters += 1
            scripts.add(_script(c))
            latin_ascii = latin_ascii or c.isascii()
            if previous_lower and c.isupper():
                return True
            previous_lower = c.islower()
            continue
        previous_lower = False
        if not c.isascii() and c not in _WORD_MARKS:
            return True
    if len(scripts) > 1 or "other" in scripts:
        return True
    return scripts == {"latin"} and letters >= 3 and not latin_ascii


def _misreading(text: str) -> tuple[float, float]:
    """Share of misread words and of stray symbols among the non-ASCII text."""
    words = misread = 0
    for token in text.split():
        if token.isascii():
            continue
        i, j = 0, len(token)
        while i < j and not token[i].isalnum():
            i += 1
        while j > i and not token[j - 1].isalnum():
            j -= 1
        core = token[i:j]
        if core.isascii():
            continue
        words += 1
        misread += _misread_word(core)
    high = [c for c in text if not c.isascii()]
    stray = sum(not c.isalpha() and c not in _PROSE_MARKS for c in high)
    return misread / max(words, 1), stray / max(len(high), 1)


def _sample(text: str, size: int = 1 << 15) -> str:
    """The start, middle and end of a long text (the checks below are slow)."""
    if len(text) <= 3 * size:
        return text
    mid = len(text) // 2
    return "\n".join(
        (text[:size], text[mid - size // 2 : mid + size // 2], text[-size:])
    )


def _legacy_decode(data: bytes) -> tuple[str, str] | None:
    """Decode *data* from the most plausible legacy encoding, or None.

    ``charset_normalizer`` proposes readings among :data:`LEGACY_ENCODINGS`
    (it turns down noise); a reading is plausible when, in its start, middle
    and end, at most one word in ten reads as a misdecoding and at most one
    non-ASCII character in ten is a stray symbol.  The most plausible wins,
    then the one the detector finds most like a language, then the first of
    :data:`LEGACY_ENCODINGS`.
    """
    from charset_normalizer import from_bytes

    best: tuple[tuple, str, str] | None = None
    for match in from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)):
        names = [match.encoding, *match.could_be_from_charset]
        known = [n for n in names if n in LEGACY_ENCODINGS]
        if not known:
            continue
        encoding = min(known, key=LEGACY_ENCODINGS.index)
        text = str(match)
        sample = _sample(text)
        if not _looks_like_text(sample, strict=True):
            continue
        words, stray = _misreading(sample)
        if words > 0.1 or stray > 0.1:
            continue
        key = (
            words,
            stray,
            -match.coherence,
            match.chaos,
            LEGACY_ENCODINGS.index(encoding),
        )
        if best is None or key < best[0]:
            best = (key, encoding, text)
    return (best[2], best[1]) if best else None


def decode_text(data: bytes) -> tuple[str, str | None]:
    """Decode a file's bytes as text, and say which legacy encoding it took.

    UTF-8 (with or without a byte-order mark) is tried first, then UTF-16
    with a byte-order mark.  Failing those, a legacy encoding
    (:data:`LEGACY_ENCODINGS`: Windows-1252, Windows-1251, KOI8-U) is used
    only when the detector (``charset_normalizer``) and a check of the words
    find the result plausible text; never a blind guess.

    Parameters
    ----------
    data : bytes
        The file's content.

    Returns
    -------
    tuple of (str, str or None)
        The text, and the legacy encoding's name (``"windows-1251"``) or None
        for UTF-8 and UTF-16.

    Raises
    ------
    ValueError
        With a one-line reason: ``"binary file (NUL bytes)"``, ``"not UTF-8
        text (no plausible encoding)"``, ...

    Examples
    --------
    >>> decode_text("Café".encode("cp1252"))
    ('Café', 'windows-1252')
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise ValueError("not UTF-8 text (bad UTF-16)") from None
        if "\x00" in text or not _looks_like_text(text, strict=True):
            raise ValueError("binary file")
        return text.lstrip("\ufeff"), None
    if b"\x00" in data:
        raise ValueError("binary file (NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    else:
        if not _looks_like_text(text, strict=False):
            raise ValueError("binary file (control characters)")
        return text, None
    found = _legacy_decode(data)
    if found is None:
        raise ValueError("not UTF-8 text (no plausible encoding)")
    return found[0], _ENCODING_LABELS[found[1]]


def decode_bytes(data: bytes) -> str:
    """Decode a file's bytes as text (:func:`decode_text` without the encoding).

    Parameters
    ----------
    data : bytes
        The file's content.

    Returns
    -------
    str

    Raises
    ------
    ValueError
        With a one-line reason, as :func:`decode_text`.
    """
    return decode_text(data)[0]


# --------------------------------------------------------------------------
# Files and folders
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class InputFile:
    """One file to read, as :func:`walk_inputs` finds it.

    Attributes
    ----------
    path : pathlib.Path or None
        What to open; None for standard input.
    source : str
        Its name in messages and in :attr:`Article.source`: the path,
        printable (``"<stdin>"`` for standard input).
    id : str
        The article id of a document (its file name, or its POSIX path under
        the folder input), or the prefix of the ids of a JSON Lines file's
        records that have none.
    kind : str
        ``"text"``, ``"markdown"``, ``"html"`` or ``"jsonl"``.
    """

    path: Path | None
    source: str
    id: str
    kind: str


def _suffix_kind(name: str) -> tuple[str, str] | None:
    """Return (suffix, kind) for a supported file name, else None."""
    lower = name.lower()
    for suffix in sorted(SUPPORTED_SUFFIXES, key=len, reverse=True):
        if lower.endswith(suffix) and len(lower) > len(suffix):
            return suffix, SUPPORTED_SUFFIXES[suffix]
    return None


def _unsupported_suffix(name: str) -> str:
    suffixes = Path(name).suffixes
    return _printable("".join(suffixes[-1:])) or "(none)"


def _stat_reason(exc: OSError, path: str) -> str:
    """Why a path cannot be read: one line, links named as such."""
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    if exc.errno == errno.ENOENT and os.path.islink(path):
        return "dangling symbolic link"
    if exc.errno == errno.ENOENT:
        return "no such file or directory"
    return f"cannot read: {exc.strerror or exc}"


_FILE_TYPES = (
    (stat.S_ISFIFO, "FIFO"),
    (stat.S_ISSOCK, "socket"),
    (stat.S_ISCHR, "character device"),
    (stat.S_ISBLK, "block device"),
)


def _special(mode: int) -> str:
    return next((name for test, name in _FILE_TYPES if test(mode)), "special file")


def _member(path: str, name: str, rel: str) -> InputFile | Skipped | Path:
    """Classify one entry of a folder: a file to read, a skip, or a folder."""
    source = _printable(path)
    try:
        st = os.lstat(path)
        if stat.S_ISLNK(st.st_mode):
            st = os.stat(path)
            if stat.S_ISDIR(st.st_mode):
                return Skipped(source, "symbolic link to a folder (not followed)")
    except OSError as exc:
        return Skipped(source, _stat_reason(exc, path))
    if stat.S_ISDIR(st.st_mode):
        return Path(path)
    if not stat.S_ISREG(st.st_mode):
        return Skipped(source, f"not a regular file ({_special(st.st_mode)})")
    found = _suffix_kind(name)
    if found is None:
        return Skipped(source, f"unsupported file type {_unsupported_suffix(name)}")
    return InputFile(Path(path), source, _printable(rel), found[1])


def _listing(folder: Path) -> list[os.DirEntry[str]] | Skipped:
    try:
        with os.scandir(folder) as it:
            return sorted(it, key=lambda e: e.name)
    except OSError as exc:
        return Skipped(
            _printable(str(folder)), f"cannot read folder: {exc.strerror or exc}"
        )


def _walk(folder: Path) -> Iterator[InputFile | Skipped]:
    """The files of a folder and its subfolders, depth first, sorted by name.

    Hidden entries (names starting with ".") are left out.  Symbolic links to
    files are read; links to folders are not followed (no loops) and, with
    dangling links, link loops, special files (FIFOs, devices, sockets) and
    files of unsupported types, are listed as skipped.
    """
    top = _listing(folder)
    if isinstance(top, Skipped):
        yield top
        return
    # an explicit stack, not recursion: folders may nest deeper than Python's
    # recursion limit
    stack: list[tuple[Iterator[os.DirEntry[str]], str]] = [(iter(top), "")]
    while stack:
        entries, prefix = stack[-1]
        entry = next(entries, None)
        if entry is None:
            stack.pop()
            continue
        if entry.name.startswith("."):
            continue
        rel = prefix + entry.name
        found = _member(entry.path, entry.name, rel)
        if isinstance(found, Path):
            listing = _listing(found)
            if isinstance(listing, Skipped):
                yield listing
            else:
                stack.append((iter(listing), rel + "/"))
            continue
        yield found


def walk_inputs(
    inputs: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
) -> Iterator[InputFile | Skipped]:
    """Find the files to read, and the inputs that cannot be, in reading order.

    Both engines (:func:`iter_articles` and the Dask engine) walk the inputs
    with this, so they read the same files in the same order.

    Parameters
    ----------
    inputs : iterable of str or path-like
        As for :func:`iter_articles` (one path alone is one input).

    Yields
    ------
    InputFile or Skipped
        Lazily: an input is looked at only when the one before is done.
    """
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    for item in inputs:
        if os.fspath(item) == "-":
            yield InputFile(None, "<stdin>", "<stdin>", "jsonl")
            continue
        path = Path(item)
        source = _printable(str(path))
        try:
            st = path.stat()
        except OSError as exc:
            yield Skipped(source, _stat_reason(exc, str(path)))
            continue
        except ValueError as exc:  # a NUL in the name
            yield Skipped(source, f"cannot read: {exc}")
            continue
        if stat.S_ISDIR(st.st_mode):
            yield from _walk(path)
            continue
        found = _suffix_kind(path.name)
        if found is None:
            suffix = _unsupported_suffix(path.name)
            yield Skipped(source, f"unsupported file type {suffix}")
            continue
        # named on its own, a FIFO or device is read (bounded) as asked
        yield InputFile(path, source, _printable(path.name), found[1])


def _read_bytes(path: Path, source: str) -> bytes:
    try:
        st = path.stat()
        if stat.S_ISREG(st.st_mode):
            if st.st_size > MAX_FILE_BYTES:
                raise InputError(
                    source,
                    f"file too large ({st.st_size // 2**20} MB > "
                    f"{MAX_FILE_BYTES // 2**20} MB)",
                )
            return path.read_bytes()
        with open(path, "rb") as fh:  # a pipe or device: read no more than allowed
            data = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise InputError(source, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_FILE_BYTES:
        raise InputError(
            source, f"file too large (more than {MAX_FILE_BYTES // 2**20} MB)"
        )
    return data


def read_document(
    path: Path,
    *,
    id: str,
    source: str,
    kind: str,
    default_date: dt.date | None = None,
) -> Article:
    """Read one text, Markdown or HTML file into an article.

    Parameters
    ----------
    path : pathlib.Path
        The file.
    id, source : str
        Its article id and its name in messages (printable).
    kind : {"text", "markdown", "html"}
        How to read it.
    default_date : datetime.date, optional
        Publication date for an undated document.

    Returns
    -------
    Article
        With a warning when it was decoded from a legacy encoding.

    Raises
    ------
    InputError
        When it cannot be read (missing, too large, empty, binary, not text,
        no text).
    """
    data = _read_bytes(path, source)
    if not data.strip():
        raise InputError(source, "empty file")
    try:
        raw, encoding = decode_text(data)
    except ValueError as exc:
        raise InputError(source, str(exc)) from None
    notes = (f"decoded as {encoding} (not UTF-8)",) if encoding else ()
    return parse_document(
        raw,
        id=id,
        source=source,
        kind=kind,
        default_date=default_date,
        warnings=notes,
    )


# --------------------------------------------------------------------------
# JSON Lines
# --------------------------------------------------------------------------


def bounded_lines(stream: Any) -> Iterator[bytes | str | int]:
    """The lines of *stream*, none held longer than :data:`MAX_RECORD_BYTES`.

    Parameters
    ----------
    stream : binary or text file
        Read with ``readline(limit)``.

    Yields
    ------
    bytes, str or int
        Each line (with its newline); for a line longer than the limit, its
        length, read through in chunks and not kept.
    """
    limit = MAX_RECORD_BYTES
    readline = stream.readline
    while True:
        line = readline(limit + 1)
        if not line:
            return
        newline = b"\n" if isinstance(line, bytes) else "\n"
        if len(line) <= limit or line[limit:] == newline:
            yield line
            continue
        size = len(line)
        while not line.endswith(newline):
            line = readline(1 << 20)
            if not line:
                break
            size += len(line)
        yield size


def read_jsonl_line(
    line: bytes | str | int,
    *,
    source: str,
    fallback_id: str,
    default_date: dt.date | None = None,
) -> Article | None:
    """Parse one JSON Lines record into an article; None for a blank line.

    Parameters
    ----------
    line : bytes, str or int
        The line, or the length of one too long to hold (from
        :func:`bounded_lines`).
    source : str
        ``"file:LINE"``, for messages and :attr:`Article.source`.
    fallback_id : str
        The id of a record that has none.
    default_date : datetime.date, optional
        Publication date for an undated record.

    Returns
    -------
    Article or None

    Raises
    ------
    InputError
        When the record cannot be read: too large, not UTF-8, invalid JSON,
        not an object, no string ``text``, a bad ``date`` or ``format``, no
        text.
    """
    if isinstance(line, int) or len(line) > MAX_RECORD_BYTES + 1:
        size = line if isinstance(line, int) else len(line)
        raise InputError(
            source,
            f"record too large ({size / 2**20:.1f} MB > "
            f"{MAX_RECORD_BYTES // 2**20} MB)",
        )
    if isinstance(line, bytes):
        try:
            line = line.decode("utf-8")
        except UnicodeDecodeError:
            raise InputError(source, "not UTF-8 text") from None
    line = line.lstrip("\ufeff")
    if not line.strip():
        return None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(
            source, f"invalid JSON: {exc.msg} (column {exc.colno})"
        ) from None
    except RecursionError:
        raise InputError(source, "invalid JSON: nested too deeply") from None
    except ValueError as exc:  # e.g. a number of more digits than Python takes
        raise InputError(source, f"invalid JSON: {_short(str(exc))}") from None
    if not isinstance(record, dict):
        raise InputError(source, f"not a JSON object but {type(record).__name__}")
    if "text" not in record:
        raise InputError(source, "missing 'text'")
    text = record["text"]
    if not isinstance(text, str):
        raise InputError(source, f"'text' is not a string but {type(text).__name__}")
    rid = record.get("id")
    if rid is None or rid == "":
        rid = fallback_id
    elif isinstance(rid, str):
        pass
    elif isinstance(rid, (int, float)) and not isinstance(rid, bool):
        rid = str(rid)
    else:
        rid = json.dumps(rid, ensure_ascii=False)[:200]
    date = record.get("date")
    if date is not None and not isinstance(date, str):
        raise InputError(source, f"bad date {_short(date)}")
    kind = record.get("format") or "text"
    if not isinstance(kind, str) or kind not in KINDS:
        raise InputError(source, f"unknown format {_short(kind)}")
    url, title = record.get("url"), record.get("title")
    return parse_document(
        text,
        id=rid,
        source=source,
        kind=kind,
        default_date=default_date,
        url=url if isinstance(url, str) else None,
        title=title if isinstance(title, str) else None,
        date=date or None,
    )


def _jsonl_articles(
    lines: Iterable[bytes | str | int],
    *,
    label: str,
    id_prefix: str,
    default_date: dt.date | None,
    first: int = 1,
) -> Iterator[Article | Skipped]:
    for lineno, line in enumerate(lines, start=first):
        source = f"{label}:{lineno}"
        try:
            article = read_jsonl_line(
                line,
                source=source,
                fallback_id=f"{id_prefix}:{lineno}",
                default_date=default_date,
            )
        except InputError as exc:
            yield Skipped(exc.source, exc.reason)
            continue
        if article is not None:
            yield article


def _read_jsonl_file(
    item: InputFile, default_date: dt.date | None
) -> Iterator[Article | Skipped]:
    assert item.path is not None
    opener = gzip.open if item.path.name.lower().endswith(".gz") else open
    try:
        with opener(item.path, "rb") as fh:
            yield from _jsonl_articles(
                bounded_lines(fh),
                label=item.source,
                id_prefix=item.id,
                default_date=default_date,
            )
    except (OSError, EOFError, zlib.error) as exc:
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        yield Skipped(item.source, f"cannot read: {reason}")


def _read_stdin(default_date: dt.date | None) -> Iterator[Article | Skipped]:
    stream = getattr(sys.stdin, "buffer", None) or sys.stdin
    yield from _jsonl_articles(
        bounded_lines(stream),
        label="<stdin>",
        id_prefix="<stdin>",
        default_date=default_date,
    )


def _read_input(
    item: InputFile, default_date: dt.date | None
) -> Iterator[Article | Skipped]:
    """The articles (and skips) of one file found by :func:`walk_inputs`."""
    if item.path is None:
        yield from _read_stdin(default_date)
    elif item.kind == "jsonl":
        yield from _read_jsonl_file(item, default_date)
    else:
        try:
            yield read_document(
                item.path,
                id=item.id,
                source=item.source,
                kind=item.kind,
                default_date=default_date,
            )
        except InputError as exc:
            yield Skipped(exc.source, exc.reason)


# --------------------------------------------------------------------------
# Reading a run's inputs
# --------------------------------------------------------------------------


class UniqueIds:
    """Gives each article of a run an id no earlier article has.

    The first article with an id keeps it; a later one is read as ``id#2``
    (``#3``, ...: the first such id not yet taken), with a warning, so two
    articles never fold into one source of an event.  Call it on the
    articles in reading order.

    Examples
    --------
    >>> unique = UniqueIds()
    >>> a = Article("x", "One.", None, "none", None, None, "a")
    >>> unique(a).id, unique(a).id, unique(a).warnings
    ('x', 'x#2', ("duplicate id 'x': read as 'x#3'",))
    """

    __slots__ = ("_seen", "_next")

    def __init__(self) -> None:
        self._seen: set[str] = set()
        self._next: dict[str, int] = {}

    def __call__(self, article: Article) -> Article:
        """Return *article*, renamed with a warning if its id is taken."""
        aid = article.id
        if aid not in self._seen:
            self._seen.add(aid)
            return article
        n = self._next.get(aid, 2)
        while f"{aid}#{n}" in self._seen:
            n += 1
        new = f"{aid}#{n}"
        self._next[aid] = n + 1
        self._seen.add(new)
        note = f"duplicate id {_short(aid)}: read as {_short(new)}"
        return dataclasses.replace(article, id=new, warnings=(*article.warnings, note))


def _log_skip(skipped: Skipped) -> None:
    logger.warning("skipped %s: %s", skipped.source, skipped.reason)


def iter_articles(
    inputs: Iterable[str | os.PathLike[str]],
    *,
    default_date: dt.date | None = None,
    on_skip: Callable[[Skipped], None] | None = None,
) -> Iterator[Article]:
    """Read articles from files, folders and JSON Lines, one at a time.

    Parameters
    ----------
    inputs : iterable of str or path-like
        Each one is
        a ``.txt``, ``.md``/``.markdown`` or ``.html``/``.htm`` file
        (one article; id = the file name);
        a ``.jsonl`` or ``.jsonl.gz`` file (one JSON object per line with
        ``text`` and optional ``id``, ``date`` (ISO 8601), ``url``, ``title``
        and ``format`` ("text", "markdown" or "html"); a missing ``id``
        becomes ``"<file name>:<line>"``);
        a folder, read recursively in sorted order (id = POSIX path under the
        folder; see below);
        or ``-``, JSON Lines on standard input.
    default_date : datetime.date, optional
        Publication date for articles that give none.
    on_skip : callable, optional
        Called with a :class:`Skipped` for every input or line that cannot be
        read: missing, unsupported type, binary, not text in UTF-8 nor in a
        plausible legacy encoding, empty, too large, bad JSON, missing or
        non-string ``text``, bad ``date``; in folders also dangling symbolic
        links, link loops, links to folders (not followed), FIFOs, devices
        and sockets.  Without it, each is logged as a warning.  Reading
        continues either way.

    Yields
    ------
    Article
        In input order.  An id already given to an earlier article of the
        same call is renamed ``id#2`` (``#3``...) with a warning (see
        :class:`UniqueIds`).

    Notes
    -----
    In folders, hidden files and folders (names starting with ".": ``.git``,
    ``.DS_Store``, editors' drafts) are left out without a word: they are
    not articles by convention, and listing a ``.git`` folder would bury the
    report.  A hidden file named as an input on its own is read.  Names are
    made printable (see :class:`Article`).

    Examples
    --------
    >>> skipped = []
    >>> found = iter_articles(["news/"], on_skip=skipped.append)  # doctest: +SKIP
    """
    skip = on_skip or _log_skip
    unique = UniqueIds()
    for item in walk_inputs(inputs):
        if isinstance(item, Skipped):
            skip(item)
            continue
        for found in _read_input(item, default_date):
            if isinstance(found, Skipped):
                skip(found)
            else:
                yield unique(found)


def read_articles(
    inputs: Iterable[str | os.PathLike[str]],
    *,
    default_date: dt.date | None = None,
) -> tuple[list[Article], list[Skipped]]:
    """Read all articles into a list, with the list of what was skipped.

    Parameters
    ----------
    inputs : iterable of str or path-like
        As for :func:`iter_articles`.
    default_date : datetime.date, optional
        Publication date for articles that give none.

    Returns
    -------
    tuple of (list of Article, list of Skipped)
    """
    skipped: list[Skipped] = []
    articles = list(
        iter_articles(inputs, default_date=default_date, on_skip=skipped.append)
    )
    return articles, skipped
