"""Real browser tests: Playwright driving Debian's Chromium against a live server."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from lscp.demo.setup import DEMO_BUNDLE, DEMO_PASSWORD, create_demo_users
from lscp.partnership.bundle.importer import import_bundle_folder

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]

# Playwright's sync API runs an event loop in this thread; the ORM calls made by the test
# itself are synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        yield browser
        browser.close()


@pytest.fixture
def site(transactional_db, live_server):  # type: ignore[no-untyped-def]
    result = import_bundle_folder(DEMO_BUNDLE)
    assert result.partnership is not None
    create_demo_users(result.partnership)
    return live_server.url


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture
def audit_page(browser):  # type: ignore[no-untyped-def]
    """A page that lets axe-core be injected: the app's Content-Security-Policy refuses
    inline scripts, as it should, and axe arrives as one."""
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def expect(locator):  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


def sign_in(page, site: str, username: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{site}/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{site}/")


def board_attendance(page) -> dict[str, str]:  # type: ignore[no-untyped-def]
    rows = page.locator("[data-testid=attendance-table] tbody tr")
    return {rows.nth(i).locator("th").inner_text(): rows.nth(i).locator("td").nth(2).inner_text()
            for i in range(rows.count())}


def test_business_unit_records_a_new_board_meeting(page, site: str) -> None:  # type: ignore[no-untyped-def]
    sign_in(page, site, "manager")
    page.get_by_role("link", name="Groups and meetings").first.click()
    page.get_by_label("Reporting year").select_option("2020-21")
    page.get_by_role("button", name="Show").click()
    page.get_by_role("link", name="Partnership Board").click()
    expect(page.get_by_role("heading", name="Partnership Board", level=1)).to_be_visible()
    before = board_attendance(page)
    assert before["Children & Family Court Advisory & Support Service"] == "25%"
    assert before["Independent Chair"] == "100%"

    page.get_by_role("button", name="Add a meeting").click()
    page.get_by_label("Day").fill("24")
    page.get_by_label("Month").fill("3")
    page.get_by_label("Year").fill("2021")
    page.get_by_role("button", name="Add meeting").click()

    # Submitting with nothing chosen shows the GOV.UK error summary, and nothing is saved.
    page.get_by_role("button", name="Save attendance").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()

    for fieldset in page.locator("fieldset").all():
        fieldset.get_by_label("Present").check()
    page.get_by_role("group", name=re.compile("^Independent Chair")).get_by_label(
        "Apologies").check()
    page.get_by_role("group", name=re.compile("^Children & Family Court")).get_by_label(
        "Deputy sent").check()
    page.get_by_role("button", name="Save attendance").click()
    expect(page.get_by_text("Attendance recorded")).to_be_visible()

    page.goto(f"{site}/groups/board/?year=2020-21")
    expect(page.get_by_role("heading", name="Partnership Board", level=1)).to_be_visible()
    after = board_attendance(page)
    assert after["Children & Family Court Advisory & Support Service"] == "40%"
    assert after["Independent Chair"] == "80%"
    assert after["London Borough of Bromley, Youth Offending Service"] == "80%"


def test_agency_contributor_is_refused_budget_and_attendance(page, site: str) -> None:  # type: ignore[no-untyped-def]
    sign_in(page, site, "police")
    assert page.get_by_role("link", name="Budget").count() == 0
    for path in ("/budget/", "/groups/board/meetings/2020-06-10/attendance/",
                 "/groups/board/meetings/new/"):
        response = page.goto(f"{site}{path}")
        assert response.status == 403, path
        expect(page.get_by_role("heading", name="You do not have access to this page")).to_be_visible()
    page.goto(f"{site}/groups/board/meetings/2020-06-10/")
    assert page.get_by_role("button", name="Record attendance").count() == 0


@pytest.mark.skipif(not AXE.exists(), reason="axe-core is not installed (npm ci)")
@pytest.mark.parametrize("path", ["/", "/groups/board/", "/budget/", "/reports/yearly/2020-21/",
                                  "/learning/actions/", "/learning/risks/", "/learning/reviews/",
                                  "/dataset/", "/dataset/indicators/icpcs/", "/dataset/submissions/",
                                  "/learning/challenges/new/", "/learning/", "/learning/challenges/",
                                  "/learning/reviews/matthew/", "/learning/child-deaths/",
                                  "/dataset/indicators/cp-plans-rate/",
                                  "/groups/board/meetings/2020-06-10/attendance/",
                                  # the shared form page, fields and date input (web/form.html)
                                  "/groups/board/meetings/new/", "/groups/board/seats/new/",
                                  "/dataset/tracker/", "/audit/"])
def test_pages_have_no_serious_accessibility_violations(audit_page, site: str, path: str) -> None:  # type: ignore[no-untyped-def]
    page = audit_page
    sign_in(page, site, "manager")
    page.goto(f"{site}{path}")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa', "
        "'wcag22aa']})")
    serious = [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3])
               for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []


def test_the_content_security_policy_blocks_nothing_the_app_needs(page, site: str) -> None:  # type: ignore[no-untyped-def]
    """GOV.UK Frontend's scripts, the stylesheet and the charts load under the policy: the
    browser reports no violation, and the components start (js-enabled, skip link)."""
    refused: list[str] = []
    page.on("console", lambda message: refused.append(message.text)
            if "Content Security Policy" in message.text else None)
    sign_in(page, site, "manager")
    for path in ("/", "/dataset/indicators/icpcs/", "/reports/yearly/2020-21/", "/dataset/returns/"):
        page.goto(f"{site}{path}")
        page.wait_for_load_state("networkidle")
        assert "govuk-frontend-supported" in (page.locator("body").get_attribute("class") or "")
    assert refused == []


def test_an_action_is_done_by_its_agency_and_accepted_by_the_business_unit(browser, site: str) -> None:  # type: ignore[no-untyped-def]
    from lscp.assurance.models import Action

    action = Action.objects.filter(owner__code="met-police",
                                   status__in=["not_started", "in_progress"]).first()
    other = Action.objects.exclude(owner__code="met-police").filter(
        status__in=["not_started", "in_progress"]).first()
    assert action is not None and other is not None

    police = browser.new_context().new_page()
    sign_in(police, site, "police")
    police.get_by_role("link", name="Learning").first.click()
    police.get_by_role("link", name="Open actions").first.click()
    police.locator("[data-testid=actions-met-police]").get_by_role(
        "link", name=action.text).click()
    police.get_by_role("button", name="Update this action").click()
    police.get_by_label("Done", exact=True).check()
    police.get_by_label("Evidence of completion").fill("Briefing delivered to all duty sergeants")
    police.get_by_role("button", name="Save").click()
    expect(police.get_by_test_id("action-status")).to_have_text("Done")
    # Another agency's action offers no update, and its edit page is refused.
    police.goto(f"{site}/learning/actions/{other.pk}/")
    assert police.get_by_role("button", name="Update this action").count() == 0
    assert police.goto(f"{site}/learning/actions/{other.pk}/edit/").status == 403

    manager = browser.new_context().new_page()
    sign_in(manager, site, "manager")
    manager.goto(f"{site}/learning/actions/")
    expect(manager.get_by_role("link", name=action.text)).to_be_visible()
    manager.get_by_role("link", name=action.text).click()
    expect(manager.get_by_text("Briefing delivered to all duty sergeants")).to_be_visible()
    manager.get_by_role("button", name="Update this action").click()
    manager.get_by_label("Evidence accepted").check()
    manager.get_by_role("button", name="Save").click()
    expect(manager.get_by_test_id("action-status")).to_have_text("Evidence accepted")
    manager.goto(f"{site}/learning/actions/")
    expect(manager.get_by_role("heading", name="Open actions by agency")).to_be_visible()
    assert manager.get_by_role("link", name=action.text).count() == 0


def test_an_agency_submits_a_quarter_and_the_business_unit_returns_it(browser, site: str,  # type: ignore[no-untyped-def]
                                                                       django_user_model) -> None:
    from lscp.partnership.models import Membership, Partnership

    partnership = Partnership.objects.get()
    health_user = django_user_model.objects.create_user("health", password=DEMO_PASSWORD)
    Membership.objects.create(user=health_user, partnership=partnership,
                              role="agency_contributor",
                              agency=partnership.agencies.get(code="selccg"))

    police = browser.new_context().new_page()
    sign_in(police, site, "police")
    police.get_by_role("link", name="Submissions").first.click()
    police.get_by_label("Start or continue").select_option("2020-21-Q4")
    police.get_by_role("button", name="Open").click()
    expect(police.get_by_role("heading", name="Dataset submission 2020-21-Q4")).to_be_visible()
    draft_url = police.url
    inputs = police.locator("input.govuk-input:not([disabled])")
    for i in range(inputs.count()):
        inputs.nth(i).fill("120")
    police.locator("#da-offences\\.2020-21-Q4\\.total\\.value").fill("12O")
    police.get_by_role("button", name="Submit to the business unit").click()
    expect(police.get_by_text("There is a problem")).to_be_visible()
    field_error = police.locator(".govuk-form-group--error .govuk-error-message")
    expect(field_error.first).to_contain_text("must be a whole number")
    police.locator("#da-offences\\.2020-21-Q4\\.total\\.value").fill("120")
    police.get_by_role("button", name="Submit to the business unit").click()
    # 120 offences in a quarter is far below a quarter of last year's: flagged as unusual,
    # and the contributor confirms the figures as now shown before they go.
    expect(police.get_by_text("Unusual").first).to_be_visible()
    police.get_by_label("I have checked the figures marked unusual and they are right").check()
    police.get_by_role("button", name="Submit to the business unit").click()
    expect(police.get_by_test_id("submission-status")).to_have_text("Submitted")

    # Another agency's contributor cannot open it.
    health = browser.new_context().new_page()
    sign_in(health, site, "health")
    assert health.goto(draft_url).status == 404

    manager = browser.new_context().new_page()
    sign_in(manager, site, "manager")
    manager.goto(draft_url)
    manager.get_by_label("Reason for returning it").fill("Offences look low against Q3")
    manager.get_by_role("button", name="Return to the agency").click()
    expect(manager.get_by_test_id("submission-status")).to_have_text("Returned")

    police.goto(draft_url)
    expect(police.get_by_test_id("return-reason")).to_have_text("Offences look low against Q3")


def test_the_analyst_uploads_returns_reviews_and_submits(page, site: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from lscp.dataset.models import Submission
    from lscp.returns.synth import generate

    generate(400, 11, "2021-22", tmp_path)
    sign_in(page, site, "manager")
    page.get_by_role("link", name="Returns").first.click()
    page.get_by_label("Collection year").fill("2021-22")
    page.get_by_label("Return files").set_input_files(sorted(str(p) for p in tmp_path.iterdir()))
    page.get_by_role("button", name="Load and check").click()
    expect(page.get_by_role("heading", name="Review the computed values")).to_be_visible()
    expect(page.get_by_test_id("validation")).to_contain_text("0 errors")
    expect(page.get_by_role("cell", name="Children in need at 31 March", exact=True)).to_be_visible()
    page.get_by_role("button", name="Submit as the local authority's 2021-22 values").click()
    expect(page.get_by_test_id("submission-status")).to_have_text("Submitted")
    submission = Submission.objects.get(period="2021-22", agency__code="lbb-csc")
    assert submission.values.filter(provenance__startswith="returns 2021-22:").count() > 20


# Phones (issue 9, part 9): at 320 px no page scrolls sideways. A wide table scrolls in its
# own labelled region (.lscp-table-scroll) and charts shrink to the screen.
NARROW = {"width": 320, "height": 800}
EVERY_ROLE = ["/", "/groups/", "/groups/board/", "/groups/board/meetings/2020-06-10/",
              "/priorities/", "/dataset/", "/dataset/indicators/icpcs/",
              "/dataset/indicators/cp-plans-rate/", "/dataset/submissions/",
              "/dataset/tracker/", "/learning/", "/learning/actions/", "/learning/reviews/",
              "/learning/reviews/matthew/", "/learning/audits/", "/learning/challenges/",
              "/learning/risks/", "/learning/child-deaths/", "/reports/yearly/",
              "/reports/yearly/2020-21/", "/notifications/", "/search/?q=police"]
MAIN_PAGES = {
    "manager": EVERY_ROLE + ["/budget/", "/audit/", "/dataset/returns/",
                             "/groups/board/meetings/2020-06-10/attendance/",
                             "/groups/board/meetings/new/", "/learning/challenges/new/",
                             "/sign-in-pauses/"],
    "chair": EVERY_ROLE + ["/budget/", "/audit/", "/learning/challenges/new/"],
    "police": EVERY_ROLE,
    "board": EVERY_ROLE + ["/budget/"],
}
WIDER_THAN_THE_SCREEN = """() => {
  const width = document.documentElement.clientWidth;
  const culprits = [...document.querySelectorAll('body *')].filter(el => {
    const box = el.getBoundingClientRect();
    return box.right > width + 1 && !el.closest('.lscp-table-scroll');
  }).slice(0, 3).map(el => el.tagName.toLowerCase() + (el.className ? '.' + el.className : ''));
  return [document.documentElement.scrollWidth, culprits];
}"""


def _too_wide(page, site: str, paths: list[str]) -> list[tuple[str, int, list[str]]]:  # type: ignore[no-untyped-def]
    found = []
    for path in paths:
        response = page.goto(f"{site}{path}")
        assert response.status == 200, path
        width, culprits = page.evaluate(WIDER_THAN_THE_SCREEN)
        if width > NARROW["width"]:
            found.append((path, width, culprits))
    return found


@pytest.mark.parametrize("username", list(MAIN_PAGES))
def test_no_page_scrolls_sideways_on_a_phone(browser, site: str, username: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport=NARROW)
    page = context.new_page()
    page.set_default_timeout(15000)
    try:
        assert _too_wide(page, site, ["/sign-in/"]) == []
        sign_in(page, site, username)
        wide = _too_wide(page, site, MAIN_PAGES[username])
        assert wide == [], "\n".join(map(str, wide))
        # The wide tables are still all there: scrolled inside their own region, which a
        # keyboard can reach and a screen reader names.
        page.goto(f"{site}/dataset/")
        region = page.locator(".lscp-table-scroll").first
        assert region.get_attribute("tabindex") == "0"
        assert region.get_attribute("role") == "region" and region.get_attribute("aria-label")
        assert page.evaluate("() => [...document.querySelectorAll('.lscp-table-scroll')]"
                             ".some(r => r.scrollWidth > r.clientWidth)")
    finally:
        context.close()


def test_the_public_report_fits_a_phone(browser, site: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport=NARROW)
    page = context.new_page()
    try:
        assert _too_wide(page, site, ["/public/bromley/yearly/2020-21/"]) == []
        for chart in page.locator("main img, main svg").all():
            assert chart.bounding_box()["width"] <= NARROW["width"]
    finally:
        context.close()


@pytest.mark.skipif(not AXE.exists(), reason="axe-core is not installed (npm ci)")
@pytest.mark.parametrize("path", ["/dataset/", "/reports/yearly/2020-21/", "/learning/actions/"])
def test_scrolling_tables_pass_axe_on_a_phone(browser, site: str, path: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport=NARROW, bypass_csp=True)
    page = context.new_page()
    try:
        sign_in(page, site, "manager")
        page.goto(f"{site}{path}")
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(
            "async () => await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa', "
            "'wcag22aa', 'best-practice']})")
        serious = [(v["id"], [n["target"] for n in v["nodes"]][:3])
                   for v in result["violations"] if v["impact"] in ("serious", "critical")]
        assert serious == []
    finally:
        context.close()
