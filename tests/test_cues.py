"""Attack cues, mention roles, foreign places, the lexicon (geo.extract)."""

from __future__ import annotations

import json
import re
from bisect import bisect_right

import pytest

from geo.extract.cues import (
    attack_cues,
    cue_hits,
    foreign_place,
    foreign_places,
    has_attack,
    mention_role,
    roles,
)
from geo.extract.lexicon import (
    ClassMatcher,
    alternation,
    class_matcher,
    first_chars,
    fragment,
)
from geo.lang import Language, language

LEXICON = language("en").lexicon
ROLES = roles()
ATTACK, WEAPONS, TARGETS = (class_matcher(s) for s in ("attack", "weapons", "targets"))

# ----------------------------------------------------------------- attack cues

ATTACKS = [
    ("Missiles struck the city overnight.", True, ("struck",)),
    ("Explosions were heard in the capital.", True, ("explosions",)),
    ("The district came under fire.", True, ("came under fire",)),
    ("Russian forces shelled the village.", True, ("shelled",)),
    ("A drone attack hit a warehouse.", True, ("attack", "hit")),
    ("An air raid destroyed the school.", True, ("air raid", "destroyed")),
    ("Russia rained missiles on the cities.", True, ("rained missiles",)),
    ("Air defences shot down 20 drones.", False, ("air defences", "shot down")),
    ("A kindergarten was set on fire.", False, ("set on fire",)),
    ("Two people were injured.", False, ("injured",)),
    # not attacks
    ("Air raid alerts lasted four hours.", False, ()),
    ("An air alert was declared in the region.", False, ()),
    ("The sides struck a deal on prisoners.", False, ()),
    ("Exports hit a record high.", False, ()),
    ("He died of a heart attack.", False, ("died",)),
    ("A cyberattack hit the bank.", True, ("hit",)),
    ("Starlink was used by Russian attack drones.", False, ()),
    ("There were no immediate reports of casualties or damage.", False, ()),
    ("Nobody was hurt.", False, ()),
    ("Talks will continue next week.", False, ()),
]


@pytest.mark.parametrize(("sentence", "attack", "cues"), ATTACKS)
def test_attack_cues(sentence: str, attack: bool, cues: tuple[str, ...]) -> None:
    assert attack_cues(sentence) == cues
    assert has_attack(sentence) is attack


def test_cue_hits_carry_classes() -> None:
    hits = cue_hits(
        "Missiles struck the city and damaged homes; drones were shot down."
    )
    assert [h.cls for h in hits] == ["attack", "effect", "defence"]
    assert all(isinstance(h.start, int) and h.end > h.start for h in hits)


# ---------------------------------------------------------------- mention roles


def role(sentence: str, place: str, nth: int = 0) -> str | None:
    i = -1
    for _ in range(nth + 1):
        i = sentence.index(place, i + 1)
    return mention_role(sentence, i, i + len(place))


ROLE_CASES = [
    # captured
    (
        "Russia stepped up attacks after capturing rail hubs in Lyman and Siversk.",
        "Lyman",
        "captured",
    ),
    (
        "Russia stepped up attacks after capturing rail hubs in Lyman and Siversk.",
        "Siversk",
        "captured",
    ),
    ("Moscow claimed the capture of Vovchansk.", "Vovchansk", "captured"),
    ("Troops advanced on Kostiantynivka.", "Kostiantynivka", "captured"),
    ("Huliaipole, captured by Russia in 2025, lies south.", "Huliaipole", "captured"),
    ("Avdiivka fell to Russian forces.", "Avdiivka", "captured"),
    ("Drones hit Izium after troops took control of Kupiansk.", "Izium", None),
    ("Drones hit Izium after troops took control of Kupiansk.", "Kupiansk", "captured"),
    # request
    ("The president asked Moscow not to strike Kyiv this week.", "Kyiv", "request"),
    ("He wants a pause in attacks on Odesa.", "Odesa", "request"),
    ("Putin agreed to refrain from attacking Kharkiv.", "Kharkiv", "request"),
    # direction
    ("A village west of Poltava was shelled.", "Poltava", "direction"),
    ("Bucha, north-west of Kyiv, was quiet.", "Kyiv", "direction"),
    ("Bucha, north-west of Kyiv, was quiet.", "Bucha", None),
    ("Shells hit a farm 30 km from Kherson.", "Kherson", "direction"),
    ("A strike hit a depot 40 kilometres south of Dnipro.", "Dnipro", "direction"),
    (
        "Shells hit Antonivka, across the river from occupied Oleshky.",
        "Oleshky",
        "direction",
    ),
    (
        "Guns on the other side of the Dnipro river from Kherson fired again.",
        "Kherson",
        "direction",
    ),
    ("Drones hit occupied Oleshky overnight.", "Oleshky", None),
    ("Drones were flying towards Lviv.", "Lviv", "direction"),
    ("Explosions in the west of Kyiv woke residents.", "Kyiv", None),
    ("Missiles hit the outskirts of Kharkiv.", "Kharkiv", None),
    ("Drones hit a plant near Poltava.", "Poltava", None),
    # launch site and origin
    ("Bombers launched missiles from Engels.", "Engels", "launch_site"),
    ("Drones came from the direction of Kursk.", "Kursk", "launch_site"),
    ("Families evacuated from Pokrovsk found shelter.", "Pokrovsk", "origin"),
    ("Strikes were reported from Kharkiv to Odesa.", "Kharkiv", None),
    # talks and visits
    ("Delegations held talks in Istanbul.", "Istanbul", "talks"),
    ("The Geneva talks ended without a deal.", "Geneva", "talks"),
    ("The envoy will travel to Kyiv on Friday.", "Kyiv", "visit"),
    ("The chancellor visited Odesa.", "Odesa", "visit"),
    # statements and officials
    ("Kyiv has warned that supplies are running out.", "Kyiv", "statement"),
    ("Kyiv says the claims are false.", "Kyiv", "statement"),
    ("Moscow denied the report.", "Moscow", "statement"),
    ("Kyiv's allies pledged more air defence.", "Kyiv", "statement"),
    (
        "Kharkiv mayor Ihor Terekhov reported strikes on the city.",
        "Kharkiv",
        "official",
    ),
    (
        "Oleh Syniehubov, the governor of Kharkiv, said two were hurt.",
        "Kharkiv",
        "official",
    ),
    (
        "The head of the Kyiv city military administration said homes burned.",
        "Kyiv",
        "official",
    ),
    ("Kharkiv region's governor said shells hit a village.", "Kharkiv", "official"),
    # names and foreign places
    ("Dynamo Kyiv won on Sunday.", "Kyiv", "name"),
    ("The Kyiv Independent reported blasts.", "Kyiv", "name"),
    ("Damage east of the Dnipro River was heavy.", "Dnipro", "name"),
    ("A drone hit a refinery in Russia's Krasnodar region.", "Krasnodar", "outside"),
    ("Shells hit the Russian city of Belgorod.", "Belgorod", "outside"),
    ("Drones struck Russian-occupied Melitopol.", "Melitopol", None),
    # weather and alerts
    ("Lviv is forecast to see snow on Friday.", "Lviv", "forecast"),
    ("Temperatures in Sumy fell below minus 20.", "Sumy", "forecast"),
    ("Missiles struck Sumy as temperatures fell.", "Sumy", None),
    ("An air raid alert was declared in Chernihiv.", "Chernihiv", "alert"),
    (
        "Air raid alerts sounded for hours as drones struck Chernihiv.",
        "Chernihiv",
        None,
    ),
    # plain strikes
    ("The Zaporizhzhia strike caused a large blaze.", "Zaporizhzhia", None),
    ("Explosions were heard in Dnipro and in Sumy.", "Sumy", None),
    ("Russia attacked Kherson overnight.", "Kherson", None),
]


@pytest.mark.parametrize(("sentence", "place", "expected"), ROLE_CASES)
def test_mention_role(sentence: str, place: str, expected: str | None) -> None:
    assert role(sentence, place) == expected


def test_roles_are_listed_in_lexicon_order() -> None:
    assert ROLES == tuple(LEXICON["mention_roles"]["order"])
    assert set(ROLES) == set(LEXICON["mention_roles"]["roles"])


def test_seed_not_events_get_a_role(seeds_dir, gold_path) -> None:
    """Every sentence naming an annotated not-event place gives it a reason."""
    from geo.extract.sentences import sentences

    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    checked = 0
    for item in gold["not_events"]:
        if item["admin1"] is None:
            continue  # outside Ukraine: judged by foreign_places
        text = (seeds_dir / item["article"]).read_text(encoding="utf-8")
        for sent in sentences(text):
            for m in re.finditer(re.escape(item["place"]), sent):
                assert mention_role(sent, m.start(), m.end()) is not None, sent
                checked += 1
    assert checked >= 4


def test_seed_struck_places_have_no_role(seeds_dir) -> None:
    from geo.extract.sentences import sentences

    text = (seeds_dir / "000_c0625dcfb0ccbbf1.txt").read_text(encoding="utf-8")
    roles = [
        mention_role(s, m.start(), m.end())
        for s in sentences(text)
        if attack_cues(s)
        for m in re.finditer("Kyiv", s)
    ]
    assert None in roles


# -------------------------------------------------------------- foreign places

FOREIGN = [
    ("Drones hit Rostov-on-Don overnight.", [("Rostov-on-Don", "RU")]),
    ("A refinery in Tuapse burned.", [("Tuapse", "RU")]),
    ("Debris fell in Belgorod and Kursk.", [("Belgorod", "RU"), ("Kursk", "RU")]),
    (
        "Jets took off from Machulishchy near Minsk.",
        [("Machulishchy", "BY"), ("Minsk", "BY")],
    ),
    ("Drones flew over Transnistria.", [("Transnistria", "MD")]),
    ("Москва и Белгород", [("Moscow", "RU"), ("Belgorod", "RU")]),
    ("Strikes hit Bilhorod-Dnistrovskyi and Belgorod-Dnestrovsky.", []),
    ("Sevastopol, Donetsk, Luhansk and Mariupol are Ukraine.", []),
    ("Kherson and Crimea were hit.", []),
]


@pytest.mark.parametrize(("text", "expected"), FOREIGN)
def test_foreign_places(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(p.name, p.country) for p in foreign_places(text)] == expected


def test_foreign_place_lookup() -> None:
    place = foreign_place("St. Petersburg")
    assert place is not None and place.country == "RU"
    assert foreign_place("Kharkiv") is None


def test_no_ukrainian_place_is_outside() -> None:
    names = {
        a.lower()
        for p in LEXICON["outside_ukraine"]["places"]
        for a in [p["name"], *p["aliases"]]
    }
    for ukrainian in (
        "crimea",
        "sevastopol",
        "donetsk",
        "luhansk",
        "mariupol",
        "izmail",
        "kerch",
    ):
        assert ukrainian not in names


# ----------------------------------------------------------------- the lexicon


def test_lexicon_is_read_only() -> None:
    with pytest.raises(TypeError):
        LEXICON["attack"] = {}  # type: ignore[index]
    assert isinstance(LEXICON["weapons"]["classes"]["drone"], tuple)


@pytest.mark.parametrize("section", ["attack", "weapons", "targets"])
def test_every_pattern_compiles_alone(section: str) -> None:
    for patterns in LEXICON[section]["classes"].values():
        for p in patterns:
            re.compile(fragment(p), re.IGNORECASE)


@pytest.mark.parametrize(
    ("pattern", "chars"),
    [
        ("school", {"s"}),
        ("(?:thermal |nuclear )?power plant", {"t", "n", "p"}),
        ("(?<!The )(?-i:Lancets?)", {"l"}),
        ("\\d+ km", set("0123456789")),
        ("[Kk]h-101", {"k"}),
        ("a?b", {"a", "b"}),
        (".x", None),
        ("x?", None),
        ("\\w+", None),
    ],
)
def test_first_chars(pattern: str, chars: set[str] | None) -> None:
    assert first_chars(pattern) == (None if chars is None else frozenset(chars))


def _naive(section, text: str) -> list[tuple[int, int, str]]:
    """The plain ordered alternation that the dispatching regex must equal."""
    parts = []
    if section.get("exclude"):
        parts.append(f"(?P<x>{alternation(section['exclude'])})")
    names = list(section["classes"])
    for i, cls in enumerate(names):
        parts.append(f"(?P<c{i}>{alternation(section['classes'][cls])})")
    rx = re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)
    out = []
    for m in rx.finditer(text):
        if m.lastgroup != "x":
            out.append((m.start(), m.end(), names[int(m.lastgroup[1:])]))
    return out


@pytest.mark.parametrize(
    ("matcher", "section"),
    [(ATTACK, "attack"), (WEAPONS, "weapons"), (TARGETS, "targets")],
)
def test_dispatch_equals_plain_alternation(
    matcher: ClassMatcher, section: str, seeds_dir
) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))]
    texts += [s for s, *_ in ATTACKS] + [s for s, *_ in ROLE_CASES]
    sec = LEXICON[section]
    plain = {k: v for k, v in sec.items() if k != "exclude_before"}
    for text in texts:
        fast = [(h.start, h.end, h.cls) for h in ClassMatcher(plain).hits(text)]
        assert fast == _naive(sec, text)


# ------------------------------------------- cost per mention (issue 10, defect 3)
def _roles_cpu(size: int) -> float:
    """CPU time to judge every place named in one long sentence of ``size`` words."""
    import time

    words = (
        "Kyiv",
        "struck",
        "Odesa,",
        "talks",
        "in",
        "Lviv",
        "—",
        "west",
        "of",
        "Sumy",
    )
    tokens = [words[i % len(words)] for i in range(size)]
    sentence = " ".join(tokens)
    spans = [m.span() for m in re.finditer(r"Kyiv|Odesa|Lviv|Sumy", sentence)]
    mention_role(sentence + " ", 0, 4)  # the clause breaks of another sentence
    t = time.process_time()
    for a, b in spans:
        mention_role(sentence, a, b)
    return time.process_time() - t


def test_judging_each_mention_costs_its_neighbourhood_not_the_sentence() -> None:
    # a place's role is read from its own clause: four times the mentions in a
    # four times longer sentence is about four times the work, not sixteen
    _roles_cpu(400)
    once = min(_roles_cpu(1500) for _ in range(3))
    four = min(_roles_cpu(6000) for _ in range(2))
    assert four < 8 * once, (once, four)


# --------------------------------------------------------------- clause breaks

BREAK_TEXTS = [
    "Kharkiv was hit; Lviv was quiet: no sirens (none at all) there.",
    "Drones struck Sumy \u2013 the mayor said \u2014 and Poltava -- later - too.",
    "Missiles hit Odesa, while Kyiv, which was spared, AFTER the alert slept.",
    'He said "Dnipro was hit" and \u201cKherson too\u201d, but no more.',
    "Words\u00a0AS\u2009spaces: Unicode\u202fspaces, when\u3000read.",
    "Дрони атакували Суми, але Київ уникнув ударів; «вибухи» (ніч) тривали.",
    "Ракети влучили в Одесу , коли Львів спав \u2014 ТОДІ ЯК Харків ні.",
    "",
    "no break at all here",
]


@pytest.mark.parametrize("code", ["en", "uk"])
def test_clause_break_gate_changes_no_break(code: str) -> None:
    """The breaks regex, led by a gate, finds what the plain alternation finds.

    What matters: the same breaks as the plain alternation of the language's
    marks and words (case-insensitive; ``breaks_low`` on lower-cased text),
    and a pattern led by a character class (the gate the engine scans for).
    More texts: tests/test_speed_cues2.py.
    """
    import re._parser as sre_parse

    from clause_reference import breaks_plain

    from geo.extract.cues import _rules

    lang = language(code)
    rules = _rules(lang)
    plain = re.compile(breaks_plain(lang.lexicon["mention_roles"]), re.IGNORECASE)
    for rx in (rules.breaks, rules.breaks_low):
        assert sre_parse.parse(rx.pattern, rx.flags)[0][0] is sre_parse.IN
    for text in BREAK_TEXTS:
        for t in (text, text.lower()):
            want = [m.span() for m in plain.finditer(t)]
            assert [m.span() for m in rules.breaks.finditer(t)] == want, t
        low = text.lower()
        want = [m.span() for m in plain.finditer(low)]
        assert [m.span() for m in rules.breaks_low.finditer(low)] == want, low
    assert any(rules.breaks.search(t) for t in BREAK_TEXTS)
    assert not rules.breaks.search("no break at all here")


def _scopes_by_regex(
    sentence: str, anchors: list[int], lang: Language, elsewhere=None
) -> list[str | None]:
    """attribute_scopes as first written: its own finditer of the breaks."""
    from geo.extract import cues as cm

    if not anchors or (elsewhere is None and len(set(anchors)) < 2):
        return [None] * len(anchors)
    cuts = [0]
    for m in cm._rules(lang).breaks.finditer(sentence):  # case-insensitive
        if m.start() > cuts[-1]:
            cuts.append(m.start())
    cuts.append(len(sentence))
    n = len(cuts) - 1
    clause_of = [max(0, min(n - 1, bisect_right(cuts, a) - 1)) for a in anchors]
    named = sorted(set(clause_of))
    owner: list[int | None] = []
    for c in range(n):
        if c not in named and elsewhere and elsewhere(sentence[cuts[c] : cuts[c + 1]]):
            owner.append(None)
            continue
        before = [k for k in named if k <= c]
        owner.append(before[-1] if before else named[0])
    if len(named) < 2 and None not in owner:
        return [None] * len(anchors)
    return [
        " ".join(sentence[cuts[c] : cuts[c + 1]] for c in range(n) if owner[c] == k)
        for k in clause_of
    ]


SCOPE_TEXTS = [
    *BREAK_TEXTS,
    "Drones hit Kyiv whıle Lviv slept; Odesa too.",  # dotless i
    "Дрони атакували Київ, але Львів ᲀночі спав; Одеса теж.",  # old rounded ve
    "İzmail was hit; Reni, AS well, — then Odesa.",  # lower() lengthens İ
]


@pytest.mark.parametrize("code", ["en", "uk"])
def test_scopes_cut_where_the_break_regex_does(code: str) -> None:
    """attribute_scopes reads mention_role's remembered breaks: the same cuts."""
    from geo.extract.scope import attribute_scopes

    lang = language(code)
    cut = 0
    for text in SCOPE_TEXTS:
        for t in (text, text.upper(), text.lower()):
            n = len(t)
            anchors = [0, n // 3, n // 2, max(0, n - 2)]
            for elsewhere in (None, lambda c: "Lviv" in c or "Львів" in c):
                got = attribute_scopes(t, anchors, lang, elsewhere=elsewhere)
                assert got == _scopes_by_regex(t, anchors, lang, elsewhere), t
                cut += any(g is not None for g in got)
    assert cut > 10


def _eager_role(sentence: str, start: int, end: int, lang: Language) -> str | None:
    """mention_role as first written: the clause's attack words always read."""
    from geo.extract import cues as cm

    rules = cm._rules(lang)
    lo, hi = cm._clause(sentence, start, end, rules)
    best = None
    blocked = [
        r
        for r in rules.not_after
        if r.not_after is not None and r.not_after.match(sentence, end, hi)
    ]
    if rules.quiet and cm._loud(sentence, lo, hi, rules):
        blocked.extend(rules.quiet)
    reach = max(lo, start - 80 - 16 * rules.max_gap)
    for m in rules.before.overlapping(sentence, reach, start):
        role = rules.of(m)
        if role not in blocked and (best is None or role.rank < best.rank):
            if cm._gap_ok(role, sentence[m.end() : start], rules):
                best = role
    after = rules.after.regex.match(sentence, end, hi)
    if after is not None:
        role = rules.of(after)
        if role not in blocked and (best is None or role.rank < best.rank):
            best = role
    if best is None or best.rank > rules.clause_rank:
        for role in cm._clause_roles(sentence, lo, hi, rules):
            if best is None or role.rank < best.rank:
                best = role
    return best.name if best is not None else None


QUIET_TEXTS = [
    # a quiet role's trigger in a clause with attack words, and without
    "Увечері дрон атакував Полтаву, а над Кременчуком збили ракету.",
    "Над Кременчуком чисто, повітряна тривога у Полтаві триває.",
    "Повітряна тривога у Полтаві, дрони вдарили по Кременчуку.",
    "У Полтаві оголосили повітряну тривогу; Кременчук обстріляли вночі.",
    "Сили ППО збили над Миргородом дрон, уламки пошкодили будинок у Лубнах.",
    "Сирени лунали у Миргороді та Лубнах до ранку.",
    "Кременчук, Полтава і Лубни без світла після удару.",
    "Over Poltava a drone was downed; an alert in Kremenchuk ended.",
]


@pytest.mark.parametrize("text", QUIET_TEXTS)
def test_quiet_roles_judged_as_the_eager_path(text: str) -> None:
    lang = language("uk") if not text.isascii() else language("en")
    names = [(m.start(), m.end()) for m in re.finditer(r"\b[A-ZА-ЯІЇЄҐ]\w+", text)]
    got = [mention_role(text, a, b, lang) for a, b in names]
    assert got == [_eager_role(text, a, b, lang) for a, b in names]
    assert len(names) >= 2


def test_quiet_texts_meet_both_paths() -> None:
    """The texts above have quiet triggers in loud clauses and in quiet ones."""
    uk = language("uk")
    roles = {
        mention_role(t, m.start(), m.end(), uk)
        for t in QUIET_TEXTS[:-1]
        for m in re.finditer(r"\b[А-ЯІЇЄҐ]\w+", t)
    }
    assert {"alert", "airspace", None} <= roles


@pytest.mark.parametrize(
    ("code", "sentence"),
    [
        ("en", "Drones hit Kyiv whıle Lviv slept; Odesa too."),  # dotless i
        ("en", "Drones hit Kyiv, whıch was dark, ſince dawn."),  # long s
        ("uk", "Дрони атакували Київ, але Львів ᲀночі спав."),  # old rounded ve
        ("uk", "Дрони атакували Київ, ᲁоки Львів спав."),
    ],
)
def test_clause_breaks_of_folded_letters_as_the_regex(code: str, sentence: str) -> None:
    """Letters the regex equates with others though lower() keeps them."""
    from geo.extract import cues as cm

    rules = cm._rules(language(code))
    starts, ends = cm._breaks(sentence, rules)
    want = [m.span() for m in rules.breaks.finditer(sentence)]
    assert list(zip(starts, ends, strict=True)) == want
    assert want


def test_folded_letters_are_the_extra_cases_of_re() -> None:
    casefix = pytest.importorskip("re._casefix")
    from geo.extract.lexicon import FOLDED

    chars = {chr(c) for k, v in casefix._EXTRA_CASES.items() for c in (k, *v)}
    kept = {c for c in chars if c.upper().lower() != c}  # lower() keeps them apart
    assert {chr(i) for i in range(0x110000) if FOLDED.match(chr(i))} == kept
