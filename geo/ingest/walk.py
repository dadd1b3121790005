"""Walking the inputs: which files to read, in which order, and which not.

An input is a file, a folder (read recursively, sorted by name) or ``-``
(JSON Lines on standard input).  A file named ``result.json`` is a Telegram
Desktop export, and a folder holding one is read as an export: only its
``result.json``, not its media.  :func:`walk_inputs` turns the inputs into
:class:`InputFile` records in reading order, with a :class:`Skipped` record
for whatever cannot be read (missing, an unsupported type, a dangling link,
a FIFO inside a folder...).  Both engines walk with it, so they read the same
files in the same order.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from geo.ingest.names import printable
from geo.ingest.records import Skipped

__all__ = [
    "SUPPORTED_SUFFIXES",
    "TELEGRAM_EXPORT",
    "InputFile",
    "suffix_kind",
    "walk_inputs",
]

#: The file name of a Telegram Desktop JSON export (kind ``"telegram"``).
TELEGRAM_EXPORT = "result.json"

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

# Longest first, so ".jsonl.gz" wins over a shorter ending.
_SUFFIXES_LONGEST_FIRST = sorted(SUPPORTED_SUFFIXES, key=len, reverse=True)

_FILE_TYPES = (
    (stat.S_ISFIFO, "FIFO"),
    (stat.S_ISSOCK, "socket"),
    (stat.S_ISCHR, "character device"),
    (stat.S_ISBLK, "block device"),
)


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
        ``"text"``, ``"markdown"``, ``"html"``, ``"jsonl"`` or
        ``"telegram"`` (a Telegram Desktop ``result.json``).
    """

    path: Path | None
    source: str
    id: str
    kind: str


@dataclass(frozen=True, slots=True)
class _Folder:
    """A folder being walked: its remaining entries, and its path under the input."""

    entries: Iterator[os.DirEntry[str]]
    prefix: str


def suffix_kind(name: str) -> str | None:
    """The kind of document a file name holds, by its ending.

    Parameters
    ----------
    name : str
        A file name; its ending is compared without regard to case.

    Returns
    -------
    str or None
        A value of :data:`SUPPORTED_SUFFIXES`; None for an unsupported ending
        (or a name that is nothing but the ending, such as ``".txt"``).

    Examples
    --------
    >>> suffix_kind("Notes.JSONL.gz"), suffix_kind("a.pdf")
    ('jsonl', None)
    """
    lower = name.lower()
    for suffix in _SUFFIXES_LONGEST_FIRST:
        if lower.endswith(suffix) and len(lower) > len(suffix):
            return SUPPORTED_SUFFIXES[suffix]
    return None


def _unsupported(source: str, name: str) -> Skipped:
    suffix = printable("".join(Path(name).suffixes[-1:])) or "(none)"
    return Skipped(source, f"unsupported file type {suffix}")


def _stat_reason(exc: OSError, path: str) -> str:
    """Why a path cannot be read: one line, links named as such."""
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    if exc.errno == errno.ENOENT and os.path.islink(path):
        return "dangling symbolic link"
    if exc.errno == errno.ENOENT:
        return "no such file or directory"
    return f"cannot read: {exc.strerror or exc}"


def _special(mode: int) -> str:
    return next((name for test, name in _FILE_TYPES if test(mode)), "special file")


def _member(path: str, name: str, rel: str) -> InputFile | Skipped | Path:
    """Classify one entry of a folder: a file to read, a skip, or a folder."""
    source = printable(path)
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
    kind = "telegram" if name.lower() == TELEGRAM_EXPORT else suffix_kind(name)
    if kind is None:
        return _unsupported(source, name)
    return InputFile(Path(path), source, printable(rel), kind)


def _export(listing: list[os.DirEntry[str]]) -> os.DirEntry[str] | None:
    """The ``result.json`` of a folder listing, if it holds one (not a folder)."""
    for entry in listing:
        if entry.name.lower() == TELEGRAM_EXPORT:
            try:
                if not entry.is_dir():
                    return entry
            except OSError:
                return entry
    return None


def _folder(listing: list[os.DirEntry[str]], prefix: str) -> _Folder:
    """A folder to walk: all of it, or only its ``result.json`` if it is an export."""
    export = _export(listing)
    return _Folder(iter([export] if export is not None else listing), prefix)


def _listing(folder: Path) -> list[os.DirEntry[str]] | Skipped:
    try:
        with os.scandir(folder) as it:
            return sorted(it, key=lambda e: e.name)
    except OSError as exc:
        return Skipped(
            printable(str(folder)), f"cannot read folder: {exc.strerror or exc}"
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
    stack = [_folder(top, "")]
    while stack:
        entry = next(stack[-1].entries, None)
        if entry is None:
            stack.pop()
            continue
        if entry.name.startswith("."):
            continue
        rel = stack[-1].prefix + entry.name
        found = _member(entry.path, entry.name, rel)
        if not isinstance(found, Path):
            yield found
            continue
        listing = _listing(found)
        if isinstance(listing, Skipped):
            yield listing
        else:
            stack.append(_folder(listing, rel + "/"))


def _named_input(item: str | os.PathLike[str]) -> Iterator[InputFile | Skipped]:
    """The files of one input named by the caller (a file, a folder or ``-``)."""
    if os.fspath(item) == "-":
        yield InputFile(None, "<stdin>", "<stdin>", "jsonl")
        return
    path = Path(item)
    source = printable(str(path))
    try:
        st = path.stat()
    except OSError as exc:
        yield Skipped(source, _stat_reason(exc, str(path)))
        return
    except ValueError as exc:  # a NUL in the name
        yield Skipped(source, f"cannot read: {exc}")
        return
    if stat.S_ISDIR(st.st_mode):
        yield from _walk(path)
        return
    is_export = path.name.lower() == TELEGRAM_EXPORT
    kind = "telegram" if is_export else suffix_kind(path.name)
    if kind is None:
        yield _unsupported(source, path.name)
        return
    # named on its own, a FIFO or device is read (bounded) as asked
    yield InputFile(path, source, printable(path.name), kind)


def walk_inputs(
    inputs: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
) -> Iterator[InputFile | Skipped]:
    """Find the files to read, and the inputs that cannot be, in reading order.

    Both engines (:func:`~geo.ingest.reader.iter_articles` and the Dask
    engine) walk the inputs with this, so they read the same files in the
    same order.

    Parameters
    ----------
    inputs : iterable of str or path-like
        As for :func:`~geo.ingest.reader.iter_articles` (one path alone is
        one input).

    Yields
    ------
    InputFile or Skipped
        Lazily: an input is looked at only when the one before is done.
    """
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    for item in inputs:
        yield from _named_input(item)
