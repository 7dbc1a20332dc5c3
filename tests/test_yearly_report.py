"""The demo yearly report reproduces the published figures, computed from records, in 3 formats."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from docx import Document as read_docx
from pypdf import PdfReader

from lscp.partnership.models import Attendance, BudgetLine, ReportingYear
from lscp.reports.content import Chart, Table
from lscp.reports.documents.yearly import build_yearly_report
from lscp.reports.registry import SECTIONS

# The published table "PARTNERSHIP BOARD ATTENDANCE - APRIL 2020 TO MARCH 2021":
# organisation, seats (the pictograms), attendance.
PUBLISHED_ATTENDANCE = [
    ("Independent Chair", "1", "100%"),
    ("London Borough of Bromley, Children's Social Care", "3", "100%"),
    ("London Borough of Bromley, Education", "1", "100%"),
    ("London Borough of Bromley, Youth Offending Service", "1", "75%"),
    ("London Borough of Bromley, Public Health", "1", "100%"),
    ("London Borough of Bromley, Housing", "1", "75%"),
    ("National Probation Service", "1", "75%"),
    ("London Community Rehabilitation Company", "1", "100%"),
    ("Lay Members", "1", "100%"),
    ("Children & Family Court Advisory & Support Service", "1", "25%"),
    ("Bromley Secondary School Representative", "1", "75%"),
    ("Bromley Primary School Representative", "1", "50%"),
    ("South East London Clinical Commissioning Group", "2", "100%"),
    ("Kings College Hospital", "1", "100%"),
    ("Metropolitan Police Service – Bromley Borough BCU", "1", "100%"),
    ("Bromley Healthcare", "1", "100%"),
    ("Oxleas NHS Trust", "1", "100%"),
    ("Children & Family Voluntary Sector Forum", "1", "75%"),
    ("Change, Grow, Live", "1", "50%"),
]


def tables(document) -> dict[str, Table]:  # type: ignore[no-untyped-def]
    found = {}
    for block in document.blocks():
        table = block.table if isinstance(block, Chart) else block
        if isinstance(table, Table):
            found[table.caption] = table
    return found


@pytest.fixture
def report(demo):  # type: ignore[no-untyped-def]
    return build_yearly_report(demo, demo.years.get(label="2020-21"))


def attendance_table(document) -> Table:  # type: ignore[no-untyped-def]
    return next(t for caption, t in tables(document).items() if "attendance by organisation" in
                caption)


def test_attendance_table_matches_the_published_one(report) -> None:  # type: ignore[no-untyped-def]
    assert [tuple(row) for row in attendance_table(report).rows] == PUBLISHED_ATTENDANCE


def test_finance_tables_total_as_published(report) -> None:  # type: ignore[no-untyped-def]
    income = tables(report)["Income, 2020-21"]
    expenditure = tables(report)["Expenditure, 2020-21"]
    assert income.foot == [["Total income", "£197,295", ""]]
    assert expenditure.foot == [["Total expenditure", "£197,151", ""]]
    finance = next(s for s in report.sections if s.id == "finance")
    assert "contributions for 2020-21 totalled £193,775" in finance.blocks[0].text


def test_totals_are_computed_from_the_records(demo) -> None:  # type: ignore[no-untyped-def]
    year = demo.years.get(label="2020-21")
    BudgetLine.objects.filter(line="Training income").update(amount_pence=100)
    document = build_yearly_report(demo, year)
    assert tables(document)["Income, 2020-21"].foot[0][1] == "£193,776"


def test_attendance_is_computed_from_the_registers(demo) -> None:  # type: ignore[no-untyped-def]
    year = demo.years.get(label="2020-21")
    Attendance.objects.filter(seat__agency__code="cafcass").update(status="present")
    rows = {row[0]: row[2] for row in attendance_table(build_yearly_report(demo, year)).rows}
    assert rows["Children & Family Court Advisory & Support Service"] == "100%"


def test_every_chart_has_a_summary_and_a_data_table(report) -> None:  # type: ignore[no-untyped-def]
    charts = [b for b in report.blocks() if isinstance(b, Chart)]
    assert charts
    for chart in charts:
        assert len(chart.summary) > 40
        assert chart.table.rows
    summary = charts[0].summary
    assert "11 of 19 organisations attended every meeting" in summary
    assert "Children & Family Court Advisory & Support Service at 25%" in summary


def test_the_report_has_the_sections_of_this_edition(report) -> None:  # type: ignore[no-untyped-def]
    assert [s.title for s in report.sections] == [
        "At a glance", "Foreword by the chair", "Key messages", "About this report",
        "Governance and accountability", "Financial arrangements", "Safeguarding context",
        "Partners' contributions", "What changed for children", "Learning and improvement",
        "Auditing", "Child death overview", "Training and development", "Self-assessment",
        "The child's voice", "Impact of challenge", "Progress against priorities",
        "Looking ahead", "What you need to know", "How to report a concern about a child",
        "Glossary"]
    priorities = next(s for s in report.sections if s.id == "priorities")
    assert [s.title for s in priorities.subsections] == [
        "Health and wellbeing of the workforce", "Understanding vulnerability",
        "A focus on getting the basics right", "Continuous improvement"]


def test_every_registered_section_is_documented() -> None:
    assert SECTIONS
    for spec in SECTIONS.values():
        assert len(spec.description) > 20, spec.id


def test_meetings_held_are_counted_per_group(report) -> None:  # type: ignore[no-untyped-def]
    held = {row[0]: row[4] for row in tables(report)["Groups and meetings held, 2020-21"].rows}
    assert held["Partnership Board"] == "4"
    assert held["BSCP Executive"] == "4"
    assert held["Performance Challenge and Impact Subgroup"] == "4"
    assert held["Training Subgroup"] == "2"


@pytest.fixture(scope="module")
def written(django_db_setup, django_db_blocker, tmp_path_factory):  # type: ignore[no-untyped-def]
    """Build the three files once through the real command, as a user would."""
    out = tmp_path_factory.mktemp("report")
    from django.db import transaction

    from lscp.demo.setup import DEMO_BUNDLE
    from lscp.partnership.bundle.importer import import_bundle_folder

    # Inside a transaction rolled back at the end: nothing is left for the next tests.
    with django_db_blocker.unblock(), transaction.atomic():
        import_bundle_folder(DEMO_BUNDLE)
        call_command("report", "yearly", year="2020-21", format="html,pdf,docx",
                     out=out, stdout=io.StringIO())
        transaction.set_rollback(True)
    return out


def test_the_command_writes_three_files(written: Path) -> None:
    names = sorted(p.name for p in written.iterdir())
    assert names == ["yearly-report-2020-21.docx", "yearly-report-2020-21.html",
                     "yearly-report-2020-21.pdf"]


def test_the_pdf_contains_the_tables_and_is_tagged_pdf_ua(written: Path) -> None:
    reader = PdfReader(written / "yearly-report-2020-21.pdf")
    text = "\n".join(page.extract_text() for page in reader.pages)
    flat = re.sub(r"\s+", " ", text)
    assert "£197,295" in flat and "£197,151" in flat and "£193,775" in flat
    for organisation, seats, percent in PUBLISHED_ATTENDANCE:
        assert f"{organisation} {seats} {percent}" in flat, organisation
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog  # tagged
    assert catalog["/MarkInfo"]["/Marked"]
    assert catalog.get("/Lang") in ("en-GB", "en-gb")
    metadata = catalog["/Metadata"].get_object().get_data().decode("utf-8")
    assert "pdfuaid:part" in metadata


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) missing")
def test_the_pdf_renders_to_png_pages(written: Path, tmp_path: Path) -> None:
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(written / "yearly-report-2020-21.pdf"),
                    str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 3
    assert all(p.stat().st_size > 5000 for p in pages)


def test_the_docx_reads_back_with_its_tables(written: Path) -> None:
    docx = read_docx(str(written / "yearly-report-2020-21.docx"))
    grids = [[[c.text for c in row.cells] for row in t.rows] for t in docx.tables]
    attendance = next(g for g in grids if g[0] == ["Organisation", "Seats", "Attendance"])
    assert [tuple(r) for r in attendance[1:]] == PUBLISHED_ATTENDANCE
    income = next(g for g in grids if g[0][0] == "Source")
    assert income[-1][:2] == ["Total income", "£197,295"]
    expenditure = next(g for g in grids if g[0][0] == "Item")
    assert expenditure[-1][:2] == ["Total expenditure", "£197,151"]
    headings = [p.text for p in docx.paragraphs if p.style.name.startswith("Heading")]
    assert "Financial arrangements" in headings
    # The chart picture carries its text alternative.
    descr = [s._inline.docPr.get("descr") for s in docx.inline_shapes]
    assert any(d and "attended every meeting" in d for d in descr)


def test_the_html_file_is_a_whole_accessible_page(written: Path) -> None:
    html = (written / "yearly-report-2020-21.html").read_text(encoding="utf-8")
    assert '<html lang="en-GB">' in html
    assert 'role="img" aria-label="Bar chart of attendance' in html  # the chart, as SVG
    assert "<th scope=\"col\"" in html and "£197,295" in html


@pytest.mark.django_db
def test_an_unknown_year_or_format_is_a_clear_error(demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="has no reporting year 2030-31"):
        call_command("report", "yearly", year="2030-31", out=tmp_path)
    with pytest.raises(CommandError, match="unknown format odt"):
        call_command("report", "yearly", year="2020-21", format="odt", out=tmp_path)
    assert ReportingYear.objects.count() == 2  # nothing was created
