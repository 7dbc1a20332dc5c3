"""The Report contributions pages: who may read, write and decide what (lscp/partnership/
access.py), on the demo partnership whose 2020-21 words are all approved."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from lscp.contributions import services
from lscp.contributions.models import Contribution, Statement
from lscp.partnership.models import Role
from tests import factories as f

pytestmark = pytest.mark.django_db
INDEX = "/reports/contributions/"


@pytest.fixture
def open_call(demo):  # type: ignore[no-untyped-def]
    """A call for 2021-22 asking the police and the CCG."""
    year = demo.years.get(label="2021-22")
    manager = demo.years.model.objects.none()  # noqa: F841 - the service needs only `by`
    return services.call_open(year=year, deadline=dt.date(2022, 6, 10),
                              agencies=list(demo.agencies.filter(code__in=("met-police",
                                                                           "selccg"))),
                              guidance="", by=None, today=dt.date(2022, 5, 3))


def _contribution(open_call, code: str) -> Contribution:  # type: ignore[no-untyped-def]
    return open_call.contributions.get(agency__code=code)


def _post(client: Client, url: str, **data: object):  # type: ignore[no-untyped-def]
    return client.post(url, data)


@pytest.mark.parametrize("role", ["manager", "chair", "contributor", "board_member"])
def test_every_member_reads_the_page(role: str, request) -> None:  # type: ignore[no-untyped-def]
    client: Client = request.getfixturevalue(role)
    html = client.get(INDEX + "?year=2020-21").content.decode()
    assert "Report contributions" in html and "Chair&#x27;s foreword" in html
    assert client.get(INDEX + "2020-21/statements/foreword/").status_code == 200


def test_anonymous_visitors_are_sent_to_sign_in(demo) -> None:  # type: ignore[no-untyped-def]
    response = Client().get(INDEX)
    assert response.status_code == 302 and "/sign-in/" in response["Location"]


def test_the_police_contributor_edits_only_the_polices_contribution(contributor: Client,
                                                                    open_call) -> None:  # type: ignore[no-untyped-def]
    police, ccg = _contribution(open_call, "met-police"), _contribution(open_call, "selccg")
    page = contributor.get(INDEX + f"partners/{police.pk}/")
    assert page.status_code == 200 and "Submit to the business unit" in page.content.decode()
    response = contributor.post(INDEX + f"partners/{police.pk}/", {
        "achievements": "- Operation Aegis", "challenges": "", "impact": "", "version": 0,
        "action": "submit"})
    assert response.status_code == 302
    police.refresh_from_db()
    assert (police.status, police.achievements) == ("submitted", "- Operation Aegis")
    # Another agency's contribution is not even there for the police.
    assert contributor.get(INDEX + f"partners/{ccg.pk}/").status_code == 404
    assert contributor.post(INDEX + f"partners/{ccg.pk}/", {
        "achievements": "x", "challenges": "", "impact": "", "version": 0}).status_code == 404
    # Nor may it decide on its own.
    assert contributor.post(INDEX + f"partners/{police.pk}/decide/",
                            {"action": "approve"}).status_code == 403
    # Once submitted it is no longer the police's to change.
    assert contributor.post(INDEX + f"partners/{police.pk}/", {
        "achievements": "later", "challenges": "", "impact": "", "version": police.version,
        "action": "save"}).status_code == 403
    index = contributor.get(INDEX + "?year=2021-22").content.decode()
    assert "Metropolitan Police" in index and "South East London Clinical" not in index


def test_the_board_reads_but_changes_nothing(board_member: Client, open_call, demo) -> None:  # type: ignore[no-untyped-def]
    police = _contribution(open_call, "met-police")
    page = board_member.get(INDEX + f"partners/{police.pk}/").content.decode()
    assert "Submit to the business unit" not in page and "Approve for the report" not in page
    assert board_member.post(INDEX + f"partners/{police.pk}/", {
        "achievements": "x", "challenges": "", "impact": "", "version": 0}).status_code == 403
    assert board_member.post(INDEX + "2020-21/statements/foreword/", {
        "text": "x", "version": 0}).status_code == 403
    assert board_member.get(INDEX + "2021-22/call/").status_code == 403
    assert board_member.post(INDEX + "2020-21/statements/foreword/decide/",
                             {"action": "reopen", "reason": "x"}).status_code == 403


def test_the_business_unit_returns_with_a_reason_and_accepts(manager: Client, open_call) -> None:  # type: ignore[no-untyped-def]
    police = _contribution(open_call, "met-police")
    services.contribution_save(contribution=police, achievements="Aegis", challenges="",
                               impact="", by=None, seen_version=0, submit=True)
    url = INDEX + f"partners/{police.pk}/decide/"
    manager.post(url, {"action": "return", "reason": ""})
    police.refresh_from_db()
    assert police.status == "submitted"  # a return needs its reason
    manager.post(url, {"action": "return", "reason": "Say what changed for children"})
    police.refresh_from_db()
    assert (police.status, police.return_reason) == ("returned", "Say what changed for children")
    page = manager.get(INDEX + f"partners/{police.pk}/").content.decode()
    assert "Say what changed for children" in page


def test_the_chair_approves_statements_and_the_business_unit_may_not(manager: Client,
                                                                     chair: Client, demo) -> None:  # type: ignore[no-untyped-def]
    url = INDEX + "2021-22/statements/key_messages/"
    response = manager.post(url, {"text": "- Fewer missing children", "version": 0,
                                  "action": "submit"})
    assert response.status_code == 302
    statement = Statement.objects.get(year__label="2021-22", kind="key_messages")
    assert statement.status == "submitted"
    assert manager.post(url + "decide/", {"action": "approve"}).status_code == 403
    assert "Approve for the report" in chair.get(url).content.decode()
    chair.post(url + "decide/", {"action": "approve"})
    statement.refresh_from_db()
    assert statement.status == "approved"


def test_a_stale_form_is_refused_and_says_so(manager: Client, demo) -> None:  # type: ignore[no-untyped-def]
    url = INDEX + "2021-22/statements/foreword/"
    manager.post(url, {"text": "First", "version": 0, "action": "save"})
    response = manager.post(url, {"text": "Second", "version": 0, "action": "save"})
    assert response.status_code == 200
    assert "Someone else changed this statement" in response.content.decode()
    assert Statement.objects.get(year__label="2021-22", kind="foreword").text == "First"


def test_the_business_unit_opens_a_call_and_the_agency_home_page_shows_it(
        manager: Client, contributor: Client, settings, demo) -> None:  # type: ignore[no-untyped-def]
    settings.LSCP_TODAY = "2022-05-03"
    police = demo.agencies.get(code="met-police")
    response = manager.post(INDEX + "2021-22/call/", {
        "deadline_day": "10", "deadline_month": "6", "deadline_year": "2022",
        "agencies": [police.pk], "guidance": "Half a page", "version": 0})
    assert response.status_code == 302
    home = contributor.get("/")
    assert home.context["attention"].counts()["contributions"] == 1
    html = home.content.decode()
    assert "contribution to the 2021-22 yearly report" in html and "Due 10 June 2022" in html


def test_markdown_is_shown_sanitised_on_the_page(manager: Client, demo) -> None:  # type: ignore[no-untyped-def]
    url = INDEX + "2021-22/statements/foreword/"
    manager.post(url, {"text": "Hello <script>alert(1)</script> [x](javascript:alert(2)) "
                               "<img src=x onerror=alert(3)> **bold**",
                       "version": 0, "action": "save"})
    preview = manager.get(url).content.decode().split('data-testid="preview"')[1]
    preview = preview.split("</div>")[0]
    assert "<strong>bold</strong>" in preview
    for bad in ("<script", "javascript:", "onerror", "<img"):
        assert bad not in preview, bad


def test_an_agency_writes_a_case_story_for_itself(contributor: Client, manager: Client,
                                                  demo) -> None:  # type: ignore[no-untyped-def]
    response = contributor.post(INDEX + "2021-22/stories/new/", {
        "title": "A's story", "story": "A was missing", "changed": "A is home", "version": 0})
    assert response.status_code == 302
    story = demo.case_stories.get(title="A's story")
    assert story.agency.code == "met-police"
    other = f.member(demo, Role.AGENCY_CONTRIBUTOR, demo.agencies.get(code="selccg"),
                     username="health")
    health = Client()
    health.force_login(other)
    assert health.get(INDEX + f"stories/{story.code}/").status_code == 404
    assert manager.get(INDEX + f"stories/{story.code}/").status_code == 200
