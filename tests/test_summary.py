from __future__ import annotations

import errno
import json
import os
import re

import geopandas as gpd
import pandas as pd
import pytest

import gazetteer
from gazetteer.exc import OutputError
from geo.tables.export import write_events
from geo.tables.frames import events_to_frame
from geo.tables.summary import (
    NOT_STATED,
    PERIOD_COLUMNS,
    REGION_COLUMNS,
    UNDATED,
    period_summary,
    region_summary,
    summary_markdown,
    write_summary,
)


@pytest.fixture(scope="session")
def frame(data_dir) -> gpd.GeoDataFrame:
    path = data_dir / "events" / "sample.geojson"
    return events_to_frame(json.loads(path.read_text(encoding="utf-8"))["features"])


@pytest.fixture(scope="session")
def regions(frame) -> pd.DataFrame:
    return region_summary(frame)


def event(code, date=None, weapons=(), targets=(), killed=None, injured=None, arts=()):
    """A frame row without geometry, enough for the summaries."""
    return {
        "type": "Feature",
        "geometry": None,
        "properties": {
            "id": "0" * 16,
            "date": date,
            "place": "X",
            "admin1_code": code,
            "weapons": list(weapons),
            "targets": list(targets),
            "killed": killed,
            "injured": injured,
            "sources": [{"article": a} for a in arts],
        },
    }


def row(table: pd.DataFrame, code: str) -> pd.Series:
    return table.set_index("admin1_code").loc[code]


# ---------------------------------------------------------------- regions


def test_region_summary_has_all_27_units_with_zeros(regions):
    assert len(regions) == 27
    assert list(regions.columns) == list(REGION_COLUMNS)
    codes = sorted(p.admin1_code for p in gazetteer.admin1_units())
    assert sorted(regions["admin1_code"]) == codes
    zero = row(regions, "UA-05")
    assert (zero["events"], zero["days"], zero["killed"], zero["sources"]) == (
        0,
        0,
        0,
        0,
    )
    assert zero["first_date"] == "" and zero["last_date"] == ""
    assert zero["top_weapons"] == "" and zero["top_targets"] == ""


def test_region_summary_int_columns_stay_ints(regions):
    for col in ("events", "days", "killed_not_stated", "injured_not_stated", "sources"):
        assert regions[col].dtype == "int64", col
    for col in ("killed", "injured"):
        assert regions[col].dtype == "Int64", col  # nullable: unknown is not 0


def test_not_stated_columns_follow_injured():
    i = REGION_COLUMNS.index("injured")
    assert REGION_COLUMNS[i + 1 : i + 3] == ("killed_not_stated", "injured_not_stated")
    j = PERIOD_COLUMNS.index("injured")
    assert PERIOD_COLUMNS[j + 1 : j + 3] == ("killed_not_stated", "injured_not_stated")


@pytest.mark.parametrize(
    ("figures", "total", "not_stated"),
    [
        ([None], None, 1),  # one event, no figure: unknown, not 0
        ([None, None], None, 2),
        ([0], 0, 0),  # the text says none
        ([None, 0], 0, 1),
        ([2, None, 3], 5, 1),
        ([], 0, 0),  # no events: nothing unstated
    ],
)
def test_killed_is_a_sum_of_stated_figures(figures, total, not_stated):
    out = region_summary([event("UA-59", killed=k, injured=k) for k in figures])
    r = row(out, "UA-59")
    for col in ("killed", "injured"):
        assert (r[col] is pd.NA) if total is None else (r[col] == total), col
        assert r[f"{col}_not_stated"] == not_stated
    per = period_summary(
        [event("UA-59", "2026-03-01", killed=k) for k in figures], "month"
    )
    if figures:
        assert (per["killed"].iloc[0] is pd.NA) == (total is None)
        assert per["killed_not_stated"].iloc[0] == not_stated


def test_regions_csv_never_shows_0_for_an_unstated_figure(tmp_path):
    out = region_summary([event("UA-59", "2026-03-01")])  # no figure stated
    path = tmp_path / "regions.csv"
    write_summary(out, path, None)
    back = pd.read_csv(path, keep_default_na=False, dtype=str).set_index("admin1_code")
    assert back.loc["UA-59", "killed"] == "" and back.loc["UA-59", "injured"] == ""
    assert back.loc["UA-59", "killed_not_stated"] == "1"
    assert back.loc["UA-05", "killed"] == "0"  # no events there: 0 is true
    md = summary_markdown(out)
    sumy = next(ln for ln in md.splitlines() if "UA-59" in ln)
    assert split_row(sumy)[4:8] == ["not stated", "not stated", "1", "1"]


def test_region_summary_names_come_from_the_gazetteer(regions):
    names = {p.admin1_code: p.name for p in gazetteer.admin1_units()}
    assert dict(zip(regions["admin1_code"], regions["admin1"], strict=True)) == names


def test_region_summary_kharkiv_figures(regions):
    kh = row(regions, "UA-63")
    assert kh["events"] == 3
    assert kh["days"] == 3
    assert kh["killed"] == 3  # 2 + 0 + 1
    assert kh["injured"] == 19  # 14 + 5, and one event that states none
    assert kh["killed_not_stated"] == 0
    assert kh["injured_not_stated"] == 1
    assert kh["first_date"] == "2026-01-12"
    assert kh["last_date"] == "2026-02-02"
    assert kh["top_weapons"] == "drone (2), glide_bomb (1), missile (1)"
    assert kh["top_targets"] == "residential (2), energy (1)"
    assert kh["sources"] == 3  # a1, a2, a4


def test_region_summary_undated_event_counts_without_days(regions):
    kyiv_oblast = row(regions, "UA-32")
    assert kyiv_oblast["events"] == 1
    assert kyiv_oblast["days"] == 0
    assert kyiv_oblast["first_date"] == ""
    assert kyiv_oblast["injured"] == 2
    assert kyiv_oblast["killed"] is pd.NA  # Brovary: no killed figure
    assert kyiv_oblast["killed_not_stated"] == 1


def test_region_summary_unit_with_no_figure_at_all(regions):
    lviv = row(regions, "UA-46")
    assert lviv["events"] == 1
    assert lviv["killed"] is pd.NA and lviv["injured"] is pd.NA
    assert (lviv["killed_not_stated"], lviv["injured_not_stated"]) == (1, 1)


def test_region_summary_sort_order(regions):
    assert list(regions["admin1_code"][:7]) == [
        "UA-63",
        "UA-23",
        "UA-30",
        "UA-32",
        "UA-46",
        "UA-51",
        "UA-05",
    ]
    events = list(regions["events"])
    assert events == sorted(events, reverse=True)
    zeros = list(regions.loc[regions["events"] == 0, "admin1_code"])
    assert zeros == sorted(zeros)


def test_region_summary_of_nothing():
    out = region_summary(events_to_frame([]))
    assert len(out) == 27
    assert out["events"].sum() == 0
    assert out["events"].dtype == "int64"
    assert list(out["admin1_code"]) == sorted(out["admin1_code"])


def test_region_summary_accepts_features():
    out = region_summary([event("UA-59", "2026-03-01", killed=1)])
    assert row(out, "UA-59")["killed"] == 1


@pytest.mark.parametrize(
    ("weapon_lists", "expected"),
    [
        ([["drone"], ["drone"], ["missile"]], "drone (2), missile (1)"),
        # ties broken alphabetically, at most three
        ([["rocket", "bomb", "missile", "drone"]], "bomb (1), drone (1), missile (1)"),
        (
            [["rocket"], ["rocket", "artillery"], ["artillery"]],
            "artillery (2), rocket (2)",
        ),
        ([["drone", "drone"]], "drone (1)"),  # per event, not per mention
        ([[], []], ""),
    ],
)
def test_top_weapons(weapon_lists, expected):
    out = region_summary([event("UA-59", weapons=w) for w in weapon_lists])
    assert row(out, "UA-59")["top_weapons"] == expected


def test_region_summary_of_a_frame_read_back_from_file(tmp_path, frame, regions):
    for fmt in ("geojson", "gpkg"):
        path = tmp_path / f"events.{fmt}"
        write_events(frame, path, format=fmt)
        pd.testing.assert_frame_equal(region_summary(gpd.read_file(path)), regions)


def test_sources_are_distinct_articles():
    out = region_summary(
        [event("UA-59", arts=("a", "b")), event("UA-59", arts=("b", "c"))]
    )
    assert row(out, "UA-59")["sources"] == 3


def test_events_outside_the_27_units_are_left_out():
    out = region_summary([event("UA-59"), event(""), event("XX-99")])
    assert out["events"].sum() == 1
    assert len(out) == 27


# ---------------------------------------------------------------- periods


def test_period_summary_by_week(frame):
    out = period_summary(frame, "week")
    assert list(out.columns) == list(PERIOD_COLUMNS)
    assert list(zip(out["period"], out["admin1_code"], strict=True)) == [
        ("2026-W01", "UA-46"),  # 2025-12-29 is in ISO week 1 of 2026
        ("2026-W03", "UA-30"),
        ("2026-W03", "UA-63"),
        ("2026-W04", "UA-51"),
        ("2026-W05", "UA-63"),  # 2026-01-30
        ("2026-W06", "UA-23"),
        ("2026-W06", "UA-63"),  # 2026-02-02
        (UNDATED, "UA-32"),
    ]
    assert out["events"].sum() == 8
    assert out["events"].dtype == "int64"


def test_period_summary_by_month(frame):
    out = period_summary(frame, "month")
    kharkiv = out.loc[out["admin1_code"] == "UA-63"]
    assert list(kharkiv["period"]) == ["2026-01", "2026-02"]
    assert list(kharkiv["events"]) == [2, 1]
    assert list(kharkiv["killed"]) == [2, 1]
    assert list(kharkiv["injured"])[0] == 19
    assert list(kharkiv["injured"])[1] is pd.NA  # 2026-02-02 states none
    assert list(kharkiv["injured_not_stated"]) == [0, 1]
    assert out.attrs["by"] == "month"
    assert out["period"].iloc[0] == "2025-12"
    assert out["period"].iloc[-1] == UNDATED
    assert set(out["admin1"]) >= {"Kharkiv Oblast", "Kyiv"}


@pytest.mark.parametrize(
    ("date", "by", "period"),
    [
        ("2026-01-01", "week", "2026-W01"),
        ("2027-01-01", "week", "2026-W53"),
        ("2026-12-31", "week", "2026-W53"),
        ("2026-02-02", "week", "2026-W06"),
        ("2026-02-28", "month", "2026-02"),
        ("2025-12-31", "month", "2025-12"),
        (None, "week", UNDATED),
        (None, "month", UNDATED),
    ],
)
def test_period_labels(date, by, period):
    out = period_summary([event("UA-59", date)], by)
    assert list(out["period"]) == [period]


@pytest.mark.parametrize("by", ["day", "year", "", "Week"])
def test_period_summary_rejects_other_periods(frame, by):
    with pytest.raises(ValueError, match="week"):
        period_summary(frame, by)


def test_period_summary_of_nothing():
    out = period_summary(events_to_frame([]), "week")
    assert list(out.columns) == list(PERIOD_COLUMNS)
    assert len(out) == 0


# ---------------------------------------------------------------- markdown


def split_row(line: str) -> list[str]:
    """Split a GFM table row the way cmark-gfm does (backslash escapes a char)."""
    cells, cell, i = [], "", 0
    body = line.strip()
    assert body.startswith("|") and body.endswith("|")
    body = body[1:]
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            cell += body[i : i + 2]
            i += 2
            continue
        if ch == "|":
            cells.append(cell.strip())
            cell = ""
        else:
            cell += ch
        i += 1
    return cells


def test_markdown_region_table(regions):
    md = summary_markdown(regions, title="Strikes, January")
    lines = md.splitlines()
    assert lines[0] == "# Strikes, January"
    assert md.endswith("\n")
    table = [ln for ln in lines if ln.startswith("|")]
    assert len(table) == 2 + 27
    assert split_row(table[0]) == [
        "code",
        "region",
        "events",
        "days",
        "killed",
        "injured",
        "no killed figure",
        "no injured figure",
        "first date",
        "last date",
        "top weapons",
        "top targets",
        "sources",
    ]
    assert split_row(table[1])[2] == "---:"  # events right-aligned
    assert split_row(table[1])[4] == "---:"  # and the nullable figures
    assert split_row(table[1])[1] == "---"
    assert split_row(table[2])[:3] == ["UA-63", "Kharkiv Oblast", "3"]


def test_markdown_uses_words_not_codes(regions):
    md = summary_markdown(regions)
    kharkiv = split_row(next(ln for ln in md.splitlines() if "UA-63" in ln))
    assert kharkiv[10] == "drone (2), glide bomb (1), missile (1)"
    kyiv = split_row(next(ln for ln in md.splitlines() if "| UA-30 |" in ln))
    assert kyiv[10] == "ballistic missile (1), drone (1)"
    assert "_" not in "".join(ln for ln in md.splitlines() if ln.startswith("| UA"))
    # the CSV keeps the codes, for programs
    assert row(regions, "UA-63")["top_weapons"] == (
        "drone (2), glide_bomb (1), missile (1)"
    )


def test_markdown_header_says_what_the_tables_cover(regions):
    md = summary_markdown(
        regions, title="T", articles=12, undated=1, since="2025-12-01", until=None
    )
    head = md.split("\n| ", 1)[0]
    assert "- Dates: 2025-12-29 to 2026-02-03 (1 event undated)" in head
    assert "- Date filter: events dated from 2025-12-01" in head
    assert "- Events: 8, in 6 of 27 regions" in head
    assert "- Articles read: 12" in head
    assert '"not stated" means no event there gave a figure' in head


def test_markdown_header_without_run_facts_says_only_what_it_knows():
    md = summary_markdown(region_summary([event("UA-59")]))
    assert "- Dates: no dated events" in md
    assert "- Events: 1, in 1 of 27 regions" in md
    assert "Articles read" not in md and "Date filter" not in md


@pytest.mark.parametrize(
    "text",
    [
        "a|b",
        "a | b | c",
        "line one\nline two",
        "windows\r\nbreak",
        "old\rmac",
        "back\\slash",
        "trailing\\",
        "escaped \\| pipe",
        "||",
        "| leading",
    ],
)
def test_markdown_escapes_cells(text):
    frame = pd.DataFrame({"name": [text], "n": [1]})
    md = summary_markdown(frame, title="T")
    rows = [ln for ln in md.splitlines() if ln.startswith("|")]
    assert len(rows) == 3  # no line break leaked into the table
    cells = split_row(rows[2])
    assert len(cells) == 2
    assert cells[1] == "1"
    # undo the escapes: the cell shows the original text, line breaks as <br>
    shown = re.sub(r"\\(.)", r"\1", cells[0])
    expected = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")
    assert shown == expected.strip()


def test_markdown_with_periods(regions, frame):
    periods = period_summary(frame, "month")
    md = summary_markdown(regions, periods)
    assert "## By period" in md
    after = md.split("## By period", 1)[1]
    table = [ln for ln in after.splitlines() if ln.startswith("|")]
    assert split_row(table[0])[:4] == ["period", "code", "region", "events"]
    assert len(table) == 2 + len(periods)


def test_markdown_renders_missing_as_empty():
    frame = pd.DataFrame({"a": [None, "x"], "b": [float("nan"), 2.0]})
    rows = [ln for ln in summary_markdown(frame).splitlines() if ln.startswith("|")]
    assert split_row(rows[2]) == ["", ""]


def test_markdown_renders_missing_figures_as_not_stated():
    frame = pd.DataFrame({"killed": pd.array([None, 2], dtype="Int64")})
    rows = [ln for ln in summary_markdown(frame).splitlines() if ln.startswith("|")]
    assert split_row(rows[2]) == [NOT_STATED]
    assert split_row(rows[3]) == ["2"]


# ---------------------------------------------------------------- files


def test_write_summary(tmp_path, regions, frame):
    periods = period_summary(frame, "week")
    csv_path, md_path = tmp_path / "regions.csv", tmp_path / "regions.md"
    per_path = tmp_path / "weeks.csv"
    written = write_summary(
        regions, csv_path, md_path, periods, periods_csv_path=per_path
    )
    assert written == [csv_path, per_path, md_path]
    back = pd.read_csv(csv_path, keep_default_na=False)
    assert list(back.columns) == list(REGION_COLUMNS)
    assert len(back) == 27
    assert list(back["events"]) == list(regions["events"])
    assert back["first_date"].iloc[-1] == ""
    assert b"\r\n" not in csv_path.read_bytes()
    assert md_path.read_text(encoding="utf-8") == summary_markdown(regions, periods)
    assert len(pd.read_csv(per_path)) == len(periods)


@pytest.mark.parametrize("by", ["week", "month"])
def test_write_summary_writes_the_period_table_as_csv(tmp_path, regions, frame, by):
    periods = period_summary(frame, by)
    csv_path = tmp_path / "regions.csv"
    written = write_summary(regions, csv_path, tmp_path / "regions.md", periods)
    per_path = tmp_path / f"regions_by_{by}.csv"
    assert per_path in written
    back = pd.read_csv(per_path, keep_default_na=False, dtype=str)
    assert list(back.columns) == list(PERIOD_COLUMNS)
    assert list(back["period"]) == list(periods["period"])
    undated = back.loc[back["period"] == UNDATED].iloc[0]
    assert undated["killed"] == "" and undated["killed_not_stated"] == "1"


def test_period_csv_name_without_attrs(tmp_path, regions, frame):
    periods = period_summary(frame, "week")
    periods.attrs.clear()
    written = write_summary(regions, tmp_path / "r.csv", None, periods)
    assert [p.name for p in written] == ["r.csv", "r_by_week.csv"]
    written = write_summary(regions, tmp_path / "r.csv", None, periods, by="month")
    assert [p.name for p in written] == ["r.csv", "r_by_month.csv"]


def test_write_summary_passes_the_header_facts(tmp_path, regions):
    md = tmp_path / "regions.md"
    write_summary(regions, None, md, articles=5, undated=1, until="2026-02-28")
    text = md.read_text(encoding="utf-8")
    assert "- Articles read: 5" in text
    assert "- Date filter: events dated until 2026-02-28" in text


def test_full_disk_keeps_the_previous_file(tmp_path, regions, monkeypatch):
    csv_path = tmp_path / "regions.csv"
    csv_path.write_text("the previous run\n")

    def fsync(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(OutputError, match="No space left") as info:
        write_summary(regions, csv_path, None)
    monkeypatch.undo()
    assert "\n" not in str(info.value)
    assert csv_path.read_text() == "the previous run\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["regions.csv"]


def test_failed_write_keeps_the_previous_file(tmp_path, regions):
    md_path = tmp_path / "regions.md"
    md_path.write_text("the previous run\n")
    bad = regions.astype({"admin1": object})
    bad.loc[26, "admin1"] = "cannot be encoded \ud800"  # the last row
    with pytest.raises(OutputError):
        write_summary(bad, None, md_path)
    assert md_path.read_text() == "the previous run\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["regions.md"]


def test_write_summary_through_a_symlink(tmp_path, regions):
    target = tmp_path / "kept" / "regions.md"
    target.parent.mkdir()
    link = tmp_path / "regions.md"
    link.symlink_to(target)
    write_summary(regions, None, link)
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == summary_markdown(regions)


def test_write_summary_skips_none_paths(tmp_path, regions):
    write_summary(regions, None, tmp_path / "only.md")
    assert [p.name for p in tmp_path.iterdir()] == ["only.md"]


def test_write_summary_reports_output_error(tmp_path, regions):
    with pytest.raises(OutputError, match="cannot write") as info:
        write_summary(regions, tmp_path / "missing" / "r.csv", None)
    assert "\n" not in str(info.value)


def test_summaries_of_dates_beyond_pandas_nanoseconds():
    out = region_summary([event("UA-59", "9999-12-31", killed=1)])
    assert row(out, "UA-59")["last_date"] == "9999-12-31"
    per = period_summary([event("UA-59", "9999-12-31")], "week")
    assert list(per["period"]) == ["9999-W52"]


# ------------------------------------------------ rows found once per code


def test_rows_found_once_per_code_are_the_compared_rows(frame, monkeypatch):
    import geo.tables.summary as summary_module

    # the sample, shuffled and repeated, with an unknown code and empty ones
    big = pd.concat([frame, frame.iloc[::-1], frame.iloc[::2]], ignore_index=True)
    big.loc[3, "admin1_code"] = "UA-99"
    big.loc[5, "admin1_code"] = ""
    fast = region_summary(big)
    assert summary_module._rows_by_code(big["admin1_code"]) is not None
    monkeypatch.setattr(summary_module, "_rows_by_code", lambda column: None)
    compared = region_summary(big)
    pd.testing.assert_frame_equal(fast, compared)
    assert fast["events"].sum() == len(big) - 2


def test_a_cell_not_a_str_leaves_the_rows_to_the_comparison(frame):
    from geo.tables.summary import _rows_by_code

    odd = frame.copy()
    odd["admin1_code"] = odd["admin1_code"].astype(object)
    odd.loc[0, "admin1_code"] = None
    assert _rows_by_code(odd["admin1_code"]) is None
    assert region_summary(odd)["events"].sum() == len(frame) - 1
