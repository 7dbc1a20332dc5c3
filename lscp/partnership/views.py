"""Pages about the arrangements: overview, groups, meetings and attendance, budget, priorities.

Thin: each checks access, asks selectors or services, and renders.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from lscp.partnership import access, selectors, services
from lscp.partnership.forms import AttendanceForm, MeetingForm
from lscp.partnership.http import allowed, save_or_refuse, year_context
from lscp.partnership.http import partnership_of as _partnership
from lscp.partnership.http import year_for as _year
from lscp.partnership.models import Meeting, Partnership, ReportingYear
from lscp.partnership.versioning import cached


@allowed(access.can_read)
def overview(request: HttpRequest) -> HttpResponse:
    p = _partnership(request)
    year = _year(p, request.GET.get("year"))
    figures = cached(p.pk, "overview", year.label, build=lambda: _overview_figures(p, year))
    return render(request, "partnership/overview.html", {
        **year_context(p, year), **figures, "partnership": p,
        "can_manage": access.can_manage(request.user),
        "can_use_two_step": access.can_use_two_step(request.user),
    })


def _overview_figures(p: Partnership, year: ReportingYear) -> dict[str, Any]:
    """Everyone's home page: its figures are built once per data version (decision 0010)."""
    board = selectors.board_of(p)
    return {"held": selectors.meetings_held(p, year), "board": board,
            "board_attendance": selectors.attendance_by_agency(board, year) if board else [],
            "agency_count": p.agencies.count()}


@allowed(access.can_read)
def groups(request: HttpRequest) -> HttpResponse:
    p = _partnership(request)
    year = _year(p, request.GET.get("year"))
    return render(request, "partnership/groups.html", {
        **year_context(p, year), "held": selectors.meetings_held(p, year)})


@allowed(access.can_read)
def group_detail(request: HttpRequest, code: str) -> HttpResponse:
    p = _partnership(request)
    group = get_object_or_404(p.groups.select_related("chair", "parent"), code=code)
    year = _year(p, request.GET.get("year"))
    return render(request, "partnership/group_detail.html", {
        **year_context(p, year),
        "group": group,
        "seats": selectors.seats_in_year(group, year).select_related("holder"),
        "meetings": selectors.meetings_in_year(group, year),
        "attendance": selectors.attendance_by_agency(group, year),
        "can_manage": access.can_manage(request.user),
    })


def _meeting(request: HttpRequest, code: str, date: str) -> Meeting:
    p = _partnership(request)
    try:
        day = dt.date.fromisoformat(date)
    except ValueError:
        raise Http404("Not a date") from None
    return get_object_or_404(Meeting.objects.select_related("group"),
                             group__partnership=p, group__code=code, date=day)


@allowed(access.can_read)
def meeting_detail(request: HttpRequest, code: str, date: str) -> HttpResponse:
    meeting = _meeting(request, code, date)
    register = {a.seat_id: a for a in meeting.attendances.all()}
    rows = [(seat, register.get(seat.pk)) for seat in services.seats_for_meeting(meeting)]
    return render(request, "partnership/meeting_detail.html", {
        "meeting": meeting, "rows": rows, "can_manage": access.can_manage(request.user)})


@allowed(access.can_manage)
@require_http_methods(["GET", "POST"])
def meeting_attendance(request: HttpRequest, code: str, date: str) -> HttpResponse:
    meeting = _meeting(request, code, date)
    seats = services.seats_for_meeting(meeting)
    form = AttendanceForm(request.POST or None, meeting=meeting, seats=seats)
    if request.method == "POST" and form.is_valid() and save_or_refuse(
            form, "register", services.record_attendance, meeting=meeting,
            statuses=form.statuses(), seen_version=form.cleaned_data["version"]):
        messages.success(request, f"Attendance recorded for {meeting}")
        return redirect("partnership:meeting_detail", code=code, date=date)
    return render(request, "partnership/meeting_attendance.html", {"meeting": meeting, "form": form})


@allowed(access.can_manage)
@require_http_methods(["GET", "POST"])
def meeting_new(request: HttpRequest, code: str) -> HttpResponse:
    group = get_object_or_404(_partnership(request).groups, code=code)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.create_meeting(group=group, date=form.cleaned_data["date"],
                                              kind=form.cleaned_data["kind"])
        except services.DuplicateMeeting as exc:
            form.add_error("day", str(exc))
        else:
            messages.success(request, f"Meeting added: {meeting}. Now record its attendance.")
            return redirect("partnership:meeting_attendance", code=code,
                            date=meeting.date.isoformat())
    return render(request, "partnership/meeting_new.html", {"group": group, "form": form})


@allowed(access.can_view_budget)
def budget(request: HttpRequest) -> HttpResponse:
    p = _partnership(request)
    year = _year(p, request.GET.get("year"))
    return render(request, "partnership/budget.html", {
        **year_context(p, year), "budget": selectors.budget_for(year)})


@allowed(access.can_read)
def priorities(request: HttpRequest) -> HttpResponse:
    p = _partnership(request)
    year = _year(p, request.GET.get("year"))
    return render(request, "partnership/priorities.html", {
        **year_context(p, year), "priorities": year.priorities.prefetch_related("actions")})


@allowed(access.can_manage)
@require_http_methods(["GET", "POST"])
def sign_in_pauses(request: HttpRequest) -> HttpResponse:
    """Accounts paused after too many wrong passwords; the business unit can resume one."""
    p = _partnership(request)
    if request.method == "POST":
        username = request.POST.get("username", "")
        if services.sign_in_resume(partnership=p, username=username):
            messages.success(request, f"{username} can sign in again")
        return redirect("partnership:sign_in_pauses")
    return render(request, "partnership/sign_in_pauses.html", {
        "pauses": selectors.sign_in_pauses(p), "limit": settings.AXES_FAILURE_LIMIT})
