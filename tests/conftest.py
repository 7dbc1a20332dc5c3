"""Shared fixtures: the demo partnership and one signed-in client per role."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.test import Client

from lscp.demo.setup import DEMO_BUNDLE, DEMO_PASSWORD, create_demo_users
from lscp.partnership.bundle.importer import import_bundle_folder
from lscp.partnership.models import Partnership


@pytest.fixture(autouse=True)
def _report_files_in_tmp(settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Rendered reports (and their cache) go to the test's own folder, never to var/."""
    settings.REPORT_OUTPUT_DIR = tmp_path / "reports"


@pytest.fixture
def demo(db) -> Partnership:  # type: ignore[no-untyped-def]
    result = import_bundle_folder(DEMO_BUNDLE)
    assert result.ok, result.problems
    assert result.partnership is not None
    create_demo_users(result.partnership)
    return result.partnership


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
