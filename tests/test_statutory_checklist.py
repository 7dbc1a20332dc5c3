"""The yearly report's statutory checklist: data in statutory.toml, checked against a draft."""

from __future__ import annotations

import pytest

from lscp.partnership.models import BudgetLine
from lscp.reports import statutory
from lscp.reports.documents.yearly import build_yearly_report

pytestmark = pytest.mark.django_db


def _by_text(demo):  # type: ignore[no-untyped-def]
    document = build_yearly_report(demo, demo.years.get(label="2020-21"))
    return {r.text: r for r in statutory.coverage(document)}, document


def test_every_section_the_checklist_names_is_a_section_of_the_report(demo) -> None:  # type: ignore[no-untyped-def]
    _, document = _by_text(demo)
    assert statutory.section_ids() <= {s.id for s in statutory.every_section(document.sections)}


def test_the_demo_draft_covers_what_its_records_support(demo) -> None:  # type: ignore[no-untyped-def]
    checklist, _ = _by_text(demo)
    assert checklist["Analysis of multi-agency data"].covered_by == ("Safeguarding context",)
    assert checklist["Funding contributed by each partner"].met
    assert not checklist["Plans for the year ahead"].met
    assert checklist["How children's and families' feedback shaped the work"].covered_by == (
        "The child's voice",)
    assert checklist["Changes to the arrangements during the year"].covered_by == (
        "Changes to the arrangements in 2020-21",)


def test_a_section_with_nothing_on_record_does_not_count(demo) -> None:  # type: ignore[no-untyped-def]
    BudgetLine.objects.all().delete()
    checklist, _ = _by_text(demo)
    assert not checklist["Funding contributed by each partner"].met


def test_the_report_page_lists_the_gaps(manager) -> None:  # type: ignore[no-untyped-def]
    page = manager.get("/reports/yearly/2020-21/").content.decode()
    total = len(statutory.STATUTORY["content"])
    assert f"Statutory content: 10 of {total} requirements covered" in page
    assert "Plans for the year ahead" in page
    assert page.count("Not covered</strong>") == total - 10


def test_next_years_pledge_covers_the_plans_for_the_year_ahead(demo) -> None:  # type: ignore[no-untyped-def]
    checklist, document = _by_text(demo)
    ahead = next(s for s in document.sections if s.id == "ahead")
    assert "No priorities for 2021-22 have been recorded yet." in ahead.blocks[0].text
    assert not checklist["Plans for the year ahead"].met

    next_year = demo.years.get(label="2021-22")
    priority = next_year.priorities.create(code="adolescents", title="Vulnerable adolescents",
                                           description="Refresh the strategy.", position=1)
    priority.actions.create(position=1, text="Publish the refreshed strategy", status="planned")
    checklist, document = _by_text(demo)
    ahead = next(s for s in document.sections if s.id == "ahead")
    assert ahead.blocks[0].text == "The partners have agreed 1 priority for 2021-22."
    assert ahead.subsections[0].title == "Vulnerable adolescents"
    assert checklist["Plans for the year ahead"].covered_by == ("Looking ahead",)


def test_changes_to_the_arrangements_come_from_seats_that_began_or_ended(demo) -> None:  # type: ignore[no-untyped-def]
    _, document = _by_text(demo)
    changes = next(s for s in statutory.every_section(document.sections) if s.id == "changes")
    assert changes.blocks[0].items == [
        "15 November 2020: Director of Education (London Borough of Bromley, Education) "
        "joined the BSCP Executive."]
    board = demo.groups.get(code="board")
    board.seats.filter(code="crc").update(end="2021-03-31")
    _, document = _by_text(demo)
    changes = next(s for s in statutory.every_section(document.sections) if s.id == "changes")
    assert changes.blocks[0].items[-1] == (
        "31 March 2021: Area Manager, London CRC (London Community Rehabilitation Company) "
        "left the Partnership Board.")
