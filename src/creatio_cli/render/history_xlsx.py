"""The history workbook (xlsxwriter): one sheet per view, with native Excel line charts.

* Sheets: the runs, then each view the report holds (districts, streets, partner units, indicators,
  communities or one community's trajectory), the same rows and labels as the other formats
  (``render.history_rows``).
* Charts are native xlsxwriter LINE charts (Excel, WPS and LibreOffice draw them, in the reader's own fonts,
  so Chinese names never need a font here): on the runs sheet the mean score and the count behind schedule
  per run, and mean completion against 序时进度; on the district, street and partner sheets one line per
  group for the mean score and the count behind schedule; pass rates per indicator; a community's
  completion against 序时进度. A chart reads a small pivot table written beside its sheet's table (one row
  per run, one column per group), so the numbers behind every line are visible and filterable.
* Every text cell goes through ``write_string`` (strings_to_formulas/numbers/urls off): a community named
  ``=HYPERLINK(…)`` stays text. The document author is ``creatio``, so ``score`` never reads it back.
* Written to a temp file beside the target, then ``os.replace``-d onto it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from creatio_cli.render import history_rows as rows
from creatio_cli.render.i18n import phrase, t
from creatio_cli.render.output import REPORT_AUTHOR, Target
from creatio_cli.render.safe import atomic_target
from creatio_cli.render.score_rows import Block
from creatio_cli.trends import GroupRow, HistoryReport, pivot

#: Lines drawn at most in one chart (a city has ~100 streets; a chart of 100 lines reads as none).
MAX_LINES = 20
#: Widest a column gets from its texts (a longer 未达标 list wraps in the cell instead).
_MAX_WIDTH = 40
#: Every number this workbook writes (a count, +12.34, 87.5%, 2022-07-08) fits in this many units.
_NUMBER_WIDTH = 10


def _fitted(head: str, values: list[object]) -> int:
    """A column's width from its heading (one line when short, else two) and its widest text, as score's
    sheets are sized (``xlsx_layout``)."""
    from creatio_cli.render import xlsx_layout as lay

    texts = [v for v in values if isinstance(v, str)]
    floor = max(lay.heading_width(head), _NUMBER_WIDTH if len(texts) < len(values) else 6)
    return lay.widest(texts, floor, cap=_MAX_WIDTH)


class _Book:
    def __init__(self, path: str) -> None:
        import xlsxwriter

        self.wb = xlsxwriter.Workbook(path, {"strings_to_formulas": False, "strings_to_numbers": False,
                                             "strings_to_urls": False, "nan_inf_to_errors": True})
        self.head = self.wb.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True,
                                        "valign": "top"})
        self.bold = self.wb.add_format({"bold": True})
        self.note = self.wb.add_format({"italic": True, "font_color": "#595959"})
        self.pct = self.wb.add_format({"num_format": "0.0%"})
        self.points = self.wb.add_format({"num_format": "+0.0;-0.0;0.0"})
        # "0.##" would show 15 as "15." in Excel: General for counts and single scores, two decimals for means.
        self.change = self.wb.add_format({"num_format": "+General;-General;0"})
        self.num = self.wb.add_format({"num_format": "General"})
        self.mean = self.wb.add_format({"num_format": "0.00"})

    def fmt(self, key: str) -> Any:
        if key in rows.PERCENT_KEYS:
            return self.pct
        if key in rows.POINTS_KEYS:
            return self.points
        if key in rows.CHANGE_KEYS:
            return self.change
        if key == "mean_score":
            return self.mean
        return self.num

    def put(self, ws: Any, r: int, c: int, value: object, key: str = "") -> None:
        if value is None:
            return
        if isinstance(value, str):
            ws.write_string(r, c, value)
        elif isinstance(value, int | float) and not isinstance(value, bool):
            if key in rows.CHANGE_KEYS:
                value = round(value, 2)  # a mean's change to hundredths (+1.87), a score's stays whole (+12)
            ws.write_number(r, c, value, self.fmt(key))
        else:  # never a bare boolean: the rows give 是/否 labels
            ws.write_string(r, c, str(value))

    def sheet(self, block: Block) -> Any:
        """A sheet with the block as a frozen, filtered table from A1."""
        from creatio_cli.render import xlsx_layout as lay

        ws = self.wb.add_worksheet(block.heading[:31])
        widths = [_fitted(head, [row[c] for row in block.rows]) for c, head in enumerate(block.headers)]
        for c, (head, width) in enumerate(zip(block.headers, widths, strict=True)):
            ws.write_string(0, c, head, self.head)
            ws.set_column(c, c, width)
        lines = max(lay.wrapped_lines(head, width) for head, width in zip(block.headers, widths, strict=True))
        if lines > 1:  # a heading sized to wrap onto two lines gets the row height to show them
            ws.set_row(0, lay.LINE_PT * lines + 2)
        for r, row in enumerate(block.rows, start=1):
            for c, value in enumerate(row):
                self.put(ws, r, c, value, block.keys[c])
        ws.freeze_panes(1, 0)
        last_row, last_col = max(len(block.rows), 1), len(block.headers) - 1
        ws.autofilter(0, 0, last_row, last_col)
        # On paper: the table only (the pivot blocks and charts beside it are for the screen), A4, one page
        # wide, its heading row on every page.
        layout = lay.page_layout(widths)
        lay.print_setup(ws, landscape=layout.landscape, fit_width=True, sheet_name_header=True)
        ws.print_area(0, 0, last_row, last_col)
        ws.repeat_rows(0)
        return ws


def write_history_xlsx(report: HistoryReport, output: Path, lang: str) -> list[Path]:
    """Write the workbook to ``output`` atomically; returns [output]."""
    output = Path(output)
    with atomic_target(output) as tmp:
        _build(report, str(tmp), lang)
    return [output]


def emit(report: HistoryReport, target: Target) -> list[Path]:
    """The workbook to ``target.output`` (xlsx never goes to stdout: ``resolve_format`` refuses it)."""
    if target.output is None:
        from creatio_cli.errors import UsageError

        raise UsageError("option.xlsx_needs_output")
    return write_history_xlsx(report, target.output, target.lang)


def _build(report: HistoryReport, path: str, lang: str) -> None:
    book = _Book(path)
    book.wb.set_properties({"author": REPORT_AUTHOR, "title": "creatio history",
                            "comments": rows.series_line(report, lang)})
    one_series = len({(r.standard, r.scope) for r in report.runs}) == 1
    for name in rows.computed(report):
        block = rows.view(report, name, lang)
        ws = book.sheet(block)
        if not one_series or not report.runs:
            continue
        if name == "run":
            _run_charts(book, ws, block, lang)
        elif name in ("district", "street", "partner"):
            _group_charts(book, ws, block, report, name, lang)
        elif name == "indicator":
            _indicator_chart(book, ws, block, report, lang)
        elif name == "community" and report.trajectory:
            _trajectory_chart(book, ws, block, report, lang)
    book.wb.close()


def _line(book: _Book, title: str, percent: bool = False) -> Any:
    chart = book.wb.add_chart({"type": "line"})
    chart.set_title({"name": title, "name_font": {"size": 12}})
    chart.set_y_axis({"num_format": "0%" if percent else "General", "major_gridlines": {"visible": True}})
    chart.set_x_axis({"num_font": {"rotation": -45}})
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": 640, "height": 340})
    return chart


def _series(sheet: str, name: Any, col: int, n: int, first: int = 1, cat_col: int = 0) -> dict[str, Any]:
    return {"name": name, "categories": [sheet, first, cat_col, first + n - 1, cat_col],
            "values": [sheet, first, col, first + n - 1, col], "marker": {"type": "circle", "size": 5}}


def _run_charts(book: _Book, ws: Any, block: Block, lang: str) -> None:
    """Mean score, behind schedule and completion against 序时进度, one point per run, from the table itself."""
    n, sheet, at = len(block.rows), ws.get_name(), {k: i for i, k in enumerate(block.keys)}
    col = len(block.keys) + 1
    for i, (title, percent, keys) in enumerate((
            ("chart_mean_score", False, ("mean_score",)),
            ("chart_behind", False, ("behind_schedule",)),
            ("chart_completion", True, ("mean_completion", "expected_progress")))):
        chart = _line(book, t(title, lang), percent)
        for k in keys:
            chart.add_series(_series(sheet, [sheet, 0, at[k]], at[k], n, cat_col=at["as_of"]))
        if len(keys) == 1:
            chart.set_legend({"none": True})
        ws.insert_chart(1 + 18 * i, col, chart)


def _pivot_block(book: _Book, ws: Any, row0: int, col0: int, labels: list[str],
                 series: list[tuple[str, list[float | None]]], head: str, percent: bool = False) -> None:
    """A pivot table (runs down, one column per group) at (row0, col0) for a chart to read."""
    ws.write_string(row0, col0, head, book.head)
    for j, (name, _) in enumerate(series, start=1):
        ws.write_string(row0, col0 + j, name, book.head)
    for i, label in enumerate(labels, start=1):
        ws.write_string(row0 + i, col0, label)
        for j, (_, values) in enumerate(series, start=1):
            if values[i - 1] is not None:
                ws.write_number(row0 + i, col0 + j, values[i - 1], book.pct if percent else book.num)


def _group_charts(book: _Book, ws: Any, block: Block, report: HistoryReport, view: str, lang: str) -> None:
    """One line per district / street / partner unit: mean score and the count behind schedule per run."""
    items: tuple[GroupRow, ...] = {"district": report.districts, "street": report.streets,
                                   "partner": report.partners}[view] or ()
    if not items:
        return
    sheet, col0 = ws.get_name(), len(block.keys) + 1
    scores = {"district": "chart_district_scores", "street": "chart_street_scores", "partner": "chart_partner_scores"}
    total = len({g.key for g in items})
    row0 = 0
    for title, value in ((scores[view], lambda g: g.mean_score), ("chart_behind", lambda g: float(g.behind_schedule))):
        labels, series = pivot(items, report.runs, value, limit=MAX_LINES)
        _pivot_block(book, ws, row0, col0, labels, series, t("as_of", lang))
        chart = _line(book, t(title, lang))
        for j, (label, _) in enumerate(series, start=1):
            chart.add_series(_series(sheet, label, col0 + j, len(labels), first=row0 + 1, cat_col=col0))
        chart.set_size({"width": 720, "height": 380})
        place = row0 + len(labels) + 2
        if total > len(series):
            ws.write_string(place, col0, phrase("chart_more_lines", lang, shown=len(series), total=total), book.note)
            place += 1
        ws.insert_chart(place, col0, chart)
        row0 = place + 21


def _indicator_chart(book: _Book, ws: Any, block: Block, report: HistoryReport, lang: str) -> None:
    """Pass rate per indicator per run (one line per indicator, named by its id)."""
    items = report.indicators or ()
    if not items:
        return
    labels = [r.as_of.isoformat() for r in report.runs]
    at = {r.run: i for i, r in enumerate(report.runs)}
    by: dict[str, list[float | None]] = {}
    for i in items:
        by.setdefault(i.indicator, [None] * len(labels))[at[i.run]] = i.pass_rate
    series = list(by.items())
    sheet, col0 = ws.get_name(), len(block.keys) + 1
    _pivot_block(book, ws, 0, col0, labels, series, t("as_of", lang), percent=True)
    chart = _line(book, t("history_indicators", lang), percent=True)
    for j, (name, _) in enumerate(series, start=1):
        chart.add_series(_series(sheet, name, col0 + j, len(labels), cat_col=col0))
    chart.set_size({"width": 720, "height": 420})
    ws.insert_chart(len(labels) + 2, col0, chart)


def _trajectory_chart(book: _Book, ws: Any, block: Block, report: HistoryReport, lang: str) -> None:
    """One community's completion against 序时进度, run by run (several same-named communities: the first)."""
    items = report.communities or ()
    if not items:
        return
    first = items[0].key
    mine = [c for c in items if c.key == first]
    sheet, col0 = ws.get_name(), len(block.keys) + 1
    labels = [c.as_of.isoformat() for c in mine]
    series: list[tuple[str, list[float | None]]] = [
        (t("completion", lang), [c.completion for c in mine]),
        (t("expected_progress", lang), [c.expected_progress for c in mine])]
    _pivot_block(book, ws, 0, col0, labels, series, t("as_of", lang), percent=True)
    chart = _line(book, phrase("chart_trajectory", lang, community=first[2]), percent=True)
    for j, (name, _) in enumerate(series, start=1):
        chart.add_series(_series(sheet, name, col0 + j, len(labels), cat_col=col0))
    ws.insert_chart(len(labels) + 2, col0, chart)
