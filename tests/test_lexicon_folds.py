"""Prefilters and letters the case-insensitive regex folds onto others.

``re`` with ``IGNORECASE`` reads the old Cyrillic forms "ᲀ".."ᲈ" as "в",
"д", "о", "с", "т", "ъ", "ѣ", "ꙋ"; a prefilter looking for a lexicon's
lower-cased starts would not find them, so a text holding one is searched by
the plain regex.  The texts are invented for these tests.
"""

from __future__ import annotations

import re

import pytest

from geo.extract import lexicon
from geo.extract.cues import discourse
from geo.lang import Language


def _odd_folds() -> set[str]:
    """Letters the case-insensitive regex reads as a letter lower() does not give.

    Every lower-case letter of the Latin and Cyrillic ranges a lexicon start
    may hold is searched, ignoring case, in a string of every code point up
    to U+FFFF.  (The ligatures ﬅ and ﬆ read only as each other.)
    """
    everything = "".join(map(chr, range(0x80, 0x10000)))
    letters = [chr(d) for d in [*range(0x61, 0x7B), *range(0xDF, 0x530)]]
    letters += [chr(d) for d in range(0xA640, 0xA6A0)]
    found = set()
    for d in letters:
        if not d.isalpha() or d != d.lower():
            continue
        for c in re.findall(re.escape(d), everything, re.IGNORECASE):
            if c != d and c.lower() != d:
                found.add(c)
    return found


def test_every_odd_folded_letter_is_listed_or_sent_to_the_plain_regex():
    folded = {c for c in _odd_folds() if lexicon._ODD.search(c)}
    assert "\u1c80" in folded  # the test finds them
    for c in sorted(folded):
        listed = c in lexicon._FOLDS.values()
        assert listed or lexicon._UNLISTED_FOLD.search(c), hex(ord(c))


@pytest.mark.parametrize(
    "text",
    [
        "\u1c80ибухів не чули, у місті тихо.",
        "Уночі \u1c80орожих обстрілів не було.",
        "Уночі ворожих обстрілів не було.",
        "Обстрілів не \u1c83ули.",
    ],
)
def test_a_fast_search_finds_what_the_regex_finds(text):
    pattern = discourse(Language("uk")).no_report
    fast, plain = pattern.search(text), pattern.regex.search(text)
    assert (fast and fast.span()) == (plain and plain.span())
