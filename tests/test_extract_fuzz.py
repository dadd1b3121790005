"""Hostile text through extraction and merging (issue 10): property-based tests.

Random text -- any Unicode code point, lone surrogates, NUL, bidirectional
marks, letters whose lower case is longer, digits of other scripts, figures of
thousands of digits -- glued with place names from the gazetteer and words of
strike reports, goes through :func:`geo.extract.extract` (what the pipeline
calls) and :func:`geo.events.merge.merge_reports` /
:func:`geo.events.merge.event_features`.
No exception may escape, every figure stays a sane count (see
:data:`geo.extract.attributes.MAX_FIGURE`), every warning is one line, and the time
grows linearly with the text.
"""

from __future__ import annotations

import functools
import json
import random
import re
import sys
import time
from datetime import date

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from geo.events.merge import event_features, merge_reports
from geo.extract.attributes import MAX_FIGURE
from geo.extract.extractor import MAX_MENTIONS, extract
from geo.ingest import Article

_SETTINGS = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@functools.lru_cache(maxsize=1)
def _names() -> tuple[str, ...]:
    """Place names from the gazetteer, English and Ukrainian, in a fixed order."""
    from gazetteer import get_gazetteer

    places = sorted(
        (p for p in get_gazetteer().store.iter_places() if p.population >= 20_000),
        key=lambda p: p.id,
    )
    names = {p.name for p in places} | {p.name_uk for p in places if p.name_uk}
    names |= {f"{p.admin1.removesuffix(' Oblast')} region" for p in places if p.admin1}
    return tuple(sorted(names))


_WORDS = [
    "struck", "hit", "drones", "a missile", "shelling", "glide bombs", "killed",
    "killing", "injured", "wounding", "people", "workers", "a man and his son",
    "overnight", "on Monday", "on the 30th", "last week", "yesterday", "the city",
    "the Ukrainian capital", "near", "district", "village of", "launched", "fired",
    "local officials said", "the death toll rose to", "no one was hurt", "Russia's",
    "Belgorod", "Rostov region", "talks in", "west of", "the mayor of", "and", ",",
    ".", ";", " — ", "(", ")", "\n", "\n\n", "'s",
]  # fmt: skip
# Characters that break naive text handling.
_ODD = [
    "\x00", "\ud800", "\udfff", "\u200f", "\u202e", "\u2066", "\ufeff", "\u0130",
    "ẞ", "Σ", "\u0663", "\uff13", "\u2028", "\r", "\t", "\x85", "\U0001f4a5",
]  # fmt: skip
# Every code point, surrogates included.
_ANY_CHAR = st.characters(
    min_codepoint=0, max_codepoint=sys.maxunicode, categories=None
)


def _huge() -> st.SearchStrategy[str]:
    return st.one_of(
        st.integers(min_value=0, max_value=10**30).map(str),
        st.integers(min_value=20, max_value=5000).map(lambda n: "9" * n),
        st.sampled_from(["1,000,000", "100,000", "100,001", "007", "0"]),
    )


@st.composite
def _token(draw) -> str:
    kind = draw(st.integers(min_value=0, max_value=9))
    if kind <= 2:
        return draw(st.sampled_from(_names()))
    if kind <= 5:
        return draw(st.sampled_from(_WORDS))
    if kind == 6:
        return draw(_huge()) + draw(
            st.sampled_from([" people were killed", " drones", ""])
        )
    if kind == 7:
        return draw(st.sampled_from(_ODD))
    return draw(st.text(alphabet=_ANY_CHAR, max_size=12))


_TEXT = st.lists(_token(), max_size=80).flatmap(
    lambda tokens: st.lists(
        st.sampled_from([" ", "", ", ", ". ", "\n"]),
        min_size=len(tokens),
        max_size=len(tokens),
    ).map(lambda seps: "".join(t + s for t, s in zip(tokens, seps, strict=True)))
)
_PUBLISHED = st.one_of(
    st.none(),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
    st.dates(min_value=date(2022, 1, 1), max_value=date(2026, 12, 31)),
)


def _article(text: str, published: date | None, id: str = "fuzz") -> Article:
    return Article(id, text, published, "option", None, None, id)


def _sane(n: int | None) -> bool:
    return n is None or (isinstance(n, int) and 0 <= n <= MAX_FIGURE)


def _check(ex) -> None:
    for r in ex.reports:
        assert _sane(r.killed) and _sane(r.injured), (r.killed, r.injured)
        assert all(_sane(n) for _, n in r.launched), r.launched
        assert r.evidence and all(isinstance(e, str) for e in r.evidence)
        if r.window is not None:
            assert r.window[0] <= r.window[1]
    assert len(ex.reports) + len(ex.ignored) <= MAX_MENTIONS
    assert len(ex.outside) <= MAX_MENTIONS
    for w in ex.warnings:
        assert isinstance(w, str) and w and "\n" not in w and "\r" not in w


@_SETTINGS
@given(text=_TEXT, published=_PUBLISHED)
@example(text="Drones hit Kyiv on the 30th.", published=date(1, 1, 1))
@example(text="Drones hit Kyiv overnight.", published=date(9999, 12, 31))
@example(
    text="A missile hit Odesa; 99999999999999999999 people were killed.", published=None
)
@example(text="Shelling hit Sumy, injuring " + "9" * 5000 + " people.", published=None)
@example(text="Drones hit Lviv\ud800, killing two\x00 people\u202e.", published=None)
@example(text="Russia launched 99999999999999999999 drones at Kharkiv.", published=None)
def test_no_exception_escapes_extraction_and_figures_stay_sane(text, published):
    _check(extract(_article(text, published)))


@_SETTINGS
@given(texts=st.lists(st.tuples(_TEXT, _PUBLISHED), min_size=1, max_size=4))
@example(
    texts=[("Alchevsk struck ", None)],
).via("discovered failure")
def test_merging_hostile_articles_gives_valid_features(texts):
    reports = []
    for i, (text, published) in enumerate(texts):
        ex = extract(_article(text, published, id=f"a{i}\ud800\n"))
        _check(ex)
        reports.extend(ex.reports)
    features = event_features(merge_reports(reports))
    json.dumps(features, allow_nan=False)  # surrogates are escaped, never raised
    for f in features:
        p = f["properties"]
        assert _sane(p["killed"]) and _sane(p["injured"])
        assert all(_sane(n) for n in p["launched"].values())
    # the same reports in another order: the same features
    assert event_features(merge_reports(reversed(reports))) == features


# -- the prefilter's windows find what the regex finds ----------------------------
def _patterns():
    from geo.extract.cues import _rules, discourse
    from geo.extract.lexicon import class_matcher
    from geo.lang import language

    rules = _rules(language("en"))
    return [
        class_matcher("attack")._fast,
        rules.before,
        rules.clause,
        discourse().near,
        discourse().capital,
    ]


_LONG_TEXT = st.lists(
    st.one_of(
        st.sampled_from(_WORDS),
        st.sampled_from(_ODD),
        st.text(alphabet=_ANY_CHAR, max_size=6),
    ),
    min_size=150,
    max_size=300,
).map(" ".join)


@settings(_SETTINGS, max_examples=20)
@given(text=_LONG_TEXT, data=st.data())
def test_fast_pattern_windows_agree_with_the_regex(text, data):
    n = len(text)
    pos = data.draw(st.integers(min_value=-5, max_value=n + 5))
    endpos = data.draw(st.integers(min_value=-5, max_value=n + 5))
    for fast in _patterns():
        rx = fast.regex

        def span(m):
            return None if m is None else m.span()

        assert span(fast.search(text, pos, endpos)) == span(
            rx.search(text, pos, endpos)
        )
        assert [m.span() for m in fast.matches(text, pos=pos, endpos=endpos)] == [
            m.span() for m in rx.finditer(text, pos, endpos)
        ]
        expected, m = [], rx.search(text, pos, endpos)
        while m is not None:
            expected.append(m.span())
            m = rx.search(text, m.start() + 1, endpos)
        assert [m.span() for m in fast.overlapping(text, pos, endpos)] == expected


# -- time stays linear on hostile text --------------------------------------------
def _hostile(size: int, seed: int) -> str:
    rng = random.Random(seed)
    names = _names()
    out, n = [], 0
    while n < size:
        r = rng.random()
        if r < 0.3:
            tok = rng.choice(names)
        elif r < 0.8:
            tok = rng.choice(_WORDS)
        elif r < 0.9:
            tok = rng.choice(_ODD)
        else:
            tok = str(rng.randrange(10**25)) + " people were killed"
        out.append(tok)
        n += len(tok) + 1
    # no sentence ends: one "sentence" of the whole text
    return re.sub(r"[.\n]", " ", " ".join(out))


def _cpu(text: str) -> float:
    t = time.process_time()
    _check(extract(_article(text, date(2025, 3, 12))))
    return time.process_time() - t


@pytest.mark.parametrize("size", [6_000])
def test_extraction_time_on_hostile_text_grows_linearly(size):
    _cpu(_hostile(2000, 0))
    once = min(_cpu(_hostile(size, s)) for s in (1, 2))
    four = _cpu(_hostile(4 * size, 3))
    assert four < 8 * once, (once, four)
