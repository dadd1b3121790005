"""geo.ingest.published: date strings, the header line, the dateline, the range."""

from __future__ import annotations

import datetime as dt
import itertools
import random

import pytest

from geo.ingest import published as P
from geo.ingest.published import (
    DateMatch,
    HeaderSplit,
    PublicationDate,
    find_publication_date,
    first_metadata_date,
    in_published_range,
    metadata_date,
    search_date,
    split_header,
)
from geo.lang import language

D = dt.date
EN = language("en")


# --------------------------------------------------------------------------
# Month and weekday words come from the language seam
# --------------------------------------------------------------------------


@pytest.mark.parametrize(("word", "month"), sorted(EN.months.items()))
def test_every_month_word_of_the_language_is_read(word, month):
    for text in (f"{word} 9, 2025", f"9 {word.upper()} 2025", f"9th of {word} 2025"):
        found = search_date(text)
        assert found is not None and found.date == D(2025, month, 9), text


@pytest.mark.parametrize("name", EN.month_names)
def test_month_names_with_a_full_stop(name):
    text = f"{name[:3].title()}. 9, 2025"
    assert search_date(text) == DateMatch(D(2025, EN.months[name], 9), 0, len(text))


@pytest.mark.parametrize("day", sorted(EN.weekdays))
def test_every_weekday_of_the_language_may_stand_on_a_date_line(day):
    for word in (day, day.title(), day[:3].title() + "."):
        text = f"Head\n{word}, 3 February 2026 10:00\nA\nB"
        assert find_publication_date(text) == PublicationDate(
            D(2026, 2, 3), "published-line"
        ), word


@pytest.mark.parametrize("word", ["Tues", "Thur", "Thurs", "Wed.", "Sun"])
def test_common_weekday_abbreviations(word):
    text = f"Head\nPublished {word} 3 February 2026\nBody."
    assert find_publication_date(text).date == D(2026, 2, 3)


def test_a_word_that_is_no_weekday_stops_a_date_line():
    assert find_publication_date("Head\nMondo, 3 February 2026\nA\nB").date is None


@pytest.mark.parametrize(
    ("text", "month"),
    [
        # re.IGNORECASE matches these letters to ASCII ones; reading them
        # raised KeyError before (a crash on hostile input)
        ("Published Augu\u017ft 3, 2026", 8),  # long s
        ("Published Apr\u0130l 3, 2026", 4),  # dotted capital I
        ("Published Apr\u0131l 3, 2026", 4),  # dotless i
        ("Po\u017fted 3 May 2026", 5),
    ],
)
def test_letters_that_match_only_case_insensitively_do_not_crash(text, month):
    found = find_publication_date(f"Head\n{text}\nBody.")
    assert found == PublicationDate(D(2026, month, 3), "published-line")


# --------------------------------------------------------------------------
# search_date, parse_iso_date, metadata_date
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on 2026-02-03 at dawn", DateMatch(D(2026, 2, 3), 3, 13)),
        ("2026-02-03T08:00:00+02:00", DateMatch(D(2026, 2, 3), 0, 25)),
        ("2026/2/3", DateMatch(D(2026, 2, 3), 0, 8)),
        ("3rd of Feb. 2026", DateMatch(D(2026, 2, 3), 0, 16)),
        ("03.02.2026", DateMatch(D(2026, 2, 3), 0, 10)),
        ("13/02/2026", DateMatch(D(2026, 2, 13), 0, 10)),
        ("02/13/2026", DateMatch(D(2026, 2, 13), 0, 10)),
        ("03/02/2026", None),  # day and month order unknown
        ("February 30, 2026", None),
        ("12026-02-03", None),
        ("no date here", None),
        # the earliest date wins, whatever pattern reads it
        ("3 March 2026, then 2026-04-01", DateMatch(D(2026, 3, 3), 0, 12)),
        ("February 30, 2026 or March 1, 2026", DateMatch(D(2026, 3, 1), 21, 34)),
    ],
)
def test_search_date(text, expected):
    assert search_date(text) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-02-03", D(2026, 2, 3)),
        ("  2026-02-03T10:00:00Z ", D(2026, 2, 3)),
        ("Feb 3, 2026 10:00", D(2026, 2, 3)),
        ("Tuesday 3 February 2026", D(2026, 2, 3)),
        ("2026-02-03Tnoon", D(2026, 2, 3)),  # not ISO, but a date is written in it
        ("soon", None),
        ("", None),
    ],
)
def test_metadata_date(value, expected):
    assert metadata_date(value) == expected


def test_first_metadata_date_takes_the_first_readable_and_reads_no_further():
    read: list[str] = []

    def values():
        for v in ("junk", "", "2026-02-04", "2026-02-05"):
            read.append(v)
            yield v

    assert first_metadata_date(values()) == D(2026, 2, 4)
    assert read == ["junk", "", "2026-02-04"]
    assert first_metadata_date(["junk", "never"]) is None
    assert first_metadata_date([]) is None


# --------------------------------------------------------------------------
# split_header, in_published_range
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (" date 2026-02-03 Strike.", HeaderSplit(D(2026, 2, 3), "Strike.")),
        ("Date: 2026-02-03T10:00Z\nStrike.", HeaderSplit(D(2026, 2, 3), "\nStrike.")),
        ("DATE 2026-02-03", HeaderSplit(D(2026, 2, 3), "")),
        # an impossible day: the header goes, no date comes
        ("date 2026-02-30 Strike.", HeaderSplit(None, "Strike.")),
        ("date night 2026-02-03", HeaderSplit(None, "date night 2026-02-03")),
        ("update 2026-02-03 x", HeaderSplit(None, "update 2026-02-03 x")),
        ("date 2026-02-03x", HeaderSplit(None, "date 2026-02-03x")),
    ],
)
def test_split_header(text, expected):
    assert split_header(text) == expected


@pytest.mark.parametrize(
    ("date", "inside"),
    [
        (D(1899, 12, 31), False),
        (D(1900, 1, 1), True),
        (D(2100, 12, 31), True),
        (D(2101, 1, 1), False),
        (D(1, 1, 1), False),
        (D(9999, 12, 31), False),
    ],
)
def test_in_published_range(date, inside):
    assert in_published_range(date) is inside


# --------------------------------------------------------------------------
# The dateline
# --------------------------------------------------------------------------


def test_header_wins_over_a_dateline():
    text = "date 2026-01-01\nPublished 2 February 2026\nBody."
    assert find_publication_date(text) == PublicationDate(D(2026, 1, 1), "header")


def test_a_header_with_no_real_day_leaves_the_dateline_to_decide():
    text = "date 2026-02-30\nPublished 2 February 2026\nBody."
    assert find_publication_date(text) == PublicationDate(
        D(2026, 2, 2), "published-line"
    )


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # cue ranks: published/posted 0, byline and date-only lines 1, updated 2
        (["Updated 4 Feb 2026", "By A. Writer, 5 Feb 2026"], D(2026, 2, 5)),
        (["By A. Writer, 5 Feb 2026", "Posted 6 Feb 2026"], D(2026, 2, 6)),
        (["7 Feb 2026", "Updated 4 Feb 2026"], D(2026, 2, 7)),
        # same rank: the higher line wins
        (["Published 8 Feb 2026", "Posted 9 Feb 2026"], D(2026, 2, 8)),
        # words between the cue and the date: not a dateline
        (["Published by the city council on 8 Feb 2026"], None),
        # only time words may stand between them
        (["Published at 10:00 GMT on Monday, 9 Feb 2026"], D(2026, 2, 9)),
    ],
)
def test_dateline_ranks(lines, expected):
    text = "\n".join(["Headline", *lines, "Body one.", "Body two.", "Body three."])
    assert find_publication_date(text).date == expected


def test_a_long_line_is_no_dateline():
    line = "Published 3 February 2026 " + "x" * 200
    assert find_publication_date(f"Head\n{line}\nBody.") == PublicationDate(
        None, "none"
    )


def test_uncued_date_lines_count_only_in_the_upper_half():
    lines = ["Head", "Body one.", "Body two.", "3 February 2026"]
    assert find_publication_date("\n".join(lines)).date is None
    assert find_publication_date("\n".join([*lines, "A.", "B.", "C."])).date == D(
        2026, 2, 3
    )


def test_only_the_dateline_window_is_looked_at(monkeypatch):
    """However long the text, no more than DATELINE_WINDOW lines are read."""
    calls = itertools.count()
    original = P._line_candidate

    def counting(*args):
        next(calls)
        return original(*args)

    monkeypatch.setattr(P, "_line_candidate", counting)
    # (a line is read only if it or the next one has four digits in a row)
    assert find_publication_date("\n".join(["Published 2026"] * 10_000)).date is None
    assert next(calls) == P.DATELINE_WINDOW


def _every_line(text: str) -> dt.date | None:
    """``_dateline`` asking every line of the window (before the digit gate)."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    window = lines[: P.DATELINE_WINDOW]
    half = max(1, (len(lines) + 1) // 2)
    offers = (P._line_candidate(window, i, half) for i in range(len(window)))
    best = min((c for c in offers if c is not None), default=None)
    return best.date if best else None


_GATE_LINES = [
    "Published", "Published:", "Updated", "Posted on", "By Jane Roe",
    "By Jane Roe, 4 Feb 2026", "3 February 2026", "Feb 3, 2026 10:00 GMT",
    "2026-02-05", "٢٠٢٦-٠٢-٠٦", "03.02.2026", "KYIV, Feb 7, 2026 (Reuters) -",
    "KYIV, Feb 7 (Reuters) -", "Published 8 Feb 2026", "Updated 9 Feb 2026 at 10:00",
    "Drones struck Kharkiv.", "In 2025 the city was hit.", "Headline of the story",
    "12:30 Monday", "Body text with 12 drones.",
    # too long for a dateline: only a wire dateline's head (its year at 90) counts
    "Kostiantynivka Pokrovskyi Kramatorskyi, Donetskaoblastregion Frontline Area, "
    "November 30, 2026 (AP) - " + "Drones struck the city overnight. " * 5,
    "KYIV, Feb 7, 2026 (Reuters) - " + "Drones struck the city overnight. " * 6,
    "Drones struck the city overnight. " * 6 + "In 2024 too.",
    "Published 3 February 2026 " + "x" * 200,
]  # fmt: skip


def test_the_digit_gate_changes_no_dateline():
    """Lines with no four digits, nor the next line, are skipped: same dates."""
    rng = random.Random(14)
    texts = [
        "\n".join(rng.choice(_GATE_LINES) for _ in range(rng.randint(1, 20)))
        for _ in range(3000)
    ]
    texts += [
        "Published\n3 February 2026\nBody.",
        "Head\nPosted on\n\n2026-02-05\nA.\nB.",
    ]
    found = [_every_line(t) for t in texts]
    assert [P._dateline(t) for t in texts] == found
    # the texts take the gate both ways and find dates through a cue alone
    assert sum(d is not None for d in found) > 500
    assert P._dateline("Head\nPublished\n3 February 2026\nA.\nB.\nC.") == D(2026, 2, 3)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Posted on 3 March", None),  # no year: no date
        ("Posted on 3 March 2026", dt.date(2026, 3, 3)),
        ("updated 2026-03-03 10:00", dt.date(2026, 3, 3)),
        ("March 3, ٢٠٢٦", dt.date(2026, 3, 3)),  # Arabic-Indic digits are digits too
        ("at 12:30 on 03.03", None),
    ],
)
def test_search_date_needs_a_four_digit_year(text, expected):
    found = search_date(text)
    assert (found.date if found else None) == expected
