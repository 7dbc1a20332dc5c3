"""Progress against priorities: the year's business plan and what was done under it."""

from __future__ import annotations

from lscp.partnership.selectors import priorities_for
from lscp.reports.content import BulletList, Paragraph, Section
from lscp.reports.registry import ReportContext, section


@section("priorities")
def priorities(ctx: ReportContext) -> Section:
    """Progress against priorities: each business-plan priority and what was done under it."""
    subsections = []
    for priority in priorities_for(ctx.year):
        actions = list(priority.actions.all())
        done = sum(1 for a in actions if a.status == "done")
        blocks: list[object] = []
        if priority.description:
            blocks.append(Paragraph(priority.description))
        blocks.append(Paragraph(
            f"What we did in {ctx.year.label}: {done} of {len(actions)} actions completed."))
        blocks.append(BulletList([
            a.text if a.status == "done" else f"{a.text} ({a.get_status_display().lower()})"
            for a in actions
        ]))
        subsections.append(Section(f"priority-{priority.code}", priority.title, blocks))
    intro = (f"The partners agreed {len(subsections)} priorities for {ctx.year.label}."
             if subsections else f"No priorities have been recorded for {ctx.year.label}.")
    return Section("priorities", "Progress against priorities", [Paragraph(intro)], subsections)
