"""Case stories: what changed for a child, anonymised and approved by the business unit."""

from __future__ import annotations

from lscp.contributions import selectors
from lscp.contributions.models import CaseStory
from lscp.reports.content import Paragraph, Section
from lscp.reports.registry import ReportContext, section
from lscp.reports.sections._figures import ILLUSTRATIVE
from lscp.reports.sections._markdown import markdown_section


@section("case-stories")
def case_stories(ctx: ReportContext) -> Section:
    """Case stories: anonymised accounts of what changed for a child, written by a partner or
    the business unit and approved by the business unit. The public edition leaves out a
    story marked illustrative."""
    stories = [s for s in selectors.approved_case_stories(ctx.year)
               if not (ctx.public and s.illustrative)]
    title = "What changed for children"
    if not stories:
        return Section("case-stories", title, [Paragraph(
            f"No case story has been approved for {ctx.year.label}.")])
    blocks = [Paragraph("These stories are anonymised: names and details that could identify "
                        "a child or family are changed or left out.")]
    if not ctx.public and any(s.illustrative for s in stories):
        blocks.append(Paragraph(f"{ILLUSTRATIVE} marks a story made up for a demonstration; "
                                "the public edition leaves it out."))
    return Section("case-stories", title, blocks, [_story(s, ctx.public) for s in stories])


def _story(s: CaseStory, public: bool) -> Section:
    title = f"{s.title} {ILLUSTRATIVE}" if s.illustrative and not public else s.title
    told_by = [Paragraph(f"Told by {s.agency.name}.")] if s.agency else []
    found = markdown_section(f"case-stories-{s.code}", title, s.story, before=told_by)
    found.blocks.append(Paragraph(f"What changed for the child: {s.changed}"))
    return found
