"""Ukrainian dates: event dates of sentences, date lines, publication datelines.

Every sentence is written for this file (other places, numbers and word orders
than the test set).  The reference date is fixed: Thursday 20 November 2025
unless a case says otherwise.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from geo.extract.dates import dated_blocks, event_date, parse_date_line
from geo.extract.extractor import extract
from geo.extract.records import Extraction
from geo.ingest import Article
from geo.ingest.published import PublicationDate, find_publication_date, search_date
from geo.lang import Language

UK = Language("uk")
REF = date(2025, 11, 20)  # a Thursday
Y = date(2025, 11, 19)  # the day before
D = date


def _extraction(text: str, published: date) -> Extraction:
    """The extraction of ``text`` read as Ukrainian, published that day."""
    return extract(Article("t", text, published, "test", None, None, "t", (), "uk"))


def _day(d: date) -> tuple[date, str, tuple[date, date]]:
    return d, "day", (d, d)


def _night(d: date) -> tuple[date, str, tuple[date, date]]:
    return d, "day", (d - timedelta(days=1), d)


CASES = [
    # explicit dates, genitive months, years with "року"
    (
        "19 листопада ракета влучила в адмінбудівлю Павлограда.",
        REF,
        _day(Y),
    ),
    ("Ракета влучила у ТЕЦ 19 листопада 2025 року.", REF, _day(Y)),
    ("Удар по Ізмаїлу стався 3 жовтня.", REF, _day(D(2025, 10, 3))),
    (
        "Обстріл Бахмача 31 грудня забрав життя двох людей.",
        D(2026, 1, 2),
        _day(D(2025, 12, 31)),
    ),
    ("1 березня КАБ влучив у ліцей у Куп’янську.", D(2026, 3, 2), _day(D(2026, 3, 1))),
    ("Дрон атакував Ніжин 7 лист. 2025 р.", REF, _day(D(2025, 11, 7))),
    (
        "Атака на Конотоп сталася 19.11.2025 близько полудня.",
        REF,
        _day(Y),
    ),
    ("19.11 шахед влучив у склад у Лозовій.", REF, _day(Y)),
    (
        "Станом на 05.11 відомо про п'ятьох поранених у Дружківці.",
        REF,
        _day(D(2025, 11, 4)),
    ),
    # overnight
    ("У ніч на 19 листопада дрони атакували Полтаву.", REF, _night(Y)),
    ("В ніч проти 7 березня ворог вдарив по Ізмаїлу.", REF, _night(D(2025, 3, 7))),
    (
        "У ніч з 17 на 18 листопада горіла нафтобаза у Смілі.",
        REF,
        _night(D(2025, 11, 18)),
    ),
    (
        "У ніч на 1 березня ракети влучили в Умань.",
        D(2026, 3, 2),
        _night(D(2026, 3, 1)),
    ),
    ("Уночі на 12.11 вибухи лунали в Ромнах.", REF, _night(D(2025, 11, 12))),
    ("У ніч на 12.11 вибухи лунали в Ромнах.", REF, _night(D(2025, 11, 12))),
    ("Вночі шахеди атакували Ізмаїл.", REF, _night(REF)),
    ("Уночі окупанти гатили по Нікополю з артилерії.", REF, _night(REF)),
    ("Минулої ночі дрони вдарили по Кременчуку.", REF, _night(REF)),
    ("Цієї ночі ворог атакував Чернігів.", REF, _night(REF)),
    ("Сьогодні вночі у Фастові пролунали вибухи.", REF, _night(REF)),
    (
        "Наслідки нічної атаки на Білу Церкву ліквідовують рятувальники.",
        REF,
        _night(REF),
    ),
    # the day before, today, the day before yesterday
    ("Учора ввечері дрон влучив у будинок у Сумах.", REF, _day(Y)),
    ("Вчора окупанти обстріляли Херсон.", REF, _day(Y)),
    ("Позавчора ракета влучила в Ковель.", REF, _day(D(2025, 11, 18))),
    # the part of the day belongs to "позавчора", not to today
    ("Позавчора ввечері дрони атакували Луцьк.", REF, _day(D(2025, 11, 18))),
    (
        "Позавчора вночі шахеди атакували Володимир.",
        REF,
        (D(2025, 11, 18), "day", (D(2025, 11, 18), Y)),
    ),
    ("Сьогодні вранці КАБ поцілив у Словʼянськ.", REF, _day(REF)),
    ("Вранці росіяни атакували Павлоград.", REF, _day(REF)),
    ("Зранку ворог скинув бомби на Костянтинівку.", REF, _day(REF)),
    ("Увечері пролунали вибухи в Охтирці.", REF, _day(REF)),
    ("Ввечері дрон влучив у підстанцію в Прилуках.", REF, _day(REF)),
    ("Три дні тому ракета влучила в Лубни.", REF, _day(D(2025, 11, 17))),
    # weekdays: the last such day on or before the reference day
    ("У неділю дрони атакували Житомир.", REF, _day(D(2025, 11, 16))),
    ("У неділю дрони атакували Житомир.", D(2025, 11, 23), _day(D(2025, 11, 23))),
    ("В понеділок ракета влучила в Хмельницький.", REF, _day(D(2025, 11, 17))),
    ("У середу обстріляли Мирноград.", REF, _day(Y)),
    ("У п'ятницю окупанти атакували Глухів.", REF, _day(D(2025, 11, 14))),
    ("У п’ятницю ввечері окупанти атакували Глухів.", REF, _day(D(2025, 11, 14))),
    ("У суботу вдень FPV-дрон атакував авто в Херсоні.", REF, _day(D(2025, 11, 15))),
    ("У четвер вранці ворог вдарив по Запоріжжю.", REF, _day(REF)),
    ("Минулого четверга ворог вдарив по Запоріжжю.", REF, _day(D(2025, 11, 13))),
    ("У ніч на неділю шахеди атакували Вінницю.", REF, _night(D(2025, 11, 16))),
    (
        "В ніч з суботи на неділю шахеди атакували Вінницю.",
        REF,
        _night(D(2025, 11, 16)),
    ),
    ("У неділю вночі шахеди атакували Вінницю.", REF, _night(D(2025, 11, 16))),
    # a day summary: the day before publication
    (
        "Протягом минулої доби ворог 14 разів обстріляв громади Сумщини.",
        REF,
        _day(Y),
    ),
    (
        "Минулої доби росіяни атакували 9 населених пунктів області.",
        REF,
        _day(Y),
    ),
    (
        "За минулу добу ворог завдав 420 ударів по Запорізькій області.",
        REF,
        _day(Y),
    ),
    ("За добу окупанти 30 разів обстріляли Херсонщину.", REF, _day(Y)),
    ("Упродовж доби ворог атакував Нікопольщину дронами.", REF, _day(Y)),
    # "станом на": the report's time stamp; the summary covers the day before
    ("Ситуація в області станом на 08:00 20 листопада.", REF, _day(Y)),
    (
        "Станом на ранок 3 жовтня відомо про удари по Чугуєву.",
        D(2025, 10, 3),
        _day(D(2025, 10, 2)),
    ),
    # times are no dates
    ("О 10.05 пролунали вибухи у Херсоні.", REF, (REF, "day", (REF, REF))),
    ("Близько 03:00 дрон влучив у будинок у Лозовій.", REF, (REF, "day", (REF, REF))),
]


@pytest.mark.parametrize(("sentence", "ref", "expected"), CASES)
def test_event_date(sentence, ref, expected):
    got = event_date(sentence, ref, lang=UK)
    assert (got.date, got.precision, got.window) == expected, got.cue


@pytest.mark.parametrize(
    ("sentence", "place", "window"),
    [
        ("Позавчора ввечері дрони атакували Луцьк.", "Луцьк",
         (D(2025, 11, 18), D(2025, 11, 18))),
        ("Позавчора вночі шахеди атакували Володимир.", "Володимир",
         (D(2025, 11, 18), Y)),
    ],
)  # fmt: skip
def test_a_part_of_the_day_before_yesterday_is_of_that_day(sentence, place, window):
    # the place is nearer the part of the day than "позавчора": one expression
    got = event_date(sentence, REF, anchor=sentence.index(place), lang=UK)
    assert (got.date, got.window) == (D(2025, 11, 18), window), got.cue


@pytest.mark.parametrize(
    "sentence",
    ["О 10.05 пролунали вибухи у Херсоні.", "Близько 03:00 дрон влучив у будинок."],
)
def test_times_are_not_dates(sentence):
    assert event_date(sentence, REF, lang=UK).cue == "published"


def test_vague_days_give_no_day():
    got = event_date("Днями ворог атакував Вовчанськ.", REF, lang=UK)
    assert (got.date, got.precision, got.window) == (None, "unknown", None)


@pytest.mark.parametrize(
    ("sentence", "precision", "window"),
    [
        ("Минулого тижня внаслідок удару по Білгороду-Дністровському загинули двоє.",
         "week", (D(2025, 11, 10), D(2025, 11, 16))),
        ("На цьому тижні ворог тричі атакував Шостку.",
         "week", (D(2025, 11, 17), REF)),
        ("У березні росіяни атакували Гадяч.",
         "month", (D(2025, 3, 1), D(2025, 3, 31))),
        ("Наприкінці жовтня дрони атакували Прилуки.",
         "month", (D(2025, 10, 1), D(2025, 10, 31))),
        ("Минулого місяця ракета влучила в Очаків.",
         "month", (D(2025, 10, 1), D(2025, 10, 31))),
    ],
)  # fmt: skip
def test_weeks_and_months(sentence, precision, window):
    got = event_date(sentence, REF, lang=UK)
    assert (got.precision, got.window) == (precision, window)


@pytest.mark.parametrize(
    "sentence",
    [
        "Похорон загиблих відбудеться 22 листопада.",
        "З 1 листопада ворог обстріляв Херсон понад 300 разів.",
        "Наступного понеділка в Ірпені відкриють укриття.",
        "До неділі в Ірпені триватиме розбір завалів.",
        "Ворог планує атакувати енергетику Куп’янська в грудні.",
    ],
)
def test_dates_of_other_events_are_passed_over(sentence):
    assert event_date(sentence, REF, lang=UK).cue == "published"


@pytest.mark.parametrize(
    ("sentence", "place", "expected"),
    [
        # a week or month of another clause tells an earlier attack
        ("Дрони знову атакували Суми: минулого тижня внаслідок удару загинули троє.",
         "Суми", REF),
        ("Дрон влучив у школу в Ахтирці, у березні росіяни вже атакували це місто.",
         "Ахтирці", REF),
        ("Шахед влучив у Фастів, а 5 листопада ворог востаннє атакував місто.",
         "Фастів", REF),
        # ... but dates its own clause
        ("Шахед влучив у Фастів, у березні росіяни вже атакували Бучу.",
         "Бучу", D(2025, 3, 1)),
        # a date of another clause that tells no other event still dates it
        ("Вночі дрони атакували Конотоп, пошкоджено будинки у Шостці.",
         "Шостці", REF),
        ("Протягом минулої доби ворог атакував Нікополь, Марганецьку та "
         "Покровську громади.",
         "Покровську", Y),
    ],
)  # fmt: skip
def test_a_date_of_an_earlier_attack_stays_in_its_clause(sentence, place, expected):
    got = event_date(sentence, REF, anchor=sentence.index(place), lang=UK)
    assert got.date == expected, got.cue


def test_an_attack_noun_owns_the_date_after_it():
    s = (
        "18 листопада рятувальники завершили розбирати завали "
        "після удару 15 листопада по Дніпру."
    )
    assert event_date(s, REF, lang=UK).date == D(2025, 11, 15)


# ------------------------------------- relative to another day ("через день після")

WED = D(2025, 10, 15)


@pytest.mark.parametrize(
    ("sentence", "place", "expected", "window"),
    [
        # a strike told in passing is dated back from the day the clause names
        ("У середу в Чорткові рятувальники ще розбирали завали, через день після "
         "масованої атаки дронів на місто.",
         "Чорткові", D(2025, 10, 14), None),
        ("Рятувальники в середу ще розбирали завали в Умані через два дні після "
         "того, як дрон влучив у гуртожиток.",
         "Умані", D(2025, 10, 13), None),
        ("Наступного дня після обстрілу Херсона мер розповів про наслідки.",
         "Херсона", D(2025, 10, 14), None),
        ("Через добу після удару по Білій Церкві губернатор повідомив про ще "
         "одного загиблого.",
         "Білій", D(2025, 10, 14), None),
        ("Через кілька годин після атаки на Ізюм окупанти вдарили знову.",
         "Ізюм", WED, (D(2025, 10, 14), WED)),
        # the place's own clause reports a strike: its own day ...
        ("У середу дрони атакували Полтаву, через день після ракетного удару по "
         "Кременчуку.",
         "Полтаву", WED, None),
        # ... and the attack after "після" is the day before it
        ("У середу дрони атакували Полтаву, через день після ракетного удару по "
         "Кременчуку.",
         "Кременчуку", D(2025, 10, 14), None),
        # a nearer day in another clause is not the place's
        ("У понеділок російські дрони після кількох годин над північчю таки "
         "вдарили по Сумах, через день після ракетної атаки на Харків, а у "
         "вівторок рятувальники розбирали завали.",
         "Сумах", D(2025, 10, 13), None),
    ],
)  # fmt: skip
def test_a_date_relative_to_another_day(sentence, place, expected, window):
    got = event_date(sentence, WED, anchor=sentence.index(place), lang=UK)
    assert got.date == expected, got.cue
    if window:
        assert got.window == window


@pytest.mark.parametrize(
    ("sentence", "place", "expected"),
    [
        # "напередодні", "днем раніше": the day before the day the sentence names
        ("У вівторок голова ОВА повідомив, що напередодні ракета влучила в "
         "Миргород.", "Миргород", D(2025, 10, 13)),
        ("У вівторок увечері дрони атакували Лубни, а днем раніше ракета "
         "влучила в Гадяч.", "Гадяч", D(2025, 10, 13)),
        # ... else the day before the reference day, as before
        ("Напередодні ракета влучила в Миргород.", "Миргород", D(2025, 10, 14)),
        # the eve of a holiday is no date of the strike
        ("Напередодні Різдва дрони атакували Миргород.", "Миргород", WED),
    ],
)  # fmt: skip
def test_the_day_before_counts_from_the_day_named(sentence, place, expected):
    got = event_date(sentence, WED, anchor=sentence.index(place), lang=UK)
    assert got.date == expected, got.cue


@pytest.mark.parametrize(
    ("sentence", "place"),
    [
        # "після" another event: the attack follows it, its day is not known
        ("Через день після переговорів у Стамбулі дрони атакували Київ.", "Київ"),
        ("Дрони вдарили по Сумах через два дні після завершення переговорів у "
         "Женеві.", "Сумах"),
    ],
)  # fmt: skip
def test_after_another_event_is_no_date_of_the_strike(sentence, place):
    got = event_date(sentence, WED, anchor=sentence.index(place), lang=UK)
    assert got.cue == "published"


def test_a_week_after_gives_a_week():
    s = "Через тиждень після масованої атаки на Львів у місті досі немає світла."
    got = event_date(s, WED, anchor=s.index("Львів"), lang=UK)
    assert (got.date, got.precision) == (D(2025, 10, 8), "week")


# ------------------------------------------------------------ date lines


@pytest.mark.parametrize(
    ("line", "expected", "kind"),
    [
        ("Опубліковано: 19 листопада 2025, 10:15", D(2025, 11, 19), "date_line"),
        ("19.11.2025 10:15", D(2025, 11, 19), "date_line"),
        ("Середа, 19 листопада 2025 року", D(2025, 11, 19), "date_line"),
        ("3 години тому", REF, "relative_line"),
        ("Сьогодні, 09:40", REF, "relative_line"),
        ("вчора, 22:10", None, "relative_line"),
    ],
)
def test_date_lines(line, expected, kind):
    got = parse_date_line(line, REF, lang=UK)
    assert got is not None and (got.date, got.kind) == (expected, kind)


def test_teasers_under_the_story_keep_their_own_dates():
    text = (
        "Дрони атакували Кременчук\n"
        + "Уночі ворог атакував місто ударними дронами, пошкоджено підприємство. " * 3
        + "\nЧитайте також\nУдар по Лубнах: пошкоджено газогін\n"
        "12 листопада 2025, 08:30\n"
        "Ракетна атака на Полтаву\n5 листопада 2025, 07:10\n"
    )
    blocks = dated_blocks(text, REF, lang=UK)
    at = {
        text[b.start : b.end].strip().splitlines()[0]: b.ref_date
        for b in blocks
        if text[b.start : b.end].strip()
    }
    assert at["Удар по Лубнах: пошкоджено газогін"] == D(2025, 11, 12)
    assert at["Ракетна атака на Полтаву"] == D(2025, 11, 5)
    assert blocks[0].ref_date == REF


# ------------------------------------------------------ publication dates


@pytest.mark.parametrize(
    "text",
    [
        "Вибухи в Одесі\n19 листопада 2025, 10:15\nУночі ворог атакував порт.",
        "Вибухи в Одесі\n19.11.2025 10:15\nУночі ворог атакував порт.",
        "Вибухи в Одесі\nОпубліковано: 19 листопада 2025\nУночі ворог атакував порт.",
        "Вибухи в Одесі\nОпубліковано 19 листопада 2025 року о 10:15\nТекст.",
        "Новини\nСереда, 19 листопада 2025, 10:15\nТекст.",
        "Новини\nСр, 19.11.2025, 10:15\nТекст.",
        "Вибухи в Одесі\nОновлено: 21 листопада 2025\n"
        "Опубліковано: 19 листопада 2025\nТекст.",
    ],
)
def test_ukrainian_datelines_give_the_publication_date(text):
    assert find_publication_date(text) == PublicationDate(
        D(2025, 11, 19), "published-line"
    )


def test_a_ukrainian_date_in_the_body_is_no_dateline():
    text = (
        "Вибухи в Одесі\n"
        + "Удар 19 листопада 2025 року зруйнував склад у порту Одеси. " * 4
    )
    assert find_publication_date(text).date is None


@pytest.mark.parametrize(
    ("s", "expected"),
    [("19 листопада 2025", D(2025, 11, 19)), ("1 березня 2026 р.", D(2026, 3, 1)),
     ("Published February 3, 2026", D(2026, 2, 3))],
)  # fmt: skip
def test_search_date_reads_ukrainian_months(s, expected):
    found = search_date(s)
    assert found is not None and found.date == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("У понеділок російські дрони після кількох годин над північчю таки "
         "вдарили по Сумах, через день після ракетної атаки на Харків, а у "
         "вівторок рятувальники розбирали завали.",
         {"Sumy": D(2025, 10, 13), "Kharkiv": D(2025, 10, 12)}),
        ("Через день після переговорів у Стамбулі дрони атакували Житомир.",
         {"Zhytomyr": WED}),
        # "напередодні" counts from the story's day
        ("У вівторок дрони атакували Лубни. Напередодні ракета влучила в Миргород.",
         {"Lubny": D(2025, 10, 14), "Myrhorod": D(2025, 10, 13)}),
    ],
)  # fmt: skip
def test_an_article_dates_a_strike_from_another_day(text, expected):
    got = {r.place.name: r.date for r in _extraction(text, WED).reports}
    assert got == expected


def test_a_relative_clause_dates_the_strike_at_the_place():
    s = "У середу прем'єр відвідав Луцьк, де в понеділок ракета вбила шістьох людей."
    got = event_date(s, WED, anchor=s.index("Луцьк"), lang=UK)
    assert got.date == D(2025, 10, 13), got.cue


def test_a_visit_where_a_strike_killed_is_a_strike():
    text = "У середу прем'єр відвідав Луцьк, де в понеділок ракета вбила шістьох людей."
    got = _extraction(text, WED)
    assert [(r.place.name, r.date, r.killed) for r in got.reports] == [
        ("Lutsk", D(2025, 10, 13), 6)
    ]
    text = (
        "Президент відвідав Луцьк, де зустрівся з військовими, а дрони атакували "
        "Ковель."
    )
    got = _extraction(text, WED)
    assert [r.place.name for r in got.reports] == ["Kovel"]
    assert [(i.place, i.reason) for i in got.ignored] == [("Lutsk", "visit")]
