"""The front door: a member's home page, or the list of published reports for anyone else."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
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

