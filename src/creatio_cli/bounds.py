"""Cells that give only a lower bound, and the verdicts they cannot decide.

Offices write "开展活动10余次", "户数2000多", "面积900以上" or a range "150-200". The reader takes the lower
end (``ledger/normalize.py``: reason ``cell.lower_bound``); the true figure lies between it and
:func:`~creatio_cli.ledger.normalize.upper_bound`. A verdict is given only when every corner agrees: each
rule is evaluated again with each bounded cell at either end (and a share computed from bounded counts at
its largest and smallest), and where any verdict differs the row is ``invalid``, citing the bounded cell
("10余次" against 12 could be met; never a shortfall notice). The corners suffice because every rule
compares figures monotone in each input.

An approximate cell ("约5次", "900左右"; reason ``cell.approximate``) is read as its number and judged the
same way at both ends of a ±10 % band around it (``normalize.APPROXIMATE_BAND``): "约900" households is
810 to 990, so an area rule that 900 meets but 990 does not is ``invalid``, citing the cell; "约5次"
against 12 is a shortfall at either end, "约30次" against 12 met.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field, replace

import numpy as np

from creatio_cli.ledger.normalize import APPROXIMATE, APPROXIMATE_BAND, LOWER_BOUND, upper_bound
from creatio_cli.rules.base import Columns, Outcome, RuleBase
from creatio_cli.standards.model import Standard
from creatio_cli.status import CELL_OK, INVALID, MET, SHORTFALL


@dataclass(frozen=True)
class Bounds:
    """Per field, the rows whose cell is a lower bound or approximate, and the other values those rows could
    take: for a bounded cell its top; for an approximate one ±10 % of it; for a share computed from such counts,
    its largest and its smallest. ``lower``: the lower-bound rows only (a notice words those as "at least")."""

    rows: dict[str, np.ndarray]
    others: dict[str, list[np.ndarray]]
    base: Columns
    lower: dict[str, np.ndarray] = field(default_factory=dict)


def find_bounds(cols: Columns, standard: Standard, reason_of: dict[str, np.ndarray],
                raw_of: dict[str, np.ndarray], derived_from: dict[str, tuple[str, str]]) -> Bounds | None:
    """The ledger's lower-bound and approximate cells (None when it has none, the usual case: no second
    evaluation)."""
    ok = {name: cols.state(name) == CELL_OK for name in reason_of if name in cols.values}
    lower = {name: (reason_of[name] == LOWER_BOUND) & mask for name, mask in ok.items()}
    about = {name: (reason_of[name] == APPROXIMATE) & mask for name, mask in ok.items()}
    lower = {name: mask for name, mask in lower.items() if mask.any()}
    about = {name: mask for name, mask in about.items() if mask.any()}
    if not lower and not about:
        return None
    # Each uncertain cell's lowest and highest value; an exact cell is both.
    low: dict[str, np.ndarray] = {}
    high: dict[str, np.ndarray] = {}
    for name in dict.fromkeys([*lower, *about]):
        kind = standard.fields[name].type
        low[name], high[name] = cols.values[name].copy(), cols.values[name].copy()
        if name in lower:
            mask = lower[name]
            high[name][mask] = [upper_bound(raw, kind) for raw in raw_of[name][mask].tolist()]
        if name in about:  # ±10 % (APPROXIMATE_BAND); a per cent never above 100
            mask = about[name]
            low[name][mask] *= 1.0 - APPROXIMATE_BAND
            high[name][mask] *= 1.0 + APPROXIMATE_BAND
            if kind == "percent":
                high[name][mask] = np.minimum(high[name][mask], 100.0)
    rows = {name: lower.get(name, False) | about.get(name, False) for name in low}
    # A lower bound's low end is the value as read (already judged): only an approximate cell adds one.
    others = {name: [high[name], *([low[name]] if name in about else [])] for name in low}
    for name, (num, den) in derived_from.items():  # a share of uncertain counts: its extremes
        if (num in rows or den in rows) and name in cols.values:
            base_num, base_den = cols.value(num), cols.value(den)
            low_num, low_den = low.get(num, base_num), low.get(den, base_den)
            high_num, high_den = high.get(num, base_num), high.get(den, base_den)
            bounded = (rows.get(num, False) | rows.get(den, False)) & (cols.state(name) == CELL_OK) & (low_den > 0)
            with np.errstate(divide="ignore", invalid="ignore"):
                largest = np.minimum(100.0 * high_num / low_den, 100.0)
                smallest = np.minimum(100.0 * low_num / high_den, 100.0)
            others[name] = [np.where(bounded, v, cols.values[name]) for v in (largest, smallest)]
            rows[name] = bounded
            if num in lower or den in lower:
                lower[name] = (lower.get(num, False) | lower.get(den, False)) & bounded
    return Bounds(rows, others, cols, lower)


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
