"""An export's rows read through its mapping into typed records, every problem collected.

Nothing here writes: the records are checked whole (columns, dates inside the year, known
agencies and courses, one booking a person a session) before the importer stores any of
them, so a bad row means nothing is imported. Each problem names the file, the row and the
export's own column, as `lms-2020-21.csv:14:Event date: "31/02/2021" is not a date`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.text import slugify

from lscp.partnership.bundle.reader import Problem
from lscp.partnership.bundle.schema import CellError, parse_money, parse_whole
from lscp.workforce.mapping import Mapping, yes_no
from lscp.workforce.models import Delivery
from lscp.workforce.pseudonyms import attendee_key
from lscp.workforce.tables import Table, TableRow


@dataclass(frozen=True)
class KnownCourse:
    code: str
    title: str
    delivery: str
    outcomes: int  # how many learning outcomes it has


@dataclass
class Lookups:
    """What the partnership already holds, read once before the rows."""

    year: str
    start: dt.date
    end: dt.date
    secret: str  # the partnership's pseudonym key
    agencies: dict[str, tuple[str, str]] = field(default_factory=dict)  # code/name -> code, sector
    courses: dict[str, KnownCourse] = field(default_factory=dict)  # code/title (lower) -> course

    def agency(self, raw: str) -> tuple[str, str] | None:
        return self.agencies.get(raw.strip().lower())

    def course(self, raw: str) -> KnownCourse | None:
        value = raw.strip().lower()
        return self.courses.get(value) or self.courses.get(slugify(value))


@dataclass(frozen=True)
class CourseRef:
    """A course an export names: one already kept (`code`), or a new one to add."""

    title: str
    delivery: str
    code: str | None = None


@dataclass
class BookingRecord:
    number: int
    course: CourseRef
    session: str
    date: dt.date
    delivery: str
    places: int | None
    cost: int | None
    attendee: str
    agency: str | None
    sector: str
    status: str


@dataclass
class CompletionRecord:
    number: int
    course: CourseRef
    month: dt.date
    agency: str | None
    sector: str
    count: int


@dataclass
class EvaluationRecord:
    number: int
    course: str  # a kept course's code
    respondent: str
    stage: str
    date: dt.date
    with_manager: bool
    change_in_practice: bool | None
    example: str
    scores: dict[int, int]  # outcome position -> 1..5


class _Reader:
    """One table read through one mapping: cell helpers that note each problem."""

    def __init__(self, table: Table, mapping: Mapping, lookups: Lookups) -> None:
        self.table, self.mapping, self.lookups = table, mapping, lookups
        self.problems: list[Problem] = []
        self.missing: set[str] = set()  # mapped columns the file lacks: reported once

    def problem(self, row: TableRow | int, key: str, message: str) -> None:
        number = row if isinstance(row, int) else row.number
        column = self.mapping.column(key) or key
        self.problems.append(Problem(self.table.name, number, column, message))

    def check_header(self) -> None:
        """Every mapped column is in the file's first row. A missing one is reported once,
        and the rows are still read for every other problem: one refusal lists them all."""
        wanted = [(k, c) for k, c in self.mapping.columns.items()] + [
            (f"outcome {i}", c) for i, c in enumerate(self.mapping.outcomes, start=1)]
        for key, column in wanted:
            if column not in self.table.header:
                self.missing.add(column)
                self.problems.append(Problem(
                    self.table.name, 1, column,
                    f'missing column "{column}" (the mapping\'s {key}); the file has: '
                    f"{', '.join(h for h in self.table.header if h)}"))

    def text(self, row: TableRow, key: str) -> str:
        column = self.mapping.column(key)
        return row.text(column).strip() if column else ""

    def absent(self, key: str) -> bool:
        return (self.mapping.column(key) or key) in self.missing

    def required(self, row: TableRow, key: str) -> str | None:
        value = self.text(row, key)
        if not value:
            if not self.absent(key):
                self.problem(row, key, "a value is required")
            return None
        return value

    def date(self, row: TableRow, key: str) -> dt.date | None:
        column = self.mapping.column(key) or key
        if column in self.missing:
            return None
        cell = row.cells.get(column, "")
        if isinstance(cell, dt.date):
            day = cell
        elif not cell.strip():
            self.problem(row, key, "a date is required")
            return None
        else:
            found = _parse_date(cell.strip(), self.mapping.date_format)
            if found is None:
                example = dt.date(2021, 3, 31).strftime(self.mapping.date_format)
                self.problem(row, key, f'"{cell.strip()}" is not a date (expected like '
                                       f"{example}, or 2021-03-31)")
                return None
            day = found
        if not self.lookups.start <= day <= self.lookups.end:
            self.problem(row, key, f"{day:%-d %B %Y} is outside {self.lookups.year} "
                                   f"({self.lookups.start:%-d %B %Y} to "
                                   f"{self.lookups.end:%-d %B %Y})")
            return None
        return day

    def number(self, row: TableRow, key: str, parse: Callable[[str], int]) -> int | None:
        value = self.text(row, key)
        if not value:
            return None
        try:
            return parse(value)
        except CellError as exc:
            self.problem(row, key, str(exc))
            return None

    def vocabulary(self, row: TableRow, key: str, vocabulary: str) -> str | None:
        raw = self.required(row, key)
        if raw is None:
            return None
        meant = self.mapping.value(vocabulary, raw)
        if meant is None:
            known = ", ".join(f'"{k}"' for k in self.mapping.values.get(vocabulary, {}))
            self.problem(row, key, f'"{raw}" is not a {vocabulary} the mapping knows'
                                   + (f" (known: {known})" if known else ""))
        return meant

    def organisation(self, row: TableRow) -> tuple[str | None, str] | None:
        raw = self.required(row, "organisation")
        if raw is None:
            return None
        mapped = self.mapping.organisations.get(raw)
        if mapped is not None and mapped.sector:
            return None, mapped.sector
        found = self.lookups.agency(mapped.agency if mapped and mapped.agency else raw)
        if found is None:
            self.problem(row, "organisation", _unknown_agency(raw, mapped.agency if mapped else None))
            return None
        return found

    def course(self, row: TableRow, delivery: str, live: bool) -> CourseRef | None:
        raw = self.required(row, "course")
        if raw is None:
            return None
        known = self.lookups.course(raw)
        if known is None:
            return CourseRef(title=raw, delivery=delivery)
        if (known.delivery == Delivery.ELEARNING) == live:
            what = "an e-learning course" if live else "a live course, not e-learning"
            self.problem(row, "course", f'"{raw}" is {what}: check the source chosen')
            return None
        return CourseRef(title=known.title, delivery=known.delivery, code=known.code)


def _unknown_agency(raw: str, mapped: str | None) -> str:
    if mapped:
        return f'the mapping sends "{raw}" to agency "{mapped}", which is not a partner agency'
    return (f'unknown agency "{raw}": not a partner agency\'s code or name; add it to the '
            "mapping's [values.organisation]")


def _parse_date(text: str, pattern: str) -> dt.date | None:
    for fmt in (pattern, "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def read_bookings(table: Table, mapping: Mapping,
                  lookups: Lookups) -> tuple[list[BookingRecord], list[Problem]]:
    reader = _Reader(table, mapping, lookups)
    reader.check_header()
    records: list[BookingRecord] = []
    sessions: dict[str, tuple[int, CourseRef, dt.date]] = {}
    booked: dict[tuple[str, str], int] = {}
    for row in table.rows:
        record = _booking(reader, row)
        if record is None:
            continue
        first = sessions.setdefault(record.session, (row.number, record.course, record.date))
        if (first[1].title, first[2]) != (record.course.title, record.date):
            reader.problem(row, "session", f'session "{record.session}" is on row {first[0]} '
                                           f"with another course or date")
            continue
        place = (record.session, record.attendee)
        if place in booked:
            reader.problem(row, "attendee", f"the same person is booked on this session on "
                                            f"row {booked[place]}")
            continue
        booked[place] = row.number
        records.append(record)
    return records, reader.problems


def _booking(reader: _Reader, row: TableRow) -> BookingRecord | None:
    before = len(reader.problems)
    delivery = (reader.vocabulary(row, "delivery", "delivery") if reader.mapping.column("delivery")
                else reader.mapping.delivery)
    course = reader.course(row, delivery or Delivery.LIVE_WEBINAR, live=True)
    session = reader.required(row, "session")
    day = reader.date(row, "date")
    attendee = reader.required(row, "attendee")
    where = reader.organisation(row)
    status = reader.vocabulary(row, "status", "status")
    places = reader.number(row, "places", parse_whole)
    cost = reader.number(row, "cost", parse_money)
    if len(reader.problems) > before or not (course and session and day and attendee and where
                                             and status and delivery):
        return None
    code = slugify(session)[:60] or "session"
    return BookingRecord(row.number, course, code, day, delivery, places, cost,
                         attendee_key(reader.lookups.secret, attendee), where[0], where[1], status)


def read_completions(table: Table, mapping: Mapping,
                     lookups: Lookups) -> tuple[list[CompletionRecord], list[Problem]]:
    reader = _Reader(table, mapping, lookups)
    reader.check_header()
    records = []
    for row in table.rows:
        before = len(reader.problems)
        course = reader.course(row, Delivery.ELEARNING, live=False)
        day = reader.date(row, "date")
        where = reader.organisation(row)
        count = reader.number(row, "count", parse_whole) if mapping.column("count") else 1
        if (mapping.column("count") and count is None and not reader.text(row, "count")
                and not reader.absent("count")):
            reader.problem(row, "count", "a value is required")
        if len(reader.problems) == before and course and day and where and count is not None:
            records.append(CompletionRecord(row.number, course, day.replace(day=1), where[0],
                                            where[1], count))
    return records, reader.problems


def read_evaluations(table: Table, mapping: Mapping,
                     lookups: Lookups) -> tuple[list[EvaluationRecord], list[Problem]]:
    reader = _Reader(table, mapping, lookups)
    reader.check_header()
    records: list[EvaluationRecord] = []
    seen: dict[tuple[str, str, str], int] = {}
    for row in table.rows:
        record = _evaluation(reader, row)
        if record is None:
            continue
        key = (record.course, record.respondent, record.stage)
        if key in seen:
            reader.problem(row, "respondent", f"this person's {record.stage} evaluation of the "
                                              f"course is already on row {seen[key]}")
            continue
        seen[key] = row.number
        records.append(record)
    return records, reader.problems


def _evaluation(reader: _Reader, row: TableRow) -> EvaluationRecord | None:
    before = len(reader.problems)
    raw_course = reader.required(row, "course")
    known = reader.lookups.course(raw_course) if raw_course else None
    if raw_course and known is None:
        reader.problem(row, "course", f'unknown course "{raw_course}": add it, with its '
                                      "learning outcomes, before its evaluations")
    respondent = reader.required(row, "respondent")
    stage = reader.vocabulary(row, "stage", "stage")
    day = reader.date(row, "date")
    flags = {key: _flag(reader, row, key) for key in ("with_manager", "change_in_practice")}
    scores = _scores(reader, row, known)
    if len(reader.problems) > before or not (known and respondent and stage and day):
        return None
    return EvaluationRecord(row.number, known.code, attendee_key(reader.lookups.secret, respondent),
                            stage, day, bool(flags["with_manager"]), flags["change_in_practice"],
                            reader.text(row, "example"), scores)


def _flag(reader: _Reader, row: TableRow, key: str) -> bool | None:
    raw = reader.text(row, key)
    if not raw:
        return None
    value = yes_no(reader.mapping, raw)
    if value is None:
        reader.problem(row, key, f'"{raw}" is not yes or no')
    return value


def _scores(reader: _Reader, row: TableRow, course: KnownCourse | None) -> dict[int, int]:
    scores: dict[int, int] = {}
    for position, column in enumerate(reader.mapping.outcomes, start=1):
        raw = row.text(column).strip()
        if not raw:
            continue
        if course is not None and position > course.outcomes:
            reader.problems.append(Problem(reader.table.name, row.number, column,
                                           f"{course.title} has {course.outcomes} learning "
                                           f"outcomes: there is no outcome {position} to score"))
            continue
        try:
            score = parse_whole(raw)
        except CellError:
            score = 0
        if not 1 <= score <= 5:
            reader.problems.append(Problem(reader.table.name, row.number, column,
                                           f'"{raw}" is not a score from 1 to 5'))
            continue
        scores[position] = score
    return scores


READERS: dict[str, Callable[[Table, Mapping, Lookups], tuple[list[Any], list[Problem]]]] = {
    "bookings": read_bookings, "completions": read_completions, "evaluations": read_evaluations}
