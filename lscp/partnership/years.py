"""Reporting years run from 1 April to 31 March and are named like "2020-21"."""

import datetime as dt
import re

_LABEL = re.compile(r"^(\d{4})-(\d{2})$")


def year_bounds(label: str) -> tuple[dt.date, dt.date]:
    """First and last day of the reporting year `label`; ValueError if it is not one."""
    match = _LABEL.match(label)
    if not match:
        raise ValueError(f'"{label}" is not a reporting year like "2020-21"')
    first = int(match.group(1))
    if (first + 1) % 100 != int(match.group(2)):
        raise ValueError(f'"{label}" is not a reporting year: the second year must follow the first')
    return dt.date(first, 4, 1), dt.date(first + 1, 3, 31)


def year_label_for(day: dt.date) -> str:
    first = day.year if day.month >= 4 else day.year - 1
    return f"{first}-{(first + 1) % 100:02d}"


def following_year(label: str) -> str:
    """The reporting year after `label`: "2020-21" -> "2021-22"."""
    start, _ = year_bounds(label)
    return year_label_for(dt.date(start.year + 1, 4, 1))
