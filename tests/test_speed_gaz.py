"""The matcher's per-name shortcuts of the fourth speed round give what they replace.

Issue 14. :meth:`Matcher._entries` reads the places of a Cyrillic key once per
tuple of names it stands for (the key itself if it is a name, then its
bases), shared by every case form of those names, and works out there what
:meth:`Matcher._info` reads of them. Both are compared with the full
computation: ``store.entries`` for the key, and the flags worked out from
those places, on keys that are names, case forms, both, forms of several
names, multi-word names and no name at all, in English and Ukrainian.

:func:`gazetteer.core._cue_before` searches the two patterns of "the village
of" and "the city of" only when the text before a name ends with a letter
that can end one of their matches; it is compared with both searches at
every position of English and Ukrainian texts.

The records of the ranking and the matcher (``Candidate``, ``Mention``,
``Resolution``) are made by :func:`gazetteer.frozen.quick_init`'s
``__init__``; each record is compared with the one the dataclass's own
``__init__`` makes.
"""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

import pytest

from gazetteer import get_gazetteer
from gazetteer.core import _CITY_BEFORE, _VILLAGE_BEFORE, _cue_before
from gazetteer.frozen import dataclass_init
from gazetteer.matcher import Matcher
from gazetteer.records import Candidate, Mention, Resolution


@pytest.fixture(scope="module")
def gaz():
    return get_gazetteer()


def _fresh(gaz) -> Matcher:
    """A matcher with nothing remembered yet."""
    return Matcher(gaz.store, gaz.matcher.rules)


def _full_info(m: Matcher, key: str) -> tuple:
    """:meth:`Matcher._info` as it was before the shortcut: all from the key."""
    r = m.rules
    entries = tuple(m.store.entries(key))
    single = " " not in key
    last = key.rsplit(" ", 1)[-1]
    form = "region" if not single and last in r.region_words else "name"
    common = strict = False
    if not key.isascii() and r.uk is not None:
        if (not single and last in r.uk.region_words) or (
            entries and all(p.kind == "oblast" for p, _ in entries)
        ):
            form = "region"
        bases = {key, *m.store.uk.bases(key)}
        common = bool(bases & r.uk.common)
        strict = bool(bases & r.uk.strict)
    big = any(
        p.population >= r.big_place_population or p.kind == "oblast" or q in "gs"
        for p, q in entries
    )
    weak = all(q in "arto" for _, q in entries) and all(
        p.population < 5000 for p, _ in entries
    )
    return (
        entries,
        form,
        big,
        weak,
        single and key in r.never,
        single and key in r.needs_context,
        common and not any(p.population >= r.big_place_population for p, _ in entries),
        strict,
    )


# Keys in an order where forms of the same names follow one another (so the
# shared tuple is found, not made): a name that is also a form of another
# ("адамове", "антонівці": itself first, then the other), a form of one name
# only ("алупко", "харкова"), a form of several ("берестівці", "грабова"), an
# oblast's forms, multi-word keys, common words (one of a populous place:
# "фортеці", "центральному"), Latin keys, and keys of no name.
KEYS = [
    "харків",
    "харкова",
    "харкові",
    "харковом",
    "харківщині",
    "харківщину",
    "харківській області",
    "харківської області",
    "адамове",
    "адамів",
    "адамова",
    "алупко",
    "алупка",
    "амбарів",
    "амбари",
    "антонівці",
    "антонівка",
    "берестівці",
    "вишнівці",
    "вишнівка",
    "грабова",
    "грабів",
    "великій новосілці",
    "велика новосілка",
    "щастя",
    "мирне",
    "мирному",
    "фортеці",
    "фортеця",
    "центральному",
    "центральний",
    "жжжжж",
    "kharkiv",
    "kharkiv region",
    "nova kakhovka",
    "bakhmut",
    "union",
    "zzzzz",
]


@pytest.mark.parametrize("order", ["as listed", "reversed"])
def test_entries_and_info_are_those_of_the_full_computation(gaz, order):
    m = _fresh(gaz)
    keys = KEYS if order == "as listed" else KEYS[::-1]
    for key in keys:
        assert m._entries(key)[0] == tuple(gaz.store.entries(key)), key
        assert m._info(key) == _full_info(m, key), key


def test_forms_of_the_same_names_share_one_tuple(gaz):
    m = _fresh(gaz)
    forms = ["харкова", "харкові", "харковом"]
    assert all(gaz.store.uk.bases(f) == ["харків"] for f in forms)
    tuples = [m._entries(f)[0] for f in forms]
    assert tuples[0]
    assert all(t is tuples[0] for t in tuples)
    # a form that is itself a name stands for other names than its bases
    assert m._entries("адамове")[0] != m._entries("адамова")[0]


def test_entries_of_is_entries_with_the_key_and_its_bases(gaz):
    store = gaz.store
    for key in KEYS:
        if key.isascii():
            names = (key,)
        else:
            names = tuple(b for b in store.uk.bases(key) if b != key)
            if key in store.names:
                names = (key, *names)
        assert store.entries_of(names) == store.entries(key), key


def test_every_key_of_the_test_articles_is_judged_as_before(gaz, data_dir: Path):
    m = _fresh(gaz)
    texts = [
        p.read_text(encoding="utf-8")
        for folder in ("uk", "articles")
        for p in sorted((data_dir / folder).rglob("*.txt"))
    ]
    assert texts
    for text in texts:
        m.find(text)
    keys = list(m._key_info)
    assert any(not k.isascii() for k in keys) and any(k.isascii() for k in keys)
    full = _fresh(gaz)
    for key in keys:
        assert m._key_info[key] == _full_info(full, key), key


# -- "the village of", "the city of" before a name ------------------------------------


def _full_cue(text: str, start: int) -> str:
    """The cue before ``start`` as resolve_mentions searched it before the shortcut."""
    if _VILLAGE_BEFORE.search(text, max(0, start - 30), start):
        return "village"
    if _CITY_BEFORE.search(text, max(0, start - 30), start):
        return "city"
    return ""


CUE_TEXTS = [
    # cues: searched, found
    "shelled the village of Kozacha Lopan",
    "struck the City Of Kharkiv",
    "the town of  Vovchansk",
    "hit two VILLAGES\tStepove",
    "the hamlet\nLypove",
    "in the settlement of\u00a0Kupiansk",  # a no-break space is white space
    "the villageſ Lyman",  # long s: "s" under IGNORECASE
    "near the city of\n",  # "$" before a final newline
    # searched (the last letter may end a cue), found nothing
    "shelled the Kozacha Lopan",
    "struck at Kharkiv",
    "the outskirts of Kharkiv",
    "a villager Kozacha",
    "the cityof Kharkiv",
    "Attacks Sumy",
    # skipped: the last letter ends no cue
    "shelled Kharkiv",
    "in Kharkiv",
    "Kharkiv, Sumy",
    "(Kharkiv",
    "у селі Козача Лопань",
    "по місту Харкову",
    "село Степове",
    "Kharkiv",
    "   Kharkiv",
    "",
]


@pytest.mark.parametrize("text", CUE_TEXTS)
def test_the_cue_before_a_name_is_found_as_by_both_searches(text):
    # every position, so that the 30-character window starts anywhere
    for start in range(len(text) + 1):
        assert _cue_before(text, start) == _full_cue(text, start), (text, start)


def test_the_cue_shortcut_skips_only_where_no_search_matches():
    rng = random.Random(14)
    pieces = ["village", "VILLAGES", "hamlet", "Settlement", "city", "Town", "of",
              "OF", "the", " ", "  ", "\t", "\n", "\u00a0", "ſ", "s", "e", "t",
              "f", ",", ".", "село", "Kharkiv"]  # fmt: skip
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        for start in range(len(text) + 1):
            assert _cue_before(text, start) == _full_cue(text, start), (text, start)


# -- records made without the dataclass __init__ ------------------------------------


FACTORIES = [
    (Candidate, Candidate, ("place", 7.25, "oblast in context")),
    (Mention, Mention, (3, 9, "Izium", "izium", (("place", "p"),), "region")),
    (
        Resolution,
        Resolution,
        ("Izium", "place", 0.93, "rank", ("alternative",), 7.25),
    ),
    (Resolution, Resolution, ("Izium", "place", 0.5, "only candidate", (), None)),
]


def _dataclass_made(cls, *args):
    """The record as the dataclass's own ``__init__`` makes it."""
    obj = object.__new__(cls)
    dataclass_init(cls)(obj, *args)
    return obj


@pytest.mark.parametrize(("cls", "make", "args"), FACTORIES)
def test_a_record_made_fast_is_the_one_its_class_makes(gaz, cls, make, args):
    # what gazetteer.frozen.quick_init relies on: a frozen slots dataclass
    # with no __post_init__, whose fields it sets in this order
    assert dataclasses.is_dataclass(cls) and cls.__dataclass_params__.frozen
    assert "__slots__" in cls.__dict__ and not hasattr(cls, "__post_init__")
    assert len(dataclasses.fields(cls)) == len(args)
    place = gaz.store.place(0)
    args = tuple(place if a == "place" else a for a in args)
    if cls is Mention:
        args = (*args[:4], ((place, "p"),), args[5])
    fast, slow = make(*args), _dataclass_made(cls, *args)
    assert type(fast) is cls
    assert fast == slow and repr(fast) == repr(slow) and hash(fast) == hash(slow)
    for f, a in zip(dataclasses.fields(cls), args, strict=True):
        assert getattr(fast, f.name) is a
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(fast, dataclasses.fields(cls)[0].name, None)
