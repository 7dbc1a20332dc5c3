"""What the quarterly pack, the threat assessment and portfolio snapshots share: the period a
document covers, and each indicator as it stood at the period's end (its latest figure, the
benchmark it is judged against, and its statistical process control reading).

Everything is read as at the period's end: a pack for 2020-21 Q4 printed in June shows no
April figure and no signal April made. Figures come from the dataset's settled values only
(lscp/dataset/selectors.py); signals from lscp/dataset/spc_series.py, the same code the
indicator pages and the home page's emerging risks read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from lscp.dataset import selectors
from lscp.dataset.models import ComparatorKind, Indicator, Polarity, Unit
from lscp.dataset.spc_series import KINDS, formatter, indicator_spc
from lscp.insight.compare import Rag, rag
from lscp.insight.findings import Finding
from lscp.insight.findings.signals import period_words, signal_findings
from lscp.insight.periods import Period, months_of, parse_period, year_label_for
from lscp.insight.spc import Signal, SpcResult, assurance_label, variation_label
from lscp.insight.spc_chart import spc_chart
from lscp.reports.content import Chart, Table
from lscp.reports.registry import ReportContext
from lscp.reports.sections._figures import figure_text
from lscp.reports.wording import long_date

RAG_WORDS = {Rag.GREEN: "Green", Rag.AMBER: "Amber", Rag.RED: "Red", Rag.NONE: "–"}


def period_of(ctx: ReportContext) -> Period:
    """The quarter or half a document covers; its reporting year when it covers a year."""
    return parse_period(ctx.period or ctx.year.label)


def as_at(ctx: ReportContext) -> str:
    """ "31 March 2021": the day the document reads the records as at."""
    return long_date(period_of(ctx).end)


@dataclass(frozen=True)
class Reading:
    """One indicator as at a period's end."""

    indicator: Indicator
    point: selectors.Point | None  # the latest figure on record by the period's end
    covers: str  # the period that figure covers, in words ("January to March 2021")
    target: Decimal | None  # for the figure's reporting year, where it can be judged
    national: Decimal | None
    rag: Rag
    spc: SpcResult | None  # monthly and quarterly indicators only
    signals: tuple[tuple[Signal, Finding], ...]  # special causes whose last point is in the period

    @property
    def shown(self) -> str:
        return figure_text(self.indicator, self.point)

    @property
    def missed_target(self) -> bool:
        return self.target is not None and self.rag in (Rag.AMBER, Rag.RED)

    @property
    def variation(self) -> str:
        return variation_label(self.spc) if self.spc and self.spc.points else "–"

    @property
    def assurance(self) -> str:
        return assurance_label(self.spc) if self.spc and self.spc.points else "–"

    def benchmark_text(self, value: Decimal | None) -> str:
        return "–" if value is None else selectors.display(self.indicator, value)


def _within(key: str, period: Period) -> bool:
    found = parse_period(key)
    return period.start <= found.start and found.end <= period.end


def _parts(period: Period, kind: str) -> int:
    """How many months (or quarters) make up the period."""
    months = len(months_of(period))
    return months if kind == "month" else months // 3


def _combined(indicator: Indicator, points: list[selectors.Point],
              period: Period) -> selectors.Point:
    """A period's months (or quarters) as one figure: counts add up, percentages are worked
    out from their summed counts; anything else is the latest."""
    made_up = any(p.illustrative for p in points)
    if indicator.unit == Unit.COUNT:
        total = sum((p.figure for p in points if p.figure is not None), Decimal(0))
        return selectors.Point(period.key, total, illustrative=made_up)
    if indicator.unit == Unit.PERCENTAGE and all(p.denominator for p in points):
        num = sum(p.numerator or 0 for p in points)
        den = sum(p.denominator or 0 for p in points)
        return selectors.Point(period.key, Decimal(100 * num) / Decimal(den), num, den,
                               illustrative=made_up)
    return points[-1]


def latest_figure(ctx: ReportContext, indicator: Indicator, period: Period,
                  data: selectors.Data) -> tuple[selectors.Point | None, str]:
    """The indicator's figure for the period (its months or quarters put together, when all
    are in), else its latest month or quarter in the period, else its latest reporting year
    that had ended by the period's end."""
    points = [p for p in selectors.series(ctx.partnership, indicator, data=data)
              if p.figure is not None]
    kind = KINDS.get(indicator.frequency)
    if kind and period.kind != "year":
        own = [p for p in points if parse_period(p.period).kind == kind
               and _within(p.period, period)]
        if own and kind != period.kind and len(own) == _parts(period, kind):
            combined = _combined(indicator, own, period)
            return combined, period_words(combined.period)
        if own:
            return own[-1], period_words(own[-1].period)
    ended = [y for y in sorted({parse_period(p.period).year_key for p in points}, reverse=True)
             if parse_period(y).end <= period.end]
    for year in ended:
        point = selectors.year_point(ctx.partnership, indicator, year, data=data)
        if point is not None and point.figure is not None:
            return point, (f"{point.reference_period} (reported for {year})"
                           if point.reference_period else year)
    return None, ""


def _benchmarks(indicator: Indicator, point: selectors.Point | None,
                data: selectors.Data) -> tuple[Decimal | None, Decimal | None, Rag]:
    """The year's target and England figure, where the figure can be set against them: a
    count for part of a year cannot be set against a figure for the whole year."""
    if point is None or point.figure is None:
        return None, None, Rag.NONE
    covered = parse_period(point.period)
    if indicator.unit == Unit.COUNT and covered.kind != "year":
        return None, None, Rag.NONE
    year = covered.year_key if covered.kind == "year" else year_label_for(covered.start)
    target = data.targets.get((indicator.pk, year))
    national = data.comparators.get((indicator.pk, year), {}).get(ComparatorKind.NATIONAL)
    benchmark = target if target is not None else national
    if benchmark is None or indicator.polarity == Polarity.NEITHER:
        return target, national, Rag.NONE
    return target, national, rag(point.figure, benchmark, indicator.polarity)


def reading(ctx: ReportContext, indicator: Indicator, data: selectors.Data) -> Reading:
    period = period_of(ctx)
    point, covers = latest_figure(ctx, indicator, period, data)
    target, national, status = _benchmarks(indicator, point, data)
    spc = signals = None
    if indicator.frequency in KINDS:
        spc = indicator_spc(ctx.partnership, indicator, data, as_of=period.end)
        signals = in_period(indicator, spc, period)
    return Reading(indicator, point, covers, target, national, status, spc, signals or ())


def in_period(indicator: Indicator, result: SpcResult,
              period: Period) -> tuple[tuple[Signal, Finding], ...]:
    """The result's signals whose last point falls in the period, each with its sentence."""
    findings = signal_findings(indicator.code, indicator.title, result, formatter(indicator))
    paired = zip(result.signals, findings[:len(result.signals)], strict=True)
    return tuple((s, f) for s, f in paired if _within(s.last, period))


def readings(ctx: ReportContext, data: selectors.Data,
             indicators: list[Indicator] | None = None) -> list[Reading]:
    """Every indicator (or those given) as at the period's end, in catalogue order."""
    chosen = indicators if indicators is not None else list(
        Indicator.objects.select_related("rate_of").order_by("position"))
    return [reading(ctx, indicator, data) for indicator in chosen]


def spc_block(reading: Reading) -> Chart | None:
    """The indicator's XmR chart with its text alternative and data table, where it has
    process limits to show."""
    if reading.spc is None or not reading.spc.enough:
        return None
    indicator = reading.indicator
    chart = spc_chart(indicator.title, selectors.unit_label(indicator), reading.spc,
                      formatter(indicator))
    return Chart(title=chart.title, summary=chart.summary, spec=chart.spec,
                 table=Table(caption=f"{chart.title}: the data", head=chart.head,
                             rows=chart.rows, numeric=(1, 2, 3, 4)))


def day_words(day: dt.date | None) -> str:
    return long_date(day) if day else "–"
