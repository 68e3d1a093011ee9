"""A figure or answer merged over several communities is read for none of them; merged labels are filled down.

活动开展次数 merged over two communities (O5:O6) gave the second community the first one's count with no word.
Whose the value is — each one's, their total, the first one's — cannot be told, so each covered cell is
``invalid`` (``cell.merged_shared``) and one warning names the range (``rows.merged_figure``). A district or
street merged over a street's communities is a shared label and is still filled down silently.
Workbooks are written with openpyxl (tests/ledgers.py); expectations by hand.
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
from ledgers import HEADERS, community, write_ledger

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "city-ledger.xlsx"


def _merge(path: Path, *refs: str) -> Path:
    """``path`` with ``refs`` merged as Excel merges (only the top-left cell keeps its value)."""
    book = openpyxl.load_workbook(path)
    ws = book.active
    for ref in refs:
        ws.merge_cells(ref)
    book.save(path)
    return path


def _check(cli, path: Path) -> tuple[int, dict]:
    code, out, _ = cli("check", path, "--format", "json", "--all-findings", "--as-of", "2022-06-30")
    return code, json.loads(out)


def _finding(report: dict, name: str, indicator: str) -> dict:
    (c,) = [c for c in report["communities"] if c["community"] == name]
    return next(f for f in c["findings"] if f["indicator"] == indicator)


def test_a_count_merged_over_two_communities_of_the_sample_is_read_for_neither(cli, tmp_path):
    book = openpyxl.load_workbook(SAMPLE)
    book.active.merge_cells("O5:O6")  # 松林社区 14, 金色社区 16 → one cell showing 14
    book.save(tmp_path / "merged.xlsx")
    code, report = _check(cli, tmp_path / "merged.xlsx")
    assert code == 1
    for name, cell in (("松林社区", "O5"), ("金色社区", "O6")):
        f = _finding(report, name, "activities.per_year")
        assert (f["status"], f["actual"], f["cell"], f["raw"], f["reason_code"]) == (
            "invalid", None, cell, "14", "cell.merged_shared")
    (warning,) = [w for w in report["warnings"] if w["code"] == "rows.merged_figure"]
    assert (warning["sheet"], warning["cell"]) == ("台账", "O5:O6")
    assert warning["params"] | {"title": None} == {"range": "O5:O6", "n": 2, "title": None, "value": "14",
                                                  "rows": [5, 6]}
    assert warning["message"].startswith("O5:O6 是跨 2 个社区（第 5、6 行）的合并单元格：“活动开展次数”的值“14”")
    # Every other community reads as in the sample.
    assert _finding(report, "龙泉社区", "activities.per_year")["actual"] == 4


def test_merged_district_street_and_partner_are_filled_silently(cli, tmp_path):
    rows = [community(社区="甲社区", 帮扶单位="市民政局"), community(社区="乙社区", 区县=None, 街道=None, 帮扶单位=None),
            community(社区="丙社区", 区县=None, 街道=None, 帮扶单位=None)]
    path = _merge(write_ledger(tmp_path / "labels.xlsx", rows), "A3:A5", "B3:B5", "S3:S5")
    code, report = _check(cli, path)
    assert code == 0 and report["warnings"] == []
    assert [(c["district"], c["street"], c["community"], c["partner"]) for c in report["communities"]] == [
        ("宿城区", "古城街道", name, "市民政局") for name in ("甲社区", "乙社区", "丙社区")]


def test_a_yes_merged_over_three_communities_is_invalid_for_each_and_the_fourth_is_read(cli, tmp_path):
    rows = [community(社区=name) for name in ("甲社区", "乙社区", "丙社区", "丁社区")]
    hall = "K"
    assert HEADERS[ord(hall) - ord("A")] == "道德讲堂"
    path = _merge(write_ledger(tmp_path / "yes.xlsx", rows), "K3:K5")
    code, report = _check(cli, path)
    assert code == 1
    assert [_finding(report, n, "six.moral_lecture_hall")["status"] for n in ("甲社区", "乙社区", "丙社区", "丁社区")] == [
        "invalid", "invalid", "invalid", "met"]
    assert [w["cell"] for w in report["warnings"] if w["code"] == "rows.merged_figure"] == ["K3:K5"]


def test_a_merge_over_one_community_and_a_blank_row_is_that_communitys_value(cli, tmp_path):
    path = write_ledger(tmp_path / "one.xlsx", [community(社区="甲社区", 活动开展次数=9)])
    _merge(path, "O3:O4")  # row 4 is blank: not a community
    code, report = _check(cli, path)
    assert code == 0 and report["warnings"] == []
    assert _finding(report, "甲社区", "activities.per_year")["actual"] == 9


def test_a_blank_merged_figure_is_missing_for_each_without_a_warning(cli, tmp_path):
    rows = [community(社区="甲社区", 活动开展次数=None), community(社区="乙社区", 活动开展次数=None)]
    path = _merge(write_ledger(tmp_path / "blank.xlsx", rows), "O3:O4")
    code, report = _check(cli, path)
    assert code == 1 and report["warnings"] == []
    assert [_finding(report, n, "activities.per_year")["status"] for n in ("甲社区", "乙社区")] == ["missing", "missing"]
