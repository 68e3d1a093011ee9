"""Every text said about an indicator's rule, derived from the rule — never copied beside it.

An indicator's ``title`` may be a template of its rule's numbers: ``功能室数量（不少于{value}个）``, or
``功能室数量（{requirement}）`` with the rule's own requirement phrase. The placeholders a rule offers are
its numeric keys (``rule.params()``: ``value``, ``rate``, ``floor``, ``min_percent``, ``target``; a
combinator's parts numbered ``value_1``, ``value_2``; tiers ``value_1``, ``below_1`` …) plus
``requirement``. A standard that ``extends`` another and tightens a rule therefore changes its titles
with it, and so every report and notice that prints them.

A title that writes a number its rule does not have (``不少于6个`` over a rule of 8) is reported as a
warning (``title_problems``) by ``standards validate``, ``check`` and ``score``.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from creatio_cli.messages import Message, msg
from creatio_cli.rules.text import arabic_numbers, chinese_numbers, number

if TYPE_CHECKING:
    from creatio_cli.rules.base import RuleBase, Shortfall
    from creatio_cli.standards.model import FieldSpec, Indicator, Standard, Text

#: Placeholders every title may use besides the rule's numbers.
EXTRA_PLACEHOLDERS = ("requirement",)
_FORMATTER = string.Formatter()


def placeholders(template: str) -> list[str]:
    """The placeholder names of a title template (ValueError when its braces do not pair)."""
    return [name for _text, name, _spec, _conv in _FORMATTER.parse(template) if name is not None]


def literal_text(template: str) -> str:
    """The template with its placeholders removed: what the author wrote by hand."""
    return "".join(text for text, _name, _spec, _conv in _FORMATTER.parse(template))


def allowed_placeholders(rule: RuleBase) -> list[str]:
    return [*rule.params(), *EXTRA_PLACEHOLDERS]


def render_title(title: Text, rule: RuleBase, fields: Mapping[str, FieldSpec]) -> Text:
    """The title with the rule's numbers filled in, in both languages (an English template only when the
    standard gives one: a Chinese title is never filled with English phrases)."""
    from creatio_cli.standards.model import Text

    known = set(allowed_placeholders(rule))
    if any(name not in known for t in (title.zh, title.en) if t is not None for name in placeholders(t)):
        # The template was written for another rule (an extension replaced the rule under an inherited title):
        # the rule's own words are the title, so no number it does not have is ever printed.
        described = rule.describe(fields)
        return Text(zh=described.render("zh"), en=described.render("en") if title.en is not None else None)

    def fill(template: str, lang: str) -> str:
        values: dict[str, Any] = dict(rule.params())
        if "requirement" in placeholders(template):
            values["requirement"] = rule.requirement(fields).render(lang)
        return _FORMATTER.vformat(template, (), values)

    return Text(zh=fill(title.zh, "zh"), en=fill(title.en, "en") if title.en is not None else None)


def title_problems(std: Standard) -> list[tuple[str, Message]]:
    """(YAML key, warning) for each title that writes by hand a number its rule does not have."""
    out = []
    for ind in std.indicators:
        known = ind.rule.numbers()
        allowed = allowed_placeholders(ind.rule)
        for lang, template in (("zh", ind.title.zh), ("en", ind.title.en)):
            if template is None:
                continue
            unknown = [name for name in placeholders(template) if name not in allowed]
            if unknown:
                out.append((f"indicators[{ind.id}].title.{lang}",
                            msg("indicator.title_placeholder_unknown", title=template, names=unknown,
                                known=allowed, rule=ind.rule.describe(std.fields))))
                continue
            stray = sorted(n for n in arabic_numbers(literal_text(template)) if n not in known)
            if stray:
                out.append((f"indicators[{ind.id}].title.{lang}",
                            msg("indicator.title_number_not_in_rule", title=template,
                                numbers=[number(n) for n in stray], rule=ind.rule.describe(std.fields))))
    return out


def clause_states_rule(clause: str | None, rule: RuleBase) -> bool:
    """Whether the basis clause itself states the rule's numbers (so a notice may present them as the
    clause's). A clause without numbers (“六个一：一个道德讲堂”, or none) states nothing to contradict."""
    if not clause:
        return True
    stated = arabic_numbers(clause) | chinese_numbers(clause)
    if not stated:
        return True
    wanted = {n for n in rule.numbers() if n not in rule.fixed_numbers}
    return wanted <= stated


@dataclass(frozen=True, eq=False)
class IndicatorWording:
    """One indicator's rule bound to the standard's fields: what a notice says of a row's shortfall.

    ``own_requirement``: the rule's numbers are this check's requirement, not the clause's (the clause
    states other numbers, or the threshold is a placeholder), so a notice marks them “（本次检查要求）”.
    """

    rule: RuleBase
    fields: Mapping[str, FieldSpec]
    own_requirement: bool

    def shortfall(self, actual: float, required: float, field: str | None) -> Shortfall:
        return self.rule.shortfall(self.fields, actual, required, field)

    @property
    def marker(self) -> Message | None:
        return msg("rule.row.own_requirement") if self.own_requirement else None


def wording(ind: Indicator, fields: Mapping[str, FieldSpec]) -> IndicatorWording:
    names = set(ind.rule.fields())
    own = ind.basis.confidence == "placeholder" or not clause_states_rule(ind.basis.clause, ind.rule)
    return IndicatorWording(ind.rule, {k: v for k, v in fields.items() if k in names}, own)
