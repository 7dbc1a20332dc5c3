"""The learning registers as they stood at the end of a period, worked out from dates.

A quarterly pack printed today for a past quarter must say what was open and overdue on the
quarter's last day, not what is open now: an action is read from its due date and the date
it was completed, a challenge from the dates it was raised and closed, a risk from its
review date. Where a record cannot say when it started (an action has no date of its own),
the date of its source stands in: the review, audit, meeting or panel year that asked for it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lscp.assurance.models import Action, ActionStatus, Challenge, Risk
from lscp.assurance.selectors import live_actions
from lscp.partnership.models import Partnership

DONE = (ActionStatus.DONE, ActionStatus.EVIDENCE_ACCEPTED)


def completed_by(status: str, completed_on: dt.date | None, day: dt.date) -> bool:
    """Whether an action was completed on or before `day`. A finished action with no date
    of completion counts as completed: nothing says it was still open."""
    if completed_on is not None:
        return completed_on <= day
    return status in DONE


def overdue_on(due: dt.date | None, status: str, completed_on: dt.date | None,
               day: dt.date) -> bool:
    """Past its due date on `day` and not completed by then."""
    return due is not None and due < day and not completed_by(status, completed_on, day)


def source_date(action: Action) -> dt.date | None:
    """When the action's recommendation came about, as near as the records tell."""
    rec = action.recommendation
    if rec.review is not None:
        r = rec.review
        return r.completed or r.decision_to_review or r.became_aware
    if rec.audit is not None:
        return rec.audit.completed
    if rec.meeting is not None:
        return rec.meeting.date
    if rec.child_deaths is not None:
        return rec.child_deaths.year.end  # the panel's recommendations close its year
    return None


@dataclass(frozen=True)
class ActionAt:
    action: Action
    overdue: bool
    days_overdue: int  # calendar days past due on the day; 0 when not overdue
    completed_later: dt.date | None  # completed after the day (so open then, done now)


def actions_open_at(partnership: Partnership, day: dt.date) -> list[ActionAt]:
    """Live actions that existed and were not completed on `day`: overdue first (longest
    overdue first), then by due date."""
    found = []
    actions = live_actions().filter(recommendation__partnership=partnership).select_related(
        "owner", "recommendation__review", "recommendation__audit",
        "recommendation__meeting__group", "recommendation__child_deaths__year")
    for a in actions:
        started = source_date(a)
        if (started is not None and started > day) or completed_by(a.status, a.completed_on,
                                                                   day):
            continue
        late = overdue_on(a.due, a.status, a.completed_on, day)
        found.append(ActionAt(a, late, (day - a.due).days if late and a.due else 0,
                              a.completed_on if a.completed_on and a.completed_on > day
                              else None))
    return sorted(found, key=lambda x: (not x.overdue, -x.days_overdue,
                                        x.action.due or dt.date.max, x.action.pk))


def challenges_open_at(partnership: Partnership, day: dt.date) -> list[Challenge]:
    """Challenges raised by `day` and not closed by it, oldest first."""
    found = partnership.challenges.current().filter(raised_on__lte=day).select_related(
        "to_agency").order_by("raised_on", "pk")
    return [c for c in found if c.closed_on is None or c.closed_on > day]


def risks_past_review_at(partnership: Partnership, day: dt.date) -> list[Risk]:
    """Risks whose review date had passed by `day`, most overdue first. The register keeps
    only the next review date, so a risk reviewed since shows as reviewed."""
    return list(partnership.risks.current().filter(review_date__lt=day).select_related(
        "owner").order_by("review_date", "code"))
