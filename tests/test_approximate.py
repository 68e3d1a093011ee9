"""约 / 大约 / 约为 / 左右 make a figure approximate: read as the number, judged at both ends of ±10 % of it."""

from __future__ import annotations

import json

import pytest

from creatio_cli.ledger.normalize import parse_cell
from tests.ledgers import community, write_ledger

AREA = "社区综合服务设施面积（㎡）"


@pytest.mark.parametrize("text", ["约900", "大约900户", "约为900", "900左右"])
def test_an_approximate_figure_is_read_as_the_number_but_marked(text) -> None:
    got = parse_cell(text, "count")
    assert (got.value, got.reason) == (900.0, "cell.approximate")


@pytest.mark.parametrize("text", ["共计900", "合计900", "共900", "计900", "达900"])
def test_totals_are_exact_not_approximate(text) -> None:
    got = parse_cell(text, "count")
    assert (got.value, got.reason) == (900.0, None)


def test_an_approximate_cell_gives_only_the_verdicts_its_band_cannot_overturn(cli, tmp_path) -> None:
    """30 ㎡ per 100 households: 约900 households need 243 to 297 ㎡, so 280 ㎡ is met at 900 and short at 990 —
    invalid, citing the households cell. 活动开展次数 is prorated to 6 of 12 at 2022-06-30 (and 12 by the
    year's end): 约5次 is short at 5.5 too, 约30次 met at 27 too; exact 共计900 households stays met."""
    rows = [community(社区="甲社区", 户数="约900", **{AREA: 280}),
            community(社区="乙社区", 活动开展次数="约5次"),
            community(社区="丙社区", 活动开展次数="约30次"),
            community(社区="丁社区", 户数="共计900", **{AREA: 280})]
    path = write_ledger(tmp_path / "about.xlsx", rows)
    for as_of in ("2022-06-30", "2022-12-31"):
        _code, out, _err = cli("check", path, "--format", "json", "--all-findings", "--as-of", as_of)
        found = {(c["community"], f["indicator"]): f for c in json.loads(out)["communities"] for f in c["findings"]}
        flipped = found["甲社区", "area.per_100_households"]
        assert (flipped["status"], flipped["reason_code"], flipped["raw"]) == ("invalid", "cell.approximate", "约900")
        assert flipped["cell"].startswith("D")  # the households cell
        assert flipped["reason"].startswith("是约数")
        assert found["乙社区", "activities.per_year"]["status"] == "shortfall"
        assert found["丙社区", "activities.per_year"]["status"] == "met"
        assert found["丁社区", "area.per_100_households"]["status"] == "met"
