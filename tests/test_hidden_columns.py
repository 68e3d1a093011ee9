"""A hidden old column beside the visible one makes a field ambiguous: the warning says which is hidden
(the reader takes hidden columns from the xlsx's <cols>), and still picks neither (QA probe10 M4)."""

from __future__ import annotations

import json

import openpyxl
from ledgers import HEADERS, community

from creatio_cli.ledger.reader import read_workbook


def _ledger(path, hide: str | None):
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "台账"
    at = HEADERS.index("社区综合服务设施面积（㎡）")
    headers = [*HEADERS[:at], "服务设施面积（㎡）", "服务设施面积（㎡）", *HEADERS[at + 1:]]
    ws.append(["宿迁市2022年社区创建工作台账（截至2022年6月30日）"])
    ws.append(headers)
    for name in "甲乙丙":
        row = community(社区=f"{name}社区")
        area = row["社区综合服务设施面积（㎡）"]
        ws.append([*(row[h] for h in HEADERS[:at]), 100, area, *(row[h] for h in HEADERS[at + 1:])])
    if hide:
        ws.column_dimensions[hide].hidden = True
    book.save(path)
    return path


def test_the_reader_knows_which_columns_are_hidden(tmp_path):
    sheet = read_workbook(_ledger(tmp_path / "l.xlsx", "F")).sheets[0]
    assert [c for c in range(8) if sheet.column_hidden(c)] == [5]
    sheet = read_workbook(_ledger(tmp_path / "m.xlsx", None)).sheets[0]
    assert not any(sheet.column_hidden(c) for c in range(30))


def test_the_ambiguity_warning_names_the_hidden_column_and_picks_neither(cli, tmp_path):
    path = _ledger(tmp_path / "l.xlsx", "F")
    code, out, err = cli("check", path, "-f", "json")
    report = json.loads(out)
    (warning,) = [w for w in report["warnings"] if w["code"] == "header.ambiguous"]
    assert warning["params"]["hidden"] == {"code": "label.hidden_columns_note", "params": {"letters": ["F"]}}
    assert "（其中 F 列是隐藏列）" in warning["message"]
    assert any(u["field"] == "service_area" for u in report["unassessed"])  # not the visible one by itself
    assert code == 1
    _code, _out, err = cli("check", path, "--lang", "en")
    assert "(column F hidden in the workbook)" in err


def test_no_hidden_column_no_note(cli, tmp_path):
    _code, out, _err = cli("check", _ledger(tmp_path / "l.xlsx", None), "-f", "json")
    (warning,) = [w for w in json.loads(out)["warnings"] if w["code"] == "header.ambiguous"]
    assert warning["params"]["hidden"] == "" and "隐藏" not in warning["message"]
