"""A title naming a whole year (2022年度, 2022年全年) is as of 31 December; a period still running (its end after
today) is as of today, never of its future end (probe9 C6: a 2022年度 ledger was judged in the 2026 campaign)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from ledgers import GOOD, write_ledger

from creatio_cli.ledger import dates
from creatio_cli.ledger.dates import find_date_in_text

D = dt.date


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr(dates, "today", lambda: D(2026, 11, 28), raising=False)


@pytest.mark.parametrize("text, found", [
    ("清水街道2022年度社区创建工作台账", D(2022, 12, 31)),
    ("清水街道2022年全年社区创建工作台账", D(2022, 12, 31)),
    ("2022年社区台账", None),  # a bare year names the campaign, not the period
    ("2022年度台账（截至2022年6月30日）", D(2022, 6, 30)),
    ("2022年度台账 2022年7月5日", D(2022, 7, 5)),  # any written day beats the year
    ("2022年度上半年", D(2022, 6, 30)),
    # still running on 2026-11-28: as of today, not of 31 December
    ("清水街道2026年度社区创建工作台账", D(2026, 11, 28)),
    ("2026年下半年", D(2026, 11, 28)),
    ("2026年第四季度", D(2026, 11, 28)),
    ("2026年1-6月", D(2026, 6, 30)),
    ("截至2026年12月31日", D(2026, 12, 31)),  # a day written out is the office's word
])
def test_a_period_in_a_title_is_as_of_its_end_or_today(today, text, found):
    assert find_date_in_text(text) == found


@pytest.mark.parametrize("year, as_of", [(2022, "2022-12-31"), (2026, "2026-11-28")])
def test_a_year_ledger_is_checked_as_of_its_end(tmp_path, cli, today, year, as_of):
    rows = [dict(GOOD, 社区=name, 活动开展次数=n) for name, n in (("清一社区", 8), ("清二社区", 11))]
    path = write_ledger(tmp_path / "qs.xlsx", rows, title=f"清水街道{year}年度社区创建工作台账")
    _, out, _ = cli("check", path, "--format", "json")
    report = json.loads(out)
    assert report["as_of"] == as_of
    if year == 2022:  # 11 of 12 activities at the year's end is a shortfall, not met at 91 % of 2026
        statuses = {c["community"]: {f["indicator"]: f["status"] for f in c["findings"]}
                    for c in report["communities"]}
        assert [s for k, s in statuses["清二社区"].items() if k.startswith("activities")] == ["shortfall"]


@pytest.mark.parametrize("title, as_of, warned", [
    ("清水街道2022年社区创建工作台账", None, True),  # a past year, no day: checked as of today, and said
    ("清水街道2022年社区创建工作台账", "2022-12-31", False),  # the user said which day
    ("清水街道2026年社区创建工作台账", None, False),  # this year: today is what the ledger shows
    ("清水街道2022年社区创建工作台账（截至2022年6月30日）", None, False),  # a day is written
    ("清水街道2021—2022年社区创建工作台账", None, True),  # the period ends in 2022
])
def test_a_title_naming_only_a_past_year_is_said(tmp_path, cli, today, title, as_of, warned):
    path = write_ledger(tmp_path / "qs.xlsx", [dict(GOOD, 社区="清一社区")], title=title)
    _, out, _ = cli("check", path, "--format", "json", *(["--as-of", as_of] if as_of else []))
    found = [w for w in json.loads(out)["warnings"] if w["code"] == "ledger.title_year_only"]
    assert bool(found) == warned
    if warned:
        assert found[0]["params"]["year"] == 2022 and found[0]["params"]["end"] == "2022-12-31"
        assert "--as-of 2022-12-31" in found[0]["message"]


@pytest.mark.parametrize("text, found", [
    # a 截至 month without its year takes the title's year, as of that month's last day
    ("清河街道2022年社区创建台账（数据截至9月底）", D(2022, 9, 30)),
    ("清河街道2022年社区创建台账（截至9月末）", D(2022, 9, 30)),
    ("清河街道2022年社区创建台账（截至10月）", D(2022, 10, 31)),
    ("清河街道2022年社区创建台账（截止到9月30日）", D(2022, 9, 30)),
    ("2021—2022年社区台账（截至9月底）", None),  # two years: which one is not guessed
    # the first N quarters end where the Nth does
    ("清河街道2022年前三季度社区创建台账", D(2022, 9, 30)),
    ("2022年前两个季度", D(2022, 6, 30)),
    ("2022年一季度", D(2022, 3, 31)),
    # a quarter / half / months qualifying the year written apart from it: not the year's end
    ("清河街道2022年度社区创建台账（第三季度）", D(2022, 9, 30)),
    ("清河街道2022年社区创建台账（上半年）", D(2022, 6, 30)),
    ("清河街道2022年社区创建台账（1-9月）", D(2022, 9, 30)),
    ("2021—2022年社区台账（第三季度）", None),
    # still running on 2026-11-28: as of today
    ("2026年社区台账（截至12月底）", D(2026, 11, 28)),
    ("2026年度社区台账（第四季度）", D(2026, 11, 28)),
    ("2026年社区台账（截至12月31日）", D(2026, 12, 31)),  # a day written out is the office's word
])
def test_a_period_written_without_its_year_takes_the_titles(today, text, found):
    assert find_date_in_text(text) == found


def _titled(tmp_path, *top: str):
    import openpyxl
    from ledgers import HEADERS
    book = openpyxl.Workbook()
    ws = book.active
    for line in top:
        ws.append([line])
    ws.append(HEADERS)
    for name in ("清一社区", "清二社区"):
        ws.append([dict(GOOD, 社区=name).get(h) for h in HEADERS])
    book.save(tmp_path / "t.xlsx")
    return tmp_path / "t.xlsx"


@pytest.mark.parametrize("top, as_of", [
    # a quarter's ledger filed after the quarter: as of the quarter's end (probe10 H5 gave 10-09)
    (("清江区清河街道2022年第三季度社区创建工作台账", "填报日期：2022年10月9日"), "2022-09-30"),
    (("清河街道2022年1-6月社区创建台账", "填报日期：2022年7月2日"), "2022-06-30"),
    # a 截至 day beats everything
    (("清河街道2022年第三季度台账（截至2022年9月25日）", "填报日期：2022年10月9日"), "2022-09-25"),
    # filed while the period still ran: the filing day is as far as the figures go
    (("清河街道2026年度社区创建台账", "填报日期：2026年7月5日"), "2026-07-05"),
])
def test_a_period_title_beats_a_filing_day_after_its_end(tmp_path, cli, today, top, as_of):
    _, out, _ = cli("check", _titled(tmp_path, *top), "--format", "json")
    assert json.loads(out)["as_of"] == as_of


@pytest.mark.parametrize(("as_of", "said"), [("2021-05-01", True), ("2022-06-30", False)])
def test_an_as_of_option_other_than_the_ledgers_own_date_is_said(tmp_path, cli, as_of, said):
    """probe10 M5: --as-of 2021-05-01 on a ledger 截至2022年6月30日 moved the campaign without a word."""
    path = write_ledger(tmp_path / "l.xlsx", [dict(GOOD, 社区="清一社区")],
                        title="清水街道社区创建工作台账（截至2022年6月30日）")
    _, out, err = cli("check", path, "--format", "json", "--as-of", as_of)
    assert json.loads(out)["as_of"] == as_of
    assert ("台账自身的截至日期是 2022-06-30" in err) == said
