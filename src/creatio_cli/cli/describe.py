"""Plain-text description of a standard (for `standards show`)."""

from __future__ import annotations

from creatio_cli.rules.base import RuleBase
from creatio_cli.standards.model import FieldSpec, Standard


def rule_text(rule: RuleBase, fields: dict[str, FieldSpec], lang: str) -> str:
    """A one-line reading of a rule, e.g. ``service_area ≥ 30 per 100 households``."""
    def name(f: str) -> str:
        return fields[f].title.get(lang)

    kind = rule.kind
    if kind == "threshold":
        return f"{name(rule.field)} {rule.op} {rule.value:g}{fields[rule.field].unit or ''}"
    if kind == "per_households":
        floor = f"，且不少于 {rule.floor:g}" if rule.floor else ""
        return f"{name(rule.field)} ≥ 每百{name(rule.per)} {rule.rate:g}{fields[rule.field].unit or ''}{floor}"
    if kind == "share":
        return f"{name(rule.field)} ≥ {name(rule.of)} × {rule.min_percent:g}%"
    if kind == "present":
        return f"{name(rule.field)} = 是"
    if kind == "prorated_count":
        return f"{name(rule.field)} ≥ {rule.target:g}（按序时进度折算）"
    if kind == "tiered":
        tiers = "；".join(f"{'<' + format(t.below, 'g') if t.below is not None else '其余'}: {t.value:g}" for t in rule.tiers)
        return f"{name(rule.field)} {rule.op} 按{name(rule.by)}分档（{tiers}）"
    joiner = " 且 " if kind == "all_of" else " 或 "
    return joiner.join(rule_text(r, fields, lang) for r in rule.rules)


def describe_standard(std: Standard, lang: str) -> str:
    """Indicators with their rule, points, department, deadline and source."""
    lines = [f"{std.title.get(lang)}  ({std.id} {std.version})"]
    if std.description:
        lines.append(std.description.get(lang))
    lines.append("")
    for ind in std.indicators:
        mark = "  [占位值]" if ind.basis.confidence == "placeholder" else "  [地方口径]" if ind.basis.confidence == "local" else ""
        lines.append(f"{ind.id}  {ind.title.get(lang)}  {ind.points:g}分  {ind.department}{mark}")
        lines.append(f"    规则: {rule_text(ind.rule, std.fields, lang)}")
        lines.append(f"    依据: {ind.basis.cite()}" + (f"  截止 {ind.deadline}" if ind.deadline else ""))
    grades = "，".join(f"{g.label.get(lang)} ≥ {g.min:g}%" for g in std.scoring.grades)
    if grades:
        lines += ["", f"等级: {grades}（{std.scoring.credit}）"]
    return "\n".join(lines)
