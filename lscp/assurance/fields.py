"""The GOV.UK date input (day, month, year boxes) as one form field, so a form with eight
milestone dates stays a plain form and every date is refused with a message naming it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError


class DateBoxes(forms.MultiWidget):
    """Three text boxes named `<field>_day`, `<field>_month`, `<field>_year`; rendered by
    assurance/_date_field.html, not by Django."""

    is_gov_date = True

    def __init__(self) -> None:
        super().__init__({"day": forms.TextInput(), "month": forms.TextInput(),
                          "year": forms.TextInput()})

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


class GovDateField(forms.MultiValueField):
    """A date from three boxes; empty when all three are, refused when some or a wrong one is."""

    widget = DateBoxes

    def __init__(self, *, label: str, required: bool = False, **kwargs: Any) -> None:
        self.what = label
        parts = [forms.CharField(required=False, max_length=4) for _ in range(3)]
        super().__init__(parts, label=label, required=False, require_all_fields=False,
                         **kwargs)
        self.must = required

    def compress(self, data_list: list[Any]) -> dt.date | None:
        parts = [str(p or "").strip() for p in (data_list or [])]
        if not any(parts):
            if self.must:
                raise ValidationError(f"Enter the {self.what.lower()}", code="required")
            return None
        if not all(parts):
            missing = [n for n, p in zip(("day", "month", "year"), parts, strict=True) if not p]
            raise ValidationError(
                f"{self.what} must include a {' and a '.join(missing)}", code="incomplete")
        try:
            day, month, year = (int(p) for p in parts)
            if year < 1900:
                raise ValueError
            return dt.date(year, month, day)
        except ValueError:
            raise ValidationError(f"{self.what} must be a real date, like 30 6 2021",
                                  code="invalid") from None

    def clean(self, value: Any) -> dt.date | None:
        if not isinstance(value, list | tuple):
            value = DateBoxes().decompress(value)
        return self.compress(list(value))

