"""Reading real ledgers: sheet roles, header bands, competing columns, rows, cell-traced warnings, inspect.

Workbooks are built here with openpyxl (tests/ledgers.py); expected values are written by hand.
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ledgers import GOOD, HEADERS, community, write_ledger

from creatio_cli.ledger.load import load_ledger

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def expected_fails() -> dict[tuple[str, str, str], list[str]]:
    """The designed verdicts of the Suqian samples (shortfalls and missing values), from the generator."""
    data = json.loads((SAMPLES / "city-ledger.expected.json").read_text("utf-8"))
    return {(c["district"], c["street"], c["community"]): sorted(c["fails"]) for c in data["communities"]}


@pytest.mark.parametrize("name", ["city-ledger.xlsx", "city-ledger-office.xlsx"])
def test_samples_give_the_designed_verdicts(cli, name):
    code, out, _ = cli("check", SAMPLES / name, "--format", "json")
    assert code == 1
    report = json.loads(out)
    assert report["as_of"] == "2022-06-30"
    got = {(c["district"], c["street"], c["community"]):
           sorted(f["indicator"] for f in c["findings"] if f["status"] in ("shortfall", "missing", "invalid"))
           for c in report["communities"]}
    assert got == expected_fails()


def test_office_sample_inspection_lists_what_was_dropped(cli):
    code, out, _ = cli("inspect", SAMPLES / "city-ledger-office.xlsx", "--json")
    assert code == 0
    report = json.loads(out)
    roles = {s["sheet"]: s["role"] for s in report["sheets"]}
    assert roles == {"台账": "ledger", "填表说明": "instructions", "辅助": "hidden"}
    ledger = report["sheets"][0]
    assert ledger["header_rows"] == [3, 4] and ledger["rows_kept"] == 66
    reasons = [d["reason"] for d in ledger["rows_dropped"]]
    assert reasons.count("column-number row") == 1
    assert reasons.count("total row (小计/合计)") == 12  # 11 streets' 小计 and one 合计
    assert reasons.count("footer") == 2
    by_field = {c["field"]: c for c in ledger["columns"]}
    assert by_field["service_area"]["header"] == "社区综合服务设施/总面积（㎡）"
    assert by_field["activity_area"]["cell"] == "I"
    assert report["as_of_hint"] == "2022-06-30"


def _values(path: Path, **kw) -> dict[str, dict[str, object]]:
    from creatio_cli.standards import load_standard

    ledger = load_ledger(path, load_standard("liugeyi-sidabiao"), **kw)
    frame = ledger.frame
    return {row["community"]: row for row in frame.to_dict("records")}


def test_competing_columns_use_the_precedence_and_say_so(tmp_path, cli):
    headers = [*HEADERS[:3], "总户数", "常住户数", "户籍人口", "常住人口", *HEADERS[5:]]
    row = community(总户数=3000, 常住户数=1000, 户籍人口=9000, 常住人口=2800)
    path = write_ledger(tmp_path / "two.xlsx", [row], headers=headers)
    code, out, _ = cli("check", path, "--format", "json", "--all-findings")
    report = json.loads(out)
    area = next(f for f in report["communities"][0]["findings"] if f["indicator"] == "area.per_100_households")
    assert area["required"] == pytest.approx(300)  # 0.30 × 常住户数 1000, not × 总户数 3000
    messages = {w["cell"]: w["message"] for w in report["warnings"]}
    assert "E列「常住户数」" in messages["E2"] and "D列「总户数」" in messages["E2"] and "采用E列" in messages["E2"]
    assert "G列「常住人口」" in messages["G2"] and "F列「户籍人口」" in messages["G2"] and "采用G列" in messages["G2"]
    code, out, _ = cli("inspect", path, "--json")
    competing = {c["field"]: (c["used"]["cell"], c["ignored"]["cell"]) for c in json.loads(out)["sheets"][0]["competing"]}
    assert competing == {"households": ("E", "D"), "population": ("G", "F")}
    code, out, _ = cli("inspect", path)
    assert code == 0
    assert "采用 E「常住户数」，未用 D「总户数」" in out


def test_range_warning_reaches_the_report_with_its_cell(tmp_path, cli):
    rows = [community(社区="甲社区"), community(社区="乙社区", **{"社区综合服务设施面积（㎡）": "400-450"})]
    path = write_ledger(tmp_path / "range.xlsx", rows)  # title row 1, header row 2, 乙社区 on row 4
    code, out, _ = cli("check", path, "--format", "json")
    warnings = json.loads(out)["warnings"]
    assert {"file": str(path), "sheet": "台账", "cell": "F4", "message": "区间“400-450”按下限400计",
            "code": "cell.range_lower_bound", "params": {"raw": "400-450", "low": "400"}} in warnings
    code, out, _ = cli("inspect", path)
    assert code == 0
    assert "F4  区间“400-450”按下限400计" in out


def test_missing_community_column_is_exit_2_with_a_short_message(tmp_path, cli):
    headers = ["区县", "街道", "名称", "户数", "常住人口"]
    path = write_ledger(tmp_path / "nocom.xlsx", [{"区县": "宿城区", "街道": "古城街道", "名称": "幸福", "户数": 9}],
                        headers=headers)
    code, out, err = cli("check", path)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert "未找到社区列" in err and "社区名称" in err and "第2行读到的表头：区县、街道、名称" in err
    code, out, err = cli("inspect", path)
    assert code == 2
    assert "名称" in out and "社区（居委会）" in out and "点位名称" in out


def _two_row_group_book(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["区县", "街道", "社区", "户数", "党群服务中心", None, "功能室（个）"])
    ws.append([None, None, None, None, "建筑面积（平方米）", "活动用房", None])
    for c in (1, 2, 3, 4, 7):
        ws.merge_cells(start_row=1, start_column=c, end_row=2, end_column=c)
    ws.merge_cells("E1:F1")
    ws.append(["宿城区", "古城街道", "幸福社区", 1000, 420, 300, 7])
    wb.save(path)
    return path


def test_header_rows_option_overrides_the_detected_band(tmp_path, cli):
    path = _two_row_group_book(tmp_path / "band.xlsx")
    code, out, _ = cli("inspect", path, "--json")
    sheet = json.loads(out)["sheets"][0]
    assert sheet["header_rows"] == [1, 2]
    fields = {c["field"]: c["header"] for c in sheet["columns"]}
    assert fields["service_area"] == "党群服务中心/建筑面积（平方米）"
    assert fields["activity_area"] == "党群服务中心/活动用房"
    # Forced to one row, the band is the row that maps most: row 2 (the merged key cells reach it). Without
    # its group, 建筑面积 alone is no longer the service area (any room has one): only suggested.
    code, out, _ = cli("inspect", path, "--json", "--header-rows", "1")
    assert code == 0
    sheet = json.loads(out)["sheets"][0]
    assert sheet["header_rows"] == [2]
    assert "activity_area" in {c["field"] for c in sheet["columns"]}
    missing = {m["field"]: m for m in sheet["missing_fields"]}
    assert [c["cell"] for c in missing["service_area"]["closest"]] == ["E"]


def test_sheet_option_reads_only_that_sheet_even_hidden(tmp_path):
    wb = openpyxl.Workbook()
    first = wb.active
    first.title = "甲"
    for ws, name, area in ((first, "甲社区", 400), (wb.create_sheet("乙"), "乙社区", 500)):
        ws.append(HEADERS)
        ws.append([community(社区=name, **{"社区综合服务设施面积（㎡）": area}).get(h) for h in HEADERS])
    wb["乙"].sheet_state = "hidden"
    wb.save(tmp_path / "two.xlsx")
    assert set(_values(tmp_path / "two.xlsx")) == {"甲社区"}  # the hidden sheet is skipped
    only = _values(tmp_path / "two.xlsx", sheet="乙")
    assert set(only) == {"乙社区"} and only["乙社区"]["service_area"] == 500


def test_sheet_option_on_the_command_line(tmp_path, cli):
    wb = openpyxl.Workbook()
    wb.active.title = "说明"
    wb.active.append(["填表说明：每个社区一行。"])
    ws = wb.create_sheet("台账")
    ws.append(HEADERS)
    ws.append([community(社区="乙社区").get(h) for h in HEADERS])
    wb.save(tmp_path / "s.xlsx")
    code, out, _ = cli("check", tmp_path / "s.xlsx", "--sheet", "台账", "--as-of", "2022-06-30", "--format", "json")
    assert code == 0 and [c["community"] for c in json.loads(out)["communities"]] == ["乙社区"]
    code, _, err = cli("check", tmp_path / "s.xlsx", "--sheet", "说明", "--as-of", "2022-06-30")
    assert code == 2 and "未找到社区列" in err
    code, _, err = cli("check", tmp_path / "s.xlsx", "--sheet", "无此表")
    assert code == 2 and "无此表" in err


def test_one_sheet_per_street_is_read_whole_and_names_the_street(tmp_path):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    headers = [h for h in HEADERS if h != "街道"]
    for street in ("古城街道", "幸福街道", "洋河镇"):
        ws = wb.create_sheet(street)
        ws.append([f"{street}社区创建台账"])
        ws.append(headers)
        ws.append([community(社区="同名社区").get(h) for h in headers])
    wb.create_sheet("填表说明").append(["说明：每个社区一行。"])
    wb.save(tmp_path / "streets.xlsx")
    from creatio_cli.standards import load_standard

    ledger = load_ledger(tmp_path / "streets.xlsx", load_standard("liugeyi-sidabiao"))
    assert list(ledger.frame["street"]) == ["古城街道", "幸福街道", "洋河镇"]
    assert list(ledger.frame["_sheet"]) == ["古城街道", "幸福街道", "洋河镇"]
    assert not any(w.message.params.get("field") == "street" for w in ledger.warnings
                   if w.code == "header.field_not_found")


def test_rows_totals_anywhere_footer_and_blank_rows(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["幸福区社区台账"])
    ws.append(["填报单位（盖章）：幸福区民政局", None, None, "填报日期：2022年6月30日"])
    ws.append(HEADERS)
    ws.append(["合计", None, None, 3000])  # right under the header
    ws.append([community(社区="甲社区", 备注="面积已合计").get(h) for h in HEADERS])
    ws.append([])
    ws.append([None, "古城街道小计", None, 1000])
    ws.append([community(社区="乙社区").get(h) for h in HEADERS])
    ws.append(["全区总计", None, None, 2000])
    ws.append(["注：本表面积单位为平方米。"])
    ws.append([community(社区="表尾后").get(h) for h in HEADERS])
    wb.save(tmp_path / "rows.xlsx")
    values = _values(tmp_path / "rows.xlsx")
    assert set(values) == {"甲社区", "乙社区"}  # 甲社区's remark says 合计: still a community


def test_header_after_a_long_preamble_with_breaks_full_width_and_units(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    for i in range(45):
        ws.append([f"第{i + 1}条 工作要求：各社区按时报送。"])
    ws.append(["区　县", "街道\n名称", "社区\n（居委会）", "户 数", "常住人口（人）", "社区综合服务设施面积（ｍ²）",
               "居民活动用房面积(平方米)", "功能室数量（个）"])
    ws.append(["宿城区", "古城街道", "幸福社区", "１，０００", 2800, "400㎡", 300, 7])
    wb.save(tmp_path / "late.xlsx")
    values = _values(tmp_path / "late.xlsx")
    row = values["幸福社区"]
    assert (row["district"], row["street"], row["_row"]) == ("宿城区", "古城街道", 47)
    assert (row["households"], row["service_area"], row["activity_area"], row["function_rooms"]) == (1000, 400, 300, 7)


def test_group_header_without_merge_information_in_csv(tmp_path):
    lines = ["区县,街道,社区,户数,社区综合服务设施,,功能室数量",
             ",,,,总面积（㎡）,其中居民活动（㎡）,",
             "宿城区,古城街道,幸福社区,1000,420,300,7"]
    (tmp_path / "g.csv").write_text("\n".join(lines), encoding="utf-8")
    row = _values(tmp_path / "g.csv")["幸福社区"]
    assert (row["service_area"], row["activity_area"], row["function_rooms"]) == (420, 300, 7)


def test_inspect_in_english_and_chinese(tmp_path, cli, monkeypatch):
    monkeypatch.delenv("COLUMNS", raising=False)  # one line per field, as in a pipe (xdist workers set COLUMNS)
    path = write_ledger(tmp_path / "l.xlsx", [dict(GOOD)], headers=[*HEADERS, "联系电话"])
    code, zh, _ = cli("inspect", path)
    code_en, en, _ = cli("inspect", path, "--lang", "en")
    assert code == code_en == 0
    assert "工作表「台账」 — 台账" in zh and "表头：第 2 行" in zh and "U「联系电话」 （不对应任何字段）" in zh
    assert "header: row(s) 2" in en and "U “联系电话” (no field)" in en and "community Community" in en
    assert "「" not in en and "」" not in en  # Chinese corner brackets only in Chinese
    assert "as-of date in the title rows: 2022-06-30" in en


PROPERTY_ALIASES = {  # a hand-picked part of domain.md's alias table
    "district": ["区县", "区（县）", "所属区"], "street": ["街道", "所属街道", "镇街"],
    "community": ["社区", "社区名称", "点位名称"], "households": ["户数", "居民户数", "辖区户数（户）"],
    "population": ["常住人口", "人口数（人）"], "function_rooms": ["功能室数量", "功能室（个）"],
    "activities": ["活动开展次数", "本年累计开展活动（场次）"], "partner": ["帮扶单位", "包联单位"],
}


@settings(max_examples=60, deadline=None)
@given(order=st.permutations(list(PROPERTY_ALIASES)), picks=st.lists(st.integers(0, 2), min_size=8, max_size=8),
       preamble=st.integers(0, 12), spaced=st.booleans())
def test_header_band_is_found_under_any_preamble_order_and_spelling(order, picks, preamble, spaced):
    from creatio_cli.ledger.header import column_letter, find_band
    from creatio_cli.ledger.matcher import Matcher
    from creatio_cli.ledger.reader import RawSheet
    from creatio_cli.standards import load_standard

    headers = []
    for name, pick in zip(order, picks, strict=True):
        alias = PROPERTY_ALIASES[name][pick % len(PROPERTY_ALIASES[name])]
        headers.append(" ".join(alias) if spaced else alias)  # "社 区 名 称" still reads as 社区名称
    rows: list[list[object]] = [[f"第{i + 1}条 本表按月报送，数据截至月底。"] for i in range(preamble)]
    rows += [headers, ["宿城区" if n == "district" else 1200.0 for n in order]]
    band = find_band(RawSheet("台账", rows), Matcher(load_standard("liugeyi-sidabiao")))
    assert band is not None and (band.start, band.height) == (preamble, 1)
    assert {m.field: m.letter for m in band.mapping} == {n: column_letter(i) for i, n in enumerate(order)}
