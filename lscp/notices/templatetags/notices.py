"""The "Notifications (3)" link in the service navigation, for signed-in members."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from lscp.notices.selectors import unread_count
from lscp.partnership import access

register = template.Library()


@register.inclusion_tag("notices/_nav.html", takes_context=True)
def notices_link(context: dict[str, Any]) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if request is None or not access.can_read(user):
        return {"shown": False}
    url = reverse("notices:list")
    return {"shown": True, "url": url, "count": unread_count(user),
            "active": request.path.startswith(url)}
