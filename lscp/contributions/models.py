"""The partnership's own words for its yearly report: the chair's foreword and key messages,
what each audience needs to know, partners' accounts of their year, the child's voice, case
stories and where to report a concern.

Texts people write are Markdown; the report turns them into its own content blocks
(lscp/reports/sections/_markdown.py) and the app's pages render them sanitised
(lscp/contributions/markup.py). What goes into the report is only what was approved: the
chair approves the partnership's statements, the business unit partners' contributions
and case stories (lscp/partnership/workflow.py).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from lscp.audit.history import tracked
from lscp.partnership import workflow
from lscp.partnership.models import Agency, Partnership, ReportingYear


class Reviewed(models.Model):
    """A record that goes through the shared review workflow (draft -> submitted ->
    approved or returned with a reason); its `events` keep who did what and why."""

    status = models.CharField(max_length=20, choices=workflow.Status.choices,
                              default=workflow.Status.DRAFT)
    return_reason = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True

    @property
    def editable(self) -> bool:
        return workflow.is_editable(self)

    @property
    def approved(self) -> bool:
        return self.status == workflow.Status.APPROVED


class Event(models.Model):
    """One step of a reviewed record's workflow: submitted, approved, returned, reopened."""

    action = models.CharField(max_length=20)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                           on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)

    class Meta:
        abstract = True
        ordering = ["-at", "-pk"]


# The chair's foreword, key messages and what each audience needs to know -------------------


class StatementKind(models.TextChoices):
    FOREWORD = "foreword", "Chair's foreword"
    KEY_MESSAGES = "key_messages", "Key messages"
    PRACTITIONERS = "practitioners", "Practitioners"
    PARENTS = "parents_carers", "Parents and carers"
    CHILDREN = "children_young_people", "Children and young people"
    COMMUNITIES = "communities", "Communities"


AUDIENCES = (StatementKind.PRACTITIONERS, StatementKind.PARENTS, StatementKind.CHILDREN,
             StatementKind.COMMUNITIES)


class Statement(Reviewed):
    """The partnership's own words for one year: drafted by the business unit (or the chair),
    approved by the chair."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="statements")
    year = models.ForeignKey(ReportingYear, on_delete=models.CASCADE, related_name="statements")
    kind = models.CharField(max_length=30, choices=StatementKind.choices)
    text = models.TextField(blank=True, help_text="Markdown.")
    history = tracked()

    class Meta:
        ordering = ["year__label", "kind"]
        constraints = [models.UniqueConstraint(fields=["year", "kind"], name="uniq_statement")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year.label}"


class StatementEvent(Event):
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="events")
    history = tracked()

    class Meta(Event.Meta):
        pass

    def __str__(self) -> str:
        return f"{self.statement}: {self.action}"


# Partners' contributions -------------------------------------------------------------------


class Call(models.Model):
    """The business unit's call for partners' contributions to one year's report."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="contribution_calls")
    year = models.ForeignKey(ReportingYear, on_delete=models.CASCADE,
                             related_name="contribution_calls")
    deadline = models.DateField()
    guidance = models.TextField(blank=True, help_text="What the business unit asks for.")
    opened_on = models.DateField()
    version = models.PositiveIntegerField(default=0)
    history = tracked()

    class Meta:
        ordering = ["year__label"]
        constraints = [models.UniqueConstraint(fields=["year"], name="uniq_call_per_year")]
        verbose_name = "call for contributions"
        verbose_name_plural = "calls for contributions"

    def __str__(self) -> str:
        return f"Call for contributions {self.year.label}"


class Contribution(Reviewed):
    """One agency's account of its year: achievements, challenges and evidence of impact."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="contributions")
    agency = models.ForeignKey(Agency, on_delete=models.RESTRICT, related_name="contributions")
    achievements = models.TextField(blank=True, help_text="Markdown.")
    challenges = models.TextField(blank=True, help_text="Markdown.")
    impact = models.TextField(blank=True, help_text="Markdown.")
    history = tracked()

    class Meta:
        ordering = ["agency__name"]
        constraints = [models.UniqueConstraint(fields=["call", "agency"],
                                               name="uniq_contribution")]

    def __str__(self) -> str:
        return f"{self.agency.name}: contribution {self.call.year.label}"

    @property
    def is_empty(self) -> bool:
        return not (self.achievements.strip() or self.challenges.strip() or self.impact.strip())


class ContributionEvent(Event):
    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE,
                                     related_name="events")
    history = tracked()

    class Meta(Event.Meta):
        pass

    def __str__(self) -> str:
        return f"{self.contribution}: {self.action}"


# The child's voice --------------------------------------------------------------------------


class VoiceKind(models.TextChoices):
    PARTICIPATION = "participation", "Participation activity"
    FEEDBACK = "feedback", "Feedback from children and families"


class Voice(models.Model):
    """A participation activity or a source of feedback: who took part, how many children and
    young people, what they said and what changed as a result ("you said, we did")."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="voices")
    year = models.ForeignKey(ReportingYear, on_delete=models.CASCADE, related_name="voices")
    kind = models.CharField(max_length=20, choices=VoiceKind.choices)
    position = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    who = models.CharField(max_length=300, help_text="Who took part.")
    children = models.PositiveIntegerField(
        null=True, blank=True, help_text="How many children and young people took part.")
    said = models.TextField(help_text="What they said.")
    changed = models.TextField(blank=True, help_text="What changed as a result.")
    illustrative = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=0)
    history = tracked()

    class Meta:
        ordering = ["year__label", "kind", "position"]
        constraints = [models.UniqueConstraint(fields=["year", "kind", "position"],
                                               name="uniq_voice")]

    def __str__(self) -> str:
        return self.title


# Case stories -----------------------------------------------------------------------------


class CaseStory(Reviewed):
    """What changed for one child, anonymised, written by an agency or the business unit and
    approved by the business unit."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="case_stories")
    year = models.ForeignKey(ReportingYear, on_delete=models.CASCADE, related_name="case_stories")
    code = models.SlugField(max_length=60)
    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.RESTRICT,
                               related_name="case_stories", help_text="Whose story it is.")
    title = models.CharField(max_length=200)
    story = models.TextField(help_text="Markdown: what was happening and what was done.")
    changed = models.TextField(help_text="What changed for the child.")
    illustrative = models.BooleanField(default=False)
    history = tracked()

    class Meta:
        ordering = ["year__label", "code"]
        constraints = [models.UniqueConstraint(fields=["partnership", "code"],
                                               name="uniq_case_story")]
        verbose_name_plural = "case stories"

    def __str__(self) -> str:
        return self.title


class CaseStoryEvent(Event):
    story = models.ForeignKey(CaseStory, on_delete=models.CASCADE, related_name="events")
    history = tracked()

    class Meta(Event.Meta):
        pass

    def __str__(self) -> str:
        return f"{self.story}: {self.action}"


# How to report a concern --------------------------------------------------------------------


class ConcernContact(models.Model):
    """A local way to report a concern about a child: the front door, out of hours."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="concern_contacts")
    position = models.PositiveIntegerField()
    label = models.CharField(max_length=200, help_text="Who answers, e.g. the front door (MASH).")
    phone = models.CharField(max_length=100)
    when = models.CharField(max_length=200, blank=True, help_text="When to call.")
    email = models.CharField(max_length=200, blank=True)
    illustrative = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=0)
    history = tracked()

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["partnership", "position"],
                                               name="uniq_concern_contact")]

    def __str__(self) -> str:
        return self.label
