"""`{% on_meeting meeting %}`: the meeting's business (quorum, agenda and papers, minutes,
decisions and actions arising) on the meeting page, which the partnership app owns."""

from __future__ import annotations

from typing import Any

from django import template

from lscp.meetings import selectors
from lscp.partnership import access

register = template.Library()


@register.inclusion_tag("meetings/_on_meeting.html", takes_context=True)
def on_meeting(context: template.Context, meeting: Any) -> dict[str, Any]:
    request = context["request"]
    return {
        "request": request, "csrf_token": context.get("csrf_token"), "meeting": meeting,
        "quorum": selectors.quorum(meeting), "agenda": list(selectors.agenda(meeting)),
        "minutes": selectors.minutes_of(meeting), "decisions": list(selectors.decisions(meeting)),
        "can_manage": access.can_manage(request.user),
        "code": meeting.group.code, "date": meeting.date.isoformat(),
    }
