"""Flat finding rows: the one tabular shape that csv, md and the xlsx details sheet all write.

design.md: "csv, md and the xlsx details sheet: one row per finding, with the community's columns
repeated; headers follow ``--lang``". A compliant community (no findings) gets no row. Keys are English;
:func:`headers` gives the display headers. Values are made display-ready *except numbers*: statuses and
booleans become labels (是/否, yes/no), units their display form (次 → times in English), dates ISO
strings; numbers stay numbers so xlsx can format them.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from typing import Any

from creatio_cli.render.i18n import t, unit
from creatio_cli.results import CheckResult
from creatio_cli.status import PROBLEMS, Status

COMMUNITY_COLUMNS: tuple[str, ...] = (
    "district", "street", "community", "file", "sheet", "row", "score", "max_score", "completion",
    "expected_progress", "behind_schedule", "grade",
)
FINDING_COLUMNS: tuple[str, ...] = (
    "indicator", "title", "category", "status", "actual", "required", "gap", "unit", "points",
    "points_lost", "cell", "raw", "department", "basis", "deadline", "overdue",
)
COLUMNS: tuple[str, ...] = COMMUNITY_COLUMNS + FINDING_COLUMNS
#: Columns holding a share (0..1): xlsx formats them as 0.0 %, md and table as "49.6%".
PERCENT_COLUMNS: frozenset[str] = frozenset({"completion", "expected_progress"})
STATUSES: tuple[str, ...] = tuple(Status)
PROBLEM_STATUSES: frozenset[str] = frozenset(PROBLEMS)
#: The per-indicator counts of a summary, in report order.
COUNT_KEYS: tuple[str, ...] = tuple(Status)


def headers(lang: str, columns: tuple[str, ...] = COLUMNS) -> list[str]:
    """Display headers for ``columns`` in ``lang``."""
    return [t(c, lang) for c in columns]


def _yn(value: Any, yes: str, no: str) -> Any:
    if value is True:
        return yes
    if value is False:
        return no
    return value


def iter_finding_values(
    result: CheckResult, lang: str, transform: Callable[[Any], Any] | None = None
) -> Iterator[list[Any]]:
    """Yield each finding row as a list in :data:`COLUMNS` order (the fast path for csv and xlsx).

    ``transform`` (e.g. the CSV field guard) is applied to every value, but to the repeated community
    columns only once per community: half the calls on a typical report.
    """
    yes, no = t("yes", lang), t("no", lang)
    status_label = {s: t(s, lang) for s in STATUSES}
    for c in result.communities:
        if not c.findings:
            continue
        head = [
            c.district, c.street, c.community, c.source.file, c.source.sheet, c.source.row, c.score,
            c.max_score, c.completion, c.expected_progress, yes if c.behind_schedule else no, c.grade.get(lang) if c.grade else "",
        ]
        if transform is not None:
            head = [transform(v) for v in head]
        for f in c.findings:
            tail = [
                f.indicator, f.title.get(lang), f.category.get(lang), status_label.get(f.status, f.status),
                _yn(f.actual, yes, no), _yn(f.required, yes, no), f.gap, unit(f.unit, lang) or None, f.points, f.points_lost,
                f.cell, f.raw, f.department, f.basis,
                f.deadline.isoformat() if f.deadline else None, yes if f.overdue else no,
            ]
            yield head + (tail if transform is None else [transform(v) for v in tail])


def finding_rows(result: CheckResult, lang: str) -> list[dict[str, Any]]:
    """One dict per finding, in the result's order, keyed by :data:`COLUMNS`."""
    return [dict(zip(COLUMNS, values, strict=True)) for values in iter_finding_values(result, lang)]


def fmt_num(value: float | int | None) -> str:
    """A number as people write it: ``420`` not ``420.0``, ``138.5`` stays, at most 2 decimals."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        if value.is_integer():
            return str(int(value))
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return str(value)


def fmt_pct(share: float | None) -> str:
    """A share 0..1 as a percent to one decimal: ``0.4958904`` → ``49.6%``."""
    if share is None:
        return ""
    return f"{share * 100:.1f}%"


def fmt_cell(value: Any) -> str:
    """Any row value as text for md and the terminal (numbers via :func:`fmt_num`)."""
    if value is None:
        return ""
    if isinstance(value, float | int) and not isinstance(value, bool):
        return fmt_num(value)
    return str(value)


def fmt_column(values: list[Any], *, signed: bool = False, decimals: int | None = None) -> list[str]:
    """One format down a column of numbers: ``decimals`` places (a mean: ``97.00`` above ``96.40``), or, when
    ``None``, whole numbers when every value is whole and two decimals for all when one is not (``+2``,
    ``0``, ``-10`` or ``+2.00``, ``0.00``, ``+0.40``, never a mix); ``signed`` puts + before a rise. A
    value that is not a number (blank, text) is written as :func:`fmt_cell` writes it."""
    numbers = [v for v in values if isinstance(v, float | int) and not isinstance(v, bool) and math.isfinite(v)]
    places = decimals if decimals is not None else 0 if all(float(v).is_integer() for v in numbers) else 2
    out = []
    for v in values:
        if not (isinstance(v, float | int) and not isinstance(v, bool) and math.isfinite(v)):
            out.append(fmt_cell(v))
        elif signed and v != 0:
            out.append(f"{v:+.{places}f}")
        else:
            out.append(f"{abs(v) if v == 0 else v:.{places}f}")  # 0, never -0 or +0
    return out
