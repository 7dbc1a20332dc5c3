"""Periods: months, quarters and halves of the reporting year, and reporting years.

The one place that knows a reporting year runs from 1 April to 31 March: every app, the
returns pipeline and the reports ask here rather than doing the arithmetic themselves.

Written as text keys so they sort and travel in CSV files:
  "2021-03"     March 2021
  "2020-21-Q4"  January to March 2021 (quarters of the April-March year)
  "2020-21-H2"  October 2020 to March 2021 (halves, for six-monthly assessments)
  "2020-21"     the reporting year (for a snapshot indicator: the position at 31 March 2021)
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-(\d{2})-Q([1-4])$")
_YEAR = re.compile(r"^(\d{4})-(\d{2})$")
_HALF = re.compile(r"^(\d{4})-(\d{2})-H([12])$")


@dataclass(frozen=True, order=True)
class Period:
    start: dt.date
    end: dt.date
    kind: str  # month, quarter, half, year
    key: str

    @property
    def label(self) -> str:
        if self.kind == "month":
            return f"{self.start:%B %Y}"
        if self.kind == "quarter":
            return f"{self.key[:7]} Q{self.key[-1]} ({self.start:%b}–{self.end:%b %Y})"
        if self.kind == "half":
            return f"{self.key[:7]} H{self.key[-1]} ({self.start:%b %Y}–{self.end:%b %Y})"
        return self.key

    @property
    def year_key(self) -> str:
        return year_label_for(self.start)

    @property
    def short_label(self) -> str:
        """"2020-21 Q4", "2020-21 H2", "March 2021", "2020-21": for titles, where the span
        is said beside them."""
        if self.kind in ("quarter", "half"):
            return f"{self.key[:7]} {self.key[8:]}"
        return self.label


def year_label_for(day: dt.date) -> str:
    """The reporting year a day falls in: 31 March 2021 is in "2020-21", 1 April in "2021-22"."""
    first = day.year if day.month >= 4 else day.year - 1
    return _year_key(first)


def _year_key(first: int) -> str:
    return f"{first}-{(first + 1) % 100:02d}"


def year_bounds(label: str) -> tuple[dt.date, dt.date]:
    """First and last day of the reporting year `label`; ValueError if it is not one."""
    first = _year_start(label)
    return dt.date(first, 4, 1), dt.date(first + 1, 3, 31)


def following_year(label: str) -> str:
    """The reporting year after `label`: "2020-21" -> "2021-22"."""
    return _year_key(_year_start(label) + 1)


def previous_year(label: str) -> str:
    """The reporting year before `label`: "2020-21" -> "2019-20"."""
    return _year_key(_year_start(label) - 1)


def _year_start(label: str) -> int:
    match = _YEAR.fullmatch(label)
    if not match:
        raise ValueError(f'"{label}" is not a reporting year like "2020-21"')
    first = int(match.group(1))
    if (first + 1) % 100 != int(match.group(2)):
        raise ValueError(f'"{label}" is not a reporting year: the second year must follow '
                         'the first')
    return first


def parse_period(key: str) -> Period:
    """A Period from its key; ValueError with a plain message otherwise."""
    key = key.strip()
    if m := _QUARTER.match(key):
        first = _year_start(key[:7])
        quarter = int(m.group(3))
        month = 4 + 3 * (quarter - 1)
        year = first + (month - 1) // 12
        month = (month - 1) % 12 + 1
        start = dt.date(year, month, 1)
        end = _month_end(dt.date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1))
        return Period(start, end, "quarter", key)
    if m := _HALF.match(key):
        first = _year_start(key[:7])
        if m.group(3) == "1":
            return Period(dt.date(first, 4, 1), dt.date(first, 9, 30), "half", key)
        return Period(dt.date(first, 10, 1), dt.date(first + 1, 3, 31), "half", key)
    if _MONTH.match(key) and 1 <= int(key[5:7]) <= 12 and not _is_year(key):
        start = dt.date(int(key[:4]), int(key[5:7]), 1)
        return Period(start, _month_end(start), "month", key)
    if _YEAR.match(key):
        first = _year_start(key)
        return Period(dt.date(first, 4, 1), dt.date(first + 1, 3, 31), "year", key)
    raise ValueError(f'"{key}" is not a period: use 2021-03 (month), 2020-21-Q4 (quarter), '
                     '2020-21-H2 (half) or 2020-21 (year)')


def _is_year(key: str) -> bool:
    """"2020-21" is a year; "2021-03" is a month: a year's second part follows its first."""
    return (int(key[:4]) + 1) % 100 == int(key[5:7])


def _month_end(day: dt.date) -> dt.date:
    following = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def months_of(period: Period) -> list[Period]:
    months, day = [], period.start
    while day <= period.end:
        months.append(parse_period(f"{day:%Y-%m}"))
        day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return months


def previous(period: Period) -> Period:
    """The period before, of the same kind: last month, last quarter, last year."""
    if period.kind == "year":
        return parse_period(previous_year(period.key))
    if period.kind in ("quarter", "half"):
        return _containing(period.start - dt.timedelta(days=1), period.kind)
    return parse_period(f"{period.start - dt.timedelta(days=1):%Y-%m}")


def _containing(day: dt.date, kind: str) -> Period:
    year_key = year_label_for(day)
    if kind == "quarter":
        return parse_period(f"{year_key}-Q{(day.month - 4) % 12 // 3 + 1}")
    if kind == "half":
        return parse_period(f"{year_key}-H{(day.month - 4) % 12 // 6 + 1}")
    return parse_period(year_key)


def ended_by(year_keys: list[str], today: dt.date) -> list[Period]:
    """The quarters and reporting years that have ended by `today`, newest first.

    Agencies submit figures for a period once it is over; a quarter comes before the year
    that ends with it, because quarterly returns are the everyday case.
    """
    found = []
    for key in year_keys:
        year = parse_period(key)
        found += [parse_period(f"{key}-Q{q}") for q in (1, 2, 3, 4)] + [year]
    ended = [p for p in found if p.end <= today]
    return sorted(ended, key=lambda p: (p.end, p.kind == "quarter"), reverse=True)


def span_words(period: Period) -> str:
    """ "1 January to 31 March 2021", "1 October 2020 to 31 March 2021": a document's span."""
    first = f"{period.start.day} {period.start:%B}"
    if period.start.year != period.end.year:
        first += f" {period.start.year}"
    return f"{first} to {period.end.day} {period.end:%B %Y}"


def of_kind(key: str, kind: str) -> Period:
    """The period `key` names, which must be a `kind` ("quarter", "half", "year", "month");
    ValueError in words otherwise ("2020-21-H2 is a half, not a quarter")."""
    period = parse_period(key)
    if period.kind != kind:
        raise ValueError(f'"{key}" is a {period.kind}, not a {kind}: use '
                         + {"quarter": "2020-21-Q4", "half": "2020-21-H2",
                            "year": "2020-21", "month": "2021-03"}[kind])
    return period


def parts_of(year_key: str, kind: str) -> list[Period]:
    """The quarters ("quarter") or halves ("half") of a reporting year, in order."""
    count = {"quarter": 4, "half": 2}[kind]
    return [parse_period(f"{year_key}-{kind[0].upper()}{n}") for n in range(1, count + 1)]
