"""The review workflow shared by everything partners send the business unit.

draft -> submitted -> approved, or returned with a reason; an approved record changes only
by reopening it, with a reason. Agency submissions use it today; partner contributions and
self-assessments follow the same steps, so the steps and their rules live here once.

A record taking part has `status`, `return_reason` and `version` fields and an `events`
relation whose rows take `action`, `by` and `note` (see dataset.SubmissionEvent).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import models, transaction

from lscp.audit.history import acts_as
from lscp.partnership.locking import StaleEdit, claim


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    APPROVED = "approved", "Approved"
    RETURNED = "returned", "Returned"


EDITABLE = (Status.DRAFT, Status.RETURNED)  # the sender may still change the record


class WorkflowError(Exception):
    """A step that the record's state does not allow; the message is for the user."""


@dataclass(frozen=True)
class Step:
    action: str  # the past tense kept in the record's history: "submitted", "returned"
    allowed_from: tuple[Status, ...]
    to: Status
    reason_needed: str = ""  # the message when a reason is needed and missing


SUBMIT = Step("submitted", EDITABLE, Status.SUBMITTED)
APPROVE = Step("approved", (Status.SUBMITTED,), Status.APPROVED)
RETURN = Step("returned", (Status.SUBMITTED,), Status.RETURNED,
              reason_needed="give the reason for returning it")
REOPEN = Step("reopened", (Status.APPROVED,), Status.RETURNED,
              reason_needed="give the reason for reopening it")


def is_editable(record: Any) -> bool:
    return record.status in EDITABLE


@transaction.atomic
@acts_as("by")  # the record's history says who, in a request or not
def advance(record: Any, step: Step, *, by: Any, reason: str = "", note: str = "") -> None:
    """Move `record` on by `step`, keeping who did it and why in its history.

    `reason` is the sender's to read (why it was returned); `note` only goes in the history
    (where computed values came from).
    """
    reason = reason.strip()
    if step.reason_needed and not reason:
        raise WorkflowError(step.reason_needed)
    noun = record._meta.verbose_name
    if record.status not in step.allowed_from:
        state = record.get_status_display().lower()
        article = "an" if state[0] in "aeiou" else "a"
        raise WorkflowError(f"{article} {state} {noun} cannot be {step.action}")
    try:
        claim(record, record.version)  # the status read above is still the stored one
    except StaleEdit:
        raise WorkflowError(f"someone else changed this {noun} meanwhile: look at it again "
                            "before you decide") from None
    record.status = step.to
    record.return_reason = reason if step.to == Status.RETURNED else ""
    record.save(update_fields=["status", "return_reason", "updated_at"])
    record.events.create(action=step.action, by=by, note=reason or note)
