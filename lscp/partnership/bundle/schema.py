"""The partnership bundle format, version 1, as data: files, columns, types and keys.

docs/bundle-format.md describes the same thing for people; tests/test_bundle_docs.py fails
when the two disagree, so the documentation cannot drift from the code.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db.models import Model

from lscp.insight.periods import year_bounds
from lscp.partnership import models as m
from lscp.partnership.models import (
    ActionStatus,
    AttendanceStatus,
    Direction,
    GroupKind,
    MeetingKind,
    Rag,
    Role,
    Sector,
)
from lscp.partnership.text_limits import LONG_TEXT, limit_of, too_long

FORMAT_NAME = "lscp-bundle"
FORMAT_VERSION = 1
MANIFEST = "manifest.toml"


class CellError(ValueError):
    """A cell that cannot be read as its column's type; the message is shown to the user."""


def parse_text(raw: str) -> str:
    """Long text (a TextField): held to text_limits.LONG_TEXT, as on the web forms."""
    return _within(raw.strip(), LONG_TEXT)


def text_of(model: type[Model], name: str) -> Callable[[str], str]:
    """Text for `model.name`: held to its max_length (the database refuses more) or its
    limit in text_limits, so the bundle, the forms and the admin agree."""
    limit = limit_of(model, name)

    def parse(raw: str) -> str:
        return _within(raw.strip(), limit)

    parse.__doc__ = f"text of up to {limit:,} characters"
    return parse


def _within(value: str, limit: int) -> str:
    message = too_long("the text", value, limit)
    if message:
        raise CellError(message)
    if "\x00" in value:  # found by fuzzing: PostgreSQL refuses the whole import for one
        raise CellError("the text has a NUL character (byte 0) in it")
    return value


_SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
CODE_LIMIT = 60  # every code's SlugField


def parse_code(raw: str) -> str:
    value = raw.strip()
    if len(value) > CODE_LIMIT:
        raise CellError(f"a code must be {CODE_LIMIT} characters or fewer; it is {len(value):,}")
    if not _SLUG.match(value):
        raise CellError(
            f'"{value}" is not a code: use lower-case letters, digits and hyphens, like "lbb-csc"'
        )
    return value


def parse_date(raw: str) -> dt.date:
    value = raw.strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise CellError(f'"{value}" is not a date (use YYYY-MM-DD or DD/MM/YYYY)')


def parse_time(raw: str) -> dt.time:
    """A time of day on the 24-hour clock, like `14:00`."""
    value = raw.strip()
    try:
        return dt.datetime.strptime(value, "%H:%M").time()
    except ValueError:
        raise CellError(f'"{value}" is not a time (use HH:MM on the 24-hour clock, like 14:00)') from None


def parse_timestamp(raw: str) -> dt.datetime:
    """A moment with its offset from UTC (`2021-06-30T10:15:00.123456+00:00`): history rows
    keep the time they happened to the microsecond, so a re-import matches them exactly."""
    value = raw.strip()
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise CellError(f'"{value}" is not a date and time with its offset from UTC, like '
                        '2021-06-30T10:15:00+00:00')
    return moment.astimezone(dt.UTC)


def parse_json(raw: str) -> Any:
    """Machine-made detail (a return load's files and results) kept as JSON in one cell."""
    try:
        return json.loads(raw)
    except ValueError as exc:
        raise CellError(f"not JSON: {exc}") from None


_USERNAME = re.compile(r"^[\w.@+-]{1,150}$")


def parse_username(raw: str) -> str:
    value = raw.strip()
    if not _USERNAME.match(value):
        raise CellError(f'"{value}" is not a username: letters, digits and @ . + - _ only')
    return value


MAX_POUNDS = Decimal(10**15)  # a budget line's BigIntegerField holds about 92 million billion pence
MAX_WHOLE = 2_147_483_647  # PositiveIntegerField's ceiling on every database we run on


def parse_money(raw: str) -> int:
    """Pounds as written in a spreadsheet ("93,180", "£3520.50") to whole pence."""
    value = raw.strip()
    cleaned = value.replace(",", "").replace("£", "")
    try:
        pounds = Decimal(cleaned)
    except InvalidOperation:
        raise CellError(f'"{value}" is not an amount of money in pounds, like 1234.56') from None
    if not pounds.is_finite():
        raise CellError(f'"{value}" is not an amount of money in pounds, like 1234.56')
    if pounds < 0:
        raise CellError(f'amount must not be negative, got "{value}"')
    if pounds > MAX_POUNDS:  # found by fuzzing: "1E100" overflowed the database column
        raise CellError(f'"{value}" is more than £{MAX_POUNDS:,}, the most an amount can be')
    pence = pounds * 100
    if pence != pence.to_integral_value():
        raise CellError(f'"{value}" has more than two decimal places')
    return int(pence)


def parse_whole(raw: str) -> int:
    """ASCII digits only ("²" passes str.isdigit() but not int()), no more than an integer
    column holds: both crashed the import before fuzzing found them."""
    value = raw.strip()
    if not (value.isascii() and value.isdigit()):
        raise CellError(f'"{value}" is not a whole number')
    if len(value.lstrip("0")) > len(str(MAX_WHOLE)) or int(value) > MAX_WHOLE:
        raise CellError(f'"{value}" is more than {MAX_WHOLE:,}, the most a whole number can be')
    return int(value)


def parse_bool(raw: str) -> bool:
    value = raw.strip().lower()
    if value in ("yes", "true", "1"):
        return True
    if value in ("no", "false", "0", ""):
        return False
    raise CellError(f'"{raw.strip()}" is not yes or no')


def parse_year(raw: str) -> str:
    value = raw.strip()
    try:
        year_bounds(value)
    except ValueError as exc:
        raise CellError(str(exc)) from None
    return value


def parse_codes(raw: str) -> tuple[str, ...]:
    """Several codes in one cell, separated by semicolons: "met-police; lbb-csc"."""
    return tuple(parse_code(part) for part in raw.split(";") if part.strip())


def parse_score(raw: str) -> int:
    value = parse_whole(raw)
    if not 1 <= value <= 5:
        raise CellError(f'"{raw.strip()}" is not a score from 1 to 5')
    return value


def choice(options: type[Any]) -> Callable[[str], str]:
    allowed = [str(v) for v in options.values]

    def parse(raw: str) -> str:
        value = raw.strip()
        if value not in allowed:
            raise CellError(f'"{value}" is not one of: {", ".join(allowed)}')
        return value

    parse.__doc__ = "one of: " + ", ".join(allowed)
    return parse


@dataclass(frozen=True)
class Column:
    name: str
    parse: Callable[[str], Any]
    required: bool = True
    refers_to: str | None = None  # the file whose key this value must be
    doc: str = ""


@dataclass(frozen=True)
class FileSpec:
    name: str
    noun: str  # what one row is, for messages ("meeting")
    key: tuple[str, ...]
    columns: tuple[Column, ...]
    doc: str = ""
    # Columns whose values together must be a key of another file: (columns, file).
    compound_refs: tuple[tuple[tuple[str, ...], str], ...] = field(default=())

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


# A record withdrawn in the app keeps its row, so a restore does not bring it back to life.
WITHDRAWAL = (
    Column("withdrawn_on", parse_date, required=False,
           doc="The day it was withdrawn; a withdrawn record leaves lists and reports."),
    Column("withdrawn_reason", parse_text, required=False, doc="Why it was withdrawn."),
)

FILES: tuple[FileSpec, ...] = (
    FileSpec(
        "agencies.csv", "agency", ("code",),
        (
            Column("code", parse_code, doc="Short unique code, e.g. `met-police`."),
            Column("name", text_of(m.Agency, "name"), doc="The organisation's name as published."),
            Column("sector", choice(Sector), doc="One of: " + ", ".join(Sector.values) + "."),
        ),
        doc="The partner organisations.",
    ),
    FileSpec(
        "people.csv", "person", ("code",),
        (
            Column("code", parse_code, doc="Short unique code."),
            Column("role_title", text_of(m.Person, "role_title"), doc="The role, e.g. `Independent Chair`."),
            Column("agency", parse_code, required=False, refers_to="agencies.csv",
                   doc="Code of the person's agency, if any."),
            Column("name", text_of(m.Person, "name"), required=False,
                   doc="Optional personal name; the demo uses role titles only."),
            *WITHDRAWAL,
        ),
        doc="People and roles who chair groups or hold seats.",
    ),
    FileSpec(
        "years.csv", "reporting year", ("label",),
        (
            Column("label", parse_year, doc='Reporting year, 1 April to 31 March, e.g. `2020-21`.'),
            Column("report_published", parse_bool, required=False,
                   doc="`yes` once the yearly report is public."),
        ),
        doc="The reporting years the bundle covers.",
    ),
    FileSpec(
        "groups.csv", "group", ("code",),
        (
            Column("code", parse_code, doc="Short unique code."),
            Column("name", text_of(m.Group, "name"), doc="The group's name."),
            Column("kind", choice(GroupKind), doc="One of: " + ", ".join(GroupKind.values) + "."),
            Column("parent", parse_code, required=False, refers_to="groups.csv",
                   doc="Code of the group it reports to."),
            Column("chair", parse_code, required=False, refers_to="people.csv",
                   doc="Code of the person who chairs it."),
            Column("purpose", parse_text, required=False, doc="What the group is for."),
            *WITHDRAWAL,
        ),
        doc="Executive, Board, subgroups and panels.",
    ),
    FileSpec(
        "seats.csv", "seat", ("group", "code"),
        (
            Column("group", parse_code, refers_to="groups.csv", doc="Code of the group."),
            Column("code", parse_code, doc="Code of the seat, unique within its group."),
            Column("agency", parse_code, refers_to="agencies.csv",
                   doc="Code of the agency the seat is held for."),
            Column("holder", parse_code, required=False, refers_to="people.csv",
                   doc="Code of the person holding it, if known."),
            Column("role_title", text_of(m.Seat, "role_title"), required=False,
                   doc="The role that holds the seat."),
            Column("start", parse_date, doc="First day the seat was held."),
            Column("end", parse_date, required=False, doc="Last day, if it has ended."),
            *WITHDRAWAL,
        ),
        doc="Seats at a group's table, for an agency, from and to a date.",
    ),
    FileSpec(
        "meetings.csv", "meeting", ("group", "date"),
        (
            Column("group", parse_code, refers_to="groups.csv", doc="Code of the group."),
            Column("date", parse_date, doc="Date of the meeting; one meeting a group a day."),
            Column("kind", choice(MeetingKind), required=False,
                   doc="`ordinary` (the default) or `extraordinary`."),
            Column("start_time", parse_time, required=False, doc="When it starts, like `14:00`."),
            Column("end_time", parse_time, required=False, doc="When it ends, like `16:00`."),
            Column("place", text_of(m.Meeting, "place"), required=False,
                   doc="Where it meets, or how to join online."),
            Column("cancelled_on", parse_date, required=False,
                   doc="The day it was cancelled; a cancelled meeting was not held."),
            Column("cancelled_reason", parse_text, required=False,
                   doc="Why it was cancelled."),
        ),
        doc="Meetings held.",
    ),
    FileSpec(
        "attendance.csv", "attendance", ("group", "date", "seat"),
        (
            Column("group", parse_code, refers_to="groups.csv", doc="Code of the group."),
            Column("date", parse_date, doc="Date of the meeting."),
            Column("seat", parse_code, doc="Code of the seat within the group."),
            Column("status", choice(AttendanceStatus),
                   doc="One of: " + ", ".join(AttendanceStatus.values) + "."),
        ),
        doc="The register: one row per seat per meeting.",
        compound_refs=((("group", "date"), "meetings.csv"), (("group", "seat"), "seats.csv")),
    ),
    FileSpec(
        "budget.csv", "budget line", ("year", "direction", "line"),
        (
            Column("year", parse_year, refers_to="years.csv", doc="Reporting year."),
            Column("direction", choice(Direction), doc="`income` or `expenditure`."),
            Column("line", text_of(m.BudgetLine, "line"),
                   doc="The line as published, unique within year and direction."),
            Column("agency", parse_code, required=False, refers_to="agencies.csv",
                   doc="For a partner's contribution, the agency's code."),
            Column("amount", parse_money,
                   doc="Pounds, not negative, at most two decimal places (`93180` or `3520.50`)."),
            Column("note", parse_text, required=False, doc="A footnote."),
            *WITHDRAWAL,
        ),
        doc="Income and expenditure lines, in the order published.",
    ),
    FileSpec(
        "priorities.csv", "priority", ("year", "code"),
        (
            Column("year", parse_year, refers_to="years.csv", doc="Reporting year."),
            Column("code", parse_code, doc="Code of the priority, unique within the year."),
            Column("title", text_of(m.Priority, "title"), doc="The priority."),
            Column("description", parse_text, required=False, doc="What it means."),
            *WITHDRAWAL,
        ),
        doc="Business-plan priorities (the pledge), in order.",
    ),
    FileSpec(
        "priority_actions.csv", "action", ("year", "priority", "position"),
        (
            Column("year", parse_year, refers_to="years.csv", doc="Reporting year."),
            Column("priority", parse_code, doc="Code of the priority."),
            Column("position", parse_whole, doc="Order within the priority: 1, 2, 3..."),
            Column("text", parse_text, doc="What was done or is planned."),
            Column("status", choice(ActionStatus),
                   doc="One of: " + ", ".join(ActionStatus.values) + "."),
            Column("rag", choice(Rag), required=False,
                   doc="RAG rating, one of: " + ", ".join(Rag.values) + "."),
            Column("progress", parse_text, required=False, doc="What has been done so far."),
            *WITHDRAWAL,
        ),
        doc="Actions under each priority.",
        compound_refs=((("year", "priority"), "priorities.csv"),),
    ),
    FileSpec(
        "users.csv", "user", ("username",),
        (
            Column("username", parse_username, doc="The name the person signs in with."),
            Column("role", choice(Role), required=False,
                   doc="One of: " + ", ".join(Role.values) + "; empty for someone named in the "
                       "records who is not a member (a system administrator who approved a "
                       "submission)."),
            Column("agency", parse_code, required=False, refers_to="agencies.csv",
                   doc="For an agency contributor, the agency whose data they edit."),
            Column("first_name", parse_text, required=False, doc="First name."),
            Column("last_name", parse_text, required=False, doc="Last name."),
            Column("email", parse_text, required=False, doc="Email address, for reminders."),
            Column("active", parse_bool, required=False,
                   doc="`no` for an account that may no longer sign in; empty leaves an "
                       "existing account as it is (a new one is active)."),
        ),
        doc="The people who use the system for the partnership, and their roles. Never a "
            "password: an imported account signs in once a password is set for it.",
    ),
)

FILES_BY_NAME = {spec.name: spec for spec in FILES}
