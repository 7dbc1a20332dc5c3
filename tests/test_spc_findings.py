"""SPC signals in words (lscp/insight/findings/signals.py) and the XmR chart's text alternative
and table (lscp/insight/spc_chart.py): one sentence per rule, on the series of tests/test_spc.py
whose limits are worked out there."""

from __future__ import annotations

import pytest

from lscp.insight.findings.signals import (
    period_words,
    signal_findings,
    span_words,
    unit_words,
)
from lscp.insight.spc import Point, analyse
from lscp.insight.spc_chart import COLOURS, spc_chart
from tests.test_spc import SERIES, series


def fmt(value: float) -> str:
    return f"{value:,.1f}"


def quarters(n: int) -> list[str]:
    return [f"{2010 + i // 4}-{(i // 4 + 11) % 100:02d}-Q{i % 4 + 1}" for i in range(n)]


def texts(rule: str, polarity: str = "down_good", title: str = "Referrals") -> list[str]:
    return [f.text for f in signal_findings("referrals", title, analyse(series(SERIES[rule]),
                                                                          polarity), fmt)]


@pytest.mark.parametrize(("label", "words"), [
    ("2021-03", "March 2021"), ("2020-21-Q4", "January to March 2021"),
    ("2020-21-Q3", "October to December 2020"), ("2020-21-H2", "October 2020 to March 2021"),
    ("2020-21", "2020-21"), ("week 3", "week 3")])
def test_period_labels_are_written_as_people_say_them(label: str, words: str) -> None:
    assert period_words(label) == words


def test_spans_and_counts() -> None:
    assert span_words("2020-04", "2020-10") == "April to October 2020"
    assert span_words("2020-11", "2021-02") == "November 2020 to February 2021"
    assert span_words("2020-21-Q1", "2020-21-Q4") == "April 2020 to March 2021"
    assert unit_words("2021-03", 7) == "7 months" and unit_words("2020-21-Q4", 1) == "1 quarter"
    assert unit_words("week 3", 2) == "2 points"


def test_a_point_beyond_a_limit() -> None:
    assert texts("beyond_limit") == [
        "Referrals in November 2020, 20.0, are above the upper process limit (17.8): "
        "special cause, concerning."]
    assert texts("beyond_limit", "up_good", "Rate of referrals") == [
        "Rate of referrals in November 2020, 20.0, is above the upper process limit (17.8): "
        "special cause, improving."]


def test_a_shift() -> None:
    assert texts("shift", "neither") == [
        "Referrals were above the mean (11.2) for 7 months in a row, May to November 2020: "
        "a shift, special cause, neither improving nor concerning."]


def test_a_trend() -> None:
    assert texts("trend") == [
        "Referrals rose month after month for 7 months, from 8.9 in May 2020 to 13.1 in "
        "November 2020: a trend, special cause, concerning."]


def test_two_of_three() -> None:
    assert texts("two_of_three", "up_good") == [
        "Referrals in September 2020 and November 2020, 17.0 and 17.0, are close to the upper "
        "process limit (18.7), two of three months in a row: special cause, improving."]


def test_quarters_are_written_as_their_months() -> None:
    points = [Point(q, v) for q, v in zip(quarters(20), SERIES["shift"], strict=True)]
    (finding,) = signal_findings("x", "Referrals", analyse(points, "up_good"), fmt)
    assert "for 7 quarters in a row, July 2013 to March 2015: a shift" in finding.text


def test_a_finding_carries_its_tone_and_evidence() -> None:
    result = analyse(series(SERIES["beyond_limit"]), "down_good")
    (finding,) = signal_findings("csc-referrals", "Referrals", result, fmt)
    assert finding.subject == "csc-referrals" and finding.unusual and finding.tone == "worse"
    assert finding.evidence == (("November 2020", "20.0"), ("Mean", "11.4"),
                                ("Lower process limit", "5.0"), ("Upper process limit", "17.8"))
    (good,) = signal_findings("x", "Referrals", analyse(series(SERIES["beyond_limit"]),
                                                        "up_good"), fmt)
    assert good.tone == "better"


def test_too_few_points_say_so() -> None:
    points = [Point(q, v) for q, v in zip(quarters(12), SERIES["shift"][:12], strict=True)]
    (finding,) = signal_findings("x", "Referrals", analyse(points, "up_good"), fmt)
    assert finding.text == ("Referrals: 12 quarters on record; statistical process control "
                            "needs at least 15 to draw process limits, so no signal is read yet.")
    assert not finding.unusual and finding.tone == "neutral"


def test_common_cause_has_no_finding() -> None:
    assert signal_findings("x", "Referrals", analyse(series([10.0, 12.0] * 10), "up_good"),
                           fmt) == []


def test_the_chart_has_a_summary_a_table_and_colours_by_meaning() -> None:
    result = analyse(series(SERIES["beyond_limit"]), "down_good")
    chart = spc_chart("MASH enquiries", "number", result, fmt)
    assert chart.summary == (
        "XmR chart of MASH enquiries: 20 months, April 2019 to November 2020. Mean 11.4, "
        "process limits 5.0 to 17.8. 1 special-cause signal: above the upper process limit "
        "(November 2020). Latest point: special cause, concerning: high. The table below gives "
        "every point with its mean, limits and signal.")
    assert chart.head == ["Period", "Value", "Mean", "Lower process limit",
                          "Upper process limit", "Signal"]
    assert len(chart.rows) == 20
    assert chart.rows[-1] == ["November 2020", "20.0", "11.4", "5.0", "17.8",
                              "Above the upper process limit (concerning)"]
    assert chart.rows[0][-1] == "Common cause"
    values = chart.spec["datasets"][next(iter(chart.spec["datasets"]))] \
        if "datasets" in chart.spec else chart.spec["data"]["values"]
    marked = {row["period"]: row["signal"] for row in values}
    assert marked["November 2020"] == "Concerning" and marked["April 2019"] == "Common cause"
    assert COLOURS["Concerning"] != COLOURS["Improving"]


def test_a_short_series_chart_says_why_it_has_no_limits() -> None:
    result = analyse(series([10.0, 12.0] * 5), "up_good")
    chart = spc_chart("Referrals", "number", result, fmt)
    assert "Too few points for process limits (10; at least 15 are needed)" in chart.summary
    assert chart.rows[0] == ["April 2019", "10.0", "–", "–", "–", "–"]


def test_a_gap_is_a_dash_in_the_table() -> None:
    values: list[float | None] = [*SERIES["shift"][:5], None, *SERIES["shift"][5:]]
    chart = spc_chart("Referrals", "number", analyse(series(values), "up_good"), fmt)
    assert chart.rows[5][1] == "–" and chart.rows[5][2] != "–"
