"""The shortcuts of cues._read (issue 14) give what the full path gives.

Issue 14: ``cues._breaks_regex`` writes the clause breaks as one character of
a lead, then the kinds of break of that lead after a look-behind, instead of
the plain alternation of the kinds (``tests/clause_reference.py``).  Compared
here with the plain alternation on texts built from every mark, break word
and after-comma word of each language, with commas and every sort of space
(none, one, several, Unicode) around them, as written, lower- and upper-cased.
And ``_read`` answers plain non-ASCII text (``cues._PLAIN``) without its two
searches for folded letters and other digits: as with them, on texts with
and without such characters.
"""

from __future__ import annotations

import random
import re

import pytest
from clause_reference import breaks_plain

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
    plain = re.compile(breaks_plain(lang.lexicon["mention_roles"]), re.IGNORECASE)
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


# ------------------------------------------------- plain text in cues._read

READ_TEXTS = {
    "en": [
        "Drones hit Kyiv while Lviv slept; Odesa too.",
        "Drones hit “Kyiv” — while Lviv’s mayor said\u00a0so, at 5\u202fam.",
        "Drones hit Kyiv whıle Lviv slept; Odesa too.",  # dotless i: folded
        "Drones hit Kyiv, whıch was dark, ſince dawn.",  # long s: folded
        "Shelling hit Kherson \u0661\u0662 times, but Kyiv slept.",  # Arabic digits
        "A 5 µm crack, after the blast, in Sumy.",  # micro sign: folded
        "İstanbul talks, while Kyiv was hit.",  # lower() lengthens it
        "",
    ],
    "uk": [
        "Дрони атакували Суми, але Київ уникнув ударів; «вибухи» (ніч) тривали.",
        "Ракети влучили в Одесу , коли Львів спав \u2014 ТОДІ ЯК Харків ні.",
        "Дрони атакували Київ, але Львів ᲀночі спав.",  # old rounded ve: folded
        "Дрони атакували Київ, ᲁоки Львів спав.",
        "Дрони атакували Київ \u0967\u0968 разів, але Львів спав.",  # Devanagari
        "Удар по Києву о 5:30, а Львів\u2009— ні.",
        "",
    ],
}


def _read_unplain(sentence: str, rules: cm._Roles) -> tuple:
    """cues._read without the _PLAIN shortcut: both searches always made."""
    real = cm._PLAIN
    cm._PLAIN = re.compile("(?!)")
    try:
        return cm._read.__wrapped__(sentence, rules)
    finally:
        cm._PLAIN = real


@pytest.mark.parametrize(
    ("code", "text"), [(c, t) for c, texts in READ_TEXTS.items() for t in texts]
)
def test_read_of_plain_text_as_without_the_shortcut(code: str, text: str) -> None:
    rules = cm._rules(language(code))
    for t in (text, text.lower(), text.upper()):
        assert cm._read.__wrapped__(t, rules) == _read_unplain(t, rules), t


def test_plain_text_holds_no_folded_letter_nor_other_digit() -> None:
    """Every character _PLAIN accepts is neither (the shortcut's premise)."""
    from geo.extract.lexicon import FOLDED

    plain = "".join(
        chr(i) for i in range(0x110000) if cm._PLAIN.fullmatch(chr(i)) is not None
    )
    assert len(plain) > 600  # ASCII, Latin-1, Cyrillic, punctuation
    assert FOLDED.search(plain) is None
    assert cm._OTHER_DIGIT.search(plain) is None


def test_read_texts_meet_both_paths() -> None:
    """The texts above are plain (shortcut taken) and not (searches made)."""
    lows = [t.lower() for texts in READ_TEXTS.values() for t in texts]
    taken = [cm._PLAIN.fullmatch(t) is not None and not t.isascii() for t in lows]
    assert any(taken) and not all(taken)
