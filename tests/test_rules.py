"""Each rule kind on small tables: its documented pass and fail example, then edge rows."""

from __future__ import annotations

import numpy as np
import pytest
from pydantic import TypeAdapter

from creatio_cli.ledger.normalize import parse_cell
from creatio_cli.rules.base import Columns
from creatio_cli.rules.kinds import REGISTRY, Rule
from creatio_cli.standards import load_standard

RULE = TypeAdapter(Rule)
FIELDS = load_standard("common-fields").fields
STATUS = ("met", "shortfall", "missing", "invalid", "not_applicable", "waived")


def columns(rows: list[dict[str, object]], progress: float = 181 / 365) -> Columns:
    names = {k for row in rows for k in row}
    values, states = {}, {}
    for name in names:
        parsed = [parse_cell(row.get(name), FIELDS[name].type) for row in rows]
        values[name] = np.array([np.nan if p.value is None else p.value for p in parsed], dtype=float)
        states[name] = np.array([p.state for p in parsed], dtype=np.int8)
    return Columns(values, states, len(rows), progress)


@pytest.mark.parametrize("kind", sorted(REGISTRY))
def test_documented_examples(kind):
    cls = REGISTRY[kind]
    ex = cls.examples
    assert "Passes" in cls.__doc__ and "Fails" in cls.__doc__
    rule = RULE.validate_python(ex["rule"])
    outcome = rule.evaluate(columns([ex["pass"], ex["fail"]], ex.get("expected_progress", 181 / 365)))
    assert [STATUS[s] for s in outcome.status] == ["met", "shortfall"]
    if ex["fail_gap"] is not None:
        assert outcome.gap[1] == pytest.approx(ex["fail_gap"])


def test_per_households_worked_value():
    rule = RULE.validate_python({"kind": "per_households", "field": "service_area", "rate": 30})
    out = rule.evaluate(columns([{"service_area": 420, "households": 1860}]))
    assert (out.actual[0], out.required[0], out.gap[0]) == (420, 558, 138)


def test_per_households_floor_applies_to_small_communities():
    rule = RULE.validate_python({"kind": "per_households", "field": "service_area", "rate": 30, "floor": 300})
    out = rule.evaluate(columns([{"service_area": 250, "households": 500}]))
    assert out.required[0] == 300 and out.gap[0] == 50


def test_input_states_win_over_comparison():
    rule = RULE.validate_python({"kind": "per_households", "field": "service_area", "rate": 30})
    rows = [
        {"service_area": "二百", "households": 1000},  # invalid area
        {"service_area": None, "households": 1000},  # blank area
        {"service_area": "/", "households": 1000},  # not applicable
        {"service_area": "二百", "households": None},  # invalid beats missing
        {"service_area": 400, "households": 1000},
    ]
    out = rule.evaluate(columns(rows))
    assert [STATUS[s] for s in out.status] == ["invalid", "missing", "not_applicable", "invalid", "met"]
    assert list(out.field[:4]) == ["service_area", "service_area", "service_area", "service_area"]


def test_missing_households_cites_the_households_cell():
    rule = RULE.validate_python({"kind": "per_households", "field": "service_area", "rate": 30})
    out = rule.evaluate(columns([{"service_area": 400, "households": None}]))
    assert STATUS[out.status[0]] == "missing" and out.field[0] == "households"


def test_prorated_count_rounds_up_and_follows_progress():
    rule = RULE.validate_python({"kind": "prorated_count", "field": "activities", "target": 12})
    assert rule.required_count(181 / 365) == 6
    assert rule.required_count(0.5) == 6  # exactly half: no float-noise ceil to 7
    assert rule.required_count(1.0) == 12
    assert rule.required_count(0.01) == 1
    out = rule.evaluate(columns([{"activities": 5}, {"activities": 6}], progress=0.5))
    assert [STATUS[s] for s in out.status] == ["shortfall", "met"]


def test_tiered_band_edges():
    rule = RULE.validate_python({"kind": "tiered", "field": "service_area",
                                 "tiers": [{"below": 1000, "value": 200}, {"below": 3000, "value": 300}, {"value": 500}]})
    rows = [{"service_area": 250, "households": h} for h in (999, 1000, 2999, 3000)]
    out = rule.evaluate(columns(rows))
    assert list(out.required) == [200, 300, 300, 500]
    assert [STATUS[s] for s in out.status] == ["met", "shortfall", "shortfall", "shortfall"]


def test_tiers_must_ascend():
    with pytest.raises(ValueError):
        RULE.validate_python({"kind": "tiered", "field": "service_area",
                              "tiers": [{"below": 3000, "value": 300}, {"below": 1000, "value": 200}, {"value": 1}]})


def test_present_treats_under_construction_as_no_and_blank_as_missing():
    rule = RULE.validate_python({"kind": "present", "field": "parent_school"})
    out = rule.evaluate(columns([{"parent_school": v} for v in ("√", "在建", None, "也许", "/")]))
    assert [STATUS[s] for s in out.status] == ["met", "shortfall", "missing", "invalid", "not_applicable"]


def test_all_of_reports_the_failing_part_and_any_of_passes_on_one():
    both = RULE.validate_python({"kind": "all_of", "rules": [
        {"kind": "threshold", "field": "activity_area", "value": 400},
        {"kind": "threshold", "field": "largest_room", "value": 200}]})
    out = both.evaluate(columns([{"activity_area": 300, "largest_room": 250}, {"activity_area": 450, "largest_room": None}]))
    assert [STATUS[s] for s in out.status] == ["shortfall", "missing"]
    assert out.field[0] == "activity_area" and out.gap[0] == 100 and out.field[1] == "largest_room"
    either = RULE.validate_python({"kind": "any_of", "rules": [
        {"kind": "threshold", "field": "activity_area", "value": 400},
        {"kind": "threshold", "field": "largest_room", "value": 200}]})
    out = either.evaluate(columns([{"activity_area": 300, "largest_room": 250}, {"activity_area": 300, "largest_room": 100}]))
    assert [STATUS[s] for s in out.status] == ["met", "shortfall"]


def test_proportional_ratio():
    rule = RULE.validate_python({"kind": "threshold", "field": "satisfaction", "value": 90})
    out = rule.evaluate(columns([{"satisfaction": 45}, {"satisfaction": 95}]))
    assert list(out.ratio) == [0.5, 1.0]
