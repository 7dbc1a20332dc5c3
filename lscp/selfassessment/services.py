"""Opening a cycle, answering it and submitting a return. Each change runs in one
transaction; a form's edit claims the version it was opened at (lscp.partnership.locking).

Opening a cycle starts every respondent from its answers and evidence of the last cycle of
the same framework, marked as carried forward until the respondent has checked each one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction

from lscp.attachments import files
from lscp.audit.history import acts_as
from lscp.notices.models import Kind
from lscp.notices.services import notify
from lscp.partnership import access
from lscp.partnership.locking import claim_and_save
from lscp.partnership.models import Agency, Partnership, ReportingYear
from lscp.partnership.records import unique_code
from lscp.selfassessment import catalogue, evidence
from lscp.selfassessment.models import (
    Answer,
    Assessment,
    AssessmentStatus,
    Audience,
    Cycle,
    EducationSetting,
    EvidenceStatus,
    Framework,
    PractitionerSurvey,
    SettingLink,
    SurveyLink,
)


class Refused(Exception):
    """Not allowed now; the message is for the person who asked."""


class NotAllowed(Exception):
    """The person may not make this change."""


def framework_for(partnership: Partnership, code: str) -> Framework:
    """The partnership's framework of that code, loaded from the app's files the first time."""
    found = partnership.frameworks.filter(code=code).first()
    if found is not None:
        return found
    spec = catalogue.catalogue().get(code)
    if spec is None:
        raise Refused(f"there is no framework {code}")
    return catalogue.load(partnership, spec)


def previous_assessment(cycle: Cycle, *, agency: Agency | None = None,
                        setting: EducationSetting | None = None) -> Assessment | None:
    """The respondent's return in the last earlier cycle of the same framework."""
    found = Assessment.objects.filter(cycle__framework=cycle.framework, agency=agency,
                                      setting=setting, cycle__opened_on__lte=cycle.opened_on)
    return found.exclude(cycle=cycle).order_by("-cycle__opened_on", "-cycle__pk").first()


def _start(cycle: Cycle, by: Any, written: list[str], *, agency: Agency | None = None,
           setting: EducationSetting | None = None) -> Assessment:
    """A respondent's return, with one answer per standard, carried from the last cycle."""
    before = previous_assessment(cycle, agency=agency, setting=setting)
    assessment = Assessment.objects.create(cycle=cycle, agency=agency, setting=setting,
                                           carried_from=before)
    old = {a.standard.code: a for a in before.answers.select_related("standard")} if before else {}
    for standard in cycle.framework.standards.all():
        source = old.get(standard.code)
        answer = Answer.objects.create(
            assessment=assessment, standard=standard,
            rating=source.rating if source else "",
            narrative=source.narrative if source else "",
            evidence_note=source.evidence_note if source else "",
            carried_forward=source is not None)
        if source is not None:
            evidence.carry(source, answer, by, written)
    if setting is not None:
        SettingLink.objects.create(assessment=assessment)
    return assessment


@acts_as("by")
def cycle_open(*, partnership: Partnership, by: Any, framework: str, title: str,
               year: ReportingYear, opened_on: dt.date, deadline: dt.date,
               agencies: Sequence[Agency] = (), settings: Sequence[EducationSetting] = (),
               lead_agency: Agency | None = None, survey_closes_on: dt.date | None = None,
               illustrative: bool = False) -> Cycle:
    """Ask the agencies (or settings) to assess themselves against a framework by the
    deadline; each agency's contributors are told. Evidence files carried forward are
    copied; if anything fails, the copies are removed with the rest."""
    written: list[str] = []
    try:
        return _open(partnership, by, framework, title, year, opened_on, deadline, agencies,
                     settings, lead_agency, survey_closes_on, illustrative, written)
    except Exception:
        for stored in written:
            files.remove(stored)
        raise


@transaction.atomic
def _open(partnership: Partnership, by: Any, code: str, title: str, year: ReportingYear,
          opened_on: dt.date, deadline: dt.date, agencies: Sequence[Agency],
          settings: Sequence[EducationSetting], lead_agency: Agency | None,
          survey_closes_on: dt.date | None, illustrative: bool, written: list[str]) -> Cycle:
    framework = framework_for(partnership, code)
    for_settings = framework.audience == Audience.SETTINGS
    if not (settings if for_settings else agencies):
        raise Refused("choose the settings to ask" if for_settings
                      else "choose the agencies to ask")
    if deadline < opened_on:
        raise Refused("the deadline must be on or after the day the cycle opens")
    if survey_closes_on is not None and for_settings:
        raise Refused("a practitioner survey runs beside a cycle of partner agencies")
    cycle = Cycle.objects.create(
        partnership=partnership, framework=framework, year=year, title=title,
        code=unique_code(partnership.self_assessment_cycles.all(), f"{code} {year.label}",
                         fallback="cycle"),
        opened_on=opened_on, deadline=deadline, lead_agency=lead_agency, opened_by=by,
        illustrative=illustrative)
    for setting in settings if for_settings else ():
        _start(cycle, by, written, setting=setting)
    for agency in () if for_settings else agencies:
        notify(kind=Kind.SELF_ASSESSMENT_OPENED,
               record=_start(cycle, by, written, agency=agency))
    if survey_closes_on is not None:
        survey = PractitionerSurvey.objects.create(cycle=cycle, closes_on=survey_closes_on)
        for agency in agencies:
            SurveyLink.objects.create(survey=survey, agency=agency)
    return cycle


@transaction.atomic
@acts_as("by")
def cycle_close(*, cycle: Cycle, by: Any, seen_version: int, today: dt.date) -> Cycle:
    """No more answers; open requests stop being chased. The results stay as they are."""
    if not cycle.is_open:
        raise Refused("the cycle is closed already")
    return claim_and_save(cycle, seen_version, closed_on=today)


def _record_answer(answer: Answer, seen_version: int, rating: str, narrative: str,
                   evidence_note: str) -> Answer:
    """Save the answer; evidence already found sufficient is reviewed again if it changed."""
    changed = (answer.rating, answer.narrative, answer.evidence_note) != (
        rating, narrative, evidence_note)
    status = (EvidenceStatus.NOT_REVIEWED
              if changed and answer.evidence_status == EvidenceStatus.SUFFICIENT
              else answer.evidence_status)
    claim_and_save(answer, seen_version, rating=rating, narrative=narrative,
                   evidence_note=evidence_note, carried_forward=False, evidence_status=status)
    assessment = answer.assessment
    if assessment.status == AssessmentStatus.NOT_STARTED:
        assessment.status = AssessmentStatus.IN_PROGRESS
        assessment.save(update_fields=["status"])
    return answer


@transaction.atomic
@acts_as("by")
def answer_save(*, answer: Answer, by: Any, seen_version: int, rating: str, narrative: str,
                evidence_note: str) -> Answer:
    """The agency's rating, narrative and evidence for one standard: also confirms an answer
    carried forward from the last cycle."""
    if not access.can_edit_answer(by, answer):
        raise NotAllowed("you may not change this answer")
    return _record_answer(answer, seen_version, rating, narrative, evidence_note)


def problems_before_submitting(assessment: Assessment) -> list[str]:
    """What stops a return from being submitted, in words."""
    answers = list(assessment.answers.select_related("standard"))
    unrated = [a.standard.title for a in answers if not a.rating]
    unchecked = [a.standard.title for a in answers if a.carried_forward]
    found = []
    if unrated:
        found.append(f"Rate every standard: not yet rated: {'; '.join(unrated)}")
    if unchecked:
        found.append("Check the answers carried forward from the last cycle: not yet "
                     f"checked: {'; '.join(unchecked)}")
    return found


def _submit(assessment: Assessment, seen_version: int, today: dt.date) -> Assessment:
    problems = problems_before_submitting(assessment)
    if problems:
        raise Refused(". ".join(problems))
    return claim_and_save(assessment, seen_version, status=AssessmentStatus.SUBMITTED,
                          submitted_on=today)


@transaction.atomic
@acts_as("by")
def assessment_submit(*, assessment: Assessment, by: Any, seen_version: int,
                      today: dt.date) -> Assessment:
    """Send the return to the business unit, once every standard is rated and checked."""
    if not access.can_edit_assessment(by, assessment):
        raise NotAllowed("you may not submit this return")
    return _submit(assessment, seen_version, today)


# An education setting's link: no account, the link is the key ------------------------------


@transaction.atomic
def link_answers_save(*, link: SettingLink, answers: dict[int, dict[str, str]],
                      versions: dict[int, int], submit: bool, today: dt.date) -> Assessment:
    """Every answer of a setting's audit from its one page; `submit` sends it as well."""
    assessment = link.assessment
    if not access.link_is_open(assessment):
        raise Refused("this audit is closed or already submitted")
    for answer in assessment.answers.all():
        given = answers.get(answer.pk)
        if given is not None:
            _record_answer(answer, versions[answer.pk], given["rating"], given["narrative"],
                           given["evidence_note"])
    if submit:
        assessment.refresh_from_db()
        return _submit(assessment, assessment.version, today)
    return assessment


@transaction.atomic
@acts_as("by")
def setting_add(*, partnership: Partnership, by: Any, name: str, phase: str,
                contact_email: str, code: str = "") -> EducationSetting:
    return EducationSetting.objects.create(
        partnership=partnership, name=name, phase=phase, contact_email=contact_email,
        code=unique_code(partnership.education_settings.all(), name, wanted=code,
                         fallback="setting"))
