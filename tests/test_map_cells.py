"""A --map the cells do not bear out is said (stderr, in --lang), never refused: a community column of
remarks or dates, a yes/no column mapped onto a count and a count column onto a yes/no field."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from tests.ledgers import HEADERS, community, write_ledger

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "city-ledger.xlsx"


def _warnings(cli, path, *args: str) -> tuple[int, list[dict], str]:
    code, out, err = cli("check", path, "--format", "json", *args)
    return code, json.loads(out)["warnings"], err


def test_a_remarks_column_mapped_as_the_community_warns_naming_the_names_column(cli) -> None:
    code, warnings, err = _warnings(cli, SAMPLE, "--map", "备注=community")
    (said,) = [w for w in warnings if w["code"] == "mapping.community_unlikely_other"]
    assert (said["params"]["letter"], said["params"]["header"], said["params"]["other"]) == ("T", "备注", "C")
    assert "T列「备注」按用户指定作为社区列" in err and "长段文字" in err and "C列「社区」" in err
    assert code == 1  # used as asked: warned, not refused
    _code, _out, err = cli("check", SAMPLE, "--map", "备注=community", "--lang", "en")
    assert "column T “备注” is used as the community column as mapped" in err and "long free text" in err


def test_a_dates_column_mapped_as_the_community_warns(cli, tmp_path) -> None:
    headers = [*HEADERS, "填报日期"]
    rows = [community(社区=f"{i}号社区", 填报日期=dt.datetime(2022, 6, 28 - i)) for i in range(4)]
    _code, warnings, err = _warnings(cli, write_ledger(tmp_path / "d.xlsx", rows, headers=headers),
                                     "--map", "填报日期=community")
    assert [w["code"] for w in warnings if w["code"].startswith("mapping.community")] == \
        ["mapping.community_unlikely_other"]
    assert "多为日期" in err


def test_real_community_names_mapped_by_hand_do_not_warn(cli) -> None:
    _code, warnings, _err = _warnings(cli, SAMPLE, "--map", "社区=community")
    assert not [w for w in warnings if w["code"].startswith(("mapping.community", "mapping.kind"))]


def test_a_yes_no_column_mapped_onto_a_count_warns_and_its_cells_stay_invalid(cli) -> None:
    code, warnings, err = _warnings(cli, SAMPLE, "--map", "家长学校=activities")
    (said,) = [w for w in warnings if w["code"] == "mapping.kind_mismatch_yesno"]
    assert (said["params"]["letter"], said["params"]["odd"], said["params"]["total"]) == ("L", 66, 66)
    assert "L列「家长学校」按用户指定作为“活动开展次数”（数字）" in err and "是/否" in err
    assert code == 1
    _code, out, _err = cli("check", SAMPLE, "--format", "json", "--map", "家长学校=activities")
    statuses = {f["status"] for c in json.loads(out)["communities"] for f in c["findings"]
                if f["indicator"] == "activities.per_year"}
    assert statuses == {"invalid"}
    _code, _out, err = cli("check", SAMPLE, "--map", "家长学校=activities", "--lang", "en")
    assert "are yes/no answers" in err


def test_a_count_column_mapped_onto_a_yes_no_field_warns(cli, tmp_path) -> None:
    headers = [h if h != "家长学校" else "家长学校活动（场）" for h in HEADERS]
    rows = [{("家长学校活动（场）" if k == "家长学校" else k): v for k, v in community(社区=f"{i}号社区").items()}
            for i in range(3)]
    for row, n in zip(rows, (3, 7, 12), strict=True):
        row["家长学校活动（场）"] = n
    path = write_ledger(tmp_path / "n.xlsx", rows, headers=headers)
    _code, warnings, err = _warnings(cli, path, "--map", "家长学校活动（场）=parent_school")
    codes = [w["code"] for w in warnings if w["code"].startswith("mapping.")]
    # Its header's unit already says it (overrules_veto): one warning for the column, not two.
    assert len(codes) == 1, codes
    _code, warnings, err = _warnings(cli, write_ledger(tmp_path / "m.xlsx", [
        {**r, "家长学校": r["家长学校活动（场）"]} for r in rows]), "--map", "家长学校=parent_school")
    (said,) = [w for w in warnings if w["code"] == "mapping.kind_mismatch_number"]
    assert said["params"]["letter"] == "L" and "个是数字" in err
