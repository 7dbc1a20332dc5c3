"""The submission tracker: a period's grid of agencies by indicator set, its deadline (set by
the business unit, and then what "overdue" means) and the chasers it sends."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.test import Client

from lscp.dataset.models import Submission, SubmissionChaser, SubmissionDeadline
from lscp.partnership.expectations import expected
from lscp.partnership.models import Membership, Role
from tests import factories as f

TRACKER = "/dataset/tracker/"
Q1 = "2021-22-Q1"  # ended on 30 June 2021, due a month later unless a deadline is set
DEADLINE = f"/dataset/tracker/{Q1}/deadline/"
CHASE_POLICE = f"/dataset/tracker/{Q1}/chase/met-police/"


@pytest.fixture(autouse=True)
def _pinned(settings) -> None:  # type: ignore[no-untyped-def]
    settings.LSCP_TODAY = "2021-06-30"


def _rows(client: Client, period: str = Q1) -> list[tuple[str, str, bool]]:
    response = client.get(TRACKER, {"period": period})
    assert response.status_code == 200
    return [(r.agency.code, r.status, r.overdue) for r in response.context["grid"].rows]


def test_the_grid_shows_every_owing_agency_with_its_status(manager: Client, demo) -> None:  # type: ignore[no-untyped-def]
    police = demo.agencies.get(code="met-police")
    Submission.objects.create(partnership=demo, agency=police, period=Q1, status="draft")
    response = manager.get(TRACKER)
    grid = response.context["grid"]
    assert grid.period.key == Q1 and grid.due == dt.date(2021, 7, 30) and grid.deadline is None
    assert [label for _, label in grid.sets] == ["Local authority", "Police", "Health",
                                                 "Education", "Youth justice", "Voluntary"]
    assert [(r.agency.code, r.status) for r in grid.rows] == [
        ("cfvsf", "Not started"), ("lbb-csc", "Not started"), ("lbb-education", "Not started"),
        ("lbb-yos", "Not started"), ("met-police", "Draft"), ("selccg", "Not started")]
    police_row = next(r for r in grid.rows if r.agency.code == "met-police")
    assert police_row.owns == (False, True, False, False, False, False)
    assert "Send a chaser" in response.content.decode()
    # The 2020-21 year: every agency's figures were imported, so nobody owes a form for it.
    rows = _rows(manager, "2020-21")
    assert ("nps", "Figures on record", False) in rows
    assert not any(late for *_, late in rows)


def test_an_agency_sees_its_own_row_and_the_chair_no_drafts(contributor: Client, chair: Client,  # type: ignore[no-untyped-def]
                                                             board_member: Client, demo) -> None:
    police = demo.agencies.get(code="met-police")
    Submission.objects.create(partnership=demo, agency=police, period=Q1, status="draft")
    assert _rows(contributor) == [("met-police", "Draft", False)]
    for reader in (chair, board_member):
        rows = dict((code, status) for code, status, _ in _rows(reader))
        assert rows["met-police"] == "Not yet approved" and rows["lbb-csc"] == "Not started"
        assert "Send a chaser" not in reader.get(TRACKER).content.decode()


@pytest.mark.parametrize("role", ["chair", "contributor", "board_member"])
def test_only_the_business_unit_sets_deadlines_and_chases(role: str, request, demo) -> None:  # type: ignore[no-untyped-def]
    client: Client = request.getfixturevalue(role)
    assert client.post(DEADLINE, {"due_day": "15", "due_month": "7", "due_year": "2021",
                                  "version": "0"}).status_code == 403
    assert client.post(CHASE_POLICE).status_code == 403
    assert not SubmissionDeadline.objects.exists() and not SubmissionChaser.objects.exists()
    assert Client().post(CHASE_POLICE).status_code == 302  # anonymous: sent to sign in
    assert not SubmissionChaser.objects.exists()


def test_a_deadline_set_is_what_overdue_means(manager: Client, demo) -> None:  # type: ignore[no-untyped-def]
    police = demo.agencies.get(code="met-police")
    response = manager.post(DEADLINE, {"due_day": "1", "due_month": "7", "due_year": "2021",
                                       "version": "0"})
    assert response.status_code == 302 and response["Location"] == f"{TRACKER}?period={Q1}"
    deadline = SubmissionDeadline.objects.get(partnership=demo, period=Q1)
    assert deadline.due == dt.date(2021, 7, 1) and deadline.set_by.username == "manager"
    assert manager.get(TRACKER).context["grid"].due == dt.date(2021, 7, 1)
    q1 = [e for e in expected(demo, dt.date(2021, 7, 2), agency=police, kinds=["submission"])
          if "2021-22 Q1" in e.what]
    assert [(e.due, e.overdue) for e in q1] == [(dt.date(2021, 7, 1), True)]
    assert [(e.due, e.soon) for e in expected(demo, dt.date(2021, 6, 30), agency=police,
                                              kinds=["submission"]) if "2021-22" in e.what] == [
        (dt.date(2021, 7, 1), True)]
    # Changed again, from the version it was opened at.
    response = manager.post(DEADLINE, {"due_day": "20", "due_month": "7", "due_year": "2021",
                                       "version": str(deadline.version)})
    assert response.status_code == 302
    assert SubmissionDeadline.objects.get(pk=deadline.pk).due == dt.date(2021, 7, 20)
    assert deadline.history.count() == 2


@pytest.mark.parametrize(("data", "message"), [
    ({"due_day": "", "due_month": "", "due_year": ""}, "Enter the date the figures are due"),
    ({"due_day": "31", "due_month": "2", "due_year": "2021"},
     "The date the figures are due must be a real date, like 30 7 2021"),
    ({"due_day": "30", "due_month": "6", "due_year": "2021"},
     "The date the figures are due must be after the period ends on 30 June 2021"),
])
def test_a_wrong_deadline_is_refused_in_words(manager: Client, data: dict, message: str) -> None:  # type: ignore[type-arg]
    response = manager.post(DEADLINE, {**data, "version": "0"})
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html and 'href="#id_due"' in html  # the error summary links to the field
    assert not SubmissionDeadline.objects.exists()


def test_a_stale_deadline_is_refused(manager: Client, demo) -> None:  # type: ignore[no-untyped-def]
    manager.post(DEADLINE, {"due_day": "1", "due_month": "7", "due_year": "2021", "version": "0"})
    response = manager.post(DEADLINE, {"due_day": "9", "due_month": "7", "due_year": "2021",
                                       "version": "0"})
    assert response.status_code == 400
    assert "Someone else changed this deadline while you were editing" in response.content.decode()
    assert SubmissionDeadline.objects.get().due == dt.date(2021, 7, 1)


def test_a_chaser_is_recorded_and_emailed_to_the_agency(manager: Client, demo,  # type: ignore[no-untyped-def]
                                                        django_capture_on_commit_callbacks) -> None:
    police_user = Membership.objects.get(partnership=demo, role=Role.AGENCY_CONTRIBUTOR).user
    police_user.email = "police-lead@example.org"
    police_user.save()
    with django_capture_on_commit_callbacks(execute=True):  # the email goes once it commits
        response = manager.post(CHASE_POLICE, follow=True)
    assert response.redirect_chain == [(f"{TRACKER}?period={Q1}", 302)]
    assert "Chaser to Metropolitan Police Service – Bromley Borough BCU for 2021-22 Q1 (Apr–Jun " \
           "2021) emailed to 1 contributor" in response.content.decode()
    chaser = SubmissionChaser.objects.get()
    assert (chaser.agency.code, chaser.period, chaser.sent_by.username, chaser.recipients) == (
        "met-police", Q1, "manager", ["police-lead@example.org"])
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["police-lead@example.org"]
    assert "2021-22 Q1" in mail.outbox[0].subject and "30 July 2021" in mail.outbox[0].subject
    grid = manager.get(TRACKER).context["grid"]
    police_row = next(r for r in grid.rows if r.agency.code == "met-police")
    assert police_row.last_chaser == chaser
    assert "by manager" in manager.get(TRACKER).content.decode()


def test_a_chaser_to_an_agency_without_addresses_is_still_recorded(manager: Client) -> None:
    assert manager.post(f"/dataset/tracker/{Q1}/chase/selccg/").status_code == 302
    assert SubmissionChaser.objects.get().recipients == []
    assert mail.outbox == []


def test_another_partnerships_agencies_and_periods_are_not_found(manager: Client, demo) -> None:  # type: ignore[no-untyped-def]
    other = f.PartnershipFactory(slug="elsewhere")
    f.ReportingYearFactory(partnership=other, label="2030-31")
    f.AgencyFactory(partnership=other, code="their-police", sector="police")
    assert manager.post(f"/dataset/tracker/{Q1}/chase/their-police/").status_code == 404
    assert manager.get(TRACKER, {"period": "2030-31-Q1"}).status_code == 404
    assert manager.post("/dataset/tracker/2030-31-Q1/deadline/",
                        {"due_day": "1", "due_month": "8", "due_year": "2030",
                         "version": "0"}).status_code == 404
    assert not SubmissionChaser.objects.exists() and not SubmissionDeadline.objects.exists()
