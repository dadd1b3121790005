"""The fifth round's shortcuts of the role stages give what the full rules give.

Each shortcut is compared with the path it skips (issue 14), on texts where it
skips and where it must not, in English and in Ukrainian.
"""

from __future__ import annotations

import pytest

from geo.extract.attributes import weapons
from geo.extract.cues import discourse
from geo.extract.mentions import Sentence
from geo.extract.roles import _BARE_CUES, reports_strike
from geo.lang import Language, language

# Sentences with phrases of no list, of negation or not_report, of ground
# combat or habitual strikes, of both in either order, with and without a
# weapon, in both languages.
REPORT_TEXTS = {
    "en": [
        "Drones struck a depot near Odesa at dawn.",
        "No attacks were reported in the city overnight.",
        "An exhibition of war photographs opened in Lviv.",
        "Troops repelled 12 assaults near the village.",
        "The town has been shelled 40 times this year.",
        "The town has been hit by drones 40 times this year.",
        "Troops repelled 12 assaults; no strikes were recorded in the town.",
        "No strikes were recorded, though troops repelled 12 assaults.",
        "FIGHTING went on; the city was hit by missiles dozens of times.",
        "Fighting went on and a documentary on the shelling aired.",
        "",
    ],
    "uk": [
        "Дрони атакували Одесу, пошкоджено склад.",
        "Обстрілів не зафіксовано, у місті тихо.",
        "У Львові відкрилася фотовиставка про наслідки ударів.",
        "Ворог штурмував позиції біля села.",
        "Місто обстріляли 30 разів з початку місяця.",
        "Місто обстріляли дронами 30 разів з початку місяця.",
        "Ворог штурмував позиції, обстрілів міста не зафіксовано.",
        "Обстрілів не зафіксовано, хоча ворог штурмував позиції біля села.",
        "БОЇ ТРИВАЮТЬ, цього року село обстрілювали ракетами десятки разів.",
        "Бої тривають, а документальний фільм про обстріли показали.",
        "",
    ],
}
# the cue sets a sentence reaching reports_strike may have: bare ones (the
# one search of both lists) and others (negation and not_report only)
CUE_SETS = [
    frozenset({"attack"}),
    frozenset({"defence"}),
    frozenset({"attack", "defence"}),
    frozenset({"attack", "effect"}),
    frozenset({"effect"}),
]


def _full_reports(sentence: Sentence, lang: Language) -> bool:
    """reports_strike as first written: two searches, in this order."""
    d = discourse(lang)
    text = sentence.text
    if d.no_report.search(text):
        return False
    if sentence.cues <= _BARE_CUES and d.combat_or_habit.search(text):
        return bool(weapons(text, lang))
    return True


def _variants(text: str) -> list[str]:
    half = len(text) // 2
    return [text, text.upper(), text.lower(), text[:half], text[half:]]


@pytest.mark.parametrize("cues", CUE_SETS, ids=lambda c: "+".join(sorted(c)))
@pytest.mark.parametrize(
    ("code", "text"), [(c, t) for c, texts in REPORT_TEXTS.items() for t in texts]
)
def test_reports_strike_as_two_searches(code: str, text: str, cues) -> None:
    lang = language(code)
    for t in _variants(text):
        s = Sentence(0, 0, len(t), t, cues, ())
        assert reports_strike(s, lang) is _full_reports(s, lang), t


@pytest.mark.parametrize("code", ["en", "uk"])
def test_report_texts_meet_every_answer(code: str) -> None:
    """The texts hold each list alone, both in either order, and neither."""
    lang = language(code)
    d = discourse(lang)
    kinds = set()
    for text in REPORT_TEXTS[code]:
        no = d.no_report.search(text)
        ch = d.combat_or_habit.search(text)
        order = None if not (no and ch) else no.start() < ch.start()
        kinds.add((no is not None, ch is not None, order))
        if ch and not no:
            kinds.add(("weapon", bool(weapons(text, lang))))
    assert {
        (False, False, None),
        (True, False, None),
        (False, True, None),
        (True, True, True),
        (True, True, False),
        ("weapon", True),
        ("weapon", False),
    } <= kinds


@pytest.mark.parametrize(
    ("code", "text"), [(c, t) for c in REPORT_TEXTS for t in REPORT_TEXTS[c]]
)
def test_any_bar_groups_say_which_list(code: str, text: str) -> None:
    """any_bar matches where either list does; its group ``no`` only where
    no_report matches at that start, its group ``ch`` where combat_or_habit does."""
    d = discourse(language(code))
    for t in _variants(text):
        m = d.any_bar.search(t)
        no, ch = d.no_report.search(t), d.combat_or_habit.search(t)
        assert (m is None) == (no is None and ch is None), t
        if m is None:
            continue
        assert m.start() == min(x.start() for x in (no, ch) if x is not None)
        if m["no"] is not None:
            assert d.no_report.regex.match(t, m.start()) is not None
        else:
            assert d.combat_or_habit.regex.match(t, m.start()) is not None
            assert d.no_report.regex.match(t, m.start()) is None


# Texts with list items run together in one line ("...: – у Сумах; – у
# Шостці"), with ";" and ":" before other words, at the ends, doubled, and
# with no mark at all.
INLINE_TEXTS = [
    "Внаслідок обстрілів: – у Сумах пошкоджено будинок; – у Шостці поранено людину.",
    "Наслідки: • Київ; • Львів; 1) Одеса; 2. Харків: 🔴 Суми",
    "Обстріл: ворог атакував; люди: живі; ;: :; ::;;",
    "Київ: 3) склад; ➡️ Буча;\t– Ірпінь",
    ";– на початку: і в кінці:",
    "Без жодного знака",
    "",
    "Drones hit Kyiv: - Lviv; * Odesa; 1) Kharkiv",
]


@pytest.mark.parametrize("text", INLINE_TEXTS)
def test_inline_cuts_as_the_regex_scan(text: str) -> None:
    from geo.extract import sentences as sm

    item = sm._rules(language("uk")).inline_item
    assert item is not None
    for t in (text, text * 3, "\n".join([text, text[::-1]])):
        assert sm._inline_cuts(t, item) == [m.end() for m in item.finditer(t)], t


def test_inline_texts_hold_items_and_other_marks() -> None:
    """The texts hold marks before items (cut) and marks before words (not)."""
    from geo.extract import sentences as sm

    item = sm._rules(language("uk")).inline_item
    found = {t[m.start()] for t in INLINE_TEXTS for m in item.finditer(t)}
    marks = sum(t.count(";") + t.count(":") for t in INLINE_TEXTS)
    assert found == {";", ":"}
    assert sum(len(list(item.finditer(t))) for t in INLINE_TEXTS) < marks
