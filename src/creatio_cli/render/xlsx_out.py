"""The xlsx report via xlsxwriter: 汇总/Summary, 社区/Communities, 问题明细/Findings.

* Written in ``constant_memory`` mode (each row is flushed as soon as the next starts), so memory stays
  flat for 100k communities; every sheet is therefore written strictly top to bottom.
* Every text goes through ``write_string`` and the workbook is opened with ``strings_to_formulas``,
  ``strings_to_numbers`` and ``strings_to_urls`` off: a community named ``=cmd|' /C calc'!A0`` is a
  string cell, byte for byte, never a formula (design.md safety rules).
* Atomic: the workbook is built in a temp file beside the target and ``os.replace``-d onto it.
* The findings sheet is capped at :data:`MAX_XLSX_FINDINGS` rows (xlsxwriter writes ~7k rows/s, and a
  sheet people scroll is not where 1M rows belong); past it the first rows, a note row, and the full CSV
  ``<stem>.findings.csv`` beside the workbook.
"""

from __future__ import annotations

from itertools import islice
from pathlib import Path
from typing import Any

import xlsxwriter

from creatio_cli.render import coverage as cov
from creatio_cli.render.csv_out import render_csv
from creatio_cli.render.i18n import t
from creatio_cli.render.output import REPORT_AUTHOR, Target
from creatio_cli.render.records import COLUMNS, COUNT_KEYS, PERCENT_COLUMNS, PROBLEM_STATUSES, iter_finding_values
from creatio_cli.render.safe import atomic_target, write_atomic
from creatio_cli.render.xlsx_layout import print_setup, widest
from creatio_cli.results import CheckResult

MAX_XLSX_FINDINGS = 200_000

_WIDTHS: dict[str, int] = {
    "district": 12, "street": 14, "community": 16, "file": 24, "sheet": 10, "row": 6, "score": 8,
    "max_score": 8, "completion": 9, "expected_progress": 10, "behind_schedule": 8, "grade": 8,
    "indicator": 26, "title": 24, "category": 12, "status": 9, "actual": 9, "required": 9, "gap": 9,
    "unit": 6, "points": 7, "points_lost": 7, "cell": 8, "raw": 12, "department": 14, "basis": 30,
    "deadline": 11, "overdue": 6, "met_total": 10, "assessed": 10,
}
_COMMUNITY_SHEET: tuple[str, ...] = (
    "district", "street", "community", "score", "max_score", "completion", "expected_progress",
    "behind_schedule", "grade", "met_total",
)


def _fitted_widths(result: CheckResult, lang: str) -> dict[str, int]:
    """Widths of the district, street, community and title columns from the longest text they hold (never narrower than ``_WIDTHS``)."""
    communities = result.communities
    return {
        "district": widest((c.district for c in communities), _WIDTHS["district"]),
        "street": widest((c.street for c in communities), _WIDTHS["street"]),
        "community": widest((c.community for c in communities), _WIDTHS["community"]),
        "title": widest((s.title.get(lang) for s in result.summary.by_indicator), _WIDTHS["title"]),
    }


class _Writer:
    """Cell writing with the type discipline above: str → write_string, numbers → write_number."""

    def __init__(self, wb: Any) -> None:
        self.header = wb.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True,
                                     "valign": "top"})
        self.pct = wb.add_format({"num_format": "0.0%"})
        self.num = wb.add_format({"num_format": "0.##"})
        self.bad = wb.add_format({"bg_color": "#FFC7CE", "font_color": "#9C0006"})
        self.late = wb.add_format({"bg_color": "#FFEB9C", "font_color": "#9C5700"})
        self.late_pct = wb.add_format({"bg_color": "#FFEB9C", "font_color": "#9C5700", "num_format": "0.0%"})
        self.bold = wb.add_format({"bold": True})
        self.note = wb.add_format({"italic": True, "font_color": "#9C0006"})

    def cell(self, ws: Any, r: int, c: int, value: Any, fmt: Any = None) -> None:
        if value is None:
            if fmt is not None:
                ws.write_blank(r, c, None, fmt)
        elif isinstance(value, str):
            ws.write_string(r, c, value, fmt)
        elif isinstance(value, bool):
            ws.write_boolean(r, c, value, fmt)
        elif isinstance(value, int | float):
            ws.write_number(r, c, value, fmt if fmt is not None else self.num)
        else:
            ws.write_string(r, c, str(value), fmt)

    def head(self, ws: Any, r: int, keys: tuple[str, ...], lang: str, widths: dict[str, int] | None = None) -> None:
        for c, key in enumerate(keys):
            ws.write_string(r, c, t(key, lang), self.header)
            ws.set_column(c, c, (widths or {}).get(key, _WIDTHS.get(key, 10)))
        ws.repeat_rows(r)  # printed: the heading row on every page


def _summary_sheet(wb: Any, w: _Writer, result: CheckResult, lang: str, widths: dict[str, int]) -> None:
    ws = wb.add_worksheet(t("summary", lang))
    s, std, camp = result.summary, result.standard, result.campaign
    ws.set_column(0, 0, 26)
    ws.set_column(1, 1, max(30, widths["title"]))
    ws.set_column(2, 7, 10)
    print_setup(ws, landscape=True, fit_width=True)
    conv = t(camp.convention, lang) if camp.convention in ("day", "month") else camp.convention
    facts: list[tuple[str, Any, Any]] = [
        ("standard", std.title.get(lang), None), ("standard_id", std.id, None), ("standard_version", std.version, None),
        ("as_of", result.as_of.isoformat(), None),
        ("campaign", f"{camp.start.isoformat()} – {camp.deadline.isoformat()} ({conv})", None),
        ("expected_progress", result.expected_progress, w.pct), ("communities", s.communities, None),
        ("compliant", s.compliant, None), ("with_shortfalls", s.with_shortfalls, None),
        ("behind_schedule_n", s.behind_schedule, None),
    ]
    coverage = cov.coverage(result)
    facts.append(("assessed", f"{coverage.assessed}/{coverage.total}", w.bad if not coverage.complete else None))
    shown = {"compliant": coverage.compliant_label(lang), "assessed": coverage.assessed_label(lang)}
    for r, (key, value, fmt) in enumerate(facts):
        ws.write_string(r, 0, shown.get(key) or t(key, lang), w.bold)
        w.cell(ws, r, 1, value, fmt)
    r = len(facts) + 1
    keys = ("indicator", "title", *COUNT_KEYS)
    ws.write_string(r, 0, t("by_indicator", lang), w.bold)
    r += 1
    first = r
    for c, key in enumerate(keys):
        ws.write_string(r, c, t(key, lang), w.header)
    for item in s.by_indicator:
        r += 1
        for c, key in enumerate(keys):
            value = item.title.get(lang) if key == "title" else getattr(item, key)
            w.cell(ws, r, c, value, w.bad if key in PROBLEM_STATUSES and value else None)
    ws.autofilter(first, 0, r, len(keys) - 1)
    if result.unassessed:
        r += 2
        ws.write_string(r, 0, t("unassessed_heading", lang), w.bold)
        ws.write_string(r, 1, coverage.sentence(lang), w.bad)
        r += 1
        for c, key in enumerate(cov.COLUMNS):
            ws.write_string(r, c, t(key, lang), w.header)
        unassessed_rows = cov.rows(result, lang)
        for row in unassessed_rows:
            r += 1
            for c, value in enumerate(row):
                w.cell(ws, r, c, value)
        # Its field, files and "did you mean" share columns with the counts above (10 wide): widened to what
        # they hold, or a field name ran into the file name beside it.
        for c in range(2, len(cov.COLUMNS)):
            ws.set_column(c, c, widest((str(row[c]) for row in unassessed_rows if row[c] is not None), 10))
    problems = [f for f in result.files if f.status != "ok"]
    if problems or result.warnings:
        r += 2
        ws.write_string(r, 0, t("warnings", lang), w.bold)
        for c, key in enumerate(("file", "sheet", "cell", "message")):
            ws.write_string(r + 1, c, t(key, lang), w.header)
        r += 1
        for f in problems:
            r += 1
            w.cell(ws, r, 0, f.path)
            w.cell(ws, r, 3, f.reason.render(lang) if f.reason else t(f.status, lang), w.bad)
        for warn in result.warnings:
            r += 1
            for c, value in enumerate((warn.file, warn.sheet, warn.cell, warn.message.render(lang))):
                w.cell(ws, r, c, value)


def _communities_sheet(wb: Any, w: _Writer, result: CheckResult, lang: str, widths: dict[str, int]) -> None:
    ws = wb.add_worksheet(t("sheet_communities", lang))
    partial = any(c.indicators_assessed < c.indicators_total for c in result.communities)
    keys = _COMMUNITY_SHEET + (("assessed",) if partial else ())
    w.head(ws, 0, keys, lang, widths)
    print_setup(ws, landscape=False, fit_width=True)
    ws.freeze_panes(1, 0)
    yes, no = t("yes", lang), t("no", lang)
    r = 0
    for c in result.communities:
        r += 1
        late = c.behind_schedule
        row = (c.district, c.street, c.community, c.score, c.max_score, c.completion, c.expected_progress,
               yes if late else no, c.grade.get(lang) if c.grade else "", f"{c.indicators_met}/{c.indicators_total}",
               *((cov.community_assessed(c),) if partial else ()))
        for col, (key, value) in enumerate(zip(keys, row, strict=True)):
            if key in PERCENT_COLUMNS:
                fmt = w.late_pct if late else w.pct
            elif late:
                fmt = w.late
            elif key == "community" and not c.compliant:
                fmt = w.bad
            else:
                fmt = None
            w.cell(ws, r, col, value, fmt)
    ws.autofilter(0, 0, max(r, 1), len(keys) - 1)


def _findings_sheet(wb: Any, w: _Writer, result: CheckResult, lang: str, csv_path: Path,
                    widths: dict[str, int]) -> bool:
    """Write the findings; return True when the cap cut them (the caller then writes the CSV)."""
    ws = wb.add_worksheet(t("sheet_findings", lang))
    w.head(ws, 0, COLUMNS, lang, widths)
    print_setup(ws, landscape=True, fit_width=False, title_columns=3)  # 28 columns: too wide to shrink
    ws.freeze_panes(1, 3)
    status_col = COLUMNS.index("status")
    bad_labels = {t(s, lang) for s in PROBLEM_STATUSES}
    pct_cols = {COLUMNS.index(c) for c in PERCENT_COLUMNS}
    rows = iter_finding_values(result, lang)
    r = 0
    for values in islice(rows, MAX_XLSX_FINDINGS):
        r += 1
        for col, value in enumerate(values):
            if col in pct_cols:
                fmt = w.pct
            elif col == status_col and value in bad_labels:
                fmt = w.bad
            else:
                fmt = None
            w.cell(ws, r, col, value, fmt)
    truncated = next(rows, None) is not None
    ws.autofilter(0, 0, max(r, 1), len(COLUMNS) - 1)
    if truncated:
        note = t("truncated_note", lang).format(limit=MAX_XLSX_FINDINGS, csv=csv_path.name)
        ws.write_string(r + 1, 0, note, w.note)
    return truncated


def findings_csv_path(path: Path) -> Path:
    """Where the full findings CSV goes when the xlsx sheet is capped: ``<stem>.findings.csv``."""
    return path.with_name(f"{path.stem}.findings.csv")


def write_xlsx(result: CheckResult, path: Path, lang: str = "zh") -> list[Path]:
    """Write the workbook atomically; return every path written (the xlsx, then the CSV if capped)."""
    path = Path(path)
    csv_path = findings_csv_path(path)
    with atomic_target(path) as tmp:
        wb = xlsxwriter.Workbook(str(tmp), {
            "constant_memory": True, "strings_to_formulas": False, "strings_to_numbers": False,
            "strings_to_urls": False, "nan_inf_to_errors": True,
        })
        # The author marks creatio's own reports so `score` never reads them back as ledgers.
        wb.set_properties({"author": REPORT_AUTHOR, "title": "creatio check"})
        w = _Writer(wb)
        widths = _fitted_widths(result, lang)
        _summary_sheet(wb, w, result, lang, widths)
        _communities_sheet(wb, w, result, lang, widths)
        truncated = _findings_sheet(wb, w, result, lang, csv_path, widths)
        wb.close()
    if not truncated:
        return [path]
    write_atomic(csv_path, render_csv(result, lang))
    return [path, csv_path]


def emit(result: CheckResult, target: Target) -> list[Path]:
    """The workbook to ``target.output`` (xlsx never goes to stdout: ``resolve_format`` refuses it)."""
    if target.output is None:
        from creatio_cli.errors import UsageError

        raise UsageError("option.xlsx_needs_output")
    return write_xlsx(result, target.output, target.lang)
