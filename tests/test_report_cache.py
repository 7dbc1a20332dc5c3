"""Downloads render a format once per content: a changed record means a fresh file."""

from __future__ import annotations

from pathlib import Path

import pytest

from lscp.partnership.models import BudgetLine
from lscp.reports import cache, render

pytestmark = pytest.mark.django_db

URL = "/reports/yearly/2020-21/download.html"


@pytest.fixture
def renders(monkeypatch) -> list[str]:  # type: ignore[no-untyped-def]
    """Counts calls to the HTML renderer, which stands in for the slow PDF one."""
    calls: list[str] = []
    content_type, real = render.RENDERERS["html"]

    def counting(document):  # type: ignore[no-untyped-def]
        calls.append(document.slug)
        return real(document)

    monkeypatch.setitem(render.RENDERERS, "html", (content_type, counting))
    return calls


def test_the_same_report_is_rendered_once_and_served_again(manager, renders) -> None:  # type: ignore[no-untyped-def]
    first = manager.get(URL)
    second = manager.get(URL)
    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    assert len(renders) == 1


def _training_income(pence: int) -> None:
    """Saved through the ORM, as the app saves it: the save replaces the data version, which
    is what tells a download that its cached tree is out of date (decision 0010)."""
    for line in BudgetLine.objects.filter(line="Training income"):
        line.amount_pence = pence
        line.save()


def test_a_changed_record_renders_a_new_file(manager, renders) -> None:  # type: ignore[no-untyped-def]
    before = manager.get(URL).content
    _training_income(100)
    after = manager.get(URL).content
    assert len(renders) == 2
    assert before != after
    assert "£193,776".encode() in after


def test_the_public_edition_is_a_file_of_its_own(manager, renders) -> None:  # type: ignore[no-untyped-def]
    internal = manager.get(URL).content
    public = manager.get(URL + "?edition=public").content
    assert len(renders) == 2
    assert internal != public


def test_old_files_are_removed_beyond_the_limit(monkeypatch, settings, manager, renders) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(cache, "KEEP", 2)
    for pence in (100, 200, 300, 400):
        _training_income(pence)
        manager.get(URL)
    folder: Path = settings.REPORT_OUTPUT_DIR / "cache"
    assert len(renders) == 4
    assert len(list(folder.glob("*.html"))) == 2
