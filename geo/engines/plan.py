"""The task plan both engines run: inputs cut into small tasks, read where they run.

:func:`plan` walks the inputs with :func:`geo.ingest.articles.walk_inputs`
(the walker :func:`~geo.ingest.articles.iter_articles` uses: same files, same
order, same skips) but reads no article.  It yields small frozen tasks:

* :class:`Document`: one text, Markdown or HTML file (its path);
* :class:`LineRange`: a range of lines of a plain ``.jsonl`` file, by byte
  offsets found in one streaming pass that counts lines;
* :class:`Lines`: raw JSONL lines read by the planner, for what cannot be
  split by offset (compressed JSONL, standard input, a FIFO); a line longer
  than :data:`~geo.ingest.articles.MAX_RECORD_BYTES` travels as its length
  and is reported skipped, never held;
* :class:`Skip`: an input that cannot be read, and why;
* :class:`Articles`: articles already read (:func:`plan_articles`, for
  :func:`geo.engines.pipeline.extract_all`).

:func:`read_task` reads one task's articles (and skips), in whatever process
the task runs in; :func:`batches` groups tasks into units of about the same
number of articles.  Every task holds only paths, offsets, names and (for
:class:`Lines` and :class:`Articles`) a bounded amount of text, and pickles
small, so a task can go to a pool worker or a Dask worker alike.
"""

from __future__ import annotations

import gzip
import io
import os
import stat
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypeAlias

from geo.ingest import (
    Article,
    InputFile,
    Skipped,
    bounded_lines,
    read_input,
    walk_inputs,
)
from geo.ingest.jsonl import jsonl_articles

__all__ = [
    "Articles",
    "DEFAULT_CHUNK",
    "Document",
    "LineRange",
    "Lines",
    "Skip",
    "Task",
    "batches",
    "plan",
    "plan_articles",
    "read_task",
    "weight",
]

#: JSONL lines in one task by default.  Small: tasks are grouped into
#: batches (:func:`batches`) of as many articles as an engine wants at once.
DEFAULT_CHUNK = 16

#: Most bytes of a ``.jsonl`` file one range task reads at once.
RANGE_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Document:
    """One text, Markdown or HTML file.

    Attributes
    ----------
    path : str
        Absolute path to open.
    source : str
        Its printable name (:attr:`~geo.ingest.articles.Article.source`).
    id : str
        The article id.
    kind : str
        ``"text"``, ``"markdown"``, ``"html"`` or ``"telegram"``.
    """

    path: str
    source: str
    id: str
    kind: str


@dataclass(frozen=True, slots=True)
class LineRange:
    """Lines of a plain JSON Lines file, by byte offsets.

    Attributes
    ----------
    path : str
        Absolute path to open.
    source : str
        The file's printable name; a line's source is ``"source:LINE"``.
    id_prefix : str
        Prefix of the ids of records that have none (``"prefix:LINE"``).
    start, end : int
        Byte offsets of the first line and just past the last.
    first_line : int
        Number (from 1) of the first line.
    count : int
        How many lines.
    """

    path: str
    source: str
    id_prefix: str
    start: int
    end: int
    first_line: int
    count: int


@dataclass(frozen=True, slots=True)
class Lines:
    """Raw JSON Lines read by the planner (compressed files, stdin, FIFOs).

    Attributes
    ----------
    source, id_prefix : str
        As for :class:`LineRange`.
    first_line : int
        Number (from 1) of the first line.
    lines : tuple of bytes or int
        Each line, or the length of one too long to hold.
    """

    source: str
    id_prefix: str
    first_line: int
    lines: tuple[bytes | int, ...]


@dataclass(frozen=True, slots=True)
class Skip:
    """An input that was not read, and why (a :class:`~geo.ingest.articles.Skipped`)."""

    source: str
    reason: str


@dataclass(frozen=True, slots=True)
class Articles:
    """Articles already read: extraction only."""

    articles: tuple[Article, ...]


#: One unit of work of a run.
Task: TypeAlias = Document | LineRange | Lines | Skip | Articles


def weight(task: Task) -> int:
    """How many articles a task holds at most (0 for a skip).

    Parameters
    ----------
    task : Task

    Returns
    -------
    int
    """
    if isinstance(task, Document):
        return 1
    if isinstance(task, LineRange):
        return task.count
    if isinstance(task, Lines):
        return len(task.lines)
    if isinstance(task, Articles):
        return len(task.articles)
    return 0


# -- planning (in the driver) ---------------------------------------------------------
def _read_reason(exc: BaseException) -> str:
    reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return f"cannot read: {reason}"


def _ranges(item: InputFile, chunk: int) -> Iterator[Task]:
    """Cut a plain JSONL file into ranges of ``chunk`` lines, reading no record.

    A range also ends at :data:`RANGE_BYTES`, so a task never reads much more
    at once; a line too long to read becomes a task of its own holding its
    length.
    """
    assert item.path is not None
    source, id_prefix = item.source, item.id
    path = os.path.abspath(item.path)
    start = pos = count = 0
    first = 1

    def task() -> LineRange:
        return LineRange(path, source, id_prefix, start, pos, first, count)

    try:
        with open(item.path, "rb") as fh:
            for lineno, line in enumerate(bounded_lines(fh), start=1):
                if isinstance(line, int):
                    if count:
                        yield task()
                    yield Lines(source, id_prefix, lineno, (line,))
                    pos += line
                    start, first, count = pos, lineno + 1, 0
                    continue
                pos += len(line)
                count += 1
                if count == chunk or pos - start >= RANGE_BYTES:
                    yield task()
                    start, first, count = pos, lineno + 1, 0
    except OSError as exc:
        if count:
            yield task()
        yield Skip(source, _read_reason(exc))
        return
    if count:
        yield task()


def _line_chunks(
    lines: Iterable[bytes | int], source: str, id_prefix: str, chunk: int
) -> Iterator[Lines]:
    """Group raw JSONL lines read here into tasks of ``chunk`` lines."""
    held: list[bytes | int] = []
    first = 1
    for lineno, line in enumerate(lines, start=1):
        held.append(line)
        if len(held) == chunk:
            yield Lines(source, id_prefix, first, tuple(held))
            held, first = [], lineno + 1
    if held:
        yield Lines(source, id_prefix, first, tuple(held))


def _as_bytes(line: bytes | str | int) -> bytes | int:
    return line.encode("utf-8", "surrogateescape") if isinstance(line, str) else line


def _streamed(item: InputFile, chunk: int) -> Iterator[Task]:
    """Raw lines of a file read here (gzip, a FIFO), then any error."""
    path = item.path
    assert path is not None
    error: list[BaseException] = []
    opener: Any = gzip.open if path.name.lower().endswith(".gz") else open

    def lines() -> Iterator[bytes | int]:
        try:
            with opener(path, "rb") as fh:
                for line in bounded_lines(fh):
                    yield _as_bytes(line)
        except (OSError, EOFError, zlib.error) as exc:
            error.append(exc)

    yield from _line_chunks(lines(), item.source, item.id, chunk)
    if error:
        yield Skip(item.source, _read_reason(error[0]))


def _stdin(chunk: int) -> Iterator[Task]:
    stream: Any = getattr(sys.stdin, "buffer", None) or sys.stdin
    raw = (_as_bytes(line) for line in bounded_lines(stream))
    yield from _line_chunks(raw, "<stdin>", "<stdin>", chunk)


def _regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return True  # let the reader say why it cannot be read


def plan(
    inputs: Iterable[str | os.PathLike[str]], chunk: int = DEFAULT_CHUNK
) -> Iterator[Task]:
    """Cut a run's inputs into tasks, in the order ``iter_articles`` reads them.

    Parameters
    ----------
    inputs : iterable of path
        Files, folders, JSONL(.gz) files, ``-`` for JSONL on stdin (as for
        :func:`~geo.ingest.articles.iter_articles`).
    chunk : int
        Most JSONL lines in one task.

    Yields
    ------
    Task
        Lazily.  Reading every task's articles in order (:func:`read_task`)
        gives what ``iter_articles`` gives, before the renaming of duplicate
        ids (:class:`~geo.ingest.articles.UniqueIds`), which needs every id
        in reading order and so is done where the results are gathered.
    """
    if chunk < 1:
        raise ValueError("chunk must be at least 1")
    for item in walk_inputs(inputs):
        if isinstance(item, Skipped):
            yield Skip(item.source, item.reason)
        elif item.path is None:
            yield from _stdin(chunk)
        elif item.kind != "jsonl":
            path = os.path.abspath(item.path)
            yield Document(path, item.source, item.id, item.kind)
        elif item.path.name.lower().endswith(".gz") or not _regular(item.path):
            yield from _streamed(item, chunk)
        else:
            yield from _ranges(item, chunk)


def plan_articles(articles: Iterable[Article], chunk: int) -> Iterator[Articles]:
    """Group articles already read into tasks of ``chunk``, lazily.

    Parameters
    ----------
    articles : iterable of Article
        Read no further ahead than one task.
    chunk : int
        Articles per task.

    Yields
    ------
    Articles
    """
    if chunk < 1:
        raise ValueError("chunk must be at least 1")
    held: list[Article] = []
    for a in articles:
        held.append(a)
        if len(held) == chunk:
            yield Articles(tuple(held))
            held = []
    if held:
        yield Articles(tuple(held))


def batches(
    tasks: Iterable[Task], size: int, *, start: int | None = None
) -> Iterator[tuple[Task, ...]]:
    """Group tasks, in order, into batches of about ``size`` articles each.

    Parameters
    ----------
    tasks : iterable of Task
    size : int
        A batch ends once it holds this many articles (by :func:`weight`).
    start : int, optional
        The first batch's size instead, doubled batch after batch up to
        ``size`` (so a small run makes several batches too).

    Yields
    ------
    tuple of Task
        Every task once, in order.
    """
    if size < 1:
        raise ValueError("size must be at least 1")
    limit = min(size, max(1, start)) if start is not None else size
    held: list[Task] = []
    total = 0
    for task in tasks:
        held.append(task)
        total += weight(task)
        if total >= limit:
            yield tuple(held)
            held, total = [], 0
            limit = min(size, 2 * limit)
    if held:
        yield tuple(held)


# -- reading (where the task runs) ----------------------------------------------------
def read_task(
    task: Task,
    default_date: date | None = None,
    *,
    telegram_username: str | None = None,
) -> Iterator[Article | Skipped]:
    """Read the articles (and skips) of one task, in order.

    Parameters
    ----------
    task : Task
    default_date : datetime.date, optional
        Publication date for an undated article (not applied to
        :class:`Articles`, read already).
    telegram_username : str, optional
        The channel username for the URLs of a Telegram export's articles
        (default: the one its ``t.me`` links name).

    Yields
    ------
    Article or Skipped
    """
    if isinstance(task, Skip):
        yield Skipped(task.source, task.reason)
    elif isinstance(task, Articles):
        yield from task.articles
    elif isinstance(task, Document):
        # the same reading as a local walk (documents and Telegram exports)
        yield from read_input(
            InputFile(Path(task.path), task.source, task.id, task.kind),
            default_date,
            telegram_username=telegram_username,
        )
    elif isinstance(task, LineRange):
        try:
            with open(task.path, "rb") as fh:
                fh.seek(task.start)
                data = fh.read(task.end - task.start)
        except OSError as exc:
            yield Skipped(task.source, _read_reason(exc))
            return
        yield from jsonl_articles(
            bounded_lines(io.BytesIO(data)),
            label=task.source,
            id_prefix=task.id_prefix,
            first=task.first_line,
            default_date=default_date,
        )
    elif isinstance(task, Lines):
        yield from jsonl_articles(
            task.lines,
            label=task.source,
            id_prefix=task.id_prefix,
            first=task.first_line,
            default_date=default_date,
        )
    else:  # pragma: no cover - every kind is above
        raise TypeError(f"not a task: {task!r}")
