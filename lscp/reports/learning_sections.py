"""Yearly report sections written from the learning-and-improvement records."""

from __future__ import annotations

from collections import Counter

from lscp.assurance import selectors
from lscp.assurance.models import Action, ActionStatus
from lscp.reports.content import BulletList, Paragraph, Section, Table
from lscp.reports.yearly import ReportContext, section


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _actions_table(caption: str, actions: list[Action]) -> Table:
    return Table(
        caption=caption,
        head=["Action", "Owner", "Status"],
        rows=[[a.evidence or a.text if a.status in (ActionStatus.DONE,
                                                    ActionStatus.EVIDENCE_ACCEPTED) else a.text,
               a.owner.name, a.get_status_display()] for a in actions],
    )


@section(40)
def learning(ctx: ReportContext) -> Section:
    """Learning and improvement: the year's reviews with their learning, and the actions
    taken on earlier reviews' recommendations with their status."""
    p, y = ctx.partnership, ctx.year
    reviews = list(selectors.reviews_of_year(p, y))
    kinds = Counter(r.get_kind_display().lower() for r in reviews)
    intro = (
        f"In {y.label} the partnership worked on {_plural(len(reviews), 'case review')} "
        "(by type: " + "; ".join(f"{kind} {n}" for kind, n in sorted(kinds.items())) + ")."
        if reviews else f"No case reviews were under way in {y.label}."
    )
    subsections = []
    for review in reviews:
        blocks: list[object] = []
        if review.summary:
            blocks.append(Paragraph(review.summary))
        points = [lp.text for lp in review.learning.all()]
        if points:
            blocks += [Paragraph("Key learning for the partnership:"), BulletList(points)]
        subsections.append(Section(f"review-{review.code}",
                                   f"{review.get_kind_display()}: {review.pseudonym}", blocks))
    earlier = list(selectors.earlier_reviews_with_actions(p, y))
    if earlier:
        blocks = [Paragraph(
            "The partnership monitors the action plans of earlier reviews until the evidence "
            "of each action is accepted. Where an action is done, the evidence is shown.")]
        for review in earlier:
            actions = [a for rec in review.recommendations.all() for a in rec.actions.all()]
            done = sum(a.status in (ActionStatus.DONE, ActionStatus.EVIDENCE_ACCEPTED)
                       for a in actions)
            blocks.append(_actions_table(
                f"{review.get_kind_display()} {review.pseudonym}: {done} of "
                f"{len(actions)} actions achieved", actions))
        subsections.append(Section("previous-reviews", "Actions from previous reviews", blocks))
    return Section("learning", "Learning and improvement", [Paragraph(intro)], subsections)


@section(50)
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
            blocks.append(_actions_table(f"Actions from the audit of {audit.topic.lower()}",
                                         actions))
        subsections.append(Section(f"audit-{audit.code}", audit.topic, blocks))
    return Section("auditing", "Auditing", [], subsections)


@section(60)
def child_deaths(ctx: ReportContext) -> Section:
    """Child death overview: the panel's aggregate figures and its recommendations."""
    y = ctx.year
    cdop = getattr(y, "cdop", None)
    if cdop is None:
        return Section("child-deaths", "Child death overview",
                       [Paragraph(f"No child death overview figures are recorded for {y.label}.")])
    blocks: list[object] = [
        Paragraph(
            f"In {y.label} the panels held {_plural(cdop.ndop_meetings, 'neonatal (NDOP) meeting')}"
            f" and {_plural(cdop.cdop_meetings, 'child death overview (CDOP) meeting')}. "
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


@section(70)
def impact(ctx: ReportContext) -> Section:
    """Impact: the challenges closed in the year and the difference they made."""
    challenges = list(selectors.impact_of_year(ctx.partnership, ctx.year))
    if not challenges:
        return Section("impact", "Impact of challenge",
                       [Paragraph(f"No challenges with a reported impact closed in {ctx.year.label}.")])
    subsections = []
    for number, c in enumerate(challenges, start=1):
        target = c.to_agency.name if c.to_agency else "the partnership"
        blocks: list[object] = [Paragraph(f"Challenge ({c.raised_by} to {target}): {c.challenge}")]
        if c.response or c.outcome:
            blocks.append(Paragraph(f"Response: {' '.join(t for t in (c.response, c.outcome) if t)}"))
        blocks.append(Paragraph(f"Impact: {c.impact}"))
        subsections.append(Section(f"impact-{c.code}", f"Impact {number}", blocks))
    intro = Paragraph(
        f"The partnership records every challenge in its impact log. {len(challenges)} "
        f"challenges closed in {ctx.year.label} with an impact to report.")
    return Section("impact", "Impact of challenge", [intro], subsections)
