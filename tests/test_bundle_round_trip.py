"""`lscp export` then `lscp import` into an empty database gives back every record the bundle
covers, field by field: submissions and their workflow, value history, return loads, users
and roles. The pseudonym key and passwords never leave in a bundle (decision 0013)."""

from __future__ import annotations

import csv
import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models

from lscp.assurance import models as a
from lscp.assurance.services import challenge_raise
from lscp.attachments.models import Attachment
from lscp.dataset import models as d
from lscp.dataset import submissions
from lscp.dataset.services import record_value
from lscp.demo.setup import add_returns_year
from lscp.meetings.models import AgendaItem, Minutes, QuorumRule
from lscp.meetings.services import action_arising_add, decision_add
from lscp.notices.models import Notice, Preference
from lscp.partnership import models as m
from lscp.partnership import workflow
from lscp.partnership.bundle.exporter import export_bundle
from lscp.partnership.bundle.importer import import_bundle_folder, load_bundle
from lscp.reports import models as r
from lscp.selfassessment import models as sa
from lscp.workforce.models import TrainingImport

User = get_user_model()

# What a bundle leaves to a backup: ids, lock counters, the pseudonym key, and the parts of an
# account that are the system's, not the partnership's (docs/bundle-format.md).
ONLY_IN_A_BACKUP_FIELDS = {"id", "version", "pseudonym_key", "password", "last_login",
                           "is_superuser", "is_staff", "date_joined", "groups",
                           "user_permissions"}
ONLY_IN_A_BACKUP_MODELS = {a.ReminderSent, d.SubmissionDeadline, d.SubmissionChaser,
                           # Attachments are files (a backup carries them); the meeting
                           # records beside them are not in the bundle yet.
                           Attachment, AgendaItem, Minutes, QuorumRule,
                           # What people were told and how they want to hear: the system's.
                           Notice, Preference,
                           # A year's publication decision (sign-offs, the chair's overrides,
                           # distribution) and readers' feedback: not in the bundle yet.
                           r.SignOff, r.ReadinessOverride, r.Distribution, r.Feedback,
                           # The logo is a picture, like attachments (docs/bundle-format.md).
                           m.Logo,
                           # Self-assessment links are secrets: an import makes new ones.
                           sa.SettingLink, sa.SurveyLink,
                           # The log of training imports: what was imported, when, by whom.
                           TrainingImport}


def covered_models() -> list[type[models.Model]]:
    """Every lscp model whose records a bundle carries, and the accounts that act on them."""
    return [model for model in apps.get_models()
            if model.__module__.startswith(("lscp.partnership", "lscp.assurance", "lscp.dataset",
                                            "lscp.selfassessment", "lscp.intelligence", "lscp.contributions",
                                            "lscp.workforce"))
            and not is_only_in_a_backup(model)] + [User]


def is_only_in_a_backup(model: type[models.Model]) -> bool:
    """The audit trail (history tables, the audit app) and reminders sent are the system's
    record of what happened in it, kept by a backup."""
    return (model in ONLY_IN_A_BACKUP_MODELS or model._meta.app_label == "audit"
            or model.__name__.startswith("Historical"))


class Described:
    """Records as a bundle sees them: by natural keys, never ids (each key found once)."""

    def __init__(self) -> None:
        self.keys: dict[tuple[str, Any], Any] = {}

    def natural_key(self, obj: models.Model) -> Any:
        """What identifies a record in any database: its unique fields, never its id."""
        meta = obj._meta
        for constraint in meta.constraints:
            if isinstance(constraint, models.UniqueConstraint) and constraint.fields:
                return tuple(self.value_of(obj, name) for name in constraint.fields)
        for field in meta.local_concrete_fields:
            if field.unique and not field.primary_key:
                return self.value_of(obj, field.name)
        return self.describe(obj)

    def key_of(self, model: Any, pk: Any) -> Any:
        if (model._meta.label, pk) not in self.keys:
            target = model._base_manager.get(pk=pk)
            self.keys[(model._meta.label, pk)] = self.natural_key(target)
        return self.keys[(model._meta.label, pk)]

    def value_of(self, obj: models.Model, name: str) -> Any:
        field = obj._meta.get_field(name)
        value = getattr(obj, field.attname)
        if field.is_relation:
            return None if value is None else (field.related_model._meta.label,
                                               self.key_of(field.related_model, value))
        if field.get_internal_type() == "JSONField":
            return json.dumps(value, sort_keys=True)
        return bytes(value) if isinstance(value, memoryview) else value

    def describe(self, obj: models.Model) -> tuple[Any, ...]:
        """Every field a bundle covers, related records by their natural keys."""
        fields = [(f.name, self.value_of(obj, f.name)) for f in obj._meta.local_concrete_fields
                  if f.name not in ONLY_IN_A_BACKUP_FIELDS]
        links = [(f.name, sorted(repr(self.natural_key(x)) for x in getattr(obj, f.name).all()))
                 for f in obj._meta.local_many_to_many if f.name not in ONLY_IN_A_BACKUP_FIELDS]
        return tuple(fields + links)


def every_record() -> dict[str, list[str]]:
    described = Described()
    return {model._meta.label: sorted(repr(described.describe(x))
                                      for x in model._base_manager.all())
            for model in covered_models()}


def make_busy(demo: m.Partnership) -> None:
    """The demo after a year's work: statutory returns loaded and approved, a contributor's
    figures submitted and returned by someone outside the partnership, a challenge raised by
    a signed-in chair, a figure recorded as not available."""
    add_returns_year(demo)
    police, chair = User.objects.get(username="police"), User.objects.get(username="chair")
    admin = User.objects.create_user("system-admin", password="synthetic-pass-1234",
                                     is_superuser=True)
    agency = demo.agencies.get(code="met-police")
    indicator = d.Indicator.objects.filter(owner_sector="police", unit="count").first()
    assert indicator is not None
    submission = submissions.submission_start(partnership=demo, agency=agency, period="2021-22-Q1")
    record_value(demo, indicator, "2021-22-Q1", "", value=Decimal(12), user=police,
                 submission=submission, provenance=f"submission {submission.pk}")
    record_value(demo, indicator, "2021-22-Q1", "", value=Decimal(14), user=police,
                 submission=submission, comment="Recounted", provenance=f"submission {submission.pk}")
    workflow.advance(submission, workflow.SUBMIT, by=police)
    submissions.submission_return(submission=submission, by=admin, reason="Check the Q1 count")
    challenge_raise(partnership=demo, by=chair, raised_by="Independent Chair", to_agency=agency,
                    raised_on=dt.date(2021, 6, 1), challenge="Why did the Q1 count rise?")
    meeting = m.Meeting.objects.get(group__code="board", date=dt.date(2020, 6, 10))
    decision = decision_add(meeting=meeting, text="Commission a deep dive on missing children",
                            by=chair)
    action_arising_add(decision=decision, text="Present the deep dive", owner=agency,
                       due=dt.date(2020, 9, 30), by=chair)


def empty_the_database() -> None:
    m.Partnership.objects.all().delete()
    User.objects.all().delete()
    d.Indicator.objects.all().delete()
    assert not any(model._base_manager.exists() for model in covered_models())


@pytest.fixture
def busy(demo: m.Partnership) -> m.Partnership:
    make_busy(demo)
    return demo


@pytest.mark.django_db
def test_export_then_import_into_an_empty_database_gives_back_every_record(
        busy: m.Partnership, tmp_path: Path) -> None:
    before = every_record()
    assert before["dataset.SubmissionEvent"] and before["dataset.ReturnLoad"]
    assert len(before["dataset.ValueChange"]) > 200
    export_bundle(busy, tmp_path / "first")

    empty_the_database()
    result = import_bundle_folder(tmp_path / "first")
    assert result.ok, result.problems

    after = every_record()
    for label, records in before.items():
        assert after[label] == records, label
    export_bundle(m.Partnership.objects.get(), tmp_path / "second")
    assert files_of(tmp_path / "second") == files_of(tmp_path / "first")


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.django_db
def test_importing_its_own_export_again_changes_nothing(busy: m.Partnership,
                                                       tmp_path: Path) -> None:
    export_bundle(busy, tmp_path / "bundle")
    before = every_record()
    result = import_bundle_folder(tmp_path / "bundle")
    assert result.ok, result.problems
    assert sum(result.created.values()) == 0 and sum(result.updated.values()) == 0
    assert every_record() == before


@pytest.mark.django_db
def test_the_history_and_the_people_who_made_it_travel_in_the_bundle(
        busy: m.Partnership, tmp_path: Path) -> None:
    export_bundle(busy, tmp_path)
    users = {r["username"]: r for r in rows(tmp_path / "users.csv")}
    assert (users["police"]["role"], users["police"]["agency"]) == ("agency_contributor",
                                                                    "met-police")
    assert users["system-admin"]["role"] == ""  # named by the records, not a member
    returned = [r for r in rows(tmp_path / "submission_events.csv") if r["action"] == "returned"]
    assert [(r["by"], r["note"]) for r in returned] == [("system-admin", "Check the Q1 count")]
    (load,) = rows(tmp_path / "return_loads.csv")
    assert (tmp_path / load["report"]).read_bytes() == bytes(d.ReturnLoad.objects.get().report)
    (challenge,) = [r for r in rows(tmp_path / "challenges.csv") if r["raised_by_user"]]
    assert challenge["raised_by_user"] == "chair"
    (empty,) = [r for r in rows(tmp_path / "dataset_values.csv") if r["value"] == "[x]"]
    assert (empty["indicator"], empty["period"]) == ("adoption-days-care-to-placement", "2021-22")


def rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.django_db
def test_the_bundle_never_holds_the_pseudonym_key_nor_a_password(busy: m.Partnership,
                                                                  tmp_path: Path) -> None:
    export_bundle(busy, tmp_path)
    secrets = [busy.pseudonym_key, *User.objects.values_list("password", flat=True)]
    for name, data in files_of(tmp_path).items():
        for secret in secrets:
            assert secret.encode() not in data, name
            assert secret[:16].encode() not in data, name


@pytest.mark.django_db
def test_an_imported_partnership_gets_a_new_pseudonym_key_and_unusable_passwords(
        busy: m.Partnership, tmp_path: Path) -> None:
    key = busy.pseudonym_key
    export_bundle(busy, tmp_path)
    empty_the_database()
    assert import_bundle_folder(tmp_path).ok
    assert m.Partnership.objects.get().pseudonym_key != key  # only a backup keeps it
    assert not any(u.has_usable_password() for u in User.objects.all())


@pytest.mark.django_db
def test_a_user_of_another_partnership_is_not_moved_and_nothing_is_imported(
        demo: m.Partnership, tmp_path: Path) -> None:
    export_bundle(demo, tmp_path)
    manifest = tmp_path / "manifest.toml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(
        'slug = "bromley"', 'slug = "elsewhere"'), encoding="utf-8")
    result = import_bundle_folder(tmp_path)
    assert not result.ok
    assert "users.csv:5:role: user \"police\" is a member of another partnership (bromley); " \
           "a user belongs to one partnership" in [str(p) for p in result.problems]
    assert not m.Partnership.objects.filter(slug="elsewhere").exists()


BAD_ROWS = {
    "contributor without agency": (
        "users.csv", "police,agency_contributor,met-police,", "police,agency_contributor,,",
        "users.csv:{row}:agency: an agency contributor needs the agency whose data they edit"),
    "not available with a numerator": (
        "dataset_values.csv", "adoption-days-care-to-placement,2021-22,,[x],,",
        "adoption-days-care-to-placement,2021-22,,[x],3,",
        "dataset_values.csv:{row}:numerator: a figure recorded as [x] has no numerator"),
    "history of a value not in the bundle": (
        "value_changes.csv", "adoptions,2019-20,,", "adoptions,2018-19,,",
        "value_changes.csv:{row}:period: unknown value: indicator adoptions, period 2018-19 "
        "(not in dataset_values.csv)"),
    "time without offset": (
        "submission_events.csv", "+00:00,submitted", ",submitted",
        'submission_events.csv:{row}:at: "{at}" is not a date and time with its offset from '
        "UTC, like 2021-06-30T10:15:00+00:00"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", list(BAD_ROWS))
def test_a_bad_history_row_names_file_row_and_column_and_imports_nothing(
        case: str, busy: m.Partnership, tmp_path: Path) -> None:
    export_bundle(busy, tmp_path)
    empty_the_database()
    file, old, new, expected = BAD_ROWS[case]
    path = tmp_path / file
    lines = path.read_text(encoding="utf-8").splitlines()
    row = next(i for i, line in enumerate(lines, start=1) if old in line)
    at = lines[row - 1].split(",")[2].removesuffix("+00:00")
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    result = import_bundle_folder(tmp_path)
    assert expected.format(row=row, at=at) in [str(p) for p in result.problems]
    assert not m.Partnership.objects.exists() and not User.objects.exists()


@pytest.mark.django_db
def test_a_missing_validation_report_is_named(busy: m.Partnership, tmp_path: Path) -> None:
    export_bundle(busy, tmp_path)
    report = next((tmp_path / "return_reports").iterdir())
    report.unlink()
    _, problems = load_bundle(tmp_path)
    assert [str(p) for p in problems] == [
        f"return_loads.csv:2:report: return_reports/{report.name} is not in the bundle"]


def test_every_model_is_in_a_bundle_or_only_in_a_backup() -> None:
    """A new model must be decided: carried by the bundle (and then compared above), or
    listed as the system's own record, kept only by a backup."""
    covered = set(covered_models())
    for model in apps.get_models():
        if model.__module__.startswith("lscp."):
            assert model in covered or is_only_in_a_backup(model), model
