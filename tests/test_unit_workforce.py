"""The training selectors on a few factory rows: what counts, what is left out, who sees what."""

from __future__ import annotations

import datetime as dt

import pytest

from lscp.partnership import access
from lscp.partnership.models import Role, Sector
from lscp.workforce import selectors
from tests.factories import AgencyFactory, PartnershipFactory, ReportingYearFactory, member
from tests.workforce_factories import (
    BookingFactory,
    CourseFactory,
    TrainingReturnFactory,
    TrainingSessionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():  # type: ignore[no-untyped-def]
    p = PartnershipFactory()
    health = AgencyFactory(partnership=p, sector=Sector.HEALTH)
    police = AgencyFactory(partnership=p, sector=Sector.POLICE)
    course = CourseFactory(partnership=p)
    held = TrainingSessionFactory(course=course, date=dt.date(2020, 10, 1))
    withdrawn = TrainingSessionFactory(course=course, date=dt.date(2020, 11, 1),
                                       withdrawn_on=dt.date(2020, 12, 1))
    BookingFactory(session=held, agency=health)
    BookingFactory(session=held, agency=health, status="did_not_attend", charge_pence=5000)
    BookingFactory(session=withdrawn, agency=police)
    BookingFactory(session=held, agency=None, sector=Sector.VOLUNTARY)
    TrainingReturnFactory(year=ReportingYearFactory(partnership=p), agency=police, workforce=80)
    return p, health, police, course, held


def test_a_withdrawn_session_leaves_every_figure_and_the_agency_gives_the_sector(world) -> None:  # type: ignore[no-untyped-def]
    p, health, police, _, _ = world
    reach = selectors.reach_of(p, "2020-21")
    assert (reach.sessions, reach.attendees, reach.did_not_attend) == (1, 2, 1)
    assert reach.by_sector["health"].attendees == 1 and reach.by_sector["voluntary"].attendees == 1
    assert reach.charges_pence == 5000
    assert reach.not_reached == [police.code]  # its only place was on a withdrawn session


def test_a_course_with_sessions_only_next_year_is_new(world) -> None:  # type: ignore[no-untyped-def]
    p, _, _, course, _ = world
    fresh = CourseFactory(partnership=p, title="Brand new")
    TrainingSessionFactory(course=fresh, date=dt.date(2021, 6, 1))
    TrainingSessionFactory(course=course, date=dt.date(2021, 7, 1))
    following, planned = selectors.planned_for_next_year(p, "2020-21")
    assert following == "2021-22"
    assert [(x.course.title, x.new) for x in planned] == [("Brand new", True),
                                                           (course.title, False)]


def test_a_contributor_sees_only_its_own_agency_s_bookings_on_a_session(world) -> None:  # type: ignore[no-untyped-def]
    p, health, police, _, held = world
    officer = member(p, Role.AGENCY_CONTRIBUTOR, police)
    board = member(p, Role.BOARD_MEMBER)
    assert access.training_figures_scope(officer) == police
    assert access.training_figures_scope(board) is None
    everyone = selectors.register_of(held, access.training_figures_scope(board))
    assert {r["label"] for r in everyone} == {health.name, "Voluntary (sector)"}
    assert selectors.register_of(held, access.training_figures_scope(officer)) == []


def test_only_the_agency_itself_or_the_business_unit_edits_its_return(world) -> None:  # type: ignore[no-untyped-def]
    p, health, police, _, _ = world
    officer = member(p, Role.AGENCY_CONTRIBUTOR, police)
    assert access.can_edit_training_return(officer, police)
    assert not access.can_edit_training_return(officer, health)
    assert access.can_edit_training_return(member(p), health)
    assert not access.can_edit_training_return(member(p, Role.CHAIR), police)
    elsewhere = member(PartnershipFactory())
    assert not access.can_edit_training_return(elsewhere, police)
