"""Forms for agency submissions.

The rules for a figure (whole numbers, numerator within denominator, breakdowns adding up,
a comment for a large change) live in `submissions.check`, which the spreadsheet upload
uses too; this form carries what was typed to it and its answers back to the page.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from lscp.dataset import submissions
from lscp.dataset.submissions import Checked, Entry

FIELDS = ("value", "numerator", "denominator", "comment")


class SubmissionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    action = forms.CharField(required=False)

    def __init__(self, data: Any, *, entries: list[Entry],
                 previous: dict[str, Decimal]) -> None:
        super().__init__(data)
        self._slots = [e.slot for e in entries]
        self._previous = previous
        for slot in self._slots:
            for name in FIELDS:
                self.fields[f"{slot.key}.{name}"] = forms.CharField(required=False, strip=False)
        self.checked: dict[str, Checked] = {}
        self.slot_errors: submissions.Errors = {}

    @property
    def sending(self) -> bool:
        """Submitting to the business unit asks for every figure; saving a draft does not."""
        return self.data.get("action") == "submit"

    @property
    def seen_version(self) -> int:
        version = self.cleaned_data.get("version")
        return -1 if version is None else int(version)  # a form without one is always stale

    def entries(self) -> list[Entry]:
        """What was typed, slot by slot (blank where a field was refused)."""
        typed = getattr(self, "cleaned_data", {})
        return [Entry(slot, **{name: typed.get(f"{slot.key}.{name}", "") for name in FIELDS})
                for slot in self._slots]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name, problems in self.errors.items():
            key, _, field = name.rpartition(".")
            if key:
                self.slot_errors[(key, field)] = str(problems[0])
        checked, errors = submissions.check(self.entries(), self._previous,
                                            complete=self.sending)
        self.checked = checked
        self.slot_errors = {**errors, **self.slot_errors}
        return data

    def is_valid(self) -> bool:
        return super().is_valid() and not self.slot_errors
