"""What every app's views share: access checks, the user's partnership, the year, today,
the one way to save a locked record from a form, and the one way to send a file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse

from lscp.insight.periods import year_label_for
from lscp.partnership import access
from lscp.partnership.locking import StaleEdit
from lscp.partnership.models import Partnership, ReportingYear

View = Callable[..., HttpResponse]


def allowed(check: Callable[[Any], bool]) -> Callable[[View], View]:
    """Anonymous users are sent to sign in; signed-in users without the right get 403."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not check(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorate


def posted(request: HttpRequest) -> Any:
    """The form data of a POST, even an empty one (an empty QueryDict is falsy, so
    `request.POST or None` would leave a form unbound and skip its "Enter ..." messages)."""
    return request.POST if request.method == "POST" else None


def partnership_of(request: HttpRequest) -> Partnership:
    membership = access.membership_of(request.user)
    assert membership is not None  # guaranteed by @allowed
    return membership.partnership


def today() -> dt.date:
    """Today, or the date in LSCP_TODAY: a demo or a test can look at a past year's clocks."""
    pinned = getattr(settings, "LSCP_TODAY", "")
    return dt.date.fromisoformat(pinned) if pinned else dt.date.today()


def year_for(partnership: Partnership, label: str | None) -> ReportingYear:
    """The year a page shows: the one asked for, else the last year that has ended.

    Every page opens on the same year, the last finished one: that is the year a partnership
    reports on, scrutinises and compares, and a meeting or a figure recorded early in the new
    year must not move anyone's pages onto a year with almost nothing in it. While no year
    has ended, the year running today; failing that, the latest recorded.
    """
    years = years_of(partnership)
    if label:
        found = next((y for y in years if y.label == label), None)
        if found is None:
            raise Http404("No such reporting year")
        return found
    now = year_label_for(today())
    ended = [y for y in years if y.label < now]
    running = [y for y in years if y.label == now]
    chosen = (ended or running or years)
    if not chosen:
        raise Http404("No reporting year has been recorded yet")
    return max(chosen, key=lambda y: y.label)


def years_of(partnership: Partnership) -> list[ReportingYear]:
    """The partnership's years, read once per request (the partnership object is the
    request's own: `access.membership_of`)."""
    prefetch_related_objects([partnership], "years")
    return list(partnership.years.all())


def year_context(partnership: Partnership, year: ReportingYear) -> dict[str, Any]:
    return {"year": year, "years": years_of(partnership)}


def stale_message(noun: str) -> str:
    return (f"Someone else changed this {noun} while you were editing. Your changes were not "
            f"saved: check the {noun} and try again.")


@dataclass(frozen=True)
class Saved:
    """What a locked save came to: truthy when it went through, with the service's result."""

    ok: bool
    result: Any = None

    def __bool__(self) -> bool:
        return self.ok


def save_or_refuse(form: Any, noun: str, service: Callable[..., Any], /, **arguments: Any) -> Saved:
    """Call a service that claims a record's version; if someone else saved the record since
    the form was opened, nothing is saved and the form says so at the top."""
    try:
        return Saved(True, service(**arguments))
    except StaleEdit:
        form.add_error(None, stale_message(noun))
        return Saved(False)


CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def file_response(body: bytes | str, filename: str, *, inline: bool = False) -> HttpResponse:
    """A download named `filename`, typed by its extension; `inline` opens it in the browser."""
    extension = filename.rsplit(".", 1)[-1]
    if extension not in CONTENT_TYPES:
        raise Http404("Unknown format")
    response = HttpResponse(body, content_type=CONTENT_TYPES[extension])
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
