from __future__ import annotations

from django import forms

from lscp.notices.models import Channel
from lscp.partnership.text_limits import LimitedForm


class PreferenceForm(LimitedForm):
    channel = forms.ChoiceField(
        label="How do you want to hear about returned or approved figures, challenges, and "
              "actions and statutory clocks coming due?",
        choices=Channel.choices, widget=forms.RadioSelect,
        error_messages={"required": "Select how you want to be told",
                        "invalid_choice": "Select how you want to be told"})
    version = forms.IntegerField(widget=forms.HiddenInput)


class MarkReadForm(LimitedForm):
    """One notice (`notice`) or, without it, every unread notice of the person."""

    notice = forms.IntegerField(required=False, widget=forms.HiddenInput)
