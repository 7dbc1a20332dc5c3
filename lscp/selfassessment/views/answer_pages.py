"""One return: its answers with their evidence, the agency's edits and submission, and the
business unit's review of each answer (sufficient, or more asked for) with the reply."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from lscp.partnership import access
from lscp.partnership.http import allowed, posted, today
from lscp.selfassessment import reviewing, services
from lscp.selfassessment.forms import AnswerForm, DecisionForm, ReplyForm, VersionForm
from lscp.selfassessment.models import Answer, Assessment
from lscp.selfassessment.views._common import (
    answer_of,
    assessment_of,
    done,
    form_page,
    require,
    saved,
)


def page_of(assessment: Assessment) -> str:
    return reverse("selfassessment:assessment",
                   args=[assessment.cycle.code, assessment.respondent_code])


def _anchor(answer: Answer) -> str:
    return page_of(answer.assessment) + f"#standard-{answer.standard.code}"


@allowed(access.can_read)
def assessment(request: HttpRequest, code: str, respondent: str) -> HttpResponse:
    found = assessment_of(request, code, respondent)
    answers = list(found.answers.select_related("standard").prefetch_related("requests"))
    for answer in answers:
        answer.assessment = found
    user = request.user
    return render(request, "selfassessment/assessment.html", {
        "assessment": found, "cycle": found.cycle,
        "answers": [(a, access.can_edit_answer(user, a)) for a in answers],
        "can_edit": access.can_edit_assessment(user, found),
        "can_review": access.can_run_self_assessment(user),
        "can_run": access.can_run_self_assessment(user),
        "problems": services.problems_before_submitting(found),
        "submit_form": VersionForm(initial={"version": found.version}),
        "outcomes": list(found.challenge_outcomes.select_related("decision__meeting__group")
                         .prefetch_related("decision__actions"))})


@allowed(access.can_read)
@require_http_methods(["GET", "POST"])
def answer_edit(request: HttpRequest, code: str, respondent: str, standard: str) -> HttpResponse:
    answer = answer_of(request, code, respondent, standard)
    require(access.can_edit_answer(request.user, answer))
    form = AnswerForm(posted(request), instance=answer)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if saved(request, form, "answer", services.answer_save, answer=answer, by=request.user,
                 seen_version=data["version"] or 0, rating=data["rating"],
                 narrative=data["narrative"], evidence_note=data["evidence_note"]):
            return done(request, f"{answer.standard.title}: answer saved", _anchor(answer))
    return render(request, "selfassessment/answer_edit.html", {
        "form": form, "answer": answer, "back": _anchor(answer)})


@allowed(access.can_run_self_assessment)
@require_http_methods(["GET", "POST"])
def answer_review(request: HttpRequest, code: str, respondent: str,
                  standard: str) -> HttpResponse:
    answer = answer_of(request, code, respondent, standard)
    form = DecisionForm(posted(request), initial={"version": answer.version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if saved(request, form, "answer", reviewing.evidence_decide, answer=answer,
                 by=request.user, seen_version=data["version"] or 0, decision=data["decision"],
                 message=data["message"], due=data["due"], today=today()):
            message = ("Evidence marked sufficient" if data["decision"] == reviewing.SUFFICIENT
                       else "More evidence asked for")
            return done(request, f"{answer.standard.title}: {message.lower()}", _anchor(answer))
    return form_page(request, form, title="Review the evidence", back=_anchor(answer),
                     caption=f"{answer.assessment.respondent_name}: {answer.standard.title}",
                     lead=f"Rated {answer.get_rating_display() or 'not rated'}.",
                     button="Save the decision")


@allowed(access.can_read)
@require_http_methods(["GET", "POST"])
def answer_reply(request: HttpRequest, code: str, respondent: str,
                 standard: str) -> HttpResponse:
    answer = answer_of(request, code, respondent, standard)
    require(access.can_edit_answer(request.user, answer))
    request_open = answer.requests.filter(replied_on__isnull=True).order_by("-position").first()
    form = ReplyForm(posted(request), initial={"version": answer.version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if saved(request, form, "answer", reviewing.evidence_reply, answer=answer,
                 by=request.user, seen_version=data["version"] or 0, reply=data["reply"],
                 today=today()):
            return done(request, f"{answer.standard.title}: reply sent", _anchor(answer))
    return form_page(request, form, title="Reply with more evidence", back=_anchor(answer),
                     caption=answer.standard.title,
                     lead=f"The business unit asked: {request_open.message}"
                     if request_open else "", button="Send the reply")


@allowed(access.can_read)
@require_POST
def submit(request: HttpRequest, code: str, respondent: str) -> HttpResponse:
    found = assessment_of(request, code, respondent)
    require(access.can_edit_assessment(request.user, found))
    form = VersionForm(request.POST)
    if form.is_valid() and saved(request, form, "return", services.assessment_submit,
                                 assessment=found, by=request.user,
                                 seen_version=form.cleaned_data["version"] or 0, today=today()):
        return done(request, "Self-assessment submitted", page_of(found))
    messages.error(request, " ".join(str(e) for e in form.non_field_errors()) or "Not submitted")
    return redirect(page_of(found))
