from __future__ import annotations

from typing import Any

from django import forms

from lscp.assurance.models import Action, ActionStatus, ReviewKind
from lscp.partnership.text_limits import LimitedForm, LimitedModelForm, limit_of
from lscp.web.dates import GovDateField


class ActionUpdateForm(LimitedForm):
    status = forms.ChoiceField(widget=forms.RadioSelect, label="Status", error_messages={
        "required": "Choose the status of the action",
        "invalid_choice": "Choose one of the statuses listed for the action"})
    evidence = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}),
                               label="Evidence of completion",
                               max_length=limit_of(Action, "evidence"))
    impact = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}),
                             label="Impact observed", max_length=limit_of(Action, "impact"))
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, action: Action, statuses: list[str], **kwargs: Any) -> None:
        kwargs["initial"] = {"status": action.status, "evidence": action.evidence,
                             "impact": action.impact, "version": action.version}
        super().__init__(*args, **kwargs)
        labels = dict(ActionStatus.choices)
        status = self.fields["status"]
        assert isinstance(status, forms.ChoiceField)
        status.choices = [(s, labels[s]) for s in statuses]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        done = (ActionStatus.DONE, ActionStatus.EVIDENCE_ACCEPTED)
        if data.get("status") in done and not str(data.get("evidence", "")).strip():
            self.add_error("evidence", "Enter the evidence that the action is done")
        return data


class ChallengeForm(LimitedModelForm):
    raised_on = GovDateField(label="Date the challenge was raised", required=True)

    class Meta:
        from lscp.assurance.models import Challenge

        model = Challenge
        fields = ["raised_by", "to_agency", "raised_on", "challenge"]
        labels = {"raised_by": "Raised on behalf of", "to_agency": "Agency challenged",
                  "challenge": "The challenge"}
        help_texts = {"raised_by": "The capacity you raise it in, for example Independent Chair "
                                   "or a subgroup. Your name is recorded with it.",
                      "to_agency": "Leave empty for a challenge to the whole partnership."}
        error_messages = {
            "raised_by": {"required": "Enter who the challenge is raised on behalf of, "
                                      "like Independent Chair"},
            "challenge": {"required": "Enter the challenge"}}

    def __init__(self, *args: Any, partnership: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency = self.fields["to_agency"]
        assert isinstance(agency, forms.ModelChoiceField)
        agency.queryset = partnership.agencies.all()
        agency.empty_label = "The whole partnership"


class ChallengeResponseForm(LimitedModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    closed_on = GovDateField(label="Date the challenge was closed",
                             help_text="Needed when the status is closed.")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version

    class Meta:
        from lscp.assurance.models import Challenge

        model = Challenge
        fields = ["response", "outcome", "impact", "status", "closed_on"]
        error_messages = {"status": {"required": "Choose the status of the challenge"}}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("status") == "closed" and not data.get("closed_on"):
            self.add_error("closed_on", "Enter the date the challenge was closed")
        return data

    def _update_errors(self, errors: Any) -> None:
        """The model's own check repeats, in its words, what this form already said about a
        field: one message per field, the form's."""
        if hasattr(errors, "error_dict"):
            errors.error_dict = {name: found for name, found in errors.error_dict.items()
                                 if name not in self.errors}
            if not errors.error_dict:
                return
        super()._update_errors(errors)  # type: ignore[misc]  # Django's, not in its stubs


# Forms of the registers edited in the app -------------------------------------------------

REVIEW_DATES = (("became_aware", "Date the partnership became aware"),
                ("notification_sent", "Date the notification was sent to the national panel"),
                ("rapid_review_held", "Date the rapid review was held"),
                ("rapid_review_sent", "Date the rapid review was sent to the national panel"),
                ("panel_decision", "Date of the national panel's decision"),
                ("decision_to_review", "Date of the decision to review"),
                ("completed", "Date the review was completed"),
                ("published", "Date the review was published"))


class NamedForm(LimitedForm):
    """Django's "This field is required." names nothing: each required field says what to
    enter or choose instead (GOV.UK error messages)."""

    def full_clean(self) -> None:
        default = forms.Field.default_error_messages["required"]
        for name, field in self.fields.items():
            if field.required and field.error_messages.get("required") == default:
                label = str(field.label or name)
                verb = "Choose" if isinstance(field, forms.ChoiceField | forms.ModelChoiceField) \
                    else "Enter"
                field.error_messages["required"] = f"{verb} the {label[0].lower()}{label[1:]}"
        super().full_clean()


def _code_field() -> forms.CharField:
    return forms.CharField(
        required=False, max_length=50, label="Code (optional)",
        help_text="A short name for web addresses, such as child-r. Leave it empty and one "
                  "is made from the title.")


class RecordForm(NamedForm):
    """A learning record's form. Adding: an optional code, checked against every code in use
    (withdrawn records keep theirs). Editing: opened from the record, with its version."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, data: Any = None, *, partnership: Any, record: Any = None,
                 taken: Any = None, **kwargs: Any) -> None:
        self.partnership, self.record, self.taken = partnership, record, taken
        if record is not None:
            kwargs["initial"] = {**{n: _initial(record, n) for n in self.base_fields
                                    if hasattr(record, n)}, **kwargs.get("initial", {})}
        super().__init__(data, **kwargs)
        if record is None:
            self.fields.pop("version")
        else:
            self.fields.pop("code", None)
        self.limit_text()

    def clean_version(self) -> int | None:
        version = self.cleaned_data.get("version")
        if self.record is not None and version is None:
            raise forms.ValidationError("Reload the page and try again")
        return version

    def clean_code(self) -> str:
        from django.utils.text import slugify

        given = str(self.cleaned_data.get("code") or "").strip()
        code = slugify(given)
        if given and not code:
            raise forms.ValidationError("Code must use letters, numbers and hyphens, "
                                        "like child-r")
        if code and self.taken is not None and self.taken.filter(code=code).exists():
            raise forms.ValidationError(f"Code {code} is already used: choose another or "
                                        "leave it empty")
        return code


def _initial(record: Any, name: str) -> Any:
    value = getattr(record, name)
    if hasattr(value, "all") and callable(value.all):  # a many-to-many manager
        return list(value.all())
    return value


def _agencies(partnership: Any, label: str, required: bool = False) -> Any:
    return forms.ModelMultipleChoiceField(queryset=partnership.agencies.all(), required=required,
                                          widget=forms.CheckboxSelectMultiple, label=label)


class ReviewForm(RecordForm):
    code = _code_field()
    pseudonym = forms.CharField(max_length=100, label="Pseudonym",
                                help_text="The name the review is known by. Never a real name.")
    kind = forms.ChoiceField(choices=[("", "Choose a type")] + list(ReviewKind.choices),
                             label="Type of review")
    summary = forms.CharField(required=False, widget=forms.Textarea, label="Summary")

    def __init__(self, *args: Any, partnership: Any, **kwargs: Any) -> None:
        super().__init__(*args, partnership=partnership, **kwargs)
        self.fields["agencies"] = _agencies(partnership, "Agencies involved")
        if self.record is not None:
            self.fields["agencies"].initial = list(self.record.agencies.all())
        for name, label in REVIEW_DATES:
            self.fields[name] = GovDateField(label=label)
            if self.record is not None:
                self.fields[name].initial = getattr(self.record, name)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        aware, sent = data.get("became_aware"), data.get("notification_sent")
        if aware and sent and sent < aware:
            self.add_error("notification_sent",
                           "Date the notification was sent must be on or after the date the "
                           "partnership became aware")
        decided, published = data.get("decision_to_review"), data.get("published")
        if decided and published and published < decided:
            self.add_error("published", "Date the review was published must be on or after "
                                        "the date of the decision to review")
        return data


class TextForm(RecordForm):
    """A learning point or an audit finding: one paragraph."""

    text = forms.CharField(widget=forms.Textarea, label="Text")

    def __init__(self, *args: Any, partnership: Any, label: str = "Text", **kwargs: Any) -> None:
        super().__init__(*args, partnership=partnership, **kwargs)
        self.fields["text"].label = label
        self.limit_text()


class RecommendationForm(RecordForm):
    code = _code_field()
    text = forms.CharField(widget=forms.Textarea, label="Recommendation")


class NewActionForm(NamedForm):
    """The business unit adds or changes an action: what, who, by when."""

    text = forms.CharField(widget=forms.Textarea, label="Action")
    owner: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=None, label="Owner agency", empty_label="Choose an agency")  # type: ignore[arg-type]
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, data: Any = None, *, partnership: Any, record: Any = None,
                 **kwargs: Any) -> None:
        self.record = record
        if record is not None:
            kwargs["initial"] = {"text": record.text, "owner": record.owner,
                                 "due": record.due, "version": record.version}
        super().__init__(data, **kwargs)
        owner = self.fields["owner"]
        assert isinstance(owner, forms.ModelChoiceField)
        owner.queryset = partnership.agencies.all()
        self.fields["due"] = GovDateField(label="Due date", required=True)
        if record is None:
            self.fields.pop("version")
        else:
            self.fields["due"].initial = record.due


class ExtensionRequestForm(NamedForm):
    reason = forms.CharField(widget=forms.Textarea, label="Why the action needs more time",
                             max_length=limit_of(Action, "impact"))

    def __init__(self, *args: Any, action: Action, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.action = action
        self.fields = {"new_due": GovDateField(label="New due date", required=True),
                       **self.fields}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        new_due = data.get("new_due")
        if new_due and self.action.due and new_due <= self.action.due:
            self.add_error("new_due", f"New due date must be after the current due date, "
                                      f"{self.action.due:%-d %B %Y}")
        return data


class ExtensionDecisionForm(NamedForm):
    decision = forms.ChoiceField(
        choices=[("approved", "Approve: move the due date"),
                 ("refused", "Refuse: keep the due date")],
        widget=forms.RadioSelect, label="Decision",
        error_messages={"required": "Choose whether to approve or refuse the request"})
    note = forms.CharField(required=False, widget=forms.Textarea, label="Note to the agency")
    version = forms.IntegerField(widget=forms.HiddenInput)


class AuditForm(RecordForm):
    code = _code_field()
    topic = forms.CharField(max_length=200, label="Topic")
    scope = forms.CharField(required=False, widget=forms.Textarea, label="Scope")
    cases_sampled = forms.IntegerField(required=False, min_value=0, label="Cases sampled",
                                       error_messages={
                                           "invalid": "Cases sampled must be a whole number",
                                           "min_value": "Cases sampled must be 0 or more"})

    def __init__(self, *args: Any, partnership: Any, **kwargs: Any) -> None:
        super().__init__(*args, partnership=partnership, **kwargs)
        self.fields["agencies"] = _agencies(partnership, "Agencies taking part")
        self.fields["completed"] = GovDateField(label="Date the audit was completed")
        if self.record is not None:
            self.fields["agencies"].initial = list(self.record.agencies.all())
            self.fields["completed"].initial = self.record.completed


SCORES = [("", "Choose a score")] + [(str(n), str(n)) for n in range(1, 6)]


def _score(label: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(choices=SCORES, coerce=int, label=label,
                                  help_text="1 (lowest) to 5 (highest)",
                                  error_messages={"required": f"Choose the {label.lower()}"})


class RiskReviewForm(RecordForm):
    """The periodic review of a risk: its scores before and after controls, the next date."""

    likelihood_before = _score("Likelihood before controls")
    impact_before = _score("Impact before controls")
    controls = forms.CharField(required=False, widget=forms.Textarea, label="Controls")
    likelihood_after = _score("Likelihood after controls")
    impact_after = _score("Impact after controls")

    def __init__(self, *args: Any, partnership: Any, **kwargs: Any) -> None:
        super().__init__(*args, partnership=partnership, **kwargs)
        self.fields["review_date"] = GovDateField(label="Next review date", required=True)
        if self.record is not None:
            self.fields["review_date"].initial = self.record.review_date


class RiskForm(RiskReviewForm):
    code = _code_field()
    title = forms.CharField(max_length=200, label="Risk")
    cause = forms.CharField(required=False, widget=forms.Textarea, label="Cause")
    consequence = forms.CharField(required=False, widget=forms.Textarea, label="Consequence")
    owner: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=None, required=False, label="Owner",  # type: ignore[arg-type]
        empty_label="The partnership")

    field_order = ["code", "title", "cause", "consequence", "owner"]

    def __init__(self, *args: Any, partnership: Any, **kwargs: Any) -> None:
        super().__init__(*args, partnership=partnership, **kwargs)
        owner = self.fields["owner"]
        assert isinstance(owner, forms.ModelChoiceField)
        owner.queryset = partnership.agencies.all()


class ChallengeEditForm(RecordForm):
    """The business unit corrects a challenge as raised."""

    raised_by = forms.CharField(max_length=200, label="Raised on behalf of")
    challenge = forms.CharField(widget=forms.Textarea, label="The challenge")
    to_agency: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=None, required=False, label="Agency challenged",  # type: ignore[arg-type]
        empty_label="The whole partnership")

    def __init__(self, *args: Any, partnership: Any, **kwargs: Any) -> None:
        super().__init__(*args, partnership=partnership, **kwargs)
        agency = self.fields["to_agency"]
        assert isinstance(agency, forms.ModelChoiceField)
        agency.queryset = partnership.agencies.all()
        self.fields["raised_on"] = GovDateField(label="Date the challenge was raised",
                                                required=True)
        if self.record is not None:
            self.fields["raised_on"].initial = self.record.raised_on


class AgencyAnswerForm(NamedForm):
    """An agency answers a challenge addressed to it: its response only."""

    response = forms.CharField(widget=forms.Textarea, label="Your response",
                               max_length=limit_of(Action, "impact"))
    version = forms.IntegerField(widget=forms.HiddenInput)


CDOP_FIELDS = (("neonatal_deaths", "Neonatal deaths (first month of life)"),
               ("expected_deaths", "Expected deaths"),
               ("unexpected_deaths", "Unexpected deaths"),
               ("joint_agency_responses", "Joint agency responses"),
               ("ndop_meetings", "Neonatal death overview panel meetings"),
               ("cdop_meetings", "Child death overview panel meetings"),
               ("cases_signed_off", "Cases signed off"),
               ("cases_carried_over", "Cases carried over to the next year"))


class ChildDeathYearForm(RecordForm):
    def __init__(self, *args: Any, partnership: Any, **kwargs: Any) -> None:
        super().__init__(*args, partnership=partnership, **kwargs)
        for name, label in CDOP_FIELDS:
            self.fields[name] = forms.IntegerField(
                min_value=0, label=label, error_messages={
                    "required": f"Enter the number of {label[0].lower()}{label[1:]}",
                    "invalid": f"{label} must be a whole number, like 12",
                    "min_value": f"{label} must be 0 or more"})
            if self.record is not None:
                self.fields[name].initial = getattr(self.record, name)


class WithdrawForm(NamedForm):
    reason = forms.CharField(widget=forms.Textarea, label="Why is it being withdrawn?",
                             error_messages={"required": "Enter why it is being withdrawn"})
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
