"""Optimistic locking in the Django admin, where the business unit edits registers.

Two officers may open the same case review (or an action, in a recommendation's inline
list) at once; the admin on its own would let the second save silently undo the first.
The form carries the version it was opened at, says so plainly when the record has
changed since, and claims the version as it saves.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from lscp.partnership.locking import claim
from lscp.partnership.text_limits import LimitedModelForm

STALE = ("Someone else changed this record while you were editing it. Your changes were "
         "not saved: open it again to see theirs, then make yours.")


MISSING = ("This form did not say which version of the record it was opened at, so it may "
           "be out of date. Your changes were not saved: open the record again.")


class VersionedForm(LimitedModelForm):
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["seen_version"].initial = self.instance.version

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        seen = data.get("seen_version")
        if self.instance.pk and seen is None:
            raise ValidationError(MISSING)  # a form without it cannot prove it is up to date
        if self.instance.pk:
            current = type(self.instance)._default_manager.filter(pk=self.instance.pk).values_list(
                "version", flat=True).first()
            if current != seen:
                raise ValidationError(STALE)
        return data

    def save(self, commit: bool = True) -> Any:
        seen = self.cleaned_data.get("seen_version")
        if self.instance.pk and seen is not None:  # clean() refused a form without one
            claim(self.instance, seen)  # inside the admin's transaction; a race loses here
        return super().save(commit)


class LimitedAdmin(admin.ModelAdmin):
    """An admin whose text fields are held to text_limits, like the app's own forms.
    Base any admin on it (or on LockedAdmin): the default ModelForm has no limit on a
    TextField."""

    form = LimitedModelForm


class LimitedTabularInline(admin.TabularInline):
    form = LimitedModelForm


class LimitedStackedInline(admin.StackedInline):
    form = LimitedModelForm


class LockedAdmin(LimitedAdmin):
    form = VersionedForm
    readonly_fields = ("version",)


class LockedStackedInline(LimitedStackedInline):
    form = VersionedForm
    readonly_fields = ("version",)
