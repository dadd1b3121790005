"""Reading input into documents: articles with their publication date.

Inputs are plain-text, Markdown and HTML files, folders of them, JSON Lines
files (optionally gzipped) and JSON Lines on standard input (``-``).  They are
read one article at a time, so a corpus never has to fit in memory.  Whatever
cannot be read is reported as a :class:`Skipped` record with a one-line reason
and reading goes on: nothing is lost silently.

The publication date comes, in this order, from the record itself (JSONL
``date``), from the document's metadata (a first-line ``date YYYY-MM-DD``
header, HTML ``<meta>``/``<time>``, Markdown front matter), from a dateline
near the top of the text ("Published February 3, 2026"), or from a default the
caller gives.  Today's date is never used: an undated article stays undated.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import logging
import os
import re
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

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

#: How many non-empty lines from the top are searched for a dateline.
DATELINE_WINDOW = 15


@dataclass(frozen=True, slots=True)
class Article:
    """One input document, reduced to plain text.

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
    """

    id: str
    text: str
    published: dt.date | None
    date_source: str
    url: str | None
    title: str | None
    source: str


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that was not read, and why (one line)."""

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
        "select textarea head "
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


class _TextExtractor(HTMLParser):
    """Collects visible text and publication metadata from an HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.drop_depth = 0
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

    # -- tags -------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
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
        if tag == "time" and self.time_date is None and self.drop_depth == 0:
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
        if tag == "h1" and self.drop_depth == 0 and self.h1_text is None:
            self.h1_parts = []
        self._boundary(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROP_TAGS or tag in ("article", "main", "header", "pre", "h1"):
            return  # an empty element: nothing opens
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
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
        if self.script_is_jsonld and self.jsonld_date is None:
            m = _JSONLD_DATE_RE.search(data)
            if m:
                self.jsonld_date = _loose_date(m[1])
        if self.drop_depth > 0:
            return
        if self.h1_parts is not None:
            self.h1_parts.append(data)
        if self.pre_depth > 0:
            self.parts.append(data)
        else:
            self.parts.append(re.sub(r"\s+", " ", data))

    # -- helpers ----------------------------------------------------------
    def _boundary(self, tag: str) -> None:
        if self.drop_depth > 0:
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
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    return parser.result()


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
_MD_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^[ \t]{0,3}(?:```|~~~).*$", re.MULTILINE), ""),  # code fences
    (re.compile(r"^[ \t]{0,3}\[[^\]]+\]:[ \t]*\S+.*$", re.MULTILINE), ""),  # link refs
    (re.compile(r"^[ \t]{0,3}(?:[-*_][ \t]*){3,}$", re.MULTILINE), ""),  # rules
    (
        re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$", re.MULTILINE),
        r"\1",
    ),  # headings
    (re.compile(r"^[ \t]{0,3}(?:>[ \t]?)+", re.MULTILINE), ""),  # quotes
    (re.compile(r"^[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+", re.MULTILINE), ""),  # list items
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # images -> alt text
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # inline links
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # reference links
    (re.compile(r"<(https?://[^>]+)>"), r"\1"),  # autolinks
    (re.compile(r"</?[A-Za-z][^>\n]*>"), ""),  # inline HTML tags
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # strong
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),  # emphasis
    (re.compile(r"(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)"), r"\1"),
    (re.compile(r"~~(.+?)~~"), r"\1"),  # strike-through
    (re.compile(r"`([^`\n]*)`"), r"\1"),  # inline code
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!>])"), r"\1"),  # escapes
)


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


def _markdown_to_text(text: str) -> tuple[str, str | None]:
    """Return the text of a Markdown document and its first heading."""
    heading = re.search(r"^[ \t]{0,3}#[ \t]+(.+?)[ \t]*#*[ \t]*$", text, re.MULTILINE)
    for pattern, repl in _MD_RULES:
        text = pattern.sub(repl, text)
    lines = [ln.rstrip() for ln in text.splitlines()]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines))
    title = _markdown_to_text(heading[1])[0] if heading else None
    return text, title


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

    Returns
    -------
    Article

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
            raise InputError(source, f"bad date {date!r}") from None
    if date is not None:
        published, date_source = date, "jsonl"
    elif meta_date is not None or header_date is not None:
        published, date_source = meta_date or header_date, "header"
    else:
        published, date_source = find_publication_date(text)
        if published is None and default_date is not None:
            published, date_source = default_date, "option"
    return Article(
        id=id,
        text=text,
        published=published,
        date_source=date_source,
        url=url or doc_url or None,
        title=title or doc_title or None,
        source=source,
    )


# --------------------------------------------------------------------------
# Bytes, files, folders, JSON Lines
# --------------------------------------------------------------------------

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


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


def decode_bytes(data: bytes) -> str:
    """Decode a file's bytes as text.

    UTF-8 (with or without a byte-order mark) is tried first; then UTF-16
    with a byte-order mark, and Windows-1251, each only when the result looks
    like text.

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
        With a one-line reason: ``"binary file (NUL bytes)"`` or
        ``"not UTF-8 text"``.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise ValueError("not UTF-8 text (bad UTF-16)") from None
        if "\x00" in text or not _looks_like_text(text, strict=True):
            raise ValueError("binary file")
        return text.lstrip("\ufeff")
    if b"\x00" in data:
        raise ValueError("binary file (NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    else:
        if not _looks_like_text(text, strict=False):
            raise ValueError("binary file (control characters)")
        return text
    try:
        text = data.decode("cp1251")
    except UnicodeDecodeError:
        raise ValueError("not UTF-8 text") from None
    if _looks_like_text(text, strict=True):
        return text
    raise ValueError("not UTF-8 text")


def _suffix_kind(name: str) -> tuple[str, str] | None:
    """Return (suffix, kind) for a supported file name, else None."""
    lower = name.lower()
    for suffix in sorted(SUPPORTED_SUFFIXES, key=len, reverse=True):
        if lower.endswith(suffix) and len(lower) > len(suffix):
            return suffix, SUPPORTED_SUFFIXES[suffix]
    return None


def _unsupported_suffix(name: str) -> str:
    suffixes = Path(name).suffixes
    return "".join(suffixes[-1:]) or "(none)"


_SkipFn = Callable[[Skipped], None]


def _read_document(
    path: Path, id: str, kind: str, default_date: dt.date | None
) -> Article:
    source = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(
                source,
                f"file too large ({size // 2**20} MB > {MAX_FILE_BYTES // 2**20} MB)",
            )
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(source, f"cannot read: {exc.strerror or exc}") from None
    if not data.strip():
        raise InputError(source, "empty file")
    try:
        raw = decode_bytes(data)
    except ValueError as exc:
        raise InputError(source, str(exc)) from None
    return parse_document(
        raw, id=id, source=source, kind=kind, default_date=default_date
    )


def _jsonl_record(
    line: bytes | str,
    *,
    source: str,
    fallback_id: str,
    default_date: dt.date | None,
) -> Article | None:
    """Parse one JSON Lines record; None for a blank line."""
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
    if not isinstance(record, dict):
        raise InputError(source, f"not a JSON object but {type(record).__name__}")
    if "text" not in record:
        raise InputError(source, "missing 'text'")
    text = record["text"]
    if not isinstance(text, str):
        raise InputError(source, f"'text' is not a string but {type(text).__name__}")
    rid = record.get("id")
    rid = fallback_id if rid is None or rid == "" else str(rid)
    date = record.get("date")
    if date is not None and not isinstance(date, str):
        raise InputError(source, f"bad date {date!r}")
    kind = record.get("format") or "text"
    if kind not in KINDS:
        raise InputError(source, f"unknown format {kind!r}")
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


def _iter_jsonl_lines(
    lines: Iterable[bytes | str],
    *,
    label: str,
    id_prefix: str,
    default_date: dt.date | None,
    skip: _SkipFn,
) -> Iterator[Article]:
    for lineno, line in enumerate(lines, start=1):
        source = f"{label}:{lineno}"
        try:
            article = _jsonl_record(
                line,
                source=source,
                fallback_id=f"{id_prefix}:{lineno}",
                default_date=default_date,
            )
        except InputError as exc:
            skip(Skipped(exc.source, exc.reason))
            continue
        if article is not None:
            yield article


def _iter_jsonl_file(
    path: Path, id_prefix: str, default_date: dt.date | None, skip: _SkipFn
) -> Iterator[Article]:
    source = str(path)
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        with opener(path, "rb") as fh:
            yield from _iter_jsonl_lines(
                fh,
                label=source,
                id_prefix=id_prefix,
                default_date=default_date,
                skip=skip,
            )
    except (OSError, EOFError, zlib.error) as exc:
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        skip(Skipped(source, f"cannot read: {reason}"))


def _iter_stdin(default_date: dt.date | None, skip: _SkipFn) -> Iterator[Article]:
    stream: Iterable[bytes | str] = getattr(sys.stdin, "buffer", None) or sys.stdin
    yield from _iter_jsonl_lines(
        stream,
        label="<stdin>",
        id_prefix="<stdin>",
        default_date=default_date,
        skip=skip,
    )


def _walk(folder: Path, skip: _SkipFn, prefix: str = "") -> Iterator[tuple[Path, str]]:
    """Yield (path, POSIX relative path) of non-hidden files, sorted by path.

    Symbolic links to folders are not followed (no loops).
    """
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        skip(Skipped(str(folder), f"cannot read folder: {exc.strerror or exc}"))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        rel = f"{prefix}{entry.name}"
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(Path(entry.path), skip, rel + "/")
        elif entry.is_file():
            yield Path(entry.path), rel


def _iter_file(
    path: Path, id: str, kind: str, default_date: dt.date | None, skip: _SkipFn
) -> Iterator[Article]:
    if kind == "jsonl":
        yield from _iter_jsonl_file(path, id, default_date, skip)
        return
    try:
        yield _read_document(path, id, kind, default_date)
    except InputError as exc:
        skip(Skipped(exc.source, exc.reason))


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
        a folder, read recursively in sorted order, skipping hidden entries
        and ignoring files of other types (id = POSIX path under the folder);
        or ``-``, JSON Lines on standard input.
    default_date : datetime.date, optional
        Publication date for articles that give none.
    on_skip : callable, optional
        Called with a :class:`Skipped` for every input or line that cannot be
        read (missing, unsupported type, binary, not UTF-8, empty, bad JSON,
        missing or non-string ``text``, bad ``date``).  Without it, each is
        logged as a warning.  Reading continues either way.

    Yields
    ------
    Article
        In input order; duplicate ids are kept as they are.

    Examples
    --------
    >>> skipped = []
    >>> found = iter_articles(["news/"], on_skip=skipped.append)  # doctest: +SKIP
    """
    skip = on_skip or _log_skip
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    for item in inputs:
        if str(item) == "-":
            yield from _iter_stdin(default_date, skip)
            continue
        path = Path(item)
        if path.is_dir():
            for member, rel in _walk(path, skip):
                found = _suffix_kind(member.name)
                if found is not None:
                    yield from _iter_file(member, rel, found[1], default_date, skip)
            continue
        if not path.exists():
            skip(Skipped(str(path), "no such file or directory"))
            continue
        found = _suffix_kind(path.name)
        if found is None:
            suffix = _unsupported_suffix(path.name)
            skip(Skipped(str(path), f"unsupported file type {suffix}"))
            continue
        yield from _iter_file(path, path.name, found[1], default_date, skip)


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
