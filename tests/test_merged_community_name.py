"""A community name merged over two rows (C4:C5 '乙社区') is the same community twice: treated like any
duplicate (the first row checked), and the warning names the range and the figures of the other row."""

from __future__ import annotations

import json

import openpyxl

from tests.ledgers import community, write_ledger


def _merged(tmp_path, second: dict) -> str:
    rows = [community(社区="甲社区"), community(社区="乙社区", 活动开展次数=3), community(社区=None, **second),
            community(社区="丙社区")]
    path = write_ledger(tmp_path / "merged.xlsx", rows)
    book = openpyxl.load_workbook(path)
    book.active.merge_cells("C4:C5")  # rows 4 and 5 (title, header, 甲社区 above)
    book.save(path)
    return str(path)


def test_a_merged_name_over_rows_with_different_figures_names_the_range_and_the_figures(cli, tmp_path) -> None:
    path = _merged(tmp_path, {"活动开展次数": 9, "户数": 1200})
    code, out, err = cli("check", path, "--format", "json", "--as-of", "2022-06-30")
    report = json.loads(out)
    assert [c["community"] for c in report["communities"]] == ["甲社区", "乙社区", "丙社区"]
    (said,) = [w for w in report["warnings"] if w["code"].startswith(("row.merged", "row.duplicate"))]
    assert said["code"] == "row.merged_community_differs" and said["cell"] == "C4:C5"
    assert (said["params"]["row"], said["params"]["first_row"]) == (5, 4)
    assert "C4:C5" in err and "第5行未检查" in err and "户数、活动开展次数" in err
    assert code == 1  # 乙社区 row 4: 3 activities, a shortfall, as for any duplicate's first row
    _code, _out, err = cli("check", path, "--lang", "en", "--as-of", "2022-06-30")
    assert "merged over several rows (C4:C5)" in err and "row 5 is not" in err


def test_a_merged_name_over_rows_with_the_same_figures_says_so(cli, tmp_path) -> None:
    path = _merged(tmp_path, {"活动开展次数": 3})
    _code, out, _err = cli("check", path, "--format", "json", "--as-of", "2022-06-30")
    codes = [w["code"] for w in json.loads(out)["warnings"] if w["code"].startswith(("row.merged", "row.duplicate"))]
    assert codes == ["row.merged_community"]


def test_the_figures_that_differ_under_a_merged_name_are_invalid_naming_both_cells(cli, tmp_path) -> None:
    # Row 4 says 9 activities (met), row 5 says 2: the community was compliant with exit 0 on row 4 alone.
    path = _merged(tmp_path, {"活动开展次数": 2})
    book = openpyxl.load_workbook(path)
    book.active["O4"] = 9
    book.save(path)
    code, out, _err = cli("check", path, "--format", "json", "--as-of", "2022-06-30", "--all-findings")
    report = json.loads(out)
    (yi,) = [c for c in report["communities"] if c["community"] == "乙社区"]
    (activities,) = [f for f in yi["findings"] if f["cell"] == "O4"]
    assert activities["status"] == "invalid" and activities["reason_code"] == "cell.merged_rows_differ"
    assert "O4“9”、O5“2”" in activities["reason"]
    assert all(f["status"] != "invalid" for f in yi["findings"] if f["cell"] != "O4")  # the same figures: read
    assert code == 1
    _code, _out, err = cli("check", path, "--as-of", "2022-06-30")
    assert "这几项按无效处理" in err
