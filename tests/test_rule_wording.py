"""Rules describe themselves: the registry is the union of kinds (a new kind is one module and one line),
each kind phrases its requirement in both languages with its own numbers, and a title that writes a
number its rule does not have is a warning (a placeholder the rule does not have is an error)."""

from __future__ import annotations

import importlib.util
import json
import sys
import textwrap

import pytest
from pydantic import TypeAdapter

from creatio_cli.errors import StandardError
from creatio_cli.rules.kinds import REGISTRY, Rule
from creatio_cli.standards import load_standard
from creatio_cli.standards.wording import clause_states_rule
from tests.ledgers import community, write_ledger

RULE = TypeAdapter(Rule)
FIELDS = load_standard("common-fields").fields

MAXIMUM_MODULE = '''
"""A kind written outside creatio: the field must not exceed a value."""
from collections.abc import Iterator
from typing import ClassVar, Literal

import numpy as np

from creatio_cli.rules.base import Columns, Outcome, RuleBase, numeric_outcome


class Maximum(RuleBase):
    """Passes: 300 with value 400. Fails: 450 with value 400."""

    kind: Literal["maximum"]
    field: str
    value: float
    examples: ClassVar[dict] = {}

    def fields(self) -> Iterator[str]:
        yield self.field

    def evaluate(self, cols: Columns) -> Outcome:
        required = np.full(cols.rows, self.value)
        return numeric_outcome(cols, [self.field], cols.value(self.field), required, "<=")
'''


@pytest.fixture
def maximum_kind(tmp_path, monkeypatch):
    """A rule kind in a temporary module, registered with one line."""
    path = tmp_path / "maximum_kind.py"
    path.write_text(textwrap.dedent(MAXIMUM_MODULE), encoding="utf-8")
    spec = importlib.util.spec_from_file_location("maximum_kind", path)
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "maximum_kind", module)
    spec.loader.exec_module(module)
    monkeypatch.setitem(REGISTRY, "maximum", module.Maximum)  # the one registry line
    return module.Maximum


def test_a_new_kind_is_one_module_and_one_registry_line(tmp_path, maximum_kind, cli):
    std_path = tmp_path / "max.yaml"
    std_path.write_text("""\
id: max-std
extends: liugeyi-sidabiao
title: 上限标准
version: "1"
indicators:
  - id: rooms.max_rooms
    title: {zh: "功能室数量（不超过{value}个）", en: "Function rooms (at most {value})"}
    category: 功能室
    points: 5
    department: 民政局
    basis: {document: 某区办法, clause: 功能室不超过9个}
    rule: {kind: maximum, field: function_rooms, value: 9}
""", encoding="utf-8")
    std = load_standard(std_path)
    assert isinstance(std.indicator("rooms.max_rooms").rule, maximum_kind)
    ledger = write_ledger(tmp_path / "l.xlsx", [community(**{"功能室数量（个）": 12})])
    code, out, _ = cli("check", ledger, "--standard", std_path, "--format", "json")
    assert code == 1
    (finding,) = [f for f in json.loads(out)["communities"][0]["findings"] if f["indicator"] == "rooms.max_rooms"]
    assert (finding["title"], finding["status"], finding["actual"], finding["required"], finding["gap"]) == (
        "功能室数量（不超过9个）", "shortfall", 12, 9, 3)
    # It says nothing of itself, yet `standards show` describes it (generic wording) instead of crashing.
    code, out, _ = cli("standards", "show", std_path)
    assert code == 0 and "功能室数量（不超过9个）" in out and "maximum（value=9）" in out
    code, out, _ = cli("standards", "show", std_path, "--lang", "en")
    assert code == 0 and "maximum (value=9)" in out


def test_an_unregistered_kind_is_refused_with_the_known_kinds(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("extends: liugeyi-sidabiao\nid: bad\ntitle: 错\nversion: '1'\nindicators:\n"
                    "  - id: rooms.function_rooms\n    rule: {kind: maximum, field: function_rooms, value: 9}\n",
                    encoding="utf-8")
    with pytest.raises(StandardError) as caught:
        load_standard(path)
    text = caught.value.text("en")
    assert "indicators[rooms.function_rooms].rule" in text and "maximum" in text and "'threshold'" in text


@pytest.mark.parametrize(("rule", "zh", "en"), [
    ({"kind": "threshold", "field": "function_rooms", "value": 8}, "功能室数量不少于8个", "Function rooms: at least 8"),
    ({"kind": "threshold", "field": "satisfaction", "op": ">=", "value": 95}, "群众满意度不低于95%",
     "Resident satisfaction: at least 95 %"),
    ({"kind": "threshold", "field": "function_rooms", "op": "<=", "value": 9}, "功能室数量不超过9个",
     "Function rooms: at most 9"),
    ({"kind": "per_households", "field": "service_area", "rate": 30}, "社区综合服务设施面积每百户不少于30㎡",
     "Community service facility floor area: at least 30 ㎡ per 100 households"),
    ({"kind": "per_households", "field": "service_area", "rate": 30, "floor": 300},
     "社区综合服务设施面积每百户不少于30㎡，且不少于300㎡",
     "Community service facility floor area: at least 30 ㎡ per 100 households, and at least 300 ㎡"),
    ({"kind": "share", "field": "activity_area", "of": "service_area", "min_percent": 60},
     "居民活动用房面积不低于社区综合服务设施面积的60%",
     "Resident activity floor area: at least 60 % of community service facility floor area"),
    ({"kind": "prorated_count", "field": "activities", "target": 12}, "活动开展次数不少于12次（按序时进度折算）",
     "Activities held: at least 12 over the campaign, pro-rated by schedule"),
    ({"kind": "present", "field": "moral_lecture_hall"}, "道德讲堂应为“是”", "Moral lecture hall: yes"),
    ({"kind": "tiered", "field": "service_area", "tiers": [{"below": 3000, "value": 300}, {"value": 500}]},
     "社区综合服务设施面积按户数分档：户数不足3000户时不少于300㎡、其余不少于500㎡",
     "Community service facility floor area: by households: at least 300 ㎡ when households is below 3000, "
     "at least 500 ㎡ otherwise"),
    ({"kind": "all_of", "rules": [{"kind": "threshold", "field": "activity_area", "value": 400},
                                  {"kind": "threshold", "field": "largest_room", "value": 200}]},
     "同时满足：居民活动用房面积不少于400㎡、最大活动室面积不少于200㎡",
     "all of: Resident activity floor area: at least 400 ㎡, Largest activity room: at least 200 ㎡"),
    ({"kind": "any_of", "rules": [{"kind": "present", "field": "culture_center"},
                                  {"kind": "threshold", "field": "activity_area", "value": 200}]},
     "满足其一：文化服务中心应为“是”、居民活动用房面积不少于200㎡",
     "any of: Cultural service centre: yes, Resident activity floor area: at least 200 ㎡"),
])
def test_each_kind_describes_itself_in_both_languages(rule, zh, en):
    described = RULE.validate_python(rule).describe(FIELDS)
    assert (described.render("zh"), described.render("en")) == (zh, en)


def test_every_registered_kind_describes_itself():
    for kind, cls in REGISTRY.items():
        if not cls.examples:
            continue
        text = RULE.validate_python(cls.examples["rule"]).describe(FIELDS)
        assert text.render("zh") and text.render("en"), kind


@pytest.mark.parametrize(("rule", "params"), [
    ({"kind": "threshold", "field": "function_rooms", "value": 8}, {"value": 8}),
    ({"kind": "per_households", "field": "service_area", "rate": 30}, {"rate": 30, "floor": 0}),
    ({"kind": "share", "field": "activity_area", "of": "service_area", "min_percent": 62.5}, {"min_percent": 62.5}),
    ({"kind": "prorated_count", "field": "activities", "target": 12}, {"target": 12}),
    ({"kind": "tiered", "field": "service_area", "tiers": [{"below": 3000, "value": 300}, {"value": 500}]},
     {"below_1": 3000, "value_1": 300, "value_2": 500}),
    ({"kind": "all_of", "rules": [{"kind": "threshold", "field": "activity_area", "value": 400},
                                  {"kind": "threshold", "field": "largest_room", "value": 200}]},
     {"value_1": 400, "value_2": 200}),
    ({"kind": "present", "field": "moral_lecture_hall"}, {}),
])
def test_title_placeholders_are_the_rules_numbers(rule, params):
    assert RULE.validate_python(rule).params() == params


@pytest.mark.parametrize(("clause", "rule", "states"), [
    ("社区服务中心设置不少于6个功能室", {"kind": "threshold", "field": "function_rooms", "value": 6}, True),
    ("社区服务中心设置不少于6个功能室", {"kind": "threshold", "field": "function_rooms", "value": 8}, False),
    ("社区服务中心设置不少于六个功能室", {"kind": "threshold", "field": "function_rooms", "value": 8}, False),
    ("每年开展文化活动不少于十二次", {"kind": "prorated_count", "field": "activities", "target": 12}, True),
    ("社区综合服务设施按每百户居民不低于30平方米配置", {"kind": "per_households", "field": "service_area", "rate": 30},
     True),
    ("六个一：一个道德讲堂", {"kind": "present", "field": "moral_lecture_hall"}, True),
    ("队伍精良", {"kind": "threshold", "field": "volunteer_share", "value": 10}, True),
    (None, {"kind": "threshold", "field": "volunteer_share", "value": 10}, True),
])
def test_a_notice_knows_whether_the_clause_states_the_rules_numbers(clause, rule, states):
    assert clause_states_rule(clause, RULE.validate_python(rule)) is states


@pytest.mark.parametrize(("text", "numbers"), [
    ("功能室数量（不少于6个）", {6.0}),
    ("群众满意度（不低于90.5%）", {90.5}),
    ("一个道德讲堂（2022年6月30日前建成）", set()),
    ("城乡社区服务体系建设规划（2016-2020年）第3项", set()),
    ("不少于1,200㎡，每百户30㎡", {1200.0, 30.0}),
])
def test_numbers_a_title_writes_by_hand(text, numbers):
    from creatio_cli.rules.text import arabic_numbers

    assert arabic_numbers(text) == numbers


def _child(tmp_path, body: str, name: str = "child.yaml"):
    path = tmp_path / name
    path.write_text(f"extends: liugeyi-sidabiao\nid: child\ntitle: 某区标准\nversion: '1'\n{body}", encoding="utf-8")
    return path


def test_a_fixed_title_that_contradicts_its_rule_is_a_warning(tmp_path, cli):
    path = _child(tmp_path, """indicators:
  - id: rooms.function_rooms
    title: {zh: 功能室数量（不少于6个）, en: "Function rooms (at least {value})"}
    rule: {kind: threshold, field: function_rooms, value: 8}
""")
    code, out, err = cli("standards", "validate", path, "--lang", "en")
    assert code == 0 and "child" in out
    assert "indicators[rooms.function_rooms].title.zh" in err and "says 6" in err
    assert "title.en" not in err  # the English title is a template: nothing to warn about
    ledger = write_ledger(tmp_path / "l.xlsx", [community(**{"功能室数量（个）": 7})])
    code, out, _ = cli("check", ledger, "--standard", path, "--format", "json")
    (warning,) = [w for w in json.loads(out)["warnings"] if w["code"] == "indicator.title_number_not_in_rule"]
    assert warning["key"] == "indicators[rooms.function_rooms].title.zh"
    assert warning["params"]["numbers"] == ["6"]


def test_shipped_standards_write_no_number_beside_their_rules(cli):
    for ref in ("liugeyi-sidabiao", "huodong-yongfang", "jingzhi-xingfu"):
        code, _out, err = cli("standards", "validate", f"standards/{ref}.yaml")
        assert code == 0 and "title" not in err, (ref, err)


def test_a_title_placeholder_the_rule_does_not_have_gives_the_rules_own_words_and_a_warning(tmp_path):
    # An extension may replace a rule under an inherited title; the title must never print a wrong number.
    from creatio_cli.standards.wording import title_problems

    path = _child(tmp_path, """indicators:
  - id: rooms.function_rooms
    title: "功能室数量（不少于{rate}个）"
""")
    std = load_standard(path)
    ind = std.indicator("rooms.function_rooms")
    assert std.heading(ind).get("zh") == "功能室数量不少于6个"
    ((key, warning),) = title_problems(std)
    assert key == "indicators[rooms.function_rooms].title.zh" and warning.params["names"] == ["rate"]
    path = _child(tmp_path, "indicators:\n  - id: rooms.function_rooms\n    title: \"功能室（{value\"\n", "b.yaml")
    with pytest.raises(StandardError) as caught:
        load_standard(path)
    assert caught.value.code == "standard.title_bad_template" and "花括号不成对" in caught.value.text("zh")


def test_requirement_placeholder_follows_the_rule(tmp_path):
    path = _child(tmp_path, """indicators:
  - id: rooms.function_rooms
    title: {zh: "功能室（{requirement}）", en: "Rooms ({requirement})"}
    rule: {kind: threshold, field: function_rooms, op: "<=", value: 9}
""")
    std = load_standard(path)
    title = std.heading(std.indicator("rooms.function_rooms"))
    assert (title.zh, title.en) == ("功能室（不超过9个）", "Rooms (at most 9)")
