"""What is due, told once: the reminders `lscp notices send` sends each morning.

Actions due soon or overdue (the learning register's reminders, one part of this) go to the
owning agency; statutory clocks of case reviews due within 5 working days or overdue go to
the business unit. The unique key of each notice is what makes a daily run safe: it tells
only what is new since the last (a new state, a new due date).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import models

from lscp.assurance.models import CaseReview
from lscp.assurance.services import send_reminders
from lscp.insight.clocks import ClockState
from lscp.notices.models import Kind
from lscp.notices.services import notify
from lscp.partnership.models import Partnership

CLOCK_KINDS = {ClockState.DUE_SOON: Kind.CLOCK_DUE_SOON, ClockState.OVERDUE: Kind.CLOCK_OVERDUE}


@dataclass(frozen=True)
class Sent:
    actions: int
    clocks: int


def current(queryset: models.QuerySet[CaseReview]) -> models.QuerySet[CaseReview]:
    """Withdrawn records are never chased (where the register can withdraw them)."""
    names = {f.name for f in queryset.model._meta.get_fields()}
    return queryset.filter(withdrawn_on__isnull=True) if "withdrawn_on" in names else queryset


def clocks_due(partnership: Partnership, today: dt.date) -> int:
    """Tell the business unit about each open statutory clock due soon or overdue; how many
    notices were made."""
    made = 0
    for review in current(CaseReview.objects.filter(partnership=partnership)):
        for milestone in review.milestones():
            kind = CLOCK_KINDS.get(milestone.state(today))
            if kind is not None:
                made += len(notify(kind=kind, record=review, context={"milestone": milestone}))
    return made


def send_due(partnership: Partnership, today: dt.date) -> Sent:
    return Sent(actions=len(send_reminders(partnership, today)),
                clocks=clocks_due(partnership, today))
