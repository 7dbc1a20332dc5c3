"""Plain-Python statistics: suppression, polarity-aware comparison, periods, rates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lscp.insight.compare import Judgement, Rag, against, movement, rag
from lscp.insight.figures import rate_per_10000
from lscp.insight.periods import ended_by, parse_period, previous
from lscp.insight.suppression import is_disclosive, suppress_group


def test_primary_suppression_hides_one_to_five_not_zero() -> None:
    assert [is_disclosive(n, 5) for n in (0, 1, 5, 6, None)] == [False, True, True, False, False]
    assert is_disclosive(9, 10)


def test_a_single_hidden_part_takes_the_next_smallest_with_it() -> None:
    hide_total, hidden = suppress_group(100, [3, 40, 12, 45], 5)
    assert not hide_total
    assert hidden == [True, False, True, False]


def test_zeros_are_shown_and_do_not_count_as_cover() -> None:
    hide_total, hidden = suppress_group(50, [0, 2, 48], 5)
    assert hidden == [False, True, True]
    assert not hide_total


def test_when_no_part_can_cover_the_total_is_hidden() -> None:
    hide_total, hidden = suppress_group(3, [3, 0], 5)
    assert hide_total and hidden == [True, False]
    hide_total, hidden = suppress_group(40, [3, 0, 0], 5)
    assert hide_total and hidden == [True, False, False]


@given(st.lists(st.integers(min_value=0, max_value=40), min_size=2, max_size=8),
       st.integers(min_value=1, max_value=10))
def test_no_hidden_cell_can_be_worked_out_from_the_rest(parts: list[int], threshold: int) -> None:
    total = sum(parts)
    hide_total, hidden = suppress_group(total, parts, threshold)
    for part, hide in zip(parts, hidden, strict=True):
        if is_disclosive(part, threshold):
            assert hide  # every small count is hidden
    if not hide_total:
        # With the total known, one hidden cell alone could be worked out by subtraction.
        assert sum(hidden) != 1


def test_direction_respects_polarity() -> None:
    assert movement(Decimal(90), Decimal(80), "up_good").judgement == Judgement.BETTER
    assert movement(Decimal(90), Decimal(80), "down_good").judgement == Judgement.WORSE
    assert movement(Decimal(81), Decimal(80), "down_good").judgement == Judgement.SIMILAR
    assert movement(Decimal(90), Decimal(80), "neither").judgement == Judgement.NOT_JUDGED


def test_rag_and_sentences_respect_polarity() -> None:
    assert rag(Decimal(38), Decimal(43), "down_good") == Rag.GREEN
    assert rag(Decimal(38), Decimal(43), "up_good") == Rag.RED
    assert rag(Decimal(85), Decimal(87), "up_good") == Rag.AMBER
    assert rag(Decimal(38), Decimal(43), "neither") == Rag.NONE
    assert against(Decimal(38), Decimal(43), "neither", "national rate", "43") == (
        "below the national rate of 43")
    assert against(Decimal(90), Decimal(87), "up_good", "national average", "87%") == (
        "above the national average of 87% (better)")
    assert against(Decimal(90), Decimal(87), "down_good", "national average", "87%") == (
        "above the national average of 87% (worse)")


def test_rates_per_10000() -> None:
    assert rate_per_10000(283, 75000) == Decimal(38)
    assert rate_per_10000(341, 75000) == Decimal(45)
    assert rate_per_10000(2364, 75000) == Decimal(315)
    assert rate_per_10000(283, 75000, 1) == Decimal("37.7")
    assert rate_per_10000(1, 0) is None


@pytest.mark.parametrize(("key", "start", "end", "before"), [
    ("2021-03", "2021-03-01", "2021-03-31", "2021-02"),
    ("2020-21-Q1", "2020-04-01", "2020-06-30", "2019-20-Q4"),
    ("2020-21-Q4", "2021-01-01", "2021-03-31", "2020-21-Q3"),
    ("2020-21", "2020-04-01", "2021-03-31", "2019-20"),
])
def test_periods(key: str, start: str, end: str, before: str) -> None:
    period = parse_period(key)
    assert (str(period.start), str(period.end)) == (start, end)
    assert previous(period).key == before


def test_a_bad_period_says_what_to_write() -> None:
    with pytest.raises(ValueError, match="use 2021-03 \\(month\\), 2020-21-Q4"):
        parse_period("Q4 2020")


def test_periods_ended_by_a_day_are_newest_first_quarters_before_their_year() -> None:
    keys = [p.key for p in ended_by(["2020-21", "2021-22"], dt.date(2021, 6, 30))]
    assert keys == ["2021-22-Q1", "2020-21-Q4", "2020-21", "2020-21-Q3", "2020-21-Q2", "2020-21-Q1"]
    assert ended_by(["2021-22"], dt.date(2021, 6, 29)) == []
