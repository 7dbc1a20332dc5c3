"""Reading a person's notices, in their own partnership only."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from lscp.notices.models import Notice, Preference
from lscp.partnership.access import membership_of


def notices_of(user: Any) -> QuerySet[Notice]:
    """The notices shown to `user` in the app: theirs, in their partnership, newest first."""
    membership = membership_of(user)
    if membership is None:
        return Notice.objects.none()
    return Notice.objects.filter(recipient=user, partnership=membership.partnership, in_app=True)


def unread_count(user: Any) -> int:
    return notices_of(user).filter(read_at__isnull=True).count()


def preference_of(user: Any) -> Preference | None:
    """The person's stored choice; None until they make one (they hear both ways)."""
    return Preference.objects.filter(user=user).first()
