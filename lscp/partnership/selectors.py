"""Read-only questions about the arrangements, answered from the records.

The yearly report and the web pages both ask here, so a figure is computed one way only.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Count, Max, Prefetch, Q, Sum

from lscp.insight.figures import percentage
from lscp.partnership.models import (
    ATTENDED,
    LIVE,
    Agency,
    Attendance,
    BudgetLine,
    Direction,
    Group,
    Membership,
    Partnership,
    Priority,
    PriorityAction,
    ReportingYear,
    Seat,
)


@dataclass(frozen=True)
class AgencyAttendance:
    agency: Agency
    seats: int
    expected: int  # seat-meetings: each seat held on the day of each registered meeting
    attended: int  # of those, present or represented by a deputy

    @property
    def percent(self) -> Decimal | None:
        return percentage(self.attended, self.expected)


def meetings_in_year(group: Group, year: ReportingYear):  # type: ignore[no-untyped-def]
    """The group's meetings in `year`, cancelled ones included (the page marks them)."""
    return group.meetings.filter(date__gte=year.start, date__lte=year.end).order_by("date")


def held_in_year(group: Group, year: ReportingYear):  # type: ignore[no-untyped-def]
    """The meetings that took place: a cancelled meeting was not held."""
    return meetings_in_year(group, year).filter(cancelled_on__isnull=True)


def seats_in_year(group: Group, year: ReportingYear):  # type: ignore[no-untyped-def]
    return group.seats.filter(LIVE, start__lte=year.end).filter(
        Q(end__isnull=True) | Q(end__gte=year.start)
    ).select_related("agency")


def attendance_by_agency(group: Group, year: ReportingYear) -> list[AgencyAttendance]:
    """Attendance of each organisation with seats in `group` during `year`.

    Only meetings whose register has been recorded count, so a meeting entered ahead of
    its date does not drag everybody's rate down. A seat with no entry in a recorded
    register counts as not attended.
    """
    meetings = list(
        held_in_year(group, year).annotate(entries=Count("attendances")).filter(entries__gt=0)
    )
    seats = list(seats_in_year(group, year))
    attended_pairs = set(
        Attendance.objects.filter(meeting__in=meetings, status__in=ATTENDED).values_list(
            "meeting_id", "seat_id"
        )
    )
    totals: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
    agencies: dict[int, Agency] = {}
    for seat in seats:
        agencies[seat.agency_id] = seat.agency
        counts = totals[seat.agency_id]
        counts[0] += 1
        for meeting in meetings:
            if seat.is_active_on(meeting.date):
                counts[1] += 1
                counts[2] += (meeting.pk, seat.pk) in attended_pairs
    rows = [AgencyAttendance(agencies[a], c[0], c[1], c[2]) for a, c in totals.items()]
    return sorted(rows, key=lambda r: _seat_order(seats, r.agency))


def _seat_order(seats: list[Seat], agency: Agency) -> int:
    """Keep the order in which the partnership lists its seats (their codes' first seat)."""
    return min(s.pk for s in seats if s.agency_id == agency.pk)


@dataclass(frozen=True)
class GroupMeetings:
    group: Group
    held: int
    extraordinary: int = 0  # of those held, called as extraordinary meetings


def meetings_held(partnership: Partnership, year: ReportingYear) -> list[GroupMeetings]:
    in_year = Q(meetings__date__gte=year.start, meetings__date__lte=year.end,
                meetings__cancelled_on__isnull=True)
    groups = partnership.groups.filter(LIVE).annotate(
        held=Count("meetings", filter=in_year),
        extraordinary=Count("meetings", filter=in_year & Q(meetings__kind="extraordinary")),
    ).select_related("parent", "chair")
    order = {"executive": 0, "board": 1, "subgroup": 2, "panel": 3}
    ranked = sorted(groups, key=lambda g: (order.get(g.kind, 9), g.name))
    return [GroupMeetings(g, g.held, g.extraordinary) for g in ranked]


@dataclass(frozen=True)
class Budget:
    income: list[BudgetLine]
    expenditure: list[BudgetLine]

    @property
    def income_total(self) -> int:
        return sum(line.amount_pence for line in self.income)

    @property
    def agency_contributions(self) -> int:
        return sum(line.amount_pence for line in self.income if line.agency_id is not None)

    @property
    def expenditure_total(self) -> int:
        return sum(line.amount_pence for line in self.expenditure)

    @property
    def balance(self) -> int:
        return self.income_total - self.expenditure_total


def budget_for(year: ReportingYear) -> Budget:
    lines = list(year.budget_lines.filter(LIVE).select_related("agency").order_by("position"))
    return Budget(
        income=[x for x in lines if x.direction == Direction.INCOME],
        expenditure=[x for x in lines if x.direction == Direction.EXPENDITURE],
    )


def board_of(partnership: Partnership) -> Group | None:
    return partnership.groups.filter(LIVE, kind="board").order_by("pk").first()


def priorities_for(year: ReportingYear) -> list[Priority]:
    """The year's business plan as published: withdrawn priorities and actions left out."""
    live_actions = Prefetch("actions", queryset=PriorityAction.objects.filter(LIVE))
    return list(year.priorities.filter(LIVE).prefetch_related(live_actions))


@dataclass(frozen=True)
class SeatChange:
    day: dt.date
    seat: Seat
    joined: bool  # True: the seat began; False: it ended


def arrangement_changes(partnership: Partnership, year: ReportingYear) -> list[SeatChange]:
    """Seats that began or ended during `year`, in date order.

    A seat that began with its group's first members is where the records start, not a
    change: only later starts count, and every end inside the year.
    """
    changes = []
    for group in partnership.groups.filter(LIVE).prefetch_related("seats__agency"):
        seats = [s for s in group.seats.all() if not s.is_withdrawn]
        if not seats:
            continue
        founded = min(s.start for s in seats)
        for seat in seats:
            if seat.start > founded and year.start <= seat.start <= year.end:
                changes.append(SeatChange(seat.start, seat, True))
            if seat.end is not None and year.start <= seat.end <= year.end:
                changes.append(SeatChange(seat.end, seat, False))
    return sorted(changes, key=lambda c: (c.day, c.seat.group.name, c.seat.code))


@dataclass(frozen=True)
class SignInPause:
    username: str
    failures: int
    last_attempt: dt.datetime
    paused: bool


def sign_in_pauses(partnership: Partnership) -> list[SignInPause]:
    """The partnership's members with failed sign-ins on record (django-axes keeps them until
    the cool-off ends or someone signs in), paused ones first. Other partnerships' accounts
    never show."""
    members = Membership.objects.filter(partnership=partnership).values_list(
        "user__username", flat=True)
    rows = (AccessAttempt.objects.filter(username__in=members).values("username")
            .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time")))
    pauses = [SignInPause(r["username"], r["failures"], r["last"],
                          r["failures"] >= settings.AXES_FAILURE_LIMIT) for r in rows]
    return sorted(pauses, key=lambda p: (not p.paused, p.username))


def overview_figures(p: Partnership, year: ReportingYear) -> dict[str, Any]:
    """The partnership's overview (meetings held, the Board's attendance): on the home page
    and the overview page, built once per data version (decision 0010)."""
    board = board_of(p)
    return {"held": meetings_held(p, year), "board": board,
            "board_attendance": attendance_by_agency(board, year) if board else [],
            "agency_count": p.agencies.count()}
