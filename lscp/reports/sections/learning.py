"""Learning and improvement: the year's case reviews and the actions on earlier ones."""

from __future__ import annotations

from collections import Counter

from lscp.assurance import selectors
from lscp.assurance.models import ActionStatus, CaseReview
from lscp.reports.content import BulletList, Paragraph, Section
from lscp.reports.registry import ReportContext, section
from lscp.reports.sections._action_plans import actions_table
from lscp.reports.wording import plural


@section("learning")
def learning(ctx: ReportContext) -> Section:
    """Learning and improvement: the year's reviews with their learning, and the actions
    taken on earlier reviews' recommendations with their status."""
    p, y = ctx.partnership, ctx.year
    reviews = list(selectors.reviews_of_year(p, y))
    kinds = Counter(r.get_kind_display().lower() for r in reviews)
    intro = (
        f"In {y.label} the partnership worked on {plural(len(reviews), 'case review')} "
        "(by type: " + "; ".join(f"{kind} {n}" for kind, n in sorted(kinds.items())) + ")."
        if reviews else f"No case reviews were under way in {y.label}."
    )
    subsections = [_review(review) for review in reviews]
    earlier = list(selectors.earlier_reviews_with_actions(p, y))
    if earlier:
        subsections.append(_previous_reviews(earlier))
    return Section("learning", "Learning and improvement", [Paragraph(intro)], subsections)


def _review(review: CaseReview) -> Section:
    blocks: list[object] = []
    if review.summary:
        blocks.append(Paragraph(review.summary))
    points = [lp.text for lp in review.learning.all()]
    if points:
        blocks += [Paragraph("Key learning for the partnership:"), BulletList(points)]
    return Section(f"review-{review.code}", f"{review.get_kind_display()}: {review.pseudonym}",
                   blocks)


def _previous_reviews(earlier: list[CaseReview]) -> Section:
    """Earlier reviews' action plans stay in the report until every action's evidence is in."""
    blocks: list[object] = [Paragraph(
        "The partnership monitors the action plans of earlier reviews until the evidence "
        "of each action is accepted. Where an action is done, the evidence is shown.")]
    for review in earlier:
        actions = [a for rec in review.recommendations.all() for a in rec.actions.all()]
        done = sum(a.status in (ActionStatus.DONE, ActionStatus.EVIDENCE_ACCEPTED)
                   for a in actions)
        blocks.append(actions_table(
            f"{review.get_kind_display()} {review.pseudonym}: {done} of "
            f"{len(actions)} actions achieved", actions))
    return Section("previous-reviews", "Actions from previous reviews", blocks)
