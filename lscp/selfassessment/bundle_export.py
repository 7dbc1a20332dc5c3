"""Writing a partnership's self-assessments into a bundle: every framework it uses (so the
bundle stands alone), settings, cycles, returns, answers, requests, moderation, challenge
day outcomes and survey replies. Evidence files stay out, as every attachment does (a
backup carries them); so do the secret links."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lscp.selfassessment import models as s


def _respondent(assessment: s.Assessment) -> str:
    return assessment.respondent_code


def _who(user: Any) -> str | None:
    return user.username if user else None


def export_rows(p: Any, write: Callable[[str, Any], None],
                attach: Callable[[str, bytes], None]) -> None:
    frameworks = s.Framework.objects.filter(partnership=p).order_by("code")
    write("self_assessment_frameworks.csv", (
        {"code": f.code, "title": f.title, "kind": f.kind, "audience": f.audience,
         "cycle_months": f.cycle_months, "description": f.description, "source": f.source}
        for f in frameworks))
    write("self_assessment_standards.csv", (
        {"framework": x.framework.code, "code": x.code, "position": x.position,
         "title": x.title, "guidance": x.guidance, "evidence": x.evidence,
         "statement": x.statement}
        for x in s.Standard.objects.filter(framework__partnership=p).select_related("framework")
        .order_by("framework__code", "position", "code")))
    write("education_settings.csv", (
        {"code": x.code, "name": x.name, "phase": x.phase, "contact_email": x.contact_email}
        for x in s.EducationSetting.objects.filter(partnership=p).order_by("code")))
    cycles = s.Cycle.objects.filter(partnership=p).select_related(
        "framework", "year", "lead_agency", "opened_by").order_by("opened_on", "code")
    write("self_assessment_cycles.csv", (
        {"code": c.code, "framework": c.framework.code, "title": c.title, "year": c.year.label,
         "opened_on": c.opened_on, "deadline": c.deadline, "closed_on": c.closed_on,
         "lead_agency": c.lead_agency.code if c.lead_agency else None,
         "opened_by": _who(c.opened_by), "illustrative": c.illustrative} for c in cycles))
    _returns(p, write)
    _reviews(p, write)
    _surveys(p, write)


def _returns(p: Any, write: Callable[[str, Any], None]) -> None:
    assessments = s.Assessment.objects.filter(cycle__partnership=p).select_related(
        "cycle", "agency", "setting", "carried_from__cycle").order_by("cycle__opened_on", "pk")
    write("self_assessments.csv", (
        {"cycle": a.cycle.code, "respondent": _respondent(a), "status": a.status,
         "submitted_on": a.submitted_on,
         "carried_from": a.carried_from.cycle.code if a.carried_from else None}
        for a in assessments))
    answers = s.Answer.objects.filter(assessment__cycle__partnership=p).select_related(
        "assessment__cycle", "assessment__agency", "assessment__setting", "standard").order_by(
        "assessment__cycle__opened_on", "assessment__pk", "standard__position")
    write("self_assessment_answers.csv", (
        {"cycle": x.assessment.cycle.code, "respondent": _respondent(x.assessment),
         "standard": x.standard.code, "rating": x.rating, "narrative": x.narrative,
         "evidence_note": x.evidence_note, "evidence_status": x.evidence_status,
         "reviewed_on": x.reviewed_on, "carried_forward": x.carried_forward}
        for x in answers))
    requests = s.EvidenceRequest.objects.filter(
        answer__assessment__cycle__partnership=p).select_related(
        "answer__assessment__cycle", "answer__assessment__agency", "answer__assessment__setting",
        "answer__standard", "asked_by").order_by("answer__pk", "position")
    write("evidence_requests.csv", (
        {"cycle": x.answer.assessment.cycle.code, "respondent": _respondent(x.answer.assessment),
         "standard": x.answer.standard.code, "position": x.position, "message": x.message,
         "asked_on": x.asked_on, "asked_by": _who(x.asked_by), "due": x.due, "reply": x.reply,
         "replied_on": x.replied_on} for x in requests))


def _reviews(p: Any, write: Callable[[str, Any], None]) -> None:
    moderations = s.Moderation.objects.filter(cycle__partnership=p).select_related(
        "cycle", "assessment__agency", "assessment__setting", "moderated_by").order_by(
        "cycle__opened_on", "position")
    write("moderations.csv", (
        {"cycle": x.cycle.code, "respondent": _respondent(x.assessment), "position": x.position,
         "drawn_on": x.drawn_on, "outcome": x.outcome, "conclusion": x.conclusion,
         "moderated_on": x.moderated_on, "moderated_by": _who(x.moderated_by)}
        for x in moderations))
    outcomes = s.ChallengeOutcome.objects.filter(
        assessment__cycle__partnership=p, decision__withdrawn_on__isnull=True).select_related(
        "decision", "assessment__cycle", "assessment__agency", "assessment__setting").order_by(
        "decision__code")
    write("challenge_outcomes.csv", (
        {"recommendation": x.decision.code, "cycle": x.assessment.cycle.code,
         "respondent": _respondent(x.assessment)} for x in outcomes))


def _surveys(p: Any, write: Callable[[str, Any], None]) -> None:
    write("practitioner_surveys.csv", (
        {"cycle": x.cycle.code, "closes_on": x.closes_on}
        for x in s.PractitionerSurvey.objects.filter(cycle__partnership=p).select_related(
            "cycle").order_by("cycle__code")))
    replies = s.SurveyReply.objects.filter(survey__cycle__partnership=p).select_related(
        "survey__cycle", "agency").order_by("survey__cycle__code", "agency__code", "number")
    write("survey_replies.csv", (
        {"cycle": x.survey.cycle.code, "agency": x.agency.code, "number": x.number,
         "received_on": x.received_on} for x in replies))
    scores = s.SurveyScore.objects.filter(reply__survey__cycle__partnership=p).select_related(
        "reply__survey__cycle", "reply__agency", "standard").order_by(
        "reply__survey__cycle__code", "reply__agency__code", "reply__number",
        "standard__position")
    write("survey_scores.csv", (
        {"cycle": x.reply.survey.cycle.code, "agency": x.reply.agency.code,
         "number": x.reply.number, "standard": x.standard.code, "score": x.score}
        for x in scores))
