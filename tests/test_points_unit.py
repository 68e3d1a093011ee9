"""Points (分, 得分, 满分10分) are a unit of their own: a 9.6/10 satisfaction score read as 9.6 % made every
community "short by 80 %" (probe9 C3). The unit vetoes the percent field; 满意度（%） and 满意率 still map."""

from __future__ import annotations

import json

import pytest
from ledgers import GOOD, HEADERS, write_ledger

from creatio_cli.ledger.wording import read


@pytest.mark.parametrize("header", ["满意度（分）", "满意度(分)", "满意度得分", "满意度（满分10分）", "满意度（10分制）",
                                    "群众满意度分值"])
def test_points_are_read_as_points(header):
    assert read(header).unit == "points"


@pytest.mark.parametrize("header", ["满意度（%）", "满意率", "群众满意度", "部分", "居民满意度（百分比）"])
def test_other_headers_are_not_points(header):
    assert read(header).unit != "points"


@pytest.mark.parametrize("header, mapped", [("满意度（分）", False), ("群众满意度得分", False),
                                            ("满意度（%）", True), ("满意率", True), ("群众满意度", True)])
def test_a_points_column_is_never_the_percent_field(tmp_path, cli, header, mapped):
    headers = [header if h == "群众满意度（%）" else h for h in HEADERS]
    rows = [dict(GOOD, 社区=f"{n}社区", **{header: 9.6 if not mapped else 95}) for n in "甲乙丙丁"]
    path = write_ledger(tmp_path / "s.xlsx", rows, headers=headers)
    _, out, _ = cli("inspect", path, "--json")
    fields = {c["field"] for c in json.loads(out)["sheets"][0]["columns"]}
    assert ("satisfaction" in fields) is mapped
    _, out, _ = cli("check", path, "--format", "json")
    statuses = {f["status"] for c in json.loads(out)["communities"] for f in c["findings"]
                if f["indicator"].startswith("satisfaction")}
    assert "shortfall" not in statuses
