"""Loading the bundled gazetteer files (package data) into memory, cheaply.

The files are read with :mod:`importlib.resources` and decompressed once: a
copy is kept in the user cache directory and read from there by later runs
(:func:`read_data`). Loading only splits lines, kept as UTF-8 bytes:
``Place`` records are made the first time a place is asked for, so loading
stays well under the 0.3 s budget and worker processes can each load their own
copy. A place is found by its id without making every record
(:meth:`Store.index_of`); names, and the names that go on after a word, by
bisection of the sorted lines (:class:`NameIndex`): no dict of every name or
place, and no set of every name prefix, is built before it pays. The case
forms of the Ukrainian names (``forms_uk.tsv.gz``) are read only when a
Cyrillic key is first looked up (:attr:`Store.uk`), so English work never
pays for them.
"""

from __future__ import annotations

import gzip
import json
import struct
import zlib
from bisect import bisect_left
from collections.abc import Iterator, Mapping
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path

from gazetteer import usercache
from gazetteer.exc import GazetteerError
from gazetteer.records import Place

__all__ = [
    "CACHE_ENV",
    "DICT_AFTER",
    "ID_SCANS",
    "NameIndex",
    "Store",
    "UkIndex",
    "load_store",
    "QUALITY",
    "cache_folder",
    "read_data",
    "read_resource",
]

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


#: Set to 0 (or "off") to read the bundled files without the user cache.
CACHE_ENV = "STRIKEMAP_GAZETTEER_CACHE"


def cache_folder() -> Path | None:
    """Where decompressed copies of the bundled files are kept across runs.

    Returns
    -------
    pathlib.Path or None
        ``$XDG_CACHE_HOME/strikemap/gazetteer`` (else
        ``~/.cache/strikemap/gazetteer``); None when :data:`CACHE_ENV` turns
        the cache off.
    """
    base = usercache.folder(CACHE_ENV)
    return None if base is None else base / "gazetteer"


def read_data(name: str) -> bytes:
    """A bundled ``.gz`` file of ``gazetteer/data``, decompressed.

    Decompressing costs 10 to 25 ms a file at every start, so the result is
    kept in the user cache (:func:`cache_folder`) under the CRC-32 and size
    the gzip trailer gives, and read from there by later runs once its
    length and CRC-32 match (a few ms). A cache that cannot be read or
    written changes nothing but the time taken.

    Raises
    ------
    GazetteerError
        If the file is missing (the gazetteer was not built).
    """
    packed = read_resource(name)
    folder = cache_folder()
    if folder is None or len(packed) < 18:
        return gzip.decompress(packed)
    crc, size = struct.unpack("<II", packed[-8:])
    stem = name.removesuffix(".gz")
    path = folder / f"{stem}-{crc:08x}-{size}"
    try:
        data = path.read_bytes()
    except OSError:
        pass
    else:
        if len(data) % 2**32 == size and zlib.crc32(data) == crc:
            return data
    data = gzip.decompress(packed)
    _store_copy(folder, path, stem, data)
    return data


def _store_copy(folder: Path, path: Path, stem: str, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically; drop older copies of ``stem``."""
    try:
        usercache.write_atomic(path, [data])
        for old in folder.glob(f"{stem}-*"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass


def _as_bytes(text: str | bytes) -> bytes:
    return text.encode("utf-8") if isinstance(text, str) else text


def _lines(data: bytes) -> list[bytes]:
    """The non-empty lines of ``data``."""
    lines = data.split(b"\n")
    if b"\n\n" in data or data.startswith(b"\n"):
        return [ln for ln in lines if ln]
    if lines and not lines[-1]:
        lines.pop()
    return lines


class Store:
    """The raw gazetteer: places by row index and the name index.

    The files stay UTF-8 bytes, split into lines; a row is decoded when its
    place is first asked for, a name when it is looked up.

    Parameters
    ----------
    places_tsv : str or bytes
        Contents of ``places.tsv.gz`` (decompressed).
    names_tsv : str or bytes
        Contents of ``names.tsv.gz`` (decompressed).
    names_sorted : bool
        ``names_tsv`` is sorted by key, each key once (the bundled file is):
        it is not sorted again.
    """

    def __init__(
        self,
        places_tsv: str | bytes,
        names_tsv: str | bytes,
        *,
        names_sorted: bool = False,
    ):
        rows = _lines(_as_bytes(places_tsv))
        self._header = rows[0].decode("utf-8").split("\t") if rows else []
        self._rows = rows[1:]
        self._places: list[Place | None] = [None] * len(self._rows)
        self.names = NameIndex(names_tsv, is_sorted=names_sorted)
        self._ids: dict[bytes, int] | None = None
        self._id_scans = 0
        self._admin1_names: dict[str, str] = {}
        self._admin2_names: dict[str, str] = {}
        for ln in self._rows:
            f = ln.decode("utf-8").split("\t", 5)
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
            # made the first time it is asked for: a long run makes thousands
            # (every namesake of each new name), so the fields are passed by
            # position, in the order of Place's fields
            f = self._rows[index].decode("utf-8").split("\t")
            a1, a2, n = f[7], f[8], len(f)
            p = self._places[index] = Place(
                f[0],  # id
                f[1],  # name
                f[2],  # name_uk
                f[4],  # kind
                float(f[5]),  # lat
                float(f[6]),  # lon
                a1,  # admin1_code
                self._admin1_names.get(a1, ""),  # admin1
                self._admin2_names.get(a2, ""),  # admin2
                a2,  # admin2_code
                int(f[9] or 0),  # population
                int(f[10]) if f[10] else None,  # geonameid
                f[11],  # feature_code
                n > 12 and f[12] == "1",  # official
                f[13] if n > 13 else "",  # parent
            )
        return p

    def index_of(self, place_id: str) -> int | None:
        """The row of the place with id ``place_id`` (``None`` if none has it).

        The first few ids are found by scanning the rows; after
        :data:`ID_SCANS` of them an index of every id is built, so one
        look-up (a command on one article) costs no index and many (decoding
        a cache) cost one dict look-up each.
        """
        key = place_id.encode("utf-8")
        ids = self._ids
        if ids is None:
            if self._id_scans < ID_SCANS:
                self._id_scans += 1
                probe = key + b"\t"
                for i, ln in enumerate(self._rows):
                    if ln.startswith(probe):
                        return i
                return None
            ids = self._ids = {
                ln[: ln.find(b"\t")]: i for i, ln in enumerate(self._rows)
            }
        return ids.get(key)

    def by_id(self, place_id: str) -> Place | None:
        """The place with id ``place_id`` (``"gn:706483"``), or ``None``."""
        i = self.index_of(place_id)
        return None if i is None else self.place(i)

    def continues(self, prefix: str) -> Iterator[str]:
        """The name keys that go on after ``prefix`` and a space, in order.

        ``continues("nova")`` gives ``"nova kakhovka"``, ``"nova odesa"``...;
        lazily, by bisection of the sorted names.
        """
        return self.names.continues(prefix)

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
                # one look-up per base (the index bisects a buffer)
                items += [
                    v
                    for b in bases
                    if b != key and (v := self.names.get(b)) is not None
                ]
                raw = ",".join(items)
        return self._parse(raw)

    def entries_of(self, keys: tuple[str, ...]) -> list[tuple[Place, str]]:
        """The places indexed under each of the folded ``keys``, each once.

        In the order of ``keys``, then of each key's list: what
        :meth:`entries` gives a Cyrillic key when ``keys`` is the key itself
        (if it is a name) followed by the names it is a case form of, other
        than itself (``store.uk.bases``). A key not in the index adds nothing.
        """
        get = self.names.get
        return self._parse(",".join([v for k in keys if (v := get(k)) is not None]))

    def _parse(self, raw: str | None) -> list[tuple[Place, str]]:
        """The ``(place, quality)`` pairs of a name's value, each place once."""
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
            raw = read_data("forms_uk.tsv.gz")
        except GazetteerError:
            return UkIndex("")  # an older build: nominatives only
        return UkIndex(raw)

    def oblast(self, code: str) -> Place | None:
        """The first-level unit with ISO 3166-2 ``code`` (``None`` if unknown)."""
        probe = f"iso:{code}\t".encode()
        for i, ln in enumerate(self._rows):
            if not ln.startswith(b"iso:"):
                break
            if ln.startswith(probe):
                return self.place(i)
        return None

    def iter_places(self):
        """Iterate over every place."""
        for i in range(len(self._rows)):
            yield self.place(i)


#: Place ids looked up by scanning the rows before an index of ids is built.
ID_SCANS = 8


#: Look-ups of a :class:`NameIndex` answered by bisection before it builds a
#: dict (about 60 ms, worth it only past some 100,000 look-ups).
DICT_AFTER = 100_000


class NameIndex(Mapping[str, str]):
    """The folded name keys of ``names.tsv.gz`` and their place lists.

    A read-only mapping ``key -> "row+quality,..."``. Loading only splits the
    sorted lines (UTF-8 bytes, whose order is the order of the keys); a key is
    found by bisection (under 1 µs), and after :data:`DICT_AFTER` look-ups a
    dict is built for the rest of the process (about 0.07 µs each). So a
    command on one article pays no dict of 145,000 names, and a long run pays
    it once.

    Parameters
    ----------
    text : str or bytes
        ``key<TAB>value`` lines.
    is_sorted : bool
        The lines are sorted by key, each key once (as the build writes
        them); otherwise they are read like a dict (the last value of a key
        wins) and sorted here.
    """

    def __init__(self, text: str | bytes, *, is_sorted: bool = False):
        if is_sorted:
            lines = _lines(_as_bytes(text))
        else:
            if isinstance(text, bytes):
                text = text.decode("utf-8")
            pairs = dict(ln.split("\t", 1) for ln in text.split("\n") if ln)
            lines = [f"{k}\t{v}".encode() for k, v in sorted(pairs.items())]
        self._lines = lines
        self._dict: dict[str, str] | None = None
        self._lookups = 0

    def _find(self, key: str) -> str | None:
        d = self._dict
        if d is not None:
            return d.get(key)
        self._lookups += 1
        if self._lookups > DICT_AFTER:
            d = self._dict = dict(self.items())
            return d.get(key)
        probe = key.encode("utf-8") + b"\t"
        lines = self._lines
        i = bisect_left(lines, probe)
        if i < len(lines) and lines[i].startswith(probe):
            return lines[i][len(probe) :].decode("utf-8")
        return None

    def get(self, key: str, default: str | None = None) -> str | None:  # type: ignore[override]
        """The value of ``key``, or ``default``."""
        value = self._find(key)
        return default if value is None else value

    def __getitem__(self, key: str) -> str:
        value = self._find(key)
        if value is None:
            raise KeyError(key)
        return value

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._find(key) is not None

    def __iter__(self) -> Iterator[str]:
        for ln in self._lines:
            yield ln[: ln.index(b"\t")].decode("utf-8")

    def __len__(self) -> int:
        return len(self._lines)

    def items(self) -> list[tuple[str, str]]:  # type: ignore[override]
        """``(key, value)`` pairs, in key order."""
        out = []
        for ln in self._lines:
            key, value = ln.decode("utf-8").split("\t", 1)
            out.append((key, value))
        return out

    def continues(self, prefix: str) -> Iterator[str]:
        """The keys that go on after ``prefix`` and a space, in order.

        Parameters
        ----------
        prefix : str
            Folded words (``"nova"``).

        Yields
        ------
        str
            ``"nova kakhovka"``, ``"nova odesa"``..., lazily (bisection).
        """
        probe = prefix.encode("utf-8") + b" "
        lines = self._lines
        i = bisect_left(lines, probe)
        while i < len(lines) and lines[i].startswith(probe):
            yield lines[i][: lines[i].index(b"\t")].decode("utf-8")
            i += 1


#: Look-ups of the Ukrainian forms bisected in the raw file before its lines
#: are split (see :class:`UkIndex`).
UK_SPLIT_AFTER = 1_000


class UkIndex:
    """The Cyrillic forms of ``forms_uk.tsv.gz``, searched by bisection.

    Each line is ``form<TAB>key[|key...]``, sorted; a name's own key is one of
    its forms.  The file stays one UTF-8 buffer, bisected by byte offsets
    (a line is found from any offset inside it), so loading it costs nothing
    beyond reading it: splitting its 180,000 lines takes 35 ms, most of a
    short Ukrainian run's look-ups.  After :data:`UK_SPLIT_AFTER` look-ups
    the lines are split once and bisected as a list, which is faster per
    look-up.  Empty lines are skipped.

    Parameters
    ----------
    text : str or bytes
        The decompressed file.
    """

    def __init__(self, text: str | bytes):
        self._data = _as_bytes(text)
        self._lines: list[bytes] | None = None  # split after UK_SPLIT_AFTER
        self._seeks = 0

    def _split(self) -> list[bytes]:
        if self._lines is None:
            self._lines = [ln for ln in self._data.split(b"\n") if ln]
        return self._lines

    @property
    def lines(self) -> list[str]:
        """The lines, decoded."""
        return [ln.decode("utf-8") for ln in self._split()]

    def __len__(self) -> int:
        return len(self._split())

    def _line(self, start: int) -> tuple[bytes, int]:
        """The line starting at ``start``, and where the next one starts."""
        data = self._data
        end = data.find(b"\n", start)
        if end < 0:
            end = len(data)
        return data[start:end], end + 1

    def _seek(self, probe: bytes) -> int:
        """Where the first line not below ``probe`` starts (bisection).

        The lines starting before the returned offset are all below
        ``probe``; ``lo`` is always a line start.
        """
        data = self._data
        lo, hi = 0, len(data)
        while lo < hi:
            mid = (lo + hi) // 2
            start = max(lo, data.rfind(b"\n", lo, mid) + 1)  # the line holding mid
            line, after = self._line(start)
            if line < probe:
                lo = after
            else:
                hi = start
        return min(lo, len(data))

    def _from(self, probe: bytes) -> Iterator[bytes]:
        """The lines starting with ``probe``, in order (lazily)."""
        lines = self._lines
        if lines is None and self._seeks >= UK_SPLIT_AFTER:
            lines = self._split()
        if lines is not None:
            i = bisect_left(lines, probe)
            while i < len(lines) and lines[i].startswith(probe):
                yield lines[i]
                i += 1
            return
        self._seeks += 1
        at = self._seek(probe)
        end = len(self._data)
        while at < end:
            line, at = self._line(at)
            if not line:
                continue  # an empty line sorts first: only at the start
            if not line.startswith(probe):
                return
            yield line

    def bases(self, form: str) -> list[str]:
        """The name keys ``form`` is a form of (``[]`` if none)."""
        probe = form.encode("utf-8") + b"\t"
        for line in self._from(probe):
            return line[len(probe) :].decode("utf-8").split("|")
        return []

    def starts(self, words: str) -> bool:
        """Whether some form starts with ``words`` followed by another word."""
        return next(self._from(words.encode("utf-8") + b" "), None) is not None

    def continues(self, words: str) -> Iterator[str]:
        """The forms that go on after ``words`` and a space, in order (lazily)."""
        for line in self._from(words.encode("utf-8") + b" "):
            yield line[: line.index(b"\t")].decode("utf-8")

    def first(self, word: str) -> bool:
        """Whether some form is ``word`` or starts with it as a whole word."""
        return bool(self.bases(word)) or self.starts(word)


@lru_cache(maxsize=1)
def load_store() -> Store:
    """Load the bundled gazetteer once per process."""
    places = read_data("places.tsv.gz")
    names = read_data("names.tsv.gz")
    return Store(places, names, names_sorted=True)


@lru_cache(maxsize=1)
def admin1_geojson() -> dict:
    """The bundled first-level boundaries as a GeoJSON mapping."""
    return json.loads(read_resource("admin1.geojson"))
