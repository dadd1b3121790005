"""English casualty figures as reported (issue 13, rule 0).

Sentences written for these tests, in the phrasings of wire copy, news reports
and event coders (other places and numbers than the test sets): toll updates,
passive reports, "N people died", bare counts, several places with their own
figures, headlines, recoveries of bodies, parts of a total, figures of an
earlier attack named for context, and figures across the sentences of one
article.
"""

from __future__ import annotations

import datetime

import pytest

from geo.extract.attributes import Casualties, casualties, earlier_casualties
from geo.extract.extractor import extract
from geo.ingest import Article
from geo.lang import Language

TOLL_UPDATES = [
    ("The death toll from the strike on Uman has climbed to 23, officials said.", 23),
    ("The number of dead has grown to 11 as rescuers cleared the rubble.", 11),
    ("The number of people killed in Monday's attack rose to 8.", 8),
    ("The toll rose by two to 9 overnight.", 9),
    ("The death toll climbed from 6 to 10 on Thursday.", 10),
    ("Killing 12 people, with the toll rising to 15 by the evening.", 15),
    ("The number of victims has increased to 31, the mayor said.", 31),
]


@pytest.mark.parametrize(("text", "killed"), TOLL_UPDATES)
def test_toll_updates_give_the_new_figure(text: str, killed: int) -> None:
    assert casualties(text).killed == killed


# (text, killed, injured)
PASSIVE = [
    ("More than 30 people were reported injured in the attack.", None, 30),
    ("Two people were confirmed killed and 6 were reported wounded.", 2, 6),
    ("Five people are now known to have died.", 5, None),
    ("At least 12 are reported to have been wounded.", None, 12),
    ("Eleven have been confirmed dead, the prosecutor's office said.", 11, None),
    ("Four people were reported killed and 17 confirmed injured.", 4, 17),
    ("Three more people were hurt, the governor added.", None, 3),
    ("Two more residents were injured later in the day.", None, 2),
    ("Eight other civilians were wounded.", None, 8),
]

DIED = [
    ("Two women later died in hospital.", 2, None),
    ("Four people died and nine were hurt when the drone hit.", 4, 9),
    ("Seventeen residents died in the collapse, the service said.", 17, None),
]

BARE = [
    ("So far 6 dead and 27 injured have been confirmed.", 6, 27),
    ("Toll so far: 5 dead, 14 injured.", 5, 14),
    ("By evening 3 dead and 12 wounded were known, the city council wrote.", 3, 12),
    ("Fatalities: 0. Injured: 3.", 0, 3),
    ("Killed: 2; wounded: 11.", 2, 11),
]

HEADLINES = [
    ("Nine dead in missile strike on Vinnytsia", 9, None),
    ("Strike on Lozova kills 11, wounds 20", 11, 20),
    ("Bila Tserkva: 9 dead, 30 injured after missile strike", 9, 30),
    ("Eleven killed, 40 hurt as glide bombs hit Kupiansk", 11, 40),
    ("Death toll in Izium rises to 7", 7, None),
]

RECOVERIES = [
    ("Rescue workers pulled the bodies of 4 people from the rubble.", 4, None),
    ("The bodies of three women were found under the debris.", 3, None),
    ("Emergency crews recovered seven bodies overnight.", 7, None),
    ("Two more bodies were recovered on Friday, the service said.", 2, None),
    ("Searchers retrieved the bodies of a man and his son.", 2, None),
]

NONE_STATED = [
    ("No other casualties were reported.", 0, 0),
    ("There were no further casualties, the police said.", 0, 0),
    ("No additional casualties have been reported.", 0, 0),
]


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    PASSIVE + DIED + BARE + HEADLINES + RECOVERIES + NONE_STATED,
)
def test_phrasings(text: str, killed: int | None, injured: int | None) -> None:
    assert casualties(text) == Casualties(killed, injured)


# the part of a sentence that speaks of one of several places (see
# geo.extract.dating.segments): each gives its own figures
SEGMENTS = [
    ("Strikes left at least 8 dead and more than 30 injured in Kupiansk", 8, 30),
    (", three dead and 11 injured in Izium", 3, 11),
    (", and one injured in Balakliia", None, 1),
    ("Shelling left 2 dead and 5 wounded in Vovchansk", 2, 5),
    ("The raids left over 10 killed and about 40 hurt in Pervomaiskyi", 10, 40),
]


@pytest.mark.parametrize(("text", "killed", "injured"), SEGMENTS)
def test_each_place_part_has_its_figures(
    text: str, killed: int | None, injured: int | None
) -> None:
    assert casualties(text) == Casualties(killed, injured)


PARTS_OF_A_TOTAL = [
    ("At least 9 people were killed, among them 2 children.", 9, None),
    ("Fifteen people were injured, 4 of them children.", None, 15),
    ("27 people were wounded, among them 5 children and a pregnant woman.", None, 27),
    ("The strike killed 14 people, including three children and a teacher.", 14, None),
    ("At least 6 were killed; a boy and his grandpa are among the victims.", 6, None),
    ("Twenty people were hurt, two of whom are in a serious condition.", None, 20),
]


@pytest.mark.parametrize(("text", "killed", "injured"), PARTS_OF_A_TOTAL)
def test_parts_are_in_the_total(
    text: str, killed: int | None, injured: int | None
) -> None:
    assert casualties(text) == Casualties(killed, injured)


# (text, today's figures, the earlier attack's figures)
CONTEXT = [
    (
        "The strike came two days after a missile attack that killed 14 in Lutsk.",
        Casualties(),
        Casualties(14, None),
    ),
    (
        "Drones hit Kharkiv on Friday, injuring five, a week after a glide bomb "
        "attack that killed 9 people in the city.",
        Casualties(None, 5),
        Casualties(9, None),
    ),
    (
        "Days after an attack that killed 30 people in the port, a drone injured "
        "two residents of Izmail.",
        Casualties(None, 2),
        Casualties(30, None),
    ),
    (
        "It was the deadliest strike on Poltava since an attack in March that "
        "killed 21 and wounded 60.",
        Casualties(),
        Casualties(21, 60),
    ),
    (
        "The shelling injured four people, weeks after artillery fire on the same "
        "street killed two pensioners.",
        Casualties(None, 4),
        Casualties(2, None),
    ),
    (
        "The premier visited Sumy on Monday, a day after a ballistic missile "
        "attack on the city killed 6 people.",
        Casualties(),
        Casualties(6, None),
    ),
    (
        "Two days after the strike, the death toll rose to 12.",
        Casualties(12, None),
        Casualties(),
    ),
    (
        "Hours after the strike killed 5 people in Sumy, the mayor declared mourning.",
        Casualties(5, None),
        Casualties(),
    ),
    (
        "Mourning was declared after a missile strike that killed 12 people.",
        Casualties(12, None),
        Casualties(),
    ),
]


@pytest.mark.parametrize(("text", "today", "earlier"), CONTEXT)
def test_an_earlier_attack_named_for_context(
    text: str, today: Casualties, earlier: Casualties
) -> None:
    assert casualties(text) == today
    assert earlier_casualties(text) == earlier


UK_CONTEXT = [
    (
        "Через три дні після удару, внаслідок якого загинули 11 людей, дрон "
        "поранив двох жителів Ізмаїла.",
        Casualties(None, 2),
        Casualties(11, None),
    ),
    (
        "Після удару, внаслідок якого загинули 5 людей, у місті оголосили жалобу.",
        Casualties(5, None),
        Casualties(),
    ),
]


@pytest.mark.parametrize(("text", "today", "earlier"), UK_CONTEXT)
def test_an_earlier_attack_in_ukrainian(
    text: str, today: Casualties, earlier: Casualties
) -> None:
    uk = Language("uk")
    assert casualties(text, uk) == today
    assert earlier_casualties(text, uk) == earlier


def _article(text: str) -> Article:
    return Article(
        id="p-test",
        text=text,
        published=datetime.date(2025, 3, 12),
        date_source="jsonl",
        url=None,
        title=None,
        source="test",
    )


# whole articles: figures of several sentences are not summed; an update
# replaces; the earlier attack named for context is not today's
ARTICLES = [
    (
        "A Russian ballistic missile hit a residential street in Uman on Tuesday "
        "night. At least 11 fatalities have been reported, the city council said. "
        "Four children are among the victims.",
        "Uman",
        11,
        None,
    ),
    (
        "A Russian drone hit a dormitory in Lozova on Tuesday. Initially, officials "
        "reported 3 dead and 10 injured. The death toll has since risen to 5, and "
        "the number of injured has grown to 16.",
        "Lozova",
        5,
        16,
    ),
    (
        "A Russian drone struck a shop in Izmail on Tuesday, injuring two people. "
        "The attack came days after a missile strike that killed 17 people in the "
        "city. No deaths were reported.",
        "Izmail",
        0,
        2,
    ),
    (
        "Russian missiles struck a depot in Kremenchuk on Tuesday, killing one "
        "person. Five more people were injured, the governor said.",
        "Kremenchuk",
        1,
        5,
    ),
]


@pytest.mark.parametrize(("text", "place", "killed", "injured"), ARTICLES)
def test_figures_across_sentences(
    text: str, place: str, killed: int | None, injured: int | None
) -> None:
    reports = [r for r in extract(_article(text)).reports if r.place.name == place]
    assert len(reports) == 1
    assert (reports[0].killed, reports[0].injured) == (killed, injured)


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        # coders count the Ukrainian soldiers a strike on a place killed or hurt
        ("Russian forces shelled Kupiansk. 1 Ukrainian serviceman killed.", 1, None),
        ("Airstrikes near Huliaipole; 3 Ukrainian soldiers were wounded.", None, 3),
        # front-line loss statistics and unspecified soldiers are no strike toll
        ("Kyiv said 1,150 Russian soldiers were killed over the past day.", None, None),
        ("Two soldiers died in fighting near the front.", None, None),
    ],
)
def test_ukrainian_soldiers_hit_by_a_strike_are_counted(text, killed, injured):
    got = casualties(text)
    assert (got.killed, got.injured) == (killed, injured)
