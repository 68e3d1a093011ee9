"""Rows an xlsx hides are read (an office hides rows to print, not to delete) but said: a hidden, abolished
community was checked and sent a notice without a word (probe10 C3)."""

from __future__ import annotations

import json

import openpyxl
from ledgers import community, write_ledger


def _ledger(tmp_path, hide: tuple[int, ...]):
    rows = [community(社区=name) for name in ("甲社区", "丙社区（已撤并）", "乙社区", "丁社区")]
    path = write_ledger(tmp_path / "h.xlsx", rows)
    book = openpyxl.load_workbook(path)
    for row in hide:
        book.active.row_dimensions[row].hidden = True
    book.save(path)
    return path


def test_a_hidden_row_checked_as_a_community_is_warned_of(tmp_path, cli):
    _, out, err = cli("check", _ledger(tmp_path, (4, 6)), "--format", "json")
    report = json.loads(out)
    assert len(report["communities"]) == 4  # read, not dropped: hiding is no deletion
    (said,) = [w for w in report["warnings"] if w["code"] == "rows.hidden_checked"]
    assert said["cell"] == "C4" and said["params"]["rows"] == ["4", "6"]
    assert said["params"]["names"] == ["丙社区（已撤并）", "丁社区"]
    assert "第 4、6 行在表格中被隐藏，仍作为社区检查" in err


def test_no_hidden_row_no_warning(tmp_path, cli):
    # A hidden title row (above the header) is no community: nothing to say either.
    _, out, _ = cli("check", _ledger(tmp_path, (1,)), "--format", "json")
    assert not [w for w in json.loads(out)["warnings"] if w["code"] == "rows.hidden_checked"]
