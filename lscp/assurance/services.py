"""Changes to actions and challenges, and the reminders about actions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction

from lscp.assurance.models import Action, ActionStatus, Challenge, ReminderSent
from lscp.audit.history import acts_as
from lscp.insight.working_days import working_days_between
from lscp.notices.models import Kind
from lscp.notices.services import notify
from lscp.partnership.access import action_statuses_for
from lscp.partnership.locking import claim
from lscp.partnership.models import Agency, Partnership

DUE_SOON_WORKING_DAYS = 10


class NotAllowed(Exception):
    pass


@transaction.atomic
@acts_as("user")
def action_update(*, action: Action, user: Any, status: str, evidence: str, impact: str,
                  seen_version: int, today: dt.date) -> Action:
    """Record progress on an action, unless someone saved it since the form was opened."""
    if status not in action_statuses_for(user, action):
        raise NotAllowed(f"you may not set this action to {status}")
    claim(action, seen_version)
    action.refresh_from_db()
    action.status = status
    action.evidence = evidence
    action.impact = impact
    if status in (ActionStatus.DONE, ActionStatus.EVIDENCE_ACCEPTED):
        action.completed_on = action.completed_on or today
    else:
        action.completed_on = None
    action.save(update_fields=["status", "evidence", "impact", "completed_on"])
    return action


@transaction.atomic
@acts_as("by")
def challenge_raise(*, partnership: Partnership, by: Any, raised_by: str,
                    to_agency: Agency | None, raised_on: dt.date, challenge: str) -> Challenge:
    """Add a challenge to the impact log with the next free number ("challenge-7"), recording
    the signed-in person `by` beside the capacity they raised it in (`raised_by`)."""
    raised = Challenge.objects.create(
        partnership=partnership, code=_next_challenge_code(partnership), raised_by=raised_by,
        raised_by_user=by, to_agency=to_agency, raised_on=raised_on, challenge=challenge)
    notify(kind=Kind.CHALLENGE_RAISED, record=raised)
    return raised


def _next_challenge_code(partnership: Partnership) -> str:
    """One more than the count, skipping numbers already taken by imported challenges."""
    taken = set(partnership.challenges.values_list("code", flat=True))
    number = len(taken) + 1
    while f"challenge-{number}" in taken:
        number += 1
    return f"challenge-{number}"


@transaction.atomic
def challenge_respond(*, challenge: Challenge, seen_version: int, response: str, outcome: str,
                      impact: str, status: str, closed_on: dt.date | None) -> Challenge:
    """Record the partners' response, unless someone saved the challenge since it opened."""
    claim(challenge, seen_version)
    challenge.response, challenge.outcome, challenge.impact = response, outcome, impact
    challenge.status, challenge.closed_on = status, closed_on
    challenge.save(update_fields=["response", "outcome", "impact", "status", "closed_on"])
    notify(kind=Kind.CHALLENGE_ANSWERED, record=challenge)
    return challenge


def _reminder_kind(action: Action, today: dt.date) -> str | None:
    if action.due is None or action.status not in (ActionStatus.NOT_STARTED,
                                                    ActionStatus.IN_PROGRESS):
        return None
    if action.due < today:
        return "overdue"
    if working_days_between(today, action.due) <= DUE_SOON_WORKING_DAYS:
        return "due soon"
    return None


def send_reminders(partnership: Partnership, today: dt.date) -> list[ReminderSent]:
    """Tell each due-soon or overdue action's owner once per state (lscp.notices).

    A reminder is recorded per action, kind and status: running this every day sends
    nothing new until an action changes state (say, from in progress to overdue, or back
    to in progress after its evidence was returned).
    """
    sent = []
    actions = Action.objects.filter(recommendation__partnership=partnership).select_related(
        "owner", "recommendation__partnership")
    for action in actions:
        kind = _reminder_kind(action, today)
        if kind is None:
            continue
        try:
            with transaction.atomic():
                record = ReminderSent.objects.create(action=action, kind=kind,
                                                     status=action.status)
        except IntegrityError:
            continue  # already reminded about this state
        # In the app and by email, as each person chose (lscp.notices.events says what).
        notify(kind=Kind.ACTION_OVERDUE if kind == "overdue" else Kind.ACTION_DUE_SOON,
               record=action)
        sent.append(record)
    return sent
