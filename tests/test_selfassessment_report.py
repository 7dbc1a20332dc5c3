"""The Self-assessment section of the yearly report: the demo's COVID-19 Preparedness Survey
with its four standards and the partners asked for more evidence, in HTML, PDF and DOCX;
illustrative ratings marked in the internal edition and never published in the public one;
and a cycle recorded in the app reaching the report, counted from its records."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from lscp.reports.content import Paragraph, Section, Table
from lscp.reports.documents.yearly import build_yearly_report
from lscp.reports.render import write_document
from lscp.reports.statutory import coverage
from lscp.selfassessment.models import Assessment, Cycle, EvidenceRequest

pytestmark = pytest.mark.django_db
STANDARDS = ["Health and wellbeing of staff", "Communication", "Service support",
             "Contingency plans"]


@pytest.fixture
def year(demo):  # type: ignore[no-untyped-def]
    return demo.years.get(label="2020-21")


def section_of(document: Any) -> Section:
    return next(s for s in document.sections if s.id == "self-assessment")


def words(section: Section) -> str:
    found = [section.title]
    for block in section.blocks:
        if isinstance(block, Paragraph):
            found.append(block.text)
        elif isinstance(block, Table):
            found += [block.caption, *block.head, *(c for row in block.rows for c in row)]
    for sub in section.subsections:
        found.append(words(sub))
    return re.sub(r"\s+", " ", " ".join(found))


def tables(section: Section) -> dict[str, Table]:
    found = {b.caption: b for b in section.blocks if isinstance(b, Table)}
    for sub in section.subsections:
        found.update(tables(sub))
    return found


def test_it_follows_child_deaths_and_covers_its_statutory_items(demo, year) -> None:  # type: ignore[no-untyped-def]
    document = build_yearly_report(demo, year)
    ids = [s.id for s in document.sections]
    assert ids.index("self-assessment") > ids.index("child-deaths")
    if "training" in ids:
        assert ids.index("training") < ids.index("self-assessment")
    met = {r.text: r.covered_by for r in coverage(document)}
    assert "Self-assessment" in met["Evidence of the impact of the partners' work"]
    assert "Self-assessment" in met[
        "The role of education and other relevant agencies in the arrangements"]


def test_the_demo_section_has_the_survey_its_standards_and_partners_asked(demo, year) -> None:  # type: ignore[no-untyped-def]
    section = section_of(build_yearly_report(demo, year))
    text = words(section)
    assert "COVID-19 Preparedness Survey" in text
    for standard in STANDARDS:
        assert standard in text
    cycle = Cycle.objects.get(code="covid-19-preparedness-2020")
    submitted = cycle.assessments.filter(status="submitted").count()
    asked = cycle.assessments.count()
    assert f"{submitted} [i] of the {asked} [i] partners asked submitted a return" in text
    ratings = tables(section)["How partners rated themselves, COVID-19 Preparedness Survey"]
    assert [row[0] for row in ratings.rows] == STANDARDS
    red = Assessment.objects.filter(cycle=cycle, status="submitted",
                                    answers__standard__code="contingency-plans",
                                    answers__rating="red").count()
    assert ratings.rows[3][3] == f"{red} [i]"
    assert "most often rated amber or red were contingency plans" in text
    # The partners written to, as the seed says, and whether they gave it: from the records.
    asked_more = tables(section)["Asked for more evidence, COVID-19 Preparedness Survey"]
    expected = sorted({r.answer.assessment.agency.name for r in EvidenceRequest.objects.filter(
        answer__assessment__cycle=cycle)})
    assert sorted(row[0] for row in asked_more.rows) == expected
    given = {row[0]: row[3] for row in asked_more.rows}
    assert given["London Community Rehabilitation Company"] == "Not yet"
    assert given["Kings College Hospital"].startswith("Yes, by 4 September 2020")
    assert "wrote to the 3 [i] partners who had not provided sufficient evidence" in text
    assert "2 [i] of them gave it" in text
    assert "[i] marks an illustrative figure" in text


def test_the_public_edition_publishes_no_made_up_rating(demo, year) -> None:  # type: ignore[no-untyped-def]
    section = section_of(build_yearly_report(demo, year, public=True))
    text = words(section)
    assert "[i]" not in text and "[x]" in text
    for standard in STANDARDS:
        assert standard in text  # the seed names them: they are published
    assert "Asked for more evidence, COVID-19 Preparedness Survey" not in tables(section)
    assert "London Community Rehabilitation Company" not in text
    ratings = tables(section)["How partners rated themselves, COVID-19 Preparedness Survey"]
    assert {c for row in ratings.rows for c in row[1:]} == {"[x]"}


def test_a_year_without_self_assessment_says_so(demo) -> None:  # type: ignore[no-untyped-def]
    later = demo.years.get(label="2021-22")
    section = section_of(build_yearly_report(demo, later))
    assert words(section) == "Self-assessment No self-assessment of partners ran in 2021-22."
    assert "Self-assessment" not in {t for r in coverage(build_yearly_report(demo, later))
                                     for t in r.covered_by}


def _pdf_text(data: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() or "" for p in PdfReader(
        io.BytesIO(data)).pages))


def _docx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", xml))


def test_the_section_is_in_all_three_formats(demo, year, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    document = build_yearly_report(demo, year)
    paths = {p.suffix: p for p in write_document(document, ["html", "pdf", "docx"], tmp_path)}
    html = paths[".html"].read_text(encoding="utf-8")
    pdf = _pdf_text(paths[".pdf"].read_bytes())
    docx = _docx_text(paths[".docx"].read_bytes())
    for text in (html, pdf, docx):
        assert "COVID-19 Preparedness Survey" in text
        assert "Contingency plans" in text
        assert "London Community Rehabilitation Company" in text
        assert "Asked for more evidence" in text
