"""Dates: the collection year, birthdays, and England working days as one precomputed calendar.

Dates are handled as ordinals (`date.toordinal()`) throughout the generator; the calendar
turns them into the two text forms the returns use and counts working days.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays

from lscp.insight.periods import year_bounds

NEVER = 10**9  # an ordinal later than any date used


def collection_year(year: str) -> tuple[dt.date, dt.date]:
    """1 April and 31 March of a collection year written "2024-25"; ValueError in words."""
    return year_bounds(year)


def birthday(dob: int, years: int) -> int:
    """The ordinal of the `years`th birthday (1 March for someone born on 29 February)."""
    day = dt.date.fromordinal(dob)
    try:
        return day.replace(year=day.year + years).toordinal()
    except ValueError:  # 29 February
        return dt.date(day.year + years, 3, 1).toordinal()


class Calendar:
    """Date strings and England working days, precomputed over every date the files can hold."""

    def __init__(self, end: int) -> None:
        self.lo = lo = end - 24 * 366
        hi = end + 5 * 366  # a UASC child's 18th birthday can be up to four years ahead
        first, last = dt.date.fromordinal(lo), dt.date.fromordinal(hi)
        bank = {d.toordinal() for d in holidays.country_holidays(
            "GB", subdiv="ENG", years=range(first.year, last.year + 1))}
        self.iso: list[str] = []
        self.uk: list[str] = []
        self.cum: list[int] = []  # working days on or before each date (from lo)
        self.working: list[int] = []  # ordinals of the working days, in order
        for ordinal in range(lo, hi + 1):
            day = dt.date.fromordinal(ordinal)
            self.iso.append(day.isoformat())
            self.uk.append(f"{day.day:02d}/{day.month:02d}/{day.year:04d}")
            if day.weekday() < 5 and ordinal not in bank:
                self.working.append(ordinal)
            self.cum.append(len(self.working))

    def add(self, start: int, days: int) -> int:
        """The date `days` working days after `start` (`start` itself is day 0)."""
        return start if days <= 0 else self.working[self.cum[start - self.lo] + days - 1]

    def between(self, start: int, end: int) -> int:
        """Working days after `start` up to and including `end`."""
        return self.cum[end - self.lo] - self.cum[start - self.lo]


@lru_cache(maxsize=4)
def calendar_for(end: int) -> Calendar:
    """The calendar for a collection year ending on `end`, built once per process."""
    return Calendar(end)
