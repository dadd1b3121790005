"""The language seam: everything that depends on the language of an article.

Each supported language is a folder here (``geo/lang/en/``) holding its data
as reviewable JSON files: the calendar words (month and weekday names), and,
as the extraction stages move behind this seam, the lexicons, numerals, date
words and cues.  Stages ask :func:`language` for a :class:`Language` and read
its data; they hold no word lists of their own.  Adding a language means
adding a folder (and its tests), not touching the stages.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["LANGUAGES", "Language", "language"]

#: Codes of the languages with a data folder (ISO 639-1).
LANGUAGES: tuple[str, ...] = ("en",)


@dataclass(frozen=True, slots=True)
class Language:
    """One language's data, read from ``geo/lang/<code>/``.

    Attributes
    ----------
    code : str
        ISO 639-1 code, e.g. ``"en"``.
    """

    code: str

    def data(self, name: str) -> Any:
        """The JSON data file ``<name>.json`` of this language (parsed once).

        Parameters
        ----------
        name : str
            File name without ``.json``, e.g. ``"calendar"``.

        Returns
        -------
        Any
            The parsed JSON.
        """
        return _read(self.code, name)

    @property
    def months(self) -> dict[str, int]:
        """Month words (lower case, with their abbreviations) to month numbers."""
        return _months(self.code)

    @property
    def month_names(self) -> tuple[str, ...]:
        """The full month names, January first, lower case."""
        return tuple(self.data("calendar")["months"])

    @property
    def weekdays(self) -> dict[str, int]:
        """Weekday words (lower case) to ``date.weekday()`` numbers (Monday 0)."""
        return {w: i for i, w in enumerate(self.data("calendar")["weekdays"])}


def language(code: str = "en") -> Language:
    """The :class:`Language` for ``code``.

    Parameters
    ----------
    code : str
        ISO 639-1 code; one of :data:`LANGUAGES`.

    Returns
    -------
    Language

    Raises
    ------
    KeyError
        When the language has no data folder.
    """
    if code not in LANGUAGES:
        raise KeyError(f"no language data for {code!r} (known: {LANGUAGES})")
    return Language(code)


@cache
def _read(code: str, name: str) -> Any:
    path = resources.files("geo.lang").joinpath(code, f"{name}.json")
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def _months(code: str) -> dict[str, int]:
    cal = _read(code, "calendar")
    out = {m: i for i, m in enumerate(cal["months"], start=1)}
    for abbr, num in cal.get("month_abbreviations", {}).items():
        out[abbr] = num
    return out
