"""A stated share checked against the row's own count ÷ population (a derived field's ``derive_from``).

Offices often keep both 注册志愿者人数 and 注册志愿者占比（%）. The engine judges the stated share when its
cell is filled and computes count ÷ population only when it is blank (``engine._columns``); a share that
contradicts its own row (200 of 3,000 residents written as 12 %) would then give a confident met, or a
confident shortfall the other way. Where the three figures disagree nothing is known for certain, so the
share cell is made ``invalid`` (reason ``cell.share_contradicts``, naming both figures) for the user to settle.
"""

from __future__ import annotations

import numpy as np

from creatio_cli.ledger.normalize import LOWER_BOUND
from creatio_cli.messages import Message
from creatio_cli.rules.base import Columns
from creatio_cli.rules.text import amount
from creatio_cli.standards.model import Standard
from creatio_cli.status import CELL_INVALID, CELL_OK

#: Code of the reason an invalid share cell gets when it contradicts its own count and population.
SHARE_CONTRADICTS = "cell.share_contradicts"

#: How far (percentage points) a stated share may lie from count ÷ population and still agree with it.
#: A share written as a whole per cent is at most 0.5 points from the exact one (6.7 % → "7%"), and one
#: written with a decimal closer still, so 0.5 accepts every honest rounding and nothing more. A relative
#: margin (5 %) would not: it allows 1.5 points at 30 % and refuses an honest "0%" for 0.4 %.
TOLERANCE_POINTS = 0.5


def contradicting_shares(standard: Standard, cols: Columns, stated: dict[str, np.ndarray],
                         reason_of: dict[str, np.ndarray]) -> None:
    """Make ``invalid`` (in ``cols.states``, with its reason in ``reason_of``) each derived share whose own
    cell was read while its count and population were too, and which differs from count ÷ population by more
    than :data:`TOLERANCE_POINTS`.

    ``stated``: per derived field, the rows whose value is the share cell as written (not one computed by
    the engine). Rows where any of the three cells is only a lower bound ("200多") are left alone: their
    exact share is not known, so no contradiction can be asserted.
    """
    for name, spec in standard.fields.items():
        if not spec.derive_from or name not in stated or name not in cols.states:
            continue
        num, den = spec.derive_from
        if num not in cols.values or den not in cols.values:
            continue
        count, population, share = cols.value(num), cols.value(den), cols.value(name)
        rows = (stated[name] & (cols.state(num) == CELL_OK) & (cols.state(den) == CELL_OK)
                & (population > 0) & ~_bounded(reason_of, (name, num, den), cols.rows))
        with np.errstate(divide="ignore", invalid="ignore"):
            computed = 100.0 * count / population
            # The small epsilon keeps an exact half-point rounding (6.5 written for 6.0) on the agreeing side.
            off = rows & np.isfinite(computed) & (np.abs(share - computed) > TOLERANCE_POINTS + 1e-9)
        if not off.any():
            continue
        cols.states[name][off] = CELL_INVALID
        reasons = reason_of[name].copy() if name in reason_of else np.full(cols.rows, None, dtype=object)
        count_title, population_title = standard.fields[num].title, standard.fields[den].title
        for i in np.flatnonzero(off).tolist():
            reasons[i] = Message(SHARE_CONTRADICTS, {
                "stated": amount(share[i]), "count": amount(count[i]), "population": amount(population[i]),
                "computed": amount(computed[i]), "count_title": count_title, "population_title": population_title})
        reason_of[name] = reasons


def _bounded(reason_of: dict[str, np.ndarray], names: tuple[str, ...], rows: int) -> np.ndarray:
    """Rows where any of ``names`` holds only a lower bound."""
    out = np.zeros(rows, dtype=bool)
    for name in names:
        if name in reason_of:
            out |= reason_of[name] == LOWER_BOUND
    return out
