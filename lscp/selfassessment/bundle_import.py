"""Writing the self-assessment files of a checked bundle, inside the import's transaction;
rows are matched on their natural keys, so importing the same bundle twice changes nothing."""

from __future__ import annotations

from typing import Any

from lscp.assurance.models import Recommendation
from lscp.partnership.bundle.reader import Bundle
from lscp.selfassessment import catalogue
from lscp.selfassessment import models as s

FRAMEWORKS, STANDARDS = "self_assessment_frameworks.csv", "self_assessment_standards.csv"


def _frameworks(w: Any, p: Any, bundle: Bundle) -> dict[str, s.Framework]:
    found = {}
    for r in bundle.of(FRAMEWORKS):
        v = r.values
        found[v["code"]] = w.upsert(s.Framework, {"partnership": p, "code": v["code"]}, {
            "title": v["title"], "kind": v["kind"], "audience": v["audience"],
            "cycle_months": v["cycle_months"], "description": v["description"] or "",
            "source": v["source"] or ""})
    for r in bundle.of(STANDARDS):
        v = r.values
        w.upsert(s.Standard, {"framework": found[v["framework"]], "code": v["code"]}, {
            "position": v["position"], "title": v["title"],
            **{k: v[k] or "" for k in ("guidance", "evidence", "statement")}})
    for r in bundle.of("self_assessment_cycles.csv"):
        code = r.values["framework"]
        if code not in found:  # one of the app's own, as its file has it
            found[code] = _from_catalogue(w, p, catalogue.catalogue()[code])
    return found


def _from_catalogue(w: Any, p: Any, spec: catalogue.FrameworkSpec) -> s.Framework:
    framework = w.upsert(s.Framework, {"partnership": p, "code": spec.code},
                         catalogue.framework_fields(spec))
    for code, values in catalogue.standard_fields(spec):
        w.upsert(s.Standard, {"framework": framework, "code": code}, values)
    return framework


def _cycles(w: Any, p: Any, bundle: Bundle, lookups: dict[str, Any],
            frameworks: dict[str, s.Framework]) -> dict[str, s.Cycle]:
    agencies, years, users = lookups["agencies"], lookups["years"], lookups["users"]
    found = {}
    for r in bundle.of("self_assessment_cycles.csv"):
        v = r.values
        found[v["code"]] = w.upsert(s.Cycle, {"partnership": p, "code": v["code"]}, {
            "framework": frameworks[v["framework"]], "title": v["title"],
            "year": years[v["year"]], "opened_on": v["opened_on"], "deadline": v["deadline"],
            "closed_on": v["closed_on"], "lead_agency": agencies.get(v["lead_agency"]),
            "opened_by": users.get(v["opened_by"]), "illustrative": bool(v["illustrative"])})
    return found


def _assessments(w: Any, bundle: Bundle, cycles: dict[str, s.Cycle], agencies: dict[str, Any],
                 settings: dict[str, s.EducationSetting]) -> dict[tuple[str, str], s.Assessment]:
    found = {}
    for r in bundle.of("self_assessments.csv"):
        v = r.values
        cycle = cycles[v["cycle"]]
        respondent = ({"setting": settings[v["respondent"]]} if cycle.for_settings
                      else {"agency": agencies[v["respondent"]]})
        found[(v["cycle"], v["respondent"])] = w.upsert(
            s.Assessment, {"cycle": cycle, **respondent},
            {"status": v["status"], "submitted_on": v["submitted_on"]})
        if cycle.for_settings and not hasattr(found[(v["cycle"], v["respondent"])], "link"):
            s.SettingLink.objects.create(assessment=found[(v["cycle"], v["respondent"])])
    for r in bundle.of("self_assessments.csv"):  # once every return is there
        v = r.values
        before = found.get((v["carried_from"], v["respondent"])) if v["carried_from"] else None
        assessment = found[(v["cycle"], v["respondent"])]
        if assessment.carried_from_id != (before.pk if before else None):
            assessment.carried_from = before
            assessment.save(update_fields=["carried_from"])
    return found


def _answers(w: Any, bundle: Bundle, assessments: dict[tuple[str, str], s.Assessment],
             users: dict[str, Any]) -> None:
    answers = {}
    for r in bundle.of("self_assessment_answers.csv"):
        v = r.values
        assessment = assessments[(v["cycle"], v["respondent"])]
        standard = assessment.cycle.framework.standards.get(code=v["standard"])
        answers[(v["cycle"], v["respondent"], v["standard"])] = w.upsert(
            s.Answer, {"assessment": assessment, "standard": standard}, {
                "rating": v["rating"] or "", "narrative": v["narrative"] or "",
                "evidence_note": v["evidence_note"] or "",
                "evidence_status": v["evidence_status"], "reviewed_on": v["reviewed_on"],
                "carried_forward": bool(v["carried_forward"])})
    for r in bundle.of("evidence_requests.csv"):
        v = r.values
        w.upsert(s.EvidenceRequest, {"answer": answers[(v["cycle"], v["respondent"], v["standard"])],
                                     "position": v["position"]}, {
            "message": v["message"], "asked_on": v["asked_on"],
            "asked_by": users.get(v["asked_by"]), "due": v["due"], "reply": v["reply"] or "",
            "replied_on": v["replied_on"]})


def _reviews(w: Any, p: Any, bundle: Bundle, assessments: dict[tuple[str, str], s.Assessment],
             users: dict[str, Any]) -> None:
    for r in bundle.of("moderations.csv"):
        v = r.values
        assessment = assessments[(v["cycle"], v["respondent"])]
        w.upsert(s.Moderation, {"cycle": assessment.cycle, "assessment": assessment}, {
            "position": v["position"], "drawn_on": v["drawn_on"], "outcome": v["outcome"] or "",
            "conclusion": v["conclusion"] or "", "moderated_on": v["moderated_on"],
            "moderated_by": users.get(v["moderated_by"])})
    for r in bundle.of("challenge_outcomes.csv"):
        v = r.values
        decision = Recommendation.objects.get(partnership=p, code=v["recommendation"])
        w.upsert(s.ChallengeOutcome, {"decision": decision},
                 {"assessment": assessments[(v["cycle"], v["respondent"])]})


def _surveys(w: Any, bundle: Bundle, cycles: dict[str, s.Cycle],
             agencies: dict[str, Any]) -> None:
    surveys = {}
    for r in bundle.of("practitioner_surveys.csv"):
        v = r.values
        survey = w.upsert(s.PractitionerSurvey, {"cycle": cycles[v["cycle"]]},
                          {"closes_on": v["closes_on"]})
        surveys[v["cycle"]] = survey
        for assessment in survey.cycle.assessments.filter(agency__isnull=False):
            if not survey.links.filter(agency=assessment.agency).exists():
                s.SurveyLink.objects.create(survey=survey, agency=assessment.agency)
    replies = {}
    for r in bundle.of("survey_replies.csv"):
        v = r.values
        replies[(v["cycle"], v["agency"], v["number"])] = w.upsert(
            s.SurveyReply, {"survey": surveys[v["cycle"]], "agency": agencies[v["agency"]],
                            "number": v["number"]}, {"received_on": v["received_on"]})
    for r in bundle.of("survey_scores.csv"):
        v = r.values
        reply = replies[(v["cycle"], v["agency"], v["number"])]
        standard = reply.survey.cycle.framework.standards.get(code=v["standard"])
        w.upsert(s.SurveyScore, {"reply": reply, "standard": standard}, {"score": v["score"]})


def import_rows(w: Any, bundle: Bundle, lookups: dict[str, Any]) -> None:
    p, agencies, users = lookups["partnership"], lookups["agencies"], lookups["users"]
    frameworks = _frameworks(w, p, bundle)
    settings = {}
    for r in bundle.of("education_settings.csv"):
        v = r.values
        settings[v["code"]] = w.upsert(s.EducationSetting, {"partnership": p, "code": v["code"]},
                                       {"name": v["name"], "phase": v["phase"],
                                        "contact_email": v["contact_email"] or ""})
    cycles = _cycles(w, p, bundle, lookups, frameworks)
    assessments = _assessments(w, bundle, cycles, agencies, settings)
    _answers(w, bundle, assessments, users)
    _reviews(w, p, bundle, assessments, users)
    _surveys(w, bundle, cycles, agencies)
