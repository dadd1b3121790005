"""gazetteer.frozen.quick_init: the same records as the dataclass's own __init__."""

from __future__ import annotations

import copy
import dataclasses
import inspect
import pickle

import pytest

import geo.extract.extractor  # noqa: F401  (imports every stage: their records register)
from gazetteer import frozen
from gazetteer.frozen import dataclass_init, quick_init

QUICK = sorted(frozen._GENERATED, key=lambda c: f"{c.__module__}.{c.__qualname__}")


def test_the_hot_records_are_quick():
    names = {f"{c.__module__}.{c.__qualname__}" for c in QUICK}
    assert {
        "geo.extract.dating.Told",
        "geo.extract.dating.Story",
        "geo.extract.dates.DateGuess",
        "geo.extract.mentions.Sentence",
        "geo.extract.mentions.PlaceMention",
        "geo.extract.roles.Roles",
        "geo.extract.attributes.Casualties",
        "geo.extract.records.Report",
        "geo.extract.lexicon.Hit",
        "gazetteer.records.Candidate",
        "gazetteer.records.Mention",
        "gazetteer.records.Resolution",
    } <= names


def _values(cls: type, tag: str) -> list:
    # a distinct, picklable, hashable value per field: a mix-up shows
    return [(tag, f.name) for f in dataclasses.fields(cls)]


def _generated(cls: type, *args, **kwargs):
    obj = object.__new__(cls)
    dataclass_init(cls)(obj, *args, **kwargs)
    return obj


@pytest.mark.parametrize("cls", QUICK, ids=lambda c: c.__qualname__)
def test_quick_init_makes_the_dataclass_record(cls):
    fields = dataclasses.fields(cls)
    values = _values(cls, "v")
    want = _generated(cls, *values)
    got = cls(*values)
    assert [getattr(got, f.name) for f in fields] == values
    assert got == want and hash(got) == hash(want) and repr(got) == repr(want)
    assert cls(**{f.name: v for f, v in zip(fields, values, strict=True)}) == want
    assert pickle.loads(pickle.dumps(got)) == want
    assert copy.deepcopy(got) == want
    assert dataclasses.replace(got) == want
    other = _values(cls, "w")
    assert dataclasses.replace(got, **{fields[0].name: other[0]}) == _generated(
        cls, other[0], *values[1:]
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(got, fields[0].name, other[0])
    params = list(inspect.signature(dataclass_init(cls)).parameters.values())
    assert list(inspect.signature(cls).parameters.values()) == params[1:]  # no self
    required = [f for f in fields if f.default is dataclasses.MISSING]
    if len(required) < len(fields):  # the defaults are the dataclass's
        assert cls(*values[: len(required)]) == _generated(
            cls, *values[: len(required)]
        )
    with pytest.raises(TypeError):
        cls(*values, "one too many")


def test_quick_init_on_a_new_class():
    cls = quick_init(
        dataclasses.make_dataclass(
            "_Made",
            [("a", int), ("b", str, dataclasses.field(default="x"))],
            frozen=True,
            slots=True,
        )
    )
    assert repr(cls(1)) == "_Made(a=1, b='x')"
    assert cls(1, b="y") == cls(a=1, b="y")
    with pytest.raises(TypeError):
        cls()


@pytest.mark.parametrize(
    "make",
    [
        lambda: dataclasses.dataclass(frozen=True)(
            type("NoSlots", (), {"__annotations__": {"a": int}})
        ),
        lambda: dataclasses.dataclass(slots=True)(
            type("NotFrozen", (), {"__annotations__": {"a": int}})
        ),
        lambda: dataclasses.make_dataclass(
            "Factory",
            [("a", list, dataclasses.field(default_factory=list))],
            frozen=True,
            slots=True,
        ),
        lambda: dataclasses.make_dataclass(
            "KwOnly",
            [("a", int, dataclasses.field(kw_only=True))],
            frozen=True,
            slots=True,
        ),
        lambda: dataclasses.make_dataclass(
            "Post",
            [("a", int)],
            frozen=True,
            slots=True,
            namespace={"__post_init__": lambda self: None},
        ),
    ],
    ids=["no slots", "not frozen", "default factory", "keyword-only", "post-init"],
)
def test_quick_init_refuses_what_it_cannot_keep(make):
    with pytest.raises(TypeError):
        quick_init(make())
