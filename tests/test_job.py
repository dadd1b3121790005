"""A whole ``strikemap run`` job, called as a function (no command line).

The map is drawn by a stand-in writer: ``geo`` never imports ``maps``, so the
job takes whatever draws it.  Articles are our own short texts and the
project's ``tests/data/articles``.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import pytest

from gazetteer.exc import OutputError, StrikemapError
from geo.engines.job import (
    EngineOptions,
    JobOptions,
    JobResult,
    extract_events,
    run_job,
    sample_inputs,
)
from geo.engines.pipeline import run
from geo.engines.result import RunResult
from geo.tables.export import normalize_features, to_geojson

FILES = ("events.geojson", "map.html", "regions.csv", "regions.md", "report.json")


class FakeMap:
    """Records what the job asks to draw, and writes a small page."""

    def __init__(self) -> None:
        self.calls: list[tuple[list, object, Path, str | None]] = []

    def __call__(self, events, summary, path, title):
        self.calls.append((events, summary, path, title))
        Path(path).write_text(f"<title>{title}</title>{len(events)}", "utf-8")


@pytest.fixture
def articles(data_dir: Path) -> list[str]:
    return [str(data_dir / "articles")]


@pytest.fixture
def two_days(tmp_path) -> Path:
    art = tmp_path / "a.txt"
    art.write_text(
        " date 2025-03-02\nRussian drones struck Odesa overnight, officials said.\n\n"
        "On March 1, 2025, shelling hit Nikopol, injuring two people.\n",
        encoding="utf-8",
    )
    return art


def test_job_writes_the_set_and_the_report(articles, tmp_path):
    draw = FakeMap()
    job = run_job(articles, tmp_path / "out", draw_map=draw)
    assert isinstance(job, JobResult)
    assert job.names == sorted(FILES)
    out = tmp_path / "out"
    assert [p.name for p in job.written][-1] == "report.json"  # placed last
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report == json.loads(json.dumps(job.report))
    assert report["sample"] is False and report["events_on_map"] == report["events"]
    # the table is the engine's events, normalised
    expected = to_geojson(normalize_features(run(articles).features))
    assert (out / "events.geojson").read_text(encoding="utf-8") == expected
    ((events, summary, path, title),) = draw.calls
    assert len(events) == report["events"] and title is None
    assert len(summary) == 27 and path.name == "map.html"


def test_job_without_a_map_writer_writes_no_map(two_days, tmp_path):
    job = run_job([two_days], tmp_path / "out")
    assert "map.html" not in job.names
    assert job.report["events_on_map"] is None  # not drawn: unknown, not 0


def test_date_filter_and_format(two_days, tmp_path):
    options = JobOptions(since=date(2025, 3, 2), fmt="csv", by="month")
    job = run_job([two_days], tmp_path / "out", options, draw_map=FakeMap())
    assert job.report["events"] == 1 and job.report["events_total"] == 2
    assert job.report["since"] == "2025-03-02" and job.report["until"] is None
    assert {"events.csv", "events.geojson", "regions_by_month.csv"} <= set(job.names)
    kept = json.loads((tmp_path / "out" / "events.geojson").read_text("utf-8"))
    assert [f["properties"]["place"] for f in kept["features"]] == ["Odesa"]


def test_map_is_capped_to_the_most_recent_events(articles, tmp_path):
    draw = FakeMap()
    job = run_job(
        articles, tmp_path / "out", JobOptions(map_limit=3, title="T"), draw_map=draw
    )
    ((events, _, _, title),) = draw.calls
    assert len(events) == job.report["events_on_map"] == 3 < job.report["events"]
    assert title.startswith("T: the 3 most recent of ")
    dates = sorted(f["properties"]["date"] or "" for f in job.run.features)
    assert sorted(f["properties"]["date"] for f in events) == dates[-3:]
    table = json.loads((tmp_path / "out" / "events.geojson").read_text("utf-8"))
    assert len(table["features"]) == job.report["events"]


def test_no_inputs_runs_on_the_samples_and_says_so(tmp_path):
    notices: list[str] = []
    job = run_job(None, tmp_path / "out", on_notice=notices.append)
    assert job.report["sample"] is True
    assert job.report["articles_read"] == len(sample_inputs()) == 5
    assert job.report["languages"] == {"en": 4, "uk": 1}
    assert len(notices) == 1 and "sample" in notices[0]


def test_folder_that_cannot_be_made_fails_before_any_article(two_days, tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("x", encoding="utf-8")
    seen: list = []
    with pytest.raises(OutputError, match="blocker"):
        run_job([two_days], blocker / "out", on_article=seen.append)
    assert seen == []


def test_a_failing_map_leaves_the_previous_set(two_days, tmp_path):
    out = tmp_path / "out"
    first = run_job([two_days], out, draw_map=FakeMap())
    before = {name: (out / name).read_bytes() for name in first.names}

    def broken(events, summary, path, title):
        raise OutputError(f"cannot write {path}: No space left on device")

    with pytest.raises(OutputError) as err:
        run_job([two_days], out, JobOptions(title="new"), draw_map=broken)
    assert ".strikemap-stage" not in str(err.value)
    assert {name: (out / name).read_bytes() for name in first.names} == before


def test_warnings_and_callbacks(two_days, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    warnings: list[str] = []
    statuses: list = []
    extracted: list = []
    options = JobOptions(engine=EngineOptions(cache=str(blocker / "cache")))
    job = run_job(
        [two_days],
        tmp_path / "out",
        options,
        on_article=statuses.append,
        on_warning=warnings.append,
        on_extracted=extracted.append,
    )
    assert len(warnings) == 1 and "cannot write to the cache" in warnings[0]
    assert [w["warning"] for w in job.report["warnings"]] == warnings
    assert statuses == job.run.articles and extracted == [job.run]


def test_every_input_skipped_is_told_by_the_result(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    job = run_job([empty], tmp_path / "out")
    assert job.run.nothing_read and job.report["articles_read"] == 0
    assert not RunResult().nothing_read  # no input at all is not "all skipped"


def test_extract_events_runs_the_engine_named(two_days):
    local = extract_events([two_days], EngineOptions(jobs=1))
    assert [f["properties"]["place"] for f in local.features] == ["Nikopol", "Odesa"]
    with pytest.raises(ValueError, match="engine"):
        extract_events([two_days], EngineOptions(engine="spark"))


def test_extract_events_dask_needs_dask(two_days, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(StrikemapError, match="dask"):
        extract_events([two_days], EngineOptions(engine="dask"))


def test_job_restores_the_collector(two_days, tmp_path):
    import gc

    before = gc.get_threshold()
    run_job([two_days], tmp_path / "out")
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0


def test_geo_never_imports_maps_or_the_command_line():
    """The layering gazetteer -> geo -> maps -> CLI: the map writer comes in."""
    import ast

    root = Path(__file__).resolve().parent.parent / "geo"
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            else:
                continue
            for name in names:
                assert name.split(".")[0] not in ("maps", "strikemap"), (path, name)


def test_a_job_runs_with_maps_unimportable(two_days, tmp_path):
    code = (
        "import sys\n"
        "sys.modules['maps'] = None\n"
        "from geo.engines.job import run_job\n"
        f"job = run_job([{str(two_days)!r}], {str(tmp_path / 'out')!r})\n"
        "print(job.names)\n"
    )
    import subprocess

    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr
    assert "report.json" in proc.stdout and "map.html" not in proc.stdout
