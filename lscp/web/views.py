"""The front door: a member's home page, or the list of published reports for anyone else;
the page a paused sign-in sees; a health check for the proxy."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from lscp.partnership import access
from lscp.partnership.models import ReportingYear
from lscp.partnership.views import overview


def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated and access.membership_of(request.user):
        return overview(request)
    if request.user.is_authenticated:
        raise PermissionDenied  # signed in, but not a member of any partnership
    published = ReportingYear.objects.filter(report_published=True).select_related("partnership")
    return render(request, "web/home.html", {"published": published})



def locked_out(request: HttpRequest, *args: Any) -> HttpResponse:
    """What django-axes shows instead of signing in, once an account or address is paused."""
    return render(request, "registration/locked_out.html", {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)}, status=429)


def health(request: HttpRequest) -> HttpResponse:
    """For the proxy or load balancer: the app answers and its database does too."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")
