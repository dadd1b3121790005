"""The gold annotations are consistent with their articles and the gazetteer.

These tests check data, not extraction: every gold file parses with
:func:`geo.evaluate.score.load_gold`, names only articles its set holds, gives
ISO dates (the publication date the readers find, and strike dates that are
not after it), and places each settlement event where the bundled gazetteer
has a place of that name in the same oblast, within the scoring radius.

Sets: ``tests/data/uk`` (Ukrainian articles, ``.txt`` and JSON Lines),
``tests/data/uk/telegram`` (a Telegram Desktop export, article ids
``<channel name>/<message id>``), ``tests/data/articles`` (English) and, when
``../shared`` is beside the checkout, the seed articles.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import gazetteer
from geo.evaluate.score import RADIUS_KM, load_gold
from geo.ingest import SUPPORTED_SUFFIXES, read_articles

DATA = Path(__file__).resolve().parent / "data"
SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
ADMIN1 = re.compile(r"UA-\d\d")
# Files of a folder set that are documentation, not articles.
NOT_ARTICLES = frozenset({"README.md"})


@dataclass(frozen=True)
class GoldSet:
    """A gold file and where its articles are."""

    name: str
    gold: Path
    articles: Path
    telegram: bool = False  # articles are the messages of a Telegram export
    complete: bool = False  # every article of the set is listed in the gold


SETS = [
    GoldSet("uk", DATA / "uk" / "gold.json", DATA / "uk" / "articles", complete=True),
    GoldSet(
        "coded",
        DATA / "coded" / "gold.json",
        DATA / "coded" / "articles",
        complete=True,
    ),
    GoldSet(
        "wire", DATA / "wire" / "gold.json", DATA / "wire" / "articles", complete=True
    ),
    GoldSet(
        "uk-telegram",
        DATA / "uk" / "telegram" / "gold.json",
        DATA / "uk" / "telegram" / "result.json",
        telegram=True,
        complete=True,
    ),
    GoldSet(
        "articles", DATA / "articles" / "gold.json", DATA / "articles", complete=True
    ),
    GoldSet("seeds", SHARED / "gold" / "seeds.json", SHARED / "seeds", complete=True),
    *(
        GoldSet(
            f"heldout-{name}",
            DATA / "heldout" / name / "gold.json",
            DATA / "heldout" / name / "articles",
        )
        for name in ("coded", "wire", "uk")
    ),
]


# --------------------------------------------------------------------------
# Reading a set
# --------------------------------------------------------------------------


def _message_text(text: Any) -> str:
    if isinstance(text, str):
        return text
    return "".join(t if isinstance(t, str) else t.get("text", "") for t in text)


def telegram_articles(path: Path) -> dict[str, dt.date]:
    """Publication date of each message with text in a Telegram export.

    Ids are ``<channel name>/<message id>``; the date is the message's local
    date (the export's ``date`` is local time).
    """
    export = json.loads(path.read_text(encoding="utf-8"))
    out: dict[str, dt.date] = {}
    for m in export["messages"]:
        if m["type"] != "message" or not _message_text(m["text"]).strip():
            continue
        out[f"{export['name']}/{m['id']}"] = dt.date.fromisoformat(m["date"][:10])
    return out


def set_articles(s: GoldSet) -> dict[str, dt.date | None]:
    """Article id -> publication date, as the readers give them."""
    if not s.articles.exists():
        pytest.skip(f"{s.articles} is absent")
    if s.telegram:
        return dict(telegram_articles(s.articles))
    # the folder's own article files; a subfolder (a Telegram export) is a set
    # of its own, and other files (gold, README) are not articles
    files = [
        p
        for p in sorted(s.articles.iterdir())
        if p.is_file()
        and p.name not in NOT_ARTICLES
        and any(p.name.lower().endswith(x) for x in SUPPORTED_SUFFIXES)
    ]
    articles, skipped = read_articles(files)
    assert not skipped, skipped
    return {a.id: a.published for a in articles}


@pytest.fixture(params=SETS, ids=[s.name for s in SETS], scope="module")
def gold_set(request) -> GoldSet:
    s: GoldSet = request.param
    if not s.gold.exists():
        pytest.skip(f"{s.gold} is absent")
    return s


@pytest.fixture(scope="module")
def gold(gold_set: GoldSet) -> dict[str, Any]:
    return load_gold(gold_set.gold)


@pytest.fixture(scope="module")
def articles(gold_set: GoldSet) -> dict[str, dt.date | None]:
    return set_articles(gold_set)


def _article_refs(gold: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    for key in gold.get("articles") or {}:
        yield "articles", key
    for part in ("events", "not_events"):
        for i, row in enumerate(gold.get(part) or []):
            yield f"{part}[{i}]", row["article"]
    for i, m in enumerate(gold.get("merged") or []):
        for a in m["articles"]:
            yield f"merged[{i}]", a


# --------------------------------------------------------------------------
# Places
# --------------------------------------------------------------------------


def bare_name(place: str) -> str:
    """A gold place name without its parenthesised qualifiers."""
    return re.sub(r"\s*\([^)]*\)", "", place).strip()


def place_problem(name: str, admin1: str, lat: float, lon: float) -> str | None:
    """Why no place called *name* is in *admin1* near (lat, lon); None if one is.

    Any place the name may denote counts (the chosen one or an alternative):
    the gold picks one namesake among many, and the text says which.
    """
    res = gazetteer.lookup(name, context=[admin1])
    if res is None:
        return f"{name!r} is not in the gazetteer"
    places = [res.place, *(c.place for c in res.alternatives)]
    in_oblast = [p for p in places if p.admin1_code == admin1]
    if not in_oblast:
        return f"no {name!r} in {admin1}"
    nearest = min(gazetteer.distance_km(lat, lon, p.lat, p.lon) for p in in_oblast)
    if nearest > RADIUS_KM:
        return f"the nearest {name!r} in {admin1} is {nearest:.0f} km away"
    return None


def _city_rows(gold: Mapping[str, Any]) -> Iterator[tuple[int, Mapping[str, Any]]]:
    for i, row in enumerate(gold["events"]):
        if row["precision"] == "city":
            yield i, row


# --------------------------------------------------------------------------
# Tests
# --------------------------------------------------------------------------


def test_gold_parses(gold_set: GoldSet, gold: dict[str, Any]) -> None:
    assert gold["events"], f"{gold_set.gold} has no events"
    assert isinstance(gold.get("about"), str) and gold["about"]


def test_gold_articles_exist(gold: dict[str, Any], articles: dict) -> None:
    missing = [f"{where}: {a}" for where, a in _article_refs(gold) if a not in articles]
    assert not missing, missing


def test_every_article_is_annotated(
    gold_set: GoldSet, gold: dict, articles: dict
) -> None:
    if not gold_set.complete:
        pytest.skip("this gold annotates a subset of its folder")
    assert sorted(set(articles) - set(gold["articles"])) == []


def test_published_dates_match_the_readers(gold: dict, articles: dict) -> None:
    wrong = {}
    for key, meta in (gold.get("articles") or {}).items():
        published = meta.get("published")
        assert published is None or ISO_DAY.fullmatch(published), (key, published)
        found = articles[key]
        if published != (found.isoformat() if found else None):
            wrong[key] = (published, found)
    assert not wrong, wrong


def test_dates_are_iso_and_not_after_publication(gold: dict) -> None:
    published = {k: v.get("published") for k, v in (gold.get("articles") or {}).items()}
    for i, row in enumerate(gold["events"]):
        window = row["date_window"]
        if window is None:
            continue
        assert all(ISO_DAY.fullmatch(d) for d in window), (i, window)
        lo, hi = map(dt.date.fromisoformat, window)
        assert lo <= hi, (i, window)
        pub = published.get(row["article"])
        if pub is not None:
            assert hi <= dt.date.fromisoformat(pub), (i, row["article"], window, pub)
    for i, m in enumerate(gold.get("merged") or []):
        assert m.get("date") is None or ISO_DAY.fullmatch(m["date"]), (i, m)


def test_admin1_codes_are_oblasts(gold: dict) -> None:
    codes = {p.admin1_code for p in gazetteer.admin1_units()}
    for part in ("events", "not_events"):
        for i, row in enumerate(gold.get(part) or []):
            code = row.get("admin1")
            if part == "not_events" and code is None:
                continue  # a place outside Ukraine, or a word
            assert ADMIN1.fullmatch(code) and code in codes, (part, i, code)


def test_city_events_are_gazetteer_places(gold: dict) -> None:
    problems = []
    for i, row in _city_rows(gold):
        names = [bare_name(row["place"])]
        if row.get("place_uk"):
            names.append(row["place_uk"])
        for name in names:
            why = place_problem(name, row["admin1"], row["lat"], row["lon"])
            if why:
                problems.append(f"events[{i}] {row['article']}: {why}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("name", "admin1", "lat", "lon", "expected"),
    [
        ("Kharkiv", "UA-63", 49.9818, 36.2548, None),
        ("Stepove", "UA-48", 47.1893, 31.5173, None),  # one of many, in its oblast
        ("Kharkiv", "UA-63", 50.9818, 36.2548, "km away"),  # a degree off
        ("Kharkiv", "UA-59", 49.9818, 36.2548, "no 'Kharkiv' in UA-59"),
        ("Nowhereville", "UA-63", 49.9818, 36.2548, "not in the gazetteer"),
    ],
)
def test_place_problem_finds_misplaced_gold(name, admin1, lat, lon, expected) -> None:
    why = place_problem(name, admin1, lat, lon)
    if expected is None:
        assert why is None
    else:
        assert why is not None and expected in why


def test_bare_name_drops_qualifiers() -> None:
    assert (
        bare_name("Pokrovske (Dnipropetrovsk oblast, Synelnykove raion)") == "Pokrovske"
    )
    assert bare_name("Bilopillia (hromada)") == "Bilopillia"
    assert bare_name("Kyiv") == "Kyiv"


def test_telegram_export_is_well_formed() -> None:
    """The fixture has the shape of a Telegram Desktop export, in Kyiv time."""
    from zoneinfo import ZoneInfo

    kyiv = ZoneInfo("Europe/Kyiv")
    export = json.loads((DATA / "uk" / "telegram" / "result.json").read_text("utf-8"))
    assert {"name", "type", "id", "messages"} <= set(export)
    kinds = {"service": 0, "media only": 0, "text": 0}
    links = []
    for m in export["messages"]:
        assert {"id", "type", "date", "date_unixtime", "text", "text_entities"} <= set(
            m
        )
        local = dt.datetime.fromisoformat(m["date"]).replace(tzinfo=kyiv)
        assert int(m["date_unixtime"]) == int(local.timestamp()), m["id"]
        text = _message_text(m["text"])
        entities = m["text_entities"]
        assert "".join(e["text"] for e in entities) == text, m["id"]
        links += [e["text"] for e in entities if e["type"] == "link"]
        if m["type"] == "service":
            kinds["service"] += 1
        elif not text:
            kinds["media only"] += 1
        else:
            kinds["text"] += 1
    assert all(kinds.values()), kinds
    assert any(re.match(r"https://t\.me/\w+", link) for link in links), links
    ids = [m["id"] for m in export["messages"]]
    assert ids == sorted(set(ids))
