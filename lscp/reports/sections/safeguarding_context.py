"""Safeguarding context: the multi-agency dataset for the year, theme by theme.

Themes come in the catalogue's order (lscp/dataset/catalogue/themes.toml: the child's
journey). Each opens with its findings, the most telling first (lscp.insight.findings.movement:
against last year, the years on record, England, the region, statistical neighbours and
target), then one table of its indicators, then the breakdowns and monthly charts that add
to it. No sentence repeats a row of the table.

The internal edition shows true values and marks illustrative (made-up) figures [i]. The
public edition hides, theme by theme (lscp/reports/sections/_disclosure.py), small counts
about children and whatever would give one away, as [c], and refuses made-up figures, as [x].
Findings are not written about hidden figures, nor compare a figure with one. A figure that
covers another period than the reporting year says so, in its finding and under its table.
"""

from __future__ import annotations

from decimal import Decimal

from lscp.dataset import selectors
from lscp.dataset.models import Indicator, Unit
from lscp.insight.charts import series_chart
from lscp.insight.figures import format_number
from lscp.insight.findings.movement import most_telling
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
)
from lscp.reports.sections._findings import finding
from lscp.reports.wording import sentence_case


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


FINDINGS_SHOWN = 5  # the most telling findings that open a theme; the table has the rest


def _theme_section(ctx: ReportContext, theme: str, items: list[selectors.Summary],
                   data: selectors.Data) -> Section:
    """The theme's findings (unusual first), then one table of its indicators, then the
    breakdowns and monthly charts that add to it."""
    year = ctx.year.label
    shown = plan(ctx.public, year, _figures(ctx, items, data))
    listed = [s for s in items if s.current is not None or s.previous is not None]
    found = [f for f in (finding(ctx, s, data, shown) for s in listed) if f is not None]
    top = most_telling(found, FINDINGS_SHOWN)
    blocks: list[object] = [
        BulletList([f.text for f in top]) if top else Paragraph(
            f"No figure here can be set against an earlier year, a comparator or a "
            f"target yet: the table gives them for {year}.")]
    blocks.append(_indicator_table(ctx, theme, listed, data, shown))
    blocks += _table_notes(year, listed, shown)
    for s in listed:
        blocks += _breakdown(ctx, s.indicator, data, shown)
        chart = _monthly_chart(ctx, s.indicator, data, shown)
        if chart:
            blocks.append(chart)
    slug = "context-" + (items[0].indicator.theme if items else "theme")
    return Section(slug, theme, blocks)


COLUMNS = (("regional", "Region"), ("statistical_neighbours", "Statistical neighbours"))


def _indicator_table(ctx: ReportContext, theme: str, listed: list[selectors.Summary],
                     data: selectors.Data, shown: Plan) -> Table:
    """One row per indicator: last year, this year, England, and the region, statistical
    neighbours and target where any indicator of the theme has them."""
    year, prior = ctx.year.label, previous_year(ctx.year.label)
    compared = [data.comparators.get((s.indicator.pk, year), {}) for s in listed]
    extra = [(kind, ctx.partnership.region if kind == "regional" and ctx.partnership.region
              else name) for kind, name in COLUMNS if any(kind in c for c in compared)]
    targets = any(s.target is not None for s in listed)
    rows = []
    for s, against in zip(listed, compared, strict=True):
        row = [_row_title(s, year, shown), selectors.unit_label(s.indicator),
               figure_text(s.indicator, s.previous, shown.symbol(s.indicator, prior)),
               figure_text(s.indicator, s.current, shown.symbol(s.indicator, year)),
               s.national_shown]
        row += [selectors.display(s.indicator, against[kind]) if kind in against else "–"
                for kind, _ in extra]
        if targets:
            row.append(selectors.display(s.indicator, s.target) if s.target is not None
                       else "–")
        rows.append(row)
    head = ["Indicator", "Unit", prior, year, "England", *(name for _, name in extra)]
    head += ["Target"] if targets else []
    return Table(caption=f"{theme}: {prior} and {year}", head=head, rows=rows,
                 numeric=tuple(range(2, len(head))))


def _row_title(s: selectors.Summary, year: str, shown: Plan) -> str:
    """The indicator, and for a percentage on show the counts it is worked out from."""
    point = s.current
    if (s.indicator.unit != Unit.PERCENTAGE or point is None or point.numerator is None
            or point.denominator is None or shown.symbol(s.indicator, year)):
        return s.indicator.title
    return f"{s.indicator.title} ({point.numerator:,} of {point.denominator:,} in {year})"


def _table_notes(year: str, listed: list[selectors.Summary], shown: Plan) -> list[object]:
    """Figures for another period than the year, and rates as published that their count
    and population do not give (where the rate is on show): each named once, under the
    table."""
    notes: list[object] = []
    periods = period_notes(year, listed)
    if periods:
        notes += [Paragraph("Some figures in this table cover another period than the "
                            "reporting year:"), BulletList(periods)]
    published = [f"{s.indicator.title}: {figure_text(s.indicator, s.current)} as published; "
                 f"the count and population give {selectors.display(s.indicator, c)}"
                 for s in listed if s.current is not None and not shown.symbol(s.indicator, year)
                 and (c := s.current.computed) is not None]
    if published:
        notes += [Paragraph("Some rates are shown as their source published them:"),
                  BulletList(published)]
    return notes


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
        head=[sentence_case(indicator.breakdown_name), "Number", "Share"],
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
                  head=["Month", sentence_case(selectors.unit_label(indicator))],
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
