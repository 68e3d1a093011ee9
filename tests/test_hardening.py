"""Hostile workbooks: zip bombs, absurd sheets, XML entity bombs and external entities, through every
reader path (the guard and `creatio check`, calamine itself, the error-cell scanners, openpyxl), plus
formula errors restored from xlsx and ods, and inputs that are never modified.

Entity tests use small bombs (a few hundred bytes if expanded) and a secret file in tmp_path, so an
expansion shows up as text in the output instead of a hang.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from badfiles import (
    LAUGHS,
    WORKBOOK,
    good_xlsx,
    inline,
    ledger_rows,
    ods_cell,
    ods_ledger_rows,
    raw_ods,
    raw_xlsx,
    sheet_xml,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ledgers import HEADERS
from python_calamine import CalamineWorkbook

from creatio_cli.errors import LedgerError
from creatio_cli.ledger.cellscan import XlsxSheetScanner, column_index, scan_ods
from creatio_cli.ledger.header import MAX_BAND, SCAN_ROWS, find_band
from creatio_cli.ledger.matcher import Matcher
from creatio_cli.ledger.reader import RawSheet, read_workbook

SECRET = "XXE-SECRET-7431"
SMALL_LAUGH = '<!DOCTYPE l [<!ENTITY a "LAUGH"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'


def _xxe(tmp_path: Path) -> str:
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    return f'<!DOCTYPE x [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'


def _entity_workbooks(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """Workbooks whose sheet, shared strings, workbook part or ods content declare entities."""
    out = {}
    for label, prolog, ref in (("laugh", SMALL_LAUGH, "&b;"), ("xxe", _xxe(tmp_path), "&xxe;"),
                               ("billion", LAUGHS, "&lol9;")):
        row = ['<row r="1">' + inline("A1", "社区" + ref) + "</row>"]
        out[f"{label} in sheet"] = (raw_xlsx(tmp_path / f"{label}-sheet.xlsx", sheet_xml(row, prolog=prolog)),
                                    "xl/worksheets/sheet1.xml")
        shared = (f'<?xml version="1.0"?>{prolog}<sst xmlns="http://schemas.openxmlformats.org/'
                  f'spreadsheetml/2006/main"><si><t>x{ref}</t></si></sst>')
        out[f"{label} in shared strings"] = (raw_xlsx(tmp_path / f"{label}-sst.xlsx", sheet_xml(ledger_rows()),
                                                      shared=shared), "xl/sharedStrings.xml")
        workbook = WORKBOOK.replace("<workbook ", prolog + "<workbook ").replace('name="台账"', f'name="x{ref}"')
        out[f"{label} in workbook"] = (raw_xlsx(tmp_path / f"{label}-wb.xlsx", sheet_xml(ledger_rows()),
                                                workbook=workbook), "xl/workbook.xml")
        out[f"{label} in ods"] = (raw_ods(tmp_path / f"{label}.ods", [[ods_cell("社区" + ref)]], prolog=prolog),
                                  "content.xml")
    return out


def test_entity_declarations_refused_by_check(cli, tmp_path):
    for label, (path, part) in _entity_workbooks(tmp_path).items():
        code, out, err = cli("check", path, "--lang", "en")
        assert code == 2, label
        assert err.strip() == f"error: {path}: unsafe XML in {part} (a DTD or entity declaration; no real workbook has one)"
        assert SECRET not in out + err and "LAUGHLAUGH" not in out + err and "lollol" not in out + err


def test_calamine_itself_never_expands_entities(tmp_path):
    """Behind the guard, calamine (quick-xml) refuses undeclared-to-it entities rather than expanding them."""
    for label, (path, _part) in _entity_workbooks(tmp_path).items():
        try:
            book = CalamineWorkbook.from_path(str(path))
            text = repr([book.get_sheet_by_name(n).to_python() for n in book.sheet_names])
        except Exception as exc:  # quick-xml: "unrecognized entity"
            text = str(exc)
        assert SECRET not in text and "LAUGHLAUGH" not in text and "lollol" not in text, label


def test_openpyxl_refuses_entities_in_cells_and_never_reads_files(tmp_path):
    """openpyxl (tests and templates use it; the product never reads a ledger with it) parses sheets and
    shared strings through defusedxml, which forbids entity declarations. Its workbook.xml goes through
    lxml, which keeps entity references in text but expands small internal ones inside attribute values
    (a sheet name) and stops a billion laughs with its own limit — hence the guard refuses DTDs first."""
    for label, (path, part) in _entity_workbooks(tmp_path).items():
        if path.suffix != ".xlsx":
            continue
        try:
            book = openpyxl.load_workbook(path)
            text = repr(book.sheetnames) + repr([[c.value for c in row] for row in book.active.iter_rows()])
        except Exception as exc:
            text = f"{exc!r} {exc.__cause__ or exc.__context__!r}"
            assert part == "xl/workbook.xml" or "EntitiesForbidden" in text, label
        assert SECRET not in text and "lollol" not in text, label
        assert "LAUGHLAUGH" not in text or part == "xl/workbook.xml", label


def test_scanners_never_expand_entities(tmp_path):
    xxe = _xxe(tmp_path)
    scanner = XlsxSheetScanner()
    scanner.feed(sheet_xml(['<row r="1"><c r="A1" t="e"><v>&xxe;</v></c></row>'], prolog=xxe).encode())
    assert scanner.close().errors == {(0, 0): "&xxe;"}  # the literal text, never the file's content
    from defusedxml import DefusedXmlException

    for prolog in (xxe, SMALL_LAUGH):
        content = f'<?xml version="1.0"?>{prolog}<office:document-content/>'.encode()
        with pytest.raises(DefusedXmlException):
            scan_ods(io.BytesIO(content), frozenset())


def _bomb(path: Path, megabytes: int) -> Path:
    """A workbook whose sheet holds ``megabytes`` MB of spaces (deflates ~1000:1)."""
    sheet = sheet_xml(ledger_rows()).replace("<sheetData>", "<sheetData>" + " " * (megabytes << 20))
    return raw_xlsx(path, sheet)


def test_zip_bomb_refused_by_compression_ratio(cli, tmp_path):
    path = _bomb(tmp_path / "bomb.xlsx", 60)
    assert path.stat().st_size < 1 << 20
    code, _out, err = cli("check", path, "--lang", "en")
    assert code == 2
    assert "compression ratio" in err and "possible zip bomb" in err and "CREATIO_MAX_COMPRESSION_RATIO" in err


def test_uncompressed_size_limit_and_its_override(cli, tmp_path, monkeypatch):
    path = _bomb(tmp_path / "big.xlsx", 3)
    monkeypatch.setenv("CREATIO_MAX_UNCOMPRESSED_MB", "2")
    code, _out, err = cli("check", path, "--lang", "en")
    assert code == 2
    assert err.strip() == (f"error: {path}: unpacks to 3 MB, above the 2 MB limit "
                           "(possible zip bomb; set CREATIO_MAX_UNCOMPRESSED_MB to raise it)")
    monkeypatch.setenv("CREATIO_MAX_UNCOMPRESSED_MB", "4")
    assert cli("check", path, "--as-of", "2022-06-30", "--format", "json")[0] == 0


def test_lying_declared_size_is_caught(cli, tmp_path):
    """An entry that declares fewer bytes than it inflates to fails zipfile's size/CRC check."""
    path = raw_xlsx(tmp_path / "liar.xlsx", sheet_xml(ledger_rows()))
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
    real = info.file_size.to_bytes(4, "little")
    for at in [i for i in range(len(data)) if data[i:i + 4] == real]:
        data[at:at + 4] = (100).to_bytes(4, "little")  # local header and central directory
    path.write_bytes(bytes(data))
    code, _out, err = cli("check", path, "--lang", "en")
    assert code == 2
    assert "damaged workbook (xl/worksheets/sheet1.xml cannot be read" in err


@pytest.mark.parametrize(("label", "sheet", "said"), [
    ("declared", sheet_xml(ledger_rows(), dimension="A1:XFD1048576"), "declares 1,048,576 rows × 16,384 columns"),
    ("used", sheet_xml([*ledger_rows(), '<row r="900000"><c r="ZZ900000"><v>1</v></c></row>']),
     "uses 900,000 rows × 702 columns"),
])
def test_absurd_sheet_extent_refused(cli, tmp_path, label, sheet, said):
    path = raw_xlsx(tmp_path / f"{label}.xlsx", sheet)
    code, _out, err = cli("check", path, "--lang", "en")
    assert code == 2
    assert err.startswith(f"error: {path} [台账]: sheet {said}, above the limits"), err
    assert "CREATIO_MAX_CELLS" in err


def test_xlsx_error_cells_restored_at_their_position(tmp_path):
    rows = ['<row r="2"><c r="C2" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>',
            '<row r="4"><c r="B4" t="inlineStr"><is><t>x</t></is></c><c r="E4" s="1" t="e"><v>#N/A</v></c></row>']
    book = read_workbook(raw_xlsx(tmp_path / "e.xlsx", sheet_xml(rows)))
    grid = book.sheets[0].rows
    assert grid[1][2] == "#DIV/0!" and grid[3][4] == "#N/A" and grid[3][1] == "x"
    assert grid[0][0] in ("", None)


def test_ods_error_cells_are_findings_not_zero(cli, tmp_path):
    """LibreOffice stores #DIV/0! with office:value="0": calamine reads 0.0, the reader restores the error."""
    error = ('<table:table-cell table:formula="of:=1/0" office:value-type="float" office:value="0" '
             'calcext:value-type="error"><text:p>#DIV/0!</text:p></table:table-cell>')
    path = raw_ods(tmp_path / "e.ods", ods_ledger_rows(error))
    assert CalamineWorkbook.from_path(str(path)).get_sheet_by_name("台账").to_python()[1][3] == 0.0
    assert read_workbook(path).sheets[0].rows[1][3] == "#DIV/0!"
    code, out, err = cli("check", path, "--format", "json", "--as-of", "2022-06-30")
    assert code == 1, err
    assert '"raw": "#DIV/0!"' in out and '"status": "invalid"' in out


def test_reader_refusals_are_ledger_errors(tmp_path):
    with pytest.raises(LedgerError, match="unsafe XML"):
        read_workbook(raw_xlsx(tmp_path / "x.xlsx", sheet_xml([], prolog=SMALL_LAUGH)))


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "md"])
def test_input_never_modified_and_nothing_written_beside_it(cli, tmp_path, fmt):
    folder = tmp_path / "in"
    folder.mkdir()
    path = good_xlsx(folder / "ledger.xlsx")
    path.chmod(0o444)  # read-only: opening it for writing would fail loudly
    before, listing = _digest(path), sorted(folder.iterdir())
    code, _out, err = cli("check", path, "--format", fmt, "--as-of", "2022-06-30")
    assert code == 0, err
    assert _digest(path) == before
    assert sorted(folder.iterdir()) == listing


_WORDS = st.sampled_from([*HEADERS, "社区名称", "社区综合服务设施", "总面积（㎡）", "甲", "1", "合计", "", " ", "说明：",
                          "（截至2022年6月30日）", "=SUM(A1)", "#REF!", "\u3000", "a/b", "(1)"])
_CELL = st.one_of(st.none(), _WORDS, st.text(max_size=12), st.integers(-10**6, 10**6),
                  st.floats(allow_nan=True, allow_infinity=True))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(grid=st.lists(st.lists(_CELL, max_size=12), max_size=40),
       merges=st.lists(st.tuples(st.integers(0, 45), st.integers(0, 15), st.integers(0, 4), st.integers(0, 4)),
                       max_size=4),
       header_rows=st.sampled_from([None, 1, 2, 3]))
def test_find_band_never_raises(standard, grid, merges, header_rows):
    """Any grid of cells, ragged rows and merged ranges (even ones beyond the grid): a band or None."""
    merged = [(r, c, r + dr, c + dc) for r, c, dr, dc in merges]
    band = find_band(RawSheet("台账", grid, merged), Matcher(standard), header_rows)
    if band is not None:
        width = max(len(r) for r in grid)
        assert 0 <= band.start < SCAN_ROWS and 1 <= band.height <= MAX_BAND
        assert "community" in {m.field for m in band.mapping}
        assert all(column_index(m.letter) < width for m in band.mapping)
