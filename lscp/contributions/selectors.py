"""Reading the partnership's own words: for its pages and for the report's sections."""

from __future__ import annotations

from django.db.models import QuerySet

from lscp.contributions.models import (
    Call,
    CaseStory,
    ConcernContact,
    Contribution,
    Statement,
    StatementKind,
    Voice,
)
from lscp.partnership.models import ReportingYear
from lscp.partnership.workflow import Status


def statements_of(year: ReportingYear) -> dict[str, Statement]:
    return {s.kind: s for s in Statement.objects.filter(year=year)}


def statement(year: ReportingYear, kind: str) -> Statement | None:
    return Statement.objects.filter(year=year, kind=kind).first()


def approved_text(year: ReportingYear, kind: StatementKind) -> str:
    """The approved text of one statement; "" while there is none."""
    found = Statement.objects.filter(year=year, kind=kind, status=Status.APPROVED).first()
    return found.text if found else ""


def call_of(year: ReportingYear) -> Call | None:
    return Call.objects.filter(year=year).first()


def contributions_of(year: ReportingYear) -> QuerySet[Contribution]:
    return (Contribution.objects.filter(call__year=year)
            .select_related("agency", "call__year").order_by("agency__name"))


def accepted_contributions(year: ReportingYear) -> list[Contribution]:
    return list(contributions_of(year).filter(status=Status.APPROVED))


def voices_of(year: ReportingYear) -> QuerySet[Voice]:
    return Voice.objects.filter(year=year).order_by("kind", "position")


def case_stories_of(year: ReportingYear) -> QuerySet[CaseStory]:
    return CaseStory.objects.filter(year=year).select_related("agency").order_by("code")


def approved_case_stories(year: ReportingYear) -> list[CaseStory]:
    return list(case_stories_of(year).filter(status=Status.APPROVED))


def contacts_of(partnership_id: int) -> QuerySet[ConcernContact]:
    return ConcernContact.objects.filter(partnership_id=partnership_id).order_by("position")
