"""Learning and improvement: clocks on reviews, actions and who may change them, reminders."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from django.core import mail
from django.test import Client, override_settings

from lscp.assurance.models import (
    Action,
    ActionStatus,
    CaseReview,
    Recommendation,
    ReminderSent,
)
from lscp.assurance.selectors import open_actions, review_register
from lscp.assurance.services import send_reminders
from lscp.insight.clocks import ClockState
from lscp.partnership.bundle.importer import load_bundle

D = dt.date


@pytest.fixture
def review(demo) -> CaseReview:  # type: ignore[no-untyped-def]
    return CaseReview.objects.create(
        partnership=demo, code="test-rr", pseudonym="Child T", kind="rapid_review",
        became_aware=D(2021, 3, 29))


def states(review: CaseReview, today: dt.date) -> dict[str, ClockState]:
    return {m.name: m.state(today) for m in review.milestones()}


def test_a_rapid_review_sent_late_is_missed_not_on_track(review: CaseReview) -> None:
    # Aware Mon 29 March 2021: notification due 5 working days later, across Easter (Thu 6 Apr
    # is day 5? No: Good Friday and Easter Monday do not count) -> Wed 7 April 2021.
    notification, rapid = review.milestones()
    assert notification.due == D(2021, 4, 7)
    assert rapid.due == D(2021, 4, 21)
    review.notification_sent = D(2021, 4, 1)
    review.rapid_review_sent = D(2021, 4, 22)  # one working day late
    assert states(review, D(2021, 4, 10)) == {
        "Notification to the national panel": ClockState.MET,
        "Rapid review sent to the national panel": ClockState.MISSED,
    }


def test_open_clocks_run_on_track_then_due_soon_then_overdue(review: CaseReview) -> None:
    name = "Rapid review sent to the national panel"
    assert states(review, D(2021, 4, 1))[name] == ClockState.ON_TRACK
    assert states(review, D(2021, 4, 16))[name] == ClockState.DUE_SOON
    assert states(review, D(2021, 4, 22))[name] == ClockState.OVERDUE


def test_a_local_review_must_be_published_within_six_months(demo) -> None:  # type: ignore[no-untyped-def]
    review = CaseReview.objects.create(
        partnership=demo, code="test-lcspr", pseudonym="Child L", kind="lcspr",
        decision_to_review=D(2020, 8, 31))
    published = next(m for m in review.milestones() if m.name == "Review published")
    assert published.due == D(2021, 2, 28)
    assert published.state(D(2021, 3, 1)) == ClockState.OVERDUE


def test_the_register_lists_what_is_due_next_first(demo, review: CaseReview) -> None:  # type: ignore[no-untyped-def]
    rows = review_register(demo, D(2021, 4, 1))
    assert rows[0].review == review
    assert rows[0].next_due is not None
    assert rows[0].next_due.milestone.name == "Notification to the national panel"


@pytest.fixture
def actions(demo):  # type: ignore[no-untyped-def]
    review = CaseReview.objects.create(partnership=demo, code="test-lr", pseudonym="Child M",
                                       kind="learning_review", completed=D(2021, 1, 10))
    rec = Recommendation.objects.create(partnership=demo, code="test-rec", review=review,
                                        text="Improve information sharing")
    police = demo.agencies.get(code="met-police")
    csc = demo.agencies.get(code="lbb-csc")
    return {
        "police": Action.objects.create(recommendation=rec, position=1, owner=police,
                                        text="Police briefing on strategy discussions",
                                        due=D(2021, 5, 28)),
        "csc": Action.objects.create(recommendation=rec, position=2, owner=csc,
                                     text="CSC audit of chronologies", due=D(2021, 4, 30)),
    }


@override_settings(LSCP_TODAY="2021-05-04")
def test_the_pci_view_lists_open_actions_overdue_first(manager: Client, actions) -> None:  # type: ignore[no-untyped-def]
    ordered = open_actions(actions["police"].recommendation.partnership, D(2021, 5, 4))
    mine = [a for a in ordered if a.recommendation.code == "test-rec"]
    assert mine == [actions["csc"], actions["police"]]
    html = manager.get("/learning/actions/").content.decode()
    assert html.index("CSC audit of chronologies") < html.index("Police briefing")


def test_an_agency_contributor_updates_only_its_own_actions(contributor: Client, actions) -> None:  # type: ignore[no-untyped-def]
    own, other = actions["police"], actions["csc"]
    assert contributor.get(f"/learning/actions/{own.pk}/edit/").status_code == 200
    assert contributor.get(f"/learning/actions/{other.pk}/edit/").status_code == 403
    response = contributor.post(f"/learning/actions/{other.pk}/edit/", {
        "status": "done", "evidence": "x", "impact": "", "version": other.version})
    assert response.status_code == 403
    other.refresh_from_db()
    assert other.status == ActionStatus.NOT_STARTED

    response = contributor.post(f"/learning/actions/{own.pk}/edit/", {
        "status": "evidence_accepted", "evidence": "x", "impact": "", "version": own.version})
    assert response.status_code == 200  # not a choice the agency has
    own.refresh_from_db()
    assert own.status == ActionStatus.NOT_STARTED


def test_done_needs_evidence(contributor: Client, actions) -> None:  # type: ignore[no-untyped-def]
    own = actions["police"]
    response = contributor.post(f"/learning/actions/{own.pk}/edit/", {
        "status": "done", "evidence": " ", "impact": "", "version": own.version})
    assert "Enter the evidence that the action is done" in response.content.decode()
    own.refresh_from_db()
    assert own.status == ActionStatus.NOT_STARTED


@pytest.mark.parametrize("role", ["contributor", "board_member", "chair"])
def test_only_the_business_unit_edits_review_records(role: str, request, actions) -> None:  # type: ignore[no-untyped-def]
    client: Client = request.getfixturevalue(role)
    review = actions["police"].recommendation.review
    for url in (f"/admin/assurance/casereview/{review.pk}/change/",
                "/admin/assurance/casereview/add/",
                f"/admin/assurance/recommendation/{actions['police'].recommendation.pk}/change/",
                f"/admin/assurance/action/{actions['police'].pk}/change/"):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], url
    if role != "contributor":
        assert client.get(f"/learning/actions/{actions['police'].pk}/edit/").status_code == 403


def test_the_business_unit_accepts_evidence(manager: Client, contributor: Client, actions) -> None:  # type: ignore[no-untyped-def]
    own = actions["police"]
    contributor.post(f"/learning/actions/{own.pk}/edit/", {
        "status": "done", "evidence": "Briefing delivered to 40 officers", "impact": "",
        "version": own.version})
    own.refresh_from_db()
    assert own.status == ActionStatus.DONE and own.completed_on is not None
    manager.post(f"/learning/actions/{own.pk}/edit/", {
        "status": "evidence_accepted", "evidence": own.evidence, "impact": "Better attendance",
        "version": own.version})
    own.refresh_from_db()
    assert own.status == ActionStatus.EVIDENCE_ACCEPTED
    assert own not in open_actions(own.recommendation.partnership, D(2021, 6, 1))
    # Accepted evidence is closed to the agency.
    assert contributor.get(f"/learning/actions/{own.pk}/edit/").status_code == 403


def test_a_stale_action_edit_is_refused(manager: Client, actions) -> None:  # type: ignore[no-untyped-def]
    action = actions["csc"]
    old = action.version
    manager.post(f"/learning/actions/{action.pk}/edit/", {
        "status": "in_progress", "evidence": "", "impact": "", "version": old})
    response = manager.post(f"/learning/actions/{action.pk}/edit/", {
        "status": "not_started", "evidence": "", "impact": "", "version": old})
    assert "Someone else changed this action" in response.content.decode()
    action.refresh_from_db()
    assert action.status == ActionStatus.IN_PROGRESS


def test_reminders_go_once_per_action_per_state(demo, actions, django_user_model, committing) -> None:  # type: ignore[no-untyped-def]
    police_user = django_user_model.objects.get(username="police")
    police_user.email = "police-lead@example.org"
    police_user.save()
    ours = {actions["police"].pk, actions["csc"].pk}
    Action.objects.exclude(pk__in=ours).delete()

    sent = committing(send_reminders, demo, D(2021, 5, 4))  # csc overdue; police due in 17 working days
    assert [(r.action_id, r.kind) for r in sent] == [(actions["csc"].pk, "overdue")]
    assert len(mail.outbox) == 0  # CSC has no contributor and the business unit has no email

    sent = committing(send_reminders, demo, D(2021, 5, 18))  # police now due soon
    assert [(r.action_id, r.kind) for r in sent] == [(actions["police"].pk, "due soon")]
    assert mail.outbox[-1].to == ["police-lead@example.org"]
    assert committing(send_reminders, demo, D(2021, 5, 19)) == []  # nothing new: no state changed

    Action.objects.filter(pk=actions["police"].pk).update(status="in_progress")
    sent = committing(send_reminders, demo, D(2021, 5, 20))  # a state change: reminded again
    assert [(r.action_id, r.kind, r.status) for r in sent] == [
        (actions["police"].pk, "due soon", "in_progress")]
    sent = committing(send_reminders, demo, D(2021, 6, 1))  # now overdue
    assert [(r.action_id, r.kind) for r in sent] == [(actions["police"].pk, "overdue")]
    assert ReminderSent.objects.count() == 4
    assert len(mail.outbox) == 3


def test_a_recommendation_needs_exactly_one_source(bundle_copy: Path) -> None:
    path = bundle_copy / "recommendations.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    cells = ["bad-rec"] + [""] * (len(header) - 1)
    cells[header.index("text")] = "No source"
    path.write_text("\n".join([*lines, ",".join(cells)]) + "\n", encoding="utf-8")
    _, problems = load_bundle(bundle_copy)
    assert f"recommendations.csv:{len(lines) + 1}:review: give exactly one of review, audit, " \
           "child_deaths or meeting_group" in [str(p) for p in problems]


def test_a_risk_score_outside_one_to_five_is_refused(bundle_copy: Path) -> None:
    path = bundle_copy / "risks.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[0]["likelihood_before"] = "6"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    _, problems = load_bundle(bundle_copy)
    assert 'risks.csv:2:likelihood_before: "6" is not a score from 1 to 5' in [
        str(p) for p in problems]


def test_the_chair_raises_a_challenge_and_the_business_unit_closes_it(  # type: ignore[no-untyped-def]
        chair: Client, manager: Client, contributor: Client, demo) -> None:
    police = demo.agencies.get(code="met-police")
    assert contributor.get("/learning/challenges/new/").status_code == 403
    response = chair.post("/learning/challenges/new/", {
        "raised_by": "Independent Chair", "to_agency": police.pk, "raised_on": "2021-06-01",
        "challenge": "Evidence that strategy discussions include health"})
    assert response.status_code == 302
    challenge = demo.challenges.get(challenge__startswith="Evidence that strategy")
    assert challenge.to_agency == police and challenge.status == "open"
    assert challenge.raised_by_user is not None and challenge.raised_by_user.username == "chair"
    assert "Recorded by chair" in chair.get("/learning/challenges/").content.decode()
    assert chair.get(f"/learning/challenges/{challenge.code}/respond/").status_code == 403
    missing_date = manager.post(f"/learning/challenges/{challenge.code}/respond/", {
        "response": "Audit shared", "outcome": "", "impact": "Health now invited",
        "status": "closed", "closed_on": "", "version": 0})
    assert "Enter the date the challenge was closed" in missing_date.content.decode()
    manager.post(f"/learning/challenges/{challenge.code}/respond/", {
        "response": "Audit shared", "outcome": "", "impact": "Health now invited",
        "status": "closed", "closed_on": "2021-07-01", "version": 0})
    challenge.refresh_from_db()
    assert challenge.status == "closed" and challenge.impact == "Health now invited"


def test_a_challenge_response_saved_by_someone_else_meanwhile_is_not_overwritten(  # type: ignore[no-untyped-def]
        manager: Client, demo) -> None:
    challenge = demo.challenges.filter(status="open").first() or demo.challenges.first()
    url = f"/learning/challenges/{challenge.code}/respond/"
    page = manager.get(url).content.decode()
    assert f'name="version" value="{challenge.version}"' in page
    assert 'name="version" type="text"' not in page  # hidden, not a field to fill in
    seen = challenge.version
    first = manager.post(url, {"response": "First answer", "outcome": "", "impact": "",
                               "status": "open", "closed_on": "", "version": seen})
    assert first.status_code == 302
    second = manager.post(url, {"response": "Second answer", "outcome": "", "impact": "",
                                "status": "open", "closed_on": "", "version": seen})
    assert "Someone else changed this challenge" in second.content.decode()
    challenge.refresh_from_db()
    assert challenge.response == "First answer" and challenge.version == seen + 1


def test_the_risk_page_maps_risks_before_and_after_controls_from_the_register(  # type: ignore[no-untyped-def]
        board_member: Client, demo) -> None:
    def cell(maps, which: int, likelihood: int, impact: int) -> int:  # type: ignore[no-untyped-def]
        grid = dict(maps[which][1])
        return next(count for i, count, _, _ in grid[likelihood] if i == impact)

    maps = board_member.get("/learning/risks/").context["maps"]
    assert [caption for caption, _ in maps] == ["after controls (residual risk)",
                                                "before controls (inherent risk)"]
    assert cell(maps, 1, 5, 5) == demo.risks.filter(likelihood_before=5, impact_before=5).count() == 1
    assert cell(maps, 0, 5, 5) == 0
    demo.risks.filter(code="covid-19").update(likelihood_after=5, impact_after=5)
    maps = board_member.get("/learning/risks/").context["maps"]
    assert cell(maps, 0, 5, 5) == 1
    total = sum(count for _, cells in maps[0][1] for _, count, _, _ in cells)
    assert total == demo.risks.count()


def test_the_challenge_log_lists_open_challenges_first(board_member: Client, demo) -> None:  # type: ignore[no-untyped-def]
    listed = list(board_member.get("/learning/challenges/").context["challenges"])
    statuses = [c.status for c in listed]
    assert "open" in statuses and "closed" in statuses
    assert statuses == sorted(statuses, key=lambda s: s != "open")
    open_dates = [c.raised_on for c in listed if c.status == "open"]
    assert open_dates == sorted(open_dates, reverse=True)


@override_settings(LSCP_TODAY="2021-06-30")
def test_the_learning_overview_counts_from_the_registers(board_member: Client, demo) -> None:  # type: ignore[no-untyped-def]
    context = board_member.get("/learning/").context
    assert context["open_challenges"] == demo.challenges.filter(status="open").count() > 0
    assert context["risk_count"] == demo.risks.count()
    assert context["risk_reviews_overdue"] == 2  # COVID-19 (9 June) and restructuring (10 March)
    demo.risks.filter(code="covid-19").update(review_date="2021-07-30")
    assert board_member.get("/learning/").context["risk_reviews_overdue"] == 1
