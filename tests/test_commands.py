"""Each subcommand module on its own, and the helpers they share.

``tests/test_cli.py`` runs the commands through the ``strikemap`` group, as a
user does; here each module's command is invoked directly.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from strikemap import __version__
from strikemap.cli import main
from strikemap.commands.eval import eval_
from strikemap.commands.events import event_format, events
from strikemap.commands.gazetteer import gazetteer
from strikemap.commands.geocode import geocode
from strikemap.commands.run import map_writer, run_
from strikemap.console import Reporter, plural, quote, summary
from strikemap.options import check_usage, engine_settings

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def article(tmp_path) -> Path:
    path = tmp_path / "a.txt"
    path.write_text(
        " date 2025-03-02\nRussian drones struck Odesa overnight, officials said.\n",
        encoding="utf-8",
    )
    return path


# -- the group ---------------------------------------------------------------------
def test_group_lists_every_subcommand_and_its_version(runner):
    res = runner.invoke(main, ["--help"])
    assert res.exit_code == 0
    for name in ("run", "events", "eval", "geocode", "gazetteer"):
        assert f"  {name} " in res.output
    res = runner.invoke(main, ["--version"])
    assert res.exit_code == 0 and __version__ in res.output
    # which pattern engine reads the articles, and where its cache is
    assert "pattern engine: re (" in res.output


def test_console_script_entry_point():
    """``strikemap = "strikemap.cli:program"`` runs ``main`` (what CliRunner calls)."""
    assert isinstance(main, click.Group)
    proc = subprocess.run(
        [sys.executable, "-m", "strikemap", "--version"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0 and __version__ in proc.stdout


# -- geocode -----------------------------------------------------------------------
def test_geocode_text_lines(runner):
    res = runner.invoke(geocode, ["Kharkov", "Atlantis"])
    assert res.exit_code == 1
    first, missing = res.stdout.splitlines()
    assert first.startswith("Kharkov\tKharkiv (") and "UA-63" in first
    assert missing == "Atlantis\t-"
    assert "no place matches 'Atlantis'" in res.stderr


def test_geocode_needs_a_name(runner):
    assert runner.invoke(geocode, []).exit_code == 2


# -- events ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("output", "fmt", "expected"),
    [
        ("-", None, "geojson"),
        ("x.csv", None, "csv"),
        ("x.geojson", None, "geojson"),
        ("x.gpkg", None, "gpkg"),
        ("x.json", "csv", "csv"),
        ("x", None, "geojson"),
    ],
)
def test_event_format(output, fmt, expected):
    assert event_format(output, fmt) == expected


@pytest.mark.parametrize(("output", "fmt"), [("-", "csv"), ("x.xlsx", None)])
def test_event_format_usage_errors(output, fmt):
    with pytest.raises(click.UsageError):
        event_format(output, fmt)


def test_events_writes_a_file_and_a_summary(runner, article, tmp_path):
    out = tmp_path / "ev.csv"
    res = runner.invoke(events, ["-j", "1", "-o", str(out), str(article)])
    assert res.exit_code == 0, res.output
    assert "Odesa" in out.read_text(encoding="utf-8")
    assert "events: 1" in res.stderr and res.stdout == ""


def test_events_into_a_folder_is_one_line(runner, article, tmp_path):
    res = runner.invoke(events, ["-q", "-o", str(tmp_path), str(article)])
    assert res.exit_code == 1
    assert res.stderr.strip().splitlines() == [
        f"strikemap: cannot write {tmp_path}: it is a folder"
    ]


def test_events_every_input_skipped_exits_1(runner, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    res = runner.invoke(events, ["-q", str(empty)])
    assert res.exit_code == 1
    assert "no article could be read" in res.stderr


def test_events_missing_dask_is_one_line(runner, article, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)
    res = runner.invoke(events, ["-q", "--engine", "dask", str(article)])
    assert res.exit_code == 1
    (line,) = res.stderr.strip().splitlines()
    assert line.startswith("strikemap: ") and "dask" in line


# -- run ---------------------------------------------------------------------------
def test_run_writes_the_set_and_prints_the_summary(runner, article, tmp_path):
    out = tmp_path / "out"
    res = runner.invoke(run_, ["-q", "-j", "1", "-o", str(out), str(article)])
    assert res.exit_code == 0, res.output
    assert "events: 1" in res.stdout and "Odesa Oblast (UA-51)" in res.stdout
    assert f"written to {out}: events.geojson, map.html" in res.stdout
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["events_on_map"] == 1 and report["sample"] is False
    assert "<title>" in (out / "map.html").read_text(encoding="utf-8")


def test_run_cache_warning_is_one_line_on_stderr(runner, article, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    cache = blocker / "cache"
    res = runner.invoke(
        run_,
        ["-j", "1", "--cache", str(cache), "-o", str(tmp_path / "o"), str(article)],
    )
    assert res.exit_code == 0, res.output
    warned = [ln for ln in res.stderr.splitlines() if "cache" in ln]
    assert len(warned) == 1 and warned[0].startswith("strikemap: warning: ")
    assert "warnings: 1 (listed in report.json)" in res.stdout


def test_map_writer_draws_with_maps(article, tmp_path):
    from geo.engines.pipeline import run
    from geo.tables.export import normalize_features
    from geo.tables.frames import events_to_frame
    from geo.tables.summary import region_summary

    features = normalize_features(run([article]).features)
    table = region_summary(events_to_frame(features))
    for offline in (False, True):
        page = tmp_path / f"map-{offline}.html"
        map_writer(offline=offline, cdn=False)(features, table, page, "A title")
        html = page.read_text(encoding="utf-8")
        assert "A title" in html
        assert ("tile.openstreetmap.org" in html) is not offline


# -- eval --------------------------------------------------------------------------
def test_eval_of_a_missing_file_is_one_line(runner, data_dir, tmp_path):
    gold = data_dir / "articles" / "gold.json"
    res = runner.invoke(eval_, ["--gold", str(gold), str(tmp_path / "none.geojson")])
    assert res.exit_code == 1
    (line,) = res.stderr.strip().splitlines()
    assert line.startswith("strikemap: ") and "none.geojson" in line


def test_eval_scores_events_against_gold(runner, data_dir, tmp_path):
    ev = tmp_path / "ev.geojson"
    arts = data_dir / "articles"
    assert runner.invoke(events, ["-q", "-o", str(ev), str(arts)]).exit_code == 0
    res = runner.invoke(eval_, ["--json", "--gold", str(arts / "gold.json"), str(ev)])
    assert res.exit_code == 0, res.output
    assert {"precision", "recall"} <= set(json.loads(res.stdout))


# -- gazetteer build ---------------------------------------------------------------
def test_gazetteer_build_calls_the_builder(runner, tmp_path, monkeypatch):
    import gazetteer.build as builder

    calls = []

    def fake_build(source, out):
        calls.append((source, out))
        return {"places": 3}

    monkeypatch.setattr(builder, "build", fake_build)
    res = runner.invoke(
        gazetteer, ["build", "--source", str(tmp_path), "--out", str(tmp_path / "o")]
    )
    assert res.exit_code == 0, res.output
    assert calls == [(tmp_path, tmp_path / "o")]
    counts = json.loads(res.stdout)
    assert counts["places"] == 3 and "seconds" in counts
    # defaults: the package's own source and data folders
    monkeypatch.setenv("STRIKEMAP_SOURCE_DATA", str(tmp_path / "src"))
    assert runner.invoke(main, ["gazetteer", "build"]).exit_code == 0
    assert calls[-1] == (tmp_path / "src", builder.OUT)


def test_gazetteer_build_without_source_data_is_one_line(runner, tmp_path):
    res = runner.invoke(main, ["gazetteer", "build", "--source", str(tmp_path)])
    assert res.exit_code == 1
    (line,) = res.stderr.strip().splitlines()
    assert line.startswith("strikemap: source data missing: ")


def test_python_m_gazetteer_build_still_works():
    proc = subprocess.run(
        [sys.executable, "-m", "gazetteer.build", "--help"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert proc.returncode == 0 and "--source" in proc.stdout


# -- shared helpers ----------------------------------------------------------------
def test_quote_and_plural():
    assert quote("a\nb.txt") == "a\\nb.txt" and quote("ok.txt") == "ok.txt"
    assert plural(1, "event") == "1 event" and plural(1234, "event") == "1,234 events"


@pytest.mark.parametrize(
    ("kw", "words"),
    [
        ({"quiet": True, "verbose": True}, "exclude"),
        (
            {
                "quiet": False,
                "verbose": False,
                "since": date(2025, 2, 1),
                "until": date(2025, 1, 1),
            },
            "after --until",
        ),
    ],
)
def test_check_usage(kw, words):
    with pytest.raises(click.UsageError, match=words):
        check_usage(**kw)
    check_usage(quiet=True, verbose=False)


def test_engine_settings_default_to_every_core():
    import os

    got = engine_settings(
        default_date=None, jobs=None, cache=None, engine="local", scheduler=None
    )
    assert got.jobs == (os.cpu_count() or 1) and got.engine == "local"


def test_reporter_lines(capsys):
    from geo.engines.result import ArticleStatus

    rep = Reporter(quiet=False, verbose=True)
    rep.on_article(ArticleStatus("x.txt", "x.txt", "skipped", reason="empty file"))
    rep.on_article(
        ArticleStatus(
            "a", "in.jsonl:1", "events", "2025-03-02", reports=2, warnings=("w",)
        )
    )
    rep.on_warning("cache full")
    rep.close()
    assert capsys.readouterr().err.splitlines() == [
        "strikemap: skipped x.txt: empty file",
        "strikemap: warning: in.jsonl:1: w",
        "  a: 2025-03-02, 2 reports",
        "strikemap: warning: cache full",
    ]
    assert rep.progress is None  # stderr is no terminal here


def test_summary_says_none_and_filters(capsys):
    report = {
        "articles_read": 1,
        "articles_with_events": 0,
        "undated": [],
        "skipped": [],
        "warnings": [],
        "events": 0,
        "events_total": 2,
        "oblasts": [],
        "oblast_names": {},
        "outside_coverage": [],
    }
    summary(report, err=False, filtered=True)
    out = capsys.readouterr().out
    assert "events: 0 within the date filter (of 2 found)" in out
    assert "oblasts hit: none" in out
