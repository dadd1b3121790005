"""Telegram Desktop exports: a channel's ``result.json`` to articles.

Telegram Desktop ("Export chat history", JSON) writes one ``result.json``
with the chat's ``name``, ``type``, ``id`` and ``messages``.  Each message of
type ``"message"`` with text is an article: its id is ``<chat name>/<message
id>``, its publication date the day of its ``date`` (local time, read as Kyiv
time), its text the ``text`` field (a string, or a list of strings and entity
objects such as ``{"type": "bold", "text": ...}``, joined).  Its URL is
``https://t.me/<username>/<id>`` when the channel's username is known: given
by the caller, or else the one ``t.me/<username>`` link the export names most
often.

Service messages and messages without text (media only, empty) are counted,
not read: the export gives one :class:`~geo.ingest.records.Skipped` line
saying how many messages it holds and how many were read.  A malformed export
(not JSON, no ``messages`` list) is one skipped line; a message of the wrong
shape is one skipped line, and reading goes on.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from gazetteer.exc import InputError
from geo.ingest.documents import _read_bytes
from geo.ingest.names import printable, short
from geo.ingest.records import Article, Skipped
from geo.lang.detect import detect_language

__all__ = ["export_username", "parse_telegram_export", "read_telegram_export"]

KYIV = ZoneInfo("Europe/Kyiv")

# t.me/<username> (or telegram.me), not t.me/+invite, t.me/c/..., t.me/s/...
_LINK = re.compile(
    r"(?:https?://)?(?:www\.)?(?:t|telegram)\.me/(?:s/)?([A-Za-z][A-Za-z0-9_]{3,31})\b"
)
_NOT_USERNAMES = frozenset({"joinchat", "share", "addstickers", "proxy", "iv", "c"})


class _BadMessage(ValueError):
    """A message that is not of the shape an export gives."""


def _join_text(text: object) -> str:
    """The text of a message: a string, or strings and entities joined."""
    if isinstance(text, str):
        return text
    if not isinstance(text, list):
        raise _BadMessage(f"text is {type(text).__name__}, not a string or list")
    parts: list[str] = []
    for part in text:
        if isinstance(part, str):
            parts.append(part)
        elif isinstance(part, Mapping) and isinstance(part.get("text"), str):
            parts.append(part["text"])
        else:
            raise _BadMessage(f"text part {short(part, 40)} is not a string or entity")
    return "".join(parts)


def _strings(text: object) -> Iterator[str]:
    """Every string a message's text holds (entity texts and links)."""
    if isinstance(text, str):
        yield text
    elif isinstance(text, list):
        for part in text:
            if isinstance(part, str):
                yield part
            elif isinstance(part, Mapping):
                for key in ("text", "href"):
                    if isinstance(part.get(key), str):
                        yield part[key]


def export_username(messages: list[Any]) -> str | None:
    """The channel username the export's ``t.me`` links name most often.

    Parameters
    ----------
    messages : list
        The export's ``messages``.

    Returns
    -------
    str or None
        None when no link names a username, or two names tie.

    Examples
    --------
    >>> export_username([{"text": ["Join: ", {"type": "link", "text": "t.me/abcd"}]}])
    'abcd'
    """
    counts: Counter[str] = Counter()
    for message in messages:
        if not isinstance(message, Mapping):
            continue
        for s in _strings(message.get("text")):
            for m in _LINK.finditer(s):
                if m.group(1).lower() not in _NOT_USERNAMES:
                    counts[m.group(1)] += 1
    top = counts.most_common(2)
    if not top or (len(top) == 2 and top[0][1] == top[1][1]):
        return None
    return top[0][0]


def _published(message: Mapping[str, Any]) -> dt.date:
    """The day of a message: its local ``date``, else ``date_unixtime`` in Kyiv."""
    date = message.get("date")
    if isinstance(date, str):
        try:
            stamp = dt.datetime.fromisoformat(date)
        except ValueError:
            raise _BadMessage(f"bad date {short(date, 40)}") from None
        if stamp.tzinfo is not None:
            stamp = stamp.astimezone(KYIV)
        return stamp.date()
    unix = message.get("date_unixtime")
    try:
        seconds = int(unix) if isinstance(unix, (str, int)) else None
    except ValueError:
        seconds = None
    if seconds is None:
        raise _BadMessage("no date")
    try:
        return dt.datetime.fromtimestamp(seconds, KYIV).date()
    except (OverflowError, OSError, ValueError):
        raise _BadMessage(f"bad date_unixtime {short(unix, 40)}") from None


def _message_id(message: Mapping[str, Any]) -> str:
    mid = message.get("id")
    if isinstance(mid, bool) or not isinstance(mid, (int, str)) or mid == "":
        raise _BadMessage(f"bad id {short(mid, 40)}")
    return str(mid)


def parse_telegram_export(
    data: object,
    *,
    source: str,
    username: str | None = None,
) -> Iterator[Article | Skipped]:
    """The articles of a parsed export, a skip per bad message, and a count.

    Parameters
    ----------
    data : object
        The parsed ``result.json``.
    source : str
        Its name in messages (printable).
    username : str, optional
        The channel's username (without ``@``), for article URLs; by default
        the one the export's ``t.me`` links name (see :func:`export_username`).

    Yields
    ------
    Article or Skipped
        Articles in message order; a :class:`Skipped` (source
        ``"<source>:message <id>"``) for each message of the wrong shape; and
        last, when any message was not read, one :class:`Skipped` for the
        export: ``"telegram export 'NAME': 12 messages, 7 read, 3 service,
        2 without text"``.
    """
    if not isinstance(data, Mapping):
        yield Skipped(source, "not a Telegram export (not a JSON object)")
        return
    messages = data.get("messages")
    if not isinstance(messages, list):
        yield Skipped(source, "not a Telegram export (no 'messages' list)")
        return
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        chat_id = data.get("id")
        name = (
            str(chat_id)
            if isinstance(chat_id, (int, str))
            else Path(source).parent.name
        )
    channel = printable(name.strip())
    if username is None:
        username = export_username(messages)
    if username is not None:
        username = username.strip().lstrip("@") or None
    read = service = empty = bad = 0
    for index, message in enumerate(messages):
        where = f"{source}:message #{index + 1}"
        try:
            if not isinstance(message, Mapping):
                raise _BadMessage(f"a {type(message).__name__}, not an object")
            mid = _message_id(message)
            where = f"{source}:message {printable(mid)}"
            kind = message.get("type")
            if kind == "service":
                service += 1
                continue
            if kind != "message":
                raise _BadMessage(f"unknown type {short(kind, 40)}")
            text = _join_text(message.get("text", ""))
            if not text.strip():
                empty += 1
                continue
            published = _published(message)
        except _BadMessage as exc:
            bad += 1
            yield Skipped(where, f"bad Telegram message: {exc}")
            continue
        read += 1
        url = f"https://t.me/{username}/{mid}" if username else None
        yield Article(
            id=printable(f"{channel}/{mid}"),
            text=text,
            published=published,
            date_source="telegram",
            url=url,
            title=None,
            source=where,
            lang=detect_language(text),
        )
    if read != len(messages):
        counts = [f"{len(messages)} messages", f"{read} read"]
        counts += [f"{service} service"] if service else []
        counts += [f"{empty} without text"] if empty else []
        counts += [f"{bad} malformed"] if bad else []
        yield Skipped(source, f"telegram export {short(channel)}: {', '.join(counts)}")


def read_telegram_export(
    path: Path,
    *,
    source: str,
    username: str | None = None,
) -> Iterator[Article | Skipped]:
    """Read a Telegram Desktop ``result.json`` (see :func:`parse_telegram_export`).

    Parameters
    ----------
    path : pathlib.Path
        The ``result.json``.
    source : str
        Its name in messages.
    username : str, optional
        The channel's username, for article URLs.

    Yields
    ------
    Article or Skipped
        A file that cannot be read, or is not JSON, is one :class:`Skipped`.
    """
    try:
        raw = _read_bytes(path, source)
    except InputError as exc:
        yield Skipped(exc.source, exc.reason)
        return
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        yield Skipped(source, "not a Telegram export (not UTF-8)")
        return
    except (ValueError, RecursionError) as exc:
        reason = exc.msg if isinstance(exc, json.JSONDecodeError) else "too deep"
        yield Skipped(source, f"not a Telegram export (bad JSON: {reason})")
        return
    yield from parse_telegram_export(data, source=source, username=username)
