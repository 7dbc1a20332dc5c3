"""How an export is read: a mapping per source, written in TOML (docs/workforce.md).

A learning-management system, an e-learning platform and an evaluation tool each export
their own columns and their own words ("DNA", "Did not attend", "No show"). The mapping says
which column holds the course, the date, the organisation, the status..., and what each
value means, so a partnership changes a mapping, not code, when its supplier changes.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from typing import Any

from lscp.partnership.bundle.reader import Problem
from lscp.partnership.models import Sector
from lscp.workforce.models import LIVE_DELIVERIES, BookingStatus, Delivery, Stage

KINDS = ("bookings", "completions", "evaluations")

# What each kind of export must and may map: a name the mapping uses -> required.
COLUMNS: dict[str, dict[str, bool]] = {
    "bookings": {"course": True, "session": True, "date": True, "attendee": True,
                 "organisation": True, "status": True, "delivery": False, "places": False,
                 "cost": False},
    "completions": {"course": True, "date": True, "organisation": True, "count": False},
    "evaluations": {"course": True, "respondent": True, "stage": True, "date": True,
                    "with_manager": False, "change_in_practice": False, "example": False},
}

# The values each mapped vocabulary may take, and the words understood without a mapping.
VOCABULARIES: dict[str, tuple[str, ...]] = {
    "status": tuple(BookingStatus.values),
    "stage": tuple(Stage.values),
    "delivery": tuple(str(d) for d in LIVE_DELIVERIES),
}
YES = ("yes", "y", "true", "1")
NO = ("no", "n", "false", "0")


@dataclass(frozen=True)
class Organisation:
    """Where an export's organisation value leads: a partner agency, or only a sector."""

    agency: str | None = None  # an agency code
    sector: str | None = None


@dataclass
class Mapping:
    source: str
    kind: str
    title: str = ""
    sheet: str = ""
    date_format: str = "%d/%m/%Y"
    delivery: str = ""  # sessions' and new courses' delivery when no column says
    columns: dict[str, str] = field(default_factory=dict)  # name -> the export's column
    outcomes: list[str] = field(default_factory=list)  # evaluations: a column per outcome
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)

    def column(self, name: str) -> str | None:
        return self.columns.get(name)

    def value(self, vocabulary: str, raw: str) -> str | None:
        """What an export's word means: the mapping's entry, else the word itself when it
        is already one of the vocabulary's values (case aside)."""
        given = self.values.get(vocabulary, {})
        found = given.get(raw.strip())
        if found is None:
            lowered = {k.lower(): v for k, v in given.items()}
            found = lowered.get(raw.strip().lower())
        if found is None and raw.strip().lower() in VOCABULARIES.get(vocabulary, ()):
            found = raw.strip().lower()
        return found


def parse_mapping(text: str, name: str) -> tuple[Mapping | None, list[Problem]]:
    """The mapping in `text`, or the problems with it, each named by its key."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return None, [Problem(name, 0, "-", f"not valid TOML: {exc}")]
    problems: list[Problem] = []

    def problem(key: str, message: str) -> None:
        problems.append(Problem(name, 0, key, message))

    kind = data.get("kind")
    if kind not in KINDS:
        problem("kind", f"kind must be one of: {', '.join(KINDS)}")
        return None, problems
    mapping = Mapping(source=str(data.get("source", "")), kind=kind,
                      title=str(data.get("title", "")), sheet=str(data.get("sheet", "")),
                      date_format=str(data.get("date_format", "%d/%m/%Y")),
                      delivery=str(data.get("delivery", "")))
    if not mapping.source:
        problem("source", "give the source's short name, like \"lms\"")
    _read_columns(data, mapping, problem)
    _read_values(data, mapping, problem)
    if mapping.delivery and mapping.delivery not in Delivery.values:
        problem("delivery", f"delivery must be one of: {', '.join(Delivery.values)}")
    if kind == "bookings" and mapping.delivery and mapping.delivery not in LIVE_DELIVERIES:
        problem("delivery", "sessions are delivered live: one of "
                            + ", ".join(str(d) for d in LIVE_DELIVERIES))
    if kind == "bookings" and not mapping.delivery and "delivery" not in mapping.columns:
        problem("delivery", "say how sessions are delivered: a delivery (live_webinar, "
                            "classroom or briefing) or a delivery column")
    return (None if problems else mapping), problems


def _read_columns(data: dict[str, Any], mapping: Mapping, problem: Any) -> None:
    columns = data.get("columns")
    if not isinstance(columns, dict):
        problem("columns", "missing [columns] table: which export column holds what")
        return
    allowed = COLUMNS[mapping.kind]
    for key, value in columns.items():
        if key == "outcomes" and mapping.kind == "evaluations":
            if not (isinstance(value, list) and value and all(isinstance(v, str) for v in value)):
                problem("columns.outcomes", "give the columns of the outcomes' scores as a "
                                            'list, in order: ["Outcome 1", "Outcome 2"]')
            else:
                mapping.outcomes = [v.strip() for v in value]
        elif key not in allowed:
            problem(f"columns.{key}", f'"{key}" is not a column a {mapping.kind} export maps '
                                      f"(known: {', '.join(allowed)})")
        elif not isinstance(value, str) or not value.strip():
            problem(f"columns.{key}", "give the export's column name as text")
        else:
            mapping.columns[key] = value.strip()
    for key, required in allowed.items():
        if required and key not in columns:
            problem(f"columns.{key}", f"missing: which column holds the {key}")
    if mapping.kind == "evaluations" and not mapping.outcomes and "outcomes" not in columns:
        problem("columns.outcomes", "missing: the columns of the outcomes' scores, in order")


def _read_values(data: dict[str, Any], mapping: Mapping, problem: Any) -> None:
    values = data.get("values", {})
    if not isinstance(values, dict):
        problem("values", "[values] must be a table of tables")
        return
    for vocabulary, table in values.items():
        if not isinstance(table, dict):
            problem(f"values.{vocabulary}", "must be a table of export value = meaning")
            continue
        if vocabulary == "organisation":
            _read_organisations(table, mapping, problem)
        elif vocabulary in VOCABULARIES:
            allowed = VOCABULARIES[vocabulary]
            for raw, meant in table.items():
                if meant not in allowed:
                    problem(f"values.{vocabulary}", f'"{raw}" = "{meant}": the meaning must '
                                                    f"be one of: {', '.join(allowed)}")
            mapping.values[vocabulary] = {str(k).strip(): str(v) for k, v in table.items()}
        elif vocabulary == "yes_no":
            for raw, meant in table.items():
                if not isinstance(meant, bool):
                    problem("values.yes_no", f'"{raw}" must be true or false')
            mapping.values["yes_no"] = {str(k).strip(): "yes" if v is True else "no"
                                        for k, v in table.items()}
        else:
            problem(f"values.{vocabulary}", f'unknown vocabulary "{vocabulary}" (known: '
                                            "organisation, status, stage, delivery, yes_no)")


def _read_organisations(table: dict[str, Any], mapping: Mapping, problem: Any) -> None:
    for raw, meant in table.items():
        key = str(raw).strip()
        if isinstance(meant, str) and meant.strip():
            mapping.organisations[key] = Organisation(agency=meant.strip())
        elif isinstance(meant, dict) and meant.get("sector") in Sector.values:
            mapping.organisations[key] = Organisation(sector=str(meant["sector"]))
        else:
            problem("values.organisation", f'"{key}": give an agency code, or '
                    f'{{ sector = "..." }} with one of: {", ".join(Sector.values)}')


def yes_no(mapping: Mapping, raw: str) -> bool | None:
    """True, False, or None when the cell says neither (the caller reports it)."""
    meant = mapping.values.get("yes_no", {}).get(raw.strip())
    if meant is not None:
        return meant == "yes"
    lowered = raw.strip().lower()
    return True if lowered in YES else False if lowered in NO else None
