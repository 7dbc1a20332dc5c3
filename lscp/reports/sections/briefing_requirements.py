"""Committee briefing: the statutory requirements and where the report covers each."""

from __future__ import annotations

from lscp.reports import statutory
from lscp.reports.content import Paragraph, Section, Table
from lscp.reports.publication_selectors import frame_of
from lscp.reports.registry import ReportContext, section
from lscp.reports.sections._briefing import report_of


@section("briefing-requirements")
def briefing_requirements(ctx: ReportContext) -> Section:
    """Statutory requirements: each item the year's guidance asks a yearly report to cover,
    the report sections that cover it and whether it is covered (statutory.toml through
    `statutory.coverage`), in the shape of the Bexley table (seed 004)."""
    checklist = statutory.coverage(report_of(ctx))
    met = sum(r.met for r in checklist)
    return Section("briefing-requirements", "Statutory requirements", [
        Paragraph(f"{frame_of(ctx.year).guidance} sets out what a yearly report must cover. "
                  f"The report covers {met} of the {len(checklist)} requirements; the table "
                  "shows where."),
        Table(caption="Statutory requirements and where the report covers them",
              head=["Requirement", "Where covered in the report", "Covered"],
              rows=[[r.text, "; ".join(r.covered_by) or "Not covered",
                     "Yes" if r.met else "No"] for r in checklist]),
    ])
