"""The arrangements' selectors, each on a few rows made for the test (no demo bundle).

Every expected figure is worked out by hand from the rows the test creates.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from lscp.partnership.models import AttendanceStatus, Direction, GroupKind
from lscp.partnership.selectors import (
    arrangement_changes,
    attendance_by_agency,
    budget_for,
    meetings_held,
    seats_in_year,
)
from tests.factories import (
    AgencyFactory,
    AttendanceFactory,
    BudgetLineFactory,
    GroupFactory,
    MeetingFactory,
    ReportingYearFactory,
    SeatFactory,
)

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture
def year():  # type: ignore[no-untyped-def]
    """2020-21: 1 April 2020 to 31 March 2021."""
    return ReportingYearFactory(label="2020-21")


def test_meetings_held_counts_each_group_in_the_year_executive_first(year) -> None:  # type: ignore[no-untyped-def]
    p = year.partnership
    training = GroupFactory(partnership=p, name="Training subgroup", kind=GroupKind.SUBGROUP)
    board = GroupFactory(partnership=p, name="Partnership Board", kind=GroupKind.BOARD)
    audit = GroupFactory(partnership=p, name="Audit subgroup", kind=GroupKind.SUBGROUP)
    executive = GroupFactory(partnership=p, name="Executive", kind=GroupKind.EXECUTIVE)
    panel = GroupFactory(partnership=p, name="Case review panel", kind=GroupKind.PANEL)
    # The year's first and last days count; the days either side do not.
    for day in (D(2020, 3, 31), D(2020, 4, 1), D(2020, 12, 1), D(2021, 3, 31), D(2021, 4, 1)):
        MeetingFactory(group=board, date=day)
    MeetingFactory(group=audit, date=D(2020, 7, 1))
    MeetingFactory(group=panel, date=D(2020, 8, 1))
    MeetingFactory(group=panel, date=D(2020, 9, 1))
    MeetingFactory(group=GroupFactory(kind=GroupKind.BOARD), date=D(2020, 6, 1))  # elsewhere

    held = [(row.group, row.held) for row in meetings_held(p, year)]

    assert held == [(executive, 0), (board, 3), (audit, 1), (training, 0), (panel, 2)]


def test_seats_in_year_are_those_held_on_any_day_of_it(year) -> None:  # type: ignore[no-untyped-def]
    group = GroupFactory(partnership=year.partnership)
    open_ended = SeatFactory(group=group, start=D(2018, 4, 1))
    started_last_day = SeatFactory(group=group, start=D(2021, 3, 31))
    ended_first_day = SeatFactory(group=group, start=D(2019, 4, 1), end=D(2020, 4, 1))
    SeatFactory(group=group, start=D(2021, 4, 1))  # begins after the year
    SeatFactory(group=group, start=D(2019, 4, 1), end=D(2020, 3, 31))  # ended before it
    SeatFactory(start=D(2018, 4, 1))  # another group's

    found = set(seats_in_year(group, year))

    assert found == {open_ended, started_last_day, ended_first_day}


def test_attendance_by_agency_counts_recorded_registers_only(year) -> None:  # type: ignore[no-untyped-def]
    p = year.partnership
    group = GroupFactory(partnership=p)
    police, health, school = (AgencyFactory(partnership=p) for _ in range(3))
    # Created in this order so the agencies are listed health, police, school.
    health_before = SeatFactory(group=group, agency=health, end=D(2020, 9, 30))
    police_seat = SeatFactory(group=group, agency=police)
    SeatFactory(group=group, agency=school)
    health_after = SeatFactory(group=group, agency=health, start=D(2020, 10, 1))

    june = MeetingFactory(group=group, date=D(2020, 6, 10))
    december = MeetingFactory(group=group, date=D(2020, 12, 9))
    MeetingFactory(group=group, date=D(2021, 3, 10))  # entered ahead: no register yet
    last_year = MeetingFactory(group=group, date=D(2020, 3, 10))
    AttendanceFactory(meeting=june, seat=police_seat, status=AttendanceStatus.PRESENT)
    AttendanceFactory(meeting=june, seat=health_before, status=AttendanceStatus.APOLOGIES)
    AttendanceFactory(meeting=december, seat=police_seat, status=AttendanceStatus.DEPUTY)
    AttendanceFactory(meeting=december, seat=health_after, status=AttendanceStatus.PRESENT)
    AttendanceFactory(meeting=last_year, seat=police_seat, status=AttendanceStatus.PRESENT)
    AttendanceFactory(meeting=last_year, seat=health_before, status=AttendanceStatus.PRESENT)
    # The school's seat has no entry in either register: expected, not attended.

    rows = attendance_by_agency(group, year)

    # Health: two seats, each held at one of the two registered meetings; present once.
    # Police: present in June, a deputy in December. School: never recorded.
    assert [(r.agency, r.seats, r.expected, r.attended) for r in rows] == [
        (health, 2, 2, 1), (police, 1, 2, 2), (school, 1, 2, 0)]
    assert [r.percent for r in rows] == [Decimal(50), Decimal(100), Decimal(0)]


def test_attendance_with_no_register_recorded_has_no_percentage(year) -> None:  # type: ignore[no-untyped-def]
    group = GroupFactory(partnership=year.partnership)
    SeatFactory(group=group)
    MeetingFactory(group=group, date=D(2020, 6, 10))

    [row] = attendance_by_agency(group, year)

    assert (row.seats, row.expected, row.attended, row.percent) == (1, 0, 0, None)


def test_budget_for_splits_and_totals_the_year_in_position_order(year) -> None:  # type: ignore[no-untyped-def]
    p = year.partnership
    council, police = AgencyFactory(partnership=p), AgencyFactory(partnership=p)
    council_line = BudgetLineFactory(year=year, agency=council, amount_pence=5_000_000, position=1)
    police_line = BudgetLineFactory(year=year, agency=police, amount_pence=2_500_000, position=0)
    grant = BudgetLineFactory(year=year, amount_pence=1_000_000, position=2)
    staff = BudgetLineFactory(year=year, direction=Direction.EXPENDITURE, amount_pence=6_000_000,
                              position=0)
    reviews = BudgetLineFactory(year=year, direction=Direction.EXPENDITURE,
                                amount_pence=1_500_000, position=1)
    BudgetLineFactory(year=ReportingYearFactory(partnership=p, label="2021-22"),
                      amount_pence=99_999_999)

    budget = budget_for(year)

    assert budget.income == [police_line, council_line, grant]
    assert budget.expenditure == [staff, reviews]
    assert budget.income_total == 8_500_000
    assert budget.agency_contributions == 7_500_000
    assert budget.expenditure_total == 7_500_000
    assert budget.balance == 1_000_000


def test_arrangement_changes_are_later_starts_and_every_end_in_date_order(year) -> None:  # type: ignore[no-untyped-def]
    p = year.partnership
    board = GroupFactory(partnership=p, name="Board")
    panel = GroupFactory(partnership=p, name="Panel")
    GroupFactory(partnership=p, name="Empty group")  # no seats: nothing to report
    SeatFactory(group=board, start=D(2019, 4, 1))  # a founding seat, still held
    left = SeatFactory(group=board, start=D(2019, 4, 1), end=D(2020, 7, 31))
    joined = SeatFactory(group=board, start=D(2020, 8, 1))
    left_same_day = SeatFactory(group=board, start=D(2019, 4, 1), end=D(2020, 11, 1))
    SeatFactory(group=board, start=D(2021, 4, 1))  # joins next year
    SeatFactory(group=board, start=D(2019, 4, 1), end=D(2021, 4, 1))  # leaves next year
    # The panel was founded in the year: its first seats are where its records start.
    SeatFactory(group=panel, start=D(2020, 5, 1))
    panel_joined = SeatFactory(group=panel, start=D(2020, 11, 1))
    SeatFactory(start=D(2020, 9, 1), group=SeatFactory(start=D(2019, 4, 1)).group)  # elsewhere

    changes = [(c.day, c.seat, c.joined) for c in arrangement_changes(p, year)]

    assert changes == [
        (D(2020, 7, 31), left, False),
        (D(2020, 8, 1), joined, True),
        (D(2020, 11, 1), left_same_day, False),  # same day: by group name, Board first
        (D(2020, 11, 1), panel_joined, True),
    ]
