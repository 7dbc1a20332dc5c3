"""Forms for the registers the business unit keeps in the app (GOV.UK patterns).

Each edits a record through `values()`, which a service saves; the hidden `version` is the
version the form was opened at (optimistic locking). Choices of agencies, people and groups
are always the user's own partnership's, and never withdrawn records.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms

from lscp.partnership.models import (
    LIVE,
    BudgetLine,
    Group,
    Partnership,
    Person,
    Priority,
    PriorityAction,
    Seat,
)
from lscp.partnership.text_limits import LimitedForm, LimitedModelForm
from lscp.web.dates import GovDateField


class RecordForm(LimitedModelForm):
    """A register record's form: its version, its dates as GOV.UK date inputs, and the
    agencies, people and groups it may name scoped to `partnership`."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    scoped: dict[str, str] = {}  # field -> "agencies" | "people" | "groups"
    required_messages: dict[str, str] = {}

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version
        for name, related in self.scoped.items():
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            records = getattr(partnership, related).all()
            field.queryset = records if related == "agencies" else records.filter(LIVE)
            field.empty_label = "None"
        for name, message in self.required_messages.items():
            self.fields[name].error_messages["required"] = message
        self.limit_text()

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in self._meta.fields or ()}


class PriorityForm(RecordForm):
    required_messages = {"title": "Enter the priority"}

    class Meta:
        model = Priority
        fields = ["title", "description"]
        labels = {"title": "Priority", "description": "What it means"}


class PriorityActionForm(RecordForm):
    required_messages = {"text": "Enter the action", "status": "Select the action's status"}

    class Meta:
        model = PriorityAction
        fields = ["text", "status", "rag", "progress"]
        labels = {"text": "Action", "rag": "RAG rating", "progress": "Progress"}
        widgets = {"text": forms.Textarea, "status": forms.Select, "rag": forms.Select}


class BudgetLineForm(RecordForm):
    amount = forms.CharField(label="Amount in pounds", max_length=20,
                             help_text="For example, 12500 or 12,500.50",
                             error_messages={"required": "Enter the amount in pounds"})
    scoped = {"agency": "agencies"}
    required_messages = {"line": "Enter the line as published",
                         "direction": "Select income or expenditure"}

    class Meta:
        model = BudgetLine
        fields = ["direction", "line", "agency", "note"]
        labels = {"direction": "Income or expenditure", "line": "Line",
                  "agency": "Contributing agency"}
        widgets = {"direction": forms.Select}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["amount"].initial = f"{Decimal(self.instance.amount_pence) / 100:.2f}"

    def clean_amount(self) -> int:
        text = str(self.cleaned_data["amount"]).replace(",", "").replace("£", "").strip()
        try:
            pounds = Decimal(text)
        except InvalidOperation:
            raise forms.ValidationError("Amount must be a number of pounds, like 12500") from None
        if pounds < 0 or pounds != pounds.quantize(Decimal("0.01")):
            raise forms.ValidationError("Amount must be 0 or more, in pounds and pence")
        if pounds >= Decimal(10**15):
            raise forms.ValidationError("Amount must be less than £1,000,000,000,000,000")
        return int(pounds * 100)

    def values(self) -> dict[str, Any]:
        return {**super().values(), "amount_pence": self.cleaned_data["amount"]}


class GroupForm(RecordForm):
    scoped = {"parent": "groups", "chair": "people"}
    required_messages = {"name": "Enter the group's name", "kind": "Select the type of group"}

    class Meta:
        model = Group
        fields = ["name", "kind", "parent", "chair", "purpose"]
        labels = {"name": "Name", "kind": "Type of group", "parent": "Reports to",
                  "chair": "Chair", "purpose": "What the group is for"}
        widgets = {"kind": forms.Select}

    def clean_parent(self) -> Group | None:
        parent = self.cleaned_data.get("parent")
        ancestor = parent
        while ancestor is not None and self.instance.pk:
            if ancestor.pk == self.instance.pk:
                raise forms.ValidationError("A group cannot report to itself or to a group "
                                            "that reports to it")
            ancestor = ancestor.parent
        return parent


class SeatForm(RecordForm):
    start = GovDateField(label="Start date", required=True)
    end = GovDateField(label="End date")
    scoped = {"agency": "agencies", "holder": "people"}
    required_messages = {"agency": "Select the agency that holds the seat"}

    class Meta:
        model = Seat
        fields = ["agency", "role_title", "holder", "start", "end"]
        labels = {"agency": "Agency", "role_title": "Role", "holder": "Held by"}
        help_texts = {"role_title": "For example, Detective Chief Superintendent"}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", "End date must be on or after the start date")
        return data


class PersonForm(RecordForm):
    scoped = {"agency": "agencies"}
    required_messages = {"role_title": "Enter the role the person holds"}

    class Meta:
        model = Person
        fields = ["role_title", "name", "agency"]
        labels = {"role_title": "Role", "name": "Name", "agency": "Agency"}
        help_texts = {"role_title": "For example, Independent Chair",
                      "name": "Optional: the role title is what the partnership publishes."}


class WithdrawForm(LimitedForm):
    """Withdrawing needs a reason; the version refuses a withdrawal of a record someone has
    just changed."""

    reason = forms.CharField(widget=forms.Textarea, label="Why is it being withdrawn?",
                             error_messages={"required": "Enter why it is being withdrawn"})
    version = forms.IntegerField(widget=forms.HiddenInput)


class RegisterFilter(LimitedForm):
    """The filters above a list: text and, where the list has them, status and agency."""

    q = forms.CharField(required=False, label="Search", max_length=100)
    status = forms.ChoiceField(required=False, label="Status")
    agency = forms.ChoiceField(required=False, label="Agency")

    def __init__(self, *args: Any, statuses: Any = (), partnership: Any = None,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        status, agency = self.fields["status"], self.fields["agency"]
        assert isinstance(status, forms.ChoiceField) and isinstance(agency, forms.ChoiceField)
        status.choices = [("", "Any"), *statuses]
        agencies = partnership.agencies.all() if partnership is not None else []
        agency.choices = [("", "Any"), *((a.code, a.name) for a in agencies)]

    def value(self, name: str) -> str:
        return str(self.cleaned_data.get(name) or "") if self.is_valid() else ""
