"""Build the bundled gazetteer from the openly licensed source data.

Run ``python -m gazetteer.build [--source DIR]`` from the repository root. It
reads ``DIR`` (default: ``../shared/data`` beside the checkout, or
``$STRIKEMAP_SOURCE_DATA``) and writes the compact files that ship in
``gazetteer/data/``:

``places.tsv.gz``
    One row per place: the 27 first-level units, the 136 raions, the
    hromadas, Kyiv's and other cities' districts, every populated place of
    GeoNames UA, and named infrastructure (airports, power plants, ports,
    bridges, rail stations).
``names.tsv.gz``
    Folded name key -> the places it may denote, with a quality code per place
    (see :data:`gazetteer.store.QUALITY`).
``admin1.geojson``
    The 27 first-level boundaries, simplified, with ISO 3166-2 codes.
``forms_uk.tsv.gz``
    The case forms of every Ukrainian name (``у Харкові``, ``Великій
    Новосілці``, ``на Харківщині``), made with ``pymorphy3`` (a build
    dependency only; see :mod:`gazetteer.build_uk`).

Sources and licences: GeoNames (CC BY 4.0); geoBoundaries ADM1 from
OpenStreetMap (ODbL 1.0); WRI Global Power Plant Database (CC BY 4.0); the
KATOTTG codifier (official Ukrainian names of raions and settlements); the
KMU-2010 transliteration; the renamed-places table. The hand-written lexicon
files under ``gazetteer/lexicon/`` (aliases, stop-names) are read as they are.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import gzip
import io
import json
import os
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from gazetteer import build_uk
from gazetteer.build_forms import looks_russian
from gazetteer.exc import GazetteerError
from gazetteer.geodesy import distance_km
from gazetteer.normalize import fold, repair_script
from gazetteer.translit import cyrillic, kmu2010, russian, script_of

# The build romanizes and classifies the same names many times over.
kmu2010 = cache(kmu2010)
russian = cache(russian)
script_of = cache(script_of)

PACKAGE = Path(__file__).resolve().parent
OUT = PACKAGE / "data"
LEXICON = PACKAGE / "lexicon"

#: The first-level unit names the crosswalk spells in a way reporters do not.
ADMIN1_NAME_OVERRIDES = {
    "UA-23": "Zaporizhzhia Oblast",
    "UA-51": "Odesa Oblast",
    "UA-43": "Crimea",
}
REGION_WORDS = ("region", "oblast", "province", "area")
REGION_PLURALS = ("regions", "oblasts", "provinces")
RAION_WORDS = ("raion", "rayon", "district", "raions", "districts")
HROMADA_WORDS = (
    "hromada",
    "community",
    "territorial community",
    "terytorialna hromada",
    "urban hromada",
    "rural hromada",
    "settlement hromada",
    "village hromada",
    "city hromada",
    "urban community",
    "rural community",
    "settlement community",
    "village community",
)
FEATURE_CODES = {"AIRP", "AIRF", "PS", "PSN", "PSH", "PRT", "BDG", "DAM", "RSTN"}
POWER_SUFFIXES = (
    "power plant",
    "power station",
    "thermal power plant",
    "tpp",
    "chp",
    "npp",
    "nuclear power plant",
    "hpp",
    "hydroelectric power plant",
)
AIRPORT_SUFFIXES = (
    "airport",
    "international airport",
    "airfield",
    "air base",
    "airbase",
)
_ADMIN_WORDS = re.compile(
    r"\b(raion|rayon|rajon|district|oblast|region|hromada|район|область|громада)\b",
    re.IGNORECASE,
)
_VOWELS_RE = re.compile(r"[aeiouy ]")
_APOSTROPHES = re.compile("['’ʼ]")
_LATIN_ALT = re.compile(r"^[A-Z\u00c0-\u024f][A-Za-z\u00c0-\u024f'’ʼ\- .]+$")


@dataclass
class Row:
    """A place being built."""

    id: str
    name: str
    name_uk: str
    name_ru: str
    kind: str
    lat: float
    lon: float
    admin1_code: str
    admin2_code: str
    population: int
    geonameid: int | None
    feature_code: str
    names: dict[str, str] = field(default_factory=dict)  # key -> quality
    official: bool = False  # the name is the official current one (KATOTTG)
    parent: str = ""  # a district's city, a hromada's centre, a settlement's hromada
    uk: dict[str, str] = field(default_factory=dict)  # key -> Ukrainian name
    hromada: str = ""  # a settlement's hromada (KATOTTG code), when the codifier's

    def add(self, name: str, quality: str, *, ukrainian: bool = False) -> None:
        """Index ``name`` for this place, keeping the best quality per key.

        A Ukrainian name (``ukrainian``, or Cyrillic that does not look
        Russian) is remembered so that its case forms are indexed too.
        """
        key = fold(name)
        if len(key.replace(" ", "")) < 3 or _MIXED.search(key):
            return  # too short, or in two scripts that no repair could tell
        old = self.names.get(key)
        if old is None or _QUALITY_ORDER.index(quality) < _QUALITY_ORDER.index(old):
            self.names[key] = quality
        if not key.isascii() and quality != "r":
            script = script_of(name)
            if (
                ukrainian
                or script == "uk"
                or (script == "cyrillic" and not looks_russian(name))
            ):
                self.uk.setdefault(key, _repair(name))


# p primary, a alternate, t KMU-2010 of a Cyrillic name, r Russian-derived,
# f former name (renamed_places.tsv), g region form, s suffix form
# (raion/hromada/district/feature), o other name (an alternate that is no
# spelling of the current name: an older name, a neighbourhood's); best first.
_QUALITY_ORDER = "pgsftaro"


_WORD = re.compile(r"\S+")
# a word with both Latin and Cyrillic letters
_MIXED = re.compile(r"(?=\S*[a-z])(?=\S*[\u0400-\u04ff])\S+")


def _repair(name: str) -> str:
    """A name with every word in one script (:func:`repair_script`)."""
    if name.isascii():
        return name
    return _WORD.sub(lambda m: repair_script(m.group(0)), name)


def _default_source() -> Path:
    env = os.environ.get("STRIKEMAP_SOURCE_DATA")
    if env:
        return Path(env)
    return PACKAGE.parent.parent / "shared" / "data"


def _read_tsv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def _read_reviewed(path: Path) -> list[dict[str, str]]:
    """A lexicon table whose lines starting with ``#`` are comments."""
    with open(path, encoding="utf-8", newline="") as fh:
        lines = [ln for ln in fh if not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def _ukrainian_name(alts: list[str], latin: str) -> tuple[str, str]:
    """Pick the Ukrainian and Russian Cyrillic names among untagged alternates."""
    target = fold(latin)
    uk, ru, either = [], [], []
    for alt in alts:
        s = script_of(alt)
        if s == "uk":
            uk.append(alt)
        elif s == "ru":
            ru.append(alt)
        elif s == "cyrillic":
            either.append(alt)

    def ukrainian_look(c: str) -> int:
        low = c.lower()
        return (
            sum(ch in "іїєґ'’ʼ" for ch in low)
            - 2 * any(x in low for x in ("ья", "ье", "ьё", "ьи", "ы", "э"))
            - (low.endswith("ск") and not low.endswith("ськ"))
            - 2 * low.endswith(("ский", "цкий", "ская", "ское", "ое", "ый", "ий "))
            + low.endswith(("ький", "цький", "ська", "ське", "ськ"))
        )

    def best(cands: list[str], romanize, sign: int = 1) -> str:
        hits = [c for c in cands if fold(romanize(c)) == target]
        hits.sort(key=lambda c: -sign * ukrainian_look(c))
        return hits[0] if hits else ""

    name_uk = best(uk + either, kmu2010) or (uk or either or [""])[0]
    name_ru = best(ru + either, russian, -1) or (ru or [""])[0]
    return name_uk, name_ru


def _settlement_rank_ok(code: str, pop: int) -> bool:
    return code in ("PPLC", "PPLA", "PPLA2") or pop >= 5000


def _simplify_boundaries(src: Path, tolerance: float):
    import geopandas as gpd
    import shapely

    gdf = gpd.read_file(src)
    geoms = shapely.simplify(gdf.geometry.values, tolerance, preserve_topology=True)
    geoms = shapely.set_precision(geoms, 1e-5)
    geoms = shapely.make_valid(geoms)
    geoms = shapely.orient_polygons(geoms)
    gdf = gdf.set_geometry(geoms)
    return gdf


def build(source: Path, out: Path = OUT, *, tolerance: float = 0.002) -> dict:
    """Build the gazetteer files from ``source`` into ``out``.

    Parameters
    ----------
    source : Path
        The source data folder (``shared/data``).
    out : Path
        Where to write ``places.tsv.gz``, ``names.tsv.gz`` and ``admin1.geojson``.
    tolerance : float
        Douglas-Peucker tolerance in degrees for the boundaries (0.002° ≈ 200 m).

    Returns
    -------
    dict
        Counts of what was written.

    Raises
    ------
    GazetteerError
        If a source file is missing.
    """
    source = Path(source)
    for rel in (
        "geonames/UA.txt",
        "names/admin1_crosswalk.tsv",
        "names/admin2_crosswalk.tsv",
        "names/renamed_places.tsv",
        "boundaries/geoBoundaries-UKR-ADM1.geojson",
        "infrastructure/wri_gppd_ukraine.csv",
    ):
        if not (source / rel).is_file():
            raise GazetteerError(f"source data missing: {source / rel}")
    katottg_path = _katottg_file(source)
    out.mkdir(parents=True, exist_ok=True)

    import shapely

    admin1 = _read_tsv(source / "names/admin1_crosswalk.tsv")
    gn_to_iso = {r["geonames_admin1"].split(".")[1]: r["iso3166_2"] for r in admin1}
    rows: list[Row] = []

    # --- first-level units and their boundaries ----------------------------------
    bounds = _simplify_boundaries(
        source / "boundaries/geoBoundaries-UKR-ADM1.geojson", tolerance
    )
    geom_by_iso = dict(zip(bounds["shapeISO"], bounds.geometry, strict=True))
    admin1_rows: dict[str, Row] = {}
    for r in admin1:
        iso = r["iso3166_2"]
        geom = geom_by_iso[iso]
        pt = geom.centroid
        if not geom.contains(pt):
            pt = geom.representative_point()
        name = ADMIN1_NAME_OVERRIDES.get(iso, r["name_en_geoboundaries"])
        row = Row(
            id=f"iso:{iso}",
            name=name,
            name_uk=r["name_uk"],
            name_ru=r["name_ru"] if script_of(r["name_ru"]) != "latin" else "",
            kind="oblast",
            lat=round(pt.y, 5),
            lon=round(pt.x, 5),
            admin1_code=iso,
            admin2_code="",
            population=0,
            geonameid=int(r["geonameid"]),
            feature_code="ADM1",
        )
        admin1_rows[iso] = row
        rows.append(row)

    # --- GeoNames --------------------------------------------------------------
    raions = _read_tsv(source / "names/admin2_crosswalk.tsv")
    kat_pcodes = {r["katottg"]: r["pcode_cod"] for r in raions}
    kat_isos = {r["katottg"]: r["iso3166_2"] for r in admin1}
    raion_uk, kat_settlements = _read_katottg(katottg_path, kat_pcodes, kat_isos)
    by_gid: dict[int, Row] = {}
    geonames_name: dict[int, str] = {}
    capital_of: dict[str, Row] = {}
    seen_alts: dict[int, list[str]] = {}
    with open(source / "geonames/UA.txt", encoding="utf-8") as fh:
        for line in fh:
            f = line.rstrip("\n").split("\t")
            gid, name, alts = int(f[0]), _repair(f[1]), f[3]
            fclass, code, a1, a2 = f[6], f[7], f[10], f[11]
            pop = int(f[14] or 0)
            iso = gn_to_iso.get(a1, "")
            alt_list = [_repair(a) for a in alts.split(",") if a] if alts else []
            if code == "ADM1":
                if iso in admin1_rows:
                    admin1_rows[iso].population = pop
                    seen_alts[gid] = alt_list
                continue
            if fclass == "P":
                kind = "settlement"
            elif code == "ADM2" and a1 == "12":
                kind = "district"  # Kyiv's city districts
            elif code == "ADM3" and "Hromada" in name:
                kind = "hromada"
            elif code in ("ADM3", "ADM4") and re.search(
                r"(District|Rayon|Raion)$", name
            ):
                kind = (
                    "district"  # city districts (Kharkiv's Kyivskyi, Kherson's Suvorov)
                )
            elif fclass in ("S", "L") and code in FEATURE_CODES:
                kind = "feature"
            else:
                continue
            name_uk, name_ru = _ukrainian_name(alt_list, name)
            display = name
            if kind == "settlement" and name_uk:
                kmu = kmu2010(name_uk)
                if fold(kmu) == fold(name):
                    display = kmu
            a2code = ""
            if a2 and len(a2) == 4 and a2.isdigit():
                a2code = "UA" + a2
            row = Row(
                id=f"gn:{gid}",
                name=display,
                name_uk=name_uk,
                name_ru=name_ru,
                kind=kind,
                lat=float(f[4]),
                lon=float(f[5]),
                admin1_code=iso,
                admin2_code=a2code,
                population=pop,
                geonameid=gid,
                feature_code=code,
            )
            rows.append(row)
            by_gid[gid] = row
            seen_alts[gid] = alt_list
            geonames_name[gid] = name
            if code == "PPLA" or gid == 703448:
                capital_of[iso] = row
    if 703448 in by_gid:  # Kyiv is the administrative centre of Kyiv Oblast too
        capital_of["UA-32"] = by_gid[703448]

    # settlements' official Ukrainian names, and their KMU-2010 romanization
    verified = _official_names(
        [r for r in rows if r.kind == "settlement"], seen_alts, kat_settlements
    )
    for row in admin1_rows.values():
        row.official = True
    # a "Ukrainian" name GeoNames gives in Russian spelling ("Сокологорное") is
    # no Ukrainian name: the codifier's is unknown for these places
    for row in rows:
        if row.kind == "settlement" and not row.official and _russian_name(row.name_uk):
            row.name_ru = row.name_ru or row.name_uk
            row.name_uk = ""

    # settlements by raion, biggest first: hromadas are named after their centre
    by_a2: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        if row.kind == "settlement" and row.admin2_code:
            by_a2[row.admin2_code].append(row)
    by_a1: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        if row.kind == "settlement" and row.population >= 1000:
            by_a1[row.admin1_code].append(row)
    for lst in [*by_a2.values(), *by_a1.values()]:
        lst.sort(
            key=lambda x: (-x.population, _CODE_ORDER.get(x.feature_code, 9), x.id)
        )

    # --- raions (p-codes from the crosswalk, names from KATOTTG) -----------------
    # A raion is named after the town its adjectival name derives from
    # (Волноваський -> "Volnovakha Raion", "Volnovakha district"), or, when
    # none does, by its romanized name (Дністровський -> "Dnistrovskyi Raion").
    towns: dict[str, list[KatSettlement]] = defaultdict(list)
    for k in kat_settlements:
        if k.category in ("M", "X", "T"):
            towns[k.raion].append(k)
    raion_rows = []
    area_keys: set[str] = set()  # "Нікопольщина" names the raion only
    # the towns whose area noun names their oblast ("Харківщина")
    oblast_centres = {fold(c.name_uk) for c in capital_of.values() if c.name_uk}
    for r in raions:
        pcode = r["pcode_cod"]
        adj = raion_uk.get(pcode)
        if adj is None:
            raise GazetteerError(f"raion {pcode} is not in {katottg_path.name}")
        centre = _raion_centre(adj, towns[pcode])
        base = kmu2010(centre.name if centre else adj)
        row = Row(
            id=f"pcode:{pcode}",
            name=f"{base} Raion",
            name_uk=f"{adj} район",
            name_ru="",
            kind="raion",
            lat=float(r["lat_geonames"]),
            lon=float(r["lon_geonames"]),
            admin1_code=r["iso3166_2_parent"],
            admin2_code=pcode,
            population=0,
            geonameid=int(r["geonameid"]) if r["geonameid"] else None,
            feature_code="ADM2",
            official=True,
        )
        geonames_base = re.sub(r"\s+(Raion|Rayon|raion|rayon)$", "", r["name_geonames"])
        for b in sorted({base, kmu2010(adj), geonames_base.strip()} - {""}):
            for w in RAION_WORDS:
                row.add(f"{b} {w}", "s")
        for n in build_uk.raion_names(adj):
            row.add(n, "s", ukrainian=True)
        if centre is None or fold(centre.name) not in oblast_centres:
            for n in build_uk.raion_area_names(adj):
                row.add(n, "g", ukrainian=True)  # "на Нікопольщині"
                area_keys.add(fold(n))
        if r["name_uk"] and r["name_uk"] != row.name_uk:
            row.add(r["name_uk"], "s")
        raion_rows.append(row)
        rows.append(row)

    # --- power plants (WRI) ----------------------------------------------------
    with open(source / "infrastructure/wri_gppd_ukraine.csv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            if r["primary_fuel"] == "Solar":
                continue  # small solar parks named after villages
            lat, lon = float(r["latitude"]), float(r["longitude"])
            row = Row(
                id=f"wri:{r['gppd_idnr']}",
                name=r["name"],
                name_uk="",
                name_ru="",
                kind="feature",
                lat=lat,
                lon=lon,
                admin1_code="",
                admin2_code="",
                population=0,
                geonameid=None,
                feature_code="WRI",
            )
            base = re.sub(
                r"\s*(power station|CHP.*|HPP.*|\(.*\))\s*$", "", r["name"]
            ).strip()
            fuel = r["primary_fuel"].lower()
            suffixes = list(POWER_SUFFIXES)
            if fuel != "nuclear":
                suffixes = [s for s in suffixes if "nuclear" not in s and s != "npp"]
            for s in suffixes:
                row.add(f"{base} {s}", "s")
            if " " in r["name"] and "power" in r["name"]:
                row.add(r["name"], "s")
            rows.append(row)

    # admin1 of WRI plants by point in polygon
    for row in rows:
        if row.kind == "feature" and not row.admin1_code:
            pt = shapely.Point(row.lon, row.lat)
            for iso, geom in geom_by_iso.items():
                if geom.contains(pt):
                    row.admin1_code = iso
                    break

    # --- names of GeoNames places ------------------------------------------------
    for gid, row in by_gid.items():
        alts = seen_alts.get(gid, [])
        if row.kind == "settlement":
            current = [row.name, geonames_name[gid]]
            if gid in verified:
                current.append(kmu2010(row.name_uk))
            _settlement_names(row, alts, current)
        elif row.kind == "hromada":
            base = row.name.replace(" Terytorialna Hromada", "").strip()
            pool = by_a2.get(row.admin2_code) or by_a1.get(row.admin1_code, [])
            center = _center(base, pool)
            if center is not None:
                # GeoNames' points for hromadas can lie far from them: use the centre
                row.lat, row.lon = center.lat, center.lon
            for b in {base, center.name if center else ""} - {""}:
                for w in HROMADA_WORDS:
                    row.add(f"{b} {w}", "s")
            row.add(row.name, "s")
            row.name = f"{base} hromada"
            for alt in alts:
                if script_of(alt) in ("uk", "cyrillic") and "громада" in alt:
                    row.add(alt, "s")
        elif row.kind == "district":
            base = re.sub(r"\s+(Raion|Rayon|District)$", "", row.name).strip()
            row.name = f"{base} District"
            for alt in [base, *alts]:
                s = script_of(alt)
                if s == "latin" and not _LATIN_ALT.match(alt):
                    continue
                b = re.sub(r"\s+(Raion|Rayon|District|rajon|raion)$", "", alt).strip()
                if s == "latin":
                    for w in RAION_WORDS:
                        row.add(f"{b} {w}", "s")
                elif s in ("uk", "ru", "cyrillic"):
                    row.add(alt, "s")
                    if s in ("uk", "cyrillic") and alt.split()[0] != alt:
                        for w in RAION_WORDS:
                            row.add(f"{kmu2010(alt.split()[0])} {w}", "s")
        elif row.kind == "feature":
            _feature_names(row, alts)

    # --- power plants: one record per plant, named also after the nearest town ------
    merged_into: dict[str, Row] = {}
    gn_plants = [
        r
        for r in rows
        if r.kind == "feature" and r.feature_code in ("PS", "PSN", "PSH", "DAM")
    ]
    for wri in [r for r in rows if r.feature_code == "WRI"]:
        near = [g for g in gn_plants if _apart(g, wri) <= 3.0]
        if near:
            target = min(near, key=lambda g: _apart(g, wri))
            for key, q in wri.names.items():
                target.names.setdefault(key, q)
            merged_into[wri.id] = target
    rows = [r for r in rows if r.id not in merged_into]
    towns = [r for r in rows if r.kind == "settlement" and r.population >= 3000]
    for feat in [r for r in rows if r.kind == "feature" and r.feature_code != "RSTN"]:
        town = min(towns, key=lambda t: _apart(t, feat))
        if _apart(town, feat) > 15.0:
            continue
        if feat.feature_code in ("AIRP", "AIRF"):
            suffixes = AIRPORT_SUFFIXES
        elif feat.feature_code in ("WRI", "PS", "PSN", "PSH"):
            nuclear = feat.feature_code == "PSN" or "nuclear" in " ".join(feat.names)
            suffixes = tuple(
                x
                for x in POWER_SUFFIXES
                if nuclear or not ("nuclear" in x or x == "npp")
            )
        else:
            continue
        for suffix in suffixes:
            feat.add(f"{town.name} {suffix}", "s")

    # --- former names ---------------------------------------------------------------
    for r in _read_tsv(source / "names/renamed_places.tsv"):
        row = by_gid.get(int(r["geonameid"]))
        if row is None:
            continue
        if r["current_en"] and fold(r["current_en"]) != fold(row.name):
            row.name = r["current_en"]
            row.add(r["current_en"], "p")
            if r["current_uk"]:
                row.name_uk = r["current_uk"]
                row.add(r["current_uk"], "p")
        # a former name the occupation still uses is a name in current use there
        q = "a" if r["ru_occupation_uses_former"] == "yes" else "f"
        row.add(r["former_en"], q)
        if r["former_ru"]:
            row.add(r["former_ru"], q)
            row.add(russian(r["former_ru"]), q)
            # ё is mostly written е: Артёмовск -> Artemovsk as well as Artyomovsk
            row.add(russian(r["former_ru"].replace("ё", "е")), q)

    # --- Ukrainian units from the codifier: hromadas and city districts -----------
    unit_counts = _kat_units(rows, katottg_path, kat_pcodes, kat_isos)

    # --- first-level unit names and region forms --------------------------------------
    oblast_keys: set[str] = set()
    for r in admin1:
        iso = r["iso3166_2"]
        row = admin1_rows[iso]
        if iso in ("UA-30", "UA-40"):
            # Cities with the status of a region: the bare name is the city, which
            # carries this admin1 code; "Kyiv region" means Kyiv Oblast (UA-32).
            continue
        capital = capital_of.get(iso)
        cap_keys = (
            {k for k, q in capital.names.items() if q in "pt"} if capital else set()
        )
        english = {
            r["name_en_geoboundaries"],
            r["name_iso3166"],
            r["name_geonames"],
            ADMIN1_NAME_OVERRIDES.get(iso, ""),
        } - {""}
        bases = set()
        for n in english:
            b = re.sub(r"\s+(Oblast|oblast)$", "", n).strip()
            bases.add(b)
            row.add(n, "p")
        if iso == "UA-43":
            bases |= {"Crimea", "Crimean", "Krym"}
            for n in ("Crimea", "Crimean peninsula", "Krym"):
                row.add(n, "p")
            row.add("Крим", "p")
            row.add("Крым", "p")
            row.add("Autonomous Republic of Crimea", "p")
        colloquial = r["name_en_cldr_colloquial"]
        if colloquial and "Oblast" not in colloquial:
            if fold(colloquial) not in cap_keys:
                row.add(colloquial, "p")
        for n in (r["name_uk"], r["name_ru"]):
            if n and script_of(n) != "latin":
                row.add(n, "p")
                row.add(n.replace("область", "обл"), "g")
        # the Ukrainian names and short forms ("Харківська ОВА", "Харківщина"):
        # each names only the oblast
        for n in build_uk.oblast_names(iso, r["name_uk"]):
            row.add(n, "g" if fold(n) != fold(r["name_uk"]) else "p", ukrainian=True)
            oblast_keys.add(fold(n))
        for b in bases:
            if fold(b) not in cap_keys:
                row.add(b, "p")
        region_bases = set(bases)
        if capital:
            region_bases |= set(capital.names)
        for b in region_bases:
            for w in REGION_WORDS + REGION_PLURALS:
                row.add(f"{b} {w}", "g")
        # "Kyiv region" belongs to Kyiv Oblast, not to the city of Kyiv
        if iso == "UA-32":
            kyiv = by_gid.get(703448)
            for k in kyiv.names if kyiv else {}:
                for w in REGION_WORDS + REGION_PLURALS:
                    row.add(f"{k} {w}", "g")

    # --- hand-written aliases (reviewable) ------------------------------------------
    by_id = {row.id: row for row in rows}
    alias_file = LEXICON / "aliases.tsv"
    if alias_file.is_file():
        for r in _read_tsv(alias_file):
            target = by_id.get(r["place_id"]) or merged_into.get(r["place_id"])
            if target is None:
                raise GazetteerError(f"{alias_file}: unknown place_id {r['place_id']}")
            target.add(r["alias"], r.get("quality") or "a")
            if r.get("display") == "yes":
                target.name = r["alias"]

    uk_display = _uk_display_names(rows)

    # --- write -------------------------------------------------------------------
    # KMU-2010 drops the soft sign and the apostrophe: so do the English names
    # (GeoNames writes "Kal'mius'ke", "Port of Skadovs’k")
    for row in rows:
        row.name = _APOSTROPHES.sub("", row.name)
    rows.sort(
        key=lambda x: (
            ("oblast", "raion").index(x.kind) if x.kind in ("oblast", "raion") else 2,
            x.id,
        )
    )
    names: dict[str, list[str]] = defaultdict(list)
    for idx, row in enumerate(rows):
        for key, q in sorted(row.names.items()):
            if key in oblast_keys and row.kind != "oblast":
                continue  # "Харківщина" names the oblast, not a village so called
            if key in area_keys and row.kind not in ("oblast", "raion"):
                continue  # and "Покровщина" the raion
            names[key].append(f"{idx}{q}")
    with _gzip_text(out / "places.tsv.gz") as fh:
        fh.write(
            "id\tname\tname_uk\tname_ru\tkind\tlat\tlon\tadmin1_code\tadmin2_code"
            "\tpopulation\tgeonameid\tfeature_code\tofficial\tparent\n"
        )
        for row in rows:
            fh.write(
                "\t".join(
                    [
                        row.id,
                        row.name,
                        row.name_uk,
                        row.name_ru,
                        row.kind,
                        f"{row.lat:.5f}",
                        f"{row.lon:.5f}",
                        row.admin1_code,
                        row.admin2_code,
                        str(row.population),
                        str(row.geonameid or ""),
                        row.feature_code,
                        "1" if row.official else "",
                        row.parent,
                    ]
                )
                + "\n"
            )
    with _gzip_text(out / "names.tsv.gz") as fh:
        for key in sorted(names):
            fh.write(f"{key}\t{','.join(names[key])}\n")
    # the case forms of the Ukrainian names (rail stations' are not inflected)
    uk_names = [
        (key, name)
        for row in rows
        if row.feature_code != "RSTN"
        for key, name in row.uk.items()
        if key in names
    ]
    form_counts = build_uk.write_forms(out / "forms_uk.tsv.gz", uk_names, _gzip_text)

    features = []
    for iso in sorted(geom_by_iso):
        row = admin1_rows[iso]
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "admin1_code": iso,
                    "admin1": row.name,
                    "admin1_uk": row.name_uk,
                },
                "geometry": json.loads(shapely.to_geojson(geom_by_iso[iso])),
            }
        )
    with open(out / "admin1.geojson", "w", encoding="utf-8", newline="\n") as fh:
        json.dump(
            {"type": "FeatureCollection", "features": features},
            fh,
            ensure_ascii=False,
            separators=(",", ":"),
        )
        fh.write("\n")
    vertices = int(sum(shapely.get_num_coordinates(g) for g in geom_by_iso.values()))
    return {
        "places": len(rows),
        "names": len(names),
        "settlements": sum(r.kind == "settlement" for r in rows),
        "hromadas": sum(r.kind == "hromada" for r in rows),
        "districts": sum(r.kind == "district" for r in rows),
        "admin1_vertices": vertices,
        **unit_counts,
        "uk_names_derived": uk_display,
        **form_counts,
    }


_CODE_ORDER = {"PPLC": 0, "PPLA": 1, "PPLA2": 2, "PPLA3": 3, "PPL": 4}

#: A city district of GeoNames is the codifier's when within this many km of
#: the city and its name has the same consonants.
DISTRICT_RADIUS_KM = 25.0


def _katottg_row(
    code: str,
    name: str,
    kind: str,
    feature_code: str,
    *,
    at: Row,
    admin1_code: str,
    admin2_code: str,
) -> Row:
    """A unit of the codifier that GeoNames lacks, placed at ``at``'s point."""
    return Row(
        id=f"katottg:{code}",
        name=name,
        name_uk="",
        name_ru="",
        kind=kind,
        lat=at.lat,
        lon=at.lon,
        admin1_code=admin1_code,
        admin2_code=admin2_code,
        population=0,
        geonameid=None,
        feature_code=feature_code,
        official=True,
    )


def _kat_units(
    rows: list[Row],
    katottg: Path,
    pcodes: dict[str, str],
    isos: dict[str, str],
) -> dict[str, int]:
    """Give the hromadas and city districts their codifier names; add the missing.

    A hromada of KATOTTG is the GeoNames hromada of its raion with the same
    romanized name, or a new place ``katottg:<code>``; either lies at its
    administrative centre (the codifier's settlement 001) and names it as its
    ``parent``. A city district is the GeoNames district near its city whose
    name has the same consonants (``Заводский район`` is ``Заводський``), or
    a new place at its city. Ukrainian names only: the English names of the
    GeoNames units stay as they are, and the new units get an English display
    name but no English key (English text is matched as before).

    Returns
    -------
    dict
        Counts of matched, added and skipped units.
    """
    hromadas, districts = build_uk.read_units(katottg, pcodes, isos)
    by_uk: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for row in rows:
        if row.kind == "settlement" and row.name_uk:
            by_uk[(row.admin1_code, row.name_uk.replace("'", "’"))].append(row)

    def settlement(oblast: str, raion: str, name: str) -> Row | None:
        # the codifier's settlement in its raion, then in its oblast; a place
        # whose name the codifier gave first
        cands = by_uk.get((oblast, name.replace("'", "’")), [])
        for pool in (
            [c for c in cands if c.official and c.admin2_code == raion],
            [c for c in cands if c.official],
            [c for c in cands if c.admin2_code == raion],
            cands,
        ):
            if pool:
                return min(
                    pool,
                    key=lambda r: (
                        -r.population,
                        _CODE_ORDER.get(r.feature_code, 9),
                        r.id,
                    ),
                )
        return None

    counts = dict.fromkeys(
        (
            "hromadas_matched",
            "hromadas_added",
            "hromadas_without_centre",
            "districts_matched",
            "districts_added",
        ),
        0,
    )
    # GeoNames hromadas by oblast and name (romanized, and their Ukrainian
    # adjective); many lack a raion
    gn_hromadas: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for row in rows:
        if row.kind == "hromada":
            base = row.name.removesuffix(" hromada")
            gn_hromadas[(row.admin1_code, fold(base))].append(row)
            if row.name_uk:
                gn_hromadas[(row.admin1_code, fold(row.name_uk.split()[0]))].append(row)
    matched: set[str] = set()
    new_rows = []
    official_adjectives = {fold(h.adjective) for h in hromadas}
    hromada_ids: dict[str, str] = {}  # KATOTTG code -> place id
    for h in hromadas:
        centre = settlement(h.oblast, h.raion, h.centre)
        for other in h.settlements[1:]:
            if centre is not None:
                break
            centre = settlement(h.oblast, h.raion, other)  # a renamed centre
        kind = build_uk.HROMADA_TYPES.get(h.centre_category, "")
        name_uk = f"{h.adjective} {kind} громада".replace("  ", " ")
        found = [
            g
            for k in (fold(kmu2010(h.adjective)), fold(h.adjective))
            for g in gn_hromadas.get((h.oblast, k), [])
            if g.id not in matched and g.admin2_code in ("", h.raion)
        ]
        if found:
            row = min(found, key=lambda g: (g.admin2_code != h.raion, g.id))
            matched.add(row.id)
            counts["hromadas_matched"] += 1
        elif centre is None:
            counts["hromadas_without_centre"] += 1
            continue
        else:
            row = _katottg_row(
                h.code,
                f"{kmu2010(h.adjective)} hromada",
                "hromada",
                "ADM3",
                at=centre,
                admin1_code=h.oblast,
                admin2_code=h.raion,
            )
            new_rows.append(row)
            counts["hromadas_added"] += 1
        # the codifier's name ("Білопільська міська громада"), not GeoNames'
        # title-cased one ("Білопільська Територіальна Громада"), which stays
        # indexed as a name
        if row.name_uk and script_of(row.name_uk) in ("uk", "cyrillic"):
            row.add(row.name_uk, "s", ukrainian=True)
        row.name_uk = name_uk
        if centre is not None:
            row.parent = centre.id
        hromada_ids[h.code] = row.id
        for n in build_uk.hromada_names(h.adjective, h.centre_category):
            row.add(n, "s", ukrainian=True)
        # "Гуляйпольська" for "Гуляйпільська": unless another hromada is so named
        for adj in build_uk.adjective_variants(h.adjective, h.centre):
            if fold(adj) not in official_adjectives:
                for n in build_uk.hromada_names(adj, h.centre_category):
                    row.add(n, "s", ukrainian=True)

    # a settlement belongs to its hromada
    for row in rows:
        if row.kind == "settlement" and not row.parent and row.hromada in hromada_ids:
            row.parent = hromada_ids[row.hromada]

    gn_districts = [r for r in rows if r.kind == "district"]
    used: set[str] = set()
    cities: dict[str, Row] = {}
    for d in districts:
        city = settlement(d.oblast, d.raion, d.city)
        if city is None:
            continue
        cities[city.id] = city
        adj = _cyr_skeleton(d.adjective)
        latin = _latin_skeleton(kmu2010(d.adjective))
        near = []
        for g in gn_districts:
            if g.id in used or _apart(g, city) > DISTRICT_RADIUS_KM:
                continue
            uk_word = g.name_uk.split()[0] if g.name_uk else ""
            base = _latin_skeleton(re.sub(r"\s+District$", "", g.name))
            if (uk_word and _cyr_skeleton(uk_word) == adj) or (
                len(base) >= 4 and latin.startswith(base)
            ):
                near.append(g)
        if near:
            row = min(near, key=lambda g: (_apart(g, city), g.id))
            used.add(row.id)
            counts["districts_matched"] += 1
        else:
            row = _katottg_row(
                d.code,
                f"{kmu2010(d.adjective)} District",
                "district",
                "ADMD",
                at=city,
                admin1_code=city.admin1_code,
                admin2_code=city.admin2_code,
            )
            new_rows.append(row)
            counts["districts_added"] += 1
        row.name_uk = f"{d.adjective} район"
        row.parent = city.id
        for n in build_uk.district_names(d.adjective):
            row.add(n, "s", ukrainian=True)
    # a GeoNames district the codifier no longer has (an old name, a twin
    # record) still belongs to the city it lies in
    for g in gn_districts:
        if g.id not in used:
            near = [c for c in cities.values() if _apart(g, c) <= DISTRICT_RADIUS_KM]
            if near:
                g.parent = min(near, key=lambda c: (_apart(g, c), c.id)).id
    # a GeoNames district left with a Russian or Belarusian "Ukrainian" name
    for g in gn_districts:
        if g.id not in used and script_of(g.name_uk) not in ("uk", "cyrillic"):
            g.name_uk = ""
        elif g.id not in used and g.name_uk and _RU_LOOK.search(g.name_uk):
            g.name_uk = ""
    rows.extend(new_rows)
    return counts


#: How far a feature may lie from the town its name names (km).
FEATURE_TOWN_KM = 60.0


def _uk_display_names(rows: list[Row]) -> int:
    """Give every place no source names in Ukrainian a Ukrainian name to show.

    A feature (a power plant, airport, port, station, bridge) is named after
    the town its English name names, within :data:`FEATURE_TOWN_KM`, or else
    the nearest town of its oblast, with its kind in Ukrainian
    (``lexicon/feature_kinds_uk.tsv``): "Burshtyn thermal power plant" ->
    "Бурштин (ТЕС)". Another place (a settlement or district by a Russian
    romanization only) is written in Ukrainian letters
    (:func:`gazetteer.translit.cyrillic`: "Zhovtnevyy District" ->
    "Жовтневий район"). Display names only: they are not indexed, so no text
    is matched by them. Returns how many places got one.
    """
    kinds = [
        (
            r["feature_code"],
            re.compile(r["pattern"], re.IGNORECASE) if r["pattern"] else None,
            r["kind"],
        )
        for r in _read_reviewed(LEXICON / "feature_kinds_uk.tsv")
    ]
    strip = {r["word"] for r in _read_reviewed(LEXICON / "feature_words.tsv")}
    towns = [r for r in rows if r.kind == "settlement" and r.name_uk]
    by_key: dict[str, list[Row]] = defaultdict(list)
    for t in towns:
        for k in t.names:
            by_key[k].append(t)
    big: dict[str, list[Row]] = defaultdict(list)
    for t in towns:
        if t.population >= 1000:
            big[t.admin1_code].append(t)
    n = 0
    for row in rows:
        if row.name_uk:
            continue
        n += 1
        base = re.sub(r"\s*\(.*?\)", "", row.name).strip() or row.name
        if row.kind == "district":
            adj = re.sub(r"\s+(?:District|Raion|Rayon)$", "", base)
            row.name_uk = f"{cyrillic(adj)} район"
            continue
        if row.kind != "feature":
            row.name_uk = cyrillic(base)
            continue
        kind = next(
            k
            for code, pat, k in kinds
            if (not code or code == row.feature_code)
            and (pat is None or pat.search(row.name))
        )
        words = [w for w in fold(base).split() if w not in strip and not w.isdigit()]
        keys = [" ".join(words), *words] if words else []
        named = [
            t
            for k in keys
            for t in by_key.get(k, ())
            if _apart(t, row) <= FEATURE_TOWN_KM
        ]
        pool = named or big.get(row.admin1_code) or towns
        town = min(pool, key=lambda t: (_apart(t, row), t.id))
        row.name_uk = f"{town.name_uk} ({kind})"
    return n


def _russian_name(name: str) -> bool:
    """A Cyrillic name in Russian (or Belarusian) spelling, not Ukrainian."""
    script = script_of(name)
    if "ў" in name or script == "ru":
        return True
    return script == "cyrillic" and looks_russian(name)


# "Покровский район", "Варашылаўскі раён": not Ukrainian
_RU_LOOK = re.compile(r"(ский|цкий|ская|ское|ў|ыі|раён)\b", re.IGNORECASE)


def _apart(a: Row, b: Row) -> float:
    return distance_km(a.lat, a.lon, b.lat, b.lon)


def _gzip_text(path: Path):
    """A text file gzipped with no timestamp: the same build gives the same bytes."""
    raw = open(path, "wb")  # noqa: SIM115 - closed with the gzip stream below
    gz = gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0)
    return _Closing(io.TextIOWrapper(gz, encoding="utf-8", newline="\n"), raw)


class _Closing:
    """Close a text wrapper and the file under it."""

    def __init__(self, text, raw):
        self.text, self.raw = text, raw

    def __enter__(self):
        return self.text

    def __exit__(self, *exc):
        self.text.close()
        self.raw.close()


def _skeleton(name: str) -> str:
    return _VOWELS_RE.sub("", fold(name))


def _center(adjective: str, settlements: list[Row]) -> Row | None:
    """The settlement an adjectival unit name derives from, within its raion.

    ``Sumskyi`` -> Sumy, ``Velykopysarivska`` -> Velyka Pysarivka: the biggest
    settlement whose consonant skeleton starts the adjective's.
    """
    adj = _skeleton(adjective)
    for cand in settlements[:400]:
        sk = _skeleton(cand.name)
        if len(sk) >= 2 and adj.startswith(sk[: max(2, len(sk) - 1)]):
            if len(sk) >= 3 or adj[: len(sk)] == sk:
                return cand
    return None


# --- the KATOTTG codifier ---------------------------------------------------------


@dataclass(frozen=True)
class KatSettlement:
    """A settlement of the KATOTTG codifier."""

    oblast: str  # ISO 3166-2 code of its first-level unit
    raion: str  # p-code of its raion ("UA1404"); "" when the codifier gives none
    hromada: str  # KATOTTG code of its hromada
    category: str  # M city, X selyshche, C village
    name: str  # official Ukrainian name
    centre: bool  # the hromada's administrative centre (numbered 001 in it)


def _katottg_file(source: Path) -> Path:
    """The newest codifier, ``katottg/kodifikator-DD-MM-YYYY.csv``."""
    files = sorted(
        (source / "katottg").glob("kodifikator-*.csv"),
        key=lambda p: tuple(reversed(p.stem.split("-")[1:])),
    )
    if not files:
        raise GazetteerError(
            f"source data missing: {source / 'katottg'}/kodifikator-*.csv"
        )
    return files[-1]


def _read_katottg(
    path: Path, pcodes: dict[str, str], isos: dict[str, str]
) -> tuple[dict[str, str], list[KatSettlement]]:
    """The raions' Ukrainian names by p-code, and the settlements.

    ``pcodes`` maps a raion's KATOTTG code to its p-code (the admin2
    crosswalk), ``isos`` a first-level unit's to its ISO 3166-2 code. Kyiv and
    Sevastopol (category K) count as settlements of their own unit.
    """
    raions: dict[str, str] = {}
    settlements: list[KatSettlement] = []
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh, delimiter=";")
        next(reader)
        for l1, l2, l3, l4, l5, cat, name, *_ in reader:
            name = name.strip()
            if cat == "P":
                if l2 not in pcodes:
                    raise GazetteerError(f"{path}: raion {l2} not in the crosswalk")
                raions[pcodes[l2]] = name
            elif cat in ("M", "X", "C", "T") and l4 and not l5 or cat == "K":
                settlements.append(
                    KatSettlement(
                        oblast=isos[l1],
                        raion=pcodes.get(l2, ""),
                        hromada=l3,
                        category=cat,
                        name=name,
                        centre=l4[9:12] == "001",
                    )
                )
    return raions, settlements


_CYR_SILENT = frozenset("аеєиіїоуюяйьъыэё'’ʼ -")


def _cyr_skeleton(name: str) -> str:
    """The consonants of a Cyrillic name, doubled ones once (``Запоріжжя`` -> зпрж)."""
    s = "".join(c for c in name.lower() if c not in _CYR_SILENT)
    return re.sub(r"(.)\1+", r"\1", s)


def _derives_from(adjective: str, town: str) -> int:
    """How well a unit's adjectival name derives from a town's name; 0 if not.

    Ukrainian forms the adjective from the town's stem, whose last consonant may
    alternate (Волноваха -> Волноваський, Кривий Ріг -> Криворізький,
    Прилуки -> Прилуцький), so every consonant of the town but the last must
    start the adjective. The answer is the number of consonants shared.
    """
    adj, sk = _cyr_skeleton(adjective), _cyr_skeleton(town)
    common = len(os.path.commonprefix([adj, sk]))
    if len(sk) < 2 or common < max(2, len(sk) - 1):
        return 0
    return common


def _raion_centre(adjective: str, towns: list[KatSettlement]) -> KatSettlement | None:
    """The town a raion is named after, among the raion's cities and selyshches.

    ``Волноваський`` -> Волноваха (not the village Вільне), ``Кальміуський`` ->
    Кальміуське. A city beats a selyshche, a hromada centre beats another
    settlement, then the longer shared stem wins (``Олександрійський`` is
    Олександрія, the city, not the selyshche Олександрійське). ``None`` when
    no town gives the name (``Дністровський``, after the river).
    """
    best, best_key = None, None
    for town in towns:
        shared = _derives_from(adjective, town.name)
        if not shared:
            continue
        key = (town.category == "M", town.centre, shared, town.name)
        if best_key is None or key > best_key:
            best, best_key = town, key
    return best


def _official_names(
    settlements: list[Row],
    alts: dict[int, list[str]],
    codifier: list[KatSettlement],
) -> set[int]:
    """Give settlements their official Ukrainian name and its KMU-2010 form.

    A GeoNames settlement takes the name of the KATOTTG settlement of its raion
    whose KMU-2010 romanization folds like its own name, or like one of its
    Ukrainian alternates with the same consonants (``Almaznoye`` -> Алмазне,
    ``Almazne``; ``Kal'mius'ke`` -> Кальміуське, ``Kalmiuske``); sections of
    cities (``PPLX``) only by their own name. Same-named settlements of a raion
    share the name, so several matches are fine when they agree. Matched
    settlements are marked ``official``; the others keep their GeoNames name.

    Returns
    -------
    set of int
        The GeoNames ids whose ``name_uk`` is known to be their current name:
        the matched ones and those whose ``name_uk`` romanizes to their name.
    """
    by_key: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    hromadas: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for k in codifier:
        by_key[(k.oblast, k.raion, fold(kmu2010(k.name)))].add(k.name)
        hromadas[(k.oblast, k.raion, k.name)].add(k.hromada)
    verified: set[int] = set()
    for row in settlements:
        gid = row.geonameid
        own = fold(row.name)
        if row.name_uk and fold(kmu2010(row.name_uk)) == own:
            verified.add(gid)
        unit = (row.admin1_code, row.admin2_code)
        names = by_key.get((*unit, own), set())
        if not names and row.feature_code != "PPLX":
            skeleton = _latin_skeleton(row.name)
            for alt in alts.get(gid, []):
                if script_of(alt) not in ("uk", "cyrillic"):
                    continue
                latin = kmu2010(alt)
                if _latin_skeleton(latin) == skeleton:
                    names |= by_key.get((*unit, fold(latin)), set())
        if len(names) == 1:
            (name_uk,) = names
            row.name_uk = name_uk
            row.name = kmu2010(name_uk)
            row.official = True
            verified.add(gid)
            # its hromada, when the raion has one settlement of that name
            codes = hromadas[(*unit, name_uk)]
            if len(codes) == 1:
                (row.hromada,) = codes
    return verified


# --- former and other names ----------------------------------------------------------

#: Two names are spellings of one name when this share of the longer one's
#: consonants match (see :func:`_spelling_likeness`).
SPELLING_LIKENESS = 0.6
_LATIN_SOUNDS = (("tsh", "ch"), ("kh", "h"), ("g", "h"), ("w", "v"), ("cz", "ch"))
_LATIN_VOWELS = re.compile(r"[aeiouy ]")
_RUNS = re.compile(r"(.)\1+")


@cache
def _latin_skeleton(name: str) -> str:
    """The consonants of a Latin name, sounds written alike made one."""
    s = fold(name)
    for a, b in _LATIN_SOUNDS:
        s = s.replace(a, b)
    return _RUNS.sub(r"\1", _LATIN_VOWELS.sub("", s))


def _spelling_likeness(a: str, b: str) -> float:
    """Share of the longer name's consonants the two names have in common, in order.

    ``Kharkov``/``Kharkiv`` 1.0, ``Nikolaev``/``Mykolaiv`` 0.75, ``Chornobyl``/
    ``Lazurnyi`` 0.33 (a former name of another place, not a spelling).
    """
    x, y = _latin_skeleton(a), _latin_skeleton(b)
    if x == y:
        return 1.0
    longer = max(len(x), len(y))
    if not min(len(x), len(y)):
        return 0.0
    blocks = difflib.SequenceMatcher(None, x, y, autojunk=False).get_matching_blocks()
    return sum(m.size for m in blocks) / longer


def _romanized(name: str) -> list[str]:
    """The Latin forms a name may be read as (itself, KMU-2010, Russian-derived)."""
    s = script_of(name)
    if s == "latin":
        return [name]
    out = []
    if s in ("uk", "cyrillic"):
        out.append(kmu2010(name))
    if s in ("ru", "cyrillic"):
        out.append(russian(name))
    return out


def _is_spelling(alt: str, current: list[str]) -> bool:
    """Whether ``alt`` writes one of the ``current`` (Latin) names of a place.

    Alternate names that are not (``Chornobyl`` among the names of Lazurnyi,
    ``Stalino`` among Donetsk's) are the place's former or other names.
    """
    for form in _romanized(alt):
        x = _latin_skeleton(form)
        for cur in current:
            y = _latin_skeleton(cur)
            if x == y:
                return True
            # cheap bounds first: the shorter skeleton, the letters in common
            need = SPELLING_LIKENESS * max(len(x), len(y))
            if min(len(x), len(y)) < need or _common_letters(x, y) < need:
                continue
            if _spelling_likeness(form, cur) >= SPELLING_LIKENESS:
                return True
    return False


def _common_letters(x: str, y: str) -> int:
    return sum(min(x.count(c), y.count(c)) for c in set(x))


def _settlement_names(row: Row, alts: list[str], current: list[str]) -> None:
    """Index a settlement under its name and its alternates.

    ``current`` holds the Latin forms of the place's current name; an alternate
    that is no spelling of them is indexed as an other name (``o``), which
    never outranks another place's current name.
    """
    major = _settlement_rank_ok(row.feature_code, row.population)
    row.add(row.name, "p")
    if row.official and row.name_uk:
        row.add(row.name_uk, "p", ukrainian=True)  # the codifier's: the current one
    for alt in alts:
        s = script_of(alt)
        if _ADMIN_WORDS.search(alt):
            continue  # "Obolonskyi District" among a neighbourhood's names
        if s not in ("latin", "uk", "ru", "cyrillic") or len(alt.split()) > 3:
            continue
        if s == "latin" and not _LATIN_ALT.match(alt):
            continue
        other = not _is_spelling(alt, current)
        # a Cyrillic alternate in Russian spelling ("Марганец", "Луцк" beside the
        # codifier's "Марганець", "Луцьк") is a Russian-derived name
        russian_spelling = s == "ru" or (
            s == "cyrillic" and row.official and fold(alt) != fold(row.name_uk)
        )
        row.add(alt, "o" if other else ("r" if russian_spelling else "a"))
        if s in ("uk", "cyrillic"):
            row.add(kmu2010(alt), "o" if other else "t")
        if s in ("ru", "cyrillic") and (major or row.population >= 1000):
            row.add(russian(alt), "o" if other else "r")
            row.add(russian(alt, ye=False), "o" if other else "r")
    if row.population >= 10000 or row.feature_code in ("PPLA", "PPLC", "PPLA2"):
        for key, q in list(row.names.items()):
            if q in "pat" and script_of(key) == "latin":
                row.names.setdefault(f"{key} city", "p")


_FEATURE_WORD = re.compile(
    r"port|aero|air|avia|flug|lotnic|luka|station|stants|vokzal|bridge|most|dam"
    r"|power|electr|npp|hpp|tpp|chp|порт|аеро|аэро|станц|вокзал|міст|мост|гребл"
    r"|плотин|елект|элект|аес|аэс|гес|гэс|тец|тэц",
    re.IGNORECASE,
)


def _feature_names(row: Row, alts: list[str]) -> None:
    name = row.name
    row.add(name, "s")
    for alt in alts:
        s = script_of(alt)
        if not (
            s == "latin" and _LATIN_ALT.match(alt) or s in ("uk", "ru", "cyrillic")
        ):
            continue
        # a bare alternate that is no spelling of the feature's name names its
        # town, often by a former name ("Illichivsk" for the port of Chornomorsk)
        bare = not _FEATURE_WORD.search(alt)
        row.add(alt, "o" if bare and not _is_spelling(alt, [name]) else "s")
    if row.feature_code == "RSTN":
        row.names.clear()
        base = re.sub(r"\s+(Railway Station|Station|station)$", "", name)
        for w in ("railway station", "train station", "station"):
            row.add(f"{base} {w}", "s")
    elif row.feature_code in ("AIRP", "AIRF"):
        base = re.sub(r"\s+(International\s+)?(Airport|Airfield)$", "", name).strip()
        base = re.sub(r"^Kyiv\s+", "", base) if base.startswith("Kyiv ") else base
        for w in AIRPORT_SUFFIXES:
            row.add(f"{base} {w}", "s")
        row.name = name
    elif row.feature_code == "PRT":
        base = re.sub(
            r"^(Port of|Port)\s+|\s+(Port|Sea\s?Port|Seaport|River Port)$",
            "",
            name,
            flags=re.IGNORECASE,
        )
        for w in ("port", "seaport", "sea port"):
            row.add(f"{base} {w}", "s")
        row.add(f"port of {base}", "s")
        row.name = f"Port of {base}"


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point of ``python -m gazetteer.build``."""
    parser = argparse.ArgumentParser(
        prog="python -m gazetteer.build", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--source", type=Path, default=_default_source(), help="shared/data folder"
    )
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    try:
        counts = build(args.source, args.out)
    except GazetteerError as exc:
        print(f"gazetteer.build: {exc}", file=sys.stderr)
        return 1
    counts["seconds"] = round(time.perf_counter() - t0, 2)
    print(json.dumps(counts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
