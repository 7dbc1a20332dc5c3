"""The one GOV.UK date input (lscp/web/dates.py): what it reads and how it refuses."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms

from lscp.web.dates import GovDateField


class DueForm(forms.Form):
    due = GovDateField(label="Date the action is due", required=True,
                       called="The date the action is due", example=dt.date(2021, 9, 30))
    since = GovDateField(label="From")


def errors(data: dict[str, str]) -> dict[str, list[str]]:
    form = DueForm(data)
    form.is_valid()
    return {name: list(found) for name, found in form.errors.items()}


def test_three_boxes_make_a_date_and_an_optional_empty_date_is_none() -> None:
    form = DueForm({"due_day": "30", "due_month": "9", "due_year": "2021"})
    assert form.is_valid()
    assert form.cleaned_data == {"due": dt.date(2021, 9, 30), "since": None}


@pytest.mark.parametrize(("data", "message"), [
    ({}, "Enter the date the action is due"),
    ({"due_day": "30", "due_year": "2021"}, "The date the action is due must include a month"),
    ({"due_month": "9"}, "The date the action is due must include a day and a year"),
    ({"due_day": "31", "due_month": "2", "due_year": "2021"},
     "The date the action is due must be a real date, like 30 9 2021"),
    ({"due_day": "1", "due_month": "2", "due_year": "21"},
     "The date the action is due must be a real date, like 30 9 2021"),
])
def test_a_wrong_date_is_refused_on_its_field_in_words(data: dict[str, str],
                                                       message: str) -> None:
    assert errors(data) == {"due": [message]}


def test_an_iso_date_from_a_script_is_read_by_the_same_rules() -> None:
    assert DueForm({"due": "2021-09-30"}).is_valid()
    assert errors({"due": "30/09/2021"}) == {
        "due": ["The date the action is due must be a real date, like 30 9 2021"]}


def test_the_boxes_are_named_after_the_field_and_start_from_its_value() -> None:
    field = DueForm(initial={"due": dt.date(2021, 9, 30)})["due"]
    boxes = field.subwidgets[0].data["subwidgets"]
    assert [(b["name"], b["value"]) for b in boxes] == [
        ("due_day", "30"), ("due_month", "9"), ("due_year", "2021")]
    assert field.field.example == "30 9 2021"  # the hint's "For example, ..."
