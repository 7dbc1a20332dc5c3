"""Reading a meeting's business: agenda, papers, minutes, decisions, quorum."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from lscp.assurance.models import Action, Recommendation
from lscp.meetings.models import AgendaItem, Minutes, QuorumRule
from lscp.meetings.quorum import Quorum
from lscp.partnership.models import ATTENDED, Group, Meeting
from lscp.partnership.services import seats_for_meeting


def agenda(meeting: Meeting) -> QuerySet[AgendaItem]:
    return AgendaItem.objects.current().filter(meeting=meeting).order_by("position")


def minutes_of(meeting: Meeting) -> Minutes | None:
    return Minutes.objects.filter(meeting=meeting).first()


def decisions(meeting: Meeting) -> QuerySet[Recommendation]:
    """The meeting's decisions, each with its actions arising."""
    actions = Action.objects.current().select_related("owner").order_by("position")
    return (Recommendation.objects.current().filter(meeting=meeting).order_by("pk")
            .prefetch_related(Prefetch("actions", queryset=actions, to_attr="arising")))


def rule_of(group: Group) -> QuorumRule | None:
    return QuorumRule.objects.filter(group=group).first()


def quorum(meeting: Meeting) -> Quorum:
    seats = seats_for_meeting(meeting)
    held = {s.pk: s for s in seats}
    register: dict[int, Any] = {a.seat_id: a.status for a in meeting.attendances.all()}
    present = [held[pk] for pk, status in register.items() if pk in held and status in ATTENDED]
    rule = rule_of(meeting.group)
    return Quorum(seats=len(seats), present=len(present),
                  agencies_present=len({s.agency_id for s in present}),
                  min_seats=rule.min_seats if rule else None,
                  min_agencies=rule.min_agencies if rule else None,
                  recorded=bool(register))
