"""Cell values as a veto on header mappings (ledger/value_evidence.py): a column whose values contradict its
field is not used — its indicators are unassessed, the column named as a candidate — unless the user maps it."""

from __future__ import annotations

import json

from ledgers import HEADERS, community, write_ledger

YESNO_AS_AREA = [h if h != "综合服务场所" else "社区综合服务设施" for h in HEADERS]


def _ledger(tmp_path, column: str, values: list[object], headers: list[str] = HEADERS):
    rows = [community(社区=f"第{i + 1}社区", **{column: v}) for i, v in enumerate(values)]
    return write_ledger(tmp_path / "l.xlsx", rows, headers=headers)


def _report(cli, path, *extra):
    code, out, err = cli("check", path, "--format", "json", "--as-of", "2022-06-30", "--all-findings", *extra)
    return code, json.loads(out), err


def test_a_yes_no_column_holding_areas_is_not_used_and_says_why(cli, tmp_path):
    path = _ledger(tmp_path, "社区综合服务设施", [400, 520, 380, 610], YESNO_AS_AREA)
    code, report, err = _report(cli, path)
    assert code == 1  # something is unassessed (design.md), though every assessed indicator is met
    unassessed = {u["field"]: u for u in report["unassessed"]}
    assert "comprehensive_venue" in unassessed
    assert [c["header"] for c in unassessed["comprehensive_venue"]["candidates"]] == ["社区综合服务设施"]
    assert all(f["indicator"] != "six.comprehensive_venue" for c in report["communities"] for f in c["findings"])
    warning = next(w for w in report["warnings"] if w["code"] == "header.values_doubt_yesno")
    assert warning["params"]["odd"] == 4 and warning["params"]["total"] == 4 and warning["cell"] == "I2"
    assert "--map “社区综合服务设施=comprehensive_venue”" in err
    _code, out, _ = cli("inspect", path, "--json")
    doubted = json.loads(out)["sheets"][0]["doubted"]
    assert [(d["field"], d["cell"], d["odd"], d["total"]) for d in doubted] == [("comprehensive_venue", "I", 4, 4)]


def test_the_users_map_overrules_the_values(cli, tmp_path):
    """Mapped by the user, the column is used: its numbers are then invalid yes/no cells, each a finding."""
    path = _ledger(tmp_path, "社区综合服务设施", [400, 520, 380, 610], YESNO_AS_AREA)
    _code, report, _err = _report(cli, path, "--map", "社区综合服务设施=comprehensive_venue")
    assert "comprehensive_venue" not in {u["field"] for u in report["unassessed"]}
    statuses = [f["status"] for c in report["communities"] for f in c["findings"]
                if f["indicator"] == "six.comprehensive_venue"]
    assert statuses == ["invalid"] * 4


def test_a_count_column_holding_names_is_not_used(cli, tmp_path):
    path = _ledger(tmp_path, "户数", ["东风小区", "向阳小区", "和平小区", 1200])
    _code, report, _err = _report(cli, path)
    assert "households" in {u["field"] for u in report["unassessed"]}
    assert any(w["code"] == "header.values_doubt_number" for w in report["warnings"])


def test_yes_no_as_1_and_0_and_a_few_odd_cells_are_kept(cli, tmp_path):
    """1/0 are yes/no; one odd cell of four is a bad cell (invalid), not a wrong column; two non-blank
    cells say too little to overrule a header."""
    for values in ([1, 0, 1, 1], [1, 1, 7, "是"], [None, None, 400, 520]):
        path = _ledger(tmp_path, "综合服务场所", values)
        _code, report, _err = _report(cli, path)
        assert "comprehensive_venue" not in {u["field"] for u in report["unassessed"]}, values
        assert not any(w["code"].startswith("header.values_doubt") for w in report["warnings"]), values


# Two columns headed alike for one field: the values refute one *before* the columns are assigned, so the
# other is judged on its own instead of both being left as an ambiguous pair.
TWO_CULTURE = [*HEADERS[:10], "文化活动室", *HEADERS[10:]]  # 文化服务中心 (J) beside 文化活动室 (K)


def test_of_two_columns_headed_alike_the_one_whose_values_contradict_drops_out(cli, tmp_path):
    rows = [community(社区=f"第{i + 1}社区", 文化服务中心=n, 文化活动室=answer)
            for i, (n, answer) in enumerate([(3, "是"), (5, "否"), (8, "是"), (2, "是")])]
    path = write_ledger(tmp_path / "two.xlsx", rows, headers=TWO_CULTURE)
    code, report, err = _report(cli, path)
    statuses = [f["status"] for c in report["communities"] for f in c["findings"]
                if f["indicator"] == "six.culture_center"]
    assert code == 1  # the community whose 文化活动室 says 否 falls short
    assert statuses == ["met", "shortfall", "met", "met"]  # read from K's 是/否, not from J's counts
    warning = next(w for w in report["warnings"] if w["code"] == "header.values_doubt_other")
    assert warning["cell"] == "J2" and warning["params"]["other"] == "K"
    assert "文化活动室" in err and "文化服务中心" in err
    _code, out, _ = cli("inspect", path, "--json")
    sheet = json.loads(out)["sheets"][0]
    assert {c["field"]: c["cell"] for c in sheet["columns"]}["culture_center"] == "K"
    vetoed = next(u for u in sheet["unmapped"] if u["cell"] == "J")["vetoed"]
    assert any(v["field"] == "culture_center" and "4 个取值中 4 个" in v["why"] for v in vetoed)


def test_when_both_columns_contradict_the_field_is_unassessed_and_both_are_named(cli, tmp_path):
    rows = [community(社区=f"第{i + 1}社区", 文化服务中心=n, 文化活动室=n + 1) for i, n in enumerate([3, 5, 8, 2])]
    path = write_ledger(tmp_path / "both.xlsx", rows, headers=TWO_CULTURE)
    _code, report, _err = _report(cli, path)
    assert "culture_center" in {u["field"] for u in report["unassessed"]}
    doubts = [w["cell"] for w in report["warnings"] if w["code"] == "header.values_doubt_yesno"]
    assert sorted(doubts) == ["J2", "K2"]


def test_without_contradicting_values_two_alike_columns_stay_ambiguous(cli, tmp_path):
    rows = [community(社区=f"第{i + 1}社区", 文化服务中心="是", 文化活动室="否") for i in range(4)]
    path = write_ledger(tmp_path / "alike.xlsx", rows, headers=TWO_CULTURE)
    _code, report, _err = _report(cli, path)
    assert "culture_center" in {u["field"] for u in report["unassessed"]}
    assert any(w["code"] == "header.ambiguous" for w in report["warnings"])
