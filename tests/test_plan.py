"""The task plan both engines share: same tasks, same results, same warnings.

Articles are our own short texts.  The Dask engine runs here through a
synchronous stand-in for ``distributed.Client`` (the cluster itself is tested
in ``test_distributed.py``).
"""

from __future__ import annotations

import dataclasses
import gzip
import json
import os
import pickle
import threading
from pathlib import Path

import pytest

import geo.engines.distributed as distributed_module
import geo.engines.pipeline as pipeline_module
from geo.engines.codec import extraction_to_json
from geo.engines.distributed import run_dask
from geo.engines.pipeline import run
from geo.engines.plan import (
    Articles,
    Document,
    LineRange,
    Lines,
    Skip,
    batches,
    plan,
    plan_articles,
    read_task,
    weight,
)
from geo.engines.work import (
    Extracted,
    Packed,
    Settings,
    TaskResult,
    Warnings,
    Worker,
    in_order,
    process,
)
from geo.ingest import Article, Skipped, UniqueIds, iter_articles
from geo.tables.export import to_geojson

GOOD = [
    "Russian drones struck Poltava overnight, injuring four people, the governor said.",
    "A missile hit a warehouse in Lviv on Monday, the mayor said.",
    "Shelling damaged a school in Kherson on Sunday, local officials said.",
    "The weather in Uzhhorod was mild and nothing happened.",
    "A glide bomb fell on a shop in Zaporizhzhia, injuring five people.",
]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[str]:
    """Documents, JSONL (plain and gzip), duplicate ids and skips, interleaved."""
    root = tmp_path_factory.mktemp("plan")
    folder = root / "folder"
    folder.mkdir()
    for i, text in enumerate(GOOD):
        (folder / f"{i}.txt").write_text(f"date 2025-05-0{i + 1}\n{text}\n", "utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "notes.pdf").write_bytes(b"%PDF")
    records = [
        {"id": f"r{i}", "text": text, "date": f"2025-06-{i + 10}"}
        for i, text in enumerate(GOOD * 4)
    ]
    records[3]["id"] = "r0"  # a duplicate id: renamed r0#2 where results meet
    lines = [json.dumps(r) for r in records]
    lines.insert(5, "{not json")
    body = "\n".join(lines) + "\n"
    (root / "a.jsonl").write_text(body, encoding="utf-8")
    (root / "b.jsonl.gz").write_bytes(gzip.compress(body.encode("utf-8")))
    return [str(folder), str(root / "a.jsonl"), str(root / "missing.txt")] + [
        str(root / "b.jsonl.gz")
    ]


def _statuses(result) -> list[dict]:
    return [dataclasses.asdict(a) for a in result.articles]


# -- the plan -------------------------------------------------------------------------
def test_plan_reads_nothing_and_makes_every_kind(inputs):
    tasks = list(plan(inputs, 4))
    assert {type(t) for t in tasks} == {Document, LineRange, Lines, Skip}
    # a document or a range is a path and numbers: small whatever the article
    for t in tasks:
        if isinstance(t, (Document, LineRange)):
            assert len(pickle.dumps(t)) < 400
            assert os.path.isabs(t.path)
    assert all(weight(t) <= 4 for t in tasks)
    assert sum(weight(t) for t in tasks) == 6 + 2 * 21  # .txt files, JSONL lines


@pytest.mark.parametrize("chunk", [1, 3, 16])
def test_reading_the_plan_is_reading_the_inputs(inputs, chunk):
    """Task by task, in order, the plan reads what iter_articles reads."""
    skipped: list[Skipped] = []
    expected = list(iter_articles(inputs, on_skip=skipped.append))
    unique = UniqueIds()
    got, got_skipped = [], []
    for task in plan(inputs, chunk):
        for item in read_task(task):
            if isinstance(item, Skipped):
                got_skipped.append(item)
            else:
                got.append(unique(item))
    assert got == expected
    assert got_skipped == skipped


def test_bad_chunk():
    with pytest.raises(ValueError):
        list(plan([], 0))
    with pytest.raises(ValueError):
        list(plan_articles([], 0))


def test_plan_articles_reads_one_task_ahead():
    pulled = []

    def source():
        for i in range(10):
            pulled.append(i)
            yield Article(f"a{i}", "text", None, "none", None, None, f"a{i}")

    tasks = plan_articles(source(), 3)
    first = next(tasks)
    assert isinstance(first, Articles) and len(first.articles) == 3
    assert len(pulled) == 3
    assert [len(t.articles) for t in tasks] == [3, 3, 1]


@pytest.mark.parametrize(("size", "start"), [(4, None), (64, 8), (5, 1), (1, 16)])
def test_batches_keep_order_and_grow_to_size(inputs, size, start):
    tasks = list(plan(inputs, 2))
    parts = list(batches(tasks, size, start=start))
    assert [t for p in parts for t in p] == tasks
    weights = [sum(weight(t) for t in p) for p in parts]
    limit = min(size, start) if start else size
    for w in weights[:-1]:
        assert w >= limit
        limit = min(size, 2 * limit)
    if start and start < size:
        assert weights[0] < max(weights)  # the first batches are the small ones


# -- both engines run the same plan ---------------------------------------------------
class SyncClient:
    """Runs each submitted task at once, here."""

    class Done:
        def __init__(self, value):
            self.value = value

        def result(self):
            return self.value

        def release(self):
            pass

        def cancel(self):
            pass

    def nthreads(self) -> dict:
        return {"w0": 1, "w1": 1}

    def submit(self, fn, *args, pure=True):
        return self.Done(fn(*args))


@pytest.fixture
def seen_tasks(monkeypatch):
    """The tasks each engine hands on to be run, by engine."""
    seen: dict[str, list] = {}

    def spy(module, name):
        real = module.execute

        def execute(tasks, run_tasks, **kw):
            tasks = list(tasks)
            seen[name] = tasks
            return real(tasks, run_tasks, **kw)

        monkeypatch.setattr(module, "execute", execute)

    spy(pipeline_module, "local")
    spy(distributed_module, "dask")
    return seen


@pytest.mark.parametrize("jobs", [1, 2])
def test_both_engines_get_the_same_tasks_and_give_the_same_result(
    inputs, seen_tasks, jobs
):
    local = run(inputs, jobs=jobs)
    dask = run_dask(inputs, scheduler=SyncClient(), partition_size=3)
    assert seen_tasks["local"] == seen_tasks["dask"] == list(plan(inputs))
    assert to_geojson(dask.features) == to_geojson(local.features)
    assert _statuses(dask) == _statuses(local)
    assert dask.to_report() == local.to_report()
    ids = [a.article for a in local.articles]
    assert "r0#2" in ids and local.skipped and local.features


def test_a_task_gives_the_same_items_here_and_in_a_worker(inputs):
    """What a worker sends back decodes to what the driver's own process makes."""
    settings = Settings.new()
    here = Worker(settings)
    for task in plan(inputs, 4):
        packed = process((task,), settings)
        local = list(here.items(task))
        assert isinstance(packed, TaskResult) and packed.warnings == ()
        assert len(packed.items) == len(local)
        for p, item in zip(packed.items, local, strict=True):
            if isinstance(item, Skipped):
                assert p == item
                continue
            assert isinstance(p, Packed) and isinstance(item, Extracted)
            assert p.article == item.article and p.article.text == ""
            assert p.data == extraction_to_json(item.extraction)
            assert p.cached == item.cached is False


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize("jobs", [1, 2])
def test_a_jsonl_fifo_is_read_by_the_planner(tmp_path, jobs):
    """A FIFO cannot be read twice (once for offsets, once per range)."""
    body = "".join(
        json.dumps({"id": f"f{i}", "text": t, "date": "2025-07-01"}) + "\n"
        for i, t in enumerate(GOOD)
    )
    plain = tmp_path / "plain.jsonl"
    plain.write_text(body, encoding="utf-8")
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)

    def feed():
        with open(fifo, "w", encoding="utf-8") as fh:
            fh.write(body)

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    got = run([fifo], jobs=jobs)
    writer.join(timeout=30)
    expected = run([plain], jobs=1)
    assert to_geojson(got.features) == to_geojson(expected.features)
    assert [a.article for a in got.articles] == [a.article for a in expected.articles]


# -- the window and the warnings ------------------------------------------------------
class _Pending:
    def __init__(self, log, part):
        self.log, self.part = log, part

    def wait(self):
        self.log.append(("done", self.part))
        return TaskResult((), (f"batch {self.part}",))

    def cancel(self):
        self.log.append(("cancelled", self.part))


def test_in_order_bounds_the_window_and_cancels_what_is_left():
    log: list = []
    in_flight = []

    def submit(part):
        in_flight.append(part)
        assert len(in_flight) - sum(1 for e in log if e[0] == "done") <= 3
        return _Pending(log, part)

    results = in_order(iter(range(10)), submit, 3)
    assert next(results).warnings == ("batch 0",)
    assert in_flight == [0, 1, 2, 3]
    results.close()
    assert ("cancelled", 1) in log and ("cancelled", 3) in log


def test_warnings_are_passed_on_once_each():
    said: list[str] = []
    warn = Warnings(said.append)
    for message in ["cache full", "cache full", "other", "cache full"]:
        warn(message)
    assert said == warn.seen == ["cache full", "other"]


def test_a_worker_gives_its_cache_warning_once(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    worker = Worker(Settings.new(cache=blocker / "cache"))
    (first,) = worker.warnings()
    assert "cannot write to the cache" in first
    assert worker.warnings() == ()


def test_a_worker_process_keeps_one_cache_per_run(tmp_path, monkeypatch):
    """A new run tries the cache again (the disk may have been freed)."""
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    cache = blocker / "cache"
    task = (Skip("x", "why"),)
    one = Settings.new(cache=cache)
    assert process(task, one).warnings and not process(task, one).warnings
    assert process(task, Settings.new(cache=cache)).warnings


def test_settings_make_the_cache_path_absolute(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    settings = Settings.new(cache="cache")
    assert settings.cache == str(tmp_path / "cache")
    assert Settings.new().run != Settings.new().run


def test_tasks_pickle_without_article_text(inputs):
    text_bytes = sum(len(t.encode()) for t in GOOD)
    for task in plan(inputs, 16):
        if isinstance(task, Document):
            assert text_bytes > len(pickle.dumps(task))


def test_reading_a_skip_and_articles():
    a = Article("a", "Drones hit Sumy.", None, "none", None, None, "a")
    assert list(read_task(Skip("x.txt", "empty file"))) == [
        Skipped("x.txt", "empty file")
    ]
    assert list(read_task(Articles((a,)))) == [a]
    assert weight(Skip("x", "y")) == 0 and weight(Articles((a, a))) == 2


def test_gone_file_is_a_skip_when_its_task_is_read(tmp_path):
    path = tmp_path / "gone.jsonl"
    path.write_text(json.dumps({"id": "g", "text": GOOD[0]}) + "\n", "utf-8")
    (task,) = plan([path])
    path.unlink()
    (item,) = read_task(task)
    assert isinstance(item, Skipped) and item.reason.startswith("cannot read")


def test_documents_keep_the_walker_ids(inputs):
    docs = [t for t in plan(inputs) if isinstance(t, Document)]
    assert [d.id for d in docs] == [f"{i}.txt" for i in range(5)] + ["empty.txt"]
    assert all(Path(d.path).is_file() for d in docs)
