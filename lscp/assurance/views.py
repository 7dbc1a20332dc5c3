"""Learning and improvement pages. Thin: access, selectors, services, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from lscp.assurance import selectors, services
from lscp.assurance.forms import ActionUpdateForm, ChallengeForm, ChallengeResponseForm
from lscp.assurance.models import Action, ChallengeStatus, risk_band
from lscp.partnership import access
from lscp.partnership.http import (
    allowed,
    partnership_of,
    save_or_refuse,
    today,
    year_context,
    year_for,
)

LINKS = [("assurance:reviews", "Case reviews"), ("assurance:actions", "Open actions"),
         ("assurance:audits", "Audits"),
         ("assurance:challenges", "Challenge log"), ("assurance:risks", "Risk register"),
         ("assurance:child_deaths", "Child death overview")]


def _render(request: HttpRequest, template: str, context: dict) -> HttpResponse:
    links = [(reverse(name), label) for name, label in LINKS]
    return render(request, template, {**context, "learning_links": links})


@allowed(access.can_read)
def index(request: HttpRequest) -> HttpResponse:
    p = partnership_of(request)
    open_list = selectors.open_actions(p, today())
    rows = selectors.review_register(p, today())
    risk_list = list(p.risks.all())
    return _render(request, "assurance/index.html", {
        "today": today(), "open_count": len(open_list),
        "overdue_count": sum(a.is_overdue(today()) for a in open_list),
        "due_next": [r for r in rows if r.next_due][:5],
        "open_challenges": p.challenges.filter(status=ChallengeStatus.OPEN).count(),
        "risk_count": len(risk_list),
        "high_risks": sum(risk_band(r.score_after) == "high" for r in risk_list),
        "risk_reviews_overdue": sum(r.review_overdue(today()) for r in risk_list)})


@allowed(access.can_read)
def reviews(request: HttpRequest) -> HttpResponse:
    p = partnership_of(request)
    return _render(request, "assurance/reviews.html", {
        "rows": selectors.review_register(p, today()), "today": today()})


@allowed(access.can_read)
def review_detail(request: HttpRequest, code: str) -> HttpResponse:
    p = partnership_of(request)
    review = get_object_or_404(p.reviews.prefetch_related("agencies", "learning"), code=code)
    clocks = [(m, m.state(today())) for m in review.milestones()]
    return _render(request, "assurance/review_detail.html", {
        "review": review, "clocks": clocks,
        "recommendations": review.recommendations.prefetch_related("actions__owner")})


@allowed(access.can_read)
def actions(request: HttpRequest) -> HttpResponse:
    p = partnership_of(request)
    return _render(request, "assurance/actions.html", {
        "groups": selectors.actions_by_agency(p, today()), "today": today(),
        "can_manage": access.can_manage(request.user)})


@allowed(access.can_read)
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action(request, pk)
    return _render(request, "assurance/action_detail.html", {
        "action": action, "today": today(),
        "can_edit": bool(access.action_statuses_for(request.user, action))})


@allowed(access.can_read)
@require_http_methods(["GET", "POST"])
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action(request, pk)
    statuses = access.action_statuses_for(request.user, action)
    if not statuses:
        raise PermissionDenied
    form = ActionUpdateForm(request.POST or None, action=action, statuses=statuses)
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data}
        if save_or_refuse(form, "action", services.action_update, action=action,
                          user=request.user, seen_version=data.pop("version"), today=today(),
                          **data):
            messages.success(request, "Action updated")
            return redirect("assurance:action_detail", pk=action.pk)
    return _render(request, "assurance/action_edit.html", {"action": action, "form": form})


def _action(request: HttpRequest, pk: int) -> Action:
    return get_object_or_404(
        Action.objects.select_related("owner", "recommendation__review", "recommendation__audit",
                                      "recommendation__child_deaths__year"),
        pk=pk, recommendation__partnership=partnership_of(request))


@allowed(access.can_read)
def audits(request: HttpRequest) -> HttpResponse:
    p = partnership_of(request)
    return _render(request, "assurance/audits.html", {
        "audits": p.audits.prefetch_related("findings", "agencies", "recommendations__actions")})


@allowed(access.can_read)
def challenges(request: HttpRequest) -> HttpResponse:
    p = partnership_of(request)
    return _render(request, "assurance/challenges.html", {
        "challenges": selectors.challenges_open_first(p),
        "can_raise": access.can_raise_challenges(request.user),
        "can_manage": access.can_manage(request.user)})


@allowed(access.can_raise_challenges)
@require_http_methods(["GET", "POST"])
def challenge_new(request: HttpRequest) -> HttpResponse:
    p = partnership_of(request)
    membership = access.membership_of(request.user)
    initial = {"raised_by": membership.get_role_display() if membership else "",
               "raised_on": today()}
    form = ChallengeForm(request.POST or None, partnership=p, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.challenge_raise(partnership=p, by=request.user, **form.cleaned_data)
        messages.success(request, "Challenge added to the impact log")
        return redirect("assurance:challenges")
    return _render(request, "assurance/form.html", {
        "form": form, "title": "Raise a challenge", "back": reverse("assurance:challenges")})


@allowed(access.can_manage)
@require_http_methods(["GET", "POST"])
def challenge_respond(request: HttpRequest, code: str) -> HttpResponse:
    challenge = get_object_or_404(partnership_of(request).challenges, code=code)
    form = ChallengeResponseForm(request.POST or None, instance=challenge)
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data}
        if save_or_refuse(form, "challenge", services.challenge_respond, challenge=challenge,
                          seen_version=data.pop("version"), **data):
            messages.success(request, "Challenge updated")
            return redirect("assurance:challenges")
    return _render(request, "assurance/form.html", {
        "form": form, "title": "Record the response", "lead": challenge.challenge,
        "back": reverse("assurance:challenges")})


@allowed(access.can_read)
def risks(request: HttpRequest) -> HttpResponse:
    p = partnership_of(request)
    risk_list = list(p.risks.select_related("owner"))
    maps = [(caption, _heat_grid(selectors.risk_heat_map(risk_list, after_controls=after)))
            for caption, after in (("after controls (residual risk)", True),
                                   ("before controls (inherent risk)", False))]
    rows = [(r, r.review_overdue(today())) for r in risk_list]
    return _render(request, "assurance/risks.html", {"rows": rows, "maps": maps})


def _heat_grid(heat: dict[tuple[int, int], int]) -> list[tuple[int, list[tuple[int, int, int, str]]]]:
    """Rows from likelihood 5 down to 1; cells (impact, risks, score, band) for impact 1 to 5."""
    return [(likelihood, [(impact, heat.get((likelihood, impact), 0), likelihood * impact,
                           risk_band(likelihood * impact)) for impact in range(1, 6)])
            for likelihood in range(5, 0, -1)]


@allowed(access.can_read)
def child_deaths(request: HttpRequest) -> HttpResponse:
    p = partnership_of(request)
    year = year_for(p, request.GET.get("year"))
    cdop = getattr(year, "cdop", None)
    return _render(request, "assurance/child_deaths.html", {
        **year_context(p, year), "cdop": cdop,
        "recommendations": cdop.recommendations.prefetch_related("actions__owner") if cdop else []})
