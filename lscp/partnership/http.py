"""What every app's views share: access checks, the user's partnership, the year, today."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from lscp.partnership import access
from lscp.partnership.models import Partnership, ReportingYear
from lscp.partnership.years import year_label_for

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


def partnership_of(request: HttpRequest) -> Partnership:
    membership = access.membership_of(request.user)
    assert membership is not None  # guaranteed by @allowed
    return membership.partnership


def today() -> dt.date:
    """Today, or the date in LSCP_TODAY: a demo or a test can look at a past year's clocks."""
    pinned = getattr(settings, "LSCP_TODAY", "")
    return dt.date.fromisoformat(pinned) if pinned else dt.date.today()


def year_for(partnership: Partnership, label: str | None) -> ReportingYear:
    years = partnership.years.all()
    if label:
        return get_object_or_404(years, label=label)
    current = years.filter(label__lte=year_label_for(today())).order_by("-label").first()
    year = current or years.order_by("-label").first()
    if year is None:
        raise Http404("No reporting year has been recorded yet")
    return year


def year_context(partnership: Partnership, year: ReportingYear) -> dict[str, Any]:
    return {"year": year, "years": list(partnership.years.all())}
