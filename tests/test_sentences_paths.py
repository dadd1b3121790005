"""The sentence splitter's shorter paths give the cuts of the full ones (issue 14).

``_sentence_cuts`` does not ask whether a line runs on (``_wrapped``) when the
line ends with a mark that never does; it is compared here with the loop that
always asks, on texts written for the purpose and on generated ones.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from geo.extract import sentences as sm
from geo.lang import Language

LANGS = [Language("en"), Language("uk")]


def _wrapped(text: str, nl_start: int, rules) -> bool:
    """``sentences._wrapped`` as first written."""
    line_start = text.rfind("\n", 0, nl_start) + 1
    line = text[line_start:nl_start].rstrip()
    nxt, nxt_pos = sm._next_char(text, nl_start + 1)
    if rules.item_start is not None and (
        (line and line[-1] in rules.item_ends) or rules.item_start.match(text, nxt_pos)
    ):
        return False
    return bool(
        line
        and nxt
        and (nxt.islower() or rules.wrapped_end.search(line[-16:]))
        and line[-1] not in ".!?…:\"”'’"
    )


def _reference_cuts(text: str, rules) -> list[int]:
    """``_sentence_cuts`` as it was written first: ``_wrapped`` always asked."""
    cuts: list[int] = []
    n = len(text)
    for m in sm._CANDIDATE.finditer(text):
        tok = m.group()
        nl = tok.find("\n")
        if nl >= 0:
            nl_start = m.start() + nl
            if tok.count("\n") > 1 or not _wrapped(text, nl_start, rules):
                cuts.append(nl_start)
            continue
        head_len = len(tok) - len(tok.lstrip(".!?…" + sm._CLOSERS))
        end = m.start() + head_len
        if end < n and not text[end].isspace():
            continue
        punct = tok[:head_len]
        nxt, nxt_pos = sm._next_char(text, end)
        if not nxt:
            cuts.append(end)
            continue
        if nxt.islower() or nxt in ",;:)":
            continue
        core = punct.rstrip(sm._CLOSERS)
        if core == punct and core.endswith(".") and not core.endswith(".."):
            if not sm._period_ends(text, m.start(), core, nxt, nxt_pos, rules):
                continue
        cuts.append(end)
    return cuts


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
    assert sm._sentence_cuts(text, rules) == _reference_cuts(text, rules)


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
        assert sm._sentence_cuts(text, rules) == _reference_cuts(text, rules)
