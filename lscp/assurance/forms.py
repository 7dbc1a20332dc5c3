from __future__ import annotations

from typing import Any

from django import forms

from lscp.assurance.models import Action, ActionStatus
from lscp.partnership.text_limits import LimitedForm, LimitedModelForm, limit_of


class ActionUpdateForm(LimitedForm):
    status = forms.ChoiceField(widget=forms.RadioSelect, label="Status")
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
    class Meta:
        from lscp.assurance.models import Challenge

        model = Challenge
        fields = ["raised_by", "to_agency", "raised_on", "challenge"]
        labels = {"raised_by": "Raised on behalf of", "to_agency": "Agency challenged",
                  "raised_on": "Date raised", "challenge": "The challenge"}
        help_texts = {"raised_by": "The capacity you raise it in, for example Independent Chair "
                                   "or a subgroup. Your name is recorded with it.",
                      "to_agency": "Leave empty for a challenge to the whole partnership.",
                      "raised_on": "For example, 2021-06-30"}

    def __init__(self, *args: Any, partnership: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency = self.fields["to_agency"]
        assert isinstance(agency, forms.ModelChoiceField)
        agency.queryset = partnership.agencies.all()
        agency.empty_label = "The whole partnership"


class ChallengeResponseForm(LimitedModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version

    class Meta:
        from lscp.assurance.models import Challenge

        model = Challenge
        fields = ["response", "outcome", "impact", "status", "closed_on"]
        help_texts = {"closed_on": "For example, 2021-09-30. Needed when the status is closed."}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("status") == "closed" and not data.get("closed_on"):
            self.add_error("closed_on", "Enter the date the challenge was closed")
        return data
