"""Statutory clocks: is a milestone on track, due soon, overdue, met or missed?

Plain Python: the caller passes today's date in, so results are reproducible and testable.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from lscp.insight.working_days import working_days_between


class ClockState(StrEnum):
    WAITING = "waiting"  # the clock has not started
    ON_TRACK = "on track"
    DUE_SOON = "due soon"
    OVERDUE = "overdue"
    MET = "met"
    MISSED = "missed"


OPEN_STATES = (ClockState.ON_TRACK, ClockState.DUE_SOON, ClockState.OVERDUE)


@dataclass(frozen=True)
class Milestone:
    name: str
    due: dt.date | None  # None while the event that starts the clock has not happened
    done: dt.date | None

    def state(self, today: dt.date, soon_within: int = 5) -> ClockState:
        """`soon_within` working days before the deadline, an open milestone is due soon."""
        if self.due is None:
            return ClockState.WAITING
        if self.done is not None:
            return ClockState.MET if self.done <= self.due else ClockState.MISSED
        if today > self.due:
            return ClockState.OVERDUE
        if working_days_between(today, self.due) <= soon_within:
            return ClockState.DUE_SOON
        return ClockState.ON_TRACK
