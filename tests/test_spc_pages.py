"""Statistical process control on the dataset's records: the demo's monthly front-door series
read in words, the indicator page's chart, icons and table, step changes from the catalogue,
and the emerging-risk list on the business unit's and the Board's home pages.

The demo's three monthly series run April 2019 to March 2021 (24 months; the 2019-20 months
are illustrative, lscp/demo/bundle/NOTES.md). Their polarity is "neither", so every signal
is "neither improving nor concerning". What analyse() finds in them is pinned below.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from decimal import Decimal
from pathlib import Path

import pytest
from django.test import Client

from lscp.dataset import spc_series, views
from lscp.dataset.catalogue import read_catalogue
from lscp.dataset.models import Indicator, Target, Value
from lscp.dataset.spc_series import current_signals, indicator_points, indicator_spc
from lscp.insight.findings.signals import signal_findings

pytestmark = pytest.mark.django_db

MONTHS = [f"2019-{m:02d}" for m in range(4, 13)] + [f"2020-{m:02d}" for m in range(1, 13)] + [
    f"2021-{m:02d}" for m in range(1, 4)]

# What the demo's series say, as analyse() reads them.
DEMO_FINDINGS = {
    "mash-enquiries": [
        "MASH enquiries received in March 2021, 1,023, are above the upper process limit "
        "(925): special cause, neither improving nor concerning."],
    "mash-conversion-to-assessment": [
        "MASH enquiries referred on for a social work assessment were above the mean (39%) "
        "for 7 months in a row, September 2019 to March 2020: a shift, special cause, neither "
        "improving nor concerning.",
        "MASH enquiries referred on for a social work assessment in May 2020, 28%, are below "
        "the lower process limit (31%): special cause, neither improving nor concerning.",
        "MASH enquiries referred on for a social work assessment in June 2020, 28%, are below "
        "the lower process limit (31%): special cause, neither improving nor concerning.",
        "MASH enquiries referred on for a social work assessment in May 2020, June 2020 and "
        "July 2020, 28%, 28% and 33%, are close to or beyond the lower process limit (31%), "
        "two of three months in a row: special cause, neither improving nor concerning.",
        "MASH enquiries referred on for a social work assessment rose month after month for "
        "9 months, from 28% in May 2020 to 46% in January 2021: a trend, special cause, "
        "neither improving nor concerning."],
    "icpcs": [
        "Children subject of an initial child protection conference in August 2020, 11, are "
        "below the lower process limit (12): special cause, neither improving nor concerning."],
}


def findings(demo, code: str) -> list[str]:  # type: ignore[no-untyped-def]
    indicator = Indicator.objects.get(code=code)
    result = indicator_spc(demo, indicator)
    return [f.text for f in signal_findings(code, indicator.title, result,
                                            spc_series.formatter(indicator))]


def test_the_demo_monthly_series_have_24_points_each(demo) -> None:  # type: ignore[no-untyped-def]
    for code in DEMO_FINDINGS:
        points = indicator_points(demo, Indicator.objects.get(code=code))
        assert [p.label for p in points] == MONTHS, code
        assert all(p.value is not None for p in points)
    enquiries = indicator_points(demo, Indicator.objects.get(code="mash-enquiries"))
    assert sum(p.value or 0 for p in enquiries[:12]) == 8320  # 2019-20, below 2020-21's 9,143
    assert sum(p.value or 0 for p in enquiries[12:]) == 9143
    conferences = indicator_points(demo, Indicator.objects.get(code="icpcs"))
    assert sum(p.value or 0 for p in conferences[:12]) == 398  # the derived 2019-20 total


@pytest.mark.parametrize("code", list(DEMO_FINDINGS))
def test_what_the_demo_series_say(demo, code: str) -> None:  # type: ignore[no-untyped-def]
    result = indicator_spc(demo, Indicator.objects.get(code=code))
    assert result.enough and result.assurance == "no_target"
    assert findings(demo, code) == DEMO_FINDINGS[code]


def test_the_demo_enquiries_chart(demo) -> None:  # type: ignore[no-untyped-def]
    result = indicator_spc(demo, Indicator.objects.get(code="mash-enquiries"))
    limits = result.latest_limits
    assert limits is not None
    values = [p.value or 0 for p in result.points]
    assert limits.mean == pytest.approx(sum(values) / 24)
    assert limits.upper < 1023 and max(values[:-1]) < limits.upper
    assert result.variation == "neither"


def test_a_yearly_indicator_has_no_points(demo) -> None:  # type: ignore[no-untyped-def]
    assert indicator_points(demo, Indicator.objects.get(code="cp-plans")) == []


def test_a_missing_month_is_a_gap(demo) -> None:  # type: ignore[no-untyped-def]
    icpcs = Indicator.objects.get(code="icpcs")
    Value.objects.filter(indicator=icpcs, period="2020-06", category="").delete()
    points = indicator_points(demo, icpcs)
    assert len(points) == 24 and points[14].label == "2020-06" and points[14].value is None
    assert indicator_points(demo, icpcs, as_of=dt.date(2020, 12, 31))[-1].label == "2020-12"


def test_current_signals_newest_first_within_three_periods(demo) -> None:  # type: ignore[no-untyped-def]
    found = current_signals(demo, dt.date(2021, 6, 30))
    assert [(s.code, s.signal.rule, s.period) for s in found] == [
        ("mash-enquiries", "beyond_limit", "2021-03"),
        ("mash-conversion-to-assessment", "trend", "2021-01")]
    assert found[0].finding.text == DEMO_FINDINGS["mash-enquiries"][0]
    assert found[0].indicator.title == "MASH enquiries received"
    # At the end of October 2020 the series end there: August's conferences are current.
    october = current_signals(demo, dt.date(2020, 10, 31))
    assert ("icpcs", "beyond_limit", "2020-08") in [
        (s.code, s.signal.rule, s.period) for s in october]
    assert all(s.period >= "2020-08" for s in october)


def test_the_indicator_page_shows_the_chart_icons_and_table(manager: Client, demo) -> None:  # type: ignore[no-untyped-def]
    response = manager.get("/dataset/indicators/mash-enquiries/")
    html = response.content.decode()
    assert "Signal or noise: statistical process control" in html
    assert "Special cause, neither improving nor concerning: high" in html
    assert DEMO_FINDINGS["mash-enquiries"][0] in html
    assert 'alt="XmR chart of MASH enquiries received: 24 months, April 2019 to March 2021.' in html
    panel = response.context["spc"]
    assert panel.chart.head == ["Period", "Value", "Mean", "Lower process limit",
                                "Upper process limit", "Signal"]
    assert len(panel.chart.rows) == 24
    assert panel.chart.rows[-1] == [
        "March 2021", "1,023", "728", "531", "925",
        "Above the upper process limit (neither improving nor concerning)"]
    assert "<td class=\"govuk-table__cell\">Above the upper process limit" in html
    assert panel.illustrative and "Some of these values are illustrative" in html
    assert panel.image[:8] == b"\x89PNG\r\n\x1a\n"


def test_common_cause_on_the_conference_page(manager: Client, demo) -> None:  # type: ignore[no-untyped-def]
    html = manager.get("/dataset/indicators/icpcs/").content.decode()
    assert ">Variation</dt>" in html and "</svg> Common cause</dd>" in html
    assert DEMO_FINDINGS["icpcs"][0] in html


def test_a_yearly_indicator_page_has_no_spc(manager: Client, demo) -> None:  # type: ignore[no-untyped-def]
    response = manager.get("/dataset/indicators/cp-plans/")
    assert response.context["spc"] is None
    assert "statistical process control" not in response.content.decode()


def _quarters(demo, code: str, values: list[int], target: int | None = None) -> Indicator:  # type: ignore[no-untyped-def]
    """Quarterly figures from 2017-18 Q1 onwards (the demo has none), and a 2020-21 target."""
    indicator = Indicator.objects.get(code=code)
    for i, value in enumerate(values):
        year = 2017 + i // 4
        Value.objects.create(partnership=demo, indicator=indicator, value=Decimal(value),
                             period=f"{year}-{(year + 1) % 100:02d}-Q{i % 4 + 1}")
    if target is not None:
        Target.objects.create(partnership=demo, indicator=indicator, year="2020-21",
                              value=Decimal(target))
    return indicator


def test_a_quarterly_indicator_with_a_target_inside_its_limits_is_hit_and_miss(  # type: ignore[no-untyped-def]
        manager: Client, demo) -> None:
    caf = _quarters(demo, "caf-logged", [100, 120] * 8, target=112)  # limits 57 to 163
    result = indicator_spc(demo, caf)
    assert result.target == 112 and result.assurance == "hit_and_miss"
    html = manager.get("/dataset/indicators/caf-logged/").content.decode()
    assert ">Assurance</dt>" in html and "</svg> Hit and miss</dd>" in html
    assert "</svg> Common cause</dd>" in html
    assert "January to March 2021" in html  # quarters in words in the table


def test_a_quarterly_indicator_with_too_few_quarters_says_so(manager: Client, demo) -> None:  # type: ignore[no-untyped-def]
    _quarters(demo, "caf-logged", [100, 120] * 5)
    html = manager.get("/dataset/indicators/caf-logged/").content.decode()
    assert ("Early help assessments (CAF) logged: 10 quarters on record; statistical process "
            "control needs at least 15 to draw process limits, so no signal is read yet.") in html
    assert "process limits need at least 15" in html
    assert ">Variation</dt>" not in html  # no icon without limits


def test_a_recorded_step_recalculates_the_limits_on_the_page(manager: Client, demo) -> None:  # type: ignore[no-untyped-def]
    icpcs = Indicator.objects.get(code="icpcs")
    icpcs.steps = [["2020-04", "Conferences moved online"]]
    icpcs.save()
    result = indicator_spc(demo, icpcs)
    assert result.steps == ("2020-04",) and not result.enough  # 12 months either side
    assert result.limits == (None,) * 24 and result.signals == ()
    html = manager.get("/dataset/indicators/icpcs/").content.decode()
    assert "from April 2020: Conferences moved online" in html
    assert "12 values since the step change" in html


def test_the_catalogue_reads_and_checks_steps(tmp_path: Path) -> None:
    (tmp_path / "t.toml").write_text(textwrap.dedent('''
        theme = "t"
        title = "T"
        [[indicator]]
        code = "monthly-one"
        title = "Monthly"
        definition = "d"
        unit = "count"
        polarity = "neither"
        owner_sector = "police"
        frequency = "monthly"
        source = "s"
        steps = [{ period = "2020-04", reason = "New model" }, { period = "2019-01", reason = "Old" }]
        [[indicator]]
        code = "yearly-one"
        title = "Yearly"
        definition = "d"
        unit = "count"
        polarity = "neither"
        owner_sector = "police"
        frequency = "yearly"
        source = "s"
        steps = [{ period = "2020-04", reason = "New model" }]
        [[indicator]]
        code = "quarterly-one"
        title = "Quarterly"
        definition = "d"
        unit = "count"
        polarity = "neither"
        owner_sector = "police"
        frequency = "quarterly"
        source = "s"
        steps = [{ period = "2020-04", reason = "Wrong kind" }, { period = "2020-21-Q2" }]
        '''), encoding="utf-8")
    catalogue, problems = read_catalogue(tmp_path)
    spec = catalogue.get("monthly-one")
    assert spec is not None and spec.steps == (("2019-01", "Old"), ("2020-04", "New model"))
    messages = sorted(str(p) for p in problems)
    assert any("yearly-one" in m and "only for monthly or quarterly" in m for m in messages)
    assert any("quarterly-one" in m and "must be a quarter" in m for m in messages)
    assert any("quarterly-one" in m and "needs a period and a reason" in m for m in messages)


def test_the_shipped_catalogue_still_loads() -> None:
    _, problems = read_catalogue()
    assert problems == []


def test_the_page_builds_its_chart_once_per_data_version(monkeypatch, manager: Client,  # type: ignore[no-untyped-def]
                                                        board_member: Client, demo) -> None:
    calls = []
    real = spc_series.spc_panel

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(spc_series, "spc_panel", counting)
    assert views.spc_series is spc_series
    for client in (manager, board_member, manager):
        assert client.get("/dataset/indicators/mash-enquiries/").status_code == 200
    assert len(calls) == 1


# Home pages: emerging risk ---------------------------------------------------------------


@pytest.fixture
def _pinned(settings) -> None:  # type: ignore[no-untyped-def]
    settings.LSCP_TODAY = "2021-06-30"


@pytest.mark.usefixtures("_pinned")
@pytest.mark.parametrize("role", ["manager", "board_member"])
def test_home_lists_current_signals_newest_first(role: str, request, demo) -> None:  # type: ignore[no-untyped-def]
    client: Client = request.getfixturevalue(role)
    response = client.get("/")
    signals = response.context["attention"].signals
    assert [s.code for s in signals] == ["mash-enquiries", "mash-conversion-to-assessment"]
    html = response.content.decode()
    assert "Emerging risk: special-cause signals (2)" in html
    first = html.index(DEMO_FINDINGS["mash-enquiries"][0])
    second = html.index(DEMO_FINDINGS["mash-conversion-to-assessment"][-1])
    assert first < second
    assert 'href="/dataset/indicators/mash-enquiries/#spc"' in html
    for s in signals:
        assert client.get(f"/dataset/indicators/{s.code}/").status_code == 200


@pytest.mark.usefixtures("_pinned")
@pytest.mark.parametrize("role", ["chair", "contributor"])
def test_other_homes_do_not_list_signals(role: str, request, demo) -> None:  # type: ignore[no-untyped-def]
    client: Client = request.getfixturevalue(role)
    response = client.get("/")
    assert response.context["attention"].signals == ()
    assert "Emerging risk" not in response.content.decode()


@pytest.mark.usefixtures("_pinned")
def test_a_new_figure_changes_the_home_list(manager: Client, demo) -> None:  # type: ignore[no-untyped-def]
    assert "(2)</h3>" in manager.get("/").content.decode().split("Emerging risk", 1)[1][:60]
    march = Value.objects.get(indicator__code="mash-enquiries", period="2021-03", category="")
    march.value = Decimal(650)  # below the mean: no longer a signal, and no shift either
    march.save()
    response = manager.get("/")
    html = response.content.decode()
    assert "Emerging risk: special-cause signals (1)" in html
    assert DEMO_FINDINGS["mash-enquiries"][0] not in html
    assert [s.code for s in response.context["attention"].signals] == [
        "mash-conversion-to-assessment"]
