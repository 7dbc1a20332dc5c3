"""factory-boy factories for the training records (lscp/workforce), built on tests/factories.

Kept in their own module so the training tests add no lines to the shared factories file;
each builds its chain in one partnership, like the others (decision 0007).
"""

from __future__ import annotations

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from lscp.partnership.models import Sector
from lscp.workforce import models as w
from tests.factories import AgencyFactory, PartnershipFactory, ReportingYearFactory


class CourseFactory(DjangoModelFactory):
    class Meta:
        model = w.Course

    partnership = factory.SubFactory(PartnershipFactory)
    code = factory.Sequence(lambda n: f"course-{n}")
    title = factory.Sequence(lambda n: f"Synthetic course {n}")
    delivery = w.Delivery.LIVE_WEBINAR


class LearningOutcomeFactory(DjangoModelFactory):
    class Meta:
        model = w.LearningOutcome

    course = factory.SubFactory(CourseFactory)
    position = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Outcome {n}")


class TrainingSessionFactory(DjangoModelFactory):
    class Meta:
        model = w.TrainingSession

    course = factory.SubFactory(CourseFactory)
    code = factory.Sequence(lambda n: f"ev-{n}")
    date = dt.date(2020, 10, 1)
    delivery = w.Delivery.LIVE_WEBINAR
    places = 20


class BookingFactory(DjangoModelFactory):
    class Meta:
        model = w.Booking

    session = factory.SubFactory(TrainingSessionFactory)
    attendee = factory.Sequence(lambda n: f"{n:032x}")
    agency = factory.SubFactory(AgencyFactory,
                                partnership=factory.SelfAttribute("..session.course.partnership"))
    sector = factory.LazyAttribute(lambda b: b.agency.sector if b.agency else Sector.OTHER)
    status = w.BookingStatus.ATTENDED


class TrainingReturnFactory(DjangoModelFactory):
    class Meta:
        model = w.TrainingReturn

    year = factory.SubFactory(ReportingYearFactory)
    agency = factory.SubFactory(AgencyFactory, partnership=factory.SelfAttribute("..year.partnership"))
    workforce = 100
