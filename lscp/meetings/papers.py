"""Agenda items take papers: registered as an attachment target in MeetingsConfig.ready()."""

from __future__ import annotations

from django.urls import reverse

from lscp.attachments.targets import Target, register
from lscp.meetings.models import AgendaItem


def _meeting_url(item: AgendaItem) -> str:
    meeting = item.meeting
    return reverse("partnership:meeting_detail", args=[meeting.group.code,
                                                       meeting.date.isoformat()])


def register_papers() -> None:
    register(Target("agenda_item", "agenda item",
                    lambda p: AgendaItem.objects.current().filter(meeting__group__partnership=p)
                    .select_related("meeting__group"),
                    _meeting_url))
