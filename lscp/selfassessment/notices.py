"""What the notices about self-assessments say and to whom, added to the notices' registry.

Like every notice, they name the cycle, the agency, the standard and dates, never what
anyone typed (a narrative, the business unit's message): those are read in the app, behind
its permission checks.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from lscp.notices import recipients
from lscp.notices.events import EVENTS, Event, Message
from lscp.notices.models import Kind
from lscp.selfassessment.models import Assessment, EvidenceRequest


def assessment_url(assessment: Assessment) -> str:
    return reverse("selfassessment:assessment",
                   args=[assessment.cycle.code, assessment.respondent_code])


def _date(day: Any) -> str:
    return f"{day:%-d %B %Y}" if day else "no date"


def _agency_of(record: Any, context: dict[str, Any]) -> list[Any]:
    assessment = record if isinstance(record, Assessment) else record.answer.assessment
    return recipients.contributors_or_business_unit(assessment.cycle.partnership,
                                                    assessment.agency)


def _business_unit(request: EvidenceRequest, context: dict[str, Any]) -> list[Any]:
    return recipients.business_unit(request.answer.assessment.cycle.partnership)


def _opened(assessment: Assessment, context: dict[str, Any]) -> Message:
    cycle = assessment.cycle
    carried = (" Your answers and evidence from the last cycle are carried forward: check each "
               "one." if assessment.carried_from_id else "")
    return Message(
        subject=f"Self-assessment opened: {cycle.title}",
        body=(f"The business unit asks {assessment.respondent_name} to rate itself against the "
              f"standards of the {cycle.framework.title} by {_date(cycle.deadline)}.{carried} "
              "Complete it in LSCP Insight."),
        url=assessment_url(assessment))


def _requested(request: EvidenceRequest, context: dict[str, Any]) -> Message:
    answer = request.answer
    return Message(
        subject=f"More evidence asked for: {answer.standard.title}",
        body=(f"The business unit asks {answer.assessment.respondent_name} for more narrative or "
              f"evidence on the standard \"{answer.standard.title}\" of "
              f"{answer.assessment.cycle.title}, by {_date(request.due)}. Read what is asked "
              "and reply in LSCP Insight."),
        url=assessment_url(answer.assessment) + f"#standard-{answer.standard.code}")


def _given(request: EvidenceRequest, context: dict[str, Any]) -> Message:
    answer = request.answer
    return Message(
        subject=f"More evidence given: {answer.assessment.respondent_name}",
        body=(f"{answer.assessment.respondent_name} replied on {_date(request.replied_on)} to the "
              f"request for more evidence on \"{answer.standard.title}\" ({answer.assessment.cycle.title})."
              " Review it in LSCP Insight."),
        url=assessment_url(answer.assessment) + f"#standard-{answer.standard.code}")


def _chased(assessment: Assessment, context: dict[str, Any]) -> Message:
    return Message(
        subject=f"Self-assessment overdue: {assessment.cycle.title}",
        body=(f"{context['what'][:1].upper()}{context['what'][1:]} for "
              f"{assessment.respondent_name} ({assessment.cycle.title}) was due on "
              f"{_date(context['due'])}. Please complete it in LSCP Insight."),
        url=assessment_url(assessment))


def _partnership(record: Any) -> Any:
    assessment = record if isinstance(record, Assessment) else record.answer.assessment
    return assessment.cycle.partnership


def register_events() -> None:
    for event in (
        Event(Kind.SELF_ASSESSMENT_OPENED, _partnership, _agency_of, _opened),
        Event(Kind.EVIDENCE_REQUESTED, _partnership, _agency_of, _requested),
        Event(Kind.EVIDENCE_GIVEN, _partnership, _business_unit, _given),
        Event(Kind.SELF_ASSESSMENT_CHASED, _partnership, _agency_of, _chased,
              lambda record, context: str(context["occasion"])),
    ):
        EVENTS[event.kind] = event
