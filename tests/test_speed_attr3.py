"""The shortcuts of geo.extract.reports (and attributes) give what the full forms give.

Each test compares a shortcut with the code it replaces: a report made by
position with the one made by keywords (sets of none or one not sorted), a
draft made by position with the one made by keywords, the figures of
:meth:`Draft.add` written out with :func:`_most` and the set updates it skips.
"""

from __future__ import annotations

import copy
import dataclasses
import importlib
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

import geo.extract.extractor as E
from gazetteer import get_gazetteer
from geo.extract import attributes as A
from geo.extract import reports as R
from geo.extract.attributes import Attributes, Casualties, attributes, casualties
from geo.extract.dating import DatedPlace
from geo.extract.records import LEVEL_OF_KIND, PRECISION_OF_KIND, Report
from geo.extract.roles import StruckPlace, km
from geo.ingest import Article
from geo.lang import language

REF = date(2025, 3, 12)

# (language, sentence): figures, weapons, targets and launch counts or none
SENTENCES = [
    ("en", "Russia fired 40 drones and 3 missiles at Odesa, killing two people."),
    ("en", "A school was damaged and five were injured."),
    ("en", "Drones hit a power plant and an apartment block; 12 people were hurt."),
    ("en", "The mayor said the city was quiet."),
    ("en", "At least 7 people died and 30 were wounded, and 120 missiles were fired."),
    ("uk", "Ворог випустив 85 шахедів і 3 ракети, загинули двоє людей."),
    ("uk", "Пошкоджено школу та адмінбудівлю, троє людей поранено."),
    ("uk", "Увечері пролунали вибухи, постраждалих немає."),
    ("uk", "У місті було тихо."),
]


@pytest.fixture(scope="module")
def places():
    gaz = get_gazetteer()
    return [gaz.lookup(n).place for n in ("Odesa", "Kharkiv", "Kyiv")]


def _dated(place, day, window, dated, note, confidence=0.8) -> DatedPlace:
    return DatedPlace(
        StruckPlace(place, confidence, note, 0), day, "day", window, dated, None
    )


def _keyword_draft(d: DatedPlace) -> R.Draft:
    """Draft.of as it was: by keywords."""
    return R.Draft(
        place=d.struck.place,
        date=d.date,
        date_precision=d.precision,
        window=d.window,
        dated=d.dated,
        confidence=d.struck.confidence,
        note=d.struck.note,
    )


def _keyword_reports(article: Article, drafts, sides) -> tuple[Report, ...]:
    """to_reports as it was: by keywords, every set sorted."""
    return tuple(
        Report(
            article=article.id,
            url=article.url,
            published=article.published,
            place=d.place,
            precision=PRECISION_OF_KIND.get(d.place.kind, "settlement"),
            date=d.date,
            date_precision=d.date_precision if d.date else "unknown",
            window=d.window,
            killed=d.killed,
            injured=d.injured,
            weapons=tuple(sorted(d.weapons)),
            targets=tuple(sorted(d.targets)),
            launched=tuple(sorted(d.launched.items())),
            evidence=tuple(d.evidence.values()),
            note=d.note,
            confidence=round(d.confidence, 3),
            lang=article.lang,
            actor=side,
        )
        for d, side in zip(drafts, sides, strict=True)
    )


def _most(a, b):
    return a if b is None else b if a is None else max(a, b)


def _keyword_add(d: R.Draft, sentence, start, lang, casualty_text=None) -> None:
    """Draft.add as it was: _most for each figure, every set updated."""
    d.evidence.setdefault(start, sentence)
    c = casualties(sentence if casualty_text is None else casualty_text, lang)
    d.killed = _most(d.killed, c.killed)
    d.injured = _most(d.injured, c.injured)
    a = attributes(sentence, lang)
    d.weapons.update(a.weapons)
    d.targets.update(a.targets)
    for weapon, n in a.launched:
        d.launched[weapon] = max(d.launched.get(weapon, 0), n)


# weapons / targets of none, one and several (sorted by the reports or not)
SETS = [
    set(),
    {"drone"},
    {"missile", "drone"},
    {"ballistic_missile", "cruise_missile", "bomb"},
    # eight: their set order is not the sorted one (see the test)
    {
        "drone",
        "missile",
        "ballistic_missile",
        "cruise_missile",
        "glide_bomb",
        "artillery",
        "rocket",
        "bomb",
    },
]
LAUNCHED = [{}, {"drone": 40}, {"missile": 3, "drone": 40}]


@pytest.mark.parametrize("lang", ["en", "uk", None])
@pytest.mark.parametrize("weapons", SETS)
@pytest.mark.parametrize("launched", LAUNCHED)
def test_reports_by_position_are_the_keyword_reports(places, lang, weapons, launched):
    article = Article(
        "a.txt", "text", REF, "option", "https://x", "T", "a.txt", (), lang
    )
    drafts = []
    for i, (place, day, dated) in enumerate(
        [(places[0], REF, True), (places[1], None, False), (places[2], REF, False)]
    ):
        d = R.Draft.of(
            _dated(place, day, (REF, REF) if day else None, dated, "near", 0.81234)
        )
        d.killed, d.injured = (None, 3, 0)[i], (5, None, 2)[i]
        d.weapons = set(weapons)
        d.targets = set(SETS[(i + 1) % len(SETS)])
        d.launched = dict(launched)
        d.evidence = {0: "one", 9: "two"}
        drafts.append(d)
    sides = ["russia", "unknown", "ukraine"]
    # a set that the reports must sort (else a test of nothing)
    assert any(tuple(s) != tuple(sorted(s)) for s in SETS)
    new = R.to_reports(article, drafts, sides)
    old = _keyword_reports(article, drafts, sides)
    assert new == old
    assert repr(new) == repr(old)
    # no actors: each "unknown", as before
    assert R.to_reports(article, drafts) == _keyword_reports(
        article, drafts, ["unknown"] * 3
    )


@pytest.mark.parametrize("dated", [True, False])
@pytest.mark.parametrize("note", [None, "near Kharkiv"])
def test_draft_of_by_position_is_the_keyword_draft(places, dated, note):
    dp = _dated(places[0], REF, (REF, date(2025, 3, 14)), dated, note, 0.55)
    new, old = R.Draft.of(dp), _keyword_draft(dp)
    assert new == old
    assert [getattr(new, f.name) for f in dataclasses.fields(new)] == [
        getattr(old, f.name) for f in dataclasses.fields(old)
    ]


@pytest.mark.parametrize("order", [1, -1])
@pytest.mark.parametrize("code", ["en", "uk"])
def test_add_gathers_what_the_full_add_gathers(places, code, order):
    lang = language(code)
    texts = [t for c, t in SENTENCES if c == code][::order]
    new = R.Draft.of(_dated(places[0], REF, (REF, REF), True, None))
    old = R.Draft.of(_dated(places[0], REF, (REF, REF), True, None))
    for i, text in enumerate(texts):
        new.add(text, i * 100, lang)
        _keyword_add(old, text, i * 100, lang)
        assert new == old
        # a part of the sentence for the figures
        part = text[len(text) // 2 :]
        new.add(text, i * 100, lang, casualty_text=part)
        _keyword_add(old, text, i * 100, lang, casualty_text=part)
        assert new == old


FIGURES = [None, 0, 1, 5, 12]


@pytest.mark.parametrize("before", FIGURES)
@pytest.mark.parametrize("stated", FIGURES)
def test_add_keeps_the_higher_figure_as_most_does(places, monkeypatch, before, stated):
    c = Casualties(stated, stated)
    a = Attributes((), (), ())
    monkeypatch.setattr(R, "_casualties", lambda text, lang: c)
    monkeypatch.setattr(R, "_attributes", lambda text, lang: a)
    d = R.Draft.of(_dated(places[0], REF, (REF, REF), True, None))
    d.killed, d.injured = before, before
    d.add("text", 0)
    assert (d.killed, d.injured) == (_most(before, stated), _most(before, stated))


# ------------------------------------------------------------------ combine


def _ref_same_place(drafts):
    out, by_place = [], defaultdict(list)
    for d in drafts:
        same = by_place[d.place.id]
        for o in same:
            if R.overlap(o, d):
                R.absorb(o, d)
                break
        else:
            out.append(d)
            same.append(d)
    return out


def _ref_undated_into_dated(out):
    dated_of = defaultdict(list)
    for o in out:
        if o.dated:
            dated_of[o.place.id].append(o)
    gone = set()
    for d in out:
        if not d.dated:
            dated = dated_of.get(d.place.id, ())
            if len(dated) == 1:
                R.absorb(dated[0], d)
                gone.add(id(d))
    return [d for d in out if id(d) not in gone]


def _ref_parts_into_cities(out):
    cities_in = defaultdict(list)
    for o in out:
        if o.place.kind == "settlement" and o.place.population >= 50_000:
            cities_in[o.place.admin1_code].append(o)
    gone = set()
    for d in out:
        if not R.city_part(d.place):
            continue
        cities = [
            o
            for o in cities_in.get(d.place.admin1_code, ())
            if o is not d and km(o.place, d.place) <= 15.0 and R.overlap(o, d)
        ]
        if cities:
            city = min(cities, key=lambda o: km(o.place, d.place))
            R.absorb(city, d)
            city.note = "; ".join(x for x in (city.note, d.place.name) if x)
            gone.add(id(d))
    return [d for d in out if id(d) not in gone]


def _ref_area_into_place(out, level):
    rank = LEVEL_OF_KIND[level]
    below = defaultdict(list)
    for o in out:
        if LEVEL_OF_KIND.get(o.place.kind, 0) < rank:
            a2 = None if level == "oblast" else o.place.admin2_code
            below[(o.place.admin1_code, a2)].append(o)
    gone = set()
    for d in out:
        if d.place.kind != level:
            continue
        a2 = None if level == "oblast" else d.place.admin2_code
        local = []
        for o in below.get((d.place.admin1_code, a2), ()):
            if level == "hromada" and not R._in_hromada(o.place, d.place):
                continue
            if R.overlap(o, d):
                local.append(o)
                if len(local) > 1:
                    break
        if len(local) == 1:
            R.absorb(local[0], d)
            gone.add(id(d))
        elif local and level == "oblast":
            gone.add(id(d))
    return [d for d in out if id(d) not in gone]


def _ref_combine(drafts):
    """combine as it was: every index built, whatever the drafts."""
    out = _ref_same_place(drafts)
    out = _ref_undated_into_dated(out)
    out = _ref_parts_into_cities(out)
    for level in ("hromada", "raion", "oblast"):
        out = _ref_area_into_place(out, level)
    return out


def _bench_module(name: str):
    """A module of bench/ (the synthetic corpora), loaded by path."""
    bench = Path(__file__).resolve().parent.parent / "bench"
    if str(bench) not in sys.path:
        sys.path.insert(0, str(bench))  # corpus_uk imports corpus
    return importlib.import_module(name)


@pytest.fixture(scope="module")
def article_drafts():
    """The drafts combine is given for 120 bench articles of each language."""
    found: list[list[R.Draft]] = []
    real = E.combine

    def keep(drafts):
        found.append(copy.deepcopy(drafts))
        return real(drafts)

    ex = E.Extractor()
    E.combine = keep
    try:
        for code, name in (("en", "corpus"), ("uk", "corpus_uk")):
            for d in _bench_module(name).generate(120):
                ex.extract(
                    Article(
                        d["id"],
                        d["text"],
                        date.fromisoformat(d["date"]),
                        "jsonl",
                        None,
                        None,
                        d["id"],
                        (),
                        code,
                    )
                )
    finally:
        E.combine = real
    return found


def _state(drafts):
    return [[getattr(d, f.name) for f in dataclasses.fields(d)] for d in drafts]


def test_combine_merges_as_when_every_index_is_built(article_drafts, places):
    gaz = get_gazetteer()
    odesa = gaz.lookup("Odesa").place
    oblast = gaz.admin1(odesa.admin1_code)
    cases = list(article_drafts)
    # made by hand: an undated draft of a dated place, an oblast and its
    # one place, parts of no city, every draft dated
    cases.append(
        [
            R.Draft.of(_dated(odesa, REF, (REF, REF), True, None)),
            R.Draft.of(_dated(odesa, REF, None, False, None)),
            R.Draft.of(_dated(oblast, REF, (REF, REF), True, None)),
        ]
    )
    cases.append([R.Draft.of(_dated(p, REF, (REF, REF), True, None)) for p in places])
    # an undated draft another day than the dated one (not the same place's)
    cases.append(
        [
            R.Draft.of(_dated(odesa, REF, (REF, REF), True, None)),
            R.Draft.of(_dated(odesa, date(2025, 3, 11), None, False, None)),
            R.Draft.of(_dated(places[1], REF, (REF, REF), True, None)),
        ]
    )
    # a raion, a hromada and the one town reported in them
    izmail = gaz.lookup("Izmail").place
    for area in (gaz.lookup("Izmail raion").place, gaz.place(izmail.parent)):
        cases.append(
            [
                R.Draft.of(_dated(area, REF, (REF, REF), True, None)),
                R.Draft.of(_dated(izmail, REF, (REF, REF), True, "near")),
            ]
        )
    kinds = {d.place.kind for c in cases for d in c}
    # the skips are taken and not taken: drafts of each level and none
    assert {"oblast", "raion", "hromada", "district", "settlement"} <= kinds
    assert any(all(d.dated for d in c) for c in cases)
    assert any(not d.dated for c in cases for d in c)
    assert any(R.city_part(d.place) for c in cases for d in c)
    assert any(not any(d.place.kind == "oblast" for d in c) for c in cases)
    merged = set()
    for case in cases:
        new_in, old_in = copy.deepcopy(case), copy.deepcopy(case)
        new, old = R.combine(new_in), _ref_combine(old_in)
        assert _state(new) == _state(old)
        assert _state(new_in) == _state(old_in)  # the drafts absorbed into
        if len(new) < len(case):
            merged |= {d.place.kind for d in case}
    # and drafts of every kind were merged somewhere (not a test of nothing)
    assert {"oblast", "raion", "hromada", "settlement"} <= merged


# ------------------------------------------------- casualties: the rare forms

# (language, text, whether one of the four forms but none_both is in it)
RARE = [
    ("en", "No casualties were reported, officials said.", False),
    ("en", "There were no immediate reports of casualties after 3 drones hit.", False),
    ("en", "No one was killed, but 4 people were injured.", True),
    ("en", "The death toll rose to 19, and nobody was injured in Kharkiv.", True),
    ("en", "Fatalities: 0. Injured: 5.", True),
    ("en", "No reports of casualties; the number of injured has risen to 12.", True),
    ("en", "Two people were killed and 5 injured.", False),
    ("uk", "Увечері пролунали вибухи, без постраждалих.", False),
    ("uk", "Без постраждалих, ніхто не загинув, але троє поранені.", True),
    ("uk", "Ніхто не загинув, без поранених.", True),
    ("uk", "Кількість загиблих зросла до 7, без постраждалих серед дітей.", True),
    ("uk", "Загинули двоє людей, п'ятеро поранені.", False),
]


def _full_read(text: str, low: str, g) -> Casualties:
    """attributes._read asking every rare form, whatever the text holds."""
    out = A._Figures(text, g)
    A._stated_none(text, low, g, out)
    A._tolls(text, low, g, out)
    A._bodies(text, low, g, out)
    A._passive(text, low, g, out)
    A._active(text, low, g, out)
    killed = [n for n in out.killed if n <= g.max_people]
    injured = [n for n in out.injured if n <= g.max_people]
    return Casualties(
        max(killed) if killed else None, max(injured) if injured else None
    )


@pytest.mark.parametrize(("code", "text", "others"), RARE)
def test_rare_forms_asked_in_one_search_give_the_full_figures(code, text, others):
    g = A._casualty_grammar(language(code))
    for t in (text, text.upper(), text.replace(":", " -")):
        low = t.lower()
        assert A._read(t, low, g) == _full_read(t, low, g)
    labelled = ":" in text
    found = (g.others if labelled else g.others_unlabelled).search(text)
    assert (found is not None) == others  # the skip is taken where it can be
