"""The quarterly pack's last section: agencies whose figures for the quarter are not in."""

from __future__ import annotations

from lscp.dataset.tracking import ON_RECORD, grid
from lscp.partnership.http import today
from lscp.partnership.workflow import Status
from lscp.reports.content import Paragraph, Section, Table
from lscp.reports.registry import ReportContext, section
from lscp.reports.sections._pack import day_words, period_of


@section("pack-submissions")
def pack_submissions(ctx: ReportContext) -> Section:
    """Submissions missing for the quarter (or the year): each agency that owes figures for it and has
    not had them approved, with where its submission stands and when it was due (the
    submission tracker, lscp/dataset/tracking.py)."""
    period = period_of(ctx)
    p = ctx.partnership
    found = grid(p, period, today(), p.submissions.all())
    approved = Status.APPROVED.label
    missing = [row for row in found.rows if row.status not in (approved, ON_RECORD)]
    names = dict(found.sets)
    rows = [[row.agency.name,
             "; ".join(names[s] for (s, _), owns in zip(found.sets, row.owns, strict=True)
                       if owns),
             row.status + (" (overdue)" if row.overdue else "")] for row in missing]
    due = f"Figures for {period.label} were due by {day_words(found.due)}."
    if not rows:
        return Section("pack-submissions", "Submissions missing", [Paragraph(
            f"{due} Every agency's figures for the quarter are approved or on record.")])
    return Section("pack-submissions", "Submissions missing", [
        Paragraph(f"{due} " + ("1 agency still owes them." if len(rows) == 1
                                else f"{len(rows)} agencies still owe them.")),
        Table(caption=f"Submissions missing for {period.label}",
              head=["Agency", "Indicator sets", "Where it stands"], rows=rows)])
