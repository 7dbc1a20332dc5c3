"""The statutory yearly report: gathers its content from the records as a plain Document.

Each section is a function registered in SECTIONS, in the order they appear; later
capabilities (the dataset, learning and improvement) add their sections the same way.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from lscp.insight.charts import attendance_chart
from lscp.insight.figures import format_percent, format_pounds
from lscp.partnership import selectors
from lscp.partnership.models import GroupKind, Partnership, ReportingYear
from lscp.partnership.years import following_year
from lscp.reports.content import BulletList, Chart, Document, Paragraph, Section, Table

STATUTORY = tomllib.loads((Path(__file__).parent / "statutory.toml").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class ReportContext:
    partnership: Partnership
    year: ReportingYear
    public: bool = False  # the public edition suppresses small numbers


SectionBuilder = Callable[[ReportContext], Section]
SECTIONS: list[SectionBuilder] = []
_ORDER: dict[SectionBuilder, int] = {}


def section(order: int) -> Callable[[SectionBuilder], SectionBuilder]:
    """Register a section at a place in the report (lower first)."""

    def register(builder: SectionBuilder) -> SectionBuilder:
        _ORDER[builder] = order
        SECTIONS.append(builder)
        SECTIONS.sort(key=_ORDER.__getitem__)
        return builder

    return register


def _long_date(day) -> str:  # type: ignore[no-untyped-def]
    return f"{day.day} {day:%B %Y}"


@section(10)
def about(ctx: ReportContext) -> Section:
    """About this report: the period it covers, the guidance behind it and who receives it."""
    p, y = ctx.partnership, ctx.year
    return Section("about", "About this report", [
        Paragraph(
            f"This is the yearly report of the {p.name} for {y.label}: the period from "
            f"{_long_date(y.start)} to {_long_date(y.end)}. It sets out what the partners did to "
            f"safeguard children in the {p.area}, how well the arrangements worked and what "
            f"comes next, as {STATUTORY['guidance']} requires."
        ),
        Paragraph("After publication the report is sent to:"),
        BulletList(list(STATUTORY["recipients"])),
    ])


@section(20)
def governance(ctx: ReportContext) -> Section:
    """Governance and accountability: the structure, meetings held and Board attendance."""
    p, y = ctx.partnership, ctx.year
    held = selectors.meetings_held(p, y)
    blocks: list[object] = []
    executive = next((g.group for g in held if g.group.kind == GroupKind.EXECUTIVE), None)
    board = selectors.board_of(p)
    if executive:
        seats = selectors.seats_in_year(executive, y)
        names = sorted({s.agency.name for s in seats})
        blocks.append(Paragraph(
            f"The partnership is held to account by the {executive.name}, whose members in "
            f"{y.label} came from {len(names)} organisations: {_join(names)}."
        ))
    blocks.append(Table(
        caption=f"Groups and meetings held, {y.label}",
        head=["Group", "Type", "Reports to", "Chair", "Meetings held"],
        rows=[[g.group.name, g.group.get_kind_display(),
               g.group.parent.name if g.group.parent else "–",
               g.group.chair.role_title if g.group.chair else "–", str(g.held)] for g in held],
        numeric=(4,),
    ))
    subsections = []
    if board:
        subsections.append(_board_attendance(board, y))
    changes = selectors.arrangement_changes(p, y)
    if changes:
        subsections.append(Section("changes", f"Changes to the arrangements in {y.label}", [
            BulletList([_seat_change(c) for c in changes])]))
    return Section("governance", "Governance and accountability", blocks, subsections)


def _seat_change(change: selectors.SeatChange) -> str:
    seat = change.seat
    who = f"{seat.role_title} ({seat.agency.name})" if seat.role_title else seat.agency.name
    verb = "joined" if change.joined else "left"
    return f"{_long_date(change.day)}: {who} {verb} the {seat.group.name}."


def _board_attendance(board, y: ReportingYear) -> Section:  # type: ignore[no-untyped-def]
    rows = selectors.attendance_by_agency(board, y)
    registered = selectors.meetings_in_year(board, y).filter(attendances__isnull=False).distinct()
    count = registered.count()
    table = Table(
        caption=f"{board.name} attendance by organisation, {_long_date(y.start)} to "
                f"{_long_date(y.end)}",
        head=["Organisation", "Seats", "Attendance"],
        rows=[[r.agency.name, str(r.seats), format_percent(r.percent)] for r in rows],
        numeric=(1, 2),
    )
    full = [r for r in rows if r.percent == 100]
    lowest = min((r for r in rows if r.percent is not None), key=lambda r: r.percent or 0,
                 default=None)
    summary = (
        f"Bar chart of attendance at the {count} {board.name} meetings with a register, by "
        f"organisation. {len(full)} of {len(rows)} organisations attended every meeting"
    )
    if lowest is not None and lowest.percent != 100:
        summary += f"; the lowest was {lowest.agency.name} at {format_percent(lowest.percent)}"
    summary += ". The table below gives every value."
    blocks: list[object] = [
        Paragraph(
            f"The {board.name} met {count} times with a recorded register. An organisation's "
            f"attendance is the share of its seats filled, in person or by a deputy, across "
            f"those meetings."
        ),
        Chart(title=table.caption, summary=summary,
              spec=attendance_chart([(r.agency.name, r.percent) for r in rows]), table=table),
    ]
    return Section("attendance", f"{board.name} attendance", blocks)


@section(30)
def finance(ctx: ReportContext) -> Section:
    """Financial arrangements: income by partner and expenditure, with totals."""
    budget = selectors.budget_for(ctx.year)
    y = ctx.year
    if not budget.income and not budget.expenditure:
        return Section("finance", "Financial arrangements",
                       [Paragraph(f"No budget has been recorded for {y.label}.")])
    balance = budget.balance
    outcome = (
        f"Income exceeded expenditure by {format_pounds(balance)}." if balance > 0 else
        f"Expenditure exceeded income by {format_pounds(-balance)}." if balance < 0 else
        "Income and expenditure balanced."
    )
    contributors = sum(1 for line in budget.income if line.agency_id and line.amount_pence > 0)
    return Section("finance", "Financial arrangements", [
        Paragraph(
            f"Partner agencies' financial contributions for {y.label} totalled "
            f"{format_pounds(budget.agency_contributions)}, from {contributors} agencies that "
            f"contributed money; total income was {format_pounds(budget.income_total)} and "
            f"expenditure {format_pounds(budget.expenditure_total)}. {outcome}"
        ),
        _money_table(f"Income, {y.label}", "Source", budget.income, "Total income",
                     budget.income_total),
        _money_table(f"Expenditure, {y.label}", "Item", budget.expenditure, "Total expenditure",
                     budget.expenditure_total),
    ])


def _money_table(caption: str, label: str, lines, total_label: str,  # type: ignore[no-untyped-def]
                 total: int) -> Table:
    return Table(
        caption=caption,
        head=[label, "Amount", "Note"],
        rows=[[x.line, format_pounds(x.amount_pence), x.note] for x in lines],
        foot=[[total_label, format_pounds(total), ""]],
        numeric=(1,),
    )


@section(90)
def priorities(ctx: ReportContext) -> Section:
    """Progress against priorities: each business-plan priority and what was done under it."""
    subsections = []
    for priority in ctx.year.priorities.prefetch_related("actions"):
        actions = list(priority.actions.all())
        done = sum(1 for a in actions if a.status == "done")
        blocks: list[object] = []
        if priority.description:
            blocks.append(Paragraph(priority.description))
        blocks.append(Paragraph(
            f"What we did in {ctx.year.label}: {done} of {len(actions)} actions completed."))
        blocks.append(BulletList([
            a.text if a.status == "done" else f"{a.text} ({a.get_status_display().lower()})"
            for a in actions
        ]))
        subsections.append(Section(f"priority-{priority.code}", priority.title, blocks))
    intro = (f"The partners agreed {len(subsections)} priorities for {ctx.year.label}."
             if subsections else f"No priorities have been recorded for {ctx.year.label}.")
    return Section("priorities", "Progress against priorities", [Paragraph(intro)], subsections)


def _join(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


from lscp.reports import context_section, learning_sections  # noqa: E402, F401  (register sections)


def build_yearly_report(partnership: Partnership, year: ReportingYear,
                        public: bool = False) -> Document:
    ctx = ReportContext(partnership, year, public)
    return Document(
        title=f"{partnership.name}: yearly report {year.label}",
        subtitle=f"1 April {year.start.year} to 31 March {year.end.year}"
                 + ("" if public else " (internal edition: true values, not for publication)"),
        slug=f"yearly-report-{year.label}" + ("-public" if public else ""),
        sections=[build(ctx) for build in SECTIONS],
        meta={"partnership": partnership.name, "year": year.label, "language": "en-GB"},
    )


def all_charts(document: Document) -> list[Chart]:
    return [b for b in document.blocks() if isinstance(b, Chart)]


@section(95)
def looking_ahead(ctx: ReportContext) -> Section:
    """Looking ahead: the priorities already agreed for the following year, from its pledge."""
    following = following_year(ctx.year.label)
    year = ctx.partnership.years.filter(label=following).first()
    agreed = list(year.priorities.prefetch_related("actions")) if year else []
    if not agreed:
        return Section("ahead", "Looking ahead", [
            Paragraph(f"No priorities for {following} have been recorded yet.")])
    subsections = []
    for priority in agreed:
        blocks: list[object] = []
        if priority.description:
            blocks.append(Paragraph(priority.description))
        planned = [a.text for a in priority.actions.all()]
        if planned:
            blocks += [Paragraph(f"What we will do in {following}:"), BulletList(planned)]
        subsections.append(Section(f"ahead-{priority.code}", priority.title, blocks))
    return Section("ahead", "Looking ahead", [Paragraph(
        f"The partners have agreed {len(agreed)} "
        f"{'priority' if len(agreed) == 1 else 'priorities'} for {following}.")], subsections)
