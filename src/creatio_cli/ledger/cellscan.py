"""Stream a sheet's XML for what calamine hides: cached formula errors and the sheet's true extent.

python-calamine 0.9 reads a cached formula error (``<c t="e"><v>#REF!</v></c>``) as ``""`` in xlsx and
as ``0.0`` or ``""`` in ods, so a broken formula would look blank (missing) or, worse, like a real zero.
These scanners read the same XML without any entity expansion (regular expressions over bytes for
xlsx; defusedxml's expat, which refuses DTDs, for ods) and report each error cell's position and text
so the reader can put the text back. They also measure each sheet's extent so absurd sheets are
refused before calamine builds their grid.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

_P = rb"(?:[A-Za-z_][\w.-]*:)?"  # optional namespace prefix (x:c, x:row from some writers)
_DIMENSION = re.compile(rb"<" + _P + rb'dimension\b[^>]*?\bref="([A-Z]{1,4})(\d+)(?::([A-Z]{1,4})(\d+))?"')
# Only <c> and <row> carry an ``r`` attribute in sheet XML. calamine sizes its grid by the cell
# references themselves (<c r="XFD1048576"> inside <row r="1"> is a 17-billion-cell grid), so every
# reference counts towards the extent, but measuring 2 million references one by one would double the
# guard's time on a large ledger. The usual sheet, as Excel, WPS, openpyxl and xlsxwriter write it, is
# measured by literal-prefixed patterns (the regex engine skips ahead at C speed): rows from <row>
# elements; then one search for anything unusual — a column past Z, or a cell whose row lies beyond the
# rows seen (:func:`_unusual`) — which matches nothing in a well-formed sheet. Only then is every
# reference measured exactly.
_CELL_ROW = re.compile(rb'\sr="[A-Z]{0,4}(\d+)"')
_CELL_REF = re.compile(rb'\sr="([A-Z]+)(\d+)"')
_ROW_PLAIN = re.compile(rb'<row r="(\d+)"')  # rows from <row> elements only, not from every cell
_MERGE = re.compile(rb"<" + _P + rb'mergeCell\b[^>]*?\bref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')
NARROW_BOUND = 26
_ERROR_CELL = re.compile(
    rb"<" + _P + rb'c\b([^>]*?\bt="e"[^>]*)(?<!/)>((?:(?!<' + _P + rb"c\b).)*?)</" + _P + rb"c>", re.S)
_REF = re.compile(rb'\br="([A-Z]{1,4})(\d+)"')
_VALUE = re.compile(rb"<" + _P + rb"v>([^<]*)</" + _P + rb"v>")
_CELL_END = re.compile(rb"</" + _P + rb"c>|<" + _P + rb"c\b[^>]*/>")
# A hidden column: <col min="5" max="5" hidden="1" …/> in <cols>, before the cells (1-based, inclusive).
_COL = re.compile(rb"<" + _P + rb"col\b([^>]*)>")
_HIDDEN = re.compile(rb'\bhidden="(?:1|true)"')
_MIN, _MAX = re.compile(rb'\bmin="(\d{1,5})"'), re.compile(rb'\bmax="(\d{1,5})"')
# A hidden row's start tag (<row r="4" spans="1:17" hidden="1">, attributes in any order): calamine reads
# its cells like any other and says nothing of it. Searched only in a chunk holding ``hidden="`` at all.
_HIDDEN_ROW = re.compile(rb"<" + _P + rb'row\b([^>]*?\bhidden="(?:1|true)"[^>]*)>')
_ROW_NUMBER = re.compile(rb'\br="(\d+)"')


def column_index(letters: bytes | str) -> int:
    """b"A" → 0, b"AA" → 26."""
    n = 0
    for ch in letters.decode() if isinstance(letters, bytes) else letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


@dataclass
class SheetScan:
    """What one sheet's XML holds besides plain values."""

    declared: tuple[int, int] | None = None  # (rows, columns) from <dimension ref=…>
    rows: int = 0  # used extent: 1 + the largest 0-based row index seen
    columns: int = 0
    errors: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) 0-based → "#REF!"
    merged_ranges: int = 0  # <mergeCell> elements
    merged_cells: int = 0  # their total area
    hidden_columns: tuple[tuple[int, int], ...] = ()  # (first, last) 0-based, inclusive: columns hidden in Excel
    hidden_rows: set[int] = field(default_factory=set)  # 0-based rows marked hidden="1"


def _last_cell_end(data: bytes) -> int | None:
    """Where the last complete cell element ends within the last 64 KiB of ``data`` (looked for in the last
    4 KiB first: iterating over every cell of a chunk cost a third of the guard's time), or None."""
    for size in (4096, 65536):
        start = max(0, len(data) - size)
        last = None
        for last in _CELL_END.finditer(data, start):  # noqa: B007  (the loop keeps the last match)
            pass
        if last is not None:
            return last.end()
        if start == 0:
            break
    return None


class XlsxSheetScanner:
    """Feed decompressed sheet XML in chunks; ``scan`` is complete after ``close()``."""

    def __init__(self) -> None:
        self.scan = SheetScan()
        self._tail = b""
        self._first = True

    def feed(self, chunk: bytes) -> None:
        """Scan everything up to the last complete cell; keep the rest for the next chunk."""
        data = self._tail + chunk
        if self._first:
            self._dimension(data[:65536])
        end = _last_cell_end(data)
        cut = end if end is not None else (len(data) if len(data) > (16 << 20) else 0)
        self._scan(data[:cut])
        self._tail = data[cut:]

    def close(self) -> SheetScan:
        """Scan what is left and return the result."""
        self._scan(self._tail)
        self._tail = b""
        return self.scan

    def _dimension(self, head: bytes) -> None:
        found = _DIMENSION.search(head)
        if found:
            self._first = False
            c0, r0, c1, r1 = found.groups()
            last_col, last_row = (c1, r1) if c1 else (c0, r0)
            self.scan.declared = (int(last_row), column_index(last_col) + 1)
        elif b"sheetData" in head:
            self._first = False  # no dimension element: the used extent still counts

    def _scan(self, data: bytes) -> None:
        if not data:
            return
        scan = self.scan
        rows = _ROW_PLAIN.findall(data) or _CELL_ROW.findall(data)
        if rows:
            scan.rows = max(scan.rows, max(map(int, rows)))
        if _unusual(scan.rows).search(data) or _loose(data):
            for letters, digits in _CELL_REF.findall(data):
                scan.rows = max(scan.rows, int(digits))
                scan.columns = max(scan.columns, column_index(letters) + 1)
        elif b' r="' in data:
            # No column past Z: 26 is an upper bound, which is all the extent limits need.
            scan.columns = max(scan.columns, NARROW_BOUND)
        if b'hidden="' in data:  # a literal test at C speed: most sheets hide no row and no column
            for attributes in _HIDDEN_ROW.findall(data):
                if number := _ROW_NUMBER.search(attributes):
                    scan.hidden_rows.add(int(number.group(1)) - 1)
            if b"col " in data:  # <col … hidden="1"> elements (a cell's text cannot hold "<": it is escaped)
                self._hidden_columns(data)
        if b"mergeCell" in data:
            self._merges(data)
        if b't="e"' in data:
            for match in _ERROR_CELL.finditer(data):
                ref, value = _REF.search(match.group(1)), _VALUE.search(match.group(2))
                if ref and value:
                    row, col = int(ref.group(2)) - 1, column_index(ref.group(1))
                    scan.errors[(row, col)] = value.group(1).decode("utf-8", "replace").strip()

    def _hidden_columns(self, data: bytes) -> None:
        """Ranges of hidden columns (an old figure kept beside the new one): said when they make a field
        ambiguous. Ranges, not sets: ``<col min="1" max="16384" hidden="1">`` is one entry."""
        found = []
        for attrs in _COL.findall(data):
            low, high = _MIN.search(attrs), _MAX.search(attrs)
            if _HIDDEN.search(attrs) and low and high and 1 <= int(low.group(1)) <= int(high.group(1)):
                found.append((int(low.group(1)) - 1, int(high.group(1)) - 1))
        self.scan.hidden_columns += tuple(found)

    def _merges(self, data: bytes) -> None:
        """Count merged ranges and their area; a range also extends the sheet (the reader walks them)."""
        scan = self.scan
        for c0, r0, c1, r1 in _MERGE.findall(data):
            first_row, first_col = int(r0), column_index(c0) + 1
            last_row, last_col = (int(r1), column_index(c1) + 1) if c1 else (first_row, first_col)
            scan.merged_ranges += 1
            scan.merged_cells += (abs(last_row - first_row) + 1) * (abs(last_col - first_col) + 1)
            scan.rows = max(scan.rows, first_row, last_row)
            scan.columns = max(scan.columns, first_col, last_col)


def _unusual(bound: int) -> re.Pattern[bytes]:
    """A reference (`` r="B12"``) past column Z, or whose row number is greater than ``bound``.

    The row part is built digit by digit (leading zeros skipped, as a reader would): a longer number, or
    one as long with a larger digit where they first differ. ``bound`` = 345 →
    ``[1-9]\\d{3,}|[4-9]\\d\\d|3[5-9]\\d|34[6-9]``. Patterns are kept per bound (rows only grow).
    """
    found = _UNUSUAL.get(bound)
    if found is None:
        text = str(max(bound, 0))
        larger = [f"[1-9]\\d{{{len(text)},}}"]
        for i, digit in enumerate(text):
            if digit != "9":
                larger.append(f"{text[:i]}[{int(digit) + 1}-9]" + "\\d" * (len(text) - i - 1))
        # Column letter first, then a look-ahead on the digit count: most references fail there at once.
        pattern = r' r="[A-Z](?:[A-Z]|0*(?=\d{' + str(len(text)) + '})(?:' + "|".join(larger) + ')")'
        found = _UNUSUAL[bound] = re.compile(pattern.encode())
    return found


_UNUSUAL: dict[int, re.Pattern[bytes]] = {}


def _loose(data: bytes) -> bool:
    """A reference after a tab or line break instead of a space (valid XML; the patterns above skip it).

    A one-byte search runs at memory speed; the four-byte one only where such a byte occurs at all.
    """
    return any(space in data and space + b'r="' in data for space in (b"\t", b"\n", b"\r"))


# The error values python-calamine 0.9 can parse; any other (#SPILL!, #CALC! …) fails the whole sheet.
CALAMINE_ERRORS = frozenset({"#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!"})


def calamine_safe(xml: bytes) -> bytes:
    """The sheet XML with error values calamine cannot parse replaced by ``#N/A`` (restored later)."""

    def fix(match: re.Match[bytes]) -> bytes:
        return _VALUE.sub(lambda v: v.group(0) if v.group(1).strip().decode("utf-8", "replace") in CALAMINE_ERRORS
                          else v.group(0).replace(v.group(1), b"#N/A"), match.group(0))

    return _ERROR_CELL.sub(fix, xml)


_T = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_O = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_CALCEXT = "{urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0}"
_TEXT_P = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}p"


def scan_ods(stream: Iterable[bytes] | object, error_texts: frozenset[str]) -> dict[str, SheetScan]:
    """Each table of an ods ``content.xml`` (a binary file object) → its extent and error cells.

    defusedxml's iterparse refuses any DTD, so no entity can be declared, let alone expanded.
    """
    from defusedxml.ElementTree import iterparse

    out: dict[str, SheetScan] = {}
    scan = SheetScan()
    row = col = 0
    row_has_content = False
    for event, elem in iterparse(stream, events=("start", "end"), forbid_dtd=True):
        tag = elem.tag
        if event == "start":
            if tag == _T + "table":
                scan = out.setdefault(elem.get(_T + "name", f"Sheet{len(out) + 1}"), SheetScan())
                row = 0
            elif tag == _T + "table-row":
                col, row_has_content = 0, False
            continue
        if tag in (_T + "table-cell", _T + "covered-table-cell"):
            repeat = _int(elem.get(_T + "number-columns-repeated"))
            texts = [p.text or "" for p in elem.iter(_TEXT_P)]
            if elem.get(_O + "value-type") or any(texts):
                row_has_content = True
                scan.columns = max(scan.columns, col + repeat)
            text = "".join(texts).strip()
            is_error = elem.get(_CALCEXT + "value-type") == "error" or (
                elem.get(_T + "formula") and not elem.get(_O + "value-type") and text.upper() in error_texts)
            if is_error and text:
                scan.errors[(row, col)] = text
            col += repeat
            elem.clear()
        elif tag == _T + "table-row":
            repeat = _int(elem.get(_T + "number-rows-repeated"))
            if row_has_content:
                scan.rows = max(scan.rows, row + repeat)
            row += repeat
            elem.clear()
    return out


def _int(text: str | None) -> int:
    return int(text) if text and text.isdigit() else 1
