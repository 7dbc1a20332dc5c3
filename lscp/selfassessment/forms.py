"""The self-assessment forms, in GOV.UK patterns (web/form.html draws most of them)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms

from lscp.partnership.models import Agency, Group, ReportingYear
from lscp.partnership.text_limits import LimitedForm, LimitedModelForm, limit_of
from lscp.selfassessment import catalogue
from lscp.selfassessment.models import (
    Agreement,
    Answer,
    Audience,
    EducationSetting,
    EvidenceRequest,
    ModerationOutcome,
    Rating,
)
from lscp.web.dates import GovDateField

VERSION = {"widget": forms.HiddenInput, "required": False}
DONT_KNOW = "dont_know"


def framework_choices(partnership: Any) -> list[tuple[str, str]]:
    """The partnership's frameworks and the app's own (loaded when a cycle first uses one)."""
    found = {f.code: f.title for f in partnership.frameworks.all()}
    for code, spec in catalogue.catalogue().items():
        found.setdefault(code, spec.title)
    return sorted(found.items(), key=lambda pair: pair[1])


def audience_of(partnership: Any, code: str) -> str:
    own = partnership.frameworks.filter(code=code).first()
    if own is not None:
        return str(own.audience)
    spec = catalogue.catalogue().get(code)
    return spec.audience if spec else Audience.AGENCIES


class CycleForm(LimitedForm):
    framework = forms.ChoiceField(label="Framework", error_messages={
        "required": "Choose the framework", "invalid_choice": "Choose one of the frameworks"})
    title = forms.CharField(label="Title", max_length=200,
                            help_text="For example, Section 11 self-assessment 2021",
                            error_messages={"required": "Enter the title"})
    year = forms.ModelChoiceField(queryset=ReportingYear.objects.none(), label="Reporting year",
                                  empty_label=None,
                                  help_text="The yearly report it goes into.")
    opened_on = GovDateField(label="Date it opens", required=True)
    deadline = GovDateField(label="Deadline for returns", required=True)
    agencies = forms.ModelMultipleChoiceField(
        queryset=Agency.objects.none(), required=False, label="Agencies asked",
        widget=forms.CheckboxSelectMultiple,
        help_text="For a framework of partner agencies.")
    settings = forms.ModelMultipleChoiceField(
        queryset=EducationSetting.objects.none(), required=False,
        label="Education settings asked",
        widget=forms.CheckboxSelectMultiple,
        help_text="For a schools' audit: each setting gets its own link.")
    lead_agency = forms.ModelChoiceField(
        queryset=Agency.objects.none(), required=False, label="Lead agency (optional)",
        help_text="Its contributors read the results, as the education lead reads a schools' "
                  "audit.")
    survey_closes_on = GovDateField(
        label="Practitioner survey closes (optional)",
        help_text="Give a date to run an anonymous survey of frontline staff beside the cycle.")

    def __init__(self, *args: Any, partnership: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        choice = self.fields["framework"]
        assert isinstance(choice, forms.ChoiceField)
        choice.choices = [("", "Choose a framework"), *framework_choices(partnership)]
        for name, queryset in (("year", partnership.years.order_by("-label")),
                               ("agencies", partnership.agencies.all()),
                               ("settings", partnership.education_settings.all()),
                               ("lead_agency", partnership.agencies.all())):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = queryset
        lead = self.fields["lead_agency"]
        assert isinstance(lead, forms.ModelChoiceField)
        lead.empty_label = "None"
        if not partnership.education_settings.exists():
            del self.fields["settings"]  # none recorded yet: add them under Education settings

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        code = data.get("framework")
        if code:
            for_settings = audience_of(self.partnership, code) == Audience.SETTINGS
            asked = data.get("settings") if for_settings else data.get("agencies")
            if for_settings and "settings" not in self.fields:
                self.add_error("framework", "Add the education settings first (Education "
                                            "settings), then open a schools' audit")
            elif not asked:
                self.add_error("settings" if for_settings else "agencies",
                               "Choose the settings to ask" if for_settings
                               else "Choose the agencies to ask")
        opened, deadline = data.get("opened_on"), data.get("deadline")
        if opened and deadline and deadline < opened:
            self.add_error("deadline", "The deadline must be on or after the date it opens")
        return data


class AnswerForm(LimitedModelForm):
    version = forms.IntegerField(**VERSION)  # type: ignore[arg-type]

    class Meta:
        model = Answer
        fields = ["rating", "narrative", "evidence_note"]
        widgets = {"rating": forms.RadioSelect, "narrative": forms.Textarea,
                   "evidence_note": forms.Textarea}
        labels = {"rating": "Rating", "narrative": "How the standard is met",
                  "evidence_note": "Evidence held"}
        help_texts = {"narrative": "What you do, and what is not yet in place.",
                      "evidence_note": "Name the documents or records that show it. Attach "
                                       "files on the return's page."}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rating = self.fields["rating"]
        assert isinstance(rating, forms.ChoiceField)
        rating.required = True
        rating.choices = list(Rating.choices)
        rating.error_messages["required"] = "Choose a rating"
        self.fields["version"].initial = self.instance.version


class DecisionForm(LimitedForm):
    decision = forms.ChoiceField(
        label="Is the evidence sufficient?", widget=forms.RadioSelect,
        choices=[("sufficient", "Yes, the evidence is sufficient"),
                 ("more", "No, ask for more narrative or evidence")],
        error_messages={"required": "Choose whether the evidence is sufficient"})
    message = forms.CharField(
        label="What more is needed", required=False, widget=forms.Textarea,
        max_length=limit_of(EvidenceRequest, "message"),
        help_text="The agency reads this with the standard. Needed when you ask for more.")
    due = GovDateField(label="Reply needed by (optional)")
    version = forms.IntegerField(**VERSION)  # type: ignore[arg-type]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "more" and not str(data.get("message", "")).strip():
            self.add_error("message", "Enter what more is needed")
        return data


class ReplyForm(LimitedForm):
    reply = forms.CharField(label="Your reply", widget=forms.Textarea,
                            max_length=limit_of(EvidenceRequest, "reply"),
                            help_text="Add any new files on the return's page before or after "
                                      "you reply.",
                            error_messages={"required": "Enter your reply"})
    version = forms.IntegerField(**VERSION)  # type: ignore[arg-type]


class VersionForm(LimitedForm):
    """A button that changes a versioned record (submit a return, close a cycle)."""

    version = forms.IntegerField(**VERSION)  # type: ignore[arg-type]


class DrawForm(LimitedForm):
    size = forms.IntegerField(label="How many returns to add to the sample", min_value=1,
                              max_value=500, initial=3,
                              error_messages={"required": "Enter how many returns to add",
                                              "min_value": "Add at least 1 return"})


class ModerationForm(LimitedForm):
    outcome = forms.ChoiceField(label="Conclusion", widget=forms.RadioSelect,
                                choices=ModerationOutcome.choices,
                                error_messages={"required": "Choose the conclusion"})
    conclusion = forms.CharField(label="The moderator's reasons", widget=forms.Textarea,
                                 error_messages={"required": "Enter the moderator's reasons"})
    version = forms.IntegerField(**VERSION)  # type: ignore[arg-type]


class ChallengeDayForm(LimitedForm):
    group = forms.ModelChoiceField(queryset=Group.objects.none(),
                                   label="Group that held the challenge day",
                                   error_messages={"required": "Choose the group"})
    held_on = GovDateField(label="Date of the challenge day", required=True)
    conclusion = forms.CharField(label="The panel's conclusion", widget=forms.Textarea,
                                 error_messages={"required": "Enter the panel's conclusion"})
    action = forms.CharField(label="The agency's action (optional)", required=False,
                             widget=forms.Textarea,
                             help_text="It goes into the action register, owned by the agency. "
                                       "Add more from the meeting's page.")
    due = GovDateField(label="Action due (optional)")

    def __init__(self, *args: Any, partnership: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        group = self.fields["group"]
        assert isinstance(group, forms.ModelChoiceField)
        group.queryset = partnership.groups.filter(withdrawn_on__isnull=True)


class SettingForm(LimitedModelForm):
    class Meta:
        model = EducationSetting
        fields = ["name", "phase", "contact_email"]
        labels = {"name": "Name of the setting", "contact_email": "Contact email (optional)"}
        error_messages = {"name": {"required": "Enter the name of the setting"},
                          "phase": {"required": "Choose the phase"}}


class SurveyForm(LimitedForm):
    """One question per standard: how far the practitioner agrees with its statement."""

    def __init__(self, *args: Any, standards: Sequence[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for standard in standards:
            self.fields[f"s{standard.pk}"] = forms.ChoiceField(
                label=standard.statement or standard.title, widget=forms.RadioSelect,
                required=False,
                choices=[*((str(v), label) for v, label in Agreement.choices),
                         (DONT_KNOW, "Don't know")])

    def scores(self) -> dict[int, int]:
        return {int(name[1:]): int(value) for name, value in self.cleaned_data.items()
                if value and value != DONT_KNOW}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.fields and not any(v and v != DONT_KNOW for v in data.values()):
            raise forms.ValidationError("Answer at least one statement")
        return data


class LinkAnswersForm(LimitedForm):
    """A setting's whole audit on one page: rating, narrative and evidence per standard."""

    def __init__(self, *args: Any, answers: Sequence[Answer] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.answers = list(answers)
        for a in self.answers:
            self.fields[f"rating_{a.pk}"] = forms.ChoiceField(
                label=f"Rating: {a.standard.title}", widget=forms.RadioSelect, required=False,
                choices=Rating.choices, initial=a.rating)
            self.fields[f"narrative_{a.pk}"] = forms.CharField(
                label=f"How it is met: {a.standard.title}", widget=forms.Textarea,
                required=False, initial=a.narrative)
            self.fields[f"evidence_{a.pk}"] = forms.CharField(
                label=f"Evidence held: {a.standard.title}", widget=forms.Textarea,
                required=False, initial=a.evidence_note)
            self.fields[f"version_{a.pk}"] = forms.IntegerField(
                widget=forms.HiddenInput, required=False, initial=a.version)
        self.limit_text()

    def rows(self) -> list[tuple[Answer, list[Any]]]:
        """Each answer with its bound fields, for the page to lay out by standard."""
        return [(a, [self[f"rating_{a.pk}"], self[f"narrative_{a.pk}"], self[f"evidence_{a.pk}"]])
                for a in self.answers]

    def values(self) -> tuple[dict[int, dict[str, str]], dict[int, int]]:
        data = self.cleaned_data
        answers = {a.pk: {"rating": data.get(f"rating_{a.pk}") or "",
                          "narrative": data.get(f"narrative_{a.pk}") or "",
                          "evidence_note": data.get(f"evidence_{a.pk}") or ""}
                   for a in self.answers}
        versions = {a.pk: data.get(f"version_{a.pk}") or a.version for a in self.answers}
        return answers, versions
