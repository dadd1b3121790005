"""The compiled-regex cache of extraction (gazetteer.compiled)."""

from __future__ import annotations

import json
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from gazetteer import compiled

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "geo" / "samples"

PATTERNS = [
    (r"(?<!\w)(?:(?P<drone>drones?|shahed)|(?P<missile>missiles?))(?!\w)", re.I),
    (r"\d[\d,.]*\s+(?:км|km)\b", 0),
    (r"(?:у|в)\s+(?P<place>[А-ЯІЇЄҐ][\w'’ʼ-]+)", re.UNICODE),
    (r"^\s*[-–—•]\s+", re.M),
    (r"(?-i:UAV)|air ?strikes?", re.IGNORECASE),
]


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    """A fresh cache folder, and a store that reads it."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("STRIKEMAP_REGEX_CACHE", raising=False)
    compiled.reset()
    yield tmp_path / "cache"
    compiled.reset()


def _same(a: re.Pattern, b: re.Pattern) -> None:
    assert a == b  # pattern, flags and compiled program
    assert (a.pattern, a.flags, a.groups, a.groupindex) == (
        b.pattern,
        b.flags,
        b.groups,
        b.groupindex,
    )


@pytest.mark.parametrize(("pattern", "flags"), PATTERNS)
def test_compile_equals_re_compile(cache_home, pattern, flags):
    _same(compiled.compile(pattern, flags), re.compile(pattern, flags))


@pytest.mark.parametrize(("pattern", "flags"), PATTERNS)
def test_stored_program_is_loaded_not_rebuilt(cache_home, monkeypatch, pattern, flags):
    compiled.compile(pattern, flags)
    compiled.flush()
    assert compiled.cache_file().is_file()
    compiled.reset()

    def no_parsing(*args):
        raise AssertionError("parsed again")

    monkeypatch.setattr(compiled, "_program", no_parsing)
    loaded = compiled.compile(pattern, flags)
    _same(loaded, re.compile(pattern, flags))
    text = "Drones and missiles hit Kharkiv; у Харкові 12 км air strike UAV"
    assert [m.span() for m in loaded.finditer(text)] == [
        m.span() for m in re.finditer(pattern, text, flags)
    ]


def test_invalid_pattern_raises(cache_home):
    with pytest.raises(re.error):
        compiled.compile("(unclosed")


@pytest.mark.parametrize("content", [b"", b"not marshal data", b"\x00" * 64])
def test_corrupt_file_is_ignored(cache_home, content):
    path = compiled.cache_file()
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    pattern, flags = PATTERNS[0]
    _same(compiled.compile(pattern, flags), re.compile(pattern, flags))


@pytest.mark.parametrize("where", [-1, -40, 200])
def test_damaged_file_is_not_believed(cache_home, where):
    pattern, flags = PATTERNS[0]
    compiled.compile(pattern, flags)
    compiled.flush()
    path = compiled.cache_file()
    data = bytearray(path.read_bytes())
    data[where] ^= 0x01  # one bit of a program (or of the index)
    path.write_bytes(bytes(data))
    compiled.reset()
    _same(compiled.compile(pattern, flags), re.compile(pattern, flags))


def test_other_processes_entries_are_kept(cache_home):
    (p1, f1), (p2, f2) = PATTERNS[:2]
    compiled.compile(p1, f1)
    compiled.flush()
    compiled.reset()
    compiled.compile(p2, f2)  # a second process, reading the first's file
    compiled.flush()
    compiled.reset()
    for pattern, flags in PATTERNS[:2]:
        assert compiled._store.lookup((pattern, int(flags)))[0]


def test_least_recently_used_entries_go_first(cache_home, monkeypatch):
    p1, p2, p3 = (rf"(?<!\w){word}\s+\d+" for word in ("alpha", "bravo", "delta"))
    for pattern in (p1, p2):
        compiled.compile(pattern)
        compiled.flush()
        compiled.reset()
    compiled._store.load()
    sizes = [length for _, _, length, _ in compiled._store.file.index.values()]
    assert len(sizes) == 2 and sizes[0] == sizes[1]
    monkeypatch.setattr(compiled, "MAX_BYTES", sizes[0] * 5 // 2)  # two fit
    compiled.compile(p2)  # used again: p1 is now the oldest
    compiled.compile(p3)
    compiled.flush()
    compiled.reset()
    assert compiled._store.lookup((p2, 0))[0]
    assert compiled._store.lookup((p3, 0))[0]
    assert not compiled._store.lookup((p1, 0))[0]


def test_unwritable_cache_warns_once(tmp_path, monkeypatch, caplog):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    monkeypatch.delenv("STRIKEMAP_REGEX_CACHE", raising=False)
    compiled.reset()
    try:
        with caplog.at_level(logging.WARNING, logger="gazetteer.compiled"):
            for pattern, flags in PATTERNS:
                rx = compiled.compile(pattern, flags)
                compiled.flush()
                compiled.checkpoint()
                _same(rx, re.compile(pattern, flags))
    finally:
        compiled.reset()
    warned = [r for r in caplog.records if r.name == "gazetteer.compiled"]
    assert len(warned) == 1
    assert "regex cache" in warned[0].getMessage()
    assert "not writable" in warned[0].getMessage()


def test_cache_can_be_turned_off(cache_home, monkeypatch):
    monkeypatch.setenv("STRIKEMAP_REGEX_CACHE", "0")
    compiled.reset()
    assert compiled.cache_file() is None
    pattern, flags = PATTERNS[1]
    _same(compiled.compile(pattern, flags), re.compile(pattern, flags))
    compiled.flush()
    assert not cache_home.exists()


def test_remembered_keeps_none_and_values(cache_home):
    calls = []

    def make(value):
        def inner():
            calls.append(value)
            return value

        return inner

    assert compiled.remembered("test", ("a", 1), make(None)) is None
    assert compiled.remembered("test", ("b", 1), make(frozenset({"x"}))) == {"x"}
    compiled.flush()
    compiled.reset()
    assert compiled.remembered("test", ("a", 1), make("again")) is None
    assert compiled.remembered("test", ("b", 1), make("again")) == {"x"}
    assert calls == [None, frozenset({"x"})]


def _stored_kinds() -> set[str]:
    """The kinds of the analyses in the cache file (``"kind@code"``)."""
    import marshal

    compiled.reset()
    compiled._store.load()
    file = compiled._store.file
    found = set()
    for d in file.index:
        key = marshal.loads(file.blob(d))[0]
        if isinstance(key[0], str) and not isinstance(key[1], int):
            found.add(key[0])
    compiled.reset()
    return found


def _an_older_strikemap_remembered(monkeypatch, *, hours_ago: float) -> None:
    """Analyses of 'old' code (and one of no code), stored ``hours_ago``."""
    import time

    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() - hours_ago * 3600)
    compiled.remembered_by("old", "starts", ("a",), lambda: "old starts")
    compiled.remembered("starts", ("a",), lambda: "starts of no code")
    compiled.remembered_by("old", "elsewhere", ("a",), lambda: "other kind")
    compiled.compile(PATTERNS[0][0], PATTERNS[0][1])
    compiled.flush()
    monkeypatch.setattr(time, "time", real)
    compiled.reset()


def test_analyses_of_older_code_are_dropped_when_unused_for_an_hour(
    cache_home, monkeypatch
):
    _an_older_strikemap_remembered(monkeypatch, hours_ago=2)
    # this strikemap's code asks for the same kind: the older analyses of it
    # go at its next write; a kind it does not ask for and the patterns stay
    compiled.remembered_by("new", "starts", ("a",), lambda: "new starts")
    compiled.flush()
    assert _stored_kinds() == {"starts@new", "elsewhere@old"}
    assert compiled._store.lookup((PATTERNS[0][0], int(PATTERNS[0][1])))[0]


def test_analyses_of_older_code_used_lately_are_kept(cache_home, monkeypatch):
    # two strikemaps used by turns keep each other's analyses for an hour
    _an_older_strikemap_remembered(monkeypatch, hours_ago=0.5)
    compiled.remembered_by("new", "starts", ("a",), lambda: "new starts")
    compiled.flush()
    assert _stored_kinds() == {"starts@new", "starts@old", "starts", "elsewhere@old"}


_RUN = """
import json, sys
from datetime import date
from pathlib import Path
from gazetteer import compiled
from geo.extract.extractor import Extractor
from geo.ingest import Article
from geo.lang import detect_language

made = []
program = compiled._program
def counting(pattern, flags):
    made.append(pattern)
    return program(pattern, flags)
compiled._program = counting
ex = Extractor()
out = []
for path in sorted(Path(sys.argv[1]).glob("*.txt")):
    text = path.read_text(encoding="utf-8")
    art = Article(path.name, text, date(2026, 1, 5), "option", None, None,
                  path.name, (), detect_language(text))
    out.append(repr(ex.extract(art)))
print(json.dumps({"made": len(made), "reports": out}, sort_keys=True, default=str))
"""


def _run(env: dict[str, str]) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", _RUN, str(SAMPLES)],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def test_runs_reuse_the_cache_with_identical_output(tmp_path):
    """A cold run fills the cache, a warm one compiles nothing; same reports."""
    env = {"XDG_CACHE_HOME": str(tmp_path), "STRIKEMAP_REGEX_CACHE": "1"}
    off = _run({"STRIKEMAP_REGEX_CACHE": "0"})
    cold = _run(env)
    warm = _run(env)
    assert cold["made"] > 100  # the lexicons of both languages
    assert warm["made"] == 0
    assert off["reports"] == cold["reports"] == warm["reports"]
    assert "Report(" in "".join(off["reports"])
