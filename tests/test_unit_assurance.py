"""Learning and improvement, selector by selector and service by service, on factory rows.

Dates are chosen away from bank holidays so the working days can be counted on a calendar:
from Monday 1 February 2021, 5 working days is Monday 8 February and 15 is Monday 22nd.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail

from lscp.assurance.models import Action, ActionStatus, ChallengeStatus, ReminderSent, ReviewKind, risk_band
from lscp.assurance.selectors import (
    challenges_open_first,
    open_actions,
    review_register,
    risk_heat_map,
)
from lscp.assurance.services import NotAllowed, action_update, send_reminders
from lscp.insight.clocks import ClockState
from lscp.partnership.access import action_statuses_for
from lscp.partnership.locking import StaleEdit
from lscp.partnership.models import Role
from tests.factories import (
    ActionFactory,
    AgencyFactory,
    CaseReviewFactory,
    ChallengeFactory,
    PartnershipFactory,
    RecommendationFactory,
    RiskFactory,
    UserFactory,
    member,
)

pytestmark = pytest.mark.django_db

D = dt.date
REPORTABLE = ["not_started", "in_progress", "done"]


# Selectors ------------------------------------------------------------------------------------


def test_open_actions_put_overdue_first_then_by_due_date_undated_last() -> None:
    rec = RecommendationFactory()
    police, health = AgencyFactory(partnership=rec.partnership), AgencyFactory(partnership=rec.partnership)

    def action(due: dt.date | None, status: str, owner=health):  # type: ignore[no-untyped-def]
        return ActionFactory(recommendation=rec, due=due, status=status, owner=owner)

    due_next_month = action(D(2021, 2, 1), ActionStatus.NOT_STARTED, police)
    late = action(D(2020, 12, 1), ActionStatus.IN_PROGRESS)
    undated = action(None, ActionStatus.NOT_STARTED)
    done_late = action(D(2020, 11, 1), ActionStatus.DONE)  # done: waiting, not overdue
    action(D(2020, 10, 1), ActionStatus.EVIDENCE_ACCEPTED)  # closed
    just_late = action(D(2021, 1, 10), ActionStatus.NOT_STARTED, police)
    ActionFactory(due=D(2020, 1, 1))  # another partnership's

    today = D(2021, 1, 15)
    assert open_actions(rec.partnership, today) == [
        late, just_late, done_late, due_next_month, undated]
    assert open_actions(rec.partnership, today, agency=police) == [just_late, due_next_month]


def test_the_review_register_puts_the_most_pressing_clock_first() -> None:
    p = PartnershipFactory()

    def review(kind: str, **dates: dt.date):  # type: ignore[no-untyped-def]
        return CaseReviewFactory(partnership=p, kind=kind, **dates)

    # Aware Mon 1 Feb: notification due 8 Feb (sent on the 3rd), rapid review due 22 Feb.
    rapid = review(ReviewKind.RAPID_REVIEW, became_aware=D(2021, 2, 1),
                   notification_sent=D(2021, 2, 3))
    # Aware 1 Feb, no notification sent: overdue since 8 Feb.
    incident = review(ReviewKind.SERIOUS_INCIDENT, became_aware=D(2021, 2, 1))
    # Decided 15 Sep 2020: to be published by 15 March 2021, 18 working days from the 17th.
    learning = review(ReviewKind.LEARNING_REVIEW, decision_to_review=D(2020, 9, 15))
    # Decided 10 Jan 2020, so due 10 July 2020, and published on 1 August: missed.
    late = review(ReviewKind.LEARNING_REVIEW, decision_to_review=D(2020, 1, 10),
                  published=D(2020, 8, 1), completed=D(2020, 7, 20))
    table_top = review(ReviewKind.TABLE_TOP, completed=D(2020, 12, 1))  # no statutory clock
    dhr = review(ReviewKind.DHR, completed=D(2020, 5, 1))
    waiting = review(ReviewKind.RAPID_REVIEW)  # the clock has not started

    rows = review_register(p, D(2021, 2, 17))

    # Open clocks first, soonest due first; then the rest by completion, undated first.
    assert [r.review for r in rows] == [incident, rapid, learning, waiting, dhr, late, table_top]
    assert [r.state for r in rows] == [
        ClockState.OVERDUE, ClockState.DUE_SOON, ClockState.ON_TRACK, ClockState.WAITING,
        None, ClockState.MISSED, None]
    assert [(r.next_due.milestone.name, r.next_due.milestone.due) if r.next_due else None
            for r in rows[:3]] == [
        ("Notification to the national panel", D(2021, 2, 8)),
        ("Rapid review sent to the national panel", D(2021, 2, 22)),
        ("Review published", D(2021, 3, 15)),
    ]
    assert [r.next_due for r in rows[3:]] == [None, None, None, None]


def test_challenges_open_first_newest_at_the_top() -> None:
    p = PartnershipFactory()
    older_open = ChallengeFactory(partnership=p, raised_on=D(2020, 5, 1))
    newer_closed = ChallengeFactory(partnership=p, raised_on=D(2020, 12, 1),
                                    status=ChallengeStatus.CLOSED, closed_on=D(2021, 1, 1))
    newer_open = ChallengeFactory(partnership=p, raised_on=D(2020, 10, 1))
    older_closed = ChallengeFactory(partnership=p, raised_on=D(2020, 6, 1),
                                    status=ChallengeStatus.CLOSED, closed_on=D(2020, 7, 1))
    ChallengeFactory(raised_on=D(2021, 1, 1))  # another partnership's

    assert list(challenges_open_first(p)) == [newer_open, older_open, newer_closed, older_closed]


def test_the_heat_map_counts_risks_by_likelihood_and_impact() -> None:
    risks = [
        RiskFactory.build(likelihood_before=4, impact_before=5, likelihood_after=2, impact_after=3),
        RiskFactory.build(likelihood_before=4, impact_before=5, likelihood_after=2, impact_after=3),
        RiskFactory.build(likelihood_before=3, impact_before=3, likelihood_after=1, impact_after=2),
    ]

    assert risk_heat_map(risks) == {(2, 3): 2, (1, 2): 1}
    assert risk_heat_map(risks, after_controls=False) == {(4, 5): 2, (3, 3): 1}
    assert risk_heat_map([]) == {}


def test_risk_bands_are_fifteen_high_and_eight_medium() -> None:
    assert [risk_band(s) for s in (25, 15, 14, 8, 7, 1)] == [
        "high", "high", "medium", "medium", "low", "low"]
    risk = RiskFactory.build(likelihood_before=5, impact_before=3, likelihood_after=2, impact_after=4)
    assert (risk.score_before, risk.score_after) == (15, 8)


# Who may set an action to what ----------------------------------------------------------------


@pytest.fixture
def action() -> Action:
    return ActionFactory(due=D(2021, 5, 28))


def test_each_role_may_set_an_action_to(action: Action) -> None:
    p, owner = action.recommendation.partnership, action.owner
    other_agency = AgencyFactory(partnership=p)

    assert action_statuses_for(member(p, Role.BUSINESS_UNIT), action) == [
        *REPORTABLE, "evidence_accepted"]
    assert action_statuses_for(member(p, Role.AGENCY_CONTRIBUTOR, owner), action) == REPORTABLE
    assert action_statuses_for(member(p, Role.AGENCY_CONTRIBUTOR, other_agency), action) == []
    assert action_statuses_for(member(p, Role.CHAIR), action) == []
    assert action_statuses_for(member(p, Role.BOARD_MEMBER), action) == []
    assert action_statuses_for(member(PartnershipFactory(), Role.BUSINESS_UNIT), action) == []
    assert action_statuses_for(UserFactory(), action) == []  # signed in, no membership
    assert action_statuses_for(AnonymousUser(), action) == []


def test_accepted_evidence_is_closed_to_the_agency_not_the_business_unit(action: Action) -> None:
    p = action.recommendation.partnership
    action.status = ActionStatus.EVIDENCE_ACCEPTED

    assert action_statuses_for(member(p, Role.AGENCY_CONTRIBUTOR, action.owner), action) == []
    assert "in_progress" in action_statuses_for(member(p, Role.BUSINESS_UNIT), action)


# Updating an action ---------------------------------------------------------------------------


def test_the_agency_reports_done_and_the_business_unit_accepts_or_returns_it(action: Action) -> None:
    p = action.recommendation.partnership
    agency_lead = member(p, Role.AGENCY_CONTRIBUTOR, action.owner)
    manager = member(p, Role.BUSINESS_UNIT)

    action_update(action=action, user=agency_lead, status="done", evidence="Briefing given",
                  impact="", seen_version=0, today=D(2021, 5, 3))
    action.refresh_from_db()
    assert (action.status, action.evidence, action.completed_on, action.version) == (
        "done", "Briefing given", D(2021, 5, 3), 1)

    action_update(action=action, user=manager, status="evidence_accepted", evidence="Briefing given",
                  impact="Referrals include health", seen_version=1, today=D(2021, 5, 20))
    action.refresh_from_db()
    assert (action.status, action.impact, action.completed_on, action.version) == (
        "evidence_accepted", "Referrals include health", D(2021, 5, 3), 2)  # first completion kept

    action_update(action=action, user=manager, status="in_progress", evidence="Not enough",
                  impact="", seen_version=2, today=D(2021, 5, 21))
    action.refresh_from_db()
    assert (action.status, action.completed_on, action.version) == ("in_progress", None, 3)


def test_a_stale_action_edit_is_refused(action: Action) -> None:
    manager = member(action.recommendation.partnership, Role.BUSINESS_UNIT)
    action_update(action=action, user=manager, status="in_progress", evidence="Started",
                  impact="", seen_version=0, today=D(2021, 5, 3))

    with pytest.raises(StaleEdit):  # a second form, opened at version 0
        action_update(action=action, user=manager, status="not_started", evidence="",
                      impact="", seen_version=0, today=D(2021, 5, 3))

    action.refresh_from_db()
    assert (action.status, action.evidence, action.version) == ("in_progress", "Started", 1)


@pytest.mark.parametrize(("role", "status"), [
    (Role.AGENCY_CONTRIBUTOR, "evidence_accepted"),  # the owner, but acceptance is not theirs
    (Role.BOARD_MEMBER, "done"),
    (Role.CHAIR, "in_progress"),
])
def test_a_status_the_user_may_not_set_is_refused(action: Action, role: str, status: str) -> None:
    p = action.recommendation.partnership
    user = member(p, role, action.owner if role == Role.AGENCY_CONTRIBUTOR else None)

    with pytest.raises(NotAllowed):
        action_update(action=action, user=user, status=status, evidence="x", impact="",
                      seen_version=0, today=D(2021, 5, 3))

    action.refresh_from_db()
    assert (action.status, action.evidence, action.version) == ("not_started", "", 0)


# Reminders ------------------------------------------------------------------------------------


def test_reminders_go_once_per_action_per_state_to_the_owner_or_the_business_unit(  # type: ignore[no-untyped-def]
        committing) -> None:
    rec = RecommendationFactory()
    p = rec.partnership
    police, health = AgencyFactory(partnership=p), AgencyFactory(partnership=p)
    member(p, Role.AGENCY_CONTRIBUTOR, police, email="police-lead@example.org")
    member(p, Role.BUSINESS_UNIT, email="manager@example.org")
    member(p, Role.BUSINESS_UNIT, email="")  # no address: left out
    member(PartnershipFactory(), Role.BUSINESS_UNIT, email="elsewhere@example.org")

    def action(due: dt.date | None, owner, status: str = "not_started"):  # type: ignore[no-untyped-def]
        return ActionFactory(recommendation=rec, owner=owner, due=due, status=status)

    # Today is Monday 1 February 2021; "due soon" is within 10 working days.
    overdue = action(D(2021, 1, 20), police)
    due_in_ten = action(D(2021, 2, 15), health)  # health has no contributor: the manager hears
    action(D(2021, 2, 16), police)  # 11 working days away: not yet
    action(D(2021, 1, 20), police, "done")  # done: nothing to chase
    action(None, police)  # no due date
    ActionFactory(due=D(2021, 1, 4))  # another partnership's

    sent = committing(send_reminders, p, D(2021, 2, 1))

    assert sorted((r.action_id, r.kind, r.status) for r in sent) == sorted([
        (overdue.pk, "overdue", "not_started"), (due_in_ten.pk, "due soon", "not_started")])
    assert sorted((m.subject.split(":")[0], tuple(m.to)) for m in mail.outbox) == [
        ("Action due soon", ("manager@example.org",)),
        ("Action overdue", ("police-lead@example.org",)),
    ]

    assert committing(send_reminders, p, D(2021, 2, 1)) == []  # run again: no state changed, nothing sent
    assert len(mail.outbox) == 2

    Action.objects.filter(pk=overdue.pk).update(status="in_progress")
    again = committing(send_reminders, p, D(2021, 2, 1))

    assert [(r.action_id, r.kind, r.status) for r in again] == [
        (overdue.pk, "overdue", "in_progress")]
    assert len(mail.outbox) == 3
    assert ReminderSent.objects.filter(action__recommendation__partnership=p).count() == 3
