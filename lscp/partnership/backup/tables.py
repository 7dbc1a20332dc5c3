"""Every table Django knows, and each column's value as JSON and back, exactly.

Tables are found, never listed: every installed model with its own table, the link tables of
many-to-many fields and the history tables of apps added later included, so a backup cannot
miss a table nobody told it about. A table in the database that no model describes is
refused (`unknown_tables`) rather than silently left out.
"""

from __future__ import annotations

import base64
import datetime as dt
import uuid
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils.duration import duration_iso_string

SESSIONS = "sessions.session"  # sign-ins: left out unless asked for (`lscp backup --sessions`)
MADE_BY_MIGRATE = ("contenttypes.contenttype", "auth.permission")  # in every migrated database
MIGRATIONS_TABLE = "django_migrations"  # compared, never copied: restore needs the same state


def all_models(sessions: bool = True) -> list[type[models.Model]]:
    """Every model with a table of its own, parents before the rows that refer to them."""
    found: dict[str, type[models.Model]] = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or meta.swapped or meta.db_table in found:
            continue
        if meta.label_lower == SESSIONS and not sessions:
            continue
        found[meta.db_table] = model
    return dependency_order(list(found.values()))


def dependency_order(found: list[type[models.Model]]) -> list[type[models.Model]]:
    """Referred-to tables first (a cycle is broken anywhere: foreign keys are checked at
    commit). Order is for a reader of the file and for databases that check at once."""
    ordered: list[type[models.Model]] = []
    placed: set[type[models.Model]] = set()

    def place(model: type[models.Model], path: frozenset[type[models.Model]]) -> None:
        if model in placed or model in path:
            return
        for field in columns(model):
            target = field.related_model if field.is_relation else None
            if isinstance(target, type) and target in found:
                place(target, path | {model})
        placed.add(model)
        ordered.append(model)

    for model in found:
        place(model, frozenset())
    return ordered


def columns(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    """The columns of the model's own table, in order; a generated column is derived."""
    return [f for f in model._meta.local_concrete_fields if not getattr(f, "generated", False)]


def column_names(model: type[models.Model]) -> list[str]:
    return [str(f.column) for f in columns(model)]


def cache_tables() -> set[str]:
    return {str(c["LOCATION"]) for c in settings.CACHES.values()
            if str(c["BACKEND"]).endswith("DatabaseCache")}


def unknown_tables(table_names: Iterable[str]) -> list[str]:
    """Tables no model describes (besides migrations and the cache): a backup would lose
    them, so it refuses instead."""
    known = {m._meta.db_table for m in all_models()} | {MIGRATIONS_TABLE} | cache_tables()
    return sorted(set(table_names) - known)


def encode(field: models.Field[Any, Any], value: Any) -> Any:
    """A column's value as JSON, losing nothing: microseconds, decimal places, bytes."""
    if value is None or field.get_internal_type() == "JSONField":
        return value
    if isinstance(value, bytes | memoryview | bytearray):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return duration_iso_string(value)
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    return value


def decode(field: models.Field[Any, Any], value: Any) -> Any:
    """The value `encode` wrote, as the field's Python value (ValidationError if it is not)."""
    if value is None or field.get_internal_type() == "JSONField":
        return value
    return field.to_python(value)
