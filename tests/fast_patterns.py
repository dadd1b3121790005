"""What the FastPattern tests share: the patterns an extraction builds, and spans.

A module of helpers, not of tests (imported as ``fast_patterns``, like
``clause_reference``).
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from datetime import date

from geo.extract import lexicon as lx
from geo.extract.extractor import Extractor
from geo.ingest import Article


def built_patterns(texts: Iterable[tuple[str, str]]) -> list[lx.FastPattern]:
    """Every FastPattern alive after extracting the ``(language, text)`` pairs.

    The ones their extraction builds, and any made before in the process.
    """
    ex = Extractor()
    for code, text in texts:
        ex.extract(
            Article("t", text, date(2026, 11, 30), "x", None, None, "t", (), code)
        )
    return [o for o in gc.get_objects() if isinstance(o, lx.FastPattern)]


def spans(matches) -> list[tuple[int, int, str | None]]:
    """Where each match is and its group's name (its number ``name__k`` may differ).

    None among ``matches`` (a search that found nothing) is left out.
    """
    return [
        (m.start(), m.end(), (m.lastgroup or "").partition("__")[0])
        for m in matches
        if m is not None
    ]


def assert_as_regex(fp: lx.FastPattern, text: str) -> None:
    """Assert that ``fp`` finds in ``text`` what its own regex finds.

    ``matches`` (with and without the lowered text), ``search`` from several
    positions, ``overlapping``, on the text, its upper case and a text long
    enough that a search lowers a window alone, and between ``pos`` and
    ``endpos`` inside it.
    """
    rx = fp.regex
    long = (text + " ") * 40  # past the window a search lowers alone
    for t in (text, text.upper(), long):
        assert spans(fp.matches(t)) == spans(rx.finditer(t))
        assert spans(fp.matches(t, t.lower())) == spans(rx.finditer(t))
        for pos in (0, 1, 7, len(t) // 2):
            assert spans([fp.search(t, pos)]) == spans([rx.search(t, pos)])
    for pos in (0, 7):
        assert spans(fp.overlapping(text, pos)) == spans(
            m
            for p in range(pos, len(text) + 1)
            if (m := rx.search(text, p))
            if m.start() == p
        )
    a, b = len(text) * 3 + 5, len(text) * 4
    assert spans(fp.matches(long, pos=a, endpos=b)) == spans(rx.finditer(long, a, b))
