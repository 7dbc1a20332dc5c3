"""About this report: the period, the guidance it answers to and who receives it."""

from __future__ import annotations

from lscp.reports.content import BulletList, Paragraph, Section
from lscp.reports.registry import ReportContext, section
from lscp.reports.sections._publication import override_statement
from lscp.reports.statutory import frame_for
from lscp.reports.wording import long_date


@section("about")
def about(ctx: ReportContext) -> Section:
    """About this report: the period it covers, the guidance behind it and who receives it."""
    p, y = ctx.partnership, ctx.year
    frame = frame_for(y)  # the guidance and recipients of the year, worded for the region
    return Section("about", "About this report", [
        Paragraph(
            f"This is the yearly report of the {p.name} for {y.label}: the period from "
            f"{long_date(y.start)} to {long_date(y.end)}. It sets out what the partners did to "
            f"safeguard children in the {p.area}, how well the arrangements worked and what "
            f"comes next, as {frame.guidance} requires."
        ),
        Paragraph("After publication the report is sent to:"),
        BulletList(list(frame.recipients)),
        *override_statement(y),
    ])
