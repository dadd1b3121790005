"""Stage 5, dates: the day each struck place of a sentence was hit.

A sentence's date words are read for each place (the nearest in its clause,
see :func:`geo.extract.dates.event_date`).  A sentence no words date goes on
with the last date its story gave (the dated block it is in); with none, it
is the reference day or the night before it (a news report tells the latest
events).  A sentence that names several places and no date reads the same for
each.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from gazetteer import compiled
from gazetteer.frozen import quick_init
from geo.extract.attributes import (
    Casualties,
    _casualty_grammar,
    _numbers,
    casualties,
)
from geo.extract.dates import (
    Block,
    DateGuess,
    counts_from_another_day,
    event_date,
    has_date_words,
)
from geo.extract.lexicon import class_matcher
from geo.extract.roles import StruckPlace
from geo.lang import Language, or_default

__all__ = [
    "DatedPlace",
    "Dating",
    "Story",
    "Told",
    "date_places",
    "date_story",
    "segments",
    "settle",
]

# The cues of a guess that no date words gave.
_UNDATED = ("published", "")


@quick_init
@dataclass(frozen=True, slots=True)
class Story:
    """The last date the text gave in a block: undated sentences go on with it.

    Attributes
    ----------
    block : Block or None
        The dated block of the page the date was read in.
    guess : DateGuess
        The date.
    """

    block: Block | None
    guess: DateGuess


@quick_init
@dataclass(frozen=True, slots=True)
class Told:
    """A sentence that may give the story its date, read only when needed.

    Made by :func:`date_story` for a sentence that names no place struck;
    :func:`settle` reads it (and the ones before it, newest first) when a
    later sentence needs the story's date.

    Attributes
    ----------
    sentence : str
        The sentence.
    ref : date or None
        The date its words are relative to.
    block : Block or None
        Its dated block.
    before : Story or Told or None
        The story before it.
    lang : Language or None
        Its language.
    attack : bool
        Whether it has attack words (else it needs weapon words).
    """

    sentence: str
    ref: date | None
    block: Block | None
    before: Story | Told | None
    lang: Language | None
    attack: bool


#: How many told sentences before a sentence may give the story its day.
_TOLD = 2


def settle(story: Story | Told | None) -> Story | None:
    """The story's date: the newest told sentence that gives a day, else before.

    Only the :data:`_TOLD` newest told sentences are read: one further back
    is too far from the sentence that needs the date.

    A told sentence gives the story its day when it has date words and
    attack or weapon words ("У суботу ввечері російські дрони летіли на
    захід країни.", "On Saturday night Russia launched 90 drones at
    Ukraine."), and its words give a day (not a week or a month).

    Parameters
    ----------
    story : Story or Told or None
        The story as :func:`date_story` and :func:`date_places` left it.

    Returns
    -------
    Story or None
    """
    seen = 0
    while isinstance(story, Told):
        t = story
        story = t.before
        seen += 1
        if seen > _TOLD:
            continue  # too far back to date what follows
        if not (t.attack or class_matcher("weapons", t.lang).classify(t.sentence)):
            continue  # "On Monday the president met ...": no attack told
        if not has_date_words(t.sentence, t.lang):
            continue
        pivot = None
        if counts_from_another_day(t.sentence, t.lang):
            story = settle(story)
            pivot = _pivot(story, t.block)
        guess = _story_date(t.sentence, t.ref, t.lang, pivot)
        if guess.cue not in _UNDATED and guess.precision == "day" and guess.date:
            return Story(t.block, guess)
    return story


@quick_init
@dataclass(frozen=True, slots=True)
class DatedPlace:
    """A struck place of a sentence with the date of its strike.

    Attributes
    ----------
    struck : StruckPlace
        The place.
    date : date or None
        Best single date; None when the text gives no way to know it.
    precision : str
        ``day``, ``week``, ``month`` or ``unknown``.
    window : tuple of date or None
        First and last day it may have happened on.
    dated : bool
        Whether words of the text dated it (not the default day).
    segment : str or None
        The part of the sentence that speaks of this place when it names
        several (see :func:`segments`); None for the whole sentence.
    """

    struck: StruckPlace
    date: datetime.date | None
    precision: str
    window: tuple[datetime.date, datetime.date] | None
    dated: bool
    segment: str | None


@quick_init
@dataclass(frozen=True, slots=True)
class Dating:
    """The dated places of a sentence and the story's date after it.

    Attributes
    ----------
    places : tuple of DatedPlace
        One per distinct place, in order.
    story : Story or Told or None
        The last date the text gave, for the sentences that follow (told
        sentences not read yet: :func:`settle`).
    """

    places: tuple[DatedPlace, ...]
    story: Story | Told | None


def date_places(
    sentence: str,
    places: tuple[StruckPlace, ...],
    ref: date | None,
    block: Block | None,
    story: Story | Told | None,
    lang: Language | None = None,
) -> Dating:
    """Date each struck place of a sentence.

    Parameters
    ----------
    sentence : str
        The sentence.
    places : tuple of StruckPlace
        Its struck places, in order (a place named twice is dated once).
    ref : date or None
        The date its words are relative to (its block's).
    block : Block or None
        Its dated block.
    story : Story or Told or None
        The last date the text gave before it (told sentences are read
        only when an undated place, or "the previous evening", needs it).
    lang : Language, optional
        English by default.

    Returns
    -------
    Dating
    """
    told = story
    settled: list[Story | None] = []  # (a generic's call costs a microsecond)

    def pivot() -> date | None:
        # "the previous evening" in a sentence naming no day: the story's day
        if not settled:
            settled.append(settle(told))
        return _pivot(settled[0], block)

    # a sentence no words date reads the same for each of its places
    shared = None
    if len(places) > 1:
        shared = event_date(sentence, ref, lang=lang, pivot=pivot)
        if shared.cue not in _UNDATED:
            shared = None
    out = []
    seen: set[str] = set()
    # one place: the whole sentence is its part (see :func:`segments`)
    parts = _WHOLE if len(places) == 1 else segments(sentence, places, lang)
    for place, segment in zip(places, parts, strict=True):
        if place.place.id in seen:
            continue
        seen.add(place.place.id)
        guess = shared or event_date(
            sentence, ref, anchor=place.anchor, lang=lang, pivot=pivot
        )
        dated = guess.cue not in _UNDATED
        if not dated:
            now = settled[0] if settled and story is told else settle(story)
            story = now
            if now is not None and now.block is block:
                # an undated sentence goes on with the story's last date
                guess, dated = now.guess, True
        window = guess.window
        if guess.date is not None and window is None:
            window = (guess.date, guess.date)
        if dated:
            story = Story(block, guess)
        if not dated and guess.date is not None:
            # undated sentence of a news report: that day or the night before
            window = (_day_before(guess.date), guess.date)
        out.append(
            DatedPlace(place, guess.date, guess.precision, window, dated, segment)
        )
    return Dating(tuple(out), story)


#: :func:`segments` of a sentence naming one place.
_WHOLE: tuple[None] = (None,)


@lru_cache(maxsize=4096)
def _story_date(
    sentence: str, ref: date | None, lang: Language | None, pivot: date | None
) -> DateGuess:
    """:func:`event_date` of a told sentence (wire copy repeats sentences)."""
    return event_date(sentence, ref, lang=lang, pivot=pivot)


def date_story(
    sentence: str,
    ref: date | None,
    block: Block | None,
    story: Story | Told | None,
    lang: Language | None = None,
    *,
    attack: bool = False,
) -> Told:
    """The story after a sentence that names no place struck.

    A sentence with date words and attack or weapon words ("У суботу
    ввечері російські дрони летіли на захід країни.", "On Saturday night
    Russia launched 90 drones at Ukraine."): the day its words give (to the
    day, not a week or a month) dates the undated sentences that follow in
    its block.  Other sentences ("On Monday the president met ...") leave the
    story as it was.  Nothing is read here: the sentence is read when a
    later one needs the story's date (:func:`settle`).

    Parameters
    ----------
    sentence : str
        A sentence with no place struck.
    ref : date or None
        The date its words are relative to (its block's).
    block : Block or None
        Its dated block.
    story : Story or Told or None
        The story before it.
    lang : Language, optional
        English by default.
    attack : bool
        Whether the sentence has attack words (the caller knows them:
        :attr:`~geo.extract.mentions.Sentence.cues`); else it needs weapon
        words.

    Returns
    -------
    Told
        The story with the sentence told; :func:`settle` reads it.
    """
    return Told(sentence, ref, block, story, lang, attack)


def _pivot(story: Story | None, block: Block | None) -> date | None:
    """The story's day in ``block``, which "the previous evening" counts from."""
    if story is None or story.block is not block or story.guess.precision != "day":
        return None
    return story.guess.date


def segments(
    sentence: str, places: tuple[StruckPlace, ...], lang: Language | None = None
) -> list[str | None]:
    """The part of a sentence about each of the places it names.

    With one place (or one place named more than once), the whole sentence
    (``None``).  With several, it depends on where the language states a
    place's figures:

    - around its name (English, the default): the sentence is cut into
      clauses (at punctuation, before "while", and before "and" that a count
      follows: "three killed in A and two in B"); a place gets its own
      clauses and the clauses with no place after them ("hit A, wounding a
      man, while in B a drone killed the driver"; before the first place,
      the first place's).  A clause naming several places states a total
      for them all: it goes to none of them (a breakdown that follows,
      "wounding nine: six in A and three in B", gives each its part), but a
      relative clause after it ("A and B, where no one was hurt") is the
      last place's.  A part that starts with a bare count ("two in B")
      carries the verb of the figures before it ("two in B killed"); a
      place with no part of its own gets ``" "`` (no figures);
    - after its name (``"segments": "forward"`` in the language's
      ``casualties.json``, Ukrainian: "У Херсоні пошкоджено будинок, загинула
      жінка, а в Білозерці поранено двох"): the first place's part starts at
      the sentence start, each later one's at the last clause break (``,``
      ``;`` ``—`` ``–``) between the previous name and its own (at its own
      name when there is none), and runs to the next place's start.

    A place named twice gets its parts joined with ``" ... "`` ("обстріляли
    Нікополь і Марганець ... у Нікополі поранено трьох").

    Parameters
    ----------
    sentence : str
        The sentence.
    places : tuple of StruckPlace
        Its places (their ``anchor`` offsets).
    lang : Language, optional
        The sentence's language; English by default.

    Returns
    -------
    list of (str or None)
        One per place, in the order given; a place named twice has the same
        part at each of its places.
    """
    anchors = [p.anchor for p in places]
    if len({p.place.id for p in places}) < 2:
        return [None] * len(anchors)
    order = sorted(range(len(anchors)), key=lambda i: anchors[i])
    parts: list[str] = [""] * len(anchors)
    if _forward(lang):
        # a total before a colon, its breakdown after it: the total is no
        # place's ("вбили 3 мешканців: 2 у Костянтинівці та 1 у Миколаївці")
        colon = sentence.rfind(":", 0, anchors[order[0]])
        total = _verb_of(sentence[:colon], or_default(lang)) if colon > 0 else ""
        starts = [colon + 1]
        for rank in range(1, len(order)):
            here = anchors[order[rank]]
            lo = _name_end(sentence, anchors[order[rank - 1]])
            cut = max(sentence.rfind(c, lo, here) for c in _BREAKS)
            if total and cut < 0:
                # a breakdown names each count before its place: "... та 1 у Б"
                g = _clause_grammar(or_default(lang))
                cut = max(
                    (m.start() for m in g.count_after.finditer(sentence, lo, here)),
                    default=-1,
                )
            starts.append(here if cut < 0 else cut + 1)
        starts.append(len(sentence))
        for rank, i in enumerate(order):
            parts[i] = sentence[starts[rank] : starts[rank + 1]]
        if total:
            _carry_verb(sentence, total, starts, order, parts, or_default(lang))
        _elided_after_dash(sentence, anchors, starts, order, parts, or_default(lang))
    else:
        return _backward(sentence, places, or_default(lang))
    # a place named twice: its parts joined
    joined: dict[str, list[str]] = {}
    for i in order:
        joined.setdefault(places[i].place.id, []).append(parts[i])
    return [
        " ... ".join(x.strip() for x in joined[p.place.id])
        if len(joined[p.place.id]) > 1
        else joined[p.place.id][0]
        for p in places
    ]


_AREAS = ("raion", "oblast", "hromada")


def _area_of(area: StruckPlace, place: StruckPlace) -> bool:
    """Whether ``area`` is a raion, hromada or oblast named with a smaller ``place``.

    In one clause the area qualifies the place ("near X in the Y district").
    """
    return area.place.kind in _AREAS and place.place.kind not in _AREAS


@dataclass(frozen=True, slots=True)
class _Clauses:
    """How a language's sentence is cut into clauses (see :func:`segments`)."""

    breaks: re.Pattern[str]  # punctuation, and before "while"
    count_after: re.Pattern[str]  # before "and two"
    relative: re.Pattern[str]  # ", where ..."
    bare: re.Pattern[str]  # a part starting with a count
    apposition: re.Pattern[str]  # ", a suburb of B"
    killed: str  # the verbs an elided part carries
    injured: str


@lru_cache(maxsize=8)
def _clause_grammar(lang: Language) -> _Clauses:
    """The clause words of a language (``segment_*`` in ``casualties.json``)."""
    cas = lang.lexicon["casualties"]
    words = "|".join(cas.get("segment_connectives", ()))
    breaks = str(cas.get("segment_breaks", ","))
    if words:
        breaks += rf"|\s(?=(?:{words})\s)"
    num = _numbers(lang).num
    ands = "|".join(cas.get("segment_and", ())) or "(?!)"
    rel = "|".join(cas.get("segment_relative", ())) or "(?!)"
    lead = rf"[^\w]*(?:(?:{ands}|{words or '(?!)'})\s+)?(?P<n>{num})(?!\w)"
    appos = cas.get("segment_apposition") or "(?!)"
    return _Clauses(
        breaks=compiled.compile(breaks, re.IGNORECASE),
        count_after=compiled.compile(rf"\s(?=(?:{ands})\s+(?:{num})(?!\w))", re.I),
        relative=compiled.compile(rf"[^\w]*(?:{rel})(?!\w)", re.IGNORECASE),
        bare=compiled.compile(lead, re.IGNORECASE),
        apposition=compiled.compile(rf"[^\w]*(?:{appos})", re.IGNORECASE),
        killed=str(cas.get("elided_killed", "")),
        injured=str(cas.get("elided_injured", "")),
    )


def _backward(
    sentence: str, places: tuple[StruckPlace, ...], lang: Language
) -> list[str | None]:
    """English parts: clauses, see :func:`segments`."""
    g = _clause_grammar(lang)
    breaks = g.breaks
    cuts = {0, len(sentence)}
    cuts.update(m.start() for m in breaks.finditer(sentence) if m.start() > 0)
    order = sorted(range(len(places)), key=lambda i: places[i].anchor)
    for a, b in zip(order, order[1:], strict=False):
        lo, hi = _name_end(sentence, places[a].anchor), places[b].anchor
        between = [m.start() for m in g.count_after.finditer(sentence, lo, hi)]
        if between and not breaks.search(sentence, lo, hi):  # "in A and two in B"
            cuts.add(between[-1])
    bounds = sorted(cuts)
    spans = list(zip(bounds, bounds[1:], strict=False))
    # the places of each clause (an area that holds another is its qualifier)
    named: list[list[int]] = [[] for _ in spans]
    for i in order:
        k = next(k for k, (lo, hi) in enumerate(spans) if lo <= places[i].anchor < hi)
        named[k].append(i)
    owner: list[tuple[str, ...]] = []
    for k, idx in enumerate(named):
        own = [
            i
            for i in idx
            if not any(_area_of(places[i], places[j]) for j in idx if j != i)
        ]
        ids = tuple(dict.fromkeys(places[i].place.id for i in own))
        if (
            owner
            and owner[-1]
            and g.apposition.match(sentence, spans[k][0], spans[k][1])
        ):
            ids = ()  # "A, a suburb of B, ...": still A's clause
        if not ids and owner:
            ids = owner[-1]
            if len(ids) > 1 and g.relative.match(sentence, spans[k][0]):
                ids = (places[_named_last(named, k)].place.id,)
        owner.append(ids)
    # clauses before the first place: the first place's
    first = next((o for o in owner if o), ())
    owner = [o or first for o in owner]
    texts: dict[str, list[tuple[int, int]]] = {}
    for (lo, hi), ids in zip(spans, owner, strict=True):
        if len(ids) == 1:
            texts.setdefault(ids[0], []).append((lo, hi))
    # a part that starts with a bare count carries the verb before it
    verb: dict[int, tuple[int, str]] = {}
    last = ""
    for (lo, hi), ids in zip(spans, owner, strict=True):
        c = casualties(sentence[lo:hi], lang)
        if c.killed is not None or c.injured is not None:
            last = _elided_verb(c, g)
        elif last and len(ids) == 1 and (m := g.bare.match(sentence, lo, hi)):
            verb[lo] = (_count_end(sentence, m, hi, lang), last)
    out: dict[str, str] = {}
    for pid, parts in texts.items():
        chunks: list[str] = []
        for lo, hi in parts:
            piece = sentence[lo:hi]
            if lo in verb:  # "two in B": "two killed in B"
                at, word = verb[lo]
                piece = _with_verb(sentence, lo, at, hi, word)
            if chunks and not _parts_touch(parts, lo):
                chunks.append(" ... ")
            chunks.append(piece)
        out[pid] = "".join(chunks)
    return [out.get(p.place.id, " ") for p in places]


def _elided_verb(c: Casualties, g: _Clauses) -> str:
    """The verb a bare count after figures ``c`` carries ("" unless one figure)."""
    if (c.killed is None) == (c.injured is None):
        return ""
    return g.killed if c.injured is None else g.injured


def _verb_of(text: str, lang: Language) -> str:
    """:func:`_elided_verb` of the figures ``text`` states."""
    return _elided_verb(casualties(text, lang), _clause_grammar(lang))


def _count_end(sentence: str, m: re.Match[str], hi: int, lang: Language) -> int:
    """Where the count of a ``bare`` match ``m`` ends, with its people."""
    item = _casualty_grammar(lang).item.match(sentence, m.start("n"), hi)
    return item.end() if item else m.end()


def _with_verb(sentence: str, lo: int, at: int, hi: int, word: str) -> str:
    """``sentence[lo:hi]`` with ``word`` after its count ending at ``at``."""
    return f"{sentence[lo:at]} {word}{sentence[at:hi]}"


def _carry_verb(
    sentence: str,
    word: str,
    starts: list[int],
    order: list[int],
    parts: list[str],
    lang: Language,
) -> None:
    """Give a breakdown's bare counts ``word``, the verb of the total before it.

    "поранено п'ятьох: трьох у Херсоні та двох в Антонівці": "трьох поранені
    у Херсоні", "та двох поранені в Антонівці" (forward segments; ``parts``
    is changed in place).
    """
    g = _clause_grammar(lang)
    for rank, i in enumerate(order):
        lo, hi = starts[rank], starts[rank + 1]
        m = g.bare.match(sentence, lo, hi)
        if m is not None:
            at = _count_end(sentence, m, hi, lang)
            parts[i] = _with_verb(sentence, lo, at, hi, word)


#: A dash after a place's name, before its count ("в Антонівці — двох").
_DASH = compiled.compile(r"[^\S\n]*[—–-][^\S\n]*")


def _elided_after_dash(
    sentence: str,
    anchors: list[int],
    starts: list[int],
    order: list[int],
    parts: list[str],
    lang: Language,
) -> None:
    """Give a count after a dash the verb of the part before it.

    "у Херсоні поранено трьох, в Антонівці — двох": "в Антонівці — двох
    поранені" (forward segments; ``parts`` is changed in place).  Only when
    the part before states one figure and this one states none.
    """
    g = _clause_grammar(lang)
    for rank in range(1, len(order)):
        i = order[rank]
        lo, hi = starts[rank], starts[rank + 1]
        dash = _DASH.match(sentence, _name_end(sentence, anchors[i]), hi)
        if dash is None or dash.end() == dash.start():
            continue
        m = g.bare.match(sentence, dash.end(), hi)
        if m is None:
            continue
        word = _verb_of(parts[order[rank - 1]], lang)
        own = casualties(sentence[lo:hi], lang)
        if word and own.killed is None and own.injured is None:
            at = _count_end(sentence, m, hi, lang)
            parts[i] = _with_verb(sentence, lo, at, hi, word)


def _named_last(named: list[list[int]], k: int) -> int:
    """The last place named in the clauses before clause ``k``."""
    return next(idx[-1] for idx in reversed(named[:k]) if idx)


def _parts_touch(parts: list[tuple[int, int]], lo: int) -> bool:
    """Whether a clause starting at ``lo`` follows the one before it."""
    return any(hi == lo for _, hi in parts)


#: Clause breaks a place's part may start after (forward segments).
_BREAKS = (",", ";", "—", "–")
_NAME = re.compile(r"[\w'’ʼ-]+")


def _forward(lang: Language | None) -> bool:
    """Whether the language states a place's figures after its name."""
    return lang is not None and lang.lexicon["casualties"].get("segments") == "forward"


def _name_end(sentence: str, anchor: int) -> int:
    """The end of the word a place's name starts with at ``anchor``."""
    m = _NAME.match(sentence, anchor)
    return m.end() if m else anchor


def _day_before(day: date) -> date:
    """The day before (the first day the calendar has is its own)."""
    return day - timedelta(days=1) if day > date.min else day
