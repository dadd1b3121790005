"""The gazetteer's shortcuts of the fifth speed round give what they replace.

Issue 14. :meth:`Store.place` makes a place the first time it is asked for
(a long run makes thousands: every namesake of each new name), by position
and with :func:`gazetteer.frozen.quick_init`'s ``__init__``; each record is
compared with the one the dataclass's own ``__init__`` makes from the row's
fields by name, as the store made it before, on rows of every kind (oblasts,
raions, hromadas, settlements, districts, features; with and without the
optional columns).

:meth:`Matcher._judge` strips the text before a name once and reads the word
it ends with once, for the Ukrainian rules and for ``_previous_word``, and
asks ``_uk_free`` only for a name that is neither a region nor a big place
(it said yes to those). It is compared with the former ``_judge`` (kept
here verbatim) on every candidate of the test articles, English and
Ukrainian, and on names after and before every kind of neighbour: spaces,
tabs, line breaks and other white space, a first name, a club, a business
word or quote mark, a street word, a preposition, "на" before an oblast's
form, a settlement word, a sentence end.

A long candidate list with a former or other name among its candidates is
ranked from its ranking with only "village" and "city" (a variant) when a
context names the oblast or raion of some candidates, the lowered
candidates re-placed with the moved ones (``_Prepared._moved_in_tiers``);
it is compared with :func:`gazetteer.resolve._rank_all` on real lists (the
oblasts and raions of their former-named, official and big candidates
named, with and without "village" or "city", 0 and negative bonuses) and
on made-up lists where naming an oblast lowers an unmoved candidate.

:meth:`Gazetteer.resolve_mentions` keeps what it worked out of the last
article (the tables of the codes named, each mention's first reading) for
the next call with the same text, the same Mention objects and the same
sentences (the extraction's second call, for the items of a strike list).
Its answers are compared with those worked out afresh, for every article of
the tests and 120 bench articles, each asked twice with other mentions
(``only``), and for calls that must not reuse them: another text with the
same mentions, other sentences.
"""

from __future__ import annotations

import dataclasses
import random
import re
import sys
from pathlib import Path

import pytest

from gazetteer import frozen, get_gazetteer
from gazetteer import resolve as R
from gazetteer.frozen import dataclass_init
from gazetteer.matcher import (
    _NEXT_CAP,
    _SENTENCE_GAP,
    _UK_ADJECTIVE,
    _UK_LOWER_NEXT,
    Matcher,
    _phrase_start,
    _previous_word,
)
from gazetteer.normalize import fold_token
from gazetteer.records import Mention, Place


@pytest.fixture(scope="module")
def gaz():
    return get_gazetteer()


def _full_place(store, index: int) -> Place:
    """:meth:`Store.place` as it was: the dataclass's ``__init__``, by name."""
    f = store._rows[index].decode("utf-8").split("\t")
    a1, a2 = f[7], f[8]
    p = object.__new__(Place)
    dataclass_init(Place)(
        p,
        id=f[0],
        name=f[1],
        name_uk=f[2],
        kind=f[4],
        lat=float(f[5]),
        lon=float(f[6]),
        admin1_code=a1,
        admin1=store._admin1_names.get(a1, ""),
        admin2=store._admin2_names.get(a2, ""),
        admin2_code=a2,
        population=int(f[9] or 0),
        geonameid=int(f[10]) if f[10] else None,
        feature_code=f[11],
        official=len(f) > 12 and f[12] == "1",
        parent=f[13] if len(f) > 13 else "",
    )
    return p


def test_place_is_made_by_quick_init():
    assert Place in frozen._GENERATED  # tests/test_frozen.py checks the class


def _sample_rows(store) -> list[int]:
    """Rows of every kind, and of every number of columns, spread over the file."""
    n = len(store)
    rows = set(range(0, n, max(1, n // 3000)))
    seen: set[tuple[str, int, bool, bool]] = set()
    for i in range(n):
        f = store._rows[i].decode("utf-8").split("\t")
        shape = (f[4], len(f), bool(f[10]), bool(f[9]))
        if shape not in seen:
            seen.add(shape)
            rows.add(i)
    return sorted(rows)


def test_store_place_is_the_dataclass_record(gaz):
    store = gaz.store
    rows = _sample_rows(store)
    kinds = {store._rows[i].split(b"\t")[4] for i in rows}
    assert {b"oblast", b"raion", b"hromada", b"settlement", b"feature"} <= kinds
    for i in rows:
        store._places[i] = None  # made again, by the code under test
        got = store.place(i)
        want = _full_place(store, i)
        assert got == want and repr(got) == repr(want) and hash(got) == hash(want)
        for field in dataclasses.fields(Place):
            assert type(getattr(got, field.name)) is type(getattr(want, field.name))
        assert store.place(i) is got  # remembered


# -- judging a candidate name -----------------------------------------------------


def _full_judge(
    self: Matcher, text: str, start: int, end: int, key: str
) -> Mention | None:
    """:meth:`Matcher._judge` as it was before this round (verbatim)."""
    r = self.rules
    info = self._key_info.get(key) or self._info(key)
    entries, form, big, weak, never, needs_context, common, strict = info
    if never:
        return None
    surface = text[start:end]
    if len(surface) <= 3 and surface.isupper():
        return None  # acronyms: IEV, ODS
    before = text[max(0, start - 40) : start]
    cyrillic = not key.isascii()
    if cyrillic and r.uk is not None:
        last = before.rstrip().rsplit(None, 1)[-1:] if before.strip() else []
        raw_prev = last[0].lower() if last and before[-1:].isspace() else ""
        oblast = r.uk.oblast_after.get((raw_prev, key))
        if oblast:  # "на Запоріжжі": the oblast
            place = self.store.oblast(oblast)
            if place is not None:
                return Mention(start, end, surface, key, ((place, "g"),), "region")
        if not _full_uk_free(self, text, before, end, key, form, big):
            return None  # "вулиця Шевченка", "у Чорному морі"
        if common and not self._uk_common(text, before, end, raw_prev, strict):
            return None  # "Щастя", "Мирне" as words
    prev = _previous_word(before)
    if prev and prev in r.reject_preceders:
        return None  # "Shakhtar Donetsk"
    follow = _NEXT_CAP.match(text, end)
    word = follow.group(1) if follow else None
    if word and word in r.reject_followers:
        return None  # "Dnipro River"
    if form == "region" or (big and not needs_context):
        return Mention(start, end, surface, key, entries, form)
    # Whether a phrase like "the village of" stands before the name: it
    # only spares the name from the rules below, so it is searched when a
    # rule would reject the name without it (None: not searched yet; most
    # names pass every rule without asking).
    confirmed: bool | None = None
    if needs_context:
        confirmed = self._confirmed(before, cyrillic)
        if not confirmed and not self._oblast_follows(text, end):
            return None
    if word and not big and word not in r.allow_followers:
        if confirmed is None:
            confirmed = self._confirmed(before, cyrillic)
        if not confirmed and not (cyrillic and self._uk_first(fold_token(word))):
            return None  # "Volodymyr Zelensky", "Oleh Syniehubov"
    if (
        prev
        and not big
        and prev[:1].isupper()
        # before a Ukrainian name, only a capitalised word ("Іван", not
        # "FPV-дронами" or "ОВА") reads as a first name
        and (not cyrillic or (prev.isalpha() and prev[1:].islower()))
        and not ("-" in prev and prev.rsplit("-", 1)[1][:1].islower())
        and prev not in r.allow_preceders
        and not _SENTENCE_GAP.search(before[: before.rstrip().rfind(prev)] or "\n")
    ):
        if confirmed is None:
            confirmed = self._confirmed(before, cyrillic)
        if not confirmed:
            return None  # "Dmitry Peskov", "Sergei Lavrov"
    # A small place known only by a noisy alternate needs confirmation.
    if weak:
        if confirmed is None:
            confirmed = self._confirmed(before, cyrillic)
        if not confirmed and not self._oblast_follows(text, end, cyrillic):
            return None
    return Mention(start, end, surface, key, entries, form)


def _full_uk_free(
    self: Matcher, text: str, before: str, end: int, key: str, form: str, big: bool
) -> bool:
    """:meth:`Matcher._uk_free` as it was before this round (verbatim).

    Whether a Ukrainian name stands free, not inside another name.

    A big place always does. Another not after a business word or a quote
    mark ("ТЦ «Приморський»"), not before a lower-case noun it qualifies
    ("у Чорному морі"), and a one-word adjective not before a unit noun it
    is not known with ("Очаківському району").
    """
    uk = self.rules.uk
    assert uk is not None  # the caller checks
    if form == "region":
        return True
    if big:
        return True
    if (
        uk.reject_before is not None
        # (a cheap exact test: a text that no phrase's last word ends
        # cannot match; see _last_words)
        and (uk.reject_ends is None or before.rstrip().endswith(uk.reject_ends))
        and uk.reject_before.search(before, _phrase_start(before, uk.reject_words))
    ):
        return False
    nxt = _UK_LOWER_NEXT.match(text, end)
    if nxt and nxt.group(1) in uk.reject_followers:
        return False
    return not (
        " " not in key
        and _UK_ADJECTIVE.search(key)
        and uk.unit_next is not None
        and uk.unit_next.match(text, end)
    )


def _judged(
    m: Matcher, text: str
) -> list[tuple[tuple, Mention | None, Mention | None]]:
    """Each candidate ``find`` judges in ``text``: arguments, new and former verdict."""
    calls: list[tuple] = []
    judge = m._judge

    def spy(text: str, start: int, end: int, key: str) -> Mention | None:
        calls.append((text, start, end, key))
        return judge(text, start, end, key)

    m._judge = spy  # type: ignore[method-assign]
    try:
        m.find(text)
    finally:
        del m._judge
    return [(c[1:], m._judge(*c), _full_judge(m, *c)) for c in calls]


def _bench_texts(n: int) -> list[str]:
    """The first ``n`` articles of the English and the Ukrainian bench corpora."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    import corpus  # type: ignore[import-not-found]
    import corpus_uk  # type: ignore[import-not-found]

    return [d["text"] for gen in (corpus, corpus_uk) for d in gen.generate(n)]


def test_every_candidate_of_the_test_articles_is_judged_as_before(gaz, data_dir: Path):
    m = gaz.matcher
    texts = [
        p.read_text(encoding="utf-8")
        for folder in ("uk", "articles", "wire", "coded")
        for p in sorted((data_dir / folder).rglob("*.txt"))
    ] + _bench_texts(60)
    judged = [j for text in texts for j in _judged(m, text)]
    assert len(judged) > 1000
    for args, got, want in judged:
        assert got == want, args
    cyrillic = [j for j in judged if not j[0][2].isascii()]
    assert cyrillic and any(w is None for _, _, w in cyrillic)
    assert any(w is None for a, _, w in judged if a[2].isascii())


# what stands before a name: white space of every kind, words the rules read
_BEFORE = [
    "",
    " ",
    "\t",
    "\n",
    "  \n ",
    " \t ",
    "\u00a0",
    "\r\n",
    "x ",
    "x.",
    "x\t",
    "x\n",
    "x \n",
    "x\u00a0",
    "Shakhtar ",
    "Shakhtar\t",
    "Shakhtar\n",
    "Shakhtar\n ",
    "Shakhtar \n\t",
    "Shakhtar\r",
    "Shakhtar\u00a0",
    "Dmitry ",
    "Dmitry\t",
    "Dmitry\n ",
    "Dmitry\u00a0",
    "Russian-held ",
    "the village of ",
    "In ",
    "3 ",
    "FPV-дронами ",
    "Іван ",
    "Іван\t",
    "Іван\n",
    "Іван\n ",
    "Іван\u00a0",
    "ОВА ",
    "Шахтар ",
    "ТЦ «",
    "ТЦ « ",
    "фонд ",
    "вулиця ",
    "вулиця\n",
    "на ",
    "на\t",
    "на\n",
    "на\n ",
    "на\u00a0",
    "На ",
    "у ",
    "село ",
    "с. ",
    "Сьогодні ",
    "Він сказав. ",
    "Харків, ",
    "(",
]
_AFTER = ["", ".", " River", " морі", " району", ", Kharkiv", " Zelensky", " Іваненко"]
_NAMES = [
    "Kyiv",
    "Kharkiv",
    "Izium",
    "Ivanivka",
    "Union",
    "Bar",
    "Sloviansk",
    "Київ",
    "Харкові",
    "Запоріжжі",
    "Запоріжжю",
    "Мирне",
    "Щасті",
    "Іванівка",
    "Приморський",
    "Шевченка",
    "Очаківському",
    "Великій Новосілці",
    "Харківщині",
    "Оріхів",
]


@pytest.mark.parametrize("name", _NAMES)
def test_a_name_among_every_neighbour_is_judged_as_before(gaz, name: str):
    m = gaz.matcher
    seen = 0
    for before in _BEFORE:
        for after in _AFTER:
            for lead in ("", "Text  ", "Слово. "):
                text = f"{lead}{before}{name}{after} і далі."
                for args, got, want in _judged(m, text):
                    assert got == want, (text, args)
                    seen += 1
    assert seen


# -- a long list with a former or other name, ranked from its variant ---------------


def _tiered_keys(gaz) -> list[str]:
    """Names of many places of which one is named by a former or other name only."""
    out = []
    for key, value in gaz.store.names.items():
        items = value.split(",")
        if len(items) >= R._PREPARE_FROM and any(i[-1] in "fo" for i in items):
            out.append(key)
    return out


def _tier_contexts(entries, rng: random.Random) -> list[dict[str, float]]:
    """Contexts naming the codes of tiered, official, big and other candidates."""
    tiered = [p for p, q in entries if q in "fo"]
    official = [p for p, q in entries if q not in "fo" and p.official]
    big = [p for p, _ in entries if p.population >= R.BIG_CITY]
    every = [p for p, _ in entries]

    def codes(places) -> list[str]:
        return sorted(
            {p.admin1_code for p in places}
            | {p.admin2_code for p in places if p.admin2_code}
        )

    pools = [codes(x) for x in (tiered, official, big, every) if x]
    out: list[dict[str, float]] = []
    for _ in range(14):
        ctx: dict[str, float] = {}
        for pool in rng.sample(pools, rng.randint(1, len(pools))):
            for c in rng.sample(pool, min(len(pool), rng.randint(1, 2))):
                ctx[c] = rng.choice([0.0, 0.75, 1.5, 3.0, 6.0, 9.0, 12.0])
        roll = rng.random()
        if roll < 0.35:
            ctx["village"] = 3.0
        elif roll < 0.55:
            ctx["city"] = 3.0
        elif roll < 0.65:
            ctx["village"] = ctx["city"] = 3.0
        if rng.random() < 0.1:
            ctx[rng.choice(codes(every))] = -2.0  # a negative bonus
        out.append(ctx)
    return out


def test_a_long_list_with_old_names_ranks_as_candidate_by_candidate(gaz):
    rng = random.Random(5)
    keys = _tiered_keys(gaz)
    assert len(keys) > 100
    shortcut = 0
    for key in rng.sample(keys, 200):
        entries = tuple(gaz.store.entries(key))
        for ctx in _tier_contexts(entries, rng) * 2:  # made the second time
            got = R.rank(entries, ctx)
            want = R._rank_all(entries, ctx, None)
            assert got == want, (key, ctx)
            assert [c.why for c in got] == [c.why for c in want], (key, ctx)
            prepared = R._prepared(entries)
            if prepared is not None and prepared.tiered:
                # a context that moves a candidate, ranked by the shortcut
                moves = any(b and c in prepared.by_code for c, b in ctx.items())
                shortcut += moves and prepared.rank(ctx) is not None
    assert shortcut > 1000  # the shortcut is taken, not only the full ranking


def _place(pid, kind, a1, population, official=True):
    return Place(pid, pid, "", kind, 48.0, 35.0, a1, "", "", "", population, None,
                 "PPL", official)  # fmt: skip


def _fillers() -> list[tuple[Place, str]]:
    return [
        (_place(f"p{i}", "settlement", f"UA-1{i}", 50 * i, official=False), "a")
        for i in range(5)
    ]


# (entries, context): each names the oblast of a candidate that raises the bar
# of a tier, so that an unmoved candidate of that tier is lowered
_FLIPS = [
    # a hromada of 150,000 (no "village" bonus, not a big city) and a village
    # once named like it, raised by "village": named, the hromada raises the
    # bar past the village's "village" bonus
    (
        [
            (_place("h", "hromada", "UA-01", 150_000), "p"),
            (_place("v", "settlement", "UA-02", 900), "f"),
        ],
        {"village": 3.0, "UA-01": 6.0},
    ),
    # the same with another name (tier 2) and a former name (tier 1), whose
    # own oblast is named too: it raises the bar of tier 2
    (
        [
            (_place("h", "hromada", "UA-01", 150_000), "p"),
            (_place("v", "settlement", "UA-02", 900), "f"),
            (_place("w", "settlement", "UA-03", 800), "o"),
        ],
        {"village": 3.0, "UA-02": 9.0},
    ),
    # a big city named by its oblast: the bar is its bonus and 6
    (
        [
            (_place("c", "settlement", "UA-01", 200_000), "p"),
            (_place("v", "settlement", "UA-02", 900), "f"),
        ],
        {"city": 3.0, "UA-01": 1.5},
    ),
    # with no "village" or "city": a bar at 0 rises
    (
        [
            (_place("h", "hromada", "UA-01", 150_000), "p"),
            (_place("v", "settlement", "UA-02", 900), "f"),
        ],
        {"UA-01": 1.5, "UA-02": 0.75},
    ),
]


@pytest.mark.parametrize("entries, ctx", _FLIPS)
def test_an_oblast_named_lowers_an_unmoved_old_name_as_candidate_by_candidate(
    entries, ctx
):
    entries = (*entries, *_fillers())
    want = R._rank_all(entries, ctx, None)
    for _ in range(2):  # (the shortcut is made the second time)
        got = R.rank(entries, ctx)
        assert got == want
        assert [c.why for c in got] == [c.why for c in want]
    prepared = R._prepared(entries)
    assert prepared is not None and prepared.tiered
    assert prepared.rank(ctx) == want  # by the shortcut, not in full


# -- the last article's tables, kept for the next call on it --------------------------


def _fresh_resolve(gaz, text, mentions, only=None, sentences=None):
    gaz._last_article = None  # nothing kept: worked out afresh
    return gaz.resolve_mentions(text, mentions, only=only, sentences=sentences)


def test_a_second_call_on_an_article_resolves_as_afresh(gaz, data_dir: Path):
    texts = [
        p.read_text(encoding="utf-8")
        for folder in ("uk", "articles", "wire", "coded")
        for p in sorted((data_dir / folder).rglob("*.txt"))
    ] + _bench_texts(60)
    rng = random.Random(7)
    reused = 0
    for text in texts:
        mentions = gaz.find_mentions(text)
        if not mentions:
            continue
        sentences = [m.span() for m in re.finditer(r"[^.!?\n]+[.!?]?", text)]
        n = len(mentions)
        for sents in (None, sentences):
            first = set(rng.sample(range(n), rng.randint(0, n)))
            second = set(rng.sample(range(n), rng.randint(0, n)))
            for only in (first, second, None, first):
                gaz.resolve_mentions(text, mentions, only=first, sentences=sents)
                tables = gaz._last_article[3]
                got = gaz.resolve_mentions(
                    text, list(mentions), only=only, sentences=sents
                )
                reused += gaz._last_article[3] is tables
                assert got == _fresh_resolve(gaz, text, mentions, only, sents)
    assert reused > 1000


# "the village of" and a sentence naming the oblast move the namesakes
_TEXT = "Shelling hit the village of Ivanivka. Kharkiv region was also hit."


def test_another_text_or_other_sentences_are_not_read_from_the_last_article(gaz):
    mentions = gaz.find_mentions(_TEXT)
    assert [m.surface for m in mentions] == ["Ivanivka", "Kharkiv region"]
    one = [(0, len(_TEXT))]
    two = [(0, 37), (38, len(_TEXT))]
    # the same mentions in a text without the cue (the same offsets)
    other = _TEXT.replace("village of", "villagx of")
    calls = [(_TEXT, two), (other, two), (_TEXT, two), (_TEXT, one), (_TEXT, None)]
    answers = []
    for text, sents in calls:
        got = gaz.resolve_mentions(text, mentions, sentences=sents)
        assert got == _fresh_resolve(gaz, text, mentions, None, sents)
        gaz.resolve_mentions(*calls[0][:1], mentions, sentences=calls[0][1])
        assert gaz.resolve_mentions(text, mentions, sentences=sents) == got
        answers.append(got)
    # (each call above reads something of its own: a kept answer would show)
    assert answers[0] != answers[1] and answers[2] != answers[3]
    # other mentions, as many, in the same text: Ivanivka's list narrowed
    narrowed = [dataclasses.replace(mentions[0], entries=mentions[0].entries[-1:])]
    narrowed.append(mentions[1])
    gaz.resolve_mentions(_TEXT, mentions, sentences=two)
    got = gaz.resolve_mentions(_TEXT, narrowed, sentences=two)
    assert got == _fresh_resolve(gaz, _TEXT, narrowed, None, two) != answers[0]
