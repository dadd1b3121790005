"""Second-wave shortcuts of geo.extract.dates give the full answers."""

from __future__ import annotations

import random

import pytest

from geo.extract import dates
from geo.extract.dates import _demoted, _grammar
from geo.lang import Language

EN = Language("en")
UK = Language("uk")


def _demoted_full(sentence: str, start: int, g) -> bool:
    """``_demoted`` without its shortcut: the lead's last clause, then ``demote``."""
    lead = sentence[max(0, start - 60) : start]
    cuts = list(g.clause_cut.finditer(lead))
    if cuts:
        lead = lead[cuts[-1].end() :]
    return g.demote.search(lead) is not None


# Leads with no demoting word (the shortcut answers) and with one in the last
# clause, in an earlier clause, right after a word cut ("and since", "і до"),
# after a dash or a blank cut, in every case and with Unicode spaces
DEMOTE_TEXTS = [
    (EN, "Drones hit Sumy overnight on Monday, and missiles struck Odesa on Tuesday."),
    (EN, "Since Monday, drones hit Sumy on Tuesday and Odesa on Wednesday."),
    (EN, "Drones hit Sumy, since Monday night the city has had no power."),
    (EN, "Sumy was hit and since Monday; it will be repaired by next Friday."),
    (EN, "Talks are SCHEDULED for Friday\u2009— after the strike on Thursday."),
    (EN, "The strike,\xa0compared with May 4, killed more than on May 5 and 6."),
    (EN, "Sumy and\tsince 3 May; Odesa—since May 4; Kyiv -after May 5"),
    (UK, "Уночі 19 листопада дрони атакували Суми, а вдень обстріляли Одесу."),
    (UK, "З понеділка, і вночі на 19 листопада ворог атакував Суми."),
    (UK, "Після удару 3 листопада місто без світла, а 4 листопада знову удар."),
    (UK, "Ремонт буде завершено до 20 листопада; вночі 19 листопада удар."),
    (UK, "Суми і\xa0до 5 листопада, Одеса та після 6 листопада — НАСТУПНОГО тижня"),
    (UK, "Порівняно з 2024 роком, удари по Харкову 19.11.2025 почастішали."),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "text"), DEMOTE_TEXTS)
def test_demoted_as_the_full_path(lang, text):
    """At every offset (as in upper and lower case), the clause-cut answer."""
    g = _grammar(lang)
    for t in (text, text.upper(), text.lower()):
        for start in range(len(t) + 1):
            assert _demoted(t, start, g) is _demoted_full(t, start, g), (t, start)


def test_demoted_texts_take_both_paths():
    """The texts above both skip (no demote word) and must not skip."""
    skipped = kept = 0
    for lang, text in DEMOTE_TEXTS:
        g = _grammar(lang)
        for start in range(len(text) + 1):
            lead = text[max(0, start - 60) : start]
            if g.demote.search(lead) is None:
                skipped += 1
            else:
                kept += 1
                # a demote word only in an earlier clause: the cut decides
                kept += 1000 * (not _demoted_full(text, start, g))
    assert skipped and kept > 1000


@pytest.mark.parametrize("lang", [EN, UK])
def test_demote_reads_nothing_left_of_its_word(lang):
    r"""What the shortcut rests on: ``demote`` has no look-behind, and a clause
    cut never ends between two word characters (so ``\b`` at a clause's start
    holds at that offset of the lead wherever it holds in the clause)."""
    assert not any("(?<" in w for w in lang.dates["demote"])
    g = _grammar(lang)
    for _, text in DEMOTE_TEXTS:
        for t in (text, text.upper()):
            for m in g.clause_cut.finditer(t):
                k = m.end()
                assert not (0 < k < len(t) and t[k - 1].isalnum() and t[k].isalnum())


# Lines of pages: datelines, and the pieces of datelines whose day, month and
# year stand on lines of their own (a match may cross the line breaks there)
HEAD_LINES = {
    "en": [
        "KYIV, Nov 25 (Reuters) - Drones hit Sumy.", "ODESA, Ukraine —", "Kyiv • UNN",
        "KYIV, Nov", "Nov", "25", "25,", "2025 (Reuters) -", "25 (AP) —", "2025 —",
        "Drones hit Kharkiv overnight.", "Headline Words Here", "KHARKIV —",
        "Sumy, 3 May", "May 2025 -", "\tLVIV, 4",
    ],
    "uk": [
        "Київ, 19 листопада (Укрінформ) — Дрони атакували Суми.", "Київ, 19",
        "листопада", "листопада,", "2025 (Укрінформ) —", "19 (УНН) —", "Харків • УНН",
        "ОДЕСА —", "Вночі дрони атакували Харків.", "СУМИ, 3", "2025 —",
        "Львів, листоп.",
    ],
}  # fmt: skip
BREAKS = ["\n", "\n\n", "\n  ", " \r\n", "\n\t"]
# datelines on two and three lines, placed at every line of a page
SPLIT = {
    "en": [
        ["KYIV, Nov", "25", "2025 (Reuters) - Drones hit Sumy."],
        ["KYIV, Nov", "25 (Reuters) - Drones hit Sumy."],
        ["Odesa, 4", "May,", "2025 —"],
    ],
    "uk": [
        ["Київ, 19", "листопада", "2025 (Укрінформ) — Дрони атакували Суми."],
        ["СУМИ, листопада", "19 —"],
        ["Київ, 19", "листоп.,", "2025 (УНН) —"],
    ],
}
FILLER = "Drones hit Kharkiv overnight."


def _pages(lang: Language, n: int = 400) -> list[str]:
    rng = random.Random(14)
    pool = HEAD_LINES[lang.code]
    pages = [
        "\n".join([FILLER] * k + split + [FILLER] * 3)
        for split in SPLIT[lang.code]
        for k in range(9)
    ]
    for _ in range(n):
        k = rng.randint(1, 10)
        text = ""
        for _ in range(k):
            text += rng.choice(pool) + rng.choice(BREAKS)
        pages.append(text + rng.choice(["", "Body text follows here."]))
    return pages


@pytest.mark.parametrize("lang", [EN, UK])
def test_head_datelines_as_those_of_the_cut_text(lang):
    """From the whole text's datelines: those of its first lines, as read cut."""
    crossing = 0
    for text in _pages(lang):
        lines = dates._lines(text)
        cut = text[: lines[dates._DATELINE_LINES][0]] if len(lines) > 6 else text
        whole = tuple(dates.datelines(text, lang))
        full = dates.datelines(cut, lang)
        assert dates._head_of(text, lines, whole, lang) == full, text
        crossing += any(d.end > len(cut) for d in whole)  # the whole's reach past
        dates.datelines(text, lang)  # as the splitter: the fast path
        assert dates._LAST_DATELINES[0] is text
        assert dates._head_dateline(text, lines, lang) == next(
            (d for d in full if d.month is not None), None
        )
    assert crossing  # some datelines of the whole text cross the cut
