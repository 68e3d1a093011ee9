"""Wrong standard: a ledger that another shipped standard fits is named, never switched to (issue: the
report says "this ledger looks like huodong-yongfang's"). huodong-yongfang has two indicators, on the
activity-room area and the largest room; liugeyi-sidabiao has thirteen (counted in its YAML)."""

from __future__ import annotations

import json

from ledgers import write_ledger

ROOMS = ["区县", "街道", "社区", "居民活动用房面积（㎡）", "最大活动室面积（㎡）", "用房来源"]
ROOM_ROW = {"区县": "宿城区", "街道": "古城街道", "社区": "幸福社区", "居民活动用房面积（㎡）": 420,
            "最大活动室面积（㎡）": 120, "用房来源": "新建"}


def test_a_ledger_of_another_standard_is_refused_with_that_standard_named(cli, tmp_path):
    path = write_ledger(tmp_path / "rooms.xlsx", [ROOM_ROW], headers=ROOMS)
    code, _out, err = cli("check", path, "--standard", "liugeyi-sidabiao", "--lang", "en", "--as-of", "2022-06-30")
    assert code == 2
    assert "did you mean --standard huodong-yongfang?" in err
    assert "2 of its 2 indicators" in err
    # Only the fields that have no column are named as missing (the activity area has one).
    assert "Resident activity floor area" not in err.split("headers read")[0]


def test_a_ledger_mostly_unassessed_names_the_standard_that_fits(cli, tmp_path):
    headers = [*ROOMS, "道德讲堂"]  # one of liugeyi-sidabiao's thirteen indicators becomes assessable
    path = write_ledger(tmp_path / "rooms.xlsx", [{**ROOM_ROW, "道德讲堂": "是"}], headers=headers)
    code, out, _err = cli("check", path, "--format", "json", "--as-of", "2022-06-30")
    report = json.loads(out)
    assert code == 1
    assert report["standard"]["id"] == "liugeyi-sidabiao"  # a hint, never a switch
    (hint,) = [w for w in report["warnings"] if w["code"] == "standard.looks_like"]
    assert hint["params"]["id"] == "huodong-yongfang"
    assert (hint["params"]["assessed"], hint["params"]["total"]) == (2, 2)
    assert hint["params"]["here_total"] == 13
    assert 0 < hint["params"]["here"] < 13 / 2
    assert hint["params"]["here"] == 13 - len({u["indicator"] for u in report["unassessed"]})


def test_a_ledger_that_fits_its_standard_gets_no_hint(cli, tmp_path):
    from ledgers import GOOD, HEADERS

    path = write_ledger(tmp_path / "a.xlsx", [GOOD], headers=HEADERS)
    for standard in ("liugeyi-sidabiao", "huodong-yongfang"):
        _code, out, _err = cli("check", path, "--standard", standard, "--format", "json", "--as-of", "2022-06-30")
        assert not [w for w in json.loads(out)["warnings"] if w["code"] == "standard.looks_like"], standard
