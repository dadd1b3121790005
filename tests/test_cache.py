"""The extraction cache: damaged entries, a full disk, killed writers, stale rules.

Articles are our own short texts.  A full disk is simulated by handing the
cache's temporary files to ``/dev/full``, where every write fails with ENOSPC.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import errno
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

import geo.engines.cache as cache_module
from geo.engines.pipeline import extract_all, run
from geo.ingest import Article
from geo.tables.export import to_geojson

ROOT = Path(__file__).resolve().parent.parent

TEXTS = [
    "A Russian missile hit an apartment block in Kharkiv overnight, killing two "
    "people, the regional governor said.",
    "Drones struck a power substation near Odesa on Tuesday; no one was hurt.",
    "Ukrainian drones hit an oil depot in Belgorod, Russia, the governor there said.",
    "A glide bomb fell on a shop in Zaporizhzhia, injuring five people.",
    "Shelling damaged a school in Kherson on Sunday, local officials said.",
    "Nothing about any strike is in this short note on the weather in Lviv.",
]


def _articles(texts=TEXTS) -> list[Article]:
    return [
        Article(
            f"a{i}.txt",
            text,
            dt.date(2025, 3, 4 + i),
            "jsonl",
            f"https://example.org/{i}",
            None,
            f"in.jsonl:{i + 1}",
        )
        for i, text in enumerate(texts)
    ]


@pytest.fixture
def articles() -> list[Article]:
    return _articles()


@pytest.fixture(scope="module")
def fresh() -> list:
    return [ex for _, ex, _ in extract_all(_articles())]


def _flags(articles, cache, **kw) -> list[bool]:
    return [cached for _, _, cached in extract_all(articles, cache=cache, **kw)]


def _entries(cache: Path) -> list[Path]:
    return sorted(p for p in cache.rglob("*.json"))


# -- entries of the wrong shape are misses ---------------------------------------------
WRONG = {
    "empty object": "{}",
    "list": "[]",
    "string": '"reports"',
    "null": "null",
    "truncated": '{"reports": [{"place": "gn:7',
    "not utf-8": b'{"reports": "\xff\xfe"}',
    "deeply nested": "[" * 100_000 + "]" * 100_000,
    "another version": json.dumps(
        {"version": "1", "events": [{"place": "Kharkiv", "date": "2025-03-04"}]}
    ),
    "report of another shape": json.dumps(
        {"reports": [{"place": "gn:706483"}], "outside": [], "ignored": []}
    ),
    "report with bad date": None,  # made from a good entry below
    "unknown place": None,
    "another extractor": None,
    "outside of another shape": None,
}


def _damage(good: dict, how: str) -> str | bytes:
    if WRONG[how] is not None:
        return WRONG[how]
    data = json.loads(json.dumps(good))
    if how == "report with bad date":
        data["reports"][0]["date"] = "2025-13-45"
    elif how == "unknown place":
        data["reports"][0]["place"] = "gn:0"
    elif how == "another extractor":
        data = {k: v for k, v in data.items() if k != "extractor"}
        data["extractor"] = "0" * 64
    elif how == "outside of another shape":
        data["outside"] = [{"place": "Belgorod"}]
    return json.dumps(data)


@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize("how", sorted(WRONG))
def test_entry_of_wrong_shape_is_a_miss_and_is_rewritten(
    articles, fresh, tmp_path, how, jobs
):
    cache = tmp_path / "cache"
    assert _flags(articles[:1], cache) == [False]
    (entry,) = _entries(cache)
    good = json.loads(entry.read_text(encoding="utf-8"))
    assert good["reports"]  # the Kharkiv strike
    bad = _damage(good, how)
    if isinstance(bad, bytes):
        entry.write_bytes(bad)
    else:
        entry.write_text(bad, encoding="utf-8")
    out = list(extract_all(articles, cache=cache, jobs=jobs))
    assert [c for _, _, c in out] == [False] * len(articles)
    assert [ex for _, ex, _ in out] == fresh
    # the entry was overwritten with a good one: now every article is a hit
    assert _flags(articles, cache) == [True] * len(articles)


# -- a full disk -----------------------------------------------------------------------
@pytest.fixture
def full_disk(monkeypatch, tmp_path):
    """Temporary files made under ``tmp_path`` write to /dev/full (ENOSPC)."""
    if not os.path.exists("/dev/full"):
        pytest.skip("needs /dev/full")
    real = tempfile.mkstemp
    made = []

    def mkstemp(suffix=None, prefix=None, dir=None, text=False):
        if dir is not None and Path(dir).resolve().is_relative_to(tmp_path.resolve()):
            made.append(1)
            name = Path(dir) / f"{prefix or 'x'}{len(made)}{suffix or ''}"
            return os.open("/dev/full", os.O_WRONLY), str(name)
        return real(suffix, prefix, dir, text)

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    return made


def test_full_disk_really_fails_writes(full_disk, tmp_path):
    fd, _ = tempfile.mkstemp(dir=tmp_path)
    with pytest.raises(OSError) as err:
        os.write(fd, b"x" * 10_000)
        os.fsync(fd)
    os.close(fd)
    assert err.value.errno == errno.ENOSPC


@pytest.mark.parametrize("jobs", [1, 2])
def test_full_cache_disk_goes_on_uncached_with_one_warning(
    full_disk, articles, tmp_path, jobs
):
    folder = tmp_path / "in"
    folder.mkdir()
    for a in articles:
        (folder / a.id).write_text(f"date {a.published}\n\n{a.text}\n", "utf-8")
    warnings: list[str] = []
    got = run([folder], jobs=jobs, cache=tmp_path / "cache", on_warning=warnings.append)
    # the cache did try to write (in this process; with jobs=2 in the workers)
    assert full_disk or jobs > 1
    assert len(warnings) == 1
    assert "cache" in warnings[0] and "No space left" in warnings[0]
    assert not any(a.cached for a in got.articles)
    assert to_geojson(got.features) == to_geojson(run([folder]).features)
    report = got.to_report()
    assert [w["warning"] for w in report["warnings"]] == warnings
    assert not _entries(tmp_path / "cache")
    assert not list((tmp_path / "cache").rglob("*.tmp"))


def test_full_cache_disk_warns_once_without_a_callback(
    full_disk, articles, tmp_path, caplog
):
    out = list(extract_all(articles, cache=tmp_path / "cache"))
    assert len(out) == len(articles)
    assert len([r for r in caplog.records if "cache" in r.getMessage()]) == 1


def test_cache_folder_that_cannot_be_made_goes_on_uncached(articles, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    warnings: list[str] = []
    out = list(
        extract_all(articles, cache=blocker / "cache", on_warning=warnings.append)
    )
    assert [c for _, _, c in out] == [False] * len(articles)
    assert len(warnings) == 1


# -- temporary files left by a killed writer -------------------------------------------
_WRITER = """
import os, signal, sys, time
import geo.engines.cache as c
mode = sys.argv[2]
def replace(src, dst):
    print("ready", flush=True)
    if mode == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    time.sleep(120)
os.replace = replace
c.Cache(sys.argv[1]).put("ab" * 32, {"reports": [], "outside": [], "ignored": []})
"""


def _writer(cache: Path, mode: str) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(cache), mode],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert proc.stdout.readline().strip() == "ready"
    return proc


def _tmps(cache: Path) -> list[Path]:
    return list(cache.rglob("*.tmp"))


def test_tmp_files_of_a_killed_writer_are_cleaned(articles, tmp_path):
    cache = tmp_path / "cache"
    proc = _writer(cache, "kill")
    assert proc.wait() == -9
    assert len(_tmps(cache)) == 1
    _flags(articles[:2], cache)
    assert _tmps(cache) == []


def test_tmp_file_of_a_live_writer_is_kept(articles, tmp_path):
    cache = tmp_path / "cache"
    proc = _writer(cache, "sleep")
    try:
        (tmp,) = _tmps(cache)
        _flags(articles[:2], cache)  # another run on the same cache meanwhile
        assert tmp.exists()
    finally:
        proc.kill()
        proc.wait()
    _flags(articles[:2], cache)
    assert _tmps(cache) == []


def test_very_old_tmp_file_is_cleaned(articles, tmp_path):
    """A temporary file a day old is stale, whoever wrote it (another host)."""
    cache = tmp_path / "cache"
    proc = _writer(cache, "sleep")
    try:
        (tmp,) = _tmps(cache)
        day_ago = tmp.stat().st_mtime - 2 * 86400
        os.utime(tmp, (day_ago, day_ago))
        _flags(articles[:2], cache)
        assert not tmp.exists()
    finally:
        proc.kill()
        proc.wait()


# -- the key follows the extractor's code and data -------------------------------------
_IMPORTED = """
import json, sys
import geo.extract.extractor, geo.engines.codec, geo.engines.cache
print(json.dumps(sorted(
    m.__file__ for name, m in sys.modules.items()
    if name.split(".")[0] in ("geo", "gazetteer") and getattr(m, "__file__", None)
)))
"""


def test_digest_covers_extraction_code_and_rule_data():
    names = {name for name, _ in cache_module._extractor_files()}
    # every module of ours that extraction (and the cache format) runs on
    out = subprocess.run(
        [sys.executable, "-c", _IMPORTED],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout
    imported = {Path(f).resolve().relative_to(ROOT).as_posix() for f in json.loads(out)}
    assert "geo/extract/extractor.py" in imported
    # (importing it imports all of ``geo``; the extraction stages, the
    # language data and the gazetteer are what it runs on; package
    # ``__init__`` files only gather names)
    stages = {
        f
        for f in imported
        if f.startswith(("geo/extract/", "geo/lang/", "gazetteer/"))
        and not (f.endswith("/__init__.py") and not f.startswith("gazetteer/"))
    }
    assert stages <= names
    for expected in (
        "geo/engines/codec.py",
        "geo/engines/cache.py",
        "gazetteer/matcher.py",
        "gazetteer/resolve.py",
        "gazetteer/data/places.tsv.gz",
        "gazetteer/data/names.tsv.gz",
        "gazetteer/data/admin1.geojson",
        "gazetteer/lexicon/aliases.tsv",
        "gazetteer/lexicon/stopnames.tsv",
    ):
        assert expected in names
    # and every rule file: the lexicons and cue lists, wherever they live
    files = {name.rsplit("/", 1)[-1] for name in names}
    assert {"lexicon.json", "discourse.json"} <= files
    # the map, the exports, the summaries and the engines' plumbing do not
    # change what is extracted
    assert not any(n.startswith(("maps/", "geo/tables/")) for n in names)
    assert not {"geo/engines/pipeline.py", "geo/engines/work.py"} & names


@pytest.fixture
def copied_inputs(monkeypatch, tmp_path):
    """The digest's inputs, the lexicon and the extractor's code read from copies."""
    real = cache_module._extractor_files()
    copies = {}
    files = []
    for name, path in real:
        kind = RULE_FILES.get(name.rsplit("/", 1)[-1])
        if kind:
            copy = tmp_path / "copies" / name
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.write_bytes(path.read_bytes())
            copies[kind] = copy
            path = copy
        files.append((name, path))
    calls = []

    def listing():
        calls.append(1)
        return files

    monkeypatch.setattr(cache_module, "_extractor_files", listing)
    cache_module.extractor_digest.cache_clear()
    yield copies, calls
    cache_module.extractor_digest.cache_clear()


#: Files whose change must invalidate the cache, by name: data and code.
RULE_FILES = {"lexicon.json": "lexicon", "extractor.py": "code"}


@pytest.mark.parametrize("name", sorted(RULE_FILES.values()))
def test_changed_rule_byte_invalidates_the_cache(
    articles, tmp_path, copied_inputs, name
):
    copies, _ = copied_inputs
    assert set(copies) == set(RULE_FILES.values())
    cache = tmp_path / "cache"
    assert _flags(articles, cache) == [False] * len(articles)
    assert _flags(articles, cache) == [True] * len(articles)
    data = bytearray(copies[name].read_bytes())
    data[len(data) // 2] ^= 0x20
    copies[name].write_bytes(bytes(data))
    cache_module.extractor_digest.cache_clear()
    assert _flags(articles, cache) == [False] * len(articles)


def test_digest_is_computed_once_per_process(articles, tmp_path, copied_inputs):
    _, calls = copied_inputs
    for _ in range(3):
        _flags(articles, tmp_path / "cache")
    assert len(calls) == 1


def test_extractor_version_is_gone():
    assert not hasattr(cache_module, "EXTRACTOR_VERSION")


# -- lone surrogates -------------------------------------------------------------------
def test_lone_surrogates_in_id_and_text_are_cached(tmp_path):
    articles = _articles(
        [
            "A drone hit a warehouse in Kharkiv \ud800 overnight, the mayor said.",
            "Missiles struck Odesa port \udfff on Monday, injuring three workers.",
        ]
    )
    articles = [dataclasses.replace(a, id=a.id + "\udc80") for a in articles]
    assert cache_module.cache_key(articles[0]) != cache_module.cache_key(articles[1])
    first = list(extract_all(articles, cache=tmp_path))
    assert any(ex.reports for _, ex, _ in first)
    again = list(extract_all(articles, cache=tmp_path))
    assert [c for _, _, c in again] == [True, True]
    assert [ex for _, ex, _ in again] == [ex for _, ex, _ in first]


def test_cache_is_shared_across_copies_of_the_folder(articles, tmp_path):
    """Entries are plain files: a copied cache folder still serves."""
    cache = tmp_path / "cache"
    _flags(articles, cache)
    shutil.copytree(cache, tmp_path / "copy")
    assert _flags(articles, tmp_path / "copy") == [True] * len(articles)


class _SyncClient:
    """A stand-in for ``distributed.Client`` that runs each task at once, here."""

    class _Done:
        def __init__(self, value):
            self.value = value

        def result(self):
            return self.value

        def release(self):
            pass

        def cancel(self):
            pass

    def nthreads(self) -> dict:
        return {"w0": 1, "w1": 1}

    def submit(self, fn, *args, pure=True):
        return self._Done(fn(*args))


@pytest.mark.parametrize("engine", ["local1", "local2", "dask"])
def test_full_cache_disk_warns_alike_on_every_engine(
    full_disk, articles, tmp_path, engine
):
    from geo.engines.distributed import run_dask

    folder = tmp_path / "in"
    folder.mkdir()
    for a in articles:
        (folder / a.id).write_text(f"date {a.published}\n\n{a.text}\n", "utf-8")
    warnings: list[str] = []
    cache = tmp_path / "cache"
    if engine == "dask":
        got = run_dask(
            [folder],
            scheduler=_SyncClient(),
            cache=cache,
            partition_size=1,
            on_warning=warnings.append,
        )
    else:
        jobs = int(engine[-1])
        got = run([folder], jobs=jobs, cache=cache, on_warning=warnings.append)
    assert len(warnings) == 1 and "No space left" in warnings[0]
    assert got.warnings == warnings
    assert [w["warning"] for w in got.to_report()["warnings"]] == warnings
    assert not _entries(cache)
