"""The partners' own accounts of the year: one subsection per agency, in its words."""

from __future__ import annotations

from lscp.contributions import selectors
from lscp.contributions.models import Contribution
from lscp.reports.content import Paragraph, Section
from lscp.reports.registry import ReportContext, section
from lscp.reports.sections._markdown import markdown_section

PARTS = (("achievements", "Achievements"), ("challenges", "Challenges"),
         ("impact", "Evidence of impact"))


@section("partners")
def partners(ctx: ReportContext) -> Section:
    """Partners' contributions: each agency asked in the year's call for contributions
    writes its achievements, challenges and evidence of impact; the business unit accepts
    it. Only accepted contributions appear, one subsection per agency; the internal edition
    names the agencies whose contribution is still to be accepted."""
    year = ctx.year.label
    asked = list(selectors.contributions_of(ctx.year))
    accepted = [c for c in asked if c.approved]
    blocks: list[object] = []
    if accepted:
        blocks.append(Paragraph(
            f"Each partner agency wrote its own account of {year}: what it achieved, what it "
            "found hard and the evidence that its work made a difference to children. The "
            "business unit reviewed each one before it was accepted for this report."))
    else:
        blocks.append(Paragraph(f"No partner's contribution has been accepted for {year} yet."))
    waiting = [c for c in asked if not c.approved]
    if waiting and not ctx.public:
        blocks.append(Paragraph("Still to be accepted (internal edition only): " + "; ".join(
            f"{c.agency.name} ({c.get_status_display().lower()})" for c in waiting) + "."))
    return Section("partners", "Partners' contributions", blocks,
                   [_agency(c) for c in accepted])


def _agency(c: Contribution) -> Section:
    prefix = f"partners-{c.agency.code}"
    parts = [markdown_section(f"{prefix}-{key}", title, getattr(c, key))
             for key, title in PARTS if getattr(c, key).strip()]
    return Section(prefix, c.agency.name, [], parts)
