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

from django.contrib.auth import get_user_model
from django.db import models, transaction

from lscp.partnership import models as m
from lscp.partnership.bundle.reader import CONTACT_KEYS, Bundle, Problem, read_bundle
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


class ImportRefused(Exception):
    """Problems only the database can show (a user who belongs to another partnership),
    raised inside the import's transaction so that nothing of the import is kept."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


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
            _keep_given_times(model, obj, {**lookup, **values})
            self.result.created[str(name)] += 1
            self.last = "created"
            return obj
        changed = [k for k, v in values.items() if getattr(obj, k) != v]
        if changed:
            for k in changed:
                setattr(obj, k, values[k])
            obj.save(update_fields=changed)
            _keep_given_times(model, obj, values)
            self.result.updated[str(name)] += 1
            self.last = "updated"
        else:
            self.result.unchanged[str(name)] += 1
            self.last = "unchanged"
        return obj


def _keep_given_times(model: type[models.Model], obj: models.Model,
                      given: dict[str, Any]) -> None:
    """Django stamps `auto_now` and `auto_now_add` fields with the time of saving; a bundle's
    history keeps the time things happened, so those given are written back as they were."""
    stamps = {f.name: given[f.name] for f in model._meta.concrete_fields
              if f.name in given and (getattr(f, "auto_now", False)
                                      or getattr(f, "auto_now_add", False))}
    if stamps:
        model._default_manager.filter(pk=obj.pk).update(**stamps)
        for name, value in stamps.items():
            setattr(obj, name, value)


def import_bundle(bundle: Bundle) -> ImportResult:
    """All or nothing: a problem the database shows halfway undoes the whole import."""
    try:
        return _import(bundle)
    except ImportRefused as exc:
        return ImportResult(problems=sorted(exc.problems))


@transaction.atomic
def _import(bundle: Bundle) -> ImportResult:
    result = ImportResult()
    w = Writer(result)
    info = bundle.manifest["partnership"]
    _refuse_users_of_other_partnerships(bundle, info["slug"])
    p = w.upsert(m.Partnership, {"slug": info["slug"]}, {
        "name": info["name"], "short_name": info.get("short_name", ""), "area": info["area"],
        "region": info.get("region", ""),
        **{key: str(info[key]) for key in CONTACT_KEYS if key in info}})
    result.partnership = p

    agencies = {
        r.values["code"]: w.upsert(m.Agency, {"partnership": p, "code": r.values["code"]},
                                   {"name": r.values["name"], "sector": r.values["sector"]})
        for r in bundle.of("agencies.csv")
    }
    people = {
        r.values["code"]: w.upsert(m.Person, {"partnership": p, "code": r.values["code"]}, {
            "role_title": r.values["role_title"], "name": r.values["name"] or "",
            "agency": agencies.get(r.values["agency"]), **_withdrawal(r.values)})
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
             "role_title": v["role_title"] or "", "start": v["start"], "end": v["end"],
             **_withdrawal(v)})
    meetings = {}
    for r in bundle.of("meetings.csv"):
        v = r.values
        meetings[(v["group"], v["date"])] = w.upsert(
            m.Meeting, {"group": groups[v["group"]], "date": v["date"]},
            {"kind": v["kind"] or m.MeetingKind.ORDINARY, "start_time": v.get("start_time"),
             "end_time": v.get("end_time"), "place": v.get("place") or "",
             "cancelled_on": v.get("cancelled_on"),
             "cancelled_reason": v.get("cancelled_reason") or ""})
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
    all_agencies = {a.code: a for a in p.agencies.all()}
    lookups = {"partnership": p, "agencies": all_agencies,
               "years": {y.label: y for y in p.years.all()},
               "users": _import_users(w, p, bundle, all_agencies)}
    for part in PARTS:
        part.import_rows(w, bundle, lookups)
    return result


def _withdrawal(values: dict[str, Any]) -> dict[str, Any]:
    """A withdrawn record's withdrawal: who withdrew it stays in the audit trail (a backup)."""
    return {"withdrawn_on": values.get("withdrawn_on"),
            "withdrawn_reason": values.get("withdrawn_reason") or ""}


def _import_groups(w: Writer, p: m.Partnership, bundle: Bundle,
                   people: dict[str, m.Person]) -> dict[str, m.Group]:
    groups = {}
    for r in bundle.of("groups.csv"):
        v = r.values
        groups[v["code"]] = w.upsert(m.Group, {"partnership": p, "code": v["code"]}, {
            "name": v["name"], "kind": v["kind"], "chair": people.get(v["chair"]),
            "purpose": v["purpose"] or "", **_withdrawal(v)})
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
                  "note": v["note"] or "", "position": positions[(v["year"], v["direction"])],
                  **_withdrawal(v)})


def _import_priorities(w: Writer, bundle: Bundle, years: dict[str, m.ReportingYear]) -> None:
    priorities = {}
    positions: Counter[str] = Counter()
    for r in bundle.of("priorities.csv"):
        v = r.values
        positions[v["year"]] += 1
        priorities[(v["year"], v["code"])] = w.upsert(
            m.Priority, {"year": years[v["year"]], "code": v["code"]},
            {"title": v["title"], "description": v["description"] or "",
             "position": positions[v["year"]], **_withdrawal(v)})
    for r in bundle.of("priority_actions.csv"):
        v = r.values
        w.upsert(m.PriorityAction,
                 {"priority": priorities[(v["year"], v["priority"])], "position": v["position"]},
                 {"text": v["text"], "status": v["status"], "rag": v.get("rag") or "",
                  "progress": v.get("progress") or "", **_withdrawal(v)})


def _refuse_users_of_other_partnerships(bundle: Bundle, slug: str) -> None:
    """A user belongs to one partnership: a bundle may name another's user (who approved a
    submission) but not give them a role here, which would move them."""
    names = {r.values["username"]: r for r in bundle.of("users.csv") if r.values["role"]}
    elsewhere = m.Membership.objects.filter(user__username__in=names).exclude(
        partnership__slug=slug).select_related("user", "partnership")
    problems = [Problem("users.csv", names[x.user.username].number, "role",
                        f'user "{x.user.username}" is a member of another partnership '
                        f"({x.partnership.slug}); a user belongs to one partnership")
                for x in elsewhere]
    if problems:
        raise ImportRefused(problems)


def _import_users(w: Writer, p: m.Partnership, bundle: Bundle,
                  agencies: dict[str, m.Agency]) -> dict[str, Any]:
    """Accounts and roles, never passwords: a new account cannot sign in until a password is
    set for it. Someone who is a member of another partnership is named, never changed."""
    User = get_user_model()
    users = {}
    for r in bundle.of("users.csv"):
        v = r.values
        user = User.objects.filter(username=v["username"]).first()
        fields = {"first_name": v["first_name"] or "", "last_name": v["last_name"] or "",
                  "email": v["email"] or ""}
        if v["active"] is not None:  # left empty, an account stays as it is (new: active)
            fields["is_active"] = v["active"]
        if user is None:
            user = User(username=v["username"], **fields)
            user.set_unusable_password()
            user.save()
            w.result.created["users"] += 1
        elif not m.Membership.objects.filter(user=user).exclude(partnership=p).exists():
            user = w.upsert(User, {"username": v["username"]}, fields)
        if v["role"]:
            w.upsert(m.Membership, {"user": user}, {
                "partnership": p, "role": v["role"], "agency": agencies.get(v["agency"])})
        users[v["username"]] = user
    return users
