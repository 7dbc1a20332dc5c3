"""Put a backup into a database: checked whole first, then written in one transaction.

The file is checked against its manifest, the database's migrations against the backup's,
and every table's columns against the models', before anything is written. Then, in one
transaction: every table is emptied (content types and permissions too, since rows refer to
them by id), every row is inserted with its own id, sequences are moved past the ids, and
foreign keys are checked. Any failure undoes it all. Rows go in as raw INSERTs: no model
signal fires, so nothing is added to a history table, a data version or a clock.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.management.color import no_style
from django.db import DatabaseError, connections, models, transaction

from lscp.partnership.backup import tables
from lscp.partnership.backup.archive import (
    CHUNK,
    BackupError,
    Manifest,
    Table,
    applied_migrations,
    read_manifest,
    rows_of,
    verify,
)
from lscp.partnership.backup.files import Staged


class RestoreRefused(BackupError):
    """The database is not one this backup may go into (not empty, other migrations)."""


def restore_backup(path: Path, *, replace: bool = False, using: str = "default",
                   chunk: int = CHUNK) -> Manifest:
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise BackupError(f"{path}: cannot be read as a backup ({exc})") from None
    with archive:
        manifest = read_manifest(archive)
        verify(archive, manifest)
        check_migrations(manifest, using)
        targets = matching_models(manifest)
        staged = Staged(archive, manifest.files)  # the files, beside their folders
        try:
            with transaction.atomic(using):
                if not replace:
                    refuse_unless_empty(using)
                _empty_every_table(using)
                for entry in manifest.tables:
                    _insert(archive, entry, targets[entry.model], using, chunk)
                _after_inserts(list(targets.values()), using)
        except BaseException:
            staged.discard()
            raise
        staged.commit()
    ContentType.objects.clear_cache()
    return manifest


def check_migrations(manifest: Manifest, using: str) -> None:
    """Rows fit only the tables they came from: the same migrations must be applied."""
    theirs = {tuple(m) for m in manifest.migrations}
    ours = {tuple(m) for m in applied_migrations(using)}
    if theirs == ours:
        return
    missing = sorted(".".join(m) for m in theirs - ours)
    extra = sorted(".".join(m) for m in ours - theirs)
    said = []
    if missing:
        said.append("not applied here: " + ", ".join(missing[:5]) + (" ..." if len(missing) > 5 else ""))
    if extra:
        said.append("applied here but not in the backup: " + ", ".join(extra[:5])
                    + (" ..." if len(extra) > 5 else ""))
    raise RestoreRefused("the database's migrations differ from the backup's ("
                         + "; ".join(said) + "): migrate it to the backup's version "
                         f"({manifest.app_version}) first")


def matching_models(manifest: Manifest) -> dict[str, type[models.Model]]:
    """The model of each table in the backup, with the same columns."""
    here = {m._meta.label_lower: m for m in tables.all_models(sessions=manifest.sessions)}
    found = {}
    for entry in manifest.tables:
        model = here.pop(entry.model, None)
        if model is None:
            raise RestoreRefused(f"{entry.model}: no such table here")
        columns = tables.column_names(model)
        if sorted(columns) != sorted(entry.columns):
            raise RestoreRefused(f"{entry.model}: the backup has columns {', '.join(entry.columns)}"
                                 f"; here it has {', '.join(columns)}")
        found[entry.model] = model
    if here:
        raise RestoreRefused("tables here that the backup does not have: " + ", ".join(here))
    return found


def occupied(using: str = "default") -> list[str]:
    """Tables holding rows, besides what `migrate` makes and sign-in sessions."""
    return [m._meta.label for m in tables.all_models(sessions=False)
            if m._meta.label_lower not in tables.MADE_BY_MIGRATE
            and m._base_manager.using(using).exists()]


def refuse_unless_empty(using: str) -> None:
    found = occupied(using)
    if found:
        raise RestoreRefused(
            "the database is not empty (" + ", ".join(found[:5]) + (" ..." if len(found) > 5
                                                                     else "")
            + " have rows): restore into an empty database, or pass --replace to delete "
              "everything in this one first")


def _empty_every_table(using: str) -> None:
    connection = connections[using]
    if connection.vendor == "postgresql":
        connection.check_constraints()  # TRUNCATE refuses tables with checks still pending
    names = [m._meta.db_table for m in tables.all_models(sessions=True)]
    with connection.cursor() as cursor:
        for sql in connection.ops.sql_flush(no_style(), names):
            cursor.execute(sql)


def _insert(archive: zipfile.ZipFile, entry: Table, model: type[models.Model], using: str,
            chunk: int) -> None:
    connection = connections[using]
    by_column = {str(f.column): f for f in tables.columns(model)}
    fields = [by_column[c] for c in entry.columns]
    quote = connection.ops.quote_name
    sql = (f"INSERT INTO {quote(entry.table)} ({', '.join(quote(c) for c in entry.columns)}) "
           f"VALUES ({', '.join(['%s'] * len(fields))})")
    with connection.cursor() as cursor:
        for batch in _batches(rows_of(archive, entry), chunk):
            params = [_prepared(entry, fields, number, cells, connection)
                      for number, cells in batch]
            try:
                cursor.executemany(sql, params)
            except DatabaseError as exc:
                raise BackupError(f"{entry.member}: rows {batch[0][0]} to {batch[-1][0]}: "
                                  f"{exc}") from exc


def _prepared(entry: Table, fields: list[Any], number: int, cells: list[Any],
              connection: Any) -> list[Any]:
    """One row as the database takes it; a value that cannot be is named by row and column."""
    if len(cells) != len(fields):
        raise BackupError(f"{entry.member}: row {number}: {len(cells)} values for "
                          f"{len(fields)} columns")
    prepared = []
    for field, cell in zip(fields, cells, strict=True):
        try:
            prepared.append(field.get_db_prep_save(tables.decode(field, cell), connection))
        except (ValidationError, ValueError, TypeError) as exc:
            raise BackupError(f"{entry.member}: row {number}: {field.column}: {exc}") from None
    return prepared


def _batches(rows: Iterator[tuple[int, list[Any]]],
             size: int) -> Iterator[list[tuple[int, list[Any]]]]:
    while batch := list(islice(rows, size)):
        yield batch


def _after_inserts(restored: list[type[models.Model]], using: str) -> None:
    """New rows take ids after the restored ones; every foreign key points at a row; no page
    built from the database before is served from the cache."""
    connection = connections[using]
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), restored):
            cursor.execute(sql)
    try:
        connection.check_constraints()
    except DatabaseError as exc:
        raise BackupError(f"the restored rows do not fit together: {exc}") from exc
    cache.clear()
