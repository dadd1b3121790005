"""Gazetteer numbers: build time, load time, lookups per second, matcher MB/s.

Run from the repository root: ``python bench/bench_gazetteer.py [--skip-build]``.
Prints one line per measure; never asserts (targets: load < 0.3 s,
>= 100,000 lookups/s, matcher >= 20 MB/s on one core). Also: the size of the
bundled files, the load of the Ukrainian case forms (read only when Cyrillic
is met) and the matcher on the Ukrainian test articles (``tests/data/uk``).
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

UK_SNIPPET = """
import time
from gazetteer.store import load_store
s = load_store()
t = time.perf_counter()
s.uk
print(f"{time.perf_counter() - t:.4f} {len(s.uk)}")
"""


def uk_corpus() -> list[str]:
    """The Ukrainian test articles (invented texts, ``tests/data/uk/articles``)."""
    import json

    texts = []
    for p in sorted((ROOT / "tests/data/uk/articles").iterdir()):
        if p.suffix == ".txt":
            texts.append(p.read_text(encoding="utf-8"))
        elif p.suffix == ".jsonl":
            for line in p.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    texts.append(json.loads(line)["text"])
    return texts


def corpus(mb: float, *, seeds: bool = True, own: bool = True) -> list[str]:
    """Articles adding up to about ``mb`` megabytes of English news text.

    ``seeds``: the five seed articles (real news, read in place from
    ``../shared/seeds`` when it is there); ``own``: the project's own test
    articles and samples, which name places far more densely.
    """
    texts = []
    if seeds:
        for p in sorted((ROOT.parent / "shared/seeds").glob("*.txt")):
            texts.append(p.read_text(encoding="utf-8"))
    if own:
        for p in sorted((ROOT / "tests/data/articles").glob("*.txt")):
            texts.append(p.read_text(encoding="utf-8"))
        for p in sorted((ROOT / "geo/samples").glob("*.txt")):
            texts.append(p.read_text(encoding="utf-8"))
    rng = random.Random(7)
    out, size = [], 0
    while texts and size < mb * 1_000_000:
        t = rng.choice(texts)
        out.append(t)
        size += len(t.encode("utf-8"))
    return out


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
    data = ROOT / "gazetteer" / "data"
    sizes = {p.name: p.stat().st_size for p in sorted(data.iterdir()) if p.is_file()}
    print(
        "data: "
        + ", ".join(f"{k} {v / 1e6:.2f} MB" for k, v in sizes.items())
        + f"; total {sum(sizes.values()) / 1e6:.2f} MB"
    )
    uk_loads = []
    for _ in range(3):
        out = subprocess.run(
            [sys.executable, "-c", UK_SNIPPET],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        uk_loads.append((float(out[0]), int(out[1])))
    best_uk = min(uk_loads)
    print(
        f"load of the Ukrainian forms (on the first Cyrillic word): "
        f"{best_uk[0]:.3f} s, {best_uk[1]:,} forms; best of 3"
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

    gaz.find_mentions("warm up Kyiv")
    for label, kw in (
        ("seed articles (real news)", {"own": False}),
        ("own test articles (place-dense)", {"seeds": False}),
        ("both", {}),
    ):
        arts = corpus(args.mb, **kw)
        if not arts:
            print(f"matcher, {label}: no text (../shared missing?)")
            continue
        text = "\n\n".join(arts)
        mb = len(text.encode("utf-8")) / 1e6
        t = time.process_time()
        n = len(gaz.find_mentions(text))
        dt = time.process_time() - t
        print(
            f"matcher, {label}: {mb / dt:.1f} MB/s on {mb:.1f} MB "
            f"({n:,} mentions, one per {len(text) // max(n, 1)} characters)"
        )
        t = time.process_time()
        n = sum(len(gaz.resolve_mentions(a)) for a in arts)
        dt = time.process_time() - t
        print(f"  matcher + resolution, article by article: {mb / dt:.1f} MB/s")

    uk = uk_corpus()
    if uk:
        gaz.find_mentions("Вибухи у Харкові")
        arts = uk * max(1, int(1_000_000 // sum(len(a.encode()) for a in uk)))
        mb = sum(len(a.encode("utf-8")) for a in arts) / 1e6
        t = time.process_time()
        n = sum(len(gaz.find_mentions(a)) for a in arts)
        dt = time.process_time() - t
        print(
            f"matcher, Ukrainian test articles, one by one: {mb / dt:.1f} MB/s, "
            f"{len(arts) / dt:,.0f} articles/s ({n:,} mentions)"
        )
        t = time.process_time()
        n = sum(len(gaz.resolve_mentions(a)) for a in arts)
        dt = time.process_time() - t
        print(
            f"  matcher + resolution: {mb / dt:.1f} MB/s, "
            f"{len(arts) / dt:,.0f} articles/s"
        )


if __name__ == "__main__":
    main()
