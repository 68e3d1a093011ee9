"""Standards are bounded (issue 14): hostile YAML is refused fast, by name, before it costs anything.

Every hostile input is generated here (nothing binary is committed). Times are generous upper bounds: the
defects they guard against took minutes or ran out of memory.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from creatio_cli.errors import StandardError
from creatio_cli.rules.base import Columns
from creatio_cli.rules.compare import PerHouseholds, Share, Threshold
from creatio_cli.standards import limits, load_standard, shipped_ids, yamlsafe
from creatio_cli.status import CELL_OK, INVALID, MET, SHORTFALL
from tests.ledgers import community, write_ledger

HEAD = 'id: district-std\nextends: liugeyi-sidabiao\ntitle: t\nversion: "1"\n'


def write(tmp_path: Path, text: str, name: str = "std.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def anchor_bomb(levels: int = 9, width: int = 6) -> str:
    """Nested ``all_of`` whose ``rules:`` lists alias the previous level: width ** levels rules."""
    lines = [HEAD.rstrip("\n"), "indicators:", "  - id: rooms.function_rooms", "    rule:",
             "      kind: all_of", "      rules:", "        - &r0 {kind: threshold, field: function_rooms, value: 6}"]
    for n in range(1, levels + 1):
        lines.append(f"        - &r{n} {{kind: all_of, rules: [{', '.join([f'*r{n - 1}'] * width)}]}}")
    return "\n".join(lines) + "\n"


def refused(path: Path) -> StandardError:
    start = time.perf_counter()
    with pytest.raises(StandardError) as info:
        load_standard(path)
    assert time.perf_counter() - start < 2.0
    return info.value


# ---- alias and anchor bombs ---------------------------------------------------------------------------

def test_the_anchor_bomb_is_a_few_hundred_bytes_and_refused_fast_by_validate(tmp_path, cli):
    text = anchor_bomb()
    assert len(text.encode()) < 1000 and text.count("&r") == 10  # 9 levels of 6 aliases: 10 million rules
    bomb = write(tmp_path, text, "bomb.yaml")
    start = time.perf_counter()
    code, out, err = cli("standards", "validate", bomb, "--lang", "en")
    assert time.perf_counter() - start < 2.0
    assert code == 2 and out == ""
    assert "bomb.yaml: indicators[rooms.function_rooms].rule" in err
    assert "YAML nodes" in err and "CREATIO_MAX_YAML_NODES" in err


def test_the_anchor_bomb_is_refused_by_check_before_the_ledger_is_read(tmp_path, cli):
    bomb = write(tmp_path, anchor_bomb(), "bomb.yaml")
    ledger = write_ledger(tmp_path / "ledger.xlsx", [community()])
    start = time.perf_counter()
    code, out, err = cli("check", ledger, "--standard", bomb, "--lang", "en")
    assert time.perf_counter() - start < 5.0
    assert code == 2 and out == ""
    assert "bomb.yaml: indicators[rooms.function_rooms].rule" in err


def test_a_rule_tree_within_the_yaml_limit_but_too_big_to_evaluate_is_refused(tmp_path):
    # 4 levels of 6: 1555 rules, a small YAML expansion but more rules than a rule may have
    error = refused(write(tmp_path, anchor_bomb(levels=4, width=6)))
    assert error.key == "indicators[rooms.function_rooms].rule"
    assert "more than 1000 rules" in error.message.render("en") and "CREATIO_MAX_RULE_NODES" in error.message.render("en")


def test_a_small_aliased_rule_tree_still_validates(tmp_path):
    std = load_standard(write(tmp_path, anchor_bomb(levels=2, width=3)))  # 1 + 1 + 3 + 3 × 4 rules
    rule = std.indicator("rooms.function_rooms").rule
    assert rule.kind == "all_of" and len(rule.rules) == 3


def test_rules_nested_too_deep_are_refused_naming_the_deepest_key(tmp_path):
    rule = "{kind: threshold, field: function_rooms, value: 6}"
    for _ in range(20):
        rule = f"{{kind: all_of, rules: [{rule}]}}"
    error = refused(write(tmp_path, HEAD + f"indicators:\n  - id: rooms.function_rooms\n    rule: {rule}\n"))
    assert error.key == "indicators[rooms.function_rooms].rule" + ".rules[0]" * 16
    assert "nested more than 16 levels" in error.message.render("en") and "CREATIO_MAX_RULE_DEPTH" in error.message.render("en")


def test_an_alias_bomb_outside_the_rules_is_refused(tmp_path):
    # the classic billion laughs, in a field's header aliases (list of lists of … strings)
    lines = ['fields:', '  households:', '    aliases:', '      - &l0 ["户数", "户数", "户数", "户数", "户数"]']
    for n in range(1, 9):
        lines.append(f"      - &l{n} [{', '.join([f'*l{n - 1}'] * 5)}]")
    error = refused(write(tmp_path, HEAD + "\n".join(lines) + "\n"))
    assert error.key is not None and error.key.startswith("fields.households.aliases[")
    assert "YAML nodes" in error.message.render("en")


def test_too_many_aliases_are_refused_and_the_limit_can_be_raised(tmp_path, monkeypatch):
    refs = ", ".join(["*t"] * 1001)
    text = HEAD + f"x_titles: [&t 标题, {refs}]\n"
    error = refused(write(tmp_path, text))
    assert "more than 1000 aliases" in error.message.render("en") and "CREATIO_MAX_YAML_ALIASES" in error.message.render("en")
    assert error.key == "x_titles"  # where the 1001st alias is
    monkeypatch.setenv("CREATIO_MAX_YAML_ALIASES", "2000")
    error = refused(write(tmp_path, text, "again.yaml"))
    assert error.key == "x_titles" and error.code == "standard.unknown_key_suggest"  # past the alias check, into pydantic


def test_an_alias_inside_its_own_anchor_is_refused(tmp_path):
    error = refused(write(tmp_path, HEAD + "description: &d [说明, *d]\n"))
    assert error.key == "description[1]" and "refers to the node that contains it" in error.message.render("en")


def test_the_yaml_node_limit_can_be_raised(tmp_path, monkeypatch):
    path = write(tmp_path, anchor_bomb(levels=3, width=6))  # 259 rules: within the rule limit
    assert load_standard(path).indicator("rooms.function_rooms").rule.kind == "all_of"
    monkeypatch.setenv("CREATIO_MAX_YAML_NODES", "500")  # ~1000 nodes once expanded
    error = refused(write(tmp_path, anchor_bomb(levels=3, width=6), "again.yaml"))
    assert "more than 500 YAML nodes" in error.message.render("en")


# ---- files that are not regular files, and size before reading -----------------------------------------

@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_dev_zero_as_standard_or_as_extends_target_is_refused_by_name(tmp_path, cli):
    code, _, err = cli("standards", "validate", "/dev/zero", "--lang", "en")
    assert code == 2 and "/dev/zero: is a device" in err
    child = write(tmp_path, HEAD.replace("extends: liugeyi-sidabiao", "extends: /dev/zero"))
    start = time.perf_counter()
    code, _, err = cli("standards", "validate", child, "--lang", "en")
    assert time.perf_counter() - start < 2.0
    assert code == 2 and "std.yaml: extends: /dev/zero: is a device, not a YAML file" in err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_refused_without_being_opened(tmp_path, cli):
    os.mkfifo(tmp_path / "pipe.yaml")  # opening it for reading would block forever: no writer
    code, _, err = cli("standards", "validate", tmp_path / "pipe.yaml", "--lang", "en")
    assert code == 2 and "pipe.yaml: is a named pipe (FIFO)" in err
    child = write(tmp_path, HEAD.replace("extends: liugeyi-sidabiao", "extends: pipe.yaml"))
    code, _, err = cli("standards", "validate", child, "--lang", "en")
    assert code == 2 and "std.yaml: extends: pipe.yaml: is a named pipe (FIFO)" in err


def test_a_folder_as_extends_target_is_refused_by_name(tmp_path):
    (tmp_path / "base.yaml").mkdir()
    error = refused(write(tmp_path, HEAD.replace("extends: liugeyi-sidabiao", "extends: base.yaml")))
    assert error.key == "extends" and "base.yaml: is a folder" in error.message.render("en")


def test_a_large_standard_is_refused_before_it_is_read(tmp_path, monkeypatch):
    big = tmp_path / "big.yaml"
    with open(big, "wb") as handle:
        handle.truncate(3_000_000)  # sparse: nothing written, nothing to read

    def no_open(*args, **kwargs):
        raise AssertionError("a file above the limit was opened")

    monkeypatch.setattr(yamlsafe.os, "open", no_open)
    error = refused(big)
    assert "too large for a YAML file (3,000,000 bytes, limit 2,000,000" in error.message.render("en")
    assert "CREATIO_MAX_STANDARD_KB" in error.message.render("en")


def test_the_size_limit_applies_to_the_bytes_read_and_can_be_set(tmp_path, monkeypatch):
    text = (Path(__file__).resolve().parents[1] / "standards" / "liugeyi-sidabiao.yaml").read_bytes()
    monkeypatch.setenv("CREATIO_MAX_STANDARD_KB", "2")
    error = refused(write(tmp_path, text.decode("utf-8")))
    assert f"{len(text)} bytes, limit 2000" in error.message.render("en")
    # a file that grows after it was measured is still read only up to the limit
    assert yamlsafe._read_at_most(os.open(os.devnull, os.O_RDONLY), 10, 4) == b""


# ---- NaN and infinity -------------------------------------------------------------------------------

NONFINITE = [
    ("indicators:\n  - id: rooms.function_rooms\n    rule: {kind: threshold, field: function_rooms, value: V}",
     "indicators[rooms.function_rooms].rule.value"),
    ("indicators:\n  - id: area.per_100_households\n    rule: {kind: per_households, field: service_area, rate: V}",
     "indicators[area.per_100_households].rule.rate"),
    ("indicators:\n  - id: area.per_100_households\n    rule: {kind: per_households, field: service_area, rate: 30,"
     " floor: V}", "indicators[area.per_100_households].rule.floor"),
    ("indicators:\n  - id: area.activity_share\n    rule: {kind: share, field: activity_area, of: service_area,"
     " min_percent: V}", "indicators[area.activity_share].rule.min_percent"),
    ("indicators:\n  - id: activities.per_year\n    rule: {kind: prorated_count, field: activities, target: V}",
     "indicators[activities.per_year].rule.target"),
    ("indicators:\n  - id: area.per_100_households\n    rule: {kind: tiered, field: service_area,"
     " tiers: [{below: V, value: 300}, {value: 500}]}", "indicators[area.per_100_households].rule.tiers[0].below"),
    ("indicators:\n  - id: area.per_100_households\n    rule: {kind: tiered, field: service_area,"
     " tiers: [{below: 3000, value: 300}, {value: V}]}", "indicators[area.per_100_households].rule.tiers[1].value"),
    ("indicators:\n  - id: rooms.function_rooms\n    rule: {kind: all_of, rules: [{kind: threshold,"
     " field: function_rooms, value: V}]}", "indicators[rooms.function_rooms].rule.rules[0].value"),
    ("indicators:\n  - id: rooms.function_rooms\n    points: V", "indicators[rooms.function_rooms].points"),
    ("indicators:\n  - id: rooms.function_rooms\n    applies_when: {field: households, value: V}",
     "indicators[rooms.function_rooms].applies_when.value"),
    ("scoring:\n  grades: [{min: V, label: 优秀}]", "scoring.grades[0].min"),
]


@pytest.mark.parametrize("word", [".nan", ".inf", "-.inf", ".NaN", "1.0e+400"])
@pytest.mark.parametrize(("body", "key"), NONFINITE)
def test_nan_and_infinity_are_refused_naming_the_key(tmp_path, body, key, word):
    error = refused(write(tmp_path, HEAD + body.replace("V", word) + "\n"))
    assert error.key == key
    assert error.message.render("en").startswith("must be a finite number")


@pytest.mark.parametrize("word", [".nan", ".inf", "-.inf"])
def test_nan_in_a_standard_is_exit_2_on_the_command_line(tmp_path, cli, word):
    path = write(tmp_path, HEAD + "indicators:\n  - id: rooms.function_rooms\n    points: " + word + "\n")
    code, out, err = cli("standards", "validate", path, "--lang", "en")
    assert code == 2 and out == ""
    assert "indicators[rooms.function_rooms].points: must be a finite number, not .nan or .inf" in err


# ---- duplicate keys -------------------------------------------------------------------------------

def test_a_duplicate_key_is_exit_2_naming_the_key_and_both_lines(tmp_path, cli):
    path = write(tmp_path, HEAD + "indicators:\n  - id: rooms.function_rooms\n    points: 10\n    points: 0\n")
    code, out, err = cli("standards", "validate", path, "--lang", "en")
    assert code == 2 and out == ""
    assert "indicators[rooms.function_rooms].points: duplicate key at line 8 (first at line 7" in err


def test_a_duplicate_top_level_key_and_one_in_a_flow_mapping_are_refused(tmp_path):
    error = refused(write(tmp_path, HEAD + 'version: "2"\n'))
    assert error.key == "version" and "line 5 (first at line 4" in error.message.render("en")
    rule = "{kind: threshold, field: function_rooms, value: 6, value: 8}"
    error = refused(write(tmp_path, HEAD + f"indicators:\n  - id: rooms.function_rooms\n    rule: {rule}\n", "b.yaml"))
    assert error.key == "indicators[rooms.function_rooms].rule.value" and "duplicate key at line 7" in error.message.render("en")


def test_a_key_overriding_a_yaml_merge_is_not_a_duplicate(tmp_path):
    text = HEAD + ("indicators:\n  - id: rooms.function_rooms\n    rule: {<<: &base {kind: threshold,"
                   " field: function_rooms, value: 6}, value: 8}\n")
    assert load_standard(write(tmp_path, text)).indicator("rooms.function_rooms").rule.value == 8


# ---- numbers from a ledger that no rule can use ----------------------------------------------------

def _columns(**values: float) -> Columns:
    arrays = {k: np.array([v], dtype=float) for k, v in values.items()}
    states = {k: np.array([CELL_OK], dtype=np.int8) for k in values}
    return Columns(values=arrays, states=states, rows=1, expected_progress=0.5)


def test_a_requirement_that_overflows_is_invalid_citing_its_source_not_a_shortfall():
    rule = PerHouseholds(kind="per_households", field="service_area", rate=30)
    out = rule.evaluate(_columns(service_area=400.0, households=1e308))  # 30 × 1e308 overflows
    assert out.status.tolist() == [INVALID] and out.field.tolist() == ["households"]
    assert np.isnan(out.gap[0]) and out.ratio[0] == 0.0
    out = Share(kind="share", field="activity_area", of="service_area", min_percent=60).evaluate(
        _columns(activity_area=1.0, service_area=sys.float_info.max))
    assert out.status.tolist() == [INVALID] and out.field.tolist() == ["service_area"]
    # the same rules still decide ordinary rows
    assert rule.evaluate(_columns(service_area=400.0, households=1000.0)).status.tolist() == [MET]
    assert rule.evaluate(_columns(service_area=200.0, households=1000.0)).status.tolist() == [SHORTFALL]


def test_a_non_finite_actual_value_is_invalid_citing_its_field():
    out = Threshold(kind="threshold", field="volunteer_share", value=10).evaluate(_columns(volunteer_share=np.inf))
    assert out.status.tolist() == [INVALID] and out.field.tolist() == ["volunteer_share"]


def test_1e308_households_in_a_ledger_is_invalid_not_a_shortfall_with_null(tmp_path, cli):
    ledger = write_ledger(tmp_path / "ledger.xlsx", [community(户数=1e308)])
    code, out, _ = cli("check", ledger, "--format", "json")
    assert code == 1
    findings = {f["indicator"]: f for f in json.loads(out)["communities"][0]["findings"]}
    area = findings["area.per_100_households"]
    assert area["status"] == "invalid" and area["cell"] == "D3"  # 户数, not the area it was compared with
    assert all(not (f["status"] == "shortfall" and f["required"] is None) for f in findings.values())


# ---- ordinary standards are unchanged ------------------------------------------------------------

def test_shipped_standards_and_the_readme_extends_example_still_validate(tmp_path):
    for ref in shipped_ids():
        load_standard(ref)
    readme = """\
id: suqian-sucheng
extends: liugeyi-sidabiao
title: 宿城区加严标准
version: "2022.2"
indicators:
  - id: rooms.function_rooms
    rule: {kind: threshold, field: function_rooms, op: ">=", value: 8}
"""
    std = load_standard(write(tmp_path, readme))
    assert std.indicator("rooms.function_rooms").rule.value == 8
    assert len(std.indicators) == len(load_standard("liugeyi-sidabiao").indicators)


def test_every_limit_has_a_variable_a_default_and_a_line_in_the_docstring():
    doc = limits.__doc__ or ""
    current = limits.current()
    for name, (variable, default, what) in limits.DEFAULTS.items():
        assert variable.startswith("CREATIO_") and default > 0 and what
        assert getattr(current, name) == default
        assert f"{name} " in doc and variable in doc and f"{default} " in doc


def test_a_bad_limit_value_falls_back_to_the_default(monkeypatch):
    monkeypatch.setenv("CREATIO_MAX_RULE_NODES", "lots")
    assert limits.current().rule_nodes == 1000
    monkeypatch.setenv("CREATIO_MAX_RULE_NODES", "5_000")
    assert limits.current().rule_nodes == 5000
