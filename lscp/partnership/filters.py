"""The filters above the registers' lists: pure functions over what a selector returned, so
a filtered page still adds up the way the report does (totals are of the whole year)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lscp.partnership.selectors import Budget


def _has(text: str, *values: Any) -> bool:
    return not text or any(text.lower() in str(v or "").lower() for v in values)


@dataclass(frozen=True)
class PriorityShown:
    priority: Any
    actions: list[Any]


def priorities(found: list[Any], *, text: str = "", status: str = "") -> list[PriorityShown]:
    """Priorities with the actions that match; a priority whose title matches keeps all its
    actions of that status, and one with nothing matching is left out."""
    shown = []
    for priority in found:
        actions = [a for a in priority.actions.all() if not status or a.status == status]
        if not _has(text, priority.title, priority.description):
            actions = [a for a in actions if _has(text, a.text, a.progress)]
        elif status == "" or actions:
            shown.append(PriorityShown(priority, actions))
            continue
        if actions:
            shown.append(PriorityShown(priority, actions))
    return shown


def budget_lines(budget: Budget, *, text: str = "",
                 agency: str = "") -> tuple[list[Any], list[Any]]:
    """The year's income and expenditure lines that match the text and the agency."""

    def match(line: Any) -> bool:
        return _has(text, line.line, line.note) and (
            not agency or (line.agency is not None and line.agency.code == agency))

    return [x for x in budget.income if match(x)], [x for x in budget.expenditure if match(x)]
