"""The lexicon matcher's shortcuts (issue 14, round 4).

Each shortcut is compared here with the full path it stands for, on texts
where it skips work and on texts where it must not, English and Ukrainian.
"""

from __future__ import annotations

import dataclasses
import pickle
import re

import pytest

from geo.extract import extractor as ex
from geo.extract import lexicon as lx
from geo.lang import Language


@dataclasses.dataclass(frozen=True, slots=True)
class _RefHit:
    """:class:`lexicon.Hit` as it was: the dataclass's own ``__init__``."""

    start: int
    end: int
    text: str
    cls: str


def test_hit_as_the_dataclass_init() -> None:
    h = lx.Hit(3, 8, "drone", "drone")
    ref = _RefHit(3, 8, "drone", "drone")
    assert dataclasses.astuple(h) == dataclasses.astuple(ref)
    assert repr(h) == repr(ref).replace("_RefHit", "Hit")
    kw = lx.Hit(start=3, end=8, text="drone", cls="drone")
    assert kw == h and hash(kw) == hash(h)
    assert h != lx.Hit(3, 8, "drone", "missile")
    assert pickle.loads(pickle.dumps(h)) == h
    assert dataclasses.replace(h, cls="x").cls == "x"
    assert sorted([lx.Hit(5, 6, "b", "c"), h], key=lambda x: x.start)[0] is h
    with pytest.raises(dataclasses.FrozenInstanceError):
        h.start = 4  # type: ignore[misc]
    with pytest.raises(TypeError):
        lx.Hit(1, 2, "x")  # type: ignore[call-arg]


# --- extractor._may_tally: the weapon words as one trie -------------------


def _plain_may_tally(text: str, lang: Language) -> bool:
    """``_may_tally`` as it was: the weapon words as their plain alternation."""
    numbers = frozenset(w.lower() for w in lang.numbers["words"])
    words = sorted(set(lang.lexicon["launch"]["keywords"]))
    weapons = re.compile("|".join(map(re.escape, words)) or "(?!)")
    low = text.lower()
    if ex._DIGIT.search(text) is None and numbers.isdisjoint(low.split()):
        return False
    return weapons.search(low) is not None


TALLY_TEXTS = [
    ("en", "Russia launched 58 drones and three missiles overnight."),
    ("en", "Of the 40 Shahed-136 drones, 31 were shot down."),
    ("en", "Twelve Kh-101 cruise missiles were fired."),
    ("en", "Five KH 22 missiles."),  # a space in a weapon word ("kh ")
    ("en", "The S-300 and S-400 systems; 2 launchers."),
    ("en", "Two people were injured in Kharkiv."),  # a number, no weapon
    ("en", "Drones attacked the city at night."),  # a weapon, no number
    ("en", "Nothing was reported."),
    ("en", ""),
    ("uk", "Ворог випустив 58 ударних БпЛА типу «Шахед» та 3 ракети."),
    ("uk", "Сили ППО збили дві крилаті ракети Х-101."),
    ("uk", "Три КАБ впали поблизу міста."),
    ("uk", "Поранено 2 людей у Харкові."),
    ("uk", "Дрони атакували місто вночі."),
    ("uk", "Нічого не повідомлялося."),
]


@pytest.mark.parametrize(("code", "text"), TALLY_TEXTS)
def test_may_tally_as_the_plain_alternation(code: str, text: str) -> None:
    lang = Language(code)
    assert ex._may_tally.__wrapped__(text, lang) == _plain_may_tally(text, lang)


@pytest.mark.parametrize("code", ["en", "uk"])
def test_weapon_trie_finds_each_word_where_the_alternation_does(code: str) -> None:
    lang = Language(code)
    _, trie = ex._tally_words(lang)
    words = sorted(set(lang.lexicon["launch"]["keywords"]))
    plain = re.compile("|".join(map(re.escape, words)))
    for w in words:
        for text in (w, f"x {w} y", f"{w[:-1]} {w[1:]}", w[:-1], f"({w})"):
            low = text.lower()
            assert (trie.search(low) is None) == (plain.search(low) is None), text
            found = trie.search(low)
            if found is not None:  # the same start: the leftmost word found
                assert found.start() == plain.search(low).start(), text
