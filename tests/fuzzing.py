"""Seeded mutants of small valid ledgers, for tests/test_fuzz.py (issue 14).

``seeds(folder)`` writes one small valid ledger per format (xlsx from openpyxl, xlsxwriter and raw XML;
ods; xls; csv in UTF-8 and GB18030), with their bytes made deterministic (fixed zip timestamps and
document dates). ``mutants(seeds, count, seed)`` derives ``count`` mutants from them, each from its own
``random.Random(f"{seed}:{i}")``, so mutant *i* is the same bytes on every run and machine, and a failure
is reproduced by its id alone (``CREATIO_FUZZ_ONLY=17``).

Mutations, by the layer they attack:
- bytes: flips, truncation, inserted/deleted/duplicated runs (every format);
- zip (xlsx, ods): entries dropped, duplicated, renamed, stored instead of deflated, sizes in the
  central directory that lie;
- XML inside the zip: attribute values (cell references, dimensions, merged ranges, repeat counts,
  style and type codes) replaced by boundary values; cell values replaced by huge, tiny, non-finite or
  very long numbers and texts; deep nesting; a DTD; the part re-encoded (UTF-16, a false declaration);
  the part cut short;
- csv: line endings, NULs and controls, quotes, a huge field, re-encoding (UTF-16 with and without a
  mark, UTF-32, Latin-1), delimiters.

``sweep(seeds, step)`` is systematic where ``mutants`` is random: every attribute and every cell value
of the zip seeds' sheet, workbook, shared-string and style parts, set in turn to each boundary value
(11,576 mutants; ``step`` keeps every step-th). They are tiny, so ``score`` reads them in milliseconds.
"""

from __future__ import annotations

import csv
import datetime
import io
import random
import re
import struct
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import xlwt
from badfiles import ledger_rows, ods_cell, raw_ods, raw_xlsx, sheet_xml
from ledgers import GOOD, HEADERS, community

TITLE = "宿迁市2022年社区创建工作台账（截至2022年6月30日）"
ROWS = [GOOD, community(社区="和平社区", 道德讲堂="否", 居民活动用房面积="二百"),
        community(社区="东风社区", 户数=None, 备注=datetime.datetime(2022, 5, 1))]
FIXED = (2022, 6, 30, 0, 0, 0)


@dataclass(frozen=True)
class Mutant:
    ident: int
    seed: str  # the seed file's name
    operator: str
    data: bytes

    @property
    def name(self) -> str:
        return f"m{self.ident:04d}-{self.operator}{Path(self.seed).suffix}"


# --- seeds ---------------------------------------------------------------------------------------------


def _normalise_zip(data: bytes) -> bytes:
    """The same workbook with fixed timestamps (zip entries, docProps dates): deterministic bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb">\d{4}-\d\d-\d\dT[\d:.]+Z<", b">2022-06-30T00:00:00Z<", body)
            fixed = zipfile.ZipInfo(info.filename, FIXED)
            fixed.compress_type = zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
            dst.writestr(fixed, body)
    return out.getvalue()


def _openpyxl_xlsx() -> bytes:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "台账"
    ws.append([TITLE])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    ws.append(HEADERS)
    for row in ROWS:
        ws.append([row.get(h) for h in HEADERS])
    ws["U3"] = "=1/0"  # a formula cell (no cached value)
    buf = io.BytesIO()
    book.save(buf)
    return _normalise_zip(buf.getvalue())


def _xlsxwriter_xlsx() -> bytes:
    import xlsxwriter

    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    book.set_properties({"created": datetime.datetime(2022, 6, 30)})
    ws = book.add_worksheet("台账")
    date = book.add_format({"num_format": "yyyy-mm-dd"})
    ws.merge_range(0, 0, 0, len(HEADERS) - 1, TITLE)
    ws.write_row(1, 0, HEADERS)
    for r, row in enumerate(ROWS, start=2):
        for c, h in enumerate(HEADERS):
            value = row.get(h)
            if isinstance(value, datetime.datetime):
                ws.write_datetime(r, c, value, date)
            elif value is not None:
                ws.write(r, c, value)
    ws.write_formula(3, len(HEADERS), "=1/0", None, "#DIV/0!")
    book.close()
    return _normalise_zip(buf.getvalue())


def _raw_xlsx(folder: Path) -> bytes:
    path = raw_xlsx(folder / ".raw.xlsx", sheet_xml(ledger_rows(), dimension="A1:T3", merges=["T2:T3"]))
    data = _normalise_zip(path.read_bytes())
    path.unlink()
    return data


def _ods(folder: Path) -> bytes:
    head = [ods_cell(h) for h in HEADERS]
    rows = [head]
    for row in ROWS:
        cells = []
        for h in HEADERS:
            value = row.get(h)
            if isinstance(value, (int, float)):
                cells.append(ods_cell(number=value))
            elif isinstance(value, datetime.datetime):
                cells.append('<table:table-cell office:value-type="date" office:date-value="2022-05-01">'
                             "<text:p>2022-05-01</text:p></table:table-cell>")
            else:
                cells.append(ods_cell("" if value is None else str(value)))
        rows.append(cells)
    rows.append(['<table:table-cell table:number-columns-repeated="3" office:value-type="float" '
                 'office:value="1"><text:p>1</text:p></table:table-cell>'])
    path = raw_ods(folder / ".raw.ods", rows)
    data = _normalise_zip(path.read_bytes())
    path.unlink()
    return data


def _xls(folder: Path) -> bytes:
    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("台账")
    ws.write_merge(0, 0, 0, len(HEADERS) - 1, TITLE)
    for c, h in enumerate(HEADERS):
        ws.write(1, c, h)
    date = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    for r, row in enumerate(ROWS, start=2):
        for c, h in enumerate(HEADERS):
            value = row.get(h)
            if isinstance(value, datetime.datetime):
                ws.write(r, c, value, date)
            elif value is not None:
                ws.write(r, c, value)
    path = folder / ".seed.xls"
    book.save(str(path))
    data = path.read_bytes()
    path.unlink()
    return data


def _csv(encoding: str) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([TITLE])
    writer.writerow(HEADERS)
    for row in ROWS:
        writer.writerow(["" if row.get(h) is None else row.get(h) for h in HEADERS])
    return buf.getvalue().encode(encoding)


def seeds(folder: Path) -> dict[str, bytes]:
    """Seed name → bytes of a small valid ledger (each gives exit 1 with `creatio check`)."""
    return {
        "openpyxl.xlsx": _openpyxl_xlsx(),
        "xlsxwriter.xlsx": _xlsxwriter_xlsx(),
        "raw.xlsx": _raw_xlsx(folder),
        "seed.ods": _ods(folder),
        "seed.xls": _xls(folder),
        "utf8.csv": _csv("utf-8-sig"),
        "gb18030.csv": _csv("gb18030"),
    }


# --- byte-level mutations -------------------------------------------------------------------------------

Mutator = Callable[[bytes, random.Random], bytes]


def flip(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.choice((1, 2, 4, 16, 64))):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(1, len(data))]


def splice(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data))
    size = rng.choice((1, 8, 100, 1000))
    how = rng.randrange(3)
    if how == 0:  # insert random bytes
        return data[:at] + bytes(rng.randrange(256) for _ in range(size)) + data[at:]
    if how == 1:  # delete a run
        return data[:at] + data[at + size:]
    return data[:at] + data[at: at + size] * rng.choice((2, 50)) + data[at:]  # repeat a run


# --- XML-level mutations (inside a zip) -----------------------------------------------------------------

BIG_NUMBERS = ["0", "-1", "1", "65535", "65536", "1048576", "1048577", "16384", "16385", "2147483647",
               "2147483648", "4294967296", "9223372036854775807", "18446744073709551616",
               "99999999999999999999999999999999", "1e308", "1e309", "-1e309", "NaN", "inf", "-0", "0x10",
               "1.5", "", " ", "1" * 400]
REFS = ["A1", "A0", "XFD1048576", "XFE1", "A1048577", "AAAAA1", "A99999999999999999999", "1A", "", "a1",
        "A-1", "A1:XFD1048576", "B2:A1", "A1:A1048576", "ZZ9:ZZ99999", "A01", "A" + "9" * 30]
VALUES = ["1e308", "1e309", "-1e309", "NaN", "-inf", "4.9e-324", "99999999999999999999999999", "-0", "",
          "二百", "#REF!", "#SPILL!", "2958466", "-693594", "1" * 5000, "很长" * 60_000, "0x1F", "1,000"]
TYPES = ["s", "e", "b", "str", "inlineStr", "d", "n", "x", ""]

_ATTR = re.compile(rb'(\s)([A-Za-z_:][\w:.-]*)="([^"]*)"')
_VALUE = re.compile(rb"(<(?:[\w]+:)?(?:v|t|text:p)(?:\s[^>]*)?>)([^<]*)(<)")
_TAG = re.compile(rb"<[A-Za-z]")


def _attribute(xml: bytes, rng: random.Random) -> bytes:
    found = list(_ATTR.finditer(xml))
    if not found:
        return xml
    # Prefer the attributes that size things: references, ranges, repeat counts, indexes.
    sizing = [m for m in found if re.search(rb"(^|:)(r|ref|spans|sqref|count|uniqueCount|s|t|sheetId|id|"
                                            rb"number-(rows|columns)-repeated|number-(rows|columns)-spanned|"
                                            rb"numFmtId|xfId|value|date-value)$", m.group(2))]
    match = rng.choice(sizing if sizing and rng.random() < 0.85 else found)
    name = match.group(2)
    if name in (b"r", b"ref", b"sqref"):
        value = rng.choice(REFS)
    elif name == b"t":
        value = rng.choice(TYPES)
    else:
        value = rng.choice(BIG_NUMBERS)
    return xml[: match.start(3)] + value.encode() + xml[match.end(3):]


def _value(xml: bytes, rng: random.Random) -> bytes:
    found = list(_VALUE.finditer(xml))
    if not found:
        return xml
    match = rng.choice(found)
    return xml[: match.start(2)] + rng.choice(VALUES).encode() + xml[match.end(2):]


def _nesting(xml: bytes, rng: random.Random) -> bytes:
    found = list(_TAG.finditer(xml))
    if len(found) < 3:
        return xml
    at = rng.choice(found[2:]).start()
    depth = rng.choice((100, 5000, 100_000))
    tag = rng.choice((b"x", b"c", b"row", b"si", b"table:table-row"))
    return xml[:at] + (b"<" + tag + b">") * depth + (b"</" + tag + b">") * depth + xml[at:]


def _encoding(xml: bytes, rng: random.Random) -> bytes:
    how = rng.randrange(4)
    if how == 0:
        text = xml.decode("utf-8", "replace")
        return text.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")
    if how == 1:
        return xml.replace(b'encoding="UTF-8"', rng.choice((b'encoding="GBK"', b'encoding="bogus"',
                                                            b'encoding="UTF-16"', b'encoding="ISO-8859-1"')))
    if how == 2:
        return b"\xef\xbb\xbf" + xml
    return xml.decode("utf-8", "replace").encode("gb18030")


def _dtd(xml: bytes, rng: random.Random) -> bytes:
    decl = xml.find(b"?>")
    dtd = rng.choice((b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>', b'<!DOCTYPE x SYSTEM "file:///etc/passwd">'))
    return xml[: decl + 2] + dtd + xml[decl + 2:] if decl >= 0 else dtd + xml


def _cut(xml: bytes, rng: random.Random) -> bytes:
    return xml[: rng.randrange(len(xml) + 1)]


XML_MUTATORS: dict[str, Mutator] = {"attr": _attribute, "value": _value, "nest": _nesting,
                                    "encoding": _encoding, "dtd": _dtd, "xmlcut": _cut}
XML_WEIGHTS = {"attr": 10, "value": 6, "nest": 1, "encoding": 1, "dtd": 1, "xmlcut": 2}


def _entries(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return [(info, z.read(info)) for info in z.infolist()]


def _rezip(entries: list[tuple[zipfile.ZipInfo, bytes]], stored: set[str] = frozenset()) -> bytes:
    out = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(out, "w") as z:
        warnings.simplefilter("ignore")  # a duplicate entry name is one of the mutations
        for info, body in entries:
            fixed = zipfile.ZipInfo(info.filename, FIXED)
            fixed.compress_type = zipfile.ZIP_STORED if info.filename in stored or info.filename == "mimetype" \
                else zipfile.ZIP_DEFLATED
            z.writestr(fixed, body)
    return out.getvalue()


def _pick_part(entries: list[tuple[zipfile.ZipInfo, bytes]], rng: random.Random) -> int:
    xml = [i for i, (info, _b) in enumerate(entries) if info.filename.endswith((".xml", ".rels"))]
    sheets = [i for i in xml if re.search(r"worksheets/|content\.xml|sharedStrings|workbook\.xml",
                                          entries[i][0].filename)]
    return rng.choice(sheets if sheets and rng.random() < 0.8 else xml or list(range(len(entries))))


def xml_mutant(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    entries = _entries(data)
    names = list(XML_WEIGHTS)
    kind = rng.choices(names, weights=[XML_WEIGHTS[n] for n in names])[0]
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        i = _pick_part(entries, rng)
        info, body = entries[i]
        entries[i] = (info, XML_MUTATORS[kind](body, rng))
    return kind, _rezip(entries)


def zip_mutant(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    entries = _entries(data)
    how = rng.randrange(5)
    i = _pick_part(entries, rng)
    if how == 0:
        del entries[i]
        return "zipdrop", _rezip(entries)
    if how == 1:
        entries.insert(i, (entries[i][0], entries[rng.randrange(len(entries))][1]))
        return "zipdup", _rezip(entries)
    if how == 2:
        info, body = entries[i]
        entries[i] = (zipfile.ZipInfo(rng.choice(("xl/worksheets/sheet9.xml", "content2.xml", "XL/WORKBOOK.XML",
                                                  "../evil.xml", "/abs.xml", info.filename + "\x00x"))), body)
        return "ziprename", _rezip(entries)
    if how == 3:
        return "zipstored", _rezip(entries, stored={info.filename for info, _b in entries})
    return "ziplie", _lie_about_sizes(_rezip(entries), rng)


def _lie_about_sizes(data: bytes, rng: random.Random) -> bytes:
    """Patch one central-directory record's sizes (compressed or uncompressed) to a boundary value."""
    out = bytearray(data)
    records = [m.start() for m in re.finditer(rb"PK\x01\x02", data)]
    if not records:
        return data
    at = rng.choice(records)
    field = rng.choice((20, 24))  # compressed size, uncompressed size
    value = rng.choice((0, 1, 0x7FFFFFFF, 0xFFFFFFFE, 0xFFFFFFFF, 10 << 30 >> 2))
    out[at + field: at + field + 4] = struct.pack("<I", value & 0xFFFFFFFF)
    return bytes(out)


# --- csv-level mutations -------------------------------------------------------------------------------


def csv_mutant(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("gb18030")
    how = rng.randrange(9)
    if how == 0:
        return "csvcr", text.replace("\r\n", rng.choice(("\r", "\n", "\n\r", "\r\r\n"))).encode("utf-8")
    if how == 1:
        at = rng.randrange(len(text))
        return "csvnul", (text[:at] + rng.choice(("\x00", "\x1b[2J", "\x07", "\x1a", "\x85")) * rng.choice((1, 50))
                          + text[at:]).encode("utf-8")
    if how == 2:
        at = rng.randrange(len(text))
        return "csvquote", (text[:at] + rng.choice(('"', '""', '"\r\n"', "'")) + text[at:]).encode("utf-8")
    if how == 3:
        at = text.index("\r\n", text.index("\r\n") + 2) + 2
        return "csvhuge", (text[:at] + rng.choice(("x", "很", "1", ",")) * rng.choice((200_000, 1_000_000))
                           + text[at:]).encode("utf-8")
    if how == 4:
        encoding = rng.choice(("utf-16", "utf-16-le", "utf-16-be", "utf-32", "latin-1", "big5", "shift_jis"))
        return "csvenc", text.encode(encoding, "replace")
    if how == 5:
        return "csvdelim", text.replace(",", rng.choice((";", "\t", "|", "，", ""))).encode("utf-8")
    if how == 6:
        cells = [m.start() for m in re.finditer(r",\d+", text)]
        at = rng.choice(cells) + 1 if cells else 0
        return "csvnumber", (text[:at] + rng.choice(VALUES[:12]) + text[at:]).encode("utf-8")
    if how == 7:
        return "csvlines", (text + "\r\n".join(",".join(["x"] * rng.choice((1, 5000))) for _ in range(
            rng.choice((10, 3000))))).encode("utf-8")
    return "csvbom", rng.choice((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff", b"\xef\xbb")) + data


# --- the mix ---------------------------------------------------------------------------------------------


def mutate(seed_name: str, data: bytes, rng: random.Random) -> tuple[str, bytes]:
    """One mutant of ``data``: a structured mutation for the seed's format, or a byte-level one."""
    roll = rng.random()
    is_zip = seed_name.endswith((".xlsx", ".ods"))
    if is_zip and roll < 0.6:
        return xml_mutant(data, rng)
    if is_zip and roll < 0.75:
        return zip_mutant(data, rng)
    if seed_name.endswith(".csv") and roll < 0.7:
        return csv_mutant(data, rng)
    op = rng.choice(("flip", "flip", "truncate", "splice"))
    return op, {"flip": flip, "truncate": truncate, "splice": splice}[op](data, rng)


def mutants(seed_files: dict[str, bytes], count: int, seed: int = 14, start: int = 0) -> list[Mutant]:
    """``count`` mutants, ids ``start`` … ``start + count - 1``; the seed file of mutant *i* is chosen by
    its own generator, so any mutant can be rebuilt alone."""
    names = sorted(seed_files)
    out = []
    for i in range(start, start + count):
        rng = random.Random(f"{seed}:{i}")
        name = rng.choice(names)
        operator, data = mutate(name, seed_files[name], rng)
        out.append(Mutant(i, name, operator, data or b"\x00"))
    return out


# --- the systematic sweep ---------------------------------------------------------------------------------

SWEEP_NUMBERS = ["0", "-1", "1048577", "16385", "4294967296", "99999999999999999999", "", "1e309", "NaN"]
SWEEP_REFS = ["A0", "XFD1048576", "AAAAA1", "A99999999999999999999", "", "1A", "B2:A1", "A1:XFD1048576"]
_SWEPT = re.compile(r"worksheets/|content\.xml|sharedStrings|workbook\.xml|styles")


def sweep(seed_files: dict[str, bytes], step: int = 1) -> list[Mutant]:
    """Every attribute and cell value of the zip seeds' main parts × boundary values; every step-th kept."""
    out: list[Mutant] = []
    n = 0
    for name in sorted(seed_files):
        if not name.endswith((".xlsx", ".ods")):
            continue
        entries = _entries(seed_files[name])
        for i, (info, body) in enumerate(entries):
            if not _SWEPT.search(info.filename):
                continue
            spots = [(m.start(3), m.end(3), SWEEP_REFS if m.group(2) in (b"r", b"ref", b"sqref") else
                      TYPES if m.group(2) == b"t" else SWEEP_NUMBERS) for m in _ATTR.finditer(body)]
            spots += [(m.start(2), m.end(2), VALUES[:14]) for m in _VALUE.finditer(body)]
            for start, end, values in spots:
                for value in values:
                    if n % step == 0:
                        changed = list(entries)
                        changed[i] = (info, body[:start] + value.encode() + body[end:])
                        out.append(Mutant(100_000 + n, name, "sweep", _rezip(changed)))
                    n += 1
    return out
