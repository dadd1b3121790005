"""Bytes to text: UTF-8 first, a legacy encoding only when it reads as text.

A file is UTF-8 (with or without a byte-order mark) or UTF-16 with a mark;
failing those, one of :data:`LEGACY_ENCODINGS` is taken when the detector
(``charset_normalizer``) and a check of the words find the result plausible
prose: never a blind guess.  Text that holds lone surrogates (which no UTF-8
writer takes) has them replaced by U+FFFD (:func:`replace_surrogates`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "LEGACY_ENCODINGS",
    "Decoded",
    "decode_bytes",
    "decode_text",
    "has_surrogates",
    "replace_surrogates",
]

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")

#: Legacy encodings a file that is not UTF-8 may be decoded from, best first
#: when two readings are equally plausible: Western European and Cyrillic
#: Windows code pages, and KOI8-U (Ukrainian and Russian).
LEGACY_ENCODINGS = ("cp1252", "cp1251", "koi8_u")
_ENCODING_LABELS = {
    "cp1252": "windows-1252",
    "cp1251": "windows-1251",
    "koi8_u": "KOI8-U",
}
# Non-ASCII marks of ordinary prose in these encodings (typographic quotes and
# dashes, currency, degrees...): any other non-letter is a sign of a misreading.
_PROSE_MARKS = frozenset("\u00a0\u00ad‘’‚“”„–—―…•·«»‹›°№€£¥¢§©®™±×÷¹²³½¼¾‰†‡´¨¸¿¡")
# The same, inside a word ("don’t", "Saint‑Denis").
_WORD_MARKS = frozenset("’‘\u2011\u00ad·")
# A reading with more misread words or stray symbols than this is turned down.
_MAX_MISREAD = 0.1


@dataclass(frozen=True, slots=True)
class Decoded:
    """A file's text, and the legacy encoding it was read from.

    Attributes
    ----------
    text : str
        The text.
    encoding : str or None
        The legacy encoding's name (``"windows-1251"``), or None for UTF-8
        and UTF-16.
    """

    text: str
    encoding: str | None = None


@dataclass(frozen=True, slots=True)
class Misreading:
    """How much of a text's non-ASCII part reads as a misdecoding.

    Attributes
    ----------
    words : float
        Share of the words holding non-ASCII characters that read as
        misdecoded (see :func:`misread_word`).
    stray : float
        Share of the non-ASCII characters that are neither letters nor marks
        of ordinary prose.
    """

    words: float
    stray: float

    @property
    def plausible(self) -> bool:
        """Whether both shares are at most one in ten."""
        return self.words <= _MAX_MISREAD and self.stray <= _MAX_MISREAD


@dataclass(frozen=True, slots=True)
class _Reading:
    """One legacy reading of the bytes, with the key that ranks it (lowest wins)."""

    rank: tuple[float, float, float, float, int]
    encoding: str
    text: str


def has_surrogates(s: str) -> bool:
    """Tell whether *s* holds a lone surrogate (U+D800 to U+DFFF).

    Parameters
    ----------
    s : str

    Returns
    -------
    bool
    """
    return _SURROGATE_RE.search(s) is not None


def replace_surrogates(s: str) -> str:
    r"""Replace every lone surrogate in *s* with U+FFFD.

    Parameters
    ----------
    s : str

    Returns
    -------
    str

    Examples
    --------
    >>> replace_surrogates("a\udcffb")
    'a\ufffdb'
    """
    return _SURROGATE_RE.sub("\ufffd", s)


def _looks_like_text(s: str, *, strict: bool) -> bool:
    if not s:
        return True
    if len(_CONTROL_RE.findall(s)) > len(s) // 100:
        return False
    if not strict:
        return True
    visible = [c for c in s if not c.isspace()]
    letters = sum(c.isalpha() for c in visible)
    return not visible or letters >= 0.5 * len(visible)


def _script(c: str) -> str:
    o = ord(c)
    if o < 0x80 or 0xC0 <= o <= 0x24F or 0x1E00 <= o <= 0x1EFF:
        return "latin"
    if 0x400 <= o <= 0x52F:
        return "cyrillic"
    return "other"


def misread_word(core: str) -> bool:
    """Tell whether a word holding non-ASCII characters reads as a misdecoding.

    Signs: letters of two scripts ("Cafй"), a non-letter inside the word
    ("Êè¿â"), a lower-case letter before a capital ("сДЮП"), or a Latin word
    of three letters or more with no ASCII letter ("Óäàð").

    Parameters
    ----------
    core : str
        The word, without leading and trailing punctuation.

    Returns
    -------
    bool

    Examples
    --------
    >>> misread_word("Café"), misread_word("Cafй")
    (False, True)
    """
    scripts = set()
    latin_ascii = False
    letters = 0
    previous_lower = False
    for c in core:
        if c.isalpha():
            letters += 1
            scripts.add(_script(c))
            latin_ascii = latin_ascii or c.isascii()
            if previous_lower and c.isupper():
                return True
            previous_lower = c.islower()
            continue
        previous_lower = False
        if not c.isascii() and c not in _WORD_MARKS:
            return True
    if len(scripts) > 1 or "other" in scripts:
        return True
    return scripts == {"latin"} and letters >= 3 and not latin_ascii


def _word_core(token: str) -> str:
    """*token* without its leading and trailing characters that are not alphanumeric."""
    i, j = 0, len(token)
    while i < j and not token[i].isalnum():
        i += 1
    while j > i and not token[j - 1].isalnum():
        j -= 1
    return token[i:j]


def misreading(text: str) -> Misreading:
    """Measure how much of *text*'s non-ASCII part reads as a misdecoding.

    Parameters
    ----------
    text : str

    Returns
    -------
    Misreading

    Examples
    --------
    >>> misreading("Le café, s’il vous plaît.")
    Misreading(words=0.0, stray=0.0)
    """
    words = misread = 0
    for token in text.split():
        if token.isascii():
            continue
        core = _word_core(token)
        if core.isascii():
            continue
        words += 1
        misread += misread_word(core)
    high = [c for c in text if not c.isascii()]
    stray = sum(not c.isalpha() and c not in _PROSE_MARKS for c in high)
    return Misreading(misread / max(words, 1), stray / max(len(high), 1))


def _sample(text: str, size: int = 1 << 15) -> str:
    """The start, middle and end of a long text (the checks below are slow)."""
    if len(text) <= 3 * size:
        return text
    mid = len(text) // 2
    return "\n".join(
        (text[:size], text[mid - size // 2 : mid + size // 2], text[-size:])
    )


def _legacy_decode(data: bytes) -> Decoded | None:
    """Decode *data* from the most plausible legacy encoding, or None.

    ``charset_normalizer`` proposes readings among :data:`LEGACY_ENCODINGS`
    (it turns down noise); a reading is plausible when, in its start, middle
    and end, at most one word in ten reads as a misdecoding and at most one
    non-ASCII character in ten is a stray symbol.  The most plausible wins,
    then the one the detector finds most like a language, then the first of
    :data:`LEGACY_ENCODINGS`.
    """
    from charset_normalizer import from_bytes

    best: _Reading | None = None
    for match in from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)):
        names = [match.encoding, *match.could_be_from_charset]
        known = [n for n in names if n in LEGACY_ENCODINGS]
        if not known:
            continue
        encoding = min(known, key=LEGACY_ENCODINGS.index)
        text = str(match)
        sample = _sample(text)
        if not _looks_like_text(sample, strict=True):
            continue
        found = misreading(sample)
        if not found.plausible:
            continue
        rank = (
            found.words,
            found.stray,
            -match.coherence,
            match.chaos,
            LEGACY_ENCODINGS.index(encoding),
        )
        if best is None or rank < best.rank:
            best = _Reading(rank, encoding, text)
    return Decoded(best.text, _ENCODING_LABELS[best.encoding]) if best else None


def _decode_utf16(data: bytes) -> Decoded:
    try:
        text = data.decode("utf-16")
    except UnicodeDecodeError:
        raise ValueError("not UTF-8 text (bad UTF-16)") from None
    if "\x00" in text or not _looks_like_text(text, strict=True):
        raise ValueError("binary file")
    return Decoded(text.lstrip("\ufeff"))


def decode_text(data: bytes) -> Decoded:
    """Decode a file's bytes as text, and say which legacy encoding it took.

    UTF-8 (with or without a byte-order mark) is tried first, then UTF-16
    with a byte-order mark.  Failing those, a legacy encoding
    (:data:`LEGACY_ENCODINGS`: Windows-1252, Windows-1251, KOI8-U) is used
    only when the detector (``charset_normalizer``) and a check of the words
    find the result plausible text; never a blind guess.

    Parameters
    ----------
    data : bytes
        The file's content.

    Returns
    -------
    Decoded
        The text, and the legacy encoding's name (``"windows-1251"``) or None
        for UTF-8 and UTF-16.

    Raises
    ------
    ValueError
        With a one-line reason: ``"binary file (NUL bytes)"``, ``"not UTF-8
        text (no plausible encoding)"``, ...

    Examples
    --------
    >>> decode_text("Café".encode("cp1252"))
    Decoded(text='Café', encoding='windows-1252')
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode_utf16(data)
    if b"\x00" in data:
        raise ValueError("binary file (NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    else:
        if not _looks_like_text(text, strict=False):
            raise ValueError("binary file (control characters)")
        return Decoded(text)
    found = _legacy_decode(data)
    if found is None:
        raise ValueError("not UTF-8 text (no plausible encoding)")
    return found


def decode_bytes(data: bytes) -> str:
    """Decode a file's bytes as text (:func:`decode_text` without the encoding).

    Parameters
    ----------
    data : bytes
        The file's content.

    Returns
    -------
    str

    Raises
    ------
    ValueError
        With a one-line reason, as :func:`decode_text`.
    """
    return decode_text(data).text
