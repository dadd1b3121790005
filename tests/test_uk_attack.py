"""Ukrainian attack language, not-event roles, weapons, targets and launch tallies.

Every sentence here was written for these tests (issue 12), in the style of oblast
administration posts, Telegram channels and Ukrainian news, with other places,
numbers, word orders and cases than the test set in tests/data/uk.
"""

from __future__ import annotations

import pytest

from geo.extract.attributes import launched, targets, weapons
from geo.extract.cues import (
    NOT_EVENT_ROLES,
    attack_cues,
    cue_hits,
    foreign_places,
    has_attack,
    mention_role,
    roles,
)
from geo.extract.lexicon import fragment
from geo.lang import Language


@pytest.fixture(scope="module")
def uk() -> Language:
    return Language("uk")


def _role(sentence: str, name: str, lang: Language) -> str | None:
    start = sentence.index(name)
    return mention_role(sentence, start, start + len(name), lang)


# ------------------------------------------------------------- attack cues

ATTACKS = [
    "Вночі окупанти атакували Суми ударними безпілотниками.",
    "Ворог обстріляв Нікополь з важкої артилерії.",
    "Росіяни завдали ракетного удару по Дніпру.",
    "Армія РФ завдала двох ударів по Слов'янську.",
    "Зранку ворог вдарив по Краматорську балістикою.",
    "Російські війська поцілили в підприємство на околиці Полтави.",
    "Ракета влучила у багатоповерхівку в Тернополі.",
    "Зафіксовано влучання в будівлю складу у Броварах.",
    "У Львові пролунали вибухи.",
    "Приліт у центрі Кременчука.",
    "Окупанти скинули три керовані авіабомби на Куп'янськ.",
    "На Вовчанськ скинули КАБи.",
    "Атака дронів на Чернігів тривала майже три години.",
    "Обстрілів зазнали Великописарівська та Краснопільська громади.",
    "Протягом доби ворог завдав 27 ударів по 9 населених пунктах області.",
    "Херсон знову під обстрілом.",
    "Росіяни всю ніч гатили по Гуляйполю.",
    "По Мирнограду окупанти били з мінометів.",
    "Уночі в Ізмаїлі прогримів вибух.",
    "Рашисти накрили село вогнем з РСЗВ.",
    "Шахед влетів у житловий будинок на Салтівці.",
    "Зафіксовано падіння КАБа на околиці Лимана.",
    "Росія вгатила по Сумах ракетами.",
    "Окупанти завдали авіаудару по Костянтинівці.",
    # "launched ... at": the place after "по" is struck
    "Уночі ворог випустив п’ять ракет по Вінниці.",
    "Вночі Росія випустила по Рівному крилаті ракети.",
    "Росіяни запустили по Ізюму два десятки шахедів.",
]


@pytest.mark.parametrize("sentence", ATTACKS)
def test_attack_language_is_an_attack(sentence, uk):
    assert has_attack(sentence, uk), cue_hits(sentence, uk)


NOT_ATTACKS = [
    "У Києві та області оголошено повітряну тривогу.",
    "Відбій повітряної тривоги на Полтавщині.",
    "Існує загроза ракетного удару по Одесі, перебувайте в укриттях.",
    "Монітори попереджають про можливий масований удар цієї ночі.",
    "Сили ППО збили над Черкащиною 12 шахедів.",
    "Над Житомирщиною знешкоджено 9 ударних БпЛА.",
    "Працює ППО, не знімайте роботу протиповітряної оборони.",
    "Інформаційна атака на міського голову триває.",
    "Захисника поховали в Луцьку, він загинув на фронті.",
    "Ворог запустив шахеди з території Брянщини.",
    "Вночі росіяни запустили 40 ударних дронів.",
]


@pytest.mark.parametrize("sentence", NOT_ATTACKS)
def test_alerts_threats_and_interceptions_are_no_attack(sentence, uk):
    assert not has_attack(sentence, uk), cue_hits(sentence, uk)


@pytest.mark.parametrize(
    ("sentence", "word", "cls"),
    [
        ("Уночі ППО знищила 20 шахедів над Київщиною.", "знищила", "defence"),
        ("Сили оборони збили дві ракети Х-59.", "збили", "defence"),
        ("Збито 14 безпілотників.", "Збито", "defence"),
        ("Унаслідок удару знищено приватний будинок.", "знищено", "effect"),
        ("Уламки збитого дрона впали на дах школи.", "Уламки", "effect"),
        ("Пошкоджено три автомобілі та гараж.", "Пошкоджено", "effect"),
        ("Спалахнула пожежа на складі.", "пожежа", "effect"),
        ("Загорівся дах магазину.", "Загорівся", "effect"),
        ("Двоє людей загинули, п'ятеро поранені.", "загинули", "effect"),
        ("Травмовано 43-річну жінку.", "Травмовано", "effect"),
    ],
)
def test_cue_classes(sentence, word, cls, uk):
    found = {h.start: h.cls for h in cue_hits(sentence, uk)}
    assert found.get(sentence.index(word)) == cls, cue_hits(sentence, uk)


@pytest.mark.parametrize(
    "sentence",
    [
        "Без постраждалих.",
        "Обійшлося без жертв та руйнувань.",
        "Ніхто не постраждав.",
        "Травмованих немає.",
        "Інформації про загиблих і поранених не надходило.",
        "Влучань на території громади не зафіксовано.",
    ],
)
def test_nothing_happened_is_no_cue(sentence, uk):
    assert attack_cues(sentence, uk) == ()


@pytest.mark.parametrize("apostrophe", ["'", "’", "\u02bc"])
def test_every_apostrophe_matches(apostrophe, uk):
    sentence = f"Пошкоджено об{apostrophe}єкт енергетики у Слов{apostrophe}янську."
    assert targets(sentence, uk) == ("energy",)
    assert "['’ʼ]" in fragment("об'єкт")


# ------------------------------------------------------------ mention roles


@pytest.mark.parametrize(
    ("sentence", "name", "role"),
    [
        # captured, liberated: not an event
        ("Росіяни окупували Часів Яр ще навесні.", "Часів", "captured"),
        ("Ворог заявив про захоплення Торецька.", "Торецька", "captured"),
        ("Сили оборони звільнили Куп'янськ.", "Куп'янськ", "captured"),
        ("Триває звільнення Бахмута.", "Бахмута", "captured"),
        ("ЗСУ відновили контроль над селом Піщане.", "Піщане", "captured"),
        ("Місто Щастя, яке перебуває під окупацією, мовчить.", "Щастя", "captured"),
        # an occupied place struck is Ukraine, struck
        ("Вибухи пролунали в тимчасово окупованому Мелітополі.", "Мелітополі", None),
        # statements
        ("Київ заявив, що не піде на поступки.", "Київ", "statement"),
        ("У Києві заявили про готовність до переговорів.", "Києві", "statement"),
        ("Москва звинуватила Київ у зриві переговорів.", "Київ", "statement"),
        ("Цю позицію офіційний Київ не змінював.", "Київ", "statement"),
        # officials
        ("Голова Харківської ОВА повідомив про удар.", "Харківської", "official"),
        ("Про це повідомив мер Миколаєва.", "Миколаєва", "official"),
        ("Начальник Сумської ОВА розповів подробиці.", "Сумської", "official"),
        ("За даними Одеської ОВА, поранено двох.", "Одеської ОВА", "official"),
        # visits, talks
        ("Прем'єр-міністр Канади відвідав Ірпінь.", "Ірпінь", "visit"),
        ("Делегація прибула з візитом до Одеси.", "Одеси", "visit"),
        ("Переговори у Стамбулі завершилися без результату.", "Стамбулі", "talks"),
        # launch sites, bearings
        ("Дрони запустили з території Брянської області.", "Брянської", "launch_site"),
        ("Шахеди летіли з боку Бєлгорода.", "Бєлгорода", "launch_site"),
        ("Ракети випустили з тимчасово окупованого Криму.", "Криму", "launch_site"),
        ("Група дронів рухається курсом на Чернігів.", "Чернігів", "direction"),
        ("Ракета летить у напрямку Вінниці.", "Вінниці", "direction"),
        ("Удар стався за 20 км від Сум.", "Сум", "direction"),
        ("Село розташоване на північ від Харкова.", "Харкова", "direction"),
        # forecasts, alerts
        ("Синоптики прогнозують у Львові мокрий сніг.", "Львові", "forecast"),
        ("Канали попереджають про можливий удар по Києву.", "Києву", "forecast"),
        ("У Дніпрі оголошено повітряну тривогу.", "Дніпрі", "alert"),
        ("Повітряна тривога в Запоріжжі триває другу годину.", "Запоріжжі", "alert"),
        # an alert names no strike, unless the clause reports one
        ("Під час тривоги у Харкові пролунали вибухи.", "Харкові", None),
        ("У Києві знову тривога через балістику.", "Києві", "alert"),
        # interceptions over a place, and debris on it
        ("Над Черкащиною збили 11 безпілотників.", "Черкащиною", "airspace"),
        ("Дрони збивали над Рівненщиною і Волинню.", "Волинню", "airspace"),
        ("Удар по Одесі: над містом пролунали вибухи.", "Одесі", None),
        ("Над Кременчуком пролунали вибухи.", "Кременчуком", None),
        ("У Білій Церкві уламки збитого дрона впали на будинок.", "Білій", None),
        # Russia and Belarus
        ("Вибухи пролунали у російському Курську.", "Курську", "outside"),
        ("Дрони атакували Бєлгородську область РФ.", "Бєлгородську область", "outside"),
        # struck places carry no role
        ("Росіяни вдарили по Харкову балістикою.", "Харкову", None),
        ("У Запоріжжі пошкоджено підприємство.", "Запоріжжі", None),
        ("Окупанти обстріляли Херсон з артилерії.", "Херсон", None),
    ],
)
def test_mention_roles(sentence, name, role, uk):
    assert _role(sentence, name, uk) == role


def test_airspace_is_a_not_event_role(uk):
    assert "airspace" in roles(uk) and "airspace" in NOT_EVENT_ROLES
    assert "airspace" not in roles(Language("en"))


@pytest.mark.parametrize(
    ("sentence", "name", "english"),
    [
        ("Уночі вибухи лунали в Бєлгороді.", "Бєлгороді", "Belgorod"),
        ("Дрони атакували НПЗ у Туапсе.", "Туапсе", "Tuapse"),
        ("Удар по аеродрому на Курщині.", "Курщині", "Kursk oblast"),
        ("Горить склад у Брянській області.", "Брянській області", "Bryansk oblast"),
        ("Вибухи чули в Ростові-на-Дону.", "Ростові-на-Дону", "Rostov-on-Don"),
        ("Літаки злетіли з аеродрому в Білорусі.", "Білорусі", "Belarus"),
    ],
)
def test_places_abroad_in_their_cases(sentence, name, english, uk):
    found = {p.surface: p.name for p in foreign_places(sentence, uk)}
    assert found.get(name) == english


def test_bilhorod_dnistrovskyi_is_not_belgorod(uk):
    sentence = "Дрон атакував Білгород-Дністровський, а не Бєлгород-Дністровський."
    assert foreign_places(sentence, uk) == ()


# --------------------------------------------------------- weapons, targets


@pytest.mark.parametrize(
    ("sentence", "classes"),
    [
        ("Ворог атакував місто шахедами.", ("drone",)),
        ("Удар «Шахедом-136» по підстанції.", ("drone",)),
        ("Над областю знищено 5 «Гераней» і FPV-дрон.", ("drone",)),
        ("Росіяни скинули на громаду два КАБи.", ("glide_bomb",)),
        ("Удар керованою авіабомбою з модулем УМПК.", ("glide_bomb",)),
        ("Ворог вдарив ФАБ-500.", ("glide_bomb",)),
        ("Удар балістичною ракетою Іскандер-М.", ("ballistic_missile",)),
        ("Ворог застосував ракету KN-23.", ("ballistic_missile",)),
        ("Крилаті ракети Х-101 летіли на захід.", ("cruise_missile",)),
        ("З моря випустили два Калібри.", ("cruise_missile",)),
        ("Ракета Х-22 влучила в торговельний центр.", ("missile",)),
        ("Обстріл з С-300 по місту.", ("missile",)),
        ("Село обстріляли з мінометів і ствольної артилерії.", ("artillery",)),
        ("По громаді били з РСЗВ «Ураган».", ("rocket",)),
        ("Окупанти гатили з «Градів».", ("rocket",)),
        ("Скинули авіабомбу на околицю.", ("bomb",)),
        ("Повітряна тривога: загроза застосування балістики.", ("ballistic_missile",)),
        ("Працював зенітний ракетний комплекс Patriot.", ()),
        ("Відвідувачі сховалися в бомбосховищі.", ()),
    ],
)
def test_weapon_classes(sentence, classes, uk):
    assert weapons(sentence, uk) == classes


@pytest.mark.parametrize(
    ("sentence", "classes"),
    [
        ("Пошкоджено житловий будинок.", ("residential",)),
        ("Зруйновано під'їзд багатоповерхівки.", ("residential",)),
        ("Уламки впали на приватні будинки.", ("residential",)),
        ("Влучання у дев'ятиповерховий будинок.", ("residential",)),
        ("Пошкоджено будинок культури.", ("cultural",)),
        ("Ракета влучила в школу.", ("education",)),
        ("Вибито вікна в ліцеї.", ("education",)),
        ("Удар по дитячому садку.", ("kindergarten",)),
        ("Пошкоджено корпус обласної лікарні.", ("medical",)),
        ("Постраждалого доставили до лікарні.", ()),
        # into the building of a hospital: a strike on it; in one: a patient
        ("Ракета влучила в будівлю лікарні.", ("medical",)),
        ("Двоє поранених перебувають у міській лікарні.", ()),
        # a building is of whatever it is the building of; alone, of nothing
        ("Пошкоджено будівлю гімназії.", ("education",)),
        ("Уламки пошкодили будівлі двох підприємств.", ("industrial",)),
        ("Вибуховою хвилею пошкоджено будівлю.", ()),
        ("Пошкоджено житлову будівлю.", ("residential",)),
        ("Пошкоджено підстанцію.", ("energy",)),
        ("Атака на ТЕЦ у місті.", ("energy",)),
        ("Удар по об'єктах енергетики.", ("energy",)),
        ("Пошкоджено залізничну колію.", ("railway",)),
        ("Вибуховою хвилею пошкоджено вокзал.", ("railway",)),
        ("Удар по підприємству.", ("industrial",)),
        ("Загорілося складське приміщення.", ("industrial",)),
        ("Дрон атакував порт.", ("port",)),
        ("Пошкоджено АЗС та магазин.", ("commercial",)),
        ("Влучання в адмінбудівлю.", ("administrative",)),
        ("Удар по військовій частині.", ("military",)),
        ("Пошкоджено міст через річку.", ("infrastructure",)),
        ("Ціни на світовому ринку нафти зросли.", ()),
    ],
)
def test_target_classes(sentence, classes, uk):
    assert targets(sentence, uk) == classes


# ------------------------------------------------------------ launch tallies


@pytest.mark.parametrize(
    ("sentence", "counts"),
    [
        (
            "Росіяни застосували 6 КАБів, 14 ударних БпЛА та 2 FPV-дрони.",
            {"glide_bomb": 6, "drone": 14},
        ),
        (
            "Уночі ворог випустив 93 шахеди і 4 ракети.",
            {"drone": 93, "missile": 4},
        ),
        (
            "Противник запустив по Україні 210 ударних дронів та 9 крилатих ракет.",
            {"drone": 210, "cruise_missile": 9},
        ),
        (
            "Окупанти атакували 57 ударними БпЛА типу «Шахед».",
            {"drone": 57},
        ),
        ("Сили ППО збили 61 з 70 безпілотників.", {"drone": 70}),
        ("Загалом було запущено 40 дронів.", {"drone": 40}),
        # a weapon's name in quotes
        ("Загалом росіяни запустили 9 «шахедів».", {"drone": 9}),
        (
            "Ворог випустив 12 ударних «шахедів» і 3 ракети.",
            {"drone": 12, "missile": 3},
        ),
        ('Ворог запустив 20 "Шахедів" по області.', {"drone": 20}),
        ("Ворог атакував 12 населених пунктів області.", {}),
    ],
)
def test_launch_tallies(sentence, counts, uk):
    assert launched(sentence, uk) == counts


@pytest.mark.parametrize(
    ("text", "place", "launched_"),
    [
        (
            "Уночі ворог випустив п’ять ракет по Вінниці.",
            "Vinnytsia",
            (("missile", 5),),
        ),
        ("Вночі Росія випустила по Рівному крилаті ракети.", "Rivne", ()),
    ],
)
def test_missiles_launched_at_a_place_strike_it(text, place, launched_):
    from datetime import date

    from geo.extract.extractor import Extractor
    from geo.ingest import Article

    article = Article("t", text, date(2026, 11, 30), "txt", None, None, "t", (), "uk")
    reports = Extractor().extract(article).reports
    assert [(r.place.name, r.launched) for r in reports] == [(place, launched_)]
