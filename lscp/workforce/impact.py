"""What training changed: plain Python over evaluation answers, no Django.

Satisfaction says little about practice. Each course is evaluated three times on its own
learning outcomes: before it (confidence, 1 to 5), straight after, and at a follow-up six to
eight weeks later completed with the line manager, which also asks whether the person's
practice has changed and for an example. A course's impact is then the change in confidence
from before to the follow-up on each outcome, and the share of follow-ups that report a
change in practice.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from lscp.workforce.reach import percent

BEFORE, AFTER, FOLLOW_UP = "before", "after", "follow_up"
STAGES = (BEFORE, AFTER, FOLLOW_UP)


@dataclass(frozen=True)
class Answer:
    course: str  # the course's code
    respondent: str
    stage: str
    scores: dict[int, int]  # outcome position -> confidence 1..5
    with_line_manager: bool = False
    change_in_practice: bool | None = None
    example: str = ""
    illustrative: bool = False


@dataclass(frozen=True)
class CourseOutcomes:
    code: str
    title: str
    outcomes: tuple[tuple[int, str], ...]  # (position, text)


@dataclass
class OutcomeImpact:
    position: int
    text: str
    means: dict[str, Decimal | None]  # stage -> mean confidence, one decimal place

    @property
    def change(self) -> Decimal | None:
        """Mean confidence at the follow-up less before: what lasted."""
        before, later = self.means.get(BEFORE), self.means.get(FOLLOW_UP)
        return None if before is None or later is None else later - before


@dataclass
class CourseImpact:
    course: CourseOutcomes
    replies: dict[str, int]  # stage -> how many answered
    with_line_manager: int  # follow-ups completed with the line manager
    changed: int  # follow-ups reporting a change in practice
    asked: int  # follow-ups that answered the question
    outcomes: list[OutcomeImpact] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)
    illustrative: bool = False

    @property
    def share_changed(self) -> Decimal | None:
        return percent(self.changed, self.asked)


def mean(scores: list[int]) -> Decimal | None:
    if not scores:
        return None
    return (Decimal(sum(scores)) / len(scores)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def course_impact(course: CourseOutcomes, answers: Iterable[Answer]) -> CourseImpact:
    mine = [a for a in answers if a.course == course.code]
    follow_ups = [a for a in mine if a.stage == FOLLOW_UP]
    asked = [a for a in follow_ups if a.change_in_practice is not None]
    found = CourseImpact(
        course=course, replies={s: sum(1 for a in mine if a.stage == s) for s in STAGES},
        with_line_manager=sum(1 for a in follow_ups if a.with_line_manager),
        changed=sum(1 for a in asked if a.change_in_practice), asked=len(asked),
        examples=list(dict.fromkeys(a.example.strip() for a in follow_ups
                                    if a.change_in_practice and a.example.strip())),
        illustrative=any(a.illustrative for a in mine))
    for position, text in course.outcomes:
        found.outcomes.append(OutcomeImpact(position, text, {
            stage: mean([a.scores[position] for a in mine
                         if a.stage == stage and position in a.scores]) for stage in STAGES}))
    return found


def impact(courses: Iterable[CourseOutcomes], answers: Iterable[Answer]) -> list[CourseImpact]:
    """Each course with any evaluation, in the order given."""
    answers = list(answers)
    evaluated = {a.course for a in answers}
    return [course_impact(c, answers) for c in courses if c.code in evaluated]


def overall(found: list[CourseImpact]) -> tuple[int, int]:
    """Follow-ups reporting a change in practice, of those that answered, across courses."""
    return sum(c.changed for c in found), sum(c.asked for c in found)
