"""Plain-text description of a standard (for `standards show`), every word from the catalogue.

Each rule kind is read out by its ``label.rule.<kind>`` template with the rule's own numbers, so a
tightened threshold shows at once. A kind without a template (a new one) is shown by its name and
parameters rather than crashing. Units go through ``render.i18n.unit`` (次 → times in English).
"""

from __future__ import annotations

from typing import Any

from creatio_cli.messages import CATALOGUE
from creatio_cli.render.i18n import phrase, t, unit
from creatio_cli.rules.base import RuleBase
from creatio_cli.standards.model import FieldSpec, Standard

#: Comparison operators as people write them.
OPS = {">=": "≥", "<=": "≤", "==": "=", "!=": "≠", ">": ">", "<": "<"}
#: Basis confidences marked in the listing (design.md, "Additions": low and local marked, not warned).
MARKED = ("placeholder", "local", "low")


def _num(value: float) -> str:
    return f"{value:g}"


def rule_text(rule: RuleBase, fields: dict[str, FieldSpec], lang: str) -> str:
    """A one-line reading of a rule, e.g. ``Service area ≥ 30 ㎡ per 100 Households``."""
    kind = rule.kind

    def name(f: str) -> str:
        spec = fields.get(f)
        return spec.title.get(lang) if spec is not None else f

    def amount(value: float, field: str) -> str:
        spec = fields.get(field)
        shown = unit(spec.unit if spec is not None else None, lang)
        word = shown[:1].isascii() and shown[:1].isalpha()  # "6 times", but "30㎡", "10%", "6个"
        return f"{_num(value)}{' ' if word else ''}{shown}"

    r: Any = rule
    if kind == "threshold":
        return phrase("rule.threshold", lang, field=name(r.field), op=OPS.get(r.op, r.op), value=amount(r.value, r.field))
    if kind == "per_households":
        text = phrase("rule.per_households", lang, field=name(r.field), per=name(r.per), rate=amount(r.rate, r.field))
        return text + (phrase("rule.floor", lang, floor=amount(r.floor, r.field)) if r.floor else "")
    if kind == "share":
        return phrase("rule.share", lang, field=name(r.field), of=name(r.of), percent=_num(r.min_percent))
    if kind == "present":
        return phrase("rule.present", lang, field=name(r.field), yes=t("yes", lang))
    if kind == "prorated_count":
        return phrase("rule.prorated_count", lang, field=name(r.field), target=amount(r.target, r.field))
    if kind == "tiered":
        tiers = [phrase("rule.tier", lang, by=name(r.by), below=_num(x.below), value=amount(x.value, r.field))
                 if x.below is not None else phrase("rule.tier_rest", lang, value=amount(x.value, r.field))
                 for x in r.tiers]
        return phrase("rule.tiered", lang, field=name(r.field), op=OPS.get(r.op, r.op), by=name(r.by),
                      tiers=t("title_sep", lang).join(tiers))
    if kind in ("all_of", "any_of") and f"label.rule.{kind}" in CATALOGUE:
        joiner = f" {t(f'rule.{kind}', lang)} "
        return joiner.join(rule_text(part, fields, lang) for part in r.rules)
    params = ", ".join(f"{k}={v}" for k, v in rule.model_dump(exclude={"kind"}).items())
    return phrase("rule.other", lang, kind=kind, params=params)


def describe_standard(std: Standard, lang: str) -> str:
    """Indicators with their rule, points, department, deadline and source."""
    lines = [f"{std.title.get(lang)}  ({std.id} {std.version})"]
    if std.description:
        lines.append(std.description.get(lang))
    lines.append("")
    for ind in std.indicators:
        confidence = ind.basis.confidence
        mark = f"  [{t(f'confidence.{confidence}', lang)}]" if confidence in MARKED else ""
        lines.append(f"{ind.id}  {ind.title.get(lang)}  {phrase('points_n', lang, points=_num(ind.points))}  "
                     f"{ind.department}{mark}")
        lines.append(f"    {phrase('rule_line', lang, rule=rule_text(ind.rule, std.fields, lang))}")
        due = f"  {phrase('until', lang, date=ind.deadline.isoformat())}" if ind.deadline else ""
        lines.append(f"    {phrase('basis_line', lang, basis=ind.basis.cite())}{due}")
    grades = [phrase("grade_band", lang, grade=g.label, min=_num(g.min)) for g in std.scoring.grades]
    if grades:
        credit = t(f"credit.{std.scoring.credit}", lang)
        lines += ["", phrase("grades_line", lang, grades=t("title_sep", lang).join(grades), credit=credit)]
    return "\n".join(lines)
