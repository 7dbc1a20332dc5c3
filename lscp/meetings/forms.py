"""Forms for a meeting's business, GOV.UK patterns; edits carry the record's version."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from lscp.partnership.text_limits import LimitedForm
from lscp.web.dates import GovDateField


def _version() -> forms.IntegerField:
    return forms.IntegerField(widget=forms.HiddenInput)


class AgendaItemForm(LimitedForm):
    title = forms.CharField(label="Title", max_length=200,
                            error_messages={"required": "Enter the title of the agenda item"})
    presenter = forms.CharField(label="Presenter (optional)", max_length=200, required=False,
                                help_text="Who introduces the item, for example the Head of "
                                          "Safeguarding, Metropolitan Police")


class AgendaItemEditForm(AgendaItemForm):
    minutes = forms.CharField(label="Minutes of the item", widget=forms.Textarea,
                              required=False, help_text="What was said and agreed.")
    version = _version()


class MinutesForm(LimitedForm):
    text = forms.CharField(label="Minutes", widget=forms.Textarea, required=False,
                           help_text="Anything not minuted under an agenda item: welcome, "
                                     "apologies, matters arising, any other business.")
    version = _version()


class DecisionForm(LimitedForm):
    text = forms.CharField(label="The decision", widget=forms.Textarea,
                           error_messages={"required": "Enter the decision"})


class ActionArisingForm(LimitedForm):
    text = forms.CharField(label="The action", widget=forms.Textarea,
                           error_messages={"required": "Enter the action"})
    owner: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label="Owner", queryset=None, empty_label="Choose an agency",
                                   error_messages={"required": "Select the agency that owns "
                                                               "the action"})
    due = GovDateField(label="Date the action is due", required=True,
                       called="The date the action is due", example=dt.date(2021, 9, 30))

    def __init__(self, *args: Any, partnership: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        assert isinstance(owner, forms.ModelChoiceField)
        owner.queryset = partnership.agencies.order_by("name")


class QuorumForm(LimitedForm):
    min_seats = forms.IntegerField(label="Seats present (optional)", min_value=1,
                                   required=False, help_text="Deputies count as present.",
                                   error_messages={"invalid": "Seats present must be a whole "
                                                              "number, like 6",
                                                   "min_value": "Seats present must be 1 or more"})
    min_agencies = forms.IntegerField(label="Agencies present (optional)", min_value=1,
                                      required=False,
                                      help_text="Different agencies with a seat present.",
                                      error_messages={"invalid": "Agencies present must be a "
                                                                 "whole number, like 3",
                                                      "min_value": "Agencies present must be 1 "
                                                                   "or more"})
    version = _version()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (not self.errors and data.get("min_seats") is None
                and data.get("min_agencies") is None):
            self.add_error("min_seats", "Enter the seats or the agencies that make a quorum")
        return data


class WithdrawForm(LimitedForm):
    reason = forms.CharField(label="Why is it being withdrawn?", widget=forms.Textarea,
                             error_messages={"required": "Enter why the item is withdrawn"})
    version = _version()
