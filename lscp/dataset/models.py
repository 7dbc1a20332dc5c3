"""The multi-agency dataset: indicators (from the catalogue), populations, submitted values,
their history, comparators and targets."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models

from lscp.audit.history import tracked
from lscp.partnership import workflow
from lscp.partnership.models import Agency, Partnership, Sector


class Unit(models.TextChoices):
    COUNT = "count", "Count"
    PERCENTAGE = "percentage", "Percentage"
    RATE = "rate", "Rate per 10,000 children"
    DAYS = "days", "Days"


class Polarity(models.TextChoices):
    UP_GOOD = "up_good", "Higher is better"
    DOWN_GOOD = "down_good", "Lower is better"
    NEITHER = "neither", "Neither"


class Frequency(models.TextChoices):
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"
    YEARLY = "yearly", "Yearly"
    SNAPSHOT = "snapshot", "Snapshot at 31 March"


class Indicator(models.Model):
    """Loaded from the catalogue files by `lscp catalogue load`; not edited by hand."""

    code = models.SlugField(max_length=80, unique=True)
    theme = models.SlugField(max_length=60)
    theme_title = models.CharField(max_length=120)
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(max_length=250)
    definition = models.TextField()
    unit = models.CharField(max_length=20, choices=Unit.choices)
    polarity = models.CharField(max_length=20, choices=Polarity.choices)
    owner_sector = models.CharField(max_length=20, choices=Sector.choices)
    frequency = models.CharField(max_length=20, choices=Frequency.choices)
    source = models.CharField(max_length=250)
    breakdown_name = models.CharField(max_length=80, blank=True)
    breakdown = models.JSONField(default=list, blank=True)  # [[code, label], ...]
    comparators = models.JSONField(default=list, blank=True)
    disclosure_threshold = models.PositiveIntegerField(default=5)
    about_children = models.BooleanField(default=True)
    rate_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="rates")
    change_alert = models.FloatField(default=0.25)
    decimals = models.PositiveSmallIntegerField(default=0)
    # Plausibility (the catalogue's `plausibility` table): a value above `maximum` is refused;
    # one this many times, or this far, from what came before is flagged for a person to check.
    maximum = models.DecimalField(max_digits=14, decimal_places=3, null=True, blank=True)
    warn_factor = models.FloatField(null=True, blank=True)
    warn_deviation = models.FloatField(null=True, blank=True)
    # Recorded step changes (the catalogue's `steps`): [[period, reason], ...], oldest first;
    # statistical process control recalculates its limits from each (docs/spc.md).
    steps = models.JSONField(default=list, blank=True)
    history = tracked()

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.title

    @property
    def entered(self) -> bool:
        """Rates are computed, never entered."""
        return self.unit != Unit.RATE

    def category_label(self, code: str) -> str:
        return dict(self.breakdown).get(code, code) if code else "Total"


class Population(models.Model):
    """The under-18 population used for rates per 10,000 (ONS mid-year estimate)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="populations")
    year = models.CharField(max_length=7)
    under_18 = models.PositiveIntegerField()
    source = models.CharField(max_length=250)
    note = models.TextField(blank=True)
    history = tracked()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["partnership", "year"],
                                               name="uniq_population_year")]

    def __str__(self) -> str:
        return f"{self.year}: {self.under_18:,}"


SubmissionStatus = workflow.Status  # a submission follows the shared review workflow


class Submission(models.Model):
    """An agency's figures for one period (a quarter, or a reporting year)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="submissions")
    agency = models.ForeignKey(Agency, on_delete=models.RESTRICT, related_name="submissions")
    period = models.CharField(max_length=12)
    status = models.CharField(max_length=20, choices=SubmissionStatus.choices,
                              default=SubmissionStatus.DRAFT)
    return_reason = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=0)
    history = tracked()

    class Meta:
        ordering = ["-period", "agency__name"]
        constraints = [models.UniqueConstraint(fields=["partnership", "agency", "period"],
                                               name="uniq_submission")]

    def __str__(self) -> str:
        return f"{self.agency} {self.period} ({self.get_status_display()})"

    @property
    def editable_by_agency(self) -> bool:
        return workflow.is_editable(self)


class Value(models.Model):
    """One figure: an indicator, for a period, in total or for one category of its breakdown."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, on_delete=models.RESTRICT, related_name="values")
    period = models.CharField(max_length=12)
    category = models.CharField(max_length=60, blank=True)
    value = models.DecimalField(max_digits=14, decimal_places=3, null=True, blank=True)
    numerator = models.PositiveIntegerField(null=True, blank=True)
    denominator = models.PositiveIntegerField(null=True, blank=True)
    comment = models.TextField(blank=True)
    submission = models.ForeignKey(Submission, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="values")
    provenance = models.TextField(blank=True,
                                  help_text="Where it came from: a bundle, a submission, a return.")
    illustrative = models.BooleanField(default=False)
    reference_period = models.CharField(
        max_length=120, blank=True,
        help_text="The period the figure really covers where it differs from its period, "
                  "e.g. \"June 2020 to June 2021\"; said wherever the figure is shown.")
    history = tracked()

    class Meta:
        ordering = ["indicator__position", "period", "category"]
        constraints = [models.UniqueConstraint(
            fields=["partnership", "indicator", "period", "category"], name="uniq_value")]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period} {self.category or 'total'}"

    @property
    def figure(self) -> Decimal | None:
        """The value to show: a percentage is computed from its numerator and denominator."""
        if self.indicator.unit == Unit.PERCENTAGE:
            if self.numerator is None or not self.denominator:
                return None
            return Decimal(100 * self.numerator) / Decimal(self.denominator)
        return self.value


class ValueChange(models.Model):
    """Every change to a value: who, when, old, new."""

    value = models.ForeignKey(Value, on_delete=models.CASCADE, related_name="changes")
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL)
    changed_at = models.DateTimeField(auto_now_add=True)
    old = models.CharField(max_length=100, blank=True)
    new = models.CharField(max_length=100, blank=True)
    note = models.CharField(max_length=250, blank=True)
    history = tracked()

    class Meta:
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.value}: {self.old} -> {self.new}"


class SubmissionEvent(models.Model):
    """The workflow's history: submitted, approved, returned (with the reason), reopened."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=20)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                           on_delete=models.SET_NULL)
    at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)
    history = tracked()

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.submission}: {self.action}"


class ComparatorKind(models.TextChoices):
    NATIONAL = "national", "England"
    REGIONAL = "regional", "Region"
    STATISTICAL_NEIGHBOURS = "statistical_neighbours", "Statistical neighbours"


def _plain(value: object) -> str:
    """A stored figure as a person writes it: 87, not 87.000; 12.5; 3,052."""
    return f"{Decimal(str(value)).normalize():,f}"


class Comparator(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="comparator_values")
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="comparators")
    year = models.CharField(max_length=7)
    kind = models.CharField(max_length=30, choices=ComparatorKind.choices)
    value = models.DecimalField(max_digits=14, decimal_places=3)
    source = models.CharField(max_length=250, blank=True)
    history = tracked()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["partnership", "indicator", "year", "kind"],
                                               name="uniq_comparator")]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.year} {self.kind}: {_plain(self.value)}"


class Target(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="targets")
    year = models.CharField(max_length=7)
    value = models.DecimalField(max_digits=14, decimal_places=3)
    history = tracked()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["partnership", "indicator", "year"],
                                               name="uniq_target")]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.year}: {_plain(self.value)}"


class DatasetOwner(models.Model):
    """Which agency submits a sector's indicators in this partnership."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="dataset_owners")
    sector = models.CharField(max_length=20, choices=Sector.choices)
    agency = models.ForeignKey(Agency, on_delete=models.RESTRICT)
    history = tracked()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["partnership", "sector"],
                                               name="uniq_dataset_owner")]

    def __str__(self) -> str:
        return f"{self.get_sector_display()}: {self.agency}"


class ReturnLoad(models.Model):
    """A year's statutory returns, read and computed, waiting to be reviewed and submitted."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="return_loads")
    year = models.CharField(max_length=7)
    loaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    loaded_at = models.DateTimeField(auto_now_add=True)
    files = models.JSONField(default=list)  # [{name, sha256, size}]
    rows = models.JSONField(default=dict)  # table -> rows stored
    results = models.JSONField(default=list)  # [{measure, indicator, category, value, ...}]
    # The tables the files fed, and the measures not computed for want of one ([{measure,
    # title, needs}]): a 903-only load leaves the CIN values as they are. A load with errors
    # has neither, nor results: it is its validation report only.
    tables = models.JSONField(default=list)
    skipped = models.JSONField(default=list)
    errors = models.PositiveIntegerField(default=0)
    warnings = models.PositiveIntegerField(default=0)
    report = models.BinaryField(help_text="The validation report, as CSV.")
    provenance = models.TextField()
    submission = models.ForeignKey(Submission, null=True, blank=True, on_delete=models.SET_NULL)
    history = tracked(excluded_fields=["report"])

    class Meta:
        ordering = ["-loaded_at"]

    def __str__(self) -> str:
        return f"Returns {self.year} loaded {self.loaded_at:%d %b %Y %H:%M}"


class SubmissionDeadline(models.Model):
    """The date the business unit asks every agency's figures for one period by; without one,
    figures are due a set number of days after the period ends (dataset/expectations.py)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="submission_deadlines")
    period = models.CharField(max_length=12)
    due = models.DateField()
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    version = models.PositiveIntegerField(default=0)
    history = tracked()

    class Meta:
        ordering = ["-period"]
        constraints = [models.UniqueConstraint(fields=["partnership", "period"],
                                               name="uniq_submission_deadline")]

    def __str__(self) -> str:
        return f"{self.period} due {self.due:%-d %B %Y}"


class SubmissionChaser(models.Model):
    """A reminder the business unit sent an agency about one period's figures: who sent it,
    when, and to which addresses (the agency's contributors)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="submission_chasers")
    agency = models.ForeignKey(Agency, on_delete=models.RESTRICT, related_name="chasers")
    period = models.CharField(max_length=12)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.JSONField(default=list, blank=True)
    history = tracked()

    class Meta:
        ordering = ["-sent_at", "-pk"]

    def __str__(self) -> str:
        return f"Chaser to {self.agency} for {self.period}"
