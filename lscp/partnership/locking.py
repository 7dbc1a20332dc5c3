"""Optimistic locking: a form carries the version it was opened at; saving claims it.

The check and the bump are one UPDATE, so of two saves racing each other only one can
pass; the other is told to reload instead of silently overwriting the first.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import F, Model

from lscp.partnership.versioning import record_changed

Record = TypeVar("Record", bound=Model)


class StaleEdit(Exception):
    """Someone else saved this record since the form was opened."""


def claim(record: Any, seen_version: int) -> None:
    """Bump `record`'s version if it is still `seen_version`; StaleEdit otherwise.

    Call it inside the transaction that saves the change.
    """
    model = type(record)
    if not model._default_manager.filter(pk=record.pk, version=seen_version).update(
            version=F("version") + 1):
        raise StaleEdit(record)
    record.version = seen_version + 1
    record_changed(record)  # an UPDATE sends no signal: the cached pages learn of it here


def claim_and_save(record: Record, seen_version: int, **fields: Any) -> Record:
    """Claim `seen_version`, then save just `fields` onto the record as the database now has
    it, so nothing else is overwritten. Call it inside the transaction that saves the change."""
    claim(record, seen_version)
    record.refresh_from_db()
    for name, value in fields.items():
        setattr(record, name, value)
    record.save(update_fields=list(fields))
    return record
