"""geo.ingest.reader and geo.ingest.names: a run's inputs to articles, ids unique."""

from __future__ import annotations

import datetime as dt
import json
import logging

import pytest

import geo.ingest
from geo.ingest.names import printable, short
from geo.ingest.reader import UniqueIds, iter_articles, read_articles, read_input
from geo.ingest.records import Article, Skipped
from geo.ingest.walk import InputFile

D = dt.date


def art(aid: str, *warnings: str) -> Article:
    return Article(aid, "Text.", None, "none", None, None, "src", warnings)


def test_unique_ids_rename_later_duplicates():
    unique = UniqueIds()
    got = [unique(art(a)) for a in ["x", "x#2", "x", "y", "x", "x#2"]]
    assert [a.id for a in got] == ["x", "x#2", "x#3", "y", "x#4", "x#2#2"]
    assert got[0].warnings == () and got[2].warnings == (
        "duplicate id 'x': read as 'x#3'",
    )


def test_unique_ids_keep_earlier_warnings():
    unique = UniqueIds()
    unique(art("x"))
    assert unique(art("x", "decoded as KOI8-U (not UTF-8)")).warnings == (
        "decoded as KOI8-U (not UTF-8)",
        "duplicate id 'x': read as 'x#2'",
    )


def test_read_input_dispatches_by_kind(tmp_path):
    doc = tmp_path / "a.md"
    doc.write_text("# Title\nBody.", encoding="utf-8")
    feed = tmp_path / "f.jsonl"
    feed.write_text(json.dumps({"text": "One."}) + "\n[]\n", encoding="utf-8")
    empty = tmp_path / "e.txt"
    empty.write_text("", encoding="utf-8")
    (a,) = read_input(InputFile(doc, "a", "a.md", "markdown"))
    assert (a.id, a.title, a.text) == ("a.md", "Title", "Title\nBody.")
    assert [type(x) for x in read_input(InputFile(feed, "f", "f", "jsonl"))] == [
        Article,
        Skipped,
    ]
    assert list(read_input(InputFile(empty, "e", "e.txt", "text"))) == [
        Skipped("e", "empty file")
    ]


def test_iter_articles_reports_skips_and_goes_on(tmp_path):
    (tmp_path / "a.txt").write_text("First.", encoding="utf-8")
    (tmp_path / "b.pdf").write_bytes(b"%PDF")
    (tmp_path / "c.txt").write_text("Second.", encoding="utf-8")
    skipped: list[Skipped] = []
    got = list(iter_articles([tmp_path], on_skip=skipped.append))
    assert [a.id for a in got] == ["a.txt", "c.txt"]
    assert skipped == [Skipped(str(tmp_path / "b.pdf"), "unsupported file type .pdf")]


def test_ids_are_unique_across_inputs(tmp_path):
    (tmp_path / "a.txt").write_text("First.", encoding="utf-8")
    feed = tmp_path / "f.jsonl"
    feed.write_text(json.dumps({"id": "a.txt", "text": "Again."}), encoding="utf-8")
    found, skipped = read_articles([tmp_path / "a.txt", feed])
    assert [a.id for a in found] == ["a.txt", "a.txt#2"] and skipped == []


def test_default_date_reaches_every_reader(tmp_path):
    (tmp_path / "a.txt").write_text("Undated.", encoding="utf-8")
    (tmp_path / "f.jsonl").write_text('{"text": "Undated."}', encoding="utf-8")
    found, _ = read_articles([tmp_path], default_date=D(2026, 1, 2))
    assert [(a.published, a.date_source) for a in found] == [
        (D(2026, 1, 2), "option"),
        (D(2026, 1, 2), "option"),
    ]


def test_skips_are_logged_under_geo_ingest_without_a_callback(tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="geo.ingest"):
        assert list(iter_articles([tmp_path / "gone.txt"])) == []
    (record,) = caplog.records
    assert record.name.startswith("geo.ingest")
    assert record.getMessage() == (
        f"skipped {tmp_path / 'gone.txt'}: no such file or directory"
    )


# What the engines, the extractor, bench/ and tests import from the package.
IMPORTED = """Article Skipped InputFile UniqueIds SUPPORTED_SUFFIXES bounded_lines
decode_bytes find_publication_date html_to_text iter_articles parse_document
parse_iso_date read_articles read_document read_jsonl_line walk_inputs""".split()


def test_the_package_exports_what_importers_use():
    assert set(IMPORTED) <= set(geo.ingest.__all__)
    assert all(hasattr(geo.ingest, name) for name in geo.ingest.__all__)
    assert geo.ingest.iter_articles is iter_articles


# --------------------------------------------------------------------------
# names
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("plain/path.txt", "plain/path.txt"),
        ("tab\there", "tab\\there"),
        ("bell\x07", "bell\\x07"),
        ("bad\udcffbyte", "bad\\xffbyte"),  # a file name byte that is not UTF-8
        ("lone\ud800", "lone\\ud800"),
        ("ünïcödé", "ünïcödé"),
    ],
)
def test_printable(name, expected):
    assert printable(name) == expected
    assert printable(name).isprintable()


@pytest.mark.parametrize(
    ("value", "limit", "expected"),
    [
        ("abc", 60, "'abc'"),
        ("x" * 100, 10, "'xxxxxx..."),
        (12, 60, "12"),
        ("a\nb", 60, "'a\\nb'"),
    ],
)
def test_short(value, limit, expected):
    assert short(value, limit) == expected
    assert len(short(value, limit)) <= limit
