"""Reach and impact worked out from facts written by hand: plain Python, no database."""

from __future__ import annotations

from decimal import Decimal

from lscp.workforce.impact import Answer, CourseOutcomes, course_impact, impact, mean, overall
from lscp.workforce.reach import (
    BookingFact,
    CompletionFact,
    ReturnFact,
    change,
    per_hundred,
    percent,
    year_reach,
)


def booking(session: int, agency: str | None, sector: str, status: str = "attended",
            charge: int = 0, delivery: str = "live_webinar",
            illustrative: bool = False) -> BookingFact:
    return BookingFact(session, delivery, agency, sector, status, charge, illustrative)


BOOKINGS = [
    booking(1, "csc", "local_authority"), booking(1, "csc", "local_authority"),
    booking(1, "kch", "health"), booking(1, None, "health"),  # a GP: sector only
    booking(2, "kch", "health", delivery="classroom"),
    booking(2, "csc", "local_authority", "did_not_attend", 5000, delivery="classroom"),
    booking(3, "police", "police", "late_cancellation", 2500),  # nobody came: not held
    booking(3, "police", "police", "cancelled"),
]
COMPLETIONS = [CompletionFact(10, "csc", "local_authority", 30),
               CompletionFact(11, "kch", "health", 12), CompletionFact(11, None, "other", 3),
               CompletionFact(12, "police", "police", 0)]
RETURNS = [ReturnFact("csc", "local_authority", 200, 40), ReturnFact("kch", "health", 100, 0),
           ReturnFact("fire", "other", 50, 20, illustrative=True),
           ReturnFact("police", "police", None, 15)]


def test_sessions_attendees_and_wasted_places_are_counted_from_bookings() -> None:
    reach = year_reach("2020-21", BOOKINGS, [], [])
    assert reach.sessions == 2  # session 3 had bookings but nobody attended
    assert dict(reach.sessions_by_delivery) == {"live_webinar": 1, "classroom": 1}
    assert reach.attendees == 5
    assert (reach.did_not_attend, reach.late_cancellations) == (1, 1)
    assert reach.charges_pence == 7500


def test_places_by_sector_and_by_agency_keep_people_outside_the_agencies_in_their_sector() -> None:
    reach = year_reach("2020-21", BOOKINGS, COMPLETIONS, RETURNS)
    assert reach.by_sector["health"].attendees == 3  # two from King's, one GP
    assert reach.by_agency["kch"].attendees == 2
    assert reach.sector_share("health") == Decimal("60.0")  # 3 of 5
    assert reach.sector_share("local_authority") == Decimal("40.0")
    assert reach.sector_share("voluntary") == Decimal("0.0")


def test_e_learning_counts_courses_with_a_completion_and_every_completion() -> None:
    reach = year_reach("2020-21", [], COMPLETIONS, [])
    assert reach.elearning_courses == 2  # course 12 had no completion
    assert reach.completions == 45
    assert reach.by_sector["other"].completions == 3


def test_returns_add_own_training_and_declared_workforce() -> None:
    reach = year_reach("2020-21", BOOKINGS, COMPLETIONS, RETURNS)
    assert reach.trained == 75
    assert reach.workforce == 350  # the police declared none
    assert reach.by_agency["csc"].workforce == 200
    assert reach.workforce_share("health") == percent(100, 350) == Decimal("28.6")
    assert per_hundred(reach.by_agency["csc"].attendees + reach.by_agency["csc"].completions,
                       200) == Decimal("16.0")


def test_an_agency_with_a_workforce_and_nobody_trained_is_not_reached() -> None:
    reach = year_reach("2020-21", BOOKINGS, COMPLETIONS, RETURNS)
    # The fire brigade declared 50 staff, trained 20 itself, and sent nobody: not reached.
    # The police declared no workforce, so the partnership cannot say.
    assert reach.not_reached == ["fire"]
    assert reach.illustrative_detail  # the fire brigade's return was made up


def test_nothing_recorded_gives_zeros_and_no_shares() -> None:
    reach = year_reach("2019-20", [], [], [])
    assert (reach.sessions, reach.attendees, reach.completions) == (0, 0, 0)
    assert reach.sector_share("health") is None
    assert reach.not_reached == []


def test_change_is_said_in_words() -> None:
    assert change(604, 967) == "down 38%"
    assert change(7831, 3197) == "up 145%"
    assert change(5, 5) == "the same"
    assert change(5, 0) == ""


COURSE = CourseOutcomes("da", "Domestic abuse", ((1, "Recognise"), (2, "Ask")))


def answer(who: str, stage: str, scores: dict[int, int], changed: bool | None = None,
           example: str = "") -> Answer:
    return Answer("da", who, stage, scores, stage == "follow_up", changed, example)


ANSWERS = [
    answer("a", "before", {1: 2, 2: 3}), answer("b", "before", {1: 3, 2: 2}),
    answer("c", "before", {1: 2}),
    answer("a", "after", {1: 4, 2: 4}), answer("b", "after", {1: 5, 2: 4}),
    answer("a", "follow_up", {1: 4, 2: 3}, True, "Asked about control at a visit"),
    answer("b", "follow_up", {1: 4, 2: 4}, False),
    answer("c", "follow_up", {1: 3}, None),  # did not answer the question
]


def test_confidence_per_outcome_at_each_stage_and_what_lasted() -> None:
    found = course_impact(COURSE, ANSWERS)
    first, second = found.outcomes
    assert first.means == {"before": Decimal("2.3"), "after": Decimal("4.5"),
                           "follow_up": Decimal("3.7")}
    assert first.change == Decimal("1.4")
    assert second.means["before"] == Decimal("2.5") and second.change == Decimal("1.0")


def test_the_share_reporting_a_change_counts_only_those_asked() -> None:
    found = course_impact(COURSE, ANSWERS)
    assert found.replies == {"before": 3, "after": 2, "follow_up": 3}
    assert (found.changed, found.asked) == (1, 2)
    assert found.share_changed == Decimal("50.0")
    assert found.with_line_manager == 3
    assert found.examples == ["Asked about control at a visit"]


def test_only_evaluated_courses_are_listed_and_overall_adds_them_up() -> None:
    other = CourseOutcomes("none", "Never evaluated", ((1, "x"),))
    found = impact([COURSE, other], ANSWERS)
    assert [c.course.code for c in found] == ["da"]
    assert overall(found) == (1, 2)
    assert mean([]) is None
