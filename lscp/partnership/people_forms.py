"""Forms for people in the app: invite a member, change a role, choose a password."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation

from lscp.partnership.models import Role
from lscp.partnership.text_limits import LimitedForm

ROLE_HINT = ("Business unit: everything in the partnership. Chair: reads all, raises "
             "challenges, approves. Agency contributor: their agency's data. Board member: reads.")


class RoleFields(LimitedForm):
    role = forms.ChoiceField(choices=[("", "Select a role"), *Role.choices], label="Role",
                             help_text=ROLE_HINT, error_messages={"required": "Select a role"})
    agency: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=None, required=False, label="Agency", empty_label="None",
        help_text="Needed for an agency contributor.")

    def __init__(self, *args: Any, partnership: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency = self.fields["agency"]
        assert isinstance(agency, forms.ModelChoiceField)
        agency.queryset = partnership.agencies.all()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("role") == Role.AGENCY_CONTRIBUTOR and not data.get("agency"):
            self.add_error("agency", "Select the agency whose data an agency contributor edits")
        return data


class InviteForm(RoleFields):
    first_name = forms.CharField(label="First name", max_length=150,
                                 error_messages={"required": "Enter the person's first name"})
    last_name = forms.CharField(label="Last name", max_length=150,
                                error_messages={"required": "Enter the person's last name"})
    email = forms.EmailField(label="Email address", max_length=254, error_messages={
        "required": "Enter the person's email address",
        "invalid": "Enter an email address in the correct format, like name@example.org"})
    field_order = ["first_name", "last_name", "email", "role", "agency"]


class MembershipForm(RoleFields):
    version = forms.IntegerField(widget=forms.HiddenInput)


class PasswordForm(LimitedForm):
    """The invited person's own password, checked by every configured validator."""

    password1 = forms.CharField(label="Password", max_length=128, strip=False,
                                widget=forms.PasswordInput,
                                help_text=password_validation.password_validators_help_text_html,
                                error_messages={"required": "Enter a password"})
    password2 = forms.CharField(label="Password again", max_length=128, strip=False,
                                widget=forms.PasswordInput,
                                error_messages={"required": "Enter the password again"})

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["password1"].help_text = " ".join(
            password_validation.password_validators_help_texts())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", "The two passwords do not match")
        elif first:
            try:
                password_validation.validate_password(first, self.user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data
