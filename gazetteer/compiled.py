"""Compiled regexes and pattern analyses, kept across runs in the user cache.

It sits in the bottom layer: the gazetteer's own patterns use it, and so do
``geo.ingest`` and the lexicons of ``geo.extract``.

The lexicons of every language become a few hundred regexes, some of them
alternations of thousands of characters; parsing and compiling them took most
of the start-up of a run on one article (about 0.4 s), and reading which
literal strings their matches start with (:func:`geo.extract.lexicon.prefixes`)
another 0.1 s.  Both are pure functions of the pattern text, so this module
keeps their results in one file of the user cache directory
(``$XDG_CACHE_HOME/strikemap``, else ``~/.cache/strikemap``) and a later run
reads its index and the entries it asks for: :func:`compile` hands the regex
engine the stored program of a pattern instead of parsing it again (the engine
checks that program before it accepts it).  The file keeps at most
:data:`MAX_BYTES`, the least recently used entries dropped first, and an
analysis an older strikemap made (see :func:`remembered_by`) an hour after its
last use.

Entries are keyed by the pattern text itself, so a changed lexicon only adds
entries and can never reuse a stale one; the file name carries the Python
version and the regex engine's version, so a different interpreter never reads
another's programs.  Anything wrong with the file (missing, unreadable,
corrupt, from another engine) means compiling as :func:`re.compile` does: the
result is the same pattern either way, only slower to obtain.  A cache folder
that cannot be written is reported once as a logging warning and never fails
a run.  ``STRIKEMAP_REGEX_CACHE=0`` turns the cache off.
"""

from __future__ import annotations

import _sre
import atexit
import hashlib
import logging
import marshal
import mmap
import os
import re
import struct
import sys
import time
import zlib
from array import array
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any

from gazetteer import usercache

try:  # the parts of the regex engine that re.compile itself calls
    from re import _compiler as _sre_compile  # type: ignore[attr-defined]
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_compile as _sre_compile  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

__all__ = [
    "cache_file",
    "checkpoint",
    "code_digest",
    "compile",
    "engine_name",
    "flush",
    "remembered",
    "remembered_by",
    "reset",
]

logger = logging.getLogger(__name__)

#: Bumped whenever the layout of the file changes.
FORMAT = 2
#: The most bytes of entries the cache file keeps (the least recently used
#: ones go first).
MAX_BYTES = 32_000_000
#: Seconds between two writes of new entries by :func:`checkpoint`.
WRITE_INTERVAL = 5.0
#: Seconds after which an analysis made by other code than this process runs
#: (an older strikemap: :func:`remembered_by`) is dropped at the next write.
STALE_AFTER = 3600.0

_CODE = "I" if array("I").itemsize == _sre.CODESIZE else "L"


def cache_file() -> Path | None:
    """Return the file the compiled patterns are kept in, or None when off.

    Returns
    -------
    pathlib.Path or None
        ``<cache dir>/strikemap/regex-<tag>.bin``, the tag naming the
        Python version and regex engine; None when ``STRIKEMAP_REGEX_CACHE``
        is ``0`` or the array type cannot hold the engine's code words.
    """
    if array(_CODE).itemsize != _sre.CODESIZE:
        return None
    # a stored program depends on the engine besides its pattern
    return usercache.tagged_file(
        "STRIKEMAP_REGEX_CACHE",
        "regex",
        FORMAT,
        sys.version,
        _sre.MAGIC,
        _sre.CODESIZE,
        sys.maxunicode,
    )


def engine_name() -> str:
    """Name the pattern engine extraction uses, for ``strikemap --version``.

    Returns
    -------
    str
        ``"re"`` (Python's regex engine; no multi-pattern scanner is used)
        and where its compiled patterns are kept: ``"re (patterns cached in
        /home/me/.cache/strikemap)"`` or ``"re (pattern cache off)"``.
    """
    path = cache_file()
    if path is None:
        return "re (pattern cache off)"
    return f"re (patterns cached in {path.parent})"


_MAGIC = b"strikemap-regex\n"
_HEAD = struct.Struct("<Q")  # the length of the index that follows the magic


def _digest(key: Any) -> bytes:
    """A short fixed-size name for a key (pattern and flags, or an analysis)."""
    return hashlib.blake2b(marshal.dumps(key), digest_size=16).digest()


class _File:
    """One cache file: an index read at once, entries read when asked for.

    Layout: :data:`_MAGIC`, the index length, the index (marshal: key digest
    -> (last use, offset, length, CRC-32)), then each entry as marshal
    ``(key, value)``; an entry is checked against its CRC and its key when
    read, so a damaged file is never believed.
    """

    def __init__(self, path: Path):
        self.index: dict[bytes, tuple[float, int, int, int]] = {}
        self.data: Any = b""
        self.base = 0
        try:
            with open(path, "rb") as f:
                data = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError):  # missing, or empty
            return
        try:
            if data[: len(_MAGIC)] != _MAGIC:
                return
            at = len(_MAGIC) + _HEAD.size
            (size,) = _HEAD.unpack_from(data, len(_MAGIC))
            index = marshal.loads(data[at : at + size])
            if isinstance(index, dict):
                self.index, self.data = index, data
                self.base = at + size
        except (ValueError, EOFError, TypeError, struct.error):
            return

    def blob(self, d: bytes) -> bytes | None:
        """The stored bytes of the entry with digest ``d``, or None."""
        where = self.index.get(d)
        if where is None:
            return None
        try:
            _, offset, length, crc = where
            start = self.base + offset
            out = self.data[start : start + length]
        except (TypeError, ValueError):
            return None
        return out if len(out) == length and zlib.crc32(out) == crc else None

    def read(self, d: bytes, key: Any) -> tuple[bool, Any]:
        """(whether the entry of ``key`` is stored, its value)."""
        blob = self.blob(d)
        if blob is None:
            return False, None
        try:
            stored, value = marshal.loads(blob)
        except (ValueError, EOFError, TypeError):
            return False, None
        return (True, value) if stored == key else (False, None)


class _Store:
    """The cache file of this process, and the entries made since."""

    def __init__(self) -> None:
        self.path: Path | None = None
        self.file: _File | None = None
        self.new: dict[bytes, bytes] = {}  # digest -> marshal (key, value)
        self.used: set[bytes] = set()
        self.written: float | None = None
        self.loaded = False
        self.warned = False
        self.patterns: dict[tuple[str, int], re.Pattern] = {}
        self.values: dict[Any, Any] = {}  # remembered analyses, by key
        # the kind of each analysis remembered by code -> this process's code
        self.codes: dict[str, str] = {}

    def load(self) -> None:
        self.loaded = True
        self.path = cache_file()
        if self.path is not None:
            self.file = _File(self.path)

    def lookup(self, key: Any) -> tuple[bool, Any]:
        """(whether ``key`` is stored, its value)."""
        if not self.loaded:
            self.load()
        d = _digest(key)
        if d in self.new:
            return True, marshal.loads(self.new[d])[1]
        if self.file is None:
            return False, None
        found = self.file.read(d, key)
        if found[0]:
            self.used.add(d)
        return found

    def put(self, key: Any, value: Any) -> None:
        if not self.loaded:
            self.load()
        if self.path is not None:
            self.new[_digest(key)] = marshal.dumps((key, value))

    def write(self) -> None:
        if not self.new or self.path is None:
            return
        self.written = time.monotonic()
        now = time.time()
        # what is on disk now (other processes may have added to it), what
        # this process read (stamped as used now) and what it made
        disk = _File(self.path)
        blobs: dict[bytes, tuple[float, bytes]] = {}
        for src in (self.file, disk):
            if src is None:
                continue
            for d, (stamp, *_) in src.index.items():
                blob = src.blob(d)
                if blob is not None and d not in blobs:
                    blobs[d] = (now if d in self.used else stamp, blob)
        for d, blob in self.new.items():
            blobs[d] = (now, blob)
        self.new = {}
        if self.codes:  # analyses an older strikemap made, unused for a while
            blobs = {
                d: (stamp, blob)
                for d, (stamp, blob) in blobs.items()
                if stamp > now - STALE_AFTER or not self._stale(blob)
            }
        kept: dict[bytes, tuple[float, bytes]] = {}
        total = 0
        for d, (stamp, blob) in sorted(blobs.items(), key=lambda kv: -kv[1][0]):
            total += len(blob)
            if total > MAX_BYTES:  # the least recently used go first
                break
            kept[d] = (stamp, blob)
        index: dict[bytes, tuple[float, int, int, int]] = {}
        offset = 0
        for d, (stamp, blob) in kept.items():
            index[d] = (stamp, offset, len(blob), zlib.crc32(blob))
            offset += len(blob)
        head = marshal.dumps(index)
        try:
            usercache.write_atomic(
                self.path,
                [_MAGIC + _HEAD.pack(len(head)) + head]
                + [blob for _, blob in kept.values()],
            )
        except (OSError, ValueError) as err:
            if not self.warned:
                self.warned = True
                logger.warning(
                    "regex cache %s not writable (%s): patterns will be "
                    "compiled on each run",
                    self.path,
                    err,
                )
            self.path = None  # don't try again in this process

    def _stale(self, blob: bytes) -> bool:
        """Whether ``blob`` is an analysis of other code than this process's.

        ``"kind@code"`` entries (:func:`remembered_by`) whose kind this process
        remembers under another code: made by an older strikemap, never read
        again by this one.
        """
        try:
            name = marshal.loads(blob)[0][0]
            kind, at, code = name.rpartition("@")
        except (ValueError, EOFError, TypeError, IndexError, AttributeError):
            return False
        if not at:  # no code at all: made before analyses were keyed by it
            kind, code = name, ""
        mine = self.codes.get(kind)
        return mine is not None and code != mine


_store = _Store()


def reset() -> None:
    """Forget what was loaded, so the next use reads the cache file again.

    For tests that point ``XDG_CACHE_HOME`` or ``STRIKEMAP_REGEX_CACHE``
    elsewhere.  Unsaved entries are lost.
    """
    global _store
    _store = _Store()


def flush() -> None:
    """Write the entries made since the last write (also done at exit)."""
    _store.write()


def checkpoint() -> None:
    """Write new entries if this process has not yet, or not for a while.

    Called after each article: the workers of a pool may be ended without
    running their exit handlers, so the patterns the first article compiled
    are written after it, and those compiled later at most every
    :data:`WRITE_INTERVAL` seconds (a write takes a few milliseconds).
    """
    store = _store
    if store.new and (
        store.written is None or time.monotonic() - store.written >= WRITE_INTERVAL
    ):
        store.write()


atexit.register(lambda: _store.write())


def _program(pattern: str, flags: int) -> tuple[int, bytes, int, dict, tuple]:
    """Parse and compile ``pattern`` as :func:`re.compile` does, keeping the parts."""
    parsed = _sre_parse.parse(pattern, flags)
    code = _sre_compile._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    return (
        flags | parsed.state.flags,
        array(_CODE, code).tobytes(),
        parsed.state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )


def _build(pattern: str, entry: tuple[int, bytes, int, dict, tuple]) -> re.Pattern:
    flags, code, groups, groupindex, indexgroup = entry
    return _sre.compile(
        pattern, flags, array(_CODE, code).tolist(), groups, groupindex, indexgroup
    )


def compile(pattern: str, flags: int = 0) -> re.Pattern:  # noqa: A001
    """Compile ``pattern`` like :func:`re.compile`, from the cache when stored.

    Parameters
    ----------
    pattern : str
        A regular expression.
    flags : int
        :mod:`re` flags.

    Returns
    -------
    re.Pattern
        The same pattern :func:`re.compile` returns (equal to it), made once
        per process.

    Raises
    ------
    re.error
        When the pattern is not a valid regex.
    """
    flags = int(flags)
    key = (pattern, flags)
    found = _store.patterns.get(key)
    if found is not None:
        return found
    stored, entry = _store.lookup(key)
    rx = None
    if stored:
        try:
            rx = _build(pattern, entry)
        except Exception:  # a damaged entry: compile afresh
            rx = None
    if rx is None:
        try:
            entry = _program(pattern, flags)
            rx = _build(pattern, entry)
        except re.error:
            raise
        except Exception:  # an engine this module does not know: no caching
            return re.compile(pattern, flags)
        _store.put(key, entry)
    _store.patterns[key] = rx
    return rx


def remembered(kind: str, key: Hashable, make: Callable[[], Any]) -> Any:
    """Return the stored result of a pure pattern analysis, making it once.

    Parameters
    ----------
    kind : str
        What the analysis is (``"prefixes"``), so keys of different analyses
        never collide.
    key : hashable
        Its arguments: strings, numbers and tuples of them.
    make : callable
        Computes the result when it is not stored: ``None``, strings, numbers,
        tuples or frozensets of them (what :mod:`marshal` writes).

    Returns
    -------
    object
        The result of ``make()``, now or from an earlier run.
    """
    full = (kind, key)
    values = _store.values
    if full in values:
        return values[full]
    stored, value = _store.lookup(full)
    if not stored:
        value = make()
        _store.put(full, value)
    values[full] = value
    return value


def code_digest(path: str | os.PathLike[str]) -> str | None:
    """A digest of a module's source file, or None when it cannot be read.

    What a remembered analysis gives depends on the code that worked it out
    as much as on its arguments: keyed by this digest too
    (:func:`remembered_by`), an upgraded module never reads what an older one
    stored.

    Parameters
    ----------
    path : path
        The module's file (its ``__file__``).

    Returns
    -------
    str or None
        16 hex digits; None for a module with no file of its own (a zip).
    """
    try:
        data = Path(path).read_bytes()
    except OSError:
        return None
    return hashlib.blake2b(data, digest_size=8).hexdigest()


def remembered_by(
    code: str | None, kind: str, key: Hashable, make: Callable[[], Any]
) -> Any:
    """:func:`remembered`, keyed by the :func:`code_digest` of the code too.

    Parameters
    ----------
    code : str or None
        The digest of the module whose code makes the result; None (the
        code cannot be read) remembers nothing: ``make()`` is run.
    kind, key, make
        As for :func:`remembered`.

    Returns
    -------
    object
        The result of ``make()``, now or from an earlier run of the same code.
    """
    if code is None:
        return make()
    _store.codes[kind] = code
    return remembered(f"{kind}@{code}", key, make)
