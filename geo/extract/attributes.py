"""What an event's sentences say about it: weapons, targets, casualties, launches.

Pure functions over text, built on the compiled lexicons of :mod:`geo.extract.lexicon`
(the word lists themselves live in ``geo/data/lexicon.json``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from geo.extract.lexicon import LEXICON, TARGETS, WEAPONS, FastPattern, alternation

__all__ = [
    "Casualties",
    "MAX_FIGURE",
    "weapons",
    "targets",
    "casualties",
    "launched",
    "parse_number",
]

_CAS = LEXICON["casualties"]
_LAUNCH = LEXICON["launch"]
#: Figures above this are not counts of people hurt or weapons launched in a
#: strike (``max_figure`` in ``geo/data/lexicon.json``): they are dropped, and
#: :func:`parse_number` never returns more.
MAX_FIGURE: int = max(int(_CAS["max_figure"]), int(_LAUNCH["max_figure"]))
_MAX_PEOPLE = int(_CAS["max_figure"])
_MAX_LAUNCHED = int(_LAUNCH["max_figure"])
_MAX_DIGITS = len(str(MAX_FIGURE))


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


# ------------------------------------------------------------------ numbers

_UNITS = {k: v for k, v in _CAS["numbers"].items() if v < 10 and " " not in k}
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_PRECISE_WORDS = {
    k: v
    for k, v in _CAS["numbers"].items()
    if k not in ("dozens", "both") and "of" not in k
}
_ALL_WORDS = dict(_CAS["numbers"])


def _words_alt(words: dict[str, int]) -> str:
    return "|".join(
        re.escape(w).replace(r"\ ", r"\s+")
        for w in sorted(words, key=len, reverse=True)
    )


_DIGITS = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+(?![\d,.]\d)"
_COMPOUND = "(?:" + "|".join(_TENS) + r")[\s-](?:" + "|".join(_UNITS) + ")"
_NUM = rf"(?:{_DIGITS}|{_COMPOUND}|{_words_alt(_ALL_WORDS)})"
_PRECISE_NUM = rf"(?:{_DIGITS}|{_COMPOUND}|{_words_alt(_PRECISE_WORDS)})"
_QUANT = alternation(_CAS["quantifiers"])


def parse_number(text: str) -> int | None:
    """Read a number written in digits or words.

    Parameters
    ----------
    text : str
        ``"23"``, ``"1,000"``, ``"four"``, ``"twenty-three"``, ``"a dozen"``.

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
    key = " ".join(text.lower().split())
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", key):
        digits = key.replace(",", "").lstrip("0") or "0"
        if len(digits) > _MAX_DIGITS:  # never int() a huge string
            return None
        n = int(digits)
        return n if n <= MAX_FIGURE else None
    if key in _ALL_WORDS:
        return int(_ALL_WORDS[key])
    m = re.fullmatch(r"(\w+)[\s-](\w+)", key)
    if m and m.group(1) in _TENS and m.group(2) in _UNITS:
        return (_TENS.index(m.group(1)) + 2) * 10 + int(_UNITS[m.group(2)])
    return None


# --------------------------------------------------------------- casualties

_ADJ = r"(?:(?:\d+-year-old|[a-z]+(?:-[a-z]+)*)\s+)"
_SING = "|".join(sorted(_CAS["persons_singular"], key=len, reverse=True))
_PLUR = "|".join(sorted(_CAS["persons_plural"], key=len, reverse=True))
_PAIRS = "|".join(sorted(_CAS["pairs"], key=len, reverse=True))
_ART = "|".join(_CAS["articles_one"])
_POSS = "|".join(_CAS["possessives"])


def _noun(tag: str) -> str:
    return rf"(?:(?P<plur{tag}>{_PLUR})|(?P<sing{tag}>{_SING}))(?!\w)"


_NOT_PEOPLE = (
    r"days?|hours?|weeks?|months?|years?|minutes?|seconds?|km|kilomet(?:re|er)s?|"
    r"miles?|metres?|meters?|times|percent|per|%|tonnes|tons|drones?|missiles?|"
    r"shells?|rockets?|bombs?|regions?|districts?|villages?|towns?|cities|"
    r"settlements?|buildings?|houses?|homes?|attacks?|strikes?|waves?|of\s+the"
)
_COUNTED = frozenset(("num", "one", "pnum", "fam", "pair", "bare"))
# One member of a list of people.
_ITEM = re.compile(
    rf"(?:{_QUANT}\s+)*(?:"
    rf"(?P<fam>{_CAS['family_of']})\s+(?P<fnum>{_NUM})(?:\s+(?:people|persons))?(?!\w)"
    rf"|(?:(?:{_ART})\s+)?{_ADJ}{{0,2}}?(?P<pair>{_PAIRS})(?!\w)"
    rf"|(?P<num>{_NUM})\s+{_ADJ}{{0,2}}?{_noun('1')}"
    rf"|(?:{_ART})\s+{_ADJ}{{0,2}}?(?P<one>{_SING})(?!\w)"
    rf"|(?:{_POSS})\s+(?:(?P<pnum>{_NUM})\s+)?{_ADJ}{{0,2}}?{_noun('2')}"
    rf"|(?P<bare>{_NUM})(?!\w)(?!-)(?!\s+(?:{_NOT_PEOPLE})(?!\w))"
    rf"|{_ADJ}{{0,1}}?{_noun('3')}"
    rf")",
    re.IGNORECASE,
)
# Where a list may start: a number, an article, a possessive, a quantifier.
_START = FastPattern(
    re.compile(
        r"(?<![\w,-])(?<!no )(?<!aged )(?<!ages )(?<!age of )"
        rf"(?:{_QUANT}|{_NUM}|{_ART}|{_POSS}|{_CAS['family_of']})(?!\w)",
        re.IGNORECASE,
    )
)
_POSS_RE = re.compile(rf"(?:{_QUANT}\s+)*(?:{_POSS})\s", re.IGNORECASE)
# a list goes on after ", " or "and" -- but ", including children" names a
# part of what was already counted, not more people
_JOIN = re.compile(
    r"\s*,\s*(?!including\b|among\b|of\s+whom\b|incl\b)(?:and\s+)?"
    r"|\s+(?:and|as\s+well\s+as|plus|along\s+with)\s+",
    re.I,
)
_FILLER = (
    r"(?:\s*,\s*(?:including|among\s+them|one\s+of\s+them)\s+[^,.;]{1,40},"
    r"|\s+(?:in|aged|from|of|on|at|inside|near|between)\s+[^,.;]{1,30}?)?"
)
_AUX = (
    r"(?:\s+(?:were|was|have\s+been|has\s+been|had\s+been|are|is|got|being|been|"
    r"remain|remained))?(?:\s+(?:reportedly|also|later|all|initially|earlier|"
    r"seriously|critically|slightly|lightly|severely|fatally|were))?"
)
_KILLED = alternation(_CAS["killed"])
_INJURED = alternation(_CAS["injured"])
_TAIL = re.compile(
    rf"{_FILLER}{_AUX}\s*(?:(?P<k>{_KILLED})|(?P<i>{_INJURED}))(?!\w)", re.IGNORECASE
)
# Any word a passive casualty clause ends with, to find where lists can be.
_TAIL_WORD = FastPattern(
    re.compile(rf"(?<!\w)(?:{_KILLED}|{_INJURED})(?!\w)", re.IGNORECASE)
)
# ", local officials said": the source of the figures, not one more victim
_ATTRIBUTION = re.compile(
    r"(?:\s+(?!(?:who|whom|which|that|as|when|after|because|while)(?!\w))[\w'’.-]+){0,3}?"
    rf"\s+{alternation(_CAS['attribution'])}(?!\w)",
    re.IGNORECASE,
)
# How far before its verb a list of people may start ("two men, a woman and
# her 12-year-old son, who were in the car, were injured").
_LIST_REACH = 160
_ACTIVE = FastPattern(
    re.compile(
        rf"(?<!\w)(?:(?P<k>{alternation(_CAS['active_killed'])})"
        rf"|(?P<i>{alternation(_CAS['active_injured'])})"
        rf"|(?P<left>{alternation(_CAS['left'])}))\s+(?=\S)",
        re.IGNORECASE,
    )
)
_LEFT_TAIL = re.compile(
    r"\s+(?:(?P<k>dead|killed)|(?P<i>injured|wounded|hurt))(?!\w)", re.IGNORECASE
)
_TOLL_K = FastPattern(
    re.compile(
        rf"(?<!\w){alternation([_CAS['toll_killed']])}\s+(?:{_QUANT}\s+)*(?P<n>{_NUM})(?!\w)",
        re.IGNORECASE,
    )
)
_TOLL_I = FastPattern(
    re.compile(
        rf"(?<!\w){alternation([_CAS['toll_injured']])}\s+(?:{_QUANT}\s+)*(?P<n>{_NUM})(?!\w)",
        re.IGNORECASE,
    )
)
_NONE_BOTH = FastPattern(
    re.compile(rf"(?<!\w){alternation(_CAS['none_both'])}(?!\w)", re.I)
)
_NONE_K = FastPattern(
    re.compile(rf"(?<!\w){alternation(_CAS['none_killed'])}(?!\w)", re.I)
)
_NONE_I = FastPattern(
    re.compile(rf"(?<!\w){alternation(_CAS['none_injured'])}(?!\w)", re.I)
)
_YEAR = re.compile(r"(?:19|20)\d\d")
_AGES_BEFORE = re.compile(
    r"\b(?:aged?|ages)\s+\d+(?:\s*(?:,|and|to|-)\s*\d+)*\s*(?:,|and|to|-)\s*$"
)


def _item_count(m: re.Match[str], counted: bool) -> int | None:
    """People in one list member; None when uncountable."""
    if m.group("fam"):
        return parse_number(m.group("fnum"))
    if m.group("pair"):
        return int(_CAS["pairs"][" ".join(m.group("pair").lower().split())])
    if m.group("num"):
        return parse_number(m.group("num"))
    if m.group("one"):
        return 1
    if m.group("pnum"):
        return parse_number(m.group("pnum"))
    if m.group("bare"):
        text = m.group("bare")
        return None if _YEAR.fullmatch(text) else parse_number(text)
    if m.group("sing2") or m.group("sing3"):
        return 1 if counted else None
    if m.group("plur2") or m.group("plur3"):
        return 2 if counted else None
    return None


# No list of people in a news sentence has more members: a longer run of
# "a man, a man, ..." is read no further (the work per list stays bounded).
_MAX_MEMBERS = 64


def _people_list(text: str, pos: int) -> list[tuple[int, int]]:
    """Parse a list of people at ``pos``: (running total, end offset) per member."""
    out: list[tuple[int, int]] = []
    total = 0
    after_comma = False
    while len(out) < _MAX_MEMBERS:
        m = _ITEM.match(text, pos)
        if m is None or m.end() == pos:
            break
        if after_comma and _ATTRIBUTION.match(text, m.end()):
            break  # "three workers, local officials said": the speaker
        first = not out
        possessive = _POSS_RE.match(m.group()) is not None
        if (
            first
            and not possessive
            and not _COUNTED.intersection(k for k, v in m.groupdict().items() if v)
        ):
            break
        if m.group("bare") and not first:
            break
        n = _item_count(m, counted=not first or possessive)
        if n is None:
            break
        total += n
        out.append((total, m.end()))
        if m.group("bare"):
            break  # a bare number stands alone ("two dead", "killed 3")
        j = _JOIN.match(text, m.end())
        if j is None:
            break
        after_comma = j.group().lstrip().startswith(",")
        pos = j.end()
    return out


def casualties(text: str) -> Casualties:
    """Read how many people were killed and injured.

    Digits and number words, "at least", lists of people ("killing a father
    and son" = 2, "wounding two children and a mother" = 3), passive and active
    forms ("12 people were killed and 30 injured", "killed 3 and injured 4",
    "two dead, five wounded"), death tolls ("the death toll rose to 19"), and
    statements that nobody was hurt (0; "no immediate reports of casualties"
    gives 0 killed and 0 injured).  The highest figure for each is kept.
    Numbers of weapons, years and ages are not people; nor is the source of a
    figure ("injuring three workers, local officials said" is 3), nor a
    figure above :data:`MAX_FIGURE`.

    Parameters
    ----------
    text : str
        The sentence(s) of one event.

    Returns
    -------
    Casualties
        ``killed`` and ``injured``, None where the text says nothing.
    """
    low = text.lower()
    if not any(k in low for k in _CAS["keywords"]):
        return Casualties()
    killed: list[int] = []
    injured: list[int] = []
    if _NONE_BOTH.search(text, low=low):
        killed.append(0)
        injured.append(0)
    if _NONE_K.search(text, low=low):
        killed.append(0)
    if _NONE_I.search(text, low=low):
        injured.append(0)
    for m in _TOLL_K.matches(text, low):
        n = parse_number(m.group("n"))
        if n is not None and not _YEAR.fullmatch(m.group("n")):
            killed.append(n)
    for m in _TOLL_I.matches(text, low):
        n = parse_number(m.group("n"))
        if n is not None and not _YEAR.fullmatch(m.group("n")):
            injured.append(n)
    # passive: "<people> were killed", "two dead" -- only a list starting
    # shortly before a casualty word can be one
    lists: dict[int, list[tuple[int, int]]] = {}  # the passive and active reads share

    def people_at(pos: int) -> list[tuple[int, int]]:
        found = lists.get(pos)
        if found is None:
            found = lists[pos] = _people_list(text, pos)
        return found

    tails = [m.start() for m in _TAIL_WORD.matches(text, low)]
    for s in _START.matches(text, low) if tails else ():
        after = bisect_right(tails, s.start())
        if after == len(tails) or tails[after] - s.start() > _LIST_REACH:
            continue
        if _AGES_BEFORE.search(text, max(0, s.start() - 30), s.start()):
            continue
        for total, end in reversed(people_at(s.start())):
            t = _TAIL.match(text, end)
            if t:
                (killed if t.group("k") else injured).append(total)
                break
    # active: "killing <people>", "left <people> dead"
    for a in _ACTIVE.matches(text, low):
        members = people_at(a.end())
        if not members:
            continue
        if a.group("left"):
            for total, end in reversed(members):
                t = _LEFT_TAIL.match(text, end)
                if t:
                    (killed if t.group("k") else injured).append(total)
                    break
            continue
        total = members[-1][0]
        (killed if a.group("k") else injured).append(total)
    # a list's total may pass what any member could: such sums are no figure
    killed = [n for n in killed if n <= _MAX_PEOPLE]
    injured = [n for n in injured if n <= _MAX_PEOPLE]
    return Casualties(
        max(killed) if killed else None, max(injured) if injured else None
    )


# --------------------------------------------------------- weapons, targets


def weapons(text: str) -> tuple[str, ...]:
    """Return the weapon classes named in ``text``, sorted.

    A specific class suppresses the generic ``missile`` (``bomb``) only when the
    same words name it: "cruise missiles" is ``cruise_missile`` alone, "drones
    and missiles" is ``("drone", "missile")``.

    Parameters
    ----------
    text : str
        The sentence(s) of one event.

    Returns
    -------
    tuple of str
        Classes among ``drone``, ``missile``, ``ballistic_missile``,
        ``cruise_missile``, ``glide_bomb``, ``artillery``, ``rocket``, ``bomb``.
    """
    return WEAPONS.classify(text)


def targets(text: str) -> tuple[str, ...]:
    """Return the target classes named in ``text``, sorted.

    Parameters
    ----------
    text : str
        The sentence(s) of one event.

    Returns
    -------
    tuple of str
        Classes among ``residential``, ``education``, ``kindergarten``,
        ``medical``, ``energy``, ``railway``, ``commercial``, ``industrial``,
        ``port``, ``diplomatic``, ``cultural``, ``administrative``,
        ``infrastructure``, ``military``.
    """
    return TARGETS.classify(text)


# ----------------------------------------------------------------- launched

_LAUNCH_VERB = FastPattern(
    re.compile(
        rf"(?<!\w){alternation(_LAUNCH['verbs'])}\s+"
        r"(?:(?:a|an|the|record|total|of|at|least|more|than|over|nearly|almost|about|"
        r"around|some|up|to|as|many|another|further|massive|combined|whopping|roughly|"
        r"approximately|no\s+fewer)\s+){0,4}"
        rf"(?P<n>{_PRECISE_NUM})\s+",
        re.IGNORECASE,
    )
)
_OF_TOTAL = FastPattern(
    re.compile(
        rf"(?<!\w){alternation([_LAUNCH['of_total']])}(?P<n>{_PRECISE_NUM})\s+",
        re.IGNORECASE,
    )
)
_NUM_THEN = FastPattern(
    re.compile(rf"(?<![\w,.])(?P<n>{_PRECISE_NUM})\s+", re.IGNORECASE)
)
_PASSIVE = re.compile(
    rf"\s+(?:\w+\s+){{0,2}}?{alternation([_LAUNCH['passive']])}", re.I
)
_LEAD_GAP = re.compile(r"(?:[\w-]+\s+){0,2}")
_LIST_JOIN = re.compile(
    r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+as\s+well\s+as\s+|\s+plus\s+)", re.I
)
_NEXT_NUM = re.compile(
    rf"(?:(?:a|an|the|at|least|more|than|over|nearly|almost|about|some|up|to)\s+){{0,3}}"
    rf"(?P<n>{_PRECISE_NUM})\s+",
    re.IGNORECASE,
)


def _weapon_at(text: str, pos: int) -> tuple[str, int] | None:
    """Return the weapon class named within two words of ``pos`` and its end."""
    window = text[pos : pos + 80]
    spec = WEAPONS.specific_hits(window)
    if not spec:
        return None
    first = spec[0]
    gap = _LEAD_GAP.match(window)
    if gap is None or first.start > gap.end():
        return None
    end = first.end
    for hit in WEAPONS.hits(window):
        if hit.start < end:
            continue
        if not WEAPONS.joined(window, end, hit.start):
            break
        end = hit.end
    return first.cls, pos + end


def _launch_list(text: str, n_text: str, pos: int) -> list[tuple[str, int]]:
    """Read "<n> <weapon> (and <n> <weapon>)*" from the weapon after ``pos``."""
    out: list[tuple[str, int]] = []
    n = parse_number(n_text)
    while n is not None and len(out) < _MAX_MEMBERS:
        w = _weapon_at(text, pos)
        if w is None:
            break
        cls, end = w
        j = _LIST_JOIN.match(text, end)
        if j is not None and not _NEXT_NUM.match(text, j.end()):
            # "550 drones and missiles": one number for two classes
            joint = _weapon_at(text, j.end())
            if joint is not None and joint[0] != cls:
                return out
        out.append((cls, n))
        if j is None:
            break
        nm = _NEXT_NUM.match(text, j.end())
        if nm is None:
            break
        n, pos = parse_number(nm.group("n")), nm.end()
    return out


def launched(text: str) -> dict[str, int]:
    """Read how many weapons of each class were launched, where the text says.

    "Russia fired 550 drones and 11 missiles" gives ``{"drone": 550,
    "missile": 11}``; "launched 40 Shaheds" ``{"drone": 40}``; "shot down 72 of
    the 550 drones" ``{"drone": 550}``; "120 missiles were fired"
    ``{"missile": 120}``.  The highest figure per class is kept.

    Parameters
    ----------
    text : str
        Sentence(s) of an article.

    Returns
    -------
    dict of str to int
        Weapon class (as in :func:`weapons`) to number launched.
    """
    found: dict[str, int] = {}
    low = text.lower()
    if not any(k in low for k in _LAUNCH["keywords"]):
        return found

    def keep(pairs: list[tuple[str, int]]) -> None:
        for cls, n in pairs:
            if found.get(cls, -1) < n <= _MAX_LAUNCHED:
                found[cls] = n

    numbers = _NUM_THEN.matches(text, low)
    if not numbers:
        return found  # every form below counts with a number after a space
    for m in _LAUNCH_VERB.matches(text, low):
        keep(_launch_list(text, m.group("n"), m.end()))
    for m in _OF_TOTAL.matches(text, low):
        keep(_launch_list(text, m.group("n"), m.end())[:1])
    for m in numbers:
        w = _weapon_at(text, m.end())
        if w is not None and _PASSIVE.match(text, w[1]):
            n = parse_number(m.group("n"))
            if n is not None:
                keep([(w[0], n)])
    return found
