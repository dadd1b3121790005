"""Stage 1, mentions: an article's sentences and the places they name.

:func:`read_sentences` cuts the text into sentences (a "sentence" too long to
read whole is read in parts), finds the attack-lexicon classes of each, finds
every gazetteer name, and resolves the names of the sentences that can report
a strike (up to a cap per article), each sentence giving the gazetteer its
own context.  Everything after this stage reads :class:`Sentence` records.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from gazetteer import Gazetteer
from gazetteer.frozen import quick_init
from gazetteer.records import Mention, Resolution
from geo.extract.lexicon import class_matcher
from geo.extract.sentences import sentence_spans, split_long
from geo.lang import Language

__all__ = [
    "EVENT_CUES",
    "MAX_MENTIONS",
    "MAX_SENTENCE",
    "PlaceMention",
    "Reading",
    "Sentence",
    "read_sentences",
    "sentence_cues",
]

#: The longest sentence read whole, in characters; a longer one (no news
#: sentence is: the longest in our corpora has about 300) is read in parts.
MAX_SENTENCE = 2000
#: How many place mentions in attack sentences one article may have read (and
#: how many strikes abroad it may list); the rest are not mapped, with a warning.
MAX_MENTIONS = 2000

#: Cue classes of the attack lexicon that can report a strike: an attack, or
#: its effects; air defence activity alone cannot.
EVENT_CUES = frozenset({"attack", "effect"})

_NO_CUES: frozenset[str] = frozenset()


@quick_init  # one per name of every article, one per sentence: made quickly
@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A gazetteer name in a sentence, and the place it was resolved to.

    Attributes
    ----------
    start, end : int
        Offsets of the name in the sentence.
    surface : str
        The name as written.
    resolution : Resolution or None
        None when nothing in the gazetteer fits it well enough, or the name
        was not resolved (no attack words in its sentence, or past the cap).
    """

    start: int
    end: int
    surface: str
    resolution: Resolution | None


@quick_init
@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of an article, with what the first stage found in it.

    Attributes
    ----------
    no : int
        Its number in the article (0 first).
    start, end : int
        Its offsets in the article text.
    text : str
        The sentence.
    cues : frozenset of str
        The attack-lexicon classes in it (``attack``, ``effect``, ``defence``).
    mentions : tuple of PlaceMention
        The gazetteer names in it, in order.
    """

    no: int
    start: int
    end: int
    text: str
    cues: frozenset[str]
    mentions: tuple[PlaceMention, ...]

    @property
    def can_report(self) -> bool:
        """Whether its words can report a strike (see :data:`EVENT_CUES`)."""
        return not self.cues.isdisjoint(EVENT_CUES)


@dataclass(frozen=True, slots=True)
class Reading:
    """What the mentions stage made of one article.

    Attributes
    ----------
    sentences : tuple of Sentence
        In order.
    mentions : tuple of Mention
        Every gazetteer name of the text, resolved or not (context).
    warnings : tuple of str
        One line for each cap the article reached.
    """

    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    warnings: tuple[str, ...]


def read_sentences(
    text: str,
    gazetteer: Gazetteer,
    *,
    lang: Language | None = None,
    max_sentence: int = MAX_SENTENCE,
    max_mentions: int = MAX_MENTIONS,
) -> Reading:
    """Cut a text into sentences and resolve the place names of those that matter.

    Parameters
    ----------
    text : str
        The article text.
    gazetteer : Gazetteer
        Finds and resolves the names.
    lang : Language, optional
        The text's language; English by default.
    max_sentence : int
        Longer sentences are read in parts (see
        :func:`geo.extract.sentences.split_long`), with a warning.
    max_mentions : int
        Names resolved per article in sentences that can report a strike;
        past it, a warning.

    Returns
    -------
    Reading
    """
    mentions = gazetteer.find_mentions(text)
    warnings: list[str] = []
    spans = sentence_spans(text, lang)
    long = [e - s for s, e in spans if e - s > max_sentence]
    if long:
        # a page that lost its punctuation: read in parts, never a name cut
        keep = [(m.start, m.end) for m in mentions]
        spans = split_long(text, spans, max_sentence, keep=keep, lang=lang)
        warnings.append(
            f"{len(long):,} sentence{'s' if len(long) > 1 else ''} longer than "
            f"{max_sentence:,} characters (the longest {max(long):,}) "
            f"read in parts of about {max_sentence:,}"
        )
    cues = sentence_cues(text, spans, lang)
    wanted, over = _wanted(mentions, spans, cues, max_mentions)
    if over:
        warnings.append(over)
    resolved = {
        m.start: r
        for m, r in gazetteer.resolve_mentions(
            text, mentions, only=wanted, sentences=spans
        )
    }
    return Reading(
        _sentences(text, spans, cues, mentions, resolved),
        tuple(mentions),
        tuple(warnings),
    )


def sentence_cues(
    text: str, spans: Sequence[tuple[int, int]], lang: Language | None = None
) -> list[frozenset[str]]:
    """The attack-lexicon classes of each sentence.

    The lexicon runs once over the whole text; its hits go to the sentences.

    Parameters
    ----------
    text : str
        The text.
    spans : sequence of (int, int)
        Its sentences, in order.
    lang : Language, optional
        English by default.

    Returns
    -------
    list of frozenset of str
        One per span.
    """
    hits = class_matcher("attack", lang).hits(text)
    if not hits:
        return [_NO_CUES] * len(spans)
    # hits and spans are both in order (by start): one walk hands each span
    # the hits starting inside it (most have none and share one empty set);
    # a span starting before the one before it starts the walk again
    out: list[frozenset[str]] = []
    i, n, last = 0, len(hits), 0
    for s0, s1 in spans:
        if s0 < last:
            i = 0
        last = s0
        while i < n and hits[i].start < s0:
            i += 1
        j = i
        while j < n and hits[j].start < s1:
            j += 1
        out.append(frozenset([h.cls for h in hits[i:j]]) if j > i else _NO_CUES)
    return out


def _wanted(
    mentions: list[Mention],
    spans: Sequence[tuple[int, int]],
    cues: list[frozenset[str]],
    cap: int,
) -> tuple[set[int], str]:
    """The indices of the mentions to resolve, and a warning past the cap.

    Only mentions in sentences that can report a strike, and no more of them
    than ``cap``.
    """
    wanted: set[int] = set()
    over = first_over = 0
    j = 0
    for (s0, s1), kinds in zip(spans, cues, strict=True):
        event = not kinds.isdisjoint(EVENT_CUES)
        while j < len(mentions) and mentions[j].start < s1:
            if mentions[j].start >= s0 and event:
                if len(wanted) < cap:
                    wanted.add(j)
                else:
                    first_over = first_over if over else mentions[j].start
                    over += 1
            j += 1
    if not over:
        return wanted, ""
    return wanted, (
        f"{len(wanted) + over:,} place mentions in sentences with attack "
        f"words; only the first {len(wanted):,} were read (from character "
        f"{first_over:,} on, places are not mapped)"
    )


def _sentences(
    text: str,
    spans: Sequence[tuple[int, int]],
    cues: list[frozenset[str]],
    mentions: list[Mention],
    resolved: dict[int, Resolution],
) -> tuple[Sentence, ...]:
    """The :class:`Sentence` records, each with its mentions."""
    out = []
    k = 0
    n = len(mentions)
    # the start of the next mention: most sentences end before it and
    # have none (an article with no mentions left never has one)
    nxt: float = mentions[0].start if n else math.inf
    for no, (s0, s1) in enumerate(spans):
        here: tuple[PlaceMention, ...] = ()
        if nxt < s1:
            found = []
            while k < n and mentions[k].start < s1:
                m = mentions[k]
                if m.start >= s0:
                    found.append(
                        PlaceMention(
                            m.start - s0, m.end - s0, m.surface, resolved.get(m.start)
                        )
                    )
                k += 1
            here = tuple(found)
            nxt = mentions[k].start if k < n else math.inf
        out.append(Sentence(no, s0, s1, text[s0:s1], cues[no], here))
    return tuple(out)
