"""Portfolio snapshots (issue 13, item 5): a page or two for an elected member's portfolio or
a partner's executive, holding only the portfolio's themes, each with its headline signals
and what is being done about it."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from docx import Document as read_docx

from lscp.dataset.models import Indicator
from lscp.intelligence.models import Portfolio, ThemeLink
from lscp.partnership.models import Partnership
from lscp.reports.content import BulletList, Chart, Section, Table
from lscp.reports.documents.snapshot import build_snapshot

pytestmark = pytest.mark.django_db

Q4 = "2020-21-Q4"


def words(section: Section) -> str:
    found = [section.title]
    for block in section.blocks:
        found += [getattr(block, "text", "")] + list(getattr(block, "items", []))
        table = block.table if isinstance(block, Chart) else block
        if isinstance(table, Table):
            found += [table.caption] + [cell for row in table.rows for cell in row]
    return "\n".join(found + [words(s) for s in section.subsections])


def _titles(themes: list[str]) -> set[str]:
    return set(Indicator.objects.filter(theme__in=themes).values_list("title", flat=True))


def test_the_snapshot_holds_only_the_portfolios_themes(demo: Partnership) -> None:
    portfolio = Portfolio.objects.get(partnership=demo, code="police-executive")
    document = build_snapshot(demo, Q4, portfolio=portfolio.code)
    snapshot = document.sections[0]
    assert [s.id for s in snapshot.subsections] == [f"snapshot-{t}" for t in portfolio.themes]
    text = words(snapshot)
    others = _titles([t for t in Indicator.objects.values_list("theme", flat=True).distinct()
                      if t not in portfolio.themes]) - _titles(portfolio.themes)
    assert others and not [t for t in others if t in text]
    assert "MASH enquiries" not in text  # the front door is not the police portfolio's
    assert document.title.endswith("portfolio snapshot 2020-21 Q4")
    assert document.slug == "snapshot-police-executive-2020-21-Q4"
    assert "for the Borough Commander" in snapshot.blocks[0].text  # type: ignore[attr-defined]


def test_each_theme_says_what_is_being_done(demo: Partnership) -> None:
    document = build_snapshot(demo, Q4, portfolio="children-portfolio")
    theme = next(s for s in document.sections[0].subsections
                 if s.id == "snapshot-missing-and-exploitation")
    linked = ThemeLink.objects.filter(partnership=demo, theme="missing-and-exploitation")
    done = [b for b in theme.blocks if isinstance(b, BulletList)][-1].items
    assert len(done) == linked.count()
    assert any(item.startswith("Priority for 2020-21: Understanding vulnerability") for item in done)
    assert any("Share police intelligence on vulnerable adolescents" in item for item in done)
    looked_after = next(s for s in document.sections[0].subsections
                        if s.id == "snapshot-looked-after")
    assert "No priority or action is linked to this theme yet." in words(looked_after)


def test_the_headline_signals_come_first(demo: Partnership) -> None:
    document = build_snapshot(demo, Q4, themes=("front-door",))
    front = document.sections[0].subsections[0]
    assert [s.id for s in document.sections[0].subsections] == ["snapshot-front-door"]
    headlines = front.blocks[0]
    assert isinstance(headlines, BulletList)
    assert headlines.items[0].startswith("MASH enquiries received in March 2021, 1,023, are "
                                         "above the upper process limit")


def test_themes_narrow_a_portfolio_and_unknown_names_are_refused(demo: Partnership) -> None:
    narrowed = build_snapshot(demo, Q4, portfolio="children-portfolio", themes=("education",))
    assert [s.id for s in narrowed.sections[0].subsections] == ["snapshot-education"]
    with pytest.raises(ValueError, match='no portfolio "nobody": known are'):
        build_snapshot(demo, Q4, portfolio="nobody")
    with pytest.raises(ValueError, match="no theme astrology"):
        build_snapshot(demo, Q4, themes=("astrology",))
    with pytest.raises(ValueError, match="needs a portfolio"):
        build_snapshot(demo, Q4)


def test_lscp_report_snapshot_writes_its_formats(demo: Partnership, tmp_path: Path) -> None:
    call_command("report", "snapshot", "--portfolio", "children-portfolio", "--period", Q4,
                 "--format", "docx,html", "--out", str(tmp_path), stdout=io.StringIO())
    docx = read_docx(str(tmp_path / "snapshot-children-portfolio-2020-21-Q4.docx"))
    text = "\n".join(p.text for p in docx.paragraphs)
    assert "Snapshot: Children, Education and Families" in text
    assert "What is being done:" in text
    call_command("report", "snapshot", "--themes", "youth-justice,education", "--period", Q4,
                 "--format", "html", "--out", str(tmp_path), stdout=io.StringIO())
    assert (tmp_path / "snapshot-themes-2020-21-Q4.html").exists()
    with pytest.raises(CommandError, match="no portfolio"):
        call_command("report", "snapshot", "--portfolio", "nobody", "--period", Q4,
                     "--format", "html", "--out", str(tmp_path))


# Pages -------------------------------------------------------------------------------------


def test_a_board_member_reads_a_snapshot_and_an_agency_does_not(
        board_member: Client, contributor: Client) -> None:
    url = "/reports/snapshot/children-portfolio/2020-21-Q4/"
    page = board_member.get(url)
    assert page.status_code == 200
    assert "Snapshot: Children, Education and Families" in page.content.decode()
    assert board_member.get(f"{url}download.docx").status_code == 200
    assert board_member.get("/reports/snapshot/nobody/2020-21-Q4/").status_code == 404
    assert contributor.get(url).status_code == 403
    assert contributor.get("/intelligence/portfolios/").status_code == 403


def test_the_business_unit_saves_a_portfolio_with_its_themes_in_catalogue_order(
        demo: Partnership, manager: Client, board_member: Client) -> None:
    response = manager.post("/intelligence/portfolios/new/", {
        "code": "", "name": "Health and Wellbeing Board", "audience": "the Board's chair",
        "themes": ["health", "front-door"]})
    assert response.status_code == 302
    saved = Portfolio.objects.get(partnership=demo, name="Health and Wellbeing Board")
    assert saved.code == "health-and-wellbeing-board"
    assert saved.themes == ["front-door", "health"]  # the catalogue's order, not the form's
    page = manager.get("/intelligence/portfolios/").content.decode()
    assert "Health and Wellbeing Board" in page
    refused = manager.post("/intelligence/portfolios/new/", {"name": "Empty", "themes": []})
    assert refused.status_code == 400 and "Choose at least one theme" in refused.content.decode()
    assert board_member.post("/intelligence/portfolios/new/", {
        "name": "x", "themes": ["health"]}).status_code == 403
    stale = manager.post(f"/intelligence/portfolios/{saved.code}/edit/", {
        "name": "Renamed", "themes": ["health"], "version": saved.version + 5})
    assert "Someone else changed this portfolio" in stale.content.decode()


def test_the_business_unit_links_work_to_a_theme(demo: Partnership, manager: Client) -> None:
    page = manager.get("/intelligence/themes/looked-after/")
    assert page.status_code == 200
    priority = demo.years.get(label="2020-21").priorities.get(code="basics-right")
    response = manager.post("/intelligence/themes/looked-after/",
                            {"priorities": [priority.pk], "actions": []})
    assert response.status_code == 302
    document = build_snapshot(demo, Q4, themes=("looked-after",))
    assert "Priority for 2020-21: A focus on getting the basics right" in words(
        document.sections[0])
    manager.post("/intelligence/themes/looked-after/", {"priorities": [], "actions": []})
    assert not ThemeLink.objects.filter(partnership=demo, theme="looked-after").exists()
    assert manager.get("/intelligence/themes/astrology/").status_code == 404


def test_the_intelligence_index_lists_every_document(board_member: Client) -> None:
    page = board_member.get("/intelligence/").content.decode()
    assert "/reports/quarterly/2020-21-Q4/" in page
    assert "/reports/threat/2020-21-H2/" in page
    assert "/reports/snapshot/children-portfolio/" in page
