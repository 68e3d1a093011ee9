"""Combinators: ``all_of`` (every sub-rule) and ``any_of`` (at least one)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, ClassVar, Literal

import numpy as np
from pydantic import Field

from creatio_cli.messages import Message, msg
from creatio_cli.rules.base import MET, SHORTFALL, UNASSESSED, Columns, Outcome, Rule, RuleBase, Shortfall, worst

if TYPE_CHECKING:
    from creatio_cli.rules.text import FieldLike


def _pick(outcomes: list[Outcome], index: np.ndarray) -> dict[str, np.ndarray]:
    rows = np.arange(index.shape[0])
    pick = {}
    for name in ("status", "actual", "required", "gap", "field", "ratio"):
        stacked = np.stack([getattr(o, name) for o in outcomes])
        pick[name] = stacked[index, rows]
    if any(o.reason is not None for o in outcomes):  # a part's own reason for an invalid row
        stacked = np.stack([o.reason if o.reason is not None else np.full(len(rows), None, dtype=object)
                            for o in outcomes])
        pick["reason"] = stacked[index, rows]
    return pick


class _Combinator(RuleBase):
    """What all_of and any_of share: their parts' numbers, and the wording of the part that failed."""

    rules: list[Rule] = Field(min_length=1)
    joined: ClassVar[str] = "rule.all_of"

    def fields(self) -> Iterator[str]:
        for rule in self.rules:
            yield from rule.fields()

    def basis_fields(self) -> Iterator[str]:
        for rule in self.rules:
            yield from rule.basis_fields()

    def params(self) -> dict[str, int | float]:
        """Each part's numbers, numbered from 1: ``{value_1}``, ``{value_2}`` (nested: ``{value_2_1}``)."""
        return {f"{name}_{i}": value for i, rule in enumerate(self.rules, 1) for name, value in rule.params().items()}

    def numbers(self) -> set[float]:
        return set().union(*(rule.numbers() for rule in self.rules))

    def compared(self) -> Iterator[tuple[tuple[str | int, ...], str, float]]:
        for i, rule in enumerate(self.rules):
            for key, field, value in rule.compared():
                yield ("rules", i, *key), field, value

    def requirement(self, fields: Mapping[str, FieldLike]) -> Message:
        return msg(self.joined, parts=[rule.describe(fields) for rule in self.rules])

    def describe(self, fields: Mapping[str, FieldLike]) -> Message:
        return self.requirement(fields)

    def part_for(self, field: str | None) -> RuleBase:
        for rule in self.rules:
            if field is not None and field in rule.fields():
                return rule.part_for(field)
        return self.rules[0].part_for(field)

    def shortfall(self, fields: Mapping[str, FieldLike], actual: float, required: float,
                  field: str | None = None) -> Shortfall:
        """The failing part's wording, named after its own field (the indicator's title names the whole)."""
        from creatio_cli.rules.text import field_title

        part = self.part_for(field)
        said = part.shortfall(fields, actual, required, field)
        return Shortfall(said.subject or field_title(fields, next(iter(part.fields()))), said.phrase)


class AllOf(_Combinator):
    """Every sub-rule must pass; a failing row reports the first, most serious sub-rule that fails (a known
    shortfall outranks a sub-rule that cannot be assessed; a blank or unreadable cell does not).

    Passes: ``{kind: all_of, rules: [{kind: threshold, field: activity_area, value: 400},
    {kind: threshold, field: largest_room, value: 200}]}`` with 420 ㎡ and a 220 ㎡ room.
    Fails:  the same rule with 420 ㎡ and a largest room of 150 ㎡ (gap 50 ㎡).
    """

    kind: Literal["all_of"]

    examples: ClassVar[dict] = {
        "rule": {"kind": "all_of", "rules": [
            {"kind": "threshold", "field": "activity_area", "value": 400},
            {"kind": "threshold", "field": "largest_room", "value": 200}]},
        "pass": {"activity_area": 420, "largest_room": 220},
        "fail": {"activity_area": 420, "largest_room": 150},
        "fail_gap": 50.0,
    }

    def evaluate(self, cols: Columns) -> Outcome:
        outcomes = [rule.evaluate(cols) for rule in self.rules]
        index = worst(outcomes, conjunction=True)
        # Only a shortfall is known to fail the whole; a blank or unreadable cell beside a part with no
        # column decides nothing, and the sheet-level unassessed state must win there as on every other
        # row of the sheet (else one community is charged the points the others are spared).
        statuses = np.stack([o.status for o in outcomes])
        undecided = (statuses == UNASSESSED).any(axis=0) & ~(statuses == SHORTFALL).any(axis=0)
        index = np.where(undecided, np.argmax(statuses == UNASSESSED, axis=0), index)
        picked = _pick(outcomes, index)
        # Proportional credit for a conjunction: the weakest part bounds it.
        picked["ratio"] = np.min(np.stack([o.ratio for o in outcomes]), axis=0)
        return Outcome(**picked, boolean=all(o.boolean for o in outcomes))


class AnyOf(_Combinator):
    """At least one sub-rule must pass; otherwise the first sub-rule's result is reported (or, when a
    sub-rule cannot be assessed because its column is absent, the indicator is unassessed).

    Passes: ``{kind: any_of, rules: [{kind: present, field: culture_center},
    {kind: threshold, field: activity_area, value: 200}]}`` with no 文化服务中心 but 250 ㎡.
    Fails:  no 文化服务中心 and 150 ㎡.
    """

    kind: Literal["any_of"]
    joined: ClassVar[str] = "rule.any_of"

    examples: ClassVar[dict] = {
        "rule": {"kind": "any_of", "rules": [
            {"kind": "present", "field": "culture_center"},
            {"kind": "threshold", "field": "activity_area", "value": 200}]},
        "pass": {"culture_center": "无", "activity_area": 250},
        "fail": {"culture_center": "无", "activity_area": 150},
        "fail_gap": None,
    }

    def evaluate(self, cols: Columns) -> Outcome:
        outcomes = [rule.evaluate(cols) for rule in self.rules]
        statuses = np.stack([o.status for o in outcomes])
        met_any = (statuses == MET).any(axis=0)
        first_met = np.argmax(statuses == MET, axis=0)
        # No part met: a part that cannot be assessed might have been met, so the whole is unassessed.
        unassessed = (statuses == UNASSESSED).any(axis=0)
        first_unassessed = np.argmax(statuses == UNASSESSED, axis=0)
        index = np.where(met_any, first_met, np.where(unassessed, first_unassessed, 0))
        picked = _pick(outcomes, index)
        picked["ratio"] = np.max(np.stack([o.ratio for o in outcomes]), axis=0)
        return Outcome(**picked, boolean=outcomes[0].boolean)
