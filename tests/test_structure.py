"""The joints every app builds on: one permission module, one workflow, one period module,
one stale-edit save path, one file response, the menu and the expectations registries."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django import forms
from django.http import Http404

from lscp.insight import periods
from lscp.partnership import access, expectations, navigation, workflow
from lscp.partnership.http import file_response, save_or_refuse
from lscp.partnership.locking import StaleEdit
from lscp.partnership.models import Role
from tests import factories as f

LSCP = Path(__file__).resolve().parent.parent / "lscp"


def test_no_view_tests_a_role() -> None:
    """Views ask `access`; a role compared anywhere in a view is a permission decided twice."""
    offenders = [f"{path.relative_to(LSCP)}:{n}" for path in LSCP.glob("*/views.py")
                 for n, line in enumerate(path.read_text().splitlines(), 1) if "Role." in line]
    assert offenders == []


def test_the_april_to_march_year_is_worked_out_in_one_module() -> None:
    """The `(first + 1) % 100` arithmetic of a year label lives only in insight/periods.py."""
    pattern = re.compile(r"% 100\b")
    found = [str(p.relative_to(LSCP)) for p in LSCP.rglob("*.py")
             if "migrations" not in p.parts and pattern.search(p.read_text())]
    assert found == ["insight/periods.py"]


# Periods -----------------------------------------------------------------------------------


def test_years_halves_and_quarters() -> None:
    assert periods.year_bounds("2020-21") == (dt.date(2020, 4, 1), dt.date(2021, 3, 31))
    assert periods.year_label_for(dt.date(2021, 3, 31)) == "2020-21"
    assert periods.year_label_for(dt.date(2021, 4, 1)) == "2021-22"
    assert periods.following_year("2099-00") == "2100-01"
    assert periods.previous_year("2000-01") == "1999-00"
    h2 = periods.parse_period("2020-21-H2")
    assert (h2.start, h2.end, h2.kind, h2.year_key) == (dt.date(2020, 10, 1), dt.date(2021, 3, 31),
                                                         "half", "2020-21")
    assert periods.previous(h2).key == "2020-21-H1"
    assert periods.previous(periods.parse_period("2020-21-H1")).key == "2019-20-H2"
    assert periods.previous(periods.parse_period("2020-21-Q1")).key == "2019-20-Q4"


@pytest.mark.parametrize(("label", "message"), [
    ("2020-22", "the second year must follow the first"),
    ("2020/21", 'like "2020-21"'),
    ("20-21", 'like "2020-21"'),
])
def test_a_bad_year_label_is_refused_in_words(label: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        periods.year_bounds(label)


# Permissions -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_who_sees_which_submissions() -> None:
    p = f.PartnershipFactory()
    police, health = f.AgencyFactory(partnership=p), f.AgencyFactory(partnership=p)
    draft = f.SubmissionFactory(partnership=p, agency=police)
    approved = f.SubmissionFactory(partnership=p, agency=health, period="2020-21-Q2",
                                   status=workflow.Status.APPROVED)
    f.SubmissionFactory()  # another partnership's: never visible
    from lscp.dataset.models import Submission

    def visible(user: object) -> set[int]:
        return set(access.submissions_visible_to(user, Submission.objects.all())
                   .values_list("pk", flat=True))

    assert visible(f.member(p)) == {draft.pk, approved.pk}
    assert visible(f.member(p, Role.AGENCY_CONTRIBUTOR, police)) == {draft.pk}
    assert visible(f.member(p, Role.CHAIR)) == {approved.pk}
    assert visible(f.member(p, Role.BOARD_MEMBER)) == {approved.pk}
    assert visible(f.UserFactory()) == set()


@pytest.mark.django_db
def test_only_the_owning_agency_edits_and_only_while_it_is_editable() -> None:
    p = f.PartnershipFactory()
    police, health = f.AgencyFactory(partnership=p), f.AgencyFactory(partnership=p)
    submission = f.SubmissionFactory(partnership=p, agency=police)
    officer = f.member(p, Role.AGENCY_CONTRIBUTOR, police)
    assert access.can_start_submission(officer)
    assert access.can_edit_submission(officer, submission)
    assert not access.can_edit_submission(f.member(p, Role.AGENCY_CONTRIBUTOR, health), submission)
    assert not access.can_edit_submission(f.member(p), submission)  # the business unit decides
    assert not access.can_start_submission(f.member(p))
    submission.status = workflow.Status.SUBMITTED
    assert not access.can_edit_submission(officer, submission)
    submission.status = workflow.Status.RETURNED
    assert access.can_edit_submission(officer, submission)


# Workflow ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_workflow_keeps_its_rules_and_its_history() -> None:
    submission = f.SubmissionFactory()
    by = f.member(submission.partnership)
    with pytest.raises(workflow.WorkflowError, match="a draft submission cannot be approved"):
        workflow.advance(submission, workflow.APPROVE, by=by)
    workflow.advance(submission, workflow.SUBMIT, by=by)
    with pytest.raises(workflow.WorkflowError, match="give the reason for returning it"):
        workflow.advance(submission, workflow.RETURN, by=by, reason="  ")
    workflow.advance(submission, workflow.RETURN, by=by, reason="Q2 figures are Q1's")
    submission.refresh_from_db()
    assert (submission.status, submission.return_reason, submission.version) == (
        "returned", "Q2 figures are Q1's", 2)
    assert [(e.action, e.note) for e in submission.events.order_by("pk")] == [
        ("submitted", ""), ("returned", "Q2 figures are Q1's")]
    with pytest.raises(workflow.WorkflowError, match="an approved submission cannot be returned"):
        submission.status = workflow.Status.APPROVED
        workflow.advance(submission, workflow.RETURN, by=by, reason="again")


@pytest.mark.django_db
def test_two_decisions_on_one_submission_cannot_both_pass() -> None:
    """The approver and a second officer open the same submitted figures; the second
    decision is refused instead of silently undoing the first."""
    from lscp.dataset.models import Submission

    submission = f.SubmissionFactory(status=workflow.Status.SUBMITTED)
    by = f.member(submission.partnership)
    first, second = (Submission.objects.get(pk=submission.pk) for _ in range(2))
    workflow.advance(first, workflow.APPROVE, by=by)
    with pytest.raises(workflow.WorkflowError, match="someone else changed this submission"):
        workflow.advance(second, workflow.RETURN, by=by, reason="wrong quarter")
    submission.refresh_from_db()
    assert submission.status == workflow.Status.APPROVED
    assert list(submission.events.values_list("action", flat=True)) == ["approved"]


# One save path, one file response ---------------------------------------------------------


def test_a_stale_save_is_refused_on_the_form() -> None:
    form = forms.Form(data={})
    assert form.is_valid()

    def stale(**_: object) -> None:
        raise StaleEdit(None)

    saved = save_or_refuse(form, "register", stale)
    assert not saved
    assert "Someone else changed this register" in form.non_field_errors()[0]
    assert save_or_refuse(forms.Form(data={}), "register", lambda **kw: kw["n"] * 2, n=21).result == 42


def test_a_file_response_is_typed_and_named_by_its_extension() -> None:
    response = file_response(b"a,b\n", "dataset-2020-21.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="dataset-2020-21.csv"'
    assert file_response(b"<p>", "r.html", inline=True)["Content-Disposition"].startswith("inline")
    with pytest.raises(Http404):
        file_response(b"", "report.exe")


# Registries filled by the apps -------------------------------------------------------------


def test_each_app_puts_its_pages_in_the_menu_in_order() -> None:
    assert [(e.label, e.url) for e in navigation.entries()] == [
        ("Overview", "/"), ("Dataset", "/dataset/"), ("Submissions", "/dataset/submissions/"),
        ("Groups and meetings", "/groups/"), ("Returns", "/dataset/returns/"),
        ("Budget", "/budget/"), ("Priorities", "/priorities/"), ("Training", "/training/"),
        ("Learning", "/learning/"),
        ("Self-assessment", "/self-assessment/"), ("Intelligence", "/intelligence/"),
        ("Yearly report", "/reports/yearly/"),
        ("Report contributions", "/reports/contributions/"), ("People", "/people/"),
        ("Audit trail", "/audit/"),
        ("Search", "/search/"),
        ("Admin", "/admin/")]


@pytest.mark.django_db
def test_the_menu_shows_each_role_what_it_may_open() -> None:
    p = f.PartnershipFactory()
    officer = f.member(p, Role.AGENCY_CONTRIBUTOR, f.AgencyFactory(partnership=p))
    labels = [i["label"] for i in navigation.menu_for(officer, "/dataset/")]
    assert not {"Budget", "Returns", "People", "Admin"} & set(labels)
    manager = f.member(p, is_staff=True)
    items = navigation.menu_for(manager, "/dataset/returns/7/")
    assert [i["label"] for i in items if i["active"]] == ["Returns"]
    assert {"Budget", "Returns", "People", "Admin"} <= {i["label"] for i in items}


def test_the_apps_register_what_they_expect_of_people() -> None:
    assert {"submission", "action"} <= set(expectations.kinds())


@pytest.mark.django_db
def test_expectations_list_what_is_owed_overdue_first() -> None:
    p = f.PartnershipFactory()
    f.ReportingYearFactory(partnership=p, label="2020-21")
    police = f.AgencyFactory(partnership=p, sector="police")
    f.IndicatorFactory(owner_sector="police", frequency="quarterly")
    f.SubmissionFactory(partnership=p, agency=police, period="2020-21-Q1",
                        status=workflow.Status.APPROVED)
    f.SubmissionFactory(partnership=p, agency=police, period="2020-21-Q2",
                        status=workflow.Status.SUBMITTED)
    late = f.ActionFactory(recommendation__partnership=p, owner=police, due=dt.date(2020, 12, 1))
    items = expectations.expected(p, dt.date(2021, 1, 15), agency=police)
    # Q1 is approved: nothing owed. Q2 waits for the business unit. Q3 ended on 31 December
    # and is due 30 days later. Q4 and the year have not ended. The action is overdue.
    assert [(e.kind, e.state, e.due, e.overdue) for e in items] == [
        ("action", "overdue", dt.date(2020, 12, 1), True),
        ("submission", "awaiting approval", dt.date(2020, 10, 30), False),
        ("submission", "not started", dt.date(2021, 1, 30), False),
    ]
    assert items[0].what == late.text and items[0].url == f"/learning/actions/{late.pk}/"
    later = expectations.expected(p, dt.date(2021, 2, 1), agency=police, kinds=["submission"])
    assert [(e.what, e.overdue) for e in later] == [
        (f"{police.name} figures for 2020-21 Q3 (Oct–Dec 2020)", True),
        (f"{police.name} figures for 2020-21 Q2 (Jul–Sep 2020)", False)]
    assert expectations.expected(p, dt.date(2021, 1, 15), agency=f.AgencyFactory(partnership=p)) == []
