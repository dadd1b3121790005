"""An article whose extraction raises is skipped with a one-line reason.

A bug met on one article (an input nobody foresaw) must not stop a run of
thousands: the run goes on, the article is reported as skipped, and the
reason says it is strikemap's fault.  The texts are invented for these tests.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from geo.engines.job import EngineOptions, extract_events
from geo.extract.extractor import Extractor

ROOT = Path(__file__).resolve().parent.parent
GOOD = "Russian drones struck Poltava overnight, damaging a school, the governor said."
BAD = "BOOM: Russian drones struck Sumy overnight, damaging a school."


@pytest.fixture
def failing(monkeypatch):
    """Extraction raises on any article holding "BOOM" (a stand-in for a bug)."""
    real = Extractor.extract

    def extract(self, article):
        if "BOOM" in article.text:
            raise KeyError("\u1c80ересня")
        return real(self, article)

    monkeypatch.setattr(Extractor, "extract", extract)


def _jsonl(path: Path, n: int, bad: set[int]) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            text = BAD if i in bad else GOOD
            fh.write(json.dumps({"id": f"a{i}", "text": text, "date": "2026-11-30"}))
            fh.write("\n")
    return path


@pytest.mark.parametrize(("n", "jobs"), [(3, 1), (150, 2)])  # here, and in a pool
def test_the_run_goes_on_past_an_article_that_fails(failing, tmp_path, n, jobs):
    path = _jsonl(tmp_path / "in.jsonl", n, bad={1, n - 1})
    result = extract_events([path], EngineOptions(jobs=jobs))
    statuses = [a.status for a in result.articles]
    assert len(statuses) == n
    assert statuses[1] == statuses[-1] == "skipped"
    assert statuses.count("skipped") == 2
    assert statuses.count("events") == n - 2
    skipped = result.skipped
    assert [a.source for a in skipped] == [f"{path}:2", f"{path}:{n}"]
    for a in skipped:
        assert a.reason.startswith("extraction failed (KeyError): a bug in strikemap")
        assert "\n" not in a.reason
        assert "ересня" not in a.reason  # the exception's text is not echoed


def test_the_cli_names_the_article_and_goes_on(tmp_path):
    """In a real process: the patch is made by a small launcher script."""
    path = _jsonl(tmp_path / "in.jsonl", 3, bad={1})
    launcher = (
        "import sys\n"
        "from geo.extract.extractor import Extractor\n"
        "real = Extractor.extract\n"
        "def extract(self, a):\n"
        "    if 'BOOM' in a.text:\n"
        "        raise KeyError('x')\n"
        "    return real(self, a)\n"
        "Extractor.extract = extract\n"
        "from strikemap.cli import main\n"
        "main(sys.argv[1:])\n"
    )
    out = tmp_path / "events.geojson"
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            launcher,
            "events",
            str(path),
            "-j",
            "1",
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if "extraction failed" in ln]
    # as it happens, and again in the run's closing list of skipped inputs
    assert lines[0] == (
        f"strikemap: skipped {path}:2: extraction failed (KeyError): a bug in "
        "strikemap, please report it with this article"
    )
    assert all(f"{path}:2: " in ln for ln in lines)
    assert "Traceback" not in proc.stderr
    assert len(json.loads(out.read_text(encoding="utf-8"))["features"]) == 1
