"""The report as a Word document, for partners who edit or reuse its text (python-docx).

A4, British English, document properties set (title, author: the partnership, created: the
day it was built); a cover, then a contents field that Word fills with page numbers when it
opens the file (it is asked to update fields), then the sections. Tables repeat their header
row on each page, never split a row across pages and carry their caption as alternative
text; pictures (charts, the at-a-glance tiles) are the same drawings as the HTML edition's,
as PNG, with their text alternative. The internal edition says so in every page's header
and in the file's properties; the public edition nowhere.
"""

from __future__ import annotations

import datetime as dt
import io

from docx import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from lscp.reports.content import (
    BulletList,
    Chart,
    Cover,
    Document,
    Glance,
    Paragraph,
    Section,
    Table,
)
from lscp.reports.render.charts import chart_png, svg_png
from lscp.reports.render.docx_fields import add_field, add_toc, ask_to_update_fields
from lscp.reports.render.glance import glance_svg

LANGUAGE = "en-GB"
INK = RGBColor(0x0B, 0x0C, 0x0C)
RED = RGBColor(0xD4, 0x35, 0x1C)


def render_docx(document: Document) -> bytes:
    docx = DocxDocument()
    _page_and_language(docx)
    _properties(docx, document)
    _headers_and_footers(docx, document.cover)
    _cover(docx, document)
    if document.cover is None or document.cover.contents:
        _contents(docx, document)
    for section in document.sections:
        _docx_section(docx, section, level=1)
    out = io.BytesIO()
    docx.save(out)
    return out.getvalue()


def _page_and_language(docx) -> None:  # type: ignore[no-untyped-def]
    """A4 with 2 cm margins; every style in British English (Word's spelling checker and
    screen readers read w:lang)."""
    for section in docx.sections:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(20)
        section.top_margin = section.bottom_margin = Mm(20)
    normal = docx.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    defaults = docx.styles.element.find(qn("w:docDefaults"))
    for lang in defaults.iter(qn("w:lang")):
        lang.set(qn("w:val"), LANGUAGE)
        lang.set(qn("w:eastAsia"), LANGUAGE)
    for lang in docx.settings.element.iter(qn("w:themeFontLang")):
        lang.set(qn("w:val"), LANGUAGE)
    ask_to_update_fields(docx)


def _properties(docx, document: Document) -> None:  # type: ignore[no-untyped-def]
    core = docx.core_properties
    cover = document.cover
    partnership = document.meta.get("partnership", "")
    core.title = document.title
    core.author = core.last_modified_by = partnership
    core.language = document.meta.get("language", LANGUAGE)
    core.comments = ""
    core.revision = 1
    core.subject = cover.marking if cover else ""
    core.keywords = "internal edition, not for publication" if cover and cover.internal else ""
    if cover:
        built = dt.datetime.combine(dt.date.fromisoformat(cover.built_on), dt.time(),
                                    tzinfo=dt.UTC)
        core.created = core.modified = built
        core.version = cover.version


def _headers_and_footers(docx, cover: Cover | None) -> None:  # type: ignore[no-untyped-def]
    """The internal marking at the top of every page, the cover's too; "Page n of m" at the
    foot of every page but the cover."""
    section = docx.sections[0]
    section.different_first_page_header_footer = cover is not None
    headers = [section.header] + ([section.first_page_header] if cover else [])
    for header in headers:
        paragraph = header.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if cover and cover.marking:
            run = paragraph.add_run(cover.marking)
            run.bold = True
            run.font.color.rgb = RED
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Page ")
    add_field(footer, "PAGE", "1")
    footer.add_run(" of ")
    add_field(footer, "NUMPAGES", "1")


def _cover(docx, document: Document) -> None:  # type: ignore[no-untyped-def]
    cover = document.cover
    if cover is None:
        docx.add_heading(document.title, level=0)
        docx.add_paragraph(document.subtitle)
        return
    if cover.logo is not None:
        docx.add_picture(io.BytesIO(cover.logo.data), height=Cm(2.5))
        _describe_picture(docx, cover.logo.description, cover.logo.description)
    name = docx.add_paragraph()
    name_run = name.add_run(cover.partnership)
    name_run.bold = True
    name_run.font.color.rgb = RGBColor(0x1D, 0x70, 0xB8)
    docx.add_heading(document.title, level=0)
    docx.add_paragraph(cover.period, style="Subtitle")
    for label, value in (("Edition", cover.edition_label), ("Built on", cover.built),
                         ("Version", cover.version), ("Contact", "\n".join(cover.contact))):
        if value:
            fact = docx.add_paragraph()
            fact.add_run(f"{label}: ").bold = True
            fact.add_run(value)
    docx.add_page_break()


def _contents(docx, document: Document) -> None:  # type: ignore[no-untyped-def]
    """A TOC field over heading levels 1 to 3; until Word updates it, it lists the sections
    (without page numbers, as the HTML edition does), so a reader that never updates fields
    still sees the contents."""
    docx.add_paragraph("Contents", style="TOC Heading")
    add_toc(docx, [(1, s.title) for s in document.sections], _toc_styles(docx))
    docx.add_page_break()


def _toc_styles(docx) -> dict[int, str]:  # type: ignore[no-untyped-def]
    """Word's own contents styles ("toc 1", "toc 2"), added where the template lacks them."""
    names = {}
    for level in (1, 2):
        name = f"toc {level}"
        if name not in [s.name for s in docx.styles]:
            style = docx.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = docx.styles["Normal"]
            style.paragraph_format.left_indent = Cm(0.6 * (level - 1))
            style.paragraph_format.space_after = Pt(3)
        names[level] = name
    return names


def _styled(docx, text: str, style_id: str):  # type: ignore[no-untyped-def]
    """A paragraph in a style named by its id: python-docx's lookup by name scans every style
    on each call, which was half the time of the whole document."""
    paragraph = docx.add_paragraph(text)
    paragraph._p.style = style_id
    return paragraph


def _docx_section(docx, section: Section, level: int) -> None:  # type: ignore[no-untyped-def]
    _styled(docx, section.title, f"Heading{min(level, 9)}")
    for block in section.blocks:
        if isinstance(block, Paragraph):
            docx.add_paragraph(block.text)
        elif isinstance(block, BulletList):
            for item in block.items:
                _styled(docx, item, "ListBullet")
        elif isinstance(block, Table):
            _docx_table(docx, block)
        elif isinstance(block, Chart):
            _docx_chart(docx, block)
        elif isinstance(block, Glance):
            _docx_glance(docx, block)
    for sub in section.subsections:
        _docx_section(docx, sub, level + 1)


def _caption(docx, text: str) -> None:  # type: ignore[no-untyped-def]
    """A caption kept on the page of what it captions."""
    caption = _styled(docx, text, "Caption")
    caption.paragraph_format.keep_with_next = True
    for run in caption.runs:
        run.font.color.rgb = INK


def _docx_table(docx, table: Table, captioned: bool = True) -> None:  # type: ignore[no-untyped-def]
    """Header row repeated on each page, no row split across pages, totals last. Cells are
    written as XML directly: python-docx's cell and run objects cost a millisecond each."""
    if captioned:
        _caption(docx, table.caption)
    rows = [(table.head_cells, True), *((r, False) for r in table.body_cells),
            *((r, True) for r in table.foot_cells)]
    grid = docx.add_table(rows=len(rows), cols=len(table.head))
    grid._tbl.tblPr.style = "TableGrid"
    for index, (tr, (cells, bold)) in enumerate(zip(grid._tbl.tr_lst, rows, strict=True)):
        _row_flags(tr, *(("w:tblHeader", "w:cantSplit") if index == 0 else ("w:cantSplit",)))
        for tc, (text, numeric) in zip(tr.tc_lst, cells, strict=False):
            _cell(tc, text, bold, numeric)
    _table_caption(grid, table.caption)
    docx.add_paragraph()


def _cell(tc, text: str, bold: bool, numeric: bool) -> None:  # type: ignore[no-untyped-def]
    paragraph = tc.p_lst[0]
    if numeric:
        paragraph.get_or_add_pPr().jc_val = WD_ALIGN_PARAGRAPH.RIGHT
    run = paragraph.add_r()
    if bold:
        run.get_or_add_rPr().get_or_add_b()
    run.text = text


def _row_flags(tr, *flags: str) -> None:  # type: ignore[no-untyped-def]
    """w:tblHeader: a header row, repeated on each page and announced by screen readers;
    w:cantSplit: the row moves to the next page whole."""
    properties = tr.get_or_add_trPr()
    for name in flags:
        flag = OxmlElement(name)
        flag.set(qn("w:val"), "true")
        properties.append(flag)


def _table_caption(grid, caption: str) -> None:  # type: ignore[no-untyped-def]
    """The table's alternative-text title (Word's Table Properties, Alt Text)."""
    element = OxmlElement("w:tblCaption")
    element.set(qn("w:val"), caption[:255])
    grid._tbl.tblPr.append(element)


def _describe_picture(docx, title: str, description: str) -> None:  # type: ignore[no-untyped-def]
    """The last picture's alternative text (Word's "Alt Text")."""
    doc_pr = docx.inline_shapes[-1]._inline.docPr
    doc_pr.set("descr", description)
    doc_pr.set("title", title)


def _keep_last_with_next(docx) -> None:  # type: ignore[no-untyped-def]
    docx.paragraphs[-1].paragraph_format.keep_with_next = True


def _docx_chart(docx, chart: Chart) -> None:  # type: ignore[no-untyped-def]
    """Title once (the caption), the picture, then its data table: captioned again only
    when the table has a title of its own."""
    _caption(docx, chart.title)
    docx.add_picture(io.BytesIO(chart_png(chart.spec)), width=Cm(15))
    _describe_picture(docx, chart.title, chart.summary)
    _keep_last_with_next(docx)
    _docx_table(docx, chart.table, captioned=chart.table.caption != chart.title)


def _docx_glance(docx, glance: Glance) -> None:  # type: ignore[no-untyped-def]
    docx.add_picture(io.BytesIO(svg_png(glance_svg(glance))), width=Cm(16.5))
    _describe_picture(docx, glance.title, glance.summary)
    _keep_last_with_next(docx)
    _docx_table(docx, glance.table)
