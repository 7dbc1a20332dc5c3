"""Recording meetings and their registers through the forms, over HTTP."""

from __future__ import annotations

from django.test import Client

from lscp.partnership.models import Attendance, Meeting, Seat
from lscp.partnership.selectors import attendance_by_agency


def register_data(meeting: Meeting, status: str = "present", **overrides: str) -> dict:
    seats = Seat.objects.filter(group=meeting.group)
    data: dict = {"version": meeting.version}
    data.update({f"seat_{s.pk}": status for s in seats if s.is_active_on(meeting.date)})
    data.update(overrides)
    return data


def test_add_a_meeting_then_record_its_register(manager: Client, demo) -> None:  # type: ignore[no-untyped-def]
    response = manager.post("/groups/board/meetings/new/",
                            {"day": "24", "month": "3", "year": "2021", "kind": "extraordinary"})
    assert response.status_code == 302
    assert response["Location"] == "/groups/board/meetings/2021-03-24/attendance/"
    meeting = Meeting.objects.get(group__code="board", date="2021-03-24")
    assert meeting.kind == "extraordinary"

    cafcass = Seat.objects.get(group__code="board", agency__code="cafcass")
    response = manager.post(response["Location"],
                            register_data(meeting, **{f"seat_{cafcass.pk}": "apologies"}))
    assert response.status_code == 302
    rows = {r.agency.code: r for r in attendance_by_agency(meeting.group,
                                                            demo.years.get(label="2020-21"))}
    assert rows["cafcass"].expected == 5 and rows["cafcass"].attended == 1
    assert str(rows["cafcass"].percent) == "20"
    assert str(rows["lbb-yos"].percent) == "80"  # 3 of 4, then present: 4 of 5


def test_a_missing_answer_is_shown_in_the_error_summary(manager: Client) -> None:
    meeting = Meeting.objects.get(group__code="board", date="2020-06-10")
    police = Seat.objects.get(group__code="board", agency__code="met-police")
    data = register_data(meeting)
    del data[f"seat_{police.pk}"]
    response = manager.post(f"/groups/board/meetings/{meeting.date}/attendance/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert f'href="#id_seat_{police.pk}"' in html
    assert "Select attendance for Metropolitan Police Service" in html
    assert not Attendance.objects.filter(meeting=meeting, status="absent").exists()


def test_a_stale_register_is_not_saved_over_a_newer_one(manager: Client) -> None:
    meeting = Meeting.objects.get(group__code="board", date="2020-06-10")
    url = f"/groups/board/meetings/{meeting.date}/attendance/"
    opened_at = meeting.version
    first = manager.post(url, register_data(meeting, "apologies"))
    assert first.status_code == 302
    meeting.refresh_from_db()
    assert meeting.version == opened_at + 1

    stale = register_data(meeting, "absent", version=str(opened_at))
    second = manager.post(url, stale)
    assert second.status_code == 200
    assert "Someone else changed this register" in second.content.decode()
    assert set(meeting.attendances.values_list("status", flat=True)) == {"apologies"}


def test_a_duplicate_or_impossible_date_is_explained(manager: Client) -> None:
    duplicate = manager.post("/groups/board/meetings/new/",
                             {"day": "10", "month": "6", "year": "2020", "kind": "ordinary"})
    assert "Partnership Board already has a meeting on 10 June 2020" in duplicate.content.decode()
    impossible = manager.post("/groups/board/meetings/new/",
                              {"day": "31", "month": "2", "year": "2021", "kind": "ordinary"})
    assert "must be a real date" in impossible.content.decode()
    assert Meeting.objects.filter(group__code="board").count() == 4
