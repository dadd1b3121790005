"""The sentence splitter's cuts as first written: the reference its shortcuts match.

``geo.extract.sentences._sentence_cuts`` skips asking whether a line runs on
where its last mark says it cannot, and decides a period from the word before
it with one look-up per word; this module keeps the loop that always asks and
walks back to the word at every period.  Tests compare the two.
"""

from __future__ import annotations

from geo.extract import sentences as sm


def wrapped(text: str, nl_start: int, rules) -> bool:
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


def period_ends(
    text: str, start: int, punct: str, nxt: str, nxt_pos: int, rules
) -> bool:
    """Whether a period-final token at ``start`` ends the sentence (walked back)."""
    i = start
    while i > 0 and start - i < 40 and (text[i - 1].isalnum() or text[i - 1] in "._'’"):
        i -= 1
    word = text[i:start]
    bare = word.rstrip(".").lower()
    if bare in rules.abbrev and punct == ".":
        if bare in rules.abbrev_num:
            return not nxt.isdigit()
        return False
    if punct == "." and (rules.initial.fullmatch(word) or "." in word.strip(".")):
        # an initial ("J.") or an acronym with periods ("U.S.", "a.m.")
        return sm._next_word(text, nxt_pos).lower() in rules.starters
    return True


def reference_cuts(text: str, rules) -> list[int]:
    """``_sentence_cuts`` as first written: ``wrapped`` always asked, every
    period decided by :func:`period_ends`."""
    cuts: list[int] = []
    n = len(text)
    for m in sm._CANDIDATE.finditer(text):
        tok = m.group()
        nl = tok.find("\n")
        if nl >= 0:
            nl_start = m.start() + nl
            if tok.count("\n") > 1 or not wrapped(text, nl_start, rules):
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
            if not period_ends(text, m.start(), core, nxt, nxt_pos, rules):
                continue
        cuts.append(end)
    return cuts
