"""Hostile input for the reader (geo.ingest): property-based and growth tests.

Whatever bytes, JSON Lines records, Markdown or HTML come in, no exception
escapes the reader: every input yields an article or a one-line skip, and what
it yields is printable UTF-8 (ids, sources, reasons, warnings).  The time to
read Markdown and HTML grows linearly with the size of adversarial input.
"""

from __future__ import annotations

import gc
import json
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gazetteer.exc import InputError
from geo.ingest import (
    Article,
    Skipped,
    html_to_text,
    parse_document,
    read_articles,
)

FUZZ = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,  # the same examples every run: a failure reproduces
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def _clean_line(s: str) -> None:
    s.encode("utf-8")  # no lone surrogate: any writer takes it
    assert s.isprintable(), repr(s)  # one line, no control characters


def _check(found: list[Article], skipped: list[Skipped]) -> None:
    for a in found:
        _clean_line(a.id)
        _clean_line(a.source)
        a.text.encode("utf-8")
        assert a.text.strip()
        for w in a.warnings:
            _clean_line(w)
        for field in (a.url, a.title):
            if field is not None:
                field.encode("utf-8")
    for s in skipped:
        _clean_line(s.source)
        _clean_line(s.reason)
    ids = [a.id for a in found]
    assert len(ids) == len(set(ids))


# -- strategies -----------------------------------------------------------------------
ANY_TEXT = st.text(
    alphabet=st.characters(exclude_categories=()), max_size=200
)  # lone surrogates included
HTML_PIECES = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<head>",
        "</head>",
        "<body>",
        "<title>",
        "</title>",
        "<script>",
        "</script>",
        "<style>",
        "<nav>",
        "<header>",
        "<article>",
        "<h1>",
        "</h1>",
        "<pre>",
        "<br/>",
        "<!--",
        "-->",
        "<!doctype html>",
        "<![CDATA[",
        "<?",
        "</",
        "<",
        ">",
        "'",
        '"',
        "=",
        "<a href='",
        "<meta name=date content=9000-01-01>",
        "<meta property='article:published_time' content='2026-02-03'>",
        "<time datetime='0001-01-01'>",
        '<script type="application/ld+json">{"datePublished": "9999-12-31"}',
        "&amp;",
        "&#",
        "&#x110000;",
        "&",
        "Drones hit Sumy overnight.",
        "Published 3 February 9000",
        " ",
        "\n",
    ]
)
MD_PIECES = st.sampled_from(
    list("*_[]()!<>#`~-+\\ \n\t:.|")
    + [
        "**",
        "__",
        "~~",
        "```",
        "---\n",
        "# ",
        "> ",
        "- ",
        "1. ",
        "[a](",
        "](",
        "<http://",
        "date: 9999-12-31\n",
        "Drones hit Sumy",
        "x",
    ]
)
HTML = st.one_of(st.lists(HTML_PIECES, max_size=40).map("".join), ANY_TEXT)
MARKDOWN = st.one_of(st.lists(MD_PIECES, max_size=40).map("".join), ANY_TEXT)
DOC_BYTES = st.one_of(
    st.binary(max_size=600),
    ANY_TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")),
    ANY_TEXT.map(lambda t: t.encode("cp1251", "ignore")),
    ANY_TEXT.map(lambda t: t.encode("cp1252", "ignore")),
    HTML.map(lambda t: t.encode("utf-8", "surrogatepass")),
    MARKDOWN.map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.binary(max_size=300).map(lambda b: b.replace(b"\x00", b"") + b"\xff" * 40),
)
JSON_VALUE = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | ANY_TEXT,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)
DATE = st.one_of(
    st.dates().map(lambda d: d.isoformat()),
    st.sampled_from(["9999-12-31", "0001-01-01", "2026-02-30", "2026-02-03T25:00"]),
    ANY_TEXT,
    JSON_VALUE,
)
RECORD = st.fixed_dictionaries(
    {},
    optional={
        "id": st.one_of(ANY_TEXT, JSON_VALUE, st.sampled_from(["dup", "dup#2"])),
        "text": st.one_of(ANY_TEXT, HTML, MARKDOWN, JSON_VALUE),
        "date": DATE,
        "url": st.one_of(ANY_TEXT, JSON_VALUE),
        "title": st.one_of(ANY_TEXT, JSON_VALUE),
        "format": st.one_of(
            st.sampled_from(["text", "markdown", "html", "pdf"]), JSON_VALUE
        ),
    },
)
LINE = st.one_of(
    RECORD.map(json.dumps),  # lone surrogates travel as "\ud800" escapes
    JSON_VALUE.map(json.dumps),
    st.binary(max_size=200).map(lambda b: b.replace(b"\n", b" ")),
)


# -- properties -----------------------------------------------------------------------
@FUZZ
@given(
    files=st.lists(
        st.tuples(
            st.sampled_from([".txt", ".html", ".htm", ".md", ".markdown"]), DOC_BYTES
        ),
        min_size=1,
        max_size=4,
    )
)
def test_random_files_give_an_article_or_a_skip_each(workdir, files):
    folder = Path(tempfile.mkdtemp(dir=workdir))
    paths = []
    for i, (suffix, data) in enumerate(files):
        path = folder / f"{i:02d}{suffix}"
        path.write_bytes(data)
        paths.append(str(path))
    found, skipped = read_articles([folder])
    _check(found, skipped)
    assert sorted([a.source for a in found] + [s.source for s in skipped]) == paths


@FUZZ
@given(lines=st.lists(LINE, min_size=1, max_size=8))
def test_random_jsonl_records_give_an_article_or_a_skip_each(workdir, lines):
    path = Path(tempfile.mkstemp(dir=workdir, suffix=".jsonl")[1])
    path.write_bytes(
        b"\n".join(ln if isinstance(ln, bytes) else ln.encode() for ln in lines)
    )
    found, skipped = read_articles([path])
    _check(found, skipped)
    numbers = [int(x.source.rsplit(":", 1)[1]) for x in [*found, *skipped]]
    assert len(numbers) == len(set(numbers)) and set(numbers) <= set(
        range(1, len(lines) + 1)
    )
    # every JSON line is accounted for (only blank raw lines may give nothing)
    for n, line in enumerate(lines, start=1):
        if isinstance(line, str):
            assert n in numbers


@FUZZ
@given(
    raw=st.one_of(HTML, MARKDOWN, ANY_TEXT),
    kind=st.sampled_from(["text", "markdown", "html"]),
)
def test_random_documents_parse_or_fail_with_a_reason(raw, kind):
    try:
        a = parse_document(raw, id=raw[:20], source=raw[-20:], kind=kind)
    except InputError as exc:
        assert exc.reason in ("no text", "empty")
        return
    _check([a], [])


# -- growth ---------------------------------------------------------------------------
def _cost(fn: Callable[[str], object], text: str) -> float:
    """Least CPU time of three runs (the collector off: it adds noise)."""
    best = float("inf")
    for _ in range(3):
        gc.disable()
        try:
            start = time.process_time()
            fn(text)
            best = min(best, time.process_time() - start)
        finally:
            gc.enable()
    return best


def _growth(fn: Callable[[str], object], make: Callable[[int], str], n: int) -> float:
    """How much longer ``fn`` takes on input 4 times larger: ~4 when linear.

    Quadratic work gives ~16.  Measured up to three times, keeping the
    smallest ratio, so a busy machine does not fail a linear reader.
    """
    ratios = []
    for _ in range(3):
        small, large = _cost(fn, make(n)), _cost(fn, make(4 * n))
        ratios.append(large / max(small, 1e-6))
        if ratios[-1] < 8:
            break
    return min(ratios)


N = 20_000  # characters: the old rules took seconds here, minutes at 4 N


def _repeat(unit: str, prefix: str = "") -> Callable[[int], str]:
    return lambda n: prefix + unit * (n // len(unit))


MARKDOWN_ATTACKS = {
    "strong": _repeat("**x "),
    "emphasis": _repeat("*x "),
    "underscores": _repeat("_x "),
    "strike": _repeat("~~x "),
    "brackets": _repeat("["),
    "links": _repeat("[a]("),
    "images": _repeat("!["),
    "tags": _repeat("<a"),
    "autolinks": _repeat("<http://"),
    "heading blanks": lambda n: "# " + " " * n + "x",
    "heading marks": lambda n: "# x" + " #" * (n // 2) + " y",
    "nested headings": _repeat("# "),
    "link lines": _repeat("[a\n"),
    "rules": _repeat("- "),
}
HTML_ATTACKS = {
    "open tags": _repeat("<a "),
    "tag starts": _repeat("<a"),
    "comments": _repeat("<!--"),
    "quotes": _repeat("<a b='"),
    "attributes": _repeat('<a href="x" '),
    "lone brackets": _repeat("< "),
    "end tags": _repeat("</"),
    "entities": _repeat("&x"),
    "head": _repeat("<head><p>"),
    "nesting": _repeat("<p><b><i>"),
}


@pytest.mark.parametrize("name", sorted(MARKDOWN_ATTACKS))
def test_markdown_time_is_linear(name):
    def read(text: str) -> object:
        try:
            return parse_document(text, id="x", source="x", kind="markdown")
        except InputError:  # all markup, no text: read all the same
            return None

    assert _growth(read, MARKDOWN_ATTACKS[name], N) < 8


@pytest.mark.parametrize("name", sorted(HTML_ATTACKS))
def test_html_time_is_linear(name):
    assert _growth(html_to_text, HTML_ATTACKS[name], N) < 8
