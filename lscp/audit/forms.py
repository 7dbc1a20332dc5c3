"""The audit trail's filters: what, who, and a date range (GOV.UK date inputs)."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms

from lscp.audit.selectors import TrailFilter, kind_choices, people
from lscp.partnership.models import Partnership
from lscp.partnership.text_limits import LimitedForm
from lscp.web.dates import GovDateField

EXAMPLE = dt.date(2021, 4, 1)  # the hint: "For example, 1 4 2021"


class TrailFilterForm(LimitedForm):
    kind = forms.ChoiceField(label="Record or event", required=False)
    person = forms.ChoiceField(label="Person", required=False)
    since = GovDateField(label="From", example=EXAMPLE)
    until = GovDateField(label="To", example=EXAMPLE)

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["kind"]).choices = kind_choices()
        self._people = {str(u.pk): u for u in people(partnership)}
        cast(forms.ChoiceField, self.fields["person"]).choices = [("", "Anyone")] + [
            (pk, f"{u.get_full_name()} ({u.username})" if u.get_full_name() else u.username)
            for pk, u in self._people.items()]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            self.add_error("until", "To must be the same as or after From")
        return data

    def trail_filter(self) -> TrailFilter:
        """The filter the form asks for; everything when it is not valid."""
        if not self.is_valid():
            return TrailFilter()
        data = self.cleaned_data
        return TrailFilter(kind=data.get("kind") or "", person=self._people.get(
            data.get("person") or ""), since=data.get("since"), until=data.get("until"))
