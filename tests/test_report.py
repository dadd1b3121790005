"""The run report (report.json): names, places outside coverage, warnings, filters.

Articles are our own short texts.  Article and extraction warnings come from
other modules; here they are stood in for by subclasses that carry them, so the
report's handling is tested whether or not those fields exist yet.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from geo.engines.codec import extraction_from_json, extraction_to_json
from geo.engines.pipeline import extract_all, run
from geo.engines.result import ArticleStatus, RunResult, collect, within_dates
from geo.extract.records import Extraction, Ignored, Outside
from geo.ingest import Article, Skipped
from geo.tables.export import to_geojson


@dataclasses.dataclass(frozen=True)
class WarnedArticle(Article):
    """An Article that carries reading warnings."""

    warnings: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class WarnedExtraction(Extraction):
    """An Extraction that carries extraction warnings."""

    warnings: tuple[str, ...] = ()


def _json(obj) -> object:
    return json.loads(json.dumps(obj, ensure_ascii=False))


@pytest.fixture
def folder(tmp_path) -> Path:
    """Dated and undated articles, outside strikes, and inputs that are skipped."""
    d = tmp_path / "in"
    d.mkdir()
    (d / "a_kharkiv.txt").write_text(
        "date 2025-03-04\n\nA Russian missile hit a school in Kharkiv on Monday, "
        "killing two people, the governor said.\n",
        encoding="utf-8",
    )
    (d / "b_belgorod.txt").write_text(
        "date 2025-03-10\n\nUkrainian drones hit an oil depot in Belgorod, Russia, "
        "overnight, the regional governor said. Later drones struck a fuel tank "
        "in Belgorod, Russia, again, he said.\n",
        encoding="utf-8",
    )
    (d / "c_belgorod.txt").write_text(
        "date 2025-03-20\n\nDrones hit a power line in Belgorod, Russia, on "
        "Thursday, officials there said. A missile struck a depot in Odesa on "
        "Wednesday, injuring three people.\n",
        encoding="utf-8",
    )
    (d / "d_undated.txt").write_text(
        "Shelling damaged a shop in Kherson, local officials said.\n",
        encoding="utf-8",
    )
    (d / "e_empty.txt").write_text("", encoding="utf-8")
    (d / "f_binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    return d


@pytest.fixture
def result(folder) -> RunResult:
    return run([folder])


def test_every_entry_is_named_by_article_and_source(result):
    report = _json(result.to_report())
    assert report["skipped"] and report["undated"]
    for key in ("articles", "skipped", "undated"):
        for entry in report[key]:
            assert isinstance(entry, dict), key
            assert isinstance(entry["article"], str) and entry["article"]
            assert isinstance(entry["source"], str) and entry["source"]
    names = {e["article"] for e in report["articles"]}
    assert {e["article"] for e in report["skipped"]} <= names
    assert {e["article"] for e in report["undated"]} == {"d_undated.txt"}
    assert all(e["reason"] for e in report["skipped"])
    assert all(
        e["source"].endswith(("e_empty.txt", "f_binary.txt")) for e in report["skipped"]
    )


def test_outside_coverage_lists_each_place_once(result):
    report = _json(result.to_report())
    outside = report["outside_coverage"]
    places = [(o["place"], o["country"]) for o in outside]
    assert len(places) == len(set(places))
    (belgorod,) = [o for o in outside if o["place"] == "Belgorod"]
    assert belgorod["reports"] == 3
    assert belgorod["articles"] == ["b_belgorod.txt", "c_belgorod.txt"]
    assert len(belgorod["evidence"]) == 3
    assert sum(o["reports"] for o in outside) == len(result.outside)


def test_outside_coverage_aggregates_in_a_stable_order():
    def out(article, place, country="RU"):
        return Outside(article, place, country, f"{place} was hit, {article} said.")

    res = RunResult(
        outside=[
            out("a2", "Kursk"),
            out("a1", "Belgorod"),
            out("a2", "Belgorod"),
            out("a2", "Belgorod"),
            out("a3", "Minsk", "BY"),
        ]
    )
    report = res.to_report()
    assert [
        (o["place"], o["reports"], o["articles"]) for o in report["outside_coverage"]
    ] == [
        ("Belgorod", 3, ["a1", "a2"]),
        ("Kursk", 1, ["a2"]),
        ("Minsk", 1, ["a3"]),
    ]
    assert report["outside_coverage"][0]["evidence"] == [
        "Belgorod was hit, a1 said.",
        "Belgorod was hit, a2 said.",
    ]


class _Counted(str):
    """A str that counts its equality tests (hashing like the str it is)."""

    compared = 0

    def __eq__(self, other: object) -> bool:
        _Counted.compared += 1
        return str.__eq__(self, other)

    __hash__ = str.__hash__


@pytest.mark.parametrize("n", [500, 2000])
def test_outside_coverage_grows_linearly_with_the_articles(n):
    # one place in n articles, each reported twice: a 100,000-article run
    # names a Russian region in some 20,000 of them
    outside = [
        Outside(_Counted(f"a{i}"), "Belgorod", "RU", _Counted(f"Belgorod, {i % 3}."))
        for i in range(n)
        for _ in range(2)
    ]
    _Counted.compared = 0
    (entry,) = RunResult(outside=outside).to_report()["outside_coverage"]
    assert entry["reports"] == 2 * n
    assert entry["articles"] == [f"a{i}" for i in range(n)]
    assert entry["evidence"] == ["Belgorod, 0.", "Belgorod, 1.", "Belgorod, 2."]
    # a list searched per report compares ~n * n / 2 times
    assert _Counted.compared <= 8 * n


# -- warnings --------------------------------------------------------------------------
def _article(aid, text="", **kw) -> WarnedArticle:
    return WarnedArticle(
        aid, text, dt.date(2025, 3, 4), "jsonl", None, None, f"in.jsonl:{aid}", **kw
    )


def test_status_carries_article_and_extraction_warnings():
    items = [
        (
            _article("a1", warnings=("decoded as windows-1251",)),
            WarnedExtraction("a1", None, warnings=("sentence cut at 10000 places",)),
            False,
        ),
        Skipped("bad.txt", "empty"),
        (_article("a2"), Extraction("a2", None), False),
        (
            Article("a3", "", None, "none", None, None, "c.txt"),
            Extraction("a3", None),
            True,
        ),
    ]
    res = collect(items)
    res.warnings.append("cannot write to the cache")
    assert [s.warnings for s in res.articles] == [
        ("decoded as windows-1251", "sentence cut at 10000 places"),
        (),
        (),
        (),
    ]
    report = _json(res.to_report())
    assert report["articles"][0]["warnings"] == [
        "decoded as windows-1251",
        "sentence cut at 10000 places",
    ]
    assert all(a["warnings"] == [] for a in report["articles"][1:])
    assert report["warnings"] == [
        {
            "article": "a1",
            "source": "in.jsonl:a1",
            "warning": "decoded as windows-1251",
        },
        {
            "article": "a1",
            "source": "in.jsonl:a1",
            "warning": "sentence cut at 10000 places",
        },
        {"article": None, "source": None, "warning": "cannot write to the cache"},
    ]


def test_article_status_has_warnings_field():
    assert ArticleStatus("a", "a", "no events").warnings == ()


@pytest.mark.parametrize("jobs", [1, 2])
def test_extract_all_passes_every_article_field_on(jobs):
    articles = [
        _article("a1", "A drone hit a shop in Kharkiv on Monday.", warnings=("w1",)),
        _article("a2", "Nothing happened in Lviv.", warnings=()),
    ]
    out = [a for a, _, _ in extract_all(articles, jobs=jobs)]
    assert out == [dataclasses.replace(a, text="") for a in articles]
    assert all(type(a) is WarnedArticle for a in out)


def test_extraction_warnings_survive_the_cache(monkeypatch, tmp_path):
    import geo.engines.codec as codec

    monkeypatch.setattr(codec, "Extraction", WarnedExtraction)
    article = _article("a1")
    ex = WarnedExtraction("a1", article.published, warnings=("mentions cut at 500",))
    data = extraction_to_json(ex)
    assert data["warnings"] == ["mentions cut at 500"]
    assert extraction_from_json(json.loads(json.dumps(data)), article, None) == ex


def test_extraction_without_warnings_field_still_decodes():
    article = _article("a1")
    ex = Extraction("a1", article.published)
    assert extraction_from_json(extraction_to_json(ex), article, None) == ex


# -- the date filter -------------------------------------------------------------------
def test_report_counts_follow_the_date_filter(result):
    everything = result.to_report()
    dated = [f for f in result.features if f["properties"]["date"]]
    assert len(dated) < len(result.features)  # the Kherson event is undated
    since = dt.date(2025, 3, 15)
    filtered = result.to_report(since=since)
    kept = [f for f in dated if f["properties"]["date"] >= "2025-03-15"]
    assert 0 < len(kept) < len(dated)
    assert filtered["events"] == len(kept)
    assert filtered["oblasts"] == sorted({f["properties"]["admin1_code"] for f in kept})
    assert (
        filtered["events_total"] == everything["events_total"] == len(result.features)
    )
    assert everything["events"] == len(result.features)
    assert filtered["since"] == "2025-03-15" and filtered["until"] is None
    assert set(filtered["oblast_names"]) == set(filtered["oblasts"])
    # the rest of the report does not depend on the filter
    for key in ("articles", "skipped", "undated", "outside_coverage", "warnings"):
        assert filtered[key] == everything[key]


@pytest.mark.parametrize(
    "since, until, dates",
    [
        (None, None, ["2025-03-03", "2025-03-19", None]),
        ("2025-03-04", None, ["2025-03-19"]),
        (None, dt.date(2025, 3, 3), ["2025-03-03"]),
        (dt.date(2025, 3, 3), "2025-03-19", ["2025-03-03", "2025-03-19"]),
        ("2025-04-01", None, []),
    ],
)
def test_within_dates(since, until, dates):
    features = [
        {"properties": {"date": d, "admin1_code": "UA-63"}}
        for d in ("2025-03-03", "2025-03-19", None)
    ]
    got = within_dates(features, since, until)
    assert [f["properties"]["date"] for f in got] == dates


def test_within_dates_keeps_normalized(result):
    from geo.events.records import Normalized

    assert isinstance(result.features, Normalized)
    got = within_dates(result.features, since="2025-03-01")
    assert isinstance(got, Normalized)
    assert to_geojson(got) != to_geojson(result.features)


def test_report_is_json_and_identical_across_jobs(folder, result):
    two = run([folder], jobs=2)
    assert json.dumps(two.to_report(since=dt.date(2025, 3, 5))) == json.dumps(
        result.to_report(since=dt.date(2025, 3, 5))
    )


# -- records as dicts -------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class _Nested:
    article: str
    inner: Ignored
    items: list


@pytest.mark.parametrize(
    "record",
    [
        ArticleStatus("a1", "a1.txt", "events", "2024-03-01", "text", 2),
        ArticleStatus("a2", "a.jsonl:3", "skipped", reason="no text"),
        ArticleStatus(
            "a3", "a3.txt", "no events", warnings=("cut", "legacy"), lang="uk"
        ),
        ArticleStatus("a4", "a4.txt", "events", warnings=(_Counted("w"),)),
        ArticleStatus(_Counted("a5"), "a5.txt", "events"),
        Ignored("a1", "Kyiv", "memorial"),
        _Nested("a1", Ignored("a1", "Lviv", "origin"), ["x", ("y", 1)]),
    ],
)
def test_records_become_the_dicts_asdict_gives(record):
    from geo.engines.result import _as_dict

    got = _as_dict(record)
    assert got == dataclasses.asdict(record)
    assert list(got) == list(dataclasses.asdict(record))
    assert json.dumps(got) == json.dumps(dataclasses.asdict(record))
