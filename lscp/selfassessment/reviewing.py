"""The business unit's side: evidence marked sufficient or more asked for (and the reply),
the moderation sample and its conclusions, and a challenge day's conclusions with the
agency's actions, which go into the action register as decisions of the day's meeting."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction

from lscp.assurance.models import Recommendation
from lscp.audit.history import acts_as
from lscp.meetings.services import action_arising_add, decision_add
from lscp.notices.models import Kind
from lscp.notices.services import notify
from lscp.partnership import access
from lscp.partnership.locking import claim_and_save
from lscp.partnership.models import Group, Meeting, MeetingKind
from lscp.partnership.records import next_position
from lscp.partnership.services import create_meeting
from lscp.selfassessment import sampling
from lscp.selfassessment.models import (
    Answer,
    Assessment,
    AssessmentStatus,
    ChallengeOutcome,
    Cycle,
    EvidenceRequest,
    EvidenceStatus,
    Moderation,
)
from lscp.selfassessment.services import NotAllowed, Refused

SUFFICIENT, MORE = "sufficient", "more"


def _may_review(by: Any, answer: Answer) -> None:
    """An answer is reviewed once it is rated and checked: most are after the return is
    submitted, but in a long cycle the business unit may start as answers come in."""
    if not access.can_run_self_assessment(by):
        raise NotAllowed("only the business unit reviews evidence")
    if not answer.rating or answer.carried_forward:
        raise Refused("the answer has not been rated yet")


@transaction.atomic
@acts_as("by")
def evidence_decide(*, answer: Answer, by: Any, seen_version: int, decision: str,
                    message: str, due: dt.date | None, today: dt.date) -> Answer:
    """Mark the evidence sufficient, or ask for more (the message says what); the agency is
    told of a request, and it is chased from its due date."""
    _may_review(by, answer)
    if decision == SUFFICIENT:
        return claim_and_save(answer, seen_version, evidence_status=EvidenceStatus.SUFFICIENT,
                              reviewed_on=today)
    if not message.strip():
        raise Refused("say what more is needed")
    claim_and_save(answer, seen_version, evidence_status=EvidenceStatus.MORE_ASKED,
                   reviewed_on=today)
    request = EvidenceRequest.objects.create(
        answer=answer, position=next_position(answer.requests.all()), message=message,
        asked_on=today, asked_by=by, due=due)
    if answer.assessment.agency_id is not None:  # a setting has no account to tell
        notify(kind=Kind.EVIDENCE_REQUESTED, record=request)
    return answer


@transaction.atomic
@acts_as("by")
def evidence_reply(*, answer: Answer, by: Any, seen_version: int, reply: str,
                   today: dt.date) -> EvidenceRequest:
    """The agency answers the open request: the answer goes back to the business unit."""
    if not access.can_edit_answer(by, answer) or answer.evidence_status != EvidenceStatus.MORE_ASKED:
        raise NotAllowed("there is no request for more evidence to reply to")
    request = answer.requests.filter(replied_on__isnull=True).order_by("-position").first()
    if request is None:
        raise Refused("there is no request for more evidence to reply to")
    claim_and_save(answer, seen_version, evidence_status=EvidenceStatus.GIVEN)
    request.reply, request.replied_on = reply, today
    request.save(update_fields=["reply", "replied_on"])
    notify(kind=Kind.EVIDENCE_GIVEN, record=request)
    return request


# Moderation ----------------------------------------------------------------------------------


@transaction.atomic
@acts_as("by")
def moderation_draw(*, cycle: Cycle, by: Any, size: int, today: dt.date) -> list[Moderation]:
    """Add `size` submitted returns not yet in the sample, chosen reproducibly
    (lscp.selfassessment.sampling): the same returns give the same sample anywhere."""
    if not access.can_run_self_assessment(by):
        raise NotAllowed("only the business unit moderates")
    drawn = set(cycle.moderations.values_list("assessment_id", flat=True))
    pool = {a.respondent_code: a for a in cycle.assessments.filter(
        status=AssessmentStatus.SUBMITTED).select_related("agency", "setting")
            if a.pk not in drawn}
    if not pool:
        raise Refused("every submitted return is in the sample already" if drawn
                      else "no return has been submitted yet")
    seed = sampling.seed_for(cycle.partnership.slug, cycle.code, len(drawn))
    start = next_position(cycle.moderations.all())
    return [Moderation.objects.create(cycle=cycle, assessment=pool[code], position=start + n,
                                      drawn_on=today)
            for n, code in enumerate(sampling.draw(list(pool), size, seed))]


@transaction.atomic
@acts_as("by")
def moderation_record(*, moderation: Moderation, by: Any, seen_version: int, outcome: str,
                      conclusion: str, today: dt.date) -> Moderation:
    """The moderator's conclusion on a return in the sample."""
    if not access.can_run_self_assessment(by):
        raise NotAllowed("only the business unit moderates")
    return claim_and_save(moderation, seen_version, outcome=outcome, conclusion=conclusion,
                          moderated_on=today, moderated_by=by)


# Challenge day -------------------------------------------------------------------------------


def _meeting(group: Group, day: dt.date) -> Meeting:
    found = group.meetings.filter(date=day).first()
    return found or create_meeting(group=group, date=day, kind=MeetingKind.EXTRAORDINARY)


@transaction.atomic
@acts_as("by")
def challenge_outcome_add(*, assessment: Assessment, by: Any, group: Group, held_on: dt.date,
                          conclusion: str,
                          actions: Sequence[tuple[str, dt.date | None]] = ()) -> ChallengeOutcome:
    """The panel's conclusion on one agency's return, recorded as a decision of the challenge
    day (a meeting of `group` on `held_on`, made if there is none), with the agency's actions
    arising from it: they are in the action register from now on."""
    if not access.can_run_self_assessment(by):
        raise NotAllowed("only the business unit records a challenge day")
    if assessment.agency is None:
        raise Refused("a challenge day hears partner agencies")
    if group.partnership_id != assessment.cycle.partnership_id:
        raise Refused("choose one of the partnership's groups")
    decision: Recommendation = decision_add(meeting=_meeting(group, held_on),
                                            text=conclusion, by=by)
    for text, due in actions:
        if text.strip():
            action_arising_add(decision=decision, text=text, owner=assessment.agency, due=due,
                               by=by)
    return ChallengeOutcome.objects.create(assessment=assessment, decision=decision)
