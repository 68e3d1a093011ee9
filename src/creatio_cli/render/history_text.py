"""A history report (``creatio history``) as JSON, CSV, Markdown and a terminal table.

* JSON: ``HistoryReport.to_dict(lang)`` — the runs and every view computed, keys English.
* CSV: the view asked for (``--by``; the runs by default), UTF-8 with BOM, headers in ``--lang``, every text
  through the one formula guard; shares as numbers 0..1, as the score csv writes them.
* Markdown and the terminal: the runs, then the view asked for; shares as ``49.6%``, changes and gaps
  signed (``+2.3``), names as plain text (a community named ``[bold]x`` is shown as written).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from creatio_cli.render import history_rows as rows
from creatio_cli.render import markdown as md
from creatio_cli.render.output import Target, emit_console
from creatio_cli.render.records import fmt_cell, fmt_column, fmt_pct
from creatio_cli.render.safe import neutralize_value
from creatio_cli.render.score_rows import Block
from creatio_cli.trends import HistoryReport

_NUMERIC = frozenset({"communities", "mean_score", "mean_completion", "expected_progress", "gap_points",
                      "behind_schedule", "compliant", "files_skipped", "score_change", "met", "applicable",
                      "pass_rate", "change_points", "problems", "unassessed", "score", "max_score", "completion"})


def _blocks(report: HistoryReport, lang: str) -> list[Block]:
    """The runs, then the view asked for (when it is not the runs)."""
    blocks = [rows.runs(report, lang)]
    if report.view != "run":
        blocks.append(rows.view(report, report.view, lang))
    return blocks


def text(value: Any, key: str) -> str:
    """A cell as text: shares as percents, points and score changes signed, numbers as people write them."""
    if key in rows.PERCENT_KEYS and isinstance(value, float):
        return fmt_pct(value)
    if key in rows.POINTS_KEYS:
        return rows.fmt_points(value)
    if key in rows.CHANGE_KEYS and isinstance(value, int | float):
        return fmt_column([value], signed=True)[0]  # alone; a table formats the column (:func:`texts`)
    if key == "mean_score" and isinstance(value, float):
        return f"{value:.2f}"  # 94.40, not 94.4 above 94.13
    return fmt_cell(value)


def texts(block: Block) -> list[list[str]]:
    """The block's cells as :func:`text` writes them, but one format down a score change column: a mean
    moves by hundredths and a community's score by whole points, so a column is whole when every change is
    (``+2``, ``0``) and has two decimals throughout when one is not (``+2.00``, ``0.00``, ``+0.40``)."""
    columns = []
    for c, key in enumerate(block.keys):
        values = [row[c] for row in block.rows]
        if key in rows.CHANGE_KEYS:
            columns.append(fmt_column(values, signed=True))
        else:
            columns.append([text(v, key) for v in values])
    return [list(row) for row in zip(*columns, strict=True)] if columns else [[] for _ in block.rows]


def render_json(report: HistoryReport, lang: str) -> str:
    from creatio_cli.render.json_out import dumps_report

    return dumps_report(report.to_dict(lang), 2) + "\n"


def render_csv(report: HistoryReport, lang: str) -> bytes:
    """The view asked for, one row per group and run; UTF-8 with BOM so Excel and WPS open it."""
    block = rows.view(report, report.view, lang)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([neutralize_value(h) for h in block.headers])
    writer.writerows([neutralize_value(v) for v in row] for row in block.rows)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def render_md(report: HistoryReport, lang: str) -> str:
    lines = [f"# {md.escape(rows.series_line(report, lang))}", ""]
    for block in _blocks(report, lang):
        cells = [[md.Raw(md.escape(x, guard=False)) if k in _NUMERIC and v is not None else v
                  for k, v, x in zip(block.keys, row, written, strict=True)]
                 for row, written in zip(block.rows, texts(block), strict=True)]
        lines += [f"## {md.escape(block.heading)}", "", *md.table(block.headers, cells), ""]
    return "\n".join(lines)


#: What the terminal shows of each view (every other format has every column): what an 80-column table
#: holds; the names of a row share one column ("区县 / 街道"), a trajectory lists unmet indicators below it.
_TERMINAL = {
    "run": ("as_of", "standard", "scope", "communities", "mean_score", "mean_completion", "expected_progress",
            "gap_points", "behind_schedule", "compliant"),
    "group": ("district", "street", "partner", "as_of", "mean_score", "score_change", "mean_completion",
              "gap_points", "behind_schedule"),
    "indicator": ("title", "as_of", "met", "applicable", "pass_rate", "change_points"),
    "community": ("district", "street", "community", "as_of", "score", "score_change", "completion",
                  "expected_progress", "behind_schedule", "grade"),
}
_NAMES = ("district", "street", "community")


def _narrow(block: Block, view: str) -> Block:
    """``block`` for the terminal: the columns of :data:`_TERMINAL`, the names joined, and no standard, scope
    or community count that is the same on every row (the heading says the first two)."""
    wanted = _TERMINAL["group" if view in ("district", "street", "partner") else view]
    same = {k for i, k in enumerate(block.keys)
            if k in ("standard", "scope", "communities") and len({r[i] for r in block.rows}) <= 1}
    keep = [i for i, k in enumerate(block.keys) if k in wanted and k not in same]
    names = [i for i in keep if block.keys[i] in _NAMES]
    heading = block.heading
    full = {" / ".join(str(row[j]) for j in names if row[j]) for row in block.rows}
    if view == "community" and len(full) == 1 and names:
        # One community run by run: its name goes into the heading once, its rows keep the figures.
        (name,) = full
        community = str(block.rows[0][names[-1]])
        heading = heading.replace(community, name) if community in heading else f"{name}  {heading}"
        keep = [i for i in keep if i not in names]
        names = []
    keys: list[str] = []
    headers: list[str] = []
    out: list[list[Any]] = [[] for _ in block.rows]
    for i in keep:
        if i in names[1:]:
            continue
        joined = i in names[:1] and len(names) > 1
        keys.append("name" if joined else block.keys[i])
        headers.append(" / ".join(block.headers[j] for j in names) if joined else block.headers[i])
        for r, row in enumerate(block.rows):
            out[r].append(" / ".join(str(row[j]) for j in names if row[j]) if joined else row[i])
    return Block(heading, tuple(keys), headers, out)


def _by_series(block: Block) -> list[Block]:
    """The runs of a file holding several series (standards or scopes) as one table per series, its
    standard and scope in the heading: two more columns of ids would not fit 80 columns beside the figures."""
    at = {k: i for i, k in enumerate(block.keys)}
    series: dict[tuple[str, str], list[list[Any]]] = {}
    for row in block.rows:
        series.setdefault((str(row[at["standard"]]), str(row[at["scope"]])), []).append(row)
    if len(series) <= 1:
        return [block]
    return [Block(f"{block.heading}  {standard} / {scope}", block.keys, block.headers, part)
            for (standard, scope), part in series.items()]


#: Columns left out, in this order, when a table is still too wide for the terminal (every other format keeps
#: them): the community count, 序时进度 (the gap column says how far ahead of it), compliant, the maximum score.
_DROP_ORDER = ("communities", "expected_progress", "compliant", "max_score")


def _fitted(block: Block, console: Any) -> Any:
    """The table of ``block``, less the columns of :data:`_DROP_ORDER` it takes to fit the console: a date or
    a number is never folded to make room (``2022-06-2`` / ``4``)."""
    from rich.measure import Measurement

    table = _table(block)
    for key in _DROP_ORDER:
        if Measurement.get(console, console.options.update_width(10_000), table).minimum <= console.width:
            break
        if key in block.keys:
            keep = [i for i, k in enumerate(block.keys) if k != key]
            block = Block(block.heading, tuple(block.keys[i] for i in keep), [block.headers[i] for i in keep],
                          [[row[i] for i in keep] for row in block.rows])
            table = _table(block)
    return table


def _table(block: Block) -> Any:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(title=block.heading, box=box.SIMPLE_HEAD, padding=(0, 1, 0, 0), pad_edge=False,
                  title_justify="left", title_style="bold", header_style="bold")
    cells = texts(block)
    for c, (key, head) in enumerate(zip(block.keys, block.headers, strict=True)):
        # A number or a date is never folded: its column is as wide as its widest value (the header wraps).
        # A fixed width (rich widens min_width columns past the console): the widest value, and a header
        # that wraps between words ("Mean / completion", not "completio / n") in at most two lines.
        width = (max(_width([row[c] for row in cells]), _header_width(head))
                 if key in _NUMERIC or key == "as_of" else None)
        table.add_column(head, justify="right" if key in _NUMERIC else "left", overflow="fold", width=width)
    for row in cells:
        table.add_row(*(Text(cell) for cell in row))
    return table


def _header_width(head: str) -> int:
    """How wide a numeric column must be for its header: its longest word in English; in Chinese (which
    breaks anywhere) the whole header up to 5 characters, else half of it, so it takes two lines at most."""
    from rich.cells import cell_len

    if head.isascii():
        return max([len(w) for w in head.split()] + [0])
    cells = cell_len(head)
    return cells if cells <= 10 else -(-cells // 4) * 2  # half, in whole characters


def _width(values: list[str]) -> int:
    from rich.cells import cell_len

    return max([cell_len(v) for v in values] + [2])


def render_table(report: HistoryReport, lang: str, console: Any) -> None:
    from rich.text import Text

    console.print(Text(rows.series_line(report, lang), style="bold"))
    console.print()
    for view, block in zip(("run", report.view), _blocks(report, lang), strict=False):
        for part in _by_series(block) if view == "run" else (block,):
            console.print(_fitted(_narrow(part, view), console))
        if view == "community" and report.trajectory:
            _unmet(block, console)


def _unmet(block: Block, console: Any) -> None:
    """A trajectory's unmet indicators, run by run, under its table (too long for a cell)."""
    from rich.padding import Padding
    from rich.text import Text

    at = {k: i for i, k in enumerate(block.keys)}
    label = block.headers[at["unmet"]]
    for row in block.rows:
        if row[at["unmet"]]:
            name = " / ".join(str(row[at[k]]) for k in _NAMES)
            console.print(Text(f"{row[at['as_of']]}  {name}  {label}:"))
            console.print(Padding(Text(str(row[at["unmet"]])), (0, 0, 0, 4)))
    console.print()


def emit_json(report: HistoryReport, target: Target) -> list[Path]:
    return target.write((render_json(report, target.lang),))


def emit_csv(report: HistoryReport, target: Target) -> list[Path]:
    return target.write((render_csv(report, target.lang),))


def emit_md(report: HistoryReport, target: Target) -> list[Path]:
    return target.write((render_md(report, target.lang),))


def emit_table(report: HistoryReport, target: Target) -> list[Path]:
    return emit_console(lambda console: render_table(report, target.lang, console), target)
