"""Publication as a decision (issue 10, item 6; docs/publication.md): the readiness checklist
gates publishing; partners' sign-offs and the chair's overrides, with the override's reason
stated in the report's About section; the distribution log with the year's statutory
recipients; who may do which."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client

from lscp.partnership.models import Partnership, ReportingYear
from lscp.reports import publication_services
from lscp.reports.content import Chart, Document, Paragraph, Section, Table
from lscp.reports.documents.yearly import build_yearly_report
from lscp.reports.models import Distribution, ReadinessOverride, Signatory, SignOff
from lscp.reports.publication import (
    Override,
    Signed,
    illustrative_in,
    readiness,
    sign_off_key,
    statutory_key,
)
from lscp.reports.publication_selectors import distribution_of, readiness_of
from lscp.reports.statutory import Requirement, frame_for
from tests import factories as f

PUBLISH = "/reports/yearly/2020-21/publish/"
PAGE = "/reports/yearly/2020-21/publication/"
PUBLIC = "/public/bromley/yearly/2020-21/"
SIGNATORIES = list(Signatory.choices)


# The rules, without a database ----------------------------------------------------------------


def _rules(covered: bool = True, illustrative: tuple[str, ...] = (),
           signed: tuple[str, ...] = tuple(Signatory.values),
           overrides: dict[str, Override] | None = None):  # type: ignore[no-untyped-def]
    day = dt.date(2021, 9, 1)
    return readiness(
        requirements=[Requirement("Plans for the year ahead", ("Looking ahead",) if covered
                                  else ())],
        illustrative=list(illustrative), signatories=SIGNATORIES,
        signed={s: Signed("Chief Officer", "An agency", day) for s in signed},
        overrides=overrides or {})


def test_a_report_with_everything_met_is_ready() -> None:
    found = _rules()
    assert found.ready and found.missing == ()
    assert [group for group, _ in found.groups()] == [
        "Statutory content", "Public edition", "Sign-off"]


def test_each_kind_of_gap_is_missing_by_name() -> None:
    found = _rules(covered=False, illustrative=("Re-referrals (2020-21)",),
                   signed=("local_authority", "police"))
    assert not found.ready
    assert [c.text for c in found.missing] == [
        "Plans for the year ahead",
        "No illustrative (made-up) figure in the public edition",
        "Signed off by the integrated care board (health)",
        "Signed off by the independent scrutineer"]
    illustrative = found.check("illustrative")
    assert illustrative is not None and "Re-referrals (2020-21)" in illustrative.detail


def test_the_chairs_override_lets_one_item_through_and_only_that_one() -> None:
    reason = Override("The plan is agreed at the Executive in October.", dt.date(2021, 9, 2))
    key = statutory_key("Plans for the year ahead")
    found = _rules(covered=False, signed=("police",), overrides={key: reason})
    check = found.check(key)
    assert check is not None and check.passes and check.overridden
    assert not found.ready  # three sign-offs are still missing
    everything = {c.key: reason for c in _rules(covered=False, signed=()).missing}
    assert _rules(covered=False, signed=(), overrides=everything).ready


def test_an_override_of_an_item_since_met_is_not_counted_as_overridden() -> None:
    key = sign_off_key("police")
    found = _rules(overrides={key: Override("Signed at the meeting.", dt.date(2021, 9, 2))})
    check = found.check(key)
    assert check is not None and check.met and not check.overridden
    assert found.overridden == ()


def test_illustrative_figures_are_found_in_the_public_editions_tables_and_charts() -> None:
    table = Table("Theme: 2019-20 and 2020-21", ["Indicator", "Unit", "2019-20", "2020-21"],
                  [["Re-referrals", "%", "21%", "[x]"], ["Referrals", "count", "[c]", "1,200"]])
    chart_table = Table("Monthly", ["Month", "Contacts"], [["April 2020", "[x]"]])
    document = Document("T", "S", "t", [Section("context", "Context", [
        Paragraph("[x] in a sentence is not a figure"), table], [
        Section("monthly", "Monthly", [Chart("C", "summary", {}, chart_table)])])])
    assert illustrative_in(document) == ["Re-referrals (2020-21)", "April 2020 (Contacts)"]


def test_a_requirements_key_is_stable_and_readable() -> None:
    assert statutory_key("Plans for the year ahead") == "statutory:plans-for-the-year-ahead"
    assert statutory_key("How children's and families' feedback shaped the work") == (
        "statutory:how-children-s-and-families-feedback-shaped-the-work")


# Publishing, refused and allowed ---------------------------------------------------------


@pytest.fixture
def draft(demo: Partnership) -> ReportingYear:
    """The demo's 2020-21 report, taken back to a draft (the bundle has it published)."""
    year = demo.years.get(label="2020-21")
    year.report_published = False
    year.save()
    return year


def _missing(response) -> list[str]:  # type: ignore[no-untyped-def]
    html = response.content.decode()
    listed = html.split('data-testid="missing"', 1)[1].split("</ul>", 1)[0]
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", item)).strip()
            for item in listed.split("<li>")[1:]]


@pytest.mark.django_db
def test_publishing_is_refused_with_the_list_of_what_is_missing(draft: ReportingYear,
                                                                 chair: Client) -> None:
    for data in ({"action": "publish"}, {"action": "publish", "confirmed": "yes"}):
        response = chair.post(PUBLISH, data)
        assert response.status_code == 409
        missing = _missing(response)
        assert any("Signed off by the police" in m for m in missing)
        assert any("Signed off by the independent scrutineer" in m for m in missing)
        expected = [c.text for c in readiness_of(draft).missing]
        assert len(missing) == len(expected) and all(
            text in line for text, line in zip(expected, missing, strict=True))
    draft.refresh_from_db()
    assert not draft.report_published
    assert Client().get(PUBLIC).status_code == 404


@pytest.mark.django_db
def test_the_demo_report_is_held_back_by_its_illustrative_figures(draft: ReportingYear) -> None:
    """The demo marks made-up figures; its public edition refuses them as [x], and the
    checklist names them."""
    check = readiness_of(draft).check("illustrative")
    assert check is not None and not check.met
    assert "as [x]:" in check.detail


def _sign_all(client: Client, year: ReportingYear) -> None:
    for signatory in Signatory.values:
        agency = year.partnership.agencies.filter(
            sector={"local_authority": "local_authority", "police": "police",
                    "health": "health"}.get(signatory, "other")).first()
        assert agency is not None
        response = client.post(f"/reports/yearly/2020-21/sign-off/{signatory}/", {
            "signed_by": f"Signatory for {signatory}", "agency": agency.pk,
            "signed_on_day": "1", "signed_on_month": "9", "signed_on_year": "2021"})
        assert response.status_code == 302, response.content.decode()[:2000]


@pytest.mark.django_db
def test_publishing_is_allowed_after_sign_offs_and_the_chairs_override_which_about_states(
        draft: ReportingYear, manager: Client, chair: Client) -> None:
    _sign_all(manager, draft)  # the business unit, on the partners' behalf
    signed = {s.signatory: s for s in SignOff.objects.filter(year=draft)}
    assert set(signed) == set(Signatory.values)
    assert signed["police"].agency.sector == "police"
    assert signed["police"].recorded_by.username == "manager"
    still = readiness_of(draft).missing
    assert still and all(c.group != "Sign-off" for c in still)
    assert chair.post(PUBLISH, {"action": "publish", "confirmed": "yes"}).status_code == 409

    reasons = {}
    for check in still:
        reasons[check.key] = f"Our reason for {check.key}: it is covered in the minutes."
        response = chair.post(f"/reports/yearly/2020-21/override/{check.key}/",
                              {"reason": reasons[check.key]})
        assert response.status_code == 302
    assert readiness_of(draft).ready
    confirm = chair.post(PUBLISH, {"action": "publish"})
    assert confirm.status_code == 200 and "Yes, publish it" in confirm.content.decode()
    assert chair.post(PUBLISH, {"action": "publish", "confirmed": "yes"}).status_code == 302
    draft.refresh_from_db()
    assert draft.report_published

    page = Client().get(PUBLIC).content.decode()
    about = next(s for s in build_yearly_report(draft.partnership, draft, public=True).sections
                 if s.id == "about")
    said = " ".join(getattr(b, "text", "") + " ".join(getattr(b, "items", []))
                    for b in about.blocks)
    for check in still:
        assert f"{check.text}: {reasons[check.key]}" in said
        assert reasons[check.key] in page


@pytest.mark.django_db
def test_withdrawing_is_never_gated(demo: Partnership, chair: Client) -> None:
    response = chair.post(PUBLISH, {"action": "withdraw", "confirmed": "yes"})
    assert response.status_code == 302
    assert not demo.years.get(label="2020-21").report_published


# Sign-offs, overrides: who, and what is refused -----------------------------------------------


@pytest.mark.django_db
def test_a_lead_partner_signs_only_for_an_agency_of_its_sector(draft: ReportingYear,
                                                                 manager: Client) -> None:
    police = draft.partnership.agencies.filter(sector="police").get()
    response = manager.post("/reports/yearly/2020-21/sign-off/local_authority/", {
        "signed_by": "Director", "agency": police.pk,
        "signed_on_day": "1", "signed_on_month": "9", "signed_on_year": "2021"})
    assert response.status_code == 200
    assert "Choose one of the agencies listed" in response.content.decode()
    missing_date = manager.post("/reports/yearly/2020-21/sign-off/police/", {
        "signed_by": "Borough Commander", "agency": police.pk})
    assert "Enter the date signed" in missing_date.content.decode()
    assert not SignOff.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "signs", "overrides", "distributes"), [
    ("manager", True, False, True), ("chair", True, True, False),
    ("contributor", False, False, False), ("board_member", False, False, False)])
def test_who_may_sign_override_and_distribute(draft: ReportingYear, request, role: str,  # type: ignore[no-untyped-def]
                                              signs: bool, overrides: bool,
                                              distributes: bool) -> None:
    client: Client = request.getfixturevalue(role)
    assert client.get(PAGE).status_code == 200  # everyone in the partnership reads it
    sign = client.get("/reports/yearly/2020-21/sign-off/police/")
    assert sign.status_code == (200 if signs else 403)
    key = readiness_of(draft).missing[0].key
    override = client.post(f"/reports/yearly/2020-21/override/{key}/",
                           {"reason": "A reason that is long enough to read."})
    assert override.status_code == (302 if overrides else 403)
    assert ReadinessOverride.objects.exists() == overrides
    sent = client.post("/reports/yearly/2020-21/distribution/new/", {
        "recipient": "the Child Safeguarding Practice Review Panel",
        "sent_on_day": "5", "sent_on_month": "10", "sent_on_year": "2021", "how": "email"})
    assert sent.status_code == (302 if distributes else 403)
    assert Distribution.objects.exists() == distributes
    assert Client().get(PAGE).status_code == 302  # sign in first


@pytest.mark.django_db
def test_the_chair_needs_a_reason_and_something_missing(draft: ReportingYear,
                                                        chair: Client) -> None:
    key = readiness_of(draft).missing[0].key
    short = chair.post(f"/reports/yearly/2020-21/override/{key}/", {"reason": "Because"})
    assert short.status_code == 200 and "at least 20 characters" in short.content.decode()
    met = next(c for c in readiness_of(draft).checks if c.met)
    assert chair.get(f"/reports/yearly/2020-21/override/{met.key}/").status_code == 404
    with pytest.raises(ValueError, match="not missing"):
        publication_services.override_record(year=draft, check=met, reason="x" * 30,
                                             today=dt.date(2021, 9, 1), by=None)


@pytest.mark.django_db
def test_an_override_withdrawn_leaves_the_about_section(draft: ReportingYear,
                                                        chair: Client) -> None:
    check = readiness_of(draft).missing[0]
    reason = "Agreed by the Executive on 1 September; see its minutes."
    chair.post(f"/reports/yearly/2020-21/override/{check.key}/", {"reason": reason})
    assert reason in chair.get("/reports/yearly/2020-21/").content.decode()
    chair.post(f"/reports/yearly/2020-21/override/{check.key}/withdraw/")
    assert not ReadinessOverride.objects.exists()
    assert reason not in chair.get("/reports/yearly/2020-21/").content.decode()


# The distribution log ---------------------------------------------------------------------


@pytest.mark.django_db
def test_the_distribution_log_lists_the_years_statutory_recipients(
        draft: ReportingYear, manager: Client) -> None:
    listed = distribution_of(draft)
    assert [r.name for r in listed] == list(frame_for(draft).recipients)
    assert all(r.statutory and r.sent is None for r in listed)
    names = " ".join(r.name for r in listed)
    assert "What Works Centre for Children's Social Care" in names  # the 2020-21 guidance
    assert "Foundations" not in names

    later = f.ReportingYearFactory(partnership=draft.partnership, label="2023-24")
    later_names = [r.name for r in distribution_of(later)]
    assert later_names == list(frame_for(later).recipients)
    assert any("Foundations" in n for n in later_names)
    assert not any("Children's Social Care" in n for n in later_names)

    panel = listed[3].name
    form = manager.get("/reports/yearly/2020-21/distribution/new/", {"recipient": panel})
    assert f'value="{panel}"' in form.content.decode()  # prefilled from the log's row
    manager.post("/reports/yearly/2020-21/distribution/new/", {
        "recipient": panel, "sent_on_day": "5", "sent_on_month": "10",
        "sent_on_year": "2021", "how": "By email"})
    manager.post("/reports/yearly/2020-21/distribution/new/", {
        "recipient": "The Ofsted inspection team", "sent_on_day": "6",
        "sent_on_month": "10", "sent_on_year": "2021", "how": ""})
    rows = distribution_of(draft)
    assert rows[3].sent is not None and rows[3].sent.sent_on == dt.date(2021, 10, 5)
    assert (rows[-1].name, rows[-1].statutory) == ("The Ofsted inspection team", False)
    page = manager.get(PAGE).content.decode()
    assert "5 October 2021" in page and "By email" in page


@pytest.mark.django_db
def test_the_readiness_page_shows_each_check_and_the_committee_papers(
        draft: ReportingYear, manager: Client) -> None:
    page = manager.get(PAGE).content.decode()
    for check in readiness_of(draft).checks:
        assert check.text.replace("'", "&#x27;") in page
    assert "Not ready" in page
    assert "/reports/yearly/2020-21/briefing.docx" in page
    assert "/reports/yearly/2020-21/summary.pdf?edition=public" in page
    f.ready_to_publish(draft)
    assert "Ready to publish" in manager.get(PAGE).content.decode()
