"""The trail in words: each history row or event on a page as when, who, what, and what
changed (before → after), as a person reads it: choices by their label, linked records by
their name, long text cut short. The lock counter and time stamps are never listed."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Field, Model
from django.utils import timezone
from simple_history.models import DeletedObject

from lscp.audit.models import Event, EventKind
from lscp.partnership.models import Partnership

if TYPE_CHECKING:
    from lscp.audit.selectors import RecordType

EVENT = "event"  # the source of an event's row in the trail (a record type's is its label)
HIDDEN = {"version", "updated_at"}  # bookkeeping, not what anybody changed
SHOWN_CHARACTERS = 200
ACTIONS = {"+": "Created", "~": "Changed", "-": "Deleted"}
NOBODY = "Nobody signed in (an import or a command)"
EMPTY = "(empty)"


@dataclass
class Change:
    """A field's value before and after; None on the side a record did not exist."""

    field: str
    before: str | None
    after: str | None


@dataclass
class Entry:
    at: dt.datetime
    who: str
    what: str  # the kind of record, or "Event"
    subject: str  # which record, or what the event was about
    action: str  # Created, Changed, Deleted, or the event
    changes: list[Change] = field(default_factory=list)
    detail: str = ""


def describe(rows: list[tuple[dt.datetime, str, int]],
             types: dict[str, RecordType]) -> list[Entry]:
    """Read in full the history rows and events named by (when, source, id), in order."""
    wanted: dict[str, list[int]] = defaultdict(list)
    for _, source, ident in rows:
        wanted[source].append(ident)
    loaded: dict[tuple[str, int], Entry] = {}
    for source, ids in wanted.items():
        if source == EVENT:
            for event in Event.objects.filter(pk__in=ids).select_related("user"):
                loaded[(source, event.pk)] = _event_entry(event)
            continue
        t = types[source]
        records: Any = t.history._default_manager.filter(history_id__in=ids)
        for record in records.select_related("history_user"):
            loaded[(source, record.history_id)] = _history_entry(t, record)
    return [loaded[(source, ident)] for _, source, ident in rows if (source, ident) in loaded]


def _who(user: Any) -> str:
    if user is None:
        return NOBODY
    name = user.get_full_name()
    return f"{name} ({user.username})" if name else str(user.username)


def _event_entry(event: Event) -> Entry:
    who = _who(event.user) if event.user else (event.username or "Unknown")
    detail = []
    if event.kind == EventKind.SIGN_IN_FAILED:
        detail.append(f"Username tried: {event.username}")
    if event.address:
        detail.append(f"From {event.address}")
    return Entry(at=event.at, who=who, what="Event", subject=event.subject,
                 action=event.get_kind_display(), detail="; ".join(detail))


def _history_entry(t: RecordType, record: Any) -> Entry:
    if record.history_type == "~":
        before = record.prev_record
        changes = _changes(t, record, before) if before is not None else []
    elif record.history_type == "+":
        changes = [Change(label, None, value) for label, value in _values(t, record)]
    else:
        changes = [Change(label, value, None) for label, value in _values(t, record)]
    return Entry(at=record.history_date, who=_who(record.history_user), what=t.label,
                 subject=_name_of(t, record), action=ACTIONS.get(record.history_type, "Changed"),
                 changes=changes)


def _name_of(t: RecordType, record: Any) -> str:
    """The record's name as it was then (its own __str__ on the row's values)."""
    values = {f.attname: getattr(record, f.attname) for f in t.model._meta.concrete_fields
              if hasattr(record, f.attname)}
    try:
        return _shorten(str(t.model(**values)))
    except (ObjectDoesNotExist, AttributeError, TypeError, ValueError):
        return f"{t.label} {record.id}"  # what it pointed to has since been deleted


def _label(model_field: Any) -> str:
    return str(getattr(model_field, "verbose_name", model_field.name)).capitalize()


def _values(t: RecordType, record: Any) -> list[tuple[str, str]]:
    """What a created or deleted record held: its fields that have a value, in order (not
    its partnership, which is the reader's own)."""
    found = []
    for model_field in t.model._meta.concrete_fields:
        if (not model_field.editable or model_field.primary_key or model_field.name in HIDDEN
                or model_field.related_model is Partnership
                or not hasattr(record, model_field.attname)):
            continue
        value = getattr(record, model_field.attname)
        if value in (None, "", [], {}) or value is False:
            continue
        if model_field.is_relation:
            value = _related(model_field, value)
        found.append((_label(model_field), _shown(model_field, value)))
    return found


def _related(model_field: Field[Any, Any], pk: Any) -> Model | DeletedObject:
    target: Any = model_field.related_model
    found = target._base_manager.filter(pk=pk).first()
    return found if found is not None else DeletedObject(target, pk)


def _changes(t: RecordType, record: Any, before: Any) -> list[Change]:
    delta = record.diff_against(before, excluded_fields=HIDDEN, foreign_keys_are_objs=True)
    order = {f.name: n for n, f in enumerate(t.model._meta.get_fields())}
    found = []
    for change in sorted(delta.changes, key=lambda c: order.get(c.field, len(order))):
        model_field = t.model._meta.get_field(change.field)
        found.append(Change(_label(model_field), _shown(model_field, change.old),
                            _shown(model_field, change.new)))
    return found


def _shown(model_field: Any, value: Any) -> str:
    """A value as a person reads it: the label of a choice, a date, a record's name."""
    if value is None or value == "" or value == []:
        return EMPTY
    if isinstance(value, DeletedObject):
        return EMPTY if value.pk is None else f"a deleted {value.model._meta.verbose_name}"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if getattr(model_field, "choices", None):
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, dt.datetime):
        return f"{timezone.localtime(value):%-d %b %Y %H:%M}"
    if isinstance(value, dt.date):
        return f"{value:%-d %b %Y}"
    if isinstance(value, Decimal) and value.is_finite():  # 106.000 is 106; keep what's stored
        return f"{value.normalize():,f}" if value != value.to_integral_value() else f"{value:,.0f}"
    if isinstance(value, int):
        return f"{value:,}"
    if getattr(model_field, "many_to_many", False):  # the rows of a many-to-many
        column = model_field.m2m_reverse_field_name()
        return _shorten(", ".join(_shown(None, row.get(column)) for row in value))
    return _shorten(str(value))


def _shorten(text: str) -> str:
    return text if len(text) <= SHOWN_CHARACTERS else text[:SHOWN_CHARACTERS - 1] + "…"
