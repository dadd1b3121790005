"""geo.ingest.html_text: HTML pages to text, title, address and stated dates."""

from __future__ import annotations

import pytest

from geo.ingest.html_text import html_to_text, parse_html
from geo.ingest.records import Markup


def test_parse_html_keeps_prose_and_what_the_markup_states():
    page = (
        "<html><head><title> Night  strike </title>"
        '<link rel="canonical" href=" https://news.example/a ">'
        '<meta property="og:url" content="https://news.example/og">'
        "</head><body><nav>Menu</nav><article><h1>Headline</h1>"
        "<p>Drones hit a depot.</p></article></body></html>"
    )
    assert parse_html(page) == Markup(
        text="Headline\nDrones hit a depot.",
        title="Night strike",
        url="https://news.example/a",
        stated_dates=(),
    )


@pytest.mark.parametrize(
    ("head", "body", "title"),
    [
        ("<title>T</title>", "<h1>H</h1>", "T"),
        ('<meta property="og:title" content="OG">', "<h1>H</h1>", "OG"),
        ("", "<h1>The   H</h1><h1>Second</h1>", "The H"),
        ("", "<nav><h1>Menu</h1></nav><p>x</p>", None),  # a hidden h1
        ("<title>  </title>", "<p>x</p>", None),
    ],
)
def test_title_falls_back_to_og_title_then_the_first_shown_h1(head, body, title):
    assert parse_html(f"<head>{head}</head><body>{body}").title == title


def test_og_url_when_there_is_no_canonical_link():
    page = '<meta property="og:url" content="https://x.example/og"><p>x</p>'
    assert parse_html(page).url == "https://x.example/og"


def test_stated_dates_best_first():
    page = (
        "<head>"
        '<meta name="date" content="meta-date">'
        '<meta name="pubdate" content="meta-pubdate">'
        '<meta property="og:published_time" content="og-time">'
        '<meta property="article:published_time" content="article-time">'
        '<script type="application/ld+json">{"datePublished": "jsonld-one"}</script>'
        '<script type="application/ld+json">{"datePublished" : "jsonld-two"}</script>'
        '<script>{"datePublished": "not-json-ld"}</script>'
        "</head><body>"
        "<aside><time datetime='aside-time'>x</time></aside>"
        "<p><time datetime='shown-time'>y</time>"
        "<span itemprop='datePublished' content='item-date'>z</span>"
        "<time datetime=''>empty</time><time>none</time></p>"
    )
    assert parse_html(page).stated_dates == (
        "article-time",
        "og-time",
        "jsonld-one",
        "jsonld-two",
        "item-date",
        "meta-pubdate",
        "meta-date",
        "shown-time",
    )


def test_the_first_of_a_repeated_meta_wins():
    page = '<meta name="date" content="first"><meta name="date" content="second">'
    assert parse_html(page + "<p>x</p>").stated_dates == ("first",)


def test_a_repeated_attribute_keeps_its_last_value():
    page = '<meta name="date" content="a" content="b"><p>x</p>'
    assert parse_html(page).stated_dates == ("b",)


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>one</p><p>two</p>", "one\ntwo"),
        ("<table><tr><td>a</td><td>b</td></tr></table>", "a b"),
        (
            "<header>Site menu</header><article><header>Own</header>x</article>",
            "Own\nx",
        ),
        ("<p>a<!-- c -->b</p>", "ab"),
        ("<p>a<!-->b</p>", "ab"),
        ("<p>x</p><a href=x title='unclosed", "x"),
        ("<pre>keep   this\nline</pre>", "keep this\nline"),
        ("<p>1 &lt; 2 &amp;&amp; 3 &gt; 2</p>", "1 < 2 && 3 > 2"),
        ("<textarea>typed &amp; hidden</textarea><p>x</p>", "x"),
        ("<style>p { color: red }</style><p>x</p>", "x"),
        ("<script>let s = '</p>';</script><p>x</p>", "x"),
        ("<svg><text>drawn</text></svg><p>x</p>", "x"),
        ("x</>y</ z>w", "xyw"),
        ("<p>x</p><script>never closed", "x"),
        ("", ""),
    ],
)
def test_html_to_text(html, text):
    assert html_to_text(html) == text


@pytest.mark.parametrize("attack", ["<a ", "<!--", "<a href='", "</a", "<p x=", "&"])
def test_hostile_pages_are_read_in_one_pass(attack):
    """A construct left open swallows the rest: nothing is rescanned."""
    page = "<p>Kept.</p>" + attack * 20_000
    assert html_to_text(page).startswith("Kept.")
