"""The dataclass method cache (gazetteer.classcode): the same classes, faster made."""

import dataclasses
import json
import os
import subprocess
import sys
import types
from pathlib import Path

import pytest

from gazetteer import classcode

ROOT = Path(__file__).resolve().parents[1]

# Every dataclass of strikemap's loaded modules, each generated method's code
# (its bytecode, constants and names) digested: equal digests, equal classes.
_DIGEST = r"""
import dataclasses, hashlib, json, marshal, sys
import geo, geo.extract.extractor
import gazetteer.classcode as cc
out = {}
for name, mod in sorted(sys.modules.items()):
    if name.partition(".")[0] not in cc.PACKAGES:
        continue
    for attr, cls in sorted(vars(mod).items()):
        if not (isinstance(cls, type) and dataclasses.is_dataclass(cls)):
            continue
        if cls.__module__ != name:
            continue
        for meth in ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__",
                     "__delattr__", "__lt__"):
            fn = cls.__dict__.get(meth)
            code = getattr(fn, "__code__", None)
            if code is not None:
                blob = marshal.dumps(code) + repr(fn.__annotations__).encode()
                out[f"{name}.{attr}.{meth}"] = hashlib.sha256(blob).hexdigest()[:16]
session = cc._session
print(json.dumps({"methods": out, "new": bool(session and session.new),
                  "used": len(session.used) if session else 0}))
"""


def _digests(cache: Path, off: bool = False) -> dict:
    cache.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "PYTHONPATH": str(ROOT)}
    env.pop("STRIKEMAP_REGEX_CACHE", None)
    if off:
        env["STRIKEMAP_REGEX_CACHE"] = "0"
    done = subprocess.run(
        [sys.executable, "-c", _DIGEST],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=str(cache),
    )
    return json.loads(done.stdout)


@pytest.fixture
def fresh(monkeypatch, tmp_path):
    """A cache folder of its own and no session of this process."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("STRIKEMAP_REGEX_CACHE", raising=False)
    monkeypatch.setattr(classcode, "_session", None)
    return tmp_path


def test_classes_are_the_same_cold_warm_and_off(tmp_path):
    off = _digests(tmp_path / "off", off=True)
    cold = _digests(tmp_path / "on")
    warm = _digests(tmp_path / "on")
    assert len(off["methods"]) > 100  # the record classes of every package
    assert cold["methods"] == off["methods"]
    assert warm["methods"] == off["methods"]
    assert cold["new"] is False  # written at the end of the import
    assert not list((tmp_path / "off").rglob("classes-*.bin"))
    (stored,) = (tmp_path / "on").rglob("classes-*.bin")
    assert len(classcode._read(stored)) >= cold["used"] > 100


def test_a_warm_start_compiles_no_method(tmp_path, monkeypatch):
    _digests(tmp_path)
    (stored,) = tmp_path.rglob("classes-*.bin")
    before = stored.read_bytes()
    warm = _digests(tmp_path)
    assert warm["used"] > 100 and warm["new"] is False
    assert stored.read_bytes() == before  # nothing new: not written again


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b[:-7],  # cut short
        lambda b: b[:40] + bytes([b[40] ^ 0xFF]) + b[41:],  # a flipped byte
        lambda b: b"not a cache file",
        lambda b: b"",
    ],
    ids=["truncated", "flipped", "foreign", "empty"],
)
def test_a_damaged_file_is_not_believed_and_is_replaced(tmp_path, damage):
    good = _digests(tmp_path)
    (stored,) = tmp_path.rglob("classes-*.bin")
    stored.write_bytes(damage(stored.read_bytes()))
    assert classcode._read(stored) == {}
    again = _digests(tmp_path)
    assert again["methods"] == good["methods"]
    assert len(classcode._read(stored)) > 100  # written afresh


def _make(module: str, field: str):
    """A dataclass made as if in ``module``, as a class statement would."""
    mod = types.ModuleType(module)
    mod.dataclasses = dataclasses
    sys.modules[module] = mod  # dataclasses reads string annotations there
    try:
        exec(
            f"@dataclasses.dataclass(frozen=True)\nclass C:\n    {field}: int\n"
            f"    other: 'str' = 'x'\n",
            vars(mod),
        )
    finally:
        del sys.modules[module]
    return mod.C


def test_only_strikemaps_classes_are_stored(fresh):
    with classcode.remembered_code():
        ours = _make("geo.somewhere", "ours_field")
        theirs = _make("thirdparty.models", "theirs_field")
    assert ours(1) == ours(1) and repr(theirs(2)) == "C(theirs_field=2, other='x')"
    assert not hasattr(dataclasses, "exec")  # dataclasses as it was
    stored = classcode._read(classcode.cache_file())
    assert any("ours_field" in source for source in stored)
    assert not any("theirs_field" in source for source in stored)


@pytest.mark.parametrize("module", ["geo.somewhere", "thirdparty.models"])
def test_annotations_are_evaluated_as_dataclasses_does(fresh, module):
    # this module and classcode postpone no annotations; a caller that does
    # must not make the generated __init__ read its annotations as strings
    plain = _make(module, "n")
    with classcode.remembered_code():
        cached = _make(module, "n")
    assert cached.__init__.__annotations__ == plain.__init__.__annotations__
    assert cached.__init__.__annotations__["n"] is int


def test_nested_uses_read_the_file_once_and_restore_dataclasses(fresh, monkeypatch):
    reads = []
    real = classcode._read
    monkeypatch.setattr(classcode, "_read", lambda p: reads.append(p) or real(p))
    with classcode.remembered_code():
        with classcode.remembered_code():
            _make("geo.a", "first")
        assert dataclasses.exec is classcode._exec  # the outer one is active
        _make("geo.b", "second")
    with classcode.remembered_code():
        _make("geo.c", "third")
    assert len(reads) == 1
    assert not hasattr(dataclasses, "exec")


def test_an_unwritable_cache_folder_fails_nothing(fresh):
    blocker = fresh / "strikemap"
    blocker.write_text("a file where the folder should be")
    with classcode.remembered_code():
        made = _make("geo.somewhere", "n")
    assert made(3).n == 3


def test_off_leaves_dataclasses_alone(fresh, monkeypatch):
    monkeypatch.setenv("STRIKEMAP_REGEX_CACHE", "0")
    with classcode.remembered_code():
        assert not hasattr(dataclasses, "exec")
        _make("geo.somewhere", "n")
    assert classcode.cache_file() is None
    assert not list(fresh.rglob("classes-*.bin"))
