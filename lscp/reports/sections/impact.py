"""Impact of challenge: what the challenges closed in the year changed."""

from __future__ import annotations

from lscp.assurance import selectors
from lscp.reports.content import Paragraph, Section
from lscp.reports.registry import ReportContext, section


@section("impact")
def impact(ctx: ReportContext) -> Section:
    """Impact: the challenges closed in the year and the difference they made."""
    challenges = list(selectors.impact_of_year(ctx.partnership, ctx.year))
    if not challenges:
        return Section("impact", "Impact of challenge",
                       [Paragraph(f"No challenges with a reported impact closed in {ctx.year.label}.")])
    subsections = []
    for number, c in enumerate(challenges, start=1):
        target = c.to_agency.name if c.to_agency else "the partnership"
        blocks: list[object] = [Paragraph(f"Challenge ({c.raised_by} to {target}): {c.challenge}")]
        if c.response or c.outcome:
            blocks.append(Paragraph(f"Response: {' '.join(t for t in (c.response, c.outcome) if t)}"))
        blocks.append(Paragraph(f"Impact: {c.impact}"))
        subsections.append(Section(f"impact-{c.code}", f"Impact {number}", blocks))
    intro = Paragraph(
        f"The partnership records every challenge in its impact log. {len(challenges)} "
        f"challenges closed in {ctx.year.label} with an impact to report.")
    return Section("impact", "Impact of challenge", [intro], subsections)
