"""Tests of maps/: the payload, page content, determinism, escaping, styles, assets."""

from __future__ import annotations

import copy
import json
import math
import re
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest

import gazetteer
from gazetteer.exc import InputError, OutputError
from geo.tables.frames import events_to_frame
from geo.tables.summary import region_summary
from maps import build_map, draw_map, map_html, map_payload, save_map
from maps.assets import LEAFLET, MARKERCLUSTER, asset_path, asset_tags, asset_text
from maps.elements import compact_rows
from maps.payload import EVENT_COLUMNS, SOURCE_COLUMNS, SUMMARY_COLUMNS
from maps.safe import html_text, http_url, script_json
from maps.style import (
    cluster_classes,
    color_scale,
    marker_radius,
    region_colors,
    weapon_class,
    weapon_classes,
)
from maps.tree import parent_name, renumber

PAYLOAD = (
    "<script>alert(1)</script> <img src=x onerror=alert(2)> "
    '<img src=y onerror="window.__pwned=1"> "double" \'single\' '
    "{{ 7*7 }} {% if true %}jinja{% endif %} </script><!-- -->"
)
RAW_FRAGMENTS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "<img src=y",
    'onerror="window.__pwned=1"',
    "{{ 7*7 }}",
    "{% if true %}",
    "</script><!--",
]


# ---- fixtures ----


@pytest.fixture(scope="session")
def features(data_dir: Path) -> list[dict]:
    path = data_dir / "maps" / "events.geojson"
    return json.loads(path.read_text("utf-8"))["features"]


@pytest.fixture(scope="session")
def boundaries() -> gpd.GeoDataFrame:
    return gazetteer.admin1_boundaries()


@pytest.fixture(scope="session")
def frame(features, boundaries) -> gpd.GeoDataFrame:
    return events_to_frame(features, boundaries)


@pytest.fixture(scope="session")
def summary(frame) -> pd.DataFrame:
    return region_summary(frame)


@pytest.fixture(scope="session")
def page(frame, summary, boundaries) -> str:
    m = build_map(frame, summary, boundaries=boundaries, title="Fixture strikes")
    return map_html(m)


def xss_feature() -> dict:
    """An event whose every text field carries markup and template syntax."""
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [30.5234, 50.4501]},
        "properties": {
            "id": "feedfacefeedface",
            "date": "2026-02-14",
            "date_precision": "day",
            "place": "Kyiv <b onmouseover=alert(5)>x</b> {{ 6*6 }}",
            "kind": "settlement",
            "precision": "settlement",
            "admin1": "Kyiv",
            "admin1_code": "UA-30",
            "killed": 1,
            "injured": 2,
            "weapons": ["drone"],
            "launched": {},
            "targets": ["residential"],
            "sources": [
                {
                    "article": "<script>alert('id')</script>",
                    "url": "javascript:alert(3)",
                    "published": "2026-02-14",
                    "evidence": [PAYLOAD, "A second sentence."],
                    "killed": 1,
                    "injured": 2,
                },
                {
                    "article": "ok-article",
                    "url": 'https://news.example.org/a?x="><script>alert(6)</script>',
                    "published": None,
                    "evidence": ["A plain sentence."],
                    "killed": None,
                    "injured": None,
                },
            ],
            "note": "</script><script>alert(7)</script>",
        },
    }


def xss_summary(summary: pd.DataFrame) -> pd.DataFrame:
    out = summary.copy()
    i = out.index[out["admin1_code"] == "UA-30"][0]
    out.loc[i, "top_targets"] = PAYLOAD
    out.loc[i, "top_weapons"] = '" onmouseover="alert(4)'
    return out


def events_config(page: str) -> dict:
    """The data the page hands to ``StrikeMap.events``."""
    match = re.search(r"StrikeMap\.events\(\w+, \"\w+\", (\{.*\}), \[", page)
    return json.loads(match.group(1))


def boundary_data(page: str) -> dict:
    """The polygons and summary rows the page shares between its layers."""
    match = re.search(r"var boundary_data_\w+ = (\{.*?\});\n", page)
    return json.loads(match.group(1))


def rows_by_column(config: dict) -> list[dict]:
    return [dict(zip(config["columns"], r, strict=True)) for r in config["rows"]]


# ---- the payload: plain data, no folium, no I/O ----

MAPS = Path(__file__).resolve().parent.parent / "maps"


@pytest.fixture(scope="session")
def payload(frame, summary, boundaries) -> dict:
    return map_payload(frame, summary, boundaries=boundaries, title="Fixture strikes")


def test_payload_is_plain_json_data(payload):
    text = json.dumps(payload, allow_nan=False)  # no numpy, no NaN, no objects
    assert set(json.loads(text)) == set(payload)


def test_payload_rows_are_named(payload, features):
    rows = payload["events"]
    assert len(rows) == len(features)
    assert all(list(r) == list(EVENT_COLUMNS) for r in rows)
    assert all(list(s) == list(SOURCE_COLUMNS) for r in rows for s in r["sources"])
    by_id = {r["id"]: r for r in rows}
    kyiv = by_id["ba842a1486157a4a"]
    assert (kyiv["place"], kyiv["code"], kyiv["date"]) == (
        "Kyiv",
        "UA-30",
        "2026-01-05",
    )
    assert (kyiv["killed"], kyiv["injured"], kyiv["day"]) == (0, 3, 0)
    assert kyiv["weapons"] == "ballistic_missile, drone"
    classes = payload["weapon_classes"]
    assert classes[kyiv["cls"]]["key"] == "ballistic_missile"
    assert payload["periods"][kyiv["group"]]["key"] == "2026-01"


def test_payload_keeps_unknown_figures_unknown(features, boundaries):
    feats = copy.deepcopy(features[:2])
    feats[0]["properties"]["killed"] = None
    feats[0]["properties"]["sources"][0]["injured"] = None
    rows = map_payload(feats, None, boundaries=boundaries)["events"]
    assert rows[0]["killed"] is None and rows[0]["sources"][0]["injured"] is None
    assert rows[1]["killed"] == 0


def test_payload_periods_title_and_legend(payload, features):
    periods = payload["periods"]
    assert [p["key"] for p in periods] == ["2026-01", "2026-02", "2026-03", None]
    assert [p["label"] for p in periods][-1] == "Undated (2)"
    assert sum(p["count"] for p in periods) == len(features)
    assert payload["timeline"] == {"start": "2026-01-05", "days": 75, "undated": 2}
    assert payload["title"] == "Fixture strikes"
    assert payload["subtitle"].startswith(
        "2026-01-05 \u2013 2026-03-20 · 23 events (2 undated) · "
    )
    legend = payload["legend"]
    assert sum(w["count"] for w in legend["weapons"]) == len(features)
    assert legend["undated"] == 2 and legend["clusters"] == []
    assert legend["sizes"][0]["label"] == "0 or not stated"
    events, casualties = payload["choropleths"]
    assert (events["kind"], events["show"]) == ("events", True)
    assert (casualties["kind"], casualties["show"]) == ("casualties", False)
    labels = [s["label"] for s in casualties["swatches"]]
    assert labels[:2] == ["no events", "events, no figure stated"]


def test_payload_summary_rows_are_by_name(payload, summary):
    rows = payload["summary"]
    assert set(rows) == set(summary["admin1_code"])
    for _, row in summary.iterrows():
        cells = rows[row["admin1_code"]]
        assert list(cells) == list(SUMMARY_COLUMNS)
        assert cells["events"] == row["events"]
        assert cells["killed"] == (None if pd.isna(row["killed"]) else row["killed"])


def test_payload_reads_nothing(features, summary, boundaries, monkeypatch):
    map_payload(features, summary, boundaries=boundaries)  # the palette, once

    def refuse(*args, **kwargs):
        raise AssertionError("the payload must not read anything")

    import builtins
    import io

    monkeypatch.setattr(gazetteer, "admin1_boundaries", refuse)
    monkeypatch.setattr(builtins, "open", refuse)
    monkeypatch.setattr(io, "open", refuse)
    monkeypatch.setattr(Path, "read_bytes", refuse)
    monkeypatch.setattr(Path, "read_text", refuse)
    got = map_payload(features, summary, boundaries=boundaries)
    assert len(got["events"]) == len(features)


def test_payload_needs_the_boundaries():
    with pytest.raises(TypeError, match="boundaries"):
        map_payload([], None)  # type: ignore[call-arg]


@pytest.mark.parametrize("module", ["payload.py", "units.py", "markup.py"])
def test_payload_modules_do_not_import_folium(module):
    import ast

    tree = ast.parse((MAPS / module).read_text("utf-8"))
    names = [
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    ] + [
        node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
    ]
    assert not [n for n in names if n.split(".")[0] in ("folium", "branca")]


def test_the_page_is_drawn_from_the_payload(payload, frame, summary, boundaries):
    edited = copy.deepcopy(payload)
    edited["title"] = "Edited <title>"
    edited["events"][0]["place"] = "Edited place"
    html = map_html(draw_map(edited))
    assert "<h1>Edited &lt;title&gt;</h1>" in html
    rows = rows_by_column(events_config(html))
    assert rows[0]["place"] == "Edited place"
    built = build_map(frame, summary, boundaries=boundaries, title="Fixture strikes")
    assert map_html(draw_map(payload)) == map_html(built)


def test_compact_rows_are_the_named_rows_in_column_order(payload):
    rows = payload["events"]
    compact = compact_rows(rows)
    back = [dict(zip(EVENT_COLUMNS, r, strict=True)) for r in compact]
    for row, named in zip(back, rows, strict=True):
        row["sources"] = [
            dict(zip(SOURCE_COLUMNS, s, strict=True)) for s in row["sources"]
        ]
        assert row == named


def test_rendering_leaves_the_map_as_it_was(frame, summary, boundaries):
    m = build_map(frame, summary, boundaries=boundaries)
    before = m.get_root().to_dict()
    map_html(m)
    assert m.get_root().to_dict() == before


def test_only_the_tree_module_touches_private_branca_attributes():
    private = re.compile(r"\._(?:children|parent|name|id|template)\b")
    for path in sorted(MAPS.glob("*.py")):
        if path.name != "tree.py":
            assert not private.findall(path.read_text("utf-8")), path.name


def test_an_element_outside_a_map_has_no_parent_name():
    from maps.elements import Controls

    with pytest.raises(TypeError, match="added to a map"):
        parent_name(Controls())


# ---- page content ----


def test_page_has_markers_slider_layers_legend_title_attribution(page, features):
    html = page
    data = events_config(page)
    assert len(data["rows"]) == len(features)
    assert data["start"] == "2026-01-05" and data["days"] == 75
    assert data["undated"] == 2 and data["cluster"] is False
    # layer control: monthly groups, the undated group, choropleths, outlines
    assert "L.control.layers(" in html
    for name in [
        "Events 2026-01 (6)",
        "Events 2026-02 (8)",
        "Events 2026-03 (7)",
        "Undated (2)",
        "Events per oblast",
        "Casualties per oblast",
        "Country and oblast outlines",
        "OpenStreetMap base map (online)",
    ]:
        assert f'"{name}" :' in html, name
    assert "StrikeMap.choropleth(" in html
    # the slider is built by the page script from the config
    assert "sm-slider" in html and 'range.type = "range"' in html
    # legend
    assert "Marker colour: weapon" in html
    assert "Marker size: killed + injured" in html
    for label in ("Ballistic missile", "Drone", "Glide bomb", "Weapon not stated"):
        assert label in html
    # title with the date range
    assert "<h1>Fixture strikes</h1>" in html
    assert "2026-01-05 \u2013 2026-03-20 · 23 events (2 undated)" in html
    # attribution: tiles (when switched on), GeoNames and the boundaries
    assert "openstreetmap.org/copyright" in html
    assert "GeoNames" in html and "(CC BY 4.0)" in html
    assert "\u00a9 OpenStreetMap contributors, ODbL 1.0; via" in html
    assert "geoBoundaries" in html
    assert "StrikeMap.layout(" in html


def test_page_has_a_title_element(frame, summary, boundaries):
    m = build_map(frame, summary, boundaries=boundaries, title="Kyiv <b>& co</b>")
    html = map_html(m)
    assert re.findall(r"<title>(.*?)</title>", html) == [
        "Kyiv &lt;b&gt;&amp; co&lt;/b&gt;"
    ]
    html = map_html(build_map(frame, summary, boundaries=boundaries))
    assert "<title>Strikes on Ukraine</title>" in html


def test_layer_control_comes_after_the_layers_and_before_the_layout(page):
    scripts = page.split("<script>")[-1]
    assert scripts.rindex("L.control.layers(") > scripts.rindex("StrikeMap.events(")
    assert scripts.rindex("StrikeMap.layout(") > scripts.rindex("L.control.layers(")
    # the zoom buttons are placed before the layer control, which goes below them
    assert scripts.index("StrikeMap.controls(") < scripts.index("L.control.layers(")


def test_title_and_panel_are_controls_of_the_left_column(page):
    # Leaflet stacks the controls of a corner, so the title can never cover
    # the layer control (top right); see test_map_pipeline for the pixels.
    assert re.search(r'StrikeMap\.panel\(\w+, "title_box_\w+", "topleft"\)', page)
    assert re.search(r"StrikeMap\.regionPanel\(\w+, boundary_data_\w+, ", page)
    assert "position: absolute" not in page.split(".sm-title {")[1].split("}")[0]


def test_summary_rows_are_read_by_name_and_unknown_stays_null(features, boundaries):
    table = pd.DataFrame(
        {
            "sources": [3, 1],
            "top_targets": ["energy (1)", ""],
            "killed": [7, float("nan")],
            "admin1": ["Kyiv", "Vinnytsia Oblast"],
            "injured": [pd.NA, None],
            "admin1_code": ["UA-30", "UA-05"],
            "events": [2, 1],
            "killed_not_stated": [1, 1],
            "injured_not_stated": [2, 1],
            "something_else": ["x", "y"],
        }
    )
    data = boundary_data(map_html(build_map(features, table, boundaries=boundaries)))
    rows = {
        code: dict(zip(data["summaryColumns"], cells, strict=True))
        for code, cells in data["summary"].items()
    }
    assert rows["UA-30"]["killed"] == 7 and rows["UA-30"]["injured"] is None
    assert rows["UA-30"]["killed_not_stated"] == 1
    assert rows["UA-05"]["killed"] is None and rows["UA-05"]["injured"] is None
    assert rows["UA-05"]["days"] is None  # a column the table lacks
    assert rows["UA-30"]["top_targets"] == "energy (1)"


def test_a_table_that_counts_unknown_as_zero_is_not_shown(features, boundaries):
    # without the not-stated counts, killed 0 may mean "not stated": the page
    # works the oblast rows out from its events instead
    old = pd.DataFrame(
        {"admin1_code": ["UA-05"], "events": [1], "killed": [0], "injured": [0]}
    )
    data = boundary_data(map_html(build_map(features, old, boundaries=boundaries)))
    assert data["summary"] is None


def test_summary_rows_reach_the_page(page, summary):
    payload = boundary_data(page)
    assert len(payload["geo"]["features"]) == 27
    assert payload["country"] and len(payload["country"][0]) > 100
    columns = payload["summaryColumns"]
    for _, row in summary.iterrows():
        cells = dict(zip(columns, payload["summary"][row["admin1_code"]], strict=True))
        assert cells["events"] == row["events"]
        killed = None if pd.isna(row["killed"]) else row["killed"]
        assert cells["killed"] == killed
        assert cells["top_weapons"] == row["top_weapons"]


def test_event_rows_carry_each_sentence_of_the_evidence(page, features):
    rows = {r["id"]: r for r in rows_by_column(events_config(page))}
    for f in features:
        sources = rows[f["properties"]["id"]]["sources"]
        evidence = [s["evidence"] for s in f["properties"]["sources"]]
        assert [s[3] for s in sources] == evidence
    data = page[page.index("StrikeMap.events(") :]
    assert "['" not in data and '"[\\"' not in data


@pytest.mark.parametrize(
    ("evidence", "expected"),
    [
        (["One.", "Two."], ["One.", "Two."]),
        ("Just one text.", ["Just one text."]),
        ('["From", "CSV"]', ["From", "CSV"]),
        (["", "  ", "Kept."], ["Kept."]),
        (None, []),
        ("[not json", ["[not json"]),
    ],
)
def test_evidence_in_any_form_becomes_sentences(
    features, boundaries, evidence, expected
):
    feat = copy.deepcopy(features[0])
    feat["properties"]["sources"][0]["evidence"] = evidence
    config = events_config(map_html(build_map([feat], None, boundaries=boundaries)))
    assert rows_by_column(config)[0]["sources"][0][3] == expected


def test_events_without_a_code_get_the_unit_they_lie_in(features, boundaries):
    feats = copy.deepcopy(features[:2])
    feats[0]["properties"]["admin1_code"] = None  # Kharkiv
    feats[1]["properties"]["admin1_code"] = ""
    feats[1]["geometry"]["coordinates"] = [33.0, 44.9]  # Crimea
    rows = rows_by_column(events_config(map_html(build_map(feats, None))))
    assert [r["code"] for r in rows] == ["UA-63", "UA-43"]


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        (["2026-01-05", "2026-01-09", "2026-01-14"], ["Events 2026-01-05 (1)"]),
        (["2026-01-20", "2026-02-19"], ["Events 2026-01-20 (1)", "Events 2026-02-19"]),
        (["2026-01-20", "2026-02-20"], ["Events 2026-01 (1)", "Events 2026-02 (1)"]),
        ([None, None], ["Undated (2)"]),
    ],
)
def test_period_groups_are_days_up_to_31_days(features, boundaries, dates, expected):
    feats = copy.deepcopy(features[: len(dates)])
    for f, d in zip(feats, dates, strict=True):
        f["properties"]["date"] = d
    html = map_html(build_map(feats, None, boundaries=boundaries))
    for name in expected:
        assert f'"{name}' in html, name


def test_clustering_above_threshold(frame, summary, boundaries):
    few = build_map(frame, summary, boundaries=boundaries, cluster_threshold=len(frame))
    many = build_map(frame, summary, boundaries=boundaries, cluster_threshold=5)
    few_html, many_html = map_html(few), map_html(many)
    assert '"cluster":false' in few_html and "MarkerClusterGroup" not in few_html
    assert '"cluster":true' in many_html
    assert "leaflet.markercluster" in many_html and "MarkerClusterGroup" in many_html
    assert "Numbered discs: clusters" in many_html
    assert "Numbered discs: clusters" not in few_html


# ---- unknown is not zero ----


@pytest.mark.parametrize(
    ("killed", "injured", "expected"),
    [
        ([None, None], [None, None], "killed: not stated, injured: not stated"),
        ([0, None], [2, 3], "0 killed (1 event: not stated), 5 injured"),
        ([4, None, None], [None, 1, 2], "4 killed (2 events: not stated)"),
        ([1, 2], [0, 0], "3 killed, 0 injured"),
    ],
)
def test_title_never_turns_not_stated_into_zero(
    features, boundaries, killed, injured, expected
):
    feats = copy.deepcopy(features[: len(killed)])
    for f, k, i in zip(feats, killed, injured, strict=True):
        f["properties"]["killed"], f["properties"]["injured"] = k, i
    html = map_html(build_map(feats, None, boundaries=boundaries))
    subtitle = re.search(r'<div class="sm-subtitle">(.*?)</div>', html).group(1)
    assert expected in subtitle


def test_casualty_scale_ignores_unknown_figures(frame, summary, boundaries):
    from maps.payload import _region_values, read_summary

    rows = read_summary(summary)
    events, casualties = _region_values([], [], rows)
    # Vinnytsia's one event states no figure: unknown, not 0
    assert None in casualties
    assert sorted(events) == sorted(summary["events"][summary["events"] > 0])
    scale = color_scale("casualties", casualties)
    assert scale.color(None) is None
    assert scale.color(0) == scale.zero_color != region_colors()["no_events"]


def test_legend_explains_unknown_and_undated(page):
    legend = re.search(r'class="sm-box sm-legend"[^>]*>(.*?)</details>', page).group(1)
    assert "0 or not stated" in legend
    assert "events, no figure stated" in legend
    assert "no events" in legend
    assert "2 undated events: shown at every slider date" in legend
    assert "\u201cUndated\u201d hides them" in legend
    assert ">0<" not in legend


# ---- assets: inlined from the XStatic packages by default ----


def test_default_page_loads_nothing_from_the_network(page):
    assert not re.search(r"<script[^>]+\bsrc\s*=", page)
    assert not re.search(r"<link[^>]+\bhref\s*=", page)
    assert "cdn.jsdelivr.net" not in page and "cdnjs" not in page
    assert "sourceMappingURL" not in page
    # Leaflet itself, and its images as data: URIs
    assert 'version="1.9.3"' in page or "1.9.3" in page
    assert "url(images/" not in page
    assert 'url("data:image/png;base64,' in page
    # the tile layer is created but not added: nothing is requested
    assert "StrikeMap.tiles(" in page
    tiles = re.search(r"var (\w+) = StrikeMap\.tiles\(", page).group(1)
    assert f"{tiles}.addTo(" not in page


def test_no_tiles_at_all(frame, summary, boundaries):
    html = map_html(build_map(frame, summary, boundaries=boundaries, tiles=None))
    assert "tile.openstreetmap.org" not in html and "StrikeMap.tiles(" not in html
    assert "L.tileLayer(" not in html.split("StrikeMap")[-1]


def test_unknown_tiles_are_refused(frame, boundaries):
    with pytest.raises(ValueError, match="tiles"):
        build_map(frame, None, boundaries=boundaries, tiles="Stamen")


def test_cdn_pages_link_the_same_releases(frame, boundaries):
    m = build_map(frame, None, boundaries=boundaries, cluster_threshold=1)
    html = map_html(m, assets="cdn")
    version = asset_path(LEAFLET[0]).parent.parent  # the package directory
    assert version.name == "leaflet"
    urls = re.findall(r'(?:src|href)="(https://cdn\.jsdelivr\.net/[^"]+)"', html)
    assert urls == [a.cdn_url for a in (*LEAFLET, *MARKERCLUSTER)]
    assert urls[0] == "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"
    assert len(html) < len(map_html(m)) - 100_000


def test_save_map_needs_no_npm_and_no_cache(tmp_path, monkeypatch, frame, boundaries):
    # the default page must come out whole on a machine with no npm, no asset
    # cache and no network (today's npm step leaves the map blank offline)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setenv("STRIKEMAP_ASSETS", str(tmp_path / "nothing"))
    out = save_map(build_map(frame, None, boundaries=boundaries), tmp_path / "m.html")
    html = out.read_text("utf-8")
    assert asset_text(LEAFLET[0])[:2000] in html
    assert not re.search(r"<script[^>]+\bsrc\s*=", html)


def test_unknown_asset_mode_is_refused(frame, boundaries):
    m = build_map(frame, None, boundaries=boundaries)
    with pytest.raises(ValueError, match="inline"):
        map_html(m, assets="offline")


@pytest.mark.parametrize("asset", [*LEAFLET, *MARKERCLUSTER], ids=str)
def test_inlined_assets_cannot_close_their_element(asset):
    text = asset_text(asset)
    assert text
    assert not re.search(r"</(script|style)", text, re.I)
    assert "<!--" not in text and "sourceMappingURL" not in text
    assert not re.search(r"url\((?![\"']?(data:|#))", text)


def test_asset_tags_inline_and_cdn():
    inline = asset_tags(LEAFLET)
    assert inline.startswith("<script>/* leaflet 1.9.3 leaflet.js */")
    assert "<style>/* leaflet 1.9.3 leaflet.css */" in inline
    cdn = asset_tags(LEAFLET, "cdn")
    assert cdn.count("https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/") == 2


def test_assets_module_lists_the_files(capsys):
    from maps.assets import main

    assert main([]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == len(LEAFLET) + len(MARKERCLUSTER)
    assert all(Path(line.split("\t")[2]).is_file() for line in out)


def test_missing_xstatic_package_is_an_output_error(monkeypatch):
    import maps.assets as assets

    monkeypatch.setitem(assets._PACKAGES, "nope", ("XStatic-Nope", "nope"))
    with pytest.raises(OutputError, match="pip install XStatic-Nope"):
        asset_path(assets.Asset("nope", "nope.js", "script"))


# ---- clusters ----


def _lab(color: str) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of a hex RGB colour."""
    rgb = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    r, g, b = lin
    xyz = (
        (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047,
        0.2126 * r + 0.7152 * g + 0.0722 * b,
        (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883,
    )
    fx, fy, fz = (t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in xyz)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def test_cluster_colours_are_far_from_every_weapon_colour():
    weapons = [c.color for c in weapon_classes()]
    clusters = cluster_classes()
    assert [c.max for c in clusters][-1] is None
    assert [c.size for c in clusters] == sorted(c.size for c in clusters)
    for cluster in clusters:
        for weapon in weapons:
            # CIE76 distance; the closest two weapon colours are 32 apart
            assert math.dist(_lab(cluster.color), _lab(weapon)) > 30, (
                cluster,
                weapon,
            )


# ---- determinism ----


def test_same_input_gives_same_html(features, frame, summary, boundaries):
    a = build_map(frame, summary, boundaries=boundaries).get_root().render()
    b = build_map(frame, summary, boundaries=boundaries).get_root().render()
    c = build_map(features, summary, boundaries=boundaries).get_root().render()
    assert a == b == c
    assert not re.search(r"_[0-9a-f]{32}\b", a), "a random branca id is left"


def test_rendering_twice_gives_the_same_page(frame, summary, boundaries):
    m = build_map(frame, summary, boundaries=boundaries)
    assert map_html(m) == map_html(m)


def test_renumber_keeps_existing_ids_and_numbers_new_ones(frame, boundaries):
    import folium

    m = build_map(frame, None, boundaries=boundaries)
    before = m.get_name()
    extra = folium.FeatureGroup(name="extra").add_to(m)
    renumber(m.get_root())
    assert m.get_name() == before
    assert re.fullmatch(r"feature_group_sm\d{4}", extra.get_name())
    assert extra.get_name() in m.to_dict(depth=1)["children"]  # re-keyed


# ---- escaping ----


@pytest.fixture(scope="session")
def xss_page(features, frame, summary, boundaries) -> str:
    feats = [*features, xss_feature()]
    m = build_map(
        feats,
        xss_summary(summary),
        boundaries=boundaries,
        title="<script>alert('title')</script> {{ 8*8 }}",
    )
    return map_html(m)


@pytest.mark.parametrize("fragment", RAW_FRAGMENTS)
def test_untrusted_text_never_appears_raw(xss_page, fragment):
    assert fragment not in xss_page


@pytest.mark.parametrize(
    "fragment",
    [
        "alert(&#x27;title&#x27;)",  # the title, HTML-escaped
        "<title>&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt; &#123;",
        '\\" onmouseover=\\"alert(4)',  # a summary cell in the data
        "\\u003cimg src=x onerror=alert(2)\\u003e",  # the evidence in the data
        "\\\"double\\\" 'single'",
        "\\u003c/script\\u003e\\u003c!-- --\\u003e",
        "\\u007b{ 7*7 }}",  # template syntax survives as text, never evaluated
        "\\u007b% if true %}jinja\\u007b% endif %}",
        "Kyiv \\u003cb onmouseover=alert(5)\\u003ex\\u003c/b\\u003e \\u007b{ 6*6 }}",
    ],
)
def test_untrusted_text_appears_escaped(xss_page, fragment):
    assert fragment in xss_page


def test_no_template_was_evaluated(xss_page):
    assert ">jinja<" not in xss_page and "jinja\\u003c" not in xss_page
    assert "64" not in re.findall(r"<h1>(.*?)</h1>", xss_page)[0]


def test_only_http_urls_reach_the_page(xss_page):
    assert "javascript:alert(3)" not in xss_page
    assert 'https://news.example.org/a?x=\\"\\u003e\\u003cscript' in xss_page


def test_inline_scripts_cannot_be_closed_early(xss_page):
    # each inline script ends where the page's own code ends
    for body in re.findall(r"<script>(.*?)</script>", xss_page, re.S):
        assert "<!--" not in body
        assert "<script" not in body.lower()


@pytest.mark.parametrize("name", ["strikemap.js", "strikemap.css"])
def test_inlined_library_cannot_close_its_element(name):
    from importlib import resources

    text = resources.files("maps").joinpath(f"templates/{name}").read_text("utf-8")
    assert "</" not in text and "<!--" not in text
    assert "innerHTML" not in text  # untrusted text goes in with textContent only


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("<b>", "&lt;b&gt;"),
        ("a & b", "a &amp; b"),
        ("\"q\" 'q'", "&quot;q&quot; &#x27;q&#x27;"),
        ("{{ x }}", "&#123;&#123; x }}"),
        (None, ""),
        (12, "12"),
    ],
)
def test_html_text(value, expected):
    assert html_text(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "</script><script>alert(1)</script>",
        "<!-- x --> ]]>",
        "{{ 1 }} {% x %} {# c #} {{{",
        "line\u2028sep\u2029",
        {"nested": ["</SCRIPT>", {"k": "{{"}]},
        [1, 2.5, None, True, "é"],
    ],
)
def test_script_json_round_trips_and_is_inert(value):
    text = script_json(value)
    assert json.loads(text) == value
    for bad in ("<", ">", "&", "{{", "{%", "{#", "\u2028", "\u2029"):
        assert bad not in text


def test_script_json_drops_non_finite_numbers():
    assert json.loads(script_json([float("nan"), float("inf"), 1.5])) == [
        None,
        None,
        1.5,
    ]


@pytest.mark.parametrize(
    "value",
    [
        {"a": [1, (2.5, "x")], "b": {"c": None}},
        {"deep": [[{"n": float("-inf")}], (3, float("nan"))], "ok": 1},
    ],
)
def test_script_json_is_the_same_with_or_without_the_finite_pass(value):
    """Encoding directly, or after replacing non-finite floats, gives one text."""
    from maps.safe import _finite

    expected = json.dumps(
        _finite(value), ensure_ascii=False, separators=(",", ":"), allow_nan=False
    )
    assert script_json(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://example.org/a", "https://example.org/a"),
        ("  http://example.org  ", "http://example.org"),
        ("HTTPS://EXAMPLE.ORG/", "HTTPS://EXAMPLE.ORG/"),
        ("javascript:alert(1)", None),
        ("JaVaScRiPt:alert(1)", None),
        ("data:text/html,<script>", None),
        ("//example.org/x", None),
        ("/relative/path", None),
        ("https://exa mple.org", None),
        ("https://", None),
        ("ftp://example.org/file", None),
        (None, None),
        (42, None),
    ],
)
def test_http_url(value, expected):
    assert http_url(value) == expected


# ---- styles ----


@pytest.mark.parametrize(
    ("weapons", "expected"),
    [
        (["ballistic_missile", "drone"], "ballistic_missile"),
        (["cruise_missile", "missile"], "cruise_missile"),
        (["ballistic_missile", "cruise_missile"], "ballistic_missile"),
        (["drone", "missile"], "missile"),
        (["drone", "glide_bomb"], "glide_bomb"),
        (["drone", "rocket"], "drone"),
        (["artillery", "rocket"], "rocket"),
        (["artillery", "bomb"], "artillery"),
        (["bomb"], "bomb"),
        ([], "unknown"),
        (["something_else"], "unknown"),
    ],
)
def test_weapon_class_is_the_most_specific(weapons, expected):
    assert weapon_class(weapons).key == expected


def test_weapon_classes_have_distinct_colours():
    classes = weapon_classes()
    assert classes[-1].key == "unknown"
    assert len({c.color for c in classes}) == len(classes)
    assert all(re.fullmatch(r"#[0-9a-f]{6}", c.color) for c in classes)


@pytest.mark.parametrize(
    ("killed", "injured", "expected"),
    [(None, None, 4.0), (0, 0, 4.0), (1, 0, 6.0), (0, 4, 8.0), (2, 2, 8.0)],
)
def test_marker_radius(killed, injured, expected):
    assert marker_radius(killed, injured) == expected


def test_marker_radius_grows_and_is_capped():
    radii = [marker_radius(n, 0) for n in (0, 1, 10, 50, 100, 1000, 10**6)]
    assert radii == sorted(radii)
    assert radii[-1] == radii[-2] == 20.0


@pytest.mark.parametrize(
    ("values", "breaks"),
    [
        ([0, 1, 2, 3, 10, 40], (1, 2, 3, 10, 40)),
        ([0, 0, 0], ()),
        ([5, 5, 5], (5,)),
        ([1, 1, 1, 1, 2], (1, 2)),
        ([None, 0, 3], (3,)),
    ],
)
def test_color_scale_breaks(values, breaks):
    scale = color_scale("events", values)
    assert scale.breaks == breaks
    assert len(scale.colors) == len(breaks)
    assert scale.color(0) == scale.zero_color
    if breaks:
        assert scale.color(breaks[-1] + 100) == scale.colors[-1]
        assert scale.color(breaks[0]) == scale.colors[0]


def test_color_scale_labels():
    scale = color_scale("casualties", [1, 2, 5, 9, 30])
    assert scale.labels() == ["1", "2", "3\u20135", "6\u20139", "10\u201330"]


# ---- inputs ----


def test_geodataframe_in_another_crs_is_reprojected(frame, summary, boundaries):
    a = build_map(frame, summary, boundaries=boundaries).get_root().render()
    b = build_map(frame.to_crs(3857), summary, boundaries=boundaries)
    assert b.get_root().render() == a


def test_feature_collection_and_missing_geometry(features, boundaries, caplog):
    feats = copy.deepcopy(features[:3])
    feats[1]["geometry"] = None
    m = build_map(
        {"type": "FeatureCollection", "features": feats}, None, boundaries=boundaries
    )
    html = m.get_root().render()
    assert '"days":5' in html and "2 events" in html
    assert "without a point geometry" in caplog.text


@pytest.mark.parametrize("bad", [42, "events.geojson", {"type": "Polygon"}, [1, 2]])
def test_unreadable_events_raise_input_error(bad, boundaries):
    with pytest.raises(InputError):
        build_map(bad, None, boundaries=boundaries)


def test_summary_without_admin1_code_raises(features, boundaries):
    with pytest.raises(InputError, match="admin1_code"):
        build_map(features, pd.DataFrame({"x": [1]}), boundaries=boundaries)


def test_default_boundaries_come_from_the_gazetteer(features, summary):
    html = build_map(features[:2], summary).get_root().render()
    assert html.count('"admin1_code":"UA-') >= 27


def test_empty_events(boundaries):
    html = build_map([], None, boundaries=boundaries).get_root().render()
    assert "dates unknown · 0 events" in html
    assert '"rows":[]' in html


def test_size_per_event_keeps_10000_events_under_8_mb(boundaries):
    base = len(map_html(build_map([], None, boundaries=boundaries)))
    n = 1000
    sentence = (
        "Officials said the overnight attack damaged several apartment blocks and "
        "a school in the district, and rescuers were still searching the rubble. "
    )
    feats = []
    for i in range(n):
        feats.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [30 + i % 9, 46 + i % 5]},
                "properties": {
                    "id": f"{i:016x}",
                    "date": f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}",
                    "place": f"Place {i}",
                    "precision": "settlement",
                    "admin1": "Kyiv Oblast",
                    "admin1_code": "UA-32",
                    "killed": i % 4,
                    "injured": i % 7,
                    "weapons": ["drone", "missile"],
                    "targets": ["residential"],
                    "sources": [
                        {
                            "article": f"article-{i}",
                            "url": f"https://news.example.org/{i}",
                            "published": "2026-01-01",
                            "evidence": sentence,
                        }
                    ],
                },
            }
        )
    html = map_html(build_map(feats, None, boundaries=boundaries))
    per_event = (len(html.encode()) - base) / n
    assert base + 10_000 * per_event < 8_000_000, per_event


# ---- saving ----


def test_save_map_writes_the_page(tmp_path, frame, summary, boundaries):
    m = build_map(frame, summary, boundaries=boundaries)
    out = save_map(m, tmp_path / "sub" / "map.html")
    assert out == tmp_path / "sub" / "map.html"
    assert out.read_text("utf-8") == map_html(m)
    assert [p.name for p in out.parent.iterdir()] == ["map.html"]


def test_save_map_reports_unwritable_paths(tmp_path, frame, boundaries):
    m = build_map(frame, None, boundaries=boundaries)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OutputError, match="cannot write the map"):
        save_map(m, blocker / "map.html")


def test_features_and_their_frame_draw_the_same_map(features, summary, boundaries):
    # strikemap run hands the map its (normalised) features, not a frame
    from geo.tables.export import normalize_features

    events = normalize_features(features)
    a = map_html(build_map(events_to_frame(events, boundaries), summary, tiles=None))
    b = map_html(build_map(events, summary, tiles=None))
    assert a == b


@pytest.mark.parametrize("kind", ["events", "casualties"])
def test_choropleth_colours_keep_markers_visible(kind):
    scale = color_scale(kind, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    assert len(scale.colors) == 5
    for fill in (*scale.colors, *([scale.zero_color] if scale.zero_color else [])):
        for weapon in weapon_classes():
            assert math.dist(_lab(fill), _lab(weapon.color)) > 20, (fill, weapon)


# ---- the fast paths of a large map ----


def _normalized_variants(features: list[dict]) -> list[dict]:
    """The features as normalised, and edge cases of their values."""
    from geo.tables.export import normalize_features

    feats = [copy.deepcopy(f) for f in normalize_features(features)]
    odd = copy.deepcopy(feats[0])
    p = odd["properties"]
    p.update(date=None, note="", place_uk="", weapons=[], targets=[], launched={})
    p["sources"][0].update(
        url="", published=None, evidence=["  ", " Spaced out. ", ""], lang=None
    )
    p["sources"].append({"article": "bare"})  # what from_dict's defaults cover
    ints = copy.deepcopy(feats[1])
    ints["geometry"]["coordinates"] = [30, 50]
    return [*feats, odd, ints]


def test_map_events_read_as_through_the_event_record(features):
    from geo.events.records import Event, Normalized
    from maps.events import MapEvent, read_events

    feats = _normalized_variants(features)
    got = read_events(Normalized(feats))
    want = [MapEvent.from_event(Event.from_feature(f, validate=False)) for f in feats]
    assert got == want
    assert [type(e.lon) for e in got] == [type(e.lon) for e in want]
    assert got[-2].sources[0].evidence == ("Spaced out.",)
    assert got[-2].sources[-1].published is None


def test_map_events_refuse_what_the_event_record_refuses(features):
    from geo.events.records import Event, Normalized
    from maps.events import read_events

    bad = _normalized_variants(features)[0]
    bad["properties"]["sources"][0]["published"] = "2026-13-40"
    with pytest.raises(ValueError):
        Event.from_feature(bad, validate=False)
    with pytest.raises(ValueError):
        read_events(Normalized([bad]))


def test_marker_classes_are_each_events_class(features, boundaries):
    feats = _normalized_variants(features)
    rows = map_payload(feats, None, boundaries=boundaries)["events"]
    keys = [c.key for c in weapon_classes()]
    assert [keys[r["cls"]] for r in rows] == [
        weapon_class(f["properties"]["weapons"]).key for f in feats
    ]
    assert len({r["cls"] for r in rows}) > 1
