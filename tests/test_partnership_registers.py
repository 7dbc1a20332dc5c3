"""Issue 9, part 2: the partnership's registers edited in the app, not the admin.

Priorities and their actions, budget lines, groups, seats and role holders are added,
changed and withdrawn (with a reason) by the business unit only; a stale edit is refused;
withdrawn records leave lists and the yearly report. Meetings are corrected and cancelled,
and a cancelled meeting leaves the meetings-held and attendance figures.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from lscp.partnership import selectors
from lscp.partnership.models import (
    Attendance,
    BudgetLine,
    Group,
    Meeting,
    Person,
    Priority,
    PriorityAction,
    Seat,
)
from lscp.reports.documents.yearly import build_yearly_report
from tests import factories as f
from tests.test_yearly_report import tables

BOARD_MEETING = "/groups/board/meetings/2020-06-10/"


def errors_of(response) -> str:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    assert "There is a problem" in html
    return html


def page(client: Client, url: str) -> str:
    """A list page as it shows after the flash message of the last change has been read."""
    client.get(url)
    return client.get(url).content.decode()


def report(demo):  # type: ignore[no-untyped-def]
    return build_yearly_report(demo, demo.years.get(label="2020-21"))


# Priorities and their actions ---------------------------------------------------------------


def test_the_business_unit_keeps_the_business_plan_in_the_app(manager: Client, demo) -> None:  # type: ignore[no-untyped-def]
    assert "Enter the priority" in errors_of(manager.post("/priorities/new/?year=2020-21", {}))
    response = manager.post("/priorities/new/?year=2020-21",
                            {"title": "Neglect", "description": "Spot it early"})
    assert response.status_code == 302 and response["Location"] == "/priorities/?year=2020-21"
    priority = Priority.objects.get(title="Neglect")
    assert (priority.year.label, priority.code) == ("2020-21", "neglect")

    url = f"/priorities/{priority.pk}/actions/new/"
    assert "Enter the action" in errors_of(manager.post(url, {"status": "planned"}))
    manager.post(url, {"text": "Train 200 staff", "status": "in_progress", "rag": "amber",
                       "progress": "120 trained"})
    action = PriorityAction.objects.get(priority=priority)
    page = manager.get("/priorities/?year=2020-21").content.decode()
    assert "Train 200 staff" in page and "120 trained" in page and "Amber" in page

    manager.post(f"/priorities/actions/{action.pk}/edit/", {
        "text": "Train 200 staff", "status": "done", "rag": "green", "progress": "All trained",
        "version": action.version})
    action.refresh_from_db()
    assert (action.status, action.rag, action.progress, action.version) == (
        "done", "green", "All trained", 1)
    assert action.history.latest().history_user.username == "manager"


def test_a_stale_edit_of_a_priority_is_refused(manager: Client, demo) -> None:  # type: ignore[no-untyped-def]
    priority = Priority.objects.filter(year__partnership=demo).first()
    assert priority is not None
    opened = priority.version
    manager.post(f"/priorities/{priority.pk}/edit/", {"title": "First", "version": opened})
    response = manager.post(f"/priorities/{priority.pk}/edit/",
                            {"title": "Second", "version": opened})
    assert "Someone else changed this priority" in errors_of(response)
    priority.refresh_from_db()
    assert priority.title == "First"


def test_a_withdrawn_priority_leaves_the_page_and_the_report(manager: Client, demo) -> None:  # type: ignore[no-untyped-def]
    priority = Priority.objects.filter(year__partnership=demo, year__label="2020-21").first()
    assert priority is not None
    assert priority.title in manager.get("/priorities/?year=2020-21").content.decode()
    url = f"/priorities/{priority.pk}/withdraw/"
    assert "Enter why it is being withdrawn" in errors_of(
        manager.post(url, {"reason": " ", "version": priority.version}))
    manager.post(url, {"reason": "Merged into neglect", "version": priority.version})
    priority.refresh_from_db()
    assert priority.withdrawn_on is not None and priority.withdrawn_reason == "Merged into neglect"
    assert priority.withdrawn_by.username == "manager"
    assert priority.title not in page(manager, "/priorities/?year=2020-21")
    section = next(s for s in report(demo).sections if s.id == "priorities")
    assert priority.title not in [sub.title for sub in section.subsections]
    assert manager.get(f"/priorities/{priority.pk}/edit/").status_code == 404
    assert priority.history.count() >= 2  # the history stays


def test_priorities_filter_by_text_and_status(manager: Client, demo) -> None:  # type: ignore[no-untyped-def]
    year = demo.years.get(label="2020-21")
    done = PriorityAction.objects.filter(priority__year=year, status="done").first()
    assert done is not None
    planned = f.PriorityActionFactory(priority=done.priority, status="planned", position=99,
                                      text="A synthetic planned action")
    page = manager.get("/priorities/?year=2020-21&status=done").content.decode()
    assert done.text[:40] in page and planned.text[:40] not in page
    word = done.text.split()[2]
    page = manager.get(f"/priorities/?year=2020-21&q={word}").content.decode()
    assert done.text[:40] in page


# Budget -------------------------------------------------------------------------------------


def test_budget_lines_are_added_changed_and_withdrawn_and_the_report_follows(
        manager: Client, demo) -> None:  # type: ignore[no-untyped-def]
    year = demo.years.get(label="2020-21")
    before = selectors.budget_for(year).income_total
    html = errors_of(manager.post("/budget/new/?year=2020-21", {
        "direction": "income", "line": "Grant", "amount": "lots"}))
    assert "Amount must be a number of pounds, like 12500" in html
    assert "Amount must be 0 or more" in errors_of(manager.post("/budget/new/?year=2020-21", {
        "direction": "income", "line": "Grant", "amount": "-5"}))
    manager.post("/budget/new/?year=2020-21", {"direction": "income", "line": "Grant",
                                                "amount": "1,000.50"})
    line = BudgetLine.objects.get(year=year, line="Grant")
    assert line.amount_pence == 100_050
    assert selectors.budget_for(year).income_total == before + 100_050
    assert "already has a income line called Grant" in errors_of(manager.post(
        "/budget/new/?year=2020-21", {"direction": "income", "line": "Grant", "amount": "1"}))

    manager.post(f"/budget/{line.pk}/edit/", {"direction": "income", "line": "Grant",
                                              "amount": "2000", "version": line.version})
    assert selectors.budget_for(year).income_total == before + 200_000

    training = BudgetLine.objects.get(year=year, line="Training income")
    manager.post(f"/budget/{training.pk}/withdraw/", {"reason": "Entered twice",
                                                      "version": training.version})
    manager.post(f"/budget/{line.pk}/withdraw/", {"reason": "Not received",
                                                  "version": line.version + 1})
    assert selectors.budget_for(year).income_total == before - training.amount_pence
    income = tables(report(demo))["Income, 2020-21"]
    assert training.line not in [row[0] for row in income.rows]
    assert income.foot[0][1] != "£197,295"
    assert "Training income" not in page(manager, "/budget/?year=2020-21")


def test_the_budget_filters_by_agency(manager: Client, demo) -> None:  # type: ignore[no-untyped-def]
    line = BudgetLine.objects.filter(year__partnership=demo, agency__isnull=False).first()
    other = BudgetLine.objects.filter(year=line.year).exclude(agency=line.agency).first()
    page = manager.get(f"/budget/?year={line.year.label}&agency={line.agency.code}")
    html = page.content.decode()
    assert line.line in html and f">{other.line}" not in html


# Groups, seats and role holders -------------------------------------------------------------


def test_groups_are_added_with_a_parent_and_chair_and_cannot_report_to_themselves(
        manager: Client, demo) -> None:  # type: ignore[no-untyped-def]
    board = Group.objects.get(partnership=demo, code="board")
    chair = Person.objects.filter(partnership=demo).first()
    assert "Enter the group&#x27;s name" in errors_of(manager.post("/groups/new/", {"kind": "panel"}))
    manager.post("/groups/new/", {"name": "Neglect Panel", "kind": "panel",
                                  "parent": board.pk, "chair": chair.pk, "purpose": "Cases"})
    panel = Group.objects.get(name="Neglect Panel")
    assert (panel.code, panel.parent, panel.chair) == ("neglect-panel", board, chair)
    response = manager.post(f"/groups/{board.code}/edit/", {
        "name": board.name, "kind": board.kind, "parent": panel.pk, "version": board.version})
    assert "cannot report to itself" in errors_of(response)
    manager.post(f"/groups/{panel.code}/withdraw/", {"reason": "Never met",
                                                     "version": panel.version})
    assert "Neglect Panel" not in page(manager, "/groups/")
    assert manager.get(f"/groups/{panel.code}/").status_code == 404


def test_seats_take_gov_uk_dates_and_a_withdrawn_seat_leaves_the_register(
        manager: Client, demo) -> None:  # type: ignore[no-untyped-def]
    agency = demo.agencies.get(code="met-police")
    url = "/groups/board/seats/new/"
    html = errors_of(manager.post(url, {"agency": agency.pk}))
    assert "Enter the start date" in html and 'href="#id_start"' in html
    assert "Start date must be a real date, like 30 6 2021" in errors_of(manager.post(url, {
        "agency": agency.pk, "start_day": "31", "start_month": "2", "start_year": "2021"}))
    assert "End date must be on or after the start date" in errors_of(manager.post(url, {
        "agency": agency.pk, "start_day": "1", "start_month": "4", "start_year": "2020",
        "end_day": "1", "end_month": "1", "end_year": "2020"}))
    manager.post(url, {"agency": agency.pk, "role_title": "Detective Inspector",
                       "start_day": "1", "start_month": "4", "start_year": "2020"})
    seat = Seat.objects.get(group__code="board", role_title="Detective Inspector")
    assert seat.start == dt.date(2020, 4, 1) and seat.end is None
    meeting = Meeting.objects.get(group__code="board", date="2020-06-10")
    assert "Detective Inspector" in manager.get(BOARD_MEETING).content.decode()
    manager.post(f"/seats/{seat.pk}/edit/", {
        "agency": agency.pk, "role_title": "Detective Inspector", "start_day": "1",
        "start_month": "4", "start_year": "2020", "end_day": "31", "end_month": "5",
        "end_year": "2020", "version": seat.version})
    seat.refresh_from_db()
    assert seat.end == dt.date(2020, 5, 31)
    assert "Detective Inspector" not in page(manager, BOARD_MEETING)
    other = Seat.objects.filter(group__code="board").exclude(pk=seat.pk).first()
    manager.post(f"/seats/{other.pk}/withdraw/", {"reason": "Entered by mistake",
                                                  "version": other.version})
    from lscp.partnership.services import seats_for_meeting
    assert other not in seats_for_meeting(meeting)


def test_role_holders_are_listed_filtered_added_and_withdrawn(manager: Client, demo) -> None:  # type: ignore[no-untyped-def]
    assert "Enter the role the person holds" in errors_of(
        manager.post("/role-holders/new/", {"name": "A"}))
    manager.post("/role-holders/new/", {"role_title": "Designated Doctor", "name": "Dr Synth"})
    person = Person.objects.get(role_title="Designated Doctor")
    assert "Dr Synth" in page(manager, "/role-holders/?q=doctor")
    assert "Dr Synth" not in page(manager, "/role-holders/?q=nurse")
    manager.post(f"/role-holders/{person.pk}/withdraw/", {"reason": "Left",
                                                          "version": person.version})
    assert "Dr Synth" not in page(manager, "/role-holders/")


# Meetings: edit, cancel, mark all present ---------------------------------------------------


def test_a_meeting_gets_its_time_and_place_and_a_clash_or_stale_edit_is_refused(
        manager: Client, demo) -> None:  # type: ignore[no-untyped-def]
    meeting = Meeting.objects.get(group__code="board", date="2020-06-10")
    data = {"date_day": "11", "date_month": "6", "date_year": "2020", "kind": "ordinary",
            "start_time": "14:00", "end_time": "13:00", "place": "Civic Centre",
            "version": meeting.version}
    assert "End time must be after the start time" in errors_of(
        manager.post(BOARD_MEETING + "edit/", data))
    data["end_time"] = "16:30"
    response = manager.post(BOARD_MEETING + "edit/", data)
    assert response["Location"] == "/groups/board/meetings/2020-06-11/"
    meeting.refresh_from_db()
    assert (meeting.date, meeting.start_time, meeting.end_time, meeting.place) == (
        dt.date(2020, 6, 11), dt.time(14), dt.time(16, 30), "Civic Centre")
    page = manager.get("/groups/board/meetings/2020-06-11/").content.decode()
    assert "14:00 to 16:30" in page and "Civic Centre" in page
    assert meeting.attendances.count() > 0  # the register moved with it

    other = Meeting.objects.filter(group__code="board").exclude(pk=meeting.pk).first()
    clash = {**data, "date_day": other.date.day, "date_month": other.date.month,
             "date_year": other.date.year,
             "version": meeting.version}
    assert "already has a meeting on" in errors_of(
        manager.post("/groups/board/meetings/2020-06-11/edit/", clash))
    stale = {**data, "place": "Elsewhere", "version": meeting.version - 1}
    assert "Someone else changed this meeting" in errors_of(
        manager.post("/groups/board/meetings/2020-06-11/edit/", stale))


def test_a_cancelled_meeting_leaves_meetings_held_and_attendance(manager: Client, demo) -> None:  # type: ignore[no-untyped-def]
    year = demo.years.get(label="2020-21")
    board = Group.objects.get(partnership=demo, code="board")
    before = tables(report(demo))
    assert {r[0]: r[4] for r in before["Groups and meetings held, 2020-21"].rows}[
        "Partnership Board"] == "4"
    attendance_before = {r.agency.name: r.expected for r in
                         selectors.attendance_by_agency(board, year)}
    meeting = Meeting.objects.get(group=board, date="2020-06-10")
    assert "Enter why the meeting was cancelled" in errors_of(manager.post(
        BOARD_MEETING + "cancel/", {"reason": "", "version": meeting.version}))
    manager.post(BOARD_MEETING + "cancel/", {"reason": "Not quorate", "version": meeting.version})
    meeting.refresh_from_db()
    assert meeting.is_cancelled and meeting.cancelled_by.username == "manager"
    assert "This meeting was cancelled: Not quorate" in manager.get(BOARD_MEETING).content.decode()

    after = tables(report(demo))
    assert {r[0]: r[4] for r in after["Groups and meetings held, 2020-21"].rows}[
        "Partnership Board"] == "3"
    attendance_after = {r.agency.name: r.expected for r in
                        selectors.attendance_by_agency(board, year)}
    from lscp.partnership.services import seats_for_meeting
    assert sum(attendance_before.values()) - sum(attendance_after.values()) == len(
        seats_for_meeting(meeting))
    attendance = next(s for s in report(demo).sections if s.id == "governance")
    assert any("met 3 times" in getattr(b, "text", "") for sub in attendance.subsections
               for b in sub.blocks)


def test_mark_all_present_fills_every_seat_before_saving(manager: Client, demo) -> None:  # type: ignore[no-untyped-def]
    meeting = Meeting.objects.get(group__code="board", date="2020-06-10")
    Attendance.objects.filter(meeting=meeting).update(status="absent")
    page = manager.get(BOARD_MEETING + "attendance/").content.decode()
    assert 'name="all_present"' in page.split("<form")[-1]  # a submit button, no script
    response = manager.post(BOARD_MEETING + "attendance/", {"version": meeting.version,
                                                            "all_present": "yes"})
    assert response.status_code == 302
    assert set(meeting.attendances.values_list("status", flat=True)) == {"present"}
    meeting.refresh_from_db()
    stale = manager.post(BOARD_MEETING + "attendance/", {"version": meeting.version - 1,
                                                         "all_present": "yes"})
    assert "Someone else changed this register" in errors_of(stale)


# Who may --------------------------------------------------------------------------------------


def _record_urls(demo) -> list[str]:  # type: ignore[no-untyped-def]
    priority = Priority.objects.filter(year__partnership=demo).first()
    action = PriorityAction.objects.filter(priority=priority).first()
    line = BudgetLine.objects.filter(year__partnership=demo).first()
    seat = Seat.objects.filter(group__partnership=demo).first()
    person = Person.objects.filter(partnership=demo).first()
    return [f"/priorities/{priority.pk}/edit/", f"/priorities/{priority.pk}/withdraw/",
            f"/priorities/{priority.pk}/actions/new/", f"/priorities/actions/{action.pk}/edit/",
            f"/priorities/actions/{action.pk}/withdraw/", f"/budget/{line.pk}/edit/",
            f"/budget/{line.pk}/withdraw/", f"/seats/{seat.pk}/edit/",
            f"/seats/{seat.pk}/withdraw/", f"/role-holders/{person.pk}/edit/",
            f"/role-holders/{person.pk}/withdraw/"]


@pytest.mark.parametrize("role", ["chair", "contributor", "board_member"])
def test_only_the_business_unit_changes_the_registers(role: str, request, demo) -> None:  # type: ignore[no-untyped-def]
    client: Client = request.getfixturevalue(role)
    for url in _record_urls(demo):
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"reason": "x", "title": "x", "version": 0}).status_code == 403
    assert not Priority.objects.filter(title="x").exists()
    assert not Priority.objects.exclude(withdrawn_on=None).exists()


def test_the_business_unit_sees_its_own_records_pages(manager: Client, demo) -> None:  # type: ignore[no-untyped-def]
    for url in _record_urls(demo):
        assert manager.get(url).status_code == 200, url


def test_another_partnerships_records_are_out_of_reach(manager: Client, demo) -> None:  # type: ignore[no-untyped-def]
    other = f.PartnershipFactory(slug="elsewhere")
    year = f.ReportingYearFactory(partnership=other, label="2020-21")
    priority = f.PriorityFactory(year=year)
    action = f.PriorityActionFactory(priority=priority)
    line = f.BudgetLineFactory(year=year, line="Their grant")
    group = f.GroupFactory(partnership=other, code="their-board")
    seat = f.SeatFactory(group=group)
    person = f.PersonFactory(partnership=other)
    f.MeetingFactory(group=group, date=dt.date(2020, 6, 10))
    for url in [f"/priorities/{priority.pk}/edit/", f"/priorities/{priority.pk}/withdraw/",
                f"/priorities/{priority.pk}/actions/new/",
                f"/priorities/actions/{action.pk}/edit/", f"/budget/{line.pk}/withdraw/",
                f"/groups/{group.code}/edit/", f"/groups/{group.code}/seats/new/",
                f"/seats/{seat.pk}/edit/", f"/role-holders/{person.pk}/edit/",
                f"/groups/{group.code}/meetings/2020-06-10/edit/",
                f"/groups/{group.code}/meetings/2020-06-10/cancel/"]:
        assert manager.get(url).status_code == 404, url
    response = manager.post(f"/budget/{line.pk}/withdraw/", {"reason": "x", "version": 0})
    assert response.status_code == 404
    line.refresh_from_db()
    assert line.withdrawn_on is None
    # Their people never appear among the choices of ours.
    html = manager.get("/groups/new/").content.decode()
    assert person.role_title not in html and group.name not in html


# The bundle ----------------------------------------------------------------------------------


def test_withdrawals_cancellations_times_and_rag_travel_in_the_bundle(demo, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from lscp.partnership import registers, services
    from lscp.partnership.bundle.exporter import export_bundle
    from lscp.partnership.bundle.importer import import_bundle_folder
    from lscp.partnership.models import Partnership

    manager = get_user_model().objects.get(username="manager")
    line = BudgetLine.objects.get(year__partnership=demo, line="Training income")
    registers.withdraw(record=line, seen_version=0, reason="Entered twice", by=manager,
                       today=dt.date(2021, 6, 30))
    meeting = Meeting.objects.get(group__code="board", date="2020-06-10")
    services.meeting_update(meeting=meeting, seen_version=meeting.version, by=manager,
                            date=meeting.date, kind="ordinary", start_time=dt.time(14),
                            end_time=dt.time(16, 30), place="Civic Centre")
    services.meeting_cancel(meeting=meeting, seen_version=meeting.version, by=manager,
                            reason="Not quorate", today=dt.date(2020, 6, 9))
    action = PriorityAction.objects.filter(priority__year__partnership=demo).first()
    registers.record_update(record=action, seen_version=0, by=manager,
                            values={"rag": "amber", "progress": "Half way"})
    key = {"priority__code": action.priority.code, "position": action.position,
           "priority__year__label": action.priority.year.label}
    export_bundle(demo, tmp_path)
    Partnership.objects.all().delete()
    assert import_bundle_folder(tmp_path).ok

    line = BudgetLine.objects.get(line="Training income")
    assert (line.withdrawn_on, line.withdrawn_reason) == (dt.date(2021, 6, 30), "Entered twice")
    meeting = Meeting.objects.get(group__code="board", date="2020-06-10")
    assert (meeting.start_time, meeting.end_time, meeting.place, meeting.cancelled_on,
            meeting.cancelled_reason) == (dt.time(14), dt.time(16, 30), "Civic Centre",
                                          dt.date(2020, 6, 9), "Not quorate")
    action = PriorityAction.objects.get(**key)
    assert (action.rag, action.progress) == ("amber", "Half way")
