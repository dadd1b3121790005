"""Telegram Desktop exports as input (issue 12): geo.ingest.telegram."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from geo.ingest import parse_telegram_export, read_articles

EXPORT = Path(__file__).parent / "data" / "uk" / "telegram"


def _gold() -> dict[str, dt.date]:
    gold = json.loads((EXPORT / "gold.json").read_text(encoding="utf-8"))
    return {
        aid: dt.date.fromisoformat(a["published"])
        for aid, a in gold["articles"].items()
    }


@pytest.mark.parametrize("given", [EXPORT, EXPORT / "result.json"])
def test_fixture_reads_into_gold_articles(given: Path) -> None:
    articles, skipped = read_articles([given])
    assert {a.id: a.published for a in articles} == _gold()
    assert [a.id for a in articles] == list(_gold())
    assert articles[0].url == "https://t.me/dnipro_news_test_sm/2"
    assert [s.reason for s in skipped] == [
        "telegram export 'Новини Дніпропетровщини (тест)': "
        "12 messages, 7 read, 3 service, 2 without text"
    ]


def test_export_folder_media_not_listed(tmp_path: Path) -> None:
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "p.jpg").write_bytes(b"\xff\xd8")
    (tmp_path / "result.json").write_text(
        (EXPORT / "result.json").read_text(encoding="utf-8"), encoding="utf-8"
    )
    articles, skipped = read_articles([tmp_path])
    assert len(articles) == 7
    assert len(skipped) == 1


def _export(*messages: object, name: str = "Chan") -> dict[str, object]:
    return {"name": name, "type": "public_channel", "id": 1, "messages": list(messages)}


def _msg(mid: int, text: object, date: str = "2026-01-02T23:30:00") -> dict:
    return {"id": mid, "type": "message", "date": date, "text": text}


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        ("plain", "plain"),
        (
            [
                {"type": "bold", "text": "Head"},
                "\n\nBody ",
                {"type": "link", "text": "x"},
            ],
            "Head\n\nBody x",
        ),
        (["a", "b"], "ab"),
    ],
)
def test_entity_lists_joined(text: object, joined: str) -> None:
    (article,) = parse_telegram_export(_export(_msg(3, text)), source="r.json")
    assert article.text == joined
    assert article.id == "Chan/3"
    assert article.published == dt.date(2026, 1, 2)
    assert article.url is None


def test_username_option_and_escaped_id() -> None:
    data = _export(_msg(5, "x"), name="A\nB")
    (article,) = parse_telegram_export(data, source="r.json", username="@chan_x")
    assert article.url == "https://t.me/chan_x/5"
    assert article.id == "A\\nB/5"


def test_unixtime_is_kyiv_day() -> None:
    # 2026-01-02 22:30 UTC is 2026-01-03 00:30 in Kyiv
    msg = {"id": 1, "type": "message", "date_unixtime": "1767393000", "text": "x"}
    (article,) = parse_telegram_export(_export(msg), source="r.json")
    assert article.published == dt.date(2026, 1, 3)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"{not json", "bad JSON"),
        (b"[1, 2]", "not a JSON object"),
        (b'{"name": "x"}', "no 'messages' list"),
        (b"\xff\xfe\x00", "not"),
    ],
)
def test_bad_export_one_line_skip(tmp_path: Path, content: bytes, reason: str) -> None:
    (tmp_path / "result.json").write_bytes(content)
    articles, skipped = read_articles([tmp_path])
    assert articles == []
    assert len(skipped) == 1
    assert reason in skipped[0].reason
    assert "result.json" in skipped[0].source
    assert "\n" not in skipped[0].reason


@pytest.mark.parametrize(
    "bad",
    [
        "a string",
        {"id": 2, "type": "message", "date": "2026-01-02T10:00:00", "text": 5},
        {"id": 2, "type": "message", "date": "2026-01-02T10:00:00", "text": [[1]]},
        {"id": 2, "type": "message", "date": "yesterday", "text": "x"},
        {"type": "message", "date": "2026-01-02T10:00:00", "text": "x"},
        {"id": 2, "type": "sticker", "date": "2026-01-02T10:00:00", "text": "x"},
    ],
)
def test_bad_message_skipped_reading_goes_on(bad: object) -> None:
    found = list(parse_telegram_export(_export(bad, _msg(9, "ok")), source="r.json"))
    assert [getattr(f, "id", None) for f in found] == [None, "Chan/9", None]
    assert found[0].reason.startswith("bad Telegram message")
    assert "\n" not in found[0].reason
    assert found[-1].reason.endswith("2 messages, 1 read, 1 malformed")


@pytest.mark.parametrize("given", [EXPORT, EXPORT / "result.json"])
def test_events_end_to_end(tmp_path: Path, given: Path) -> None:
    out = tmp_path / "events.geojson"
    done = subprocess.run(
        [sys.executable, "-m", "strikemap", "events", str(given), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(out.read_text(encoding="utf-8"))["type"] == "FeatureCollection"
