"""Forms for the business unit, rendered with GOV.UK Design System patterns."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from lscp.partnership.models import AttendanceStatus, Meeting, MeetingKind, Seat
from lscp.partnership.text_limits import LimitedForm


class AttendanceForm(LimitedForm):
    """One set of radios per seat held on the day; the version guards against lost updates."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, meeting: Meeting, seats: list[Seat], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        current = {a.seat_id: a.status for a in meeting.attendances.all()}
        self.seats = seats
        for seat in seats:
            self.fields[f"seat_{seat.pk}"] = forms.ChoiceField(
                label=f"{seat.agency.name}: {seat.role_title or seat.code}",
                choices=AttendanceStatus.choices,
                initial=current.get(seat.pk),
                widget=forms.RadioSelect,
                error_messages={"required": f"Select attendance for {seat.agency.name}"
                                            f" ({seat.role_title or seat.code})"},
            )
        self.fields["version"].initial = meeting.version

    def seat_fields(self) -> list[forms.BoundField]:
        return [self[f"seat_{s.pk}"] for s in self.seats]

    def statuses(self) -> dict[int, str]:
        return {s.pk: self.cleaned_data[f"seat_{s.pk}"] for s in self.seats}


class MeetingForm(LimitedForm):
    """A GOV.UK date input (day, month, year) and the kind of meeting."""

    day = forms.CharField(required=False)
    month = forms.CharField(required=False)
    year = forms.CharField(required=False)
    kind = forms.ChoiceField(choices=MeetingKind.choices, initial=MeetingKind.ORDINARY,
                             widget=forms.RadioSelect, label="Type of meeting")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        parts = [str(data.get(k) or "").strip() for k in ("day", "month", "year")]
        if not any(parts):
            self.add_error("day", "Enter the date of the meeting")
            return data
        try:
            day, month, year = (int(p) for p in parts)
            data["date"] = dt.date(year, month, day)
        except ValueError:
            self.add_error("day", "Date of the meeting must be a real date, like 10 6 2021")
        return data
