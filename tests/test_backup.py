"""`lscp backup` and `lscp restore`: the whole database, every table equal after a round trip,
on SQLite and PostgreSQL and from one to the other; refused unless the database is empty
(or --replace); all or nothing; the file readable by its owner only (decision 0013)."""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.core.management import CommandError, call_command
from django.db import connection, models
from django.test import Client

from lscp.demo.setup import DEMO_PASSWORD
from lscp.partnership import models as m
from lscp.partnership.backup import tables
from lscp.partnership.backup.archive import BackupError, Manifest, write_backup
from lscp.partnership.backup.restore import RestoreRefused, occupied, restore_backup
from tests.test_bundle_round_trip import make_busy

ROOT = Path(__file__).resolve().parent.parent
transactional = pytest.mark.django_db(transaction=True)


def every_table(sessions: bool = False) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, every column, in id order."""
    return {model._meta.db_table: [tuple(_plain(v) for v in row) for row in _rows(model)]
            for model in tables.all_models(sessions)}


def _rows(model: type[models.Model]) -> Any:
    fields = [f.attname for f in tables.columns(model)]
    return model._base_manager.order_by("pk").values_list(*fields)


def _plain(value: Any) -> Any:
    return bytes(value) if isinstance(value, memoryview) else value


def make_busier(demo: m.Partnership) -> None:
    """The busy demo, with a sign-in lockout and a signed-in session besides."""
    make_busy(demo)
    AccessAttempt.objects.create(username="police", ip_address="192.0.2.7", user_agent="test",
                                 http_accept="*/*", path_info="/accounts/login/", get_data="",
                                 post_data="username=police", failures_since_start=10)
    AccessFailureLog.objects.create(username="police", ip_address="192.0.2.7",
                                    user_agent="test", http_accept="*/*",
                                    path_info="/accounts/login/", locked_out=True)
    assert Client().login(username="chair", password=DEMO_PASSWORD)


@pytest.fixture
def busier(demo: m.Partnership) -> m.Partnership:
    make_busier(demo)
    return demo


def empty_database() -> None:
    """As `lscp migrate` leaves a new database: no rows but content types and permissions."""
    call_command("flush", interactive=False, verbosity=0)
    assert occupied() == []


@transactional
def test_a_backup_restored_into_an_empty_database_gives_back_every_table(
        busier: m.Partnership, tmp_path: Path) -> None:
    before = every_table()
    assert all(before[t] for t in ("axes_accessattempt", "dataset_returnload",
                                   "dataset_submissionevent", "dataset_valuechange",
                                   "assurance_challenge", "partnership_membership"))
    manifest = write_backup(tmp_path / "backup.zip", chunk=7)  # many chunks, even here
    assert {t.table: t.rows for t in manifest.tables} == {t: len(r) for t, r in before.items()}

    empty_database()
    restore_backup(tmp_path / "backup.zip", chunk=5)
    assert every_table() == before
    assert m.Partnership.objects.get().pseudonym_key == busier.pseudonym_key
    assert Client().login(username="police", password=DEMO_PASSWORD)  # password hashes kept


@transactional
def test_new_rows_after_a_restore_take_new_ids(busier: m.Partnership, tmp_path: Path) -> None:
    write_backup(tmp_path / "backup.zip")
    highest = m.Agency.objects.order_by("-pk").values_list("pk", flat=True).first()
    empty_database()
    restore_backup(tmp_path / "backup.zip")
    agency = m.Agency.objects.create(partnership=m.Partnership.objects.get(), code="new",
                                     name="New agency", sector="other")
    assert highest is not None and agency.pk > highest


@transactional
def test_a_database_that_is_not_empty_is_refused_unless_replace(
        busier: m.Partnership, tmp_path: Path) -> None:
    write_backup(tmp_path / "backup.zip")
    busier.agencies.filter(code="met-police").update(name="Changed since the backup")
    before = every_table()
    with pytest.raises(RestoreRefused, match=r"the database is not empty \(auth.User, .*pass "
                                             r"--replace"):
        restore_backup(tmp_path / "backup.zip")
    assert every_table() == before

    restore_backup(tmp_path / "backup.zip", replace=True)
    assert m.Agency.objects.get(code="met-police").name != "Changed since the backup"


@pytest.mark.django_db
def test_the_commands_say_what_they_did_and_refuse_in_plain_words(
        busier: m.Partnership, tmp_path: Path) -> None:
    out = io.StringIO()
    call_command("backup", str(tmp_path / "backup.zip"), stdout=out)
    assert "tables to" in out.getvalue() and "password hashes" in out.getvalue()
    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", str(tmp_path / "backup.zip"), stdout=out)
    with pytest.raises(CommandError, match="not empty.*--replace.*nothing was restored"):
        call_command("restore", str(tmp_path / "backup.zip"), stdout=out)


@pytest.mark.django_db
def test_the_backup_file_is_readable_by_its_owner_only(demo: m.Partnership,
                                                       tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        write_backup(tmp_path / "backup.zip")
    finally:
        os.umask(old)
    assert (tmp_path / "backup.zip").stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["backup.zip"]  # no partial file left


@pytest.mark.django_db
def test_sign_in_sessions_are_left_out_unless_asked_for(busier: m.Partnership,
                                                        tmp_path: Path) -> None:
    without = write_backup(tmp_path / "a.zip")
    with_them = write_backup(tmp_path / "b.zip", sessions=True)
    assert "django_session" not in {t.table for t in without.tables}
    assert {t.table: t.rows for t in with_them.tables}["django_session"] == 1


@pytest.mark.django_db
def test_a_table_no_model_describes_is_refused_not_left_out(demo: m.Partnership,
                                                            tmp_path: Path) -> None:
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE stray_notes (id integer PRIMARY KEY, note text)")
    with pytest.raises(BackupError, match="stray_notes"):
        write_backup(tmp_path / "backup.zip")
    assert not (tmp_path / "backup.zip").exists()


def rewrite(path: Path, member: str, change: Any, *, fix_checksums: bool = True,
            manifest_change: Any = None) -> None:
    """A copy of the backup with one member changed, its manifest made to agree (or not)."""
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    manifest = Manifest.from_json(members["manifest.json"].decode())
    if member:
        members[member] = change(members[member])
    if fix_checksums:
        for entry in manifest.tables:
            data = members[entry.member]
            entry.rows, entry.sha256 = data.count(b"\n"), hashlib.sha256(data).hexdigest()
        manifest.checksum = manifest.summed()
    if manifest_change:
        manifest_change(manifest)
    members["manifest.json"] = manifest.to_json().encode()
    path.unlink()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)


@pytest.mark.django_db
def test_a_damaged_backup_is_refused_before_anything_changes(busier: m.Partnership,
                                                             tmp_path: Path) -> None:
    path = tmp_path / "backup.zip"
    write_backup(path)
    rewrite(path, "tables/partnership.agency.jsonl", lambda b: b.replace(b"Police", b"Polise"),
            fix_checksums=False)
    before = every_table()
    with pytest.raises(BackupError, match="tables/partnership.agency.jsonl: .*the file is "
                                          "damaged or was changed"):
        restore_backup(path, replace=True)
    assert every_table() == before


@pytest.mark.django_db
def test_other_migrations_are_refused(busier: m.Partnership, tmp_path: Path) -> None:
    path = tmp_path / "backup.zip"
    write_backup(path)
    rewrite(path, "", None, manifest_change=lambda mf: mf.migrations.append(
        ["dataset", "9999_from_the_future"]))
    with pytest.raises(RestoreRefused, match="not applied here: dataset.9999_from_the_future"):
        restore_backup(path, replace=True)


@transactional
@pytest.mark.parametrize(("member", "column", "value", "message"), [
    ("tables/dataset.valuechange.jsonl", "changed_at", "yesterday",
     r"tables/dataset.valuechange.jsonl: row \d+: changed_at: .*yesterday"),
    ("tables/dataset.valuechange.jsonl", "value_id", 999_999,
     r"the restored rows do not fit together"),
])
def test_a_bad_row_undoes_the_whole_restore_and_is_named(
        busier: m.Partnership, tmp_path: Path, member: str, column: str, value: Any,
        message: str) -> None:
    path = tmp_path / "backup.zip"
    manifest = write_backup(path)
    columns = next(t.columns for t in manifest.tables if t.member == member)

    def change(data: bytes) -> bytes:
        lines = data.decode().splitlines()
        row = json.loads(lines[-1])
        row[columns.index(column)] = value
        lines[-1] = json.dumps(row)
        return ("\n".join(lines) + "\n").encode()

    rewrite(path, member, change)
    empty_database()
    with pytest.raises(BackupError, match=message):
        restore_backup(path)
    assert occupied() == []


def _lscp(database: Path, *args: str) -> str:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "lscp.settings.test",
           "DATABASE_URL": f"sqlite:///{database}", "LSCP_VAR_DIR": str(database.parent)}
    done = subprocess.run([sys.executable, "-m", "lscp.cli", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return done.stdout


def decoded(path: Path) -> dict[str, list[dict[str, Any]]]:
    """A backup's rows by table and column, JSON as values: what both engines must agree on."""
    with zipfile.ZipFile(path) as archive:
        manifest = Manifest.from_json(archive.read("manifest.json").decode())
        return {t.table: [dict(zip(t.columns, json.loads(line), strict=True))
                          for line in archive.read(t.member).splitlines()]
                for t in manifest.tables}


@transactional
def test_a_backup_moves_between_databases_and_engines(busier: m.Partnership,
                                                      tmp_path: Path) -> None:
    """From this test's database to a new SQLite one through the commands, and back: under
    DATABASE_URL=postgres://... that is PostgreSQL to SQLite and SQLite to PostgreSQL."""
    here, there, back = tmp_path / "here.zip", tmp_path / "there.zip", tmp_path / "back.zip"
    write_backup(here)
    other = tmp_path / "other" / "lscp.sqlite3"
    other.parent.mkdir()
    _lscp(other, "migrate", "--verbosity", "0")
    assert "Restored" in _lscp(other, "restore", str(here))
    _lscp(other, "backup", str(there))
    assert decoded(there) == decoded(here)

    empty_database()
    restore_backup(there)
    write_backup(back)
    assert decoded(back) == decoded(here)
