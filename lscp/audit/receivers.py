"""What the audit app listens for: history rows to scope to their partnership, sign-ins and
failed sign-ins. Connected once, from AuditConfig.ready()."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db.models import Model
from simple_history.signals import pre_create_historical_record

from lscp.audit import services
from lscp.partnership.versioning import partnership_id_of


def _scope(sender: type[Model], instance: Model, history_instance: Any, **_: Any) -> None:
    """Each history row keeps whose record it was, read while the record still exists."""
    history_instance.history_partnership = partnership_id_of(instance)


def _signed_in(sender: Any, request: Any = None, user: Any = None, **_: Any) -> None:
    services.record_sign_in(request, user)


def _sign_in_failed(sender: Any, credentials: dict[str, Any], request: Any = None,
                    **_: Any) -> None:
    username = str(credentials.get(get_user_model().USERNAME_FIELD) or "")
    services.record_failed_sign_in(request, username)


def connect() -> None:
    """Writing the trail changes nothing a page shows: `versioning.shown_on_pages` leaves
    history rows and events out of the data version (decision 0010)."""
    pre_create_historical_record.connect(_scope, dispatch_uid="audit:scope")
    user_logged_in.connect(_signed_in, dispatch_uid="audit:signed-in")
    user_login_failed.connect(_sign_in_failed, dispatch_uid="audit:sign-in-failed")
