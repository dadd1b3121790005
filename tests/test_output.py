"""geo.tables.output: one writer that never destroys what is at the path; run sets.

The special files (FIFOs, character devices) are made in tmp_path; the real
``/dev/null`` is written only after the same write left a device made in
tmp_path a device.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import socket
import sqlite3
import stat
import threading
import time
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest

import geo.tables.output as output
from gazetteer.exc import OutputError
from geo.tables.export import write_events
from geo.tables.output import (
    OutputSet,
    make_dir,
    open_output,
    output_path,
    target_kind,
    write_bytes,
    write_text,
)
from geo.tables.summary import region_summary, write_summary

TEXT = "h\u00e9llo, \u041a\u0438\u0457\u0432\nline two\n"


@pytest.fixture(scope="module")
def sample(data_dir) -> list[dict]:
    path = data_dir / "events" / "sample.geojson"
    return json.loads(path.read_text(encoding="utf-8"))["features"]


@pytest.fixture(scope="module")
def regions(sample) -> pd.DataFrame:
    return region_summary(sample)


def _open_output(path):
    with open_output(path) as fh:
        fh.write(TEXT)


@pytest.fixture(
    params=[
        "write_text",
        "write_bytes",
        "open_output",
        "events_geojson",
        "events_csv",
        "events_geojsons",
        "regions_csv",
        "regions_md",
    ]
)
def writer(request, sample, regions):
    """One way of writing an output path, every one going through geo.tables.output."""
    return {
        "write_text": lambda p: write_text(p, TEXT),
        "write_bytes": lambda p: write_bytes(p, TEXT.encode("utf-8")),
        "open_output": _open_output,
        "events_geojson": lambda p: write_events(sample, p, "geojson"),
        "events_csv": lambda p: write_events(sample, p, "csv"),
        "events_geojsons": lambda p: write_events(sample, p, "geojsons"),
        "regions_csv": lambda p: write_summary(regions, p, None),
        "regions_md": lambda p: write_summary(regions, None, p),
    }[request.param]


@pytest.fixture
def expected(tmp_path, writer) -> bytes:
    """What the writer puts in a plain new file."""
    ref = tmp_path / "reference" / "out"
    ref.parent.mkdir()
    writer(ref)
    return ref.read_bytes()


class FifoReader:
    """Reads a FIFO in a thread.

    It opens the FIFO through a second (hard-linked) name, so a writer that
    wrongly replaces the path leaves the reader waiting on the real FIFO;
    :meth:`close` then releases it.
    """

    def __init__(self, path: Path):
        os.mkfifo(path)
        self.path = path
        self.spare = path.with_name(path.name + ".spare")
        os.link(path, self.spare)
        self.data: bytes | None = None
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        with open(self.spare, "rb") as fh:
            self.data = fh.read()

    def result(self) -> bytes | None:
        self.thread.join(60)  # a guard against a hang, not a timing
        return self.data

    def close(self) -> None:
        for _ in range(200):
            if not self.thread.is_alive():
                break
            try:  # succeeds once the reader waits in open(): it gets EOF
                os.close(os.open(self.spare, os.O_WRONLY | os.O_NONBLOCK))
            except OSError:
                time.sleep(0.01)
            self.thread.join(0.05)


@pytest.fixture
def fifo(tmp_path):
    reader = FifoReader(tmp_path / "pipe")
    yield reader
    reader.close()


def make_device(path: Path, major: int, minor: int) -> Path:
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(major, minor))
    except (PermissionError, OSError) as exc:
        pytest.skip(f"cannot make a device node here: {exc}")
    return path


def is_device(path: Path, major: int, minor: int) -> bool:
    st = os.lstat(path)
    return stat.S_ISCHR(st.st_mode) and st.st_rdev == os.makedev(major, minor)


def leftovers(folder: Path) -> list[str]:
    return sorted(n for n in os.listdir(folder) if n.startswith("."))


# ---------------------------------------------------------------- one file


def test_fifo_is_streamed_into_and_stays_a_fifo(fifo, writer, expected):
    writer(fifo.path)
    assert stat.S_ISFIFO(os.lstat(fifo.path).st_mode)
    assert fifo.result() == expected


def test_character_device_stays_a_device(tmp_path, writer):
    null = make_device(tmp_path / "null", 1, 3)
    writer(null)
    assert is_device(null, 1, 3)
    assert leftovers(tmp_path) == []


def test_real_dev_null_stays_a_device(tmp_path):
    # the same write on a copy first: a regression fails here, not on /dev/null
    copy = make_device(tmp_path / "null", 1, 3)
    write_text(copy, TEXT)
    assert is_device(copy, 1, 3)
    write_text("/dev/null", TEXT)
    assert is_device(Path("/dev/null"), 1, 3)


def test_full_device_is_a_one_line_error_and_stays_a_device(tmp_path, sample):
    full = make_device(tmp_path / "full", 1, 7)  # what /dev/full is
    for write in (
        lambda: write_text(full, TEXT * 2000),
        lambda: write_events(sample, full),
    ):
        with pytest.raises(OutputError, match="No space left on device") as info:
            write()
        assert "\n" not in str(info.value)
        assert is_device(full, 1, 7)


def test_symlink_is_written_through(tmp_path, writer, expected):
    target = tmp_path / "data" / "real.out"
    target.parent.mkdir()
    target.write_text("old")
    os.chmod(target, 0o640)
    link = tmp_path / "link.out"
    link.symlink_to(os.path.relpath(target, tmp_path))
    writer(link)
    assert link.is_symlink()
    assert os.readlink(link) == os.path.join("data", "real.out")
    assert target.read_bytes() == expected
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert leftovers(tmp_path) == [] and leftovers(target.parent) == []


def test_dangling_symlink_gets_its_target(tmp_path):
    link = tmp_path / "link"
    link.symlink_to("made.txt")
    write_text(link, TEXT)
    assert link.is_symlink()
    assert (tmp_path / "made.txt").read_text(encoding="utf-8") == TEXT


def test_symlink_loop_is_a_one_line_error(tmp_path):
    (tmp_path / "a").symlink_to("b")
    (tmp_path / "b").symlink_to("a")
    with pytest.raises(OutputError, match="cannot write") as info:
        write_text(tmp_path / "a", TEXT)
    assert "\n" not in str(info.value)
    assert (tmp_path / "a").is_symlink() and (tmp_path / "b").is_symlink()


def test_regular_file_is_replaced_whole(tmp_path, writer, expected):
    path = tmp_path / "out"
    path.write_text("old " * 10_000)
    writer(path)
    assert path.read_bytes() == expected
    assert leftovers(tmp_path) == []


def test_failed_write_leaves_the_old_file(tmp_path):
    path = tmp_path / "out.txt"
    path.write_text("old")
    with pytest.raises(RuntimeError), open_output(path) as fh:
        fh.write("half")
        raise RuntimeError("writer broke")
    assert path.read_text() == "old"
    assert leftovers(tmp_path) == []


def test_temporary_is_locked_while_written(tmp_path):
    with open_output(tmp_path / "out.txt") as fh:
        fh.write(TEXT)
        (temp,) = [p for p in tmp_path.iterdir() if p.name.startswith(".out.txt.")]
        fd = os.open(temp, os.O_RDONLY)
        try:
            with pytest.raises(BlockingIOError):
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        finally:
            os.close(fd)
    assert leftovers(tmp_path) == []


def test_full_disk_is_a_one_line_error_and_the_old_file_stays(tmp_path, monkeypatch):
    path = tmp_path / "out.txt"
    path.write_text("old")

    def fsync(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(OutputError, match="No space left on device") as info:
        write_text(path, TEXT)
    assert str(info.value).startswith(f"cannot write {path}")
    assert "\n" not in str(info.value)
    assert path.read_text() == "old"
    assert leftovers(tmp_path) == []


def test_replaced_file_keeps_its_mode_new_file_gets_the_umask(tmp_path):
    old = tmp_path / "old.txt"
    old.write_text("x")
    os.chmod(old, 0o600)
    write_text(old, TEXT)
    assert stat.S_IMODE(old.stat().st_mode) == 0o600
    mask = os.umask(0o022)
    os.umask(mask)
    new = tmp_path / "new.txt"
    write_text(new, TEXT)
    assert stat.S_IMODE(new.stat().st_mode) == 0o666 & ~mask


def age(path: Path, seconds: float = 3600) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_temporaries_left_by_a_killed_run_are_cleaned(tmp_path):
    left = tmp_path / ".out.txt.999999-0badf00d.strikemap-tmp"
    left.write_text("left by a killed run")
    age(left)
    young = tmp_path / ".out.txt.999999-feedf00d.strikemap-tmp"
    young.write_text("just created by another writer")
    held = tmp_path / ".out.txt.999999-5ca1ab1e.strikemap-tmp"
    held.write_text("a live writer holds it")
    age(held)
    other = tmp_path / ".notes.txt.999999-0badf00d.strikemap-tmp"
    other.write_text("beside another output")
    age(other)
    with open(held) as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        write_text(tmp_path / "out.txt", TEXT)
    assert not left.exists()
    assert young.exists() and held.exists() and other.exists()


def test_stdout(capsys):
    write_text("-", TEXT)
    with open_output("-") as fh:
        fh.write("more\n")
    assert capsys.readouterr().out == TEXT + "more\n"


def test_stdout_bytes(capsysbinary):
    write_bytes("-", b"\x00\x01raw")
    assert capsysbinary.readouterr().out == b"\x00\x01raw"


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda p: p.mkdir(), "folder"),
        (lambda p: None, "does not exist"),  # its folder is missing
    ],
)
def test_paths_that_take_nothing(tmp_path, make, reason):
    path = tmp_path / "x"
    make(path)
    target = path if path.exists() else tmp_path / "missing" / "x"
    with pytest.raises(OutputError, match=reason) as info:
        write_text(target, TEXT)
    assert "\n" not in str(info.value)


def test_socket_is_refused(tmp_path):
    path = tmp_path / "sock"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(os.fspath(path))
        with pytest.raises(OutputError, match="socket"):
            write_text(path, TEXT)
        assert stat.S_ISSOCK(os.lstat(path).st_mode)
    finally:
        server.close()


def test_block_device_is_refused(tmp_path):
    disk = tmp_path / "disk"
    try:
        os.mknod(disk, stat.S_IFBLK | 0o600, os.makedev(7, 200))
    except OSError as exc:
        pytest.skip(f"cannot make a device node here: {exc}")
    with pytest.raises(OutputError, match="block device"):
        write_text(disk, TEXT)
    assert stat.S_ISBLK(os.lstat(disk).st_mode)


def test_control_characters_in_names_stay_on_one_line(tmp_path):
    with pytest.raises(OutputError) as info:
        write_text(tmp_path / "no\nsuch" / "x.txt", TEXT)
    assert "\n" not in str(info.value)
    assert "\\n" in str(info.value)


def test_lone_surrogate_is_an_output_error(tmp_path):
    path = tmp_path / "x.txt"
    with pytest.raises(OutputError, match="encoded"):
        write_text(path, "bad \ud800 text")
    assert not path.exists()


@pytest.mark.parametrize(
    ("kind", "expected"),
    [("missing", "missing"), ("file", "file"), ("fifo", "fifo"), ("-", "stdout")],
)
def test_target_kind(tmp_path, kind, expected):
    path = tmp_path / "p"
    if kind == "file":
        path.write_text("x")
    elif kind == "fifo":
        os.mkfifo(path)
    assert target_kind("-" if kind == "-" else path) == expected


# ---------------------------------------------------------------- seekable formats


def test_output_path_is_a_plain_new_path_beside_the_output(tmp_path):
    path = tmp_path / "out.bin"
    path.write_bytes(b"old")
    with output_path(path, what="test data") as staged:
        assert not staged.exists()
        assert staged.parent.parent == tmp_path
        staged.write_bytes(b"new")
        assert path.read_bytes() == b"old"
    assert path.read_bytes() == b"new"
    assert leftovers(tmp_path) == []


def test_output_path_that_wrote_nothing_keeps_the_old_file(tmp_path):
    path = tmp_path / "out.bin"
    path.write_bytes(b"old")
    with pytest.raises(OutputError, match="no test data file was written"):
        with output_path(path, what="test data"):
            pass
    assert path.read_bytes() == b"old"
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("fmt", ["gpkg", "parquet"])
def test_seekable_formats_refuse_a_fifo(fifo, sample, fmt):
    with pytest.raises(OutputError, match="FIFO.*regular") as info:
        write_events(sample, fifo.path, fmt)
    assert "\n" not in str(info.value)
    assert stat.S_ISFIFO(os.lstat(fifo.path).st_mode)


@pytest.mark.parametrize("fmt", ["gpkg", "parquet"])
def test_seekable_formats_refuse_a_device_and_stdout(tmp_path, sample, fmt):
    null = make_device(tmp_path / "null", 1, 3)
    with pytest.raises(OutputError, match="character device"):
        write_events(sample, null, fmt)
    assert is_device(null, 1, 3)
    with pytest.raises(OutputError, match="standard output"):
        write_events(sample, "-", fmt)


@pytest.mark.parametrize("fmt", ["gpkg", "parquet"])
def test_seekable_formats_write_through_a_symlink(tmp_path, sample, fmt):
    target = tmp_path / f"real.{fmt}"
    link = tmp_path / f"link.{fmt}"
    link.symlink_to(target.name)
    write_events(sample, link, fmt)
    assert link.is_symlink()
    back = gpd.read_parquet(target) if fmt == "parquet" else gpd.read_file(target)
    assert len(back) == len(sample)


def test_events_to_stdout(capsys, sample):
    from geo.tables.export import to_geojson

    write_events(sample, "-", "geojson")
    assert capsys.readouterr().out == to_geojson(sample)


# ---------------------------------------------------------------- output folder


def test_make_dir_creates_parents(tmp_path):
    assert make_dir(tmp_path / "a" / "b").is_dir()
    assert make_dir(tmp_path / "a" / "b").is_dir()  # and accepts an existing one


def test_output_folder_under_a_file_is_one_line(tmp_path):
    (tmp_path / "file").write_text("x")
    for maker in (make_dir, OutputSet):
        with pytest.raises(OutputError, match="cannot create output folder") as info:
            with maker(tmp_path / "file" / "out"):
                pass
        assert "\n" not in str(info.value)


def test_output_folder_that_is_a_file_is_one_line(tmp_path):
    (tmp_path / "out").write_text("x")
    with pytest.raises(OutputError, match="a file of that name exists"):
        with OutputSet(tmp_path / "out"):
            pass
    assert (tmp_path / "out").read_text() == "x"


def test_output_folder_on_a_read_only_file_system_is_one_line(tmp_path, monkeypatch):
    def mkdir(self, *args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), os.fspath(self))

    monkeypatch.setattr(Path, "mkdir", mkdir)
    with pytest.raises(OutputError) as info:
        OutputSet(tmp_path / "ro" / "out").open()
    assert str(info.value) == (
        f"cannot create output folder {tmp_path / 'ro' / 'out'}: Read-only file system"
    )


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_output_folder_under_a_read_only_folder_is_one_line(tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    try:
        with pytest.raises(OutputError, match="Permission denied") as info:
            OutputSet(ro / "out").open()
        assert "\n" not in str(info.value)
        with pytest.raises(OutputError, match="Permission denied"):
            OutputSet(ro).open()
    finally:
        ro.chmod(0o700)


def test_staging_folder_that_cannot_be_made_is_one_line(tmp_path, monkeypatch):
    def mkdtemp(*args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(output.tempfile, "mkdtemp", mkdtemp)
    with pytest.raises(OutputError, match="cannot write to output folder .*Read-only"):
        OutputSet(tmp_path / "out").open()


# ---------------------------------------------------------------- output sets


def old_set(outdir: Path) -> dict[str, bytes]:
    """A previous complete set, as a run leaves it."""
    with OutputSet(outdir) as out:
        out.write_text("events.geojson", "old events\n")
        out.write_text("regions.csv", "old regions\n")
        out.write_text("report.json", '{"old": true}\n')
    return {n: (outdir / n).read_bytes() for n in sorted(os.listdir(outdir))}


def contents(outdir: Path) -> dict[str, bytes]:
    return {n: (outdir / n).read_bytes() for n in sorted(os.listdir(outdir))}


def test_set_commits_every_file_with_report_last(tmp_path, sample, regions):
    outdir = tmp_path / "out"
    with OutputSet(outdir) as out:
        out.write_text("report.json", "{}\n")
        write_events(sample, out.path("events.gpkg"), "gpkg")
        write_events(sample, out.path("events.parquet"), "parquet")
        written = write_summary(
            regions, out.path("regions.csv"), out.path("regions.md")
        )
        assert [p.parent for p in written] == [out.stage, out.stage]
        with open(out.path("map.html"), "w") as fh:  # a writer that takes a path
            fh.write("<html></html>\n")
        assert not outdir.joinpath("map.html").exists()  # nothing placed yet
    assert sorted(os.listdir(outdir)) == [
        "events.gpkg",
        "events.parquet",
        "map.html",
        "regions.csv",
        "regions.md",
        "report.json",
    ]
    assert [p.name for p in out.written][-1] == "report.json"
    assert out.written[0] == outdir / "events.gpkg"
    assert len(gpd.read_file(outdir / "events.gpkg")) == len(sample)
    assert len(gpd.read_parquet(outdir / "events.parquet")) == len(sample)
    assert (outdir / "report.json").read_text() == "{}\n"


def test_set_moves_the_old_report_away_first_and_the_new_one_in_last(
    tmp_path, monkeypatch
):
    outdir = tmp_path / "out"
    old_set(outdir)
    moves = []
    real_replace = os.replace

    def replace(src, dst):
        moves.append((Path(src).name, Path(dst).parent.name, Path(dst).name))
        real_replace(src, dst)

    monkeypatch.setattr(output.os, "replace", replace)
    with OutputSet(outdir) as out:
        out.write_text("report.json", "{}\n")
        out.write_text("a.txt", "a\n")
        out.write_text("regions.csv", "r\n")
        moves.clear()
    placed = [m for m in moves if m[1] == "out"]
    assert moves[0][0] == "report.json" and moves[0][1] == ".previous"
    assert [m[2] for m in placed] == ["a.txt", "regions.csv", "report.json"]


def test_full_disk_mid_set_keeps_the_previous_set(tmp_path, monkeypatch, sample):
    outdir = tmp_path / "out"
    before = old_set(outdir)
    with pytest.raises(OutputError) as info:
        with OutputSet(outdir) as out:
            write_events(sample, out.path("events.geojson"))
            out.write_text("regions.csv", "new regions\n")

            def fsync(fd):
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

            monkeypatch.setattr(os, "fsync", fsync)
            out.write_text("report.json", "{}\n")
    message = str(info.value)
    assert "\n" not in message
    assert message == f"cannot write {outdir / 'report.json'}: No space left on device"
    assert contents(outdir) == before  # the previous set, untouched
    assert leftovers(outdir) == []  # and no staging folder


def test_os_error_in_the_block_names_the_output_not_the_stage(tmp_path):
    outdir = tmp_path / "out"
    before = old_set(outdir)
    with pytest.raises(OutputError) as info:
        with OutputSet(outdir) as out:
            path = out.path("map.html")
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), os.fspath(path))
    assert str(info.value) == (
        f"cannot write {outdir / 'map.html'}: No space left on device"
    )
    assert contents(outdir) == before
    assert leftovers(outdir) == []


def test_other_exceptions_abort_the_set_and_pass_through(tmp_path):
    outdir = tmp_path / "out"
    before = old_set(outdir)
    with pytest.raises(KeyError):
        with OutputSet(outdir) as out:
            out.write_text("report.json", "{}\n")
            raise KeyError("bug")
    assert contents(outdir) == before
    assert leftovers(outdir) == []


def test_failure_while_placing_puts_the_previous_files_back(tmp_path, monkeypatch):
    outdir = tmp_path / "out"
    before = old_set(outdir)
    real_replace = os.replace
    calls = []

    def replace(src, dst):
        calls.append(dst)
        if len(calls) == 4:  # report aside, events aside, events in, regions aside
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_replace(src, dst)

    with pytest.raises(OutputError, match="previous files were kept") as info:
        with OutputSet(outdir) as out:
            out.write_text("events.geojson", "new\n")
            out.write_text("regions.csv", "new\n")
            out.write_text("report.json", "{}\n")
            monkeypatch.setattr(output.os, "replace", replace)
    assert "\n" not in str(info.value)
    monkeypatch.undo()
    assert contents(outdir) == before
    assert leftovers(outdir) == []


def test_stale_outputs_of_the_previous_run_are_removed_on_commit(tmp_path):
    outdir = tmp_path / "out"
    old_set(outdir)
    (outdir / "regions_by_week.csv").write_text("old weeks\n")
    (outdir / "notes.txt").write_text("the user's own file\n")
    with OutputSet(outdir, replaces=["regions_by_*.csv", "events.*"]) as out:
        out.write_text("events.csv", "new\n")
        out.write_text("report.json", "{}\n")
    assert sorted(os.listdir(outdir)) == [
        "events.csv",
        "notes.txt",
        "regions.csv",  # not one of the patterns: left
        "report.json",
    ]


def test_stale_outputs_stay_when_the_set_fails(tmp_path):
    outdir = tmp_path / "out"
    before = old_set(outdir)
    with pytest.raises(RuntimeError), OutputSet(outdir, replaces=["*"]) as out:
        out.write_text("report.json", "{}\n")
        raise RuntimeError
    assert contents(outdir) == before


def test_set_writes_through_symlinks_and_into_fifos(tmp_path, fifo):
    outdir = tmp_path / "out"
    outdir.mkdir()
    elsewhere = tmp_path / "kept" / "report.json"
    elsewhere.parent.mkdir()
    elsewhere.write_text("old")
    (outdir / "report.json").symlink_to(elsewhere)
    os.rename(fifo.path, outdir / "map.html")  # the FIFO, under the set's name
    with OutputSet(outdir) as out:
        out.write_text("map.html", "<html></html>\n")
        out.write_text("report.json", "{}\n")
    assert (outdir / "report.json").is_symlink()
    assert elsewhere.read_text() == "{}\n"
    assert stat.S_ISFIFO(os.lstat(outdir / "map.html").st_mode)
    assert fifo.result() == b"<html></html>\n"
    assert leftovers(elsewhere.parent) == []


def test_folder_in_the_way_fails_before_anything_moves(tmp_path):
    outdir = tmp_path / "out"
    before = old_set(outdir)
    (outdir / "map.html").mkdir()
    before["map.html"] = None
    with pytest.raises(OutputError, match="map.html: it is a folder"):
        with OutputSet(outdir) as out:
            out.write_text("map.html", "x")
            out.write_text("report.json", "{}\n")
    assert (outdir / "report.json").read_bytes() == before["report.json"]
    assert leftovers(outdir) == []


def test_staging_folders_of_killed_runs_are_removed(tmp_path):
    outdir = tmp_path / "out"
    killed = outdir / ".strikemap-stage-999999-abcdefgh"
    (killed / "sub").mkdir(parents=True)
    (killed / "report.json").write_text("{}")
    (killed / ".lock").write_text("")
    age(killed / ".lock")
    alive = outdir / ".strikemap-stage-999999-running"
    alive.mkdir()
    (alive / ".lock").write_text("")
    age(alive / ".lock")
    unknown = outdir / ".strikemap-stage-999999-nolock00"  # just being made
    unknown.mkdir()
    with open(alive / ".lock") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        with OutputSet(outdir) as out:
            # the set's own staging folder is locked: another run keeps it
            lock = out.stage / ".lock"
            age(lock)
            fd = os.open(lock, os.O_RDONLY)
            try:
                with pytest.raises(BlockingIOError):
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            finally:
                os.close(fd)
    assert not killed.exists()
    assert alive.exists() and unknown.exists()


def test_seekable_temporaries_are_locked_while_written(tmp_path):
    with output_path(tmp_path / "x.gpkg", what="test") as staged:
        lock = staged.parent / ".lock"
        fd = os.open(lock, os.O_RDONLY)
        try:
            with pytest.raises(BlockingIOError):
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        finally:
            os.close(fd)
        staged.write_bytes(b"x")
    assert leftovers(tmp_path) == []


def test_empty_set_leaves_an_empty_folder(tmp_path):
    with OutputSet(tmp_path / "out") as out:
        pass
    assert out.written == []
    assert os.listdir(tmp_path / "out") == []


@pytest.mark.parametrize("name", ["", ".", "..", "../x", "a/b", ".hidden"])
def test_set_names_are_plain_file_names(tmp_path, name):
    with OutputSet(tmp_path / "out") as out, pytest.raises(ValueError):
        out.path(name)


def test_gpkg_staged_in_a_set_has_real_types(tmp_path, sample):
    with OutputSet(tmp_path / "out") as out:
        write_events(sample, out.path("events.gpkg"), "gpkg")
    with sqlite3.connect(tmp_path / "out" / "events.gpkg") as db:
        types = {r[1]: r[2] for r in db.execute("pragma table_info(events)")}
    assert types["date"] == "DATE"
    assert types["killed"] == "INTEGER"
