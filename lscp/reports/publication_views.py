"""Pages that make publishing a decision (docs/publication.md): the readiness checklist,
partners' sign-offs, the chair's overrides, the distribution log, readers' feedback (the
public form and the business unit's reading of it), and the committee papers. Thin: access,
a form, a service; the rules are in lscp/reports/publication.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from lscp.audit.models import EventKind
from lscp.audit.services import address_of, record_request
from lscp.partnership import access
from lscp.partnership.http import View, allowed, file_response, partnership_of, posted, today
from lscp.partnership.models import Partnership, ReportingYear
from lscp.reports import publication_selectors as selectors
from lscp.reports import publication_services as services
from lscp.reports import throttle
from lscp.reports.cache import rendered
from lscp.reports.content import Document
from lscp.reports.documents.briefing import build_briefing
from lscp.reports.documents.summary import build_summary
from lscp.reports.models import Signatory
from lscp.reports.publication import Readiness
from lscp.reports.publication_forms import (
    DistributionForm,
    FeedbackForm,
    OverrideForm,
    SignOffForm,
)
from lscp.reports.render import RENDERERS

# Feedback from one address, and on one report from everyone, within an hour.
FEEDBACK_PER_ADDRESS = 5
FEEDBACK_PER_REPORT = 200
HOUR = 3600

# A paper's standalone HTML carries its own stylesheet inline, as the report's does.
standalone_styles = cast(Callable[[View], View], csp_update({"style-src": [UNSAFE_INLINE]}))


def _year(request: HttpRequest, label: str) -> ReportingYear:
    return get_object_or_404(partnership_of(request).years, label=label)


def _back(year: ReportingYear) -> str:
    return reverse("reports:publication", args=[year.label])


def _form(request: HttpRequest, year: ReportingYear, form: Any, title: str,
          **extra: Any) -> HttpResponse:
    return render(request, "web/form.html", {
        "form": form, "title": title, "caption": f"Yearly report {year.label}",
        "back": _back(year), **extra})


@allowed(access.can_read_publication)
def publication(request: HttpRequest, label: str) -> HttpResponse:
    year = _year(request, label)
    user = request.user
    can_read_feedback = access.can_read_feedback(user)
    return render(request, "reports/publication.html", {
        "year": year, "readiness": selectors.readiness_of(year),
        "recipients": selectors.distribution_of(year), "formats": list(RENDERERS),
        "can_sign": access.can_record_sign_offs(user),
        "can_override": access.can_override_readiness(user),
        "can_distribute": access.can_record_distribution(user),
        "can_publish": access.can_approve_reports(user),
        "can_read_feedback": can_read_feedback,
        "feedback_count": selectors.feedback_of(year).count() if can_read_feedback else 0})


def refused(request: HttpRequest, year: ReportingYear) -> HttpResponse | None:
    """The page that refuses publishing, listing what is missing; None when ready. The
    publish view (lscp/reports/views.py) asks here before it confirms or publishes."""
    found = selectors.readiness_of(year)
    return None if found.ready else _refusal(request, year, found)


def _refusal(request: HttpRequest, year: ReportingYear, found: Readiness) -> HttpResponse:
    return render(request, "reports/publish_refused.html",
                  {"year": year, "readiness": found}, status=409)


def publish(request: HttpRequest, year: ReportingYear) -> HttpResponse | None:
    """Publish through the gate; the refusal page if the checklist changed meanwhile."""
    try:
        services.publish(year=year, by=request.user)
    except services.NotReady as refusal:
        return _refusal(request, year, refusal.readiness)
    return None


# Sign-offs and overrides --------------------------------------------------------------------


@allowed(access.can_record_sign_offs)
@require_http_methods(["GET", "POST"])
def sign_off(request: HttpRequest, label: str, signatory: str) -> HttpResponse:
    year = _year(request, label)
    labels = dict(Signatory.choices)
    if signatory not in labels:
        raise Http404("No such signatory")
    found = selectors.sign_offs(year).filter(signatory=signatory).first()
    initial = ({"signed_by": found.signed_by, "agency": found.agency_id,
                "signed_on": found.signed_on} if found else {})
    form = SignOffForm(posted(request), initial=initial, partnership=year.partnership,
                       signatory=signatory)
    if request.method == "POST" and form.is_valid():
        services.sign_off_record(year=year, signatory=signatory, by=request.user,
                                 **form.cleaned_data)
        messages.success(request, f"Sign-off by the {labels[signatory].lower()} recorded")
        return redirect(_back(year))
    return _form(request, year, form, f"Sign-off by the {labels[signatory].lower()}",
                 lead="Record the sign-off on the partner's behalf: who signed the report, "
                      "for which agency, and when.", button="Record the sign-off")


@allowed(access.can_record_sign_offs)
@require_POST
def sign_off_remove(request: HttpRequest, label: str, signatory: str) -> HttpResponse:
    year = _year(request, label)
    if services.sign_off_remove(year=year, signatory=signatory, by=request.user):
        messages.success(request, "Sign-off removed")
    return redirect(_back(year))


@allowed(access.can_override_readiness)
@require_http_methods(["GET", "POST"])
def override(request: HttpRequest, label: str, key: str) -> HttpResponse:
    year = _year(request, label)
    check = selectors.readiness_of(year).check(key)
    if check is None or check.met:
        raise Http404("Nothing missing under that name")
    form = OverrideForm(posted(request),
                        initial={"reason": check.override.reason if check.override else ""})
    if request.method == "POST" and form.is_valid():
        services.override_record(year=year, check=check, reason=form.cleaned_data["reason"],
                                 today=today(), by=request.user)
        messages.success(request, f"Let through: {check.text}")
        return redirect(_back(year))
    return _form(request, year, form, "Publish without this item",
                 lead=f"{check.text}. {check.detail}.", button="Let it through",
                 warning="The report's About section will state your reason to every reader.")


@allowed(access.can_override_readiness)
@require_POST
def override_withdraw(request: HttpRequest, label: str, key: str) -> HttpResponse:
    year = _year(request, label)
    if services.override_withdraw(year=year, item=key, by=request.user):
        messages.success(request, "Override withdrawn")
    return redirect(_back(year))


# Distribution and feedback ------------------------------------------------------------------


@allowed(access.can_record_distribution)
@require_http_methods(["GET", "POST"])
def distribution_new(request: HttpRequest, label: str) -> HttpResponse:
    year = _year(request, label)
    form = DistributionForm(posted(request),
                            initial={"recipient": request.GET.get("recipient", "")[:300],
                                     "sent_on": today()})
    if request.method == "POST" and form.is_valid():
        sent = services.distribution_record(year=year, by=request.user, **form.cleaned_data)
        messages.success(request, f"Sending to {sent.recipient} recorded")
        return redirect(_back(year) + "#distribution")
    return _form(request, year, form, "Record sending the report", button="Record it")


@allowed(access.can_read_feedback)
def feedback_list(request: HttpRequest, label: str) -> HttpResponse:
    year = _year(request, label)
    return render(request, "reports/feedback_list.html", {
        "year": year, "feedback": selectors.feedback_of(year), "back": _back(year)})


def _published(slug: str, label: str) -> tuple[Partnership, ReportingYear]:
    p = get_object_or_404(Partnership, slug=slug)
    year = get_object_or_404(p.years, label=label)
    if not access.can_give_feedback(year):
        raise Http404("Not published")
    return p, year


@require_http_methods(["GET", "POST"])
def public_feedback(request: HttpRequest, slug: str, label: str) -> HttpResponse:
    """Anyone's feedback on a published report: a honeypot field and a limit per address
    and per report keep robots out; nothing identifies the reader unless they choose to."""
    p, year = _published(slug, label)
    form = FeedbackForm(posted(request))
    context = {"public_partnership": p, "year": year, "form": form}
    if request.method == "POST" and form.is_valid():
        if not form.from_a_robot:
            if not _within_limits(request, year):
                return render(request, "reports/feedback_busy.html", context, status=429)
            services.feedback_receive(year=year, useful=form.cleaned_data["useful"],
                                      missing=form.cleaned_data["missing"],
                                      contact=form.cleaned_data["contact"])
        return render(request, "reports/feedback_thanks.html", context)
    return render(request, "reports/feedback_form.html", context)


def _within_limits(request: HttpRequest, year: ReportingYear) -> bool:
    who = address_of(request) or "unknown"
    return (throttle.allow("feedback-address", who, limit=FEEDBACK_PER_ADDRESS, seconds=HOUR)
            and throttle.allow("feedback-report", str(year.pk), limit=FEEDBACK_PER_REPORT,
                               seconds=HOUR))


# The committee papers -----------------------------------------------------------------------


def _paper(document: Document, fmt: str) -> HttpResponse:
    if fmt not in RENDERERS:
        raise Http404("Unknown format")
    body = rendered(document, fmt, settings.REPORT_OUTPUT_DIR / "cache")
    return file_response(body, f"{document.slug}.{fmt}", inline=fmt == "html")


@allowed(access.can_read_publication)
@standalone_styles
def briefing_file(request: HttpRequest, label: str, fmt: str) -> HttpResponse:
    """The committee briefing: built from the public edition, so no download is logged."""
    year = _year(request, label)
    return _paper(build_briefing(year.partnership, year), fmt)


@allowed(access.can_read_publication)
@standalone_styles
def summary_file(request: HttpRequest, label: str, fmt: str) -> HttpResponse:
    year = _year(request, label)
    public = request.GET.get("edition") == "public"
    response = _paper(build_summary(year.partnership, year, public=public), fmt)
    if not public:  # true small numbers: keep who took a copy, as for the full report
        record_request(request, EventKind.INTERNAL_DOWNLOAD,
                       f"Yearly report {label}, executive summary, internal edition "
                       f"({fmt.upper()})")
    return response
