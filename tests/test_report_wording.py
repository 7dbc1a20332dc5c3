"""Wording found wrong (issue 10, item 7): the report built for a partnership unlike the demo.

A partnership outside London, with an Executive that has no seats on record, an extraordinary
Board meeting, an audit whose scope is a sentence of its own, a MAPPA breakdown and a 2023-24
year. Its report, read back from the HTML and the DOCX, must carry none of the wordings found
wrong, and must carry the guidance and recipients of its own year. The demo (London, 2020-21)
keeps the London wording and the guidance of 2020-21.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal
from pathlib import Path

import lxml.html
import pytest
from docx import Document as read_docx

from lscp.dataset.catalogue import ORDER_FILE, read_catalogue
from lscp.dataset.models import Comparator, Indicator
from lscp.partnership.bundle.reader import read_bundle
from lscp.partnership.models import GroupKind, MeetingKind
from lscp.reports import statutory
from lscp.reports.content import BulletList, Paragraph, Table
from lscp.reports.documents.yearly import build_yearly_report
from lscp.reports.render import render_docx, render_html
from lscp.reports.wording import sentence, sentence_case
from tests.factories import (
    AttendanceFactory,
    AuditFactory,
    GroupFactory,
    IndicatorFactory,
    MeetingFactory,
    PartnershipFactory,
    ReportingYearFactory,
    SeatFactory,
    ValueFactory,
)

D = dt.date

# Wrong in any report: each was found in a built report before it was fixed.
ALWAYS_WRONG = {
    "no organisations counted as members": re.compile(r"\b0 organisations"),
    "an empty list before a full stop": re.compile(r":\s*\."),
    "a space before a full stop": re.compile(r"\w \.(\s|$)"),
    "a sentence run on after a full stop": re.compile(r"[a-z]\. in \d+ cases"),
    "a bullet cut off at 'but;'": re.compile(r"\bbut;"),
    "an acronym lowered by capitalize()": re.compile(r"\bMappa\b"),
}
LONDON_ONLY = re.compile(r"Mayor's Office")
GUIDANCE_2018 = "Working Together to Safeguard Children (2018"
GUIDANCE_2023 = "Working Together to Safeguard Children (2023)"
WHAT_WORKS = "What Works Centre for Children's Social Care"
FOUNDATIONS = "Foundations"


def html_text(data: bytes) -> str:
    main = lxml.html.fromstring(data).xpath("//main")[0]
    return " ".join(" ".join(main.itertext()).split())


def docx_text(data: bytes) -> str:
    document = read_docx(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return " ".join(" ".join(parts).split())


def built_text(partnership, year) -> dict[str, str]:  # type: ignore[no-untyped-def]
    document = build_yearly_report(partnership, year)
    return {"html": html_text(render_html(document)), "docx": docx_text(render_docx(document))}


def wrong_in(text: str) -> list[str]:
    return [f"{what}: ...{text[max(m.start() - 60, 0):m.end() + 20]}..."
            for what, pattern in ALWAYS_WRONG.items() for m in pattern.finditer(text)]


@pytest.fixture
def elsewhere(db):  # type: ignore[no-untyped-def]
    """The second partnership: outside London, 2023-24, an Executive with no seats."""
    p = PartnershipFactory(name="Synthetic Shire Safeguarding Children Partnership",
                           area="Synthetic Shire", region="South West")
    ReportingYearFactory(partnership=p, label="2022-23")
    year = ReportingYearFactory(partnership=p, label="2023-24")
    executive = GroupFactory(partnership=p, kind=GroupKind.EXECUTIVE, name="Synthetic Executive")
    board = GroupFactory(partnership=p, kind=GroupKind.BOARD, name="Synthetic Board",
                         parent=executive)
    seat = SeatFactory(group=board)
    for day in (D(2023, 6, 7), D(2023, 9, 6), D(2023, 12, 6), D(2024, 3, 6)):
        AttendanceFactory(meeting=MeetingFactory(group=board, date=day), seat=seat)
    MeetingFactory(group=board, date=D(2024, 1, 17), kind=MeetingKind.EXTRAORDINARY)
    audit = AuditFactory(partnership=p, topic="Strategy discussions", cases_sampled=12,
                         completed=D(2023, 11, 1),
                         scope="Timeliness, attendance and meeting outcomes.")
    audit.agencies.add(seat.agency)
    audit.findings.create(position=1, text="Attendance was at the right level.")
    mappa = IndicatorFactory(
        code="mappa-offenders", title="Offenders managed under MAPPA in the community",
        theme="probation-and-mappa", theme_title="Probation and MAPPA", frequency="snapshot",
        breakdown_name="MAPPA category", about_children=False,
        breakdown=[["category-1", "Category 1"], ["category-2", "Category 2"]])
    for period, category, value in (("2023-24", "", 40), ("2023-24", "category-1", 22),
                                    ("2023-24", "category-2", 18), ("2022-23", "", 30)):
        ValueFactory(partnership=p, indicator=mappa, period=period, category=category,
                     value=Decimal(value))
    return p, year


def test_the_second_partnership_has_none_of_the_wrong_wordings(elsewhere) -> None:  # type: ignore[no-untyped-def]
    p, year = elsewhere
    for fmt, text in built_text(p, year).items():
        assert not wrong_in(text), (fmt, wrong_in(text))
        assert not LONDON_ONLY.search(text), fmt
        assert GUIDANCE_2018 not in text and WHAT_WORKS not in text, fmt
        assert GUIDANCE_2023 in text and FOUNDATIONS in text, fmt
        assert "the local police and crime commissioner" in text, fmt


def test_an_executive_with_no_seats_is_named_without_a_member_list(elsewhere) -> None:  # type: ignore[no-untyped-def]
    p, year = elsewhere
    governance = next(s for s in build_yearly_report(p, year).sections if s.id == "governance")
    assert governance.blocks[0].text == "The partnership is held to account by the Synthetic Executive."


def test_one_member_organisation_is_singular(elsewhere) -> None:  # type: ignore[no-untyped-def]
    p, year = elsewhere
    SeatFactory(group=p.groups.get(kind=GroupKind.EXECUTIVE))
    governance = next(s for s in build_yearly_report(p, year).sections if s.id == "governance")
    assert "came from 1 organisation: " in governance.blocks[0].text


def test_the_extraordinary_board_meeting_is_shown(elsewhere) -> None:  # type: ignore[no-untyped-def]
    p, year = elsewhere
    document = build_yearly_report(p, year)
    governance = next(s for s in document.sections if s.id == "governance")
    groups = governance.blocks[1]
    assert groups.head[-1] == "Of which extraordinary"
    assert [[row[0], *row[4:]] for row in groups.rows if row[0] == "Synthetic Board"] == [
        ["Synthetic Board", "5", "1"]]
    attendance = governance.subsections[0].blocks[0].text
    assert attendance.startswith("The Synthetic Board met 5 times in 2023-24, including an "
                                 "extraordinary meeting on 17 January 2024. 4 of them had a "
                                 "recorded register.")


def test_the_audit_scope_stands_as_its_own_sentence(elsewhere) -> None:  # type: ignore[no-untyped-def]
    p, year = elsewhere
    document = build_yearly_report(p, year)
    audit = next(s for s in document.sections if s.id == "auditing").subsections[0]
    assert [b.text for b in audit.blocks[:2]] == [
        "The audit covered 12 cases and involved " + p.agencies.get().name + ".",
        "What it looked at: Timeliness, attendance and meeting outcomes."]


def test_the_demo_keeps_the_london_wording_and_its_years_guidance(demo) -> None:  # type: ignore[no-untyped-def]
    for fmt, text in built_text(demo, demo.years.get(label="2020-21")).items():
        assert not wrong_in(text), (fmt, wrong_in(text))
        assert "(in London, the Mayor's Office for Policing and Crime)" in text, fmt
        assert "Working Together to Safeguard Children (2018)" in text, fmt
        assert WHAT_WORKS in text and FOUNDATIONS not in text, fmt
        assert "(2023)" not in text and "revised 2023" not in text, fmt


def test_the_region_comes_from_the_bundle_and_must_be_a_region(bundle_copy: Path) -> None:
    manifest = bundle_copy / "manifest.toml"
    text = manifest.read_text(encoding="utf-8")
    assert 'region = "London"' in text
    manifest.write_text(text.replace('region = "London"', 'region = "Greater London"'),
                        encoding="utf-8")
    _, problems = read_bundle(bundle_copy)
    assert [(p.column, p.message.split(" is not")[0]) for p in problems] == [
        ("partnership.region", "'Greater London'")]


# The statutory frame by date ---------------------------------------------------------------


def test_each_year_has_exactly_one_guidance_edition() -> None:
    for first in range(2015, 2031):
        frame = statutory.frame_for(f"{first}-{(first + 1) % 100:02d}")
        assert frame.guidance.startswith("Working Together to Safeguard Children (")


@pytest.mark.parametrize(("year", "guidance", "what_works"), [
    ("2017-18", "Working Together to Safeguard Children (2015)", None),
    ("2020-21", "Working Together to Safeguard Children (2018)", WHAT_WORKS),
    ("2022-23", "Working Together to Safeguard Children (2018)", WHAT_WORKS),
    ("2023-24", "Working Together to Safeguard Children (2023)", FOUNDATIONS),
])
def test_the_frame_is_the_one_in_force_at_the_years_end(year: str, guidance: str,
                                                          what_works: str | None) -> None:
    frame = statutory.frame_for(year)
    assert frame.guidance == guidance
    named = [r for r in frame.recipients if "What Works" in r]
    assert [what_works in r for r in named] == ([True] if what_works else [])
    panel = "the Child Safeguarding Practice Review Panel" in frame.recipients
    assert panel == (year != "2017-18")  # the panel began on 29 June 2018


def test_london_wording_only_for_a_london_partnership() -> None:
    london = statutory.frame_for("2020-21", region="London").recipients
    elsewhere = statutory.frame_for("2020-21", region="North West").recipients
    assert any("Mayor's Office for Policing and Crime" in r for r in london)
    assert not any("London" in r for r in elsewhere)
    assert len(london) == len(elsewhere)


def test_a_reporting_year_brings_its_partnerships_region(elsewhere) -> None:  # type: ignore[no-untyped-def]
    p, year = elsewhere
    p.region = "London"
    p.save()
    year.refresh_from_db()
    assert any("Mayor's Office" in r for r in statutory.frame_for(year).recipients)


def test_content_items_can_be_dated(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    items = [{"requirement": "Old", "sections": [], "until": D(2023, 12, 14)},
             {"requirement": "New", "sections": [], "from": D(2023, 12, 15)},
             {"requirement": "Always", "sections": []}]
    monkeypatch.setitem(statutory.STATUTORY, "content", items)
    assert [i["requirement"] for i in statutory.frame_for("2022-23").content] == ["Old", "Always"]
    assert [i["requirement"] for i in statutory.frame_for("2023-24").content] == ["New", "Always"]


# Analysis, not listing: findings, then one table ---------------------------------------------


def _context_theme(document, slug: str):  # type: ignore[no-untyped-def]
    context = next(s for s in document.sections if s.id == "context")
    return next(s for s in context.subsections if s.id == f"context-{slug}")


def test_each_theme_opens_with_its_findings_and_shows_one_indicator_table(demo) -> None:  # type: ignore[no-untyped-def]
    document = build_yearly_report(demo, demo.years.get(label="2020-21"))
    context = next(s for s in document.sections if s.id == "context")
    for theme in context.subsections:
        assert isinstance(theme.blocks[0], BulletList | Paragraph), theme.title
        indicator_tables = [b for b in theme.blocks if isinstance(b, Table)
                            and b.head[:2] == ["Indicator", "Unit"]]
        assert len(indicator_tables) == 1, theme.title
        findings = theme.blocks[0].items if isinstance(theme.blocks[0], BulletList) else []
        assert len(findings) <= 5, theme.title
    cp = _context_theme(document, "child-protection")
    assert len(cp.blocks[0].items) < len(cp.blocks[1].rows)  # no sentence for every row
    assert ("Children subject of an initial child protection conference in 2020-21: 370, 7% "
            "fewer than in 2019-20 (398 [i]).") in cp.blocks[0].items
    unusual_first = cp.blocks[0].items[0]
    assert unusual_first.startswith("Child protection plans that were a second or subsequent "
                                    "plan in 2020-21: 14% [i]. That is below England (22%)")


def test_the_public_edition_says_nothing_against_a_hidden_figure(demo) -> None:  # type: ignore[no-untyped-def]
    """Last year's 398 is illustrative: [x] in public, so no movement is said against it."""
    document = build_yearly_report(demo, demo.years.get(label="2020-21"), public=True)
    cp = _context_theme(document, "child-protection")
    said = " ".join(cp.blocks[0].items)
    assert "398" not in said and "[x]" not in said and "[c]" not in said
    assert not any(item.startswith("Children subject of an initial child protection "
                                   "conference in") for item in cp.blocks[0].items)


def test_regional_and_neighbour_comparators_are_named_for_the_region(demo) -> None:  # type: ignore[no-untyped-def]
    indicator = Indicator.objects.get(code="cla-rate")
    for kind, value in (("regional", 50), ("statistical_neighbours", 40)):
        Comparator.objects.create(partnership=demo, indicator=indicator, year="2020-21",
                                  kind=kind, value=Decimal(value))
    document = build_yearly_report(demo, demo.years.get(label="2020-21"))
    theme = _context_theme(document, "looked-after")
    table = theme.blocks[1]
    assert table.head[4:7] == ["England", "London", "Statistical neighbours"]
    assert ("Rate of children looked after at 31 March 2021: 45 per 10,000 children, 1 per "
            "10,000 higher than at 31 March 2020 (44). That is below England (67) and London "
            "(50), but above statistical neighbours (40).") in theme.blocks[0].items


# Themes in the order of a child's journey --------------------------------------------------


def test_the_context_follows_the_childs_journey(demo) -> None:  # type: ignore[no-untyped-def]
    document = build_yearly_report(demo, demo.years.get(label="2020-21"))
    context = next(s for s in document.sections if s.id == "context")
    order = [s.id.removeprefix("context-") for s in context.subsections]
    catalogue, problems = read_catalogue()
    assert not problems
    assert order == [t for t in catalogue.themes if t in order]
    assert order[:2] == ["front-door", "early-help"]
    assert order.index("care-leavers") < order.index("missing-and-exploitation")
    assert order != sorted(order)


def _theme(folder: Path, code: str) -> None:
    (folder / f"{code}.toml").write_text(
        f'theme = "{code}"\ntitle = "{code.title()}"\n', encoding="utf-8")


def test_the_theme_order_is_data_and_every_theme_is_in_it(tmp_path: Path) -> None:
    for code in ("alpha", "beta", "gamma"):
        _theme(tmp_path, code)
    (tmp_path / ORDER_FILE).write_text('order = ["gamma", "alpha", "beta"]\n', encoding="utf-8")
    catalogue, problems = read_catalogue(tmp_path)
    assert not problems and list(catalogue.themes) == ["gamma", "alpha", "beta"]

    (tmp_path / ORDER_FILE).write_text('order = ["gamma", "alpha", "delta"]\n', encoding="utf-8")
    _, problems = read_catalogue(tmp_path)
    assert sorted(str(p) for p in problems) == [
        "themes.toml:order: beta.toml is not listed: add it where it belongs in the order",
        "themes.toml:order: no theme file delta.toml"]


def test_a_folder_without_an_order_reads_its_themes_by_name(tmp_path: Path) -> None:
    for code in ("beta", "alpha"):
        _theme(tmp_path, code)
    catalogue, problems = read_catalogue(tmp_path)
    assert not problems and list(catalogue.themes) == ["alpha", "beta"]


# Small wording helpers -------------------------------------------------------------------------


def test_sentence_case_keeps_acronyms() -> None:
    assert sentence_case("MAPPA category") == "MAPPA category"
    assert sentence_case("category of abuse") == "Category of abuse"
    assert sentence_case("") == ""


def test_a_sentence_ends_with_one_full_stop() -> None:
    assert sentence("It looked at outcomes.") == "It looked at outcomes."
    assert sentence("It looked at outcomes") == "It looked at outcomes."
    assert sentence("Did it? ") == "Did it?"
