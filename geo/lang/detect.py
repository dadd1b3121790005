"""Which language an article is written in: English, Ukrainian or Russian.

The script decides between English and the Cyrillic languages (more Latin
than Cyrillic letters is English).  Ukrainian and Russian are told apart by
the letters only one of them has (Ukrainian і ї є ґ, Russian ы э ъ ё) and by
short function words only one of them uses (Ukrainian "і", "та", "що",
"від"; Russian "и", "что", "от", "это"), the way a reader tells them apart
at a glance; a Cyrillic text of some length with no Ukrainian letter at all
is Russian.  Place names do not mislead it: a Russian text naming "Київ"
still has far more ы than that name has ї.

The letters and words are data, in ``geo/lang/detect.json``.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["DETECTED", "detect_language"]

#: The codes :func:`detect_language` may return.
DETECTED: tuple[str, ...] = ("en", "uk", "ru")

# A long article is decided by its beginning.
_SAMPLE = 6000
# Cyrillic letters past which a text with no Ukrainian letter or word is Russian.
_NO_UKRAINIAN_LETTER = 60


# Counting letters by their bytes: [A-Za-z] are the ASCII bytes left after
# deleting the others; a letter of U+0400..U+04FF is two bytes in UTF-8, led
# by 0xD0..0xD3, which never occur inside another character's bytes.
_NOT_ASCII_LETTER = bytes(b for b in range(128) if not chr(b).isalpha())
_CYRILLIC_LEADS = (b"\xd0", b"\xd1", b"\xd2", b"\xd3")


def _letter_counts(sample: str) -> tuple[int, int]:
    """How many letters A-Z/a-z and how many of U+0400..U+04FF ``sample`` has."""
    latin = len(sample.encode("ascii", "ignore").translate(None, _NOT_ASCII_LETTER))
    raw = sample.encode("utf-8", "surrogatepass")
    return latin, sum(map(raw.count, _CYRILLIC_LEADS))


_APOSTROPHE = re.compile(r"(?<=[\u0400-\u04FF])['’ʼ](?=[\u0400-\u04FF])")


@cache
def _rules() -> tuple[dict[str, Any], re.Pattern[str]]:
    data = json.loads(
        resources.files("geo.lang").joinpath("detect.json").read_text(encoding="utf-8")
    )
    words = {w: code for code in ("uk", "ru") for w in data["words"][code]}
    word_re = re.compile(
        r"(?<!\w)(?:" + "|".join(sorted(words, key=len, reverse=True)) + r")(?!\w)"
    )
    return {"letters": data["letters"], "words": words}, word_re


def detect_language(text: str) -> str | None:
    """The language of ``text``: ``"en"``, ``"uk"``, ``"ru"``, or None.

    Parameters
    ----------
    text : str
        An article's text.

    Returns
    -------
    str or None
        None when the text has no letters to tell by.

    Examples
    --------
    >>> detect_language("Drones struck Kharkiv overnight.")
    'en'
    >>> detect_language("Вночі росіяни атакували Харків дронами.")
    'uk'
    >>> detect_language("Ночью россияне атаковали Харьков дронами.")
    'ru'
    """
    rules, word_re = _rules()
    sample = text[:_SAMPLE]
    latin, cyr = _letter_counts(sample)
    if cyr == 0 and latin == 0:
        return None
    if latin > cyr:
        return "en"
    low = sample.lower()
    score = {"uk": 0, "ru": 0}
    for code in score:
        for letter in rules["letters"][code]:
            score[code] += low.count(letter)
    for m in word_re.finditer(low):
        score[rules["words"][m.group(0)]] += 2
    score["uk"] += len(_APOSTROPHE.findall(low))
    if score["uk"] == 0 and cyr >= _NO_UKRAINIAN_LETTER:
        # a Ukrainian text of that length all but always has an і, ї or є
        return "ru"
    # ties go to Ukrainian: the language of most first reports
    return "ru" if score["ru"] > score["uk"] else "uk"
