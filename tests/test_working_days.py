"""Statutory clocks in England working days, across bank holidays."""

from __future__ import annotations

import datetime as dt

import pytest

from lscp.insight.clocks import ClockState, Milestone
from lscp.insight.working_days import (
    add_months,
    add_working_days,
    is_working_day,
    working_days_between,
)

D = dt.date


@pytest.mark.parametrize(("start", "days", "expected", "why"), [
    # Easter 2021: Good Friday 2 April, Easter Monday 5 April.
    (D(2021, 3, 31), 5, D(2021, 4, 9), "skips Good Friday, the weekend and Easter Monday"),
    (D(2021, 3, 26), 15, D(2021, 4, 20), "15 working days across Easter"),
    # Christmas and New Year 2020-21: Christmas Day Fri 25 Dec, Boxing Day substitute Mon 28
    # Dec, New Year's Day Fri 1 Jan.
    (D(2020, 12, 23), 5, D(2021, 1, 4), "Christmas, the Boxing Day substitute, New Year"),
    (D(2020, 12, 18), 15, D(2021, 1, 13), "rapid review clock over Christmas"),
    # Late May bank holiday 2021: Monday 31 May.
    (D(2021, 5, 27), 5, D(2021, 6, 4), "skips the late May bank holiday"),
    # A one-off: the late May bank holiday moved to 2 June 2022, plus 3 June (Jubilee).
    (D(2022, 5, 31), 3, D(2022, 6, 7), "the Platinum Jubilee holidays"),
    (D(2021, 6, 7), 5, D(2021, 6, 14), "an ordinary week"),
])
def test_add_working_days(start: dt.date, days: int, expected: dt.date, why: str) -> None:
    assert add_working_days(start, days) == expected, why


def test_bank_holidays_come_from_the_library_for_england() -> None:
    assert not is_working_day(D(2021, 4, 2))  # Good Friday
    assert not is_working_day(D(2020, 12, 28))  # Boxing Day substitute
    assert is_working_day(D(2021, 3, 17))  # St Patrick's Day: Northern Ireland only
    assert is_working_day(D(2021, 1, 4))  # 2 January: a bank holiday in Scotland only


def test_working_days_between_is_the_inverse_of_adding() -> None:
    for start in (D(2020, 12, 20), D(2021, 3, 30), D(2021, 5, 28)):
        for days in (0, 1, 5, 15, 45):
            assert working_days_between(start, add_working_days(start, days)) == days


def test_add_months_keeps_the_day_or_takes_the_month_end() -> None:
    assert add_months(D(2020, 9, 15), 6) == D(2021, 3, 15)
    assert add_months(D(2020, 8, 31), 6) == D(2021, 2, 28)
    assert add_months(D(2023, 8, 31), 6) == D(2024, 2, 29)


def test_clock_states() -> None:
    due = D(2021, 4, 20)
    assert Milestone("x", None, None).state(D(2021, 4, 1)) == ClockState.WAITING
    assert Milestone("x", due, None).state(D(2021, 3, 1)) == ClockState.ON_TRACK
    assert Milestone("x", due, None).state(D(2021, 4, 13)) == ClockState.DUE_SOON
    assert Milestone("x", due, None).state(D(2021, 4, 21)) == ClockState.OVERDUE
    assert Milestone("x", due, D(2021, 4, 20)).state(D(2021, 5, 1)) == ClockState.MET
    assert Milestone("x", due, D(2021, 4, 21)).state(D(2021, 5, 1)) == ClockState.MISSED
