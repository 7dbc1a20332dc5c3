"""Creating, editing and withdrawing the learning registers' records, and due-date extensions.

Every edit claims the version the form was opened at (`locking.claim`), so of two people
saving the same record one is told to reload. Nothing is deleted: a withdrawal keeps the row
and its history, with who withdrew it, when and why.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models, transaction

from lscp.assurance.models import (
    Action,
    Audit,
    AuditFinding,
    CaseReview,
    Challenge,
    ChallengeStatus,
    ChildDeathYear,
    ExtensionRequest,
    ExtensionStatus,
    LearningPoint,
    Recommendation,
    Risk,
)
from lscp.audit.history import acts_as
from lscp.partnership.locking import claim
from lscp.partnership.models import Partnership, ReportingYear
from lscp.partnership.records import mark_withdrawn, next_position, unique_code


def _set(record: models.Model, fields: dict[str, Any]) -> None:
    """Plain fields onto the record; many-to-many ones (lists) once it has an id."""
    many = {k: v for k, v in fields.items() if isinstance(v, list | models.QuerySet)}
    for name, value in fields.items():
        if name not in many:
            setattr(record, name, value)
    record.save()
    for name, value in many.items():
        getattr(record, name).set(value)


def _edit(record: Any, seen_version: int, fields: dict[str, Any]) -> Any:
    claim(record, seen_version)
    record.refresh_from_db()
    _set(record, fields)
    return record


# Case reviews and their learning ---------------------------------------------------------


@transaction.atomic
@acts_as("by")
def review_create(*, partnership: Partnership, by: Any, code: str, pseudonym: str,
                  **fields: Any) -> CaseReview:
    review = CaseReview(partnership=partnership, pseudonym=pseudonym, code=unique_code(
        CaseReview.objects.filter(partnership=partnership), pseudonym, wanted=code,
        fallback="review"))
    _set(review, fields)
    return review


@transaction.atomic
@acts_as("by")
def review_update(*, review: CaseReview, by: Any, seen_version: int,
                  **fields: Any) -> CaseReview:
    return _edit(review, seen_version, fields)  # type: ignore[no-any-return]


@transaction.atomic
@acts_as("by")
def learning_add(*, review: CaseReview, by: Any, text: str) -> LearningPoint:
    return LearningPoint.objects.create(review=review, text=text,
                                        position=next_position(review.learning.all()))


@transaction.atomic
@acts_as("by")
def text_update(*, record: LearningPoint | AuditFinding, by: Any, seen_version: int,
                text: str) -> Any:
    """A learning point's or an audit finding's words."""
    return _edit(record, seen_version, {"text": text})


@transaction.atomic
@acts_as("by")
def move(*, record: LearningPoint | AuditFinding, by: Any, up: bool) -> None:
    """Swap a learning point or finding with its current neighbour above or below."""
    siblings = type(record).objects.current().filter(
        **{record.parent_field: getattr(record, record.parent_field)})
    neighbour = (siblings.filter(position__lt=record.position).order_by("-position") if up
                 else siblings.filter(position__gt=record.position).order_by("position")).first()
    if neighbour is None:
        return
    mine, theirs = record.position, neighbour.position
    parked = next_position(siblings.model.objects.filter(
        **{record.parent_field: getattr(record, record.parent_field)}))
    record.position = parked  # off the unique (parent, position) pair while swapping
    record.save(update_fields=["position"])
    neighbour.position = mine
    neighbour.save(update_fields=["position"])
    record.position = theirs
    record.save(update_fields=["position"])


# Recommendations and actions -------------------------------------------------------------


@transaction.atomic
@acts_as("by")
def recommendation_add(*, partnership: Partnership, by: Any, code: str, text: str,
                       review: CaseReview | None = None, audit: Audit | None = None,
                       child_deaths: ChildDeathYear | None = None) -> Recommendation:
    """A recommendation of exactly one review, audit or child death overview year."""
    sources = [s for s in (review, audit, child_deaths) if s is not None]
    if len(sources) != 1:
        raise ValueError("a recommendation comes from exactly one review, audit or CDOP year")
    return Recommendation.objects.create(
        partnership=partnership, review=review, audit=audit, child_deaths=child_deaths,
        text=text, code=unique_code(Recommendation.objects.filter(partnership=partnership),
                                    text[:40], wanted=code, fallback="recommendation"))


@transaction.atomic
@acts_as("by")
def recommendation_update(*, recommendation: Recommendation, by: Any, seen_version: int,
                          text: str) -> Recommendation:
    return _edit(recommendation, seen_version, {"text": text})  # type: ignore[no-any-return]


@transaction.atomic
@acts_as("by")
def action_add(*, recommendation: Recommendation, by: Any, text: str, owner: Any,
               due: dt.date) -> Action:
    return Action.objects.create(recommendation=recommendation, text=text, owner=owner, due=due,
                                 position=next_position(recommendation.actions.all()))


@transaction.atomic
@acts_as("by")
def action_change(*, action: Action, by: Any, seen_version: int, text: str, owner: Any,
                  due: dt.date) -> Action:
    """The business unit rewords an action, hands it to another agency or moves its date."""
    return _edit(action, seen_version, {"text": text, "owner": owner,  # type: ignore[no-any-return]
                                        "due": due})


class Refused(Exception):
    """Not now: the request was decided already, or the challenge closed meanwhile."""


@transaction.atomic
@acts_as("by")
def extension_request(*, action: Action, by: Any, new_due: dt.date, reason: str,
                      today: dt.date) -> ExtensionRequest:
    """The owning agency asks for `new_due`; one request waits at a time."""
    if action.extensions.filter(status=ExtensionStatus.PENDING).exists():
        raise Refused("a request for this action is already waiting for a decision")
    return ExtensionRequest.objects.create(action=action, requested_by=by, requested_on=today,
                                           due_before=action.due, new_due=new_due, reason=reason)


@transaction.atomic
@acts_as("by")
def extension_decide(*, request: ExtensionRequest, by: Any, seen_version: int, decision: str,
                     note: str, today: dt.date) -> ExtensionRequest:
    """Approve (the due date moves; the first one is kept) or refuse, once."""
    claim(request, seen_version)
    request.refresh_from_db()
    if request.status != ExtensionStatus.PENDING:
        raise Refused("this request was decided already")
    request.status, request.decided_by, request.decided_on = decision, by, today
    request.decision_note = note
    request.save()
    if decision == ExtensionStatus.APPROVED:
        action = request.action
        claim(action, Action.objects.get(pk=action.pk).version)  # open edit forms go stale
        action.refresh_from_db()
        action.original_due = action.original_due or action.due
        action.due = request.new_due
        action.save(update_fields=["original_due", "due"])
    return request


# Audits, risks, challenges, child deaths -------------------------------------------------


@transaction.atomic
@acts_as("by")
def audit_create(*, partnership: Partnership, by: Any, code: str, topic: str,
                 **fields: Any) -> Audit:
    audit = Audit(partnership=partnership, topic=topic, code=unique_code(
        Audit.objects.filter(partnership=partnership), topic, wanted=code, fallback="audit"))
    _set(audit, fields)
    return audit


@transaction.atomic
@acts_as("by")
def audit_update(*, audit: Audit, by: Any, seen_version: int, **fields: Any) -> Audit:
    return _edit(audit, seen_version, fields)  # type: ignore[no-any-return]


@transaction.atomic
@acts_as("by")
def finding_add(*, audit: Audit, by: Any, text: str) -> AuditFinding:
    return AuditFinding.objects.create(audit=audit, text=text,
                                       position=next_position(audit.findings.all()))


@transaction.atomic
@acts_as("by")
def risk_create(*, partnership: Partnership, by: Any, code: str, title: str,
                **fields: Any) -> Risk:
    risk = Risk(partnership=partnership, title=title, code=unique_code(
        Risk.objects.filter(partnership=partnership), title, wanted=code, fallback="risk"))
    _set(risk, fields)
    return risk


@transaction.atomic
@acts_as("by")
def risk_update(*, risk: Risk, by: Any, seen_version: int, **fields: Any) -> Risk:
    """An edit of the whole risk, or its periodic review (scores, controls, next date)."""
    return _edit(risk, seen_version, fields)  # type: ignore[no-any-return]


@transaction.atomic
@acts_as("by")
def challenge_edit(*, challenge: Challenge, by: Any, seen_version: int, raised_by: str,
                   to_agency: Any, raised_on: dt.date, challenge_text: str) -> Challenge:
    return _edit(challenge, seen_version, {  # type: ignore[no-any-return]
        "raised_by": raised_by, "to_agency": to_agency, "raised_on": raised_on,
        "challenge": challenge_text})


@transaction.atomic
@acts_as("by")
def challenge_answer(*, challenge: Challenge, by: Any, seen_version: int,
                     response: str) -> Challenge:
    """The agency challenged gives its response; the business unit closes it later."""
    if challenge.status != ChallengeStatus.OPEN:
        raise Refused("a closed challenge takes no more responses")
    return _edit(challenge, seen_version, {"response": response})  # type: ignore[no-any-return]


@transaction.atomic
@acts_as("by")
def child_deaths_save(*, year: ReportingYear, by: Any, seen_version: int | None,
                      **counts: int) -> ChildDeathYear:
    """The panel's figures for a year: created the first time, edited after."""
    existing = ChildDeathYear.objects.filter(year=year).first()
    if existing is None:
        return ChildDeathYear.objects.create(year=year, **counts)
    return _edit(existing, seen_version or 0, counts)  # type: ignore[no-any-return]


# Withdrawal ------------------------------------------------------------------------------

WITHDRAWABLE = (CaseReview, LearningPoint, Audit, AuditFinding, Recommendation, Action,
                Challenge, Risk)


@transaction.atomic
@acts_as("by")
def withdraw(*, record: Any, by: Any, reason: str, today: dt.date,
             seen_version: int | None = None) -> Any:
    """Take a record out of the registers, the report and the bundle, keeping it and its
    history. Records with a version are claimed, so an edit made meanwhile is not lost."""
    if not isinstance(record, WITHDRAWABLE):
        raise TypeError(f"{type(record).__name__} is not withdrawn this way")
    mark_withdrawn(record, seen_version=seen_version if hasattr(record, "version") else None,
                   reason=reason, by=by, today=today)
    if isinstance(record, Action):
        for pending in record.extensions.filter(status=ExtensionStatus.PENDING):
            pending.status, pending.decided_on = ExtensionStatus.REFUSED, today
            pending.decided_by, pending.decision_note = by, "The action was withdrawn."
            pending.save()
    return record

