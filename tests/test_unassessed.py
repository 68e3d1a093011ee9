"""`unassessed`: a field with no column in the ledger is a fact about the ledger, never a community's
finding (design.md, "Additions"). Expected numbers come from liugeyi-sidabiao's points, written by hand:
satisfaction.residents is worth 10 of 100 points; the GOOD community meets everything."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ledgers import GOOD, HEADERS, community, write_ledger

WITHOUT_SATISFACTION = [h for h in HEADERS if h != "群众满意度（%）"]


def _report(cli, *args) -> tuple[int, dict]:
    code, out, err = cli(*args, "--format", "json", "--as-of", "2022-06-30")
    assert code in (0, 1, 2), err
    return code, json.loads(out) if out else {}


def test_a_missing_column_leaves_its_indicator_out_of_score_and_findings(cli, tmp_path):
    path = write_ledger(tmp_path / "a.xlsx", [GOOD, community(社区="和平社区", 道德讲堂="否")],
                        headers=WITHOUT_SATISFACTION)
    code, report = _report(cli, "check", path)
    assert code == 1  # everything assessed is met for 幸福社区, but an indicator could not be assessed
    good, weak = report["communities"]
    assert (good["score"], good["max_score"], good["completion"]) == (90.0, 90.0, 1.0)
    assert (good["indicators_total"], good["indicators_assessed"], good["indicators_met"]) == (13, 12, 12)
    assert good["findings"] == []
    assert (weak["score"], weak["max_score"]) == (84.0, 90.0)  # 道德讲堂 (6 points) short
    assert [f["indicator"] for f in weak["findings"]] == ["six.moral_lecture_hall"]
    assert report["summary"]["compliant"] == 1
    row = next(r for r in report["summary"]["by_indicator"] if r["indicator"] == "satisfaction.residents")
    assert (row["unassessed"], row["met"], row["missing"]) == (2, 0, 0)
    assert report["unassessed"] == [{"indicator": "satisfaction.residents", "field": "satisfaction",
                                     "files": [str(path)], "candidates": []}]


def test_all_findings_never_lists_an_unassessed_indicator(cli, tmp_path):
    path = write_ledger(tmp_path / "a.xlsx", [GOOD], headers=WITHOUT_SATISFACTION)
    _code, report = _report(cli, "check", path, "--all-findings")
    statuses = {f["indicator"]: f["status"] for f in report["communities"][0]["findings"]}
    assert "satisfaction.residents" not in statuses and set(statuses.values()) == {"met"}
    assert len(statuses) == 12


def test_a_blank_cell_in_an_existing_column_stays_missing(cli, tmp_path):
    path = write_ledger(tmp_path / "a.xlsx", [community(**{"群众满意度（%）": None})])
    _code, report = _report(cli, "check", path)
    (finding,) = report["communities"][0]["findings"]
    assert (finding["indicator"], finding["status"]) == ("satisfaction.residents", "missing")
    assert report["unassessed"] == []


def test_in_a_batch_only_the_files_without_the_column_are_unassessed(cli, tmp_path):
    folder = tmp_path / "wk"
    folder.mkdir()
    write_ledger(folder / "1.xlsx", [community(街道="东街道")])
    write_ledger(folder / "2.xlsx", [community(街道="西街道")], headers=WITHOUT_SATISFACTION)
    _code, report = _report(cli, "score", folder)
    by_street = {c["street"]: c for c in report["communities"]}
    assert by_street["东街道"]["max_score"] == 100.0 and by_street["西街道"]["max_score"] == 90.0
    assert report["unassessed"][0]["files"] == [str(folder / "2.xlsx")]


def test_a_share_derived_from_its_count_is_assessed_without_its_own_column(cli, tmp_path):
    # The default ledger has 注册志愿者人数 and 常住人口 but no share column: 350 / 2800 = 12.5 % ≥ 10 %.
    path = write_ledger(tmp_path / "a.xlsx", [GOOD])
    _code, report = _report(cli, "check", path)
    assert report["unassessed"] == [] and report["communities"][0]["findings"] == []
    without_population = [h for h in HEADERS if h != "常住人口"]
    path = write_ledger(tmp_path / "b.xlsx", [GOOD], headers=without_population)
    _code, report = _report(cli, "check", path)
    assert [u["indicator"] for u in report["unassessed"]] == ["volunteers.share"]


def test_an_unreadable_count_does_not_undo_a_share_unassessed_for_the_ledger(cli, tmp_path):
    # No population column: volunteers.share (10 points) is unassessed for the sheet. 和平社区's count reads
    # 六百 (invalid), yet its share cannot be judged either: no finding, 90 of 90 like 幸福社区 (QA probe9 C5).
    without_population = [h for h in HEADERS if h != "常住人口"]
    path = write_ledger(tmp_path / "a.xlsx", [GOOD, community(社区="和平社区", 注册志愿者人数="六百")],
                        headers=without_population)
    _code, report = _report(cli, "check", path)
    for record in report["communities"]:
        assert (record["score"], record["max_score"], record["indicators_assessed"]) == (90.0, 90.0, 12)
        assert record["findings"] == []
    row = next(r for r in report["summary"]["by_indicator"] if r["indicator"] == "volunteers.share")
    assert (row["unassessed"], row["invalid"]) == (2, 0)
    assert report["summary"]["compliant"] == 2


def test_a_share_left_unassessed_names_the_missing_population_and_its_near_header(cli, tmp_path):
    # 居住人口（人） is near population but not taken: the share (no column of its own) is unassessed for want of
    # population, and the report names that field and that header, as the warning does (QA probe9 H5).
    headers = ["居住人口（人）" if h == "常住人口" else h for h in HEADERS]
    path = write_ledger(tmp_path / "a.xlsx", [{**GOOD, "居住人口（人）": 2800}], headers=headers)
    _code, report = _report(cli, "check", path)
    (entry,) = report["unassessed"]
    assert (entry["indicator"], entry["field"], entry["files"]) == ("volunteers.share", "population", [str(path)])
    assert [(c["header"], c["column"]) for c in entry["candidates"]] == [("居住人口（人）", "E")]


def test_a_ledger_where_nothing_can_be_assessed_is_refused(cli, tmp_path):
    path = write_ledger(tmp_path / "a.xlsx", [GOOD], headers=["街道", "社区", "备注"])
    code, out, err = cli("check", path)
    assert code == 2 and out == "" and "a.xlsx" in err and err.count("\n") == 1


def test_score_skips_a_file_where_nothing_can_be_assessed(cli, tmp_path):
    folder = tmp_path / "wk"
    folder.mkdir()
    write_ledger(folder / "1.xlsx", [GOOD])
    write_ledger(folder / "2.xlsx", [GOOD], headers=["街道", "社区", "备注"])
    code, report = _report(cli, "score", folder)
    assert code == 1
    status = {Path(f["path"]).name: f["status"] for f in report["files"]}
    assert status == {"1.xlsx": "ok", "2.xlsx": "skipped"}


@pytest.mark.parametrize(("kind", "area", "expected"), [("all_of", 300, "shortfall"), ("any_of", 300, "unassessed"),
                                                      ("all_of", "三百", "unassessed")])
def test_combinators_with_a_part_that_cannot_be_assessed(tmp_path, kind, area, expected):
    # 活动用房 400 ㎡ required: 300 ㎡ is short; the largest-room column is absent from the ledger.
    # all_of: the known shortfall decides. any_of: the absent part might have passed, so unassessed.
    # all_of with an unreadable area (三百): nothing is known to fail, so the sheet's unassessed wins.
    from creatio_cli.engine import check
    from creatio_cli.ledger.load import load_ledger
    from creatio_cli.schedule import campaign_for
    from creatio_cli.standards.loader import load_standard

    std_path = tmp_path / "std.yaml"
    std_path.write_text(f"""
id: rooms-test
extends: common-fields
title: 测试
version: "1"
indicators:
  - id: rooms.activity
    title: 活动用房
    category: 面积
    points: 10
    department: 民政局
    basis: {{document: 测试}}
    rule:
      kind: {kind}
      rules:
        - {{kind: threshold, field: activity_area, value: 400}}
        - {{kind: threshold, field: largest_room, value: 200}}
""", encoding="utf-8")
    std = load_standard(std_path)
    ledger = load_ledger(write_ledger(tmp_path / "a.xlsx", [community(**{"居民活动用房面积（㎡）": area})]), std)
    from datetime import date

    result = check(ledger, std, date(2022, 6, 30), campaign_for(date(2022, 6, 30)))
    statuses = [s for s in result.summary.by_indicator[0].to_dict("en").items() if isinstance(s[1], int) and s[1]]
    assert statuses == [(expected, 1)]


def test_rankings_order_by_completion_then_score(cli, tmp_path):
    # 甲: no satisfaction column, everything else met → 90 of 90 (completion 1.0).
    # 乙: every column, 道德讲堂 short → 94 of 100 (0.94). 甲 ranks first despite the lower score.
    folder = tmp_path / "wk"
    folder.mkdir()
    write_ledger(folder / "1.xlsx", [community(街道="东街道", 社区="甲社区")], headers=WITHOUT_SATISFACTION)
    write_ledger(folder / "2.xlsx", [community(街道="西街道", 社区="乙社区", 道德讲堂="否")])
    _code, report = _report(cli, "score", folder)
    order = [(r["rank"], r["community"], r["score"]) for r in report["rankings"]["communities"]]
    assert order == [(1, "甲社区", 90.0), (2, "乙社区", 94.0)]
    streets = [(r["rank"], r["street"]) for r in report["rankings"]["streets"]]
    assert streets == [(1, "东街道"), (2, "西街道")]
    rate = next(r for r in report["pass_rates"] if r["indicator"] == "satisfaction.residents")
    assert (rate["met"], rate["applicable"]) == (1, 1)  # 甲 could not be assessed: not in the rate


@pytest.mark.parametrize("satisfaction", [95, 80])
def test_a_baseline_compares_only_the_indicators_assessed_both_times(cli, tmp_path, satisfaction):
    # Week 1 has no satisfaction column (90 of 90); week 2 has it, met (100) or short (90 of 100). Over the
    # indicators assessed both times nothing changed: score_change 0 and nothing new or fixed.
    week1, week2 = tmp_path / "w1", tmp_path / "w2"
    week1.mkdir()
    week2.mkdir()
    write_ledger(week1 / "a.xlsx", [GOOD], headers=WITHOUT_SATISFACTION)
    write_ledger(week2 / "a.xlsx", [community(**{"群众满意度（%）": satisfaction})])
    baseline = tmp_path / "w1.json"
    assert cli("score", week1, "--output", baseline, "--as-of", "2022-06-30")[0] == 1
    _code, report = _report(cli, "score", week2, "--baseline", baseline)
    record = report["communities"][0]
    assert record["score"] == (100.0 if satisfaction == 95 else 90.0)
    assert (record["score_change"], record["new"], record["fixed"]) == (0.0, [], [])
    assert report["changes"] == {"improved": [], "declined": []}


def test_an_unassessed_field_names_its_closest_headers(cli, tmp_path):
    # Two satisfaction-like columns too close to choose between: neither is used, both are offered.
    headers = [*WITHOUT_SATISFACTION, "满意度测评（%）", "居民满意度调查"]
    path = write_ledger(tmp_path / "a.xlsx", [{**GOOD, "满意度测评（%）": 95, "居民满意度调查": 95}], headers=headers)
    code, report = _report(cli, "check", path)
    assert code == 1
    (entry,) = report["unassessed"]
    assert entry["field"] == "satisfaction"
    assert [(c["header"], c["column"]) for c in entry["candidates"]] == [("满意度测评（%）", "T"), ("居民满意度调查", "U")]
    assert entry["candidates"][0]["score"] > entry["candidates"][1]["score"]
