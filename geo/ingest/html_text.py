"""HTML pages to plain text, with what their markup states.

:func:`parse_html` reduces a page to its visible prose (one block per line;
scripts, navigation, asides, forms and page headers dropped) and keeps what
its markup states: the title, the address and the publication dates its
metadata gives (``<meta>``, JSON-LD, ``<time datetime>``), as written, best
first.  Reading those dates is :mod:`geo.ingest.published`'s job.

The page is read by a forward-only tokenizer, linear in its size: the
standard library's ``HTMLParser`` rescans unclosed constructs ("<a "
repeated, "<!--" repeated, an unclosed quote) from every "<" on, which is
quadratic (minutes for a hostile page of a few hundred KB).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape
from typing import Protocol

from gazetteer import compiled
from geo.ingest.records import Markup

__all__ = ["html_to_text", "parse_html"]

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
# Metadata naming the publication date, best first; JSON-LD "datePublished"
# ranks after the first _META_FIRST of them, a visible <time> after them all.
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
_META_FIRST = 2
_JSONLD_DATE_RE = compiled.compile(r'"datePublished"\s*:\s*"([^"]{6,40})"')

# -- a linear HTML tokenizer -----------------------------------------------------
# It moves forward only and follows the HTML5 rules where it matters: a tag,
# comment or quoted value left open at the end of the page swallows the rest;
# script and style hold raw text up to their end tag; title and textarea hold
# text with entities.
_TAG_NAME_RE = compiled.compile(r"[A-Za-z][^\t\n\f\r />]*")
_ATTR_NAME_RE = compiled.compile(r"[^\t\n\f\r />][^\t\n\f\r /=>]*")
_TAG_GAP_RE = compiled.compile(r"[\t\n\f\r /]*")
_SPACE_RE = compiled.compile(r"[\t\n\f\r ]*")
_UNQUOTED_RE = compiled.compile(r"[^\t\n\f\r >]*")
_RAW_TEXT = frozenset(("script", "style"))
_RCDATA = frozenset(("title", "textarea"))
_RAW_END_RE = {
    tag: re.compile(rf"</{tag}(?=[\t\n\f\r />])", re.IGNORECASE)
    for tag in _RAW_TEXT | _RCDATA
}


class _Sink(Protocol):
    """What the tokenizer feeds: the :class:`html.parser.HTMLParser` handlers."""

    def handle_starttag(self, tag: str, attrs: dict[str, str]) -> None: ...
    def handle_startendtag(self, tag: str, attrs: dict[str, str]) -> None: ...
    def handle_endtag(self, tag: str) -> None: ...
    def handle_data(self, data: str) -> None: ...


@dataclass(frozen=True, slots=True)
class _StartTag:
    """A start tag: where it ends, its name and attributes, whether ``/>`` closes it.

    Attribute names are in lower case; a repeated one keeps its last value,
    one without a value has ``""``.
    """

    end: int
    name: str
    attrs: dict[str, str]
    self_closing: bool


def _attribute(html: str, i: int, attrs: dict[str, str]) -> int | None:
    """Read the attribute at ``html[i]`` into *attrs*: where it ends, or None.

    None when the page ends inside it.  The patterns matched with ``*`` match
    the empty string, so their ``match`` is never None.
    """
    n = len(html)
    m = _ATTR_NAME_RE.match(html, i)
    assert m is not None  # html[i] is not a gap or ">"
    name = m.group().lower()
    j = _SPACE_RE.match(html, m.end()).end()  # type: ignore[union-attr]
    if j >= n or html[j] != "=":
        attrs[name] = ""
        return j
    j = _SPACE_RE.match(html, j + 1).end()  # type: ignore[union-attr]
    if j >= n:
        return None
    quote = html[j]
    if quote in "\"'":
        close = html.find(quote, j + 1)
        if close < 0:
            return None
        attrs[name] = unescape(html[j + 1 : close])
        return close + 1
    v = _UNQUOTED_RE.match(html, j)
    assert v is not None
    attrs[name] = unescape(v.group())
    return v.end()


def _start_tag(html: str, lt: int) -> _StartTag | None:
    """Read the start tag at ``html[lt]``; None when the page ends inside it."""
    m = _TAG_NAME_RE.match(html, lt + 1)
    assert m is not None  # the caller saw a letter after "<"
    i: int | None = m.end()
    attrs: dict[str, str] = {}
    while i is not None:
        i = _TAG_GAP_RE.match(html, i).end()  # type: ignore[union-attr]
        if i >= len(html):
            return None
        if html[i] == ">":
            return _StartTag(i + 1, m.group().lower(), attrs, html[i - 1] == "/")
        i = _attribute(html, i, attrs)
    return None


def _open_tag(html: str, lt: int, sink: _Sink) -> int | None:
    """Feed the start tag at ``html[lt]`` (and raw text after it) to ``sink``."""
    tag = _start_tag(html, lt)
    if tag is None:
        return None  # the page ends inside a tag: the tag is dropped
    if tag.self_closing and tag.name not in _RAW_END_RE:  # "<script/>" opens
        sink.handle_startendtag(tag.name, tag.attrs)
        return tag.end
    sink.handle_starttag(tag.name, tag.attrs)
    if tag.name not in _RAW_END_RE:
        return tag.end
    m = _RAW_END_RE[tag.name].search(html, tag.end)
    stop = m.start() if m else len(html)
    raw = html[tag.end : stop]
    if raw:
        sink.handle_data(raw if tag.name in _RAW_TEXT else unescape(raw))
    return stop


def _close_tag(html: str, lt: int, sink: _Sink) -> int | None:
    """Feed the end tag at ``html[lt]`` (``"</"``) to ``sink``."""
    after = html[lt + 2 : lt + 3]
    gt = html.find(">", lt + 2)
    if after.isascii() and after.isalpha():
        if gt < 0:
            return None
        m = _TAG_NAME_RE.match(html, lt + 2)
        assert m is not None
        sink.handle_endtag(m.group().lower())
    elif not after:
        sink.handle_data("</")
        return None
    return len(html) if gt < 0 else gt + 1  # "</>" and "</ x>" are dropped


def _after_comment(html: str, lt: int) -> int:
    if html.startswith(("<!-->", "<!--->"), lt):
        return html.index(">", lt + 4) + 1
    close = html.find("-->", lt + 4)
    return len(html) if close < 0 else close + 3


def _markup_at(html: str, lt: int, sink: _Sink) -> int | None:
    """Read what starts at the ``"<"`` at ``html[lt]``: where to go on, or None."""
    nxt = html[lt + 1 : lt + 2]
    if nxt.isascii() and nxt.isalpha():
        return _open_tag(html, lt, sink)
    if nxt == "/":
        return _close_tag(html, lt, sink)
    if nxt == "!" and html.startswith("<!--", lt):
        return _after_comment(html, lt)
    if nxt in ("!", "?"):  # doctype, CDATA, processing instruction
        gt = html.find(">", lt + 2)
        return len(html) if gt < 0 else gt + 1
    sink.handle_data("<")
    return lt + 1


def _tokenize_html(html: str, sink: _Sink) -> None:
    """Feed the tags and text of ``html`` to ``sink``, in one forward pass."""
    n = len(html)
    pos: int | None = 0
    while pos is not None and pos < n:
        lt = html.find("<", pos)
        if lt < 0:
            sink.handle_data(unescape(html[pos:]))
            return
        if lt > pos:
            sink.handle_data(unescape(html[pos:lt]))
        pos = _markup_at(html, lt, sink)


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
        self.time_dates: list[str] = []
        self.jsonld_dates: list[str] = []
        self.script_is_jsonld = False
        self.url: str | None = None

    @property
    def dropping(self) -> bool:
        """Whether text here is not shown (head, script, navigation, ...)."""
        return self.drop_depth > 0 or self.in_head

    # -- tags -------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == "head":
            self.in_head = True
        elif self.in_head and tag not in _HEAD_TAGS:
            self.in_head = False  # <body>, or content with </head> left out
        if tag == "meta":
            self._meta(attrs)
        elif tag == "link":
            self._link(attrs)
        elif tag == "title":
            self.in_title = True
        else:
            self._stated_date(tag, attrs)
            if tag == "script":
                self.script_is_jsonld = "ld+json" in attrs.get("type", "").lower()
            self._open(tag)
            self._boundary(tag)

    def handle_startendtag(self, tag: str, attrs: dict[str, str]) -> None:
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
        self._close(tag)
        self._boundary(tag)

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)
            return
        if self.in_head and self.drop_depth == 0 and not data.isspace():
            self.in_head = False  # text ends <head> as a body tag would
        if self.script_is_jsonld:
            m = _JSONLD_DATE_RE.search(data)
            if m:
                self.jsonld_dates.append(m[1])
        if self.dropping:
            return
        if self.h1_parts is not None:
            self.h1_parts.append(data)
        if self.pre_depth > 0:
            self.parts.append(data)
        else:
            self.parts.append(re.sub(r"\s+", " ", data))

    # -- helpers ----------------------------------------------------------
    def _open(self, tag: str) -> None:
        """Enter an element: an article, something dropped, a pre, a headline."""
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

    def _close(self, tag: str) -> None:
        """Leave an element (an end tag without its start is ignored)."""
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

    def _stated_date(self, tag: str, a: dict[str, str]) -> None:
        """Keep a date a visible ``<time>`` or an ``itemprop`` states."""
        if tag == "time" and not self.dropping and a.get("datetime"):
            self.time_dates.append(a["datetime"])
        if a.get("itemprop", "").lower() == "datepublished":
            value = a.get("content") or a.get("datetime")
            if value:
                self.meta.setdefault("datepublished", value)

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
        if key == "og:url":
            self.url = self.url or content
        self.meta.setdefault(key, content)

    def _link(self, a: dict[str, str]) -> None:
        if "canonical" in a.get("rel", "").lower().split() and a.get("href"):
            self.url = self.url or a["href"].strip()

    def _stated_dates(self) -> tuple[str, ...]:
        """The dates the page states, best first."""
        meta = [self.meta[k] for k in _META_DATE_KEYS if k in self.meta]
        first = [self.meta[k] for k in _META_DATE_KEYS[:_META_FIRST] if k in self.meta]
        return (*first, *self.jsonld_dates, *meta[len(first) :], *self.time_dates)

    def result(self) -> Markup:
        lines = (" ".join(ln.split()) for ln in "".join(self.parts).splitlines())
        text = "\n".join(ln for ln in lines if ln)
        title = " ".join("".join(self.title_parts).split()) or None
        title = title or self.meta.get("og:title") or self.h1_text
        return Markup(text, title, self.url, self._stated_dates())


def parse_html(html: str) -> Markup:
    """Read an HTML page: its visible text, title, address and stated dates.

    The title is the ``<title>``, else ``og:title``, else the first visible
    ``<h1>``; the address the canonical link, else ``og:url``.  The stated
    dates are, best first: ``article:published_time`` and
    ``og:published_time``, JSON-LD ``datePublished``, other ``<meta>``
    dates (``datePublished`` items, ``pubdate``, ``date``, Dublin Core...),
    and the ``datetime`` of ``<time>`` elements in the shown text.

    Parameters
    ----------
    html : str
        The page.

    Returns
    -------
    Markup
        Its text as :func:`html_to_text` gives it.
    """
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
    return parse_html(html).text
