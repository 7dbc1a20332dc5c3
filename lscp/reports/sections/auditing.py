"""Auditing: the multi-agency audits completed in the year."""

from __future__ import annotations

from lscp.assurance import selectors
from lscp.reports.content import BulletList, Paragraph, Section
from lscp.reports.registry import ReportContext, section
from lscp.reports.sections._action_plans import actions_table
from lscp.reports.wording import join_names, plural, sentence


@section("auditing")
def auditing(ctx: ReportContext) -> Section:
    """Auditing: the multi-agency audits of the year, their findings and actions."""
    audits = list(selectors.audits_of_year(ctx.partnership, ctx.year))
    if not audits:
        return Section("auditing", "Auditing",
                       [Paragraph(f"No multi-agency audits were completed in {ctx.year.label}.")])
    subsections = []
    for audit in audits:
        blocks: list[object] = [Paragraph(text) for text in _what_it_covered(audit)]
        findings = [f.text for f in audit.findings.all()]
        if findings:
            blocks += [Paragraph("Key learning from the audit:"), BulletList(findings)]
        actions = [a for rec in audit.recommendations.all() for a in rec.actions.all()]
        if actions:
            blocks.append(actions_table(f"Actions from the audit of {audit.topic.lower()}",
                                         actions))
        subsections.append(Section(f"audit-{audit.code}", audit.topic, blocks))
    return Section("auditing", "Auditing", [], subsections)


def _what_it_covered(audit) -> list[str]:  # type: ignore[no-untyped-def]
    """ "The audit covered 30 cases and involved A, B and C." then "What it looked at: ...":
    the scope is the partnership's own words, often a sentence of its own with a full stop
    and a capital (which once gave "... meeting outcomes. in 30 cases"), so it stands alone."""
    reach = []
    if audit.cases_sampled:
        reach.append(f"covered {plural(audit.cases_sampled, 'case')}")
    agencies = [a.name for a in audit.agencies.all()]
    if agencies:
        reach.append(f"involved {join_names(agencies)}")
    found = [f"The audit {' and '.join(reach)}."] if reach else []
    if audit.scope.strip():
        found.append(sentence(f"What it looked at: {audit.scope.strip()}"))
    return found
