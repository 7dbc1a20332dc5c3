"""Financial arrangements: what each partner contributed and how the money was spent."""

from __future__ import annotations

from lscp.insight.figures import format_pounds
from lscp.partnership import selectors
from lscp.reports.content import Paragraph, Section, Table
from lscp.reports.registry import ReportContext, section


@section("finance")
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
