"""Threats assessed each half-year, portfolios for snapshots, and the work linked to a theme.

A threat is recorded once per half (`period`, e.g. "2020-21-H2") under a code that stays the
same from one assessment to the next, so each assessment can say how the threat has moved
since the last one. Nothing here is child-level: threats are patterns, never cases.
"""

from __future__ import annotations

from django.db import models

from lscp.assurance.models import Action
from lscp.audit.history import tracked
from lscp.dataset.models import Indicator
from lscp.partnership.models import Partnership, Priority, Withdrawable


class Level(models.TextChoices):
    """How serious the threat is judged to be, all things considered."""

    LOW = "low", "Low"
    MODERATE = "moderate", "Moderate"
    HIGH = "high", "High"
    VERY_HIGH = "very_high", "Very high"


class Confidence(models.TextChoices):
    """How sure the analyst is of the judgement, given the intelligence and its gaps."""

    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


class Threat(Withdrawable):
    """One threat as assessed for one half-year."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="threats")
    period = models.CharField(max_length=12, help_text='The half assessed, e.g. "2020-21-H2".')
    code = models.SlugField(max_length=60,
                            help_text="The same code in every assessment of this threat.")
    title = models.CharField(max_length=200)
    level = models.CharField(max_length=20, choices=Level.choices)
    confidence = models.CharField(max_length=10, choices=Confidence.choices)
    pathway = models.TextField(verbose_name="pathway to harm",
                               help_text="How the threat leads to harm to children.")
    intelligence = models.TextField(blank=True,
                                    help_text="What partners know: sources and what they say.")
    gaps = models.TextField(blank=True, verbose_name="intelligence gaps",
                            help_text="What the partnership does not know yet. One a line.")
    recommendations = models.TextField(blank=True, help_text="One a line.")
    indicators = models.ManyToManyField(
        Indicator, blank=True, related_name="threats",
        help_text="Dataset indicators whose signals bear on the threat.")
    illustrative = models.BooleanField(
        default=False, help_text="Chosen for a demonstration, not taken from a source.")
    history = tracked(m2m_fields=["indicators"])

    class Meta:
        ordering = ["period", "title"]
        constraints = [models.UniqueConstraint(fields=["partnership", "period", "code"],
                                               name="uniq_threat_in_period")]

    def __str__(self) -> str:
        return f"{self.title} ({self.period})"


class Portfolio(Withdrawable):
    """Whom a snapshot is for (an elected member's portfolio, a partner's executive) and the
    dataset themes it covers."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="portfolios")
    code = models.SlugField(max_length=60)
    name = models.CharField(max_length=200)
    audience = models.CharField(max_length=200, blank=True,
                                help_text="Who reads it, e.g. the Portfolio Holder for "
                                          "Children, Education and Families.")
    themes = models.JSONField(default=list, help_text="Codes of dataset themes, in order.")
    history = tracked()

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["partnership", "code"],
                                               name="uniq_portfolio_code")]

    def __str__(self) -> str:
        return self.name


class ThemeLink(models.Model):
    """What the partnership is doing about a dataset theme: one business-plan priority or one
    action of the learning registers. Snapshots show them under the theme's signals."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="theme_links")
    theme = models.SlugField(max_length=60)
    priority = models.ForeignKey(Priority, null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="theme_links")
    action = models.ForeignKey(Action, null=True, blank=True, on_delete=models.CASCADE,
                               related_name="theme_links")
    history = tracked()

    class Meta:
        ordering = ["theme", "pk"]
        constraints = [
            models.CheckConstraint(
                name="theme_link_has_one_target",
                condition=(models.Q(priority__isnull=False, action__isnull=True)
                           | models.Q(priority__isnull=True, action__isnull=False))),
            models.UniqueConstraint(fields=["partnership", "theme", "priority"],
                                    name="uniq_theme_priority"),
            models.UniqueConstraint(fields=["partnership", "theme", "action"],
                                    name="uniq_theme_action"),
        ]

    def __str__(self) -> str:
        return f"{self.theme}: {self.priority or self.action}"
