"""Ukrainian inflected forms of the gazetteer's names, made at build time.

Ukrainian names change their endings with the case: ``Харків`` is read as
``Харкова``, ``Харкову``, ``Харковом``, ``у Харкові``; multi-word names agree
(``Велика Новосілка`` -> ``у Великій Новосілці``), plural names take plural
endings (``Суми`` -> ``Сум``, ``у Сумах``). The build generates every form of
every Ukrainian name with ``pymorphy3`` and its Ukrainian dictionary (VESUM),
so the shipped gazetteer finds them by exact lookup, with no morphology at run
time. ``pymorphy3`` and ``pymorphy3-dicts-uk`` are needed by the build only.

How a word is inflected, in order:

1. a word of ``lexicon/uk_word_forms.tsv`` takes the forms written there as
   well (``Ріг`` -> ``Розі``, which the dictionary lacks);
2. abbreviations (``ОВА``, ``ТГ``), numbers, Roman numerals, words with a
   full stop (``обл.``) and the first parts of compounds ending in ``-о``
   (``Івано-``) do not change;
3. the dictionary's own toponym (a noun entry with no plural of its own, the
   way VESUM records proper names) gives the single word's forms; an
   adjective (``Велика``, ``Покровське``, ``Часів``) keeps its gender and
   number and takes every case; otherwise a noun entry, then pymorphy's
   guesser (a paradigm by analogy with known words of the same ending);
4. a word none of these reads is inflected by the suffix rules of
   ``lexicon/uk_suffix_rules.tsv`` (``-івка``, ``-ськ``, ``-ів``, ``-ове``...),
   or left as it is.

A multi-word name takes, case by case, the product of its words' forms, so
the words agree (``Великій Новосілці``, never ``Великої Новосілці``).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from gazetteer.exc import GazetteerError

__all__ = ["CASES", "Inflector", "looks_russian"]

#: The seven Ukrainian cases, in pymorphy3's names.
CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct", "voct")

LEXICON = Path(__file__).resolve().parent / "lexicon"

_APOS = re.compile("[’ʼ`´‘ʹ]")
_ROMAN = re.compile(r"^[IVXLCІХ]+$")
# the area nouns of oblasts and towns ("Харківщина", "Донеччина", "Запоріжчина")
_AREA = re.compile(r"(?:щина|ччина|жчина)$")
# a relative adjective ("Білолуцька", "Сіверський"); in the name of a unit the
# parts of a compound before it do not change ("Новгород-Сіверська громада",
# "Корсунь-Шевченківський район"), unlike in a town's ("у Кам'янці-Подільському")
_ADJECTIVE = re.compile(r"(?:ськ|цьк|зьк)(?:ий|а|е)$")
_UNIT_NOUNS = frozenset(
    {"громада", "район", "р-н", "область", "обл", "тг", "отг", "ова", "ода"}
)
# uncontracted adjective endings (степовая, степовую, степовеє): archaic or poetic
_UNCONTRACTED = ("ая", "яя", "ую", "юю", "еє", "єє", "ії")


@dataclass
class _Word:
    """How one word of a name inflects: its forms per case."""

    text: str
    forms: dict[str, set[str]] = field(default_factory=dict)
    how: str = "fixed"  # fixed, toponym, adjective, noun, guess, rule, exception


def _tag_parts(tag) -> list[str]:
    return str(tag).replace(" ", ",").split(",")


class Inflector:
    """Generate the case forms of Ukrainian names (build time only).

    Parameters
    ----------
    word_forms : Path, optional
        Extra forms per word (``uk_word_forms.tsv``).
    suffix_rules : Path, optional
        Fallback suffix rules (``uk_suffix_rules.tsv``).
    alternations : Path, optional
        Locatives of masculine nouns with a consonant change
        (``uk_alternations.tsv``).

    Examples
    --------
    >>> inf = Inflector()  # doctest: +SKIP
    >>> sorted(inf.forms("Велика Новосілка"))[:2]  # doctest: +SKIP
    ['великій новосілці', 'велико новосілко']
    """

    def __init__(
        self,
        word_forms: Path = LEXICON / "uk_word_forms.tsv",
        suffix_rules: Path = LEXICON / "uk_suffix_rules.tsv",
        alternations: Path = LEXICON / "uk_alternations.tsv",
    ):
        try:
            import pymorphy3
        except ImportError as exc:  # a build dependency only
            raise GazetteerError(
                "building the Ukrainian forms needs pymorphy3 and "
                "pymorphy3-dicts-uk: pip install -e '.[build]'"
            ) from exc

        self.morph = pymorphy3.MorphAnalyzer(lang="uk")
        self.extra: dict[str, dict[str, set[str]]] = {}
        #: words that do not change, nor do the words after them ("Імені ...")
        self.fixed: set[str] = set()
        for r in _read_tsv(word_forms):
            if r["case"] == "fixed":
                self.fixed.add(r["word"].lower())
                continue
            per_case = self.extra.setdefault(r["word"].lower(), {})
            per_case.setdefault(r["case"], set()).update(
                f.strip().lower() for f in r["forms"].split(",") if f.strip()
            )
        self.rules: list[tuple[str, str, dict[str, list[str]]]] = []
        for r in _read_tsv(suffix_rules):
            cases: dict[str, list[str]] = {}
            for c in CASES[1:]:
                if r.get(c):
                    cases[c] = [s.strip() for s in r[c].split(",")]
            self.rules.append((r["ending"], r["strip"], cases))
        self.rules.sort(key=lambda x: -len(x[0]))
        #: masculine locatives with a consonant change: (ending, replacement)
        self.alternations = [
            (r["from"], r["to"]) for r in _read_tsv(alternations) if r["case"] == "loct"
        ]
        #: how each word was read, for the coverage report
        self.stats: dict[str, int] = {}
        self._cache: dict[tuple[str, bool, bool], _Word] = {}

    # -- one word ---------------------------------------------------------------------
    def word(
        self,
        text: str,
        *,
        combining: bool = False,
        whole: bool = False,
        adjective: bool = False,
    ) -> _Word:
        """The forms of one word of a name, read as a nominative.

        ``combining``: the word does not change; ``whole``: a hyphenated
        word of the exceptions file (``р-н``), taken as one word.
        """
        key = (text, combining, adjective)
        w = self._cache.get(key)
        if w is None:
            if whole:
                low = _APOS.sub("'", text.lower())
                w = _Word(text=low, forms={c: {low} for c in CASES}, how="exception")
                for c, fs in self.extra[low].items():
                    w.forms[c] = set(fs) if c != "nomn" else w.forms[c] | fs
            else:
                w = self._word(text, combining, adjective)
            self._cache[key] = w
            self.stats[w.how] = self.stats.get(w.how, 0) + 1
        return w

    def _word(self, text: str, combining: bool, adjective: bool = False) -> _Word:
        low = _APOS.sub("'", text.lower())
        w = _Word(text=low, forms={c: {low} for c in CASES})
        if (
            combining
            or not low
            or any(ch.isdigit() for ch in low)
            or low.endswith(".")
            or (len(text) > 1 and text.isupper())
            or _ROMAN.match(text)
            or not re.fullmatch(r"[а-яіїєґ']+", low)
        ):
            return w  # abbreviations, numbers, "Івано-": unchanged
        if _AREA.search(low):
            # an area noun ("Запоріжчина", "Нікопольщина") the guesser would
            # read as an adjective: it declines as a noun in -а
            rule = self._rule(low)
            if rule is not None:
                w.forms, w.how = rule, "rule"
                return w
        parses = [
            p
            for p in self.morph.parse(low)
            if p.word == low and p.tag.case in ("nomn", None) and p.tag.POS
        ]
        dictionary = [p for p in parses if _method(p) == "DictionaryAnalyzer"]
        guessed = [p for p in parses if _method(p) != "DictionaryAnalyzer"]
        for pool, how_noun in ((dictionary, "noun"), (guessed, "guess")):
            nouns = [
                p
                for p in pool
                if p.tag.POS == "NOUN" and "anim" not in p.tag and p.tag.case == "nomn"
            ]
            toponyms = [p for p in nouns if _toponym(p)]
            adjectives = [p for p in pool if p.tag.POS == "ADJF"]
            if (
                not adjectives
                and _ADJECTIVE.search(low)
                and (adjective or not low.endswith("е"))
            ):
                # a noun reading of an adjective ("Лосинівська" as a surname):
                # the adjective's endings (the suffix rules)
                continue
            if toponyms and how_noun == "noun" and not (adjective and adjectives):
                chosen, how = toponyms, "toponym"
            elif adjectives:
                chosen, how = adjectives, "adjective" if how_noun == "noun" else "guess"
            elif nouns:
                chosen, how = nouns, how_noun
            else:
                continue
            forms = self._lexeme_forms(chosen, low)
            if forms:
                w.forms, w.how = forms, how
                break
        else:
            rule = self._rule(low)
            if rule is not None:
                w.forms, w.how = rule, "rule"
        extra = self.extra.get(low)
        if extra:
            for c, fs in extra.items():
                w.forms.setdefault(c, set()).update(fs)
            w.how = "exception" if w.how == "fixed" else w.how
        return w

    def _lexeme_forms(self, parses, low: str) -> dict[str, set[str]]:
        """Every case form of the parses' lexemes, in the parses' gender and number."""
        out: dict[str, set[str]] = {c: set() for c in CASES}
        dist: dict[str, set[str]] = {c: set() for c in CASES}
        for p in parses:
            plural = p.tag.number == "plur"
            gender = p.tag.gender
            for f in p.lexeme:
                t = f.tag
                if (t.number == "plur") != plural:
                    continue
                if not plural and p.tag.POS == "ADJF" and t.gender != gender:
                    continue
                case = t.case or "nomn"
                if case not in out:
                    continue
                word = f.word
                if p.tag.POS == "ADJF" and word.endswith(_UNCONTRACTED):
                    continue
                (dist if "Dist" in t else out)[case].add(word)
        for c in CASES:
            if not out[c]:
                out[c] = dist[c]
        out["nomn"].add(low)
        if any(p.tag.POS == "NOUN" and p.tag.gender == "masc" for p in parses):
            # the locative with the consonant change (Бурлук -> у Бурлуці,
            # Ріг -> Розі) the dictionary often lacks
            for form in list(out["loct"]):
                for end, alt in self.alternations:
                    if form.endswith(end):
                        out["loct"].add(form[: -len(end)] + alt)
        if any(p.tag.POS == "ADJF" for p in parses):
            # a place is inanimate: its accusative is its nominative (not
            # "кривого ріг", the animate accusative of the adjective)
            out["accs"] = (out["accs"] - (out["gent"] - out["nomn"])) or out["nomn"]
        return out if all(out.values()) else {}

    def _rule(self, low: str) -> dict[str, set[str]] | None:
        for ending, strip, cases in self.rules:
            if low.endswith(ending) and len(low) > len(ending) + 1:
                stem = low[: len(low) - len(strip)] if strip else low
                out = {c: {low} for c in CASES}
                for c, suffixes in cases.items():
                    out[c] = {stem + s for s in suffixes}
                return out
        return None

    # -- whole names ------------------------------------------------------------------
    def cases(self, name: str) -> dict[str, set[str]]:
        """The forms of a name by case (lower case, apostrophes as ``'``).

        Parameters
        ----------
        name : str
            A Ukrainian name in the nominative (``"Кривий Ріг"``).

        Returns
        -------
        dict of str to set of str
            Case name (:data:`CASES`) -> the name's forms in that case.
        """
        words = self._words(name)
        out: dict[str, set[str]] = {}
        for c in CASES:
            phrases = [""]
            for i, parts in enumerate(words):
                token_forms = [""]
                for j, part in enumerate(parts):
                    sep = "-" if j else ""
                    token_forms = [
                        t + sep + f for t in token_forms for f in sorted(part.forms[c])
                    ]
                sep = " " if i else ""
                phrases = [p + sep + t for p in phrases for t in token_forms]
                if len(phrases) > 64:
                    phrases = phrases[:64]  # a pathological product: keep it bounded
            out[c] = set(phrases)
        return out

    def forms(self, name: str) -> set[str]:
        """Every form of ``name`` in every case (its nominative included)."""
        return set().union(*self.cases(name).values())

    def how(self, name: str) -> list[str]:
        """How each word of ``name`` was read (for the coverage report)."""
        return [w.how for parts in self._words(name) for w in parts]

    def _words(self, name: str) -> list[list[_Word]]:
        """The words of a name, each as its hyphen-joined parts."""
        words: list[list[_Word]] = []
        fixed = False
        tokens = name.split()
        unit = len(tokens) > 1 and tokens[-1].lower() in _UNIT_NOUNS
        for n, token in enumerate(tokens):
            low = _APOS.sub("'", token.lower())
            fixed = fixed or low in self.fixed
            if low in self.extra and "-" in low:
                words.append([self.word(token, combining=fixed, whole=True)])
                continue
            parts = token.split("-")
            words.append(
                [
                    self.word(
                        part,
                        combining=fixed
                        or (
                            i < len(parts) - 1
                            and (
                                _combining(part)
                                or bool(_AREA.search(parts[-1].lower()))
                                or (unit and bool(_ADJECTIVE.search(parts[-1].lower())))
                            )
                        ),
                        # the adjective of a unit's name ("Мостиська громада")
                        adjective=unit and n < len(tokens) - 1,
                    )
                    for i, part in enumerate(parts)
                ]
            )
        return words


def _method(p) -> str:
    return type(p.methods_stack[0][0]).__name__


def _toponym(p) -> bool:
    """A noun entry recorded the way VESUM records proper names.

    The dictionary's proper nouns (``харків``, ``лиман`` the town) list their
    gender before animacy and have no plural of their own (or are plurale
    tantum); its common nouns (``лиман`` the estuary) list animacy first.
    """
    parts = _tag_parts(p.tag)
    return len(parts) > 1 and parts[1] not in ("inan", "anim")


def _combining(part: str) -> bool:
    """The first part of a compound that does not change (``Івано-``, ``Ново-``)."""
    return part.lower().endswith(("о", "е")) and len(part) > 2


def _read_tsv(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        return []
    with open(path, encoding="utf-8", newline="") as fh:
        rows = csv.DictReader(
            (ln for ln in fh if not ln.startswith("#")), delimiter="\t"
        )
        return [r for r in rows if any(r.values())]


_RUSSIAN_ENDINGS = re.compile(r"(ое|ая|ый|ский|цкий|ская|цкая|ское|цкое|ёвка)$")


def looks_russian(name: str) -> bool:
    """Whether a Cyrillic name with no letter of either alphabet only is Russian.

    Russian endings (``-ое``, ``-ая``, ``-ский``, ``-ый``...) tell
    ``Никольское`` from ``Нікольське``; such names are not inflected as
    Ukrainian.
    """
    return any(_RUSSIAN_ENDINGS.search(w) for w in name.lower().split())
