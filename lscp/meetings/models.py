"""Meetings as the partnership runs them, around `partnership.Meeting` (its date, kind and
register): the agenda with its papers, the minutes, and each group's quorum rule.

Decisions are `assurance.Recommendation` rows with `meeting=` set, and actions arising are
`assurance.Action` rows under them, so they join the action register and its reminders;
nothing here copies them.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from lscp.assurance.models import Withdrawable
from lscp.audit.history import tracked
from lscp.partnership.models import Group, Meeting


class QuorumRule(models.Model):
    """How many seats, and from how many agencies, must be present for a group's meeting to
    decide anything (its terms of reference). Either may be left empty."""

    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="quorum_rule")
    min_seats = models.PositiveIntegerField(null=True, blank=True,
                                            help_text="Seats present, deputies included.")
    min_agencies = models.PositiveIntegerField(
        null=True, blank=True, help_text="Different agencies with a seat present.")
    version = models.PositiveIntegerField(default=0)
    history = tracked()

    def __str__(self) -> str:
        return f"Quorum of {self.group}"

    def clean(self) -> None:
        if self.min_seats is None and self.min_agencies is None:
            raise ValidationError("Enter the seats or the agencies that make a quorum")


class AgendaItem(Withdrawable):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    presenter = models.CharField(max_length=200, blank=True)
    minutes = models.TextField(blank=True, help_text="What was said and agreed on this item.")
    version = models.PositiveIntegerField(default=0)
    history = tracked()

    class Meta:
        ordering = ["meeting", "position"]
        constraints = [models.UniqueConstraint(fields=["meeting", "position"],
                                               name="uniq_agenda_position")]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class Minutes(models.Model):
    """The meeting's own minutes: attendance notes, matters arising, anything not under an
    item. One per meeting."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="minutes")
    text = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=0)
    history = tracked()

    class Meta:
        verbose_name_plural = "minutes"

    def __str__(self) -> str:
        return f"Minutes of {self.meeting}"
