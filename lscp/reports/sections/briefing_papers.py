"""Committee briefing: the background papers, the report itself and its guidance."""

from __future__ import annotations

from lscp.reports.content import BulletList, Section
from lscp.reports.publication_selectors import frame_of
from lscp.reports.registry import ReportContext, section
from lscp.reports.sections._briefing import public_address, report_of


@section("briefing-papers")
def briefing_papers(ctx: ReportContext) -> Section:
    """Background papers: the yearly report (with its public address once published) and
    the statutory guidance of the year's frame."""
    title = report_of(ctx).title
    report = (f"{title}: {public_address(ctx)}" if ctx.year.report_published
              else f"{title} (draft, not yet published)")
    return Section("briefing-papers", "Background papers", [
        BulletList([report, frame_of(ctx.year).guidance]),
    ])
