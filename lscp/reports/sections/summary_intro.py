"""Executive summary: what the summary is and where the full report is."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from lscp.reports.content import Paragraph, Section
from lscp.reports.registry import ReportContext, section
from lscp.reports.wording import long_date


@section("summary-intro")
def summary_intro(ctx: ReportContext) -> Section:
    """About this summary: the report it shortens, the period, and where the full report is
    (its public address once published)."""
    p, y = ctx.partnership, ctx.year
    if y.report_published:
        address = settings.LSCP_SITE_URL.rstrip("/") + reverse("reports:public",
                                                               args=[p.slug, y.label])
        where = f"The full report is published at {address}."
    else:
        where = "The full report is available from the partnership's business unit."
    return Section("summary-intro", "About this summary", [
        Paragraph(f"This is the executive summary of the yearly report of the {p.name} for "
                  f"{y.label}, the period from {long_date(y.start)} to {long_date(y.end)}. "
                  "It gives the main findings of each part of the report in short; every "
                  f"figure in it comes from the full report. {where}"),
    ])
