"""How fast extraction could be if finding words cost nothing: the scanner's ceiling.

Run from the repository root: ``python bench/bench_ceiling.py [--articles 1000]
[--lang en|uk]``.

Issue 14 asks for one multi-pattern scan per text (every lexicon and the
gazetteer's names) so that Python works only on what it found.  Before
building one, this measures the most such a scanner could give.  It runs
extraction on the generated corpus (bench/corpus.py, 4 KB English; or
bench/corpus_uk.py, 2 KB Ukrainian) three ways, on one core, and prints
articles per second for each:

- ``plain``: as the pipeline runs (second pass over the corpus, the stages'
  per-text caches warm, as in ``bench_extract``);
- ``free words``: every answer of the lexicons (``FastPattern`` and
  ``ClassMatcher`` calls, the places-abroad finder) and of the gazetteer's
  name finder is taken from a table filled by an earlier pass.  That is a
  scanner whose hits cost nothing and that the rule stages read for free;
- the ratio between the two.

What is left in ``free words`` is the rest of the work: cutting sentences,
resolving places, dates, casualty and role grammars, merging drafts.  The
extractions of the two ways are compared and must be equal.  Nothing is
asserted about the numbers.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import corpus  # noqa: E402
import corpus_uk  # noqa: E402

from gazetteer.core import Gazetteer  # noqa: E402
from geo.extract import lexicon  # noqa: E402
from geo.extract.extractor import Extractor  # noqa: E402
from geo.ingest import Article  # noqa: E402

#: (class, method, returns an iterator) answered from the table
_WORD_FINDERS = (
    (lexicon.FastPattern, "matches", False),
    (lexicon.FastPattern, "search", False),
    (lexicon.FastPattern, "finditer", True),
    (lexicon.FastPattern, "overlapping", True),
    (lexicon.ClassMatcher, "hits", False),
    (lexicon.ClassMatcher, "specific_hits", False),
    (lexicon.ClassMatcher, "classify", False),
    (lexicon.ClassMatcher, "joined", False),
    (lexicon.PlaceListMatcher, "find", False),
    (Gazetteer, "find_mentions", False),
)


def _remembered(
    method: Callable[..., Any], name: str, table: dict, iterator: bool
) -> Callable[..., Any]:
    """``method`` answering each call it has seen from ``table``."""

    def answer(self: Any, *args: Any, **kwargs: Any) -> Any:
        key = (id(self), name, args, tuple(sorted(kwargs.items())))
        try:
            found = table[key]
        except KeyError:
            found = method(self, *args, **kwargs)
            if iterator:
                found = list(found)
            table[key] = found
        return iter(found) if iterator else found

    return answer


def _timed(extractor: Extractor, articles: list[Article]) -> tuple[float, list]:
    t = time.process_time()
    out = [extractor.extract(a) for a in articles]
    return time.process_time() - t, out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--lang", choices=("en", "uk"), default="en")
    args = ap.parse_args()
    generate = corpus_uk.generate if args.lang == "uk" else corpus.generate
    docs = generate(args.articles + 100)
    arts = [
        Article(
            d["id"], d["text"], date.fromisoformat(d["date"]), "jsonl", None, None,
            d["id"], (), args.lang,
        )
        for d in docs
    ]  # fmt: skip
    ex = Extractor()
    for a in arts[:100]:  # the gazetteer loaded and its caches filled
        ex.extract(a)
    arts = arts[100:]
    gc.freeze()
    _timed(ex, arts)  # the stages' per-text caches warm, as in the second pass
    plain, want = _timed(ex, arts)
    table: dict = {}
    saved = [(cls, name, cls.__dict__[name]) for cls, name, _ in _WORD_FINDERS]
    try:
        for cls, name, iterator in _WORD_FINDERS:
            setattr(cls, name, _remembered(cls.__dict__[name], name, table, iterator))
        _timed(ex, arts)  # fills the table
        free, got = _timed(ex, arts)
    finally:
        for cls, name, method in saved:
            setattr(cls, name, method)
    if repr(got) != repr(want):
        sys.exit("the extractions differ with the table: the bound is not valid")
    n = len(arts)
    size = sum(len(a.text.encode("utf-8")) for a in arts) / n / 1000
    print(
        f"{args.lang}, {n:,} articles of {size:.1f} KB, one core: "
        f"plain {n / plain:,.0f} articles/s; free words {n / free:,.0f} articles/s "
        f"({plain / free:.2f}x; {len(table):,} answers remembered); "
        f"target 1,000 articles/s"
    )


if __name__ == "__main__":
    main()
