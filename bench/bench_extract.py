"""Extraction throughput on one core, on a generated corpus.

Run from the repository root: ``python bench/bench_extract.py [--articles 5000]
[--lang en|uk]``.  English articles are about 4 KB (bench/corpus.py), Ukrainian
ones about 2 KB (bench/corpus_uk.py).  Prints articles per second and MB per
second for the extraction step alone (language detection, gazetteer matching
and resolution, dates, cues, attributes) and for extraction plus merging into
GeoJSON features. Target: >= 200 articles/s in either language.
"""

from __future__ import annotations

import argparse
import gc
import sys
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


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=5000)
    ap.add_argument("--lang", choices=("en", "uk"), default="en")
    args = ap.parse_args()
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
    t = time.process_time()
    feats = event_features(merge_reports(reports))
    dm = time.process_time() - t
    print(
        f"merging: {len(feats):,} events from {len(reports):,} reports in {dm:.2f} s; "
        f"extraction + merging: {len(arts) / (dt + dm):,.0f} articles/s"
    )


if __name__ == "__main__":
    main()
