"""Files attached to a record as evidence or as a meeting's papers.

The file itself lives outside the database, under a random name in
settings.LSCP_ATTACHMENT_DIR (never under static files); this row says whose it is, what it
is and what it was called. Exactly one record holds it. Withdrawing one keeps the row, the
file and the reason: it leaves the pages, not the history.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from lscp.assurance.models import Withdrawable
from lscp.audit.history import tracked
from lscp.partnership.models import Partnership

# The records a file may be attached to: the field on Attachment, and the model it points at.
TARGET_FIELDS: dict[str, str] = {
    "action": "assurance.Action",
    "review": "assurance.CaseReview",
    "audit": "assurance.Audit",
    "challenge": "assurance.Challenge",
    "meeting": "partnership.Meeting",
    "agenda_item": "meetings.AgendaItem",
    "answer": "selfassessment.Answer",
}


class FileKind(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "Word document"
    XLSX = "xlsx", "Excel spreadsheet"
    PNG = "png", "PNG image"
    JPEG = "jpeg", "JPEG image"


def _one_target() -> models.Q:
    """Exactly one of the target fields is set."""
    either = models.Q()
    for name in TARGET_FIELDS:
        either |= models.Q(**{f"{name}__isnull": False},
                           **{f"{other}__isnull": True for other in TARGET_FIELDS if other != name})
    return either


class Attachment(Withdrawable):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="attachments")
    action = models.ForeignKey("assurance.Action", null=True, blank=True,
                               on_delete=models.CASCADE, related_name="attachments")
    review = models.ForeignKey("assurance.CaseReview", null=True, blank=True,
                               on_delete=models.CASCADE, related_name="attachments")
    audit = models.ForeignKey("assurance.Audit", null=True, blank=True,
                              on_delete=models.CASCADE, related_name="attachments")
    challenge = models.ForeignKey("assurance.Challenge", null=True, blank=True,
                                  on_delete=models.CASCADE, related_name="attachments")
    meeting = models.ForeignKey("partnership.Meeting", null=True, blank=True,
                                on_delete=models.CASCADE, related_name="attachments")
    agenda_item = models.ForeignKey("meetings.AgendaItem", null=True, blank=True,
                                    on_delete=models.CASCADE, related_name="attachments")
    answer = models.ForeignKey("selfassessment.Answer", null=True, blank=True,
                               on_delete=models.CASCADE, related_name="attachments")
    filename = models.CharField(max_length=200, help_text="The name it was uploaded with.")
    stored_name = models.CharField(
        max_length=64, unique=True, editable=False,
        help_text="Random: the uploaded name never reaches the file system.")
    kind = models.CharField(max_length=10, choices=FileKind.choices)
    size = models.PositiveBigIntegerField(help_text="Bytes.")
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=0)
    history = tracked()

    class Meta:
        ordering = ["uploaded_at", "pk"]
        constraints = [models.CheckConstraint(name="attachment_has_one_record",
                                              condition=_one_target())]

    def __str__(self) -> str:
        return self.filename

    @property
    def target_field(self) -> str:
        return next(name for name in TARGET_FIELDS if getattr(self, f"{name}_id") is not None)

    @property
    def record(self) -> models.Model:
        return getattr(self, self.target_field)  # type: ignore[no-any-return]
