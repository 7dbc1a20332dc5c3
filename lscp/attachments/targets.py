"""The records files may be attached to, registered by the apps that own them.

Each target says how to find its records within one partnership, which agency owns a
record (an agency contributor may attach evidence to its own agency's actions), and where
a record's page is. The Attachment model has one foreign key per target
(`models.TARGET_FIELDS`); meetings registers its agenda items in its own `ready()`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse


@dataclass(frozen=True)
class Target:
    field: str  # the foreign key on Attachment, and the kind in URLs ("agenda_item")
    noun: str  # "action", for messages
    records: Callable[[Any], QuerySet[Any]]  # partnership -> its records of this kind
    url: Callable[[Any], str]  # a record's page, where its attachments are listed
    agency_id: Callable[[Any], int | None] = lambda record: None  # the owning agency
    # (user, record) -> whether the user may download the record's files; most records are
    # read by every member of their partnership, a self-assessment only by some.
    readable: Callable[[Any, Any], bool] = lambda user, record: True


_TARGETS: dict[str, Target] = {}


def register(*targets: Target) -> None:
    for target in targets:
        _TARGETS[target.field] = target


def target(field: str) -> Target | None:
    return _TARGETS.get(field)


def register_built_in() -> None:
    from lscp.assurance.models import Action, Audit, CaseReview, Challenge
    from lscp.partnership.models import Meeting

    register(
        Target("action", "action",
               lambda p: Action.objects.filter(recommendation__partnership=p),
               lambda r: reverse("assurance:action_detail", args=[r.pk]),
               agency_id=lambda r: r.owner_id),
        Target("review", "case review", lambda p: CaseReview.objects.filter(partnership=p),
               lambda r: reverse("assurance:review_detail", args=[r.code])),
        Target("audit", "audit", lambda p: Audit.objects.filter(partnership=p),
               lambda r: reverse("assurance:audits")),
        Target("challenge", "challenge", lambda p: Challenge.objects.filter(partnership=p),
               lambda r: reverse("assurance:challenges")),
        Target("meeting", "meeting", lambda p: Meeting.objects.filter(group__partnership=p),
               lambda r: reverse("partnership:meeting_detail",
                                 args=[r.group.code, r.date.isoformat()])),
    )
