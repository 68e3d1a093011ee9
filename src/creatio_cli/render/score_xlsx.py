"""The score workbook (xlsxwriter): summary, rankings, pass rates, departments, findings, files, a chart.

* Every text cell goes through ``write_string`` and the workbook turns off strings_to_formulas/numbers/
  urls, so a community named ``=HYPERLINK(…)`` stays text (design.md safety rules).
* The document author is ``creatio`` (docProps/core.xml): ``batch.written_by_creatio`` recognises the
  report and ``score`` never reads it back as a ledger, even when it is written into the folder.
* Written to a temp file beside the target, then ``os.replace``-d onto it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from creatio_cli.batch import CREATOR
from creatio_cli.render.safe import atomic_target
from creatio_cli.render.score_text import columns

_ZH_EN = {
    "summary": ("汇总", "Summary"), "communities": ("社区排名", "Communities"), "streets": ("街道排名", "Streets"),
    "districts": ("区县排名", "Districts"), "indicators": ("指标达标率", "Pass rates"),
    "departments": ("责任单位", "Departments"), "findings": ("问题明细", "Findings"), "files": ("文件", "Files"),
}
_PERCENT_KEYS = {"completion", "share_compliant", "share_behind_schedule", "pass_rate", "mean_completion"}


def _t(key: str, lang: str) -> str:
    return _ZH_EN[key][1 if lang == "en" else 0]


class _Book:
    """Typed cell writing (str → write_string) and the shared formats."""

    def __init__(self, path: str) -> None:
        import xlsxwriter

        self.wb = xlsxwriter.Workbook(path, {"strings_to_formulas": False, "strings_to_numbers": False,
                                             "strings_to_urls": False})
        self.head = self.wb.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True})
        self.pct = self.wb.add_format({"num_format": "0.0%"})
        self.num = self.wb.add_format({"num_format": "0.##"})

    def put(self, ws: Any, r: int, c: int, value: object, key: str = "") -> None:
        if value is None:
            return
        if isinstance(value, str):
            ws.write_string(r, c, value)
        elif isinstance(value, bool):
            ws.write_boolean(r, c, value)
        elif isinstance(value, int | float):
            ws.write_number(r, c, value, self.pct if key in _PERCENT_KEYS else self.num)
        else:
            ws.write_string(r, c, ", ".join(map(str, value)) if isinstance(value, list | tuple) else str(value))

    def table(self, name: str, headers: list[str], keys: list[str], rows: list[list[object]]) -> Any:
        """A sheet with a frozen, filtered header row."""
        ws = self.wb.add_worksheet(name)
        for c, h in enumerate(headers):
            ws.write_string(0, c, h, self.head)
            ws.set_column(c, c, max(8, min(30, 2 * len(h) + 2)))
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row):
                self.put(ws, r, c, value, keys[c])
        ws.freeze_panes(1, 0)
        ws.autofilter(0, 0, max(len(rows), 1), len(headers) - 1)
        return ws


def write_score_xlsx(result: Any, output: Path, lang: str) -> list[Path]:
    """Write the score workbook to ``output`` atomically; returns [output]."""
    output = Path(output)
    with atomic_target(output) as tmp:
        _build(result, str(tmp), lang)
    return [output]


def _build(result: Any, path: str, lang: str) -> None:
    en = lang == "en"
    book = _Book(path)
    book.wb.set_properties({"author": CREATOR, "title": "creatio score", "comments": "creatio score report"})
    check = result.check
    ok = sum(f.status == "ok" for f in check.files)
    summary = [
        ("standard", "标准", check.standard.title.get(lang)), ("as of", "截至日期", check.as_of.isoformat()),
        ("expected progress", "序时进度", check.expected_progress),
        ("files read", "读取文件", ok), ("files skipped", "跳过文件", len(check.files) - ok),
        ("communities", "社区数", check.summary.communities), ("compliant", "达标", check.summary.compliant),
        ("with shortfalls", "有问题", check.summary.with_shortfalls),
        ("behind schedule", "慢序时", check.summary.behind_schedule),
        *((g.get("en"), g.get("zh"), n) for g, n in result.grades),
    ]
    ws = book.table(_t("summary", lang), ["Item" if en else "项目", "Value" if en else "数值"], ["", ""],
                    [[en_ if en else zh, v] for en_, zh, v in summary])
    ws.write_number(3, 1, check.expected_progress, book.pct)
    ws.set_column(0, 0, 18)
    ws.set_column(1, 1, 30)

    cols = columns(result)
    book.table(_t("communities", lang), [c[2] if en else c[1] for c in cols], [c[0] for c in cols],
               [[e.to_dict(lang).get(c[0]) for c in cols] for e in result.communities])
    group_keys = ["rank", "district", "street", "communities", "mean_score", "mean_completion",
                  "share_compliant", "share_behind_schedule"]
    group_heads = (["Rank", "District", "Street", "Communities", "Mean score", "Mean completion", "Compliant",
                    "Behind schedule"] if en else
                   ["排名", "区县", "街道", "社区数", "平均分", "平均完成率", "达标率", "慢序时比例"])
    streets = book.table(_t("streets", lang), group_heads, group_keys,
                         [[g.to_dict().get(k) for k in group_keys] for g in result.streets])
    no_street = [k for k in group_keys if k != "street"]
    book.table(_t("districts", lang), [h for h, k in zip(group_heads, group_keys, strict=True) if k != "street"],
               no_street, [[g.to_dict().get(k) for k in no_street] for g in result.districts])
    _street_chart(book, streets, result, lang)

    keys = ["indicator", "title", "met", "applicable", "pass_rate"]
    book.table(_t("indicators", lang), ["Indicator", "Title", "Met", "Applicable", "Pass rate"] if en else
               ["指标", "指标名称", "达标", "适用", "达标率"], keys,
               [[p.to_dict(lang)[k] for k in keys] for p in result.pass_rates])
    keys = ["department", "findings", "communities", "shortfall", "missing", "invalid"]
    book.table(_t("departments", lang), ["Department", "Findings", "Communities", "Shortfall", "Missing",
                                         "Invalid"] if en else ["责任单位", "问题数", "涉及社区", "未达标", "缺填", "无效"],
               keys, [[d.to_dict()[k] for k in keys] for d in result.departments])
    keys = ["district", "street", "community", "indicator", "title", "status", "actual", "required", "gap",
            "unit", "points_lost", "cell", "raw", "department", "file"]
    heads = (["District", "Street", "Community", "Indicator", "Title", "Status", "Actual", "Required", "Gap",
              "Unit", "Points lost", "Cell", "Raw", "Department", "File"] if en else
             ["区县", "街道", "社区", "指标", "指标名称", "状态", "实际", "要求", "差距", "单位", "失分", "单元格",
              "原始值", "责任单位", "文件"])
    rows = [[c.district, c.street, c.community, f.indicator, f.title.get(lang), f.status, f.actual, f.required, f.gap,
             f.unit, f.points_lost, f.cell, f.raw, f.department, c.source.file]
            for c in check.communities for f in c.findings]
    book.table(_t("findings", lang), heads, keys, rows)
    keys = ["path", "status", "reason", "communities", "sheets"]
    book.table(_t("files", lang), ["File", "Status", "Reason", "Communities", "Sheets"] if en else
               ["文件", "状态", "原因", "社区数", "工作表"], keys, [[f.to_dict(lang)[k] for k in keys] for f in check.files])
    book.wb.close()


def _street_chart(book: _Book, streets_ws: Any, result: Any, lang: str) -> None:
    """A native bar chart of the street mean scores, beside the street ranking."""
    n = len(result.streets)
    if not n:
        return
    chart = book.wb.add_chart({"type": "bar"})
    name = _t("streets", lang)
    chart.add_series({
        "name": "Mean score" if lang == "en" else "平均分",
        "categories": [name, 1, 2, n, 2],
        "values": [name, 1, 4, n, 4],
        "data_labels": {"value": True, "num_format": "0.0"},
    })
    chart.set_title({"name": "Street mean scores" if lang == "en" else "各街道平均分"})
    chart.set_x_axis({"reverse": True})  # bar charts: x is the category axis; best street on top
    chart.set_legend({"none": True})
    chart.set_size({"width": 640, "height": max(320, 22 * n + 80)})
    streets_ws.insert_chart(1, 9, chart)
