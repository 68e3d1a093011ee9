"""The five sample weeks recorded as an office would (``score samples/weekly/weekN --record --baseline`` last
week's report), then ``creatio history`` read back: every trend number equals the sample generator's oracle
(samples/weekly/weekN.expected.json: each community's failed indicators and points lost, liugeyi-sidabiao is 100
points, all or nothing; weekN.partners.expected.json: the partner units' aggregates; changes-weekN.json: what
each community fixed or newly failed) — never creatio's own output. 序时进度 by hand: 2022-06-24 is day 175
of 365, each week 7 days more.
"""

from __future__ import annotations

import contextlib
import io
import json
from collections import defaultdict
from pathlib import Path
from statistics import mean

import pytest
from history_helpers import WEEKLY, designed, expected

from creatio_cli.cli import app
from creatio_cli.cli.runner import run

WEEKS = ("week1", "week2", "week3", "week4", "week5")
AS_OF = {"week1": "2022-06-24", "week2": "2022-07-01", "week3": "2022-07-08", "week4": "2022-07-15",
         "week5": "2022-07-22"}
WEEK_OF = {d: w for w, d in AS_OF.items()}
PROGRESS = {w: (175 + 7 * i) / 365 for i, w in enumerate(WEEKS)}


def _run(*args: object) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = run(app, [str(a) for a in args])
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def recorded(tmp_path_factory) -> tuple[Path, dict[str, dict]]:
    """The five weeks recorded in one history file; each week's JSON score report (with --baseline)."""
    folder = tmp_path_factory.mktemp("weekly")
    history = folder / "h.sqlite"
    reports: dict[str, dict] = {}
    for i, week in enumerate(WEEKS):
        report = folder / f"{week}.json"
        baseline = ["--baseline", folder / f"{WEEKS[i - 1]}.json"] if i else []
        code, _, err = _run("score", WEEKLY / week, "--record", "--history", history, *baseline, "--jobs", "1",
                            "--format", "json", "--output", report, "--lang", "en")
        assert code == 1, err  # the samples have shortfalls
        assert f"as of {AS_OF[week]}, scope all, 300 communities" in err, err
        reports[week] = json.loads(report.read_text(encoding="utf-8"))
    return history, reports


def _history(history: Path, *args: object) -> dict:
    code, out, err = _run("history", "--history", history, "--format", "json", *args)
    assert code == 0, err
    return json.loads(out)


def _score(entry: dict) -> float:
    return 100.0 - entry["points_lost"]


def test_the_runs_follow_the_weeks_oracle(recorded):
    history, _ = recorded
    rows = _history(history)["runs"]
    assert [r["as_of"] for r in rows] == list(AS_OF.values())
    for row in rows:
        week = WEEK_OF[row["as_of"]]
        summary, entries = expected(week)["summary"], expected(week)["communities"]
        assert (row["standard"], row["scope"], row["communities"]) == ("liugeyi-sidabiao", "all", 300)
        assert row["behind_schedule"] == summary["behind_schedule"]
        assert row["compliant"] == 300 - summary["with_any_shortfall"]
        assert row["mean_score"] == pytest.approx(mean(_score(e) for e in entries), abs=1e-4)
        assert row["mean_completion"] == pytest.approx(mean(_score(e) / 100 for e in entries), abs=1e-6)
        assert row["expected_progress"] == pytest.approx(PROGRESS[week])
        assert row["gap_points"] == pytest.approx((row["mean_completion"] - PROGRESS[week]) * 100, abs=0.01)
    # the samples' story: behind schedule 11 → 9 → 5 → 6 → 5
    assert [r["behind_schedule"] for r in rows] == [11, 9, 5, 6, 5]


def test_partner_trends_equal_the_partner_oracle_every_week(recorded):
    history, reports = recorded
    rows = _history(history, "--by", "partner")["partners"]
    by_week: dict[str, dict[str, dict]] = defaultdict(dict)
    for row in rows:
        by_week[WEEK_OF[row["as_of"]]][row["partner"]] = row
    assert set(by_week) == set(WEEKS)
    previous: dict[str, float] = {}
    for week in WEEKS:
        oracle = json.loads((WEEKLY / f"{week}.partners.expected.json").read_text(encoding="utf-8"))
        want = {p["partner"]: p for p in oracle["partners"]}
        got = by_week[week]
        assert set(got) == set(want), week
        for name, p in want.items():
            row = got[name]
            assert row["communities"] == p["communities"]
            assert row["mean_score"] == pytest.approx(p["mean_score"], abs=1e-4)
            assert row["mean_completion"] == pytest.approx(p["mean_completion"], abs=1e-6)
            assert row["behind_schedule"] == round(p["share_behind_schedule"] * p["communities"])
            assert row["compliant"] == round(p["share_compliant"] * p["communities"])
            if name in previous:
                assert row["score_change"] == pytest.approx(p["mean_score"] - previous[name], abs=2e-4)
            else:
                assert row["score_change"] is None
        previous = {name: p["mean_score"] for name, p in want.items()}
        # one reading: the history holds what the score report ranked (rankings.partners) that week
        ranked = {p["partner"]: p["communities"] for p in reports[week]["rankings"]["partners"]}
        assert ranked == {name: p["communities"] for name, p in want.items()}


def test_street_trends_and_their_changes_follow_the_oracle(recorded):
    history, _ = recorded
    rows = _history(history, "--by", "street")["streets"]
    want: dict[tuple[str, str], dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for week in WEEKS:
        for key, entry in designed(week).items():
            want[key[:2]][week].append(entry)
    assert len(rows) == sum(len(v) for v in want.values()) == 20 * 5
    for row in rows:
        week = WEEK_OF[row["as_of"]]
        entries = want[(row["district"], row["street"])][week]
        assert row["communities"] == len(entries)
        assert row["mean_score"] == pytest.approx(mean(_score(e) for e in entries), abs=1e-4)
        assert row["behind_schedule"] == sum(e["behind_schedule"] for e in entries)
        assert row["compliant"] == sum(not e["fails"] for e in entries)
        if week == "week1":
            assert row["score_change"] is None
        else:
            before = mean(_score(e) for e in want[(row["district"], row["street"])][WEEKS[WEEKS.index(week) - 1]])
            assert row["score_change"] == pytest.approx(row["mean_score"] - before, abs=1e-3)


def test_indicator_pass_rates_every_week(recorded):
    history, _ = recorded
    rows = _history(history, "--by", "indicator")["indicators"]
    assert len(rows) == 5 * len(expected("week1")["points"])
    for row in rows:
        entries = expected(WEEK_OF[row["as_of"]])["communities"]
        met = sum(row["indicator"] not in e["fails"] for e in entries)
        assert (row["met"], row["applicable"], row["problems"]) == (met, 300, 300 - met)


def test_a_community_trajectory_shows_what_it_fixed_and_newly_failed(recorded):
    history, _ = recorded
    checked = 0
    for changes_file, week in (("changes.json", "week2"), ("changes-week3.json", "week3"),
                               ("changes-week4.json", "week4"), ("changes-week5.json", "week5")):
        changes = json.loads((WEEKLY / changes_file).read_text(encoding="utf-8"))["changes"]
        picked = [next(c for c in changes if c["fixed"]), next(c for c in changes if c["new"])]  # fixed, slipped
        for change in picked:
            checked += _check_trajectory(history, change, week)
    assert checked == 8


def _check_trajectory(history: Path, change: dict, week: str) -> int:
    """The community's run-by-run unmet indicators and scores against the oracle around ``week``."""
    report = _history(history, "--community", change["community"], "--street", change["street"],
                      "--district", change["district"])
    by_week = {WEEK_OF[c["as_of"]]: c for c in report["communities"]}
    assert list(by_week) == list(WEEKS)
    before, after = by_week[WEEKS[WEEKS.index(week) - 1]], by_week[week]
    assert sorted(before["unmet"]) == sorted(change["fails_before"])
    assert sorted(after["unmet"]) == sorted(change["fails_after"])
    assert set(before["unmet"]) - set(after["unmet"]) == set(change["fixed"])
    assert set(after["unmet"]) - set(before["unmet"]) == set(change["new"])
    key = (change["district"], change["street"], change["community"])
    for w, row in by_week.items():
        assert row["score"] == _score(designed(w)[key])
    return 1
