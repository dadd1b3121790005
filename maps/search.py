"""Every spelling the gazetteer knows for the places on a map, for its search box.

The page's search matches what the user types against each place's English
and Ukrainian names; :func:`place_spellings` adds the gazetteer's other names
for the same place ("Kharkov", "Zaporizhzhia", "Артемівськ", "Kharkivshchyna"),
as the gazetteer's folded keys (:func:`gazetteer.normalize.fold`).  The page
folds the query the same way (``keyFold`` in ``views.js``) before comparing.
"""

from __future__ import annotations

from collections.abc import Iterable

from gazetteer.normalize import fold
from gazetteer.store import Store

__all__ = ["place_key", "place_spellings"]

#: How far (in degrees) an event's point may lie from the gazetteer place it
#: names: events are placed on their place's point, so this only absorbs
#: rounding.
_NEAR = 0.01


def place_key(place: str, admin1: str) -> str:
    """The key under which the page groups a place's events.

    Parameters
    ----------
    place : str
        The event's place name (English).
    admin1 : str
        Its first-level unit's name.

    Returns
    -------
    str
        ``place`` and ``admin1`` joined by a NUL character, as ``views.js``
        joins them.
    """
    return f"{place}\u0000{admin1}"


def place_spellings(
    places: Iterable[tuple[str, str, str, str, float, float]],
    store: Store | None = None,
) -> dict[str, list[str]]:
    """Return the gazetteer's folded names of each place on the map.

    Parameters
    ----------
    places : iterable of tuple
        ``(place, place_uk, admin1, admin1_code, lon, lat)`` of each event
        (repeats are fine).
    store : gazetteer.store.Store, optional
        The gazetteer's store; the bundled one by default.

    Returns
    -------
    dict
        ``{place_key(place, admin1): [key, ...]}``: the sorted folded names
        of the gazetteer place at the event's point, without the folds of
        ``place`` and ``place_uk`` themselves (the page has those).  A place
        the gazetteer does not know by that name at that point is left out.

    Examples
    --------
    >>> spell = place_spellings([("Kharkiv", "Харків", "Kharkiv Oblast", "UA-63",
    ...                           36.25, 49.98)])
    >>> "kharkov" in spell[place_key("Kharkiv", "Kharkiv Oblast")]
    True
    """
    if store is None:
        from gazetteer.store import load_store

        store = load_store()
    wanted: dict[int, str] = {}  # gazetteer row -> place key
    own: dict[str, set[str]] = {}
    for place, place_uk, admin1, code, lon, lat in sorted(set(places)):
        key = place_key(place, admin1)
        if key in own:
            continue
        names = {fold(place), fold(place_uk)} - {""}
        own[key] = names
        for name in sorted(names):
            for item in (store.names.get(name) or "").split(","):
                if not item:
                    continue
                row = int(item[:-1])
                p = store.place(row)
                if (
                    p.admin1_code == code
                    and abs(p.lon - lon) <= _NEAR
                    and abs(p.lat - lat) <= _NEAR
                ):
                    wanted.setdefault(row, key)
    found: dict[str, set[str]] = {}
    if wanted:
        for name, raw in store.names.items():
            for item in raw.split(","):
                where = wanted.get(int(item[:-1]))
                if where is not None and name not in own[where]:
                    found.setdefault(where, set()).add(name)
    return {
        key: sorted(_unprefixed(names, own[key]))
        for key, names in sorted(found.items())
    }


def _unprefixed(names: set[str], own: set[str]) -> set[str]:
    """Drop a name another name of the place is a word-prefix of.

    The page's search matches prefixes, so "kharkov city" adds nothing to
    "kharkov": such names would only make the page larger.
    """
    every = names | own
    return {
        n for n in names if not any(n[:i] in every for i, c in enumerate(n) if c == " ")
    }
