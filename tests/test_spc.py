"""Statistical process control (lscp/insight/spc.py): each Making Data Count rule pinned on a
series built so that it, and only it, fires; too few points, gaps, a constant series, step
changes, polarity and assurance; and properties any XmR chart must have.

The base series alternates 10 and 12: its mean is 11 and every moving range 2, so its
limits are 11 ± 2.66 × 2 = 5.68 to 16.32 and nothing in it signals. Each rule's series
changes a few points of it; the assertions say why the rule fires (the limits it is read
against) as well as that it alone fires.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lscp.insight.spc import (
    Point,
    analyse,
    assurance_label,
    meaning_of,
    variation_label,
)


def months(n: int, start: tuple[int, int] = (2019, 4)) -> list[str]:
    year, month = start
    labels = []
    for _ in range(n):
        labels.append(f"{year}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return labels


def series(values: list[float | None]) -> list[Point]:
    return [Point(label, v) for label, v in zip(months(len(values)), values, strict=True)]


BASE = [10.0, 12.0] * 10
SERIES = {
    # the last point, 20, is above the upper limit (17.84 with it)
    "beyond_limit": [10.0, 12.0] * 9 + [10.0, 20.0],
    # 7 points (11.5 and 12, not rising) above the mean of 11.2, none near a limit
    "shift": [10.0, 12.0] * 6 + [10.0, 11.5, 12, 11.5, 12, 11.5, 12, 11.5],
    # 7 points each higher than the one before, crossing the mean, inside the limits
    "trend": [10.0, 12.0] * 6 + [10.0, 8.9, 9.6, 10.3, 11.0, 11.7, 12.4, 13.1],
    # two of the last three (17 and 17) beyond two sigma (16.31), inside the limit (18.69)
    "two_of_three": [10.0, 12.0] * 8 + [10.0, 17.0, 11.0, 17.0],
}


def rules(values: list[float | None], polarity: str = "up_good") -> set[str]:
    return {s.rule for s in analyse(series(values), polarity).signals}


def test_the_base_series_is_common_cause() -> None:
    result = analyse(series(BASE), "up_good")
    assert result.signals == () and result.variation == "common_cause" and result.enough
    limits = result.limits[-1]
    assert limits is not None
    assert (limits.mean, limits.lower, limits.upper) == pytest.approx((11, 5.68, 16.32))
    assert (limits.near_lower, limits.near_upper) == pytest.approx((11 - 3.5467, 11 + 3.5467),
                                                                   abs=1e-3)
    assert variation_label(result) == "Common cause"


@pytest.mark.parametrize("rule", list(SERIES))
def test_each_rule_has_a_series_where_only_it_fires(rule: str) -> None:
    assert rules(SERIES[rule]) == {rule}


def test_beyond_limit_names_the_point_and_its_side() -> None:
    result = analyse(series(SERIES["beyond_limit"]), "up_good")
    (signal,) = result.signals
    limits = result.limits_at("2020-11")
    assert limits is not None and 20 > limits.upper == pytest.approx(17.84)
    assert (signal.labels, signal.direction, signal.meaning) == (("2020-11",), "high", "improving")
    low = analyse(series([10.0, 12.0] * 9 + [12.0, 2.0]), "up_good")
    assert [(s.rule, s.direction, s.meaning) for s in low.signals] == [
        ("beyond_limit", "low", "concerning")]


def test_a_shift_is_the_whole_run_on_one_side_of_the_mean() -> None:
    result = analyse(series(SERIES["shift"]), "down_good")
    (signal,) = result.signals
    assert signal.labels == tuple(months(20)[13:])  # May to November 2020
    assert signal.direction == "high" and signal.meaning == "concerning"
    limits = result.limits[-1]
    assert limits is not None
    assert all(limits.mean < v < limits.near_upper for v in SERIES["shift"][13:])
    six = [10.0, 12.0] * 7 + [10.0, 11.5, 12, 11.5, 12, 11.5]  # one short: no shift
    assert rules(six) == set()


def test_a_point_on_the_mean_breaks_a_shift() -> None:
    values = list(SERIES["shift"])
    others = values[:16] + values[17:]
    mean = math.fsum(others) / len(others)  # with it in, the series' mean is this too
    values[16] = mean  # the middle of the seven
    result = analyse(series(values), "up_good")
    assert result.limits[-1] is not None
    assert result.limits[-1].mean == pytest.approx(mean)
    assert "shift" not in {s.rule for s in result.signals}


def test_a_trend_counts_points_not_steps_and_needs_seven() -> None:
    result = analyse(series(SERIES["trend"]), "up_good")
    (signal,) = result.signals
    assert signal.labels == tuple(months(20)[13:]) and signal.direction == "high"
    falling = [10.0, 12.0] * 6 + [12.0, 13.1, 12.4, 11.7, 11.0, 10.3, 9.6, 8.9]
    assert [(s.rule, s.direction, s.meaning) for s in analyse(series(falling), "up_good").signals
            ] == [("trend", "low", "concerning")]
    six = [10.0, 12.0] * 7 + [9.6, 10.3, 11.0, 11.7, 12.4, 13.1]
    assert rules(six) == set()
    flat = list(SERIES["trend"])
    flat[16] = flat[15]  # two equal points in a row break the run
    assert rules(flat) == set()


def test_two_of_three_needs_two_beyond_two_sigma_on_the_same_side() -> None:
    result = analyse(series(SERIES["two_of_three"]), "up_good")
    (signal,) = result.signals
    limits = result.limits[-1]
    assert limits is not None and limits.near_upper < 17 < limits.upper
    assert signal.labels == ("2020-09", "2020-11") and signal.direction == "high"
    one_only = [10.0, 12.0] * 8 + [10.0, 17.0, 11.0, 12.0]
    assert rules(one_only) == set()
    both_sides = [10.0, 12.0] * 8 + [10.0, 17.0, 11.0, 5.0]
    assert "two_of_three" not in rules(both_sides)


def test_two_points_beyond_the_limit_are_two_signals_not_three() -> None:
    values = [10.0, 12.0] * 8 + [10.0, 11.0, 17.5, 17.5]
    result = analyse(series(values), "up_good")
    assert [s.rule for s in result.signals] == ["beyond_limit", "beyond_limit"]


def test_fewer_than_fifteen_points_draw_no_limits_and_say_so() -> None:
    values = [10.0, 12.0] * 7  # 14 points, the last one far out
    values[-1] = 40.0
    result = analyse(series(values), "up_good")
    assert not result.enough and result.limits == (None,) * 14
    assert result.signals == ()  # not even a shift or trend: no settled mean to read against
    assert result.variation == "not_enough"
    assert result.note == ("14 values: process limits need at least 15, so none are drawn "
                           "and no signal is read yet.")
    assert variation_label(result) == "Not enough points for process limits"
    assert analyse(series([*values, 11.0]), "up_good").enough  # the 15th point
    assert analyse(series(values), "up_good", minimum=10).enough


def test_gaps_keep_their_place_and_are_skipped_by_every_rule() -> None:
    values: list[float | None] = list(SERIES["shift"])
    with_gaps = values[:3] + [None] + values[3:15] + [None, None] + values[15:]
    plain = analyse(series(values), "up_good")
    gapped = analyse(series(with_gaps), "up_good")
    assert len(gapped.points) == len(with_gaps) and gapped.points[3].value is None
    assert gapped.limits[-1] == plain.limits[-1]  # the moving range joins across the gap
    (signal,) = gapped.signals
    assert signal.rule == "shift" and len(signal.labels) == 7
    labels = months(len(with_gaps))
    assert labels[16] not in signal.labels and labels[15] in signal.labels
    assert gapped.limits[3] == gapped.limits[-1]  # a gap sits inside its segment's limits


def test_gaps_do_not_count_towards_the_minimum() -> None:
    values: list[float | None] = [10.0, 12.0] * 7 + [None, None]
    assert not analyse(series(values), "neither").enough


@pytest.mark.parametrize("value", [5.0, 0.1, 1234.567])
def test_a_constant_series_has_limits_on_its_mean_and_no_signal(value: float) -> None:
    result = analyse(series([value] * 20), "up_good")
    limits = result.limits[-1]
    assert limits is not None and limits.mean == limits.lower == limits.upper == value
    assert result.signals == () and result.variation == "common_cause"
    assert "moving range is 0" in result.note


def test_steps_recalculate_the_limits_for_each_segment() -> None:
    values = [10.0, 12.0] * 10 + [20.0, 22.0] * 10
    labels = months(40)
    without = analyse(series(values), "up_good")
    assert "shift" in {s.rule for s in without.signals}  # a step read as one process
    result = analyse(series(values), "up_good", steps=[labels[20]])
    assert result.signals == () and result.steps == (labels[20],)
    first, second = result.limits[0], result.limits[-1]
    assert first is not None and second is not None
    assert (first.mean, second.mean) == (11, 21)
    assert result.limits[19] == first and result.limits[20] == second
    assert "recalculated from the recorded step change" in result.note


def test_a_step_between_labels_starts_at_the_next_point() -> None:
    values = [10.0, 12.0] * 10 + [20.0, 22.0] * 10
    quarters = [f"{2010 + i // 4}-{(i // 4 + 11) % 100:02d}-Q{i % 4 + 1}" for i in range(40)]
    points = [Point(q, v) for q, v in zip(quarters, values, strict=True)]
    result = analyse(points, "up_good", steps=["2015-16-Q1"])  # quarters[20]
    assert result.steps == (quarters[20],) and result.signals == ()
    assert analyse(points, "up_good", steps=["2000-01-Q1"]).steps == ()  # before the series


def test_a_new_segment_needs_its_own_fifteen_points() -> None:
    values = [10.0, 12.0] * 9 + [10.0, 20.0] + [20.0, 22.0] * 5
    labels = months(30)
    result = analyse(series(values), "up_good", steps=[labels[20]])
    assert not result.enough and result.variation == "not_enough"
    assert result.limits[-1] is None and result.limits[0] is not None
    assert [s.labels for s in result.signals] == [(labels[19],)]  # the first segment's
    assert "10 values since the step change" in result.note


@pytest.mark.parametrize(("polarity", "high", "low"), [
    ("up_good", "improving", "concerning"), ("down_good", "concerning", "improving"),
    ("neither", "neither", "neither")])
def test_polarity_says_what_a_signal_means(polarity: str, high: str, low: str) -> None:
    assert (meaning_of("high", polarity), meaning_of("low", polarity)) == (high, low)
    result = analyse(series(SERIES["beyond_limit"]), polarity)
    assert result.signals[0].meaning == high and result.variation == high
    words = {"improving": "Special cause, improving: high",
             "concerning": "Special cause, concerning: high",
             "neither": "Special cause, neither improving nor concerning: high"}
    assert variation_label(result) == words[high]


def test_variation_reads_the_latest_point_only() -> None:
    values = [10.0, 12.0] * 5 + [20.0] + [12.0, 10.0] * 5
    result = analyse(series(values), "down_good")
    assert [s.rule for s in result.signals] == ["beyond_limit"]
    assert result.variation == "common_cause"
    result = analyse(series([*values[:-1], None]), "down_good")  # a gap at the end
    assert result.variation == "common_cause"


@pytest.mark.parametrize(("polarity", "target", "assurance"), [
    ("up_good", 5.0, "met"), ("up_good", 20.0, "missed"), ("up_good", 11.0, "hit_and_miss"),
    ("down_good", 20.0, "met"), ("down_good", 5.0, "missed"),
    ("down_good", 16.0, "hit_and_miss"), ("up_good", None, "no_target"),
    ("neither", 11.0, "no_target")])
def test_assurance_against_a_target(polarity: str, target: float | None,
                                    assurance: str) -> None:
    result = analyse(series(BASE), polarity, target=target)  # limits 5.68 to 16.32
    assert result.assurance == assurance
    if polarity == "neither":
        assert "target is not judged" in result.note
    labels = {"met": "Consistently meets the target", "missed": "Consistently misses the target",
              "hit_and_miss": "Hit and miss", "no_target": "No target"}
    assert assurance_label(result) == labels[assurance]


def test_assurance_needs_limits() -> None:
    result = analyse(series(BASE[:10]), "up_good", target=5.0)
    assert result.assurance == "not_enough"


def test_a_minimum_below_two_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 2"):
        analyse(series(BASE), "up_good", minimum=1)


# Properties ------------------------------------------------------------------------------

values_strategy = st.lists(st.integers(min_value=-500, max_value=500), min_size=15, max_size=40)


def _shape(values: list[float | None], polarity: str = "up_good") -> list[tuple[object, ...]]:
    return [(s.rule, s.labels, s.direction) for s in analyse(series(values), polarity).signals]


@settings(max_examples=60, deadline=None)
@given(values_strategy, st.integers(min_value=-1000, max_value=1000))
def test_moving_every_value_by_the_same_amount_changes_no_signal(values: list[int],
                                                                 shift: int) -> None:
    as_float: list[float | None] = [float(v) for v in values]
    moved: list[float | None] = [float(v + shift) for v in values]
    assert _shape(moved) == _shape(as_float)


@settings(max_examples=60, deadline=None)
@given(values_strategy, st.integers(min_value=1, max_value=50))
def test_scaling_changes_no_signal(values: list[int], factor: int) -> None:
    assert _shape([float(v * factor) for v in values]) == _shape([float(v) for v in values])


@settings(max_examples=60, deadline=None)
@given(values_strategy)
def test_turning_a_series_upside_down_swaps_high_and_low(values: list[int]) -> None:
    flipped = {"high": "low", "low": "high"}
    upside_down = [(r, labels, flipped[str(d)]) for r, labels, d in _shape([float(-v)
                                                                           for v in values])]
    assert sorted(upside_down) == sorted(_shape([float(v) for v in values]))


@settings(max_examples=60, deadline=None)
@given(values_strategy)
def test_up_good_and_down_good_read_the_same_signals_the_other_way(values: list[int]) -> None:
    up = analyse(series([float(v) for v in values]), "up_good")
    down = analyse(series([float(v) for v in values]), "down_good")
    swap = {"improving": "concerning", "concerning": "improving"}
    assert [swap[s.meaning] for s in up.signals] == [s.meaning for s in down.signals]
    assert [s.labels for s in up.signals] == [s.labels for s in down.signals]


@settings(max_examples=60, deadline=None)
@given(values_strategy, st.sets(st.integers(min_value=0, max_value=45), max_size=5))
def test_gaps_change_no_limit_and_no_signal(values: list[int], where: set[int]) -> None:
    gapped: list[float | None] = [float(v) for v in values]
    for i in sorted(where, reverse=True):
        gapped.insert(min(i, len(gapped)), None)
    labels = months(len(gapped))
    present = [label for label, v in zip(labels, gapped, strict=True) if v is not None]
    plain = analyse(series([float(v) for v in values]), "up_good")
    with_gaps = analyse(series(gapped), "up_good")
    rename = dict(zip(months(len(values)), present, strict=True))
    assert [(s.rule, tuple(rename[x] for x in s.labels)) for s in plain.signals] == [
        (s.rule, s.labels) for s in with_gaps.signals]
    assert with_gaps.limits[-1] == plain.limits[-1]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), min_size=0,
                max_size=40))
def test_limits_bracket_the_mean_and_short_series_never_signal(values: list[float]) -> None:
    result = analyse(series(list(values)), "neither")
    for limits in result.limits:
        assert limits is None or limits.lower <= limits.mean <= limits.upper
    if len(values) < 15:
        assert result.signals == () and not result.enough
