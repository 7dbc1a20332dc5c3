"""The audit trail (issue 8): every change to every record with who, when and what changed;
sign-ins, failed sign-ins, publishing and internal downloads; read by the business unit and
the chair of their own partnership only. Decision 0014, docs/audit.md."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client
from django.utils import timezone

from lscp.assurance import services as assurance_services
from lscp.assurance.models import Action, CaseReview, Challenge, Recommendation
from lscp.audit.history import acting_as
from lscp.audit.models import Event, EventKind
from lscp.audit.selectors import Entry, TrailFilter, record_types, trail_page, trail_rows
from lscp.audit.services import record_sign_in
from lscp.dataset.models import Indicator, ReturnLoad
from lscp.demo.setup import DEMO_PASSWORD
from lscp.partnership import navigation, versioning
from lscp.partnership.bundle.importer import import_bundle_folder
from lscp.partnership.locking import claim
from lscp.partnership.models import Attendance, Meeting, Partnership, ReportingYear, Role
from lscp.partnership.services import report_publication_set, seats_for_meeting
from tests import factories as f

LSCP = Path(__file__).resolve().parent.parent / "lscp"
BOARD_MEETING = "/groups/board/meetings/2020-06-10/"


def entries(p: Partnership, **filters: Any) -> list[Entry]:
    return trail_page(p, TrailFilter(**filters))[1]


def user(username: str) -> Any:
    return get_user_model().objects.get(username=username)


@pytest.fixture
def action(demo: Partnership) -> Action:
    review = CaseReview.objects.create(partnership=demo, code="audit-lr", pseudonym="Child A",
                                       kind="learning_review", completed=dt.date(2021, 1, 10))
    rec = Recommendation.objects.create(partnership=demo, code="audit-rec", review=review,
                                        text="Share information sooner")
    return Action.objects.create(recommendation=rec, position=1, text="Police briefing",
                                 owner=demo.agencies.get(code="met-police"),
                                 due=dt.date(2021, 5, 28))


# Changes to records -------------------------------------------------------------------------


def test_an_action_edited_on_the_web_shows_who_when_and_what_changed(
        demo: Partnership, contributor: Client, manager: Client, action: Action) -> None:
    before = timezone.now()
    response = contributor.post(f"/learning/actions/{action.pk}/edit/", {
        "status": "done", "evidence": "Briefing given to 40 officers", "impact": "",
        "version": action.version})
    assert response.status_code == 302
    row = action.history.first()  # type: ignore[attr-defined]
    assert (row.history_type, row.history_user, row.history_partnership) == (
        "~", user("police"), demo.pk)
    assert row.history_date >= before

    entry = entries(demo, kind="assurance.action")[0]
    assert (entry.who, entry.action, entry.subject) == ("police", "Changed", "Police briefing")
    changes = {c.field: (c.before, c.after) for c in entry.changes}
    assert changes["Status"] == ("Not started", "Done")
    assert changes["Evidence"] == ("(empty)", "Briefing given to 40 officers")
    assert changes["Completed on"][0] == "(empty)"
    assert "Version" not in changes  # the lock counter is bookkeeping, never shown

    page = manager.get("/audit/?kind=assurance.action").content.decode()
    assert "Briefing given to 40 officers" in page and "Not started" in page
    assert re.search(r"<strong>Status</strong>: Not started .*changed to.* Done", page)


def _register(meeting: Meeting, changes: dict[int, str]) -> dict[str, Any]:
    current = {a.seat_id: a.status for a in meeting.attendances.all()}
    data: dict[str, Any] = {"version": meeting.version}
    for seat in seats_for_meeting(meeting):
        data[f"seat_{seat.pk}"] = changes.get(seat.pk, current.get(seat.pk, "present"))
    return data


def test_an_attendance_change_is_kept_once_for_the_seat_that_changed(
        demo: Partnership, manager: Client) -> None:
    meeting = Meeting.objects.get(group__code="board", date="2020-06-10")
    changed = meeting.attendances.exclude(status="absent").first()
    assert changed is not None
    rows_before = Attendance.history.count()  # type: ignore[attr-defined]
    response = manager.post(BOARD_MEETING + "attendance/",
                            _register(meeting, {changed.seat_id: "absent"}))
    assert response.status_code == 302
    # Every seat was saved again; only the one that changed has a new history row.
    assert Attendance.history.count() == rows_before + 1  # type: ignore[attr-defined]
    entry = entries(demo, kind="partnership.attendance")[0]
    assert entry.who == "manager"
    assert [(c.field, c.after) for c in entry.changes] == [("Status", "Absent")]


def test_a_challenge_raised_shows_who_raised_it(demo: Partnership, chair: Client) -> None:
    response = chair.post("/learning/challenges/new/", {
        "raised_by": "Independent Chair", "to_agency": "", "raised_on": "2021-06-30",
        "challenge": "How are missing children's return interviews followed up?"})
    assert response.status_code == 302
    entry = entries(demo, kind="assurance.challenge")[0]
    assert (entry.who, entry.action) == ("chair", "Created")
    assert entry.subject.startswith("How are missing children")
    assert ("Raised by", None, "Independent Chair") in [
        (c.field, c.before, c.after) for c in entry.changes]
    assert Challenge.history.first().history_user == user("chair")  # type: ignore[attr-defined]


def test_publishing_and_withdrawing_are_kept_with_who(demo: Partnership, chair: Client) -> None:
    url = "/reports/yearly/2020-21/publish/"  # published in the demo bundle
    f.ready_to_publish(demo.years.get(label="2020-21"))  # publishing is gated on sign-off
    chair.post(url, {"action": "withdraw"})  # the confirmation page: nothing done yet
    assert not Event.objects.filter(kind=EventKind.WITHDRAWN).exists()
    chair.post(url, {"action": "withdraw", "confirmed": "yes"})
    chair.post(url, {"action": "publish", "confirmed": "yes"})
    events = Event.objects.filter(partnership=demo, kind__in=[EventKind.PUBLISHED,
                                                              EventKind.WITHDRAWN])
    assert [(e.kind, e.user, e.subject) for e in events] == [
        (EventKind.PUBLISHED, user("chair"), "Yearly report 2020-21"),
        (EventKind.WITHDRAWN, user("chair"), "Yearly report 2020-21")]
    year = entries(demo, kind="partnership.reportingyear")
    assert [(e.who, [(c.field, c.before, c.after) for c in e.changes]) for e in year[:2]] == [
        ("chair", [("Report published", "No", "Yes")]),
        ("chair", [("Report published", "Yes", "No")])]
    published = entries(demo, kind="event:published")
    assert [(e.who, e.action, e.subject) for e in published] == [
        ("chair", "Report published", "Yearly report 2020-21")]


def test_a_service_called_outside_a_request_records_the_user_it_is_given(
        demo: Partnership, action: Action) -> None:
    manager = user("manager")
    assurance_services.action_update(action=action, user=manager, status="in_progress",
                                     evidence="", impact="", seen_version=action.version,
                                     today=dt.date(2021, 5, 1))
    year = ReportingYear.objects.get(partnership=demo, label="2020-21")
    report_publication_set(year=year, published=False, by=user("chair"))
    assert action.history.first().history_user == manager  # type: ignore[attr-defined]
    assert year.history.first().history_user == user("chair")  # type: ignore[attr-defined]
    assert Event.objects.get(kind=EventKind.WITHDRAWN).user == user("chair")


def test_a_deletion_and_a_change_of_linked_agencies_are_kept(
        demo: Partnership, action: Action) -> None:
    review = action.recommendation.review
    assert review is not None
    with acting_as(user("manager")):
        review.agencies.add(demo.agencies.get(code="met-police"))
        action.delete()
    linked = entries(demo, kind="assurance.casereview")[0]
    assert (linked.who, [(c.field, c.before, c.after) for c in linked.changes]) == (
        "manager", [("Agencies", "(empty)", "Metropolitan Police Service – Bromley Borough BCU")])
    deleted = entries(demo, kind="assurance.action")[0]
    assert (deleted.who, deleted.action, deleted.subject) == ("manager", "Deleted",
                                                              "Police briefing")
    assert ("Text", "Police briefing", None) in [
        (c.field, c.before, c.after) for c in deleted.changes]


def test_a_save_that_changes_nothing_adds_no_history(demo: Partnership, action: Action) -> None:
    rows = action.history.count()  # type: ignore[attr-defined]
    action.save()
    assert action.history.count() == rows  # type: ignore[attr-defined]
    action.text = "Police briefing, all sergeants"
    action.save()
    assert action.history.count() == rows + 1  # type: ignore[attr-defined]


def test_claim_changes_only_the_lock_counter_which_history_does_not_track(
        demo: Partnership, action: Action) -> None:
    """Decision 0014: claim() is an UPDATE of `version` alone; the save that follows it (or
    the rows it guards, such as attendance) is what history records."""
    history_fields = {f.name for f in Action.history.model._meta.fields}  # type: ignore[attr-defined]
    assert "version" not in history_fields and "status" in history_fields
    rows = action.history.count()  # type: ignore[attr-defined]
    claim(action, action.version)
    assert action.history.count() == rows  # type: ignore[attr-defined]


# What a queryset `.update()` in lscp may change: the lock counter, and the times an import
# writes back as its bundle gives them (fields Django stamps on save, not anybody's edit).
UPDATES_HISTORY_NEED_NOT_SEE = ("version", "update(**stamps)")


def test_no_queryset_update_changes_a_tracked_field() -> None:
    """`.update()` sends no signal, so history never sees it: anything but the lock counter
    or an imported time stamp must be saved through the model."""
    offenders = []
    for path in LSCP.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for n, line in enumerate(path.read_text().splitlines(), 1):
            if re.search(r"\)\.update\(", line) and not any(
                    allowed in line for allowed in UPDATES_HISTORY_NEED_NOT_SEE):
                offenders.append(f"{path.relative_to(LSCP)}:{n}")
    assert offenders == []


def test_every_lscp_model_keeps_its_history_and_the_pseudonym_key_is_not_copied() -> None:
    from django.apps import apps

    models = [m for m in apps.get_models()
              if m.__module__.startswith("lscp.") and not hasattr(m, "instance_type")]
    untracked = [m.__name__ for m in models if m is not Event and not hasattr(
        m._meta, "simple_history_manager_attribute")]
    assert untracked == []
    assert "Action" in {t.model.__name__ for t in record_types()}
    historical = {f.name for f in Partnership.history.model._meta.fields}  # type: ignore[attr-defined]
    assert "pseudonym_key" not in historical and "name" in historical
    assert "report" not in {f.name for f in ReturnLoad.history.model._meta.fields}  # type: ignore[attr-defined]


def test_an_import_keeps_history_by_nobody(demo: Partnership) -> None:
    rows = Attendance.history.filter(history_partnership=demo.pk)  # type: ignore[attr-defined]
    assert rows.count() == Attendance.objects.filter(meeting__group__partnership=demo).count()
    assert set(rows.values_list("history_type", "history_user")) == {("+", None)}
    assert entries(demo, kind="partnership.attendance")[0].who.startswith("Nobody signed in")


@pytest.mark.django_db
def test_an_import_undone_takes_its_history_with_it(bundle_copy: Path) -> None:
    """History rows are written in the import's own transaction: all or nothing."""
    with pytest.raises(RuntimeError), transaction.atomic():
        assert import_bundle_folder(bundle_copy).ok
        assert Attendance.history.exists()  # type: ignore[attr-defined]
        raise RuntimeError("undo")
    assert not Attendance.history.exists()  # type: ignore[attr-defined]


# Events ---------------------------------------------------------------------------------------


def test_a_sign_in_and_a_failed_sign_in_are_kept_without_the_password(demo: Partnership) -> None:
    client = Client()
    response = client.post("/sign-in/", {"username": "police", "password": "not-the-password-7"})
    assert response.status_code == 200  # the form again, with its error
    client.post("/sign-in/", {"username": "nobody-here", "password": "not-the-password-7"})
    response = client.post("/sign-in/", {"username": "police", "password": DEMO_PASSWORD})
    assert response.status_code == 302

    failed, signed_in = (Event.objects.filter(kind=k, username="police").get()
                         for k in (EventKind.SIGN_IN_FAILED, EventKind.SIGNED_IN))
    assert (failed.partnership, failed.user, failed.address) == (demo, None, "127.0.0.1")
    assert (signed_in.partnership, signed_in.user, signed_in.address) == (
        demo, user("police"), "127.0.0.1")
    unknown = Event.objects.get(username="nobody-here")
    assert unknown.partnership is None  # nobody's: on no partnership's trail
    for event in Event.objects.all():
        assert "not-the-password-7" not in str([getattr(event, f.attname)
                                                for f in Event._meta.fields])
    failures = entries(demo, kind="event:sign_in_failed")
    assert [(e.action, e.detail) for e in failures] == [
        ("Sign-in failed", "Username tried: police; From 127.0.0.1")]


def test_the_internal_edition_download_is_kept_and_the_public_one_is_not(
        demo: Partnership, board_member: Client, manager: Client) -> None:
    url = "/reports/yearly/2020-21/download.html"
    assert board_member.get(url + "?edition=public").status_code == 200
    assert not Event.objects.filter(kind=EventKind.INTERNAL_DOWNLOAD).exists()
    assert board_member.get(url).status_code == 200
    event = Event.objects.get(kind=EventKind.INTERNAL_DOWNLOAD)
    assert (event.user, event.partnership, event.subject) == (
        user("board"), demo, "Yearly report 2020-21, internal edition (HTML)")

    load = ReturnLoad.objects.create(partnership=demo, year="2020-21", report=b"row,problem\n",
                                     provenance="test")
    assert manager.get(f"/dataset/returns/{load.pk}/report.csv").status_code == 200
    event = Event.objects.get(kind=EventKind.RETURNS_REPORT_DOWNLOAD)
    assert (event.user, event.subject) == (user("manager"),
                                           f"Returns validation report 2020-21 (load {load.pk})")


def test_writing_the_trail_leaves_the_data_version_alone(demo: Partnership) -> None:
    """Pages are cached by data version: a sign-in must not make every page rebuild."""
    before = versioning.version(demo.pk)
    record_sign_in(None, user("police"))
    Event.objects.create(kind=EventKind.INTERNAL_DOWNLOAD, partnership=demo)
    assert versioning.version(demo.pk) == before


# The page -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("role", "status"), [
    ("manager", 200), ("chair", 200), ("contributor", 403), ("board_member", 403)])
def test_the_trail_is_for_the_business_unit_and_the_chair(role: str, status: int,
                                                          request: Any) -> None:
    client: Client = request.getfixturevalue(role)
    assert client.get("/audit/").status_code == status
    labels = [i["label"] for i in navigation.menu_for(user(_username(role)), "/")]
    assert ("Audit trail" in labels) is (status == 200)


def _username(role: str) -> str:
    return {"manager": "manager", "chair": "chair", "contributor": "police",
            "board_member": "board"}[role]


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_sign_in(demo: Partnership) -> None:
    response = Client().get("/audit/")
    assert response.status_code == 302 and "sign-in" in response["Location"]


def test_the_filters_narrow_by_record_person_and_date(
        demo: Partnership, manager: Client, contributor: Client, chair: Client,
        action: Action) -> None:
    contributor.post(f"/learning/actions/{action.pk}/edit/", {
        "status": "in_progress", "evidence": "", "impact": "", "version": action.version})
    chair.post("/learning/challenges/new/", {
        "raised_by": "Independent Chair", "to_agency": "", "raised_on": "2021-06-30",
        "challenge": "Why are strategy discussions late?"})
    police = user("police")

    by_police = entries(demo, person=police)
    assert by_police and all(e.who == "police" for e in by_police)
    assert {e.what for e in by_police} == {"Action", "Event"}  # the edit and the sign-in
    assert {e.what for e in entries(demo, kind="assurance.challenge")} == {"Challenge"}

    # Move the imported rows into the past: a range finds only what falls inside it.
    Attendance.history.filter(history_partnership=demo.pk).update(  # type: ignore[attr-defined]
        history_date=timezone.make_aware(dt.datetime(2021, 3, 15, 12)))
    march = entries(demo, since=dt.date(2021, 3, 1), until=dt.date(2021, 3, 31))
    assert march and {e.what for e in march} == {"Attendance"}
    assert entries(demo, since=dt.date(2021, 3, 16), until=dt.date(2021, 3, 31)) == []

    # Through the page: the same filters as a form (GOV.UK date inputs), newest first.
    page = manager.get("/audit/", {"person": police.pk, "kind": "assurance.action"})
    html = page.content.decode()
    assert "Police briefing" in html and "Why are strategy discussions late?" not in html
    page = manager.get("/audit/", {"since_day": "15", "since_month": "3", "since_year": "2021",
                                   "until_day": "15", "until_month": "3", "until_year": "2021",
                                   "kind": "partnership.attendance"})
    assert page.context["page"].paginator.count == Attendance.objects.filter(
        meeting__group__partnership=demo).count()
    bad = manager.get("/audit/", {"since_day": "31", "since_month": "2", "since_year": "2021"})
    assert "From must be a real date" in bad.content.decode()


def test_the_trail_is_newest_first_and_paged(demo: Partnership, manager: Client) -> None:
    rows = list(trail_rows(demo, TrailFilter()))
    assert len(rows) > 50
    assert [r[0] for r in rows] == sorted((r[0] for r in rows), reverse=True)
    first = manager.get("/audit/")
    second = manager.get("/audit/", {"page": 2})
    assert first.context["page"].number == 1 and second.context["page"].number == 2
    assert len(first.context["entries"]) == 50
    assert 'class="govuk-pagination"' in first.content.decode()
    assert first.context["entries"][0].at >= second.context["entries"][0].at


def test_another_partnerships_changes_and_people_never_show(
        demo: Partnership, manager: Client) -> None:
    other = f.PartnershipFactory(name="Elsewhere Partnership")
    outsider = f.member(other, Role.BUSINESS_UNIT, username="outsider")
    agency = f.AgencyFactory(partnership=other, name="Elsewhere Police")
    theirs = f.ActionFactory(recommendation__partnership=other, owner=agency,
                             text="Elsewhere action")
    assurance_services.action_update(action=theirs, user=outsider, status="done",
                                     evidence="Elsewhere evidence", impact="",
                                     seen_version=theirs.version, today=dt.date(2021, 5, 1))
    record_sign_in(None, outsider)
    indicator = Indicator.objects.first()
    assert indicator is not None
    indicator.title = "Changed by someone elsewhere"
    indicator._history_user = outsider  # type: ignore[attr-defined]
    indicator.save()

    ours = entries(demo)
    assert all("Elsewhere" not in e.subject and e.who != "outsider" for e in ours)
    html = manager.get("/audit/").content.decode() + manager.get("/audit/", {"page": 2}).content.decode()
    assert "outsider" not in html and "Elsewhere" not in html
    assert entries(other, person=outsider)  # their own trail has it
    # Their user cannot be chosen as a person to filter by, either.
    assert "outsider" not in manager.get("/audit/").content.decode()
    assert [e.what for e in entries(demo, person=outsider)] == []
