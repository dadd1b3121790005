"""Finding gazetteer names in running text, with character offsets.

One pass over the text: a regular expression finds capitalized words; a word
whose folded form starts some gazetteer name (a dict lookup) is extended with
the following words, and the longest name is taken.  Only capitalized words
start a name, so ordinary English words that are also village names
("union", "bar") never fire in lower case; capitalized ones are judged by
the reviewed data in ``gazetteer/lexicon/`` (a stop-list, and the words that
may or may not stand next to a place name), never by conditionals here.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cached_property
from importlib import resources

from gazetteer.normalize import fold, fold_token
from gazetteer.records import Mention
from gazetteer.store import Store

__all__ = ["Matcher", "MatcherRules", "load_rules"]

# A capitalized word (Latin or Cyrillic) not glued to a preceding word.
# A capitalized word. findall returns the words; positions are found only for
# the few that start a name.
_CAP = re.compile(r"[A-ZА-ЯЁІЇЄҐÀ-ÖØ-Þ][\w'’ʼ]*")
_GLUE = frozenset("'’ʼ")
# The next word of a multi-word name: spaces or one hyphen/dash between.
_NEXT = re.compile(r"[ \t]*(?:[-‐‑–—][ \t]*)?([\w'’ʼ]+)")
_NEXT_CAP = re.compile(r"[ \t]+([A-Z\u0400-\u042F][\w'’ʼ]*)")


_DISTRICT_AFTER = re.compile(
    r"(?:\s*(?:,|and|, and|&)\s+[A-ZА-ЯІЇЄҐ][\w'’-]*)*"
    r"[ \t]+(?:districts?|raions?|rayons?)\b"
)
_UNIT_WORDS = frozenset({"district", "districts", "raion", "raions", "rayon"})


def _previous_word(before: str) -> str | None:
    """The word right before a name, if only spaces or tabs separate them."""
    if not before or before[-1] not in " \t":
        return None
    parts = before.split()
    if not parts or "\n" in before[before.rfind(parts[-1]) :]:
        return None
    word = parts[-1]
    return word if word[-1].isalnum() else None


_SENTENCE_GAP = re.compile(r"[.!?\n]\s*[\"'“‘(]?\s*$")


@dataclass(frozen=True)
class MatcherRules:
    """The reviewed word lists that judge a capitalized name (see lexicon files)."""

    never: frozenset[str]
    needs_context: frozenset[str]
    big_place_population: int
    reject_followers: frozenset[str]
    allow_followers: frozenset[str]
    reject_preceders: frozenset[str]
    allow_preceders: frozenset[str]
    confirm_before: re.Pattern
    region_list_before: re.Pattern
    region_words: frozenset[str]
    list_gap: re.Pattern


def load_rules() -> MatcherRules:
    """Read the matcher's lexicon files from the package."""
    base = resources.files("gazetteer").joinpath("lexicon")
    never, context = set(), set()
    lines = base.joinpath("stopnames.tsv").read_text(encoding="utf-8").splitlines()
    for line in lines[1:]:
        if not line.strip():
            continue
        key, rule, *_ = line.split("\t")
        (never if rule == "never" else context).add(fold(key))
    cfg = json.loads(base.joinpath("matcher.json").read_text(encoding="utf-8"))

    def alternation(phrases: list[str]) -> str:
        return "|".join(
            re.escape(p).replace(r"\ ", r"\s+")
            for p in sorted(phrases, key=len, reverse=True)
        )

    seps = alternation(cfg["list_separators"])
    return MatcherRules(
        never=frozenset(never),
        needs_context=frozenset(context),
        big_place_population=int(cfg["big_place_population"]),
        reject_followers=frozenset(cfg["reject_followers"]),
        allow_followers=frozenset(cfg["allow_followers"]),
        reject_preceders=frozenset(cfg["reject_preceders"]),
        allow_preceders=frozenset(cfg["allow_preceders"]),
        confirm_before=re.compile(
            rf"\b(?:{alternation(cfg['confirm_before'])})\s+$", re.IGNORECASE
        ),
        region_list_before=re.compile(
            rf"\b(?:{alternation(cfg['region_list_before'])})\s+(?:the\s+)?$",
            re.IGNORECASE,
        ),
        region_words=frozenset(fold(w) for w in cfg["region_words"]),
        list_gap=re.compile(rf"^\s*(?:{seps})?\s*(?:the\s+)?$", re.IGNORECASE),
    )


class Matcher:
    """Find every gazetteer mention in a text.

    Parameters
    ----------
    store : Store
        The loaded gazetteer.
    rules : MatcherRules, optional
        Word lists; read from the package by default.
    """

    def __init__(self, store: Store, rules: MatcherRules | None = None):
        self.store = store
        self.rules = rules or load_rules()

    @cached_property
    def _prefixes(self) -> tuple[frozenset[str], frozenset[str]]:
        """First tokens of names, and every proper token prefix of a name."""
        first, prefixes = set(), set()
        never = self.rules.never
        for key in self.store.names:
            if key in never:
                continue  # stop-listed names need not even be looked at
            parts = key.split(" ")
            first.add(parts[0])
            for i in range(1, len(parts)):
                prefixes.add(" ".join(parts[:i]))
        return frozenset(first), frozenset(prefixes)

    def find(self, text: str) -> list[Mention]:
        """All mentions in ``text``, in order, non-overlapping, longest first.

        Parameters
        ----------
        text : str
            Any text; offsets refer to it unchanged.

        Returns
        -------
        list of Mention
        """
        names = self.store.names
        first, prefixes = self._prefixes
        folds_cache = self._folds
        if len(folds_cache) > 300_000:
            folds_cache.clear()
        nxt = _NEXT.match
        found: list[tuple[int, int, str]] = []
        last_end = 0
        cursor = 0
        find = text.find
        # findall is much cheaper than finditer; positions are recovered only
        # for the few words that start a name.
        for tok in _CAP.findall(text):
            # the cache maps a word to its fold when that starts a name, else ""
            f = folds_cache.get(tok)
            if f is None:
                f = fold_token(tok)
                f = folds_cache[tok] = f if f in first else ""
            if not f:
                continue
            start = find(tok, cursor)
            if start > 0 and (text[start - 1].isalnum() or text[start - 1] in _GLUE):
                # glued to a letter or digit ("3Kyiv", "McKyiv"): not a name; step
                # over it, searching no further than the next few words
                cursor = start + 1
                continue
            end = start + len(tok)
            cursor = end
            if start < last_end:
                continue
            best_end = end if f in names else -1
            best_key = f
            prefix = f
            pos = end
            while prefix in prefixes:
                nm = nxt(text, pos)
                if nm is None:
                    break
                t2 = fold_token(nm.group(1))
                if not t2:
                    break
                prefix = f"{prefix} {t2}"
                pos = nm.end()
                if prefix in names:
                    best_end, best_key = pos, prefix
            if best_end > 0:
                found.append((start, best_end, best_key))
                last_end = best_end
        mentions = []
        for start, end, key in found:
            mention = self._judge(text, start, end, key)
            if mention is not None:
                mentions.append(mention)
        return self._region_lists(text, mentions) if mentions else mentions

    @cached_property
    def _folds(self) -> dict[str, str]:
        return {}

    @cached_property
    def _key_info(self) -> dict[str, tuple]:
        return {}

    def _info(self, key: str) -> tuple:
        """What a key's candidates say, whatever the text: cached per key."""
        info = self._key_info.get(key)
        if info is None:
            r = self.rules
            entries = tuple(self.store.entries(key))
            single = " " not in key
            last = key.rsplit(" ", 1)[-1]
            form = "region" if not single and last in r.region_words else "name"
            big = any(
                p.population >= r.big_place_population
                or p.kind == "oblast"
                or q in "gs"
                for p, q in entries
            )
            weak = all(q in "arto" for _, q in entries) and all(
                p.population < 5000 for p, _ in entries
            )
            info = (
                entries,
                form,
                big,
                weak,
                single and key in r.never,
                single and key in r.needs_context,
            )
            self._key_info[key] = info
        return info

    # -- judging one candidate mention ----------------------------------------------
    def _judge(self, text: str, start: int, end: int, key: str) -> Mention | None:
        r = self.rules
        entries, form, big, weak, never, needs_context = self._info(key)
        if never:
            return None
        surface = text[start:end]
        if len(surface) <= 3 and surface.isupper():
            return None  # acronyms: IEV, ODS
        before = text[max(0, start - 40) : start]
        prev = _previous_word(before)
        if prev and prev in r.reject_preceders:
            return None  # "Shakhtar Donetsk"
        follow = _NEXT_CAP.match(text, end)
        word = follow.group(1) if follow else None
        if word and word in r.reject_followers:
            return None  # "Dnipro River"
        if form == "region" or (big and not needs_context):
            return Mention(start, end, surface, key, entries, form)
        confirmed = bool(r.confirm_before.search(before))
        if needs_context and not confirmed and not self._oblast_follows(text, end):
            return None
        if word and not big and not confirmed and word not in r.allow_followers:
            return None  # "Volodymyr Zelensky", "Oleh Syniehubov"
        if (
            prev
            and not big
            and not confirmed
            and prev[:1].isupper()
            and prev not in r.allow_preceders
            and not _SENTENCE_GAP.search(before[: before.rstrip().rfind(prev)] or "\n")
        ):
            return None  # "Dmitry Peskov", "Sergei Lavrov"
        # A small place known only by a noisy alternate needs confirmation.
        if weak and not confirmed and not self._oblast_follows(text, end):
            return None
        return Mention(start, end, surface, key, entries, form)

    _OBLAST_NEAR = re.compile(
        r"^[^.;!?\n]{0,60}?\b(?:region|oblast|province|raion|district)\b",
        re.IGNORECASE,
    )

    def _oblast_follows(self, text: str, end: int) -> bool:
        return bool(self._OBLAST_NEAR.match(text, end))

    # -- "the regions of Sumy, Kharkiv and Chernihiv" ----------------------------------
    def _as_region(self, m: Mention) -> Mention:
        if m.form == "region" or any(p.kind == "oblast" for p in m.candidates):
            oblasts = tuple((p, q) for p, q in m.entries if p.kind == "oblast")
            if oblasts:
                return Mention(m.start, m.end, m.surface, m.key, oblasts, "region")
        entries = tuple(self.store.entries(f"{m.key} region"))
        if not entries:
            return m
        return Mention(m.start, m.end, m.surface, m.key, entries, "region")

    def _as_unit(self, m: Mention, word: str) -> Mention:
        entries = tuple(self.store.entries(f"{m.key} {word}"))
        if not entries:
            return m
        return Mention(m.start, m.end, m.surface, f"{m.key} {word}", entries, "name")

    def _region_lists(self, text: str, mentions: list[Mention]) -> list[Mention]:
        r = self.rules
        out = list(mentions)
        n = len(out)
        i = 0
        while i < n:
            m = out[i]
            before = text[max(0, m.start - 40) : m.start].rstrip()
            if (
                m.form == "name"
                and before[-2:] in ("of", "he")
                and r.region_list_before.search(text, max(0, m.start - 40), m.start)
            ):
                out[i] = self._as_region(m)
                j = i + 1
                while j < n and r.list_gap.match(text[out[j - 1].end : out[j].start]):
                    out[j] = self._as_region(out[j])
                    j += 1
                i = j
                continue
            i += 1
        # "Kharkiv, Sumy and Chernihiv regions": walk back from a plural form
        for i in range(n - 1, 0, -1):
            m = out[i]
            last = m.key.rsplit(" ", 1)[-1]
            if m.form == "region" and last in ("regions", "oblasts", "provinces"):
                j = i - 1
                while j >= 0 and r.list_gap.match(text[out[j].end : out[j + 1].start]):
                    out[j] = self._as_region(out[j])
                    j -= 1
            elif last in ("districts", "raions"):
                # "the Kyivskyi and Saltivskyi districts"
                j = i - 1
                while j >= 0 and r.list_gap.match(text[out[j].end : out[j + 1].start]):
                    out[j] = self._as_unit(out[j], "district")
                    j -= 1
        # a name followed by "district(s)" that the gazetteer does not know as a
        # district is some city's district, not the village of that name
        keep = []
        for k, m in enumerate(out):
            if m.key.rsplit(" ", 1)[-1] in _UNIT_WORDS:
                keep.append(m)
                continue
            nxt = out[k + 1] if k + 1 < len(out) else None
            window = text[m.end : m.end + 80]
            follow = ("istrict" in window or "aion" in window or "ayon" in window) and (
                _DISTRICT_AFTER.match(text, m.end)
            )
            listed = (
                nxt is not None
                and nxt.key.rsplit(" ", 1)[-1] in ("districts", "raions")
                and r.list_gap.match(text[m.end : nxt.start])
            )
            if follow or listed:
                continue
            keep.append(m)
        return keep
