"""Numeric rule kinds: a fixed threshold, per-100-households, a share of another field, household tiers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar, Literal

import numpy as np
from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from creatio_cli.rules.base import Columns, Outcome, RuleBase, numeric_outcome

Op = Literal[">=", ">", "<=", "<", "=="]


class Threshold(RuleBase):
    """The field compared with a fixed value.

    Passes: ``{kind: threshold, field: function_rooms, op: ">=", value: 6}`` with 功能室 = 7.
    Fails:  the same rule with 功能室 = 4 (required 6, gap 2).
    """

    kind: Literal["threshold"]
    field: str
    op: Op = ">="
    value: float

    examples: ClassVar[dict] = {
        "rule": {"kind": "threshold", "field": "function_rooms", "op": ">=", "value": 6},
        "pass": {"function_rooms": 7},
        "fail": {"function_rooms": 4},
        "fail_gap": 2.0,
    }

    def fields(self) -> Iterator[str]:
        yield self.field

    def evaluate(self, cols: Columns) -> Outcome:
        required = np.full(cols.rows, self.value, dtype=float)
        return numeric_outcome(cols, [self.field], cols.value(self.field), required, self.op)


class PerHouseholds(RuleBase):
    """Floor area that grows with the community: required = max(floor, rate × households / 100).

    Passes: ``{kind: per_households, field: service_area, rate: 30}`` with 1,860 households and 600 ㎡.
    Fails:  the same rule with 420 ㎡ (required 558 ㎡, gap 138 ㎡) — 民发〔2016〕191号's 30 ㎡ per 100 households.
    """

    kind: Literal["per_households"]
    field: str
    rate: float = Field(gt=0, description="required units per 100 households")
    per: str = "households"
    floor: float = Field(default=0, ge=0)

    examples: ClassVar[dict] = {
        "rule": {"kind": "per_households", "field": "service_area", "rate": 30},
        "pass": {"service_area": 600, "households": 1860},
        "fail": {"service_area": 420, "households": 1860},
        "fail_gap": 138.0,
    }

    def fields(self) -> Iterator[str]:
        yield self.field
        yield self.per

    def evaluate(self, cols: Columns) -> Outcome:
        with np.errstate(over="ignore"):  # an absurd household count overflows: invalid in numeric_outcome
            required = np.maximum(self.floor, self.rate * cols.value(self.per) / 100.0)
        return numeric_outcome(cols, [self.field, self.per], cols.value(self.field), required)


class Share(RuleBase):
    """One field must be at least a share of another: required = min_percent % × of.

    Passes: ``{kind: share, field: activity_area, of: service_area, min_percent: 60}`` with 300 of 420 ㎡.
    Fails:  the same rule with 210 of 420 ㎡ (required 252 ㎡, gap 42 ㎡).
    """

    kind: Literal["share"]
    field: str
    of: str
    min_percent: float = Field(gt=0, le=100)

    examples: ClassVar[dict] = {
        "rule": {"kind": "share", "field": "activity_area", "of": "service_area", "min_percent": 60},
        "pass": {"activity_area": 300, "service_area": 420},
        "fail": {"activity_area": 210, "service_area": 420},
        "fail_gap": 42.0,
    }

    def fields(self) -> Iterator[str]:
        yield self.field
        yield self.of

    def evaluate(self, cols: Columns) -> Outcome:
        with np.errstate(over="ignore"):  # as in PerHouseholds: numeric_outcome makes it invalid
            required = cols.value(self.of) * self.min_percent / 100.0
        return numeric_outcome(cols, [self.field, self.of], cols.value(self.field), required)


class Tier(RuleBase):
    below: float | None = Field(default=None, description="upper bound (exclusive); omit on the last tier")
    value: float


class Tiered(RuleBase):
    """A threshold that depends on a band of another field (households by default).

    Passes: tiers ``[{below: 3000, value: 300}, {value: 500}]`` on service_area, 2,000 households, 320 ㎡.
    Fails:  the same tiers with 3,200 households and 320 ㎡ (required 500 ㎡, gap 180 ㎡).
    """

    kind: Literal["tiered"]
    field: str
    by: str = "households"
    op: Op = ">="
    tiers: list[Tier] = Field(min_length=1)

    examples: ClassVar[dict] = {
        "rule": {"kind": "tiered", "field": "service_area", "tiers": [{"below": 3000, "value": 300}, {"value": 500}]},
        "pass": {"service_area": 320, "households": 2000},
        "fail": {"service_area": 320, "households": 3200},
        "fail_gap": 180.0,
    }

    @model_validator(mode="after")
    def _ascending(self) -> Tiered:
        bounds = [t.below for t in self.tiers[:-1]]
        if any(b is None for b in bounds):
            raise PydanticCustomError("standard.tier_below_missing", "only the last tier may omit below")
        if bounds != sorted(bounds):
            raise PydanticCustomError("standard.tiers_not_ascending", "tiers not ascending")
        return self

    def fields(self) -> Iterator[str]:
        yield self.field
        yield self.by

    def evaluate(self, cols: Columns) -> Outcome:
        by = cols.value(self.by)
        required = np.full(cols.rows, np.nan)
        unassigned = np.ones(cols.rows, dtype=bool)
        for tier in self.tiers:
            band = unassigned if tier.below is None else unassigned & (by < tier.below)
            required[band] = tier.value
            unassigned &= ~band
        return numeric_outcome(cols, [self.field, self.by], cols.value(self.field), required, self.op)
