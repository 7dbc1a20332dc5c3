"""Self-assessment: frameworks of standards, the cycles that run them, and what each partner
(or education setting) says against each standard, with the business unit's review.

A framework (Section 11, the schools' section 175/157 audit, a one-off survey such as the
COVID-19 Preparedness Survey) is data: TOML files in `frameworks/`, loaded into a partnership
(`catalogue.py`). A cycle asks a set of agencies or settings to rate themselves against its
standards by a deadline; each respondent's `Assessment` holds one `Answer` per standard. The
business unit marks each answer's evidence sufficient or asks for more (`EvidenceRequest`),
re-reviews a reproducible sample (`Moderation`), and records a challenge day's conclusions as
decisions of a meeting whose actions join the action register (`ChallengeOutcome`).

A practitioner survey beside a cycle is answered anonymously through one link per agency:
a reply stores the agency, the day and the scores, never who answered.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models

from lscp.audit.history import tracked
from lscp.partnership.models import Agency, Partnership, ReportingYear


def new_token() -> str:
    """A link's secret: 256 random bits, URL-safe."""
    return secrets.token_urlsafe(32)


class FrameworkKind(models.TextChoices):
    SECTION_11 = "section_11", "Section 11 audit (Children Act 2004)"
    SCHOOLS = "schools", "Schools' safeguarding audit (Education Act 2002, s175/157)"
    SURVEY = "survey", "Survey of partners"


class Audience(models.TextChoices):
    AGENCIES = "agencies", "Partner agencies"
    SETTINGS = "settings", "Education settings"


class Framework(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="frameworks")
    code = models.SlugField(max_length=60)
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=FrameworkKind.choices)
    audience = models.CharField(max_length=20, choices=Audience.choices)
    cycle_months = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="How often it runs (24: every two years); empty for a "
                                         "one-off.")
    description = models.TextField(blank=True)
    source = models.TextField(blank=True, help_text="Where the standards come from.")
    history = tracked()

    class Meta:
        verbose_name = "self-assessment framework"
        ordering = ["title"]
        constraints = [models.UniqueConstraint(fields=["partnership", "code"],
                                               name="uniq_framework_code")]

    def __str__(self) -> str:
        return self.title


class Standard(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="standards")
    code = models.SlugField(max_length=60)
    position = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    guidance = models.TextField(blank=True, help_text="What meeting the standard looks like.")
    evidence = models.TextField(blank=True,
                                help_text="The evidence it expects, one item a line.")
    statement = models.TextField(
        blank=True, help_text="What a practitioner is asked to agree with in the survey.")
    history = tracked()

    class Meta:
        verbose_name = "self-assessment standard"
        ordering = ["framework", "position"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"],
                                               name="uniq_standard_code")]

    def __str__(self) -> str:
        return self.title

    @property
    def evidence_items(self) -> list[str]:
        return [line.strip() for line in self.evidence.splitlines() if line.strip()]


class Phase(models.TextChoices):
    EARLY_YEARS = "early_years", "Early years"
    PRIMARY = "primary", "Primary"
    SECONDARY = "secondary", "Secondary"
    ALL_THROUGH = "all_through", "All-through"
    SPECIAL = "special", "Special"
    ALTERNATIVE = "alternative", "Alternative provision"
    FURTHER = "further", "Further education"
    INDEPENDENT = "independent", "Independent"


class EducationSetting(models.Model):
    """A school, college or early years setting: many (a borough has about 100), none with an
    account; each answers its audit through its own link."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="education_settings")
    code = models.SlugField(max_length=60)
    name = models.CharField(max_length=200)
    phase = models.CharField(max_length=20, choices=Phase.choices)
    contact_email = models.EmailField(
        blank=True, help_text="The designated safeguarding lead's address: links and "
                              "reminders go there.")
    history = tracked()

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["partnership", "code"],
                                               name="uniq_setting_code")]

    def __str__(self) -> str:
        return self.name


class Cycle(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="self_assessment_cycles")
    code = models.SlugField(max_length=60)
    framework = models.ForeignKey(Framework, on_delete=models.RESTRICT, related_name="cycles")
    year = models.ForeignKey(ReportingYear, on_delete=models.RESTRICT,
                             related_name="self_assessment_cycles",
                             help_text="The reporting year whose report it goes into.")
    title = models.CharField(max_length=200)
    opened_on = models.DateField()
    deadline = models.DateField()
    closed_on = models.DateField(null=True, blank=True)
    lead_agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.RESTRICT, related_name="+",
        help_text="The agency that leads it (for a schools' audit, education): its "
                  "contributors read the results.")
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    illustrative = models.BooleanField(
        default=False, help_text="Ratings and dates chosen for the demo, not published.")
    version = models.PositiveIntegerField(default=0)
    history = tracked()

    class Meta:
        verbose_name = "self-assessment cycle"
        ordering = ["-opened_on", "code"]
        constraints = [models.UniqueConstraint(fields=["partnership", "code"],
                                               name="uniq_cycle_code")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.closed_on is None

    @property
    def for_settings(self) -> bool:
        return self.framework.audience == Audience.SETTINGS


class AssessmentStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    SUBMITTED = "submitted", "Submitted"


class Assessment(models.Model):
    """One agency's (or setting's) self-assessment in a cycle."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="assessments")
    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.RESTRICT,
                               related_name="self_assessments")
    setting = models.ForeignKey(EducationSetting, null=True, blank=True,
                                on_delete=models.RESTRICT, related_name="assessments")
    status = models.CharField(max_length=20, choices=AssessmentStatus.choices,
                              default=AssessmentStatus.NOT_STARTED)
    submitted_on = models.DateField(null=True, blank=True)
    carried_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="The assessment of the last cycle its answers started from.")
    version = models.PositiveIntegerField(default=0)
    history = tracked()

    class Meta:
        verbose_name = "self-assessment"
        ordering = ["cycle", "agency__name", "setting__name"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "agency"], name="uniq_assessment_agency"),
            models.UniqueConstraint(fields=["cycle", "setting"], name="uniq_assessment_setting"),
            models.CheckConstraint(
                name="assessment_has_one_respondent",
                condition=(models.Q(agency__isnull=False, setting__isnull=True)
                           | models.Q(agency__isnull=True, setting__isnull=False))),
        ]

    def __str__(self) -> str:
        return f"{self.respondent_name}: {self.cycle}"

    @property
    def respondent_name(self) -> str:
        respondent = self.agency or self.setting
        return respondent.name if respondent else ""

    @property
    def respondent_code(self) -> str:
        respondent = self.agency or self.setting
        return respondent.code if respondent else ""

    @property
    def submitted(self) -> bool:
        return self.status == AssessmentStatus.SUBMITTED


class Rating(models.TextChoices):
    GREEN = "green", "Green: fully met"
    AMBER = "amber", "Amber: partly met"
    RED = "red", "Red: not met"


class EvidenceStatus(models.TextChoices):
    NOT_REVIEWED = "not_reviewed", "Not reviewed"
    SUFFICIENT = "sufficient", "Sufficient"
    MORE_ASKED = "more_asked", "More evidence asked for"
    GIVEN = "given", "More evidence given"


class Answer(models.Model):
    """A rating against one standard, with the narrative and the evidence behind it (files
    attached through lscp.attachments, described here in words)."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    standard = models.ForeignKey(Standard, on_delete=models.RESTRICT, related_name="answers")
    rating = models.CharField(max_length=10, choices=Rating.choices, blank=True)
    narrative = models.TextField(blank=True, help_text="How the standard is met, or not yet.")
    evidence_note = models.TextField(blank=True, help_text="The evidence held, in words.")
    evidence_status = models.CharField(max_length=20, choices=EvidenceStatus.choices,
                                       default=EvidenceStatus.NOT_REVIEWED)
    reviewed_on = models.DateField(null=True, blank=True)
    carried_forward = models.BooleanField(
        default=False, help_text="Copied from the last cycle and not yet checked by the "
                                 "respondent.")
    version = models.PositiveIntegerField(default=0)
    history = tracked()

    class Meta:
        verbose_name = "self-assessment answer"
        ordering = ["assessment", "standard__position"]
        constraints = [models.UniqueConstraint(fields=["assessment", "standard"],
                                               name="uniq_answer_standard")]

    def __str__(self) -> str:
        return f"{self.assessment.respondent_name}: {self.standard}"


class EvidenceRequest(models.Model):
    """The business unit asks for more narrative or evidence on one answer; the respondent
    replies. Each request is kept, so the report can say who was asked and who gave it."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="requests")
    position = models.PositiveIntegerField()
    message = models.TextField()
    asked_on = models.DateField()
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    due = models.DateField(null=True, blank=True)
    reply = models.TextField(blank=True)
    replied_on = models.DateField(null=True, blank=True)
    history = tracked()

    class Meta:
        ordering = ["answer", "position"]
        constraints = [models.UniqueConstraint(fields=["answer", "position"],
                                               name="uniq_request_position")]

    def __str__(self) -> str:
        return f"More evidence on {self.answer}"

    @property
    def is_open(self) -> bool:
        return self.replied_on is None


class ModerationOutcome(models.TextChoices):
    CONFIRMED = "confirmed", "Ratings confirmed"
    CHANGED = "changed", "Ratings should change"
    MORE_EVIDENCE = "more_evidence", "More evidence needed"


class Moderation(models.Model):
    """One assessment drawn into a cycle's moderation sample, and the moderator's conclusion."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="moderations")
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE,
                                   related_name="moderations")
    position = models.PositiveIntegerField(help_text="Its place in the order drawn.")
    drawn_on = models.DateField()
    outcome = models.CharField(max_length=20, choices=ModerationOutcome.choices, blank=True)
    conclusion = models.TextField(blank=True)
    moderated_on = models.DateField(null=True, blank=True)
    moderated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    version = models.PositiveIntegerField(default=0)
    history = tracked()

    class Meta:
        verbose_name = "self-assessment moderation"
        ordering = ["cycle", "position"]
        constraints = [models.UniqueConstraint(fields=["cycle", "assessment"],
                                               name="uniq_moderation_assessment")]

    def __str__(self) -> str:
        return f"Moderation of {self.assessment}"


class ChallengeOutcome(models.Model):
    """A challenge day's conclusion on one assessment: a decision of the day's meeting
    (assurance.Recommendation with meeting= set), so the agency's actions are the decision's
    actions in the action register, with its reminders."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE,
                                   related_name="challenge_outcomes")
    decision = models.OneToOneField("assurance.Recommendation", on_delete=models.CASCADE,
                                    related_name="self_assessment_outcome")
    history = tracked()

    class Meta:
        verbose_name = "challenge day outcome"

    def __str__(self) -> str:
        return f"Challenge day: {self.assessment}"


class SettingLink(models.Model):
    """The secret link an education setting answers its audit through, without an account."""

    assessment = models.OneToOneField(Assessment, on_delete=models.CASCADE, related_name="link")
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    last_reminded_on = models.DateField(null=True, blank=True)
    history = tracked(excluded_fields=["token"])

    def __str__(self) -> str:
        return f"Link for {self.assessment}"


class PractitionerSurvey(models.Model):
    """Frontline staff's view beside a cycle, to test what leaders claim."""

    cycle = models.OneToOneField(Cycle, on_delete=models.CASCADE, related_name="survey")
    closes_on = models.DateField()
    history = tracked()

    def __str__(self) -> str:
        return f"Practitioner survey: {self.cycle}"


class SurveyLink(models.Model):
    """One link per agency: it tells which agency answered, never who."""

    survey = models.ForeignKey(PractitionerSurvey, on_delete=models.CASCADE,
                               related_name="links")
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    history = tracked(excluded_fields=["token"])

    class Meta:
        constraints = [models.UniqueConstraint(fields=["survey", "agency"],
                                               name="uniq_survey_link")]

    def __str__(self) -> str:
        return f"Survey link for {self.agency}"


class SurveyReply(models.Model):
    """One practitioner's answers: the agency, the day and a number, nothing about the person
    (no account, no address, no time of day)."""

    survey = models.ForeignKey(PractitionerSurvey, on_delete=models.CASCADE,
                               related_name="replies")
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    number = models.PositiveIntegerField()
    received_on = models.DateField()
    history = tracked()

    class Meta:
        ordering = ["survey", "agency", "number"]
        constraints = [models.UniqueConstraint(fields=["survey", "agency", "number"],
                                               name="uniq_survey_reply")]

    def __str__(self) -> str:
        return f"Reply {self.number} from {self.agency}"


class Agreement(models.IntegerChoices):
    STRONGLY_DISAGREE = 1, "Strongly disagree"
    DISAGREE = 2, "Disagree"
    AGREE = 3, "Agree"
    STRONGLY_AGREE = 4, "Strongly agree"


class SurveyScore(models.Model):
    reply = models.ForeignKey(SurveyReply, on_delete=models.CASCADE, related_name="scores")
    standard = models.ForeignKey(Standard, on_delete=models.RESTRICT, related_name="+")
    score = models.PositiveSmallIntegerField(choices=Agreement.choices)
    history = tracked()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["reply", "standard"], name="uniq_survey_score"),
            models.CheckConstraint(condition=models.Q(score__gte=1, score__lte=4),
                                   name="survey_score_1_to_4"),
        ]

    def __str__(self) -> str:
        return f"{self.standard}: {self.score}"
