"""Extraction throughput on one core, on a generated corpus.

Run from the repository root: ``python bench/bench_extract.py [--articles 5000]
[--lang en|uk] [--no-startup]``.  English articles are about 4 KB
(bench/corpus.py), Ukrainian ones about 2 KB (bench/corpus_uk.py).  Prints
articles per second and MB per second for the extraction step alone (language
detection, gazetteer matching and resolution, dates, cues, attributes) and for
extraction plus merging into GeoJSON features. Target (issue 14): >= 1,000
articles/s in either language.

First it prints the start-up of extraction on one short article, in fresh
processes (median of 3): importing the extractor, building it (the gazetteer)
and extracting the first article, which compiles the patterns of its language,
with the compiled-pattern cache (gazetteer.compiled) cold, warm and off.
"""

from __future__ import annotations

import argparse
import functools
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import corpus  # noqa: E402
import corpus_uk  # noqa: E402

from geo.events.merge import event_features, merge_reports  # noqa: E402
from geo.extract.extractor import Extractor  # noqa: E402
from geo.ingest import Article  # noqa: E402
from geo.lang import detect_language  # noqa: E402

ONE = {
    "en": "Russian drones struck an apartment building in Kharkiv overnight, "
    "injuring three people, the governor said.",
    "uk": "Вночі російські дрони атакували Харків: пошкоджено житловий будинок, "
    "поранено трьох людей, повідомив голова ОВА.",
}

_STARTUP = """
import json, sys, time
t0 = time.perf_counter()
from datetime import date
from geo.extract.extractor import Extractor
from geo.ingest import Article
t1 = time.perf_counter()
ex = Extractor()
t2 = time.perf_counter()
art = Article("one", sys.argv[1], date(2026, 11, 30), "option", None, None, "one",
              (), sys.argv[2])
n = len(ex.extract(art).reports)
t3 = time.perf_counter()
print(json.dumps([t1 - t0, t2 - t1, t3 - t2, n]))
"""


def _startup_once(lang: str, env: dict[str, str]) -> list[float]:
    done = subprocess.run(
        [sys.executable, "-c", _STARTUP, ONE[lang], lang],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def startup(lang: str) -> None:
    """Print the start-up split with the pattern cache cold, warm and off."""
    with tempfile.TemporaryDirectory(prefix="strikemap-bench-") as tmp:
        on = {"XDG_CACHE_HOME": tmp, "STRIKEMAP_REGEX_CACHE": "1"}
        rows = {
            "cold cache": [_startup_once(lang, on)],  # the first run fills it
            "warm cache": [_startup_once(lang, on) for _ in range(3)],
            "cache off": [
                _startup_once(lang, {"STRIKEMAP_REGEX_CACHE": "0"}) for _ in range(3)
            ],
        }
    for name, runs in rows.items():
        imp, build, first = (statistics.median(r[i] for r in runs) for i in range(3))
        print(
            f"start-up ({lang}, {name}): import {imp:.3f} s, extractor {build:.3f} s, "
            f"first article {first:.3f} s, total {imp + build + first:.3f} s"
        )


def text_caches() -> list:
    """The per-text caches of the extraction stages (bounded LRU caches).

    They remember a stage's answer for a sentence it has read, so a sentence
    repeated in another article costs nothing.  The generated corpus repeats
    template sentences far more than news does, so the bench also measures with
    these cleared after every article.  The caches keyed by language (their
    grammars) and the gazetteer's name caches are kept: real articles repeat
    place names too.
    """
    found = []
    for name, module in sorted(sys.modules.items()):
        if not name.startswith("geo.extract") or module is None:
            continue
        for value in vars(module).values():
            if isinstance(value, functools._lru_cache_wrapper):
                size = value.cache_parameters()["maxsize"]
                if size is not None and size > 64 and value not in found:
                    found.append(value)
    return found


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=5000)
    ap.add_argument("--lang", choices=("en", "uk"), default="en")
    ap.add_argument("--no-startup", action="store_true", help="skip the start-up split")
    args = ap.parse_args()
    if not args.no_startup:
        startup(args.lang)
    generate = corpus_uk.generate if args.lang == "uk" else corpus.generate
    sample = [d["text"] for d in generate(200)]
    t = time.process_time()
    for _ in range(10):
        langs = [detect_language(text) for text in sample]
    detect = 2000 / (time.process_time() - t)
    arts = [
        Article(
            d["id"],
            d["text"],
            date.fromisoformat(d["date"]),
            "jsonl",
            None,
            None,
            d["id"],
            (),
            args.lang,
        )
        for d in generate(args.articles)
    ]
    print(
        f"language detection: {detect:,.0f} articles/s (detected: {sorted(set(langs))})"
    )
    size = sum(len(a.text.encode("utf-8")) for a in arts)
    ex = Extractor()
    for a in arts[:100]:  # load the gazetteer and fill its caches outside the timing
        ex.extract(a)
    gc.freeze()  # as the pipeline's workers do once the gazetteer is loaded
    t = time.process_time()
    reports = []
    for a in arts:
        reports.extend(ex.extract(a).reports)
    dt = time.process_time() - t
    print(
        f"extraction: {len(arts) / dt:,.0f} articles/s, {size / dt / 1e6:.2f} MB/s "
        f"({len(arts):,} articles, mean {size / len(arts) / 1000:.1f} KB, "
        f"{len(reports):,} reports, {dt:.1f} s CPU on one core)"
    )
    caches = text_caches()
    t = time.process_time()
    for a in arts:
        ex.extract(a)
        for c in caches:
            c.cache_clear()
    df = time.process_time() - t
    print(
        f"extraction, no reuse between articles ({len(caches)} per-text caches "
        f"cleared after each): {len(arts) / df:,.0f} articles/s"
    )
    t = time.process_time()
    feats = event_features(merge_reports(reports))
    dm = time.process_time() - t
    print(
        f"merging: {len(feats):,} events from {len(reports):,} reports in {dm:.2f} s; "
        f"extraction + merging: {len(arts) / (dt + dm):,.0f} articles/s"
    )


if __name__ == "__main__":
    main()
