"""The committee briefing and the executive summary edition (issue 10, item 5): both built
from records by `lscp report`, the briefing with the statutory requirements table in the
shape of the Bexley table, the summary 4 to 6 pages of the report's own words."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from docx import Document as read_docx
from pypdf import PdfReader

from lscp.partnership.models import Partnership, PriorityAction, ReportingYear
from lscp.reports import statutory
from lscp.reports.content import BulletList, Document, Paragraph, Section, Table
from lscp.reports.documents.briefing import BRIEFING, build_briefing
from lscp.reports.documents.summary import SUMMARY, abridge, build_summary
from lscp.reports.documents.yearly import build_yearly_report
from lscp.reports.models import Signatory
from tests import factories as f

pytestmark = pytest.mark.django_db

HEADINGS = ["Purpose", "Summary", "Key findings", "Statutory requirements", "Recommendation",
            "Background papers", "Contact"]
TABLE_HEAD = ["Requirement", "Where covered in the report", "Covered"]


def _year(demo: Partnership) -> ReportingYear:
    return demo.years.get(label="2020-21")


def _expected_rows(demo: Partnership) -> list[list[str]]:
    """The requirements as the public report covers them, worked out apart from the briefing."""
    report = build_yearly_report(demo, _year(demo), public=True)
    return [[r.text, "; ".join(r.covered_by) or "Not covered", "Yes" if r.met else "No"]
            for r in statutory.coverage(report)]


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _section_text(section: Section) -> str:
    said = [section.title]
    for block in section.blocks:
        if isinstance(block, Paragraph):
            said.append(block.text)
        elif isinstance(block, BulletList):
            said += block.items
        elif isinstance(block, Table):
            said.append(block.caption)
    return " ".join(said + [_section_text(s) for s in section.subsections])


def test_the_command_writes_the_briefing_in_docx_and_pdf_with_the_requirement_table(
        demo: Partnership, tmp_path: Path) -> None:
    out = io.StringIO()
    call_command("report", "briefing", "--year", "2020-21", "--format", "docx,pdf,html",
                 "--out", str(tmp_path), stdout=out)
    assert "briefing-2020-21.docx" in out.getvalue()
    rows = _expected_rows(demo)
    assert any(r[2] == "No" for r in rows) and any(r[2] == "Yes" for r in rows)

    docx = read_docx(str(tmp_path / "briefing-2020-21.docx"))
    headings = [p.text for p in docx.paragraphs if p.style.name.startswith("Heading")]
    assert [h for h in headings if h in HEADINGS] == HEADINGS
    table = next(t for t in docx.tables if [c.text for c in t.rows[0].cells] == TABLE_HEAD)
    assert [[c.text for c in row.cells] for row in table.rows[1:]] == rows
    body = " ".join(p.text for p in docx.paragraphs)
    assert "That the committee notes the yearly report of the Bromley Safeguarding " \
           "Children Partnership for 2020-21." in body

    pdf = _words(" ".join(page.extract_text() for page in
                          PdfReader(tmp_path / "briefing-2020-21.pdf").pages))
    assert "Statutory requirements and where the report covers them" in pdf
    for requirement, _where, _covered in rows:
        assert _words(requirement) in pdf, requirement
    for heading in HEADINGS:
        assert heading in pdf
    html = (tmp_path / "briefing-2020-21.html").read_text(encoding="utf-8")
    assert "<th" in html and "Where covered in the report" in html


def test_the_briefing_is_made_of_records(demo: Partnership) -> None:
    year = _year(demo)
    demo.contact_team = "BSCP business unit"
    demo.contact_email = "bscp@example.org"
    demo.save()
    f.ready_to_publish(year)  # signs it off, as the partners would
    briefing = build_briefing(demo, year)
    assert [s.id for s in briefing.sections] == list(BRIEFING.sections)
    said = {s.id: _section_text(s) for s in briefing.sections}

    police = year.report_sign_offs.get(signatory=Signatory.POLICE)
    assert police.agency is not None and police.agency.name in said["briefing-summary"]
    assert "is not yet recorded" not in said["briefing-summary"]
    done = PriorityAction.objects.filter(priority__year=year, status="done",
                                         withdrawn_on__isnull=True).count()
    total = PriorityAction.objects.filter(priority__year=year,
                                          withdrawn_on__isnull=True).count()
    assert f"Priorities: {done} of {total} actions" in said["briefing-findings"]
    assert "bscp@example.org" in said["briefing-contact"]
    assert "BSCP business unit" in said["briefing-contact"]
    guidance = statutory.frame_for(year).guidance
    assert guidance in said["briefing-purpose"] and guidance in said["briefing-papers"]
    assert "http://" in said["briefing-papers"]  # published: its address
    assert "/public/bromley/yearly/2020-21/" in said["briefing-papers"]

    year.report_published = False
    year.save()
    draft = {s.id: _section_text(s) for s in build_briefing(demo, year).sections}
    assert "not yet published" in draft["briefing-papers"]
    assert "/public/" not in draft["briefing-papers"] + draft["briefing-purpose"]


def test_the_briefing_quotes_the_public_edition(demo: Partnership) -> None:
    """A committee paper is public: it never shows a true small number or a made-up one."""
    text = " ".join(_section_text(s) for s in build_briefing(demo, _year(demo)).sections)
    internal = " ".join(_section_text(s) for s in
                        build_yearly_report(demo, _year(demo)).sections)
    assert "[i]" in internal and "[i]" not in text
    findings = _section_text(build_briefing(demo, _year(demo)).sections[2])
    assert findings.count(":") >= 3


def test_the_summary_edition_is_4_to_6_pages_of_the_reports_own_words(
        demo: Partnership, tmp_path: Path) -> None:
    for public in (False, True):
        args = ["report", "yearly", "--year", "2020-21", "--edition", "summary",
                "--format", "pdf,docx", "--out", str(tmp_path)] + (["--public"] if public
                                                                  else [])
        call_command(*args, stdout=io.StringIO())
        stem = "yearly-report-2020-21-summary" + ("-public" if public else "")
        pages = len(PdfReader(tmp_path / f"{stem}.pdf").pages)
        assert 4 <= pages <= 6, (stem, pages)
        assert (tmp_path / f"{stem}.docx").exists()

    year = _year(demo)
    summary = build_summary(demo, year, public=True)
    full = build_yearly_report(demo, year, public=True)
    assert [s.id for s in summary.sections] == list(SUMMARY.sections)
    full_text = _words(" ".join(_section_text(s) for s in full.sections))
    said = [text for section in summary.sections if section.id != "summary-intro"
            for part in (section, *section.subsections) for block in part.blocks
            for text in ([block.text] if isinstance(block, Paragraph) else
                         block.items if isinstance(block, BulletList) else [])]
    own = [t for t in said if t.startswith("The full report gives the figures for")]
    assert len(said) > 20 and len(own) <= 1
    for text in said:
        if text not in own:
            assert _words(text) in full_text, text
    assert "[i]" not in " ".join(_section_text(s) for s in summary.sections)


def test_abridging_keeps_openings_and_drops_what_a_summary_leaves_to_the_report() -> None:
    section = Section("x", "X", [
        Paragraph("One."), Paragraph("Two."), Paragraph("Three."),
        Paragraph("What we will do:"), BulletList([str(i) for i in range(20)])],
        [Section("a", "A", [Paragraph("Planned:"), BulletList(["p", "q"]), Paragraph("A1."),
                            Paragraph("A2.")], [Section("deep", "Deep")]),
         Section("b", "B", [Paragraph("B1."), Paragraph("B2.")]),
         Section("c", "C", [Paragraph("In the table:"), Table("T", ["h"], [["1"]])])])
    short = abridge(section)
    assert [getattr(b, "text", None) for b in short.blocks] == ["One.", "Two.", None]
    assert short.blocks[2].items == [str(i) for i in range(8)]
    assert short.subsections[0].blocks == [Paragraph("Planned:"), BulletList(["p"])]
    assert short.subsections[0].subsections == []
    assert short.subsections[1].blocks == [Paragraph("B1.")]
    assert short.subsections[2].blocks == []  # its table is the full report's
    assert abridge(short) == short  # a short form is within the limits already


def test_documents_are_registered_for_the_command_and_the_docs() -> None:
    assert Document  # the content tree every renderer reads
    doc = (Path(__file__).resolve().parent.parent / "docs" / "publication.md").read_text()
    assert "lscp report briefing" in doc and "--edition summary" in doc
