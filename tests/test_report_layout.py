"""The report's layout in each format: cover, contents, tables, charts and markings.

Most tests lay out a small document made here (fast, and every part of it known); the last
ones read the demo's report, to see the at-a-glance page first in every format. What is
checked is structure a reader (or a screen reader, or Word) relies on: A4, British English,
document properties, the contents with page numbers, header rows repeated and rows kept
whole, captions, one title per chart, pictures with text alternatives, page furniture marked
as artifacts, and the internal marking on every page of the internal edition only.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from docx import Document as read_docx
from docx.oxml.ns import qn
from docx.shared import Mm
from pypdf import PdfReader

from lscp.insight.charts import series_chart
from lscp.reports.content import (
    Chart,
    Cover,
    Document,
    Glance,
    Headline,
    Logo,
    Paragraph,
    Section,
    Table,
)
from lscp.reports.render import render_docx, render_html, render_pdf, write_document
from lscp.reports.render.charts import labelled
from lscp.reports.render.glance import glance_svg

PARTNERSHIP = "Testshire Safeguarding Children Partnership"
MARKING = "Internal edition: true values, not for publication"
SVG = "{http://www.w3.org/2000/svg}"


def png_logo() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (120, 60), "#1d70b8").save(out, format="PNG")
    return out.getvalue()


def small_document(*, public: bool = False, logo: bool = False, rows: int = 90) -> Document:
    """Five sections (so a contents page), a glance, a chart and a table long enough to run
    over a page, with a total."""
    months = [(f"Month {i}", float(10 + i)) for i in range(1, 13)]
    chart_table = Table("Referrals, month by month, 2020-21", ["Month", "Number"],
                        [[m, f"{v:.0f}"] for m, v in months], numeric=(1,))
    chart = Chart(title="Referrals, month by month, 2020-21",
                  summary="Line chart of referrals each month: lowest 11, highest 22.",
                  spec=series_chart("Referrals, month by month, 2020-21", "number", months, {}),
                  table=chart_table)
    long_table = Table("Contacts by school, 2020-21", ["School", "Contacts"],
                       [[f"School number {i}", str(i)] for i in range(1, rows + 1)],
                       foot=[["Total", str(sum(range(1, rows + 1)))]], numeric=(1,))
    headlines = [Headline("Referrals to children's social care", "1,234", "1,111 in 2019-20"),
                 Headline("Children in need at 31 March", "[c]")]
    glance = Glance("At a glance: 2020-21", "Headline figures for 2020-21. Referrals: 1,234.",
                    headlines, Table("Headline figures, 2020-21", ["Headline", "2020-21"],
                                     [[h.label, h.value] for h in headlines], numeric=(1,)))
    sections = [
        Section("at-a-glance", "At a glance", [glance]),
        Section("alpha", "Section Alpha", [Paragraph("Alpha text."), long_table]),
        Section("beta", "Section Beta", [Paragraph("Beta text."), chart],
                [Section("beta-one", "Beta subsection", [Paragraph("Beta one text.")])]),
        Section("gamma", "Section Gamma", [Paragraph("Gamma text.")]),
        Section("delta", "Section Delta", [Paragraph("Delta text.")]),
    ]
    cover = Cover(partnership=PARTNERSHIP, period="1 April 2020 to 31 March 2021",
                  edition="public" if public else "internal", built="30 June 2021",
                  built_on="2021-06-30", version="abcd-1234",
                  contact=["Partnership business unit", "lscp@example.org"],
                  logo=Logo(png_logo(), "image/png", f"Logo of the {PARTNERSHIP}") if logo
                  else None)
    return Document(title=f"{PARTNERSHIP}: yearly report 2020-21",
                    subtitle="1 April 2020 to 31 March 2021", slug="yearly-report-2020-21",
                    sections=sections, meta={"partnership": PARTNERSHIP, "year": "2020-21",
                                             "language": "en-GB"}, cover=cover)


@pytest.fixture(scope="module")
def built() -> dict[bool, dict[str, bytes]]:
    found = {}
    for public in (False, True):
        document = small_document(public=public, logo=not public)
        found[public] = {"html": render_html(document), "pdf": render_pdf(document),
                         "docx": render_docx(document)}
    return found


# HTML ----------------------------------------------------------------------------------------


def html_root(data: bytes) -> Any:
    return lxml.html.fromstring(data)


def test_every_header_cell_has_a_scope_and_every_table_a_caption(built) -> None:  # type: ignore[no-untyped-def]
    root = html_root(built[False]["html"])
    assert root.xpath("//table")
    for table in root.xpath("//table"):
        assert table.xpath("./caption")[0].text_content().strip()
        assert {th.get("scope") for th in table.xpath("./thead//th")} == {"col"}
        assert {th.get("scope") for th in table.xpath("./tbody//th")} <= {"row"}
        assert not table.xpath("./tfoot"), "a tfoot repeats at the foot of every page"


def test_the_total_row_comes_last_once(built) -> None:  # type: ignore[no-untyped-def]
    root = html_root(built[False]["html"])
    table = next(t for t in root.xpath("//table") if "Contacts by school" in t.text_content())
    bodies = table.xpath("./tbody")
    assert "report-total" in bodies[-1].get("class")
    rows = table.xpath("./tbody/tr")
    assert rows[-1].xpath("./th")[0].text_content() == "Total"
    assert sum(r.xpath("./th")[0].text_content() == "Total" for r in rows) == 1


def test_a_chart_is_an_svg_image_with_a_name_and_one_visible_title(built) -> None:  # type: ignore[no-untyped-def]
    html = built[False]["html"].decode("utf-8")
    root = html_root(built[False]["html"])
    figure = root.xpath("//figure[@class='report-chart']")[0]
    svg = figure.xpath("./svg")[0]
    assert svg.get("role") == "img"
    assert svg.get("aria-label") == "Line chart of referrals each month: lowest 11, highest 22."
    title = "Referrals, month by month, 2020-21"
    assert figure.xpath("./figcaption")[0].text_content().strip() == title
    # Not drawn inside the picture, and the data table's caption is for screen readers only.
    assert title not in "".join(svg.xpath(".//text//text()"))
    caption = figure.getnext().xpath("./caption")[0]
    assert caption.text_content() == title and "govuk-visually-hidden" in caption.get("class")
    assert html.count(f">{title}<") == 2  # the figure's caption and the hidden one


def test_the_glance_is_drawn_as_svg_tiles_named_by_its_summary(built) -> None:  # type: ignore[no-untyped-def]
    root = html_root(built[False]["html"])
    svg = root.xpath("//figure[@class='report-glance']/svg")[0]
    assert svg.get("role") == "img"
    assert svg.get("aria-label").startswith("Headline figures for 2020-21")
    texts = " ".join(svg.xpath(".//text()"))
    assert "1,234" in texts and "[c]" in texts and "Children in need" in texts
    assert root.xpath("//section")[0].get("id") == "at-a-glance"


def test_the_glance_svg_is_xml_and_escapes_its_words() -> None:
    from xml.etree import ElementTree

    glance = Glance("t", "Tiles <&> \"quoted\"", [Headline("A & B <c>", "1"), Headline("x", "2"),
                                                   Headline("y", "3"), Headline("z", "4")],
                    Table("c", ["h"], []))
    svg = labelled(glance_svg(glance), glance.summary, "lscp-glance")
    root = ElementTree.fromstring(svg)
    assert root.get("role") == "img" and root.get("aria-label") == glance.summary
    assert root.find(f"{SVG}title").text == glance.summary
    assert len(root.findall(f"{SVG}rect")) == 2 * 4  # a tile and its bar
    assert int(root.get("height")) > 140  # two rows of tiles for four headlines


def test_the_internal_marking_is_on_the_internal_edition_only(built) -> None:  # type: ignore[no-untyped-def]
    internal, public = built[False]["html"].decode(), built[True]["html"].decode()
    assert MARKING in internal and 'name="keywords" content="internal edition' in internal
    assert "not for publication" not in public and "Internal edition" not in public
    assert 'name="keywords"' not in public


def test_the_cover_says_edition_date_version_contact_and_shows_the_logo(built) -> None:  # type: ignore[no-untyped-def]
    cover = html_root(built[False]["html"]).xpath("//header[@class='report-cover']")[0]
    text = " ".join(cover.text_content().split())
    for part in ("Edition Internal", "Built on 30 June 2021", "Version abcd-1234",
                 "Contact Partnership business unit", "lscp@example.org"):
        assert part in text, part
    logo = cover.xpath(".//img")[0]
    assert logo.get("src").startswith("data:image/png;base64,")
    assert logo.get("alt") == f"Logo of the {PARTNERSHIP}"


# PDF ----------------------------------------------------------------------------------------


def page_texts(page: Any) -> list[tuple[bool, str]]:
    """Each piece of text on the page, and whether it sits inside /Artifact marked content."""
    stack: list[str] = []
    found: list[tuple[bool, str]] = []

    def before(operator: bytes, operands: list[Any], *_: Any) -> None:
        if operator in (b"BDC", b"BMC"):
            stack.append(str(operands[0]))
        elif operator == b"EMC" and stack:
            stack.pop()

    def text(value: str, *_: Any) -> None:
        if value.strip():
            found.append(("/Artifact" in stack, value.strip()))

    page.extract_text(visitor_operand_before=before, visitor_text=text)
    return found


def test_the_pdf_carries_its_metadata(built) -> None:  # type: ignore[no-untyped-def]
    internal = PdfReader(io.BytesIO(built[False]["pdf"])).metadata
    public = PdfReader(io.BytesIO(built[True]["pdf"])).metadata
    assert internal.title == public.title == f"{PARTNERSHIP}: yearly report 2020-21"
    assert internal.author == public.author == PARTNERSHIP
    assert "not for publication" in internal.subject
    assert "internal" in internal["/Keywords"]
    assert "/Keywords" not in public and "internal" not in (public.subject or "").lower()
    assert internal["/CreationDate"].startswith("D:20210630")


def test_page_numbers_and_the_marking_are_artifacts_on_every_page(built) -> None:  # type: ignore[no-untyped-def]
    pages = PdfReader(io.BytesIO(built[False]["pdf"])).pages
    assert len(pages) >= 4
    for number, page in enumerate(pages, start=1):
        texts = page_texts(page)
        furniture = [t for artifact, t in texts if artifact]
        assert MARKING in furniture, number
        if number > 1:  # the cover has no page number
            assert f"Page {number} of {len(pages)}" in furniture, number
        body = [t for artifact, t in texts if not artifact]
        assert not any(re.fullmatch(r"Page \d+ of \d+", t) for t in body), number
        assert MARKING not in body or number == 1  # the cover also says it in its body


def test_the_public_pdf_has_no_marking(built) -> None:  # type: ignore[no-untyped-def]
    reader = PdfReader(io.BytesIO(built[True]["pdf"]))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "not for publication" not in text and "Internal edition" not in text


def test_the_contents_give_the_page_each_section_starts_on(built) -> None:  # type: ignore[no-untyped-def]
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(built[False]["pdf"])).pages]
    contents = pages[1]
    assert contents.lstrip().startswith(MARKING) or "Contents" in contents.split("\n")[0:3]
    for title in ("At a glance", "Section Alpha", "Section Beta", "Section Gamma",
                  "Section Delta"):
        match = re.search(re.escape(title) + r"[ .]*?(\d+)\s*$", contents, re.M)
        assert match, title
        shown = int(match.group(1))
        starts = next(i for i, text in enumerate(pages[2:], start=3)
                      if re.search(rf"^{re.escape(title)}$", text, re.M))
        assert shown == starts, title
    assert pages[2].split("\n").count("At a glance") >= 1  # the glance opens the report


def test_a_long_table_repeats_its_header_and_keeps_its_caption(built) -> None:  # type: ignore[no-untyped-def]
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(built[False]["pdf"])).pages]
    holding = [i for i, text in enumerate(pages) if "School number" in text]
    assert len(holding) >= 2, "the table should run over a page"
    for index in holding:
        assert "School Contacts" in " ".join(pages[index].split()), index
    first = " ".join(pages[holding[0]].split())
    assert "Contacts by school, 2020-21 School Contacts" in first
    assert " ".join(pages[holding[-1]].split()).count("Total") == 1
    assert sum(" ".join(pages[i].split()).count("Total 4095") for i in holding) == 1


def test_the_pdf_is_tagged_with_figures_that_carry_alternative_text(built) -> None:  # type: ignore[no-untyped-def]
    reader = PdfReader(io.BytesIO(built[False]["pdf"]))
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] and root["/Lang"] == "en-GB"
    alts: list[str] = []

    def walk(element: Any) -> None:
        element = element.get_object()
        if hasattr(element, "get") and element.get("/S") == "/Figure" and "/Alt" in element:
            alts.append(str(element["/Alt"]))
        kids = element.get("/K") if hasattr(element, "get") else None
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            if hasattr(kid, "get_object") and hasattr(kid.get_object(), "get"):
                walk(kid)

    walk(root["/StructTreeRoot"])
    assert any(a.startswith("Headline figures for 2020-21") for a in alts)
    assert "Line chart of referrals each month: lowest 11, highest 22." in alts
    assert f"Logo of the {PARTNERSHIP}" in alts


# DOCX ---------------------------------------------------------------------------------------


def docx_of(data: bytes) -> Any:
    return read_docx(io.BytesIO(data))


def test_the_docx_is_a4_in_british_english(built) -> None:  # type: ignore[no-untyped-def]
    docx = docx_of(built[False]["docx"])
    for section in docx.sections:
        assert abs(section.page_width - Mm(210)) < Mm(1)
        assert abs(section.page_height - Mm(297)) < Mm(1)
    defaults = docx.styles.element.find(qn("w:docDefaults"))
    langs = [lang.get(qn("w:val")) for lang in defaults.iter(qn("w:lang"))]
    assert langs == ["en-GB"]
    assert docx.core_properties.language == "en-GB"


def test_the_docx_properties_name_the_document_its_author_and_its_build_date(built) -> None:  # type: ignore[no-untyped-def]
    internal = docx_of(built[False]["docx"]).core_properties
    public = docx_of(built[True]["docx"]).core_properties
    assert internal.title == f"{PARTNERSHIP}: yearly report 2020-21"
    assert internal.author == public.author == PARTNERSHIP
    assert internal.created == dt.datetime(2021, 6, 30, tzinfo=dt.UTC)
    assert "internal" in internal.keywords and "not for publication" in internal.subject
    assert not public.keywords and not public.subject
    assert "python-docx" not in f"{internal.comments}{internal.author}"


def test_docx_tables_repeat_their_header_never_split_a_row_and_carry_a_caption(built) -> None:  # type: ignore[no-untyped-def]
    docx = docx_of(built[False]["docx"])
    assert len(docx.tables) >= 3
    for table in docx.tables:
        rows = table._tbl.tr_lst
        assert rows[0].trPr.find(qn("w:tblHeader")) is not None
        assert all(r.trPr.find(qn("w:cantSplit")) is not None for r in rows)
        assert all(r.trPr.find(qn("w:tblHeader")) is None for r in rows[1:])
        assert table._tbl.tblPr.find(qn("w:tblCaption")).get(qn("w:val"))
    school = next(t for t in docx.tables if t.rows[0].cells[0].text == "School")
    assert [c.text for c in school.rows[-1].cells] == ["Total", "4095"]


def test_a_docx_caption_stays_with_its_table_and_a_chart_has_one_title(built) -> None:  # type: ignore[no-untyped-def]
    docx = docx_of(built[False]["docx"])
    captions = [p for p in docx.paragraphs if p.style.name == "Caption"]
    assert captions and all(p.paragraph_format.keep_with_next for p in captions)
    texts = [p.text for p in captions]
    assert texts.count("Referrals, month by month, 2020-21") == 1


def test_the_docx_has_a_contents_field_word_updates(built) -> None:  # type: ignore[no-untyped-def]
    data = built[False]["docx"]
    body = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert 'TOC \\o "1-3" \\h \\z \\u' in body
    assert body.count('w:fldCharType="begin"') == body.count('w:fldCharType="end"')
    settings = zipfile.ZipFile(io.BytesIO(data)).read("word/settings.xml").decode()
    assert '<w:updateFields w:val="true"/>' in settings
    assert settings.index("w:updateFields") < settings.index("w:compat")  # schema order


def test_the_docx_marks_every_page_of_the_internal_edition_only(built) -> None:  # type: ignore[no-untyped-def]
    internal = docx_of(built[False]["docx"]).sections[0]
    public = docx_of(built[True]["docx"]).sections[0]
    assert internal.header.paragraphs[0].text == MARKING
    assert internal.first_page_header.paragraphs[0].text == MARKING
    assert not public.header.paragraphs[0].text and not public.first_page_header.paragraphs[0].text
    footer = internal.footer.paragraphs[0]._p.xml
    assert 'w:instr="PAGE"' in footer and 'w:instr="NUMPAGES"' in footer


def test_docx_pictures_carry_their_text_alternative(built) -> None:  # type: ignore[no-untyped-def]
    docx = docx_of(built[False]["docx"])
    described = [s._inline.docPr.get("descr") for s in docx.inline_shapes]
    assert described[0] == f"Logo of the {PARTNERSHIP}"
    assert described[1].startswith("Headline figures for 2020-21")
    assert "Line chart of referrals each month: lowest 11, highest 22." in described


def test_a_document_without_contents_has_no_contents_page() -> None:
    document = small_document(rows=3)
    assert document.cover is not None
    document.cover.contents = False
    html = render_html(document).decode()
    assert 'class="report-contents"' not in html
    assert "TOC \\o" not in zipfile.ZipFile(io.BytesIO(render_docx(document))).read(
        "word/document.xml").decode()


def test_write_document_lays_the_html_out_once_for_html_and_pdf(tmp_path: Path,
                                                                  monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from lscp.reports import render

    calls: list[str] = []
    real = render.render_html
    monkeypatch.setattr(render, "render_html", lambda d: calls.append(d.slug) or real(d))
    written = write_document(small_document(rows=3), ["html", "pdf", "docx"], tmp_path)
    assert [p.suffix for p in written] == [".html", ".pdf", ".docx"]
    assert calls == ["yearly-report-2020-21"]


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) missing")
def test_the_cover_contents_and_glance_pages_render(built, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(built[False]["pdf"])
    subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "3", str(pdf),
                    str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == 3 and all(p.stat().st_size > 2000 for p in pages)


# The demo's report: at a glance first in every format ---------------------------------------


@pytest.fixture(scope="module")
def demo_files(django_db_setup, django_db_blocker, tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    from django.db import transaction

    from lscp.demo.setup import DEMO_BUNDLE, add_training
    from lscp.partnership.bundle.importer import import_bundle_folder
    from lscp.reports.documents.yearly import build_yearly_report

    out = tmp_path_factory.mktemp("demo-report")
    with django_db_blocker.unblock(), transaction.atomic():
        result = import_bundle_folder(DEMO_BUNDLE)
        assert result.partnership is not None
        add_training(result.partnership)
        year = result.partnership.years.get(label="2020-21")
        write_document(build_yearly_report(result.partnership, year), ["html", "pdf", "docx"],
                       out)
        transaction.set_rollback(True)
    return out


@pytest.mark.django_db
def test_the_demo_report_opens_with_at_a_glance_in_every_format(demo_files: Path) -> None:
    html = lxml.html.fromstring((demo_files / "yearly-report-2020-21.html").read_bytes())
    assert html.xpath("//main/section")[0].get("id") == "at-a-glance"
    assert html.xpath("//nav[@class='report-contents']//a")[0].text == "At a glance"

    docx = read_docx(str(demo_files / "yearly-report-2020-21.docx"))
    headings = [p.text for p in docx.paragraphs if p.style.name == "Heading 1"]
    assert headings[0] == "At a glance"
    assert docx.inline_shapes[0]._inline.docPr.get("descr").startswith("Headline figures for")

    pages = [p.extract_text() for p in PdfReader(demo_files / "yearly-report-2020-21.pdf").pages]
    glance = next(i for i, text in enumerate(pages) if "Headline figures, 2020-21" in text)
    assert glance == 2  # after the cover and the contents
    assert re.search(r"^At a glance[ .]*3$", pages[1], re.M)
    assert "Headline figures, 2020-21" not in pages[3]  # one page
