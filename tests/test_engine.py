"""The engine on small hand-made ledgers: verdicts, numbers, cells, points and the report's definitions."""

from __future__ import annotations

from datetime import date

import pytest

from creatio_cli.engine import check
from creatio_cli.ledger.load import load_ledger
from creatio_cli.schedule import campaign_for
from creatio_cli.standards import load_standard
from tests.ledgers import community, write_ledger

AS_OF = date(2022, 6, 30)


def run(tmp_path, rows, standard="liugeyi-sidabiao", as_of=AS_OF, **kw):
    std = load_standard(standard) if isinstance(standard, str) else standard
    ledger = load_ledger(write_ledger(tmp_path / "ledger.xlsx", rows), std)
    return check(ledger, std, as_of, campaign_for(as_of, convention=kw.pop("convention", "day")), **kw)


def findings(result, name):
    return {f.indicator: f for c in result.communities if c.community == name for f in c.findings}


def test_nanguan_worked_example(tmp_path):
    result = run(tmp_path, [community(社区="南关社区", 户数=1860, **{"社区综合服务设施面积（㎡）": 420,
                                                                    "居民活动用房面积（㎡）": 260})])
    area = findings(result, "南关社区")["area.per_100_households"]
    assert (area.status, area.actual, area.required, area.gap, area.unit) == ("shortfall", 420, 558, 138, "㎡")
    assert area.cell == "F3"  # title row 1, header row 2, first community on row 3
    assert area.department == "民政局" and "民发〔2016〕191号" in area.basis
    assert area.deadline == date(2022, 6, 30) and area.overdue is False
    assert result.expected_progress == pytest.approx(181 / 365)


def test_compliant_community_has_no_findings_and_full_score(tmp_path):
    result = run(tmp_path, [community()])
    (c,) = result.communities
    assert c.findings == () and c.score == 100 and c.max_score == 100 and c.completion == 1.0
    assert c.grade.get("zh") == "优秀" and c.indicators_met == 13 == c.indicators_total
    assert result.exit_code == 0
    assert (result.summary.compliant, result.summary.with_shortfalls) == (1, 0)


def test_missing_and_invalid_cells_are_findings_with_raw_text(tmp_path):
    rows = [community(社区="甲社区", **{"社区综合服务设施面积（㎡）": "二百", "群众满意度（%）": None}),
            community(社区="乙社区", **{"功能室数量（个）": -3})]
    result = run(tmp_path, rows)
    a = findings(result, "甲社区")
    assert a["area.per_100_households"].status == "invalid" and a["area.per_100_households"].raw == "二百"
    assert a["satisfaction.residents"].status == "missing" and a["satisfaction.residents"].cell == "R3"
    assert findings(result, "乙社区")["rooms.function_rooms"].status == "invalid"
    assert result.exit_code == 1
    # A missing or invalid value earns no points: 10 + 6 (area and share read the bad area) + 10.
    assert result.communities[0].score == 100 - 10 - 6 - 10


def test_behind_schedule_compares_completion_with_expected_progress(tmp_path):
    weak = community(社区="弱社区", **{"社区综合服务设施面积（㎡）": 100, "功能室数量（个）": 2, "道德讲堂": "否",
                                      "家长学校": "在建", "未成年人活动场所": "无", "活动开展次数": 3, "台账整理": "否"})
    result = run(tmp_path, [weak, community()])
    c = result.communities[0]
    # lost: area 10 + share (100×0.6=60 ≤ 300: met) 0 + rooms 8 + 3 facilities 18 + activities 10 + ledger 10 = 56
    assert c.score == 44 and c.completion == pytest.approx(0.44)
    assert c.behind_schedule is True and result.communities[1].behind_schedule is False
    assert result.summary.behind_schedule == 1 and c.grade.get("zh") == "不合格"


def test_month_convention(tmp_path):
    result = run(tmp_path, [community()], convention="month")
    assert result.expected_progress == 0.5


def test_activities_are_prorated_by_schedule(tmp_path):
    rows = [community(社区="五次社区", 活动开展次数=5), community(社区="六次社区", 活动开展次数=6)]
    result = run(tmp_path, rows)
    five = findings(result, "五次社区")["activities.per_year"]
    assert (five.actual, five.required, five.gap) == (5, 6, 1)
    assert "activities.per_year" not in findings(result, "六次社区")
    late = run(tmp_path, rows, as_of=date(2022, 12, 31))
    assert findings(late, "六次社区")["activities.per_year"].required == 12


def test_volunteer_share_is_derived_from_the_count(tmp_path):
    rows = [community(社区="少志愿者社区", 常住人口=3000, 注册志愿者人数=240)]
    f = findings(run(tmp_path, rows), "少志愿者社区")["volunteers.share"]
    assert f.status == "shortfall" and f.actual == 8.0 and f.required == 10 and f.cell == "Q3"


def test_yes_no_findings_carry_booleans(tmp_path):
    f = findings(run(tmp_path, [community(社区="无讲堂社区", 道德讲堂="×")]), "无讲堂社区")["six.moral_lecture_hall"]
    assert (f.actual, f.required, f.gap, f.unit) == (False, True, None, None)


def test_duplicate_community_is_checked_once_with_a_warning(tmp_path):
    result = run(tmp_path, [community(), community(户数=5000)])
    assert len(result.communities) == 1 and result.communities[0].source.row == 3
    assert [w.code for w in result.warnings] == ["row.duplicate_community"]


def test_overdue_after_an_indicators_own_deadline(tmp_path):
    rows = [community(社区="迟社区", **{"功能室数量（个）": 3})]
    f = findings(run(tmp_path, rows, as_of=date(2022, 7, 20)), "迟社区")["rooms.function_rooms"]
    assert f.overdue is True


def test_all_findings_lists_met_indicators_too(tmp_path):
    result = run(tmp_path, [community()], all_findings=True)
    statuses = [f.status for f in result.communities[0].findings]
    assert statuses == ["met"] * 13


def test_proportional_credit_and_star_grades(tmp_path):
    rows = [community(社区="半满意社区", **{"群众满意度（%）": 45})]
    result = run(tmp_path, rows, standard="jingzhi-xingfu")
    c = result.communities[0]
    assert c.score == 90  # 20 points × 45/90 = 10 earned on satisfaction
    assert c.grade.get("zh") == "四星"


def test_applies_when_and_waivers(tmp_path):
    std = load_standard("liugeyi-sidabiao")
    data = std.model_dump()
    data["indicators"][0]["applies_when"] = {"field": "households", "op": ">=", "value": 1500}
    data["waivers"] = [{"community": "豁免社区", "indicators": ["rooms.function_rooms"], "reason": "一居一策"}]
    custom = type(std).model_validate(data)
    rows = [community(社区="小社区", 户数=1200, **{"社区综合服务设施面积（㎡）": 100, "居民活动用房面积（㎡）": 60}),
            community(社区="豁免社区", **{"功能室数量（个）": 2})]
    result = run(tmp_path, rows, standard=custom, all_findings=True)
    small = findings(result, "小社区")
    assert small["area.per_100_households"].status == "not_applicable"
    assert result.communities[0].max_score == 90
    assert findings(result, "豁免社区")["rooms.function_rooms"].status == "waived"
    assert result.communities[1].compliant


def test_one_result_renders_in_either_language(tmp_path):
    result = run(tmp_path, [community(道德讲堂="否")])
    zh, en = result.to_dict("zh"), result.to_dict("en")
    assert zh["communities"][0]["findings"][0]["title"] == "一个道德讲堂"
    assert en["communities"][0]["findings"][0]["title"] == "A moral lecture hall"
    assert (zh["communities"][0]["grade"], en["communities"][0]["grade"]) == ("优秀", "Excellent")


@pytest.mark.parametrize(("population", "status", "cell", "raw"),
                         [(-200, "invalid", "E3", "-200"), (None, "missing", "E3", None), (0, "invalid", "E3", "0")])
def test_unusable_population_cites_the_population_cell(tmp_path, population, status, cell, raw):
    rows = [community(社区="人口社区", 常住人口=population)]
    f = findings(run(tmp_path, rows), "人口社区")["volunteers.share"]
    assert (f.status, f.cell, f.raw) == (status, cell, raw)


def test_unusable_volunteer_count_cites_the_count_cell(tmp_path):
    f = findings(run(tmp_path, [community(社区="计数社区", 注册志愿者人数="很多")]), "计数社区")["volunteers.share"]
    assert (f.status, f.cell, f.raw) == ("invalid", "Q3", "很多")
