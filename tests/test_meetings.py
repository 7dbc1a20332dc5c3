"""Meetings as the partnership runs them (issue 9 § 4): agenda with papers, minutes,
decisions and actions arising in the action register, quorum, and the pack as one PDF."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pypdf import PdfReader

from lscp.assurance.models import Action, Recommendation
from lscp.meetings import services
from lscp.meetings.models import AgendaItem, QuorumRule
from lscp.meetings.quorum import Quorum
from lscp.partnership import models as m
from tests import factories as f
from tests.test_attachments import docx_bytes, pdf_bytes

MEETING = "/groups/board/meetings/2020-06-10/"


@pytest.fixture
def meeting(demo: m.Partnership) -> m.Meeting:
    return m.Meeting.objects.get(group__code="board", date=dt.date(2020, 6, 10))


def test_the_quorum_sentence() -> None:
    assert Quorum(seats=12, present=9, agencies_present=5, min_seats=6).sentence() == (
        "Quorate: 9 of 12 seats present (quorum 6)")
    assert Quorum(seats=12, present=4, agencies_present=3, min_seats=6,
                  min_agencies=3).sentence() == (
        "Not quorate: 4 of 12 seats present (quorum 6 seats from 3 agencies)")
    assert Quorum(seats=12, present=9, agencies_present=2, min_agencies=3).quorate is False
    assert Quorum(seats=3, present=0, agencies_present=0, min_seats=2,
                  recorded=False).sentence() == "Attendance not recorded yet"
    assert "no quorum set" in Quorum(seats=3, present=2, agencies_present=2).sentence()


@pytest.mark.django_db
def test_the_meeting_page_shows_quorum_from_the_seats_present(manager: Client,
                                                              meeting: m.Meeting) -> None:
    from lscp.meetings.selectors import quorum

    found = quorum(meeting)
    assert found.recorded and found.seats > 0
    response = manager.post("/groups/board/quorum/", {"min_seats": "", "min_agencies": "",
                                                      "version": 0})
    assert "Enter the seats or the agencies that make a quorum" in response.content.decode()
    assert manager.post("/groups/board/quorum/", {"min_seats": "0", "version": 0}
                        ).status_code == 200
    assert manager.post("/groups/board/quorum/", {"min_seats": found.present, "version": 0}
                        ).status_code == 302
    page = manager.get(MEETING).content.decode()
    assert f"Quorate: {found.present} of {found.seats} seats present (quorum {found.present})" in page
    stale = manager.post("/groups/board/quorum/", {"min_seats": found.present + 1, "version": 0})
    assert "Someone else changed this quorum" in stale.content.decode()
    assert manager.post("/groups/board/quorum/", {"min_seats": found.present + 1, "version": 1}
                        ).status_code == 302
    assert "Not quorate" in manager.get(MEETING).content.decode()
    assert QuorumRule.objects.get().history.count() == 3


@pytest.mark.django_db
def test_a_meeting_recorded_end_to_end(manager: Client, contributor: Client,
                                       meeting: m.Meeting, settings) -> None:  # type: ignore[no-untyped-def]
    """Agenda, a paper, minutes, a decision and an action arising that lands in the action
    register with its owner and due date."""
    settings.LSCP_TODAY = "2021-06-30"
    assert "Enter the title of the agenda item" in manager.post(
        MEETING + "agenda/new/", {"title": ""}).content.decode()
    assert manager.post(MEETING + "agenda/new/", {
        "title": "Neglect strategy", "presenter": "Head of Children's Services"}).status_code == 302
    item = AgendaItem.objects.get()
    assert item.position == 1
    paper = manager.post(f"/attachments/agenda_item/{item.pk}/new/",
                         {"file": SimpleUploadedFile("Neglect strategy.pdf", pdf_bytes())})
    assert paper.status_code == 302 and paper["Location"] == MEETING
    assert manager.post(MEETING + "agenda/1/", {
        "title": "Neglect strategy", "presenter": "", "minutes": "Agreed the strategy.",
        "version": 0}).status_code == 302
    stale = manager.post(MEETING + "agenda/1/", {"title": "x", "minutes": "", "version": 0})
    assert "Someone else changed this agenda item" in stale.content.decode()
    assert manager.post(MEETING + "minutes/", {"text": "Apologies noted.", "version": 0}
                        ).status_code == 302
    assert "Someone else changed this meeting&#x27;s minutes" in manager.post(
        MEETING + "minutes/", {"text": "Overwrite", "version": 0}).content.decode()
    assert "Enter the decision" in manager.post(MEETING + "decisions/new/",
                                                {"text": ""}).content.decode()
    assert manager.post(MEETING + "decisions/new/", {"text": "Adopt the neglect strategy"}
                        ).status_code == 302
    decision = Recommendation.objects.get(meeting=meeting)
    assert decision.code == "board-2020-06-10-1" and decision.source.startswith("Meeting: ")
    police = meeting.group.partnership.agencies.get(code="met-police")
    url = MEETING + f"decisions/{decision.code}/actions/new/"
    refused = manager.post(url, {"text": "Brief officers", "owner": "", "due_day": "31",
                                 "due_month": "2", "due_year": "2021"}).content.decode()
    assert "Select the agency that owns the action" in refused
    assert "The date the action is due must be a real date" in refused
    assert "Enter the date the action is due" in manager.post(
        url, {"text": "Brief officers", "owner": police.pk}).content.decode()
    assert manager.post(url, {"text": "Brief officers", "owner": police.pk, "due_day": "30",
                              "due_month": "9", "due_year": "2020"}).status_code == 302
    action = Action.objects.get(recommendation=decision)
    assert (action.owner, action.due, action.position) == (police, dt.date(2020, 9, 30), 1)

    page = contributor.get(MEETING).content.decode()
    for text in ("Neglect strategy", "Agreed the strategy.", "Apologies noted.",
                 "Adopt the neglect strategy", "Brief officers", "Neglect strategy.pdf"):
        assert text in page, text
    assert "Add an agenda item" not in page  # agencies read
    register = contributor.get("/learning/actions/").content.decode()
    assert "Brief officers" in register  # straight into the action register
    assert contributor.get(f"/learning/actions/{action.pk}/").status_code == 200


@pytest.mark.django_db
def test_withdrawing_an_agenda_item_keeps_it_with_its_reason(manager: Client,
                                                              meeting: m.Meeting) -> None:
    item = services.agenda_item_add(meeting=meeting, title="Old item", presenter="", by=None)
    assert "Enter why the item is withdrawn" in manager.post(
        MEETING + "agenda/1/withdraw/", {"reason": "", "version": 0}).content.decode()
    assert manager.post(MEETING + "agenda/1/withdraw/", {"reason": "Deferred", "version": 0}
                        ).status_code == 302
    item.refresh_from_db()
    assert item.withdrawn_reason == "Deferred"
    assert "1. Old item" not in manager.get(MEETING).content.decode()
    assert manager.get(MEETING + "agenda/1/").status_code == 404
    assert services.agenda_item_add(meeting=meeting, title="New", presenter="",
                                    by=None).position == 2


@pytest.mark.django_db
def test_decision_codes_are_unique_in_the_partnership(meeting: m.Meeting) -> None:
    f.RecommendationFactory(partnership=meeting.group.partnership, code="board-2020-06-10-1")
    decision = services.decision_add(meeting=meeting, text="Taken", by=None)
    assert decision.code == "board-2020-06-10-2"


@pytest.mark.django_db
def test_the_pack_is_one_pdf_with_the_agenda_and_every_pdf_paper(
        manager: Client, board_member: Client, meeting: m.Meeting) -> None:
    first = services.agenda_item_add(meeting=meeting, title="Performance report",
                                     presenter="Business manager", by=None)
    second = services.agenda_item_add(meeting=meeting, title="Budget", presenter="", by=None)
    for item, name, body in ((first, "performance.pdf", pdf_bytes(2)),
                             (second, "budget.xlsx", docx_bytes().replace(b"word/document",
                                                                          b"xl/workbook..")),
                             (second, "notes.docx", docx_bytes())):
        manager.post(f"/attachments/agenda_item/{item.pk}/new/",
                     {"file": SimpleUploadedFile(name, body)})
    response = board_member.get(MEETING + "pack.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    cover = "".join(reader.pages[i].extract_text() for i in range(len(reader.pages) - 2))
    assert len(reader.pages) >= 3  # the agenda, then the two pages of the PDF paper
    assert "Performance report" in cover and "Budget" in cover
    assert "performance.pdf: in this pack, 2 pages" in cover
    assert "notes.docx: supplied separately" in cover


@pytest.mark.django_db
def test_another_partnership_cannot_reach_the_meeting(meeting: m.Meeting) -> None:
    outsider = Client()
    outsider.force_login(f.member(f.PartnershipFactory()))
    for url in (MEETING + "pack.pdf", MEETING + "agenda/new/", "/groups/board/quorum/"):
        assert outsider.get(url).status_code == 404, url
