"""What the dataset expects: each agency's figures for every period that has ended."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.urls import reverse

from lscp.dataset.models import Submission, SubmissionStatus
from lscp.dataset.selectors import indicators_owned_by
from lscp.insight.periods import Period, ended_by
from lscp.partnership.expectations import Expected
from lscp.partnership.models import Agency, Partnership

# Figures are asked for within a month of the period's end: long enough for an agency to
# check them, soon enough for the next quarter's performance meeting.
DAYS_TO_SUBMIT = 30

FREQUENCIES = {"quarter": {"monthly", "quarterly"}, "year": {"yearly", "snapshot"}}

STATES = {SubmissionStatus.DRAFT: "draft", SubmissionStatus.RETURNED: "returned",
          SubmissionStatus.SUBMITTED: "awaiting approval"}


def submissions_due(partnership: Partnership, today: dt.date) -> Iterator[Expected]:
    """Every ended period an agency owes figures for and that is not yet approved."""
    periods = ended_by([y.label for y in partnership.years.all()], today)
    existing = {(s.agency_id, s.period): s for s in partnership.submissions.all()}
    for agency in partnership.agencies.order_by("name"):
        owed = set(indicators_owned_by(agency).values_list("frequency", flat=True))
        for period in periods:
            if owed & FREQUENCIES.get(period.kind, set()):
                yield from _submission_item(agency, period, existing.get((agency.pk, period.key)),
                                            today)


def _submission_item(agency: Agency, period: Period, submission: Submission | None,
                     today: dt.date) -> Iterator[Expected]:
    if submission is not None and submission.status == SubmissionStatus.APPROVED:
        return
    due = period.end + dt.timedelta(days=DAYS_TO_SUBMIT)
    waiting = submission is not None and submission.status == SubmissionStatus.SUBMITTED
    url = (reverse("dataset:submission_detail", args=[submission.pk]) if submission
           else reverse("dataset:submissions"))
    yield Expected(
        kind="submission", what=f"{agency.name} figures for {period.label}", agency=agency,
        due=due, state=STATES[SubmissionStatus(submission.status)] if submission else "not started",
        url=url, overdue=not waiting and due < today)
