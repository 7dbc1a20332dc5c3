"""Governance and accountability: who holds the partnership to account, and how often it met."""

from __future__ import annotations

from lscp.insight.charts import attendance_chart
from lscp.insight.figures import format_percent
from lscp.partnership import selectors
from lscp.partnership.models import GroupKind, ReportingYear
from lscp.reports.content import BulletList, Chart, Paragraph, Section, Table
from lscp.reports.registry import ReportContext, section
from lscp.reports.wording import join_names, long_date


@section("governance")
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
            f"{y.label} came from {len(names)} organisations: {join_names(names)}."
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
    return f"{long_date(change.day)}: {who} {verb} the {seat.group.name}."


def _board_attendance(board, y: ReportingYear) -> Section:  # type: ignore[no-untyped-def]
    rows = selectors.attendance_by_agency(board, y)
    registered = selectors.held_in_year(board, y).filter(attendances__isnull=False).distinct()
    count = registered.count()
    table = Table(
        caption=f"{board.name} attendance by organisation, {long_date(y.start)} to "
                f"{long_date(y.end)}",
        head=["Organisation", "Seats", "Attendance"],
        rows=[[r.agency.name, str(r.seats), format_percent(r.percent)] for r in rows],
        numeric=(1, 2),
    )
    blocks: list[object] = [
        Paragraph(
            f"The {board.name} met {count} times with a recorded register. An organisation's "
            f"attendance is the share of its seats filled, in person or by a deputy, across "
            f"those meetings."
        ),
        Chart(title=table.caption, summary=_attendance_summary(board.name, count, rows),
              spec=attendance_chart([(r.agency.name, r.percent) for r in rows]), table=table),
    ]
    return Section("attendance", f"{board.name} attendance", blocks)


def _attendance_summary(board_name: str, count: int, rows) -> str:  # type: ignore[no-untyped-def]
    """The chart's text alternative: what a sighted reader takes from the bars."""
    full = [r for r in rows if r.percent == 100]
    lowest = min((r for r in rows if r.percent is not None), key=lambda r: r.percent or 0,
                 default=None)
    summary = (
        f"Bar chart of attendance at the {count} {board_name} meetings with a register, by "
        f"organisation. {len(full)} of {len(rows)} organisations attended every meeting"
    )
    if lowest is not None and lowest.percent != 100:
        summary += f"; the lowest was {lowest.agency.name} at {format_percent(lowest.percent)}"
    return summary + ". The table below gives every value."
