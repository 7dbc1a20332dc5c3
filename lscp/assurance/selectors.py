"""Questions about learning and improvement, answered from the records for a given day."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, Prefetch, Q, QuerySet, Value, When

from lscp.assurance.models import (
    OPEN_ACTION_STATUSES,
    Action,
    Audit,
    AuditFinding,
    CaseReview,
    Challenge,
    ChallengeStatus,
    LearningPoint,
    Recommendation,
    Risk,
)
from lscp.insight.clocks import OPEN_STATES, ClockState, Milestone
from lscp.partnership.models import Agency, Partnership, ReportingYear

# Worst first: the register shows a review by its most pressing clock.
_SEVERITY = [ClockState.OVERDUE, ClockState.MISSED, ClockState.DUE_SOON, ClockState.ON_TRACK,
             ClockState.MET, ClockState.WAITING]


@dataclass(frozen=True)
class ClockView:
    milestone: Milestone
    state: ClockState


@dataclass(frozen=True)
class ReviewRow:
    review: CaseReview
    clocks: list[ClockView]

    @property
    def state(self) -> ClockState | None:
        states = [c.state for c in self.clocks]
        return next((s for s in _SEVERITY if s in states), None)

    @property
    def next_due(self) -> ClockView | None:
        open_clocks = [c for c in self.clocks if c.state in OPEN_STATES]
        return min(open_clocks, key=lambda c: c.milestone.due or dt.date.max, default=None)


# Withdrawn records leave registers, the yearly report and the bundle (their history stays).
# An action is live while it, its recommendation and that recommendation's source are.
LIVE_ACTION = Q(withdrawn_on__isnull=True, recommendation__withdrawn_on__isnull=True,
                recommendation__review__withdrawn_on__isnull=True,
                recommendation__audit__withdrawn_on__isnull=True)


def live_actions() -> QuerySet[Action]:
    return Action.objects.filter(LIVE_ACTION).select_related("owner")


def live_recommendations() -> Prefetch:
    """`recommendations` prefetched without withdrawn ones, each with its live actions."""
    return Prefetch("recommendations", queryset=Recommendation.objects.current().prefetch_related(
        Prefetch("actions", queryset=Action.objects.current().select_related("owner"))))


def live_learning() -> Prefetch:
    return Prefetch("learning", queryset=LearningPoint.objects.current())


def live_findings() -> Prefetch:
    return Prefetch("findings", queryset=AuditFinding.objects.current())


def review_register(partnership: Partnership, today: dt.date,
                    reviews: QuerySet[CaseReview] | None = None) -> list[ReviewRow]:
    """Every review (or those `reviews` filtered down to) with its clocks; those with
    something due come first, soonest first."""
    found = partnership.reviews.current() if reviews is None else reviews
    rows = [
        ReviewRow(r, [ClockView(m, m.state(today)) for m in r.milestones()])
        for r in found.prefetch_related("agencies")
    ]

    def order(row: ReviewRow) -> tuple[int, dt.date]:
        due = row.next_due
        if due is not None:
            return (0, due.milestone.due or dt.date.max)
        return (1, row.review.completed or dt.date.min)

    return sorted(rows, key=order)


def open_actions(partnership: Partnership, today: dt.date,
                 agency: Agency | None = None,
                 actions: QuerySet[Action] | None = None) -> list[Action]:
    """Open actions (or those of `actions`, filtered), overdue first, then by due date
    (undated last), for the PCI subgroup."""
    if actions is None:
        actions = live_actions().filter(status__in=OPEN_ACTION_STATUSES)
    actions = actions.filter(recommendation__partnership=partnership).select_related(
        "owner", "recommendation__review", "recommendation__audit",
        "recommendation__child_deaths__year")
    if agency is not None:
        actions = actions.filter(owner=agency)
    return sorted(actions, key=lambda a: (not a.is_overdue(today), a.due or dt.date.max, a.pk))


def actions_by_agency(partnership: Partnership, today: dt.date,
                      actions: QuerySet[Action] | None = None) -> list[tuple[Agency, list[Action]]]:
    grouped: dict[int, tuple[Agency, list[Action]]] = {}
    for action in open_actions(partnership, today, actions=actions):
        grouped.setdefault(action.owner_id, (action.owner, []))[1].append(action)

    def order(item: tuple[Agency, list[Action]]) -> tuple[int, str]:
        overdue = sum(a.is_overdue(today) for a in item[1])
        return (-overdue, item[0].name)

    return sorted(grouped.values(), key=order)


def _in_year(year: ReportingYear) -> Q:
    fields = ["became_aware", "notification_sent", "rapid_review_held", "rapid_review_sent",
              "decision_to_review", "completed", "published"]
    q = Q()
    for field in fields:
        q |= Q(**{f"{field}__gte": year.start, f"{field}__lte": year.end})
    return q


def reviews_of_year(partnership: Partnership, year: ReportingYear) -> QuerySet[CaseReview]:
    """Reviews with any milestone inside the year."""
    return partnership.reviews.current().filter(_in_year(year)).prefetch_related(
        live_learning()).order_by("kind", "pseudonym")


def earlier_reviews_with_actions(partnership: Partnership,
                                 year: ReportingYear) -> QuerySet[CaseReview]:
    """Reviews finished before the year whose actions the partnership still reports on."""
    live = Q(recommendations__withdrawn_on__isnull=True,
             recommendations__actions__withdrawn_on__isnull=True,
             recommendations__actions__isnull=False)
    return (partnership.reviews.current().filter(completed__lt=year.start)
            .filter(live).distinct()
            .prefetch_related(live_recommendations()).order_by("completed", "pseudonym"))


def audits_of_year(partnership: Partnership, year: ReportingYear) -> QuerySet[Audit]:
    return partnership.audits.current().filter(
        completed__gte=year.start, completed__lte=year.end).prefetch_related(
        live_findings(), live_recommendations(), "agencies")


def impact_of_year(partnership: Partnership, year: ReportingYear) -> QuerySet[Challenge]:
    """Challenges closed in the year with an impact to report: the report's IMPACT boxes."""
    return partnership.challenges.current().filter(
        status=ChallengeStatus.CLOSED, closed_on__gte=year.start, closed_on__lte=year.end
    ).exclude(impact="").select_related("to_agency").order_by("raised_on")


def risk_heat_map(risks: list[Risk], after_controls: bool = True) -> dict[tuple[int, int], int]:
    """(likelihood, impact) -> number of risks."""
    if after_controls:
        return dict(Counter((r.likelihood_after, r.impact_after) for r in risks))
    return dict(Counter((r.likelihood_before, r.impact_before) for r in risks))


def recommendations_of(source: Any) -> QuerySet[Recommendation]:
    """A review's, an audit's or a CDOP year's live recommendations, with their live actions."""
    return source.recommendations.current().prefetch_related(
        Prefetch("actions", queryset=Action.objects.current().select_related("owner")))


def challenges_open_first(partnership: Partnership) -> QuerySet[Challenge]:
    """Open challenges first (the newest at the top), then the closed ones."""
    still_open = Case(When(status=ChallengeStatus.OPEN, then=Value(0)), default=Value(1))
    return partnership.challenges.current().select_related("to_agency", "raised_by_user").order_by(
        still_open, "-raised_on")
