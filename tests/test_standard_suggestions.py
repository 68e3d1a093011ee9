"""A standard's mistakes name what was probably meant (findings probe9 M6) and list choices in the message's
language (probe9 L4)."""

from __future__ import annotations

from pathlib import Path

SHIPPED = Path(__file__).resolve().parents[1] / "standards" / "liugeyi-sidabiao.yaml"


def _typo(tmp_path, old: str, new: str) -> Path:
    path = tmp_path / "typo.yaml"
    text = SHIPPED.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_an_undefined_field_gets_a_did_you_mean(cli, tmp_path):
    std = _typo(tmp_path, "field: function_rooms, op", "field: function_room, op")
    code, _, err = cli("standards", "validate", std)
    assert code == 2
    assert "引用了未定义的字段“function_room”（是否应为“function_rooms”？）" in err
    code, _, err = cli("standards", "validate", std, "--lang", "en")
    assert code == 2 and "(did you mean “function_rooms”?)" in err


def test_an_undefined_field_far_from_any_is_named_alone(cli, tmp_path):
    std = _typo(tmp_path, "field: function_rooms, op", "field: zzzzqqq, op")
    code, _, err = cli("standards", "validate", std)
    assert code == 2 and "未定义的字段“zzzzqqq”" in err and "是否应为" not in err


def test_choices_are_joined_in_the_message_language(cli, tmp_path):
    std = _typo(tmp_path, 'op: ">="', 'op: "=>"')
    code, _, err = cli("standards", "validate", std)
    assert code == 2
    assert "“=>”不是可选值（'>='、'>'、'<='、'<'或'=='）" in err and " or " not in err
    code, _, err = cli("standards", "validate", std, "--lang", "en")
    assert code == 2 and "is not one of '>=', '>', '<=', '<' or '=='" in err
