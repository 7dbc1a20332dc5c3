"""Looking ahead: the plans for the year ahead, once the following year's pledge is recorded."""

from __future__ import annotations

from lscp.insight.periods import following_year
from lscp.partnership.selectors import priorities_for
from lscp.reports.content import BulletList, Paragraph, Section
from lscp.reports.registry import ReportContext, section


@section("ahead")
def looking_ahead(ctx: ReportContext) -> Section:
    """Looking ahead: the priorities already agreed for the following year, from its pledge."""
    following = following_year(ctx.year.label)
    year = ctx.partnership.years.filter(label=following).first()
    agreed = priorities_for(year) if year else []
    if not agreed:
        return Section("ahead", "Looking ahead", [
            Paragraph(f"No priorities for {following} have been recorded yet.")])
    subsections = []
    for priority in agreed:
        blocks: list[object] = []
        if priority.description:
            blocks.append(Paragraph(priority.description))
        planned = [a.text for a in priority.actions.all()]
        if planned:
            blocks += [Paragraph(f"What we will do in {following}:"), BulletList(planned)]
        subsections.append(Section(f"ahead-{priority.code}", priority.title, blocks))
    return Section("ahead", "Looking ahead", [Paragraph(
        f"The partners have agreed {len(agreed)} "
        f"{'priority' if len(agreed) == 1 else 'priorities'} for {following}.")], subsections)
