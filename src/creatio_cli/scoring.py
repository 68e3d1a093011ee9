"""Points and grades: turn rule outcomes into a community's score, completion and grade."""

from __future__ import annotations

import numpy as np

from creatio_cli.rules.base import Outcome
from creatio_cli.standards.model import Indicator, Standard, Text
from creatio_cli.status import MET, NOT_APPLICABLE, SHORTFALL, UNASSESSED, WAIVED


def earned_points(indicator: Indicator, outcome: Outcome, status: np.ndarray, default_credit: str) -> np.ndarray:
    """Points earned per row: all on met; under proportional credit a share on shortfall; else none.

    A missing or invalid value earns nothing (design: "A missing or invalid value earns no points").
    """
    credit = indicator.credit or default_credit
    earned = np.where(status == MET, indicator.points, 0.0)
    if credit == "proportional":
        earned = np.where(status == SHORTFALL, indicator.points * outcome.ratio, earned)
    return earned


def applicable_points(indicator: Indicator, status: np.ndarray) -> np.ndarray:
    """Points that count toward max_score: not_applicable, waived and unassessed indicators are left out."""
    return np.where(np.isin(status, (NOT_APPLICABLE, WAIVED, UNASSESSED)), 0.0, indicator.points)


def grade_for(standard: Standard, completion: float) -> Text | None:
    """The grade band (its bilingual label) a completion (0..1) falls in; None without grades."""
    percent = round(completion * 100, 6)
    for grade in standard.scoring.grades:
        if percent >= grade.min:
            return grade.label
    return None


def grades_for(standard: Standard, completion: np.ndarray) -> list[Text | None]:
    """``grade_for`` over a whole column of completions (same bands, same rounding)."""
    percent = round_half_even(np.asarray(completion, dtype=float) * 100, 6)
    labels = np.full(percent.shape, None, dtype=object)
    open_rows = np.ones(percent.shape, dtype=bool)
    for grade in standard.scoring.grades:  # sorted by descending min: the first band reached wins
        hit = open_rows & (percent >= grade.min)
        labels[hit] = grade.label
        open_rows &= ~hit
    return labels.tolist()


def round_half_even(values: np.ndarray, digits: int) -> np.ndarray:
    """Element-wise ``round(float(v), digits) + 0.0``, bit for bit, at numpy speed.

    Python's ``round`` rounds the exact binary value (2.675 → 2.67), while ``rint(v × 10ⁿ) / 10ⁿ`` rounds
    the already-rounded product. The two differ only when the product lands within an ulp or two of a
    half, so those rare values (and huge or non-finite ones) go through Python's ``round``; for the rest
    ``rint`` gives the same integer k, and k / 10ⁿ is the double nearest the decimal Python produces.
    """
    values = np.asarray(values, dtype=float)
    scale = 10.0**digits
    with np.errstate(invalid="ignore", over="ignore"):
        scaled = values * scale
        near_half = np.abs(scaled - np.floor(scaled) - 0.5) <= 4 * np.spacing(np.abs(scaled))
        out = np.rint(scaled) / scale + 0.0  # + 0.0 turns -0.0 into 0.0, as the scalar path does
    # Beyond 2**52 the product is no longer exact integer arithmetic; NaN and ±inf fail the test too.
    slow = near_half | ~(np.abs(scaled) < 2.0**52)
    for i in np.flatnonzero(slow):
        out[i] = round(float(values[i]), digits) + 0.0
    return out
