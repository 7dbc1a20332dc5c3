"""Safeguarding context: the multi-agency dataset for the year.

The internal edition shows true values and marks illustrative (made-up) figures [i]. The
public edition hides, theme by theme (lscp/reports/sections/_disclosure.py), small counts
about children and whatever would give one away, as [c], and refuses made-up figures, as [x].
Sentences are not written about hidden figures. A figure that covers another period than the
reporting year says so, in its sentence and beside its table.
"""

from __future__ import annotations

from decimal import Decimal

from lscp.dataset import selectors
from lscp.dataset.models import Indicator, Unit
from lscp.insight.charts import series_chart
from lscp.insight.compare import against
from lscp.insight.figures import format_number
from lscp.insight.periods import parse_period, previous_year
from lscp.insight.suppression import is_disclosive, share_is_disclosive
from lscp.reports.content import BulletList, Chart, Paragraph, Section, Table
from lscp.reports.registry import ReportContext, section
from lscp.reports.sections._disclosure import Figure, Key, Plan, plan
from lscp.reports.sections._figures import (
    ILLUSTRATIVE_NOTE,
    NOT_AVAILABLE,
    NOT_AVAILABLE_NOTE,
    SUPPRESSED_NOTE,
    figure_text,
    marked,
    period_notes,
    subject,
)

COMPARATOR_NAMES = {"count": "national figure", "percentage": "national average",
                    "rate": "national rate", "days": "national figure"}


def _on_show(s: selectors.Summary, shown: Plan) -> bool:
    return (s.current is not None and s.current.figure is not None
            and not shown.symbol(s.indicator, s.year))


def _sentence(ctx: ReportContext, s: selectors.Summary, rate: selectors.Summary | None,
              data: selectors.Data, shown: Plan) -> str | None:
    """One indicator in words; none about a hidden figure, so words cannot give it away."""
    ind, point = s.indicator, s.current
    if point is None or not _on_show(s, shown):
        return None
    text = f"{subject(ind, s.year, point)}: {figure_text(ind, point)}"
    parts = _parts_clause(ctx, ind, data, shown)
    if parts:
        text += f" ({parts})"
    if ind.unit == Unit.PERCENTAGE and point.numerator is not None:
        text += f" ({point.numerator:,} of {point.denominator:,})"
    elif ind.unit == Unit.DAYS:
        text += " days"
    judged = s
    if rate is not None and _on_show(rate, shown):
        text += _rate_clause(rate)
        judged = rate
    return text + _against(judged) + _before(s, shown) + "."


def _rate_clause(rate: selectors.Summary) -> str:
    """", 55 per 10,000 children", saying so when a published rate is not the computed one."""
    assert rate.current is not None
    text = f", {figure_text(rate.indicator, rate.current)} per 10,000 children"
    if rate.current.computed is not None:
        computed = selectors.display(rate.indicator, rate.current.computed)
        text += f" as published ({computed} from the count and population)"
    return text


def _against(judged: selectors.Summary) -> str:
    if judged.national is None or not judged.current or judged.current.figure is None:
        return ""
    shown = selectors.display(judged.indicator, judged.national)
    name = COMPARATOR_NAMES[judged.indicator.unit]
    return ", " + against(round(judged.current.figure, judged.indicator.decimals),
                          judged.national, judged.indicator.polarity, name, shown)


def _before(s: selectors.Summary, shown: Plan) -> str:
    before = s.previous
    if before is None or before.figure is None or shown.symbol(s.indicator, before.period):
        return ""
    text = f"; {figure_text(s.indicator, before)} the year before"
    return text + (f" ({before.reference_period})" if before.reference_period else "")


def _parts_clause(ctx: ReportContext, indicator: Indicator, data: selectors.Data,
                  shown: Plan) -> str:
    """ "116 referrals, 112 consultations": a breakdown in words, when nothing is hidden."""
    if not indicator.breakdown or indicator.unit != Unit.COUNT or len(indicator.breakdown) > 5:
        return ""
    parts = []
    for code, label in indicator.breakdown:
        point = selectors.year_point(ctx.partnership, indicator, ctx.year.label, code, data)
        if point is None or point.figure is None or shown.symbol(indicator, ctx.year.label,
                                                                 code):
            return ""
        parts.append(f"{label.lower()} {figure_text(indicator, point)}")
    return ", ".join(parts)


def _figures(ctx: ReportContext, items: list[selectors.Summary],
             data: selectors.Data) -> dict[Key, Figure]:
    """Every figure a theme's section may publish, by indicator, period and category."""
    year, prior = ctx.year.label, previous_year(ctx.year.label)
    found: dict[Key, Figure] = {}
    for s in items:
        code = s.indicator.code
        found[(code, year, "")] = Figure(s.indicator, s.current)
        found[(code, prior, "")] = Figure(s.indicator, s.previous)
        if s.indicator.unit == Unit.COUNT:
            for category, _ in s.indicator.breakdown:
                found[(code, year, category)] = Figure(s.indicator, selectors.year_point(
                    ctx.partnership, s.indicator, year, category, data))
    return found


def _theme_section(ctx: ReportContext, theme: str, items: list[selectors.Summary],
                   data: selectors.Data) -> Section:
    year = ctx.year.label
    prior = previous_year(year)
    shown = plan(ctx.public, year, _figures(ctx, items, data))
    rates = {s.indicator.rate_of_id: s for s in items if s.indicator.rate_of_id}
    listed = [s for s in items if s.current is not None or s.previous is not None]
    sentences = [_sentence(ctx, s, rates.get(s.indicator.pk), data, shown) for s in listed
                 if s.indicator.unit != Unit.RATE]
    blocks: list[object] = [Paragraph(t) for t in sentences if t]
    blocks.append(Table(
        caption=f"{theme}: {prior} and {year}",
        head=["Indicator", "Unit", prior, year, "England"],
        rows=[[s.indicator.title, selectors.unit_label(s.indicator),
               figure_text(s.indicator, s.previous, shown.symbol(s.indicator, prior)),
               figure_text(s.indicator, s.current, shown.symbol(s.indicator, year)),
               s.national_shown] for s in listed],
        numeric=(2, 3, 4),
    ))
    notes = period_notes(year, listed)
    if notes:
        blocks += [Paragraph("Some figures in this table cover another period than the "
                             "reporting year:"), BulletList(notes)]
    for s in listed:
        blocks += _breakdown(ctx, s.indicator, data, shown)
        chart = _monthly_chart(ctx, s.indicator, data, shown)
        if chart:
            blocks.append(chart)
    slug = "context-" + (items[0].indicator.theme if items else "theme")
    return Section(slug, theme, blocks)


def _breakdown(ctx: ReportContext, indicator: Indicator, data: selectors.Data,
               shown: Plan) -> list[object]:
    if not indicator.breakdown or indicator.unit != Unit.COUNT:
        return []
    year = ctx.year.label
    total = selectors.year_point(ctx.partnership, indicator, year, data=data)
    parts = [(code, label, selectors.year_point(ctx.partnership, indicator, year, code, data))
             for code, label in indicator.breakdown]
    if total is None or total.figure is None or all(p is None for _, _, p in parts):
        return []
    total_symbol = shown.symbol(indicator, year)
    rows = [_breakdown_row(label, point, int(total.figure),
                           shown.symbol(indicator, year, code), total_symbol)
            for code, label, point in parts]
    total_text = figure_text(indicator, total, total_symbol)
    if total_text == NOT_AVAILABLE and all(row[1] in (NOT_AVAILABLE, "–") for row in rows):
        return []  # nothing in it could be published
    return [Table(
        caption=f"{indicator.title} by {indicator.breakdown_name}, {year}",
        head=[indicator.breakdown_name.capitalize(), "Number", "Share"],
        rows=rows, foot=[["Total", total_text, "100%"]], numeric=(1, 2),
    )]


def _breakdown_row(label: str, point: selectors.Point | None, total: int,
                   symbol: str | None, total_symbol: str | None) -> list[str]:
    """A category's count and share. A hidden count takes its share with it, and a hidden
    total every share: a share and a count give the total back."""
    if point is None or point.figure is None:
        return [label, "–", "–"]
    if symbol:
        return [label, symbol, symbol]
    count = int(point.figure)
    share = "0%" if count == 0 else total_symbol or (
        "–" if not total else f"{format_number(Decimal(100 * count) / total)}%")
    return [label, marked(f"{count:,}", point.illustrative), share]


def _month_hidden(indicator: Indicator, point: selectors.Point) -> bool:
    """In the public edition a chart goes if any month is made up or would give a child away."""
    threshold = indicator.disclosure_threshold
    if point.illustrative or not indicator.about_children:
        return point.illustrative
    if indicator.unit == Unit.COUNT:
        return is_disclosive(int(point.figure or 0), threshold)
    return indicator.unit == Unit.PERCENTAGE and share_is_disclosive(
        point.numerator, point.denominator, threshold)


def _monthly_chart(ctx: ReportContext, indicator: Indicator, data: selectors.Data,
                   shown: Plan) -> Chart | None:
    year = ctx.year.label
    months = [p for p in selectors.series(ctx.partnership, indicator, data=data)
              if parse_period(p.period).kind == "month"
              and parse_period(p.period).year_key == year and p.figure is not None]
    if len(months) < 6:
        return None
    if ctx.public and (shown.symbol(indicator, year)
                       or any(_month_hidden(indicator, p) for p in months)):
        return None  # a chart would show what the tables hide
    table = Table(caption=f"{indicator.title}, month by month, {year}",
                  head=["Month", selectors.unit_label(indicator).capitalize()],
                  rows=[[p.label, figure_text(indicator, p)] for p in months], numeric=(1,))
    high = max(months, key=lambda p: p.figure or 0)
    low = min(months, key=lambda p: p.figure or 0)
    summary = (f"Line chart of {indicator.title.lower()} each month of {year}: highest "
               f"{selectors.display(indicator, high.figure)} in {high.label}, lowest "
               f"{selectors.display(indicator, low.figure)} in {low.label}. "
               "The table below gives every month"
               + (", marking the illustrative ones." if any(p.illustrative for p in months)
                  else "."))
    spec = series_chart(table.caption, selectors.unit_label(indicator),
                        [(p.label, float(p.figure or 0)) for p in months], {})
    return Chart(title=table.caption, summary=summary, spec=spec, table=table)


def _made_up(data: selectors.Data, year: str) -> bool:
    """Whether any figure of the year or the year before is illustrative."""
    years = {year, previous_year(year)}
    return any(p.illustrative and parse_period(p.period).year_key in years
               for points in data.points.values() for p in points)


def _notes(ctx: ReportContext, data: selectors.Data) -> list[object]:
    year = ctx.year.label
    notes: list[object] = []
    people = data.people.get(year)
    if people:
        notes.append(Paragraph(
            f"Rates are per 10,000 children aged under 18: an estimated {people:,} children "
            f"lived in the {ctx.partnership.area} in {year}."))
    if ctx.public:
        notes.append(Paragraph(SUPPRESSED_NOTE))
    if _made_up(data, year):
        notes.append(Paragraph(NOT_AVAILABLE_NOTE if ctx.public else ILLUSTRATIVE_NOTE))
    return notes


@section("context")
def safeguarding_context(ctx: ReportContext) -> Section:
    """Safeguarding context: the multi-agency dataset for the year, against the year before
    and England, with small-number suppression in the public edition."""
    year = ctx.year.label
    data = selectors.Data(ctx.partnership)
    blocks = _notes(ctx, data)
    subsections = []
    for theme, items in selectors.themes(ctx.partnership, year, data):
        if any(s.current is not None for s in items):
            subsections.append(_theme_section(ctx, theme, items, data))
    if not subsections:
        blocks.append(Paragraph(f"No dataset figures are recorded for {year}."))
    return Section("context", "Safeguarding context", blocks, subsections)
