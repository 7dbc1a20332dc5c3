"""Committee briefing: what the yearly report contains, and who signed it off."""

from __future__ import annotations

from lscp.reports.content import BulletList, Paragraph, Section
from lscp.reports.models import Signatory
from lscp.reports.publication_selectors import sign_offs
from lscp.reports.registry import ReportContext, section
from lscp.reports.sections._briefing import opening, report_of
from lscp.reports.wording import join_names, long_date, plural

# What the purpose has said (what the report is), and the headline figures, which the
# key findings quote from their themes.
LEFT_OUT = {"about", "at-a-glance"}


@section("briefing-summary")
def briefing_summary(ctx: ReportContext) -> Section:
    """Summary: who signed the report off (sign-off records) and each of its sections with
    the first sentence it says, as seed 004's executive summary walks through a report."""
    report = report_of(ctx)
    described = [s for s in report.sections if s.id not in LEFT_OUT]
    lines = [f"{s.title}: {opening(s) or 'no content yet.'}" for s in described]
    return Section("briefing-summary", "Summary", [
        Paragraph(_signed(ctx)),
        Paragraph(f"The report has {plural(len(described), 'section')} after its "
                  "introduction:"),
        BulletList(lines),
    ])


def _signed(ctx: ReportContext) -> str:
    found = list(sign_offs(ctx.year))
    if not found:
        return "No partner's sign-off of the report has been recorded yet."
    names = [f"the {s.get_signatory_display().lower()}"
             + (f" ({s.agency.name})" if s.agency else "")
             + f" on {long_date(s.signed_on)}" for s in found]
    left = [label.lower() for value, label in Signatory.choices
            if value not in {s.signatory for s in found}]
    text = f"The report was signed off by {join_names(names)}."
    if left:
        text += f" The sign-off of the {join_names(left)} is not yet recorded."
    return text
