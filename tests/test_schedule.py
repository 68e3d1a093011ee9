"""序时进度 on worked values (domain notes: 2022-06-30 → 181/365 by days, 6/12 by months)."""

from datetime import date

import pytest

from creatio_cli.errors import UsageError
from creatio_cli.schedule import campaign_for, expected_progress, is_overdue


@pytest.mark.parametrize(
    ("as_of", "convention", "expected"),
    [
        (date(2022, 6, 30), "day", 181 / 365),
        (date(2022, 6, 30), "month", 0.5),
        (date(2022, 6, 29), "month", 5 / 12),  # June is not complete until its last day
        (date(2022, 1, 1), "day", 1 / 365),
        (date(2022, 12, 31), "day", 1.0),
        (date(2024, 12, 31), "day", 1.0),  # leap year: 366/366
        (date(2024, 2, 29), "month", 2 / 12),
    ],
)
def test_calendar_year_campaign(as_of, convention, expected):
    campaign = campaign_for(as_of, convention=convention)
    assert expected_progress(campaign, as_of) == pytest.approx(expected, abs=1e-12)


def test_explicit_period_and_clamping():
    campaign = campaign_for(date(2021, 12, 24), start=date(2021, 12, 1), deadline=date(2022, 6, 30))
    # 2021-12-01 .. 2022-06-30 has 212 days; 24 of them elapsed by 2021-12-24.
    assert expected_progress(campaign, date(2021, 12, 24)) == pytest.approx(24 / 212)
    assert expected_progress(campaign, date(2022, 8, 1)) == 1.0
    assert expected_progress(campaign, date(2021, 11, 1)) == 0.0


def test_deadline_before_start_is_a_usage_error():
    with pytest.raises(UsageError):
        campaign_for(date(2022, 6, 30), start=date(2022, 7, 1), deadline=date(2022, 6, 1))


def test_overdue_only_after_the_deadline():
    assert not is_overdue(date(2022, 6, 30), date(2022, 6, 30))
    assert is_overdue(date(2022, 6, 30), date(2022, 7, 1))
    assert not is_overdue(None, date(2030, 1, 1))
