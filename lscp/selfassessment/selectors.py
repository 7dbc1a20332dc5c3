"""Reading self-assessments: cycles a person may see, a cycle's grid, what is outstanding."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from lscp.partnership import access
from lscp.partnership.models import Partnership, ReportingYear
from lscp.selfassessment import grid
from lscp.selfassessment.models import (
    Answer,
    Assessment,
    Cycle,
    EvidenceRequest,
    Framework,
    Standard,
)


def cycles(partnership: Partnership) -> QuerySet[Cycle]:
    return partnership.self_assessment_cycles.select_related("framework", "year",
                                                              "lead_agency")


def cycles_for(user: Any, partnership: Partnership) -> list[Cycle]:
    """Every cycle for those who read results; an agency's contributor sees the cycles its
    agency takes part in or leads."""
    found = list(cycles(partnership))
    return [c for c in found if access.can_read_self_assessment_results(user, c)
            or _takes_part(user, c)]


def _takes_part(user: Any, cycle: Cycle) -> bool:
    agency = access.own_agency(user)
    return agency is not None and cycle.assessments.filter(agency=agency).exists()


def own_assessment(user: Any, cycle: Cycle) -> Assessment | None:
    agency = access.own_agency(user)
    return cycle.assessments.filter(agency=agency).first() if agency else None


def standards(cycle: Cycle) -> list[Standard]:
    return list(cycle.framework.standards.all())


def assessments(cycle: Cycle) -> QuerySet[Assessment]:
    return cycle.assessments.select_related("agency", "setting", "link").prefetch_related(
        Prefetch("answers", queryset=Answer.objects.select_related("standard")
                 .prefetch_related("requests")))


def previous_cycle(cycle: Cycle) -> Cycle | None:
    """The last cycle of the same framework before this one, to measure change against."""
    return (Cycle.objects.filter(framework=cycle.framework, opened_on__lt=cycle.opened_on)
            .exclude(pk=cycle.pk).order_by("-opened_on").first())


def _ratings(cycle: Cycle | None) -> dict[tuple[str, str], str]:
    """(respondent code, standard code) -> rating, of submitted returns."""
    if cycle is None:
        return {}
    answers = Answer.objects.filter(assessment__cycle=cycle, assessment__status="submitted")
    return {(a.assessment.respondent_code, a.standard.code): a.rating
            for a in answers.select_related("assessment__agency", "assessment__setting",
                                            "standard")}


@dataclass(frozen=True)
class Results:
    cycle: Cycle
    standards: list[Standard]
    rows: list[grid.Row]
    assessments: list[Assessment]
    previous: Cycle | None

    @property
    def tallies(self) -> list[grid.Tally]:
        return grid.tallies([s.title for s in self.standards], self.rows)

    @property
    def completion(self) -> tuple[int, int]:
        return grid.completion(self.rows)


def results(cycle: Cycle) -> Results:
    """The grid: one row per respondent, one cell per standard, with last cycle's rating."""
    found = list(assessments(cycle))
    ordered = standards(cycle)
    before_cycle = previous_cycle(cycle)
    before = _ratings(before_cycle)
    rows = []
    for assessment in found:
        answers = {a.standard_id: a for a in assessment.answers.all()}
        cells = []
        for standard in ordered:
            answer = answers.get(standard.pk)
            cells.append(grid.Cell(
                answer.rating if answer else "", answer.evidence_status if answer else "",
                before.get((assessment.respondent_code, standard.code), "")))
        rows.append(grid.Row(assessment.respondent_code, assessment.respondent_name,
                             assessment.status, tuple(cells)))
    return Results(cycle, ordered, rows, found, before_cycle)


def open_requests(cycle: Cycle) -> QuerySet[EvidenceRequest]:
    return (EvidenceRequest.objects.filter(answer__assessment__cycle=cycle,
                                           replied_on__isnull=True)
            .select_related("answer__standard", "answer__assessment__agency",
                            "answer__assessment__setting").order_by("asked_on", "pk"))


def requests_of(cycle: Cycle) -> QuerySet[EvidenceRequest]:
    return (EvidenceRequest.objects.filter(answer__assessment__cycle=cycle)
            .select_related("answer__standard", "answer__assessment__agency",
                            "answer__assessment__setting")
            .order_by("answer__assessment__agency__name", "answer__assessment__setting__name",
                      "answer__standard__position", "position"))


def cycles_of_year(partnership: Partnership, year: ReportingYear) -> QuerySet[Cycle]:
    return cycles(partnership).filter(year=year).order_by("opened_on", "code")


def open_cycles(partnership: Partnership) -> QuerySet[Cycle]:
    return cycles(partnership).filter(closed_on__isnull=True)


def frameworks(partnership: Partnership) -> QuerySet[Framework]:
    return partnership.frameworks.prefetch_related("standards")


def education_settings(partnership: Partnership, query: str = "") -> QuerySet[Any]:
    found = partnership.education_settings.all()
    if query:
        found = found.filter(Q(name__icontains=query) | Q(code__icontains=query))
    return found
