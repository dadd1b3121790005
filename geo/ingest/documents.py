"""One document to one :class:`~geo.ingest.records.Article`.

:func:`parse_document` takes a document's text (from a file or a JSON Lines
record), reduces its markup to plain text, cleans what no writer takes (lone
surrogates, unprintable ids) and dates it; :func:`read_document` does the same
for a file, read within :data:`MAX_FILE_BYTES` and decoded.
"""

from __future__ import annotations

import datetime as dt
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from gazetteer.exc import InputError
from geo.ingest.decode import decode_text, has_surrogates, replace_surrogates
from geo.ingest.html_text import parse_html
from geo.ingest.markdown_text import parse_markdown
from geo.ingest.names import printable, short
from geo.ingest.published import (
    PUBLISHED_RANGE,
    PublicationDate,
    find_publication_date,
    first_metadata_date,
    in_published_range,
    parse_iso_date,
    split_header,
)
from geo.ingest.records import Article, Markup
from geo.lang.detect import detect_language

__all__ = ["KINDS", "MAX_FILE_BYTES", "parse_document", "read_document", "read_markup"]

#: Document kinds :func:`parse_document` understands (and JSONL ``format`` values).
KINDS = ("text", "markdown", "html")

#: Files larger than this are skipped rather than read into memory.
MAX_FILE_BYTES = 32 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class _Given:
    """What the caller gives with a document, fit for any UTF-8 writer."""

    id: str
    raw: str
    url: str | None
    title: str | None


def _clean(given: _Given, notes: list[str]) -> _Given:
    """Replace lone surrogates and escape an unprintable id, with a note each."""
    named = {"id": given.id, "text": given.raw, "url": given.url, "title": given.title}
    replaced = [
        name for name, value in named.items() if value and has_surrogates(value)
    ]
    if replaced:
        given = _Given(
            id=replace_surrogates(given.id),
            raw=replace_surrogates(given.raw),
            url=replace_surrogates(given.url) if given.url else given.url,
            title=replace_surrogates(given.title) if given.title else given.title,
        )
        notes.append(f"lone surrogates replaced with U+FFFD in {', '.join(replaced)}")
    if not given.id.isprintable():
        given = _Given(printable(given.id), given.raw, given.url, given.title)
        notes.append(
            f"id has characters that are not printable: read as {short(given.id)}"
        )
    return given


def read_markup(text: str, kind: str) -> Markup:
    """Reduce a document of the given kind to plain text.

    Parameters
    ----------
    text : str
        The document, decoded, with Unix line ends.
    kind : {"text", "markdown", "html"}
        How to read it (:func:`~geo.ingest.html_text.parse_html`,
        :func:`~geo.ingest.markdown_text.parse_markdown`); plain text is
        returned as it is.

    Returns
    -------
    Markup

    Raises
    ------
    ValueError
        When *kind* is not one of :data:`KINDS`.
    """
    if kind == "html":
        return parse_html(text)
    if kind == "markdown":
        return parse_markdown(text)
    if kind == "text":
        return Markup(text)
    raise ValueError(f"unknown document kind {kind!r}; expected one of {KINDS}")


def _given_date(date: dt.date | str | None, source: str) -> dt.date | None:
    if not isinstance(date, str):
        return date
    try:
        return parse_iso_date(date)
    except ValueError:
        raise InputError(source, f"bad date {short(date)}") from None


def _choose_date(
    candidates: Iterable[PublicationDate], notes: list[str]
) -> PublicationDate:
    """The first candidate with a date within :data:`PUBLISHED_RANGE`.

    A date outside it is passed over with a note, and the next candidate is
    tried.  *candidates* are read lazily, up to the one chosen.
    """
    lo, hi = PUBLISHED_RANGE
    for found in candidates:
        if found.date is None:
            continue
        if in_published_range(found.date):
            return found
        notes.append(
            f"publication date {found.date.isoformat()} ({found.rule}) outside "
            f"{lo.year}..{hi.year}: ignored"
        )
    return PublicationDate(None, "none")


def _date_candidates(
    given: dt.date | None,
    stated: Iterable[str],
    header: dt.date | None,
    text: str,
    default: dt.date | None,
) -> Iterator[PublicationDate]:
    """The publication dates of a document, best rule first (lazily)."""
    yield PublicationDate(given, "jsonl")
    yield PublicationDate(first_metadata_date(stated), "header")
    yield PublicationDate(header, "header")
    yield find_publication_date(text)
    yield PublicationDate(default, "option")


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
        passed over with a warning and the next rule is tried: the record's
        *date*, the document's metadata, its ``date`` header line, its
        dateline (:func:`~geo.ingest.published.find_publication_date`), then
        *default_date*.

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
    source = printable(source)
    given = _clean(_Given(id, raw, url, title), notes)
    text = given.raw.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    doc = read_markup(text, kind)
    header = split_header(doc.text)
    text = header.text.strip()
    if not text:
        raise InputError(source, "no text" if given.raw.strip() else "empty")
    candidates = _date_candidates(
        _given_date(date, source), doc.stated_dates, header.date, text, default_date
    )
    published = _choose_date(candidates, notes)
    return Article(
        id=given.id,
        text=text,
        published=published.date,
        date_source=published.rule,
        url=given.url or doc.url or None,
        title=given.title or doc.title or None,
        source=source,
        warnings=tuple(notes),
        lang=detect_language(text),
    )


def _read_bytes(path: Path, source: str) -> bytes:
    """Read a file of at most :data:`MAX_FILE_BYTES` (a pipe or device too)."""
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
        decoded = decode_text(data)
    except ValueError as exc:
        raise InputError(source, str(exc)) from None
    notes = (f"decoded as {decoded.encoding} (not UTF-8)",) if decoded.encoding else ()
    return parse_document(
        decoded.text,
        id=id,
        source=source,
        kind=kind,
        default_date=default_date,
        warnings=notes,
    )
