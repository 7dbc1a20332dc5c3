"""How long free text may be: decided here, applied wherever text comes in.

The models keep TextFields without max_length: a limit is a rule about what people may
type, not about storage, and changing it should need no migration. Every way in asks here
instead (the web forms and the admin through `TextLimits`, the submission spreadsheet, the
bundle's text columns), so a field has one limit and one message everywhere, and a
100,000-character challenge is refused before anything is saved.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.forms.forms import BaseForm
from django.forms.utils import pretty_name

LONG_TEXT = 10_000  # about four pages: more than any summary, finding or challenge needs
LINE = 200  # a single-line answer that no model field sizes
# "app_label.Model.field" -> limit, for a long-text field that needs more than LONG_TEXT.
# A field with a max_length keeps it: the database would refuse more. Its bundle column
# (if any) then reads it with bundle.schema.text_of(Model, "field") instead of parse_text.
OVERRIDES: dict[str, int] = {}


def limit_of(model: type[models.Model], name: str) -> int:
    """The limit for a model's field: its max_length, else its override, else LONG_TEXT."""
    field = model._meta.get_field(name)
    max_length = getattr(field, "max_length", None)
    return max_length or OVERRIDES.get(f"{model._meta.label}.{name}", LONG_TEXT)


def too_long(what: str, text: str, limit: int) -> str | None:
    """The refusal for `text` if it is over `limit`, naming the field and both lengths."""
    if len(text) <= limit:
        return None
    return f"{what} must be {limit:,} characters or fewer; it is {len(text):,}"


class TextLimit:
    """A form field validator whose message names the field (Django's does not)."""

    def __init__(self, what: str, limit: int) -> None:
        self.what = what
        self.limit = limit

    def __call__(self, value: Any) -> None:
        message = too_long(self.what, str(value), self.limit)
        if message:
            raise ValidationError(message, code="max_length")


def field_limit(model: type[models.Model] | None, name: str, field: forms.CharField) -> int:
    """A form field's limit: what it declares, else its model field's, else by its widget."""
    if field.max_length:
        return int(field.max_length)
    if model is not None:
        try:
            return limit_of(model, name)
        except FieldDoesNotExist:
            pass
    return LONG_TEXT if isinstance(field.widget, forms.Textarea) else LINE


def limit_field(field: forms.CharField, limit: int, what: str) -> None:
    """Give `field` the limit, replacing Django's unnamed max-length check with ours."""
    field.max_length = limit
    field.validators = [v for v in field.validators
                        if not isinstance(v, MaxLengthValidator | TextLimit)]
    field.validators.append(TextLimit(what, limit))


def limited(field: forms.Field) -> bool:
    """Whether a text field carries a limit (the test that walks every form asks this)."""
    return not isinstance(field, forms.CharField) or any(
        isinstance(v, TextLimit) for v in field.validators)


class TextLimits(BaseForm):
    """The base of every form in lscp: each text field gets its limit and a refusal that
    names it. A form that adds fields after __init__ calls `limit_text()` again."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.limit_text()

    def limit_text(self) -> None:
        meta = getattr(self, "_meta", None)
        model = getattr(meta, "model", None)
        for name, field in self.fields.items():
            if isinstance(field, forms.CharField):
                what = str(field.label or pretty_name(name.rpartition(".")[2]))
                limit_field(field, field_limit(model, name, field), what)


class LimitedForm(TextLimits, forms.Form):
    """forms.Form with every text field limited."""


class LimitedModelForm(TextLimits, forms.ModelForm):
    """forms.ModelForm with every text field limited by its model field (or LONG_TEXT)."""
