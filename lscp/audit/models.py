"""What happened that is not a change to a record: sign-ins, failed sign-ins, a report
published or withdrawn, a download of what only members may read.

Changes to records are kept in each model's own history (lscp/audit/history.py). An event is
written once and never changed: it has no history of its own.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from lscp.partnership.models import Partnership


class EventKind(models.TextChoices):
    SIGNED_IN = "signed_in", "Signed in"
    SIGN_IN_FAILED = "sign_in_failed", "Sign-in failed"
    PUBLISHED = "published", "Report published"
    WITHDRAWN = "withdrawn", "Report withdrawn"
    INTERNAL_DOWNLOAD = "internal_download", "Internal report downloaded"
    RETURNS_REPORT_DOWNLOAD = "returns_report_download", "Returns validation report downloaded"
    ATTACHMENT_DOWNLOAD = "attachment_download", "Attachment downloaded"


class Event(models.Model):
    at = models.DateTimeField(default=timezone.now, db_index=True)
    kind = models.CharField(max_length=30, choices=EventKind.choices)
    partnership = models.ForeignKey(
        Partnership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="Whose event it is: the person's partnership. Empty when the username "
                  "tried belongs to nobody; such events are shown to no partnership.")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    # The username as typed (a failed sign-in) or as it was (kept if the account goes).
    # Never a password.
    username = models.CharField(max_length=150, blank=True)
    address = models.GenericIPAddressField(null=True, blank=True)
    subject = models.CharField(max_length=200, blank=True,
                               help_text="What it was about: the report, the download.")

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["partnership", "-at"], name="audit_event_scope")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.username or 'someone'} {self.at:%Y-%m-%d %H:%M}"
