"""The terminal view of a ScoreResult (rich): summary (with a baseline: before → after and the count of new,
fixed and still open problems), what could not be assessed, 十佳 / 十差 (with the tie a list cuts through),
the street and partner unit rankings, the biggest movers and skipped files.

Same rows and labels as the md and xlsx reports (``render.score_rows``), laid out for an 80-column
terminal: district / street / community share one column (a name wraps at its " / ", never inside a
word), tables have no vertical rules, and the movers are a list (their fixed and new indicators are
titles, too long for a table cell). Every cell is a plain ``Text``: a community named ``[bold]x`` is shown
as written, never as markup.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from creatio_cli.render import score_rows as rows
from creatio_cli.render.i18n import t
from creatio_cli.render.output import Target, emit_console
from creatio_cli.render.records import fmt_cell, fmt_column, fmt_pct
from creatio_cli.render.safe import clean_text

#: Columns shown right-aligned (numbers).
_NUMERIC = frozenset({"rank", "score", "max_score", "completion", "findings", "score_change", "communities",
                      "mean_score", "mean_completion", "share_compliant", "share_behind_schedule", "met",
                      "applicable", "pass_rate", "unassessed"})
_NAME_PARTS = ("district", "street", "community")
#: Columns holding a list of names joined by the language's separator (、 or "; ").
_LISTS = frozenset({"files", "sheets"})


def _text(value: Any, key: str) -> str:
    if key in rows.PERCENT_KEYS and isinstance(value, float):
        return fmt_pct(value)
    if key == "score_change" and isinstance(value, int | float) and value:
        return f"{value:+g}"
    return fmt_cell(value)


def _named(block: rows.Block) -> rows.Block:
    """``block`` with its district / street / community columns joined into one ``name`` column."""
    parts = [i for i, k in enumerate(block.keys) if k in _NAME_PARTS]
    if len(parts) < 2:
        return block
    first = parts[0]
    keys = tuple(k for i, k in enumerate(block.keys) if i not in parts[1:])
    keys = (*keys[:first], "name", *keys[first + 1:])
    headers = [h for i, h in enumerate(block.headers) if i not in parts[1:]]
    headers[first] = " / ".join(block.headers[i] for i in parts)
    out = []
    for row in block.rows:
        name = " / ".join(str(row[i]) for i in parts if row[i])
        kept = [v for i, v in enumerate(row) if i not in parts[1:]]
        kept[first] = name
        out.append(kept)
    return rows.Block(block.heading, keys, headers, out, block.note)


def _table(block: rows.Block, lang: str, show_header: bool = True) -> Any:
    from rich import box
    from rich.table import Table

    from creatio_cli.render.wrap_text import Fitted, WrapText

    table = Table(title=block.heading, show_header=show_header, box=box.SIMPLE_HEAD if show_header else None,
                  padding=(0, 1, 0, 0), pad_edge=False, title_justify="left", title_style="bold", header_style="bold")
    cells = _cells(block)
    for c, (key, head) in enumerate(zip(block.keys, block.headers, strict=True)):
        width = _number_width(head, [row[c] for row in cells]) if key in _NUMERIC else None
        table.add_column(head, justify="right" if width else "left", overflow="fold", width=width)
    # Lists of names break between names (a name at its " / ", files at their 、), never inside one that fits.
    items = [" / " if key == "name" else t("title_sep", lang) if key in _LISTS else None for key in block.keys]
    for row in cells:  # ledger text: no ESC reaches the terminal
        table.add_row(*(WrapText(clean_text(c), items=sep) for c, sep in zip(row, items, strict=True)))
    return Fitted(table)


def _cells(block: rows.Block) -> list[list[str]]:
    """The block's cells as text, one number format down each column: a mean score with two decimals
    (``97.00`` above ``96.40``), a score change whole or with two decimals for the whole column."""
    columns = []
    for c, key in enumerate(block.keys):
        values = [row[c] for row in block.rows]
        if key == "mean_score":
            columns.append(fmt_column(values, decimals=2))
        elif key == "score_change":
            columns.append(fmt_column(values, signed=True))
        else:
            columns.append([_text(v, key) for v in values])
    return [list(row) for row in zip(*columns, strict=True)] if columns else [[] for _ in block.rows]


def _number_width(head: str, values: list[str]) -> int:
    """A number column as wide as its widest value, or its header's longest word — a Chinese header has no
    spaces and is one word (分数变化, never 分数变 / 化): the names take what is left."""
    from rich.cells import cell_len

    return max([cell_len(v) for v in values] + [cell_len(w) for w in head.split()] + [1])


def _print(block: rows.Block, lang: str, console: Any) -> None:
    """The table, then its note (a tie the list cuts through) wrapped to the terminal."""
    from creatio_cli.render.wrap_text import Printable, WrapText

    console.print(_table(block, lang))
    if block.note:
        console.print(Printable(WrapText(block.note)))
        console.print()


def _movers(block: rows.Block, lang: str, console: Any) -> None:
    """One entry per community: its name, score and change, then the fixed and new indicators (a list of
    titles: a line breaks between two, never inside one that fits)."""
    from rich.padding import Padding
    from rich.text import Text

    from creatio_cli.render.wrap_text import WrapText

    console.print(Text(block.heading, style="bold"))
    at = {k: i for i, k in enumerate(block.keys)}
    for row in block.rows:
        name = " / ".join(str(row[at[k]]) for k in _NAME_PARTS if row[at[k]])
        score, change = _text(row[at["score"]], "score"), _text(row[at["score_change"]], "score_change")
        console.print(Padding(WrapText(f"{name}  {block.headers[at['score']]} {score} ({change})"), (0, 0, 0, 2)))
        for key in ("fixed", "new"):
            if row[at[key]]:
                console.print(Padding(WrapText(f"{block.headers[at[key]]}: {row[at[key]]}",
                                               items=t("title_sep", lang)), (0, 0, 0, 4)))
    if block.note:
        console.print(Padding(WrapText(block.note), (0, 0, 0, 2)))
    console.print()


def render_score_table(result: Any, lang: str, console: Any, limit: int = 10) -> None:
    """Print the bulletin to ``console`` (a rich Console)."""
    facts = rows.facts(result, lang)
    summary = rows.Block(t("score_summary", lang), ("item", "value"), ["", ""],
                         [[f.label, _text(f.value, f.key)] for f in facts])
    console.print(_table(summary, lang, show_header=False))
    console.print()
    unassessed = rows.unassessed(result, lang)
    if unassessed is not None:
        keep = [i for i, k in enumerate(unassessed.keys) if k != "indicator"]  # the title says it; fits 80
        console.print(_table(rows.Block(unassessed.heading, tuple(unassessed.keys[i] for i in keep),
                                        [unassessed.headers[i] for i in keep],
                                        [[r[i] for i in keep] for r in unassessed.rows]), lang))
    for block in rows.top_bottom(result, lang):
        _print(_named(block), lang, console)
    _print(_named(rows.groups(result, lang, streets=True)), lang, console)
    partners = rows.partners(result, lang)
    if partners is not None:
        console.print(_table(partners, lang))
    for block in rows.movers(result, lang, limit):
        _movers(block, lang, console)
    skipped = rows.skipped(result, lang)
    if skipped.rows:
        console.print(_table(skipped, lang))
    other = rows.other_date_files(result, lang)
    if other is not None:
        _print(other, lang, console)


def emit(result: Any, target: Target) -> list[Path]:
    return emit_console(lambda console: render_score_table(result, target.lang, console, target.limit), target)
