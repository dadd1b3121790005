"""The Ukrainian side of the gazetteer build: units from KATOTTG, names, forms.

Called by :func:`gazetteer.build.build`. It reads the official codifier
(KATOTTG) for the 1,772 hromadas (each with its administrative centre, the
settlement numbered 001 in it) and the 108 city districts (with their city),
gives the oblasts, raions, hromadas and districts their Ukrainian names in the
forms reports use ("Харківська область", "Харківська ОВА", "Харківщина",
"Нікопольський р-н", "Білопільська міська громада", "Білопільська ТГ"), and
writes ``forms_uk.tsv.gz``: every case form of every Ukrainian name, generated
with :class:`gazetteer.build_forms.Inflector`.

``forms_uk.tsv.gz`` lists, sorted, every Cyrillic form with the name keys it
is a form of (:func:`write_forms`); the store reads it on the first Cyrillic
lookup and searches it by bisection (:class:`gazetteer.store.UkIndex`).
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from gazetteer.normalize import fold

__all__ = [
    "KatHromada",
    "KatDistrict",
    "read_units",
    "oblast_names",
    "raion_names",
    "raion_area_names",
    "hromada_names",
    "district_names",
    "adjective_variants",
    "write_forms",
    "HROMADA_TYPES",
]

LEXICON = Path(__file__).resolve().parent / "lexicon"

#: A hromada's type by the category of its centre in KATOTTG.
HROMADA_TYPES = {"M": "міська", "K": "міська", "X": "селищна", "C": "сільська"}


@dataclass(frozen=True)
class KatHromada:
    """A hromada of the codifier."""

    code: str  # KATOTTG code
    oblast: str  # ISO 3166-2
    raion: str  # p-code
    adjective: str  # "Білопільська"
    centre: str  # the centre's name ("Білопілля")
    centre_category: str  # M city, X selyshche, C village
    settlements: tuple[str, ...] = ()  # every settlement's name, the centre first


@dataclass(frozen=True)
class KatDistrict:
    """A city district of the codifier."""

    code: str
    oblast: str
    raion: str
    adjective: str  # "Шевченківський"
    city: str  # "Харків"
    city_category: str  # M, or K for Kyiv and Sevastopol


def read_units(
    path: Path, pcodes: dict[str, str], isos: dict[str, str]
) -> tuple[list[KatHromada], list[KatDistrict]]:
    """The hromadas and city districts of the codifier at ``path``.

    Parameters
    ----------
    path : Path
        ``kodifikator-*.csv``.
    pcodes : dict
        A raion's KATOTTG code -> its p-code.
    isos : dict
        A first-level unit's KATOTTG code -> its ISO 3166-2 code.
    """
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";"))[1:]
    hromada_names: dict[str, str] = {}
    centres: dict[str, tuple[str, str]] = {}
    settlements: dict[str, tuple[str, str]] = {}
    members: dict[str, list[str]] = defaultdict(list)
    for l1, _l2, l3, l4, l5, cat, name, *_ in rows:
        name = name.strip()
        if cat == "H":
            hromada_names[l3] = name
        elif cat == "K":
            settlements[l1] = (name, cat)
        elif l4 and not l5:
            settlements[l4] = (name, cat)
            members[l3].append(name)
            if l4[9:12] == "001" and l3 not in centres:
                centres[l3] = (name, cat)
    hromadas, districts = [], []
    for l1, l2, l3, l4, l5, cat, name, *_ in rows:
        name = name.strip()
        if cat == "H" and l3 in centres:
            centre, centre_cat = centres[l3]
            hromadas.append(
                KatHromada(
                    l3,
                    isos[l1],
                    pcodes.get(l2, ""),
                    name,
                    centre,
                    centre_cat,
                    tuple(members[l3]),
                )
            )
        elif cat == "B":
            city, city_cat = settlements[l4] if l4 else settlements[l1]
            districts.append(
                KatDistrict(
                    l5 or l4 or l1, isos[l1], pcodes.get(l2, ""), name, city, city_cat
                )
            )
    return hromadas, districts


def _read_tsv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        lines = [ln for ln in fh if not ln.startswith("#")]
    return [r for r in csv.DictReader(lines, delimiter="\t") if any(r.values())]


def oblast_names(iso: str, name_uk: str) -> list[str]:
    """The Ukrainian names of a first-level unit, in the nominative.

    ``"Харківська область"`` gives itself, ``"Харківська обл"``, ``"Харківська
    ОВА"``, ``"Харківська ОДА"``, ``"Харківська обласна військова
    адміністрація"``, and the short forms of ``lexicon/oblasts_uk.tsv``
    (``"Харківщина"``).
    """
    out = []
    if name_uk.endswith(" область"):
        adj = name_uk.removesuffix(" область")
        out += [
            name_uk,
            f"{adj} обл",
            f"{adj} ОВА",
            f"{adj} ОДА",
            f"{adj} обласна військова адміністрація",
            f"{adj} обласна державна адміністрація",
        ]
    elif name_uk:
        out.append(name_uk)
    out += [r["form"] for r in _oblast_forms() if r["iso3166_2"] == iso]
    return out


_OBLAST_FORMS: list[dict[str, str]] = []


def _oblast_forms() -> list[dict[str, str]]:
    if not _OBLAST_FORMS:
        _OBLAST_FORMS.extend(_read_tsv(LEXICON / "oblasts_uk.tsv"))
    return _OBLAST_FORMS


def raion_names(adjective: str) -> list[str]:
    """``"Нікопольський"`` -> ``"Нікопольський район"``, ``"Нікопольський р-н"``."""
    return [f"{adjective} район", f"{adjective} р-н"]


def raion_area_names(adjective: str) -> list[str]:
    """The area name of a raion's town: ``"Нікопольський"`` -> ``"Нікопольщина"``.

    "на Нікопольщині", "Куп'янщину", "Криворіжчина": the noun news use for a
    town and the country around it, made from the raion's adjective as
    Ukrainian makes them (-ський -> -щина, -цький -> -ччина, -зький ->
    -жчина). The caller leaves out the raions of oblast centres, whose area
    noun names the oblast ("Харківщина").
    """
    for adj, noun in (("зький", "жчина"), ("цький", "ччина"), ("ський", "щина")):
        if adjective.endswith(adj) and len(adjective) > len(adj) + 1:
            return [adjective[: -len(adj)] + noun]
    return []


def hromada_names(adjective: str, centre_category: str) -> list[str]:
    """The names a hromada goes by, its type from its centre's category.

    ``("Білопільська", "M")`` -> ``"Білопільська громада"``, ``"... ТГ"``,
    ``"... ОТГ"``, ``"... територіальна громада"``, ``"... міська громада"``,
    ``"... міська територіальна громада"``.
    """
    kind = HROMADA_TYPES.get(centre_category, "")
    out = [
        f"{adjective} громада",
        f"{adjective} ТГ",
        f"{adjective} ОТГ",
        f"{adjective} територіальна громада",
    ]
    if kind:
        out += [f"{adjective} {kind} громада", f"{adjective} {kind} ТГ"]
        out.append(f"{adjective} {kind} територіальна громада")
    return out


def adjective_variants(adjective: str, centre: str) -> list[str]:
    """The adjective as also written from its centre's name, without the і/о change.

    Ukrainian changes о/е to і in a closed syllable ("Гуляйполе" ->
    "Гуляйпільська", "Мукачево" -> "Мукачівська"); reports also write the
    adjective from the name as it stands ("Гуляйпольська", "Мукачевська").
    ``("Гуляйпільська", "Гуляйполе")`` -> ``["Гуляйпольська"]``; ``[]`` when
    the centre's name has the same і, or the adjective is of another kind.
    """
    for suffix in ("ська", "цька", "зька"):
        if adjective.endswith(suffix):
            stem = adjective[: -len(suffix)]
            break
    else:
        return []
    i = stem.rfind("і")
    if i <= 0:
        return []
    out = []
    for vowel in ("о", "е"):
        alt = stem[:i] + vowel + stem[i + 1 :]
        if centre.startswith(alt.rstrip("ь")) and not centre.startswith(
            stem.rstrip("ь")
        ):
            out.append(alt + suffix)
    return out


def district_names(adjective: str) -> list[str]:
    """``"Шевченківський"`` -> ``"Шевченківський район"``, ``"... р-н"``."""
    return raion_names(adjective)


def write_forms(path: Path, names: Iterable[tuple[str, str]], gzip_text) -> dict:
    """Generate and write the case forms of Ukrainian names.

    The file lists, sorted, one line per Cyrillic key the matcher may meet:
    ``form<TAB>key[|key...]``, the form's folded text and the name keys it is
    a form of (a name's own key is listed as a form of itself, so the sorted
    lines answer "does a name start with these words?" by bisection).

    Parameters
    ----------
    path : Path
        Where to write ``forms_uk.tsv.gz``.
    names : iterable of (str, str)
        ``(key, name)``: a folded name key of the gazetteer and a Ukrainian
        name (in the nominative) it was made from.
    gzip_text : callable
        Opens a deterministic gzipped text file (``gazetteer.build._gzip_text``).

    Returns
    -------
    dict
        Counts: names inflected, forms, and how the words were read.
    """
    from gazetteer.build_forms import Inflector

    inflector = Inflector()
    bases: dict[str, set[str]] = defaultdict(set)
    n_forms = 0
    pairs = sorted(set(names))
    for key, name in pairs:
        bases[key].add(key)
        for form in inflector.forms(name):
            f = fold(form)
            if f != key and f.count(" ") == key.count(" "):
                if key not in bases[f]:
                    n_forms += 1
                bases[f].add(key)
    with gzip_text(path) as fh:
        for form in sorted(bases):
            fh.write(f"{form}\t{'|'.join(sorted(bases[form]))}\n")
    return {
        "uk_names_inflected": len({k for k, _ in pairs}),
        "uk_forms": n_forms,
        "uk_words_read_as": dict(sorted(inflector.stats.items())),
    }
