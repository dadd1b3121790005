"""strikemap's user cache folder and its atomic writes (gazetteer.usercache)."""

from pathlib import Path

import pytest

from gazetteer import usercache


@pytest.mark.parametrize("value", ["0", "off", " No ", "FALSE"])
def test_a_switch_turns_the_folder_off(monkeypatch, tmp_path, value):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv("SOME_CACHE", value)
    assert usercache.folder("SOME_CACHE") is None


def test_the_folder_is_under_xdg_cache_home_else_home(monkeypatch, tmp_path):
    monkeypatch.delenv("SOME_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert usercache.folder("SOME_CACHE") == tmp_path / "strikemap"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert usercache.folder("SOME_CACHE") == tmp_path / "home" / ".cache" / "strikemap"


def test_a_write_replaces_the_file_whole(tmp_path):
    path = tmp_path / "deep" / "file.bin"
    usercache.write_atomic(path, [b"old"])
    usercache.write_atomic(path, [b"new ", b"content"])
    assert path.read_bytes() == b"new content"
    assert [p.name for p in path.parent.iterdir()] == ["file.bin"]


def test_a_failed_write_leaves_the_file_and_no_temporary(tmp_path):
    path = tmp_path / "file.bin"
    usercache.write_atomic(path, [b"kept"])

    def chunks():
        yield b"half"
        raise OSError("disk full")

    with pytest.raises(OSError):
        usercache.write_atomic(path, chunks())
    assert path.read_bytes() == b"kept"
    assert [p.name for p in tmp_path.iterdir()] == ["file.bin"]


def test_an_unmakeable_folder_raises(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(OSError):
        usercache.write_atomic(Path(blocker) / "x.bin", [b"x"])


def test_a_tagged_file_names_what_it_depends_on(monkeypatch, tmp_path):
    monkeypatch.delenv("SOME_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    a = usercache.tagged_file("SOME_CACHE", "regex", 1, "3.11.7")
    assert a == usercache.tagged_file("SOME_CACHE", "regex", 1, "3.11.7")
    assert a.parent == tmp_path / "strikemap" and a.name.startswith("regex-")
    assert a.suffix == ".bin" and len(a.stem) == len("regex-") + 16
    # another dependency, another file; the switch turns it off
    assert a != usercache.tagged_file("SOME_CACHE", "regex", 2, "3.11.7")
    monkeypatch.setenv("SOME_CACHE", "0")
    assert usercache.tagged_file("SOME_CACHE", "regex", 1, "3.11.7") is None
