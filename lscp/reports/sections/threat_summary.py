"""The threat assessment's overview: every threat of the half on one table."""

from __future__ import annotations

from lscp.insight.periods import previous
from lscp.reports.content import Paragraph, Section, Table
from lscp.reports.registry import ReportContext, section
from lscp.reports.sections._figures import ILLUSTRATIVE_NOTE, marked
from lscp.reports.sections._pack import period_of
from lscp.reports.sections._threats import assessed
from lscp.reports.wording import plural

MOVES = {"new": "New", "up": "Up", "down": "Down", "same": "Same"}


@section("threat-summary")
def threat_summary(ctx: ReportContext) -> Section:
    """The half's threats at a glance: level, confidence, their movement since the previous
    half's assessment (up, down, same or new) and the number of special-cause signals in
    their indicators."""
    half = period_of(ctx)
    found = assessed(ctx)
    before = previous(half).short_label
    blocks: list[object] = [Paragraph(
        f"This assessment covers {plural(len(found), 'threat')} to children in the "
        f"{ctx.partnership.area} for {half.label}, from partners' intelligence and the "
        "multi-agency dataset. It is internal to the partnership: not for publication.")]
    if not found:
        blocks.append(Paragraph(f"No threats are recorded for {half.label}."))
        return Section("threat-summary", "Summary", blocks)
    blocks += [
        Paragraph("Level is how serious the threat is judged to be (low, moderate, high, very "
                  "high); confidence is how sure the judgement is, given the intelligence "
                  f"and its gaps (low, medium, high). Movement compares each with the "
                  f"{before} assessment."),
        Table(caption=f"Threats assessed for {half.label}",
              head=["Threat", "Level", "Confidence", f"Level since {before}",
                    f"Confidence since {before}", "Signals in the half"],
              rows=[[marked(a.threat.title, a.threat.illustrative),
                     a.threat.get_level_display(),
                     a.threat.get_confidence_display(), MOVES[a.trend.level],
                     MOVES[a.trend.confidence], f"{a.signal_count}"] for a in found],
              numeric=(5,))]
    if any(a.threat.illustrative for a in found):
        blocks.append(Paragraph(
            "Threats marked [i] are illustrative: their levels, confidence and wording were "
            "chosen for a demonstration from the partnership's published report."))
    if any(r.point is not None and r.point.illustrative for a in found for r in a.readings):
        blocks.append(Paragraph(ILLUSTRATIVE_NOTE))
    return Section("threat-summary", "Summary", blocks)
