"""The dataset's monthly and quarterly series read as XmR charts, and the signals they hold now.

The statistics are plain Python (lscp/insight/spc.py); this adapter only gathers what they
need from the records: the settled totals of an indicator in period order with gaps kept,
its polarity, the target for the year of its latest point, and its recorded step changes
(the catalogue's `steps`). Pages, the home page's emerging risks, the quarterly pack, the
threat assessment and snapshots all ask here, so every one of them reads the same signals.
"""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from lscp.dataset import selectors
from lscp.dataset.models import Indicator
from lscp.insight.charts import to_png
from lscp.insight.findings import Finding
from lscp.insight.findings.signals import (
    Format,
    period_words,
    signal_findings,
    signal_sentence,
)
from lscp.insight.periods import Period, parse_period, year_label_for
from lscp.insight.spc import Point, Signal, SpcResult, analyse, assurance_label, variation_label
from lscp.insight.spc_chart import COLOURS, SpcChart, spc_chart
from lscp.partnership.models import Partnership

KINDS = {"monthly": "month", "quarterly": "quarter"}
RECENT = 3  # a signal is current when its last point is one of the series' last 3 periods


def _following(period: Period) -> Period:
    """The next month or quarter."""
    day = period.end + dt.timedelta(days=1)
    if period.kind == "month":
        return parse_period(f"{day:%Y-%m}")
    return parse_period(f"{year_label_for(day)}-Q{(day.month - 4) % 12 // 3 + 1}")


def indicator_points(partnership: Partnership, indicator: Indicator,
                     data: selectors.Data | None = None,
                     as_of: dt.date | None = None) -> list[Point]:
    """The indicator's totals in its own period (months or quarters), oldest first, every
    period from the first to the last present, a missing one as None. Empty for a yearly
    or snapshot indicator. With `as_of`, only periods ended by then."""
    kind = KINDS.get(indicator.frequency)
    if kind is None:
        return []
    found: dict[Period, Decimal | None] = {}
    for p in selectors.series(partnership, indicator, data=data):
        period = parse_period(p.period)
        if period.kind == kind and (as_of is None or period.end <= as_of):
            found[period] = p.figure
    if not found:
        return []
    points, period, last = [], min(found), max(found)
    while period <= last:
        figure = found.get(period)
        points.append(Point(period.key, None if figure is None else float(figure)))
        period = _following(period)
    return points


def _target(partnership: Partnership, indicator: Indicator, points: list[Point],
            data: selectors.Data) -> float | None:
    """The target for the reporting year of the latest point, if the partnership set one."""
    if not points:
        return None
    year = parse_period(points[-1].label).year_key
    value = data.targets.get((indicator.pk, year))
    return None if value is None else float(value)


def indicator_spc(partnership: Partnership, indicator: Indicator,
                  data: selectors.Data | None = None, as_of: dt.date | None = None) -> SpcResult:
    """The indicator's XmR chart, read with its polarity, target and step changes."""
    data = data or selectors.Data(partnership)
    points = indicator_points(partnership, indicator, data, as_of)
    steps = [period for period, _ in indicator.steps]
    return analyse(points, indicator.polarity, _target(partnership, indicator, points, data),
                   steps)


def formatter(indicator: Indicator) -> Format:
    """Figures as the dataset writes them: 1,023 / 37% / 38."""
    return lambda value: selectors.display(indicator, Decimal(repr(value)))


@dataclass(frozen=True)
class IndicatorSignal:
    """One current special-cause signal of one indicator, in words."""

    indicator: Indicator
    signal: Signal
    finding: Finding
    period: str  # the key of the signal's last point, e.g. "2021-03"

    @property
    def code(self) -> str:
        return self.indicator.code

    @property
    def title(self) -> str:
        return self.indicator.title

    @property
    def when(self) -> Period:
        return parse_period(self.period)


def indicator_signals(indicator: Indicator, result: SpcResult,
                      recent: int = RECENT) -> list[IndicatorSignal]:
    """The result's signals whose last point is among the series' last `recent` periods."""
    latest = {p.label for p in result.points[-recent:]}
    findings = signal_findings(indicator.code, indicator.title, result, formatter(indicator))
    return [IndicatorSignal(indicator, s, f, s.last)
            for s, f in zip(result.signals, findings[:len(result.signals)], strict=True)
            if s.last in latest]


def current_signals(partnership: Partnership, as_of: dt.date | None = None,
                    data: selectors.Data | None = None) -> list[IndicatorSignal]:
    """Every monthly and quarterly indicator's current special-cause signals, newest first
    (by the end of the signal's last period, then catalogue order)."""
    data = data or selectors.Data(partnership)
    found: list[tuple[Any, ...]] = []
    indicators = Indicator.objects.filter(frequency__in=list(KINDS)).order_by("position")
    for indicator in indicators:
        result = indicator_spc(partnership, indicator, data, as_of)
        for item in indicator_signals(indicator, result):
            found.append((-item.when.end.toordinal(), indicator.position,
                          -item.when.start.toordinal(), len(found), item))
    return [row[-1] for row in sorted(found)]


@dataclass(frozen=True)
class Icon:
    """A Making Data Count icon: a coloured ring with a letter, and the words it stands for."""

    kind: str  # Variation or Assurance
    text: str  # the text alternative, shown beside it
    colour: str
    letter: str


VARIATION_ICONS = {"common_cause": ("#505a5f", "~"), "improving": (COLOURS["Improving"], ""),
                   "concerning": (COLOURS["Concerning"], ""),
                   "neither": (COLOURS["Neither improving nor concerning"], "")}
ASSURANCE_ICONS = {"met": (COLOURS["Improving"], "P"), "missed": (COLOURS["Concerning"], "F"),
                   "hit_and_miss": ("#505a5f", "?")}


def icons(result: SpcResult) -> tuple[Icon, ...]:
    """The variation icon (H or L for a special cause's direction) and, with a target, the
    assurance icon (P met, F missed, ? hit and miss); none while there are too few points."""
    found = []
    if result.variation in VARIATION_ICONS:
        colour, letter = VARIATION_ICONS[result.variation]
        text = variation_label(result)
        if not letter:  # a special cause: "...: high" or "...: low"
            letter = "H" if text.endswith(": high") else "L"
        found.append(Icon("Variation", text, colour, letter))
    if result.assurance in ASSURANCE_ICONS:
        colour, letter = ASSURANCE_ICONS[result.assurance]
        found.append(Icon("Assurance", assurance_label(result), colour, letter))
    return tuple(found)


@dataclass(frozen=True)
class SpcPanel:
    """What the indicator page shows of an XmR chart: the chart as an image with its text
    alternative and table, the icons' words, and every signal as a sentence."""

    result: SpcResult
    chart: SpcChart
    image: bytes  # PNG
    variation: str  # "Special cause, concerning: high"
    assurance: str  # "Hit and miss"
    findings: tuple[str, ...]
    steps: tuple[tuple[str, str], ...]  # (when, reason) as recorded, the period in words
    icons: tuple[Icon, ...] = ()
    illustrative: bool = False  # some values are made up (the demo): the page says so

    @property
    def src(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.image).decode("ascii")


def spc_panel(partnership: Partnership, indicator: Indicator,
              data: selectors.Data | None = None) -> SpcPanel | None:
    """The XmR chart of a monthly or quarterly indicator with figures; None otherwise."""
    data = data or selectors.Data(partnership)
    result = indicator_spc(partnership, indicator, data)
    if not any(p.value is not None for p in result.points):
        return None
    fmt = formatter(indicator)
    chart = spc_chart(indicator.title, selectors.unit_label(indicator), result, fmt)
    sentences = [signal_sentence(indicator.title, result, s, fmt) for s in result.signals]
    sentences += [f.text for f in signal_findings(indicator.code, indicator.title, result, fmt)
                  if not f.unusual]
    kind = KINDS[indicator.frequency]
    made_up = any(p.illustrative for p in selectors.series(partnership, indicator, data=data)
                  if parse_period(p.period).kind == kind)
    return SpcPanel(result, chart, to_png(chart.spec), variation_label(result),
                    assurance_label(result), tuple(sentences),
                    tuple((period_words(period), reason) for period, reason in indicator.steps),
                    icons(result), made_up)
