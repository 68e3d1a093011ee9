"""Rule evaluation, 10 checks on a ledger's rows: creatio's engine vs pandera vs a plain pandas floor.

``python bench/rules_bench.py LEDGER [--repeat N]`` prints one JSON object of best-of-N seconds:

- ``creatio_check``: ``engine.check`` with the default standard cut to 10 indicators (area per 100
  households, activity share, function rooms, the six 六个一 facilities, satisfaction): masks, statuses,
  scores, grades and every non-met finding as objects — everything a report needs;
- ``creatio_rules``: rule evaluation alone — typed columns, the 10 rules' ``evaluate`` (status, actual,
  required and gap arrays) and each indicator's failing rows: what pandera reports, without the report
  objects;
- ``pandera``: the same 10 checks as a pandera DataFrameSchema, ``validate(lazy=True)`` reporting every
  failure case (nulls count as failures, as creatio's ``missing``);
- ``pandas_floor``: the 10 boolean masks in plain vectorised pandas and their failure count.

Reading and typing the ledger happen once, outside the timings (the engine and pandera get the same
typed float columns). pandera is a bench-only dependency (``pip install -e .[bench]``).
"""

from __future__ import annotations

import argparse
import json
import time
from datetime import date
from pathlib import Path

AS_OF = date(2022, 6, 30)
INDICATORS = [
    "area.per_100_households", "area.activity_share", "rooms.function_rooms",
    "six.comprehensive_venue", "six.culture_center", "six.moral_lecture_hall", "six.parent_school",
    "six.minors_venue", "six.volunteer_station", "satisfaction.residents",
]
SIX = ["comprehensive_venue", "culture_center", "moral_lecture_hall", "parent_school", "minors_venue",
       "volunteer_station"]


def best(fn, repeat: int) -> float:
    """Best wall time of ``repeat`` calls."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def pandera_schema():
    """The 10 checks in pandera: 8 column checks and 2 that relate columns."""
    import pandera.pandas as pa

    yes = [pa.Check.eq(1.0)]
    columns = {name: pa.Column(float, yes, nullable=False) for name in SIX}
    columns["function_rooms"] = pa.Column(float, pa.Check.ge(6), nullable=False)
    columns["satisfaction"] = pa.Column(float, pa.Check.ge(90), nullable=False)
    columns["service_area"] = pa.Column(float, nullable=True)
    columns["activity_area"] = pa.Column(float, nullable=True)
    columns["households"] = pa.Column(float, nullable=True)
    return pa.DataFrameSchema(columns, checks=[
        pa.Check(lambda df: df["service_area"] >= 0.3 * df["households"], name="area.per_100_households"),
        pa.Check(lambda df: df["activity_area"] >= 0.6 * df["service_area"], name="area.activity_share"),
    ])


def run_pandera(schema, frame) -> int:
    """Validate lazily; the number of failure cases reported."""
    from pandera.errors import SchemaErrors

    try:
        schema.validate(frame, lazy=True)
    except SchemaErrors as exc:
        return len(exc.failure_cases)
    return 0


def pandas_floor(frame) -> int:
    """The 10 checks as plain vectorised masks (NaN fails, as in pandera with nullable=False)."""
    masks = [frame["service_area"] >= 0.3 * frame["households"],
             frame["activity_area"] >= 0.6 * frame["service_area"],
             frame["function_rooms"] >= 6, frame["satisfaction"] >= 90]
    masks += [frame[name] == 1.0 for name in SIX]
    return int(sum((~m).sum() for m in masks))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ledger", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    import numpy as np
    import pandas as pd

    from creatio_cli.engine import _PROBLEMS, _columns, check
    from creatio_cli.ledger.load import load_ledger
    from creatio_cli.schedule import campaign_for, expected_progress
    from creatio_cli.standards import load_standard

    full = load_standard(None)
    std = full.model_copy(update={"indicators": [full.indicator(i) for i in INDICATORS]})
    ledger = load_ledger(args.ledger, std)
    campaign = campaign_for(AS_OF)
    fields = ["households", "service_area", "activity_area", "function_rooms", "satisfaction", *SIX]
    frame = pd.DataFrame({f: ledger.frame[f].astype(float) for f in fields})

    def rules() -> int:
        keep = np.ones(len(ledger.frame), dtype=bool)
        cols = _columns(ledger, std, keep, expected_progress(campaign, AS_OF))
        failing = [np.flatnonzero(np.isin(ind.rule.evaluate(cols).status, _PROBLEMS)) for ind in std.indicators]
        return sum(len(f) for f in failing)

    schema = pandera_schema()
    result = check(ledger, std, AS_OF, campaign)
    out = {
        "rows": len(frame),
        "creatio_findings": sum(len(c.findings) for c in result.communities),
        "pandera_failure_cases": run_pandera(schema, frame),
        "pandas_floor_failures": pandas_floor(frame),
        "creatio_rules_failures": rules(),
        "creatio_check": best(lambda: check(ledger, std, AS_OF, campaign), args.repeat),
        "creatio_rules": best(rules, args.repeat),
        "pandera": best(lambda: run_pandera(schema, frame), args.repeat),
        "pandas_floor": best(lambda: pandas_floor(frame), args.repeat),
    }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
