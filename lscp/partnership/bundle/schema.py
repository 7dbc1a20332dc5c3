"""The partnership bundle format, version 1, as data: files, columns, types and keys.

docs/bundle-format.md describes the same thing for people; tests/test_bundle_docs.py fails
when the two disagree, so the documentation cannot drift from the code.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from lscp.insight.periods import year_bounds
from lscp.partnership.models import (
    ActionStatus,
    AttendanceStatus,
    Direction,
    GroupKind,
    MeetingKind,
    Sector,
)

FORMAT_NAME = "lscp-bundle"
FORMAT_VERSION = 1
MANIFEST = "manifest.toml"


class CellError(ValueError):
    """A cell that cannot be read as its column's type; the message is shown to the user."""


def parse_text(raw: str) -> str:
    return raw.strip()


_SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")


def parse_code(raw: str) -> str:
    value = raw.strip()
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
    pence = pounds * 100
    if pence != pence.to_integral_value():
        raise CellError(f'"{value}" has more than two decimal places')
    return int(pence)


def parse_whole(raw: str) -> int:
    value = raw.strip()
    if not value.isdigit():
        raise CellError(f'"{value}" is not a whole number')
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


FILES: tuple[FileSpec, ...] = (
    FileSpec(
        "agencies.csv", "agency", ("code",),
        (
            Column("code", parse_code, doc="Short unique code, e.g. `met-police`."),
            Column("name", parse_text, doc="The organisation's name as published."),
            Column("sector", choice(Sector), doc="One of: " + ", ".join(Sector.values) + "."),
        ),
        doc="The partner organisations.",
    ),
    FileSpec(
        "people.csv", "person", ("code",),
        (
            Column("code", parse_code, doc="Short unique code."),
            Column("role_title", parse_text, doc="The role, e.g. `Independent Chair`."),
            Column("agency", parse_code, required=False, refers_to="agencies.csv",
                   doc="Code of the person's agency, if any."),
            Column("name", parse_text, required=False,
                   doc="Optional personal name; the demo uses role titles only."),
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
            Column("name", parse_text, doc="The group's name."),
            Column("kind", choice(GroupKind), doc="One of: " + ", ".join(GroupKind.values) + "."),
            Column("parent", parse_code, required=False, refers_to="groups.csv",
                   doc="Code of the group it reports to."),
            Column("chair", parse_code, required=False, refers_to="people.csv",
                   doc="Code of the person who chairs it."),
            Column("purpose", parse_text, required=False, doc="What the group is for."),
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
            Column("role_title", parse_text, required=False, doc="The role that holds the seat."),
            Column("start", parse_date, doc="First day the seat was held."),
            Column("end", parse_date, required=False, doc="Last day, if it has ended."),
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
            Column("line", parse_text, doc="The line as published, unique within year and direction."),
            Column("agency", parse_code, required=False, refers_to="agencies.csv",
                   doc="For a partner's contribution, the agency's code."),
            Column("amount", parse_money,
                   doc="Pounds, not negative, at most two decimal places (`93180` or `3520.50`)."),
            Column("note", parse_text, required=False, doc="A footnote."),
        ),
        doc="Income and expenditure lines, in the order published.",
    ),
    FileSpec(
        "priorities.csv", "priority", ("year", "code"),
        (
            Column("year", parse_year, refers_to="years.csv", doc="Reporting year."),
            Column("code", parse_code, doc="Code of the priority, unique within the year."),
            Column("title", parse_text, doc="The priority."),
            Column("description", parse_text, required=False, doc="What it means."),
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
        ),
        doc="Actions under each priority.",
        compound_refs=((("year", "priority"), "priorities.csv"),),
    ),
)

FILES_BY_NAME = {spec.name: spec for spec in FILES}
