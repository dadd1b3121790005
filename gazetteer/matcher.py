"""Finding gazetteer names in running text, with character offsets.

One pass over the text: a regular expression finds capitalized words; a word
whose folded form starts some gazetteer name (a dict lookup) is extended with
the following words, and the longest name is taken.  Only capitalized words
start a name, so ordinary English words that are also village names
("union", "bar") never fire in lower case; capitalized ones are judged by
the reviewed data in ``gazetteer/lexicon/`` (a stop-list, and the words that
may or may not stand next to a place name), never by conditionals here.

Ukrainian (Cyrillic) words are looked up among the case forms of the
Ukrainian names (``Харкові``, ``Великій Новосілці``, ``на Харківщині``), read
from the bundled forms file the first time a Cyrillic word is met
(:class:`gazetteer.store.UkIndex`); English text never loads it. The rules
for Ukrainian are in ``lexicon/matcher_uk.json`` and
``lexicon/common_words_uk.tsv``: place names that are common words ("Щастя",
"Мирне") count only in a place context; "на Запоріжжі" is the oblast; lists
of adjectives ending in a plural unit ("Золочівська та Дергачівська громади")
are hromadas, raions or oblasts; a city district named in several cities
("Шевченківський район") is the one of the city named nearest.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from itertools import compress
from typing import cast

from gazetteer import compiled
from gazetteer.normalize import fold, fold_token
from gazetteer.records import Mention, Place
from gazetteer.resolve import rank
from gazetteer.store import Store

__all__ = ["Matcher", "MatcherRules", "load_rules"]

# A capitalized word (Latin or Cyrillic) not glued to a preceding word.
# A capitalized word. findall returns the words; positions are found only for
# the few that start a name.
_CAP = compiled.compile(r"[A-ZА-ЯЁІЇЄҐÀ-ÖØ-Þ][\w'’ʼ]*")
# The same, with the rarer apostrophes inside a word ("Слов`янськ"): used only
# for a text that has one of them.
_CAP_APOS = compiled.compile(r"[A-ZА-ЯЁІЇЄҐÀ-ÖØ-Þ][\w'’ʼ]*(?:[`´‘ʹ]\w[\w'’ʼ]*)*")
_RARE_APOS = ("`", "´", "‘", "ʹ")
_GLUE = frozenset("'’ʼ")
# The next word of a multi-word name: spaces or one hyphen/dash between.
_NEXT = compiled.compile(r"[ \t]*(?:[-‐‑–—][ \t]*)?([\w'’ʼ]+)")
_NEXT_APOS = compiled.compile(
    r"[ \t]*(?:[-‐‑–—][ \t]*)?([\w'’ʼ]+(?:[`´‘ʹ]\w[\w'’ʼ]*)*)"
)
_NEXT_CAP = compiled.compile(r"[ \t]+([A-Z\u0400-\u042F][\w'’ʼ]*)")


# "Kyivskyi district", "the Kyivskyi, Saltivskyi and Shevchenkivskyi districts":
# a list of names before a plural unit word. Before a singular one, only the
# name right before it: "Kindrashivka, Kupiansk district" is a village in a raion.
_DISTRICT_AFTER = compiled.compile(
    r"[ \t]+(?:district|raion|rayon)\b"
    r"|(?:\s*(?:,|and|, and|&)\s+[A-ZА-ЯІЇЄҐ][\w'’-]*)*"
    r"[ \t]+(?:districts|raions|rayons)\b"
)
# Between a place and the oblast that says where it is: "Izium, Kharkiv",
# "Lyptsi (Kharkiv)".
_APPOSITION_GAP = compiled.compile(r"[ \t]*(?:,|\()[ \t]*")
# After a name, a list goes on: "Izium, Kharkiv and Sumy", "Kupiansk, Kharkiv, Sumy".
_LIST_GOES_ON = compiled.compile(
    r"[ \t]*(?:,[ \t]*(?:and[ \t]+|or[ \t]+)?|[ \t]+(?:and|or|&)[ \t]+)"
    r"(?:the[ \t]+)?[A-ZА-ЯІЇЄҐ]"
)
#: Feature codes of a seat of an oblast, whose name stands for it after a
#: place ("Izium, Kharkiv"); the capital's name stands for Kyiv oblast.
_SEATS = {"PPLA": "", "PPLC": "UA-32"}
_UNIT_WORDS = frozenset({"district", "districts", "raion", "raions", "rayon"})
# The last words of a key that start the backward walk of Matcher._region_lists.
_PLURAL_LASTS = frozenset({"regions", "oblasts", "provinces", "districts", "raions"})


def _rare_apostrophe(text: str) -> bool:
    """Whether a backtick, acute or turned comma stands between two letters."""
    for a in _RARE_APOS:
        i = text.find(a)
        while i >= 0:
            if (
                0 < i < len(text) - 1
                and text[i - 1].isalpha()
                and text[i + 1].isalpha()
            ):
                return True
            i = text.find(a, i + 1)
    return False


def _previous_word(before: str) -> str | None:
    """The word right before a name, if only spaces or tabs separate them.

    (No newline in the white space between: a line break ends the
    sentence's run of words.)
    """
    if not before or before[-1] not in " \t":
        return None
    stripped = before.rstrip()
    if not stripped or "\n" in before[len(stripped) :]:
        return None
    word = stripped.rsplit(None, 1)[-1]
    return word if word[-1].isalnum() else None


_SENTENCE_GAP = compiled.compile(r"[.!?\n]\s*[\"'“‘(]?\s*$")
_SENTENCE_BREAK = compiled.compile(r"[.!?\n]")
# a list of capitalised Ukrainian adjectives ending right before a plural unit
# noun, with an optional type adjective ("міські громади")
_UK_ADJ_LIST = compiled.compile(
    r"((?:[А-ЯІЇЄҐ][\w'’ʼ-]*\s*"
    r"(?:,\s*(?:(?:та|і|й|а також)\s+)?|\s(?:та|і|й|а також)\s+)\s*)+"
    r"[А-ЯІЇЄҐ][\w'’ʼ-]*)\s+(?:(?:міськ|сільськ|селищн|територіальн)\w*\s+)?$"
)
_UK_WORD = compiled.compile(r"[А-ЯІЇЄҐ][\w'’ʼ-]*")
# characters _UK_ADJ_LIST never matches (no word character, white space,
# apostrophe, hyphen or comma)
_NOT_IN_ADJ_LIST = tuple('.:;!?()[]«»"“”„/—–')
# what stands between two names of a list: a comma or a conjunction
_UK_LIST_SEPARATOR = compiled.compile(r"^\s*(?:,|,?\s*(?:та|і|й|а також))\s*$")
_UK_WORD_ANY = compiled.compile(r"[А-ЯІЇЄҐа-яіїєґ][\w'’ʼ-]*")
# a lower-case word right after a name ("Чорному морі")
_UK_LOWER_NEXT = compiled.compile(r"[ \t]+([а-яіїєґ][\w'’ʼ]*)")
# the folded form of an adjective of the -ський/-цький/-зький kind
_UK_ADJECTIVE = compiled.compile(
    r"(?:ськ|цьк|зьк)(?:ий|ого|ому|им|ім|а|ої|ій|ою|у|е|і|их|ими)$"
)
# a capitalised name and a comma or conjunction right before another name
_UK_LIST_BEFORE = compiled.compile(r"[А-ЯІЇЄҐ][\w'’ʼ-]*(?:,|,?\s+(?:та|і|й))\s+$")


# What Matcher._word tells of a word: (fold, latin, is_name, goes_on, longer).
_Word = tuple[str, bool, bool, bool, frozenset[str]]
# What Matcher._entries tells of a key: (entries, oblasts, big, weak, populous).
_Entries = tuple[tuple[tuple[Place, str], ...], bool, bool, bool, bool]


@dataclass(frozen=True)
class MatcherRules:
    """The reviewed word lists that judge a capitalized name (see lexicon files)."""

    never: frozenset[str]
    needs_context: frozenset[str]
    big_place_population: int
    reject_followers: frozenset[str]
    allow_followers: frozenset[str]
    reject_preceders: frozenset[str]
    allow_preceders: frozenset[str]
    confirm_before: re.Pattern
    region_list_before: re.Pattern
    region_words: frozenset[str]
    list_gap: re.Pattern
    uk: UkRules | None = None
    #: The most words of a phrase of ``confirm_before`` (0: not known; see
    #: :func:`_phrase_start`).
    confirm_words: int = 0


@dataclass(frozen=True)
class UkRules:
    """The Ukrainian rules (``lexicon/matcher_uk.json``, ``common_words_uk.tsv``)."""

    prepositions: frozenset[str]
    cues: frozenset[str]
    unit_after: re.Pattern
    oblast_after: dict[tuple[str, str], str]  # (preposition, folded form) -> ISO
    capital_id: str
    capital_words: frozenset[str]
    unit_plurals: dict[str, tuple[str, ...]]
    unit_plural_re: re.Pattern
    list_gap: re.Pattern
    region_words: frozenset[str]
    common: frozenset[str]  # folded nominatives
    confirm_before: re.Pattern
    strict: frozenset[str] = frozenset()  # common names needing a settlement word
    reject_before: re.Pattern | None = None
    street_before: re.Pattern | None = None
    reject_followers: frozenset[str] = frozenset()
    free_after: re.Pattern | None = None
    unit_next: re.Pattern | None = None
    #: The most words of a phrase of ``confirm_before``, ``reject_before`` and
    #: ``street_before`` (0: not known; see :func:`_phrase_start`).
    confirm_words: int = 0
    reject_words: int = 0
    street_words: int = 0
    #: The last words of the phrases of ``reject_before`` and ``street_before``,
    #: one of which ends a text they match (None: not known; see
    #: :func:`_last_words`).
    reject_ends: tuple[str, ...] | None = None
    street_ends: tuple[str, ...] | None = None


def _most_words(phrases: list[str]) -> int:
    """The most white-space-separated words of one of ``phrases``."""
    return max((len(p.split()) for p in phrases), default=0)


def _last_words(phrases: list[str]) -> tuple[str, ...]:
    r"""The last word of each phrase, one of which ends what its pattern matches.

    A ``..._before`` pattern without ``re.IGNORECASE`` (``reject_before``,
    ``street_before``) is an alternation of the phrases, each escaped with
    its spaces read as ``\s+``, then ``\s*$``: a match ends where only white
    space (what ``str.rstrip`` strips) follows, so the text stripped on the
    right ends with the phrase, and with the phrase's part after its last
    space, exactly (no case folding). A text stripped that ends with none of
    these is not searched.
    """
    return tuple(p.rsplit(" ", 1)[-1] for p in phrases)


def _phrase_start(before: str, words: int) -> int:
    r"""Where a phrase of at most ``words`` words that ends ``before`` can start.

    A phrase that only white space follows to the end of ``before`` (the
    ``..._before`` patterns end in ``\s+$`` or ``\s*$``), and whose words
    only white space separates, lies within the last ``words`` words of
    ``before`` (runs of non-space): it starts after the end of what precedes
    them. Searching from there finds a match exactly when searching from 0
    does (``\b`` and lookbehinds see the characters before the start of a
    search; ``^`` matches only at 0). ``words`` 0 means not known: 0.
    """
    if words <= 0:
        return 0
    parts = before.rsplit(None, words)
    return len(parts[0]) if len(parts) > words else 0


def load_rules() -> MatcherRules:
    """Read the matcher's lexicon files from the package."""
    base = resources.files("gazetteer").joinpath("lexicon")
    never: set[str] = set()
    context: set[str] = set()
    lines = base.joinpath("stopnames.tsv").read_text(encoding="utf-8").splitlines()
    for line in lines[1:]:
        if not line.strip():
            continue
        key, rule, *_ = line.split("\t")
        (never if rule == "never" else context).add(fold(key))
    cfg = json.loads(base.joinpath("matcher.json").read_text(encoding="utf-8"))

    def alternation(phrases: list[str]) -> str:
        return "|".join(
            re.escape(p).replace(r"\ ", r"\s+")
            for p in sorted(phrases, key=len, reverse=True)
        )

    seps = alternation(cfg["list_separators"])
    uk_cfg = json.loads(base.joinpath("matcher_uk.json").read_text(encoding="utf-8"))
    common, strict = set(), set()
    lines = (
        base.joinpath("common_words_uk.tsv").read_text(encoding="utf-8").splitlines()
    )
    for line in lines:
        if line.startswith("#") or line.startswith("name\t") or not line.strip():
            continue
        name, needs, *_ = [*line.split("\t"), "place"]
        common.add(fold(name))
        if needs == "cue":
            strict.add(fold(name))
    plurals = {k: tuple(v) for k, v in uk_cfg["unit_plurals"].items()}
    uk = UkRules(
        prepositions=frozenset(uk_cfg["prepositions"]),
        cues=frozenset(uk_cfg["cues"]),
        unit_after=compiled.compile(uk_cfg["unit_after"]),
        oblast_after={
            (r["preposition"], fold(r["form"])): r["admin1"]
            for r in uk_cfg["oblast_after"]
        },
        capital_id=uk_cfg["capital"]["place_id"],
        capital_words=frozenset(uk_cfg["capital"]["words"]),
        unit_plurals=plurals,
        unit_plural_re=compiled.compile(
            rf"(?<![\w'’ʼ])(?:{'|'.join(sorted(plurals, key=len, reverse=True))})"
            r"(?![\w'’ʼ])"
        ),
        list_gap=compiled.compile(
            rf"^\s*(?:{alternation(uk_cfg['list_separators'])})?\s*$", re.IGNORECASE
        ),
        region_words=frozenset(fold(w) for w in uk_cfg["region_words"]),
        common=frozenset(common),
        confirm_before=compiled.compile(
            rf"\b(?:{alternation(uk_cfg['confirm_before'])})\s+$", re.IGNORECASE
        ),
        strict=frozenset(strict),
        reject_before=compiled.compile(
            rf"(?:^|(?<![\w'’ʼ.-]))(?:{alternation(uk_cfg['reject_before'])})\s*$"
        ),
        street_before=compiled.compile(
            rf"(?:^|(?<![\w'’ʼ.-]))(?:{alternation(uk_cfg['street_before'])})\s*$"
        ),
        reject_followers=frozenset(uk_cfg["reject_followers"]),
        free_after=compiled.compile(uk_cfg["free_after"]),
        unit_next=compiled.compile(uk_cfg["unit_next"]),
        confirm_words=_most_words(uk_cfg["confirm_before"]),
        reject_words=_most_words(uk_cfg["reject_before"]),
        street_words=_most_words(uk_cfg["street_before"]),
        reject_ends=_last_words(uk_cfg["reject_before"]),
        street_ends=_last_words(uk_cfg["street_before"]),
    )
    return MatcherRules(
        never=frozenset(never),
        needs_context=frozenset(context),
        big_place_population=int(cfg["big_place_population"]),
        reject_followers=frozenset(cfg["reject_followers"]),
        allow_followers=frozenset(cfg["allow_followers"]),
        reject_preceders=frozenset(
            cfg["reject_preceders"] + uk_cfg["reject_preceders"]
        ),
        allow_preceders=frozenset(cfg["allow_preceders"] + uk_cfg["allow_preceders"]),
        confirm_before=compiled.compile(
            rf"\b(?:{alternation(cfg['confirm_before'])})\s+$", re.IGNORECASE
        ),
        region_list_before=compiled.compile(
            rf"\b(?:{alternation(cfg['region_list_before'])})\s+(?:the\s+)?$",
            re.IGNORECASE,
        ),
        region_words=frozenset(fold(w) for w in cfg["region_words"]),
        list_gap=compiled.compile(rf"^\s*(?:{seps})?\s*(?:the\s+)?$", re.IGNORECASE),
        uk=uk,
        confirm_words=_most_words(cfg["confirm_before"]),
    )


class Matcher:
    """Find every gazetteer mention in a text.

    Parameters
    ----------
    store : Store
        The loaded gazetteer.
    rules : MatcherRules, optional
        Word lists; read from the package by default.
    """

    def __init__(self, store: Store, rules: MatcherRules | None = None):
        self.store = store
        self.rules = rules or load_rules()

    def _goes_on(self, prefix: str) -> bool:
        """Whether some name not stop-listed starts with ``prefix`` and a space.

        Answered by bisection of the sorted names (no set of every prefix is
        built: that cost 0.2 s on first use), and remembered.
        """
        cache = self._going_on
        on = cache.get(prefix)
        if on is None:
            if len(cache) > 300_000:
                cache.clear()
            never = self.rules.never
            on = cache[prefix] = any(
                key not in never for key in self.store.continues(prefix)
            )
        return on

    def _starts_name(self, f: str) -> bool:
        """Whether a folded word is the first word of a name not stop-listed."""
        if " " in f:
            return False
        return (f in self.store.names and f not in self.rules.never) or self._goes_on(f)

    @cached_property
    def _going_on(self) -> dict[str, bool]:
        return {}

    def find(self, text: str) -> list[Mention]:
        """All mentions in ``text``, in order, non-overlapping, longest first.

        Parameters
        ----------
        text : str
            Any text; offsets refer to it unchanged.

        Returns
        -------
        list of Mention
        """
        going_on = self._going_on
        words = self._words
        if len(words) > 300_000:
            words.clear()
        nxt = _NEXT.match
        found: list[tuple[int, int, str]] = []
        last_end = 0
        cursor = 0
        uk_words: list[int] = []  # where Ukrainian names start: passes run there
        find = text.find
        # findall is much cheaper than finditer; positions are recovered only
        # for the few words that start a name.
        cap = _CAP_APOS if _rare_apostrophe(text) else _CAP
        toks = cap.findall(text)
        # what the gazetteer says of each word alone, whatever the text (see
        # _word): () when it starts no name; the loop below runs only over
        # the words that start one
        infos = list(map(words.get, toks))
        if None in infos:
            for k, info in enumerate(infos):
                if info is None:
                    info = words.get(toks[k])
                    if info is None:
                        info = words[toks[k]] = self._word(toks[k])
                    infos[k] = info
        for tok, word in zip(compress(toks, infos), filter(None, infos), strict=True):
            # (filter leaves only the words that start a name: no None, no ())
            f, latin, is_name, goes_on, longer = cast(_Word, word)
            start = find(tok, cursor)
            if start > 0 and (text[start - 1].isalnum() or text[start - 1] in _GLUE):
                # glued to a letter or digit ("3Kyiv", "McKyiv"): not a name; step
                # over it, searching no further than the next few words
                cursor = start + 1
                continue
            end = start + len(tok)
            cursor = end
            if start < last_end:
                continue
            if not latin:
                uk_words.append(start)
                best_end, best_key = self._extend_uk(
                    text, end, f, is_name, goes_on, longer
                )
                if best_end > 0:
                    found.append((start, best_end, best_key))
                    last_end = best_end
                continue
            best_end = end if is_name else -1
            best_key = f
            prefix = f
            pos = end
            while goes_on:
                nm = nxt(text, pos)
                if nm is None:
                    break
                t2 = fold_token(nm.group(1))
                if not t2:
                    break
                prefix = f"{prefix} {t2}"
                pos = nm.end()
                if prefix in longer:  # a name, as it starts with f and a space
                    best_end, best_key = pos, prefix
                # (the remembered answer, False included; asked only when none)
                on = going_on.get(prefix)
                goes_on = self._goes_on(prefix) if on is None else on
            if best_end > 0:
                found.append((start, best_end, best_key))
                last_end = best_end
        mentions = []
        for start, end, key in found:
            mention = self._judge(text, start, end, key)
            if mention is not None:
                mentions.append(mention)
        if uk_words and self.rules.uk is not None:
            mentions = self._uk_unit_lists(text, mentions, uk_words)
            if mentions:
                mentions = self._uk_list_oblast(text, mentions)
                mentions = self._uk_districts(text, mentions)
        if not mentions:
            return mentions
        return self._oblast_appositions(text, self._region_lists(text, mentions))

    # -- "Izium, Kharkiv": the oblast after a place ----------------------------------
    def _oblast_appositions(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """A seat's name right after a place of its oblast names the oblast.

        "Antonivka, Kharkiv", "Myrne, Kupiansk district, Kharkiv", "Fastiv,
        Kyiv", "Lyptsi (Kharkiv)": the oblast whose seat (or whose short name)
        follows a place that has a namesake in it, after a comma or an opening
        parenthesis, when no list goes on after it ("Izium, Kharkiv and
        Sumy" is a list of cities). Latin names only.
        """
        out = list(mentions)
        for k in range(1, len(out)):
            m, prev = out[k], out[k - 1]
            if (
                m.form != "name"
                or not m.key.isascii()
                or not _APPOSITION_GAP.fullmatch(text, prev.end, m.start)
                or _LIST_GOES_ON.match(text, m.end)
            ):
                continue
            oblast = self._oblast_named_by(m)
            if oblast is None or oblast.id in {p.id for p in prev.candidates}:
                continue
            code = oblast.admin1_code
            if not any(p.admin1_code == code for p in prev.candidates):
                continue
            top = rank(prev.entries)
            if (
                top
                and top[0].place.admin1_code != code
                and top[0].place.population >= self.rules.big_place_population
            ):
                continue  # "Odesa, Kharkiv": two cities
            out[k] = Mention(
                m.start, m.end, m.surface, m.key, ((oblast, "r"),), "region"
            )
        return out

    @cached_property
    def _seat_oblasts(self) -> dict[str, Place | None]:
        return {}

    def _oblast_named_by(self, m: Mention) -> Place | None:
        """The oblast a bare name may stand for: its own, or its seat's (cached)."""
        cache = self._seat_oblasts
        if m.key not in cache:
            if len(cache) > 100_000:
                cache.clear()
            cache[m.key] = self._seat_oblast(m)
        return cache[m.key]

    def _seat_oblast(self, m: Mention) -> Place | None:
        oblasts = {p.admin1_code: p for p in m.candidates if p.kind == "oblast"}
        if len(oblasts) == 1:
            return next(iter(oblasts.values()))
        if oblasts:
            return None
        for word in ("region", "oblast"):
            found = {p.admin1_code: p for p, _ in self.store.entries(f"{m.key} {word}")}
            if len(found) == 1:
                return next(iter(found.values()))
        top = rank(m.entries)
        if top and top[0].place.feature_code in _SEATS:
            p = top[0].place
            return self.store.oblast(_SEATS[p.feature_code] or p.admin1_code)
        return None

    # -- Ukrainian names and their case forms --------------------------------------
    def _uk_first(self, f: str) -> bool:
        """Whether a Cyrillic word is, or starts, a name or a case form of one."""
        return f in self.store.names or self.store.uk.first(f)

    def _uk_has(self, key: str) -> bool:
        return key in self.store.names or bool(self._uk_bases(key))

    @cached_property
    def _bases(self) -> dict[str, list[str]]:
        return {}

    def _uk_bases(self, key: str) -> list[str]:
        """The name keys a Cyrillic ``key`` is a case form of (``store.uk.bases``).

        Remembered per key (a pure function of the key and the gazetteer): a
        new form is asked by :meth:`_word` and again by :meth:`_info`, one
        bisection of the forms each time.
        """
        bases = self._bases.get(key)
        if bases is None:
            if len(self._bases) > 300_000:
                self._bases.clear()
            bases = self._bases[key] = self.store.uk.bases(key)
        return bases

    def _extend_uk(
        self,
        text: str,
        end: int,
        f: str,
        has: bool,
        starts: bool,
        longer: frozenset[str],
    ) -> tuple[int, str]:
        """The longest name or form starting with the word ``f`` (ending at ``end``).

        ``has`` and ``starts`` say whether ``f`` is a name or form itself and
        whether one goes on after it, ``longer`` which names and forms start
        with ``f`` and a space (:meth:`_word`).
        """
        uk = self.store.uk
        best_end = end if has else -1
        best_key = f
        prefix = f
        pos = end
        while starts:
            nm = _NEXT_APOS.match(text, pos)
            if nm is None:
                break
            t2 = fold_token(nm.group(1))
            if not t2:
                break
            prefix = f"{prefix} {t2}"
            pos = nm.end()
            if prefix in longer:  # _uk_has(prefix), as it starts with f
                best_end, best_key = pos, prefix
            starts = uk.starts(prefix)
        return best_end, best_key

    def _uk_unit_lists(
        self, text: str, mentions: list[Mention], words: list[int]
    ) -> list[Mention]:
        """Adjectives listed before a plural unit ("Золочівська, Дергачівська громади").

        Each adjective is the unit of its name ("Золочівська громада"), in
        whatever case the list is ("у Київському, Слобідському та
        Шевченківському районах" are three districts).
        """
        uk = self.rules.uk
        assert uk is not None  # the caller checks
        added: list[Mention] = []
        # the unit noun follows the listed names: look within 300 characters
        # after the words that start Ukrainian names
        spans: list[list[int]] = []
        for w in words:
            if spans and w <= spans[-1][1]:
                spans[-1][1] = w + 300
            else:
                spans.append([w, w + 300])
        found = self._unit_plurals(text, spans)
        for m in found:
            lo = max(0, m.start() - 300)
            window = text[lo : m.start()]
            # no match holds one of these characters and every match runs to
            # the end of the window: search after the last of them
            after = max(map(window.rfind, _NOT_IN_ADJ_LIST)) + 1
            lst = _UK_ADJ_LIST.search(window, after)
            if lst is None:
                continue
            adjs = list(_UK_WORD.finditer(window, lst.start(1), lst.end(1)))
            gaps = [
                window[a.end() : b.start()]
                for a, b in zip(adjs, adjs[1:], strict=False)
            ]
            if len(adjs) < 2 or not all(uk.list_gap.match(g) for g in gaps):
                continue
            for a in adjs:
                # fold, not fold_token: "Середино-Будська" is "середино будська"
                fa = fold(a.group(0))
                for sg in uk.unit_plurals[m.group(0)]:
                    key = f"{fa} {fold_token(sg)}"
                    if self._uk_has(key):
                        entries = tuple(self.store.entries(key))
                        form = (
                            "region"
                            if all(p.kind == "oblast" for p, _ in entries)
                            else "name"
                        )
                        added.append(
                            Mention(
                                lo + a.start(),
                                lo + a.end(),
                                a.group(0),
                                key,
                                entries,
                                form,
                            )
                        )
                        break
        if not added:
            return mentions
        taken = [(a.start, a.end) for a in added]
        kept = [
            m for m in mentions if not any(m.start < e and s < m.end for s, e in taken)
        ]
        return sorted(kept + added, key=lambda m: m.start)

    @cached_property
    def _unit_plural_starts(self) -> tuple[str, ...] | None:
        """What every plural unit word starts with: its first letters.

        The plural unit words are joined into ``unit_plural_re`` as they are,
        so a word of letters only stands for itself (case-sensitively) and
        every match of the pattern begins with one of these strings. None
        when some word is not letters only (the pattern is then searched
        position by position).
        """
        assert self.rules.uk is not None  # the caller checks
        plurals = self.rules.uk.unit_plurals
        if not plurals or not all(w.isalpha() for w in plurals):
            return None
        n = min(map(len, plurals))
        return tuple(sorted({w[:n] for w in plurals}))

    def _unit_plurals(self, text: str, spans: list[list[int]]) -> list[re.Match]:
        """The plural unit words in the spans ``(lo, hi)``: ``finditer`` in each.

        The pattern opens with a look-behind, which the regex engine tries at
        every position of a span; instead it is matched only where one of
        :attr:`_unit_plural_starts` begins (no match begins elsewhere), with
        the span's end as ``endpos``, in order, skipping the positions inside
        the previous match, as ``finditer`` does (its look-behind sees the
        text before ``pos`` either way).
        """
        assert self.rules.uk is not None  # the caller checks
        pattern = self.rules.uk.unit_plural_re
        starts = self._unit_plural_starts
        if starts is None:
            return [m for lo, hi in spans for m in pattern.finditer(text, lo, hi)]
        at: list[int] = []
        find = text.find
        for s in starts:
            i = find(s, spans[0][0]) if spans else -1
            while i >= 0:
                at.append(i)
                i = find(s, i + 1)
        if not at:
            return []
        at.sort()
        found: list[re.Match] = []
        match = pattern.match
        k = 0
        for lo, hi in spans:
            last_end = lo
            while k < len(at) and at[k] < hi:
                i = at[k]
                k += 1
                if i < last_end:  # before the span, or inside the last match
                    continue
                m = match(text, i, hi)
                if m is not None:
                    found.append(m)
                    last_end = m.end()
        return found

    def _uk_list_oblast(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """The places of one list lie in one oblast: "Білозерку, Станіслав і Токарівку".

        In a list of Ukrainian names (commas, "та", "і", "й" between them),
        when the names that lie in one oblast only all lie in the same one, a
        name of several places keeps those in that oblast, if it has any.
        """
        gap = _UK_LIST_SEPARATOR
        out = list(mentions)
        uk = [i for i, m in enumerate(out) if not m.key.isascii()]
        groups: list[list[int]] = []
        for i in uk:
            if (
                groups
                and groups[-1][-1] == i - 1
                and gap.match(text[out[i - 1].end : out[i].start])
            ):
                groups[-1].append(i)
            else:
                groups.append([i])
        for group in groups:
            if len(group) < 2:
                continue
            codes = [
                {p.admin1_code for p, _ in out[k].entries if p.kind != "oblast"}
                for k in group
            ]
            sure = {next(iter(c)) for c in codes if len(c) == 1}
            if len(sure) != 1:
                continue
            (code,) = sure
            for k, c in zip(group, codes, strict=True):
                if len(c) > 1 and code in c:
                    m = out[k]
                    entries = tuple(
                        (p, q) for p, q in m.entries if p.admin1_code == code
                    )
                    out[k] = Mention(m.start, m.end, m.surface, m.key, entries, m.form)
        return out

    def _uk_districts(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """A district name of several cities is the one of the city named nearest.

        The city is looked for in the same sentence first (after the district,
        then before it: "у Шевченківському районі Харкова"), then before it in
        the text, then after; "столиця" in any case names Kyiv.
        """
        uk = self.rules.uk
        assert uk is not None  # the caller checks
        out = list(mentions)
        for i, m in enumerate(mentions):
            if m.key.isascii() or not m.entries or m.entries[0][0].kind != "district":
                continue
            parents = {p.parent for p, _ in m.entries if p.kind == "district"}
            if len(parents) < 2 or any(p.kind != "district" for p, _ in m.entries):
                continue
            # (position, parent id) of every city the text names among them
            named = [
                (c.start, p.id)
                for j, c in enumerate(mentions)
                if j != i
                for p, _ in c.entries
                if p.id in parents
            ]
            if uk.capital_id in parents:
                named += [
                    (w.start(), uk.capital_id)
                    for w in _UK_WORD_ANY.finditer(text)
                    if w.group(0) in uk.capital_words
                ]
            if not named:
                continue

            def order(item: tuple[int, str], m: Mention = m) -> tuple:
                pos = item[0]
                lo, hi = (m.end, pos) if pos >= m.end else (pos, m.start)
                same = not _SENTENCE_BREAK.search(text, lo, hi)
                return (not same, pos < m.start, abs(pos - m.start), item[1])

            parent = min(named, key=order)[1]
            entries = tuple((p, q) for p, q in m.entries if p.parent == parent)
            out[i] = Mention(m.start, m.end, m.surface, m.key, entries, m.form)
        return out

    @cached_property
    def _words(self) -> dict[str, _Word | tuple[()]]:
        return {}

    def _word(self, tok: str) -> _Word | tuple[()]:
        """What the gazetteer says of a capitalized word, whatever the text.

        ``(fold, latin, is_name, goes_on, longer)``: the folded word, whether
        it is read by the Latin rules (its fold is ASCII) or the Ukrainian
        ones, whether it is a name (for Cyrillic: or a case form of one) by
        itself, whether some name (or form) goes on after it and a space,
        and for a word that does, every name (for Cyrillic: or form) that
        starts with it and a space (so that the names of several words are
        looked up in a set, not by bisection); ``()`` when the word starts no
        name (for Latin:
        none not stop-listed). A pure function of the word and the
        gazetteer, so :meth:`find` remembers it per word.
        """
        f = fold_token(tok)
        if f.isascii():
            # _starts_name(f), with the name index asked once for f
            if " " in f:
                return ()
            is_name = f in self.store.names
            goes_on = self._goes_on(f)
            if not (goes_on or (is_name and f not in self.rules.never)):
                return ()
            longer = frozenset(self.store.continues(f)) if goes_on else frozenset()
            return (f, True, is_name, goes_on, longer)
        has = self._uk_has(f)
        starts = self.store.uk.starts(f)
        if not (has or starts):  # _uk_first(f) is ``has or starts``
            return ()
        # the names and forms that start with f and a space: a longer prefix
        # is one of them exactly when _uk_has(prefix)
        longer = (
            frozenset(self.store.continues(f)) | frozenset(self.store.uk.continues(f))
            if starts
            else frozenset()
        )
        return (f, False, has, starts, longer)

    @cached_property
    def _key_info(self) -> dict[str, tuple]:
        return {}

    def _info(self, key: str) -> tuple:
        """What a key's candidates say, whatever the text: cached per key."""
        info = self._key_info.get(key)
        if info is None:
            r = self.rules
            entries, oblasts, big, weak, populous = self._entries(key)
            single = " " not in key
            last = key.rsplit(" ", 1)[-1]
            form = "region" if not single and last in r.region_words else "name"
            common = strict = False
            if not key.isascii() and r.uk is not None:
                if (not single and last in r.uk.region_words) or oblasts:
                    form = "region"  # "Харківській області", "на Харківщині"
                bases = {key, *self._uk_bases(key)}
                common = bool(bases & r.uk.common)
                strict = bool(bases & r.uk.strict)
            info = (
                entries,
                form,
                big,
                weak,
                single and key in r.never,
                single and key in r.needs_context,
                common and not populous,
                strict,
            )
            self._key_info[key] = info
        return info

    @cached_property
    def _by_names(self) -> dict[tuple[str, ...], _Entries]:
        return {}

    def _entries(self, key: str) -> _Entries:
        """A key's places (``store.entries(key)``, as a tuple) and what they say.

        ``(entries, oblasts, big, weak, populous)``: whether there are places
        and all are oblasts, whether one is big (a population of at least
        ``big_place_population``, an oblast, or named by a region or suffixed
        form), whether all are small places known only by a noisy alternate,
        and whether one has that big a population: what :meth:`_info` reads
        of them, a pure function of the places.

        A Cyrillic key's places are those of the names it stands for: itself
        if it is a name, then each name it is a case form of (its bases,
        remembered by :meth:`_uk_bases`), in that order
        (:meth:`Store.entries`). The case forms of one name ("харкова",
        "харкові", "харкову") stand for the same names, so their places are
        read and judged once and share one tuple, which the id-keyed rankings
        of :mod:`gazetteer.resolve` then also share.
        """
        if key.isascii():
            return self._entries_traits(tuple(self.store.entries(key)), False)
        names = tuple([b for b in self._uk_bases(key) if b != key])
        if key in self.store.names:
            names = (key, *names)
        by_names = self._by_names
        found = by_names.get(names)
        if found is None:
            if len(by_names) > 300_000:
                by_names.clear()
            found = by_names[names] = self._entries_traits(
                tuple(self.store.entries_of(names)), True
            )
        return found

    def _entries_traits(
        self, entries: tuple[tuple[Place, str], ...], cyrillic: bool
    ) -> _Entries:
        """``entries`` and what :meth:`_info` reads of them (see :meth:`_entries`).

        ``oblasts`` and ``populous`` are read for a Cyrillic key only: False
        for a Latin one, not worked out.
        """
        least = self.rules.big_place_population
        big = any(
            p.population >= least or p.kind == "oblast" or q in "gs" for p, q in entries
        )
        weak = all(q in "arto" for _, q in entries) and all(
            p.population < 5000 for p, _ in entries
        )
        if not cyrillic:
            return (entries, False, big, weak, False)
        oblasts = bool(entries) and all(p.kind == "oblast" for p, _ in entries)
        populous = any(p.population >= least for p, _ in entries)
        return (entries, oblasts, big, weak, populous)

    # -- judging one candidate mention ----------------------------------------------
    def _judge(self, text: str, start: int, end: int, key: str) -> Mention | None:
        r = self.rules
        info = self._key_info.get(key) or self._info(key)
        entries, form, big, weak, never, needs_context, common, strict = info
        if never:
            return None
        surface = text[start:end]
        if len(surface) <= 3 and surface.isupper():
            return None  # acronyms: IEV, ODS
        before = text[max(0, start - 40) : start]
        # the text before the name stripped, and the word it ends with when
        # white space follows that word, read once for the rules below (the
        # Ukrainian ones read the word whatever the white space)
        stripped = before.rstrip()
        gap = before[-1:]
        last = stripped.rsplit(None, 1)[-1] if stripped and gap.isspace() else ""
        cyrillic = not key.isascii()
        if cyrillic and r.uk is not None:
            raw_prev = last.lower()
            oblast = r.uk.oblast_after.get((raw_prev, key))
            if oblast:  # "на Запоріжжі": the oblast
                place = self.store.oblast(oblast)
                if place is not None:
                    return Mention(start, end, surface, key, ((place, "g"),), "region")
            # (a region or a big place always stands free: not asked)
            if not (form == "region" or big) and not self._uk_free(
                text, before, stripped, end, key
            ):
                return None  # "вулиця Шевченка", "у Чорному морі"
            if common and not self._uk_common(text, before, end, raw_prev, strict):
                return None  # "Щастя", "Мирне" as words
        # _previous_word(before): the word, when only spaces or tabs (no line
        # break) stand between it and the name and it ends in a letter or digit
        prev = (
            last
            if last
            and gap in " \t"
            and last[-1].isalnum()
            and "\n" not in before[len(stripped) :]
            else None
        )
        if prev and prev in r.reject_preceders:
            return None  # "Shakhtar Donetsk"
        follow = _NEXT_CAP.match(text, end)
        word = follow.group(1) if follow else None
        if word and word in r.reject_followers:
            return None  # "Dnipro River"
        if form == "region" or (big and not needs_context):
            return Mention(start, end, surface, key, entries, form)
        # Whether a phrase like "the village of" stands before the name: it
        # only spares the name from the rules below, so it is searched when a
        # rule would reject the name without it (None: not searched yet; most
        # names pass every rule without asking).
        confirmed: bool | None = None
        if needs_context:
            confirmed = self._confirmed(before, cyrillic)
            if not confirmed and not self._oblast_follows(text, end):
                return None
        if word and not big and word not in r.allow_followers:
            if confirmed is None:
                confirmed = self._confirmed(before, cyrillic)
            if not confirmed and not (cyrillic and self._uk_first(fold_token(word))):
                return None  # "Volodymyr Zelensky", "Oleh Syniehubov"
        if (
            prev
            and not big
            and prev[:1].isupper()
            # before a Ukrainian name, only a capitalised word ("Іван", not
            # "FPV-дронами" or "ОВА") reads as a first name
            and (not cyrillic or (prev.isalpha() and prev[1:].islower()))
            # "Russian-held", "Kremlin-backed": a compound, no first name
            and not ("-" in prev and prev.rsplit("-", 1)[1][:1].islower())
            and prev not in r.allow_preceders
            and not _SENTENCE_GAP.search(before[: stripped.rfind(prev)] or "\n")
        ):
            if confirmed is None:
                confirmed = self._confirmed(before, cyrillic)
            if not confirmed:
                return None  # "Dmitry Peskov", "Sergei Lavrov"
        # A small place known only by a noisy alternate needs confirmation.
        if weak:
            if confirmed is None:
                confirmed = self._confirmed(before, cyrillic)
            if not confirmed and not self._oblast_follows(text, end, cyrillic):
                return None
        return Mention(start, end, surface, key, entries, form)

    def _confirmed(self, before: str, cyrillic: bool) -> bool:
        """Whether a phrase like "the village of" or "село" ends ``before``."""
        r = self.rules
        if cyrillic and r.uk:
            confirm, words = r.uk.confirm_before, r.uk.confirm_words
        else:
            confirm, words = r.confirm_before, r.confirm_words
        return bool(confirm.search(before, _phrase_start(before, words)))

    def _uk_free(
        self, text: str, before: str, stripped: str, end: int, key: str
    ) -> bool:
        """Whether a Ukrainian name, not a region nor a big place, stands free.

        (A region or a big place always does: the caller does not ask.) Not
        after a business word or a quote mark ("ТЦ «Приморський»"), not
        before a lower-case noun it qualifies ("у Чорному морі"), and a
        one-word adjective not before a unit noun it is not known with
        ("Очаківському району"). ``stripped`` is ``before.rstrip()``.
        """
        uk = self.rules.uk
        assert uk is not None  # the caller checks
        if (
            uk.reject_before is not None
            # (a cheap exact test: a text that no phrase's last word ends
            # cannot match; see _last_words)
            and (uk.reject_ends is None or stripped.endswith(uk.reject_ends))
            and uk.reject_before.search(before, _phrase_start(before, uk.reject_words))
        ):
            return False
        nxt = _UK_LOWER_NEXT.match(text, end)
        if nxt and nxt.group(1) in uk.reject_followers:
            return False
        return not (
            " " not in key
            and _UK_ADJECTIVE.search(key)
            and uk.unit_next is not None
            and uk.unit_next.match(text, end)
        )

    def _uk_common(
        self, text: str, before: str, end: int, raw_prev: str, strict: bool
    ) -> bool:
        """Whether a place name that is a common word is a place here.

        See ``lexicon/common_words_uk.tsv``: a settlement word before it or a
        unit after it always makes it one; for the names of context "place"
        also a preposition before it, or, inside a sentence, the end of its
        noun phrase after it, or a list of names it continues.
        """
        uk = self.rules.uk
        assert uk is not None  # the caller checks
        if (
            uk.street_before is not None
            and (uk.street_ends is None or before.rstrip().endswith(uk.street_ends))
            and uk.street_before.search(before, _phrase_start(before, uk.street_words))
        ):
            return False  # "вулиця Шевченка", "День Перемоги"
        if (
            raw_prev in uk.cues
            or uk.confirm_before.search(before, _phrase_start(before, uk.confirm_words))
            or uk.unit_after.match(text, end)
        ):
            return True
        if strict:
            return False
        if raw_prev in uk.prepositions or _UK_LIST_BEFORE.search(before):
            return True
        prev = _previous_word(before)
        return bool(
            prev
            and prev[:1].islower()
            and uk.free_after is not None
            and uk.free_after.match(text, end)
        )

    # (no "^": it would match only at the start of the text, not at ``end``)
    _OBLAST_NEAR = compiled.compile(
        r"[^.;!?\n]{0,60}?\b(?:region|oblast|province|raion|district)\b",
        re.IGNORECASE,
    )
    # (no "^": the pattern is matched from the end of the name)
    _OBLAST_NEAR_UK = compiled.compile(
        r"[^.;!?\n]{0,60}?\b(?:област\w*|обл|район\w*|р-н\w*|громад\w*|ТГ|ОТГ)\b",
        re.IGNORECASE,
    )

    # ", Kherson", ", Crimea": a capitalised word after a comma (Latin script)
    _COMMA_WORD = compiled.compile(r"[ \t]*,[ \t]*([A-Z][a-z'’-]+)\b")

    def _oblast_follows(self, text: str, end: int, cyrillic: bool = False) -> bool:
        """Whether an oblast or a unit word follows the name ("Saky, Crimea").

        A unit word within 60 characters of the sentence ("Stanislav in the
        Kherson region"), or, in Latin script, an oblast's own name right
        after a comma: the "place, oblast" of news and coded event data
        ("Stanislav, Kherson", "Saky, Crimea").
        """
        near = self._OBLAST_NEAR_UK if cyrillic else self._OBLAST_NEAR
        if near.match(text, end):
            return True
        if cyrillic:
            return False
        m = self._COMMA_WORD.match(text, end)
        if m is None:
            return False
        key = fold(m.group(1))
        return any(
            p.kind == "oblast"
            for k in (key, f"{key} region")
            for p, _ in self.store.entries(k)
        )

    # -- "the regions of Sumy, Kharkiv and Chernihiv" ----------------------------------
    def _as_region(self, m: Mention) -> Mention:
        if m.form == "region" or any(p.kind == "oblast" for p in m.candidates):
            oblasts = tuple((p, q) for p, q in m.entries if p.kind == "oblast")
            if oblasts:
                return Mention(m.start, m.end, m.surface, m.key, oblasts, "region")
        entries = tuple(self.store.entries(f"{m.key} region"))
        if not entries:
            return m
        return Mention(m.start, m.end, m.surface, m.key, entries, "region")

    def _as_unit(self, m: Mention, word: str) -> Mention:
        entries = tuple(self.store.entries(f"{m.key} {word}"))
        if not entries:
            return m
        return Mention(m.start, m.end, m.surface, f"{m.key} {word}", entries, "name")

    def _region_lists(self, text: str, mentions: list[Mention]) -> list[Mention]:
        r = self.rules
        out = list(mentions)
        n = len(out)
        # the last word of each key: the passes below act only on a key ending
        # in a unit word (the first pass keeps every key: _as_region changes
        # the form and entries only)
        lasts = [m.key.rsplit(" ", 1)[-1] for m in out]
        i = 0
        while i < n:
            m = out[i]
            if (
                m.form == "name"
                # the head's last word is "of" or "the", in any case (the
                # pattern ignores case, and no other letter folds to these)
                and text[max(0, m.start - 40) : m.start].rstrip()[-2:].lower()
                in ("of", "he")
                and r.region_list_before.search(text, max(0, m.start - 40), m.start)
            ):
                out[i] = self._as_region(m)
                j = i + 1
                while j < n and r.list_gap.match(text[out[j - 1].end : out[j].start]):
                    out[j] = self._as_region(out[j])
                    j += 1
                i = j
                continue
            i += 1
        # "Kharkiv, Sumy and Chernihiv regions": walk back from a plural form.
        # Only a key ending in a plural unit word starts a walk; a text with
        # none skips the pass (which is then a no-op) and keeps ``lasts``.
        plural = not _PLURAL_LASTS.isdisjoint(lasts)
        for i in range(n - 1, 0, -1) if plural else ():
            m = out[i]
            last = m.key.rsplit(" ", 1)[-1]
            if m.form == "region" and last in ("regions", "oblasts", "provinces"):
                j = i - 1
                while j >= 0 and r.list_gap.match(text[out[j].end : out[j + 1].start]):
                    out[j] = self._as_region(out[j])
                    j -= 1
            elif last in ("districts", "raions"):
                # "the Kyivskyi and Saltivskyi districts"
                j = i - 1
                while j >= 0 and r.list_gap.match(text[out[j].end : out[j + 1].start]):
                    out[j] = self._as_unit(out[j], "district")
                    j -= 1
        # a name followed by "district(s)" that the gazetteer does not know as a
        # district is some city's district, not the village of that name
        if plural:  # _as_unit may have given a key a unit word
            lasts = [m.key.rsplit(" ", 1)[-1] for m in out]
        # _DISTRICT_AFTER needs one of these words: a text with none is not
        # searched name by name
        units = "istrict" in text or "aion" in text or "ayon" in text
        if not units and "districts" not in lasts and "raions" not in lasts:
            # no mention is followed by a district (no word for one) nor
            # listed before a plural one: every mention is kept
            return out
        keep = []
        for k, m in enumerate(out):
            if lasts[k] in _UNIT_WORDS:
                keep.append(m)
                continue
            if units:
                window = text[m.end : m.end + 80]
                follow = (
                    "istrict" in window or "aion" in window or "ayon" in window
                ) and _DISTRICT_AFTER.match(text, m.end)
            else:
                follow = False
            listed = (
                k + 1 < len(out)
                and lasts[k + 1] in ("districts", "raions")
                and r.list_gap.match(text[m.end : out[k + 1].start])
            )
            if follow or listed:
                continue
            keep.append(m)
        return keep
