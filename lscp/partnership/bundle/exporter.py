"""Write a partnership's records as a bundle that imports back to the same data.

Never the partnership's pseudonym key nor anyone's password: those are only in a backup
(docs/decisions/0013-backup-and-round-trip.md).
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q

from lscp.partnership import models as m
from lscp.partnership.bundle.reader import CONTACT_KEYS
from lscp.partnership.bundle.registry import PARTS, file_spec
from lscp.partnership.bundle.schema import FORMAT_NAME, FORMAT_VERSION, MANIFEST


def _toml_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def _money(pence: int) -> str:
    pounds, rest = divmod(pence, 100)
    return f"{pounds}.{rest:02d}" if rest else str(pounds)


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):  # before date: a datetime is a date too
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    return value


def _withdrawal(record: Any) -> dict[str, Any]:
    return {"withdrawn_on": record.withdrawn_on, "withdrawn_reason": record.withdrawn_reason}


def _time(value: dt.time | None) -> str:
    return value.strftime("%H:%M") if value else ""


def _write(folder: Path, name: str, rows: Iterable[dict[str, Any]]) -> None:
    spec = file_spec(name)
    assert spec is not None, name
    with open(folder / name, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=spec.column_names, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _cell(v) for k, v in row.items()})


def _attach(folder: Path, name: str, data: bytes) -> None:
    """A file that travels beside the tables (a return load's validation report)."""
    relative = PurePosixPath(name)
    assert not relative.is_absolute() and ".." not in relative.parts, name
    path = folder.joinpath(*relative.parts)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _users(p: m.Partnership) -> Iterable[dict[str, Any]]:
    """Members, and whoever else the records name; the role only where it is this
    partnership's. Never a password."""
    named: set[int] = set()
    for part in PARTS:
        if part.referenced_users:
            named.update(pk for pk in part.referenced_users(p) if pk is not None)
    users = get_user_model().objects.filter(Q(membership__partnership=p) | Q(pk__in=named))
    for user in users.select_related("membership__partnership", "membership__agency") \
            .order_by("username"):
        membership = getattr(user, "membership", None)
        if membership is not None and membership.partnership_id != p.pk:
            membership = None  # a member elsewhere: named here, with no role here
        yield {"username": user.username, "role": membership.role if membership else None,
               "agency": membership.agency.code if membership and membership.agency else None,
               "first_name": user.first_name, "last_name": user.last_name,
               "email": user.email, "active": user.is_active}


def export_bundle(partnership: m.Partnership, folder: Path, notes: str = "") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    p = partnership
    manifest = [
        f"format = {_toml_string(FORMAT_NAME)}",
        f"version = {FORMAT_VERSION}",
        "",
        "[partnership]",
        f"slug = {_toml_string(p.slug)}",
        f"name = {_toml_string(p.name)}",
        f"short_name = {_toml_string(p.short_name)}",
        f"area = {_toml_string(p.area)}",
        f"region = {_toml_string(p.region)}",
        *(f"{key} = {_toml_string(getattr(p, key))}" for key in CONTACT_KEYS
          if getattr(p, key)),
    ]
    if notes:
        manifest += ["", f"notes = {_toml_string(notes)}"]
    (folder / MANIFEST).write_text("\n".join(manifest) + "\n", encoding="utf-8")

    code = lambda obj: obj.code if obj else None  # noqa: E731
    _write(folder, "agencies.csv", (
        {"code": a.code, "name": a.name, "sector": a.sector} for a in p.agencies.order_by("pk")))
    _write(folder, "people.csv", (
        {"code": x.code, "role_title": x.role_title, "agency": code(x.agency), "name": x.name,
         **_withdrawal(x)}
        for x in p.people.select_related("agency").order_by("pk")))
    _write(folder, "years.csv", (
        {"label": y.label, "report_published": y.report_published}
        for y in p.years.order_by("label")))
    groups = p.groups.select_related("parent", "chair").order_by("pk")
    _write(folder, "groups.csv", (
        {"code": g.code, "name": g.name, "kind": g.kind, "parent": code(g.parent),
         "chair": code(g.chair), "purpose": g.purpose, **_withdrawal(g)} for g in groups))
    seats = m.Seat.objects.filter(group__partnership=p).select_related("group", "agency", "holder")
    _write(folder, "seats.csv", (
        {"group": s.group.code, "code": s.code, "agency": s.agency.code, "holder": code(s.holder),
         "role_title": s.role_title, "start": s.start, "end": s.end, **_withdrawal(s)}
        for s in seats.order_by("group__code", "pk")))
    meetings = m.Meeting.objects.filter(group__partnership=p).select_related("group")
    _write(folder, "meetings.csv", (
        {"group": x.group.code, "date": x.date, "kind": x.kind, "start_time": _time(x.start_time),
         "end_time": _time(x.end_time), "place": x.place, "cancelled_on": x.cancelled_on,
         "cancelled_reason": x.cancelled_reason}
        for x in meetings.order_by("group__code", "date")))
    attendance = m.Attendance.objects.filter(meeting__group__partnership=p).select_related(
        "meeting__group", "seat")
    _write(folder, "attendance.csv", (
        {"group": a.meeting.group.code, "date": a.meeting.date, "seat": a.seat.code,
         "status": a.status}
        for a in attendance.order_by("meeting__group__code", "meeting__date", "seat__code")))
    budget = m.BudgetLine.objects.filter(year__partnership=p).select_related("year", "agency")
    _write(folder, "budget.csv", (
        {"year": b.year.label, "direction": b.direction, "line": b.line,
         "agency": code(b.agency), "amount": _money(b.amount_pence), "note": b.note,
         **_withdrawal(b)}
        for b in budget.order_by("year__label", "direction", "position")))
    priorities = m.Priority.objects.filter(year__partnership=p).select_related("year")
    _write(folder, "priorities.csv", (
        {"year": x.year.label, "code": x.code, "title": x.title, "description": x.description,
         **_withdrawal(x)}
        for x in priorities.order_by("year__label", "position")))
    actions = m.PriorityAction.objects.filter(priority__year__partnership=p).select_related(
        "priority__year")
    _write(folder, "priority_actions.csv", (
        {"year": a.priority.year.label, "priority": a.priority.code, "position": a.position,
         "text": a.text, "status": a.status, "rag": a.rag, "progress": a.progress,
         **_withdrawal(a)}
        for a in actions.order_by("priority__year__label", "priority__position", "position")))
    _write(folder, "users.csv", _users(p))
    for part in PARTS:
        part.export_rows(p, lambda name, rows: _write(folder, name, rows),
                         lambda name, data: _attach(folder, name, data))
