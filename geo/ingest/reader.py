"""Reading a run's inputs into articles, one at a time.

:func:`iter_articles` walks the inputs (:mod:`geo.ingest.walk`), reads each
file as a document (:mod:`geo.ingest.documents`) or as JSON Lines
(:mod:`geo.ingest.jsonl`), reports what it skips, and gives every article an
id no earlier one has (:class:`UniqueIds`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import os
from collections.abc import Callable, Iterable, Iterator

from gazetteer.exc import InputError
from geo.ingest.documents import read_document
from geo.ingest.jsonl import read_jsonl_file, read_stdin
from geo.ingest.names import short
from geo.ingest.records import Article, Skipped
from geo.ingest.telegram import read_telegram_export
from geo.ingest.walk import InputFile, walk_inputs

__all__ = ["UniqueIds", "iter_articles", "read_articles", "read_input"]

logger = logging.getLogger(__name__)


class UniqueIds:
    """Gives each article of a run an id no earlier article has.

    The first article with an id keeps it; a later one is read as ``id#2``
    (``#3``, ...: the first such id not yet taken), with a warning, so two
    articles never fold into one source of an event.  Call it on the
    articles in reading order.

    Examples
    --------
    >>> unique = UniqueIds()
    >>> a = Article("x", "One.", None, "none", None, None, "a")
    >>> unique(a).id, unique(a).id, unique(a).warnings
    ('x', 'x#2', ("duplicate id 'x': read as 'x#3'",))
    """

    __slots__ = ("_seen", "_next")

    def __init__(self) -> None:
        self._seen: set[str] = set()
        self._next: dict[str, int] = {}

    def __call__(self, article: Article) -> Article:
        """Return *article*, renamed with a warning if its id is taken."""
        aid = article.id
        if aid not in self._seen:
            self._seen.add(aid)
            return article
        n = self._next.get(aid, 2)
        while f"{aid}#{n}" in self._seen:
            n += 1
        new = f"{aid}#{n}"
        self._next[aid] = n + 1
        self._seen.add(new)
        note = f"duplicate id {short(aid)}: read as {short(new)}"
        return dataclasses.replace(article, id=new, warnings=(*article.warnings, note))


def read_input(
    item: InputFile,
    default_date: dt.date | None = None,
    *,
    telegram_username: str | None = None,
) -> Iterator[Article | Skipped]:
    """The articles (and skips) of one file found by :func:`walk_inputs`.

    Parameters
    ----------
    item : InputFile
        A document, a JSON Lines file, or standard input.
    default_date : datetime.date, optional
        Publication date for articles that give none.
    telegram_username : str, optional
        The channel username for the URLs of a Telegram export's articles
        (default: the one its ``t.me`` links name).

    Yields
    ------
    Article or Skipped
        Ids as the input gives them (not yet made unique).
    """
    if item.path is None:
        yield from read_stdin(default_date)
    elif item.kind == "telegram":
        yield from read_telegram_export(
            item.path, source=item.source, username=telegram_username
        )
    elif item.kind == "jsonl":
        yield from read_jsonl_file(item, default_date)
    else:
        try:
            yield read_document(
                item.path,
                id=item.id,
                source=item.source,
                kind=item.kind,
                default_date=default_date,
            )
        except InputError as exc:
            yield Skipped(exc.source, exc.reason)


def _log_skip(skipped: Skipped) -> None:
    logger.warning("skipped %s: %s", skipped.source, skipped.reason)


def iter_articles(
    inputs: Iterable[str | os.PathLike[str]],
    *,
    default_date: dt.date | None = None,
    on_skip: Callable[[Skipped], None] | None = None,
    telegram_username: str | None = None,
) -> Iterator[Article]:
    """Read articles from files, folders and JSON Lines, one at a time.

    Parameters
    ----------
    inputs : iterable of str or path-like
        Each one is
        a ``.txt``, ``.md``/``.markdown`` or ``.html``/``.htm`` file
        (one article; id = the file name);
        a ``.jsonl`` or ``.jsonl.gz`` file (one JSON object per line with
        ``text`` and optional ``id``, ``date`` (ISO 8601), ``url``, ``title``
        and ``format`` ("text", "markdown" or "html"); a missing ``id``
        becomes ``"<file name>:<line>"``);
        a folder, read recursively in sorted order (id = POSIX path under the
        folder; see below);
        a Telegram Desktop export: a ``result.json`` file, or a folder
        holding one (only the ``result.json`` is read; see
        :mod:`geo.ingest.telegram`);
        or ``-``, JSON Lines on standard input.
    default_date : datetime.date, optional
        Publication date for articles that give none.
    on_skip : callable, optional
        Called with a :class:`Skipped` for every input or line that cannot be
        read: missing, unsupported type, binary, not text in UTF-8 nor in a
        plausible legacy encoding, empty, too large, bad JSON, missing or
        non-string ``text``, bad ``date``; in folders also dangling symbolic
        links, link loops, links to folders (not followed), FIFOs, devices
        and sockets.  Without it, each is logged as a warning.  Reading
        continues either way.
    telegram_username : str, optional
        The channel username for the URLs of Telegram export articles.

    Yields
    ------
    Article
        In input order.  An id already given to an earlier article of the
        same call is renamed ``id#2`` (``#3``...) with a warning (see
        :class:`UniqueIds`).

    Notes
    -----
    In folders, hidden files and folders (names starting with ".": ``.git``,
    ``.DS_Store``, editors' drafts) are left out without a word: they are
    not articles by convention, and listing a ``.git`` folder would bury the
    report.  A hidden file named as an input on its own is read.  Names are
    made printable (see :class:`Article`).

    Examples
    --------
    >>> skipped = []
    >>> found = iter_articles(["news/"], on_skip=skipped.append)  # doctest: +SKIP
    """
    skip = on_skip or _log_skip
    unique = UniqueIds()
    for item in walk_inputs(inputs):
        if isinstance(item, Skipped):
            skip(item)
            continue
        for found in read_input(
            item, default_date, telegram_username=telegram_username
        ):
            if isinstance(found, Skipped):
                skip(found)
            else:
                yield unique(found)


def read_articles(
    inputs: Iterable[str | os.PathLike[str]],
    *,
    default_date: dt.date | None = None,
    telegram_username: str | None = None,
) -> tuple[list[Article], list[Skipped]]:
    """Read all articles into a list, with the list of what was skipped.

    Parameters
    ----------
    inputs : iterable of str or path-like
        As for :func:`iter_articles`.
    default_date : datetime.date, optional
        Publication date for articles that give none.
    telegram_username : str, optional
        The channel username for the URLs of Telegram export articles.

    Returns
    -------
    tuple of (list of Article, list of Skipped)
    """
    skipped: list[Skipped] = []
    articles = list(
        iter_articles(
            inputs,
            default_date=default_date,
            on_skip=skipped.append,
            telegram_username=telegram_username,
        )
    )
    return articles, skipped
