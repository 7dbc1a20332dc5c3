"""Governance and accountability: who holds the partnership to account, and how often it met."""

from __future__ import annotations

from lscp.insight.charts import attendance_chart
from lscp.insight.figures import format_percent
from lscp.partnership import selectors
from lscp.partnership.models import GroupKind, Meeting, ReportingYear
from lscp.reports.content import BulletList, Chart, Paragraph, Section, Table
from lscp.reports.registry import ReportContext, section
from lscp.reports.wording import join_names, long_date, plural


@section("governance")
def governance(ctx: ReportContext) -> Section:
    """Governance and accountability: the structure, meetings held and Board attendance."""
    p, y = ctx.partnership, ctx.year
    held = selectors.meetings_held(p, y)
    blocks: list[object] = []
    executive = next((g.group for g in held if g.group.kind == GroupKind.EXECUTIVE), None)
    board = selectors.board_of(p)
    if executive:
        blocks.append(Paragraph(_held_to_account(executive, y)))
    blocks.append(_groups_table(held, y))
    subsections = []
    if board:
        subsections.append(_board_attendance(board, y))
    changes = selectors.arrangement_changes(p, y)
    if changes:
        subsections.append(Section("changes", f"Changes to the arrangements in {y.label}", [
            BulletList([_seat_change(c) for c in changes])]))
    return Section("governance", "Governance and accountability", blocks, subsections)


def _held_to_account(executive, y: ReportingYear) -> str:  # type: ignore[no-untyped-def]
    """Who sits on the Executive, when its seats are on record: an Executive with none says
    only that it exists (never "0 organisations: ")."""
    names = sorted({s.agency.name for s in selectors.seats_in_year(executive, y)})
    text = f"The partnership is held to account by the {executive.name}"
    if not names:
        return text + "."
    return (f"{text}, whose members in {y.label} came from "
            f"{plural(len(names), 'organisation')}: {join_names(names)}.")


def _groups_table(held: list[selectors.GroupMeetings], y: ReportingYear) -> Table:
    """Every group and the meetings it held; a column for extraordinary meetings when any
    group called one, so they are seen and not only counted."""
    extra = any(g.extraordinary for g in held)
    head = ["Group", "Type", "Reports to", "Chair", "Meetings held"]
    rows = [[g.group.name, g.group.get_kind_display(),
             g.group.parent.name if g.group.parent else "–",
             g.group.chair.role_title if g.group.chair else "–", str(g.held)] for g in held]
    if extra:
        head.append("Of which extraordinary")
        for row, g in zip(rows, held, strict=True):
            row.append(str(g.extraordinary))
    return Table(caption=f"Groups and meetings held, {y.label}", head=head, rows=rows,
                 numeric=(4, 5) if extra else (4,))


def _seat_change(change: selectors.SeatChange) -> str:
    seat = change.seat
    who = f"{seat.role_title} ({seat.agency.name})" if seat.role_title else seat.agency.name
    verb = "joined" if change.joined else "left"
    return f"{long_date(change.day)}: {who} {verb} the {seat.group.name}."


def _board_attendance(board, y: ReportingYear) -> Section:  # type: ignore[no-untyped-def]
    rows = selectors.attendance_by_agency(board, y)
    meetings = list(selectors.held_in_year(board, y))
    count = selectors.held_in_year(board, y).filter(
        attendances__isnull=False).distinct().count()
    if not meetings:
        return Section("attendance", f"{board.name} attendance", [
            Paragraph(f"The {board.name} did not meet in {y.label}.")])
    table = Table(
        caption=f"{board.name} attendance by organisation, {long_date(y.start)} to "
                f"{long_date(y.end)}",
        head=["Organisation", "Seats", "Attendance"],
        rows=[[r.agency.name, str(r.seats), format_percent(r.percent)] for r in rows],
        numeric=(1, 2),
    )
    blocks: list[object] = [
        Paragraph(_board_meetings(board.name, y, meetings, count)),
        Chart(title=table.caption, summary=_attendance_summary(board.name, count, rows),
              spec=attendance_chart([(r.agency.name, r.percent) for r in rows]), table=table),
    ]
    return Section("attendance", f"{board.name} attendance", blocks)


def _board_meetings(name: str, y: ReportingYear, meetings: list[Meeting], registered: int) -> str:
    """How often the Board met, its extraordinary meetings named by date, and which meetings
    the attendance figures come from."""
    extraordinary = [long_date(m.date) for m in meetings if m.kind == "extraordinary"]
    text = f"The {name} met {_times(len(meetings))} in {y.label}"  # never 0: see the caller
    if extraordinary:
        text += (f", including {_an_extraordinary(len(extraordinary))} on "
                 f"{join_names(extraordinary)}")
    text += ". "
    if registered == len(meetings):
        scope = "those meetings"
    else:
        text += f"{registered} of them had a recorded register. "
        scope = "the meetings with a register"
    return text + (f"An organisation's attendance is the share of its seats filled, in person "
                   f"or by a deputy, across {scope}.")


def _times(count: int) -> str:
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


def _an_extraordinary(count: int) -> str:
    return "an extraordinary meeting" if count == 1 else f"{count} extraordinary meetings"


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
