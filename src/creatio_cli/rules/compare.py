"""Numeric rule kinds: a fixed threshold, per-100-households, a share of another field, household tiers."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, ClassVar, Literal

import numpy as np
from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from creatio_cli.messages import Message, msg
from creatio_cli.rules.base import Columns, Outcome, RuleBase, Shortfall, numeric_outcome, zero_basis
from creatio_cli.rules.text import MidSentence, amount, field_title, is_percent, number, unit_of, word

if TYPE_CHECKING:
    from creatio_cli.rules.text import FieldLike

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

    def compared(self) -> Iterator[tuple[tuple[str | int, ...], str, float]]:
        yield ("value",), self.field, self.value

    def evaluate(self, cols: Columns) -> Outcome:
        required = np.full(cols.rows, self.value, dtype=float)
        return numeric_outcome(cols, [self.field], cols.value(self.field), required, self.op)

    def requirement(self, fields: Mapping[str, FieldLike]) -> Message:
        """不少于6个 / at least 6; 不低于90% / at least 90 %."""
        return msg("rule.compare", word=word(self.op, is_percent(fields, self.field)), value=number(self.value),
                   unit=unit_of(fields, self.field))


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
    # 0 households: invalid (``cell.basis_zero``) unless the rule says a community of none is judged too.
    allow_zero_basis: bool = False

    examples: ClassVar[dict] = {
        "rule": {"kind": "per_households", "field": "service_area", "rate": 30},
        "pass": {"service_area": 600, "households": 1860},
        "fail": {"service_area": 420, "households": 1860},
        "fail_gap": 138.0,
    }

    def fields(self) -> Iterator[str]:
        yield self.field
        yield self.per

    def basis_fields(self) -> Iterator[str]:
        yield self.per

    fixed_numbers: ClassVar[frozenset[float]] = frozenset({100.0})

    def evaluate(self, cols: Columns) -> Outcome:
        with np.errstate(over="ignore"):  # an absurd household count overflows: invalid in numeric_outcome
            required = np.maximum(self.floor, self.rate * cols.value(self.per) / 100.0)
        outcome = numeric_outcome(cols, [self.field, self.per], cols.value(self.field), required)
        return outcome if self.allow_zero_basis else zero_basis(outcome, cols, self.per)

    def _per(self, fields: Mapping[str, FieldLike]) -> object:
        return msg("rule.per_households_unit") if self.per == "households" else MidSentence(field_title(fields, self.per))

    def requirement(self, fields: Mapping[str, FieldLike]) -> Message:
        """每百户不少于30㎡ / at least 30 ㎡ per 100 households (and the floor, when there is one)."""
        params = {"rate": number(self.rate), "unit": unit_of(fields, self.field), "per": self._per(fields)}
        if self.floor:
            return msg("rule.per_100_floor", floor=number(self.floor), **params)
        return msg("rule.per_100", **params)

    def shortfall(self, fields: Mapping[str, FieldLike], actual: float, required: float,
                  field: str | None = None) -> Shortfall:
        """按每百户30㎡标准应不少于558㎡."""
        params = {"rate": number(self.rate), "unit": unit_of(fields, self.field), "per": self._per(fields),
                  "required": amount(required)}
        if self.floor:
            return Shortfall(None, msg("rule.row.per_100_floor", floor=number(self.floor), **params))
        return Shortfall(None, msg("rule.row.per_100", **params))


class Share(RuleBase):
    """One field must be at least a share of another: required = min_percent % × of.

    Passes: ``{kind: share, field: activity_area, of: service_area, min_percent: 60}`` with 300 of 420 ㎡.
    Fails:  the same rule with 210 of 420 ㎡ (required 252 ㎡, gap 42 ㎡).
    """

    kind: Literal["share"]
    field: str
    of: str
    min_percent: float = Field(gt=0, le=100)
    # A whole of 0 (no facility area): invalid (``cell.basis_zero``), not met, unless the rule says otherwise.
    allow_zero_basis: bool = False

    examples: ClassVar[dict] = {
        "rule": {"kind": "share", "field": "activity_area", "of": "service_area", "min_percent": 60},
        "pass": {"activity_area": 300, "service_area": 420},
        "fail": {"activity_area": 210, "service_area": 420},
        "fail_gap": 42.0,
    }

    def fields(self) -> Iterator[str]:
        yield self.field
        yield self.of

    def basis_fields(self) -> Iterator[str]:
        yield self.of

    def evaluate(self, cols: Columns) -> Outcome:
        with np.errstate(over="ignore"):  # as in PerHouseholds: numeric_outcome makes it invalid
            required = cols.value(self.of) * self.min_percent / 100.0
        outcome = numeric_outcome(cols, [self.field, self.of], cols.value(self.field), required)
        return outcome if self.allow_zero_basis else zero_basis(outcome, cols, self.of)

    def requirement(self, fields: Mapping[str, FieldLike]) -> Message:
        """不低于社区综合服务设施面积的60% / at least 60 % of community service facility floor area."""
        return msg("rule.share", of=MidSentence(field_title(fields, self.of)), percent=number(self.min_percent))

    def shortfall(self, fields: Mapping[str, FieldLike], actual: float, required: float,
                  field: str | None = None) -> Shortfall:
        """The share, then the requirement in % and in the field's unit:
        居民活动用房面积234㎡，占社区综合服务设施面积的44.1%，应不低于60%（318㎡）."""
        if not required > 0:  # the whole is zero or unknown: no share to state
            return super().shortfall(fields, actual, required, field)
        share = actual * self.min_percent / required  # actual / whole × 100, the whole being required × 100 / min %
        return Shortfall(field_title(fields, self.field),
                         msg("rule.row.share", of=MidSentence(field_title(fields, self.of)), share=amount(share),
                             percent=number(self.min_percent), required=amount(required),
                             unit=unit_of(fields, self.field)))


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
        bounds = [t.below for t in self.tiers[:-1] if t.below is not None]
        if len(bounds) < len(self.tiers) - 1:
            raise PydanticCustomError("standard.tier_below_missing", "only the last tier may omit below")
        if bounds != sorted(bounds):
            raise PydanticCustomError("standard.tiers_not_ascending", "tiers not ascending")
        return self

    def fields(self) -> Iterator[str]:
        yield self.field
        yield self.by

    def basis_fields(self) -> Iterator[str]:
        yield self.by

    def compared(self) -> Iterator[tuple[tuple[str | int, ...], str, float]]:
        for i, tier in enumerate(self.tiers):
            yield ("tiers", i, "value"), self.field, tier.value
            if tier.below is not None:
                yield ("tiers", i, "below"), self.by, tier.below

    def params(self) -> dict[str, int | float]:
        """Each tier's numbers, numbered from 1: ``{value_1}``, ``{below_1}``, ``{value_2}`` …"""
        out: dict[str, int | float] = {}
        for i, tier in enumerate(self.tiers, 1):
            out.update({f"{name}_{i}": value for name, value in tier.params().items()})
        return out

    def requirement(self, fields: Mapping[str, FieldLike]) -> Message:
        """按户数分档：户数不足3000户时不少于300㎡、其余不少于500㎡."""
        by, by_unit = MidSentence(field_title(fields, self.by)), unit_of(fields, self.by)
        op_word, unit = word(self.op, is_percent(fields, self.field)), unit_of(fields, self.field)
        tiers = []
        for tier in self.tiers:
            need = msg("rule.compare", word=op_word, value=number(tier.value), unit=unit)
            tiers.append(msg("rule.tier_rest", requirement=need) if tier.below is None else
                         msg("rule.tier_below", by=by, below=number(tier.below), by_unit=by_unit, requirement=need))
        return msg("rule.tiered", by=by, tiers=tiers)

    def shortfall(self, fields: Mapping[str, FieldLike], actual: float, required: float,
                  field: str | None = None) -> Shortfall:
        """按户数分档应不少于500㎡."""
        return Shortfall(None, msg("rule.row.tiered", by=MidSentence(field_title(fields, self.by)),
                                   word=word(self.op, is_percent(fields, self.field)), required=amount(required),
                                   unit=unit_of(fields, self.field)))

    def evaluate(self, cols: Columns) -> Outcome:
        by = cols.value(self.by)
        required = np.full(cols.rows, np.nan)
        unassigned = np.ones(cols.rows, dtype=bool)
        for tier in self.tiers:
            band = unassigned if tier.below is None else unassigned & (by < tier.below)
            required[band] = tier.value
            unassigned &= ~band
        return numeric_outcome(cols, [self.field, self.by], cols.value(self.field), required, self.op)
