"""Telling people: `notify()` is the one way in, for every app and every kind of event.

It records one notice per recipient under a unique key, so a second call for the same
event tells nobody anything new, and emails those who want email once the change is
committed. An email that fails
(the mail server is down) leaves its notice waiting; `lscp notices send` tries it again.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from lscp.audit.history import acts_as
from lscp.notices.events import EVENTS
from lscp.notices.models import Channel, Notice, Preference
from lscp.partnership.locking import claim

log = logging.getLogger(__name__)


def channel_of(user: Any) -> str:
    try:
        return str(user.notice_preference.channel)
    except Preference.DoesNotExist:
        return Channel.BOTH


def record_key(record: models.Model) -> str:
    return f"{record._meta.label_lower}:{record.pk}"


def notify(*, kind: str, record: models.Model, context: dict[str, Any] | None = None
           ) -> list[Notice]:
    """Tell the people `kind` names about `record`, once: returns the notices made now
    (none when everyone was already told)."""
    event = EVENTS[kind]
    context = context or {}
    partnership = event.partnership(record)
    message = event.message(record, context)
    made = []
    for user in event.recipients(record, context):
        # Email only, with no address to email: told in the app, rather than not at all.
        channel = channel_of(user) if user.email else Channel.IN_APP
        try:
            with transaction.atomic():
                notice = Notice.objects.create(
                    partnership=partnership, recipient=user, kind=kind, record=record_key(record),
                    occasion=event.occasion(record, context), subject=message.subject[:200],
                    body=message.body, url=message.url, in_app=channel != Channel.EMAIL,
                    email_wanted=channel != Channel.IN_APP)
        except IntegrityError:
            continue  # told already
        made.append(notice)
        if notice.email_wanted:
            # After the commit: an email about a change that was then rolled back would tell
            # someone of something that never happened. If the process dies in between, the
            # notice waits for `lscp notices send`.
            transaction.on_commit(lambda notice=notice: email(notice))  # type: ignore[misc]
    return made


def email(notice: Notice) -> bool:
    """Send one notice's email, plain text with a link; a failure is logged and left for
    the next `lscp notices send`."""
    link = settings.LSCP_SITE_URL.rstrip("/") + notice.url
    try:
        send_mail(subject=notice.subject, message=f"{notice.body}\n\n{link}\n",
                  from_email=None, recipient_list=[notice.recipient.email])
    except Exception:  # noqa: BLE001 - any mail failure leaves the notice waiting
        log.exception("Could not email notice %s", notice.pk)
        return False
    notice.emailed_at = timezone.now()
    notice.save(update_fields=["emailed_at"])
    return True


def send_waiting() -> int:
    """Email every notice whose email has not gone yet; how many went."""
    waiting = Notice.objects.filter(email_wanted=True, emailed_at__isnull=True,
                                    recipient__is_active=True).select_related("recipient")
    return sum(email(n) for n in waiting if n.recipient.email)


def mark_read(*, user: Any, notices: models.QuerySet[Notice]) -> int:
    """Mark the user's own unread notices among `notices` as read; how many."""
    now, count = timezone.now(), 0
    for notice in notices.filter(recipient=user, read_at__isnull=True):
        notice.read_at = now
        notice.save(update_fields=["read_at"])
        count += 1
    return count


@transaction.atomic
@acts_as("user")
def preference_set(*, user: Any, channel: str, seen_version: int) -> Preference:
    """Keep how the user wants to hear, unless it changed since the form was opened."""
    preference, _ = Preference.objects.get_or_create(user=user)
    claim(preference, seen_version)
    preference.refresh_from_db()
    preference.channel = channel
    preference.save(update_fields=["channel"])
    return preference
