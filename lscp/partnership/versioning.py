"""The data version, and content cached by it: a page view reads what was built, never rebuilds.

Each partnership has a version token, and so do the records every partnership reads (the
indicator catalogue, national comparators): random strings kept in the shared cache (a table
of the database, so every worker and every server sees the same ones). Saving or deleting any
record of an lscp model, or linking two, replaces its partnership's token once the
transaction commits, so the next view builds afresh. Until the commit, the connection that
made the change sees a key of its own, so it reads its own writes and nobody else reads them
early. Writes that bypass signals (`QuerySet.update`) call `changed()` themselves: see
`locking.claim` and the catalogue. A record whose partnership cannot be told counts as a
change for every partnership. Decision 0010.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import secrets
import threading
from collections import OrderedDict, deque
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

import django
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

import lscp
from lscp.partnership.models import Partnership

T = TypeVar("T")
EVERY = "every"  # the token of records that every partnership reads
PACKAGE = Path(lscp.__file__).resolve().parent


class _Uncommitted(threading.local):
    """This thread's changes not yet committed: partnerships to publish, and the key part
    that lets this connection (and only it) see its own writes meanwhile."""

    def __init__(self) -> None:
        self.pending: set[int | None] = set()
        self.nonces: dict[int | None, str] = {}


_uncommitted = _Uncommitted()


def _token() -> str:
    return secrets.token_hex(8)


def _token_key(partnership_id: int | None) -> str:
    """Sorts after every page's key: a full cache drops the lowest keys first, so pages go
    before the tokens they were keyed by."""
    return f"lscp:version:{EVERY if partnership_id is None else partnership_id}"


def changed(partnership_id: int | None) -> None:
    """Records of `partnership_id` changed (None: records every partnership reads). Published
    after the commit: a token replaced earlier could be read, with the old rows, by a view
    that would then keep the old page under the new token."""
    _uncommitted.nonces[partnership_id] = _token()
    _uncommitted.pending.add(partnership_id)
    transaction.on_commit(_publish)


def record_changed(record: models.Model) -> None:
    changed(partnership_id_of(record))


def _publish() -> None:
    pending, _uncommitted.pending = _uncommitted.pending, set()
    _uncommitted.nonces.clear()
    if pending:
        cache.set_many({_token_key(p): _token() for p in pending}, timeout=None)


def version(partnership_id: int) -> str:
    """The tokens of the partnership and of the shared records, as this connection sees them.
    A missing token (a new database, or the cache culled it) is made anew: a new token can
    only miss, never serve a page built from other records."""
    keys = [_token_key(None), _token_key(partnership_id)]
    tokens = cache.get_many(keys)
    for key in keys:
        if key not in tokens:
            tokens[key] = cache.get_or_set(key, _token, timeout=None)
    return ".".join([tokens[k] for k in keys] + _own_writes(partnership_id))


def _own_writes(partnership_id: int) -> list[str]:
    """Outside a transaction nothing is uncommitted: what a rolled-back one left is dropped."""
    if not transaction.get_connection().in_atomic_block:
        _uncommitted.nonces.clear()
        _uncommitted.pending.clear()
        return []
    return [n for p, n in _uncommitted.nonces.items() if p in (None, partnership_id)]


@functools.cache
def path_to_partnership(model: type[models.Model]) -> tuple[Any, ...] | None:
    """The shortest chain of foreign keys from `model` to Partnership (found once per model);
    None when there is none, as for the indicator catalogue."""
    queue: deque[tuple[type[models.Model], tuple[Any, ...]]] = deque([(model, ())])
    seen = {model}
    while queue:
        current, path = queue.popleft()
        for field in current._meta.get_fields():
            if not (field.concrete and (field.many_to_one or field.one_to_one)):
                continue
            target = field.related_model
            if target is Partnership:
                return (*path, field)
            if isinstance(target, type) and target not in seen:
                seen.add(target)
                queue.append((target, (*path, field)))
    return None


def partnership_id_of(record: models.Model) -> int | None:
    """Whose record this is, following related objects already loaded and asking the
    database once for the rest; None when it cannot be told (then every page rebuilds)."""
    if isinstance(record, Partnership):
        return record.pk
    path = path_to_partnership(type(record)) or ()
    current: Any = record
    for depth, field in enumerate(path):
        if depth == len(path) - 1:
            return getattr(current, field.attname)
        if not field.is_cached(current):
            rest = "__".join(f.name for f in path[depth + 1:])
            return (field.related_model._base_manager.filter(pk=getattr(current, field.attname))
                    .values_list(rest, flat=True).first())
        current = field.get_cached_value(current)
        if current is None:
            return None
    return None


@functools.cache
def code_version() -> str:
    """Every file of the package (code, templates, catalogue) and Django's version (cached
    records are pickled models), read once per process: a deployment restarts it, and must
    not serve content built by the code it replaced."""
    digest = hashlib.sha256(f"{lscp.__version__}\0{django.get_version()}".encode())
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(PACKAGE)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def _today() -> str:
    """The day is part of every key: pages count statutory clocks against it (LSCP_TODAY pins
    it, as `partnership.http.today` does; that module imports this one, so it is not used)."""
    return getattr(settings, "LSCP_TODAY", "") or dt.date.today().isoformat()


def key(partnership_id: int, name: str, *parts: object) -> str:
    """Named and numbered for whoever reads the cache table; the rest hashed to a fixed length."""
    described = "\0".join([name, *map(str, parts), _today(), version(partnership_id),
                           code_version()])
    return f"lscp:page:{name}:{partnership_id}:{hashlib.sha256(described.encode()).hexdigest()}"


def cached(partnership_id: int, name: str, *parts: object, build: Callable[[], T]) -> T:
    """What `build` makes for this partnership and these parts (year, edition...), built once
    per version of its records, of the code and of the day, and shared by every worker. The
    key is read before building, so a page built from rows older than the key is never kept
    under a newer one."""
    where = key(partnership_id, name, *parts)
    kept = _laid_out.get(where)
    if kept is not None:
        return cast(T, kept)
    found: Any = cache.get(where, _MISSING)
    if found is _MISSING:
        found = build()
        cache.set(where, found)
    if isinstance(found, str):
        _laid_out.keep(where, found)
    return cast(T, found)


_MISSING = object()


class _LaidOut:
    """Laid-out HTML this process has read, by key, up to a number of characters, least
    recently used going first. A key names its version, so a kept page is never stale; only
    strings are kept, since a shared object a view changed would change for every view.
    Reading the report's 1 MB of HTML back from the cache table (decode, unpickle) cost more
    than the rest of its page view."""

    def __init__(self, limit: int) -> None:
        self.limit, self.size = limit, 0
        self.pages: OrderedDict[str, str] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, where: str) -> str | None:
        with self.lock:
            found = self.pages.get(where)
            if found is not None:
                self.pages.move_to_end(where)
            return found

    def keep(self, where: str, html: str) -> None:
        with self.lock:
            if where in self.pages or len(html) > self.limit:
                return
            self.pages[where] = html
            self.size += len(html)
            while self.size > self.limit:
                self.size -= len(self.pages.popitem(last=False)[1])


_laid_out = _LaidOut(limit=32_000_000)


def _saved_or_deleted(sender: type[models.Model], instance: models.Model, **_: Any) -> None:
    record_changed(instance)


def _linked(sender: type[models.Model], instance: models.Model, action: str, **_: Any) -> None:
    if action.startswith("post_"):
        record_changed(instance)


def shown_on_pages(model: type[models.Model]) -> bool:
    """Every lscp model's records feed some page, except the audit trail's: its events (a
    sign-in, a download) and the history rows django-simple-history writes beside each
    change, which changes the version itself. Counting them would throw every cached page
    away at each sign-in or download. A model may say `changes_no_page = True` (a public
    reader's feedback on the report, which anyone may post)."""
    return (model.__module__.startswith("lscp.") and model._meta.app_label != "audit"
            and not hasattr(model, "instance_type")  # a history row's model
            and not getattr(model, "changes_no_page", False))


def connect() -> None:
    """Every model whose records pages show, every way Django reports a change to one;
    called from PartnershipConfig.ready()."""
    for model in apps.get_models():
        if not shown_on_pages(model):
            continue
        for signal in (post_save, post_delete):
            signal.connect(_saved_or_deleted, sender=model, dispatch_uid=f"version:{model}")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(_linked, sender=field.remote_field.through,
                                dispatch_uid=f"version:{model}.{field.name}")
    post_migrate.connect(_create_cache_table, sender=apps.get_app_config("partnership"),
                         dispatch_uid="version:cache-table")


def _create_cache_table(using: str = "default", **_: Any) -> None:
    """`migrate` makes the cache's table too, on a fresh clone as on an upgrade (it is not a
    model, so no migration makes it); it does nothing when the table is there."""
    call_command("createcachetable", database=using, verbosity=0)
