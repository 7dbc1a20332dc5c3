"""Publication as a decision, in a real browser (issue 10, item 6): the business unit records
a partner's sign-off, publishing is refused with what is missing, the chair lets the rest
through with reasons and publishes, a reader answers the feedback form, and the business unit
reads the answer. The pages pass axe-core on a phone.

The live server, Chromium and the helpers come from test_browser.py and test_browser_walks.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests import test_browser_walks as walks
from tests.test_browser import CHROMIUM, expect, sign_in

browser, site, pinned, tab = walks.browser, walks.site, walks.pinned, walks.tab  # fixtures

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]

REASON = "The partners agreed at the Executive on 1 September 2021 to publish now."
FEEDBACK = "A page on what changed for children in the front door would help."


def _draft_signed_by_all_but_the_police() -> None:
    """The demo's 2020-21 report back to a draft, signed off by all but the police."""
    import datetime as dt

    from lscp.partnership.models import ReportingYear
    from lscp.partnership.services import report_publication_set
    from lscp.reports.models import SIGNATORY_SECTORS, Signatory
    from lscp.reports.publication_services import sign_off_record

    year = ReportingYear.objects.get(label="2020-21")
    report_publication_set(year=year, published=False)
    for signatory in Signatory.values:
        if signatory == Signatory.POLICE:
            continue
        sector = SIGNATORY_SECTORS.get(signatory)
        agency = year.partnership.agencies.filter(sector=sector).first() if sector else None
        sign_off_record(year=year, signatory=signatory, agency=agency, signed_by="Director",
                        signed_on=dt.date(2021, 9, 1), by=None)


def test_sign_off_then_publish_then_feedback(tab, browser, pinned: str) -> None:  # type: ignore[no-untyped-def]
    page, site = tab, pinned
    _draft_signed_by_all_but_the_police()

    # The business unit records the police's sign-off on its behalf.
    sign_in(page, site, "manager")
    walks.nav(page, "Yearly report")
    page.get_by_role("link", name=re.compile("Publishing the 2020-21 report")).click()
    publication = page.url
    expect(page.get_by_test_id("readiness")).to_contain_text("Not ready")
    page.get_by_role("link", name="Record the sign-off: signed off by the police").click()
    page.get_by_label("Signed by").fill("Borough Commander")
    page.get_by_label("For which agency").select_option(
        label="Metropolitan Police Service – Bromley Borough BCU")
    walks.fill_date(page, "Date signed", 2, 9, 2021)
    page.get_by_role("button", name="Record the sign-off").click()
    expect(page.get_by_text("Sign-off by the police recorded")).to_be_visible()
    row = page.get_by_role("row", name=re.compile("^Signed off by the police"))
    expect(row).to_contain_text("Borough Commander, Metropolitan Police Service")
    expect(row).to_contain_text("Met")

    # Publishing is refused, naming what is still missing.
    page.goto(f"{site}/reports/yearly/2020-21/")
    page.get_by_role("button", name="Approve and publish").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "The 2020-21 report cannot be published yet")
    missing = page.get_by_test_id("missing").locator("li")
    assert missing.count() >= 1
    expect(missing.first).not_to_contain_text("Signed off")
    walks.audit(page, browser, [publication, f"{site}/reports/yearly/2020-21/feedback/"])

    # The chair lets each missing item through with a reason, then publishes.
    chair = browser.new_context().new_page()
    sign_in(chair, site, "chair")
    chair.goto(publication)
    while chair.get_by_role("link", name=re.compile("^Let through")).count():
        chair.get_by_role("link", name=re.compile("^Let through")).first.click()
        chair.get_by_label("Why the report can be published without it").fill(REASON)
        chair.get_by_role("button", name="Let it through").click()
        expect(chair.locator(".govuk-notification-banner__heading")).to_contain_text(
            "Let through: ")
    expect(chair.get_by_test_id("readiness")).to_contain_text("Ready to publish")
    walks.audit(chair, browser, [chair.url])
    chair.get_by_role("button", name="Approve and publish").click()
    chair.get_by_role("button", name="Yes, publish it").click()
    expect(chair.get_by_text("The 2020-21 report is now published")).to_be_visible()
    chair.context.close()

    # A reader, not signed in, sees the chair's reason in About and answers the form.
    reader = browser.new_context().new_page()
    reader.goto(f"{site}/public/bromley/yearly/2020-21/")
    expect(reader.get_by_text(REASON).first).to_be_visible()
    reader.get_by_role("group", name="Was this report useful to you?").get_by_label(
        "Partly").check()
    reader.get_by_label(re.compile("^What was missing")).fill(FEEDBACK)
    reader.get_by_role("button", name="Send feedback").click()
    expect(reader.get_by_role("heading", name="Thank you for your feedback")).to_be_visible()
    reader.context.close()

    # The business unit reads it.
    page.goto(publication)
    page.get_by_role("link", name=re.compile("Read the feedback on the 2020-21 report")).click()
    expect(page.get_by_test_id("feedback")).to_contain_text(FEEDBACK)
    expect(page.get_by_test_id("feedback")).to_contain_text("Partly")
