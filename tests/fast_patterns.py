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
