"""Shared fixtures: the demo partnership and one signed-in client per role."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.test import Client

from lscp.demo.setup import DEMO_BUNDLE, DEMO_PASSWORD, add_training, create_demo_users
from lscp.partnership import versioning
from lscp.partnership.bundle.importer import import_bundle_folder
from lscp.partnership.models import Partnership


@pytest.fixture(autouse=True)
def _report_files_in_tmp(settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Rendered reports (and their cache) go to the test's own folder, never to var/."""
    settings.REPORT_OUTPUT_DIR = tmp_path / "reports"
    settings.LSCP_ATTACHMENT_DIR = tmp_path / "attachments"  # and attachments, likewise


_ALWAYS_THERE = {"contenttypes.ContentType", "auth.Permission"}  # written by migrate


def _every_model() -> list[type[models.Model]]:
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.label not in _ALWAYS_THERE and model._meta.managed
    ]


@pytest.fixture(scope="session")
def _demo_rows(django_db_setup, django_db_blocker) -> dict[type[models.Model], list[dict]]:  # type: ignore[no-untyped-def]
    """The demo imported once, through the real importer, and kept as rows.

    Importing it takes 1.5 s (it writes a thousand history rows); copying its rows back
    takes a tenth of that. The import runs inside a transaction that is rolled back, so the
    database stays empty for tests that start from nothing."""
    with django_db_blocker.unblock(), transaction.atomic():
        result = import_bundle_folder(DEMO_BUNDLE)
        assert result.ok, result.problems
        assert result.partnership is not None
        create_demo_users(result.partnership)
        add_training(result.partnership)  # as `lscp demo load` does
        rows = {model: list(model._base_manager.values()) for model in _every_model()}
        transaction.set_rollback(True)
    return {model: found for model, found in rows.items() if found}


_PREPARED: dict[str, list[tuple[str, list[tuple[Any, ...]]]]] = {}


def _inserts(rows: dict[type[models.Model], list[dict]]) -> list[tuple[str, list[tuple[Any, ...]]]]:
    """The demo's rows as plain INSERTs with values already in the database's form, prepared
    once per engine: building 17,000 model instances for every test cost 1.5 s a test."""
    if connection.vendor not in _PREPARED:
        quote = connection.ops.quote_name
        prepared = []
        for model, found in rows.items():
            fields = model._meta.concrete_fields
            sql = (f"INSERT INTO {quote(model._meta.db_table)} "
                   f"({', '.join(quote(f.column) for f in fields)}) "
                   f"VALUES ({', '.join(['%s'] * len(fields))})")
            params = [tuple(f.get_db_prep_save(row[f.attname], connection) for f in fields)
                      for row in found]
            prepared.append((sql, params))
        _PREPARED[connection.vendor] = prepared
    return _PREPARED[connection.vendor]


@pytest.fixture
def demo(db, _demo_rows) -> Partnership:  # type: ignore[no-untyped-def]
    """The demo partnership, as `lscp demo load` leaves it (without the rendered report)."""
    with transaction.atomic():  # foreign keys are checked at the commit
        with connection.cursor() as cursor:
            for sql, params in _inserts(_demo_rows):
                cursor.executemany(sql, params)
            for statement in connection.ops.sequence_reset_sql(no_style(), list(_demo_rows)):
                cursor.execute(statement)
        partnership = Partnership.objects.get()
        versioning.changed(partnership.pk)
        versioning.changed(None)
    return partnership


@pytest.fixture
def bundle_copy(tmp_path: Path) -> Path:
    """A writable copy of the demo bundle, for tests that break it on purpose."""
    target = tmp_path / "bundle"
    shutil.copytree(DEMO_BUNDLE, target)
    return target


def _client(username: str) -> Client:
    client = Client()
    assert client.login(username=username, password=DEMO_PASSWORD)
    return client


@pytest.fixture
def manager(demo) -> Client:  # type: ignore[no-untyped-def]
    return _client("manager")


@pytest.fixture
def chair(demo) -> Client:  # type: ignore[no-untyped-def]
    return _client("chair")


@pytest.fixture
def contributor(demo) -> Client:  # type: ignore[no-untyped-def]
    return _client("police")


@pytest.fixture
def board_member(demo) -> Client:  # type: ignore[no-untyped-def]
    return _client("board")


@pytest.fixture
def committing(django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    """Call a service as a request does: what it left for after the commit (an email, say)
    runs when it returns. A test's own transaction never commits, so without this nothing
    queued with `transaction.on_commit` would ever run."""

    def call(service, /, *args, **kwargs):  # type: ignore[no-untyped-def]
        with django_capture_on_commit_callbacks(execute=True):
            return service(*args, **kwargs)

    return call
