"""geo.ingest.documents: one document to one Article (markup, names, dates)."""

from __future__ import annotations

import datetime as dt

import pytest

from gazetteer.exc import InputError
from geo.ingest import documents
from geo.ingest.documents import KINDS, parse_document, read_document, read_markup
from geo.ingest.records import Article, Markup

D = dt.date


def doc(raw: str, **kw) -> Article:
    kw.setdefault("id", "a")
    kw.setdefault("source", "src")
    return parse_document(raw, **kw)


# --------------------------------------------------------------------------
# read_markup
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("text", Markup("# Head\n<p>x</p>")),
        ("markdown", Markup("Head\nx", "Head")),  # inline tags dropped
        ("html", Markup("# Head\nx")),
    ],
)  # fmt: skip
def test_read_markup_by_kind(kind, expected):
    assert read_markup("# Head\n<p>x</p>", kind) == expected


def test_read_markup_unknown_kind():
    with pytest.raises(ValueError, match="unknown document kind 'pdf'"):
        read_markup("x", "pdf")
    assert KINDS == ("text", "markdown", "html")


# --------------------------------------------------------------------------
# Which rule dates a document
# --------------------------------------------------------------------------

DATELINE = "Head\nPublished 4 March 2026\nBody."
HTML_META = (
    '<meta name="date" content="2026-03-02"><p>Published 4 March 2026</p><p>B</p>'
)


@pytest.mark.parametrize(
    ("raw", "kw", "published", "rule"),
    [
        (DATELINE, {"date": "2026-03-01"}, D(2026, 3, 1), "jsonl"),
        (DATELINE, {"date": D(2026, 3, 1)}, D(2026, 3, 1), "jsonl"),
        (HTML_META, {"kind": "html"}, D(2026, 3, 2), "header"),
        ("date 2026-03-03\n" + DATELINE, {}, D(2026, 3, 3), "header"),
        (DATELINE, {"default_date": D(2026, 3, 5)}, D(2026, 3, 4), "published-line"),
        ("Undated.", {"default_date": D(2026, 3, 5)}, D(2026, 3, 5), "option"),
        ("Undated.", {}, None, "none"),
    ],
)
def test_date_rules_in_order(raw, kw, published, rule):
    a = doc(raw, **kw)
    assert (a.published, a.date_source, a.warnings) == (published, rule, ())


def test_unreadable_metadata_dates_give_way():
    html = '<meta name="date" content="soon"><p>Published 4 March 2026</p><p>B</p>'
    assert doc(html, kind="html").date_source == "published-line"


def test_each_rule_out_of_range_is_passed_over_with_a_warning():
    raw = "date 1850-01-02\nPublished 4 March 2250\nBody."
    a = doc(raw, date="0001-01-01", default_date=D(2026, 1, 1))
    assert (a.published, a.date_source) == (D(2026, 1, 1), "option")
    assert a.warnings == (
        "publication date 0001-01-01 (jsonl) outside 1900..2100: ignored",
        "publication date 1850-01-02 (header) outside 1900..2100: ignored",
        "publication date 2250-03-04 (published-line) outside 1900..2100: ignored",
    )


def test_default_date_out_of_range_is_not_used():
    a = doc("Undated.", default_date=D(1800, 1, 1))
    assert (a.published, a.date_source) == (None, "none")
    assert a.warnings == (
        "publication date 1800-01-01 (option) outside 1900..2100: ignored",
    )


@pytest.mark.parametrize("bad", ["yesterday", "2026-02-30", "2026-02-03Tnoon"])
def test_bad_given_date(bad):
    with pytest.raises(InputError) as err:
        doc("Text.", date=bad)
    assert (err.value.source, err.value.reason) == ("src", f"bad date {bad!r}")


def test_no_text_is_reported_before_a_bad_date():
    with pytest.raises(InputError, match="empty"):
        doc("   ", date="bad")


# --------------------------------------------------------------------------
# Names, text, what the caller gives
# --------------------------------------------------------------------------


def test_given_url_and_title_win_over_the_document():
    html = "<title>Page</title><link rel=canonical href=https://p><p>x</p>"
    a = doc(html, kind="html", url="https://given", title="Given")
    assert (a.url, a.title) == ("https://given", "Given")
    a = doc(html, kind="html", url="", title="")
    assert (a.url, a.title) == ("https://p", "Page")


def test_surrogates_and_unprintable_ids_are_cleaned_with_notes():
    a = doc(
        "Text \ud800.",
        id="x\n\udcff",
        source="s\x00",
        title="T\udfff",
        warnings=["decoded as KOI8-U (not UTF-8)"],
    )
    assert a.text == "Text \ufffd."
    assert a.title == "T\ufffd"
    assert a.id == "x\\n\ufffd"  # U+FFFD is printable
    assert a.source == "s\\x00"
    assert a.warnings == (
        "decoded as KOI8-U (not UTF-8)",
        "lone surrogates replaced with U+FFFD in id, text, title",
        f"id has characters that are not printable: read as {a.id!r}",
    )


@pytest.mark.parametrize(
    ("raw", "kind", "reason"),
    [
        ("", "text", "empty"),
        (" \n\t", "text", "empty"),
        ("date 2026-01-01", "text", "no text"),
        ("<script>x()</script>", "html", "no text"),
        ("---\ntitle: T\n---\n", "markdown", "no text"),
    ],
)
def test_no_text(raw, kind, reason):
    with pytest.raises(InputError) as err:
        doc(raw, kind=kind)
    assert err.value.reason == reason


def test_line_ends_and_byte_order_mark():
    assert doc("\ufeffa\r\nb\rc").text == "a\nb\nc"


# --------------------------------------------------------------------------
# read_document
# --------------------------------------------------------------------------


def test_read_document_notes_a_legacy_encoding(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("Удари по Харкову вночі, є поранені.".encode("cp1251"))
    a = read_document(path, id="a.txt", source="a", kind="text")
    assert a.text.startswith("Удари") and a.warnings == (
        "decoded as windows-1251 (not UTF-8)",
    )


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b" \n ", "empty file"),
        (b"\x00\x01binary", "binary file (NUL bytes)"),
        (b"x" * 101, "file too large (0 MB > 0 MB)"),
    ],
)
def test_read_document_refuses(tmp_path, monkeypatch, data, reason):
    monkeypatch.setattr(documents, "MAX_FILE_BYTES", 100)
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    with pytest.raises(InputError) as err:
        read_document(path, id="a.txt", source="a", kind="text")
    assert (err.value.source, err.value.reason) == ("a", reason)


def test_read_document_missing(tmp_path):
    with pytest.raises(InputError, match="cannot read: No such file"):
        read_document(tmp_path / "gone.txt", id="g", source="g", kind="text")


def test_a_month_word_matched_only_case_insensitively_does_not_stop_reading():
    """A long s ("Auguſt") matches "s" under re.IGNORECASE: it raised KeyError."""
    page = '<meta name="date" content="Augu\u017ft 3, 2026"><p>Body.</p>'
    assert doc(page, kind="html").published == D(2026, 8, 3)
