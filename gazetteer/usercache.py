"""strikemap's folder in the user cache directory, and how its files are written.

Three caches keep there what a run would otherwise rebuild: the decompressed
gazetteer files (:mod:`gazetteer.store`), the compiled regexes and their
analyses (:mod:`gazetteer.compiled`) and the record classes' methods
(:mod:`gazetteer.classcode`).  Each can be turned off by an environment
variable; each replaces a file whole, so a reader never sees half of one.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

__all__ = ["folder", "tagged_file", "write_atomic"]

_OFF = frozenset({"0", "off", "no", "false"})


def folder(switch: str) -> Path | None:
    """Return strikemap's cache folder, or None when ``switch`` turns it off.

    Parameters
    ----------
    switch : str
        The environment variable that turns this cache off (``0``, ``off``,
        ``no`` or ``false``), such as ``STRIKEMAP_REGEX_CACHE``.

    Returns
    -------
    pathlib.Path or None
        ``$XDG_CACHE_HOME/strikemap``, else ``~/.cache/strikemap`` (not made
        here).
    """
    if os.environ.get(switch, "").strip().lower() in _OFF:
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(
        os.path.expanduser("~"), ".cache"
    )
    return Path(base) / "strikemap"


def tagged_file(switch: str, stem: str, *depends: object) -> Path | None:
    """Return ``<folder>/<stem>-<tag>.bin``, or None when ``switch`` turns it off.

    The tag is a digest of what the file's contents depend on besides their
    keys (a format number, the Python version, an engine's magic), so a file
    written under other conditions is never read.

    Parameters
    ----------
    switch : str
        As for :func:`folder`.
    stem : str
        The kind of file (``regex``, ``classes``).
    *depends : object
        What the contents depend on, each as its ``str``.

    Returns
    -------
    pathlib.Path or None
    """
    base = folder(switch)
    if base is None:
        return None
    key = "|".join(str(d) for d in depends)
    return base / f"{stem}-{hashlib.sha256(key.encode()).hexdigest()[:16]}.bin"


def write_atomic(path: Path, chunks: Iterable[bytes]) -> None:
    """Write ``chunks`` to ``path``, replacing it whole or not at all.

    They go to a temporary file beside it (``.NAME.XXXX.tmp``), which is
    renamed over ``path``; on any failure the temporary is removed and
    ``path`` is as it was.

    Parameters
    ----------
    path : pathlib.Path
        The file; its folder is made when missing.
    chunks : iterable of bytes
        The contents, in order.

    Raises
    ------
    OSError
        When the folder or the file cannot be written.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            for chunk in chunks:
                f.write(chunk)
        os.replace(tmp, path)  # readers see the old file or the new
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
