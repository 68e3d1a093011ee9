"""The score bulletin as Markdown: summary, what could not be assessed, streets, districts, partner units,
十佳 / 十差 (with the tie a list cuts through), the full ranking, pass rates and (with a baseline) the biggest
movers and the 新增 / 已整改 / 仍未整改 lists. Cells through ``render.markdown``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from creatio_cli.render import markdown as md
from creatio_cli.render import score_rows as rows
from creatio_cli.render.i18n import phrase, t
from creatio_cli.render.output import Target
from creatio_cli.render.records import fmt_column, fmt_pct


def _cells(block: rows.Block) -> list[list[object]]:
    """Rows with shares shown as percents (``93.3%``), a mean score with two decimals down its column and a
    score change in one format down its column (as the terminal shows them)."""
    out: list[list[object]] = [list(row) for row in block.rows]
    for c, key in enumerate(block.keys):
        values = [row[c] for row in block.rows]
        if key in rows.PERCENT_KEYS:
            texts: list[object] = [md.Raw(fmt_pct(v)) if isinstance(v, float) else v for v in values]
        elif key in ("mean_score", "score_change"):
            texts = [md.Raw(md.escape(x, guard=False)) if x else x
                     for x in fmt_column(values, signed=key == "score_change",
                                         decimals=2 if key == "mean_score" else None)]
        else:
            continue
        for row, text in zip(out, texts, strict=True):
            row[c] = text
    return out


def _section(block: rows.Block | None, lang: str = "zh") -> list[str]:
    if block is None:
        return []
    body = md.table(block.headers, _cells(block)) if block.rows else [md.escape(t("none", lang))]
    note = [md.escape(block.note), ""] if block.note else []
    return [f"## {md.escape(block.heading)}", "", *body, "", *note]


def render_md(result: Any, lang: str) -> str:
    """The whole document (ends with a newline)."""
    title = phrase("score_report_title", lang, standard=result.check.standard.title)
    facts = [[f.label, md.Raw(fmt_pct(f.value)) if f.key in rows.PERCENT_KEYS else f.value]
             for f in rows.facts(result, lang)]
    lines = [f"# {md.escape(title)}", "", *md.table([t("item", lang), t("value", lang)], facts), ""]
    lines += _section(rows.unassessed(result, lang))
    lines += _section(rows.groups(result, lang, streets=True))
    lines += _section(rows.groups(result, lang, streets=False))
    lines += _section(rows.partners(result, lang))
    for block in rows.top_bottom(result, lang):
        lines += _section(block)
    lines += _section(rows.ranking(result, lang))
    lines += _section(rows.pass_rates(result, lang))
    for block in rows.movers(result, lang):
        lines += _section(block)
    for block in rows.gap_lists(result, lang):
        lines += _section(block, lang)
    skipped = rows.skipped(result, lang)
    if skipped.rows:
        lines += _section(skipped)
    lines += _section(rows.other_date_files(result, lang))
    return "\n".join(lines)


def emit(result: Any, target: Target) -> list[Path]:
    return target.write((render_md(result, target.lang),))
