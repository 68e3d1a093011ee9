"""Combinators: ``all_of`` (every sub-rule) and ``any_of`` (at least one)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar, Literal

import numpy as np
from pydantic import Field

from creatio_cli.rules.base import MET, UNASSESSED, Columns, Outcome, RuleBase, worst

if TYPE_CHECKING:
    from creatio_cli.rules.kinds import Rule


def _pick(outcomes: list[Outcome], index: np.ndarray) -> dict[str, np.ndarray]:
    rows = np.arange(index.shape[0])
    pick = {}
    for name in ("status", "actual", "required", "gap", "field", "ratio"):
        stacked = np.stack([getattr(o, name) for o in outcomes])
        pick[name] = stacked[index, rows]
    return pick


class AllOf(RuleBase):
    """Every sub-rule must pass; a failing row reports the first, most serious sub-rule that fails (a known
    problem outranks a sub-rule that cannot be assessed).

    Passes: ``{kind: all_of, rules: [{kind: threshold, field: activity_area, value: 400},
    {kind: threshold, field: largest_room, value: 200}]}`` with 420 ㎡ and a 220 ㎡ room.
    Fails:  the same rule with 420 ㎡ and a largest room of 150 ㎡ (gap 50 ㎡).
    """

    kind: Literal["all_of"]
    rules: list[Rule] = Field(min_length=1)

    examples: ClassVar[dict] = {
        "rule": {"kind": "all_of", "rules": [
            {"kind": "threshold", "field": "activity_area", "value": 400},
            {"kind": "threshold", "field": "largest_room", "value": 200}]},
        "pass": {"activity_area": 420, "largest_room": 220},
        "fail": {"activity_area": 420, "largest_room": 150},
        "fail_gap": 50.0,
    }

    def fields(self) -> Iterator[str]:
        for rule in self.rules:
            yield from rule.fields()

    def evaluate(self, cols: Columns) -> Outcome:
        outcomes = [rule.evaluate(cols) for rule in self.rules]
        picked = _pick(outcomes, worst(outcomes, conjunction=True))
        # Proportional credit for a conjunction: the weakest part bounds it.
        picked["ratio"] = np.min(np.stack([o.ratio for o in outcomes]), axis=0)
        return Outcome(**picked, boolean=all(o.boolean for o in outcomes))


class AnyOf(RuleBase):
    """At least one sub-rule must pass; otherwise the first sub-rule's result is reported (or, when a
    sub-rule cannot be assessed because its column is absent, the indicator is unassessed).

    Passes: ``{kind: any_of, rules: [{kind: present, field: culture_center},
    {kind: threshold, field: activity_area, value: 200}]}`` with no 文化服务中心 but 250 ㎡.
    Fails:  no 文化服务中心 and 150 ㎡.
    """

    kind: Literal["any_of"]
    rules: list[Rule] = Field(min_length=1)

    examples: ClassVar[dict] = {
        "rule": {"kind": "any_of", "rules": [
            {"kind": "present", "field": "culture_center"},
            {"kind": "threshold", "field": "activity_area", "value": 200}]},
        "pass": {"culture_center": "无", "activity_area": 250},
        "fail": {"culture_center": "无", "activity_area": 150},
        "fail_gap": None,
    }

    def fields(self) -> Iterator[str]:
        for rule in self.rules:
            yield from rule.fields()

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
