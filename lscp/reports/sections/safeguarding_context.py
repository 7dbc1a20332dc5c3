"""Safeguarding context: the multi-agency dataset for the year.

The internal edition shows true values. The public edition applies small-number suppression
(lscp.insight.suppression): counts about children from 1 to the indicator's threshold are
shown as [c], with secondary suppression in breakdowns, and rates or percentages worked out
from a hidden count are hidden too. Sentences are not written about hidden figures.
"""

from __future__ import annotations

from decimal import Decimal

from lscp.dataset import selectors
from lscp.dataset.models import Indicator, Unit
from lscp.insight.charts import series_chart
from lscp.insight.compare import against
from lscp.insight.figures import format_number
from lscp.insight.periods import parse_period, previous_year
from lscp.insight.suppression import SUPPRESSED, is_disclosive, suppress_group
from lscp.reports.content import Chart, Paragraph, Section, Table
from lscp.reports.registry import ReportContext, section

COMPARATOR_NAMES = {"count": "national figure", "percentage": "national average",
                    "rate": "national rate", "days": "national figure"}


def _hidden_count(indicator: Indicator, count: Decimal | int | None, public: bool) -> bool:
    return (public and indicator.about_children and count is not None
            and is_disclosive(int(count), indicator.disclosure_threshold))


def _point_hidden(indicator: Indicator, point: selectors.Point | None, public: bool) -> bool:
    if point is None or not public:
        return False
    if indicator.unit == Unit.COUNT:
        return _hidden_count(indicator, point.figure, public)
    if indicator.unit == Unit.RATE and indicator.rate_of is not None:
        return _hidden_count(indicator.rate_of, point.count, public)
    if indicator.unit == Unit.PERCENTAGE:
        return any(_hidden_count(indicator, n, public) for n in (point.numerator,
                                                                  point.denominator))
    return False


def _shown(indicator: Indicator, point: selectors.Point | None, public: bool) -> str:
    if point is None:
        return "–"
    if _point_hidden(indicator, point, public):
        return SUPPRESSED
    return selectors.display(indicator, point.figure)


def _sentence(ctx: ReportContext, s: selectors.Summary, rate: selectors.Summary | None,
              data: selectors.Data) -> str | None:
    ind, point = s.indicator, s.current
    if point is None or point.figure is None or _point_hidden(ind, point, ctx.public):
        return None
    if ind.frequency == "snapshot":
        end_year = parse_period(s.year).end.year
        title = ind.title.removesuffix(" at 31 March")
        text = f"{title} at 31 March {end_year}: {s.shown}"
    else:
        text = f"{ind.title} in {s.year}: {s.shown}"
    parts = _parts_clause(ctx, ind, data)
    if parts:
        text += f" ({parts})"
    if ind.unit == Unit.PERCENTAGE and point.numerator is not None:
        text += f" ({point.numerator:,} of {point.denominator:,})"
    elif ind.unit == Unit.DAYS:
        text += " days"
    judged = s
    if rate is not None and rate.current is not None and rate.current.figure is not None:
        text += f", {rate.shown} per 10,000 children"
        judged = rate
    if judged.national is not None and judged.current and judged.current.figure is not None:
        shown = selectors.display(judged.indicator, judged.national)
        name = COMPARATOR_NAMES[judged.indicator.unit]
        text += ", " + against(round(judged.current.figure, judged.indicator.decimals),
                               judged.national, judged.indicator.polarity, name, shown)
    if s.previous and s.previous.figure is not None and not _point_hidden(ind, s.previous,
                                                                          ctx.public):
        text += f"; {selectors.display(ind, s.previous.figure)} the year before"
    return text + "."


def _parts_clause(ctx: ReportContext, indicator: Indicator, data: selectors.Data) -> str:
    """ "116 referrals, 112 consultations": a breakdown in words, when nothing is hidden."""
    if not indicator.breakdown or indicator.unit != Unit.COUNT or len(indicator.breakdown) > 5:
        return ""
    parts = []
    for code, label in indicator.breakdown:
        point = selectors.year_point(ctx.partnership, indicator, ctx.year.label, code, data)
        if point is None or point.figure is None or _point_hidden(indicator, point, ctx.public):
            return ""
        parts.append(f"{label.lower()} {selectors.display(indicator, point.figure)}")
    return ", ".join(parts)


def _theme_section(ctx: ReportContext, theme: str, items: list[selectors.Summary],
                   data: selectors.Data) -> Section:
    year = ctx.year.label
    prior = previous_year(year)
    rates = {s.indicator.rate_of_id: s for s in items if s.indicator.rate_of_id}
    shown = [s for s in items if s.current is not None or s.previous is not None]
    blocks: list[object] = []
    sentences = [_sentence(ctx, s, rates.get(s.indicator.pk), data) for s in shown
                 if s.indicator.unit != Unit.RATE]
    blocks += [Paragraph(t) for t in sentences if t]
    blocks.append(Table(
        caption=f"{theme}: {prior} and {year}",
        head=["Indicator", "Unit", prior, year, "England"],
        rows=[[s.indicator.title, selectors.unit_label(s.indicator),
               _shown(s.indicator, s.previous, ctx.public),
               _shown(s.indicator, s.current, ctx.public), s.national_shown] for s in shown],
        numeric=(2, 3, 4),
    ))
    for s in shown:
        blocks += _breakdown(ctx, s.indicator, data)
        chart = _monthly_chart(ctx, s.indicator, data)
        if chart:
            blocks.append(chart)
    slug = "context-" + (items[0].indicator.theme if items else "theme")
    return Section(slug, theme, blocks)


def _breakdown(ctx: ReportContext, indicator: Indicator, data: selectors.Data) -> list[object]:
    if not indicator.breakdown or indicator.unit != Unit.COUNT:
        return []
    year = ctx.year.label
    total = selectors.year_point(ctx.partnership, indicator, year, data=data)
    parts = [(code, label, selectors.year_point(ctx.partnership, indicator, year, code, data))
             for code, label in indicator.breakdown]
    if total is None or total.figure is None or all(p is None for _, _, p in parts):
        return []
    counts = [int(p.figure) if p and p.figure is not None else None for _, _, p in parts]
    total_count = int(total.figure)
    hide_total, hidden = (suppress_group(total_count, counts, indicator.disclosure_threshold)
                          if ctx.public and indicator.about_children
                          else (False, [False] * len(counts)))
    rows = []
    for (_, label, _), count, hide in zip(parts, counts, hidden, strict=True):
        if count is None:
            rows.append([label, "–", "–"])
        elif hide:
            rows.append([label, SUPPRESSED, SUPPRESSED])
        else:
            share = Decimal(100 * count) / total_count if total_count else None
            rows.append([label, f"{count:,}",
                         "–" if share is None else f"{format_number(share)}%"])
    return [Table(
        caption=f"{indicator.title} by {indicator.breakdown_name}, {year}",
        head=[indicator.breakdown_name.capitalize(), "Number", "Share"],
        rows=rows,
        foot=[["Total", SUPPRESSED if hide_total else f"{total_count:,}", "100%"]],
        numeric=(1, 2),
    )]


def _monthly_chart(ctx: ReportContext, indicator: Indicator,
                   data: selectors.Data) -> Chart | None:
    year = ctx.year.label
    months = [p for p in selectors.series(ctx.partnership, indicator, data=data)
              if parse_period(p.period).kind == "month"
              and parse_period(p.period).year_key == year and p.figure is not None]
    if len(months) < 6:
        return None
    cells = [_shown(indicator, p, ctx.public) for p in months]
    if SUPPRESSED in cells:
        return None  # a chart would show what the table hides
    table = Table(caption=f"{indicator.title}, month by month, {year}",
                  head=["Month", selectors.unit_label(indicator).capitalize()],
                  rows=[[p.label, c] for p, c in zip(months, cells, strict=True)], numeric=(1,))
    high = max(months, key=lambda p: p.figure or 0)
    low = min(months, key=lambda p: p.figure or 0)
    summary = (f"Line chart of {indicator.title.lower()} each month of {year}: highest "
               f"{selectors.display(indicator, high.figure)} in {high.label}, lowest "
               f"{selectors.display(indicator, low.figure)} in {low.label}. "
               "The table below gives every month.")
    spec = series_chart(table.caption, selectors.unit_label(indicator),
                        [(p.label, float(p.figure or 0)) for p in months], {})
    return Chart(title=table.caption, summary=summary, spec=spec, table=table)


@section("context")
def safeguarding_context(ctx: ReportContext) -> Section:
    """Safeguarding context: the multi-agency dataset for the year, against the year before
    and England, with small-number suppression in the public edition."""
    year = ctx.year.label
    data = selectors.Data(ctx.partnership)
    people = data.people.get(year)
    blocks: list[object] = []
    if people:
        blocks.append(Paragraph(
            f"Rates are per 10,000 children aged under 18: an estimated {people:,} children "
            f"lived in the {ctx.partnership.area} in {year}."))
    if ctx.public:
        blocks.append(Paragraph(
            "To protect children's privacy, counts from 1 to 5 (or an indicator's own "
            f"threshold) are shown as {SUPPRESSED}, as are figures from which they could be "
            "worked out."))
    subsections = []
    for theme, items in selectors.themes(ctx.partnership, year, data):
        if any(s.current is not None for s in items):
            subsections.append(_theme_section(ctx, theme, items, data))
    if not subsections:
        blocks.append(Paragraph(f"No dataset figures are recorded for {year}."))
    return Section("context", "Safeguarding context", blocks, subsections)
