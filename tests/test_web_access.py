"""Every page checks who may see and change it (DESIGN.md §1), tested URL by URL and role by role."""

from __future__ import annotations

import pytest
from django.test import Client

from lscp.partnership.models import Attendance, Meeting, Role
from tests.factories import member, ready_to_publish

BOARD_MEETING = "/groups/board/meetings/2020-06-10/"

# url -> roles that may open it (GET). Everyone else signed in gets 403; anonymous, sign-in.
PAGES = {
    "/": {"manager", "chair", "contributor", "board_member"},
    "/groups/": {"manager", "chair", "contributor", "board_member"},
    "/groups/board/": {"manager", "chair", "contributor", "board_member"},
    BOARD_MEETING: {"manager", "chair", "contributor", "board_member"},
    BOARD_MEETING + "attendance/": {"manager"},
    BOARD_MEETING + "agenda/new/": {"manager"},
    BOARD_MEETING + "minutes/": {"manager"},
    BOARD_MEETING + "decisions/new/": {"manager"},
    BOARD_MEETING + "pack.pdf": {"manager", "chair", "contributor", "board_member"},
    "/groups/board/quorum/": {"manager"},
    "/groups/board/meetings/new/": {"manager"},
    BOARD_MEETING + "edit/": {"manager"},
    BOARD_MEETING + "cancel/": {"manager"},
    "/groups/new/": {"manager"},
    "/groups/board/edit/": {"manager"},
    "/groups/board/withdraw/": {"manager"},
    "/groups/board/seats/new/": {"manager"},
    "/role-holders/": {"manager", "chair", "contributor", "board_member"},
    "/role-holders/new/": {"manager"},
    "/budget/new/?year=2020-21": {"manager"},
    "/budget/?year=2020-21&q=training": {"manager", "chair", "board_member"},
    "/priorities/new/?year=2020-21": {"manager"},
    "/priorities/?year=2020-21&status=done": {"manager", "chair", "contributor", "board_member"},
    "/people/": {"manager"},
    "/people/?status=invited&q=police": {"manager"},
    "/people/invite/": {"manager"},
    "/budget/": {"manager", "chair", "board_member"},
    "/priorities/": {"manager", "chair", "contributor", "board_member"},
    "/reports/yearly/": {"manager", "chair", "contributor", "board_member"},
    "/reports/yearly/2020-21/": {"manager", "chair", "contributor", "board_member"},
    "/reports/yearly/2020-21/download.docx": {"manager", "chair", "contributor", "board_member"},
    # Internal documents and the records behind them (docs/insight-documents.md)
    "/intelligence/": {"manager", "chair", "board_member"},
    "/intelligence/threats/2020-21-H2/": {"manager", "chair", "board_member"},
    "/intelligence/threats/2020-21-H2/new/": {"manager"},
    "/intelligence/threats/2020-21-H2/online-harm/edit/": {"manager"},
    "/intelligence/portfolios/": {"manager", "chair", "board_member"},
    "/intelligence/portfolios/new/": {"manager"},
    "/intelligence/themes/front-door/": {"manager"},
    "/reports/quarterly/2020-21-Q4/": {"manager", "chair", "board_member"},
    "/reports/threat/2020-21-H2/": {"manager", "chair", "board_member"},
    "/reports/snapshot/children-portfolio/2020-21-Q4/": {"manager", "chair", "board_member"},
    "/notifications/": {"manager", "chair", "contributor", "board_member"},
    "/notifications/settings/": {"manager", "chair", "contributor", "board_member"},
    "/search/": {"manager", "chair", "contributor", "board_member"},
    "/search/?q=police": {"manager", "chair", "contributor", "board_member"},
    "/dataset/tracker/": {"manager", "chair", "contributor", "board_member"},
    "/learning/reviews/?q=child": {"manager", "chair", "contributor", "board_member"},
    "/learning/actions/?status=done": {"manager", "chair", "contributor", "board_member"},
    "/learning/audits/": {"manager", "chair", "contributor", "board_member"},
    "/learning/challenges/": {"manager", "chair", "contributor", "board_member"},
    "/learning/risks/": {"manager", "chair", "contributor", "board_member"},
    "/learning/reviews/new/": {"manager"},
    "/learning/audits/new/": {"manager"},
    "/learning/risks/new/": {"manager"},
    "/learning/child-deaths/2020-21/edit/": {"manager"},
    "/learning/challenges/new/": {"manager", "chair"},
    "/admin/": set(),  # superuser housekeeping only (issue 9)
}
ROLES = ["manager", "chair", "contributor", "board_member"]


@pytest.mark.parametrize("url", list(PAGES))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_sees_only_what_it_may(url: str, role: str, request) -> None:  # type: ignore[no-untyped-def]
    client: Client = request.getfixturevalue(role)
    response = client.get(url)
    if role in PAGES[url]:
        assert response.status_code == 200, (url, role)
    elif url.startswith("/admin/"):
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    else:
        assert response.status_code == 403, (url, role)


@pytest.mark.django_db
@pytest.mark.parametrize("url", [u for u in PAGES if u != "/"])
def test_anonymous_users_are_sent_to_sign_in(url: str, demo) -> None:  # type: ignore[no-untyped-def]
    response = Client().get(url)
    assert response.status_code == 302
    assert "sign-in" in response["Location"] or "/admin/login/" in response["Location"]


@pytest.mark.parametrize("role", ["chair", "contributor", "board_member"])
def test_only_the_business_unit_can_post_attendance(role: str, request) -> None:  # type: ignore[no-untyped-def]
    client: Client = request.getfixturevalue(role)
    meeting = Meeting.objects.get(group__code="board", date="2020-06-10")
    before = list(Attendance.objects.filter(meeting=meeting).values_list("status", flat=True))
    data = {"version": meeting.version}
    data.update({f"seat_{a.seat_id}": "absent" for a in meeting.attendances.all()})
    response = client.post(BOARD_MEETING + "attendance/", data)
    assert response.status_code == 403
    after = list(Attendance.objects.filter(meeting=meeting).values_list("status", flat=True))
    assert after == before
    response = client.post("/groups/board/meetings/new/", {"date_day": "1", "date_month": "3",
                                                           "date_year": "2021", "kind": "ordinary"})
    assert response.status_code == 403
    assert not Meeting.objects.filter(date="2021-03-01").exists()


@pytest.mark.django_db
def test_the_public_sees_only_a_published_report(demo) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    response = client.get("/public/bromley/yearly/2020-21/")
    assert response.status_code == 200
    assert "£197,295" in response.content.decode()
    assert client.get("/public/bromley/yearly/2020-21/download.pdf").status_code == 200
    demo.years.update(report_published=False)
    assert client.get("/public/bromley/yearly/2020-21/").status_code == 404
    assert client.get("/public/bromley/yearly/2020-21/download.pdf").status_code == 404


def test_the_header_is_ours_not_govuk(manager: Client) -> None:
    html = manager.get("/").content.decode()
    assert "LSCP Insight" in html
    assert "Bromley Safeguarding Children Partnership" in html
    assert "govuk-logo" not in html and "GOV.UK" not in html and "crown" not in html.lower()


def test_the_menu_hides_the_budget_from_agency_contributors(contributor: Client,
                                                            manager: Client) -> None:
    assert 'href="/budget/"' not in contributor.get("/").content.decode()
    assert 'href="/budget/"' in manager.get("/").content.decode()


def test_a_member_of_no_partnership_is_refused(demo, django_user_model) -> None:  # type: ignore[no-untyped-def]
    django_user_model.objects.create_user("stranger", password="pw-stranger-123")
    client = Client()
    client.login(username="stranger", password="pw-stranger-123")
    assert client.get("/").status_code == 403
    assert client.get("/groups/").status_code == 403


@pytest.mark.parametrize("model", ["agency", "group", "meeting", "budgetline", "priority"])
def test_a_staff_business_unit_account_can_use_the_admin(demo, model: str) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(member(demo, Role.BUSINESS_UNIT, is_staff=True))
    assert client.get(f"/admin/partnership/{model}/").status_code == 200


@pytest.mark.parametrize("url", ["/admin/partnership/membership/", "/admin/auth/user/",
                                 "/admin/partnership/partnership/"])
def test_who_may_do_what_is_superuser_housekeeping(demo, url: str) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(member(demo, Role.BUSINESS_UNIT, is_staff=True))
    assert client.get(url).status_code == 403


@pytest.mark.parametrize(("role", "allowed_to"), [
    ("manager", True), ("chair", True), ("contributor", False), ("board_member", False)])
def test_the_chair_or_business_unit_approves_publication(role: str, allowed_to: bool, request,  # type: ignore[no-untyped-def]
                                                         demo) -> None:
    client: Client = request.getfixturevalue(role)
    url = "/reports/yearly/2020-21/publish/"
    asked = client.post(url, {"action": "withdraw"})
    year = demo.years.get(label="2020-21")
    ready_to_publish(year)  # signed off: publishing is gated (tests/test_publication.py)
    if allowed_to:
        # The first press only asks: nothing changes until it is confirmed.
        assert asked.status_code == 200 and year.report_published
        assert "Withdraw the 2020-21 yearly report?" in asked.content.decode()
        response = client.post(url, {"action": "withdraw", "confirmed": "yes"})
        year.refresh_from_db()
        assert response.status_code == 302 and not year.report_published
        assert Client().get("/public/bromley/yearly/2020-21/").status_code == 404
        client.post(url, {"action": "publish", "confirmed": "yes"})
        assert Client().get("/public/bromley/yearly/2020-21/").status_code == 200
    else:
        assert asked.status_code == 403 and year.report_published


def test_the_menu_marks_one_section_as_current(manager: Client) -> None:
    html = manager.get("/dataset/returns/").content.decode()
    assert html.count('aria-current="page"') == 1
    current = html.split('aria-current="page"')[0].rsplit("href=", 1)[1]
    assert current.startswith('"/dataset/returns/"')
