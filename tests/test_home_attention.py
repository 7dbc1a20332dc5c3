"""Home pages by role: what needs each member's attention in the demo at 30 June 2021.

The counts are worked out from the demo bundle (lscp/demo/bundle), which holds no agency
submissions: its 2019-20 and 2020-21 figures were imported, and figures on record for a whole
period mean nobody owes a form for it (lscp/dataset/expectations.py). So nothing is overdue;
2021-22 Q1 ended that day and is due on 30 July, and the six agencies that give quarterly
figures (Children & Family Voluntary Sector Forum, LBB Children's Social Care, Education and
Youth Offending, the Metropolitan Police and the CCG) have not started it. The police owe
2021-22 Q1.
- Actions (actions.csv): five are overdue (NPS 26 June, police 16 April, Bromley Healthcare
  23 April, CCG 28 May, LBB CSC 11 June) and two are done, awaiting acceptance of their
  evidence. The police's other open action is due 16 July, 12 working days away.
- Challenges: four are open with no response, each raised more than four weeks ago.
- Risks: COVID-19 (review 9 June 2021) and national restructuring (10 March 2021).
- Case reviews: no notified review, and the learning reviews' publication clocks are met
  or missed, so no clock is open.
- The 2020-21 report is published (nothing to sign off) and lacks one statutory item: plans
  for the year ahead (training and the child's voice are covered).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from lscp.assurance.models import Challenge
from lscp.dataset.models import Submission
from lscp.partnership.models import Role
from lscp.web.attention import Audience, Figure, exceptions, grouped, headlines
from tests import factories as f

TODAY = "2021-06-30"

EXPECTED = {
    "manager": {"submissions-awaiting-approval": 0, "submissions-overdue": 0,
                "submissions-not-started": 6, "clocks": 0, "actions-overdue": 5,
                "actions-evidence": 2, "challenges": 4, "risks": 2, "report-gaps": 1,
                "contributions-review": 0, "self-assessments": 0},
    "chair": {"sign-off": 0, "statements": 0, "challenges-overdue": 4, "challenges-open": 0,
              "clocks-overdue": 0},
    "contributor": {"submissions-returned": 0, "submissions-overdue": 0, "submissions-due": 1,
                    "actions-overdue": 1, "actions-due": 0, "contributions": 0,
                    "self-assessments": 0},
}


@pytest.fixture(autouse=True)
def _pinned(settings) -> None:  # type: ignore[no-untyped-def]
    settings.LSCP_TODAY = TODAY


def _attention(client: Client):  # type: ignore[no-untyped-def]
    response = client.get("/")
    assert response.status_code == 200
    return response.context["attention"]


@pytest.mark.parametrize("role", list(EXPECTED))
def test_each_role_sees_its_counts_in_the_demo(role: str, request) -> None:  # type: ignore[no-untyped-def]
    client: Client = request.getfixturevalue(role)
    attention = _attention(client)
    assert attention.counts() == EXPECTED[role]
    html = client.get("/").content.decode()
    for key, count in EXPECTED[role].items():
        assert f'data-count="{key}">{count}<' in html


def test_the_board_sees_headlines_and_exceptions(board_member: Client) -> None:
    attention = _attention(board_member)
    assert attention.audience == Audience.BOARD and attention.year == "2020-21"
    assert attention.groups == ()
    assert len(attention.headlines) == 16
    assert sum(h.red for h in attention.headlines) == 3
    assert [(x.figure.code, x.reasons) for x in attention.exceptions] == [
        ("adoption-days-authority-to-match", ("red",)),
        ("care-leavers-19-21-not-in-touch", ("red",)),
        ("cla-placed-over-20-miles", ("red",)),
        ("sw-assessments-within-45-days", ("worse",))]
    html = board_member.get("/").content.decode()
    assert "Exceptions: red, or worse than last year (4)" in html


def test_the_overview_is_kept_below_the_attention_list(manager: Client) -> None:
    html = manager.get("/").content.decode()
    assert html.index("Needs your attention") < html.index("Meetings held in 2020-21")
    assert manager.get("/").context["year"].label == "2020-21"


@pytest.mark.parametrize("role", ["manager", "chair", "contributor", "board_member"])
def test_every_item_links_to_a_page_that_role_can_open(role: str, request) -> None:  # type: ignore[no-untyped-def]
    client: Client = request.getfixturevalue(role)
    attention = _attention(client)
    urls = {item.url.split("#")[0] for g in attention.groups for item in g.items}
    urls |= {f"/dataset/indicators/{x.figure.code}/" for x in attention.exceptions}
    assert urls
    for url in sorted(urls):
        assert client.get(url).status_code == 200, (role, url)


def test_approving_a_submission_changes_the_counts(manager: Client, demo) -> None:  # type: ignore[no-untyped-def]
    police = demo.agencies.get(code="met-police")
    submission = Submission.objects.create(partnership=demo, agency=police, period="2021-22-Q1",
                                           status="submitted")
    counts = _attention(manager).counts()
    assert (counts["submissions-awaiting-approval"], counts["submissions-not-started"]) == (1, 5)
    response = manager.post(f"/dataset/submissions/{submission.pk}/decide/",
                            {"action": "approve", "reason": ""})
    assert response.status_code == 302
    counts = _attention(manager).counts()
    assert (counts["submissions-awaiting-approval"], counts["submissions-not-started"]) == (0, 5)


def test_answering_a_challenge_changes_the_counts(manager: Client, chair: Client, demo) -> None:  # type: ignore[no-untyped-def]
    challenge = Challenge.objects.get(partnership=demo, code="cog-line-of-sight")
    challenge.response = "CSC and Health Visiting meet weekly to review the children seen."
    challenge.save()
    assert _attention(manager).counts()["challenges"] == 3
    assert _attention(chair).counts()["challenges-overdue"] == 3


def test_a_returned_submission_shows_its_reason_to_the_agency(contributor: Client, demo) -> None:  # type: ignore[no-untyped-def]
    police = demo.agencies.get(code="met-police")
    Submission.objects.create(partnership=demo, agency=police, period="2020-21-Q4",
                              status="returned", return_reason="Q4 arrests do not add up")
    attention = _attention(contributor)
    assert attention.counts()["submissions-returned"] == 1  # figures on record, yet reopened
    assert attention.counts()["submissions-overdue"] == 0
    assert "Returned because: Q4 arrests do not add up" in contributor.get("/").content.decode()


def test_another_partnerships_records_never_appear(manager: Client, chair: Client, demo) -> None:  # type: ignore[no-untyped-def]
    other = f.PartnershipFactory(slug="elsewhere", name="Elsewhere")
    f.ReportingYearFactory(partnership=other, label="2020-21")
    agency = f.AgencyFactory(partnership=other, sector="police")
    f.ActionFactory(recommendation__partnership=other, owner=agency, due=dt.date(2021, 1, 1),
                    text="Elsewhere's overdue action")
    f.ChallengeFactory(partnership=other, challenge="Elsewhere's open challenge")
    f.RiskFactory(partnership=other, title="Elsewhere's risk", review_date=dt.date(2021, 1, 1))
    f.SubmissionFactory(partnership=other, agency=agency, period="2020-21-Q1", status="submitted")
    assert _attention(manager).counts() == EXPECTED["manager"]
    assert _attention(chair).counts() == EXPECTED["chair"]
    html = manager.get("/").content.decode()
    assert "Elsewhere" not in html
    their_manager = Client()
    their_manager.force_login(f.member(other, Role.BUSINESS_UNIT))
    theirs = _attention(their_manager).counts()
    assert (theirs["actions-overdue"], theirs["challenges"], theirs["risks"],
            theirs["submissions-awaiting-approval"]) == (1, 1, 1, 1)


def test_signed_out_visitors_still_get_the_front_door(demo) -> None:  # type: ignore[no-untyped-def]
    response = Client().get("/")
    assert response.status_code == 200 and "attention" not in response.context


# The pure rules ----------------------------------------------------------------------------


def _item(kind: str, state: str, *, overdue: bool = False, soon: bool = False):  # type: ignore[no-untyped-def]
    from lscp.partnership.expectations import Expected

    return Expected(kind=kind, what=f"{kind} {state}", agency=None, due=None, state=state,
                    url="/", overdue=overdue, soon=soon)


def test_an_item_falls_in_one_group_of_an_audience_at_most() -> None:
    items = [_item("submission", "not started", overdue=True),
             _item("submission", "awaiting approval"), _item("submission", "returned"),
             _item("action", "overdue", overdue=True), _item("action", "in progress", soon=True)]
    business = {g.key: g.count for g in grouped(Audience.BUSINESS_UNIT, items)}
    assert business["submissions-overdue"] == 1 and business["submissions-awaiting-approval"] == 1
    assert business["submissions-not-started"] == 0  # the returned one is the agency's to do
    agency = {g.key: g.count for g in grouped(Audience.AGENCY, items)}
    assert agency == {"submissions-returned": 1, "submissions-overdue": 1, "submissions-due": 0,
                      "actions-overdue": 1, "actions-due": 1, "contributions": 0,
                      "self-assessments": 0}


def test_board_headlines_count_rag_and_movement_and_list_exceptions_red_first() -> None:
    figures = [Figure("Early help", "a", "A", "1", "2", "green", "down", "worse"),
               Figure("Early help", "b", "B", "1", "1", "red", "same", "similar"),
               Figure("Care", "c", "C", "5", "4", "amber", "up", "better")]
    assert [(h.theme, h.figures, h.red, h.amber, h.green, h.better, h.worse)
            for h in headlines(figures)] == [("Early help", 2, 1, 0, 1, 0, 1),
                                              ("Care", 1, 0, 1, 0, 1, 0)]
    assert [(x.figure.code, x.reasons) for x in exceptions(figures)] == [
        ("b", ("red",)), ("a", ("worse",))]


def test_figures_on_record_for_a_whole_period_mean_no_form_is_owed() -> None:
    from lscp.dataset.expectations import covered
    from lscp.insight.periods import parse_period as period

    assert covered(period("2020-21-Q1"), [period("2020-21")])  # the year holds the quarter
    months = [period("2020-04"), period("2020-05"), period("2020-06")]
    assert covered(period("2020-21-Q1"), months)
    assert not covered(period("2020-21-Q1"), [months[0], months[2]])  # May is missing
    assert not covered(period("2020-21"), [period("2020-21-Q1")])
    assert not covered(period("2021-22-Q1"), [period("2020-21")])


def test_a_period_without_figures_on_record_is_owed_and_then_overdue(  # type: ignore[no-untyped-def]
        manager: Client, demo, settings) -> None:
    from lscp.dataset.models import Value

    police = demo.agencies.get(code="met-police")
    settings.LSCP_TODAY = "2021-08-02"  # 2021-22 Q1 was due on 30 July
    assert _attention(manager).counts()["submissions-overdue"] == 6
    # Imported figures for the police's quarter: the police no longer owe it.
    owned = Value.objects.filter(partnership=demo, period="2020-21",
                                 indicator__owner_sector=police.sector).first()
    assert owned is not None
    Value.objects.create(partnership=demo, indicator=owned.indicator, period="2021-22-Q1",
                         value=5, provenance="bundle")
    assert _attention(manager).counts()["submissions-overdue"] == 5
