"""What is due from whom: the registry the home pages, the tracker and notifications read.

Each app knows what it expects of people (the dataset: each agency's figures for each
period that has ended; learning and improvement: actions by their due date) and registers
a source here in its `ready()`. Readers ask one function and never learn where an item
came from, so a new app's deadlines show up everywhere without touching the readers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from lscp.partnership.models import Agency, Partnership


@dataclass(frozen=True)
class Expected:
    """One thing someone owes the partnership."""

    kind: str  # the registering source, e.g. "submission", "action"
    what: str  # "Metropolitan Police figures for 2020-21 Q4"
    agency: Agency | None  # who owes it; None when it is the business unit's own to do
    due: dt.date | None
    state: str  # in words: "not started", "returned", "awaiting approval", "overdue"
    url: str  # where it is dealt with
    overdue: bool = False
    soon: bool = False  # due within the source's own warning window (a clock: 5 working days)
    note: str = ""  # what the person acting needs to know, e.g. why a submission was returned


Source = Callable[[Partnership, dt.date], Iterable[Expected]]
_SOURCES: dict[str, Source] = {}


def register(kind: str, source: Source) -> None:
    """Add (or replace: `ready()` may run twice in tests) the source of one kind of item."""
    _SOURCES[kind] = source


def kinds() -> list[str]:
    return sorted(_SOURCES)


def expected(partnership: Partnership, today: dt.date, *, agency: Agency | None = None,
             kinds: Iterable[str] | None = None) -> list[Expected]:
    """Everything due in the partnership (or from one agency): overdue first, then by date."""
    chosen = _SOURCES if kinds is None else {k: _SOURCES[k] for k in kinds}
    found: list[Expected] = []
    for source in chosen.values():
        found += [e for e in source(partnership, today)
                  if agency is None or (e.agency is not None and e.agency.pk == agency.pk)]
    return sorted(found, key=_order)


def _order(item: Expected) -> tuple[Any, ...]:
    return (not item.overdue, item.due or dt.date.max, item.kind, item.what)
