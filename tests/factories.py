"""factory-boy factories for the core models: one small, synthetic world per test.

Every factory builds the whole chain it needs, in one partnership: `ActionFactory()` makes an
action, its recommendation, the case review behind it, the owning agency and the partnership
they all belong to. Pass the objects a test cares about (`ActionFactory(owner=police,
due=...)`) and let the rest default. Codes and names come from sequences, so two objects of
one kind never clash on a unique constraint; the few fixed defaults (a year's label "2020-21",
a submission's or a value's period "2020-21-Q1") are for the test to set when it makes two in
one partnership. Synthetic data only: no real people, no real children (a review's pseudonym
is "Child R1"), emails under example.org.

Unit tests of selectors and services use these; the demo bundle (the `demo` fixture) is for
tests of the reports, the browser and the docs (docs/decisions/0007-test-layout.md).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import factory
from django.contrib.auth import get_user_model
from factory.django import DjangoModelFactory, Password

from lscp.assurance import models as assurance_models
from lscp.dataset import models as dataset_models
from lscp.partnership import models as partnership_models

PASSWORD = "synthetic-password"
D = dt.date


def _same_partnership(path: str = "..partnership") -> factory.SelfAttribute:
    """A SubFactory argument that puts a related object in its parent's partnership."""
    return factory.SelfAttribute(path)


# Partnership ---------------------------------------------------------------------------------


class PartnershipFactory(DjangoModelFactory):
    class Meta:
        model = partnership_models.Partnership

    slug = factory.Sequence(lambda n: f"partnership-{n}")
    name = factory.Sequence(lambda n: f"Synthetic Safeguarding Children Partnership {n}")
    short_name = "SSCP"
    area = "Synthetic borough"


class ReportingYearFactory(DjangoModelFactory):
    class Meta:
        model = partnership_models.ReportingYear

    partnership = factory.SubFactory(PartnershipFactory)
    label = "2020-21"


class AgencyFactory(DjangoModelFactory):
    class Meta:
        model = partnership_models.Agency

    partnership = factory.SubFactory(PartnershipFactory)
    code = factory.Sequence(lambda n: f"agency-{n}")
    name = factory.Sequence(lambda n: f"Synthetic Agency {n}")
    sector = partnership_models.Sector.OTHER


class PersonFactory(DjangoModelFactory):
    """Someone known by their role title only: the name stays blank (it is optional)."""

    class Meta:
        model = partnership_models.Person

    partnership = factory.SubFactory(PartnershipFactory)
    code = factory.Sequence(lambda n: f"person-{n}")
    role_title = factory.Sequence(lambda n: f"Safeguarding lead {n}")
    agency = None
    name = ""


class GroupFactory(DjangoModelFactory):
    class Meta:
        model = partnership_models.Group

    partnership = factory.SubFactory(PartnershipFactory)
    code = factory.Sequence(lambda n: f"group-{n}")
    name = factory.Sequence(lambda n: f"Synthetic Group {n}")
    kind = partnership_models.GroupKind.SUBGROUP
    parent = None
    chair = None


class SeatFactory(DjangoModelFactory):
    class Meta:
        model = partnership_models.Seat

    group = factory.SubFactory(GroupFactory)
    code = factory.Sequence(lambda n: f"seat-{n}")
    agency = factory.SubFactory(AgencyFactory, partnership=_same_partnership("..group.partnership"))
    holder = None
    role_title = factory.Sequence(lambda n: f"Member {n}")
    start = D(2019, 4, 1)
    end = None


class MeetingFactory(DjangoModelFactory):
    class Meta:
        model = partnership_models.Meeting

    group = factory.SubFactory(GroupFactory)
    # Inside 2020-21 and unique for a group (until a test makes 365 of them).
    date = factory.Sequence(lambda n: D(2020, 4, 1) + dt.timedelta(days=n % 365))
    kind = partnership_models.MeetingKind.ORDINARY


class AttendanceFactory(DjangoModelFactory):
    class Meta:
        model = partnership_models.Attendance

    meeting = factory.SubFactory(MeetingFactory)
    seat = factory.SubFactory(SeatFactory, group=factory.SelfAttribute("..meeting.group"))
    status = partnership_models.AttendanceStatus.PRESENT


class BudgetLineFactory(DjangoModelFactory):
    class Meta:
        model = partnership_models.BudgetLine

    year = factory.SubFactory(ReportingYearFactory)
    direction = partnership_models.Direction.INCOME
    line = factory.Sequence(lambda n: f"Budget line {n}")
    agency = None
    amount_pence = 100_000
    position = factory.Sequence(lambda n: n)


class PriorityFactory(DjangoModelFactory):
    class Meta:
        model = partnership_models.Priority

    year = factory.SubFactory(ReportingYearFactory)
    code = factory.Sequence(lambda n: f"priority-{n}")
    title = factory.Sequence(lambda n: f"Priority {n}")
    position = factory.Sequence(lambda n: n)


class PriorityActionFactory(DjangoModelFactory):
    class Meta:
        model = partnership_models.PriorityAction

    priority = factory.SubFactory(PriorityFactory)
    position = factory.Sequence(lambda n: n)
    text = factory.Sequence(lambda n: f"Priority action {n}")
    status = partnership_models.ActionStatus.PLANNED


# Users ---------------------------------------------------------------------------------------


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user-{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = Password(PASSWORD)


class MembershipFactory(DjangoModelFactory):
    """A business-unit member by default; `MembershipFactory(contributor=True)` is an agency
    contributor of a new agency in the same partnership (or pass `agency=`)."""

    class Meta:
        model = partnership_models.Membership

    class Params:
        contributor = factory.Trait(
            role=partnership_models.Role.AGENCY_CONTRIBUTOR,
            agency=factory.SubFactory(AgencyFactory, partnership=_same_partnership()),
        )

    user = factory.SubFactory(UserFactory)
    partnership = factory.SubFactory(PartnershipFactory)
    role = partnership_models.Role.BUSINESS_UNIT
    agency = None


def member(p: partnership_models.Partnership, role: str = partnership_models.Role.BUSINESS_UNIT,
           agency: partnership_models.Agency | None = None, **user_fields: object):  # type: ignore[no-untyped-def]
    """A user with a membership of `p` in `role` (and `agency`, for a contributor)."""
    user = UserFactory(**user_fields)
    MembershipFactory(user=user, partnership=p, role=role, agency=agency)
    return user


# Dataset -------------------------------------------------------------------------------------


class IndicatorFactory(DjangoModelFactory):
    """A synthetic indicator: a quarterly count owned by the "other" sector unless told."""

    class Meta:
        model = dataset_models.Indicator

    code = factory.Sequence(lambda n: f"synthetic-indicator-{n}")
    theme = "synthetic"
    theme_title = "Synthetic theme"
    position = factory.Sequence(lambda n: n)
    title = factory.Sequence(lambda n: f"Synthetic indicator {n}")
    definition = "A figure made up for a test."
    unit = dataset_models.Unit.COUNT
    polarity = dataset_models.Polarity.NEITHER
    owner_sector = partnership_models.Sector.OTHER
    frequency = dataset_models.Frequency.QUARTERLY
    source = "Synthetic test data"


class PopulationFactory(DjangoModelFactory):
    class Meta:
        model = dataset_models.Population

    partnership = factory.SubFactory(PartnershipFactory)
    year = "2020-21"
    under_18 = 60_000
    source = "Synthetic mid-year estimate"


class SubmissionFactory(DjangoModelFactory):
    class Meta:
        model = dataset_models.Submission

    partnership = factory.SubFactory(PartnershipFactory)
    agency = factory.SubFactory(AgencyFactory, partnership=_same_partnership())
    period = "2020-21-Q1"
    status = dataset_models.SubmissionStatus.DRAFT


class ValueFactory(DjangoModelFactory):
    class Meta:
        model = dataset_models.Value

    partnership = factory.SubFactory(PartnershipFactory)
    indicator = factory.SubFactory(IndicatorFactory)
    period = "2020-21-Q1"
    category = ""
    value = Decimal(10)
    submission = None


class ComparatorFactory(DjangoModelFactory):
    class Meta:
        model = dataset_models.Comparator

    indicator = factory.SubFactory(IndicatorFactory)
    partnership = factory.SubFactory(PartnershipFactory)
    year = "2020-21"
    kind = dataset_models.ComparatorKind.NATIONAL
    value = Decimal(10)
    source = "Synthetic comparator"


class TargetFactory(DjangoModelFactory):
    class Meta:
        model = dataset_models.Target

    indicator = factory.SubFactory(IndicatorFactory)
    partnership = factory.SubFactory(PartnershipFactory)
    year = "2020-21"
    value = Decimal(10)


class DatasetOwnerFactory(DjangoModelFactory):
    class Meta:
        model = dataset_models.DatasetOwner

    partnership = factory.SubFactory(PartnershipFactory)
    sector = partnership_models.Sector.OTHER
    agency = factory.SubFactory(AgencyFactory, partnership=_same_partnership())


# Assurance -----------------------------------------------------------------------------------


class CaseReviewFactory(DjangoModelFactory):
    class Meta:
        model = assurance_models.CaseReview

    partnership = factory.SubFactory(PartnershipFactory)
    code = factory.Sequence(lambda n: f"review-{n}")
    pseudonym = factory.Sequence(lambda n: f"Child R{n}")
    kind = assurance_models.ReviewKind.RAPID_REVIEW


class LearningPointFactory(DjangoModelFactory):
    class Meta:
        model = assurance_models.LearningPoint

    review = factory.SubFactory(CaseReviewFactory)
    position = factory.Sequence(lambda n: n)
    text = factory.Sequence(lambda n: f"Learning point {n}")


class AuditFactory(DjangoModelFactory):
    class Meta:
        model = assurance_models.Audit

    partnership = factory.SubFactory(PartnershipFactory)
    code = factory.Sequence(lambda n: f"audit-{n}")
    topic = factory.Sequence(lambda n: f"Multi-agency audit {n}")


class ChildDeathYearFactory(DjangoModelFactory):
    """The child death overview panel's counts for a year (no child-level records)."""

    class Meta:
        model = assurance_models.ChildDeathYear

    year = factory.SubFactory(ReportingYearFactory)
    neonatal_deaths = 3
    expected_deaths = 4
    unexpected_deaths = 2
    joint_agency_responses = 2
    ndop_meetings = 4
    cdop_meetings = 6
    cases_signed_off = 5
    cases_carried_over = 1


class RecommendationFactory(DjangoModelFactory):
    """From a case review by default; `from_audit=True` or `from_child_deaths=True` for the
    other two sources (a recommendation has exactly one)."""

    class Meta:
        model = assurance_models.Recommendation

    class Params:
        from_audit = factory.Trait(
            review=None,
            audit=factory.SubFactory(AuditFactory, partnership=_same_partnership()),
        )
        from_child_deaths = factory.Trait(
            review=None,
            child_deaths=factory.SubFactory(
                ChildDeathYearFactory, year__partnership=factory.SelfAttribute("...partnership")),
        )

    partnership = factory.SubFactory(PartnershipFactory)
    code = factory.Sequence(lambda n: f"recommendation-{n}")
    review = factory.SubFactory(CaseReviewFactory, partnership=_same_partnership())
    audit = None
    child_deaths = None
    text = factory.Sequence(lambda n: f"Recommendation {n}")


class ActionFactory(DjangoModelFactory):
    class Meta:
        model = assurance_models.Action

    recommendation = factory.SubFactory(RecommendationFactory)
    position = factory.Sequence(lambda n: n)
    text = factory.Sequence(lambda n: f"Action {n}")
    owner = factory.SubFactory(AgencyFactory,
                               partnership=_same_partnership("..recommendation.partnership"))
    due = None
    status = assurance_models.ActionStatus.NOT_STARTED


class ChallengeFactory(DjangoModelFactory):
    """An open challenge to the partnership as a whole (pass `to_agency=` for an agency)."""

    class Meta:
        model = assurance_models.Challenge

    partnership = factory.SubFactory(PartnershipFactory)
    code = factory.Sequence(lambda n: f"test-challenge-{n}")
    raised_by = "Independent Chair"
    to_agency = None
    raised_on = D(2020, 9, 1)
    challenge = factory.Sequence(lambda n: f"Challenge {n}")
    status = assurance_models.ChallengeStatus.OPEN


class RiskFactory(DjangoModelFactory):
    class Meta:
        model = assurance_models.Risk

    partnership = factory.SubFactory(PartnershipFactory)
    code = factory.Sequence(lambda n: f"risk-{n}")
    title = factory.Sequence(lambda n: f"Risk {n}")
    likelihood_before = 3
    impact_before = 3
    likelihood_after = 2
    impact_after = 2
    review_date = D(2021, 3, 31)


def ready_to_publish(year: Any, chair: Any = None) -> None:
    """Make a year's report pass the readiness checklist (lscp/reports/publication.py) as a
    partnership would: each lead partner and the scrutineer sign it off, then the chair lets
    through, with a reason, whatever is still missing. Tests that publish call this first."""
    from lscp.reports import publication_services as publication
    from lscp.reports.models import SIGNATORY_SECTORS, Signatory
    from lscp.reports.publication_selectors import readiness_of

    for signatory in Signatory.values:
        sector = SIGNATORY_SECTORS.get(signatory)
        agency = year.partnership.agencies.filter(sector=sector).first() if sector else None
        publication.sign_off_record(year=year, signatory=signatory, agency=agency,
                                    signed_by="Chief Officer", signed_on=D(2021, 9, 1),
                                    by=chair)
    for check in readiness_of(year).missing:
        publication.override_record(year=year, check=check, today=D(2021, 9, 2), by=chair,
                                    reason="Recorded elsewhere this year; see the minutes.")
