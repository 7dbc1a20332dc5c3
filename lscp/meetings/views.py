"""Pages for a meeting's business. Everyone in the partnership reads it on the meeting page
(partnership's view, through the `on_meeting` tag); the business unit edits it here."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from lscp.assurance.models import Recommendation
from lscp.meetings import selectors, services
from lscp.meetings.forms import (
    ActionArisingForm,
    AgendaItemEditForm,
    AgendaItemForm,
    DecisionForm,
    MinutesForm,
    QuorumForm,
    WithdrawForm,
)
from lscp.meetings.models import AgendaItem
from lscp.meetings.pack import build_pack
from lscp.partnership import access
from lscp.partnership.http import (
    allowed,
    file_response,
    partnership_of,
    save_or_refuse,
    today,
)
from lscp.partnership.models import Group, Meeting


def _meeting(request: HttpRequest, code: str, date: str) -> Meeting:
    try:
        day = dt.date.fromisoformat(date)
    except ValueError:
        raise Http404("Not a date") from None
    return get_object_or_404(Meeting.objects.select_related("group__partnership"),
                             group__partnership=partnership_of(request), group__code=code,
                             date=day)


def _back(meeting: Meeting) -> str:
    return reverse("partnership:meeting_detail", args=[meeting.group.code,
                                                       meeting.date.isoformat()])


def _form(request: HttpRequest, meeting: Meeting, form: Any, title: str,
          **extra: Any) -> HttpResponse:
    return render(request, "web/form.html", {
        "form": form, "title": title, "caption": str(meeting), "back": _back(meeting), **extra})


@allowed(access.can_manage)
@require_http_methods(["GET", "POST"])
def agenda_item_new(request: HttpRequest, code: str, date: str) -> HttpResponse:
    meeting = _meeting(request, code, date)
    form = AgendaItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        item = services.agenda_item_add(meeting=meeting, by=request.user, **form.cleaned_data)
        messages.success(request, f"Agenda item {item.position} added: {item.title}")
        return redirect(_back(meeting))
    return _form(request, meeting, form, "Add an agenda item")


def _item(request: HttpRequest, code: str, date: str, position: int) -> AgendaItem:
    meeting = _meeting(request, code, date)
    return get_object_or_404(AgendaItem.objects.current().select_related("meeting__group"),
                             meeting=meeting, position=position)


@allowed(access.can_manage)
@require_http_methods(["GET", "POST"])
def agenda_item_edit(request: HttpRequest, code: str, date: str, position: int) -> HttpResponse:
    item = _item(request, code, date, position)
    form = AgendaItemEditForm(request.POST or None, initial={
        "title": item.title, "presenter": item.presenter, "minutes": item.minutes,
        "version": item.version})
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data}
        if save_or_refuse(form, "agenda item", services.agenda_item_update, item=item,
                          seen_version=data.pop("version"), by=request.user, **data):
            messages.success(request, f"Agenda item {item.position} saved")
            return redirect(_back(item.meeting))
    return _form(request, item.meeting, form, f"Agenda item {item.position}")


@allowed(access.can_manage)
@require_http_methods(["GET", "POST"])
def agenda_item_withdraw(request: HttpRequest, code: str, date: str,
                         position: int) -> HttpResponse:
    item = _item(request, code, date, position)
    form = WithdrawForm(request.POST or None, initial={"version": item.version})
    if request.method == "POST" and form.is_valid() and save_or_refuse(
            form, "agenda item", services.agenda_item_withdraw, item=item,
            reason=form.cleaned_data["reason"], by=request.user, today=today(),
            seen_version=form.cleaned_data["version"]):
        messages.success(request, f"Agenda item withdrawn: {item.title}")
        return redirect(_back(item.meeting))
    return _form(request, item.meeting, form, f"Withdraw agenda item {item.position}",
                 lead=item.title, button="Withdraw item",
                 warning="The item leaves the agenda and the meeting's pack; its history is "
                         "kept.")


@allowed(access.can_manage)
@require_http_methods(["GET", "POST"])
def minutes_edit(request: HttpRequest, code: str, date: str) -> HttpResponse:
    meeting = _meeting(request, code, date)
    minutes = selectors.minutes_of(meeting)
    form = MinutesForm(request.POST or None, initial={
        "text": minutes.text if minutes else "", "version": minutes.version if minutes else 0})
    if request.method == "POST" and form.is_valid() and save_or_refuse(
            form, "meeting's minutes", services.minutes_save, meeting=meeting,
            text=form.cleaned_data["text"], by=request.user,
            seen_version=form.cleaned_data["version"]):
        messages.success(request, "Minutes saved")
        return redirect(_back(meeting))
    return _form(request, meeting, form, "Minutes of the meeting")


@allowed(access.can_manage)
@require_http_methods(["GET", "POST"])
def decision_new(request: HttpRequest, code: str, date: str) -> HttpResponse:
    meeting = _meeting(request, code, date)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decision = services.decision_add(meeting=meeting, text=form.cleaned_data["text"],
                                         by=request.user)
        messages.success(request, f"Decision {decision.code} recorded")
        return redirect(_back(meeting))
    return _form(request, meeting, form, "Record a decision")


@allowed(access.can_manage)
@require_http_methods(["GET", "POST"])
def action_new(request: HttpRequest, code: str, date: str, decision: str) -> HttpResponse:
    meeting = _meeting(request, code, date)
    found = get_object_or_404(Recommendation.objects.current(), meeting=meeting, code=decision)
    form = ActionArisingForm(request.POST or None, partnership=meeting.group.partnership)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        action = services.action_arising_add(decision=found, text=data["text"],
                                             owner=data["owner"], due=data["due"],
                                             by=request.user)
        messages.success(request, f"Action added to the action register for {action.owner}")
        return redirect(_back(meeting))
    return _form(request, meeting, form, "Add an action arising", lead=found.text)


@allowed(access.can_read)
def pack(request: HttpRequest, code: str, date: str) -> HttpResponse:
    meeting = _meeting(request, code, date)
    return file_response(build_pack(meeting), f"{meeting.group.code}-{meeting.date}-pack.pdf")


@allowed(access.can_manage)
@require_http_methods(["GET", "POST"])
def quorum_edit(request: HttpRequest, code: str) -> HttpResponse:
    group = get_object_or_404(Group, partnership=partnership_of(request), code=code)
    rule = selectors.rule_of(group)
    form = QuorumForm(request.POST or None, initial={
        "min_seats": rule.min_seats if rule else None,
        "min_agencies": rule.min_agencies if rule else None,
        "version": rule.version if rule else 0})
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data}
        if save_or_refuse(form, "quorum", services.quorum_rule_save, group=group,
                          seen_version=data.pop("version"), by=request.user, **data):
            messages.success(request, f"Quorum saved for {group.name}")
            return redirect("partnership:group_detail", code=group.code)
    return render(request, "web/form.html", {
        "form": form, "title": "Quorum", "caption": group.name,
        "lead": "How many must be present for the group's meetings to be quorate.",
        "back": reverse("partnership:group_detail", args=[group.code])})
