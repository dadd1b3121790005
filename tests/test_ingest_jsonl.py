"""geo.ingest.jsonl: bounded lines, one record to one article, files and stdin."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import sys
from pathlib import Path

import pytest

from gazetteer.exc import InputError
from geo.ingest import jsonl
from geo.ingest.jsonl import bounded_lines, read_jsonl_file, read_jsonl_line, read_stdin
from geo.ingest.records import Article, Skipped
from geo.ingest.walk import InputFile

D = dt.date


@pytest.fixture
def small_records(monkeypatch):
    monkeypatch.setattr(jsonl, "MAX_RECORD_BYTES", 10)


@pytest.mark.parametrize("as_text", [False, True])
def test_bounded_lines_give_long_lines_as_their_length(small_records, as_text):
    lines = ["short\n", "x" * 25 + "\n", "0123456789\n", "y" * 11 + "\n", "last"]
    data = "".join(lines)
    stream = io.StringIO(data) if as_text else io.BytesIO(data.encode())
    kept = list(lines) if as_text else [ln.encode() for ln in lines]
    # a line of the limit (ten characters) and its newline is kept
    assert list(bounded_lines(stream)) == [kept[0], 26, kept[2], 12, kept[4]]


def line(record: object) -> bytes:
    return json.dumps(record).encode()


def read(raw: bytes | str | int) -> Article | None:
    return read_jsonl_line(raw, source="f:1", fallback_id="f:1")


@pytest.mark.parametrize(
    ("record", "expected_id"),
    [
        ({"text": "x"}, "f:1"),
        ({"text": "x", "id": ""}, "f:1"),
        ({"text": "x", "id": None}, "f:1"),
        ({"text": "x", "id": "a-1"}, "a-1"),
        ({"text": "x", "id": 7}, "7"),
        ({"text": "x", "id": 7.5}, "7.5"),
        ({"text": "x", "id": True}, "true"),
        ({"text": "x", "id": ["ü", 1]}, '["ü", 1]'),
        ({"text": "x", "id": {"k": "v" * 300}}, json.dumps({"k": "v" * 300})[:200]),
    ],
)
def test_record_ids(record, expected_id):
    article = read(line(record))
    assert article is not None and article.id == expected_id


def test_record_fields():
    record = {
        "id": "r",
        "text": "<p>Drones hit Sumy.</p>",
        "format": "html",
        "date": "2026-02-03T10:00:00Z",
        "url": "https://x.example/r",
        "title": "Sumy",
    }
    assert read(line(record)) == Article(
        id="r",
        text="Drones hit Sumy.",
        published=D(2026, 2, 3),
        date_source="jsonl",
        url="https://x.example/r",
        title="Sumy",
        source="f:1",
        lang="en",
    )


def test_fields_of_the_wrong_type_are_left_out():
    article = read(line({"text": "x", "url": 3, "title": ["t"], "date": ""}))
    assert article is not None
    assert (article.url, article.title, article.date_source) == (None, None, "none")


@pytest.mark.parametrize("raw", [b"", b"\n", b"  \r\n", "\ufeff \n", b"\xef\xbb\xbf\n"])
def test_blank_lines_give_nothing(raw):
    assert read(raw) is None


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (5 * 2**20, "record too large (5.0 MB > 4 MB)"),
        (b"\xff{}", "not UTF-8 text"),
        (b"{", "invalid JSON: Expecting property name enclosed in double quotes"),
        (b"[" * 100_000, "invalid JSON: nested too deeply"),
        (b"1" * 5000, "invalid JSON: 'Exceeds the limit (4300 digits) for integer"),
        (b"[1]", "not a JSON object but list"),
        (line({"id": "x"}), "missing 'text'"),
        (line({"text": 3}), "'text' is not a string but int"),
        (line({"text": "x", "date": 20260203}), "bad date 20260203"),
        (line({"text": "x", "date": "03/02/2026"}), "bad date '03/02/2026'"),
        (line({"text": "x", "format": "pdf"}), "unknown format 'pdf'"),
        (line({"text": "x", "format": 1}), "unknown format 1"),
        (line({"text": " "}), "empty"),
    ],
)
def test_bad_records(raw, reason):
    with pytest.raises(InputError) as err:
        read(raw)
    assert err.value.source == "f:1"
    assert err.value.reason.startswith(reason)


def _write(path: Path, lines: list[bytes]) -> Path:
    data = b"\n".join(lines) + b"\n"
    path.write_bytes(gzip.compress(data) if path.name.endswith(".gz") else data)
    return path


@pytest.mark.parametrize("name", ["feed.jsonl", "feed.jsonl.gz"])
def test_read_jsonl_file(tmp_path, name):
    path = _write(
        tmp_path / name, [line({"text": "One."}), b"oops", line({"text": "Two."})]
    )
    item = InputFile(path, "in/" + name, name, "jsonl")
    got = list(read_jsonl_file(item, D(2026, 1, 1)))
    assert [(a.id, a.source, a.published) for a in got if isinstance(a, Article)] == [
        (f"{name}:1", f"in/{name}:1", D(2026, 1, 1)),
        (f"{name}:3", f"in/{name}:3", D(2026, 1, 1)),
    ]
    assert [s for s in got if isinstance(s, Skipped)] == [
        Skipped(f"in/{name}:2", "invalid JSON: Expecting value (column 1)")
    ]


def test_a_corrupt_gzip_ends_with_a_skip_after_what_was_read(tmp_path):
    path = tmp_path / "c.jsonl.gz"
    path.write_bytes(gzip.compress(line({"text": "One."}) + b"\n" * 5000)[:-12])
    got = list(read_jsonl_file(InputFile(path, "c", "c", "jsonl")))
    assert isinstance(got[0], Article)
    assert isinstance(got[-1], Skipped) and got[-1].reason.startswith("cannot read")


def test_read_stdin(monkeypatch):
    data = line({"text": "From a pipe."}) + b"\n\n" + line({"id": "s", "text": "2"})
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    got = list(read_stdin())
    assert [(a.id, a.source) for a in got if isinstance(a, Article)] == [
        ("<stdin>:1", "<stdin>:1"),
        ("s", "<stdin>:3"),
    ]
