"""What practitioners said, per agency, beside what the agency's leaders claimed.

Replies are anonymous, but in a small agency a handful of replies could be told apart: an
agency's results are shown only from MINIMUM replies, and otherwise only its count.
"""

from __future__ import annotations

from dataclasses import dataclass

from lscp.selfassessment.links import survey_url
from lscp.selfassessment.models import Answer, PractitionerSurvey, SurveyScore

MINIMUM = 3
AGREE = (3, 4)


@dataclass(frozen=True)
class Line:
    standard: str
    agreeing: str  # "4 of 5 (80%)", or "–" when nobody answered it
    rating: str  # the agency's own rating, in words


@dataclass(frozen=True)
class AgencyResult:
    name: str
    replies: int
    lines: tuple[Line, ...]

    @property
    def shown(self) -> bool:
        return self.replies >= MINIMUM


def agreeing(scores: list[int]) -> str:
    if not scores:
        return "–"
    agree = sum(s in AGREE for s in scores)
    return f"{agree} of {len(scores)} ({round(100 * agree / len(scores))}%)"


def per_agency(survey: PractitionerSurvey) -> list[AgencyResult]:
    cycle = survey.cycle
    standards = list(cycle.framework.standards.all())
    ratings = {(a.assessment.agency_id, a.standard_id): a.get_rating_display() or "not rated"
               for a in Answer.objects.filter(assessment__cycle=cycle).select_related("assessment")}
    scores: dict[tuple[int, int], list[int]] = {}
    for score in SurveyScore.objects.filter(reply__survey=survey).select_related("reply"):
        scores.setdefault((score.reply.agency_id, score.standard_id), []).append(score.score)
    found = []
    for assessment in cycle.assessments.filter(agency__isnull=False).select_related("agency"):
        agency = assessment.agency
        assert agency is not None
        replies = survey.replies.filter(agency=agency).count()
        lines = tuple(Line(s.title, agreeing(scores.get((agency.pk, s.pk), [])),
                           ratings.get((agency.pk, s.pk), "not rated")) for s in standards)
        found.append(AgencyResult(agency.name, replies, lines))
    return found


def links(survey: PractitionerSurvey) -> list[tuple[str, str]]:
    return [(link.agency.name, survey_url(link))
            for link in survey.links.select_related("agency").order_by("agency__name")]
