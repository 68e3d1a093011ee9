"""What `creatio inspect` reports: the reader's decisions as data, and as text for people.

The data (``inspect_ledger``) is the ``--json`` output; ``describe`` lays it out so that a user can see in
one screen which column became which field, which did not and why, and which rows were dropped.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

from creatio_cli.errors import LedgerError
from creatio_cli.ledger.header import AliasIndex, guess_header_row
from creatio_cli.ledger.load import _as_of_hint, ledger_from_plans, plan_workbook
from creatio_cli.ledger.reader import read_workbook
from creatio_cli.standards.model import Standard

_ROLE = {"ledger": ("台账", "ledger"), "instructions": ("填表说明（跳过）", "instructions (skipped)"),
         "hidden": ("隐藏（跳过）", "hidden (skipped)"), "empty": ("空表（跳过）", "empty (skipped)"),
         "other": ("非台账（跳过）", "not a ledger (skipped)")}
_NOTE = {"hidden sheet": "隐藏工作表", "no ledger header found": "未找到台账表头（无社区列）",
         "no 街道 column: street taken from the sheet name": "无街道列：街道取自工作表名"}
_REASON = {"column-number row": "列序号行", "total row (小计/合计)": "小计/合计行", "footer": "表尾（说明/审核人等）",
           "no community name": "无社区名称"}


def inspect_ledger(path: Path, standard: Standard, *, sheet: str | None = None,
                   header_rows: int | None = None, lang: str = "zh") -> dict[str, Any]:
    """The reading of ``path`` as a JSON-ready dict (sheets, mappings, fields not found, rows, warnings)."""
    book = read_workbook(Path(path), sheet)
    plans = plan_workbook(book, standard, header_rows=header_rows, sheet=sheet)
    index = AliasIndex(standard)
    used = standard.used_fields()
    sheets = []
    for plan in plans:
        info = plan.info
        found = {c.field for c in info.columns}
        guess = guess_header_row(plan.raw) if info.role in ("other", "instructions") else None
        sheets.append({
            "sheet": info.sheet, "role": info.role, "note": info.note,
            "header_rows": list(info.header_rows),
            "columns": [{"cell": c.letter, "header": c.header, "field": c.field,
                         "title": standard.fields[c.field].title.zh, "title_en": standard.fields[c.field].title.en,
                         "alias": c.alias} for c in info.columns],
            "unmapped": [{"cell": letter, "header": header} for letter, header in info.unmapped],
            "competing": [{"field": f, "used": {"cell": uc, "header": uh}, "ignored": {"cell": oc, "header": oh}}
                          for f, uc, uh, oc, oh in plan.competing],
            "missing_fields": [{"field": f, "title": standard.fields[f].title.zh,
                                "aliases_tried": index.tried(f, standard)}
                               for f in used if info.role == "ledger" and f not in found
                               and not standard.fields[f].derive_from
                               and not (f == "street" and plan.street_from_name)],
            "headers_seen": {"row": guess[0], "headers": guess[1]} if guess else None,
            "rows_kept": info.rows_kept,
            "rows_dropped": [{"row": r, "reason": reason} for r, reason in info.rows_dropped],
        })
    ledger_plans = [p for p in plans if p.info.role == "ledger"]
    hint = _as_of_hint(ledger_plans)
    report: dict[str, Any] = {
        "file": str(path), "standard": standard.id, "as_of_hint": hint.isoformat() if hint else None,
        "ledger_found": bool(ledger_plans), "sheets": sheets, "warnings": [], "error": None,
    }
    if not ledger_plans:
        report["community_aliases_tried"] = index.tried("community", standard)
    try:
        report["warnings"] = [w.to_dict(lang) for w in ledger_from_plans(book, plans, standard).warnings]
    except LedgerError as exc:
        report["error"] = exc.message.render(lang)
    return report


def describe(report: dict[str, Any], lang: str) -> str:
    """The inspection as text for a person fixing a mapping (Chinese, or English with lang="en")."""
    zh = lang != "en"

    def t(chinese: str, english: str) -> str:
        return chinese if zh else english

    lines = [f"{t('文件', 'file')}: {report['file']}    {t('标准', 'standard')}: {report['standard']}",
             f"{t('台账日期（标题行中的截至/填报日期）', 'as-of date in the title rows')}: "
             f"{report['as_of_hint'] or t('未找到', 'not found')}"]
    for sheet in report["sheets"]:
        role = _ROLE.get(sheet["role"], (sheet["role"], sheet["role"]))[0 if zh else 1]
        lines += ["", f"{t('工作表', 'sheet')}「{sheet['sheet']}」 — {role}"]
        if sheet["note"]:
            lines.append(f"  {_note(sheet['note']) if zh else sheet['note']}")
        if sheet["role"] == "ledger":
            lines += _ledger_lines(sheet, zh, t)
        elif sheet["headers_seen"]:
            seen = sheet["headers_seen"]
            lines.append(f"  {t('未找到社区列；第', 'no community column; row')} {seen['row']} "
                         f"{t('行的表头', 'reads')}: {' | '.join(seen['headers'][:20])}")
    if not report["ledger_found"]:
        lines += ["", t("没有可用的台账工作表：找不到社区列。已尝试的表头：",
                        "No ledger sheet: no community column. Headers tried: ")
                  + "、".join(report.get("community_aliases_tried", []))]
    elif report["error"]:
        lines += ["", f"{t('错误', 'error')}: {report['error']}"]
    if report["warnings"]:
        lines += ["", t(f"提示（{len(report['warnings'])} 条）:", f"warnings ({len(report['warnings'])}):")]
        for w in report["warnings"]:
            where = " ".join(x for x in (f"[{w['sheet']}]" if w["sheet"] else "", w["cell"] or "") if x)
            lines.append(f"  {where}  {w['message']}")
    return "\n".join(line.rstrip() for line in lines)


def _ledger_lines(sheet: dict[str, Any], zh: bool, t) -> list[str]:
    rows = sheet["header_rows"]
    band = f"{rows[0]}–{rows[-1]}" if len(rows) > 1 else str(rows[0])
    out = [f"  {t('表头', 'header')}: {t('第', 'row' + ('s' if len(rows) > 1 else ''))} {band} {t('行', '')}".rstrip()]
    table = [(c["cell"], c["header"], f"{c['field']}  {c['title'] if zh else c['title_en']}", c["alias"])
             for c in sheet["columns"]]
    table += [(c["cell"], c["header"], t("—（未对应字段）", "— (unmapped)"), "") for c in sheet["unmapped"]]
    table.sort(key=lambda r: (len(r[0]), r[0]))
    head = (t("列", "col"), t("表头", "header"), t("字段", "field"), t("匹配别名", "alias matched"))
    widths = [max(_width(r[i]) for r in [head, *table]) for i in range(3)]
    for row in [head, *table]:
        out.append("    " + "  ".join(_pad(row[i], widths[i]) for i in range(3)) + "  " + row[3])
    for c in sheet["competing"]:
        out.append(f"  {t('两列可作同一字段', 'two columns for one field')} {c['field']}: "
                   f"{t('采用', 'used')} {c['used']['cell']}「{c['used']['header']}」，"
                   f"{t('未用', 'ignored')} {c['ignored']['cell']}「{c['ignored']['header']}」"
                   f"{t('（按别名优先级）', ' (alias precedence)')}")
    for miss in sheet["missing_fields"]:
        out.append(f"  {t('未找到', 'not found')}: {miss['field']} {miss['title']} — "
                   f"{t('已尝试', 'tried')}: {'、'.join(miss['aliases_tried'])}")
    dropped = sheet["rows_dropped"]
    out.append(f"  {t('数据行', 'data rows')}: {t('保留', 'kept')} {sheet['rows_kept']}，"
               f"{t('跳过', 'dropped')} {len(dropped)}")
    by_reason: dict[str, list[int]] = {}
    for d in dropped:
        by_reason.setdefault(d["reason"], []).append(d["row"])
    for reason, numbers in by_reason.items():
        label = _REASON.get(reason, reason) if zh else reason
        out.append(f"    {label}: {t('第', 'rows')} {_ranges(numbers)} {t('行', '')}".rstrip())
    return out


def _note(note: str) -> str:
    for english, chinese in _NOTE.items():
        if note.startswith(english):
            return chinese + note[len(english):]
    return note


def _ranges(numbers: list[int]) -> str:
    """[5, 13, 84, 85, 86] → "5、13、84–86"."""
    parts: list[str] = []
    start = prev = numbers[0]
    for n in [*numbers[1:], None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        parts.append(str(start) if start == prev else f"{start}–{prev}")
        if n is not None:
            start = prev = n
    return "、".join(parts)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
