"""Time building and saving strike maps, their size and their load time.

For 1,000 / 10,000 / 50,000 synthetic events (random points at real places of
the bundled gazetteer, or of ../shared/data/geonames/UA.txt when the gazetteer
is missing; nothing is written to the repository) print:

- build: ``maps.build_map`` (events as GeoJSON dicts, summary precomputed);
- save: ``maps.save_map`` (render, Leaflet inlined from the XStatic packages,
  write): the self-contained page ``strikemap run`` writes;
- size of map.html;
- load and ready: milliseconds from navigation start to the load event and
  to the map's ready signal (all markers added) in headless Chromium with
  every network request refused, when /usr/bin/chromium is installed;
- filter and brush: milliseconds for the page to redraw (markers, clusters,
  choropleths, oblast panel, legend, timeline; until the markers are on the
  map and painted) after a weapon filter is switched off, after a date range
  is brushed, and after both are cleared again (the worst case: every marker
  goes back); measured in the page through the CDP client;
- errors: console errors, requests and failed loads (must be 0).

Usage: python bench/bench_maps.py [--sizes 1000,10000,50000] [--out DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # the CDP client is a test tool

from chromium import Chromium, chromium_path  # noqa: E402

from geo.tables.frames import events_to_frame  # noqa: E402
from geo.tables.summary import region_summary  # noqa: E402
from maps import build_map, save_map  # noqa: E402

WEAPONS = [
    ["drone"],
    ["drone"],
    ["drone", "missile"],
    ["ballistic_missile"],
    ["cruise_missile", "drone"],
    ["glide_bomb"],
    ["artillery"],
    ["rocket"],
    ["bomb"],
    [],
]
TARGETS = [["residential"], ["energy"], ["residential", "commercial"], ["railway"], []]
SENTENCES = [
    "Regional officials said the overnight attack damaged several apartment "
    "blocks and a school, and rescuers worked through the morning.",
    "The governor reported that debris fell on a private house and a "
    "warehouse; emergency crews put out the fires.",
    "Energy facilities in the area were hit again, leaving thousands of homes "
    "without power for several hours, the operator said.",
]


#: In the page: redraw times (ms) of a filter, a brushed range and a reset,
#: each until the markers are on the map and the frame is painted.
REDRAW = """
(async function () {
  var api = Object.values(StrikeMap.maps)[0];
  await api.settle();
  async function time(change) {
    var t0 = performance.now();
    change();
    return (await api.settle()) - t0;
  }
  var drone = api.cfg.classes.findIndex(function (c) { return c[0] === "drone"; });
  var filter = await time(function () {
    var off = {}; off[drone] = false; api.setFilters({cls: off});
  });
  var brush = await time(function () {
    api.setRange(Math.floor(api.last / 3), Math.floor((2 * api.last) / 3));
  });
  var reset = await time(function () {
    api.state.from = 0; api.state.to = api.last;
    api.setFilters({cls: {}});
  });
  return [filter, brush, reset];
})()
"""


def places() -> list[tuple[str, str, str, float, float]]:
    """(name, admin1, admin1_code, lon, lat) of populated places."""
    try:
        import gazetteer

        store = gazetteer.get_gazetteer().store
        out = [
            (p.name, p.admin1, p.admin1_code, p.lon, p.lat)
            for p in store.iter_places()
            if p.kind == "settlement" and p.admin1_code and p.population > 0
        ]
        if out:
            return out
    except Exception as exc:  # the gazetteer may not be built yet
        print(f"gazetteer unavailable ({exc}); reading UA.txt", file=sys.stderr)
    path = ROOT.parent / "shared" / "data" / "geonames" / "UA.txt"
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if cols[6] == "P" and cols[14] not in ("", "0"):
                out.append((cols[1], "", "", float(cols[5]), float(cols[4])))
    return out


def synthetic(n: int, pool: list, rng: random.Random) -> list[dict]:
    """``n`` merged events in the event schema at random real places."""
    start = dt.date(2025, 1, 1)
    feats = []
    for i in range(n):
        name, admin1, code, lon, lat = rng.choice(pool)
        date = None if rng.random() < 0.03 else start + dt.timedelta(rng.randrange(455))
        killed = rng.choice([None, 0, 0, 1, 2, 5])
        injured = rng.choice([None, 0, 1, 3, 8, 20])
        sources = [
            {
                "article": f"bench-{i}-{k}",
                "url": f"https://news.example.org/bench/{i}/{k}",
                "published": date.isoformat() if date else None,
                "evidence": rng.choice(SENTENCES),
                "killed": killed,
                "injured": injured,
            }
            for k in range(rng.choice([1, 1, 2]))
        ]
        feats.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": {
                    "id": f"{i:016x}",
                    "date": date.isoformat() if date else None,
                    "date_precision": "day" if date else "unknown",
                    "place": name,
                    "kind": "settlement",
                    "precision": rng.choice(["settlement"] * 6 + ["raion", "oblast"]),
                    "admin1": admin1,
                    "admin1_code": code,
                    "killed": killed,
                    "injured": injured,
                    "weapons": rng.choice(WEAPONS),
                    "launched": {},
                    "targets": rng.choice(TARGETS),
                    "sources": sources,
                    "actor": rng.choice(["russia"] * 8 + ["unknown", "ukraine"]),
                    "note": None,
                },
            }
        )
    return feats


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--out", help="keep the pages in this directory")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    rng = random.Random(2026)
    pool = places()
    out_dir = Path(args.out or tempfile.mkdtemp(prefix="strikemap-bench-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    browser = chromium_path() is not None
    print(f"{len(pool)} places; pages in {out_dir}; chromium: {browser}")
    header = (
        f"{'events':>7} {'summary s':>9} {'build s':>8} {'save s':>7} "
        f"{'MB':>6} {'load ms':>8} {'ready ms':>9} {'filter ms':>9} "
        f"{'brush ms':>8} {'reset ms':>8} {'errors':>6}"
    )
    print(header)
    for n in sizes:
        feats = synthetic(n, pool, rng)
        t0 = time.perf_counter()
        summary = region_summary(events_to_frame(feats))
        t1 = time.perf_counter()
        m = build_map(feats, summary)
        t2 = time.perf_counter()
        path = save_map(m, out_dir / f"map-{n}.html")
        t3 = time.perf_counter()
        mb = path.stat().st_size / 1e6
        load = ready = errors = "-"
        redraw = ["-", "-", "-"]
        if browser:
            with Chromium() as chromium:
                report = chromium.load(path, ready_timeout=300)
                redraw = [f"{ms:.0f}" for ms in chromium.evaluate(REDRAW)]
            load = f"{report.load_ms:.0f}" if report.load_ms is not None else "?"
            ready = f"{report.ready_ms:.0f}" if report.ready_ms is not None else "?"
            problems = report.console_errors + report.requests + report.failed
            errors = str(len(problems) + len(report.refused))
        print(
            f"{n:>7} {t1 - t0:>9.2f} {t2 - t1:>8.2f} {t3 - t2:>7.2f} {mb:>6.2f} "
            f"{load:>8} {ready:>9} {redraw[0]:>9} {redraw[1]:>8} {redraw[2]:>8} "
            f"{errors:>6}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
