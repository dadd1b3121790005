"""Per-article language: detected, recorded in each source, Russian reported unread.

The texts are invented for these tests.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from geo.engines.pipeline import run
from geo.extract.extractor import Extractor
from geo.ingest import Article
from geo.lang import LANGUAGES, detect_language, for_article


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("A drone hit a warehouse in Poltava overnight, officials said.", "en"),
        ("Вночі дрон влучив у склад у Полтаві, повідомили в ОВА.", "uk"),
        ("Ночью дрон попал в склад в Полтаве, сообщили в ОВА.", "ru"),
        # short posts with no і, ї or є: the words tell them apart
        ("Ворог атакував Суми дронами, поранено двох людей", "uk"),
        ("Дрон атаковал Сумы, ранены двое людей", "ru"),
        ("Удар балістикою по промисловому об’єкту", "uk"),
        # the letters alone tell them apart
        ("Обстріл Ізюма", "uk"),
        ("Обстрел Изюма ночью был сильным", "ru"),
        # a Russian text naming a Ukrainian place in Ukrainian spelling
        ("В Київ и Житомир прилетели ракеты, это был массированный удар.", "ru"),
        # a Ukrainian text quoting a short Russian phrase
        (
            "Окупанти написали «это ответ» після того, як обстріляли Херсон і "
            "пошкодили школу та лікарню, повідомила ОВА.",
            "uk",
        ),
        # an English article quoting a Ukrainian channel
        ("Kharkiv was hit again. The governor wrote: «Вибухи у місті».", "en"),
        ("12:30 — 14:45", None),
        ("", None),
    ],
)
def test_detect_language(text, code):
    assert detect_language(text) == code


def test_every_detected_language_is_bundled_or_unsupported():
    assert for_article(None).code == "en"
    assert for_article("uk").code == "uk"
    assert for_article("ru") is None
    assert set(LANGUAGES) >= {"en", "uk"}


def _article(text: str, lang: str | None) -> Article:
    return Article(
        "a.txt", text, date(2026, 1, 5), "option", None, None, "a.txt", (), lang
    )


def test_an_unsupported_language_yields_nothing_whatever_its_words():
    text = "Drones struck Kharkiv overnight, wounding three people."
    assert Extractor().extract(_article(text, "en")).reports
    assert not Extractor().extract(_article(text, "ru")).reports


def test_run_records_language_per_source_and_reports_russian(tmp_path):
    (tmp_path / "en.txt").write_text(
        "date 2026-01-05\n"
        "A Russian drone struck a house in Chernihiv, injuring two people.\n",
        encoding="utf-8",
    )
    (tmp_path / "ru.txt").write_text(
        "date 2026-01-05\nНочью российский дрон попал в дом в Чернигове, "
        "ранены два человека, это уже третий удар.\n",
        encoding="utf-8",
    )
    result = run([tmp_path])
    report = json.loads(json.dumps(result.to_report()))
    statuses = {a["article"]: (a["status"], a["lang"]) for a in report["articles"]}
    assert statuses == {
        "en.txt": ("events", "en"),
        "ru.txt": ("language not supported", "ru"),
    }
    assert report["not_supported"] == [
        {
            "article": "ru.txt",
            "source": str(tmp_path / "ru.txt"),
            "lang": "ru",
            "language": "Russian",
        }
    ]
    langs = {s["lang"] for f in result.features for s in f["properties"]["sources"]}
    assert langs == {"en"}


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Drones hit Kharkiv.",
        "Дрони атакували Харків; ЁЖЇ ґ і",
        "mixed Київ and Kyiv, ÀßæЖ ԀЏ\u0400\u04ff\u0500\u03ff",
        "emoji \U0001f600 and a lone surrogate \ud800 стоп",
        "digits 0123 ٣٤ and punctuation ’ʼ' only",
    ],
)
def test_letter_counts_equal_the_regex_counts(text):
    """The byte-level counts are exactly those of [A-Za-z] and [U+0400-U+04FF]."""
    import re

    from geo.lang.detect import _letter_counts

    latin = len(re.findall(r"[A-Za-z]", text))
    cyrillic = len(re.findall(r"[\u0400-\u04FF]", text))
    assert _letter_counts(text) == (latin, cyrillic)
