"""Markdown report: a title, the summary, a by-indicator table and a pipe table of the finding rows.

The findings table uses a readable subset of the csv columns (:data:`MD_COLUMNS`): file, sheet, category,
points and basis are left to csv/xlsx, which people filter rather than read. Cells are neutralised, then
escaped: ``\\`` and ``|`` are backslash-escaped, newlines become ``<br>``, ``<``/``>`` are entity-escaped so
a community name cannot inject HTML into a rendered page.
"""

from __future__ import annotations

from creatio_cli.render.i18n import t
from creatio_cli.render.records import (
    COLUMNS,
    COUNT_KEYS,
    PERCENT_COLUMNS,
    fmt_cell,
    fmt_pct,
    iter_finding_values,
)
from creatio_cli.render.safe import neutralize
from creatio_cli.results import CheckResult

MD_COLUMNS: tuple[str, ...] = (
    "district", "street", "community", "completion", "behind_schedule", "indicator", "title", "status",
    "actual", "required", "gap", "unit", "points_lost", "cell", "raw", "department", "deadline", "overdue",
)
_INDEX = [COLUMNS.index(c) for c in MD_COLUMNS]


def escape_cell(text: str, *, guard: bool = True) -> str:
    """Make ``text`` safe inside one markdown table cell (see the module docstring).

    ``guard=False`` for text made from a number (``-5``): numbers are never formula-guarded.
    """
    if guard:
        text = neutralize(text)
    text = text.replace("\\", "\\\\").replace("|", "\\|")
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("\r\n", "<br>").replace("\n", "<br>").replace("\r", "<br>")


def _md_value(value: object) -> str:
    """A row value as an escaped cell: text guarded, numbers formatted and never guarded."""
    if isinstance(value, str):
        return escape_cell(value)
    return escape_cell(fmt_cell(value), guard=False)


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    """A pipe table; ``rows`` hold cells already escaped by :func:`_md_value`."""
    lines = ["| " + " | ".join(escape_cell(h) for h in head) + " |", "|" + "---|" * len(head)]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return lines


def render_md(result: CheckResult, lang: str = "zh") -> str:
    """The whole markdown document (ends with a newline)."""
    s = result.summary
    camp = result.campaign
    std = result.standard
    conv = t(camp.convention, lang) if camp.convention in ("day", "month") else escape_cell(camp.convention)
    out = [f"# {escape_cell(t('report_title', lang))}", ""]
    out += [
        f"- {t('standard', lang)}: {escape_cell(std.title.get(lang))} "
        f"({escape_cell(std.id)} {escape_cell(std.version)})",
        f"- {t('as_of', lang)}: {result.as_of.isoformat()}",
        f"- {t('campaign', lang)}: {camp.start.isoformat()} – {camp.deadline.isoformat()} "
        f"({conv})",
        f"- {t('expected_progress', lang)}: {fmt_pct(result.expected_progress)}",
        f"- {t('communities', lang)}: {s.communities}",
        f"- {t('compliant', lang)}: {s.compliant}",
        f"- {t('with_shortfalls', lang)}: {s.with_shortfalls}",
        f"- {t('behind_schedule_n', lang)}: {s.behind_schedule}",
        "",
    ]
    if s.by_indicator:
        out += [f"## {t('by_indicator', lang)}", ""]
        keys = COUNT_KEYS
        out += _table(
            [t("indicator", lang), t("title", lang), *(t(k, lang) for k in keys)],
            [[_md_value(i.indicator), _md_value(i.title.get(lang)), *(_md_value(getattr(i, k)) for k in keys)]
             for i in s.by_indicator],
        )
        out.append("")
    out += [f"## {t('findings', lang)}", ""]
    rows: list[list[str]] = []
    for values in iter_finding_values(result, lang):
        row = []
        for name, i in zip(MD_COLUMNS, _INDEX, strict=True):
            v = values[i]
            row.append(escape_cell(fmt_pct(v), guard=False) if name in PERCENT_COLUMNS else _md_value(v))
        rows.append(row)
    if rows:
        out += _table([t(c, lang) for c in MD_COLUMNS], rows)
    else:
        out.append(t("no_findings", lang))
    out.append("")
    problems = [f for f in result.files if f.status != "ok"]
    if result.warnings or problems:
        out += [f"## {t('warnings', lang)}", ""]
        out += [f"- {escape_cell(f.path)}: {escape_cell(f.reason.render(lang) if f.reason else f.status)}"
                for f in problems]
        for w in result.warnings:
            where = " ".join(escape_cell(x) for x in (w.file, w.sheet or "", w.cell or "") if x)
            out.append(f"- {where}: {escape_cell(w.message.render(lang))}")
        out.append("")
    return "\n".join(out)
