"""Moderation, the challenge day, and the practitioner survey's results."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from lscp.partnership import access
from lscp.partnership.http import allowed, posted, today
from lscp.selfassessment import reviewing, survey_results
from lscp.selfassessment.forms import ChallengeDayForm, DrawForm, ModerationForm
from lscp.selfassessment.models import PractitionerSurvey
from lscp.selfassessment.views._common import (
    assessment_of,
    cycle_of,
    done,
    form_page,
    require,
    saved,
)
from lscp.selfassessment.views.answer_pages import page_of


@allowed(access.can_run_self_assessment)
@require_http_methods(["GET", "POST"])
def moderation(request: HttpRequest, code: str) -> HttpResponse:
    """The sample so far, and a form that draws more (reproducibly)."""
    found = cycle_of(request, code)
    form = DrawForm(posted(request))
    if request.method == "POST" and form.is_valid():
        drawn = saved(request, form, "sample", reviewing.moderation_draw, cycle=found,
                      by=request.user, size=form.cleaned_data["size"], today=today())
        if drawn is not None:
            return done(request, f"{len(drawn)} return(s) added to the sample",
                        reverse("selfassessment:moderation", args=[found.code]))
    return render(request, "selfassessment/moderation.html", {
        "cycle": found, "form": form,
        "sample": found.moderations.select_related("assessment__agency", "assessment__setting",
                                                   "moderated_by")})


@allowed(access.can_run_self_assessment)
@require_http_methods(["GET", "POST"])
def moderation_record(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    found = cycle_of(request, code)
    item = get_object_or_404(found.moderations.select_related("assessment__agency",
                                                              "assessment__setting"), pk=pk)
    form = ModerationForm(posted(request), initial={
        "outcome": item.outcome, "conclusion": item.conclusion, "version": item.version})
    back = reverse("selfassessment:moderation", args=[found.code])
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if saved(request, form, "moderation", reviewing.moderation_record, moderation=item,
                 by=request.user, seen_version=data["version"] or 0, outcome=data["outcome"],
                 conclusion=data["conclusion"], today=today()):
            return done(request, "Moderation recorded", back)
    return form_page(request, form, title="Record the moderation", back=back,
                     caption=item.assessment.respondent_name,
                     lead="Re-review the return, its evidence and the business unit's decisions.")


@allowed(access.can_run_self_assessment)
@require_http_methods(["GET", "POST"])
def challenge_new(request: HttpRequest, code: str, respondent: str) -> HttpResponse:
    found = assessment_of(request, code, respondent)
    require(found.agency_id is not None)
    form = ChallengeDayForm(posted(request), partnership=found.cycle.partnership)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        outcome = saved(request, form, "challenge day", reviewing.challenge_outcome_add,
                        assessment=found, by=request.user, group=data["group"],
                        held_on=data["held_on"], conclusion=data["conclusion"],
                        actions=[(data["action"], data["due"])])
        if outcome is not None:
            return done(request, "Challenge day conclusion recorded", page_of(found)
                        + "#challenge-day")
    return form_page(request, form, title="Record a challenge day conclusion",
                     back=page_of(found), caption=found.respondent_name,
                     lead="The conclusion becomes a decision of the challenge day's meeting; "
                          "the agency's action joins the action register.")


@allowed(access.can_read)
def survey(request: HttpRequest, code: str) -> HttpResponse:
    found = cycle_of(request, code)
    require(access.can_read_self_assessment_results(request.user, found))
    practitioner = PractitionerSurvey.objects.filter(cycle=found).first()
    if practitioner is None:
        raise Http404("No practitioner survey runs beside this cycle")
    return render(request, "selfassessment/survey_results.html", {
        "cycle": found, "survey": practitioner,
        "results": survey_results.per_agency(practitioner),
        "minimum": survey_results.MINIMUM,
        "links": survey_results.links(practitioner)
        if access.can_run_self_assessment(request.user) else []})
