"""Recommendations and their actions: adding and editing them, progress by the owning agency,
and due-date extensions (the agency asks, the business unit decides)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from lscp.assurance import register_services as rs
from lscp.assurance import selectors, services
from lscp.assurance.forms import (
    ActionUpdateForm,
    ExtensionDecisionForm,
    ExtensionRequestForm,
    NewActionForm,
    RecommendationForm,
)
from lscp.assurance.models import (
    Action,
    ChildDeathYear,
    ExtensionRequest,
    ExtensionStatus,
    Recommendation,
)
from lscp.assurance.views._common import form_page, locked, page, plain, withdraw_page
from lscp.partnership import access
from lscp.partnership.http import allowed, partnership_of, save_or_refuse, today


def source_page(rec: Recommendation) -> str:
    """Where a recommendation is shown: its review, the audits or the CDOP year."""
    if rec.review_id:
        return reverse("assurance:review_detail", args=[rec.review.code])  # type: ignore[union-attr]
    if rec.audit_id:
        return reverse("assurance:audits") + f"#audit-{rec.audit.code}"  # type: ignore[union-attr]
    if rec.child_deaths_id:
        label = rec.child_deaths.year.label  # type: ignore[union-attr]
        return reverse("assurance:child_deaths") + f"?year={label}"
    return reverse("assurance:actions")


def _source(request: HttpRequest, kind: str, key: str) -> dict[str, Any]:
    p = partnership_of(request)
    if kind == "review":
        return {"review": get_object_or_404(p.reviews.current(), code=key)}
    if kind == "audit":
        return {"audit": get_object_or_404(p.audits.current(), code=key)}
    return {"child_deaths": get_object_or_404(ChildDeathYear, year__partnership=p,
                                              year__label=key)}


@allowed(access.can_manage)
@require_http_methods(["GET", "POST"])
def recommendation_new(request: HttpRequest, kind: str, key: str) -> HttpResponse:
    p, source = partnership_of(request), _source(request, kind, key)
    form = RecommendationForm(request.POST or None, partnership=p, taken=p.recommendations.all())
    back = source_page(Recommendation(**source))
    return form_page(request, form, plain(rs.recommendation_add, partnership=p, by=request.user,
                                          **source),
                     title="Add a recommendation", caption=str(next(iter(source.values()))),
                     back=back, done=source_page, message="Recommendation added")


def _recommendation(request: HttpRequest, code: str) -> Recommendation:
    return get_object_or_404(partnership_of(request).recommendations.current().select_related(
        "review", "audit", "child_deaths__year"), code=code)


@allowed(access.can_manage)
@require_http_methods(["GET", "POST"])
def recommendation_edit(request: HttpRequest, code: str) -> HttpResponse:
    rec = _recommendation(request, code)
    form = RecommendationForm(request.POST or None, partnership=rec.partnership, record=rec)
    return form_page(request, form, locked(form, "recommendation", rs.recommendation_update,
                                           recommendation=rec, by=request.user),
                     title="Edit the recommendation", caption=rec.source, back=source_page(rec),
                     done=source_page, message="Recommendation saved")


@allowed(access.can_manage)
@require_http_methods(["GET", "POST"])
def recommendation_withdraw(request: HttpRequest, code: str) -> HttpResponse:
    rec = _recommendation(request, code)
    return withdraw_page(request, rec, noun="recommendation", back=source_page(rec),
                         done=source_page(rec))


@allowed(access.can_manage)
@require_http_methods(["GET", "POST"])
def action_new(request: HttpRequest, code: str) -> HttpResponse:
    rec = _recommendation(request, code)
    form = NewActionForm(request.POST or None, partnership=rec.partnership)
    return form_page(request, form, plain(rs.action_add, recommendation=rec, by=request.user),
                     title="Add an action", caption=rec.text, back=source_page(rec),
                     done=_action_page, message="Action added")


def _action_page(action: Action) -> str:
    return reverse("assurance:action_detail", args=[action.pk])


def _action(request: HttpRequest, pk: int) -> Action:
    return get_object_or_404(
        selectors.live_actions().select_related("recommendation__review",
                                                "recommendation__audit",
                                                "recommendation__child_deaths__year"),
        pk=pk, recommendation__partnership=partnership_of(request))


@allowed(access.can_read)
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action(request, pk)
    extensions = list(action.extensions.select_related("requested_by", "decided_by"))
    return page(request, "assurance/action_detail.html", {
        "action": action, "today": today(), "extensions": extensions,
        "pending": next((e for e in extensions if e.status == ExtensionStatus.PENDING), None),
        "can_edit": bool(access.action_statuses_for(request.user, action)),
        "can_manage": access.can_manage(request.user),
        "can_extend": access.can_request_extension(request.user, action),
        "source_url": source_page(action.recommendation)})


@allowed(access.can_read)
@require_http_methods(["GET", "POST"])
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Progress and evidence: the owning agency, or the business unit accepting evidence."""
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
    return page(request, "assurance/action_edit.html", {"action": action, "form": form})


@allowed(access.can_manage)
@require_http_methods(["GET", "POST"])
def action_change(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action(request, pk)
    form = NewActionForm(request.POST or None, partnership=action.recommendation.partnership,
                         record=action)
    return form_page(request, form, locked(form, "action", rs.action_change, action=action,
                                           by=request.user),
                     title="Change the action", caption=action.owner.name,
                     back=_action_page(action), done=_action_page, message="Action saved")


@allowed(access.can_manage)
@require_http_methods(["GET", "POST"])
def action_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action(request, pk)
    return withdraw_page(request, action, noun="action", back=_action_page(action),
                         done=reverse("assurance:actions"))


@allowed(access.can_read)
@require_http_methods(["GET", "POST"])
def extension_new(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action(request, pk)
    if not access.can_request_extension(request.user, action):
        raise PermissionDenied
    form = ExtensionRequestForm(request.POST or None, action=action)
    return form_page(request, form, plain(rs.extension_request, action=action, by=request.user,
                                          today=today()),
                     title="Ask for more time", caption=action.text,
                     lead=f"Due {action.due:%-d %B %Y}." if action.due else "",
                     back=_action_page(action), done=_action_page(action),
                     message="Your request was sent to the business unit", button="Send request")


@allowed(access.can_manage)
@require_http_methods(["GET", "POST"])
def extension_decide(request: HttpRequest, pk: int) -> HttpResponse:
    ext = get_object_or_404(ExtensionRequest.objects.select_related("action__owner"), pk=pk,
                            action__recommendation__partnership=partnership_of(request),
                            status=ExtensionStatus.PENDING)
    form = ExtensionDecisionForm(request.POST or None, initial={"version": ext.version})
    lead = (f"{ext.action.owner.name} asks to move the due date from "
            f"{ext.due_before:%-d %B %Y} to {ext.new_due:%-d %B %Y}: {ext.reason}"
            if ext.due_before else f"{ext.action.owner.name} asks for {ext.new_due:%-d %B %Y}: "
                                   f"{ext.reason}")
    return form_page(request, form, locked(form, "request", rs.extension_decide, request=ext,
                                           by=request.user, today=today()),
                     title="Decide on the extension", caption=ext.action.text, lead=lead,
                     back=_action_page(ext.action), done=_action_page(ext.action),
                     message="Decision recorded")
