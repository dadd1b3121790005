r"""Names and quotes fit for a one-line message and any UTF-8 writer.

Ids and sources come from file names and JSON records, so they may hold
control characters or, for file names that are not UTF-8, lone surrogates
(``os.fsdecode``).  :func:`printable` writes those as Python escapes
(``\n``, ``\xff``); :func:`short` quotes a value in a reason, cut short.
"""

from __future__ import annotations

__all__ = ["printable", "short"]


def _escape_char(c: str) -> str:
    if "\udc80" <= c <= "\udcff":  # a byte of a file name that is not UTF-8
        return f"\\x{ord(c) - 0xDC00:02x}"
    return c.encode("unicode_escape").decode("ascii")


def printable(name: str) -> str:
    r"""Return *name* fit for a one-line message and any UTF-8 writer.

    Parameters
    ----------
    name : str
        A path, id or source.

    Returns
    -------
    str
        *name* itself when it is printable; otherwise characters that are not
        are written as Python escapes (``"\n"`` as ``\n``), and the bytes of a
        file name that are not UTF-8, which Python holds as lone surrogates
        (``os.fsdecode``), as ``\xff``.

    Examples
    --------
    >>> printable("a\nb.txt")
    'a\\nb.txt'
    """
    if name.isprintable():
        return name
    return "".join(c if c.isprintable() else _escape_char(c) for c in name)


def short(value: object, limit: int = 60) -> str:
    """Quote *value* for a one-line reason: its ``repr``, cut to *limit* characters.

    Parameters
    ----------
    value : object
        What to quote.
    limit : int, optional
        Most characters to keep (the last three of a cut quote are ``...``).

    Returns
    -------
    str

    Examples
    --------
    >>> short("x" * 100, limit=10)
    "'xxxxxx..."
    """
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."
