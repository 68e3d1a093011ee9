"""Exports never turn a community's name (or a raw cell) into a formula for the next person who opens them.

A text starting with ``=``, ``+``, ``-``, ``@``, tab or CR must reach csv and md prefixed with ``'`` and
xlsx as a string cell (design.md, "Safety rules"). Depends on the render package (branch ``render``):
on a branch with the render stubs these tests fail until render is merged.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest
from ledgers import HEADERS, community

PREFIXES = ("=", "+", "-", "@", "\t", "\r")
HOSTILE = ['=HYPERLINK("http://evil.example","点我")', "+SUM(1,2)社区", "-2+3社区", "@SUM(A1)社区",
           "=cmd|' /C calc'!A0"]
RAW = "=1+2"


def _hostile_ledger(folder: Path) -> Path:
    """A CSV ledger (no spreadsheet writer turns these into formulas on the way in)."""
    rows = [community(社区=name, 户数=None) for name in HOSTILE]  # 户数 missing → a finding per community
    rows.append(community(社区="公式社区", 户数=RAW))  # a raw cell shown back in the report
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADERS)
    for row in rows:
        writer.writerow(["" if row.get(h) is None else row.get(h) for h in HEADERS])
    path = folder / "hostile.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def _is_number(text: str) -> bool:
    try:
        float(text.replace(",", "").rstrip("%"))
    except ValueError:
        return False
    return True


@pytest.fixture
def hostile(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (tmp_path / "out").mkdir()  # an output's folder must exist (never created silently)
    return _hostile_ledger(folder), tmp_path / "out"


def test_csv_export_neutralises_formulas(cli, hostile):
    ledger, out = hostile
    target = out / "report.csv"
    code, _o, err = cli("check", ledger, "--format", "csv", "--output", target, "--as-of", "2022-06-30")
    assert code == 1, err
    text = target.read_text(encoding="utf-8-sig")
    fields = [f for row in csv.reader(io.StringIO(text)) for f in row]
    dangerous = [f for f in fields if f.startswith(PREFIXES) and not _is_number(f)]
    assert dangerous == []
    for name in [*HOSTILE, RAW]:
        assert "'" + name in fields, name


def test_xlsx_export_writes_text_as_strings(cli, hostile):
    ledger, out = hostile
    target = out / "report.xlsx"
    code, _o, err = cli("check", ledger, "--format", "xlsx", "--output", target, "--as-of", "2022-06-30")
    assert code == 1, err
    book = openpyxl.load_workbook(target)
    seen = set()
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{ws.title}!{cell.coordinate} is a formula: {cell.value!r}"
                if isinstance(cell.value, str):
                    seen.add(cell.value.removeprefix("'"))
    for name in [*HOSTILE, RAW]:
        assert name in seen, name


def test_md_export_neutralises_formulas(cli, hostile):
    ledger, _out = hostile
    code, out, err = cli("check", ledger, "--format", "md", "--as-of", "2022-06-30")
    assert code == 1, err
    cells = []
    for line in out.splitlines():
        if line.startswith("|") and not set(line) <= set("|-: "):
            cells += [c.strip(" ") for c in line.replace("\\|", "\x00").strip("|").split("|")]
    dangerous = [c for c in cells if c.startswith(PREFIXES) and not _is_number(c)]
    assert dangerous == []
    flat = out.replace("\\|", "|")
    for name in [*HOSTILE, RAW]:
        assert "'" + name.replace("<", "&lt;").replace(">", "&gt;") in flat, name


def test_export_never_written_beside_or_over_the_input(cli, hostile):
    ledger, _out = hostile
    before = ledger.read_bytes()
    code, _o, err = cli("check", ledger, "--output", ledger, "--format", "csv")
    assert code == 2
    assert str(ledger) in err and err.count("\n") == 1 and "Traceback" not in err
    assert ledger.read_bytes() == before
    assert sorted(p.name for p in ledger.parent.iterdir()) == ["hostile.csv"]
