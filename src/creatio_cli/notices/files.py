"""Files a notices run writes: safe names, atomic writes, the Markdown copy and the index (csv, xlsx).

Community names come from untrusted workbooks, so they never reach a path unfiltered (``../../x`` stays
inside the output folder; Windows-reserved names and control characters are replaced), never make a
file name too long (``NAME_BYTES``), never reach a spreadsheet cell as a formula (``=cmd|' /C calc'!A0``
is written as text) and never bring control characters (NUL, ESC, bidi overrides …) into the index.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from pathlib import Path

from creatio_cli.errors import OutputError
from creatio_cli.messages import os_reason
from creatio_cli.notices.draft import ANNEX_HEADERS, ANNEX_KEYS, Notice, cn_date, official_name
from creatio_cli.render.safe import neutralize as _guard
from creatio_cli.render.safe import write_atomic as _write

_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
_KEEP = set("-_（）()〔〕·")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MAX_NAME = 80
#: A notice's file name (``2022-005_古城街道_南关社区_督办.docx``) is at most this many bytes of UTF-8:
#: eCryptfs (encrypted Linux home folders) allows 143, ext4/APFS 255 bytes, NTFS 255 UTF-16 units (never
#: more units than UTF-8 bytes). Temporary names are ``.creatio-<8 hex>-<n>.part``, far shorter.
NAME_BYTES = 143
# Control characters (C0, DEL, C1) and the invisible bidi controls that can make a name read backwards.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_EXT = ".docx"  # the longest extension a notice file gets (.docx, .md)
INDEX_HEADERS = {
    "zh": ("文号", "类型", "区县", "街道", "社区", "问题数", "整改期限", "文件"),
    "en": ("number", "kind", "district", "street", "community", "problems", "due", "file"),
}
KIND_NAMES = {"notice": "整改通知书", "escalation": "督办通知", "assignment": "交办单"}


def safe_filename(text: str, fallback: str = "未命名") -> str:
    """A file-name part: letters, digits (any script) and a few marks; everything else becomes ``_``."""
    # NFKC folds the odd forms (full-width letters and digits); a Chinese name's brackets go back to the
    # full-width ones a 公文 uses (丙社区（已撤并）), as in the notice's text.
    text = official_name(unicodedata.normalize("NFKC", text))
    chars = [c if (c.isalnum() or c in _KEEP) else "_" for c in text]
    name = re.sub(r"_+", "_", "".join(chars)).strip("._ ")
    if not name:
        name = fallback
    if name.split(".")[0].upper() in _RESERVED:
        name = f"_{name}"
    return name[:MAX_NAME]


def neutralize(text: object) -> str:
    """Text safe in csv/md cells (render.safe's formula guard; None becomes empty)."""
    return _guard("" if text is None else str(text))


def write_atomic(path: Path, data: bytes) -> Path:
    """Write atomically through render.safe and return the path written (a full disk is exit 2)."""
    try:
        _write(Path(path), data)
    except OSError as exc:
        raise OutputError("output.cannot_write", {"reason": os_reason(exc)}, file=path) from exc
    return Path(path)


def clean_text(text: str) -> str:
    """Text without control characters: line breaks and tabs become spaces, the rest (NUL, ESC …) goes."""
    return _CONTROL.sub("", re.sub(r"[\t\n\r\v\f\x85\u2028\u2029]", " ", text))


def _size(text: str) -> int:
    return len(text.encode("utf-8"))


def _fit(parts: list[str], budget: int) -> list[str]:
    """Shorten the longest part, a character at a time, until all fit in ``budget`` bytes (deterministic)."""
    parts = list(parts)
    while sum(_size(p) for p in parts) > budget and any(parts):
        longest = max(range(len(parts)), key=lambda i: (_size(parts[i]), -i))
        parts[longest] = parts[longest][:-1].rstrip("._ ")
    return [p or "_" for p in parts]


def notice_stem(notice: Notice) -> str:
    """``2022-001_古城街道_南关社区`` (+ ``_督办`` / ``_交办单``): stable per number, so reruns overwrite.

    Unique because it starts with the number (year and seq are unique in a register); at most
    ``NAME_BYTES`` with its extension: a long street or community name is shortened, never the number.
    """
    head = f"{notice.year}-{notice.seq:03d}"
    tail = {"escalation": ["督办"], "assignment": ["交办单"]}.get(notice.kind, [])
    names = ([safe_filename(notice.street)] if notice.street else []) + [safe_filename(notice.community)]
    fixed = _size("_".join([head, *tail])) + len(names) + _size(_EXT)  # + one "_" before each name
    return "_".join([head, *_fit(names, NAME_BYTES - fixed), *tail])


def is_notice_name(name: str, notice: Notice) -> bool:
    """Whether ``name`` (a register row's file) is a safe name for this notice, to keep it on a rerun."""
    return (Path(name).name == name and name.endswith(_EXT) and name.startswith(f"{notice.year}-{notice.seq:03d}_")
            and _size(name) <= NAME_BYTES and not _CONTROL.search(name) and "/" not in name and "\\" not in name)


def markdown(notice: Notice) -> str:
    """The Markdown copy of a notice (same text as the .docx; every value through the one Markdown escaper,
    ``render.markdown``: formula-guarded, pipes and HTML escaped)."""
    from creatio_cli.render.markdown import escape, table

    ctx = notice.context()

    def text(value: object) -> str:
        return escape(str(value))

    lines = [f"**{text(ctx['issuer'])}**", "", text(ctx["number"]), "", f"# {text(ctx['title'])}", ""]
    if notice.kind == "escalation":
        lines[4:4] = ["（督办件）", ""]
    lines += [text(ctx["addressee"]), "", text(ctx["basis"]), "", text(ctx["progress"]), ""]
    lines += [line for p in ctx["problems"] for line in (text(p), "")]
    if ctx["unreflected"]:
        lines += [text(ctx["unreflected_note"]), ""]
        lines += [f"{i}. {text(item)}" for i, item in enumerate(ctx["unreflected"], 1)] + [""]
    lines += ["## 整改要求", ""] + [line for r in ctx["requirements"] for line in (text(r), "")]
    lines += [text(ctx["deadline"] + ctx["reply"]), "", text(ctx["consequence"]), "", "附件：问题清单", ""]
    lines += [text(ctx["signature"]), "", text(ctx["date"]), ""]
    if ctx["cc"]:
        lines += [f"抄送：{text(ctx['cc'])}。", ""]
    lines += ["## 附件：问题清单", ""]
    lines += table(ANNEX_HEADERS, ([row[k] for k in ANNEX_KEYS] for row in ctx["annex"]))
    return "\n".join(lines) + "\n"


def index_rows(notices: list[tuple[Notice, str]], lang: str = "zh") -> list[list[object]]:
    """One row per notice of the run (number, kind, district, street, community, problems, due, file)."""
    rows = []
    for notice, file in notices:
        kind = KIND_NAMES[notice.kind] if lang == "zh" else notice.kind
        due = cn_date(notice.due) if lang == "zh" else notice.due.isoformat()
        rows.append([clean_text(notice.number), kind, clean_text(notice.district), clean_text(notice.street),
                     clean_text(notice.community), len(notice.problems), due, file])
    return rows


def write_index(folder: Path, notices: list[tuple[Notice, str]], lang: str = "zh") -> list[Path]:
    """``index.csv`` (UTF-8 with BOM, for Excel and WPS) and ``index.xlsx`` (text as string cells)."""
    headers = INDEX_HEADERS.get(lang, INDEX_HEADERS["zh"])
    rows = index_rows(notices, lang)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows([[neutralize(v) if isinstance(v, str) else v for v in row] for row in rows])
    csv_path = write_atomic(folder / "index.csv", buffer.getvalue().encode("utf-8-sig"))
    return [csv_path, write_atomic(folder / "index.xlsx", _xlsx(headers, rows))]


def _xlsx(headers: tuple[str, ...], rows: list[list[object]]) -> bytes:
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                        "strings_to_urls": False})
    sheet = book.add_worksheet("通知书清单")
    bold = book.add_format({"bold": True})
    for col, text in enumerate(headers):
        sheet.write_string(0, col, text, bold)
    for r, row in enumerate(rows, 1):
        for col, value in enumerate(row):
            if isinstance(value, str):
                sheet.write_string(r, col, value)  # never a formula, whatever it starts with
            else:
                sheet.write_number(r, col, value)
    sheet.set_column(0, 0, 22)
    sheet.set_column(1, 1, 11)  # 整改通知书
    sheet.set_column(2, 4, 16)  # 经济技术开发区
    sheet.set_column(6, 6, 16)  # 2022年12月31日 (was cut off by the file name when printed)
    sheet.set_column(7, 7, 46)
    # Printed: A4 landscape, one page wide (it spilled the file names onto a page of their own), the
    # heading row on every page.
    sheet.set_paper(9)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(0)
    book.close()
    return buffer.getvalue()
