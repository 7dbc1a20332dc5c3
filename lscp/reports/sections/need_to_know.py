"""What you need to know: the partnership's messages for each audience."""

from __future__ import annotations

from lscp.contributions import selectors
from lscp.contributions.models import AUDIENCES, StatementKind
from lscp.reports.content import Paragraph, Section
from lscp.reports.registry import ReportContext, section
from lscp.reports.sections._markdown import markdown_section

TITLES = {StatementKind.PRACTITIONERS: "For practitioners",
          StatementKind.PARENTS: "For parents and carers",
          StatementKind.CHILDREN: "For children and young people",
          StatementKind.COMMUNITIES: "For communities"}


@section("need-to-know")
def need_to_know(ctx: ReportContext) -> Section:
    """What you need to know: one message for each audience (practitioners, parents and
    carers, children and young people, communities), drafted in the app and approved by the
    chair; the internal edition names the audiences still waiting for one."""
    texts = {kind: selectors.approved_text(ctx.year, kind) for kind in AUDIENCES}
    subsections = [markdown_section(f"need-to-know-{kind.replace('_', '-')}", TITLES[kind],
                                    text) for kind, text in texts.items() if text]
    blocks: list[object] = []
    if not subsections:
        blocks.append(Paragraph(
            f"No message for any audience has been approved for {ctx.year.label} yet."))
    missing = [TITLES[k].removeprefix("For ") for k, text in texts.items() if not text]
    if subsections and missing and not ctx.public:
        blocks.append(Paragraph("Not yet approved (internal edition only): "
                                + ", ".join(missing) + "."))
    return Section("need-to-know", "What you need to know", blocks, subsections)
