"""Digests of a run's outputs, to prove a reshaping of the code changes nothing.

``python tests/identity.py --record`` runs ``strikemap run`` on the seeds,
on ``tests/data/articles`` and on generated corpora, and stores the SHA-256 of
events.geojson, regions.csv, report.json and map.html in
``tests/data/identity.json``; ``tests/test_identity.py`` runs the same and
compares.  ``--corpus 10000`` checks the 10k bench corpus too (minutes;
without ``--record``, checking is the default).
Record again only when a change is *meant* to change the output, and say so
in the commit.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RECORD = ROOT / "tests" / "data" / "identity.json"
FILES = ("events.geojson", "regions.csv", "report.json", "map.html")


def _digests(outdir: Path) -> dict[str, str]:
    return {
        name: hashlib.sha256((outdir / name).read_bytes()).hexdigest() for name in FILES
    }


def run_set(name: str, inputs: list[Path], *, jobs: int = 2) -> dict[str, str]:
    """Run ``strikemap run`` from a scratch folder with inputs copied in.

    Inputs are copied so every path in report.json is the same relative one
    wherever the checkout lives.
    """
    with tempfile.TemporaryDirectory(prefix="strikemap-identity-") as tmp:
        work = Path(tmp)
        rel = []
        for src in inputs:
            dest = work / "in" / src.name
            dest.parent.mkdir(exist_ok=True)
            if src.is_dir():
                shutil.copytree(src, dest)
            else:
                shutil.copy2(src, dest)
            rel.append(str(Path("in") / src.name))
        subprocess.run(
            [
                sys.executable,
                "-m",
                "strikemap",
                "run",
                "-q",
                "-j",
                str(jobs),
                "-o",
                "out",
                "--title",
                f"identity {name}",
                *rel,
            ],
            cwd=work,
            check=True,
            capture_output=True,
            # this checkout's code, whatever an editable install points at
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        return _digests(work / "out")


def corpus(n: int, folder: Path) -> Path:
    """The first ``n`` articles of the bench corpus (seed 0) as JSONL."""
    sys.path.insert(0, str(ROOT / "bench"))
    from corpus import write_corpus  # type: ignore[import-not-found]

    path = folder / f"corpus{n}.jsonl"
    write_corpus(path, n)
    return path


def sets(corpus_sizes: tuple[int, ...]) -> dict[str, list[Path]]:
    """The named input sets (the seeds only when ../shared is there)."""
    out = {"articles": [ROOT / "tests" / "data" / "articles"]}
    seeds = ROOT.parent / "shared" / "seeds"
    if seeds.is_dir():
        out["seeds"] = [seeds]
    for n in corpus_sizes:
        out[f"corpus{n}"] = []  # filled by the caller (needs a folder)
    return out


def compute(corpus_sizes: tuple[int, ...]) -> dict[str, dict[str, str]]:
    """Digests of every set."""
    result = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, inputs in sets(corpus_sizes).items():
            if name.startswith("corpus"):
                inputs = [corpus(int(name[6:]), Path(tmp))]
            result[name] = run_set(name, inputs)
    return result


def main(argv: list[str] | None = None) -> int:
    """Record or check the digests."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--record", action="store_true")
    parser.add_argument("--corpus", type=int, action="append", default=[])
    args = parser.parse_args(argv)
    sizes = tuple(args.corpus) or (500,)
    got = compute(sizes)
    recorded = json.loads(RECORD.read_text()) if RECORD.exists() else {}
    if args.record:
        recorded.update(got)
        RECORD.write_text(json.dumps(recorded, indent=1, sort_keys=True) + "\n")
        print(f"recorded {sorted(got)} in {RECORD}")
        return 0
    bad = 0
    for name, digests in got.items():
        want = recorded.get(name)
        for file, digest in digests.items():
            same = want is not None and want.get(file) == digest
            bad += not same
            print(f"{name:12} {file:15} {'same' if same else 'DIFFERENT'}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
