"""The partnership's own words travel in the bundle: exported, then imported into an empty
database, every record and its workflow history comes back; importing the export again
changes nothing; a broken row is refused by file, row and column."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from lscp.contributions import models as c
from lscp.contributions import services
from lscp.dataset.models import Indicator
from lscp.partnership.bundle.exporter import export_bundle
from lscp.partnership.bundle.importer import import_bundle_folder
from lscp.partnership.models import Partnership

pytestmark = pytest.mark.django_db
MODELS = (c.Statement, c.StatementEvent, c.Call, c.Contribution, c.ContributionEvent, c.Voice,
          c.CaseStory, c.CaseStoryEvent, c.ConcernContact)


def described() -> dict[str, list[tuple[Any, ...]]]:
    """Each record by what a bundle carries: no ids, related records by their keys."""
    def value(obj: Any, field: Any) -> Any:
        found = getattr(obj, field.name)
        if field.is_relation:
            return str(found) if found is not None else None
        return found

    return {m.__name__: sorted((tuple(repr(value(x, f)) for f in m._meta.local_concrete_fields
                                      if f.name not in ("id", "version"))
                                for x in m.objects.all()), key=repr) for m in MODELS}


@pytest.fixture
def busy(demo: Partnership) -> Partnership:
    """A 2021-22 call: the police submitted, were returned by the manager, and resubmitted;
    a returned foreword; a story of the CCG's awaiting review."""
    User = get_user_model()
    manager, police = User.objects.get(username="manager"), User.objects.get(username="police")
    year = demo.years.get(label="2021-22")
    call = services.call_open(year=year, deadline=dt.date(2022, 6, 10),
                              agencies=list(demo.agencies.filter(code="met-police")),
                              guidance="Half a page", by=manager, today=dt.date(2022, 5, 3))
    contribution = call.contributions.get()
    services.contribution_save(contribution=contribution, achievements="Aegis",
                               challenges="Capacity", impact="", by=police, seen_version=0,
                               submit=True)
    contribution.refresh_from_db()
    services.decide(record=contribution, action="return", by=manager, reason="Impact, please")
    contribution.refresh_from_db()
    services.contribution_save(contribution=contribution, achievements="Aegis",
                               challenges="Capacity", impact="More children safe", by=police,
                               seen_version=contribution.version, submit=True)
    foreword = services.statement_save(year=year, kind="foreword", text="Draft", by=manager,
                                       seen_version=0, submit=True)
    services.decide(record=foreword, action="return", by=User.objects.get(username="chair"),
                    reason="Shorter")
    story = services.case_story_add(year=year, agency=demo.agencies.get(code="selccg"),
                                    title="B's story", story="B was unseen", changed="B is seen",
                                    by=manager)
    services.case_story_save(story=story, title=story.title, story_text=story.story,
                             changed=story.changed, by=manager, seen_version=0, submit=True)
    return demo


def test_export_then_import_into_an_empty_database_gives_every_record_back(
        busy: Partnership, tmp_path: Path) -> None:
    before = described()
    assert len(before["ContributionEvent"]) == 3 and before["Statement"]
    export_bundle(busy, tmp_path / "first")
    events = list(csv.DictReader((tmp_path / "first" / "contribution_events.csv").open()))
    assert [(e["action"], e["by"], e["note"]) for e in events] == [
        ("submitted", "police", ""), ("returned", "manager", "Impact, please"),
        ("submitted", "police", "")]
    Partnership.objects.all().delete()
    get_user_model().objects.all().delete()
    Indicator.objects.all().delete()
    assert not any(m.objects.exists() for m in MODELS)

    result = import_bundle_folder(tmp_path / "first")
    assert result.ok, result.problems
    assert described() == before
    export_bundle(Partnership.objects.get(), tmp_path / "second")
    for name in ("statements.csv", "contributions.csv", "contribution_events.csv",
                 "case_stories.csv", "voices.csv", "concern_contacts.csv"):
        assert (tmp_path / "second" / name).read_bytes() == \
            (tmp_path / "first" / name).read_bytes(), name


def test_importing_its_own_export_again_changes_nothing(busy: Partnership,
                                                        tmp_path: Path) -> None:
    export_bundle(busy, tmp_path)
    before = described()
    result = import_bundle_folder(tmp_path)
    assert result.ok, result.problems
    mine = {str(m._meta.verbose_name_plural) for m in MODELS}
    assert not mine & {name for name, n in (result.created + result.updated).items() if n}
    assert described() == before


def test_a_bad_row_is_named_by_file_row_and_column(bundle_copy: Path) -> None:
    path = bundle_copy / "contributions.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    rows[1]["status"] = "returned"
    rows[2]["agency"] = "no-such-agency"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    result = import_bundle_folder(bundle_copy)
    assert not result.ok
    found = {(p.file, p.column): p for p in result.problems}
    # Rows are counted in lines of the file, as a spreadsheet shows them (texts span lines).
    assert found["contributions.csv", "return_reason"].row > 1
    assert "reason it was returned" in found["contributions.csv", "return_reason"].message
    assert "no-such-agency" in found["contributions.csv", "agency"].message
    assert not c.Contribution.objects.exists()  # all or nothing
