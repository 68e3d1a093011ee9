"""逾 ("逾10次": more than 10) is an open lower bound like 超过 (probe9 M1): read as 10 with the bound's reason,
judged up to no end; 十余次 (Chinese numerals) stays invalid."""

from __future__ import annotations

import pytest

from creatio_cli.ledger.normalize import UNBOUNDED, parse_cell, upper_bound
from creatio_cli.status import CELL_INVALID, CELL_OK


@pytest.mark.parametrize("text", ["逾10次", "逾10", "超过10次"])
def test_yu_is_an_open_lower_bound(text):
    got = parse_cell(text, "count")
    assert (got.value, got.state, got.reason) == (10, CELL_OK, "cell.lower_bound")
    assert upper_bound(text, "count") == UNBOUNDED


def test_chinese_numerals_with_yu_stay_invalid():
    assert parse_cell("十余次", "count").state == CELL_INVALID
