"""Start-up (issue 14): what a command on one article loads, builds and starts.

No timings: each test counts what is made (places, name iterations, pools,
files decompressed), so it fails when start-up work grows back.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
from click.testing import CliRunner

import gazetteer.store as store_module
import geo.engines.pipeline as pipeline
from gazetteer import Gazetteer, PlaceNotFound
from gazetteer.matcher import Matcher
from gazetteer.store import NameIndex, Store, read_data, read_resource
from geo.engines.pipeline import SMALL_RUN, extract_all, run, small_plan
from geo.engines.plan import Articles, Document, Skip, plan
from geo.ingest import iter_articles
from geo.tables.export import to_geojson
from strikemap.cli import main

CAPITAL = "gn:703448"  # Kyiv, the id the extractor asks for at start


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch):
    """The gazetteer's user cache goes to a temporary folder."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg")))
    monkeypatch.delenv(store_module.CACHE_ENV, raising=False)


def _fresh_store() -> Store:
    return Store(
        gzip.decompress(read_resource("places.tsv.gz")),
        gzip.decompress(read_resource("names.tsv.gz")),
        names_sorted=True,
    )


def _made(store: Store) -> int:
    """How many Place records a store has made so far."""
    return sum(p is not None for p in store._places)


# -- places by id ---------------------------------------------------------------------
@pytest.fixture(scope="module")
def bundled() -> Store:
    return _fresh_store()


def test_a_place_by_id_makes_no_other_place():
    store = _fresh_store()
    g = Gazetteer(store)
    assert g.place(CAPITAL).name == "Kyiv"
    assert g.admin1("UA-63").name == "Kharkiv Oblast"
    assert _made(store) == 2


@pytest.mark.parametrize("scans", [0, 3, 10_000])
def test_place_by_id_scanning_or_indexed_finds_every_kind(bundled, monkeypatch, scans):
    monkeypatch.setattr(store_module, "ID_SCANS", scans)
    store = _fresh_store()
    g = Gazetteer(store)
    rows = bundled._rows
    picks = [0, 1, 26, 27, len(rows) // 2, len(rows) - 1]
    prefixes = {}
    for i, row in enumerate(rows):  # one of each id scheme
        prefixes.setdefault(row.split(b":", 1)[0], i)
    for i in picks + sorted(prefixes.values()):
        expected = bundled.place(i)
        assert g.place(expected.id) == expected
        assert store.index_of(expected.id) == i
    for missing in ("gn:0", "iso:UA-99", "", "gn:703448\t"):
        assert store.index_of(missing) is None
        with pytest.raises(PlaceNotFound):
            g.place(missing)


def test_the_id_index_is_built_only_after_some_lookups(monkeypatch):
    monkeypatch.setattr(store_module, "ID_SCANS", 2)
    store = _fresh_store()
    store.index_of(CAPITAL)
    store.index_of("iso:UA-05")
    assert store._ids is None
    store.index_of("iso:UA-07")
    assert store._ids is not None and len(store._ids) == len(store)


# -- names: bisection, then a dict ----------------------------------------------------
PAIRS = {
    "kyiv": "1p",
    "kharkiv": "2p,3a",
    "kharkiv oblast": "4g",
    "nova kakhovka": "5p",
    "nova odesa": "6p",
    "novа": "7o",  # a Cyrillic "а": sorts after every Latin key
    "харків": "2a",
    "харківська область": "4g",
}


def _tsv(pairs: Mapping[str, str], order=sorted) -> str:
    return "".join(f"{k}\t{v}\n" for k, v in ((k, pairs[k]) for k in order(pairs)))


@pytest.mark.parametrize("lookups_before_dict", [0, 2, 100_000])
@pytest.mark.parametrize("is_sorted", [True, False])
def test_name_index_is_a_mapping(monkeypatch, lookups_before_dict, is_sorted):
    monkeypatch.setattr(store_module, "DICT_AFTER", lookups_before_dict)
    order = sorted if is_sorted else (lambda d: sorted(d, reverse=True))
    index = NameIndex(_tsv(PAIRS, order), is_sorted=is_sorted)
    for _ in range(2):  # before and after the dict is built
        for key, value in PAIRS.items():
            assert key in index and index[key] == value and index.get(key) == value
        for absent in ("kyi", "kyiv ", "nova", "kharkiv oblas", "", "х"):
            assert absent not in index and index.get(absent, "-") == "-"
            with pytest.raises(KeyError):
                index[absent]
    assert list(index) == sorted(PAIRS) and len(index) == len(PAIRS)
    assert dict(index.items()) == PAIRS
    assert list(index.continues("nova")) == ["nova kakhovka", "nova odesa"]
    assert list(index.continues("kharkiv")) == ["kharkiv oblast"]
    assert list(index.continues("харківська")) == ["харківська область"]
    assert list(index.continues("kyiv")) == []


def test_unsorted_names_read_like_a_dict():
    text = "b\t1\n\na\t2\nb\t3\n"  # a blank line, a repeated key (the last wins)
    index = NameIndex(text)
    assert dict(index.items()) == {"a": "2", "b": "3"}


def test_bundled_names_are_sorted_and_unique(bundled):
    keys = list(bundled.names)
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    assert len(keys) > 100_000


class CountingNames(Mapping[str, str]):
    """A name index that counts how often every name is walked through."""

    def __init__(self, inner: NameIndex):
        self.inner = inner
        self.walks = 0

    def __getitem__(self, key: str) -> str:
        return self.inner[key]

    def __contains__(self, key: object) -> bool:
        return key in self.inner

    def get(self, key, default=None):
        return self.inner.get(key, default)

    def __iter__(self) -> Iterator[str]:
        self.walks += 1
        return iter(self.inner)

    def __len__(self) -> int:
        return len(self.inner)

    def continues(self, prefix: str) -> Iterator[str]:
        return self.inner.continues(prefix)


def test_first_mentions_walk_no_list_of_every_name():
    store = _fresh_store()
    names = CountingNames(store.names)
    store.names = names  # type: ignore[assignment]
    g = Gazetteer(store)
    found = g.find_mentions(
        "Drones hit Nova Kakhovka, the Kharkiv region and Kryvyi Rih; "
        "Bila Tserkva was quiet."
    )
    assert [m.key for m in found] == [
        "nova kakhovka",
        "kharkiv region",
        "krivi rih",
        "bila tserkva",
    ]
    assert names.walks == 0
    assert store.names.inner._dict is None  # type: ignore[attr-defined]
    assert _made(store) < 50


@pytest.fixture(scope="module")
def prefix_sets(bundled) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The sets the matcher used to build on first use (the reference)."""
    never = Matcher(bundled).rules.never
    first, prefixes = set(), set()
    for key in bundled.names:
        if key in never:
            continue
        parts = key.split(" ")
        first.add(parts[0])
        for i in range(1, len(parts)):
            prefixes.add(" ".join(parts[:i]))
    return frozenset(first), frozenset(prefixes), never


def test_name_starts_and_continuations_answer_as_the_prefix_sets(bundled, prefix_sets):
    first, prefixes, never = prefix_sets
    m = Matcher(_fresh_store())
    asked = set(first) | set(prefixes) | set(never)
    asked |= {w[:-1] for w in first if len(w) > 1}  # near misses
    asked |= {f"{p} zzz" for p in list(prefixes)[:2000]}
    ascii_asked = sorted(w for w in asked if w.isascii())
    assert len(ascii_asked) > 50_000
    for w in ascii_asked:
        assert m._starts_name(w) == (w in first), w
        assert m._goes_on(w) == (w in prefixes), w


# -- the decompressed copies in the user cache ----------------------------------------
def test_bundled_files_are_decompressed_once(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    expected = gzip.decompress(read_resource("names.tsv.gz"))
    assert read_data("names.tsv.gz") == expected
    copies = list((tmp_path / "strikemap" / "gazetteer").iterdir())
    assert [p.name.split("-")[0] for p in copies] == ["names.tsv"]

    def refuse(_data):
        raise AssertionError("decompressed again")

    monkeypatch.setattr(store_module.gzip, "decompress", refuse)
    assert read_data("names.tsv.gz") == expected


def test_a_damaged_copy_is_not_used_and_is_replaced(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    expected = read_data("names.tsv.gz")
    (copy,) = (tmp_path / "strikemap" / "gazetteer").iterdir()
    damaged = bytearray(expected)
    damaged[100] ^= 1  # same length, another CRC
    copy.write_bytes(bytes(damaged))
    assert read_data("names.tsv.gz") == expected
    assert copy.read_bytes() == expected
    stale = copy.with_name("names.tsv-00000000-1")  # another build's copy
    stale.write_bytes(b"x")
    copy.unlink()
    assert read_data("names.tsv.gz") == expected
    assert [p.name for p in copy.parent.iterdir()] == [copy.name]


@pytest.mark.parametrize("how", ["off", "unwritable"])
def test_no_cache_still_reads_the_files(monkeypatch, tmp_path, how):
    if how == "off":
        monkeypatch.setenv(store_module.CACHE_ENV, "0")
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    else:
        blocker = tmp_path / "file"
        blocker.write_text("not a folder")
        monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    expected = gzip.decompress(read_resource("places.tsv.gz"))
    assert read_data("places.tsv.gz") == expected
    if how == "off":
        assert not (tmp_path / "strikemap").exists()


# -- small runs stay in this process --------------------------------------------------
@pytest.mark.parametrize(
    ("weights", "limit", "small"),
    [
        ([], 4, True),
        ([1, 1, 1, 1], 4, True),
        ([1, 1, 1, 1, 1], 4, False),
        ([0, 0, 0], 0, True),
        ([3, 2], 4, False),
        ([0] * 100 + [1], 1, True),
    ],
)
def test_small_plan(weights, limit, small):
    tasks = [
        Skip(f"s{i}", "x") if w == 0 else Articles(tuple(range(w)))  # type: ignore[arg-type]
        for i, w in enumerate(weights)
    ]
    head, rest = small_plan(iter(tasks), limit)
    assert (rest is None) == small
    assert head + (list(rest) if rest is not None else []) == tasks
    if not small:
        assert (
            sum(len(t.articles) for t in head if isinstance(t, Articles)) == limit + 1
        )


@pytest.fixture
def no_pool(monkeypatch):
    def refuse(*_args, **_kwargs):
        raise AssertionError("a pool was started")

    monkeypatch.setattr(pipeline, "_pooled", refuse)


@pytest.fixture(scope="module")
def articles_dir(data_dir) -> Path:
    return data_dir / "articles"


def test_a_small_run_uses_no_pool(articles_dir, no_pool):
    tasks = list(plan([articles_dir]))
    assert 1 < sum(isinstance(t, Document) for t in tasks) <= SMALL_RUN
    serial = run([articles_dir], jobs=1)
    small = run([articles_dir], jobs=2)
    assert to_geojson(small.features) == to_geojson(serial.features)
    assert small.to_report() == serial.to_report()
    articles = list(iter_articles([articles_dir]))
    assert [a.id for a, _, _ in extract_all(articles, jobs=2)] == [
        a.id for a in articles
    ]


def test_a_run_over_the_limit_uses_the_pool_and_gives_the_same(
    articles_dir, monkeypatch
):
    started = []
    real = pipeline._pooled

    def pooled(tasks, settings, jobs):
        started.append(jobs)
        return real(tasks, settings, jobs)

    monkeypatch.setattr(pipeline, "_pooled", pooled)
    monkeypatch.setattr(pipeline, "SMALL_RUN", 1)
    serial = run([articles_dir], jobs=1)
    parallel = run([articles_dir], jobs=2)
    assert started == [2]
    assert to_geojson(parallel.features) == to_geojson(serial.features)
    assert parallel.to_report() == serial.to_report()
    articles = list(iter_articles([articles_dir]))
    pooled_out = list(extract_all(articles, jobs=2))
    assert started == [2, 2]
    local_out = list(extract_all(articles, jobs=1))
    assert [(a, e) for a, e, _ in pooled_out] == [(a, e) for a, e, _ in local_out]


def test_the_command_on_one_article_starts_no_pool(tmp_path, no_pool):
    article = tmp_path / "one.txt"
    article.write_text(
        "Published March 3, 2025\n\nA drone hit a warehouse in Sumy overnight, "
        "the regional governor said; two workers were hurt.\n",
        encoding="utf-8",
    )
    out = tmp_path / "events.geojson"
    res = CliRunner().invoke(
        main, ["events", "-q", "-j", "2", "-o", str(out), str(article)]
    )
    assert res.exit_code == 0, res.output
    features = json.loads(out.read_text(encoding="utf-8"))["features"]
    assert [f["properties"]["place"] for f in features] == ["Sumy"]
