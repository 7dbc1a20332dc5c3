"""The challenge log: raised by the chair or the business unit, answered by the agency
challenged, edited, closed with its outcome and impact, or withdrawn by the business unit."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from lscp.assurance import register_services as rs
from lscp.assurance import services
from lscp.assurance.forms import (
    AgencyAnswerForm,
    ChallengeEditForm,
    ChallengeForm,
    ChallengeResponseForm,
)
from lscp.assurance.models import Challenge
from lscp.assurance.views._common import form_page, locked, plain, withdraw_page
from lscp.partnership import access
from lscp.partnership.http import allowed, partnership_of, today

BACK = "assurance:challenges"


def _challenge(request: HttpRequest, code: str) -> Challenge:
    return get_object_or_404(partnership_of(request).challenges.current(), code=code)


@allowed(access.can_raise_challenges)
@require_http_methods(["GET", "POST"])
def challenge_new(request: HttpRequest) -> HttpResponse:
    p = partnership_of(request)
    membership = access.membership_of(request.user)
    initial = {"raised_by": membership.get_role_display() if membership else "",
               "raised_on": today()}
    form = ChallengeForm(request.POST or None, partnership=p, initial=initial)
    return form_page(request, form, plain(services.challenge_raise, partnership=p,
                                          by=request.user),
                     title="Raise a challenge", back=reverse(BACK), done=reverse(BACK),
                     message="Challenge added to the impact log")


@allowed(access.can_manage)
@require_http_methods(["GET", "POST"])
def challenge_respond(request: HttpRequest, code: str) -> HttpResponse:
    """The business unit records the response, outcome and impact, and closes it."""
    challenge = _challenge(request, code)
    form = ChallengeResponseForm(request.POST or None, instance=challenge)
    return form_page(request, form, locked(form, "challenge", services.challenge_respond,
                                           challenge=challenge),
                     title="Record the response, outcome and impact", lead=challenge.challenge,
                     back=reverse(BACK), done=reverse(BACK), message="Challenge updated")


@allowed(access.can_read)
@require_http_methods(["GET", "POST"])
def challenge_answer(request: HttpRequest, code: str) -> HttpResponse:
    """The agency challenged gives its response."""
    challenge = _challenge(request, code)
    if not access.can_answer_challenge(request.user, challenge) or challenge.status != "open":
        raise PermissionDenied
    form = AgencyAnswerForm(request.POST or None, initial={
        "response": challenge.response, "version": challenge.version})
    return form_page(request, form, locked(form, "challenge", rs.challenge_answer,
                                           challenge=challenge, by=request.user),
                     title="Respond to the challenge", lead=challenge.challenge,
                     back=reverse(BACK), done=reverse(BACK), message="Response saved")


@allowed(access.can_manage)
@require_http_methods(["GET", "POST"])
def challenge_edit(request: HttpRequest, code: str) -> HttpResponse:
    challenge = _challenge(request, code)
    form = ChallengeEditForm(request.POST or None, partnership=challenge.partnership,
                             record=challenge)
    save = locked(form, "challenge", rs.challenge_edit, challenge=challenge, by=request.user)

    def renamed(data: dict[str, Any]) -> Any:
        data["challenge_text"] = data.pop("challenge")
        return save(data)

    return form_page(request, form, renamed, title="Edit the challenge", back=reverse(BACK),
                     done=reverse(BACK), message="Challenge saved")


@allowed(access.can_manage)
@require_http_methods(["GET", "POST"])
def challenge_withdraw(request: HttpRequest, code: str) -> HttpResponse:
    challenge = _challenge(request, code)
    return withdraw_page(request, challenge, noun="challenge", back=reverse(BACK),
                         done=reverse(BACK))
