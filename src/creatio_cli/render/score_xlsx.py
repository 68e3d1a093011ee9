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

Read on screen and printed (``render.xlsx_layout``, seen through LibreOffice with ``docs/render.py``):

* Every column is as wide as its longest text (a Chinese character counts 2) and its heading on two lines,
  up to :data:`TEXT_CAP`; a longer text wraps in its cell. Numbers are right-aligned, each column with one
  format (``0``, ``0.0`` or ``0.00`` as its numbers need, ``+0`` for a score change, ``0.0%`` for a share);
  the cells have a light grid, so a right-aligned 100.0% never runs into the 优秀 beside it.
* Every sheet prints on A4 with its heading row on every page, its name above and page n / N below:
  portrait or landscape and one page wide as :func:`xlsx_layout.page_layout` decides; a sheet too wide
  to shrink legibly prints across pages with its key columns (rank, district, street, community …)
  repeated on each.
* The chart of the street mean scores sits under the street table, on a page of its own when it does not
  fit under the table: bars from 0 (to the full score), the best street on top, title and axis titles in
  ``--lang``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from creatio_cli.render import score_rows as rows
from creatio_cli.render import xlsx_layout as lay
from creatio_cli.render.i18n import t
from creatio_cli.render.output import REPORT_AUTHOR, Target
from creatio_cli.render.records import fmt_num
from creatio_cli.render.safe import atomic_target

#: The widest a text column gets (the longest indicator title of the standards, in either language, fits);
#: a longer text wraps in its cell.
TEXT_CAP = 48
#: The narrowest column.
MIN_WIDTH = 6
#: Machine texts (file paths, indicator ids, cell references, raw values): at most :data:`SHRINK_CAP` wide,
#: a longer one set smaller to fit instead of wrapped, so a finding stays one line high.
SHRINK_KEYS: frozenset[str] = frozenset({"file", "indicator", "cell", "raw"})
SHRINK_CAP = 40
#: Columns that say whom or what a row is about: repeated on every page a sheet spills sideways onto (the
#: leading ones, up to :data:`KEY_SHARE` of the page).
KEY_KEYS: frozenset[str] = frozenset({"rank", "gap_state", "district", "street", "community", "partner",
                                      "department", "file", "indicator", "item"})
KEY_SHARE = 0.4
#: Numbers of different indicators (and units) in one column: each formatted as it needs (``2``, ``130.2``).
MIXED_KEYS: frozenset[str] = frozenset({"actual", "required", "gap"})
#: Signed numbers: ``+6``, ``-10``, ``0``.
SIGNED_KEYS: frozenset[str] = frozenset({"score_change"})
_GRID = {"border": 1, "border_color": "#BFBFBF", "valign": "top"}
_HEAD = {"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True, "align": "center",
         "valign": "vcenter"}
_BAD = {"bg_color": "#FFC7CE", "font_color": "#9C0006"}
_NOTE = {"text_wrap": True, "valign": "top", "italic": True}
_PERCENT = "0.0%"


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _decimals(numbers: Sequence[float]) -> int:
    """How many decimals (0–2) the numbers of a column need to show as :func:`records.fmt_num` writes them."""
    for d in (0, 1):
        if all(abs(round(v, d) - v) < 1e-9 for v in numbers):
            return d
    return 2


def _cell_format(value: object) -> str:
    """A number of a mixed column: ``0`` when whole, else up to 2 decimals; text as it is."""
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return "0" if float(value).is_integer() else "0.0#"
    return "General"


@dataclass(frozen=True)
class Column:
    """How one column of a block is written: its width, whether it holds numbers (right-aligned) and with
    which format (None: each number as it needs), and whether a text wider than the column wraps or
    (``shrink``) is set smaller."""

    key: str
    width: int
    numeric: bool
    num_format: str | None
    wrap: bool
    shrink: bool = False


def columns(block: rows.Block) -> list[Column]:
    """The columns of ``block``, sized and formatted from their heading and content."""
    out = []
    for c, (key, header) in enumerate(zip(block.keys, block.headers, strict=True)):
        values = [row[c] for row in block.rows if c < len(row) and row[c] is not None and row[c] != ""]
        numbers = [v for v in values if _is_number(v)]
        head = lay.heading_width(header)
        numeric = bool(numbers) and (len(numbers) == len(values) or key in MIXED_KEYS)
        if numeric:
            if key in rows.PERCENT_KEYS:
                fmt: str | None = _PERCENT
                shown = [f"{v * 100:.1f}%" for v in numbers]
            elif key in MIXED_KEYS:
                fmt = None
                shown = [fmt_num(v) for v in numbers]
            else:
                d = _decimals(numbers)
                fmt = "0" + ("." + "0" * d if d else "")
                shown = [f"{v:.{d}f}" for v in numbers]
                if key in SIGNED_KEYS:
                    fmt = f"+{fmt};-{fmt};{fmt}"
                    shown = [f"{v:+.{d}f}" for v in numbers]
            texts = [str(v) for v in values if not _is_number(v)]
            width = max(head, MIN_WIDTH, *(lay.text_width(s) + 3 for s in shown + texts))
            out.append(Column(key, width, True, fmt, False))
        else:
            texts = [v if isinstance(v, str) else fmt_num(v) for v in values]
            longest = max((lay.text_width(s) for s in texts), default=0)
            width = lay.widest(texts, max(head, MIN_WIDTH), SHRINK_CAP if key in SHRINK_KEYS else TEXT_CAP)
            over = longest + 2 > width
            shrink = over and key in SHRINK_KEYS
            out.append(Column(key, width, False, None, over and not shrink, shrink))
    return out


def key_columns(cols: Sequence[Column], page_px: int) -> int:
    """How many leading columns say whom a row is about (:data:`KEY_KEYS`), up to :data:`KEY_SHARE` of the
    page width."""
    n, used = 0, 0
    for col in cols:
        used += lay.column_px(col.width)
        if col.key not in KEY_KEYS or used > KEY_SHARE * page_px:
            break
        n += 1
    return n


@dataclass(frozen=True)
class Placed:
    """A sheet as written: its columns, how it prints, and its size in pixels at 100 % (for the chart)."""

    ws: Any
    cols: list[Column]
    layout: lay.PageLayout
    rows: int

    @property
    def width_px(self) -> int:
        return sum(lay.column_px(c.width) for c in self.cols)

    @property
    def page_px(self) -> tuple[int, int]:
        """The printable (width, height) of its page in sheet pixels (a sheet shrunk to fit has more)."""
        width, height = ((lay.LANDSCAPE_PX, lay.LANDSCAPE_HEIGHT_PX) if self.layout.landscape
                         else (lay.PORTRAIT_PX, lay.PORTRAIT_HEIGHT_PX))
        scale = min(1.0, width / self.width_px) if self.layout.fit_width else 1.0
        return int(width / scale), int(height / scale)


class _Book:
    """Typed cell writing (str → write_string) and formats made once per combination."""

    def __init__(self, path: str) -> None:
        import xlsxwriter

        self.wb = xlsxwriter.Workbook(path, {"strings_to_formulas": False, "strings_to_numbers": False,
                                             "strings_to_urls": False, "nan_inf_to_errors": True})
        self._formats: dict[tuple[tuple[str, Any], ...], Any] = {}

    def fmt(self, *parts: dict[str, Any], **extra: Any) -> Any:
        props: dict[str, Any] = {}
        for part in parts:
            props.update(part)
        props.update(extra)
        key = tuple(sorted(props.items()))
        if key not in self._formats:
            self._formats[key] = self.wb.add_format(props)
        return self._formats[key]

    def cell_format(self, col: Column, value: object) -> Any:
        if col.numeric:
            return self.fmt(_GRID, align="right", num_format=col.num_format or _cell_format(value))
        if _is_number(value):  # a number in a text column (the summary's values)
            return self.fmt(_GRID, num_format=_cell_format(value))
        if col.wrap:
            return self.fmt(_GRID, text_wrap=True)
        return self.fmt(_GRID, shrink=True) if col.shrink else self.fmt(_GRID)

    def put(self, ws: Any, r: int, c: int, value: object, fmt: Any) -> None:
        if value is None or value == "":
            ws.write_blank(r, c, None, fmt)
        elif isinstance(value, str):
            ws.write_string(r, c, value, fmt)
        elif isinstance(value, int | float) and not isinstance(value, bool):
            ws.write_number(r, c, value, fmt)  # NaN / inf: an error cell (nan_inf_to_errors)
        else:  # never a bare boolean: score_rows gives 是/否 labels
            ws.write_string(r, c, str(value), fmt)

    def sheet(self, block: rows.Block) -> Placed:
        """A sheet with a frozen, filtered heading row, sized from its content and set up for printing."""
        ws = self.wb.add_worksheet(block.heading)
        cols = columns(block)
        for c, (col, h) in enumerate(zip(cols, block.headers, strict=True)):
            ws.write_string(0, c, h, self.fmt(_HEAD))
            ws.set_column(c, c, col.width)
        _fit_height(ws, 0, cols, block.headers)
        wrapping = [c for c, col in enumerate(cols) if col.wrap]
        for r, row in enumerate(block.rows, start=1):
            for c, (col, value) in enumerate(zip(cols, row, strict=True)):
                self.put(ws, r, c, value, self.cell_format(col, value))
            if wrapping:
                _fit_height(ws, r, [cols[c] for c in wrapping], [row[c] for c in wrapping])
        layout = lay.page_layout([c.width for c in cols])
        page = lay.LANDSCAPE_PX if layout.landscape else lay.PORTRAIT_PX
        keys = key_columns(cols, page) if layout.spills else 0
        lay.print_setup(ws, landscape=layout.landscape, fit_width=layout.fit_width, title_columns=keys,
                        sheet_name_header=True, across=layout.spills)
        ws.repeat_rows(0)
        ws.freeze_panes(1, keys)
        ws.autofilter(0, 0, max(len(block.rows), 1), len(block.headers) - 1)
        placed = Placed(ws, cols, layout, len(block.rows) + 1)
        if block.note:  # the tie the list cuts through, under the table
            self.note(placed, len(block.rows) + 2, block.note)
        return placed

    def note(self, placed: Placed, r: int, text: str) -> None:
        """A sentence under a table, wrapped across its width (a merged cell: as high as its lines)."""
        if len(placed.cols) > 1:
            placed.ws.merge_range(r, 0, r, len(placed.cols) - 1, "", self.fmt(_NOTE))
        placed.ws.write_string(r, 0, text, self.fmt(_NOTE))
        _fit_height(placed.ws, r, [Column("note", sum(c.width for c in placed.cols), False, None, True)], [text])


def _fit_height(ws: Any, r: int, cols: Sequence[Column], values: Sequence[object]) -> None:
    """Row ``r`` as high as its wrapped texts need (neither Excel nor LibreOffice grows a row for text wrapped
    in a merged cell, and LibreOffice not for a written file's wrapped cells either)."""
    lines = max((lay.wrapped_lines(v, col.width) for col, v in zip(cols, values, strict=True)
                 if isinstance(v, str) and v), default=1)
    if lines > 1:
        ws.set_row(r, lay.LINE_PT * lines + 2)


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
    summary = book.sheet(rows.Block(t("summary", lang), ("item", "value"), [t("item", lang), t("value", lang)],
                                    [[f.label, f.value] for f in facts]))
    value = summary.cols[1]
    for r, fact in enumerate(facts, start=1):
        if fact.key in rows.PERCENT_KEYS:
            summary.ws.write_number(r, 1, fact.value, book.fmt(_GRID, num_format=_PERCENT))
        elif fact.key == "assessed":
            summary.ws.write_string(r, 1, fact.value, book.fmt(_GRID, _BAD, text_wrap=value.wrap))
    book.sheet(rows.ranking(result, lang))
    for block in rows.top_bottom(result, lang):
        book.sheet(block)
    streets = rows.groups(result, lang, streets=True)
    streets_sheet = book.sheet(streets)
    book.sheet(rows.groups(result, lang, streets=False))
    _street_chart(book, streets_sheet, streets, lang, _full_score(result))
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


def _full_score(result: Any) -> float | None:
    """The full score every community is marked out of (the chart's axis ends there); None when they differ."""
    full = {c.max_score for c in result.check.communities}
    return full.pop() if len(full) == 1 else None


#: The chart: pixels a bar takes (at least), what the title, axes and margins take besides, its least height.
CHART_BAR_PX, CHART_MIN_BAR_PX, CHART_FRAME_PX, CHART_MIN_PX = 24, 16, 110, 320


def _street_chart(book: _Book, placed: Placed, streets: rows.Block, lang: str, full: float | None) -> None:
    """A native bar chart of the street mean scores under the street ranking: the best street on top (the
    category axis runs top down, the value axis stays at the bottom), bars from 0 to the full score, each
    labelled with its mean score as the table shows it; on the next page when it does not fit under the
    table."""
    n = len(streets.rows)
    if not n:
        return
    name, street, score = streets.heading, streets.keys.index("street"), streets.keys.index("mean_score")
    number = placed.cols[score].num_format or "0.00"
    chart = book.wb.add_chart({"type": "bar"})
    chart.add_series({
        "name": t("mean_score", lang),
        "categories": [name, 1, street, n, street],
        "values": [name, 1, score, n, score],
        "data_labels": {"value": True, "num_format": number, "position": "inside_end",
                        "font": {"color": "#FFFFFF", "bold": True, "size": 9}},
        "fill": {"color": "#4472C4"},
        "gap": 60,
    })
    chart.set_title({"name": t("street_mean_scores", lang), "name_font": {"size": 12, "bold": True}})
    # xlsxwriter's bar chart: x is the value axis (horizontal), y the category axis.
    value_axis: dict[str, Any] = {"name": t("mean_score", lang), "min": 0, "num_format": "0", "num_font": {"size": 9},
                                  "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}}}
    if full is not None:
        value_axis["max"] = full
    chart.set_x_axis(value_axis)
    # Categories top down (rank 1 first, as in the table); the value axis crosses at the last one, so it
    # stays at the bottom with its labels.
    chart.set_y_axis({"name": t("street", lang), "reverse": True, "crossing": "max", "interval_unit": 1,
                      "num_font": {"size": 9}})
    chart.set_legend({"none": True})
    page_w, page_h = placed.page_px
    at = placed.rows + 1  # a blank row under the table
    wanted = max(CHART_MIN_PX, CHART_BAR_PX * n + CHART_FRAME_PX)
    room = page_h - (at + 1) * lay.ROW_PX  # under the table, on its first page
    if room >= max(CHART_MIN_PX, CHART_MIN_BAR_PX * n + CHART_FRAME_PX) and at * lay.ROW_PX < page_h:
        height = min(wanted, room)
    else:  # at the top of the next page (under the repeated heading row), at most a page high
        placed.ws.set_h_pagebreaks([at])
        height = min(wanted, page_h - 2 * lay.ROW_PX)
    width = min(max(placed.width_px, 480), page_w)
    chart.set_size({"width": width, "height": height})
    placed.ws.insert_chart(at, 0, chart, {"object_position": 3})
