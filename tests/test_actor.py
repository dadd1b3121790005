"""Which side fired (issue 13, rule 5): the ``actor`` of reports and events.

Our own texts, in English and Ukrainian: the clause that reports a strike
names the side (its subject or weapon, or a side's claim); sources ("the
Ukrainian military said") and objects ("Russian positions") do not; nothing
said falls back on the side the article's attack sentences name, else
``unknown``.  Strikes by Ukrainian forces in occupied places are events.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from geo.engines.codec import extraction_from_json, extraction_to_json
from geo.evaluate import evaluate, format_report
from geo.events import ACTORS, Event, coerce_feature, merge_actors
from geo.events.merge import make_event
from geo.extract import extract
from geo.extract.actor import prevailing, stated_actor
from geo.ingest import Article
from geo.lang import language

DAY = date(2026, 5, 14)


def art(text: str, lang: str = "en", name: str = "a.txt") -> Article:
    return Article(name, text, DAY, "option", None, None, name, lang=lang)


def actors_of(text: str, lang: str = "en") -> dict[str, str]:
    return {r.place.name: r.actor for r in extract(art(text, lang)).reports}


# --------------------------------------------------------------- the clause


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("Ukrainian troops hit a Russian supply depot near the town.", "ukraine"),
        ("Kyiv's drones struck an enemy radar overnight.", "ukraine"),
        ("Ukraine's navy said it had struck a landing ship in the bay.", "ukraine"),
        ("Russian Shahed-type drones hit a school.", "russia"),
        ("Russia again pounded the city with glide bombs.", "russia"),
        ("The Ukrainian air force said Russian missiles hit a dam.", "russia"),
        ("According to Ukrainian forces, a bomb hit the market.", None),
        ("Ukrainian air defence forces downed most of the drones.", None),
        ("A projectile hit a bus; it is not clear who fired.", "unknown"),
        ("A rocket hit a warehouse.", None),
    ],
)
def test_the_clause_names_the_side(text, side):
    assert stated_actor(text) == side


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("Окупанти скинули КАБ на село.", "russia"),
        ("Ворожий дрон атакував автобус.", "russia"),
        ("Підрозділи ЗСУ уразили склад окупантів.", "ukraine"),
        ("Наші захисники знищили позиції ворога біля села.", "ukraine"),
        ("Сили оборони повідомили, що росіяни обстріляли місто.", "russia"),
        ("У місті пошкоджено будинок.", None),
    ],
)
def test_the_clause_names_the_side_in_ukrainian(text, side):
    assert stated_actor(text, language("uk")) == side


# The clauses above, and ones with a claim, a source and agents of both sides.
GATE_TEXTS = [
    ("en", "Ukrainian troops hit a Russian supply depot near the town."),
    ("en", "The Ukrainian air force said Russian missiles hit a dam."),
    ("en", "According to Ukrainian forces, a bomb hit the market."),
    ("en", "A projectile hit a bus; it is not clear who fired."),
    ("en", "Russia's defence ministry said its forces had struck a fuel depot."),
    ("en", "A rocket hit a warehouse."),
    ("en", ""),
    ("uk", "Окупанти скинули КАБ на село."),
    ("uk", "Сили оборони повідомили, що росіяни обстріляли місто."),
    ("uk", "Невідомий дрон атакував автобус, не встановлено, хто запустив."),
    ("uk", "У місті пошкоджено будинок."),
]


def _ungated(text: str, code: str) -> str | None:
    """stated_actor with the one-search gate always passing (the full path)."""
    import dataclasses
    import re

    from geo.extract import actor
    from geo.extract.lexicon import FastPattern

    lang = language(code)
    real = actor._actors
    everywhere = FastPattern(re.compile(""))
    actor._actors = lambda lg: dataclasses.replace(real(lg), stated=everywhere)
    try:
        return actor._stated.__wrapped__(text, lang)
    finally:
        actor._actors = real


@pytest.mark.parametrize(("code", "text"), GATE_TEXTS)
def test_one_search_gate_states_as_the_full_path(code, text):
    from geo.extract.actor import _actors

    g = _actors(language(code))
    parts = [p for p in (g.claims, g.agents, g.unknown) if p is not None]
    for t in (text, text.upper(), text[len(text) // 3 :]):
        assert stated_actor(t, language(code)) == _ungated(t, code)
        found = any(p.search(t) is not None for p in parts)
        assert (g.stated.search(t) is not None) == found


def test_gate_texts_meet_every_answer():
    assert {stated_actor(t, language(c)) for c, t in GATE_TEXTS} == {
        "russia",
        "ukraine",
        "unknown",
        None,
    }


def test_the_side_named_most_prevails():
    assert prevailing([None, "russia", "ukraine", "russia"]) == "russia"
    assert prevailing(["ukraine", "russia"]) == "ukraine"  # a tie: the first
    assert prevailing([None, "unknown"]) is None


# ------------------------------------------------------------- extraction


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "On 11 May 2026, Ukrainian forces shelled Kakhovka, Kherson. "
            "Occupation officials said 2 civilians were injured.",
            {"Kakhovka": "ukraine"},
        ),
        (
            "On 12 May 2026, Ukrainian drones struck a Russian fuel depot in Dzhankoi.",
            {"Dzhankoi": "ukraine"},
        ),
        (
            "On 12 May 2026, Russian forces shelled Kupiansk, Kharkiv. "
            "One civilian was killed.",
            {"Kupiansk": "russia"},
        ),
        (
            "On 13 May 2026, an unidentified drone hit a shop in Kreminna; "
            "the side responsible was not named.",
            {"Kreminna": "unknown"},
        ),
        (
            # the sentence that reports Sumy names no side: the article does
            "Russian drones attacked the north overnight, officials said. "
            "A drone hit a house in Sumy on Wednesday, injuring two.",
            {"Sumy": "russia"},
        ),
        (
            # two sides in one article: each place its own clause's
            "Russian glide bombs hit Kostiantynivka on Wednesday. "
            "Ukrainian forces struck Russian positions near Horlivka the same day.",
            {"Kostiantynivka": "russia", "Horlivka": "ukraine"},
        ),
    ],
)
def test_reports_carry_the_side_that_fired(text, expected):
    assert actors_of(text) == expected


def test_a_clause_about_strikes_abroad_gives_no_side_to_the_place():
    text = (
        "Ukrainian drones strike oil depots inside Russia; Nizhyn loses power\n\n"
        "A drone hit a substation in Nizhyn on Wednesday, officials said.\n\n"
        "Russian drones also attacked Chernihiv overnight."
    )
    assert actors_of(text)["Nizhyn"] == "russia"


def test_ukrainian_posts_read_the_enemy_as_russia():
    text = "Вчора ворог атакував Херсон дронами, поранено двох людей."
    assert actors_of(text, "uk") == {"Kherson": "russia"}


# ------------------------------------------------------- events and files


def test_merging_keeps_a_known_side_and_gives_up_on_a_conflict():
    assert merge_actors([None, "unknown", "russia"]) == "russia"
    assert merge_actors(["ukraine", "unknown"]) == "ukraine"
    assert merge_actors(["russia", "ukraine"]) == "unknown"
    assert merge_actors([]) == "unknown"


def test_events_write_and_read_their_actor():
    text = "Ukrainian drones hit an oil depot in Luhansk on Wednesday."
    (report,) = extract(art(text)).reports
    event = make_event([report])
    feature = event.to_feature()
    assert feature["properties"]["actor"] == "ukraine"
    assert list(feature["properties"]).index("actor") == (
        list(feature["properties"]).index("targets") + 1
    )
    assert Event.from_feature(feature) == event
    assert coerce_feature(feature).actor == "ukraine"
    assert set(ACTORS) == {"russia", "ukraine", "unknown"}
    bad = json.loads(json.dumps(feature))
    bad["properties"]["actor"] = "both"
    with pytest.raises(Exception, match="actor"):
        Event.from_feature(bad)


def test_the_cache_form_keeps_the_actor():
    a = art("Ukrainian troops shelled Nova Kakhovka on Wednesday.")
    ex = extract(a)
    assert [r.actor for r in ex.reports] == ["ukraine"]
    back = extraction_from_json(
        json.loads(json.dumps(extraction_to_json(ex))), a, _Places()
    )
    assert back == ex


class _Places:
    def place(self, place_id):
        from gazetteer import get_gazetteer

        return get_gazetteer().place(place_id)


def test_eval_reports_actor_agreement():
    a = art("Ukrainian forces struck Russian positions near Oleshky on Wednesday.")
    (report,) = extract(a).reports
    feature = make_event([report]).to_feature()
    gold = {
        "articles": {"a.txt": {"published": "2026-05-14"}},
        "events": [
            {
                "article": "a.txt",
                "admin1": "UA-65",
                "precision": "city",
                "lat": report.place.lat,
                "lon": report.place.lon,
                "place": "Oleshky",
                "actor": "russia",
            }
        ],
    }
    result = evaluate(gold, [feature])
    assert (result.n_actor_checked, result.n_actor_agree) == (1, 0)
    text = format_report(result)
    assert "actor agrees" in text and "Oleshky: ukraine, gold russia" in text
    gold["events"][0]["actor"] = "ukraine"
    assert evaluate(gold, [feature]).actor_agreement == 1.0
    del gold["events"][0]["actor"]
    assert "actor agrees" not in format_report(evaluate(gold, [feature]))


def test_the_map_says_who_fired():
    from maps.events import MapEvent
    from maps.payload import EVENT_COLUMNS

    (report,) = extract(art("Ukrainian drones hit Svatove on Wednesday.")).reports
    assert "actor" in EVENT_COLUMNS
    assert MapEvent.from_event(make_event([report])).actor == "ukraine"
