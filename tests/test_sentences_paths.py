"""The sentence splitter's shorter paths give the cuts of the full ones (issue 14).

``_sentence_cuts`` does not ask whether a line runs on (``_wrapped``) when the
line ends with a mark that never does; it is compared here with the loop that
always asks, on texts written for the purpose and on generated ones.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sentence_reference import reference_cuts

from geo.extract import sentences as sm
from geo.lang import Language

LANGS = [Language("en"), Language("uk")]


TEXTS = [
    "Mr. Smith said 2.5 km. Then it ended.",
    'He said "stop." Then he left. "Go!" she said.',
    "Drones hit the U.S. Embassy area. The U.S. The end.",
    "J. R. R. Tolkien wrote it . \u2003 Next one.\u00a0 Again?  Yes…  No.",
    "Ends with a period and spaces.   ",
    "Ends with closers.\u201d\u00bb)   ",
    "вул. Шевченка, 5. Пошкоджено будинок. О 5 год. 30 хв. було тихо.",
    "A_b. C's. D’x. " + "x" * 50 + ". Y. 12. 3. Z",
    "no period at all",
    ".",
    ". ",
    "?!… A",
    "Line one\nline two.\n\nThird. ( Fourth.",
    "Ends with a comma,\nand goes on.\nA quote.\u201d\nnext in lower case.\n",
    "He asked?\nwhy not.\nSo (\nhe went) \nand left:\nthe end\u00bb\nmore\n",
    "– пункт один;\n– пункт два.\nВнаслідок:\n1) Суми\n2) Шостка\n",
]


@pytest.mark.parametrize("lang", LANGS, ids=lambda lang: lang.code)
@pytest.mark.parametrize("text", TEXTS)
def test_cuts_as_the_loops(text: str, lang: Language) -> None:
    rules = sm._rules(lang)
    assert sm._sentence_cuts(text, rules) == reference_cuts(text, rules)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(
            [
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
                "Mr",
                "st",
                "U.S",
                "J",
                "a",
                "The",
                "Київ",
                "вул",
                "с",
                "2",
                "5",
                ",",
                ";",
                "—",
            ]
        ),
        max_size=40,
    ).map("".join)
)
@example("J. Smith. U.S. The. a.m. Then")
def test_generated_cuts_as_the_loops(text: str) -> None:
    for lang in LANGS:
        rules = sm._rules(lang)
        assert sm._sentence_cuts(text, rules) == reference_cuts(text, rules)
