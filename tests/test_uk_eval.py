"""Ukrainian reports end to end, as a user runs them: `strikemap run`, `strikemap eval`.

tests/data/uk holds Ukrainian articles written for strikemap in the styles of
oblast administration posts, Telegram channels and Ukrainian news (with traps:
alerts, interceptions, captured towns, statements, funerals, common-word place
names, and Russian and English articles), annotated in tests/data/uk/gold.json;
tests/data/uk/telegram is a Telegram Desktop export of an invented channel.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data" / "uk"


def _strikemap(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "strikemap", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=env,
        check=False,
    )


def _run_and_score(inputs: list[Path], gold: Path, tmp: Path, *extra: str) -> dict:
    run = _strikemap(
        "run", "-q", "-j", "1", "-o", "out", *extra, *map(str, inputs), cwd=tmp
    )
    assert run.returncode == 0, run.stderr
    score = _strikemap(
        "eval",
        str(tmp / "out" / "events.geojson"),
        "--gold",
        str(gold),
        "--json",
        cwd=tmp,
    )
    assert score.returncode == 0, score.stderr
    return {"run": run, "score": json.loads(score.stdout), "out": tmp / "out"}


@pytest.fixture(scope="module")
def uk_set(tmp_path_factory) -> dict:
    tmp = tmp_path_factory.mktemp("uk")
    return _run_and_score([DATA / "articles"], DATA / "gold.json", tmp)


def _misses(score: dict) -> str:
    lines = [f"{m['article']} {m['place']}" for m in score["misses"]]
    lines += [f"FP {f['article']} {f['place']}" for f in score["false_positives"]]
    return "\n".join(lines)


def test_ukrainian_set_recall_and_precision(uk_set):
    score = uk_set["score"]
    assert score["recall"] >= 0.9, _misses(score)
    assert score["precision"] >= 0.9, _misses(score)


def test_ukrainian_set_dates_and_casualties(uk_set):
    score = uk_set["score"]
    assert score["date_accuracy"] >= 0.9, score["date_errors"]
    assert score["casualty_agreement"] >= 0.9, score["casualty_errors"]


def test_ukrainian_sources_keep_the_original_text(uk_set):
    events = json.loads((uk_set["out"] / "events.geojson").read_text("utf-8"))
    uk = [
        (f["properties"], s)
        for f in events["features"]
        for s in f["properties"]["sources"]
        if s["lang"] == "uk"
    ]
    assert uk
    for props, source in uk:
        assert props["place_uk"]
        assert any("\u0400" <= ch <= "\u04ff" for ev in source["evidence"] for ch in ev)


def test_russian_articles_are_reported_not_supported(uk_set):
    report = json.loads((uk_set["out"] / "report.json").read_text("utf-8"))
    unread = sorted(a["article"] for a in report["not_supported"])
    assert unread == ["30_ru_kharkiv.txt", "31_ru_odesa.txt"]
    assert "language not supported: 2 articles (Russian)" in uk_set["run"].stdout


def test_telegram_export_end_to_end(tmp_path):
    got = _run_and_score(
        [DATA / "telegram" / "result.json"],
        DATA / "telegram" / "gold.json",
        tmp_path,
        "--telegram-username",
        "@test_dnipro_news",
    )
    score = got["score"]
    assert score["recall"] >= 0.9, _misses(score)
    assert score["precision"] >= 0.9, _misses(score)
    events = json.loads((got["out"] / "events.geojson").read_text("utf-8"))
    urls = {s["url"] for f in events["features"] for s in f["properties"]["sources"]}
    assert urls and all(u.startswith("https://t.me/test_dnipro_news/") for u in urls)
    report = json.loads((got["out"] / "report.json").read_text("utf-8"))
    assert report["articles_read"] == 7
    assert "3 service" in report["skipped"][0]["reason"]
    html = (got["out"] / "map.html").read_text("utf-8")
    assert "Дніпро" in html
