"""The gated discourse searches (issue 14) find what the whole patterns do.

``Discourse.quick_no_report`` and ``quick_any_bar`` search a text without
the entries that need a string the lower-cased text lacks (cues.Gated); these
tests compare them with ``no_report`` and ``any_bar`` on texts where they
skip entries and where they must not, and check what the skip rests on: the
needed string is in every match, and is found in the lower-cased text
wherever case-insensitive matching finds it.
"""

from __future__ import annotations

import re

import pytest

from geo.extract.cues import Gated, _lowers_alike, _needed, discourse
from geo.lang import language

TEXTS = [
    ("uk", "Обстрілів у місті не зафіксовано, повідомила ОВА."),
    ("uk", "ОБСТРІЛІВ ЗА НІЧ У ГРОМАДІ НЕ БУЛО, атак не фіксували."),
    ("uk", "Ударів по місту вночі немає, вибухів не чули."),
    ("uk", "Дрони атакували Одесу, пошкоджено склад."),
    ("uk", "Росіяни вдарили по Харкову, влучання в житловий будинок."),
    ("uk", "Ворог штурмував позиції біля села, атаку відбито."),
    ("uk", "Місто обстріляли 30 разів з початку місяця."),
    ("uk", "Вибухи лунали всю ніч, але ударів не зафіксовано."),
    ("uk", "Уночі атак на місто не було, ніч минула без тривоги."),
    ("uk", "У Львові відкрилася фотовиставка про наслідки ударів."),
    ("uk", "Обстрілів у громаді нема, захист міста від ударів посилено."),
    # folded letters: ᲀ (old Cyrillic в) matches в case-insensitively
    ("uk", "Захист міста ᲀід ударів посилили, обстрілів ᲂстанні дні не було."),
    # lower() lengthens İ: the offsets of the lower-cased text differ
    ("uk", "İ Обстрілів у місті не зафіксовано."),
    ("uk", "Атака на Київ, İ ударів не зафіксовано."),
    ("en", "No attacks were reported in the city overnight."),
    ("en", "The museum was not hit, but a documentary aired."),
    ("en", "Drones struck a depot near Odesa at dawn."),
    ("en", "Troops repelled 12 assaults near the village."),
    ("en", "Shelling of Kharkiv: İstanbul talks did not stop it."),
    ("uk", ""),
    ("en", ""),
]

PAIRS = (("quick_no_report", "no_report"), ("quick_any_bar", "any_bar"))


def _variants(text: str) -> list[str]:
    half = len(text) // 2
    return [text, text.upper(), text.lower(), text[:half], text[half:]]


def _same(a: re.Match[str] | None, b: re.Match[str] | None) -> bool:
    if a is None or b is None:
        return a is b
    return a.span() == b.span() and a.groupdict() == b.groupdict()


@pytest.mark.parametrize(("code", "text"), TEXTS)
@pytest.mark.parametrize(("quick", "full"), PAIRS)
def test_gated_search_is_the_full_search(code, text, quick, full) -> None:
    d = discourse(language(code))
    gated, whole = getattr(d, quick), getattr(d, full)
    assert isinstance(gated, Gated) and gated.full is whole
    for t in _variants(text):
        assert _same(gated.search(t), whole.search(t)), t


def test_ukrainian_gates_the_negation_after_a_gap() -> None:
    """The entry the gate is for is gated (else the tests above prove nothing)."""
    d = discourse(language("uk"))
    assert " не" in d.quick_no_report.needs
    assert d.quick_no_report.needs == d.quick_any_bar.needs


@pytest.mark.parametrize("code", ["en", "uk"])
def test_every_match_of_a_gated_entry_holds_its_need(code) -> None:
    """Each entry with a need, matched in the texts, holds it (case-insensitively)."""
    lang = language(code)
    seen = 0
    for key in ("negation", "not_report", "ground_combat", "habitual"):
        for entry in lang.discourse[key]:
            need = _needed(entry)
            if need is None:
                continue
            rx = re.compile(entry, re.IGNORECASE)
            for _, text in TEXTS:
                for t in _variants(text):
                    for m in rx.finditer(t):
                        seen += 1
                        found = re.search(re.escape(need), m.group(), re.I)
                        assert found is not None, (entry, t)
    if code == "uk":
        assert seen > 0


def test_needed_reads_the_gap() -> None:
    assert _needed(r"(?:обстріл\w*|удар\w*)(?: \w+){0,3} (?:не було|немає)") == " не"
    assert _needed(r"(?:a|b) (?:\w+ ){0,2}positions") == "positions"
    assert _needed(r"не (?:було|зафіксовано)") is None  # its start: no gap
    assert _needed(r"хвилин\w* мовчання") is None  # \w*: no gap of words
    assert _needed(r"(?:a|b)(?: \w+){0,3} n") is None  # too short


@pytest.mark.parametrize("code", ["en", "uk"])
def test_needs_are_found_in_lower_case_wherever_re_finds_them(code) -> None:
    """Every character re equates with a need's character lowers to it."""
    d = discourse(language(code))
    for need in d.quick_no_report.needs:
        for ch in set(need):
            rx = re.compile(re.escape(ch), re.IGNORECASE)
            for cp in range(0x30000):
                c = chr(cp)
                if rx.fullmatch(c):
                    assert c.lower() == ch or len(c.lower()) != 1, (need, c)


def test_lowers_alike_refuses_folded_letters() -> None:
    assert _lowers_alike(" не")
    assert not _lowers_alike("від ")  # в ~ ᲀ
    assert not _lowers_alike("is")  # i ~ ı, s ~ ſ
