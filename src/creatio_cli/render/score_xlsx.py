"""The score workbook (xlsxwriter): summary, rankings (communities, 十佳 / 十差, streets, districts, partner
units), pass rates, departments, with a baseline the 新增 / 已整改 / 仍未整改 sheet, findings, files, a chart.

* Sheets and columns are the blocks of ``render.score_rows`` — the same labels as every other report
  (未达标 and 是/否, never ``shortfall`` or TRUE/FALSE); a sheet lists what could not be assessed when
  some indicator was not.
* Every text cell goes through ``write_string`` and the workbook turns off strings_to_formulas/numbers/
  urls, so a community named ``=HYPERLINK(…)`` stays text (design.md safety rules).
* The document author is ``creatio`` (docProps/core.xml): ``batch.written_by_creatio`` recognises the
  report and ``score`` never reads it back as a ledger, even when it is written into the folder.
* Written to a temp file beside the target, then ``os.replace``-d onto it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from creatio_cli.render import score_rows as rows
from creatio_cli.render.i18n import t
from creatio_cli.render.output import REPORT_AUTHOR, Target
from creatio_cli.render.safe import atomic_target


class _Book:
    """Typed cell writing (str → write_string) and the shared formats."""

    def __init__(self, path: str) -> None:
        import xlsxwriter

        self.wb = xlsxwriter.Workbook(path, {"strings_to_formulas": False, "strings_to_numbers": False,
                                             "strings_to_urls": False, "nan_inf_to_errors": True})
        self.head = self.wb.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True})
        self.pct = self.wb.add_format({"num_format": "0.0%"})
        self.num = self.wb.add_format({"num_format": "0.##"})
        self.bad = self.wb.add_format({"bg_color": "#FFC7CE", "font_color": "#9C0006"})

    def put(self, ws: Any, r: int, c: int, value: object, key: str = "") -> None:
        if value is None:
            return
        if isinstance(value, str):
            ws.write_string(r, c, value)
        elif isinstance(value, int | float) and not isinstance(value, bool):
            ws.write_number(r, c, value, self.pct if key in rows.PERCENT_KEYS else self.num)
        else:  # never a bare boolean: score_rows gives 是/否 labels
            ws.write_string(r, c, str(value))

    def sheet(self, block: rows.Block) -> Any:
        """A sheet with a frozen, filtered header row."""
        ws = self.wb.add_worksheet(block.heading)
        for c, h in enumerate(block.headers):
            ws.write_string(0, c, h, self.head)
            ws.set_column(c, c, max(8, min(30, 2 * len(h) + 2)))
        for r, row in enumerate(block.rows, start=1):
            for c, value in enumerate(row):
                self.put(ws, r, c, value, block.keys[c])
        ws.freeze_panes(1, 0)
        ws.autofilter(0, 0, max(len(block.rows), 1), len(block.headers) - 1)
        return ws


def write_score_xlsx(result: Any, output: Path, lang: str) -> list[Path]:
    """Write the score workbook to ``output`` atomically; returns [output]."""
    output = Path(output)
    with atomic_target(output) as tmp:
        _build(result, str(tmp), lang)
    return [output]


def emit(result: Any, target: Target) -> list[Path]:
    """The workbook to ``target.output`` (xlsx never goes to stdout: ``resolve_format`` refuses it)."""
    if target.output is None:
        from creatio_cli.errors import UsageError

        raise UsageError("option.xlsx_needs_output")
    return write_score_xlsx(result, target.output, target.lang)


def _build(result: Any, path: str, lang: str) -> None:
    book = _Book(path)
    book.wb.set_properties({"author": REPORT_AUTHOR, "title": "creatio score", "comments": "creatio score report"})
    facts = rows.facts(result, lang)
    # A tie a 十佳 / 十差 list cuts through is said on its sheet and here.
    for heading, which in zip(rows.list_headings(result, lang), ("top", "bottom"), strict=True):
        note = rows.tie_note(result, lang, which) if result.top else None
        if note:
            facts.append(rows.Fact(heading, note))
    ws = book.sheet(rows.Block(t("summary", lang), ("item", "value"), [t("item", lang), t("value", lang)],
                               [[f.label, f.value] for f in facts]))
    for r, fact in enumerate(facts, start=1):
        if fact.key in rows.PERCENT_KEYS:
            ws.write_number(r, 1, fact.value, book.pct)
        elif fact.key == "assessed":
            ws.write_string(r, 1, fact.value, book.bad)
    ws.set_column(0, 0, 18)
    ws.set_column(1, 1, 30)
    book.sheet(rows.ranking(result, lang))
    for block in rows.top_bottom(result, lang):
        ws = book.sheet(block)
        if block.note:  # the tie the list cuts through, under the table
            ws.write_string(len(block.rows) + 2, 0, block.note)
    streets = rows.groups(result, lang, streets=True)
    streets_ws = book.sheet(streets)
    book.sheet(rows.groups(result, lang, streets=False))
    _street_chart(book, streets_ws, streets, lang)
    partners = rows.partners(result, lang)
    if partners is not None:
        book.sheet(partners)
    unassessed = rows.unassessed(result, lang)
    if unassessed is not None:  # a sheet name has at most 31 characters: the short label
        book.sheet(rows.Block(t("sheet_unassessed", lang), unassessed.keys, unassessed.headers, unassessed.rows))
    book.sheet(rows.pass_rates(result, lang))
    book.sheet(rows.departments(result, lang))
    gaps = rows.gaps(result, lang)
    if gaps is not None:
        book.sheet(gaps)
    book.sheet(rows.findings(result, lang))
    book.sheet(rows.files(result, lang))
    book.wb.close()


def _street_chart(book: _Book, streets_ws: Any, streets: rows.Block, lang: str) -> None:
    """A native bar chart of the street mean scores, beside the street ranking."""
    n = len(streets.rows)
    if not n:
        return
    name, street, score = streets.heading, streets.keys.index("street"), streets.keys.index("mean_score")
    chart = book.wb.add_chart({"type": "bar"})
    chart.add_series({
        "name": t("mean_score", lang),
        "categories": [name, 1, street, n, street],
        "values": [name, 1, score, n, score],
        "data_labels": {"value": True, "num_format": "0.0"},
    })
    chart.set_title({"name": t("street_mean_scores", lang)})
    chart.set_x_axis({"reverse": True})  # bar charts: x is the category axis; best street on top
    chart.set_legend({"none": True})
    chart.set_size({"width": 640, "height": max(320, 22 * n + 80)})
    streets_ws.insert_chart(1, len(streets.keys) + 1, chart)
