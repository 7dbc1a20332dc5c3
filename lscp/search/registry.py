"""What site search looks in: a registry of searchable registers, filled in `ready()`.

Each register says which records of a partnership it holds, which of their fields are
searched, how a result is titled and linked, and who may see it (a check in `access`,
like every permission). Search itself never learns what a register is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce
from operator import and_, or_
from typing import Any

from django.db.models import Model, Q, QuerySet

from lscp.partnership import access
from lscp.partnership.models import Partnership

PER_REGISTER = 10  # results shown per register; the register's own page has the rest
MAX_WORDS = 8


@dataclass(frozen=True)
class Register:
    key: str
    label: str  # the register's name, as a heading over its results
    records: Callable[[Partnership], QuerySet[Any]]  # the partnership's records, nobody else's
    fields: tuple[str, ...]  # ORM paths searched with icontains
    title: Callable[[Any], str]
    url: Callable[[Any], str]
    detail: Callable[[Any], str] = lambda record: ""
    shown_to: Callable[[Any], bool] = access.can_read
    position: int = 0


@dataclass(frozen=True)
class Hit:
    title: str
    url: str
    detail: str


@dataclass(frozen=True)
class Found:
    register: Register
    hits: list[Hit]
    total: int


_REGISTERS: dict[str, Register] = {}


def register(*registers: Register) -> None:
    """Add registers (registering a key again replaces it: `ready()` may run twice)."""
    for item in registers:
        _REGISTERS[item.key] = item


def registers() -> list[Register]:
    return sorted(_REGISTERS.values(), key=lambda r: (r.position, r.label))


def words_of(query: str) -> list[str]:
    return query.split()[:MAX_WORDS]


def matching(queryset: QuerySet[Any], fields: tuple[str, ...], words: list[str]) -> QuerySet[Any]:
    """Records where every word is in at least one of the fields (case ignored)."""
    if not words:
        return queryset.none()
    each = [reduce(or_, (Q(**{f"{name}__icontains": word}) for name in fields)) for word in words]
    found = queryset.filter(reduce(and_, each))
    joins = any("__" in name for name in fields)  # a many-valued join repeats records
    return found.distinct() if joins else found


def current(queryset: QuerySet[Any]) -> QuerySet[Any]:
    """Withdrawn records leave search as they leave lists (where the register withdraws)."""
    model: type[Model] = queryset.model
    names = {f.name for f in model._meta.get_fields()}
    return queryset.filter(withdrawn_on__isnull=True) if "withdrawn_on" in names else queryset


def search(user: Any, partnership: Partnership, query: str) -> list[Found]:
    """Each register the user may read that has matches, with its first results."""
    words = words_of(query)
    found = []
    for item in registers():
        if not item.shown_to(user):
            continue
        records = matching(current(item.records(partnership)), item.fields, words)
        total = records.count()
        if total:
            hits = [Hit(item.title(r), item.url(r), item.detail(r))
                    for r in records[:PER_REGISTER]]
            found.append(Found(item, hits, total))
    return found
