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
from dataclasses import dataclass
from datetime import date, timedelta

from geo.extract.dates import Block, DateGuess, event_date
from geo.extract.roles import StruckPlace
from geo.lang import Language

__all__ = ["DatedPlace", "Dating", "Story", "date_places", "segments"]

# The cues of a guess that no date words gave.
_UNDATED = ("published", "")


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


@dataclass(frozen=True, slots=True)
class Dating:
    """The dated places of a sentence and the story's date after it.

    Attributes
    ----------
    places : tuple of DatedPlace
        One per distinct place, in order.
    story : Story or None
        The last date the text gave, for the sentences that follow.
    """

    places: tuple[DatedPlace, ...]
    story: Story | None


def date_places(
    sentence: str,
    places: tuple[StruckPlace, ...],
    ref: date | None,
    block: Block | None,
    story: Story | None,
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
    story : Story or None
        The last date the text gave before it.
    lang : Language, optional
        English by default.

    Returns
    -------
    Dating
    """
    # a sentence no words date reads the same for each of its places
    shared = None
    if len(places) > 1:
        shared = event_date(sentence, ref, lang=lang)
        if shared.cue not in _UNDATED:
            shared = None
    out = []
    seen: set[str] = set()
    for place, segment in zip(places, segments(sentence, places), strict=True):
        if place.place.id in seen:
            continue
        seen.add(place.place.id)
        guess = shared or event_date(sentence, ref, anchor=place.anchor, lang=lang)
        dated = guess.cue not in _UNDATED
        if not dated and story is not None and story.block is block:
            # an undated sentence goes on with the story's last date
            guess, dated = story.guess, True
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


def segments(sentence: str, places: tuple[StruckPlace, ...]) -> list[str | None]:
    """The part of a sentence about each of the places it names.

    With one place, the whole sentence (``None``). With several, each place
    gets the words from the previous place up to its own name and, for the
    last, to the end ("Three were killed in A, and a man was killed in B"):
    figures stated once for several places are given to none of them.

    Parameters
    ----------
    sentence : str
        The sentence.
    places : tuple of StruckPlace
        Its places (their ``anchor`` offsets).

    Returns
    -------
    list of (str or None)
        One per place, in the order given.
    """
    anchors = [p.anchor for p in places]
    if len(anchors) < 2:
        return [None] * len(anchors)
    order = sorted(range(len(anchors)), key=lambda i: anchors[i])
    out: list[str | None] = [None] * len(anchors)
    prev = 0
    for rank, i in enumerate(order):
        nxt = anchors[order[rank + 1]] if rank + 1 < len(order) else None
        end = len(sentence) if nxt is None else nxt
        # up to the place's own name plus the rest of its clause
        cut = sentence.find(",", anchors[i], end)
        stop = end if cut < 0 or cut > end else cut
        out[i] = sentence[prev:stop]
        prev = stop
    return out


def _day_before(day: date) -> date:
    """The day before (the first day the calendar has is its own)."""
    return day - timedelta(days=1) if day > date.min else day
