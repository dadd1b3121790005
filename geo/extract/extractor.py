"""Strike events from one article: when, where, what hit, who was hurt.

Pure logic: an :class:`~geo.ingest.articles.Article` in, an
:class:`~geo.extract.records.Extraction` out, so articles can be processed in any
order and in parallel.  The steps:

1. the page is cut into dated blocks (a teaser with its own date line belongs
   to that date) and sentences;
2. the gazetteer finds and resolves every place mention;
3. a sentence with attack language makes a report for each place it names as
   struck; places named for another reason (talks, a captured town, "west of
   Kyiv", a request not to attack it, a launch site) are set aside with the
   reason;
4. a sentence with attack language but no place of its own speaks of the
   capital ("the Ukrainian capital"), or of the previous sentence's place
   ("the city", "there"), or adds casualties, weapons and targets to the event
   just reported in the same paragraph;
5. reports of the same place whose dates may be the same day become one, and
   an oblast-level report merges into the one settlement the article reports
   in that oblast on that day (the article cannot tell them apart).

Every step is linear in the text.  What one article may cost is capped: a
"sentence" longer than :data:`MAX_SENTENCE` characters (a page that lost its
punctuation) is read in parts cut at clause breaks, and only the first
:data:`MAX_MENTIONS` place mentions in attack sentences are read.  Either
leaves a one-line warning in :attr:`Extraction.warnings`; nothing is dropped
silently.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources

from gazetteer import Gazetteer, get_gazetteer
from gazetteer.geodesy import distance_km
from gazetteer.records import Place
from geo.extract.attributes import casualties, launched, targets, weapons
from geo.extract.cues import foreign_places, mention_role
from geo.extract.dates import block_at, dated_blocks, event_date
from geo.extract.lexicon import ATTACK, FastPattern
from geo.extract.records import PRECISION_OF_KIND, Extraction, Ignored, Outside, Report
from geo.extract.sentences import sentence_spans, split_long
from geo.ingest.articles import Article

__all__ = ["extract", "Extractor", "NOT_EVENT_ROLES", "MAX_SENTENCE", "MAX_MENTIONS"]

#: The longest sentence read whole, in characters; a longer one (no news
#: sentence is: the longest in our corpora has about 300) is read in parts.
MAX_SENTENCE = 2000
#: How many place mentions in attack sentences one article may have read (and
#: how many strikes abroad it may list); the rest are not mapped, with a warning.
MAX_MENTIONS = 2000

# Cue classes (see geo/data/lexicon.json) that can report a strike: an attack,
# or its effects; air defence activity alone cannot.
_EVENT_CUES = frozenset({"attack", "effect"})

# Countries whose places a strike report may name as struck (reported as
# outside coverage, never mapped).
_WAR_ABROAD = frozenset({"RU", "BY", "MD"})
_NOT_STRUCK_ABROAD = frozenset(
    {"launch_site", "origin", "direction", "talks", "visit", "statement", "name"}
)

#: Roles of a mention (see :func:`geo.extract.cues.mention_role`) that make it no event.
NOT_EVENT_ROLES = frozenset(
    {
        "name",
        "outside",
        "request",
        "captured",
        "launch_site",
        "direction",
        "origin",
        "talks",
        "visit",
        "statement",
        "forecast",
        "alert",
    }
)


@lru_cache(maxsize=1)
def _discourse() -> dict[str, FastPattern]:
    raw = json.loads(
        resources.files("geo").joinpath("data", "discourse.json").read_text("utf-8")
    )

    def alt(key: str, tail: str = "") -> FastPattern:
        body = "|".join(sorted(raw[key], key=len, reverse=True))
        return FastPattern(re.compile(rf"\b(?:{body}){tail}", re.IGNORECASE))

    return {
        "capital": alt("capital", r"\b"),
        "anaphora": alt("anaphora", r"(?!\w)"),
        "generic": alt("generic"),
        "negation": alt("negation"),
        "ground_combat": alt("ground_combat", r"\b"),
        "habitual": alt("habitual"),
        "not_report": alt("not_report"),
        "near": FastPattern(
            re.compile(
                rf"\b(?:{'|'.join(sorted(raw['near'], key=len, reverse=True))})"
                r"\s+(?:the\s+)?(?:(?:city|town|village|settlement)\s+of\s+)?$",
                re.IGNORECASE,
            )
        ),
    }


# A sentence naming several places is read once, not once per place.
_casualties = lru_cache(maxsize=4096)(casualties)


@lru_cache(maxsize=4096)
def _attributes(sentence: str):
    return weapons(sentence), targets(sentence), tuple(launched(sentence).items())


@dataclass
class _Draft:
    """A report being assembled from one or more sentences."""

    place: Place
    date: date | None
    date_precision: str
    window: tuple[date, date] | None
    dated: bool  # the date came from words in the text, not the default
    confidence: float
    note: str | None = None
    killed: int | None = None
    injured: int | None = None
    weapons: set[str] = field(default_factory=set)
    targets: set[str] = field(default_factory=set)
    launched: dict[str, int] = field(default_factory=dict)
    evidence: dict[int, str] = field(default_factory=dict)  # sentence start -> text

    def add(
        self,
        sentence: str,
        start: int,
        *,
        casualty_text: str | None = None,
    ) -> None:
        """Add a sentence as evidence, with its figures, weapons and targets.

        ``casualty_text`` is the part of the sentence that speaks of this place
        when the sentence names several (see :func:`_segments`).
        """
        self.evidence.setdefault(start, sentence)
        c = _casualties(sentence if casualty_text is None else casualty_text)
        self.killed = _most(self.killed, c.killed)
        self.injured = _most(self.injured, c.injured)
        w, t, launch = _attributes(sentence)
        self.weapons.update(w)
        self.targets.update(t)
        for weapon, n in launch:
            self.launched[weapon] = max(self.launched.get(weapon, 0), n)


def _day_before(day: date) -> date:
    """The day before (the first day the calendar has is its own)."""
    return day - timedelta(days=1) if day > date.min else day


def _most(a: int | None, b: int | None) -> int | None:
    """The higher of two figures, where None means "not stated"."""
    return a if b is None else b if a is None else max(a, b)


def _overlap(a: _Draft, b: _Draft) -> bool:
    if a.window is None or b.window is None:
        return a.date == b.date
    return a.window[0] <= b.window[1] and b.window[0] <= a.window[1]


def _absorb(into: _Draft, other: _Draft) -> None:
    """Merge ``other`` into ``into`` (same strike)."""
    into.killed = _most(into.killed, other.killed)
    into.injured = _most(into.injured, other.injured)
    into.weapons |= other.weapons
    into.targets |= other.targets
    for w, n in other.launched.items():
        into.launched[w] = max(into.launched.get(w, 0), n)
    for start, sentence in other.evidence.items():
        into.evidence.setdefault(start, sentence)
    # the dates: keep the narrowest window both allow; "dated" beats the default
    if into.window and other.window:
        lo = max(into.window[0], other.window[0])
        hi = min(into.window[1], other.window[1])
        if lo <= hi:
            into.window = (lo, hi)
            into.date = hi
    if other.dated and not into.dated and other.date is not None:
        into.date, into.window = other.date, other.window
        into.date_precision, into.dated = other.date_precision, True
    into.confidence = max(into.confidence, other.confidence)
    if into.note is None:
        into.note = other.note


class Extractor:
    """Turns articles into reports, with a gazetteer loaded once.

    Parameters
    ----------
    gazetteer : Gazetteer, optional
        The bundled gazetteer by default.
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
        carry: int = 2,
        max_sentence: int = MAX_SENTENCE,
        max_mentions: int = MAX_MENTIONS,
    ):
        self.gazetteer = gazetteer or get_gazetteer()
        self.carry = carry
        self.max_sentence = max_sentence
        self.max_mentions = max_mentions
        self._kyiv = self.gazetteer.place("gn:703448")

    def extract(self, article: Article) -> Extraction:
        """Extract the strike reports of one article.

        Parameters
        ----------
        article : Article
            The article (its ``published`` date anchors relative dates).

        Returns
        -------
        Extraction
            With a warning for each cap the article reached.
        """
        text = article.text
        cues = _discourse()
        blocks = dated_blocks(text, article.published)
        mentions = self.gazetteer.find_mentions(text)
        warnings: list[str] = []
        spans = sentence_spans(text)
        long = [e - s for s, e in spans if e - s > self.max_sentence]
        if long:
            # a page that lost its punctuation: read in parts, never a name cut
            keep = [(m.start, m.end) for m in mentions]
            spans = split_long(text, spans, self.max_sentence, keep=keep)
            warnings.append(
                f"{len(long):,} sentence{'s' if len(long) > 1 else ''} longer than "
                f"{self.max_sentence:,} characters (the longest {max(long):,}) "
                f"read in parts of about {self.max_sentence:,}"
            )
        # the attack lexicon runs once over the whole text; hits go to sentences
        hits = ATTACK.hits(text)
        hit_starts = [h.start for h in hits]
        kinds_of = [
            {
                h.cls
                for h in hits[bisect_left(hit_starts, s0) : bisect_left(hit_starts, s1)]
            }
            for s0, s1 in spans
        ]
        # only mentions in sentences that can report a strike are resolved,
        # and no more of them than the cap
        wanted: set[int] = set()
        over, first_over = 0, 0
        j = 0
        for (s0, s1), kinds in zip(spans, kinds_of, strict=True):
            while j < len(mentions) and mentions[j].start < s1:
                if mentions[j].start >= s0 and kinds & _EVENT_CUES:
                    if len(wanted) < self.max_mentions:
                        wanted.add(j)
                    else:
                        first_over = first_over if over else mentions[j].start
                        over += 1
                j += 1
        if over:
            warnings.append(
                f"{len(wanted) + over:,} place mentions in sentences with attack "
                f"words; only the first {len(wanted):,} were read (from character "
                f"{first_over:,} on, places are not mapped)"
            )
        res_at = {
            m.start: r
            for m, r in self.gazetteer.resolve_mentions(text, mentions, only=wanted)
        }
        drafts: list[_Draft] = []
        outside: list[Outside] = []
        outside_over = 0
        ignored: list[Ignored] = []
        big_city_oblasts: set[str] | None = None  # see _district_agrees
        k = 0
        last: tuple[int, list[_Draft]] | None = None  # (sentence no, its drafts)
        story = None  # (block, the last date the text gave in it)
        for no, (s0, s1) in enumerate(spans):
            sentence = text[s0:s1]
            here = []
            while k < len(mentions) and mentions[k].start < s1:
                m = mentions[k]
                if m.start >= s0:
                    here.append((m, res_at.get(m.start)))
                k += 1
            kinds = kinds_of[no]
            if not kinds & _EVENT_CUES:
                # casualty or damage news with no attack words: more on the last event
                if last and no - last[0] <= self.carry and not here:
                    c = _casualties(sentence)
                    if (c.killed is not None or c.injured is not None) and not cues[
                        "generic"
                    ].search(sentence):
                        for d in last[1]:
                            d.add(sentence, s0)
                        last = (no, last[1])
                continue
            if cues["negation"].search(sentence) or cues["not_report"].search(sentence):
                continue  # "No attacks on the capital were reported."
            if kinds <= {"attack", "defence"} and (
                cues["ground_combat"].search(sentence)
                or cues["habitual"].search(sentence)
            ):
                # "repelled 45 attacks near Pokrovsk", "has struck Kyiv 20 times
                # this year": no weapon, no damage, no casualties -- not a strike
                if not weapons(sentence):
                    continue
            block = block_at(blocks, s0)
            ref = block.ref_date if block else article.published
            struck: list[tuple[Place, float, str | None, int]] = []
            officials: list[tuple[Place, float, str | None, int]] = []
            prev_place: Place | None = None
            prev_end = owner_end = 0
            for mention, res in here:
                if res is None:
                    continue  # nothing in the gazetteer fits it well enough
                a, b = mention.start - s0, mention.end - s0
                # the role rules read a possessive themselves ("Kyiv's allies")
                bare = b - 2 if mention.surface.endswith(("'s", "’s")) else b
                role = mention_role(sentence, a, bare)
                place = res.place
                if role in NOT_EVENT_ROLES:
                    ignored.append(Ignored(article.id, place.name, role))
                    continue
                if _qualifies(place, prev_place, sentence[prev_end:a]) or (
                    prev_place is not None
                    and _PAREN_OPEN.search(sentence, owner_end, a)
                ):
                    # "Mykhailivka in the Vasylivka district", "Pokrovske,
                    # Dnipropetrovsk region": where the place is, not another one
                    prev_end = b
                    continue
                if big_city_oblasts is None:
                    big_city_oblasts = _big_city_oblasts(mentions)
                if (
                    place.kind == "district"
                    and place.admin1_code not in big_city_oblasts
                ):
                    # a city district counts only if the article names a city
                    # in its oblast
                    ignored.append(
                        Ignored(article.id, place.name, "district elsewhere")
                    )
                    continue
                note = None
                if cues["near"].search(sentence, max(0, a - 40), a):
                    note = f"near {place.name}"
                entry = (place, res.confidence, note, a)
                (officials if role == "official" else struck).append(entry)
                prev_place, prev_end, owner_end = place, b, b
            if not struck:
                # "the mayor of Kharkiv reported strikes": the official's place
                # is the struck one only when the sentence names no other
                struck = officials
            # "In the Zaporizhzhia region, artillery hit Mykhailivka": the region
            # is where the struck places are, not one more strike
            holds = _Holders([e[0] for e in struck])
            struck = [e for e in struck if not holds.struck_in(e[0])]
            abroad = False
            # places abroad struck in this sentence go to the report, never the map
            for fp in foreign_places(sentence):
                if mention_role(sentence, fp.start, fp.end) in _NOT_STRUCK_ABROAD:
                    continue  # "drones launched from the Kursk region"
                if fp.kind != "country" and fp.country in _WAR_ABROAD:
                    if len(outside) < self.max_mentions:
                        outside.append(
                            Outside(article.id, fp.name, fp.country, sentence)
                        )
                    else:
                        outside_over += 1
                    abroad = True
            if not struck:
                if abroad:
                    continue
                recent = last is not None and no - last[0] <= self.carry
                if here:
                    # its places are set aside ("fired towards Kyiv"); if one is
                    # the place just reported, the sentence tells more about it
                    if recent and {r.place.id for _, r in here if r} & {
                        d.place.id for d in last[1]
                    }:
                        for d in last[1]:
                            d.add(sentence, s0)
                    continue
                # no place of its own: the capital, "the city", or more detail
                if cues["capital"].search(sentence):
                    struck.append((self._kyiv, 0.9, None, 0))
                elif recent and not cues["generic"].search(sentence):
                    for d in last[1]:
                        d.add(sentence, s0)
                    last = (no, last[1])  # the story goes on
                    continue
                else:
                    continue
            made = []
            seen: set[str] = set()
            segments = _segments(sentence, [a for *_, a in struck])
            # a sentence no words date reads the same for each of its places
            shared = None
            if len(struck) > 1:
                shared = event_date(sentence, ref)
                if shared.cue not in ("published", ""):
                    shared = None
            for (place, conf, note, anchor), segment in zip(
                struck, segments, strict=True
            ):
                if place.id in seen:
                    continue
                seen.add(place.id)
                guess = shared or event_date(sentence, ref, anchor=anchor)
                dated = guess.cue not in ("published", "")
                if not dated and story is not None and story[0] is block:
                    # an undated sentence goes on with the story's last date
                    guess, dated = story[1], True
                window = guess.window
                if guess.date is not None and window is None:
                    window = (guess.date, guess.date)
                if dated:
                    story = (block, guess)
                if not dated and guess.date is not None:
                    # undated sentence of a news report: that day or the night before
                    window = (_day_before(guess.date), guess.date)
                d = _Draft(
                    place=place,
                    date=guess.date,
                    date_precision=guess.precision,
                    window=window,
                    dated=dated,
                    confidence=conf,
                    note=note,
                )
                d.add(sentence, s0, casualty_text=segment)
                made.append(d)
            drafts.extend(made)
            last = (no, made)
        if outside_over:
            warnings.append(
                f"{len(outside) + outside_over:,} strikes outside Ukraine named; "
                f"only the first {len(outside):,} are listed"
            )
        reports = self._reports(article, _combine(drafts))
        return Extraction(
            article=article.id,
            published=article.published,
            reports=tuple(reports),
            outside=tuple(outside),
            ignored=tuple(ignored),
            warnings=tuple(warnings),
        )

    def _reports(self, article: Article, drafts: Iterable[_Draft]) -> list[Report]:
        out = []
        for d in drafts:
            out.append(
                Report(
                    article=article.id,
                    url=article.url,
                    published=article.published,
                    place=d.place,
                    precision=PRECISION_OF_KIND.get(d.place.kind, "settlement"),
                    date=d.date,
                    date_precision=d.date_precision if d.date else "unknown",
                    window=d.window,
                    killed=d.killed,
                    injured=d.injured,
                    weapons=tuple(sorted(d.weapons)),
                    targets=tuple(sorted(d.targets)),
                    launched=tuple(sorted(d.launched.items())),
                    evidence=tuple(d.evidence.values()),
                    note=d.note,
                    confidence=round(d.confidence, 3),
                )
            )
        return out


_QUALIFIER_GAP = re.compile(
    r"^\)?\s*(?:,|\(|in|of|in the|of the|,\s*in|,\s*in the)?\s*(?:the\s+)?$",
    re.IGNORECASE,
)
_LEVEL = {
    "settlement": 0,
    "feature": 0,
    "district": 1,
    "hromada": 2,
    "raion": 3,
    "oblast": 4,
}


# Inside a parenthesis opened after the previous place: "Chasiv Yar (Bakhmut
# raion, Donetsk)" -- everything in it says where that place is.
_PAREN_OPEN = re.compile(r"\([^()]*$")


def _qualifies(place: Place, prev: Place | None, gap: str) -> bool:
    """Whether ``place`` only says where ``prev`` is ("X in the Y region")."""
    if prev is None or not _QUALIFIER_GAP.match(gap):
        return False
    if prev.kind == "feature" and place.kind == "settlement":
        # "the Dnipro HPP in Zaporizhzhia": the plant, in the city
        return place.admin1_code == prev.admin1_code and _km(place, prev) <= 40.0
    if _LEVEL.get(place.kind, 0) <= _LEVEL.get(prev.kind, 0):
        return False
    if place.admin1_code != prev.admin1_code:
        return False
    if place.kind in ("raion", "hromada") and prev.admin2_code:
        return place.admin2_code == prev.admin2_code
    return True


class _Holders:
    """The lowest level of place struck in each oblast and raion of a sentence."""

    __slots__ = ("_in_oblast", "_in_raion")

    def __init__(self, places: Iterable[Place]):
        self._in_oblast: dict[str, int] = {}
        self._in_raion: dict[tuple[str, str | None], int] = {}
        for p in places:
            level = _LEVEL.get(p.kind, 0)
            a1, a2 = p.admin1_code, (p.admin1_code, p.admin2_code)
            self._in_oblast[a1] = min(level, self._in_oblast.get(a1, level))
            self._in_raion[a2] = min(level, self._in_raion.get(a2, level))

    def struck_in(self, place: Place) -> bool:
        """Whether a raion or oblast holds another of the sentence's places."""
        level = _LEVEL.get(place.kind, 0)
        if level < 2:
            return False
        if place.kind == "oblast":
            lowest = self._in_oblast.get(place.admin1_code, level)
        else:
            lowest = self._in_raion.get((place.admin1_code, place.admin2_code), level)
        return lowest < level


def _big_city_oblasts(mentions) -> set[str]:
    """Oblasts of the cities of 50,000 or more an article's names may be."""
    return {
        p.admin1_code
        for m in mentions
        for p in m.candidates
        if p.kind == "settlement" and p.population >= 50_000
    }


def _segments(sentence: str, anchors: list[int]) -> list[str | None]:
    """The part of a sentence about each of the places it names.

    With one place, the whole sentence (``None``). With several, each place
    gets the words from the previous place up to its own name and, for the
    last, to the end ("Three were killed in A, and a man was killed in B"):
    figures stated once for several places are given to none of them.
    """
    if len(anchors) < 2:
        return [None] * len(anchors)
    order = sorted(range(len(anchors)), key=lambda i: anchors[i])
    out: list[str | None] = [None] * len(anchors)
    prev = 0
    for rank_, i in enumerate(order):
        nxt = anchors[order[rank_ + 1]] if rank_ + 1 < len(order) else None
        end = len(sentence) if nxt is None else nxt
        # up to the place's own name plus the rest of its clause
        cut = sentence.find(",", anchors[i], end)
        stop = end if cut < 0 or cut > end else cut
        out[i] = sentence[prev:stop]
        prev = stop
    return out


def _combine(drafts: list[_Draft]) -> list[_Draft]:
    """Merge one article's drafts that report the same strike.

    Each rule looks only at the drafts of the same place, oblast or raion
    (indexed once), never at every pair.
    """
    out: list[_Draft] = []
    by_place: dict[str, list[_Draft]] = defaultdict(list)
    for d in drafts:
        same = by_place[d.place.id]
        for o in same:
            if _overlap(o, d):
                _absorb(o, d)
                break
        else:
            out.append(d)
            same.append(d)
    # a mention the text does not date (a headline, an aside) of a place the
    # article reports with a date is that dated strike (absorbing an undated
    # draft never makes or unmakes a dated one, so they are counted once)
    dated_of: dict[str, list[_Draft]] = defaultdict(list)
    for o in out:
        if o.dated:
            dated_of[o.place.id].append(o)
    gone: set[int] = set()
    for d in out:
        if not d.dated:
            dated = dated_of.get(d.place.id, ())
            if len(dated) == 1:
                _absorb(dated[0], d)
                gone.add(id(d))
    out = [d for d in out if id(d) not in gone]
    # a part of a city (district, neighbourhood, port) and the city itself on
    # the same day: one strike on the city, the part kept in the note
    cities_in: dict[str, list[_Draft]] = defaultdict(list)
    for o in out:
        if o.place.kind == "settlement" and o.place.population >= 50_000:
            cities_in[o.place.admin1_code].append(o)
    gone = set()
    for d in out:
        if not _city_part(d.place):
            continue
        cities = [
            o
            for o in cities_in.get(d.place.admin1_code, ())
            if o is not d and _km(o.place, d.place) <= 15.0 and _overlap(o, d)
        ]
        if cities:
            city = min(cities, key=lambda o: _km(o.place, d.place))
            _absorb(city, d)
            city.note = "; ".join(x for x in (city.note, d.place.name) if x)
            gone.add(id(d))
    out = [d for d in out if id(d) not in gone]
    # a raion- or oblast-level report and the one smaller place reported in it
    # on that day: the article cannot tell them apart
    for level in ("hromada", "raion", "oblast"):
        rank = _LEVEL[level]
        below: dict[tuple[str, str | None], list[_Draft]] = defaultdict(list)
        for o in out:
            if _LEVEL.get(o.place.kind, 0) < rank:
                a2 = None if level == "oblast" else o.place.admin2_code
                below[(o.place.admin1_code, a2)].append(o)
        gone = set()
        for d in out:
            if d.place.kind != level:
                continue
            a2 = None if level == "oblast" else d.place.admin2_code
            local = []
            for o in below.get((d.place.admin1_code, a2), ()):
                if _overlap(o, d):
                    local.append(o)
                    if len(local) > 1:
                        break  # more than one: the article tells them apart
            if len(local) == 1:
                _absorb(local[0], d)
                gone.add(id(d))
        out = [d for d in out if id(d) not in gone]
    return out


def _city_part(place: Place) -> bool:
    return (
        place.kind == "district"
        or (place.kind == "settlement" and place.feature_code == "PPLX")
        or (place.kind == "feature" and place.feature_code in ("PRT", "RSTN"))
    )


def _km(a: Place, b: Place) -> float:
    return distance_km(a.lat, a.lon, b.lat, b.lon)


@lru_cache(maxsize=1)
def _default_extractor() -> Extractor:
    return Extractor()


def extract(article: Article, gazetteer: Gazetteer | None = None) -> Extraction:
    """Extract the strike reports of one article (see :class:`Extractor`).

    Parameters
    ----------
    article : Article
        The article.
    gazetteer : Gazetteer, optional
        The bundled one by default.

    Returns
    -------
    Extraction
    """
    ex = _default_extractor() if gazetteer is None else Extractor(gazetteer)
    return ex.extract(article)
