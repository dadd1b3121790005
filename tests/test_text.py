"""Sentence and paragraph boundaries (geo.extract.sentences)."""

from __future__ import annotations

import re

import pytest

from geo.extract.sentences import paragraph_spans, sentence_spans, sentences, split_long

SPLITS = [
    # (text, expected sentences)
    (
        "Drones hit Odesa. Two people were hurt.",
        ["Drones hit Odesa.", "Two people were hurt."],
    ),
    ("Was it a missile? Nobody knows!", ["Was it a missile?", "Nobody knows!"]),
    (
        "Strikes hit Lviv overnight\nThe regional head said a depot burned.",
        ["Strikes hit Lviv overnight", "The regional head said a depot burned."],
    ),
    ("Headline one\nHeadline two\n", ["Headline one", "Headline two"]),
    (
        "Mr. Petrenko said the blast was loud.",
        ["Mr. Petrenko said the blast was loud."],
    ),
    (
        "Dr. Ivanova treated them. Then she left.",
        ["Dr. Ivanova treated them.", "Then she left."],
    ),
    (
        "Mrs. Koval and Ms. Lysenko were unhurt.",
        ["Mrs. Koval and Ms. Lysenko were unhurt."],
    ),
    ("They met in St. Petersburg in June.", ["They met in St. Petersburg in June."]),
    ("The U.S. sent aid to the city.", ["The U.S. sent aid to the city."]),
    (
        "Aid came from the U.S. The mayor thanked them.",
        ["Aid came from the U.S.", "The mayor thanked them."],
    ),
    ("Officials in the U.K. said nothing.", ["Officials in the U.K. said nothing."]),
    ("John F. Kennedy was not there.", ["John F. Kennedy was not there."]),
    (
        "The crater was 2.5 metres deep. Nobody died.",
        ["The crater was 2.5 metres deep.", "Nobody died."],
    ),
    ("It cost $1.2bn to rebuild.", ["It cost $1.2bn to rebuild."]),
    (
        'He said: "We will rebuild." Then he left.',
        ['He said: "We will rebuild."', "Then he left."],
    ),
    (
        "“It was terrifying.” The family fled.",
        ["“It was terrifying.”", "The family fled."],
    ),
    ('"Run." she shouted.', ['"Run." she shouted.']),
    ("The sirens wailed... Then silence.", ["The sirens wailed...", "Then silence."]),
    ("They waited … and waited.", ["They waited … and waited."]),
    ("See No. 4 on the list. It burned.", ["See No. 4 on the list.", "It burned."]),
    ("On Feb. 3 the grid failed.", ["On Feb. 3 the grid failed."]),
    ("The vote was 3 vs. 2 in favour.", ["The vote was 3 vs. 2 in favour."]),
    (
        "(Photo: the site.) Crews worked all night.",
        ["(Photo: the site.)", "Crews worked all night."],
    ),
    (
        "A strike hit the port of\nOdesa late on Sunday.",
        ["A strike hit the port of\nOdesa late on Sunday."],
    ),
    (
        "Rescuers searched the rubble\nand found two survivors.",
        ["Rescuers searched the rubble\nand found two survivors."],
    ),
    (
        "First paragraph.\n\nSecond paragraph.",
        ["First paragraph.", "Second paragraph."],
    ),
    (
        "Trailing spaces here.   \n  Next line.  ",
        ["Trailing spaces here.", "Next line."],
    ),
    ("Windows line\r\nEnds here.\r\nNext", ["Windows line", "Ends here.", "Next"]),
    ("", []),
    ("   \n\n  ", []),
    ("No final punctuation", ["No final punctuation"]),
    ("Several e.g. drones, were seen.", ["Several e.g. drones, were seen."]),
]


@pytest.mark.parametrize(("text", "expected"), SPLITS)
def test_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(("text", "_expected"), SPLITS)
def test_spans_are_stripped_ordered_and_inside(text: str, _expected: list[str]) -> None:
    spans = sentence_spans(text)
    prev_end = 0
    for start, end in spans:
        assert prev_end <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        prev_end = end


def test_seed_articles_split_cleanly(seeds_dir) -> None:
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        spans = sentence_spans(text)
        assert len(spans) > 10, path.name
        kept = "".join("".join(text[s:e].split()) for s, e in spans)
        assert kept == "".join(text.split())  # only whitespace between sentences
        assert all(len(text[s:e]) < 1200 for s, e in spans), path.name


PARAGRAPHS = [
    ("One.\nTwo.\n\nThree.", ["One.", "Two.", "Three."]),
    ("Line one\nLine two", ["Line one", "Line two"]),
    (
        "A report that runs\nonto a second line.\n\nA new paragraph.",
        ["A report that runs\nonto a second line.", "A new paragraph."],
    ),
    ("\n\n  Only one  \n\n", ["Only one"]),
    ("", []),
]


@pytest.mark.parametrize(("text", "expected"), PARAGRAPHS)
def test_paragraph_spans(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in paragraph_spans(text)] == expected


# -- long sentences are read in parts (issue 10) ---------------------------------------
def _parts(text: str, limit: int, keep=()) -> list[str]:
    return [
        text[a:b] for a, b in split_long(text, sentence_spans(text), limit, keep=keep)
    ]


def test_short_sentences_are_kept_whole():
    text = "Drones hit Odesa. Two people were hurt, officials said."
    assert split_long(text, sentence_spans(text), 40) == sentence_spans(text)


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        # a clause mark in the second half of the window first
        (
            "drones hit the port and the depot, smoke rose over the bay for hours",
            40,
            ["drones hit the port and the depot,", "smoke rose over the bay for hours"],
        ),
        # else before a clause word
        (
            "drones hit the port of the town and smoke rose over the bay for hours",
            40,
            [
                "drones hit the port of the town",
                "and smoke rose over the bay for hours",
            ],
        ),
        # else at a space
        (
            "aaaa bbbb cccc dddd eeee ffff gggg hhhh",
            12,
            ["aaaa bbbb", "cccc dddd", "eeee ffff", "gggg hhhh"],
        ),
        # else after the limit
        ("x" * 25, 10, ["x" * 10, "x" * 10, "x" * 5]),
    ],
    ids=["clause mark", "clause word", "space", "hard"],
)
def test_long_sentences_are_cut_at_clause_breaks(text, limit, expected):
    assert _parts(text, limit) == expected


def test_a_cut_never_falls_inside_a_kept_name():
    text = "drones hit Kryvyi Rih and Bila Tserkva overnight"
    names = [
        (m.start(), m.end()) for m in re.finditer(r"Kryvyi Rih|Bila Tserkva", text)
    ]
    for limit in range(6, 40):
        for a, b in split_long(text, [(0, len(text))], limit, keep=names):
            for s, e in names:
                assert not (a < s < b < e or s < a < e < b), (limit, text[a:b])


@pytest.mark.parametrize("size", [10_000, 200_000])
def test_every_part_is_within_the_limit_and_nothing_is_lost(size):
    words = ["strike", "on", "the", "city,", "and", "x" * 30, "—", "near"]
    text = " ".join(words[i * 7 % len(words)] for i in range(size // 5))
    parts = split_long(text, sentence_spans(text), 500)
    assert all(b - a <= 500 for a, b in parts)
    assert all(parts[i][1] <= parts[i + 1][0] for i in range(len(parts) - 1))
    assert " ".join(text[a:b] for a, b in parts).split() == text.split()


def test_split_long_refuses_a_useless_limit():
    with pytest.raises(ValueError):
        split_long("abc", [(0, 3)], 1)
