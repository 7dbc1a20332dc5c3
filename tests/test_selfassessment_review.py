"""What follows the answers: carrying last cycle's answers and evidence files forward,
private evidence files, the reproducible moderation sample, and the challenge day whose
actions join the action register."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from lscp.assurance.models import Action
from lscp.attachments.models import Attachment
from lscp.partnership.models import Partnership
from lscp.selfassessment import reviewing, sampling
from lscp.selfassessment.models import Answer, Assessment, Moderation
from tests.test_attachments import pdf_bytes
from tests.test_selfassessment_workflow import (
    BASE,
    contributor_of,
    open_cycle,
    rate,
    rate_all,
    submit,
)

pytestmark = pytest.mark.django_db


def answer(cycle, agency: str, standard: str) -> Answer:  # type: ignore[no-untyped-def]
    return Answer.objects.get(assessment__cycle=cycle, assessment__agency__code=agency,
                              standard__code=standard)


def attach_pdf(client: Client, target: Answer, name: str = "policy.pdf") -> int:
    response = client.post(f"/attachments/answer/{target.pk}/new/",
                           {"file": SimpleUploadedFile(name, pdf_bytes())})
    return response.status_code


# Carry forward -------------------------------------------------------------------------------


def test_the_next_cycle_starts_from_last_cycles_answers_and_evidence(  # type: ignore[no-untyped-def]
        manager: Client, contributor: Client, demo: Partnership) -> None:
    first = open_cycle(manager, demo, title="Section 11 2019", opened="2019-06-01",
                       deadline="2019-07-31")
    rate_all(contributor, first, "met-police", "amber")
    assert rate(contributor, first, "met-police", "training", "red",
                "Refresher rates are low.").status_code == 302
    assert attach_pdf(contributor, answer(first, "met-police", "training")) == 302
    submit(contributor, first, "met-police")

    second = open_cycle(manager, demo, title="Section 11 2021")
    carried = answer(second, "met-police", "training")
    assert (carried.rating, carried.narrative, carried.carried_forward) == (
        "red", "Refresher rates are low.", True)
    assessment = Assessment.objects.get(cycle=second, agency__code="met-police")
    assert assessment.carried_from == Assessment.objects.get(cycle=first,
                                                             agency__code="met-police")
    old_file = Attachment.objects.get(answer=answer(first, "met-police", "training"))
    new_file = Attachment.objects.get(answer=carried)
    assert (new_file.filename, new_file.sha256) == (old_file.filename, old_file.sha256)
    assert new_file.stored_name != old_file.stored_name  # a copy, the old cycle stays whole
    # lbb-csc took no part in the first cycle: it starts empty.
    assert answer(second, "lbb-csc", "training").rating == ""
    # Nothing carried is submitted unchecked.
    response = submit(contributor, second, "met-police")
    page = contributor.get(response["Location"]).content.decode()
    assert "Check the answers carried forward from the last cycle" in page
    rate_all(contributor, second, "met-police", "green")
    submit(contributor, second, "met-police")
    assert Assessment.objects.get(pk=assessment.pk).submitted
    grid = manager.get(f"{BASE}{second.code}/").content.decode()
    assert "Change since Section 11 2019" in grid
    assert "8 rating(s) better, 0 worse, 0 the same" in grid


# Evidence files --------------------------------------------------------------------------------


def test_evidence_files_are_read_only_by_those_who_may_read_the_return(  # type: ignore[no-untyped-def]
        manager: Client, contributor: Client, board_member: Client, demo: Partnership) -> None:
    cycle = open_cycle(manager, demo)
    target = answer(cycle, "met-police", "leadership")
    assert attach_pdf(contributor_of(demo, "lbb-csc"), target) == 403  # not its return
    assert attach_pdf(contributor, target) == 302
    stored = Attachment.objects.get(answer=target)
    url = f"/attachments/{stored.pk}/download/"
    assert contributor.get(url).status_code == 200
    assert board_member.get(url).status_code == 200
    assert contributor_of(demo, "lbb-csc").get(url).status_code == 404
    page = contributor.get(f"{BASE}{cycle.code}/returns/met-police/").content.decode()
    assert "policy.pdf" in page
    # Once submitted, the agency's files are fixed; the business unit may still attach.
    rate_all(contributor, cycle, "met-police")
    submit(contributor, cycle, "met-police")
    assert attach_pdf(contributor, target, "late.pdf") == 403
    assert attach_pdf(manager, target, "from-the-unit.pdf") == 302


# Moderation ------------------------------------------------------------------------------------


def test_the_sample_is_the_same_for_the_same_returns_and_seed() -> None:
    codes = ["a", "b", "c", "d", "e", "f"]
    seed = sampling.seed_for("bromley", "section-11-2021-22", 0)
    assert sampling.draw(codes, 3, seed) == sampling.draw(list(reversed(codes)), 3, seed)
    assert len(set(sampling.draw(codes, 3, seed))) == 3
    assert sampling.draw(codes, 10, seed) and len(sampling.draw(codes, 10, seed)) == 6
    others = {tuple(sampling.draw(codes, 3, sampling.seed_for("bromley", "x", n)))
              for n in range(5)}
    assert len(others) > 1  # the seed matters
    assert sampling.draw([], 3, seed) == [] and sampling.draw(codes, 0, seed) == []


def test_moderation_draws_reproducibly_and_records_the_conclusion(  # type: ignore[no-untyped-def]
        manager: Client, demo: Partnership) -> None:
    agencies = ("met-police", "lbb-csc", "kch", "oxleas", "nps")
    cycle = open_cycle(manager, demo, agencies=agencies)
    for code in agencies:
        client = contributor_of(demo, code)
        rate_all(client, cycle, code)
        submit(client, cycle, code)
    response = manager.post(f"{BASE}{cycle.code}/moderation/", {"size": 2})
    assert response.status_code == 302
    first = [m.assessment.agency.code for m in Moderation.objects.filter(cycle=cycle)]
    assert first == sampling.draw(list(agencies), 2, sampling.seed_for(demo.slug, cycle.code, 0))
    manager.post(f"{BASE}{cycle.code}/moderation/", {"size": 2})
    drawn = [m.assessment.agency.code for m in Moderation.objects.filter(cycle=cycle)]
    assert drawn[:2] == first and len(set(drawn)) == 4  # a second draw adds others
    item = Moderation.objects.filter(cycle=cycle).first()
    assert item is not None
    recorded = manager.post(f"{BASE}{cycle.code}/moderation/{item.pk}/", {
        "outcome": "changed", "conclusion": "Training should be amber: refreshers lapsed.",
        "version": item.version})
    assert recorded.status_code == 302
    item.refresh_from_db()
    assert (item.outcome, item.moderated_by.username) == ("changed", "manager")  # type: ignore[union-attr]
    page = manager.get(f"{BASE}{cycle.code}/moderation/").content.decode()
    assert "Training should be amber" in page


def test_only_the_business_unit_moderates(manager, contributor, chair, demo) -> None:  # type: ignore[no-untyped-def]
    cycle = open_cycle(manager, demo)
    assert chair.get(f"{BASE}{cycle.code}/moderation/").status_code == 403
    assert contributor.post(f"{BASE}{cycle.code}/moderation/", {"size": 1}).status_code == 403


# Challenge day -----------------------------------------------------------------------------------


def test_a_challenge_day_conclusion_puts_the_agencys_action_in_the_register(  # type: ignore[no-untyped-def]
        manager: Client, contributor: Client, demo: Partnership) -> None:
    cycle = open_cycle(manager, demo)
    rate_all(contributor, cycle, "met-police", "amber")
    submit(contributor, cycle, "met-police")
    board = demo.groups.get(code="board")
    response = manager.post(f"{BASE}{cycle.code}/returns/met-police/challenge-day/", {
        "group": board.pk, "held_on": "2021-09-15",
        "conclusion": "The panel accepts the ratings but wants supervision audited.",
        "action": "Audit supervision records in the child abuse team", "due": "2021-12-31"})
    assert response.status_code == 302, response.content.decode()[:2000]
    action = Action.objects.get(text="Audit supervision records in the child abuse team")
    assert action.owner.code == "met-police" and action.due == dt.date(2021, 12, 31)
    decision = action.recommendation
    assert decision.meeting is not None and decision.meeting.group == board
    assert decision.meeting.date == dt.date(2021, 9, 15)
    assert decision.self_assessment_outcome.assessment.agency.code == "met-police"  # type: ignore[union-attr]
    # The owning agency sees it in its return and in the action register.
    page = contributor.get(f"{BASE}{cycle.code}/returns/met-police/").content.decode()
    assert "wants supervision audited" in page
    assert "Audit supervision records" in contributor.get("/learning/actions/").content.decode()
    # A second conclusion on the same day joins the same meeting.
    reviewing.challenge_outcome_add(
        assessment=Assessment.objects.get(cycle=cycle, agency__code="met-police"),
        by=get_user_model().objects.get(username="manager"), group=board,
        held_on=dt.date(2021, 9, 15), conclusion="A second note",
        actions=[])
    assert board.meetings.filter(date=dt.date(2021, 9, 15)).count() == 1
