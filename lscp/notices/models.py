"""Notices: what the app told someone, in the app and by email, and how each person wants
to hear. A notice is also the record that an event was told, so nothing is told twice."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from lscp.audit.history import tracked
from lscp.partnership.models import Partnership


class Kind(models.TextChoices):
    SUBMISSION_RETURNED = "submission_returned", "Figures returned"
    SUBMISSION_APPROVED = "submission_approved", "Figures approved"
    CHALLENGE_RAISED = "challenge_raised", "Challenge raised"
    CHALLENGE_ANSWERED = "challenge_answered", "Challenge answered"
    ACTION_DUE_SOON = "action_due_soon", "Action due soon"
    ACTION_OVERDUE = "action_overdue", "Action overdue"
    CLOCK_DUE_SOON = "clock_due_soon", "Statutory clock due soon"
    CLOCK_OVERDUE = "clock_overdue", "Statutory clock overdue"
    CONTRIBUTION_REQUESTED = "contribution_requested", "Contribution to the yearly report asked"
    CONTRIBUTION_RETURNED = "contribution_returned", "Contribution to the yearly report returned"
    SELF_ASSESSMENT_OPENED = "self_assessment_opened", "Self-assessment opened"
    EVIDENCE_REQUESTED = "evidence_requested", "More self-assessment evidence asked for"
    EVIDENCE_GIVEN = "evidence_given", "More self-assessment evidence given"
    SELF_ASSESSMENT_CHASED = "self_assessment_chased", "Self-assessment overdue"


class Channel(models.TextChoices):
    BOTH = "both", "By email and in LSCP Insight"
    IN_APP = "in_app", "In LSCP Insight only"
    EMAIL = "email", "By email only"


class Preference(models.Model):
    """How one person wants to hear; without a row, both ways."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="notice_preference")
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.BOTH)
    version = models.PositiveIntegerField(default=0)
    history = tracked()

    def __str__(self) -> str:
        return f"{self.user}: {self.get_channel_display()}"


class Notice(models.Model):
    """One event told to one person. The unique key (kind, record, recipient, occasion) is
    what makes a second run of the sender, or a second call for the same event, tell nobody
    anything new. `occasion` is the due date for reminders (a changed date is a new event),
    or which step of the record's history it was for a returned or answered record."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="notices")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="notices")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    record = models.CharField(max_length=100, help_text='What it is about: "assurance.action:7".')
    occasion = models.CharField(max_length=150, blank=True)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    url = models.CharField(max_length=300, help_text="Where it is dealt with, in the app.")
    in_app = models.BooleanField(default=True, help_text="Listed on the person's notices page.")
    email_wanted = models.BooleanField(default=False)
    emailed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    history = tracked()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["kind", "record", "recipient", "occasion"],
                                               name="uniq_notice_per_event")]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notice_unread")]

    def __str__(self) -> str:
        return self.subject
