"""The gazetteer as one object: look names up, find them in text, resolve them."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from functools import cached_property, lru_cache

from gazetteer import compiled
from gazetteer.exc import PlaceNotFound
from gazetteer.matcher import Matcher
from gazetteer.normalize import fold
from gazetteer.records import Mention, Place, Resolution
from gazetteer.resolve import ARTICLE_BONUS, SENTENCE_BONUS, choose, rank
from gazetteer.store import Store, load_store

__all__ = ["Gazetteer", "get_gazetteer"]

_CONTEXT_SPLIT = compiled.compile(
    r"\s*,\s*|\s+(?:in|near|of)\s+(?:the\s+)?", re.IGNORECASE
)
_LEADING_THE = compiled.compile(r"^\s*the\s+", re.IGNORECASE)
_VILLAGE_CUE = compiled.compile(
    r"\b(?:village|hamlet|settlement)s?\s+(?:of\s+)?", re.IGNORECASE
)
_VILLAGE_BEFORE = compiled.compile(
    r"\b(?:village|hamlet|settlement)s?\s+(?:of\s+)?$", re.IGNORECASE
)
_CITY_CUE = compiled.compile(r"\b(?:city|town)\s+of\s+", re.IGNORECASE)
_CITY_BEFORE = compiled.compile(r"\b(?:city|town)\s+of\s+$", re.IGNORECASE)
# What a match of _VILLAGE_BEFORE or _CITY_BEFORE ends with before the white
# space that ends it ("\s+$": what str.rstrip strips, the same Unicode
# white space): the last letter of "village", "hamlet", "settlement", their
# plurals or "of", in any case (the letters that match them under
# re.IGNORECASE, long s included); "of" alone for _CITY_BEFORE. A text
# stripped that ends otherwise matches neither: it is not searched.
_CUE_ENDS = frozenset("eEtTsSſfF")
_CITY_ENDS = frozenset("fF")
#: Bonus for small places when the text calls the name a village.
VILLAGE_BONUS = 3.0


class Gazetteer:
    """The bundled Ukrainian gazetteer.

    Parameters
    ----------
    store : Store, optional
        Loaded data; the bundled package data by default.

    Examples
    --------
    >>> g = get_gazetteer()
    >>> g.lookup("Kharkov").place.name
    'Kharkiv'
    >>> g.lookup("Donetsk region").place.admin1_code
    'UA-14'
    """

    def __init__(self, store: Store | None = None):
        self.store = store or load_store()
        # context-free answers by key: names repeat a lot in news text
        self._plain: dict[str, tuple] = {}
        # the last article resolve_mentions read: its text, mentions and
        # sentences, and what it worked out of them (see _article)
        self._last_article: tuple | None = None

    @cached_property
    def matcher(self) -> Matcher:
        """The text matcher (built on first use)."""
        return Matcher(self.store)

    def place(self, place_id: str) -> Place:
        """The place with a given id (``"gn:706483"``, ``"iso:UA-63"``).

        Raises
        ------
        PlaceNotFound
            If no place has that id.
        """
        place = self.store.by_id(place_id)
        if place is None:
            raise PlaceNotFound(f"no place with id {place_id!r}")
        return place

    def admin1_units(self) -> tuple[Place, ...]:
        """The 27 first-level units (24 oblasts, Crimea, Kyiv and Sevastopol)."""
        out = []
        for i in range(len(self.store)):
            p = self.store.place(i)
            if p.kind != "oblast":
                break
            out.append(p)
        return tuple(sorted(out, key=lambda p: p.admin1_code))

    def admin1(self, code: str) -> Place:
        """The first-level unit with ISO 3166-2 ``code``."""
        return self.place(f"iso:{code}")

    # -- lookups ----------------------------------------------------------------------

    def lookup(
        self,
        query: str,
        *,
        context: str | Iterable[str] | None = None,
        kind: str | None = None,
    ) -> Resolution | None:
        """Resolve one name to the place it most likely denotes.

        ``query`` may carry its own context after a comma or "in"
        (``"Rubizhne, Kharkiv region"``, ``"Pokrovsk in Donetsk Oblast"``).

        Parameters
        ----------
        query : str
            The name.
        context : str or iterable of str, optional
            Extra context text or ISO 3166-2 codes.
        kind : str, optional
            Only places of this kind.

        Returns
        -------
        Resolution or None
            ``None`` when nothing matches.
        """
        q = query.strip()
        if q[:4].lower() == "the ":
            q = _LEADING_THE.sub("", q)
        key = fold(q)
        if not context and kind is None:
            cached = self._plain.get(key)
            if cached is not None:
                return Resolution(query, *cached) if cached else None
        entries = self.store.entries(key)
        ctx_text = [context] if isinstance(context, str) else list(context or [])
        if not entries:
            parts = _CONTEXT_SPLIT.split(q, maxsplit=1)
            if len(parts) == 2 and parts[0]:
                entries = self.store.entries(fold(parts[0]))
                ctx_text.append(parts[1])
                query_name = parts[0]
            else:
                query_name = q
        else:
            query_name = q
        if not entries:
            # a bare name written with a region word we do not index
            return None
        ranked = rank(
            entries, self._context_bonus(ctx_text, skip=fold(query_name)), kind=kind
        )
        res = choose(query_name, ranked)
        if res is None:
            return None
        if not context and kind is None and query_name == q:
            if len(self._plain) > 200_000:
                self._plain.clear()
            self._plain[key] = (
                res.place,
                res.confidence,
                res.why,
                res.alternatives,
                res.score,
            )
        return Resolution(
            query, res.place, res.confidence, res.why, res.alternatives, res.score
        )

    def geocode(self, query: str, **kwargs) -> Place:
        """Like :meth:`lookup` but return the place or raise :class:`PlaceNotFound`."""
        res = self.lookup(query, **kwargs)
        if res is None:
            raise PlaceNotFound(f"no place matches {query!r}")
        return res.place

    def _context_bonus(self, context, skip: str = "") -> dict[str, float]:
        if not context:
            return {}
        items = [context] if isinstance(context, str) else list(context)
        bonus: dict[str, float] = {}
        for item in items:
            if re.fullmatch(r"UA-\d\d|UA\d{4}", item):
                bonus[item] = SENTENCE_BONUS
                continue
            if _VILLAGE_CUE.search(item):
                bonus["village"] = VILLAGE_BONUS
            if _CITY_CUE.search(item):
                bonus["city"] = VILLAGE_BONUS
            for m in self.matcher.find(item):
                if m.key == skip:
                    continue  # the name itself is no context for itself
                for code, weight in _codes_named(m):
                    bonus[code] = max(bonus.get(code, 0.0), SENTENCE_BONUS * weight)
        return bonus

    # -- text --------------------------------------------------------------------------
    def find_mentions(self, text: str) -> list[Mention]:
        """Every gazetteer mention in ``text`` (see :class:`Matcher`)."""
        return self.matcher.find(text)

    def _article(
        self,
        text: str,
        mentions: Sequence[Mention],
        sentences: Sequence[tuple[int, int]],
    ) -> tuple:
        """:func:`_tables` of an article, kept for the next call on the same one.

        The extraction resolves the mentions of an article again for the
        items of a strike list it finds later (``only`` other mentions): the
        same text, the same Mention objects, the same sentences. Everything
        the tables and a mention's first reading depend on is in these three
        (the rest is the gazetteer's, which does not change), so the last
        article's are reused when all three are the same: the text equal,
        each mention the same object, the sentences equal.
        """
        sentences = tuple(sentences)
        last = self._last_article
        if (
            last is not None
            and last[0] == text
            and len(last[1]) == len(mentions)
            and all(a is b for a, b in zip(last[1], mentions, strict=True))
            and last[2] == sentences
        ):
            return last[3]
        tables = _tables(mentions, sentences)
        self._last_article = (text, tuple(mentions), sentences, tables)
        return tables

    def resolve_mentions(
        self,
        text: str,
        mentions: list[Mention] | None = None,
        *,
        only: set[int] | None = None,
        sentences: Sequence[tuple[int, int]] | None = None,
    ) -> list[tuple[Mention, Resolution]]:
        """Resolve each mention of ``text`` using the oblasts named around it.

        An oblast named in the same sentence gives a strong bonus, one named
        anywhere in the text a weak one; an unambiguous city counts as naming
        its oblast.

        The gazetteer splits no sentences: the caller's splitter (which knows
        the text's language: ``geo.extract.sentences``) gives them.  Without
        them, each line is read as one sentence.

        Parameters
        ----------
        text : str
            The text.
        mentions : list of Mention, optional
            Its mentions, if already found.
        only : set of int, optional
            Resolve only the mentions at these indices (all of them still serve
            as context).
        sentences : sequence of (int, int), optional
            The ``(start, end)`` offsets of the sentences of ``text``, in
            order and not overlapping.

        Returns
        -------
        list of (Mention, Resolution)
            In text order.
        """
        if mentions is None:
            mentions = self.find_mentions(text)
        if not mentions:
            return []
        if sentences is None:
            sentences = _lines(text)
        sentence_no, codes_of, by_sentence, overall, article, shared, firsts = (
            self._article(text, mentions, sentences)
        )
        out: list[tuple[Mention, Resolution]] = []
        contexts: list[dict[str, float]] = []
        kept: list[int] = []
        for i, m in enumerate(mentions):
            if only is not None and i not in only:
                continue
            first = firsts.get(i)
            if first is None:
                # The context of a mention is the strongest naming of each
                # code by another mention: for a code the mention itself does
                # not name, the top of the tables, the same for every mention
                # of a sentence (computed once per sentence); only the codes
                # it names are worked out for the mention itself.
                sentence = by_sentence.get(sentence_no[i], {})
                base = shared.get(sentence_no[i])
                if base is None:
                    base = shared[sentence_no[i]] = _sentence_context(article, sentence)
                ctx = dict(base)
                for code, _ in codes_of[i]:
                    w = _context_of_code(overall, sentence, code, i)
                    if w is None:
                        ctx.pop(code, None)
                    else:
                        ctx[code] = w
                raion = _raion_after(text, mentions, i)
                if raion:  # "Михайлівці Запорізького району": that raion's
                    ctx[raion] = QUALIFIER_BONUS
                for code in _units_after(text, mentions, i):
                    # "Antonivka, Kharkiv", "Myrne, Kupiansk district, Kharkiv"
                    ctx[code] = QUALIFIER_BONUS
                cue = _cue_before(text, m.start)
                if cue:  # "the village of", "the city of"
                    ctx[cue] = VILLAGE_BONUS
                first = firsts[i] = (choose(m.surface, rank(m.entries, ctx)), ctx)
            res, ctx = first
            if res is not None:
                out.append((m, res))
                contexts.append(ctx)
                kept.append(i)
        return _second_reading(out, contexts, [sentence_no[i] for i in kept])


def _tables(mentions: Sequence[Mention], sentences: Sequence[tuple[int, int]]) -> tuple:
    """What :meth:`Gazetteer.resolve_mentions` reads of an article's mentions.

    The sentence of each mention, the codes each names, and the codes named
    in each sentence and in the whole text, with the two strongest mentions
    naming each (so a name is no context for itself); linear in the number
    of mentions, however long the text. Also the article's part of every
    context, an empty dict for the context of each sentence (filled as
    asked) and one for the first reading of each mention.
    """
    starts = [s for s, _ in sentences]
    # the sentence starting at or before each mention (-1: before the first)
    sentence_no = [bisect_right(starts, m.start) - 1 for m in mentions]
    codes_of = [_codes_named(m) for m in mentions]
    by_sentence: dict[int, dict[str, list[tuple[float, int]]]] = {}
    overall: dict[str, list[tuple[float, int]]] = {}
    for i, codes in enumerate(codes_of):
        for code, weight in codes:
            for table in (by_sentence.setdefault(sentence_no[i], {}), overall):
                top = table.setdefault(code, [])
                top.append((weight, i))
                top.sort(reverse=True)
                del top[2:]
    shared: dict[int, dict[str, float]] = {}
    firsts: dict[int, tuple[Resolution | None, dict[str, float]]] = {}
    article = _context(overall, {}, -1)
    return sentence_no, codes_of, by_sentence, overall, article, shared, firsts


def _cue_before(text: str, start: int) -> str:
    """``"village"`` or ``"city"`` when the 30 characters before ``start`` end in a cue.

    ``_VILLAGE_BEFORE`` first, then ``_CITY_BEFORE``, searched only when the
    window stripped on the right ends with a letter one of their matches can
    end with (:data:`_CUE_ENDS`); "" when neither matches.
    """
    lo = max(0, start - 30)
    last = text[lo:start].rstrip()[-1:]
    if last not in _CUE_ENDS:
        return ""
    if _VILLAGE_BEFORE.search(text, lo, start):
        return "village"
    if last in _CITY_ENDS and _CITY_BEFORE.search(text, lo, start):
        return "city"
    return ""


def _context(
    overall: dict[str, list[tuple[float, int]]],
    sentence: dict[str, list[tuple[float, int]]],
    i: int,
) -> dict[str, float]:
    """The bonus of each code named by a mention other than ``i``.

    ``overall`` and ``sentence`` hold the two strongest ``(weight, mention)``
    namings of each code in the text and in the sentence of mention ``i``;
    a code named in the sentence takes the sentence bonus when that is
    larger.
    """
    ctx: dict[str, float] = {}
    for code, top in overall.items():
        w = next((w for w, j in top if j != i), 0.0)
        if w:
            ctx[code] = ARTICLE_BONUS * w
    for code, top in sentence.items():
        w = next((w for w, j in top if j != i), 0.0)
        if w and SENTENCE_BONUS * w > ctx.get(code, 0.0):
            ctx[code] = SENTENCE_BONUS * w
    return ctx


def _sentence_context(
    article: dict[str, float], sentence: dict[str, list[tuple[float, int]]]
) -> dict[str, float]:
    """:func:`_context` for a mention that names no code, from its article part.

    ``article`` is ``_context(overall, {}, -1)``: the strongest naming of
    each code in the text; the sentence's strongest namings are added.
    """
    ctx = dict(article)
    for code, top in sentence.items():
        w = top[0][0]
        if w and SENTENCE_BONUS * w > ctx.get(code, 0.0):
            ctx[code] = SENTENCE_BONUS * w
    return ctx


def _context_of_code(
    overall: dict[str, list[tuple[float, int]]],
    sentence: dict[str, list[tuple[float, int]]],
    code: str,
    i: int,
) -> float | None:
    """What :func:`_context` gives ``code`` for mention ``i`` (None: nothing)."""
    bonus = None
    w = next((w for w, j in overall.get(code, ()) if j != i), 0.0)
    if w:
        bonus = ARTICLE_BONUS * w
    w = next((w for w, j in sentence.get(code, ()) if j != i), 0.0)
    if w and SENTENCE_BONUS * w > (0.0 if bonus is None else bonus):
        bonus = SENTENCE_BONUS * w
    return bonus


_LINE = compiled.compile(r"[^\n]+")
#: A first reading this sure, of a settlement, raion or feature, says where its
#: namesakes elsewhere in the text and its neighbours in the sentence are.
SURE = 0.9
#: Bonus for a candidate that is a place another mention of the text was
#: surely resolved to (the same name read twice is the same place): given to
#: its raion (or oblast), as strong as an oblast named in the sentence.
SAME_PLACE_BONUS = SENTENCE_BONUS
#: Bonus for a candidate in the oblast of a place surely resolved in the same
#: sentence ("Bilozerka, Stanislav and Tokarivka": villages of one front), for
#: each such place, up to two.
NEIGHBOUR_BONUS = 2.0
#: Bonus for a candidate in the oblast of several places surely resolved
#: anywhere in the text (at least :data:`TEXT_NEIGHBOURS` of them): more than
#: the oblast named elsewhere in the text gives, less than one named in the
#: sentence.
TEXT_NEIGHBOUR_BONUS = 3.0
TEXT_NEIGHBOURS = 3
_LOCAL = frozenset({"settlement", "raion", "hromada", "feature", "district"})
# Qualities of a former or another name: such a name names no place again.
_OLD_NAMES = frozenset("fo")


def _second_reading(
    first: list[tuple[Mention, Resolution]],
    contexts: list[dict[str, float]],
    sentence_no: list[int],
) -> list[tuple[Mention, Resolution]]:
    """Resolve again, knowing where the sure mentions of the text are.

    A mention one of whose candidates is the place another mention was surely
    resolved to takes that place's raion as context (a name repeated in a
    text is one place: "shelled Dniprovske, Kherson district ... 2 injured
    in Dniprovske"); a mention not surely resolved takes the oblasts of the
    places surely resolved in its sentence as weak context (namesakes follow
    the front their neighbours are on), and the oblast of three or more
    surely resolved anywhere in the text a little more than an oblast named
    elsewhere gives (an oblast's summary lists its villages line by line).
    One pass over the first answers: linear.
    """
    sure: dict[str, Place] = {}
    owner: dict[str, int] = {}  # place id -> the first sure mention naming it
    by_sentence: dict[int, dict[str, set[int]]] = {}
    in_text: dict[str, set[int]] = {}  # oblast -> the sure mentions in it
    for k, (_, r) in enumerate(first):
        p = r.place
        if r.confidence < SURE or p.kind not in _LOCAL:
            continue
        sure.setdefault(p.id, p)
        owner.setdefault(p.id, k)
        codes = by_sentence.setdefault(sentence_no[k], {})
        codes.setdefault(p.admin1_code, set()).add(k)
        in_text.setdefault(p.admin1_code, set()).add(k)
    if not sure:
        return first
    out = []
    for k, (m, r) in enumerate(first):
        extra: dict[str, float] = {}
        for p, quality in m.entries:
            if quality in _OLD_NAMES:
                continue  # Nikopol is named again, not by its 18th-century name
            o = owner.get(p.id)
            if o is not None and o != k and p.id != r.place.id:
                code = (p.admin2_code if p.kind != "raion" else "") or p.admin1_code
                extra[code] = SAME_PLACE_BONUS
        if r.confidence < SURE:
            for code, who in by_sentence.get(sentence_no[k], {}).items():
                others = len(who - {k})
                if others and code not in extra:
                    extra[code] = NEIGHBOUR_BONUS * min(others, 2)
            # the text's other sure places, wherever they stand: an oblast's
            # day summary lists villages of that oblast line by line
            # (asked only where it may change the answer: of an oblast not
            # the answer's that a candidate is in; the others counted without
            # a new set)
            home = r.place.admin1_code
            for code, who in in_text.items():
                if (
                    code != home
                    and code not in extra
                    and len(who) - (k in who) >= TEXT_NEIGHBOURS
                    and any(p.admin1_code == code for p, _ in m.entries)
                ):
                    extra[code] = TEXT_NEIGHBOUR_BONUS
        if not extra:
            out.append((m, r))
            continue
        ctx = dict(contexts[k])
        for code, bonus in extra.items():
            ctx[code] = max(ctx.get(code, 0.0), bonus)
        res = choose(m.surface, rank(m.entries, ctx))
        if res is not None and res.place.id != r.place.id:
            r = res
        out.append((m, r))
    return out


#: Bonus for a candidate in the raion (or hromada) named right after a
#: Ukrainian name, in the genitive: it says which namesake is meant, more than
#: an oblast named in the sentence (a village of no known population beats
#: a town of 12,000 in another raion of the same oblast).
QUALIFIER_BONUS = 2 * SENTENCE_BONUS
_QUALIFIER_GAP = compiled.compile(r"[ \t]*,?[ \t]*")


def _raion_after(text: str, mentions: list[Mention], i: int) -> str:
    """The raion code a unit right after a Ukrainian settlement name gives it.

    "Олександрівка Кропивницького району", "Михайлівка Гуляйпільської
    громади": the p-code of the one raion of the unit named right after
    mention ``i`` (only a comma between), or "" (also for Latin names: the
    English rules read "X, Y district" in the discourse stage).
    """
    m = mentions[i]
    if i + 1 >= len(mentions) or m.key.isascii():
        return ""
    nxt = mentions[i + 1]
    if nxt.key.isascii() or not _QUALIFIER_GAP.fullmatch(text, m.end, nxt.start):
        return ""
    if not nxt.entries or any(
        p.kind not in ("raion", "hromada") for p in nxt.candidates
    ):
        return ""
    codes = {p.admin2_code or "" for p in nxt.candidates}
    return codes.pop() if len(codes) == 1 else ""


# Between a Latin name and the unit that says where it is: "Myrne, Kupiansk
# district", "Lyptsi (Kharkiv region)", "Pokrovsk in the Donetsk region".
_UNIT_GAP = compiled.compile(
    r"[ \t]*(?:,|\(|[ \t]in(?:[ \t]+the)?)[ \t]*|\)?[ \t]*,[ \t]*"
)
# Between the members of a list of places: "Kurylivka and Hlushkivka, ...".
_LIST_GAP = compiled.compile(r"[ \t]*(?:,[ \t]*(?:and[ \t]+)?|[ \t]+and[ \t]+)")


def _units_after(text: str, mentions: list[Mention], i: int) -> list[str]:
    """The raion and oblast codes that the units after a Latin name give it.

    "Myrne, Kupiansk district, Kharkiv" gives Myrne the raion and the oblast;
    so does it each place of a list before them ("Kurylivka and Hlushkivka,
    Kupiansk district"). Only units (raions, hromadas, oblasts, region forms)
    count, each after a comma, an opening parenthesis or "in".
    """
    m = mentions[i]
    j, n = i + 1, len(mentions)
    if j >= n or mentions[j].start - m.end > 12 or not m.key.isascii():
        return []  # no unit right after (the gaps below are short)
    if _unit_codes(m) is not None:
        return []
    while (  # the rest of a list of places
        j < n
        and j - i <= 4
        and _unit_codes(mentions[j]) is None
        and _LIST_GAP.fullmatch(text, mentions[j - 1].end, mentions[j].start)
    ):
        j += 1
    codes: list[str] = []
    while j < n and _UNIT_GAP.fullmatch(text, mentions[j - 1].end, mentions[j].start):
        unit = _unit_codes(mentions[j])
        if not unit:
            break
        codes.extend(unit)
        j += 1
    return codes


def _unit_codes(m: Mention) -> list[str] | None:
    """The code a unit mention names (a raion's p-code, an oblast's ISO code).

    None for a mention that is no unit; an empty list for a unit of several
    namesakes.
    """
    if not m.key.isascii():
        return None
    entries = m.entries  # (the candidates, with no tuple made of them)
    if m.form == "region" or all(p.kind == "oblast" for p, _ in entries):
        codes = {p.admin1_code for p, _ in entries if p.kind == "oblast"}
        return sorted(codes) if len(codes) == 1 else []
    if entries and all(p.kind in ("raion", "hromada") for p, _ in entries):
        raions = {p.admin2_code or "" for p, _ in entries}
        return sorted(raions) if len(raions) == 1 and "" not in raions else []
    return None


def _lines(text: str) -> list[tuple[int, int]]:
    """The lines of a text as ``(start, end)`` offsets: sentences by default."""
    return [m.span() for m in _LINE.finditer(text)]


def _codes_named(m: Mention) -> list[tuple[str, float]]:
    """Oblast and raion codes a mention names, with a weight (1 = named outright)."""
    entries = m.entries
    # a mention whose first candidate is no oblast, not in a region form, names
    # no oblast outright (_oblasts_named gives nothing): not asked
    if m.form == "region" or not entries or entries[0][0].kind == "oblast":
        codes = [(c, 1.0) for c in _oblasts_named(m)]
        if codes:
            return codes
    # a mention's entries may be narrowed by its article ("у Покровському
    # районі Дніпропетровської області"): the codes remembered for its key
    # serve only a mention with the same entries, whatever article came first
    cached = _PLAIN_CODES.get(m.key)
    if cached is not None and (cached[0] is entries or cached[0] == entries):
        return cached[1]
    if len(_PLAIN_CODES) > 100_000:
        _PLAIN_CODES.clear()
    codes = _plain_codes(entries)
    _PLAIN_CODES[m.key] = (entries, codes)
    return codes


_PLAIN_CODES: dict[str, tuple[tuple, list[tuple[str, float]]]] = {}


def _plain_codes(entries: tuple) -> list[tuple[str, float]]:
    """Codes a bare name implies whatever the text: a raion, or a big city's oblast."""
    kinds = {p.kind for p, _ in entries}
    if kinds == {"raion"}:
        raions = {p.admin2_code for p, _ in entries}
        if len(raions) == 1:
            p = entries[0][0]
            return [(p.admin2_code, 0.5), (p.admin1_code, 1.0)]
        return []
    # only a place of 100,000 people or more can be the answer: a list with
    # none is answered without ranking it (rank only orders these places)
    if not any(p.population >= 100_000 for p, _ in entries):
        return []
    top = rank(entries)
    if (
        top
        and top[0].place.population >= 100_000
        and (len(top) == 1 or top[0].score - top[1].score > 3)
    ):
        return [(top[0].place.admin1_code, 0.5)]
    return []


def _oblasts_named(m: Mention) -> list[str]:
    if m.form == "region" or all(p.kind == "oblast" for p, _ in m.entries):
        return sorted({p.admin1_code for p, _ in m.entries if p.kind == "oblast"})
    return []


@lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    """The process-wide :class:`Gazetteer` over the bundled data."""
    return Gazetteer()
