from __future__ import annotations

from django import forms

from lscp.partnership.text_limits import LimitedForm

SHORTEST = 2


class SearchForm(LimitedForm):
    q = forms.CharField(label="Search the registers", max_length=100, required=False)

    def clean_q(self) -> str:
        query = " ".join(self.cleaned_data["q"].split())
        if query and len(query) < SHORTEST:
            raise forms.ValidationError(
                f"Enter at least {SHORTEST} letters or numbers to search for")
        return query
