"""File names capped in bytes and stable per 文号; index cells and stdout free of control characters."""

from __future__ import annotations

import csv
import sqlite3
from datetime import date

import openpyxl
import pytest

from creatio_cli.notices.draft import Notice
from creatio_cli.notices.files import NAME_BYTES, notice_stem, write_index
from tests.ledgers import HEADERS, write_ledger
from tests.notice_ledgers import behind, first_ledger, title
from tests.register_helpers import assert_consistent


def _notice(community: str, street: str = "古城街道", kind: str = "notice", seq: int = 7) -> Notice:
    return Notice(kind, f"创文办〔2022〕{seq}号", 2022, seq, "宿城区", street, community, "整改通知书", "办", "致：",
                  date(2022, 6, 30), date(2022, 7, 15), "", "", (), (), "", "", "")


@pytest.mark.parametrize("kind, tail", [("notice", ""), ("escalation", "_督办"), ("assignment", "_交办单")])
def test_long_names_fit_the_byte_budget_and_keep_number_and_kind(kind, tail):
    stem = notice_stem(_notice("长" * 120, street="街" * 90, kind=kind, seq=1234))
    assert len(f"{stem}.docx".encode()) <= NAME_BYTES
    assert stem.startswith("2022-1234_街") and stem.endswith(f"长{tail}")
    assert notice_stem(_notice("南关社区", kind=kind)) == f"2022-007_古城街道_南关社区{tail}"  # short names untouched


def test_long_names_with_four_byte_characters_are_cut_on_character_boundaries():
    stem = notice_stem(_notice("𠀀" * 100, street=""))  # CJK extension B: 4 bytes each in UTF-8
    name = f"{stem}.docx"
    assert len(name.encode()) <= NAME_BYTES
    name.encode("utf-8").decode("utf-8")  # no half character
    assert stem == notice_stem(_notice("𠀀" * 100, street=""))


def test_long_community_names_are_drafted_with_short_unique_stable_names(tmp_path, cli):
    """72+ CJK characters used to make a name over 255 bytes and abort the run (exit 2, files left)."""
    long_a, long_b = "长" * 72 + "甲社区", "长" * 72 + "乙社区"
    street = "很长的街道名称" * 6
    ledger = write_ledger(tmp_path / "l.xlsx", [behind(long_a, street), behind(long_b, street), behind("南关社区")],
                          title=title("2022年6月30日"))
    out = tmp_path / "out"
    code, _, err = cli("notices", "draft", ledger, "--output", out)
    assert code == 1, err
    found = assert_consistent(out)
    names = [r[3] for r in found]
    assert len(set(names)) == 3 and all(len(n.encode()) <= NAME_BYTES for n in names)
    assert names[2] == "2022-003_古城街道_南关社区.docx"
    code, _, _ = cli("notices", "draft", ledger, "--output", out)
    assert code == 1 and [r[3] for r in assert_consistent(out)] == names  # a rerun keeps every name


def test_a_rerun_keeps_the_file_name_its_row_has(tmp_path, cli):
    """Names are stable per 文号: a row written under an earlier naming rule keeps its file on a rerun."""
    ledger = first_ledger(tmp_path / "l.xlsx")
    out = tmp_path / "out"
    cli("notices", "draft", ledger, "--output", out)
    (out / "2022-001_古城街道_南关社区.docx").rename(out / "2022-001_南关.docx")
    (out / "2022-001_古城街道_南关社区.md").rename(out / "2022-001_南关.md")
    with sqlite3.connect(out / "register.sqlite") as db:
        db.execute("UPDATE notices SET file = '2022-001_南关.docx' WHERE seq = 1")
    code, _, _ = cli("notices", "draft", ledger, "--output", out)
    assert code == 1
    assert assert_consistent(out)[0][3] == "2022-001_南关.docx"
    # an unsafe name in the register is not followed: the notice gets its computed name
    with sqlite3.connect(out / "register.sqlite") as db:
        db.execute("UPDATE notices SET file = '../../2022-001_x.docx' WHERE seq = 1")
    cli("notices", "draft", ledger, "--output", out)
    assert not (tmp_path / "2022-001_x.docx").exists()
    assert (out / "2022-001_古城街道_南关社区.docx").is_file()


def test_index_cells_have_no_control_characters(tmp_path):
    notices = [(_notice("南关\x00社区\x1b[31m\x07", street="古城\t街道\u202e"), "a.docx"),
               (_notice("=1+1\x7f", seq=8), "b.docx")]
    write_index(tmp_path, notices)
    with open(tmp_path / "index.csv", encoding="utf-8-sig", newline="") as handle:
        data = list(csv.reader(handle))
    assert data[1][3:5] == ["古城 街道", "南关社区[31m"]
    assert data[2][4] == "'=1+1"  # still neutralised after cleaning
    sheet = openpyxl.load_workbook(tmp_path / "index.xlsx").active
    cells = [str(c.value) for row in sheet.iter_rows() for c in row]
    assert "南关社区[31m" in cells and "古城 街道" in cells
    assert not any(ord(ch) < 32 or 0x7F <= ord(ch) <= 0x9F or ch == "\u202e" for text in cells for ch in text)
    assert "_x00" not in "".join(cells)  # xlsxwriter's escape for control characters


def test_control_characters_from_a_ledger_stay_out_of_index_and_stdout(tmp_path, cli):
    path = tmp_path / "l.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([title("2022年6月30日")])
        writer.writerow(HEADERS)
        for name in ("南关\x1b[2J社区\x07", "北关社区\x7f\u202e"):
            row = behind(name)
            writer.writerow([row.get(h) for h in HEADERS])
    out = tmp_path / "out"
    code, stdout, _ = cli("notices", "draft", path, "--output", out)
    assert code == 1
    with open(out / "index.csv", encoding="utf-8-sig", newline="") as handle:
        communities = [r[4] for r in csv.reader(handle)][1:]
    assert communities == ["南关[2J社区", "北关社区"]
    lines = stdout.splitlines()
    assert len(lines) == 3 and all(line.count("\t") == 3 for line in lines)
    assert not any((ord(ch) < 32 and ch != "\t") or ch in "\x7f\u202e" for ch in stdout.replace("\n", ""))
