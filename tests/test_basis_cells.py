"""A dash or a zero in the basis of a rule never waives nor meets it.

`/` means "not applicable" in a ledger, and for a facility's yes/no cell it still does; but a community's
households, population or service area cannot be not applicable to a per-household or share rule. Read as
not applicable they took the indicator out of ``max_score`` (84/90 = 93 % → 优秀, no notice). A zero basis
made the requirement 0 and the indicator met. Both are invalid findings with their reason now.
"""

from __future__ import annotations

import json
import re

import pytest

from creatio_cli.standards import load_standard
from tests.ledgers import community, write_ledger

AREA = "社区综合服务设施面积（㎡）"


def report(cli, tmp_path, row, *extra):
    code, out, _ = cli("check", write_ledger(tmp_path / "l.xlsx", [row]), "--format", "json", "--all-findings",
                       *extra)
    return code, json.loads(out)["communities"][0]


def by_indicator(c):
    return {f["indicator"]: f for f in c["findings"]}


@pytest.mark.parametrize("dash", ["/", "-", "——", "—", "不涉及"])
def test_a_dash_for_households_is_invalid_not_a_waiver(cli, tmp_path, dash):
    code, c = report(cli, tmp_path, community(户数=dash))
    area = by_indicator(c)["area.per_100_households"]
    assert code == 1
    assert area["status"] == "invalid" and area["cell"] == "D3" and area["raw"] == dash
    assert area["reason_code"] == "cell.na_refused"
    assert (c["score"], c["max_score"]) == (90, 100)  # the 10 points stay in max_score: 90 %, not 90/90


def test_a_dash_for_the_area_is_invalid_for_both_area_indicators(cli, tmp_path):
    _, c = report(cli, tmp_path, community(**{AREA: "/"}))
    found = by_indicator(c)
    for ind in ("area.per_100_households", "area.activity_share"):
        assert found[ind]["status"] == "invalid" and found[ind]["reason_code"] == "cell.na_refused"
    assert (c["score"], c["max_score"]) == (84, 100)
    assert c["grade"] != "优秀"  # was 84/84 = 100 % → 优秀


def test_a_cell_read_by_two_invalid_indicators_is_explained_once(cli, tmp_path, monkeypatch):
    # F3 (the area, "/") feeds both area indicators: two findings, one note under the table (QA probe9 L3).
    monkeypatch.delenv("COLUMNS", raising=False)  # piped: one line a note
    _code, out, _err = cli("check", write_ledger(tmp_path / "l.xlsx", [community(**{AREA: "/"})]))
    assert len([line for line in out.splitlines() if "数据无效" in line and "F3" in line]) == 2  # the findings
    assert out.count("F3：") == 1  # the note


def test_a_dash_for_the_population_is_invalid_for_the_volunteer_share(cli, tmp_path):
    _, c = report(cli, tmp_path, community(常住人口="/"))
    share = by_indicator(c)["volunteers.share"]
    assert share["status"] == "invalid" and share["cell"] == "E3" and share["reason_code"] == "cell.na_refused"


def test_a_dash_in_a_facility_every_community_must_have_is_invalid(cli, tmp_path):
    """六个一 asks each facility of every community: six `/` made a community with none of them 达标 and 优秀."""
    _, c = report(cli, tmp_path, community(家长学校="/"))
    found = by_indicator(c)["six.parent_school"]
    assert found["status"] == "invalid" and found["reason_code"] == "cell.na_refused_yesno"
    assert c["max_score"] == 100


def test_a_dash_in_a_facility_is_not_applicable_where_the_standard_allows_it(cli, tmp_path):
    std = tmp_path / "lenient.yaml"
    std.write_text("id: lenient\nextends: liugeyi-sidabiao\ntitle: {zh: 宽松, en: Lenient}\nversion: '1'\n"
                   "fields:\n  parent_school: {allow_not_applicable: true}\n", encoding="utf-8")
    _, c = report(cli, tmp_path, community(家长学校="/"), "--standard", std)
    assert by_indicator(c)["six.parent_school"]["status"] == "not_applicable"
    assert c["max_score"] == 94


def test_a_dash_no_longer_lifts_a_community_off_behind_schedule(cli, tmp_path):
    # No facility and 2 rooms: 46 of the other 90 points. With 户数 "/" the area indicator left max_score:
    # 46/90 = 51.1 % ≥ 序时进度 49.6 %, not behind, no notice. It is 46/100 = 46 %, behind.
    facilities = dict.fromkeys(["综合服务场所", "文化服务中心", "道德讲堂", "家长学校", "未成年人活动场所", "志愿服务V站"], "否")
    _, c = report(cli, tmp_path, community(户数="/", **facilities, **{"功能室数量（个）": 2}))
    assert (c["score"], c["max_score"]) == (46, 100) and c["behind_schedule"]


@pytest.mark.parametrize("households", [0, "0"])
def test_zero_households_is_invalid_not_met(cli, tmp_path, households):
    _, c = report(cli, tmp_path, community(户数=households))
    area = by_indicator(c)["area.per_100_households"]
    assert area["status"] == "invalid" and area["cell"] == "D3" and area["reason_code"] == "cell.basis_zero"
    assert area["required"] is None  # not "required 0 ㎡"


def test_a_zero_area_is_invalid_for_the_share_of_it(cli, tmp_path):
    _, c = report(cli, tmp_path, community(**{AREA: 0, "居民活动用房面积（㎡）": 0}))
    found = by_indicator(c)
    assert found["area.per_100_households"]["status"] == "shortfall"  # 0 ㎡ is short of 300 ㎡
    share = found["area.activity_share"]
    assert share["status"] == "invalid" and share["cell"] == "F3" and share["reason_code"] == "cell.basis_zero"


def test_zero_population_says_why_the_share_is_invalid(cli, tmp_path):
    _, c = report(cli, tmp_path, community(常住人口=0))
    share = by_indicator(c)["volunteers.share"]
    assert share["status"] == "invalid" and share["cell"] == "E3" and share["reason_code"] == "cell.basis_zero"


def test_the_standard_may_allow_a_dash_and_a_zero_basis(cli, tmp_path):
    std = tmp_path / "std.yaml"
    std.write_text("id: lenient\nextends: liugeyi-sidabiao\ntitle: 宽松\nversion: '1'\n"
                   "fields:\n  households: {allow_not_applicable: true}\n"
                   "indicators:\n  - id: area.per_100_households\n"
                   "    rule: {kind: per_households, field: service_area, rate: 30, allow_zero_basis: true}\n",
                   encoding="utf-8")
    _, c = report(cli, tmp_path, community(户数="/"), "--standard", std)
    assert by_indicator(c)["area.per_100_households"]["status"] == "not_applicable"
    _, c = report(cli, tmp_path, community(户数=0), "--standard", std)
    assert by_indicator(c)["area.per_100_households"]["status"] == "met"


def test_a_field_is_refused_as_not_applicable_when_a_rule_takes_it_as_its_basis():
    std = load_standard("liugeyi-sidabiao")
    assert {"households", "service_area", "population"} <= std.basis_fields()
    assert not std.allows_not_applicable("households")
    # A facility may be not applicable in the field library (domain: `/`), not in 六个一, which requires it
    # of every community; a count every community has may not be, anywhere (common-fields).
    assert load_standard("common-fields").allows_not_applicable("parent_school")
    assert not std.allows_not_applicable("parent_school") and not std.allows_not_applicable("activities")
    # Unset in the field library, a basis is refused by the rule that takes it as such.
    data = std.model_dump()
    data["fields"]["function_rooms"]["allow_not_applicable"] = None
    data["indicators"].append({**data["indicators"][0], "id": "rooms.per_rooms",
                               "rule": {"kind": "share", "field": "activity_area", "of": "function_rooms",
                                        "min_percent": 10}})
    custom = type(std).model_validate(data)
    assert not custom.allows_not_applicable("function_rooms")


def test_a_dash_in_a_count_every_community_has_is_invalid_not_a_waiver(cli, tmp_path):
    """活动开展次数 `/` took the activities indicator out of max_score (a better completion, perhaps no longer
    behind schedule); 道德讲堂 `/` is invalid too, for its own reason (六个一 requires it of every community)."""
    path = write_ledger(tmp_path / "dash.xlsx", [community(活动开展次数="/", 道德讲堂="/")])
    _code, out, _err = cli("check", path, "--format", "json", "--all-findings")
    found = {f["indicator"]: f for f in json.loads(out)["communities"][0]["findings"]}
    assert found["activities.per_year"]["status"] == "invalid"
    assert found["activities.per_year"]["reason_code"] == "cell.na_refused"
    assert found["six.moral_lecture_hall"]["reason_code"] == "cell.na_refused_yesno"


def test_cells_invalid_for_one_reason_share_one_note_in_the_check_table(cli, tmp_path, monkeypatch):
    """Six `/` in the six facilities printed the same long reason six times under the community."""
    monkeypatch.setenv("COLUMNS", "200")
    path = write_ledger(tmp_path / "dash.xlsx", [community(家长学校="/", 道德讲堂="/")])
    _code, out, _err = cli("check", path)
    notes = [line for line in out.splitlines() if "本标准要求每个社区都具备此项" in line]
    assert len(notes) == 1, out
    cells = notes[0].split("：")[0].strip().split("、")
    assert len(cells) == 2 and all(re.fullmatch(r"[A-Z]+\d+", c) for c in cells), notes
