"""The map of real pipeline output, in headless Chromium with no network.

The pipeline reads ``tests/data/articles`` (our own texts, one of them full of
markup: ``xss_strike.txt``); the map is built and saved as ``strikemap run``
does, and opened with every network request refused.  A reader's mouse clicks
each marker; the popup must show each evidence sentence as its own quoted
line, never a Python list or live markup.  Also: unknown figures stay "not
stated", and at 800×600 nothing covers anything.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from chromium import Chromium, chromium_path

import geo
from geo.tables.frames import events_to_frame
from geo.tables.summary import region_summary
from maps import build_map, save_map

pytestmark = pytest.mark.browser

API = "Object.values(StrikeMap.maps)[0]"
MAP = "Object.keys(window).filter(k => k.startsWith('map_')).map(k => window[k])[0]"


@pytest.fixture(scope="module")
def features(data_dir: Path) -> list[dict]:
    return list(geo.run([str(data_dir / "articles")]).features)


@pytest.fixture(scope="module")
def page(tmp_path_factory, features) -> Path:
    summary = region_summary(events_to_frame(features))
    m = build_map(features, summary)
    return save_map(m, tmp_path_factory.mktemp("run") / "map.html")


@pytest.fixture(scope="module")
def loaded(browser, page):
    return browser.load(
        page,
        expressions={
            "markers": f"{API}.count()",
            "outlines": "document.querySelectorAll('.leaflet-sm-base-pane path')"
            ".length",
            "scripts": "Array.from(document.scripts).filter(s => s.src).length",
            "links": "document.querySelectorAll('link[href]').length",
            "images": "Array.from(document.images).map(i => i.src)",
        },
    )


def test_the_fixture_has_what_the_tests_need(features):
    sources = [s for f in features for s in f["properties"]["sources"]]
    assert any(len(s["evidence"]) > 1 for s in sources)
    assert any(s["article"] == "xss_strike.txt" for s in sources)
    assert any(f["properties"]["killed"] is None for f in features)


def test_page_draws_with_every_request_refused(loaded, features):
    assert loaded.ready
    assert loaded.console_errors == []
    assert loaded.requests == [] and loaded.refused == [] and loaded.failed == []
    assert loaded.dialogs == []
    assert loaded.values["markers"] == len(features)
    assert loaded.values["outlines"] >= 28
    assert loaded.values["scripts"] == 0 and loaded.values["links"] == 0
    assert all(src.startswith("data:") for src in loaded.values["images"])


def click_marker(browser, i: int) -> dict:
    """Centre marker ``i`` at zoom 12, click it with the mouse, read the popup."""
    browser.evaluate(
        f"(function () {{ var m = {API}.markers[{i}]; var map = {MAP};"
        " map.closePopup(); map.setView(m.getLatLng(), 12, {animate: false});"
        " m.bringToFront(); return true; })()"
    )
    # a closed popup fades out before it leaves the page: take it away now
    browser.evaluate(
        "document.querySelectorAll('.leaflet-popup').forEach(e => e.remove()), true"
    )
    x, y = browser.evaluate(
        f"(function () {{ var map = {MAP}; var p = map.latLngToContainerPoint("
        f"{API}.markers[{i}].getLatLng()); var r = map.getContainer()"
        ".getBoundingClientRect(); return [r.left + p.x, r.top + p.y]; })()"
    )
    browser.click(x, y)
    return browser.evaluate(
        "(function () { var c = document.querySelector('.leaflet-popup-content');"
        " if (!c) { return null; }"
        " return {text: c.textContent,"
        " place: c.querySelector('.sm-popup-place').firstChild.textContent,"
        " date: c.querySelector('.sm-popup-date').textContent,"
        " facts: Object.fromEntries(Array.from(c.querySelectorAll('.sm-facts tr'))"
        "  .map(tr => [tr.cells[0].textContent, tr.cells[1].textContent])),"
        " sources: Array.from(c.querySelectorAll('.sm-source')).map(li => ({"
        "  label: li.firstChild.textContent,"
        "  href: li.firstChild.tagName === 'A' ? li.firstChild.getAttribute('href')"
        "   : null,"
        "  sentences: Array.from(li.querySelectorAll('q')).map(q => q.textContent)"
        " })),"
        " markup: c.querySelectorAll('img, script, b, iframe, svg, [onerror]')"
        ".length}; })()"
    )


def test_clicked_popups_show_each_sentence_under_its_source(browser, loaded, features):
    for feature in features:
        props = feature["properties"]
        i = browser.evaluate(f"{API}.find({props['id']!r})")
        popup = click_marker(browser, i)
        assert popup is not None, f"no popup for {props['place']}"
        assert (popup["place"], popup["date"][:10]) == (
            props["place"],
            props["date"] or "Date unkno",
        )
        assert "['" not in popup["text"] and '["' not in popup["text"]
        assert popup["markup"] == 0
        want = sorted((s["article"], s["evidence"]) for s in props["sources"])
        got = sorted((s["label"], s["sentences"]) for s in popup["sources"])
        assert got == want
        for s in popup["sources"]:
            source = next(x for x in props["sources"] if x["article"] == s["label"])
            url = source.get("url") or ""
            is_http = url.startswith(("http://", "https://"))
            assert s["href"] == (url if is_http else None)
        for word in ("killed", "injured"):
            value = props[word]
            shown = popup["facts"][word.capitalize()]
            assert shown == ("not stated" if value is None else f"{value:,}")
    assert browser.evaluate("typeof window.__pwned") == "undefined"
    assert browser.evaluate("window.__smDialogs.length") == 0
    after = browser.report()
    assert after.console_errors == [] and after.refused == [] and after.failed == []


def test_markup_in_an_article_stays_text(browser, loaded, features):
    i = next(
        k
        for k, f in enumerate(features)
        if any(s["article"] == "xss_strike.txt" for s in f["properties"]["sources"])
    )
    index = browser.evaluate(f"{API}.find({features[i]['properties']['id']!r})")
    popup = click_marker(browser, index)
    assert popup["markup"] == 0
    assert "<script>alert(1)</script>" in popup["text"]
    assert "<img src=x onerror=alert(2)>" in popup["text"]
    assert "['" not in popup["text"]
    assert len(popup["sources"]) == 1
    sentences = popup["sources"][0]["sentences"]
    assert len(sentences) > 1 and all(not s.startswith("[") for s in sentences)
    assert browser.evaluate("window.__smDialogs.length") == 0


def test_panel_never_says_zero_where_no_event_stated_a_figure(
    browser, loaded, features
):
    browser.evaluate(f"{API}.setDay(100000, false), true")
    texts = browser.evaluate(
        "Array.from(document.querySelectorAll('.sm-panel .sm-region-line'))"
        ".map(line => line.textContent)"
    )
    names = {
        f["properties"]["admin1"]: f["properties"]["admin1_code"] for f in features
    }
    lines = {names[text.split(":")[0]]: text for text in texts}
    by_code: dict[str, list[dict]] = {}
    for f in features:
        by_code.setdefault(f["properties"]["admin1_code"], []).append(f["properties"])
    assert set(lines) == set(by_code)
    for code, events in by_code.items():
        for word in ("killed", "injured"):
            stated = [e[word] for e in events if e[word] is not None]
            unknown = len(events) - len(stated)
            if not stated:
                assert f"{word}: not stated" in lines[code], (code, lines[code])
            else:
                text = f"{sum(stated):,} {word}"
                if unknown:
                    text += (
                        f" ({unknown} event{'s' if unknown > 1 else ''}: not stated)"
                    )
                assert text in lines[code], (code, lines[code])
    # Rivne Oblast's one event states no figure: the casualty map says so
    colors = browser.evaluate(
        "Object.keys(window).filter(k => k.startsWith('choropleth_'))"
        ".map(k => window[k]).find(l => l.smKind === 'casualties').smValue('UA-56')"
    )
    assert colors is None
    assert (
        "UA-56" in lines
        and "killed: not stated, injured: not stated" in (lines["UA-56"])
    )


@pytest.fixture(scope="module")
def small_browser():
    if chromium_path() is None:
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    with Chromium(width=800, height=600) as chromium:
        yield chromium


def rects(browser) -> dict[str, list[float] | None]:
    return browser.evaluate(
        "(function () { var out = {}; ['.sm-title', '.leaflet-control-layers',"
        " '.leaflet-control-zoom', '.sm-legend', '.sm-panel', '.sm-slider',"
        " '.leaflet-control-scale', '.leaflet-control-attribution']"
        ".forEach(function (s) { var e = document.querySelector(s);"
        " if (!e) { out[s] = null; return; } var r = e.getBoundingClientRect();"
        " out[s] = [r.left, r.top, r.right, r.bottom]; }); return out; })()"
    )


def overlap(a: list[float], b: list[float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("title", [None, "A much longer title " * 6])
def test_nothing_covers_anything_at_800_by_600(
    small_browser, tmp_path, features, title
):
    summary = region_summary(events_to_frame(features))
    path = save_map(build_map(features, summary, title=title), tmp_path / "m.html")
    report = small_browser.load(path)
    assert report.ready and report.console_errors == []
    boxes = rects(small_browser)
    assert all(boxes.values()), boxes
    names = list(boxes)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            assert not overlap(boxes[a], boxes[b]), (a, b, boxes[a], boxes[b])
    for box in boxes.values():
        assert 0 <= box[0] and box[2] <= 800 and 0 <= box[1] and box[3] <= 600


# -- Ukrainian reports: the original text, in its language -------------------------
@pytest.fixture(scope="module")
def uk_features(data_dir: Path) -> list[dict]:
    return list(geo.run([str(data_dir / "uk" / "telegram" / "result.json")]).features)


@pytest.fixture(scope="module")
def uk_loaded(browser, tmp_path_factory, uk_features):
    summary = region_summary(events_to_frame(uk_features))
    m = build_map(uk_features, summary)
    page = save_map(m, tmp_path_factory.mktemp("uk") / "map.html")
    return browser.load(page, expressions={"markers": f"{API}.count()"})


def test_ukrainian_popups_show_the_original_text_marked_as_ukrainian(
    browser, uk_loaded, uk_features
):
    assert uk_loaded.ready and uk_loaded.console_errors == []
    assert uk_features and uk_loaded.values["markers"] == len(uk_features)
    for feature in uk_features:
        props = feature["properties"]
        popup = click_marker(browser, browser.evaluate(f"{API}.find({props['id']!r})"))
        assert popup is not None, props["place"]
        assert popup["place"] == props["place"]
        shown_uk = browser.evaluate(
            "(function () { var s = document.querySelector("
            "'.leaflet-popup-content .sm-popup-place-uk');"
            " return s ? [s.lang, s.textContent] : null; })()"
        )
        assert shown_uk == ["uk", f" · {props['place_uk']}"]
        want = sorted((s["article"], s["evidence"]) for s in props["sources"])
        got = sorted((s["label"], s["sentences"]) for s in popup["sources"])
        assert got == want  # Cyrillic, apostrophes and quotes as the article has them
        langs = browser.evaluate(
            "Array.from(document.querySelectorAll('.leaflet-popup-content q'))"
            ".map(q => q.lang)"
        )
        assert langs and set(langs) == {"uk"}
