"""The map's views on real pipeline output, in headless Chromium, no network.

The pipeline reads ``tests/data/articles`` (English) and
``tests/data/uk/articles`` (Ukrainian); the maps are built as ``strikemap
run`` builds them and opened with every network request refused.  A reader
toggles filters, brushes the timeline, searches places in English and
Ukrainian, opens a shared link, sorts the event list and downloads it as CSV;
each test checks what the page then shows against the events themselves.
"""

from __future__ import annotations

import csv
import io
import json
import math
import time
from collections import Counter
from pathlib import Path

import pytest
from chromium import Chromium, ChromiumError, chromium_path

import geo
from gazetteer.normalize import fold
from geo.tables.frames import events_to_frame
from geo.tables.summary import region_summary
from maps import build_map, save_map
from maps.style import weapon_class, weapon_classes

pytestmark = pytest.mark.browser

API = "Object.values(StrikeMap.maps)[0]"
STATUS = "document.querySelector('.sm-slider-status').textContent"
READY = "document.documentElement.getAttribute('data-strikemap-ready')"


def run(path: Path) -> list[dict]:
    return [f["properties"] for f in geo.run([str(path)]).features]


def save(features: list[dict], path: Path, **kw) -> Path:
    summary = region_summary(events_to_frame(features))
    return save_map(build_map(features, summary, **kw), path)


@pytest.fixture(scope="module")
def en_features(data_dir: Path) -> list[dict]:
    return list(geo.run([str(data_dir / "articles")]).features)


@pytest.fixture(scope="module")
def uk_features(data_dir: Path) -> list[dict]:
    return list(geo.run([str(data_dir / "uk" / "articles")]).features)


@pytest.fixture(scope="module")
def en(en_features) -> list[dict]:
    return [f["properties"] for f in en_features]


@pytest.fixture(scope="module")
def uk(uk_features) -> list[dict]:
    return [f["properties"] for f in uk_features]


@pytest.fixture(scope="module")
def en_page(tmp_path_factory, en_features) -> Path:
    return save(en_features, tmp_path_factory.mktemp("en") / "map.html")


@pytest.fixture(scope="module")
def uk_page(tmp_path_factory, uk_features) -> Path:
    return save(uk_features, tmp_path_factory.mktemp("uk") / "map.html")


def load(browser, page: Path):
    report = browser.load(page)
    assert report.ready and report.console_errors == []
    assert report.requests == [] and report.refused == [] and report.failed == []
    return report


def js(browser, expression: str):
    return browser.evaluate(expression)


def set_value(browser, selector: str, value: str, event: str = "change") -> None:
    js(
        browser,
        f"(function () {{ var e = document.querySelector({selector!r});"
        f" e.value = {value!r}; e.dispatchEvent(new Event({event!r}, "
        "{bubbles: true})); return true; })()",
    )


def click(browser, selector: str) -> None:
    js(browser, f"document.querySelector({selector!r}).click(), true")


def shown_ids(browser) -> set[str]:
    return set(
        js(
            browser,
            f"(function () {{ var a = {API}; var out = [];"
            " for (var i = 0; i < a.rows.length; i++) {"
            "  if (a.shownFlags[i]) { out.push(a.rows[i][a.ix.id]); } }"
            " return out; })()",
        )
    )


def legend_counts(browser) -> dict[str, int]:
    return js(
        browser,
        "Object.fromEntries(Array.from(document.querySelectorAll("
        "'.sm-legend li[data-sm-cls]')).map(li => [li.firstElementChild"
        ".nextSibling.textContent.trim(),"
        " Number(li.querySelector('.sm-count').textContent.replace(/,/g, ''))]))",
    )


def panel_counts(browser) -> dict[str, int]:
    return js(
        browser,
        "Object.fromEntries(Array.from(document.querySelectorAll('.sm-panel li'))"
        ".map(li => [li.dataset.code, Number(li.querySelector('.sm-region-line b')"
        ".textContent.replace(/,/g, ''))]))",
    )


def histogram(browser) -> list[float]:
    """The timeline's bars, as the page counted them."""
    return js(browser, f"{API}.timeline.draw()")


def class_of(props: dict) -> str:
    return weapon_class(props["weapons"]).label


def casualties(props: dict) -> int | None:
    stated = [props[k] for k in ("killed", "injured") if props[k] is not None]
    return sum(stated) if stated else None


def expect_views(
    browser, events: list[dict], any_date: list[dict] | None = None
) -> None:
    """Markers, legend, oblast panel and choropleth data show ``events``.

    The timeline shows every date: its bars count ``any_date`` (the events the
    filters pass whatever their date; by default ``events``).
    """
    assert shown_ids(browser) == {e["id"] for e in events}
    assert js(browser, f"{API}.count()") == len(events)
    labels = Counter(class_of(e) for e in events)
    assert {k: v for k, v in legend_counts(browser).items() if v} == dict(labels)
    by_code = Counter(e["admin1_code"] for e in events)
    assert panel_counts(browser) == dict(by_code)
    timeline = [e for e in (events if any_date is None else any_date) if e["date"]]
    if js(browser, f"{API}.views.hist") == "casualties":
        assert sum(histogram(browser)) == sum(casualties(e) or 0 for e in timeline)
    else:
        assert sum(histogram(browser)) == len(timeline)


# ---- the page ------------------------------------------------------------------


def test_views_are_there_and_the_page_stays_offline(browser, en_page, en):
    load(browser, en_page)
    for selector in (
        ".sm-tools .sm-search",
        ".sm-tools .sm-filters",
        ".sm-copy-link",
        ".sm-list-open",
        ".sm-slider .sm-histogram",
        ".sm-slider .sm-from",
        ".sm-slider .sm-to",
    ):
        assert js(browser, f"!!document.querySelector({selector!r})"), selector
    expect_views(browser, en)
    undated = sum(1 for e in en if not e["date"])
    assert undated == 1
    line = js(browser, "document.querySelector('.sm-timeline-undated').textContent")
    assert line == "Undated, not on the timeline: 1 event"


# ---- filters -------------------------------------------------------------------


def filter_box(group: str, key: str) -> str:
    return f".sm-filter-{group} input[data-key='{key}']"


def test_weapon_filter_follows_everywhere(browser, en_page, en):
    load(browser, en_page)
    drone = next(i for i, c in enumerate(weapon_classes()) if c.key == "drone")
    click(browser, filter_box("cls", str(drone)))
    rest = [e for e in en if weapon_class(e["weapons"]).key != "drone"]
    assert 0 < len(rest) < len(en)
    expect_views(browser, rest)
    assert "filtered by weapon" in js(browser, STATUS)
    assert js(browser, "document.querySelector('.sm-filters summary').textContent") == (
        "Filters (on)"
    )
    # the oblast colours follow: an oblast whose only events were drones is empty
    regions = js(browser, f"{API}.regions().rows")
    assert set(regions) == {e["admin1_code"] for e in rest}
    click(browser, ".sm-clear")
    expect_views(browser, en)


@pytest.mark.parametrize(
    ("group", "keep", "test"),
    [
        ("targets", "energy", lambda e: "energy" in e["targets"]),
        ("targets", "", lambda e: not e["targets"]),
        ("precision", "settlement", lambda e: e["precision"] == "settlement"),
        ("precision", "raion", lambda e: e["precision"] == "raion"),
    ],
)
def test_target_and_precision_filters(browser, en_page, en, group, keep, test):
    load(browser, en_page)
    keys = js(
        browser,
        f"Array.from(document.querySelectorAll('.sm-filter-{group} input'))"
        ".map(i => i.dataset.key)",
    )
    assert keep in keys
    for key in keys:
        if key != keep:
            click(browser, filter_box(group, key))
    want = [e for e in en if test(e)]
    assert want
    expect_views(browser, want)


def test_actor_filter_on_ukrainian_reports(browser, uk_page, uk):
    load(browser, uk_page)
    actors = Counter(e["actor"] for e in uk)
    assert actors["russia"] and actors["unknown"]
    click(browser, filter_box("actor", "russia"))
    expect_views(browser, [e for e in uk if e["actor"] != "russia"])
    assert "fired by" in js(browser, STATUS)


def test_minimum_casualties_never_counts_unknown_as_zero(browser, en_page, en):
    load(browser, en_page)
    note = js(browser, "document.querySelector('.sm-filter-min .sm-note').textContent")
    unknown = sum(1 for e in en if casualties(e) is None)
    assert unknown and f"{unknown} events that state no figure are hidden" in note
    set_value(browser, ".sm-min", "1")
    want = [e for e in en if (casualties(e) or 0) >= 1]
    expect_views(browser, want)
    # an event that states one figure meets the minimum on that figure alone
    assert any(e["killed"] is None and e["injured"] for e in want)
    assert "events with no stated figure hidden" in js(browser, STATUS)
    set_value(browser, ".sm-min", "10")
    expect_views(browser, [e for e in en if (casualties(e) or 0) >= 10])
    set_value(browser, ".sm-min", "0")
    expect_views(browser, en)


# ---- the timeline --------------------------------------------------------------


def day_index(en: list[dict], date: str) -> int:
    import datetime as dt

    start = min(e["date"] for e in en if e["date"])
    return (dt.date.fromisoformat(date) - dt.date.fromisoformat(start)).days


def drag(browser, selector: str, a: float, b: float) -> None:
    """Press the mouse at fraction ``a`` of an element's width, release at ``b``."""
    x0, x1, y = js(
        browser,
        f"(function () {{ var r = document.querySelector({selector!r})"
        ".getBoundingClientRect();"
        f" return [r.left + r.width * {a}, r.left + r.width * {b},"
        " r.top + r.height / 2]; })()",
    )
    send = browser.send
    send(
        "Input.dispatchMouseEvent",
        {"type": "mouseMoved", "x": x0, "y": y},
    )
    send(
        "Input.dispatchMouseEvent",
        {"type": "mousePressed", "x": x0, "y": y, "button": "left", "clickCount": 1},
    )
    for k in range(1, 6):
        x = x0 + (x1 - x0) * k / 5
        send(
            "Input.dispatchMouseEvent",
            {"type": "mouseMoved", "x": x, "y": y, "button": "left", "buttons": 1},
        )
    send(
        "Input.dispatchMouseEvent",
        {"type": "mouseReleased", "x": x1, "y": y, "button": "left", "clickCount": 1},
    )


def test_brushing_the_timeline_selects_dates(browser, en_page, en):
    load(browser, en_page)
    drag(browser, ".sm-histogram", 0.30, 0.62)
    lo, hi = js(browser, f"[{API}.state.from, {API}.state.to]")
    assert 0 < lo < hi < js(browser, f"{API}.last")
    want = [e for e in en if not e["date"] or lo <= day_index(en, e["date"]) <= hi]
    expect_views(browser, want, en)
    # the bars of the range are highlighted, the others not
    binned = js(
        browser,
        f"[{API}.timeline.binDays, {API}.timeline.bars.map(b =>"
        " b.getAttribute('class'))]",
    )
    days, classes = binned
    for k, cls in enumerate(classes):
        inside = k * days + days - 1 >= lo and k * days <= hi
        assert cls == ("sm-bar sm-in" if inside else "sm-bar"), k
    status = js(browser, STATUS)
    assert " \u2013 " in status and "1 undated" in status
    # the date fields say the range; typing a date moves it
    start = js(browser, "document.querySelector('.sm-from').value")
    assert day_index(en, start) == lo
    set_value(browser, ".sm-from", "2025-09-01")
    set_value(browser, ".sm-to", "2025-09-30")
    sept = [e for e in en if not e["date"] or e["date"][:7] == "2025-09"]
    expect_views(browser, sept, en)
    click(browser, ".sm-all-dates")
    expect_views(browser, en)


def test_timeline_counts_events_and_stated_casualties(browser, en_page, en):
    load(browser, en_page)
    bars = histogram(browser)
    assert sum(bars) == sum(1 for e in en if e["date"])
    click(browser, ".sm-mode[data-mode='casualties']")
    bars = histogram(browser)
    dated = [e for e in en if e["date"]]
    assert sum(bars) == sum(casualties(e) or 0 for e in dated)
    line = js(browser, "document.querySelector('.sm-timeline-undated').textContent")
    no_figure = sum(1 for e in dated if casualties(e) is None)
    assert f"{no_figure} dated events state no figure (not counted, not 0)" in line
    assert "hist=casualties" in js(browser, f"{API}.viewHash()")


# ---- search --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "place"),
    [
        ("Харків", "Kharkiv"),
        ("харк", "Kharkiv"),
        ("kharkiv", "Kharkiv"),
        ("KRYVYI", "Kryvyi Rih"),
        ("rih", "Kryvyi Rih"),  # a word of the name
        ("купянськ", "Kupiansk"),  # no apostrophe
        ("Куп'янськ", "Kupiansk"),  # a typewriter apostrophe for the ’
        ("новгород-сів", "Novhorod-Siverskyi"),
        # other spellings the gazetteer knows for the same places
        ("Kharkov", "Kharkiv"),
        ("Krivoy Rog", "Kryvyi Rih"),
        ("Kupyansk", "Kupiansk"),
        ("Купянск", "Kupiansk"),  # the Russian spelling
        ("Kiev", "Kyiv"),
    ],
)
def test_search_finds_a_place_by_either_name(browser, en_page, en, query, place):
    if js(browser, READY) != "1" or not js(browser, "!!window.StrikeMap"):
        load(browser, en_page)
    set_value(browser, ".sm-search", query, "input")
    matches = js(
        browser,
        "Array.from(document.querySelectorAll('.sm-matches .sm-match'))"
        ".map(b => b.firstChild.textContent)",
    )
    assert matches and matches[0] == place
    click(browser, ".sm-matches .sm-match")
    listed = js(
        browser,
        "Array.from(document.querySelectorAll('.sm-place-events button'))"
        ".map(b => b.dataset.id)",
    )
    assert sorted(listed) == sorted(e["id"] for e in en if e["place"] == place)
    centre = js(
        browser,
        f"(function () {{ var c = {API}.map.getCenter(); return [c.lat, c.lng]; }})()",
    )
    first = next(e for e in en if e["place"] == place)
    i = js(browser, f"{API}.find({first['id']!r})")
    lat, lon = js(
        browser,
        f"(function () {{ var p = {API}.markers[{i}].getLatLng();"
        " return [p.lat, p.lng]; })()",
    )
    assert math.hypot(centre[0] - lat, centre[1] - lon) < 0.5
    assert js(browser, f"{API}.map.getZoom()") >= 9


@pytest.mark.parametrize(
    "name",
    [
        "Kyiv's",
        "Zaporizhzhya",
        "Kryvyy Rih",
        "Ivano-Frankivsk",
        "L’viv",
        "Odessa",
        "Mykolayiv",
        "Kyïv",
        "Bilhorod–Dnistrovskyi",
        "Запоріжжя",
        "Куп'янськ",
        "Новгород-Сіверський",
        "Щёлкино",
        "Kraków",
        "Kharkiv / Kharkov",
    ],
)
def test_the_page_folds_a_query_as_the_gazetteer_does(browser, en_page, name):
    if js(browser, READY) != "1" or not js(browser, "!!window.StrikeMap"):
        load(browser, en_page)
    assert js(browser, f"StrikeMap.keyFold({name!r})") == fold(name)


def test_search_on_ukrainian_reports_opens_the_event(browser, uk_page, uk):
    load(browser, uk_page)
    set_value(browser, ".sm-search", "Запоріжжя", "input")
    click(browser, ".sm-matches .sm-match")
    ids = js(
        browser,
        "Array.from(document.querySelectorAll('.sm-place-events button'))"
        ".map(b => b.dataset.id)",
    )
    want = [e for e in uk if e["place"] == "Zaporizhzhia"]
    assert sorted(ids) == sorted(e["id"] for e in want)
    click(browser, ".sm-place-events button")
    place = js(
        browser,
        "document.querySelector('.leaflet-popup-content .sm-popup-place')"
        ".firstChild.textContent",
    )
    assert place == "Zaporizhzhia"
    set_value(browser, ".sm-search", "Nowhere-on-this-map", "input")
    assert "No place" in js(
        browser, "document.querySelector('.sm-results').textContent"
    )


# ---- the shared link -----------------------------------------------------------


def open_url(browser, url: str) -> None:
    """Open ``url`` as a new page (a link followed), and wait for the map."""
    browser.send("Page.navigate", {"url": "about:blank"})
    browser.send("Page.navigate", {"url": url})
    for _ in range(400):
        try:
            if js(browser, f"document.readyState === 'complete' && {READY} === '1'"):
                return
        except ChromiumError:  # the document is being replaced
            pass
        time.sleep(0.025)
    raise AssertionError("the map did not get ready")


def test_a_shared_link_reopens_the_same_view(browser, en_page, en):
    load(browser, en_page)
    drone = next(i for i, c in enumerate(weapon_classes()) if c.key == "drone")
    click(browser, filter_box("cls", str(drone)))
    click(browser, filter_box("precision", "oblast"))
    set_value(browser, ".sm-min", "2")
    set_value(browser, ".sm-from", "2025-05-01")
    set_value(browser, ".sm-to", "2025-10-31")
    click(browser, ".sm-mode[data-mode='casualties']")
    js(browser, f"{API}.map.setView([48.3, 35.1], 8, {{animate: false}}), true")
    shown = shown_ids(browser)
    click(browser, ".sm-copy-link")
    js(browser, "new Promise(r => setTimeout(r, 200))")
    href = js(browser, "location.href")
    assert href.startswith(en_page.resolve().as_uri() + "#")
    fragment = href.split("#", 1)[1]
    for part in (
        "from=2025-05-01",
        "to=2025-10-31",
        "no-weapon=drone",
        "no-precision=oblast",
        "min=2",
        "hist=casualties",
        "map=48.3000,35.1000,8",
    ):
        assert part in fragment.split("&"), (part, fragment)
    status = js(browser, "document.querySelector('.sm-link-status').textContent")
    assert status in ("Link copied.", "Copy the link above (Ctrl+C).")
    assert js(browser, "document.querySelector('.sm-link').value") == href

    open_url(browser, href)
    passed = [
        e
        for e in en
        if weapon_class(e["weapons"]).key != "drone"
        and e["precision"] != "oblast"
        and (casualties(e) or 0) >= 2
    ]
    want = [
        e for e in passed if not e["date"] or "2025-05-01" <= e["date"] <= "2025-10-31"
    ]
    assert shown_ids(browser) == shown == {e["id"] for e in want}
    expect_views(browser, want, passed)
    assert js(browser, f"{API}.map.getZoom()") == 8
    lat, lon = js(
        browser,
        f"(function () {{ var c = {API}.map.getCenter(); return [c.lat, c.lng]; }})()",
    )
    assert abs(lat - 48.3) < 1e-3 and abs(lon - 35.1) < 1e-3
    checked = js(
        browser,
        f"document.querySelector({filter_box('cls', str(drone))!r}).checked",
    )
    assert checked is False
    assert js(browser, "document.querySelector('.sm-min').value") == "2"
    pressed = js(
        browser,
        "document.querySelector('.sm-mode[data-mode=casualties]')"
        ".getAttribute('aria-pressed')",
    )
    assert pressed == "true"
    after = browser.report()
    assert after.console_errors == [] and after.refused == [] and after.failed == []


def test_a_link_with_nonsense_is_ignored_part_by_part(browser, en_page, en):
    uri = en_page.resolve().as_uri()
    open_url(browser, uri + "#from=yesterday&to=2025-09-30&no-weapon=%3Cb%3E&min=-3&x")
    after = browser.report()
    assert after.console_errors == []
    want = [e for e in en if not e["date"] or e["date"] <= "2025-09-30"]
    expect_views(browser, want, en)


# ---- the event list and its CSV ------------------------------------------------


def list_rows(browser) -> list[list[str]]:
    return js(
        browser,
        "Array.from(document.querySelectorAll('.sm-list tbody tr'))"
        ".map(tr => Array.from(tr.cells).map(td => td.textContent))",
    )


def read_csv(browser) -> list[dict]:
    js(
        browser,
        "(function () { window.__blobs = []; var make = URL.createObjectURL;"
        " URL.createObjectURL = function (b) { window.__blobs.push(b);"
        " return make.call(URL, b); }; return true; })()",
    )
    click(browser, ".sm-csv")
    assert js(browser, "window.__blobs.length") == 1
    assert js(browser, "window.__blobs[0].type") == "text/csv;charset=utf-8"
    data = bytes(
        js(
            browser,
            "window.__blobs[0].arrayBuffer().then(b => Array.from(new Uint8Array(b)))",
        )
    )
    assert data.startswith(b"\xef\xbb\xbfid,date,place,")  # a BOM for spreadsheets
    text = data.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_event_list_sorts_and_downloads_what_is_on_show(browser, en_page, en):
    load(browser, en_page)
    click(browser, ".sm-list-open")
    assert js(browser, "document.querySelector('.sm-list').hidden") is False
    rows = list_rows(browser)
    assert len(rows) == len(en)
    dates = [r[0] for r in rows]
    assert dates == sorted(d for d in dates if d != "unknown") + ["unknown"]
    # sort by killed: largest first, "not stated" last (never as 0)
    js(browser, "document.querySelector('th[data-key=killed] button').click(), true")
    killed = [r[4] for r in list_rows(browser)]
    stated = [int(k) for k in killed if k != "not stated"]
    assert stated == sorted(stated, reverse=True)
    assert killed == [str(k) for k in stated] + ["not stated"] * (
        len(killed) - len(stated)
    )
    sort = js(browser, "document.querySelector('th[data-key=killed]').ariaSort")
    assert sort == "descending"
    js(browser, "document.querySelector('th[data-key=killed] button').click(), true")
    killed = [r[4] for r in list_rows(browser)]
    assert killed[: len(stated)] == [str(k) for k in sorted(stated)]
    assert killed[len(stated) :] == ["not stated"] * (len(killed) - len(stated))
    # the list follows the filters; the CSV is the list
    set_value(browser, ".sm-min", "5")
    want = {e["id"]: e for e in en if (casualties(e) or 0) >= 5}
    assert len(list_rows(browser)) == len(want)
    got = read_csv(browser)
    assert [r["id"] for r in got] == js(browser, f"{API}.visibleEvents()")
    assert {r["id"] for r in got} == set(want)
    for r in got:
        e = want[r["id"]]
        assert r["place"] == e["place"] and r["place_uk"] == (e["place_uk"] or "")
        assert r["oblast_code"] == e["admin1_code"]
        for k in ("killed", "injured"):
            assert r[k] == ("" if e[k] is None else str(e[k]))
        assert r["sources"] == "; ".join(s["article"] for s in e["sources"])
    after = browser.report()
    assert after.console_errors == [] and after.refused == [] and after.failed == []
    click(browser, ".sm-list-close")
    assert js(browser, "document.querySelector('.sm-list').hidden") is True


def test_csv_cells_cannot_become_formulas(browser, tmp_path, en_features):
    features = json.loads(json.dumps(en_features[:3]))
    features[0]["properties"]["place"] = '=HYPERLINK("http://x.example","a")'
    features[1]["properties"]["place"] = "+1+1"
    features[1]["properties"]["sources"][0]["article"] = "@SUM(A1)"
    features[2]["properties"]["place"] = '-2, "quoted"\nline'
    load(browser, save(features, tmp_path / "m.html"))
    rows = {r["id"]: r for r in read_csv(browser)}
    f = [x["properties"] for x in features]
    assert rows[f[0]["id"]]["place"] == '\'=HYPERLINK("http://x.example","a")'
    assert rows[f[1]["id"]]["place"] == "'+1+1"
    assert rows[f[1]["id"]]["sources"].startswith("'@SUM(A1)")
    assert rows[f[2]["id"]]["place"] == '\'-2, "quoted"\nline'
    cells = js(
        browser,
        "[StrikeMap.csvCell(null), StrikeMap.csvCell(0),"
        " StrikeMap.csvCell('\\t1'), StrikeMap.csvCell('a,b')]",
    )
    assert cells == ["", "0", "'\t1", '"a,b"']
    names = js(
        browser,
        "Array.from(document.querySelectorAll('.sm-list td button,"
        " .sm-place-events button')).length",
    )
    assert names == 0  # the list is drawn only when opened
    click(browser, ".sm-list-open")
    assert (
        js(
            browser,
            "document.querySelectorAll('.sm-list td img, .sm-list td b').length",
        )
        == 0
    )
    assert f[0]["place"] in js(
        browser, "document.querySelector('.sm-list').textContent"
    )


# ---- keyboard, labels, colours, print -----------------------------------------


def test_every_control_is_labelled_and_reachable_by_keyboard(browser, en_page):
    load(browser, en_page)
    click(browser, ".sm-list-open")
    js(browser, "document.querySelector('.sm-filters').open = true")
    unnamed = js(
        browser,
        "(function () { var bad = [];"
        " document.querySelectorAll('.sm-tools, .sm-slider, .sm-list, .sm-legend,"
        " .sm-panel').forEach(function (box) {"
        " box.querySelectorAll('input, button, select, summary, svg[tabindex]')"
        ".forEach(function (el) {"
        "  var name = el.getAttribute('aria-label') || (el.labels && el.labels.length"
        "   && el.labels[0].textContent.trim()) || el.textContent.trim();"
        "  if (!name || el.tabIndex < 0 || el.disabled) {"
        "   bad.push(el.outerHTML.slice(0, 80)); } }); });"
        " return bad; })()",
    )
    assert unnamed == []
    # Tab walks through the tools: search first, then the buttons
    js(browser, "document.querySelector('.sm-search').focus(), true")
    seen = []
    for _ in range(4):
        browser.send(
            "Input.dispatchKeyEvent",
            {
                "type": "keyDown",
                "key": "Tab",
                "code": "Tab",
                "windowsVirtualKeyCode": 9,
            },
        )
        browser.send(
            "Input.dispatchKeyEvent",
            {"type": "keyUp", "key": "Tab", "code": "Tab", "windowsVirtualKeyCode": 9},
        )
        seen.append(js(browser, "document.activeElement.className"))
    assert "sm-button sm-list-open" in seen and "sm-button sm-copy-link" in seen
    # arrow keys move the brushed range on the focused histogram
    js(
        browser,
        f"{API}.setRange(10, 20), document.querySelector('.sm-histogram')"
        ".focus(), true",
    )
    days = js(browser, f"{API}.timeline.binDays")
    browser.send(
        "Input.dispatchKeyEvent",
        {
            "type": "keyDown",
            "key": "ArrowRight",
            "code": "ArrowRight",
            "windowsVirtualKeyCode": 39,
        },
    )
    assert js(browser, f"[{API}.state.from, {API}.state.to]") == [10 + days, 20 + days]
    browser.send(
        "Input.dispatchKeyEvent",
        {
            "type": "keyDown",
            "key": "Escape",
            "code": "Escape",
            "windowsVirtualKeyCode": 27,
        },
    )
    assert js(browser, f"[{API}.state.from, {API}.state.to]") == [
        0,
        js(browser, f"{API}.last"),
    ]


def luminance(hex_color: str) -> float:
    def channel(c: int) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def rgb_hex(css: str) -> str:
    parts = css[css.index("(") + 1 : css.index(")")].split(",")
    return "#" + "".join(f"{int(float(p)):02x}" for p in parts[:3])


def test_text_meets_wcag_aa_contrast(browser, en_page):
    """Every text node of the panels, on its (opaque enough) background: >= 4.5."""
    load(browser, en_page)
    click(browser, ".sm-list-open")
    js(browser, "document.querySelector('.sm-filters').open = true")
    pairs = js(
        browser,
        "(function () { var out = []; function bg(el) {"
        " for (; el; el = el.parentElement) { var c = getComputedStyle(el)"
        ".backgroundColor; if (c && c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent')"
        " { return c; } } return 'rgb(255, 255, 255)'; }"
        " var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);"
        " while (walker.nextNode()) { var t = walker.currentNode;"
        " var el = t.parentElement; if (!t.textContent.trim() ||"
        " !el.closest('.sm-box, .sm-slider, .leaflet-control-attribution')"
        " || !el.getClientRects().length) { continue; }"
        " var s = getComputedStyle(el); if (s.visibility === 'hidden') { continue; }"
        " var o = 1; for (var p = el; p; p = p.parentElement) {"
        " o *= Number(getComputedStyle(p).opacity); }"
        " if (o < 0.9) { continue; }"
        " out.push([t.textContent.trim().slice(0, 30), s.color, bg(el)]); }"
        " return out; })()",
    )
    assert len(pairs) > 50
    low = [
        (text, fg, back, round(contrast(rgb_hex(fg), rgb_hex(back)), 2))
        for text, fg, back in pairs
        if contrast(rgb_hex(fg), rgb_hex(back)) < 4.5
    ]
    assert low == []


# Colour-vision deficiencies, simulated (Machado, Oliveira & Fernandes 2009,
# severity 1.0) on linear RGB.
CVD = {
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "tritanopia": (
        (1.255528, -0.076749, -0.178779),
        (-0.078411, 0.930809, 0.147602),
        (0.004733, 0.691367, 0.303900),
    ),
}


def lab(rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    r, g, b = rgb
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def linear(hex_color: str) -> tuple[float, float, float]:
    def channel(c: int) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return tuple(channel(int(hex_color[i : i + 2], 16)) for i in (1, 3, 5))


@pytest.mark.parametrize("vision", [None, *CVD])
def test_weapon_palette_stays_distinguishable(vision):
    """Any two weapon colours differ by ΔE*ab >= 12 under each deficiency."""
    colours = {}
    for c in weapon_classes():
        rgb = linear(c.color)
        if vision:
            m = CVD[vision]
            rgb = tuple(
                min(1.0, max(0.0, sum(m[i][j] * rgb[j] for j in range(3))))
                for i in range(3)
            )
        colours[c.label] = lab(rgb)
    names = list(colours)
    close = [
        (a, b, round(math.dist(colours[a], colours[b]), 1))
        for i, a in enumerate(names)
        for b in names[i + 1 :]
        if math.dist(colours[a], colours[b]) < 12
    ]
    assert close == []


def test_print_puts_map_legend_and_timeline_on_one_landscape_page(browser, en_page):
    load(browser, en_page)
    browser.send("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        js(browser, "window.dispatchEvent(new Event('beforeprint')), true")
        boxes = js(
            browser,
            "(function () { var out = {}; ['.folium-map', '.sm-legend', '.sm-slider',"
            " '.sm-histogram', '.sm-tools', '.sm-panel', '.leaflet-control-zoom']"
            ".forEach(function (s) { var e = document.querySelector(s);"
            " var r = e.getBoundingClientRect(); out[s] = [getComputedStyle(e).display,"
            " r.left, r.top, r.right, r.bottom]; }); return out; })()",
        )
        rule = js(
            browser,
            "Array.from(document.styleSheets).flatMap(s => Array.from(s.cssRules))"
            ".filter(r => r.media && r.media.mediaText === 'print')"
            ".map(r => r.cssText).join(' ')",
        )
    finally:
        browser.send("Emulation.setEmulatedMedia", {"media": ""})
    assert "landscape" in rule
    for hidden in (".sm-tools", ".sm-panel", ".leaflet-control-zoom"):
        assert boxes[hidden][0] == "none", hidden
    width, height = js(browser, "[window.innerWidth, window.innerHeight]")
    for shown in (".folium-map", ".sm-legend", ".sm-slider", ".sm-histogram"):
        display, left, top, right, bottom = boxes[shown]
        assert display != "none" and right > left and bottom > top, shown
        assert left >= 0 and top >= 0 and right <= width and bottom <= height, shown
    legend, slider = boxes[".sm-legend"][1:], boxes[".sm-slider"][1:]
    assert not (
        legend[0] < slider[2]
        and slider[0] < legend[2]
        and legend[1] < slider[3]
        and slider[1] < legend[3]
    )


@pytest.fixture(scope="module")
def small_browser():
    if chromium_path() is None:
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    with Chromium(width=800, height=600) as chromium:
        yield chromium


def test_nothing_covers_anything_at_800_by_600_with_the_views(small_browser, en_page):
    load(small_browser, en_page)
    boxes = small_browser.evaluate(
        "(function () { var out = {}; ['.sm-title', '.sm-tools',"
        " '.leaflet-control-layers', '.leaflet-control-zoom', '.sm-legend',"
        " '.sm-panel', '.sm-slider', '.leaflet-control-scale',"
        " '.leaflet-control-attribution'].forEach(function (s) {"
        " var r = document.querySelector(s).getBoundingClientRect();"
        " out[s] = [r.left, r.top, r.right, r.bottom]; }); return out; })()"
    )
    names = list(boxes)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            x, y = boxes[a], boxes[b]
            assert not (x[0] < y[2] and y[0] < x[2] and x[1] < y[3] and y[1] < x[3]), (
                a,
                b,
                x,
                y,
            )
    for box in boxes.values():
        assert 0 <= box[0] and box[2] <= 800 and 0 <= box[1] and box[3] <= 600


def test_views_script_cannot_close_its_element():
    from importlib import resources

    text = resources.files("maps").joinpath("templates/views.js").read_text("utf-8")
    assert "</" not in text and "<!--" not in text
    assert "innerHTML" not in text and "insertAdjacentHTML" not in text


def test_screenshot_of_the_timeline_and_filters(browser, en_page):
    """The views as a reader sees them (tests/artifacts, not committed)."""
    load(browser, en_page)
    js(browser, "document.querySelector('.sm-filters').open = true")
    click(browser, filter_box("precision", "oblast"))
    js(browser, f"{API}.setRange(60, 200), true")
    js(browser, "new Promise(r => setTimeout(r, 300))")
    png = browser.screenshot()
    assert png.startswith(b"\x89PNG")
    artifacts = Path(__file__).resolve().parent / "artifacts"
    artifacts.mkdir(parents=True, exist_ok=True)
    (artifacts / "map-views.png").write_bytes(png)
