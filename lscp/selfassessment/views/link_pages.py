"""The pages opened by a secret link, without signing in: an education setting's audit and
the practitioner survey. The link is the key; an unknown one is simply not found. Nothing
about the person is kept (no account, no address)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from lscp.partnership import access
from lscp.partnership.http import posted, stale_message, today
from lscp.partnership.locking import StaleEdit
from lscp.selfassessment import links, services
from lscp.selfassessment.forms import LinkAnswersForm, SurveyForm
from lscp.selfassessment.models import SettingLink, SurveyLink


@require_http_methods(["GET", "POST"])
def setting_link(request: HttpRequest, token: str) -> HttpResponse:
    link = get_object_or_404(SettingLink.objects.select_related(
        "assessment__cycle__framework", "assessment__setting"), token=token)
    assessment = link.assessment
    answers = list(assessment.answers.select_related("standard"))
    form = LinkAnswersForm(posted(request), answers=answers)
    is_open = access.link_is_open(assessment)
    if request.method == "POST" and is_open and form.is_valid():
        values, versions = form.values()
        try:
            services.link_answers_save(link=link, answers=values, versions=versions,
                                       submit="submit" in request.POST, today=today())
        except StaleEdit:
            form.add_error(None, stale_message("audit"))
        except services.Refused as exc:
            form.add_error(None, str(exc)[:1].upper() + str(exc)[1:])
        else:
            return redirect("selfassessment:link", token=token)
    return render(request, "selfassessment/setting_link.html", {
        "link": link, "assessment": assessment, "cycle": assessment.cycle, "form": form,
        "is_open": is_open})


@require_http_methods(["GET", "POST"])
def survey(request: HttpRequest, token: str) -> HttpResponse:
    link = get_object_or_404(SurveyLink.objects.select_related(
        "survey__cycle__framework", "agency"), token=token)
    standards = list(link.survey.cycle.framework.standards.all())
    form = SurveyForm(posted(request), standards=standards)
    is_open = today() <= link.survey.closes_on and link.survey.cycle.is_open
    if request.method == "POST" and is_open and form.is_valid():
        try:
            links.survey_reply(link=link, scores=form.scores(), today=today())
        except services.Refused as exc:
            form.add_error(None, str(exc)[:1].upper() + str(exc)[1:])
        else:
            return redirect("selfassessment:survey_thanks", token=token)
    return render(request, "selfassessment/survey.html", {
        "link": link, "form": form, "is_open": is_open, "cycle": link.survey.cycle})


def survey_thanks(request: HttpRequest, token: str) -> HttpResponse:
    link = get_object_or_404(SurveyLink.objects.select_related("survey__cycle"), token=token)
    return render(request, "selfassessment/survey_thanks.html", {"link": link})
