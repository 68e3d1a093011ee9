"""An explicit mapping says when it overrules a unit."""

from __future__ import annotations

import json
from pathlib import Path

from tests.ledgers import HEADERS, community, write_ledger

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "city-ledger.xlsx"


def warnings_of(cli, path, *args):
    code, out, err = cli("check", path, "--format", "json", *args)
    return code, json.loads(out)["warnings"], err


# ---- --map over a unit that contradicts the field ------------------------------------------------------

def test_mapping_a_percent_column_to_an_area_warns(cli):
    code, warnings, _ = warnings_of(cli, SAMPLE, "--map", "群众满意度（%）=service_area")
    (over,) = [w for w in warnings if w["code"] == "mapping.overrules_veto"]
    assert over["params"]["letter"] == "R" and over["params"]["header"] == "群众满意度（%）"
    assert "百分比" in over["message"] and "面积" in over["message"]
    assert code == 1


def test_mapping_a_column_of_its_own_unit_does_not_warn(cli, tmp_path):
    headers = [h if h != "活动开展次数" else "上级交办活动（次）" for h in HEADERS]
    row = {("上级交办活动（次）" if k == "活动开展次数" else k): v for k, v in community().items()}
    path = write_ledger(tmp_path / "l.xlsx", [row], headers=headers)
    _code, warnings, _ = warnings_of(cli, path, "--map", "上级交办活动（次）=activities")
    assert not [w for w in warnings if w["code"] == "mapping.overrules_veto"]
