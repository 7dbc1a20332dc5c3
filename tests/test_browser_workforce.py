"""The training pages in a real browser: the business unit uploads an LMS export (a bad one
first, then a good one), the police lead sends its single-agency return, and every training
page passes axe-core. Chromium, sign-in and axe come from test_browser.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from lscp.demo.setup import DEMO_BUNDLE, add_training, create_demo_users
from lscp.partnership.bundle.importer import import_bundle_folder
from lscp.workforce.models import Booking, TrainingReturn
from tests import test_browser as shared
from tests.test_browser import AXE, CHROMIUM, expect, sign_in

browser, audit_page = shared.browser, shared.audit_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]

HEADER = "Event ID,Course,Event date,Format,Places,Event cost,Delegate ID,Organisation,Attendance\n"


@pytest.fixture
def site(transactional_db, live_server):  # type: ignore[no-untyped-def]
    result = import_bundle_folder(DEMO_BUNDLE)
    assert result.partnership is not None
    create_demo_users(result.partnership)
    add_training(result.partnership)
    return live_server.url


def test_an_export_is_refused_whole_then_imported(browser, site: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad, good = tmp_path / "evolve-bad.csv", tmp_path / "evolve-2021-22.csv"
    bad.write_text(HEADER + "EV-21-950,Working with fathers,31/06/2021,Webinar,20,,D1,Acme Ltd,"
                            "Attended\n")
    good.write_text(HEADER + "EV-21-950,Working with fathers,30/06/2021,Webinar,20,,D1,Bromley "
                             "Healthcare,Attended\n")
    page = browser.new_context().new_page()
    sign_in(page, site, "manager")
    page.get_by_role("link", name="Training").first.click()
    page.get_by_role("link", name="Imports").click()
    page.get_by_label("lms", exact=True).check()
    page.get_by_label("Year the export covers").fill("2021-22")
    page.get_by_label("Export file (CSV or Excel .xlsx)").set_input_files(str(bad))
    page.get_by_role("button", name="Check and import").click()
    problems = page.get_by_test_id("problems")
    expect(problems).to_contain_text('evolve-bad.csv:2:Event date: "31/06/2021" is not a date')
    expect(problems).to_contain_text('evolve-bad.csv:2:Organisation: unknown agency "Acme Ltd"')
    assert not Booking.objects.filter(session__code="ev-21-950").exists()

    page.get_by_label("lms", exact=True).check()
    page.get_by_label("Year the export covers").fill("2021-22")
    page.get_by_label("Export file (CSV or Excel .xlsx)").set_input_files(str(good))
    page.get_by_role("button", name="Check and import").click()
    expect(page.get_by_text("evolve-2021-22.csv imported: 1 row read")).to_be_visible()
    assert Booking.objects.filter(session__code="ev-21-950").count() == 1


def test_the_police_lead_sends_its_own_return(browser, site: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_context().new_page()
    sign_in(page, site, "police")
    page.goto(f"{site}/training/returns/?year=2020-21")
    page.get_by_role("link", name="Edit the return for Metropolitan Police").click()
    page.get_by_label("People in your children's workforce").fill("720")
    page.get_by_role("button", name="Save the return").click()
    expect(page.get_by_text("Return saved")).to_be_visible()
    assert TrainingReturn.objects.get(agency__code="met-police",
                                      year__label="2020-21").workforce == 720


@pytest.mark.skipif(not AXE.exists(), reason="axe-core is not installed (npm ci)")
def test_the_training_pages_pass_axe(audit_page, site: str) -> None:  # type: ignore[no-untyped-def]
    session = Booking.objects.filter(session__course__code="neglect").first()
    assert session is not None
    page = audit_page
    sign_in(page, site, "manager")
    for path in ["/training/?year=2020-21", "/training/courses/?year=2020-21",
                 "/training/courses/da-coercive-control/",
                 f"/training/sessions/{session.session_id}/", "/training/returns/?year=2020-21",
                 "/training/returns/2020-21/met-police/", "/training/imports/",
                 "/training/imports/mappings/lms/", "/training/charges/",
                 "/training/courses/new/", "/training/courses/neglect/sessions/new/"]:
        page.goto(f"{site}{path}")
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(
            "async () => await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa', "
            "'wcag22aa']})")
        serious = [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3])
                   for v in result["violations"] if v["impact"] in ("serious", "critical")]
        assert serious == [], path
