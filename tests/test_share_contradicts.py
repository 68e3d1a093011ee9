"""A stated share that contradicts its own row's count ÷ population is invalid, never a confident verdict
(QA probe9 C7). Figures by hand: 200 of 3,000 residents is 6.7 %, 400 of 3,000 is 13.3 %, 310 of 3,000 10.3 %."""

from __future__ import annotations

import json

import pytest
from ledgers import HEADERS, community, write_ledger

WITH_SHARE = [*HEADERS, "注册志愿者占比（%）"]


def _share_finding(cli, tmp_path, volunteers: int | str, share: str, lang: str = "zh") -> dict | None:
    row = community(常住人口=3000, 注册志愿者人数=volunteers, **{"注册志愿者占比（%）": share})
    path = write_ledger(tmp_path / "a.xlsx", [row], headers=WITH_SHARE)
    code, out, err = cli("check", path, "--format", "json", "--as-of", "2022-06-30", "--lang", lang)
    assert code in (0, 1), err
    findings = json.loads(out)["communities"][0]["findings"]
    return next((f for f in findings if f["indicator"] == "volunteers.share"), None)


@pytest.mark.parametrize(("volunteers", "share", "computed"), [(200, "12%", "6.7"), (400, "8%", "13.3")])
def test_a_share_contradicting_its_count_is_invalid_naming_both_figures(cli, tmp_path, volunteers, share, computed):
    # 12 % would be met and 8 % short; the row's own count says the opposite: neither verdict is safe.
    finding = _share_finding(cli, tmp_path, volunteers, share)
    assert finding is not None
    assert (finding["status"], finding["reason_code"], finding["cell"]) == ("invalid", "cell.share_contradicts", "U3")
    assert share in finding["reason"] and f"{volunteers}÷3000＝{computed}%" in finding["reason"]
    english = _share_finding(cli, tmp_path, volunteers, share, "en")
    assert english is not None and f"{volunteers} ÷ 3000 = {computed} %" in english["reason"]


@pytest.mark.parametrize(("volunteers", "share", "expected"), [
    (310, "10.3%", None),  # agrees to the decimal: met as before
    (200, "7%", "shortfall"),  # 6.7 % rounded to a whole per cent: agrees, judged as stated
    (285, "10%", None),  # 9.5 % written 10 %: an exact half-point rounding still agrees, met as written
])
def test_a_share_agreeing_with_its_count_within_rounding_is_judged_as_written(cli, tmp_path, volunteers, share,
                                                                              expected):
    finding = _share_finding(cli, tmp_path, volunteers, share)
    assert (finding["status"] if finding else None) == expected


def test_a_share_column_contradicting_nearly_every_row_leaves_the_indicator_unassessed(cli, tmp_path):
    # Four communities, each share ≈ count ÷ households rather than ÷ population: the columns disagree, not
    # the communities' cells. No finding for anyone (no notice for a column mix-up); one warning instead.
    rows = [community(社区=f"{n}社区", 户数=1000, 常住人口=3000, 注册志愿者人数=v, **{"注册志愿者占比（%）": f"{v / 10:g}%"})
            for n, v in zip("甲乙丙丁", (200, 350, 400, 150), strict=True)]
    path = write_ledger(tmp_path / "a.xlsx", rows, headers=WITH_SHARE)
    code, out, err = cli("check", path, "--format", "json", "--as-of", "2022-06-30")
    report = json.loads(out)
    assert code == 1, err
    for record in report["communities"]:
        assert record["findings"] == [] and (record["max_score"], record["indicators_assessed"]) == (90.0, 12)
    assert [u["indicator"] for u in report["unassessed"]] == ["volunteers.share"]
    (warning,) = [w for w in report["warnings"] if w["code"] == "share.columns_disagree"]
    assert (warning["params"]["off"], warning["params"]["rows"], warning["params"]["row"]) == (4, 4, 3)
    assert "200÷3000＝6.7%" in warning["message"]


def test_an_approximate_count_asserts_no_contradiction(cli, tmp_path):
    """约330 volunteers of 3,000 is 9.9–12.1 %: a stated 12 % is within what the count allows (10 % above
    11.0 %), so the share is judged as written, not declared contradicted."""
    finding = _share_finding(cli, tmp_path, "约330", "12%")
    assert finding is None or finding["reason_code"] != "cell.share_contradicts"
