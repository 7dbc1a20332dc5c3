"""What learning and improvement expects, and of whom: open actions by their due date,
statutory clocks of case reviews, challenges awaiting a response, risks past their review.

Each is a source in the expectations registry (lscp/partnership/expectations.py), so the home
pages, the tracker and notifications read them without knowing where they came from.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.urls import reverse

from lscp.assurance.models import ActionStatus, ChallengeStatus
from lscp.assurance.selectors import open_actions, review_register
from lscp.assurance.services import DUE_SOON_WORKING_DAYS
from lscp.insight.clocks import ClockState
from lscp.insight.working_days import working_days_between
from lscp.partnership.expectations import Expected
from lscp.partnership.models import Partnership

# Our choice, not statute: a challenge should have its partners' response within four weeks
# of being raised (the length of a Board cycle), after which it shows as overdue.
RESPONSE_DAYS = 28

AWAITING_ACCEPTANCE = "awaiting evidence acceptance"


def actions_due(partnership: Partnership, today: dt.date) -> Iterator[Expected]:
    """Each open action, owed by its agency; one marked done awaits the business unit's
    acceptance of its evidence."""
    for action in open_actions(partnership, today):
        done = action.status == ActionStatus.DONE
        soon = (not done and action.due is not None and today <= action.due
                and working_days_between(today, action.due) <= DUE_SOON_WORKING_DAYS)
        yield Expected(
            kind="action", what=action.text, agency=action.owner, due=action.due,
            state=("overdue" if action.is_overdue(today) else AWAITING_ACCEPTANCE if done
                   else action.get_status_display().lower()),
            url=reverse("assurance:action_detail", args=[action.pk]),
            overdue=action.is_overdue(today), soon=soon)


def clocks_due(partnership: Partnership, today: dt.date) -> Iterator[Expected]:
    """Statutory clocks of case reviews that are overdue or due within 5 working days: the
    business unit's to meet (Working Together's notification and rapid review deadlines)."""
    for row in review_register(partnership, today):
        for clock in row.clocks:
            if clock.state not in (ClockState.OVERDUE, ClockState.DUE_SOON):
                continue
            yield Expected(
                kind="clock", what=f"{clock.milestone.name}: {row.review}", agency=None,
                due=clock.milestone.due, state=str(clock.state),
                url=reverse("assurance:review_detail", args=[row.review.code]),
                overdue=clock.state == ClockState.OVERDUE,
                soon=clock.state == ClockState.DUE_SOON)


def challenges_awaiting_response(partnership: Partnership, today: dt.date) -> Iterator[Expected]:
    """Open challenges with no response recorded yet, owed by the agency challenged (or by the
    partnership, when none was named); overdue four weeks after being raised."""
    found = partnership.challenges.filter(status=ChallengeStatus.OPEN, response="")
    for challenge in found.select_related("to_agency").order_by("raised_on", "code"):
        due = challenge.raised_on + dt.timedelta(days=RESPONSE_DAYS)
        yield Expected(
            kind="challenge", what=str(challenge), agency=challenge.to_agency, due=due,
            state="overdue" if due < today else "awaiting a response",
            url=reverse("assurance:challenges") + f"#challenge-{challenge.code}",
            overdue=due < today)


def risks_past_review(partnership: Partnership, today: dt.date) -> Iterator[Expected]:
    """Risks whose review date has passed: the business unit reviews the register."""
    for risk in partnership.risks.filter(review_date__lt=today).order_by("review_date", "code"):
        yield Expected(
            kind="risk", what=risk.title, agency=None, due=risk.review_date,
            state="review overdue", url=reverse("assurance:risks") + f"#risk-{risk.code}",
            overdue=True)
