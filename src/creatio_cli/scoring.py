"""Points and grades: turn rule outcomes into a community's score, completion and grade."""

from __future__ import annotations

import numpy as np

from creatio_cli.rules.base import MET, NOT_APPLICABLE, SHORTFALL, WAIVED, Outcome
from creatio_cli.standards.model import Indicator, Standard


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
    """Points that count toward max_score: not_applicable and waived indicators are left out."""
    return np.where((status == NOT_APPLICABLE) | (status == WAIVED), 0.0, indicator.points)


def grade_for(standard: Standard, completion: float, lang: str) -> str:
    """The grade band a completion (0..1) falls in; empty when the standard defines no grades."""
    percent = round(completion * 100, 6)
    for grade in standard.scoring.grades:
        if percent >= grade.min:
            return grade.label.get(lang)  # type: ignore[arg-type]
    return ""
