"""Add, change and withdraw the partnership's register records in the app.

One set of views serves every register; what differs (its form, where its records are,
what it hangs off, where to go back to) is declared once per register in `REGISTERS`.
Only the business unit changes these (`access.can_manage`); writes go through
lscp/partnership/registers.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from lscp.partnership import access, registers
from lscp.partnership.http import allowed, save_or_refuse, today
from lscp.partnership.http import partnership_of as _partnership
from lscp.partnership.http import posted as _posted
from lscp.partnership.http import year_for as _year
from lscp.partnership.models import (
    LIVE,
    BudgetLine,
    Group,
    Partnership,
    Person,
    Priority,
    PriorityAction,
    Seat,
)
from lscp.partnership.register_forms import (
    BudgetLineForm,
    GroupForm,
    PersonForm,
    PriorityActionForm,
    PriorityForm,
    RecordForm,
    SeatForm,
    WithdrawForm,
)


def _url(name: str, *args: Any, year: Any = None) -> str:
    return reverse(f"partnership:{name}", args=args) + (f"?year={year.label}" if year else "")


@dataclass(frozen=True)
class Register:
    noun: str
    form: type[RecordForm]
    records: Callable[[Partnership], QuerySet[Any]]  # the live records of a partnership
    owner: Callable[[HttpRequest, Partnership, str | None], Any]  # what a new record joins
    create: Callable[..., Any]  # (owner, by, values) -> record, through a service
    back: Callable[[Any], str]  # a record's list page
    owner_back: Callable[[Any], str]  # the page a new record is added from
    key: str = "pk"


def _year_of(request: HttpRequest, p: Partnership, _: str | None) -> Any:
    return _year(p, request.GET.get("year"))


def _live(model: type[Any], scope: str) -> Callable[[Partnership], QuerySet[Any]]:
    """The live records of `model` whose `scope` lookup is the partnership."""
    return lambda p: model.objects.filter(LIVE, **{scope: p})


def _priority(request: HttpRequest, p: Partnership, pk: str | None) -> Priority:
    return get_object_or_404(Priority.objects.filter(LIVE, year__partnership=p), pk=pk)


def _group(request: HttpRequest, p: Partnership, code: str | None) -> Group:
    return get_object_or_404(p.groups.filter(LIVE), code=code)


REGISTERS: dict[str, Register] = {
    "priority": Register(
        "priority", PriorityForm, _live(Priority, "year__partnership"), _year_of,
        lambda year, by, v: registers.priority_create(year=year, by=by, **v),
        lambda r: _url("priorities", year=r.year), lambda year: _url("priorities", year=year)),
    "action": Register(
        "action", PriorityActionForm,
        lambda p: PriorityAction.objects.filter(LIVE, priority__year__partnership=p,
                                                priority__withdrawn_on__isnull=True),
        _priority, lambda pr, by, v: registers.action_create(priority=pr, by=by, **v),
        lambda r: _url("priorities", year=r.priority.year),
        lambda pr: _url("priorities", year=pr.year)),
    "budget line": Register(
        "budget line", BudgetLineForm, _live(BudgetLine, "year__partnership"), _year_of,
        lambda year, by, v: registers.budget_line_create(year=year, by=by, **v),
        lambda r: _url("budget", year=r.year), lambda year: _url("budget", year=year)),
    "group": Register(
        "group", GroupForm, _live(Group, "partnership"), lambda r, p, _: p,
        lambda p, by, v: registers.group_create(partnership=p, by=by, **v),
        lambda r: _url("groups"), lambda p: _url("groups"), key="code"),
    "seat": Register(
        "seat", SeatForm,
        lambda p: Seat.objects.filter(LIVE, group__partnership=p, group__withdrawn_on=None),
        _group, lambda g, by, v: registers.seat_create(group=g, by=by, **v),
        lambda r: _url("group_detail", r.group.code), lambda g: _url("group_detail", g.code)),
    "person": Register(
        "role holder", PersonForm, _live(Person, "partnership"), lambda r, p, _: p,
        lambda p, by, v: registers.person_create(partnership=p, by=by, **v),
        lambda r: _url("role_holders"), lambda p: _url("role_holders")),
}


def _page(request: HttpRequest, form: Any, *, title: str, back: str, button: str,
          caption: str = "", warning: str = "") -> HttpResponse:
    return render(request, "web/form.html", {
        "form": form, "title": title, "back": back, "button": button, "caption": caption,
        "warning": warning})


@allowed(access.can_manage)
@require_http_methods(["GET", "POST"])
def record_new(request: HttpRequest, kind: str, owner: str | None = None) -> HttpResponse:
    register, p = REGISTERS[kind], _partnership(request)
    joined = register.owner(request, p, owner)
    form = register.form(_posted(request), partnership=p)
    if request.method == "POST" and form.is_valid():
        try:
            record = register.create(joined, request.user, form.values())
        except registers.Refused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"{register.noun.capitalize()} added: {record}")
            return redirect(register.back(record))
    return _page(request, form, title=f"Add a {register.noun}", caption=str(joined),
                 back=register.owner_back(joined), button=f"Add {register.noun}")


@allowed(access.can_manage)
@require_http_methods(["GET", "POST"])
def record_edit(request: HttpRequest, kind: str, key: str) -> HttpResponse:
    register, p = REGISTERS[kind], _partnership(request)
    record = get_object_or_404(register.records(p), **{register.key: key})
    form = register.form(_posted(request), instance=record, partnership=p)
    if request.method == "POST" and form.is_valid():
        try:
            saved = save_or_refuse(form, register.noun, registers.record_update, record=record,
                                   seen_version=form.cleaned_data["version"],
                                   values=form.values(), by=request.user)
        except registers.Refused as exc:
            form.add_error(None, str(exc))
        else:
            if saved:
                messages.success(request, f"{register.noun.capitalize()} saved: {saved.result}")
                return redirect(register.back(saved.result))
    return _page(request, form, title=f"Change the {register.noun}", caption=str(record),
                 back=register.back(record), button="Save")


@allowed(access.can_manage)
@require_http_methods(["GET", "POST"])
def record_withdraw(request: HttpRequest, kind: str, key: str) -> HttpResponse:
    register, p = REGISTERS[kind], _partnership(request)
    record = get_object_or_404(register.records(p), **{register.key: key})
    form = WithdrawForm(_posted(request), initial={"version": record.version})
    if request.method == "POST" and form.is_valid() and save_or_refuse(
            form, register.noun, registers.withdraw, record=record,
            seen_version=form.cleaned_data["version"], reason=form.cleaned_data["reason"],
            by=request.user, today=today()):
        messages.success(request, f"{register.noun.capitalize()} withdrawn: {record}")
        return redirect(register.back(record))
    return _page(request, form, title=f"Withdraw the {register.noun}?", caption=str(record),
                 back=register.back(record), button=f"Withdraw {register.noun}",
                 warning="It leaves lists and reports. Its history is kept in the audit trail.")


@allowed(access.can_read)
def role_holders(request: HttpRequest) -> HttpResponse:
    """The people who hold the partnership's roles (chairs, seat holders)."""
    p = _partnership(request)
    from lscp.partnership.register_forms import RegisterFilter

    search = RegisterFilter(request.GET or None, partnership=p)
    people = p.people.filter(LIVE).select_related("agency")
    if search.value("q"):
        people = people.filter(role_title__icontains=search.value("q")) | people.filter(
            name__icontains=search.value("q"))
    if search.value("agency"):
        people = people.filter(agency__code=search.value("agency"))
    return render(request, "partnership/role_holders.html", {
        "people": people, "search": search, "can_manage": access.can_manage(request.user)})
