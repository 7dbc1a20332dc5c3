"""The front door: a member's home page (what needs their attention, then the partnership's
overview), or the list of published reports for anyone else; the page a paused sign-in sees;
a health check for the proxy."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe

from lscp.dataset.selectors import themes
from lscp.dataset.spc_series import current_signals
from lscp.partnership import access, selectors
from lscp.partnership.expectations import expected
from lscp.partnership.http import allowed, partnership_of, today, year_context, year_for
from lscp.partnership.models import Agency, Partnership, ReportingYear
from lscp.partnership.versioning import cached
from lscp.web import attention
from lscp.web.attention import Audience


def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated and access.membership_of(request.user):
        return member_home(request)
    if request.user.is_authenticated:
        raise PermissionDenied  # signed in, but not a member of any partnership
    published = ReportingYear.objects.filter(report_published=True).select_related("partnership")
    return render(request, "web/home.html", {"published": published})


@allowed(access.can_read)
def member_home(request: HttpRequest) -> HttpResponse:
    p = partnership_of(request)
    audience, agency = audience_of(request.user)
    year = year_for(p, request.GET.get("year"))
    return render(request, "web/member_home.html", {
        **year_context(p, year), "partnership": p, "audience": audience, "agency": agency,
        "attention_html": attention_html(p, audience, agency),
        "attention": SimpleLazyObject(lambda: attention_of(p, audience, agency)),  # for tests
        **cached(p.pk, "home-overview", year.label, build=lambda: selectors.overview_figures(p, year)),
        "can_manage": access.can_manage(request.user),
        "can_use_two_step": access.can_use_two_step(request.user), "today": today()})


def audience_of(user: Any) -> tuple[Audience, Agency | None]:
    """Which home page a member sees: decided by what access lets them do."""
    if access.can_manage(user):
        return Audience.BUSINESS_UNIT, None
    if (agency := access.own_agency(user)) is not None:
        return Audience.AGENCY, agency
    if access.can_approve_reports(user):
        return Audience.CHAIR, None
    return Audience.BOARD, None


def attention_html(p: Partnership, audience: Audience, agency: Agency | None) -> str:
    """The attention list laid out, kept as a string: reading back and laying out every
    item on each view cost more than the rest of the home page."""
    html = cached(p.pk, "home-attention-html", audience, agency.pk if agency else "",
                  build=lambda: render_to_string("web/_attention.html", {
                      "attention": attention_of(p, audience, agency), "audience": audience,
                      "agency": agency}))
    return mark_safe(html)  # noqa: S308 (our own template's output, escaped as it was built)


def attention_of(p: Partnership, audience: Audience, agency: Agency | None) -> attention.Attention:
    """Built once per data version, day, audience and agency (decision 0010)."""

    def gather() -> attention.Attention:
        if audience == Audience.BOARD:
            year = year_for(p, None)
            return attention.board_attention(
                [attention.figure_of(s) for _, found in themes(p, year.label) for s in found
                 if s.current is not None and s.current.figure is not None], year.label)
        return attention.attention_for(audience, expected(p, today(), agency=agency))

    def build() -> attention.Attention:
        found = gather()
        if audience not in attention.SIGNALS_FOR:
            return found
        return attention.with_signals(found, current_signals(p, today()))  # emerging risk

    return cached(p.pk, "home-attention", audience, agency.pk if agency else "", build=build)



def locked_out(request: HttpRequest, *args: Any) -> HttpResponse:
    """What django-axes shows instead of signing in, once an account or address is paused."""
    return render(request, "registration/locked_out.html", {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)}, status=429)


def health(request: HttpRequest) -> HttpResponse:
    """For the proxy or load balancer: the app answers and its database does too."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")
