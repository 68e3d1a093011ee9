"""Build bad and hostile ledger files for tests: raw XML written into zips, never committed binaries.

Each builder takes a folder and returns the path it wrote. Workbooks are assembled by hand from the
minimal OOXML / ODF parts, so a test controls every byte a parser will see (DTDs, dimensions, error
cells) — nothing here goes through the code under test.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import openpyxl
from ledgers import GOOD, HEADERS, write_ledger

_CT = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="台账" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WB_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'sharedStrings" Target="sharedStrings.xml"/></Relationships>'
)
SHARED = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>社区</t></si></sst>'
)
SHEET_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'

# A DTD whose entity doubles ten times per level: expanded, &lol6; alone is a megabyte of text.
LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(2, 10))
    + "]>"
)
XXE = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>'


def inline(ref: str, text: str) -> str:
    """An inline-string cell."""
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def sheet_xml(rows: list[str], *, dimension: str | None = None, prolog: str = "",
              merges: list[str] = ()) -> str:
    """A worksheet part: ``rows`` are ``<row>`` elements (use :func:`inline` for cells); ``merges`` are
    range references (``A5:B9``) written as ``<mergeCells>``."""
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    merged = (f'<mergeCells count="{len(merges)}">' + "".join(f'<mergeCell ref="{m}"/>' for m in merges)
              + "</mergeCells>") if merges else ""
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n{prolog}<worksheet {SHEET_NS}>{dim}<sheetData>'
            + "".join(rows) + f"</sheetData>{merged}</worksheet>")


def raw_xlsx(path: Path, sheet: str, *, workbook: str = WORKBOOK, shared: str = SHARED) -> Path:
    """An xlsx from raw parts."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CT)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", workbook)
        z.writestr("xl/_rels/workbook.xml.rels", _WB_RELS)
        z.writestr("xl/sharedStrings.xml", shared)
        z.writestr("xl/worksheets/sheet1.xml", sheet)
    return path


def ledger_rows(values: dict[str, dict[str, str]] | None = None) -> list[str]:
    """Header row + two communities of GOOD as inline cells; ``values`` = {row: {col: raw cell xml with @@ for its ref}}."""
    letters = [openpyxl.utils.get_column_letter(i + 1) for i in range(len(HEADERS))]
    rows = ['<row r="1">' + "".join(inline(f"{c}1", h) for c, h in zip(letters, HEADERS, strict=True)) + "</row>"]
    for r, name in ((2, "幸福社区"), (3, "和平社区")):
        cells = []
        for c, h in zip(letters, HEADERS, strict=True):
            override = (values or {}).get(str(r), {}).get(c)
            value = name if h == "社区" else GOOD[h]
            if override is not None:
                cells.append(override.replace("@@", f"{c}{r}"))
            elif isinstance(value, (int, float)):
                cells.append(f'<c r="{c}{r}"><v>{value}</v></c>')
            elif value:
                cells.append(inline(f"{c}{r}", value))
        rows.append(f'<row r="{r}">' + "".join(cells) + "</row>")
    return rows


_ODS_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
           'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
           'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
           'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"')
_MANIFEST = ('<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest '
             'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
             '<manifest:file-entry manifest:full-path="/" '
             'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
             '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
             '</manifest:manifest>')


def ods_cell(text: str | None = None, number: float | None = None, extra: str = "") -> str:
    """An ods cell: text, number, or (neither) raw attributes/content in ``extra``."""
    if number is not None:
        return f'<table:table-cell office:value-type="float" office:value="{number}"><text:p>{number}</text:p></table:table-cell>'
    if text is not None:
        return f'<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>'
    return extra


def raw_ods(path: Path, rows: list[list[str]], *, prolog: str = "") -> Path:
    """An ods whose single table 台账 holds ``rows`` of :func:`ods_cell` strings."""
    body = "".join("<table:table-row>" + "".join(r) + "</table:table-row>" for r in rows)
    content = (f'<?xml version="1.0" encoding="UTF-8"?>\n{prolog}<office:document-content {_ODS_NS} '
               f'office:version="1.2"><office:body><office:spreadsheet><table:table table:name="台账">{body}'
               "</table:table></office:spreadsheet></office:body></office:document-content>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("META-INF/manifest.xml", _MANIFEST)
        z.writestr("content.xml", content)
    return path


def ods_ledger_rows(error_cell: str) -> list[list[str]]:
    """Header + one GOOD community whose 户数 cell is ``error_cell``."""
    head = [ods_cell(h) for h in HEADERS]
    row = []
    for h in HEADERS:
        value = "幸福社区" if h == "社区" else GOOD[h]
        if h == "户数":
            row.append(error_cell)
        elif isinstance(value, (int, float)):
            row.append(ods_cell(number=value))
        else:
            row.append(ods_cell(value or ""))
    return [head, row]


def good_xlsx(path: Path) -> Path:
    """A valid two-community ledger (openpyxl)."""
    return write_ledger(path, [GOOD, dict(GOOD, 社区="和平社区")])


def encrypted_xlsx(path: Path) -> Path:
    """A password-protected xlsx (msoffcrypto: the OLE container with EncryptionInfo/EncryptedPackage)."""
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = io.BytesIO(good_xlsx(path.with_suffix(".plain.xlsx")).read_bytes())
    path.with_suffix(".plain.xlsx").unlink()
    out = io.BytesIO()
    OOXMLFile(plain).encrypt("secret", out)
    path.write_bytes(out.getvalue())
    return path


def abort_on_bombs(real):
    """Wrap a reader (``workers.read_one``) so that files named ``bomb*`` abort the process reading them,
    as calamine does when an allocation fails; forked workers inherit the patch."""

    def read_one(path, task):
        if path.name.startswith("bomb"):
            os.abort()
        return real(path, task)

    return read_one
