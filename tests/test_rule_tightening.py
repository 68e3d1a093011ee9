"""Tightening a threshold in an extending standard changes every place it is said: the title (JSON, and the
table and xlsx, which print the same title value) and the notice sentence — for each rule kind.

Every expected string below is written by hand from the ledger row and the rule; none is computed by the
code under test. The notices mark the tightened number “本次检查要求” because the cited clause states
another one (the clause keeps its own words).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.ledgers import HEADERS, community, write_ledger

PROBLEM_HEADERS = [*HEADERS, "最大活动室面积（㎡）"]

# (case, base standard YAML or None, tightened standard YAML, ledger changes, indicator,
#  expected zh title, expected en title, expected required, expected notice sentence or None)
CASES = [
    ("threshold", None, """
indicators:
  - id: rooms.function_rooms
    rule: {kind: threshold, field: function_rooms, op: ">=", value: 8}
""", {"功能室数量（个）": 7}, "rooms.function_rooms",
     "功能室数量（不少于8个）", "Function rooms (at least 8)", 8,
     "功能室数量7个，应不少于8个（本次检查要求），差1个（依据：《地方社区建设标准（“六室”）》社区服务中心设置不少于6个功能室）"),
    ("threshold_percent", None, """
indicators:
  - id: satisfaction.residents
    rule: {kind: threshold, field: satisfaction, op: ">=", value: 95}
""", {"群众满意度（%）": 92}, "satisfaction.residents",
     "群众满意度（不低于95%）", "Resident satisfaction (≥ 95 %)", 95,
     "群众满意度92%，应不低于95%（本次检查要求），差3个百分点"),
    ("per_households", None, """
indicators:
  - id: area.per_100_households
    rule: {kind: per_households, field: service_area, rate: 35}
""", {"社区综合服务设施面积（㎡）": 320, "居民活动用房面积（㎡）": 250}, "area.per_100_households",
     "社区综合服务设施面积（每百户35㎡）", "Service facility area (35 ㎡ per 100 households)", 350,
     "社区综合服务设施面积320㎡，按每百户35㎡标准应不少于350㎡（本次检查要求），差30㎡"),
    ("share", None, """
indicators:
  - id: area.activity_share
    rule: {kind: share, field: activity_area, of: service_area, min_percent: 80}
""", {}, "area.activity_share",  # 300 of 400 ㎡ = 75 % < 80 % (320 ㎡)
     "居民活动用房占比（不低于80%）", "Resident activity share of the area (≥ 80 %)", 320,
     "居民活动用房面积300㎡，占社区综合服务设施面积的75%，应不低于80%（320㎡，本次检查要求），差20㎡"),
    ("prorated_count", None, """
indicators:
  - id: activities.per_year
    rule: {kind: prorated_count, field: activities, target: 24}
""", {"活动开展次数": 8}, "activities.per_year",  # ceil(24 × 181/365 = 11.9) = 12 by 2022-06-30
     "文化活动开展（每年不少于24次，按序时进度）", "Activities held (24 a year, pro-rated)", 12,
     "文化活动开展8次，按序时进度应不少于12次（本次检查要求），差4次"),
    ("tiered", """
id: tiered-base
extends: liugeyi-sidabiao
title: 分档标准
version: "1"
indicators:
  - id: area.tiered
    title: {zh: "服务设施面积（{below_1}户以下不少于{value_1}㎡）", en: "Facility area (≥ {value_1} ㎡ below {below_1} households)"}
    category: 分档
    points: 5
    department: 民政局
    basis: {document: 某市社区用房配置办法, clause: 3000户以下的社区不少于300平方米}
    rule: {kind: tiered, field: service_area, tiers: [{below: 3000, value: 300}, {value: 500}]}
""", """
indicators:
  - id: area.tiered
    rule: {kind: tiered, field: service_area, tiers: [{below: 3000, value: 350}, {value: 500}]}
""", {"社区综合服务设施面积（㎡）": 320, "居民活动用房面积（㎡）": 250}, "area.tiered",
     "服务设施面积（3000户以下不少于350㎡）", "Facility area (≥ 350 ㎡ below 3000 households)", 350,
     "服务设施面积320㎡，按户数分档应不少于350㎡（本次检查要求），差30㎡"),
    ("all_of", None, """
extends: huodong-yongfang
indicators:
  - id: rooms.activity_400
    rule:
      kind: all_of
      rules:
        - {kind: threshold, field: activity_area, value: 500}
        - {kind: threshold, field: largest_room, value: 250}
""", {"居民活动用房面积（㎡）": 520, "最大活动室面积（㎡）": 240}, "rooms.activity_400",
     "活动用房不少于500㎡且单间不少于250㎡", "≥ 500 ㎡ with one room of ≥ 250 ㎡", 250,
     "最大活动室面积240㎡，应不少于250㎡（本次检查要求），差10㎡"),
    ("any_of", """
id: any-base
extends: liugeyi-sidabiao
title: 其一标准
version: "1"
indicators:
  - id: culture.venue
    title: {zh: "文化服务中心或活动用房不少于{value_2}㎡", en: "Culture centre or ≥ {value_2} ㎡ of activity rooms"}
    category: 文化
    points: 5
    department: 文广旅局
    basis: {document: 某市文化设施办法, clause: 无文化服务中心的，活动用房不少于200平方米}
    rule:
      kind: any_of
      rules:
        - {kind: present, field: culture_center}
        - {kind: threshold, field: activity_area, value: 200}
""", """
indicators:
  - id: culture.venue
    rule:
      kind: any_of
      rules:
        - {kind: present, field: culture_center}
        - {kind: threshold, field: activity_area, value: 350}
""", {"文化服务中心": "否"}, "culture.venue",
     "文化服务中心或活动用房不少于350㎡", "Culture centre or ≥ 350 ㎡ of activity rooms", True, None),
]


def _standard(tmp_path: Path, base: str | None, tightened: str) -> Path:
    parent = "liugeyi-sidabiao"
    if base is not None:
        (tmp_path / "base.yaml").write_text(base, encoding="utf-8")
        parent = "base.yaml"
    text = tightened if tightened.lstrip().startswith("extends:") else f"extends: {parent}\n{tightened}"
    path = tmp_path / "tight.yaml"
    path.write_text(f"id: tight\ntitle: 某区加严标准\nversion: '2'\n{text}", encoding="utf-8")
    return path


def _finding(report: dict, indicator: str) -> dict:
    (found,) = [f for c in report["communities"] for f in c["findings"] if f["indicator"] == indicator]
    return found


@pytest.mark.parametrize(("case", "base", "tightened", "changes", "indicator", "title_zh", "title_en", "required",
                          "sentence"), CASES, ids=[c[0] for c in CASES])
def test_tightening_changes_title_json_and_notice(tmp_path, cli, case, base, tightened, changes, indicator,
                                                 title_zh, title_en, required, sentence):
    std = _standard(tmp_path, base, tightened)
    ledger = write_ledger(tmp_path / "ledger.xlsx", [community(**{"最大活动室面积（㎡）": 220, **changes})],
                          headers=PROBLEM_HEADERS)
    reports = {}
    for lang in ("zh", "en"):
        code, out, _err = cli("check", ledger, "--standard", std, "--format", "json", "--lang", lang)
        assert code == 1
        reports[lang] = json.loads(out)
    zh, en = _finding(reports["zh"], indicator), _finding(reports["en"], indicator)
    assert (zh["title"], en["title"], zh["required"]) == (title_zh, title_en, required)
    by_indicator = {row["indicator"]: row["title"] for row in reports["zh"]["summary"]["by_indicator"]}
    assert by_indicator[indicator] == title_zh
    assert not [w for w in reports["zh"]["warnings"] if w["code"] == "indicator.title_number_not_in_rule"]

    out = tmp_path / "notices"
    code, _out, err = cli("notices", "draft", ledger, "--standard", std, "--all-shortfalls", "--output", out)
    assert code == 1, err
    (notice,) = out.glob("*.md")
    text = notice.read_text(encoding="utf-8")
    if sentence is not None:
        assert sentence in text


def test_the_tightened_title_is_what_the_xlsx_report_prints(tmp_path, cli):
    import openpyxl

    std = _standard(tmp_path, None, CASES[0][2])
    ledger = write_ledger(tmp_path / "ledger.xlsx", [community(**{"功能室数量（个）": 7})])
    code, _out, _err = cli("check", ledger, "--standard", std, "--output", tmp_path / "report.xlsx")
    assert code == 1
    book = openpyxl.load_workbook(tmp_path / "report.xlsx", read_only=True)
    cells = {str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row if v is not None}
    assert "功能室数量（不少于8个）" in cells
    assert "功能室数量（不少于6个）" not in cells  # (the basis clause keeps its own “不少于6个”)


def test_an_untightened_rule_is_stated_as_the_clause_states_it(tmp_path, cli):
    ledger = write_ledger(tmp_path / "ledger.xlsx", [community(**{"功能室数量（个）": 4, "群众满意度（%）": 80})])
    out = tmp_path / "notices"
    code, _out, _err = cli("notices", "draft", ledger, "--all-shortfalls", "--output", out)
    assert code == 1
    (notice,) = out.glob("*.md")
    text = notice.read_text(encoding="utf-8")
    assert "功能室数量4个，应不少于6个，差2个（依据：" in text
    assert "群众满意度80%，应不低于90%，差10个百分点" in text
    assert "本次检查要求" not in text
