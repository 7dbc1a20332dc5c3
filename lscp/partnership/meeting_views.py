"""Correct or cancel a meeting (issue 9): the business unit only, guarded by the meeting's
version so a correction never silently overwrites someone else's register or edit."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from lscp.partnership import access, services
from lscp.partnership.forms import MeetingCancelForm, MeetingEditForm
from lscp.partnership.http import allowed, save_or_refuse, today
from lscp.partnership.http import posted as _posted
from lscp.partnership.views import meeting_of


@allowed(access.can_manage)
@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, code: str, date: str) -> HttpResponse:
    meeting = meeting_of(request, code, date)
    form = MeetingEditForm(_posted(request), meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            saved = save_or_refuse(form, "meeting", services.meeting_update, meeting=meeting,
                                   seen_version=form.cleaned_data["version"], by=request.user,
                                   **form.details())
        except services.DuplicateMeeting as exc:
            form.add_error("date", str(exc))
        else:
            if saved:
                messages.success(request, f"Meeting saved: {saved.result}")
                return redirect("partnership:meeting_detail", code=code,
                                date=saved.result.date.isoformat())
    return render(request, "partnership/meeting_edit.html", {"meeting": meeting, "form": form})


@allowed(access.can_manage)
@require_http_methods(["GET", "POST"])
def meeting_cancel(request: HttpRequest, code: str, date: str) -> HttpResponse:
    meeting = meeting_of(request, code, date)
    form = MeetingCancelForm(_posted(request), initial={"version": meeting.version})
    if request.method == "POST" and form.is_valid() and save_or_refuse(
            form, "meeting", services.meeting_cancel, meeting=meeting,
            seen_version=form.cleaned_data["version"], by=request.user,
            reason=form.cleaned_data["reason"], today=today()):
        messages.success(request, f"Meeting cancelled: {meeting}")
        return redirect("partnership:meeting_detail", code=code, date=date)
    return render(request, "web/form.html", {
        "form": form, "title": "Cancel the meeting?", "caption": str(meeting),
        "back": meeting_url(meeting), "button": "Cancel meeting",
        "warning": "A cancelled meeting is not counted as held, and its register leaves the "
                   "attendance figures."})


def meeting_url(meeting: object) -> str:
    from django.urls import reverse

    return reverse("partnership:meeting_detail",
                   args=[meeting.group.code, meeting.date.isoformat()])  # type: ignore[attr-defined]
