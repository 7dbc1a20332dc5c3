"""Changes to the partnership's registers made in the app: priorities and their actions,
budget lines, groups, seats and the people who hold roles.

Every change runs in one transaction, records who made it in the audit trail (`by`), and an
edit claims the version the form was opened at (optimistic locking), so two people editing
the same record never silently overwrite each other. Nothing is deleted: a record is
withdrawn with a reason and leaves lists and reports while its history stays.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, models, transaction

from lscp.audit.history import acts_as
from lscp.partnership.locking import claim
from lscp.partnership.models import (
    BudgetLine,
    Group,
    Partnership,
    Person,
    Priority,
    PriorityAction,
    ReportingYear,
    Seat,
    Withdrawable,
)
from lscp.partnership.records import mark_withdrawn, next_position, unique_code


class Refused(Exception):
    """The change breaks a rule of the register; the message says which, for the form."""


def _create(model: type[models.Model], duplicate: str, **values: Any) -> Any:
    try:
        with transaction.atomic():
            return model._default_manager.create(**values)
    except IntegrityError:
        raise Refused(duplicate) from None


@acts_as("by")
def priority_create(*, year: ReportingYear, by: Any, title: str, description: str) -> Priority:
    return _create(Priority, f"{year.label} already has a priority called {title}",
                   year=year, title=title, description=description,
                   code=unique_code(Priority.objects.filter(year=year), title),
                   position=next_position(year.priorities.all()))


@acts_as("by")
def action_create(*, priority: Priority, by: Any, text: str, status: str, rag: str,
                  progress: str) -> PriorityAction:
    return _create(PriorityAction, "That action is already recorded", priority=priority,
                   position=next_position(priority.actions.all()), text=text, status=status,
                   rag=rag, progress=progress)


@acts_as("by")
def budget_line_create(*, year: ReportingYear, by: Any, direction: str, line: str,
                       agency: Any, amount_pence: int, note: str) -> BudgetLine:
    return _create(BudgetLine, f"{year.label} already has a {direction} line called {line}",
                   year=year, direction=direction, line=line, agency=agency,
                   amount_pence=amount_pence, note=note,
                   position=next_position(year.budget_lines.filter(direction=direction)))


@acts_as("by")
def group_create(*, partnership: Partnership, by: Any, name: str, kind: str, parent: Any,
                 chair: Any, purpose: str) -> Group:
    return _create(Group, f"There is already a group called {name}", partnership=partnership,
                   code=unique_code(partnership.groups.all(), name), name=name, kind=kind,
                   parent=parent, chair=chair, purpose=purpose)


@acts_as("by")
def seat_create(*, group: Group, by: Any, agency: Any, holder: Any, role_title: str,
                start: dt.date, end: dt.date | None) -> Seat:
    return _create(Seat, "That seat is already recorded", group=group,
                   code=unique_code(group.seats.all(), f"{agency.code} {role_title}"),
                   agency=agency, holder=holder, role_title=role_title, start=start, end=end)


@acts_as("by")
def person_create(*, partnership: Partnership, by: Any, role_title: str, name: str,
                  agency: Any) -> Person:
    return _create(Person, "That person is already recorded", partnership=partnership,
                   code=unique_code(partnership.people.all(), name or role_title),
                   role_title=role_title, name=name, agency=agency)


@transaction.atomic
@acts_as("by")
def record_update(*, record: Withdrawable, seen_version: int, values: dict[str, Any],
                  by: Any) -> Withdrawable:
    """Save the edited fields of a register record, unless someone else saved it since the
    form was opened (then StaleEdit, and nothing is saved)."""
    if record.is_withdrawn:
        raise Refused("This record has been withdrawn")
    claim(record, seen_version)
    record.refresh_from_db()
    for name, value in values.items():
        setattr(record, name, value)
    try:
        with transaction.atomic():
            record.save(update_fields=list(values))
    except IntegrityError:
        raise Refused("Another record already has that name") from None
    return record


@transaction.atomic
@acts_as("by")
def withdraw(*, record: Withdrawable, seen_version: int, reason: str, by: Any,
             today: dt.date) -> Withdrawable:
    """Take a record out of lists and reports, saying why; its history stays."""
    if not reason.strip():
        raise Refused("Enter why the record is withdrawn")
    return mark_withdrawn(record, seen_version=seen_version, reason=reason.strip(), by=by,
                          today=today)
