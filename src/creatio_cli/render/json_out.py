"""The JSON report: ``CheckResult.to_dict()`` as is (the stable contract of design.md).

``ensure_ascii=False`` keeps Chinese readable; ``indent=2`` for people, at a cost of ~20 % in size.
``default`` turns stray ``date``/``Path``/tuple values into JSON instead of crashing, so a new field in
the results cannot break the report. NaN/inf (never expected) are written as ``null`` rather than the
non-standard ``NaN`` that ``jq`` rejects.
"""

from __future__ import annotations

import json
import math
from datetime import date
from pathlib import PurePath
from typing import Any

from creatio_cli.results import CheckResult


def _default(obj: Any) -> Any:
    if isinstance(obj, date):
        return obj.isoformat()
    if isinstance(obj, PurePath):
        return str(obj)
    if isinstance(obj, set | frozenset | tuple):
        return list(obj)
    raise TypeError(f"{type(obj).__name__} is not JSON serialisable")


def _finite(obj: Any) -> Any:
    """Replace non-finite floats by None (only walked when json refused them)."""
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, dict):
        return {k: _finite(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_finite(v) for v in obj]
    return obj


def render_json(result: CheckResult, *, indent: int | None = 2) -> str:
    """The report as JSON text (ends with a newline)."""
    data = result.to_dict()
    try:
        text = json.dumps(data, ensure_ascii=False, indent=indent, default=_default, allow_nan=False)
    except ValueError:  # NaN or inf somewhere: rare, so the walk is only paid then
        text = json.dumps(_finite(data), ensure_ascii=False, indent=indent, default=_default)
    return text + "\n"
