"""strikemap: dated, located, deduplicated strike events in Ukraine from news text.

This package holds the command-line interface only; the library lives in
``gazetteer`` (places and names), ``geo`` (articles to events, frames,
summaries, exports) and ``maps`` (HTML maps).
"""

__version__ = "0.1.0"
__all__ = ["__version__"]
