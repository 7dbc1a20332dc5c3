"""The submission tracker: for a period, which agency owes which indicator set, where each
submission stands against the period's deadline, and the chasers the business unit sends.

The grid is read here; the deadline and the chasers are written by the services below (views
only orchestrate), and the chaser's email is a plain function a notifications app may call.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import QuerySet

from lscp.audit.history import acts_as
from lscp.dataset.expectations import FREQUENCIES, covered, due_date, on_record
from lscp.dataset.models import (
    Indicator,
    Submission,
    SubmissionChaser,
    SubmissionDeadline,
    SubmissionStatus,
    Unit,
)
from lscp.dataset.selectors import indicators_owned_by, owning_agencies
from lscp.insight.periods import Period, parse_period
from lscp.partnership.locking import StaleEdit, claim
from lscp.partnership.models import Agency, Membership, Partnership, Role, Sector

NOT_SEEN = "not yet approved"  # what a reader who may not see drafts is told
ON_RECORD = "Figures on record"  # imported for the whole period: no form is owed


def periods_of(partnership: Partnership) -> list[Period]:
    """Every quarter and year of the partnership's reporting years, newest first."""
    found = []
    for label in partnership.years.values_list("label", flat=True):
        found += [parse_period(f"{label}-Q{q}") for q in (1, 2, 3, 4)] + [parse_period(label)]
    return sorted(found, key=lambda p: (p.end, p.kind == "quarter"), reverse=True)


def indicator_sets(period: Period) -> list[tuple[str, str]]:
    """The owner sectors with indicators measured over this kind of period: the grid's columns."""
    sectors = set(Indicator.objects.filter(frequency__in=FREQUENCIES.get(period.kind, set()))
                  .exclude(unit=Unit.RATE).values_list("owner_sector", flat=True))
    return [(value, label) for value, label in Sector.choices if value in sectors]


@dataclass(frozen=True)
class Row:
    agency: Agency
    owns: tuple[bool, ...]  # one per indicator set, in the columns' order
    status: str  # in words
    submission: Submission | None  # when the reader may open it
    overdue: bool
    last_chaser: SubmissionChaser | None


@dataclass(frozen=True)
class Grid:
    period: Period
    due: dt.date
    deadline: SubmissionDeadline | None  # None while the default applies
    sets: list[tuple[str, str]]
    rows: list[Row]


def grid(partnership: Partnership, period: Period, today: dt.date,
         visible: QuerySet[Submission], agency: Agency | None = None) -> Grid:
    """Agencies by indicator set for one period; `visible` is what the reader may see
    (access.submissions_visible_to) and `agency` limits the rows to one agency's."""
    sets = indicator_sets(period)
    deadline = partnership.submission_deadlines.filter(period=period.key).first()
    due = due_date(period, {period.key: deadline.due} if deadline else {})
    owners: dict[int, tuple[Agency, set[str]]] = {}
    for sector, _ in sets:
        for owner in owning_agencies(partnership, sector):
            owners.setdefault(owner.pk, (owner, set()))[1].add(sector)
    shown = {s.agency_id: s for s in visible.filter(period=period.key)}
    every = dict(partnership.submissions.filter(period=period.key)
                 .values_list("agency_id", "status"))
    chasers: dict[int, SubmissionChaser] = {}
    for chaser in partnership.submission_chasers.filter(period=period.key).select_related(
            "sent_by"):
        chasers.setdefault(chaser.agency_id, chaser)  # newest first
    rows = []
    for owner, owned in sorted(owners.values(), key=lambda item: item[0].name):
        if agency is not None and owner.pk != agency.pk:
            continue
        status = every.get(owner.pk)
        recorded = status is None and covered(
            period, on_record(partnership, indicators_owned_by(owner)))
        late = due < today and not recorded and status not in (SubmissionStatus.SUBMITTED,
                                                               SubmissionStatus.APPROVED)
        submission = shown.get(owner.pk)
        words = (submission.get_status_display() if submission
                 else ON_RECORD if recorded
                 else "Not started" if status is None else NOT_SEEN.capitalize())
        rows.append(Row(owner, tuple(s in owned for s, _ in sets), words, submission, late,
                        chasers.get(owner.pk)))
    return Grid(period, due, deadline, sets, rows)


# Services --------------------------------------------------------------------------------


@transaction.atomic
@acts_as("by")
def deadline_set(*, partnership: Partnership, period: str, due: dt.date, by: Any,
                 seen_version: int) -> SubmissionDeadline:
    """Set the date every agency's figures for `period` are due, unless someone else set it
    since the form was opened: a form opened before any deadline carries version 0, and a
    deadline starts at 1, so two people setting the first one cannot both win."""
    existing = partnership.submission_deadlines.filter(period=period).first()
    if existing is None:
        if seen_version != 0:
            raise StaleEdit(period)
        try:
            with transaction.atomic():
                return SubmissionDeadline.objects.create(partnership=partnership, period=period,
                                                         due=due, set_by=by, version=1)
        except IntegrityError:
            raise StaleEdit(period) from None
    claim(existing, seen_version)
    existing.due, existing.set_by = due, by
    existing.save(update_fields=["due", "set_by"])
    return existing


def contributor_emails(agency: Agency) -> list[str]:
    """The addresses of the agency's contributors: the people who submit its figures."""
    members = Membership.objects.filter(partnership=agency.partnership_id,
                                        role=Role.AGENCY_CONTRIBUTOR, agency=agency,
                                        user__is_active=True).select_related("user")
    return sorted({m.user.email for m in members if m.user.email})


@transaction.atomic
@acts_as("by")
def chaser_send(*, partnership: Partnership, agency: Agency, period: str, by: Any,
                link: str) -> SubmissionChaser:
    """Record that the business unit chased an agency for a period's figures, and email the
    agency's contributors (none with an address: the chaser is still recorded)."""
    recipients = contributor_emails(agency)
    chaser = SubmissionChaser.objects.create(partnership=partnership, agency=agency,
                                             period=period, sent_by=by, recipients=recipients)
    deadline = partnership.submission_deadlines.filter(period=period).first()
    due = due_date(parse_period(period), {period: deadline.due} if deadline else {})
    transaction.on_commit(lambda: email_chaser(
        agency=agency, period=parse_period(period), due=due, recipients=recipients, link=link,
        partnership=partnership))
    return chaser


def email_chaser(*, partnership: Partnership, agency: Agency, period: Period, due: dt.date,
                 recipients: list[str], link: str) -> int:
    """The chaser's email, on its own so that a notifications app can send it its own way."""
    if not recipients:
        return 0
    return send_mail(
        subject=f"Figures for {period.label} are due {due:%-d %B %Y}",
        message=(f"{partnership.name} is waiting for {agency.name}'s figures for "
                 f"{period.label}, due {due:%-d %B %Y}.\n\n"
                 f"Please submit them in LSCP Insight: {link}\n"),
        from_email=None, recipient_list=recipients)
