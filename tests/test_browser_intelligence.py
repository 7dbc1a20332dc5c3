"""The analyst's pages in a real browser: recording a threat for the half, reading the
assessment it joins, and every intelligence page on a 320 px screen with no axe-core
violation (WCAG 2.2 AA). Live server, sign-in and Chromium come from test_browser.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import test_browser as shared
from tests import test_browser_walks as walks
from tests.test_browser import AXE, CHROMIUM, expect, sign_in

browser, site, tab, pinned = shared.browser, shared.site, walks.tab, walks.pinned

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]


@pytest.mark.skipif(not AXE.exists(), reason="axe-core is not installed (npm ci)")
def test_the_analyst_records_a_threat_and_reads_the_assessment(tab, browser,  # type: ignore[no-untyped-def]
                                                               pinned: str) -> None:
    page, site = tab, pinned
    sign_in(page, site, "manager")
    walks.nav(page, "Intelligence")
    expect(page.get_by_role("heading", name="Intelligence", level=1)).to_be_visible()
    page.get_by_role("link", name="Threats assessed for 2020-21 H2 (Oct 2020–Mar 2021)").click()
    expect(page.get_by_role("heading", name="Threats 2020-21 H2 (Oct 2020–Mar 2021)")).to_be_visible()
    page.get_by_role("button", name="Add a threat").click()

    # Nothing filled in: the GOV.UK error summary, and nothing saved.
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    expect(page.get_by_text("Enter the threat, or choose one assessed before").first).to_be_visible()

    page.get_by_label("Threat", exact=True).fill("Serious youth violence")
    page.get_by_role("group", name="Level of threat").get_by_label("High", exact=True).check()
    page.get_by_role("group", name="Confidence in the assessment").get_by_label("Low", exact=True).check()
    page.get_by_label("Pathway to harm").fill("Young people carrying knives as lockdown ends.")
    page.get_by_label("Intelligence gaps").fill("Hospital data on knife injuries")
    page.get_by_role("group", name="Data signals from the dataset").get_by_label(
        "Youth justice: First-time entrants to the youth justice system").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Threat added to the 2020-21 H2 assessment")).to_be_visible()
    row = page.get_by_role("row", name="Serious youth violence")
    expect(row).to_contain_text("New since the 2020-21 H1 assessment.")

    page.get_by_role("link", name="Read the 2020-21 H2 assessment").click()
    expect(page.get_by_role("heading", name="Serious youth violence")).to_be_visible()
    expect(page.get_by_text("Hospital data on knife injuries")).to_be_visible()
    assessment = page.url
    walks.audit(page, browser, [
        f"{site}/intelligence/", f"{site}/intelligence/threats/2020-21-H2/",
        f"{site}/intelligence/threats/2020-21-H2/new/",
        f"{site}/intelligence/threats/2020-21-H2/online-harm/edit/",
        f"{site}/intelligence/portfolios/", f"{site}/intelligence/portfolios/new/",
        f"{site}/intelligence/themes/front-door/", assessment,
        f"{site}/reports/quarterly/2020-21-Q4/",
        f"{site}/reports/snapshot/police-executive/2020-21-Q4/"])
