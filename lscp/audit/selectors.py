"""Reading the trail: every record's history and every event of one partnership, newest
first, filtered by what, who and when, one page at a time.

The history of each model is its own table; a page is one UNION of them all (and of the
events), ordered and sliced by the database, then the rows on the page are read in full and
compared with the row before them to say what changed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.paginator import Page, Paginator
from django.db.models import CharField, F, Model, Q, QuerySet, Value
from django.utils import timezone

from lscp.audit.models import Event, EventKind
from lscp.audit.wording import EVENT, Entry, describe
from lscp.partnership.models import Partnership
from lscp.partnership.versioning import path_to_partnership

PAGE_SIZE = 50


@dataclass(frozen=True)
class RecordType:
    key: str  # "assurance.action"
    label: str
    model: type[Model]

    @property
    def history(self) -> type[Model]:
        return self.model.history.model  # type: ignore[attr-defined,no-any-return]


def record_types() -> list[RecordType]:
    """Every lscp model that keeps a history, by name."""
    found = [RecordType(m._meta.label_lower, str(m._meta.verbose_name).capitalize(), m)
             for m in apps.get_models()
             if m.__module__.startswith("lscp.") and hasattr(m._meta,
                                                           "simple_history_manager_attribute")]
    return sorted(found, key=lambda t: t.label)


def kind_choices() -> list[tuple[str, str]]:
    """What the trail can be filtered to: a kind of record, or a kind of event."""
    return ([("", "Everything")] + [(t.key, t.label) for t in record_types()]
            + [(f"{EVENT}:{k.value}", str(k.label)) for k in EventKind])


def people(partnership: Partnership) -> QuerySet[Any]:
    """The partnership's members: the people the trail can be filtered to."""
    return get_user_model().objects.filter(membership__partnership=partnership).order_by(
        "username")


@dataclass(frozen=True)
class TrailFilter:
    kind: str = ""  # a RecordType key, "event:<kind>", or "" for everything
    person: Any = None  # a user of the partnership
    since: dt.date | None = None
    until: dt.date | None = None  # inclusive


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _in_range(prefix: str, since: dt.date | None, until: dt.date | None) -> Q:
    q = Q()
    if since:
        q &= Q(**{f"{prefix}__gte": _day_start(since)})
    if until:
        q &= Q(**{f"{prefix}__lt": _day_start(until + dt.timedelta(days=1))})
    return q


def _history_rows(t: RecordType, partnership: Partnership, f: TrailFilter) -> QuerySet[Any]:
    rows = t.history._default_manager.all()
    if _shared(t):
        # Shared records (the catalogue): shown with changes by nobody or by this
        # partnership's own people, never with another partnership's.
        rows = rows.filter(Q(history_user__isnull=True)
                           | Q(history_user__membership__partnership=partnership))
    else:
        rows = rows.filter(history_partnership=partnership.pk)
    if f.person is not None:
        rows = rows.filter(history_user=f.person)
    rows = rows.filter(_in_range("history_date", f.since, f.until))
    return rows.order_by().annotate(**_columns("history_date", t.key, "history_id")).values_list(
        *COLUMNS)


def _shared(t: RecordType) -> bool:
    """A model with no way to a partnership (the indicator catalogue) is every partnership's."""
    return t.model is not Partnership and path_to_partnership(t.model) is None


# (when, source, id): named so as not to clash with any model's own fields ("source").
COLUMNS = ("trail_when", "trail_source", "trail_id")


def _columns(when: str, source: str, ident: str) -> dict[str, Any]:
    return dict(zip(COLUMNS, (F(when), Value(source, CharField()), F(ident)), strict=True))


def _event_rows(partnership: Partnership, f: TrailFilter, kind: str = "") -> QuerySet[Any]:
    rows = Event.objects.filter(partnership=partnership)
    if kind:
        rows = rows.filter(kind=kind)
    if f.person is not None:
        rows = rows.filter(user=f.person)
    rows = rows.filter(_in_range("at", f.since, f.until))
    return rows.order_by().annotate(**_columns("at", EVENT, "id")).values_list(*COLUMNS)


def trail_rows(partnership: Partnership, f: TrailFilter) -> QuerySet[Any]:
    """(when, source, id) of every history row and event that the filter lets through."""
    types = record_types()
    if f.kind.startswith(f"{EVENT}:"):
        parts = [_event_rows(partnership, f, f.kind.split(":", 1)[1])]
    elif f.kind:
        parts = [_history_rows(t, partnership, f) for t in types if t.key == f.kind]
    else:
        parts = [*(_history_rows(t, partnership, f) for t in types), _event_rows(partnership, f)]
    if not parts:
        return Event.objects.none().values_list("at", "kind", "id")
    first, *rest = parts
    combined = first.union(*rest, all=True) if rest else first
    return combined.order_by(f"-{COLUMNS[0]}", f"-{COLUMNS[2]}")


def trail_page(partnership: Partnership, f: TrailFilter,
               number: Any = 1) -> tuple[Page[Any], list[Entry]]:
    """One page of the trail, newest first, each row said in words."""
    page = Paginator(trail_rows(partnership, f), PAGE_SIZE).get_page(number)
    return page, describe(list(page.object_list), {t.key: t for t in record_types()})


