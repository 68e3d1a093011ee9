"""The bad-file corpus: every kind of unusable ledger, built in tmp_path, run through `creatio check`.

Each case must end with exit 2 and one line on stderr naming the file and the problem (the English
reason below, written by hand), print no traceback and leave nothing beside the input. Bad cell values
are findings instead (exit 1).
"""

from __future__ import annotations

import json
import random
import zipfile
from pathlib import Path

import pytest
from badfiles import encrypted_xlsx, good_xlsx, ledger_rows, raw_xlsx, sheet_xml
from ledgers import GOOD, write_ledger


def _truncated(path: Path) -> Path:
    data = good_xlsx(path).read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def _corrupt_entry(path: Path) -> Path:
    """A workbook whose zip directory is intact but whose sheet data is damaged (CRC fails)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        raw = raw_xlsx(path.with_suffix(".src"), sheet_xml(ledger_rows()))
        with zipfile.ZipFile(raw) as src:
            for info in src.infolist():
                z.writestr(info.filename, src.read(info))
    raw.unlink()
    data = bytearray(path.read_bytes())
    at = data.index("幸福社区".encode())
    data[at:at + 4] = b"XXXX"
    path.write_bytes(bytes(data))
    return path


def _zip_of(path: Path, parts: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        for name, text in parts.items():
            z.writestr(name, text)
    return path


_DOCX_RELS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
              'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
              '2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')

# name, builder(folder) → path, expected English reason (a fragment of the one stderr line)
CASES = [
    ("empty", lambda d: _write(d / "empty.xlsx", b""), "empty file"),
    ("text renamed .xlsx", lambda d: _write(d / "notes.xlsx", "社区,户数\n幸福社区,1000\n".encode()),
     "not a spreadsheet (the file's content is not xlsx, xls or ods)"),
    ("truncated workbook", lambda d: _truncated(d / "cut.xlsx"),
     "damaged or truncated workbook (not a readable zip archive)"),
    ("damaged sheet entry", lambda d: _corrupt_entry(d / "crc.xlsx"),
     "damaged workbook (xl/worksheets/sheet1.xml cannot be read"),
    ("random bytes", lambda d: _write(d / "noise.xlsx", b"\x13" + random.Random(7).randbytes(4095)),
     "not a spreadsheet (the file's content is not xlsx, xls or ods)"),
    ("random bytes behind a zip signature", lambda d: _write(d / "pk.xlsx", b"PK\x03\x04" + random.Random(8).randbytes(4092)),
     "damaged or truncated workbook (not a readable zip archive)"),
    ("random bytes behind an OLE signature", lambda d: _write(d / "ole.xls", bytes.fromhex("d0cf11e0a1b11ae1") + random.Random(9).randbytes(4088)),
     "cannot open as a spreadsheet"),
    ("a zip that is not a workbook", lambda d: _zip_of(d / "photos.xlsx", {"readme.txt": "hello"}),
     "is a zip archive but not a workbook (no xlsx or ods content inside)"),
    ("a Word document renamed .xlsx", lambda d: _zip_of(d / "report.xlsx", {
        "[Content_Types].xml": "<Types/>", "_rels/.rels": _DOCX_RELS, "word/document.xml": "<w/>"}),
     "is a zip archive but not a workbook (no xlsx or ods content inside)"),
    ("password-protected", lambda d: encrypted_xlsx(d / "locked.xlsx"),
     "is encrypted (password-protected); save an unprotected copy"),
    ("a sheet with only a title", lambda d: write_ledger(d / "title.xlsx", [], headers=["台账"]),
     "no community column found (tried"),
    ("a header with no rows", lambda d: write_ledger(d / "header.xlsx", []),
     "the ledger header has no data rows under it"),
    ("unrelated columns", lambda d: write_ledger(d / "staff.xlsx", [{"姓名": "张三", "年龄": 30, "电话": "123"}],
                                                 headers=["姓名", "年龄", "电话"], title="职工名册"),
     "no community column found (tried"),
    ("a folder", lambda d: _mkdir(d / "ledgers.xlsx"), "is a folder, not a ledger file"),
    ("a missing path", lambda d: d / "absent.xlsx", "file not found"),
    ("a binary .csv", lambda d: _write(d / "data.csv", b"\xff\xfe\x00\x00\x81\x00" * 50),
     "not a text CSV (unknown encoding; save it as UTF-8 or GB18030)"),
    ("a PDF", lambda d: _write(d / "ledger.pdf", b"%PDF-1.4\n%\xe2\xe3\n"), "not a ledger format"),
    ("an xlsx renamed .csv", lambda d: _renamed(good_xlsx(d / "ledger.xlsx"), ".csv"),
     "is a workbook (xlsx or ods), not a text CSV, only named .csv; rename it to .xlsx"),
    ("an xls renamed .csv", lambda d: _write(d / "old.csv", bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504)),
     "is an xls workbook (an OLE compound file), not a text CSV, only named .csv; rename it to .xls"),
]


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _renamed(path: Path, suffix: str) -> Path:
    return path.rename(path.with_suffix(suffix))


def _mkdir(path: Path) -> Path:
    path.mkdir()
    return path


def _listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


@pytest.mark.parametrize(("kind", "build", "reason"), CASES, ids=[c[0] for c in CASES])
def test_bad_file_is_refused_with_one_line(cli, tmp_path, kind, build, reason):
    path = build(tmp_path)
    before = _listing(tmp_path)
    code, out, err = cli("check", path, "--lang", "en")
    assert code == 2, (kind, err)
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"error: {path}"), lines[0]  # names the file first
    assert reason in lines[0]
    assert "Traceback" not in err
    assert _listing(tmp_path) == before


@pytest.mark.parametrize(("kind", "build", "reason"), CASES, ids=[c[0] for c in CASES])
def test_bad_file_message_is_translated(cli, tmp_path, kind, build, reason):
    """The default (Chinese) message carries no untranslated English reason."""
    path = build(tmp_path)
    code, _out, err = cli("check", path)
    assert code == 2
    assert err.startswith(f"错误：{path}")
    assert reason.split(" (")[0] not in err  # the English reason was translated
    assert "Traceback" not in err


def test_encrypted_message_in_chinese(cli, tmp_path):
    path = encrypted_xlsx(tmp_path / "locked.xlsx")
    assert cli("check", path)[2].strip() == f"错误：{path}: 已加密（有密码保护），请另存一份无密码的副本"


def test_a_workbook_named_csv_is_said_to_be_one_not_an_encoding_problem(cli, tmp_path):
    path = _renamed(good_xlsx(tmp_path / "台账.xlsx"), ".csv")
    code, _out, err = cli("check", path)
    assert code == 2 and err == (f"错误：{path}: 是工作簿（xlsx 或 ods），不是文本 CSV，只是文件名以 .csv 结尾；"
                                 "请将其改名为 .xlsx（ods 表格改为 .ods）\n")
    path.rename(tmp_path / "台账.xlsx")  # renamed as told, it reads
    assert cli("check", tmp_path / "台账.xlsx")[0] in (0, 1)


def test_bad_cells_are_findings_not_errors(cli, tmp_path):
    """二百, -200 and a cached #REF! are `invalid` findings with their raw text: exit 1, no crash."""
    error_cell = '<c r="@@" t="e"><f>SUM(#REF!)</f><v>#REF!</v></c>'
    rows = ledger_rows({"2": {"D": '<c r="@@" t="inlineStr"><is><t>二百</t></is></c>',
                              "H": '<c r="@@"><v>-200</v></c>', "O": error_cell}})
    path = raw_xlsx(tmp_path / "cells.xlsx", sheet_xml(rows, dimension="A1:T3"))
    before = _listing(tmp_path)
    code, out, err = cli("check", path, "--format", "json", "--as-of", "2022-06-30", "--lang", "en")
    assert code == 1, err
    assert "Traceback" not in err
    report = json.loads(out)
    first = next(c for c in report["communities"] if c["community"] == "幸福社区")
    by_cell = {f["cell"]: f for f in first["findings"]}
    assert by_cell["D2"]["status"] == "invalid" and by_cell["D2"]["raw"] == "二百"
    assert by_cell["H2"]["status"] == "invalid" and by_cell["H2"]["raw"] == "-200"
    assert by_cell["O2"]["status"] == "invalid" and by_cell["O2"]["raw"] == "#REF!"
    other = next(c for c in report["communities"] if c["community"] == "和平社区")
    assert other["findings"] == []  # the second community meets everything: nothing leaked across rows
    assert _listing(tmp_path) == before


@pytest.mark.parametrize("error", ["#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#GETTING_DATA", "#DIV/0!"])
def test_every_excel_error_value_is_a_finding(cli, tmp_path, error):
    """Excel 365 errors (#SPILL! …) that calamine 0.9 cannot parse must not make the sheet unreadable."""
    rows = ledger_rows({"3": {"O": f'<c r="@@" t="e"><v>{error}</v></c>'}})
    path = raw_xlsx(tmp_path / "spill.xlsx", sheet_xml(rows))
    code, out, err = cli("check", path, "--format", "json", "--as-of", "2022-06-30")
    assert code == 1, err
    report = json.loads(out)
    second = next(c for c in report["communities"] if c["community"] == "和平社区")
    assert [(f["cell"], f["status"], f["raw"]) for f in second["findings"]] == [("O3", "invalid", error)]


def test_good_ledger_still_passes(cli, tmp_path):
    """The guard does not refuse an ordinary workbook (a control for the corpus)."""
    path = write_ledger(tmp_path / "ok.xlsx", [GOOD])
    code, _out, err = cli("check", path, "--format", "json", "--as-of", "2022-06-30")
    assert code == 0, err
