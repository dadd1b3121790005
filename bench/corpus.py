"""A synthetic news corpus for scale tests and benchmarks, generated deterministically.

Every sentence is made here from our own word lists; places come from the
bundled gazetteer: cities (weighted by population), villages with their oblast
("the village of X in the Y region"), oblast region phrases ("Kharkiv region",
"Odesa Oblast") and, now and then, a Russian-derived spelling taken from the
gazetteer's name index ("Kharkov", "Zaporozhe").  An article has a headline,
a strike lead (weapons, time, casualties, targets), often a second strike in
another oblast, the overnight launch tally, and non-event paragraphs: talks,
officials' statements, claimed captures, weather, strikes on Russian regions
and background filler.  Lengths are mixed: most about 4 KB, some short, some
long.

Article ``i`` of seed ``s`` depends only on ``(s, i)``: a corpus of 1,000 is
the first 1,000 articles of a corpus of 10,000.

Usage::

    python bench/corpus.py 10000 -o corpus.jsonl.gz [--seed 0]
"""

from __future__ import annotations

import argparse
import bisect
import gzip
import itertools
import json
import os
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

__all__ = ["PlacePools", "place_pools", "article", "generate", "write_corpus"]

# -- word lists (our own) --------------------------------------------------------------
WEAPONS = {
    "drone": ["drones", "attack drones", "Shahed-type drones", "strike drones"],
    "missile": ["missiles", "a missile", "two missiles"],
    "ballistic": ["a ballistic missile", "ballistic missiles", "an Iskander missile"],
    "cruise": ["cruise missiles", "a Kh-101 cruise missile"],
    "glide": ["glide bombs", "a guided aerial bomb", "KAB glide bombs"],
    "artillery": ["artillery", "shelling", "mortar fire"],
    "rocket": ["multiple rocket launchers", "Grad rockets"],
}
STRIKE_VERBS = ["struck", "hit", "attacked", "targeted", "slammed into"]
TIME_PHRASES = [
    "overnight",
    "early in the morning",
    "late in the evening",
    "in the afternoon",
    "shortly after midnight",
    "during the night",
]
TARGETS = [
    "an apartment block",
    "a nine-storey residential building",
    "private houses",
    "a school",
    "a kindergarten",
    "a hospital",
    "a clinic",
    "an energy facility",
    "a power substation",
    "a thermal power plant",
    "a railway station",
    "railway infrastructure",
    "a shopping centre",
    "a supermarket",
    "an industrial enterprise",
    "a warehouse",
    "port infrastructure",
    "a grain terminal",
    "a church",
    "an administrative building",
    "a gas station",
    "critical infrastructure",
]
OFFICIALS = [
    "the regional governor",
    "the head of the regional military administration",
    "the city's mayor",
    "the State Emergency Service",
    "the local police",
    "the prosecutor's office",
    "the national police",
]
WEEKDAYS = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
]
NUMBER_WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
VICTIMS = [
    "a 64-year-old man",
    "a woman aged 52",
    "a teenage boy",
    "an elderly couple",
    "a railway worker",
    "two employees of a utility company",
    "a firefighter",
    "a child",
]
RUSSIAN_REGIONS = ["Belgorod", "Kursk", "Bryansk", "Rostov", "Voronezh", "Krasnodar"]
RUSSIAN_SITES = [
    "an oil depot",
    "an ammunition depot",
    "a refinery",
    "an airfield",
    "a fuel terminal",
]
WEATHER = [
    "Forecasters expect heavy rain and gusty wind in {city} on {day}, with "
    "temperatures falling to around {t} degrees.",
    "Fog is likely across {region} region early on {day}, the weather service "
    "said, and drivers were asked to take care.",
    "A warm front will bring sunshine to {city} by the weekend, meteorologists "
    "said, after several days of sleet.",
]
TALKS = [
    "Delegations are due to meet in {foreign} next week for another round of "
    "talks, and officials in {city} said they hoped for progress on prisoner "
    "exchanges.",
    "The foreign minister travelled from {city} to {foreign} to discuss air "
    "defence deliveries with European partners.",
    "A conference on rebuilding {city} is planned in {foreign} this autumn, "
    "bringing together donors, banks and local authorities.",
]
STATEMENTS = [
    "The mayor of {city} said on {day} that heating would be restored in most "
    "districts within a week.",
    "Officials in {city} announced a new programme of grants for small "
    "businesses that lost premises during the war.",
    "The governor of the {region} region urged residents to register for "
    "evacuation support and to keep power banks charged.",
]
CAPTURES = [
    "Russia's defence ministry claimed its troops had captured the village of "
    "{village} in the {region} region; Ukrainian officials did not confirm it.",
    "Ukraine's general staff denied Moscow's claim that {village} in the "
    "{region} region had fallen, saying fighting was continuing nearby.",
]
FOREIGN_CITIES = ["Geneva", "Istanbul", "Warsaw", "Berlin", "Brussels", "Vienna"]
FILLER_SUBJECTS = [
    "Analysts",
    "Economists",
    "Aid workers",
    "Energy companies",
    "Local volunteers",
    "Teachers",
    "Farmers",
    "Insurers",
]
FILLER_VERBS = [
    "say the pressure on supply chains has grown",
    "warn that the winter will test the grid again",
    "have been repairing what they can between alerts",
    "point to rising prices for building materials",
    "note that more families are returning than a year ago",
    "are asking donors for generators and spare transformers",
    "expect exports through the Black Sea corridor to keep rising",
    "describe a tired but determined mood in the cities",
]
FILLER_TAILS = [
    "according to a survey published this month",
    "in interviews with our correspondent",
    "though the figures vary widely between regions",
    "and the government has promised more support",
    "while parliament debates the next budget",
    "as the school year approaches",
]


# -- places ----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class PlacePools:
    """Places to write about, drawn once from the bundled gazetteer.

    Attributes
    ----------
    cities : tuple of (name, admin1_code, russian spellings)
        Settlements with a population, most populous first.
    cumulative : tuple of float
        Cumulative population weights of ``cities``.
    villages : tuple of (name, region stem)
        Small settlements, to be named with their oblast.
    regions : tuple of (region stem, oblast name)
        First-level units: ``("Kharkiv", "Kharkiv Oblast")``.
    """

    cities: tuple[tuple[str, str, tuple[str, ...]], ...]
    cumulative: tuple[float, ...]
    villages: tuple[tuple[str, str], ...]
    regions: tuple[tuple[str, str], ...]

    def city(self, rng: random.Random) -> tuple[str, str, tuple[str, ...]]:
        """Draw a city, weighted by population (square root, so not always Kyiv)."""
        x = rng.random() * self.cumulative[-1]
        return self.cities[bisect.bisect_right(self.cumulative, x)]


_CITY_CODES = frozenset({"PPLC", "PPLA", "PPLA2", "PPLA3", "PPL"})
_ASCII_NAME = re.compile(r"^[a-z][a-z' -]+$")


def _stem(oblast: str) -> str:
    if oblast == "Autonomous Republic of Crimea":
        return "Crimea"
    return oblast.removesuffix(" Oblast")


@lru_cache(maxsize=1)
def place_pools() -> PlacePools:
    """Read the places to write about from the bundled gazetteer."""
    from gazetteer import fold, get_gazetteer

    store = get_gazetteer().store
    # Russian-derived spellings: keys of quality r (Russian-derived) or t
    # (romanized Cyrillic, often the Russian form) that are plain ASCII words.
    russian: dict[int, list[str]] = {}
    for key, raw in store.names.items():
        if not _ASCII_NAME.match(key):
            continue
        for item in raw.split(","):
            if item[-1] in "rt":
                russian.setdefault(int(item[:-1]), []).append(key)
    stems = {}
    cities, villages = [], []
    for i in range(len(store)):
        p = store.place(i)
        if p.kind == "oblast" and p.admin1_code not in ("UA-30", "UA-40"):
            stems[p.admin1_code] = (_stem(p.name), p.name)
        if p.kind != "settlement" or p.feature_code not in _CITY_CODES:
            continue
        if not p.admin1_code or " " in p.name and len(p.name) > 24:
            continue
        if p.population >= 20_000:
            spellings = tuple(
                k.title()
                for k in sorted(russian.get(i, ()))
                if k != fold(p.name) and len(k) > 4
            )
            cities.append((p.population, p.name, p.admin1_code, spellings))
        elif p.population == 0 and p.feature_code == "PPL":
            villages.append((p.name, p.admin1_code))
    cities.sort(key=lambda c: (-c[0], c[1]))
    cumulative = tuple(itertools.accumulate(c[0] ** 0.5 for c in cities))
    regions = tuple(sorted(stems.values()))
    return PlacePools(
        cities=tuple((name, code, sp) for _, name, code, sp in cities),
        cumulative=cumulative,
        villages=tuple(
            (name, stems[code][0]) for name, code in villages if code in stems
        ),
        regions=regions,
    )


# -- sentences -------------------------------------------------------------------------
def _count_word(rng: random.Random, n: int) -> str:
    return NUMBER_WORDS[n - 1] if n <= 9 and rng.random() < 0.5 else str(n)


def _casualties(rng: random.Random) -> str:
    """A casualty clause to follow a strike clause (after a comma)."""
    killed = rng.choice([0, 0, 1, 1, 2, 3, 4, 7, 12])
    injured = rng.choice([0, 1, 2, 3, 5, 8, 14, 23, 40])
    if killed == 0 and injured == 0:
        return rng.choice(
            ["no casualties were reported", "nobody was hurt", "no one was injured"]
        )
    people = {1: "person"}
    if rng.random() < 0.5:
        parts = []
        if killed:
            parts.append(
                f"killing {_count_word(rng, killed)} {people.get(killed, 'people')}"
            )
        if injured:
            who = "" if parts else f" {people.get(injured, 'people')}"
            parts.append(f"injuring {_count_word(rng, injured)}{who}")
        return " and ".join(parts)
    if killed and injured:
        return (
            f"{rng.choice(['', 'at least '])}{_count_word(rng, killed)} "
            f"{people.get(killed, 'people')} {'was' if killed == 1 else 'were'} "
            f"killed and {injured} {rng.choice(['wounded', 'injured', 'hurt'])}"
        )
    if killed:
        return f"the death toll rose to {killed}"
    verb = "was" if injured == 1 else "were"
    return f"{_count_word(rng, injured)} {people.get(injured, 'people')} {verb} injured"


def _weapon(rng: random.Random) -> str:
    return rng.choice(WEAPONS[rng.choice(list(WEAPONS))])


def _city_name(rng: random.Random, city: tuple[str, str, tuple[str, ...]]) -> str:
    name, _, spellings = city
    if spellings and rng.random() < 0.15:
        return rng.choice(spellings)
    return name


def _lead(rng: random.Random, pools: PlacePools, published: date) -> tuple[str, str]:
    city = pools.city(rng)
    name = _city_name(rng, city)
    struck_on = published - timedelta(days=rng.choice([0, 1]))
    day = WEEKDAYS[struck_on.weekday()]
    when = rng.choice(TIME_PHRASES)
    if rng.random() < 0.2:
        when = f"on the night of {struck_on:%B} {struck_on.day}"
    weapon = _weapon(rng)
    headline = rng.choice(
        [
            f"{weapon.capitalize()} hit {name}, {_casualties(rng).split(' and ')[0]}",
            f"Night attack on {name}: what we know",
            f"{name} counts the damage after {weapon} strike",
        ]
    )
    lead = (
        f"{rng.choice(['Russian forces', 'Russia', 'Russian troops'])} "
        f"{rng.choice(['attacked', 'struck', 'hit'])} {name} with {weapon} "
        f"{when}, {_casualties(rng)}, "
        f"{rng.choice(OFFICIALS)} said on {day}."
    )
    detail = (
        f"The attack damaged {rng.choice(TARGETS)} and {rng.choice(TARGETS)}. "
        f"Among the victims is {rng.choice(VICTIMS)}, doctors said. "
        f"Rescuers worked through the night to clear the rubble and put out fires."
    )
    return headline, f"{lead}\n\n{detail}"


def _second(rng: random.Random, pools: PlacePools) -> str:
    x = rng.random()
    if x < 0.4 and pools.villages:
        village, region = rng.choice(pools.villages)
        where = f"the village of {village} in the {region} region"
    elif x < 0.7:
        region, oblast = rng.choice(pools.regions)
        where = rng.choice([f"the {region} region", oblast, f"{region} region"])
    else:
        where = _city_name(rng, pools.city(rng))
    opener = rng.choice(
        ["Elsewhere, ", "Later, ", "Separately, ", "At the same time, "]
    )
    return (
        f"{opener}{_weapon(rng)} {rng.choice(STRIKE_VERBS)} {where}, "
        f"{_casualties(rng)}. {rng.choice(OFFICIALS).capitalize()} said "
        f"{rng.choice(TARGETS)} had been damaged."
    )


def _tally(rng: random.Random) -> str:
    drones = rng.randrange(20, 600)
    missiles = rng.randrange(0, 40)
    down = rng.randrange(drones // 2, drones)
    launched = f"{drones} drones" + (f" and {missiles} missiles" if missiles else "")
    return (
        f"Russia launched {launched} overnight, the air force said, adding that "
        f"air defences shot down or jammed {down} of them."
    )


def _not_event(rng: random.Random, pools: PlacePools) -> str:
    city = pools.city(rng)[0]
    region = rng.choice(pools.regions)[0]
    day = rng.choice(WEEKDAYS)
    kind = rng.randrange(5)
    if kind == 0:
        return rng.choice(TALKS).format(city=city, foreign=rng.choice(FOREIGN_CITIES))
    if kind == 1:
        return rng.choice(STATEMENTS).format(city=city, region=region, day=day)
    if kind == 2 and pools.villages:
        village, region = rng.choice(pools.villages)
        return rng.choice(CAPTURES).format(village=village, region=region)
    if kind == 3:
        return rng.choice(WEATHER).format(
            city=city, region=region, day=day, t=rng.randrange(-12, 30)
        )
    return (
        f"Ukrainian drones hit {rng.choice(RUSSIAN_SITES)} in Russia's "
        f"{rng.choice(RUSSIAN_REGIONS)} region, local officials there said, "
        f"and a fire broke out."
    )


def _filler(rng: random.Random) -> str:
    sentences = []
    for _ in range(rng.randrange(2, 5)):
        sentences.append(
            f"{rng.choice(FILLER_SUBJECTS)} {rng.choice(FILLER_VERBS)}, "
            f"{rng.choice(FILLER_TAILS)}."
        )
    return " ".join(sentences)


def _target_length(rng: random.Random) -> int:
    x = rng.random()
    if x < 0.25:
        return rng.randrange(600, 1500)  # short
    if x < 0.85:
        return rng.randrange(3500, 4600)  # about 4 KB
    return rng.randrange(6000, 10000)  # long


def article(index: int, *, seed: int = 0, start: date = date(2025, 1, 1)) -> dict:
    """Make article ``index`` of the corpus ``seed``.

    Parameters
    ----------
    index : int
        Position in the corpus.
    seed : int
        Corpus seed.
    start : date
        First publication date; articles spread over the following year.

    Returns
    -------
    dict
        ``{"id", "date", "text"}``, ready for one JSON Lines record.
    """
    rng = random.Random(f"strikemap-corpus:{seed}:{index}")
    pools = place_pools()
    published = start + timedelta(days=rng.randrange(365))
    headline, lead = _lead(rng, pools, published)
    paragraphs = [headline, lead]
    target = _target_length(rng)
    size = sum(len(p) + 2 for p in paragraphs)
    while size < target:
        x = rng.random()
        if x < 0.2:
            para = _second(rng, pools)
        elif x < 0.3:
            para = _tally(rng)
        elif x < 0.6:
            para = " ".join(_not_event(rng, pools) for _ in range(rng.randrange(1, 3)))
        else:
            para = _filler(rng)
        paragraphs.append(para)
        size += len(para) + 2
    return {
        "id": f"synthetic-{seed}-{index:07d}",
        "date": published.isoformat(),
        "text": "\n\n".join(paragraphs),
    }


def generate(n: int, *, seed: int = 0) -> Iterator[dict]:
    """Yield ``n`` articles (see :func:`article`)."""
    for i in range(n):
        yield article(i, seed=seed)


def write_corpus(path: str | os.PathLike, n: int, *, seed: int = 0) -> Path:
    """Write ``n`` articles as JSON Lines, gzipped when the name ends in ``.gz``."""
    path = Path(path)
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "wt", encoding="utf-8") as fh:
        for record in generate(n, seed=seed):
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, help="number of articles")
    ap.add_argument("-o", "--output", required=True, help="JSONL or JSONL.gz file")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    write_corpus(args.output, args.n, seed=args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
