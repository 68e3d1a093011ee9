"""Standards load loudly: unknown keys, rule kinds and wrong types name the file and the key path."""

from __future__ import annotations

from pathlib import Path

import pytest

from creatio_cli.errors import StandardError
from creatio_cli.standards import load_standard, shipped_ids


def write(tmp_path: Path, text: str, name: str = "std.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


CHILD = """\
id: district-std
extends: liugeyi-sidabiao
title: 某区加严标准
version: "1"
{body}
"""


def test_every_shipped_standard_validates():
    assert {"liugeyi-sidabiao", "huodong-yongfang", "jingzhi-xingfu"} <= set(shipped_ids())
    for ref in shipped_ids():
        std = load_standard(ref)
        if std.indicators:
            assert sum(i.points for i in std.indicators) == 100


def test_default_standard_thresholds_match_the_sources():
    std = load_standard("liugeyi-sidabiao")
    area = std.indicator("area.per_100_households").rule
    assert (area.kind, area.rate, area.floor) == ("per_households", 30, 0)
    assert std.indicator("area.activity_share").rule.min_percent == 60
    assert std.indicator("rooms.function_rooms").rule.value == 6
    assert std.indicator("activities.per_year").rule.target == 12
    assert std.indicator("volunteers.share").rule.value == 10
    assert std.indicator("satisfaction.residents").rule.value == 90
    assert len([i for i in std.indicators if i.id.startswith("six.")]) == 6
    assert std.indicator("rooms.function_rooms").basis.confidence == "local"


def test_jingzhi_thresholds_are_marked_placeholders():
    std = load_standard("jingzhi-xingfu")
    assert {c.category.zh for c in std.indicators} == {"队伍精良", "治理精细", "服务精准", "环境精美", "文化精彩", "群众满意"}
    assert any(i.basis.confidence == "placeholder" for i in std.indicators)
    assert std.scoring.grades[0].label.zh == "五星"


@pytest.mark.parametrize(
    ("body", "key", "words"),
    [
        ("colour: red", "colour", "unknown key"),
        ("indicators:\n  - id: rooms.function_rooms\n    pointz: 3", "indicators[rooms.function_rooms].pointz", "unknown key"),
        ("indicators:\n  - id: rooms.function_rooms\n    rule: {kind: bogus, field: function_rooms}",
         "indicators[rooms.function_rooms].rule", "bogus"),
        ("indicators:\n  - id: rooms.function_rooms\n    rule: {kind: threshold, field: function_rooms, value: many}",
         "indicators[rooms.function_rooms].rule.value", "number"),
        ("indicators:\n  - id: rooms.function_rooms\n    rule: {kind: threshold, field: no_such_field, value: 3}",
         "", "no_such_field"),
        ("schedule: {convention: weekly}", "schedule.convention", "day"),
    ],
)
def test_bad_standard_names_file_and_key(tmp_path, body, key, words):
    path = write(tmp_path, CHILD.format(body=body))
    with pytest.raises(StandardError) as caught:
        load_standard(path)
    message = str(caught.value)
    assert str(path) in message
    assert key in message
    assert words in message


def test_extends_overrides_one_value_and_keeps_the_rest(tmp_path):
    body = "indicators:\n  - id: rooms.function_rooms\n    rule: {kind: threshold, field: function_rooms, value: 8}"
    std = load_standard(write(tmp_path, CHILD.format(body=body)))
    assert std.indicator("rooms.function_rooms").rule.value == 8
    assert std.indicator("rooms.function_rooms").department == "民政局"  # inherited
    assert len(std.indicators) == len(load_standard("liugeyi-sidabiao").indicators)


def test_remove_indicators_and_unknown_removal(tmp_path):
    std = load_standard(write(tmp_path, CHILD.format(body="remove_indicators: [satisfaction.residents]")))
    assert "satisfaction.residents" not in [i.id for i in std.indicators]
    with pytest.raises(StandardError, match="remove_indicators"):
        load_standard(write(tmp_path, CHILD.format(body="remove_indicators: [no.such]"), "b.yaml"))


def test_circular_extends_is_refused(tmp_path):
    write(tmp_path, "id: a\nextends: b.yaml\ntitle: A\nversion: '1'\nfields: {}\n", "a.yaml")
    write(tmp_path, "id: b\nextends: a.yaml\ntitle: B\nversion: '1'\nfields: {}\n", "b.yaml")
    with pytest.raises(StandardError, match="circular"):
        load_standard(tmp_path / "a.yaml")


@pytest.mark.parametrize(
    ("text", "words"),
    [("id: [unclosed\n", "line 2"), ("- just\n- a list\n", "mapping"), ("", "mapping")],
)
def test_unusable_yaml(tmp_path, text, words):
    with pytest.raises(StandardError, match=words):
        load_standard(write(tmp_path, text))


def test_unknown_id_lists_the_shipped_ones():
    with pytest.raises(StandardError, match="liugeyi-sidabiao"):
        load_standard("no-such-standard")


def test_validate_command(cli, tmp_path):
    code, out, _ = cli("standards", "validate", "standards/liugeyi-sidabiao.yaml")
    assert code == 0 and "liugeyi-sidabiao" in out
    bad = write(tmp_path, CHILD.format(body="colour: red"))
    code, out, err = cli("standards", "validate", bad)
    assert code == 2 and "colour" in err and str(bad) in err and "Traceback" not in err


def test_show_lists_indicators_with_sources(cli):
    code, out, _ = cli("standards", "show", "liugeyi-sidabiao")
    assert code == 0
    assert "area.per_100_households" in out and "民发〔2016〕191号" in out and "民政局" in out
