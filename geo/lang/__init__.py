"""The language seam: everything that depends on the language of an article.

Each supported language is a folder here (``geo/lang/en/``) holding its words
as reviewable JSON files; the extraction stages (:mod:`geo.extract`) are
language-neutral: they take a :class:`Language`, read its data and compile
their patterns from it, and hold no word lists of their own.  Adding a
language means adding a folder (and its tests), not touching the stages.

The files of a language folder:

- ``calendar.json``: month and weekday names;
- ``lexicon.json``: attack, weapon and target classes, places abroad and
  launch words;
- ``casualties.json``: the words that count the killed and injured;
- ``roles.json``: why a sentence names a place that was not struck;
- ``discourse.json``: how sentences link to places beyond their names (the
  capital, generic statements, negation, "near", qualifier words);
- ``numbers.json``: number words;
- ``dates.json``: date expressions of events and date lines of pages;
- ``sentences.json``: abbreviations and other words the sentence splitter
  needs;
- ``actors.json``: the words that say which side fired (claims, agents,
  sources, unknown; see :mod:`geo.extract.actor`).

A language under test can live anywhere: ``Language("xx", folder=path)``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

from geo.lang.detect import DETECTED, detect_language

__all__ = [
    "DEFAULT",
    "DETECTED",
    "FILES",
    "LANGUAGES",
    "NAMES",
    "Language",
    "detect_language",
    "for_article",
    "freeze",
    "language",
    "or_default",
]

#: Codes of the languages with a data folder (ISO 639-1).
LANGUAGES: tuple[str, ...] = ("en", "uk")
#: The language of an article when nothing says otherwise.
DEFAULT = "en"
#: English names of the languages an article may be detected in.
NAMES: Mapping[str, str] = MappingProxyType(
    {"en": "English", "uk": "Ukrainian", "ru": "Russian"}
)
#: The data files (without ``.json``) a language folder holds.
FILES: tuple[str, ...] = (
    "calendar",
    "lexicon",
    "casualties",
    "roles",
    "discourse",
    "numbers",
    "dates",
    "sentences",
    "actors",
)


# The one Language object of each (code, folder) (see Language).
_MADE: dict[tuple[str, str | None], Any] = {}


@dataclass(frozen=True, slots=True, eq=False)
class Language:
    """One language's data, read from ``geo/lang/<code>/`` (or ``folder``).

    Every file is read once per process and handed out read-only (mappings
    as :class:`types.MappingProxyType`, lists as tuples).  Stages compile
    their patterns from it once per language (their caches are keyed by the
    :class:`Language`, which is hashable).

    There is one object per ``(code, folder)``: ``Language("uk")`` is
    ``language("uk")``.  Equal languages are the same object, so equality
    and hashing are by identity, done in C: the stages' caches hash the
    language at every call.

    Attributes
    ----------
    code : str
        ISO 639-1 code, e.g. ``"en"``.
    folder : str or None
        A folder holding the JSON files, for a language that is not bundled
        (tests); None reads the package's ``geo/lang/<code>/``.
    """

    code: str
    folder: str | None = None

    def __new__(cls, code: str, folder: str | None = None) -> Language:
        """The one object of ``(code, folder)``, made at the first call."""
        key = (code, folder)
        made = _MADE.get(key)
        if made is None:
            made = _MADE.setdefault(key, object.__new__(cls))
        return made

    def __reduce__(self) -> tuple[Any, tuple[str, str | None]]:
        # unpickled (in a worker process) as that process's one object
        return (Language, (self.code, self.folder))

    def data(self, name: str) -> Any:
        """The JSON data file ``<name>.json`` of this language (read once).

        Parameters
        ----------
        name : str
            File name without ``.json``, e.g. ``"calendar"``.

        Returns
        -------
        Any
            The parsed JSON, read-only.

        Raises
        ------
        FileNotFoundError
            When the language has no such file.
        """
        return _read(self.code, self.folder, name)

    @property
    def lexicon(self) -> Mapping[str, Any]:
        """The word lists of the stages: ``lexicon.json`` with its two parts.

        Sections ``attack``, ``weapons``, ``targets``, ``outside_ukraine`` and
        ``launch`` (``lexicon.json``), ``casualties`` (``casualties.json``)
        and ``mention_roles`` (``roles.json``).
        """
        return _lexicon(self.code, self.folder)

    @property
    def discourse(self) -> Mapping[str, Any]:
        """``discourse.json``: phrase lists that link sentences to places."""
        return self.data("discourse")

    @property
    def numbers(self) -> Mapping[str, Any]:
        """``numbers.json``: number words.

        ``words`` (number word -> value), ``tens`` and ``imprecise`` (words
        that are no exact count).
        """
        return self.data("numbers")

    @property
    def dates(self) -> Mapping[str, Any]:
        """``dates.json``: date expressions and the words that qualify them.

        Regular-expression templates by kind of expression.
        """
        return self.data("dates")

    @property
    def sentences(self) -> Mapping[str, Any]:
        """``sentences.json``: the words of the sentence splitter.

        Abbreviations, sentence starters, the words a hard-wrapped line may
        end with and the words a clause may start with.
        """
        return self.data("sentences")

    @property
    def months(self) -> dict[str, int]:
        """Month words (lower case, with their abbreviations) to month numbers."""
        return dict(_months(self.code, self.folder))

    @property
    def month_names(self) -> tuple[str, ...]:
        """The full month names, January first, lower case."""
        return tuple(self.data("calendar")["months"])

    @property
    def month_abbreviations(self) -> dict[str, int]:
        """Abbreviated month words (lower case) to month numbers."""
        return dict(self.data("calendar").get("month_abbreviations", {}))

    @property
    def weekdays(self) -> dict[str, int]:
        """Weekday words (lower case) to ``date.weekday()`` numbers (Monday 0)."""
        return {w: i for i, w in enumerate(self.data("calendar")["weekdays"])}


def language(code: str = DEFAULT) -> Language:
    """The bundled :class:`Language` for ``code``.

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
    return _BUNDLED[code]


# One object per bundled language: the stages' caches then find their key by
# identity, without comparing languages field by field.
_BUNDLED = {code: Language(code) for code in LANGUAGES}
_DEFAULT_LANGUAGE = _BUNDLED[DEFAULT]


def for_article(code: str | None) -> Language | None:
    """The bundled language an article in ``code`` is read in.

    Parameters
    ----------
    code : str or None
        The article's detected language; None (unknown) reads as
        :data:`DEFAULT`.

    Returns
    -------
    Language or None
        None when strikemap cannot read that language (yet).
    """
    if code is None:
        return _DEFAULT_LANGUAGE
    if code not in LANGUAGES:
        return None
    return _BUNDLED[code]


def or_default(lang: Language | None) -> Language:
    """``lang``, or the :data:`DEFAULT` language when it is None.

    Stages take ``lang: Language | None = None``; this is how they read it.

    Parameters
    ----------
    lang : Language or None

    Returns
    -------
    Language
    """
    return _DEFAULT_LANGUAGE if lang is None else lang


def freeze(value: Any) -> Any:
    """A deep read-only copy: dicts become mapping proxies, lists tuples.

    Parameters
    ----------
    value : Any
        Parsed JSON.

    Returns
    -------
    Any
    """
    if isinstance(value, dict):
        return MappingProxyType({k: freeze(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(freeze(v) for v in value)
    return value


@cache
def _read(code: str, folder: str | None, name: str) -> Any:
    if folder is None:
        text = (
            resources.files("geo.lang")
            .joinpath(code, f"{name}.json")
            .read_text(encoding="utf-8")
        )
    else:
        text = (Path(folder) / f"{name}.json").read_text(encoding="utf-8")
    return freeze(json.loads(text))


@cache
def _lexicon(code: str, folder: str | None) -> Mapping[str, Any]:
    merged = dict(_read(code, folder, "lexicon"))
    merged["casualties"] = _read(code, folder, "casualties")["casualties"]
    merged["mention_roles"] = _read(code, folder, "roles")["mention_roles"]
    return MappingProxyType(merged)


@cache
def _months(code: str, folder: str | None) -> Mapping[str, int]:
    cal = _read(code, folder, "calendar")
    out = {m: i for i, m in enumerate(cal["months"], start=1)}
    for abbr, num in cal.get("month_abbreviations", {}).items():
        out[abbr] = num
    return MappingProxyType(out)
