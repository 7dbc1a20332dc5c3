"""Notices pages: the person's notices, marking them read, and how they want to hear."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from lscp.notices import selectors, services
from lscp.notices.forms import MarkReadForm, PreferenceForm
from lscp.partnership import access
from lscp.partnership.http import allowed, save_or_refuse

PAGE_SIZE = 50


@allowed(access.can_read)
def notice_list(request: HttpRequest) -> HttpResponse:
    notices = selectors.notices_of(request.user)
    page = Paginator(notices, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "notices/list.html", {
        "page": page, "unread": notices.filter(read_at__isnull=True).exists(),
        "channel": services.channel_of(request.user)})


@allowed(access.can_read)
@require_POST
def mark_read(request: HttpRequest) -> HttpResponse:
    form = MarkReadForm(request.POST)
    notices = selectors.notices_of(request.user)
    if form.is_valid() and form.cleaned_data["notice"]:
        notices = notices.filter(pk=form.cleaned_data["notice"])
    count = services.mark_read(user=request.user, notices=notices)
    if count:
        messages.success(request, f"{count} notification{'s' if count != 1 else ''} marked as read")
    return redirect("notices:list")


@allowed(access.can_read)
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    current = selectors.preference_of(request.user)
    initial = {"channel": services.channel_of(request.user),
               "version": current.version if current else 0}
    form = PreferenceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid() and save_or_refuse(
            form, "setting", services.preference_set, user=request.user,
            channel=form.cleaned_data["channel"], seen_version=form.cleaned_data["version"]):
        messages.success(request, "Notification settings saved")
        return redirect("notices:list")
    return render(request, "notices/preferences.html", {
        "form": form, "has_email": bool(request.user.email)})  # type: ignore[union-attr]
