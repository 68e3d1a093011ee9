"""What rules see (Columns) and what they return (Outcome), plus the status codes they share.

Rules report facts only: met or not, actual, required, gap. Points, departments and deadlines
come from the standard and are attached by the engine.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from pydantic import BaseModel, ConfigDict

from creatio_cli.status import (
    CELL_INVALID,
    CELL_MISSING,
    CELL_NA,
    CELL_UNMAPPED,
    INVALID,
    MET,
    MISSING,
    NOT_APPLICABLE,
    SHORTFALL,
    UNASSESSED,
    WAIVED,
)

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


class RuleBase(BaseModel):
    """Common base: rule models are frozen and forbid unknown keys."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    def fields(self) -> Iterator[str]:  # pragma: no cover - overridden by every kind
        raise NotImplementedError

    def evaluate(self, cols: Columns) -> Outcome:  # pragma: no cover - overridden by every kind
        raise NotImplementedError


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
