from __future__ import annotations

from typing import Any

from django import forms

from lscp.assurance.models import Action, ActionStatus


class ActionUpdateForm(forms.Form):
    status = forms.ChoiceField(widget=forms.RadioSelect, label="Status")
    evidence = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}),
                               label="Evidence of completion")
    impact = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}),
                             label="Impact observed")
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
