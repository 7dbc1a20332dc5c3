"""Changes to a year's publication records, each in one transaction: sign-offs, the chair's
overrides, the distribution log, readers' feedback, and publishing itself, which is refused
while the readiness checklist (lscp/reports/publication.py) has anything missing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from lscp.audit.history import acts_as
from lscp.partnership.models import Agency, ReportingYear
from lscp.partnership.services import report_publication_set
from lscp.reports.models import Distribution, Feedback, ReadinessOverride, SignOff
from lscp.reports.publication import Check, Readiness
from lscp.reports.publication_selectors import readiness_of


class NotReady(Exception):
    """Publishing refused: the readiness checklist still has items missing."""

    def __init__(self, readiness: Readiness) -> None:
        self.readiness = readiness
        super().__init__("; ".join(c.text for c in readiness.missing))


@acts_as("by")
@transaction.atomic
def sign_off_record(*, year: ReportingYear, signatory: str, agency: Agency | None,
                    signed_by: str, signed_on: dt.date, by: Any) -> SignOff:
    """Record (or correct) one partner's sign-off; the history keeps what it said before."""
    found, _ = SignOff.objects.update_or_create(
        year=year, signatory=signatory,
        defaults={"agency": agency, "signed_by": signed_by, "signed_on": signed_on,
                  "recorded_by": by})
    return found


@acts_as("by")
@transaction.atomic
def sign_off_remove(*, year: ReportingYear, signatory: str, by: Any) -> int:
    """A sign-off recorded in error, or withdrawn by the partner."""
    return int(SignOff.objects.filter(year=year, signatory=signatory).delete()[0])


@acts_as("by")
@transaction.atomic
def override_record(*, year: ReportingYear, check: Check, reason: str, today: dt.date,
                    by: Any) -> ReadinessOverride:
    """The chair lets one missing item through; the reason is stated in the report's About
    section. Refused for an item that is not missing."""
    if check.met:
        raise ValueError(f"{check.text} is not missing: there is nothing to let through")
    found, _ = ReadinessOverride.objects.update_or_create(
        year=year, item=check.key,
        defaults={"item_text": check.text[:300], "reason": reason.strip(), "made_on": today,
                  "made_by": by})
    return found


@acts_as("by")
@transaction.atomic
def override_withdraw(*, year: ReportingYear, item: str, by: Any) -> int:
    return int(ReadinessOverride.objects.filter(year=year, item=item).delete()[0])


@acts_as("by")
@transaction.atomic
def distribution_record(*, year: ReportingYear, recipient: str, sent_on: dt.date, how: str,
                        by: Any) -> Distribution:
    found, _ = Distribution.objects.update_or_create(
        year=year, recipient=recipient.strip(),
        defaults={"sent_on": sent_on, "how": how.strip(), "recorded_by": by})
    return found


@transaction.atomic
def feedback_receive(*, year: ReportingYear, useful: str, missing: str,
                     contact: str) -> Feedback:
    """A reader's answer on a published report (the view checks it is published)."""
    if not year.report_published:
        raise ValueError("feedback is taken on published reports only")
    return Feedback.objects.create(year=year, useful=useful, missing=missing.strip(),
                                   contact=contact.strip())


@transaction.atomic
def publish(*, year: ReportingYear, by: Any) -> ReportingYear:
    """Publish the year's report once it is ready; NotReady lists what is missing."""
    found = readiness_of(year)
    if not found.ready:
        raise NotReady(found)
    return report_publication_set(year=year, published=True, by=by)
