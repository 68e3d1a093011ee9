"""Plain-text description of a standard (for `standards show`), every word from the catalogue.

Each rule kind words itself (``rules/``: ``describe``) with the rule's own numbers, so a tightened threshold
shows at once; a kind that defines no wording gets the base class's generic one, so a new kind never
crashes the listing. Placeholder, low and local bases are marked (design.md, "Additions").
"""

from __future__ import annotations

from creatio_cli.render.fill import fill
from creatio_cli.render.i18n import phrase, t
from creatio_cli.results import confidence_mark
from creatio_cli.rules.base import RuleBase
from creatio_cli.standards.model import FieldSpec, Standard


def _num(value: float) -> str:
    return f"{value:g}"


def rule_text(rule: RuleBase, fields: dict[str, FieldSpec], lang: str) -> str:
    """A one-line reading of a rule, as the rule kind words itself (rules/: ``describe``): 功能室数量不少于8个."""
    return rule.describe(fields).render(lang)


def describe_standard(std: Standard, lang: str, width: int | None = None) -> str:
    """Indicators with their rule, points, department, deadline and source.

    ``width``: the terminal's columns; a longer line is broken (at a space or between Chinese characters)
    with a hanging indent. None (piped, no COLUMNS) keeps one line per item.
    """
    lines = fill(f"{std.title.get(lang)}  ({std.id} {std.version})", width)
    if std.description:
        lines += fill(std.description.get(lang), width)
    lines.append("")
    for ind in std.indicators:
        marked = confidence_mark(ind.basis.confidence)
        mark = f"  [{marked.render(lang)}]" if marked is not None else ""
        lines += fill(f"{ind.id}  {std.heading(ind).get(lang)}  {phrase('points_n', lang, points=_num(ind.points))}  "
                      f"{ind.department}{mark}", width, "", "    ")
        lines += fill(phrase("rule_line", lang, rule=rule_text(ind.rule, std.fields, lang)), width, "    ", "      ")
        due = f"  {phrase('until', lang, date=ind.deadline.isoformat())}" if ind.deadline else ""
        lines += fill(f"{phrase('basis_line', lang, basis=ind.basis.cite())}{due}", width, "    ", "      ")
    grades = [phrase("grade_band", lang, grade=g.label, min=_num(g.min)) for g in std.scoring.grades]
    if grades:
        credit = t(f"credit.{std.scoring.credit}", lang)
        lines += ["", *fill(phrase("grades_line", lang, grades=t("title_sep", lang).join(grades), credit=credit),
                            width)]
    return "\n".join(lines)
