"""Loading the bundled gazetteer files (package data) into memory, cheaply.

The files are read with :mod:`importlib.resources`. Loading only splits lines:
``Place`` records are made the first time a place is asked for, so loading
stays well under the 0.3 s budget and worker processes can each load their own
copy. The case forms of the Ukrainian names (``forms_uk.tsv.gz``) are read
only when a Cyrillic key is first looked up (:attr:`Store.uk`), so English
work never pays for them.
"""

from __future__ import annotations

import gzip
import json
from bisect import bisect_left
from functools import cached_property, lru_cache
from importlib import resources

from gazetteer.exc import GazetteerError
from gazetteer.records import Place

__all__ = ["Store", "UkIndex", "load_store", "QUALITY", "read_resource"]

#: What each quality code in ``names.tsv.gz`` means.
QUALITY = {
    "p": "primary name",
    "g": "region form",
    "s": "suffixed form (raion, hromada, district, feature)",
    "a": "alternate name",
    "t": "KMU-2010 romanization of a Cyrillic name",
    "r": "Russian-derived spelling",
    "f": "former name (renamed_places.tsv)",
    "o": "other name: an alternate that is no spelling of the current name",
}


def read_resource(name: str) -> bytes:
    """Read a file from ``gazetteer/data``.

    Raises
    ------
    GazetteerError
        If the file is missing (the gazetteer was not built).
    """
    try:
        return resources.files("gazetteer").joinpath("data", name).read_bytes()
    except (FileNotFoundError, OSError) as exc:
        raise GazetteerError(
            f"bundled gazetteer file {name!r} is missing; run "
            "`python -m gazetteer.build`"
        ) from exc


class Store:
    """The raw gazetteer: places by row index and the name index.

    Parameters
    ----------
    places_tsv : str
        Contents of ``places.tsv.gz`` (decompressed).
    names_tsv : str
        Contents of ``names.tsv.gz`` (decompressed).
    """

    def __init__(self, places_tsv: str, names_tsv: str):
        lines = places_tsv.split("\n")
        self._header = lines[0].split("\t")
        self._rows = [ln for ln in lines[1:] if ln]
        self._places: list[Place | None] = [None] * len(self._rows)
        self.names: dict[str, str] = dict(
            ln.split("\t", 1) for ln in names_tsv.split("\n") if ln
        )
        self._admin1_names: dict[str, str] = {}
        self._admin2_names: dict[str, str] = {}
        for ln in self._rows:
            f = ln.split("\t", 5)
            if f[4] == "oblast":
                self._admin1_names[f[0][4:]] = f[1]
            elif f[4] == "raion":
                self._admin2_names[f[0][6:]] = f[1]
            else:
                break  # oblasts and raions come first

    def __len__(self) -> int:
        return len(self._rows)

    def place(self, index: int) -> Place:
        """The place at row ``index``."""
        p = self._places[index]
        if p is None:
            f = self._rows[index].split("\t")
            a1, a2 = f[7], f[8]
            p = Place(
                id=f[0],
                name=f[1],
                name_uk=f[2],
                kind=f[4],
                lat=float(f[5]),
                lon=float(f[6]),
                admin1_code=a1,
                admin1=self._admin1_names.get(a1, ""),
                admin2=self._admin2_names.get(a2, ""),
                admin2_code=a2,
                population=int(f[9] or 0),
                geonameid=int(f[10]) if f[10] else None,
                feature_code=f[11],
                official=len(f) > 12 and f[12] == "1",
                parent=f[13] if len(f) > 13 else "",
            )
            self._places[index] = p
        return p

    def entries(self, key: str) -> list[tuple[Place, str]]:
        """Places indexed under a folded ``key``, with their quality codes.

        A Cyrillic key may also be a case form of Ukrainian names
        (``"харкові"``): the places of those names are added, each once.
        """
        raw = self.names.get(key)
        if not key.isascii():
            bases = self.uk.bases(key)
            if bases:
                items = [raw] if raw else []
                items += [self.names[b] for b in bases if b != key and b in self.names]
                raw = ",".join(items)
        if not raw:
            return []
        out = []
        seen = set()
        for item in raw.split(","):
            if item[:-1] in seen:
                continue
            seen.add(item[:-1])
            out.append((self.place(int(item[:-1])), item[-1]))
        return out

    def has(self, key: str) -> bool:
        """Whether a folded ``key`` is a name or a case form of one."""
        if key.isascii():
            return key in self.names
        return key in self.names or bool(self.uk.bases(key))

    @cached_property
    def uk(self) -> UkIndex:
        """The case forms of the Ukrainian names (read on first use)."""
        try:
            raw = read_resource("forms_uk.tsv.gz")
        except GazetteerError:
            return UkIndex("")  # an older build: nominatives only
        return UkIndex(gzip.decompress(raw).decode("utf-8"))

    def oblast(self, code: str) -> Place | None:
        """The first-level unit with ISO 3166-2 ``code`` (``None`` if unknown)."""
        for i, ln in enumerate(self._rows):
            if not ln.startswith("iso:"):
                break
            if ln.startswith(f"iso:{code}\t"):
                return self.place(i)
        return None

    def iter_places(self):
        """Iterate over every place."""
        for i in range(len(self._rows)):
            yield self.place(i)


class UkIndex:
    """The Cyrillic forms of ``forms_uk.tsv.gz``, searched by bisection.

    Each line is ``form<TAB>key[|key...]``, sorted; a name's own key is one of
    its forms. Loading only splits the lines.

    Parameters
    ----------
    text : str
        The decompressed file.
    """

    def __init__(self, text: str):
        self.lines = text.split("\n")
        if self.lines and not self.lines[-1]:
            self.lines.pop()

    def __len__(self) -> int:
        return len(self.lines)

    def bases(self, form: str) -> list[str]:
        """The name keys ``form`` is a form of (``[]`` if none)."""
        probe = form + "\t"
        i = bisect_left(self.lines, probe)
        if i < len(self.lines) and self.lines[i].startswith(probe):
            return self.lines[i][len(probe) :].split("|")
        return []

    def starts(self, words: str) -> bool:
        """Whether some form starts with ``words`` followed by another word."""
        probe = words + " "
        i = bisect_left(self.lines, probe)
        return i < len(self.lines) and self.lines[i].startswith(probe)

    def first(self, word: str) -> bool:
        """Whether some form is ``word`` or starts with it as a whole word."""
        return bool(self.bases(word)) or self.starts(word)


@lru_cache(maxsize=1)
def load_store() -> Store:
    """Load the bundled gazetteer once per process."""
    places = gzip.decompress(read_resource("places.tsv.gz")).decode("utf-8")
    names = gzip.decompress(read_resource("names.tsv.gz")).decode("utf-8")
    return Store(places, names)


@lru_cache(maxsize=1)
def admin1_geojson() -> dict:
    """The bundled first-level boundaries as a GeoJSON mapping."""
    return json.loads(read_resource("admin1.geojson"))
