"""A satisfaction column of scores out of 10 (9.5, 9.2, 8.8, no unit anywhere) was read as per cents: every
community "short by 80 %" (QA probe 10, C6). A field's ``typical_min`` makes such a column invalid instead."""

from __future__ import annotations

import json

import pytest
from ledgers import community, write_ledger


def _satisfaction(cli, tmp_path, values):
    rows = [community(社区=f"{n}社区", **{"群众满意度（%）": v}) for n, v in zip("甲乙丙丁", values, strict=False)]
    _, out, _ = cli("check", write_ledger(tmp_path / "l.xlsx", rows), "--format", "json", "--all-findings")
    return [next(f for f in c["findings"] if f["indicator"] == "satisfaction.residents")
            for c in json.loads(out)["communities"]]


def test_a_column_of_scores_out_of_ten_is_no_per_cent(cli, tmp_path):
    found = _satisfaction(cli, tmp_path, [9.5, 9.2, 8.8])
    assert {f["status"] for f in found} == {"invalid"}
    assert {f["reason_code"] for f in found} == {"cell.percent_score_scale"}


@pytest.mark.parametrize(("values", "statuses"), [
    ([95, 92, 88], ["met", "met", "shortfall"]),  # per cents
    ([0.95, 0.92, 0.88], ["met", "met", "shortfall"]),  # fractions
    ([95, 9.5, 92], ["met", "shortfall", "met"]),  # one low cell among per cents is read as written
])
def test_per_cents_and_fractions_are_still_read(cli, tmp_path, values, statuses):
    assert [f["status"] for f in _satisfaction(cli, tmp_path, values)] == statuses


def test_typical_min_is_checked_where_it_is_written(cli, tmp_path):
    std = tmp_path / "bad.yaml"
    std.write_text("id: bad\nextends: liugeyi-sidabiao\ntitle: {zh: 坏, en: Bad}\nversion: '1'\n"
                   "fields:\n  satisfaction: {typical_min: 5}\n", encoding="utf-8")
    code, _, err = cli("standards", "validate", std)
    assert code == 2 and "typical_min" in err
