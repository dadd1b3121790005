"""The dates grammar's first pass, shifted and quick (issue 14), gives the full answers.

``_Dispatch`` searches its run starts by the quick twin of
``lexicon.shifted_starts`` (``[^<word characters>](X')``) where the lowered
text reads as the text, instead of ``(?<!\\w)X`` at every position.  Compared
here with the look-behind's candidates and the whole expression's
``finditer``, on texts where the first pass searches the lowered text and
where it must not, with word characters of other scripts before date words
(extra candidates the expressions refuse), English and Ukrainian.
"""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from geo.extract import lexicon as lx
from geo.extract.dates import (
    _grammar,
    _led,
    _next_cut,
    _no_match,
    _one_clause,
    _reads_as,
    _shifted_cut,
)
from geo.extract.lexicon import FOLDED
from geo.lang import Language

EN = Language("en")
UK = Language("uk")

# (language, text, whether the first pass searches the lowered text): date
# words at the very start, after punctuation and spaces, in runs of digits,
# after word characters of other scripts, and texts with ı, ſ, other digits
# or a lengthening İ
TEXTS = [
    (EN, "May 4 missiles struck Odesa; on Tuesday drones hit Sumy.", True),
    (EN, "3 May: drones hit Sumy overnight, and on 4-5 May Odesa.", True),
    (EN, "Drones hit Sumy overnight (on May 4), a day after the talks.", True),
    (EN, "On the night of 3 to 4 May, drones hit Sumy at dawn.", True),
    (EN, "Drones hit Sumy in aprıl, on ſunday and on 3 aprıl.", False),
    (EN, "Aprıl 3: drones hit Sumy; ſunday, May 4 Odesa.", False),
    (EN, "Drones hit Sumy on ٣ May and on May 4 at night.", False),
    (EN, "日May 4 drones hit Sumy; 한on Tuesday Odesa, ა3 May.", True),
    (EN, "İzmail was hit on Tuesday at dawn, September 3.", False),
    (UK, "Вночі 19 листопада дрони атакували Суми.", True),
    (UK, "19 листопада: дрони атакували Суми, а у неділю Одесу.", True),
    (UK, "Дрони атакували Суми (у ніч на 19 листопада), вчора теж.", True),
    (UK, "Удар 19.11 по Сумах: у листопаді це вже третій.", True),
    (UK, "Дрони атакували Суми ٣ листопада і вчора.", False),
    (UK, "ᲀчора дрони атакували Суми, а в листопаді Одесу.", False),
    (UK, "日вчора дрони атакували Суми; 한у неділю, ა3 травня.", True),
    (UK, "İзмаїл атакували у ніч на 19 листопада.", False),
]  # fmt: skip


def _spans(matches) -> list[tuple[tuple[int, int], str | None]]:
    return [(m.span(), m.lastgroup) for m in matches]


def _variants(text: str) -> list[str]:
    return [text, text.upper(), text.title(), " " + text, text[1:]]


@pytest.mark.parametrize(("lang", "text", "lowered"), TEXTS)
def test_texts_try_both_passes(lang, text, lowered):
    """Where the lowered text reads as the text, and no ı nor ſ is in it then."""
    low = text.lower()
    assert _reads_as(text, low) is lowered
    assert FOLDED.search("ıſ")  # what keeps the quick twin from missing starts
    if lowered:
        assert not re.search("[ıſ]", low)


def _candidates(rx, low: str, pos: int, group: int) -> list[tuple[int, str]]:
    """The candidates of a first pass from ``pos``, stepping one past each."""
    out = []
    c = rx.search(low, pos - group)
    while c is not None:
        out.append((c.start(group), c.group(group)))
        c = rx.search(low, c.start(group) + 1 - group)
    return out


@pytest.mark.parametrize(("lang", "text", "lowered"), TEXTS)
def test_shifted_candidates_as_the_look_behind(lang, text, lowered):
    """``shifted_starts``: the look-behind's candidates from every offset past 0.

    The shifted form finds them all and only them; the quick twin (on texts
    without ı and ſ) them all, with the same starts, and others only after a
    word character.
    """
    d = _grammar(lang).event_at
    every = frozenset[str]().union(*d._own)
    full = lx.compile_starts(every, True)
    shifted, fast = lx.shifted_starts(every)
    assert fast is not None
    for t in _variants(text):
        low = t.lower()
        for pos in range(1, len(low) + 2):
            want = _candidates(full, low, pos, 0)
            assert _candidates(shifted, low, pos, 1) == want, (t, pos)
            if re.search("[ıſ]", low):
                continue
            got = _candidates(fast, low, pos, 1)
            assert set(want) <= set(got), (t, pos)
            for q, _ in set(got) - set(want):
                assert re.match(r"\w", low[q - 1]), (t, pos, q)
            if lx._plain(low):
                assert got == want, (t, pos)


@pytest.mark.parametrize(("lang", "text", "lowered"), TEXTS)
def test_first_pass_as_the_whole_expression(lang, text, lowered):
    """``finditer`` with every verdict a caller may give, from every offset."""
    g = _grammar(lang)
    assert g.event_at._shifted is not None  # the run starts can be told
    for t in _variants(text):
        low = t.lower()
        reads = _reads_as(t, low)
        for pos in range(len(t) + 1):
            want = _spans(g.event.finditer(t, pos))
            for kw in (
                {},
                {"lowered": low},
                {"lowered": low, "reads": reads},
            ):
                got = _spans(g.event_at.finditer(t, pos, **kw))
                assert got == want, (t, pos, kw)


def test_heads_hold_every_first_character():
    """A run start's trie matches only where ``_heads`` lets it be asked at 0."""
    for lang in (EN, UK):
        d = _grammar(lang).event_at
        assert d._heads is not None
        body = d.starts.pattern[len(r"(?<!\w)") :]
        assert lx.prefixes(body, 1) <= d._heads
        # every start, its runs written out, begins with one of them
        for s in frozenset[str]().union(*d._own):
            for digit in "0123456789":
                t = s.replace("0", digit)
                assert d.starts.match(t) is not None
                assert t[0] in d._heads, t
        # and none other: every character of the common blocks before each
        # start's rest
        rests = {s.replace("0", "5")[1:] for s in frozenset[str]().union(*d._own)}
        for c in map(chr, range(0x0530)):
            if c not in d._heads:
                for r in rests:
                    assert d.starts.match(c + r) is None, (c, r)


def test_quick_twin_finds_more_after_other_scripts():
    """The texts try the extra candidates: a date word after 日, 한 or ა."""
    for lang in (EN, UK):
        d = _grammar(lang).event_at
        every = frozenset[str]().union(*d._own)
        full = lx.compile_starts(every, True)
        _, fast = lx.shifted_starts(every)
        text = next(t for c, t, _ in TEXTS if c is lang and "日" in t)
        low = text.lower()
        extra = set(_candidates(fast, low, 1, 1)) - set(_candidates(full, low, 1, 0))
        assert len(extra) >= 2, extra


def test_expressions_read_the_look_behind():
    """What the quick twin's extra candidates rest on: every matcher refuses them."""
    for lang in (EN, UK):
        d = _grammar(lang).event_at
        for text, *_ in (t[1:] for t in TEXTS if t[0] is lang):
            d.finditer(text, lowered=text.lower())
        assert d._by
        for fn in d._by.values():
            assert fn is _no_match or fn.__self__.pattern.startswith(r"(?<!\w)")


def test_quick_twin_lacks_the_folded_starts():
    """Why the verdict matters: the quick twin finds no start holding ı or ſ."""
    d = _grammar(EN).event_at
    low = "in aprıl and on ſunday"
    assert [m.group(1) for m in d._shifted.finditer(low)]
    assert all(
        "ı" not in m.group(1) and "ſ" not in m.group(1) for m in d._quick.finditer(low)
    )
    assert re.search("[ıſ]", "".join(frozenset[str]().union(*d._own)))


# Clause cuts: the grammars' own and others, some whose matches do not lean on
# a non-word character (no shifted form may be used for them)
CUTS = [
    (EN.dates["clause_cut"], True),
    (UK.dates["clause_cut"], True),
    (r"[;:,–—]\s|\band\b|\s-\s", True),
    (r"\b(?:і|й|та|а)\b|[;:]\s", True),
    (r"а|\s-\s", False),  # a letter anywhere
    (r"\Band\b|;\s", False),  # inside a word
    (r"\b|;", False),  # may match empty at the end
    ("\u0345|;", False),  # a non-word letter the regex folds with ι
]

CUT_TEXTS = [
    "Drones hit Sumy; and Kharkiv, and then - Odesa and Kyiv: again.",
    "and;and ,and - and—and, 日and ა;and, her husband, brand",
    "Дрони атакували Суми, а вночі і Харків; та Одесу - і Київ: також.",
    "а і й та;а, і - й—та 日і ა;а тоді  як проте",
    "Аі ІА та,та,та; АЛЕ однак: ОДНАК, тоді\nяк",
    "ιͅ ;ͅ a;b",
]


@pytest.mark.parametrize(("raw", "leans"), CUTS)
def test_next_cut_as_the_whole_search(raw, leans):
    """``_next_cut`` finds the first break after every offset, shifted or not."""
    led = _led(raw)
    shifted = _shifted_cut(raw, led)
    assert (shifted is not None) is leans
    for text in CUT_TEXTS:
        for t in (text, text.upper(), text.lower()):
            for lo in range(len(t) + 1):
                m = led.search(t, lo + 1)
                want = -1 if m is None else m.start()
                assert _next_cut(t, lo, led, shifted) == want, (raw, t, lo)


@pytest.mark.parametrize("lang", [EN, UK])
def test_one_clause_as_the_full_path(lang, monkeypatch):
    """``_one_clause`` with the shifted cut as with ``clause_cut`` alone."""
    g = _grammar(lang)
    assert g.clause_shifted is not None
    texts = [t for c, t, _ in TEXTS if c is lang] + CUT_TEXTS
    got = []
    for shifted in (g.clause_shifted, None):
        monkeypatch.setattr(g, "clause_shifted", shifted)
        got.append(
            [
                _one_clause(t, [SimpleNamespace(start=hi)], lo, g)
                for t in texts
                for lo in range(len(t))
                for hi in range(lo, len(t), 3)
            ]
        )
    assert got[0] == got[1]
    assert True in got[0] and False in got[0]
