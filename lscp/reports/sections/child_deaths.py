"""Child death overview: the panel's figures for the year and its recommendations."""

from __future__ import annotations

from lscp.reports.content import Paragraph, Section, Table
from lscp.reports.registry import ReportContext, section
from lscp.reports.wording import plural


@section("child-deaths")
def child_deaths(ctx: ReportContext) -> Section:
    """Child death overview: the panel's aggregate figures and its recommendations."""
    y = ctx.year
    cdop = getattr(y, "cdop", None)
    if cdop is None:
        return Section("child-deaths", "Child death overview",
                       [Paragraph(f"No child death overview figures are recorded for {y.label}.")])
    blocks: list[object] = [
        Paragraph(
            f"In {y.label} the panels held {plural(cdop.ndop_meetings, 'neonatal (NDOP) meeting')}"
            f" and {plural(cdop.cdop_meetings, 'child death overview (CDOP) meeting')}. "
            f"{cdop.cases_signed_off} cases were signed off and {cdop.cases_carried_over} remain "
            "open."),
        Table(
            caption=f"Child deaths reviewed, {y.label}",
            head=["Measure", "Number"],
            rows=[["Deaths in the first month of life", str(cdop.neonatal_deaths)],
                  ["Expected deaths", str(cdop.expected_deaths)],
                  ["Unexpected deaths", str(cdop.unexpected_deaths)],
                  ["Joint agency responses", str(cdop.joint_agency_responses)]],
            numeric=(1,),
        ),
    ]
    rows = [[rec.text, action.text, action.get_status_display()]
            for rec in cdop.recommendations.prefetch_related("actions")
            for action in rec.actions.all()]
    if rows:
        blocks.append(Table(caption="Child death overview panel recommendations",
                            head=["Recommendation", "Action to be taken", "Status"], rows=rows))
    return Section("child-deaths", "Child death overview", blocks)
