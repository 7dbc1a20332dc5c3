"""A self-assessment cycle through the app, as each role sees it (HTTP client): the business
unit opens it, agencies are told, an agency lead answers and submits only its own return,
evidence is asked for, given and reviewed, the grid and exports show it, and late items are
chased. Access is decided in lscp/partnership/access.py; these tests hold it to the brief."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from openpyxl import load_workbook

from lscp.notices.models import Kind, Notice
from lscp.partnership import expectations
from lscp.partnership.models import Partnership, Role
from lscp.selfassessment import chasing
from lscp.selfassessment.models import Answer, Assessment, Cycle, EvidenceStatus
from tests import factories as f

pytestmark = pytest.mark.django_db
User = get_user_model()
BASE = "/self-assessment/"


def open_cycle(client: Client, demo: Partnership, *, framework: str = "section-11",
               agencies: tuple[str, ...] = ("met-police", "lbb-csc"), title: str = "",
               deadline: str = "2021-07-30", opened: str = "2021-06-01",
               **extra: Any) -> Cycle:
    data = {"framework": framework, "title": title or f"{framework} cycle",
            "year": demo.years.get(label="2021-22").pk, "opened_on": opened,
            "deadline": deadline,
            "agencies": [demo.agencies.get(code=c).pk for c in agencies], **extra}
    response = client.post(f"{BASE}new/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    return Cycle.objects.get(partnership=demo, title=data["title"])


def answer_url(cycle: Cycle, agency: str, standard: str, tail: str = "") -> str:
    return f"{BASE}{cycle.code}/returns/{agency}/{standard}/{tail}"


def rate(client: Client, cycle: Cycle, agency: str, standard: str, rating: str = "green",
         narrative: str = "We do this.") -> Any:
    answer = Answer.objects.get(assessment__cycle=cycle, assessment__agency__code=agency,
                                standard__code=standard)
    return client.post(answer_url(cycle, agency, standard), {
        "rating": rating, "narrative": narrative, "evidence_note": "Policy, 2021",
        "version": answer.version})


def rate_all(client: Client, cycle: Cycle, agency: str, rating: str = "green") -> None:
    for standard in cycle.framework.standards.all():
        assert rate(client, cycle, agency, standard.code, rating).status_code == 302


def submit(client: Client, cycle: Cycle, agency: str) -> Any:
    assessment = Assessment.objects.get(cycle=cycle, agency__code=agency)
    return client.post(f"{BASE}{cycle.code}/returns/{agency}/submit/",
                       {"version": assessment.version})


def contributor_of(demo: Partnership, code: str) -> Client:
    client = Client()
    client.force_login(f.member(demo, Role.AGENCY_CONTRIBUTOR, demo.agencies.get(code=code)))
    return client


# Opening -------------------------------------------------------------------------------------


def test_the_business_unit_opens_a_cycle_and_each_agency_is_told(  # type: ignore[no-untyped-def]
        manager: Client, demo: Partnership, committing) -> None:
    cycle = open_cycle(manager, demo, title="Section 11 self-assessment 2021")
    assert cycle.framework.code == "section-11" and cycle.framework.standards.count() == 8
    assert sorted(a.agency.code for a in cycle.assessments.all()) == ["lbb-csc", "met-police"]
    assert Answer.objects.filter(assessment__cycle=cycle).count() == 16
    told = Notice.objects.filter(kind=Kind.SELF_ASSESSMENT_OPENED)
    assert "police" in {n.recipient.username for n in told}
    police = told.get(recipient__username="police")
    assert "Metropolitan Police" in police.body and "30 July 2021" in police.body
    assert police.url == f"{BASE}{cycle.code}/returns/met-police/"


@pytest.mark.parametrize("role", ["contributor", "chair", "board_member"])
def test_only_the_business_unit_opens_a_cycle(role: str, request, demo) -> None:  # type: ignore[no-untyped-def]
    client = request.getfixturevalue(role)
    assert client.get(f"{BASE}new/").status_code == 403


def test_a_cycle_needs_agencies_and_a_deadline_after_it_opens(manager: Client, demo) -> None:  # type: ignore[no-untyped-def]
    response = manager.post(f"{BASE}new/", {
        "framework": "section-11", "title": "Too early", "year": demo.years.first().pk,
        "opened_on": "2021-06-01", "deadline": "2021-05-01"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Choose the agencies to ask" in page
    assert "The deadline must be on or after the date it opens" in page
    assert not Cycle.objects.filter(title="Too early").exists()


# Access --------------------------------------------------------------------------------------


def test_an_agency_lead_sees_and_edits_only_its_own_return(  # type: ignore[no-untyped-def]
        manager: Client, contributor: Client, demo) -> None:
    cycle = open_cycle(manager, demo)
    own = f"{BASE}{cycle.code}/returns/met-police/"
    other = f"{BASE}{cycle.code}/returns/lbb-csc/"
    assert contributor.get(own).status_code == 200
    assert contributor.get(other).status_code == 403
    assert rate(contributor, cycle, "lbb-csc", "leadership").status_code == 403
    assert rate(contributor, cycle, "met-police", "leadership").status_code == 302
    # The grid is not the agency's to read: it is sent to its own return.
    grid = contributor.get(f"{BASE}{cycle.code}/")
    assert grid.status_code == 302 and grid["Location"] == own
    assert contributor.get(f"{BASE}{cycle.code}/results.csv").status_code == 403
    # Another agency not asked sees nothing of it.
    assert contributor_of(demo, "kch").get(f"{BASE}{cycle.code}/").status_code == 403


@pytest.mark.parametrize("role", ["chair", "board_member"])
def test_the_chair_and_board_read_the_grid_and_change_nothing(  # type: ignore[no-untyped-def]
        role: str, request, manager: Client, demo) -> None:
    cycle = open_cycle(manager, demo)
    client = request.getfixturevalue(role)
    page = client.get(f"{BASE}{cycle.code}/")
    assert page.status_code == 200 and 'data-testid="grid"' in page.content.decode()
    assert client.get(f"{BASE}{cycle.code}/returns/met-police/").status_code == 200
    assert rate(client, cycle, "met-police", "leadership").status_code == 403
    assert client.get(answer_url(cycle, "met-police", "leadership", "review/")).status_code == 403


# Answering, submitting, asking for more ------------------------------------------------------


def test_a_return_is_refused_until_every_standard_is_rated(manager, contributor, demo) -> None:  # type: ignore[no-untyped-def]
    cycle = open_cycle(manager, demo)
    rate(contributor, cycle, "met-police", "leadership")
    response = submit(contributor, cycle, "met-police")
    assert response.status_code == 302
    page = contributor.get(response["Location"]).content.decode()
    assert "Rate every standard: not yet rated: Policies and procedures" in page
    assert Assessment.objects.get(cycle=cycle, agency__code="met-police").status == "in_progress"


def test_more_evidence_is_asked_for_given_and_shown_on_the_grid(  # type: ignore[no-untyped-def]
        manager: Client, contributor: Client, demo, committing) -> None:
    cycle = open_cycle(manager, demo)
    rate_all(contributor, cycle, "met-police")
    assert submit(contributor, cycle, "met-police").status_code == 302
    # Submitted: the agency can no longer change it, the business unit reviews it.
    assert rate(contributor, cycle, "met-police", "training").status_code == 403
    answer = Answer.objects.get(assessment__cycle=cycle, assessment__agency__code="met-police",
                                standard__code="training")
    asked = manager.post(answer_url(cycle, "met-police", "training", "review/"), {
        "decision": "more", "message": "Send the completion rates by team.",
        "due": "2021-08-13", "version": answer.version})
    assert asked.status_code == 302
    answer.refresh_from_db()
    assert answer.evidence_status == EvidenceStatus.MORE_ASKED
    told = Notice.objects.get(kind=Kind.EVIDENCE_REQUESTED, recipient__username="police")
    assert "Send the completion rates" not in told.body  # typed words stay in the app
    # The lead may now change that answer, and only that one, and reply.
    assert rate(contributor, cycle, "met-police", "leadership").status_code == 403
    page = contributor.get(answer_url(cycle, "met-police", "training", "reply/"))
    assert "Send the completion rates by team." in page.content.decode()
    replied = contributor.post(answer_url(cycle, "met-police", "training", "reply/"), {
        "reply": "Rates by team attached: 94% overall.", "version": answer.version})
    assert replied.status_code == 302
    answer.refresh_from_db()
    assert answer.evidence_status == EvidenceStatus.GIVEN
    assert Notice.objects.filter(kind=Kind.EVIDENCE_GIVEN, recipient__username="manager").exists()
    grid = manager.get(f"{BASE}{cycle.code}/").content.decode()
    row = grid.split('data-respondent="met-police"', 1)[1].split("</tr>", 1)[0]
    assert "More evidence given" in row and row.count("Not reviewed") == 7
    # The business unit accepts it; the reply stays on record.
    accepted = manager.post(answer_url(cycle, "met-police", "training", "review/"), {
        "decision": "sufficient", "version": answer.version})
    assert accepted.status_code == 302
    answer.refresh_from_db()
    assert answer.evidence_status == EvidenceStatus.SUFFICIENT
    assert answer.requests.get().reply == "Rates by team attached: 94% overall."


def test_asking_for_more_needs_a_message(manager, contributor, demo) -> None:  # type: ignore[no-untyped-def]
    cycle = open_cycle(manager, demo)
    rate_all(contributor, cycle, "met-police")
    submit(contributor, cycle, "met-police")
    response = manager.post(answer_url(cycle, "met-police", "training", "review/"), {
        "decision": "more", "message": " ", "version": 0})
    assert response.status_code == 200 and "Enter what more is needed" in response.content.decode()


def test_a_stale_answer_is_refused(manager, contributor, demo) -> None:  # type: ignore[no-untyped-def]
    cycle = open_cycle(manager, demo)
    assert rate(contributor, cycle, "met-police", "leadership").status_code == 302
    response = contributor.post(answer_url(cycle, "met-police", "leadership"), {
        "rating": "red", "narrative": "Old page", "evidence_note": "", "version": 0})
    assert response.status_code == 200
    assert "Someone else changed this answer" in response.content.decode()
    assert Answer.objects.get(assessment__cycle=cycle, assessment__agency__code="met-police",
                              standard__code="leadership").rating == "green"


# Results: grid, exports, home pages and chasing ---------------------------------------------


def test_the_grid_exports_as_csv_and_xlsx(manager, contributor, demo) -> None:  # type: ignore[no-untyped-def]
    cycle = open_cycle(manager, demo)
    rate_all(contributor, cycle, "met-police", "amber")
    submit(contributor, cycle, "met-police")
    response = manager.get(f"{BASE}{cycle.code}/results.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:6] == ["Respondent code", "Respondent", "Return status", "Standard",
                           "Rating", "Evidence"]
    police = [r for r in rows[1:] if r[0] == "met-police"]
    assert len(police) == 8 and {r[4] for r in police} == {"Amber: partly met"}
    assert {r[2] for r in rows[1:] if r[0] == "lbb-csc"} == {"Not started"}
    book = load_workbook(io.BytesIO(manager.get(f"{BASE}{cycle.code}/results.xlsx").content))
    sheet = book.active
    assert sheet is not None
    assert sheet.max_row == len(rows) and sheet.cell(2, 1).value == rows[1][0]


def test_the_demo_survey_exports_its_illustrative_flag(board_member: Client, demo) -> None:  # type: ignore[no-untyped-def]
    rows = list(csv.reader(io.StringIO(board_member.get(
        f"{BASE}covid-19-preparedness-2020/results.csv").content.decode("utf-8-sig"))))
    assert rows[0][-1] == "Illustrative" and {r[-1] for r in rows[1:]} == {"yes"}
    assert len(rows) == 1 + 12 * 4


def test_what_is_owed_shows_on_home_pages_and_late_items_are_chased_weekly(  # type: ignore[no-untyped-def]
        manager: Client, contributor: Client, demo, committing) -> None:
    cycle = open_cycle(manager, demo, deadline="2021-06-20")
    police = demo.agencies.get(code="met-police")
    items = expectations.expected(demo, dt.date(2021, 6, 10), agency=police,
                                  kinds=["self-assessment"])
    assert [(i.state, i.due, i.overdue) for i in items] == [
        ("not started", dt.date(2021, 6, 20), False)]
    late = expectations.expected(demo, dt.date(2021, 6, 30), agency=police,
                                 kinds=["self-assessment"])
    assert late[0].overdue and late[0].state == "overdue"
    assert committing(chasing.chase, demo, dt.date(2021, 6, 30)) == 2  # both agencies
    assert committing(chasing.chase, demo, dt.date(2021, 7, 1)) == 0  # once a week
    assert committing(chasing.chase, demo, dt.date(2021, 7, 5)) == 2  # the next week
    chased = Notice.objects.filter(kind=Kind.SELF_ASSESSMENT_CHASED, recipient__username="police")
    assert chased.count() == 2 and "20 June 2021" in chased.first().body  # type: ignore[union-attr]
    out = io.StringIO()
    call_command("selfassessment", "chase", "--today=2021-07-05", stdout=out)
    assert "0 notice(s)" in out.getvalue()
    # Once submitted, the business unit owes a review instead.
    rate_all(contributor, cycle, "met-police")
    submit(contributor, cycle, "met-police")
    owed = [i for i in expectations.expected(demo, dt.date(2021, 6, 30),
                                             kinds=["self-assessment"]) if i.agency is None]
    assert [(i.state, i.note) for i in owed] == [("awaiting review", "8 answer(s) to review")]
    home = manager.get("/").content.decode()
    assert "Self-assessments to review, or late" in home


def test_a_closed_cycle_is_never_chased(manager: Client, demo, committing) -> None:  # type: ignore[no-untyped-def]
    cycle = open_cycle(manager, demo, deadline="2021-06-20")
    response = manager.post(f"{BASE}{cycle.code}/close/", {"version": cycle.version})
    assert response.status_code == 302
    cycle.refresh_from_db()
    assert not cycle.is_open
    assert committing(chasing.chase, demo, dt.date(2021, 7, 30)) == 0
    assert expectations.expected(demo, dt.date(2021, 7, 30), kinds=["self-assessment"]) == []


def test_the_menu_offers_self_assessment_to_every_member(contributor: Client) -> None:
    page = contributor.get(BASE).content.decode()
    assert 'href="/self-assessment/"' in page
    assert "COVID-19 Preparedness Survey" in page  # the police took part
