"""A column worded in an earlier precedence tier than the one the scores chose (常住人口（风普）, 0.69 for
its unexplained note, beside 人口（人）, 0.91 and no tier): which one the office meant is a guess, so the
field is ambiguous and both are named, not a confident pick of the plain one."""

from __future__ import annotations

import json

import pytest
from ledgers import HEADERS, community, write_ledger

from creatio_cli.ledger.assign import assign
from creatio_cli.ledger.matcher import Matcher
from creatio_cli.standards import load_standard

MATCHER = Matcher(load_standard("common-fields"))


def _columns(*headers: str):
    return [(h, [h], *MATCHER.score([h])) for h in headers]


@pytest.mark.parametrize(("headers", "field"), [
    (("常住人口（风普）", "人口（人）"), "population"),
    (("人口（人）", "常住人口(七普)"), "population"),
    (("户籍人口", "实有人口（2021）"), "population"),  # 实有 before 户籍
    (("户数（户）", "居民户数（年报）"), "households"),
])
def test_a_column_of_an_earlier_tier_makes_the_field_ambiguous(headers, field):
    found = assign(_columns("社区", *headers))
    assert field not in {c.field for c in found.choices}
    assert [(a.field, sorted(o[1] for o in a.options)) for a in found.ambiguous] == [(field, sorted(headers))]


@pytest.mark.parametrize(("headers", "field", "used"), [
    (("户数（户）", "负责居民户数"), "households", "户数（户）"),  # a word around 居民户数: another thing
    (("常住人口", "人口（七普）"), "population", "常住人口"),  # the chosen one is the earlier tier
    (("常住人口（人）",), "population", "常住人口（人）"),
])
def test_no_earlier_tier_beside_it_the_choice_stands(headers, field, used):
    found = assign(_columns("社区", *headers))
    assert {c.field: c.header for c in found.choices}[field] == used


def test_the_ledger_names_both_and_leaves_the_share_unassessed(cli, tmp_path):
    headers = [*HEADERS[:4], "常住人口（风普）", "人口（人）", *HEADERS[5:]]
    rows = [{**community(社区=f"{n}社区"), "常住人口（风普）": 5000, "人口（人）": 3000} for n in "甲乙丙"]
    code, out, _err = cli("check", write_ledger(tmp_path / "l.xlsx", rows, headers=headers), "-f", "json")
    report = json.loads(out)
    (warning,) = [w for w in report["warnings"] if w["code"] == "header.ambiguous"]
    assert warning["params"]["field"] == "population"
    assert sorted(warning["params"]["options"]) == ["E「常住人口（风普）」0.69", "F「人口（人）」0.91"]
    assert any(u["field"] == "population" for u in report["unassessed"])
    assert code == 1
