"""Several ledger sheets in one workbook: sheets of different periods are never merged; sheets of one date are.

A workbook holding "2021年" beside "2022年" (the same communities, a year apart) used to be read as one ledger:
the earlier sheet won every community, its date became the as-of date, and each 2022 row was a duplicate
warning that named no sheet. Workbooks are built with openpyxl (tests/ledgers.py); expectations by hand.
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from ledgers import GOOD, HEADERS, community, write_ledger

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "city-ledger.xlsx"
TITLE = "宿迁市{year}年社区创建工作台账（截至{date}）"


def _two_years(path: Path) -> Path:
    """The sample as sheet "2022年" and, before it, a "2021年" copy dated 2021-12-31 with every 道德讲堂 = 否."""
    book = openpyxl.load_workbook(SAMPLE)
    now = book["台账"]
    now.title = "2022年"
    old = book.create_sheet("2021年", 0)
    hall = HEADERS.index("道德讲堂")
    for r, row in enumerate(now.iter_rows(values_only=True), 1):
        values = list(row)
        if r == 1:
            values[0] = str(values[0]).replace("2022年6月30日", "2021年12月31日").replace("2022年城市", "2021年城市")
        elif r > 2:
            values[hall] = "否"
        old.append(values)
    old.merge_cells("A1:T1")
    book.save(path)
    return path


def _sheets(path: Path, sheets: dict[str, tuple[str | None, list[dict[str, object]]]]) -> Path:
    """A workbook with one sheet per entry: name → (title or None, rows)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, (title, rows) in sheets.items():
        ws = book.create_sheet(name)
        if title:
            ws.append([title])
        ws.append(HEADERS)
        for row in rows:
            ws.append([row.get(h) for h in HEADERS])
    book.save(path)
    return path


def test_year_sheets_of_different_dates_are_refused_naming_each_sheet_and_date(cli, tmp_path):
    path = _two_years(tmp_path / "two-years.xlsx")
    code, out, err = cli("check", path, "--format", "json")
    assert code == 2 and out == ""
    assert "「2021年」截至 2021-12-31、「2022年」截至 2022-06-30" in err
    assert '--sheet "2022年"' in err  # the latest sheet, as the example to copy
    code, _, err = cli("check", path, "--lang", "en")
    assert code == 2
    assert "“2021年” as of 2021-12-31, “2022年” as of 2022-06-30" in err and "--sheet" in err


def test_sheet_option_picks_one_period_as_if_alone(cli, tmp_path):
    path = _two_years(tmp_path / "two-years.xlsx")
    code, out, _ = cli("check", path, "--sheet", "2022年", "--format", "json")
    assert code == 1
    now = json.loads(out)
    code, out, _ = cli("check", SAMPLE, "--format", "json")
    alone = json.loads(out)
    assert now["as_of"] == alone["as_of"] == "2022-06-30"
    assert now["summary"]["compliant"] == alone["summary"]["compliant"] == 34
    assert now["summary"]["behind_schedule"] == alone["summary"]["behind_schedule"] == 9
    assert not [w for w in now["warnings"] if w["code"] == "row.duplicate_community"]
    code, out, _ = cli("check", path, "--sheet", "2021年", "--format", "json")
    before = json.loads(out)
    assert before["as_of"] == "2021-12-31" and len(before["communities"]) == 66


def test_sheet_names_of_different_years_are_refused_without_dated_titles(cli, tmp_path):
    path = _sheets(tmp_path / "y.xlsx", {"2021年台账": (None, [community()]), "2022年台账": (None, [community()])})
    code, _, err = cli("check", path, "--as-of", "2022-06-30")
    assert code == 2 and "「2021年台账」2021 年、「2022年台账」2022 年" in err and '--sheet "2022年台账"' in err


def test_street_sheets_of_one_date_are_read_together(cli, tmp_path):
    title = TITLE.format(year=2022, date="2022年6月30日")
    path = _sheets(tmp_path / "streets.xlsx", {
        "古城街道": (title, [community(街道="古城街道", 社区="甲社区")]),
        "幸福街道": (title, [community(街道="幸福街道", 社区="乙社区")]),
        "项里街道": (None, [community(街道="项里街道", 社区="丙社区")]),  # no title: no date to differ
    })
    code, out, _ = cli("check", path, "--format", "json")
    report = json.loads(out)
    assert code == 0 and report["as_of"] == "2022-06-30"
    assert [(c["community"], c["source"]["sheet"]) for c in report["communities"]] == [
        ("甲社区", "古城街道"), ("乙社区", "幸福街道"), ("丙社区", "项里街道")]


def test_a_data_less_sheet_of_another_date_neither_refuses_nor_dates_the_check(cli, tmp_path):
    # A blank next-year template beside the filled sheet: no rows, so no period of data to confuse.
    path = _sheets(tmp_path / "t.xlsx", {
        "2022年": (TITLE.format(year=2022, date="2022年6月30日"), [community()]),
        "2023年": (TITLE.format(year=2021, date="2021年12月31日"), []),
    })
    code, out, _ = cli("check", path, "--format", "json")
    assert code == 0 and json.loads(out)["as_of"] == "2022-06-30"


def test_duplicate_across_sheets_names_both_sheets_and_rows(cli, tmp_path):
    title = TITLE.format(year=2022, date="2022年6月30日")
    path = _sheets(tmp_path / "dup.xlsx", {
        "一片": (title, [community(社区="甲社区"), community(社区="乙社区")]),
        "二片": (title, [community(社区="丙社区"), community(社区="甲社区", 户数=5000)]),
    })
    code, out, _ = cli("check", path, "--format", "json")
    report = json.loads(out)
    assert code == 0 and [c["community"] for c in report["communities"]] == ["甲社区", "乙社区", "丙社区"]
    (dup,) = [w for w in report["warnings"] if w["code"] == "row.duplicate_community"]
    assert (dup["file"], dup["sheet"], dup["cell"]) == (str(path), "二片", "C4")
    assert dup["params"] | {"file": "", "first_file": ""} == {
        "key": "宿城区/古城街道/甲社区", "file": "", "sheet": "二片", "row": 4, "first_file": "", "first_sheet": "一片",
        "first_row": 3}
    assert dup["message"] == f"社区重复：宿城区/古城街道/甲社区（[二片] 第4行），只检查一次，取自 {path} [一片] 第3行"


def test_score_skips_a_workbook_of_two_periods_with_its_reason(cli, tmp_path):
    folder = tmp_path / "week"
    folder.mkdir()
    _two_years(folder / "a.xlsx")
    write_ledger(folder / "b.xlsx", [community(社区="乙社区")])
    code, out, _ = cli("score", folder, "--format", "json")
    report = json.loads(out)
    assert code == 1
    assert [c["community"] for c in report["communities"]] == ["乙社区"]
    skipped = {Path(f["path"]).name: f for f in report["files"]}["a.xlsx"]
    assert skipped["status"] == "skipped" and "2021-12-31" in skipped["reason"]


def _stacked(path, second_title: str, merged: bool = False) -> None:
    """One sheet: the sample's ledger under a 2021 title, then a blank row, a second title and header, and
    the same communities again (道德讲堂 否 in the first block only)."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "台账"
    names = ["东风社区", "西湖社区", "南山社区"]
    ws.append(["宿迁市2021年社区创建工作台账（截至2021年12月31日）"])
    ws.append(HEADERS)
    for name in names:
        ws.append([{**GOOD, "社区": name, "道德讲堂": "否"}.get(h) for h in HEADERS])
    ws.append([])
    ws.append([second_title])
    if merged:  # as offices merge every title: filled across, it sat in the community column
        ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=len(HEADERS))
    ws.append(HEADERS)
    for name in names:
        ws.append([{**GOOD, "社区": name}.get(h) for h in HEADERS])
    book.save(path)


@pytest.mark.parametrize("merged", [False, True])
def test_blocks_of_different_periods_stacked_in_one_sheet_are_refused(cli, tmp_path, merged):
    """Read together, the 2021 block won every community and set the as-of date: refused, naming both
    blocks with the row each starts on and its date. A merged block title is a title, never a community."""
    path = tmp_path / "stacked.xlsx"
    _stacked(path, "宿迁市2022年社区创建工作台账（截至2022年6月30日）", merged)
    code, out, err = cli("check", path, "--format", "json")
    assert code == 2 and out == ""
    assert "第 1 行起截至 2021-12-31" in err and "第 7 行起截至 2022-06-30" in err and "--sheet" in err


@pytest.mark.parametrize("merged", [False, True])
def test_blocks_of_one_period_stacked_in_one_sheet_are_still_read(cli, tmp_path, merged):
    path = tmp_path / "stacked.xlsx"
    _stacked(path, "宿迁市2021年社区创建工作台账（截至2021年12月31日）续表", merged)
    code, out, err = cli("check", path, "--format", "json")
    assert code in (0, 1), err
    report = json.loads(out)
    assert report["as_of"] == "2021-12-31"
    assert sorted(c["community"] for c in report["communities"]) == ["东风社区", "南山社区", "西湖社区"]
