"""What the publication pages read: the year's statutory frame, its readiness checklist
from the records, the distribution log with the statutory recipients, and the feedback."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from lscp.partnership.models import Partnership, ReportingYear
from lscp.partnership.versioning import cached
from lscp.reports import statutory
from lscp.reports.content import Document
from lscp.reports.documents.yearly import build_yearly_report
from lscp.reports.models import Distribution, Feedback, ReadinessOverride, Signatory, SignOff
from lscp.reports.publication import Override, Readiness, Signed, illustrative_in, readiness


def frame_of(year: ReportingYear) -> statutory.Frame:
    """The guidance and recipients in force for the year, worded for the partnership's
    region (`statutory.frame_for`)."""
    return statutory.frame_for(year)


def yearly_document(partnership: Partnership, year: ReportingYear, *,
                    public: bool) -> Document:
    """The yearly report's content tree as the report pages keep it, by data version
    (decision 0010): the readiness page and the briefing read the same tree, not a new one."""
    edition = "public" if public else "internal"
    return cached(partnership.pk, "yearly-report", year.label, edition,
                  build=lambda: build_yearly_report(partnership, year, public=public))


def sign_offs(year: ReportingYear) -> QuerySet[SignOff]:
    return year.report_sign_offs.select_related("agency")


def overrides(year: ReportingYear) -> QuerySet[ReadinessOverride]:
    return year.report_overrides.all()


def readiness_of(year: ReportingYear) -> Readiness:
    """The checklist on the public edition, the one that would be published."""
    document = yearly_document(year.partnership, year, public=True)
    signed = {s.signatory: Signed(s.signed_by, s.agency.name if s.agency else "", s.signed_on)
              for s in sign_offs(year)}
    let_through = {o.item: Override(o.reason, o.made_on) for o in overrides(year)}
    return readiness(requirements=statutory.coverage(document),
                     illustrative=illustrative_in(document), signatories=Signatory.choices,
                     signed=signed, overrides=let_through)


@dataclass(frozen=True)
class Recipient:
    name: str
    statutory: bool  # one of the recipients the year's guidance names
    sent: Distribution | None


def distribution_of(year: ReportingYear) -> list[Recipient]:
    """The statutory recipients first, in the guidance's order, sent or not; then everyone
    else the report was sent to."""
    sent = {d.recipient: d for d in year.report_distribution.all()}
    named = frame_of(year).recipients
    return ([Recipient(name, True, sent.get(name)) for name in named]
            + [Recipient(name, False, d) for name, d in sent.items() if name not in named])


def feedback_of(year: ReportingYear) -> QuerySet[Feedback]:
    return year.report_feedback.all()
