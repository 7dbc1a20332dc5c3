"""Forms for the business unit, rendered with GOV.UK Design System patterns."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from lscp.partnership.models import AttendanceStatus, Meeting, MeetingKind, Seat
from lscp.partnership.text_limits import LimitedForm
from lscp.web.dates import GovDateField

TIMES = ["%H:%M", "%H.%M", "%H%M", "%H:%M:%S"]


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

    date = GovDateField(label="Date of the meeting", required=True,
                        example=dt.date(2021, 6, 10))
    kind = forms.ChoiceField(choices=MeetingKind.choices, initial=MeetingKind.ORDINARY,
                             widget=forms.RadioSelect, label="Type of meeting",
                             error_messages={"required": "Choose the type of meeting"})
    start_time = forms.TimeField(required=False, label="Start time", input_formats=TIMES,
                                 error_messages={"invalid": "Start time must be a time, like 14:00"})
    end_time = forms.TimeField(required=False, label="End time", input_formats=TIMES,
                               error_messages={"invalid": "End time must be a time, like 16:00"})
    place = forms.CharField(required=False, label="Place", max_length=200,
                            help_text="Where it meets, or how to join online.")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", "End time must be after the start time")
        return data

    def details(self) -> dict[str, Any]:
        """What the services take: the date, kind, time and place."""
        return {k: self.cleaned_data.get(k) for k in ("date", "kind", "start_time", "end_time")
                } | {"place": self.cleaned_data.get("place") or ""}


class MeetingEditForm(MeetingForm):
    """Correct a meeting: the same questions, opened at the meeting's version."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        kwargs["initial"] = {"date": meeting.date, "kind": meeting.kind,
                             "start_time": meeting.start_time, "end_time": meeting.end_time,
                             "place": meeting.place, "version": meeting.version}
        super().__init__(*args, **kwargs)


class MeetingCancelForm(LimitedForm):
    reason = forms.CharField(widget=forms.Textarea, label="Why was the meeting cancelled?",
                             error_messages={"required": "Enter why the meeting was cancelled"})
    version = forms.IntegerField(widget=forms.HiddenInput)


# The registers' and people's forms live beside this module; importing them here lets the
# walk over every form (tests/test_length_limits.py) find them.
from lscp.partnership import people_forms, register_forms  # noqa: E402, F401
