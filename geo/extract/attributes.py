"""What an event's sentences say about it: weapons, targets, casualties, launches.

Pure functions over text, built on the compiled lexicons of
:mod:`geo.extract.lexicon`.  The words themselves (weapon and target classes,
casualty and launch words, the small words of a casualty clause) live in the
language's ``lexicon.json`` and ``numbers.json`` (``geo/lang/<code>/``); the
grammar here is compiled from them once per language.  Every function takes
the :class:`~geo.lang.Language`, English by default.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from gazetteer import compiled
from gazetteer.frozen import quick_init
from geo.extract.lexicon import (
    ClassMatcher,
    FastPattern,
    _trie,
    alternation,
    class_matcher,
    fragment,
)
from geo.lang import Language, or_default

__all__ = [
    "Attributes",
    "Casualties",
    "MAX_FIGURE",
    "attributes",
    "weapons",
    "targets",
    "casualties",
    "earlier_casualties",
    "launched",
    "parse_number",
]

#: the digest of this module's code: the tries it builds are remembered across
#: runs keyed by it (see :func:`_words_trie`)
_SOURCE = compiled.code_digest(__file__)


def _max_figures(lang: Language) -> tuple[int, int]:
    """The largest count of people hurt and of weapons launched (``max_figure``)."""
    lex = lang.lexicon
    return int(lex["casualties"]["max_figure"]), int(lex["launch"]["max_figure"])


#: Figures above this are not counts of people hurt or weapons launched in a
#: strike (``max_figure`` in the default language's ``lexicon.json``): they
#: are dropped, and :func:`parse_number` never returns more.
MAX_FIGURE: int = max(_max_figures(or_default(None)))


@quick_init
@dataclass(frozen=True, slots=True)
class Casualties:
    """People killed and injured, as stated (None when the text does not say).

    Attributes
    ----------
    killed : int or None
    injured : int or None
    """

    killed: int | None = None
    injured: int | None = None


@quick_init
@dataclass(frozen=True, slots=True)
class Attributes:
    """What one sentence says of its strike besides casualties.

    Attributes
    ----------
    weapons, targets : tuple of str
        Sorted classes (see :func:`weapons`, :func:`targets`).
    launched : tuple of (str, int)
        Weapons launched, where stated, as (class, number) in text order.
    """

    weapons: tuple[str, ...]
    targets: tuple[str, ...]
    launched: tuple[tuple[str, int], ...]


def _alt(words: Iterable[str]) -> str:
    """``a|b|c``: regex fragments joined as written."""
    return "|".join(words)


_APOSTROPHE = "['\u2019\u02bc]"
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'"})


def _apostrophes(fragment: str) -> str:
    """An apostrophe in a word matches each way it is typed (' ’ ʼ)."""
    return fragment.replace("'", _APOSTROPHE)


def _word_fragment(word: str) -> str:
    """A word as a regex fragment: any spaces between its parts, any apostrophe."""
    return _apostrophes(re.escape(word).replace(r"\ ", r"\s+"))


def _braces(regex: str) -> str:
    """``regex`` as a literal part of a :meth:`str.format` template."""
    return regex.replace("{", "{{").replace("}", "}}")


def _words_alt(words: Iterable[str]) -> str:
    return "|".join(_word_fragment(w) for w in sorted(words, key=len, reverse=True))


def _words_trie(words: Iterable[str]) -> str:
    """:func:`_words_alt` with shared starts factored out: the same matches.

    Remembered across runs (:func:`gazetteer.compiled.remembered_by`, keyed
    by the words and this module's code): a start-up builds no trie again.

    A case-insensitive alternation of words is tried word by word, each from
    its first character (a Ukrainian number is one of some 160 case forms);
    the trie reads each character once.  The same matches, in the same
    order: words that match at one place are each a start of the next longer
    one (they read the same characters, a space as a run of spaces and an
    apostrophe as any apostrophe), and the trie, like the alternation sorted
    longest first, tries the longest first (a greedy optional rest); the
    branches of a node begin with different characters, of which at most one
    matches.  Where two characters of the words match the same character
    case-insensitively (the dotless i, the long s), the words are joined as
    they are (:func:`_words_alt`), and where a word has an apostrophe other
    than ``'`` (a character of its own, which ``'`` of another word matches).
    """
    key = tuple(words)  # in their order (the alternation keeps it)
    return compiled.remembered_by(_SOURCE, "words_trie", key, lambda: _made_trie(key))


def _made_trie(words: Iterable[str]) -> str:
    """:func:`_words_trie`, worked out."""
    words = sorted(words, key=len, reverse=True)
    if any(c in w for w in words for c in "\u2019\u02bc"):
        return _words_alt(words)

    def token(ch: str) -> str:
        return r"\s+" if ch == " " else _APOSTROPHE if ch == "'" else re.escape(ch)

    found = _trie_of(words, token)
    return _words_alt(words) if found is None else found


def _literals(words: Iterable[str]) -> str:
    """``"|".join(sorted(words, key=len, reverse=True))``, as a trie where it can be.

    Regex fragments as written, longest first.  Those after the last that is
    not a literal (regex syntax but spaces, each a space) are a trie: the
    same matches in the same order (see :func:`_words_trie`), tried after
    the longer fragments before them, as in the alternation.
    """
    key = tuple(words)  # in their order (the alternation keeps it)
    return compiled.remembered_by(_SOURCE, "literals", key, lambda: _made_literals(key))


def _made_literals(words: Iterable[str]) -> str:
    """:func:`_literals`, worked out."""
    words = sorted(words, key=len, reverse=True)
    alt = "|".join(words)
    literal = [bool(w) and re.escape(w).replace("\\ ", " ") == w for w in words]
    first = len(words)  # the first of the literals at the end
    while first and literal[first - 1]:
        first -= 1
    found = _trie_of(words[first:], re.escape)
    if found is None:
        return alt
    return "|".join([*words[:first], found])


def _trie_of(words: list[str], token: Callable[[str], str]) -> str | None:
    """The trie of ``words`` (each character a ``token``); None where letters fold.

    None when two of their characters (not a space or an apostrophe) match
    the same character case-insensitively, when a word is empty, or when
    there is no word.
    """
    if not words or not all(words):
        return None
    chars = sorted({c for w in words for c in w} - {" ", "'"})
    for i, a in enumerate(chars):
        for b in chars[i + 1 :]:
            if re.fullmatch(re.escape(a), b, re.IGNORECASE):
                return None
    tree: dict[str, dict] = {}
    for w in words:
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        alts = []
        for ch in sorted(k for k in node if k):
            sub = node[ch]
            rest = emit(sub) if len(sub) > ("" in sub) else ""
            if rest and "" in sub:
                rest = f"(?:{rest})?"  # greedy: the longer word first
            alts.append(token(ch) + rest)
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return emit(tree)


_CLOSE_QUOTE = "[»\"”’']"  # a quote closing a name
_DIGITS = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+(?![\d,.]\d)"
_YEAR = compiled.compile(r"(?:19|20)\d\d")
_PLAIN_NUMBER = compiled.compile(r"\d{1,3}(?:,\d{3})+|\d+")  # fullmatch: a number
_TWO_WORDS = compiled.compile(r"([\w']+)[\s-]([\w']+)")  # fullmatch: "twenty-three"


class _Numbers:
    """Number words of one language, compiled."""

    __slots__ = (
        "words", "units", "tens", "max_figure", "max_digits", "num", "precise",
        "suffix", "can_num", "alternatives",
    )  # fmt: skip

    def __init__(self, lang: Language, max_figure: int):
        raw = lang.numbers
        words: Mapping[str, int] = raw["words"]
        self.words = dict(words)
        self.units = {k: v for k, v in words.items() if v < 10 and " " not in k}
        self.tens = {t: int(words[t]) for t in raw["tens"]}
        self.max_figure = max_figure
        self.max_digits = len(str(max_figure))
        imprecise = frozenset(raw["imprecise"])
        precise = {k: v for k, v in words.items() if k not in imprecise}
        tens = _apostrophes(_alt(self.tens))
        if all(re.escape(t) == t for t in self.tens):  # plain words
            # as a trie (see _words_trie): of the tens that match at a place,
            # one at most is followed by a space or hyphen, whatever order
            # they are tried in
            tens = _words_trie(self.tens)
        compound = f"(?:{tens})[\\s-](?:{_apostrophes(_alt(self.units))})"
        # what may not follow a number word (an apostrophe: a longer word)
        end = raw.get("word_end", "")
        digits = _DIGITS
        self.suffix = None
        if raw.get("digit_suffix"):  # a case ending written after digits
            digits = rf"(?:{_DIGITS})(?:{raw['digit_suffix']})?"
            self.suffix = compiled.compile(rf"(?:{raw['digit_suffix']})$")
        self.num = rf"(?:{digits}|{compound}|{_words_trie(words)}){end}"
        # ``num`` as alternatives in the same order, each with the word end
        # ("(?:a|b)e" matches as "(?:a)e|(?:b)e"), for per-start dispatch
        in_words = [_word_fragment(w) for w in sorted(words, key=len, reverse=True)]
        self.alternatives = tuple(
            f"(?:{alt}){end}" for alt in (digits, compound, *in_words)
        )
        self.precise = rf"(?:{digits}|{compound}|{_words_trie(precise)}){end}"
        # a look-ahead true where ``num`` may match (exact, see _can_start):
        # a digit, or the start of a tens word or a number word
        trie = _starts_trie(
            [*(_apostrophes(t) for t in self.tens), *map(_word_fragment, words)]
        )
        self.can_num = "" if trie is None else rf"(?=\d|{trie})"

    def parse(self, text: str) -> int | None:
        """See :func:`parse_number`."""
        if text.isascii() and text.isdigit():
            key = text  # ASCII digits: the normalisation below leaves them
            if self.suffix is None:  # a plain number: _PLAIN_NUMBER matches it
                return self._figure(key)
        else:
            key = " ".join(text.lower().translate(_APOSTROPHES).split())
        if self.suffix is not None and key[:1].isdigit():
            key = self.suffix.sub("", key)
        if _PLAIN_NUMBER.fullmatch(key):
            return self._figure(key)
        if key in self.words:
            return int(self.words[key])
        m = _TWO_WORDS.fullmatch(key)
        if m and m.group(1) in self.tens and m.group(2) in self.units:
            return self.tens[m.group(1)] + int(self.units[m.group(2)])
        return None

    def _figure(self, key: str) -> int | None:
        """The value of a plain number (``"1,000"``), None above ``max_figure``."""
        digits = key.replace(",", "").lstrip("0") or "0"
        if len(digits) > self.max_digits:  # never int() a huge string
            return None
        n = int(digits)
        return n if n <= self.max_figure else None


@cache
def _numbers(lang: Language) -> _Numbers:
    return _Numbers(lang, max(_max_figures(lang)))


def parse_number(text: str, lang: Language | None = None) -> int | None:
    """Read a number written in digits or words.

    Parameters
    ----------
    text : str
        ``"23"``, ``"1,000"``, ``"four"``, ``"twenty-three"``, ``"a dozen"``.
    lang : Language, optional
        English by default.

    Returns
    -------
    int or None
        None when ``text`` is not a number this module knows, or a figure
        above :data:`MAX_FIGURE` (no count a strike report gives).

    Examples
    --------
    >>> parse_number("twenty-three"), parse_number("1,000"), parse_number("many")
    (23, 1000, None)
    """
    return _numbers(or_default(lang)).parse(text)


# --------------------------------------------------------------- casualties


# The characters a word's literal start in a regex fragment may hold: a
# letter, an apostrophe, a hyphen or a space (anything else, such as a
# quantifier, an escape or a group, ends it).
_LITERAL = compiled.compile(r"[^\W\d_]|['\u2019\u02bc -]")


def _literal_start(fragment: str, length: int = 3) -> str | None:
    """The first ``length`` characters every match of ``fragment`` starts with.

    Read off the fragment as written: its leading literal characters, fewer
    where a quantifier follows one ("service ?member" gives "ser", "ab?c" gives
    "a"); None when it opens with anything else, or is an alternation itself
    ("boy|girl").
    """
    if _top_level_bar(fragment):
        return None
    out = ""
    for i, ch in enumerate(fragment[:length]):
        if not _LITERAL.fullmatch(ch):
            break
        if fragment[i + 1 : i + 2] in ("?", "*", "{"):
            break  # this character may be absent (or repeated)
        out += ch
    return out or None


def _top_level_bar(fragment: str) -> bool:
    """Whether ``fragment`` has a ``|`` outside its groups and classes."""
    depth, in_class, escaped = 0, False, False
    for ch in fragment:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            return True
    return False


def _starts_trie(fragments: Iterable[str]) -> str | None:
    """A trie of the literal starts of ``fragments``; None if one cannot be told."""
    starts = [_literal_start(f) for f in fragments]
    if not starts or None in starts:
        return None
    return _trie(s for s in starts if s is not None)


def _can_start(fragments: Iterable[str]) -> str:
    """A look-ahead true where one of ``fragments`` may match, else ``""``.

    Exact, never a change of matches: each fragment opens with its literal
    start (:func:`_literal_start`), and in a case-insensitive regex a literal
    matches the same characters in the look-ahead as in the fragment.  An
    alternation of many words is tried word by word at every position the
    regex reaches it; the look-ahead, a trie of their starts, fails at most
    positions after a character or two.
    """
    trie = _starts_trie(fragments)
    return "" if trie is None else f"(?={trie})"  # None: no look-ahead


# Python reads atomic groups ``(?>...)`` from 3.11 on (see _item_regex)
_ATOMIC = sys.version_info >= (3, 11)


def _item_regex(cas: Mapping[str, Any], num: str) -> re.Pattern[str]:
    """One member of a list of people ("two children", "a woman", "her son")."""
    # no adjective is a casualty word or a conjunction ("5 dead and more")
    not_adj = cas.get("not_adjective")
    # (the words as tries: the same matches, see _literals)
    guard = rf"(?!(?:{_literals(not_adj)})(?!\w))" if not_adj else ""
    # the adjective as an atomic group (Python 3.11's ``(?>...)``): the same
    # matches.  Whitespace must follow it here, and at any place the first
    # match of a language's adjective is the only one whitespace can follow
    # (any other ends before a letter, a digit or a hyphen: "well" of
    # "well-known", "5-річн" of "5-річний"), so going back into it is lost
    # work, and the costliest part of a member that fails ("троє загиблих,"
    # tries the adjective in four branches).  tests/test_speed_attr4.py asks
    # this of each language
    opening = "(?>" if _ATOMIC else "(?:"
    adj = rf"(?:{guard}{opening}{cas['adjective']})\s+)"
    sing = _literals(cas["persons_singular"])
    plur = _literals(cas["persons_plural"])
    # a noun that another person noun follows is an adjective ("three more
    # people", "two other residents")
    then_noun = ""
    # the person nouns are asked only where one may start (exact, see _can_start)
    can_sing = _can_start(cas["persons_singular"])
    can_noun = _can_start([*cas["persons_plural"], *cas["persons_singular"]])
    if cas.get("noun_as_adjective"):
        then_noun = rf"(?!\s+{can_noun}(?:{plur}|{sing})(?!\w))"
    pairs = "|".join(sorted(cas["pairs"], key=len, reverse=True))
    art = "|".join(cas["articles_one"])
    poss = "|".join(cas["possessives"])
    quant = alternation(cas["quantifiers"])
    # as written in ``quant`` ("at least" is at\s+least there)
    can_quant = _can_start(fragment(q) for q in cas["quantifiers"])

    def noun(tag: str) -> str:
        return (
            rf"{can_noun}(?:(?P<plur{tag}>{plur})|(?P<sing{tag}>{sing}))"
            rf"(?!\w){then_noun}"
        )

    fam_nouns = _alt(cas["family_count_nouns"])
    # a language without articles counts a singular noun by itself
    one = rf"(?:(?:{art})\s+)?" if cas.get("singular_counts") else rf"(?:{art})\s+"
    return compiled.compile(
        rf"(?:{can_quant}{quant}\s+)*(?:"
        rf"(?P<fam>{cas['family_of']})\s+(?P<fnum>{num})(?:\s+(?:{fam_nouns}))?(?!\w)"
        rf"|(?:(?:{art})\s+)?{adj}{{0,2}}?(?P<pair>{pairs})(?!\w)"
        rf"|(?P<num>{num})\s+{adj}{{0,2}}?{noun('1')}"
        rf"|{one}{adj}{{0,2}}?{can_sing}(?P<one>{sing})(?!\w)"
        rf"|(?:{poss})\s+(?:(?P<pnum>{num})\s+)?{adj}{{0,2}}?{noun('2')}"
        rf"|(?P<bare>{num})(?!\w)(?!-)(?!\s+(?:{_alt(cas['not_people'])})(?!\w))"
        rf"|{adj}{{0,1}}?{noun('3')}"
        rf")",
        re.IGNORECASE,
    )


def _tail_regex(cas: Mapping[str, Any]) -> re.Pattern[str]:
    """What follows a list of people: an aside, auxiliaries, the verb."""
    gap = ""
    if cas.get("tail_gap"):  # "водій вантажівки загинув": a few words between
        gap = rf"|(?:\s+[^\W\d_][\w'’ʼ-]*){{1,{int(cas['tail_gap'])}}}?"
    filler = (
        rf"(?:\s*,\s*(?:{_alt(cas['aside_words'])})\s+[^,.;]{{1,40}},"
        rf"|\s+(?:{_alt(cas['place_words'])})\s+[^,.;]{{1,30}}?{gap})?"
    )
    aux = (
        rf"(?:\s+(?:{_alt(cas['auxiliaries'])}))?"
        rf"(?:\s+(?:{_alt(cas['adverbs'])}))?"
    )
    killed, injured = alternation(cas["killed"]), alternation(cas["injured"])
    return compiled.compile(
        rf"{filler}{aux}\s*(?:(?P<k>{killed})|(?P<i>{injured}))(?!\w)", re.IGNORECASE
    )


def _none_pattern(patterns: Iterable[str]) -> FastPattern:
    return FastPattern(compiled.compile(rf"(?<!\w){alternation(patterns)}(?!\w)", re.I))


def _toll_pattern(pattern: str, num: str, quant: str) -> FastPattern:
    return FastPattern(
        compiled.compile(
            rf"(?<!\w){alternation([pattern])}\s+(?:{quant}\s+)*(?P<n>{num})(?!\w)",
            re.IGNORECASE,
        )
    )


# A clause about an earlier attack names it in up to this many words before
# its casualty verb ("days after [a missile strike on the port] killed 19").
_CONTEXT_WORDS = 8


class _Context:
    """Clauses about an earlier attack named for context, compiled.

    "The attack came days after a missile strike that killed 19 people in the
    port": the figures of such a clause are the earlier attack's.
    """

    __slots__ = ("anchor", "distance", "earlier", "rest", "more", "end")

    def __init__(self, cas: Mapping[str, Any]):
        raw = cas["context"]
        anchors = alternation(raw["anchors"])
        if raw.get("free_anchors"):
            free = alternation(raw["free_anchors"])
            anchor = rf"(?:(?P<free>{free})|{anchors}(?!\w))"
        else:  # a ``free`` group that never matches, after (see _Casualties.active)
            anchor = rf"{anchors}(?!\w)(?P<free>(?!))?"
        self.anchor = FastPattern(compiled.compile(rf"(?<!\w){anchor}", re.I))
        # a time distance right before the anchor ("two days after"): one
        # or two words
        self.distance = compiled.compile(alternation([raw["distance"]]), re.IGNORECASE)
        self.earlier = compiled.compile(
            rf"\s+{alternation([raw['earlier']])}(?!\w)", re.IGNORECASE
        )
        left = cas["left"] or []
        verbs = alternation([*cas["active_killed"], *cas["active_injured"], *left])
        relative = alternation(raw["relative"])
        # the attack in a few words, a relative word, the casualty verb
        self.rest = compiled.compile(
            rf"(?:\s+[^\s,.;:!?]+){{0,{_CONTEXT_WORDS}}}?"
            rf"(?:\s*,?\s*{relative}(?!\w))?\s+{verbs}(?!\w)",
            re.IGNORECASE,
        )
        # ", wounding 40" goes on with the same clause
        self.more = compiled.compile(
            rf"\s*,\s*(?:(?:and|{relative})\s+)?{verbs}(?!\w)", re.IGNORECASE
        )
        self.end = compiled.compile(r"[,;.!?:\u2013\u2014]|\s-\s")

    def spans(self, text: str, low: str) -> list[tuple[int, int]]:
        """Where the clauses about an earlier attack are, in text order."""
        out: list[tuple[int, int]] = []
        for a in self.anchor.matches(text, low):
            if out and a.start() < out[-1][1]:
                continue
            if not a.group("free") and not (
                self._distance_before(text, a.start())
                or self.earlier.match(text, a.end())
            ):
                continue
            r = self.rest.match(text, a.end())
            if r is None:
                continue
            end = r.end()
            while True:
                brk = self.end.search(text, end)
                end = len(text) if brk is None else brk.start()
                more = self.more.match(text, end)
                if more is None:
                    break
                end = more.end()
            out.append((a.start(), end))
        return out

    def _distance_before(self, text: str, pos: int) -> bool:
        """Whether the one or two words before ``pos`` are a time distance."""
        words = text[max(0, pos - 30) : pos].split()[-2:]
        return any(
            self.distance.fullmatch(" ".join(words[i:])) for i in range(len(words))
        )


class _Casualties:
    """The casualty grammar of one language, compiled."""

    __slots__ = (
        "numbers", "keywords", "max_people", "pairs", "item", "start", "poss",
        "join", "tail", "tail_word", "attribution", "active", "left_tail",
        "toll_k", "toll_i", "none_both", "none_k", "none_i", "ages_before",
        "clause_ends_list", "bodies", "bodies_word", "context", "rare", "keyword",
        "age_word", "rare_unlabelled", "others", "others_unlabelled", "one_k",
        "one_i",
    )  # fmt: skip

    def __init__(self, lang: Language):
        cas = lang.lexicon["casualties"]
        self.numbers = nums = _numbers(lang)
        num = nums.num
        self.keywords = tuple(cas["keywords"])
        # any keyword as a substring (of the lower-cased text), in one search
        self.keyword = re.compile(_trie(self.keywords) if self.keywords else "(?!)")
        self.max_people = int(cas["max_figure"])
        self.pairs = {k: int(v) for k, v in cas["pairs"].items()}
        quant = alternation(cas["quantifiers"])
        poss = "|".join(cas["possessives"])
        # a number asked only where one may start (exact, see _can_start)
        self.item = _item_regex(cas, nums.can_num + num)
        not_after = "".join(f"(?<!{w} )" for w in cas["list_not_after"])
        not_chars = cas.get("list_start_not_after", r"\w,-")
        # where a list may start: a quantifier, a number, an article, a
        # possessive; each word its own alternative, in the order of
        # "{quant}|{num}|{art}|{poss}|{family_of}" (the same matches), so that
        # where the prefilter finds a start only the words that can begin
        # there are tried (FastPattern.from_alternatives)
        starts = [
            *(f"(?:{fragment(q)})" for q in cas["quantifiers"]),
            *nums.alternatives,
            *(f"(?:{w})" for w in (*cas["articles_one"], *cas["possessives"])),
            f"(?:{cas['family_of']})",
        ]
        if cas.get("singular_counts"):  # "водій загинув": a noun starts a list
            nouns = sorted((*cas["persons_singular"], *cas["pairs"]), key=len)
            starts += [f"(?:{n})" for n in reversed(nouns)]
        before = rf"(?<![{not_chars}]){not_after}"  # look-behinds only
        self.start = FastPattern.from_alternatives(
            starts, _braces(before) + r"(?:{})(?!\w)", re.IGNORECASE
        )
        self.poss = compiled.compile(rf"(?:{quant}\s+)*(?:{poss})\s", re.IGNORECASE)
        # a list goes on after ", " or "and" -- but ", including children"
        # names a part of what was already counted, not more people
        part_of = "|".join(rf"{w}\b" for w in cas["list_part_of"])
        self.join = compiled.compile(
            rf"\s*,\s*(?!{part_of})(?:{cas['list_comma_word']}\s+)?"
            rf"|\s+(?:{_alt(cas['list_words'])})\s+",
            re.I,
        )
        self.tail = _tail_regex(cas)
        # any word a passive casualty clause ends with, to find where lists can
        # be: "(?<!\w)(?:{killed}|{injured})(?!\w)", each word its own
        # alternative (tried only where it can begin, as the list starts)
        self.tail_word = FastPattern.from_alternatives(
            [f"(?:{fragment(w)})" for w in (*cas["killed"], *cas["injured"])],
            r"(?<!\w)(?:{})(?!\w)",
            re.IGNORECASE,
        )
        # ", local officials said": the source of the figures, not one more victim
        self.attribution = compiled.compile(
            rf"(?:\s+(?!(?:{_alt(cas['relative_words'])})(?!\w))[\w'’.-]+){{0,3}}?"
            rf"\s+{alternation(cas['attribution'])}(?!\w)",
            re.IGNORECASE,
        )
        # "leaving N dead": a language without the form has a ``left`` group
        # that never matches, after the verbs (as a third branch that cannot
        # match, its empty start would make every space after a non-word
        # character a candidate of the prefilter)
        left = (
            rf"|(?P<left>{alternation(cas['left'])}))"
            if cas["left"]
            else r")(?P<left>(?!))?"
        )
        # "recovered the bodies of 6 people": a list of the dead follows
        bodies_of = cas.get("bodies_of")
        active_k = [*cas["active_killed"], *([bodies_of] if bodies_of else [])]
        self.active = FastPattern(
            compiled.compile(
                rf"(?<!\w)(?:(?P<k>{alternation(active_k)})"
                rf"|(?P<i>{alternation(cas['active_injured'])})"
                rf"{left}\s+(?=\S)",
                re.IGNORECASE,
            )
        )
        self.left_tail = compiled.compile(
            rf"\s+(?:(?P<k>{_alt(cas['left_killed'])})"
            rf"|(?P<i>{_alt(cas['left_injured'])}))(?!\w)",
            re.IGNORECASE,
        )
        # "Fatalities: 0": a label, a colon, the figure
        toll_k, toll_i = cas["toll_killed"], cas["toll_injured"]
        if cas.get("labels_killed"):
            toll_k = rf"{toll_k}|(?:{_alt(cas['labels_killed'])})\s*:"
        if cas.get("labels_injured"):
            toll_i = rf"{toll_i}|(?:{_alt(cas['labels_injured'])})\s*:"
        self.toll_k = _toll_pattern(toll_k, num, quant)
        self.toll_i = _toll_pattern(toll_i, num, quant)
        # "seven more bodies were recovered"
        self.bodies = None
        self.bodies_word = str(cas.get("bodies_word", ""))
        if cas.get("bodies"):
            self.bodies = FastPattern(
                compiled.compile(
                    rf"(?<![\w,.])(?:{quant}\s+)*(?P<n>{num})\s+"
                    rf"{alternation([cas['bodies']])}(?!\w)",
                    re.IGNORECASE,
                )
            )
        self.context = _Context(cas) if cas.get("context") else None
        self.none_both = _none_pattern(cas["none_both"])
        self.none_k = _none_pattern(cas["none_killed"])
        self.none_i = _none_pattern(cas["none_injured"])
        # one person named in the singular, with no number ("є загиблий")
        self.one_k = _none_pattern(cas["one_killed"]) if cas.get("one_killed") else None
        self.one_i = (
            _none_pattern(cas["one_injured"]) if cas.get("one_injured") else None
        )
        # one search for the five rare forms above, tried before them: a
        # match of any of them is a match of this alternation of them all at
        # the same place (same look-behind, same branches and look-aheads,
        # fewer groups), so where it finds nothing none of them can match
        nones = [*cas["none_both"], *cas["none_killed"], *cas["none_injured"]]

        def rare(toll_k: str, toll_i: str, nones: list[str]) -> FastPattern:
            return FastPattern(
                compiled.compile(
                    rf"(?<!\w)(?:{alternation(nones)}(?!\w)"
                    rf"|{alternation([toll_k, toll_i])}\s+(?:{quant}\s+)*{num}(?!\w))",
                    re.IGNORECASE,
                )
            )

        self.rare = rare(toll_k, toll_i, nones)
        # the same search without the labels, for a text without a colon (a
        # label's match holds one): the labels are casualty words ("killed:"),
        # where the search with them stops in every casualty sentence
        plain_k, plain_i = cas["toll_killed"], cas["toll_injured"]
        labelled = (toll_k, toll_i) != (plain_k, plain_i)
        self.rare_unlabelled = rare(plain_k, plain_i, nones) if labelled else self.rare
        # the four forms but ``none_both`` in one search, asked where ``rare``
        # found something (the same reasoning: a match of any of them is one
        # of this at the same place): "без постраждалих" (nobody hurt) is
        # most rare matches, and the other four are then asked in one search
        others = [*cas["none_killed"], *cas["none_injured"]]
        self.others = rare(toll_k, toll_i, others)
        self.others_unlabelled = (
            rare(plain_k, plain_i, others) if labelled else self.others
        )
        # "загинула жінка, двоє сусідів отримали поранення": the member after
        # the comma has its own verb, and a clause of its own
        self.clause_ends_list = bool(cas.get("list_ends_at_clause"))
        ranges = _alt(cas["range_words"])
        self.ages_before = compiled.compile(
            rf"\b(?:{_alt(cas['age_words'])})\s+\d+(?:\s*(?:{ranges})\s*\d+)*"
            rf"\s*(?:{ranges})\s*$"
        )
        # how each match of ``ages_before`` starts (same flags): a text without
        # it anywhere has no ages before any list (see _passive).  Without the
        # ``\b`` of ``ages_before``, which would make the regex engine try
        # every place of the text instead of finding the words' first letters
        self.age_word = compiled.compile(rf"(?:{_alt(cas['age_words'])})\s+\d")


@cache
def _casualty_grammar(lang: Language) -> _Casualties:
    return _Casualties(lang)


# The groups _item_count reads, in one call; the first seven but ``fnum``
# count people by themselves (a member of a list needs one, or a possessive).
_COUNT_GROUPS = (
    "fam", "fnum", "pair", "num", "one", "pnum", "bare",
    "sing2", "sing3", "plur2", "plur3",
)  # fmt: skip


def _item_count(
    groups: tuple[str | Any, ...], counted: bool, g: _Casualties
) -> int | None:
    """People in one list member (its :data:`_COUNT_GROUPS`); None when uncountable."""
    fam, fnum, pair, num, one, pnum, bare, sing2, sing3, plur2, plur3 = groups
    if fam:
        return g.numbers.parse(fnum)
    if pair:
        return g.pairs[" ".join(pair.lower().split())]
    if num:
        return g.numbers.parse(num)
    if one:
        return 1
    if pnum:
        return g.numbers.parse(pnum)
    if bare:
        return None if _YEAR.fullmatch(bare) else g.numbers.parse(bare)
    if sing2 or sing3:
        return 1 if counted else None
    if plur2 or plur3:
        return 2 if counted else None
    return None


# No list of people in a news sentence has more members: a longer run of
# "a man, a man, ..." is read no further (the work per list stays bounded).
_MAX_MEMBERS = 64


@quick_init  # one per list member or weapon read: made quickly
@dataclass(frozen=True, slots=True)
class _Member:
    """One member of a list of people: the running total, where it ends."""

    total: int
    end: int


def _people_list(text: str, pos: int, g: _Casualties) -> list[_Member]:
    """Parse a list of people at ``pos``, one running total per member."""
    out: list[_Member] = []
    total = 0
    after_comma = False
    item, join = g.item.match, g.join.match
    while len(out) < _MAX_MEMBERS:
        m = item(text, pos)
        if m is None:
            break
        end = m.end()
        if end == pos:
            break
        if after_comma and g.attribution.match(text, end):
            break  # "three workers, local officials said": the speaker
        if after_comma and g.clause_ends_list and g.tail.match(text, end):
            break  # a clause of its own, with its own verb
        first = not out
        groups = m.group(*_COUNT_GROUPS)
        fam, _, pair, num, one, pnum, bare = groups[:7]
        # a member after the first is counted whatever opens it: whether a
        # possessive opens the first is asked only when no group counts it
        # (a counted member's figure does not depend on it, see _item_count)
        counted = not first or bool(num or one or pnum or fam or pair or bare)
        if not counted:
            counted = g.poss.match(m.group()) is not None
            if not counted:
                break
        if bare and not first:
            break
        n = _item_count(groups, counted, g)
        if n is None:
            break
        total += n
        out.append(_Member(total, end))
        if bare:
            break  # a bare number stands alone ("two dead", "killed 3")
        j = join(text, end)
        if j is None:
            break
        after_comma = j.group().lstrip().startswith(",")
        pos = j.end()
    return out


class _Figures:
    """The figures one text states, gathered by the casualty rules."""

    __slots__ = ("killed", "injured", "_lists", "_text", "_g")

    def __init__(self, text: str, g: _Casualties):
        self.killed: list[int] = []
        self.injured: list[int] = []
        self._lists: dict[int, list[_Member]] = {}  # passive and active reads share
        self._text, self._g = text, g

    def add(self, killed: bool, n: int) -> None:
        (self.killed if killed else self.injured).append(n)

    def people_at(self, pos: int) -> list[_Member]:
        found = self._lists.get(pos)
        if found is None:
            found = self._lists[pos] = _people_list(self._text, pos, self._g)
        return found


def _stated_none(
    text: str, low: str, g: _Casualties, out: _Figures, both: bool = True
) -> None:
    """Statements that nobody was hurt ("no casualties"): 0.

    ``both=False`` leaves out ``none_both`` (its caller asked it already).
    """
    if both and g.none_both.search(text, low=low):
        out.add(True, 0)
        out.add(False, 0)
    if g.none_k.search(text, low=low):
        out.add(True, 0)
    if g.none_i.search(text, low=low):
        out.add(False, 0)


def _tolls(text: str, low: str, g: _Casualties, out: _Figures) -> None:
    """Death tolls ("the death toll rose to 19")."""
    for pattern, killed in ((g.toll_k, True), (g.toll_i, False)):
        for m in pattern.matches(text, low):
            n = g.numbers.parse(m.group("n"))
            if n is not None and not _YEAR.fullmatch(m.group("n")):
                out.add(killed, n)


def _passive(text: str, low: str, g: _Casualties, out: _Figures) -> None:
    """Passive lists ("<people> were killed", "two dead").

    Only a list starting shortly before a casualty word can be one.
    """
    tails = [m.start() for m in g.tail_word.matches(text, low)]
    aged: bool | None = None  # whether the text has an age word and a number
    for s in g.start.matches(text, low) if tails else ():
        after = bisect_right(tails, s.start())
        if after == len(tails) or tails[after] - s.start() > _LIST_REACH:
            continue
        if aged is None:
            # a match of ``ages_before`` (in a window of the same text) is
            # one of ``age_word`` too: without one, no window is asked
            aged = g.age_word.search(text) is not None
        if aged and g.ages_before.search(text, max(0, s.start() - 30), s.start()):
            continue
        for member in reversed(out.people_at(s.start())):
            t = g.tail.match(text, member.end)
            if t:
                out.add(bool(t.group("k")), member.total)
                break


def _active(text: str, low: str, g: _Casualties, out: _Figures) -> None:
    """Active forms ("killing <people>", "left <people> dead")."""
    for a in g.active.matches(text, low):
        members = out.people_at(a.end())
        if not members:
            continue
        if a.group("left"):
            for member in reversed(members):
                t = g.left_tail.match(text, member.end)
                if t:
                    out.add(bool(t.group("k")), member.total)
                    break
            continue
        out.add(bool(a.group("k")), members[-1].total)


# How far before its verb a list of people may start ("two men, a woman and
# her 12-year-old son, who were in the car, were injured").
_LIST_REACH = 160


def casualties(text: str, lang: Language | None = None) -> Casualties:
    """Read how many people were killed and injured.

    Digits and number words, "at least", lists of people ("killing a father
    and son" = 2, "wounding two children and a mother" = 3), passive and active
    forms ("12 people were killed and 30 injured", "killed 3 and injured 4",
    "two dead, five wounded", "40 people were reported wounded"), death tolls
    ("the death toll rose to 19", "the number of dead has grown to 7"),
    labels ("Fatalities: 0"), bodies recovered ("recovered the bodies of 6
    people", "seven more bodies"), and statements that nobody was hurt (0;
    "no immediate reports of casualties" gives 0 killed and 0 injured).  The
    highest figure for each is kept: an update replaces ("4 dead ... the toll
    rose to 7" is 7) and a part is in the total ("13 killed, three children
    among the victims" is 13).  Numbers of weapons, years and ages are not
    people; nor is the source of a figure ("injuring three workers, local
    officials said" is 3), nor a figure above :data:`MAX_FIGURE`, nor the
    figures of an earlier attack named for context ("days after an attack that
    killed 19 people in Odesa"; see :func:`earlier_casualties`).

    Parameters
    ----------
    text : str
        The sentence(s) of one event.
    lang : Language, optional
        English by default.

    Returns
    -------
    Casualties
        ``killed`` and ``injured``, None where the text says nothing.
    """
    g = _casualty_grammar(or_default(lang))
    low = text.lower()
    if g.keyword.search(low) is None:  # no keyword in the text
        return Casualties()
    spans = g.context.spans(text, low) if g.context is not None else []
    for start, end in spans:  # blanked, offsets kept
        text = text[:start] + " " * (end - start) + text[end:]
    if spans:
        low = text.lower()
    return _read(text, low, g)


def earlier_casualties(text: str, lang: Language | None = None) -> Casualties:
    """The figures of an earlier attack a text names for context.

    "Drones hit the city on Friday, a week after a glide bomb attack that
    killed 9 people" gives 9 killed: the clause about the earlier attack
    (its time distance, "days after", "a week after", or an earlier word,
    "after last week's strike", "since an attack in May", then the attack and
    its casualty verb), which :func:`casualties` leaves out.  For an event
    told in passing ("visited Odesa, a day after a missile attack on the city
    killed four").

    Parameters
    ----------
    text : str
        The sentence(s).
    lang : Language, optional
        English by default.

    Returns
    -------
    Casualties
        Empty when the text names no earlier attack with figures.
    """
    g = _casualty_grammar(or_default(lang))
    low = text.lower()
    if g.context is None or g.keyword.search(low) is None:
        return Casualties()
    spans = g.context.spans(text, low)
    if not spans:
        return Casualties()
    clauses = ". ".join(text[start:end] for start, end in spans)
    return _read(clauses, clauses.lower(), g)


def _read(text: str, low: str, g: _Casualties) -> Casualties:
    """The figures of a text (see :func:`casualties`)."""
    out = _Figures(text, g)
    labelled = ":" in text
    rare = g.rare if labelled else g.rare_unlabelled
    if rare.search(text, low=low) is not None:  # else neither can match
        if g.none_both.search(text, low=low):
            out.add(True, 0)
            out.add(False, 0)
        others = g.others if labelled else g.others_unlabelled
        if others.search(text, low=low) is not None:  # else none of the four
            _stated_none(text, low, g, out, both=False)
            _tolls(text, low, g, out)
    _bodies(text, low, g, out)
    for one, of_killed in ((g.one_k, True), (g.one_i, False)):
        if one is not None and one.search(text, low=low) is not None:
            out.add(of_killed, 1)  # "є загиблий": one, at least
    _passive(text, low, g, out)
    _active(text, low, g, out)
    # a list's total may pass what any member could: such sums are no figure
    killed = [n for n in out.killed if n <= g.max_people]
    injured = [n for n in out.injured if n <= g.max_people]
    return Casualties(
        max(killed) if killed else None, max(injured) if injured else None
    )


def _bodies(text: str, low: str, g: _Casualties, out: _Figures) -> None:
    """Bodies recovered ("seven more bodies were pulled out"): the dead."""
    if g.bodies is None or g.bodies_word not in low:
        return
    for m in g.bodies.matches(text, low):
        n = g.numbers.parse(m.group("n"))
        if n is not None and not _YEAR.fullmatch(m.group("n")):
            out.add(True, n)


# --------------------------------------------------------- weapons, targets


def weapons(text: str, lang: Language | None = None) -> tuple[str, ...]:
    """Return the weapon classes named in ``text``, sorted.

    A specific class suppresses the generic ``missile`` (``bomb``) only when the
    same words name it: "cruise missiles" is ``cruise_missile`` alone, "drones
    and missiles" is ``("drone", "missile")``.

    Parameters
    ----------
    text : str
        The sentence(s) of one event.
    lang : Language, optional
        English by default.

    Returns
    -------
    tuple of str
        Classes among ``drone``, ``missile``, ``ballistic_missile``,
        ``cruise_missile``, ``glide_bomb``, ``artillery``, ``rocket``, ``bomb``.
    """
    return class_matcher("weapons", lang).classify(text)


def targets(text: str, lang: Language | None = None) -> tuple[str, ...]:
    """Return the target classes named in ``text``, sorted.

    Parameters
    ----------
    text : str
        The sentence(s) of one event.
    lang : Language, optional
        English by default.

    Returns
    -------
    tuple of str
        Classes among ``residential``, ``education``, ``kindergarten``,
        ``medical``, ``energy``, ``railway``, ``commercial``, ``industrial``,
        ``port``, ``diplomatic``, ``cultural``, ``administrative``,
        ``infrastructure``, ``military``.
    """
    return class_matcher("targets", lang).classify(text)


# ----------------------------------------------------------------- launched


class _Launch:
    """The launch-count grammar of one language, compiled."""

    __slots__ = (
        "numbers", "keywords", "max_launched", "weapons", "verb", "of_total",
        "num_then", "passive", "passive_words", "list_join", "next_num", "forms",
        "keyword",
    )  # fmt: skip

    def __init__(self, lang: Language):
        raw = lang.lexicon["launch"]
        self.numbers = _numbers(lang)
        # a number is asked only where one may start (exact, see _can_start):
        # after a verb, its fillers or "of" most words are no number, and the
        # look-ahead fails there at once instead of trying every number word
        precise = self.numbers.can_num + self.numbers.precise
        self.keywords = tuple(raw["keywords"])
        # any keyword as a substring (of the lower-cased text): one search of
        # their trie instead of a test per keyword
        self.keyword = re.compile(_trie(self.keywords) if self.keywords else "(?!)")
        self.max_launched = int(raw["max_figure"])
        self.weapons: ClassMatcher = class_matcher("weapons", lang)
        fillers = _alt(raw["verb_fillers"])
        verb = rf"{alternation(raw['verbs'])}\s+(?:(?:{fillers})\s+){{0,4}}"
        self.verb = FastPattern(
            compiled.compile(rf"(?<!\w){verb}(?P<n>{precise})\s+", re.IGNORECASE)
        )
        of_total = alternation([raw["of_total"]])
        self.of_total = FastPattern(
            compiled.compile(
                rf"(?<!\w){of_total}(?P<n>{precise})\s+",
                re.IGNORECASE,
            )
        )
        self.num_then = FastPattern(
            compiled.compile(
                rf"(?<![\w,.])(?P<n>{self.numbers.precise})\s+", re.IGNORECASE
            )
        )
        self.passive = compiled.compile(
            rf"\s+(?:\w+\s+){{0,2}}?{alternation([raw['passive']])}", re.I
        )
        # the passive words alone: where ``passive`` matches, they match too
        self.passive_words = FastPattern(
            compiled.compile(alternation([raw["passive"]]), re.I)
        )
        # the three forms in one search, tried first: a match of ``verb`` or
        # ``of_total`` is a match of this alternation at the same place (same
        # branches, no groups), and so are the passive words of a match of
        # ``passive`` (they follow a space there, as the look-behind asks):
        # where it finds nothing no form can give a count.  (One alternation:
        # each verb its own alternative would repeat ``precise``, the number
        # words, once per verb, and cost more to compile than it saves.)
        self.forms = FastPattern(
            compiled.compile(
                rf"(?<!\w)(?:(?:{verb}|{of_total}){precise}\s+"
                rf"|{alternation([raw['passive']])})",
                re.IGNORECASE,
            )
        )
        # a quote may close the weapon's name ("9 «шахедів» і 3 ракети")
        self.list_join = compiled.compile(
            rf"{_CLOSE_QUOTE}?\s*(?:,\s*(?:{raw['list_comma_word']}\s+)?"
            + "".join(rf"|\s+{w}\s+" for w in raw["list_words"])
            + ")",
            re.I,
        )
        self.next_num = compiled.compile(
            rf"(?:(?:{_alt(raw['number_fillers'])})\s+){{0,3}}(?P<n>{precise})\s+",
            re.IGNORECASE,
        )


@cache
def _launch_grammar(lang: Language) -> _Launch:
    return _Launch(lang)


#: up to two words between a number and its weapon, and a quote opening the
#: weapon's name ("40 «шахедів»", '40 "Shahed" drones')
_LEAD_GAP = compiled.compile(r"[«\"“„‘']?(?:[\w-]+\s+[«\"“„‘']?){0,2}")


@quick_init  # one per list member or weapon read: made quickly
@dataclass(frozen=True, slots=True)
class _WeaponAt:
    """A weapon class named at a place in a text, and where its words end."""

    cls: str
    end: int


def _weapon_at(text: str, pos: int, g: _Launch) -> _WeaponAt | None:
    """Return the weapon class named within two words of ``pos`` and its end."""
    window = text[pos : pos + 80]
    spec = g.weapons.specific_hits(window)
    if not spec:
        return None
    first = spec[0]
    gap = _LEAD_GAP.match(window)
    if gap is None or first.start > gap.end():
        return None
    end = first.end
    for hit in g.weapons.hits(window):
        if hit.start < end:
            continue
        if not g.weapons.joined(window, end, hit.start):
            break
        end = hit.end
    return _WeaponAt(first.cls, pos + end)


def _launch_list(text: str, n_text: str, pos: int, g: _Launch) -> list[tuple[str, int]]:
    """Read "<n> <weapon> (and <n> <weapon>)*" from the weapon after ``pos``."""
    out: list[tuple[str, int]] = []
    n = g.numbers.parse(n_text)
    while n is not None and len(out) < _MAX_MEMBERS:
        w = _weapon_at(text, pos, g)
        if w is None:
            break
        j = g.list_join.match(text, w.end)
        nm = None if j is None else g.next_num.match(text, j.end())
        if j is not None and nm is None:
            # "550 drones and missiles": one number for two classes
            joint = _weapon_at(text, j.end(), g)
            if joint is not None and joint.cls != w.cls:
                return out
        out.append((w.cls, n))
        if nm is None:  # no list word, or no number after it
            break
        n, pos = g.numbers.parse(nm.group("n")), nm.end()
    return out


def launched(text: str, lang: Language | None = None) -> dict[str, int]:
    """Read how many weapons of each class were launched, where the text says.

    "Russia fired 550 drones and 11 missiles" gives ``{"drone": 550,
    "missile": 11}``; "launched 40 Shaheds" ``{"drone": 40}``; "shot down 72 of
    the 550 drones" ``{"drone": 550}``; "120 missiles were fired"
    ``{"missile": 120}``.  The highest figure per class is kept.

    Parameters
    ----------
    text : str
        Sentence(s) of an article.
    lang : Language, optional
        English by default.

    Returns
    -------
    dict of str to int
        Weapon class (as in :func:`weapons`) to number launched.
    """
    g = _launch_grammar(or_default(lang))
    found: dict[str, int] = {}
    low = text.lower()
    if g.keyword.search(low) is None:  # no keyword in the text
        return found

    def keep(pairs: list[tuple[str, int]]) -> None:
        for cls, n in pairs:
            if found.get(cls, -1) < n <= g.max_launched:
                found[cls] = n

    if g.forms.search(text, low=low) is None:
        return found  # no form below can match (see _Launch.forms)
    numbers = g.num_then.matches(text, low)
    if not numbers:
        return found  # every form below counts with a number after a space
    for m in g.verb.matches(text, low):
        keep(_launch_list(text, m.group("n"), m.end(), g))
    for m in g.of_total.matches(text, low):
        keep(_launch_list(text, m.group("n"), m.end(), g)[:1])
    if g.passive_words.search(text, low=low) is not None:
        # a match of ``g.passive`` holds a match of its passive words: a text
        # without them has no passive form (the skip is exact)
        keep(_passive_counts(text, numbers, g))
    return found


def _passive_counts(
    text: str, numbers: list[re.Match[str]], g: _Launch
) -> list[tuple[str, int]]:
    """The passive form ("120 missiles were fired") after each of ``numbers``."""
    out = []
    for m in numbers:
        w = _weapon_at(text, m.end(), g)
        if w is not None and g.passive.match(text, w.end):
            n = g.numbers.parse(m.group("n"))
            if n is not None:
                out.append((w.cls, n))
    return out


def attributes(sentence: str, lang: Language | None = None) -> Attributes:
    """Weapons, targets and launch counts one sentence states.

    Parameters
    ----------
    sentence : str
        One sentence.
    lang : Language, optional
        English by default.

    Returns
    -------
    :class:`Attributes`
        Its weapons, targets and launch counts.
    """
    lang = or_default(lang)
    weapon_classes, target_classes = _class_matchers(lang)
    return Attributes(
        weapon_classes.classify(sentence),  # weapons(sentence, lang)
        target_classes.classify(sentence),  # targets(sentence, lang)
        tuple(launched(sentence, lang).items()),
    )


@cache
def _class_matchers(lang: Language) -> tuple[ClassMatcher, ClassMatcher]:
    """The weapon and target matchers of a language, asked for together."""
    return class_matcher("weapons", lang), class_matcher("targets", lang)
