"""Changing the training records: courses, outcomes, sessions, the charges policy, import
mappings and the single-agency returns. Each change is one transaction, recorded as the
person who made it; an edit claims the version its form was opened at (`locking.claim`), so
of two people saving the same record one is told to reload."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from lscp.audit.history import acts_as
from lscp.partnership.locking import claim
from lscp.partnership.models import Agency, Partnership, ReportingYear
from lscp.partnership.records import next_position, unique_code
from lscp.workforce.mapping import parse_mapping
from lscp.workforce.models import (
    Course,
    Delivery,
    ImportMapping,
    LearningOutcome,
    SingleAgencyCourse,
    TrainingPolicy,
    TrainingReturn,
    TrainingSession,
)


class Refused(ValueError):
    """A change the records do not allow; the message is shown on the form."""


def _save(record: Any, fields: dict[str, Any]) -> Any:
    for name, value in fields.items():
        setattr(record, name, value)
    record.full_clean()
    record.save()
    return record


def _edit(record: Any, seen_version: int, fields: dict[str, Any]) -> Any:
    claim(record, seen_version)
    record.refresh_from_db()
    return _save(record, fields)


@transaction.atomic
@acts_as("by")
def course_create(*, partnership: Partnership, by: Any, title: str, **fields: Any) -> Course:
    code = unique_code(Course.objects.filter(partnership=partnership), title, fallback="course")
    return _save(Course(partnership=partnership, code=code), {"title": title, **fields})  # type: ignore[no-any-return]


@transaction.atomic
@acts_as("by")
def course_update(*, course: Course, by: Any, seen_version: int, **fields: Any) -> Course:
    return _edit(course, seen_version, fields)  # type: ignore[no-any-return]


@transaction.atomic
@acts_as("by")
def outcome_add(*, course: Course, by: Any, text: str) -> LearningOutcome:
    return LearningOutcome.objects.create(course=course, text=text,
                                          position=next_position(course.outcomes.all()))


@transaction.atomic
@acts_as("by")
def outcome_update(*, outcome: LearningOutcome, by: Any, text: str) -> LearningOutcome:
    outcome.text = text
    outcome.save()
    return outcome


@transaction.atomic
@acts_as("by")
def session_create(*, course: Course, by: Any, date: Any, **fields: Any) -> TrainingSession:
    if course.delivery == Delivery.ELEARNING:
        raise Refused("an e-learning course has completions, not sessions")
    code = unique_code(course.sessions.all(), f"{course.code}-{date:%Y-%m-%d}", fallback="session")
    fields.setdefault("delivery", course.delivery)
    return _save(TrainingSession(course=course, code=code), {"date": date, **fields})  # type: ignore[no-any-return]


@transaction.atomic
@acts_as("by")
def session_update(*, session: TrainingSession, by: Any, seen_version: int,
                   **fields: Any) -> TrainingSession:
    return _edit(session, seen_version, fields)  # type: ignore[no-any-return]


@transaction.atomic
@acts_as("by")
def policy_save(*, partnership: Partnership, by: Any, seen_version: int | None,
                **fields: Any) -> TrainingPolicy:
    policy = TrainingPolicy.objects.filter(partnership=partnership).first()
    if policy is None:
        return _save(TrainingPolicy(partnership=partnership), fields)  # type: ignore[no-any-return]
    return _edit(policy, seen_version or 0, fields)  # type: ignore[no-any-return]


def mapping_problems(text: str, source: str) -> list[str]:
    """What is wrong with a mapping, in words, before it is saved."""
    parsed, problems = parse_mapping(text, f"{source} mapping")
    found = [f"{p.column}: {p.message}" if p.column != "-" else p.message for p in problems]
    if parsed is not None and parsed.source != source:
        found.append(f'source: the mapping says "{parsed.source}" but is saved as "{source}"')
    return found


@transaction.atomic
@acts_as("by")
def mapping_save(*, partnership: Partnership, by: Any, source: str, text: str,
                 seen_version: int | None = None) -> ImportMapping:
    text = text.strip()  # as a bundle reads it back
    problems = mapping_problems(text, source)
    if problems:
        raise Refused("; ".join(problems))
    found = ImportMapping.objects.filter(partnership=partnership, source=source).first()
    if found is None:
        return ImportMapping.objects.create(partnership=partnership, source=source, text=text)
    if seen_version is not None:
        claim(found, seen_version)
        found.refresh_from_db()
    found.text = text
    found.save()
    return found


@transaction.atomic
@acts_as("by")
def return_save(*, year: ReportingYear, agency: Agency, by: Any, seen_version: int | None,
                workforce: int | None, note: str) -> TrainingReturn:
    """An agency's return for the year: made the first time, edited after."""
    found = TrainingReturn.objects.filter(year=year, agency=agency).first()
    fields = {"workforce": workforce, "note": note, "illustrative": False}
    if found is None:
        return _save(TrainingReturn(year=year, agency=agency), fields)  # type: ignore[no-any-return]
    return _edit(found, seen_version or 0, fields)  # type: ignore[no-any-return]


@transaction.atomic
@acts_as("by")
def return_line_add(*, training_return: TrainingReturn, by: Any, **fields: Any) -> SingleAgencyCourse:
    line = SingleAgencyCourse(training_return=training_return,
                              position=next_position(training_return.lines.all()))
    result: SingleAgencyCourse = _save(line, fields)
    training_return.illustrative = False
    training_return.save()
    return result


@transaction.atomic
@acts_as("by")
def return_line_update(*, line: SingleAgencyCourse, by: Any, **fields: Any) -> SingleAgencyCourse:
    return _save(line, fields)  # type: ignore[no-any-return]


@transaction.atomic
@acts_as("by")
def return_line_remove(*, line: SingleAgencyCourse, by: Any) -> None:
    line.delete()
