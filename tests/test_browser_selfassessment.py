"""Issue 11's "Done when", in a real browser: the business unit opens a self-assessment
cycle; the police lead rates two standards and uploads evidence; the business unit asks for
more evidence on one; the lead answers; the grid shows it. Every page of the walk passes
axe-core and fits a 320 px screen (the helpers of test_browser_walks.py); screenshots of
each page, wide and narrow, go to the test's folder (SHOTS, when set, keeps them)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests import test_browser as shared
from tests.test_browser import CHROMIUM, NARROW, expect, sign_in
from tests.test_browser_walks import audit, fill_date, nav, small_pdf

browser, site = shared.browser, shared.site  # the fixtures: Chromium, and the demo live server

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]

POLICE = "Metropolitan Police Service – Bromley Borough BCU"
LEADERSHIP, POLICIES = "Leadership and accountability", "Policies and procedures"


@pytest.fixture
def pinned(settings, site: str) -> str:  # type: ignore[no-untyped-def]
    settings.LSCP_TODAY = "2021-06-30"
    return site


def as_user(browser, site: str, username: str):  # type: ignore[no-untyped-def]
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(15000)
    sign_in(page, site, username)
    return page


def shoot(browser, page, folder: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    """The page as it is now, wide and at 320 px, for a person to look at."""
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}-wide.png"), full_page=True)
    narrow = browser.new_context(storage_state=page.context.storage_state(), viewport=NARROW)
    phone = narrow.new_page()
    phone.goto(page.url)
    phone.screenshot(path=str(folder / f"{name}-320.png"), full_page=True)
    narrow.close()


def test_a_cycle_from_opening_to_more_evidence_given(browser, pinned: str,  # type: ignore[no-untyped-def]
                                                      tmp_path: Path) -> None:
    shots = Path(os.environ.get("SHOTS", tmp_path / "shots"))
    site = pinned

    # The business unit opens a Section 11 cycle for two agencies.
    manager = as_user(browser, site, "manager")
    nav(manager, "Self-assessment")
    expect(manager.get_by_role("heading", name="Self-assessment", level=1)).to_be_visible()
    shoot(browser, manager, shots, "1-index")
    manager.get_by_role("button", name="Open a self-assessment cycle").click()
    manager.get_by_label("Framework").select_option(label="Section 11 self-assessment")
    manager.get_by_label("Title").fill("Section 11 self-assessment 2021")
    manager.get_by_label("Reporting year").select_option(label="2021-22")
    fill_date(manager, "Date it opens", 1, 7, 2021)
    fill_date(manager, "Deadline for returns", 30, 9, 2021)
    manager.get_by_role("checkbox", name=POLICE).check()
    manager.get_by_role("checkbox", name="London Borough of Bromley, Children's Social Care").check()
    shoot(browser, manager, shots, "2-open")
    manager.get_by_role("button", name="Open the cycle").click()
    expect(manager.get_by_text("Section 11 self-assessment 2021 opened")).to_be_visible()
    expect(manager.get_by_test_id("completion")).to_have_text("0 of 2")
    cycle_url = manager.url

    # The police lead is told, rates two standards and uploads evidence.
    police = as_user(browser, site, "police")
    police.get_by_role("link", name=re.compile(r"^Notifications")).first.click()
    expect(police.get_by_role("link", name="Self-assessment opened: Section 11 "
                              "self-assessment 2021")).to_be_visible()
    nav(police, "Self-assessment")
    police.get_by_role("link", name="Section 11 self-assessment 2021").click()
    expect(police.get_by_role("heading", name=POLICE, level=1)).to_be_visible()
    return_url = police.url
    police.get_by_role("button", name=f"Answer for {LEADERSHIP}").click()
    police.get_by_label("Green: fully met").check()
    police.get_by_label("How the standard is met").fill(
        "The Detective Superintendent for safeguarding reports to the command team monthly.")
    police.get_by_label("Evidence held").fill("Command team minutes; safeguarding structure")
    shoot(browser, police, shots, "3-answer")
    police.get_by_role("button", name="Save the answer").click()
    expect(police.get_by_text(f"{LEADERSHIP}: answer saved")).to_be_visible()
    leadership = police.get_by_test_id("answer-leadership")
    evidence = small_pdf(tmp_path, "command-minutes.pdf", "Command team minutes, May 2021")
    leadership.get_by_label("Upload a file to evidence files").set_input_files(str(evidence))
    leadership.get_by_role("button", name="Attach file").click()
    expect(police.get_by_text("command-minutes.pdf attached")).to_be_visible()
    police.get_by_role("button", name=f"Answer for {POLICIES}").click()
    police.get_by_label("Amber: partly met").check()
    police.get_by_label("How the standard is met").fill("Escalation policy due for review.")
    police.get_by_role("button", name="Save the answer").click()
    expect(police.get_by_test_id("answer-policies").get_by_test_id("rating")).to_have_text("Amber")
    shoot(browser, police, shots, "4-return")

    # The business unit asks for more evidence on the first.
    manager.goto(cycle_url)
    manager.locator('[data-respondent="met-police"]').get_by_role("link", name=POLICE).click()
    manager.get_by_role("button", name=f"Review the evidence for {LEADERSHIP}").click()
    manager.get_by_label("No, ask for more narrative or evidence").check()
    manager.get_by_label("What more is needed").fill(
        "Please send the minutes where the command team discussed safeguarding.")
    fill_date(manager, "Reply needed by (optional)", 30, 7, 2021)
    shoot(browser, manager, shots, "5-review")
    manager.get_by_role("button", name="Save the decision").click()
    expect(manager.get_by_text(f"{LEADERSHIP}: more evidence asked for")).to_be_visible()

    # The lead answers.
    police.goto(return_url)
    expect(police.get_by_test_id("answer-leadership").get_by_test_id("request")).to_contain_text(
        "Please send the minutes")
    police.get_by_role("button", name=f"Reply with more evidence for {LEADERSHIP}").click()
    police.get_by_label("Your reply").fill("Minutes of 12 May 2021 attached; item 4.")
    police.get_by_role("button", name="Send the reply").click()
    expect(police.get_by_text(f"{LEADERSHIP}: reply sent")).to_be_visible()
    expect(police.get_by_test_id("answer-leadership").get_by_test_id("evidence-status")
           ).to_contain_text("More evidence given")

    # The grid shows it.
    manager.goto(cycle_url)
    row = manager.locator('[data-respondent="met-police"]')
    cells = row.locator("td")
    expect(cells.nth(0)).to_contain_text("Green")
    expect(cells.nth(0)).to_contain_text("More evidence given")
    expect(cells.nth(1)).to_contain_text("Amber")
    expect(cells.nth(2)).to_contain_text("Not rated")
    expect(manager.locator('[data-respondent="lbb-csc"]')).to_contain_text("Not started")
    shoot(browser, manager, shots, "6-grid")
    assert not manager.get_by_test_id("open-requests").count()

    audit(manager, browser, [cycle_url, return_url, f"{return_url}leadership/review/",
                             f"{site}/self-assessment/", f"{site}/self-assessment/new/"])
    audit(police, browser, [return_url, f"{return_url}leadership/",
                            f"{site}/self-assessment/"])
    for page in (manager, police):
        page.context.close()


def test_the_demo_survey_and_the_schools_view_pass_axe(browser, pinned: str,  # type: ignore[no-untyped-def]
                                                       tmp_path: Path) -> None:
    shots = Path(os.environ.get("SHOTS", tmp_path / "shots"))
    board = as_user(browser, pinned, "board")
    board.goto(f"{pinned}/self-assessment/covid-19-preparedness-2020/")
    expect(board.get_by_test_id("completion")).to_have_text("11 of 12")
    shoot(browser, board, shots, "7-covid-grid")
    pages = [f"{pinned}/self-assessment/covid-19-preparedness-2020/",
             f"{pinned}/self-assessment/covid-19-preparedness-2020/returns/london-crc/",
             f"{pinned}/self-assessment/settings/", f"{pinned}/self-assessment/"]
    audit(board, browser, pages)
    board.goto(pages[1])
    shoot(browser, board, shots, "8-covid-return")
    board.context.close()


def _links_to_answer() -> tuple[str, str]:
    """A schools' audit and a cycle with a practitioner survey, opened by the business unit:
    the token of one setting's link and of the police's survey link."""
    from django.contrib.auth import get_user_model

    from lscp.partnership.models import Partnership
    from lscp.selfassessment import services
    from lscp.selfassessment.models import EducationSetting, SettingLink, SurveyLink

    p = Partnership.objects.get()
    manager = get_user_model().objects.get(username="manager")
    school = EducationSetting.objects.create(partnership=p, code="oak", name="Oak Primary School",
                                             phase="primary", contact_email="dsl@oak.example")
    year = p.years.get(label="2021-22")
    import datetime as dt

    services.cycle_open(partnership=p, by=manager, framework="schools-s175",
                        title="Schools' audit 2021", year=year, opened_on=dt.date(2021, 6, 1),
                        deadline=dt.date(2021, 7, 16), settings=[school],
                        lead_agency=p.agencies.get(code="lbb-education"))
    services.cycle_open(partnership=p, by=manager, framework="section-11", title="S11 2021",
                        year=year, opened_on=dt.date(2021, 6, 1), deadline=dt.date(2021, 9, 1),
                        agencies=[p.agencies.get(code="met-police")],
                        survey_closes_on=dt.date(2021, 9, 1))
    return (SettingLink.objects.get(assessment__setting=school).token,
            SurveyLink.objects.get(agency__code="met-police").token)


def test_the_pages_opened_by_a_link_pass_axe_without_signing_in(browser, pinned: str,  # type: ignore[no-untyped-def]
                                                                tmp_path: Path) -> None:
    shots = Path(os.environ.get("SHOTS", tmp_path / "shots"))
    setting, survey = _links_to_answer()
    context = browser.new_context()
    anyone = context.new_page()
    anyone.goto(f"{pinned}/self-assessment/link/{setting}/")
    expect(anyone.get_by_role("heading", name="Schools' audit 2021")).to_be_visible()
    shoot(browser, anyone, shots, "9-setting-link")
    anyone.get_by_role("group", name="Rating: Designated safeguarding lead").get_by_label(
        "Green: fully met").check()
    anyone.get_by_role("button", name="Save", exact=True).click()
    expect(anyone.get_by_role("group", name="Rating: Designated safeguarding lead").get_by_label(
        "Green: fully met")).to_be_checked()
    anyone.goto(f"{pinned}/self-assessment/survey/{survey}/")
    expect(anyone.get_by_text("Your answers are anonymous")).to_be_visible()
    shoot(browser, anyone, shots, "10-survey")
    anyone.get_by_role("group", name="I know who leads on safeguarding children in my agency."
                       ).get_by_label("Agree", exact=True).check()
    anyone.get_by_role("button", name="Send my answers").click()
    expect(anyone.get_by_role("heading", name="Thank you")).to_be_visible()
    audit(anyone, browser, [f"{pinned}/self-assessment/link/{setting}/",
                            f"{pinned}/self-assessment/survey/{survey}/"])
    context.close()
    manager = as_user(browser, pinned, "manager")
    manager.goto(f"{pinned}/self-assessment/settings/")
    shoot(browser, manager, shots, "11-schools-view")
    audit(manager, browser, [f"{pinned}/self-assessment/settings/",
                             f"{pinned}/self-assessment/section-11-2021-22/survey/",
                             f"{pinned}/self-assessment/schools-s175-2021-22/"])
    manager.context.close()
