"""Reading the dataset: series, year figures, computed rates, comparators and judgements.

Only values that are settled are shown: imported ones, and those of approved submissions.
Drafts stay with the agency that is writing them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, QuerySet

from lscp.dataset.models import (
    Comparator,
    ComparatorKind,
    Indicator,
    Population,
    Submission,
    SubmissionStatus,
    Target,
    Unit,
    Value,
)
from lscp.insight.compare import Movement, Rag, movement, rag
from lscp.insight.figures import format_number, rate_per_10000
from lscp.insight.periods import parse_period, previous_year
from lscp.partnership.models import Agency, Partnership

SETTLED = Q(submission__isnull=True) | Q(submission__status=SubmissionStatus.APPROVED)


def settled_values(partnership: Partnership) -> QuerySet[Value]:
    return Value.objects.filter(SETTLED, partnership=partnership).select_related("indicator")


@dataclass(frozen=True)
class Point:
    period: str
    figure: Decimal | None
    numerator: int | None = None
    denominator: int | None = None
    count: int | None = None  # for a rate: the count it was computed from
    illustrative: bool = False  # made up for a demo: marked wherever shown, never published
    reference_period: str = ""  # the period it really covers, where that differs from period
    computed: Decimal | None = None  # for a published rate: the rate its count would give

    @property
    def label(self) -> str:
        return parse_period(self.period).label


class Data:
    """Every settled value, population, comparator and target of a partnership, read once:
    a dashboard or a report asks hundreds of questions of the same few hundred rows."""

    def __init__(self, partnership: Partnership) -> None:
        self.partnership = partnership
        self.points: dict[tuple[int, str], list[Point]] = defaultdict(list)
        for v in settled_values(partnership):
            self.points[(v.indicator_id, v.category)].append(_point(v))
        self.people = populations(partnership)
        self.comparators: dict[tuple[int, str], dict[str, Decimal]] = defaultdict(dict)
        for c in Comparator.objects.filter(partnership=partnership):
            self.comparators[(c.indicator_id, c.year)][c.kind] = c.value
        self.targets = {(t.indicator_id, t.year): t.value
                        for t in Target.objects.filter(partnership=partnership)}


def display(indicator: Indicator, figure: Decimal | None) -> str:
    """How a figure is written: 1,234 / 85% / 38 / 287."""
    if figure is None:
        return "–"
    text = format_number(figure, indicator.decimals)
    return f"{text}%" if indicator.unit == Unit.PERCENTAGE else text


def unit_label(indicator: Indicator) -> str:
    return {"count": "number", "percentage": "%", "rate": "per 10,000 children",
            "days": "days"}[indicator.unit]


def populations(partnership: Partnership) -> dict[str, int]:
    return dict(Population.objects.filter(partnership=partnership).values_list("year",
                                                                                "under_18"))


def _point(value: Value) -> Point:
    return Point(value.period, value.figure, value.numerator, value.denominator,
                 illustrative=value.illustrative, reference_period=value.reference_period)


def series(partnership: Partnership, indicator: Indicator, category: str = "",
           data: Data | None = None) -> list[Point]:
    """Every settled figure of an indicator, oldest first; rates computed from their counts."""
    data = data or Data(partnership)
    if indicator.unit == Unit.RATE and indicator.rate_of is not None:
        return _rates(partnership, indicator, category, data)
    kinds = {"year": 0, "quarter": 1, "month": 2}
    return sorted(data.points.get((indicator.pk, category), []),
                  key=lambda p: (kinds[parse_period(p.period).kind], parse_period(p.period)))


def _rates(partnership: Partnership, indicator: Indicator, category: str,
           data: Data) -> list[Point]:
    """A rate for each year of its count, per 10,000 children. Where the source published a
    rate its count and population do not give, the published one is shown, and the computed
    one travels with it so that the difference can be said."""
    assert indicator.rate_of is not None
    published = {p.period: p for p in data.points.get((indicator.pk, category), [])}
    points = []
    for p in series(partnership, indicator.rate_of, category, data):
        year = parse_period(p.period).year_key
        if p.figure is None or year not in data.people or parse_period(p.period).kind != "year":
            continue
        computed = rate_per_10000(int(p.figure), data.people[year], indicator.decimals)
        own = published.get(p.period)
        points.append(Point(
            p.period, own.figure if own else computed, count=int(p.figure),
            illustrative=p.illustrative or bool(own and own.illustrative),
            reference_period=p.reference_period,
            computed=computed if own and own.figure != computed else None))
    return points


NATURAL_KIND = {"monthly": "month", "quarterly": "quarter", "yearly": "year", "snapshot": "year"}


def trend_points(partnership: Partnership, indicator: Indicator,
                 data: Data | None = None) -> tuple[str, list[Point]]:
    """One kind of period to draw a trend with: the indicator's own (months for a monthly
    one) where there are two or more, else reporting years. Kinds are never mixed."""
    points = [p for p in series(partnership, indicator, data=data) if p.figure is not None]
    for kind in (NATURAL_KIND[indicator.frequency], "year"):
        chosen = [p for p in points if parse_period(p.period).kind == kind]
        if len(chosen) >= 2:
            return kind, chosen
    return "year", [p for p in points if parse_period(p.period).kind == "year"]


def year_point(partnership: Partnership, indicator: Indicator, year: str,
               category: str = "", data: Data | None = None) -> Point | None:
    """The figure for a reporting year: the year's own value, or for a count submitted
    monthly or quarterly, the sum of a complete year of them."""
    points = series(partnership, indicator, category, data)
    own = next((p for p in points if p.period == year), None)
    if own is not None or indicator.unit != Unit.COUNT:
        return own
    for kind, needed in (("quarter", 4), ("month", 12)):
        parts = [p for p in points if parse_period(p.period).kind == kind
                 and parse_period(p.period).year_key == year and p.figure is not None]
        if len(parts) == needed:
            return Point(year, sum((p.figure for p in parts if p.figure is not None), Decimal(0)),
                         illustrative=any(p.illustrative for p in parts))
    return None


def comparator_series(partnership: Partnership,
                      indicator: Indicator) -> dict[str, list[tuple[str, Decimal]]]:
    """Each comparator kind's values by year, in a fixed order: England, region, neighbours."""
    found: dict[str, list[tuple[str, Decimal]]] = defaultdict(list)
    for c in Comparator.objects.filter(partnership=partnership, indicator=indicator).order_by(
            "year"):
        found[c.kind].append((c.year, c.value))
    return {kind: found[kind] for kind in ComparatorKind.values if kind in found}


@dataclass(frozen=True)
class Summary:
    indicator: Indicator
    year: str
    current: Point | None
    previous: Point | None
    national: Decimal | None
    target: Decimal | None
    movement: Movement | None
    rag: Rag
    trend: list[Point]

    @property
    def shown(self) -> str:
        return display(self.indicator, self.current.figure if self.current else None)

    @property
    def previous_shown(self) -> str:
        return display(self.indicator, self.previous.figure if self.previous else None)

    @property
    def national_shown(self) -> str:
        return display(self.indicator, self.national) if self.national is not None else "–"


def summary(partnership: Partnership, indicator: Indicator, year: str,
            data: Data | None = None) -> Summary:
    data = data or Data(partnership)
    current = year_point(partnership, indicator, year, data=data)
    previous = year_point(partnership, indicator, previous_year(year), data=data)
    national = data.comparators.get((indicator.pk, year), {}).get(ComparatorKind.NATIONAL)
    goal = data.targets.get((indicator.pk, year))
    move = None
    if current and previous and current.figure is not None and previous.figure is not None:
        move = movement(current.figure, previous.figure, indicator.polarity)
    benchmark = goal if goal is not None else national
    status = Rag.NONE
    if current and current.figure is not None and benchmark is not None:
        status = rag(current.figure, benchmark, indicator.polarity)
    _, trend = trend_points(partnership, indicator, data)
    return Summary(indicator, year, current, previous, national, goal, move, status, trend[-12:])


def themes(partnership: Partnership, year: str,
           data: Data | None = None) -> list[tuple[str, list[Summary]]]:
    data = data or Data(partnership)
    grouped: dict[str, list[Summary]] = {}
    for indicator in Indicator.objects.select_related("rate_of").order_by("position"):
        grouped.setdefault(indicator.theme_title, []).append(
            summary(partnership, indicator, year, data))
    return list(grouped.items())


def owning_agencies(partnership: Partnership, sector: str) -> list[Agency]:
    """The agencies that submit a sector's indicators: as set in the bundle, else all of it."""
    owner = partnership.dataset_owners.filter(sector=sector).select_related("agency").first()
    if owner:
        return [owner.agency]
    return list(partnership.agencies.filter(sector=sector))


def indicators_owned_by(agency: Agency) -> QuerySet[Indicator]:
    sectors = [o.sector for o in agency.partnership.dataset_owners.filter(agency=agency)]
    mapped = set(agency.partnership.dataset_owners.values_list("sector", flat=True))
    if agency.sector not in mapped:
        sectors.append(agency.sector)
    return Indicator.objects.filter(owner_sector__in=sectors).exclude(unit=Unit.RATE)


def submissions_matching(found: QuerySet[Submission], *, text: str = "", status: str = "",
                         agency: str = "") -> QuerySet[Submission]:
    """The submissions list's filters: words in the agency's name or the period, a status,
    an agency's code. Applied to what the reader may already see."""
    if text:
        found = found.filter(Q(agency__name__icontains=text) | Q(period__icontains=text))
    if status:
        found = found.filter(status=status)
    if agency:
        found = found.filter(agency__code=agency)
    return found
