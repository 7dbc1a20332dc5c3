"""The two kinds of link that need no account: an education setting's audit, and the
practitioner survey beside a cycle; and the reminders to settings that have not finished.

A survey reply keeps the agency (from the link), the day and the scores: no account, no
address, no time of day, nothing a person typed.

Settings have no account in LSCP Insight, so a reminder cannot be a notice in the app: it is
an email to the setting's contact address, sent after the commit, and the day it went is
kept on the link so that reminding twice in one day sends nothing new.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max
from django.urls import reverse

from lscp.audit.history import acts_as
from lscp.partnership import access
from lscp.selfassessment.models import (
    Agreement,
    AssessmentStatus,
    Cycle,
    SettingLink,
    SurveyLink,
    SurveyReply,
    SurveyScore,
)
from lscp.selfassessment.services import NotAllowed, Refused

log = logging.getLogger(__name__)


def link_url(link: SettingLink) -> str:
    return settings.LSCP_SITE_URL.rstrip("/") + reverse("selfassessment:link", args=[link.token])


def survey_url(link: SurveyLink) -> str:
    return settings.LSCP_SITE_URL.rstrip("/") + reverse("selfassessment:survey",
                                                        args=[link.token])


@dataclass(frozen=True)
class Reminded:
    sent: int  # emails queued
    no_address: list[str]  # settings not finished that have no contact address


def _email(address: str, subject: str, body: str) -> None:
    try:
        send_mail(subject=subject, message=body, from_email=None, recipient_list=[address])
    except Exception:  # noqa: BLE001 - a mail failure leaves the day unrecorded: try again
        log.exception("Could not email a self-assessment reminder to %s", address)


def _sender(address: str, subject: str, body: str) -> Callable[[], None]:
    return lambda: _email(address, subject, body)


@transaction.atomic
@acts_as("by")
def remind_settings(*, cycle: Cycle, by: Any, today: dt.date) -> Reminded:
    """Email every setting that has not submitted (once a day at most) its link and the
    deadline."""
    if by is not None and not access.can_run_self_assessment(by):
        raise NotAllowed("only the business unit sends reminders")
    if not cycle.is_open:
        raise Refused("the cycle is closed")
    waiting = SettingLink.objects.filter(assessment__cycle=cycle).exclude(
        assessment__status=AssessmentStatus.SUBMITTED).select_related("assessment__setting")
    sent, missing = 0, []
    for link in waiting.order_by("assessment__setting__name"):
        setting = link.assessment.setting
        assert setting is not None
        if not setting.contact_email:
            missing.append(setting.name)
            continue
        if link.last_reminded_on == today:
            continue
        link.last_reminded_on = today
        link.save(update_fields=["last_reminded_on"])
        subject = f"Reminder: {cycle.title}, due {cycle.deadline:%-d %B %Y}"
        body = (f"{setting.name} has not yet submitted its {cycle.framework.title}. It is due "
                f"on {cycle.deadline:%-d %B %Y}. Open your setting's own link to complete it "
                f"(no account is needed; do not share the link):\n\n{link_url(link)}\n")
        transaction.on_commit(_sender(setting.contact_email, subject, body))
        sent += 1
    return Reminded(sent, missing)


@transaction.atomic
def survey_reply(*, link: SurveyLink, scores: dict[int, int], today: dt.date) -> SurveyReply:
    """One practitioner's anonymous answers (standard id -> 1 to 4; "don't know" left out)."""
    survey = link.survey
    if today > survey.closes_on or not survey.cycle.is_open:
        raise Refused("the survey has closed")
    standards = {s.pk for s in survey.cycle.framework.standards.all()}
    if not scores or set(scores) - standards or set(scores.values()) - set(Agreement.values):
        raise Refused("answer at least one statement")
    replies = SurveyReply.objects.filter(survey=survey, agency=link.agency)
    number = int(replies.aggregate(top=Max("number"))["top"] or 0) + 1
    reply = SurveyReply.objects.create(survey=survey, agency=link.agency, number=number,
                                       received_on=today)
    for pk, score in sorted(scores.items()):
        SurveyScore.objects.create(reply=reply, standard_id=pk, score=score)
    return reply
