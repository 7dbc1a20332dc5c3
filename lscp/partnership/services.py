"""Changes to the arrangements. Each runs in one transaction and refuses stale edits."""

from __future__ import annotations

import datetime as dt
from typing import Any

from axes.utils import reset
from django.db import IntegrityError, transaction

from lscp.audit.history import acts_as
from lscp.audit.services import record_publication
from lscp.partnership.locking import claim, claim_and_save
from lscp.partnership.models import (
    LIVE,
    Attendance,
    Group,
    Meeting,
    Membership,
    Partnership,
    ReportingYear,
    Seat,
)


class DuplicateMeeting(Exception):
    pass


def seats_for_meeting(meeting: Meeting) -> list[Seat]:
    """The seats whose holders were expected: those held on the day of the meeting."""
    return [s for s in meeting.group.seats.filter(LIVE).select_related("agency", "holder")
            if s.is_active_on(meeting.date)]


@transaction.atomic
def record_attendance(*, meeting: Meeting, statuses: dict[int, str], seen_version: int) -> Meeting:
    """Save a meeting's register if nobody else has changed it since `seen_version`."""
    claim(meeting, seen_version)
    valid = {s.pk for s in seats_for_meeting(meeting)}
    for seat_id, status in statuses.items():
        if seat_id not in valid:
            raise ValueError(f"seat {seat_id} was not held on {meeting.date}")
        Attendance.objects.update_or_create(meeting=meeting, seat_id=seat_id,
                                            defaults={"status": status})
    meeting.refresh_from_db()
    return meeting


def create_meeting(*, group: Group, date: dt.date, kind: str, start_time: dt.time | None = None,
                   end_time: dt.time | None = None, place: str = "") -> Meeting:
    try:
        with transaction.atomic():
            return Meeting.objects.create(group=group, date=date, kind=kind,
                                          start_time=start_time, end_time=end_time, place=place)
    except IntegrityError:
        raise DuplicateMeeting(f"{group.name} already has a meeting on {date:%-d %B %Y}") from None


@transaction.atomic
@acts_as("by")
def meeting_update(*, meeting: Meeting, seen_version: int, by: Any, date: dt.date, kind: str,
                   start_time: dt.time | None, end_time: dt.time | None, place: str) -> Meeting:
    """Correct a meeting's date, kind, time or place. Its register stays with it; seats that
    were not held on a new date drop out of the attendance figures by themselves."""
    claim(meeting, seen_version)
    meeting.refresh_from_db()
    meeting.date, meeting.kind, meeting.place = date, kind, place
    meeting.start_time, meeting.end_time = start_time, end_time
    try:
        with transaction.atomic():
            meeting.save()
    except IntegrityError:
        raise DuplicateMeeting(
            f"{meeting.group.name} already has a meeting on {date:%-d %B %Y}") from None
    return meeting


@transaction.atomic
@acts_as("by")
def meeting_cancel(*, meeting: Meeting, seen_version: int, by: Any, reason: str,
                   today: dt.date) -> Meeting:
    """Record that a meeting did not take place, and why: it is no longer counted as held,
    and its register (if any) leaves the attendance figures."""
    if not reason.strip():
        raise ValueError("a cancellation needs a reason")
    return claim_and_save(meeting, seen_version, cancelled_on=today, cancelled_reason=reason,
                          cancelled_by=by)


@transaction.atomic
@acts_as("by")
def report_publication_set(*, year: ReportingYear, published: bool,
                           by: Any = None) -> ReportingYear:
    """Publish the year's report (open to anyone at its public address) or withdraw it,
    keeping who did it in the audit trail (`by`, or the signed-in user of the request)."""
    year.report_published = published
    year.save(update_fields=["report_published"])
    record_publication(partnership=year.partnership, label=year.label, published=published,
                       by=by)
    return year


def sign_in_resume(*, partnership: Partnership, username: str) -> int:
    """Lift a sign-in pause for one of the partnership's members before its cool-off ends.
    Returns how many failed attempts were cleared (0 for someone else's account)."""
    if not Membership.objects.filter(partnership=partnership, user__username=username).exists():
        return 0
    return int(reset(username=username))
