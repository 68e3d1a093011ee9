"""A blank ledger for a standard: one header row the reader maps, and a 填表说明 sheet.

With ``lang="en"`` the instructions sheet is in English (named ``Instructions``, which the reader knows as
instructions, as it knows 填表说明); the ledger sheet, its title row and its headers stay Chinese, worded as
the standard words them: they are what the office fills in and what the reader maps, and the English sheet
says so.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from creatio_cli.standards.model import Standard

_HOW = {
    "number": "数字，可带单位，如 420 或 420㎡",
    "count": "整数，如 12",
    "percent": "百分比，如 92.5% 或 92.5",
    "yesno": "是/否（有/无、√/× 亦可）；不适用填 /",
    "date": "日期，如 2022-06-30",
    "text": "文字",
}
_HOW_EN = {
    "number": "a number, a unit may follow: 420 or 420㎡",
    "count": "a whole number: 12",
    "percent": "a percentage: 92.5% or 92.5",
    "yesno": "yes or no: 是/否 (有/无, √/× too); / when it does not apply",
    "date": "a date: 2022-06-30",
    "text": "text",
}
_NOTE_EN = ("The headers of the sheet 台账 stay in Chinese, as the standard words them: they are what the "
            "office fills in and what creatio reads. Keep them as they are; this sheet says what each means.")


def template_headers(standard: Standard) -> list[tuple[str, str]]:
    """(header text, field name) for every field the standard reads, the first alias with its unit."""
    out = []
    for name in standard.used_fields():
        spec = standard.fields[name]
        header = spec.aliases[0] if spec.aliases else spec.title.zh
        if spec.unit and spec.type in ("number", "percent"):
            header += f"（{spec.unit}）"
        out.append((header, name))
    return out


def write_template(standard: Standard, out: Path, lang: str = "zh") -> None:
    """Write the blank ledger to ``out`` as it is. The command passes the temp file of
    ``render.safe.atomic_target`` (the ledger layer does not import the render layer): a full disk or a
    read-only folder is exit 2 naming the real target, a device or folder is never replaced, an
    interruption leaves no temp file. ``lang`` is the language of the instructions sheet."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(out))
    bold = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
    title = book.add_format({"bold": True, "font_size": 14})
    sheet = book.add_worksheet("台账")
    headers = template_headers(standard)
    sheet.merge_range(0, 0, 0, max(len(headers) - 1, 1), f"{standard.title.zh}台账（截至    年  月  日）", title)
    for col, (header, _name) in enumerate(headers):
        sheet.write_string(1, col, header, bold)
        sheet.set_column(col, col, max(10, len(header) * 2))
    sheet.freeze_panes(2, 3)
    if lang == "en":
        _instructions_en(book, standard, headers, bold)
    else:
        _instructions_zh(book, standard, headers, bold)
    book.close()


def _instructions_zh(book: Any, standard: Standard, headers: list[tuple[str, str]], bold: Any) -> None:
    notes = book.add_worksheet("填表说明")
    notes.write_string(0, 0, "列名", bold)
    notes.write_string(0, 1, "填写要求", bold)
    notes.write_string(0, 2, "可用的列名", bold)
    for row, (header, name) in enumerate(headers, start=1):
        spec = standard.fields[name]
        notes.write_string(row, 0, header)
        notes.write_string(row, 1, _HOW[spec.type])
        notes.write_string(row, 2, "、".join(spec.aliases))
    notes.set_column(0, 0, 28)
    notes.set_column(1, 1, 36)
    notes.set_column(2, 2, 60)


def _instructions_en(book: Any, standard: Standard, headers: list[tuple[str, str]], bold: Any) -> None:
    notes = book.add_worksheet("Instructions")
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    notes.merge_range(0, 0, 0, 3, _NOTE_EN, wrap)
    notes.set_row(0, 48)
    for col, head in enumerate(("Column (as in 台账)", "Meaning", "What to write", "Other headers accepted")):
        notes.write_string(1, col, head, bold)
    for row, (header, name) in enumerate(headers, start=2):
        spec = standard.fields[name]
        notes.write_string(row, 0, header)
        notes.write_string(row, 1, spec.title.en)
        notes.write_string(row, 2, _HOW_EN[spec.type])
        notes.write_string(row, 3, ", ".join(spec.aliases))
    notes.set_column(0, 0, 28)
    notes.set_column(1, 1, 36)
    notes.set_column(2, 2, 40)
    notes.set_column(3, 3, 60)
