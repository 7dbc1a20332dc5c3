"""Forms for the partnership's own words, GOV.UK patterns; edits carry the record's version."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from lscp.contributions.models import VoiceKind
from lscp.partnership.text_limits import LimitedForm
from lscp.web.dates import GovDateField

MARKDOWN_HINT = ("Plain text. A blank line starts a new paragraph; start lines with - for a "
                 "list, with # for a heading; [words](https://...) for a link.")


def _version() -> forms.IntegerField:
    return forms.IntegerField(widget=forms.HiddenInput)


def _markdown(label: str, hint: str, required: bool = False, message: str = "") -> forms.CharField:
    return forms.CharField(label=label, widget=forms.Textarea, required=required,
                           help_text=f"{hint} {MARKDOWN_HINT}".strip(),
                           error_messages={"required": message or f"Enter the {label.lower()}"})


class StatementForm(LimitedForm):
    text = _markdown("Text", "")
    version = _version()


class ContributionForm(LimitedForm):
    achievements = _markdown("Achievements", "What your agency did well for children this year.")
    challenges = _markdown("Challenges", "What was hard, and what you are doing about it.")
    impact = _markdown("Evidence of impact",
                       "What difference your work made to children, and how you know.")
    version = _version()


class DecisionForm(LimitedForm):
    reason = forms.CharField(label="Reason", widget=forms.Textarea, required=False,
                             help_text="Needed to return it or reopen it; the author reads it.")


class CallForm(LimitedForm):
    deadline = GovDateField(label="Deadline", required=True,
                            called="The deadline", example=dt.date(2021, 6, 30))
    agencies: forms.ModelMultipleChoiceField[Any] = forms.ModelMultipleChoiceField(
        label="Agencies asked", queryset=None, widget=forms.CheckboxSelectMultiple,
        help_text="Each is asked for its achievements, challenges and evidence of impact.",
        error_messages={"required": "Select the agencies asked for a contribution"})
    guidance = forms.CharField(label="Guidance (optional)", widget=forms.Textarea,
                               required=False,
                               help_text="What the partners should write about this year.")
    version = _version()

    def __init__(self, *args: Any, partnership: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agencies = self.fields["agencies"]
        assert isinstance(agencies, forms.ModelMultipleChoiceField)
        agencies.queryset = partnership.agencies.order_by("name")


class CaseStoryForm(LimitedForm):
    title = forms.CharField(label="Title", max_length=200,
                            help_text="A name that identifies no one, like \"Sam's story\".",
                            error_messages={"required": "Enter the title of the story"})
    story = _markdown("The story", "What was happening for the child and what was done. Use "
                      "no real names and nothing that could identify the child or family.",
                      required=True, message="Enter the story")
    changed = forms.CharField(label="What changed for the child", widget=forms.Textarea,
                              error_messages={"required": "Enter what changed for the child"})
    version = _version()


class VoiceForm(LimitedForm):
    title = forms.CharField(label="Title", max_length=200,
                            error_messages={"required": "Enter a title"})
    who = forms.CharField(label="Who took part", max_length=300,
                          help_text="For example: members of the Children in Care Council",
                          error_messages={"required": "Enter who took part"})
    children = forms.IntegerField(
        label="How many children and young people took part (optional)", min_value=0,
        required=False, error_messages={"invalid": "Enter the number as a whole number, like 12",
                                        "min_value": "The number cannot be negative"})
    said = forms.CharField(label="What they said", widget=forms.Textarea,
                           error_messages={"required": "Enter what they said"})
    changed = forms.CharField(label="What changed as a result (optional)",
                              widget=forms.Textarea, required=False,
                              help_text="You said, we did: what the partners changed.")
    version = _version()


class ContactForm(LimitedForm):
    label = forms.CharField(label="Who answers", max_length=200,
                            help_text="For example: Children's social care front door (MASH)",
                            error_messages={"required": "Enter who answers"})
    phone = forms.CharField(label="Phone number", max_length=100,
                            error_messages={"required": "Enter the phone number"})
    when = forms.CharField(label="When to call (optional)", max_length=200, required=False,
                           help_text="For example: Monday to Friday, 9am to 5pm")
    email = forms.CharField(label="Email (optional)", max_length=200, required=False)
    version = _version()


class RemoveForm(LimitedForm):
    version = _version()


VOICE_KINDS = dict(VoiceKind.choices)
