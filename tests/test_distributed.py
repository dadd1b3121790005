"""The Dask engine gives what the local engine gives, byte for byte.

Cluster tests share one LocalCluster (two worker processes) per module and are
marked ``dask``.  The partitioning, ordering and window logic is also run
in-process through a synchronous stand-in for ``distributed.Client``, over many
partition sizes, so it is tested quickly and without a cluster.
"""

from __future__ import annotations

import dataclasses
import gzip
import json
import os
import sys
from dataclasses import asdict
from datetime import date
from pathlib import Path

import pytest

import geo.engines.plan as plan_module
import geo.engines.work as work_module
import geo.ingest.jsonl as articles_module
from gazetteer.exc import StrikemapError
from geo.engines.distributed import run_dask
from geo.engines.pipeline import run
from geo.engines.plan import Document, LineRange, Lines, Skip, batches, plan, weight
from geo.ingest import Skipped, read_articles
from geo.tables.export import to_geojson


# -- inputs ------------------------------------------------------------------------
@pytest.fixture(scope="module")
def articles_dir(data_dir: Path) -> Path:
    return data_dir / "articles"


@pytest.fixture(scope="module")
def mixed_inputs(tmp_path_factory, articles_dir: Path) -> list[str]:
    """Folders, JSONL, JSONL.gz and inputs that are skipped, interleaved."""
    root = tmp_path_factory.mktemp("mixed")
    lines = (articles_dir / "batch.jsonl").read_text(encoding="utf-8").splitlines()
    bad = ["{not json", "", json.dumps({"id": "no-text"}), json.dumps([1, 2])]
    mixed = []
    for i, line in enumerate(lines):
        mixed.append(line)
        mixed.append(bad[i % len(bad)])
    (root / "mixed.jsonl").write_text("\n".join(mixed) + "\n", encoding="utf-8")
    with gzip.open(root / "mixed.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write("\n".join(reversed(mixed)) + "\n")
    # a gzip file cut short: the lines before the cut are read, then a skip
    whole = gzip.compress(("\n".join(lines * 3) + "\n").encode("utf-8"))
    (root / "cut.jsonl.gz").write_bytes(whole[: len(whole) * 2 // 3])
    (root / "notes.docx").write_bytes(b"PK\x03\x04")
    sub = root / "folder"
    sub.mkdir()
    (sub / "a.txt").write_text(
        "date 2025-05-02\nRussian drones struck Poltava overnight, injuring four "
        "people, the governor said.\n",
        encoding="utf-8",
    )
    (sub / "b.txt").write_bytes(b"")
    (sub / "c.csv").write_text("ignored,in,folders\n", encoding="utf-8")
    (sub / "d.html").write_text(
        "<html><head><meta property='article:published_time' "
        "content='2025-06-01'></head><body><p>A missile hit a warehouse in "
        "Lviv, the mayor said.</p></body></html>",
        encoding="utf-8",
    )
    return [
        str(articles_dir / "01_odesa_port.txt"),
        str(root / "missing.txt"),
        str(root / "mixed.jsonl"),
        str(root / "notes.docx"),
        str(sub),
        str(root / "mixed.jsonl.gz"),
        str(root / "cut.jsonl.gz"),
        str(articles_dir),
    ]


def _statuses(result) -> list[dict]:
    return [asdict(a) for a in result.articles]


@pytest.fixture(scope="module")
def local_mixed(mixed_inputs):
    return run(mixed_inputs, jobs=1, default_date=date(2025, 1, 15))


# -- in-process: a synchronous stand-in for distributed.Client ---------------------
class _Done:
    def __init__(self, value):
        self.value = value
        self.released = False

    def result(self):
        return self.value

    def release(self):
        self.released = True

    def cancel(self):
        pass


class SyncClient:
    """Runs each submitted task at once; records how many were in flight."""

    def __init__(self, threads: int = 2):
        self.threads = threads
        self.futures: list[_Done] = []
        self.max_in_flight = 0

    def nthreads(self) -> dict:
        return {f"w{i}": 1 for i in range(self.threads)}

    def submit(self, fn, *args, pure=True):
        future = _Done(fn(*args))
        self.futures.append(future)
        in_flight = sum(not f.released for f in self.futures)
        self.max_in_flight = max(self.max_in_flight, in_flight)
        return future


@pytest.mark.parametrize("partition_size", [1, 2, 3, 5, 8, 256])
def test_sync_engine_equals_local(mixed_inputs, local_mixed, partition_size):
    client = SyncClient()
    got = run_dask(
        mixed_inputs,
        default_date=date(2025, 1, 15),
        scheduler=client,
        partition_size=partition_size,
    )
    assert to_geojson(got.features) == to_geojson(local_mixed.features)
    assert _statuses(got) == _statuses(local_mixed)
    assert got.to_report() == local_mixed.to_report()
    assert all(f.released for f in client.futures)


def test_mixed_inputs_exercise_every_path(local_mixed):
    reasons = [a.reason for a in local_mixed.skipped]
    assert "no such file or directory" in reasons
    assert "unsupported file type .docx" in reasons
    assert any(r.startswith("invalid JSON") for r in reasons)
    assert any(r.startswith("cannot read") for r in reasons)  # the cut gzip
    assert "empty file" in reasons
    assert local_mixed.features


@pytest.mark.parametrize("threads", [1, 2, 4])
def test_window_bounds_partitions_in_flight(mixed_inputs, threads):
    client = SyncClient(threads)
    run_dask(mixed_inputs, scheduler=client, partition_size=1)
    assert len(client.futures) > 4 * threads  # enough partitions to fill it
    assert client.max_in_flight == 2 * threads


def test_tasks_are_read_lazily(mixed_inputs):
    """Walking the inputs reads no article text: only paths, offsets, skips."""
    tasks = list(plan(mixed_inputs, 4))
    kinds = {type(t) for t in tasks}
    assert {Document, LineRange, Lines, Skip} <= kinds
    for t in tasks:
        if isinstance(t, LineRange):
            assert all(isinstance(x, (int, str)) for x in dataclasses.astuple(t))
    # gzip lines travel with their task, so never more than a task's worth
    assert max(len(t.lines) for t in tasks if isinstance(t, Lines)) <= 4


@pytest.mark.parametrize("size", [1, 3, 7, 100])
def test_partitions_keep_order_and_size(mixed_inputs, size):
    tasks = list(plan(mixed_inputs, 4))
    parts = list(batches(iter(tasks), size))
    assert [t for p in parts for t in p] == tasks
    for p in parts[:-1]:
        assert sum(weight(t) for t in p) >= size


def test_bad_partition_size():
    with pytest.raises(ValueError):
        run_dask([], scheduler=SyncClient(), partition_size=0)


def test_missing_dask_is_a_clear_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(StrikemapError, match=r"strikemap\[dask\]"):
        run_dask([], scheduler=None)


def test_unreachable_scheduler_is_a_clear_error():
    pytest.importorskip("distributed")
    with pytest.raises(StrikemapError, match="scheduler"):
        run_dask([], scheduler="tcp://127.0.0.1:9/")


# -- on a real cluster ---------------------------------------------------------------
@pytest.fixture(scope="module")
def client():
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",  # any free port: no clash, no warning
        ) as cluster,
        distributed.Client(cluster) as c,
    ):
        yield c


@pytest.mark.dask
def test_cluster_project_articles(client, articles_dir):
    local = run([articles_dir], jobs=1)
    seen = []
    got = run_dask([articles_dir], scheduler=client, on_article=seen.append)
    assert to_geojson(got.features) == to_geojson(local.features)
    assert _statuses(got) == _statuses(local)
    assert seen == got.articles
    assert got.to_report() == local.to_report()


@pytest.mark.dask
def test_cluster_seeds(client, seeds_dir):
    local = run([seeds_dir], jobs=1)
    got = run_dask([seeds_dir], scheduler=client, partition_size=2)
    assert to_geojson(got.features) == to_geojson(local.features)
    assert _statuses(got) == _statuses(local)


@pytest.mark.dask
def test_cluster_mixed_inputs(client, mixed_inputs, local_mixed):
    got = run_dask(
        mixed_inputs,
        default_date=date(2025, 1, 15),
        scheduler=client,
        partition_size=3,
    )
    assert to_geojson(got.features) == to_geojson(local_mixed.features)
    assert _statuses(got) == _statuses(local_mixed)


@pytest.mark.dask
def test_cluster_cache_shared_with_local_engine(client, articles_dir, tmp_path):
    cache = tmp_path / "cache"
    first = run_dask([articles_dir], scheduler=client, cache=cache)
    read = [a for a in first.articles if a.status != "skipped"]
    assert read and not any(a.cached for a in read)
    again = run_dask([articles_dir], scheduler=client, cache=cache)
    assert all(a.cached for a in again.articles if a.status != "skipped")
    local = run([articles_dir], jobs=1, cache=cache)  # reads the workers' cache
    assert all(a.cached for a in local.articles if a.status != "skipped")
    expected = to_geojson(first.features)
    assert to_geojson(again.features) == expected == to_geojson(local.features)


@pytest.mark.dask
def test_cluster_started_and_closed_by_default(articles_dir):
    pytest.importorskip("distributed")
    one = articles_dir / "03_kyiv_ballistic.txt"
    got = run_dask([one])
    assert to_geojson(got.features) == to_geojson(run([one]).features)


# -- hostile input: both engines read it alike, and nothing stops them ---------------
@pytest.fixture(scope="module")
def hostile_inputs(tmp_path_factory) -> list[str]:
    """Bad names, links, encodings, dates, ids and sizes next to good articles."""
    root = tmp_path_factory.mktemp("hostile")
    good = "Russian drones struck Poltava overnight, injuring four people."
    folder = root / "folder"
    folder.mkdir()
    (folder / "a.txt").write_text(f"date 2025-05-02\n{good}\n", encoding="utf-8")
    (folder / "new\nline.txt").write_bytes(b"")
    (folder / os.fsdecode(b"\xff-name.txt")).write_text(good, encoding="utf-8")
    (folder / "loop.txt").symlink_to("loop.txt")
    (folder / "gone.md").symlink_to("nowhere.md")
    (folder / "report.pdf").write_bytes(b"%PDF-1.7")
    (folder / "latin.txt").write_bytes("A drone hit the café in Sumy.".encode("cp1252"))
    (folder / "noise.txt").write_bytes(bytes(range(128, 256)) * 32)
    (folder / "far.txt").write_text(
        f"Headline\nPublished 3 February 9000\n{good}\n", encoding="utf-8"
    )
    (folder / "h5.html").write_text(
        f"<!doctype html><head><title>T</title><body><p>{good}</p>", encoding="utf-8"
    )
    records = [
        {"id": "x", "text": good, "date": "2025-05-03"},
        {"id": "x", "text": "A missile hit Odesa.", "date": "9999-12-31"},
        {"id": "y", "text": "A missile hit Odesa overnight.", "date": "0001-01-01"},
        {"id": "z\ud800", "text": f"{good} \udfff"},
        {"id": "big", "text": "x " * 3000},
        {"id": "a.txt", "text": good},
    ]
    body = "".join(json.dumps(r) + "\n" for r in records)
    (root / "h.jsonl").write_text(body, encoding="utf-8")
    (root / "h.jsonl.gz").write_bytes(gzip.compress(body.encode()))
    return [str(folder), str(root / "h.jsonl"), str(root / "h.jsonl.gz")]


@pytest.mark.skipif(sys.platform == "win32", reason="needs symbolic links")
@pytest.mark.parametrize("partition_size", [1, 2, 256])
def test_hostile_inputs_read_alike_by_both_engines(
    hostile_inputs, monkeypatch, partition_size
):
    monkeypatch.setattr(articles_module, "MAX_RECORD_BYTES", 2000)
    local = run(hostile_inputs, jobs=1)
    seen: list = []
    collect = work_module.collect

    def spy(items, on_article=None):
        def tee():
            for item in items:
                seen.append(item)
                yield item

        return collect(tee(), on_article)

    monkeypatch.setattr(work_module, "collect", spy)
    got = run_dask(
        hostile_inputs, scheduler=SyncClient(), partition_size=partition_size
    )
    assert to_geojson(got.features) == to_geojson(local.features)
    assert _statuses(got) == _statuses(local)
    assert got.to_report() == local.to_report()
    # the articles' warnings travel back from the workers, ids renamed alike
    read, skipped = read_articles(hostile_inputs)
    on_dask = [i[0] for i in seen if not isinstance(i, Skipped)]
    assert [(a.id, a.source, a.published, a.warnings) for a in on_dask] == [
        (a.id, a.source, a.published, a.warnings) for a in read
    ]
    assert [i for i in seen if isinstance(i, Skipped)] == skipped
    reasons = {s.reason.split(" (")[0] for s in skipped}
    assert {
        "empty file",
        "symbolic link loop",
        "dangling symbolic link",
        "unsupported file type .pdf",
        "not UTF-8 text",
        "record too large",
    } <= reasons
    ids = [a.id for a in read]
    assert len(ids) == len(set(ids)) and "x#2" in ids and "a.txt#2" in ids
    assert any(
        w.startswith("decoded as windows-1252") for a in read for w in a.warnings
    )
    assert local.features


def test_ranges_are_cut_by_bytes_and_long_lines_travel_as_lengths(
    tmp_path, monkeypatch
):
    monkeypatch.setattr(articles_module, "MAX_RECORD_BYTES", 500)
    monkeypatch.setattr(plan_module, "RANGE_BYTES", 120)
    lines = [json.dumps({"id": f"n{i}", "text": "Drones hit Sumy."}) for i in range(9)]
    lines[4] = json.dumps({"id": "big", "text": "x" * 1000})
    path = tmp_path / "r.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tasks = list(plan([path], 100))
    ranges = [t for t in tasks if isinstance(t, LineRange)]
    assert len(ranges) > 2 and all(t.end - t.start <= 120 + 60 for t in ranges)
    assert Lines(str(path), "r.jsonl", 5, (len(lines[4]) + 1,)) in tasks
    got = run_dask([path], scheduler=SyncClient(), partition_size=3)
    assert _statuses(got) == _statuses(run([path], jobs=1))
    assert [a.source for a in got.skipped] == [f"{path}:5"]


# -- run-level warnings reach on_warning and the report, as in the local engine ------
@pytest.fixture
def blocked_cache(tmp_path) -> Path:
    """A cache folder that cannot be made: a file stands where its parent should."""
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    return blocker / "cache"


def _warned(engine, inputs, cache, **kw):
    warnings: list[str] = []
    result = engine(inputs, cache=cache, on_warning=warnings.append, **kw)
    return result, warnings


def test_worker_cache_warning_reaches_on_warning_and_report(
    articles_dir, blocked_cache
):
    local, local_warnings = _warned(run, [articles_dir], blocked_cache, jobs=1)
    got, warnings = _warned(
        run_dask,
        [articles_dir],
        blocked_cache,
        scheduler=SyncClient(),
        partition_size=2,
    )
    assert len(warnings) == 1 and "cannot write to the cache" in warnings[0]
    assert warnings == local_warnings == got.warnings == local.warnings
    assert got.to_report()["warnings"] == local.to_report()["warnings"]
    assert not any(a.cached for a in got.articles)


@pytest.mark.dask
def test_cluster_cache_warning_is_given_once(client, articles_dir, blocked_cache):
    """Each worker process finds the cache unwritable; the driver says so once."""
    got, warnings = _warned(
        run_dask, [articles_dir], blocked_cache, scheduler=client, partition_size=1
    )
    assert len(warnings) == 1 and "cannot write to the cache" in warnings[0]
    assert [w["warning"] for w in got.to_report()["warnings"]] == warnings
