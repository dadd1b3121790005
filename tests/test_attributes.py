"""Weapons, targets, casualties and launch counts (geo.extract.attributes)."""

from __future__ import annotations

import re

import pytest

from geo.extract.attributes import (
    Casualties,
    casualties,
    launched,
    parse_number,
    targets,
    weapons,
)

WEAPONS = [
    ("Russia used drones and missiles against the city.", ("drone", "missile")),
    ("Shahed drones hit a warehouse.", ("drone",)),
    ("Geran-2 loitering munitions were seen.", ("drone",)),
    ("A swarm of UAVs crossed the border.", ("drone",)),
    ("An FPV drone hit a car.", ("drone",)),
    ("Kalibr cruise missiles were fired from the sea.", ("cruise_missile",)),
    ("Kh-101 missiles hit the plant.", ("cruise_missile",)),
    ("A Kh-59 struck the bridge.", ("cruise_missile",)),
    ("Two Iskander-M ballistic missiles hit the port.", ("ballistic_missile",)),
    ("A North Korean KN-23 hit the town.", ("ballistic_missile",)),
    ("Kinzhal hypersonic missiles were launched.", ("ballistic_missile",)),
    ("An Iskander-K was shot down.", ("cruise_missile",)),
    (
        "Ballistic and cruise missiles hit the grid.",
        ("ballistic_missile", "cruise_missile"),
    ),
    (
        "Cruise missiles and ballistic missiles and drones.",
        ("ballistic_missile", "cruise_missile", "drone"),
    ),
    ("Kh-22 missiles hit Kremenchuk.", ("missile",)),
    ("An S-300 missile hit a house.", ("missile",)),
    ("Guided aerial bombs hit the town.", ("glide_bomb",)),
    ("A KAB-500 glide bomb fell.", ("glide_bomb",)),
    ("FAB-1500 bombs with UMPK kits.", ("glide_bomb",)),
    ("Aerial bombs were dropped on the village.", ("bomb",)),
    ("Artillery shelling hit the district.", ("artillery",)),
    ("Mortar fire hit the village.", ("artillery",)),
    ("Grad rockets hit the market.", ("rocket",)),
    ("An MLRS attack on the town.", ("rocket",)),
    ("Air strikes hit the city.", ()),
    ("Patriot missiles intercepted the attack.", ()),
    ("Air defence missiles were fired.", ()),
    ("The US halted anti-aircraft missiles.", ()),
    ("The Lancet published a study.", ()),
    ("Nothing about weapons here.", ()),
]


@pytest.mark.parametrize(("text", "expected"), WEAPONS)
def test_weapons(text: str, expected: tuple[str, ...]) -> None:
    assert weapons(text) == expected


TARGETS = [
    ("Several apartment blocks were damaged.", ("residential",)),
    ("A high-rise and private houses burned.", ("residential",)),
    ("Homes in the area lost windows.", ("residential",)),
    ("A school and a university building were hit.", ("education",)),
    ("A kindergarten caught fire.", ("kindergarten",)),
    ("A kindergarten and a school were damaged.", ("education", "kindergarten")),
    ("The maternity hospital was hit.", ("medical",)),
    ("An ambulance was destroyed.", ("medical",)),
    ("A thermal power plant was hit.", ("energy",)),
    ("Strikes on energy infrastructure caused blackouts.", ("energy",)),
    ("A substation was destroyed.", ("energy",)),
    ("A coal mine was attacked.", ("energy",)),
    ("A gas production facility was struck.", ("energy",)),
    ("A passenger train was hit at the station.", ("railway",)),
    ("Railway infrastructure was damaged.", ("railway",)),
    ("Ukrzaliznytsia said a locomotive burned.", ("railway",)),
    ("A shopping centre and a supermarket burned.", ("commercial",)),
    ("A commercial building was hit.", ("commercial",)),
    ("A hotel and a cafe were damaged.", ("commercial",)),
    ("A chemical plant was struck.", ("industrial",)),
    ("An industrial enterprise and a warehouse burned.", ("industrial",)),
    ("The port and a grain terminal were hit.", ("port",)),
    ("The Polish consulate was damaged.", ("diplomatic",)),
    ("A church and a museum were damaged.", ("cultural",)),
    ("The city hall was hit.", ("administrative",)),
    ("A bridge and the water supply were damaged.", ("infrastructure",)),
    ("Critical infrastructure was hit.", ("infrastructure",)),
    ("A military airfield was struck.", ("military",)),
    ("An ammunition depot exploded.", ("military",)),
    ("Houses of culture are cultural.", ("cultural",)),
    # traps
    ("Talks took place at the White House.", ()),
    ("A non-residential building was hit.", ()),
    ("The wounded were taken to hospital.", ()),
    ("Three people remain in hospital.", ()),
    ("Oil markets fell.", ()),
    ("The left bank of the river.", ()),
    ("The head of the city military administration said.", ()),
    ("Allies will train pilots.", ()),
    ("The Security Council met.", ()),
]


@pytest.mark.parametrize(("text", "expected"), TARGETS)
def test_targets(text: str, expected: tuple[str, ...]) -> None:
    assert targets(text) == expected


CASUALTIES = [
    ("Shelling killed a father and son.", (2, None)),
    ("The strike wounded two children and a mother.", (None, 3)),
    (
        "Troops shelled the village, killing a father and son and "
        "wounding two children and a mother.",
        (2, 3),
    ),
    ("12 people were killed and 30 injured.", (12, 30)),
    ("Two dead, five wounded.", (2, 5)),
    ("The death toll rose to 19.", (19, None)),
    ("The death toll from the attack on the city has risen to 21.", (21, None)),
    ("The number of injured rose to 40.", (None, 40)),
    ("There were no casualties.", (0, 0)),
    ("No one was injured.", (None, 0)),
    ("Nobody was killed.", (0, None)),
    ("There were no immediate reports of casualties.", (0, 0)),
    ("The drones killed 3 and injured 4.", (3, 4)),
    ("A blast tore through a block, injuring 23 people.", (None, 23)),
    ("At least four people were injured.", (None, 4)),
    ("A woman was killed.", (1, None)),
    ("A man in his 70s was killed.", (1, None)),
    ("A 70-year-old woman was injured.", (None, 1)),
    ("A woman and her two children were wounded.", (None, 3)),
    ("A mother and her children were hurt.", (None, 3)),
    ("An elderly couple died.", (2, None)),
    ("A family of four was killed.", (4, None)),
    ("Eight people were injured in the attack.", (None, 8)),
    ("Twenty-three people were hospitalised.", (None, 23)),
    ("The attack killed three civilians and injured 14 more.", (3, 14)),
    ("The strike left two people dead and nine wounded.", (2, 9)),
    ("Three people, including a child, were injured.", (None, 3)),
    ("Two people aged 17 and 19 were injured.", (None, 2)),
    ("One of them was killed.", (1, None)),
    ("Dozens of people were injured.", (None, 24)),
    (
        "Three children were killed in one town and a man was killed in another.",
        (3, None),
    ),
    # traps: numbers that are not people
    ("Russia fired 550 drones and 11 missiles.", (None, None)),
    ("Air defence shot down 72 of the 550 drones.", (None, None)),
    ("The victims were killed three days ago.", (None, None)),
    ("Since 2022 the war has raged.", (None, None)),
    ("The Kh-101 missiles killed nobody? Unknown.", (None, None)),
    ("Information on casualties is being clarified.", (None, None)),
    ("Several people were injured.", (None, None)),
    ("Residents were injured.", (None, None)),
]


@pytest.mark.parametrize(("text", "expected"), CASUALTIES)
def test_casualties(text: str, expected: tuple[int | None, int | None]) -> None:
    assert casualties(text) == Casualties(*expected)


LAUNCHED = [
    ("Russia fired 550 drones and 11 missiles.", {"drone": 550, "missile": 11}),
    (
        "Russia fired a record 550 drones and 11 missiles.",
        {"drone": 550, "missile": 11},
    ),
    ("The army launched 40 Shaheds overnight.", {"drone": 40}),
    ("Air defence shot down 72 of the 550 drones.", {"drone": 550}),
    ("Out of 120 drones, 90 were downed.", {"drone": 120}),
    ("Some 120 missiles were fired at the grid.", {"missile": 120}),
    (
        "Russia attacked with 9 Iskander-M ballistic missiles, "
        "4 Kh-101 cruise missiles and 200 drones.",
        {"ballistic_missile": 9, "cruise_missile": 4, "drone": 200},
    ),
    ("Russia launched 1,200 drones this week.", {"drone": 1200}),
    ("Russia launched eleven missiles.", {"missile": 11}),
    ('Russia launched 40 "Shahed" drones overnight.', {"drone": 40}),
    ("Russia launched 40 “Shaheds” and 3 missiles.", {"drone": 40, "missile": 3}),
    ("Russia launched 550 drones and missiles.", {}),
    ("Russia launched hundreds of drones.", {}),
    ("12 people were killed.", {}),
    ("Air defence shot down 72 drones.", {}),
]


@pytest.mark.parametrize(("text", "expected"), LAUNCHED)
def test_launched(text: str, expected: dict[str, int]) -> None:
    assert launched(text) == expected


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("23", 23),
        ("1,000", 1000),
        ("four", 4),
        ("Four", 4),
        ("twenty-three", 23),
        ("ninety nine", 99),
        ("a dozen", 12),
        ("dozens", 24),
        ("many", None),
        ("", None),
    ],
)
def test_parse_number(text: str, value: int | None) -> None:
    assert parse_number(text) == value


def test_seed_casualties(seeds_dir) -> None:
    """Casualty figures the annotation gives are read from the seed sentences."""
    from geo.extract.sentences import sentences

    def best(name: str, needle: str) -> Casualties:
        text = (seeds_dir / name).read_text(encoding="utf-8")
        hits = [casualties(s) for s in sentences(text) if needle in s]
        assert hits, needle
        killed = [c.killed for c in hits if c.killed is not None]
        injured = [c.injured for c in hits if c.injured is not None]
        return Casualties(max(killed, default=None), max(injured, default=None))

    assert best("001_eecc2b411eaefec5.txt", "Donetsk") == Casualties(2, 3)
    assert best("002_8ae3a1aae92a0510.txt", "smoke").injured == 23
    assert best("003_a9f7d64532b689ea.txt", "Zaporizhzhia region").killed == 3
    assert best("004_987d2e87f9d1aef4.txt", "hour-long").injured == 8


# -- who said it is not who was hurt (issue 10, defect 9) ------------------------------
# A list of people ends where an attribution begins: ", <speaker> said" names the
# source of the figure, not one more victim -- however the speaker is described.
ATTRIBUTED = [
    ("A drone hit a depot, injuring three workers, local officials said.", (None, 3)),
    ("A drone hit a depot, injuring three workers, officials said.", (None, 3)),
    (
        "A drone hit a depot, injuring three workers, two local officials said.",
        (None, 3),
    ),
    ("A drone hit a depot, injuring three workers, regional governor said.", (None, 3)),
    (
        "Shelling hit a market, killing two vendors, the regional governor said.",
        (2, None),
    ),
    (
        "Missiles struck the port, wounding five civilians, residents told reporters.",
        (None, 5),
    ),
    (
        "A bomb fell on a farm, killing a man, a local official wrote on Telegram.",
        (1, None),
    ),
    (
        "Rockets hit the town, killing a woman and her son, a police officer said.",
        (2, None),
    ),
    ("Drones hit a bus, injuring six passengers, local residents reported.", (None, 6)),
    ("Shelling killed two people, their relatives told journalists.", (2, None)),
    ("Shelling wounded a teenager, two local officials and police said.", (None, 1)),
    ("A strike hit a clinic, injuring a nurse, rescuers added.", (None, 1)),
    (
        "The attack killed four people, local authorities confirmed on Monday.",
        (4, None),
    ),
    # still lists: members joined before the attribution all count
    (
        "A drone hit a depot, injuring three workers and a guard, police said.",
        (None, 4),
    ),
    (
        "Shelling killed a mother, her two children and a neighbour, officials said.",
        (4, None),
    ),
    ("The strike wounded a driver, a medic and two pensioners.", (None, 4)),
    (
        "Shelling wounded a guard, two workers and a volunteer who said nothing.",
        (None, 4),
    ),
]


@pytest.mark.parametrize(("text", "expected"), ATTRIBUTED)
def test_attribution_is_not_a_victim(
    text: str, expected: tuple[int | None, int | None]
) -> None:
    assert casualties(text) == Casualties(*expected)


# -- absurd figures (issue 10) ---------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "99999999999999999999 people were killed.",
        "The strike killed 5000000 civilians.",
        "A blast injured " + "9" * 5000 + " people.",
        "The death toll rose to 123456789.",
        "The number of injured rose to " + "7" * 4400 + ".",
    ],
    ids=["20 digits", "five million", "5000 digits", "toll", "4400 digits"],
)
def test_absurd_casualty_figures_are_not_casualties(text: str) -> None:
    assert casualties(text) == Casualties(None, None)


@pytest.mark.parametrize(
    "text",
    [
        "Russia launched 99999999999999999999 drones.",
        "Russia fired " + "9" * 5000 + " missiles.",
        "Some 50000000 missiles were fired at the grid.",
    ],
    ids=["20 digits", "5000 digits", "fifty million"],
)
def test_absurd_launch_figures_are_not_counts(text: str) -> None:
    assert launched(text) == {}


@pytest.mark.parametrize(
    ("text", "value"),
    [("9" * 5000, None), ("99999999999999999999", None), ("100,000", 100_000)],
    ids=["5000 digits", "20 digits", "a hundred thousand"],
)
def test_parse_number_refuses_absurd_figures(text: str, value: int | None) -> None:
    assert parse_number(text) == value


PASSIVE_SKIP = [
    # passive words: the passive form is read
    ("en", "Overnight 120 missiles were fired at the capital.", True),
    ("en", "In all, 40 Shaheds had been launched by dawn.", True),
    ("uk", "Вночі 45 ударних дронів було запущено по країні.", True),
    # none: the passive form is skipped, and had nothing to add
    ("en", "Overnight 120 missiles hit the city, and 3 drones fell in a field.", False),
    ("en", "Russia launched 40 Shaheds and 2 missiles; 38 were shot down.", False),
    ("uk", "Ворог запустив 45 дронів, 40 з них збито.", False),
]


@pytest.mark.parametrize(("code", "text", "has_words"), PASSIVE_SKIP)
def test_launched_skips_the_passive_form_only_without_its_words(
    code: str, text: str, has_words: bool
) -> None:
    from geo.extract import attributes as A
    from geo.lang import language

    lang = language(code)
    g = A._launch_grammar(lang)
    numbers = g.num_then.matches(text, text.lower())
    assert numbers
    full = A._passive_counts(text, numbers, g)  # the passive form, never skipped
    assert (g.passive_words.search(text) is not None) is has_words
    if not has_words:
        assert full == []  # the skip loses nothing
    found = launched(text, lang)
    for cls, n in full:  # what the passive form gives is kept
        assert found[cls] >= n
    assert bool(full) is has_words


@pytest.mark.parametrize(
    ("fragment", "start"),
    [
        ("people", "peo"),
        ("men", "men"),
        ("ox", "ox"),
        ("kids?", "kid"),
        ("abc?", "ab"),
        ("ab*c", "a"),
        ("ukrainian service ?member", "ukr"),
        ("діти", "діт"),
        ("(?:boy|girl)s", None),
        ("[a-z]+", None),
        ("\\w+", None),
        ("x?y", None),
        ("boy|girl", None),
        ("boys?|girls?", None),
        ("boy(?:s|hood)", "boy"),
        ("abc\\|d", "abc"),
        ("ab[|]c", "ab"),
        ("at\\s+least", "at"),
    ],
)
def test_literal_start(fragment: str, start: str | None) -> None:
    from geo.extract import attributes as A

    assert A._literal_start(fragment) == start


def test_can_start_needs_every_start() -> None:
    from geo.extract import attributes as A

    assert A._starts_trie(["people", "(?:boy|girl)s"]) is None
    assert A._can_start(["people", "(?:boy|girl)s"]) == ""
    assert A._can_start([]) == ""
    guard = A._can_start(["people", "son", "sons"])
    assert guard.startswith("(?=")


# Where the person-noun and number look-aheads skip (no noun or number can
# start: "the attack", "a day") and where they must not (capitals, case-folded
# letters such as the long s and the Kelvin sign, nouns after adjectives and
# numbers, numbers in words, with commas, in other scripts' digits).
GUARD_TEXTS = [
    ("en", "The attack on the port killed a man and injured the driver."),
    ("en", "Two Children, an elderly WOMAN and her 12-year-old son were hurt."),
    ("en", "At least a dozen more people and three other residents died."),
    ("en", "a ſon and two \u212aIDS were wounded, the governor said"),
    ("en", "A family of four, a couple and 5 others; 2024 was a year."),
    ("en", "Twenty-one people, 1,200 residents and \u0663 men; A DOZEN were hurt."),
    ("uk", "Загинула жінка, двоє дітей та чоловік отримали поранення."),
    ("uk", "Внаслідок атаки постраждали троє людей, серед них ДИТИНА."),
    ("uk", "ДВАДЦЯТЬ ОДИН мешканець та 5-ро рятувальників, п’ятеро дітей."),
]


@pytest.mark.parametrize(("code", "text"), GUARD_TEXTS)
def test_look_aheads_change_no_list_member(
    code: str, text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from geo.extract import attributes as A
    from geo.lang import language

    lang = language(code)
    guarded = A._casualty_grammar(lang).item
    monkeypatch.setattr(A, "_starts_trie", lambda fragments: None)
    monkeypatch.setattr(
        A, "_numbers", lambda lang: A._Numbers(lang, max(A._max_figures(lang)))
    )
    full = A._Casualties(lang).item  # nouns and numbers tried everywhere
    assert "(?=" not in full.pattern.replace("(?=\\S)", "")
    assert full.pattern != guarded.pattern
    found = 0
    for pos in range(len(text) + 1):
        a, b = guarded.match(text, pos), full.match(text, pos)
        assert (a and (a.span(), a.groupdict())) == (b and (b.span(), b.groupdict()))
        found += a is not None
    assert found


# The rare forms (nobody hurt, tolls, labels) are read only where one search
# of them all finds something: on texts without them it must find nothing
# they would have found, and on texts with them it must let them be read.
RARE_TEXTS = [
    ("en", "No casualties were reported after the strike on the depot.", True),
    ("en", "The death toll rose to 19 on Sunday, officials said.", True),
    ("en", "The number of injured has risen to 40 in the city.", True),
    ("en", "Fatalities: 0. Injured: 3.", True),
    ("en", "Nobody was hurt when the drone fell near the school.", True),
    ("en", "Two people were killed and 12 injured in the attack.", False),
    ("en", "The tolling bell and a noble death; no-one knows.", False),
    ("en", "Killing three, the strike hit a numbered block.", False),
    ("uk", "Минулося без постраждалих, повідомили в ОВА.", True),
    ("uk", "Кількість загиблих зросла до 12 людей.", True),
    ("uk", "Ніхто не загинув, але двоє людей поранено.", True),
    ("uk", "Внаслідок удару загинули двоє людей, ще п’ятеро поранено.", False),
]


@pytest.mark.parametrize(("code", "text", "rare"), RARE_TEXTS)
def test_rare_forms_gate_loses_nothing(code: str, text: str, rare: bool) -> None:
    from geo.extract import attributes as A
    from geo.lang import language

    g = A._casualty_grammar(language(code))
    out = A._Figures(text, g)
    A._stated_none(text, text.lower(), g, out)  # the rare forms, never skipped
    A._tolls(text, text.lower(), g, out)
    gate = g.rare.search(text, low=text.lower())
    assert (gate is not None) is rare
    assert bool(out.killed or out.injured) is rare  # none found where skipped
    if not rare:
        for p in (g.none_both, g.none_k, g.none_i, g.toll_k, g.toll_i):
            assert p.search(text) is None


# The launch forms (verb, "of the N", passive) are read only where one search
# of them all finds something: where it finds nothing each form, asked in
# full, must give nothing; where one form gives a count the search must find it.
FORMS_TEXTS = [  # (language, text, the search finds, a form gives a count)
    ("en", "Russia launched 40 Shahed drones at the city overnight.", True, True),
    ("en", "Air defence shot down 72 of the 550 drones.", True, True),
    ("en", "Overnight 120 missiles were fired at the capital.", True, True),
    ("en", "The troops fired 3 times at the town and its 2 villages.", True, False),
    ("en", "Around 30 drones hit the city; 12 people were hurt.", False, False),
    ("en", "Kwas fired nothing; the answered drones waswere 5 drones.", False, False),
    ("uk", "Ворог запустив 45 ударних дронів по країні.", True, True),
    ("uk", "Вночі 45 ударних дронів було запущено по країні.", True, True),
    ("uk", "Збито 40 з 45 дронів, повідомили повітряні сили.", True, True),
    ("uk", "Дрони атакували 3 громади, пошкоджено 2 будинки.", True, False),
    ("uk", "Дрони пошкодили 3 будинки та 2 авто.", False, False),
]


@pytest.mark.parametrize(("code", "text", "finds", "has_form"), FORMS_TEXTS)
def test_launch_forms_gate_loses_nothing(
    code: str, text: str, finds: bool, has_form: bool
) -> None:
    from geo.extract import attributes as A
    from geo.lang import language

    lang = language(code)
    g = A._launch_grammar(lang)
    low = text.lower()
    gate = g.forms.search(text, low=low)
    assert (gate is None) == (g.forms.regex.search(text) is None)  # prefilter
    assert (gate is not None) is finds
    numbers = g.num_then.matches(text, low)
    verbs = [*g.verb.matches(text), *g.of_total.matches(text)]
    full = [  # every form asked in full, never skipped
        *(A._launch_list(text, m.group("n"), m.end(), g) for m in verbs),
        A._passive_counts(text, numbers, g),
    ]
    assert any(full) is has_form
    if not finds:
        assert not verbs and g.passive.search(text) is None
    assert bool(launched(text, lang)) is has_form


@pytest.mark.parametrize("grammar", ["_launch_grammar", "_casualty_grammar"])
@pytest.mark.parametrize("code", ["en", "uk"])
def test_keyword_search_is_the_keyword_test(code: str, grammar: str) -> None:
    from geo.extract import attributes as A
    from geo.lang import language

    g = getattr(A, grammar)(language(code))
    texts = [f"..{k}.." for k in g.keywords] + [k[:-1] for k in g.keywords]
    texts += ["", "Kh 101", "kh-", "k", "no weapon named here", "ракетa"]
    for text in texts:
        low = text.lower()
        want = any(k in low for k in g.keywords)
        assert (g.keyword.search(low) is not None) is want, text


@pytest.mark.parametrize("code", ["en", "uk"])
@pytest.mark.parametrize(
    "digits", ["0", "7", "007", "23", "1000", "4400", "9" * 25, "2024", "1,000"]
)
def test_parse_number_digit_shortcut(code: str, digits: str) -> None:
    from geo.extract import attributes as A
    from geo.lang import language

    numbers = A._numbers(language(code))
    # spaces around send the text through the full normalisation (same key)
    assert numbers.parse(digits) == numbers.parse(f" {digits}\t")


ACTIVE_TEXTS = [
    "Загинула жінка, поранено двох чоловіків , отримали травми ще троє.",
    "Внаслідок удару постраждали п’ятеро людей;  госпіталізовано двох.",
    "Обстріл забрав життя двох людей, ще одна жінка отримала поранення.",
    "Пошкоджено будинок, — уламки травмували  двох людей, повідомили в ОВА.",
]


@pytest.mark.parametrize("text", ACTIVE_TEXTS)
def test_active_without_left_form_matches_as_a_failing_branch(text: str) -> None:
    from geo.extract import attributes as A
    from geo.lang import language

    lang = language("uk")
    assert not lang.lexicon["casualties"]["left"]  # no "leaving N dead" form
    active = A._casualty_grammar(lang).active
    # the form as a third branch that never matches: the same matches
    branch = active.regex.pattern.replace(")(?P<left>(?!))?", "|(?P<left>(?!)))")
    assert branch != active.regex.pattern
    full = re.compile(branch, active.regex.flags)
    got = [(m.span(), m.groupdict()) for m in active.matches(text)]
    assert got == [(m.span(), m.groupdict()) for m in full.finditer(text)]
    assert got


@pytest.mark.parametrize(
    "text",
    [
        "Через два дні після атаки, яка вбила 5 людей, — знову удар.",
        "Після  удару , після обстрілу;післяобідній час і Після.",
    ],
)
def test_context_anchor_without_free_anchors_matches_as_a_failing_branch(
    text: str,
) -> None:
    from geo.extract import attributes as A
    from geo.lang import language

    lang = language("uk")
    assert not lang.lexicon["casualties"]["context"].get("free_anchors")
    context = A._casualty_grammar(lang).context
    assert context is not None
    anchor = context.anchor.regex
    # the never-matching group as the first branch, as it was: the same matches
    anchors = A.alternation(lang.lexicon["casualties"]["context"]["anchors"])
    branch = rf"(?<!\w)(?:(?P<free>(?!))|{anchors}(?!\w))"
    full = re.compile(branch, anchor.flags)
    got = [(m.span(), m.groupdict()) for m in context.anchor.matches(text)]
    assert got == [(m.span(), m.groupdict()) for m in full.finditer(text)]
    assert got


def _start_as_one_alternation(code: str) -> re.Pattern[str]:
    """Where a list may start, as the single alternation it was first written."""
    from geo.extract import attributes as A
    from geo.lang import language

    lang = language(code)
    cas = lang.lexicon["casualties"]
    quant = A.alternation(cas["quantifiers"])
    art, poss = "|".join(cas["articles_one"]), "|".join(cas["possessives"])
    starts = f"{quant}|{A._numbers(lang).num}|{art}|{poss}|{cas['family_of']}"
    if cas.get("singular_counts"):
        nouns = sorted((*cas["persons_singular"], *cas["pairs"]), key=len)
        starts += "|" + "|".join(reversed(nouns))
    not_after = "".join(f"(?<!{w} )" for w in cas["list_not_after"])
    not_chars = cas.get("list_start_not_after", r"\w,-")
    return re.compile(
        rf"(?<![{not_chars}]){not_after}(?:{starts})(?!\w)", re.IGNORECASE
    )


START_TEXTS = [
    *GUARD_TEXTS,
    ("en", "At least twenty-one people, aged 5 to 9, and no 3 others; ONE HUNDRED."),
    ("en", "A couple of men, his wife and their two sons, 1,200 and 3,4 or -5 died."),
    ("en", "Some 40 residents, a family of five and an elderly man were hurt."),
    ("uk", "Щонайменше 5-ох людей, віком 7 років, і двоє дітей; ДВАДЦЯТЬ ОДИН."),
    ("uk", "Загинули водій, його дружина та 12 пасажирів, ще троє — у лікарні."),
]


@pytest.mark.parametrize(("code", "text"), START_TEXTS)
def test_list_starts_match_as_one_alternation(code: str, text: str) -> None:
    from geo.extract import attributes as A
    from geo.lang import language

    start = A._casualty_grammar(language(code)).start
    assert start.first is not None  # a prefilter, dispatching per start
    one = _start_as_one_alternation(code)
    got = [m.span() for m in start.matches(text, text.lower())]
    assert got == [m.span() for m in one.finditer(text)]
    assert got == [m.span() for m in start.regex.finditer(text)]
    assert len(got) >= 2


TAIL_TEXTS = [
    ("en", "Two were killed, 5 injured and one person was hospitalised; dead: 3."),
    ("en", "Eleven in need of medical help, others lost their lives; KILLED."),
    ("en", "No one was hurt, but 7 were reported wounded and 2 found dead."),
    ("uk", "Загинули двоє, поранено п’ятьох, ще троє постраждали."),
    ("uk", "Двоє людей отримали поранення, одна жінка загинула."),
]


@pytest.mark.parametrize(("code", "text"), TAIL_TEXTS + START_TEXTS)
def test_tail_words_match_as_one_alternation(code: str, text: str) -> None:
    from geo.extract import attributes as A
    from geo.lang import language

    cas = language(code).lexicon["casualties"]
    tail_word = A._casualty_grammar(language(code)).tail_word
    assert tail_word.first is not None
    killed, injured = A.alternation(cas["killed"]), A.alternation(cas["injured"])
    one = re.compile(rf"(?<!\w)(?:{killed}|{injured})(?!\w)", re.IGNORECASE)
    got = [m.span() for m in tail_word.matches(text, text.lower())]
    assert got == [m.span() for m in one.finditer(text)]


@pytest.mark.parametrize(
    ("code", "text"), [(c, t) for c, t, _, _ in FORMS_TEXTS] + TAIL_TEXTS
)
def test_launch_forms_match_as_one_alternation(code: str, text: str) -> None:
    from geo.extract import attributes as A
    from geo.lang import language

    raw = language(code).lexicon["launch"]
    g = A._launch_grammar(language(code))
    verb = (
        rf"{A.alternation(raw['verbs'])}\s+"
        rf"(?:(?:{A._alt(raw['verb_fillers'])})\s+){{0,4}}"
    )
    of_total = A.alternation([raw["of_total"]])
    precise = A._numbers(language(code)).precise
    one = re.compile(
        rf"(?<!\w)(?:(?:{verb}|{of_total}){precise}\s+"
        rf"|{A.alternation([raw['passive']])})",
        re.IGNORECASE,
    )
    for pos in range(len(text) + 1):
        a, b = g.forms.search(text, pos), one.search(text, pos)
        assert (a and a.span()) == (b and b.span())
