"""What the dataset expects: each agency's figures for every period that has ended, by the
deadline the business unit set for the period (the tracker), or a month after it ended."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.db.models import QuerySet
from django.urls import reverse

from lscp.dataset.models import Indicator, Submission, SubmissionStatus
from lscp.dataset.selectors import indicators_owned_by
from lscp.insight.periods import Period, ended_by, parse_period
from lscp.insight.working_days import working_days_between
from lscp.partnership.expectations import Expected
from lscp.partnership.models import Agency, Partnership

# Figures are asked for within a month of the period's end: long enough for an agency to
# check them, soon enough for the next quarter's performance meeting. A deadline the
# business unit sets for the period replaces it.
DAYS_TO_SUBMIT = 30
SOON_WORKING_DAYS = 5

FREQUENCIES = {"quarter": {"monthly", "quarterly"}, "year": {"yearly", "snapshot"}}

STATES = {SubmissionStatus.DRAFT: "draft", SubmissionStatus.RETURNED: "returned",
          SubmissionStatus.SUBMITTED: "awaiting approval"}


def deadlines(partnership: Partnership) -> dict[str, dt.date]:
    """The deadlines the business unit has set, by period key."""
    return dict(partnership.submission_deadlines.values_list("period", "due"))


def due_date(period: Period, set_for: dict[str, dt.date]) -> dt.date:
    return set_for.get(period.key) or period.end + dt.timedelta(days=DAYS_TO_SUBMIT)


def submissions_due(partnership: Partnership, today: dt.date) -> Iterator[Expected]:
    """Every ended period an agency owes figures for and that is not yet approved. A period
    whose figures are already on record is owed only if the agency has opened a submission
    for it (a correction, say): then it is theirs to finish."""
    periods = ended_by([y.label for y in partnership.years.all()], today)
    existing = {(s.agency_id, s.period): s for s in partnership.submissions.all()}
    set_for = deadlines(partnership)
    for agency in partnership.agencies.order_by("name"):
        owned = indicators_owned_by(agency)
        owed = set(owned.values_list("frequency", flat=True))
        recorded = on_record(partnership, owned)
        for period in periods:
            submission = existing.get((agency.pk, period.key))
            if owed & FREQUENCIES.get(period.kind, set()) and (
                    submission is not None or not covered(period, recorded)):
                yield from _submission_item(agency, period, submission, today,
                                            due_date(period, set_for))


def on_record(partnership: Partnership, owned: QuerySet[Indicator]) -> list[Period]:
    """The periods of figures already on record for these indicators that came in without a
    submission: imported from a bundle (a partnership's history before it used the app) or
    a statutory return. A draft's figures do not count: they belong to its submission."""
    keys = (partnership.values.filter(indicator__in=owned, submission__isnull=True)
            .values_list("period", flat=True).distinct())
    return [parse_period(k) for k in keys]


def covered(period: Period, recorded: list[Period]) -> bool:
    """Whether figures on record span the whole period (the year that holds a quarter, or
    its three months): then the agency gave that period's figures another way, and nobody
    owes a form for it. Part of a period on record still leaves the period owed."""
    reached = period.start
    for r in sorted(recorded):
        if r.start > reached:
            break
        if r.end >= reached:
            reached = r.end + dt.timedelta(days=1)
        if reached > period.end:
            return True
    return False


def _submission_item(agency: Agency, period: Period, submission: Submission | None,
                     today: dt.date, due: dt.date) -> Iterator[Expected]:
    if submission is not None and submission.status == SubmissionStatus.APPROVED:
        return
    waiting = submission is not None and submission.status == SubmissionStatus.SUBMITTED
    url = (reverse("dataset:submission_detail", args=[submission.pk]) if submission
           else reverse("dataset:submissions"))
    returned = submission is not None and submission.status == SubmissionStatus.RETURNED
    yield Expected(
        kind="submission", what=f"{agency.name} figures for {period.label}", agency=agency,
        due=due, state=STATES[SubmissionStatus(submission.status)] if submission else "not started",
        url=url, overdue=not waiting and due < today,
        soon=not waiting and today <= due and working_days_between(today, due) <= SOON_WORKING_DAYS,
        note=submission.return_reason if returned and submission else "")
