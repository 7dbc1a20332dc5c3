"""The GOV.UK date input (day, month, year boxes) for any form: one pattern everywhere.

A form lists its dates in `dates = {"start": ("Start date", True)}` (name: legend, required);
`DateParts` adds `start_day`, `start_month` and `start_year` fields, puts the parsed date in
`cleaned_data["start"]`, and errors on the day box, which the error summary links to.
`layout()` gives the template each field, or each date as one group, in order.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

PARTS = ("day", "month", "year")


def parse_parts(parts: list[str]) -> dt.date | None:
    """The date that three boxes give, or None if they do not make a real date."""
    try:
        day, month, year = (int(p) for p in parts)
        if year < 1000:
            return None
        return dt.date(year, month, day)
    except ValueError:
        return None


class DateParts:
    """Mixed into a LimitedForm or LimitedModelForm before it: see the module docstring."""

    dates: dict[str, tuple[str, bool]] = {}
    fields: dict[str, forms.Field]

    def add_date_fields(self) -> None:
        for name in self.dates:
            value = getattr(self, "initial", {}).get(name)
            instance = getattr(self, "instance", None)
            if value is None and instance is not None:
                value = getattr(instance, name, None)
            for part in PARTS:
                self.fields[f"{name}_{part}"] = forms.CharField(
                    required=False, max_length=4, label=part.capitalize(),
                    initial=getattr(value, part, None) if value else None)

    def clean_dates(self, data: dict[str, Any]) -> None:
        for name, (legend, required) in self.dates.items():
            parts = [str(data.get(f"{name}_{p}") or "").strip() for p in PARTS]
            what = legend[0].lower() + legend[1:]
            if not any(parts):
                data[name] = None
                if required:
                    self.add_error(f"{name}_day", f"Enter the {what}")  # type: ignore[attr-defined]
                continue
            data[name] = parse_parts(parts)
            if data[name] is None:
                self.add_error(f"{name}_day",  # type: ignore[attr-defined]
                               f"{legend} must be a real date, like 30 6 2021")

    def layout(self) -> list[dict[str, Any]]:
        """What the form template shows, in order: a date as one group, else a field."""
        items: list[dict[str, Any]] = []
        for name in self.fields:
            base, _, part = name.rpartition("_")
            if base in self.dates and part == "day":
                items.append({"date": True, "end": base, "legend": self.dates[base][0],
                              **{p: self[f"{base}_{p}"] for p in PARTS}})  # type: ignore[index]
            elif not (base in self.dates and part in PARTS) and name != "version":
                items.append({"field": self[name]})  # type: ignore[index]
        return items
