"""Stages 2 and 3 of extraction, roles and struck places (geo.extract.roles)."""

from __future__ import annotations

from datetime import date

import pytest

from gazetteer import get_gazetteer
from geo.extract.extractor import extract
from geo.extract.mentions import Sentence, read_sentences
from geo.extract.records import Ignored, Outside
from geo.extract.roles import (
    CityOblasts,
    Roles,
    StruckPlace,
    assign_roles,
    qualifies,
    reports_strike,
    strikes_abroad,
    struck_places,
)
from geo.ingest import Article


@pytest.fixture(scope="module")
def gaz():
    return get_gazetteer()


def one(gaz, text: str) -> Sentence:
    (sentence,) = read_sentences(text, gaz).sentences
    return sentence


def roles_of(gaz, text: str) -> Roles:
    reading = read_sentences(text, gaz)
    (sentence,) = reading.sentences
    return assign_roles(sentence, "a.txt", CityOblasts(reading.mentions))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russian missiles struck Odesa overnight.", True),
        ("No attacks on the capital were reported.", False),
        ("Kyiv was not hit overnight.", False),
        ("Ukrainian forces repelled 45 attacks near Pokrovsk.", False),
        ("Russia has struck Kharkiv 20 times this year.", False),
        ("Russia has struck Kharkiv with drones 20 times this year.", True),
        ("An exhibition of photographs of the strikes opened in Lviv.", False),
    ],
)
def test_reports_strike(gaz, text, expected):
    assert reports_strike(one(gaz, text)) is expected


def test_roles_struck_official_and_set_aside(gaz):
    roles = roles_of(
        gaz,
        "The mayor of Kharkiv said drones hit Izium after Russia captured Kupiansk.",
    )
    assert [p.place.name for p in roles.struck] == ["Izium"]
    assert [p.place.name for p in roles.officials] == ["Kharkiv"]
    assert roles.ignored == (Ignored("a.txt", "Kupiansk", "captured"),)
    (izium,) = roles.struck
    assert isinstance(izium, StruckPlace)
    assert izium.note is None and 0 < izium.confidence <= 1


def test_the_anchor_is_the_offset_of_the_name(gaz):
    text = "Artillery shelled Nikopol overnight."
    (nikopol,) = roles_of(gaz, text).struck
    assert text[nikopol.anchor :].startswith("Nikopol")


def test_a_place_that_says_where_the_previous_one_is_is_no_place(gaz):
    roles = roles_of(gaz, "A drone hit Pokrovske, Dnipropetrovsk region, overnight.")
    assert [p.place.name for p in roles.struck] == ["Pokrovske"]


def test_near_gives_a_note(gaz):
    (place,) = roles_of(gaz, "Shells landed near Kupiansk overnight.").struck
    assert place.note == "near Kupiansk"


def test_a_city_district_counts_only_with_a_city_of_its_oblast(gaz):
    text = "A missile hit the Kyivskyi district overnight."
    sentence = one(gaz, text)
    (mention,) = sentence.mentions
    assert mention.resolution is not None
    district = mention.resolution.place
    assert district.kind == "district"
    (struck,) = assign_roles(sentence, "a", frozenset({district.admin1_code})).struck
    assert struck.place == district
    lonely = assign_roles(sentence, "a", frozenset())
    assert lonely.struck == () and lonely.ignored[0].reason == "district elsewhere"


@pytest.mark.parametrize(
    ("text", "lang", "struck"),
    [
        # the capital named as the capital: its district is a strike
        ("У Шевченківському районі столиці уламки впали на дах будинку.", "uk",
         "UA-30"),
        ("Debris fell on a house in the capital's Shevchenkivskyi district.", "en",
         "UA-30"),
        ("Вночі ворог атакував столицю.\n\nУ Голосіївському районі уламки "
         "пошкодили авто.", "uk", "UA-30"),
        # no city and no capital: which city's district is not known
        ("У Шевченківському районі уламки впали на дах будинку.", "uk", None),
        # another country's capital is not Kyiv
        ("Дрони атакували столицю Росії. У Шевченківському районі уламки "
         "впали на дах будинку.", "uk", None),
    ],
)  # fmt: skip
def test_a_district_of_the_capital_named_as_the_capital(text, lang, struck):
    art = Article("a", text, date(2025, 11, 20), "t", None, None, "a", (), lang)
    got = extract(art)
    reasons = [i.reason for i in got.ignored]
    if struck is None:
        assert [r.place.kind for r in got.reports] == []
        assert reasons == ["district elsewhere"]
    else:  # the district's strike (or the capital's, that holds it)
        assert got.reports and reasons == []
        assert {r.place.admin1_code for r in got.reports} == {struck}


def test_struck_places_fall_back_on_the_officials_place(gaz):
    roles = roles_of(gaz, "The mayor of Kharkiv said explosions shook the city.")
    assert roles.struck == ()
    assert [p.place.name for p in struck_places(roles)] == ["Kharkiv"]


def test_the_area_holding_a_struck_place_is_no_strike_of_its_own(gaz):
    roles = roles_of(
        gaz, "In the Zaporizhzhia region, artillery hit Stepnohirsk and Orikhiv."
    )
    assert "Zaporizhzhia Oblast" in [p.place.name for p in roles.struck]
    assert [p.place.name for p in struck_places(roles)] == ["Stepnohirsk", "Orikhiv"]


@pytest.mark.parametrize(
    "text",
    [
        "Shelling hit the Kharkiv region overnight.",
        "Artillery struck the Bakhmut district.",
        "A drone hit Sumy.",
        "The mayor of Kharkiv said drones attacked overnight.",
        "Drones attacked overnight.",
        "In the Zaporizhzhia region, artillery hit Stepnohirsk and Orikhiv.",
    ],
)
def test_struck_places_of_one_place_as_the_full_filter(gaz, text):
    """A lone place (or none) skips the holders: kept as they would keep it."""
    from geo.extract.roles import _Holders

    roles = roles_of(gaz, text)
    struck = roles.struck or roles.officials
    holds = _Holders(p.place for p in struck)
    assert struck_places(roles) == tuple(
        p for p in struck if not holds.struck_in(p.place)
    )


def test_qualifies(gaz):
    village = gaz.lookup("Stepnohirsk").place
    oblast = gaz.admin1("UA-23")
    assert qualifies(oblast, village, " in the ")
    assert qualifies(oblast, village, ", ")
    assert not qualifies(oblast, village, " and then ")
    assert not qualifies(village, oblast, " in the ")  # smaller after larger
    assert not qualifies(gaz.admin1("UA-63"), village, ", ")  # another oblast
    assert not qualifies(oblast, None, ", ")


def test_strikes_abroad_are_listed_launch_sites_are_not():
    found = strikes_abroad("Ukrainian drones struck Belgorod overnight.", "a.txt")
    assert found == (
        Outside(
            "a.txt",
            "Belgorod",
            "RU",
            "Ukrainian drones struck Belgorod overnight.",
        ),
    )
    assert strikes_abroad("Drones launched from the Kursk region hit Sumy.", "a") == ()


def _abroad_full_path(sentence: str, article: str, lang=None) -> tuple[Outside, ...]:
    """strikes_abroad as first written: every place judged, then kept or not."""
    from geo.extract.cues import foreign_places, mention_role
    from geo.extract.roles import _NOT_STRUCK_ABROAD, _WAR_ABROAD

    out = []
    for fp in foreign_places(sentence, lang):
        if mention_role(sentence, fp.start, fp.end, lang) in _NOT_STRUCK_ABROAD:
            continue
        if fp.kind != "country" and fp.country in _WAR_ABROAD:
            out.append(Outside(article, fp.name, fp.country, sentence))
    return tuple(out)


@pytest.mark.parametrize(
    "text",
    [
        # places judged: in Russia, struck or a launch site
        "Ukrainian drones struck Belgorod and a refinery near Kursk overnight.",
        "Drones launched from the Kursk region hit Sumy.",
        "Russia fired missiles from Belgorod at Kharkiv, and drones hit Bryansk.",
        # places the cheap test drops: countries, countries not at war
        "Russia attacked Kyiv while Poland scrambled jets.",
        "Fragments fell in Moldova and Romania after drones hit Izmail.",
        "A drone crashed near Warsaw, Poland said.",
        "Nothing abroad is named in this sentence about Odesa.",
    ],
)
def test_strikes_abroad_skips_only_places_it_could_not_keep(text):
    from geo.extract.cues import foreign_places

    assert strikes_abroad(text, "a") == _abroad_full_path(text, "a")
    # the caller's own reading of the places abroad gives the same
    found = foreign_places(text)
    assert strikes_abroad(text, "a", foreign=found) == _abroad_full_path(text, "a")


def test_strikes_abroad_reads_the_places_abroad_it_is_given():
    text = "Ukrainian drones struck Belgorod overnight."
    assert strikes_abroad(text, "a", foreign=()) == ()
    assert [o.place for o in strikes_abroad(text, "a")] == ["Belgorod"]


# Sentences for the one search of two discourse lists (issue 14): phrases of
# either list, of both, of neither, in both languages and cases.
EITHER_TEXTS = [
    ("en", "No attacks were reported in the city overnight."),
    ("en", "An exhibition of war photographs opened in Lviv."),
    ("en", "NO STRIKES WERE RECORDED; the exhibition closed early."),
    ("en", "The museum was not hit, but a documentary on the shelling aired."),
    ("en", "Drones struck a depot near Odesa at dawn."),
    ("en", "Troops repelled 12 assaults near the village."),
    ("en", "The town has been shelled 40 times this year."),
    ("en", "FIGHTING went on; the city was hit dozens of times."),
    ("en", ""),
    ("uk", "Обстрілів не зафіксовано, у місті тихо."),
    ("uk", "У Львові відкрилася фотовиставка про наслідки ударів."),
    ("uk", "Дрони атакували Одесу, пошкоджено склад."),
    ("uk", "ЖОДНИХ ОБСТРІЛІВ за добу, а документальний фільм про війну показали."),
    ("uk", "Ворог штурмував позиції біля села."),
    ("uk", "Місто обстріляли 30 разів з початку місяця."),
    ("uk", "Бої тривають, цього року село обстрілювали десятки разів."),
]
# each pattern of one search, and the two lists it stands for
EITHER = {
    "no_report": ("negation", "not_report"),
    "combat_or_habit": ("ground_combat", "habitual"),
}


@pytest.mark.parametrize("field", sorted(EITHER))
@pytest.mark.parametrize(("code", "text"), EITHER_TEXTS)
def test_one_search_finds_where_either_list_does(field, code, text) -> None:
    from geo.extract.cues import discourse
    from geo.lang import language

    d = discourse(language(code))
    one, two = (getattr(d, k) for k in EITHER[field])
    for t in (text, text[: len(text) // 2], text[len(text) // 2 :], text.upper()):
        either = one.search(t) or two.search(t)
        assert (getattr(d, field).search(t) is None) == (either is None), t


@pytest.mark.parametrize("field", sorted(EITHER))
def test_either_texts_meet_each_list(field) -> None:
    """The texts above hold phrases of each list, of both and of neither."""
    from geo.extract.cues import discourse
    from geo.lang import language

    kinds = set()
    for code, text in EITHER_TEXTS:
        d = discourse(language(code))
        one, two = (getattr(d, k) for k in EITHER[field])
        kinds.add((code, bool(one.search(text)), bool(two.search(text))))
    assert {(c, n, r) for c in ("en", "uk") for n in (0, 1) for r in (0, 1)} <= kinds
