"""Forms of the publication pages: a sign-off, the chair's reason for an override, a line of
the distribution log, and the public feedback form."""

from __future__ import annotations

from typing import Any

from django import forms

from lscp.partnership.models import Agency, Partnership
from lscp.partnership.text_limits import LimitedForm
from lscp.reports.models import SIGNATORY_SECTORS, Distribution, Feedback, SignOff, Usefulness
from lscp.web.dates import GovDateField


class SignOffForm(LimitedForm):
    signed_by = forms.CharField(
        label="Signed by", max_length=SignOff._meta.get_field("signed_by").max_length,
        help_text="The role of the person who signed, for example Director of Children's "
                  "Services. A name is not needed.",
        error_messages={"required": "Enter the role of the person who signed"})
    agency = forms.ModelChoiceField(
        queryset=Agency.objects.none(), label="For which agency", required=False,
        empty_label="Not for one agency",
        error_messages={"invalid_choice": "Choose one of the agencies listed"})
    signed_on = GovDateField(label="Date signed", required=True)

    def __init__(self, *args: Any, partnership: Partnership, signatory: str | None = None,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agencies = partnership.agencies.all()
        sector = SIGNATORY_SECTORS.get(signatory or "")
        agency = self.fields["agency"]
        assert isinstance(agency, forms.ModelChoiceField)
        if sector is not None:  # a lead partner signs for one of its sector's agencies
            agency.queryset = agencies.filter(sector=sector)
            agency.required = True
            agency.empty_label = None
            agency.error_messages["required"] = "Choose the agency that signed"
        else:
            agency.queryset = agencies


class OverrideForm(LimitedForm):
    reason = forms.CharField(
        label="Why the report can be published without it",
        widget=forms.Textarea(attrs={"rows": 5}), max_length=2000,
        help_text="The report's About section states this reason, word for word.",
        error_messages={"required": "Enter why the report can be published without it"})

    def clean_reason(self) -> str:
        reason = str(self.cleaned_data["reason"]).strip()
        if len(reason) < 20:
            raise forms.ValidationError("Enter a reason of at least 20 characters: readers "
                                        "of the report will see it")
        return reason


class DistributionForm(LimitedForm):
    recipient = forms.CharField(
        label="Sent to", max_length=Distribution._meta.get_field("recipient").max_length,
        error_messages={"required": "Enter who the report was sent to"})
    sent_on = GovDateField(label="Date sent", required=True)
    how = forms.CharField(label="How it was sent (optional)", required=False,
                          max_length=Distribution._meta.get_field("how").max_length,
                          help_text="For example, by email to the panel's inbox.")


class FeedbackForm(LimitedForm):
    useful = forms.ChoiceField(
        label="Was this report useful to you?", choices=Usefulness.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the report was useful to you",
                        "invalid_choice": "Select yes, partly or no"})
    missing = forms.CharField(
        label="What was missing, or what would have made it more useful? (optional)",
        required=False, widget=forms.Textarea(attrs={"rows": 4}),
        max_length=Feedback._meta.get_field("missing").max_length,
        help_text="Do not include personal details about a child or family. To report a "
                  "concern about a child, contact children's social care or the police.")
    contact = forms.CharField(
        label="How we can contact you about your feedback (optional)", required=False,
        max_length=Feedback._meta.get_field("contact").max_length,
        help_text="An email address or phone number. Leave it empty to stay anonymous.")
    # A field people never see: only a form-filling robot fills it in (a honeypot).
    website = forms.CharField(required=False, max_length=200, label="Leave this empty")

    @property
    def from_a_robot(self) -> bool:
        return bool(self.cleaned_data.get("website"))
