"""Cells that give only a lower bound, and the verdicts they cannot decide.

Offices write "开展活动10余次", "户数2000多", "面积900以上" or a range "150-200". The reader takes the lower
end (``ledger/normalize.py``: reason ``cell.lower_bound``); the true figure lies between it and
:func:`~creatio_cli.ledger.normalize.upper_bound`. A verdict is given only when both ends agree: each rule
is evaluated once more with every bounded cell at its upper end, and where the two verdicts differ the
row is ``invalid``, citing the bounded cell ("10余次" against 12 could be met; never a shortfall notice).
Evaluating the two ends is enough because every rule compares a figure that only grows with its inputs.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from creatio_cli.ledger.normalize import LOWER_BOUND, upper_bound
from creatio_cli.rules.base import Columns, Outcome, RuleBase
from creatio_cli.standards.model import Standard
from creatio_cli.status import CELL_OK, INVALID, MET, SHORTFALL


@dataclass(frozen=True)
class Bounds:
    """Per field, the rows whose cell is a lower bound; and the columns with those cells at their top."""

    rows: dict[str, np.ndarray]
    high: Columns


def find_bounds(cols: Columns, standard: Standard, reason_of: dict[str, np.ndarray],
                raw_of: dict[str, np.ndarray], derived_from: dict[str, tuple[str, str]]) -> Bounds | None:
    """The ledger's lower-bound cells (None when it has none, the usual case: no second evaluation)."""
    rows = {name: (reasons == LOWER_BOUND) & (cols.state(name) == CELL_OK)
            for name, reasons in reason_of.items() if name in cols.values}
    rows = {name: mask for name, mask in rows.items() if mask.any()}
    if not rows:
        return None
    values = dict(cols.values)
    for name, mask in rows.items():
        kind = standard.fields[name].type
        high = values[name].copy()
        high[mask] = [upper_bound(raw, kind) for raw in raw_of[name][mask].tolist()]
        values[name] = high
    for name, (num, den) in derived_from.items():  # a share computed from a bounded count is bounded too
        if num in rows and name in values:
            mask = rows[num] & (cols.state(name) == CELL_OK) & (cols.value(den) > 0)
            with np.errstate(divide="ignore", invalid="ignore"):
                share = np.minimum(100.0 * values[num] / cols.value(den), 100.0)
            values[name] = np.where(mask, share, values[name])
            rows[name] = mask
    return Bounds(rows, replace(cols, values=values))


def decided(rule: RuleBase, outcome: Outcome, bounds: Bounds | None) -> Outcome:
    """``outcome`` with the met / shortfall verdicts a bounded cell's true value could overturn made
    ``invalid``, each citing the first bounded field of the rule in its row."""
    if bounds is None:
        return outcome
    fields = [name for name in rule.fields() if name in bounds.rows]
    if not fields:
        return outcome
    high = rule.evaluate(bounds.high)
    bounded = np.logical_or.reduce([bounds.rows[name] for name in fields])
    flip = bounded & (outcome.status != high.status) & np.isin(outcome.status, (MET, SHORTFALL))
    if not flip.any():
        return outcome
    status, cite = outcome.status.copy(), outcome.field.copy()
    status[flip] = INVALID
    for name in reversed(fields):  # the first bounded field of the rule wins
        hit = flip & bounds.rows[name]
        cite[hit] = name
    return replace(outcome, status=status, field=cite, gap=np.where(flip, np.nan, outcome.gap),
                   ratio=np.where(flip, 0.0, outcome.ratio))
