"""An explicit mapping says when it overrules a unit; a community column of numbers is refused; and the
messages about headers say what was read: every header, two community headers, a hidden ledger sheet."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest

from tests.ledgers import HEADERS, community, write_ledger

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "city-ledger.xlsx"


def warnings_of(cli, path, *args):
    code, out, err = cli("check", path, "--format", "json", *args)
    return code, json.loads(out)["warnings"], err


# ---- --map over a unit that contradicts the field ------------------------------------------------------

def test_mapping_a_percent_column_to_an_area_warns(cli):
    code, warnings, _ = warnings_of(cli, SAMPLE, "--map", "群众满意度（%）=service_area")
    (over,) = [w for w in warnings if w["code"] == "mapping.overrules_veto"]
    assert over["params"]["letter"] == "R" and over["params"]["header"] == "群众满意度（%）"
    assert "百分比" in over["message"] and "面积" in over["message"]
    assert code == 1


def test_mapping_a_column_of_its_own_unit_does_not_warn(cli, tmp_path):
    headers = [h if h != "活动开展次数" else "上级交办活动（次）" for h in HEADERS]
    row = {("上级交办活动（次）" if k == "活动开展次数" else k): v for k, v in community().items()}
    path = write_ledger(tmp_path / "l.xlsx", [row], headers=headers)
    _code, warnings, _ = warnings_of(cli, path, "--map", "上级交办活动（次）=activities")
    assert not [w for w in warnings if w["code"] == "mapping.overrules_veto"]


# ---- a community column that holds numbers ------------------------------------------------------------

def test_mapping_households_as_the_community_is_refused_naming_both_columns(cli):
    code, _out, err = cli("check", SAMPLE, "--map", "户数=community")
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "D列「户数」被用作社区列" in err and "66 个取值中 66 个是数字" in err and "2580" in err
    assert "C列「社区」" in err
    code, _out, err = cli("check", SAMPLE, "--map", "户数=community", "--lang", "en")
    assert code == 2 and "column D (“户数”) is used as the community column" in err


def test_community_names_with_numbers_in_them_are_names(cli, tmp_path):
    rows = [community(社区=name) for name in ("1号社区", "2号社区", "3号社区")]
    code, _out, _err = cli("check", write_ledger(tmp_path / "l.xlsx", rows), "--format", "json")
    assert code == 0


# ---- messages about headers ---------------------------------------------------------------------------

def test_nothing_assessable_lists_the_headers_it_read(cli, tmp_path):
    headers = ["区县", "街道", "社区", "备注"]
    path = write_ledger(tmp_path / "l.xlsx", [community(社区=f"{n}社区") for n in "甲乙丙"], headers=headers)
    code, _out, err = cli("check", path)
    assert code == 2 and "读到的表头：区县、街道、社区、备注；" in err and "—" not in err
    _code, _out, err = cli("check", path, "--lang", "en")
    assert "headers read: 区县, 街道, 社区, 备注;" in err


def _two_community_columns(tmp_path: Path, second) -> Path:
    path = tmp_path / "two.xlsx"
    shutil.copy(SAMPLE, path)
    book = openpyxl.load_workbook(path)
    ws = book["台账"]
    ws.insert_cols(4)
    ws.cell(2, 4, "社区名称")
    for r in range(3, ws.max_row + 1):
        name = ws.cell(r, 3).value
        if isinstance(name, str):
            ws.cell(r, 4, second(name))
    book.save(path)
    return path


@pytest.mark.parametrize(("second", "why"), [(lambda name: None, "只有C列的取值是社区名称"),
                                             (lambda name: name, "两列取值相同")], ids=["blank", "same"])
def test_two_community_headers_are_said_to_be_two(cli, tmp_path, second, why):
    code, warnings, _ = warnings_of(cli, _two_community_columns(tmp_path, second))
    assert code == 1
    assert not [w for w in warnings if w["code"] == "header.community_by_values"]  # "no header names it": false
    (two,) = [w for w in warnings if w["code"] == "header.community_two_columns"]
    assert "两列表头都写明是社区列：C列「社区」和 D「社区名称」" in two["message"] and why in two["message"]
    assert "按C列读取" in two["message"]


def test_two_community_headers_that_disagree_are_refused_asking_for_map(cli, tmp_path):
    path = _two_community_columns(tmp_path, lambda name: "新" + name)
    code, _out, err = cli("check", path)
    assert code == 2 and "2 列表头都写明是社区列：C「社区」、D「社区名称」" in err and "--map" in err
    assert "未找到社区列" not in err
    code, _out, _err = cli("check", path, "--map", "社区名称=community", "--format", "json")
    assert code == 1  # the user's choice is read


def test_a_hidden_ledger_sheet_is_named_with_the_sheet_option(cli, tmp_path):
    path = write_ledger(tmp_path / "l.xlsx", [community(社区=f"{n}社区") for n in "甲乙丙"])
    book = openpyxl.load_workbook(path)
    book["台账"].sheet_state = "hidden"
    notes = book.create_sheet("填表说明", 0)
    notes.append(["填表说明：请按实际情况填写"])
    book.active = 0
    book.save(path)
    code, _out, err = cli("check", path)
    assert code == 2 and "隐藏的工作表「台账」像是台账" in err and "--sheet 台账" in err
    assert "没有工作表有表头行" not in err
    code, _out, err = cli("check", path, "--lang", "en")
    assert "the hidden sheet “台账” looks like one" in err and "add --sheet 台账" in err
    code, _out, _err = cli("check", path, "--sheet", "台账", "--format", "json")
    assert code == 0
