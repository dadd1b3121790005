"""Ukrainian sentences, lists and discourse cues (issue 12).

The texts are written for these tests (other oblasts and places than
tests/data/uk).  The end-to-end tests read the Ukrainian language with a
small attack lexicon of their own (``uk_lang``), so that they test the list
mechanism of the extractor whatever the state of the Ukrainian lexicon.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from geo.extract.cues import discourse
from geo.extract.extractor import Extractor
from geo.extract.sentences import ListBlock, list_blocks, sentence_spans, sentences
from geo.ingest import Article
from geo.lang import Language

UK = Language("uk")
EN = Language("en")


# ----------------------------------------------------------------- sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # place-kind abbreviations before a name never end a sentence
        (
            "Уночі дрон атакував с. Велика Писарівка. Пошкоджено будинок.",
            ["Уночі дрон атакував с. Велика Писарівка.", "Пошкоджено будинок."],
        ),
        (
            "Уламки впали на вул. Соборну у м. Ромни. Постраждалих немає.",
            ["Уламки впали на вул. Соборну у м. Ромни.", "Постраждалих немає."],
        ),
        (
            "Обстріляли сел. Гірське та просп. Миру. Далі тихо.",
            ["Обстріляли сел. Гірське та просп. Миру.", "Далі тихо."],
        ),
        (
            "Влучання у ліцей ім. Шевченка. Вибито вікна.",
            ["Влучання у ліцей ім. Шевченка.", "Вибито вікна."],
        ),
        (
            "Так звані т.зв. Герані летіли з півдня. Їх збили.",
            ["Так звані т.зв. Герані летіли з півдня.", "Їх збили."],
        ),
        # an initial before a surname
        (
            "Про удар повідомив голова ОВА О. Прокудін. Він додав деталі.",
            ["Про удар повідомив голова ОВА О. Прокудін.", "Він додав деталі."],
        ),
        # amounts after a number end the sentence before a capital
        (
            "Збитки сягають 5 млн грн. Ворог знову атакував.",
            ["Збитки сягають 5 млн грн.", "Ворог знову атакував."],
        ),
        (
            "Зібрали 200 тис. гривень. Решту передали.",
            ["Зібрали 200 тис. гривень.", "Решту передали."],
        ),
    ],
)
def test_ukrainian_abbreviations_and_initials(text, expected):
    assert sentences(text, UK) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # dash items after a head ending with ":"
        (
            "Наслідки атак:\n– у Лебедині пошкоджено склад;\n— у Ромнах горіла АЗС;",
            [
                "Наслідки атак:",
                "– у Лебедині пошкоджено склад;",
                "— у Ромнах горіла АЗС;",
            ],
        ),
        # items with no marker, one per line, each ending with ";"
        (
            "Обстріляно:\nмісто Глухів;\nсело Есмань.",
            ["Обстріляно:", "місто Глухів;", "село Есмань."],
        ),
        # a bullet or an emoji starts an item even after a wrap word
        (
            "Атаковано громади на\n• Конотопщині\n🔴 Роменщині",
            ["Атаковано громади на", "• Конотопщині", "🔴 Роменщині"],
        ),
        (
            "Удари по:\n1) Путивлю;\n2) Буринь.",
            ["Удари по:", "1) Путивлю;", "2) Буринь."],
        ),
        # items run together in one line are cut before their marker
        (
            "Внаслідок обстрілів: – у Кролевці поранено чоловіка; – у Шостці пожежа.",
            [
                "Внаслідок обстрілів:",
                "– у Кролевці поранено чоловіка;",
                "– у Шостці пожежа.",
            ],
        ),
        # a dash inside a sentence is no item
        (
            "У Кролевці — влучання в гараж, поранено водія.",
            ["У Кролевці — влучання в гараж, поранено водія."],
        ),
        # a hard-wrapped line still runs on
        (
            "Ворог обстріляв\nпередмістя Ніжина.",
            ["Ворог обстріляв\nпередмістя Ніжина."],
        ),
    ],
)
def test_ukrainian_list_items_are_sentences(text, expected):
    assert sentences(text, UK) == expected


def test_english_keeps_its_dash_lines_and_semicolon_wraps():
    # English has no list markers: its splitting is as before
    text = "Strikes hit:\n- the port;\nand the station."
    assert sentences(text, EN) == ["Strikes hit:", "- the port;\nand the station."]
    assert list_blocks(text, sentence_spans(text, EN), EN) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Внаслідок обстрілів:\n– у Сумах;\n– у Шостці.\n\nІнше речення.",
            [ListBlock(0, (1, 2))],
        ),
        # after a ":" head, lines of the same paragraph are items
        ("Під обстрілом були:\nГлухів, Есмань.\nКролевець.", [ListBlock(0, (1, 2))]),
        # a blank line ends the items that have no marker
        ("Під обстрілом були:\nГлухів.\n\nКролевець.", [ListBlock(0, (1,))]),
        # bullets make a list without a ":" head; an item's second sentence
        # is part of the item
        (
            "Ворог бив по громадах.\n\n▪️ Сумська громада. Двоє поранених.\n"
            "▪️ Бездрицька громада.",
            [ListBlock(0, (1, 3))],
        ),
        # a ":" inside a line that goes on is no list
        ("Кролевець: пошкоджено школу.", []),
    ],
)
def test_list_blocks(text, expected):
    assert list_blocks(text, sentence_spans(text, UK), UK) == expected


# ----------------------------------------------------------------- discourse


@pytest.mark.parametrize(
    ("key", "text", "found"),
    [
        ("capital", "Вибухи пролунали у столиці.", True),
        ("capital", "Столичні рятувальники гасили пожежу.", True),
        ("capital", "Дрони атакували столицю Росії.", False),
        ("generic", "Росіяни щодня обстрілюють прикордонні села.", True),
        ("generic", "З початку року ворог випустив сотні дронів.", True),
        ("generic", "Загалом за добу поранено шістьох людей.", True),
        ("generic", "Уночі ворог атакував Шостку.", False),
        ("negation", "Обстрілів громади за добу не зафіксовано.", True),
        ("negation", "Ніч минула спокійно.", True),
        ("negation", "Постраждалих не було.", False),
        ("negation", "Інформації про загиблих не надходило.", False),
        ("ground_combat", "Оборонці відбили штурм поблизу Часового Яру.", True),
        ("ground_combat", "На фронті тривають бої.", True),
        ("ground_combat", "Наступного дня ворог знову вдарив.", False),
        ("habitual", "Місто перебуває під постійними обстрілами.", True),
        ("habitual", "Ворог 40 разів з початку року бив по громаді.", True),
        ("habitual", "Ворог 14 разів обстріляв Ворожбу.", False),
        ("not_report", "У Чернігові відкрили фотовиставку про наслідки ударів.", True),
        ("not_report", "Навідника засудили до 15 років.", True),
        ("not_report", "У Ніжині попрощалися з загиблими від удару.", True),
        ("not_report", "Ракета влучила в Ніжин.", False),
    ],
)
def test_ukrainian_discourse_cues(key, text, found):
    assert bool(getattr(discourse(UK), key).search(text)) is found


@pytest.mark.parametrize(
    ("before", "near"),
    [
        ("Вибух пролунав поблизу ", True),
        ("Дрон впав біля с. ", True),
        ("Уламки знайшли на околиці ", True),
        ("Удар неподалік від ", True),
        ("Дрон атакував ", False),
    ],
)
def test_ukrainian_near_phrases(before, near):
    assert bool(discourse(UK).near.search(before + "Х", 0, len(before))) is near


@pytest.mark.parametrize(
    ("gap", "qualifies"),
    [(" ", True), (", ", True), (" у ", True), (" (", True), (" та ", False)],
)
def test_ukrainian_qualifier_gap(gap, qualifies):
    assert bool(discourse(UK).qualifier_gap.match(gap)) is qualifies


# ---------------------------------------------------------------- end to end

_ATTACK = {
    "attack": [
        "обстріл\\w*",
        "удар(?:ів|и|ом|у|ами)?",
        "атак\\w*",
        "влучан\\w*",
        "вибух\\w*",
    ],
    "effect": ["поранен\\w*", "загин\\w*", "пошкоджен\\w*", "зруйнован\\w*"],
    "defence": ["ППО", "збил\\w*", "збито", "знешкодил\\w*"],
}


@pytest.fixture(scope="module")
def uk_lang(tmp_path_factory) -> Language:
    """Ukrainian with a small attack lexicon of the tests' own."""
    folder = tmp_path_factory.mktemp("uk")
    src = resources.files("geo.lang").joinpath("uk")
    for name in ("calendar", "lexicon", "casualties", "roles", "discourse"):
        shutil.copy(str(src / f"{name}.json"), folder / f"{name}.json")
    for name in ("numbers", "dates", "sentences"):
        shutil.copy(str(src / f"{name}.json"), folder / f"{name}.json")
    lex = json.loads((folder / "lexicon.json").read_text(encoding="utf-8"))
    lex["attack"]["exclude"] = ["повітрян\\w+ тривог\\w*"]
    lex["attack"]["classes"] = _ATTACK
    (folder / "lexicon.json").write_text(
        json.dumps(lex, ensure_ascii=False), encoding="utf-8"
    )
    return Language("uk", folder=str(Path(folder)))


@pytest.fixture(scope="module")
def extractor(uk_lang) -> Extractor:
    return Extractor(lang=uk_lang)


def _reports(extractor: Extractor, text: str) -> list[tuple[str, str]]:
    art = Article("t", text, date(2025, 10, 15), "option", None, None, "t", lang="uk")
    return [(r.place.name, str(r.date)) for r in extractor.extract(art).reports]


def _places(extractor: Extractor, text: str) -> set[str]:
    return {name for name, _ in _reports(extractor, text)}


@pytest.mark.parametrize(
    ("text", "struck", "not_struck"),
    [
        # place-only items under a head with attack words: one strike each
        (
            "Протягом минулої доби ворог обстріляв прикордоння.\n\n"
            "Під обстрілом перебували:\n"
            "Шосткинський район: Ямпільська громада;\n"
            "Охтирський район: Тростянецька громада.",
            {"Yampilska hromada", "Trostianetska hromada"},
            {"Shostka Raion", "Okhtyrka Raion"},
        ),
        # emoji bullets after a header sentence with attack words
        (
            "Ворог 14 разів атакував громади півночі.\n\n"
            "🔴 Семенівська громада\n🔴 Сновська громада\n🔴 Городнянська громада",
            {"Semenivska hromada", "Snovska hromada", "Horodnianska hromada"},
            set(),
        ),
        # an item with only air-defence words is no strike
        (
            "Внаслідок обстрілів:\n– у Лебедині пошкоджено склад;\n"
            "– над Охтиркою збито три дрони;\n– у Ромнах поранено жінку.",
            {"Lebedyn", "Romny"},
            {"Okhtyrka"},
        ),
        # a list whose head has no attack words reports nothing
        (
            "Пункти незламності працюють у:\n– Лебедині;\n– Ромнах.",
            set(),
            {"Lebedyn", "Romny"},
        ),
        # settlements after a colon in one line
        (
            "Під ворожими обстрілами перебували: Львове, Тягинка та Новокаїри.",
            {"Lvove", "Tiahynka", "Novokairy"},
            set(),
        ),
    ],
)
def test_day_summary_lists(extractor, text, struck, not_struck):
    got = _places(extractor, text)
    assert struck <= got
    assert not (not_struck & got)


def test_place_only_items_need_the_list(extractor):
    # the same lines with no list head: no attack words, no strike
    text = "Шосткинський район: Ямпільська громада.\nОхтирський район: Тростянецька."
    assert _places(extractor, text) == set()


@pytest.mark.parametrize(
    "header",
    [
        "13.10.2025 ворог атакував прикордоння.\nВнаслідок обстрілів:",
        "Ворог атакував прикордоння.\nВнаслідок обстрілів 13.10.2025:",
    ],
)
def test_the_header_date_reaches_the_items(extractor, header):
    text = header + "\n– у Лебедині пошкоджено склад;\n– у Ромнах поранено жінку."
    got = dict(_reports(extractor, text))
    assert got == {"Lebedyn": "2025-10-13", "Romny": "2025-10-13"}


@pytest.mark.parametrize(
    ("text", "place", "evidence"),
    [
        # an item naming no place adds nothing to the item before it
        (
            "Внаслідок обстрілів:\n– у Лебедині пошкоджено склад;\n"
            "– 5 ударів по лісосмузі;",
            "Lebedyn",
            ["– у Лебедині пошкоджено склад;"],
        ),
        # an item's own second sentence does
        (
            "Внаслідок обстрілів:\n– у Лебедині пошкоджено склад. Удар був нічний;\n"
            "– у Ромнах пошкоджено дах.",
            "Lebedyn",
            ["– у Лебедині пошкоджено склад.", "Удар був нічний;"],
        ),
    ],
)
def test_list_items_start_afresh(extractor, text, place, evidence):
    art = Article("t", text, date(2025, 10, 15), "option", None, None, "t", lang="uk")
    got = {r.place.name: list(r.evidence) for r in extractor.extract(art).reports}
    assert got[place] == evidence
