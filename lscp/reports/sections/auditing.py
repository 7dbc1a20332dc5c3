"""Auditing: the multi-agency audits completed in the year."""

from __future__ import annotations

from lscp.assurance import selectors
from lscp.reports.content import BulletList, Paragraph, Section
from lscp.reports.registry import ReportContext, section
from lscp.reports.sections._action_plans import actions_table


@section("auditing")
def auditing(ctx: ReportContext) -> Section:
    """Auditing: the multi-agency audits of the year, their findings and actions."""
    audits = list(selectors.audits_of_year(ctx.partnership, ctx.year))
    if not audits:
        return Section("auditing", "Auditing",
                       [Paragraph(f"No multi-agency audits were completed in {ctx.year.label}.")])
    subsections = []
    for audit in audits:
        blocks: list[object] = []
        scope = f"The audit looked at {audit.scope}" if audit.scope else "The audit"
        sample = f" in {audit.cases_sampled} cases" if audit.cases_sampled else ""
        agencies = ", ".join(a.name for a in audit.agencies.all())
        blocks.append(Paragraph(f"{scope}{sample}" + (f", with {agencies}." if agencies else ".")))
        findings = [f.text for f in audit.findings.all()]
        if findings:
            blocks += [Paragraph("Key learning from the audit:"), BulletList(findings)]
        actions = [a for rec in audit.recommendations.all() for a in rec.actions.all()]
        if actions:
            blocks.append(actions_table(f"Actions from the audit of {audit.topic.lower()}",
                                         actions))
        subsections.append(Section(f"audit-{audit.code}", audit.topic, blocks))
    return Section("auditing", "Auditing", [], subsections)
