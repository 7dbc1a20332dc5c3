"""Committee briefing: what the committee is asked to do."""

from __future__ import annotations

from lscp.reports.content import Paragraph, Section
from lscp.reports.registry import ReportContext, section


@section("briefing-recommendation")
def briefing_recommendation(ctx: ReportContext) -> Section:
    """Recommendation: that the committee notes the report (seed 001's form)."""
    p, y = ctx.partnership, ctx.year
    return Section("briefing-recommendation", "Recommendation", [
        Paragraph(f"That the committee notes the yearly report of the {p.name} for "
                  f"{y.label}."),
    ])
