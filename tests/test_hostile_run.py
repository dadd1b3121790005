"""One run over every kind of bad input next to good articles (issue 10).

Bad input gets one line naming it and is listed in report.json; the good
articles' events are there; nothing stops, stalls or tracebacks the run.
"""

from __future__ import annotations

import json
import os
import random
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

GOOD = {
    "good_odesa.txt": (
        " date 2025-03-02\nRussian drones struck Odesa overnight, damaging a "
        "warehouse in the port, the regional governor said.\n"
    ),
    "good_kharkiv.md": (
        "---\ndate: 2025-03-04\n---\n# Night strike\n\nA **missile** hit a "
        "residential building in Kharkiv on Monday, injuring five people.\n"
    ),
}


def _hostile_folder(root: Path) -> dict[str, str]:
    """Write the bad inputs; return {name fragment: what must be said of it}."""
    folder = root / "in"
    folder.mkdir()
    for name, text in GOOD.items():
        (folder / name).write_text(text, encoding="utf-8")
    expect = {}
    # a publication date outside any calendar a table can hold: read, undated
    (folder / "far_future.txt").write_text(
        "Published 3 February 9000\n\nShelling hit Nikopol overnight.\n",
        encoding="utf-8",
    )
    # not UTF-8, not plausible in any legacy encoding
    rnd = random.Random(7)
    (folder / "noise.txt").write_bytes(
        bytes(rnd.randrange(128, 256) for _ in range(4096))
    )
    expect["noise.txt"] = "UTF-8"
    # a file name that is not UTF-8, and one with a newline
    os.close(
        os.open(
            os.path.join(os.fsencode(folder), b"\xff.txt"), os.O_CREAT | os.O_WRONLY
        )
    )
    (folder / "line\nbreak.txt").write_text(
        " date 2025-03-05\nA drone hit Sumy.\n", encoding="utf-8"
    )
    # links: a loop, a dangling one
    os.symlink("loop_b", folder / "loop_a.txt")
    os.symlink("loop_a.txt", folder / "loop_b")
    os.symlink("missing.txt", folder / "dangling.txt")
    expect["dangling.txt"] = ""
    # unsupported types
    (folder / "report.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\n")
    expect["report.pdf"] = ".pdf"
    (folder / "notes.docx").write_bytes(b"PK\x03\x04" + b"\x00" * 64)
    expect["notes.docx"] = ".docx"
    # HTML5 with no </head>
    (folder / "no_head.html").write_text(
        "<!doctype html><title>Strike</title><meta name=date content=2025-03-06>"
        "<p>Russian drones struck Chernihiv overnight, officials said.",
        encoding="utf-8",
    )
    # Markdown that made the old reader backtrack for minutes
    (folder / "stars.md").write_text("**x " * 20000, encoding="utf-8")
    # a FIFO among the articles is never opened
    os.mkfifo(folder / "pipe.txt")
    expect["pipe.txt"] = ""
    # JSONL: bad lines, a lone surrogate, duplicate ids, a huge record
    lines = [
        json.dumps(
            {"id": "ok1", "date": "2025-03-07", "text": "Shelling hit Kherson."}
        ),
        "{not json",
        json.dumps({"id": "ok1", "date": "2025-03-08", "text": "A drone hit Kherson."}),
        '{"id": "sur\\ud800", "date": "2025-03-09", '
        '"text": "A drone hit Sumy \\ud800."}',
        json.dumps(
            {"id": "old", "date": "9999-12-31", "text": "Shelling hit Kherson."}
        ),
        json.dumps({"id": "huge", "text": "x" * (5 * 1024 * 1024)}),
        json.dumps(["not", "an", "object"]),
    ]
    (root / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return expect


def test_a_run_over_every_bad_input_goes_on(tmp_path):
    expect = _hostile_folder(tmp_path)
    out = tmp_path / "out"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "strikemap",
            "run",
            "-q",
            "-o",
            str(out),
            str(tmp_path / "in"),
            str(tmp_path / "batch.jsonl"),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    places = {
        f["properties"]["place"]
        for f in json.loads((out / "events.geojson").read_text())["features"]
    }
    assert {"Odesa", "Kharkiv", "Chernihiv", "Kherson"} <= places
    skipped = {s["source"]: s["reason"] for s in report["skipped"]}
    for fragment, words in expect.items():
        hits = [src for src in skipped if fragment in src]
        assert hits, (fragment, sorted(skipped))
        assert words in skipped[hits[0]]
        assert fragment in proc.stderr
    # the loop, the bad JSONL lines and the huge record are named too
    assert any("loop_a.txt" in s for s in skipped)
    assert any(s.endswith(":2") for s in skipped)  # "{not json"
    assert any(s.endswith(":6") and "large" in r for s, r in skipped.items())
    # every skip is one printable line
    for src, reason in skipped.items():
        assert "\n" not in src and "\n" not in reason
    # warnings: out-of-range dates, the surrogate, the duplicate id
    warned = " ".join(w["warning"] for w in report["warnings"])
    assert "9000" in warned or "range" in warned
    assert "ok1#2" in json.dumps(report["articles"])
    undated = [u["article"] for u in report["undated"]]
    assert "far_future.txt" in undated


def _fifo_reader(path: Path, sink: list[bytes]) -> threading.Thread:
    def read() -> None:
        with open(path, "rb") as fh:
            sink.append(fh.read())

    t = threading.Thread(target=read, daemon=True)
    t.start()
    return t


def test_events_into_a_fifo_keeps_the_fifo(tmp_path, data_dir):
    fifo = tmp_path / "events.geojson"
    os.mkfifo(fifo)
    sink: list[bytes] = []
    reader = _fifo_reader(fifo, sink)
    art = data_dir / "articles" / "02_kharkiv_night.txt"
    proc = subprocess.run(
        [sys.executable, "-m", "strikemap", "events", "-q", "-o", str(fifo), str(art)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    reader.join(timeout=30)
    assert proc.returncode == 0, proc.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert json.loads(sink[0])["features"]


def test_events_into_a_device_keeps_the_device(tmp_path, data_dir):
    if os.geteuid() != 0:
        pytest.skip("making a device node needs root")
    dev = tmp_path / "null"
    os.mknod(dev, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # a /dev/null of our own
    art = data_dir / "articles" / "02_kharkiv_night.txt"
    proc = subprocess.run(
        [sys.executable, "-m", "strikemap", "events", "-q", "-o", str(dev), str(art)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert stat.S_ISCHR(os.lstat(dev).st_mode)


def test_gpkg_into_a_fifo_is_a_usage_error(tmp_path):
    fifo = tmp_path / "x.gpkg"
    os.mkfifo(fifo)
    proc = subprocess.run(
        [sys.executable, "-m", "strikemap", "events", "-o", str(fifo), "nothing.txt"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
