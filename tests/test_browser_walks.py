"""Issue 9's "Done when", in a real browser: each role walks its main jobs through the app
alone (never an /admin/ URL), and every page a role can reach passes axe-core (WCAG 2.2 AA,
target size included) and fits a 320 px wide screen.

The live server, the sign-in and Debian's Chromium come from test_browser.py; the date is
pinned to 30 June 2021, the demo's "today" (the live server runs in this process).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest

from tests import test_browser as shared
from tests.test_browser import AXE, CHROMIUM, NARROW, WIDER_THAN_THE_SCREEN, expect, sign_in

browser, site = shared.browser, shared.site  # the fixtures: Chromium, and the demo live server

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]

TODAY = "2021-06-30"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture
def pinned(settings, site: str) -> str:  # type: ignore[no-untyped-def]
    settings.LSCP_TODAY = TODAY
    return site


@pytest.fixture
def tab(browser) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """A page that records every URL it opens, so a walk can show it never used the admin."""
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(15000)
    opened: list[str] = []
    page.on("request", lambda request: opened.append(request.url))
    page.opened = opened  # type: ignore[attr-defined]
    yield page
    assert not [url for url in opened if urlsplit(url).path.startswith("/admin/")]
    context.close()


def small_pdf(folder: Path, name: str, text: str) -> Path:
    """A real one-page PDF (the upload checks its first bytes, not its name)."""
    from weasyprint import HTML

    path = folder / name
    HTML(string=f"<p>{text}</p>").write_pdf(path)
    return path


def fill_date(scope, legend: str | re.Pattern[str], day: int, month: int, year: int) -> None:  # type: ignore[no-untyped-def]
    """A GOV.UK date input: three boxes in a fieldset named by its legend."""
    group = scope.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day))
    group.get_by_label("Month").fill(str(month))
    group.get_by_label("Year").fill(str(year))


def nav(page, name: str) -> None:  # type: ignore[no-untyped-def]
    """Follow a link of the site's menu."""
    page.locator("header, nav, .govuk-service-navigation, .govuk-header").get_by_role(
        "link", name=name, exact=True).first.click()


def audit(page, browser, urls: list[str]) -> None:  # type: ignore[no-untyped-def]
    """The pages a walk made (a meeting with its papers, an action with its evidence), as the
    same user sees them on a 320 px screen: no axe-core violation, no sideways scrolling.
    axe arrives as an inline script, which only a context that bypasses the CSP accepts."""
    context = browser.new_context(storage_state=page.context.storage_state(),
                                  viewport=NARROW, bypass_csp=True)
    phone = context.new_page()
    problems: list[tuple[object, ...]] = []
    try:
        for url in urls:
            assert phone.goto(url).status == 200, url
            width, culprits = phone.evaluate(WIDER_THAN_THE_SCREEN)
            if width > NARROW["width"]:
                problems.append((url, f"{width} px wide", culprits))
            phone.add_script_tag(path=str(AXE))
            problems += [(url, *v) for v in phone.evaluate(AXE_RUN, AXE_TAGS)]
    finally:
        context.close()
    assert problems == [], "\n".join(map(str, problems))


# The walks ---------------------------------------------------------------------------------

def test_the_manager_logs_a_review_and_records_a_meeting(tab, browser, pinned: str,  # type: ignore[no-untyped-def]
                                                         tmp_path: Path) -> None:
    page, site = tab, pinned
    sign_in(page, site, "manager")
    expect(page.get_by_role("heading", name="Needs your attention")).to_be_visible()
    page.locator("#group-risks").get_by_role("link", name="COVID-19 pandemic").click()
    expect(page.locator("tr:target")).to_contain_text("Review overdue")
    nav(page, "Overview")

    # A rapid review, and its statutory clocks.
    nav(page, "Learning")
    page.get_by_role("link", name="Case reviews").first.click()
    page.get_by_role("button", name="Add a case review").click()
    page.get_by_label("Pseudonym").fill("Child R")
    page.get_by_label("Type of review").select_option(label="Rapid review")
    page.get_by_label("Summary").fill("Serious injury to an infant, reported by the hospital.")
    page.get_by_label("Metropolitan Police Service – Bromley Borough BCU").check()
    fill_date(page, "Date the partnership became aware", 21, 6, 2021)
    fill_date(page, "Date the notification was sent to the national panel", 23, 6, 2021)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Case review added")).to_be_visible()
    expect(page.get_by_role("heading", name="Child R", level=1)).to_be_visible()
    review = page.url
    clocks = page.get_by_test_id("clocks")
    notification = clocks.get_by_role("row", name=re.compile("Notification to the national panel"))
    expect(notification).to_contain_text("28 June 2021")  # five working days from 21 June
    expect(notification).to_contain_text("23 June 2021")
    expect(notification).to_contain_text("Met")
    rapid = clocks.get_by_role("row", name=re.compile("Rapid review sent"))
    expect(rapid).to_contain_text("12 July 2021")  # fifteen working days
    expect(rapid).to_contain_text("–")

    # A recommendation, and an action on it for the police.
    page.get_by_role("link", name="Add a recommendation").click()
    page.get_by_label("Recommendation", exact=True).fill(
        "Make sure hospital staff know how to raise safeguarding concerns about infants.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name=re.compile("^Make sure hospital staff"))).to_be_visible()
    page.get_by_role("link", name=re.compile("^Add an action to Make sure hospital staff")).click()
    page.get_by_label("Action", exact=True).fill("Brief custody sergeants on infant injuries")
    page.get_by_label("Owner agency").select_option(
        label="Metropolitan Police Service – Bromley Borough BCU")
    fill_date(page, "Due date", 30, 9, 2021)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Brief custody sergeants on infant injuries",
                            level=1)).to_be_visible()
    expect(page.get_by_test_id("action-due")).to_have_text("30 September 2021")
    page.get_by_role("link", name="Back to where the action comes from").click()
    expect(page.get_by_role("link", name="Brief custody sergeants on infant injuries")).to_be_visible()

    # A Board meeting: agenda item with its paper, minutes, a decision and an action arising.
    nav(page, "Groups and meetings")
    page.get_by_role("link", name="Partnership Board").first.click()
    page.get_by_role("button", name="Add a meeting").click()
    fill_date(page, "Date of the meeting", 23, 6, 2021)
    page.get_by_label("Place").fill("Bromley Civic Centre")
    page.get_by_role("button", name="Add meeting").click()
    expect(page.get_by_role("heading", name="Record attendance")).to_be_visible()
    page.get_by_role("button", name="Mark all present and save").click()
    expect(page.get_by_text(re.compile("^Attendance recorded"))).to_be_visible()
    expect(page.get_by_role("heading", name="Meeting of 23 June 2021")).to_be_visible()
    expect(page.get_by_test_id("quorum")).to_be_visible()
    page.get_by_role("button", name="Add an agenda item").click()
    page.get_by_label("Title").fill("Safeguarding infants: rapid review of Child R")
    page.get_by_label("Presenter (optional)").fill("Partnership manager")
    page.get_by_role("button", name="Save").click()
    item = page.locator("li", has=page.get_by_role(
        "heading", name="1. Safeguarding infants: rapid review of Child R"))
    paper = small_pdf(tmp_path, "rapid-review-child-r.pdf", "Rapid review of Child R")
    item.get_by_label(re.compile("^Upload a file")).set_input_files(str(paper))
    item.get_by_role("button", name="Attach file").click()
    expect(page.get_by_text("rapid-review-child-r.pdf attached")).to_be_visible()
    expect(item.get_by_role("link", name="rapid-review-child-r.pdf", exact=True)).to_be_visible()

    page.get_by_role("button", name="Edit the minutes").click()
    page.get_by_label("Minutes").fill("The Board heard the rapid review of Child R.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The Board heard the rapid review of Child R.")).to_be_visible()

    page.get_by_role("button", name="Record a decision").click()
    page.get_by_label("The decision").fill("Commission a local practice review for Child R.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Commission a local practice review for Child R.")).to_be_visible()
    page.get_by_role("link", name=re.compile("^Add an action arising")).click()
    page.get_by_label("The action").fill("Appoint a reviewer for Child R")
    page.get_by_label("Owner").select_option(
        label="London Borough of Bromley, Children's Social Care")
    fill_date(page, re.compile("[Dd]ue"), 31, 7, 2021)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text(re.compile("^Action added to the action register"))).to_be_visible()
    arising = page.get_by_role("table", name=re.compile("^Actions arising"))
    expect(arising.get_by_role("link", name="Appoint a reviewer for Child R")).to_be_visible()

    meeting = page.url

    # It is in the action register, with its owner and due date.
    arising.get_by_role("link", name="Appoint a reviewer for Child R").click()
    expect(page.get_by_test_id("action-due")).to_have_text("31 July 2021")
    audit(page, browser, [meeting, review, page.url])


def _returned_to_the_police() -> None:
    """The police sent 2020-21 Q4 and the business unit returned it, through the services."""
    from django.contrib.auth import get_user_model

    from lscp.dataset.submissions import submission_return, submission_start
    from lscp.partnership import workflow
    from lscp.partnership.models import Partnership

    users = get_user_model().objects
    partnership = Partnership.objects.get()
    submission = submission_start(partnership=partnership, period="2020-21-Q4",
                                  agency=partnership.agencies.get(code="met-police"))
    workflow.advance(submission, workflow.SUBMIT, by=users.get(username="police"))
    submission_return(submission=submission, by=users.get(username="manager"),
                      reason="Offences look low against Q3")


def test_the_police_answer_a_returned_submission_and_upload_evidence(  # type: ignore[no-untyped-def]
        tab, browser, pinned: str, tmp_path: Path) -> None:
    page, site = tab, pinned
    _returned_to_the_police()
    sign_in(page, site, "police")
    returned = page.get_by_role("link", name=re.compile("2020-21 Q4"))
    expect(page.get_by_text("Returned because: Offences look low against Q3")).to_be_visible()
    returned.first.click()
    expect(page.get_by_role("heading", name="Dataset submission 2020-21-Q4")).to_be_visible()
    expect(page.get_by_test_id("return-reason")).to_have_text("Offences look low against Q3")
    inputs = page.locator("input.govuk-input:not([disabled])")
    for i in range(inputs.count()):
        inputs.nth(i).fill("300")
    page.get_by_role("button", name="Submit to the business unit").click()
    confirm = page.get_by_label("I have checked the figures marked unusual and they are right")
    if confirm.count():
        confirm.check()
        page.get_by_role("button", name="Submit to the business unit").click()
    expect(page.get_by_test_id("submission-status")).to_have_text("Submitted")
    submission = page.url

    # Evidence for one of the police's overdue actions, from the home page.
    nav(page, "Overview")
    expect(page.get_by_text("Returned because")).to_have_count(0)
    page.get_by_role("link", name=re.compile("^Share police intelligence")).first.click()
    expect(page.get_by_test_id("action-status")).to_be_visible()
    evidence = small_pdf(tmp_path, "atlas-briefing.pdf", "Briefing to the Atlas team")
    page.get_by_label("Upload a file").set_input_files(str(evidence))
    page.get_by_role("button", name="Attach file").click()
    expect(page.get_by_text("atlas-briefing.pdf attached")).to_be_visible()
    expect(page.get_by_role("link", name="atlas-briefing.pdf", exact=True)).to_be_visible()
    page.get_by_role("button", name="Update this action").click()
    page.get_by_label("Done", exact=True).check()
    page.get_by_label("Evidence of completion").fill("Briefing delivered; see atlas-briefing.pdf")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_test_id("action-status")).to_have_text("Done")
    # The file downloads as it was uploaded.
    with page.expect_download() as download:
        page.get_by_role("link", name="atlas-briefing.pdf", exact=True).click()
    assert Path(download.value.path()).read_bytes() == evidence.read_bytes()
    audit(page, browser, [page.url, submission])


def _report_back_to_draft() -> None:
    """The demo's 2020-21 report is published; the chair's walk signs off a draft."""
    from lscp.partnership.models import ReportingYear
    from lscp.partnership.services import report_publication_set
    from tests.factories import ready_to_publish

    year = ReportingYear.objects.get(label="2020-21")
    report_publication_set(year=year, published=False)
    ready_to_publish(year)  # signed off: the walk is about approving, not the checklist


def test_the_chair_raises_a_challenge_and_signs_off_the_report(tab, pinned: str) -> None:  # type: ignore[no-untyped-def]
    page, site = tab, pinned
    _report_back_to_draft()
    sign_in(page, site, "chair")
    expect(page.get_by_role("heading", name="Needs your attention")).to_be_visible()
    # Each challenge on the home page opens at its own row of the log.
    overdue = page.locator("#group-challenges-overdue").get_by_role("link").first
    text = overdue.inner_text()[:30]  # the home page may shorten it
    overdue.click()
    expect(page.locator("tr:target")).to_contain_text(text)

    nav(page, "Learning")
    page.get_by_role("link", name="Challenge log").first.click()
    page.get_by_role("button", name="Raise a challenge").click()
    page.get_by_role("button", name="Save").click()  # nothing filled in: the errors say what
    summary = page.locator(".govuk-error-summary")
    expect(summary.get_by_role("link", name="Enter the challenge")).to_be_visible()
    page.get_by_label("Raised on behalf of").fill("Independent Chair")
    page.get_by_label("Agency challenged").select_option(
        label="South East London Clinical Commissioning Group")
    fill_date(page, "Date the challenge was raised", 28, 6, 2021)
    page.get_by_label("The challenge").fill(
        "How do GP practices follow up children not brought to appointments?")
    page.get_by_role("button", name="Save").click()
    row = page.get_by_role("row", name=re.compile("^How do GP practices follow up"))
    expect(row).to_contain_text("Independent Chair to South East London Clinical Commissioning")
    expect(row).to_contain_text("Open")

    # Sign-off: the draft report waits on the home page; approving it asks to confirm.
    nav(page, "Overview")
    page.get_by_role("link", name="Yearly report 2020-21").first.click()
    expect(page.get_by_text("Draft", exact=True)).to_be_visible()
    page.get_by_role("button", name="Approve and publish").click()
    expect(page.get_by_role("heading", name="Publish the 2020-21 yearly report?")).to_be_visible()
    page.get_by_role("button", name="Yes, publish it").click()
    expect(page.get_by_text("The 2020-21 report is now published")).to_be_visible()
    expect(page.get_by_role("button", name="Withdraw the public report")).to_be_visible()
    nav(page, "Overview")
    expect(page.get_by_role("link", name="Yearly report 2020-21")).to_have_count(0)
    page.goto(f"{site}/public/bromley/yearly/2020-21/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("2020-21")


def test_the_board_member_reads_the_home_page(tab, pinned: str) -> None:  # type: ignore[no-untyped-def]
    page, site = tab, pinned
    sign_in(page, site, "board")
    expect(page.get_by_role("heading", name="The figures in 2020-21")).to_be_visible()
    headlines = page.get_by_test_id("headlines").locator("tbody tr")
    assert headlines.count() > 3
    expect(headlines.first.locator("th")).not_to_be_empty()
    exceptions = page.locator("#group-exceptions")
    expect(exceptions.get_by_role("heading")).to_contain_text(re.compile(r"\(\d+\)"))
    first = exceptions.get_by_role("link").first
    title = first.inner_text()
    first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(title)
    # Reading is all a board member does: nothing on the home page asks for action.
    nav(page, "Overview")
    assert page.get_by_role("heading", name="Needs your attention").count() == 0
    page.get_by_role("link", name="Read the 2020-21 yearly report").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("yearly report 2020-21")
    assert page.get_by_role("button", name="Withdraw the public report").count() == 0


# Every page a role reaches: axe-core and a 320 px screen ------------------------------------

CRAWL_DEPTH = 3  # home (0), the menu (1), a register (2), its add and edit forms (3)
NOT_PAGES = re.compile(
    r"^/(admin|static|sign-out|attachments/\d+/download)/|\.(pdf|docx|xlsx|csv|html|zip|json)$"
    r"|/download/?$|/export/?$")
AXE_RUN = ("async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))"
           ".violations.map(v => [v.id, v.impact, v.nodes.slice(0, 3).map(n => n.target)])")


def _links(page, site: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The site's own GET pages this page links to, without fragments."""
    hrefs = page.evaluate("() => [...document.querySelectorAll('a[href]')].map(a => a.href)")
    found = []
    for href in hrefs:
        url = urldefrag(href).url
        if url.startswith(site) and not NOT_PAGES.search(urlsplit(url).path):
            found.append(url)
    return found


def _kind_of(url: str) -> str:
    """Pages drawn by the same view are checked once: one seat's edit form stands for all."""
    from django.urls import Resolver404, resolve

    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        return urlsplit(url).path
    return f"{match.namespace}:{match.url_name}"


def _crawl(page, site: str) -> Iterator[tuple[str, int]]:  # type: ignore[no-untyped-def]
    """Breadth first from the home page, each kind of page once, yielding (url, status) with
    the page loaded."""
    seen: set[str] = set()
    frontier = [f"{site}/"]
    for depth in range(CRAWL_DEPTH + 1):
        following: list[str] = []
        for url in frontier:
            kind = _kind_of(url)
            if kind in seen:
                continue
            seen.add(kind)
            response = page.goto(url)
            yield url, response.status if response else 0
            if depth < CRAWL_DEPTH:
                following += _links(page, site)
        frontier = following


@pytest.mark.skipif(not AXE.exists(), reason="axe-core is not installed (npm ci)")
@pytest.mark.parametrize("username", ["manager", "chair", "police", "board"])
def test_every_page_a_role_reaches_passes_axe_and_fits_a_phone(browser, pinned: str,  # type: ignore[no-untyped-def]
                                                               username: str) -> None:
    site = pinned
    context = browser.new_context(viewport=NARROW, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15000)
    problems: list[tuple[object, ...]] = []
    visited: list[str] = []
    try:
        sign_in(page, site, username)
        for url, status in _crawl(page, site):
            path = url[len(site):]
            visited.append(path)
            if status != 200:
                problems.append((path, f"HTTP {status}"))
                continue
            width, culprits = page.evaluate(WIDER_THAN_THE_SCREEN)
            if width > NARROW["width"]:
                problems.append((path, f"{width} px wide", culprits))
            page.add_script_tag(path=str(AXE))
            for violation in page.evaluate(AXE_RUN, AXE_TAGS):
                problems.append((path, *violation))
    finally:
        context.close()
    print(f"\n{username}: {len(visited)} pages", *visited, sep="\n  ")
    assert len(visited) > 20
    assert "/admin/" not in visited
    assert problems == [], "\n".join(map(str, problems))
