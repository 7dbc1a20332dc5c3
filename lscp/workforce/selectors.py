"""Reading the training records: facts for lscp.workforce.reach and .impact, and the lists
the pages show. Withdrawn courses and sessions leave every figure."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Min, Q, QuerySet, Sum

from lscp.insight.figures import format_pounds
from lscp.insight.periods import following_year, previous_year, year_bounds
from lscp.partnership.models import Agency, Partnership, ReportingYear, Sector
from lscp.workforce.impact import Answer, CourseImpact, CourseOutcomes, impact
from lscp.workforce.models import (
    LIVE_DELIVERIES,
    Booking,
    BookingStatus,
    Course,
    Delivery,
    ElearningCompletion,
    EvaluationResponse,
    TrainingReturn,
    TrainingSession,
)
from lscp.workforce.reach import BookingFact, CompletionFact, ReturnFact, YearReach, year_reach

LIVE_COURSE = Q(course__withdrawn_on__isnull=True)


def _bounds(label: str) -> tuple[dt.date, dt.date]:
    return year_bounds(label)


def live_sessions(partnership: Partnership) -> QuerySet[TrainingSession]:
    return TrainingSession.objects.current().filter(LIVE_COURSE, course__partnership=partnership)


def booking_facts(partnership: Partnership, label: str) -> list[BookingFact]:
    start, end = _bounds(label)
    rows = Booking.objects.filter(
        session__in=live_sessions(partnership).filter(date__range=(start, end))).values_list(
        "session_id", "session__delivery", "agency__code", "agency__sector", "sector", "status",
        "charge_pence", "illustrative")
    return [BookingFact(session, delivery, code, agency_sector or sector, status, charge, made_up)
            for session, delivery, code, agency_sector, sector, status, charge, made_up in rows]


def completion_facts(partnership: Partnership, label: str) -> list[CompletionFact]:
    start, end = _bounds(label)
    rows = ElearningCompletion.objects.filter(
        LIVE_COURSE, course__partnership=partnership, month__range=(start, end)).values_list(
        "course_id", "agency__code", "agency__sector", "sector", "completions", "illustrative")
    return [CompletionFact(course, code, agency_sector or sector, count, made_up)
            for course, code, agency_sector, sector, count, made_up in rows]


def return_facts(partnership: Partnership, label: str) -> list[ReturnFact]:
    rows = TrainingReturn.objects.filter(year__partnership=partnership, year__label=label).annotate(
        trained=Sum("lines__people_trained")).values_list(
        "agency__code", "agency__sector", "workforce", "trained", "illustrative")
    return [ReturnFact(code, sector, workforce, trained or 0, made_up)
            for code, sector, workforce, trained, made_up in rows]


def reach_of(partnership: Partnership, label: str) -> YearReach:
    return year_reach(label, booking_facts(partnership, label),
                      completion_facts(partnership, label), return_facts(partnership, label))


def reach_with_previous(partnership: Partnership, label: str) -> tuple[YearReach, YearReach]:
    return reach_of(partnership, label), reach_of(partnership, previous_year(label))


def agency_names(partnership: Partnership) -> dict[str, str]:
    return dict(partnership.agencies.values_list("code", "name"))


def impact_of(partnership: Partnership, label: str) -> list[CourseImpact]:
    start, end = _bounds(label)
    responses = EvaluationResponse.objects.filter(
        LIVE_COURSE, course__partnership=partnership, date__range=(start, end)).select_related(
        "course").prefetch_related("ratings__outcome").order_by("course__title", "pk")
    answers = [Answer(r.course.code, r.respondent, r.stage,
                      {x.outcome.position: x.score for x in r.ratings.all()},
                      r.with_line_manager, r.change_in_practice, r.example, r.illustrative)
               for r in responses]
    courses = Course.objects.filter(pk__in={r.course_id for r in responses}).prefetch_related(
        "outcomes").order_by("title")
    return impact([CourseOutcomes(c.code, c.title, tuple((o.position, o.text)
                                                         for o in c.outcomes.all()))
                   for c in courses], answers)


@dataclass(frozen=True)
class Planned:
    """A course with sessions dated in the year after: what changes next year."""

    course: Course
    sessions: int
    first: dt.date
    new: bool  # no session or completion of it before that year


def planned_for_next_year(partnership: Partnership, label: str) -> tuple[str, list[Planned]]:
    following = following_year(label)
    start, end = _bounds(following)
    sessions = live_sessions(partnership).filter(date__range=(start, end)).values(
        "course").annotate(n=Count("pk"), first=Min("date"))
    courses = {c.pk: c for c in Course.objects.filter(pk__in=[s["course"] for s in sessions])}
    earlier = set(TrainingSession.objects.filter(course__in=list(courses.values()),
                                                 date__lt=start).values_list("course", flat=True))
    found = [Planned(courses[s["course"]], s["n"], s["first"], s["course"] not in earlier)
             for s in sessions]
    return following, sorted(found, key=lambda p: (p.first, p.course.title))


def courses_in_year(partnership: Partnership, label: str) -> list[dict[str, Any]]:
    """Each current course with its sessions, attendees and completions in the year."""
    start, end = _bounds(label)
    in_year = Q(sessions__date__range=(start, end), sessions__withdrawn_on__isnull=True)
    courses = Course.objects.current().filter(partnership=partnership).annotate(
        session_count=Count("sessions", filter=in_year, distinct=True),
        attended=Count("sessions__bookings", filter=in_year & Q(
            sessions__bookings__status=BookingStatus.ATTENDED)),
    ).order_by("title")
    completed = dict(ElearningCompletion.objects.filter(
        course__partnership=partnership, month__range=(start, end)).values_list(
        "course").annotate(n=Sum("completions")).values_list("course", "n"))
    return [{"course": c, "sessions": c.session_count, "attended": c.attended,
             "completions": completed.get(c.pk, 0),
             "live": c.delivery in LIVE_DELIVERIES} for c in courses]


def sessions_of(course: Course) -> QuerySet[TrainingSession]:
    return course.sessions.current().annotate(
        attended=Count("bookings", filter=Q(bookings__status=BookingStatus.ATTENDED)),
        booked=Count("bookings")).order_by("-date")


def register_of(session: TrainingSession, agency: Agency | None = None) -> list[dict[str, Any]]:
    """A session's bookings counted by agency (or, for people from outside the partner
    agencies, sector) and status; one agency's only when `agency` is given (an agency
    contributor sees its own people)."""
    rows = session.bookings.all()
    if agency is not None:
        rows = rows.filter(agency=agency)
    counted = rows.values("agency__name", "sector", "status").annotate(
        n=Count("pk"), charged=Sum("charge_pence")).order_by("agency__name", "sector", "status")
    sectors, statuses = dict(Sector.choices), dict(BookingStatus.choices)
    return [{"label": r["agency__name"] or f"{sectors.get(r['sector'], r['sector'])} (sector)",
             "status": statuses.get(r["status"], r["status"]), "n": r["n"],
             "charged": format_pounds(r["charged"] or 0)} for r in counted]


def returns_in_year(year: ReportingYear) -> QuerySet[TrainingReturn]:
    return TrainingReturn.objects.filter(year=year).select_related("agency").prefetch_related(
        "lines").annotate(trained=Sum("lines__people_trained"))


def elearning_courses(partnership: Partnership) -> QuerySet[Course]:
    return Course.objects.current().filter(partnership=partnership, delivery=Delivery.ELEARNING)
