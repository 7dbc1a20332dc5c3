"""The factories build whole, consistent chains: everything in one partnership."""

from __future__ import annotations

import pytest

from lscp.partnership.models import Role
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_an_action_brings_its_recommendation_review_owner_and_partnership() -> None:
    action = f.ActionFactory()
    p = action.recommendation.partnership

    assert action.owner.partnership == p
    assert action.recommendation.review is not None and action.recommendation.review.partnership == p
    assert action.recommendation.audit is None and action.recommendation.child_deaths is None


def test_a_recommendation_has_exactly_one_source_of_any_kind() -> None:
    from_audit = f.RecommendationFactory(from_audit=True)
    from_cdop = f.RecommendationFactory(from_child_deaths=True)

    assert from_audit.review is None and from_audit.audit.partnership == from_audit.partnership
    assert from_cdop.review is None
    assert from_cdop.child_deaths.year.partnership == from_cdop.partnership


def test_related_rows_share_their_parent_partnership() -> None:
    attendance = f.AttendanceFactory()
    contributor = f.MembershipFactory(contributor=True)
    submission = f.SubmissionFactory()

    assert attendance.seat.group == attendance.meeting.group
    assert attendance.seat.agency.partnership == attendance.meeting.group.partnership
    assert contributor.role == Role.AGENCY_CONTRIBUTOR
    assert contributor.agency.partnership == contributor.partnership
    assert submission.agency.partnership == submission.partnership


def test_every_factory_saves_a_valid_row() -> None:
    made = [factory() for factory in (
        f.PersonFactory, f.BudgetLineFactory, f.PriorityActionFactory, f.ValueFactory,
        f.ComparatorFactory, f.TargetFactory, f.DatasetOwnerFactory, f.PopulationFactory,
        f.LearningPointFactory, f.ChallengeFactory, f.RiskFactory, f.ChildDeathYearFactory)]
    for row in made:
        row.full_clean()  # model validation as well as the database's constraints

    user = f.member(f.PartnershipFactory(), Role.CHAIR)
    assert user.check_password(f.PASSWORD) and user.membership.role == Role.CHAIR
