"""What the notices about contributions say and to whom, added to the notices' registry.

As every notice does, they name the record by agency, year and date only, never the text
typed into it: a return reason is read in the app, behind its permission checks.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from lscp.notices import recipients
from lscp.notices.events import EVENTS, Event, Message
from lscp.notices.models import Kind


def _to_agency(contribution: Any, context: dict[str, Any]) -> list[Any]:
    return recipients.contributors_or_business_unit(contribution.call.partnership,
                                                    contribution.agency)


def _requested(contribution: Any, context: dict[str, Any]) -> Message:
    call = contribution.call
    return Message(
        subject=f"Contribution asked for the {call.year.label} yearly report",
        body=(f"The business unit asks {contribution.agency.name} for its contribution to the "
              f"{call.year.label} yearly report: achievements, challenges and evidence of "
              f"impact, by {call.deadline:%-d %B %Y}. Write it in LSCP Insight."),
        url=reverse("contributions:contribution", args=[contribution.pk]))


def _returned(contribution: Any, context: dict[str, Any]) -> Message:
    call = contribution.call
    return Message(
        subject=f"Contribution returned: {contribution.agency.name}, {call.year.label}",
        body=(f"The business unit returned {contribution.agency.name}'s contribution to the "
              f"{call.year.label} yearly report. Read the reason, change it and submit it "
              "again in LSCP Insight."),
        url=reverse("contributions:contribution", args=[contribution.pk]))


def _last_step(contribution: Any, context: dict[str, Any]) -> str:
    """A second return after a resubmission is a new event."""
    last = contribution.events.order_by("-pk").first()
    return f"event {last.pk}" if last else f"version {contribution.version}"


def register_events() -> None:
    partnership = lambda c: c.call.partnership  # noqa: E731
    for event in (Event(Kind.CONTRIBUTION_REQUESTED, partnership, _to_agency, _requested),
                  Event(Kind.CONTRIBUTION_RETURNED, partnership, _to_agency, _returned,
                        _last_step)):
        EVENTS[event.kind] = event
