"""Findings about movement: words that respect polarity, units, and what a public edition hides.

Pure functions on plain values (lscp.insight.findings.movement): no database.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lscp.insight.findings import Finding
from lscp.insight.findings.movement import (
    Measure,
    Reading,
    describe,
    figure_text,
    findings,
    most_telling,
)

D = Decimal


def this(figure: str | None, **kw: object) -> Reading:
    return Reading(None if figure is None else D(figure), "in 2020-21", "2020-21", **kw)  # type: ignore[arg-type]


def last(figure: str | None, **kw: object) -> Reading:
    return Reading(None if figure is None else D(figure), "in 2019-20", "2019-20", **kw)  # type: ignore[arg-type]


def count(polarity: str = "neither", **kw: object) -> Measure:
    return Measure("referrals", "Referrals", "count", polarity, **kw)  # type: ignore[arg-type]


def text_of(found: Finding | None) -> str:
    assert found is not None
    return found.text


# Polarity x direction ------------------------------------------------------------------------

CASES = [
    # polarity, this, last, words, judgement, tone
    ("up_good", "120", "100", "20% more than in 2019-20 (100)", ", which is better", "better"),
    ("up_good", "80", "100", "20% fewer than in 2019-20 (100)", ", which is worse", "worse"),
    ("down_good", "120", "100", "20% more than in 2019-20 (100)", ", which is worse", "worse"),
    ("down_good", "80", "100", "20% fewer than in 2019-20 (100)", ", which is better", "better"),
    ("neither", "120", "100", "20% more than in 2019-20 (100)", "", "neutral"),
    ("neither", "80", "100", "20% fewer than in 2019-20 (100)", "", "neutral"),
]


@pytest.mark.parametrize(("polarity", "now", "before", "words", "judged", "tone"), CASES)
def test_movement_is_judged_by_polarity(polarity: str, now: str, before: str, words: str,
                                        judged: str, tone: str) -> None:
    found = describe(count(polarity), this(now), last(before))
    assert found is not None
    assert found.text == f"Referrals in 2020-21: {now}, {words}{judged}."
    assert found.tone == tone
    assert found.subject == "referrals"


@pytest.mark.parametrize("polarity", ["up_good", "down_good", "neither"])
def test_equal_values_are_the_same_and_not_judged(polarity: str) -> None:
    found = describe(count(polarity), this("100"), last("100"))
    assert text_of(found) == "Referrals in 2020-21: 100, the same as in 2019-20."
    assert found is not None and found.tone == "neutral" and not found.unusual


@pytest.mark.parametrize("polarity", ["up_good", "down_good"])
def test_a_change_within_two_percent_is_about_the_same(polarity: str) -> None:
    found = describe(count(polarity), this("1010"), last("1000"))
    assert text_of(found) == "Referrals in 2020-21: 1,010, about the same as in 2019-20 (1,000)."
    assert found is not None and found.tone == "neutral"


def test_nothing_to_set_a_figure_against_gives_no_finding() -> None:
    assert describe(count(), this("100")) is None
    assert describe(count(), this("100"), last(None)) is None
    assert findings(count(), this("100"), comparators={"national": None}) == []


def test_no_figure_this_year_gives_no_finding() -> None:
    assert describe(count(), this(None), last("100")) is None


def test_up_from_zero_is_said_and_is_unusual() -> None:
    found = describe(count("down_good"), this("4"), last("0"))
    assert text_of(found) == "Referrals in 2020-21: 4, up from 0 in 2019-20, which is worse."
    assert found is not None and found.unusual


# Units ---------------------------------------------------------------------------------------


def test_percentages_move_in_percentage_points_not_percent() -> None:
    share = Measure("in-time", "Assessments in time", "percentage", "up_good", decimals=1)
    found = text_of(describe(share, this("85.1"), last("88.3")))
    assert found == ("Assessments in time in 2020-21: 85.1%, 3.2 percentage points lower than "
                     "in 2019-20 (88.3%), which is worse.")


def test_one_percentage_point_is_singular() -> None:
    share = Measure("in-time", "Assessments in time", "percentage", "up_good")
    assert "1 percentage point higher than" in text_of(describe(share, this("41"), last("40")))


def test_rates_say_per_10000_children() -> None:
    rate = Measure("cp-rate", "Rate of child protection plans", "rate", "neither")
    found = text_of(describe(rate, this("38"), last("43"), comparators={"national": D(43)}))
    assert found == ("Rate of child protection plans in 2020-21: 38 per 10,000 children, "
                     "5 per 10,000 lower than in 2019-20 (43). That is below England (43).")


def test_days_are_longer_or_shorter() -> None:
    days = Measure("wait", "Average days to adoption", "days", "down_good")
    assert text_of(describe(days, this("287"), last("310"))) == (
        "Average days to adoption in 2020-21: 287 days, 23 days shorter than in 2019-20 "
        "(310), which is better.")
    assert "1 day longer than" in text_of(describe(days, this("31"), last("30")))


def test_counts_say_fewer_or_more_as_a_share_of_last_year() -> None:
    found = text_of(describe(count("down_good"), this("106"), last("221")))
    assert found == ("Referrals in 2020-21: 106, 52% fewer than in 2019-20 (221), "
                     "which is better.")


@pytest.mark.parametrize(("now", "words"), [
    ("200", "twice as many as in 2019-20 (100)"),
    ("943", "more than 9 times as many as in 2019-20 (100)"),
    ("210", "more than twice as many as in 2019-20 (100)"),
    ("300", "3 times as many as in 2019-20 (100)"),
    ("199", "99% more than in 2019-20 (100)"),
])
def test_a_count_that_doubled_says_how_many_times(now: str, words: str) -> None:
    found = text_of(describe(count(), this(now), last("100")))
    assert found.endswith(f", {words}.")


def test_figures_are_written_with_the_measures_decimals_and_unit() -> None:
    share = Measure("x", "X", "percentage", decimals=1)
    assert figure_text(share, D("4")) == "4.0%"
    assert figure_text(count(), D("1234")) == "1,234"
    assert figure_text(Measure("d", "D", "days"), D("1")) == "1 day"
    assert figure_text(count(), D("12"), "[i]") == "12 [i]"


def test_an_unknown_unit_is_refused() -> None:
    with pytest.raises(ValueError, match="unit"):
        Measure("x", "X", "pounds")


def test_the_change_is_worked_out_from_the_figures_as_shown() -> None:
    """85.4% and 87.4% show as 85% and 87%: the change a reader can check is 2 points."""
    share = Measure("in-time", "Assessments in time", "percentage", "up_good", decimals=0)
    assert "2 percentage points lower" in text_of(describe(share, this("85.4"), last("87.4")))


# Comparators ---------------------------------------------------------------------------------


def test_england_region_and_neighbours_are_named_and_judged() -> None:
    share = Measure("rerefs", "Re-referrals", "percentage", "down_good")
    found = describe(share, this("18"), last("21"), region="London", comparators={
        "national": D(22), "regional": D(20), "statistical_neighbours": D(15)})
    assert text_of(found) == (
        "Re-referrals in 2020-21: 18%, 3 percentage points lower than in 2019-20 (21%), which "
        "is better. That is below England (22%) and London (20%), which is better, but above "
        "statistical neighbours (15%), which is worse.")
    assert found is not None and found.tone == "neutral"  # better and worse: mixed
    assert ("London", "20%") in found.evidence


def test_a_region_without_a_name_is_the_regional_average() -> None:
    found = describe(count("up_good"), this("10"), comparators={"regional": D(12)})
    assert text_of(found) == ("Referrals in 2020-21: 10. That is below the regional average "
                              "(12), which is worse.")


def test_missing_comparators_are_left_out() -> None:
    found = describe(count("up_good"), this("10"), comparators={
        "national": None, "statistical_neighbours": D(8)})
    assert text_of(found) == ("Referrals in 2020-21: 10. That is above statistical neighbours "
                              "(8), which is better.")
    assert "England" not in text_of(found)


def test_in_line_with_england_is_not_judged() -> None:
    found = describe(count("up_good"), this("10"), comparators={"national": D("10.2")})
    assert text_of(found) == "Referrals in 2020-21: 10. That is in line with England (10)."


def test_far_from_england_is_unusual() -> None:
    near = describe(count("up_good"), this("10"), comparators={"national": D(9)})
    far = describe(count("up_good"), this("10"), comparators={"national": D(7)})
    assert near is not None and not near.unusual
    assert far is not None and far.unusual


def test_neither_polarity_compares_without_judging() -> None:
    found = describe(count(), this("10"), comparators={"national": D(7)})
    assert text_of(found) == "Referrals in 2020-21: 10. That is above England (7)."


# Targets -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("polarity", "now", "words", "tone"), [
    ("up_good", "90", "The target of 87% was met.", "better"),
    ("up_good", "85", "The target of 87% was missed by 2 percentage points.", "worse"),
    ("down_good", "85", "The target of 87% was met.", "better"),
    ("down_good", "90", "The target of 87% was missed by 3 percentage points.", "worse"),
    ("neither", "90", "The target was 87%.", "neutral"),
])
def test_targets_are_met_or_missed_by_polarity(polarity: str, now: str, words: str,
                                               tone: str) -> None:
    share = Measure("x", "Assessments in time", "percentage", polarity)
    found = describe(share, this(now), target=D(87))
    assert text_of(found) == f"Assessments in time in 2020-21: {now}%. {words}"
    assert found is not None and found.tone == tone


# Trends --------------------------------------------------------------------------------------


def years(*figures: str) -> list[Reading]:
    first = 2016
    return [Reading(D(f), f"in {first + i}-{(first + i + 1) % 100:02d}",
                    f"{first + i}-{(first + i + 1) % 100:02d}") for i, f in enumerate(figures)]


def test_the_highest_of_the_years_on_record() -> None:
    *earlier, before = years("90", "95", "80", "100")
    found = describe(count("up_good"), this("120"), before, earlier)
    assert text_of(found) == ("Referrals in 2020-21: 120, 20% more than in 2019-20 (100), "
                              "which is better; the highest of the 5 years on record.")


def test_the_lowest_of_the_years_on_record_is_judged_when_nothing_else_is() -> None:
    *earlier, before = years("90", "95", "80", "70")
    found = describe(count("down_good"), this("60"), before, earlier)
    assert text_of(found).endswith("which is better; the lowest of the 5 years on record.")


def test_a_run_of_rises() -> None:
    *earlier, before = years("200", "50", "60", "70")
    found = describe(count("neither"), this("80"), before, earlier)
    assert "rising every year since 2017-18" in text_of(found)


def test_no_trend_from_two_years() -> None:
    found = describe(count(), this("120"), last("100"))
    assert "years on record" not in text_of(found) and "every year" not in text_of(found)


# Suppressed figures in a public edition -----------------------------------------------------

WORDS_ABOUT_A_CHANGE = re.compile(
    r"more|fewer|higher|lower|longer|shorter|same|up from|highest|lowest|rising|falling")


def test_nothing_is_said_about_a_hidden_figure() -> None:
    assert describe(count(), this("4", hidden=True), last("100"),
                    comparators={"national": D(50)}, target=D(10)) is None
    assert findings(count(), this("4", hidden=True), last("100")) == []


def test_no_movement_against_a_hidden_last_year() -> None:
    """ "More than last year" about a [c] value would bound it: the movement goes, the rest
    stays."""
    found = describe(count("up_good"), this("40"), last("3", hidden=True),
                     comparators={"national": D(50)})
    assert text_of(found) == "Referrals in 2020-21: 40. That is below England (50), which is worse."
    assert not WORDS_ABOUT_A_CHANGE.search(text_of(found))
    assert describe(count(), this("40"), last("3", hidden=True)) is None


def test_no_trend_when_any_year_on_record_is_hidden() -> None:
    earlier = years("90", "3", "80")
    earlier[1] = Reading(D(3), "in 2017-18", "2017-18", hidden=True)
    found = describe(count(), this("120"), last("100"), earlier)
    assert "years on record" not in text_of(found)


@given(now=st.integers(0, 60), before=st.integers(0, 60), england=st.integers(1, 60),
       polarity=st.sampled_from(["up_good", "down_good", "neither"]))
def test_a_hidden_figure_never_appears_in_the_words(now: int, before: int, england: int,
                                                    polarity: str) -> None:
    """Whatever the figures, the public words carry no hidden value and no change to one."""
    hidden_now = describe(count(polarity), this(str(now), hidden=True), last(str(before)),
                          comparators={"national": D(england)})
    assert hidden_now is None
    found = describe(count(polarity), this(str(now)), last(str(before), hidden=True),
                     comparators={"national": D(england)})
    assert found is not None
    assert not WORDS_ABOUT_A_CHANGE.search(found.text)
    assert all(label != "2019-20" for label, _ in found.evidence)


def test_illustrative_figures_keep_their_mark() -> None:
    found = describe(count(), this("10", mark="[i]"), last("8", mark="[i]"))
    assert text_of(found) == "Referrals in 2020-21: 10 [i], 25% more than in 2019-20 (8 [i])."


# Unusual and the order of a list ------------------------------------------------------------


def test_a_change_beyond_the_change_alert_is_unusual() -> None:
    small = describe(count(change_alert=0.25), this("120"), last("100"))
    large = describe(count(change_alert=0.25), this("130"), last("100"))
    tight = describe(count(change_alert=0.1), this("120"), last("100"))
    assert small is not None and not small.unusual
    assert large is not None and large.unusual
    assert tight is not None and tight.unusual


def test_separate_findings_one_per_comparison() -> None:
    found = findings(count("up_good"), this("120"), last("100"), comparators={"national": D(200)},
                     target=D(110))
    assert [f.text for f in found] == [
        "Referrals in 2020-21: 120, 20% more than in 2019-20 (100), which is better.",
        "Referrals in 2020-21: 120. That is below England (200), which is worse.",
        "Referrals in 2020-21: 120. The target of 110 was met.",
    ]
    assert [f.unusual for f in found] == [False, True, False]


def test_most_telling_puts_unusual_first_then_judged_and_keeps_the_order_otherwise() -> None:
    plain = Finding("a", "plain")
    judged = Finding("b", "judged", tone="worse")
    odd = Finding("c", "odd", unusual=True)
    later = Finding("d", "later")
    assert most_telling([plain, judged, later, odd]) == [odd, judged, plain, later]
    assert most_telling([plain, judged, later, odd], limit=2) == [odd, judged]
