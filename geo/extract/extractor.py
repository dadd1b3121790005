"""Strike events from one article: when, where, what hit, who was hurt.

Pure logic: an :class:`~geo.ingest.Article` in, an
:class:`~geo.extract.records.Extraction` out, so articles can be processed in
any order and in parallel.  The stages, each a function with its own tests:

1. **mentions** (:func:`geo.extract.mentions.read_sentences`): the page is cut
   into sentences, and the gazetteer finds and resolves the place names of
   the sentences with attack language;
2. **roles** (:func:`geo.extract.roles.assign_roles`): why a sentence names
   each place -- struck, an official's place, or set aside with the reason
   (talks, a captured town, "west of Kyiv", a launch site...);
3. **struck places** (:func:`geo.extract.roles.struck_places`,
   :func:`~geo.extract.roles.strikes_abroad`); a sentence with attack
   language but no place of its own speaks of the capital ("the Ukrainian
   capital"), or adds casualties, weapons and targets to the event just
   reported (see :class:`Thread`);
   the items of a list headed by attack words (a day summary: "Внаслідок
   обстрілів:" then "– у Чугуєві поранено ...;", or "Під обстрілом
   перебували:" then "Нікопольський район: Марганецька громада") report a
   strike at each place they name, even with no attack words of their own,
   dated as the list's header (:func:`geo.extract.sentences.list_blocks`;
   a language without list markers has no lists);
4. **attributes** (:meth:`geo.extract.reports.Draft.add`): casualties,
   weapons, targets and launch counts of each sentence;
5. **dates** (:func:`geo.extract.dating.date_places`), relative to the dated
   block of the page the sentence is in (a teaser with its own date line
   belongs to that date);
6. **reports** (:func:`geo.extract.reports.combine`,
   :func:`~geo.extract.reports.to_reports`): reports of the same strike in
   one article become one.

Every stage is language-neutral: it takes the article's
:class:`~geo.lang.Language` (English by default) and reads its words there.
Every step is linear in the text.  What one article may cost is capped: a
"sentence" longer than :data:`MAX_SENTENCE` characters (a page that lost its
punctuation) is read in parts cut at clause breaks, and only the first
:data:`MAX_MENTIONS` place mentions in attack sentences are read.  Either
leaves a one-line warning in :attr:`Extraction.warnings`; nothing is dropped
silently.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field, replace
from functools import lru_cache

from gazetteer import Gazetteer, get_gazetteer
from geo.extract.cues import NOT_EVENT_ROLES, discourse
from geo.extract.dates import Block, block_at, dated_blocks, event_date
from geo.extract.dating import Story, date_places
from geo.extract.mentions import (
    MAX_MENTIONS,
    MAX_SENTENCE,
    PlaceMention,
    Reading,
    Sentence,
    read_sentences,
)
from geo.extract.records import Extraction, Ignored, Outside
from geo.extract.reports import Draft, combine, sentence_casualties, to_reports
from geo.extract.roles import (
    CityOblasts,
    StruckPlace,
    assign_roles,
    reports_strike,
    strikes_abroad,
    struck_places,
)
from geo.extract.sentences import list_blocks
from geo.ingest import Article
from geo.lang import Language, for_article

__all__ = [
    "extract",
    "Extractor",
    "NOT_EVENT_ROLES",
    "MAX_SENTENCE",
    "MAX_MENTIONS",
    "Thread",
]

#: The capital, which "the Ukrainian capital" names (a GeoNames id).
CAPITAL = "gn:703448"
#: How many sentences before a list's head may give the date of its items.
_HEADER = 3


@dataclass(frozen=True, slots=True)
class Thread:
    """The event last reported, which the next sentences may add to.

    Attributes
    ----------
    no : int
        The number of the last sentence that spoke of it.
    drafts : tuple of Draft
        Its drafts (one per place).
    """

    no: int
    drafts: tuple[Draft, ...]


@dataclass(slots=True)
class _Walk:
    """What reading one article's sentences in order has gathered so far."""

    article: Article
    lang: Language
    blocks: list[Block]
    cities: CityOblasts
    max_outside: int
    drafts: list[Draft] = field(default_factory=list)
    outside: list[Outside] = field(default_factory=list)
    outside_over: int = 0
    ignored: list[Ignored] = field(default_factory=list)
    thread: Thread | None = None
    story: Story | None = None
    heads: dict[int, tuple[Sentence, ...]] = field(default_factory=dict)
    items: frozenset[int] = frozenset()
    in_items: frozenset[int] = frozenset()

    def add_outside(self, found: tuple[Outside, ...]) -> None:
        """List strikes abroad, up to the cap; count the rest."""
        for o in found:
            if len(self.outside) < self.max_outside:
                self.outside.append(o)
            else:
                self.outside_over += 1


class Extractor:
    """Turns articles into reports, with a gazetteer loaded once.

    Parameters
    ----------
    gazetteer : Gazetteer, optional
        The bundled gazetteer by default.
    lang : Language, optional
        The language of every article; by default each article's own
        (:attr:`~geo.ingest.Article.lang`, English when unknown), and an
        article in a language strikemap cannot read yields nothing.
    carry : int
        How many sentences after a strike sentence may add to it when they
        name no place of their own.
    max_sentence : int
        Sentences longer than this many characters are read in parts (see
        :func:`geo.extract.sentences.split_long`), with a warning.
    max_mentions : int
        Place mentions in attack sentences read per article (and strikes
        abroad listed); past it, a warning.
    """

    def __init__(
        self,
        gazetteer: Gazetteer | None = None,
        *,
        lang: Language | None = None,
        carry: int = 2,
        max_sentence: int = MAX_SENTENCE,
        max_mentions: int = MAX_MENTIONS,
    ):
        self.gazetteer = gazetteer or get_gazetteer()
        self.lang = lang
        self.carry = carry
        self.max_sentence = max_sentence
        self.max_mentions = max_mentions
        self._capital = self.gazetteer.place(CAPITAL)

    def extract(self, article: Article) -> Extraction:
        """Extract the strike reports of one article.

        Parameters
        ----------
        article : Article
            The article (its ``published`` date anchors relative dates).

        Returns
        -------
        Extraction
            With a warning for each cap the article reached; empty for an
            article in a language strikemap cannot read.
        """
        lang = self.lang or for_article(article.lang)
        if lang is None:
            return Extraction(article=article.id, published=article.published)
        reading = read_sentences(
            article.text,
            self.gazetteer,
            lang=lang,
            max_sentence=self.max_sentence,
            max_mentions=self.max_mentions,
        )
        walk = _Walk(
            article,
            lang,
            dated_blocks(article.text, article.published, lang),
            CityOblasts(reading.mentions),
            self.max_mentions,
        )
        sentences, walk.heads, walk.items, walk.in_items = self._lists(
            article.text, reading, lang
        )
        for sentence in sentences:
            self._read(sentence, walk)
        warnings = list(reading.warnings)
        if walk.outside_over:
            warnings.append(
                f"{len(walk.outside) + walk.outside_over:,} strikes outside Ukraine "
                f"named; only the first {len(walk.outside):,} are listed"
            )
        return Extraction(
            article=article.id,
            published=article.published,
            reports=to_reports(article, combine(walk.drafts)),
            outside=tuple(walk.outside),
            ignored=tuple(walk.ignored),
            warnings=tuple(warnings),
        )

    def _lists(
        self, text: str, reading: Reading, lang: Language
    ) -> tuple[
        tuple[Sentence, ...],
        dict[int, tuple[Sentence, ...]],
        frozenset[int],
        frozenset[int],
    ]:
        """The sentences, with the items of strike lists read as strikes.

        A list whose head has attack words ("Внаслідок обстрілів:", "Під
        обстрілом перебували:"), or follows a sentence of its paragraph that
        has them, reports a strike at each place its items name: an item with
        no words of its own ("Нікопольський район: Марганецька громада", "у
        Чугуєві поранено чоловіка" read without attack words) is read as
        attack language, its places resolved.  An item with only air-defence
        words stays no strike.  Also returns, by the number of each list
        head, the sentences whose date words date its items: the head and
        the :data:`_HEADER` sentences before it, nearest first; and the
        numbers of the sentences that start an item of any list and of the
        sentences inside items before the last (an item adds nothing to the
        item before it).
        """
        sents = reading.sentences
        spans = [(x.start, x.end) for x in sents]
        blocks = list_blocks(text, spans, lang)
        if not blocks:
            return sents, {}, frozenset(), frozenset()
        items = frozenset(i for b in blocks for i in b.items)
        in_items = frozenset(
            n for b in blocks for n in range(b.items[0], b.items[-1] + 1)
        )
        heads: dict[int, tuple[Sentence, ...]] = {}
        promote: list[int] = []
        for b in blocks:
            head = sents[b.head]
            before = sents[b.head - 1] if b.head else None
            said = "attack" in head.cues or (
                before is not None
                and "attack" in before.cues
                and text.count("\n", before.end, head.start) < 2
            )
            if not said:
                continue
            heads[b.head] = tuple(sents[max(0, b.head - _HEADER) : b.head + 1])[::-1]
            promote.extend(
                i for i in b.items if not sents[i].cues and sents[i].mentions
            )
        if not promote:
            return sents, heads, items, in_items
        out = list(sents)
        mentions = list(reading.mentions)
        starts = [m.start for m in mentions]
        wanted = {
            k
            for i in promote
            for k in range(
                bisect_left(starts, sents[i].start), bisect_left(starts, sents[i].end)
            )
        }
        resolved = {
            m.start: r
            for m, r in self.gazetteer.resolve_mentions(
                text, mentions, only=wanted, sentences=spans
            )
        }
        for i in promote:
            x = sents[i]
            out[i] = replace(
                x,
                cues=x.cues | {"attack"},
                mentions=tuple(
                    PlaceMention(
                        pm.start,
                        pm.end,
                        pm.surface,
                        resolved.get(x.start + pm.start, pm.resolution),
                    )
                    for pm in x.mentions
                ),
            )
        return tuple(out), heads, items, in_items

    def _head_date(self, head: int, walk: _Walk) -> None:
        """A list's header dates its items ("Протягом доби ворог ...:").

        Unless the story already has a date in the head's block, the nearest
        date words of the head or the sentences before it in its block
        become the story's date.
        """
        sents = walk.heads[head]
        block = block_at(walk.blocks, sents[0].start)
        if walk.story is not None and walk.story.block is block:
            return  # the story has its date
        ref = block.ref_date if block else walk.article.published
        for s in sents:
            if block_at(walk.blocks, s.start) is not block:
                break
            guess = event_date(s.text, ref, lang=walk.lang)
            if guess.cue not in ("published", ""):
                walk.story = Story(block, guess)
                return

    def _read(self, s: Sentence, walk: _Walk) -> None:
        """Run the stages on one sentence."""
        if s.no in walk.heads:
            self._head_date(s.no, walk)
        if not s.can_report:
            self._more_casualties(s, walk)
            return
        if not reports_strike(s, walk.lang):
            return  # "No attacks on the capital were reported."
        roles = assign_roles(s, walk.article.id, walk.cities, walk.lang)
        walk.ignored.extend(roles.ignored)
        places = struck_places(roles)
        abroad = strikes_abroad(s.text, walk.article.id, walk.lang)
        walk.add_outside(abroad)
        if not places:
            if abroad:
                return  # places abroad are reported, never mapped
            places = self._no_place_of_its_own(s, walk)
            if not places:
                return
        block = block_at(walk.blocks, s.start)
        ref = block.ref_date if block else walk.article.published
        dating = date_places(s.text, places, ref, block, walk.story, walk.lang)
        walk.story = dating.story
        made = []
        for dated in dating.places:
            draft = Draft.of(dated)
            draft.add(s.text, s.start, walk.lang, casualty_text=dated.segment)
            made.append(draft)
        walk.drafts.extend(made)
        walk.thread = Thread(s.no, tuple(made))

    def _recent(self, s: Sentence, walk: _Walk) -> Thread | None:
        """The event last reported, if it is close enough to add to.

        A list item starts afresh: it adds nothing to the item before it.
        """
        thread = walk.thread
        if thread is not None and s.no in walk.items and thread.no in walk.in_items:
            return None
        if thread is not None and s.no - thread.no <= self.carry:
            return thread
        return None

    def _more_casualties(self, s: Sentence, walk: _Walk) -> None:
        """Casualty or damage news with no attack words: more on the last event."""
        thread = self._recent(s, walk)
        if thread is None or s.mentions:
            return
        c = sentence_casualties(s.text, walk.lang)
        if c.killed is None and c.injured is None:
            return
        if not discourse(walk.lang).generic.search(s.text):
            for d in thread.drafts:
                d.add(s.text, s.start, walk.lang)
            walk.thread = Thread(s.no, thread.drafts)

    def _no_place_of_its_own(self, s: Sentence, walk: _Walk) -> tuple[StruckPlace, ...]:
        """A strike sentence that names no place struck.

        Its places set aside ("fired towards Kyiv"): if one is the place just
        reported, the sentence tells more about it.  No place at all: the
        capital ("the Ukrainian capital"), or more on the last event.
        """
        thread = self._recent(s, walk)
        if s.mentions:
            named = {m.resolution.place.id for m in s.mentions if m.resolution}
            if thread is not None and named & {d.place.id for d in thread.drafts}:
                for d in thread.drafts:
                    d.add(s.text, s.start, walk.lang)
            return ()
        cues = discourse(walk.lang)
        if cues.capital.search(s.text):
            return (StruckPlace(self._capital, 0.9, None, 0),)
        if thread is not None and not cues.generic.search(s.text):
            for d in thread.drafts:
                d.add(s.text, s.start, walk.lang)
            walk.thread = Thread(s.no, thread.drafts)  # the story goes on
        return ()


@lru_cache(maxsize=1)
def _default_extractor() -> Extractor:
    return Extractor()


def extract(
    article: Article,
    gazetteer: Gazetteer | None = None,
    lang: Language | None = None,
) -> Extraction:
    """Extract the strike reports of one article (see :class:`Extractor`).

    Parameters
    ----------
    article : Article
        The article.
    gazetteer : Gazetteer, optional
        The bundled one by default.
    lang : Language, optional
        The language of the article; by default its own (see :class:`Extractor`).

    Returns
    -------
    Extraction
    """
    if gazetteer is None and lang is None:
        return _default_extractor().extract(article)
    return Extractor(gazetteer, lang=lang).extract(article)
