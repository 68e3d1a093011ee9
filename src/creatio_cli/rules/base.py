"""What rules see (Columns) and what they return (Outcome), plus the status codes they share.

Rules report facts only: met or not, actual, required, gap. Points, departments and deadlines
come from the standard and are attached by the engine.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, ClassVar

import numpy as np
from pydantic import BaseModel, ConfigDict, GetCoreSchemaHandler
from pydantic_core import PydanticCustomError, core_schema

from creatio_cli.messages import Localized, Message, msg
from creatio_cli.status import (
    CELL_INVALID,
    CELL_MISSING,
    CELL_NA,
    CELL_OK,
    CELL_UNMAPPED,
    INVALID,
    MET,
    MISSING,
    NOT_APPLICABLE,
    SHORTFALL,
    UNASSESSED,
    WAIVED,
)

if TYPE_CHECKING:
    from creatio_cli.rules.text import FieldLike

# When several inputs or sub-rules disagree, the most actionable one is reported; a field with no column
# at all outranks everything (nothing can be said about the indicator).
_SEVERITY = {UNASSESSED: 6, INVALID: 5, MISSING: 4, SHORTFALL: 3, NOT_APPLICABLE: 1, MET: 0, WAIVED: 0}


@dataclass(frozen=True)
class Columns:
    """Typed field values of all rows: float64 arrays (yes/no as 1.0/0.0), cell states as int8."""

    values: dict[str, np.ndarray]
    states: dict[str, np.ndarray]
    rows: int
    expected_progress: float
    missing_columns: tuple[str, ...] = ()  # fields some rows have no column for (their states: CELL_UNMAPPED)

    def value(self, name: str) -> np.ndarray:
        return self.values.get(name, np.full(self.rows, np.nan))

    def state(self, name: str) -> np.ndarray:
        """The cells' states; a field the ledger has no column for is CELL_UNMAPPED on every row."""
        return self.states.get(name, np.full(self.rows, CELL_UNMAPPED, dtype=np.int8))


@dataclass(frozen=True)
class Outcome:
    """Per-row result of a rule. ``field`` names the field whose cell a finding should cite."""

    status: np.ndarray  # int8 status codes
    actual: np.ndarray  # float64 (booleans as 1.0/0.0 when ``boolean``)
    required: np.ndarray
    gap: np.ndarray  # required − actual where short, else NaN
    field: np.ndarray  # object array of field names
    ratio: np.ndarray  # earned share of the points under proportional credit, 0..1
    boolean: bool = False
    # Why the rule itself made a row invalid (a catalogue code, e.g. ``cell.basis_zero``), None elsewhere;
    # None as a whole when it made none (a cell's own reason is then the finding's).
    reason: np.ndarray | None = None


@dataclass(frozen=True, slots=True)
class Shortfall:
    """How a notice states one row's unmet requirement, after "{name}{actual}{unit}，".

    ``subject``: the name to use instead of the indicator's (a share names its field, a conjunction the
    part that failed); ``phrase``: "按每百户30㎡标准应不少于558㎡", "占…的44.1%，应不低于60%（318㎡）".
    """

    subject: Localized | str | None  # str: a field the standard does not declare, named as written
    phrase: Message


class RuleBase(BaseModel):
    """Common base: rule models are frozen and forbid unknown keys.

    Besides evaluating, a kind says what it requires (``requirement``, ``describe``, ``shortfall``) in
    both languages with its own numbers, and names the numbers a title template may use (``params``).
    The defaults below are generic, so a new kind that overrides none of them still describes itself.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    # Numbers the kind's own wording always contains (per_households: "per 100 households").
    fixed_numbers: ClassVar[frozenset[float]] = frozenset()

    def fields(self) -> Iterator[str]:  # pragma: no cover - overridden by every kind
        raise NotImplementedError

    def evaluate(self, cols: Columns) -> Outcome:  # pragma: no cover - overridden by every kind
        raise NotImplementedError

    def basis_fields(self) -> Iterator[str]:
        """The fields the requirement is computed from (a per-household rule's households, a share's whole),
        as opposed to the field it measures: such a field cannot be "not applicable" to the community
        (``Standard.allows_not_applicable``)."""
        return iter(())

    # ---- what the rule says ------------------------------------------------------------------------
    def params(self) -> dict[str, int | float]:
        """Placeholders a title template may name (``{value}``, ``{rate}`` …): the rule's numeric keys."""
        from creatio_cli.rules.text import template_value

        return {name: template_value(value) for name in type(self).model_fields
                if isinstance(value := getattr(self, name), (int, float)) and not isinstance(value, bool)}

    def compared(self) -> Iterator[tuple[tuple[str | int, ...], str, float]]:
        """The fixed numbers a field's values are compared with, each as (key path within the rule, field,
        number): the standard refuses a negative one for a field that cannot be negative. Kinds whose numbers
        are rates or shares validate those themselves (``gt=0``)."""
        return iter(())

    def numbers(self) -> set[float]:
        """The numbers this rule requires (zero defaults left out), plus those its wording always has."""
        return {float(v) for v in self.params().values() if v} | set(self.fixed_numbers)

    def requirement(self, fields: Mapping[str, FieldLike]) -> Message:
        """What the rule requires, without the field: 不少于8个 / at least 8."""
        from creatio_cli.rules.text import number

        return msg("rule.generic", kind=str(getattr(self, "kind", type(self).__name__)),
                   params=[f"{k}={number(v)}" for k, v in self.params().items()])

    def describe(self, fields: Mapping[str, FieldLike]) -> Message:
        """The rule in one line, for ``standards show``: 功能室数量不少于8个 / Function rooms: at least 8."""
        from creatio_cli.rules.text import field_title

        names = list(dict.fromkeys(self.fields()))
        return msg("rule.describe", field=field_title(fields, names[0]) if names else "",
                   requirement=self.requirement(fields))

    def shortfall(self, fields: Mapping[str, FieldLike], actual: float, required: float,
                  field: str | None = None) -> Shortfall:
        """One row's unmet requirement for a notice; default: 应不少于{required}{unit}."""
        from creatio_cli.rules.text import amount, is_percent, unit_of, word

        main = next(iter(self.fields()), field or "")
        return Shortfall(None, msg("rule.row.compare", word=word(str(getattr(self, "op", ">=")),
                                                                 is_percent(fields, main)),
                                   required=amount(required), unit=unit_of(fields, main)))

    def part_for(self, field: str | None) -> RuleBase:
        """The (sub-)rule whose verdict a finding citing ``field`` reports (itself, unless a combinator)."""
        return self


def _validate_rule(value: Any, handler: core_schema.ValidatorFunctionWrapHandler) -> Any:
    """Dispatch on ``kind`` through the registry (kinds.REGISTRY), looked up at validation time."""
    from creatio_cli.rules.kinds import REGISTRY

    if isinstance(value, tuple(REGISTRY.values())):
        return value
    if not isinstance(value, Mapping):
        raise PydanticCustomError("model_type", "a rule is a mapping")
    if "kind" not in value:
        raise PydanticCustomError("union_tag_not_found", "the rule has no kind")
    cls = REGISTRY.get(value["kind"]) if isinstance(value["kind"], str) else None
    if cls is None:
        raise PydanticCustomError("union_tag_invalid", "unknown rule kind {tag}",
                                  {"tag": str(value["kind"]), "expected_tags": ", ".join(f"'{k}'" for k in REGISTRY)})
    return cls.model_validate(value)


class RuleKinds:
    """pydantic metadata that makes ``Rule`` the union of the registered kinds, written once.

    The union is the registry itself: validation looks the kind up in ``REGISTRY`` when a standard is
    read, so registering a kind (one line) is all a new kind needs — no Union to keep in step, no model
    to rebuild. ``model_for`` tells the error reporter which model a mapping is (for did-you-mean).
    """

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_wrap_validator_function(_validate_rule, core_schema.any_schema())

    @staticmethod
    def model_for(node: Any) -> type[BaseModel] | None:
        from creatio_cli.rules.kinds import REGISTRY

        kind = node.get("kind") if isinstance(node, Mapping) else None
        return REGISTRY.get(kind) if isinstance(kind, str) else None


#: A rule of any registered kind (validated by its ``kind:``).
Rule = Annotated[RuleBase, RuleKinds()]


def input_status(cols: Columns, names: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Status forced by the input cells (unassessed > invalid > missing > not applicable), and the field to cite.

    Rows whose inputs are all readable get MET here; the rule then decides met or shortfall.
    """
    status = np.full(cols.rows, MET, dtype=np.int8)
    cite = np.full(cols.rows, names[0], dtype=object)
    for cell_state, rule_status in ((CELL_NA, NOT_APPLICABLE), (CELL_MISSING, MISSING), (CELL_INVALID, INVALID),
                                    (CELL_UNMAPPED, UNASSESSED)):
        # Later (more severe) states overwrite earlier ones; within a state the first field wins.
        for name in reversed(names):
            hit = cols.state(name) == cell_state
            status[hit] = rule_status
            cite[hit] = name
    return status, cite


def numeric_outcome(
    cols: Columns, names: list[str], actual: np.ndarray, required: np.ndarray, op: str = ">="
) -> Outcome:
    """Compare ``actual`` with ``required`` row by row once the inputs are known to be readable.

    A readable cell can still give a number no comparison can use: 1e308 households × 30 ㎡ / 100
    overflows to infinity. Such a row is ``invalid`` and cites the field the number came from (the
    requirement's source, e.g. households, for a non-finite ``required``), never a shortfall with
    ``required: null``.
    """
    status, cite = input_status(cols, names)
    readable = status == MET
    bad_required = readable & ~np.isfinite(required)
    bad_actual = readable & ~np.isfinite(actual)
    status[bad_required | bad_actual] = INVALID
    cite[bad_required] = names[1] if len(names) > 1 else names[0]
    cite[bad_actual] = names[0]
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        ok = _compare(actual, required, op)
        if op in (">=", ">"):
            ratio = np.where(required > 0, np.clip(actual / required, 0.0, 1.0), 1.0)
        elif op in ("<=", "<"):
            ratio = np.where(actual > 0, np.clip(required / actual, 0.0, 1.0), 1.0)
        else:
            ratio = ok.astype(float)
    readable = status == MET
    status = np.where(readable & ~ok, SHORTFALL, status).astype(np.int8)
    ratio = np.where(status == MET, 1.0, np.where(status == SHORTFALL, ratio, 0.0))
    with np.errstate(over="ignore", invalid="ignore"):
        gap = np.where(status == SHORTFALL, np.abs(required - actual), np.nan)
    return Outcome(status, actual.astype(float), required.astype(float), gap, cite, ratio)


#: Why a readable row is invalid when the basis of its requirement is zero (``zero_basis``).
BASIS_ZERO = "cell.basis_zero"


def zero_basis(outcome: Outcome, cols: Columns, basis: str) -> Outcome:
    """``outcome`` with the rows whose ``basis`` cell reads 0 made ``invalid``, citing that cell.

    A requirement proportional to its basis is 0 when the basis is: 0 households need 0 ㎡, a share of a
    0 ㎡ facility is 0 ㎡, and every community would meet it. A community's households or its facility's area
    are never 0 in fact (a blank written as 0, or no facility at all, which a 0 area beside it shows):
    nothing can be judged, so the row is invalid (reason ``cell.basis_zero``) rather than met.
    """
    hit = np.isin(outcome.status, (MET, SHORTFALL)) & (cols.state(basis) == CELL_OK) & (cols.value(basis) == 0)
    if not hit.any():
        return outcome
    reason = outcome.reason.copy() if outcome.reason is not None else np.full(cols.rows, None, dtype=object)
    reason[hit] = BASIS_ZERO
    field = outcome.field.copy()
    field[hit] = basis
    return Outcome(np.where(hit, INVALID, outcome.status).astype(np.int8), outcome.actual,
                   np.where(hit, np.nan, outcome.required), np.where(hit, np.nan, outcome.gap), field, np.where(hit, 0.0, outcome.ratio), outcome.boolean,
                   reason)


def _compare(actual: np.ndarray, required: np.ndarray, op: str) -> np.ndarray:
    if op == ">=":
        return actual >= required
    if op == ">":
        return actual > required
    if op == "<=":
        return actual <= required
    if op == "<":
        return actual < required
    if op == "==":
        return actual == required
    raise ValueError(op)


# In a conjunction a known problem decides the verdict even when another part cannot be assessed.
_CONJUNCTION = {**_SEVERITY, UNASSESSED: 2.5}


def worst(outcomes: list[Outcome], *, conjunction: bool = False) -> np.ndarray:
    """Index (per row) of the outcome with the most actionable status; ties go to the first.

    With ``conjunction`` (all_of), a shortfall, missing or invalid part outranks an unassessed one: the
    whole fails whatever the unassessed part would say.
    """
    table = _CONJUNCTION if conjunction else _SEVERITY
    severity = np.stack([np.vectorize(table.get, otypes=[float])(o.status) for o in outcomes])
    return np.argmax(severity, axis=0)
