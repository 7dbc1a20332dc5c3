"""The training pages' forms: GOV.UK wording, every text held to its limit (text_limits)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from lscp.insight.periods import year_bounds
from lscp.partnership.text_limits import LimitedForm, LimitedModelForm
from lscp.web.dates import GovDateField
from lscp.workforce.models import (
    LIVE_DELIVERIES,
    Course,
    Delivery,
    ImportMapping,
    Level,
    SingleAgencyCourse,
    TrainingPolicy,
    TrainingReturn,
    TrainingSession,
)

MAX_UPLOAD = 20 * 1024 * 1024


def _radios(field: Any, choices: list[tuple[str, str]]) -> None:
    """GOV.UK radios for a model field's choices, without Django's "---------" entry."""
    field.widget = forms.RadioSelect()
    field.choices = choices


def _required(label: str, verb: str = "Enter") -> dict[str, str]:
    return {"required": f"{verb} {label}"}


class Pounds(forms.DecimalField):
    """An amount in pounds, kept as whole pence."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(min_value=Decimal(0), max_digits=9, decimal_places=2, **kwargs)

    def to_pence(self, value: Decimal | None) -> int | None:
        return None if value is None else int(value * 100)


class CourseForm(LimitedModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Course
        fields = ["title", "topic", "level", "audience", "delivery", "description"]
        labels = {"title": "Title", "topic": "Topic", "level": "Level",
                  "audience": "Who it is for", "delivery": "How it is delivered",
                  "description": "What it covers"}
        help_texts = {"title": "As the learning-management system names it: imports match "
                               "courses by their title."}
        error_messages = {"title": _required("the course's title"),
                          "delivery": _required("how the course is delivered", "Choose")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version
        _radios(self.fields["delivery"], list(Delivery.choices))
        level = self.fields["level"]
        assert isinstance(level, forms.ChoiceField)
        level.choices = [("", "Not set"), *Level.choices]


class OutcomeForm(LimitedForm):
    text = forms.CharField(label="Learning outcome", widget=forms.Textarea(attrs={"rows": 3}),
                           help_text="What a practitioner can do after the course.",
                           error_messages=_required("the learning outcome"))


class SessionForm(LimitedModelForm):
    date = GovDateField(label="Date of the session", required=True)
    cost = Pounds(label="What it cost to run, in pounds", required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = TrainingSession
        fields = ["date", "delivery", "places"]
        labels = {"delivery": "How it is delivered", "places": "Places offered"}
        error_messages = {"delivery": _required("how the session is delivered", "Choose")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version
        _radios(self.fields["delivery"], [(d.value, d.label) for d in LIVE_DELIVERIES])
        if self.instance.cost_pence is not None:
            self.fields["cost"].initial = Decimal(self.instance.cost_pence) / 100

    def saved_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["cost_pence"] = Pounds().to_pence(data.pop("cost"))
        return data


class PolicyForm(LimitedForm):
    non_attendance_charge = Pounds(label="Charge for a place not attended, in pounds",
                                   error_messages=_required("the charge for a place not "
                                                            "attended, or 0"))
    late_cancellation_charge = Pounds(label="Charge for a late cancellation, in pounds",
                                      error_messages=_required("the charge for a late "
                                                               "cancellation, or 0"))
    late_cancellation_days = forms.IntegerField(
        label="Working days' notice a cancellation needs", min_value=0, max_value=60,
        error_messages=_required("the working days' notice a cancellation needs"))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, policy: TrainingPolicy | None = None, **kwargs: Any) -> None:
        if policy is not None:
            kwargs["initial"] = {
                "non_attendance_charge": Decimal(policy.non_attendance_charge_pence) / 100,
                "late_cancellation_charge": Decimal(policy.late_cancellation_charge_pence) / 100,
                "late_cancellation_days": policy.late_cancellation_days,
                "version": policy.version}
        super().__init__(*args, **kwargs)

    def saved_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {"version": data.get("version"),
                "non_attendance_charge_pence": int(data["non_attendance_charge"] * 100),
                "late_cancellation_charge_pence": int(data["late_cancellation_charge"] * 100),
                "late_cancellation_days": data["late_cancellation_days"]}


class MappingForm(LimitedForm):
    source = forms.SlugField(label="Source", max_length=60,
                             help_text='A short name, like "lms" or "elearning".',
                             error_messages={**_required("the source's short name"),
                                             "invalid": "Use lower-case letters, digits and "
                                                        "hyphens for the source"})
    text = forms.CharField(label="Mapping (TOML)", widget=forms.Textarea(attrs={"rows": 24}),
                           help_text="Which export column holds what, and what its values "
                                     "mean: see the guide to training imports.",
                           error_messages=_required("the mapping"))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, mapping: ImportMapping | None = None, **kwargs: Any) -> None:
        if mapping is not None:
            kwargs["initial"] = {"source": mapping.source, "text": mapping.text,
                                 "version": mapping.version}
        super().__init__(*args, **kwargs)
        if mapping is not None:
            self.fields["source"].disabled = True


class UploadForm(LimitedForm):
    source = forms.ChoiceField(label="Source", widget=forms.RadioSelect,
                               error_messages=_required("the source of the export", "Choose"))
    year = forms.CharField(label="Year the export covers", max_length=7,
                           help_text="1 April to 31 March, for example 2020-21.",
                           error_messages=_required("the year the export covers"))
    file = forms.FileField(label="Export file (CSV or Excel .xlsx)",
                           error_messages={"required": "Choose the export file",
                                           "empty": "The file is empty"})

    def __init__(self, *args: Any, partnership: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        source = self.fields["source"]
        assert isinstance(source, forms.ChoiceField)
        source.choices = [(m.source, m.source) for m in
                          ImportMapping.objects.filter(partnership=partnership)]

    def clean_year(self) -> str:
        year = str(self.cleaned_data["year"]).strip()
        try:
            year_bounds(year)
        except ValueError:
            raise forms.ValidationError('Enter the year like "2020-21"') from None
        return year

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError("The file must be 20 MB or smaller")
        return upload


class ReturnForm(LimitedModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = TrainingReturn
        fields = ["workforce", "note"]
        labels = {"workforce": "People in your children's workforce",
                  "note": "Anything the partnership should know"}
        help_texts = {"workforce": "Staff and volunteers who work with children or families, "
                                   "as a head count."}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version


class ReturnLineForm(LimitedModelForm):
    class Meta:
        model = SingleAgencyCourse
        fields = ["title", "delivery", "people_trained"]
        labels = {"title": "Course or training", "delivery": "How it was delivered",
                  "people_trained": "People trained in the year"}
        error_messages = {"title": _required("the course or training"),
                          "delivery": _required("how it was delivered", "Choose"),
                          "people_trained": _required("how many people it trained")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _radios(self.fields["delivery"], list(Delivery.choices))
