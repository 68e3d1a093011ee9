"""A standard that loads must mean something: no indicators, an impossible schedule, two indicators of one id,
a grade table with holes and negative thresholds are refused naming the file and the key, never run."""

from __future__ import annotations

from pathlib import Path

import pytest

LEDGER = Path(__file__).resolve().parents[1] / "samples" / "city-ledger.xlsx"
LIUGEYI = Path(__file__).resolve().parents[1] / "standards" / "liugeyi-sidabiao.yaml"


def write(tmp_path: Path, text: str, name: str = "std.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def child(tmp_path: Path, body: str, name: str = "std.yaml") -> Path:
    """A district's standard extending the default one, with ``body`` added."""
    return write(tmp_path, f'id: district-std\nextends: liugeyi-sidabiao\ntitle: 某区标准\nversion: "1"\n{body}\n',
                 name)


def _remove_all(tmp_path: Path) -> Path:
    import yaml

    ids = [i["id"] for i in yaml.safe_load(LIUGEYI.read_text(encoding="utf-8"))["indicators"]]
    return child(tmp_path, f"remove_indicators: [{', '.join(ids)}]")


NO_INDICATORS = {
    "empty": lambda tmp: write(tmp, 'id: u\nextends: common-fields\ntitle: U\nversion: "1"\n'),
    "all_removed": _remove_all,
}


@pytest.mark.parametrize("make", NO_INDICATORS.values(), ids=NO_INDICATORS.keys())
@pytest.mark.parametrize("command", ["check", "score", "notices"])
def test_a_standard_without_indicators_checks_nothing_and_is_refused(cli, tmp_path, make, command):
    std = make(tmp_path)
    out = tmp_path / "notices"
    args = {"check": ("check", LEDGER), "score": ("score", LEDGER.parent),
            "notices": ("notices", "draft", LEDGER, "--output", out)}[command]
    code, stdout, err = cli(*args, "--standard", std, "--lang", "en")
    assert code == 2, (stdout, err)
    assert str(std) in err and "indicators" in err and "no indicators" in err
    assert "compliant" not in stdout and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert not out.exists()


def test_the_shipped_field_library_is_refused_by_name(cli):
    code, _out, err = cli("check", LEDGER, "--standard", "common-fields", "--lang", "en")
    assert code == 2 and "common-fields" in err and "no indicators" in err


@pytest.mark.parametrize("make", NO_INDICATORS.values(), ids=NO_INDICATORS.keys())
def test_validate_says_a_standard_without_indicators_is_only_a_field_library(cli, tmp_path, make):
    code, out, _err = cli("standards", "validate", make(tmp_path), "--lang", "en")
    assert code == 0
    assert "field library only" in out and "cannot check" in out


def test_the_shipped_field_library_still_validates(cli):
    code, out, _err = cli("standards", "validate", LIUGEYI.parent / "common-fields.yaml", "--lang", "en")
    assert code == 0 and "field library only" in out
    code, out, _err = cli("standards", "validate", LIUGEYI, "--lang", "en")
    assert code == 0 and "field library" not in out and "13 indicators" in out


def test_a_schedule_ending_before_it_starts_is_refused_by_validate_and_check(cli, tmp_path):
    std = child(tmp_path, "schedule: {start: 2022-12-01, deadline: 2022-01-01}")
    for args in (("standards", "validate", std), ("check", LEDGER, "--standard", std)):
        code, _out, err = cli(*args, "--lang", "en")
        assert code == 2
        assert f"{std}: schedule.deadline:" in err and "2022-01-01" in err and "2022-12-01" in err
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_an_inherited_start_after_the_extensions_deadline_is_refused(cli, tmp_path):
    child(tmp_path, "schedule: {start: 2022-12-01}", "city.yaml")
    std = write(tmp_path, 'id: dist\nextends: city.yaml\ntitle: 区\nversion: "1"\nschedule: {deadline: 2022-01-01}\n',
                "district.yaml")
    code, _out, err = cli("standards", "validate", std, "--lang", "en")
    assert code == 2 and f"{std}: schedule.deadline:" in err


def test_a_standards_deadline_before_the_campaign_start_names_the_file_and_key(cli, tmp_path):
    std = child(tmp_path, "schedule: {deadline: 2021-12-31}")  # the sample ledger is as of 2022-06-30
    code, _out, err = cli("check", LEDGER, "--standard", std, "--lang", "en")
    assert code == 2 and f"{std}: schedule.deadline:" in err and "2022-01-01" in err
    code, _out, err = cli("check", LEDGER, "--standard", std, "--start", "2021-01-01", "--lang", "en")
    assert code in (0, 1), err  # --start makes the period whole again


TIGHTEN = "  - id: rooms.function_rooms\n    rule: {{kind: threshold, field: function_rooms, value: {value}}}\n"


def test_an_indicator_given_twice_in_one_file_is_refused_naming_its_id(cli, tmp_path):
    std = child(tmp_path, "indicators:\n" + TIGHTEN.format(value=8) + TIGHTEN.format(value=4))
    for args in (("standards", "validate", std), ("check", LEDGER, "--standard", std)):
        code, out, err = cli(*args, "--lang", "en")
        assert code == 2 and out == ""
        assert f"{std}: indicators:" in err and "rooms.function_rooms" in err and "twice" in err


def test_overriding_an_inherited_indicator_once_is_still_allowed(cli, tmp_path):
    code, _out, err = cli("standards", "validate", child(tmp_path, "indicators:\n" + TIGHTEN.format(value=8)))
    assert code == 0, err


def test_a_grade_table_leaving_low_scores_without_a_grade_is_refused(cli, tmp_path):
    std = child(tmp_path, "scoring:\n  grades:\n    - {min: 60, label: 合格}\n    - {min: 90, label: 优秀}")
    for args in (("standards", "validate", std), ("check", LEDGER, "--standard", std)):
        code, _out, err = cli(*args, "--lang", "en")
        assert code == 2
        assert f"{std}: scoring.grades[0].min:" in err and "no grade" in err


def test_two_grades_of_one_band_are_refused(cli, tmp_path):
    std = child(tmp_path, "scoring:\n  grades: [{min: 0, label: 差}, {min: 90, label: 优}, {min: 90, label: 良}]")
    code, _out, err = cli("standards", "validate", std, "--lang", "en")
    assert code == 2 and f"{std}: scoring.grades[2].min:" in err and "90" in err


def test_grades_in_any_order_grade_every_community_by_its_band(cli, tmp_path):
    import json

    std = child(tmp_path, "scoring:\n  grades: [{min: 60, label: 合格}, {min: 0, label: 不合格}, {min: 90, label: 优秀}]")
    code, out, err = cli("check", LEDGER, "--standard", std, "--format", "json")
    assert code in (0, 1), err
    communities = json.loads(out)["communities"]
    bands = {(c["completion"] >= 0.9, c["completion"] >= 0.6): c["grade"] for c in communities}
    assert bands[(True, True)] == "优秀"
    assert bands[(False, False)] == "不合格"
    assert all(c["grade"] for c in communities)


@pytest.mark.parametrize(
    ("indicator", "key"),
    [
        ("{id: rooms.function_rooms, rule: {kind: threshold, field: function_rooms, op: '>=', value: -8}}",
         "indicators[rooms.function_rooms].rule.value"),
        ("{id: rooms.function_rooms, rule: {kind: threshold, field: function_rooms, op: '<=', value: -0.5}}",
         "indicators[rooms.function_rooms].rule.value"),
        ("{id: area.per_100_households, rule: {kind: tiered, field: service_area,"
         " tiers: [{below: 3000, value: -300}, {value: 500}]}}",
         "indicators[area.per_100_households].rule.tiers[0].value"),
        ("{id: rooms.function_rooms, rule: {kind: any_of, rules: [{kind: present, field: culture_center},"
         " {kind: threshold, field: function_rooms, value: -1}]}}",
         "indicators[rooms.function_rooms].rule.rules[1].value"),
        ("{id: rooms.function_rooms, applies_when: {field: households, op: '>=', value: -1}}",
         "indicators[rooms.function_rooms].applies_when.value"),
    ],
    ids=["at_least", "at_most", "tier", "nested", "applies_when"],
)
def test_a_negative_threshold_on_a_field_that_cannot_be_negative_is_refused(cli, tmp_path, indicator, key):
    std = child(tmp_path, f"indicators:\n  - {indicator}")
    code, _out, err = cli("standards", "validate", std, "--lang", "en")
    assert code == 2
    assert f"{std}: {key}:" in err and "never negative" in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_zero_and_fields_that_may_be_negative_keep_their_thresholds(cli, tmp_path):
    zero = child(tmp_path, "indicators:\n  - {id: rooms.function_rooms, rule: {kind: threshold, field: function_rooms,"
                           " op: '>=', value: 0}}", "zero.yaml")
    assert cli("standards", "validate", zero)[0] == 0
    signed = child(tmp_path, "fields:\n  function_rooms: {allow_negative: true}\nindicators:\n"
                             "  - {id: rooms.function_rooms, rule: {kind: threshold, field: function_rooms, value: -2}}",
                   "signed.yaml")
    code, _out, err = cli("standards", "validate", signed)
    assert code == 0, err
