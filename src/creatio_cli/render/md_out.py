"""Markdown report: a title, the summary, a by-indicator table, what could not be assessed, and a pipe
table of the finding rows.

The findings table uses a readable subset of the csv columns (:data:`MD_COLUMNS`): file, sheet, category,
points and basis are left to csv/xlsx, which people filter rather than read. Every cell goes through the
one Markdown escaper (``render.markdown``: formula guard, ``|`` and ``\\``, HTML, newlines).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from creatio_cli.render import coverage as cov
from creatio_cli.render import markdown as md
from creatio_cli.render.i18n import t
from creatio_cli.render.output import Target
from creatio_cli.render.records import COLUMNS, COUNT_KEYS, PERCENT_COLUMNS, fmt_pct, iter_finding_values
from creatio_cli.results import CheckResult

MD_COLUMNS: tuple[str, ...] = (
    "district", "street", "community", "completion", "behind_schedule", "indicator", "title", "status",
    "actual", "required", "gap", "unit", "points_lost", "cell", "raw", "department", "deadline", "overdue",
)
_INDEX = [COLUMNS.index(c) for c in MD_COLUMNS]


def _finding_cell(name: str, value: Any) -> object:
    """A value of a finding row (:func:`iter_finding_values`) as a Markdown cell: shares as percents."""
    if name in PERCENT_COLUMNS:
        return md.Raw(md.escape(fmt_pct(value), guard=False))
    return value


def unassessed_section(result: CheckResult, lang: str) -> list[str]:
    """``## Indicators not assessed``: the sentence and one row per missing field (empty when none)."""
    if not result.unassessed:
        return []
    out = [f"## {md.escape(t('unassessed_heading', lang))}", "", md.escape(cov.coverage(result).sentence(lang)), ""]
    out += md.table([t(k, lang) for k in cov.COLUMNS], cov.rows(result, lang))
    return [*out, ""]


def render_md(result: CheckResult, lang: str = "zh") -> str:
    """The whole markdown document (ends with a newline)."""
    s = result.summary
    camp = result.campaign
    std = result.standard
    conv = t(camp.convention, lang) if camp.convention in ("day", "month") else md.escape(camp.convention)
    coverage = cov.coverage(result)
    out = [f"# {md.escape(t('report_title', lang))}", ""]
    out += [
        f"- {t('standard', lang)}: {md.escape(std.title.get(lang))} "
        f"({md.escape(std.id)} {md.escape(std.version)})",
        f"- {t('as_of', lang)}: {result.as_of.isoformat()}",
        f"- {t('campaign', lang)}: {camp.start.isoformat()} – {camp.deadline.isoformat()} "
        f"({conv})",
        f"- {t('expected_progress', lang)}: {fmt_pct(result.expected_progress)}",
        f"- {t('communities', lang)}: {s.communities}",
        f"- {coverage.compliant_label(lang)}: {s.compliant}",
        f"- {t('with_shortfalls', lang)}: {s.with_shortfalls}",
        f"- {t('behind_schedule_n', lang)}: {s.behind_schedule}",
        *([f"- {md.escape(coverage.sentence(lang))}"] if not coverage.complete else []),
        "",
    ]
    if s.by_indicator:
        out += [f"## {t('by_indicator', lang)}", ""]
        out += md.table([t("indicator", lang), t("title", lang), *(t(k, lang) for k in COUNT_KEYS)],
                        [[i.indicator, i.title.get(lang), *(getattr(i, k) for k in COUNT_KEYS)]
                         for i in s.by_indicator])
        out.append("")
    out += unassessed_section(result, lang)
    out += [f"## {t('findings', lang)}", ""]
    rows = [[_finding_cell(name, values[i]) for name, i in zip(MD_COLUMNS, _INDEX, strict=True)]
            for values in iter_finding_values(result, lang)]
    if rows:
        out += md.table([t(c, lang) for c in MD_COLUMNS], rows)
    else:
        out.append(t("no_findings", lang))
    out.append("")
    problems = [f for f in result.files if f.status != "ok"]
    if result.warnings or problems:
        out += [f"## {t('warnings', lang)}", ""]
        out += [f"- {md.escape(f.path)}: {md.escape(f.reason.render(lang) if f.reason else t(f.status, lang))}"
                for f in problems]
        for w in result.warnings:
            where = " ".join(md.escape(x) for x in (w.file, w.sheet or "", w.cell or "") if x)
            out.append(f"- {where}: {md.escape(w.message.render(lang))}")
        out.append("")
    return "\n".join(out)


def emit(result: CheckResult, target: Target) -> list[Path]:
    """The Markdown report to ``target``."""
    return target.write((render_md(result, target.lang),))
