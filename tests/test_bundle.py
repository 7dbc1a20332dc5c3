"""Bundle import and export: all-or-nothing, idempotent, exact messages, round trip."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from lscp.demo.setup import DEMO_BUNDLE
from lscp.partnership import models as m
from lscp.partnership.bundle.exporter import export_bundle
from lscp.partnership.bundle.importer import import_bundle_folder, load_bundle

ALL_MODELS = [m.Partnership, m.ReportingYear, m.Agency, m.Person, m.Group, m.Seat, m.Meeting,
              m.Attendance, m.BudgetLine, m.Priority, m.PriorityAction]


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in ALL_MODELS}


def run_import(path: Path) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_bundle", str(path), stdout=out, stderr=err)
    except CommandError as exc:
        err.write(f"\nERROR: {exc}")
    return out.getvalue(), err.getvalue()


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_the_demo_bundle_is_valid() -> None:
    _, problems = load_bundle(DEMO_BUNDLE)
    assert problems == []


@pytest.mark.django_db
def test_reimporting_the_same_bundle_changes_nothing() -> None:
    first = import_bundle_folder(DEMO_BUNDLE)
    assert first.ok and sum(first.created.values()) > 200
    before = counts()
    second = import_bundle_folder(DEMO_BUNDLE)
    assert second.ok
    assert sum(second.created.values()) == 0
    assert sum(second.updated.values()) == 0
    assert sum(second.unchanged.values()) == sum(first.created.values())
    assert counts() == before


@pytest.mark.django_db
def test_a_changed_value_is_updated_not_duplicated(bundle_copy: Path) -> None:
    import_bundle_folder(DEMO_BUNDLE)
    before = counts()
    edit(bundle_copy / "budget.csv", "Training income,,3520", "Training income,,3600")
    result = import_bundle_folder(bundle_copy)
    assert result.ok
    assert dict(result.updated) == {"budget lines": 1}
    assert counts() == before
    assert m.BudgetLine.objects.get(line="Training income").amount_pence == 360000


@pytest.mark.django_db
def test_export_then_import_into_an_empty_database_gives_the_same_data(tmp_path: Path) -> None:
    import_bundle_folder(DEMO_BUNDLE)
    partnership = m.Partnership.objects.get()
    before = counts()
    first = tmp_path / "first"
    export_bundle(partnership, first)

    m.Partnership.objects.all().delete()
    assert sum(counts().values()) == 0

    result = import_bundle_folder(first)
    assert result.ok, result.problems
    assert counts() == before
    second = tmp_path / "second"
    export_bundle(m.Partnership.objects.get(), second)
    for path in sorted(first.iterdir()):
        assert path.read_text(encoding="utf-8") == (second / path.name).read_text(
            encoding="utf-8"), path.name


@pytest.mark.django_db
def test_the_export_command_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    import_bundle_folder(DEMO_BUNDLE)
    (tmp_path / "x.txt").write_text("keep me")
    with pytest.raises(CommandError, match="is not empty"):
        call_command("export_bundle", str(tmp_path))


@pytest.mark.django_db
def test_the_import_command_reports_a_summary() -> None:
    out, err = run_import(DEMO_BUNDLE)
    assert err == ""
    assert "Imported Bromley Safeguarding Children Partnership: 801 created" in out


# Each bad bundle: (file, old text, new text, the exact line the user must see).
BAD_BUNDLES = {
    "missing column": (
        "agencies.csv", "code,name,sector", "code,name",
        'agencies.csv:1:sector: missing column "sector"'),
    "unknown column": (
        "agencies.csv", "code,name,sector", "code,name,sector,colour",
        'agencies.csv:1:colour: unknown column "colour" (expected: code, name, sector)'),
    "unknown agency": (
        "seats.csv", "board,police,met-police", "board,police,met-polis",
        'seats.csv:24:agency: unknown agency "met-polis" (not in agencies.csv)'),
    "unknown group": (
        "meetings.csv", "training,2020-09-23", "trainning,2020-09-23",
        'meetings.csv:27:group: unknown group "trainning" (not in groups.csv)'),
    "duplicate meeting": (
        "meetings.csv", "executive,2020-08-26,ordinary", "executive,2020-05-27,ordinary",
        "meetings.csv:3:date: duplicate meeting: group executive, date 2020-05-27 is already "
        "on row 2"),
    "negative amount": (
        "budget.csv", "Training income,,3520", "Training income,,-3520",
        'budget.csv:13:amount: amount must not be negative, got "-3520"'),
    "non-numeric amount": (
        "budget.csv", "Training income,,3520", "Training income,,about 3k",
        'budget.csv:13:amount: "about 3k" is not an amount of money in pounds, like 1234.56'),
    "date that is not a date": (
        "meetings.csv", "executive,2020-05-27", "executive,2020-02-30",
        'meetings.csv:2:date: "2020-02-30" is not a date (use YYYY-MM-DD or DD/MM/YYYY)'),
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", list(BAD_BUNDLES))
def test_a_bad_bundle_names_file_row_and_column_and_imports_nothing(
        case: str, bundle_copy: Path) -> None:
    file, old, new, expected = BAD_BUNDLES[case]
    edit(bundle_copy / file, old, new)
    _, err = run_import(bundle_copy)
    assert expected in err.splitlines()
    assert "nothing was imported" in err
    assert sum(counts().values()) == 0


@pytest.mark.django_db
def test_a_file_that_is_not_utf8_is_refused_with_its_row_and_column(bundle_copy: Path) -> None:
    path = bundle_copy / "budget.csv"
    text = path.read_text(encoding="utf-8").replace("Training income", "Training income £")
    path.write_bytes(text.encode("cp1252"))
    _, err = run_import(bundle_copy)
    assert ("budget.csv:13:line: not UTF-8 text (byte 0xa3); save the file as CSV UTF-8"
            in err.splitlines())
    assert sum(counts().values()) == 0


@pytest.mark.django_db
def test_every_problem_is_listed_not_just_the_first(bundle_copy: Path) -> None:
    edit(bundle_copy / "budget.csv", "Training income,,3520", "Training income,,-1")
    edit(bundle_copy / "meetings.csv", "executive,2020-05-27", "executive,27/13/2020")
    edit(bundle_copy / "seats.csv", "board,police,met-police", "board,police,nobody")
    _, err = run_import(bundle_copy)
    problems = [line for line in err.splitlines() if line and not line.startswith("ERROR")]
    assert len(problems) == 3
    assert "3 problem(s)" in err


@pytest.mark.django_db
def test_a_mistake_in_an_existing_partnership_leaves_it_untouched(bundle_copy: Path) -> None:
    import_bundle_folder(DEMO_BUNDLE)
    before = counts()
    edit(bundle_copy / "budget.csv", "Training income,,3520", "Training income,,9999")
    edit(bundle_copy / "meetings.csv", "executive,2020-05-27", "executive,2020-05-32")
    result = import_bundle_folder(bundle_copy)
    assert not result.ok
    assert counts() == before
    assert m.BudgetLine.objects.get(line="Training income").amount_pence == 352000


@pytest.mark.django_db
def test_attendance_for_a_seat_not_held_that_day_is_refused(bundle_copy: Path) -> None:
    edit(bundle_copy / "seats.csv", "board,police,met-police,,", "board,police,met-police,,")
    text = (bundle_copy / "seats.csv").read_text(encoding="utf-8")
    lines = text.splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith("board,police,"))
    cells = lines[index].split(",")
    cells[-2] = "2020-10-01"  # the seat starts after the June and September meetings
    lines[index] = ",".join(cells)
    (bundle_copy / "seats.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    bundle, problems = load_bundle(bundle_copy)
    messages = [str(p) for p in problems]
    assert any(msg.endswith("seat police was not held on 2020-06-10") for msg in messages)
    assert any(msg.endswith("seat police was not held on 2020-09-16") for msg in messages)


@pytest.mark.django_db
@pytest.mark.parametrize(("value", "message"), [
    ("-12.2", "is not a number of 0 or more"),
    ("7000", "6,575"),
])
def test_an_impossible_dataset_value_is_a_listed_problem_not_a_crash(  # type: ignore[no-untyped-def]
        bundle_copy: Path, value: str, message: str) -> None:
    """The catalogue's hard bounds apply to a bundle as they do to the web form: the import
    lists the row and field and stores nothing."""
    values = bundle_copy / "dataset_values.csv"
    rows = values.read_text(encoding="utf-8").splitlines()
    rows.append(f"adoption-days-care-to-placement,2020-21,,{value},,,yes,,Typed wrong")
    values.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = import_bundle_folder(bundle_copy)
    assert not result.ok
    problems = [str(p) for p in result.problems]
    assert any(p.startswith(f"dataset_values.csv:{len(rows)}:value:") and message in p
               for p in problems), problems
    assert m.Partnership.objects.count() == 0
