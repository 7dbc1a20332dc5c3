"""Pages of the internal documents: the quarterly performance pack, the strategic threat
assessment and portfolio snapshots, each shown on its page with its downloads.

Internal only: every view asks `access.can_read_internal_documents`, none is under /public/,
and each download is kept in the audit trail, as an internal edition of the yearly report
is. A page reads the laid-out document from the cache kept by data version (decision 0010);
a download builds the tree afresh and keys its rendered file by content (decision 0005).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe

from lscp.audit.models import EventKind
from lscp.audit.services import record_request
from lscp.insight.periods import Period, ended_by, parse_period, parts_of
from lscp.intelligence.selectors import portfolios
from lscp.partnership import access
from lscp.partnership.http import allowed, file_response, partnership_of, today
from lscp.partnership.models import Partnership
from lscp.partnership.versioning import cached
from lscp.reports.cache import rendered
from lscp.reports.content import Document
from lscp.reports.documents.quarterly import build_quarterly_pack
from lscp.reports.documents.snapshot import build_snapshot
from lscp.reports.documents.threat import build_threat_assessment
from lscp.reports.render import RENDERERS
from lscp.reports.views import standalone_styles

FORMATS = ["pdf", "docx", "html"]


def _periods(p: Partnership, kind: str) -> list[Period]:
    """The partnership's quarters (or halves), newest first: those ended come first."""
    found = [x for year in p.years.values_list("label", flat=True) for x in parts_of(year, kind)]
    return sorted(found, reverse=True)


def _chosen(p: Partnership, kind: str, key: str | None) -> Period:
    """The period asked for, else the latest that has ended, else the latest recorded."""
    periods = _periods(p, kind)
    if not periods:
        raise Http404("No reporting year has been recorded yet")
    if key:
        found = next((x for x in periods if x.key == key), None)
        if found is None:
            raise Http404(f"Not a {kind} of this partnership's reporting years")
        return found
    ended = [x for x in ended_by([y.label for y in p.years.all()], today()) if x.kind == kind]
    return ended[0] if ended else periods[0]


def _page(request: HttpRequest, *, kind: str, build: Callable[[], Document],
          key: tuple[str, ...], period: Period, download: Callable[[str], str],
          picker: str, **extra: Any) -> HttpResponse:
    p = partnership_of(request)

    def laid_out() -> dict[str, str]:
        document = build()
        return {"title": document.title, "subtitle": document.subtitle,
                "html": render_to_string("reports/_document.html",
                                         {"document": document, "on_page": True})}

    page = cached(p.pk, "internal-document", kind, *key, build=laid_out)
    return render(request, "reports/internal_document.html", {
        **page, "document_html": mark_safe(page["html"]),  # noqa: S308 (our template's output)
        "period": period, "periods": _periods(p, period.kind), "picker": picker,
        "downloads": [(fmt, download(fmt)) for fmt in FORMATS], **extra})


def _file(request: HttpRequest, document: Document, fmt: str, what: str) -> HttpResponse:
    if fmt not in RENDERERS:
        raise Http404("Unknown format")
    body = rendered(document, fmt, settings.REPORT_OUTPUT_DIR / "cache")
    record_request(request, EventKind.INTERNAL_DOWNLOAD, f"{what} ({fmt.upper()})")
    return file_response(body, f"{document.slug}.{fmt}", inline=fmt == "html")


def _built(build: Callable[[], Document]) -> Document:
    try:
        return build()
    except ValueError as exc:
        raise Http404(str(exc)) from None


# The quarterly performance pack -----------------------------------------------------------


@allowed(access.can_read_internal_documents)
def quarterly(request: HttpRequest, period: str | None = None) -> HttpResponse:
    p = partnership_of(request)
    quarter = _chosen(p, "quarter", period or request.GET.get("period"))
    return _page(request, kind="quarterly", build=lambda: build_quarterly_pack(p, quarter.key),
                 key=(quarter.key,), period=quarter, picker=reverse("reports:quarterly"),
                 download=lambda fmt: reverse("reports:quarterly_file", args=[quarter.key, fmt]))


@allowed(access.can_read_internal_documents)
@standalone_styles
def quarterly_file(request: HttpRequest, period: str, fmt: str) -> HttpResponse:
    p = partnership_of(request)
    quarter = _chosen(p, "quarter", period)
    document = _built(lambda: build_quarterly_pack(p, quarter.key))
    return _file(request, document, fmt, f"Quarterly performance pack {quarter.short_label}")


# The strategic threat assessment ----------------------------------------------------------


@allowed(access.can_read_internal_documents)
def threat(request: HttpRequest, period: str) -> HttpResponse:
    p = partnership_of(request)
    half = _chosen(p, "half", period)
    return _page(request, kind="threat", build=lambda: build_threat_assessment(p, half.key),
                 key=(half.key,), period=half, picker="",
                 download=lambda fmt: reverse("reports:threat_file", args=[half.key, fmt]),
                 register=reverse("intelligence:threats_of", args=[half.key]))


@allowed(access.can_read_internal_documents)
@standalone_styles
def threat_file(request: HttpRequest, period: str, fmt: str) -> HttpResponse:
    p = partnership_of(request)
    half = _chosen(p, "half", period)
    document = _built(lambda: build_threat_assessment(p, half.key))
    return _file(request, document, fmt, f"Strategic threat assessment {half.short_label}")


# Portfolio snapshots ----------------------------------------------------------------------


@allowed(access.can_read_internal_documents)
def snapshot(request: HttpRequest, portfolio: str, period: str) -> HttpResponse:
    p = partnership_of(request)
    chosen = get_object_or_404(portfolios(p), code=portfolio)
    quarter = _chosen(p, "quarter", period)
    return _page(request, kind="snapshot",
                 build=lambda: build_snapshot(p, quarter.key, portfolio=chosen.code),
                 key=(chosen.code, quarter.key), period=quarter,
                 picker=reverse("reports:snapshot_latest", args=[chosen.code]),
                 download=lambda fmt: reverse("reports:snapshot_file",
                                              args=[chosen.code, quarter.key, fmt]))


@allowed(access.can_read_internal_documents)
def snapshot_latest(request: HttpRequest, portfolio: str) -> HttpResponse:
    """The picker's address: the quarter chosen, or the latest ended."""
    p = partnership_of(request)
    quarter = _chosen(p, "quarter", request.GET.get("period"))
    return snapshot(request, portfolio, quarter.key)


@allowed(access.can_read_internal_documents)
@standalone_styles
def snapshot_file(request: HttpRequest, portfolio: str, period: str, fmt: str) -> HttpResponse:
    p = partnership_of(request)
    chosen = get_object_or_404(portfolios(p), code=portfolio)
    quarter = _chosen(p, "quarter", period)
    document = _built(lambda: build_snapshot(p, quarter.key, portfolio=chosen.code))
    return _file(request, document, fmt, f"Portfolio snapshot {chosen.name} "
                                         f"{parse_period(quarter.key).short_label}")
