"""Plain-text description of a standard (for `standards show`)."""

from __future__ import annotations

from creatio_cli.results import confidence_mark
from creatio_cli.rules.base import RuleBase
from creatio_cli.standards.model import FieldSpec, Standard


def rule_text(rule: RuleBase, fields: dict[str, FieldSpec], lang: str) -> str:
    """A one-line reading of a rule, as the rule kind words itself (rules/: ``describe``): 功能室数量不少于8个."""
    return rule.describe(fields).render(lang)


def describe_standard(std: Standard, lang: str) -> str:
    """Indicators with their rule, points, department, deadline and source."""
    lines = [f"{std.title.get(lang)}  ({std.id} {std.version})"]
    if std.description:
        lines.append(std.description.get(lang))
    lines.append("")
    for ind in std.indicators:
        marked = confidence_mark(ind.basis.confidence)
        mark = f"  [{marked.render(lang)}]" if marked is not None else ""
        lines.append(f"{ind.id}  {std.heading(ind).get(lang)}  {ind.points:g}分  {ind.department}{mark}")
        lines.append(f"    规则: {rule_text(ind.rule, std.fields, lang)}")
        lines.append(f"    依据: {ind.basis.cite()}" + (f"  截止 {ind.deadline}" if ind.deadline else ""))
    grades = "，".join(f"{g.label.get(lang)} ≥ {g.min:g}%" for g in std.scoring.grades)
    if grades:
        lines += ["", f"等级: {grades}（{std.scoring.credit}）"]
    return "\n".join(lines)
