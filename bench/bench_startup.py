"""Start-up: ``strikemap events`` on one article, wall time and peak memory.

Run from the repository root: ``python bench/bench_startup.py [--runs 5]``.

For one short English and one short Ukrainian article (written here), it
prints:

- the median wall time of ``--runs`` runs of ``strikemap events -q -o FILE
  ARTICLE`` (default jobs: all cores), each a fresh process, and the largest
  peak RSS among them (``wait4``); target: < 0.3 s and < 250 MB;
- the bare interpreter (``python -c pass``) for scale;
- the split by phase, from the same steps timed inside one fresh process
  (median of the runs): imports (what the command imports), gazetteer load,
  extractor build, extraction of the article (first use: lazy tables), the
  second extraction of the same text (steady state) and writing GeoJSON.

Python's bytecode cache matters here: with ``PYTHONDONTWRITEBYTECODE=1``
every module is compiled from source at each start.  So each measure is
given twice: ``cached`` (``.pyc`` files written to a temporary
``PYTHONPYCACHEPREFIX`` by a first, untimed run: what an installed package
has) and ``no pyc`` (compiled at every start).  Nothing is asserted; the load
average is printed because the machine may be shared.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: One short article per language, written for this bench.
ARTICLES = {
    "en": (
        "Russian drones struck an apartment building in Kharkiv on November 29, "
        "injuring three people, the governor said.\n"
    ),
    "uk": (
        "Російські дрони 29 листопада атакували житловий будинок у Харкові, "
        "поранено трьох людей, повідомив начальник обласної військової "
        "адміністрації.\n"
    ),
}

# The steps of ``strikemap events`` timed one by one in a fresh process.
_PHASES = """
import json, sys, time
t0 = time.perf_counter()
import strikemap.cli
import geo.engines.pipeline, geo.tables.export, geo.tables.output
from geo.extract.extractor import Extractor
from geo.ingest import iter_articles
t1 = time.perf_counter()
from gazetteer import get_gazetteer
get_gazetteer()
t2 = time.perf_counter()
ex = Extractor()
t3 = time.perf_counter()
article = next(iter(iter_articles([sys.argv[1]])))
extraction = ex.extract(article)
t4 = time.perf_counter()
ex.extract(article)
t5 = time.perf_counter()
from geo.events.merge import event_features, merge_reports
from geo.tables.export import to_geojson
to_geojson(event_features(merge_reports(list(extraction.reports))))
t6 = time.perf_counter()
print("PHASES " + json.dumps({
    "imports": t1 - t0, "gazetteer": t2 - t1, "extractor": t3 - t2,
    "extract 1st": t4 - t3, "extract 2nd": t5 - t4, "write": t6 - t5,
}))
"""


def _command() -> list[str]:
    """The console script pip installed for this interpreter, as a user runs it.

    The one beside this interpreter's scripts first: a version manager's shim
    found first on ``PATH`` (pyenv's adds about 40 ms of shell) is not what an
    installed strikemap runs; then ``PATH``; then ``python -m strikemap``.
    """
    script = Path(sysconfig.get_path("scripts")) / "strikemap"
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    exe = shutil.which("strikemap")
    return [exe] if exe else [sys.executable, "-m", "strikemap"]


def _env(pycache: Path | None) -> dict[str, str]:
    env = dict(os.environ)
    if pycache is None:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        env.pop("PYTHONPYCACHEPREFIX", None)
    else:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(pycache)
    return env


def _run(cmd: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Wall seconds, peak RSS (MB, ``wait4``) and stdout of one run of ``cmd``."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd,
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    # read the pipes, then reap the child ourselves to get its rusage
    out = proc.stdout.read() if proc.stdout else b""
    err = proc.stderr.read() if proc.stderr else b""
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(
            f"{' '.join(cmd)} failed: {err.decode(errors='replace').strip()[-400:]}"
        )
    return wall, usage.ru_maxrss / 1024, out.decode()


def _load() -> str:
    return "/".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5, help="runs per measure (5)")
    ap.add_argument(
        "--modes",
        default="cached,no-pyc",
        help="bytecode modes: cached, no-pyc (both by default)",
    )
    args = ap.parse_args(argv)
    modes = [m for m in args.modes.split(",") if m]
    cmd = _command()
    print(f"# cores: {os.cpu_count()}, load: {_load()}, command: {' '.join(cmd)}")
    with tempfile.TemporaryDirectory(prefix="strikemap-startup-") as tmp:
        folder = Path(tmp)
        for lang, text in ARTICLES.items():
            (folder / f"{lang}.txt").write_text(text, encoding="utf-8")
        out = folder / "events.geojson"
        rows = []
        for mode in modes:
            env = _env(folder / "pycache" if mode == "cached" else None)
            if mode == "cached":  # write the .pyc files, untimed
                _run(
                    [*cmd, "events", "-q", "-o", str(out), str(folder / "en.txt")], env
                )
                _run(
                    [*cmd, "events", "-q", "-o", str(out), str(folder / "uk.txt")], env
                )
            bare = [_run([sys.executable, "-c", "pass"], env) for _ in range(args.runs)]
            rows.append(
                (
                    mode,
                    "python -c pass",
                    statistics.median(w for w, _, _ in bare),
                    max(r for _, r, _ in bare),
                    None,
                )
            )
            for lang in ARTICLES:
                path = str(folder / f"{lang}.txt")
                runs = [
                    _run([*cmd, "events", "-q", "-o", str(out), path], env)
                    for _ in range(args.runs)
                ]
                events = len(json.loads(out.read_text(encoding="utf-8"))["features"])
                phases = []
                for _ in range(args.runs):
                    _, _, stdout = _run([sys.executable, "-c", _PHASES, path], env)
                    line = next(
                        ln for ln in stdout.splitlines() if ln.startswith("PHASES ")
                    )
                    phases.append(json.loads(line[7:]))
                split = {k: statistics.median(p[k] for p in phases) for k in phases[0]}
                rows.append(
                    (
                        mode,
                        f"events {lang} ({events} event{'s' * (events != 1)})",
                        statistics.median(w for w, _, _ in runs),
                        max(r for _, r, _ in runs),
                        split,
                    )
                )
    print(f"{'bytecode':<8} {'what':<26} {'wall s':>7} {'peak MB':>8}  split (ms)")
    for mode, what, wall, rss, split in rows:
        detail = (
            ", ".join(f"{k} {v * 1000:.0f}" for k, v in split.items()) if split else ""
        )
        print(f"{mode:<8} {what:<26} {wall:>7.3f} {rss:>8.0f}  {detail}")
    print(
        f"# median of {args.runs} runs each; target < 0.3 s, < 250 MB; load: {_load()}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
