"""The backup file: a zip of one JSON-lines member per table and a manifest.

`manifest.json` names the format, the app's version, the database it came from, the
migrations applied, and each table's columns, row count and SHA-256; `checksum` is the
SHA-256 of those. Rows are read in chunks and written as they come, so a big database
never needs to fit in memory. The file holds password hashes and the partnerships'
pseudonym keys: it is created with mode 0600 and appears under its name only once whole.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import json
import os
import zipfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any

from django.db import connections, models, transaction
from django.db.migrations.recorder import MigrationRecorder

import lscp
from lscp.partnership.backup import files, tables

FORMAT = "lscp-backup"
VERSION = 1
MANIFEST = "manifest.json"
CHUNK = 2000  # rows read from the database, or written to it, at a time


class BackupError(Exception):
    """A backup that cannot be written or read; the message says why, for the user."""


@dataclass
class Table:
    model: str  # app_label.model_name
    table: str
    columns: list[str]
    rows: int = 0
    sha256: str = ""

    @property
    def member(self) -> str:
        return f"tables/{self.model}.jsonl"


@dataclass
class Manifest:
    app_version: str
    engine: str
    created: str
    sessions: bool
    migrations: list[list[str]]
    tables: list[Table] = field(default_factory=list)
    files: list[files.File] = field(default_factory=list)  # attachments (backup/files.py)
    format: str = FORMAT
    version: int = VERSION
    checksum: str = ""

    def summed(self) -> str:
        lines = "".join(f"{t.model} {t.rows} {t.sha256}\n" for t in self.tables)
        lines += "".join(f"{f.member} {f.size} {f.sha256}\n" for f in self.files)
        return hashlib.sha256(lines.encode()).hexdigest()

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=1)

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        data = json.loads(text)
        if data.get("format") != FORMAT or data.get("version") != VERSION:
            raise BackupError(f"not an {FORMAT} version {VERSION} file "
                              f"(format {data.get('format')!r}, version {data.get('version')!r})")
        data["tables"] = [Table(**t) for t in data["tables"]]
        data["files"] = [files.File(**f) for f in data.get("files", [])]
        return cls(**data)


def applied_migrations(using: str = "default") -> list[list[str]]:
    recorder = MigrationRecorder(connections[using])
    return sorted([app, name] for app, name in recorder.applied_migrations())


def write_backup(path: Path, *, sessions: bool = False, using: str = "default",
                 chunk: int = CHUNK) -> Manifest:
    """Every table to `path` (which must not exist), read in one consistent snapshot."""
    if path.exists():
        raise BackupError(f"{path} already exists: back up to a new file")
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        with _private_file(partial) as handle, zipfile.ZipFile(
                handle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            manifest = _write_tables(archive, sessions, using, chunk)
            # After the rows: a file is written before its row, so every row has its file.
            manifest.files = files.write_files(archive)
            manifest.checksum = manifest.summed()
            archive.writestr(MANIFEST, manifest.to_json())
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return manifest


@contextlib.contextmanager
def _private_file(path: Path) -> Iterator[IO[bytes]]:
    """Readable by its owner only, from the moment it exists (umask can only narrow it)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.fchmod(descriptor, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        yield handle


def _write_tables(archive: zipfile.ZipFile, sessions: bool, using: str,
                  chunk: int) -> Manifest:
    connection = connections[using]
    with _snapshot(using):
        unknown = tables.unknown_tables(connection.introspection.table_names())
        if unknown:
            raise BackupError("tables no installed model describes would be left out: "
                              + ", ".join(unknown))
        manifest = Manifest(app_version=lscp.__version__, engine=connection.vendor,
                            created=dt.datetime.now(dt.UTC).isoformat(), sessions=sessions,
                            migrations=applied_migrations(using))
        for model in tables.all_models(sessions):
            manifest.tables.append(_write_table(archive, model, using, chunk))
    manifest.checksum = manifest.summed()
    return manifest


@contextlib.contextmanager
def _snapshot(using: str) -> Iterator[None]:
    """One transaction, so every table is read as it stood at one moment; PostgreSQL needs
    REPEATABLE READ for that (SQLite's transaction is a snapshot already)."""
    connection = connections[using]
    outermost = not connection.in_atomic_block
    with transaction.atomic(using):
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        yield


def _write_table(archive: zipfile.ZipFile, model: type[models.Model], using: str,
                 chunk: int) -> Table:
    fields = tables.columns(model)
    entry = Table(model=model._meta.label_lower, table=model._meta.db_table,
                  columns=tables.column_names(model))
    digest = hashlib.sha256()
    rows = model._base_manager.using(using).order_by("pk").values_list(
        *[f.attname for f in fields])
    with archive.open(entry.member, "w", force_zip64=True) as out:
        for row in rows.iterator(chunk_size=chunk):
            cells = [tables.encode(f, v) for f, v in zip(fields, row, strict=True)]
            line = json.dumps(cells, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"
            out.write(line)
            digest.update(line)
            entry.rows += 1
    entry.sha256 = digest.hexdigest()
    return entry


def read_manifest(archive: zipfile.ZipFile) -> Manifest:
    try:
        return Manifest.from_json(archive.read(MANIFEST).decode("utf-8"))
    except KeyError:
        raise BackupError(f"no {MANIFEST}: not an LSCP Insight backup") from None
    except (ValueError, TypeError) as exc:
        raise BackupError(f"{MANIFEST} cannot be read: {exc}") from None


def verify(archive: zipfile.ZipFile, manifest: Manifest) -> None:
    """Every table's rows and SHA-256 as the manifest says, before anything is written."""
    if manifest.summed() != manifest.checksum:
        raise BackupError(f"{MANIFEST}: its checksum does not match its tables")
    for entry in manifest.tables:
        digest, rows = hashlib.sha256(), 0
        try:
            with archive.open(entry.member) as member:
                for line in member:
                    digest.update(line)
                    rows += 1
        except (KeyError, zipfile.BadZipFile, OSError) as exc:
            raise BackupError(f"{entry.member}: cannot be read ({exc})") from None
        if rows != entry.rows or digest.hexdigest() != entry.sha256:
            raise BackupError(f"{entry.member}: {rows} rows and SHA-256 {digest.hexdigest()}, "
                              f"but the manifest says {entry.rows} rows and {entry.sha256}: "
                              "the file is damaged or was changed")
    damaged = files.problems(archive, manifest.files)
    if damaged:
        raise BackupError("; ".join(damaged[:5]) + ": the file is damaged or was changed")


def rows_of(archive: zipfile.ZipFile, entry: Table) -> Iterator[tuple[int, list[Any]]]:
    """(row number from 1, cells), one at a time."""
    with archive.open(entry.member) as member:
        for number, line in enumerate(io.TextIOWrapper(member, encoding="utf-8"), start=1):
            yield number, json.loads(line)
