"""Changes to the arrangements: a meeting's register and a new meeting, on factory rows."""

from __future__ import annotations

import datetime as dt

import pytest

from lscp.partnership.locking import StaleEdit
from lscp.partnership.models import Attendance, AttendanceStatus, Meeting, MeetingKind
from lscp.partnership.services import (
    DuplicateMeeting,
    create_meeting,
    record_attendance,
    seats_for_meeting,
)
from tests.factories import GroupFactory, MeetingFactory, SeatFactory

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture
def meeting() -> Meeting:
    return MeetingFactory(group=GroupFactory(name="Partnership Board"), date=D(2020, 6, 10))


def register(meeting: Meeting) -> dict[int, str]:
    return dict(Attendance.objects.filter(meeting=meeting).values_list("seat_id", "status"))


def test_the_seats_expected_are_those_held_on_the_day(meeting: Meeting) -> None:
    held = SeatFactory(group=meeting.group, start=D(2019, 4, 1))
    from_that_day = SeatFactory(group=meeting.group, start=D(2020, 6, 10))
    to_that_day = SeatFactory(group=meeting.group, start=D(2019, 4, 1), end=D(2020, 6, 10))
    SeatFactory(group=meeting.group, start=D(2020, 6, 11))
    SeatFactory(group=meeting.group, start=D(2019, 4, 1), end=D(2020, 6, 9))
    SeatFactory(start=D(2019, 4, 1))  # another group's

    assert set(seats_for_meeting(meeting)) == {held, from_that_day, to_that_day}


def test_a_register_is_saved_and_its_version_bumped(meeting: Meeting) -> None:
    first, second = (SeatFactory(group=meeting.group) for _ in range(2))

    saved = record_attendance(meeting=meeting, seen_version=0, statuses={
        first.pk: AttendanceStatus.PRESENT, second.pk: AttendanceStatus.APOLOGIES})

    assert saved.version == 1
    assert Meeting.objects.get(pk=meeting.pk).version == 1
    assert register(meeting) == {first.pk: "present", second.pk: "apologies"}

    record_attendance(meeting=meeting, seen_version=1,
                      statuses={second.pk: AttendanceStatus.DEPUTY})

    assert register(meeting) == {first.pk: "present", second.pk: "deputy"}  # changed in place
    assert Attendance.objects.filter(meeting=meeting).count() == 2
    assert Meeting.objects.get(pk=meeting.pk).version == 2


def test_a_stale_register_is_refused_and_nothing_of_it_saved(meeting: Meeting) -> None:
    seat = SeatFactory(group=meeting.group)
    record_attendance(meeting=meeting, seen_version=0, statuses={seat.pk: "apologies"})

    with pytest.raises(StaleEdit):  # a second form, opened before the first was saved
        record_attendance(meeting=meeting, seen_version=0, statuses={seat.pk: "absent"})

    assert register(meeting) == {seat.pk: "apologies"}
    assert Meeting.objects.get(pk=meeting.pk).version == 1


def test_a_seat_not_held_that_day_is_refused_and_the_whole_register_rolled_back(
        meeting: Meeting) -> None:
    held = SeatFactory(group=meeting.group)
    not_yet = SeatFactory(group=meeting.group, start=D(2020, 7, 1))
    elsewhere = SeatFactory(start=D(2019, 4, 1))

    for wrong in (not_yet, elsewhere):
        with pytest.raises(ValueError, match=f"seat {wrong.pk} was not held on 2020-06-10"):
            record_attendance(meeting=meeting, seen_version=0,
                              statuses={held.pk: "present", wrong.pk: "present"})

    assert register(meeting) == {}
    assert Meeting.objects.get(pk=meeting.pk).version == 0


def test_create_meeting_makes_one_meeting_per_group_and_day(meeting: Meeting) -> None:
    made = create_meeting(group=meeting.group, date=D(2021, 3, 24), kind=MeetingKind.EXTRAORDINARY)

    assert (made.group, made.date, made.kind) == (meeting.group, D(2021, 3, 24), "extraordinary")
    with pytest.raises(DuplicateMeeting, match="^Partnership Board already has a meeting on "
                                               "10 June 2020$"):
        create_meeting(group=meeting.group, date=D(2020, 6, 10), kind=MeetingKind.ORDINARY)
    assert Meeting.objects.filter(group=meeting.group).count() == 2

    other_group = GroupFactory(partnership=meeting.group.partnership)
    same_day = create_meeting(group=other_group, date=D(2020, 6, 10), kind=MeetingKind.ORDINARY)
    assert same_day.group == other_group
