"""The command line in a real terminal: stdin, stdout and stderr on a pty.

CliRunner never gives the command a terminal, so code that runs only when
stderr is a TTY (the progress bar) is exercised here, in a child process, the
way a user meets it.
"""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")


def _run_in_pty(args: list[str], cwd: Path, timeout: float = 300.0) -> tuple[int, str]:
    """Run ``python -m strikemap ARGS`` with a pseudo-terminal as its console."""
    master, slave = pty.openpty()
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "100", "LINES": "30"}
    env.pop("CI", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "strikemap", *args],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        cwd=cwd,
        env=env,
        close_fds=True,
    )
    os.close(slave)
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    try:
        while True:
            if time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"strikemap {' '.join(args)} did not finish in {timeout} s")
            ready, _, _ = select.select([master], [], [], 0.5)
            if ready:
                try:
                    data = os.read(master, 65536)
                except OSError:  # EIO: the child closed the terminal
                    break
                if not data:
                    break
                chunks.append(data)
            elif proc.poll() is not None:
                break
    finally:
        os.close(master)
    code = proc.wait(timeout=30)
    return code, b"".join(chunks).decode("utf-8", "replace")


def test_readme_command_one_in_a_terminal(tmp_path):
    """``strikemap run -o DIR`` on the samples, as README command 1 runs it."""
    out = tmp_path / "strikemap-out"
    code, screen = _run_in_pty(["run", "-o", str(out)], cwd=tmp_path)
    assert code == 0, screen
    assert "Traceback" not in screen and "Error" not in screen, screen
    for name in (
        "map.html",
        "events.geojson",
        "regions.csv",
        "regions.md",
        "report.json",
    ):
        assert (out / name).is_file(), (name, screen)
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["events"] > 0
    # the summary reaches the terminal
    assert "events:" in screen and "map.html" in screen, screen


def test_events_with_verbose_lines_in_a_terminal(tmp_path, data_dir):
    article = data_dir / "articles" / "02_kharkiv_night.txt"
    code, screen = _run_in_pty(
        ["events", "-v", "-o", str(tmp_path / "ev.geojson"), str(article)], cwd=tmp_path
    )
    assert code == 0, screen
    assert "Traceback" not in screen, screen
    assert "02_kharkiv_night.txt" in screen
    assert json.loads((tmp_path / "ev.geojson").read_text())["features"]
