"""The training part of the partnership bundle (docs/bundle-format.md, docs/workforce.md).

Everything the training pages and the report read travels: the charges policy, the import
mappings, courses and their learning outcomes, sessions, bookings, e-learning completions,
evaluations and their scores, and the single-agency training returns. People appear only as
the keyed hashes the imports made (never an LMS id). The log of imports is the system's own
record, kept by a backup.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lscp.partnership.bundle.reader import Bundle, Problem
from lscp.partnership.bundle.registry import BundlePart
from lscp.partnership.bundle.schema import (
    WITHDRAWAL,
    Column,
    FileSpec,
    choice,
    parse_bool,
    parse_code,
    parse_date,
    parse_money,
    parse_text,
    parse_whole,
    parse_year,
    text_of,
)
from lscp.partnership.models import Sector
from lscp.workforce import models as w
from lscp.workforce.models import LIVE_DELIVERIES, BookingStatus, Delivery, Level, Stage

ILLUSTRATIVE = Column("illustrative", parse_bool, required=False,
                      doc="`yes` where the row was made up for a demonstration.")


def _one_of(options: Any) -> str:
    return "One of: " + ", ".join(options.values) + "."


def _course(doc: str = "Code of the course.") -> Column:
    return Column("course", parse_code, refers_to="courses.csv", doc=doc)


AGENCY = Column("agency", parse_code, required=False, refers_to="agencies.csv",
                doc="Code of the person's agency; empty for someone from outside the partner "
                    "agencies, counted by sector only.")
SECTOR = Column("sector", choice(Sector), doc=_one_of(Sector) + " The agency's, if given.")

FILES: tuple[FileSpec, ...] = (
    FileSpec(
        "training_policy.csv", "training policy", ("late_cancellation_days",),
        (
            Column("non_attendance_charge", parse_money,
                   doc="Pounds charged for a booked place not attended without notice."),
            Column("late_cancellation_charge", parse_money,
                   doc="Pounds charged for a place cancelled late."),
            Column("late_cancellation_days", parse_whole,
                   doc="A cancellation fewer than this many working days before is late."),
        ),
        doc="The partnership's charges for wasted places: one row.",
    ),
    FileSpec(
        "training_mappings.csv", "import mapping", ("source",),
        (
            Column("source", parse_code, doc="The source's short name, e.g. `lms`."),
            Column("text", parse_text, doc="The mapping in TOML (docs/workforce.md)."),
        ),
        doc="How each source's exports are read.",
    ),
    FileSpec(
        "courses.csv", "course", ("code",),
        (
            Column("code", parse_code, doc="Short unique code."),
            Column("title", text_of(w.Course, "title"), doc="The course's title, as exports name it."),
            Column("topic", text_of(w.Course, "topic"), required=False, doc="Its topic."),
            Column("level", choice(Level), required=False, doc=_one_of(Level)),
            Column("audience", text_of(w.Course, "audience"), required=False,
                   doc="Who it is for."),
            Column("delivery", choice(Delivery), doc=_one_of(Delivery)),
            Column("description", parse_text, required=False, doc="What it covers."),
            ILLUSTRATIVE,
            *WITHDRAWAL,
        ),
        doc="The training programme's courses, live and e-learning.",
    ),
    FileSpec(
        "learning_outcomes.csv", "learning outcome", ("course", "position"),
        (
            _course(),
            Column("position", parse_whole, doc="Order: 1, 2, 3..."),
            Column("text", parse_text, doc="What a practitioner can do after the course."),
        ),
        doc="Each course's learning outcomes, which evaluations score.",
    ),
    FileSpec(
        "training_sessions.csv", "training session", ("course", "code"),
        (
            _course(),
            Column("code", parse_code, doc="The session's reference, unique within the course."),
            Column("date", parse_date, doc="When it runs."),
            Column("delivery", choice(Delivery), doc="One of: " + ", ".join(
                str(d) for d in LIVE_DELIVERIES) + "."),
            Column("places", parse_whole, required=False, doc="Places offered."),
            Column("cost", parse_money, required=False, doc="Pounds it cost to run."),
            *WITHDRAWAL,
        ),
        doc="Sessions of the live courses (classroom, webinar, briefing).",
    ),
    FileSpec(
        "training_bookings.csv", "booking", ("course", "session", "attendee"),
        (
            _course(),
            Column("session", parse_code, doc="Code of the session."),
            Column("attendee", parse_code, doc="The keyed hash an import made of the person's "
                                               "LMS id; never the id itself."),
            AGENCY,
            SECTOR,
            Column("status", choice(BookingStatus), doc=_one_of(BookingStatus)),
            Column("charge", parse_money, required=False,
                   doc="Pounds charged under the policy for a wasted place."),
            ILLUSTRATIVE,
        ),
        doc="Bookings and attendance: one row per person per session.",
        compound_refs=((("course", "session"), "training_sessions.csv"),),
    ),
    FileSpec(
        "elearning_completions.csv", "e-learning completion count",
        ("course", "month", "agency", "sector"),
        (
            _course(),
            Column("month", parse_date, doc="The first day of the month completed."),
            AGENCY,
            SECTOR,
            Column("completions", parse_whole, doc="Completions in the month."),
            ILLUSTRATIVE,
        ),
        doc="E-learning completions by course, month and agency (or sector).",
    ),
    FileSpec(
        "training_evaluations.csv", "evaluation", ("course", "respondent", "stage"),
        (
            _course(),
            Column("respondent", parse_code, doc="The keyed hash of the person's LMS id."),
            Column("stage", choice(Stage), doc=_one_of(Stage)),
            Column("date", parse_date, doc="When it was completed."),
            Column("with_line_manager", parse_bool, required=False,
                   doc="`yes` when completed with the line manager (the follow-up)."),
            Column("change_in_practice", parse_bool, required=False,
                   doc="At the follow-up: `yes` or `no`; empty when not asked."),
            Column("example", parse_text, required=False, doc="An example of the change."),
            ILLUSTRATIVE,
        ),
        doc="Evaluations before a course, straight after and at the follow-up.",
    ),
    FileSpec(
        "training_evaluation_scores.csv", "evaluation score",
        ("course", "respondent", "stage", "outcome"),
        (
            _course(),
            Column("respondent", parse_code, doc="The keyed hash of the person's LMS id."),
            Column("stage", choice(Stage), doc=_one_of(Stage)),
            Column("outcome", parse_whole, doc="Position of the learning outcome."),
            Column("score", parse_whole, doc="Confidence, 1 (not at all) to 5 (very)."),
        ),
        doc="Confidence in each learning outcome, per evaluation.",
        compound_refs=((("course", "respondent", "stage"), "training_evaluations.csv"),
                       (("course", "outcome"), "learning_outcomes.csv")),
    ),
    FileSpec(
        "training_returns.csv", "training return", ("year", "agency"),
        (
            Column("year", parse_year, refers_to="years.csv", doc="Reporting year."),
            Column("agency", parse_code, refers_to="agencies.csv", doc="Code of the agency."),
            Column("workforce", parse_whole, required=False,
                   doc="Staff and volunteers who work with children."),
            Column("note", parse_text, required=False, doc="What the agency adds."),
            ILLUSTRATIVE,
        ),
        doc="Each partner's yearly single-agency training return.",
    ),
    FileSpec(
        "single_agency_training.csv", "single-agency course", ("year", "agency", "position"),
        (
            Column("year", parse_year, refers_to="years.csv", doc="Reporting year."),
            Column("agency", parse_code, refers_to="agencies.csv", doc="Code of the agency."),
            Column("position", parse_whole, doc="Order: 1, 2, 3..."),
            Column("title", text_of(w.SingleAgencyCourse, "title"), doc="The agency's course."),
            Column("delivery", choice(Delivery), doc=_one_of(Delivery)),
            Column("people_trained", parse_whole, doc="People it trained in the year."),
        ),
        doc="The lines of each training return.",
        compound_refs=((("year", "agency"), "training_returns.csv"),),
    ),
)


def validate(bundle: Bundle) -> list[Problem]:
    found = [Problem("training_policy.csv", row.number, "-", "give one row: the policy")
             for row in bundle.of("training_policy.csv")[1:]]
    for row in bundle.of("training_sessions.csv"):
        if row.values.get("delivery") == Delivery.ELEARNING:
            found.append(Problem("training_sessions.csv", row.number, "delivery",
                                 "e-learning has completions, not sessions"))
    for row in bundle.of("training_evaluation_scores.csv"):
        score = row.values.get("score")
        if score is not None and not 1 <= score <= 5:
            found.append(Problem("training_evaluation_scores.csv", row.number, "score",
                                 f'"{score}" is not a score from 1 to 5'))
    return found


def import_rows(wr: Any, bundle: Bundle, lookups: dict[str, Any]) -> None:
    p, agencies, years = lookups["partnership"], lookups["agencies"], lookups["years"]
    flag = lambda v: bool(v.get("illustrative"))  # noqa: E731
    for r in bundle.of("training_policy.csv"):
        v = r.values
        wr.upsert(w.TrainingPolicy, {"partnership": p}, {
            "non_attendance_charge_pence": v["non_attendance_charge"],
            "late_cancellation_charge_pence": v["late_cancellation_charge"],
            "late_cancellation_days": v["late_cancellation_days"]})
    for r in bundle.of("training_mappings.csv"):
        wr.upsert(w.ImportMapping, {"partnership": p, "source": r.values["source"]},
                  {"text": r.values["text"]})
    courses = _import_courses(wr, bundle, p)
    _import_sessions(wr, bundle, courses, agencies)
    _import_evaluations(wr, bundle, courses)
    for r in bundle.of("elearning_completions.csv"):
        v = r.values
        wr.upsert(w.ElearningCompletion, {
            "course": courses[v["course"]], "month": v["month"].replace(day=1),
            "agency": agencies.get(v["agency"]), "sector": v["sector"]},
            {"completions": v["completions"], "illustrative": flag(v)})
    returns = {}
    for r in bundle.of("training_returns.csv"):
        v = r.values
        returns[(v["year"], v["agency"])] = wr.upsert(
            w.TrainingReturn, {"year": years[v["year"]], "agency": agencies[v["agency"]]},
            {"workforce": v["workforce"], "note": v["note"] or "", "illustrative": flag(v)})
    for r in bundle.of("single_agency_training.csv"):
        v = r.values
        wr.upsert(w.SingleAgencyCourse, {"training_return": returns[(v["year"], v["agency"])],
                                         "position": v["position"]},
                  {"title": v["title"], "delivery": v["delivery"],
                   "people_trained": v["people_trained"]})


def _import_courses(wr: Any, bundle: Bundle, p: Any) -> dict[str, w.Course]:
    courses = {}
    for r in bundle.of("courses.csv"):
        v = r.values
        courses[v["code"]] = wr.upsert(w.Course, {"partnership": p, "code": v["code"]}, {
            "title": v["title"], **{k: v[k] or "" for k in ("topic", "level", "audience",
                                                           "description")},
            "delivery": v["delivery"], "illustrative": bool(v.get("illustrative")),
            "withdrawn_on": v.get("withdrawn_on"),
            "withdrawn_reason": v.get("withdrawn_reason") or ""})
    for r in bundle.of("learning_outcomes.csv"):
        v = r.values
        wr.upsert(w.LearningOutcome, {"course": courses[v["course"]], "position": v["position"]},
                  {"text": v["text"]})
    return courses


def _import_sessions(wr: Any, bundle: Bundle, courses: dict[str, w.Course],
                     agencies: dict[str, Any]) -> None:
    sessions = {}
    for r in bundle.of("training_sessions.csv"):
        v = r.values
        sessions[(v["course"], v["code"])] = wr.upsert(
            w.TrainingSession, {"course": courses[v["course"]], "code": v["code"]},
            {"date": v["date"], "delivery": v["delivery"], "places": v["places"],
             "cost_pence": v["cost"], "withdrawn_on": v.get("withdrawn_on"),
             "withdrawn_reason": v.get("withdrawn_reason") or ""})
    for r in bundle.of("training_bookings.csv"):
        v = r.values
        wr.upsert(w.Booking, {"session": sessions[(v["course"], v["session"])],
                              "attendee": v["attendee"]},
                  {"agency": agencies.get(v["agency"]), "sector": v["sector"],
                   "status": v["status"], "charge_pence": v["charge"] or 0,
                   "illustrative": bool(v.get("illustrative"))})


def _import_evaluations(wr: Any, bundle: Bundle, courses: dict[str, w.Course]) -> None:
    responses = {}
    for r in bundle.of("training_evaluations.csv"):
        v = r.values
        responses[(v["course"], v["respondent"], v["stage"])] = wr.upsert(
            w.EvaluationResponse, {"course": courses[v["course"]], "respondent": v["respondent"],
                                   "stage": v["stage"]},
            {"date": v["date"], "with_line_manager": bool(v["with_line_manager"]),
             "change_in_practice": v["change_in_practice"], "example": v["example"] or "",
             "illustrative": bool(v.get("illustrative"))})
    outcomes = {(o.course.code, o.position): o for o in w.LearningOutcome.objects.filter(
        course__in=list(courses.values())).select_related("course")}
    for r in bundle.of("training_evaluation_scores.csv"):
        v = r.values
        wr.upsert(w.OutcomeRating, {
            "response": responses[(v["course"], v["respondent"], v["stage"])],
            "outcome": outcomes[(v["course"], v["outcome"])]}, {"score": v["score"]})


def _money(pence: int | None) -> str | None:
    if pence is None:
        return None
    pounds, rest = divmod(pence, 100)
    return f"{pounds}.{rest:02d}" if rest else str(pounds)


def _code(record: Any) -> str | None:
    return record.code if record is not None else None


def export_rows(p: Any, write: Callable[[str, Any], None],
                attach: Callable[[str, bytes], None]) -> None:
    """Withdrawn courses and sessions travel with their withdrawal, so a restore keeps them
    withdrawn; everything else in the order a person would read it."""
    policy = w.TrainingPolicy.objects.filter(partnership=p).first()
    write("training_policy.csv", [] if policy is None else [{
        "non_attendance_charge": _money(policy.non_attendance_charge_pence),
        "late_cancellation_charge": _money(policy.late_cancellation_charge_pence),
        "late_cancellation_days": policy.late_cancellation_days}])
    write("training_mappings.csv", ({"source": x.source, "text": x.text}
                                    for x in w.ImportMapping.objects.filter(partnership=p)))
    write("courses.csv", (
        {"code": c.code, "title": c.title, "topic": c.topic, "level": c.level,
         "audience": c.audience, "delivery": c.delivery, "description": c.description,
         "illustrative": c.illustrative, "withdrawn_on": c.withdrawn_on,
         "withdrawn_reason": c.withdrawn_reason}
        for c in w.Course.objects.filter(partnership=p).order_by("code")))
    write("learning_outcomes.csv", (
        {"course": o.course.code, "position": o.position, "text": o.text}
        for o in w.LearningOutcome.objects.filter(course__partnership=p).select_related("course")
        .order_by("course__code", "position")))
    write("training_sessions.csv", (
        {"course": s.course.code, "code": s.code, "date": s.date, "delivery": s.delivery,
         "places": s.places, "cost": _money(s.cost_pence), "withdrawn_on": s.withdrawn_on,
         "withdrawn_reason": s.withdrawn_reason}
        for s in w.TrainingSession.objects.filter(course__partnership=p).select_related("course")
        .order_by("course__code", "code")))
    write("training_bookings.csv", (
        {"course": b.session.course.code, "session": b.session.code, "attendee": b.attendee,
         "agency": _code(b.agency), "sector": b.sector, "status": b.status,
         "charge": _money(b.charge_pence) if b.charge_pence else None,
         "illustrative": b.illustrative}
        for b in w.Booking.objects.filter(session__course__partnership=p).select_related(
            "session__course", "agency").order_by("session__course__code", "session__code",
                                                  "attendee")))
    write("elearning_completions.csv", (
        {"course": c.course.code, "month": c.month, "agency": _code(c.agency),
         "sector": c.sector, "completions": c.completions, "illustrative": c.illustrative}
        for c in w.ElearningCompletion.objects.filter(course__partnership=p).select_related(
            "course", "agency").order_by("course__code", "month", "sector", "agency__code")))
    _export_evaluations(p, write)
    _export_returns(p, write)


def _export_evaluations(p: Any, write: Callable[[str, Any], None]) -> None:
    responses = w.EvaluationResponse.objects.filter(course__partnership=p).select_related(
        "course").order_by("course__code", "respondent", "stage")
    write("training_evaluations.csv", (
        {"course": e.course.code, "respondent": e.respondent, "stage": e.stage, "date": e.date,
         "with_line_manager": e.with_line_manager, "change_in_practice": e.change_in_practice,
         "example": e.example, "illustrative": e.illustrative} for e in responses))
    write("training_evaluation_scores.csv", (
        {"course": x.response.course.code, "respondent": x.response.respondent,
         "stage": x.response.stage, "outcome": x.outcome.position, "score": x.score}
        for x in w.OutcomeRating.objects.filter(response__course__partnership=p).select_related(
            "response__course", "outcome").order_by(
            "response__course__code", "response__respondent", "response__stage",
            "outcome__position")))


def _export_returns(p: Any, write: Callable[[str, Any], None]) -> None:
    write("training_returns.csv", (
        {"year": t.year.label, "agency": t.agency.code, "workforce": t.workforce,
         "note": t.note, "illustrative": t.illustrative}
        for t in w.TrainingReturn.objects.filter(year__partnership=p).select_related(
            "year", "agency").order_by("year__label", "agency__code")))
    write("single_agency_training.csv", (
        {"year": x.training_return.year.label, "agency": x.training_return.agency.code,
         "position": x.position, "title": x.title, "delivery": x.delivery,
         "people_trained": x.people_trained}
        for x in w.SingleAgencyCourse.objects.filter(training_return__year__partnership=p)
        .select_related("training_return__year", "training_return__agency")
        .order_by("training_return__year__label", "training_return__agency__code", "position")))


PART = BundlePart("workforce", FILES, import_rows, export_rows, validate)
