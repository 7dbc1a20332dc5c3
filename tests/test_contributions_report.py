"""The partnership's own words in the built report: the demo's sections have content in every
format, the glossary lists only the terms the report uses, and nothing unsafe written in
Markdown reaches the HTML, PDF or DOCX."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from lscp.contributions import services
from lscp.contributions.glossary import terms
from lscp.contributions.models import Contribution, Statement, StatementKind
from lscp.reports.content import Section, Table
from lscp.reports.documents.yearly import build_yearly_report
from lscp.reports.registry import DocumentSpec, ReportContext, build_document
from lscp.reports.render import write_document
from lscp.reports.sections.glossary import glossary, texts
from lscp.reports.statutory import coverage

pytestmark = pytest.mark.django_db
MINE = ("foreword", "key-messages", "partners", "case-stories", "childs-voice",
        "need-to-know", "report-a-concern", "glossary")
EVIL = ("Hello <script>alert('PWNEDONE')</script> [click](javascript:alert('PWNEDTWO')) "
        "<javascript:alert('PWNEDTHREE')> <img src=x onerror=\"alert('PWNEDFOUR')\"> "
        "[data](data:text/html;base64,PHNjcmlwdD4=) **kept**\n\n"
        "<script>alert('PWNEDFIVE')</script>\n\n<style>body{display:none}</style>\n\n"
        "# A heading\n\n- item with [a safe link](https://example.org/more)")


@pytest.fixture
def year(demo):  # type: ignore[no-untyped-def]
    return demo.years.get(label="2020-21")


def _by_id(document: Any) -> dict[str, Section]:
    return {s.id: s for s in document.sections}


def _text(section: Section) -> str:
    return " ".join(texts(section))


def test_the_demo_report_has_each_of_these_sections_with_content(demo, year) -> None:  # type: ignore[no-untyped-def]
    document = build_yearly_report(demo, year)
    ids = [s.id for s in document.sections]
    assert ids.index("foreword") < ids.index("key-messages") < ids.index("about")
    assert ids[-3:] == ["need-to-know", "report-a-concern", "glossary"]
    assert ids.index("childs-voice") == ids.index("impact") - 1
    found = _by_id(document)
    for section_id in MINE:
        section = found[section_id]
        assert section.subsections or any(not hasattr(b, "text") for b in section.blocks) \
            or len(section.blocks) > 1, section_id
    assert "Contingency Oversight Group" in _text(found["foreword"])
    partners = [s.title for s in found["partners"].subsections]
    assert "Metropolitan Police Service – Bromley Borough BCU" in partners
    assert "London Borough of Bromley, Children's Social Care" in partners
    assert len(partners) == 9
    assert [s.title for s in found["need-to-know"].subsections] == [
        "For practitioners", "For parents and carers", "For children and young people",
        "For communities"]
    concern = _text(found["report-a-concern"])
    assert "0300 303 8671" in concern and "0800 1111" in concern and "999" in concern
    assert "Sam's story [i]" in _text(found["case-stories"])
    met = {r.text: r.met for r in coverage(document)}
    assert met["How children's and families' feedback shaped the work"]
    assert met["The role of education and other relevant agencies in the arrangements"]


def test_the_public_edition_leaves_out_the_made_up_story(demo, year) -> None:  # type: ignore[no-untyped-def]
    found = _by_id(build_yearly_report(demo, year, public=True))
    assert "Sam" not in _text(found["case-stories"])
    assert "[i]" not in _text(found["case-stories"])
    assert "still to be accepted" not in _text(found["partners"]).lower()
    assert len(found["partners"].subsections) == 9


def test_an_unapproved_foreword_is_one_sentence_the_checklist_counts_as_empty(demo, year) -> None:  # type: ignore[no-untyped-def]
    Statement.objects.filter(year=year, kind=StatementKind.FOREWORD).update(status="submitted")
    section = _by_id(build_yearly_report(demo, year))["foreword"]
    assert [b.text for b in section.blocks] == [
        "The chair's foreword for 2020-21 has not been approved yet."]
    assert not section.subsections


def test_the_glossary_lists_only_the_terms_the_report_uses(demo, year) -> None:  # type: ignore[no-untyped-def]
    document = build_yearly_report(demo, year)
    others = " ".join(texts([s for s in document.sections if s.id != "glossary"]))
    table = next(b for b in _by_id(document)["glossary"].blocks if isinstance(b, Table))
    listed = {row[0] for row in table.rows}
    assert {"MASH", "LADO", "CDOP"} <= listed
    for term in terms():
        assert (term.term in listed) == term.used_in(others), term.term
    assert len(listed) < len(terms())  # some terms are not used, and not listed
    assert [row[0].lower() for row in table.rows] == sorted(row[0].lower() for row in table.rows)


def test_the_glossary_is_built_from_the_sections_given_to_it(demo, year) -> None:  # type: ignore[no-untyped-def]
    from lscp.reports.content import Paragraph

    built = (Section("x", "Front door", [Paragraph("The MASH took 9 LADO calls; CPD and cp.")]),)
    section = glossary(ReportContext(demo, year, built=built))
    table = next(b for b in section.blocks if isinstance(b, Table))
    assert [row[0] for row in table.rows] == ["LADO", "MASH"]
    empty = glossary(ReportContext(demo, year, built=(Section("y", "Nothing", []),)))
    assert not any(isinstance(b, Table) for b in empty.blocks)


def _evil_contribution(demo, year) -> None:  # type: ignore[no-untyped-def]
    police = Contribution.objects.get(call__year=year, agency__code="met-police")
    Contribution.objects.filter(pk=police.pk).update(achievements=EVIL, impact=EVIL)
    Statement.objects.filter(year=year, kind=StatementKind.FOREWORD).update(text=EVIL)


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def _docx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as docx:
        return docx.read("word/document.xml").decode("utf-8")


def test_nothing_unsafe_reaches_html_pdf_or_docx(demo, year, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _evil_contribution(demo, year)
    spec = DocumentSpec("contributions-test", "{partnership} {year}", "words-{year}", "year",
                        ("foreword", "partners"))
    document = build_document(spec, ReportContext(demo, year))
    html, pdf, docx = write_document(document, ["html", "pdf", "docx"], tmp_path)
    outputs = {"html": html.read_text(encoding="utf-8"), "pdf": _pdf_text(pdf),
               "docx": _docx_text(docx)}
    for fmt, body in outputs.items():
        assert "kept" in body and "A heading" in body, fmt
        assert "https://example.org/more" in body, fmt
        for bad in ("<script", "javascript", "onerror", "PWNED", "data:text", "display:none"):
            assert bad not in body, (fmt, bad)
    assert "&lt;script" not in outputs["html"]


def test_markdown_becomes_paragraphs_lists_and_subsections(demo, year) -> None:  # type: ignore[no-untyped-def]
    _evil_contribution(demo, year)
    foreword = _by_id(build_yearly_report(demo, year))["foreword"]
    assert foreword.blocks[0].text == "Hello click data kept"
    (heading,) = foreword.subsections
    assert heading.title == "A heading"
    assert heading.blocks[0].items == ["item with a safe link (https://example.org/more)"]


def test_the_demo_sections_render_in_every_format(demo, year, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    spec = DocumentSpec("contributions-demo", "{partnership} {year}", "demo-{year}", "year",
                        MINE)
    document = build_document(spec, ReportContext(demo, year))
    html, pdf, docx = write_document(document, ["html", "pdf", "docx"], tmp_path)
    for body in (html.read_text(encoding="utf-8"), _pdf_text(pdf), _docx_text(docx)):
        for words in ("Foreword by the chair", "Key messages", "Partners", "Operation Aegis",
                      "The child", "Bromley Youth Council", "What you need to know",
                      "0300 303 8671", "Glossary", "Multi-Agency Safeguarding Hub"):
            assert words in body.replace("’", "'"), words


def test_a_voice_marked_illustrative_is_marked_then_left_out(demo, year) -> None:  # type: ignore[no-untyped-def]
    services.voice_add(year=year, kind="feedback", by=None, title="Made-up survey",
                       who="Nobody real", children=3, said="Nothing", changed="",
                       illustrative=True)
    internal = _text(_by_id(build_yearly_report(demo, year))["childs-voice"])
    public = _text(_by_id(build_yearly_report(demo, year, public=True))["childs-voice"])
    assert "Made-up survey [i]" in internal and "Made-up survey" not in public


def test_a_call_with_no_accepted_contribution_says_so_in_one_sentence(demo) -> None:  # type: ignore[no-untyped-def]
    year = demo.years.get(label="2021-22")
    services.call_open(year=year, deadline=dt.date(2022, 6, 10), agencies=[], guidance="",
                       by=None, today=dt.date(2022, 5, 3))
    section = _by_id(build_yearly_report(demo, year, public=True))["partners"]
    assert [b.text for b in section.blocks] == [
        "No partner's contribution has been accepted for 2021-22 yet."]
    assert not {r.text: r.met for r in coverage(build_yearly_report(demo, year))}[
        "How children's and families' feedback shaped the work"]
