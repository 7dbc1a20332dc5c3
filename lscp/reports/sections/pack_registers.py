"""The quarterly pack's registers: open and overdue actions, open challenges and risks past
their review date, as they stood on the quarter's last day (lscp/intelligence/as_at.py)."""

from __future__ import annotations

from lscp.intelligence.as_at import (
    ActionAt,
    actions_open_at,
    challenges_open_at,
    risks_past_review_at,
)
from lscp.reports.content import Paragraph, Section, Table
from lscp.reports.registry import ReportContext, section
from lscp.reports.sections._pack import as_at, day_words, period_of
from lscp.reports.wording import plural


def _now(item: ActionAt) -> str:
    """Where the action stands today, beside where it stood then."""
    if item.completed_later:
        return f"Completed {day_words(item.completed_later)}"
    return item.action.get_status_display()


def _actions(caption: str, items: list[ActionAt], overdue: bool) -> Table:
    head = ["Action", "From", "Owner", "Due"] + (["Days overdue"] if overdue else []) + ["Now"]
    return Table(caption=caption, head=head, rows=[
        [i.action.text, i.action.recommendation.source, i.action.owner.name,
         day_words(i.action.due), *([f"{i.days_overdue:,}"] if overdue else []), _now(i)]
        for i in items], numeric=(4,) if overdue else ())


@section("pack-registers")
def pack_registers(ctx: ReportContext) -> Section:
    """Registers as at the quarter's end: actions open and overdue that day (from due and
    completion dates, not today's status), challenges raised and not yet closed, and risks
    whose review date had passed."""
    day = period_of(ctx).end
    when = as_at(ctx)
    actions = actions_open_at(ctx.partnership, day)
    late = [a for a in actions if a.overdue]
    rest = [a for a in actions if not a.overdue]
    challenges = challenges_open_at(ctx.partnership, day)
    risks = risks_past_review_at(ctx.partnership, day)
    intro = (f"At {when}: {plural(len(actions), 'action')} open, "
             f"{len(late) if late else 'none'} of them overdue; "
             f"{plural(len(challenges), 'challenge')} open; "
             f"{plural(len(risks), 'risk')} past {'its' if len(risks) == 1 else 'their'} "
             "review date.")
    subsections = [
        Section("pack-actions-overdue", "Overdue actions", [
            _actions(f"Actions overdue at {when}", late, overdue=True) if late
            else Paragraph(f"No action was overdue at {when}.")]),
        Section("pack-actions-open", "Other open actions", [
            _actions(f"Actions open and not overdue at {when}", rest, overdue=False) if rest
            else Paragraph(f"No other action was open at {when}.")]),
        Section("pack-challenges", "Open challenges", [Table(
            caption=f"Challenges open at {when}",
            head=["Challenge", "Raised by", "To", "Raised", "Days open"],
            rows=[[c.challenge, c.raised_by, c.to_agency.name if c.to_agency else
                   "The partnership", day_words(c.raised_on), f"{(day - c.raised_on).days:,}"]
                  for c in challenges], numeric=(4,))
            if challenges else Paragraph(f"No challenge was open at {when}.")]),
        Section("pack-risks", "Risks past review", [Table(
            caption=f"Risks past their review date at {when}",
            head=["Risk", "Owner", "Score after controls", "Review date"],
            rows=[[r.title, r.owner.name if r.owner else "The partnership",
                   f"{r.score_after}", day_words(r.review_date)] for r in risks],
            numeric=(2,))
            if risks else Paragraph(f"No risk was past its review date at {when}.")]),
    ]
    return Section("pack-registers", "Actions, challenges and risks", [Paragraph(intro)],
                   subsections)
