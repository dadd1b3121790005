"""Name normalization shared by the gazetteer build, lookups and the matcher.

A *key* is the folded form of a name under which the gazetteer indexes it.
Folding makes the spelling variants reporters use collapse onto one key:

* case, diacritics on Latin letters (``Kyïv``), apostrophes of every kind
  (``L'viv``, ``L’viv``), hyphens (``Ivano-Frankivsk`` = ``Ivano Frankivsk``) and
  possessives (``Kyiv's``) are dropped;
* ``y`` and ``j`` become ``i`` and doubled letters collapse, so the KMU-2010,
  GeoNames and older BGN forms meet (``Kryvyi Rih`` = ``Kryvyy Rih``,
  ``Mykolaiv`` = ``Mykolayiv``, ``Odesa`` = ``Odessa``);
* ``zhzh`` becomes ``zh`` (``Zaporizhzhia`` = ``Zaporizhia``);
* Cyrillic is lower-cased, ``ё`` becomes ``е`` and ``ґ`` stays distinct;
* a word that mixes Latin and Cyrillic letters (``Харкiв`` typed with a Latin
  ``i``, ``Stаnіslаv`` with Cyrillic ``а`` and ``і``) is written in one script
  first, by :func:`repair_script`.

Folding is applied token by token, so a key is its tokens' folds joined by
single spaces; the matcher relies on that.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from gazetteer import compiled

__all__ = ["fold", "fold_token", "tokens", "repair_script", "APOSTROPHES"]

#: Characters used as apostrophes in transliterated and Cyrillic names.
APOSTROPHES = "'’ʼ`´‘ʹ"

_APOS_RE = compiled.compile(f"[{APOSTROPHES}]")
_POSSESSIVE_RE = compiled.compile(f"[{APOSTROPHES}]s?$")
_SPLIT_RE = compiled.compile(r"[\s\-‐‑‒–—/]+")
_RUNS_RE = compiled.compile(r"(.)\1+")


def _latin_base_table() -> dict[int, str]:
    """Map accented Latin letters (U+00C0..U+024F) to their base letter."""
    table: dict[int, str] = {}
    for code in range(0x00C0, 0x0250):
        ch = chr(code)
        base = unicodedata.normalize("NFKD", ch)
        base = "".join(c for c in base if not unicodedata.combining(c))
        if base and base != ch and base.isascii():
            table[code] = base.lower()
    table.update({ord("ß"): "ss", ord("ł"): "l", ord("Ł"): "l", ord("ø"): "o"})
    table[ord("ё")] = "е"
    table[ord("Ё")] = "е"
    return table


_LATIN = _latin_base_table()

# Letters that look alike in the two scripts (lower case), and the letters
# that tell a script for sure.
_TO_CYRILLIC = str.maketrans("abcehikmoptxyï", "авсенікмортхуї")
_TO_LATIN = str.maketrans("асеікорхуїј", "aceikopxyïj")
_CYR_RE = compiled.compile("[\u0400-\u04ff]")
_LAT_RE = compiled.compile("[A-Za-z\u00c0-\u024f]")
_LOOKALIKE = set("abcehikmoptxyïABCEHIKMOPTXYÏавсенікмортхуїАВСЕНІКМОРТХУЇ")


def repair_script(word: str) -> str:
    """Write a word that mixes Latin and Cyrillic letters in one script.

    The script is the one whose letters that have no look-alike in the other
    are the more numerous (then the one with more letters, then Cyrillic):
    look-alike letters are mapped to it, and any other letter of the other
    script is romanized by KMU-2010 (Latin target) or left as it is. A word
    in one script is returned as it is.

    Parameters
    ----------
    word : str
        One word (no spaces needed; spaces pass through).

    Returns
    -------
    str
        The word in one script, its capitalization kept.

    Examples
    --------
    >>> repair_script("Харкiв"), repair_script("Stаnіslаv")
    ('Харків', 'Stanislav')
    """
    if word.isascii() or not _LAT_RE.search(word) or not _CYR_RE.search(word):
        return word
    cyr = sum(1 for c in word if _CYR_RE.match(c) and c not in _LOOKALIKE)
    lat = sum(1 for c in word if _LAT_RE.match(c) and c not in _LOOKALIKE)
    if lat == cyr:  # look-alikes only: count them
        cyr = len(_CYR_RE.findall(word))
        lat = len(_LAT_RE.findall(word))
    out = []
    if lat > cyr:
        from gazetteer.translit import kmu2010  # imports nothing of ours back

        for c in word:
            if _CYR_RE.match(c):
                low = c.lower().translate(_TO_LATIN)
                if _CYR_RE.match(low):
                    low = kmu2010(low)
                c = low.upper() if c.isupper() else low
            out.append(c)
    else:
        for c in word:
            if _LAT_RE.match(c):
                low = c.lower().translate(_TO_CYRILLIC)
                c = low.upper() if c.isupper() else low
            out.append(c)
    return "".join(out)


@lru_cache(maxsize=200_000)
def fold_token(token: str) -> str:
    """Fold one token (no spaces or hyphens) to its key form.

    Parameters
    ----------
    token : str
        A word as it appears in text, e.g. ``"Kyiv's"`` or ``"Запоріжжя"``.

    Returns
    -------
    str
        The folded token; ``""`` when nothing of it remains.

    Examples
    --------
    >>> fold_token("Kyiv's"), fold_token("Zaporizhzhya"), fold_token("Одеса")
    ('kiv', 'zaporizhia', 'одеса')
    """
    t = token.lower()
    if not t.isascii():
        if _LAT_RE.search(t) and _CYR_RE.search(t):
            t = repair_script(t)
        t = t.translate(_LATIN)
    t = _POSSESSIVE_RE.sub("", t) if len(t) > 3 else t
    t = _APOS_RE.sub("", t)
    if t.isascii():
        t = t.replace("zhzh", "zh").replace("y", "i").replace("j", "i")
    return _RUNS_RE.sub(r"\1", t)


def tokens(name: str) -> list[str]:
    """Split a name into raw tokens on whitespace, hyphens and dashes."""
    return [t for t in _SPLIT_RE.split(name.strip()) if t]


@lru_cache(maxsize=100_000)
def fold(name: str) -> str:
    """Fold a whole name to its gazetteer key.

    Parameters
    ----------
    name : str
        Any spelling: ``"Ivano-Frankivsk"``, ``"the Kyiv region"`` (articles are
        not removed), ``"Харківська область"``.

    Returns
    -------
    str
        Space-joined folded tokens.

    Examples
    --------
    >>> fold("Kryvyy Rih") == fold("Kryvyi Rih") == "krivi rih"
    True
    """
    return " ".join(f for f in (fold_token(t) for t in tokens(name)) if f)
