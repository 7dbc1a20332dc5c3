"""One small filter for every learning register (issue 9 § 7): words, a status, an agency and
a date range, read from the page's GET parameters and applied to the register's queryset.

Each register says which of its fields each filter looks at (`Spec`); the form and the page
partial (assurance/_filters.html) are the same everywhere.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db.models import Q, QuerySet

from lscp.assurance.models import ActionStatus, ChallengeStatus, ReviewKind
from lscp.partnership.text_limits import LimitedForm
from lscp.web.dates import GovDateField


@dataclass(frozen=True)
class Spec:
    text: tuple[str, ...]  # fields the words are looked for in
    dates: tuple[str, ...]  # a record matches when any of these falls in the range
    status: str = ""  # the field the status filter compares, if any
    statuses: tuple[tuple[str, str], ...] = ()
    status_label: str = "Status"
    agency: str = ""  # the field naming the agency, if any
    agency_label: str = "Agency"
    date_label: str = "Date"


SPECS = {
    "reviews": Spec(text=("pseudonym", "summary", "code"), status="kind",
                    statuses=tuple(ReviewKind.choices), status_label="Type of review",
                    agency="agencies", agency_label="Agency involved",
                    dates=("became_aware", "notification_sent", "rapid_review_held",
                           "rapid_review_sent", "panel_decision", "decision_to_review",
                           "completed", "published"), date_label="Any milestone"),
    "actions": Spec(text=("text", "evidence", "recommendation__text"), status="status",
                    statuses=tuple(ActionStatus.choices), agency="owner",
                    agency_label="Owner", dates=("due",), date_label="Due"),
    "audits": Spec(text=("topic", "scope", "code"), agency="agencies",
                   agency_label="Agency taking part", dates=("completed",),
                   date_label="Completed"),
    "challenges": Spec(text=("challenge", "response", "outcome", "impact", "raised_by"),
                       status="status", statuses=tuple(ChallengeStatus.choices),
                       agency="to_agency", agency_label="Agency challenged",
                       dates=("raised_on",), date_label="Raised"),
    "risks": Spec(text=("title", "cause", "consequence", "controls", "code"), agency="owner",
                  agency_label="Owner", dates=("review_date",), date_label="Review date"),
}


class RegisterFilterForm(LimitedForm):
    q = forms.CharField(required=False, max_length=200, label="Search")

    def __init__(self, data: Any = None, *, partnership: Any, register: str = "actions",
                 **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.spec = SPECS[register]
        if self.spec.status:
            self.fields["status"] = forms.ChoiceField(
                required=False, label=self.spec.status_label,
                choices=[("", "Any")] + list(self.spec.statuses))
        if self.spec.agency:
            self.fields["agency"] = forms.ModelChoiceField(
                queryset=partnership.agencies.all(), required=False,
                label=self.spec.agency_label, empty_label="Any")
        self.fields["since"] = GovDateField(label=f"{self.spec.date_label}: from")
        self.fields["until"] = GovDateField(label=f"{self.spec.date_label}: to")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            self.add_error("until", f"{self.spec.date_label}: to must be the same as or after "
                                    "the from date")
        return data

    @property
    def active(self) -> bool:
        """Whether any filter was asked for (the page then offers to clear them)."""
        return self.is_bound and any(v not in ("", None) for v in self.data.values())

    def apply(self, records: QuerySet[Any]) -> QuerySet[Any]:
        """The records that match; all of them when the form is empty or not valid."""
        if not self.is_bound or not self.is_valid():
            return records
        data, spec = self.cleaned_data, self.spec
        for word in str(data.get("q") or "").split():
            records = records.filter(_any(spec.text, "icontains", word))
        if data.get("status"):
            records = records.filter(**{spec.status: data["status"]})
        if data.get("agency"):
            records = records.filter(**{spec.agency: data["agency"]})
        return records.filter(_in_range(spec.dates, data.get("since"), data.get("until"))) \
            .distinct()


def _any(fields: tuple[str, ...], lookup: str, value: Any) -> Q:
    q = Q()
    for field in fields:
        q |= Q(**{f"{field}__{lookup}": value})
    return q


def _in_range(fields: tuple[str, ...], since: dt.date | None, until: dt.date | None) -> Q:
    if since is None and until is None:
        return Q()
    q = Q()
    for field in fields:
        part = Q(**{f"{field}__isnull": False})
        if since:
            part &= Q(**{f"{field}__gte": since})
        if until:
            part &= Q(**{f"{field}__lte": until})
        q |= part
    return q
