"""Child death overview: the panel's figures for the year and its recommendations.

Every count here is about children who died, so the public edition treats it as DfE treats
counts about children: 1 to 5 shown as [c], with secondary suppression over the figures
that add up (expected and unexpected deaths make all deaths; cases signed off and still open
make all the cases the panel held), so that no hidden count can be worked out.
"""

from __future__ import annotations

from lscp.assurance import selectors
from lscp.assurance.models import ChildDeathYear
from lscp.insight.suppression import SUPPRESSED, Relation, is_disclosive, protect
from lscp.reports.content import Paragraph, Section, Table
from lscp.reports.registry import ReportContext, section
from lscp.reports.wording import plural

THRESHOLD = 5
ROWS = (("neonatal_deaths", "Deaths in the first month of life"),
        ("expected_deaths", "Expected deaths"),
        ("unexpected_deaths", "Unexpected deaths"),
        ("joint_agency_responses", "Joint agency responses"))
# Totals a reader may hold from elsewhere (they are not published here).
RELATIONS = (Relation("deaths", ("expected_deaths", "unexpected_deaths")),
             Relation("cases", ("cases_signed_off", "cases_carried_over")))
COUNTS = (*(field for field, _ in ROWS), "cases_signed_off", "cases_carried_over")


def _shown(cdop: ChildDeathYear, public: bool) -> dict[str, str]:
    """Each count as the edition shows it."""
    values: dict[object, int | None] = {name: getattr(cdop, name) for name in COUNTS}
    hidden = protect(values, RELATIONS, {name for name, value in values.items()
                                         if is_disclosive(value, THRESHOLD)}) if public else set()
    return {name: SUPPRESSED if name in hidden else str(values[name]) for name in COUNTS}


@section("child-deaths")
def child_deaths(ctx: ReportContext) -> Section:
    """Child death overview: the panel's aggregate figures and its recommendations."""
    y = ctx.year
    cdop = getattr(y, "cdop", None)
    if cdop is None:
        return Section("child-deaths", "Child death overview",
                       [Paragraph(f"No child death overview figures are recorded for {y.label}.")])
    shown = _shown(cdop, ctx.public)
    blocks: list[object] = [
        Paragraph(
            f"In {y.label} the panels held {plural(cdop.ndop_meetings, 'neonatal (NDOP) meeting')}"
            f" and {plural(cdop.cdop_meetings, 'child death overview (CDOP) meeting')}. "
            f"{shown['cases_signed_off']} cases were signed off and "
            f"{shown['cases_carried_over']} remain open."),
        Table(
            caption=f"Child deaths reviewed, {y.label}",
            head=["Measure", "Number"],
            rows=[[label, shown[name]] for name, label in ROWS],
            numeric=(1,),
        ),
    ]
    if SUPPRESSED in shown.values():
        blocks.append(Paragraph(
            f"To protect the privacy of the children and their families, counts from 1 to 5 "
            f"are shown as {SUPPRESSED}, as are counts from which one could be worked out."))
    rows = [[rec.text, action.text, action.get_status_display()]
            for rec in selectors.recommendations_of(cdop)
            for action in rec.actions.all()]
    if rows:
        blocks.append(Table(caption="Child death overview panel recommendations",
                            head=["Recommendation", "Action to be taken", "Status"], rows=rows))
    return Section("child-deaths", "Child death overview", blocks)
