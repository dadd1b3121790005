"""geo.ingest.markdown_text: Markdown to text, front matter, title and dates."""

from __future__ import annotations

import pytest

from geo.ingest.markdown_text import FrontMatter, parse_markdown, split_front_matter
from geo.ingest.records import Markup


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("no front matter", FrontMatter({}, "no front matter")),
        (
            "---\nTitle: \"Quoted\"\ndate: '2026-02-03'\ntitle: second\n---\nBody.",
            FrontMatter({"title": "Quoted", "date": "2026-02-03"}, "Body."),
        ),
        (
            "---\nkey: a: b\n  nested: no\n- item: no\nnokey\n...\nBody.",
            FrontMatter({"key": "a: b"}, "Body."),
        ),
        ("---\ndate: x\n---", FrontMatter({"date": "x"}, "")),
        ("text\n---\ndate: x\n---\n", FrontMatter({}, "text\n---\ndate: x\n---\n")),
        ("---\ndate: never closed\n", FrontMatter({}, "---\ndate: never closed\n")),
    ],
)
def test_split_front_matter(text, expected):
    assert split_front_matter(text) == expected


def test_parse_markdown_states_title_url_and_dates():
    md = (
        "---\ndate: not a date\npublished: 2026-02-03\ncreated: 2026-01-01\n"
        "link: https://x.example/l\nsource: https://x.example/s\n---\n"
        "# The *headline* ##\n\nBody with a [link](https://y.example).\n"
    )
    assert parse_markdown(md) == Markup(
        text="The headline\n\nBody with a link.",
        title="The headline",
        url="https://x.example/l",
        stated_dates=("not a date", "2026-02-03", "2026-01-01"),
    )


@pytest.mark.parametrize(
    ("md", "title"),
    [
        ("---\ntitle: From front\n---\n# Heading\nx", "From front"),
        ("---\ntitle:\n---\n# Heading\nx", "Heading"),
        ("## Second level\nx", None),
        ("#NoSpace\nx", None),
        ("# \nx", None),
    ],
)
def test_title(md, title):
    assert parse_markdown(md).title == title


@pytest.mark.parametrize(
    ("md", "text"),
    [
        ("**bold *and* italic**", "bold and italic"),
        ("snake_case_name stays", "snake_case_name stays"),
        ("a * b * c", "a * b * c"),
        ("~~gone~~ `code` \\[x\\] \\# x", "gone code [x] # x"),
        ("![alt text](pic.png) and [ref][r]", "alt text and ref"),
        ("<https://x.example> <b>bold</b>", "https://x.example bold"),
        ("> quoted\n>> deeper", "quoted\ndeeper"),
        ("* one\n+ two\n3) three", "one\ntwo\nthree"),
        ("a\n\n\n\nb", "a\n\nb"),
        ("```python\ncode\n```", "\ncode"),
        ("a\n***\n___\n- - -\nb", "a\n\nb"),  # rules go, blank runs shrink
    ],
)
def test_markup_is_dropped(md, text):
    assert parse_markdown(md).text == text


@pytest.mark.parametrize("attack", ["**x ", "[", "<", "_a ", "![", "# #", "> "])
def test_hostile_markdown_is_read(attack):
    assert parse_markdown(attack * 5000 + "\nEnd.").text.endswith("End.")
