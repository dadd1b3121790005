"""The local engine at scale: parallel = serial, the cache, streaming input.

The corpus (about 200 articles of mixed length, mostly ~4 KB) is made by
``bench/corpus.py`` from our own word lists and gazetteer places.  Nothing here
is timed; "memory stays flat" is checked structurally: texts are dropped from
what the pipeline keeps, input is read no further ahead than the work in
hand, and compressed input is decoded as it is consumed.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import sys
from dataclasses import asdict
from pathlib import Path

import pytest

from geo.engines.pipeline import extract_all, run
from geo.ingest import Skipped, iter_articles
from geo.tables.export import to_geojson

ROOT = Path(__file__).resolve().parent.parent
N = 200


@pytest.fixture(scope="module")
def corpus_module():
    spec = importlib.util.spec_from_file_location(
        "strikemap_bench_corpus", ROOT / "bench" / "corpus.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def records(corpus_module) -> list[dict]:
    return list(corpus_module.generate(N, seed=3))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, corpus_module) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "corpus.jsonl"
    return corpus_module.write_corpus(path, N, seed=3)


@pytest.fixture(scope="module")
def corpus_gz(tmp_path_factory, corpus: Path) -> Path:
    path = tmp_path_factory.mktemp("corpus_gz") / "corpus.jsonl.gz"
    path.write_bytes(gzip.compress(corpus.read_bytes()))
    return path


@pytest.fixture(scope="module")
def serial(corpus):
    return run([corpus], jobs=1)


def _statuses(result, *, drop=()) -> list[dict]:
    out = []
    for a in result.articles:
        d = asdict(a)
        for key in drop:
            d.pop(key)
        out.append(d)
    return out


# -- the generated corpus --------------------------------------------------------------
def test_corpus_is_deterministic_and_prefix_stable(corpus_module, records):
    again = list(corpus_module.generate(N // 2, seed=3))
    assert again == records[: N // 2]
    other = list(corpus_module.generate(5, seed=4))
    assert [r["text"] for r in other] != [r["text"] for r in records[:5]]


def test_corpus_lengths_are_mixed(records):
    sizes = sorted(len(r["text"]) for r in records)
    assert sizes[0] < 1600  # short ones
    assert sizes[-1] > 5500  # long ones
    around_4k = sum(3000 <= s <= 5000 for s in sizes)
    assert around_4k >= N // 2
    assert len({r["id"] for r in records}) == N
    assert all(r["date"][:4] in ("2025", "2026") for r in records)


def test_corpus_gives_events_in_many_oblasts(serial):
    rep = serial.to_report()
    assert rep["articles_read"] == N
    assert rep["articles_with_events"] >= N * 0.9
    assert len(rep["oblasts"]) >= 20
    assert rep["events"] >= N
    assert rep["outside_coverage"]  # the strikes on Russian regions


# -- jobs ------------------------------------------------------------------------------
def test_two_jobs_byte_identical_to_one(corpus, serial):
    parallel = run([corpus], jobs=2)
    assert to_geojson(parallel.features) == to_geojson(serial.features)
    assert _statuses(parallel) == _statuses(serial)
    assert parallel.to_report() == serial.to_report()


@pytest.fixture
def with_bad_lines(records, tmp_path) -> Path:
    """Good records with an unreadable line after every fifth one."""
    path = tmp_path / "with_bad_lines.jsonl"
    lines = []
    for i, r in enumerate(records[:60]):
        lines.append(json.dumps(r))
        if i % 5 == 4:
            lines.append("{not json")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_serial_statuses_keep_skips_in_place(with_bad_lines):
    got = [a.status for a in run([with_bad_lines], jobs=1).articles]
    assert len(got) == 72
    assert [i for i, s in enumerate(got) if s == "skipped"] == list(range(5, 72, 6))


def test_parallel_statuses_keep_skips_in_place(with_bad_lines):
    serial = run([with_bad_lines], jobs=1)
    parallel = run([with_bad_lines], jobs=2)
    assert _statuses(parallel) == _statuses(serial)


# -- cache -----------------------------------------------------------------------------
@pytest.mark.parametrize("jobs", [1, 2])
def test_second_run_reads_everything_from_cache(corpus, serial, tmp_path, jobs):
    cache = tmp_path / "cache"
    first = run([corpus], jobs=jobs, cache=cache)
    assert not any(a.cached for a in first.articles)
    second = run([corpus], jobs=jobs, cache=cache)
    assert len(second.articles) == N
    assert all(a.cached for a in second.articles)
    expected = to_geojson(serial.features)
    assert to_geojson(first.features) == expected == to_geojson(second.features)
    assert _statuses(second, drop=("cached",)) == _statuses(serial, drop=("cached",))


def test_changed_article_is_read_again(records, tmp_path):
    cache = tmp_path / "cache"
    path = tmp_path / "corpus.jsonl"

    def write(recs):
        path.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")

    recs = [dict(r) for r in records[:40]]
    write(recs)
    run([path], cache=cache)
    changed = {7, 21}
    recs[7]["text"] += "\n\nA drone also hit a warehouse in Lutsk, the mayor said."
    recs[21]["date"] = "2025-12-31"
    write(recs)
    again = run([path], cache=cache)
    assert {i for i, a in enumerate(again.articles) if not a.cached} == changed
    fresh = run([path])
    assert to_geojson(again.features) == to_geojson(fresh.features)


class Interrupted(Exception):
    pass


def _interrupting(articles, after: int):
    for i, a in enumerate(articles):
        if i == after:
            raise Interrupted
        yield a


def test_cache_survives_an_interrupted_run(corpus, tmp_path):
    cache = tmp_path / "cache"
    articles = list(iter_articles([corpus]))[:60]
    done = 0
    with pytest.raises(Interrupted):
        for _ in extract_all(_interrupting(articles, 25), cache=cache):
            done += 1
    assert done == 25
    flags = [cached for _, _, cached in extract_all(articles, cache=cache)]
    assert flags == [True] * 25 + [False] * 35
    assert all(cached for _, _, cached in extract_all(articles, cache=cache))


def test_damaged_cache_entry_is_recomputed(corpus, tmp_path):
    cache = tmp_path / "cache"
    articles = list(iter_articles([corpus]))[:10]
    before = [ex for _, ex, _ in extract_all(articles, cache=cache)]
    entries = sorted(cache.rglob("*.json"))
    assert len(entries) == 10
    entries[0].write_text("{truncated", encoding="utf-8")
    out = list(extract_all(articles, cache=cache))
    assert sum(not cached for _, _, cached in out) == 1
    assert [ex for _, ex, _ in out] == before


# -- streaming input and flat memory ---------------------------------------------------
def test_gzip_input_gives_the_same_events(corpus_gz, serial):
    got = run([corpus_gz], jobs=1)
    assert to_geojson(got.features) == to_geojson(serial.features)
    assert [a.article for a in got.articles] == [a.article for a in serial.articles]
    assert all(a.source.startswith(str(corpus_gz) + ":") for a in got.articles)


def test_gzip_input_is_decoded_as_it_is_read(corpus_gz, tmp_path):
    """A gzip file cut short yields its first articles before the error.

    A reader that decompressed the whole file first would fail before
    yielding anything.
    """
    data = corpus_gz.read_bytes()
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(data[: len(data) // 2])
    events: list[object] = []
    for a in iter_articles([cut], on_skip=events.append):
        events.append(a)
    assert isinstance(events[-1], Skipped)
    assert events[-1].reason.startswith("cannot read")
    read = events[:-1]
    assert N // 4 < len(read) < N
    assert not any(isinstance(e, Skipped) for e in read)


class Counting:
    """An article source that records how far it has been read."""

    def __init__(self, articles):
        self.articles = articles
        self.pulled = 0

    def __iter__(self):
        for a in self.articles:
            self.pulled += 1
            yield a


@pytest.mark.parametrize("jobs", [1, 2])
def test_extract_all_keeps_no_texts(corpus, jobs):
    articles = list(iter_articles([corpus]))
    out = list(extract_all(articles, jobs=jobs))
    assert [a.id for a, _, _ in out] == [a.id for a in articles]
    assert all(a.text == "" for a, _, _ in out)
    assert all(a.published for a, _, _ in out)


def test_extract_all_keeps_no_texts_from_cache(corpus, tmp_path):
    articles = list(iter_articles([corpus]))[:20]
    list(extract_all(articles, cache=tmp_path))
    out = list(extract_all(articles, cache=tmp_path))
    assert all(cached and a.text == "" for a, _, cached in out)


def test_serial_extraction_reads_one_article_ahead_at_most(corpus):
    source = Counting(list(iter_articles([corpus])))
    for k, _ in enumerate(extract_all(source, jobs=1), start=1):
        assert source.pulled == k
    assert source.pulled == N


def test_parallel_extraction_reads_a_bounded_window_ahead(
    corpus_module, tmp_path, monkeypatch
):
    """With jobs=2 at most the window of batches (and one being made) is read ahead."""
    import geo.engines.pipeline as pipeline

    monkeypatch.setattr(pipeline, "TASK_ARTICLES", 20)
    monkeypatch.setattr(pipeline, "WINDOW_PER_JOB", 2)
    monkeypatch.setattr(pipeline, "_CHUNK", 5)
    path = corpus_module.write_corpus(tmp_path / "big.jsonl", 700, seed=5)
    source = Counting(iter_articles([path]))
    # 2 * 2 batches in flight, one being filled, one task of 5 being made
    window = (2 * 2 + 1) * 20 + 5 + 1
    ahead = 0
    for k, _ in enumerate(extract_all(source, jobs=2), start=1):
        ahead = max(ahead, source.pulled - k)
        assert source.pulled - k < window
    assert source.pulled == 700
    assert ahead > 20  # it does read ahead, just not unboundedly


def test_run_result_holds_no_texts(serial, records):
    """What a run keeps is events and statuses; no article text survives."""
    blob = json.dumps(serial.to_report()) + to_geojson(serial.features)
    # evidence sentences are kept, whole articles are not
    assert not any(r["text"] in blob for r in records)
