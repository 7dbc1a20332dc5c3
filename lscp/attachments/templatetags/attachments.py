"""`{% attachments_for record "action" %}`: a record's files and, for those who may attach,
the upload form. Any record page includes it with one line."""

from __future__ import annotations

from typing import Any

from django import template

from lscp.attachments import forms, services
from lscp.attachments.models import Attachment
from lscp.attachments.targets import target
from lscp.partnership.http import partnership_of

register = template.Library()


@register.inclusion_tag("attachments/_list.html", takes_context=True)
def attachments_for(context: template.Context, record: Any, field: str,
                    heading: str = "Files", level: int = 2) -> dict[str, Any]:
    kind = target(field)
    assert kind is not None, field
    request = context["request"]
    partnership = partnership_of(request)  # the page showing `record` is scoped to it
    found = Attachment.objects.current().filter(**{field: record}) if record.pk else []
    return {
        "attachments": list(found), "record": record, "field": field, "heading": heading,
        "level": level, "csrf_token": context.get("csrf_token"),
        "can_attach": services.may_attach(request.user, partnership, kind, record),
        "input_id": f"file-{field}-{record.pk}", "hint": forms.hint(),
        "upload_label": f"Upload a file to {heading.lower()}" if level != 2 else "Upload a file",
    }
