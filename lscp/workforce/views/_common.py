"""What the training pages share: the sub-menu, and a form page that saves through a service."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from lscp.partnership import access
from lscp.partnership.http import Saved, save_or_refuse
from lscp.workforce.services import Refused

LINKS = [("workforce:index", "Overview", access.can_read),
         ("workforce:courses", "Courses and sessions", access.can_read),
         ("workforce:returns", "Single-agency returns", access.can_read),
         ("workforce:imports", "Imports", access.can_manage_training),
         ("workforce:policy", "Charges", access.can_manage_training)]


def page(request: HttpRequest, template: str, context: dict[str, Any],
         status: int = 200) -> HttpResponse:
    links = [(reverse(name), label) for name, label, shown in LINKS if shown(request.user)]
    return render(request, template, {**context, "training_links": links,
                                      "can_manage": access.can_manage_training(request.user)},
                  status=status)


Save = Callable[[dict[str, Any]], Any]


def locked(form: Any, noun: str, service: Callable[..., Any], **fixed: Any) -> Save:
    """Save an edit of a versioned record: refused, on the form, if someone saved it since."""
    def save(data: dict[str, Any]) -> Any:
        seen = data.pop("version", None)
        return save_or_refuse(form, noun, service, **fixed, seen_version=seen or 0, **data)
    return save


def plain(service: Callable[..., Any], **fixed: Any) -> Save:
    """Save a new record."""
    def save(data: dict[str, Any]) -> Any:
        data.pop("version", None)
        return Saved(True, service(**fixed, **data))
    return save


def form_page(request: HttpRequest, form: Any, save: Save, *, title: str, back: str,
              done: str | Callable[[Any], str], message: str, **extra: Any) -> HttpResponse:
    """Show the form; on a valid POST save it and go to `done` (or its result's page)."""
    if request.method == "POST" and form.is_valid():
        data = form.saved_fields() if hasattr(form, "saved_fields") else dict(form.cleaned_data)
        try:
            saved = save(data)
        except Refused as refusal:
            text = str(refusal)
            form.add_error(None, text[:1].upper() + text[1:])
        else:
            if saved:
                messages.success(request, message)
                return redirect(done(saved.result) if callable(done) else done)
    return page(request, "web/form.html", {"form": form, "title": title, "back": back, **extra},
                status=400 if form.is_bound and form.errors else 200)
