"""The risk register and the child death overview figures, kept by the business unit."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from lscp.assurance import register_services as services
from lscp.assurance.forms import ChildDeathYearForm, RiskForm, RiskReviewForm
from lscp.assurance.models import ChildDeathYear, Risk
from lscp.assurance.views._common import form_page, locked, plain, withdraw_page
from lscp.partnership import access
from lscp.partnership.http import allowed, partnership_of

BACK = "assurance:risks"


def _risk(request: HttpRequest, code: str) -> Risk:
    return get_object_or_404(partnership_of(request).risks.current(), code=code)


@allowed(access.can_manage)
@require_http_methods(["GET", "POST"])
def risk_new(request: HttpRequest) -> HttpResponse:
    p = partnership_of(request)
    form = RiskForm(request.POST or None, partnership=p, taken=p.risks.all())
    return form_page(request, form, plain(services.risk_create, partnership=p, by=request.user),
                     title="Add a risk", back=reverse(BACK), done=reverse(BACK),
                     message="Risk added")


@allowed(access.can_manage)
@require_http_methods(["GET", "POST"])
def risk_edit(request: HttpRequest, code: str) -> HttpResponse:
    risk = _risk(request, code)
    form = RiskForm(request.POST or None, partnership=risk.partnership, record=risk)
    return form_page(request, form, locked(form, "risk", services.risk_update, risk=risk,
                                           by=request.user),
                     title="Edit the risk", caption=risk.title, back=reverse(BACK),
                     done=reverse(BACK), message="Risk saved")


@allowed(access.can_manage)
@require_http_methods(["GET", "POST"])
def risk_review(request: HttpRequest, code: str) -> HttpResponse:
    risk = _risk(request, code)
    form = RiskReviewForm(request.POST or None, partnership=risk.partnership, record=risk)
    return form_page(request, form, locked(form, "risk", services.risk_update, risk=risk,
                                           by=request.user),
                     title="Review the risk", caption=risk.title, back=reverse(BACK),
                     done=reverse(BACK), message="Risk reviewed")


@allowed(access.can_manage)
@require_http_methods(["GET", "POST"])
def risk_withdraw(request: HttpRequest, code: str) -> HttpResponse:
    risk = _risk(request, code)
    return withdraw_page(request, risk, noun="risk", back=reverse(BACK), done=reverse(BACK))


@allowed(access.can_manage)
@require_http_methods(["GET", "POST"])
def child_deaths_edit(request: HttpRequest, label: str) -> HttpResponse:
    """The panel's figures for a year: a new record the first time, an edit after."""
    year = get_object_or_404(partnership_of(request).years, label=label)
    cdop = ChildDeathYear.objects.filter(year=year).first()
    form = ChildDeathYearForm(request.POST or None, partnership=year.partnership, record=cdop)
    back = reverse("assurance:child_deaths") + f"?year={year.label}"
    if cdop is None:
        save = plain(services.child_deaths_save, year=year, by=request.user, seen_version=None)
    else:
        save = locked(form, "figures", services.child_deaths_save, year=year, by=request.user)
    return form_page(request, form, save, title=f"Child death overview figures {year.label}",
                     back=back, done=back, message="Figures saved")
