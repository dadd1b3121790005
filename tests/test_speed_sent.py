"""The sentence splitter's and the mentions stage's shortcuts (issue 14, round 4).

Each shortcut is compared here with the full path it stands for, on texts
where it skips work and on texts where it must not, English and Ukrainian.
"""

from __future__ import annotations

import dataclasses
import pickle

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sentence_reference import reference_cuts

from gazetteer import get_gazetteer
from gazetteer.records import Mention
from geo.extract import mentions as mm
from geo.extract import sentences as sm
from geo.lang import Language

LANGS = [Language("en"), Language("uk")]


def _full_word(text: str, start: int) -> str:
    """The token before ``start`` as ``period_ends`` walks back to it."""
    i = start
    while i > 0 and start - i < 40 and (text[i - 1].isalnum() or text[i - 1] in "._'’"):
        i -= 1
    return text[i:start]


# periods after words the rules know (titles, months, "No.", initials,
# acronyms), after plain words, after tokens that are no plain word (40+
# characters, a bracket or dash before, no space before), before numbers,
# capitals, quotes, lower case, at the text's end
CUT_TEXTS = [
    "Mr. Smith said 2.5 km. Then it ended.",
    "He met Dr. Jones. The U.S. The end. In the U.S. officials said so.",
    "Gen. Syrskyi spoke. No. 5 was hit. See no. The rest. Nov. 25 it was. Nov. The",
    "J. Smith. U.S. The. a.m. Then. e.g. The. i.e. It. A. B. C. one. Two.",
    "(Mr. Smith) left. —Dr. Who came. «St. Petersburg» is far. x.Mr. The",
    "A" * 45 + ". The " + "b" * 39 + ". The " + "c" * 40 + ". A " + "d" * 41 + ". B",
    "word\u00a0Mr. Smith. word\u2003Dr. Who. word\tSt. Louis. O'Neil. D’Arcy. The_x. Y",
    'He said "stop." Then. She said "Go." "The end." (Done.) [Fine.] Yes.\u201d No.',
    "Ends. ",
    "Ends.",
    ".",
    ". ",
    " . A",
    "..A. B... C… D?. E!. F.. G",
    "вул. Шевченка, 5. Пошкоджено будинок. О 5 год. 30 хв. було тихо.",
    "м. Харків зазнав удару. с. Руська Лозова. В. Зеленський заявив. В. Це так.",
    "буд. 5 пошкоджено. буд. Далі. № 5. № Далі. т.зв. Шахеди. т.зв. Вони. Київ. Вночі",
    "Line one\nline two.\n\nThird. ( Fourth.\nA quote.\u201d\nnext in lower case.\n",
    "– пункт один;\n– пункт два.\nВнаслідок:\n1) Суми\n2) Шостка\n",
]


@pytest.mark.parametrize("lang", LANGS, ids=lambda lang: lang.code)
@pytest.mark.parametrize("text", CUT_TEXTS)
def test_cuts_as_the_full_period_rule(text: str, lang: Language) -> None:
    rules = sm._rules(lang)
    assert sm._sentence_cuts(text, rules) == reference_cuts(text, rules)
    # twice: the second time the word kinds come from the rules' memory
    assert sm._sentence_cuts(text, rules) == reference_cuts(text, rules)


@pytest.mark.parametrize("text", CUT_TEXTS)
def test_word_before_as_the_walk(text: str) -> None:
    for start in range(len(text) + 1):
        assert sm._word_before(text, start) == _full_word(text, start)


def test_word_kinds_are_forgotten_past_the_bound() -> None:
    rules = sm._Rules(Language("en"))
    words = [f"w{i}" for i in range(5000)] + ["Mr", "no", "J", "U.S", "said"]
    kinds = [rules.period_word(w) for w in words]
    assert len(rules._kinds) <= 4096
    assert kinds[-5:] == [
        sm._ABBREV,
        sm._ABBREV_NUM,
        sm._INITIAL,
        sm._INITIAL,
        sm._PLAIN,
    ]
    assert [rules.period_word(w) for w in words] == kinds


PIECES = [
    ".",
    "!",
    "?",
    "…",
    "\n",
    " ",
    "\u00a0",
    "\u2003",
    '"',
    "”",
    "»",
    ")",
    "]",
    "'",
    "’",
    "_",
    "(",
    "—",
    "Mr",
    "st",
    "no",
    "Nov",
    "U.S",
    "J",
    "a",
    "The",
    "the",
    "Київ",
    "вул",
    "буд",
    "с",
    "В",
    "№",
    "т.зв",
    "2",
    "5",
    ",",
    ";",
    "x" * 20,
    "\r",
    "\t",
    "\u2028",
    "\x1c",
    "\u200b",
]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
@example("J. Smith. U.S. The. a.m. Then")
@example("x" * 39 + "Mr. The")
def test_generated_cuts_as_the_full_period_rule(text: str) -> None:
    for lang in LANGS:
        rules = sm._rules(lang)
        assert sm._sentence_cuts(text, rules) == reference_cuts(text, rules)
    for start in range(len(text) + 1):
        assert sm._word_before(text, start) == _full_word(text, start)


# ---------------------------------------------------------------- mentions


@dataclasses.dataclass(frozen=True, slots=True)
class _RefPlaceMention:
    start: int
    end: int
    surface: str
    resolution: object


@dataclasses.dataclass(frozen=True, slots=True)
class _RefSentence:
    no: int
    start: int
    end: int
    text: str
    cues: frozenset
    mentions: tuple


def _ref_sentences(text, spans, cues, mentions, resolved):
    """``mentions._sentences`` before round 4, with the dataclasses' own init."""
    out = []
    k = 0
    for no, (s0, s1) in enumerate(spans):
        here = []
        while k < len(mentions) and mentions[k].start < s1:
            m = mentions[k]
            if m.start >= s0:
                here.append(
                    _RefPlaceMention(
                        m.start - s0, m.end - s0, m.surface, resolved.get(m.start)
                    )
                )
            k += 1
        out.append(_RefSentence(no, s0, s1, text[s0:s1], cues[no], tuple(here)))
    return tuple(out)


def _fields(record) -> tuple:
    """A record's field values, nested records as theirs, and its class name."""
    values = tuple(
        tuple(_fields(x) for x in v) if isinstance(v, tuple) else v
        for v in (getattr(record, f.name) for f in dataclasses.fields(record))
    )
    return (type(record).__name__.removeprefix("_Ref"), values)


def test_records_as_the_dataclass_init() -> None:
    pm = mm.PlaceMention(3, 7, "Kyiv", None)
    ref_pm = _RefPlaceMention(3, 7, "Kyiv", None)
    s = mm.Sentence(2, 10, 30, "Drones hit Kyiv.", frozenset({"attack"}), (pm,))
    ref = _RefSentence(2, 10, 30, "Drones hit Kyiv.", frozenset({"attack"}), (ref_pm,))
    assert _fields(s) == _fields(ref)
    assert repr(s) == repr(ref).replace("_RefSentence", "Sentence").replace(
        "_RefPlaceMention", "PlaceMention"
    )
    kw = mm.Sentence(
        no=2, start=10, end=30, text="Drones hit Kyiv.", cues=s.cues, mentions=(pm,)
    )
    assert kw == s and hash(kw) == hash(s)
    assert pickle.loads(pickle.dumps(s)) == s
    assert dataclasses.replace(s, cues=frozenset()).cues == frozenset()
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.no = 3  # type: ignore[misc]
    with pytest.raises(TypeError):
        mm.Sentence(1, 2, 3, "x", frozenset())  # type: ignore[call-arg]


ARTICLES = [
    "Drones struck Kharkiv overnight.\nTalks were held in Lviv on Monday.",
    "Kyiv. Odesa and Sumy were hit. Nothing happened. Dnipro, Lviv.\n\nThe end.",
    "No places at all here. None.",
    "У ніч на 23 вересня ворог атакував Харків.\nВнаслідок обстрілів:\n"
    "– у Сумах поранено людину;\n– у Шостці пошкоджено будинок.\nКиїв.",
]


@pytest.mark.parametrize("lang", LANGS, ids=lambda lang: lang.code)
@pytest.mark.parametrize("text", ARTICLES)
def test_sentences_as_the_full_loop(text: str, lang: Language) -> None:
    gaz = get_gazetteer()
    mentions = gaz.find_mentions(text)
    spans = sm.sentence_spans(text, lang)
    cues = mm.sentence_cues(text, spans, lang)
    wanted, _ = mm._wanted(mentions, spans, cues, 2000)
    resolved = {
        m.start: r
        for m, r in gaz.resolve_mentions(text, mentions, only=wanted, sentences=spans)
    }
    got = mm._sentences(text, spans, cues, mentions, resolved)
    assert [_fields(s) for s in got] == [
        _fields(s) for s in _ref_sentences(text, spans, cues, mentions, resolved)
    ]
    assert got == mm.read_sentences(text, gaz, lang=lang).sentences


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.integers(0, 60), max_size=12).map(sorted),
    st.lists(st.integers(0, 60), max_size=12).map(sorted),
)
@example([], [0, 60])
@example([0, 5, 59], [])
@example([10, 10, 20], [0, 10, 10, 20])
def test_sentences_as_the_full_loop_generated(
    starts: list[int], cuts: list[int]
) -> None:
    # mentions anywhere (before, between, inside the spans), spans in order
    text = "x" * 70
    mentions = [Mention(a, a + 3, text[a : a + 3], "x", ()) for a in starts]
    spans = list(zip(cuts[::2], cuts[1::2], strict=False))
    cues = [frozenset({"attack"}) if i % 2 else frozenset() for i in range(len(spans))]
    resolved = {a: None for a in starts[::2]}
    got = mm._sentences(text, spans, cues, mentions, resolved)
    assert [_fields(s) for s in got] == [
        _fields(s) for s in _ref_sentences(text, spans, cues, mentions, resolved)
    ]
