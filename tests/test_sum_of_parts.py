"""A figure written as a sum of parts (3（线上）+4（线下）, 300（一楼）+150（二楼）, 5+2) is invalid with
cell.sum_of_parts (probe9 C2): read up to its note it was the first part alone, a confident shortfall. The sum
is not computed — which parts count is the office's call. 10+ (a lower bound) and 320（其中活动用房210） stay."""

from __future__ import annotations

import json

import pytest
from ledgers import community, write_ledger

from creatio_cli.ledger.normalize import LOWER_BOUND, parse_cell
from creatio_cli.status import CELL_INVALID, CELL_OK


@pytest.mark.parametrize("text, kind", [
    ("3（线上）+4（线下）", "count"), ("300（一楼）+150（二楼）", "number"), ("5+2", "count"), ("５＋２", "count"),
    ("3 + 4", "count"), ("1200（常住）+300（流动）", "count"), ("4次（党群中心）+3次（小区）", "count"),
    ("90%+5%", "percent"),
])
def test_a_sum_of_parts_is_invalid(text, kind):
    got = parse_cell(text, kind)
    assert (got.state, got.reason) == (CELL_INVALID, "cell.sum_of_parts")


@pytest.mark.parametrize("text, kind, value, reason", [
    ("320（其中活动用房210）", "number", 320, None), ("10+", "count", 10, LOWER_BOUND),
    ("1+", "count", 1, LOWER_BOUND), ("10+次", "count", 10, LOWER_BOUND),
])
def test_a_plus_that_is_no_sum_reads_as_before(text, kind, value, reason):
    got = parse_cell(text, kind)
    assert (got.value, got.state, got.reason) == (value, CELL_OK, reason)


def test_the_probe_ledger_gives_no_confident_shortfall(tmp_path, cli):
    area, rooms = "社区综合服务设施面积（㎡）", "功能室数量（个）"
    rows = [community(社区="南一社区", 户数=1400, **{area: "300（一楼）+150（二楼）"}),
            community(社区="南二社区", 活动开展次数="3（线上）+4（线下）"),
            community(社区="南三社区", **{rooms: "4（党群中心）+3（小区）"})]
    _, out, _ = cli("check", write_ledger(tmp_path / "nm.xlsx", rows), "--format", "json")
    found = {(c["community"], f["indicator"].split(".")[0]): f for c in json.loads(out)["communities"]
             for f in c["findings"]}
    for key in [("南一社区", "area"), ("南二社区", "activities"), ("南三社区", "rooms")]:
        assert found[key]["status"] == "invalid", key
