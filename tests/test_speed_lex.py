"""The lexicon matcher's shortcuts (issue 14, round 4).

Each shortcut is compared here with the full path it stands for, on texts
where it skips work and on texts where it must not, English and Ukrainian.
"""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from geo.extract import lexicon as lx


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


def test_slot_setters_refuse_names_that_are_not_the_fields() -> None:
    with pytest.raises(TypeError):
        lx._slot_setters(lx.Hit, "start", "text", "end", "cls")
    with pytest.raises(TypeError):
        lx._slot_setters(lx.Hit, "start", "end", "text")
