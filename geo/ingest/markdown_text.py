"""Markdown to plain text, with what its front matter and first heading state.

:func:`parse_markdown` drops the markup (headings, emphasis, links, lists,
quotes, fences, rules) and keeps the title (front matter ``title``, else the
first ``#`` heading), the address and the publication dates the front matter
states, as written.  Every rule is linear in the size of the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from gazetteer import compiled
from geo.ingest.records import Markup

__all__ = ["FrontMatter", "parse_markdown", "split_front_matter"]


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """A Markdown document split at its front matter.

    Attributes
    ----------
    fields : mapping of str to str
        ``key: value`` lines of the front matter, keys in lower case, quotes
        around values removed; the first of a repeated key wins.
    body : str
        The document after the front matter.
    """

    fields: Mapping[str, str]
    body: str


_FRONT_MATTER_RE = compiled.compile(
    r"\A---[ \t]*\n(?P<body>.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL
)
_FM_DATE_KEYS = (
    "date",
    "published",
    "published_at",
    "pubdate",
    "publishdate",
    "created",
)
_FM_URL_KEYS = ("url", "link", "canonical", "canonical_url", "source")


# Every rule is linear: block rules hold to one line (no class crosses "\n"),
# and no inline rule's content may hold its own opening mark, so the text each
# attempt scans never overlaps another's (``'**x ' * 8000`` took 15 s with
# ``(.+?)``; a single unclosed "[" or "<" no longer rescans the rest).
def _heading_text(m: re.Match[str]) -> str:
    # "## Title ##" -> "Title": trailing marks and blanks go (by string
    # methods: the pattern ``(.*?)[ \t]*#*[ \t]*$`` is quadratic in blanks)
    return m[1].rstrip(" \t").rstrip("#").rstrip(" \t")


_Rule = tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]
_MD_BLOCK_RULES: tuple[_Rule, ...] = (
    (re.compile(r"^[ \t]{0,3}(?:```|~~~)[^\n]*$", re.MULTILINE), ""),  # fences
    (
        re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*\S[^\n]*$", re.MULTILINE),
        "",
    ),  # link reference definitions
    (re.compile(r"^[ \t]{0,3}(?:[-*_][ \t]*){3,}$", re.MULTILINE), ""),  # rules
    (re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+([^\n]*)$", re.MULTILINE), _heading_text),
    (re.compile(r"^[ \t]{0,3}(?:>[ \t]?)+", re.MULTILINE), ""),  # quotes
    (re.compile(r"^[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+", re.MULTILINE), ""),  # lists
)
# Link texts and addresses may run over lines, but hold no bracket or
# parenthesis: each scan stops at the next one, so scans never overlap.
_MD_LINK_RULES: tuple[_Rule, ...] = (
    (re.compile(r"!\[([^\[\]]*)\]\([^()\[\]]*\)"), r"\1"),  # images -> alt text
    (re.compile(r"\[([^\[\]]+)\]\([^()\[\]]*\)"), r"\1"),  # inline links
    (re.compile(r"\[([^\[\]]+)\]\[[^\[\]]*\]"), r"\1"),  # reference links
    (re.compile(r"<(https?://[^<>\s]+)>"), r"\1"),  # autolinks
    (re.compile(r"</?[A-Za-z][^<>\n]*>"), ""),  # inline HTML tags
)
_MD_EMPHASIS_RULES: tuple[_Rule, ...] = (
    (re.compile(r"\*\*(?=\S)([^*\n]+?)(?<=\S)\*\*"), r"\1"),  # strong
    (re.compile(r"__(?=\S)([^_\n]+?)(?<=\S)__"), r"\1"),
    (re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])"), r"\1"),  # em
    (re.compile(r"(?<!\w)_(?=\S)([^_\n]+?)(?<=\S)_(?!\w)"), r"\1"),
)
_MD_TAIL_RULES: tuple[_Rule, ...] = (
    (re.compile(r"~~([^~\n]+)~~"), r"\1"),  # strike-through
    (re.compile(r"`([^`\n]*)`"), r"\1"),  # inline code
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!>])"), r"\1"),  # escapes
)
# Emphasis is unwrapped twice: "**bold *and* italic**" loses the inner marks
# first, then the outer ones.
_MD_RULES = (
    _MD_BLOCK_RULES
    + _MD_LINK_RULES
    + _MD_EMPHASIS_RULES
    + _MD_EMPHASIS_RULES
    + _MD_TAIL_RULES
)
_MD_H1_RE = compiled.compile(r"^[ \t]{0,3}#[ \t]+([^\n]*)$", re.MULTILINE)


def split_front_matter(text: str) -> FrontMatter:
    r"""Split the front matter (a ``---`` block at the very top) off a Markdown text.

    Parameters
    ----------
    text : str

    Returns
    -------
    FrontMatter
        No fields and the whole text when there is none.

    Examples
    --------
    >>> split_front_matter("---\nTitle: 'Sumy'\n---\nBody.")
    FrontMatter(fields={'title': 'Sumy'}, body='Body.')
    """
    m = _FRONT_MATTER_RE.match(text)
    if m is None:
        return FrontMatter({}, text)
    fields: dict[str, str] = {}
    for line in m["body"].splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip() and not key.startswith((" ", "\t", "-")):
            fields.setdefault(key.strip().lower(), value.strip().strip("'\""))
    return FrontMatter(fields, text[m.end() :])


def _markdown_body(text: str) -> str:
    for pattern, repl in _MD_RULES:
        text = pattern.sub(repl, text)
    lines = [ln.rstrip() for ln in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines))


def parse_markdown(text: str) -> Markup:
    r"""Read a Markdown document: its text without markup, title, address, dates.

    The title is the front matter's ``title``, else the first ``#`` heading;
    the address the front matter's ``url`` (or ``link``, ``canonical``...);
    the stated dates its ``date``, ``published``... fields.

    Parameters
    ----------
    text : str

    Returns
    -------
    Markup

    Examples
    --------
    >>> doc = parse_markdown("---\nurl: https://x.example\n---\n# Drones *hit* Sumy")
    >>> doc.text, doc.title, doc.url
    ('Drones hit Sumy', 'Drones hit Sumy', 'https://x.example')
    """
    front = split_front_matter(text)
    fields = front.fields
    heading = _MD_H1_RE.search(front.body)
    title = _markdown_body(_heading_text(heading)).strip() if heading else None
    return Markup(
        text=_markdown_body(front.body),
        title=fields.get("title") or title or None,
        url=next((fields[k] for k in _FM_URL_KEYS if fields.get(k)), None),
        stated_dates=tuple(fields[k] for k in _FM_DATE_KEYS if fields.get(k)),
    )
