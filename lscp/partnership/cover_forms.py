"""The report cover page's forms: the contact printed on covers, and the logo upload."""

from __future__ import annotations

from django import forms

from lscp.partnership.cover import CONTACT_FIELDS, MAX_UPLOAD
from lscp.partnership.models import Partnership
from lscp.partnership.text_limits import LimitedForm, LimitedModelForm


class CoverContactForm(LimitedModelForm):
    website = forms.URLField(
        label="Website", required=False, assume_scheme="https", max_length=200,
        help_text="The full address, starting https://",
        error_messages={"invalid": "Enter a web address in the correct format, like "
                                   "https://www.example.org"})

    class Meta:
        model = Partnership
        fields = CONTACT_FIELDS
        labels = {"contact_team": "Team or role to contact", "contact_email": "Email address",
                  "contact_phone": "Telephone", "contact_address": "Postal address"}
        help_texts = {"contact_team": "For example, Partnership business unit. Printed on "
                                      "report covers and committee briefings."}
        error_messages = {"contact_email": {"invalid": "Enter an email address in the correct "
                                                       "format, like name@example.org"}}


class LogoForm(LimitedForm):
    file = forms.FileField(
        label="Upload a logo", error_messages={"required": "Select a PNG or JPEG image"},
        help_text=f"A PNG or JPEG image, smaller than {MAX_UPLOAD // (1024 * 1024)} MB. It is "
                  "printed on the cover of every report, up to 6 cm wide.")
