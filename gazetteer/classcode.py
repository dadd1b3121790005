"""Dataclass methods compiled once per machine instead of at every start-up.

:func:`dataclasses.dataclass` writes the source of each class's methods
(``__init__``, ``__repr__``, ``__eq__``, ...) and compiles it when the class is
made.  For strikemap's 70-odd record classes that compiling was about 55 ms
of every start-up, a fifth of ``strikemap events`` on one article.  While
:func:`remembered_code` is active (the packages' ``__init__`` modules import
their modules inside it), the compiled code of each method source that
:mod:`dataclasses` writes for a strikemap module is kept in one file of the
user cache directory (``$XDG_CACHE_HOME/strikemap/classes-<tag>.bin``, else
``~/.cache/strikemap``) and read back by later runs.  The classes are the same
either way: an entry is keyed by the full source text, compiled exactly as
:mod:`dataclasses` compiles it (no ``__future__`` flags inherited), and the
file name carries the Python version and the bytecode format.  Classes of
other packages made meanwhile are left to :mod:`dataclasses` as they are.

Anything wrong with the file (missing, unreadable, damaged, from another
interpreter) means compiling as usual; a file that cannot be written is
skipped silently (the pattern cache, :mod:`gazetteer.compiled`, warns about
the folder).  ``STRIKEMAP_REGEX_CACHE=0`` turns this cache off too.
"""

import builtins
import contextlib
import dataclasses
import marshal
import sys
import threading
import types
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from gazetteer import usercache

__all__ = ["cache_file", "remembered_code"]

#: Bumped whenever the layout of the file changes.
FORMAT = 1
#: The most entries the file keeps; past it, only those used by the run that
#: writes it.
MAX_ENTRIES = 4000
#: The packages whose dataclasses are remembered.
PACKAGES = ("gazetteer", "geo", "maps", "strikemap")
_MAGIC = b"strikemap-classes\n"


def cache_file() -> Path | None:
    """Return the file the compiled methods are kept in, or None when off.

    Returns
    -------
    pathlib.Path or None
        ``<cache dir>/strikemap/classes-<tag>.bin``, the tag naming the
        Python version; None when ``STRIKEMAP_REGEX_CACHE`` is ``0``.
    """
    return usercache.tagged_file(
        "STRIKEMAP_REGEX_CACHE",
        "classes",
        FORMAT,
        sys.version,
        marshal.version,
        sys.implementation.cache_tag,
    )


def _read(path: Path) -> dict[str, types.CodeType]:
    """The entries stored at ``path``; empty when it is missing or amiss."""
    try:
        data = path.read_bytes()
    except OSError:
        return {}
    head = len(_MAGIC) + 4
    if data[: len(_MAGIC)] != _MAGIC or len(data) < head:
        return {}
    body = data[head:]
    if zlib.crc32(body) != int.from_bytes(data[len(_MAGIC) : head], "little"):
        return {}
    try:
        entries = marshal.loads(body)
    except (ValueError, EOFError, TypeError):
        return {}
    if not isinstance(entries, dict) or not all(
        isinstance(k, str) and isinstance(v, types.CodeType) for k, v in entries.items()
    ):
        return {}
    return entries


def _write(path: Path, entries: dict[str, types.CodeType]) -> None:
    """Store ``entries`` at ``path`` (atomically; silently not when it fails)."""
    body = marshal.dumps(entries)
    with contextlib.suppress(OSError):
        usercache.write_atomic(
            path, [_MAGIC, zlib.crc32(body).to_bytes(4, "little"), body]
        )


class _Session:
    """The entries of this process: read once, written when new ones were made."""

    def __init__(self) -> None:
        self.path = cache_file()
        self.stored: dict[str, types.CodeType] | None = None
        self.used: dict[str, types.CodeType] = {}
        self.new = False

    def code(self, source: str) -> types.CodeType:
        found = self.used.get(source)
        if found is None:
            if self.stored is None:  # read on the first class made
                self.stored = {} if self.path is None else _read(self.path)
            found = self.stored.get(source)
            if found is None:
                found = _compiled(source)
                self.new = True
            self.used[source] = found
        return found

    def save(self) -> None:
        """Write the file when this process compiled methods it did not hold."""
        if not self.new or self.path is None:
            return
        keep = {**(self.stored or {}), **self.used}
        if len(keep) > MAX_ENTRIES:
            keep = dict(self.used)
        _write(self.path, keep)
        self.stored, self.new = keep, False


_lock = threading.RLock()
_depth = 0
_session: _Session | None = None


def _exec(source: Any, globals: Any = None, locals: Any = None) -> None:  # noqa: A002
    """:func:`exec` as :mod:`dataclasses` calls it, compiled code remembered."""
    if globals is None:  # what exec() would use: the caller's, dataclasses'
        globals = vars(dataclasses)  # noqa: A001
    session = _session if _depth else None
    name = globals.get("__name__", "") if isinstance(globals, dict) else ""
    if not isinstance(source, str):
        builtins.exec(source, globals, locals)
    elif session is None or name.partition(".")[0] not in PACKAGES:
        builtins.exec(_compiled(source), globals, locals)
    else:
        builtins.exec(session.code(source), globals, locals)


def _compiled(source: str) -> types.CodeType:
    """``source`` compiled as :mod:`dataclasses`' ``exec(source)`` compiles it.

    Its own flags: none inherited from the ``__future__`` imports of the
    module that calls :func:`compile`.
    """
    return compile(source, "<string>", "exec", dont_inherit=True)


@contextlib.contextmanager
def remembered_code() -> Iterator[None]:
    """Make strikemap's dataclasses with methods compiled by an earlier run.

    Reentrant: the outermost use reads the cache file and writes it back
    when new methods were compiled.  Outside it, :mod:`dataclasses` is as
    it was.

    Yields
    ------
    None
    """
    global _depth, _session
    with _lock:
        if _depth == 0:
            if _session is None:  # one per process: the file is read once
                _session = _Session()
            if _session.path is not None:
                dataclasses.exec = _exec  # type: ignore[attr-defined]
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                if getattr(dataclasses, "exec", None) is _exec:
                    del dataclasses.exec  # type: ignore[attr-defined]
                if _session is not None:
                    _session.save()
