"""The training part of the bundle: everything the pages and the report read travels, and a
bundle that gets it wrong is refused by file, row and column."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from lscp.partnership.bundle.exporter import export_bundle
from lscp.partnership.bundle.importer import import_bundle_folder
from lscp.partnership.models import Partnership
from lscp.workforce import models as w
from lscp.workforce.bundle import FILES
from lscp.workforce.selectors import reach_of
from tests.test_bundle_round_trip import empty_the_database

pytestmark = pytest.mark.django_db


def described() -> dict[str, list[tuple[Any, ...]]]:
    """Every training record by its natural keys, never an id."""
    return {
        "courses": sorted(w.Course.objects.values_list(
            "code", "title", "level", "delivery", "illustrative", "withdrawn_on")),
        "outcomes": sorted(w.LearningOutcome.objects.values_list("course__code", "position",
                                                                 "text")),
        "sessions": sorted(w.TrainingSession.objects.values_list(
            "course__code", "code", "date", "delivery", "places", "cost_pence")),
        "bookings": sorted(w.Booking.objects.values_list(
            "session__course__code", "session__code", "attendee", "agency__code", "sector",
            "status", "charge_pence", "illustrative"), key=repr),
        "completions": sorted(w.ElearningCompletion.objects.values_list(
            "course__code", "month", "agency__code", "sector", "completions"), key=repr),
        "evaluations": sorted(w.EvaluationResponse.objects.values_list(
            "course__code", "respondent", "stage", "date", "with_line_manager",
            "change_in_practice", "example"), key=repr),
        "scores": sorted(w.OutcomeRating.objects.values_list(
            "response__course__code", "response__respondent", "response__stage",
            "outcome__position", "score")),
        "returns": sorted(w.TrainingReturn.objects.values_list(
            "year__label", "agency__code", "workforce", "note", "illustrative")),
        "lines": sorted(w.SingleAgencyCourse.objects.values_list(
            "training_return__agency__code", "position", "title", "delivery", "people_trained")),
        "policy": list(w.TrainingPolicy.objects.values_list(
            "non_attendance_charge_pence", "late_cancellation_charge_pence",
            "late_cancellation_days")),
        "mappings": sorted(w.ImportMapping.objects.values_list("source", "text")),
    }


def test_export_then_import_into_an_empty_database_gives_back_the_training(
        demo: Partnership, tmp_path: Path) -> None:
    before = described()
    assert len(before["bookings"]) > 1500 and before["scores"]
    export_bundle(demo, tmp_path / "first")
    empty_the_database()
    assert not w.Booking.objects.exists()
    result = import_bundle_folder(tmp_path / "first")
    assert result.ok, result.problems[:5]
    assert described() == before
    reach = reach_of(Partnership.objects.get(), "2020-21")
    assert (reach.sessions, reach.attendees, reach.completions) == (40, 604, 7831)
    export_bundle(Partnership.objects.get(), tmp_path / "second")
    for spec in FILES:
        assert (tmp_path / "first" / spec.name).read_bytes() == \
            (tmp_path / "second" / spec.name).read_bytes(), spec.name


def test_no_lms_id_leaves_in_a_bundle(demo: Partnership, tmp_path: Path) -> None:
    export_bundle(demo, tmp_path)
    exports = (Path(__file__).resolve().parents[1] / "lscp" / "demo" / "training")
    ids = {row["Delegate ID"] for row in csv.DictReader(
        (exports / "lms-bookings-2020-21.csv").open(encoding="utf-8"))}
    written = "".join(p.read_text(encoding="utf-8") for p in tmp_path.glob("*.csv"))
    assert ids and not any(raw in written for raw in ids)


def test_a_bundle_that_gets_training_wrong_is_refused_by_file_row_and_column(
        bundle_copy: Path) -> None:
    with (bundle_copy / "training_sessions.csv").open("a", encoding="utf-8") as f:
        f.write("da-awareness,ev-21-999,2021-05-12,elearning,30,,,\n"
                "no-such-course,ev-21-998,2021-05-12,live_webinar,30,,,\n")
    with (bundle_copy / "training_policy.csv").open("a", encoding="utf-8") as f:
        f.write("60,30,3\n")
    result = import_bundle_folder(bundle_copy)
    found = {str(p) for p in result.problems}
    assert "training_sessions.csv:12:delivery: e-learning has completions, not sessions" in found
    assert ('training_sessions.csv:13:course: unknown course "no-such-course" (not in '
            "courses.csv)") in found
    assert "training_policy.csv:3:-: give one row: the policy" in found
    assert not Partnership.objects.exists()
