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
   weapons, targets and launch counts of each sentence; in a sentence that
   names several places, weapons and targets go to the places whose clause
   states them (:func:`geo.extract.scope.attribute_scopes`), and a sentence
   that goes on with the last event but names a place abroad ("launched
   from the Kursk region") adds no weapons or targets to it; which side
   fired (:func:`geo.extract.actor.stated_actor`): the place's clause, else
   its sentence, else the side the article's attack sentences name most;
   launch tallies ("Russia launched 85 drones and 3 missiles overnight")
   are the attack's: they go to every report of the article whose dates
   may be the tally's and whose side is not the other one;
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

import datetime
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import pairwise
from operator import attrgetter

from gazetteer import Gazetteer, compiled, get_gazetteer
from geo.extract.actor import UNKNOWN, abroad_clause, prevailing, stated_actor
from geo.extract.attributes import launched
from geo.extract.cues import NOT_EVENT_ROLES, discourse, foreign_places
from geo.extract.dates import Block, block_at, dated_blocks, event_date
from geo.extract.dating import Story, Told, date_places, date_story, settle
from geo.extract.lexicon import APOSTROPHES, starts_alternation
from geo.extract.mentions import (
    MAX_MENTIONS,
    MAX_SENTENCE,
    PlaceMention,
    Reading,
    Sentence,
    read_sentences,
)
from geo.extract.records import Extraction, Ignored, Outside
from geo.extract.reports import (
    Draft,
    _attributes,  # the per-sentence cache Draft.add reads through
    combine,
    sentence_casualties,
    to_reports,
)
from geo.extract.roles import (
    CityOblasts,
    StruckPlace,
    assign_roles,
    lowest_places,
    part_of,
    reports_strike,
    strikes_abroad,
    struck_places,
)
from geo.extract.scope import attribute_scopes
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
    story: Story | Told | None = None
    heads: dict[int, tuple[Sentence, ...]] = field(default_factory=dict)
    items: frozenset[int] = frozenset()
    in_items: frozenset[int] = frozenset()
    # which side each sentence (its start) says fired at each place (its id)
    actor_at: dict[int, dict[str, str | None]] = field(default_factory=dict)
    # the sentences a draft read whole (their attributes are cached)
    whole: set[int] = field(default_factory=set)
    # the dates the sentences that report places may be of
    window_at: dict[int, tuple[datetime.date, datetime.date] | None] = field(
        default_factory=dict
    )
    # the sides the attack and tally sentences name (by start, in text order)
    stated: dict[int, str | None] = field(default_factory=dict)
    # launch tallies: the dates they may be of, the side, the counts
    tallies: list[
        tuple[tuple[datetime.date, datetime.date] | None, str | None, dict[str, int]]
    ] = field(default_factory=list)
    # the block last found by block_of, and the offsets [lo, hi) it is found at
    # again: the sentences come in order, mostly in the same block
    last_block: tuple[int, int, Block | None] = (0, 0, None)

    def block_of(self, offset: int) -> Block | None:
        """``block_at(self.blocks, offset)``, the last block found kept.

        Parameters
        ----------
        offset : int
            A character offset into the article text.

        Returns
        -------
        Block or None
        """
        lo, hi, blk = self.last_block
        if lo <= offset < hi:
            return blk
        blocks = self.blocks
        blk = block_at(blocks, offset)
        if blk is not None and all(a.start <= b.start for a, b in pairwise(blocks)):
            # block_at bisects the starts (sorted): it gives this block at
            # every offset from its start up to its end or the next start
            i = bisect_right(blocks, offset, key=_block_start) - 1
            nxt = blocks[i + 1].start if i + 1 < len(blocks) else blk.end
            self.last_block = (blk.start, min(blk.end, nxt), blk)
        return blk

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
            CityOblasts(
                reading.mentions, article.text, lang, self._capital.admin1_code
            ),
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
        drafts = combine(walk.drafts)
        _attach_tallies(drafts, walk)
        default = prevailing(walk.stated.values())
        reports = to_reports(
            article, drafts, [_actor_of(d, walk.actor_at, default) for d in drafts]
        )
        compiled.checkpoint()  # keep the patterns compiled for it for later runs
        return Extraction(
            article=article.id,
            published=article.published,
            reports=reports,
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
        block = walk.block_of(sents[0].start)
        walk.story = settle(walk.story)
        if walk.story is not None and walk.story.block is block:
            return  # the story has its date
        ref = block.ref_date if block else walk.article.published
        for s in sents:
            if walk.block_of(s.start) is not block:
                break
            guess = event_date(s.text, ref, lang=walk.lang)
            if guess.cue not in ("published", ""):
                walk.story = Story(block, guess)
                return

    def _read(self, s: Sentence, walk: _Walk) -> None:
        """Run the stages on one sentence, then read its launch tally."""
        if s.no in walk.heads:
            self._head_date(s.no, walk)
        tally = _may_tally(s.text, walk.lang)
        self._stages(s, walk, tally)
        if tally:
            self._tally(s, walk)

    def _stages(self, s: Sentence, walk: _Walk, tally: bool) -> None:
        """Run the stages on one sentence (``tally``: it may count launches)."""
        block = walk.block_of(s.start)
        ref = block.ref_date if block else walk.article.published
        if not s.can_report:
            # "У суботу ввечері російські дрони летіли ...": the story's day
            walk.story = date_story(s.text, ref, block, walk.story, walk.lang)
            self._more_casualties(s, walk)
            return
        if not reports_strike(s, walk.lang):
            return  # "No attacks on the capital were reported."
        roles = assign_roles(s, walk.article.id, walk.cities, walk.lang)
        walk.ignored.extend(roles.ignored)
        places = struck_places(roles)
        abroad = strikes_abroad(
            s.text, walk.article.id, walk.lang, foreign=_foreign(s.text, walk.lang)
        )
        walk.add_outside(abroad)
        side = stated_actor(s.text, walk.lang)
        if not abroad:
            walk.stated[s.start] = side
        if not places:
            if abroad:
                return  # places abroad are reported, never mapped
            places = self._no_place_of_its_own(s, walk)
            if not places:
                # "On Saturday night Russia launched 90 drones": the story's day
                walk.story = date_story(
                    s.text, ref, block, walk.story, walk.lang, attack=True
                )
                return
        dating = date_places(s.text, places, ref, block, walk.story, walk.lang)
        walk.story = dating.story
        if dating.places:
            walk.window_at[s.start] = dating.places[0].window
        scopes = attribute_scopes(
            s.text,
            [d.struck.anchor for d in dating.places],
            walk.lang,
            elsewhere=self._elsewhere(walk.lang)
            if tally or _foreign(s.text, walk.lang)
            else None,
        )
        made = []
        for dated, scope in zip(dating.places, scopes, strict=True):
            draft = Draft.of(dated)
            _add(draft, s, walk, casualty_text=dated.segment, scope=scope)
            # the place's own clauses; with none cut out, its sentence
            own = side if scope is None else stated_actor(scope, walk.lang)
            walk.actor_at.setdefault(s.start, {})[draft.place.id] = own
            made.append(draft)
        if s.start in walk.stated:  # what the article says: its places' clauses
            owns = walk.actor_at[s.start].values()  # (a tally's: its side)
            walk.stated[s.start] = next((a for a in owns if a is not None), None)
        walk.drafts.extend(made)
        walk.thread = Thread(s.no, tuple(made))

    @staticmethod
    def _elsewhere(lang: Language) -> Callable[[str], bool]:
        """Whether a clause speaks of the whole attack or of places abroad."""

        def test(clause: str) -> bool:
            return bool(_launched(clause, lang) or _abroad(clause, lang))

        return test

    def _tally(self, s: Sentence, walk: _Walk) -> None:
        """Remember a launch tally of the attack, with the dates it may be of.

        Any sentence may give one ("of the 58 drones launched, 39 were shot
        down" has no attack words); one that names a place abroad is of
        another attack.
        """
        if s.start in walk.whole:  # read already, as a draft's evidence
            counts = dict(_attributes(s.text, walk.lang).launched)
        else:
            counts = _launched(s.text, walk.lang)
        if not counts:
            return
        if any(f.kind != "country" for f in _foreign(s.text, walk.lang)):
            return
        side = stated_actor(s.text, walk.lang)
        walk.stated[s.start] = side
        if s.start in walk.window_at:  # dated already, for its places
            walk.tallies.append((walk.window_at[s.start], side, counts))
            return
        block = walk.block_of(s.start)
        ref = block.ref_date if block else walk.article.published
        guess = event_date(s.text, ref, lang=walk.lang)
        window = guess.window
        if guess.cue in ("published", ""):
            story = walk.story
            told = getattr(story, "guess", None)  # a Story (not a sentence told)
            if told is not None and getattr(story, "block", None) is block:
                window = told.window
            elif guess.date is not None:
                window = (guess.date - datetime.timedelta(days=1), guess.date)
        if window is None and guess.date is not None:
            window = (guess.date, guess.date)
        walk.tallies.append((window, side, counts))

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
            shared = _several(thread)
            for d in thread.drafts:
                _carry(d, s, walk, shared=shared)
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
                shared = _several(thread)
                for d in thread.drafts:
                    _carry(d, s, walk, shared=shared)
            return ()
        cues = discourse(walk.lang)
        if cues.capital.search(s.text):
            return (StruckPlace(self._capital, 0.9, None, 0),)
        if thread is not None and not cues.generic.search(s.text):
            shared = _several(thread)
            for d in thread.drafts:
                _carry(d, s, walk, shared=shared)
            walk.thread = Thread(s.no, thread.drafts)  # the story goes on
        return ()


# a sentence's places abroad are asked for up to three times
_foreign = lru_cache(maxsize=1024)(foreign_places)
# pure functions of (text, lang) asked again for the same text (a tally read
# by the tally and by its sentence's clauses; wire copy repeats sentences)
_launched = lru_cache(maxsize=4096)(launched)
_abroad = lru_cache(maxsize=4096)(abroad_clause)


_DIGIT = compiled.compile(r"\d")

_block_start = attrgetter("start")  # bisect's key (as block_at's)


def _tally_tokens(numbers: Mapping) -> frozenset[str]:
    """The space-separated tokens of which a written number has one.

    A number word of one word in each way its apostrophe is typed ("п'ять",
    "п’ять", "пʼять"); a hyphened tens-and-unit ("twenty-five"); and of a
    number word of several words its longest word ("a dozen": "dozen"),
    which is there whenever the phrase is.
    """
    words = {w.lower(): v for w, v in numbers["words"].items()}
    tokens = {max(w.split(), key=len) for w in words}
    units = [w for w, v in words.items() if v < 10 and " " not in w]
    tokens.update(f"{t.lower()}-{u}" for t in numbers["tens"] for u in units)
    return frozenset(t.replace("'", a) for t in tokens for a in APOSTROPHES)


@lru_cache(maxsize=8)
def _tally_words(lang: Language) -> tuple[frozenset[str], re.Pattern[str]]:
    """Number words, and the weapon words a launch tally needs (lower case).

    The number words are :func:`_tally_tokens`.  The weapon words are one
    pattern that finds any of them as a substring: their trie (shared starts
    factored out, :func:`starts_alternation`), which finds one where the
    plain alternation of the words does (any order of the same strings finds
    a match at the same places) and is tried at each position faster.
    """
    words = sorted(set(lang.lexicon["launch"]["keywords"]))
    pattern = re.compile(starts_alternation(words) if words else "(?!)")
    return _tally_tokens(lang.numbers), pattern


@lru_cache(maxsize=8192)
def _may_tally(text: str, lang: Language) -> bool:
    """Whether a sentence has a number and a weapon word (a cheap test).

    A number is a digit, or a token of :func:`_tally_tokens` between spaces
    (a number word with punctuation stuck to it, "(twelve)", is missed).
    """
    numbers, weapons = _tally_words(lang)
    low = text.lower()
    if _DIGIT.search(text) is None and numbers.isdisjoint(low.split()):
        return False
    return weapons.search(low) is not None


def _add(
    draft: Draft,
    s: Sentence,
    walk: _Walk,
    *,
    casualty_text: str | None = None,
    scope: str | None = None,
) -> None:
    """Add a sentence to a draft, its weapons and targets read from ``scope``.

    ``scope`` None reads the whole sentence; the evidence is always the whole
    sentence.
    """
    if scope is None:
        draft.add(s.text, s.start, walk.lang, casualty_text=casualty_text)
        walk.whole.add(s.start)
        return
    had = s.start in draft.evidence
    draft.add(scope, s.start, walk.lang, casualty_text=casualty_text or s.text)
    if not had:
        draft.evidence[s.start] = s.text


def _several(thread: Thread) -> bool:
    """Whether the last event names more than one place, none holding another.

    A raion, hromada or oblast holding another of its places is no place of
    its own (:func:`~geo.extract.roles.lowest_places`), nor is a district of
    a city it names too ("hit Kharkiv: a missile struck the Saltivskyi
    district").
    """
    places = list({d.place.id: d.place for d in thread.drafts}.values())
    if len(places) < 2:
        return False
    leaves = lowest_places(places)
    ids = {p.id for p in leaves}
    towns = [p for p in leaves if p.kind == "settlement"]
    whole = 0
    for p in leaves:
        if p.kind == "district" or p.feature_code == "PPLX":
            if p.parent in ids or (not p.parent and any(part_of(p, t) for t in towns)):
                continue  # a part of a city named too
        whole += 1
        if whole > 1:
            return True
    return False


def _carry(draft: Draft, s: Sentence, walk: _Walk, *, shared: bool = False) -> None:
    """A sentence that goes on with the last event adds to one of its drafts.

    One that names a place abroad ("the drones were launched from the Kursk
    region") speaks of more than this strike: its casualties and evidence
    are added, not its weapons and targets.  ``shared``: the last event names
    several places ("hit Kharkiv, Sumy and Odesa. Five people were injured."):
    the sentence's figures are of them all together, no one place's, and are
    not added (unknown is not the total), apart from a zero ("no one was
    hurt" is said of each); its evidence, weapons and targets are.
    """
    abroad = any(f.kind != "country" for f in _foreign(s.text, walk.lang))
    if not shared:
        _add(draft, s, walk, scope="" if abroad else None)
    else:
        if abroad:
            draft.evidence.setdefault(s.start, s.text)
        else:
            _add(draft, s, walk, casualty_text="")  # no text: no figures
        # "no one was hurt" is said of them all: each has none
        c = sentence_casualties(s.text, walk.lang)
        if c.killed == 0 and draft.killed is None:
            draft.killed = 0
        if c.injured == 0 and draft.injured is None:
            draft.injured = 0
    walk.actor_at.setdefault(s.start, {}).setdefault(
        draft.place.id, stated_actor(s.text, walk.lang)
    )


def _actor_of(
    draft: Draft,
    actor_at: dict[int, dict[str, str | None]],
    default: str | None,
) -> str:
    """Which side fired: its sentences' word, else the article's prevailing side.

    The draft's own sentences in text order, then those of the drafts it
    absorbed (a city district, the raion of a town); the first that names a
    side (or says it is unknown) decides.
    """
    starts = sorted(draft.evidence)
    for s in starts:
        a = actor_at.get(s, {}).get(draft.place.id)
        if a is not None:
            return a
    for s in starts:
        for a in actor_at.get(s, {}).values():
            if a is not None:
                return a
    return default or UNKNOWN


def _attach_tallies(drafts: list[Draft], walk: _Walk) -> None:
    """Launch tallies go to each report of that night whose side may be theirs."""
    if not walk.tallies:
        return
    default = prevailing(walk.stated.values())
    for d in drafts:
        mine = _actor_of(d, walk.actor_at, default)
        for window, side, counts in walk.tallies:
            if side is not None and side != UNKNOWN and mine != side:
                continue  # a tally of another side's attack
            if window is None or d.window is None:
                continue  # undated: no evidence it is that night's
            if (window[1] - window[0]).days > 1:
                continue  # a week's or a month's total, not one attack's
            if not (window[0] <= d.window[1] and d.window[0] <= window[1]):
                continue
            for w, n in counts.items():
                d.launched[w] = max(d.launched.get(w, 0), n)


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
