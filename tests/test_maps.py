"""Tests of maps/: page content, determinism, escaping, styles, offline assets."""

from __future__ import annotations

import copy
import io
import json
import os
import re
import stat
import tarfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest

import gazetteer
from gazetteer.exc import InputError, OutputError
from geo.frames import events_to_frame
from geo.summary import region_summary
from maps import build_map, map_html, save_map
from maps.assets import asset_for, fetch_assets, inline_assets, map_urls
from maps.ids import renumber
from maps.safe import html_text, http_url, script_json
from maps.style import color_scale, marker_radius, weapon_class, weapon_classes

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
    return m.get_root().render()


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
                    "evidence": PAYLOAD,
                    "killed": 1,
                    "injured": 2,
                },
                {
                    "article": "ok-article",
                    "url": 'https://news.example.org/a?x="><script>alert(6)</script>',
                    "published": None,
                    "evidence": "A plain sentence.",
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


# ---- page content ----


def test_page_has_markers_slider_layers_legend_title_attribution(page, features):
    html = page
    data = events_config(page)
    assert len(data["rows"]) == len(features)
    assert data["start"] == "2026-01-05" and data["days"] == 75
    assert data["undated"] == 2 and data["cluster"] is False
    # layer control: monthly groups, the undated group and both choropleths
    assert "L.control.layers(" in html
    for name in [
        "Events 2026-01 (6)",
        "Events 2026-02 (7)",
        "Events 2026-03 (7)",
        "Undated (2)",
        "Events per oblast",
        "Casualties per oblast (killed + injured)",
        "Oblast boundaries",
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
    assert "2026-01-05 \u2013 2026-03-20 · 22 events" in html
    # attribution: tiles, GeoNames and the boundaries
    assert "openstreetmap.org/copyright" in html
    assert "GeoNames" in html and "(CC BY 4.0)" in html
    assert "\u00a9 OpenStreetMap contributors, ODbL 1.0; via" in html
    assert "geoBoundaries" in html
    # fit to Ukraine
    assert ".fitBounds(" in html


def test_layer_control_comes_last(page):
    scripts = page.split("<script>")[-1]
    assert scripts.rindex("L.control.layers(") > scripts.rindex("StrikeMap.events(")


def test_summary_panel_lists_oblasts_with_events(page, summary):
    with_events = summary[summary["events"] > 0]
    assert f"Oblasts with events ({len(with_events)})" in page
    for _, row in with_events.iterrows():
        assert f"{html_text(row['admin1'])}: <b>{row['events']}</b> events" in page
    no_events = summary[summary["events"] == 0].iloc[0]
    assert f"{no_events['admin1']}: <b>" not in page


def test_region_tooltips_get_the_summary_rows(page, summary):
    data = re.search(r"var boundary_data_\w+ = (\{.*?\});\n", page).group(1)
    payload = json.loads(data)
    assert len(payload["geo"]["features"]) == 27
    columns = payload["summaryColumns"]
    for _, row in summary.iterrows():
        cells = dict(zip(columns, payload["summary"][row["admin1_code"]], strict=True))
        assert cells["events"] == row["events"]
        assert cells["killed"] == row["killed"]
        assert cells["top_weapons"] == row["top_weapons"]


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
    html = build_map(feats, None, boundaries=boundaries).get_root().render()
    for name in expected:
        assert f'"{name}' in html, name


def test_clustering_above_threshold(frame, summary, boundaries):
    few = build_map(frame, summary, boundaries=boundaries, cluster_threshold=len(frame))
    many = build_map(frame, summary, boundaries=boundaries, cluster_threshold=5)
    few_html, many_html = few.get_root().render(), many.get_root().render()
    assert '"cluster":false' in few_html and "markercluster" not in few_html
    assert '"cluster":true' in many_html
    assert "leaflet.markercluster@1.5.3/dist/leaflet.markercluster.js" in many_html


def test_offline_base_has_no_tiles(frame, summary, boundaries):
    html = build_map(frame, summary, boundaries=boundaries, tiles=None)
    text = html.get_root().render()
    assert "L.tileLayer(" not in text
    assert re.search(r"StrikeMap\.outlines\(\w+, \w+, true\)", text)


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
    assert extra.get_name() in m._children


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
        "&lt;img src=x onerror=alert(2)&gt;",  # a summary cell in the panel
        "&quot;double&quot; &#x27;single&#x27;",
        "&quot; onmouseover=&quot;alert(4)",
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


# ---- offline assets (a fake cache; no network) ----

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)


def _fake_package_files(url: str) -> dict[str, bytes]:
    asset = asset_for(url)
    if asset.file.endswith(".js"):
        body = f"/* fake {asset.file} */ window.fake = '</script>';\n"
        body += "//# sourceMappingURL=x.js.map\n"
        return {asset.file: body.encode()}
    css = ".a{background:url(images/layers.png)} .b{behavior:url(#default#VML)}\n"
    return {asset.file: css.encode(), "dist/images/layers.png": PNG}


@pytest.fixture
def fake_cache(tmp_path, monkeypatch) -> Path:
    """An asset cache filled by a fake ``npm`` that packs made-up files."""
    cache = tmp_path / "assets"
    tarballs = tmp_path / "tarballs"
    tarballs.mkdir()
    specs: dict[str, dict[str, bytes]] = {}
    for url in map_urls():
        specs.setdefault(asset_for(url).spec, {}).update(_fake_package_files(url))
    for spec, files in specs.items():
        buf = io.BytesIO()
        with tarfile.open(fileobj=buf, mode="w:gz") as tar:
            for name, data in {**files, "../evil.txt": b"x"}.items():
                info = tarfile.TarInfo(f"package/{name}")
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
        (tarballs / f"{spec.replace('/', '_')}.tgz").write_bytes(buf.getvalue())
    log = tmp_path / "npm.log"
    npm = tmp_path / "npm"
    npm.write_text(
        "#!/bin/sh\n"
        f'echo "$@" >> "{log}"\n'
        'spec="$2"; dest="$5"\n'
        f'cp "{tarballs}/$spec.tgz" "$dest/pkg.tgz"\n'
        'echo "[]"\n'
    )
    npm.chmod(npm.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("STRIKEMAP_ASSETS", str(cache))
    fetch_assets()
    return cache


def test_fetch_assets_packs_each_package_once(fake_cache, tmp_path):
    calls = (tmp_path / "npm.log").read_text().splitlines()
    assert sorted(c.split()[1] for c in calls) == [
        "leaflet.markercluster@1.5.3",
        "leaflet@1.9.3",
    ]
    manifest = json.loads((fake_cache / "manifest.json").read_text())["assets"]
    assert set(manifest) == set(map_urls())
    assert not (fake_cache.parent / "evil.txt").exists()
    fetch_assets()  # everything cached: npm is not run again
    assert len((tmp_path / "npm.log").read_text().splitlines()) == len(calls)


def test_offline_page_has_no_remote_scripts_or_styles(
    fake_cache, frame, summary, boundaries
):
    for threshold in (0, 1000):
        m = build_map(
            frame, summary, boundaries=boundaries, cluster_threshold=threshold
        )
        html = map_html(m, offline=True)
        assert not re.search(r"<script[^>]+src=[\"']?(https?:)?//", html)
        assert not re.search(r"<link[^>]+href=[\"']?(https?:)?//", html)
        assert "window.fake = '<\\/script>'" in html
        assert "sourceMappingURL" not in html
        assert 'url("data:image/png;base64,' in html
        assert "url(#default#VML)" in html
        # the tile URL template stays: tiles are the one thing left online
        assert "https://tile.openstreetmap.org/{z}/{x}/{y}.png" in html


def test_offline_without_cache_names_the_asset_and_the_command(
    tmp_path, monkeypatch, frame, boundaries
):
    monkeypatch.setenv("STRIKEMAP_ASSETS", str(tmp_path / "empty"))
    m = build_map(frame, None, boundaries=boundaries)
    with pytest.raises(OutputError) as info:
        save_map(m, tmp_path / "map.html", offline=True)
    message = str(info.value)
    assert "leaflet@1.9.3/dist/leaflet.js" in message
    assert "python -m maps.assets" in message
    assert not (tmp_path / "map.html").exists()


def test_inline_assets_leaves_local_and_unknown_tags(fake_cache):
    html = (
        '<script src="local.js"></script><link rel="icon" href="https://x.org/i.png">'
        '<a href="https://example.org">x</a>'
    )
    assert inline_assets(html) == html


@pytest.mark.parametrize(
    ("url", "spec", "file"),
    [
        (
            "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css",
            "leaflet@1.9.3",
            "dist/leaflet.css",
        ),
        (
            "https://cdn.jsdelivr.net/npm/@fortawesome/fontawesome-free@6.2.0/css/all.min.css",
            "@fortawesome/fontawesome-free@6.2.0",
            "css/all.min.css",
        ),
        (
            "https://code.jquery.com/jquery-3.7.1.min.js",
            "jquery@3.7.1",
            "dist/jquery.min.js",
        ),
        (
            "https://cdnjs.cloudflare.com/ajax/libs/moment.js/2.18.1/moment.min.js",
            "moment@2.18.1",
            "min/moment.min.js",
        ),
    ],
)
def test_asset_for_maps_cdn_urls_to_npm(url, spec, file):
    asset = asset_for(url)
    assert (asset.spec, asset.file) == (spec, file)


def test_assets_without_npm_release_are_refused(tmp_path):
    url = "https://cdnjs.cloudflare.com/ajax/libs/jqueryui/1.10.2/jquery-ui.min.js"
    assert asset_for(url).package is None
    with pytest.raises(OutputError, match="no npm package"):
        fetch_assets(tmp_path, urls=[url])
    assert asset_for("https://example.org/x.js") is None


def test_features_and_their_frame_draw_the_same_map(features, summary, boundaries):
    # strikemap run hands the map its (normalised) features, not a frame
    from geo.export import normalize_features

    events = normalize_features(features)
    a = map_html(build_map(events_to_frame(events, boundaries), summary, tiles=None))
    b = map_html(build_map(events, summary, tiles=None))
    assert a == b
