"""Import one export (bookings, e-learning completions or evaluations) for one year.

load (read the bytes, parse the mapping, read every row, check it all against what the
partnership holds: no writes) → store, in one transaction, only when nothing was wrong.
Importing the same export again changes nothing; a corrected export replaces what the
previous one said:
- bookings: each session in the file gets exactly the file's register (sessions the file
  does not name are left alone);
- completions: the year's e-learning completions are the file's;
- evaluations: each course's evaluations in the year are the file's.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction
from simple_history.utils import bulk_create_with_history

from lscp.audit.history import acting_as, current_user
from lscp.insight.periods import year_bounds
from lscp.partnership import versioning
from lscp.partnership.bundle.reader import Problem
from lscp.partnership.models import Partnership
from lscp.partnership.records import unique_code
from lscp.workforce.mapping import parse_mapping
from lscp.workforce.models import (
    Booking,
    BookingStatus,
    Course,
    ElearningCompletion,
    EvaluationResponse,
    ImportMapping,
    OutcomeRating,
    TrainingImport,
    TrainingPolicy,
    TrainingSession,
)
from lscp.workforce.rows import (
    READERS,
    BookingRecord,
    CompletionRecord,
    CourseRef,
    EvaluationRecord,
    KnownCourse,
    Lookups,
)
from lscp.workforce.tables import read_table

MAX_PROBLEMS = 200  # listed; the rest are counted


@dataclass
class TrainingImportResult:
    problems: list[Problem] = field(default_factory=list)
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)
    deleted: Counter[str] = field(default_factory=Counter)
    new_courses: list[str] = field(default_factory=list)
    rows: int = 0
    record: TrainingImport | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        parts = [f"{self.rows:,} {'row' if self.rows == 1 else 'rows'} read"]
        for label, counter in (("created", self.created), ("updated", self.updated),
                               ("unchanged", self.unchanged), ("removed", self.deleted)):
            if counter:
                parts.append(f"{label}: " + ", ".join(f"{n:,} {k}" for k, n in sorted(counter.items())))
        if self.new_courses:
            parts.append("new courses: " + "; ".join(self.new_courses))
        return ". ".join(parts)

    def listed_problems(self) -> list[str]:
        shown = [str(p) for p in self.problems[:MAX_PROBLEMS]]
        if len(self.problems) > MAX_PROBLEMS:
            shown.append(f"… and {len(self.problems) - MAX_PROBLEMS:,} more problems")
        return shown


def mapping_text(partnership: Partnership, source: str) -> str | None:
    found = ImportMapping.objects.filter(partnership=partnership, source=source).first()
    return found.text if found else None


def import_export(partnership: Partnership, *, year: str, source: str, name: str, data: bytes,
                  mapping: str | None = None, by: Any = None,
                  illustrative: bool = False) -> TrainingImportResult:
    """Check the export whole; store it only if nothing is wrong (one transaction)."""
    result = TrainingImportResult()
    text = mapping if mapping is not None else mapping_text(partnership, source)
    try:
        year_bounds(year)
    except ValueError as exc:
        result.problems.append(Problem(name, 0, "-", str(exc)))
    if text is None:
        result.problems.append(Problem(name, 0, "-", f'no mapping for the source "{source}": '
                                                      "add one on the Training imports page"))
    if result.problems:
        return result
    assert text is not None
    parsed, problems = parse_mapping(text, f"{source} mapping")
    if parsed is None:
        result.problems = problems
        return result
    table, problems = read_table(name, data, parsed.sheet)
    result.rows = len(table.rows)
    if problems:
        result.problems = problems
        return result
    records, problems = READERS[parsed.kind](table, parsed, lookups(partnership, year))
    if problems:
        result.problems = sorted(set(problems), key=lambda p: (p.row, p.column, p.message))
        return result
    with transaction.atomic(), acting_as(by):
        STORES[parsed.kind](partnership, year, records, result, illustrative)
        result.record = TrainingImport.objects.create(
            partnership=partnership, year=year, source=source, file_name=name[:200],
            digest=hashlib.sha256(data).hexdigest(), rows=result.rows,
            summary=result.summary(), illustrative=illustrative, imported_by=current_user())
        versioning.changed(partnership.pk)  # bulk writes send no signal
    return result


def lookups(partnership: Partnership, year: str) -> Lookups:
    start, end = year_bounds(year)
    found = Lookups(year=year, start=start, end=end, secret=partnership.pseudonym_key)
    for code, name, sector in partnership.agencies.values_list("code", "name", "sector"):
        found.agencies[code.lower()] = found.agencies[name.lower()] = (code, sector)
    courses = Course.objects.current().filter(partnership=partnership).annotate(
        outcome_count=models.Count("outcomes"))
    for c in courses:
        known = KnownCourse(c.code, c.title, c.delivery, c.outcome_count)
        found.courses[c.code.lower()] = found.courses[c.title.lower()] = known
    return found


# Storing ---------------------------------------------------------------------------------


def _courses(partnership: Partnership, refs: Iterable[CourseRef],
             result: TrainingImportResult) -> dict[str, Course]:
    """The courses the rows name, by title (lower case); new ones are added."""
    kept = {c.code: c for c in Course.objects.filter(partnership=partnership)}
    found: dict[str, Course] = {}
    for ref in refs:
        key = ref.title.lower()
        if key in found:
            continue
        if ref.code is not None:
            found[key] = kept[ref.code]
            continue
        code = unique_code(Course.objects.filter(partnership=partnership), ref.title,
                           fallback="course")
        found[key] = Course.objects.create(partnership=partnership, code=code,
                                           title=ref.title[:200], delivery=ref.delivery)
        result.created["courses"] += 1
        result.new_courses.append(ref.title)
    return found


Key = tuple[Any, ...]


def _sync(model: type[models.Model], partnership: Partnership, existing: dict[Key, Any],
          wanted: dict[Key, dict[str, Any]], make: Callable[[Key, dict[str, Any]], Any],
          result: TrainingImportResult,
          removable: Callable[[Any], bool] = lambda record: True) -> dict[Key, Any]:
    """Make the records keyed in `existing` what `wanted` says: create the missing (in bulk,
    with their history), save the changed, delete the unwanted that are `removable`.
    Returns every wanted record by its key."""
    label = str(model._meta.verbose_name_plural)
    kept: dict[Key, Any] = {}
    new_keys: list[Key] = []
    for key, values in wanted.items():
        record = existing.get(key)
        if record is None:
            new_keys.append(key)
            continue
        kept[key] = record
        if all(getattr(record, name) == value for name, value in values.items()):
            result.unchanged[label] += 1
            continue
        for name, value in values.items():
            setattr(record, name, value)
        record.save()
        result.updated[label] += 1
    gone = [r.pk for k, r in existing.items() if k not in wanted and removable(r)]
    if gone:
        model._default_manager.filter(pk__in=gone).delete()
        result.deleted[label] += len(gone)
    if new_keys:
        made = bulk_create_with_history(
            [make(key, wanted[key]) for key in new_keys], model, default_user=current_user(),
            custom_historical_attrs={"history_partnership": partnership.pk})
        result.created[label] += len(made)
        kept.update(zip(new_keys, made, strict=True))
    return kept


def _charges(partnership: Partnership) -> dict[str, int]:
    policy = TrainingPolicy.objects.filter(partnership=partnership).first()
    if policy is None:
        return {}
    return {BookingStatus.DID_NOT_ATTEND: policy.non_attendance_charge_pence,
            BookingStatus.LATE_CANCELLATION: policy.late_cancellation_charge_pence}


def store_bookings(partnership: Partnership, year: str, records: list[BookingRecord],
                   result: TrainingImportResult, illustrative: bool) -> None:
    courses = _courses(partnership, (r.course for r in records), result)
    sessions: dict[tuple[int, str], TrainingSession] = {}
    for r in records:
        course = courses[r.course.title.lower()]
        if (course.pk, r.session) in sessions:
            continue
        sessions[(course.pk, r.session)] = _session(course, r, result)
    charges = _charges(partnership)
    agencies = dict(partnership.agencies.values_list("code", "pk"))
    existing = {(b.session_id, b.attendee): b for b in Booking.objects.filter(
        session__in=list(sessions.values()))}
    wanted: dict[Key, dict[str, Any]] = {}
    for r in records:
        session = sessions[(courses[r.course.title.lower()].pk, r.session)]
        wanted[(session.pk, r.attendee)] = {
            "agency_id": agencies.get(r.agency or ""), "sector": r.sector,
            "status": r.status, "charge_pence": charges.get(r.status, 0),
            "illustrative": illustrative}
    _sync(Booking, partnership, existing, wanted,
          lambda key, values: Booking(session_id=key[0], attendee=key[1], **values), result)


def _session(course: Course, r: BookingRecord, result: TrainingImportResult) -> TrainingSession:
    values: dict[str, Any] = {"date": r.date, "delivery": r.delivery}
    if r.places is not None:
        values["places"] = r.places
    if r.cost is not None:
        values["cost_pence"] = r.cost
    session = TrainingSession.objects.filter(course=course, code=r.session).first()
    if session is None:
        result.created["training sessions"] += 1
        return TrainingSession.objects.create(course=course, code=r.session, **values)
    if all(getattr(session, k) == v for k, v in values.items()):
        result.unchanged["training sessions"] += 1
        return session
    for name, value in values.items():
        setattr(session, name, value)
    session.save()
    result.updated["training sessions"] += 1
    return session


def store_completions(partnership: Partnership, year: str,
                      records: list[CompletionRecord], result: TrainingImportResult,
                      illustrative: bool) -> None:
    courses = _courses(partnership, (r.course for r in records), result)
    agencies = dict(partnership.agencies.values_list("code", "pk"))
    totals: dict[Key, int] = defaultdict(int)
    for r in records:
        key = (courses[r.course.title.lower()].pk, r.month, agencies.get(r.agency or ""), r.sector)
        totals[key] += r.count
    existing = {(c.course_id, c.month, c.agency_id, c.sector): c
                for c in ElearningCompletion.objects.filter(
                    course__partnership=partnership, month__range=year_bounds(year))}
    wanted = {key: {"completions": n, "illustrative": illustrative} for key, n in totals.items()}
    _sync(ElearningCompletion, partnership, existing, wanted,
          lambda key, values: ElearningCompletion(course_id=key[0], month=key[1],
                                                  agency_id=key[2], sector=key[3], **values),
          result)


def store_evaluations(partnership: Partnership, year: str,
                      records: list[EvaluationRecord], result: TrainingImportResult,
                      illustrative: bool) -> None:
    start, end = year_bounds(year)
    courses = {c.code: c for c in Course.objects.filter(
        partnership=partnership, code__in={r.course for r in records}).prefetch_related("outcomes")}
    existing = {(e.course_id, e.respondent, e.stage): e for e in EvaluationResponse.objects.filter(
        course__in=list(courses.values()))}
    wanted = {(courses[r.course].pk, r.respondent, r.stage): {
        "date": r.date, "with_line_manager": r.with_manager,
        "change_in_practice": r.change_in_practice, "example": r.example,
        "illustrative": illustrative} for r in records}
    responses = _sync(EvaluationResponse, partnership, existing, wanted,
                      lambda key, values: EvaluationResponse(
                          course_id=key[0], respondent=key[1], stage=key[2], **values), result,
                      removable=lambda e: start <= e.date <= end)
    outcomes = {(c.pk, o.position): o.pk for c in courses.values() for o in c.outcomes.all()}
    kept = {(x.response_id, x.outcome_id): x for x in OutcomeRating.objects.filter(
        response__in=list(responses.values()))}
    scores: dict[Key, dict[str, Any]] = {}
    for r in records:
        course = courses[r.course]
        response = responses[(course.pk, r.respondent, r.stage)]
        for position, score in r.scores.items():
            scores[(response.pk, outcomes[(course.pk, position)])] = {"score": score}
    _sync(OutcomeRating, partnership, kept, scores,
          lambda key, values: OutcomeRating(response_id=key[0], outcome_id=key[1], **values),
          result)


STORES: dict[str, Callable[..., None]] = {
    "bookings": store_bookings, "completions": store_completions,
    "evaluations": store_evaluations}

