"""The records of reading: :class:`Article`, :class:`Skipped` and :class:`Markup`.

Reading gives articles, which every later step of the data flow reads, and
skipped inputs, which go to the run's report, so nothing is lost silently.
:class:`Markup` is a document on its way: reduced to plain text, with what
its markup states.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

__all__ = ["Article", "Markup", "Skipped"]


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
    lang : str or None
        The language of the text (``"en"``, ``"uk"``, ``"ru"``, see
        :func:`geo.lang.detect.detect_language`); None when unknown, read as
        English.

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
    lang: str | None = None


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that was not read, and why (one line).

    ``source`` is printable, as :attr:`Article.source`; ``reason`` quotes no
    more than a short, escaped part of the input.
    """

    source: str
    reason: str


@dataclass(frozen=True, slots=True)
class Markup:
    """A document reduced to plain text, and what its markup states.

    Attributes
    ----------
    text : str
        The visible prose, one block per line.
    title : str or None
        The title the document states.
    url : str or None
        The address the document states (canonical link, ``og:url``, front
        matter ``url``).
    stated_dates : tuple of str
        Publication dates its metadata gives, as written, best first (not
        yet read: see :func:`geo.ingest.published.first_metadata_date`).
    """

    text: str
    title: str | None = None
    url: str | None = None
    stated_dates: tuple[str, ...] = ()
