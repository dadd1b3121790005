"""The clause-break regex led by a character class finds what the plain one does.

Issue 14: ``cues._breaks_regex`` writes the clause breaks as one character of
a lead, then the kinds of break of that lead after a look-behind, instead of
the plain alternation of the kinds (:func:`cues._breaks_plain`).  Compared
here with the plain alternation on texts built from every mark, break word
and after-comma word of each language, with commas and every sort of space
(none, one, several, Unicode) around them, as written, lower- and upper-cased.
"""

from __future__ import annotations

import random
import re

import pytest

from geo.extract import cues as cm
from geo.lang import language

SPACES = ["", " ", "  ", "\t", "\u00a0", "\u2009 ", "\n"]
FILLER = {
    "en": ["Kyiv", "was", "hit", "as", "the", "and", "-", "--", "x"],
    "uk": ["Київ", "атакували", "як", "та", "і", "тоді", "-", "--", "х"],
}


def _texts(code: str, n: int = 400) -> list[str]:
    section = language(code).lexicon["mention_roles"]
    pieces = [
        *section["clause_break_marks"],
        *section["clause_break_words"],
        *section["clause_break_after_comma"],
        ",",
        ", ",
        *FILLER[code],
    ]
    rnd = random.Random(f"cues2-{code}")
    texts = []
    for _ in range(n):
        bits = [
            rnd.choice(pieces) + rnd.choice(SPACES) for _ in range(rnd.randint(1, 12))
        ]
        texts.append("".join(bits))
    # every piece between two words, after a comma, with one space either side
    texts += [f"Kyiv, {p} Lviv" for p in pieces] + [f"Kyiv {p} Lviv" for p in pieces]
    return texts


@pytest.mark.parametrize("code", ["en", "uk"])
def test_breaks_as_the_plain_alternation(code: str) -> None:
    lang = language(code)
    rules = cm._rules(lang)
    plain = re.compile(cm._breaks_plain(lang.lexicon["mention_roles"]), re.IGNORECASE)
    found = 0
    for text in _texts(code):
        for t in (text, text.lower(), text.upper()):
            want = [m.span() for m in plain.finditer(t)]
            assert [m.span() for m in rules.breaks.finditer(t)] == want, t
            found += len(want)
        low = text.lower()
        want = [m.span() for m in plain.finditer(low)]
        assert [m.span() for m in rules.breaks_low.finditer(low)] == want, low
    assert found > 1000  # the texts have breaks of every kind, many


@pytest.mark.parametrize("code", ["en", "uk"])
def test_every_kind_of_break_is_met(code: str) -> None:
    """Each kind of break (by lead and rest) matches somewhere in the texts."""
    lang = language(code)
    kinds = cm._break_kinds(lang.lexicon["mention_roles"])
    texts = _texts(code)
    for lead, rest in kinds:
        kind = re.compile(f"{lead}{rest}", re.IGNORECASE)
        assert any(kind.search(t) for t in texts), (lead, rest)
