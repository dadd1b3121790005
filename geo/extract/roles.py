"""Stages 2 and 3, roles and struck places: which places a sentence says were hit.

- :func:`reports_strike` tells whether a sentence with attack words reports a
  strike at all (not "no attacks were reported", "repelled 45 assaults near
  Pokrovsk", "has struck Kyiv 20 times this year");
- :func:`assign_roles` gives each place the sentence names a role: struck,
  an official's place ("the mayor of Kharkiv said"), or named for another
  reason (talks, a captured town, "west of Kyiv", a city district of
  another oblast), set aside with the reason;
- :func:`struck_places` keeps the places struck: an official's place only
  when the sentence names no other, and a raion or oblast only when no
  smaller place of the sentence lies in it;
- :func:`strikes_abroad` lists the strikes it places outside Ukraine.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from gazetteer.frozen import quick_init
from gazetteer.geodesy import distance_km
from gazetteer.records import Mention, Place
from geo.extract.attributes import weapons
from geo.extract.cues import (
    NOT_EVENT_ROLES,
    Discourse,
    discourse,
    foreign_places,
    mention_role,
)
from geo.extract.lexicon import ForeignPlace
from geo.extract.mentions import Sentence
from geo.extract.records import LEVEL_OF_KIND, Ignored, Outside
from geo.lang import Language

__all__ = [
    "CityOblasts",
    "Roles",
    "StruckPlace",
    "assign_roles",
    "lowest_places",
    "part_of",
    "reports_strike",
    "strikes_abroad",
    "struck_places",
]

# Countries whose places a strike report may name as struck (reported as
# outside coverage, never mapped).
_WAR_ABROAD = frozenset({"RU", "BY", "MD"})
_NOT_STRUCK_ABROAD = frozenset(
    {
        "launch_site",
        "origin",
        "direction",
        "talks",
        "visit",
        "statement",
        "name",
        "airspace",
    }
)
# Inside a parenthesis opened after the previous place: "Chasiv Yar (Bakhmut
# raion, Donetsk)" -- everything in it says where that place is.
_PAREN_OPEN = re.compile(r"\([^()]*$")
# The cues of a sentence that reports a strike only with a weapon named when
# it has ground-combat or habitual words.
_BARE_CUES = frozenset({"attack", "defence"})
#: The note of a strike "near" a place (output, in the table's language).
NEAR_NOTE = "near {}"


@quick_init
@dataclass(frozen=True, slots=True)
class StruckPlace:
    """A place a sentence reports as struck.

    Attributes
    ----------
    place : Place
        The place.
    confidence : float
        How sure its resolution was.
    note : str or None
        ``"near X"`` when the sentence says the strike was near it.
    anchor : int
        Offset of its name in the sentence (0 for a place no name gives).
    """

    place: Place
    confidence: float
    note: str | None
    anchor: int


@quick_init
@dataclass(frozen=True, slots=True)
class Roles:
    """The places of one sentence by role.

    Attributes
    ----------
    struck : tuple of StruckPlace
        Places named as struck, in order.
    officials : tuple of StruckPlace
        Places named in an official's title ("the mayor of Kharkiv").
    ignored : tuple of Ignored
        Places named for another reason, with the reason.
    """

    struck: tuple[StruckPlace, ...]
    officials: tuple[StruckPlace, ...]
    ignored: tuple[Ignored, ...]


#: The roles of a sentence that names no place (shared: it is immutable).
_NO_ROLES = Roles((), (), ())


class CityOblasts:
    """The oblasts of the cities of 50,000 or more an article's names may be.

    Worked out on first use: only a city district needs it (a district counts
    only when the article names a city in its oblast).  The capital counts
    as named when the article calls it so ("у Шевченківському районі
    столиці", "the capital's Solomianskyi district").

    Parameters
    ----------
    mentions : iterable of Mention
        Every gazetteer name of the article.
    text : str, optional
        The article's text, read for the phrases naming the capital.
    lang : Language, optional
        Its language (English by default).
    capital : str, optional
        The capital's ``admin1_code``; None: the capital is named only by
        its names.
    """

    __slots__ = ("_mentions", "_codes", "_text", "_lang", "_capital")

    def __init__(
        self,
        mentions: Iterable[Mention],
        text: str = "",
        lang: Language | None = None,
        capital: str | None = None,
    ):
        self._mentions = mentions
        self._codes: frozenset[str] | None = None
        self._text = text
        self._lang = lang
        self._capital = capital

    def __contains__(self, code: object) -> bool:
        if self._codes is None:
            codes = {
                p.admin1_code
                for m in self._mentions
                for p in m.candidates
                if p.kind == "settlement" and p.population >= 50_000
            }
            capital = self._capital
            if (
                capital is not None
                and capital not in codes
                and discourse(self._lang).capital.search(self._text)
            ):
                codes.add(capital)
            self._codes = frozenset(codes)
        return code in self._codes


def reports_strike(sentence: Sentence, lang: Language | None = None) -> bool:
    """Whether a sentence with attack words reports a strike.

    Not when it says a strike did not happen, tells of something about
    strikes (an exhibition, a trial), or has only ground-combat or habitual
    attack words and names no weapon ("repelled 45 attacks near Pokrovsk",
    "has struck Kyiv 20 times this year").

    Parameters
    ----------
    sentence : Sentence
        A sentence whose cues can report a strike.
    lang : Language, optional
        English by default.

    Returns
    -------
    bool
    """
    d = discourse(lang)
    text = sentence.text
    if not sentence.cues <= _BARE_CUES:
        # negation or not_report (one search); ground combat is no matter
        return d.quick_no_report.search(text) is None
    # bare cues: both questions in one search (any_bar), which finds nothing
    # in most sentences; a match of either says which it is
    m = d.quick_any_bar.search(text)
    if m is None:
        return True  # neither list matches
    if m["no"] is not None:
        return False  # "No attacks were reported": what no_report finds
    # ground combat or habitual first: a negation may still follow it
    if d.quick_no_report.search(text):
        return False
    return bool(weapons(text, lang))


def assign_roles(
    sentence: Sentence,
    article: str,
    cities: CityOblasts | frozenset[str],
    lang: Language | None = None,
) -> Roles:
    """Say why a sentence names each of its resolved places.

    A place that only says where the previous one is ("Mykhailivka in the
    Vasylivka district", "Pokrovske, Dnipropetrovsk region", "Izium,
    Kharkiv" when the gazetteer read "Kharkiv" as the oblast, anything in a
    parenthesis after it) is no place of its own and is skipped. A city
    district right after its city ("Kharkiv city - Kyivskyi district",
    "Kyiv (Pecherskyi district)") is the place, the city no second one.

    Parameters
    ----------
    sentence : Sentence
        The sentence, with its mentions.
    article : str
        The article's id (for the :class:`Ignored` records).
    cities : CityOblasts or set of str
        The oblasts of the big cities the article names.
    lang : Language, optional
        English by default.

    Returns
    -------
    Roles
    """
    if not sentence.mentions:
        return _NO_ROLES  # what the loop below gives a sentence with no names
    d = discourse(lang)
    possessive = d.possessive
    text = sentence.text
    struck: list[StruckPlace] = []
    officials: list[StruckPlace] = []
    ignored: list[Ignored] = []
    prev: Place | None = None
    prev_end = owner_end = 0
    for pm in sentence.mentions:
        res = pm.resolution
        if res is None:
            continue  # nothing in the gazetteer fits it well enough
        a, b = pm.start, pm.end
        # the role rules read a possessive themselves ("Kyiv's allies"); one
        # endswith() of them all first, as most names end with none
        bare = b
        if pm.surface.endswith(possessive):
            bare = next(b - len(p) for p in possessive if pm.surface.endswith(p))
        role = mention_role(text, a, bare, lang)
        place = res.place
        if role in NOT_EVENT_ROLES:
            ignored.append(Ignored(article, place.name, role or ""))
            continue
        if (
            struck
            and struck[-1].place is prev
            and prev is not None
            and part_of(place, prev)
            and d.city_part_gap.match(text[prev_end:a])
        ):
            # "Kharkiv city - Kyivskyi district": the district, not the city too
            struck[-1] = StruckPlace(place, res.confidence, struck[-1].note, a)
            prev, prev_end, owner_end = place, b, b
            continue
        if (
            prev is not None
            and place.admin1_code == prev.admin1_code
            and _located_by(text, prev_end, a, d)
        ):
            # "in Antonivka, on the outskirts of Kherson": where Antonivka is
            prev_end = b
            continue
        if qualifies(place, prev, text[prev_end:a], lang) or (
            prev is not None and _PAREN_OPEN.search(text, owner_end, a)
        ):
            prev_end = b  # where the place is, not another one
            continue
        if place.kind == "district" and place.admin1_code not in cities:
            ignored.append(Ignored(article, place.name, "district elsewhere"))
            continue
        near = d.near.search(text, max(0, a - 40), a)
        entry = StruckPlace(
            place, res.confidence, NEAR_NOTE.format(place.name) if near else None, a
        )
        (officials if role == "official" else struck).append(entry)
        prev, prev_end, owner_end = place, b, b
    return Roles(tuple(struck), tuple(officials), tuple(ignored))


def struck_places(roles: Roles) -> tuple[StruckPlace, ...]:
    """The places a sentence reports as struck.

    An official's place is the struck one only when the sentence names no
    other ("the mayor of Kharkiv reported strikes"); a raion or oblast holding
    another of the sentence's struck places is where they are, not one more
    strike ("In the Zaporizhzhia region, artillery hit Mykhailivka").

    Parameters
    ----------
    roles : Roles
        The sentence's places by role.

    Returns
    -------
    tuple of StruckPlace
    """
    struck = roles.struck or roles.officials
    if len(struck) < 2:
        # a place alone holds no other: the lowest level struck in its oblast
        # and raion is its own (see _Holders), so it stays
        return tuple(struck)
    holds = _Holders(p.place for p in struck)
    return tuple(p for p in struck if not holds.struck_in(p.place))


def strikes_abroad(
    sentence: str,
    article: str,
    lang: Language | None = None,
    *,
    foreign: Iterable[ForeignPlace] | None = None,
) -> tuple[Outside, ...]:
    """The places outside Ukraine a sentence reports as struck.

    Only in the countries at war with Ukraine or hosting its enemy's forces;
    not a launch site, an origin, a bearing, talks or a statement ("drones
    launched from the Kursk region").

    Parameters
    ----------
    sentence : str
        A sentence that reports a strike.
    article : str
        The article's id.
    lang : Language, optional
        English by default.
    foreign : iterable of ForeignPlace, optional
        ``foreign_places(sentence, lang)``, when the caller has it already
        (it is read otherwise).

    Returns
    -------
    tuple of Outside
    """
    out = []
    if foreign is None:
        foreign = foreign_places(sentence, lang)
    for fp in foreign:
        # the cheap test first: a place that could not be kept is never
        # judged (mention_role is pure, so skipping it changes nothing)
        if fp.kind == "country" or fp.country not in _WAR_ABROAD:
            continue
        if mention_role(sentence, fp.start, fp.end, lang) in _NOT_STRUCK_ABROAD:
            continue
        out.append(Outside(article, fp.name, fp.country, sentence))
    return tuple(out)


def qualifies(
    place: Place, prev: Place | None, gap: str, lang: Language | None = None
) -> bool:
    """Whether ``place`` only says where ``prev`` is ("X in the Y region").

    Parameters
    ----------
    place : Place
        A place named after ``prev``.
    prev : Place or None
        The previous place of the sentence.
    gap : str
        The words between their names.
    lang : Language, optional
        English by default.

    Returns
    -------
    bool
    """
    if prev is None or not discourse(lang).qualifier_gap.match(gap):
        return False
    if prev.kind == "feature" and place.kind == "settlement":
        # "the Dnipro HPP in Zaporizhzhia": the plant, in the city
        return place.admin1_code == prev.admin1_code and km(place, prev) <= 40.0
    if LEVEL_OF_KIND.get(place.kind, 0) <= LEVEL_OF_KIND.get(prev.kind, 0):
        return False
    if place.admin1_code != prev.admin1_code:
        return False
    if place.kind in ("raion", "hromada") and prev.admin2_code:
        return place.admin2_code == prev.admin2_code
    return True


def _located_by(text: str, prev_end: int, start: int, d: Discourse) -> bool:
    """Whether the words before a place say where the previous place is.

    "Antonivka, on the outskirts of Kherson", "Kizomys, a village near
    Kherson": the second place locates the first and is no strike of its own.
    """
    m = d.near.search(text, prev_end, start)
    return (
        m is not None
        and d.located_head.fullmatch(text, prev_end, m.start()) is not None
    )


def part_of(place: Place, city: Place) -> bool:
    """Whether ``place`` is a part of the settlement ``city`` (a district of it).

    A city district (or a neighbourhood, GeoNames ``PPLX``) whose parent is
    the city, or which lies in its oblast within 20 km of it.

    Parameters
    ----------
    place, city : Place
        The part and the city.

    Returns
    -------
    bool
    """
    if city.kind != "settlement" or not (
        place.kind == "district"
        or (place.kind == "settlement" and place.feature_code == "PPLX")
    ):
        return False
    if place.parent:
        return place.parent == city.id
    return place.admin1_code == city.admin1_code and km(place, city) <= 20.0


def lowest_places(places: Sequence[Place]) -> list[Place]:
    """The places no raion, hromada or oblast among them is held by another of.

    A raion or oblast holding another of ``places`` (the lowest level named
    in its oblast or raion is lower) is left out, as :func:`struck_places`
    leaves it out of a sentence's struck places.

    Parameters
    ----------
    places : sequence of Place
        Distinct places.

    Returns
    -------
    list of Place
        In the order given.
    """
    holds = _Holders(places)
    return [p for p in places if not holds.struck_in(p)]


class _Holders:
    """The lowest level of place struck in each oblast and raion of a sentence."""

    __slots__ = ("_in_oblast", "_in_raion")

    def __init__(self, places: Iterable[Place]):
        self._in_oblast: dict[str, int] = {}
        self._in_raion: dict[tuple[str, str | None], int] = {}
        for p in places:
            level = LEVEL_OF_KIND.get(p.kind, 0)
            a1, a2 = p.admin1_code, (p.admin1_code, p.admin2_code)
            self._in_oblast[a1] = min(level, self._in_oblast.get(a1, level))
            self._in_raion[a2] = min(level, self._in_raion.get(a2, level))

    def struck_in(self, place: Place) -> bool:
        """Whether a raion or oblast holds another of the sentence's places."""
        level = LEVEL_OF_KIND.get(place.kind, 0)
        if level < 2:
            return False
        if place.kind == "oblast":
            lowest = self._in_oblast.get(place.admin1_code, level)
        else:
            lowest = self._in_raion.get((place.admin1_code, place.admin2_code), level)
        return lowest < level


def km(a: Place, b: Place) -> float:
    """Great-circle distance between two places, in km."""
    return distance_km(a.lat, a.lon, b.lat, b.lon)
