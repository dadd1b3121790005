"""Wire datelines and dates told relative to another day (issue 13, rules 1 and 8).

Every text here is written for this file: other places, numbers and agencies
than the test sets.
"""

from __future__ import annotations

from datetime import date

import pytest

from gazetteer import get_gazetteer
from geo.extract.dates import Block, DateGuess, dated_blocks, datelines, event_date
from geo.extract.dating import Story, date_story, segments, settle
from geo.extract.extractor import extract
from geo.extract.roles import StruckPlace
from geo.extract.sentences import sentence_spans
from geo.ingest import Article
from geo.ingest.published import find_publication_date
from geo.lang import language

UK = language("uk")
THU = date(2025, 10, 16)  # a Thursday


def _article(text: str, published: date | None = THU) -> Article:
    return Article("t.txt", text, published, "option", None, None, "t.txt")


def _reports(text: str, published: date | None = THU) -> dict[str, object]:
    return {r.place.name: r for r in extract(_article(text, published)).reports}


# ------------------------------------------------------------ rule 1: datelines

DATELINES = [
    # (paragraph, dateline as cut, its month and day)
    ("LVIV, Ukraine (AP) — Russian missiles hit Sumy.", "LVIV, Ukraine (AP) —", None),
    ("DNIPRO, Oct 15 (Reuters) - Drones hit Sumy.", "DNIPRO, Oct 15 (Reuters) -",
     (10, 15)),
    ("CHERNIHIV, Ukraine, October 15 (Reuters) - Drones hit Sumy.",
     "CHERNIHIV, Ukraine, October 15 (Reuters) -", (10, 15)),
    ("Poltava, 15 October (Ukrinform) – Drones hit Sumy.",
     "Poltava, 15 October (Ukrinform) –", (10, 15)),
    ("Vinnytsia • UNN Drones hit Sumy.", "Vinnytsia • UNN", None),
    ("RIVNE —  Drones hit Sumy overnight.", "RIVNE —", None),
    ("KRYVYI RIH, Ukraine — Drones hit Sumy.", "KRYVYI RIH, Ukraine —", None),
    ("Uzhhorod (AFP) - Drones hit Sumy.", "Uzhhorod (AFP) -", None),
    ("ZHYTOMYR. Oct 15 (Interfax-Ukraine) - Drones hit Sumy.",
     "ZHYTOMYR. Oct 15 (Interfax-Ukraine) -", (10, 15)),
    ("Lutsk, Ukraine CNN — Drones hit Sumy.", "Lutsk, Ukraine CNN —", None),
    ("MYKOLAIV, Ukraine, Oct. 15, 2025 (AP) — Drones hit Sumy.",
     "MYKOLAIV, Ukraine, Oct. 15, 2025 (AP) —", (10, 15)),
]  # fmt: skip


@pytest.mark.parametrize(("para", "cut", "day"), DATELINES)
def test_a_dateline_is_found_with_its_date(para, cut, day):
    (found,) = datelines("Headline\n\n" + para)
    text = "Headline\n\n" + para
    assert text[found.start : found.end].strip() == cut
    assert (found.month, found.day) == (day or (None, None))


@pytest.mark.parametrize(("para", "cut", "day"), DATELINES)
def test_a_dateline_is_a_sentence_of_its_own(para, cut, day):
    text = "Headline\n\n" + para
    got = [text[a:b] for a, b in sentence_spans(text)]
    assert cut in got


@pytest.mark.parametrize(
    "para",
    [
        "Kharkiv, Sumy — both cities came under fire.",
        "Nikopol (Dnipropetrovsk region) – two people were injured.",
        "Russian drones hit Kharkiv — the mayor said.",
        "RUSSIAN DRONES HIT KHARKIV — MAYOR",
        "Lviv • Ternopil",
        "Zaporizhzhia — a glide bomb hit a warehouse.",
        "Kyiv, Ukraine — a glide bomb hit a warehouse.",
    ],
)
def test_no_dateline(para):
    assert datelines(para) == []


def test_a_ukrainian_dateline():
    text = "Київ, 14 жовтня (Укрінформ) — У Сумах поранено двох."
    (found,) = datelines(text, UK)
    assert (found.place, found.month, found.day) == ("Київ", 10, 14)
    assert text[found.end :] == "У Сумах поранено двох."
    # a place and a bracketed count in a list is no dateline
    assert datelines("Нікополь (3 удари) – поранено жінку.", UK) == []


@pytest.mark.parametrize(
    ("text", "place", "killed", "injured"),
    [
        (
            "Drones kill 3 in Sumy\n\nLVIV, Ukraine (AP) — A Russian drone attack "
            "on Sumy killed three people and wounded eleven on Wednesday, officials "
            "said.",
            "Sumy",
            3,
            11,
        ),
        (
            "Missiles hit Kremenchuk\n\nDNIPRO, Oct 15 (Reuters) - Russian missiles "
            "struck Kremenchuk overnight, killing one person and injuring six, the "
            "governor said.",
            "Kremenchuk",
            1,
            6,
        ),
        (
            "Vinnytsia • UNN Russian drones struck Uman overnight, injuring four "
            "people, the regional governor said.",
            "Uman",
            None,
            4,
        ),
    ],
)
def test_the_dateline_place_is_no_event_and_the_strike_keeps_its_figures(
    text, place, killed, injured
):
    reports = _reports(text)
    assert set(reports) == {place}
    assert (reports[place].killed, reports[place].injured) == (killed, injured)


def test_the_dateline_date_anchors_the_story():
    # published the next day: "overnight" is the night into the filing day
    text = (
        "Missiles hit Kremenchuk\n\nDNIPRO, Oct 14 (Reuters) - Russian missiles "
        "struck Kremenchuk overnight, killing one person, officials said."
    )
    (rep,) = extract(_article(text, date(2025, 10, 15))).reports
    assert rep.date == date(2025, 10, 14)
    assert rep.window == (date(2025, 10, 13), date(2025, 10, 14))


@pytest.mark.parametrize(
    ("published", "dateline", "ref"),
    [
        (date(2025, 10, 15), "Oct 14", date(2025, 10, 14)),
        (date(2026, 1, 1), "Dec 31", date(2025, 12, 31)),  # the year nearest
        (date(2025, 12, 31), "Jan 1", date(2026, 1, 1)),
        (None, "March 3, 2025", date(2025, 3, 3)),
        (None, "Oct 14", None),  # no year: no date
    ],
)
def test_the_dateline_dates_the_body(published, dateline, ref):
    text = f"Headline\n\nDNIPRO, {dateline} (Reuters) - Drones hit Sumy."
    (block,) = dated_blocks(text, published)
    assert block.ref_date == ref
    assert block.dated_by == ("wire_dateline" if ref else "published")


# ---------------------------------------------- rule 8: relative to another day

WED = date(2025, 10, 15)


@pytest.mark.parametrize(
    ("sentence", "place", "expected"),
    [
        # a strike told in passing, dated back from the day the clause names
        (
            "The prime minister toured Chernihiv on Wednesday, a day after a "
            "Russian missile attack on the city killed five people.",
            "Chernihiv",
            date(2025, 10, 14),
        ),
        (
            "Rescuers were still clearing rubble in Uman on Wednesday, two days "
            "after a drone strike hit a dormitory.",
            "Uman",
            date(2025, 10, 13),
        ),
        # the place's own clause reports a strike: its own day
        (
            "Drones hit Poltava on Wednesday, a day after a missile strike on "
            "Kremenchuk killed two.",
            "Poltava",
            date(2025, 10, 15),
        ),
        (
            "Drones hit Poltava on Wednesday, a day after a missile strike on "
            "Kremenchuk killed two.",
            "Kremenchuk",
            date(2025, 10, 14),
        ),
        # ... and that clause is told from the sentence's other clauses: a
        # nearer day in another one is not the place's
        (
            "On Monday Russian drones that had circled for hours over the whole "
            "north finally hit Sumy, a day after a missile attack on Kharkiv, "
            "and on Tuesday rescuers searched the rubble.",
            "Sumy",
            date(2025, 10, 13),
        ),
        # "the previous evening" counts from the day the sentence names
        (
            "The toll rose on Tuesday to eight from a drone strike on a dormitory "
            "in Sumy the previous evening, officials said.",
            "Sumy",
            date(2025, 10, 13),
        ),
        (
            "On Monday, investigators examined a school in Konotop hit by a "
            "missile the day before.",
            "Konotop",
            date(2025, 10, 12),
        ),
        # a possessive date owns the attack even after "from"
        (
            "The number of dead from yesterday's Russian attack on Izmail rose to "
            "5, the governor said on Wednesday morning.",
            "Izmail",
            date(2025, 10, 14),
        ),
    ],
)
def test_a_date_relative_to_another_day(sentence, place, expected):
    guess = event_date(sentence, WED, anchor=sentence.index(place))
    assert guess.date == expected


@pytest.mark.parametrize(
    ("sentence", "place"),
    [
        ("Drones hit Sumy, two days after talks in Geneva ended.", "Sumy"),
        # the attack words after "after" belong to the main clause: the strike
        # followed the talks, its day is not known from them
        ("A day after talks in Istanbul drones attacked Kyiv.", "Kyiv"),
        ("Two days after the summit in Rome, Russian missiles struck Lviv.", "Lviv"),
    ],
)
def test_after_another_event_is_no_date_of_the_strike(sentence, place):
    assert event_date(sentence, WED, anchor=sentence.index(place)).cue == "published"


def test_after_an_attack_told_as_a_clause_dates_it():
    s = "A day after Russian drones attacked Kyiv, the mayor visited Irpin."
    assert event_date(s, WED, anchor=s.index("Kyiv")).date == date(2025, 10, 14)


def test_the_previous_night_counts_from_the_storys_day():
    s = "A school in Romny was hit the previous night."
    guess = event_date(s, WED, anchor=s.index("Romny"), pivot=date(2025, 10, 13))
    assert (guess.date, guess.window) == (
        date(2025, 10, 13),
        (date(2025, 10, 12), date(2025, 10, 13)),
    )


def test_a_strike_told_in_passing_is_dated_in_extraction():
    text = (
        "Toll from Sumy strike rises\n\n"
        "The toll rose on Wednesday to seven from a Russian drone strike on a "
        "dormitory in Sumy the previous evening, the mayor said."
    )
    reports = _reports(text, date(2025, 10, 15))
    assert reports["Sumy"].date == date(2025, 10, 14)


# --------------------------------------------- a placeless sentence dates on

BLOCK = Block(0, 1000, WED, "published")


@pytest.mark.parametrize(
    ("sentence", "lang", "expected"),
    [
        ("On Sunday night Russia launched 70 drones at Ukraine.", None, 12),
        ("У неділю ввечері російські дрони летіли на північ країни.", UK, 12),
        ("On Monday the president met the foreign minister.", None, None),
        ("Last week Russia launched 400 drones at Ukraine.", None, None),
    ],
)
def test_date_story(sentence, lang, expected):
    story = settle(date_story(sentence, WED, BLOCK, None, lang))
    if expected is None:
        assert story is None
    else:
        assert story is not None and story.guess.date == date(2025, 10, expected)


def test_date_story_keeps_the_story_without_a_day():
    story = Story(BLOCK, DateGuess(date(2025, 10, 11), "day", None, "on Saturday"))
    assert settle(date_story("Russian drones flew west.", WED, BLOCK, story)) is story


def test_the_newest_told_sentence_with_a_day_dates_the_story():
    told = date_story("On Sunday Russian drones flew west.", WED, BLOCK, None)
    told = date_story("The president met the minister on Monday.", WED, BLOCK, told)
    story = settle(told)
    assert story is not None and story.guess.date == date(2025, 10, 12)
    # three sentences back is too far
    told = date_story("Russian drones flew north.", WED, BLOCK, told)
    assert settle(told) is None


# ------------------------------------------------- segments of several places


@pytest.fixture(scope="module")
def gaz():
    return get_gazetteer()


def _struck(gaz, sentence, names):
    return tuple(
        StruckPlace(gaz.lookup(n).place, 1.0, None, sentence.index(w)) for n, w in names
    )


def test_forward_segments_give_each_place_the_words_after_its_name(gaz):
    s = "У Ромнах пошкоджено школу, загинув чоловік, а в Конотопі поранено трьох"
    parts = segments(
        s, _struck(gaz, s, [("Romny", "Ромнах"), ("Konotop", "Конотопі")]), UK
    )
    assert parts == [
        "У Ромнах пошкоджено школу, загинув чоловік,",
        " а в Конотопі поранено трьох",
    ]


def test_forward_segments_join_a_place_named_twice(gaz):
    s = "Обстріляли Шостку і Глухів, у Шостці поранено двох, у Глухові — вісім."
    names = [("Shostka", "Шостку"), ("Hlukhiv", "Глухів"), ("Shostka", "Шостці"),
             ("Hlukhiv", "Глухові")]  # fmt: skip
    shostka, hlukhiv, _, _ = segments(s, _struck(gaz, s, names), UK)
    assert shostka == "Обстріляли Шостку і ... у Шостці поранено двох,"
    # the count after the dash takes the verb before it ("вісім поранені")
    assert "у Глухові — вісім поранені." in hlukhiv and "Шостці" not in hlukhiv


def test_english_segments_run_up_to_each_name(gaz):
    s = (
        "Shelling left 4 dead and 12 injured in Nikopol, one dead in Marhanets, "
        "and two injured in Pokrov, officials said."
    )
    names = [("Nikopol", "Nikopol"), ("Marhanets", "Marhanets"), ("Pokrov", "Pokrov")]
    nikopol, marhanets, pokrov = segments(s, _struck(gaz, s, names))
    assert "4 dead and 12 injured" in nikopol and "Marhanets" not in nikopol
    assert "one dead" in marhanets and "4 dead" not in marhanets
    assert "two injured" in pokrov and "one dead" not in pokrov


# ------------------------------------------- a dated dateline as publication


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Title\n\nRIVNE, Ukraine, May 7, 2025 (AP) — Drones hit.", date(2025, 5, 7)),
        ("Заголовок\nЛуцьк, 6 травня 2025 (Укрінформ) — У Сумах загинула жінка.",
         date(2025, 5, 6)),
        ("Title\nRIVNE, May 7 (Reuters) - Drones hit Sumy.", None),  # no year
        ("Title\nOn May 7, 2025 Russia — launched drones.", None),  # no dateline
        # a cued line wins over it
        ("Title\nPublished: 9 May 2025\nRIVNE, May 7, 2025 (AP) — Drones hit Sumy.",
         date(2025, 5, 9)),
    ],
)  # fmt: skip
def test_a_dated_wire_dateline_dates_an_undated_text(text, expected):
    assert find_publication_date(text).date == expected


@pytest.mark.parametrize(
    ("sentence", "place", "expected"),
    [
        # the place's clause tells a visit, the relative clause after it the
        # strike and its day
        (
            "The prime minister on Wednesday visited Lutsk, where a missile strike "
            "on a market killed six people, including a child, on Monday.",
            "Lutsk",
            date(2025, 10, 13),
        ),
        # an elided verb is no relative clause: each place keeps its own day
        (
            "Drones hit Kharkiv on Monday, Sumy on Tuesday and Odesa on Sunday.",
            "Sumy",
            date(2025, 10, 14),
        ),
    ],
)
def test_a_relative_clause_tells_the_strike_at_the_place(sentence, place, expected):
    assert event_date(sentence, WED, anchor=sentence.index(place)).date == expected


def test_a_visit_where_a_strike_killed_is_a_strike():
    text = (
        "The prime minister on Wednesday visited Lutsk, where a missile strike "
        "on a market killed six people on Monday."
    )
    got = extract(_article(text, WED))
    assert [(r.place.name, r.date, r.killed) for r in got.reports] == [
        ("Lutsk", date(2025, 10, 13), 6)
    ]
    # a visit where no strike is told stays a visit
    text = "The president visited Lutsk, where he met soldiers, as drones hit Kovel."
    got = extract(_article(text, WED))
    assert [r.place.name for r in got.reports] == ["Kovel"]
    assert [(i.place, i.reason) for i in got.ignored] == [("Lutsk", "visit")]
