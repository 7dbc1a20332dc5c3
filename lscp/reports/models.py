"""Publication as a decision: who signed a year's report off, what the chair let through
without and why, to whom the published report was sent, and what its readers said.

The readiness rules that read these records are in lscp/reports/publication.py; the pages
in lscp/reports/publication_views.py; docs/publication.md says how they are used.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from lscp.audit.history import tracked
from lscp.partnership.models import Agency, ReportingYear, Sector


class Signatory(models.TextChoices):
    """Who signs a yearly report off: the three lead safeguarding partners and the
    independent scrutineer (Working Together). Health signs as the integrated care board,
    or before July 2022 the clinical commissioning group."""

    LOCAL_AUTHORITY = "local_authority", "Local authority"
    POLICE = "police", "Police"
    HEALTH = "health", "Integrated care board (health)"
    SCRUTINEER = "scrutineer", "Independent scrutineer"


# The agencies that may sign for each lead partner: those of its sector. The scrutineer may
# sign for any agency, or none.
SIGNATORY_SECTORS: dict[str, str] = {
    Signatory.LOCAL_AUTHORITY: Sector.LOCAL_AUTHORITY,
    Signatory.POLICE: Sector.POLICE,
    Signatory.HEALTH: Sector.HEALTH,
}


class SignOff(models.Model):
    """One partner's sign-off of a year's report, recorded by the business unit on their
    behalf or by the chair: who signed (a role title), for which agency, on which day."""

    year = models.ForeignKey(ReportingYear, on_delete=models.CASCADE,
                             related_name="report_sign_offs")
    signatory = models.CharField(max_length=20, choices=Signatory.choices)
    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+")
    signed_by = models.CharField(max_length=200,
                                 help_text="The role of the person who signed, e.g. "
                                           "Director of Children's Services.")
    signed_on = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    history = tracked()

    class Meta:
        ordering = ["year", "signatory"]
        constraints = [models.UniqueConstraint(fields=["year", "signatory"],
                                               name="uniq_report_sign_off")]

    def __str__(self) -> str:
        return f"{self.get_signatory_display()} sign-off, {self.year.label}"


class ReadinessOverride(models.Model):
    """The chair's decision to publish without one item of the readiness checklist, with the
    reason, which the report's About section states."""

    year = models.ForeignKey(ReportingYear, on_delete=models.CASCADE,
                             related_name="report_overrides")
    item = models.CharField(max_length=120)  # the check's key (lscp.reports.publication)
    item_text = models.CharField(max_length=300)  # what was missing, as the checklist said
    reason = models.TextField(max_length=2000)
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    made_on = models.DateField()
    history = tracked()

    class Meta:
        ordering = ["year", "made_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["year", "item"],
                                               name="uniq_report_override")]

    def __str__(self) -> str:
        return f"Override, {self.year.label}: {self.item_text}"


class Distribution(models.Model):
    """The published report sent to one recipient: the statutory ones for the year's
    guidance, and any other the business unit adds."""

    year = models.ForeignKey(ReportingYear, on_delete=models.CASCADE,
                             related_name="report_distribution")
    recipient = models.CharField(max_length=300)
    sent_on = models.DateField()
    how = models.CharField(max_length=200, blank=True, help_text="By email, letter...")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    history = tracked()

    class Meta:
        ordering = ["year", "sent_on", "recipient"]
        constraints = [models.UniqueConstraint(fields=["year", "recipient"],
                                               name="uniq_report_recipient")]

    def __str__(self) -> str:
        return f"{self.year.label} report sent to {self.recipient}"


class Usefulness(models.TextChoices):
    YES = "yes", "Yes"
    PARTLY = "partly", "Partly"
    NO = "no", "No"


class Feedback(models.Model):
    """A reader's answer to the published report's feedback form. Nothing personal is
    asked for; `contact` is whatever the reader chose to leave, read by the business unit
    only, and kept out of the audit trail, which the chair also reads."""

    year = models.ForeignKey(ReportingYear, on_delete=models.CASCADE,
                             related_name="report_feedback")
    useful = models.CharField(max_length=10, choices=Usefulness.choices)
    missing = models.TextField(max_length=2000, blank=True)
    contact = models.CharField(max_length=200, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)
    history = tracked(excluded_fields=["missing", "contact"])
    # A reader's answer changes no page: posting one must not make every cached page of the
    # partnership rebuild (lscp/partnership/versioning.py).
    changes_no_page = True

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name_plural = "feedback"

    def __str__(self) -> str:
        return f"Feedback on the {self.year.label} report"
