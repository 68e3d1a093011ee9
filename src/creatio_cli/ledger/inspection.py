"""What `creatio inspect` reports: the reader's decisions as data, and as text for people."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from creatio_cli.ledger.header import AliasIndex
from creatio_cli.ledger.load import _as_of_hint, plan_workbook
from creatio_cli.ledger.reader import read_workbook
from creatio_cli.standards.model import Standard

_ROLE_ZH = {"ledger": "台账", "instructions": "填表说明", "hidden": "隐藏（跳过）", "empty": "空表（跳过）",
            "other": "非台账（跳过）"}
_REASON_ZH = {"column-number row": "列序号行", "total row (小计/合计)": "小计/合计行", "footer": "表尾（说明/审核人等）",
              "no community name": "无社区名称"}


def inspect_ledger(path: Path, standard: Standard, *, sheet: str | None = None,
                   header_rows: int | None = None) -> dict[str, Any]:
    """The reading of ``path`` as a JSON-ready dict (sheets, mappings, fields not found, rows)."""
    book = read_workbook(Path(path), sheet)
    plans = plan_workbook(book, standard, header_rows=header_rows, sheet=sheet)
    index = AliasIndex(standard)
    used = standard.used_fields()
    sheets = []
    for plan in plans:
        info = plan.info
        found = {c.field for c in info.columns}
        sheets.append({
            "sheet": info.sheet, "role": info.role, "note": info.note,
            "header_rows": list(info.header_rows),
            "columns": [{"cell": c.letter, "header": c.header, "field": c.field,
                         "title": standard.fields[c.field].title.zh, "alias": c.alias} for c in info.columns],
            "unmapped": [{"cell": letter, "header": header} for letter, header in info.unmapped],
            "missing_fields": [{"field": f, "title": standard.fields[f].title.zh,
                                "aliases_tried": index.tried(f, standard)}
                               for f in used if info.role == "ledger" and f not in found
                               and not standard.fields[f].derive_from],
            "rows_kept": info.rows_kept,
            "rows_dropped": [{"row": r, "reason": reason} for r, reason in info.rows_dropped],
        })
    hint = _as_of_hint([p for p in plans if p.info.role == "ledger"])
    return {"file": str(path), "standard": standard.id, "as_of_hint": hint.isoformat() if hint else None,
            "sheets": sheets}


def describe(report: dict[str, Any], lang: str) -> str:
    """The inspection as text for a person fixing a mapping."""
    zh = lang != "en"
    lines = [f"{'文件' if zh else 'file'}: {report['file']}   {'标准' if zh else 'standard'}: {report['standard']}"]
    if report["as_of_hint"]:
        lines.append(f"{'台账日期' if zh else 'date in title rows'}: {report['as_of_hint']}")
    for sheet in report["sheets"]:
        role = _ROLE_ZH.get(sheet["role"], sheet["role"]) if zh else sheet["role"]
        lines.append("")
        lines.append(f"[{sheet['sheet']}] {role}")
        if sheet["role"] != "ledger":
            continue
        rows = "、".join(map(str, sheet["header_rows"]))
        lines.append(f"  {'表头行' if zh else 'header rows'}: {rows}")
        for col in sheet["columns"]:
            lines.append(f"  {col['cell']:>3}  {col['header']}  →  {col['field']}（{col['title']}）")
        for col in sheet["unmapped"]:
            lines.append(f"  {col['cell']:>3}  {col['header']}  →  {'未对应字段' if zh else 'unmapped'}")
        for miss in sheet["missing_fields"]:
            tried = "、".join(miss["aliases_tried"])
            lines.append(f"  {'未找到' if zh else 'not found'}: {miss['field']}（{miss['title']}） "
                         f"{'已尝试' if zh else 'tried'}: {tried}")
        lines.append(f"  {'保留数据行' if zh else 'rows kept'}: {sheet['rows_kept']}")
        for drop in sheet["rows_dropped"]:
            reason = _REASON_ZH.get(drop["reason"], drop["reason"]) if zh else drop["reason"]
            lines.append(f"  {'跳过第' if zh else 'dropped row'} {drop['row']} {'行' if zh else ''}: {reason}")
    return "\n".join(lines)
