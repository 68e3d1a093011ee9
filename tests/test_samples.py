"""The committed samples: regenerated values match, the designed verdicts hold in the workbooks, and
creatio agrees with them.

Most tests read the workbooks with openpyxl only and evaluate the thresholds with a tiny evaluator of
their own, so a wrong sample is caught here and not mistaken for a bug in creatio_cli. The last section
is the end-to-end acceptance test: `creatio check` on the samples must give the designed verdicts.
"""

from __future__ import annotations

import ast
import functools
import itertools
import json
import math
import shutil
import subprocess
import sys
from collections import Counter
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path

import pytest
from openpyxl import load_workbook

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
SIX = ["综合服务场所", "文化服务中心", "道德讲堂", "家长学校", "未成年人活动场所", "志愿服务V站"]
SIX_IDS = ["six.comprehensive_venue", "six.culture_center", "six.moral_lecture_hall", "six.parent_school",
           "six.minors_venue", "six.volunteer_station"]
# Points per indicator, written by hand from standards/liugeyi-sidabiao.yaml (all or nothing, total 100).
POINTS = {"area.per_100_households": 10, "area.activity_share": 6, "rooms.function_rooms": 8,
          **dict.fromkeys(SIX_IDS, 6), "activities.per_year": 10, "ledger.kept": 10, "volunteers.share": 10,
          "satisfaction.residents": 10}
AREA_ROOMS = {"area.per_100_households", "rooms.function_rooms"}
PLAIN_HEADERS = [
    "区县", "街道", "社区", "户数", "常住人口", "社区综合服务设施面积（㎡）", "居民活动用房面积（㎡）",
    "功能室数量（个）", *SIX, "活动开展次数", "台账整理", "注册志愿者人数", "群众满意度（%）", "帮扶单位",
    "备注",
]


def load_json(rel: str) -> dict:
    return json.loads((SAMPLES / rel).read_text(encoding="utf-8"))


REGISTER = Path("weekly") / "notices"  # creatio's output (samples/make_register.py), not the generator's


def sample_files(root: Path) -> list[str]:
    """Relative paths of the generated files (workbooks and JSON) under root."""
    return sorted(str(p.relative_to(root)) for p in root.rglob("*")
                  if p.suffix in {".xlsx", ".json"} and REGISTER not in p.relative_to(root).parents)


def workbook_values(path: Path) -> dict:
    """Sheet names, states, merged ranges and cell values of a workbook (no bytes, no timestamps)."""
    wb = load_workbook(path)
    return {
        ws.title: {
            "state": ws.sheet_state,
            "merged": sorted(str(r) for r in ws.merged_cells.ranges),
            "values": [list(row) for row in ws.iter_rows(values_only=True)],
        }
        for ws in wb.worksheets
    }


# ------------------------------------------------------------------------------------------------------
# (a) the generator reproduces the committed samples
# ------------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def regenerated(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("samples")
    subprocess.run([sys.executable, str(SAMPLES / "generate.py"), str(out)], check=True, capture_output=True)
    return out


def test_generator_writes_the_committed_file_set(regenerated):
    assert sample_files(regenerated) == sample_files(SAMPLES)


@pytest.mark.parametrize("rel", sample_files(SAMPLES))
def test_regenerated_file_has_the_same_values(regenerated, rel):
    if rel.endswith(".json"):
        assert json.loads((regenerated / rel).read_text("utf-8")) == load_json(rel)
    else:
        assert workbook_values(regenerated / rel) == workbook_values(SAMPLES / rel)


def test_regenerating_gives_the_same_bytes(regenerated, tmp_path):
    """No clock in the files (document times and zip entry times are pinned): regenerating changes no byte,
    so a regenerated sample shows in git only when its content changed."""
    again = tmp_path / "again"
    subprocess.run([sys.executable, str(SAMPLES / "generate.py"), str(again)], check=True, capture_output=True)
    files = [rel for rel in sample_files(regenerated) if rel.endswith(".xlsx")]
    assert files and all((again / rel).read_bytes() == (regenerated / rel).read_bytes() for rel in files)


def generator_sources() -> list[Path]:
    """The generator: the script and every module of its package samples/gen/."""
    return [SAMPLES / "generate.py", *sorted((SAMPLES / "gen").glob("*.py"))]


def test_generator_does_not_import_the_code_under_test():
    imported: set[str] = set()
    for path in generator_sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        # relative imports (from .common import …) stay inside the package
        imported |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and not node.level}
    assert not {name for name in imported if name.split(".")[0] == "creatio_cli"}
    allowed = {"__future__", "datetime", "json", "sys", "dataclasses", "pathlib", "random", "fractions", "itertools",
               "openpyxl", "gen", "re", "zipfile"}
    assert {name.split(".")[0] for name in imported} <= allowed
    assert "gen.city" in imported  # the script really delegates to the package


def test_generator_modules_are_small():
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in generator_sources()}
    assert all(50 <= n <= 300 for name, n in sizes.items() if name != "__init__.py"), sizes


def test_samples_are_small():
    def size(files) -> int:
        return sum(p.stat().st_size for p in files if p.is_file())

    register = SAMPLES / REGISTER
    assert size(p for p in SAMPLES.rglob("*") if register not in p.parents) < 2_000_000
    assert size(register.rglob("*")) < 1_000_000  # 17 notices: .docx ~39 KB each, .md, index, register


# ------------------------------------------------------------------------------------------------------
# A tiny independent evaluator of liugeyi-sidabiao on the plain layout
# ------------------------------------------------------------------------------------------------------
def read_plain(path: Path) -> tuple[str, list[dict]]:
    """Title and rows (header → value) of a plain-layout ledger."""
    ws = load_workbook(path)["台账"]
    rows = list(ws.iter_rows(values_only=True))
    assert list(rows[1]) == PLAIN_HEADERS
    return rows[0][0], [dict(zip(PLAIN_HEADERS, r, strict=True)) for r in rows[2:]]


def activity_target(as_of: date) -> int:
    elapsed = (as_of - date(as_of.year, 1, 1)).days + 1
    days = (date(as_of.year, 12, 31) - date(as_of.year, 1, 1)).days + 1
    return math.ceil(12 * elapsed / days)


def evaluate(row: dict, as_of: date) -> tuple[set[str], list[tuple[str, float, float]]]:
    """Failing indicator ids of one row, and (indicator, actual, required) of every numeric check."""
    checks = [
        ("area.per_100_households", row["社区综合服务设施面积（㎡）"], 0.30 * row["户数"]),
        ("area.activity_share", row["居民活动用房面积（㎡）"], 0.60 * row["社区综合服务设施面积（㎡）"]),
        ("rooms.function_rooms", row["功能室数量（个）"], 6),
        ("activities.per_year", row["活动开展次数"], activity_target(as_of)),
        ("volunteers.share", row["注册志愿者人数"], 0.10 * row["常住人口"]),
    ]
    if row["群众满意度（%）"] is not None:
        checks.append(("satisfaction.residents", row["群众满意度（%）"], 90))
    fails = {ind for ind, actual, required in checks if actual < required}
    fails |= {sid for sid, name in zip(SIX_IDS, SIX, strict=True) if row[name] != "是"}
    if row["台账整理"] != "是":
        fails.add("ledger.kept")
    if row["群众满意度（%）"] is None:
        fails.add("satisfaction.residents")
    return fails, checks


def day_progress(as_of: date) -> float:
    """序时进度, day convention, calendar year: 2022-06-30 → 181/365."""
    return ((as_of - date(as_of.year, 1, 1)).days + 1) / ((date(as_of.year, 12, 31) - date(as_of.year, 1, 1)).days + 1)


def assert_schedule_flags(entries: list[dict], as_of: date) -> None:
    """points_lost and behind_schedule of every entry follow from its fails, with a clear margin."""
    threshold = 100 * (1 - day_progress(as_of))  # points a community may lose and still be on schedule
    for e in entries:
        lost = sum(POINTS[f] for f in e["fails"])
        assert e["points_lost"] == lost, e["community"]
        assert e["behind_schedule"] == (lost > threshold), e["community"]
        assert abs(lost - threshold) >= 3, e["community"]


def key(entry: dict) -> tuple[str, str, str]:
    return (entry["district"], entry["street"], entry["community"])


def row_key(row: dict) -> tuple[str, str, str]:
    return (row["区县"], row["街道"], row["社区"])


def assert_matches_design(path: Path, expected: list[dict], as_of: date) -> None:
    """Every row fails exactly its designed indicators, and no value sits within 1 % of a threshold."""
    _, rows = read_plain(path)
    assert [row_key(r) for r in rows] == [key(e) for e in expected]
    for row, entry in zip(rows, expected, strict=True):
        fails, checks = evaluate(row, as_of)
        assert sorted(fails) == entry["fails"], row_key(row)
        for ind, actual, required in checks:
            if ind not in ("rooms.function_rooms", "activities.per_year"):
                assert abs(actual - required) > 0.01 * required, (row_key(row), ind, actual, required)
            if ind == "activities.per_year" and ind not in fails:
                assert actual >= required + 1  # also meets the month convention and a later as-of


# ------------------------------------------------------------------------------------------------------
# (b) file 1: the Suqian plain ledger
# ------------------------------------------------------------------------------------------------------
def test_city_ledger_counts():
    expected = load_json("city-ledger.expected.json")
    entries = expected["communities"]
    assert len(entries) == 66
    assert len({key(e) for e in entries}) == 66
    area_rooms = [e for e in entries if {"area.per_100_households", "rooms.function_rooms"} & set(e["fails"])]
    assert len(area_rooms) == 12
    # area.activity_share only fails inside the 12, so "any area.* or rooms.*" is 12 too
    assert len([e for e in entries if any(f.startswith(("area.", "rooms.")) for f in e["fails"])]) == 12
    assert len([e for e in entries if e["fails"]]) == 32
    assert [e["community"] for e in entries if e.get("missing")] == [
        e["community"] for e in entries if "satisfaction.residents" in e.get("missing", [])
    ]
    assert len([e for e in entries if e.get("missing")]) == 1
    assert expected["summary"] == {"communities": 66, "with_area_or_rooms_shortfall": 12,
                                   "with_any_shortfall": 32, "compliant": 34}


def test_city_ledger_has_nine_weak_communities_behind_schedule():
    expected = load_json("city-ledger.expected.json")
    entries = expected["communities"]
    assert expected["points"] == POINTS
    assert_schedule_flags(entries, date(2022, 6, 30))
    behind = [e for e in entries if e["behind_schedule"]]
    assert expected["behind_schedule_count"] == len(behind) == 9
    assert "南关社区" in {e["community"] for e in behind}
    for e in behind:  # short of space, of rooms for the 六个一 and of activities
        assert AREA_ROOMS & set(e["fails"]) and "activities.per_year" in e["fails"]
        assert len(set(SIX_IDS) & set(e["fails"])) >= 3
        assert e["points_lost"] >= 56
    assert all(e["points_lost"] <= 40 for e in entries if not e["behind_schedule"])


def test_city_ledger_layout_and_nanguan():
    title, rows = read_plain(SAMPLES / "city-ledger.xlsx")
    assert title == "宿迁市2022年城市社区创建工作台账（截至2022年6月30日）"
    ws = load_workbook(SAMPLES / "city-ledger.xlsx")["台账"]
    assert "A1:T1" in {str(r) for r in ws.merged_cells.ranges}
    assert len(rows) == 66
    assert Counter(r["区县"] for r in rows).keys() == {"宿城区", "宿豫区", "经济技术开发区", "湖滨新区"}
    streets = Counter((r["区县"], r["街道"]) for r in rows)
    for district in {"宿城区", "宿豫区", "经济技术开发区", "湖滨新区"}:
        assert 2 <= len([s for s in streets if s[0] == district]) <= 4
    nanguan = [r for r in rows if r["社区"] == "南关社区"]
    assert len(nanguan) == 1
    assert (nanguan[0]["户数"], nanguan[0]["社区综合服务设施面积（㎡）"]) == (1860, 420)
    assert [r["群众满意度（%）"] for r in rows].count(None) == 1
    for r in rows:
        assert 800 <= r["户数"] <= 4000
        assert 2.6 * r["户数"] - 1 <= r["常住人口"] <= 3.0 * r["户数"] + 1
        assert r["台账整理"] in ("是", "否")
        for name in SIX:
            assert r[name] in ("是", "否", "在建")
    assert any(r[name] == "在建" for r in rows for name in SIX)


def test_city_ledger_matches_its_design():
    expected = load_json("city-ledger.expected.json")["communities"]
    assert_matches_design(SAMPLES / "city-ledger.xlsx", expected, date(2022, 6, 30))


# ------------------------------------------------------------------------------------------------------
# file 2: the office layout reads back to the same values
# ------------------------------------------------------------------------------------------------------
FULL_WIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
YES = {"是", "有", "√", "已建"}
NO = {"否", "无", "×", "未建", "在建"}


def office_number(value):
    """Read a number as offices write it (the leading number of 320（其中活动用房210））."""
    if isinstance(value, int | float):
        return value
    text = value.translate(FULL_WIDTH).replace(",", "").replace("㎡", "").removeprefix("约")
    return int(text.split("（")[0])


def read_office(path: Path) -> list[dict]:
    """Community rows of the office layout, as plain-layout dicts (merged 区县/街道 filled down)."""
    wb = load_workbook(path)
    assert wb.sheetnames == ["台账", "填表说明", "辅助"]
    assert wb["辅助"].sheet_state == "hidden"
    ws = wb["台账"]
    header = [ws.cell(row=4, column=c).value or ws.cell(row=3, column=c).value
              for c in range(1, ws.max_column + 1)]
    assert ws.cell(row=5, column=1).value == "甲"
    col = {h: i for i, h in enumerate(header)}
    rows, district, street = [], None, None
    for values in ws.iter_rows(min_row=6, values_only=True):
        district = values[col["区（县）"]] or district
        if values[col["所属街道"]] in ("小计",) or values[0] == "合计":
            continue
        if not isinstance(values[0], int):
            continue  # footer
        street = values[col["所属街道"]] or street
        satisfaction = values[col["居民满意率（%）"]]
        if isinstance(satisfaction, str):
            satisfaction = float(satisfaction.rstrip("%"))
        elif satisfaction is not None:
            satisfaction = round(satisfaction * 100, 1)
        row = {
            "区县": district, "街道": street, "社区": values[col["社区（居委会）"]],
            "户数": office_number(values[col["户数"]]), "常住人口": office_number(values[col["常住人口"]]),
            "社区综合服务设施面积（㎡）": office_number(values[col["总面积（㎡）"]]),
            "居民活动用房面积（㎡）": office_number(values[col["其中居民活动（㎡）"]]),
            "功能室数量（个）": office_number(values[col["功能室数量（个）"]]),
            "活动开展次数": office_number(values[col["本年累计开展活动（场次）"]]),
            "注册志愿者人数": office_number(values[col["实名注册志愿者（人）"]]),
            "群众满意度（%）": satisfaction, "帮扶单位": values[col["帮扶单位"]], "备注": values[col["备注"]],
        }
        for name in [*SIX, "台账整理"]:
            cell = values[col[name]]
            assert cell in YES | NO, cell
            row[name] = "是" if cell in YES else "在建" if cell == "在建" else "否"
        rows.append(row)
    return rows


def test_office_ledger_reads_back_to_the_plain_values():
    _, plain = read_plain(SAMPLES / "city-ledger.xlsx")
    assert read_office(SAMPLES / "city-ledger-office.xlsx") == plain


def test_office_ledger_has_the_messy_features():
    ws = load_workbook(SAMPLES / "city-ledger-office.xlsx")["台账"]
    cells = [v for row in ws.iter_rows(values_only=True) for v in row if v is not None]
    texts = [v for v in cells if isinstance(v, str)]
    assert texts.count("小计") == 11 and texts.count("合计") == 1
    assert "约600" in texts
    assert any(t.endswith("㎡") for t in texts)
    assert any("," in t and t.replace(",", "").isdigit() for t in texts)
    assert any(t and t[0] in "０１２３４５６７８９" for t in texts)
    assert any("（其中活动用房" in t for t in texts)
    assert any(t.endswith("%") for t in texts)
    assert any(ws.cell(row=r, column=20).number_format == "0.0%" for r in range(6, ws.max_row + 1))
    assert {"是", "否", "有", "无", "√", "×", "已建", "未建", "在建"} <= set(texts)
    assert texts[0] == "宿迁市2022年城市社区创建工作台账（截至2022年6月30日）"
    assert texts[1].startswith("填报单位（盖章）：宿迁市民政局")
    assert any(t.startswith("说明：") for t in texts) and any(t.startswith("审核人：") for t in texts)
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert "H3:I3" in merged and "K3:P3" in merged and "A3:A4" in merged


def test_office_subtotals_add_up():
    ws = load_workbook(SAMPLES / "city-ledger-office.xlsx")["台账"]
    _, plain = read_plain(SAMPLES / "city-ledger.xlsx")
    total_row = next(r for r in ws.iter_rows(min_row=6, values_only=True) if r[0] == "合计")
    assert total_row[5] == sum(r["户数"] for r in plain)
    assert total_row[7] == sum(r["社区综合服务设施面积（㎡）"] for r in plain)
    subtotal_households = [r[5] for r in ws.iter_rows(min_row=6, values_only=True) if r[2] == "小计"]
    assert sum(subtotal_households) == total_row[5]


# ------------------------------------------------------------------------------------------------------
# file 3: Xiangzhou activity rooms
# ------------------------------------------------------------------------------------------------------
def test_xiangzhou_rooms():
    ws = load_workbook(SAMPLES / "xiangzhou-rooms.xlsx")["活动用房"]
    rows = list(ws.iter_rows(values_only=True))
    header = list(rows[1])
    assert header == ["区县", "街道", "社区", "户数", "居民活动用房面积（㎡）", "最大活动室面积（㎡）",
                      "用房来源", "备注"]
    data = [dict(zip(header, r, strict=True)) for r in rows[2:]]
    assert len(data) == 126
    assert Counter(r["用房来源"] for r in data) == {"租赁": 23, "腾退": 21, "共享协议": 46, "无偿借用": 10,
                                                   "借用股份公司": 26}
    expected = load_json("xiangzhou-rooms.expected.json")["communities"]
    assert [(e["street"], e["community"]) for e in expected] == [(r["街道"], r["社区"]) for r in data]
    for r, e in zip(data, expected, strict=True):
        area, largest = r["居民活动用房面积（㎡）"], r["最大活动室面积（㎡）"]
        assert area >= 202 and largest <= area
        assert not 396 <= area <= 404 and not 198 <= largest <= 202
        fails = [] if area >= 400 and largest >= 200 else ["rooms.activity_400"]
        assert fails == e["fails"]
    assert sum(1 for e in expected if not e["fails"]) == 42


# ------------------------------------------------------------------------------------------------------
# file set 4: the weekly city folder
# ------------------------------------------------------------------------------------------------------
WEEKS = {"week1": date(2022, 6, 24), "week2": date(2022, 7, 1), "week3": date(2022, 7, 8),
         "week4": date(2022, 7, 15), "week5": date(2022, 7, 22)}
LATER = ["week3", "week4", "week5"]
BEHIND = {"week1": 11, "week2": 9, "week3": 5, "week4": 6, "week5": 5}  # the story in numbers (README)


def read_week(folder: str, as_of: date) -> dict[tuple, tuple[dict, set[str]]]:
    """Every community of one week's folder → (row, failing ids); titles carry the week's date."""
    label = f"{as_of.year}年{as_of.month}月{as_of.day}日"
    result = {}
    for path in sorted((SAMPLES / "weekly" / folder).glob("*.xlsx")):
        title, rows = read_plain(path)
        assert title.endswith(f"（截至{label}）")
        for row in rows:
            assert path.stem == f"{row['区县']}-{row['街道']}"
            assert row_key(row) not in result
            fails, checks = evaluate(row, as_of)
            for ind, actual, required in checks:
                if ind not in ("rooms.function_rooms", "activities.per_year"):
                    assert abs(actual - required) > 0.01 * required
            result[row_key(row)] = (row, fails)
    return result


@functools.cache
def week_rows(folder: str) -> dict[tuple, tuple[dict, set[str]]]:
    """read_week, once per test session (the rows are only read)."""
    return read_week(folder, WEEKS[folder])


def test_weekly_folders_and_changes():
    week1, week2 = week_rows("week1"), week_rows("week2")
    assert len(week1) == 300 and week1.keys() == week2.keys()
    assert len({k[:2] for k in week1}) == 20 and len({k[0] for k in week1}) == 5
    suqian = {e["community"] for e in load_json("city-ledger.expected.json")["communities"]}
    assert not suqian & {k[2] for k in week1}
    changes = load_json("weekly/changes.json")
    by_key = {key(c): c for c in changes["changes"]}
    assert sum(1 for c in changes["changes"] if c["fixed"]) == 30
    assert sum(1 for c in changes["changes"] if c["new"]) == 10
    for k in week1:
        before, after = week1[k][1], week2[k][1]
        if k in by_key:
            change = by_key[k]
            assert sorted(before - after) == change["fixed"]
            assert sorted(after - before) == change["new"]
            assert sorted(before) == change["fails_before"] and sorted(after) == change["fails_after"]
        else:
            assert week1[k][0] == week2[k][0]  # unchanged rows are identical


@pytest.mark.parametrize(("before", "after"), [("week2", "week3"), ("week3", "week4"), ("week4", "week5")])
def test_later_weeks_and_their_changes(before, after):
    """changes-weekN.json lists exactly the communities whose verdicts changed; other rows are identical,
    except the partner cells of week 3's re-pairing (partners_changed)."""
    old, new = week_rows(before), week_rows(after)
    assert old.keys() == new.keys() and len(new) == 300
    changes = load_json(f"weekly/changes-{after}.json")
    assert (changes[before]["as_of"], changes[after]["as_of"]) == (WEEKS[before].isoformat(), WEEKS[after].isoformat())
    by_key = {key(c): c for c in changes["changes"]}
    moved = {key(c): c for c in changes["partners_changed"]}
    assert bool(moved) == (after == "week3")
    for k in old:
        (row0, fails0), (row1, fails1) = old[k], new[k]
        if k in by_key:
            change = by_key[k]
            assert change["fixed"] or change["new"]
            assert (sorted(fails0 - fails1), sorted(fails1 - fails0)) == (change["fixed"], change["new"]), k
            assert (sorted(fails0), sorted(fails1)) == (change["fails_before"], change["fails_after"]), k
        else:
            assert fails0 == fails1, k
        if k in moved:
            assert (row0["帮扶单位"] or "", row1["帮扶单位"] or "") == (moved[k]["before"], moved[k]["after"])
        if k not in by_key and k not in moved:
            assert row0 == row1, k
        elif k not in by_key:  # re-paired only: the partner cell and its 备注 changed, nothing else
            same = [h for h in PLAIN_HEADERS if h not in ("帮扶单位", "备注")]
            assert [row0[h] for h in same] == [row1[h] for h in same], k
    summary = changes["summary"]
    assert summary["fixed"] == sum(1 for c in changes["changes"] if c["fixed"])
    assert summary["slipped"] == sum(1 for c in changes["changes"] if c["new"])
    assert summary[f"with_any_shortfall_{after}"] == sum(1 for _, f in new.values() if f)
    assert (summary[f"behind_schedule_{before}"], summary[f"behind_schedule_{after}"]) == (BEHIND[before], BEHIND[after])


@pytest.mark.parametrize("folder", list(WEEKS))
def test_weekly_expected_files(folder):
    as_of, behind = WEEKS[folder], BEHIND[folder]
    expected = load_json(f"weekly/{folder}.expected.json")
    assert expected["as_of"] == as_of.isoformat()
    rows = week_rows(folder)
    assert {key(e): e["fails"] for e in expected["communities"]} == {k: sorted(f) for k, (_, f) in rows.items()}
    blank = {k for k, (row, _) in rows.items() if row["群众满意度（%）"] is None}
    assert {key(e) for e in expected["communities"] if e.get("missing") == ["satisfaction.residents"]} == blank
    assert_schedule_flags(expected["communities"], as_of)
    assert expected["summary"]["behind_schedule"] == behind
    assert sum(1 for e in expected["communities"] if e["behind_schedule"]) == behind


def test_weekly_story():
    """Four runs in July; compliance grows every week; the weak catch up gradually (a community behind
    in a later week was behind the week before or has just slipped)."""
    assert [d.month for d in WEEKS.values()].count(7) == 4
    verdicts = {f: {key(e): e for e in load_json(f"weekly/{f}.expected.json")["communities"]} for f in WEEKS}
    compliant = [sum(1 for e in verdicts[f].values() if not e["fails"]) for f in WEEKS]
    assert compliant == sorted(compliant) and len(set(compliant)) == len(compliant)
    folders = list(WEEKS)
    for before, after in itertools.pairwise(folders):
        behind_before = {k for k, e in verdicts[before].items() if e["behind_schedule"]}
        behind_after = {k for k, e in verdicts[after].items() if e["behind_schedule"]}
        slipped = {key(c) for c in load_json("weekly/changes.json" if after == "week2" else
                                             f"weekly/changes-{after}.json")["changes"] if c["new"]}
        assert behind_after <= behind_before | slipped
    noticed = {k for k, e in verdicts["week2"].items() if e["behind_schedule"]}
    still = [len(noticed & {k for k, e in verdicts[f].items() if e["behind_schedule"]}) for f in LATER]
    assert still == [5, 4, 3]  # the 9 behind in week 2, week by week
    lost = {f: {k: verdicts[f][k]["points_lost"] for k in noticed} for f in ["week2", *LATER]}
    assert all(lost[a][k] >= lost[b][k] for k in noticed for a, b in [("week2", "week3"), ("week3", "week4"),
                                                                        ("week4", "week5")])


# ------------------------------------------------------------------------------------------------------
# file set 4: the partner units (帮扶单位) and the oracle of their ranking
# ------------------------------------------------------------------------------------------------------
def partner_ranking(rows: dict[tuple, tuple[dict, set[str]]], as_of: date) -> list[dict]:
    """The ranking of design.md's rankings.partners, from the workbook cells and this file's evaluator:
    a cell naming several units (、) counts for each, a blank cell for none; competition ranks by mean
    completion, then mean score; ties by name."""
    members: dict[str, list[set[str]]] = {}
    for row, fails in rows.values():
        for unit in filter(None, (row["帮扶单位"] or "").split("、")):
            members.setdefault(unit, []).append(fails)
    threshold = 100 * (1 - day_progress(as_of))
    stats = []
    for unit, all_fails in members.items():
        lost = [sum(POINTS[f] for f in fails) for fails in all_fails]
        n = len(lost)
        stats.append((Fraction(sum(100 - x for x in lost), n), unit, n, sum(x == 0 for x in lost) / n,
                      sum(x > threshold for x in lost) / n))
    stats.sort(key=lambda s: (-s[0], s[1]))
    ranking: list[dict] = []
    for i, (mean, unit, n, compliant, behind) in enumerate(stats):
        rank = ranking[-1]["rank"] if i and mean == stats[i - 1][0] else i + 1
        ranking.append({"rank": rank, "partner": unit, "communities": n, "mean_score": float(mean),
                        "mean_completion": float(mean) / 100, "share_compliant": compliant,
                        "share_behind_schedule": behind})
    return ranking


@pytest.mark.parametrize("folder", list(WEEKS))
def test_partner_oracle(folder):
    oracle = load_json(f"weekly/{folder}.partners.expected.json")
    assert oracle["as_of"] == WEEKS[folder].isoformat()
    mine = partner_ranking(week_rows(folder), WEEKS[folder])
    assert [(e["rank"], e["partner"], e["communities"]) for e in oracle["partners"]] == [
        (e["rank"], e["partner"], e["communities"]) for e in mine]
    for got, want in zip(oracle["partners"], mine, strict=True):
        for field in ("mean_score", "mean_completion", "share_compliant", "share_behind_schedule"):
            assert got[field] == pytest.approx(want[field], abs=1e-4 if field == "mean_score" else 1e-6), got
    assert set(oracle["partners"][0]) == {"rank", "partner", "communities", "mean_score", "mean_completion",
                                          "share_compliant", "share_behind_schedule"}
    cells = [row["帮扶单位"] or "" for row, _ in week_rows(folder).values()]
    blank = sorted(key(e) for e in oracle["blank"])
    assert blank == sorted(k for k, (row, _) in week_rows(folder).items() if not row["帮扶单位"])
    assert oracle["summary"]["blank"] == len(blank) == cells.count("")
    assert oracle["summary"]["several_units"] == sum("、" in c for c in cells) == len(oracle["several_units"])
    assert sum(e["communities"] for e in oracle["partners"]) == sum(len(c.split("、")) for c in cells if c)


def test_partner_units_make_a_ranking():
    """15 units in weeks 1–2; from week 3, 18: three sent to the 9 behind (cells naming two units), three
    blank cells; every unit has several communities; week 5 has a tie (standard competition ranking)."""
    for folder in WEEKS:
        oracle = load_json(f"weekly/{folder}.partners.expected.json")
        counts = [e["communities"] for e in oracle["partners"]]
        assert 15 <= len(counts) <= 25 and min(counts) >= 3
        ranks = [e["rank"] for e in oracle["partners"]]
        assert ranks[0] == 1 and all(r == i + 1 or r == ranks[i - 1] for i, r in enumerate(ranks))
        several, blank = oracle["summary"]["several_units"], oracle["summary"]["blank"]
        assert (several, blank) == ((0, 0) if folder in ("week1", "week2") else (9, 3))
    noticed = {key(e) for e in load_json("weekly/week2.expected.json")["communities"] if e["behind_schedule"]}
    assert {key(e) for e in load_json("weekly/week3.partners.expected.json")["several_units"]} == noticed
    week5 = load_json("weekly/week5.partners.expected.json")
    assert week5["summary"]["ties"] >= 1
    assert len({e["rank"] for e in week5["partners"]}) < len(week5["partners"])


# ------------------------------------------------------------------------------------------------------
# file set 4: the designed notice cycle (weekly/notices.expected.json), checked against the weeks
# ------------------------------------------------------------------------------------------------------
def test_notices_oracle_follows_the_weeks():
    plan = load_json("weekly/notices.expected.json")
    runs = [r["folder"] for r in plan["runs"]]
    assert runs == ["week2", *LATER]
    verdicts = {f: {key(e): e for e in load_json(f"weekly/{f}.expected.json")["communities"]} for f in runs}
    folder_of = {WEEKS[f].isoformat(): f for f in runs}
    notices = [n for n in plan["notices"] if n["kind"] == "notice"]
    escalations = [n for n in plan["notices"] if n["kind"] == "escalation"]
    for folder in runs:  # everyone behind in a run has a notice, drafted then or still open from before
        behind = {k for k, e in verdicts[folder].items() if e["behind_schedule"]}
        drafted = {key(n) for n in notices if n["as_of"] == WEEKS[folder].isoformat()}
        earlier = {key(n) for n in notices if n["as_of"] < WEEKS[folder].isoformat()}
        assert drafted <= behind and behind <= drafted | earlier
    last = verdicts["week5"]
    for n in notices:
        k, as_of = key(n), date.fromisoformat(n["as_of"])
        assert n["indicators"] == verdicts[folder_of[n["as_of"]]][k]["fails"]
        assert date.fromisoformat(n["due"]) - as_of == timedelta(days=15)
        unmet = sorted(set(n["indicators"]) & set(last[k]["fails"]))
        if n["status"] == "rectified":
            (when, to), = n["history"]
            assert to == "rectified" and not set(n["indicators"]) & set(verdicts[folder_of[when]][k]["fails"])
        elif n["status"] == "overdue":
            assert unmet and n["due"] < "2022-07-22" and n["history"] == [["2022-07-22", "overdue"]]
            escalation, = (e for e in escalations if key(e) == k)
            assert (escalation["indicators"], escalation["as_of"], escalation["parent_as_of"]) == (
                unmet, "2022-07-22", n["as_of"])
        elif n["status"] == "open":
            assert unmet and n["due"] >= "2022-07-22" and not n["history"]
        else:
            assert n["status"] == "cancelled" and key(plan["cancel"]) == k and n["note"] == plan["cancel"]["note"]
    statuses = Counter(n["status"] for n in notices)
    assert statuses == {"open": 2, "rectified": 4, "overdue": 5, "cancelled": 1}
    assert {s: plan["summary"][s] for s in statuses} == statuses
    assert len(escalations) == plan["summary"]["escalations"] == 5


# ------------------------------------------------------------------------------------------------------
# file 5: the follow-up ledger
# ------------------------------------------------------------------------------------------------------
def test_followup_ledger():
    expected = load_json("followup/expected.json")
    title, _ = read_plain(SAMPLES / "followup" / "city-ledger-2022-07-20.xlsx")
    assert title == "宿迁市2022年城市社区创建工作台账（截至2022年7月20日）"
    assert_matches_design(SAMPLES / "followup" / "city-ledger-2022-07-20.xlsx", expected["communities"],
                          date(2022, 7, 20))
    first = {key(e): e["fails"] for e in load_json("city-ledger.expected.json")["communities"]}
    tracked = {k for k, fails in first.items()
               if {"area.per_100_households", "rooms.function_rooms", *SIX_IDS} & set(fails)}
    fixed = {key(e) for e in expected["fixed"]}
    still = {key(e) for e in expected["still_failing"]}
    assert fixed | still == tracked and not fixed & still
    assert abs(len(fixed) - len(still)) <= 1
    now = {key(e): e["fails"] for e in expected["communities"]}
    for k in first:
        if k in fixed:
            assert now[k] == []
        elif k in still:
            assert now[k] and set(now[k]) <= set(first[k])
        else:
            assert now[k] == first[k]
    assert_schedule_flags(expected["communities"], date(2022, 7, 20))


def test_followup_notices_rectified_and_overdue():
    """Notices went to the 9 behind on 2022-06-30, due 2022-07-15; by 2022-07-20 5 are rectified (every
    listed indicator met) and 4 overdue (some still unmet), 2 of them after a partial fix."""
    expected = load_json("followup/expected.json")
    assert expected["notices"] == {"as_of": "2022-06-30", "due": "2022-07-15"}
    first = {key(e): e for e in load_json("city-ledger.expected.json")["communities"]}
    noticed = {k for k, e in first.items() if e["behind_schedule"]}
    rectified = {key(e) for e in expected["rectified"]}
    overdue = {key(e) for e in expected["overdue"]}
    assert (len(rectified), len(overdue)) == (5, 4)
    assert rectified | overdue == noticed and not rectified & overdue
    now = {key(e): e["fails"] for e in expected["communities"]}
    assert all(now[k] == [] for k in rectified)
    assert all(set(now[k]) & set(first[k]["fails"]) for k in overdue)
    assert len([k for k in overdue if now[k] != first[k]["fails"]]) == 2


# ------------------------------------------------------------------------------------------------------
# End-to-end acceptance: creatio itself gives the designed verdicts
# ------------------------------------------------------------------------------------------------------
def creatio_json(cli, path: Path, code: int = 1) -> dict:
    """`creatio check PATH --format json`; exit 1 when some community has a finding, else 0."""
    got, out, err = cli("check", path, "--format", "json")
    assert got == code, err
    return json.loads(out)


def assert_engine_agrees(report: dict, expected: dict) -> None:
    """Same communities, same failing indicators, same score and behind_schedule flag as designed."""
    assert report["as_of"] == expected["as_of"]
    got = {key(c): c for c in report["communities"]}
    assert got.keys() == {key(e) for e in expected["communities"]}
    for e in expected["communities"]:
        c = got[key(e)]
        assert sorted(f["indicator"] for f in c["findings"]) == e["fails"], key(e)
        assert (c["score"], c["max_score"]) == (100 - e["points_lost"], 100), key(e)
        assert c["behind_schedule"] == e["behind_schedule"], key(e)
        missing = [f["indicator"] for f in c["findings"] if f["status"] == "missing"]
        assert missing == e.get("missing", []), key(e)


@pytest.mark.parametrize("name", ["city-ledger.xlsx", "city-ledger-office.xlsx"])
def test_creatio_check_city_ledger(cli, name):
    expected = load_json("city-ledger.expected.json")
    report = creatio_json(cli, SAMPLES / name)
    assert_engine_agrees(report, expected)
    assert report["summary"]["behind_schedule"] == expected["behind_schedule_count"] == 9
    assert (report["summary"]["compliant"], report["summary"]["with_shortfalls"]) == (34, 32)


def test_creatio_check_followup(cli):
    expected = load_json("followup/expected.json")
    report = creatio_json(cli, SAMPLES / "followup" / "city-ledger-2022-07-20.xlsx")
    assert_engine_agrees(report, expected)
    assert report["summary"]["behind_schedule"] == expected["behind_schedule_count"]


@pytest.mark.parametrize("folder", ["week1", "week2"])
def test_creatio_check_weekly(cli, folder):
    expected = load_json(f"weekly/{folder}.expected.json")
    entries = {key(e): e for e in expected["communities"]}
    behind = 0
    for path in sorted((SAMPLES / "weekly" / folder).glob("*.xlsx")):
        in_file = {k for k in entries if path.stem == f"{k[0]}-{k[1]}"}
        report = creatio_json(cli, path, code=int(any(entries[k]["fails"] for k in in_file)))
        assert_engine_agrees(report, {"as_of": expected["as_of"],
                                      "communities": [entries[k] for k in sorted(in_file)]})
        behind += report["summary"]["behind_schedule"]
    assert behind == expected["summary"]["behind_schedule"]


@pytest.mark.parametrize("folder", LATER)
def test_creatio_score_later_weeks(cli, folder):
    """One `creatio score` per later week (much faster than 20 `check` runs): same verdicts as designed."""
    expected = load_json(f"weekly/{folder}.expected.json")
    code, out, err = cli("score", SAMPLES / "weekly" / folder, "--format", "json", "--jobs", "1")
    assert code == 1, err
    report = json.loads(out)
    assert [f["status"] for f in report["files"]] == ["ok"] * 20
    assert_engine_agrees(report, expected)
    assert report["summary"]["behind_schedule"] == expected["summary"]["behind_schedule"] == BEHIND[folder]
    assert report["summary"]["with_shortfalls"] == expected["summary"]["with_any_shortfall"]
    assert_partners_agree(report, folder)


def assert_partners_agree(report: dict, folder: str) -> None:
    """creatio's rankings.partners equals the generator's partner oracle (ranks, units, counts, means)."""
    oracle = load_json(f"weekly/{folder}.partners.expected.json")["partners"]
    got = sorted(report["rankings"]["partners"], key=lambda e: (e["rank"], e["partner"]))
    assert [(e["rank"], e["partner"], e["communities"]) for e in got] == [
        (e["rank"], e["partner"], e["communities"]) for e in sorted(oracle, key=lambda e: (e["rank"], e["partner"]))]
    for mine, want in zip(got, sorted(oracle, key=lambda e: (e["rank"], e["partner"])), strict=True):
        for name in ("mean_score", "mean_completion", "share_compliant", "share_behind_schedule"):
            assert mine[name] == pytest.approx(want[name], abs=1e-3), (folder, mine["partner"], name)


@pytest.mark.parametrize("folder", ["week1", "week2"])
def test_creatio_ranks_partner_units_as_designed(cli, folder):
    code, out, err = cli("score", SAMPLES / "weekly" / folder, "--format", "json", "--jobs", "1")
    assert code == 1, err
    assert_partners_agree(json.loads(out), folder)


# ------------------------------------------------------------------------------------------------------
# The sample register (samples/weekly/notices/, made by creatio through samples/make_register.py)
# ------------------------------------------------------------------------------------------------------
def register_status(cli, folder: Path) -> list[dict]:
    code, out, err = cli("notices", "status", "--output", folder, "--format", "json")
    assert code == 0, err
    return json.loads(out)


def notice_facts(record: dict) -> tuple:
    return (record["kind"], key(record), record["as_of"], record["due"], record["status"],
            tuple(sorted(record["indicators"])))


@pytest.fixture(scope="module")
def committed_register(tmp_path_factory) -> Path:
    """A copy of the committed register folder (status only reads, but the samples stay untouched)."""
    copy = tmp_path_factory.mktemp("register") / "notices"
    shutil.copytree(SAMPLES / REGISTER, copy)
    return copy


def test_committed_register_holds_the_designed_cycle(cli, committed_register):
    """Every state appears (open, rectified, overdue, cancelled) and the notices are the designed ones."""
    plan = load_json("weekly/notices.expected.json")
    records = register_status(cli, committed_register)
    assert sorted(map(notice_facts, records)) == sorted(map(notice_facts, plan["notices"]))
    assert {r["status"] for r in records if r["kind"] == "notice"} == {"open", "rectified", "overdue", "cancelled"}
    designed = {(r["kind"], key(r), r["as_of"]): r for r in plan["notices"]}
    numbers = {r["number"]: r for r in records}
    for r in records:
        want = designed[(r["kind"], key(r), r["as_of"])]
        assert [h["to"] for h in r["history"]] == [to for _, to in want["history"]], r["number"]
        if r["kind"] == "escalation":
            parent = numbers[r["parent"]]
            assert (parent["kind"], key(parent), parent["status"]) == ("notice", key(r), "overdue")
        if r["status"] == "cancelled":
            assert r["note"] == plan["cancel"]["note"]
            assert [h["how"] for h in r["history"]] == ["mark"]
    files = sorted(p.name for p in (SAMPLES / REGISTER).iterdir())
    documents = sorted(r["file"] for r in records)
    assert files == sorted([*documents, *(d.removesuffix(".docx") + ".md" for d in documents), "index.csv",
                            "index.xlsx", "register.sqlite"])


def test_make_register_rebuilds_the_committed_register(cli, committed_register, tmp_path):
    """samples/make_register.py (creatio run four times, one mark) gives the committed register again:
    the same numbers, notices, statuses and files (only the times of the status changes differ)."""
    out = tmp_path / "notices"
    proc = subprocess.run([sys.executable, str(SAMPLES / "make_register.py"), str(out)], capture_output=True,
                          text=True, encoding="utf-8")
    assert proc.returncode == 0, proc.stdout + proc.stderr

    def core(records: list[dict]) -> list[tuple]:
        return [(r["number"], r["parent"], r["file"], r["note"], *notice_facts(r),
                 [(h["by"], h["from"], h["to"], h["note"], h["how"]) for h in r["history"]]) for r in records]

    assert core(register_status(cli, out)) == core(register_status(cli, committed_register))
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in committed_register.iterdir())
