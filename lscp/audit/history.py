"""The history of every record: each lscp model declares `history = tracked()`.

django-simple-history keeps a copy of the record, with who and when, in a historical table
beside the model's own on every save and delete. Three things are added here:

- **Who.** Inside a web request the signed-in user (HistoryRequestMiddleware); a service
  that is told who acts (`by=`, `user=`) says so with `@acts_as("by")`, which also holds
  outside a request (a command, a test). Nobody is recorded when nobody is known.
- **Whose.** Each historical row keeps the id of the partnership the record belongs to
  (`history_partnership`, set in lscp.audit.receivers as the row is made), so the trail is
  scoped without joining through records that may since have been deleted.
- **Only changes.** A save that changes nothing tracked (the same attendance saved again) adds
  no row; the optimistic-locking counter `version` is not tracked, so `locking.claim()`, an
  UPDATE that bumps only it, bypasses nothing (decision 0014).

This module imports nothing of lscp: every app's models.py imports it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from typing import Any, TypeVar

from django.db import models
from simple_history.models import HistoricalRecords

F = TypeVar("F", bound=Callable[..., Any])

# Fields never copied into a history row: the lock counter, and what must not be kept twice.
NOT_TRACKED = ("version",)

_acting: ContextVar[Any] = ContextVar("lscp_audit_acting", default=None)


@contextmanager
def acting_as(user: Any) -> Iterator[None]:
    """Changes made inside are recorded as `user`'s; an anonymous or missing user changes
    nothing (the request's user, if any, is kept)."""
    if not getattr(user, "is_authenticated", False):
        yield
        return
    token = _acting.set(user)
    try:
        yield
    finally:
        _acting.reset(token)


def acts_as(argument: str) -> Callable[[F], F]:
    """A service's keyword `argument` names who makes its changes: `@acts_as("by")`."""

    def decorate(service: F) -> F:
        @wraps(service)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            with acting_as(kwargs.get(argument)):
                return service(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate


def history_user(instance: Any = None, request: Any = None, **_: Any) -> Any:
    """Who made the change: the user a service acts as, else the request's signed-in user."""
    acting = _acting.get()
    if acting is not None:
        return acting
    return getattr(request, "user", None) if request is not None else None


def current_user() -> Any:
    """Who is acting now, as `history_user` would record them: None when nobody is known."""
    request = getattr(HistoricalRecords.context, "request", None)
    user = history_user(request=request)
    return user if getattr(user, "is_authenticated", False) else None


class ScopedHistory(models.Model):
    """What every historical row has besides the record's own fields."""

    history_partnership = models.BigIntegerField(
        null=True, blank=True, db_index=True, editable=False,
        help_text="The partnership the record belonged to; empty for shared records (the "
                  "indicator catalogue).")

    class Meta:
        abstract = True


class TrackedRecords(HistoricalRecords):  # type: ignore[misc]
    """simple-history's HistoricalRecords, keeping a row only when something changed."""

    excluded_fields: list[str]

    def finalize(self, sender: Any, **kwargs: Any) -> None:
        if sender is self.cls:  # exclude only the fields this model has (`version`)
            names = {f.name for f in sender._meta.local_fields}
            self.excluded_fields = [n for n in self.excluded_fields if n in names]
        super().finalize(sender, **kwargs)

    def create_history_model(self, model: Any, inherited: bool) -> Any:
        history = super().create_history_model(model, inherited)
        history.__module__ = self.module  # where finalize() puts it, so `lscp shell` finds it
        return history

    def post_save(self, instance: Any, created: bool, using: Any = None, **kwargs: Any) -> None:
        if not created and not kwargs.get("raw", False) and self._unchanged(instance):
            return
        super().post_save(instance, created, using=using, **kwargs)

    def _unchanged(self, instance: models.Model) -> bool:
        """The latest row already holds these values (one query, on updates only)."""
        history = getattr(instance, self.manager_name).model
        names = [f.attname for f in self.fields_included(instance)]
        latest = (history._default_manager.filter(**{instance._meta.pk.attname: instance.pk})
                  .order_by("-history_date", "-history_id").values(*names, "history_type")
                  .first())
        if latest is None or latest.pop("history_type") == "-":
            return False
        return all(latest[name] == getattr(instance, name) for name in names)


def tracked(*, excluded_fields: Iterable[str] = (), m2m_fields: Iterable[str] = ()) -> Any:
    """The `history` of an lscp model: `history = tracked()` in its class body."""
    return TrackedRecords(
        bases=[ScopedHistory], get_user=history_user, user_related_name="+",
        excluded_fields=[*NOT_TRACKED, *excluded_fields], m2m_fields=list(m2m_fields))
