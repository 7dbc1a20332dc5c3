"""The GOV.UK date input (day, month, year boxes) as one form field: one pattern everywhere.

A field `due = GovDateField(label="Date the figures are due")` reads the boxes `due_day`,
`due_month` and `due_year`, gives a `datetime.date` (or None when all three are empty), and
refuses in words that name the date and the fix: "Enter the date the figures are due",
"... must include a month", "... must be a real date, like 30 6 2021". Its errors are the
field's own, and web/_date_input.html (which web/_field.html picks for it) gives the day box
the field's id, so the error summary's link lands on the first box. A post from a script
may send one ISO date as `due` instead of the boxes; it is checked by the same rules.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

PARTS = ("day", "month", "year")
EXAMPLE = dt.date(2021, 6, 30)


def spoken(day: dt.date) -> str:
    """A date as the hint and the messages write it: 30 6 2021."""
    return f"{day.day} {day.month} {day.year}"


class DateBoxes(forms.MultiWidget):
    """Three text boxes named `<field>_day`, `<field>_month`, `<field>_year`; drawn by
    web/_date_input.html, not by Django."""

    is_gov_date = True

    def __init__(self) -> None:
        super().__init__({part: forms.TextInput() for part in PARTS})

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, dt.date):
            return [value.day, value.month, value.year]
        return [None, None, None]

    def value_from_datadict(self, data: Any, files: Any, name: str) -> list[Any]:
        """The three boxes; a post that has none of them but one `<field>` ISO date (from a
        script, or a page opened before the boxes replaced the typed date) is read as the
        boxes would have been, so it is checked by the same rules."""
        parts = super().value_from_datadict(data, files, name)
        typed = data.get(name)
        if not any(parts) and isinstance(typed, str) and typed.strip():
            try:
                return self.decompress(dt.date.fromisoformat(typed.strip()))
            except ValueError:
                return [typed.strip()] * 3  # refused as not a real date, naming the field
        return parts

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return name not in data and super().value_omitted_from_data(data, files, name)


class GovDateField(forms.MultiValueField):
    """A date from three boxes; empty when all three are, refused when some are missing or
    they make no real date.

    `label` is the legend ("Date of the meeting"); "Enter the ..." is made from it. `called`
    is how the other messages begin, where that differs ("The date the action is due");
    `example` is the date the hint and the "real date" message show.
    """

    widget = DateBoxes

    def __init__(self, *, label: str, required: bool = False, called: str = "",
                 example: dt.date = EXAMPLE, **kwargs: Any) -> None:
        parts = [forms.CharField(required=False, max_length=4) for _ in PARTS]
        super().__init__(parts, label=label, required=False, require_all_fields=False,
                         **kwargs)
        self.must = required  # Django's `required` stays off: an empty date is ours to word
        self.called = called or label
        self.example = spoken(example)

    def compress(self, data_list: list[Any]) -> dt.date | None:
        parts = [str(p or "").strip() for p in (data_list or [])]
        if not any(parts):
            if self.must:
                what = str(self.label)
                raise ValidationError(f"Enter the {what[:1].lower()}{what[1:]}",
                                      code="required")
            return None
        if not all(parts):
            missing = [n for n, p in zip(PARTS, parts, strict=True) if not p]
            raise ValidationError(f"{self.called} must include a {' and a '.join(missing)}",
                                  code="incomplete")
        try:
            day, month, year = (int(p) for p in parts)
            if year < 1900:
                raise ValueError
            return dt.date(year, month, day)
        except ValueError:
            raise ValidationError(f"{self.called} must be a real date, like {self.example}",
                                  code="invalid") from None

    def clean(self, value: Any) -> dt.date | None:
        if not isinstance(value, list | tuple):
            value = DateBoxes().decompress(value)
        return self.compress(list(value))
