"""Dates of events and dated blocks of pages (geo.extract.dates)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geo.extract.dates import (
    Block,
    DateGuess,
    DateLine,
    block_at,
    dated_blocks,
    event_date,
    parse_date_line,
)

TUE = date(2026, 2, 3)  # a Tuesday
FRI = date(2025, 7, 4)  # a Friday


def d(text: str) -> date:
    return date.fromisoformat(text)


EVENT_DATES = [
    (
        "Blasts in the early hours of Sunday woke the town.",
        TUE,
        "2026-02-01",
        "day",
        ("2026-01-31", "2026-02-01"),
    ),
    # (sentence, ref, date, precision, window or None)
    (
        "Drones struck Lutsk overnight.",
        TUE,
        "2026-02-03",
        "day",
        ("2026-02-02", "2026-02-03"),
    ),
    (
        "Blasts shook Poltava last night.",
        TUE,
        "2026-02-03",
        "day",
        ("2026-02-02", "2026-02-03"),
    ),
    (
        "Fires burned through the night in Sumy.",
        TUE,
        "2026-02-03",
        "day",
        ("2026-02-02", "2026-02-03"),
    ),
    (
        "Air defence is busy tonight.",
        TUE,
        "2026-02-03",
        "day",
        ("2026-02-03", "2026-02-04"),
    ),
    (
        "Explosions rocked Kherson on Monday night.",
        TUE,
        "2026-02-02",
        "day",
        ("2026-02-02", "2026-02-03"),
    ),
    (
        "Missiles hit the city early Tuesday.",
        TUE,
        "2026-02-03",
        "day",
        ("2026-02-02", "2026-02-03"),
    ),
    ("The depot burned on Tuesday.", TUE, "2026-02-03", "day", None),
    ("A shell landed Sunday morning.", TUE, "2026-02-01", "day", None),
    ("The plant was hit on Friday.", TUE, "2026-01-30", "day", None),
    ("The bridge was struck last Tuesday.", TUE, "2026-01-27", "day", None),
    ("A drone hit a house late on Wednesday.", TUE, "2026-01-28", "day", None),
    (
        "Strikes came overnight on Saturday.",
        TUE,
        "2026-01-31",
        "day",
        ("2026-01-30", "2026-01-31"),
    ),
    (
        "In the night of Saturday to Sunday shells fell.",
        TUE,
        "2026-02-01",
        "day",
        ("2026-01-31", "2026-02-01"),
    ),
    (
        "On the night of Thursday to Friday a port burned.",
        FRI,
        "2025-07-04",
        "day",
        ("2025-07-03", "2025-07-04"),
    ),
    (
        "Kyiv was hit Thursday night into Friday.",
        FRI,
        "2025-07-04",
        "day",
        ("2025-07-03", "2025-07-04"),
    ),
    ("Friday's attack killed two.", FRI, "2025-07-04", "day", None),
    ("The grid failed yesterday.", TUE, "2026-02-02", "day", None),
    ("Shelling resumed yesterday evening.", TUE, "2026-02-02", "day", None),
    ("Officials counted damage today.", TUE, "2026-02-03", "day", None),
    ("Drones buzzed over the city this morning.", TUE, "2026-02-03", "day", None),
    ("A depot was hit two days ago.", TUE, "2026-02-01", "day", None),
    ("The school was hit the day before yesterday.", TUE, "2026-02-01", "day", None),
    (
        "Strikes intensified last week.",
        TUE,
        "2026-01-26",
        "week",
        ("2026-01-26", "2026-02-01"),
    ),
    (
        "Attacks continued earlier this week.",
        TUE,
        "2026-02-02",
        "week",
        ("2026-02-02", "2026-02-03"),
    ),
    (
        "The station was hit over the weekend.",
        TUE,
        "2026-01-31",
        "week",
        ("2026-01-31", "2026-02-01"),
    ),
    (
        "The dam was damaged last month.",
        TUE,
        "2026-01-01",
        "month",
        ("2026-01-01", "2026-01-31"),
    ),
    (
        "Blackouts spread earlier this month.",
        TUE,
        "2026-02-01",
        "month",
        ("2026-02-01", "2026-02-03"),
    ),
    (
        "In December, the plant was hit twice.",
        TUE,
        "2025-12-01",
        "month",
        ("2025-12-01", "2025-12-31"),
    ),
    (
        "The offensive began in February 2022.",
        TUE,
        "2022-02-01",
        "month",
        ("2022-02-01", "2022-02-28"),
    ),
    ("On 28 May 2022 a missile hit the mall.", TUE, "2022-05-28", "day", None),
    ("A strike on May 28, 2022 hit the mall.", TUE, "2022-05-28", "day", None),
    ("The attack of 2022-05-28 was recorded.", TUE, "2022-05-28", "day", None),
    ("Shelling on 28.05.2022 hit homes.", TUE, "2022-05-28", "day", None),
    ("A rocket fell on 13/04/2024.", TUE, "2024-04-13", "day", None),
    ("A drone hit the depot on May 28.", TUE, "2025-05-28", "day", None),
    ("The strike of 25 January hit a school.", TUE, "2026-01-25", "day", None),
    ("Missiles hit the city on February 2nd.", TUE, "2026-02-02", "day", None),
    (
        "What happened on Tuesday, February 2nd, was grim.",
        TUE,
        "2026-02-02",
        "day",
        None,
    ),
    ("Shells fell on the 28th.", TUE, "2026-01-28", "day", None),
    ("Shells fell on the 2nd.", TUE, "2026-02-02", "day", None),
    (
        "The night of 3 to 4 July brought a barrage.",
        TUE,
        "2025-07-04",
        "day",
        ("2025-07-03", "2025-07-04"),
    ),
    (
        "Russia struck the grid again.",
        TUE,
        "2026-02-03",
        "day",
        ("2026-02-03", "2026-02-03"),
    ),
]


@pytest.mark.parametrize(("sentence", "ref", "day", "precision", "window"), EVENT_DATES)
def test_event_date(sentence, ref, day, precision, window) -> None:
    guess = event_date(sentence, ref)
    assert guess.date == d(day)
    assert guess.precision == precision
    if window is not None:
        assert guess.window == (d(window[0]), d(window[1]))
    assert guess.window[0] <= guess.date <= guess.window[1]


def test_default_is_the_reference_date() -> None:
    assert event_date("Russia struck the grid again.", TUE) == DateGuess(
        TUE, "day", (TUE, TUE), "published"
    )


def test_cue_names_the_words() -> None:
    assert event_date("Explosions on Monday night.", TUE).cue == "on Monday night"


@pytest.mark.parametrize(
    "sentence",
    [
        "Drones struck Lutsk overnight.",
        "Explosions rocked Kherson on Monday night.",
        "The grid failed yesterday.",
        "Strikes intensified last week.",
        "A drone hit the depot on May 28.",
        "Shells fell on the 28th.",
        "On the night of Thursday to Friday a port burned.",
        "Russia struck the grid again.",
    ],
)
def test_relative_dates_need_a_reference(sentence: str) -> None:
    guess = event_date(sentence, None)
    assert guess.date is None
    assert guess.precision == "unknown"
    assert guess.window is None


@pytest.mark.parametrize(
    ("sentence", "day"),
    [
        ("On 28 May 2022 a missile hit the mall.", "2022-05-28"),
        ("A strike on May 28, 2022 hit the mall.", "2022-05-28"),
        ("Shelling on 28.05.2022 hit homes.", "2022-05-28"),
    ],
)
def test_full_dates_need_no_reference(sentence: str, day: str) -> None:
    assert event_date(sentence, None).date == d(day)


@pytest.mark.parametrize(
    ("sentence", "ref", "day"),
    [
        # another event's date is passed over
        (
            "A week after the May 25 attack, drones struck again overnight.",
            TUE,
            "2026-02-03",
        ),
        ("Talks will resume on Friday; shells fell on Monday.", TUE, "2026-02-02"),
        ("Since March 2022 the city has been hit daily.", TUE, "2026-02-03"),
        ("Talks are scheduled for Thursday.", TUE, "2026-02-03"),
        ("Negotiators meet next Monday.", TUE, "2026-02-03"),
        ("Drones have hit the city every night since Monday.", TUE, "2026-02-03"),
        ("The strike came after Friday's call.", TUE, "2026-02-03"),
        # never in the future of the reference date
        ("A drone hit the depot on December 30.", TUE, "2025-12-30"),
        ("In October, the plant was hit.", date(2026, 10, 5), "2026-10-01"),
        ("On the 30th the bridge fell.", TUE, "2026-01-30"),
        ("Shells fell on Wednesday.", TUE, "2026-01-28"),
    ],
)
def test_traps(sentence: str, ref: date, day: str) -> None:
    assert event_date(sentence, ref).date == d(day)


def test_anchor_picks_the_nearest_expression() -> None:
    s = "Odesa was hit on Sunday and Kharkiv on Monday."
    assert event_date(s, TUE, anchor=s.index("Kharkiv")).date == d("2026-02-02")
    assert event_date(s, TUE, anchor=s.index("Odesa")).date == d("2026-02-01")
    assert event_date(s, TUE).date == d("2026-02-01")


def test_month_is_not_a_verb() -> None:
    assert event_date("Troops may 28 times have tried.", TUE).cue == "published"
    assert event_date("They will march on.", TUE).cue == "published"


# ----------------------------------------------------------------- date lines

DATE_LINES = [
    ("May 25, 2025", date(2025, 5, 25), "date_line"),
    ("25 May 2025", date(2025, 5, 25), "date_line"),
    ("2025-05-25", date(2025, 5, 25), "date_line"),
    ("25.05.2025", date(2025, 5, 25), "date_line"),
    ("Sunday, 25 May 2025 14:02 GMT", date(2025, 5, 25), "date_line"),
    ("Published May 25, 2025", date(2025, 5, 25), "date_line"),
    ("Updated: 25 May 2025", date(2025, 5, 25), "date_line"),
    ("Sept. 3, 2024", date(2024, 9, 3), "date_line"),
    ("3 hours ago", FRI, "relative_line"),
    ("45 minutes ago", FRI, "relative_line"),
    ("2 days ago", None, "relative_line"),
    ("3 months ago", None, "relative_line"),
    ("5 min ago", FRI, "relative_line"),
    ("Yesterday", None, "relative_line"),
]


@pytest.mark.parametrize(("line", "day", "kind"), DATE_LINES)
def test_parse_date_line(line: str, day: date | None, kind: str) -> None:
    assert parse_date_line(line, FRI) == DateLine(day, kind)


@pytest.mark.parametrize(
    "line",
    [
        "Published",
        "World",
        "Missiles hit Kyiv on May 25, 2025 killing two",
        "May 2025",
        "31 February 2025",
        "",
    ],
)
def test_not_a_date_line(line: str) -> None:
    assert parse_date_line(line, FRI) is None


# ---------------------------------------------------------------- blocks

BODY = (
    "Drones hit the port overnight, officials said, in a long report with details "
    "on the damage, the injured and the response of the emergency services.\n\n"
    "Rescuers worked through the night and the mayor promised help to families.\n\n"
)

AFTER_LAYOUT = BODY + (
    "Related stories\n\n"
    "World\n\nShelling kills two in Nikopol\n\n"
    "A couple died when shells hit their home.\n\n"
    "March 3, 2025\n\n"
    "World\n\nDrone hits school in Sumy\n\n"
    "No children were in the building at the time.\n\n"
    "February 27, 2025\n\n"
    "World\n\nPower cut in Odesa\n\n"
    "The grid operator blamed a strike on a substation.\n\n"
    "February 20, 2025\n"
)

BEFORE_LAYOUT = BODY + (
    "More news\n"
    "10 March 2025\n"
    "Shelling kills two in Nikopol\n"
    "A couple died when shells hit their home, the governor of the region "
    "told reporters.\n"
    "8 March 2025\n"
    "Drone hits school in Sumy\n"
    "No children were in the building at the time, the city council said "
    "in a statement.\n"
)


def _block_of(text: str, blocks: list[Block], needle: str) -> Block:
    blk = block_at(blocks, text.index(needle))
    assert blk is not None
    return blk


def _check_cover(text: str, blocks: list[Block]) -> None:
    assert blocks[0].start == 0 and blocks[-1].end == len(text)
    for a, b in zip(blocks, blocks[1:], strict=False):
        assert a.end == b.start


def test_teasers_dated_after() -> None:
    pub = date(2025, 3, 5)
    blocks = dated_blocks(AFTER_LAYOUT, pub)
    _check_cover(AFTER_LAYOUT, blocks)
    assert _block_of(AFTER_LAYOUT, blocks, "Drones hit the port").ref_date == pub
    assert _block_of(AFTER_LAYOUT, blocks, "Nikopol").ref_date == date(2025, 3, 3)
    assert _block_of(AFTER_LAYOUT, blocks, "Sumy").ref_date == date(2025, 2, 27)
    assert _block_of(AFTER_LAYOUT, blocks, "grid operator").ref_date == date(
        2025, 2, 20
    )
    assert _block_of(AFTER_LAYOUT, blocks, "Sumy").dated_by == "date_line"
    assert _block_of(AFTER_LAYOUT, blocks, "Related stories").dated_by == "published"


def test_teasers_dated_before() -> None:
    pub = date(2025, 3, 12)
    blocks = dated_blocks(BEFORE_LAYOUT, pub)
    _check_cover(BEFORE_LAYOUT, blocks)
    assert _block_of(BEFORE_LAYOUT, blocks, "Rescuers").ref_date == pub
    assert _block_of(BEFORE_LAYOUT, blocks, "Nikopol").ref_date == date(2025, 3, 10)
    assert _block_of(BEFORE_LAYOUT, blocks, "Sumy").ref_date == date(2025, 3, 8)


def test_single_teaser_after_body() -> None:
    text = (
        BODY + "Read more\nBlast in Kherson market\nThree were hurt.\n14 April 2025\n"
    )
    blocks = dated_blocks(text, date(2025, 5, 1))
    assert _block_of(text, blocks, "Kherson").ref_date == date(2025, 4, 14)
    assert _block_of(text, blocks, "Rescuers").ref_date == date(2025, 5, 1)


def test_no_date_lines_one_block() -> None:
    assert dated_blocks(BODY, FRI) == [Block(0, len(BODY), FRI, "published")]


def test_empty_text() -> None:
    assert dated_blocks("", FRI) == []


def test_header_dateline_dates_the_page_when_unpublished() -> None:
    text = "Strike on Dnipro\nPublished June 6, 2025\n" + BODY
    assert dated_blocks(text, None) == [
        Block(0, len(text), date(2025, 6, 6), "dateline")
    ]
    assert dated_blocks(text, FRI) == [Block(0, len(text), FRI, "published")]


def test_relative_teaser_lines() -> None:
    text = BODY + (
        "Latest\nStrike on Izium\nA shop burned.\n3 hours ago\n"
        "Strike on Kupiansk\nA bridge fell.\n2 days ago\n"
    )
    blocks = dated_blocks(text, FRI)
    assert _block_of(text, blocks, "Izium").ref_date == FRI
    assert _block_of(text, blocks, "Kupiansk").ref_date is None
    assert _block_of(text, blocks, "Kupiansk").dated_by == "relative_line"


def test_block_at_outside() -> None:
    blocks = dated_blocks(BODY, FRI)
    assert block_at(blocks, -1) is None
    assert block_at([], 0) is None
    assert block_at(blocks, len(BODY)) == blocks[-1]


def test_seed_teasers_keep_their_own_dates(seeds_dir, gold_path) -> None:
    import json

    name = "002_8ae3a1aae92a0510.txt"
    published = date.fromisoformat(
        json.loads(gold_path.read_text())["articles"][name]["published"]
    )
    text = (seeds_dir / name).read_text(encoding="utf-8")
    blocks = dated_blocks(text, published)
    _check_cover(text, blocks)
    assert _block_of(text, blocks, "Zhytomyr").ref_date == date(2025, 5, 25)
    assert _block_of(text, blocks, "Mykolaiv").ref_date == date(2025, 5, 25)
    assert _block_of(text, blocks, "Kyiv").ref_date == published
    assert _block_of(text, blocks, "Chernihiv").ref_date == published


def test_seed_without_teasers_is_one_block(seeds_dir) -> None:
    text = (seeds_dir / "004_987d2e87f9d1aef4.txt").read_text(encoding="utf-8")
    assert dated_blocks(text, None) == [Block(0, len(text), None, "published")]


# -------------------------------------------------------- out of the calendar
# A reference date at the edge of what ``datetime.date`` holds, or a count of
# days that reaches past it, cannot be resolved: the expression is unknown
# (never an OverflowError that stops the run).
@pytest.mark.parametrize(
    ("sentence", "ref"),
    [
        ("A drone hit Sumy overnight.", date.min),
        ("A drone hit Sumy overnight.", date(1, 1, 1)),
        ("Shelling hit Sumy last month.", date(1, 1, 5)),
        ("Shelling hit Sumy last week.", date(1, 1, 3)),
        ("Shelling hit Sumy yesterday.", date.min),
        ("Shelling hit Sumy the day before yesterday.", date(1, 1, 2)),
        ("Shelling hit Sumy last weekend.", date.min),
        ("Shelling hit Sumy on Monday, officials said.", date.min),
        ("Drones hit Sumy early Monday.", date(1, 1, 1)),
        ("Drones hit Sumy tonight.", date.max),
        ("Drones hit Sumy on Monday night.", date.max),
        ("Sumy was hit 99999999 days ago.", date(2026, 2, 3)),
        ("Sumy was hit 9999999 weeks ago.", date(2026, 2, 3)),
        ("Sumy was hit 99999999999999999999 days ago.", date(2026, 2, 3)),
        ("On the night of Thursday to Friday a port burned.", date.min),
    ],
)
def test_dates_past_the_calendar_are_unknown(sentence: str, ref: date) -> None:
    guess = event_date(sentence, ref)
    if guess.date is None:
        assert (guess.precision, guess.window) == ("unknown", None)
    else:
        assert guess.window[0] <= guess.date <= guess.window[1]


def test_date_past_the_calendar_is_unknown_not_the_reference() -> None:
    guess = event_date("Sumy was hit 99999999 days ago.", TUE)
    assert (guess.date, guess.precision, guess.cue) == (
        None,
        "unknown",
        "99999999 days ago",
    )


DISPATCH_TEXTS = [
    # the literal starts are looked for in the lower-cased text
    ("en", "On Tuesday, February 2nd, drones hit Kyiv; a day earlier, Odesa."),
    ("en", "OVERNIGHT INTO 3 MAY, AND LAST WEEK: THE NIGHT OF 3 TO 4 JULY 2025."),
    ("en", "Strikes since 28 May 2022, on the 28th and 2022-05-28, two days ago."),
    ("en", "Nothing here names a day at all, only the whereabouts of the shelling."),
    ("uk", "У ніч на 4 липня та вчора ввечері, 28.05.2022, дрони атакували Одесу."),
    ("uk", "Минулого тижня, у суботу, 12-го числа, п'ять днів тому."),
    # the first characters in the text itself: lower-casing moves offsets
    # ("İ" is two characters lower-cased), or a digit other than 0-9 (which
    # \d matches and the literal starts do not list)
    ("en", "İstanbul talks on 3 May; drones hit Kyiv overnight on Tuesday."),
    ("en", "Drones hit Kyiv on 1\u0663 May and again on 4 May, last night."),
    ("uk", "Дрони атакували Київ 1\u0663 травня та вчора."),
    # only the expressions with a literal start there are tried: "that",
    # "them" ("th" starts "the 5 May"), "of them" ("of" starts "of May")
    ("en", "That night of them all, the 5th of May, the day before yesterday."),
    ("en", "THE DAY AFTER: the Day Before Yesterday and the 3rd; Of May too."),
    ("uk", "У адмінбудівлю влучили у вихідні, на світанку, позавчора і 3-го числа."),
    # four characters pick them: "прол" none of those "прот" may start
    ("uk", "Вибухи пролунали протягом ночі; попередньо, у ніч проти неділі, теж."),
    # a letter the regex equates with another though lower() keeps it apart:
    # the expressions the first character may start ("у ᲀихідні" is "у вихідні"
    # to the regex, and "у ᲀ" no literal start of it)
    ("uk", "Дрони атакували Київ у ᲀихідні, а Одесу ᲀчора."),
    ("en", "Drones hit Kyiv tonıght and laſt week, on the 5th."),
]


@pytest.mark.parametrize(("code", "text"), DISPATCH_TEXTS)
def test_date_grammar_first_pass_finds_every_match(code: str, text: str) -> None:
    from geo.extract.dates import _compiled
    from geo.lang import language

    g = _compiled(language(code))
    assert g.event_at.starts is not None  # the literal starts can be told

    def read(matches):
        return [
            (m.start(), m.end(), m.lastgroup, {k: m[k] for k in m.re.groupindex})
            for m in matches
        ]

    def named(found):  # each match's groups that matched, by name
        return [(a, b, k, {n: v for n, v in gs.items() if v}) for a, b, k, gs in found]

    for pos in (0, 5):
        fast = named(read(g.event_at.finditer(text, pos)))
        assert fast == named(read(g.event.finditer(text, pos)))


@pytest.mark.parametrize(
    ("code", "text"),
    [
        *DISPATCH_TEXTS,
        ("en", "Strikes on 28TH and MAY 3, may be; Sept. 4 and Mayday."),
        ("en", "No date words here, only 12 people and a 3-storey house."),
        ("uk", "Удари 19 ЛИСТОПАДА і 3-го, 2.5 тонни; Листопад."),
        ("uk", "Дрони атакували Київ у ᲀересні."),  # "вер" to the regex
        ("uk", "İ Дрони атакували Київ у вересні."),  # lower() moves offsets
        ("uk", "Нічого тут немає, лише 12 людей."),
    ],
)
def test_first_date_word_as_the_one_pattern(code: str, text: str) -> None:
    """_first_cue's searches find what month_starts and the keywords find."""
    import re

    from geo.extract.dates import _compiled, _first_cue
    from geo.lang import language

    g = _compiled(language(code))
    keyword = re.compile("|".join(map(re.escape, g.keywords)))
    k = keyword.search(text.lower())
    m = g.month_starts.search(text)
    want = min([x.start() for x in (k, m) if x is not None], default=-1)
    assert _first_cue(text, g) == want
    assert _first_cue(text, g, text.lower()) == want


ONE_DATE = [
    # (language, sentence with one date expression, a place in another clause)
    ("en", "Drones hit Kharkiv on Sunday, and a fire broke out in Lozova.", "Lozova"),
    ("en", "In Sumy a school was damaged; missiles struck Odesa last night.", "Sumy"),
    ("uk", "У неділю дрони атакували Харків, а в Лозовій виникла пожежа.", "Лозовій"),
]


@pytest.mark.parametrize(("code", "sentence", "other"), ONE_DATE)
def test_the_only_date_of_a_sentence_dates_each_of_its_places(code, sentence, other):
    from geo.lang import language

    lang = language(code)
    alone = event_date(sentence, TUE, lang=lang)
    assert alone.cue != "published"  # the sentence has its date expression
    for anchor in (0, sentence.index(other), len(sentence) - 1):
        assert event_date(sentence, TUE, anchor=anchor, lang=lang) == alone
    # two dates: the anchor's clause decides (no shortcut applies)
    two = sentence.replace(other, f"{other} on Saturday" if code == "en" else other)
    if code == "en":
        got = event_date(two, TUE, anchor=two.index(other), lang=lang)
        assert got.date == d("2026-01-31")


def _stripped_lines(text: str) -> list[tuple[int, int]]:
    """Non-blank lines, stripped by str.isspace, one character at a time."""
    out = []
    pos = 0
    for line in text.split("\n"):
        s, e = pos, pos + len(line)
        pos = e + 1
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


@given(
    st.text(
        alphabet=st.sampled_from(
            ["a", "Б", ".", " ", "\t", "\n", "\r", "\x0b", "\x1c", "\x85", "\xa0"]
            + ["\u2028", "\u3000", "\u200b"]
        ),
        max_size=30,
    )
)
def test_lines_are_stripped_as_by_isspace(text: str) -> None:
    from geo.extract.dates import _lines

    assert _lines(text) == _stripped_lines(text)


def test_every_space_of_the_regex_is_a_space_of_isspace() -> None:
    """_lines' regex strips what str.isspace strips."""
    import re
    import sys

    every = "".join(map(chr, range(sys.maxunicode + 1)))
    assert re.findall(r"\s", every) == [c for c in every if c.isspace()]


@given(
    st.lists(st.integers(0, 5), max_size=5),
    st.integers(-2, 30),
)
def test_block_at_as_the_bisection_of_the_starts(sizes: list[int], offset: int) -> None:
    import bisect

    blocks, pos = [], 0
    for n in sizes:  # contiguous, some empty
        blocks.append(Block(pos, pos + n, None, "published"))
        pos += n
    want = None
    if blocks:
        i = bisect.bisect_right([b.start for b in blocks], offset) - 1
        if i >= 0:
            b = blocks[i]
            end = blocks[-1].end
            want = b if b.start <= offset < b.end or offset == b.end == end else None
    assert block_at(blocks, offset) is want


_WORDS = {
    "en": "on the night of 3 4th to into May Sept. Tuesday Monday's early last "
    "this week month ago two days after a day before yesterday overnight "
    "that them shortly hours 2022 28.05.2022 2022-05-28 THE ON NIGHT İ ı ſ 1٣",
    "uk": "у в ніч на проти з 3 4-го 19.11 листопада неділі неділю суботу "
    "минулого тижня місяця вчора ᲀчора сьогодні вранці протягом пролунали "
    "попередньо доби днів тому станом 2022 28.05.2022 У НІЧ İ 1٣",
}


@pytest.mark.parametrize("code", ["en", "uk"])
@given(data=st.data())
def test_date_grammar_first_pass_on_word_salad(code: str, data) -> None:
    """The first pass's matches are event.finditer's on texts of date words."""
    from geo.extract.dates import _compiled
    from geo.lang import language

    g = _compiled(language(code))
    words = st.sampled_from(_WORDS[code].split())
    seps = st.sampled_from([" ", "  ", ", ", "\n", "\xa0", "-", "'s "])
    parts = data.draw(st.lists(st.tuples(words, seps), max_size=12))
    text = "".join(w + s for w, s in parts)

    def spans(matches):
        return [(m.span(), m.lastgroup) for m in matches]

    assert spans(g.event_at.finditer(text)) == spans(g.event.finditer(text))
