"""The gazetteer's shortcuts of the fifth speed round give what they replace.

Issue 14. :meth:`Store.place` makes a place the first time it is asked for
(a long run makes thousands: every namesake of each new name), by position
and with :func:`gazetteer.frozen.quick_init`'s ``__init__``; each record is
compared with the one the dataclass's own ``__init__`` makes from the row's
fields by name, as the store made it before, on rows of every kind (oblasts,
raions, hromadas, settlements, districts, features; with and without the
optional columns).
"""

from __future__ import annotations

import dataclasses

import pytest

from gazetteer import frozen, get_gazetteer
from gazetteer.frozen import dataclass_init
from gazetteer.records import Place


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
