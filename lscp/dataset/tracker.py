"""Tracker pages: the grid of agencies by indicator set for a period, its deadline and the
chasers. Thin: access, the grid from `tracking`, and its services for every change."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from lscp.dataset import tracking
from lscp.dataset.forms import DeadlineForm
from lscp.dataset.models import Submission
from lscp.insight.periods import Period, ended_by
from lscp.partnership import access
from lscp.partnership.http import allowed, partnership_of, save_or_refuse, today


def _period(request: HttpRequest, key: str | None) -> Period:
    """The period asked for, or the latest that has ended (the one being collected)."""
    p = partnership_of(request)
    periods = tracking.periods_of(p)
    if key:
        found = next((x for x in periods if x.key == key), None)
        if found is None:
            raise Http404("Not a period of this partnership")
        return found
    ended = ended_by([y.label for y in p.years.all()], today())
    if not (ended or periods):
        raise Http404("No reporting year has been recorded yet")
    return ended[0] if ended else periods[-1]


def _grid(request: HttpRequest, period: Period) -> tracking.Grid:
    visible = access.submissions_visible_to(request.user, Submission.objects.all())
    return tracking.grid(partnership_of(request), period, today(), visible,
                         agency=access.own_agency(request.user))


def _render(request: HttpRequest, period: Period, form: DeadlineForm | None = None,
            status: int = 200) -> HttpResponse:
    grid = _grid(request, period)
    can_manage = access.can_manage(request.user)
    if form is None and can_manage:
        form = DeadlineForm(period_end=period.end, initial={
            "version": grid.deadline.version if grid.deadline else 0,
            **({"due": grid.due} if grid.deadline else {})})
    return render(request, "dataset/tracker.html", {
        "grid": grid, "periods": tracking.periods_of(partnership_of(request)), "form": form,
        "can_manage": can_manage, "today": today()}, status=status)


@allowed(access.can_read)
def tracker(request: HttpRequest) -> HttpResponse:
    return _render(request, _period(request, request.GET.get("period")))


@allowed(access.can_manage)
@require_http_methods(["POST"])
def tracker_deadline(request: HttpRequest, period: str) -> HttpResponse:
    chosen = _period(request, period)
    form = DeadlineForm(request.POST, period_end=chosen.end)
    if form.is_valid() and save_or_refuse(
            form, "deadline", tracking.deadline_set, partnership=partnership_of(request),
            period=chosen.key, due=form.cleaned_data["due"], by=request.user,
            seen_version=form.cleaned_data["version"]):
        messages.success(request, f"Figures for {chosen.label} are now due "
                                  f"{form.cleaned_data['due']:%-d %B %Y}")
        return redirect(_tracker_url(chosen))
    return _render(request, chosen, form, status=400)


@allowed(access.can_manage)
@require_POST
def tracker_chase(request: HttpRequest, period: str, agency: str) -> HttpResponse:
    chosen = _period(request, period)
    p = partnership_of(request)
    owner = get_object_or_404(p.agencies, code=agency)
    chaser = tracking.chaser_send(partnership=p, agency=owner, period=chosen.key, by=request.user,
                                  link=request.build_absolute_uri(reverse("dataset:submissions")))
    sent_to = (f"emailed to {len(chaser.recipients)} contributor"
               f"{'' if len(chaser.recipients) == 1 else 's'}" if chaser.recipients
               else "recorded; nobody at the agency has an email address to send it to")
    messages.success(request, f"Chaser to {owner.name} for {chosen.label} {sent_to}")
    return redirect(_tracker_url(chosen))


def _tracker_url(period: Period) -> str:
    return f"{reverse('dataset:tracker')}?period={period.key}"

