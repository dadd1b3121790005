"""geo.ingest.walk: which files are read, in which order, and which are skipped."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from geo.ingest import walk
from geo.ingest.records import Skipped
from geo.ingest.walk import SUPPORTED_SUFFIXES, InputFile, suffix_kind, walk_inputs

needs_links = pytest.mark.skipif(sys.platform == "win32", reason="needs symlinks")


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("a.txt", "text"),
        ("A.TXT", "text"),
        ("notes.md", "markdown"),
        ("notes.Markdown", "markdown"),
        ("page.htm", "html"),
        ("page.html", "html"),
        ("feed.jsonl", "jsonl"),
        ("feed.JSONL.GZ", "jsonl"),
        ("archive.tar.gz", None),
        ("report.pdf", None),
        ("README", None),
        (".txt", None),  # nothing but the ending
        (".jsonl.gz", None),
    ],
)
def test_suffix_kind(name, kind):
    assert suffix_kind(name) == kind


def test_every_supported_suffix_has_a_kind():
    for suffix, kind in SUPPORTED_SUFFIXES.items():
        assert suffix_kind("x" + suffix) == kind


def _tree(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_folder_is_walked_depth_first_sorted_hidden_left_out(tmp_path):
    _tree(
        tmp_path,
        {
            "b.txt": "b",
            "a/z.md": "z",
            "a/b/c.html": "c",
            "a/.draft.txt": "hidden",
            ".git/config.txt": "hidden",
            "c.jsonl": "{}",
        },
    )
    got = list(walk_inputs([tmp_path]))
    assert [(f.id, f.kind) for f in got] == [
        ("a/b/c.html", "html"),
        ("a/z.md", "markdown"),
        ("b.txt", "text"),
        ("c.jsonl", "jsonl"),
    ]
    assert all(isinstance(f, InputFile) for f in got)
    assert got[0].path == tmp_path / "a" / "b" / "c.html"
    assert got[0].source == str(tmp_path / "a" / "b" / "c.html")


def test_a_file_named_on_its_own_is_read_even_hidden(tmp_path):
    path = tmp_path / ".hidden.txt"
    path.write_text("x", encoding="utf-8")
    assert list(walk_inputs(path)) == [
        InputFile(path, str(path), ".hidden.txt", "text")
    ]


def test_stdin_and_missing_and_unsupported_inputs(tmp_path):
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(b"%PDF")
    missing = tmp_path / "gone.txt"
    assert list(walk_inputs(["-", str(missing), pdf])) == [
        InputFile(None, "<stdin>", "<stdin>", "jsonl"),
        Skipped(str(missing), "no such file or directory"),
        Skipped(str(pdf), "unsupported file type .pdf"),
    ]


def test_unsupported_file_without_a_suffix(tmp_path):
    (tmp_path / "README").write_text("x", encoding="utf-8")
    assert list(walk_inputs([tmp_path])) == [
        Skipped(str(tmp_path / "README"), "unsupported file type (none)")
    ]


def test_a_nul_in_a_name_is_skipped():
    assert list(walk_inputs(["bad\0name.txt"])) == [
        Skipped("bad\\x00name.txt", "cannot read: embedded null byte")
    ]


@needs_links
def test_links_in_folders(tmp_path):
    _tree(tmp_path, {"real.txt": "r", "sub/x.txt": "x"})
    os.symlink(tmp_path / "real.txt", tmp_path / "a_link.txt")
    os.symlink(tmp_path / "sub", tmp_path / "b_folder_link")
    os.symlink(tmp_path / "nowhere.txt", tmp_path / "c_dangling.txt")
    os.symlink(tmp_path / "d_loop.txt", tmp_path / "d_loop.txt")

    def file(rel: str) -> InputFile:
        return InputFile(tmp_path / rel, str(tmp_path / rel), rel, "text")

    def skip(rel: str, reason: str) -> Skipped:
        return Skipped(str(tmp_path / rel), reason)

    assert list(walk_inputs([tmp_path])) == [
        file("a_link.txt"),
        skip("b_folder_link", "symbolic link to a folder (not followed)"),
        skip("c_dangling.txt", "dangling symbolic link"),
        skip("d_loop.txt", "symbolic link loop"),
        file("real.txt"),
        file("sub/x.txt"),
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_in_a_folder_is_skipped_but_read_when_named(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert list(walk_inputs([tmp_path])) == [
        Skipped(str(fifo), "not a regular file (FIFO)")
    ]
    assert list(walk_inputs([fifo])) == [InputFile(fifo, str(fifo), "pipe.txt", "text")]


def test_names_are_made_printable(tmp_path):
    (tmp_path / "a\tb.txt").write_text("x", encoding="utf-8")
    (found,) = walk_inputs([tmp_path])
    assert isinstance(found, InputFile)
    assert found.id == "a\\tb.txt" and found.source.endswith("a\\tb.txt")


def test_unreadable_subfolder_is_skipped_and_the_walk_goes_on(tmp_path, monkeypatch):
    _tree(tmp_path, {"a/x.txt": "x", "b.txt": "b"})
    scandir = os.scandir

    def deny_a(path):
        if Path(path).name == "a":
            raise PermissionError(13, "Permission denied")
        return scandir(path)

    monkeypatch.setattr(walk.os, "scandir", deny_a)
    got = list(walk_inputs([tmp_path]))
    assert got == [
        Skipped(str(tmp_path / "a"), "cannot read folder: Permission denied"),
        InputFile(tmp_path / "b.txt", str(tmp_path / "b.txt"), "b.txt", "text"),
    ]


def test_nested_ids_are_posix_paths_under_the_input(tmp_path):
    deep = tmp_path / "d1" / "d2" / "d3"
    deep.mkdir(parents=True)
    (deep / "x.txt").write_text("x", encoding="utf-8")
    assert [f.id for f in walk_inputs([tmp_path / "d1"])] == ["d2/d3/x.txt"]


def test_walking_is_lazy(tmp_path):
    (tmp_path / "a.txt").write_text("a", encoding="utf-8")
    seen: list[str] = []

    def inputs():
        for name in ("a.txt", "b.txt"):
            seen.append(name)
            yield tmp_path / name

    it = walk_inputs(inputs())
    next(it)
    assert seen == ["a.txt"]
