"""Write a validated bundle to the database in one transaction, idempotently.

Rows are matched on their natural keys: a row already present with the same values is left
alone, a changed one is updated, a new one is created. Nothing is deleted: a bundle adds to
and corrects the partnership's records, it does not prune them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import models, transaction

from lscp.partnership import models as m
from lscp.partnership.bundle.reader import Bundle, Problem, read_bundle
from lscp.partnership.bundle.registry import PARTS
from lscp.partnership.bundle.validate import validate_bundle


@dataclass
class ImportResult:
    problems: list[Problem] = field(default_factory=list)
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)
    partnership: m.Partnership | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        return (f"{sum(self.created.values())} created, {sum(self.updated.values())} updated, "
                f"{sum(self.unchanged.values())} unchanged")


def load_bundle(folder: Path) -> tuple[Bundle, list[Problem]]:
    """Read and check a bundle; the problems are sorted by file, row and column."""
    bundle, problems = read_bundle(folder)
    if not any(p.file == "manifest.toml" for p in problems):
        problems += validate_bundle(bundle)
    return bundle, sorted(set(problems))


def import_bundle_folder(folder: Path) -> ImportResult:
    bundle, problems = load_bundle(folder)
    if problems:
        return ImportResult(problems=problems)
    return import_bundle(bundle)


class Writer:
    def __init__(self, result: ImportResult) -> None:
        self.result = result
        self.last = ""  # what the latest upsert did: created, updated or unchanged
        self.last_name = ""  # and to what kind of record

    def upsert(self, model: type[models.Model], lookup: dict[str, Any],
               values: dict[str, Any]) -> Any:
        name = model._meta.verbose_name_plural
        self.last_name = str(name)
        obj = model._default_manager.filter(**lookup).first()
        if obj is None:
            obj = model._default_manager.create(**lookup, **values)
            self.result.created[str(name)] += 1
            self.last = "created"
            return obj
        changed = [k for k, v in values.items() if getattr(obj, k) != v]
        if changed:
            for k in changed:
                setattr(obj, k, values[k])
            obj.save(update_fields=changed)
            self.result.updated[str(name)] += 1
            self.last = "updated"
        else:
            self.result.unchanged[str(name)] += 1
            self.last = "unchanged"
        return obj


@transaction.atomic
def import_bundle(bundle: Bundle) -> ImportResult:
    result = ImportResult()
    w = Writer(result)
    info = bundle.manifest["partnership"]
    p = w.upsert(m.Partnership, {"slug": info["slug"]}, {
        "name": info["name"], "short_name": info.get("short_name", ""), "area": info["area"]})
    result.partnership = p

    agencies = {
        r.values["code"]: w.upsert(m.Agency, {"partnership": p, "code": r.values["code"]},
                                   {"name": r.values["name"], "sector": r.values["sector"]})
        for r in bundle.of("agencies.csv")
    }
    people = {
        r.values["code"]: w.upsert(m.Person, {"partnership": p, "code": r.values["code"]}, {
            "role_title": r.values["role_title"], "name": r.values["name"] or "",
            "agency": agencies.get(r.values["agency"])})
        for r in bundle.of("people.csv")
    }
    years = {
        r.values["label"]: w.upsert(m.ReportingYear, {"partnership": p, "label": r.values["label"]},
                                    {"report_published": bool(r.values["report_published"])})
        for r in bundle.of("years.csv")
    }
    groups = _import_groups(w, p, bundle, people)
    seats = {}
    for r in bundle.of("seats.csv"):
        v = r.values
        seats[(v["group"], v["code"])] = w.upsert(
            m.Seat, {"group": groups[v["group"]], "code": v["code"]},
            {"agency": agencies[v["agency"]], "holder": people.get(v["holder"]),
             "role_title": v["role_title"] or "", "start": v["start"], "end": v["end"]})
    meetings = {}
    for r in bundle.of("meetings.csv"):
        v = r.values
        meetings[(v["group"], v["date"])] = w.upsert(
            m.Meeting, {"group": groups[v["group"]], "date": v["date"]},
            {"kind": v["kind"] or m.MeetingKind.ORDINARY})
    touched: set[int] = set()
    for r in bundle.of("attendance.csv"):
        v = r.values
        meeting = meetings[(v["group"], v["date"])]
        w.upsert(m.Attendance, {"meeting": meeting, "seat": seats[(v["group"], v["seat"])]},
                 {"status": v["status"]})
        if w.last != "unchanged":
            touched.add(meeting.pk)
    m.Meeting.objects.filter(pk__in=touched).update(version=models.F("version") + 1)
    _import_budget(w, bundle, years, agencies)
    _import_priorities(w, bundle, years)
    # Agencies and years already in the database count too: a part's bundle may add to them.
    lookups = {"partnership": p,
               "agencies": {a.code: a for a in p.agencies.all()},
               "years": {y.label: y for y in p.years.all()}}
    for part in PARTS:
        part.import_rows(w, bundle, lookups)
    return result


def _import_groups(w: Writer, p: m.Partnership, bundle: Bundle,
                   people: dict[str, m.Person]) -> dict[str, m.Group]:
    groups = {}
    for r in bundle.of("groups.csv"):
        v = r.values
        groups[v["code"]] = w.upsert(m.Group, {"partnership": p, "code": v["code"]}, {
            "name": v["name"], "kind": v["kind"], "chair": people.get(v["chair"]),
            "purpose": v["purpose"] or ""})
    # Parents in a second pass: a subgroup may be listed before the group it reports to.
    for r in bundle.of("groups.csv"):
        group, parent = groups[r.values["code"]], groups.get(r.values["parent"])
        if group.parent_id != (parent.pk if parent else None):
            group.parent = parent
            group.save(update_fields=["parent"])
    return groups


def _import_budget(w: Writer, bundle: Bundle, years: dict[str, m.ReportingYear],
                   agencies: dict[str, m.Agency]) -> None:
    positions: Counter[tuple[str, str]] = Counter()
    for r in bundle.of("budget.csv"):
        v = r.values
        positions[(v["year"], v["direction"])] += 1
        w.upsert(m.BudgetLine,
                 {"year": years[v["year"]], "direction": v["direction"], "line": v["line"]},
                 {"agency": agencies.get(v["agency"]), "amount_pence": v["amount"],
                  "note": v["note"] or "", "position": positions[(v["year"], v["direction"])]})


def _import_priorities(w: Writer, bundle: Bundle, years: dict[str, m.ReportingYear]) -> None:
    priorities = {}
    positions: Counter[str] = Counter()
    for r in bundle.of("priorities.csv"):
        v = r.values
        positions[v["year"]] += 1
        priorities[(v["year"], v["code"])] = w.upsert(
            m.Priority, {"year": years[v["year"]], "code": v["code"]},
            {"title": v["title"], "description": v["description"] or "",
             "position": positions[v["year"]]})
    for r in bundle.of("priority_actions.csv"):
        v = r.values
        w.upsert(m.PriorityAction,
                 {"priority": priorities[(v["year"], v["priority"])], "position": v["position"]},
                 {"text": v["text"], "status": v["status"]})
