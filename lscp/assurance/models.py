"""Learning and improvement: case reviews, audits, their recommendations and actions, the
challenge (impact) log, the risk register and the child death overview aggregates.

No child-level records: reviews carry a pseudonym, child deaths are counts.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from lscp.audit.history import tracked
from lscp.insight.clocks import Milestone
from lscp.insight.working_days import add_months, add_working_days
from lscp.partnership.models import Agency, Partnership, ReportingYear

NOTIFICATION_WORKING_DAYS = 5
RAPID_REVIEW_WORKING_DAYS = 15
PUBLICATION_MONTHS = 6


class RegisterQuerySet(models.QuerySet):
    def current(self) -> RegisterQuerySet:
        """What registers, reports and exports show: everything not withdrawn."""
        return self.filter(withdrawn_on__isnull=True)


class Withdrawable(models.Model):
    """Records are withdrawn with a reason, never deleted: they leave the registers, the
    yearly report and the bundle, and their history stays."""

    withdrawn_on = models.DateField(null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")

    objects = RegisterQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def withdrawn(self) -> bool:
        return self.withdrawn_on is not None


class ReviewKind(models.TextChoices):
    SERIOUS_INCIDENT = "serious_incident", "Serious incident notification"
    RAPID_REVIEW = "rapid_review", "Rapid review"
    LOCAL_PRACTICE_REVIEW = "lcspr", "Local child safeguarding practice review"
    SERIOUS_CASE_REVIEW = "scr", "Serious case review (before 2019)"
    LEARNING_REVIEW = "learning_review", "Learning review"
    TABLE_TOP = "table_top", "Table-top review"
    DHR = "dhr", "Contribution to a domestic homicide review"
    SAR = "sar", "Contribution to a safeguarding adults review"


NOTIFIED_KINDS = {ReviewKind.SERIOUS_INCIDENT, ReviewKind.RAPID_REVIEW,
                  ReviewKind.LOCAL_PRACTICE_REVIEW}
PUBLISHED_KINDS = {ReviewKind.LOCAL_PRACTICE_REVIEW, ReviewKind.LEARNING_REVIEW}


class CaseReview(Withdrawable):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="reviews")
    code = models.SlugField(max_length=60)
    pseudonym = models.CharField(max_length=100, help_text="Never a real name.")
    kind = models.CharField(max_length=30, choices=ReviewKind.choices)
    summary = models.TextField(blank=True)
    agencies = models.ManyToManyField(Agency, blank=True, related_name="reviews")
    became_aware = models.DateField(null=True, blank=True, help_text="Incident known.")
    notification_sent = models.DateField(null=True, blank=True)
    rapid_review_held = models.DateField(null=True, blank=True)
    rapid_review_sent = models.DateField(null=True, blank=True,
                                         help_text="Sent to the national panel.")
    panel_decision = models.DateField(null=True, blank=True)
    decision_to_review = models.DateField(null=True, blank=True,
                                          help_text="Review commissioned.")
    completed = models.DateField(null=True, blank=True)
    published = models.DateField(null=True, blank=True)
    illustrative = models.BooleanField(default=False,
                                       help_text="Dates chosen for the demo, not published.")
    version = models.PositiveIntegerField(default=0)
    history = tracked(m2m_fields=["agencies"])

    class Meta:
        ordering = ["-completed", "pseudonym"]
        constraints = [models.UniqueConstraint(fields=["partnership", "code"],
                                               name="uniq_review_code")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.pseudonym}"

    def milestones(self) -> list[Milestone]:
        """The statutory clocks that apply to this kind of review."""
        found = []
        if self.kind in NOTIFIED_KINDS:
            start = self.became_aware
            found.append(Milestone(
                "Notification to the national panel",
                add_working_days(start, NOTIFICATION_WORKING_DAYS) if start else None,
                self.notification_sent))
            if self.kind != ReviewKind.SERIOUS_INCIDENT:
                found.append(Milestone(
                    "Rapid review sent to the national panel",
                    add_working_days(start, RAPID_REVIEW_WORKING_DAYS) if start else None,
                    self.rapid_review_sent))
        if self.kind in PUBLISHED_KINDS:
            decided = self.decision_to_review
            found.append(Milestone(
                "Review published",
                add_months(decided, PUBLICATION_MONTHS) if decided else None, self.published))
        return found


class LearningPoint(Withdrawable):
    parent_field = "review"  # what its position is counted within
    review = models.ForeignKey(CaseReview, on_delete=models.CASCADE, related_name="learning")
    position = models.PositiveIntegerField()
    text = models.TextField()
    version = models.PositiveIntegerField(default=0)
    history = tracked()

    class Meta:
        ordering = ["review", "position"]
        constraints = [models.UniqueConstraint(fields=["review", "position"],
                                               name="uniq_learning_position")]

    def __str__(self) -> str:
        return self.text[:60]


class Audit(Withdrawable):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="audits")
    code = models.SlugField(max_length=60)
    topic = models.CharField(max_length=200)
    scope = models.TextField(blank=True)
    cases_sampled = models.PositiveIntegerField(null=True, blank=True)
    agencies = models.ManyToManyField(Agency, blank=True, related_name="audits")
    completed = models.DateField(null=True, blank=True)
    illustrative = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=0)
    history = tracked(m2m_fields=["agencies"])

    class Meta:
        ordering = ["-completed", "topic"]
        constraints = [models.UniqueConstraint(fields=["partnership", "code"],
                                               name="uniq_audit_code")]

    def __str__(self) -> str:
        return self.topic


class AuditFinding(Withdrawable):
    parent_field = "audit"
    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="findings")
    position = models.PositiveIntegerField()
    text = models.TextField()
    version = models.PositiveIntegerField(default=0)
    history = tracked()

    class Meta:
        ordering = ["audit", "position"]
        constraints = [models.UniqueConstraint(fields=["audit", "position"],
                                               name="uniq_finding_position")]

    def __str__(self) -> str:
        return self.text[:60]


class ChildDeathYear(models.Model):
    """The Child Death Overview Panel's aggregates for one year. Counts only."""

    year = models.OneToOneField(ReportingYear, on_delete=models.CASCADE, related_name="cdop")
    neonatal_deaths = models.PositiveIntegerField(help_text="Deaths in the first month of life.")
    expected_deaths = models.PositiveIntegerField()
    unexpected_deaths = models.PositiveIntegerField()
    joint_agency_responses = models.PositiveIntegerField()
    ndop_meetings = models.PositiveIntegerField()
    cdop_meetings = models.PositiveIntegerField()
    cases_signed_off = models.PositiveIntegerField()
    cases_carried_over = models.PositiveIntegerField()
    version = models.PositiveIntegerField(default=0)
    history = tracked()

    def __str__(self) -> str:
        return f"Child death overview {self.year}"


class Recommendation(Withdrawable):
    """A recommendation of a review, an audit or the child death overview panel."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="recommendations")
    code = models.SlugField(max_length=60)
    review = models.ForeignKey(CaseReview, null=True, blank=True, on_delete=models.CASCADE,
                               related_name="recommendations")
    audit = models.ForeignKey(Audit, null=True, blank=True, on_delete=models.CASCADE,
                              related_name="recommendations")
    child_deaths = models.ForeignKey(ChildDeathYear, null=True, blank=True,
                                     on_delete=models.CASCADE, related_name="recommendations")
    # A decision of a meeting, whose actions arising go into the same action register.
    meeting = models.ForeignKey("partnership.Meeting", null=True, blank=True,
                                on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField()
    version = models.PositiveIntegerField(default=0)
    history = tracked()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "code"], name="uniq_recommendation"),
            models.CheckConstraint(
                name="recommendation_has_one_source",
                condition=(
                    models.Q(review__isnull=False, audit__isnull=True, child_deaths__isnull=True,
                             meeting__isnull=True)
                    | models.Q(review__isnull=True, audit__isnull=False, child_deaths__isnull=True,
                               meeting__isnull=True)
                    | models.Q(review__isnull=True, audit__isnull=True, child_deaths__isnull=False,
                               meeting__isnull=True)
                    | models.Q(review__isnull=True, audit__isnull=True, child_deaths__isnull=True,
                               meeting__isnull=False)
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def source(self) -> str:
        if self.review:
            return str(self.review)
        if self.audit:
            return f"Audit: {self.audit}"
        if self.meeting:
            return f"Meeting: {self.meeting}"
        return f"Child Death Overview Panel {self.child_deaths.year if self.child_deaths else ''}"


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    EVIDENCE_ACCEPTED = "evidence_accepted", "Evidence accepted"


OPEN_ACTION_STATUSES = (ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS, ActionStatus.DONE)


class Action(Withdrawable):
    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE,
                                       related_name="actions")
    position = models.PositiveIntegerField()
    text = models.TextField()
    owner = models.ForeignKey(Agency, on_delete=models.RESTRICT, related_name="actions")
    due = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=ActionStatus.choices,
                              default=ActionStatus.NOT_STARTED)
    evidence = models.TextField(blank=True, help_text="Evidence of completion.")
    impact = models.TextField(blank=True, help_text="The impact observed.")
    completed_on = models.DateField(null=True, blank=True)
    original_due = models.DateField(
        null=True, blank=True, help_text="The first due date, kept when an extension moves it.")
    illustrative = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=0)
    history = tracked()

    class Meta:
        ordering = ["due", "pk"]
        constraints = [models.UniqueConstraint(fields=["recommendation", "position"],
                                               name="uniq_action_in_recommendation")]

    def __str__(self) -> str:
        return self.text[:60]

    def is_overdue(self, today: dt.date) -> bool:
        return (self.status in (ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS)
                and self.due is not None and self.due < today)


class ReminderSent(models.Model):
    """One reminder per action per kind per status: never a second for the same state."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=20)  # "due soon" or "overdue"
    status = models.CharField(max_length=20)  # the action's status when it was sent
    sent_at = models.DateTimeField(auto_now_add=True)
    history = tracked()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["action", "kind", "status"],
                                               name="uniq_reminder_per_state")]

    def __str__(self) -> str:
        return f"{self.kind} reminder for {self.action}"


class ExtensionStatus(models.TextChoices):
    PENDING = "pending", "Waiting for a decision"
    APPROVED = "approved", "Approved"
    REFUSED = "refused", "Refused"


class ExtensionRequest(models.Model):
    """The owning agency asks for a later due date; the business unit approves or refuses.

    Approval moves the action's due date and keeps the first one in `Action.original_due`.
    """

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="extensions")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                     related_name="+")
    requested_on = models.DateField()
    due_before = models.DateField(null=True, blank=True, help_text="The due date when asked.")
    new_due = models.DateField()
    reason = models.TextField()
    status = models.CharField(max_length=10, choices=ExtensionStatus.choices,
                              default=ExtensionStatus.PENDING)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_on = models.DateField(null=True, blank=True)
    decision_note = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=0)
    history = tracked()

    class Meta:
        ordering = ["-requested_on", "-pk"]

    def __str__(self) -> str:
        return f"Extension to {self.new_due:%-d %B %Y} for {self.action}"


class ChallengeStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class Challenge(Withdrawable):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="challenges")
    code = models.SlugField(max_length=60)
    raised_by = models.CharField(max_length=200,
                                 help_text="The Independent Chair, a partner, a subgroup.")
    raised_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="challenges_raised",
        help_text="The signed-in person who recorded it; empty for imported challenges.")
    to_agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.RESTRICT,
                                  related_name="challenges_received",
                                  help_text="Empty when the challenge is to the partnership.")
    raised_on = models.DateField()
    challenge = models.TextField()
    response = models.TextField(blank=True)
    outcome = models.TextField(blank=True)
    impact = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=ChallengeStatus.choices,
                              default=ChallengeStatus.OPEN)
    closed_on = models.DateField(null=True, blank=True)
    illustrative = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=0)  # optimistic locking of the response form
    history = tracked()

    class Meta:
        ordering = ["-raised_on"]
        constraints = [models.UniqueConstraint(fields=["partnership", "code"],
                                               name="uniq_challenge_code")]

    def __str__(self) -> str:
        return self.challenge[:60]

    def clean(self) -> None:
        if self.status == ChallengeStatus.CLOSED and not self.closed_on:
            raise ValidationError({"closed_on": "A closed challenge needs the date it closed."})


class Risk(Withdrawable):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="risks")
    code = models.SlugField(max_length=60)
    title = models.CharField(max_length=200)
    cause = models.TextField(blank=True)
    consequence = models.TextField(blank=True)
    owner = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.RESTRICT)
    likelihood_before = models.PositiveSmallIntegerField()
    impact_before = models.PositiveSmallIntegerField()
    controls = models.TextField(blank=True)
    likelihood_after = models.PositiveSmallIntegerField()
    impact_after = models.PositiveSmallIntegerField()
    review_date = models.DateField()
    illustrative = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=0)
    history = tracked()

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "code"], name="uniq_risk_code"),
            *[models.CheckConstraint(name=f"risk_{f}_1_to_5",
                                     condition=models.Q(**{f"{f}__gte": 1, f"{f}__lte": 5}))
              for f in ("likelihood_before", "impact_before", "likelihood_after",
                        "impact_after")],
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def score_before(self) -> int:
        return self.likelihood_before * self.impact_before

    @property
    def score_after(self) -> int:
        return self.likelihood_after * self.impact_after

    def review_overdue(self, today: dt.date) -> bool:
        return self.review_date < today


def risk_band(score: int) -> str:
    """Likelihood x impact: 15 or more high, 8 to 14 medium, under 8 low."""
    return "high" if score >= 15 else "medium" if score >= 8 else "low"
