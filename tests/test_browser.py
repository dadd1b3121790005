"""Offline maps in headless Chromium with no network: errors, markers, XSS.

Needs Debian's chromium (/usr/bin/chromium) and the offline assets
(``python -m maps.assets``); skipped with the reason when either is missing.
"""

from __future__ import annotations

import base64
import json
import os
import random
from pathlib import Path

import pytest

import gazetteer
from gazetteer.exc import OutputError
from geo.frames import events_to_frame
from geo.summary import region_summary
from maps import build_map, save_map
from maps._chromium import Chromium, chromium_path
from maps.assets import fetch_assets

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
PAYLOAD = (
    "<script>alert(1)</script> <img src=x onerror=alert(2)> "
    '<img src=y onerror="window.__pwned=1"> "double" \'single\' {{ 7*7 }}'
)
API = "Object.values(StrikeMap.maps)[0]"


@pytest.fixture(scope="module")
def browser():
    if chromium_path() is None:
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    with Chromium(width=1280, height=900) as chromium:
        yield chromium


@pytest.fixture(scope="module")
def assets():
    try:
        return fetch_assets()
    except OutputError as exc:
        pytest.skip(
            f"offline map assets unavailable ({exc}); run python -m maps.assets"
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
            "evidence": PAYLOAD,
            "killed": 0,
            "injured": 3,
        },
        {
            "article": "linked-article",
            "url": "https://news.example.org/linked",
            "published": None,
            "evidence": "An ordinary sentence.",
            "killed": None,
            "injured": None,
        },
    ]
    return [*fc["features"], xss]


@pytest.fixture(scope="module")
def offline_page(tmp_path_factory, features, boundaries, assets) -> Path:
    frame = events_to_frame(features, boundaries)
    summary = region_summary(frame)
    i = summary.index[summary["admin1_code"] == "UA-30"][0]
    summary.loc[i, "top_targets"] = PAYLOAD
    m = build_map(frame, summary, boundaries=boundaries, tiles=None)
    return save_map(m, tmp_path_factory.mktemp("map") / "map.html", offline=True)


@pytest.fixture(scope="module")
def report(browser, offline_page):
    expressions = {
        "count": f"{API}.count()",
        "total": f"{API}.total",
        "slider": "document.querySelectorAll('.sm-slider input[type=range]').length",
        "choropleth_paths": (
            "document.querySelectorAll('.leaflet-sm-choropleth-pane path').length"
        ),
        "overlays": (
            "Array.from(document.querySelectorAll("
            "'.leaflet-control-layers-overlays label')).map(l => l.textContent.trim())"
        ),
        "legend": "document.querySelector('.sm-legend').textContent",
        "panel": "document.querySelector('.sm-panel').textContent",
        "panel_markup": "document.querySelectorAll('.sm-panel img, .sm-panel script')"
        ".length",
        "title": "document.querySelector('.sm-title h1').textContent",
    }
    return browser.load(offline_page, expressions=expressions)


def test_screenshot(browser, tmp_path, data_dir, boundaries, assets):
    """The fixture map as a reader sees it (tests/artifacts; docs/ on request)."""
    fc = json.loads((data_dir / "maps" / "events.geojson").read_text("utf-8"))
    frame = events_to_frame(fc["features"], boundaries)
    m = build_map(frame, region_summary(frame), boundaries=boundaries, tiles=None)
    path = save_map(m, tmp_path / "map.html", offline=True)
    result = browser.load(path, screenshot=True)
    assert result.ready and result.console_errors == []
    assert result.screenshot.startswith(b"\x89PNG")
    artifacts = ROOT / "tests" / "artifacts"
    artifacts.mkdir(parents=True, exist_ok=True)
    (artifacts / "map.png").write_bytes(result.screenshot)
    if os.environ.get("STRIKEMAP_UPDATE_SCREENSHOT") == "1":
        (ROOT / "docs").mkdir(exist_ok=True)
        (ROOT / "docs" / "map.png").write_bytes(result.screenshot)
    big = max(fc["features"], key=lambda f: f["properties"]["injured"] or 0)
    browser.evaluate(f"{API}.openPopup({API}.find('{big['properties']['id']}')), true")
    png = browser.send("Page.captureScreenshot", {"format": "png"})["data"]
    (artifacts / "map-popup.png").write_bytes(base64.b64decode(png))


def test_page_loads_with_no_errors_and_no_network(report):
    assert report.ready
    assert report.console_errors == []
    assert report.requests == []
    assert report.dialogs == []


def test_one_marker_per_event(report, features):
    assert report.values["total"] == len(features)
    assert report.values["count"] == len(features)


def test_slider_layers_choropleth_and_legend_are_there(report):
    assert report.values["slider"] == 1
    assert report.values["choropleth_paths"] >= 27
    overlays = report.values["overlays"]
    for name in (
        "Events per oblast",
        "Casualties per oblast (killed + injured)",
        "Events 2026-01 (7)",
        "Events 2026-02 (7)",
        "Events 2026-03 (7)",
        "Undated (2)",
    ):
        assert name in overlays
    assert "Ballistic missile" in report.values["legend"]
    assert report.values["title"] == "Strikes on Ukraine"


def test_summary_cells_show_as_text(report):
    assert PAYLOAD in report.values["panel"]
    assert report.values["panel_markup"] == 0


def test_region_tooltip_shows_the_summary_row_as_text(browser, report):
    browser.evaluate(
        "(function () {"
        " var name = Object.keys(window).filter(k => k.startsWith('choropleth_'))[0];"
        " window[name].eachLayer(function (l) {"
        "  if (l.feature.properties.admin1_code === 'UA-30') {"
        "   l.openTooltip(l.getBounds().getCenter()); } });"
        " return true; })()"
    )
    text = browser.evaluate("document.querySelector('.sm-tooltip').textContent")
    assert text.startswith("Kyiv")
    assert "Events3" in text and "Killed7" in text
    assert PAYLOAD in text
    assert browser.evaluate("document.querySelectorAll('.sm-tooltip img').length") == 0
    assert browser.evaluate("typeof window.__pwned") == "undefined"


def test_xss_payload_is_inert_and_shown_as_text(browser, report):
    i = browser.evaluate(f"{API}.find('feedfacefeedface')")
    assert i >= 0
    browser.evaluate(f"{API}.openPopup({i}), true")
    popup = browser.evaluate(
        "document.querySelector('.leaflet-popup-content').textContent"
    )
    assert PAYLOAD in popup
    assert "Kyiv <img src=z" in popup
    assert "</script><script>window.__pwned=3</script>" in popup
    assert "<b>bold-article</b>" in popup
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


def test_slider_and_month_groups_filter_markers(browser, report, features):
    undated = sum(1 for f in features if not f["properties"]["date"])
    first_day = sum(1 for f in features if f["properties"]["date"] == "2026-01-05")
    browser.evaluate(f"{API}.setDay(0, false), true")
    assert browser.evaluate(f"{API}.shown()") == first_day + undated
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
    browser.evaluate(toggle)
    assert browser.evaluate(f"{API}.shown()") == len(features)


def test_clustered_map_holds_every_event(browser, tmp_path, boundaries, assets):
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
                    "sources": [{"article": f"a{i}", "evidence": "Text."}],
                },
            }
        )
    m = build_map(feats, None, boundaries=boundaries, tiles=None, cluster_threshold=200)
    path = save_map(m, tmp_path / "clustered.html", offline=True)
    result = browser.load(
        path,
        expressions={
            "count": f"{API}.count()",
            "clustered": f"{API}.clustered",
            "clusters": "document.querySelectorAll('.marker-cluster').length",
        },
    )
    assert result.ready
    assert result.console_errors == [] and result.requests == []
    assert result.values["clustered"] is True
    assert result.values["count"] == 450
    assert result.values["clusters"] > 0
