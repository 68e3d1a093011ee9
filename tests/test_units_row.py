"""A units row right under the header (户 人 ㎡ ㎡ 个 次 人 %, one unit per column, no community name) is part of
the header band: each unit joins its column's header (常住户数 + 户 reads 常住户数（户）), so it counts as
evidence and can veto (满意度 over 分). Read without it (--header-rows 1) it is dropped as a units row, silently
(probe9 L8: it was a data row with a blank community name, and a warning)."""

from __future__ import annotations

import json

import openpyxl
import pytest

HEADERS = ["社区名称", "常住户数", "常住人口", "社区综合服务设施面积", "居民活动用房面积", "功能室数量", "活动开展次数",
           "注册志愿者人数", "群众满意度"]
ROWS = [["清一社区", 1000, 3000, 400, 300, 6, 8, 400, 95], ["清二社区", 1000, 3000, 400, 300, 6, 11, 400, 95]]


def _ledger(tmp_path, units):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["清水街道社区创建工作台账（截至2022年6月30日）"])
    ws.append(HEADERS)
    ws.append(units)
    for row in ROWS:
        ws.append(row)
    wb.save(tmp_path / "qs.xlsx")
    return tmp_path / "qs.xlsx"


def test_the_units_join_the_headers(tmp_path, cli):
    path = _ledger(tmp_path, [None, "户", "人", "㎡", "㎡", "个", "次", "人", "%"])
    _, out, _ = cli("inspect", path, "--json")
    sheet = json.loads(out)["sheets"][0]
    headers = {c["field"]: c["header"] for c in sheet["columns"]}
    assert headers["households"] == "常住户数（户）" and headers["satisfaction"] == "群众满意度（%）"
    assert sheet["header_rows"] == [2, 3] and sheet["rows_dropped"] == []
    _, out, _ = cli("check", path, "--format", "json")
    report = json.loads(out)
    assert [c["community"] for c in report["communities"]] == ["清一社区", "清二社区"]
    assert not any(w["code"] == "rows.no_community_name" for w in report["warnings"])


def test_a_points_unit_in_the_units_row_vetoes_the_percent_field(tmp_path, cli):
    path = _ledger(tmp_path, [None, "户", "人", "㎡", "㎡", "个", "次", "人", "分"])
    _, out, _ = cli("inspect", path, "--json")
    assert "satisfaction" not in {c["field"] for c in json.loads(out)["sheets"][0]["columns"]}


@pytest.mark.parametrize("units", [[None, "户", "人", "㎡", "㎡", "个", "次", "人", "%"], [None, "（户）", "（人）"]])
def test_read_without_it_the_units_row_is_dropped_silently(tmp_path, cli, units):
    path = _ledger(tmp_path, units)
    _, out, _ = cli("inspect", path, "--json", "--header-rows", "1")
    assert json.loads(out)["sheets"][0]["rows_dropped"] == [{"row": 3, "reason": "units row (户 人 ㎡…)"}]
    _, out, _ = cli("check", path, "--format", "json", "--header-rows", "1")
    report = json.loads(out)
    assert [c["community"] for c in report["communities"]] == ["清一社区", "清二社区"]
    assert not any(w["code"] == "rows.no_community_name" for w in report["warnings"])


def test_a_sparse_units_row_is_part_of_the_band(tmp_path, cli):
    # probe10 C6: 分 under 群众满意度 only, the rest blank — satisfaction 9.5 was read as 9.5 %, "short by 80.5".
    path = _ledger(tmp_path, [None] * 8 + ["分"])
    _, out, _ = cli("inspect", path, "--json")
    sheet = json.loads(out)["sheets"][0]
    assert sheet["header_rows"] == [2, 3] and sheet["rows_dropped"] == []
    assert "satisfaction" not in {c["field"] for c in sheet["columns"]}
    path = _ledger(tmp_path, [None, "（户）"] + [None] * 7)
    _, out, _ = cli("inspect", path, "--json")
    sheet = json.loads(out)["sheets"][0]
    headers = {c["field"]: c["header"] for c in sheet["columns"]}
    assert sheet["header_rows"] == [2, 3] and headers["households"] == "常住户数（户）"


def test_a_sparse_units_row_read_without_it_is_dropped(tmp_path, cli):
    path = _ledger(tmp_path, [None] * 8 + ["分"])
    _, out, _ = cli("inspect", path, "--json", "--header-rows", "1")
    assert json.loads(out)["sheets"][0]["rows_dropped"] == [{"row": 3, "reason": "units row (户 人 ㎡…)"}]
