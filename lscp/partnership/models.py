"""The partnership's arrangements: who sits where, when they met, who came, what it cost.

Natural keys (codes, labels, dates) are unique so that a bundle can be re-imported without
duplicating anything; database ids never leave the system.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from lscp.audit.history import tracked
from lscp.insight.periods import year_bounds


def _new_pseudonym_key() -> str:
    return secrets.token_hex(32)


class Withdrawable(models.Model):
    """A record edited in the app: a `version` for optimistic locking, and a soft withdrawal
    with a reason instead of a delete, so it leaves lists and reports but its history stays."""

    version = models.PositiveIntegerField(default=0)
    withdrawn_on = models.DateField(null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")

    class Meta:
        abstract = True

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_on is not None


LIVE = models.Q(withdrawn_on__isnull=True)  # records not withdrawn


class Region(models.TextChoices):
    """England's regions as DfE statistics name them: the regional comparator, and wording
    that holds in one region only (in London, the Mayor's Office for Policing and Crime)."""

    NORTH_EAST = "North East"
    NORTH_WEST = "North West"
    YORKSHIRE = "Yorkshire and The Humber", "Yorkshire and The Humber"
    EAST_MIDLANDS = "East Midlands"
    WEST_MIDLANDS = "West Midlands"
    EAST_OF_ENGLAND = "East of England", "East of England"
    LONDON = "London"
    SOUTH_EAST = "South East"
    SOUTH_WEST = "South West"


class Partnership(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=40, blank=True)
    area = models.CharField(max_length=200, help_text="The local authority area it covers.")
    region = models.CharField(max_length=40, choices=Region.choices, blank=True,
                              help_text="The region of England the area is in.")
    # The key of the keyed hash that replaces child IDs from statutory returns. It never
    # leaves the database: not in bundles, not in exports.
    pseudonym_key = models.CharField(max_length=64, default=_new_pseudonym_key, editable=False)
    # Whom a reader of the partnership's reports contacts (the business unit): printed on
    # report covers and committee briefings, kept on the report cover page.
    contact_team = models.CharField(max_length=200, blank=True,
                                    help_text="For example, Partnership business unit.")
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    contact_address = models.TextField(max_length=500, blank=True, help_text="Postal address.")
    website = models.URLField(blank=True)
    history = tracked(excluded_fields=["pseudonym_key"])

    def __str__(self) -> str:
        return self.name

    def contact_lines(self) -> list[str]:
        """The contact as lines for a cover or a briefing, in the order a reader uses them."""
        lines = [self.contact_team, *self.contact_address.splitlines(), self.contact_phone,
                 self.contact_email, self.website]
        return [line.strip() for line in lines if line and line.strip()]


class Logo(models.Model):
    """The partnership's logo for its report covers, uploaded by the business unit.

    Kept as PNG (drawn again from the upload, so nothing but pixels is kept) in a row of its
    own: pages that read the partnership never load it. A backup carries it; a bundle does
    not yet (docs/bundle-format.md), like attachments.
    """

    partnership = models.OneToOneField(Partnership, on_delete=models.CASCADE,
                                       related_name="logo")
    image = models.BinaryField()
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64, help_text="Of the PNG kept: the history shows "
                                                       "when it changed.")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField()
    history = tracked(excluded_fields=["image"])

    def __str__(self) -> str:
        return f"Logo of {self.partnership}"


class ReportingYear(models.Model):
    """A year from 1 April to 31 March, named like "2020-21"."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="years")
    label = models.CharField(max_length=7)
    report_published = models.BooleanField(
        default=False, help_text="Published yearly reports are visible to the public."
    )
    history = tracked()

    class Meta:
        ordering = ["label"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "label"], name="uniq_year_label")
        ]

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        try:
            year_bounds(self.label)
        except ValueError as exc:
            raise ValidationError({"label": str(exc)}) from exc

    @property
    def start(self) -> dt.date:
        return year_bounds(self.label)[0]

    @property
    def end(self) -> dt.date:
        return year_bounds(self.label)[1]


class Sector(models.TextChoices):
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    POLICE = "police", "Police"
    HEALTH = "health", "Health"
    EDUCATION = "education", "Education"
    PROBATION = "probation", "Probation"
    YOUTH_JUSTICE = "youth_justice", "Youth justice"
    VOLUNTARY = "voluntary", "Voluntary"
    OTHER = "other", "Other"


class Agency(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="agencies")
    code = models.SlugField(max_length=60)
    name = models.CharField(max_length=200)
    sector = models.CharField(max_length=20, choices=Sector.choices)
    history = tracked()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"
        constraints = [
            models.UniqueConstraint(fields=["partnership", "code"], name="uniq_agency_code")
        ]

    def __str__(self) -> str:
        return self.name


class Person(Withdrawable):
    """Someone who holds a role; the role title is what the partnership publishes."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="people")
    code = models.SlugField(max_length=60)
    role_title = models.CharField(max_length=200)
    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.RESTRICT)
    name = models.CharField(max_length=200, blank=True, help_text="Optional.")
    history = tracked()

    class Meta:
        ordering = ["role_title"]
        verbose_name_plural = "people"
        constraints = [
            models.UniqueConstraint(fields=["partnership", "code"], name="uniq_person_code")
        ]

    def __str__(self) -> str:
        return self.name or self.role_title


class GroupKind(models.TextChoices):
    EXECUTIVE = "executive", "Executive"
    BOARD = "board", "Board"
    SUBGROUP = "subgroup", "Subgroup"
    PANEL = "panel", "Panel"


class Group(Withdrawable):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="groups")
    code = models.SlugField(max_length=60)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=GroupKind.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.RESTRICT, related_name="children"
    )
    chair = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL)
    purpose = models.TextField(blank=True)
    history = tracked()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "code"], name="uniq_group_code")
        ]

    def __str__(self) -> str:
        return self.name


class Seat(Withdrawable):
    """A place at a group's table held for an agency, by a person or a role, for a time."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="seats")
    code = models.SlugField(max_length=60)
    agency = models.ForeignKey(Agency, on_delete=models.RESTRICT, related_name="seats")
    holder = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL)
    role_title = models.CharField(max_length=200, blank=True)
    start = models.DateField()
    end = models.DateField(null=True, blank=True)
    history = tracked()

    class Meta:
        ordering = ["agency__name", "code"]
        constraints = [models.UniqueConstraint(fields=["group", "code"], name="uniq_seat_code")]

    def __str__(self) -> str:
        return f"{self.agency.name}: {self.role_title or self.holder or self.code}"

    def is_active_on(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


class MeetingKind(models.TextChoices):
    ORDINARY = "ordinary", "Ordinary"
    EXTRAORDINARY = "extraordinary", "Extraordinary"


class Meeting(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField()
    kind = models.CharField(max_length=20, choices=MeetingKind.choices, default="ordinary")
    # Bumped on every change to the register, so two people editing at once cannot
    # silently overwrite each other (optimistic locking).
    version = models.PositiveIntegerField(default=0)
    start_time = models.TimeField(null=True, blank=True)
    end_time = models.TimeField(null=True, blank=True)
    place = models.CharField(max_length=200, blank=True,
                             help_text="Where it meets, or how to join online.")
    # A cancelled meeting was not held: it leaves the meetings-held and attendance figures.
    cancelled_on = models.DateField(null=True, blank=True)
    cancelled_reason = models.TextField(blank=True)
    cancelled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    history = tracked()

    class Meta:
        ordering = ["group__name", "date"]
        constraints = [models.UniqueConstraint(fields=["group", "date"], name="uniq_meeting_date")]

    def __str__(self) -> str:
        return f"{self.group.name}, {self.date:%-d %B %Y}"

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_on is not None


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", "Present"
    DEPUTY = "deputy", "Deputy sent"
    APOLOGIES = "apologies", "Apologies"
    ABSENT = "absent", "Absent"


ATTENDED = (AttendanceStatus.PRESENT, AttendanceStatus.DEPUTY)


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    seat = models.ForeignKey(Seat, on_delete=models.CASCADE, related_name="attendances")
    status = models.CharField(max_length=20, choices=AttendanceStatus.choices)
    history = tracked()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "seat"], name="uniq_attendance_seat")
        ]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.seat.code} {self.status}"


class Direction(models.TextChoices):
    INCOME = "income", "Income"
    EXPENDITURE = "expenditure", "Expenditure"


class BudgetLine(Withdrawable):
    """One line of the year's income or expenditure; money is held in whole pence."""

    year = models.ForeignKey(ReportingYear, on_delete=models.CASCADE, related_name="budget_lines")
    direction = models.CharField(max_length=20, choices=Direction.choices)
    line = models.CharField(max_length=200, help_text="The line as published.")
    agency = models.ForeignKey(
        Agency,
        null=True,
        blank=True,
        on_delete=models.RESTRICT,
        help_text="Set for a partner's contribution; empty for other income and for spending.",
    )
    amount_pence = models.BigIntegerField()
    note = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0)
    history = tracked()

    class Meta:
        ordering = ["year__label", "direction", "position"]
        constraints = [
            models.UniqueConstraint(fields=["year", "direction", "line"], name="uniq_budget_line"),
            models.CheckConstraint(
                condition=models.Q(amount_pence__gte=0), name="budget_amount_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.direction}: {self.line}"


class Priority(Withdrawable):
    """A business-plan priority (the "pledge") for a year."""

    year = models.ForeignKey(ReportingYear, on_delete=models.CASCADE, related_name="priorities")
    code = models.SlugField(max_length=60)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0)
    history = tracked()

    class Meta:
        ordering = ["year__label", "position"]
        verbose_name_plural = "priorities"
        constraints = [
            models.UniqueConstraint(fields=["year", "code"], name="uniq_priority_code")
        ]

    def __str__(self) -> str:
        return self.title


class ActionStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"


class Rag(models.TextChoices):
    """How a business-plan action is going: the RAG rating the Executive reads."""

    RED = "red", "Red: off track"
    AMBER = "amber", "Amber: at risk"
    GREEN = "green", "Green: on track"


class PriorityAction(Withdrawable):
    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="actions")
    position = models.PositiveIntegerField()
    text = models.TextField()
    status = models.CharField(max_length=20, choices=ActionStatus.choices)
    rag = models.CharField(max_length=10, choices=Rag.choices, blank=True, verbose_name="RAG")
    progress = models.TextField(blank=True, help_text="What has been done so far.")
    history = tracked()

    class Meta:
        ordering = ["priority", "position"]
        constraints = [
            models.UniqueConstraint(fields=["priority", "position"], name="uniq_action_position")
        ]

    def __str__(self) -> str:
        return self.text[:60]


class Role(models.TextChoices):
    BUSINESS_UNIT = "business_unit", "Business unit"
    CHAIR = "chair", "Chair or scrutineer"
    AGENCY_CONTRIBUTOR = "agency_contributor", "Agency contributor"
    BOARD_MEMBER = "board_member", "Board member"


class Membership(models.Model):
    """What a user may do, and in which partnership (see lscp.partnership.access)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership"
    )
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE)
    role = models.CharField(max_length=30, choices=Role.choices)
    agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.RESTRICT,
        help_text="Required for agency contributors: the agency whose data they edit.",
    )
    version = models.PositiveIntegerField(default=0)  # optimistic locking of role changes
    history = tracked()

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"

    def clean(self) -> None:
        if self.role == Role.AGENCY_CONTRIBUTOR and self.agency_id is None:
            raise ValidationError({"agency": "An agency contributor needs an agency."})
