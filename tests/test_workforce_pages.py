"""The training pages over HTTP: who may read and change what, and a real file upload."""

from __future__ import annotations

import html
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from lscp.partnership.models import Partnership
from lscp.workforce.models import (
    Booking,
    Course,
    ImportMapping,
    SingleAgencyCourse,
    TrainingImport,
    TrainingPolicy,
    TrainingReturn,
    TrainingSession,
)

pytestmark = pytest.mark.django_db

READ_PAGES = ["/training/?year=2020-21", "/training/courses/?year=2020-21",
              "/training/courses/da-coercive-control/", "/training/returns/?year=2020-21"]
MANAGE_PAGES = ["/training/imports/", "/training/courses/new/", "/training/charges/",
                "/training/courses/neglect/edit/", "/training/imports/mappings/lms/"]


def test_every_member_reads_the_training_pages(manager, chair, contributor, board_member) -> None:  # type: ignore[no-untyped-def]
    for client in (manager, chair, contributor, board_member):
        for url in READ_PAGES:
            assert client.get(url).status_code == 200, url
    assert Client().get(READ_PAGES[0]).status_code == 302  # sign in first


def test_only_the_business_unit_manages_courses_imports_mappings_and_charges(
        manager, chair, contributor, board_member) -> None:  # type: ignore[no-untyped-def]
    for url in MANAGE_PAGES:
        assert manager.get(url).status_code == 200, url
        for client in (chair, contributor, board_member):
            assert client.get(url).status_code == 403, url


def test_the_overview_shows_the_year_and_an_agency_contributor_only_its_own_row(
        manager, contributor) -> None:  # type: ignore[no-untyped-def]
    page = manager.get("/training/?year=2020-21").content.decode()
    assert "Training and development 2020-21" in page
    agencies = re.search(r'data-testid="agencies">(.*?)</table>', page, re.S)
    assert agencies and "Bromley Healthcare" in agencies.group(1)
    assert "London Fire Brigade" in page.split("Not reached")[1]
    own = contributor.get("/training/?year=2020-21").content.decode()
    rows = re.search(r'data-testid="agencies">(.*?)</table>', own, re.S)
    assert rows and "Metropolitan Police" in rows.group(1)
    assert "Bromley Healthcare" not in rows.group(1)
    assert "Not reached" not in own


def test_a_session_s_register_is_counted_by_agency_and_scoped_for_a_contributor(
        manager, contributor, demo) -> None:  # type: ignore[no-untyped-def]
    session = TrainingSession.objects.filter(bookings__agency__code="met-police").first()
    assert session is not None
    everyone = html.unescape(manager.get(f"/training/sessions/{session.pk}/").content.decode())
    own = html.unescape(contributor.get(f"/training/sessions/{session.pk}/").content.decode())
    assert "Metropolitan Police" in own
    others = {b.agency.name for b in Booking.objects.filter(session=session).exclude(
        agency__code="met-police").exclude(agency=None).select_related("agency")}
    assert others and all(name in everyone for name in others)
    assert not any(name in own for name in others)


def test_an_agency_edits_its_own_training_return_and_no_other(contributor, demo) -> None:  # type: ignore[no-untyped-def]
    url = "/training/returns/2020-21/met-police/"
    page = contributor.get(url)
    assert page.status_code == 200
    version = TrainingReturn.objects.get(agency__code="met-police", year__label="2020-21").version
    response = contributor.post(url, {"workforce": "700", "note": "Includes PCSOs",
                                      "version": str(version)})
    assert response.status_code == 302
    mine = TrainingReturn.objects.get(agency__code="met-police", year__label="2020-21")
    assert (mine.workforce, mine.note, mine.illustrative) == (700, "Includes PCSOs", False)
    added = contributor.post(url + "training/new/", {"title": "Child exploitation briefing",
                                                     "delivery": "briefing",
                                                     "people_trained": "45"})
    assert added.status_code == 302
    assert SingleAgencyCourse.objects.filter(training_return=mine).count() == 2
    assert contributor.get("/training/returns/2020-21/kch/").status_code == 403
    assert contributor.post("/training/returns/2020-21/kch/", {"workforce": "1"}).status_code == 403
    assert TrainingReturn.objects.get(agency__code="kch", year__label="2020-21").workforce == 900


def test_the_chair_and_board_read_returns_but_change_none(chair, board_member, manager) -> None:  # type: ignore[no-untyped-def]
    for client in (chair, board_member):
        listing = client.get("/training/returns/?year=2020-21").content.decode()
        assert "London Fire Brigade" in listing and "/training/returns/2020-21/" not in listing
        assert client.get("/training/returns/2020-21/kch/").status_code == 403
    # The business unit keeps a return for an agency with no one signed up.
    assert manager.get("/training/returns/2020-21/cafcass/").status_code == 200


def test_a_stale_return_is_refused_on_the_form(contributor, demo) -> None:  # type: ignore[no-untyped-def]
    url = "/training/returns/2020-21/met-police/"
    response = contributor.post(url, {"workforce": "1", "note": "", "version": "99"})
    assert response.status_code == 400
    assert "Someone else changed this return" in response.content.decode()
    assert TrainingReturn.objects.get(agency__code="met-police", year__label="2020-21").workforce == 650


GOOD = ("Event ID,Course,Event date,Format,Places,Event cost,Delegate ID,Organisation,Attendance\n"
        "EV-21-900,Safer recruitment,14/04/2021,Webinar,20,300,D9001,Kings College Hospital,"
        "Attended\n"
        "EV-21-900,Safer recruitment,14/04/2021,Webinar,20,300,D9002,GP practice,DNA\n")


def upload(client: Client, content: str, name: str = "evolve-2021-22.csv", year: str = "2021-22"):  # type: ignore[no-untyped-def]
    return client.post("/training/imports/", {
        "source": "lms", "year": year,
        "file": SimpleUploadedFile(name, content.encode(), content_type="text/csv")})


def test_the_business_unit_uploads_an_export_and_it_is_imported(manager, demo) -> None:  # type: ignore[no-untyped-def]
    response = upload(manager, GOOD)
    assert response.status_code == 302
    session = TrainingSession.objects.get(code="ev-21-900")
    assert session.course.code == "safer-recruitment" and session.cost_pence == 30000
    assert Booking.objects.filter(session=session).count() == 2
    assert Booking.objects.get(session=session, status="did_not_attend").charge_pence == 5000
    log = TrainingImport.objects.get(file_name="evolve-2021-22.csv")
    assert log.imported_by is not None and log.imported_by.username == "manager"
    assert not log.illustrative
    page = manager.get(response["Location"]).content.decode()
    assert "evolve-2021-22.csv imported: 2 rows read" in page


def test_a_bad_upload_lists_every_problem_by_row_and_column_and_stores_nothing(manager, demo) -> None:  # type: ignore[no-untyped-def]
    before = Booking.objects.count()
    bad = GOOD.replace("14/04/2021", "31/04/2021", 1).replace("GP practice", "Acme Ltd")
    response = upload(manager, bad)
    assert response.status_code == 400
    problems = re.search(r'data-testid="problems">(.*?)</ul>', response.content.decode(), re.S)
    assert problems
    text = problems.group(1)
    assert "evolve-2021-22.csv:2:Event date: &quot;31/04/2021&quot; is not a date" in text
    assert "evolve-2021-22.csv:3:Organisation: unknown agency &quot;Acme Ltd&quot;" in text
    assert Booking.objects.count() == before
    assert not TrainingImport.objects.filter(file_name="evolve-2021-22.csv").exists()


def test_an_upload_form_without_a_file_or_year_says_what_to_enter(manager, demo) -> None:  # type: ignore[no-untyped-def]
    response = manager.post("/training/imports/", {"source": "lms", "year": "2021"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Choose the export file" in page and "Enter the year like" in page


def test_the_business_unit_adds_a_course_its_outcome_and_a_session(manager, demo) -> None:  # type: ignore[no-untyped-def]
    response = manager.post("/training/courses/new/", {
        "title": "Contextual safeguarding", "topic": "Exploitation", "level": "advanced",
        "audience": "Youth workers", "delivery": "live_webinar", "description": ""})
    assert response.status_code == 302
    course = Course.objects.get(title="Contextual safeguarding")
    assert response["Location"] == f"/training/courses/{course.code}/"
    assert manager.post(f"/training/courses/{course.code}/outcomes/new/",
                        {"text": "Map the places a young person is at risk"}).status_code == 302
    assert course.outcomes.get().position == 1
    added = manager.post(f"/training/courses/{course.code}/sessions/new/", {
        "date_day": "9", "date_month": "6", "date_year": "2021", "delivery": "live_webinar",
        "places": "25", "cost": "350.50"})
    assert added.status_code == 302, added.content.decode()[:2000]
    session = course.sessions.get()
    assert (session.date.isoformat(), session.cost_pence) == ("2021-06-09", 35050)
    refused = manager.post(f"/training/sessions/{session.pk}/edit/", {
        "date_day": "10", "date_month": "6", "date_year": "2021", "delivery": "live_webinar",
        "places": "25", "cost": "", "version": "7"})
    assert "Someone else changed this session" in refused.content.decode()


def test_a_mapping_with_mistakes_is_refused_and_a_good_one_saved(manager, demo) -> None:  # type: ignore[no-untyped-def]
    response = manager.post("/training/imports/mappings/new/", {
        "source": "bookings-2", "text": 'kind = "bookings"\nsource = "bookings-2"\n'})
    assert response.status_code == 400
    assert "Columns: missing [columns] table" in response.content.decode()
    assert not ImportMapping.objects.filter(source="bookings-2").exists()
    lms = ImportMapping.objects.get(source="lms")
    saved = manager.post("/training/imports/mappings/new/", {"source": "bookings-2",
                                                             "text": lms.text.replace(
                                                                 'source = "lms"',
                                                                 'source = "bookings-2"')})
    assert saved.status_code == 302
    assert ImportMapping.objects.filter(source="bookings-2").exists()


def test_the_charges_policy_is_data_the_business_unit_changes(manager, demo: Partnership) -> None:  # type: ignore[no-untyped-def]
    policy = TrainingPolicy.objects.get(partnership=demo)
    assert policy.non_attendance_charge_pence == 5000
    response = manager.post("/training/charges/", {
        "non_attendance_charge": "60", "late_cancellation_charge": "30.50",
        "late_cancellation_days": "3", "version": str(policy.version)})
    assert response.status_code == 302
    policy.refresh_from_db()
    assert (policy.non_attendance_charge_pence, policy.late_cancellation_charge_pence,
            policy.late_cancellation_days) == (6000, 3050, 3)
    assert upload(manager, GOOD).status_code == 302
    assert Booking.objects.get(session__code="ev-21-900", status="did_not_attend").charge_pence \
        == 6000
