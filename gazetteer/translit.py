"""Romanization of Ukrainian and Russian Cyrillic names.

:func:`kmu2010` is the official Ukrainian national system (Cabinet of Ministers
resolution No. 55, 2010), the one Ukrainian authorities and most English-language
media use (``Запоріжжя`` → ``Zaporizhzhia``).  :func:`russian` produces the
Russian-derived spellings older and some current reporting still uses
(``Харьков`` → ``Kharkov``, ``Запорожье`` → ``Zaporozhye``).  Both are used at
build time to index every Cyrillic name under the Latin forms a reader may
write.
"""

from __future__ import annotations

__all__ = ["cyrillic", "kmu2010", "russian", "script_of"]

# Cyrillic letter -> (word-initial form, form elsewhere); official KMU-2010 table.
_KMU: dict[str, tuple[str, str]] = {
    "а": ("a", "a"),
    "б": ("b", "b"),
    "в": ("v", "v"),
    "г": ("h", "h"),
    "ґ": ("g", "g"),
    "д": ("d", "d"),
    "е": ("e", "e"),
    "є": ("ye", "ie"),
    "ж": ("zh", "zh"),
    "з": ("z", "z"),
    "и": ("y", "y"),
    "і": ("i", "i"),
    "ї": ("yi", "i"),
    "й": ("y", "i"),
    "к": ("k", "k"),
    "л": ("l", "l"),
    "м": ("m", "m"),
    "н": ("n", "n"),
    "о": ("o", "o"),
    "п": ("p", "p"),
    "р": ("r", "r"),
    "с": ("s", "s"),
    "т": ("t", "t"),
    "у": ("u", "u"),
    "ф": ("f", "f"),
    "х": ("kh", "kh"),
    "ц": ("ts", "ts"),
    "ч": ("ch", "ch"),
    "ш": ("sh", "sh"),
    "щ": ("shch", "shch"),
    "ь": ("", ""),
    "ю": ("yu", "iu"),
    "я": ("ya", "ia"),
    "'": ("", ""),
    "’": ("", ""),
    "ʼ": ("", ""),
    # Russian letters that may appear in mixed names; romanized as in Russian.
    "ё": ("yo", "io"),
    "ы": ("y", "y"),
    "э": ("e", "e"),
    "ъ": ("", ""),
}

_RU: dict[str, str] = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ё": "yo",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "y",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "yu",
    "я": "ya",
    # Ukrainian letters in a name romanized "the Russian way".
    "і": "i",
    "ї": "yi",
    "є": "ye",
    "ґ": "g",
    "'": "",
    "’": "",
    "ʼ": "",
}
_VOWELS = set("аеёиоуыэюяіїє")
_UK_ONLY = set("іїєґІЇЄҐ")
_RU_ONLY = set("ыэъёЫЭЪЁ")


def script_of(name: str) -> str:
    """Tell the script and, for Cyrillic, the likely language of a name.

    Returns
    -------
    str
        ``"uk"`` (Ukrainian letters present), ``"ru"`` (Russian-only letters),
        ``"cyrillic"`` (either), ``"latin"`` or ``"other"``.
    """
    if any("\u0400" <= c <= "\u04ff" for c in name):
        if any(c in _UK_ONLY for c in name):
            return "uk"
        if any(c in _RU_ONLY for c in name):
            return "ru"
        return "cyrillic"
    if all(c.isascii() or c.isalpha() and ord(c) < 0x250 for c in name):
        return "latin"
    return "other"


def _case_like(src: str, out: str) -> str:
    if src.isupper() and len(src) > 1:
        return out.upper()
    if src[:1].isupper():
        return out[:1].upper() + out[1:]
    return out


def _words(name: str):
    word = []
    for ch in name:
        if ch.isalpha() or ch in "'’ʼ":
            word.append(ch)
        else:
            if word:
                yield "".join(word), True
                word = []
            yield ch, False
    if word:
        yield "".join(word), True


def _by_word(name: str, convert) -> str:
    """Romanize each word of ``name`` with ``convert`` (given it in lower case).

    The word's capitalization and everything between words are kept.
    """
    out = []
    for word, is_word in _words(name):
        out.append(_case_like(word, convert(word.lower())) if is_word else word)
    return "".join(out)


def kmu2010(name: str) -> str:
    """Romanize Ukrainian Cyrillic by the official KMU-2010 rules.

    Parameters
    ----------
    name : str
        Cyrillic text; non-Cyrillic characters pass through.

    Returns
    -------
    str
        The romanized text.

    Examples
    --------
    >>> kmu2010("Запоріжжя"), kmu2010("Згурівка"), kmu2010("Їжакевич")
    ('Zaporizhzhia', 'Zghurivka', 'Yizhakevych')
    """

    def convert(low: str) -> str:
        res = []
        for i, ch in enumerate(low):
            if ch == "г" and i > 0 and low[i - 1] == "з":
                res.append("gh")  # зг -> zgh, to keep it apart from ж
                continue
            forms = _KMU.get(ch)
            if forms is None:
                res.append(ch)
                continue
            initial = i == 0 or low[i - 1] in "'’ʼ" and i == 1
            res.append(forms[0] if initial else forms[1])
        return "".join(res)

    return _by_word(name, convert)


def russian(name: str, *, ye: bool = True) -> str:
    """Romanize Russian Cyrillic in the BGN/PCGN style used by older reporting.

    Parameters
    ----------
    name : str
        Cyrillic text.
    ye : bool
        Write ``е`` as ``ye`` at the start of a word and after a vowel or soft
        sign (``Николаев`` → ``Nikolayev``); with ``False`` always ``e``
        (``Киев`` → ``Kiev``).

    Returns
    -------
    str
        The romanized text.
    """

    def convert(low: str) -> str:
        res = []
        for i, ch in enumerate(low):
            prev = low[i - 1] if i else ""
            if ch == "е" and ye and (i == 0 or prev in _VOWELS or prev in "ьъ"):
                res.append("ye")
            else:
                res.append(_RU.get(ch, ch))
        return "".join(res)

    return _by_word(name, convert)


# Latin letter groups -> Ukrainian letters, longest first (KMU-2010 read back,
# with the Russian-style spellings GeoNames keeps: "oye", "iy", "ë")
_BACK = (
    ("shch", "щ"),
    ("sch", "щ"),
    ("zgh", "зг"),
    ("yu", "ю"),
    ("ya", "я"),
    ("ye", "є"),
    ("yi", "ї"),
    ("yo", "йо"),
    ("iu", "ю"),
    ("ia", "я"),
    ("ie", "є"),
    ("zh", "ж"),
    ("kh", "х"),
    ("ts", "ц"),
    ("ch", "ч"),
    ("sh", "ш"),
    ("ë", "ьо"),
    ("'", "ь"),  # the soft sign of Russian-style romanizations ("Yampol'skiy")
    ("’", "ь"),
    ("ʼ", "ь"),
    ("a", "а"),
    ("b", "б"),
    ("c", "к"),
    ("d", "д"),
    ("e", "е"),
    ("f", "ф"),
    ("g", "г"),
    ("h", "г"),
    ("i", "і"),
    ("j", "й"),
    ("k", "к"),
    ("l", "л"),
    ("m", "м"),
    ("n", "н"),
    ("o", "о"),
    ("p", "п"),
    ("q", "к"),
    ("r", "р"),
    ("s", "с"),
    ("t", "т"),
    ("u", "у"),
    ("v", "в"),
    ("w", "в"),
    ("x", "кс"),
    ("y", "и"),
    ("z", "з"),
)
# Russian adjective endings romanized -> the Ukrainian ones
_BACK_ENDINGS = (
    ("skaya", "ська"),
    ("skaia", "ська"),
    ("skoye", "ське"),
    ("skoe", "ське"),
    ("skiy", "ський"),
    ("skyy", "ський"),
    ("skyi", "ський"),
    ("oye", "е"),
    ("oe", "е"),
    ("yye", "е"),
    ("iye", "е"),
    ("aya", "а"),
    ("yy", "ий"),
    ("iy", "ий"),
    ("yi", "ий"),
)


def cyrillic(name: str) -> str:
    """Write a romanized name in Ukrainian letters (KMU-2010 read back).

    A display name for a place no source names in Ukrainian: the Latin
    letters read back by the KMU-2010 table, Russian adjective endings made
    Ukrainian (``Sadovoye`` -> ``Садове``). An approximation, never indexed.

    Parameters
    ----------
    name : str
        Latin text; other characters pass through.

    Returns
    -------
    str

    Examples
    --------
    >>> cyrillic("Zhovtnevyy"), cyrillic("Sadovoye"), cyrillic("Kyslychuvata")
    ('Жовтневий', 'Садове', 'Кисличувата')
    """

    def convert(low: str) -> str:
        ending = ""
        for lat, cyr in _BACK_ENDINGS:
            if low.endswith(lat) and len(low) > len(lat) + 2:
                low, ending = low[: -len(lat)], cyr
                break
        res, i = [], 0
        while i < len(low):
            if (
                low[i] == "y"
                and i
                and low[i - 1] in "aeiou"
                and low[i + 1 : i + 2] not in tuple("aeiou")
            ):
                res.append("й")  # "Mikhaylovka": a y after a vowel
                i += 1
                continue
            for lat, cyr in _BACK:
                if lat == "yi" and i:
                    continue  # ї is "yi" only at the start of a word ("Kyiv")
                if low.startswith(lat, i):
                    res.append(cyr)
                    i += len(lat)
                    break
            else:
                res.append(low[i])
                i += 1
        return "".join(res) + ending

    return _by_word(name, convert)
