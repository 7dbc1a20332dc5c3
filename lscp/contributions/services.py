"""Every change to the partnership's own words, each in one transaction.

Edits claim the record's version (a stale form is refused by lscp/partnership/http.py);
workflow steps go through lscp/partnership/workflow.py, which keeps who and why. Notices go
out when a call for contributions opens (to each agency asked) and when a contribution is
returned (to its agency).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Max

from lscp.audit.history import acts_as
from lscp.contributions.models import (
    Call,
    CaseStory,
    ConcernContact,
    Contribution,
    Statement,
    Voice,
)
from lscp.notices.services import notify
from lscp.partnership import workflow
from lscp.partnership.locking import claim, claim_and_save
from lscp.partnership.models import Agency, Partnership, ReportingYear

CONTRIBUTION_REQUESTED = "contribution_requested"
CONTRIBUTION_RETURNED = "contribution_returned"


# Statements: foreword, key messages, audience messages ------------------------------------


@transaction.atomic
@acts_as("by")
def statement_save(*, year: ReportingYear, kind: str, text: str, by: Any, seen_version: int,
                   submit: bool = False) -> Statement:
    """Keep the draft (made on first save); `submit` sends it to the chair."""
    statement, _ = Statement.objects.get_or_create(
        year=year, kind=kind, defaults={"partnership": year.partnership})
    if not statement.editable:
        raise workflow.WorkflowError(f"a {statement.get_status_display().lower()} statement "
                                     "cannot be changed")
    claim_and_save(statement, seen_version, text=text.strip())
    if submit:
        _submit(statement, by)
    return statement


def _submit(record: Any, by: Any) -> None:
    if not _has_words(record):
        raise workflow.WorkflowError("write it before you submit it")
    workflow.advance(record, workflow.SUBMIT, by=by)


def _has_words(record: Any) -> bool:
    if isinstance(record, Contribution):
        return not record.is_empty
    if isinstance(record, Statement):
        return bool(record.text.strip())
    return bool(record.story.strip() and record.changed.strip())


@transaction.atomic
@acts_as("by")
def decide(*, record: Any, action: str, by: Any, reason: str = "") -> None:
    """The reviewer's step on a statement, contribution or case story: approve, return (with
    a reason) or reopen an approved one (with a reason)."""
    steps = {"approve": workflow.APPROVE, "return": workflow.RETURN, "reopen": workflow.REOPEN}
    if action not in steps:
        raise workflow.WorkflowError(f"there is no step called {action!r}")
    workflow.advance(record, steps[action], by=by, reason=reason)
    if isinstance(record, Contribution) and action in ("return", "reopen"):
        notify(kind=CONTRIBUTION_RETURNED, record=record)


# Calls for contributions and partners' contributions --------------------------------------


@transaction.atomic
@acts_as("by")
def call_open(*, year: ReportingYear, deadline: dt.date, agencies: Iterable[Agency],
              guidance: str, by: Any, today: dt.date) -> Call:
    """Open the year's call: one contribution is asked of each agency, and each is told."""
    call = Call.objects.create(partnership=year.partnership, year=year, deadline=deadline,
                               guidance=guidance.strip(), opened_on=today)
    _ask(call, agencies)
    return call


@transaction.atomic
@acts_as("by")
def call_change(*, call: Call, deadline: dt.date, agencies: Iterable[Agency], guidance: str,
                by: Any, seen_version: int) -> Call:
    """A new deadline or guidance, and agencies asked since: an agency already asked stays
    asked (its contribution may be under way)."""
    claim_and_save(call, seen_version, deadline=deadline, guidance=guidance.strip())
    _ask(call, agencies)
    return call


def _ask(call: Call, agencies: Iterable[Agency]) -> None:
    asked = set(call.contributions.values_list("agency_id", flat=True))
    for agency in agencies:
        if agency.pk not in asked and agency.partnership_id == call.partnership_id:
            contribution = Contribution.objects.create(call=call, agency=agency)
            notify(kind=CONTRIBUTION_REQUESTED, record=contribution)


@transaction.atomic
@acts_as("by")
def contribution_save(*, contribution: Contribution, achievements: str, challenges: str,
                      impact: str, by: Any, seen_version: int, submit: bool = False
                      ) -> Contribution:
    if not contribution.editable:
        raise workflow.WorkflowError(
            f"a {contribution.get_status_display().lower()} contribution cannot be changed")
    claim_and_save(contribution, seen_version, achievements=achievements.strip(),
                   challenges=challenges.strip(), impact=impact.strip())
    if submit:
        _submit(contribution, by)
    return contribution


# Case stories ---------------------------------------------------------------------------------


@transaction.atomic
@acts_as("by")
def case_story_add(*, year: ReportingYear, agency: Agency | None, title: str, story: str,
                   changed: str, by: Any) -> CaseStory:
    partnership = year.partnership
    number = CaseStory.objects.filter(partnership=partnership).count() + 1
    while CaseStory.objects.filter(partnership=partnership, code=f"story-{number}").exists():
        number += 1
    return CaseStory.objects.create(
        partnership=partnership, year=year, code=f"story-{number}", agency=agency,
        title=title.strip(), story=story.strip(), changed=changed.strip())


@transaction.atomic
@acts_as("by")
def case_story_save(*, story: CaseStory, title: str, story_text: str, changed: str, by: Any,
                    seen_version: int, submit: bool = False) -> CaseStory:
    if not story.editable:
        raise workflow.WorkflowError(
            f"a {story.get_status_display().lower()} case story cannot be changed")
    claim_and_save(story, seen_version, title=title.strip(), story=story_text.strip(),
                   changed=changed.strip())
    if submit:
        _submit(story, by)
    return story


# The child's voice and the ways to report a concern ----------------------------------------


@transaction.atomic
@acts_as("by")
def voice_add(*, year: ReportingYear, kind: str, by: Any, **fields: Any) -> Voice:
    last = Voice.objects.filter(year=year, kind=kind).aggregate(n=Max("position"))["n"] or 0
    return Voice.objects.create(partnership=year.partnership, year=year, kind=kind,
                                position=last + 1, **_stripped(fields))


@transaction.atomic
@acts_as("by")
def voice_update(*, voice: Voice, by: Any, seen_version: int, **fields: Any) -> Voice:
    return claim_and_save(voice, seen_version, **_stripped(fields))


@transaction.atomic
@acts_as("by")
def voice_remove(*, voice: Voice, by: Any, seen_version: int) -> None:
    claim(voice, seen_version)
    voice.delete()


@transaction.atomic
@acts_as("by")
def contact_add(*, partnership: Partnership, by: Any, **fields: Any) -> ConcernContact:
    last = partnership.concern_contacts.aggregate(n=Max("position"))["n"] or 0
    return ConcernContact.objects.create(partnership=partnership, position=last + 1,
                                         **_stripped(fields))


@transaction.atomic
@acts_as("by")
def contact_update(*, contact: ConcernContact, by: Any, seen_version: int,
                   **fields: Any) -> ConcernContact:
    return claim_and_save(contact, seen_version, **_stripped(fields))


@transaction.atomic
@acts_as("by")
def contact_remove(*, contact: ConcernContact, by: Any, seen_version: int) -> None:
    claim(contact, seen_version)
    contact.delete()


def _stripped(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: v.strip() if isinstance(v, str) else v for k, v in fields.items()}
