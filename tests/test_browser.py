"""Maps in headless Chromium with every network request refused (fixture data).

Errors, markers, escaping, the slider and what follows it, unknown figures,
clusters.  Needs Debian's chromium (/usr/bin/chromium); skipped with the
reason when it is missing.  ``test_map_pipeline.py`` does the same on real
pipeline output.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pandas as pd
import pytest

import gazetteer
from geo.tables.frames import events_to_frame
from geo.tables.summary import region_summary
from maps import build_map, save_map
from maps.style import cluster_classes, region_colors, weapon_classes

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
PAYLOAD = (
    "<script>alert(1)</script> <img src=x onerror=alert(2)> "
    '<img src=y onerror="window.__pwned=1"> "double" \'single\' {{ 7*7 }}'
)
API = "Object.values(StrikeMap.maps)[0]"
PANEL = "document.querySelector('.sm-panel')"


def choropleth(kind: str) -> str:
    """JS: the choropleth layer of one kind."""
    return (
        "Object.keys(window).filter(k => k.startsWith('choropleth_'))"
        f".map(k => window[k]).find(l => l.smKind === {kind!r})"
    )


@pytest.fixture(scope="module")
def boundaries():
    return gazetteer.admin1_boundaries()


@pytest.fixture(scope="module")
def features(data_dir: Path) -> list[dict]:
    fc = json.loads((data_dir / "maps" / "events.geojson").read_text("utf-8"))
    xss = json.loads(json.dumps(fc["features"][1]))
    props = xss["properties"]
    props["id"] = "feedfacefeedface"
    props["place"] = 'Kyiv <img src=z onerror="window.__pwned=2">'
    props["note"] = "</script><script>window.__pwned=3</script>"
    props["sources"] = [
        {
            "article": "<b>bold-article</b>",
            "url": "javascript:window.__pwned=4",
            "published": "2026-01-05",
            "evidence": [PAYLOAD, "Then a second sentence."],
            "killed": 0,
            "injured": 3,
        },
        {
            "article": "linked-article",
            "url": "https://news.example.org/linked",
            "published": None,
            "evidence": ["An ordinary sentence."],
            "killed": None,
            "injured": None,
        },
    ]
    return [*fc["features"], xss]


@pytest.fixture(scope="module")
def summary(features, boundaries):
    table = region_summary(events_to_frame(features, boundaries))
    i = table.index[table["admin1_code"] == "UA-30"][0]
    table.loc[i, "top_targets"] = PAYLOAD
    return table


@pytest.fixture(scope="module")
def page(tmp_path_factory, features, summary, boundaries) -> Path:
    frame = events_to_frame(features, boundaries)
    m = build_map(frame, summary, boundaries=boundaries)
    return save_map(m, tmp_path_factory.mktemp("map") / "map.html")


@pytest.fixture(scope="module")
def report(browser, page):
    expressions = {
        "count": f"{API}.count()",
        "total": f"{API}.total",
        "slider": "document.querySelectorAll('.sm-slider input[type=range]').length",
        "choropleth_paths": (
            "document.querySelectorAll('.leaflet-sm-choropleth-pane path').length"
        ),
        "outline_paths": "document.querySelectorAll('.leaflet-sm-base-pane path')"
        ".length",
        "tiles": "document.querySelectorAll('.leaflet-tile').length",
        "overlays": (
            "Array.from(document.querySelectorAll("
            "'.leaflet-control-layers-overlays label')).map(l => l.textContent.trim())"
        ),
        "legend": "document.querySelector('.sm-legend').textContent",
        "panel": f"{PANEL}.textContent",
        "panel_markup": "document.querySelectorAll('.sm-panel img, .sm-panel script')"
        ".length",
        "title": "document.querySelector('.sm-title h1').textContent",
        "doc_title": "document.title",
    }
    return browser.load(page, expressions=expressions)


def test_screenshot(browser, page):
    """The fixture map as a reader sees it (tests/artifacts, not committed)."""
    browser.load(page)
    artifacts = ROOT / "tests" / "artifacts"
    artifacts.mkdir(parents=True, exist_ok=True)
    (artifacts / "map.png").write_bytes(browser.screenshot())
    browser.evaluate(f"{API}.openPopup({API}.find('284c64fc546ef750')), true")
    browser.evaluate("new Promise(done => setTimeout(done, 600))")  # pan, fade in
    (artifacts / "map-popup.png").write_bytes(browser.screenshot())


def test_page_draws_with_every_request_refused(report):
    assert report.ready
    assert report.console_errors == []
    assert report.requests == [] and report.refused == [] and report.failed == []
    assert report.dialogs == []
    assert report.values["outline_paths"] >= 28  # 27 oblasts and the country
    assert report.values["tiles"] == 0


def test_one_marker_per_event(report, features):
    assert report.values["total"] == len(features)
    assert report.values["count"] == len(features)


def test_slider_layers_choropleth_legend_and_title_are_there(report):
    assert report.values["slider"] == 1
    assert report.values["choropleth_paths"] >= 27
    overlays = report.values["overlays"]
    for name in (
        "Country and oblast outlines",
        "OpenStreetMap base map (online)",
        "Events per oblast",
        "Casualties per oblast",
        "Events 2026-01 (7)",
        "Events 2026-02 (8)",
        "Events 2026-03 (7)",
        "Undated (2)",
    ):
        assert name in overlays
    assert "Ballistic missile" in report.values["legend"]
    assert report.values["title"] == "Strikes on Ukraine"
    assert report.values["doc_title"] == "Strikes on Ukraine"


def test_summary_cells_show_as_text(report):
    assert PAYLOAD in report.values["panel"]
    assert report.values["panel_markup"] == 0


def test_region_tooltip_shows_the_row_as_text(browser, report):
    browser.evaluate(
        f"{choropleth('events')}.eachLayer(function (l) {{"
        " if (l.feature.properties.admin1_code === 'UA-30') {"
        "  l.openTooltip(l.getBounds().getCenter()); } }), true"
    )
    text = browser.evaluate("document.querySelector('.sm-tooltip').textContent")
    assert text.startswith("Kyiv")
    assert "Events3" in text and "Killed7 killed" in text
    assert PAYLOAD in text
    assert browser.evaluate("document.querySelectorAll('.sm-tooltip img').length") == 0
    assert browser.evaluate("typeof window.__pwned") == "undefined"
    browser.evaluate(f"{choropleth('events')}.eachLayer(l => l.closeTooltip()), true")


def test_xss_payload_is_inert_and_shown_as_text(browser, report):
    i = browser.evaluate(f"{API}.find('feedfacefeedface')")
    assert i >= 0
    browser.evaluate(f"{API}.openPopup({i}), true")
    popup = browser.evaluate(
        "document.querySelector('.leaflet-popup-content').textContent"
    )
    assert "Kyiv <img src=z" in popup
    assert "</script><script>window.__pwned=3</script>" in popup
    assert "<b>bold-article</b>" in popup
    sources = browser.evaluate(
        "Array.from(document.querySelectorAll('.leaflet-popup-content .sm-source'))"
        ".map(li => [li.firstChild.textContent,"
        " Array.from(li.querySelectorAll('q')).map(q => q.textContent)])"
    )
    assert sorted(sources) == [
        ["<b>bold-article</b>", [PAYLOAD, "Then a second sentence."]],
        ["linked-article", ["An ordinary sentence."]],
    ]
    markup = browser.evaluate(
        "document.querySelectorAll('.leaflet-popup-content img,"
        " .leaflet-popup-content script, .leaflet-popup-content b').length"
    )
    assert markup == 0
    links = browser.evaluate(
        "Array.from(document.querySelectorAll('.leaflet-popup-content a'))"
        ".map(a => [a.getAttribute('href'), a.rel, a.textContent])"
    )
    assert links == [
        ["https://news.example.org/linked", "noopener noreferrer", "linked-article"]
    ]
    assert browser.evaluate("typeof window.__pwned") == "undefined"
    assert browser.evaluate("window.__smDialogs.length") == 0


@pytest.mark.parametrize(
    ("event_id", "killed", "injured"),
    [
        ("7a1e0c9b55d2f316", "not stated", "not stated"),
        ("ba087e30169f08c0", "not stated", "3"),
        ("6c33e442e32740c4", "0", "0"),
    ],
)
def test_popup_says_not_stated(browser, report, event_id, killed, injured):
    browser.evaluate(f"{API}.openPopup({API}.find('{event_id}')), true")
    facts = browser.evaluate(
        "Object.fromEntries(Array.from(document.querySelectorAll("
        "'.leaflet-popup-content .sm-facts tr')).map(tr =>"
        " [tr.cells[0].textContent, tr.cells[1].textContent]))"
    )
    assert (facts["Killed"], facts["Injured"]) == (killed, injured)


def panel_lines(browser) -> dict[str, str]:
    return browser.evaluate(
        f"Object.fromEntries(Array.from({PANEL}.querySelectorAll('li'))"
        ".map(li => [li.dataset.code,"
        " li.querySelector('.sm-region-line').textContent]))"
    )


def test_panel_never_shows_zero_for_not_stated(browser, report):
    lines = panel_lines(browser)
    assert lines["UA-05"] == (
        "Vinnytsia Oblast: 1 event, killed: not stated, injured: not stated"
    )
    assert lines["UA-23"] == (
        "Zaporizhzhia Oblast: 2 events, 2 killed (1 event: not stated), "
        "8 injured (1 event: not stated)"
    )
    assert lines["UA-46"] == "Lviv Oblast: 1 event, 0 killed, 0 injured"


def fills(browser, kind: str) -> dict[str, str]:
    return browser.evaluate(
        f"(function () {{ var out = {{}}; {choropleth(kind)}.eachLayer(function (l)"
        " { out[l.feature.properties.admin1_code] = l.options.fillColor; });"
        " return out; })()"
    )


def test_casualty_choropleth_treats_unknown_as_no_data(browser, report):
    colors = region_colors()
    casualties = fills(browser, "casualties")
    assert casualties["UA-05"] == colors["not_stated"]  # events, no figure
    assert casualties["UA-18"] == colors["no_events"]  # Zhytomyr: no events
    assert casualties["UA-46"] not in (colors["not_stated"], colors["no_events"])
    assert casualties["UA-12"] not in (colors["not_stated"], colors["no_events"])
    events = fills(browser, "events")
    assert events["UA-05"] != colors["not_stated"]
    assert events["UA-18"] == colors["no_events"]


def test_panel_and_choropleths_follow_the_slider(browser, report, features):
    first_day = [f for f in features if f["properties"]["date"] == "2026-01-05"]
    undated = [f for f in features if not f["properties"]["date"]]
    browser.evaluate(f"{API}.setDay(0, false), true")
    assert browser.evaluate(f"{API}.shown()") == len(first_day) + len(undated)
    lines = panel_lines(browser)
    codes = {f["properties"]["admin1_code"] for f in first_day + undated}
    assert set(lines) == codes
    assert lines["UA-30"] == "Kyiv: 2 events, 0 killed, 6 injured"
    scope = browser.evaluate(f"{PANEL}.querySelector('.sm-panel-scope').textContent")
    assert len(first_day) == 3 and len(undated) == 2
    assert scope == (
        "5 of 24 events on show: 3 dated up to 2026-01-05 + 2 undated"
        " (date unknown: shown at every date)"
    )
    status = browser.evaluate("document.querySelector('.sm-slider-status').textContent")
    assert status == scope
    events = fills(browser, "events")
    colors = region_colors()
    assert events["UA-12"] == colors["no_events"]  # Dnipro's events come later
    assert events["UA-30"] != colors["no_events"]
    # only this day: the undated events stay, and the words say so
    browser.evaluate(f"{API}.setDay(4, true), true")
    status = browser.evaluate("document.querySelector('.sm-slider-status').textContent")
    assert status.startswith("3 of 24 events on show: 1 dated on 2026-01-09 + 2 ")
    # the end of the slider: every event, the run's summary again
    browser.evaluate(f"{API}.setDay(1000, false), true")
    assert browser.evaluate(f"{API}.shown()") == len(features)
    scope = browser.evaluate(f"{PANEL}.querySelector('.sm-panel-scope').textContent")
    assert scope == "All events of the run"
    assert fills(browser, "events")["UA-12"] != colors["no_events"]


def test_aggregate_of_every_event_is_the_summary(browser, report, summary):
    browser.evaluate(f"{API}.setDay(1000, false), true")
    rows = browser.evaluate(f"{API}.aggregate()")
    for _, row in summary[summary["events"] > 0].iterrows():
        mine = rows[row["admin1_code"]]
        for col in ("events", "days", "killed_not_stated", "injured_not_stated"):
            assert mine[col] == row[col], (row["admin1_code"], col)
        for col in ("killed", "injured"):
            want = None if pd.isna(row[col]) else int(row[col])
            assert mine[col] == want, (row["admin1_code"], col)
        assert (mine["first_date"], mine["last_date"]) == (
            row["first_date"],
            row["last_date"],
        )
        assert mine["sources"] == row["sources"]
        if row["admin1_code"] != "UA-30":  # its targets carry the payload
            assert mine["top_targets"] == row["top_targets"].replace("_", " ")
        assert mine["top_weapons"] == row["top_weapons"].replace("_", " ")


def test_slider_and_month_groups_filter_markers(browser, report, features):
    browser.evaluate(f"{API}.setDay(1000, false), true")
    assert browser.evaluate(f"{API}.shown()") == len(features)
    toggle = (
        "Array.from(document.querySelectorAll("
        "'.leaflet-control-layers-overlays label'))"
        ".find(l => l.textContent.includes('Events 2026-01'))"
        ".querySelector('input').click(), true"
    )
    browser.evaluate(toggle)
    january = sum(
        1 for f in features if (f["properties"]["date"] or "")[:7] == "2026-01"
    )
    assert browser.evaluate(f"{API}.shown()") == len(features) - january
    assert "All events" not in browser.evaluate(f"{PANEL}.textContent")
    browser.evaluate(toggle)
    assert browser.evaluate(f"{API}.shown()") == len(features)


def test_tiles_are_requested_only_when_switched_on(browser, page):
    report = browser.load(page)
    assert report.refused == []
    toggle = (
        "Array.from(document.querySelectorAll("
        "'.leaflet-control-layers-overlays label'))"
        ".find(l => l.textContent.includes('OpenStreetMap'))"
        ".querySelector('input').click(), true"
    )
    browser.evaluate(toggle)
    browser.evaluate("new Promise(r => setTimeout(r, 300))")
    after = browser.report()
    assert after.refused and all(
        u.startswith("https://tile.openstreetmap.org/") for u in after.refused
    )
    fill = browser.evaluate(
        "document.querySelector('.leaflet-sm-base-pane path')"
        ".getAttribute('fill-opacity')"
    )
    assert fill == "0"  # the land fill gives way to the tiles


def test_clustered_map_holds_every_event(browser, tmp_path, boundaries):
    rng = random.Random(7)
    places = [p for p in gazetteer.admin1_units()]
    feats = []
    for i in range(450):
        p = rng.choice(places)
        feats.append(
            {
                "type": "Feature",
                "geometry": {
                    "type": "Point",
                    "coordinates": [p.lon + rng.uniform(-0.3, 0.3), p.lat],
                },
                "properties": {
                    "id": f"{i:016x}",
                    "date": f"2026-0{1 + i % 6}-{1 + i % 28:02d}",
                    "place": p.name,
                    "admin1": p.admin1,
                    "admin1_code": p.admin1_code,
                    "weapons": rng.choice([["drone"], ["missile"], []]),
                    "killed": rng.choice([None, 0, 1, 5]),
                    "sources": [{"article": f"a{i}", "evidence": ["Text."]}],
                },
            }
        )
    m = build_map(feats, None, boundaries=boundaries, cluster_threshold=200)
    path = save_map(m, tmp_path / "clustered.html")
    result = browser.load(
        path,
        expressions={
            "count": f"{API}.count()",
            "clustered": f"{API}.clustered",
            "clusters": "Array.from(document.querySelectorAll('.sm-cluster-disc'))"
            ".map(d => getComputedStyle(d).backgroundColor)",
            "legend": "document.querySelector('.sm-legend').textContent",
        },
    )
    assert result.ready
    assert result.console_errors == [] and result.requests == []
    assert result.refused == [] and result.failed == []
    assert result.values["clustered"] is True
    assert result.values["count"] == 450
    assert result.values["clusters"]

    def rgb(color: str) -> str:
        r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
        return f"rgb({r}, {g}, {b})"

    allowed = {rgb(c.color) for c in cluster_classes()}
    weapons = {rgb(c.color) for c in weapon_classes()}
    assert set(result.values["clusters"]) <= allowed
    assert not set(result.values["clusters"]) & weapons
    assert "Numbered discs: clusters" in result.values["legend"]
    for c in cluster_classes():
        assert c.label in result.values["legend"]
