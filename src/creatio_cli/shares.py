"""A stated share checked against the row's own count ÷ population (a derived field's ``derive_from``).

Offices often keep both 注册志愿者人数 and 注册志愿者占比（%）. The engine judges the stated share when its
cell is filled and computes count ÷ population only when it is blank (``engine._columns``); a share that
contradicts its own row (200 of 3,000 residents written as 12 %) would then give a confident met, or a
confident shortfall the other way. Where the three figures disagree nothing is known for certain:

- on a few rows of a sheet, the share cell is made ``invalid`` (reason ``cell.share_contradicts``, naming
  both figures) for the community to correct;
- on nearly every row of a sheet (:func:`_columns_disagree`), the columns — not the cells — disagree: one
  of them is not what its header was taken for (a second population column, a share of households). Nothing
  a community wrote is at fault, so no community gets a finding: the indicator is left unassessed for the
  sheet, with one warning (``share.columns_disagree``) naming the columns for the user to settle.
"""

from __future__ import annotations

import numpy as np

from creatio_cli.ledger.normalize import APPROXIMATE, LOWER_BOUND
from creatio_cli.messages import Message, msg
from creatio_cli.results import Warning
from creatio_cli.rules.base import Columns
from creatio_cli.rules.text import amount
from creatio_cli.standards.model import Standard
from creatio_cli.status import CELL_INVALID, CELL_OK, CELL_UNMAPPED

#: Code of the reason an invalid share cell gets when it contradicts its own count and population.
SHARE_CONTRADICTS = "cell.share_contradicts"

#: How far (percentage points) a stated share may lie from count ÷ population and still agree with it.
#: A share written as a whole per cent is at most 0.5 points from the exact one (6.7 % → "7%"), and one
#: written with a decimal closer still, so 0.5 accepts every honest rounding and nothing more. A relative
#: margin (5 %) would not: it allows 1.5 points at 30 % and refuses an honest "0%" for 0.4 %.
TOLERANCE_POINTS = 0.5

#: A sheet's columns disagree (rather than a few cells) when at least this many rows can be compared and at
#: least this share of them contradict: a few communities miscounting is plausible, three in four is not.
COLUMN_ROWS = 4
COLUMN_SHARE = 0.75


def contradicting_shares(standard: Standard, cols: Columns, stated: dict[str, np.ndarray],
                         reason_of: dict[str, np.ndarray], files: np.ndarray, sheets: np.ndarray,
                         rows: np.ndarray) -> list[Warning]:
    """Mark, in ``cols.states`` (reasons in ``reason_of``), each derived share whose own cell was read while its
    count and population were too, and which differs from count ÷ population by more than
    :data:`TOLERANCE_POINTS`: ``invalid`` row by row, or unassessed for a whole sheet whose columns disagree
    (returning that sheet's warning).

    ``stated``: per derived field, the rows whose value is the share cell as written (not one computed by
    the engine); ``files``, ``sheets``, ``rows``: each row's place. Rows where any of the three cells is only
    a lower bound ("200多") or approximate ("约200") are left alone: their exact share is not known, so no
    contradiction is asserted.
    """
    warnings: list[Warning] = []
    for name, spec in standard.fields.items():
        if not spec.derive_from or name not in stated or name not in cols.states:
            continue
        num, den = spec.derive_from
        if num not in cols.values or den not in cols.values:
            continue
        count, population, share = cols.value(num), cols.value(den), cols.value(name)
        comparable = (stated[name] & (cols.state(num) == CELL_OK) & (cols.state(den) == CELL_OK)
                      & (population > 0) & ~_bounded(reason_of, (name, num, den), cols.rows))
        with np.errstate(divide="ignore", invalid="ignore"):
            computed = 100.0 * count / population
            # The small epsilon keeps an exact half-point rounding (6.5 written for 6.0) on the agreeing side.
            off = comparable & np.isfinite(computed) & (np.abs(share - computed) > TOLERANCE_POINTS + 1e-9)
        if not off.any():
            continue
        titles = {"count_title": standard.fields[num].title, "population_title": standard.fields[den].title}
        figures = (share, count, population, computed)
        for sheet_rows in _columns_disagree(comparable, off, files, sheets):
            first = int(np.flatnonzero(off & sheet_rows)[0])
            counts = {"off": int((off & sheet_rows).sum()), "rows": int((comparable & sheet_rows).sum())}
            warnings.append(Warning(msg("share.columns_disagree", title=spec.title, row=int(rows[first]), **counts,
                                        **_said(figures, first), **titles), str(files[first]), str(sheets[first])))
            cols.states[name][sheet_rows] = CELL_UNMAPPED  # every row of the sheet: a fact about its columns
            off &= ~sheet_rows
        cols.states[name][off] = CELL_INVALID
        reasons = reason_of[name].copy() if name in reason_of else np.full(cols.rows, None, dtype=object)
        for i in np.flatnonzero(off).tolist():
            reasons[i] = Message(SHARE_CONTRADICTS, {**_said(figures, i), **titles})
        reason_of[name] = reasons
    return warnings


def _said(figures: tuple[np.ndarray, ...], i: int) -> dict[str, str]:
    """Row ``i``'s stated share, count, population and computed share, as a message writes them."""
    share, count, population, computed = (float(a[i]) for a in figures)
    return {"stated": amount(share), "count": amount(count), "population": amount(population),
            "computed": amount(computed)}


def _columns_disagree(comparable: np.ndarray, off: np.ndarray, files: np.ndarray,
                      sheets: np.ndarray) -> list[np.ndarray]:
    """The rows of each sheet where the share contradicts count ÷ population on at least :data:`COLUMN_SHARE`
    of at least :data:`COLUMN_ROWS` comparable rows."""
    out = []
    for file, sheet in dict.fromkeys(zip(files[off].tolist(), sheets[off].tolist(), strict=True)):
        sheet_rows = (files == file) & (sheets == sheet)
        n = int((comparable & sheet_rows).sum())
        if n >= COLUMN_ROWS and int((off & sheet_rows).sum()) >= COLUMN_SHARE * n:
            out.append(sheet_rows)
    return out


def _bounded(reason_of: dict[str, np.ndarray], names: tuple[str, ...], rows: int) -> np.ndarray:
    """Rows where any of ``names`` holds only a lower bound or an approximate figure."""
    out = np.zeros(rows, dtype=bool)
    for name in names:
        if name in reason_of:
            out |= (reason_of[name] == LOWER_BOUND) | (reason_of[name] == APPROXIMATE)
    return out
