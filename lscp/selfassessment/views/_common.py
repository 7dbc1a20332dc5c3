"""What the self-assessment pages share: finding a cycle, a return and an answer within the
user's partnership (404 otherwise), the access checks that 403, and a form page that saves
through a service."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from lscp.partnership import access
from lscp.partnership.http import partnership_of, stale_message
from lscp.partnership.locking import StaleEdit
from lscp.selfassessment.models import Answer, Assessment, Cycle
from lscp.selfassessment.services import NotAllowed, Refused


def cycle_of(request: HttpRequest, code: str) -> Cycle:
    return get_object_or_404(
        Cycle.objects.select_related("framework", "year", "lead_agency", "partnership"),
        partnership=partnership_of(request), code=code)


def assessment_of(request: HttpRequest, code: str, respondent: str) -> Assessment:
    """A return the user may read; another agency's is refused."""
    cycle = cycle_of(request, code)
    found = cycle.assessments.select_related("agency", "setting", "cycle__framework",
                                             "cycle__partnership")
    key = {"setting__code": respondent} if cycle.for_settings else {"agency__code": respondent}
    assessment = get_object_or_404(found, **key)
    assessment.cycle = cycle
    if not access.can_read_assessment(request.user, assessment):
        raise PermissionDenied
    return assessment


def answer_of(request: HttpRequest, code: str, respondent: str, standard: str) -> Answer:
    assessment = assessment_of(request, code, respondent)
    answer = get_object_or_404(assessment.answers.select_related("standard"),
                               standard__code=standard)
    answer.assessment = assessment
    return answer


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def saved(request: HttpRequest, form: Any, noun: str, service: Callable[..., Any],
          **arguments: Any) -> Any:
    """Call a service for a valid form: a refusal or a stale edit goes on the form (None is
    returned); otherwise the service's result."""
    try:
        return service(**arguments)
    except StaleEdit:
        form.add_error(None, stale_message(noun))
    except (Refused, NotAllowed) as exc:
        text = str(exc)
        form.add_error(None, text[:1].upper() + text[1:])
    return None


def form_page(request: HttpRequest, form: Any, *, title: str, back: str,
              **extra: Any) -> HttpResponse:
    return render(request, "web/form.html", {"form": form, "title": title, "back": back,
                                             **extra})


def done(request: HttpRequest, message: str, url: str) -> HttpResponse:
    messages.success(request, message)
    return redirect(url)
