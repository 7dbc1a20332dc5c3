"""Pages about the arrangements: overview, groups, meetings and attendance, budget, priorities.

Thin: each checks access, asks selectors or services, and renders.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from lscp.partnership import access, filters, selectors, services
from lscp.partnership.forms import AttendanceForm, MeetingForm
from lscp.partnership.http import allowed, save_or_refuse, year_context
from lscp.partnership.http import partnership_of as _partnership
from lscp.partnership.http import year_for as _year
from lscp.partnership.models import (
    LIVE,
    ActionStatus,
    AttendanceStatus,
    Meeting,
)
from lscp.partnership.register_forms import RegisterFilter
from lscp.partnership.versioning import cached

MEETING_EXTRA = "partnership/_meeting_business.html"  # lscp/meetings' part of a meeting page


@allowed(access.can_read)
def overview(request: HttpRequest) -> HttpResponse:
    p = _partnership(request)
    year = _year(p, request.GET.get("year"))
    figures = cached(p.pk, "overview", year.label, build=lambda: selectors.overview_figures(p, year))
    return render(request, "partnership/overview.html", {
        **year_context(p, year), **figures, "partnership": p,
        "can_manage": access.can_manage(request.user),
        "can_use_two_step": access.can_use_two_step(request.user),
    })


@allowed(access.can_read)
def groups(request: HttpRequest) -> HttpResponse:
    p = _partnership(request)
    year = _year(p, request.GET.get("year"))
    return render(request, "partnership/groups.html", {
        **year_context(p, year), "held": selectors.meetings_held(p, year),
        "can_manage": access.can_manage(request.user)})


@allowed(access.can_read)
def group_detail(request: HttpRequest, code: str) -> HttpResponse:
    p = _partnership(request)
    group = get_object_or_404(p.groups.filter(LIVE).select_related("chair", "parent"), code=code)
    year = _year(p, request.GET.get("year"))
    return render(request, "partnership/group_detail.html", {
        **year_context(p, year),
        "group": group,
        "seats": selectors.seats_in_year(group, year).select_related("holder"),
        "meetings": selectors.meetings_in_year(group, year),
        "attendance": selectors.attendance_by_agency(group, year),
        "can_manage": access.can_manage(request.user),
    })


def meeting_of(request: HttpRequest, code: str, date: str) -> Meeting:
    """A meeting of the user's partnership, by its group's code and its date."""
    p = _partnership(request)
    try:
        day = dt.date.fromisoformat(date)
    except ValueError:
        raise Http404("Not a date") from None
    return get_object_or_404(Meeting.objects.select_related("group"),
                             group__partnership=p, group__code=code, date=day)


@allowed(access.can_read)
def meeting_detail(request: HttpRequest, code: str, date: str) -> HttpResponse:
    meeting = meeting_of(request, code, date)
    register = {a.seat_id: a for a in meeting.attendances.all()}
    rows = [(seat, register.get(seat.pk)) for seat in services.seats_for_meeting(meeting)]
    return render(request, "partnership/meeting_detail.html", {
        "meeting": meeting, "rows": rows, "can_manage": access.can_manage(request.user),
        "meeting_extra": _extra_template()})


def _extra_template() -> str | None:
    """What lscp/meetings shows on a meeting's page (agenda, papers, minutes), if installed:
    its `{% on_meeting meeting %}` tag, included from a template of ours."""
    return MEETING_EXTRA if apps.is_installed("lscp.meetings") else None


@allowed(access.can_manage)
@require_http_methods(["GET", "POST"])
def meeting_attendance(request: HttpRequest, code: str, date: str) -> HttpResponse:
    meeting = meeting_of(request, code, date)
    seats = services.seats_for_meeting(meeting)
    data: Any = request.POST or None
    if data is not None and "all_present" in data:  # the "mark all present" button
        data = data.copy()
        for seat in seats:
            data[f"seat_{seat.pk}"] = AttendanceStatus.PRESENT
    form = AttendanceForm(data, meeting=meeting, seats=seats)
    if request.method == "POST" and form.is_valid() and save_or_refuse(
            form, "register", services.record_attendance, meeting=meeting,
            statuses=form.statuses(), seen_version=form.cleaned_data["version"]):
        messages.success(request, f"Attendance recorded for {meeting}")
        return redirect("partnership:meeting_detail", code=code, date=date)
    return render(request, "partnership/meeting_attendance.html", {"meeting": meeting, "form": form})


@allowed(access.can_manage)
@require_http_methods(["GET", "POST"])
def meeting_new(request: HttpRequest, code: str) -> HttpResponse:
    group = get_object_or_404(_partnership(request).groups.filter(LIVE), code=code)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.create_meeting(group=group, **form.details())
        except services.DuplicateMeeting as exc:
            form.add_error("date", str(exc))
        else:
            messages.success(request, f"Meeting added: {meeting}. Now record its attendance.")
            return redirect("partnership:meeting_attendance", code=code,
                            date=meeting.date.isoformat())
    return render(request, "partnership/meeting_new.html", {"group": group, "form": form})


@allowed(access.can_view_budget)
def budget(request: HttpRequest) -> HttpResponse:
    p = _partnership(request)
    year = _year(p, request.GET.get("year"))
    search = RegisterFilter(request.GET or None, partnership=p)
    return render(request, "partnership/budget.html", {
        **year_context(p, year), "search": search, "can_manage": access.can_manage(request.user),
        "budget": selectors.budget_for(year), "shown": filters.budget_lines(
            selectors.budget_for(year), text=search.value("q"), agency=search.value("agency"))})


@allowed(access.can_read)
def priorities(request: HttpRequest) -> HttpResponse:
    p = _partnership(request)
    year = _year(p, request.GET.get("year"))
    search = RegisterFilter(request.GET or None, statuses=ActionStatus.choices)
    return render(request, "partnership/priorities.html", {
        **year_context(p, year), "search": search, "can_manage": access.can_manage(request.user),
        "priorities": filters.priorities(selectors.priorities_for(year), text=search.value("q"),
                                         status=search.value("status"))})


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
