"""Changing a meeting's business: agenda items, minutes, decisions and actions arising, and
a group's quorum rule. Keyword-only; edits of existing records claim their version."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from lscp.assurance.models import Action, Recommendation
from lscp.audit.history import acts_as
from lscp.meetings.models import AgendaItem, Minutes, QuorumRule
from lscp.partnership.locking import claim_and_save
from lscp.partnership.models import Agency, Group, Meeting
from lscp.partnership.records import mark_withdrawn, next_position

CODE_LENGTH = 60  # Recommendation.code


@transaction.atomic
@acts_as("by")
def agenda_item_add(*, meeting: Meeting, title: str, presenter: str, by: Any) -> AgendaItem:
    return AgendaItem.objects.create(
        meeting=meeting, position=next_position(AgendaItem.objects.filter(meeting=meeting)),
        title=title, presenter=presenter)


@transaction.atomic
@acts_as("by")
def agenda_item_update(*, item: AgendaItem, title: str, presenter: str, minutes: str,
                       seen_version: int, by: Any) -> AgendaItem:
    return claim_and_save(item, seen_version, title=title, presenter=presenter, minutes=minutes)


@transaction.atomic
@acts_as("by")
def agenda_item_withdraw(*, item: AgendaItem, reason: str, seen_version: int, by: Any,
                         today: dt.date) -> AgendaItem:
    return mark_withdrawn(item, seen_version=seen_version, reason=reason, by=by, today=today)


@transaction.atomic
@acts_as("by")
def minutes_save(*, meeting: Meeting, text: str, seen_version: int, by: Any) -> Minutes:
    """The first save makes the minutes (at version 0, which the empty form carries), so two
    people writing the first minutes at once are told just as two editing them are."""
    minutes, _ = Minutes.objects.get_or_create(meeting=meeting)
    return claim_and_save(minutes, seen_version, text=text)


def next_decision_code(meeting: Meeting) -> str:
    """"board-2021-06-16-3": the group, the day and a number, unique in the partnership."""
    stem = f"{meeting.group.code[:CODE_LENGTH - 16]}-{meeting.date.isoformat()}"
    taken = set(Recommendation.objects.filter(partnership=meeting.group.partnership,
                                              code__startswith=stem)
                .values_list("code", flat=True))
    number = Recommendation.objects.filter(meeting=meeting).count() + 1
    while f"{stem}-{number}" in taken:
        number += 1
    return f"{stem}-{number}"


@transaction.atomic
@acts_as("by")
def decision_add(*, meeting: Meeting, text: str, by: Any) -> Recommendation:
    """A decision of the meeting: a recommendation whose source is the meeting."""
    return Recommendation.objects.create(partnership=meeting.group.partnership,
                                         code=next_decision_code(meeting), meeting=meeting,
                                         text=text)


@transaction.atomic
@acts_as("by")
def action_arising_add(*, decision: Recommendation, text: str, owner: Agency,
                       due: dt.date | None, by: Any) -> Action:
    """An action arising from a decision, owned by an agency: it is in the action register
    (and its reminders) from now on."""
    if decision.meeting_id is None:
        raise ValueError("actions arising hang from a meeting's decision")
    if owner.partnership_id != decision.partnership_id:
        raise ValueError("the owner must be an agency of the partnership")
    return Action.objects.create(
        recommendation=decision, position=next_position(decision.actions.all()), text=text,
        owner=owner, due=due)


@transaction.atomic
@acts_as("by")
def quorum_rule_save(*, group: Group, min_seats: int | None, min_agencies: int | None,
                     seen_version: int, by: Any) -> QuorumRule:
    rule, _ = QuorumRule.objects.get_or_create(group=group)
    return claim_and_save(rule, seen_version, min_seats=min_seats, min_agencies=min_agencies)
