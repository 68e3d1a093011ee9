"""Count target pro-rated by 序时进度 (the campaign's expected progress)."""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, ClassVar, Literal

import numpy as np
from pydantic import Field

from creatio_cli.messages import Message, msg
from creatio_cli.rules.base import Columns, Outcome, RuleBase, Shortfall, numeric_outcome
from creatio_cli.rules.text import amount, number, unit_of

if TYPE_CHECKING:
    from creatio_cli.rules.text import FieldLike


class ProratedCount(RuleBase):
    """A yearly count scaled by how much of the campaign has elapsed, rounded up.

    ``{kind: prorated_count, field: activities, target: 12}``: by 2022-06-30 (181/365 elapsed) the
    required count is ceil(12 × 0.4959) = 6.
    Passes: 7 activities on 2022-06-30.  Fails: 4 activities on 2022-06-30 (required 6, gap 2).
    """

    kind: Literal["prorated_count"]
    field: str
    target: float = Field(gt=0, description="count required over the whole campaign")

    examples: ClassVar[dict] = {
        "rule": {"kind": "prorated_count", "field": "activities", "target": 12},
        "pass": {"activities": 7},
        "fail": {"activities": 4},
        "fail_gap": 2.0,
        "expected_progress": 181 / 365,
    }

    def fields(self) -> Iterator[str]:
        yield self.field

    def required_count(self, expected_progress: float) -> float:
        # Round before ceil so 12 × 0.5 stays 6, not 7 through float noise.
        return float(math.ceil(round(self.target * expected_progress, 9)))

    def evaluate(self, cols: Columns) -> Outcome:
        required = np.full(cols.rows, self.required_count(cols.expected_progress))
        return numeric_outcome(cols, [self.field], cols.value(self.field), required)

    def requirement(self, fields: Mapping[str, FieldLike]) -> Message:
        """不少于12次（按序时进度折算） / at least 12 over the campaign, pro-rated by schedule."""
        return msg("rule.prorated", target=number(self.target), unit=unit_of(fields, self.field))

    def shortfall(self, fields: Mapping[str, FieldLike], actual: float, required: float,
                  field: str | None = None) -> Shortfall:
        """按序时进度应不少于6次."""
        return Shortfall(None, msg("rule.row.prorated", required=amount(required), unit=unit_of(fields, self.field)))
