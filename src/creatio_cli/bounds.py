"""Cells that give only a lower bound, and the verdicts they cannot decide.

Offices write "开展活动10余次", "户数2000多", "面积900以上" or a range "150-200". The reader takes the lower
end (``ledger/normalize.py``: reason ``cell.lower_bound``); the true figure lies between it and
:func:`~creatio_cli.ledger.normalize.upper_bound`. A verdict is given only when every corner agrees: each
rule is evaluated again with each bounded cell at either end (and a share computed from bounded counts at
its largest and smallest), and where any verdict differs the row is ``invalid``, citing the bounded cell
("10余次" against 12 could be met; never a shortfall notice). The corners suffice because every rule
compares figures monotone in each input.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace

import numpy as np

from creatio_cli.ledger.normalize import LOWER_BOUND, upper_bound
from creatio_cli.rules.base import Columns, Outcome, RuleBase
from creatio_cli.standards.model import Standard
from creatio_cli.status import CELL_OK, INVALID, MET, SHORTFALL


@dataclass(frozen=True)
class Bounds:
    """Per field, the rows whose cell is a lower bound, and the other values those rows could take: for a
    bounded cell its top; for a share computed from bounded counts, its largest and its smallest."""

    rows: dict[str, np.ndarray]
    others: dict[str, list[np.ndarray]]
    base: Columns


def find_bounds(cols: Columns, standard: Standard, reason_of: dict[str, np.ndarray],
                raw_of: dict[str, np.ndarray], derived_from: dict[str, tuple[str, str]]) -> Bounds | None:
    """The ledger's lower-bound cells (None when it has none, the usual case: no second evaluation)."""
    rows = {name: (reasons == LOWER_BOUND) & (cols.state(name) == CELL_OK)
            for name, reasons in reason_of.items() if name in cols.values}
    rows = {name: mask for name, mask in rows.items() if mask.any()}
    if not rows:
        return None
    top: dict[str, np.ndarray] = {}
    for name, mask in rows.items():
        kind = standard.fields[name].type
        high = cols.values[name].copy()
        high[mask] = [upper_bound(raw, kind) for raw in raw_of[name][mask].tolist()]
        top[name] = high
    others = {name: [high] for name, high in top.items()}
    for name, (num, den) in derived_from.items():  # a share of bounded counts: its extremes
        if (num in rows or den in rows) and name in cols.values:
            low_num, low_den = cols.value(num), cols.value(den)
            high_num, high_den = top.get(num, low_num), top.get(den, low_den)
            bounded = (rows.get(num, False) | rows.get(den, False)) & (cols.state(name) == CELL_OK) & (low_den > 0)
            with np.errstate(divide="ignore", invalid="ignore"):
                largest = np.minimum(100.0 * high_num / low_den, 100.0)
                smallest = np.minimum(100.0 * low_num / high_den, 100.0)
            others[name] = [np.where(bounded, v, cols.values[name]) for v in (largest, smallest)]
            rows[name] = bounded
    return Bounds(rows, others, cols)


def decided(rule: RuleBase, outcome: Outcome, bounds: Bounds | None) -> Outcome:
    """``outcome`` with the met / shortfall verdicts a bounded cell's true value could overturn made
    ``invalid``, each citing the first bounded field of the rule in its row.

    The rule is judged at every corner: each bounded field at its low (as read) or at one of its other
    values — low area with high households is where an area rule is hardest to meet. Rules have one to
    three fields, so at most a few dozen evaluations, and only for ledgers with a bounded cell."""
    if bounds is None:
        return outcome
    fields = [name for name in rule.fields() if name in bounds.rows]
    if not fields:
        return outcome
    overturned = np.zeros(len(outcome.status), dtype=bool)
    choices = [[None, *range(len(bounds.others[name]))] for name in fields]
    for corner in itertools.product(*choices):
        if all(choice is None for choice in corner):
            continue
        values = {**bounds.base.values, **{name: bounds.others[name][choice]
                                            for name, choice in zip(fields, corner, strict=True) if choice is not None}}
        overturned |= rule.evaluate(replace(bounds.base, values=values)).status != outcome.status
    bounded = np.logical_or.reduce([bounds.rows[name] for name in fields])
    flip = bounded & overturned & np.isin(outcome.status, (MET, SHORTFALL))
    if not flip.any():
        return outcome
    status, cite = outcome.status.copy(), outcome.field.copy()
    status[flip] = INVALID
    for name in reversed(fields):  # the first bounded field of the rule wins
        hit = flip & bounds.rows[name]
        cite[hit] = name
    return replace(outcome, status=status, field=cite, gap=np.where(flip, np.nan, outcome.gap),
                   ratio=np.where(flip, 0.0, outcome.ratio))
