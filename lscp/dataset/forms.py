"""Forms for agency submissions.

The rules for a figure (whole numbers, numerator within denominator, breakdowns adding up,
a comment for a large change) live in `submissions.check`, which the spreadsheet upload
uses too; this form carries what was typed to it and its answers back to the page. A figure
that looks unusual is a warning, not an error: it may be saved as a draft, but is submitted
only once the contributor confirms it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from lscp.dataset import submissions
from lscp.dataset.plausibility import Reference
from lscp.dataset.spreadsheet import COMMENT_LIMIT, MAX_BYTES
from lscp.dataset.submissions import Checked, Entry
from lscp.partnership.text_limits import LINE, LimitedForm
from lscp.web.dates import GovDateField

FIELDS = ("value", "numerator", "denominator", "comment")
# What each typed field is called in a refusal, and how long it may be.
LABELS = {"value": "The value", "numerator": "The numerator",
          "denominator": "The denominator", "comment": "The comment"}
LIMITS = {"value": LINE, "numerator": LINE, "denominator": LINE, "comment": COMMENT_LIMIT}
CONFIRM_FIELD = "unusual_confirmed"
CONFIRM = ("unusual", "confirmed")  # where the error sits: the page's #unusual.confirmed box


class SubmissionForm(LimitedForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    action = forms.CharField(required=False)

    def __init__(self, data: Any, *, entries: list[Entry], previous: dict[str, Decimal],
                 references: dict[str, list[Reference]] | None = None) -> None:
        super().__init__(data)
        self._slots = [e.slot for e in entries]
        self._previous = previous
        self._references = references or {}
        self.warnings: dict[str, str] = {}  # slot key -> why its figure looks unusual
        for slot in self._slots:
            for name in FIELDS:
                self.fields[f"{slot.key}.{name}"] = forms.CharField(
                    required=False, strip=False, label=LABELS[name], max_length=LIMITS[name])
        self.limit_text()  # the slots' fields came after TextLimits.__init__ limited the rest
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
        entries = self.entries()
        checked, errors = submissions.check(entries, self._previous, complete=self.sending)
        self.checked = checked
        self.warnings = submissions.unusual_figures(entries, checked, self._references)
        self.slot_errors = {**errors, **self.slot_errors}
        if self.sending and set(self.warnings) - self.confirmed:
            self.slot_errors[CONFIRM] = ("Check the figures marked unusual: correct them, or "
                                         "confirm they are right")
        return data

    @property
    def confirmed(self) -> set[str]:
        """The unusual figures the contributor said are right: the keys shown to them when
        they ticked the box, so a figure made unusual later is not waved through with them."""
        return set(str(self.data.get(CONFIRM_FIELD, "")).split())

    def is_valid(self) -> bool:
        return super().is_valid() and not self.slot_errors


class UploadForm(LimitedForm):
    """The completed template. Its size is checked here, before a byte of it is read."""

    file = forms.FileField(required=False)

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload is None:
            raise ValidationError("Choose the completed spreadsheet to upload")
        if upload.size > MAX_BYTES:
            raise ValidationError("The file is over 5 MB: upload the template you downloaded")
        return upload


class DeadlineForm(LimitedForm):
    """The date a period's figures are due: a GOV.UK date input, and the version it was
    opened at (0 before any deadline is set), so two people setting it cannot both win."""

    due = GovDateField(label="Date the figures are due", required=True,
                       called="The date the figures are due", example=dt.date(2021, 7, 30))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, period_end: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.period_end = period_end

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        due = data.get("due")
        if due is not None and due <= self.period_end:
            self.add_error("due", "The date the figures are due must be after the period "
                                  f"ends on {self.period_end:%-d %B %Y}")
        data["version"] = data.get("version") or 0
        return data
