"""What self-assessment expects, and of whom (the expectations registry,
lscp/partnership/expectations.py): an agency owes its return by the cycle's deadline and
the more evidence it was asked for by the request's date; the business unit owes a review
of each submitted return and of each reply. A schools' audit is one item for the business
unit (settings have no accounts): how many settings have not finished."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.urls import reverse

from lscp.partnership.expectations import Expected
from lscp.partnership.models import Partnership
from lscp.selfassessment.models import Assessment, AssessmentStatus, Cycle, EvidenceStatus
from lscp.selfassessment.notices import assessment_url
from lscp.selfassessment.selectors import open_cycles

KIND = "self-assessment"
NOT_DONE: dict[str, str] = {AssessmentStatus.NOT_STARTED: "not started",
                            AssessmentStatus.IN_PROGRESS: "in progress"}
AWAITING_REVIEW = "awaiting review"
MORE_ASKED = "more evidence asked for"


def self_assessments_due(partnership: Partnership, today: dt.date) -> Iterator[Expected]:
    for cycle in open_cycles(partnership).select_related("framework"):
        found = cycle.assessments.select_related("agency", "setting").prefetch_related(
            "answers__requests", "answers__standard")
        late = cycle.deadline < today
        unfinished = 0
        for assessment in found:
            if assessment.setting_id is not None:
                unfinished += assessment.status != AssessmentStatus.SUBMITTED
                continue
            yield from _agency_items(cycle, assessment, today, late)
        if unfinished:
            yield Expected(
                kind=KIND, what=f"{cycle.title}: {unfinished} setting(s) not finished",
                agency=None, due=cycle.deadline, state="overdue" if late else "in progress",
                url=reverse("selfassessment:cycle", args=[cycle.code]), overdue=late)


def _agency_items(cycle: Cycle, assessment: Assessment, today: dt.date,
                  late: bool) -> Iterator[Expected]:
    """Its return while not submitted; then the business unit's review, and the more
    evidence the agency was asked for."""
    url = assessment_url(assessment)
    answers = list(assessment.answers.all())
    waiting: tuple[str, ...] = (EvidenceStatus.GIVEN,)  # a reply to review, submitted or not
    if assessment.status in NOT_DONE:
        yield Expected(kind=KIND, what=f"{cycle.title}: {assessment.respondent_name}",
                       agency=assessment.agency, due=cycle.deadline,
                       state="overdue" if late else NOT_DONE[assessment.status],
                       url=url, overdue=late)
    else:
        waiting = (EvidenceStatus.NOT_REVIEWED, EvidenceStatus.GIVEN)
    to_review = [a for a in answers if a.evidence_status in waiting]
    if to_review:
        yield Expected(kind=KIND, what=f"{cycle.title}: {assessment.respondent_name}",
                       agency=None, due=None, state=AWAITING_REVIEW, url=url,
                       note=f"{len(to_review)} answer(s) to review")
    for answer in answers:
        if answer.evidence_status != EvidenceStatus.MORE_ASKED:
            continue
        request = max(answer.requests.all(), key=lambda r: r.position, default=None)
        due = request.due if request else None
        overdue = due is not None and due < today
        yield Expected(kind=KIND, what=f"{cycle.title}: more evidence on {answer.standard.title}",
                       agency=assessment.agency, due=due,
                       state="overdue" if overdue else MORE_ASKED,
                       url=url + f"#standard-{answer.standard.code}", overdue=overdue)
