"""Pages. Thin: each checks access, asks selectors or services, and renders."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from lscp.partnership import access, selectors, services
from lscp.partnership.http import Focus, allowed, year_context
from lscp.partnership.http import partnership_of as _partnership
from lscp.partnership.http import year_for as _year
from lscp.partnership.locking import StaleEdit
from lscp.partnership.models import Meeting, Partnership, ReportingYear
from lscp.reports import statutory
from lscp.reports.cache import rendered
from lscp.reports.render import RENDERERS
from lscp.reports.yearly import build_yearly_report


@allowed(access.can_read)
def overview(request: HttpRequest) -> HttpResponse:
    p = _partnership(request)
    year = _year(p, request.GET.get("year"), focus=Focus.GOVERNANCE)
    board = selectors.board_of(p)
    return render(request, "web/overview.html", {
        **year_context(p, year),
        "partnership": p,
        "held": selectors.meetings_held(p, year),
        "board": board,
        "board_attendance": selectors.attendance_by_agency(board, year) if board else [],
        "agency_count": p.agencies.count(),
        "can_manage": access.can_manage(request.user),
    })


@allowed(access.can_read)
def groups(request: HttpRequest) -> HttpResponse:
    p = _partnership(request)
    year = _year(p, request.GET.get("year"), focus=Focus.GOVERNANCE)
    return render(request, "web/groups.html", {
        **year_context(p, year), "held": selectors.meetings_held(p, year)})


@allowed(access.can_read)
def group_detail(request: HttpRequest, code: str) -> HttpResponse:
    p = _partnership(request)
    group = get_object_or_404(p.groups.select_related("chair", "parent"), code=code)
    year = _year(p, request.GET.get("year"), focus=Focus.GOVERNANCE)
    return render(request, "web/group_detail.html", {
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
    return render(request, "web/meeting_detail.html", {
        "meeting": meeting, "rows": rows, "can_manage": access.can_manage(request.user)})


@allowed(access.can_manage)
@require_http_methods(["GET", "POST"])
def meeting_attendance(request: HttpRequest, code: str, date: str) -> HttpResponse:
    from lscp.web.forms import AttendanceForm

    meeting = _meeting(request, code, date)
    seats = services.seats_for_meeting(meeting)
    form = AttendanceForm(request.POST or None, meeting=meeting, seats=seats)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_attendance(meeting, form.statuses(), form.cleaned_data["version"])
        except StaleEdit:
            form.add_error(None, "Someone else changed this register while you were editing. "
                                 "Your changes were not saved: check the register and try again.")
        else:
            messages.success(request, f"Attendance recorded for {meeting}")
            return redirect("meeting_detail", code=code, date=date)
    return render(request, "web/meeting_attendance.html", {"meeting": meeting, "form": form})


@allowed(access.can_manage)
@require_http_methods(["GET", "POST"])
def meeting_new(request: HttpRequest, code: str) -> HttpResponse:
    from lscp.web.forms import MeetingForm

    group = get_object_or_404(_partnership(request).groups, code=code)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.create_meeting(group, form.cleaned_data["date"],
                                              form.cleaned_data["kind"])
        except services.DuplicateMeeting as exc:
            form.add_error("day", str(exc))
        else:
            messages.success(request, f"Meeting added: {meeting}. Now record its attendance.")
            return redirect("meeting_attendance", code=code, date=meeting.date.isoformat())
    return render(request, "web/meeting_new.html", {"group": group, "form": form})


@allowed(access.can_view_budget)
def budget(request: HttpRequest) -> HttpResponse:
    p = _partnership(request)
    year = _year(p, request.GET.get("year"), focus=Focus.GOVERNANCE)
    return render(request, "web/budget.html", {
        **year_context(p, year), "budget": selectors.budget_for(year)})


@allowed(access.can_read)
def priorities(request: HttpRequest) -> HttpResponse:
    p = _partnership(request)
    year = _year(p, request.GET.get("year"), focus=Focus.GOVERNANCE)
    return render(request, "web/priorities.html", {
        **year_context(p, year), "priorities": year.priorities.prefetch_related("actions")})


@allowed(access.can_read)
def yearly_report(request: HttpRequest, label: str | None = None) -> HttpResponse:
    p = _partnership(request)
    year = _year(p, label or request.GET.get("year"), focus=Focus.REPORT)
    document = build_yearly_report(p, year)
    checklist = statutory.coverage(document)
    met = sum(r.met for r in checklist)
    return render(request, "web/yearly_report.html", {
        **year_context(p, year), "document": document, "formats": ["pdf", "docx", "html"],
        "checklist": checklist, "checklist_met": met, "checklist_complete": met == len(checklist),
        "can_approve": access.can_approve_reports(request.user)})


@allowed(access.can_approve_reports)
@require_http_methods(["POST"])
def yearly_report_publish(request: HttpRequest, label: str) -> HttpResponse:
    """The Chair or the business unit approves the report for publication (or withdraws it)."""
    year = get_object_or_404(_partnership(request).years, label=label)
    year.report_published = request.POST.get("action") == "publish"
    year.save(update_fields=["report_published"])
    messages.success(request, f"The {label} report is now "
                              + ("published" if year.report_published else "withdrawn"))
    return redirect("yearly_report_year", label=label)


@allowed(access.can_read)
def yearly_report_file(request: HttpRequest, label: str, fmt: str) -> HttpResponse:
    p = _partnership(request)
    public = request.GET.get("edition") == "public"
    return _report_file(p, get_object_or_404(p.years, label=label), fmt, public=public)


def _report_file(p: Partnership, year: ReportingYear, fmt: str,
                 public: bool = False) -> HttpResponse:
    if fmt not in RENDERERS:
        raise Http404("Unknown format")
    content_type, _ = RENDERERS[fmt]
    document = build_yearly_report(p, year, public=public)
    body = rendered(document, fmt, settings.REPORT_OUTPUT_DIR / "cache")
    response = HttpResponse(body, content_type=content_type)
    disposition = "inline" if fmt == "html" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{document.slug}.{fmt}"'
    return response


def public_report(request: HttpRequest, slug: str, label: str) -> HttpResponse:
    """The published report: open to anyone, once the partnership has published it."""
    p = get_object_or_404(Partnership, slug=slug)
    year = get_object_or_404(p.years, label=label, report_published=True)
    return render(request, "web/public_report.html", {
        "public_partnership": p, "year": year,
        "document": build_yearly_report(p, year, public=True)})


def public_report_file(request: HttpRequest, slug: str, label: str, fmt: str) -> HttpResponse:
    p = get_object_or_404(Partnership, slug=slug)
    year = get_object_or_404(p.years, label=label, report_published=True)
    return _report_file(p, year, fmt, public=True)


def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated and access.membership_of(request.user):
        return overview(request)
    if request.user.is_authenticated:
        raise PermissionDenied  # signed in, but not a member of any partnership
    published = ReportingYear.objects.filter(report_published=True).select_related("partnership")
    return render(request, "web/home.html", {"published": published})

