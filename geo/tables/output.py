"""The one way strikemap writes an output: it never destroys what is at the path.

What happens depends on what the path names (symlinks are followed first, so
a link stays a link and its target is written):

* nothing, or a regular file: the data goes to a temporary file in the same
  folder (``.NAME.PID-XXXXXXXX.strikemap-tmp``), is flushed and fsynced, and
  is renamed over the path.  A failed write leaves the old file as it was.
  A temporary left by a killed run is removed by the next write beside it
  (each temporary is locked with ``flock`` while its writer lives; one
  unlocked and over a minute old is abandoned).
  A replaced file keeps its permission bits; a new file gets ``0o666`` less
  the umask, like :func:`open`.
* a FIFO or a character device (``/dev/null``, ``/dev/stdout``, a terminal):
  the data is streamed into it; it stays a FIFO or a device.
* ``"-"``: the data is written to standard output.
* a directory, a block device (a disk) or a socket: nothing is written,
  :class:`~gazetteer.exc.OutputError`.

Formats written by a library that needs a seekable file (GeoPackage,
GeoParquet) go through :func:`output_path`, which refuses streams with a
one-line :class:`~gazetteer.exc.OutputError`.

:class:`OutputSet` writes the files of a whole run: each is staged in a
hidden folder inside the output folder and all are moved into place at the
end, ``report.json`` last, so a failure leaves the previous complete set.

Every error is an :class:`~gazetteer.exc.OutputError` with a one-line
message that names the path (names with control characters are quoted).
"""

from __future__ import annotations

import contextlib
import errno
import fnmatch
import io
import os
import secrets
import shutil
import stat
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from gazetteer.exc import OutputError

try:
    import fcntl
except ImportError:  # not on Windows: temporaries left by a kill stay there
    fcntl = None  # type: ignore[assignment]

__all__ = [
    "STDOUT",
    "OutputSet",
    "make_dir",
    "open_output",
    "output_path",
    "target_kind",
    "write_bytes",
    "write_text",
]

#: The path that means standard output.
STDOUT = "-"

_TMP_SUFFIX = ".strikemap-tmp"
_STAGE_PREFIX = ".strikemap-stage-"
_PREV_SUFFIX = ".strikemap-prev"
_LOCK = ".lock"
_STREAMS = ("fifo", "chardev", "stdout")
# a temporary is removed as left behind only when unlocked and this old (s)
_ABANDONED_AFTER = 60.0
_KIND_WORDS = {
    "fifo": "a FIFO",
    "chardev": "a character device",
    "stdout": "standard output",
}


def _show(path: str | os.PathLike[str]) -> str:
    """A path for a one-line message: quoted when it holds control characters."""
    text = os.fspath(path)
    return text if text.isprintable() else repr(text)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    text = str(exc).strip() or type(exc).__name__
    return " ".join(text.split())


def _fail(path: str | os.PathLike[str], reason: str) -> OutputError:
    return OutputError(f"cannot write {_show(path)}: {' '.join(reason.split())}")


@dataclass(frozen=True)
class _Target:
    given: str  # as the caller gave it, for messages
    path: str  # symlinks resolved
    kind: str  # "missing", "file", "fifo", "chardev" or "stdout"
    mode: int | None  # permission bits of the file replaced


def _resolve(path: str | os.PathLike[str]) -> _Target:
    given = os.fspath(path)
    if given == STDOUT:
        return _Target(given, given, "stdout", None)
    if not given:
        raise OutputError("cannot write an empty path")
    real = os.path.realpath(given)
    try:
        st = os.stat(real)
    except FileNotFoundError:
        folder = os.path.dirname(real)
        if not os.path.isdir(folder):
            raise _fail(given, f"folder {_show(folder)} does not exist") from None
        return _Target(given, real, "missing", None)
    except OSError as exc:  # a symlink loop, a name too long, no permission
        raise _fail(given, _reason(exc)) from exc
    mode = st.st_mode
    if stat.S_ISREG(mode):
        return _Target(given, real, "file", stat.S_IMODE(mode))
    if stat.S_ISFIFO(mode):
        return _Target(given, real, "fifo", None)
    if stat.S_ISCHR(mode):
        return _Target(given, real, "chardev", None)
    if stat.S_ISDIR(mode):
        raise _fail(given, "it is a folder")
    if stat.S_ISBLK(mode):
        raise _fail(given, "it is a block device (a disk); strikemap will not write it")
    raise _fail(given, "it is a socket or another special file")


def target_kind(path: str | os.PathLike[str]) -> str:
    """Say how :func:`open_output` would write to a path.

    Parameters
    ----------
    path : path or ``"-"``
        An output path.

    Returns
    -------
    str
        ``"missing"`` or ``"file"`` (written atomically), ``"fifo"``,
        ``"chardev"`` or ``"stdout"`` (streamed), after following symlinks.

    Raises
    ------
    gazetteer.exc.OutputError
        When nothing may be written there (a folder, a block device, a
        socket, a missing folder, a symlink loop).
    """
    return _resolve(path).kind


def _lock(fd: int) -> None:
    """Hold an exclusive lock on ``fd`` while it is open: "a live writer owns this"."""
    if fcntl is not None:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _lock_folder(folder: str) -> int:
    """Create ``folder/.lock`` and lock it; return its descriptor (keep it open)."""
    fd = os.open(
        os.path.join(folder, _LOCK),
        os.O_WRONLY | os.O_CREAT | getattr(os, "O_CLOEXEC", 0),
        0o600,
    )
    _lock(fd)
    return fd


def _abandoned(path: str) -> bool:
    """Whether a temporary is old and no live process holds its lock.

    A file is its own lock; a folder has a ``.lock`` file.  A lock holds as
    long as its writer's descriptor is open, so a killed writer's lock is
    gone.  Anything younger than :data:`_ABANDONED_AFTER` seconds is kept,
    and so is anything whose lock cannot be tested.
    """
    if fcntl is None:
        return False
    try:
        folder = os.path.isdir(path) and not os.path.islink(path)
        lock = os.path.join(path, _LOCK) if folder else path
        if time.time() - os.stat(lock).st_mtime < _ABANDONED_AFTER:
            return False
        fd = os.open(lock, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False  # held: its writer is alive
    finally:
        os.close(fd)
    return True


def _clean_abandoned(folder: str, prefix: str, suffix: str = "") -> None:
    """Remove temporaries named ``prefix…suffix`` that killed runs left behind."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        if not (name.startswith(prefix) and name.endswith(suffix)):
            continue
        full = os.path.join(folder, name)
        if not _abandoned(full):
            continue
        if os.path.isdir(full) and not os.path.islink(full):
            shutil.rmtree(full, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                os.unlink(full)


def _temp_prefix(real: str) -> str:
    return f".{os.path.basename(real)[:80]}."


def _new_temp(real: str) -> tuple[int, str]:
    """Create and lock ``.NAME.PID-XXXXXXXX.strikemap-tmp`` beside ``real``."""
    folder = os.path.dirname(real)
    prefix = _temp_prefix(real)
    _clean_abandoned(folder, prefix, _TMP_SUFFIX)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    while True:
        tmp = os.path.join(
            folder, f"{prefix}{os.getpid()}-{secrets.token_hex(4)}{_TMP_SUFFIX}"
        )
        try:
            fd = os.open(tmp, flags, 0o666)
        except FileExistsError:
            continue
        _lock(fd)
        return fd, tmp


def _fsync_folder(folder: str) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # not every file system syncs folders; the data is synced
    finally:
        os.close(fd)


def _fsync_file(path: str) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _open_stream(target: _Target, binary: bool, encoding: str, newline: str) -> Any:
    flags = os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(target.path, flags)  # never O_CREAT: it is there, as it is
    if binary:
        return os.fdopen(fd, "wb")
    return os.fdopen(fd, "w", encoding=encoding, newline=newline)


@contextlib.contextmanager
def _stdout(binary: bool, encoding: str, newline: str) -> Iterator[IO[Any]]:
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if binary:
        if buffer is None:
            raise OutputError("cannot write binary data to this standard output")
        yield buffer
        buffer.flush()
    elif buffer is None:
        yield sys.stdout
        sys.stdout.flush()
    else:
        wrapper = io.TextIOWrapper(buffer, encoding=encoding, newline=newline)
        try:
            yield wrapper
            wrapper.flush()
        finally:
            with contextlib.suppress(ValueError, OSError):
                wrapper.detach()  # leave sys.stdout open


@contextlib.contextmanager
def open_output(
    path: str | os.PathLike[str],
    mode: str = "w",
    *,
    encoding: str = "utf-8",
    newline: str = "",
) -> Iterator[IO[Any]]:
    r"""Open an output for writing without destroying what is at the path.

    Parameters
    ----------
    path : path or ``"-"``
        Where to write (see the module docstring for what each kind of path
        gets).
    mode : {"w", "wb"}
        Text or binary.
    encoding : str
        Text encoding (text mode).
    newline : str
        Passed to :func:`open` (text mode); ``""`` writes ``\n`` as given.

    Yields
    ------
    file object
        Write to it.  For a file, the data replaces the path only when the
        ``with`` block ends without an exception; on an exception the
        temporary file is removed and the old file is left as it was.

    Raises
    ------
    gazetteer.exc.OutputError
        With a one-line message, when the path cannot take the data or a
        write fails (e.g. a full disk); an exception raised in the block
        itself that is not an :class:`OSError` passes through unchanged.
    """
    if mode not in ("w", "wb"):
        raise ValueError(f"mode must be 'w' or 'wb', not {mode!r}")
    binary = mode == "wb"
    target = _resolve(path)
    if target.kind == "stdout":
        try:
            with _stdout(binary, encoding, newline) as fh:
                yield fh
        except OutputError:
            raise
        except OSError as exc:
            raise OutputError(
                f"cannot write to standard output: {_reason(exc)}"
            ) from exc
        return
    if target.kind in _STREAMS:
        try:
            fh = _open_stream(target, binary, encoding, newline)
        except OSError as exc:
            raise _fail(target.given, _reason(exc)) from exc
        try:
            with fh:
                yield fh
        except OutputError:
            raise
        except OSError as exc:
            raise _fail(target.given, _reason(exc)) from exc
        return
    try:
        fd, tmp = _new_temp(target.path)
    except OSError as exc:
        raise _fail(target.given, _reason(exc)) from exc
    try:
        if binary:
            fh = os.fdopen(fd, "wb")
        else:
            fh = os.fdopen(fd, "w", encoding=encoding, newline=newline)
        with fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        if target.mode is not None:  # new files have 0o666 less the umask
            os.chmod(tmp, target.mode)
        os.replace(tmp, target.path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError) and not isinstance(exc, OutputError):
            raise _fail(target.given, _reason(exc)) from exc
        raise
    _fsync_folder(os.path.dirname(target.path))


def write_text(
    path: str | os.PathLike[str], text: str, *, encoding: str = "utf-8"
) -> None:
    """Write text (no newline translation) with :func:`open_output`.

    Parameters
    ----------
    path : path or ``"-"``
        Where to write.
    text : str
        The whole text.
    encoding : str
        Its encoding.

    Raises
    ------
    gazetteer.exc.OutputError
        See :func:`open_output`; also when the text cannot be encoded (a
        lone surrogate), before anything is written.
    """
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError as exc:
        raise _fail(
            path, f"text cannot be encoded as {encoding}: {exc.reason}"
        ) from exc
    write_bytes(path, data)


def write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write bytes with :func:`open_output`.

    Parameters
    ----------
    path : path or ``"-"``
        Where to write.
    data : bytes
        The whole content.

    Raises
    ------
    gazetteer.exc.OutputError
        See :func:`open_output`.
    """
    with open_output(path, "wb") as fh:
        fh.write(data)


@contextlib.contextmanager
def output_path(
    path: str | os.PathLike[str], *, what: str = "this format"
) -> Iterator[Path]:
    """Give a library a plain new file path that then replaces ``path``.

    For writers that need a seekable regular file of their own (pyogrio for
    GeoPackage, pyarrow for GeoParquet, a map writer that takes a path).

    Parameters
    ----------
    path : path
        The output.  Nothing, a regular file, or a symlink to one of those.
    what : str
        What is written, for messages (``"GeoPackage"``).

    Yields
    ------
    pathlib.Path
        A path that does not exist yet, in a fresh hidden folder beside the
        (resolved) output.  Write the file there; when the ``with`` block ends
        without an exception it is fsynced and renamed over the output (a
        replaced file keeps its permission bits).  The hidden folder is always
        removed.

    Raises
    ------
    gazetteer.exc.OutputError
        When ``path`` is ``"-"``, a FIFO or a device (``what`` needs a
        seekable file), when the block wrote nothing, or when an
        :class:`OSError` occurs (one line).
    """
    target = _resolve(path)
    if target.kind in _STREAMS:
        raise _fail(
            target.given,
            f"it is {_KIND_WORDS[target.kind]}, and {what} needs a regular "
            "(seekable) file",
        )
    folder = os.path.dirname(target.path)
    prefix = _temp_prefix(target.path)
    lock = -1
    try:
        _clean_abandoned(folder, prefix, _TMP_SUFFIX)
        tmpdir = tempfile.mkdtemp(
            dir=folder, prefix=f"{prefix}{os.getpid()}-", suffix=_TMP_SUFFIX
        )
    except OSError as exc:
        raise _fail(target.given, _reason(exc)) from exc
    staged = Path(tmpdir) / os.path.basename(target.path)
    try:
        lock = _lock_folder(tmpdir)
        yield staged
        if not staged.is_file():
            raise _fail(target.given, f"no {what} file was written")
        _fsync_file(os.fspath(staged))
        if target.mode is not None:
            os.chmod(staged, target.mode)
        os.replace(staged, target.path)
    except OutputError:
        raise
    except OSError as exc:
        raise _fail(target.given, _reason(exc)) from exc
    finally:
        if lock >= 0:
            os.close(lock)
        shutil.rmtree(tmpdir, ignore_errors=True)
    _fsync_folder(folder)


def make_dir(path: str | os.PathLike[str]) -> Path:
    """Create an output folder (and its parents) unless it exists.

    Parameters
    ----------
    path : path
        The folder.

    Returns
    -------
    pathlib.Path
        ``path``.

    Raises
    ------
    gazetteer.exc.OutputError
        One line, e.g. ``cannot create output folder out: Read-only file
        system``, when it cannot be created, is not a folder, or cannot be
        written to.
    """
    folder = Path(path)
    shown = _show(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(
            f"cannot create output folder {shown}: a file of that name exists"
        ) from None
    except OSError as exc:
        raise OutputError(
            f"cannot create output folder {shown}: {_reason(exc)}"
        ) from exc
    if not folder.is_dir():
        raise OutputError(f"cannot create output folder {shown}: it is not a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"cannot write to output folder {shown}: Permission denied")
    return folder


def _plain_name(name: str) -> str:
    if (
        not name
        or name in (".", "..")
        or name.startswith(".")
        or "/" in name
        or (os.sep in name)
        or (os.altsep is not None and os.altsep in name)
    ):
        raise ValueError(f"an output set holds plain file names, not {name!r}")
    return name


class OutputSet:
    """The files of one run, staged and then moved into place together.

    Parameters
    ----------
    outdir : path
        The output folder; created (with its parents) on entry.
    last : str
        The file placed last, after every other one: the run's report, so a
        report always describes a complete set.  The previous one is moved
        away before anything else is replaced.
    replaces : iterable of str
        Glob patterns (``"regions_by_*.csv"``) of files in ``outdir`` that
        belong to a run's set: those that this set does not write are
        removed on commit, so no file of a previous run is left beside this
        run's report.  Only regular files are removed.

    Notes
    -----
    Use it as a context manager::

        with OutputSet("out", replaces=["events.*"]) as out:
            write_events(features, out.path("events.geojson"))
            out.write_text("report.json", text)
        # committed here; out.written lists the final paths

    On entry the folder is created and a staging folder
    ``.strikemap-stage-PID-XXXXXXXX`` is made inside it and locked (staging
    folders that killed runs left, unlocked and over a minute old, are
    removed); a folder that cannot be created or written fails then, before
    any work.  :meth:`path` gives the staged path of a
    file: a plain path any writer can use (pyogrio, pyarrow, the map).  When
    the block ends without an exception, :meth:`commit` fsyncs every
    regular file in the staging folder (names starting with ``.`` are
    skipped) and moves it into place in name order, ``last`` last, writing
    through symlinks and streaming into FIFOs and devices like
    :func:`open_output`; if a move fails, the files already moved are put
    back.  On an exception, or a failed commit, the staging folder is
    removed and the previous set is left as it was; an :class:`OSError`
    becomes an :class:`~gazetteer.exc.OutputError` with one line (naming
    ``outdir``, never the staging folder); other exceptions pass through.
    """

    def __init__(
        self,
        outdir: str | os.PathLike[str],
        *,
        last: str = "report.json",
        replaces: Iterable[str] = (),
    ) -> None:
        self.outdir = Path(outdir)
        self.last = _plain_name(last)
        self.replaces = tuple(replaces)
        self.written: list[Path] = []
        self._stage: Path | None = None
        self._lock = -1
        self._state = "new"

    # ------------------------------------------------------------ life cycle

    def __enter__(self) -> OutputSet:
        self.open()
        return self

    def __exit__(self, exc_type: Any, exc: BaseException | None, tb: Any) -> None:
        if exc is None:
            if self._state == "open":
                self.commit()
            return
        if self._state != "open":  # committed (or failed) already: not ours
            return
        self.abort()
        if isinstance(exc, OutputError):
            shown = self._hide_stage(str(exc))
            if shown != str(exc):
                raise OutputError(shown) from exc
        elif isinstance(exc, OSError):
            where = self._hide_stage(os.fspath(exc.filename or self.outdir))
            raise OutputError(f"cannot write {_show(where)}: {_reason(exc)}") from exc

    def open(self) -> None:
        """Create the output folder and the staging folder.

        Raises
        ------
        gazetteer.exc.OutputError
            One line, when either cannot be created.
        """
        if self._state != "new":
            raise RuntimeError("an OutputSet is opened once")
        folder = make_dir(self.outdir)
        _clean_abandoned(os.fspath(folder), _STAGE_PREFIX)
        try:
            stage = tempfile.mkdtemp(
                dir=folder, prefix=f"{_STAGE_PREFIX}{os.getpid()}-"
            )
            self._lock = _lock_folder(stage)
        except OSError as exc:
            raise OutputError(
                f"cannot write to output folder {_show(folder)}: {_reason(exc)}"
            ) from exc
        self._stage = Path(stage)
        self._state = "open"

    @property
    def stage(self) -> Path:
        """The staging folder (while the set is open)."""
        if self._state != "open" or self._stage is None:
            raise RuntimeError(f"the output set is {self._state}, not open")
        return self._stage

    def path(self, name: str) -> Path:
        """The staged path of the file ``name`` (a plain file name).

        Parameters
        ----------
        name : str
            The file's name in the output folder, e.g. ``"map.html"``.

        Returns
        -------
        pathlib.Path
            A path in the staging folder; write the file there.
        """
        return self.stage / _plain_name(name)

    def final(self, name: str) -> Path:
        """Where ``name`` will be once committed (``outdir / name``)."""
        return self.outdir / _plain_name(name)

    def write_text(self, name: str, text: str) -> Path:
        """Stage a UTF-8 text file; return its staged path."""
        path = self.path(name)
        write_text(path, text)
        return path

    def write_bytes(self, name: str, data: bytes) -> Path:
        """Stage a file of bytes; return its staged path."""
        path = self.path(name)
        write_bytes(path, data)
        return path

    def _unlock(self) -> None:
        if self._lock >= 0:
            os.close(self._lock)
            self._lock = -1

    def abort(self) -> None:
        """Remove the staging folder; leave the output folder as it was."""
        if self._stage is not None and self._state == "open":
            self._unlock()
            shutil.rmtree(self._stage, ignore_errors=True)
        self._state = "aborted" if self._state != "committed" else self._state

    def _hide_stage(self, text: str) -> str:
        if self._stage is None:
            return text
        return text.replace(os.fspath(self._stage), os.fspath(self.outdir))

    # ---------------------------------------------------------------- commit

    def _staged_names(self) -> list[str]:
        stage = self.stage
        names = sorted(
            n
            for n in os.listdir(stage)
            if not n.startswith(".")
            and (stage / n).is_file()
            and not (stage / n).is_symlink()
        )
        if self.last in names:
            names.remove(self.last)
            names.append(self.last)
        return names

    def _stale_names(self, keep: set[str]) -> list[str]:
        if not self.replaces:
            return []
        stale = set()
        for name in os.listdir(self.outdir):
            if name in keep or name.startswith("."):
                continue
            full = self.outdir / name
            if full.is_symlink() or not full.is_file():
                continue
            if any(fnmatch.fnmatchcase(name, p) for p in self.replaces):
                stale.add(name)
        return sorted(stale)

    def commit(self) -> list[Path]:
        """Move every staged file into the output folder, ``last`` last.

        Returns
        -------
        list of pathlib.Path
            The final paths, in the order they were placed (also in
            :attr:`written`).

        Raises
        ------
        gazetteer.exc.OutputError
            One line, when a file cannot be placed; the files already placed
            are put back, the previous set stays and the staging folder is
            removed.
        """
        stage = self.stage
        try:
            names = self._staged_names()
            targets = {n: _resolve(self.outdir / n) for n in names}
            stale = self._stale_names(set(names))
            for name in names:
                _fsync_file(os.fspath(stage / name))
        except OutputError as exc:
            self.abort()
            raise OutputError(self._hide_stage(str(exc))) from exc
        except OSError as exc:
            self.abort()
            raise OutputError(
                f"cannot write output folder {_show(self.outdir)}: {_reason(exc)}"
            ) from exc
        previous = stage / ".previous"
        undo: list[tuple[str, str, str]] = []  # (action, path, backup)
        placed: list[Path] = []
        try:
            os.mkdir(previous)
            # no report may describe a half-replaced set: the old one goes first
            first = [self.last] if self.last in names else []
            for name in [*first, *stale]:
                target = _resolve(self.outdir / name)
                if target.kind == "file":
                    undo.append(("moved", target.path, _set_aside(target, previous)))
            for name in names:
                target = targets[name]
                source = os.fspath(stage / name)
                if target.kind in _STREAMS:
                    with (
                        open(source, "rb") as src,
                        open_output(target.path, "wb") as out,
                    ):
                        shutil.copyfileobj(src, out)
                else:
                    if target.kind == "file" and not any(
                        u[1] == target.path for u in undo
                    ):
                        backup = _set_aside(target, previous)
                        undo.append(("moved", target.path, backup))
                    if target.mode is not None:
                        os.chmod(source, target.mode)
                    _move(source, target.path)
                    undo.append(("placed", target.path, ""))
                placed.append(self.final(name))
        except BaseException as exc:
            restored = _undo(undo)
            if restored:
                self.abort()
                kept = "the previous files were kept"
            else:  # never delete what could not be put back
                self._state = "failed"
                self._unlock()
                kept_as = self.outdir / f".strikemap-kept-{stage.name}"
                with contextlib.suppress(OSError):
                    os.rename(stage, kept_as)  # out of reach of the cleaning
                    stage = kept_as
                kept = f"some previous files could not be put back; see {stage}"
            if isinstance(exc, OSError):
                text = (
                    str(exc)
                    if isinstance(exc, OutputError)
                    else f"cannot write output folder {_show(self.outdir)}: "
                    f"{_reason(exc)}"
                )
                raise OutputError(f"{self._hide_stage(text)} ({kept})") from exc
            raise
        for action, _path, backup in undo:
            if action == "moved" and not backup.startswith(os.fspath(stage)):
                with contextlib.suppress(OSError):
                    os.unlink(backup)
        self._unlock()
        shutil.rmtree(stage, ignore_errors=True)
        _fsync_folder(os.fspath(self.outdir))
        self._state = "committed"
        self.written = placed
        return placed


def _set_aside(target: _Target, previous: Path) -> str:
    """Move an existing output out of the way (same file system); return where."""
    backup = os.path.join(previous, f"{len(os.listdir(previous))}")
    try:
        os.replace(target.path, backup)
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
        # a symlink into another file system: set it aside beside itself
        backup = os.path.join(
            os.path.dirname(target.path),
            f"{_temp_prefix(target.path)}{os.getpid()}-"
            f"{secrets.token_hex(4)}{_PREV_SUFFIX}",
        )
        os.replace(target.path, backup)
    return backup


def _move(source: str, dest: str) -> None:
    try:
        os.replace(source, dest)
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
        fd, tmp = _new_temp(dest)
        try:
            with os.fdopen(fd, "wb") as out, open(source, "rb") as src:
                shutil.copyfileobj(src, out)
                out.flush()
                os.fsync(out.fileno())
            shutil.copymode(source, tmp)
            os.replace(tmp, dest)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise


def _undo(undo: list[tuple[str, str, str]]) -> bool:
    """Put the previous files back, newest change first; say whether all went back."""
    ok = True
    for action, path, backup in reversed(undo):
        try:
            if action == "placed":
                os.unlink(path)
            else:
                os.replace(backup, path)
        except OSError:
            ok = False
    return ok
