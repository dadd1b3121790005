"""geo.ingest end to end: reading files, folders and JSON Lines into articles.

The unit tests of each module are in tests/test_ingest_<module>.py.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import logging
import os
import sys
from pathlib import Path

import pytest

from gazetteer.exc import InputError
from geo.ingest import (
    Article,
    PublicationDate,
    Skipped,
    decode_bytes,
    documents,
    find_publication_date,
    html_to_text,
    iter_articles,
    jsonl,
    parse_document,
    parse_iso_date,
    read_articles,
    walk,
)

D = dt.date


@pytest.fixture(scope="module")
def folder(data_dir: Path) -> Path:
    return data_dir / "input" / "articles"


def collect(inputs, **kw) -> tuple[list[Article], list[Skipped]]:
    skipped: list[Skipped] = []
    found = list(iter_articles(inputs, on_skip=skipped.append, **kw))
    return found, skipped


# --------------------------------------------------------------------------
# find_publication_date
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected", "rule"),
    [
        (" date 2026-02-03 Strikes hit two cities\nBody.", D(2026, 2, 3), "header"),
        ("date: 2025-12-31T23:10:00Z\nBody.", D(2025, 12, 31), "header"),
        (
            "Headline\nPublished February 3, 2026\nBody.",
            D(2026, 2, 3),
            "published-line",
        ),
        (
            "Headline\nPublished: 3 February 2026\nBody.",
            D(2026, 2, 3),
            "published-line",
        ),
        (
            "Headline\nPublished on 3rd Feb. 2026\nBody.",
            D(2026, 2, 3),
            "published-line",
        ),
        (
            "Head\nPublished on Wednesday, 4 March 2026\nB",
            D(2026, 3, 4),
            "published-line",
        ),
        ("Headline\nPosted Sept 9, 2025\nBody.", D(2025, 9, 9), "published-line"),
        ("Head\nUpdated 2025-07-04 10:32 GMT\nBody.", D(2025, 7, 4), "published-line"),
        (
            "Head\nLast updated: 10:32 GMT, 4 July 2025\nx",
            D(2025, 7, 4),
            "published-line",
        ),
        ("Head\nFeb 3, 2026 10:00 GMT\nBody.\nMore.", D(2026, 2, 3), "published-line"),
        ("Head\nTuesday, 3 February 2026\nA\nB", D(2026, 2, 3), "published-line"),
        ("Head\n2026-02-03T08:00:00+02:00\nA\nB", D(2026, 2, 3), "published-line"),
        ("Head\n03.02.2026 10:15\nA\nB\nC", D(2026, 2, 3), "published-line"),
        ("Head\n13/02/2026\nA\nB\nC", D(2026, 2, 13), "published-line"),
        ("Head\nBy Ann Author | Feb 3, 2026\nBody.", D(2026, 2, 3), "published-line"),
        ("Head\nSite | Published 5 May 2025\nBody.", D(2025, 5, 5), "published-line"),
        # "Published" alone, the date alone on the next line.
        ("Head\nPublished\nMarch 4, 2026\nBody.", D(2026, 3, 4), "published-line"),
        # Published wins over Updated, whatever the order.
        (
            "H\nUpdated 4 Feb 2026\nPublished 3 Feb 2026\nB",
            D(2026, 2, 3),
            "published-line",
        ),
    ],
)
def test_find_publication_date_finds(text, expected, rule):
    assert find_publication_date(text) == PublicationDate(expected, rule)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Headline only, no date at all.",
        # A bare "Published" line with prose after it gives nothing.
        "Head\nPublished\nDrones hit the city overnight, officials said.\nMore.",
        "Head\nPublished 3 hours ago\nBody.",
        "Head\nPublished on February 30, 2026\nBody.",  # no such day
        "Head\n03/02/2026\nA\nB\nC",  # month/day order unknown
        # A date inside a sentence is not a dateline.
        "Head\nThe report, published on February 3, 2026, said so.\nA\nB",
        "Head\nOn 3 February 2026 drones struck the city.\nA\nB",
        # Related-stories dates at the end of a short text.
        "Head\nBody one.\nBody two.\nRelated\nMay 27, 2025\nMay 26, 2025",
        # A dateline below the first lines is not looked at.
        "\n".join([f"Line {i}." for i in range(20)] + ["Published 1 May 2025"]),
        # Not a header: the date does not follow "date".
        "date night ideas 2026-02-03\nBody.",
    ],
)
def test_find_publication_date_none(text):
    assert find_publication_date(text) == PublicationDate(None, "none")


def test_find_publication_date_window_is_fifteen_lines():
    top = [f"Line {i}." for i in range(14)]
    text = "\n".join([*top, "Published 1 May 2025", *top])
    assert find_publication_date(text) == PublicationDate(
        D(2025, 5, 1), "published-line"
    )
    text = "\n".join([*top, "", "Extra.", "Published 1 May 2025", *top])
    assert find_publication_date(text) == PublicationDate(None, "none")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-02-03", D(2026, 2, 3)),
        ("2026-02-03T23:59:59Z", D(2026, 2, 3)),
        ("2026-02-03T01:00:00+03:00", D(2026, 2, 3)),
        ("2026-02-03 10:00", D(2026, 2, 3)),
        (" 2026-02-03.", None),
        ("2026-02-30", None),
        ("03/02/2026", None),
        ("yesterday", None),
        ("2026-02-03Tnoon", None),
        ("", None),
    ],
)
def test_parse_iso_date(value, expected):
    if expected is None:
        with pytest.raises(ValueError):
            parse_iso_date(value)
    else:
        assert parse_iso_date(value) == expected


# --------------------------------------------------------------------------
# parse_document
# --------------------------------------------------------------------------


def test_parse_document_strips_header():
    a = parse_document(
        " date 2026-02-03 Drones hit Sumy\nBody text.", id="x.txt", source="src"
    )
    assert a.text == "Drones hit Sumy\nBody text."
    assert (a.published, a.date_source) == (D(2026, 2, 3), "header")
    assert (a.id, a.source, a.url, a.title) == ("x.txt", "src", None, None)


def test_parse_document_header_with_nothing_after_it_is_empty():
    with pytest.raises(InputError, match="no text"):
        parse_document(" date 2026-02-03 ", id="x", source="x")


@pytest.mark.parametrize("raw", ["", "   \n\t\n"])
def test_parse_document_empty(raw):
    with pytest.raises(InputError, match="empty"):
        parse_document(raw, id="x", source="x")


@pytest.mark.parametrize(
    ("kwargs", "expected", "source"),
    [
        ({}, None, "none"),
        ({"default_date": D(2020, 1, 1)}, D(2020, 1, 1), "option"),
        ({"date": "2025-05-05"}, D(2025, 5, 5), "jsonl"),
        (
            {"date": D(2025, 5, 6), "default_date": D(2020, 1, 1)},
            D(2025, 5, 6),
            "jsonl",
        ),
    ],
)
def test_parse_document_date_sources_undated(kwargs, expected, source):
    a = parse_document("A strike on Kherson.", id="x", source="x", **kwargs)
    assert (a.published, a.date_source) == (expected, source)


@pytest.mark.parametrize(
    ("kwargs", "expected", "source"),
    [
        ({}, D(2026, 1, 2), "published-line"),
        ({"default_date": D(2020, 1, 1)}, D(2026, 1, 2), "published-line"),
        ({"date": "2025-05-05"}, D(2025, 5, 5), "jsonl"),
    ],
)
def test_parse_document_dated_text_beats_option(kwargs, expected, source):
    raw = "Head\nPublished 2 January 2026\nA strike on Kherson."
    a = parse_document(raw, id="x", source="x", **kwargs)
    assert (a.published, a.date_source) == (expected, source)


def test_parse_document_bad_date():
    with pytest.raises(InputError, match="bad date"):
        parse_document("Text.", id="x", source="x", date="2026-13-01")


def test_parse_document_unknown_kind():
    with pytest.raises(ValueError, match="kind"):
        parse_document("Text.", id="x", source="x", kind="pdf")


def test_parse_document_given_url_and_title_win():
    html = (
        '<title>Page title</title><link rel="canonical" href="https://a.example/1">'
        "<p>Body.</p>"
    )
    a = parse_document(
        html, id="x", source="x", kind="html", url="https://b.example", title="Mine"
    )
    assert (a.url, a.title) == ("https://b.example", "Mine")
    a = parse_document(html, id="x", source="x", kind="html")
    assert (a.url, a.title) == ("https://a.example/1", "Page title")


def test_parse_document_normalises_newlines_and_bom():
    a = parse_document("\ufeffLine one.\r\nLine two.\rLine three.", id="x", source="x")
    assert a.text == "Line one.\nLine two.\nLine three."


# --------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------

PAGE = """<html><head><title> Strike  on Sumy </title>
<style>.a { color: red }</style><script>var a = "Lviv";</script></head>
<body><header><nav>Home Kyiv Lviv</nav></header>
<article><header><h1>Strike on Sumy</h1></header>
<p>Drones hit&nbsp;the city &amp; its <b>suburbs</b>
overnight.</p><p>Two were hurt.<br>Officials said so.</p>
<ul><li>first</li><li>second</li></ul>
<table><tr><td>cell a</td><td>cell b</td></tr></table>
</article>
<aside>Related: Odesa</aside><form>Search Poltava</form>
<noscript>Turn on scripts in Kharkiv</noscript><footer>Footer Dnipro</footer>
</body></html>"""


def test_html_to_text_keeps_prose_and_drops_chrome():
    text = html_to_text(PAGE)
    assert text.splitlines() == [
        "Strike on Sumy",
        "Drones hit the city & its suburbs overnight.",
        "Two were hurt.",
        "Officials said so.",
        "first",
        "second",
        "cell a cell b",
    ]


@pytest.mark.parametrize(
    "dropped", ["Lviv", "Odesa", "Poltava", "Kharkiv", "Dnipro", "Home", "color"]
)
def test_html_to_text_drops(dropped):
    assert dropped not in html_to_text(PAGE)


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (
            '<meta property="article:published_time" content="2026-02-03T06:00:00Z">',
            D(2026, 2, 3),
        ),
        ('<meta name="pubdate" content="2026-02-04">', D(2026, 2, 4)),
        ('<meta itemprop="datePublished" content="2026-02-05">', D(2026, 2, 5)),
        (
            '<script type="application/ld+json">{"datePublished": "2026-02-06T10:00"}'
            "</script>",
            D(2026, 2, 6),
        ),
        ('<meta name="date" content="February 7, 2026">', D(2026, 2, 7)),
        ("", D(2026, 2, 8)),  # the article's own <time>
    ],
)
def test_html_dates(head, expected):
    html = (
        f"<html><head>{head}</head><body><aside><time datetime='2020-01-01'>x"
        "</time></aside><article><header><time datetime='2026-02-08T09:00'>"
        "8 Feb</time></header><p>Body.</p></article></body></html>"
    )
    a = parse_document(html, id="x", source="x", kind="html")
    assert (a.published, a.date_source) == (expected, "header")


def test_html_time_in_aside_is_not_a_publication_date():
    html = "<p>Body.</p><aside><time datetime='2020-01-01'>old</time></aside>"
    a = parse_document(html, id="x", source="x", kind="html")
    assert (a.published, a.date_source) == (None, "none")


def test_html_dateline_in_body():
    html = "<h1>Head</h1><p>Published: 3 March 2026</p><p>Body.</p>"
    a = parse_document(html, id="x", source="x", kind="html")
    assert (a.published, a.date_source) == (D(2026, 3, 3), "published-line")


def test_html_only_chrome_has_no_text():
    with pytest.raises(InputError, match="no text"):
        parse_document(
            "<nav>Menu</nav><script>x()</script>", id="x", source="x", kind="html"
        )


def test_html_title_falls_back_to_h1():
    a = parse_document(
        "<h1>The  headline</h1><p>Body.</p>", id="x", source="x", kind="html"
    )
    assert a.title == "The headline"


def test_html_pre_keeps_lines():
    assert html_to_text("<pre>a  b\nc</pre>") == "a b\nc"


# --------------------------------------------------------------------------
# Markdown
# --------------------------------------------------------------------------


def test_markdown_to_text():
    md = (
        "# Big *news* today\n\n"
        "**Drones** hit the _port_ of [Odesa](https://x.example) at 2:00, "
        "said a snake_case_name.\n\n"
        "> Quoted line\n\n"
        "- item one\n"
        "2. item two\n\n"
        "```\ncode line\n```\n"
        "![Damaged pier](pier.jpg)\n\n"
        "---\n"
        "[ref]: https://x.example/ref\n"
    )
    a = parse_document(md, id="x.md", source="x", kind="markdown")
    assert a.title == "Big news today"
    assert a.text.split("\n") == [
        "Big news today",
        "",
        "Drones hit the port of Odesa at 2:00, said a snake_case_name.",
        "",
        "Quoted line",
        "",
        "item one",
        "item two",
        "",
        "code line",
        "",
        "Damaged pier",
    ]


def test_markdown_front_matter():
    md = "---\ntitle: 'Front title'\ndate: 2026-01-05\nurl: https://x.example/a\n---\n"
    md += "# Heading\nBody."
    a = parse_document(md, id="x.md", source="x", kind="markdown")
    assert (a.title, a.url, a.published, a.date_source) == (
        "Front title",
        "https://x.example/a",
        D(2026, 1, 5),
        "header",
    )
    assert "title:" not in a.text


# --------------------------------------------------------------------------
# decode_bytes
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Kyiv – “quoted”".encode(), "Kyiv – “quoted”"),
        ("\ufeffWith a BOM".encode(), "With a BOM"),
        ("Text in UTF-16 with a BOM".encode("utf-16"), "Text in UTF-16 with a BOM"),
        ("Удар по Харкову вночі".encode("cp1251"), "Удар по Харкову вночі"),
        (b"", ""),
    ],
)
def test_decode_bytes(data, expected):
    assert decode_bytes(data) == expected


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"GIF89a\x00\x01\x02\x03binary", "binary file"),
        (b"\x01\x02\x03\x04\x05\x06\x07\x08" * 10, "binary file"),
        (bytes(range(128, 256)) * 4, "not UTF-8 text"),
        (b"\x81\x98\x83 \x8d\x8e\x8f" * 20, "not UTF-8 text"),
    ],
)
def test_decode_bytes_rejects(data, reason):
    with pytest.raises(ValueError, match=reason):
        decode_bytes(data)


# --------------------------------------------------------------------------
# iter_articles: files and folders
# --------------------------------------------------------------------------


def test_folder_order_ids_and_dates(folder):
    found, skipped = collect([folder])
    ids = [a.id for a in found]
    assert ids == [
        "wire-1",
        "wire-2",
        "wire-3",
        "batch.jsonl:9",
        "wire-9",
        "html/kharkiv_update.html",
        "kyiv_overnight.txt",
        "odesa_port.md",
        "undated.txt",
    ]
    by_id = {a.id: a for a in found}
    assert (
        by_id["kyiv_overnight.txt"].published,
        by_id["kyiv_overnight.txt"].date_source,
    ) == (D(2026, 3, 10), "header")
    assert by_id["kyiv_overnight.txt"].text.startswith("Drones and missiles")
    assert (by_id["odesa_port.md"].published, by_id["odesa_port.md"].date_source) == (
        D(2026, 3, 9),
        "header",
    )
    html = by_id["html/kharkiv_update.html"]
    assert (html.published, html.title, html.url) == (
        D(2026, 3, 11),
        "Kharkiv struck again | Example Wire",
        "https://example.org/wire/kharkiv-struck-again",
    )
    assert "Pokrovsk" not in html.text and "Lviv" not in html.text
    assert "Two workers were injured & taken to hospital." in html.text
    assert (by_id["undated.txt"].published, by_id["undated.txt"].date_source) == (
        None,
        "none",
    )
    assert by_id["wire-2"].published == D(2026, 3, 7)
    assert by_id["wire-2"].date_source == "published-line"
    assert by_id["wire-3"].published == D(2026, 3, 7)
    assert by_id["wire-9"].text == "Strikes on Poltava & Lubny."
    # hidden files and folders are not read; a .csv file is listed as skipped
    assert not any("hidden" in a.text or "draft" in a.text for a in found)
    jsonl = f"{folder / 'batch.jsonl'}:"
    assert [s.source.removeprefix(jsonl) for s in skipped] == [
        "5",
        "6",
        "7",
        "8",
        str(folder / "sources.csv"),
    ]
    assert skipped[-1].reason == "unsupported file type .csv"


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("5", "invalid JSON"),
        ("6", "missing 'text'"),
        ("7", "'text' is not a string"),
        ("8", "bad date 'yesterday'"),
    ],
)
def test_jsonl_bad_lines_are_reported(folder, line, reason):
    _, skipped = collect([folder / "batch.jsonl"])
    by_line = {s.source.rsplit(":", 1)[1]: s for s in skipped}
    assert by_line[line].source == f"{folder / 'batch.jsonl'}:{line}"
    assert reason in by_line[line].reason
    assert "\n" not in by_line[line].reason


def test_jsonl_fields(folder):
    found, _ = collect([folder / "batch.jsonl"])
    first = found[0]
    assert first == Article(
        id="wire-1",
        text="A drone hit a substation near Sumy, officials said.",
        published=D(2026, 3, 8),
        date_source="jsonl",
        url="https://example.org/wire-1",
        title="Substation hit near Sumy",
        source=f"{folder / 'batch.jsonl'}:1",
        lang="en",
    )


def test_explicit_file_id_is_its_name(folder):
    found, skipped = collect([folder / "html" / "kharkiv_update.html"])
    assert [a.id for a in found] == ["kharkiv_update.html"] and not skipped


def test_explicit_hidden_file_is_read(folder):
    found, _ = collect([folder / ".hidden_note.txt"])
    assert [a.id for a in found] == [".hidden_note.txt"]


@pytest.mark.parametrize(
    ("name", "reason"),
    [("sources.csv", "unsupported file type .csv"), ("nope.txt", "no such file")],
)
def test_explicit_bad_inputs(folder, name, reason):
    found, skipped = collect([folder / name])
    assert found == []
    assert [s.source for s in skipped] == [str(folder / name)]
    assert reason in skipped[0].reason


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.md", b"  \n\n\t", "empty file"),
        ("nul.txt", b"text\x00with nul bytes", "binary file (NUL bytes)"),
        (
            "garbage.html",
            bytes(range(128, 256)) * 3,
            "not UTF-8 text (no plausible encoding)",
        ),
        ("chrome.html", b"<nav>menu</nav><script>x()</script>", "no text"),
        ("header_only.txt", b" date 2026-01-01 ", "no text"),
    ],
)
def test_bad_files_in_a_folder_are_reported(tmp_path, name, data, reason):
    (tmp_path / name).write_bytes(data)
    (tmp_path / "good.txt").write_text("A drone hit Sumy.", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\x00\x00")
    found, skipped = collect([tmp_path])
    assert [a.id for a in found] == ["good.txt"]
    png = Skipped(str(tmp_path / "image.png"), "unsupported file type .png")
    assert sorted(skipped, key=lambda s: s.source) == sorted(
        [Skipped(str(tmp_path / name), reason), png], key=lambda s: s.source
    )


def test_encodings_in_files(tmp_path):
    (tmp_path / "a.txt").write_bytes("\ufeffUTF-8 with BOM.".encode())
    (tmp_path / "b.txt").write_bytes("Удар по Одесі.".encode("cp1251"))
    (tmp_path / "c.txt").write_bytes("Sixteen bits.".encode("utf-16"))
    found, skipped = collect([tmp_path])
    assert [a.text for a in found] == [
        "UTF-8 with BOM.",
        "Удар по Одесі.",
        "Sixteen bits.",
    ]
    assert skipped == []


def test_unreadable_file(tmp_path, monkeypatch):
    path = tmp_path / "locked.txt"
    path.write_text("Text.", encoding="utf-8")

    def deny(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", deny)
    found, skipped = collect([path])
    assert found == []
    assert skipped == [Skipped(str(path), "cannot read: Permission denied")]


def test_too_large_file(tmp_path, monkeypatch):
    path = tmp_path / "big.txt"
    path.write_text("x" * 2000, encoding="utf-8")
    monkeypatch.setattr(documents, "MAX_FILE_BYTES", 1000)
    found, skipped = collect([path])
    assert found == [] and "too large" in skipped[0].reason


def test_unreadable_folder_is_reported(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text("Text.", encoding="utf-8")

    def deny(path):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(walk.os, "scandir", deny)
    found, skipped = collect([tmp_path])
    assert found == []
    assert skipped == [Skipped(str(tmp_path), "cannot read folder: Permission denied")]


def test_uppercase_suffixes_and_nested_ids(tmp_path):
    (tmp_path / "b" / "c").mkdir(parents=True)
    (tmp_path / "b" / "c" / "Z.TXT").write_text("Zed.", encoding="utf-8")
    (tmp_path / "a.HTM").write_text("<p>Ay.</p>", encoding="utf-8")
    (tmp_path / "b" / "m.markdown").write_text("*Em.*", encoding="utf-8")
    found, _ = collect([tmp_path])
    assert [(a.id, a.text) for a in found] == [
        ("a.HTM", "Ay."),
        ("b/c/Z.TXT", "Zed."),
        ("b/m.markdown", "Em."),
    ]


def test_default_date_applies_only_to_undated(folder):
    found, _ = collect([folder], default_date=D(2000, 1, 1))
    by_id = {a.id: a for a in found}
    assert (by_id["undated.txt"].published, by_id["undated.txt"].date_source) == (
        D(2000, 1, 1),
        "option",
    )
    assert by_id["kyiv_overnight.txt"].date_source == "header"
    assert by_id["wire-1"].date_source == "jsonl"


def test_single_path_string_is_one_input(folder):
    found, _ = collect(str(folder / "kyiv_overnight.txt"))
    assert [a.id for a in found] == ["kyiv_overnight.txt"]


def test_duplicate_ids_are_kept_apart(tmp_path):
    lines = [json.dumps({"id": "same", "text": t}) for t in ("One.", "Two.")]
    (tmp_path / "d.jsonl").write_text("\n".join(lines), encoding="utf-8")
    found, _ = collect([tmp_path / "d.jsonl"])
    assert [(a.id, a.text) for a in found] == [("same", "One."), ("same#2", "Two.")]


# --------------------------------------------------------------------------
# gzip, stdin, logging, streaming
# --------------------------------------------------------------------------


def test_jsonl_gz(tmp_path):
    path = tmp_path / "b.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "g1", "text": "Gzipped article."}) + "\n")
        fh.write("{broken\n")
    found, skipped = collect([path])
    assert [a.id for a in found] == ["g1"]
    assert [s.source for s in skipped] == [f"{path}:2"]


def test_corrupt_gz_is_reported_and_reading_goes_on(tmp_path):
    bad = tmp_path / "bad.jsonl.gz"
    bad.write_bytes(b"this is not gzip data")
    good = tmp_path / "good.txt"
    good.write_text("Still read.", encoding="utf-8")
    found, skipped = collect([bad, good])
    assert [a.id for a in found] == ["good.txt"]
    assert len(skipped) == 1 and skipped[0].source == str(bad)
    assert skipped[0].reason.startswith("cannot read")


def test_truncated_gz_keeps_what_came_before(tmp_path):
    path = tmp_path / "t.jsonl.gz"
    lines = "".join(
        json.dumps({"id": f"n{i}", "text": "x " * 50}) + "\n" for i in range(50)
    )
    data = gzip.compress(lines.encode())
    path.write_bytes(data[: len(data) // 2])
    found, skipped = collect([path])
    assert 0 < len(found) < 50
    assert [s.source for s in skipped] == [str(path)]


def test_stdin(monkeypatch):
    data = (
        json.dumps({"id": "s1", "text": "From stdin.", "date": "2026-01-02"})
        + "\n\nnot json\n"
        + json.dumps({"text": "No id."})
        + "\n"
    ).encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    found, skipped = collect(["-"])
    assert [(a.id, a.source, a.published) for a in found] == [
        ("s1", "<stdin>:1", D(2026, 1, 2)),
        ("<stdin>:4", "<stdin>:4", None),
    ]
    assert [s.source for s in skipped] == ["<stdin>:3"]


def test_skips_are_logged_without_callback(tmp_path, caplog):
    (tmp_path / "empty.txt").write_bytes(b"")
    with caplog.at_level(logging.WARNING, logger="geo.ingest"):
        assert list(iter_articles([tmp_path])) == []
    assert "empty.txt" in caplog.text and "empty file" in caplog.text


def test_streaming_reads_lazily(tmp_path):
    (tmp_path / "a.txt").write_text("First.", encoding="utf-8")
    consumed: list[str] = []

    def inputs():
        for name in ("a.txt", "missing.txt"):
            consumed.append(name)
            yield tmp_path / name

    it = iter_articles(inputs(), on_skip=lambda s: None)
    first = next(it)
    assert first.id == "a.txt" and consumed == ["a.txt"]
    assert list(it) == [] and consumed == ["a.txt", "missing.txt"]


def test_read_articles(folder):
    found, skipped = read_articles([folder / "kyiv_overnight.txt", folder / "x.csv"])
    assert [a.id for a in found] == ["kyiv_overnight.txt"]
    assert [s.reason for s in skipped] == ["no such file or directory"]


# --------------------------------------------------------------------------
# The seeds (third-party text, read in place)
# --------------------------------------------------------------------------


def test_seed_dates_match_the_gold(seeds_dir, gold_path):
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    found, skipped = read_articles([seeds_dir])
    assert skipped == []
    got = {a.id: a.published for a in found}
    expected = {
        k: (D.fromisoformat(v["published"]) if v["published"] else None)
        for k, v in gold["articles"].items()
    }
    assert got == expected
    for a in found:
        assert not a.text.lstrip().lower().startswith("date ")
        assert a.source == str(seeds_dir / a.id)


# --------------------------------------------------------------------------
# Hostile input (issue 10): nothing stops the run, nothing is dropped silently
# --------------------------------------------------------------------------


def _jsonl(path: Path, *records: object) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _one_line_utf8(s: str) -> bool:
    s.encode("utf-8")  # no lone surrogate
    return s.isprintable()


def _assert_clean(found: list[Article], skipped: list[Skipped]) -> None:
    """Everything a writer or a one-line message will see is printable UTF-8."""
    for a in found:
        assert _one_line_utf8(a.id) and _one_line_utf8(a.source)
        a.text.encode("utf-8")
        for w in a.warnings:
            assert _one_line_utf8(w)
    for s in skipped:
        assert _one_line_utf8(s.source) and _one_line_utf8(s.reason)


# -- publication dates outside 1900..2100 ----------------------------------


@pytest.mark.parametrize(
    "value", ["9999-12-31", "0001-01-01", "1899-12-31", "2101-01-01"]
)
def test_jsonl_date_out_of_range_keeps_the_article_undated(tmp_path, value):
    path = _jsonl(
        tmp_path / "d.jsonl",
        {"id": "far", "text": "Drones hit Sumy overnight.", "date": value},
        {"id": "near", "text": "Drones hit Sumy overnight.", "date": "2026-02-03"},
    )
    found, skipped = collect([path])
    assert skipped == []
    far, near = found
    assert (far.id, far.published, far.date_source) == ("far", None, "none")
    assert len(far.warnings) == 1 and value in far.warnings[0]
    assert "1900..2100" in far.warnings[0]
    assert (near.published, near.warnings) == (D(2026, 2, 3), ())


@pytest.mark.parametrize("value", ["1900-01-01", "2100-12-31"])
def test_publication_range_bounds_are_accepted(value):
    a = parse_document("Drones hit Sumy.", id="x", source="x", date=value)
    assert (a.published, a.warnings) == (D.fromisoformat(value), ())


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        ("Headline\nPublished 3 February 9000\nA missile hit Odesa.", "text"),
        (" date 0001-01-01 A missile hit Odesa overnight.", "text"),
        (
            "<html><head><meta name='pubdate' content='9000-02-03'></head>"
            "<body><p>A missile hit Odesa.</p></body></html>",
            "html",
        ),
        ("---\ndate: 9999-12-31\n---\nA missile hit Odesa.", "markdown"),
    ],
)
def test_document_date_out_of_range_is_undated_with_a_warning(raw, kind):
    a = parse_document(raw, id="x", source="x", kind=kind)
    assert (a.published, a.date_source) == (None, "none")
    assert len(a.warnings) == 1 and "outside 1900..2100" in a.warnings[0]


def test_out_of_range_date_gives_way_to_the_next_rule():
    a = parse_document(
        "Headline\nPublished 3 February 2026\nA missile hit Odesa.",
        id="x",
        source="x",
        date="9999-12-31",
    )
    assert (a.published, a.date_source) == (D(2026, 2, 3), "published-line")
    assert "9999-12-31" in a.warnings[0]


def test_default_date_out_of_range_is_not_used():
    a = parse_document("No date here.", id="x", source="x", default_date=D(1, 1, 1))
    assert (a.published, a.date_source) == (None, "none")
    assert "0001-01-01" in a.warnings[0]


# -- lone surrogates, control characters -----------------------------------


def test_jsonl_lone_surrogates_are_replaced_with_a_warning(tmp_path):
    path = tmp_path / "s.jsonl"
    path.write_text(
        '{"id": "z\\ud800", "text": "Drones hit Sumy \\udfff overnight.",'
        ' "title": "T\\ud83d", "url": "https://x.example/\\udc00"}\n'
        '{"id": "ok", "text": "A pair \\ud83d\\ude00 is fine."}\n',
        encoding="utf-8",
    )
    found, skipped = collect([path])
    assert skipped == []
    a, b = found
    assert a.id == "z\ufffd"
    assert a.text == "Drones hit Sumy \ufffd overnight."
    assert (a.title, a.url) == ("T\ufffd", "https://x.example/\ufffd")
    assert len(a.warnings) == 1 and "U+FFFD" in a.warnings[0]
    assert b.text == "A pair \U0001f600 is fine." and b.warnings == ()
    _assert_clean(found, skipped)


def test_jsonl_id_with_control_characters_is_escaped(tmp_path):
    path = _jsonl(tmp_path / "c.jsonl", {"id": "a\nb\x1bc", "text": "Sumy."})
    found, skipped = collect([path])
    assert [a.id for a in found] == ["a\\nb\\x1bc"]
    assert found[0].warnings
    _assert_clean(found, skipped)


# -- file names --------------------------------------------------------------

needs_bytes_names = pytest.mark.skipif(
    sys.platform in ("win32", "darwin"), reason="needs a file system of byte names"
)


@needs_bytes_names
def test_file_name_not_utf8_is_read_with_a_printable_id(tmp_path):
    name = os.fsdecode(b"\xff-strike.txt")
    (tmp_path / name).write_text("Drones hit Sumy.", encoding="utf-8")
    (tmp_path / os.fsdecode(b"\xfe.txt")).write_bytes(b"")
    found, skipped = collect([tmp_path])
    assert [a.id for a in found] == ["\\xff-strike.txt"]
    assert found[0].source == str(tmp_path / "\\xff-strike.txt")
    assert [s.source for s in skipped] == [str(tmp_path / "\\xfe.txt")]
    _assert_clean(found, skipped)
    # named on its own, and as the folder it sits in
    found, skipped = collect([tmp_path / name])
    assert [a.id for a in found] == ["\\xff-strike.txt"]
    _assert_clean(found, skipped)


@needs_bytes_names
def test_folder_name_not_utf8(tmp_path):
    sub = tmp_path / os.fsdecode(b"caf\xe9")
    sub.mkdir()
    (sub / "a.txt").write_text("Drones hit Sumy.", encoding="utf-8")
    found, skipped = collect([tmp_path])
    assert [a.id for a in found] == ["caf\\xe9/a.txt"]
    _assert_clean(found, skipped)


@needs_bytes_names
@pytest.mark.parametrize("name", ["new\nline.txt", "tab\there.txt", "esc\x1b[31m.txt"])
def test_control_characters_in_file_names_are_escaped(tmp_path, name):
    (tmp_path / name).write_text("Drones hit Sumy.", encoding="utf-8")
    (tmp_path / ("empty " + name)).write_bytes(b"")
    found, skipped = collect([tmp_path])
    assert [a.id for a in found] == [name.encode("unicode_escape").decode()]
    assert len(skipped) == 1 and "empty file" == skipped[0].reason
    _assert_clean(found, skipped)


# -- links, special files, unsupported types inside folders ----------------


@needs_bytes_names
def test_symlink_loops_and_dangling_links_are_skipped_and_the_walk_goes_on(tmp_path):
    (tmp_path / "a.txt").write_text("Drones hit Sumy.", encoding="utf-8")
    (tmp_path / "loop.txt").symlink_to("loop.txt")
    (tmp_path / "ping.md").symlink_to("pong.md")
    (tmp_path / "pong.md").symlink_to("ping.md")
    (tmp_path / "gone.html").symlink_to("nowhere.html")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "up").symlink_to("..")
    (sub / "z.txt").write_text("Shelling hit Kherson.", encoding="utf-8")
    (tmp_path / "link.txt").symlink_to("a.txt")
    found, skipped = collect([tmp_path])
    assert [a.id for a in found] == ["a.txt", "link.txt", "sub/z.txt"]
    reasons = {Path(s.source).name: s.reason for s in skipped}
    assert reasons == {
        "gone.html": "dangling symbolic link",
        "loop.txt": "symbolic link loop",
        "ping.md": "symbolic link loop",
        "pong.md": "symbolic link loop",
        "up": "symbolic link to a folder (not followed)",
    }


def test_name_with_a_nul_is_skipped(tmp_path):
    found, skipped = collect([str(tmp_path / "a\x00b.txt")])
    assert found == []
    assert skipped == [
        Skipped(str(tmp_path / "a\\x00b.txt"), "cannot read: embedded null byte")
    ]


def test_explicit_symlink_loop_and_dangling_link(tmp_path):
    (tmp_path / "loop.txt").symlink_to("loop.txt")
    (tmp_path / "gone.txt").symlink_to("nowhere.txt")
    found, skipped = collect([tmp_path / "loop.txt", tmp_path / "gone.txt"])
    assert found == []
    assert [s.reason for s in skipped] == [
        "symbolic link loop",
        "dangling symbolic link",
    ]


def test_unsupported_files_in_folders_are_listed(tmp_path):
    for name in ("report.pdf", "notes.docx", "README", "photo.JPG"):
        (tmp_path / name).write_bytes(b"%PDF-1.7 or other bytes")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x00")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD.txt").write_text("ref", encoding="utf-8")
    found, skipped = collect([tmp_path])
    assert found == []
    assert skipped == [
        Skipped(str(tmp_path / "README"), "unsupported file type (none)"),
        Skipped(str(tmp_path / "notes.docx"), "unsupported file type .docx"),
        Skipped(str(tmp_path / "photo.JPG"), "unsupported file type .JPG"),
        Skipped(str(tmp_path / "report.pdf"), "unsupported file type .pdf"),
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_in_a_folder_is_skipped_not_read(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "a.txt").write_text("Drones hit Sumy.", encoding="utf-8")
    found, skipped = collect([tmp_path])
    assert [a.id for a in found] == ["a.txt"]
    assert skipped == [Skipped(str(tmp_path / "pipe.txt"), "not a regular file (FIFO)")]


def test_deeply_nested_folders(tmp_path):
    deep = tmp_path
    for _ in range(60):
        deep = deep / "d"
    deep.mkdir(parents=True)
    (deep / "a.txt").write_text("Drones hit Sumy.", encoding="utf-8")
    found, _ = collect([tmp_path])
    assert [a.id for a in found] == ["d/" * 60 + "a.txt"]


# -- encodings ---------------------------------------------------------------

UK = (
    "Уночі російські дрони атакували Харків. Пошкоджено житловий будинок і "
    "школу, двоє людей поранені, повідомив голова обласної адміністрації."
)
RU = (
    "Ночью беспилотники атаковали Одессу, повреждены склады в порту и "
    "жилой дом, сообщили местные власти."
)
EN = (
    "A drone hit the café on the main square of Kharkiv – the mayor’s office "
    "said “two people were hurt”. The façade of a school was damaged."
)


@pytest.mark.parametrize(
    ("text", "encoding", "label"),
    [
        (UK, "cp1251", "windows-1251"),
        (RU, "cp1251", "windows-1251"),
        (EN, "cp1252", "windows-1252"),
        ("We met at the Café near the station.", "latin-1", "windows-1252"),
        ("Café", "latin-1", "windows-1252"),
        ("naïve résumé", "latin-1", "windows-1252"),
        ("Удар по Одесі.", "cp1251", "windows-1251"),
        ("Київ", "cp1251", "windows-1251"),
        (UK, "koi8_u", "KOI8-U"),
    ],
)
def test_legacy_encodings_are_decoded_with_a_warning(tmp_path, text, encoding, label):
    (tmp_path / "a.txt").write_bytes(text.encode(encoding))
    found, skipped = collect([tmp_path])
    assert skipped == []
    assert found[0].text == text
    assert found[0].warnings == (f"decoded as {label} (not UTF-8)",)


def test_utf8_gives_no_warning(tmp_path):
    (tmp_path / "a.txt").write_bytes(UK.encode())
    found, _ = collect([tmp_path])
    assert (found[0].text, found[0].warnings) == (UK, ())


@pytest.mark.parametrize("seed", range(4))
def test_random_high_bytes_are_skipped(tmp_path, seed):
    import random

    rng = random.Random(seed)
    data = bytes(rng.randrange(128, 256) for _ in range(4096))
    (tmp_path / "noise.txt").write_bytes(data)
    found, skipped = collect([tmp_path])
    assert found == []
    assert [s.reason for s in skipped] == ["not UTF-8 text (no plausible encoding)"]


# -- HTML5 without </head> ---------------------------------------------------


@pytest.mark.parametrize(
    "html",
    [
        "<!doctype html><html><head><meta charset=utf-8><title>Sumy hit</title>"
        "<body><p>Drones hit Sumy overnight.</p>",
        "<!DOCTYPE html><head><title>Sumy hit</title>\n<p>Drones hit Sumy overnight.",
        "<html><head><title>Sumy hit</title><link rel=stylesheet href=a.css>"
        "<main><h1>Sumy</h1><p>Drones hit Sumy overnight.</p></main>",
    ],
)
def test_html5_without_end_of_head(tmp_path, html):
    (tmp_path / "a.html").write_text(html, encoding="utf-8")
    found, skipped = collect([tmp_path])
    assert skipped == []
    assert "Drones hit Sumy overnight." in found[0].text
    assert found[0].title == "Sumy hit"
    assert "Sumy hit" not in found[0].text


def test_html_head_chrome_is_still_dropped():
    html = (
        "<head><title>T</title><style>p{}</style><script>var x='Lviv'</script>"
        "<body><p>Body.</p>"
    )
    assert html_to_text(html) == "Body."


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>a < b and c > d</p>", "a < b and c > d"),
        ("<p>x</p><!-- a comment <p>hidden</p> -->", "x"),
        ("<p>x</p><!-- never closed <p>hidden</p>", "x"),
        ("<p>x</p><a href='never closed>y</a>", "x"),
        ("<p>one<br/>two</p>", "one\ntwo"),
        ("<p>fish &amp; chips &lt;3 &#x41;&#66;</p>", "fish & chips <3 AB"),
        ("<P CLASS=a>Upper</P>", "Upper"),
        ("<p>x</p><script>if (a < b) { document.write('<p>no</p>') }</script>", "x"),
        ("<![CDATA[ hidden ]]><p>x</p>", "x"),
        ("<?xml version='1.0'?><p>x</p>", "x"),
        ("<head><title>T</title>Text after the head.", "Text after the head."),
        ("<head><title/>Title</title></head><p>Body.</p>", "Body."),
        ("<p>x</p><title/><p>y</p>", "x"),
        ("<p>x</p><p", "x"),
        ("<p>x</p></", "x\n</"),
    ],
)
def test_html_tokenizer_edge_cases(html, text):
    assert html_to_text(html) == text


# -- size of one JSON Lines record -------------------------------------------


def test_jsonl_record_too_large_is_skipped_and_reading_goes_on(tmp_path, monkeypatch):
    monkeypatch.setattr(jsonl, "MAX_RECORD_BYTES", 1000)
    path = _jsonl(
        tmp_path / "big.jsonl",
        {"id": "a", "text": "Drones hit Sumy."},
        {"id": "b", "text": "x " * 1000},
        {"id": "c", "text": "Shelling hit Kherson."},
    )
    found, skipped = collect([path])
    assert [a.id for a in found] == ["a", "c"]
    assert len(skipped) == 1 and skipped[0].source == f"{path}:2"
    assert skipped[0].reason.startswith("record too large")


def test_jsonl_record_at_the_limit_is_read(tmp_path, monkeypatch):
    line = json.dumps({"id": "a", "text": "Drones hit Sumy."})
    monkeypatch.setattr(jsonl, "MAX_RECORD_BYTES", len(line))
    path = _jsonl(tmp_path / "edge.jsonl", line, line.replace('"a"', '"b"'))
    found, skipped = collect([path])
    assert [a.id for a in found] == ["a", "b"] and skipped == []


def test_jsonl_record_too_large_in_gzip_and_stdin(tmp_path, monkeypatch):
    monkeypatch.setattr(jsonl, "MAX_RECORD_BYTES", 1000)
    data = (
        json.dumps({"id": "big", "text": "x" * 5000})
        + "\n"
        + json.dumps({"id": "ok", "text": "Sumy."})
        + "\n"
    ).encode()
    path = tmp_path / "big.jsonl.gz"
    path.write_bytes(gzip.compress(data))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    found, skipped = collect([path, "-"])
    assert [a.id for a in found] == ["ok", "ok#2"]
    assert [s.source for s in skipped] == [f"{path}:1", "<stdin>:1"]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("[" * 100_000, "invalid JSON"),
        ('{"text": "x", "id": ' + "1" * 5000 + "}", "invalid JSON"),
        ('{"text": "x", "date": "' + "9" * 5000 + '"}', "bad date"),
    ],
    ids=["deep", "long-number", "long-date"],
)
def test_jsonl_hostile_lines_are_skipped(tmp_path, line, reason):
    path = _jsonl(tmp_path / "h.jsonl", line, {"id": "ok", "text": "Sumy."})
    found, skipped = collect([path])
    assert [a.id for a in found] == ["ok"]
    assert skipped[0].reason.startswith(reason)
    assert len(skipped[0].reason) < 200


# -- duplicate ids -------------------------------------------------------------


def test_duplicate_ids_are_renamed_with_a_warning(tmp_path):
    path = _jsonl(
        tmp_path / "d.jsonl",
        {"id": "same", "text": "One."},
        {"id": "same", "text": "Two."},
        {"id": "same#2", "text": "Three."},
        {"id": "same", "text": "Four."},
    )
    found, _ = collect([path])
    assert [(a.id, a.text) for a in found] == [
        ("same", "One."),
        ("same#2", "Two."),
        ("same#2#2", "Three."),
        ("same#3", "Four."),
    ]
    assert found[0].warnings == ()
    assert found[1].warnings == ("duplicate id 'same': read as 'same#2'",)


def test_duplicate_ids_across_inputs(tmp_path):
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "x.txt").write_text(f"From {sub}.", encoding="utf-8")
    found, _ = collect([tmp_path / "a" / "x.txt", tmp_path / "b" / "x.txt"])
    assert [a.id for a in found] == ["x.txt", "x.txt#2"]


def test_many_duplicate_ids_stay_linear(tmp_path):
    n = 20_000
    path = tmp_path / "many.jsonl"
    path.write_text(
        "".join(json.dumps({"id": "x", "text": "Sumy."}) + "\n" for _ in range(n)),
        encoding="utf-8",
    )
    found, _ = collect([path])
    assert len({a.id for a in found}) == n and found[-1].id == f"x#{n}"


# -- the Article record ------------------------------------------------------


def test_article_with_warnings_pickles():
    import pickle

    a = parse_document("Drones hit Sumy.", id="x", source="x", date="9999-01-01")
    assert a.warnings
    assert pickle.loads(pickle.dumps(a)) == a
