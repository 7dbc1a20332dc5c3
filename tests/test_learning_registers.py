"""The learning registers edited in the app (issue 9 § 2) and filtered (§ 7): case reviews
with their milestones and learning, recommendations and actions with due-date extensions,
audits and findings, the challenge log, the risk register and the CDOP figures."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from lscp.assurance import register_services, selectors
from lscp.assurance.models import (
    Action,
    Audit,
    CaseReview,
    Challenge,
    ChildDeathYear,
    ExtensionRequest,
    LearningPoint,
    Recommendation,
    Risk,
)
from lscp.partnership.models import Partnership, ReportingYear, Role
from lscp.reports.registry import ReportContext
from tests.factories import PartnershipFactory, member

D = dt.date
ROLES = ["manager", "chair", "contributor", "board_member"]


def dates(name: str, day: dt.date | None) -> dict[str, str]:
    if day is None:
        return {f"{name}_day": "", f"{name}_month": "", f"{name}_year": ""}
    return {f"{name}_day": str(day.day), f"{name}_month": str(day.month),
            f"{name}_year": str(day.year)}


@pytest.fixture
def review(demo: Partnership) -> CaseReview:
    r = CaseReview.objects.create(partnership=demo, code="child-t", pseudonym="Child T",
                                  kind="rapid_review", became_aware=D(2021, 6, 1))
    for n, text in enumerate(["First lesson", "Second lesson", "Third lesson"], 1):
        LearningPoint.objects.create(review=r, position=n, text=text)
    return r


@pytest.fixture
def action(demo: Partnership, review: CaseReview) -> Action:
    rec = Recommendation.objects.create(partnership=demo, code="rec-t", review=review,
                                        text="Share information sooner")
    return Action.objects.create(recommendation=rec, position=1, text="Police briefing",
                                 owner=demo.agencies.get(code="met-police"), due=D(2021, 7, 30))


# Case reviews ------------------------------------------------------------------------------


def test_the_manager_logs_a_rapid_review_and_sees_its_clocks(manager: Client, demo, settings) -> None:  # type: ignore[no-untyped-def]
    settings.LSCP_TODAY = "2021-06-30"
    police = demo.agencies.get(code="met-police")
    response = manager.post("/learning/reviews/new/", {
        "code": "", "pseudonym": "Child Q", "kind": "rapid_review", "summary": "",
        "agencies": [police.pk], **dates("became_aware", D(2021, 6, 21)),
        **dates("notification_sent", D(2021, 6, 24))})
    review = CaseReview.objects.get(partnership=demo, pseudonym="Child Q")
    assert response.status_code == 302 and response["Location"] == f"/learning/reviews/{review.code}/"
    assert review.code == "child-q"  # made from the pseudonym
    assert list(review.agencies.all()) == [police]
    assert review.history.first().history_user.username == "manager"
    html = manager.get(response["Location"]).content.decode()
    assert "Notification to the national panel" in html
    assert "Rapid review sent to the national panel" in html
    assert "12 July 2021" in html  # 15 working days after 21 June 2021


def test_a_review_form_names_each_wrong_field(manager: Client) -> None:
    response = manager.post("/learning/reviews/new/", {
        "pseudonym": "", "kind": "", **dates("became_aware", D(2021, 6, 21)),
        "notification_sent_day": "31", "notification_sent_month": "2",
        "notification_sent_year": "2021", **dates("published", None),
        "completed_day": "3", "completed_month": "", "completed_year": "2021"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "Enter the pseudonym" in html
    assert "Choose the type of review" in html
    assert "Date the notification was sent to the national panel must be a real date" in html
    assert "Date the review was completed must include a month" in html
    assert 'href="#id_notification_sent"' in html and 'id="id_notification_sent"' in html


def test_a_given_code_must_be_free_and_a_made_one_is_numbered(manager: Client, review, demo) -> None:  # type: ignore[no-untyped-def]
    taken = manager.post("/learning/reviews/new/", {"code": "child-t", "pseudonym": "Child T",
                                                    "kind": "learning_review"})
    assert "Code child-t is already used" in taken.content.decode()
    manager.post("/learning/reviews/new/", {"code": "", "pseudonym": "Child T",
                                            "kind": "learning_review"})
    assert CaseReview.objects.filter(partnership=demo, code="child-t-2").exists()


def test_a_review_edit_saved_meanwhile_is_refused(manager: Client, review) -> None:  # type: ignore[no-untyped-def]
    form = {"pseudonym": "Child T", "kind": "rapid_review", "version": review.version,
            **dates("became_aware", D(2021, 6, 1)), **dates("notification_sent", D(2021, 6, 4))}
    assert manager.post(f"/learning/reviews/{review.code}/edit/", form).status_code == 302
    again = manager.post(f"/learning/reviews/{review.code}/edit/",
                         {**form, **dates("notification_sent", D(2021, 6, 7))})
    assert "Someone else changed this review" in again.content.decode()
    review.refresh_from_db()
    assert review.notification_sent == D(2021, 6, 4)


def test_learning_points_are_added_edited_reordered_and_withdrawn(manager: Client, review) -> None:  # type: ignore[no-untyped-def]
    base = f"/learning/reviews/{review.code}/learning/"
    assert manager.post(base + "new/", {"text": "Fourth lesson"}).status_code == 302
    first, second = review.learning.order_by("position")[:2]
    manager.post(f"{base}{second.pk}/move/", {"direction": "up"})
    assert [p.text for p in review.learning.current()] == [
        "Second lesson", "First lesson", "Third lesson", "Fourth lesson"]
    manager.post(f"{base}{first.pk}/edit/", {"text": "First lesson, reworded",
                                             "version": first.version})
    empty = manager.post(f"{base}{first.pk}/withdraw/", {"reason": "", "version": 1})
    assert "Enter why it is being withdrawn" in empty.content.decode()
    manager.post(f"{base}{first.pk}/withdraw/", {"reason": "Duplicate", "version": 1})
    first.refresh_from_db()
    assert first.text == "First lesson, reworded" and first.withdrawn_reason == "Duplicate"
    html = manager.get(f"/learning/reviews/{review.code}/").content.decode()
    assert "reworded" not in html and "Second lesson" in html
    assert first.history.count() >= 3  # added, edited, withdrawn: the history stays


# Recommendations, actions, extensions --------------------------------------------------------


def test_the_manager_adds_a_recommendation_and_an_action(manager: Client, review, demo) -> None:  # type: ignore[no-untyped-def]
    response = manager.post(f"/learning/review/{review.code}/recommendations/new/",
                            {"code": "", "text": "Agencies share referrals within a day"})
    rec = Recommendation.objects.get(partnership=demo, review=review)
    assert response["Location"] == f"/learning/reviews/{review.code}/"
    police = demo.agencies.get(code="met-police")
    missing = manager.post(f"/learning/recommendations/{rec.code}/actions/new/", {"text": "x"})
    assert "Choose the owner agency" in missing.content.decode()
    assert "Enter the due date" in missing.content.decode()
    manager.post(f"/learning/recommendations/{rec.code}/actions/new/", {
        "text": "Brief every officer", "owner": police.pk, **dates("due", D(2021, 9, 30))})
    action = rec.actions.get()
    assert (action.owner, action.due, action.position) == (police, D(2021, 9, 30), 1)


def test_recommendations_come_from_an_audit_or_a_cdop_year(manager: Client, demo) -> None:  # type: ignore[no-untyped-def]
    audit = Audit.objects.create(partnership=demo, code="audit-t", topic="Neglect")
    manager.post("/learning/audit/audit-t/recommendations/new/", {"text": "Use the toolkit"})
    assert Recommendation.objects.get(audit=audit).text == "Use the toolkit"
    cdop = ChildDeathYear.objects.filter(year__partnership=demo).select_related("year").first()
    assert cdop is not None
    manager.post(f"/learning/child-deaths/{cdop.year.label}/recommendations/new/",
                 {"text": "Safer sleep message"})
    assert cdop.recommendations.filter(text="Safer sleep message").exists()


def test_an_extension_is_asked_by_the_agency_and_approved_by_the_business_unit(  # type: ignore[no-untyped-def]
        contributor: Client, manager: Client, action, settings) -> None:
    settings.LSCP_TODAY = "2021-07-20"
    url = f"/learning/actions/{action.pk}/extension/"
    early = contributor.post(url, {"reason": "Training moved", **dates("new_due", D(2021, 7, 1))})
    assert "New due date must be after the current due date, 30 July 2021" in early.content.decode()
    assert contributor.post(url, {"reason": "Training moved",
                                  **dates("new_due", D(2021, 9, 30))}).status_code == 302
    ext = ExtensionRequest.objects.get(action=action)
    assert ext.status == "pending" and ext.requested_by.username == "police"
    assert contributor.get(url).status_code == 200
    again = contributor.post(url, {"reason": "Again", **dates("new_due", D(2021, 10, 30))})
    assert "already waiting for a decision" in again.content.decode()
    decide = f"/learning/extensions/{ext.pk}/decide/"
    assert contributor.post(decide, {"decision": "approved", "version": 0}).status_code == 403
    assert manager.post(decide, {"decision": "approved", "note": "Agreed",
                                 "version": ext.version}).status_code == 302
    action.refresh_from_db()
    ext.refresh_from_db()
    assert (action.due, action.original_due) == (D(2021, 9, 30), D(2021, 7, 30))
    assert (ext.status, ext.decided_by.username, ext.decided_on) == (
        "approved", "manager", D(2021, 7, 20))
    html = manager.get(f"/learning/actions/{action.pk}/").content.decode()
    assert "30 September 2021" in html and "first due 30 July 2021" in html
    assert manager.get(decide).status_code == 404  # decided: no second decision


def test_a_refused_extension_keeps_the_due_date(contributor: Client, manager: Client, action) -> None:  # type: ignore[no-untyped-def]
    contributor.post(f"/learning/actions/{action.pk}/extension/",
                     {"reason": "Busy", **dates("new_due", D(2021, 12, 1))})
    ext = ExtensionRequest.objects.get(action=action)
    no_choice = manager.post(f"/learning/extensions/{ext.pk}/decide/", {"version": 0})
    assert "Choose whether to approve or refuse the request" in no_choice.content.decode()
    manager.post(f"/learning/extensions/{ext.pk}/decide/", {"decision": "refused",
                                                            "version": 0})
    action.refresh_from_db()
    assert (action.due, action.original_due) == (D(2021, 7, 30), None)
    assert ext.history.count() == 2


def test_only_the_owning_agency_asks_for_more_time(request, action) -> None:  # type: ignore[no-untyped-def]
    for role in ("manager", "chair", "board_member"):
        client: Client = request.getfixturevalue(role)
        assert client.get(f"/learning/actions/{action.pk}/extension/").status_code == 403, role
    other = member(action.recommendation.partnership, Role.AGENCY_CONTRIBUTOR,
                   agency=action.recommendation.partnership.agencies.get(code="lbb-csc"))
    client = Client()
    client.force_login(other)
    assert client.get(f"/learning/actions/{action.pk}/extension/").status_code == 403


def test_an_action_is_changed_and_withdrawn_by_the_business_unit(manager: Client, action, demo) -> None:  # type: ignore[no-untyped-def]
    csc = demo.agencies.get(code="lbb-csc")
    manager.post(f"/learning/actions/{action.pk}/change/", {
        "text": "Joint briefing", "owner": csc.pk, "version": action.version,
        **dates("due", D(2021, 8, 31))})
    action.refresh_from_db()
    assert (action.text, action.owner, action.due) == ("Joint briefing", csc, D(2021, 8, 31))
    manager.post(f"/learning/actions/{action.pk}/withdraw/", {"reason": "Merged",
                                                             "version": action.version})
    action.refresh_from_db()
    assert action.withdrawn_on is not None and action.withdrawn_by.username == "manager"
    assert action not in selectors.open_actions(demo, D(2021, 6, 30))
    assert manager.get(f"/learning/actions/{action.pk}/").status_code == 404


# Audits, challenges, risks, CDOP --------------------------------------------------------------


def test_audits_and_findings_are_recorded_edited_and_withdrawn(manager: Client, demo) -> None:  # type: ignore[no-untyped-def]
    manager.post("/learning/audits/new/", {"topic": "Neglect audit", "scope": "Ten cases",
                                           "cases_sampled": "10",
                                           **dates("completed", D(2021, 3, 1))})
    audit = Audit.objects.get(partnership=demo, topic="Neglect audit")
    assert (audit.code, audit.cases_sampled) == ("neglect-audit", 10)
    bad = manager.post(f"/learning/audits/{audit.code}/edit/", {
        "topic": "Neglect audit", "cases_sampled": "ten", "version": audit.version})
    assert "Cases sampled must be a whole number" in bad.content.decode()
    manager.post(f"/learning/audits/{audit.code}/findings/new/", {"text": "Chronologies thin"})
    finding = audit.findings.get()
    manager.post(f"/learning/audits/{audit.code}/findings/{finding.pk}/withdraw/",
                 {"reason": "Wrong audit", "version": finding.version})
    assert not audit.findings.current().exists()
    manager.post(f"/learning/audits/{audit.code}/withdraw/", {"reason": "Entered twice",
                                                              "version": audit.version})
    assert "Neglect audit" not in manager.get("/learning/audits/").content.decode()


def test_a_challenge_is_answered_by_its_agency_and_closed_by_the_business_unit(  # type: ignore[no-untyped-def]
        contributor: Client, manager: Client, board_member: Client, demo) -> None:
    police = demo.agencies.get(code="met-police")
    challenge = Challenge.objects.create(partnership=demo, code="c-t", raised_by="Chair",
                                         to_agency=police, raised_on=D(2021, 5, 1),
                                         challenge="Why are strategy meetings late?")
    assert board_member.get("/learning/challenges/c-t/answer/").status_code == 403
    contributor.post("/learning/challenges/c-t/answer/", {"response": "New rota",
                                                          "version": challenge.version})
    challenge.refresh_from_db()
    assert challenge.response == "New rota"
    assert contributor.get("/learning/challenges/c-t/edit/").status_code == 403
    manager.post("/learning/challenges/c-t/edit/", {
        "raised_by": "Independent Chair", "to_agency": police.pk, "version": challenge.version,
        "challenge": "Why are strategy meetings late?", **dates("raised_on", D(2021, 5, 2))})
    challenge.refresh_from_db()
    assert (challenge.raised_by, challenge.raised_on) == ("Independent Chair", D(2021, 5, 2))
    manager.post("/learning/challenges/c-t/respond/", {
        "response": "New rota", "outcome": "Meetings on time", "impact": "Faster plans",
        "status": "closed", "closed_on": "2021-06-30", "version": challenge.version})
    challenge.refresh_from_db()
    assert (challenge.status, challenge.impact) == ("closed", "Faster plans")
    assert contributor.get("/learning/challenges/c-t/answer/").status_code == 403  # closed


def test_a_risk_is_added_reviewed_and_withdrawn(manager: Client, demo) -> None:  # type: ignore[no-untyped-def]
    scores = {"likelihood_before": "4", "impact_before": "5", "likelihood_after": "2",
              "impact_after": "4"}
    missing = manager.post("/learning/risks/new/", {"title": "Data loss"})
    assert "Choose the likelihood before controls" in missing.content.decode()
    assert "Enter the next review date" in missing.content.decode()
    manager.post("/learning/risks/new/", {"title": "Data loss", **scores,
                                          **dates("review_date", D(2021, 9, 1))})
    risk = Risk.objects.get(partnership=demo, title="Data loss")
    assert (risk.code, risk.score_before, risk.score_after) == ("data-loss", 20, 8)
    manager.post(f"/learning/risks/{risk.code}/review/", {
        **scores, "likelihood_after": "1", "controls": "Encryption", "version": risk.version,
        **dates("review_date", D(2021, 12, 1))})
    risk.refresh_from_db()
    assert (risk.likelihood_after, risk.review_date) == (1, D(2021, 12, 1))
    manager.post(f"/learning/risks/{risk.code}/withdraw/", {"reason": "Closed",
                                                            "version": risk.version})
    assert "Data loss" not in manager.get("/learning/risks/").content.decode()


def test_cdop_figures_are_added_then_edited(manager: Client, demo) -> None:  # type: ignore[no-untyped-def]
    year = ReportingYear.objects.create(partnership=demo, label="2015-16")
    counts = {"neonatal_deaths": "3", "expected_deaths": "5", "unexpected_deaths": "2",
              "joint_agency_responses": "2", "ndop_meetings": "4", "cdop_meetings": "6",
              "cases_signed_off": "9", "cases_carried_over": "1"}
    bad = manager.post("/learning/child-deaths/2015-16/edit/", {**counts, "expected_deaths": "-1"})
    assert "Expected deaths must be 0 or more" in bad.content.decode()
    manager.post("/learning/child-deaths/2015-16/edit/", counts)
    cdop = ChildDeathYear.objects.get(year=year)
    manager.post("/learning/child-deaths/2015-16/edit/", {**counts, "cases_signed_off": "10",
                                                          "version": cdop.version})
    cdop.refresh_from_db()
    assert cdop.cases_signed_off == 10


# Withdrawn records leave reports and exports ------------------------------------------------


def test_withdrawn_records_leave_the_yearly_report(demo) -> None:  # type: ignore[no-untyped-def]
    from lscp.reports.sections.auditing import auditing
    from lscp.reports.sections.learning import learning

    year = demo.years.get(label="2020-21")
    audit = selectors.audits_of_year(demo, year).first()
    review = selectors.reviews_of_year(demo, year).first()
    assert audit is not None and review is not None
    ctx = ReportContext(partnership=demo, year=year, public=False)
    assert audit.topic in str(auditing(ctx))
    register_services.withdraw(record=audit, by=None, reason="Test", today=D(2021, 6, 30))
    register_services.withdraw(record=review, by=None, reason="Test", today=D(2021, 6, 30))
    assert audit.topic not in str(auditing(ctx))
    assert review.pseudonym not in str(learning(ctx))


def test_withdrawn_records_leave_the_bundle(demo, action) -> None:  # type: ignore[no-untyped-def]
    from lscp.assurance.bundle import export_rows

    written: dict[str, list] = {}
    export_rows(demo, lambda name, rows: written.__setitem__(name, list(rows)), lambda *a: None)
    assert any(r["code"] == "child-t" for r in written["reviews.csv"])
    register_services.withdraw(record=action.recommendation.review, by=None, reason="Test",
                               today=D(2021, 6, 30))
    written.clear()
    export_rows(demo, lambda name, rows: written.__setitem__(name, list(rows)), lambda *a: None)
    assert not any(r["code"] == "child-t" for r in written["reviews.csv"])
    assert not any(r["code"] == "rec-t" for r in written["recommendations.csv"])
    assert not any(r["text"] == "Police briefing" for r in written["actions.csv"])


# Filters ------------------------------------------------------------------------------------


def test_every_register_filters_by_text_status_agency_and_dates(manager: Client, demo, action) -> None:  # type: ignore[no-untyped-def]
    police = demo.agencies.get(code="met-police")
    html = manager.get("/learning/actions/", {"q": "police briefing"}).content.decode()
    assert "Police briefing" in html
    html = manager.get("/learning/actions/", {"q": "zebra"}).content.decode()
    assert "Police briefing" not in html and "No actions match" in html
    html = manager.get("/learning/actions/", {"agency": police.pk,
                                              **dates("since", D(2021, 7, 1)),
                                              **dates("until", D(2021, 7, 31))}).content.decode()
    assert "Police briefing" in html
    html = manager.get("/learning/actions/", {**dates("since", D(2021, 8, 1))}).content.decode()
    assert "Police briefing" not in html
    html = manager.get("/learning/reviews/", {"status": "rapid_review"}).content.decode()
    assert "Child T" in html
    assert "Child T" not in manager.get("/learning/reviews/", {"status": "scr"}).content.decode()
    wrong = manager.get("/learning/risks/", {**dates("since", D(2021, 9, 1)),
                                             **dates("until", D(2021, 1, 1))}).content.decode()
    assert "Review date: to must be the same as or after the from date" in wrong
    for page in ("audits", "challenges", "risks"):
        assert manager.get(f"/learning/{page}/", {"q": "x"}).status_code == 200


# Permissions and partnerships ---------------------------------------------------------------


def _urls(review: CaseReview, action: Action) -> list[str]:
    point = review.learning.first()
    return [
        "/learning/reviews/new/", f"/learning/reviews/{review.code}/edit/",
        f"/learning/reviews/{review.code}/withdraw/",
        f"/learning/reviews/{review.code}/learning/new/",
        f"/learning/reviews/{review.code}/learning/{point.pk}/edit/",
        f"/learning/reviews/{review.code}/learning/{point.pk}/withdraw/",
        f"/learning/review/{review.code}/recommendations/new/",
        f"/learning/recommendations/{action.recommendation.code}/edit/",
        f"/learning/recommendations/{action.recommendation.code}/withdraw/",
        f"/learning/recommendations/{action.recommendation.code}/actions/new/",
        f"/learning/actions/{action.pk}/change/", f"/learning/actions/{action.pk}/withdraw/",
        "/learning/audits/new/", "/learning/risks/new/",
        "/learning/child-deaths/2020-21/edit/",
    ]


@pytest.mark.parametrize("role", ["chair", "contributor", "board_member"])
def test_only_the_business_unit_opens_the_register_forms(role: str, request, review, action) -> None:  # type: ignore[no-untyped-def]
    client: Client = request.getfixturevalue(role)
    for url in _urls(review, action):
        assert client.get(url).status_code == 403, url
    assert client.post("/learning/reviews/new/", {"pseudonym": "X",
                                                  "kind": "rapid_review"}).status_code == 403
    assert not CaseReview.objects.filter(pseudonym="X").exists()


def test_the_business_unit_opens_every_register_form(manager: Client, review, action) -> None:  # type: ignore[no-untyped-def]
    for url in _urls(review, action):
        assert manager.get(url).status_code == 200, url


def test_another_partnership_never_reaches_these_records(review, action) -> None:  # type: ignore[no-untyped-def]
    other = PartnershipFactory()
    client = Client()
    client.force_login(member(other, Role.BUSINESS_UNIT))
    for url in _urls(review, action)[1:-1]:
        if "/new/" in url and url.startswith(("/learning/audits", "/learning/risks")):
            continue
        assert client.get(url).status_code == 404, url
    assert "Child T" not in client.get("/learning/reviews/").content.decode()
