"""What the learning pages share: the sub-menu, a form page that saves through a service,
and the withdrawal page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from lscp.assurance.forms import WithdrawForm
from lscp.assurance.register_services import Refused, withdraw
from lscp.partnership.http import Saved, save_or_refuse, today

LINKS = [("assurance:reviews", "Case reviews"), ("assurance:actions", "Open actions"),
         ("assurance:audits", "Audits"),
         ("assurance:challenges", "Challenge log"), ("assurance:risks", "Risk register"),
         ("assurance:child_deaths", "Child death overview")]

Save = Callable[[dict[str, Any]], Any]


def page(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    links = [(reverse(name), label) for name, label in LINKS]
    return render(request, template, {**context, "learning_links": links})


def locked(form: Any, noun: str, service: Callable[..., Any], **fixed: Any) -> Save:
    """Save an edit of a versioned record: refused, on the form, if someone saved it since."""
    def save(data: dict[str, Any]) -> Saved:
        seen = data.pop("version")
        return save_or_refuse(form, noun, service, **fixed, seen_version=seen, **data)
    return save


def plain(service: Callable[..., Any], **fixed: Any) -> Save:
    """Save a new record."""
    return lambda data: Saved(True, service(**fixed, **data))


def form_page(request: HttpRequest, form: Any, save: Save, *, title: str, back: str,
              done: str | Callable[[Any], str], message: str,
              **extra: Any) -> HttpResponse:
    """Show the form; on a valid POST save it and go to `done` (or its result's page)."""
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(dict(form.cleaned_data))
        except Refused as refusal:
            text = str(refusal)
            form.add_error(None, text[:1].upper() + text[1:])
        else:
            if saved:
                messages.success(request, message)
                return redirect(done(saved.result) if callable(done) else done)
    return page(request, "web/form.html",
                {"form": form, "title": title, "back": back, **extra})


def withdraw_page(request: HttpRequest, record: Any, *, noun: str, back: str,
                  done: str) -> HttpResponse:
    """Ask why, then withdraw: the record leaves the registers and reports; history stays."""
    form = WithdrawForm(request.POST or None,
                        initial={"version": getattr(record, "version", None)})
    save = locked(form, noun, withdraw, record=record, by=request.user, today=today())
    return form_page(request, form, save, title=f"Withdraw this {noun}", back=back, done=done,
                     message=f"The {noun} was withdrawn", lead=str(record), button="Withdraw",
                     warning=f"The {noun} will leave the registers and the yearly report. "
                             "Its history is kept.")
