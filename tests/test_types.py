"""mypy over the four packages: no error beyond the checked-in baseline.

The baseline (``tests/data/mypy-baseline.txt``) lists the errors that were
there when type checking began, as ``file: [code] message`` without line
numbers (which move with every edit).  A new error fails this test; so does a
baseline entry that no longer occurs, so the baseline can only shrink:
delete the fixed lines (or run ``python tests/test_types.py --write``).
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BASELINE = ROOT / "tests" / "data" / "mypy-baseline.txt"
PACKAGES = ("gazetteer", "geo", "maps", "strikemap")
_LINE = re.compile(r"^(?P<file>[^:]+):\d+(?::\d+)?: error: (?P<msg>.*?)\s*$")


def mypy_errors() -> Counter[str]:
    """mypy's errors as ``file: message [code]`` lines, counted."""
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--ignore-missing-imports",
            "--no-error-summary",
            "--hide-error-context",
            "--no-pretty",
            *PACKAGES,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if proc.returncode not in (0, 1):
        raise RuntimeError(proc.stderr or proc.stdout)
    found: Counter[str] = Counter()
    for line in proc.stdout.splitlines():
        m = _LINE.match(line)
        if m:
            found[f"{m['file']}: {m['msg']}"] += 1
    return found


def _baseline() -> Counter[str]:
    lines = BASELINE.read_text(encoding="utf-8").splitlines()
    return Counter(ln for ln in lines if ln and not ln.startswith("#"))


def test_no_type_errors_beyond_the_baseline():
    pytest.importorskip("mypy")
    found, base = mypy_errors(), _baseline()
    new = found - base
    fixed = base - found
    assert not new, "new mypy errors:\n" + "\n".join(sorted(new.elements()))
    assert not fixed, (
        "fixed mypy errors still in the baseline (delete them from "
        f"{BASELINE.relative_to(ROOT)}):\n" + "\n".join(sorted(fixed.elements()))
    )


def main() -> int:
    """``--write``: record the current errors as the baseline."""
    if "--write" not in sys.argv:
        print(__doc__)
        return 2
    found = mypy_errors()
    head = "# mypy errors allowed (see tests/test_types.py); this list only shrinks\n"
    BASELINE.write_text(head + "".join(f"{e}\n" for e in sorted(found.elements())))
    print(f"{sum(found.values())} errors written to {BASELINE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
