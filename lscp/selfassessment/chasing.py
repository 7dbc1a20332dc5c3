"""Chasing what is late, once a week per late item: returns not submitted by the deadline and
requests for more evidence not answered by their due date (`lscp selfassessment chase`, run
each working morning beside `lscp notices send`). Closed cycles are never chased.

The notice's occasion is the item and the week it is late in, so a daily run tells each
agency once a week, and an answered request stops at once.
"""

from __future__ import annotations

import datetime as dt

from lscp.notices.models import Kind
from lscp.notices.services import notify
from lscp.partnership.models import Partnership
from lscp.selfassessment.models import AssessmentStatus, EvidenceRequest, EvidenceStatus
from lscp.selfassessment.selectors import open_cycles


def _week(due: dt.date, today: dt.date) -> int:
    return (today - due).days // 7


def chase(partnership: Partnership, today: dt.date) -> int:
    """Notices made now (none for an item already chased this week)."""
    made = 0
    for cycle in open_cycles(partnership).filter(deadline__lt=today):
        late = cycle.assessments.filter(agency__isnull=False).exclude(
            status=AssessmentStatus.SUBMITTED).select_related("agency", "cycle__framework")
        for assessment in late:
            made += len(notify(kind=Kind.SELF_ASSESSMENT_CHASED, record=assessment, context={
                "what": "the return", "due": cycle.deadline,
                "occasion": f"return {cycle.deadline} week {_week(cycle.deadline, today)}"}))
    requests = EvidenceRequest.objects.filter(
        answer__assessment__cycle__partnership=partnership,
        answer__assessment__cycle__closed_on__isnull=True, answer__assessment__agency__isnull=False,
        answer__evidence_status=EvidenceStatus.MORE_ASKED, replied_on__isnull=True,
        due__lt=today).select_related("answer__standard", "answer__assessment__cycle")
    for request in requests:
        assert request.due is not None
        made += len(notify(kind=Kind.SELF_ASSESSMENT_CHASED, record=request.answer.assessment,
                           context={
            "what": f'the more evidence asked for on "{request.answer.standard.title}"',
            "due": request.due,
            "occasion": f"request {request.pk} week {_week(request.due, today)}"}))
    return made
