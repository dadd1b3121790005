"""strikemap.cli.program: the console script ends at once, as sys.exit would."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = (
    "Russian drones struck Kharkiv overnight on 3 March 2025, killing two people "
    "and injuring five.\n"
)


def _program(args, tmp_path, prelude="", **kw):
    """Run ``program()`` with ``args`` in a fresh interpreter."""
    code = "\n".join(
        [
            "import sys",
            prelude,
            "from strikemap.cli import program",
            f"sys.argv = ['strikemap', *{list(args)!r}]",
            "program()",
        ]
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if "stdout" not in kw:
        kw = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, **kw}
    return subprocess.run(
        [sys.executable, "-c", code],
        text=True,
        timeout=120,
        cwd=str(tmp_path),
        env=env,
        **kw,
    )


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "kharkiv.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_success_writes_everything_and_exits_0(tmp_path, article):
    args = ["events", str(article), "-o", "-", "--format", "geojson"]
    done = _program(args, tmp_path)
    assert done.returncode == 0, done.stderr
    features = json.loads(done.stdout)["features"]  # the whole of it, flushed
    assert [f["properties"]["killed"] for f in features] == [2]
    assert "articles read: 1" in done.stderr


@pytest.mark.parametrize(
    ("args", "status"),
    [
        (["events", "missing-file.txt", "-o", "out.geojson"], 1),  # every input skipped
        (["events", "--no-such-option"], 2),  # a usage error
        (["--version"], 0),
    ],
)
def test_exit_status_is_the_commands(tmp_path, args, status):
    done = _program(args, tmp_path)
    assert done.returncode == status, done.stderr
    assert "Traceback" not in done.stderr


def test_exit_handlers_run(tmp_path):
    mark = tmp_path / "handler-ran"
    touch = f"open({str(mark)!r}, 'w').close()"
    prelude = f"import atexit; atexit.register(lambda: {touch})"
    done = _program(["--version"], tmp_path, prelude=prelude)
    assert done.returncode == 0 and mark.exists()


def test_a_running_thread_is_waited_for(tmp_path):
    mark = tmp_path / "thread-done"
    prelude = (
        "import threading, time\n"
        "def late():\n"  # alive until the main thread ends, then done
        "    while threading.main_thread().is_alive():\n"
        "        time.sleep(0.01)\n"
        f"    open({str(mark)!r}, 'w').close()\n"
        "threading.Thread(target=late).start()"
    )
    done = _program(["--version"], tmp_path, prelude=prelude)
    assert done.returncode == 0, done.stderr
    assert mark.exists()  # the normal exit: non-daemon threads joined first


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_stdout_is_one_line_and_status_1(tmp_path, article):
    with open("/dev/full", "w") as full:
        done = _program(
            ["events", str(article), "-o", "-", "--format", "geojson"],
            tmp_path,
            stdout=full,
            stderr=subprocess.PIPE,
        )
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert "cannot write to standard output" in done.stderr


# an object the interpreter's normal exit frees (its __del__ leaves a mark) and
# the quick one does not
_FREED = (
    "class Marked:\n"
    "    def __del__(self, open=open, path={mark!r}):\n"
    "        open(path, 'w').close()\n"
    "kept = Marked()\n"
)


@pytest.mark.parametrize(
    ("thread", "quick"),
    [
        ("", True),
        ("threading.Thread(target=time.sleep, args=(30,), daemon=True).start()", True),
        # alive until the main thread ends, however long the imports take
        (
            "def until_main_ends():\n"
            "    while threading.main_thread().is_alive():\n"
            "        time.sleep(0.01)\n"
            "threading.Thread(target=until_main_ends).start()",
            False,
        ),
    ],
    ids=["alone", "a daemon thread", "a thread to wait for"],
)
def test_the_exit_is_quick_unless_a_thread_must_be_waited_for(tmp_path, thread, quick):
    mark = tmp_path / "freed"
    prelude = "import threading, time\n" + _FREED.format(mark=str(mark)) + thread
    done = _program(["--version"], tmp_path, prelude=prelude)
    assert done.returncode == 0, done.stderr
    assert mark.exists() is not quick
