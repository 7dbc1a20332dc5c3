"""The training programme and its reach and impact (DESIGN.md §2, issue 11).

No names of people: an attendee, a learner or an evaluation's respondent is counted by agency
and sector, and told apart only by a keyed hash of the id the learning-management system
exports (`pseudonyms.attendee_key`): the raw id is never stored.

Natural keys (codes, dates, positions) are unique so that a bundle or an export can be
imported again without duplicating anything.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from lscp.audit.history import tracked
from lscp.partnership.models import Agency, Partnership, ReportingYear, Sector, Withdrawable


class Delivery(models.TextChoices):
    CLASSROOM = "classroom", "Classroom"
    LIVE_WEBINAR = "live_webinar", "Live webinar"
    ELEARNING = "elearning", "E-learning"
    BRIEFING = "briefing", "Briefing"


# Deliveries that run as sessions on a date with a register; e-learning is counted by
# completions instead.
LIVE_DELIVERIES = (Delivery.CLASSROOM, Delivery.LIVE_WEBINAR, Delivery.BRIEFING)


class Level(models.TextChoices):
    AWARENESS = "awareness", "Awareness (level 1)"
    CORE = "core", "Core (level 2)"
    ADVANCED = "advanced", "Advanced (level 3)"
    SPECIALIST = "specialist", "Specialist (level 4)"


class TrainingPolicy(models.Model):
    """What the partnership charges an agency when a booked place is wasted: its own policy,
    so data, not code. Charges are worked out as bookings are imported and kept on each."""

    partnership = models.OneToOneField(Partnership, on_delete=models.CASCADE,
                                       related_name="training_policy")
    non_attendance_charge_pence = models.PositiveIntegerField(
        default=0, help_text="Charged for a booked place not attended without notice.")
    late_cancellation_charge_pence = models.PositiveIntegerField(
        default=0, help_text="Charged for a place cancelled too late to offer to someone else.")
    late_cancellation_days = models.PositiveSmallIntegerField(
        default=5, help_text="A cancellation fewer than this many working days before the "
                             "session is late.")
    version = models.PositiveIntegerField(default=0)
    history = tracked()

    class Meta:
        verbose_name_plural = "training policies"

    def __str__(self) -> str:
        return f"{self.partnership}: training charges"


class ImportMapping(models.Model):
    """How one source's export is read: which column is the course, the date, the agency,
    the status, and what its values mean. TOML text, documented in docs/workforce.md."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="training_mappings")
    source = models.SlugField(max_length=60, help_text='A short name, like "lms".')
    text = models.TextField(help_text="The mapping, in TOML.")
    version = models.PositiveIntegerField(default=0)
    history = tracked()

    class Meta:
        ordering = ["source"]
        constraints = [models.UniqueConstraint(fields=["partnership", "source"],
                                               name="uniq_training_mapping")]

    def __str__(self) -> str:
        return self.source


class CurrentQuerySet(models.QuerySet[Any]):
    def current(self) -> CurrentQuerySet:
        """What pages, imports and reports use: everything not withdrawn."""
        return self.filter(withdrawn_on__isnull=True)


class Course(Withdrawable):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="courses")
    code = models.SlugField(max_length=60)
    title = models.CharField(max_length=200)
    topic = models.CharField(max_length=200, blank=True)
    level = models.CharField(max_length=20, choices=Level.choices, blank=True)
    audience = models.CharField(max_length=200, blank=True,
                                help_text="Who it is for, e.g. practitioners in every agency.")
    delivery = models.CharField(max_length=20, choices=Delivery.choices)
    description = models.TextField(blank=True)
    illustrative = models.BooleanField(default=False)

    objects = CurrentQuerySet.as_manager()
    history = tracked()

    class Meta:
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "code"], name="uniq_course_code"),
        ]

    def __str__(self) -> str:
        return self.title


class LearningOutcome(models.Model):
    """What a practitioner should be able to do after the course; evaluations score each."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="outcomes")
    position = models.PositiveIntegerField()
    text = models.TextField()
    history = tracked()

    class Meta:
        ordering = ["course", "position"]
        constraints = [models.UniqueConstraint(fields=["course", "position"],
                                               name="uniq_outcome_position")]

    def __str__(self) -> str:
        return self.text[:80]


class TrainingSession(Withdrawable):
    """One run of a course on a date: a webinar, a classroom day, a briefing."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="sessions")
    code = models.SlugField(max_length=60, help_text="The session's reference in the "
                                                     "learning-management system.")
    date = models.DateField()
    delivery = models.CharField(max_length=20, choices=[
        (d.value, d.label) for d in LIVE_DELIVERIES])
    places = models.PositiveIntegerField(null=True, blank=True)
    cost_pence = models.PositiveIntegerField(null=True, blank=True,
                                             help_text="What the session cost to run.")

    objects = CurrentQuerySet.as_manager()
    history = tracked()

    class Meta:
        ordering = ["date", "course__title"]
        constraints = [models.UniqueConstraint(fields=["course", "code"],
                                               name="uniq_session_code")]

    def __str__(self) -> str:
        return f"{self.course.title}, {self.date:%-d %B %Y}"


class BookingStatus(models.TextChoices):
    BOOKED = "booked", "Booked"
    ATTENDED = "attended", "Attended"
    DID_NOT_ATTEND = "did_not_attend", "Did not attend"
    LATE_CANCELLATION = "late_cancellation", "Cancelled late"
    CANCELLED = "cancelled", "Cancelled in time"


class Booking(models.Model):
    """One person's place on a session, counted by their agency and sector."""

    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE,
                                related_name="bookings")
    attendee = models.CharField(max_length=64, help_text="A keyed hash of the LMS's id for the "
                                                         "person; never the id itself.")
    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.RESTRICT,
                               related_name="+")
    sector = models.CharField(max_length=20, choices=Sector.choices)
    status = models.CharField(max_length=20, choices=BookingStatus.choices)
    charge_pence = models.PositiveIntegerField(default=0)
    illustrative = models.BooleanField(default=False)
    history = tracked()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "attendee"],
                                               name="uniq_booking_attendee")]

    def __str__(self) -> str:
        return f"{self.session}: {self.get_status_display()}"


class ElearningCompletion(models.Model):
    """Completions of an e-learning course in a month by one agency (or, for people from
    outside the partner agencies, by sector)."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="completions")
    month = models.DateField(help_text="The first day of the month.")
    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.RESTRICT,
                               related_name="+")
    sector = models.CharField(max_length=20, choices=Sector.choices)
    completions = models.PositiveIntegerField()
    illustrative = models.BooleanField(default=False)
    history = tracked()

    class Meta:
        ordering = ["month", "course__title"]
        verbose_name = "e-learning completion count"
        verbose_name_plural = "e-learning completions"

    def __str__(self) -> str:
        return f"{self.course}, {self.month:%B %Y}: {self.completions}"


class Stage(models.TextChoices):
    BEFORE = "before", "Before the course"
    AFTER = "after", "Straight after"
    FOLLOW_UP = "follow_up", "Follow-up (6 to 8 weeks, with the line manager)"


class EvaluationResponse(models.Model):
    """One practitioner's evaluation of a course at one stage: confidence in each learning
    outcome and, at the follow-up, whether their practice changed."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="evaluations")
    respondent = models.CharField(max_length=64, help_text="A keyed hash of the LMS's id.")
    stage = models.CharField(max_length=20, choices=Stage.choices)
    date = models.DateField()
    with_line_manager = models.BooleanField(default=False)
    change_in_practice = models.BooleanField(null=True, blank=True)
    example = models.TextField(blank=True, help_text="An example of the change in practice.")
    illustrative = models.BooleanField(default=False)
    history = tracked()

    class Meta:
        ordering = ["course", "stage", "date"]
        constraints = [models.UniqueConstraint(fields=["course", "respondent", "stage"],
                                               name="uniq_evaluation")]

    def __str__(self) -> str:
        return f"{self.course}: {self.get_stage_display()}"


class OutcomeRating(models.Model):
    """Confidence in one learning outcome, 1 (not at all) to 5 (very)."""

    response = models.ForeignKey(EvaluationResponse, on_delete=models.CASCADE,
                                 related_name="ratings")
    outcome = models.ForeignKey(LearningOutcome, on_delete=models.CASCADE,
                                related_name="ratings")
    score = models.PositiveSmallIntegerField()
    history = tracked()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "outcome"], name="uniq_rating"),
            models.CheckConstraint(condition=models.Q(score__gte=1, score__lte=5),
                                   name="rating_one_to_five"),
        ]

    def __str__(self) -> str:
        return f"{self.outcome}: {self.score}"


class TrainingReturn(models.Model):
    """A partner's yearly single-agency training return: the size of its children's
    workforce and the safeguarding training it ran itself."""

    year = models.ForeignKey(ReportingYear, on_delete=models.CASCADE,
                             related_name="training_returns")
    agency = models.ForeignKey(Agency, on_delete=models.RESTRICT, related_name="training_returns")
    workforce = models.PositiveIntegerField(
        null=True, blank=True, help_text="Staff and volunteers who work with children.")
    note = models.TextField(blank=True)
    illustrative = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=0)
    history = tracked()

    class Meta:
        ordering = ["year__label", "agency__name"]
        constraints = [models.UniqueConstraint(fields=["year", "agency"],
                                               name="uniq_training_return")]

    def __str__(self) -> str:
        return f"{self.agency}: training return {self.year}"


class SingleAgencyCourse(models.Model):
    """A line of a training return: the agency's own course and how many it trained."""

    training_return = models.ForeignKey(TrainingReturn, on_delete=models.CASCADE,
                                        related_name="lines")
    position = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    delivery = models.CharField(max_length=20, choices=Delivery.choices)
    people_trained = models.PositiveIntegerField()
    history = tracked()

    class Meta:
        ordering = ["training_return", "position"]
        constraints = [models.UniqueConstraint(fields=["training_return", "position"],
                                               name="uniq_return_line")]

    def __str__(self) -> str:
        return self.title


class TrainingImport(models.Model):
    """One export imported: what, for which year, by whom, and what it came to."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="training_imports")
    year = models.CharField(max_length=7, help_text='The year the export covers, like "2020-21": '
                                                    "any year, not only a reporting year.")
    source = models.SlugField(max_length=60)
    file_name = models.CharField(max_length=200)
    digest = models.CharField(max_length=64, help_text="SHA-256 of the file.")
    rows = models.PositiveIntegerField()
    summary = models.TextField(blank=True)
    illustrative = models.BooleanField(default=False)
    imported_at = models.DateTimeField(auto_now_add=True)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    history = tracked()

    class Meta:
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return f"{self.source} {self.year}: {self.file_name}"
