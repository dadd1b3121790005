"""The ``strikemap`` command line, through click's CliRunner."""

from __future__ import annotations

import gzip
import json

import geopandas as gpd
import pytest
from click.testing import CliRunner

from geo.events.schema import validate_geojson
from geo.tables.frames import check_admin1_agreement, events_to_frame
from strikemap.cli import main


@pytest.fixture
def runner():
    return CliRunner()


def test_geocode_json_fields(runner):
    res = runner.invoke(main, ["geocode", "--json", "Kharkov", "Donetsk region"])
    assert res.exit_code == 0, res.output
    rows = json.loads(res.stdout)
    assert [r["query"] for r in rows] == ["Kharkov", "Donetsk region"]
    keys = {
        "query",
        "name",
        "name_uk",
        "lat",
        "lon",
        "kind",
        "admin1",
        "admin1_code",
        "admin2",
        "population",
        "geonameid",
        "score",
    }
    assert keys <= set(rows[0])
    assert (rows[0]["name"], rows[0]["admin1_code"]) == ("Kharkiv", "UA-63")
    assert (rows[1]["kind"], rows[1]["admin1_code"]) == ("oblast", "UA-14")


def test_geocode_all_and_missing(runner):
    res = runner.invoke(
        main, ["geocode", "--json", "--all", "Zaporizhzhya", "Atlantis"]
    )
    assert res.exit_code == 1
    rows = json.loads(res.stdout)
    assert len(rows[0]["alternatives"]) >= 10
    assert rows[1]["name"] is None and rows[1]["lat"] is None
    assert "Atlantis" in res.stderr


def test_events_to_stdout_and_skips_bad_input(runner, data_dir, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02binary")
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n")
    good = tmp_path / "good.txt"
    good.write_text(" date 2025-03-01\nRussian drones struck Odesa overnight.\n")
    res = runner.invoke(main, ["events", "-q", str(good), str(bad), str(empty)])
    assert res.exit_code == 0, res.output
    fc = json.loads(res.stdout)
    assert validate_geojson(fc) == []
    assert [f["properties"]["place"] for f in fc["features"]] == ["Odesa"]
    lines = [
        ln for ln in res.stderr.splitlines() if ln.startswith("strikemap: skipped")
    ]
    assert len(lines) == 2
    assert any("bad.txt" in ln for ln in lines) and any(
        "empty.txt" in ln for ln in lines
    )


def test_events_jsonl_gz_and_stdin(runner, tmp_path):
    rec = {"id": "n1", "text": "Shelling hit Nikopol on Monday.", "date": "2025-08-05"}
    gz = tmp_path / "a.jsonl.gz"
    with gzip.open(gz, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps(rec) + "\n")
    res = runner.invoke(main, ["events", "-q", str(gz)])
    assert json.loads(res.stdout)["features"][0]["properties"]["date"] == "2025-08-04"
    res = runner.invoke(main, ["events", "-q", "-"], input=json.dumps(rec) + "\n")
    assert json.loads(res.stdout)["features"][0]["properties"]["place"] == "Nikopol"


def test_run_on_the_bundled_samples(runner, tmp_path):
    out = tmp_path / "out"
    res = runner.invoke(main, ["run", "-q", "-o", str(out), "--by", "month"])
    assert res.exit_code == 0, res.output
    for name in (
        "map.html",
        "events.geojson",
        "regions.csv",
        "regions.md",
        "report.json",
    ):
        assert (out / name).is_file(), name
    assert "sample" in res.stderr
    assert "articles read: 5" in res.stdout
    assert "languages: en 4, uk 1" in res.stdout
    report = json.loads((out / "report.json").read_text())
    assert report["sample"] is True and report["events"] >= 8
    # the Ukrainian sample: a day summary of Sumy oblast, one event per place
    assert "UA-59" in report["oblasts"]
    # sample 04 names the Kursk region as a launch site: no event, no strike abroad
    assert report["outside_coverage"] == []
    gdf = gpd.read_file(out / "events.geojson")
    assert len(gdf) == report["events"]
    assert (
        check_admin1_agreement(
            events_to_frame(
                json.loads((out / "events.geojson").read_text())["features"]
            )
        )
        == []
    )
    regions = (out / "regions.csv").read_text().splitlines()
    assert len(regions) == 28  # header + all 27 units


def test_run_is_deterministic_and_filters_dates(runner, data_dir, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    arts = str(data_dir / "articles")
    runner.invoke(main, ["run", "-q", "-o", str(a), "--jobs", "1", arts])
    runner.invoke(main, ["run", "-q", "-o", str(b), "--jobs", "2", arts])
    assert (a / "events.geojson").read_bytes() == (b / "events.geojson").read_bytes()
    c = tmp_path / "c"
    res = runner.invoke(
        main,
        [
            "run",
            "-q",
            "-o",
            str(c),
            "--since",
            "2025-07-01",
            "--until",
            "2025-09-30",
            "--format",
            "csv",
            arts,
        ],
    )
    assert res.exit_code == 0, res.output
    dates = [
        f["properties"]["date"]
        for f in json.loads((c / "events.geojson").read_text())["features"]
    ]
    assert dates and all("2025-07-01" <= d <= "2025-09-30" for d in dates)
    assert (c / "events.csv").is_file()


def test_spatial_join_agrees_with_gazetteer(data_dir, seeds_dir):
    from geo.engines.pipeline import run

    feats = run([data_dir / "articles", seeds_dir]).features
    assert check_admin1_agreement(events_to_frame(feats)) == []


def test_eval_command(runner, seeds_dir, gold_path, tmp_path):
    ev = tmp_path / "ev.geojson"
    res = runner.invoke(main, ["events", "-q", "-o", str(ev), str(seeds_dir)])
    assert res.exit_code == 0, res.output
    res = runner.invoke(main, ["eval", "--json", "--gold", str(gold_path), str(ev)])
    assert res.exit_code == 0, res.output
    scores = json.loads(res.stdout)
    assert scores["precision"] >= 0.9 and scores["recall"] == 1.0


def test_bad_date_option_is_a_usage_error(runner):
    res = runner.invoke(main, ["events", "--date", "03/02/2026", "x.txt"])
    assert res.exit_code == 2
    assert "ISO 8601" in res.output


def test_map_is_capped_but_the_table_is_not(runner, data_dir, tmp_path):
    out = tmp_path / "capped"
    arts = str(data_dir / "articles")
    res = runner.invoke(main, ["run", "-q", "-o", str(out), "--map-limit", "3", arts])
    assert res.exit_code == 0, res.output
    report = json.loads((out / "report.json").read_text())
    assert report["events_on_map"] == 3 < report["events"]
    events = json.loads((out / "events.geojson").read_text())["features"]
    assert len(events) == report["events"]
    assert "most recent" in (out / "map.html").read_text()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["events", "--format", "csv", "-o", "-", "x.txt"], "standard output"),
        (["events", "-q", "-v", "x.txt"], "exclude"),
        (["run", "-q", "-v"], "exclude"),
        (["run", "--since", "2025-02-01", "--until", "2025-01-31"], "after --until"),
        (["events", "-o", "x.xlsx", "x.txt"], "--format"),
        (["run", "--map-limit", "-1"], "--map-limit"),
        (["events", "--jobs", "0", "x.txt"], "--jobs"),
        (["run", "--by", "year"], "--by"),
    ],
)
def test_usage_errors_exit_2(runner, tmp_path, monkeypatch, args, words):
    monkeypatch.chdir(tmp_path)  # where `run` would make strikemap-out
    res = runner.invoke(main, args)
    assert res.exit_code == 2, res.output
    assert words in res.output
    # nothing was run: no output folder appeared
    assert not (tmp_path / "strikemap-out").exists()


@pytest.mark.parametrize("kind", ["missing-parent", "is-a-file", "read-only"])
def test_output_folder_that_cannot_be_made_is_one_line(runner, tmp_path, kind):
    blocker = tmp_path / "blocker"
    blocker.write_text("x")
    outdir = {
        "missing-parent": blocker / "out",  # a file where a folder should be
        "is-a-file": blocker,
        "read-only": "/proc/strikemap-test/out",
    }[kind]
    res = runner.invoke(main, ["run", "-o", str(outdir)])
    assert res.exit_code == 1
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and str(outdir) in lines[0], res.stderr
    assert "Traceback" not in res.output
    # checked before extraction: no article was read
    assert "articles read" not in res.output


def test_full_stdout_is_one_line_not_a_traceback(data_dir, tmp_path):
    import subprocess
    import sys

    art = data_dir / "articles" / "02_kharkiv_night.txt"
    for args in (["events", "-q", str(art)], ["geocode", "Kharkov"]):
        with open("/dev/full", "w") as full:
            proc = subprocess.run(
                [sys.executable, "-m", "strikemap", *args],
                stdout=full,
                stderr=subprocess.PIPE,
                text=True,
                timeout=120,
            )
        assert proc.returncode == 1
        assert "Traceback" not in proc.stderr
        lines = proc.stderr.strip().splitlines()
        assert lines == [
            "strikemap: cannot write to standard output: No space left on device"
        ], proc.stderr


def test_run_summary_names_oblasts_files_and_filtered_counts(runner, tmp_path):
    art = tmp_path / "a.txt"
    art.write_text(
        " date 2025-03-02\nRussian drones struck Odesa overnight, officials said.\n\n"
        "On March 1, 2025, shelling hit Nikopol, injuring two people.\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    res = runner.invoke(
        main, ["run", "-q", "-o", str(out), "--since", "2025-03-02", str(art)]
    )
    assert res.exit_code == 0, res.output
    text = res.stdout
    assert "events: 1 within the date filter (of 2 found)" in text
    assert "Odesa Oblast (UA-51)" in text and "UA-12" not in text
    assert "written to" in text
    for name in ("events.geojson", "map.html", "regions.csv", "regions.md"):
        assert name in text
    assert "0 ()" not in text and "1 events" not in text
    report = json.loads((out / "report.json").read_text())
    assert report["events"] == 1 and report["events_total"] == 2
    assert report["oblasts"] == ["UA-51"]
    md = (out / "regions.md").read_text()
    assert "Events: 1" in md


def test_run_summary_with_no_events_says_none(runner, tmp_path):
    art = tmp_path / "quiet.txt"
    art.write_text(" date 2025-03-02\nThe weather in Lviv was mild.\n")
    res = runner.invoke(main, ["run", "-q", "-o", str(tmp_path / "o"), str(art)])
    assert res.exit_code == 0, res.output
    assert "oblasts hit: none" in res.stdout and "0 ()" not in res.stdout


@pytest.mark.parametrize("name", ["Chornobyl", "Zaporizhzhya", "Mykhailivka"])
def test_geocode_all_scores_on_one_scale(runner, name):
    res = runner.invoke(main, ["geocode", "--json", "--all", name])
    assert res.exit_code == 0, res.output
    (row,) = json.loads(res.stdout)
    scores = [alt["score"] for alt in row["alternatives"]]
    assert scores and all(0.0 <= s <= row["score"] <= 1.0 for s in scores)


def test_map_is_self_contained_unless_cdn(runner, tmp_path):
    import re

    pages = {}
    for flag in ("", "--offline", "--cdn"):
        out = tmp_path / (flag.strip("-") or "default")
        res = runner.invoke(main, ["run", "-q", "-o", str(out), *filter(None, [flag])])
        assert res.exit_code == 0, res.output
        pages[flag] = (out / "map.html").read_text(encoding="utf-8")
    external = re.compile(r"<(?:script|link)[^>]+(?:src|href)=[\"']https?://")
    assert not external.search(pages[""]) and not external.search(pages["--offline"])
    assert external.search(pages["--cdn"])
    assert "tile.openstreetmap.org" in pages[""]
    assert "tile.openstreetmap.org" not in pages["--offline"]
    assert len(pages["--cdn"]) < len(pages[""])
    assert re.search(r"<title>[^<]+</title>", pages[""])
