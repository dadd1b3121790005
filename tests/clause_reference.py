"""The clause breaks as first written: the reference ``cues._breaks_regex`` matches."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any


def breaks_plain(section: Mapping[str, Any]) -> str:
    """The clause breaks of a ``mention_roles`` section as one plain alternation."""
    marks = section["clause_break_marks"]
    singles = "".join(re.escape(m) for m in marks if len(m) == 1)
    return "|".join(
        [
            "[" + singles + "]",
            *(r"\s" + re.escape(m.strip()) + r"\s" for m in marks if len(m) > 1),
            r",?\s+(?:" + "|".join(section["clause_break_words"]) + r")\s",
            r",\s+(?:" + "|".join(section["clause_break_after_comma"]) + r")\s",
        ]
    )
