"""Importing training exports: the mapping, errors named file:row:column, all or nothing."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from lscp.partnership.models import Partnership, Sector
from lscp.workforce.importer import import_export
from lscp.workforce.mapping import parse_mapping
from lscp.workforce.models import (
    Booking,
    Course,
    ElearningCompletion,
    EvaluationResponse,
    OutcomeRating,
    TrainingImport,
    TrainingPolicy,
    TrainingSession,
)
from lscp.workforce.pseudonyms import attendee_key
from tests.factories import AgencyFactory, PartnershipFactory
from tests.workforce_factories import CourseFactory, LearningOutcomeFactory

pytestmark = pytest.mark.django_db

LMS = """
source = "lms"
kind = "bookings"
delivery = "live_webinar"
[columns]
session = "Event ID"
course = "Course"
date = "Event date"
attendee = "Delegate ID"
organisation = "Organisation"
status = "Attendance"
places = "Places"
[values.status]
"Attended" = "attended"
"DNA" = "did_not_attend"
"Late cancellation" = "late_cancellation"
[values.organisation]
"Kings" = "kch"
"GP practice" = { sector = "health" }
"""

ELEARNING = """
source = "elearning"
kind = "completions"
[columns]
course = "Module"
organisation = "Organisation"
date = "Month"
count = "Completions"
"""

EVALUATIONS = """
source = "evaluations"
kind = "evaluations"
[columns]
course = "Course"
respondent = "Delegate ID"
stage = "Form"
date = "Submitted"
change_in_practice = "Practice changed"
example = "Example"
outcomes = ["Outcome 1", "Outcome 2"]
[values.stage]
"Pre-course" = "before"
"Follow-up" = "follow_up"
"""

HEADER = "Event ID,Course,Event date,Delegate ID,Organisation,Attendance,Places\n"
GOOD = HEADER + (
    "EV-1,Neglect,05/10/2020,D001,Kings,Attended,20\n"
    "EV-1,Neglect,05/10/2020,D002,Children's Social Care,DNA,20\n"
    "EV-1,Neglect,05/10/2020,D003,GP practice,Attended,20\n"
    "EV-2,Neglect,12/11/2020,D001,kch,Late cancellation,20\n")


@pytest.fixture
def p() -> Partnership:
    partnership = PartnershipFactory()
    AgencyFactory(partnership=partnership, code="kch", name="Kings College Hospital",
                  sector=Sector.HEALTH)
    AgencyFactory(partnership=partnership, code="lbb-csc", name="Children's Social Care",
                  sector=Sector.LOCAL_AUTHORITY)
    TrainingPolicy.objects.create(partnership=partnership, non_attendance_charge_pence=5000,
                                  late_cancellation_charge_pence=2500)
    return partnership


def bookings(p: Partnership, text: str, name: str = "lms.csv", **kwargs):  # type: ignore[no-untyped-def]
    return import_export(p, year="2020-21", source="lms", name=name, data=text.encode(),
                         mapping=LMS, **kwargs)


def test_an_export_becomes_sessions_and_bookings_counted_by_agency_or_sector(p) -> None:  # type: ignore[no-untyped-def]
    result = bookings(p, GOOD)
    assert result.ok, result.problems
    course = Course.objects.get(partnership=p)
    assert (course.title, course.delivery) == ("Neglect", "live_webinar")
    assert result.new_courses == ["Neglect"]
    assert list(TrainingSession.objects.values_list("code", "date", "places")) == [
        ("ev-1", dt.date(2020, 10, 5), 20), ("ev-2", dt.date(2020, 11, 12), 20)]
    rows = {(b.session.code, b.agency.code if b.agency else None, b.sector, b.status,
             b.charge_pence) for b in Booking.objects.select_related("session", "agency")}
    assert rows == {("ev-1", "kch", "health", "attended", 0),
                    ("ev-1", "lbb-csc", "local_authority", "did_not_attend", 5000),
                    ("ev-1", None, "health", "attended", 0),
                    ("ev-2", "kch", "health", "late_cancellation", 2500)}
    log = TrainingImport.objects.get()
    assert (log.source, log.year, log.file_name, log.rows) == ("lms", "2020-21", "lms.csv", 4)


def test_the_delegate_id_is_never_stored_only_its_keyed_hash(p) -> None:  # type: ignore[no-untyped-def]
    assert bookings(p, GOOD).ok
    stored = set(Booking.objects.values_list("attendee", flat=True))
    assert "D001" not in stored and len(stored) == 3  # D001 booked twice: one person
    assert attendee_key(p.pseudonym_key, "D001") in stored
    other = PartnershipFactory()
    assert attendee_key(other.pseudonym_key, "D001") not in stored  # another key, another hash


def test_a_wrong_column_an_unknown_agency_and_a_bad_date_are_all_listed_and_nothing_stored(
        p) -> None:  # type: ignore[no-untyped-def]
    broken = ("Event ID,Course,Event date,Delegate ID,Organisation,Status,Places\n"
              "EV-1,Neglect,05/10/2020,D001,Kings,Attended,20\n"
              "EV-1,Neglect,05/10/2020,D002,Acme Training Ltd,Attended,20\n"
              "EV-2,Neglect,31/02/2021,D003,Kings,Attended,20\n")
    result = bookings(p, broken, name="lms-2020-21.csv")
    assert not result.ok
    found = [str(problem) for problem in result.problems]
    assert any(s.startswith('lms-2020-21.csv:1:Attendance: missing column "Attendance"')
               for s in found), found
    assert any(s.startswith('lms-2020-21.csv:3:Organisation: unknown agency "Acme Training Ltd"')
               for s in found), found
    assert any(s.startswith('lms-2020-21.csv:4:Event date: "31/02/2021" is not a date')
               for s in found), found
    assert len(found) == 3
    assert not Course.objects.exists() and not Booking.objects.exists()
    assert not TrainingImport.objects.exists()


def test_one_bad_row_among_good_ones_stores_nothing(p) -> None:  # type: ignore[no-untyped-def]
    result = bookings(p, GOOD + "EV-3,Neglect,02/04/2021,D009,Kings,Attended,20\n")
    assert [str(x) for x in result.problems] == [
        "lms.csv:6:Event date: 2 April 2021 is outside 2020-21 (1 April 2020 to 31 March 2021)"]
    assert not TrainingSession.objects.exists() and not Booking.objects.exists()


def test_a_person_booked_twice_on_one_session_and_an_unknown_status_are_refused(p) -> None:  # type: ignore[no-untyped-def]
    text = GOOD + ("EV-1,Neglect,05/10/2020,D001,Kings,Attended,20\n"
                   "EV-2,Neglect,12/11/2020,D005,Kings,No show,20\n")
    found = [str(x) for x in bookings(p, text).problems]
    assert found == [
        "lms.csv:6:Delegate ID: the same person is booked on this session on row 2",
        'lms.csv:7:Attendance: "No show" is not a status the mapping knows (known: '
        '"Attended", "DNA", "Late cancellation")']


def test_importing_the_same_export_again_changes_nothing(p) -> None:  # type: ignore[no-untyped-def]
    assert bookings(p, GOOD).ok
    before = list(Booking.objects.order_by("pk").values())
    again = bookings(p, GOOD)
    assert again.ok and not again.created and not again.updated and not again.deleted
    assert list(Booking.objects.order_by("pk").values()) == before


def test_a_corrected_export_replaces_the_register_of_each_session_it_names(p) -> None:  # type: ignore[no-untyped-def]
    assert bookings(p, GOOD).ok
    corrected = HEADER + ("EV-1,Neglect,05/10/2020,D001,Kings,Attended,20\n"
                          "EV-1,Neglect,05/10/2020,D002,Children's Social Care,Attended,20\n")
    result = bookings(p, corrected)
    assert result.ok
    assert result.deleted["bookings"] == 1 and result.updated["bookings"] == 1
    ev1 = Booking.objects.filter(session__code="ev-1")
    assert sorted(ev1.values_list("status", "charge_pence")) == [("attended", 0), ("attended", 0)]
    assert Booking.objects.filter(session__code="ev-2").count() == 1  # not in the file: kept


def test_an_e_learning_course_and_a_live_one_are_not_confused(p) -> None:  # type: ignore[no-untyped-def]
    CourseFactory(partnership=p, title="Neglect", delivery="elearning")
    found = [str(x) for x in bookings(p, GOOD).problems]
    assert found[0] == 'lms.csv:2:Course: "Neglect" is an e-learning course: check the source chosen'


def workbook(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Module", "Organisation", "Month", "Completions"])
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_completions_from_an_excel_export_are_added_up_by_course_month_and_agency(p) -> None:  # type: ignore[no-untyped-def]
    data = workbook([["Prevent", "Kings", dt.datetime(2020, 5, 1), 7],
                     ["Prevent", "kch", "2020-05-20", 3],  # a date typed as text
                     ["Prevent", "GP practice", dt.datetime(2021, 3, 1), 2],
                     ["FGM", "Children's Social Care", dt.datetime(2020, 9, 1), 5]])
    mapping = ELEARNING + '[values.organisation]\n"Kings" = "kch"\n"GP practice" = { sector = "health" }\n'
    result = import_export(p, year="2020-21", source="elearning", name="me.xlsx", data=data,
                           mapping=mapping)
    assert result.ok, result.problems
    rows = {(c.course.title, c.month, c.agency.code if c.agency else None, c.completions)
            for c in ElearningCompletion.objects.select_related("course", "agency")}
    assert rows == {("Prevent", dt.date(2020, 5, 1), "kch", 10),
                    ("Prevent", dt.date(2021, 3, 1), None, 2),
                    ("FGM", dt.date(2020, 9, 1), "lbb-csc", 5)}
    assert set(Course.objects.values_list("delivery", flat=True)) == {"elearning"}


def test_a_bad_cell_in_a_workbook_is_named_by_its_row_and_column(p) -> None:  # type: ignore[no-untyped-def]
    data = workbook([["Prevent", "kch", dt.datetime(2020, 5, 1), 7],
                     ["Prevent", "kch", dt.datetime(2020, 6, 1), "seven"]])
    result = import_export(p, year="2020-21", source="elearning", name="me.xlsx", data=data,
                           mapping=ELEARNING)
    assert [str(x) for x in result.problems] == ['me.xlsx:3:Completions: "seven" is not a whole number']
    assert not ElearningCompletion.objects.exists()


def test_a_damaged_workbook_and_a_file_that_is_not_utf8_are_refused_in_words(p) -> None:  # type: ignore[no-untyped-def]
    damaged = import_export(p, year="2020-21", source="elearning", name="me.xlsx",
                            data=b"PK\x03\x04 not really a zip", mapping=ELEARNING)
    assert [str(x) for x in damaged.problems] == ["me.xlsx:0:-: not a readable Excel workbook (.xlsx)"]
    latin = (HEADER + "EV-1,Négligence,05/10/2020,D1,Kings,Attended,20\n").encode("latin-1")
    result = import_export(p, year="2020-21", source="lms", name="lms.csv", data=latin,
                           mapping=LMS)
    assert str(result.problems[0]).startswith("lms.csv:2:-: not UTF-8 text")


def test_evaluations_score_a_course_s_own_outcomes(p) -> None:  # type: ignore[no-untyped-def]
    course = CourseFactory(partnership=p, title="Domestic abuse")
    first = LearningOutcomeFactory(course=course, position=1)
    LearningOutcomeFactory(course=course, position=2)
    text = ("Course,Delegate ID,Form,Submitted,Practice changed,Example,Outcome 1,Outcome 2\n"
            "Domestic abuse,D1,Pre-course,01/10/2020,,,2,3\n"
            "Domestic abuse,D1,Follow-up,20/11/2020,Yes,Asked about control,4,4\n")
    result = import_export(p, year="2020-21", source="evaluations", name="ev.csv",
                           data=text.encode(), mapping=EVALUATIONS)
    assert result.ok, result.problems
    follow = EvaluationResponse.objects.get(stage="follow_up")
    assert follow.change_in_practice is True and follow.example == "Asked about control"
    assert OutcomeRating.objects.get(response__stage="before", outcome=first).score == 2


def test_an_evaluation_of_an_unknown_course_or_outcome_or_a_bad_score_is_refused(p) -> None:  # type: ignore[no-untyped-def]
    course = CourseFactory(partnership=p, title="Domestic abuse")
    LearningOutcomeFactory(course=course, position=1)
    text = ("Course,Delegate ID,Form,Submitted,Practice changed,Example,Outcome 1,Outcome 2\n"
            "Neglect,D1,Pre-course,01/10/2020,,,2,\n"
            "Domestic abuse,D2,Pre-course,01/10/2020,,,6,3\n"
            "Domestic abuse,D3,Follow-up,01/10/2020,Perhaps,,3,\n")
    found = [str(x) for x in import_export(p, year="2020-21", source="evaluations", name="ev.csv",
                                           data=text.encode(), mapping=EVALUATIONS).problems]
    assert found == [
        'ev.csv:2:Course: unknown course "Neglect": add it, with its learning outcomes, before '
        "its evaluations",
        'ev.csv:3:Outcome 1: "6" is not a score from 1 to 5',
        "ev.csv:3:Outcome 2: Domestic abuse has 1 learning outcomes: there is no outcome 2 to "
        "score",
        'ev.csv:4:Practice changed: "Perhaps" is not yes or no']
    assert not EvaluationResponse.objects.exists()


def test_a_mapping_s_problems_are_named_by_their_key() -> None:
    mapping, problems = parse_mapping('kind = "bookings"\n[columns]\ncourse = "Course"\n'
                                      'colour = "Colour"\n[values.organisation]\n'
                                      '"GP" = { sector = "doctors" }\n', "lms mapping")
    assert mapping is None
    found = {(p.column, p.message.split(":")[0]) for p in problems}
    assert ("source", 'give the source\'s short name, like "lms"') in found
    assert ("columns.colour", '"colour" is not a column a bookings export maps (known') in found
    assert ("columns.date", "missing") in found
    assert any(p.column == "values.organisation" and '"GP"' in p.message for p in problems)
    assert parse_mapping("kind = [", "x")[1][0].message.startswith("not valid TOML")


def test_an_export_with_no_mapping_or_no_such_year_is_refused(p) -> None:  # type: ignore[no-untyped-def]
    result = import_export(p, year="2020-21", source="nowhere", name="x.csv", data=b"a\n")
    assert [str(x) for x in result.problems] == [
        'x.csv:0:-: no mapping for the source "nowhere": add one on the Training imports page']
    result = import_export(p, year="2020", source="lms", name="x.csv", data=b"a\n", mapping=LMS)
    assert "x.csv:0:-" in str(result.problems[0])


def test_the_command_imports_a_file_and_refuses_a_bad_one_naming_every_problem(
        p, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "lms.toml").write_text(LMS)
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_text(GOOD)
    bad.write_text(HEADER + "EV-1,Neglect,5 Oct,D001,Nobody,Attended,20\n")
    out, err = io.StringIO(), io.StringIO()
    call_command("training", "import", source="lms", file=good, year="2020-21",
                 mapping=tmp_path / "lms.toml", partnership=p.slug, stdout=out)
    assert "good.csv: 4 rows read" in out.getvalue()
    assert Booking.objects.count() == 4
    with pytest.raises(CommandError, match="2 problem"):
        call_command("training", "import", source="lms", file=bad, year="2020-21",
                     mapping=tmp_path / "lms.toml", partnership=p.slug, stdout=out, stderr=err)
    assert "bad.csv:2:Event date" in err.getvalue() and "bad.csv:2:Organisation" in err.getvalue()
    assert Booking.objects.count() == 4
