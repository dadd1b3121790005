"""JSON Lines: one article per line, from a file (optionally gzipped) or stdin.

Each line is a JSON object with ``text`` and optional ``id``, ``date`` (ISO
8601), ``url``, ``title`` and ``format`` ("text", "markdown" or "html").
Lines are read with a bound (:data:`MAX_RECORD_BYTES`): a longer one is
skipped unread, and a bad line is skipped with its reason while reading goes
on.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import sys
import zlib
from collections.abc import Iterable, Iterator
from typing import Any

from gazetteer.exc import InputError
from geo.ingest.documents import KINDS, parse_document
from geo.ingest.names import short
from geo.ingest.records import Article, Skipped
from geo.ingest.walk import InputFile

__all__ = [
    "MAX_RECORD_BYTES",
    "bounded_lines",
    "jsonl_articles",
    "read_jsonl_file",
    "read_jsonl_line",
    "read_stdin",
]

#: JSON Lines records (lines) longer than this are skipped, unread.
MAX_RECORD_BYTES = 4 * 1024 * 1024


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


def _line_text(line: bytes | str | int, source: str) -> str:
    """The text of a line, checked for size and UTF-8, without a byte-order mark."""
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
    return line.lstrip("\ufeff")


def _record(line: str, source: str) -> dict[str, Any]:
    """Parse a line as a JSON object."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(
            source, f"invalid JSON: {exc.msg} (column {exc.colno})"
        ) from None
    except RecursionError:
        raise InputError(source, "invalid JSON: nested too deeply") from None
    except ValueError as exc:  # e.g. a number of more digits than Python takes
        raise InputError(source, f"invalid JSON: {short(str(exc))}") from None
    if not isinstance(record, dict):
        raise InputError(source, f"not a JSON object but {type(record).__name__}")
    return record


def _record_id(record: dict[str, Any], fallback_id: str) -> str:
    """The record's ``id`` as a string; *fallback_id* when it has none."""
    rid = record.get("id")
    if rid is None or rid == "":
        return fallback_id
    if isinstance(rid, str):
        return rid
    if isinstance(rid, (int, float)) and not isinstance(rid, bool):
        return str(rid)
    return json.dumps(rid, ensure_ascii=False)[:200]


def _record_text(record: dict[str, Any], source: str) -> str:
    if "text" not in record:
        raise InputError(source, "missing 'text'")
    text = record["text"]
    if not isinstance(text, str):
        raise InputError(source, f"'text' is not a string but {type(text).__name__}")
    return text


def _optional_str(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    return value if isinstance(value, str) else None


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
    text = _line_text(line, source)
    if not text.strip():
        return None
    record = _record(text, source)
    body = _record_text(record, source)
    rid = _record_id(record, fallback_id)
    date = record.get("date")
    if date is not None and not isinstance(date, str):
        raise InputError(source, f"bad date {short(date)}")
    kind = record.get("format") or "text"
    if not isinstance(kind, str) or kind not in KINDS:
        raise InputError(source, f"unknown format {short(kind)}")
    return parse_document(
        body,
        id=rid,
        source=source,
        kind=kind,
        default_date=default_date,
        url=_optional_str(record, "url"),
        title=_optional_str(record, "title"),
        date=date or None,
    )


def jsonl_articles(
    lines: Iterable[bytes | str | int],
    *,
    label: str,
    id_prefix: str,
    default_date: dt.date | None,
    first: int = 1,
) -> Iterator[Article | Skipped]:
    """The articles of JSON Lines, and a skip for each line that is not one.

    Parameters
    ----------
    lines : iterable
        Lines as :func:`bounded_lines` gives them.
    label : str
        The source for messages: each line's is ``"<label>:<line>"``.
    id_prefix : str
        Fallback ids are ``"<id_prefix>:<line>"``.
    default_date : datetime.date, optional
        Publication date for undated records.
    first : int
        The number of the first line.

    Yields
    ------
    Article or Skipped
    """
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


def read_jsonl_file(
    item: InputFile, default_date: dt.date | None = None
) -> Iterator[Article | Skipped]:
    """The articles of a ``.jsonl`` or ``.jsonl.gz`` file, and its skipped lines.

    Parameters
    ----------
    item : InputFile
        The file, as :func:`~geo.ingest.walk.walk_inputs` found it; records
        without an id get ``"<item.id>:<line>"``.
    default_date : datetime.date, optional
        Publication date for undated records.

    Yields
    ------
    Article or Skipped
        In line order; a file that cannot be read (or a corrupt gzip stream)
        ends with a :class:`Skipped` for the file, after what was read.
    """
    assert item.path is not None
    opener = gzip.open if item.path.name.lower().endswith(".gz") else open
    try:
        with opener(item.path, "rb") as fh:
            yield from jsonl_articles(
                bounded_lines(fh),
                label=item.source,
                id_prefix=item.id,
                default_date=default_date,
            )
    except (OSError, EOFError, zlib.error) as exc:
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        yield Skipped(item.source, f"cannot read: {reason}")


def read_stdin(default_date: dt.date | None = None) -> Iterator[Article | Skipped]:
    """The articles of JSON Lines on standard input, and its skipped lines.

    Parameters
    ----------
    default_date : datetime.date, optional
        Publication date for undated records.

    Yields
    ------
    Article or Skipped
        Sources and fallback ids are ``"<stdin>:<line>"``.
    """
    stream = getattr(sys.stdin, "buffer", None) or sys.stdin
    yield from jsonl_articles(
        bounded_lines(stream),
        label="<stdin>",
        id_prefix="<stdin>",
        default_date=default_date,
    )
