"""What a theme's figures say: each indicator's values handed to lscp.insight.findings.movement
as plain readings, with what this edition hides marked, so no sentence gives a hidden figure
away. The sentences themselves (and their tests) live in the findings module.
"""

from __future__ import annotations

from decimal import Decimal

from lscp.dataset import selectors
from lscp.dataset.models import Indicator, Unit
from lscp.insight.findings import Finding
from lscp.insight.findings.movement import Measure, Reading, describe
from lscp.insight.periods import parse_period, previous_year
from lscp.insight.suppression import is_disclosive, share_is_disclosive
from lscp.reports.registry import ReportContext
from lscp.reports.sections._disclosure import Plan
from lscp.reports.sections._figures import ILLUSTRATIVE


def measure_of(indicator: Indicator) -> Measure:
    return Measure(code=indicator.code, title=indicator.title.removesuffix(" at 31 March"),
                   unit=indicator.unit, polarity=indicator.polarity,
                   decimals=indicator.decimals, change_alert=indicator.change_alert)


def when(indicator: Indicator, year: str, point: selectors.Point) -> str:
    """How a sentence says the period a figure covers: "at 31 March 2021", "in 2020-21", or
    the period it really covers ("in January to December 2020")."""
    if point.reference_period:
        return f"in {point.reference_period}"
    if indicator.frequency == "snapshot":
        return f"at 31 March {parse_period(year).end.year}"
    return f"in {year}"


def _reading(ctx: ReportContext, indicator: Indicator, year: str,
             point: selectors.Point | None, hidden: bool) -> Reading | None:
    if point is None or point.figure is None:
        return None
    mark = ILLUSTRATIVE if point.illustrative and not ctx.public else ""
    return Reading(point.figure, when(indicator, year, point), year, mark, hidden)


def _unpublishable(ctx: ReportContext, indicator: Indicator, point: selectors.Point) -> bool:
    """For a year the tables do not show: whether the public edition could publish it alone.
    Any doubt hides it, and a hidden year stops a trend being said (movement.py)."""
    if not ctx.public:
        return False
    if point.illustrative:
        return True
    threshold = indicator.disclosure_threshold
    if indicator.unit == Unit.COUNT and indicator.about_children:
        return is_disclosive(int(point.figure or 0), threshold)
    if indicator.unit == Unit.PERCENTAGE and indicator.about_children:
        return share_is_disclosive(point.numerator, point.denominator, threshold)
    if indicator.unit == Unit.RATE:
        base = indicator.rate_of
        return point.count is None or (base is not None and base.about_children
                                       and is_disclosive(point.count, threshold))
    return False


def _earlier(ctx: ReportContext, indicator: Indicator, data: selectors.Data) -> list[Reading]:
    """The years on record before last year, oldest first."""
    before = previous_year(ctx.year.label)
    years = sorted({parse_period(p.period).year_key
                    for p in selectors.series(ctx.partnership, indicator, data=data)} - {""})
    found = []
    for year in (y for y in years if y < before):
        point = selectors.year_point(ctx.partnership, indicator, year, data=data)
        reading = point and _reading(ctx, indicator, year, point,
                                     _unpublishable(ctx, indicator, point))
        if reading:
            found.append(reading)
    return found


def finding(ctx: ReportContext, s: selectors.Summary, data: selectors.Data,
            shown: Plan) -> Finding | None:
    """The indicator's finding for the year, or None where there is nothing to say."""
    indicator, year = s.indicator, ctx.year.label
    prior = previous_year(year)
    this = _reading(ctx, indicator, year, s.current, bool(shown.symbol(indicator, year)))
    if this is None:
        return None
    last = _reading(ctx, indicator, prior, s.previous, bool(shown.symbol(indicator, prior)))
    comparators: dict[str, Decimal | None] = dict(
        data.comparators.get((indicator.pk, year), {}))
    return describe(measure_of(indicator), this, last, _earlier(ctx, indicator, data),
                    comparators, s.target, ctx.partnership.region)
