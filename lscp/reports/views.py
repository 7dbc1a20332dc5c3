"""Report pages: the yearly report with its statutory checklist, approval, downloads, and the
published edition open to anyone. Thin: access, build the content tree, render.

A page reads the content tree from the cache kept by data version (decision 0010): building it
is the costly part, and pages are read far more often than records change. A download reads
the same tree and keys its rendered file by the content itself (decision 0005): a record
changed since replaces the data version, so the file still matches the records, and a second
download builds and renders nothing (decision 0016)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods

from lscp.audit.models import EventKind
from lscp.audit.services import record_request
from lscp.partnership import access, services
from lscp.partnership.http import View, allowed, file_response, year_context
from lscp.partnership.http import partnership_of as _partnership
from lscp.partnership.http import year_for as _year
from lscp.partnership.models import Partnership, ReportingYear
from lscp.partnership.versioning import cached
from lscp.reports import publication_views as publication
from lscp.reports import statutory
from lscp.reports.cache import rendered
from lscp.reports.content import Document
from lscp.reports.documents.yearly import build_yearly_report
from lscp.reports.publication_forms import FeedbackForm
from lscp.reports.render import RENDERERS


@allowed(access.can_read)
def yearly_report(request: HttpRequest, label: str | None = None) -> HttpResponse:
    p = _partnership(request)
    year = _year(p, label or request.GET.get("year"))
    return render(request, "reports/yearly_report.html", {
        **year_context(p, year), **_page(p, year), "formats": ["pdf", "docx", "html"],
        "can_approve": access.can_approve_reports(request.user)})


def _page(p: Partnership, year: ReportingYear) -> dict[str, Any]:
    """What the report page shows, kept as a few words and laid-out HTML: reading back the
    whole content tree on every view cost more than the rest of the page."""

    def build() -> dict[str, Any]:
        document = _document(p, year)
        checklist = statutory.coverage(document)
        met = sum(r.met for r in checklist)
        return {"title": document.title, "subtitle": document.subtitle,
                "checklist": checklist, "checklist_met": met,
                "checklist_complete": met == len(checklist)}

    page = cached(p.pk, "yearly-report-page", year.label, build=build)
    html = _document_html(p, year, lambda: _document(p, year))
    return {**page, "document_html": html}


def _document(p: Partnership, year: ReportingYear, *, public: bool = False) -> Document:
    """The content tree a page shows, built once per data version; the two editions never
    share one (the public edition suppresses small numbers)."""
    edition = "public" if public else "internal"
    return cached(p.pk, "yearly-report", year.label, edition,
                  build=lambda: build_yearly_report(p, year, public=public))


def _document_html(p: Partnership, year: ReportingYear, document: Callable[[], Document], *,
                   public: bool = False) -> str:
    """The report laid out as page HTML, kept beside its tree: laying out 1 MB of tables and
    drawing the charts cost more than reading the tree, on every view."""
    edition = "public" if public else "internal"
    html = cached(p.pk, "yearly-report-html", year.label, edition,
                  build=lambda: render_to_string("reports/_document.html",
                                                 {"document": document(), "on_page": True}))
    return mark_safe(html)  # noqa: S308 (our own template's output, escaped as it was built)


@allowed(access.can_approve_reports)
@require_http_methods(["POST"])
def yearly_report_publish(request: HttpRequest, label: str) -> HttpResponse:
    """The Chair or the business unit approves the report for publication (or withdraws it),
    after a page that says what that will do: a report is public the moment it is published."""
    year = get_object_or_404(_partnership(request).years, label=label)
    publish = request.POST.get("action") == "publish"
    refusal = publish and publication.refused(request, year)  # the readiness checklist
    if refusal:
        return refusal
    if request.POST.get("confirmed") != "yes":
        return render(request, "reports/publish_confirm.html", {
            "year": year, "publish": publish, "partnership": _partnership(request)})
    if publish:
        refusal = publication.publish(request, year)  # checked again, in the transaction
        if refusal:
            return refusal
    else:
        services.report_publication_set(year=year, published=False, by=request.user)
    messages.success(request, f"The {label} report is now "
                              + ("published" if publish else "withdrawn"))
    return redirect("reports:yearly_year", label=label)


# The standalone HTML edition carries its own stylesheet inline, so it opens from a file too.
standalone_styles = cast(Callable[[View], View], csp_update({"style-src": [UNSAFE_INLINE]}))


@allowed(access.can_read)
@standalone_styles
def yearly_report_file(request: HttpRequest, label: str, fmt: str) -> HttpResponse:
    p = _partnership(request)
    public = request.GET.get("edition") == "public"
    response = _report_file(p, get_object_or_404(p.years, label=label), fmt, public=public)
    if not public:  # the internal edition shows true small numbers: keep who took a copy
        record_request(request, EventKind.INTERNAL_DOWNLOAD,
                       f"Yearly report {label}, internal edition ({fmt.upper()})")
    return response


def _report_file(p: Partnership, year: ReportingYear, fmt: str,
                 public: bool = False) -> HttpResponse:
    if fmt not in RENDERERS:
        raise Http404("Unknown format")
    # The tree the pages show, kept by data version: a download builds nothing that is
    # already built, and renders a format only once per content (lscp/reports/cache.py).
    document = _document(p, year, public=public)
    body = rendered(document, fmt, settings.REPORT_OUTPUT_DIR / "cache")
    return file_response(body, f"{document.slug}.{fmt}", inline=fmt == "html")


def public_report(request: HttpRequest, slug: str, label: str) -> HttpResponse:
    """The published report: open to anyone, once the partnership has published it."""
    p = get_object_or_404(Partnership, slug=slug)
    year = get_object_or_404(p.years, label=label, report_published=True)
    document = _document(p, year, public=True)
    return render(request, "reports/public_report.html", {
        "public_partnership": p, "year": year, "document": document,
        "form": FeedbackForm(),
        "document_html": _document_html(p, year, lambda: document, public=True)})


@standalone_styles
def public_report_file(request: HttpRequest, slug: str, label: str, fmt: str) -> HttpResponse:
    p = get_object_or_404(Partnership, slug=slug)
    year = get_object_or_404(p.years, label=label, report_published=True)
    return _report_file(p, year, fmt, public=True)
