"""Attaching a file to a record, withdrawing it, and recording who downloaded one."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.http import HttpRequest

from lscp.attachments import files
from lscp.attachments.models import Attachment
from lscp.attachments.targets import Target
from lscp.audit.history import acts_as
from lscp.audit.models import EventKind
from lscp.audit.services import record_request
from lscp.partnership import access
from lscp.partnership.models import Partnership
from lscp.partnership.records import mark_withdrawn

DOWNLOADED = EventKind.ATTACHMENT_DOWNLOAD  # the audit trail's event for a download


class NotAllowed(Exception):
    """The person may not attach files to, or withdraw them from, this record."""


def may_attach(user: Any, partnership: Partnership, target: Target, record: Any) -> bool:
    return access.can_attach(user, partnership_id=partnership.pk,
                             agency_id=target.agency_id(record))


@acts_as("by")
def attach(*, partnership: Partnership, target: Target, record: models.Model,
           upload: UploadedFile, by: Any) -> Attachment:
    """Check the file (files.Refused says why not), keep its bytes under a random name, then
    its row; a row that cannot be saved takes its file with it."""
    if not may_attach(by, partnership, target, record):
        raise NotAllowed(f"you may not attach files to this {target.noun}")
    checked = files.check(upload.name or "", upload.size or 0, upload.file)  # type: ignore[arg-type]
    stored = files.new_stored_name(checked.kind)
    files.write(stored, upload.chunks())
    try:
        with transaction.atomic():
            return Attachment.objects.create(
                partnership=partnership, **{target.field: record}, filename=checked.filename,
                stored_name=stored, kind=checked.kind, size=checked.size,
                sha256=checked.sha256, uploaded_by=by)
    except Exception:
        files.remove(stored)
        raise


@transaction.atomic
@acts_as("by")
def withdraw(*, attachment: Attachment, target: Target, by: Any, reason: str,
             seen_version: int, today: dt.date) -> Attachment:
    """Take a file off its record's page; the row, the file and the reason stay."""
    if not may_attach(by, attachment.partnership, target, attachment.record):
        raise NotAllowed(f"you may not withdraw files from this {target.noun}")
    return mark_withdrawn(attachment, seen_version=seen_version, reason=reason, by=by,
                          today=today)


def record_download(request: HttpRequest, attachment: Attachment) -> None:
    record_request(request, DOWNLOADED,
                   f"Attachment {attachment.filename} ({attachment.target_field} "
                   f"{attachment.record.pk})")
