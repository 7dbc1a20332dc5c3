"""What the partnership's own words expect of people, for home pages and reminders.

- Each agency asked in a call owes its contribution by the call's deadline until the
  business unit accepts it; one submitted is the business unit's to review.
- A statement (foreword, key messages, audience message) submitted is the chair's to
  approve; a case story submitted is the business unit's, and one returned its agency's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.urls import reverse

from lscp.contributions.models import CaseStory, Contribution, Statement
from lscp.insight.working_days import working_days_between
from lscp.partnership.expectations import Expected
from lscp.partnership.models import Partnership
from lscp.partnership.workflow import Status

SOON_WORKING_DAYS = 5
STATES = {Status.DRAFT: "draft", Status.RETURNED: "returned",
          Status.SUBMITTED: "awaiting review"}


def contributions_due(partnership: Partnership, today: dt.date) -> Iterator[Expected]:
    owed = (Contribution.objects.filter(call__partnership=partnership)
            .exclude(status=Status.APPROVED).select_related("agency", "call__year"))
    for c in owed:
        waiting = c.status == Status.SUBMITTED
        due = c.call.deadline
        state = "not started" if c.status == Status.DRAFT and c.is_empty else STATES[
            Status(c.status)]
        yield Expected(
            kind="contribution",
            what=f"{c.agency.name} contribution to the {c.call.year.label} yearly report",
            agency=c.agency, due=due, state=state,
            url=reverse("contributions:contribution", args=[c.pk]),
            overdue=not waiting and due < today,
            soon=not waiting and today <= due
            and working_days_between(today, due) <= SOON_WORKING_DAYS,
            note=c.return_reason if c.status == Status.RETURNED else "")


def statements_awaiting(partnership: Partnership, today: dt.date) -> Iterator[Expected]:
    for s in Statement.objects.filter(partnership=partnership, status=Status.SUBMITTED
                                      ).select_related("year"):
        yield Expected(kind="statement", what=f"{s.get_kind_display()} for {s.year.label}",
                       agency=None, due=None, state="awaiting approval",
                       url=reverse("contributions:statement", args=[s.year.label, s.kind]))


def case_stories_due(partnership: Partnership, today: dt.date) -> Iterator[Expected]:
    """A submitted story is the business unit's to review; a returned one is its agency's
    (or the business unit's, for one it wrote) to change."""
    for story in CaseStory.objects.filter(
            partnership=partnership, status__in=(Status.SUBMITTED, Status.RETURNED)
            ).select_related("year", "agency"):
        returned = story.status == Status.RETURNED
        yield Expected(kind="case story", what=f"Case story {story.code} for {story.year.label}",
                       agency=story.agency if returned else None, due=None,
                       state="returned" if returned else "awaiting review",
                       url=reverse("contributions:story", args=[story.code]),
                       note=story.return_reason if returned else "")
