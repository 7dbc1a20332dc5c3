"""What each kind of notice says and to whom: one small builder per kind.

Bodies are plain text with a link, and name the record by its code, agency and dates only:
never a child's pseudonym or any free text typed into the record (a return reason, a
challenge's words), which the person reads in the app, behind its permission checks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse

from lscp.insight.periods import parse_period
from lscp.notices import recipients
from lscp.notices.models import Kind
from lscp.partnership.models import Partnership


@dataclass(frozen=True)
class Message:
    subject: str
    body: str
    url: str  # a path in the app


@dataclass(frozen=True)
class Event:
    kind: Kind
    partnership: Callable[[Any], Partnership]
    recipients: Callable[[Any, dict[str, Any]], list[Any]]
    message: Callable[[Any, dict[str, Any]], Message]
    occasion: Callable[[Any, dict[str, Any]], str] = field(default=lambda record, context: "")


def _date(day: Any) -> str:
    return f"{day:%-d %B %Y}" if day else "no date"


# Agency submissions ----------------------------------------------------------------------


def _submission_to(submission: Any, context: dict[str, Any]) -> list[Any]:
    return recipients.contributors(submission.partnership, submission.agency)


def _last_step(submission: Any, context: dict[str, Any]) -> str:
    """The workflow step told about: a second return after a resubmission is a new event."""
    last = submission.events.order_by("-pk").first()
    return f"event {last.pk}" if last else f"version {submission.version}"


def _submission_message(verb: str, then: str) -> Callable[[Any, dict[str, Any]], Message]:
    def message(submission: Any, context: dict[str, Any]) -> Message:
        what = f"{submission.agency.name} figures for {parse_period(submission.period).label}"
        return Message(
            subject=f"Figures {verb}: {what}",
            body=f"The business unit {verb} the {what}. {then}",
            url=reverse("dataset:submission_detail", args=[submission.pk]))
    return message


# Challenges ------------------------------------------------------------------------------


def _challenge_raised_to(challenge: Any, context: dict[str, Any]) -> list[Any]:
    found = recipients.contributors_or_business_unit(challenge.partnership, challenge.to_agency)
    return [u for u in found if u.pk != challenge.raised_by_user_id]


def _challenge_answered_to(challenge: Any, context: dict[str, Any]) -> list[Any]:
    found = recipients.business_unit(challenge.partnership)
    raiser = challenge.raised_by_user
    if raiser is not None and raiser.is_active and raiser.pk not in {u.pk for u in found}:
        found.insert(0, raiser)
    return found


def _challenge_raised(challenge: Any, context: dict[str, Any]) -> Message:
    to = challenge.to_agency.name if challenge.to_agency else "the partnership"
    return Message(
        subject=f"Challenge raised to {to}",
        body=(f"{challenge.raised_by} raised a challenge ({challenge.code}) to {to} on "
              f"{_date(challenge.raised_on)}. Read it and record the response in LSCP Insight."),
        url=reverse("assurance:challenges"))


def _challenge_answered(challenge: Any, context: dict[str, Any]) -> Message:
    return Message(
        subject=f"Challenge answered: {challenge.code}",
        body=(f"The response to the challenge {challenge.code}, raised on "
              f"{_date(challenge.raised_on)}, has been recorded; the challenge is "
              f"{challenge.get_status_display().lower()}. Read it in LSCP Insight."),
        url=reverse("assurance:challenges"))


def _challenge_version(challenge: Any, context: dict[str, Any]) -> str:
    return f"version {challenge.version}"  # each recorded response is its own event


# Actions -----------------------------------------------------------------------------------


def _action_to(action: Any, context: dict[str, Any]) -> list[Any]:
    return recipients.contributors_or_business_unit(action.recommendation.partnership,
                                                    action.owner)


def _source(recommendation: Any) -> str:
    """Where an action came from, by code: a review's pseudonym stays in the app."""
    if recommendation.review_id:
        review = recommendation.review
        return f"{review.get_kind_display()} {review.code}"
    if recommendation.audit_id:
        return f"Audit: {recommendation.audit.topic}"
    if recommendation.meeting_id:
        return f"Meeting: {recommendation.meeting}"
    return "Child Death Overview Panel"


def _action_message(state: str) -> Callable[[Any, dict[str, Any]], Message]:
    def message(action: Any, context: dict[str, Any]) -> Message:
        return Message(
            subject=f"Action {state}: {action.text[:60]}",
            body=(f"The action below, owned by {action.owner.name}, is {state} "
                  f"(due {_date(action.due)}).\n\n{action.text}\n\n"
                  f"From: {_source(action.recommendation)}\n"
                  "Please update its status and evidence in LSCP Insight."),
            url=reverse("assurance:action_detail", args=[action.pk]))
    return message


def _action_state(action: Any, context: dict[str, Any]) -> str:
    """Once per status and due date: a new status or an extended date is told again."""
    return f"{action.status} {action.due.isoformat() if action.due else ''}".strip()


# Statutory clocks --------------------------------------------------------------------------


def _clock_to(review: Any, context: dict[str, Any]) -> list[Any]:
    return recipients.business_unit(review.partnership)


def _clock_message(state: str) -> Callable[[Any, dict[str, Any]], Message]:
    def message(review: Any, context: dict[str, Any]) -> Message:
        milestone = context["milestone"]
        return Message(
            subject=f"Statutory clock {state}: {milestone.name}",
            body=(f"{milestone.name} for the {review.get_kind_display().lower()} {review.code} "
                  f"is {state} (due {_date(milestone.due)}). Record the date it was done in "
                  "LSCP Insight."),
            url=reverse("assurance:review_detail", args=[review.code]))
    return message


def _clock_occasion(review: Any, context: dict[str, Any]) -> str:
    milestone = context["milestone"]
    return f"{milestone.name[:120]} {milestone.due.isoformat()}"


def _own(record: Any) -> Partnership:
    return record.partnership  # type: ignore[no-any-return]


EVENTS: dict[str, Event] = {e.kind: e for e in [
    Event(Kind.SUBMISSION_RETURNED, _own, _submission_to,
          _submission_message("returned", "Read the reason, correct them and send them again."),
          _last_step),
    Event(Kind.SUBMISSION_APPROVED, _own, _submission_to,
          _submission_message("approved", "Nothing more is needed for them."), _last_step),
    Event(Kind.CHALLENGE_RAISED, _own, _challenge_raised_to, _challenge_raised),
    Event(Kind.CHALLENGE_ANSWERED, _own, _challenge_answered_to, _challenge_answered,
          _challenge_version),
    Event(Kind.ACTION_DUE_SOON, lambda a: a.recommendation.partnership, _action_to,
          _action_message("due soon"), _action_state),
    Event(Kind.ACTION_OVERDUE, lambda a: a.recommendation.partnership, _action_to,
          _action_message("overdue"), _action_state),
    Event(Kind.CLOCK_DUE_SOON, _own, _clock_to, _clock_message("due soon"), _clock_occasion),
    Event(Kind.CLOCK_OVERDUE, _own, _clock_to, _clock_message("overdue"), _clock_occasion),
]}
