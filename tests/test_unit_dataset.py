"""Agency submissions and the dataset's selectors, on synthetic indicators made per test.

No catalogue and no demo bundle: each test makes the few indicators it needs, so a figure's
expected value can be worked out from the rows in the test.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from lscp.dataset.models import Submission, SubmissionStatus, Unit, Value, ValueChange
from lscp.dataset.selectors import indicators_owned_by, series, settled_values, summary, year_point
from lscp.dataset.submissions import (
    Entry,
    Slot,
    check,
    previous_figures,
    slots,
    submission_approve,
    submission_reopen,
    submission_return,
    submission_save,
    submission_start,
)
from lscp.insight.compare import Direction, Judgement, Rag
from lscp.insight.periods import parse_period
from lscp.partnership.locking import StaleEdit
from lscp.partnership.models import Sector
from lscp.partnership.workflow import WorkflowError
from tests.factories import (
    AgencyFactory,
    ComparatorFactory,
    DatasetOwnerFactory,
    IndicatorFactory,
    PopulationFactory,
    SubmissionFactory,
    TargetFactory,
    UserFactory,
    ValueFactory,
)

pytestmark = pytest.mark.django_db

Q1 = "2020-21-Q1"
Q1_LABEL = parse_period(Q1).label  # "2020-21 Q1 (Apr–Jun 2020)"
KINDS = [["referral", "Referral"], ["consultation", "Consultation"]]


def entry(indicator, period: str = Q1, category: str = "", **typed: str) -> Entry:  # type: ignore[no-untyped-def]
    return Entry(Slot(indicator, period, category), **typed)


# Which figures a submission asks for --------------------------------------------------------


@pytest.fixture
def police():  # type: ignore[no-untyped-def]
    agency = AgencyFactory(sector=Sector.POLICE)
    owned = {"owner_sector": Sector.POLICE}
    IndicatorFactory(code="missing-episodes", frequency="monthly", position=1, **owned)
    IndicatorFactory(code="rhi-offered", unit=Unit.PERCENTAGE, position=2, **owned)
    IndicatorFactory(code="yearly-count", frequency="yearly", position=3, **owned)
    IndicatorFactory(code="lado-contacts", breakdown=KINDS, breakdown_name="Kind of contact",
                     position=4, **owned)
    IndicatorFactory(code="at-31-march", frequency="snapshot", position=5, **owned)
    IndicatorFactory(code="police-rate", unit=Unit.RATE, position=6, **owned)  # computed
    IndicatorFactory(code="health-visits", owner_sector=Sector.HEALTH, position=7)
    return agency


def test_a_quarter_asks_for_its_months_and_itself_with_each_category(police) -> None:  # type: ignore[no-untyped-def]
    quarter = SubmissionFactory(partnership=police.partnership, agency=police, period=Q1)

    assert [s.key for s in slots(quarter)] == [
        "missing-episodes.2020-04.total", "missing-episodes.2020-05.total",
        "missing-episodes.2020-06.total", "rhi-offered.2020-21-Q1.total",
        "lado-contacts.2020-21-Q1.total", "lado-contacts.2020-21-Q1.referral",
        "lado-contacts.2020-21-Q1.consultation"]


def test_a_year_asks_for_yearly_figures_and_31_march_snapshots(police) -> None:  # type: ignore[no-untyped-def]
    year = SubmissionFactory(partnership=police.partnership, agency=police, period="2020-21")

    assert [s.key for s in slots(year)] == ["yearly-count.2020-21.total", "at-31-march.2020-21.total"]


def test_a_sector_given_to_another_agency_is_its_alone(police) -> None:  # type: ignore[no-untyped-def]
    unit = AgencyFactory(partnership=police.partnership, sector=Sector.OTHER)
    DatasetOwnerFactory(partnership=police.partnership, sector=Sector.POLICE, agency=unit)
    IndicatorFactory(code="other-sector", owner_sector=Sector.OTHER)

    assert list(indicators_owned_by(police)) == []
    assert {i.code for i in indicators_owned_by(unit)} == {
        "missing-episodes", "rhi-offered", "yearly-count", "lado-contacts", "at-31-march",
        "other-sector"}


# Checking what was typed -------------------------------------------------------------------


def test_counts_are_whole_numbers_and_days_any_number_not_below_zero() -> None:
    count = IndicatorFactory.build(code="contacts", title="Contacts")
    bad_count = IndicatorFactory.build(code="referrals", title="Referrals")
    fraction = IndicatorFactory.build(code="plans", title="Plans")
    days = IndicatorFactory.build(code="wait", title="Average wait", unit=Unit.DAYS)
    bad_days = IndicatorFactory.build(code="delay", title="Delay", unit=Unit.DAYS)
    negative_days = IndicatorFactory.build(code="gap", title="Gap", unit=Unit.DAYS)

    checked, errors = check([
        entry(count, value=" 1,234 "), entry(bad_count, value="-3"), entry(fraction, value="2.5"),
        entry(days, value="12.5"), entry(bad_days, value="soon"), entry(negative_days, value="-1"),
    ], {}, complete=False)

    assert checked["contacts.2020-21-Q1.total"].value == Decimal(1234)
    assert checked["wait.2020-21-Q1.total"].value == Decimal("12.5")
    assert errors == {
        ("referrals.2020-21-Q1.total", "value"):
            f"Referrals ({Q1_LABEL}) must be a whole number, 0 or more",
        ("plans.2020-21-Q1.total", "value"): f"Plans ({Q1_LABEL}) must be a whole number, 0 or more",
        ("delay.2020-21-Q1.total", "value"): "Delay must be a number of days, 0 or more",
        ("gap.2020-21-Q1.total", "value"): "Gap must be a number of days, 0 or more",
    }


def test_a_percentage_needs_a_numerator_no_bigger_than_its_denominator() -> None:
    fine, too_many, no_denominator = (
        IndicatorFactory.build(code=code, unit=Unit.PERCENTAGE) for code in ("a", "b", "c"))

    checked, errors = check([
        entry(fine, numerator="3", denominator="4"),
        entry(too_many, numerator="5", denominator="4"),
        entry(no_denominator, numerator="3"),
    ], {}, complete=False)

    assert (checked["a.2020-21-Q1.total"].numerator, checked["a.2020-21-Q1.total"].denominator) == (3, 4)
    assert checked["a.2020-21-Q1.total"].figure == Decimal(75)
    assert errors == {
        ("b.2020-21-Q1.total", "numerator"): "The numerator (5) cannot be more than the denominator (4)",
        ("c.2020-21-Q1.total", "denominator"):
            f"Enter the denominator of {no_denominator.title} ({Q1_LABEL})",
    }


def test_blanks_may_be_saved_but_not_submitted() -> None:
    count = IndicatorFactory.build(code="contacts", title="Contacts")
    share = IndicatorFactory.build(code="share", title="Share seen", unit=Unit.PERCENTAGE)
    blanks = [entry(count, value=" "), entry(share)]

    assert check(blanks, {}, complete=False) == ({}, {})
    assert check(blanks, {}, complete=True) == ({}, {
        ("contacts.2020-21-Q1.total", "value"): f"Enter contacts ({Q1_LABEL})",
        ("share.2020-21-Q1.total", "numerator"): f"Enter share seen ({Q1_LABEL})",
    })


def test_categories_must_add_up_to_the_total() -> None:
    lado = IndicatorFactory.build(code="lado", breakdown=KINDS, breakdown_name="Kind of contact")

    def typed(total: str, referral: str, consultation: str) -> list[Entry]:
        return [entry(lado, value=total), entry(lado, category="referral", value=referral),
                entry(lado, category="consultation", value=consultation)]

    assert check(typed("10", "4", "5"), {}, complete=False)[1] == {
        ("lado.2020-21-Q1.total", "value"): "The Kind of contact categories add up to 9, not the "
                                            "total of 10"}
    assert check(typed("10", "4", "6"), {}, complete=False)[1] == {}
    assert check(typed("10", "4", ""), {}, complete=False)[1] == {}  # not all typed yet


@pytest.mark.parametrize(("now", "comment", "flagged"), [
    ("130", "", True),  # up 30%, more than the 25% alert
    ("70", "", True),  # down 30%
    ("125", "", False),  # exactly 25%: not more
    ("130", "New team counts differently", False),  # explained
])
def test_a_big_change_from_the_period_before_needs_a_comment(now: str, comment: str,
                                                             flagged: bool) -> None:
    contacts = IndicatorFactory.build(code="contacts", title="Contacts", change_alert=0.25)

    _, errors = check([entry(contacts, value=now, comment=comment)],
                      {"contacts.2020-21-Q1.total": Decimal(100)}, complete=False)

    expected = {("contacts.2020-21-Q1.total", "comment"): "Contacts changed by 30% from the "
                "previous period: add a comment to explain it"} if flagged else {}
    assert errors == expected


def test_no_change_alert_against_a_zero() -> None:
    contacts = IndicatorFactory.build(code="contacts")

    assert check([entry(contacts, value="50")], {"contacts.2020-21-Q1.total": Decimal(0)},
                 complete=False)[1] == {}


def test_previous_figures_are_last_month_and_last_quarter(police) -> None:  # type: ignore[no-untyped-def]
    p = police.partnership
    q2 = SubmissionFactory(partnership=p, agency=police, period="2020-21-Q2")
    ValueFactory(partnership=p, indicator__code="unrelated", period=Q1)
    by_code = {s.indicator.code: s.indicator for s in slots(q2)}
    ValueFactory(partnership=p, indicator=by_code["missing-episodes"], period="2020-06", value=7)
    ValueFactory(partnership=p, indicator=by_code["rhi-offered"], period=Q1, value=None,
                 numerator=3, denominator=4)
    ValueFactory(partnership=p, indicator=by_code["lado-contacts"], period=Q1, value=40)
    ValueFactory(partnership=p, indicator=by_code["lado-contacts"], period=Q1,
                 category="referral", value=25)  # categories are not compared
    ValueFactory(indicator=by_code["lado-contacts"], period="2020-21-Q1", value=999)  # elsewhere

    assert previous_figures(q2, slots(q2)) == {
        "missing-episodes.2020-07.total": Decimal(7),  # July against June; August has none
        "rhi-offered.2020-21-Q2.total": Decimal(75),
        "lado-contacts.2020-21-Q2.total": Decimal(40),
    }


def test_previous_figures_leave_out_another_draft_but_keep_this_ones_months(police) -> None:  # type: ignore[no-untyped-def]
    """A change alert is measured against settled figures: a previous quarter still in draft
    may be wrong. This submission's own July is the fair comparison for its August."""
    p = police.partnership
    q1 = SubmissionFactory(partnership=p, agency=police, period=Q1)
    q2 = SubmissionFactory(partnership=p, agency=police, period="2020-21-Q2")
    by_code = {s.indicator.code: s.indicator for s in slots(q2)}
    ValueFactory(partnership=p, indicator=by_code["lado-contacts"], period=Q1, value=40,
                 submission=q1)  # Q1 still a draft
    ValueFactory(partnership=p, indicator=by_code["missing-episodes"], period="2020-07",
                 value=9, submission=q2)
    found = previous_figures(q2, slots(q2))
    assert "lado-contacts.2020-21-Q2.total" not in found
    assert found["missing-episodes.2020-08.total"] == Decimal(9)


# Saving and the workflow ---------------------------------------------------------------------


@pytest.fixture
def draft():  # type: ignore[no-untyped-def]
    agency = AgencyFactory(sector=Sector.OTHER)
    IndicatorFactory(code="contacts", title="Contacts")
    IndicatorFactory(code="share", title="Share seen", unit=Unit.PERCENTAGE)
    return submission_start(partnership=agency.partnership, agency=agency, period=Q1)


def filled(submission, contacts: str, numerator: str, denominator: str) -> dict:  # type: ignore[no-untyped-def]
    """What submission_save takes for the draft's two figures, checked as for sending."""
    contacts_slot, share_slot = slots(submission)
    entries = [Entry(contacts_slot, value=contacts),
               Entry(share_slot, numerator=numerator, denominator=denominator)]
    checked, errors = check(entries, {}, complete=True)
    assert errors == {}
    return {"submission": submission, "entries": entries, "checked": checked}


def send(submission, user) -> None:  # type: ignore[no-untyped-def]
    """The agency sends its figures as they stand."""
    submission_save(**filled(submission, "120", "3", "4"), user=user,
                    seen_version=submission.version, send=True)


def test_a_submission_is_started_once_per_agency_and_period(draft) -> None:  # type: ignore[no-untyped-def]
    assert (draft.status, draft.version) == (SubmissionStatus.DRAFT, 0)
    again = submission_start(partnership=draft.partnership, agency=draft.agency, period=Q1)
    other = submission_start(partnership=draft.partnership, agency=draft.agency, period="2020-21-Q2")

    assert again == draft
    assert other != draft and other.status == SubmissionStatus.DRAFT


def test_saving_stores_values_with_their_history(draft) -> None:  # type: ignore[no-untyped-def]
    user = UserFactory()

    assert submission_save(**filled(draft, "120", "3", "4"), user=user, seen_version=0) == 2
    stored = {v.indicator.code: v for v in Value.objects.filter(submission=draft)}
    assert stored["contacts"].value == Decimal(120)
    assert (stored["share"].numerator, stored["share"].denominator) == (3, 4)
    assert stored["contacts"].provenance == f"submission {draft.pk}"
    assert (draft.status, draft.version) == (SubmissionStatus.DRAFT, 1)

    assert submission_save(**filled(draft, "120", "3", "4"), user=user, seen_version=1) == 0
    assert submission_save(**filled(draft, "125", "3", "4"), user=user, seen_version=2) == 1
    change = ValueChange.objects.filter(value=stored["contacts"]).order_by("pk").last()
    assert change is not None
    assert (change.old, change.new, change.changed_by) == ("120", "125", user)


def test_a_stale_save_is_refused_and_nothing_stored(draft) -> None:  # type: ignore[no-untyped-def]
    submission_save(**filled(draft, "120", "3", "4"), user=None, seen_version=0)

    with pytest.raises(StaleEdit):  # a second form, opened at version 0
        submission_save(**filled(draft, "999", "1", "4"), user=None, seen_version=0, send=True)

    draft.refresh_from_db()
    assert (draft.status, draft.version) == (SubmissionStatus.DRAFT, 1)
    assert Value.objects.get(submission=draft, indicator__code="contacts").value == Decimal(120)


def test_only_a_draft_or_a_returned_submission_can_be_changed(draft) -> None:  # type: ignore[no-untyped-def]
    send(draft, None)

    with pytest.raises(WorkflowError, match="^only a draft or returned submission can be changed$"):
        submission_save(**filled(draft, "999", "1", "4"), user=None, seen_version=draft.version)
    assert Value.objects.get(submission=draft, indicator__code="contacts").value == Decimal(120)


def test_send_then_return_with_a_reason_then_send_and_approve(draft) -> None:  # type: ignore[no-untyped-def]
    agency_lead, manager = UserFactory(), UserFactory()

    send(draft, agency_lead)
    draft.refresh_from_db()
    assert (draft.status, draft.editable_by_agency) == (SubmissionStatus.SUBMITTED, False)
    with pytest.raises(WorkflowError, match="^give the reason for returning it$"):
        submission_return(submission=draft, by=manager, reason="   ")
    submission_return(submission=draft, by=manager, reason="  May is missing ")
    draft.refresh_from_db()
    assert (draft.status, draft.return_reason, draft.editable_by_agency) == (
        SubmissionStatus.RETURNED, "May is missing", True)

    send(draft, agency_lead)
    submission_approve(submission=draft, by=manager)
    draft.refresh_from_db()
    assert (draft.status, draft.return_reason) == (SubmissionStatus.APPROVED, "")
    assert list(draft.events.order_by("pk").values_list("action", "by", "note")) == [
        ("submitted", agency_lead.pk, ""), ("returned", manager.pk, "May is missing"),
        ("submitted", agency_lead.pk, ""), ("approved", manager.pk, "")]


def test_an_approved_submission_changes_only_by_reopening_it_with_a_reason(draft) -> None:  # type: ignore[no-untyped-def]
    send(draft, None)
    submission_approve(submission=draft, by=None)
    assert not draft.editable_by_agency

    with pytest.raises(WorkflowError, match="^give the reason for reopening it$"):
        submission_reopen(submission=draft, by=None, reason="")
    submission_reopen(submission=draft, by=None, reason="Police figures corrected")

    draft.refresh_from_db()
    assert (draft.status, draft.return_reason) == (SubmissionStatus.RETURNED,
                                                   "Police figures corrected")
    assert draft.events.order_by("pk").last().action == "reopened"


def _approve(submission) -> None:  # type: ignore[no-untyped-def]
    submission_approve(submission=submission, by=None)


def _return(submission) -> None:  # type: ignore[no-untyped-def]
    submission_return(submission=submission, by=None, reason="why")


def _reopen(submission) -> None:  # type: ignore[no-untyped-def]
    submission_reopen(submission=submission, by=None, reason="why")


@pytest.mark.parametrize(("status", "step", "message"), [
    ("draft", _approve, "a draft submission cannot be approved"),
    ("returned", _approve, "a returned submission cannot be approved"),
    ("draft", _return, "a draft submission cannot be returned"),
    ("approved", _return, "an? approved submission cannot be returned"),
    ("submitted", _reopen, "a submitted submission cannot be reopened"),
    ("returned", _reopen, "a returned submission cannot be reopened"),
])
def test_a_step_the_status_does_not_allow_is_refused(draft, status: str, step, message: str) -> None:  # type: ignore[no-untyped-def]
    Submission.objects.filter(pk=draft.pk).update(status=status)
    draft.refresh_from_db()

    with pytest.raises(WorkflowError, match=f"^{message}$"):
        step(draft)

    draft.refresh_from_db()
    assert (draft.status, draft.version, draft.events.count()) == (status, 0, 0)


# Reading the dataset -------------------------------------------------------------------------


def test_only_imported_and_approved_values_are_settled() -> None:
    agency = AgencyFactory()
    p = agency.partnership
    imported = ValueFactory(partnership=p, period="2019-20-Q4")
    shown = {}
    for quarter, status in enumerate(("draft", "submitted", "returned", "approved"), start=1):
        submission = SubmissionFactory(partnership=p, agency=agency, period=f"2020-21-Q{quarter}",
                                       status=status)
        shown[status] = ValueFactory(partnership=p, submission=submission, period=submission.period)
    ValueFactory()  # another partnership's

    assert set(settled_values(p)) == {imported, shown["approved"]}


def test_a_years_count_is_its_own_value_or_four_complete_quarters() -> None:
    agency = AgencyFactory()
    p = agency.partnership
    contacts = IndicatorFactory()
    for quarter, figure in zip((1, 2, 3, 4), (10, 20, 30, 40), strict=True):
        ValueFactory(partnership=p, indicator=contacts, period=f"2020-21-Q{quarter}", value=figure)
    for quarter in (1, 2, 3):
        ValueFactory(partnership=p, indicator=contacts, period=f"2019-20-Q{quarter}", value=5)
    ValueFactory(partnership=p, indicator=contacts, period="2018-19", value=77)
    ValueFactory(partnership=p, indicator=contacts, period="2018-19-Q1", value=1)

    assert year_point(p, contacts, "2020-21").figure == Decimal(100)
    assert year_point(p, contacts, "2019-20") is None  # three quarters are not a year
    assert year_point(p, contacts, "2018-19").figure == Decimal(77)  # its own value first


def test_a_rate_is_computed_per_10000_children_from_its_count() -> None:
    agency = AgencyFactory()
    p = agency.partnership
    plans = IndicatorFactory(frequency="snapshot")
    rate = IndicatorFactory(unit=Unit.RATE, rate_of=plans, frequency="snapshot")
    PopulationFactory(partnership=p, year="2020-21", under_18=60_000)
    ValueFactory(partnership=p, indicator=plans, period="2020-21", value=120)
    ValueFactory(partnership=p, indicator=plans, period="2019-20", value=150)  # no population
    ValueFactory(partnership=p, indicator=plans, period="2020-21-Q1", value=90)  # not a year

    points = series(p, rate)

    assert [(pt.period, pt.figure, pt.count) for pt in points] == [("2020-21", Decimal(20), 120)]


def test_the_summary_judges_the_year_against_last_year_and_the_target() -> None:
    agency = AgencyFactory()
    p = agency.partnership
    seen = IndicatorFactory(frequency="yearly", polarity="up_good")
    ValueFactory(partnership=p, indicator=seen, period="2019-20", value=100)
    ValueFactory(partnership=p, indicator=seen, period="2020-21", value=110)
    ComparatorFactory(partnership=p, indicator=seen, year="2020-21", value=90)

    judged = summary(p, seen, "2020-21")

    assert (judged.current.figure, judged.previous.figure, judged.national) == (110, 100, 90)
    assert (judged.movement.direction, judged.movement.judgement) == (Direction.UP, Judgement.BETTER)
    assert judged.rag == Rag.GREEN  # above the national 90, with no target

    TargetFactory(partnership=p, indicator=seen, year="2020-21", value=120)
    assert summary(p, seen, "2020-21").rag == Rag.RED  # 110 is 8% short of the target of 120
