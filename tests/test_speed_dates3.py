"""Third-wave shortcuts of geo.extract.dates give the full answers."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from gazetteer import get_gazetteer
from gazetteer.frozen import dataclass_init
from geo.extract import dates
from geo.extract.dates import (
    _MAY_NOT_READ,
    Block,
    _first_cue,
    _folds_as_regex,
    _grammar,
    _reads_as,
)
from geo.extract.dating import date_places, segments
from geo.extract.lexicon import FOLDED, _comparable
from geo.extract.roles import StruckPlace
from geo.lang import Language

EN = Language("en")
UK = Language("uk")

# Texts with no date word, with a keyword, a month or a date's digits first
# (and the others later), in every case, with letters the regex folds though
# lower() keeps them ("ᲀчора", "ſeptember"), a letter lower() lengthens (İ)
# and other digits
CUE_TEXTS = [
    (EN, "Drones hit Sumy, wounding two people."),
    (EN, "Drones hit Sumy overnight; on May 4 missiles struck Odesa."),
    (EN, "On May 4 missiles struck Odesa in the morning."),
    (EN, "The 4th strike on 3-4 May hit Odesa at night."),
    (EN, "İzmail was hit on Tuesday at dawn, ſeptember 3."),
    (EN, "Drones hit Sumy on ٣ May."),
    (UK, "Дрони атакували Суми, поранено двох людей."),
    (UK, "Увечері 19 листопада дрони атакували Суми."),
    (UK, "Дрони атакували Суми 19 листопада, а вночі Одесу."),
    (UK, "Удар 19.11 по Сумах: у листопаді це вже третій."),
    (UK, "ᲀчора дрони атакували Суми, а в листопаді Одесу."),
    (UK, "İзмаїл атакували у ніч на 19 листопада."),
    (UK, "Дрони атакували Суми ٣ листопада."),
    (UK, "Станом на 08:00 у неділю ворог атакував Суми."),
    (UK, "Дрони атакували Суми 3 ᲀересня, у неділю."),
    (UK, "İнші дрони у листопаді атакували Суми вночі."),
]  # fmt: skip


def _first_cue_full(sentence: str, g) -> int:
    """``_first_cue`` as three searches: keywords, month starts, date digits."""
    low = sentence.lower()
    found = []
    k = g.keyword.search(low)
    if k:
        found.append(k.start())
    if g.month_heads_low is not None and _folds_as_regex(sentence, low):
        m = g.month_heads_low.search(low)
    else:
        m = g.month_heads.search(sentence)
    if m:
        found.append(m.start())
    m = g.digit_starts.search(sentence)
    if m:
        found.append(m.start())
    return min(found) if found else -1


def _variants(text: str) -> list[str]:
    """The text, upper- and lower-cased, and each of its suffixes."""
    out = []
    for t in (text, text.upper(), text.lower(), text.title()):
        out.extend(t[i:] for i in range(len(t)))
    return out


@pytest.mark.parametrize(("lang", "text"), CUE_TEXTS)
def test_first_cue_as_three_searches(lang, text):
    """One search of keywords and months together finds the first of them."""
    g = _grammar(lang)
    for t in _variants(text):
        low = t.lower()
        want = _first_cue_full(t, g)
        assert _first_cue(t, g) == want, t
        assert _first_cue(t, g, low) == want, t
        assert _first_cue(t, g, low, _folds_as_regex(t, low)) == want, t


def test_first_cue_texts_take_both_paths():
    """The texts above search the union (UK, folding) and the parts (else)."""
    union = parts = 0
    for lang, text in CUE_TEXTS:
        g = _grammar(lang)
        for t in _variants(text):
            if g.cue_low is not None and _folds_as_regex(t, t.lower()):
                union += 1
            else:
                parts += 1
    assert union and parts
    assert _grammar(EN).cue_low is None
    assert _grammar(UK).cue_low is not None


@pytest.mark.parametrize(("lang", "text"), CUE_TEXTS)
def test_finditer_with_the_callers_verdict(lang, text):
    """``reads`` given (as :func:`_scan` gives it) finds what the event finds."""
    g = _grammar(lang)
    for t in _variants(text):
        low = t.lower()
        want = [(m.span(), m.lastgroup) for m in g.event.finditer(t)]
        for reads in (None, _reads_as(t, low)):
            got = g.event_at.finditer(t, lowered=low, reads=reads)
            assert [(m.span(), m.lastgroup) for m in got] == want, (t, reads)


def _reads_full(text: str, low: str) -> bool:
    """``_reads_as`` as its two tests: the lexicon's offsets and digits, folds."""
    return _comparable(text, low) and _folds_as_regex(text, low)


@pytest.mark.parametrize(("lang", "text"), CUE_TEXTS)
def test_reads_as_the_two_tests(lang, text):
    """One search of a charset, else the two tests: the same verdict."""
    for t in _variants(text):
        low = t.lower()
        assert _reads_as(t, low) is _reads_full(t, low), t


def test_reads_as_every_character():
    """Each code point, alone and in a Ukrainian word: the two tests' verdict."""
    for c in map(chr, range(0x110000)):
        if 0xD800 <= ord(c) < 0xE000:
            continue  # surrogates
        for t in (c, f"ніч{c}у"):
            low = t.lower()
            assert _reads_as(t, low) is _reads_full(t, low), hex(ord(c))


def test_may_not_read_holds_every_digit_and_folded_letter():
    """What the one search rests on: each other digit and folded letter is in it."""
    assert FOLDED.pattern.startswith("[") and FOLDED.pattern.endswith("]")
    for c in map(chr, range(0x110000)):
        if FOLDED.match(c) or (c.isdecimal() and not c.isascii()):
            assert _MAY_NOT_READ.match(c), hex(ord(c))
    # the text of both languages passes it: Cyrillic, dashes, quotes, "№"
    for _, text in CUE_TEXTS:
        if not FOLDED.search(text.lower()) and "٣" not in text:
            assert _MAY_NOT_READ.search(text.lower() + "’—«»№₴…") is None, text


# Sentences naming one place, dated by their words or not, EN and UK
ONE_PLACE = [
    (EN, "Drones hit Sumy overnight, wounding two.", "Sumy"),
    (EN, "Sumy was shelled; three people were killed in the city.", "Sumy"),
    (EN, "Missiles struck Sumy, and two people were hurt, officials said.", "Sumy"),
    (UK, "У ніч на 19 листопада дрони атакували Суми, поранено двох.", "Суми"),
    (UK, "Суми обстріляли, загинула жінка; пошкоджено будинок.", "Суми"),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "sentence", "word"), ONE_PLACE)
def test_one_place_reads_the_whole_sentence(lang, sentence, word):
    """``date_places`` skips :func:`segments` for one place: the same part."""
    ref = date(2025, 11, 20)
    block = Block(0, 1000, ref, "published")
    place = get_gazetteer().lookup("Sumy").place
    for anchor in (sentence.index(word), 0, len(sentence) - 1):
        places = (StruckPlace(place, 1.0, None, anchor),)
        want = segments(sentence, places, lang)
        assert want == [None]
        (got,) = date_places(sentence, places, ref, block, None, lang).places
        assert got.segment is want[0]


class _Whole:
    """The grammar's first pass turned off: the whole expression's finditer."""

    def __init__(self, event):
        self.event = event

    def finditer(self, text, pos=0, **_):
        return list(self.event.finditer(text, pos))


@pytest.mark.parametrize(("lang", "text"), CUE_TEXTS)
def test_scan_as_with_the_whole_expression(monkeypatch, lang, text):
    """What ``_scan`` reads (its verdict passed on) is what the whole grammar reads."""
    g = _grammar(lang)
    ref = date(2025, 11, 20)
    for t in _variants(text):
        got = _outcome(dates._scan.__wrapped__, t, ref, g)
        with monkeypatch.context() as m:
            m.setattr(g, "event_at", _Whole(g.event))
            want = _outcome(dates._scan.__wrapped__, t, ref, g)
        assert got == want, t


def _outcome(fn, *args):
    """What ``fn`` gives, or the type of what it raises.

    A month written with a folded letter ("ᲀересня") is matched and then
    not found in the month table (KeyError, by either path).
    """
    try:
        return fn(*args)
    except KeyError as e:
        return type(e)


# Sentences with one date expression and with several, of every rule of
# _choose_among: a possessive owning the attack, an attack noun before the
# date, "a day after" an attack, explicit dates with "overnight", the nearest
CHOOSE_TEXTS = [
    (EN, "Thursday's missile strike on Sumy killed two, officials said on Friday."),
    (EN, "Officials saw Odesa on Tuesday, a day after a missile attack on the city."),
    (EN, "Drones hit Sumy, a day after a missile attack on the city."),
    (EN, "Overnight on May 4 drones hit Sumy; on May 5 Odesa was struck."),
    (EN, "Drones hit Sumy on Monday and Odesa on Tuesday night."),
    (EN, "Drones hit Sumy overnight."),
    (UK, "Після удару 19 листопада по Сумах, вночі 20 листопада обстріляли Одесу."),
    (UK, "Увечері 19 листопада дрони атакували Суми, а вночі Одесу."),
    (UK, "У ніч на 19 листопада дрони атакували Суми."),
    (UK, "Минулого тижня обстріляли Суми, а в неділю вночі атакували Одесу."),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "text"), CHOOSE_TEXTS)
def test_choose_one_as_the_rules(lang, text):
    """One expression (each of a sentence's, alone): the rules give it too;
    several: the rules decide (at every word start as the anchor, and none)."""
    g = _grammar(lang)
    ref = date(2025, 11, 20)
    found = dates._candidates(text, ref, g)
    assert found
    lists = [found] + [[c] for c in found]
    anchors = [None] + [i for i in range(len(text)) if i == 0 or text[i - 1] == " "]
    for cuts in (None, dates._clause_starts(text, g)):
        for anchor in anchors:
            for fs in lists:
                got = dates._choose(text, list(fs), anchor, g, cuts)
                want = dates._choose_among(text, list(fs), anchor, g, cuts)
                assert got == want, (fs, anchor)


def test_choose_texts_have_several_dates_that_differ():
    """The texts above hold lists the one-expression answer would get wrong."""
    ref = date(2025, 11, 20)
    wrong = 0
    for lang, text in CHOOSE_TEXTS:
        g = _grammar(lang)
        found = dates._candidates(text, ref, g)
        for anchor in range(len(text)):
            if len(found) > 1:
                wrong += dates._choose_among(text, found, anchor, g) != found[0].guess
    assert wrong


def test_found_made_as_the_dataclass_makes_it():
    """``_Found`` (quick_init): the fields, equality, hash and repr of the
    dataclass's own ``__init__``; still frozen."""
    guess = dates.DateGuess(date(2025, 11, 19), "day", None, "вчора")
    quick = dates._Found(3, 8, guess, "day_before")
    made = object.__new__(dates._Found)
    dataclass_init(dates._Found)(made, 3, 8, guess, "day_before")
    assert quick == made and hash(quick) == hash(made) and repr(quick) == repr(made)
    assert [getattr(quick, f.name) for f in dataclasses.fields(dates._Found)] == [
        3,
        8,
        guess,
        "day_before",
    ]
    with pytest.raises(dataclasses.FrozenInstanceError):
        quick.start = 4  # type: ignore[misc]
