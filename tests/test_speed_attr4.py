"""The shortcuts of geo.extract.attributes (fourth round) give what the full forms give.

The adjective of a member of a list of people is read as an atomic group
(``(?>...)``, Python 3.11): the engine does not go back into it.  That is
exact only if, at any place, the first match of a language's adjective is
the only one whitespace can follow (the item regex asks for ``\\s+`` after
it).  The tests ask that of each language's adjective at every place of
hand-made and bench texts, and compare the item regex with the one built
without the atomic group.
"""

from __future__ import annotations

import importlib
import re
import sys
from functools import cache
from pathlib import Path

import pytest

from geo.extract import attributes as A
from geo.lang import language

pytestmark = pytest.mark.skipif(
    not A._ATOMIC, reason="atomic groups need Python 3.11 (the regex is as before)"
)

# (language, text): members, adjectives, words an adjective's start or end
# cuts (a hyphen, a digit, an apostrophe, punctuation right after a word)
TEXTS = [
    ("en", "Two elderly women and a 12-year-old boy were killed."),
    ("en", "At the same time, multiple rocket launchers struck the village."),
    ("en", "a well-known local man, three more people and her son died"),
    ("en", "the well-known-5 man; two 7-year-old-ish kids, an ab-cd-ef  woman"),
    ("en", "killing a father and son, wounding two children and a mother"),
    ("en", "one young-adult man-5 was hurt, the ſtrong man and the Kelvin man"),
    ("en", "4 dead and 12 injured, and the couple and an elderly couple"),
    ("uk", "– у Сваляво четверо загиблих, зруйновано адмінбудівлю;"),
    ("uk", "Внаслідок удару поранено сімох людей, пошкоджено лінію електропередачі."),
    ("uk", "Загинули 45-річна жінка, її син та двоє літніх пенсіонерів."),
    ("uk", "її5 син, їхні5 діти, його, їхній батько та 7-річний-5 хлопчик"),
    ("uk", "Літнє подружжя та їхні діти загинули, троє чоловіків поранено."),
    ("uk", "Водій вантажівки загинув, а пасажирка та дівчинка травмовані."),
    ("uk", "на та за не ні жодних людей, жодна жінка; ще одна жінка поранена"),
]


def _bench_module(name: str):
    """A module of bench/ (the synthetic corpora), loaded by path."""
    bench = Path(__file__).resolve().parent.parent / "bench"
    if str(bench) not in sys.path:
        sys.path.insert(0, str(bench))  # corpus_uk imports corpus
    return importlib.import_module(name)


@cache
def _bench_sentences(code: str) -> tuple[str, ...]:
    """The casualty sentences of 80 bench articles of a language."""
    name = "corpus" if code == "en" else "corpus_uk"
    g = A._casualty_grammar(language(code))
    out = []
    for d in _bench_module(name).generate(80):
        for s in re.split(r"(?<=[.!?;])\s+|\n+", d["text"]):
            if g.keyword.search(s.lower()):
                out.append(s)
    return tuple(out)


def _adjective_rxs(code: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The adjective then whitespace: as written, and as an atomic group."""
    adjective = language(code).lexicon["casualties"]["adjective"]
    full = re.compile(rf"(?:{adjective})(?=\s)", re.IGNORECASE)
    atomic = re.compile(rf"(?>{adjective})(?=\s)", re.IGNORECASE)
    return full, atomic


def _old_item(code: str, monkeypatch: pytest.MonkeyPatch) -> re.Pattern[str]:
    """The item regex without the atomic group (as before)."""
    lang = language(code)
    nums = A._numbers(lang)
    with monkeypatch.context() as m:
        m.setattr(A, "_ATOMIC", False)
        return A._item_regex(lang.lexicon["casualties"], nums.can_num + nums.num)


def _same_matches(a: re.Pattern[str], b: re.Pattern[str], text: str) -> None:
    for i in range(len(text) + 1):
        x, y = a.match(text, i), b.match(text, i)
        assert (x and (x.span(), x.groupdict())) == (y and (y.span(), y.groupdict())), (
            text[i:]
        )


@pytest.mark.parametrize(("code", "text"), TEXTS)
def test_adjective_first_match_is_the_one_whitespace_follows(
    code: str, text: str
) -> None:
    full, atomic = _adjective_rxs(code)
    for i in range(len(text) + 1):
        a, b = full.match(text, i), atomic.match(text, i)
        assert (a and a.span()) == (b and b.span()), text[i:]


@pytest.mark.parametrize("code", ["en", "uk"])
def test_adjective_first_match_in_bench_sentences(code: str) -> None:
    full, atomic = _adjective_rxs(code)
    sentences = _bench_sentences(code)
    assert len(sentences) > 50
    for text in sentences:
        for i in range(len(text) + 1):
            a, b = full.match(text, i), atomic.match(text, i)
            assert (a and a.span()) == (b and b.span()), text[i:]


@pytest.mark.parametrize(("code", "text"), TEXTS)
def test_item_regex_as_before(
    code: str, text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    new = A._casualty_grammar(language(code)).item
    old = _old_item(code, monkeypatch)
    assert "(?>" in new.pattern and "(?>" not in old.pattern
    _same_matches(old, new, text)


@pytest.mark.parametrize("code", ["en", "uk"])
def test_item_regex_as_before_in_bench_sentences(
    code: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    new = A._casualty_grammar(language(code)).item
    old = _old_item(code, monkeypatch)
    for text in _bench_sentences(code):
        _same_matches(old, new, text)


@pytest.mark.parametrize(("code", "text"), TEXTS)
def test_casualties_as_before(
    code: str, text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    lang = language(code)
    new = A.casualties(text, lang)
    g = A._casualty_grammar(lang)
    with monkeypatch.context() as m:
        m.setattr(g, "item", _old_item(code, monkeypatch))
        old = A.casualties(text, lang)
    assert new == old
