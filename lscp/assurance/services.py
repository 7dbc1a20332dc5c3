"""Changes to actions, and the reminders about them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.mail import send_mail
from django.db import IntegrityError, transaction

from lscp.assurance.models import Action, ActionStatus, ReminderSent
from lscp.insight.working_days import working_days_between
from lscp.partnership.access import membership_of
from lscp.partnership.locking import claim
from lscp.partnership.models import Membership, Partnership, Role

DUE_SOON_WORKING_DAYS = 10


class NotAllowed(Exception):
    pass


def statuses_for(user: Any, action: Action) -> list[str]:
    """What this user may set the action's status to; empty when they may not edit it.

    The owning agency reports progress and evidence; only the business unit accepts the
    evidence (and may return it by setting the action back in progress).
    """
    membership = membership_of(user)
    if membership is None or membership.partnership_id != action.recommendation.partnership_id:
        return []
    reportable: list[str] = [ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS, ActionStatus.DONE]
    if membership.role == Role.BUSINESS_UNIT:
        return [*reportable, ActionStatus.EVIDENCE_ACCEPTED]
    if membership.role == Role.AGENCY_CONTRIBUTOR and membership.agency_id == action.owner_id:
        if action.status == ActionStatus.EVIDENCE_ACCEPTED:
            return []  # accepted evidence is closed to the agency
        return reportable
    return []


@transaction.atomic
def update_action(action: Action, user: Any, *, status: str, evidence: str, impact: str,
                  seen_version: int, today: dt.date) -> Action:
    allowed = statuses_for(user, action)
    if status not in allowed:
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
def respond_to_challenge(form: Any) -> None:
    """Save a challenge response form, unless someone saved the challenge since it opened."""
    claim(form.instance, form.cleaned_data["version"])
    form.save()


def _reminder_kind(action: Action, today: dt.date) -> str | None:
    if action.due is None or action.status not in (ActionStatus.NOT_STARTED,
                                                    ActionStatus.IN_PROGRESS):
        return None
    if action.due < today:
        return "overdue"
    if working_days_between(today, action.due) <= DUE_SOON_WORKING_DAYS:
        return "due soon"
    return None


def _recipients(action: Action) -> list[str]:
    """The owning agency's contributors; the business unit when the agency has none."""
    members = Membership.objects.filter(partnership=action.recommendation.partnership)
    owners = members.filter(role=Role.AGENCY_CONTRIBUTOR, agency=action.owner)
    chosen = owners if owners.exists() else members.filter(role=Role.BUSINESS_UNIT)
    return sorted({m.user.email for m in chosen.select_related("user") if m.user.email})


def send_reminders(partnership: Partnership, today: dt.date) -> list[ReminderSent]:
    """Email each due-soon or overdue action's owner once per state.

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
        recipients = _recipients(action)
        if recipients:
            send_mail(
                subject=f"Action {kind}: {action.text[:60]}",
                message=(f"The action below, owned by {action.owner.name}, is {kind} "
                         f"(due {action.due:%-d %B %Y}).\n\n{action.text}\n\n"
                         f"From: {action.recommendation.source}\n"
                         "Please update its status and evidence in LSCP Insight."),
                from_email=None,
                recipient_list=recipients,
            )
        sent.append(record)
    return sent
