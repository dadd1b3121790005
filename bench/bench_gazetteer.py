"""Gazetteer numbers: build time, load time, lookups per second, matcher MB/s.

Run from the repository root: ``python bench/bench_gazetteer.py [--skip-build]``.
Prints one line per measure; never asserts (targets: load < 0.3 s,
>= 100,000 lookups/s, matcher >= 20 MB/s on one core).
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LOAD_SNIPPET = """
import time
t = time.perf_counter()
from gazetteer.store import load_store
s = load_store()
t1 = time.perf_counter()
from gazetteer import get_gazetteer
get_gazetteer().lookup("Kharkiv")
t2 = time.perf_counter()
print(f"{t1 - t:.4f} {t2 - t:.4f}")
"""


def corpus(mb: float) -> str:
    """English news text of about ``mb`` megabytes.

    Made of the project's own test articles and samples and, when ``../shared``
    is beside the checkout, the five seed articles (read in place).
    """
    texts = []
    for p in sorted((ROOT.parent / "shared/seeds").glob("*.txt")):
        texts.append(p.read_text(encoding="utf-8"))
    for p in sorted((ROOT / "tests/data/articles").glob("*.txt")):
        texts.append(p.read_text(encoding="utf-8"))
    for p in sorted((ROOT / "geo/samples").glob("*.txt")):
        texts.append(p.read_text(encoding="utf-8"))
    texts.append((ROOT / "tests/data/no_mentions.txt").read_text(encoding="utf-8"))
    rng = random.Random(7)
    out, size = [], 0
    while size < mb * 1_000_000:
        t = rng.choice(texts)
        out.append(t)
        size += len(t.encode("utf-8"))
    return "\n\n".join(out)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--skip-build", action="store_true")
    ap.add_argument("--mb", type=float, default=10.0)
    args = ap.parse_args()

    if not args.skip_build:
        from gazetteer.build import _default_source, build

        with tempfile.TemporaryDirectory() as tmp:
            t = time.perf_counter()
            counts = build(_default_source(), Path(tmp))
            print(
                f"build: {time.perf_counter() - t:.2f} s "
                f"({counts['places']} places, {counts['names']} name keys)"
            )

    loads = []
    for _ in range(5):
        out = subprocess.run(
            [sys.executable, "-c", LOAD_SNIPPET],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        loads.append((float(out[0]), float(out[1])))
    best = min(loads)
    print(
        f"load: {best[0]:.3f} s (store), {best[1]:.3f} s (store + first lookup); "
        f"best of 5 fresh processes"
    )

    from gazetteer import Gazetteer, get_gazetteer

    gaz = get_gazetteer()
    names = [
        ln.split("\t")[0]
        for ln in (ROOT / "tests/data/spellings.tsv")
        .read_text(encoding="utf-8")
        .splitlines()[1:]
        if ln.strip()
    ]
    queries = (names * (200_000 // len(names) + 1))[:200_000]
    t = time.perf_counter()
    hits = sum(1 for q in queries if gaz.lookup(q) is not None)
    dt = time.perf_counter() - t
    print(
        f"lookups, news-like stream ({len(names)} spellings repeated): "
        f"{len(queries) / dt:,.0f} per second ({hits} of {len(queries)} resolved)"
    )
    cold = Gazetteer(gaz.store)
    keys = sorted(gaz.store.names)
    random.Random(3).shuffle(keys)
    keys = keys[:50_000]
    t = time.perf_counter()
    for k in keys:
        cold.lookup(k)
    dt = time.perf_counter() - t
    print(
        "lookups, cold (50,000 distinct names, each once): "
        f"{len(keys) / dt:,.0f} per second"
    )

    text = corpus(args.mb)
    mb = len(text.encode("utf-8")) / 1e6
    gaz.find_mentions("warm up Kyiv")
    t = time.perf_counter()
    n = len(gaz.find_mentions(text))
    dt = time.perf_counter() - t
    print(
        f"matcher: {mb / dt:.1f} MB/s on {mb:.1f} MB ({n:,} mentions, one per "
        f"{len(text) // max(n, 1)} characters; {dt:.2f} s)"
    )
    t = time.perf_counter()
    n = len(gaz.resolve_mentions(text[:2_000_000]))
    dt = time.perf_counter() - t
    print(f"matcher + resolution: {2.0 / dt:.1f} MB/s on 2.0 MB ({n:,} mentions)")


if __name__ == "__main__":
    main()
