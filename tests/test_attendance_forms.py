"""Recording meetings and their registers through the forms, over HTTP.

A small Board made with factories (tests/factories.py), not the demo bundle: three seats,
three meetings with their registers, and a business-unit user signed in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.test import Client

from lscp.partnership.models import Attendance, GroupKind, Meeting, ReportingYear, Role, Seat
from lscp.partnership.selectors import attendance_by_agency
from tests.factories import (
    AgencyFactory,
    AttendanceFactory,
    GroupFactory,
    MeetingFactory,
    ReportingYearFactory,
    SeatFactory,
    member,
)

pytestmark = pytest.mark.django_db

D = dt.date


@dataclass
class Board:
    year: ReportingYear
    court: Seat
    youth: Seat
    police: Seat


@pytest.fixture
def board() -> Board:
    """Three meetings of 2020-21 recorded: the court adviser came once, youth justice twice."""
    year = ReportingYearFactory(label="2020-21")
    group = GroupFactory(partnership=year.partnership, code="board", name="Partnership Board",
                         kind=GroupKind.BOARD)

    def seat(name: str) -> Seat:
        return SeatFactory(group=group, agency=AgencyFactory(partnership=year.partnership, name=name))

    court, youth, police = seat("Family Court Advisers"), seat("Youth Justice Service"), seat(
        "Synthetic Police Service")
    registers = {
        D(2020, 6, 10): ("apologies", "present", "present"),
        D(2020, 9, 9): ("present", "present", "present"),
        D(2020, 12, 9): ("apologies", "apologies", "present"),
    }
    for day, statuses in registers.items():
        meeting = MeetingFactory(group=group, date=day)
        for s, status in zip((court, youth, police), statuses, strict=True):
            AttendanceFactory(meeting=meeting, seat=s, status=status)
    return Board(year, court, youth, police)


@pytest.fixture
def manager(board: Board) -> Client:
    client = Client()
    client.force_login(member(board.year.partnership, Role.BUSINESS_UNIT))
    return client


def register_data(meeting: Meeting, status: str = "present", **overrides: str) -> dict:
    seats = Seat.objects.filter(group=meeting.group)
    data: dict = {"version": meeting.version}
    data.update({f"seat_{s.pk}": status for s in seats if s.is_active_on(meeting.date)})
    data.update(overrides)
    return data


def test_add_a_meeting_then_record_its_register(manager: Client, board: Board) -> None:
    response = manager.post("/groups/board/meetings/new/",
                            {"date_day": "24", "date_month": "3", "date_year": "2021",
                             "kind": "extraordinary"})
    assert response.status_code == 302
    assert response["Location"] == "/groups/board/meetings/2021-03-24/attendance/"
    meeting = Meeting.objects.get(group__code="board", date="2021-03-24")
    assert meeting.kind == "extraordinary"

    response = manager.post(response["Location"],
                            register_data(meeting, **{f"seat_{board.court.pk}": "apologies"}))
    assert response.status_code == 302
    rows = {r.agency: r for r in attendance_by_agency(meeting.group, board.year)}
    court, youth = rows[board.court.agency], rows[board.youth.agency]
    assert court.expected == 4 and court.attended == 1
    assert str(court.percent) == "25"
    assert str(youth.percent) == "75"  # 2 of 3, then present: 3 of 4


def test_a_missing_answer_is_shown_in_the_error_summary(manager: Client, board: Board) -> None:
    meeting = Meeting.objects.get(group__code="board", date="2020-06-10")
    police = board.police
    data = register_data(meeting, "absent")
    del data[f"seat_{police.pk}"]
    response = manager.post(f"/groups/board/meetings/{meeting.date}/attendance/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert f'href="#id_seat_{police.pk}"' in html
    assert "Select attendance for Synthetic Police Service" in html
    assert not Attendance.objects.filter(meeting=meeting, status="absent").exists()


def test_a_stale_register_is_not_saved_over_a_newer_one(manager: Client) -> None:
    meeting = Meeting.objects.get(group__code="board", date="2020-06-10")
    url = f"/groups/board/meetings/{meeting.date}/attendance/"
    opened_at = meeting.version
    first = manager.post(url, register_data(meeting, "apologies"))
    assert first.status_code == 302
    meeting.refresh_from_db()
    assert meeting.version == opened_at + 1

    stale = register_data(meeting, "absent", version=str(opened_at))
    second = manager.post(url, stale)
    assert second.status_code == 200
    assert "Someone else changed this register" in second.content.decode()
    assert set(meeting.attendances.values_list("status", flat=True)) == {"apologies"}


def test_a_duplicate_or_impossible_date_is_explained(manager: Client) -> None:
    duplicate = manager.post("/groups/board/meetings/new/",
                             {"date_day": "10", "date_month": "6", "date_year": "2020",
                              "kind": "ordinary"})
    assert "Partnership Board already has a meeting on 10 June 2020" in duplicate.content.decode()
    impossible = manager.post("/groups/board/meetings/new/",
                              {"date_day": "31", "date_month": "2", "date_year": "2021",
                               "kind": "ordinary"})
    assert "must be a real date" in impossible.content.decode()
    assert Meeting.objects.filter(group__code="board").count() == 3
