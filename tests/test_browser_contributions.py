"""A partner's contribution from call to report, in a real browser: the business unit opens a
call, the police lead writes and submits, the business unit returns it with a reason, the lead
fixes it and submits again, the business unit accepts it, and the report page shows it.

The live server, the sign-in and Debian's Chromium come from test_browser.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import test_browser as shared
from tests.test_browser import AXE, CHROMIUM, expect, sign_in

# The fixtures: Chromium, the demo live server, and a page that lets axe-core in.
browser, site, audit_page = shared.browser, shared.site, shared.audit_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]

POLICE = "Metropolitan Police Service – Bromley Borough BCU"


def test_a_contribution_goes_from_call_to_report(browser, site: str, settings) -> None:  # type: ignore[no-untyped-def]
    settings.LSCP_TODAY = "2022-05-03"
    manager = browser.new_context().new_page()
    sign_in(manager, site, "manager")
    manager.get_by_role("link", name="Report contributions").first.click()
    manager.goto(f"{site}/reports/contributions/?year=2021-22")
    manager.get_by_role("link", name="Open a call for contributions").click()
    manager.get_by_label("Day").fill("10")
    manager.get_by_label("Month").fill("6")
    manager.get_by_label("Year", exact=True).fill("2022")
    manager.get_by_label(POLICE).check()
    manager.get_by_label("Guidance (optional)").fill("Half a page on 2021-22.")
    manager.get_by_role("button", name="Open the call").click()
    expect(manager.get_by_test_id("deadline")).to_have_text("10 June 2022")

    police = browser.new_context().new_page()
    sign_in(police, site, "police")
    expect(police.get_by_text("Due 10 June 2022").first).to_be_visible()
    police.get_by_role("link", name=f"{POLICE} contribution to the 2021-22 yearly report").click()
    police.get_by_label("Achievements").fill("- Operation **Aegis** kept going")
    police.get_by_label("Challenges").fill("Capacity for strategy meetings")
    police.get_by_role("button", name="Submit to the business unit").click()
    expect(police.get_by_test_id("status")).to_have_text("Submitted")
    contribution_url = police.url

    manager.goto(contribution_url)
    expect(manager.get_by_test_id("preview")).to_contain_text("Operation Aegis kept going")
    manager.get_by_label("Reason for returning it").fill("Add the evidence of impact")
    manager.get_by_role("button", name="Return it").click()
    expect(manager.get_by_test_id("status")).to_have_text("Returned")

    police.goto(f"{site}/")
    expect(police.get_by_text("Returned because: Add the evidence of impact")).to_be_visible()
    police.goto(contribution_url)
    expect(police.get_by_test_id("return-reason")).to_have_text("Add the evidence of impact")
    police.get_by_label("Evidence of impact").fill("More children safeguarded at Penge station")
    police.get_by_role("button", name="Submit to the business unit").click()
    expect(police.get_by_test_id("status")).to_have_text("Submitted")

    manager.goto(contribution_url)
    manager.get_by_role("button", name="Approve for the report").click()
    expect(manager.get_by_test_id("status")).to_have_text("Approved")

    manager.goto(f"{site}/reports/yearly/2021-22/")
    partners = manager.locator("section#partners")
    expect(partners.get_by_role("heading", name=POLICE)).to_be_visible()
    expect(partners).to_contain_text("More children safeguarded at Penge station")
    expect(partners).to_contain_text("Operation Aegis kept going")


@pytest.mark.skipif(not AXE.exists(), reason="axe-core is not installed (npm ci)")
def test_the_pages_pass_axe(audit_page, site: str) -> None:  # type: ignore[no-untyped-def]
    from lscp.contributions.models import Contribution

    police = Contribution.objects.get(agency__code="met-police")
    page = audit_page
    sign_in(page, site, "manager")
    for path in ["/reports/contributions/?year=2020-21",
                 "/reports/contributions/2020-21/statements/foreword/",
                 "/reports/contributions/2021-22/statements/key_messages/",
                 f"/reports/contributions/partners/{police.pk}/",
                 "/reports/contributions/stories/sam/", "/reports/contributions/2021-22/call/",
                 "/reports/contributions/2021-22/voices/new/participation/",
                 "/reports/contributions/contacts/new/"]:
        page.goto(f"{site}{path}")
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(
            "async () => await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa', "
            "'wcag22aa']})")
        serious = [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3])
                   for v in result["violations"] if v["impact"] in ("serious", "critical")]
        assert serious == [], path
