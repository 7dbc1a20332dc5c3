"""Committee briefing: why the committee receives the yearly report."""

from __future__ import annotations

from lscp.reports.content import Paragraph, Section
from lscp.reports.publication_selectors import frame_of
from lscp.reports.registry import ReportContext, section
from lscp.reports.sections._briefing import public_address
from lscp.reports.wording import long_date


@section("briefing-purpose")
def briefing_purpose(ctx: ReportContext) -> Section:
    """Purpose: the report presented, the period it covers, the guidance that asks for it
    (the year's statutory frame) and whether it is published, with its address."""
    p, y = ctx.partnership, ctx.year
    guidance = frame_of(y).guidance
    status = (f"The report is published at {public_address(ctx)}." if y.report_published
              else "The report has not yet been published; the draft accompanies this "
                   "briefing.")
    return Section("briefing-purpose", "Purpose", [
        Paragraph(f"This briefing presents the yearly report of the {p.name} for {y.label}, "
                  f"the period from {long_date(y.start)} to {long_date(y.end)}."),
        Paragraph(f"{guidance} requires the safeguarding partners for the {p.area} (the "
                  "local authority, health and the police) to publish a report on what they "
                  "have done under their safeguarding arrangements and how effective the "
                  "arrangements have been in practice."),
        Paragraph(status),
    ])
